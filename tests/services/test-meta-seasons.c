/* test-meta-seasons.c — the provider's seasons in the store: written with
 * a series' metadata (names, posters, announced episode counts), read back
 * with the series page, replaced by the next write, kept by a write that
 * did not fetch them, gone with an unmatch and with the series. And the
 * lookup of the series matched to a show, which Add series uses to say the
 * library has it already.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-library.h"
#include "mml-meta-store.h"
#include "mml-store-roots.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define POSTERS "https://static.example/seasons/"

typedef struct
{
  char     *dir;
  MmlStore *store;
  gint64    root_id;
  gint64    series_id;
} Fixture;

static const char * const files[] = {
  "Breaking Point (2010)/Season 01/Breaking Point - S01E01.mkv",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E02.mkv",
  "Breaking Point (2010)/Season 02/Breaking Point - S02E01.mkv",
};

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autofree char *tv = NULL;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  fx->dir = mml_test_make_tmpdir ("mml-test-meta-seasons-XXXXXX");
  tv = g_build_filename (fx->dir, "TV", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tv, files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, "x", 1, &error);
      g_assert_no_error (error);
    }

  db = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = mml_store_new (db);
  mml_clock_set_today (mml_store_get_clock (fx->store), "2025-06-01");
  g_assert_true (mml_store_open (fx->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_add_root_async (fx->store, tv, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
    root = mml_store_add_root_finish (fx->store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
    fx->root_id = mml_root_get_id (root);
  }
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_scan_async (fx->store, mml_scan_request_new (MML_SCAN_FULL), NULL, mml_sync_wait_cb, wait);
    summary = mml_scan_finish (fx->store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary->videos, ==, G_N_ELEMENTS (files));
  }
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_meta_store_list_series_async (fx->store, 0, NULL, mml_sync_wait_cb, wait);
    rows = mml_meta_store_list_series_finish (fx->store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    fx->series_id = mml_series_item_get_id (g_ptr_array_index (rows, 0));
  }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  mml_store_close (fx->store);
  g_clear_object (&fx->store);
  mml_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

/* --- helpers ---------------------------------------------------------------- */

typedef struct
{
  int         number;
  const char *name;
  const char *poster;     /* below POSTERS; NULL: none */
  int         announced;
} Season;

static MmlMetaSeries *
make_meta (const Season *seasons,
           guint         n_seasons)
{
  static const struct { int season, number; gboolean special; } eps[] = {
    { 1, 1, FALSE }, { 1, 2, FALSE }, { 2, 1, FALSE }, { 0, 1, TRUE },
  };
  MmlMetaSeries *s = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);

  s->provider_id = 10;
  s->title = g_strdup ("Breaking Point");
  s->year = 2010;
  s->image_medium = g_strdup (POSTERS "series.jpg");
  s->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  for (guint i = 0; i < G_N_ELEMENTS (eps); i++)
    {
      MmlMetaEpisode *e = mml_meta_episode_new ();

      e->provider_id = 100 + i;
      e->season = eps[i].season;
      e->number = eps[i].number;
      e->air_date = g_strdup ("2010-04-04");
      e->special = eps[i].special;
      e->kind = eps[i].special ? MML_META_EPISODE_SPECIAL : MML_META_EPISODE_REGULAR;
      g_ptr_array_add (s->episodes, e);
    }

  if (seasons == NULL)
    return s;   /* seasons not fetched */

  s->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
  for (guint i = 0; i < n_seasons; i++)
    {
      MmlMetaSeason *season = mml_meta_season_new ();

      season->provider_id = 500 + seasons[i].number;
      season->number = seasons[i].number;
      season->name = g_strdup (seasons[i].name);
      season->episode_order = seasons[i].announced;
      season->image_url = seasons[i].poster ? g_strconcat (POSTERS, seasons[i].poster, NULL) : NULL;
      g_ptr_array_add (s->seasons, season);
    }
  return s;
}

static void
apply (Fixture       *fx,
       MmlMetaSeries *meta,
       MmlMatchState  state)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;

  mml_meta_store_apply_async (fx->store, fx->series_id, meta, state, MML_EPISODE_ORDER_AIRED,
                              NULL, mml_sync_wait_cb, wait);
  g_assert_cmpint (mml_meta_store_apply_finish (fx->store, mml_sync_wait_run (wait), &error),
                   ==, MML_META_APPLIED);
  g_assert_no_error (error);
}

/* What the series page gets */
static MmlSeriesDetail *
detail (Fixture *fx)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlSeriesDetail *out;

  mml_store_get_series_detail_async (fx->store, fx->series_id, NULL, mml_sync_wait_cb, wait);
  out = mml_store_get_series_detail_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return out;
}

static MmlSeasonInfo *
season_of (MmlSeriesDetail *d,
           int              number)
{
  for (guint i = 0; i < d->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (d->seasons, i);

      if (season->season == number)
        return season;
    }
  g_assert_not_reached ();
}

