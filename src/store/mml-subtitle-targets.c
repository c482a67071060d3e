/* mml-subtitle-targets.c — videos and sidecars the subtitle jobs work on
 * (see mml-subtitle-targets.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-subtitle-private.h"
#include "mml-subtitle-targets.h"

void
mml_subtitle_target_free (MmlSubtitleTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->path);
  g_free (target->series_title);
  g_free (target->imdb_id);
  g_free (target);
}

void
mml_sidecar_free (MmlSidecar *sidecar)
{
  if (sidecar == NULL)
    return;
  g_free (sidecar->path);
  g_free (sidecar->video_path);
  g_free (sidecar->language);
  g_free (sidecar->encoding);
  g_free (sidecar);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

/* root path + "/" + relative path, from two columns */
static char *
column_path (sqlite3_stmt *stmt,
             int           root_col,
             int           rel_col)
{
  g_autofree char *root = column_dup (stmt, root_col);
  g_autofree char *rel = column_dup (stmt, rel_col);

  if (root == NULL || rel == NULL)
    return NULL;
  return g_build_filename (root, rel, NULL);
}

/* The first number of a JSON array the scanner wrote ("[3,4]" → 3) */
static int
first_number (const char *json)
{
  if (json == NULL || json[0] != '[' || !g_ascii_isdigit (json[1]))
    return -1;
  return (int) g_ascii_strtoll (json + 1, NULL, 10);
}

typedef struct
{
  gint64    series_id;
  gint64    file_id;
  char     *language;
  gboolean  missing_only;
  char     *encoding;
} Job;

static void
job_free (Job *job)
{
  g_free (job->language);
  g_free (job->encoding);
  g_free (job);
}

static gboolean
check_exists (sqlite3     *db,
              const char  *sql,
              gint64       id,
              const char  *message,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (id == 0)
    return TRUE;
  if (!(stmt = mml_store_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message, text);
#pragma GCC diagnostic pop
  }
  return FALSE;
}

static void
targets_job (MmlStore     *store,
             sqlite3      *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_target_free);
  GError *error = NULL;
  int rc;

  if (!check_exists (db, "SELECT 1 FROM series WHERE id = ?1", job->series_id,
                     _("There is no series %s"), &error) ||
      !check_exists (db, "SELECT 1 FROM files WHERE id = ?1 AND kind = 'video'", job->file_id,
                     _("There is no video file %s"), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  stmt = mml_store_prepare (db,
                            "SELECT v.id, v.root_id, coalesce (v.series_id, 0), r.path, v.path, s.title, "
                            "       s.imdb_id, coalesce (s.tmdb_id, 0), v.season, v.episodes, "
                            "       EXISTS (SELECT 1 FROM subtitles sub WHERE sub.video_id = v.id "
                            "               AND " MML_SUBTITLE_TRACK_COUNTS ") AS has "
                            "FROM files v JOIN roots r ON r.id = v.root_id "
                            "LEFT JOIN series s ON s.id = v.series_id "
                            "WHERE v.kind = 'video' AND v.status = 'present' "
                            "  AND (:file = 0 OR v.id = :file) AND (:series = 0 OR v.series_id = :series) "
                            "  AND (:missing = 0 OR NOT has) "
                            "ORDER BY coalesce (s.sort_title, s.title), v.path",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":file"), job->file_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":series"), job->series_id);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":missing"), job->missing_only);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":language"),
                     job->language ? job->language : "und", -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlSubtitleTarget *t = g_new0 (MmlSubtitleTarget, 1);
      const char *episodes = (const char *) sqlite3_column_text (stmt, 9);

      t->file_id = sqlite3_column_int64 (stmt, 0);
      t->root_id = sqlite3_column_int64 (stmt, 1);
      t->series_id = sqlite3_column_int64 (stmt, 2);
      t->path = column_path (stmt, 3, 4);
      t->series_title = column_dup (stmt, 5);
      t->imdb_id = column_dup (stmt, 6);
      t->tmdb_id = sqlite3_column_int64 (stmt, 7);
      t->season = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 8);
      t->episode = first_number (episodes);
      t->has_language = sqlite3_column_int (stmt, 10) != 0;
      g_ptr_array_add (rows, t);
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
mml_store_subtitle_targets_async (MmlStore            *self,
                                  gint64               series_id,
                                  gint64               file_id,
                                  const char          *language,
                                  gboolean             missing_only,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->series_id = series_id;
  job->file_id = file_id;
  job->language = g_strdup (language);
  job->missing_only = missing_only;
  mml_store_run_async (self, targets_job, job, (GDestroyNotify) job_free, mml_store_subtitle_targets_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_subtitle_targets_finish (MmlStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sidecars_job (MmlStore     *store,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sidecar_free);
  GError *error = NULL;
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT sf.id, sub.video_id, sf.root_id, r.path, sf.path, v.path, "
                            "       coalesce (sub.language, 'und'), sub.forced, sub.hearing_impaired, sub.encoding "
                            "FROM subtitles sub JOIN files sf ON sf.id = sub.file_id "
                            "JOIN files v ON v.id = sub.video_id JOIN roots r ON r.id = sf.root_id "
                            "WHERE sub.embedded = 0 AND sf.status = 'present' "
                            "  AND (?1 IS NULL OR sub.language = ?1 OR sub.language LIKE ?1 || '-%') "
                            "ORDER BY sf.root_id, sf.path",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->language != NULL)
    sqlite3_bind_text (stmt, 1, job->language, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlSidecar *s = g_new0 (MmlSidecar, 1);

      s->file_id = sqlite3_column_int64 (stmt, 0);
      s->video_id = sqlite3_column_int64 (stmt, 1);
      s->root_id = sqlite3_column_int64 (stmt, 2);
      s->path = column_path (stmt, 3, 4);
      s->video_path = column_path (stmt, 3, 5);
      s->language = column_dup (stmt, 6);
      s->forced = sqlite3_column_int (stmt, 7) != 0;
      s->hearing_impaired = sqlite3_column_int (stmt, 8) != 0;
      s->encoding = column_dup (stmt, 9);
      g_ptr_array_add (rows, s);
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
mml_store_sidecars_async (MmlStore            *self,
                          const char          *language,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->language = g_strdup (language);
  mml_store_run_async (self, sidecars_job, job, (GDestroyNotify) job_free, mml_store_sidecars_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_sidecars_finish (MmlStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
encoding_job (MmlStore     *store,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!(stmt = mml_store_prepare (db, "UPDATE subtitles SET encoding = ?2 WHERE file_id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->file_id);
  sqlite3_bind_text (stmt, 2, job->encoding, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_set_sidecar_encoding_async (MmlStore            *self,
                                      gint64               file_id,
                                      const char          *encoding,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->file_id = file_id;
  job->encoding = g_strdup (encoding);
  mml_store_run_async (self, encoding_job, job, (GDestroyNotify) job_free, mml_store_set_sidecar_encoding_async,
                       cancellable, callback, user_data);
}

gboolean
mml_store_set_sidecar_encoding_finish (MmlStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
