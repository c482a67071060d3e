/* test-meta.c — metadata in the store: applying a provider's series to a
 * scanned folder (fields, ids, episodes, files linked by season/episode,
 * absolute number and air date), missing and upcoming, conflicts with
 * candidates, manual matches that stay, overrides that survive refresh,
 * episode order changes; and MmlMetaRun against a fake TVmaze.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mml-fake-monitor.h"
#include "mml-fake-server.h"
#include "mml-meta-run.h"
#include "mml-meta-store.h"
#include "mml-store-roots.h"
#include "mml-scanner.h"
#include "mml-tvmaze.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define TODAY "2025-06-01"

typedef struct
{
  char     *dir;
  MmlStore *store;
  gint64    tv_root, anime_root, daily_root;
} Fixture;

static const char * const tv_files[] = {
  "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot.mkv",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E02.mkv",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E03E04.mkv",
};
static const char * const anime_files[] = {
  "Star Drift/[Grp] Star Drift - 05 [720p].mkv",
  "Star Drift/[Grp] Star Drift - 06 [720p].mkv",
};
static const char * const daily_files[] = {
  "Night Talk/Night.Talk.2025.03.05.Guest.720p.WEB-GRP.mkv",
};

static void
touch (const char *dir,
       const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, "x", 1, &error);
  g_assert_no_error (error);
}

static gint64
add_root (Fixture     *fx,
          const char  *name,
          MmlRootKind  kind)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

  mml_store_add_root_async (fx->store, path, kind, NULL, mml_sync_wait_cb, wait);
  root = mml_store_add_root_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return mml_root_get_id (root);
}

static void
scan_all (Fixture *fx)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  mml_scan_async (fx->store, mml_scan_request_new (MML_SCAN_FULL), NULL, mml_sync_wait_cb, wait);
  summary = mml_scan_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->videos, ==, G_N_ELEMENTS (tv_files) + G_N_ELEMENTS (anime_files)
                                         + G_N_ELEMENTS (daily_files));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autofree char *db = NULL;
  g_autofree char *tv = NULL, *anime = NULL, *daily = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("TZ", "UTC", TRUE);
  fx->dir = mml_test_make_tmpdir ("mml-test-meta-XXXXXX");
  tv = g_build_filename (fx->dir, "TV", NULL);
  anime = g_build_filename (fx->dir, "Anime", NULL);
  daily = g_build_filename (fx->dir, "Daily", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tv_files); i++)
    touch (tv, tv_files[i]);
  for (guint i = 0; i < G_N_ELEMENTS (anime_files); i++)
    touch (anime, anime_files[i]);
  for (guint i = 0; i < G_N_ELEMENTS (daily_files); i++)
    touch (daily, daily_files[i]);

  db = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = mml_store_new (db);
  mml_clock_set_today (mml_store_get_clock (fx->store), TODAY);
  mml_store_open_async (fx->store, NULL, mml_sync_wait_cb, wait);
  g_assert_true (mml_store_open_finish (fx->store, mml_sync_wait_run (wait), &error));
  g_assert_no_error (error);
  fx->tv_root = add_root (fx, "TV", MML_ROOT_KIND_STANDARD);
  fx->anime_root = add_root (fx, "Anime", MML_ROOT_KIND_ANIME);
  fx->daily_root = add_root (fx, "Daily", MML_ROOT_KIND_DAILY);
  scan_all (fx);
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

/* --- building provider series by hand ----------------------------------- */

typedef struct
{
  gint64      id;
  int         season, number;
  const char *air_date;
  gboolean    special;
} Ep;

static MmlMetaSeries *
make_meta (gint64      id,
           const char *title,
           int         year,
           const Ep   *eps,
           guint       n_eps)
{
  MmlMetaSeries *s = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);

  s->provider_id = id;
  s->tvmaze_id = id;
  s->tvdb_id = id + 1000;
  s->imdb_id = g_strdup_printf ("tt%07" G_GINT64_FORMAT, id);
  s->title = g_strdup (title);
  s->year = year;
  s->network = g_strdup ("Network One");
  s->status = MML_META_STATUS_CONTINUING;
  s->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  for (guint i = 0; i < n_eps; i++)
    {
      MmlMetaEpisode *e = mml_meta_episode_new ();

      e->provider_id = eps[i].id;
      e->season = eps[i].season;
      e->number = eps[i].number;
      e->air_date = g_strdup (eps[i].air_date);
      e->title = g_strdup_printf ("Episode %d", eps[i].number);
      e->special = eps[i].special;
      e->kind = eps[i].special ? MML_META_EPISODE_SPECIAL : MML_META_EPISODE_REGULAR;
      g_ptr_array_add (s->episodes, e);
    }
  return s;
}

