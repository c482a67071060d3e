/* mml-meta-query.c — reading metadata back: what to match or refresh,
 * series rows (the store's one series query), missing and upcoming
 * episodes, open match conflicts with their candidates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-meta"

#include "config.h"

#include <json-glib/json-glib.h>

#include "mml-json.h"
#include "mml-library-private.h"
#include "mml-meta-store-private.h"
#include "mml-root.h"

/* Missing and upcoming are those of mml-episode-rules.h, as on the series
 * list and the series page: every statement here that uses them names all
 * its parameters (":series", ":specials", ":days"), so that none clashes
 * with ":today" and ":tomorrow". */

/* Binds @name where @s has it */
static void
bind_int64_named (sqlite3_stmt *s,
                  const char   *name,
                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (s, name);

  if (index > 0)
    sqlite3_bind_int64 (s, index, value);
}

/* --- targets ------------------------------------------------------------- */

void
mml_meta_target_free (MmlMetaTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->folder);
  g_free (target->root_path);
  mml_match_query_free (target->query);
  g_free (target);
}

static MmlMetaTarget *
target_from_row (sqlite3_stmt *s)
{
  MmlMetaTarget *t = g_new0 (MmlMetaTarget, 1);
  const char *kind = (const char *) sqlite3_column_text (s, 3);
  const char *title = (const char *) sqlite3_column_text (s, 4);
  int year = column_int_or (s, 5, 0);

  t->series_id = sqlite3_column_int64 (s, 0);
  t->folder = _mml_meta_column_text (s, 1);
  t->root_path = _mml_meta_column_text (s, 2);
  t->root_kind = g_strcmp0 (kind, "anime") == 0 ? MML_ROOT_KIND_ANIME
               : g_strcmp0 (kind, "daily") == 0 ? MML_ROOT_KIND_DAILY : MML_ROOT_KIND_STANDARD;
  if (t->folder != NULL)
    {
      g_autofree char *base = g_path_get_basename (t->folder);

      t->query = mml_match_query_new_from_folder (base);
    }
  else
    t->query = mml_match_query_new (title != NULL ? title : "", year);
  /* ids the scanner found in the folder name, when the query lacks them */
  if (t->query->tvdb_id == 0)
    t->query->tvdb_id = sqlite3_column_int64 (s, 11);
  if (t->query->tmdb_id == 0)
    t->query->tmdb_id = sqlite3_column_int64 (s, 12);
  t->query->seasons_on_disk = column_int_or (s, 15, 0);
  t->query->episodes_on_disk = column_int_or (s, 16, 0);

  if (!mml_match_state_from_string ((const char *) sqlite3_column_text (s, 6), &t->state))
    t->state = MML_MATCH_STATE_NONE;
  if (!mml_episode_order_from_string ((const char *) sqlite3_column_text (s, 7), &t->order))
    t->order = MML_EPISODE_ORDER_AIRED;
  if (mml_meta_provider_from_string ((const char *) sqlite3_column_text (s, 8), &t->provider))
    t->provider_id = sqlite3_column_int64 (s, t->provider == MML_META_PROVIDER_TVMAZE ? 9
                                              : t->provider == MML_META_PROVIDER_TVDB ? 10 : 12);
  t->provider_updated = sqlite3_column_int64 (s, 14);
  t->refreshed_at = sqlite3_column_int64 (s, 17);
  return t;
}

