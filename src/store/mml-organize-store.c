/* mml-organize-store.c — what the organiser reads and writes (see
 * mml-organize-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-episode-rules.h"
#include "mml-organize-store.h"
#include "mml-store-private.h"

void
mml_organize_video_free (MmlOrganizeVideo *video)
{
  if (video == NULL)
    return;
  g_free (video->root_path);
  g_free (video->path);
  g_free (video->series_title);
  g_free (video->series_folder);
  g_clear_pointer (&video->episodes, g_array_unref);
  g_clear_pointer (&video->absolute, g_array_unref);
  g_free (video->air_date);
  g_clear_pointer (&video->episode_titles, g_ptr_array_unref);
  g_free (video->release_group);
  g_clear_pointer (&video->subtitles, g_ptr_array_unref);
  g_free (video);
}

static void
sidecar_free (MmlOrganizeSidecar *s)
{
  g_free (s->path);
  g_free (s);
}

void
mml_organize_series_free (MmlOrganizeSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->root_path);
  g_free (series->title);
  g_free (series->folder);
  g_clear_pointer (&series->seasons, g_array_unref);
  g_free (series);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

/* The numbers of a JSON array the scanner wrote ("[3,4]"), sorted */
static GArray *
numbers (const char *json)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (int));

  for (const char *p = json; p != NULL && *p != '\0'; )
    {
      if (g_ascii_isdigit (*p))
        {
          char *end = NULL;
          int n = (int) g_ascii_strtoll (p, &end, 10);

          g_array_append_val (out, n);
          p = end;
        }
      else
        p++;
    }
  for (guint i = 1; i < out->len; i++)
    for (guint j = i; j > 0 && g_array_index (out, int, j - 1) > g_array_index (out, int, j); j--)
      {
        int t = g_array_index (out, int, j);

        g_array_index (out, int, j) = g_array_index (out, int, j - 1);
        g_array_index (out, int, j - 1) = t;
      }
  return out;
}

static gboolean
check_exists (sqlite3     *db,
              const char  *sql,
              gint64       id,
              gboolean     series,
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

    if (series)
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), text);
    else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no library folder %s"), text);
  }
  return FALSE;
}

/* ---- the videos of a selection ---- */

typedef struct
{
  gint64  series_id;
  gint64  root_id;
} VideosJob;

#define SELECTION \
  "v.kind = 'video' AND v.status = 'present' " \
  "AND (?1 = 0 OR v.series_id = ?1) AND (?2 = 0 OR v.root_id = ?2)"

static gboolean
read_videos (sqlite3     *db,
             VideosJob   *job,
             GPtrArray   *rows,
             GHashTable  *by_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT v.id, v.root_id, r.path, r.kind, v.path, v.size, v.device, "
                            "       coalesce (v.series_id, 0), s.title, coalesce (s.year, 0), s.folder, "
                            "       v.season, v.episodes, v.absolute, v.air_date, v.release_group, "
                            "       coalesce (v.resolution, 0) "
                            "FROM files v JOIN roots r ON r.id = v.root_id "
                            "LEFT JOIN series s ON s.id = v.series_id "
                            "WHERE " SELECTION " ORDER BY v.root_id, v.path",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->series_id);
  sqlite3_bind_int64 (stmt, 2, job->root_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlOrganizeVideo *v = g_new0 (MmlOrganizeVideo, 1);

      v->file_id = sqlite3_column_int64 (stmt, 0);
      v->root_id = sqlite3_column_int64 (stmt, 1);
      v->root_path = column_dup (stmt, 2);
      if (!mml_root_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &v->root_kind))
        v->root_kind = MML_ROOT_KIND_STANDARD;
      v->path = column_dup (stmt, 4);
      v->size = sqlite3_column_int64 (stmt, 5);
      v->device = (guint64) sqlite3_column_int64 (stmt, 6);
      v->series_id = sqlite3_column_int64 (stmt, 7);
      v->series_title = column_dup (stmt, 8);
      v->series_year = sqlite3_column_int (stmt, 9);
      v->series_folder = column_dup (stmt, 10);
      v->season = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 11);
      v->episodes = numbers ((const char *) sqlite3_column_text (stmt, 12));
      v->absolute = numbers ((const char *) sqlite3_column_text (stmt, 13));
      v->air_date = column_dup (stmt, 14);
      v->release_group = column_dup (stmt, 15);
      v->resolution = sqlite3_column_int (stmt, 16);
      v->episode_titles = g_ptr_array_new_with_free_func (g_free);
      v->subtitles = g_ptr_array_new_with_free_func ((GDestroyNotify) sidecar_free);
      g_ptr_array_add (rows, v);
      g_hash_table_insert (by_id, &v->file_id, v);
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  return TRUE;
}

