/* mml-subtitle-store.c — the subtitles table read out per series and per
 * video, series overrides, and the preferences table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-subtitle-private.h"

void
mml_subtitle_video_free (MmlSubtitleVideo *video)
{
  if (video == NULL)
    return;
  g_free (video->path);
  g_free (video->episodes);
  g_clear_pointer (&video->tracks, g_ptr_array_unref);
  g_free (video);
}

void
mml_subtitle_track_free (MmlSubtitleTrack *track)
{
  if (track == NULL)
    return;
  g_free (track->language);
  g_free (track->codec);
  g_free (track->title);
  g_free (track->path);
  g_free (track->encoding);
  g_free (track);
}

void
mml_subtitle_series_status_free (MmlSubtitleSeriesStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->title);
  g_strfreev (status->languages);
  g_free (status);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

MmlSubtitleTrack *
_mml_subtitle_track_from_row (sqlite3_stmt *stmt,
                              int           col)
{
  MmlSubtitleTrack *track = g_new0 (MmlSubtitleTrack, 1);

  track->id = sqlite3_column_int64 (stmt, col);
  track->file_id = sqlite3_column_int64 (stmt, col + 1);
  track->language = column_dup (stmt, col + 2);
  if (track->language == NULL || track->language[0] == '\0')
    {
      g_free (track->language);
      track->language = g_strdup ("und");
    }
  track->forced = sqlite3_column_int (stmt, col + 3) != 0;
  track->hearing_impaired = sqlite3_column_int (stmt, col + 4) != 0;
  track->embedded = sqlite3_column_int (stmt, col + 5) != 0;
  track->codec = column_dup (stmt, col + 6);
  track->title = column_dup (stmt, col + 7);
  track->path = track->embedded ? NULL : column_dup (stmt, col + 8);
  track->encoding = column_dup (stmt, col + 9);
  return track;
}

/* ---- preferences ---- */

char *
_mml_store_read_preference (sqlite3     *db,
                            const char  *key,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT value FROM preferences WHERE key = ?1", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    mml_store_set_sqlite_error (db, error);
  return NULL;
}

typedef struct
{
  char *key;
  char *value;
} PrefJob;

static void
pref_job_free (PrefJob *job)
{
  g_free (job->key);
  g_free (job->value);
  g_free (job);
}

static void
get_preference_job (MmlStore     *store,
                    sqlite3      *db,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PrefJob *job = task_data;
  GError *error = NULL;
  char *value = _mml_store_read_preference (db, job->key, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_free);
}

void
mml_store_get_preference_async (MmlStore            *self,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  PrefJob *job = g_new0 (PrefJob, 1);

  job->key = g_strdup (key);
  mml_store_run_async (self, get_preference_job, job, (GDestroyNotify) pref_job_free,
                       mml_store_get_preference_async, cancellable, callback, user_data);
}

/**
 * mml_store_get_preference_finish:
 *
 * Returns: (transfer full) (nullable): the value; NULL with no error when
 * it is unset
 */
