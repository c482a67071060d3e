/* mml-server-conflicts.c — the end of a sync (confirmed pushes), watch
 * conflicts listed and resolved, and webhook events applied (see
 * mml-server-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-server-store-private.h"

/* ---- the end of a sync: confirmed pushes ---- */

typedef struct
{
  gint64     server_id;
  GPtrArray *confirmed;
  char      *error_text;
  char      *summary;
} ConfirmJob;

static void
confirm_job_free (ConfirmJob *job)
{
  g_clear_pointer (&job->confirmed, g_ptr_array_unref);
  g_free (job->error_text);
  g_free (job->summary);
  g_free (job);
}

static void
confirm_job (MmlStore     *self,
             sqlite3      *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ConfirmJob *job = task_data;
  Statements s = { 0 };
  g_autoptr(sqlite3_stmt) server = NULL;
  g_autoptr(sqlite3_stmt) log = NULL;
  g_autoptr(sqlite3_stmt) name = NULL;
  g_autofree char *label = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!mml_store_begin (db, &error))
    goto fail;
  if (!_mml_server_exists (db, job->server_id, &error) ||
      !_mml_server_statements_prepare (db, &s, &error) ||
      !(server = mml_store_prepare (db, "UPDATE servers SET last_sync_at = ?2, last_error = ?3, "
                                        "last_summary = coalesce (?4, last_summary) WHERE id = ?1", &error)) ||
      !(log = mml_store_prepare (db, "INSERT INTO sync_log (at, server, level, message) VALUES (?1, ?2, ?3, ?4)",
                                 &error)) ||
      !(name = mml_store_prepare (db, "SELECT name FROM servers WHERE id = ?1", &error)))
    goto rollback;

  /* the episodes of every item confirmed: a multi-episode item is one push */
  for (guint i = 0; i < job->confirmed->len; i++)
    {
      MmlSyncPush *push = g_ptr_array_index (job->confirmed, i);
      g_autoptr(sqlite3_stmt) rows = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!(rows = mml_store_prepare (db, "SELECT episode_id FROM server_episodes WHERE server_id = ?1 AND item_id = ?2",
                                      &error)))
        goto rollback;
      sqlite3_bind_int64 (rows, 1, job->server_id);
      sqlite3_bind_text (rows, 2, push->item_id, -1, SQLITE_STATIC);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (rows, 0);

          g_array_append_val (ids, id);
        }
      if (ids->len == 0)
        g_array_append_val (ids, push->episode_id);
      for (guint k = 0; k < ids->len; k++)
        if (!_mml_server_put_baseline (db, &s, job->server_id, push->item_id,
                                       g_array_index (ids, gint64, k), &push->state, &error))
          goto rollback;
      if (push->conflict_id != 0)
        {
          sqlite3_bind_int64 (s.close_conflict, 1, push->conflict_id);
          sqlite3_bind_int64 (s.close_conflict, 2, now);
          if (!_mml_server_step (db, s.close_conflict, &error))
            goto rollback;
        }
    }

  sqlite3_bind_int64 (server, 1, job->server_id);
  sqlite3_bind_int64 (server, 2, now);
  mml_store_bind_text_or_null (server, 3, job->error_text);
  mml_store_bind_text_or_null (server, 4, job->summary);
  if (!_mml_server_step (db, server, &error))
    goto rollback;

  sqlite3_bind_int64 (name, 1, job->server_id);
  if (sqlite3_step (name) == SQLITE_ROW)
    label = g_strdup ((const char *) sqlite3_column_text (name, 0));
  sqlite3_bind_int64 (log, 1, now);
  mml_store_bind_text_or_null (log, 2, label);
  sqlite3_bind_text (log, 3, job->error_text != NULL ? "error" : "info", -1, SQLITE_STATIC);
  sqlite3_bind_text (log, 4, job->error_text != NULL ? job->error_text
                                                     : (job->summary != NULL ? job->summary : "synced"),
                     -1, SQLITE_STATIC);
  if (!_mml_server_step (db, log, &error) || !mml_store_commit (db, &error))
    goto rollback;
  _mml_server_statements_clear (&s);
  g_task_return_boolean (task, TRUE);
  return;