static gboolean
read_titles (sqlite3     *db,
             VideosJob   *job,
             GHashTable  *by_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT v.id, e.title FROM files v "
                            "JOIN episode_files ef ON ef.file_id = v.id JOIN episodes e ON e.id = ef.episode_id "
                            "WHERE " SELECTION " ORDER BY v.id, e.season, e.number",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->series_id);
  sqlite3_bind_int64 (stmt, 2, job->root_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      MmlOrganizeVideo *v = g_hash_table_lookup (by_id, &id);

      if (v != NULL)
        g_ptr_array_add (v->episode_titles, column_dup (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  return TRUE;
}

static gboolean
read_subtitles (sqlite3     *db,
                VideosJob   *job,
                GHashTable  *by_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT v.id, f.id, f.path FROM files v "
                            "JOIN subtitles sub ON sub.video_id = v.id "
                            "JOIN files f ON f.id = sub.file_id AND f.root_id = v.root_id "
                            "WHERE " SELECTION " AND sub.embedded = 0 AND f.status = 'present' "
                            "GROUP BY v.id, f.id ORDER BY v.id, f.path",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->series_id);
  sqlite3_bind_int64 (stmt, 2, job->root_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      MmlOrganizeVideo *v = g_hash_table_lookup (by_id, &id);
      MmlOrganizeSidecar *s;

      if (v == NULL)
        continue;
      s = g_new0 (MmlOrganizeSidecar, 1);
      s->file_id = sqlite3_column_int64 (stmt, 1);
      s->path = column_dup (stmt, 2);
      g_ptr_array_add (v->subtitles, s);
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  return TRUE;
}

static void
videos_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  VideosJob *job = task_data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_video_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GError *error = NULL;

  if (!check_exists (db, "SELECT 1 FROM series WHERE id = ?1", job->series_id, TRUE, &error) ||
      !check_exists (db, "SELECT 1 FROM roots WHERE id = ?1", job->root_id, FALSE, &error) ||
      !read_videos (db, job, rows, by_id, &error) ||
      !read_titles (db, job, by_id, &error) ||
      !read_subtitles (db, job, by_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_organize_videos_async (MmlStore            *self,
                                 gint64               series_id,
                                 gint64               root_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  VideosJob *job = g_new0 (VideosJob, 1);

  job->series_id = series_id;
  job->root_id = root_id;
  mml_store_run_async (self, videos_job, job, g_free, mml_store_organize_videos_async,
                       cancellable, callback, user_data);
}

GPtrArray *
mml_store_organize_videos_finish (MmlStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the naming preferences ---- */

static void
naming_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GError *error = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT substr (key, ?2), value FROM preferences "
                                      "WHERE substr (key, 1, ?2 - 1) = ?1 ORDER BY key", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, MML_PREF_NAMING_PREFIX, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) strlen (MML_PREF_NAMING_PREFIX) + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      /* one line per key: a value never holds a line break */
      if (value != NULL && strchr (value, '\n') == NULL)
        g_string_append_printf (out, "%s=%s\n", sqlite3_column_text (stmt, 0), value);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&out), FALSE), g_free);
}

void
mml_store_naming_file_async (MmlStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  mml_store_run_async (self, naming_job, NULL, NULL, mml_store_naming_file_async,
                       cancellable, callback, user_data);
}

char *
mml_store_naming_file_finish (MmlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- a series' folders ---- */

static void
series_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  gint64 series_id = *(gint64 *) task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MmlOrganizeSeries) s = NULL;
  GError *error = NULL;
  int rc;

  if (!check_exists (db, "SELECT 1 FROM series WHERE id = ?1", series_id, TRUE, &error) ||
      !(stmt = mml_store_prepare (db, "SELECT r.path, r.kind, s.title, coalesce (s.year, 0), s.folder "
                                      "FROM series s JOIN roots r ON r.id = s.root_id WHERE s.id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, series_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The series is in no library folder"));
      return;
    }
  s = g_new0 (MmlOrganizeSeries, 1);
  s->series_id = series_id;
  s->root_path = column_dup (stmt, 0);
  if (!mml_root_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &s->root_kind))
    s->root_kind = MML_ROOT_KIND_STANDARD;
  s->title = column_dup (stmt, 2);
  s->year = sqlite3_column_int (stmt, 3);
  s->folder = column_dup (stmt, 4);
  s->seasons = g_array_new (FALSE, FALSE, sizeof (int));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!(stmt = mml_store_prepare (db, "SELECT DISTINCT e.season FROM episodes e "
                                      "WHERE e.series_id = :series AND e.season IS NOT NULL "
                                      "  AND " MML_EPISODE_AIRED
                                      /* a season with files has its folder, whatever it is called */
                                      "  AND NOT EXISTS (SELECT 1 FROM files f WHERE f.series_id = :series "
                                      "                  AND f.season = e.season) "
                                      "ORDER BY e.season", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":series"), series_id);
  _mml_store_bind_today (store, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int season = sqlite3_column_int (stmt, 0);

      g_array_append_val (s->seasons, season);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&s), (GDestroyNotify) mml_organize_series_free);
}

void
mml_store_organize_series_async (MmlStore            *self,
                                 gint64               series_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  mml_store_run_async (self, series_job, g_memdup2 (&series_id, sizeof series_id), g_free,
                       mml_store_organize_series_async, cancellable, callback, user_data);
}

