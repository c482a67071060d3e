/* mml-file-overrides.c — where the user says a video goes (see
 * mml-file-overrides.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-file-overrides.h"
#include "mml-store-private.h"

/*
 * An assignment only writes the user's word down (file_overrides) and
 * makes the files' stat stale; the scanner, which alone decides where a
 * video goes (mml-scan-write.c), places them when it parses them again.
 * So a file the user assigned is linked by the same code as every other,
 * and stays assigned through every later scan, quick or full.
 */

static void
assigned_file_free (MmlAssignedFile *file)
{
  g_free (file->path);
  g_free (file);
}

static void
rescan_folder_free (MmlRescanFolder *folder)
{
  g_free (folder->folder);
  g_free (folder);
}

void
mml_assignment_free (MmlAssignment *assignment)
{
  if (assignment == NULL)
    return;
  g_ptr_array_unref (assignment->files);
  g_ptr_array_unref (assignment->folders);
  g_free (assignment);
}

static MmlAssignment *
assignment_new (gint64 series_id)
{
  MmlAssignment *assignment = g_new0 (MmlAssignment, 1);

  assignment->series_id = series_id;
  assignment->files = g_ptr_array_new_with_free_func ((GDestroyNotify) assigned_file_free);
  assignment->folders = g_ptr_array_new_with_free_func ((GDestroyNotify) rescan_folder_free);
  return assignment;
}

typedef struct
{
  gint64 *file_ids;
  guint   n_files;
  gint64  series_id;
  int     season;
  int     first;
  guint   per_file;
} AssignJob;

static void
assign_job_free (AssignJob *job)
{
  g_free (job->file_ids);
  g_free (job);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  const MmlAssignedFile *x = *(MmlAssignedFile * const *) a;
  const MmlAssignedFile *y = *(MmlAssignedFile * const *) b;
  int by_path = strcmp (x->path, y->path);

  if (by_path != 0)
    return by_path;
  return x->root_id < y->root_id ? -1 : x->root_id > y->root_id;
}

static void
set_id_error (GError     **error,
              GQuark       domain,
              int          code,
              const char  *format,
              gint64       id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, domain, code, format, text);
#pragma GCC diagnostic pop
}

/* The videos @job names, each once, by path; an id that is no video on
 * disk fails the whole job, so that nothing is half assigned. */
static MmlAssignment *
read_files (sqlite3    *db,
            AssignJob  *job,
            GError    **error)
{
  g_autoptr(MmlAssignment) assignment = assignment_new (job->series_id);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!(stmt = mml_store_prepare (db, "SELECT root_id, path, kind, status FROM files WHERE id = ?1", error)))
    return NULL;

  for (guint i = 0; i < job->n_files; i++)
    {
      MmlAssignedFile *file;
      const char *kind, *status, *slash;
      char *key;
      int rc;

      if (g_hash_table_contains (seen, &job->file_ids[i]))
        continue;
      g_hash_table_add (seen, &job->file_ids[i]);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, job->file_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          set_id_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no file %s"), job->file_ids[i]);
          return NULL;
        }
      if (rc != SQLITE_ROW)
        {
          mml_store_set_sqlite_error (db, error);
          return NULL;
        }

      kind = (const char *) sqlite3_column_text (stmt, 2);
      status = (const char *) sqlite3_column_text (stmt, 3);
      if (g_strcmp0 (kind, "video") != 0)
        {
          set_id_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                        _("File %s is a subtitle, not a video"), job->file_ids[i]);
          return NULL;
        }
      /* nothing would place it: only a file on disk is parsed */
      if (g_strcmp0 (status, "missing") == 0)
        {
          set_id_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                        _("File %s is not on disk (it was missing at the last scan)"), job->file_ids[i]);
          return NULL;
        }

      file = g_new0 (MmlAssignedFile, 1);
      file->file_id = job->file_ids[i];
      file->root_id = sqlite3_column_int64 (stmt, 0);
      file->path = g_strndup ((const char *) sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1));
      file->season = -1;
      g_ptr_array_add (assignment->files, file);

      /* the folder holding it is what is scanned again (a loose file's:
       * the root, where the quick scan parses only what is stale) */
      slash = strrchr (file->path, '/');
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%.*s", file->root_id,
                             slash ? (int) (slash - file->path) : 0, file->path);
      if (g_hash_table_add (folders, key))
        {
          MmlRescanFolder *folder = g_new0 (MmlRescanFolder, 1);

          folder->root_id = file->root_id;
          folder->folder = g_strndup (file->path, slash ? (gsize) (slash - file->path) : 0);
          g_ptr_array_add (assignment->folders, folder);
        }
    }

  g_ptr_array_sort (assignment->files, compare_paths);
  return g_steal_pointer (&assignment);
}

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
  if (rc == SQLITE_DONE)
    set_id_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), series_id);
  else
    mml_store_set_sqlite_error (db, error);
  return FALSE;
}

