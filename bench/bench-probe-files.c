/* bench-probe-files.c — files per second of reading embedded subtitle
 * tracks from local MKV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-probe-files [N_FILES] [PARALLEL]
 *
 * Makes one MKV with ffmpeg (a 2 s 320x240 video, five subtitle tracks
 * with languages, titles and flags), copies it N_FILES times (default
 * 2000) into a library tree in a temporary folder, and times:
 *
 *   stat       one stat() per file: the floor of anything that looks at
 *              each file (baseline)
 *   ffprobe    one `ffprobe -show_streams` process per file, on the first
 *              100 files: what shelling out would cost
 *   probe      mml_media_probe_file() per file, on one thread
 *   prober     the library's whole path: which videos need reading, PARALLEL
 *              lanes (default MML_PROBER_DEFAULT_PARALLEL) reading them, and
 *              the tracks written to the store in batches
 *   again      the prober a second time: nothing changed, nothing is read
 *
 * The files were just written, so they are in the page cache: this is the
 * CPU cost of reading a header, not the disk's. Figures are files per
 * second, with the ratio to the stat baseline, and the cores of the machine.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "mml-media-probe.h"
#include "mml-prober.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-util.h"

static const char srt[] = "1\n00:00:00,000 --> 00:00:01,000\nShalom\n";

static gboolean
make_mkv (const char *dir,
          const char *out)
{
  g_autofree char *srt_path = g_build_filename (dir, "a.srt", NULL);
  const char *argv[] = {
    "ffmpeg", "-nostdin", "-v", "error", "-y",
    "-f", "lavfi", "-i", "testsrc=size=320x240:duration=2:rate=25", "-i", srt_path,
    "-map", "0", "-map", "1", "-map", "1", "-map", "1", "-map", "1", "-map", "1",
    "-c:v", "mpeg4", "-c:s", "srt",
    "-metadata:s:s:0", "language=heb", "-metadata:s:s:0", "title=Hebrew",
    "-metadata:s:s:1", "language=eng", "-metadata:s:s:1", "title=Signs", "-disposition:s:1", "forced",
    "-metadata:s:s:2", "language=eng", "-metadata:s:s:2", "title=English SDH",
    "-disposition:s:2", "hearing_impaired",
    "-metadata:s:s:3", "language=fre", "-metadata:s:s:4", "language=ger",
    out, NULL
  };
  int status = 0;

  if (!g_file_set_contents (srt_path, srt, -1, NULL) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
report (const char *what,
        guint       files,
        double      seconds,
        double      baseline)
{
  double rate = files / MAX (seconds, 1e-9);

  printf ("%-8s %6u files  %8.3f s  %10.0f files/s", what, files, seconds, rate);
  if (baseline > 0)
    printf ("  (%.3g × stat)", rate / baseline);
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000;
  guint parallel = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : MML_PROBER_DEFAULT_PARALLEL;
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
  g_autofree char *tmp = NULL, *tree = NULL, *one = NULL, *db = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GBytes) original = NULL;
  MmlProbeSummary summary;
  double stat_rate, t;
  gint64 start;
  guint tracks = 0;

  if (n == 0)
    n = 2000;
  if (ffmpeg == NULL)
    {
      g_printerr ("bench-probe-files: ffmpeg is needed to make the files\n");
      return 77;
    }

  tmp = g_dir_make_tmp ("mml-bench-probe-XXXXXX", &error);
  g_assert_no_error (error);
  tree = g_build_filename (tmp, "TV", NULL);
  one = g_build_filename (tmp, "one.mkv", NULL);
  if (!make_mkv (tmp, one))
    {
      g_printerr ("bench-probe-files: ffmpeg could not make the file\n");
      remove_tree (tmp);
      return 1;
    }
  {
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (one, &data, &len, NULL));
    original = g_bytes_new_take (g_steal_pointer (&data), len);
  }

  /* 50 episodes a season, 10 seasons a series */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/Show %03u (2010)/Season %02u", tree, i / 500, i / 50 % 10 + 1);
      g_autofree char *name = g_strdup_printf ("Show.%03u.S%02uE%02u.mkv", i / 500, i / 50 % 10 + 1, i % 50 + 1);
      char *path = g_build_filename (folder, name, NULL);

      g_mkdir_with_parents (folder, 0755);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL),
                                          g_bytes_get_size (original), NULL));
      g_ptr_array_add (paths, path);
    }

  printf ("bench-probe-files: %u MKV files of %zu bytes, 5 subtitle tracks each, %u cores, %u lanes\n",
          n, g_bytes_get_size (original), g_get_num_processors (), parallel);

  /* baseline: stat */
  start = g_get_monotonic_time ();
  for (guint r = 0; r < 5; r++)
    for (guint i = 0; i < paths->len; i++)
      {
        GStatBuf st;

        g_stat (g_ptr_array_index (paths, i), &st);
      }
  t = (g_get_monotonic_time () - start) / 1e6 / 5;
  stat_rate = n / t;
  report ("stat", n, t, 0);

  /* ffprobe, one process a file */
  if (ffprobe != NULL)
    {
      guint m = MIN (n, 100);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < m; i++)
        {
          const char *probe_argv[] = { ffprobe, "-v", "quiet", "-show_streams",
                                       g_ptr_array_index (paths, i), NULL };

          g_spawn_sync (NULL, (char **) probe_argv, NULL,
                        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, NULL, NULL);
        }
      report ("ffprobe", m, (g_get_monotonic_time () - start) / 1e6, stat_rate);
    }

  /* mml_media_probe_file, one thread */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GPtrArray) found = NULL;

      if (mml_media_probe_file (g_ptr_array_index (paths, i), &found, NULL))
        tracks += found->len;
    }
  report ("probe", n, (g_get_monotonic_time () - start) / 1e6, stat_rate);
  if (tracks != 5 * n)
    g_printerr ("bench-probe-files: %u tracks read, expected %u\n", tracks, 5 * n);

  /* the library's path, through the store */
  db = g_build_filename (tmp, "library.db", NULL);
  store = mml_store_new (db);
  g_assert_true (mml_store_open (store, &error));
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_add_root_async (store, tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
    root = mml_store_add_root_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
    g_autoptr(MmlScanSummary) scanned = NULL;

    start = g_get_monotonic_time ();
    mml_scan_async (store, mml_scan_request_new (MML_SCAN_QUICK), NULL, mml_sync_wait_cb, wait);
    scanned = mml_scan_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
    report ("scan", scanned->videos, (g_get_monotonic_time () - start) / 1e6, stat_rate);
  }
  for (guint r = 0; r < 2; r++)
    {
      g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

      mml_prober_run_async (store, mml_root_get_id (root), NULL, parallel, NULL, NULL, NULL, NULL,
                            mml_sync_wait_cb, wait);
      g_assert_true (mml_prober_run_finish (store, mml_sync_wait_run (wait), &summary, &error));
      g_assert_no_error (error);
      if (r == 0)
        {
          report ("prober", summary.probed, summary.seconds, stat_rate);
          if (summary.probed != n || summary.tracks != 5 * n)
            g_printerr ("bench-probe-files: prober read %u files, %u tracks\n", summary.probed, summary.tracks);
        }
      else
        {
          printf ("%-8s %6u files read again in %.3f s (nothing changed)\n", "again",
                  summary.probed, summary.seconds);
        }
    }

  mml_store_close (store);
  remove_tree (tmp);
  return 0;
}