static const Ep breaking_eps[] = {
  { 101, 1, 1, "2025-01-01", FALSE },
  { 102, 1, 2, "2025-01-08", FALSE },
  { 103, 1, 3, "2025-01-15", FALSE },
  { 104, 1, 4, "2025-01-22", FALSE },
  { 105, 1, 5, "2025-05-01", FALSE },   /* aired, no file: missing */
  { 106, 1, 6, "2025-07-01", FALSE },   /* future: upcoming */
  { 199, 0, 1, "2025-02-01", TRUE },    /* a special: missing only when asked */
};

/* --- store round trips ---------------------------------------------------- */

static GPtrArray *
series_rows (Fixture *fx,
             gint64   id)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mml_meta_store_list_series_async (fx->store, id, NULL, mml_sync_wait_cb, wait);
  rows = mml_meta_store_list_series_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return rows;
}

static MmlSeriesItem *
series_by_folder (GPtrArray  *rows,
                  const char *folder)
{
  for (guint i = 0; i < rows->len; i++)
    {
      MmlSeriesItem *r = g_ptr_array_index (rows, i);

      if (g_strcmp0 (mml_series_item_get_folder (r), folder) == 0)
        return r;
    }
  g_assert_not_reached ();
}

static gint64
series_id (Fixture    *fx,
           const char *folder)
{
  g_autoptr(GPtrArray) rows = series_rows (fx, 0);

  return mml_series_item_get_id (series_by_folder (rows, folder));
}

static GPtrArray *
episodes (Fixture           *fx,
          MmlEpisodesFilter  filter,
          gint64             id,
          gboolean           specials)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mml_meta_store_list_episodes_async (fx->store, filter, id, 0, specials, NULL, mml_sync_wait_cb, wait);
  rows = mml_meta_store_list_episodes_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return rows;
}

static MmlEpisodeRow *
episode_at (GPtrArray *rows,
            int        season,
            int        number)
{
  for (guint i = 0; i < rows->len; i++)
    {
      MmlEpisodeRow *e = g_ptr_array_index (rows, i);

      if (e->season == season && e->number == number)
        return e;
    }
  return NULL;
}

static MmlMetaWrite
apply (Fixture         *fx,
       gint64           id,
       MmlMetaSeries   *meta,
       MmlMatchState    state,
       MmlEpisodeOrder  order)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlMetaWrite outcome;

  mml_meta_store_apply_async (fx->store, id, meta, state, order, NULL, mml_sync_wait_cb, wait);
  outcome = mml_meta_store_apply_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return outcome;
}

static void
update (Fixture       *fx,
        gint64         id,
        MmlMetaUpdate  what,
        const char    *field,
        const char    *text)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;

  mml_meta_store_update_async (fx->store, id, what, field, text, MML_EPISODE_ORDER_AIRED, NULL,
                               mml_sync_wait_cb, wait);
  g_assert_true (mml_meta_store_update_finish (fx->store, mml_sync_wait_run (wait), &error));
  g_assert_no_error (error);
}

