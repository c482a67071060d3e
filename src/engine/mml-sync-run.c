/* mml-sync-run.c — one sync of the media servers, server after server
 * (see mml_sync_controller_sync_async())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per server: read every series and every episode with the user's state
 * (paged), map the server's paths to this desktop's, let the store map
 * and merge them in one transaction (pulls, baselines and conflicts land
 * there), send the pushes a few at a time, and only then move the
 * baselines of the pushes the server confirmed. A failure part-way
 * leaves each baseline where the last confirmed state put it, so the
 * next sync picks up exactly what is left.
 */
#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mml-sync-private.h"
#include "mml-watch-sync.h"

/* Writes in flight to one server */
#define MAX_PUSHES_IN_FLIGHT 4

void
mml_sync_report_free (MmlSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->name);
  g_free (report->error);
  g_free (report);
}

char *
mml_sync_report_to_json (const MmlSyncReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  struct { const char *name; guint value; } counts[] = {
    { "mapped_series", r->mapped_series }, { "unmapped_series", r->unmapped_series },
    { "mapped_episodes", r->mapped_episodes }, { "unmapped_episodes", r->unmapped_episodes },
    { "pulled", r->pulled }, { "pushed", r->pushed }, { "conflicts", r->conflicts },
    { "unchanged", r->unchanged }, { "requests", r->requests }, { "errors", r->errors },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, r->server_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, r->name != NULL ? r->name : "");
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].name);
      json_builder_add_int_value (b, counts[i].value);
    }
  json_builder_set_member_name (b, "error");
  if (r->error != NULL)
    json_builder_add_string_value (b, r->error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ms");
  json_builder_add_int_value (b, (gint64) (r->seconds * 1000 + 0.5));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

typedef struct
{
  GArray         *ids;       /* gint64: the servers, in turn */
  guint           next;
  guint           first_pass; /* 0, or how many of ids the first pass had */
  gboolean        dry_run;
  gboolean        one;       /* a server was named: an unknown id fails */
  GPtrArray      *reports;   /* (element-type MmlSyncReport) */
  /* the server being synced */
  MmlServerRow   *row;
  MmlMediaServer *client;
  MmlSyncReport  *report;
  GStrv           libraries;
  GPtrArray      *series;    /* (element-type MmlServerSeries) */
  MmlSyncResult  *result;
  GPtrArray      *confirmed; /* (element-type MmlSyncPush) */
  guint           push_next;
  guint           in_flight;
  gboolean        push_stop;
  gint64          started;
} SyncRun;

static void
clear_server (SyncRun *run)
{
  g_clear_pointer (&run->row, mml_server_row_free);
  g_clear_object (&run->client);
  g_clear_pointer (&run->report, mml_sync_report_free);
  g_clear_pointer (&run->libraries, g_strfreev);
  g_clear_pointer (&run->series, g_ptr_array_unref);
  g_clear_pointer (&run->result, mml_sync_result_free);
  g_clear_pointer (&run->confirmed, g_ptr_array_unref);
  run->push_next = 0;
  run->in_flight = 0;
  run->push_stop = FALSE;
}

static void
sync_run_free (SyncRun *run)
{
  clear_server (run);
  g_clear_pointer (&run->ids, g_array_unref);
  g_clear_pointer (&run->reports, g_ptr_array_unref);
  g_free (run);
}

static void next_server (GTask *task);

/* The error of this server; the sync goes on with the next one */
static void
server_failed (GTask  *task,
               GError *error)
{
  SyncRun *run = g_task_get_task_data (task);

  if (run->report->error == NULL)
    run->report->error = g_strdup (error->message);
  run->report->errors++;
  g_error_free (error);
}

/* A server synced again after another one's marks reached the library:
 * one report per server still, its counts the sum of both passes (and
 * the open conflicts as the last pass left them) */
static void
add_to_first_report (SyncRun *run)
{
  MmlSyncReport *again = run->report;

  for (guint i = 0; i < run->reports->len; i++)
    {
      MmlSyncReport *r = g_ptr_array_index (run->reports, i);

      if (r->server_id != again->server_id)
        continue;
      r->pulled += again->pulled;
      r->pushed += again->pushed;
      r->requests += again->requests;
      r->errors += again->errors;
      r->new_conflicts += again->new_conflicts;
      r->conflicts = again->conflicts;
      r->seconds += again->seconds;
      if (r->error == NULL && again->error != NULL)
        r->error = g_strdup (again->error);
      return;
    }
  g_ptr_array_add (run->reports, g_steal_pointer (&run->report));
}

/* After the first pass: the servers synced before the last one whose
 * marks changed the library learn of them now, not at the next sync
 * ("a change from one reaches the library and then the others").
 * FALSE when there is none to sync again. */
static gboolean
queue_second_pass (SyncRun *run)
{
  guint last_pull = 0;
  gboolean any = FALSE;

  if (run->dry_run || run->one || run->first_pass > 0)
    return FALSE;
  for (guint i = 0; i < run->reports->len; i++)
    {
      MmlSyncReport *r = g_ptr_array_index (run->reports, i);

      if (r->pulled > 0 && r->error == NULL)
        last_pull = i + 1;
    }
  run->first_pass = run->ids->len;
  for (guint i = 0; i + 1 < last_pull; i++)
    {
      MmlSyncReport *r = g_ptr_array_index (run->reports, i);

      if (r->error != NULL)
        continue;
      g_array_append_val (run->ids, r->server_id);
      any = TRUE;
    }
  return any;
}

static void
server_done (GTask *task)
{
  MmlSyncController *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);

  run->report->seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;
  if (run->client != NULL)
    run->report->requests = mml_media_server_get_requests (run->client);
  if (run->report->pulled > 0 && !run->dry_run)
    _mml_sync_emit_changed (self);
  if (run->first_pass > 0)
    add_to_first_report (run);
  else
    g_ptr_array_add (run->reports, g_steal_pointer (&run->report));
  clear_server (run);
  next_server (task);
}

