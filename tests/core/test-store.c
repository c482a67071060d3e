/* test-store.c — the library database: schema, migrations, crash safety
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>

#include "mml-store.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define CRASH_BATCH_ROWS 2000

static const char *self_exe;

typedef struct
{
  char *dir;
  char *db_path;
} StoreFixture;

static void
store_setup (StoreFixture  *fixture,
             gconstpointer  data)
{
  fixture->dir = mml_test_make_tmpdir ("mml-test-store-XXXXXX");
  fixture->db_path = g_build_filename (fixture->dir, "sub", "library.db", NULL);
}

static void
store_teardown (StoreFixture  *fixture,
                gconstpointer  data)
{
  mml_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

/* A job that reports what the writer connection sees. */
static void
pragma_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autofree char *mode = query_text (db, "PRAGMA journal_mode");
  gint64 fk = query_int (db, "PRAGMA foreign_keys");

  g_task_return_pointer (task, g_strdup_printf ("%s/%" G_GINT64_FORMAT, mode, fk), g_free);
}

static void
test_store_migrate_from_empty (StoreFixture  *fixture,
                               gconstpointer  data)
{
  static const char * const tables[] = {
    "roots", "files", "series", "episodes", "episode_files",
    "subtitles", "conflicts", "sync_log", "journal", "seasons",
  };
  g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
  g_autoptr(MmlSyncWait) wait = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pragmas = NULL;
  sqlite3 *db;

  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));

  wait = mml_sync_wait_new ();
  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_migrate_from_empty,
                       NULL, mml_sync_wait_cb, wait);
  pragmas = g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pragmas, ==, "wal/1");

  mml_store_close (store);

  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mml_store_schema_version ());
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                              "WHERE type = 'table' AND name = '%s'", tables[i]);
      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE type = 'index' AND name = 'episodes_watched'"), ==, 1);
  sqlite3_close (db);
}

static void
test_store_migrate_rerun (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sync_log (at, message) VALUES (1, 'kept')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* A second open (and a third, opening twice in one object) migrates nothing. */
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mml_store_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_log WHERE message = 'kept'"), ==, 1);
  sqlite3_close (db);
}

/* A library written by an earlier release (schema 2: no seasons, no
 * episodes_watched) gains the seasons table and the index, and keeps its
 * rows. */
static void
test_store_migrate_adds_seasons (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE seasons; DROP INDEX episodes_watched; PRAGMA user_version = 2;"
                                 "INSERT INTO series (title, added_at) VALUES ('Kept', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mml_store_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM series WHERE title = 'Kept'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE type = 'index' AND name = 'episodes_watched'"), ==, 1);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA foreign_keys = ON;"
                                 "INSERT INTO seasons (series_id, number, poster_url) "
                                 "SELECT id, 1, 'http://x/s1.jpg' FROM series WHERE title = 'Kept';"
                                 "DELETE FROM series WHERE title = 'Kept'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* the seasons go with their series */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM seasons"), ==, 0);
  sqlite3_close (db);
}

static void
test_store_refuses_newer (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mml_store_new (fixture->db_path);
  g_assert_false (mml_store_open (store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_object (&store);

  /* Left exactly as it was. */
  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 999);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'roots'"), ==, 0);
  sqlite3_close (db);
}

static void
test_store_refuses_garbage (StoreFixture  *fixture,
                            gconstpointer  data)
{
  static const char garbage[] = "this is not a database, it is a text file the user keeps here\n";
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *contents = NULL;
  gsize len;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (fixture->db_path, garbage, -1, NULL));

  store = mml_store_new (fixture->db_path);
  g_assert_false (mml_store_open (store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (fixture->db_path, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, garbage);
}

static void
test_store_closed (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
  g_autoptr(MmlSyncWait) wait = NULL;
  g_autoptr(GError) error = NULL;

  /* Not opened yet: jobs fail cleanly instead of crashing. */
  wait = mml_sync_wait_new ();
  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_closed,
                       NULL, mml_sync_wait_cb, wait);
  g_assert_null (g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED);
  g_clear_error (&error);
  g_clear_pointer (&wait, mml_sync_wait_free);

  g_assert_true (mml_store_open (store, &error));
  mml_store_close (store);

  wait = mml_sync_wait_new ();
  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_closed,
                       NULL, mml_sync_wait_cb, wait);
  g_assert_null (g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED);
}