static void
test_apply_links_and_counts (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Breaking Point (2010)");
  g_autoptr(GPtrArray) before = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) missing_specials = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MmlMetaSeries) meta = make_meta (10, "Breaking Point", 2010, breaking_eps, G_N_ELEMENTS (breaking_eps));
  gint64 e1_before = episode_at (before, 1, 1)->id;
  MmlSeriesItem *r;

  /* before: four episodes the scanner made from the file names */
  g_assert_cmpuint (before->len, ==, 4);
  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);

  rows = series_rows (fx, id);
  g_assert_cmpuint (rows->len, ==, 1);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (mml_series_item_get_match_state (r), ==, "auto");
  g_assert_cmpstr (mml_series_item_get_provider (r), ==, "tvmaze");
  g_assert_cmpint (mml_series_item_get_tvmaze_id (r), ==, 10);
  g_assert_cmpint (mml_series_item_get_tvdb_id (r), ==, 1010);
  g_assert_cmpstr (mml_series_item_get_imdb_id (r), ==, "tt0000010");
  g_assert_cmpstr (mml_series_item_get_network (r), ==, "Network One");
  g_assert_cmpuint (mml_series_item_get_n_regular_episodes (r), ==, 6);
  g_assert_cmpuint (mml_series_item_get_n_present_files (r), ==, 3);
  g_assert_cmpuint (mml_series_item_get_n_missing (r), ==, 1);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (r), ==, 1);
  g_assert_cmpstr (mml_series_item_get_next_air_date (r), ==, "2025-07-01");

  after = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  g_assert_cmpuint (after->len, ==, 7);
  /* the scanner's row became the provider's: same id, now titled */
  g_assert_cmpint (episode_at (after, 1, 1)->id, ==, e1_before);
  g_assert_cmpstr (episode_at (after, 1, 1)->title, ==, "Episode 1");
  /* the multi-episode file holds E03 and E04 */
  g_assert_cmpuint (episode_at (after, 1, 3)->files, ==, 1);
  g_assert_cmpuint (episode_at (after, 1, 4)->files, ==, 1);
  g_assert_true (episode_at (after, 1, 5)->missing);
  g_assert_true (episode_at (after, 1, 6)->upcoming);
  g_assert_true (episode_at (after, 0, 1)->special);

  missing = episodes (fx, MML_EPISODES_MISSING, 0, FALSE);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpint (((MmlEpisodeRow *) g_ptr_array_index (missing, 0))->number, ==, 5);
  missing_specials = episodes (fx, MML_EPISODES_MISSING, 0, TRUE);
  g_assert_cmpuint (missing_specials->len, ==, 2);
  upcoming = episodes (fx, MML_EPISODES_UPCOMING, 0, FALSE);
  g_assert_cmpuint (upcoming->len, ==, 1);
  g_assert_cmpstr (((MmlEpisodeRow *) g_ptr_array_index (upcoming, 0))->air_date, ==, "2025-07-01");
}

static void
test_anime_absolute (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Star Drift");
  Ep eps[8];
  g_autoptr(MmlMetaSeries) meta = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  /* TVmaze numbers anime by season; files say "- 05": absolute 5 is S01E05 */
  for (int i = 0; i < 8; i++)
    eps[i] = (Ep) { 500 + i, 1, i + 1, "2024-01-01", FALSE };
  meta = make_meta (50, "Star Drift", 2024, eps, G_N_ELEMENTS (eps));
  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  all = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  g_assert_cmpuint (all->len, ==, 8);
  g_assert_cmpuint (episode_at (all, 1, 5)->files, ==, 1);
  g_assert_cmpuint (episode_at (all, 1, 6)->files, ==, 1);
  g_assert_cmpint (episode_at (all, 1, 5)->absolute, ==, 5);
  g_assert_cmpuint (episode_at (all, 1, 1)->files, ==, 0);
  rows = series_rows (fx, id);
  g_assert_cmpuint (mml_series_item_get_n_missing (g_ptr_array_index (rows, 0)), ==, 6);
}

static void
test_daily_air_date (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Night Talk");
  static const Ep eps[] = {
    { 701, 2025, 40, "2025-03-04", FALSE },
    { 702, 2025, 41, "2025-03-05", FALSE },
  };
  g_autoptr(MmlMetaSeries) meta = make_meta (70, "Night Talk", 2020, eps, G_N_ELEMENTS (eps));
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  all = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (episode_at (all, 2025, 41)->files, ==, 1);
  g_assert_true (episode_at (all, 2025, 40)->missing);
}

static void
set_conflict (Fixture    *fx,
              gint64      id,
              MmlMetaWrite expect)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  g_autoptr(MmlMatchQuery) query = mml_match_query_new ("Breaking Point", 0);
  g_autoptr(MmlMetaSeries) a = make_meta (10, "Breaking Point", 2010, NULL, 0);
  g_autoptr(MmlMetaSeries) b = make_meta (11, "Breaking Point", 1995, NULL, 0);
  MmlMetaCandidate *c;

  c = mml_meta_candidate_new (a);
  c->score = 0.91;
  mml_meta_candidate_add_reason (c, "title matches");
  g_ptr_array_add (candidates, c);
  c = mml_meta_candidate_new (b);
  c->score = 0.88;
  g_ptr_array_add (candidates, c);
  mml_meta_store_set_conflict_async (fx->store, id, MML_MATCH_MULTIPLE, candidates, query, NULL,
                                     mml_sync_wait_cb, wait);
  g_assert_cmpint (mml_meta_store_set_conflict_finish (fx->store, mml_sync_wait_run (wait), &error), ==, expect);
  g_assert_no_error (error);
}