static void
confirmed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!mml_store_sync_confirm_finish (MML_STORE (object), result, &error))
    server_failed (task, error);
  server_done (task);
}

/* The end of one server's sync: its baselines, time, error and log */
static void
confirm (GTask *task)
{
  MmlSyncController *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autofree char *summary = NULL;

  if (run->dry_run)
    {
      server_done (task);
      return;
    }
  if (run->client != NULL)
    run->report->requests = mml_media_server_get_requests (run->client);
  run->report->seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;
  summary = mml_sync_report_to_json (run->report);
  mml_store_sync_confirm_async (self->store, run->row->id, run->confirmed, run->report->error, summary,
                                NULL, confirmed_cb, task);
}

static void push_more (GTask *task);

typedef struct
{
  GTask       *task;
  MmlSyncPush *push;
} PushCall;

static void
pushed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PushCall *call = user_data;
  GTask *task = call->task;
  SyncRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->in_flight--;
  if (mml_media_server_set_watched_finish (MML_MEDIA_SERVER (object), result, &error))
    {
      g_ptr_array_add (run->confirmed, g_steal_pointer (&call->push));
      run->report->pushed++;
    }
  else
    {
      /* a refused token or a server gone stops the rest; one item the
       * server will not take does not */
      if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH) ||
          g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT) ||
          g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE) ||
          g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        run->push_stop = TRUE;
      server_failed (task, error);
    }
  mml_sync_push_free (call->push);
  g_free (call);
  push_more (task);
}

