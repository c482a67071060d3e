/* test-watcher.c — live folder watching: creates, renames, deletes, polling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "mml-store-roots.h"
#include "mml-util.h"
#include "mml-watcher.h"
#include "mml-test-util.h"

typedef struct
{
  char       *dir;
  char       *tree;
  MmlStore   *store;
  MmlWatcher *watcher;
  GPtrArray  *events;   /* "kind path [old]" strings */
  guint       mode_changes;
} WatchFixture;

static void
changed_cb (MmlWatcher *watcher,
            GPtrArray  *events,
            gpointer    user_data)
{
  WatchFixture *f = user_data;

  for (guint i = 0; i < events->len; i++)
    {
      MmlScanEvent *e = g_ptr_array_index (events, i);

      g_ptr_array_add (f->events,
                       g_strdup_printf ("%s %s%s%s", mml_scan_event_kind_to_string (e->kind), e->path,
                                        e->old_path ? " <- " : "", e->old_path ? e->old_path : ""));
    }
}

static void
mode_changed_cb (MmlWatcher *watcher,
                 gint64      root_id,
                 gpointer    user_data)
{
  WatchFixture *f = user_data;

  f->mode_changes++;
}

static void
touch (const char *tree,
       const char *rel)
{
  g_autofree char *path = g_build_filename (tree, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, rel, -1, NULL));
}

static void
wait_idle (WatchFixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* Let events reach the monitors first. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (20000);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  while (!mml_watcher_is_idle (f->watcher))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Waits until an event line equal to @expected arrives; returns seconds taken. */
static double
wait_event (WatchFixture *f,
            const char   *expected)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      for (guint i = 0; i < f->events->len; i++)
        if (g_str_equal (g_ptr_array_index (f->events, i), expected))
          {
            g_ptr_array_remove_index (f->events, i);
            return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
          }

      if (g_get_monotonic_time () > deadline)
        {
          for (guint i = 0; i < f->events->len; i++)
            g_printerr ("got: %s\n", (char *) g_ptr_array_index (f->events, i));
          g_error ("no event “%s”", expected);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
watch_setup (WatchFixture  *f,
             gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlRoot) root = NULL;

  f->dir = mml_test_make_tmpdir ("mml-test-watcher-XXXXXX");
  f->tree = g_build_filename (f->dir, "TV", NULL);
  g_mkdir (f->tree, 0755);
  touch (f->tree, "Old Show/Old.Show.S01E01.mkv");
  db = g_build_filename (f->dir, "library.db", NULL);
  f->store = mml_store_new (db);
  g_assert_true (mml_store_open (f->store, &error));

  mml_store_add_root_async (f->store, f->tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
  root = mml_store_add_root_finish (f->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);

  f->events = g_ptr_array_new_with_free_func (g_free);
  f->watcher = mml_watcher_new (f->store);
  mml_watcher_set_settle_time (f->watcher, 100);
  g_signal_connect (f->watcher, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->watcher, "root-mode-changed", G_CALLBACK (mode_changed_cb), f);
}

static void
watch_teardown (WatchFixture  *f,
                gconstpointer  data)
{
  mml_watcher_stop (f->watcher);
  g_clear_object (&f->watcher);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  mml_store_close (f->store);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->events);
  mml_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->tree);
}

static void
test_watch_live (WatchFixture  *f,
                 gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->tree, "Old Show/Old.Show.S01E01.mkv", NULL);
  g_autofree char *b = g_build_filename (f->tree, "Old Show/Old.Show.S01E01.1080p.mkv", NULL);
  g_autofree char *c = g_build_filename (f->tree, "Old Show/Season 1/Old.Show.S01E01.1080p.mkv", NULL);
  g_autofree char *c_dir = g_path_get_dirname (c);
  g_autofree char *e2 = g_build_filename (f->tree, "Old Show/Old.Show.S01E02.mkv", NULL);
  const char *reason = NULL;
  double latency;
  FILE *fp;

  mml_watcher_start (f->watcher);
  /* What was on disk before watching started is caught up. */
  wait_event (f, "created Old Show/Old.Show.S01E01.mkv");
  wait_idle (f);

  g_assert_cmpint (mml_watcher_get_root_mode (f->watcher, 1, &reason), ==, MML_WATCH_LIVE);

  /* A new episode written and closed. */
  fp = fopen (e2, "w");
  g_assert_nonnull (fp);
  fputs ("some video bytes", fp);
  fclose (fp);
  latency = wait_event (f, "created Old Show/Old.Show.S01E02.mkv");
  g_test_message ("new file in the store after %.3f s", latency);
  g_assert_cmpfloat (latency, <, 10.0);   /* generous: the 2 s figure is measured by bench/ */

  /* Atomic save (temporary name, then rename), as downloaders do. */
  touch (f->tree, "Old Show/Old.Show.S01E03.mkv");
  wait_event (f, "created Old Show/Old.Show.S01E03.mkv");

  /* Rename in place, then a move into a new folder. */
  g_assert_cmpint (g_rename (a, b), ==, 0);
  wait_event (f, "renamed Old Show/Old.Show.S01E01.1080p.mkv <- Old Show/Old.Show.S01E01.mkv");
  wait_idle (f);
  g_mkdir (c_dir, 0755);
  wait_idle (f);
  g_assert_cmpint (g_rename (b, c), ==, 0);
  wait_event (f, "renamed Old Show/Season 1/Old.Show.S01E01.1080p.mkv <- Old Show/Old.Show.S01E01.1080p.mkv");

  /* A whole new series folder, files inside. */
  touch (f->tree, "New Show (2024)/Season 1/New.Show.S01E01.mkv");
  wait_event (f, "created New Show (2024)/Season 1/New.Show.S01E01.mkv");
  wait_idle (f);
  /* …and the new folder itself is watched now. */
  touch (f->tree, "New Show (2024)/Season 1/New.Show.S01E02.mkv");
  wait_event (f, "created New Show (2024)/Season 1/New.Show.S01E02.mkv");

  /* Deletion. */
  g_assert_cmpint (g_unlink (c), ==, 0);
  wait_event (f, "deleted Old Show/Season 1/Old.Show.S01E01.1080p.mkv");
  /* A loose file at the root. */
  touch (f->tree, "Loose.Show.S02E05.mkv");
  wait_event (f, "created Loose.Show.S02E05.mkv");
  wait_idle (f);
  g_assert_cmpuint (f->events->len, ==, 0);
}

