/* test-transfer.c — the transfer queue through its controller: pause and
 * resume, stop, the free-space refusal and a retry, chosen files, clearing
 * the finished, and the speed and ETA on an injected clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mml-engine.h"
#include "mml-file-ops.h"
#include "mml-library-controller.h"
#include "mml-transfer-controller.h"
#include "mml-transfer-rate.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define SERIES "Iron Road (2011)"
#define EP1 SERIES "/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.mkv"
#define SUB1 SERIES "/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.heb.srt"
#define EP2 SERIES "/Season 01/Iron.Road.S01E02.720p.HDTV.x264-GRP.mkv"
#define EP3 SERIES "/Season 02/Iron.Road.S02E01.720p.HDTV.x264-GRP.mkv"

/* ---- the speed and the ETA ---- */

static void
test_rate (void)
{
  g_autoptr(MmlClock) clock = mml_clock_new ();
  g_autoptr(MmlTransferRate) rate = NULL;
  gint64 t = 1000 * G_USEC_PER_SEC;

  mml_clock_set_monotonic (clock, t);
  rate = mml_transfer_rate_new (clock, 5 * G_USEC_PER_SEC);

  /* nothing known before a quarter of a second of copying */
  g_assert_cmpuint (mml_transfer_rate_get_speed (rate), ==, 0);
  g_assert_cmpint (mml_transfer_rate_get_eta (rate, 100), ==, -1);
  g_assert_cmpint (mml_transfer_rate_get_eta (rate, 0), ==, 0);
  mml_transfer_rate_add (rate, 0);
  mml_clock_set_monotonic (clock, t + G_USEC_PER_SEC / 10);
  mml_transfer_rate_add (rate, 1000);
  g_assert_cmpuint (mml_transfer_rate_get_speed (rate), ==, 0);

  /* 10 MB a second for 4 s */
  for (int i = 1; i <= 4; i++)
    {
      mml_clock_set_monotonic (clock, t + i * G_USEC_PER_SEC);
      mml_transfer_rate_add (rate, (guint64) i * 10000000);
    }
  g_assert_cmpuint (mml_transfer_rate_get_speed (rate), ==, 10000000);
  g_assert_cmpint (mml_transfer_rate_get_eta (rate, 25000000), ==, 3);   /* 2.5 s, rounded up */
  g_assert_cmpint (mml_transfer_rate_get_eta (rate, 20000000), ==, 2);

  /* then 1 MB a second: the window (5 s) forgets the fast seconds */
  for (int i = 5; i <= 14; i++)
    {
      mml_clock_set_monotonic (clock, t + i * G_USEC_PER_SEC);
      mml_transfer_rate_add (rate, 40000000 + (guint64) (i - 4) * 1000000);
    }
  g_assert_cmpuint (mml_transfer_rate_get_speed (rate), ==, 1000000);
  g_assert_cmpint (mml_transfer_rate_get_eta (rate, 60000000), ==, 60);

  /* after a pause it starts again */
  mml_transfer_rate_reset (rate);
  g_assert_cmpuint (mml_transfer_rate_get_speed (rate), ==, 0);
  g_assert_cmpint (mml_transfer_rate_get_eta (rate, 1), ==, -1);
  mml_clock_set_monotonic (clock, t + 100 * G_USEC_PER_SEC);
  mml_transfer_rate_add (rate, 50000000);
  mml_clock_set_monotonic (clock, t + 102 * G_USEC_PER_SEC);
  mml_transfer_rate_add (rate, 54000000);
  g_assert_cmpuint (mml_transfer_rate_get_speed (rate), ==, 2000000);
}

/* ---- a copy told how it goes: a stop leaves nothing, a wait is hidden ---- */

typedef struct
{
  char    *partial;
  char    *target;
  guint    calls;
  gboolean stop;
  gboolean partial_seen;
} CopyWatch;

static gboolean
watch_copy (guint64  copied,
            guint64  size,
            gpointer data)
{
  CopyWatch *w = data;

  g_assert_cmpuint (copied, <=, size);
  w->calls++;
  if (w->calls == 1)
    {
      /* where a paused copy waits: a hidden partial, never the target */
      w->partial_seen = g_file_test (w->partial, G_FILE_TEST_EXISTS);
      g_assert_false (g_file_test (w->target, G_FILE_TEST_EXISTS));
    }
  return !w->stop;
}

