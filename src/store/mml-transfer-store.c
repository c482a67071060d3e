/* mml-transfer-store.c — the transfer queue as rows (see
 * mml-transfer-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-store-private.h"
#include "mml-transfer-store.h"

/* with what a list shows of the file: its series, its episode (a
 * sidecar's: its video's) and its size when it was scanned */
#define ITEM_COLUMNS \
  "t.id, coalesce (t.file_id, 0), coalesce (t.follows, 0), t.source, t.target, t.move, t.state, t.error, " \
  "coalesce (t.batch_id, 0), t.added_at, coalesce (t.finished_at, 0), s.title, " \
  "CASE WHEN v.season IS NOT NULL AND json_valid (v.episodes) AND json_extract (v.episodes, '$[0]') IS NOT NULL " \
  "  THEN printf ('S%02dE%02d', v.season, json_extract (v.episodes, '$[0]')) END, coalesce (f.size, 0) "
#define ITEM_FROM \
  "FROM transfers t LEFT JOIN transfers p ON p.id = t.follows " \
  "LEFT JOIN files v ON v.id = coalesce (p.file_id, t.file_id) " \
  "LEFT JOIN files f ON f.id = t.file_id LEFT JOIN series s ON s.id = v.series_id "

static const char * const state_names[] = { "queued", "done", "skipped", "failed" };

const char *
mml_transfer_state_to_string (MmlTransferState state)
{
  g_return_val_if_fail (state <= MML_TRANSFER_FAILED, NULL);

  return state_names[state];
}

static MmlTransferState
state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (MmlTransferState) i;
  return MML_TRANSFER_FAILED;
}

void
mml_transfer_item_free (MmlTransferItem *item)
{
  if (item == NULL)
    return;
  g_free (item->source);
  g_free (item->target);
  g_free (item->error);
  g_free (item->series_title);
  g_free (item->episode);
  g_free (item);
}