/* Jobs run in the order they were queued, each on the writer thread. */
static void
order_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  GArray *seen = g_object_get_data (G_OBJECT (store), "seen");
  int n = GPOINTER_TO_INT (task_data);

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (seen, n);
  g_task_return_boolean (task, TRUE);
}

static void
order_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *done = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  (*done)++;
}

static void
test_store_job_order (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;
  guint done = 0;

  g_main_context_acquire (g_main_context_default ());
  g_assert_true (mml_store_open (store, &error));
  g_object_set_data (G_OBJECT (store), "seen", seen);

  for (int i = 0; i < 100; i++)
    mml_store_run_async (store, order_job, GINT_TO_POINTER (i), NULL, test_store_job_order,
                         NULL, order_done_cb, &done);
  while (done < 100)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (seen->len, ==, 100);
  for (int i = 0; i < 100; i++)
    g_assert_cmpint (g_array_index (seen, int, i), ==, i);
  g_main_context_release (g_main_context_default ());
}

/* --- crash safety: a child writing batches is killed with SIGKILL --- */

static void
batch_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  int batch = GPOINTER_TO_INT (task_data);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *server = g_strdup_printf ("batch-%d", batch);
  GError *error = NULL;

  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  sqlite3_prepare_v2 (db, "INSERT INTO sync_log (at, server, message) VALUES (?, ?, ?)", -1, &stmt, NULL);
  for (int i = 0; i < CRASH_BATCH_ROWS; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, server, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "a row of a batch that must be all or nothing", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert failed: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  if (!mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static int
crash_child (const char *db_path)
{
  g_autoptr(MmlStore) store = mml_store_new (db_path);
  g_autoptr(GError) error = NULL;

  if (!mml_store_open (store, &error))
    g_error ("%s", error->message);

  for (int batch = 1; ; batch++)
    {
      g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

      mml_store_run_async (store, batch_job, GINT_TO_POINTER (batch), NULL, crash_child,
                           NULL, mml_sync_wait_cb, wait);
      if (!g_task_propagate_boolean (G_TASK (mml_sync_wait_run (wait)), &error))
        g_error ("%s", error->message);

      /* Only now is the batch committed: tell the parent. */
      printf ("%d\n", batch);
      fflush (stdout);
    }

  return 0;
}

static void
test_store_sigkill (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  int last_reported = 0;
  sqlite3 *db;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--crash-child", fixture->db_path, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while (last_reported < 15)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      last_reported = atoi (line);
    }

  /* The child is inside its next batch (or about to start it). */
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  db = raw_open (fixture->db_path);
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  /* Every batch the child reported is there whole; any later one is whole or absent. */
  for (int batch = 1; batch <= last_reported + 2; batch++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sync_log WHERE server = 'batch-%d'", batch);
      gint64 rows = query_int (db, sql);

      if (batch <= last_reported)
        g_assert_cmpint (rows, ==, CRASH_BATCH_ROWS);
      else
        g_assert_true (rows == 0 || rows == CRASH_BATCH_ROWS);
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_log") % CRASH_BATCH_ROWS, ==, 0);
  sqlite3_close (db);

  /* And the store opens it again. */
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/store/migrate-from-empty", StoreFixture, NULL,
              store_setup, test_store_migrate_from_empty, store_teardown);
  g_test_add ("/core/store/migrate-rerun", StoreFixture, NULL,
              store_setup, test_store_migrate_rerun, store_teardown);
  g_test_add ("/core/store/migrate-adds-seasons", StoreFixture, NULL,
              store_setup, test_store_migrate_adds_seasons, store_teardown);
  g_test_add ("/core/store/refuses-newer-version", StoreFixture, NULL,
              store_setup, test_store_refuses_newer, store_teardown);
  g_test_add ("/core/store/refuses-non-database", StoreFixture, NULL,
              store_setup, test_store_refuses_garbage, store_teardown);
  g_test_add ("/core/store/closed", StoreFixture, NULL,
              store_setup, test_store_closed, store_teardown);
  g_test_add ("/core/store/job-order", StoreFixture, NULL,
              store_setup, test_store_job_order, store_teardown);
  g_test_add ("/core/store/sigkill-mid-batch", StoreFixture, NULL,
              store_setup, test_store_sigkill, store_teardown);

  return g_test_run ();
}