static void
count_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      data,
           GCancellable *cancellable)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db, "SELECT count(*) FROM seasons", NULL);

  g_assert_nonnull (s);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  g_task_return_int (task, sqlite3_column_int (s, 0));
}

/* Every season row in the database, whatever its series */
static int
count_rows (Fixture *fx)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  int n;

  mml_store_run_async (fx->store, count_job, NULL, NULL, count_rows, NULL, mml_sync_wait_cb, wait);
  n = g_task_propagate_int (G_TASK (mml_sync_wait_run (wait)), &error);
  g_assert_no_error (error);
  return n;
}

static const Season first[] = {
  { 0, "Specials", "s0.jpg", 0 },
  { 1, NULL, "s1.jpg", 10 },
  { 2, "The Flood", "s2.jpg", 0 },
  { 3, NULL, NULL, 8 },         /* announced, no episode yet, no poster */
  { -1, "no number", "x.jpg", 0 },   /* not a season: skipped */
};

/* --- tests ------------------------------------------------------------------- */

static void
test_seasons_written_and_read (Fixture *fx, gconstpointer data)
{
  g_autoptr(MmlMetaSeries) meta = make_meta (first, G_N_ELEMENTS (first));
  g_autoptr(MmlSeriesDetail) d = NULL;
  MmlSeasonInfo *season;

  apply (fx, meta, MML_MATCH_STATE_AUTO);
  g_assert_cmpint (count_rows (fx), ==, 4);

  d = detail (fx);
  /* the page's seasons come from the episodes: 1, 2, then the specials */
  g_assert_cmpuint (d->seasons->len, ==, 3);
  season = season_of (d, 1);
  g_assert_cmpstr (season->poster_url, ==, POSTERS "s1.jpg");
  g_assert_null (season->name);
  g_assert_cmpint (season->episode_count, ==, 10);
  g_assert_cmpuint (season->episodes->len, ==, 2);
  season = season_of (d, 2);
  g_assert_cmpstr (season->poster_url, ==, POSTERS "s2.jpg");
  g_assert_cmpstr (season->name, ==, "The Flood");
  g_assert_cmpint (season->episode_count, ==, 0);
  season = season_of (d, 0);
  g_assert_cmpstr (season->poster_url, ==, POSTERS "s0.jpg");
  g_assert_cmpstr (season->name, ==, "Specials");
}