MmlTransferItem *
mml_transfer_item_copy (const MmlTransferItem *item)
{
  MmlTransferItem *copy = g_memdup2 (item, sizeof *item);

  copy->source = g_strdup (item->source);
  copy->target = g_strdup (item->target);
  copy->error = g_strdup (item->error);
  copy->series_title = g_strdup (item->series_title);
  copy->episode = g_strdup (item->episode);
  return copy;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

static MmlTransferItem *
read_item (sqlite3_stmt *stmt)
{
  MmlTransferItem *item = g_new0 (MmlTransferItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->file_id = sqlite3_column_int64 (stmt, 1);
  item->follows = sqlite3_column_int64 (stmt, 2);
  item->source = column_dup (stmt, 3);
  item->target = column_dup (stmt, 4);
  item->move = sqlite3_column_int (stmt, 5) != 0;
  item->state = state_from_string ((const char *) sqlite3_column_text (stmt, 6));
  item->error = column_dup (stmt, 7);
  item->batch_id = sqlite3_column_int64 (stmt, 8);
  item->added_at = sqlite3_column_int64 (stmt, 9);
  item->finished_at = sqlite3_column_int64 (stmt, 10);
  item->series_title = column_dup (stmt, 11);
  item->episode = column_dup (stmt, 12);
  item->size = sqlite3_column_int64 (stmt, 13);
  return item;
}

/* ---- queueing ---- */

typedef struct
{
  gint64    series_id;
  GArray   *file_ids;   /* gint64 */
  char     *dir;
  gboolean  move;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_array_unref (job->file_ids);
  g_free (job->dir);
  g_free (job);
}

typedef struct
{
  sqlite3_stmt *find;
  sqlite3_stmt *insert;
  sqlite3_stmt *read;
  AddJob       *job;
  gint64        now;
} Queue;

static void
queue_clear (Queue *q)
{
  g_clear_pointer (&q->find, sqlite3_finalize);
  g_clear_pointer (&q->insert, sqlite3_finalize);
  g_clear_pointer (&q->read, sqlite3_finalize);
}

/* The item for @root/@rel, queued now or waiting already; NULL on error */
static MmlTransferItem *
queue_one (sqlite3     *db,
           Queue       *q,
           gint64       file_id,
           gint64       follows,
           const char  *root,
           const char  *rel,
           GError     **error)
{
  g_autofree char *source = g_build_filename (root, rel, NULL);
  g_autofree char *target = g_build_filename (q->job->dir, rel, NULL);
  gint64 id = 0;

  sqlite3_reset (q->find);
  sqlite3_bind_text (q->find, 1, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (q->find, 2, target, -1, SQLITE_STATIC);
  if (sqlite3_step (q->find) == SQLITE_ROW)
    id = sqlite3_column_int64 (q->find, 0);
  sqlite3_reset (q->find);
  if (id == 0)
    {
      sqlite3_reset (q->insert);
      sqlite3_bind_int64 (q->insert, 1, file_id);
      if (follows != 0)
        sqlite3_bind_int64 (q->insert, 2, follows);
      else
        sqlite3_bind_null (q->insert, 2);
      sqlite3_bind_text (q->insert, 3, source, -1, SQLITE_STATIC);
      sqlite3_bind_text (q->insert, 4, target, -1, SQLITE_STATIC);
      sqlite3_bind_int (q->insert, 5, q->job->move);
      sqlite3_bind_int64 (q->insert, 6, q->now);
      if (sqlite3_step (q->insert) != SQLITE_DONE)
        return mml_store_set_sqlite_error (db, error), NULL;
      id = sqlite3_last_insert_rowid (db);
    }
  sqlite3_reset (q->read);
  sqlite3_bind_int64 (q->read, 1, id);
  if (sqlite3_step (q->read) != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error), NULL;
  {
    MmlTransferItem *item = read_item (q->read);

    sqlite3_reset (q->read);
    return item;
  }
}

static gboolean
check_one (sqlite3     *db,
           gboolean     series,
           gint64       id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = mml_store_prepare (db, series ? "SELECT 1 FROM series WHERE id = ?1"
                                       : "SELECT 1 FROM files WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    if (series)
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), text);
    else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no file %s"), text);
  }
  return FALSE;
}

static gboolean
check_selection (sqlite3     *db,
                 AddJob      *job,
                 GError     **error)
{
  if (job->series_id != 0)
    return check_one (db, TRUE, job->series_id, error);
  for (guint i = 0; i < job->file_ids->len; i++)
    if (!check_one (db, FALSE, g_array_index (job->file_ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/* The items of @series_id's videos or of @file_id, each video's sidecars
 * after it */
static gboolean
add_selected (sqlite3       *db,
              Queue         *q,
              sqlite3_stmt  *files,
              sqlite3_stmt  *sidecars,
              gint64         series_id,
              gint64         file_id,
              GPtrArray     *items,
              GError       **error)
{
  int rc;

  sqlite3_reset (files);
  sqlite3_bind_int64 (files, 1, series_id);
  sqlite3_bind_int64 (files, 2, file_id);
  while ((rc = sqlite3_step (files)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (files, 0);
      gint64 root_id = sqlite3_column_int64 (files, 1);
      const char *root = (const char *) sqlite3_column_text (files, 2);
      const char *rel = (const char *) sqlite3_column_text (files, 3);
      gboolean video = g_strcmp0 ((const char *) sqlite3_column_text (files, 4), "video") == 0;
      MmlTransferItem *item;
      gint64 video_item;

      if (!(item = queue_one (db, q, id, 0, root, rel, error)))
        return FALSE;
      g_ptr_array_add (items, item);
      video_item = item->id;
      if (!video)
        continue;

      /* the subtitles named after the video go with it */
      sqlite3_reset (sidecars);
      sqlite3_bind_int64 (sidecars, 1, id);
      sqlite3_bind_int64 (sidecars, 2, root_id);
      while ((rc = sqlite3_step (sidecars)) == SQLITE_ROW)
        {
          if (!(item = queue_one (db, q, sqlite3_column_int64 (sidecars, 0), video_item, root,
                                  (const char *) sqlite3_column_text (sidecars, 1), error)))
            return FALSE;
          g_ptr_array_add (items, item);
        }
      if (rc != SQLITE_DONE)
        return mml_store_set_sqlite_error (db, error), FALSE;
      sqlite3_reset (sidecars);
    }
  sqlite3_reset (files);
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  return TRUE;
}

static gboolean
add_items (sqlite3     *db,
           AddJob      *job,
           GPtrArray   *items,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) files = NULL;
  g_autoptr(sqlite3_stmt) sidecars = NULL;
  Queue q = { NULL, NULL, NULL, job, g_get_real_time () / G_USEC_PER_SEC };
  gboolean ok = FALSE;

  if (!(files = mml_store_prepare (db,
                                   "SELECT f.id, f.root_id, r.path, f.path, f.kind "
                                   "FROM files f JOIN roots r ON r.id = f.root_id "
                                   "WHERE f.status = 'present' "
                                   "  AND ((?1 <> 0 AND f.series_id = ?1 AND f.kind = 'video') OR f.id = ?2) "
                                   "ORDER BY f.root_id, f.path", error)) ||
      !(sidecars = mml_store_prepare (db,
                                      "SELECT f.id, f.path FROM subtitles sub "
                                      "JOIN files f ON f.id = sub.file_id AND f.root_id = ?2 "
                                      "WHERE sub.video_id = ?1 AND sub.embedded = 0 AND f.status = 'present' "
                                      "GROUP BY f.id ORDER BY f.path", error)) ||
      !(q.find = mml_store_prepare (db, "SELECT id FROM transfers "
                                        "WHERE source = ?1 AND target = ?2 AND state IN ('queued', 'failed') "
                                        "ORDER BY id LIMIT 1", error)) ||
      !(q.insert = mml_store_prepare (db, "INSERT INTO transfers (file_id, follows, source, target, move, added_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)) ||
      !(q.read = mml_store_prepare (db, "SELECT " ITEM_COLUMNS ITEM_FROM "WHERE t.id = ?1", error)))
    goto out;

  /* the series' videos at once, or each file chosen in turn */
  if (job->series_id != 0 && !add_selected (db, &q, files, sidecars, job->series_id, 0, items, error))
    goto out;
  for (guint n = 0; n < job->file_ids->len; n++)
    if (!add_selected (db, &q, files, sidecars, 0, g_array_index (job->file_ids, gint64, n), items, error))
      goto out;
  ok = TRUE;

out:
  queue_clear (&q);
  return ok;
}

static void
add_job (MmlStore     *store,
         sqlite3      *db,
         GTask        *task,
         gpointer      task_data,
         GCancellable *cancellable)
{
  AddJob *job = task_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_transfer_item_free);
  GError *error = NULL;

  if (!check_selection (db, job, &error) || !mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!add_items (db, job, items, &error) || !mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_transfer_add_async (MmlStore            *self,
                              gint64               series_id,
                              gint64               file_id,
                              const char          *dir,
                              gboolean             move,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail ((series_id > 0) != (file_id > 0));

  if (series_id > 0)
    mml_store_transfer_add_files_async (self, series_id, NULL, 0, dir, move, cancellable, callback, user_data);
  else
    mml_store_transfer_add_files_async (self, 0, &file_id, 1, dir, move, cancellable, callback, user_data);
}

void
mml_store_transfer_add_files_async (MmlStore            *self,
                                    gint64               series_id,
                                    const gint64        *file_ids,
                                    guint                n_files,
                                    const char          *dir,
                                    gboolean             move,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AddJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail ((series_id > 0) != (n_files > 0));
  g_return_if_fail (n_files == 0 || file_ids != NULL);
  g_return_if_fail (dir != NULL && g_path_is_absolute (dir));

  job = g_new0 (AddJob, 1);
  job->series_id = series_id;
  job->file_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_files);
  g_array_append_vals (job->file_ids, file_ids, n_files);
  job->dir = g_strdup (dir);
  job->move = move;
  mml_store_run_async (self, add_job, job, (GDestroyNotify) add_job_free, mml_store_transfer_add_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_transfer_add_finish (MmlStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- reading ---- */

static void
list_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  gboolean pending_only = GPOINTER_TO_INT (task_data);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_transfer_item_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT " ITEM_COLUMNS ITEM_FROM
                                      "WHERE ?1 = 0 OR t.state IN ('queued', 'failed') ORDER BY t.id", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int (stmt, 1, pending_only);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read_item (stmt));
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_transfer_list_async (MmlStore            *self,
                               gboolean             pending_only,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, list_job, GINT_TO_POINTER (pending_only != FALSE), NULL,
                       mml_store_transfer_list_async, cancellable, callback, user_data);
}

GPtrArray *
mml_store_transfer_list_finish (MmlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- outcomes ---- */

typedef struct
{
  gint64            id;
  MmlTransferState  state;
  char             *message;
  gint64            batch_id;
} StateJob;

static void
state_job_free (StateJob *job)
{
  g_free (job->message);
  g_free (job);
}

static void
state_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  StateJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!(stmt = mml_store_prepare (db, "UPDATE transfers SET state = ?2, error = ?3, batch_id = nullif (?4, 0), "
                                      "  finished_at = CASE WHEN ?2 = 'queued' THEN NULL ELSE ?5 END "
                                      "WHERE id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->id);
  sqlite3_bind_text (stmt, 2, mml_transfer_state_to_string (job->state), -1, SQLITE_STATIC);
  if (job->message != NULL)
    sqlite3_bind_text (stmt, 3, job->message, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, job->batch_id);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

gboolean
mml_store_transfer_set_state (MmlStore          *self,
                              gint64             id,
                              MmlTransferState   state,
                              const char        *error_message,
                              gint64             batch_id,
                              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  StateJob *job;

  g_return_val_if_fail (MML_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= MML_TRANSFER_FAILED, FALSE);

  job = g_new0 (StateJob, 1);
  job->id = id;
  job->state = state;
  job->message = g_strdup (error_message);
  job->batch_id = batch_id;
  result = mml_store_run_sync (self, state_job, job, (GDestroyNotify) state_job_free,
                               mml_store_transfer_set_state);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- clearing the finished ---- */

#define FINISHED_WHERE \
  "WHERE state IN ('done', 'skipped') AND NOT EXISTS (SELECT 1 FROM transfers c " \
  "  WHERE c.follows = transfers.id AND c.state IN ('queued', 'failed'))"

static void
clear_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  gssize n = 0;

  /* a video goes with its sidecars (ON DELETE CASCADE): one whose sidecar
   * still waits stays. Counted first: what a cascade removes is not
   * counted by sqlite3_changes(). */
  if (!(count = mml_store_prepare (db, "SELECT count(*) FROM transfers " FINISHED_WHERE, &error)) ||
      !(stmt = mml_store_prepare (db, "DELETE FROM transfers " FINISHED_WHERE, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_step (count) == SQLITE_ROW)
    n = sqlite3_column_int64 (count, 0);
  sqlite3_reset (count);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  if (!mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, n);
}

void
mml_store_transfer_clear_finished_async (MmlStore            *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, clear_job, NULL, NULL, mml_store_transfer_clear_finished_async, cancellable,
                       callback, user_data);
}

gssize
mml_store_transfer_clear_finished_finish (MmlStore      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