rollback:
  mml_store_rollback (db);
fail:
  _mml_server_statements_clear (&s);
  g_task_return_error (task, error);
}

void
mml_store_sync_confirm_async (MmlStore            *self,
                              gint64               server_id,
                              GPtrArray           *confirmed,
                              const char          *error_text,
                              const char          *summary_json,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ConfirmJob *job;

  g_return_if_fail (MML_IS_STORE (self));

  job = g_new0 (ConfirmJob, 1);
  job->server_id = server_id;
  job->confirmed = confirmed != NULL ? g_ptr_array_ref (confirmed)
                                     : g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sync_push_free);
  job->error_text = g_strdup (error_text);
  job->summary = g_strdup (summary_json);
  mml_store_run_async (self, confirm_job, job, (GDestroyNotify) confirm_job_free,
                       mml_store_sync_confirm_async, cancellable, callback, user_data);
}

gboolean
mml_store_sync_confirm_finish (MmlStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- conflicts ---- */

static void
list_conflicts_job (MmlStore     *self,
                    sqlite3      *db,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  guint kinds = GPOINTER_TO_UINT (task_data);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sync_conflict_free);
  GError *error = NULL;
  int rc;

  (void) self;
  (void) cancellable;

  if (kinds == 0)
    kinds = (1 << MML_SYNC_CONFLICT_WATCH) | (1 << MML_SYNC_CONFLICT_MATCH);
  if (!(stmt = mml_store_prepare (db,
                                  "SELECT c.id, c.kind, coalesce (c.series_id, 0), s.title, "
                                  "       coalesce (json_extract (c.payload, '$.episode_id'), 0), "
                                  "       coalesce (json_extract (c.payload, '$.season'), -1), "
                                  "       coalesce (json_extract (c.payload, '$.episode'), -1), "
                                  "       coalesce (json_extract (c.payload, '$.server_id'), 0), "
                                  "       json_extract (c.payload, '$.item_id'), json_extract (c.payload, '$.title'), "
                                  "       coalesce (json_extract (c.payload, '$.local.watched'), 0), "
                                  "       coalesce (json_extract (c.payload, '$.local.at'), 0), "
                                  "       coalesce (json_extract (c.payload, '$.local.plays'), 0), "
                                  "       coalesce (json_extract (c.payload, '$.server.watched'), 0), "
                                  "       coalesce (json_extract (c.payload, '$.server.at'), 0), "
                                  "       coalesce (json_extract (c.payload, '$.server.plays'), 0), c.created_at "
                                  "FROM conflicts c LEFT JOIN series s ON s.id = c.series_id "
                                  "WHERE c.state = 'open' AND ((?1 AND c.kind = 'watch') "
                                  "  OR (?2 AND c.kind IN ('server-match', 'match'))) "
                                  "ORDER BY c.id", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int (stmt, 1, (kinds & (1 << MML_SYNC_CONFLICT_WATCH)) != 0);
  sqlite3_bind_int (stmt, 2, (kinds & (1 << MML_SYNC_CONFLICT_MATCH)) != 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlSyncConflict *c = g_new0 (MmlSyncConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "watch") == 0
                ? MML_SYNC_CONFLICT_WATCH : MML_SYNC_CONFLICT_MATCH;
      c->series_id = sqlite3_column_int64 (stmt, 2);
      c->series_title = _mml_server_column_dup (stmt, 3);
      c->episode_id = sqlite3_column_int64 (stmt, 4);
      c->season = sqlite3_column_int (stmt, 5);
      c->episode = sqlite3_column_int (stmt, 6);
      c->server_id = sqlite3_column_int64 (stmt, 7);
      c->server_item_id = _mml_server_column_dup (stmt, 8);
      c->title = _mml_server_column_dup (stmt, 9);
      c->local.watched = sqlite3_column_int (stmt, 10) != 0;
      c->local.at = sqlite3_column_int64 (stmt, 11);
      c->local.plays = sqlite3_column_int (stmt, 12);
      c->server.watched = sqlite3_column_int (stmt, 13) != 0;
      c->server.at = sqlite3_column_int64 (stmt, 14);
      c->server.plays = sqlite3_column_int (stmt, 15);
      c->created_at = sqlite3_column_int64 (stmt, 16);
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_list_sync_conflicts_async (MmlStore            *self,
                                     guint                kinds,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, list_conflicts_job, GUINT_TO_POINTER (kinds), NULL,
                       mml_store_list_sync_conflicts_async, cancellable, callback, user_data);
}

GPtrArray *
mml_store_list_sync_conflicts_finish (MmlStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64       id;
  gboolean     keep_local;
  /* out */
  gint64       server_id;
  MmlSyncPush *push;
} ResolveJob;

static void
resolve_job_free (ResolveJob *job)
{
  mml_sync_push_free (job->push);
  g_free (job);
}

static void
resolve_job (MmlStore     *self,
             sqlite3      *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ResolveJob *job = task_data;
  Statements s = { 0 };
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autofree char *item_id = NULL;
  MmlWatchState server = { 0 };
  gint64 episode_id = 0;
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!mml_store_begin (db, &error))
    goto fail;
  if (!_mml_server_statements_prepare (db, &s, &error) ||
      !(find = mml_store_prepare (db, "SELECT json_extract (payload, '$.server_id'), json_extract (payload, '$.item_id'), "
                                      "json_extract (payload, '$.episode_id'), "
                                      "coalesce (json_extract (payload, '$.server.watched'), 0), "
                                      "coalesce (json_extract (payload, '$.server.at'), 0), "
                                      "coalesce (json_extract (payload, '$.server.plays'), 0) "
                                      "FROM conflicts c JOIN servers sv ON sv.id = json_extract (c.payload, '$.server_id') "
                                      "JOIN episodes e ON e.id = json_extract (c.payload, '$.episode_id') "
                                      "WHERE c.id = ?1 AND c.kind = 'watch' AND c.state = 'open'", &error)))
    goto rollback;
  sqlite3_bind_int64 (find, 1, job->id);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      job->server_id = sqlite3_column_int64 (find, 0);
      item_id = g_strdup ((const char *) sqlite3_column_text (find, 1));
      episode_id = sqlite3_column_int64 (find, 2);
      server.watched = sqlite3_column_int (find, 3) != 0;
      server.at = sqlite3_column_int64 (find, 4);
      server.plays = sqlite3_column_int (find, 5);
    }
  if (item_id == NULL)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no open watch conflict %s"), text);
      goto rollback;
    }

  if (job->keep_local)
    {
      /* the library's state as it is now goes to the server; the
       * conflict closes when the server confirms it */
      job->push = g_new0 (MmlSyncPush, 1);
      job->push->item_id = g_steal_pointer (&item_id);
      job->push->episode_id = episode_id;
      job->push->conflict_id = job->id;
      if (!_mml_server_read_local (db, &s, episode_id, &job->push->state, NULL, &error))
        goto rollback;
      mml_store_rollback (db);
    }
  else
    {
      g_autofree char *source = g_strdup_printf ("server:%" G_GINT64_FORMAT, job->server_id);

      if (!_mml_server_pull (db, &s, episode_id, &server, source, &error) ||
          !_mml_server_put_baseline (db, &s, job->server_id, item_id, episode_id, &server, &error))
        goto rollback;
      sqlite3_bind_int64 (s.close_conflict, 1, job->id);
      sqlite3_bind_int64 (s.close_conflict, 2, g_get_real_time () / G_USEC_PER_SEC);
      if (!_mml_server_step (db, s.close_conflict, &error) || !mml_store_commit (db, &error))
        goto rollback;
    }
  _mml_server_statements_clear (&s);
  g_task_return_boolean (task, TRUE);
  return;

rollback:
  mml_store_rollback (db);
fail:
  _mml_server_statements_clear (&s);
  g_task_return_error (task, error);
}

void
mml_store_resolve_watch_conflict_async (MmlStore            *self,
                                        gint64               id,
                                        gboolean             keep_local,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  ResolveJob *job;

  g_return_if_fail (MML_IS_STORE (self));

  job = g_new0 (ResolveJob, 1);
  job->id = id;
  job->keep_local = keep_local;
  mml_store_run_async (self, resolve_job, job, (GDestroyNotify) resolve_job_free,
                       mml_store_resolve_watch_conflict_async, cancellable, callback, user_data);
}

gboolean
mml_store_resolve_watch_conflict_finish (MmlStore      *self,
                                         GAsyncResult  *result,
                                         gint64        *server_id,
                                         MmlSyncPush  **push,
                                         GError       **error)
{
  ResolveJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (server_id != NULL)
    *server_id = job->server_id;
  if (push != NULL)
    *push = g_steal_pointer (&job->push);
  return TRUE;
}

/* ---- a server's series mapped by the user ---- */

typedef struct
{
  gint64 id;
  gint64 series_id;
} MapJob;

static void
map_job (MmlStore     *self,
         sqlite3      *db,
         GTask        *task,
         gpointer      task_data,
         GCancellable *cancellable)
{
  MapJob *job = task_data;
  Statements s = { 0 };
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) series = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *title = NULL;
  gint64 server_id = 0;
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!mml_store_begin (db, &error))
    goto fail;
  if (!_mml_server_statements_prepare (db, &s, &error) ||
      !(find = mml_store_prepare (db, "SELECT json_extract (payload, '$.server_id'), json_extract (payload, '$.item_id'), "
                                      "json_extract (payload, '$.title') FROM conflicts "
                                      "WHERE id = ?1 AND kind = 'server-match' AND state = 'open'", &error)) ||
      !(series = mml_store_prepare (db, "SELECT 1 FROM series WHERE id = ?1", &error)))
    goto rollback;
  sqlite3_bind_int64 (find, 1, job->id);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      server_id = sqlite3_column_int64 (find, 0);
      item_id = g_strdup ((const char *) sqlite3_column_text (find, 1));
      title = g_strdup ((const char *) sqlite3_column_text (find, 2));
    }
  if (item_id == NULL)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no open match conflict %s of a server"), text);
      goto rollback;
    }
  sqlite3_bind_int64 (series, 1, job->series_id);
  if (sqlite3_step (series) != SQLITE_ROW)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, job->series_id);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), text);
      goto rollback;
    }
  sqlite3_bind_int64 (s.put_series, 1, server_id);
  sqlite3_bind_text (s.put_series, 2, item_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s.put_series, 3, job->series_id);
  mml_store_bind_text_or_null (s.put_series, 4, title);
  sqlite3_bind_text (s.put_series, 5, "user", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s.close_conflict, 1, job->id);
  sqlite3_bind_int64 (s.close_conflict, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!_mml_server_step (db, s.put_series, &error) || !_mml_server_step (db, s.close_conflict, &error) ||
      !mml_store_commit (db, &error))
    goto rollback;
  _mml_server_statements_clear (&s);
  g_task_return_boolean (task, TRUE);
  return;

