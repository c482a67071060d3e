/* test-scheduler.c — the background jobs with an injected clock: what is
 * due, catching up once after a suspend, the back-off of a failing job,
 * changes made by another process, and the timer running due jobs; and
 * what a refresh of nothing leaves as the last refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-scheduler.h"
#include "mml-test-util.h"

#define T0 ((gint64) 1900000000)   /* 2030-03-17 */

typedef struct
{
  char         *dir;
  char         *db_path;
  MmlEngine    *engine;
  MmlScheduler *scheduler;
  MmlClock     *clock;
  GAsyncResult *result;
} Fixture;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
open_engine (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->engine = mml_engine_new (f->db_path);
  mml_engine_set_watch (f->engine, FALSE);
  mml_engine_set_automatic (f->engine, FALSE);
  mml_engine_set_models (f->engine, FALSE);
  mml_engine_set_wait_for_network (f->engine, FALSE);
  mml_library_controller_set_scan_new_roots (mml_engine_get_library (f->engine), FALSE);
  f->clock = mml_engine_get_clock (f->engine);
  mml_clock_set_now (f->clock, T0);
  g_assert_true (mml_engine_open_sync (f->engine, &error));
  g_assert_no_error (error);
  f->scheduler = mml_engine_get_scheduler (f->engine);
}

static void
close_engine (Fixture *f)
{
  mml_engine_shutdown (f->engine);
  g_clear_object (&f->engine);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mml_test_make_tmpdir ("mml-test-scheduler-XXXXXX");
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  /* subtitles: an account whose service does not answer */
  g_setenv ("MML_OPENSUBTITLES_URL", "http://127.0.0.1:9/api/v1", TRUE);
  g_unsetenv ("MML_OPENSUBTITLES_API_KEY");
  open_engine (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  close_engine (f);
  mml_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static GPtrArray *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  g_clear_object (&f->result);
  mml_scheduler_list_async (f->scheduler, NULL, result_cb, f);
  rows = mml_scheduler_list_finish (f->scheduler, wait_result (f), &error);
  g_assert_no_error (error);
  return rows;
}

static MmlJobRow *
row_of (GPtrArray  *rows,
        const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((MmlJobRow *) g_ptr_array_index (rows, i))->name, name))
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static GPtrArray *
run_due (Fixture *f,
         guint   *n_failed)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ran;

  g_clear_object (&f->result);
  mml_scheduler_run_due_async (f->scheduler, NULL, result_cb, f);
  ran = mml_scheduler_run_due_finish (f->scheduler, wait_result (f), n_failed, &error);
  g_assert_no_error (error);
  return ran;
}

