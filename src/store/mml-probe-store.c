/* mml-probe-store.c — the embedded subtitle tracks of the library's videos:
 * which videos need reading, and what was read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A video is read for its embedded tracks once per state of its file: its
 * files.probe_key holds the "size:mtime:inode" it had when it was read, the
 * same three facts the scanner uses to tell a changed file. Embedded tracks
 * are the subtitles rows of the video with embedded = 1 (and no file_id);
 * a write replaces them all, so a track that left the file leaves the
 * library with it.
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include "mml-probe-store.h"
#include "mml-store-private.h"

/* What a row's state is now, in the form probe_key keeps it */
#define PROBE_KEY_OF_F MML_PROBE_KEY_SQL ("f.size", "f.mtime", "f.inode")

MmlProbedTrack *
mml_probed_track_new (void)
{
  MmlProbedTrack *track = g_new0 (MmlProbedTrack, 1);

  track->stream = -1;
  return track;
}

void
mml_probed_track_free (MmlProbedTrack *track)
{
  if (track == NULL)
    return;

  g_free (track->language);
  g_free (track->codec);
  g_free (track->title);
  g_free (track);
}

void
mml_probe_candidate_free (MmlProbeCandidate *candidate)
{
  if (candidate == NULL)
    return;

  g_free (candidate->path);
  g_free (candidate->probe_key);
  g_free (candidate);
}

/**
 * mml_probe_result_new:
 * @tracks: (transfer full) (nullable): of MmlProbedTrack; %NULL: none
 */
MmlProbeResult *
mml_probe_result_new (gint64      file_id,
                      const char *probe_key,
                      GPtrArray  *tracks)
{
  MmlProbeResult *result = g_new0 (MmlProbeResult, 1);

  result->file_id = file_id;
  result->probe_key = g_strdup (probe_key);
  result->tracks = tracks ? tracks
                          : g_ptr_array_new_with_free_func ((GDestroyNotify) mml_probed_track_free);
  return result;
}

void
mml_probe_result_free (MmlProbeResult *result)
{
  if (result == NULL)
    return;

  g_free (result->probe_key);
  g_free (result->encoding);
  g_free (result->text_language);
  g_clear_pointer (&result->tracks, g_ptr_array_unref);
  g_free (result);
}

/* --- which videos need reading --------------------------------------------- */

typedef struct
{
  gint64  root_id;
  char   *file_ids;   /* JSON array of ids, or NULL */
} CandidatesJob;

static void
candidates_job_free (CandidatesJob *job)
{
  g_free (job->file_ids);
  g_free (job);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col),
                    sqlite3_column_bytes (stmt, col));
}

static void
candidates_job (MmlStore     *store,
                sqlite3      *db,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CandidatesJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  GError *error = NULL;
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT f.id, r.path, f.path, " PROBE_KEY_OF_F ", f.kind = 'subtitle', "
                            "       f.size = 0, f.probe_key IS NOT NULL "
                            "FROM files f JOIN roots r ON r.id = f.root_id "
                            "WHERE f.status = 'present' "
                            "  AND (f.kind = 'video' OR (f.kind = 'subtitle' AND f.size <= 4194304 "
                            "       AND lower (substr (f.path, -4)) IN ('.srt', '.ass', '.ssa', '.vtt', '.sub', '.txt', '.smi'))) "
                            /* files_probe_stale's WHERE, word for word (the
                             * schema's migration 10): the index holds just
                             * these rows */
                            "  AND (f.probe_key IS NULL OR f.probe_key <> " PROBE_KEY_OF_F ") "
                            "  AND (CASE WHEN ?2 IS NOT NULL "
                            "            THEN f.id IN (SELECT value FROM json_each (?2)) "
                            "            WHEN ?1 > 0 THEN f.root_id = ?1 "
                            "            ELSE r.enabled = 1 END) "
                            "ORDER BY f.root_id, f.path",
                            &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->root_id);
  if (job->file_ids != NULL)
    sqlite3_bind_text (stmt, 2, job->file_ids, -1, SQLITE_STATIC);

  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_probe_candidate_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlProbeCandidate *candidate = g_new0 (MmlProbeCandidate, 1);
      g_autofree char *root = column_dup (stmt, 1);
      g_autofree char *rel = column_dup (stmt, 2);

      candidate->file_id = sqlite3_column_int64 (stmt, 0);
      candidate->path = g_build_filename (root, rel, NULL);
      candidate->probe_key = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      candidate->sidecar = sqlite3_column_int (stmt, 4) != 0;
      candidate->empty = sqlite3_column_int (stmt, 5) != 0;
      candidate->had_tracks = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (candidates, candidate);
    }

  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&candidates), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mml_store_probe_candidates_async:
 * @root_id: one root (enabled or not), or 0 for every enabled root
 * @file_ids: (nullable) (element-type gint64): only these files (then
 *   @root_id is not looked at)
 */
void
mml_store_probe_candidates_async (MmlStore            *self,
                                  gint64               root_id,
                                  GArray              *file_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CandidatesJob *job = g_new0 (CandidatesJob, 1);

  g_return_if_fail (MML_IS_STORE (self));

  job->root_id = root_id;
  if (file_ids != NULL)
    {
      GString *ids = g_string_new ("[");

      for (guint i = 0; i < file_ids->len; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "",
                                g_array_index (file_ids, gint64, i));
      g_string_append_c (ids, ']');
      job->file_ids = g_string_free (ids, FALSE);
    }

  mml_store_run_async (self, candidates_job, job, (GDestroyNotify) candidates_job_free,
                       mml_store_probe_candidates_async, cancellable, callback, user_data);
}