char *
mml_store_get_preference_finish (MmlStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_preference_job (MmlStore     *store,
                    sqlite3      *db,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PrefJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  stmt = mml_store_prepare (db, job->value != NULL
                                  ? "INSERT INTO preferences (key, value) VALUES (?1, ?2) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                  : "DELETE FROM preferences WHERE key = ?1",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, job->key, -1, SQLITE_STATIC);
  if (job->value != NULL)
    sqlite3_bind_text (stmt, 2, job->value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* @value NULL unsets the key. */
void
mml_store_set_preference_async (MmlStore            *self,
                                const char          *key,
                                const char          *value,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  PrefJob *job = g_new0 (PrefJob, 1);

  job->key = g_strdup (key);
  job->value = g_strdup (value);
  mml_store_run_async (self, set_preference_job, job, (GDestroyNotify) pref_job_free,
                       mml_store_set_preference_async, cancellable, callback, user_data);
}

gboolean
mml_store_set_preference_finish (MmlStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The preferred languages, inside a job: stored, else the default. */
static char **
read_languages (sqlite3  *db,
                GError  **error)
{
  GError *local = NULL;
  g_autofree char *stored = _mml_store_read_preference (db, MML_PREF_SUBTITLE_LANGUAGES, &local);
  g_autofree char *fallback = NULL;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (stored == NULL || *g_strstrip (stored) == '\0')
    return g_strsplit ((fallback = mml_subtitle_default_languages ()), " ", -1);
  return g_strsplit (stored, " ", -1);
}

char **
_mml_subtitle_read_languages (sqlite3  *db,
                              GError  **error)
{
  return read_languages (db, error);
}

static void
get_languages_job (MmlStore     *store,
                   sqlite3      *db,
                   GTask        *task,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  char **langs = read_languages (db, &error);

  if (langs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, langs, (GDestroyNotify) g_strfreev);
}

void
mml_store_get_subtitle_languages_async (MmlStore            *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  mml_store_run_async (self, get_languages_job, NULL, NULL, mml_store_get_subtitle_languages_async,
                       cancellable, callback, user_data);
}

char **
mml_store_get_subtitle_languages_finish (MmlStore      *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- series status ---- */

static gboolean
series_exists (sqlite3  *db,
               gint64    series_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT 1 FROM series WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, series_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    mml_store_set_sqlite_error (db, error);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, series_id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), id);
    }
  return FALSE;
}

typedef struct
{
  gint64            series_id;
  gboolean          has_override;
  MmlSubtitleStatus status;
} SeriesJob;

static void
status_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SeriesJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_series_status_free);
  g_auto(GStrv) langs = NULL;
  GError *error = NULL;
  int rc;

  if ((job->series_id != 0 && !series_exists (db, job->series_id, &error)) ||
      !(langs = read_languages (db, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  stmt = mml_store_prepare (db,
                            "SELECT s.id, s.title, s.subtitles_override, "
                            "  (SELECT count(*) FROM episodes e WHERE e.series_id = s.id AND " MML_EPISODE_HAS_FILE "), "
                            "  (SELECT count(*) FROM episodes e WHERE e.series_id = s.id AND " MML_EPISODE_SUBBED "), "
                            "  (SELECT group_concat (language, ' ') FROM "
                            "     (SELECT DISTINCT coalesce (sub.language, 'und') AS language "
                            "      FROM files v JOIN subtitles sub ON sub.video_id = v.id "
                            "      WHERE v.series_id = s.id AND v.kind = 'video' AND v.status <> 'missing' "
                            "        AND " MML_SUBTITLE_TRACK_LIVE " ORDER BY 1)) "
                            "FROM series s WHERE (:series = 0 OR s.id = :series) "
                            "ORDER BY coalesce (s.sort_title, s.title) COLLATE NOCASE, s.id",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":series"), job->series_id);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":language"),
                     langs[0] ? langs[0] : "und", -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlSubtitleSeriesStatus *row = g_new0 (MmlSubtitleSeriesStatus, 1);
      const char *override = (const char *) sqlite3_column_text (stmt, 2);
      const char *languages = (const char *) sqlite3_column_text (stmt, 5);

      row->series_id = sqlite3_column_int64 (stmt, 0);
      row->title = column_dup (stmt, 1);
      row->episodes = sqlite3_column_int (stmt, 3);
      row->subbed = sqlite3_column_int (stmt, 4);
      row->has_override = mml_subtitle_status_from_string (override, &row->override);
      row->status = row->has_override ? row->override
                                      : mml_subtitle_status_from_counts (row->episodes, row->subbed);
      row->languages = languages ? g_strsplit (languages, " ", -1) : g_new0 (char *, 1);
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
mml_store_subtitle_status_async (MmlStore            *self,
                                 gint64               series_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  SeriesJob *job = g_new0 (SeriesJob, 1);

  job->series_id = series_id;
  mml_store_run_async (self, status_job, job, g_free, mml_store_subtitle_status_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_subtitle_status_finish (MmlStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- tracks per video ---- */

static void
list_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  SeriesJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_video_free);
  MmlSubtitleVideo *video = NULL;
  GError *error = NULL;
  int rc;

  if (!series_exists (db, job->series_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  stmt = mml_store_prepare (db,
                            "SELECT v.id, v.root_id, v.path, v.season, v.episodes, " MML_SUBTITLE_TRACK_COLUMNS " "
                            "FROM files v "
                            "LEFT JOIN subtitles sub ON sub.video_id = v.id AND " MML_SUBTITLE_TRACK_LIVE " "
                            "LEFT JOIN files sf ON sf.id = sub.file_id "
                            "WHERE v.series_id = ?1 AND v.kind = 'video' AND v.status <> 'missing' "
                            "ORDER BY coalesce (v.season, -1), v.path, v.id, sub.embedded, sub.language, sub.id",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->series_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 file_id = sqlite3_column_int64 (stmt, 0);

      if (video == NULL || video->file_id != file_id)
        {
          video = g_new0 (MmlSubtitleVideo, 1);
          video->file_id = file_id;
          video->root_id = sqlite3_column_int64 (stmt, 1);
          video->path = column_dup (stmt, 2);
          video->season = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 3);
          video->episodes = column_dup (stmt, 4);
          video->tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_track_free);
          g_ptr_array_add (videos, video);
        }

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        g_ptr_array_add (video->tracks, _mml_subtitle_track_from_row (stmt, 5));
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&videos), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_subtitle_list_async (MmlStore            *self,
                               gint64               series_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SeriesJob *job = g_new0 (SeriesJob, 1);

  job->series_id = series_id;
  mml_store_run_async (self, list_job, job, g_free, mml_store_subtitle_list_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_subtitle_list_finish (MmlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- overrides ---- */

static void
override_job (MmlStore     *store,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SeriesJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!series_exists (db, job->series_id, &error) ||
      !(stmt = mml_store_prepare (db, "UPDATE series SET subtitles_override = ?2 WHERE id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->series_id);
  if (job->has_override)
    sqlite3_bind_text (stmt, 2, mml_subtitle_status_to_string (job->status), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_set_subtitle_override_async (MmlStore            *self,
                                       gint64               series_id,
                                       gboolean             has_override,
                                       MmlSubtitleStatus    status,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  SeriesJob *job = g_new0 (SeriesJob, 1);

  job->series_id = series_id;
  job->has_override = has_override;
  job->status = status;
  mml_store_run_async (self, override_job, job, g_free, mml_store_set_subtitle_override_async,
                       cancellable, callback, user_data);
}

gboolean
mml_store_set_subtitle_override_finish (MmlStore      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
