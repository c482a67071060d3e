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

static void
sidecar_free (MmlOrganizeSidecar *s)
{
  g_free (s);
}

/* A string of @len bytes after *@at, moved past it; NULL for NULL */
static char *
put_string (char      **at,
            const char *str,
            gsize       len)
{
  char *out = *at;

  if (str == NULL)
    return NULL;
  memcpy (out, str, len);
  out[len] = '\0';
  *at += len + 1;
  return out;
}

static MmlOrganizeVideo *
video_new (const char *root_path,     gsize root_path_len,
           const char *path,          gsize path_len,
           const char *series_title,  gsize series_title_len,
           const char *series_folder, gsize series_folder_len,
           const char *air_date,      gsize air_date_len,
           const char *release_group, gsize release_group_len)
{
  gsize size = sizeof (MmlOrganizeVideo) + root_path_len + path_len + series_title_len + series_folder_len
               + air_date_len + release_group_len + 6;
  MmlOrganizeVideo *v = g_malloc0 (size);
  char *at = (char *) (v + 1);

  v->root_path = put_string (&at, root_path, root_path_len);
  v->path = put_string (&at, path, path_len);
  v->series_title = put_string (&at, series_title, series_title_len);
  v->series_folder = put_string (&at, series_folder, series_folder_len);
  v->air_date = put_string (&at, air_date, air_date_len);
  v->release_group = put_string (&at, release_group, release_group_len);
  v->season = -1;
  v->episodes = g_array_new (FALSE, FALSE, sizeof (int));
  v->absolute = g_array_new (FALSE, FALSE, sizeof (int));
  v->episode_titles = g_ptr_array_new_with_free_func (g_free);
  v->subtitles = g_ptr_array_new_with_free_func ((GDestroyNotify) sidecar_free);
  return v;
}

#define STRING(s) (s), ((s) != NULL ? strlen (s) : 0)

MmlOrganizeVideo *
mml_organize_video_new (const char *root_path,
                        const char *path,
                        const char *series_title,
                        const char *series_folder,
                        const char *air_date,
                        const char *release_group)
{
  g_return_val_if_fail (root_path != NULL && path != NULL, NULL);
  return video_new (STRING (root_path), STRING (path), STRING (series_title), STRING (series_folder),
                    STRING (air_date), STRING (release_group));
}

void
mml_organize_video_add_subtitle (MmlOrganizeVideo *video,
                                 gint64            file_id,
                                 const char       *path)
{
  gsize len = strlen (path);
  MmlOrganizeSidecar *s = g_malloc (sizeof *s + len + 1);

  s->file_id = file_id;
  s->path = memcpy (s + 1, path, len + 1);
  g_ptr_array_add (video->subtitles, s);
}

void
mml_organize_video_free (MmlOrganizeVideo *video)
{
  if (video == NULL)
    return;
  g_clear_pointer (&video->episodes, g_array_unref);
  g_clear_pointer (&video->absolute, g_array_unref);
  g_clear_pointer (&video->episode_titles, g_ptr_array_unref);
  g_clear_pointer (&video->subtitles, g_ptr_array_unref);
  g_free (video);
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

/* A column's bytes (NULL for NULL), and how many of them column_dup ()
 * keeps */
static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return (const char *) sqlite3_column_blob (stmt, col);
}

static gsize
column_len (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_blob (stmt, col);
  gsize len = (gsize) sqlite3_column_bytes (stmt, col);

  return text != NULL ? strnlen (text, len) : 0;
}

