/* mml-sync-listen.c — the ways a server reaches us: signing in to Plex
 * with a PIN, and the webhook receiver (see mml-sync-controller.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mml-engine-private.h"
#include "mml-secrets.h"
#include "mml-sync-private.h"
#include "mml-webhook-server.h"

/* ---- Plex: a PIN ---- */

static void
pin_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MmlPlexPin *pin = mml_plex_pin_create_finish (result, &error);

  if (pin == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pin, (GDestroyNotify) mml_plex_pin_free);
}

static void
pin_prepared_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_plex_pin_create_async (mml_engine_get_http (self->engine), self->client_id, cancellable,
                             pin_created_cb, g_steal_pointer (&task));
}

void
mml_sync_controller_plex_pin_async (MmlSyncController   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  _mml_sync_prepare_async (self, 0, cancellable, pin_prepared_cb, task);
}

MmlPlexPin *
mml_sync_controller_plex_pin_finish (MmlSyncController  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64   pin_id;
  gint64   expires_at;
  char    *name;
  char    *token;
  guint    timeout;
} Link;

static void
link_free (Link *l)
{
  if (l->timeout != 0)
    g_source_remove (l->timeout);
  g_free (l->name);
  if (l->token != NULL)
    memset (l->token, 0, strlen (l->token));
  g_free (l->token);
  g_free (l);
}

static void
link_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MmlServerRow *row = mml_sync_controller_add_server_finish (MML_SYNC_CONTROLLER (object), result, &error);

  if (row == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, row, (GDestroyNotify) mml_server_row_free);
}

static void
servers_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  Link *l = g_task_get_task_data (task);
  g_autoptr(GPtrArray) servers = NULL;
  MmlPlexServer *pick = NULL;
  MmlServerAccount account = { MML_SERVER_KIND_PLEX };
  GError *error = NULL;

  if (!(servers = mml_plex_servers_finish (result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the one named, else the first of one's own that answered, else any that answered */
  for (guint pass = 0; pass < 3 && pick == NULL; pass++)
    for (guint i = 0; i < servers->len && pick == NULL; i++)
      {
        MmlPlexServer *s = g_ptr_array_index (servers, i);

        if (s->uri == NULL)
          continue;
        if ((pass == 0 && l->name != NULL && g_strcmp0 (s->name, l->name) == 0) ||
            (pass == 1 && l->name == NULL && s->owned) || (pass == 2 && l->name == NULL))
          pick = s;
      }
  if (pick == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               l->name != NULL ? _("The Plex account has no server called “%s” that answers")
                                               : _("The Plex account has no server that answers%s"),
                               l->name != NULL ? l->name : "");
      return;
    }
  account.url = pick->uri;
  account.name = pick->name;
  account.token = pick->access_token != NULL ? pick->access_token : l->token;
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_sync_controller_add_server_async (self, &account, cancellable, link_added_cb,
                                        g_steal_pointer (&task));
}

static gboolean check_pin (gpointer data);

static void
pin_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  Link *l = g_task_get_task_data (task);
  GError *error = NULL;

  l->token = mml_plex_pin_check_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (l->token != NULL)
    {
      mml_plex_servers_async (mml_engine_get_http (self->engine), self->client_id, l->token,
                              g_task_get_cancellable (task), servers_found_cb, task);
      return;
    }
  if (l->expires_at > 0 && g_get_real_time () / G_USEC_PER_SEC >= l->expires_at)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("The PIN expired before it was entered: sign in again"));
      g_object_unref (task);
      return;
    }
  /* every second, as plex.tv asks */
  l->timeout = g_timeout_add_seconds (1, check_pin, task);
}

static gboolean
check_pin (gpointer data)
{
  GTask *task = data;
  MmlSyncController *self = g_task_get_source_object (task);
  Link *l = g_task_get_task_data (task);

  l->timeout = 0;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  mml_plex_pin_check_async (mml_engine_get_http (self->engine), self->client_id, l->pin_id,
                            g_task_get_cancellable (task), pin_checked_cb, task);
  return G_SOURCE_REMOVE;
}

void
mml_sync_controller_plex_link_async (MmlSyncController   *self,
                                     const MmlPlexPin    *pin,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Link *l = g_new0 (Link, 1);

  l->pin_id = pin->id;
  l->expires_at = pin->expires_at;
  l->name = g_strdup (name);
  g_task_set_task_data (task, l, (GDestroyNotify) link_free);
  check_pin (task);
}