/**
 * mml_store_probe_candidates_finish:
 *
 * Returns: (transfer full) (element-type MmlProbeCandidate): the videos to read
 */
GPtrArray *
mml_store_probe_candidates_finish (MmlStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- what was read --------------------------------------------------------- */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           col,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, col);
}

static gboolean
step_done (sqlite3      *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error);
  return TRUE;
}

/* @changed: set to the videos whose tracks were not the ones written */
static gboolean
write_probes (sqlite3    *db,
              GPtrArray  *results,
              guint      *changed,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) sidecar = NULL;
  g_autoptr(sqlite3_stmt) sidecar_file = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;

  if (!(mark = mml_store_prepare (db, "UPDATE files SET probe_key = ?2 WHERE id = ?1 AND kind = ?3", error)) ||
      !(sidecar_file = mml_store_prepare (db, "UPDATE files SET text_encoding = ?2, text_language = ?3 WHERE id = ?1",
                                          error)) ||
      !(sidecar = mml_store_prepare (db,
                                     "UPDATE subtitles SET encoding = ?2, "
                                     "  language = CASE WHEN language IS NULL OR language = 'und' "
                                     "                  THEN coalesce (?3, language) ELSE language END "
                                     "WHERE file_id = ?1",
                                     error)) ||
      !(delete = mml_store_prepare (db, "DELETE FROM subtitles WHERE video_id = ?1 AND embedded = 1", error)) ||
      !(insert = mml_store_prepare (db,
                                    "INSERT INTO subtitles (video_id, file_id, language, forced, hearing_impaired, "
                                    "                       embedded, source, codec, title, stream) "
                                    "VALUES (?1, NULL, ?2, ?3, ?4, 1, 'embedded', ?5, ?6, ?7)",
                                    error)))
    return FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      MmlProbeResult *result = g_ptr_array_index (results, i);

      /* the key first, in the same transaction: no row (gone from the
       * library since it was read) means nothing to keep */
      sqlite3_bind_int64 (mark, 1, result->file_id);
      bind_text_or_null (mark, 2, result->probe_key);
      sqlite3_bind_text (mark, 3, result->sidecar ? "subtitle" : "video", -1, SQLITE_STATIC);
      if (!step_done (db, mark, error))
        return FALSE;
      if (sqlite3_changes (db) == 0)
        continue;

      if (result->sidecar)
        {
          /* on the file row, which a rescan keeps: its subtitle row is
           * made again from it (mml-scan-apply.c) */
          sqlite3_bind_int64 (sidecar_file, 1, result->file_id);
          bind_text_or_null (sidecar_file, 2, result->encoding);
          bind_text_or_null (sidecar_file, 3, result->text_language);
          if (!step_done (db, sidecar_file, error))
            return FALSE;
          sqlite3_bind_int64 (sidecar, 1, result->file_id);
          bind_text_or_null (sidecar, 2, result->encoding);
          bind_text_or_null (sidecar, 3, g_strcmp0 (result->text_language, "und") != 0
                                         ? result->text_language : NULL);
          if (!step_done (db, sidecar, error))
            return FALSE;
          if (sqlite3_changes (db) > 0)
            (*changed)++;
        }
      else
        {
          gboolean dropped = FALSE;

          if (!result->first)
            {
              sqlite3_bind_int64 (delete, 1, result->file_id);
              if (!step_done (db, delete, error))
                return FALSE;
              dropped = sqlite3_changes (db) > 0;
            }
          if (dropped || result->tracks->len > 0)
            (*changed)++;

          for (guint j = 0; j < result->tracks->len; j++)
            {
              MmlProbedTrack *track = g_ptr_array_index (result->tracks, j);

              sqlite3_bind_int64 (insert, 1, result->file_id);
              sqlite3_bind_text (insert, 2, track->language ? track->language : "und", -1, SQLITE_STATIC);
              sqlite3_bind_int (insert, 3, track->forced ? 1 : 0);
              sqlite3_bind_int (insert, 4, track->hearing_impaired ? 1 : 0);
              bind_text_or_null (insert, 5, track->codec);
              bind_text_or_null (insert, 6, track->title);
              if (track->stream >= 0)
                sqlite3_bind_int (insert, 7, track->stream);
              else
                sqlite3_bind_null (insert, 7);
              if (!step_done (db, insert, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

static void
write_probes_job (MmlStore     *store,
                  sqlite3      *db,
                  GTask        *task,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GPtrArray *results = task_data;
  GError *error = NULL;
  guint changed = 0;

  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!write_probes (db, results, &changed, &error) || !mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, changed);
}

void
mml_store_write_probes_async (MmlStore            *self,
                              GPtrArray           *results,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (results != NULL);

  /* never cancelled: what was read is worth keeping */
  mml_store_run_async (self, write_probes_job, results, (GDestroyNotify) g_ptr_array_unref,
                       mml_store_write_probes_async, NULL, callback, user_data);
}

/**
 * mml_store_write_probes_finish:
 * @changed: (out) (optional): how many videos had tracks before or have
 *   some now (what a view showing tracks must reload for)
 */
gboolean
mml_store_write_probes_finish (MmlStore      *self,
                               GAsyncResult  *result,
                               guint         *changed,
                               GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (changed != NULL)
    *changed = (guint) n;
  return TRUE;
}