/* The numbers of a JSON array the scanner wrote ("[3,4]") into @out, sorted */
static void
numbers (GArray     *out,
         const char *json)
{
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

/* One statement per selection, so that SQLite uses the index that fits
 * it (files_series, the (root_id, path) one) and reads the whole library
 * in table order; the order is made in C */
typedef enum
{
  SELECT_LIBRARY,
  SELECT_SERIES,
  SELECT_ROOT,
  SELECT_SERIES_ROOT,
  N_SELECTIONS
} Selection;

#define VIDEO_ROWS "v.kind = 'video' AND v.status = 'present'"
#define BY_SERIES  " AND v.series_id = :series"
#define BY_ROOT    " AND v.root_id = :root"
#define SELECTIONS(query) \
  { query (VIDEO_ROWS), query (VIDEO_ROWS BY_SERIES), query (VIDEO_ROWS BY_ROOT), \
    query (VIDEO_ROWS BY_SERIES BY_ROOT) }

#define READ_VIDEOS(where) \
  "SELECT v.id, v.root_id, r.path, r.kind, v.path, v.size, v.device, " \
  "       coalesce (v.series_id, 0), s.title, coalesce (s.year, 0), s.folder, " \
  "       v.season, v.episodes, v.absolute, v.air_date, v.release_group, " \
  "       coalesce (v.resolution, 0) " \
  "FROM files v JOIN roots r ON r.id = v.root_id " \
  "LEFT JOIN series s ON s.id = v.series_id " \
  "WHERE " where

/* the titles of a video's episodes, in their order */
#define READ_TITLES(where) \
  "SELECT v.id, e.title FROM files v " \
  "JOIN episode_files ef ON ef.file_id = v.id JOIN episodes e ON e.id = ef.episode_id " \
  "WHERE " where " ORDER BY v.id, e.season, e.number"

/* a subtitle linked to a video more than once (a track per language) is
 * one sidecar: duplicates are dropped in C, as the sort by path is made */
#define READ_SUBTITLES(where) \
  "SELECT v.id, f.id, f.path FROM files v " \
  "JOIN subtitles sub ON sub.video_id = v.id " \
  "JOIN files f ON f.id = sub.file_id AND f.root_id = v.root_id " \
  "WHERE " where " AND sub.embedded = 0 AND f.status = 'present'"

static const char * const videos_sql[N_SELECTIONS] = SELECTIONS (READ_VIDEOS);
static const char * const titles_sql[N_SELECTIONS] = SELECTIONS (READ_TITLES);
static const char * const subtitles_sql[N_SELECTIONS] = SELECTIONS (READ_SUBTITLES);

static sqlite3_stmt *
prepare_selection (sqlite3            *db,
                   const char * const *sql,
                   VideosJob          *job,
                   GError            **error)
{
  Selection which = job->series_id != 0 && job->root_id != 0 ? SELECT_SERIES_ROOT
                  : job->series_id != 0 ? SELECT_SERIES
                  : job->root_id != 0 ? SELECT_ROOT : SELECT_LIBRARY;
  sqlite3_stmt *stmt = mml_store_prepare (db, sql[which], error);
  int at;

  if (stmt == NULL)
    return NULL;
  if ((at = sqlite3_bind_parameter_index (stmt, ":series")) > 0)
    sqlite3_bind_int64 (stmt, at, job->series_id);
  if ((at = sqlite3_bind_parameter_index (stmt, ":root")) > 0)
    sqlite3_bind_int64 (stmt, at, job->root_id);
  return stmt;
}

static int
by_file_id (gconstpointer a,
            gconstpointer b)
{
  const MmlOrganizeVideo *x = *(MmlOrganizeVideo * const *) a;
  const MmlOrganizeVideo *y = *(MmlOrganizeVideo * const *) b;

  return x->file_id < y->file_id ? -1 : x->file_id > y->file_id;
}

/* SQLite's ORDER BY root_id, path (paths compare as bytes) */
static int
by_root_and_path (gconstpointer a,
                  gconstpointer b)
{
  const MmlOrganizeVideo *x = *(MmlOrganizeVideo * const *) a;
  const MmlOrganizeVideo *y = *(MmlOrganizeVideo * const *) b;

  if (x->root_id != y->root_id)
    return x->root_id < y->root_id ? -1 : 1;
  return strcmp (x->path, y->path);
}

static int
sidecar_by_path (gconstpointer a,
                 gconstpointer b)
{
  const MmlOrganizeSidecar *x = *(MmlOrganizeSidecar * const *) a;
  const MmlOrganizeSidecar *y = *(MmlOrganizeSidecar * const *) b;

  return strcmp (x->path, y->path);
}

/* The videos by file id: a table indexed by id when the ids are dense
 * (a library's are), else a search of the ids in order */
typedef struct
{
  GPtrArray         *rows;    /* sorted by id */
  gint64             first;   /* the id of index[0] */
  MmlOrganizeVideo **index;   /* NULL: search ids */
  gsize              size;
  gint64            *ids;     /* the ids of rows, for the search */
} VideoIndex;

static void
video_index_init (VideoIndex *x,
                  GPtrArray  *rows)
{
  gint64 first, last;

  *x = (VideoIndex) { rows, 0, NULL, 0, NULL };
  if (rows->len == 0)
    return;
  first = ((MmlOrganizeVideo *) g_ptr_array_index (rows, 0))->file_id;
  last = ((MmlOrganizeVideo *) g_ptr_array_index (rows, rows->len - 1))->file_id;
  if (last - first < 4 * (gint64) rows->len + 1024)
    {
      x->first = first;
      x->size = (gsize) (last - first + 1);
      x->index = g_new0 (MmlOrganizeVideo *, x->size);
      for (guint i = 0; i < rows->len; i++)
        {
          MmlOrganizeVideo *v = g_ptr_array_index (rows, i);

          x->index[v->file_id - first] = v;
        }
      return;
    }
  x->ids = g_new (gint64, rows->len);
  for (guint i = 0; i < rows->len; i++)
    x->ids[i] = ((MmlOrganizeVideo *) g_ptr_array_index (rows, i))->file_id;
}

static void
video_index_clear (VideoIndex *x)
{
  g_clear_pointer (&x->index, g_free);
  g_clear_pointer (&x->ids, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VideoIndex, video_index_clear)

/* The video with @id, NULL if none */
static MmlOrganizeVideo *
find_video (const VideoIndex *x,
            gint64            id)
{
  guint lo = 0, hi = x->rows->len;

  if (x->index != NULL)
    return id >= x->first && (guint64) (id - x->first) < x->size ? x->index[id - x->first] : NULL;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (x->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < x->rows->len && x->ids[lo] == id ? g_ptr_array_index (x->rows, lo) : NULL;
}

/* The rows, sorted by file id */
static gboolean
read_videos (sqlite3     *db,
             VideosJob   *job,
             GPtrArray   *rows,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean sorted = TRUE;
  int rc;

  if (!(stmt = prepare_selection (db, videos_sql, job, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlOrganizeVideo *v;

      /* the strings, with their lengths (strlen (): a NUL ends one, as
       * g_strndup () ends it) */
#define COLUMN(i) column_text (stmt, i), column_len (stmt, i)
      v = video_new (COLUMN (2), COLUMN (4), COLUMN (8), COLUMN (10), COLUMN (14), COLUMN (15));
#undef COLUMN
      v->file_id = sqlite3_column_int64 (stmt, 0);
      v->root_id = sqlite3_column_int64 (stmt, 1);
      if (!mml_root_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &v->root_kind))
        v->root_kind = MML_ROOT_KIND_STANDARD;
      v->size = sqlite3_column_int64 (stmt, 5);
      v->device = (guint64) sqlite3_column_int64 (stmt, 6);
      v->series_id = sqlite3_column_int64 (stmt, 7);
      v->series_year = sqlite3_column_int (stmt, 9);
      v->season = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 11);
      numbers (v->episodes, (const char *) sqlite3_column_text (stmt, 12));
      numbers (v->absolute, (const char *) sqlite3_column_text (stmt, 13));
      v->resolution = sqlite3_column_int (stmt, 16);
      if (rows->len > 0 && ((MmlOrganizeVideo *) g_ptr_array_index (rows, rows->len - 1))->file_id > v->file_id)
        sorted = FALSE;
      g_ptr_array_add (rows, v);
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  if (!sorted)
    g_ptr_array_sort (rows, by_file_id);
  return TRUE;
}

static gboolean
read_titles (sqlite3     *db,
             VideosJob   *job,
             VideoIndex  *index,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = prepare_selection (db, titles_sql, job, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlOrganizeVideo *v = find_video (index, sqlite3_column_int64 (stmt, 0));

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
                VideoIndex  *index,
                GError     **error)
{
  GPtrArray *rows = index->rows;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = prepare_selection (db, subtitles_sql, job, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlOrganizeVideo *v = find_video (index, sqlite3_column_int64 (stmt, 0));
      MmlOrganizeSidecar *s;

      if (v == NULL)
        continue;
      {
        const char *path = column_text (stmt, 2);
        gsize len = column_len (stmt, 2);

        s = g_malloc (sizeof *s + len + 1);
        s->file_id = sqlite3_column_int64 (stmt, 1);
        s->path = memcpy (s + 1, path != NULL ? path : "", len);
        s->path[len] = '\0';
        g_ptr_array_add (v->subtitles, s);
      }
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;

  /* by path, each file once */
  for (guint i = 0; i < rows->len; i++)
    {
      MmlOrganizeVideo *v = g_ptr_array_index (rows, i);
      guint kept = 0;

      if (v->subtitles->len < 2)
        continue;
      g_ptr_array_sort (v->subtitles, sidecar_by_path);
      for (guint j = 0; j < v->subtitles->len; j++)
        {
          MmlOrganizeSidecar *s = g_ptr_array_index (v->subtitles, j);

          if (kept > 0 && ((MmlOrganizeSidecar *) g_ptr_array_index (v->subtitles, kept - 1))->file_id == s->file_id)
            sidecar_free (s);
          else
            v->subtitles->pdata[kept++] = s;
        }
      v->subtitles->len = kept;
    }
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
  g_auto(VideoIndex) index = { 0 };
  GError *error = NULL;

  if (!check_exists (db, "SELECT 1 FROM series WHERE id = ?1", job->series_id, TRUE, &error) ||
      !check_exists (db, "SELECT 1 FROM roots WHERE id = ?1", job->root_id, FALSE, &error) ||
      !read_videos (db, job, rows, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  video_index_init (&index, rows);
  if (!read_titles (db, job, &index, &error) || !read_subtitles (db, job, &index, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_sort (rows, by_root_and_path);
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