/* "[first,…,last]" */
static char *
number_list (int first,
             int last)
{
  GString *out = g_string_new ("[");

  for (int n = first; n <= last; n++)
    g_string_append_printf (out, n > first ? ",%d" : "%d", n);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static gboolean
write_overrides (sqlite3        *db,
                 AssignJob      *job,
                 MmlAssignment  *assignment,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) stale = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!(upsert = mml_store_prepare (db,
                                    "INSERT INTO file_overrides (root_id, path, series_id, season, "
                                    "                            episodes, absolute, created_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                    "ON CONFLICT (root_id, path) DO UPDATE SET "
                                    "  series_id = excluded.series_id, season = excluded.season, "
                                    "  episodes = excluded.episodes, absolute = excluded.absolute, "
                                    "  created_at = excluded.created_at",
                                    error)) ||
      /* what the quick scan compares: it parses the file again */
      !(stale = mml_store_prepare (db, "UPDATE files SET mtime = -1 WHERE id = ?1", error)))
    return FALSE;

  for (guint i = 0; i < assignment->files->len; i++)
    {
      MmlAssignedFile *file = g_ptr_array_index (assignment->files, i);
      g_autofree char *numbers = NULL;

      /* one file after the other, by path: E05, E06… (or E05-E06, E07-E08…) */
      file->season = job->season;
      file->first = job->first + (int) (i * job->per_file);
      file->last = file->first + (int) job->per_file - 1;
      numbers = number_list (file->first, file->last);

      sqlite3_reset (upsert);
      sqlite3_bind_int64 (upsert, 1, file->root_id);
      sqlite3_bind_text (upsert, 2, file->path, strlen (file->path), SQLITE_STATIC);
      sqlite3_bind_int64 (upsert, 3, job->series_id);
      if (job->season >= 0)
        {
          sqlite3_bind_int (upsert, 4, job->season);
          sqlite3_bind_text (upsert, 5, numbers, -1, SQLITE_STATIC);
          sqlite3_bind_text (upsert, 6, "[]", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (upsert, 4);
          sqlite3_bind_text (upsert, 5, "[]", -1, SQLITE_STATIC);
          sqlite3_bind_text (upsert, 6, numbers, -1, SQLITE_STATIC);
        }
      sqlite3_bind_int64 (upsert, 7, now);
      if (sqlite3_step (upsert) != SQLITE_DONE)
        return mml_store_set_sqlite_error (db, error);

      sqlite3_reset (stale);
      sqlite3_bind_int64 (stale, 1, file->file_id);
      if (sqlite3_step (stale) != SQLITE_DONE)
        return mml_store_set_sqlite_error (db, error);
    }

  return TRUE;
}

static void
assign_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AssignJob *job = task_data;
  g_autoptr(MmlAssignment) assignment = NULL;
  gint64 last = job->first + (gint64) job->n_files * job->per_file - 1;
  GError *error = NULL;

  if (job->first < 1 || last > MML_ASSIGN_MAX_EPISODE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Episode numbers go from 1 to %d"), MML_ASSIGN_MAX_EPISODE);
      return;
    }

  /* one transaction: every file is assigned, or none */
  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!series_exists (db, job->series_id, &error) ||
      !(assignment = read_files (db, job, &error)) ||
      !write_overrides (db, job, assignment, &error) ||
      !mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&assignment), (GDestroyNotify) mml_assignment_free);
}

static AssignJob *
assign_job_new (const gint64 *file_ids,
                guint         n_files)
{
  AssignJob *job = g_new0 (AssignJob, 1);

  job->file_ids = g_memdup2 (file_ids, n_files * sizeof *file_ids);
  job->n_files = n_files;
  return job;
}