MmlOrganizeSeries *
mml_store_organize_series_finish (MmlStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- rows following renames ---- */

typedef struct
{
  gint64  id;
  char   *path;   /* with a trailing "/" */
} RootRow;

static void
root_row_free (RootRow *r)
{
  g_free (r->path);
  g_free (r);
}

/* The root holding @path, and @path relative to it */
static RootRow *
root_of (GPtrArray   *roots,
         const char  *path,
         const char **rel)
{
  for (guint i = 0; i < roots->len; i++)
    {
      RootRow *r = g_ptr_array_index (roots, i);

      if (g_str_has_prefix (path, r->path))
        {
          *rel = path + strlen (r->path);
          return r;
        }
    }
  return NULL;
}

/* The top folder of a relative path, NULL for a loose file */
static char *
top_folder (const char *rel)
{
  const char *slash = strchr (rel, '/');

  return slash != NULL ? g_strndup (rel, slash - rel) : NULL;
}

static gboolean
follow (sqlite3     *db,
        GPtrArray   *moves,
        GArray      *touched,
        GError     **error)
{
  g_autoptr(sqlite3_stmt) roots_stmt = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) series = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) root_row_free);

  if (!(roots_stmt = mml_store_prepare (db, "SELECT id, path FROM roots ORDER BY length (path) DESC", error)) ||
      !(find = mml_store_prepare (db, "SELECT id, coalesce (series_id, 0) FROM files "
                                      "WHERE root_id = ?1 AND path = ?2", error)) ||
      !(update = mml_store_prepare (db, "UPDATE OR IGNORE files SET path = ?2 WHERE id = ?1", error)) ||
      !(series = mml_store_prepare (db, "UPDATE series SET folder = ?3 "
                                        "WHERE id = ?1 AND folder IS ?2 "
                                        "  AND NOT EXISTS (SELECT 1 FROM series o "
                                        "                  WHERE o.root_id = ?4 AND o.folder = ?3)", error)))
    return FALSE;
  while (sqlite3_step (roots_stmt) == SQLITE_ROW)
    {
      RootRow *r = g_new0 (RootRow, 1);

      r->id = sqlite3_column_int64 (roots_stmt, 0);
      r->path = g_strconcat ((const char *) sqlite3_column_text (roots_stmt, 1), "/", NULL);
      g_ptr_array_add (roots, r);
    }

  for (guint i = 0; i + 1 < moves->len; i += 2)
    {
      const char *from = g_ptr_array_index (moves, i);
      const char *to = g_ptr_array_index (moves, i + 1);
      const char *rel_from = NULL, *rel_to = NULL;
      RootRow *root = root_of (roots, from, &rel_from);
      g_autofree char *old_top = NULL;
      g_autofree char *new_top = NULL;
      gint64 file_id, series_id;
      gboolean seen = FALSE;
      RootRow *to_root = root_of (roots, to, &rel_to);

      /* a file that left the library (a transfer) or came back (its
       * undo): the roots are rescanned, the rescan says where it is */
      for (int k = 0; k < 2; k++)
        {
          RootRow *r = k == 0 ? root : to_root;

          seen = FALSE;
          for (guint j = 0; r != NULL && j < touched->len && !seen; j++)
            seen = g_array_index (touched, gint64, j) == r->id;
          if (r != NULL && !seen)
            g_array_append_val (touched, r->id);
        }
      if (root == NULL || to_root != root)
        continue;

      sqlite3_reset (find);
      sqlite3_bind_int64 (find, 1, root->id);
      sqlite3_bind_text (find, 2, rel_from, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        continue;
      file_id = sqlite3_column_int64 (find, 0);
      series_id = sqlite3_column_int64 (find, 1);
      sqlite3_reset (find);

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, file_id);
      sqlite3_bind_text (update, 2, rel_to, -1, SQLITE_STATIC);
      if (sqlite3_step (update) != SQLITE_DONE)
        return mml_store_set_sqlite_error (db, error), FALSE;

      old_top = top_folder (rel_from);
      new_top = top_folder (rel_to);
      if (series_id == 0 || new_top == NULL || g_strcmp0 (old_top, new_top) == 0)
        continue;
      sqlite3_reset (series);
      sqlite3_bind_int64 (series, 1, series_id);
      if (old_top != NULL)
        sqlite3_bind_text (series, 2, old_top, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (series, 2);
      sqlite3_bind_text (series, 3, new_top, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (series, 4, root->id);
      if (sqlite3_step (series) != SQLITE_DONE)
        return mml_store_set_sqlite_error (db, error), FALSE;
    }
  return TRUE;
}

static void
follow_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;

  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!follow (db, task_data, touched, &error) || !mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&touched), (GDestroyNotify) g_array_unref);
}

void
mml_store_organize_follow_async (MmlStore            *self,
                                 GPtrArray           *moves,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  mml_store_run_async (self, follow_job, g_ptr_array_ref (moves), (GDestroyNotify) g_ptr_array_unref,
                       mml_store_organize_follow_async, cancellable, callback, user_data);
}

GArray *
mml_store_organize_follow_finish (MmlStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