static void
push_more (GTask *task)
{
  SyncRun *run = g_task_get_task_data (task);
  GPtrArray *pushes = run->result->pushes;

  while (!run->push_stop && run->in_flight < MAX_PUSHES_IN_FLIGHT && run->push_next < pushes->len)
    {
      PushCall *call = g_new0 (PushCall, 1);
      MmlSyncPush *push = g_ptr_array_index (pushes, run->push_next++);

      call->task = task;
      call->push = g_new0 (MmlSyncPush, 1);
      *call->push = *push;
      call->push->item_id = g_strdup (push->item_id);
      run->in_flight++;
      mml_media_server_set_watched_async (run->client, push->item_id, push->state.watched, push->state.at,
                                          g_task_get_cancellable (task), pushed_cb, call);
    }
  if (run->in_flight == 0 && (run->push_stop || run->push_next >= pushes->len))
    confirm (task);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  MmlSyncReport *r = run->report;
  GError *error = NULL;

  if (!(run->result = mml_store_sync_apply_finish (MML_STORE (object), result, &error)))
    {
      server_failed (task, error);
      confirm (task);
      return;
    }
  r->mapped_series = run->result->mapped_series;
  r->unmapped_series = run->result->unmapped_series;
  r->mapped_episodes = run->result->mapped_episodes;
  r->unmapped_episodes = run->result->unmapped_episodes;
  r->pulled = run->result->pulled;
  r->conflicts = run->result->conflicts;
  r->new_conflicts = run->result->new_conflicts;
  r->unchanged = run->result->unchanged;
  for (guint i = 0; i < run->result->log->len; i++)
    g_debug ("%s: %s", run->row->name, (const char *) g_ptr_array_index (run->result->log, i));
  if (run->dry_run)
    {
      /* what would be sent */
      r->pushed = run->result->pushes->len;
      confirm (task);
      return;
    }
  run->confirmed = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sync_push_free);
  push_more (task);
}

static gint64
id_number (const char *text)
{
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &value, NULL))
    return 0;
  return value;
}

/* The server's path on this desktop: through the mappings, else the
 * server's own path (a server on this machine sees what we see) */
static char *
local_path (const MmlServerRow *row,
            const char         *server_path)
{
  char *mapped;

  if (server_path == NULL)
    return NULL;
  if ((mapped = mml_server_path_map ((const char * const *) row->paths, server_path)) != NULL)
    return mapped;
  return mml_server_path_normalize (server_path);
}

static void
episodes_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;

  if (!(episodes = mml_media_server_list_episodes_finish (MML_MEDIA_SERVER (object), result, &error)))
    {
      server_failed (task, error);
      confirm (task);
      return;
    }

  series = g_ptr_array_new_full (run->series->len, (GDestroyNotify) mml_sync_series_free);
  for (guint i = 0; i < run->series->len; i++)
    {
      MmlServerSeries *in = g_ptr_array_index (run->series, i);
      MmlSyncSeries *out = g_new0 (MmlSyncSeries, 1);

      out->item_id = g_strdup (in->id);
      out->title = g_strdup (in->title);
      out->year = in->year;
      out->tvdb_id = id_number (in->tvdb_id);
      out->tmdb_id = id_number (in->tmdb_id);
      out->imdb_id = in->imdb_id != NULL && g_str_has_prefix (in->imdb_id, "tt") ? g_strdup (in->imdb_id) : NULL;
      out->local_path = local_path (run->row, in->path);
      g_ptr_array_add (series, out);
    }
  items = g_ptr_array_new_full (episodes->len, (GDestroyNotify) mml_sync_episode_free);
  for (guint i = 0; i < episodes->len; i++)
    {
      MmlServerEpisode *in = g_ptr_array_index (episodes, i);
      MmlSyncEpisode *out = g_new0 (MmlSyncEpisode, 1);

      out->item_id = g_strdup (in->id);
      out->series_item_id = g_strdup (in->series_id);
      out->season = in->season;
      out->episode = in->episode;
      out->episode_end = MAX (in->episode_end, in->episode);
      out->local_path = local_path (run->row, in->path);
      out->state.watched = in->watched;
      out->state.at = in->watched ? in->watched_at : 0;
      out->state.plays = in->watched ? MAX (in->plays, 1) : 0;
      g_ptr_array_add (items, out);
    }
  g_clear_pointer (&run->series, g_ptr_array_unref);
  g_clear_pointer (&episodes, g_ptr_array_unref);

  mml_store_sync_apply_async (self->store, run->row->id, series, items,
                              mml_media_server_dates_lossy (run->client), run->dry_run,
                              g_task_get_cancellable (task), applied_cb, task);
}