static void
test_copy_progress (void)
{
  g_autofree char *dir = mml_test_make_tmpdir ("mml-test-transfer-XXXXXX");
  g_autofree char *src = g_build_filename (dir, "big.mkv", NULL);
  g_autofree char *dst = g_build_filename (dir, "copy.mkv", NULL);
  gsize size = 3 * 1024 * 1024 + 17;
  g_autofree char *bytes = g_malloc (size);
  g_autoptr(GError) error = NULL;
  CopyWatch w = { 0 };

  for (gsize i = 0; i < size; i++)
    bytes[i] = (char) (i * 7 + i / 1024);
  g_assert_true (g_file_set_contents (src, bytes, size, NULL));
  w.partial = mml_file_temp_name (dst, "copy");
  w.target = dst;

  /* stopped at the first chunk: no partial, no target */
  w.stop = TRUE;
  g_assert_false (mml_file_copy_verified_full (src, dst, watch_copy, &w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (w.partial_seen);
  g_assert_cmpuint (w.calls, ==, 1);
  g_assert_false (g_file_test (w.partial, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dst, G_FILE_TEST_EXISTS));

  /* let through: whole, verified, a call a chunk */
  w.stop = FALSE;
  w.calls = 0;
  g_assert_true (mml_file_copy_verified_full (src, dst, watch_copy, &w, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (w.calls, ==, 4);
  g_assert_true (mml_file_same_contents (src, dst));
  g_assert_false (g_file_test (w.partial, G_FILE_TEST_EXISTS));

  g_free (w.partial);
  mml_test_remove_tree (dir);
}

/* ---- the queue through an engine ---- */

typedef struct
{
  char                  *dir;
  char                  *tree;
  char                  *out;
  MmlEngine             *engine;
  MmlTransferController *transfer;
  GAsyncResult          *result;
  gint64                 series_id;
  guint                  progress_changed;
} Fixture;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
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
write_random (const char *path,
              gsize       size,
              guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint32 *bytes = g_new (guint32, size / 4 + 1);
  g_autofree char *parent = g_path_get_dirname (path);

  for (gsize i = 0; i < size / 4 + 1; i++)
    bytes[i] = g_rand_int (rand);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, size, NULL));
}

static void
progress_changed_cb (MmlTransferController *transfer,
                     gpointer               user_data)
{
  Fixture *f = user_data;

  f->progress_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MmlLibraryController *library;
  GListModel *series;

  f->dir = mml_test_make_tmpdir ("mml-test-transfer-XXXXXX");
  f->tree = g_build_filename (f->dir, "TV", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->out, 0755), ==, 0);
  path = g_build_filename (f->tree, EP1, NULL);
  write_random (path, 3 * 1024 * 1024 + 5, 1);
  g_free (path);
  path = g_build_filename (f->tree, SUB1, NULL);
  write_random (path, 2000, 2);
  g_free (path);
  path = g_build_filename (f->tree, EP2, NULL);
  write_random (path, 2 * 1024 * 1024, 3);
  g_free (path);
  path = g_build_filename (f->tree, EP3, NULL);
  write_random (path, 1024 * 1024 + 1, 4);

  db = g_build_filename (f->dir, "library.db", NULL);
  f->engine = mml_engine_new (db);
  mml_engine_set_watch (f->engine, FALSE);
  mml_engine_set_automatic (f->engine, FALSE);
  mml_engine_set_wait_for_network (f->engine, FALSE);
  library = mml_engine_get_library (f->engine);
  mml_library_controller_set_scan_new_roots (library, FALSE);
  g_assert_true (mml_engine_open_sync (f->engine, &error));
  g_assert_no_error (error);
  f->transfer = mml_engine_get_transfer (f->engine);
  g_signal_connect (f->transfer, "progress-changed", G_CALLBACK (progress_changed_cb), f);

  mml_library_controller_add_root_async (library, f->tree, MML_ROOT_KIND_STANDARD, NULL, result_cb, f);
  root = mml_library_controller_add_root_finish (library, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  mml_library_controller_scan_async (library, MML_SCAN_QUICK, 0, NULL, result_cb, f);
  summary = mml_library_controller_scan_finish (library, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);

  series = mml_library_controller_get_series (library);
  while (g_list_model_get_n_items (series) != 1)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, 0);

    f->series_id = mml_series_item_get_id (item);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_signal_handlers_disconnect_by_func (f->transfer, progress_changed_cb, f);
  mml_engine_shutdown (f->engine);
  g_clear_object (&f->engine);
  mml_test_remove_tree (f->dir);
  g_free (f->out);
  g_free (f->tree);
  g_free (f->dir);
}

static GPtrArray *
add_series (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  g_clear_object (&f->result);
  mml_transfer_controller_add_async (f->transfer, f->series_id, 0, f->out, FALSE, NULL, result_cb, f);
  items = mml_transfer_controller_add_finish (f->transfer, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  return items;
}

static GPtrArray *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  g_clear_object (&f->result);
  mml_transfer_controller_list_async (f->transfer, NULL, result_cb, f);
  items = mml_transfer_controller_list_finish (f->transfer, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  return items;
}

/* every hidden partial file left under @dir */
static guint
count_partials (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".partial"))
        n++;
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_partials (path);
    }
  return n;
}