static void
test_seasons_replaced (Fixture *fx, gconstpointer data)
{
  static const Season second[] = {
    { 1, "Pilot Season", "s1-new.jpg", 10 },
    { 2, NULL, NULL, 6 },       /* lost its poster */
    { 2, NULL, "dup.jpg", 0 },  /* listed twice: the first one stays */
  };
  g_autoptr(MmlMetaSeries) meta = make_meta (first, G_N_ELEMENTS (first));
  g_autoptr(MmlMetaSeries) changed = make_meta (second, G_N_ELEMENTS (second));
  g_autoptr(MmlMetaSeries) unfetched = make_meta (NULL, 0);
  g_autoptr(MmlMetaSeries) none = make_meta (second, 0);
  g_autoptr(MmlSeriesDetail) d = NULL;
  MmlSeasonInfo *season;

  apply (fx, meta, MML_MATCH_STATE_AUTO);
  apply (fx, meta, MML_MATCH_STATE_NONE);   /* a refresh with the same seasons */
  g_assert_cmpint (count_rows (fx), ==, 4);

  apply (fx, changed, MML_MATCH_STATE_NONE);
  g_assert_cmpint (count_rows (fx), ==, 2);
  d = detail (fx);
  season = season_of (d, 1);
  g_assert_cmpstr (season->poster_url, ==, POSTERS "s1-new.jpg");
  g_assert_cmpstr (season->name, ==, "Pilot Season");
  season = season_of (d, 2);
  g_assert_null (season->poster_url);
  g_assert_cmpint (season->episode_count, ==, 6);
  season = season_of (d, 0);
  g_assert_null (season->poster_url);
  g_assert_null (season->name);
  g_clear_pointer (&d, mml_series_detail_unref);

  /* a write that did not fetch the seasons leaves them */
  apply (fx, unfetched, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (count_rows (fx), ==, 2);
  d = detail (fx);
  g_assert_cmpstr (season_of (d, 1)->poster_url, ==, POSTERS "s1-new.jpg");
  g_clear_pointer (&d, mml_series_detail_unref);

  /* a provider with no seasons at all empties them */
  apply (fx, none, MML_MATCH_STATE_NONE);
  g_assert_cmpint (count_rows (fx), ==, 0);
}

static void
test_seasons_gone_with_match (Fixture *fx, gconstpointer data)
{
  g_autoptr(MmlMetaSeries) meta = make_meta (first, G_N_ELEMENTS (first));
  g_autoptr(MmlSeriesDetail) d = NULL;
  g_autoptr(GError) error = NULL;

  apply (fx, meta, MML_MATCH_STATE_AUTO);
  g_assert_cmpint (count_rows (fx), ==, 4);

  /* unmatch: the provider's data goes, the episodes from files stay */
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_meta_store_update_async (fx->store, fx->series_id, MML_META_UPDATE_UNMATCH, NULL, NULL,
                                 MML_EPISODE_ORDER_AIRED, NULL, mml_sync_wait_cb, wait);
    g_assert_true (mml_meta_store_update_finish (fx->store, mml_sync_wait_run (wait), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_rows (fx), ==, 0);
  d = detail (fx);
  for (guint i = 0; i < d->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (d->seasons, i);

      g_assert_null (season->poster_url);
      g_assert_null (season->name);
      g_assert_cmpint (season->episode_count, ==, 0);
    }

  /* matched again, then the series itself goes (its folder is removed) */
  apply (fx, meta, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (count_rows (fx), ==, 4);
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_remove_root_async (fx->store, fx->root_id, NULL, mml_sync_wait_cb, wait);
    g_assert_true (mml_store_remove_root_finish (fx->store, mml_sync_wait_run (wait), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_rows (fx), ==, 0);
}

/* --- the series matched to a show -------------------------------------------- */

static GPtrArray *
find_matched (Fixture         *fx,
              MmlMetaProvider  provider,
              const gint64    *ids,
              guint            n_ids)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mml_meta_store_find_matched_async (fx->store, provider, ids, n_ids, NULL, mml_sync_wait_cb, wait);
  rows = mml_meta_store_find_matched_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_find_matched (Fixture *fx, gconstpointer data)
{
  static const gint64 tvmaze_ids[] = { 9, 10, 11 };
  static const gint64 tvdb_ids[] = { 555 };
  g_autoptr(MmlMetaSeries) meta = make_meta (first, G_N_ELEMENTS (first));
  g_autoptr(GPtrArray) rows = NULL;
  MmlSeriesItem *row;

  /* unmatched: the folder is not that show yet */
  rows = find_matched (fx, MML_META_PROVIDER_TVMAZE, tvmaze_ids, G_N_ELEMENTS (tvmaze_ids));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  meta->tvdb_id = 555;
  apply (fx, meta, MML_MATCH_STATE_AUTO);
  rows = find_matched (fx, MML_META_PROVIDER_TVMAZE, tvmaze_ids, G_N_ELEMENTS (tvmaze_ids));
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (mml_series_item_get_id (row), ==, fx->series_id);
  g_assert_cmpint (mml_series_item_get_root_id (row), ==, fx->root_id);
  g_assert_cmpstr (mml_series_item_get_folder (row), ==, "Breaking Point (2010)");
  g_assert_true (g_str_has_suffix (mml_series_item_get_root_path (row), "/TV"));
  g_assert_cmpstr (mml_series_item_get_title (row), ==, "Breaking Point");
  g_assert_cmpint (mml_series_item_get_year (row), ==, 2010);
  g_assert_cmpstr (mml_series_item_get_match_state (row), ==, "auto");
  g_assert_cmpint (mml_series_item_get_tvmaze_id (row), ==, 10);
  g_assert_cmpint (mml_series_item_get_tvdb_id (row), ==, 555);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* matched on TVmaze, found by its TheTVDB id as well; not by an id at TMDB */
  rows = find_matched (fx, MML_META_PROVIDER_TVDB, tvdb_ids, 1);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_matched (fx, MML_META_PROVIDER_TMDB, tvmaze_ids, G_N_ELEMENTS (tvmaze_ids));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_matched (fx, MML_META_PROVIDER_TVMAZE, tvmaze_ids, 0);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* unmatched again: not that show any more */
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
    g_autoptr(GError) error = NULL;

    mml_meta_store_update_async (fx->store, fx->series_id, MML_META_UPDATE_UNMATCH, NULL, NULL,
                                 MML_EPISODE_ORDER_AIRED, NULL, mml_sync_wait_cb, wait);
    g_assert_true (mml_meta_store_update_finish (fx->store, mml_sync_wait_run (wait), &error));
    g_assert_no_error (error);
  }
  rows = find_matched (fx, MML_META_PROVIDER_TVMAZE, tvmaze_ids, G_N_ELEMENTS (tvmaze_ids));
  g_assert_cmpuint (rows->len, ==, 0);
}

int
main (int argc, char **argv)
{
  /* before any thread starts */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_main_context_push_thread_default (g_main_context_new ());

#define ADD(name, func) \
  g_test_add ("/meta/seasons/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("written-and-read", test_seasons_written_and_read);
  ADD ("replaced", test_seasons_replaced);
  ADD ("gone-with-match", test_seasons_gone_with_match);
#undef ADD
  g_test_add ("/meta/find-matched", Fixture, NULL, fixture_set_up, test_find_matched, fixture_tear_down);

  return g_test_run ();
}