static void
series_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(run->series = mml_media_server_list_series_finish (MML_MEDIA_SERVER (object), result, &error)))
    {
      server_failed (task, error);
      confirm (task);
      return;
    }
  mml_media_server_list_episodes_async (run->client, (const char * const *) run->libraries, 0,
                                        g_task_get_cancellable (task), episodes_cb, task);
}

/* The ids of the libraries a server row syncs; NULL: every TV library */
static GStrv
library_ids (const MmlServerRow *row)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *list;
  guint n = 0;

  if (row->libraries == NULL || !json_parser_load_from_data (parser, row->libraries, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  list = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !(id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL)))
        continue;
      g_strv_builder_add (ids, id);
      n++;
    }
  return n > 0 ? g_strv_builder_end (ids) : NULL;
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);
  SyncRun *run = g_task_get_task_data (task);
  g_autofree char *token = NULL;
  GError *error = NULL;

  if (!(run->row = _mml_sync_prepare_finish (self, result, &token, &error)))
    {
      if (run->one && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          self->busy--;
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      /* no token: recorded as this server's failure */
      server_failed (task, error);
      if (g_array_index (run->ids, gint64, run->next - 1) != 0)
        {
          MmlServerRow *row = g_new0 (MmlServerRow, 1);

          row->id = g_array_index (run->ids, gint64, run->next - 1);
          row->name = g_strdup (run->report->name);
          run->row = row;
          confirm (task);
          return;
        }
      server_done (task);
      return;
    }
  g_free (run->report->name);
  run->report->name = g_strdup (run->row->name);
  run->client = _mml_sync_new_client (self, run->row, token);
  run->libraries = library_ids (run->row);
  mml_media_server_list_series_async (run->client, (const char * const *) run->libraries,
                                      g_task_get_cancellable (task), series_cb, task);
}

static void
next_server (GTask *task)
{
  MmlSyncController *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  gint64 id;

  if (run->next >= run->ids->len && !g_cancellable_is_cancelled (g_task_get_cancellable (task))
      && queue_second_pass (run))
    g_debug ("syncing %u servers again for the marks a later one brought", run->ids->len - run->next);
  if (run->next >= run->ids->len || g_task_return_error_if_cancelled (task))
    {
      guint new_conflicts = 0;

      for (guint i = 0; run->reports != NULL && i < run->reports->len; i++)
        new_conflicts += ((MmlSyncReport *) g_ptr_array_index (run->reports, i))->new_conflicts;
      if (!g_task_had_error (task))
        g_task_return_pointer (task, g_steal_pointer (&run->reports), (GDestroyNotify) g_ptr_array_unref);
      self->busy--;
      if (new_conflicts > 0 && !run->dry_run)
        _mml_sync_emit_conflicts_found (self, new_conflicts);
      g_object_unref (task);
      return;
    }
  id = g_array_index (run->ids, gint64, run->next++);
  run->report = g_new0 (MmlSyncReport, 1);
  run->report->server_id = id;
  run->started = g_get_monotonic_time ();
  _mml_sync_prepare_async (self, id, g_task_get_cancellable (task), prepared_cb, task);
}

static void
servers_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;

  if (!(rows = mml_store_list_servers_finish (MML_STORE (object), result, &error)))
    {
      self->busy--;
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      MmlServerRow *row = g_ptr_array_index (rows, i);

      if (row->enabled)
        g_array_append_val (run->ids, row->id);
    }
  next_server (task);
}

void
mml_sync_controller_sync_async (MmlSyncController   *self,
                                gint64               server_id,
                                gboolean             dry_run,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  SyncRun *run;

  g_return_if_fail (MML_IS_SYNC_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_sync_controller_sync_async);
  run = g_new0 (SyncRun, 1);
  run->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->dry_run = dry_run;
  run->one = server_id != 0;
  run->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sync_report_free);
  g_task_set_task_data (task, run, (GDestroyNotify) sync_run_free);
  self->busy++;

  if (server_id != 0)
    {
      g_array_append_val (run->ids, server_id);
      next_server (task);
    }
  else
    mml_store_list_servers_async (self->store, 0, cancellable, servers_cb, task);
}

GPtrArray *
mml_sync_controller_sync_finish (MmlSyncController  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
