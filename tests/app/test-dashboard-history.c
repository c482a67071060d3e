/* test-dashboard-history.c — the Dashboard's History charts and the
 * Activity view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree is scanned into a
 * temporary database, then SQL dates what it holds (today and now are
 * pinned on the engine's clock: Saturday 15 June 2024, noon, UTC):
 *
 *   Alpha   3 episodes, arrived this week (from Monday 10 June), S01E01
 *           watched this week, Hebrew and English sidecars of S01E01
 *                                                   → Watching
 *   Beta    2 episodes, arrived the week before, both watched in the
 *           first of the 12 weeks, an English sidecar of S01E01
 *                                                   → Caught up
 *   Gamma   1 episode, arrived before the 12 weeks  → Not started
 *
 * and seven lines of activity, one older than the 90 days the log keeps.
 * Then: each chart's numbers (its accessible description), the Activity
 * view's lines, its kind filter and search, and the "activity-keep-days"
 * setting pruning the log. Writes shot-dashboard-history.png and
 * shot-activity*.png into G_TEST_BUILDDIR. Needs an X display (xvfb-run);
 * exits 77 without one.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mml-application.h"
#include "mml-scheduler.h"
#include "mml-window.h"
#include "views/mml-activity-view.h"
#include "views/mml-dashboard-view.h"
#include "widgets/mml-chart.h"
#include "widgets/mml-dashboard-history.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define TODAY "2024-06-15"
#define NOW 1718452800          /* 2024-06-15 12:00 UTC */

static char *tmp_dir;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Alpha (2020)/Season 01/Alpha - S01E01.mkv",
  "Alpha (2020)/Season 01/Alpha - S01E01.he.srt",
  "Alpha (2020)/Season 01/Alpha - S01E01.en.srt",
  "Alpha (2020)/Season 01/Alpha - S01E02.mkv",
  "Alpha (2020)/Season 01/Alpha - S01E03.mkv",
  "Beta (2019)/Season 01/Beta - S01E01.mkv",
  "Beta (2019)/Season 01/Beta - S01E01.en.srt",
  "Beta (2019)/Season 01/Beta - S01E02.mkv",
  "Gamma (2021)/Season 01/Gamma - S01E01.mkv",
};

#define N_SERIES 3

/* 1717977600: Monday 10 June 2024; 1717372800: the Monday before;
 * 1711324800: Monday 25 March, the first of the 12 weeks */
static const char library_sql[] =
  "INSERT INTO preferences (key, value) VALUES ('subtitles.languages', 'he en');"
  "UPDATE files SET first_seen = 1717977600 + 3600 WHERE path LIKE 'Alpha%';"
  "UPDATE files SET first_seen = 1717372800 + 100 WHERE path LIKE 'Beta%';"
  "UPDATE files SET first_seen = 1600000000 WHERE path LIKE 'Gamma%';"
  "UPDATE episodes SET watched = 1, watched_at = 1717977600 + 7200 "
  " WHERE number = 1 AND series_id IN (SELECT id FROM series WHERE title = 'Alpha');"
  "UPDATE episodes SET watched = 1, watched_at = 1711324800 + 50 "
  " WHERE series_id IN (SELECT id FROM series WHERE title = 'Beta');"
  "INSERT INTO activity (at, kind, text) VALUES "
  " (1718400000, 'scan', 'Found 3 new episodes in TV'),"
  " (1718300000, 'sync', 'Synced Den Plex: 4 marks brought in'),"
  " (1718200000, 'subtitles', 'Downloaded 2 subtitles'),"
  " (1718100000, 'organize', 'Renamed 3 files of Alpha'),"
  " (1716000000, 'refresh', 'refresh failed: Cannot connect to TVmaze'),"
  " (1713000000, 'cache', 'Removed 12 unused posters'),"
  " (1700000000, 'scan', 'Found an ancient episode');";

/* --- helpers ------------------------------------------------------------------- */

static gboolean
session_ready (gpointer data)
{
  MmlEngine *engine = data;

  return mml_engine_get_ready (engine) &&
         !mml_library_controller_get_loading (mml_engine_get_library (engine)) &&
         !mml_library_controller_get_scanning (mml_engine_get_library (engine)) &&
         g_list_model_get_n_items (mml_library_controller_get_series (mml_engine_get_library (engine))) == N_SERIES;
}

typedef struct
{
  MmlChart   *chart;
  const char *expected;
} ChartWait;

static gboolean
chart_says (gpointer data)
{
  ChartWait *wait = data;

  return g_strcmp0 (mml_chart_get_description (wait->chart), wait->expected) == 0;
}

static void
assert_chart (MmlDashboardHistory *history,
              const char          *name,
              const char          *expected)
{
  ChartWait wait = { mml_dashboard_history_get_chart (history, name), expected };

  g_assert_nonnull (wait.chart);
  mml_app_test_iterate_until (chart_says, &wait, WAIT_TIMEOUT_MS, name);
  g_assert_cmpstr (mml_chart_get_description (wait.chart), ==, expected);
}

