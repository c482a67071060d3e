/* mml-sync-conflicts.c — watch conflicts listed and resolved, and webhook
 * events applied (see mml-sync-controller.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-engine-private.h"
#include "mml-sync-private.h"

/* ---- conflicts ---- */

static void
conflicts_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *list = mml_store_list_sync_conflicts_finish (MML_STORE (object), result, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

void
mml_sync_controller_list_conflicts_async (MmlSyncController   *self,
                                          guint                kinds,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  mml_store_list_sync_conflicts_async (self->store, kinds, cancellable, conflicts_listed_cb, task);
}

GPtrArray *
mml_sync_controller_list_conflicts_finish (MmlSyncController  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64          server_id;
  MmlSyncPush    *push;
  MmlMediaServer *client;
} Resolve;

static void
resolve_free (Resolve *r)
{
  mml_sync_push_free (r->push);
  g_clear_object (&r->client);
  g_free (r);
}

static void
resolve_confirmed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_sync_confirm_finish (MML_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
resolve_pushed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  Resolve *r = g_task_get_task_data (task);
  g_autoptr(GPtrArray) confirmed = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sync_push_free);
  GError *error = NULL;

  if (!mml_media_server_set_watched_finish (MML_MEDIA_SERVER (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (confirmed, g_steal_pointer (&r->push));
  mml_store_sync_confirm_async (self->store, r->server_id, confirmed, NULL, NULL, NULL,
                                resolve_confirmed_cb, g_steal_pointer (&task));
}

static void
resolve_prepared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);
  Resolve *r = g_task_get_task_data (task);
  g_autoptr(MmlServerRow) row = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  if (!(row = _mml_sync_prepare_finish (self, result, &token, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  r->client = _mml_sync_new_client (self, row, token);
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_media_server_set_watched_async (r->client, r->push->item_id, r->push->state.watched, r->push->state.at,
                                      cancellable, resolve_pushed_cb, g_steal_pointer (&task));
}

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  Resolve *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mml_store_resolve_watch_conflict_finish (MML_STORE (object), result, &r->server_id, &r->push, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (r->push == NULL)
    {
      /* the library took the server's state */
      _mml_sync_emit_changed (self);
      g_task_return_boolean (task, TRUE);
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);

  _mml_sync_prepare_async (self, r->server_id, cancellable, resolve_prepared_cb,
                           g_steal_pointer (&task));
}

void
mml_sync_controller_resolve_async (MmlSyncController   *self,
                                   gint64               conflict_id,
                                   gboolean             keep_local,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, g_new0 (Resolve, 1), (GDestroyNotify) resolve_free);
  mml_store_resolve_watch_conflict_async (self->store, conflict_id, keep_local, cancellable, resolved_cb, task);
}

gboolean
mml_sync_controller_resolve_finish (MmlSyncController  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- "always prefer …" for a series ---- */

typedef struct
{
  gint64          series_id;
  MmlWatchPrefer  prefer;
  GArray         *ids;        /* gint64: its open watch conflicts */
  guint           next;
} Prefer;

static void
prefer_free (Prefer *p)
{
  g_clear_pointer (&p->ids, g_array_unref);
  g_free (p);
}

static void prefer_next (GTask *task);

static void
prefer_resolved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_sync_controller_resolve_finish (MML_SYNC_CONTROLLER (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  prefer_next (g_steal_pointer (&task));
}

static void
prefer_next (GTask *task)
{
  MmlSyncController *self = g_task_get_source_object (task);
  Prefer *p = g_task_get_task_data (task);

  if (p->ids == NULL || p->next >= p->ids->len)
    {
      g_task_return_int (task, p->ids != NULL ? p->ids->len : 0);
      g_object_unref (task);
      return;
    }
  mml_sync_controller_resolve_async (self, g_array_index (p->ids, gint64, p->next++),
                                     p->prefer == MML_WATCH_PREFER_LOCAL, g_task_get_cancellable (task),
                                     prefer_resolved_cb, task);
}

static void
prefer_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Prefer *p = g_task_get_task_data (task);
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;

  if (!(list = mml_store_list_sync_conflicts_finish (MML_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  p->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < list->len; i++)
    {
      MmlSyncConflict *c = g_ptr_array_index (list, i);

      if (c->kind == MML_SYNC_CONFLICT_WATCH && c->series_id == p->series_id)
        g_array_append_val (p->ids, c->id);
    }
  prefer_next (task);
}

static void
prefer_set_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  Prefer *p = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mml_store_set_watch_prefer_finish (MML_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (p->prefer == MML_WATCH_PREFER_NONE)
    {
      prefer_next (task);
      return;
    }
  mml_store_list_sync_conflicts_async (self->store, 1u << MML_SYNC_CONFLICT_WATCH, g_task_get_cancellable (task),
                                       prefer_listed_cb, task);
}

void
mml_sync_controller_prefer_async (MmlSyncController   *self,
                                  gint64               series_id,
                                  MmlWatchPrefer       prefer,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Prefer *p = g_new0 (Prefer, 1);

  g_task_set_source_tag (task, mml_sync_controller_prefer_async);
  p->series_id = series_id;
  p->prefer = prefer;
  g_task_set_task_data (task, p, (GDestroyNotify) prefer_free);
  mml_store_set_watch_prefer_async (self->store, series_id, prefer, cancellable, prefer_set_cb, task);
}

gboolean
mml_sync_controller_prefer_finish (MmlSyncController  *self,
                                   GAsyncResult       *result,
                                   guint              *resolved,
                                   GError            **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (resolved != NULL)
    *resolved = (guint) n;
  return TRUE;
}

/* ---- a server's series mapped by the user ---- */

static void
series_mapped_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_map_server_series_finish (MML_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _mml_sync_emit_changed (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

void
mml_sync_controller_map_series_async (MmlSyncController   *self,
                                      gint64               conflict_id,
                                      gint64               series_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  mml_store_map_server_series_async (self->store, conflict_id, series_id, cancellable, series_mapped_cb, task);
}

gboolean
mml_sync_controller_map_series_finish (MmlSyncController  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- webhooks ---- */

typedef struct
{
  MmlWatchEvent *event;
  char          *line;
} Webhook;

static void
webhook_free (Webhook *w)
{
  mml_watch_event_free (w->event);
  g_free (w->line);
  g_free (w);
}

/* The event as a JSON object: what `webhook listen` prints and the
 * webhook log keeps (transfer full) */
static char *
event_json (const MmlWatchEvent *e,
            const char          *outcome,
            gint64               server_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sender");
  json_builder_add_string_value (b, e->sender);
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, e->event);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, mml_watch_action_to_string (e->action));
  json_builder_set_member_name (b, "item_id");
  json_builder_add_string_value (b, e->item_id);
  json_builder_set_member_name (b, "season");
  json_builder_add_int_value (b, e->season);
  json_builder_set_member_name (b, "episode");
  json_builder_add_int_value (b, e->episode);
  if (e->series_title != NULL)
    {
      json_builder_set_member_name (b, "series");
      json_builder_add_string_value (b, e->series_title);
    }
  if (outcome != NULL)
    {
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, outcome);
      json_builder_set_member_name (b, "server_id");
      if (server_id != 0)
        json_builder_add_int_value (b, server_id);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
webhook_applied_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  Webhook *w = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 server_id = 0;
  MmlWebhookOutcome outcome = mml_store_apply_webhook_finish (MML_STORE (object), result, &server_id, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  w->line = event_json (w->event, mml_webhook_outcome_to_string (outcome), server_id);
  if (outcome == MML_WEBHOOK_APPLIED)
    _mml_sync_emit_changed (self);
  g_task_return_int (task, outcome);
}

void
mml_sync_controller_apply_webhook_async (MmlSyncController   *self,
                                         JsonNode            *payload,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  MmlWatchEvent *event;
  GError *error = NULL;

  if (!(event = mml_watch_event_parse (payload, &error)))
    {
      g_task_report_error (self, callback, user_data, mml_sync_controller_apply_webhook_async, error);
      return;
    }
  _mml_sync_apply_event_async (self, event, cancellable, callback, user_data);
}

void
_mml_sync_apply_event_async (MmlSyncController   *self,
                             MmlWatchEvent       *event,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Webhook *w = g_new0 (Webhook, 1);
  MmlWebhookRecord record = { 0 };
  g_autofree char *json = NULL;

  g_task_set_task_data (task, w, (GDestroyNotify) webhook_free);
  w->event = event;
  json = event_json (w->event, NULL, 0);
  record.key = w->event->key;
  record.sender = w->event->sender;
  record.event = w->event->event;
  record.machine_id = w->event->server_id;
  record.item_id = w->event->item_id;
  record.action = w->event->action == MML_WATCH_ACTION_WATCHED ? 1
                  : w->event->action == MML_WATCH_ACTION_UNWATCHED ? 2 : 0;
  record.at = w->event->at;
  record.event_json = json;
  mml_store_apply_webhook_async (self->store, &record, cancellable, webhook_applied_cb, task);
}

MmlWebhookOutcome
mml_sync_controller_apply_webhook_finish (MmlSyncController  *self,
                                          GAsyncResult       *result,
                                          char              **event_out,
                                          GError            **error)
{
  GError *local = NULL;
  gssize outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), MML_WEBHOOK_IGNORED);

  outcome = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return MML_WEBHOOK_IGNORED;
    }
  if (event_out != NULL)
    *event_out = g_strdup (((Webhook *) g_task_get_task_data (G_TASK (result)))->line);
  return (MmlWebhookOutcome) outcome;
}