static void
list_targets_job (MmlStore     *store,
                  sqlite3      *db,
                  GTask        *task,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const gint64 *args = task_data;   /* which, series id */
  g_autoptr(sqlite3_stmt) s = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_target_free);
  GError *error = NULL;
  const char *where;
  int rc;

  switch ((MmlMetaTargets) args[0])
    {
    case MML_META_TARGETS_UNMATCHED: where = "s.match_state = 'none'"; break;
    case MML_META_TARGETS_CONFLICTS: where = "s.match_state = 'conflict'"; break;
    case MML_META_TARGETS_MATCHED:   where = "s.match_state IN ('auto', 'manual')"; break;
    case MML_META_TARGETS_ONE:
    default:                         where = "s.id = ?1"; break;
    }

  {
    g_autofree char *sql = g_strconcat (
        "SELECT s.id, s.folder, r.path, r.kind, COALESCE(s.folder_title, s.title), s.year, s.match_state, "
        "s.episode_order, s.provider, s.tvmaze_id, s.tvdb_id, s.tvdb_id, s.tmdb_id, s.imdb_id, s.provider_updated, "
        "(SELECT max(f.season) FROM files f WHERE f.series_id = s.id AND f.kind = 'video' "
        "  AND f.status != 'missing' AND f.special = 0), "
        "(SELECT count(DISTINCT ef.episode_id) FROM episode_files ef JOIN files f ON f.id = ef.file_id "
        "  WHERE f.series_id = s.id AND f.status != 'missing' AND f.special = 0), s.refreshed_at "
        "FROM series s JOIN roots r ON r.id = s.root_id "
        "WHERE r.enabled = 1 AND ", where, " ORDER BY s.sort_title COLLATE NOCASE, s.id", NULL);

    if (!(s = mml_store_prepare (db, sql, &error)))
      {
        g_task_return_error (task, error);
        return;
      }
  }
  if (args[0] == MML_META_TARGETS_ONE)
    sqlite3_bind_int64 (s, 1, args[1]);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (out, target_from_row (s));
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_meta_store_list_targets_async (MmlStore            *store,
                                   MmlMetaTargets       which,
                                   gint64               series_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  gint64 *args = g_new (gint64, 2);

  args[0] = which;
  args[1] = series_id;
  mml_store_run_async (store, list_targets_job, args, g_free,
                       mml_meta_store_list_targets_async, cancellable, callback, user_data);
}

static gpointer
propagate (MmlStore     *store,
           GAsyncResult *result,
           gpointer      tag,
           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
mml_meta_store_list_targets_finish (MmlStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return propagate (store, result, mml_meta_store_list_targets_async, error);
}

/**
 * mml_meta_store_disk_summary_finish:
 *
 * Returns: (transfer full): what the series' video files name, or %NULL
 *   with @error set
 */
MmlDiskSummary *
mml_meta_store_disk_summary_finish (MmlStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return propagate (store, result, mml_meta_store_disk_summary_async, error);
}

/* --- what is on disk, for the matcher ------------------------------------- */

static void
disk_summary_job (MmlStore     *store,
                  sqlite3      *db,
                  GTask        *task,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const gint64 *series_id = task_data;
  g_autoptr(sqlite3_stmt) s = NULL;
  g_autoptr(MmlDiskSummary) disk = mml_disk_summary_new ();
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (int));
  GError *error = NULL;
  int rc;

  s = mml_store_prepare (db,
      "SELECT season, episodes, absolute, air_date FROM files "
      "WHERE series_id = ?1 AND kind = 'video' AND status != 'missing' AND special = 0", &error);
  if (s == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (s, 1, *series_id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      int season = column_int_or (s, 0, -1);

      _mml_meta_parse_int_list ((const char *) sqlite3_column_text (s, 1), numbers);
      for (guint i = 0; season > 0 && i < numbers->len; i++)
        mml_disk_summary_add_episode (disk, season, g_array_index (numbers, int, i));
      _mml_meta_parse_int_list ((const char *) sqlite3_column_text (s, 2), numbers);
      for (guint i = 0; i < numbers->len; i++)
        mml_disk_summary_add_absolute (disk, g_array_index (numbers, int, i));
      mml_disk_summary_add_air_date (disk, (const char *) sqlite3_column_text (s, 3));
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&disk), (GDestroyNotify) mml_disk_summary_unref);
}

void
mml_meta_store_disk_summary_async (MmlStore            *store,
                                   gint64               series_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  mml_store_run_async (store, disk_summary_job, g_memdup2 (&series_id, sizeof series_id), g_free,
                       mml_meta_store_disk_summary_async, cancellable, callback, user_data);
}

/* --- series rows --------------------------------------------------------- */

/* The rows are the store's one series query's (mml-library.c) */

