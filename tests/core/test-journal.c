/* test-journal.c — journalled file operations: never over a file, the
 * trash, undo, and recovery after a SIGKILL at random points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mml-file-ops.h"
#include "mml-journal.h"
#include "mml-test-util.h"

typedef struct
{
  char     *dir;
  char     *db_path;
  MmlStore *store;
} Fixture;

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = mml_store_new (f->db_path);
  g_assert_true (mml_store_open (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mml_test_make_tmpdir ("mml-test-journal-XXXXXX");
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  open_store (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mml_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Everything here runs on a worker thread: the journal waits for the
 * store's writer, which the main thread must not do. */
typedef void (*WorkerFunc) (Fixture *f);

static gpointer
worker_thread (gpointer data)
{
  gpointer *args = data;

  ((WorkerFunc) args[0]) (args[1]);
  return NULL;
}

static void
run_on_worker (Fixture    *f,
               WorkerFunc  func)
{
  gpointer args[2] = { (gpointer) func, f };
  GThread *thread = g_thread_new ("journal-test", worker_thread, args);

  g_thread_join (thread);
}

static char *
trash_files_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "Trash", "files", NULL);
}

/* ---- create never replaces; replace keeps the old one in the trash ---- */

static void
create_and_replace (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = write_file (f->dir, "tv/a.heb.srt", "old subtitle");
  g_autofree char *fresh = g_build_filename (f->dir, "tv", "b.heb.srt", NULL);
  g_autoptr(GBytes) new_bytes = g_bytes_new_static ("new subtitle", 12);
  g_autofree char *contents = NULL;
  g_autofree char *trash = trash_files_dir ();
  g_autofree char *trashed = g_build_filename (trash, "a.heb.srt", NULL);
  g_autofree char *info = g_build_filename (g_get_user_data_dir (), "Trash", "info", "a.heb.srt.trashinfo", NULL);
  g_autoptr(GDir) dir = NULL;
  MmlJournalRun *run;
  gint64 batch;
  const char *name;

  run = mml_journal_run_begin (f->store, "subtitles", "Test", &error);
  g_assert_no_error (error);

  /* a create never lands on a file */
  g_assert_false (mml_journal_run_create (run, existing, new_bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpstr ((contents = read_file (existing)), ==, "old subtitle");
  g_clear_pointer (&contents, g_free);

  g_assert_true (mml_journal_run_create (run, fresh, new_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((contents = read_file (fresh)), ==, "new subtitle");
  g_clear_pointer (&contents, g_free);

  /* a replacement puts the old file in the trash, with its .trashinfo */
  g_assert_true (mml_journal_run_replace (run, existing, new_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((contents = read_file (existing)), ==, "new subtitle");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpstr ((contents = read_file (trashed)), ==, "old subtitle");
  g_clear_pointer (&contents, g_free);
  g_assert_nonnull ((contents = read_file (info)));
  g_assert_nonnull (strstr (contents, "Path="));
  g_assert_nonnull (strstr (contents, "a.heb.srt"));
  g_clear_pointer (&contents, g_free);
  g_assert_cmpuint (mml_journal_run_get_n_done (run), ==, 3);
  batch = mml_journal_run_finish (run);

  /* no temporary file is left beside the videos */
  {
    g_autofree char *parent = g_path_get_dirname (fresh);

    dir = g_dir_open (parent, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".partial"));
  }

  /* undo: the old file back where it was, bit for bit; the new ones in the trash */
  g_assert_true (mml_journal_undo (f->store, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((contents = read_file (existing)), ==, "old subtitle");
  g_clear_pointer (&contents, g_free);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GPtrArray) batches = mml_journal_store_batches (f->store, FALSE, &error);
    MmlJournalBatch *b;

    g_assert_no_error (error);
    g_assert_cmpuint (batches->len, ==, 1);
    b = g_ptr_array_index (batches, 0);
    g_assert_cmpstr (b->state, ==, "undone");
    g_assert_cmpuint (b->n_undone, ==, 3);
    g_assert_cmpuint (b->n_failed, ==, 0);
  }
}

static void
test_create_and_replace (Fixture       *f,
                         gconstpointer  data)
{
  run_on_worker (f, create_and_replace);
}

/* ---- rename: never over a file; undo refuses what is in the way ---- */

static void
renames (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = write_file (f->dir, "tv/a.mkv", "A");
  g_autofree char *b = write_file (f->dir, "tv/b.mkv", "B");
  g_autofree char *c = g_build_filename (f->dir, "tv", "c.mkv", NULL);
  g_autofree char *contents = NULL;
  MmlJournalRun *run = mml_journal_run_begin (f->store, "organize", "Test", &error);
  gint64 batch;

  g_assert_false (mml_journal_run_rename (run, a, b, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpstr ((contents = read_file (b)), ==, "B");
  g_clear_pointer (&contents, g_free);

  /* a → c, b → a: a chain */
  g_assert_true (mml_journal_run_rename (run, a, c, &error));
  g_assert_true (mml_journal_run_rename (run, b, a, &error));
  g_assert_no_error (error);
  batch = mml_journal_run_finish (run);
  g_assert_cmpstr ((contents = read_file (a)), ==, "B");
  g_clear_pointer (&contents, g_free);

  g_assert_true (mml_journal_undo (f->store, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpstr ((contents = read_file (a)), ==, "A");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpstr ((contents = read_file (b)), ==, "B");
  g_clear_pointer (&contents, g_free);
  g_assert_false (g_file_test (c, G_FILE_TEST_EXISTS));

  /* a file that took the old name since: undo stops, nothing is moved over it */
  run = mml_journal_run_begin (f->store, "organize", "Test 2", &error);
  g_assert_true (mml_journal_run_rename (run, a, c, &error));
  batch = mml_journal_run_finish (run);
  g_free (write_file (f->dir, "tv/a.mkv", "newcomer"));
  g_assert_false (mml_journal_undo (f->store, batch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr ((contents = read_file (a)), ==, "newcomer");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpstr ((contents = read_file (c)), ==, "A");
}

static void
test_renames (Fixture       *f,
              gconstpointer  data)
{
  run_on_worker (f, renames);
}

/* ---- moves to another file system ---- */

static void
test_across_devices (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *other = NULL;
  g_autofree char *src = g_build_filename (f->dir, "Show.S01E01.mkv", NULL);
  g_autofree char *dst = NULL;
  g_autofree char *partial = NULL;
  g_autofree guint8 *bytes = g_malloc (3 * 1024 * 1024 + 17);
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  struct stat st_a, st_b;
  gsize len = 0;
  MmlJournalRun *run;
  gint64 batch, entry;

  /* tmpfs in /dev/shm is another file system than the test's folder on
   * most machines; where it is not, there is nothing to test */
  if (stat ("/dev/shm", &st_b) != 0 || stat (f->dir, &st_a) != 0 || st_a.st_dev == st_b.st_dev ||
      access ("/dev/shm", W_OK) != 0)
    {
      g_test_skip ("no second writable file system at /dev/shm");
      return;
    }
  other = g_strdup ("/dev/shm/mml-test-journal-XXXXXX");
  g_assert_nonnull (g_mkdtemp (other));
  dst = g_build_filename (other, "Show - S01E01.mkv", NULL);
  partial = mml_file_temp_name (dst, "move");
  for (gsize i = 0; i < 3 * 1024 * 1024 + 17; i++)
    bytes[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (src, (char *) bytes, 3 * 1024 * 1024 + 17, NULL));

  /* there and back: the same bytes, the source gone, no partial left */
  g_assert_true (mml_file_move (src, dst, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (src, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (dst, &got, &len, NULL));
  g_assert_cmpmem (got, len, bytes, 3 * 1024 * 1024 + 17);
  g_clear_pointer (&got, g_free);

  /* never over a file: the source stays as it is */
  g_assert_true (g_file_set_contents (src, "in the way", -1, NULL));
  g_assert_false (mml_file_move (dst, src, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (mml_file_same_contents (dst, dst));
  g_assert_false (mml_file_same_contents (dst, src));
  g_assert_cmpint (g_unlink (src), ==, 0);

  /* through the journal, and undone */
  run = mml_journal_run_begin (f->store, "organize", "Across", &error);
  g_assert_no_error (error);
  g_assert_true (mml_journal_run_rename (run, dst, src, &error));
  g_assert_no_error (error);
  batch = mml_journal_run_finish (run);
  g_assert_true (g_file_test (src, G_FILE_TEST_EXISTS));
  g_assert_true (mml_journal_undo (f->store, batch, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (src, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (dst, &got, &len, NULL));
  g_assert_cmpmem (got, len, bytes, 3 * 1024 * 1024 + 17);
  g_clear_pointer (&got, g_free);

  /* a crash after the copy was in place but before the source went:
   * recovery finishes the move (the two are the same bytes) */
  batch = mml_journal_store_begin (f->store, "organize", "Crashed", &error);
  g_assert_no_error (error);
  entry = mml_journal_store_plan (f->store, batch, MML_JOURNAL_RENAME, dst, src, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry, >, 0);
  g_assert_true (g_file_set_contents (src, (char *) bytes, 3 * 1024 * 1024 + 17, NULL));
  g_free (partial);
  partial = mml_file_temp_name (src, "move");
  g_assert_true (g_file_set_contents (partial, "half", -1, NULL));
  g_assert_true (mml_journal_recover (f->store, batch, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dst, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (src, &got, &len, NULL));
  g_assert_cmpmem (got, len, bytes, 3 * 1024 * 1024 + 17);

  mml_test_remove_tree (other);
}

/* ---- a batch killed at random points: recovery loses nothing ---- */

#define N_FILES 40

static const char *child_dir;

/* The child: a batch of N_FILES renames, creates and trashes, saying
 * after each operation how far it got, until it is killed. */
static void
child_batch (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MmlJournalRun *run = mml_journal_run_begin (f->store, "organize", "Killed", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%02u.mkv", i);
      g_autofree char *from = g_build_filename (f->dir, "src", name, NULL);
      g_autofree char *to = g_build_filename (f->dir, "dst", name, NULL);
      g_autofree char *made = g_strdup_printf ("%s/dst/new%02u.srt", f->dir, i);
      g_autofree char *text = g_strdup_printf ("new %u", i);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      if (i % 3 == 2)
        g_assert_true (mml_journal_run_trash (run, from, &error));
      else
        g_assert_true (mml_journal_run_rename (run, from, to, &error));
      g_assert_true (mml_journal_run_create (run, made, bytes, &error));
      g_print ("%u\n", i);
    }
  mml_journal_run_finish (run);
  g_print ("end\n");
}

/* Every original file exists exactly once (where it was, where it went,
 * or in the trash), whole; no temporary file is left. */
static void
check_nothing_lost (Fixture  *f,
                    gboolean  rolled_back)
{
  g_autofree char *trash = trash_files_dir ();

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%02u.mkv", i);
      g_autofree char *expect = g_strdup_printf ("video %u", i);
      const char *places[] = { "src", "dst", NULL };
      guint found = 0;

      for (guint p = 0; places[p]; p++)
        {
          g_autofree char *path = g_build_filename (f->dir, places[p], name, NULL);
          g_autofree char *contents = read_file (path);

          if (contents != NULL)
            {
              g_assert_cmpstr (contents, ==, expect);
              found++;
              if (rolled_back)
                g_assert_cmpstr (places[p], ==, "src");
            }
        }
      {
        g_autofree char *path = g_build_filename (trash, name, NULL);
        g_autofree char *contents = read_file (path);

        if (contents != NULL)
          {
            g_assert_cmpstr (contents, ==, expect);
            g_assert_false (rolled_back);
            found++;
          }
      }
      g_assert_cmpuint (found, ==, 1);
    }

  {
    g_autofree char *dst = g_build_filename (f->dir, "dst", NULL);
    g_autoptr(GDir) dir = g_dir_open (dst, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_false (g_str_has_suffix (name, ".partial"));
        if (rolled_back)
          g_assert_false (g_str_has_prefix (name, "new"));
      }
  }
}

static void
recover_all (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) running = mml_journal_store_batches (f->store, TRUE, &error);
  gboolean roll_back = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->store), "roll-back"));

  g_assert_no_error (error);
  if (running->len == 0 && roll_back)
    {
      /* the child finished its batch before the kill: undo it whole */
      g_autoptr(GPtrArray) all = mml_journal_store_batches (f->store, FALSE, &error);

      g_assert_cmpuint (all->len, ==, 1);
      g_assert_true (mml_journal_undo (f->store, ((MmlJournalBatch *) all->pdata[0])->id, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < running->len; i++)
    {
      MmlJournalBatch *b = g_ptr_array_index (running, i);

      g_assert_true (mml_journal_recover (f->store, b->id, roll_back, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&running, g_ptr_array_unref);
  running = mml_journal_store_batches (f->store, TRUE, &error);
  g_assert_cmpuint (running->len, ==, 0);
}

static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint rounds = g_test_slow () ? 40 : 12;

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *src = g_build_filename (f->dir, "src", NULL);
      g_autofree char *dst = g_build_filename (f->dir, "dst", NULL);
      g_autofree char *trash = g_build_filename (g_get_user_data_dir (), "Trash", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      guint kill_after = g_rand_int_range (rand, 0, N_FILES);
      gboolean roll_back = round % 2 == 0;
      char *line;

      /* a fresh tree and library each round */
      g_clear_object (&f->store);
      mml_test_remove_tree (src);
      mml_test_remove_tree (dst);
      mml_test_remove_tree (trash);
      for (guint k = 0; k < 3; k++)
        {
          g_autofree char *file = g_strconcat (f->db_path, (const char *[]) { "", "-wal", "-shm" }[k], NULL);

          g_unlink (file);
        }
      open_store (f);
      g_clear_object (&f->store);
      g_assert_cmpint (g_mkdir_with_parents (dst, 0755), ==, 0);
      for (guint i = 0; i < N_FILES; i++)
        {
          g_autofree char *name = g_strdup_printf ("src/f%02u.mkv", i);
          g_autofree char *text = g_strdup_printf ("video %u", i);

          g_free (write_file (f->dir, name, text));
        }

      {
        g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

        g_subprocess_launcher_setenv (launcher, "MML_JOURNAL_CHILD_DIR", f->dir, TRUE);
        /* the same trash as ours */
        g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
        child = g_subprocess_launcher_spawn (launcher, &error, self, "-p", "/files/journal/child", NULL);
      }
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      /* wait until it is that far, then kill it mid-batch */
      while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
        {
          gboolean stop = g_ascii_isdigit (line[0]) && g_ascii_strtoull (line, NULL, 10) >= kill_after;

          g_free (line);
          if (stop)
            break;
        }
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);

      open_store (f);
      g_object_set_data (G_OBJECT (f->store), "roll-back", GINT_TO_POINTER (roll_back));
      run_on_worker (f, recover_all);
      check_nothing_lost (f, roll_back);
    }
}

static void
test_child (Fixture       *f,
            gconstpointer  data)
{
  /* work in the parent's folder (its tear-down removes it, not ours) */
  g_clear_object (&f->store);
  g_free (f->db_path);
  f->db_path = g_build_filename (child_dir, "library.db", NULL);
  {
    g_autofree char *own = f->dir;

    f->dir = g_strdup (child_dir);
    open_store (f);
    run_on_worker (f, child_batch);
    g_clear_object (&f->store);
    g_free (f->dir);
    f->dir = g_steal_pointer (&own);
  }
}

/* The verified copy a transfer makes: the same bytes and times, the
 * source left alone, never over a file, nothing left behind when it
 * fails */
static void
test_copy_verified (Fixture       *f,
                    gconstpointer  data)
{
  gsize size = 2 * 1024 * 1024 + 5;
  g_autofree guint8 *bytes = g_malloc (size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *src = g_build_filename (f->dir, "Show.S01E02.mkv", NULL);
  g_autofree char *dst = g_build_filename (f->dir, "copy.mkv", NULL);
  g_autofree char *partial = mml_file_temp_name (dst, "copy");
  g_autofree char *missing = g_build_filename (f->dir, "missing.mkv", NULL);
  g_autofree char *missing_dst = g_build_filename (f->dir, "missing-copy.mkv", NULL);
  g_autofree char *got = NULL;
  g_autofree char *in_the_way = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st_src, st_dst;
  const char *others[] = { "/dev/shm", NULL };
  gsize len = 0;

  for (gsize i = 0; i < size; i++)
    bytes[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (src, (char *) bytes, size, NULL));

  g_assert_true (mml_file_copy_verified (src, dst, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (dst, &got, &len, NULL));
  g_assert_cmpmem (got, len, bytes, size);
  g_clear_pointer (&got, g_free);
  g_assert_true (g_file_get_contents (src, &got, &len, NULL));
  g_assert_cmpmem (got, len, bytes, size);
  g_clear_pointer (&got, g_free);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_cmpint (stat (src, &st_src), ==, 0);
  g_assert_cmpint (stat (dst, &st_dst), ==, 0);
  g_assert_cmpint (st_src.st_mtim.tv_sec, ==, st_dst.st_mtim.tv_sec);
  g_assert_cmpint (st_src.st_mtim.tv_nsec, ==, st_dst.st_mtim.tv_nsec);
  g_assert_true (mml_file_same_contents (src, dst));

  /* never over a file, whatever it holds */
  in_the_way = write_file (f->dir, "taken.mkv", "someone else's");
  g_assert_false (mml_file_copy_verified (src, in_the_way, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (in_the_way, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, "someone else's");
  g_clear_pointer (&got, g_free);
  g_assert_false (mml_file_copy_verified (src, dst, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* a source that is not there, or a folder: nothing is made */
  g_assert_false (mml_file_copy_verified (missing, missing_dst, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mml_file_copy_verified (f->dir, missing_dst, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_dst, G_FILE_TEST_EXISTS));
  {
    g_autofree char *p = mml_file_temp_name (missing_dst, "copy");

    g_assert_false (g_file_test (p, G_FILE_TEST_EXISTS));
  }

  /* to another file system, where there is one */
  for (guint i = 0; others[i] != NULL; i++)
    {
      g_autofree char *other = g_build_filename (others[i], "mml-test-copy-XXXXXX", NULL);
      g_autofree char *there = NULL;
      struct stat st_other;

      if (stat (others[i], &st_other) != 0 || st_other.st_dev == st_src.st_dev || access (others[i], W_OK) != 0)
        continue;
      g_assert_nonnull (g_mkdtemp (other));
      there = g_build_filename (other, "copy.mkv", NULL);
      g_assert_true (mml_file_copy_verified (src, there, &error));
      g_assert_no_error (error);
      g_assert_true (mml_file_same_contents (src, there));
      g_assert_true (g_file_test (src, G_FILE_TEST_EXISTS));
      mml_test_remove_tree (other);
    }
}

int
main (int   argc,
      char *argv[])
{
  child_dir = g_getenv ("MML_JOURNAL_CHILD_DIR");
  /* the child of /files/journal/killed keeps the XDG folders it is given */
  if (child_dir != NULL)
    g_test_init (&argc, &argv, NULL);
  else
    g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/files/journal/create-and-replace", Fixture, NULL,
              fixture_set_up, test_create_and_replace, fixture_tear_down);
  g_test_add ("/files/journal/renames", Fixture, NULL, fixture_set_up, test_renames, fixture_tear_down);
  g_test_add ("/files/journal/killed", Fixture, NULL, fixture_set_up, test_killed, fixture_tear_down);
  g_test_add ("/files/journal/across-devices", Fixture, NULL, fixture_set_up, test_across_devices,
              fixture_tear_down);
  g_test_add ("/files/journal/copy-verified", Fixture, NULL, fixture_set_up, test_copy_verified,
              fixture_tear_down);
  /* the child's part of /files/journal/killed: only when run as the child */
  if (child_dir != NULL)
    g_test_add ("/files/journal/child", Fixture, NULL, fixture_set_up, test_child, fixture_tear_down);

  return g_test_run ();
}
