/* mml-library-detail.c — the series page: seasons → episodes → files → subtitles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Statements in one read transaction build the tree: the series row (the
 * one series query of mml-library.c, so the item heading the page is the
 * list's, counts included), its episodes with their files, the provider's
 * seasons, the other videos and the sidecar subtitles; a file linked to
 * several episodes (a double episode) is one MmlFileInfo that each of them
 * points to.
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-library-private.h"
#include "mml-subtitle-private.h"

/* What the loaders share while they build one MmlSeriesDetail */
typedef struct
{
  MmlStore        *store;         /* whose clock says what today is */
  gint64           series_id;
  MmlSeriesDetail *detail;
  GHashTable      *files_by_id;   /* gint64 * → MmlFileInfo *, not owned */
} DetailLoad;

/* --- plain structs --- */

static void
file_info_free (gpointer data)
{
  MmlFileInfo *info = data;

  g_free (info->path);
  g_free (info->status);
  g_free (info->release_group);
  g_ptr_array_unref (info->subtitles);
  g_free (info);
}

static void
episode_info_free (gpointer data)
{
  MmlEpisodeInfo *info = data;

  g_free (info->air_date);
  g_free (info->title);
  g_ptr_array_unref (info->files);
  g_free (info);
}

static void
season_info_free (gpointer data)
{
  MmlSeasonInfo *info = data;

  g_ptr_array_unref (info->episodes);
  g_free (info->name);
  g_free (info->poster_url);
  g_free (info);
}