static gboolean
activity_count_is (gpointer data)
{
  MmlActivityView *view = data;
  guint expected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "expected"));

  return mml_activity_view_get_loaded (view) &&
         g_list_model_get_n_items (mml_activity_view_get_model (view)) == expected;
}

static void
wait_activity (MmlActivityView *view,
               guint            n)
{
  g_object_set_data (G_OBJECT (view), "expected", GUINT_TO_POINTER (n));
  mml_app_test_iterate_until (activity_count_is, view, WAIT_TIMEOUT_MS, "the activity log");
  g_assert_cmpuint (g_list_model_get_n_items (mml_activity_view_get_model (view)), ==, n);
}

static void
assert_item (MmlActivityView *view,
             guint            position,
             const char      *expected)
{
  g_autofree char *text = mml_activity_view_get_item_text (view, position);

  g_assert_cmpstr (text, ==, expected);
}

/* --- the tests --------------------------------------------------------------------- */

static void
test_charts (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlWindow *window;
  MmlView *dashboard;
  MmlDashboardHistory *history;
  MmlChart *added;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 900);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("dashboard"));
  dashboard = mml_window_get_view (window, "dashboard");
  history = mml_dashboard_view_get_history (MML_DASHBOARD_VIEW (dashboard));

  /* week by week, oldest first; the weeks start on Mondays */
  assert_chart (history, "added",
                "25 Mar: 0, 1 Apr: 0, 8 Apr: 0, 15 Apr: 0, 22 Apr: 0, 29 Apr: 0, 6 May: 0, "
                "13 May: 0, 20 May: 0, 27 May: 0, 3 Jun: 2, 10 Jun: 3");
  assert_chart (history, "watched",
                "25 Mar: 2, 1 Apr: 0, 8 Apr: 0, 15 Apr: 0, 22 Apr: 0, 29 Apr: 0, 6 May: 0, "
                "13 May: 0, 20 May: 0, 27 May: 0, 3 Jun: 0, 10 Jun: 1");
  assert_chart (history, "viewing",
                "Watching: 1, Need to continue: 0, Caught up: 1, Completed: 0, On hold: 0, "
                "Dropped: 0, Not started: 1");
  /* six episodes on disk; Hebrew for Alpha's first, English for both first episodes */
  assert_chart (history, "subtitles", "Hebrew: 17 % (1 of 6), English: 33 % (2 of 6)");
  /* every file is 10 bytes: Gamma's one before the weeks, Beta's three, Alpha's five */
  assert_chart (history, "size",
                "25 Mar: 10 bytes, 1 Apr: 10 bytes, 8 Apr: 10 bytes, 15 Apr: 10 bytes, "
                "22 Apr: 10 bytes, 29 Apr: 10 bytes, 6 May: 10 bytes, 13 May: 10 bytes, "
                "20 May: 10 bytes, 27 May: 10 bytes, 3 Jun: 40 bytes, 10 Jun: 90 bytes");

  added = mml_dashboard_history_get_chart (history, "added");
  g_assert_cmpuint (mml_chart_get_n_values (added), ==, 12);
  g_assert_cmpfloat (mml_chart_get_value (added, 11), ==, 3);
  g_assert_false (mml_chart_get_empty (added));

  /* a mark reloads the library, and the charts with it */
  {
    g_autoptr(GError) error = NULL;
    guint loads = mml_dashboard_history_get_n_loads (history);
    MmlSeriesItem *gamma = mml_app_test_find_series (mml_library_controller_get_series (mml_engine_get_library (engine)),
                                                     "Gamma", NULL);

    g_assert_nonnull (gamma);
    g_assert_cmpuint (loads, >, 0);
    mml_test_store_exec (mml_engine_get_store (engine),
                         "UPDATE episodes SET watched = 1, watched_at = 1718440000 "
                         " WHERE series_id IN (SELECT id FROM series WHERE title = 'Gamma')");
    mml_engine_reload (engine);
    assert_chart (history, "watched",
                  "25 Mar: 2, 1 Apr: 0, 8 Apr: 0, 15 Apr: 0, 22 Apr: 0, 29 Apr: 0, 6 May: 0, "
                  "13 May: 0, 20 May: 0, 27 May: 0, 3 Jun: 0, 10 Jun: 2");
  }

  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (history), "dashboard-history");
  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* An empty chart says so, and its description is that text */