rollback:
  mml_store_rollback (db);
fail:
  _mml_server_statements_clear (&s);
  g_task_return_error (task, error);
}

void
mml_store_map_server_series_async (MmlStore            *self,
                                   gint64               id,
                                   gint64               series_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  MapJob *job;

  g_return_if_fail (MML_IS_STORE (self));

  job = g_new0 (MapJob, 1);
  job->id = id;
  job->series_id = series_id;
  mml_store_run_async (self, map_job, job, g_free, mml_store_map_server_series_async, cancellable, callback,
                       user_data);
}

gboolean
mml_store_map_server_series_finish (MmlStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- webhooks ---- */

const char *
mml_webhook_outcome_to_string (MmlWebhookOutcome outcome)
{
  static const char * const names[] = { "applied", "unchanged", "unmapped", "ignored", "duplicate" };

  g_return_val_if_fail (outcome <= MML_WEBHOOK_DUPLICATE, NULL);
  return names[outcome];
}

typedef struct
{
  MmlWebhookRecord  record;
  gint64            server_id;
} WebhookJob;

static void
webhook_job_free (WebhookJob *job)
{
  g_free (job->record.key);
  g_free (job->record.sender);
  g_free (job->record.event);
  g_free (job->record.machine_id);
  g_free (job->record.item_id);
  g_free (job->record.event_json);
  g_free (job);
}

/* The server @record came from: the one of its kind with its id, else
 * the only one of its kind; 0: none */
static gint64
webhook_server (sqlite3                *db,
                const MmlWebhookRecord *record,
                gboolean               *lossy,
                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;
  guint n = 0;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT id, machine_id = ?2 FROM servers WHERE kind = ?1 AND enabled "
                                      "ORDER BY machine_id = ?2 DESC, id", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, record->sender, -1, SQLITE_STATIC);
  mml_store_bind_text_or_null (stmt, 2, record->machine_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 1) == 1)
        {
          id = sqlite3_column_int64 (stmt, 0);
          n = 1;
          break;
        }
      id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error), -1;
  *lossy = g_strcmp0 (record->sender, "plex") == 0;
  return n == 1 ? id : 0;
}

