/* mml-jobs-store.c — the jobs and activity tables (see mml-jobs-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include "mml-jobs-store.h"

void
mml_job_row_free (MmlJobRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->last_result);
  g_free (row);
}

void
mml_activity_row_free (MmlActivityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->text);
  g_free (row);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

static void
bind_positive (sqlite3_stmt *stmt,
               int           index,
               gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* ---- jobs ---- */

typedef struct
{
  GStrv      names;
  gint64    *intervals;
  gboolean  *enabled;
  MmlJobRow *row;
} JobsJob;

static void
jobs_job_free (JobsJob *job)
{
  g_strfreev (job->names);
  g_free (job->intervals);
  g_free (job->enabled);
  mml_job_row_free (job->row);
  g_free (job);
}

static void
list_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  JobsJob *job = task_data;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_job_row_free);
  GError *error = NULL;
  int rc;

  if (job->names != NULL && job->names[0] != NULL && !mml_store_get_read_only (store))
    {
      if (!(insert = mml_store_prepare (db, "INSERT OR IGNORE INTO jobs (name, interval_s, enabled) VALUES (?1, ?2, ?3)", &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; job->names[i] != NULL; i++)
        {
          sqlite3_bind_text (insert, 1, job->names[i], -1, SQLITE_STATIC);
          bind_positive (insert, 2, job->intervals[i]);
          sqlite3_bind_int (insert, 3, job->enabled[i]);
          if (sqlite3_step (insert) != SQLITE_DONE)
            {
              mml_store_set_sqlite_error (db, &error);
              g_task_return_error (task, error);
              return;
            }
          sqlite3_reset (insert);
        }
    }

  if (!(stmt = mml_store_prepare (db,
                                  "SELECT name, coalesce (interval_s, 0), enabled, coalesce (last_run_at, 0), "
                                  "       coalesce (next_run_at, 0), last_result, failures, coalesce (running_since, 0) "
                                  "FROM jobs ORDER BY name", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlJobRow *row = g_new0 (MmlJobRow, 1);

      row->name = column_dup (stmt, 0);
      row->interval_s = sqlite3_column_int64 (stmt, 1);
      row->enabled = sqlite3_column_int (stmt, 2) != 0;
      row->last_run_at = sqlite3_column_int64 (stmt, 3);
      row->next_run_at = sqlite3_column_int64 (stmt, 4);
      row->last_result = column_dup (stmt, 5);
      row->failures = sqlite3_column_int (stmt, 6);
      row->running_since = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_jobs_list_async (MmlStore            *self,
                           const char * const  *names,
                           const gint64        *intervals,
                           const gboolean      *enabled,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  JobsJob *job = g_new0 (JobsJob, 1);
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  job->names = g_strdupv ((char **) names);
  job->intervals = n > 0 ? g_memdup2 (intervals, n * sizeof (gint64)) : NULL;
  job->enabled = n > 0 ? g_memdup2 (enabled, n * sizeof (gboolean)) : NULL;
  mml_store_run_async (self, list_job, job, (GDestroyNotify) jobs_job_free, mml_store_jobs_list_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_jobs_list_finish (MmlStore      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  MmlJobRow *row = ((JobsJob *) task_data)->row;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  stmt = mml_store_prepare (db,
                            "INSERT INTO jobs (name, interval_s, enabled, last_run_at, next_run_at, last_result, "
                            "                  failures, running_since) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                            "ON CONFLICT (name) DO UPDATE SET interval_s = excluded.interval_s, "
                            "  enabled = excluded.enabled, last_run_at = excluded.last_run_at, "
                            "  next_run_at = excluded.next_run_at, last_result = excluded.last_result, "
                            "  failures = excluded.failures, running_since = excluded.running_since",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, row->name, -1, SQLITE_STATIC);
  bind_positive (stmt, 2, row->interval_s);
  sqlite3_bind_int (stmt, 3, row->enabled);
  bind_positive (stmt, 4, row->last_run_at);
  bind_positive (stmt, 5, row->next_run_at);
  if (row->last_result != NULL)
    sqlite3_bind_text (stmt, 6, row->last_result, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, row->failures);
  bind_positive (stmt, 8, row->running_since);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_job_save_async (MmlStore            *self,
                          const MmlJobRow     *row,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  JobsJob *job = g_new0 (JobsJob, 1);

  job->row = g_memdup2 (row, sizeof *row);
  job->row->name = g_strdup (row->name);
  job->row->last_result = g_strdup (row->last_result);
  mml_store_run_async (self, save_job, job, (GDestroyNotify) jobs_job_free, mml_store_job_save_async,
                       cancellable, callback, user_data);
}

gboolean
mml_store_job_save_finish (MmlStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- activity ---- */

typedef struct
{
  gint64  at;
  char   *kind;
  char   *text;
  gint64  series_id;
  guint   limit;
  gint64  keep_before;
} ActivityJob;

static void
activity_job_free (ActivityJob *job)
{
  g_free (job->kind);
  g_free (job->text);
  g_free (job);
}

static void
add_activity_job (MmlStore     *store,
                  sqlite3      *db,
                  GTask        *task,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ActivityJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!(stmt = mml_store_prepare (db,
                                  "INSERT INTO activity (at, kind, text, series_id) "
                                  "VALUES (?1, ?2, ?3, (SELECT id FROM series WHERE id = ?4))", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->at);
  sqlite3_bind_text (stmt, 2, job->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, job->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, job->series_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_activity_add_async (MmlStore            *self,
                              gint64               at,
                              const char          *kind,
                              const char          *text,
                              gint64               series_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ActivityJob *job = g_new0 (ActivityJob, 1);

  job->at = at;
  job->kind = g_strdup (kind);
  job->text = g_strdup (text);
  job->series_id = series_id;
  mml_store_run_async (self, add_activity_job, job, (GDestroyNotify) activity_job_free,
                       mml_store_activity_add_async, cancellable, callback, user_data);
}

gboolean
mml_store_activity_add_finish (MmlStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deletes the lines older than @keep_before; how many, or -1 */
static gint64
prune_activity (sqlite3  *db,
                gint64    keep_before,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) trim = mml_store_prepare (db, "DELETE FROM activity WHERE at < ?1", error);

  if (trim == NULL)
    return -1;
  sqlite3_bind_int64 (trim, 1, keep_before);
  if (sqlite3_step (trim) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, error);
      return -1;
    }
  return sqlite3_changes (db);
}

static void
list_activity_job (MmlStore     *store,
                   sqlite3      *db,
                   GTask        *task,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ActivityJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_activity_row_free);
  GError *error = NULL;
  int rc;

  if (job->keep_before > 0 && !mml_store_get_read_only (store) &&
      prune_activity (db, job->keep_before, &error) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!(stmt = mml_store_prepare (db,
                                  "SELECT at, kind, text, coalesce (series_id, 0) FROM activity "
                                  "WHERE at >= ?1 ORDER BY at DESC, id DESC LIMIT ?2", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->at);
  sqlite3_bind_int64 (stmt, 2, job->limit > 0 ? (gint64) job->limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlActivityRow *row = g_new0 (MmlActivityRow, 1);

      row->at = sqlite3_column_int64 (stmt, 0);
      row->kind = column_dup (stmt, 1);
      row->text = column_dup (stmt, 2);
      row->series_id = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_activity_list_async (MmlStore            *self,
                               gint64               since,
                               guint                limit,
                               gint64               keep_before,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ActivityJob *job = g_new0 (ActivityJob, 1);

  job->at = since;
  job->limit = limit;
  job->keep_before = keep_before;
  mml_store_run_async (self, list_activity_job, job, (GDestroyNotify) activity_job_free,
                       mml_store_activity_list_async, cancellable, callback, user_data);
}

GPtrArray *
mml_store_activity_list_finish (MmlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
prune_activity_job (MmlStore     *store,
                    sqlite3      *db,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ActivityJob *job = task_data;
  GError *error = NULL;
  gint64 n;

  if (mml_store_get_read_only (store))
    {
      g_task_return_int (task, 0);
      return;
    }
  if ((n = prune_activity (db, job->keep_before, &error)) < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

void
mml_store_activity_prune_async (MmlStore            *self,
                                gint64               keep_before,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ActivityJob *job = g_new0 (ActivityJob, 1);

  job->keep_before = keep_before;
  mml_store_run_async (self, prune_activity_job, job, (GDestroyNotify) activity_job_free,
                       mml_store_activity_prune_async, cancellable, callback, user_data);
}

gint64
mml_store_activity_prune_finish (MmlStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