MmlServerRow *
mml_sync_controller_plex_link_finish (MmlSyncController  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the webhook receiver ---- */

#define WEBHOOK_PREFIX "/webhook"
#define WEBHOOK_SERVICE "webhook"
#define WEBHOOK_FIELD "secret"

static void
webhook_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  (void) user_data;
  mml_sync_controller_apply_webhook_finish (self, result, &line, &error);
  if (error != NULL)
    {
      g_warning ("A webhook event could not be applied: %s", error->message);
      return;
    }
  g_signal_emit_by_name (self, "webhook", line);
}

static guint
webhook_cb (MmlWebhookServer  *server,
            MmlWebhookRequest *request,
            gpointer           user_data)
{
  MmlSyncController *self = user_data;
  JsonNode *payload = mml_webhook_request_get_payload (request);
  MmlWatchEvent *event;

  (void) server;
  /* parsed here, once, so the sender hears 400 for what is not an event */
  if (payload == NULL || !(event = mml_watch_event_parse (payload, NULL)))
    return 400;
  _mml_sync_apply_event_async (self, event, NULL, webhook_done_cb, NULL);
  return 200;
}

typedef struct
{
  char  *address;
  guint  port;
} Listen;

static void
listen_free (Listen *l)
{
  g_free (l->address);
  g_free (l);
}

static void
start_listening (GTask      *task,
                 const char *secret)
{
  MmlSyncController *self = g_task_get_source_object (task);
  Listen *l = g_task_get_task_data (task);
  g_autoptr(MmlWebhookServer) server = mml_webhook_server_new_secret_path (WEBHOOK_PREFIX, secret);
  g_autofree char *base = NULL;
  g_autofree char *escaped = g_uri_escape_string (secret, NULL, FALSE);
  GError *error = NULL;

  mml_webhook_server_add_path (server, WEBHOOK_PREFIX, NULL, webhook_cb, self, NULL);
  if (!mml_webhook_server_listen (server, l->address, l->port, &error))
    {
      _mml_sync_set_webhook_state (self, NULL, error->message);
      g_task_return_error (task, error);
      return;
    }
  base = mml_webhook_server_dup_base_url (server);
  if (self->webhooks != NULL)
    mml_webhook_server_stop (self->webhooks);
  g_set_object (&self->webhooks, server);
  {
    g_autofree char *url = g_strconcat (base, WEBHOOK_PREFIX "/", escaped, NULL);

    _mml_sync_set_webhook_state (self, url, NULL);
    g_task_return_pointer (task, g_steal_pointer (&url), g_free);
  }
}

static void
secret_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_object_steal_data (G_OBJECT (task), "secret");

  /* without a keyring the secret lasts as long as this receiver */
  if (!mml_secrets_store_finish (result, &error))
    g_message ("The webhook secret could not be kept (%s): the URL changes next time", error->message);
  start_listening (task, secret);
  memset (secret, 0, strlen (secret));
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = mml_secrets_lookup_finish (result, &error);

  if (secret != NULL && strlen (secret) >= 16)
    {
      start_listening (task, secret);
      memset (secret, 0, strlen (secret));
      return;
    }
  /* a new one: 32 random bytes as hex */
  {
    GString *made = g_string_sized_new (64);

    for (guint i = 0; i < 8; i++)
      g_string_append_printf (made, "%08x", g_random_int ());
    g_object_set_data (G_OBJECT (task), "secret", g_string_free (made, FALSE));
  }
  {
    const char *made = g_object_get_data (G_OBJECT (task), "secret");

    mml_secrets_store_async (WEBHOOK_SERVICE, WEBHOOK_FIELD, made, _("My Media Library webhook secret"), NULL,
                             secret_saved_cb, g_steal_pointer (&task));
  }
}

void
mml_sync_controller_listen_async (MmlSyncController   *self,
                                  const char          *address,
                                  guint                port,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Listen *l = g_new0 (Listen, 1);

  l->address = g_strdup (address);
  l->port = port;
  g_task_set_task_data (task, l, (GDestroyNotify) listen_free);
  mml_secrets_lookup_async (WEBHOOK_SERVICE, WEBHOOK_FIELD, cancellable, secret_cb, task);
}

char *
mml_sync_controller_listen_finish (MmlSyncController  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_sync_controller_stop_listening (MmlSyncController *self)
{
  g_return_if_fail (MML_IS_SYNC_CONTROLLER (self));

  if (self->webhooks != NULL)
    mml_webhook_server_stop (self->webhooks);
  g_clear_object (&self->webhooks);
  _mml_sync_set_webhook_state (self, NULL, NULL);
}

guint
mml_sync_controller_get_refused (MmlSyncController *self)
{
  g_return_val_if_fail (MML_IS_SYNC_CONTROLLER (self), 0);
  return self->webhooks != NULL ? mml_webhook_server_get_refused (self->webhooks) : 0;
}