static void
test_due_and_catch_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = list (f);
  g_autoptr(GPtrArray) ran = NULL;
  guint n_failed = 99;

  /* five jobs; sync is off until a media server is set up */
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_false (row_of (rows, "sync")->enabled);
  g_assert_true (row_of (rows, "scan")->enabled);
  g_assert_cmpint (row_of (rows, "scan")->last_run_at, ==, 0);

  /* everything enabled is due at first */
  ran = run_due (f, &n_failed);
  g_assert_cmpuint (ran->len, ==, 4);
  g_assert_cmpuint (n_failed, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list (f);
  g_assert_cmpint (row_of (rows, "scan")->last_run_at, ==, T0);
  g_assert_cmpint (row_of (rows, "scan")->next_run_at, ==, T0 + row_of (rows, "scan")->interval_s);
  /* no video lacks subtitles: nothing to do, no account asked for */
  g_assert_cmpstr (row_of (rows, "subtitles")->last_result, ==, "ok");
  g_assert_cmpint (row_of (rows, "sync")->last_run_at, ==, 0);

  /* an hour later nothing is due */
  mml_clock_set_now (f->clock, T0 + 3600);
  g_clear_pointer (&ran, g_ptr_array_unref);
  ran = run_due (f, &n_failed);
  g_assert_cmpuint (ran->len, ==, 0);

  /* ten days asleep: each job runs once, and is planned from now */
  mml_clock_set_now (f->clock, T0 + 10 * 86400);
  g_clear_pointer (&ran, g_ptr_array_unref);
  ran = run_due (f, &n_failed);
  g_assert_cmpuint (ran->len, ==, 4);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list (f);
  g_assert_cmpint (row_of (rows, "scan")->next_run_at, ==, T0 + 10 * 86400 + row_of (rows, "scan")->interval_s);
  g_clear_pointer (&ran, g_ptr_array_unref);
  ran = run_due (f, &n_failed);
  g_assert_cmpuint (ran->len, ==, 0);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *tv = g_build_filename (f->dir, "tv", "Iron Road (2011)", "Season 01", NULL);
  g_autofree char *video = g_build_filename (tv, "Iron.Road.S01E01.mkv", NULL);
  g_autofree char *text = NULL;
  MmlLibraryController *library = mml_engine_get_library (f->engine);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlScanSummary) summary = NULL;
  gint64 t = T0;

  /* the pure rule: 1, 2, 4 … minutes, up to the interval or six hours */
  g_assert_cmpint (mml_scheduler_backoff_s (300, 1), ==, 60);
  g_assert_cmpint (mml_scheduler_backoff_s (300, 2), ==, 120);
  g_assert_cmpint (mml_scheduler_backoff_s (300, 20), ==, 6 * 3600);
  g_assert_cmpint (mml_scheduler_backoff_s (86400, 30), ==, 86400);

  /* a video to find subtitles for, and a service that does not answer */
  g_assert_cmpint (g_mkdir_with_parents (tv, 0755), ==, 0);
  {
    /* big enough for a movie hash: the search is sent, and fails */
    g_autofree char *bytes = g_malloc0 (200 * 1024);

    g_assert_true (g_file_set_contents (video, bytes, 200 * 1024, NULL));
  }
  g_setenv ("MML_OPENSUBTITLES_API_KEY", "test-key", TRUE);
  {
    g_autofree char *series_dir = g_path_get_dirname (tv);
    g_autofree char *root_dir = g_path_get_dirname (series_dir);

    mml_library_controller_add_root_async (library, root_dir, MML_ROOT_KIND_STANDARD, NULL,
                                           result_cb, f);
  }
  root = mml_library_controller_add_root_finish (library, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  mml_library_controller_scan_async (library, MML_SCAN_QUICK, 0, NULL, result_cb, f);
  summary = mml_library_controller_scan_finish (library, wait_result (f), &error);
  g_assert_no_error (error);

  for (guint failures = 1; failures <= 3; failures++)
    {
      MmlJobRow *row;

      g_clear_object (&f->result);
      mml_scheduler_run_async (f->scheduler, "subtitles", NULL, result_cb, f);
      g_assert_false (mml_scheduler_run_finish (f->scheduler, wait_result (f), &text, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = list (f);
      row = row_of (rows, "subtitles");
      g_assert_cmpuint (row->failures, ==, failures);
      g_assert_true (g_str_has_prefix (row->last_result, "failed: "));
      g_assert_cmpint (row->next_run_at, ==, t + mml_scheduler_backoff_s (row->interval_s, failures));
      t = row->next_run_at;
      mml_clock_set_now (f->clock, t);
    }

  /* the activity log says so */
  {
    g_autoptr(GPtrArray) lines = NULL;

    g_clear_object (&f->result);
    mml_scheduler_activity_async (f->scheduler, 0, NULL, result_cb, f);
    lines = mml_scheduler_activity_finish (f->scheduler, wait_result (f), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lines->len, >=, 3);
    g_assert_cmpstr (((MmlActivityRow *) g_ptr_array_index (lines, 0))->kind, ==, "subtitles");
  }
  g_unsetenv ("MML_OPENSUBTITLES_API_KEY");
}

static void
test_changes_and_unknown (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_clear_object (&f->result);
  mml_scheduler_set_async (f->scheduler, "scan", 600, 0, NULL, result_cb, f);
  g_assert_true (mml_scheduler_set_finish (f->scheduler, wait_result (f), &error));
  g_assert_no_error (error);

  /* another process (a new engine on the same file) sees the change */
  close_engine (f);
  open_engine (f);
  rows = list (f);
  g_assert_cmpint (row_of (rows, "scan")->interval_s, ==, 600);
  g_assert_false (row_of (rows, "scan")->enabled);

  g_clear_object (&f->result);
  mml_scheduler_set_async (f->scheduler, "bogus", 600, -1, NULL, result_cb, f);
  g_assert_false (mml_scheduler_set_finish (f->scheduler, wait_result (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
finished_cb (MmlScheduler *scheduler,
             const char   *name,
             gboolean      ok,
             const char   *text,
             GPtrArray    *names)
{
  g_ptr_array_add (names, g_strdup (name));
}

static void
test_timer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;

  g_signal_connect (f->scheduler, "job-finished", G_CALLBACK (finished_cb), names);
  mml_scheduler_start (f->scheduler);
  /* the four enabled jobs are due: the scheduler runs them one by one */
  while (names->len < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "scan", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (names, "sync", g_str_equal, NULL));
  mml_scheduler_stop (f->scheduler);
  g_signal_handlers_disconnect_by_data (f->scheduler, names);
  rows = list (f);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((MmlJobRow *) g_ptr_array_index (rows, i))->running_since, ==, 0);
}

/* A refresh with nothing matched refreshed nothing: Settings must not
 * say "Last refreshed: Today" before anything was ever matched */
static void
test_refresh_of_nothing (Fixture       *f,
                         gconstpointer  data)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (f->engine);
  g_autoptr(MmlMetaRunSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mml_metadata_controller_get_last_refresh (metadata), ==, 0);
  g_clear_object (&f->result);
  mml_metadata_controller_refresh_async (metadata, FALSE, 0, NULL, result_cb, f);
  summary = mml_metadata_controller_run_finish (metadata, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->total, ==, 0);
  g_assert_cmpint (mml_metadata_controller_get_last_refresh (metadata), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* no keyring in tests: the lookups fail fast */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  /* the desktop's proxy settings are GSettings, which isolated dirs hide */
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);

  g_test_add ("/engine/scheduler/due-and-catch-up", Fixture, NULL, fixture_set_up, test_due_and_catch_up, fixture_tear_down);
  g_test_add ("/engine/scheduler/backoff", Fixture, NULL, fixture_set_up, test_backoff, fixture_tear_down);
  g_test_add ("/engine/scheduler/changes", Fixture, NULL, fixture_set_up, test_changes_and_unknown, fixture_tear_down);
  g_test_add ("/engine/metadata/refresh-of-nothing", Fixture, NULL, fixture_set_up, test_refresh_of_nothing, fixture_tear_down);
  g_test_add ("/engine/scheduler/timer", Fixture, NULL, fixture_set_up, test_timer, fixture_tear_down);
  return g_test_run ();
}