static void
return_series (GTask               *task,
               MmlStore            *store,
               sqlite3             *db,
               const MmlSeriesPick *pick,
               GCompareDataFunc     sort,
               gpointer             sort_data)
{
  GError *error = NULL;
  GPtrArray *items;

  if ((items = _mml_library_list_series (store, db, pick, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (sort != NULL)
    g_ptr_array_sort_with_data (items, sort, sort_data);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_series_job (MmlStore     *store,
                 sqlite3      *db,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const gint64 *series_id = task_data;
  MmlSeriesPick pick = { MML_SERIES_PICK_ALL, 0, 0, NULL, 0 };

  if (*series_id != 0)
    {
      pick.kind = MML_SERIES_PICK_ONE;
      pick.series_id = *series_id;
    }
  return_series (task, store, db, &pick, NULL, NULL);
}

/**
 * mml_meta_store_list_series_async:
 * @series_id: one series, or 0 for every row
 *
 * Lists series rows with their ids, match state, metadata and counts; every
 * row (not only those the library's list shows) when @series_id is 0.
 */
void
mml_meta_store_list_series_async (MmlStore            *store,
                                  gint64               series_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  mml_store_run_async (store, list_series_job, g_memdup2 (&series_id, sizeof series_id), g_free,
                       mml_meta_store_list_series_async, cancellable, callback, user_data);
}

/**
 * mml_meta_store_list_series_finish:
 *
 * Returns: (transfer container) (element-type MmlSeriesItem): the series,
 *   by title (none when @series_id is not a series), or %NULL with @error
 *   set
 */
GPtrArray *
mml_meta_store_list_series_finish (MmlStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return propagate (store, result, mml_meta_store_list_series_async, error);
}

/* --- series already matched to a provider's show --------------------------- */

typedef struct
{
  MmlMetaProvider provider;
  GArray         *ids;       /* gint64 */
} FindArgs;

static void
find_args_free (FindArgs *args)
{
  g_array_unref (args->ids);
  g_free (args);
}

/* In the order of the ids asked for, then of the series ids */
static int
compare_found (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const FindArgs *args = user_data;
  MmlSeriesItem *ia = *(MmlSeriesItem **) a;
  MmlSeriesItem *ib = *(MmlSeriesItem **) b;
  guint pa = 0, pb = 0;
  gint64 ida, idb;

  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);

      if (pa == 0 && id == mml_series_item_get_provider_id (ia, args->provider))
        pa = i + 1;
      if (pb == 0 && id == mml_series_item_get_provider_id (ib, args->provider))
        pb = i + 1;
    }
  if (pa != pb)
    return pa < pb ? -1 : 1;
  ida = mml_series_item_get_id (ia);
  idb = mml_series_item_get_id (ib);
  return ida < idb ? -1 : ida > idb;
}

static void
find_matched_job (MmlStore     *store,
                  sqlite3      *db,
                  GTask        *task,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FindArgs *args = task_data;
  const MmlSeriesPick pick = { MML_SERIES_PICK_MATCHED, 0, args->provider,
                               (const gint64 *) (gpointer) args->ids->data, args->ids->len };

  return_series (task, store, db, &pick, compare_found, args);
}

/**
 * mml_meta_store_find_matched_async:
 * @provider: whose ids @ids are
 * @ids: (array length=n_ids): show ids at @provider
 *
 * Finds the library's series already matched (automatically or by hand) to
 * one of @ids — so that adding a show again can say where it already is —
 * by the id column of @provider, whichever provider matched them.
 */
void
mml_meta_store_find_matched_async (MmlStore            *store,
                                   MmlMetaProvider      provider,
                                   const gint64        *ids,
                                   guint                n_ids,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  FindArgs *args = g_new0 (FindArgs, 1);

  args->provider = provider;
  args->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (args->ids, ids, n_ids);
  mml_store_run_async (store, find_matched_job, args, (GDestroyNotify) find_args_free,
                       mml_meta_store_find_matched_async, cancellable, callback, user_data);
}

/**
 * mml_meta_store_find_matched_finish:
 *
 * Returns: (transfer container) (element-type MmlSeriesItem): the series,
 *   in the order of @ids (copies of a show oldest first), or %NULL with
 *   @error set
 */
GPtrArray *
mml_meta_store_find_matched_finish (MmlStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return propagate (store, result, mml_meta_store_find_matched_async, error);
}

/* --- episodes ------------------------------------------------------------ */

typedef struct
{
  gint64   series_id;
  guint    filter;
  guint    days;
  gboolean specials;
} QueryArgs;

void
mml_episode_row_free (MmlEpisodeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->series_title);
  g_free (row->air_date);
  g_free (row->title);
  g_free (row);
}

static void
list_episodes_job (MmlStore     *store,
                   sqlite3      *db,
                   GTask        *task,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const QueryArgs *args = task_data;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_episode_row_free);
  g_autoptr(sqlite3_stmt) s = NULL;
  GError *error = NULL;
  const char *where, *order;
  int rc;

  switch ((MmlEpisodesFilter) args->filter)
    {
    case MML_EPISODES_MISSING:
      where = MML_EPISODE_MISSING_SPECIALS " AND s.match_state IN ('auto', 'manual')";
      order = "s.sort_title COLLATE NOCASE, s.id, e.season, e.number, e.absolute";
      break;
    case MML_EPISODES_UPCOMING:
      where = MML_EPISODE_UPCOMING " AND (:days = 0 OR " MML_EPISODE_LOCAL_DATE " <= date(:today, '+' || :days || ' days'))";
      order = MML_EPISODE_LOCAL_DATE ", s.sort_title COLLATE NOCASE, e.season, e.number";
      break;
    case MML_EPISODES_CALENDAR:
      where = "s.match_state IN ('auto', 'manual') AND " MML_EPISODE_LOCAL_DATE " >= date(:today, '-7 days') AND "
              MML_EPISODE_LOCAL_DATE " <= date(:today, '+' || :days || ' days')";
      order = MML_EPISODE_LOCAL_DATE ", s.sort_title COLLATE NOCASE, e.season, e.number";
      break;
    case MML_EPISODES_TODAY:
      where = "s.match_state IN ('auto', 'manual') AND " MML_EPISODE_LOCAL_DATE " = :today";
      order = "s.sort_title COLLATE NOCASE, s.id, e.season, e.number";
      break;
    case MML_EPISODES_ALL:
    default:
      where = "1";
      order = "e.special, e.season IS NULL, e.season, e.number, e.absolute, e.air_date";
      break;
    }
  sql = g_strconcat (
      "SELECT e.id, e.series_id, s.title, e.season, e.number, e.absolute, " MML_EPISODE_LOCAL_DATE ", e.title, e.special, "
      "  (SELECT count(*) FROM episode_files ef JOIN files f ON f.id = ef.file_id "
      "   WHERE ef.episode_id = e.id AND f.status != 'missing'), "
      "  " MML_EPISODE_MISSING_SPECIALS " AND s.match_state IN ('auto', 'manual'), " MML_EPISODE_UPCOMING ", "
      "  e.watched, e.watched_at, e.plays "
      "FROM episodes e JOIN series s ON s.id = e.series_id "
      "WHERE (:series = 0 OR e.series_id = :series) AND ", where, " ORDER BY ", order, NULL);
  if (!(s = mml_store_prepare (db, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  _mml_store_bind_today (store, s);
  bind_int64_named (s, ":specials", args->specials);
  bind_int64_named (s, ":series", args->series_id);
  bind_int64_named (s, ":days", args->days);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      MmlEpisodeRow *row = g_new0 (MmlEpisodeRow, 1);

      row->id = sqlite3_column_int64 (s, 0);
      row->series_id = sqlite3_column_int64 (s, 1);
      row->series_title = _mml_meta_column_text (s, 2);
      row->season = column_int_or (s, 3, -1);
      row->number = column_int_or (s, 4, -1);
      row->absolute = column_int_or (s, 5, -1);
      row->air_date = _mml_meta_column_text (s, 6);
      row->title = _mml_meta_column_text (s, 7);
      row->special = sqlite3_column_int (s, 8) != 0;
      row->files = sqlite3_column_int (s, 9);
      row->missing = sqlite3_column_int (s, 10) != 0;
      row->upcoming = sqlite3_column_int (s, 11) != 0;
      row->watched = sqlite3_column_int (s, 12) != 0;
      row->watched_at = MAX (0, sqlite3_column_int64 (s, 13));
      row->plays = (guint) MAX (0, sqlite3_column_int (s, 14));
      g_ptr_array_add (out, row);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_meta_store_list_episodes_async (MmlStore            *store,
                                    MmlEpisodesFilter    filter,
                                    gint64               series_id,
                                    guint                days,
                                    gboolean             specials,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  QueryArgs *args = g_new0 (QueryArgs, 1);

  args->series_id = series_id;
  args->filter = filter;
  args->days = days;
  args->specials = specials;
  mml_store_run_async (store, list_episodes_job, args, g_free,
                       mml_meta_store_list_episodes_async, cancellable, callback, user_data);
}

GPtrArray *
mml_meta_store_list_episodes_finish (MmlStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return propagate (store, result, mml_meta_store_list_episodes_async, error);
}

/* --- match conflicts ------------------------------------------------------ */

void
mml_candidate_row_free (MmlCandidateRow *c)
{
  g_free (c->provider);
  g_free (c->title);
  g_free (c->network);
  g_free (c->country);
  g_free (c->overview);
  g_free (c->poster_url);
  g_free (c->reasons);
  g_free (c->evidence);
  g_free (c);
}

void
mml_match_conflict_free (MmlMatchConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->root_path);
  g_free (conflict->folder);
  g_free (conflict->title);
  g_free (conflict->decision);
  g_clear_pointer (&conflict->candidates, g_ptr_array_unref);
  g_free (conflict);
}

/* A count in a candidate's payload, -1 when it is not there */
static int
payload_int (JsonObject *o,
             const char *name)
{
  gint64 v = -1;

  if (!mml_json_get_exact_int (o, name, &v) || v < 0 || v > G_MAXINT)
    return -1;
  return (int) v;
}

static void
parse_payload (MmlMatchConflict *c,
               const char       *payload)
{
  g_autoptr(JsonNode) root = payload != NULL ? json_from_string (payload, NULL) : NULL;
  JsonObject *o;
  JsonArray *list;
  gint64 year = 0;

  c->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_candidate_row_free);
  if ((o = mml_json_node_object (root)) == NULL)
    return;
  /* our own payload: strings as written ("" kept), integers only as
   * JSON integers */
  c->decision = g_strdup (mml_json_get_any_string (o, "decision"));
  c->title = g_strdup (mml_json_get_any_string (o, "title"));
  mml_json_get_exact_int (o, "year", &year);
  c->year = (int) year;
  if ((list = mml_json_get_array (o, "candidates")) == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *co = mml_json_node_object (json_array_get_element (list, i));
      MmlCandidateRow *cand;

      if (co == NULL)
        continue;
      cand = g_new0 (MmlCandidateRow, 1);
      cand->provider = g_strdup (mml_json_get_any_string (co, "provider"));
      mml_json_get_exact_int (co, "id", &cand->id);
      cand->title = g_strdup (mml_json_get_any_string (co, "title"));
      year = 0;
      mml_json_get_exact_int (co, "year", &year);
      cand->year = (int) year;
      cand->network = g_strdup (mml_json_get_any_string (co, "network"));
      cand->country = g_strdup (mml_json_get_any_string (co, "country"));
      cand->overview = g_strdup (mml_json_get_any_string (co, "overview"));
      cand->poster_url = g_strdup (mml_json_get_any_string (co, "poster"));
      mml_json_get_number (co, "score", &cand->score);
      cand->reasons = g_strdup (mml_json_get_any_string (co, "reasons"));
      cand->evidence = g_strdup (mml_json_get_any_string (co, "evidence"));
      cand->seasons = payload_int (co, "seasons");
      cand->episodes = payload_int (co, "episodes");
      cand->on_disk = payload_int (co, "on_disk");
      cand->disk_total = payload_int (co, "disk_total");
      g_ptr_array_add (c->candidates, cand);
    }
}

static void
list_conflicts_job (MmlStore     *store,
                    sqlite3      *db,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_match_conflict_free);
  g_autoptr(sqlite3_stmt) s = NULL;
  GError *error = NULL;
  int rc;

  s = mml_store_prepare (db,
      "SELECT c.id, c.series_id, r.path, s.folder, c.payload, c.created_at, COALESCE(s.folder_title, s.title) "
      "FROM conflicts c JOIN series s ON s.id = c.series_id LEFT JOIN roots r ON r.id = s.root_id "
      "WHERE c.kind = 'match' AND c.state = 'open' "
      "ORDER BY COALESCE(s.sort_title, s.title) COLLATE NOCASE, c.id", &error);
  if (s == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      MmlMatchConflict *c = g_new0 (MmlMatchConflict, 1);

      c->conflict_id = sqlite3_column_int64 (s, 0);
      c->series_id = sqlite3_column_int64 (s, 1);
      c->root_path = _mml_meta_column_text (s, 2);
      c->folder = _mml_meta_column_text (s, 3);
      c->created_at = sqlite3_column_int64 (s, 5);
      parse_payload (c, (const char *) sqlite3_column_text (s, 4));
      if (c->title == NULL || c->title[0] == '\0')
        {
          g_free (c->title);
          c->title = _mml_meta_column_text (s, 6);
        }
      g_ptr_array_add (out, c);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_meta_store_list_conflicts_async (MmlStore            *store,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  mml_store_run_async (store, list_conflicts_job, NULL, NULL,
                       mml_meta_store_list_conflicts_async, cancellable, callback, user_data);
}

GPtrArray *
mml_meta_store_list_conflicts_finish (MmlStore      *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return propagate (store, result, mml_meta_store_list_conflicts_async, error);
}
