/* test-dashboard-jobs.c — the Dashboard's Background Jobs group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a small tree is scanned into a temporary
 * database and the scheduler's table of jobs is written with SQL ("now" is
 * pinned on the engine's clock: Saturday 15 June 2024, noon, UTC):
 *
 *   scan       failed at 10:00 ("The folder could not be read"), next in a minute
 *   refresh    ran at 09:02, next in 21 hours
 *   subtitles  skipped yesterday at 21:20 (no account), next in 3 hours
 *   sync       never ran, turned off
 *   cache      ran on 12 June, next in 5 minutes
 *
 * Nothing is due while the clock stands still, so the started scheduler
 * runs only what the test asks for. Then: the rows and their times, with
 * the scheduler stopped and started; Run Now (the row running while the
 * job runs, every button insensitive); Retry of the failed scan; a job
 * finishing while the window is hidden reads nothing until it shows
 * again; the empty state. Writes shot-dashboard-jobs*.png into
 * G_TEST_BUILDDIR. Needs an X display (xvfb-run); exits 77 without one.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-application.h"
#include "mml-scheduler.h"
#include "mml-window.h"
#include "views/mml-dashboard-view.h"
#include "widgets/mml-jobs-group.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define TODAY "2024-06-15"
#define NOW 1718452800          /* 2024-06-15 12:00 UTC */

static char *tmp_dir;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Alpha (2020)/Season 01/Alpha - S01E01.mkv",
  "Alpha (2020)/Season 01/Alpha - S01E02.mkv",
  "Beta (2019)/Season 01/Beta - S01E01.mkv",
};

#define N_SERIES 2

static const char library_sql[] =
  "INSERT INTO jobs (name, interval_s, enabled, last_run_at, next_run_at, last_result, failures, running_since) VALUES "
  " ('scan', 21600, 1, 1718445600, 1718452860, 'failed: The folder could not be read', 1, NULL),"
  " ('refresh', 86400, 1, 1718442120, 1718528520, 'ok', 0, NULL),"
  " ('subtitles', 21600, 1, 1718400000, 1718463600, 'skipped: no OpenSubtitles account', 0, NULL),"
  " ('sync', 300, 0, NULL, NULL, NULL, 0, NULL),"
  " ('cache', 86400, 1, 1718193600, 1718453100, 'ok', 0, NULL);";

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

static gboolean
jobs_listed (gpointer data)
{
  return mml_jobs_group_get_n_loads (data) > 0 && mml_jobs_group_get_n_jobs (data) == 5;
}

typedef struct
{
  MmlJobsGroup *group;
  const char   *name;
  const char   *expected;
} RowWait;

static const char *
subtitle_of (MmlJobsGroup *group,
             const char   *name)
{
  AdwActionRow *row = mml_jobs_group_get_row (group, name);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (row);
}

static gboolean
row_says (gpointer data)
{
  RowWait *wait = data;

  return g_strcmp0 (subtitle_of (wait->group, wait->name), wait->expected) == 0;
}

static void
assert_row (MmlJobsGroup *group,
            const char   *name,
            const char   *expected)
{
  RowWait wait = { group, name, expected };

  mml_app_test_iterate_until (row_says, &wait, WAIT_TIMEOUT_MS, name);
  g_assert_cmpstr (subtitle_of (group, name), ==, expected);
}

static const char *
title_of (MmlJobsGroup *group,
          const char   *name)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (mml_jobs_group_get_row (group, name)));
}

static gboolean
button_sensitive (MmlJobsGroup *group,
                  const char   *name)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (mml_jobs_group_get_button (group, name)));
}

/* What the group showed as the scheduler said a job started, and how the
 * job ended */
typedef struct
{
  MmlJobsGroup *group;
  char         *started;
  gboolean      running_shown;
  char         *subtitle;
  gboolean      button_sensitive;
  gboolean      other_sensitive;
  char         *finished;
  gboolean      ok;
} JobWatch;

static void
job_started_cb (MmlScheduler *scheduler,
                const char   *name,
                JobWatch     *watch)
{
  g_free (watch->started);
  watch->started = g_strdup (name);
  /* the group's handler ran first: it was connected before ours */
  watch->running_shown = mml_jobs_group_get_running (watch->group, name);
  g_free (watch->subtitle);
  watch->subtitle = g_strdup (subtitle_of (watch->group, name));
  watch->button_sensitive = button_sensitive (watch->group, name);
  watch->other_sensitive = button_sensitive (watch->group, g_strcmp0 (name, "refresh") == 0 ? "cache" : "refresh");
}