static void
test_chart_empty (void)
{
  GtkWidget *chart = g_object_ref_sink (mml_chart_new (MML_CHART_BARS));
  const char *labels[] = { "a", "b" };
  const char *texts[] = { "0", "0" };
  const double zeros[] = { 0, 0 };
  const double values[] = { 1, 3 };

  mml_chart_set_empty_text (MML_CHART (chart), "Nothing yet");
  g_assert_true (mml_chart_get_empty (MML_CHART (chart)));
  g_assert_cmpstr (mml_chart_get_description (MML_CHART (chart)), ==, "Nothing yet");
  mml_chart_set_data (MML_CHART (chart), 2, labels, zeros, texts, NULL);
  g_assert_true (mml_chart_get_empty (MML_CHART (chart)));
  g_assert_cmpstr (mml_chart_get_description (MML_CHART (chart)), ==, "Nothing yet");
  texts[1] = "3";
  texts[0] = "1";
  mml_chart_set_data (MML_CHART (chart), 2, labels, values, texts, NULL);
  g_assert_false (mml_chart_get_empty (MML_CHART (chart)));
  g_assert_cmpstr (mml_chart_get_description (MML_CHART (chart)), ==, "a: 1, b: 3");
  g_object_unref (chart);
}

static void
test_activity (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  MmlWindow *window;
  MmlActivityView *view;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("activity"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "activity");
  view = MML_ACTIVITY_VIEW (mml_window_get_view (window, "activity"));
  g_assert_nonnull (view);

  /* the oldest went as the library opened: 90 days is the default */
  g_assert_cmpint (g_settings_get_int (settings, "activity-keep-days"), ==, 90);
  wait_activity (view, 6);
  g_assert_cmpstr (mml_activity_view_get_page (view), ==, "list");
  assert_item (view, 0, "scan: Found 3 new episodes in TV");
  assert_item (view, 1, "sync: Synced Den Plex: 4 marks brought in");
  assert_item (view, 5, "cache: Removed 12 unused posters");
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "activity");

  /* the kinds */
  mml_activity_view_set_group (view, MML_ACTIVITY_JOBS);
  wait_activity (view, 3);
  assert_item (view, 0, "scan: Found 3 new episodes in TV");
  assert_item (view, 1, "refresh: refresh failed: Cannot connect to TVmaze");
  assert_item (view, 2, "cache: Removed 12 unused posters");
  mml_activity_view_set_group (view, MML_ACTIVITY_SYNC);
  wait_activity (view, 1);
  assert_item (view, 0, "sync: Synced Den Plex: 4 marks brought in");
  mml_activity_view_set_group (view, MML_ACTIVITY_FILES);
  wait_activity (view, 1);
  assert_item (view, 0, "organize: Renamed 3 files of Alpha");
  mml_activity_view_set_group (view, MML_ACTIVITY_DOWNLOADS);
  wait_activity (view, 1);
  assert_item (view, 0, "subtitles: Downloaded 2 subtitles");

  /* words, with a kind and alone; nothing found says so */
  mml_activity_view_set_search (view, "plex");
  wait_activity (view, 0);
  g_assert_cmpstr (mml_activity_view_get_page (view), ==, "no-results");
  gtk_widget_activate_action (GTK_WIDGET (view), "activity.clear-filters", NULL);
  wait_activity (view, 6);
  mml_activity_view_set_search (view, "unused POSTERS");
  wait_activity (view, 1);
  assert_item (view, 0, "cache: Removed 12 unused posters");
  mml_activity_view_set_search (view, "");
  wait_activity (view, 6);

  /* Settings keeps fewer days: the log loses what is older */
  g_settings_set_int (settings, "activity-keep-days", 30);
  g_assert_cmpuint (mml_scheduler_get_activity_keep_days (mml_engine_get_scheduler (engine)), ==, 30);
  wait_activity (view, 5);
  assert_item (view, 4, "refresh: refresh failed: Cannot connect to TVmaze");
  g_settings_set_int (settings, "activity-keep-days", 7);
  wait_activity (view, 4);
  assert_item (view, 3, "organize: Renamed 3 files of Alpha");
  /* more days bring nothing back */
  g_settings_set_int (settings, "activity-keep-days", 90);
  mml_app_test_wait_ms (200);
  wait_activity (view, 4);

  mml_app_test_save_png (GTK_WIDGET (window), "activity-pruned");
  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *tree = NULL;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-dashboard-history-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  mml_app_test_write_tree (tree, tree_files, G_N_ELEMENTS (tree_files), "0123456789");
  mml_app_test_scan_library (db, tree, library_sql);

  app = mml_app_test_new_application_unwatched ();
  mml_clock_set_today (mml_engine_get_clock (mml_application_get_engine (app)), TODAY);
  mml_clock_set_now (mml_engine_get_clock (mml_application_get_engine (app)), NOW);

  g_test_add_func ("/app/dashboard-history/charts", test_charts);
  g_test_add_func ("/app/dashboard-history/chart-empty", test_chart_empty);
  g_test_add_func ("/app/dashboard-history/activity", test_activity);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