static MmlSeriesDetail *
series_detail_new (void)
{
  MmlSeriesDetail *self = g_new0 (MmlSeriesDetail, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->seasons = g_ptr_array_new_with_free_func (season_info_free);
  self->other_files = g_ptr_array_new ();
  self->all_files = g_ptr_array_new_with_free_func (file_info_free);

  return self;
}

MmlSeriesDetail *
mml_series_detail_ref (MmlSeriesDetail *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_series_detail_unref (MmlSeriesDetail *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->series);
  g_free (self->root_path);
  g_free (self->provider);
  g_free (self->overview);
  g_free (self->country);
  g_free (self->premiered);
  g_free (self->ended);
  g_strfreev (self->genres);
  g_free (self->episode_order);
  g_free (self->meta_error);
  g_free (self->imdb_id);
  g_ptr_array_unref (self->seasons);
  g_ptr_array_unref (self->other_files);
  g_ptr_array_unref (self->all_files);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (MmlSeriesDetail, mml_series_detail,
                     mml_series_detail_ref, mml_series_detail_unref)

/* --- loading --- */

/* @first: f.id, f.path, f.size, f.resolution, f.status from there on;
 * @group: f.release_group */
static MmlFileInfo *
file_info_from_row (sqlite3_stmt *stmt,
                    int           first,
                    int           group)
{
  MmlFileInfo *info = g_new0 (MmlFileInfo, 1);

  info->id = sqlite3_column_int64 (stmt, first);
  info->path = _mml_library_column_bytes (stmt, first + 1);
  info->size = sqlite3_column_int64 (stmt, first + 2);
  info->resolution = MAX (0, _mml_library_column_int_or (stmt, first + 3, 0));
  info->status = _mml_library_column_text (stmt, first + 4);
  info->release_group = _mml_library_column_text (stmt, group);
  info->subtitles = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_track_free);

  return info;
}

/* Keeps @file: every file of the detail is in all_files, once */
static void
add_file (DetailLoad  *load,
          MmlFileInfo *file)
{
  g_ptr_array_add (load->detail->all_files, file);
  g_hash_table_insert (load->files_by_id, &file->id, file);
}

/* The series row is the one series query's (so the page's item is the
 * list's, field for field), then what only the page shows */
static gboolean
load_series_row (DetailLoad  *load,
                 sqlite3     *db,
                 GError     **error)
{
  MmlSeriesDetail *detail = load->detail;
  const MmlSeriesPick pick = { MML_SERIES_PICK_ONE, load->series_id, 0, NULL, 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MmlSeriesItem *series;
  int rc;

  if (!(items = _mml_library_list_series (load->store, db, &pick, error)))
    return FALSE;
  if (items->len == 0)
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND,
                   _("There is no series with id %lld"), (long long) load->series_id);
      return FALSE;
    }

  series = detail->series = g_object_ref (g_ptr_array_index (items, 0));
  detail->root_path = g_strdup (mml_series_item_get_root_path (series));
  detail->provider = g_strdup (mml_series_item_get_provider (series));
  detail->overview = g_strdup (mml_series_item_get_overview (series));
  detail->country = g_strdup (mml_series_item_get_country (series));
  detail->genres = g_strdupv ((char **) mml_series_item_get_genres (series));
  detail->episode_order = g_strdup (mml_series_item_get_episode_order (series));
  detail->meta_error = g_strdup (mml_series_item_get_meta_error (series));
  detail->tvmaze_id = mml_series_item_get_tvmaze_id (series);
  detail->tvdb_id = mml_series_item_get_tvdb_id (series);
  detail->tmdb_id = mml_series_item_get_tmdb_id (series);
  detail->imdb_id = g_strdup (mml_series_item_get_imdb_id (series));
  detail->refreshed_at = mml_series_item_get_refreshed_at (series);

  if (!(stmt = _mml_library_prepare_with_id (db,
                                             "SELECT s.premiered, s.ended, s.runtime FROM series s WHERE s.id = ?",
                                             load->series_id, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)   /* the row was read above, in the same snapshot */
    return mml_store_set_sqlite_error (db, error);

  detail->premiered = _mml_library_column_utf8 (stmt, 0);
  detail->ended = _mml_library_column_utf8 (stmt, 1);
  detail->runtime = MAX (0, sqlite3_column_int (stmt, 2));

  return TRUE;
}

/* Every special of the provider is listed with the specials (season 0),
 * whatever season it aired in; the specials come after the seasons */
#define SEASON_KEY "(CASE WHEN e.special <> 0 THEN 0 ELSE coalesce (e.season, -1) END)"

static gboolean
load_episodes (DetailLoad  *load,
               sqlite3     *db,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MmlSeasonInfo *season = NULL;
  MmlEpisodeInfo *episode = NULL;
  gboolean matched = mml_series_item_get_matched (load->detail->series);
  int rc;

  if (!(stmt = mml_store_prepare (db,
                                  "SELECT e.id, e.season, e.number, e.absolute, "
                                  "       " MML_EPISODE_LOCAL_DATE ", e.title, e.special, "
                                  "       " MML_EPISODE_MISSING ", " MML_EPISODE_UPCOMING ", "
                                  "       f.id, f.path, f.size, f.resolution, f.status, e.watched, "
                                  "       coalesce (" MML_EPISODE_AIRED ", 0), f.release_group "
                                  "FROM episodes e "
                                  "LEFT JOIN episode_files ef ON ef.episode_id = e.id "
                                  "LEFT JOIN files f ON f.id = ef.file_id "
                                  "WHERE e.series_id = :id "
                                  "ORDER BY " SEASON_KEY " = 0, " SEASON_KEY ", e.number, e.absolute, "
                                  "         " MML_EPISODE_LOCAL_DATE ", e.id, f.path",
                                  error)))
    return FALSE;
  /* by name: the flags' parameters come first */
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), load->series_id);
  _mml_store_bind_today (load->store, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 episode_id = sqlite3_column_int64 (stmt, 0);
      gboolean special = sqlite3_column_int (stmt, 6) != 0;
      int season_number = _mml_library_column_int_or (stmt, 1, -1);
      int season_key = special ? 0 : season_number;

      if (episode == NULL || episode->id != episode_id)
        {
          if (season == NULL || season->season != season_key)
            {
              season = g_new0 (MmlSeasonInfo, 1);
              season->season = season_key;
              season->episodes = g_ptr_array_new_with_free_func (episode_info_free);
              g_ptr_array_add (load->detail->seasons, season);
            }

          episode = g_new0 (MmlEpisodeInfo, 1);
          episode->id = episode_id;
          episode->season = season_number;
          episode->number = _mml_library_column_int_or (stmt, 2, -1);
          episode->absolute = _mml_library_column_int_or (stmt, 3, -1);
          episode->air_date = _mml_library_column_text (stmt, 4);
          episode->title = _mml_library_column_utf8 (stmt, 5);
          episode->special = special;
          episode->missing = matched && sqlite3_column_int (stmt, 7) != 0;
          episode->upcoming = sqlite3_column_int (stmt, 8) != 0;
          episode->watched = sqlite3_column_int (stmt, 14) != 0;
          episode->aired = sqlite3_column_int (stmt, 15) != 0;
          episode->files = g_ptr_array_new ();
          g_ptr_array_add (season->episodes, episode);
        }

      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        {
          gint64 file_id = sqlite3_column_int64 (stmt, 9);
          MmlFileInfo *file = g_hash_table_lookup (load->files_by_id, &file_id);

          /* A multi-episode file belongs to several episodes; keep one copy */
          if (file == NULL)
            {
              file = file_info_from_row (stmt, 9, 16);
              add_file (load, file);
            }
          g_ptr_array_add (episode->files, file);
        }
    }

  return _mml_library_rows_done (db, rc, error);
}

