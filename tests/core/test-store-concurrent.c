/* test-store-concurrent.c — two writers on one library: scans at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-scan-apply.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-store.h"
#include "mml-util.h"
#include "mml-test-util.h"

/*
 * Two processes scanning the same library each diff the disk against rows
 * they read before writing; the second one to write used to fail with
 * "UNIQUE constraint failed: files.root_id, files.path".  In one process the
 * scanner runs one scan at a time, so these tests drive the store's write
 * side (what each scan's writer thread runs) through two MmlStores on one
 * file, each with its own writer thread and connection, as two processes
 * would.
 */

typedef struct
{
  char *dir;
  char *tree;
  char *db_path;
  char *reference;   /* the library as one scan alone writes it */
} Fixture;

static const char * const tree_files[] = {
  /* a series with a sidecar subtitle */
  "Shadow Harbor (2010)/Season 02/Shadow.Harbor.S02E01.720p.HDTV.x264-LOL.mkv",
  "Shadow Harbor (2010)/Season 02/Shadow.Harbor.S02E01.720p.HDTV.x264-LOL.heb.srt",
  "Shadow Harbor (2010)/Season 02/Shadow.Harbor.S02E02E03.720p.HDTV.x264-LOL.mkv",
  /* videos only: split across two write transactions below */
  "Red Line/Season 1/Red.Line.S01E01.mkv",
  "Red Line/Season 1/Red.Line.S01E02.mkv",
  "Red Line/Season 1/Red.Line.S01E03.mkv",
  "Red Line/Season 1/Red.Line.S01E04.mkv",
  "Iron Garden [tvdbid-12345]/[SubsPlease] Iron Garden - 133 [1080p].mkv",
  "Iron Garden [tvdbid-12345]/[SubsPlease] Iron Garden - 134 [1080p].mkv",
  "Iron Garden [tvdbid-12345]/[SubsPlease] Iron Garden - 135 [1080p].mkv",
  "Night Office/Night.Office.2024.03.05.Guest.720p.WEB-x264-GRP.mkv",
  "Night Office/Night.Office.2024.03.06.Guest.720p.WEB-x264-GRP.mkv",
  "Night Office/random clip.mkv",
  /* loose files */
  "Loose.Show.S01E04.1080p.WEB-DL.mkv",
  "Loose.Show.S01E05.1080p.WEB-DL.mkv",
};

static void
touch (const char *tree,
       const char *rel)
{
  g_autofree char *path = g_build_filename (tree, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, rel, -1, NULL));
}