static void
job_finished_cb (MmlScheduler *scheduler,
                 const char   *name,
                 gboolean      ok,
                 const char   *text,
                 JobWatch     *watch)
{
  g_free (watch->finished);
  watch->finished = g_strdup (name);
  watch->ok = ok;
}

static gboolean
job_finished (gpointer data)
{
  JobWatch *watch = data;

  return watch->finished != NULL;
}

static void
job_watch_reset (JobWatch *watch)
{
  g_clear_pointer (&watch->started, g_free);
  g_clear_pointer (&watch->subtitle, g_free);
  g_clear_pointer (&watch->finished, g_free);
  watch->running_shown = FALSE;
  watch->button_sensitive = TRUE;
  watch->other_sensitive = TRUE;
  watch->ok = FALSE;
}

static gboolean
loads_above (gpointer data)
{
  MmlJobsGroup *group = data;

  return mml_jobs_group_get_n_loads (group) > GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "loads"));
}

/* --- the tests --------------------------------------------------------------------- */

static void
test_jobs (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlScheduler *scheduler = mml_engine_get_scheduler (engine);
  JobWatch watch = { 0 };
  MmlWindow *window;
  MmlView *dashboard;
  MmlJobsGroup *group;
  guint loads;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("dashboard"));
  dashboard = mml_window_get_view (window, "dashboard");
  group = mml_dashboard_view_get_jobs (MML_DASHBOARD_VIEW (dashboard));
  g_assert_nonnull (group);
  mml_app_test_iterate_until (jobs_listed, group, WAIT_TIMEOUT_MS, "the jobs");

  /* every job of the scheduler, in the order people think of them */
  g_assert_false (mml_jobs_group_get_shows_empty (group));
  g_assert_cmpstr (mml_jobs_group_get_job_name (group, 0), ==, "scan");
  g_assert_cmpstr (mml_jobs_group_get_job_name (group, 1), ==, "refresh");
  g_assert_cmpstr (mml_jobs_group_get_job_name (group, 2), ==, "subtitles");
  g_assert_cmpstr (mml_jobs_group_get_job_name (group, 3), ==, "sync");
  g_assert_cmpstr (mml_jobs_group_get_job_name (group, 4), ==, "cache");
  g_assert_cmpstr (title_of (group, "scan"), ==, "Library Scan");
  g_assert_cmpstr (title_of (group, "cache"), ==, "Poster Cache Clean-up");

  /* the scheduler is not started (no "Keep running in the background"):
   * no next runs, and the group says why */
  g_assert_false (mml_scheduler_get_started (scheduler));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "Keep running in the background"));
  assert_row (group, "refresh", "Last ran Today at 09:02");
  assert_row (group, "sync", "Never ran · turned off");

  /* started: when each runs next */
  mml_scheduler_start (scheduler);
  mml_jobs_group_reload (group);
  assert_row (group, "refresh", "Last ran Today at 09:02 · next in 21 hours");
  assert_row (group, "subtitles", "Skipped Yesterday at 21:20: \u2068no OpenSubtitles account\u2069 · next in 3 hours");
  assert_row (group, "sync", "Never ran · turned off");
  assert_row (group, "cache", "Last ran 12 June 2024 · next in 5 minutes");
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "Work that keeps the library current on its own");

  /* the failed one: when, why (isolated: it may name a server), and Retry */
  assert_row (group, "scan", "Failed Today at 10:00: \u2068The folder could not be read\u2069 · next in 1 minute");
  g_assert_cmpstr (gtk_button_get_label (mml_jobs_group_get_button (group, "scan")), ==, "Retry");
  g_assert_cmpstr (gtk_button_get_label (mml_jobs_group_get_button (group, "cache")), ==, "Run Now");
  g_assert_true (button_sensitive (group, "scan"));
  g_assert_true (button_sensitive (group, "cache"));
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (group), "dashboard-jobs");

  g_signal_connect (scheduler, "job-started", G_CALLBACK (job_started_cb), &watch);
  g_signal_connect (scheduler, "job-finished", G_CALLBACK (job_finished_cb), &watch);
  watch.group = group;

  /* Run Now: the row runs while the job runs, no button takes a second job */
  job_watch_reset (&watch);
  g_signal_emit_by_name (mml_jobs_group_get_button (group, "cache"), "clicked");
  g_assert_false (button_sensitive (group, "cache"));
  mml_app_test_iterate_until (job_finished, &watch, WAIT_TIMEOUT_MS, "the cache job");
  g_assert_cmpstr (watch.started, ==, "cache");
  g_assert_cmpstr (watch.finished, ==, "cache");
  g_assert_true (watch.ok);
  g_assert_true (watch.running_shown);
  g_assert_cmpstr (watch.subtitle, ==, "Running now · Cleaning the poster cache…");
  g_assert_false (watch.button_sensitive);
  g_assert_false (watch.other_sensitive);
  assert_row (group, "cache", "Last ran Today at 12:00 · next in 1 day");
  g_assert_false (mml_jobs_group_get_running (group, "cache"));
  g_assert_true (button_sensitive (group, "cache"));
  g_assert_true (button_sensitive (group, "refresh"));

  /* Retry runs the failed scan again; it works this time */
  job_watch_reset (&watch);
  g_signal_emit_by_name (mml_jobs_group_get_button (group, "scan"), "clicked");
  mml_app_test_iterate_until (job_finished, &watch, WAIT_TIMEOUT_MS, "the scan job");
  g_assert_cmpstr (watch.started, ==, "scan");
  g_assert_cmpstr (watch.finished, ==, "scan");
  g_assert_true (watch.ok);
  g_assert_true (watch.running_shown);
  g_assert_true (g_str_has_prefix (watch.subtitle, "Running now · Scanning the library"));
  g_assert_false (watch.other_sensitive);
  assert_row (group, "scan", "Last ran Today at 12:00 · next in 6 hours");
  g_assert_cmpstr (gtk_button_get_label (mml_jobs_group_get_button (group, "scan")), ==, "Run Now");
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library after the scan");

  /* hidden, the group reads nothing: a job's end waits until it shows */
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (group)));
  loads = mml_jobs_group_get_n_loads (group);
  job_watch_reset (&watch);
  mml_scheduler_run_now (scheduler, "cache", NULL);
  mml_app_test_iterate_until (job_finished, &watch, WAIT_TIMEOUT_MS, "the cache job, hidden");
  mml_app_test_wait_ms (200);
  g_assert_cmpuint (mml_jobs_group_get_n_loads (group), ==, loads);
  gtk_window_present (GTK_WINDOW (window));
  g_object_set_data (G_OBJECT (group), "loads", GUINT_TO_POINTER (loads));
  mml_app_test_iterate_until (loads_above, group, WAIT_TIMEOUT_MS, "a read on showing");
  assert_row (group, "cache", "Last ran Today at 12:00 · next in 1 day");

  /* stopped again: the next runs go (a Dashboard shown again reads the jobs) */
  mml_scheduler_stop (scheduler);
  mml_jobs_group_reload (group);
  assert_row (group, "refresh", "Last ran Today at 09:02");

  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (group), "dashboard-jobs-after");
  g_signal_handlers_disconnect_by_data (scheduler, &watch);
  job_watch_reset (&watch);
  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* With no jobs to show (no engine), the group says so */
static void
test_empty (void)
{
  MmlJobsGroup *group = g_object_ref_sink (g_object_new (MML_TYPE_JOBS_GROUP, NULL));

  g_assert_true (mml_jobs_group_get_shows_empty (group));
  g_assert_cmpuint (mml_jobs_group_get_n_jobs (group), ==, 0);
  g_assert_null (mml_jobs_group_get_row (group, "scan"));
  g_assert_null (mml_jobs_group_get_button (group, "scan"));
  /* not on screen: bound to the engine, it reads nothing yet */
  mml_jobs_group_set_engine (group, mml_application_get_engine (app));
  mml_app_test_wait_ms (100);
  g_assert_cmpuint (mml_jobs_group_get_n_loads (group), ==, 0);
  g_assert_true (mml_jobs_group_get_shows_empty (group));
  g_object_unref (group);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *tree = NULL;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-dashboard-jobs-XXXXXX");
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

  g_test_add_func ("/app/dashboard-jobs/jobs", test_jobs);
  g_test_add_func ("/app/dashboard-jobs/empty", test_empty);
  ret = g_test_run ();

  mml_scheduler_stop (mml_engine_get_scheduler (mml_application_get_engine (app)));
  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