static GPtrArray *
conflicts (Fixture *fx)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  mml_meta_store_list_conflicts_async (fx->store, NULL, mml_sync_wait_cb, wait);
  list = mml_meta_store_list_conflicts_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return list;
}

static void
test_conflict_then_manual_is_final (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Breaking Point (2010)");
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MmlMetaSeries) chosen = make_meta (11, "Breaking Point", 1995, breaking_eps, 4);
  g_autoptr(MmlMetaSeries) other = make_meta (10, "Breaking Point", 2010, breaking_eps, 6);
  MmlMatchConflict *c;
  MmlCandidateRow *first;

  set_conflict (fx, id, MML_META_APPLIED);
  open = conflicts (fx);
  g_assert_cmpuint (open->len, ==, 1);
  c = g_ptr_array_index (open, 0);
  g_assert_cmpint (c->series_id, ==, id);
  g_assert_cmpstr (c->decision, ==, "multiple");
  g_assert_cmpstr (c->folder, ==, "Breaking Point (2010)");
  g_assert_cmpuint (c->candidates->len, ==, 2);
  first = g_ptr_array_index (c->candidates, 0);
  g_assert_cmpint (first->id, ==, 10);
  g_assert_cmpint (first->year, ==, 2010);
  g_assert_cmpfloat_with_epsilon (first->score, 0.91, 1e-9);
  g_assert_cmpstr (first->reasons, ==, "title matches");

  /* the user picks the other one: manual, the conflict closes */
  g_assert_cmpint (apply (fx, id, chosen, MML_MATCH_STATE_MANUAL, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  none = conflicts (fx);
  g_assert_cmpuint (none->len, ==, 0);

  /* later automatic results never replace it */
  g_assert_cmpint (apply (fx, id, other, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_KEPT_MANUAL);
  set_conflict (fx, id, MML_META_KEPT_MANUAL);
  rows = series_rows (fx, id);
  g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "manual");
  g_assert_cmpint (mml_series_item_get_tvmaze_id (g_ptr_array_index (rows, 0)), ==, 11);
  g_assert_cmpint (mml_series_item_get_year (g_ptr_array_index (rows, 0)), ==, 1995);
}

/* The undos of the Conflicts page: a choice made in a conflict (the
 * conflict opens again with its candidates, the match is forgotten), and
 * a Keep (the kept match is automatic again; a match the user chose
 * otherwise is left alone). */
static void
test_undo_choice_and_keep (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Breaking Point (2010)");
  g_autoptr(MmlMetaSeries) chosen = make_meta (11, "Breaking Point", 1995, breaking_eps, 4);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autofree char *ids = NULL;
  MmlMatchConflict *c;


  /* a choice in a conflict, undone */
  set_conflict (fx, id, MML_META_APPLIED);
  g_assert_cmpint (apply (fx, id, chosen, MML_MATCH_STATE_MANUAL, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  open = conflicts (fx);
  g_assert_cmpuint (open->len, ==, 0);
  update (fx, id, MML_META_UPDATE_REOPEN, NULL, NULL);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = conflicts (fx);
  g_assert_cmpuint (open->len, ==, 1);
  c = g_ptr_array_index (open, 0);
  g_assert_cmpint (c->series_id, ==, id);
  g_assert_cmpuint (c->candidates->len, ==, 2);
  rows = series_rows (fx, id);
  g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "conflict");
  g_assert_cmpint (mml_series_item_get_tvmaze_id (g_ptr_array_index (rows, 0)), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* ignoring it, undone the same way */
  update (fx, id, MML_META_UPDATE_IGNORE, NULL, NULL);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = conflicts (fx);
  g_assert_cmpuint (open->len, ==, 0);
  update (fx, id, MML_META_UPDATE_REOPEN, NULL, NULL);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = conflicts (fx);
  g_assert_cmpuint (open->len, ==, 1);

  /* a Keep, undone: automatic again; a manual choice is not touched */
  g_assert_cmpint (apply (fx, id, chosen, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  update (fx, id, MML_META_UPDATE_CONFIRM, NULL, NULL);
  rows = series_rows (fx, id);
  g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "manual");
  g_clear_pointer (&rows, g_ptr_array_unref);
  ids = g_strdup_printf ("[%" G_GINT64_FORMAT ", 99999]", id);
  update (fx, 0, MML_META_UPDATE_UNCONFIRM, NULL, ids);
  rows = series_rows (fx, id);
  g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "auto");
  g_assert_true (mml_series_item_get_to_review (g_ptr_array_index (rows, 0)));
  g_assert_cmpint (mml_series_item_get_tvmaze_id (g_ptr_array_index (rows, 0)), ==, 11);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a series with no conflict to open again: an error, nothing changed */
  {
    gint64 other = series_id (fx, "Star Drift");

    mml_meta_store_update_async (fx->store, other, MML_META_UPDATE_REOPEN, NULL, NULL, MML_EPISODE_ORDER_AIRED,
                                 NULL, mml_sync_wait_cb, wait);
    g_assert_false (mml_meta_store_update_finish (fx->store, mml_sync_wait_run (wait), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    rows = series_rows (fx, other);
    g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "none");
  }
}

static void
test_override_survives_refresh (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Breaking Point (2010)");
  g_autoptr(MmlMetaSeries) meta = make_meta (10, "Breaking Point", 2010, breaking_eps, 6);
  g_autoptr(MmlMetaSeries) newer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  Ep more[7];
  MmlSeriesItem *r;

  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  update (fx, id, MML_META_UPDATE_OVERRIDE, "title", "Breaking Point (my cut)");

  /* a refresh: the provider renamed the show and added an episode */
  memcpy (more, breaking_eps, 6 * sizeof (Ep));
  more[6] = (Ep) { 107, 1, 7, "2025-07-08", FALSE };
  newer = make_meta (10, "Breaking Point: Redux", 2010, more, 7);
  g_assert_cmpint (apply (fx, id, newer, MML_MATCH_STATE_NONE, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  rows = series_rows (fx, id);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (mml_series_item_get_title (r), ==, "Breaking Point (my cut)");
  g_assert_cmpstr (mml_series_item_get_match_state (r), ==, "auto");
  g_assert_cmpuint (mml_series_item_get_n_upcoming (r), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_regular_episodes (r), ==, 7);
}

static void
test_order_change_relinks (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Breaking Point (2010)");
  g_autoptr(MmlMetaSeries) aired = make_meta (10, "Breaking Point", 2010, breaking_eps, 4);
  g_autoptr(MmlMetaSeries) dvd = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  /* on DVD the first two are swapped */
  static const Ep dvd_eps[] = {
    { 102, 1, 1, "2025-01-08", FALSE },
    { 101, 1, 2, "2025-01-01", FALSE },
    { 103, 1, 3, "2025-01-15", FALSE },
    { 104, 1, 4, "2025-01-22", FALSE },
  };
  gint64 row_101;

  g_assert_cmpint (apply (fx, id, aired, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  before = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  row_101 = episode_at (before, 1, 1)->id;

  dvd = make_meta (10, "Breaking Point", 2010, dvd_eps, G_N_ELEMENTS (dvd_eps));
  g_assert_cmpint (apply (fx, id, dvd, MML_MATCH_STATE_NONE, MML_EPISODE_ORDER_DVD), ==, MML_META_APPLIED);
  after = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  g_assert_cmpuint (after->len, ==, 4);
  /* provider episode 101 kept its row, now numbered S01E02 … */
  g_assert_cmpint (episode_at (after, 1, 2)->id, ==, row_101);
  /* … and the file "S01E01" now belongs to DVD S01E01 (episode 102) */
  g_assert_cmpuint (episode_at (after, 1, 1)->files, ==, 1);
  g_assert_cmpint (episode_at (after, 1, 1)->id, !=, row_101);
  g_assert_cmpuint (episode_at (after, 1, 2)->files, ==, 1);
}

static void
test_unmatch_and_gone (Fixture *fx, gconstpointer data)
{
  gint64 id = series_id (fx, "Breaking Point (2010)");
  g_autoptr(MmlMetaSeries) meta = make_meta (10, "Breaking Point", 2010, breaking_eps, 6);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) all = NULL;
  MmlSeriesItem *r;

  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  update (fx, id, MML_META_UPDATE_UNMATCH, NULL, NULL);
  rows = series_rows (fx, id);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (mml_series_item_get_match_state (r), ==, "none");
  g_assert_cmpint (mml_series_item_get_tvmaze_id (r), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_missing (r), ==, 0);
  /* the files still hold their episodes, now the library's own rows */
  all = episodes (fx, MML_EPISODES_ALL, id, FALSE);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpuint (episode_at (all, 1, 1)->files, ==, 1);

  g_assert_cmpint (apply (fx, 9999, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_GONE);
  update (fx, id, MML_META_UPDATE_IGNORE, NULL, NULL);
  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED), ==, MML_META_KEPT_IGNORED);
}

/* --- MmlMetaRun against a fake TVmaze -------------------------------- */

typedef struct
{
  guint progress;
  guint last_done, last_total;
  guint changed;
} Seen;

static void
progress_cb (MmlMetaRun *run, guint done, guint total, const char *current, double eta, gpointer data)
{
  Seen *seen = data;

  seen->progress++;
  seen->last_done = done;
  seen->last_total = total;
  g_assert_nonnull (current);
  /* no estimate from the first few series; none left at the end */
  if (done == total)
    g_assert_cmpfloat (eta, ==, 0);
  else
    g_assert_cmpfloat (eta, <, 0);
}

static void
changed_cb (MmlMetaRun *run, gint64 id, gpointer data)
{
  ((Seen *) data)->changed++;
}

static const char show_bp[] =
  "{\"id\":10,\"name\":\"Breaking Point\",\"premiered\":\"2010-01-05\",\"language\":\"English\","
  "\"status\":\"Running\",\"network\":{\"id\":1,\"name\":\"Network One\",\"country\":{\"code\":\"US\"}},"
  "\"externals\":{\"thetvdb\":1010,\"imdb\":\"tt0000010\"},\"updated\":1700000000,"
  "\"_embedded\":{\"episodes\":["
  "{\"id\":101,\"season\":1,\"number\":1,\"type\":\"regular\",\"airdate\":\"2025-01-01\",\"name\":\"Pilot\"},"
  "{\"id\":102,\"season\":1,\"number\":2,\"type\":\"regular\",\"airdate\":\"2025-01-08\"},"
  "{\"id\":103,\"season\":1,\"number\":3,\"type\":\"regular\",\"airdate\":\"2025-01-15\"},"
  "{\"id\":104,\"season\":1,\"number\":4,\"type\":\"regular\",\"airdate\":\"2025-01-22\"},"
  "{\"id\":105,\"season\":1,\"number\":5,\"type\":\"regular\",\"airdate\":\"2025-05-01\"}]}}";

/* Runs on the server thread: answers by the query's title. */
static void
search_handler (MmlFakeServer     *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const char *q = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
  const char *body = "[]";

  if (g_strcmp0 (q, "Breaking Point") == 0)
    body = user_data;
  else if (g_strcmp0 (q, "Star Drift") == 0)
    body = "[{\"score\":0.9,\"show\":{\"id\":20,\"name\":\"Star Drift\",\"premiered\":\"1998-04-01\"}},"
           " {\"score\":0.9,\"show\":{\"id\":21,\"name\":\"Star Drift\",\"premiered\":\"2024-04-01\"}}]";
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static MmlMetaRunSummary *
run_match (MmlMetaRun *run)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlMetaRunSummary *sum;

  mml_meta_run_match_async (run, MML_META_TARGETS_UNMATCHED, 0, NULL, mml_sync_wait_cb, wait);
  sum = mml_meta_run_match_finish (run, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return sum;
}

static void
test_run_match_and_refresh (Fixture *fx, gconstpointer data)
{
  g_autoptr(MmlFakeServer) server = mml_fake_server_new ();
  g_autoptr(MmlHttp) http = mml_http_new (NULL);
  g_autoptr(MmlTvmaze) tvmaze = NULL;
  g_autoptr(MmlMetaRun) run = NULL;
  g_autoptr(MmlMetaRunSummary) sum = NULL;
  g_autoptr(MmlMetaRunSummary) again = NULL;
  g_autoptr(MmlMetaRunSummary) refreshed = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = g_strdup_printf ("[{\"score\":0.9,\"show\":%s}]", show_bp);
  Seen seen = { 0 };

  mml_http_set_use_proxy (http, FALSE);
  mml_http_set_retry_policy (http, 1, 10, 50);
  tvmaze = mml_tvmaze_new (http, mml_fake_server_get_base_url (server));
  run = mml_meta_run_new (fx->store, MML_PROVIDER (tvmaze), http);
  g_signal_connect (run, "progress", G_CALLBACK (progress_cb), &seen);
  g_signal_connect (run, "series-changed", G_CALLBACK (changed_cb), &seen);

  /* Breaking Point is found; Star Drift has two same-name shows and no
   * year (a conflict); Night Talk finds nothing (a conflict: no match). */
  mml_fake_server_add_handler (server, "/search/shows", search_handler, search);
  mml_fake_server_add_json (server, "/shows/10", 200, show_bp);
  mml_fake_server_add_json (server, "/shows/20", 200,
      "{\"id\":20,\"name\":\"Star Drift\",\"premiered\":\"1998-04-01\",\"_embedded\":{\"episodes\":[]}}");
  mml_fake_server_add_json (server, "/shows/21", 200,
      "{\"id\":21,\"name\":\"Star Drift\",\"premiered\":\"2024-04-01\",\"_embedded\":{\"episodes\":[]}}");

  sum = run_match (run);
  g_assert_cmpuint (sum->total, ==, 3);
  g_assert_cmpuint (sum->accepted, ==, 1);
  g_assert_cmpuint (sum->conflicts, ==, 2);
  g_assert_cmpuint (sum->errors, ==, 0);
  /* two requests for the matched series; the others stop early or fetch one */
  g_assert_cmpuint (sum->requests, ==, mml_fake_server_get_total (server));
  g_assert_cmpuint (sum->requests, <=, 6);
  g_assert_cmpuint (seen.last_done, ==, 3);
  g_assert_cmpuint (seen.last_total, ==, 3);
  g_assert_cmpuint (seen.progress, ==, 3);
  g_assert_cmpuint (seen.changed, ==, 3);

  rows = series_rows (fx, series_id (fx, "Breaking Point (2010)"));
  g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "auto");
  g_assert_cmpuint (mml_series_item_get_n_missing (g_ptr_array_index (rows, 0)), ==, 1);
  open = conflicts (fx);
  g_assert_cmpuint (open->len, ==, 2);

  /* nothing left unmatched: a second run does nothing */
  again = run_match (run);
  g_assert_cmpuint (again->total, ==, 0);

  /* refresh: the updates feed names show 10, so it alone is refetched */
  mml_fake_server_add_json (server, "/updates/shows", 200, "{\"10\":1800000000,\"99\":1800000000}");
  mml_meta_run_refresh_async (run, FALSE, 0, NULL, mml_sync_wait_cb, wait);
  refreshed = mml_meta_run_refresh_finish (run, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refreshed->accepted, ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (server, "/shows/10"), ==, 2);
}

static void
test_run_stops_on_bad_server (Fixture *fx, gconstpointer data)
{
  g_autoptr(MmlHttp) http = mml_http_new (NULL);
  g_autoptr(MmlTvmaze) tvmaze = NULL;
  g_autoptr(MmlMetaRun) run = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlMetaRunSummary) sum = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  mml_http_set_use_proxy (http, FALSE);
  mml_http_set_retry_policy (http, 0, 10, 50);
  /* nothing listens on port 9 */
  tvmaze = mml_tvmaze_new (http, "http://127.0.0.1:9");
  run = mml_meta_run_new (fx->store, MML_PROVIDER (tvmaze), http);
  mml_meta_run_set_concurrency (run, 1);
  mml_meta_run_match_async (run, MML_META_TARGETS_UNMATCHED, 0, NULL, mml_sync_wait_cb, wait);
  sum = mml_meta_run_match_finish (run, mml_sync_wait_run (wait), &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
  g_assert_null (sum);
  /* the failure is remembered on the series for Retry, nothing else changed */
  rows = series_rows (fx, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      MmlSeriesItem *r = g_ptr_array_index (rows, i);

      g_assert_cmpstr (mml_series_item_get_match_state (r), ==, "none");
      g_assert_nonnull (mml_series_item_get_meta_error (r));
    }
}

/* The network goes away after the first series and comes back: the run
 * waits (nothing sent, nothing failed) and then finishes the rest. */
typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  FakeMonitor   *monitor;
  guint          sent_when_unplugged;
  guint          sent_while_unplugged;
  guint          waiting_while_unplugged;
  gboolean       unplugged;
} Unplug;

static gboolean
replug_cb (gpointer data)
{
  Unplug *u = data;

  u->sent_while_unplugged = mml_fake_server_get_total (u->server) - u->sent_when_unplugged;
  u->waiting_while_unplugged = mml_http_get_waiting (u->http);
  fake_monitor_set_available (u->monitor, TRUE);
  return G_SOURCE_REMOVE;
}

static void
unplug_progress_cb (MmlMetaRun *run, guint done, guint total, const char *current, double eta, gpointer data)
{
  Unplug *u = data;

  if (done == 1 && !u->unplugged)
    {
      u->unplugged = TRUE;
      fake_monitor_set_available (u->monitor, FALSE);
      u->sent_when_unplugged = mml_fake_server_get_total (u->server);
      GSource *timer = g_timeout_source_new (400);

      g_source_set_callback (timer, replug_cb, u, NULL);
      g_source_attach (timer, g_main_context_get_thread_default ());
      g_source_unref (timer);
    }
}

static void
test_run_survives_unplugged_network (Fixture *fx, gconstpointer data)
{
  g_autoptr(MmlFakeServer) server = mml_fake_server_new ();
  g_autoptr(MmlHttp) http = mml_http_new (NULL);
  g_autoptr(FakeMonitor) monitor = fake_monitor_new ();
  g_autoptr(MmlTvmaze) tvmaze = NULL;
  g_autoptr(MmlMetaRun) run = NULL;
  g_autoptr(MmlMetaRunSummary) sum = NULL;
  g_autofree char *search = g_strdup_printf ("[{\"score\":0.9,\"show\":%s}]", show_bp);
  Unplug u = { server, http, monitor, 0, 0, 0, FALSE };

  mml_http_set_use_proxy (http, FALSE);
  mml_http_set_network_monitor (http, G_NETWORK_MONITOR (monitor));
  mml_http_set_wait_for_network (http, TRUE);
  tvmaze = mml_tvmaze_new (http, mml_fake_server_get_base_url (server));
  run = mml_meta_run_new (fx->store, MML_PROVIDER (tvmaze), http);
  mml_meta_run_set_concurrency (run, 1);
  g_signal_connect (run, "progress", G_CALLBACK (unplug_progress_cb), &u);
  mml_fake_server_add_handler (server, "/search/shows", search_handler, search);
  mml_fake_server_add_json (server, "/shows/10", 200, show_bp);
  mml_fake_server_add_json (server, "/shows/20", 200, "{\"id\":20,\"name\":\"Star Drift\",\"premiered\":\"1998-04-01\"}");
  mml_fake_server_add_json (server, "/shows/21", 200, "{\"id\":21,\"name\":\"Star Drift\",\"premiered\":\"2024-04-01\"}");

  sum = run_match (run);
  g_assert_true (u.unplugged);
  g_assert_cmpuint (u.sent_while_unplugged, ==, 0);
  g_assert_cmpuint (u.waiting_while_unplugged, ==, 1);
  g_assert_cmpuint (sum->total, ==, 3);
  g_assert_cmpuint (sum->errors, ==, 0);
  g_assert_cmpuint (sum->accepted + sum->conflicts, ==, 3);
}

/* A series added by hand has no files yet: a scan in between (the watcher
 * sees its new folder) must not drop the row before the match lands. */
static void
test_added_series_survives_scan (Fixture *fx, gconstpointer data)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MmlMetaSeries) meta = make_meta (30, "Glass Harbor", 2015, breaking_eps, 3);
  g_autofree char *dir = g_build_filename (fx->dir, "TV", "Glass Harbor (2015)", NULL);
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  mml_meta_store_add_series_async (fx->store, fx->tv_root, "Glass Harbor (2015)", "Glass Harbor", 2015,
                                   NULL, mml_sync_wait_cb, wait);
  id = mml_meta_store_add_series_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  scan_all (fx);
  rows = series_rows (fx, id);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (apply (fx, id, meta, MML_MATCH_STATE_MANUAL, MML_EPISODE_ORDER_AIRED), ==, MML_META_APPLIED);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = series_rows (fx, id);
  g_assert_cmpstr (mml_series_item_get_match_state (g_ptr_array_index (rows, 0)), ==, "manual");
  g_assert_cmpuint (mml_series_item_get_n_missing (g_ptr_array_index (rows, 0)), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* like the CLI: one context for the HTTP layer and every wait */
  g_main_context_push_thread_default (g_main_context_new ());

#define ADD(name, func) \
  g_test_add ("/meta/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("apply-links-and-counts", test_apply_links_and_counts);
  ADD ("anime-absolute", test_anime_absolute);
  ADD ("daily-air-date", test_daily_air_date);
  ADD ("conflict-then-manual-is-final", test_conflict_then_manual_is_final);
  ADD ("undo-choice-and-keep", test_undo_choice_and_keep);
  ADD ("override-survives-refresh", test_override_survives_refresh);
  ADD ("order-change-relinks", test_order_change_relinks);
  ADD ("unmatch-and-gone", test_unmatch_and_gone);
  ADD ("added-series-survives-scan", test_added_series_survives_scan);
  ADD ("run-match-and-refresh", test_run_match_and_refresh);
  ADD ("run-stops-on-bad-server", test_run_stops_on_bad_server);
  ADD ("run-survives-unplugged-network", test_run_survives_unplugged_network);
#undef ADD

  return g_test_run ();
}