static void
webhook_job (MmlStore     *self,
             sqlite3      *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WebhookJob *job = task_data;
  MmlWebhookRecord *r = &job->record;
  Statements s = { 0 };
  g_autoptr(sqlite3_stmt) seen = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) log = NULL;
  MmlWebhookOutcome outcome = MML_WEBHOOK_IGNORED;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *source = NULL;
  gboolean lossy = FALSE;
  GError *error = NULL;
  guint mapped = 0;
  int rc;

  (void) self;
  (void) cancellable;

  if (!mml_store_begin (db, &error))
    goto fail;
  if (!(seen = mml_store_prepare (db, "SELECT 1 FROM webhook_events WHERE key = ?1", &error)))
    goto rollback;
  sqlite3_bind_text (seen, 1, r->key, -1, SQLITE_STATIC);
  if (sqlite3_step (seen) == SQLITE_ROW)
    {
      mml_store_rollback (db);
      g_task_return_int (task, MML_WEBHOOK_DUPLICATE);
      return;
    }
  if ((job->server_id = webhook_server (db, r, &lossy, &error)) < 0 ||
      !_mml_server_statements_prepare (db, &s, &error))
    goto rollback;
  source = g_strdup_printf ("server:%" G_GINT64_FORMAT, job->server_id);

  if (job->server_id != 0 && r->action != 0 && r->item_id != NULL)
    {
      if (!(rows = mml_store_prepare (db, "SELECT episode_id FROM server_episodes WHERE server_id = ?1 AND item_id = ?2",
                                      &error)))
        goto rollback;
      sqlite3_bind_int64 (rows, 1, job->server_id);
      sqlite3_bind_text (rows, 2, r->item_id, -1, SQLITE_STATIC);
      outcome = MML_WEBHOOK_UNCHANGED;
      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          gint64 episode_id = sqlite3_column_int64 (rows, 0);
          MmlWatchState local = { 0 }, base = { 0 }, server = { 0 };
          MmlWatchPrefer prefer = MML_WATCH_PREFER_NONE;
          gboolean has_base;
          MmlSyncDecision d;
          gint64 conflict;

          mapped++;
          if (!_mml_server_read_local (db, &s, episode_id, &local, &prefer, &error))
            goto rollback;
          has_base = _mml_server_read_baseline (&s, job->server_id, r->item_id, episode_id, &base, &conflict);
          if (conflict != 0)
            continue;
          /* what the server has now, as the event tells it */
          server.watched = r->action == 1;
          server.at = server.watched ? (r->at > 0 ? r->at : now) : 0;
          server.plays = server.watched ? (has_base ? base.plays : 0) + 1 : 0;
          d = mml_watch_sync_settle (mml_watch_sync_decide (&local, &server, has_base ? &base : NULL, lossy), prefer);
          switch (d.action)
            {
            case MML_SYNC_PULL:
              if (!_mml_server_pull (db, &s, episode_id, &server, source, &error))
                goto rollback;
              outcome = MML_WEBHOOK_APPLIED;
              G_GNUC_FALLTHROUGH;
            case MML_SYNC_BASELINE:
              if (!_mml_server_put_baseline (db, &s, job->server_id, r->item_id, episode_id, &server, &error))
                goto rollback;
              break;
            case MML_SYNC_CONFLICT:
              if (!_mml_server_open_watch_conflict (db, &s, job->server_id, r->item_id, episode_id,
                                                    &local, &server, d.reason, now, &error))
                goto rollback;
              break;
            case MML_SYNC_PUSH:    /* the next sync sends it */
            case MML_SYNC_NOTHING:
              break;
            }
        }
      if (rc != SQLITE_DONE)
        {
          mml_store_set_sqlite_error (db, &error);
          goto rollback;
        }
      if (mapped == 0)
        outcome = MML_WEBHOOK_UNMAPPED;
    }

  if (!(log = mml_store_prepare (db, "INSERT INTO webhook_events (at, key, sender, server_id, event, action, item_id, "
                                     "state, event_json) VALUES (?1, ?2, ?3, nullif (?4, 0), ?5, ?6, ?7, ?8, ?9)",
                                 &error)))
    goto rollback;
  sqlite3_bind_int64 (log, 1, now);
  sqlite3_bind_text (log, 2, r->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (log, 3, r->sender, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (log, 4, job->server_id);
  sqlite3_bind_text (log, 5, r->event != NULL ? r->event : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (log, 6, r->action == 1 ? "watched" : r->action == 2 ? "unwatched" : "none", -1, SQLITE_STATIC);
  mml_store_bind_text_or_null (log, 7, r->item_id);
  sqlite3_bind_text (log, 8, outcome == MML_WEBHOOK_APPLIED ? "applied"
                             : outcome == MML_WEBHOOK_UNCHANGED ? "unchanged"
                             : outcome == MML_WEBHOOK_UNMAPPED ? "unmapped" : "ignored", -1, SQLITE_STATIC);
  mml_store_bind_text_or_null (log, 9, r->event_json);
  if (!_mml_server_step (db, log, &error) || !mml_store_commit (db, &error))
    goto rollback;
  _mml_server_statements_clear (&s);
  g_task_return_int (task, outcome);
  return;

rollback:
  mml_store_rollback (db);
fail:
  _mml_server_statements_clear (&s);
  g_task_return_error (task, error);
}

void
mml_store_apply_webhook_async (MmlStore               *self,
                               const MmlWebhookRecord *record,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  WebhookJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (record != NULL && record->key != NULL && record->sender != NULL);

  job = g_new0 (WebhookJob, 1);
  job->record.key = g_strdup (record->key);
  job->record.sender = g_strdup (record->sender);
  job->record.event = g_strdup (record->event);
  job->record.machine_id = g_strdup (record->machine_id);
  job->record.item_id = g_strdup (record->item_id);
  job->record.action = record->action;
  job->record.at = record->at;
  job->record.event_json = g_strdup (record->event_json);
  mml_store_run_async (self, webhook_job, job, (GDestroyNotify) webhook_job_free,
                       mml_store_apply_webhook_async, cancellable, callback, user_data);
}

MmlWebhookOutcome
mml_store_apply_webhook_finish (MmlStore      *self,
                                GAsyncResult  *result,
                                gint64        *server_id,
                                GError       **error)
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
  if (server_id != NULL)
    *server_id = ((WebhookJob *) g_task_get_task_data (G_TASK (result)))->server_id;
  return (MmlWebhookOutcome) outcome;
}

/* --- "always prefer …" for a series ---------------------------------------- */

typedef struct
{
  gint64         series_id;
  MmlWatchPrefer prefer;
} PreferJob;

static void
prefer_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const PreferJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *value = mml_watch_prefer_to_string (job->prefer);
  GError *error = NULL;

  if (!(stmt = mml_store_prepare (db, "UPDATE series SET watch_prefer = ?2 WHERE id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->series_id);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_changes (db) == 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, job->series_id);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), text);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_set_watch_prefer_async (MmlStore            *self,
                                  gint64               series_id,
                                  MmlWatchPrefer       prefer,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PreferJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (prefer <= MML_WATCH_PREFER_SERVER);

  job = g_new0 (PreferJob, 1);
  job->series_id = series_id;
  job->prefer = prefer;
  mml_store_run_async (self, prefer_job, job, g_free, mml_store_set_watch_prefer_async,
                       cancellable, callback, user_data);
}

gboolean
mml_store_set_watch_prefer_finish (MmlStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_set_watch_prefer_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