/**
 * mml_store_assign_files_async:
 * @file_ids: (array length=n_files): videos of the library
 * @series_id: the series they belong to
 * @season: their season, or -1 when @first_episode is an absolute number
 * @first_episode: the episode of the first file (by path); the next files
 *   follow it
 * @episodes_per_file: how many episodes each file holds (2: double
 *   episodes, E05-E06 then E07-E08…)
 *
 * Writes down where the user says the videos go, for the scanner to place
 * them there from now on, whatever their names say, and makes their stat
 * stale so that the next quick scan of their folders parses them again.
 * Refuses (and changes nothing) when the series or a file is not there,
 * or a file is a subtitle or missing from disk. Assigning a file again
 * replaces what it was assigned before.
 */
void
mml_store_assign_files_async (MmlStore            *self,
                              const gint64        *file_ids,
                              guint                n_files,
                              gint64               series_id,
                              int                  season,
                              int                  first_episode,
                              guint                episodes_per_file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AssignJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (file_ids != NULL && n_files > 0);
  g_return_if_fail (season >= -1);
  g_return_if_fail (episodes_per_file >= 1 && episodes_per_file <= MML_ASSIGN_MAX_EPISODES_PER_FILE);

  job = assign_job_new (file_ids, n_files);
  job->series_id = series_id;
  job->season = season;
  job->first = first_episode;
  job->per_file = episodes_per_file;
  mml_store_run_async (self, assign_job, job, (GDestroyNotify) assign_job_free,
                       mml_store_assign_files_async, cancellable, callback, user_data);
}

/**
 * mml_store_assign_files_finish:
 *
 * Returns: (transfer full) (nullable): the files with what each was
 *   assigned, and the folders to scan again
 */
MmlAssignment *
mml_store_assign_files_finish (MmlStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_assign_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
unassign_job (MmlStore     *store,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AssignJob *job = task_data;
  g_autoptr(MmlAssignment) assignment = NULL;
  g_autoptr(sqlite3_stmt) forget = NULL;
  GError *error = NULL;

  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(assignment = read_files (db, job, &error)) ||
      !(forget = mml_store_prepare (db, "DELETE FROM file_overrides WHERE root_id = ?1 AND path = ?2", &error)))
    goto failed;

  /* the trigger file_overrides_gone makes each file's stat stale */
  for (guint i = 0; i < assignment->files->len; i++)
    {
      MmlAssignedFile *file = g_ptr_array_index (assignment->files, i);

      sqlite3_reset (forget);
      sqlite3_bind_int64 (forget, 1, file->root_id);
      sqlite3_bind_text (forget, 2, file->path, strlen (file->path), SQLITE_STATIC);
      if (sqlite3_step (forget) != SQLITE_DONE)
        {
          mml_store_set_sqlite_error (db, &error);
          goto failed;
        }
      if (sqlite3_changes (db) == 0)
        {
          set_id_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                        _("File %s was not assigned by hand"), file->file_id);
          goto failed;
        }
    }

  if (!mml_store_commit (db, &error))
    goto failed;

  g_task_return_pointer (task, g_steal_pointer (&assignment), (GDestroyNotify) mml_assignment_free);
  return;

failed:
  mml_store_rollback (db);
  g_task_return_error (task, error);
}

/**
 * mml_store_unassign_files_async:
 * @file_ids: (array length=n_files): videos the user assigned
 *
 * Forgets where the user said the videos go: the next quick scan of their
 * folders parses them again, by their names. Refuses (and changes
 * nothing) when a file is not there, is no video, or was not assigned.
 */
void
mml_store_unassign_files_async (MmlStore            *self,
                                const gint64        *file_ids,
                                guint                n_files,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (file_ids != NULL && n_files > 0);

  mml_store_run_async (self, unassign_job, assign_job_new (file_ids, n_files), (GDestroyNotify) assign_job_free,
                       mml_store_unassign_files_async, cancellable, callback, user_data);
}

/**
 * mml_store_unassign_files_finish:
 *
 * Returns: (transfer full) (nullable): the files (season -1, first and
 *   last 0) and the folders to scan again
 */
MmlAssignment *
mml_store_unassign_files_finish (MmlStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_unassign_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