/* The provider's seasons dress the seasons the episodes make (season 0 is
 * the specials); one with no episode listed is not shown */
static gboolean
load_seasons (DetailLoad  *load,
              sqlite3     *db,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *seasons = load->detail->seasons;
  int rc;

  if (!(stmt = _mml_library_prepare_with_id (db,
                                             "SELECT number, name, poster_url, episode_count "
                                             "FROM seasons WHERE series_id = ? ORDER BY number",
                                             load->series_id, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int number = sqlite3_column_int (stmt, 0);

      for (guint i = 0; i < seasons->len; i++)
        {
          MmlSeasonInfo *season = g_ptr_array_index (seasons, i);

          if (season->season != number)
            continue;
          season->name = _mml_library_column_utf8 (stmt, 1);
          season->poster_url = _mml_library_column_utf8 (stmt, 2);
          season->episode_count = MAX (0, sqlite3_column_int (stmt, 3));
          break;
        }
    }

  return _mml_library_rows_done (db, rc, error);
}

static gboolean
load_other_files (DetailLoad  *load,
                  sqlite3     *db,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _mml_library_prepare_with_id (db,
                                             "SELECT f.id, f.path, f.size, f.resolution, f.status, f.release_group "
                                             "FROM files f WHERE f.series_id = ? AND f.kind = 'video' "
                                             "AND NOT EXISTS (SELECT 1 FROM episode_files ef WHERE ef.file_id = f.id) "
                                             "ORDER BY f.path",
                                             load->series_id, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlFileInfo *file = file_info_from_row (stmt, 0, 5);

      add_file (load, file);
      g_ptr_array_add (load->detail->other_files, file);
    }

  return _mml_library_rows_done (db, rc, error);
}

static gboolean
load_subtitles (DetailLoad  *load,
                sqlite3     *db,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _mml_library_prepare_with_id (db,
                                             "SELECT sub.video_id, " MML_SUBTITLE_TRACK_COLUMNS " "
                                             "FROM files v "
                                             "JOIN subtitles sub ON sub.video_id = v.id "
                                             "LEFT JOIN files sf ON sf.id = sub.file_id "
                                             "WHERE v.series_id = ? AND v.kind = 'video' "
                                             "  AND " MML_SUBTITLE_TRACK_LIVE " "
                                             "ORDER BY sub.embedded, sub.language, sf.path",
                                             load->series_id, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 video_id = sqlite3_column_int64 (stmt, 0);
      MmlFileInfo *video = g_hash_table_lookup (load->files_by_id, &video_id);

      if (video != NULL)
        g_ptr_array_add (video->subtitles, _mml_subtitle_track_from_row (stmt, 1));
    }

  return _mml_library_rows_done (db, rc, error);
}

static gboolean
load_detail (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  DetailLoad *load = data;

  return load_series_row (load, db, error) &&
         load_episodes (load, db, error) &&
         load_seasons (load, db, error) &&
         load_other_files (load, db, error) &&
         load_subtitles (load, db, error);
}

static void
series_detail_job (MmlStore     *store,
                   sqlite3      *db,
                   GTask        *task,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(MmlSeriesDetail) detail = series_detail_new ();
  g_autoptr(GHashTable) files_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  DetailLoad load = { store, *(gint64 *) task_data, detail, files_by_id };
  GError *error = NULL;

  if (!_mml_library_read (db, load_detail, &load, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&detail), (GDestroyNotify) mml_series_detail_unref);
}

/**
 * mml_store_get_series_detail_async:
 * @series_id: the series
 *
 * Loads the series page: seasons in order, their episodes with their files,
 * and the sidecar subtitles of each file.
 */
void
mml_store_get_series_detail_async (MmlStore            *self,
                                   gint64               series_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, series_detail_job, g_memdup2 (&series_id, sizeof series_id), g_free,
                       mml_store_get_series_detail_async, cancellable, callback, user_data);
}

/**
 * mml_store_get_series_detail_finish:
 *
 * Returns: (transfer full) (nullable): the series page, or %NULL with @error
 *   set (%MML_STORE_ERROR_NOT_FOUND when the series is gone)
 */
MmlSeriesDetail *
mml_store_get_series_detail_finish (MmlStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_get_series_detail_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