static MmlStore *
open_store (const char *path)
{
  g_autoptr(MmlStore) store = mml_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static gint64
add_root (MmlStore   *store,
          const char *tree)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

  mml_store_add_root_async (store, tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
  root = mml_store_add_root_finish (store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return mml_root_get_id (root);
}

/* Every file with what the library says of it, one line each; and the
 * totals of the tables a scan writes. */
static char *
dump_library (const char *path)
{
  static const char sql[] =
    "SELECT f.path || ' ' || f.kind || ' ' || f.status || ' series=' || ifnull (s.title, '-') ||"
    "       ' folder=' || ifnull (s.folder, '-') || ' season=' || ifnull (f.season, '-') ||"
    "       ' episodes=' || ifnull (f.episodes, '-') || ' absolute=' || ifnull (f.absolute, '-') ||"
    "       ' air=' || ifnull (f.air_date, '-') || ' parsed=' || f.parsed ||"
    "       ' subs=' || (SELECT count(*) FROM subtitles WHERE video_id = f.id OR file_id = f.id) ||"
    "       ' links=' || ifnull ((SELECT group_concat (ifnull (e.season, '') || 'x' || ifnull (e.number, '') ||"
    "                                                  'a' || ifnull (e.absolute, '') || 'd' || ifnull (e.air_date, ''), ',')"
    "                             FROM episode_files ef JOIN episodes e ON e.id = ef.episode_id"
    "                             WHERE ef.file_id = f.id), '') ||"
    "       ' conflicts=' || (SELECT count(*) FROM conflicts c WHERE c.file_id = f.id)"
    "  FROM files f LEFT JOIN series s ON s.id = f.series_id ORDER BY f.path";
  static const char totals[] =
    "SELECT 'files=' || (SELECT count(*) FROM files) || ' series=' || (SELECT count(*) FROM series) ||"
    "       ' episodes=' || (SELECT count(*) FROM episodes) ||"
    "       ' episode_files=' || (SELECT count(*) FROM episode_files) ||"
    "       ' subtitles=' || (SELECT count(*) FROM subtitles) ||"
    "       ' conflicts=' || (SELECT count(*) FROM conflicts)";
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < 2; q++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, q == 0 ? sql : totals, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference_db = NULL;

  fixture->dir = mml_test_make_tmpdir ("mml-test-store-concurrent-XXXXXX");
  fixture->tree = g_build_filename (fixture->dir, "TV", NULL);
  fixture->db_path = g_build_filename (fixture->dir, "library.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    touch (fixture->tree, tree_files[i]);

  /* The reference: one scan, alone, through the scanner. */
  reference_db = g_build_filename (fixture->dir, "reference.db", NULL);
  store = open_store (reference_db);
  add_root (store, fixture->tree);
  mml_scan_async (store, mml_scan_request_new (MML_SCAN_FULL), NULL, mml_sync_wait_cb, wait);
  summary = mml_scan_finish (store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->added, ==, G_N_ELEMENTS (tree_files));
  mml_store_close (store);
  fixture->reference = dump_library (reference_db);
  g_test_message ("reference:\n%s", fixture->reference);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  mml_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->tree);
  g_free (fixture->db_path);
  g_free (fixture->reference);
}

/* --- one scan's write side, step by step, on a store of its own --- */

typedef struct
{
  MmlStore       *store;
  MmlScanRoot    *root;
  MmlScanSummary *summary;
  MmlScanApply   *apply;
  GPtrArray      *units;   /* MmlScanRoot chunks, in the order applied */
} Scan;

static void
collect_chunk (MmlScanRoot *chunk,
               gpointer     user_data)
{
  GAsyncQueue *queue = user_data;

  g_async_queue_push (queue, chunk);
}

static int
compare_chunks (gconstpointer a,
                gconstpointer b)
{
  const MmlScanRoot *x = *(MmlScanRoot * const *) a;
  const MmlScanRoot *y = *(MmlScanRoot * const *) b;
  const char *px = x->entries->len ? g_array_index (x->entries, MmlScanEntry, 0).path : "";
  const char *py = y->entries->len ? g_array_index (y->entries, MmlScanEntry, 0).path : "";

  return strcmp (px, py);
}

/* @chunk's entries [from, to), when they are all videos. */
static MmlScanRoot *
chunk_slice (MmlScanRoot *chunk,
             guint        from,
             guint        to)
{
  MmlScanRoot *part = _mml_scan_root_new (chunk->root_id, chunk->root_path, chunk->kind);

  for (guint i = from; i < to; i++)
    {
      MmlScanEntry e = g_array_index (chunk->entries, MmlScanEntry, i);

      g_assert_cmpint (e.kind, ==, MML_FILE_VIDEO);
      e.path = g_string_chunk_insert (part->strings, e.path);
      g_array_append_val (part->entries, e);
    }
  if (from == 0)
    part->ignored = chunk->ignored;

  return part;
}

/* Walks the tree and reads the rows the library has, as a scan does before
 * its first write; a folder holding only videos is cut in two, so that its
 * series is written by two transactions. */
static Scan *
scan_new (const char *db_path,
          const char *tree,
          gint64      root_id)
{
  Scan *scan = g_new0 (Scan, 1);
  g_autoptr(GAsyncQueue) queue = g_async_queue_new ();
  g_autoptr(GPtrArray) chunks = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = NULL;
  GHashTable *rows;
  MmlScanRoot *chunk;

  scan->store = open_store (db_path);
  scan->root = _mml_scan_root_new (root_id, tree, MML_ROOT_KIND_STANDARD);
  scan->summary = mml_scan_summary_new ();

  g_assert_true (_mml_scan_walk (scan->root, 2, NULL, NULL, collect_chunk, queue, NULL, &error));
  g_assert_no_error (error);
  while ((chunk = g_async_queue_try_pop (queue)))
    g_ptr_array_add (chunks, chunk);
  g_ptr_array_sort (chunks, compare_chunks);

  scan->units = g_ptr_array_new_with_free_func ((GDestroyNotify) _mml_scan_root_free);
  for (guint i = 0; i < chunks->len; i++)
    {
      gboolean videos_only = TRUE;

      chunk = g_ptr_array_index (chunks, i);
      for (guint k = 0; k < chunk->entries->len; k++)
        videos_only &= g_array_index (chunk->entries, MmlScanEntry, k).kind == MML_FILE_VIDEO;

      if (videos_only && chunk->entries->len >= 2)
        {
          guint half = chunk->entries->len / 2;

          g_ptr_array_add (scan->units, chunk_slice (chunk, 0, half));
          g_ptr_array_add (scan->units, chunk_slice (chunk, half, chunk->entries->len));
          _mml_scan_root_free (chunk);
        }
      else
        g_ptr_array_add (scan->units, chunk);
    }

  reader = mml_store_open_reader (scan->store, &error);
  g_assert_no_error (error);
  rows = _mml_scan_load_rows (reader, scan->root, &error);
  g_assert_no_error (error);
  scan->apply = _mml_scan_apply_new (scan->root, rows, MML_SCAN_FULL, FALSE, scan->summary);

  return scan;
}

static void
scan_free (Scan *scan)
{
  _mml_scan_apply_free (scan->apply);
  mml_scan_summary_free (scan->summary);
  _mml_scan_root_free (scan->root);
  g_ptr_array_unref (scan->units);
  mml_store_close (scan->store);
  g_object_unref (scan->store);
  g_free (scan);
}

typedef struct
{
  Scan        *scan;
  MmlScanRoot *unit;   /* NULL: the final step */
} Step;

static void
step_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  Step *step = task_data;
  GError *error = NULL;
  gboolean ok;

  if (step->unit != NULL)
    {
      GPtrArray *chunks = g_ptr_array_new ();

      g_ptr_array_add (chunks, g_steal_pointer (&step->unit));
      ok = _mml_scan_apply_chunks (step->scan->apply, db, chunks, cancellable, &error);
    }
  else
    {
      ok = _mml_scan_apply_finish (step->scan->apply, db, cancellable, &error);
      _mml_scan_resume_checkpoints (db);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Applies unit @i of @scan (or its final step, for i == units->len) in one
 * job on the scan's store; the job's own transaction, as in a scan. */
static gboolean
scan_step (Scan     *scan,
           guint     i,
           GError  **error)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  Step *step = g_new0 (Step, 1);

  step->scan = scan;
  if (i < scan->units->len)
    step->unit = g_steal_pointer (&scan->units->pdata[i]);
  mml_store_run_async (scan->store, step_job, step, g_free, scan_step,
                       NULL, mml_sync_wait_cb, wait);
  return g_task_propagate_boolean (G_TASK (mml_sync_wait_run (wait)), error);
}

static void
assert_library_right (Fixture *fixture)
{
  g_autofree char *dump = dump_library (fixture->db_path);

  g_assert_cmpstr (dump, ==, fixture->reference);
}

/* Both scans read the (empty) library, then write in turns, each
 * transaction of one followed by the same of the other: the second writer
 * finds every file, series and episode it is about to add already there. */
static void
test_concurrent_interleaved (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MmlStore) owner = open_store (fixture->db_path);
  gint64 root_id = add_root (owner, fixture->tree);
  Scan *a = scan_new (fixture->db_path, fixture->tree, root_id);
  Scan *b = scan_new (fixture->db_path, fixture->tree, root_id);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (a->units->len, ==, b->units->len);
  g_assert_cmpuint (a->units->len, >=, 6);

  for (guint i = 0; i <= a->units->len; i++)
    {
      g_assert_true (scan_step (a, i, &error));
      g_assert_no_error (error);
      g_assert_true (scan_step (b, i, &error));
      g_assert_no_error (error);
    }

  scan_free (a);
  scan_free (b);
  assert_library_right (fixture);
}

/* The second scan read the library before the first wrote anything, and
 * writes only once the first is done. */
static void
test_concurrent_one_after_other (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(MmlStore) owner = open_store (fixture->db_path);
  gint64 root_id = add_root (owner, fixture->tree);
  Scan *a = scan_new (fixture->db_path, fixture->tree, root_id);
  Scan *b = scan_new (fixture->db_path, fixture->tree, root_id);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i <= a->units->len; i++)
    {
      g_assert_true (scan_step (a, i, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i <= b->units->len; i++)
    {
      g_assert_true (scan_step (b, i, &error));
      g_assert_no_error (error);
    }

  scan_free (a);
  scan_free (b);
  assert_library_right (fixture);
}

typedef struct
{
  Scan    *scan;
  GError  *error;
} Runner;

static gpointer
run_scan_thread (gpointer data)
{
  Runner *runner = data;

  for (guint i = 0; i <= runner->scan->units->len && runner->error == NULL; i++)
    scan_step (runner->scan, i, &runner->error);

  return NULL;
}

/* Two threads, each scanning through its own store, at the same time and
 * as fast as they can: whichever way their transactions fall, both
 * succeed and the library is the one a single scan makes. */
static void
test_concurrent_threads (Fixture       *fixture,
                         gconstpointer  data)
{
  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(MmlStore) owner = NULL;
      Runner runners[2] = { { 0 } };
      GThread *threads[2];
      gint64 root_id;

      g_unlink (fixture->db_path);
      owner = open_store (fixture->db_path);
      root_id = add_root (owner, fixture->tree);
      for (guint w = 0; w < 2; w++)
        runners[w].scan = scan_new (fixture->db_path, fixture->tree, root_id);
      for (guint w = 0; w < 2; w++)
        threads[w] = g_thread_new ("scan", run_scan_thread, &runners[w]);
      for (guint w = 0; w < 2; w++)
        {
          g_thread_join (threads[w]);
          g_assert_no_error (runners[w].error);
          scan_free (runners[w].scan);
        }
      mml_store_close (owner);

      assert_library_right (fixture);
    }
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  mml_store_open_finish (MML_STORE (source), result, &error);
  g_assert_no_error (error);
  (*done)++;
}

/* Several stores creating the same new library at once (as two commands
 * started together would): each waits for the one migrating, none fails. */
static void
test_concurrent_open (Fixture       *fixture,
                      gconstpointer  data)
{
  MmlStore *stores[4];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint done = 0;

  g_main_context_acquire (g_main_context_default ());
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    stores[i] = mml_store_new (fixture->db_path);
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    mml_store_open_async (stores[i], NULL, open_done_cb, &done);
  while (done < G_N_ELEMENTS (stores))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      mml_store_close (stores[i]);
      g_object_unref (stores[i]);
    }
  g_main_context_release (g_main_context_default ());

  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                           "       (SELECT application_id FROM pragma_application_id)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, mml_store_schema_version ());
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, MML_STORE_APPLICATION_ID);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/store/concurrent/interleaved", Fixture, NULL,
              fixture_setup, test_concurrent_interleaved, fixture_teardown);
  g_test_add ("/core/store/concurrent/one-after-other", Fixture, NULL,
              fixture_setup, test_concurrent_one_after_other, fixture_teardown);
  g_test_add ("/core/store/concurrent/threads", Fixture, NULL,
              fixture_setup, test_concurrent_threads, fixture_teardown);
  g_test_add ("/core/store/concurrent/open", Fixture, NULL,
              fixture_setup, test_concurrent_open, fixture_teardown);

  return g_test_run ();
}