static void
test_watch_unplugged (WatchFixture  *f,
                      gconstpointer  data)
{
  g_autofree char *away = g_build_filename (f->dir, "TV-away", NULL);
  const char *reason = NULL;

  mml_watcher_start (f->watcher);
  wait_event (f, "created Old Show/Old.Show.S01E01.mkv");
  wait_idle (f);

  g_assert_cmpint (g_rename (f->tree, away), ==, 0);
  wait_event (f, "unavailable Old Show/Old.Show.S01E01.mkv");
  g_assert_cmpint (mml_watcher_get_root_mode (f->watcher, 1, &reason), ==, MML_WATCH_UNAVAILABLE);
  g_assert_nonnull (reason);
}

static void
test_watch_polling (WatchFixture  *f,
                    gconstpointer  data)
{
  const char *reason = NULL;

  /* A root on NFS gets no inotify events: it is polled. */
  mml_watcher_set_fs_type_override (f->watcher, "nfs4");
  mml_watcher_set_poll_interval (f->watcher, 1);
  mml_watcher_start (f->watcher);
  wait_event (f, "created Old Show/Old.Show.S01E01.mkv");
  g_assert_cmpint (mml_watcher_get_root_mode (f->watcher, 1, &reason), ==, MML_WATCH_POLLING);
  g_assert_nonnull (strstr (reason, "nfs4"));
  g_assert_cmpuint (f->mode_changes, >=, 1);

  touch (f->tree, "Old Show/Old.Show.S01E07.mkv");
  wait_event (f, "created Old Show/Old.Show.S01E07.mkv");
}

/* A root added while watching is scanned by whoever added it (the library
 * controller queues its own scan): the reload only starts watching it, so
 * the two scans cannot race over the folder's "last scan".  A later start
 * catches up on every root again. */
static void
test_watch_new_root (WatchFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlRoot) added = NULL;
  g_autofree char *second = g_build_filename (f->dir, "More TV", NULL);
  const char *reason = NULL;

  mml_watcher_start (f->watcher);
  wait_event (f, "created Old Show/Old.Show.S01E01.mkv");
  wait_idle (f);

  g_mkdir (second, 0755);
  touch (second, "Other Show/Other.Show.S01E01.mkv");
  {
    /* (a context of its own while it waits: scoped, so the watcher's
     * callbacks keep coming to the default one) */
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_add_root_async (f->store, second, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
    added = mml_store_add_root_finish (f->store, mml_sync_wait_run (wait), &error);
  }
  g_assert_no_error (error);

  mml_watcher_reload (f->watcher);
  wait_idle (f);
  g_assert_cmpint (mml_watcher_get_root_mode (f->watcher, mml_root_get_id (added), &reason), ==, MML_WATCH_LIVE);
  g_assert_cmpuint (f->events->len, ==, 0);   /* neither root rescanned into events */

  /* watched now: a file written into it arrives */
  touch (second, "Third Show/Third.Show.S01E01.mkv");
  wait_event (f, "created Third Show/Third.Show.S01E01.mkv");
  wait_idle (f);
  g_assert_cmpuint (f->events->len, ==, 0);

  /* a fresh start catches up on what the adder never scanned */
  mml_watcher_stop (f->watcher);
  mml_watcher_start (f->watcher);
  wait_event (f, "created Other Show/Other.Show.S01E01.mkv");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/watcher/live", WatchFixture, NULL, watch_setup, test_watch_live, watch_teardown);
  g_test_add ("/core/watcher/unplugged", WatchFixture, NULL, watch_setup, test_watch_unplugged, watch_teardown);
  g_test_add ("/core/watcher/new-root", WatchFixture, NULL, watch_setup, test_watch_new_root, watch_teardown);
  g_test_add ("/core/watcher/polling", WatchFixture, NULL, watch_setup, test_watch_polling, watch_teardown);

  return g_test_run ();
}