static void
assert_copied (Fixture    *f,
               const char *rel)
{
  g_autofree char *src = g_build_filename (f->tree, rel, NULL);
  g_autofree char *dst = g_build_filename (f->out, rel, NULL);

  g_assert_true (mml_file_same_contents (src, dst));
}

static gboolean
is_paused (gpointer data)
{
  return mml_transfer_controller_get_paused (data);
}

/* Paused as soon as it runs (before the first file) and while a file is
 * copied (when the copy is slow enough to be caught): nothing moves and
 * no file looks finished; resumed, everything lands verified with no
 * partial left */
static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = add_series (f);
  g_autoptr(GPtrArray) tried = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ep1 = g_build_filename (f->out, EP1, NULL);
  MmlTransferSummary sum = { 0 };
  MmlTransferProgress p;
  guint changed;

  g_assert_cmpuint (items->len, ==, 4);   /* three videos, one sidecar */
  g_assert_cmpstr (((MmlTransferItem *) g_ptr_array_index (items, 0))->series_title, ==, "Iron Road");
  g_assert_cmpstr (((MmlTransferItem *) g_ptr_array_index (items, 0))->episode, ==, "S01E01");
  g_assert_cmpstr (((MmlTransferItem *) g_ptr_array_index (items, 1))->episode, ==, "S01E01");

  g_assert_false (mml_transfer_controller_get_running (f->transfer));
  mml_transfer_controller_pause (f->transfer);   /* nothing runs: nothing to pause */
  g_assert_false (mml_transfer_controller_get_paused (f->transfer));

  mml_transfer_controller_run_async (f->transfer, NULL, result_cb, f);
  g_assert_true (mml_transfer_controller_get_running (f->transfer));
  mml_transfer_controller_pause (f->transfer);
  g_assert_true (mml_transfer_controller_get_paused (f->transfer));

  /* it settles paused: the check of room done, no file begun */
  while (f->progress_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  mml_transfer_controller_get_progress (f->transfer, &p);
  while (p.total == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      mml_transfer_controller_get_progress (f->transfer, &p);
    }
  g_assert_cmpuint (p.total, ==, 4);
  g_assert_cmpuint (p.done, ==, 0);
  g_assert_cmpuint (p.speed, ==, 0);
  g_assert_cmpint (p.eta, ==, -1);
  g_assert_null (f->result);
  g_assert_false (g_file_test (ep1, G_FILE_TEST_EXISTS));
  /* a second run waits its turn */
  {
    GAsyncResult *first = g_steal_pointer (&f->result);

    g_assert_null (first);
    mml_transfer_controller_run_async (f->transfer, NULL, result_cb, f);
    g_assert_null (mml_transfer_controller_run_finish (f->transfer, wait_result (f), NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    g_clear_object (&f->result);
  }
  g_assert_false (g_file_test (ep1, G_FILE_TEST_EXISTS));

  /* resumed: it runs to the end */
  changed = f->progress_changed;
  mml_transfer_controller_resume (f->transfer);
  g_assert_false (mml_transfer_controller_get_paused (f->transfer));
  tried = mml_transfer_controller_run_finish (f->transfer, wait_result (f), &sum, &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (tried->len, ==, 4);
  g_assert_cmpuint (sum.done, ==, 4);
  g_assert_cmpuint (sum.failed, ==, 0);
  g_assert_cmpuint (f->progress_changed, >, changed);
  g_assert_false (mml_transfer_controller_get_running (f->transfer));
  assert_copied (f, EP1);
  assert_copied (f, SUB1);
  assert_copied (f, EP2);
  assert_copied (f, EP3);
  g_assert_cmpuint (count_partials (f->out), ==, 0);
  mml_transfer_controller_get_progress (f->transfer, &p);
  g_assert_cmpint (p.item_id, ==, 0);
  g_assert_cmpuint (p.total, ==, 0);

  after = list (f);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (((MmlTransferItem *) g_ptr_array_index (after, i))->state, ==, MML_TRANSFER_DONE);

  /* the same again: everything there with the same bytes is skipped */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = add_series (f);
  g_clear_pointer (&tried, g_ptr_array_unref);
  mml_transfer_controller_run_async (f->transfer, NULL, result_cb, f);
  tried = mml_transfer_controller_run_finish (f->transfer, wait_result (f), &sum, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sum.skipped, ==, 4);
}

static gboolean
not_running (gpointer data)
{
  return !mml_transfer_controller_get_running (data);
}

static void
finished_cb (MmlTransferController    *transfer,
             const MmlTransferSummary *summary,
             const GError             *error,
             gpointer                  user_data)
{
  GError **out = user_data;

  g_assert_null (*out);
  *out = error != NULL ? g_error_copy (error) : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "none");
}

/* start() paused, then stopped: nothing copied, nothing left behind,
 * everything still queued; started again it finishes */
static void
test_stop_while_paused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = add_series (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) finished = NULL;

  g_signal_connect (f->transfer, "finished", G_CALLBACK (finished_cb), &finished);
  mml_transfer_controller_start (f->transfer);
  mml_transfer_controller_pause (f->transfer);
  g_assert_true (is_paused (f->transfer));
  mml_transfer_controller_stop (f->transfer);
  while (finished == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (finished, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&finished);
  g_assert_true (not_running (f->transfer));
  g_assert_false (is_paused (f->transfer));
  g_assert_cmpuint (count_partials (f->out), ==, 0);
  after = list (f);
  g_assert_cmpuint (after->len, ==, 4);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (((MmlTransferItem *) g_ptr_array_index (after, i))->state, ==, MML_TRANSFER_QUEUED);

  mml_transfer_controller_start (f->transfer);
  while (finished == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (finished, G_IO_ERROR, G_IO_ERROR_FAILED);   /* "none": no error */
  assert_copied (f, EP1);
  assert_copied (f, EP3);
  g_assert_cmpuint (count_partials (f->out), ==, 0);
  g_signal_handlers_disconnect_by_func (f->transfer, finished_cb, &finished);
}

static gboolean
tiny_disk (const char *folder,
           guint64    *free_bytes,
           gpointer    user_data)
{
  *free_bytes = 1000;
  return TRUE;
}

/* A disk without room refuses the lot, saying what is needed and what is
 * free; with room again, a run retries the failed items */
static void
test_no_space (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = add_series (f);
  g_autoptr(GPtrArray) tried = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ep1 = g_build_filename (f->out, EP1, NULL);
  g_autofree char *needed = g_format_size (3 * 1024 * 1024 + 5 + 2000 + 2 * 1024 * 1024 + 1024 * 1024 + 1);
  g_autofree char *available = g_format_size (1000);
  MmlTransferSummary sum = { 0 };
  guint64 room = 0;

  mml_transfer_controller_set_space_func (f->transfer, tiny_disk, NULL);
  mml_transfer_controller_query_space_async (f->transfer, f->out, NULL, result_cb, f);
  g_assert_true (mml_transfer_controller_query_space_finish (f->transfer, wait_result (f), &room, &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (room, ==, 1000);

  mml_transfer_controller_run_async (f->transfer, NULL, result_cb, f);
  tried = mml_transfer_controller_run_finish (f->transfer, wait_result (f), &sum, &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (sum.failed, ==, 4);
  g_assert_cmpuint (sum.done, ==, 0);
  for (guint i = 0; i < tried->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (tried, i);

      g_assert_cmpint (item->state, ==, MML_TRANSFER_FAILED);
      g_assert_nonnull (strstr (item->error, "not enough free space"));
      g_assert_nonnull (strstr (item->error, needed));
      g_assert_nonnull (strstr (item->error, available));
    }
  g_assert_false (g_file_test (ep1, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_partials (f->out), ==, 0);

  /* the real disk again: the failed items are tried again */
  mml_transfer_controller_set_space_func (f->transfer, NULL, NULL);
  mml_transfer_controller_query_space_async (f->transfer, f->out, NULL, result_cb, f);
  g_assert_true (mml_transfer_controller_query_space_finish (f->transfer, wait_result (f), &room, &error));
  g_clear_object (&f->result);
  g_assert_cmpuint (room, >, 1000);
  g_clear_pointer (&tried, g_ptr_array_unref);
  mml_transfer_controller_run_async (f->transfer, NULL, result_cb, f);
  tried = mml_transfer_controller_run_finish (f->transfer, wait_result (f), &sum, &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (sum.done, ==, 4);
  g_assert_cmpuint (sum.failed, ==, 0);
  assert_copied (f, EP2);
}

static void
queue_changed_cb (MmlTransferController *transfer,
                  gpointer               user_data)
{
  (*(guint *) user_data)++;
}

/* Chosen files (a season) with their sidecars; clearing the finished
 * leaves what still waits */
static void
test_files_and_clear (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = add_series (f);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) tried = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *ep1 = g_build_filename (other, EP1, NULL);
  g_autofree char *ep3 = g_build_filename (other, EP3, NULL);
  MmlTransferSummary sum = { 0 };
  gint64 season1[2] = { 0, 0 };
  guint queue_changed = 0;
  gssize cleared;

  g_signal_connect (f->transfer, "queue-changed", G_CALLBACK (queue_changed_cb), &queue_changed);
  /* the two videos of season 1, as a dialog choosing a season sends them */
  for (guint i = 0, n = 0; i < all->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (all, i);

      if (item->follows == 0 && strstr (item->source, "Season 01") != NULL)
        season1[n++] = item->file_id;
    }
  g_assert_cmpint (season1[1], >, 0);
  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  mml_transfer_controller_add_files_async (f->transfer, season1, 2, other, FALSE, NULL, result_cb, f);
  items = mml_transfer_controller_add_finish (f->transfer, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (items->len, ==, 3);   /* and the sidecar */
  g_assert_cmpuint (queue_changed, ==, 1);

  /* a file in the way of one: it fails, and its sidecar with it */
  {
    g_autofree char *parent = g_path_get_dirname (ep1);

    g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
    g_assert_true (g_file_set_contents (ep1, "someone else's", -1, NULL));
  }
  mml_transfer_controller_run_async (f->transfer, NULL, result_cb, f);
  tried = mml_transfer_controller_run_finish (f->transfer, wait_result (f), &sum, &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (sum.done, ==, 5);
  g_assert_cmpuint (sum.failed, ==, 2);
  g_assert_false (g_file_test (ep3, G_FILE_TEST_EXISTS));   /* season 2 was not chosen */
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (ep1, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "someone else's");
  }

  mml_transfer_controller_clear_finished_async (f->transfer, NULL, result_cb, f);
  cleared = mml_transfer_controller_clear_finished_finish (f->transfer, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpint (cleared, ==, 5);
  left = list (f);
  g_assert_cmpuint (left->len, ==, 2);
  for (guint i = 0; i < left->len; i++)
    g_assert_cmpint (((MmlTransferItem *) g_ptr_array_index (left, i))->state, ==, MML_TRANSFER_FAILED);
  g_assert_cmpuint (queue_changed, >=, 3);
  g_signal_handlers_disconnect_by_func (f->transfer, queue_changed_cb, &queue_changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfer/rate", test_rate);
  g_test_add_func ("/transfer/copy-progress", test_copy_progress);
  g_test_add ("/transfer/pause-resume", Fixture, NULL, fixture_set_up, test_pause_resume, fixture_tear_down);
  g_test_add ("/transfer/stop-while-paused", Fixture, NULL, fixture_set_up, test_stop_while_paused,
              fixture_tear_down);
  g_test_add ("/transfer/no-space", Fixture, NULL, fixture_set_up, test_no_space, fixture_tear_down);
  g_test_add ("/transfer/files-and-clear", Fixture, NULL, fixture_set_up, test_files_and_clear,
              fixture_tear_down);
  return g_test_run ();
}
