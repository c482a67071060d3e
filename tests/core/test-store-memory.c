/* test-store-memory.c — the store gives memory back once quiet and after
 * each background job, never while a connection is in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mml-engine.h"
#include "mml-scheduler.h"
#include "mml-store-private.h"
#include "mml-store.h"
#include "mml-test-util.h"

/*
 * The store's idle timer is a source on the main context of the thread that
 * made it: every test here runs on the default context, owned by this
 * thread (main() acquires it), and waits by iterating it until the store's
 * count of releases changes, with a deadline only as a guard against a hang.
 */

/* How long a wait may take before the test fails rather than hangs */
#define GUARD_MS 30000

#define N_ROWS 20000

typedef struct
{
  char     *dir;
  char     *db_path;
  MmlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mml_test_make_tmpdir ("mml-test-store-memory-XXXXXX");
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->store = mml_store_new (f->db_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    mml_store_close (f->store);
  g_clear_object (&f->store);
  mml_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_store_open (f->store, &error));
  g_assert_no_error (error);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the default context until the store has released @n times, or
 * until @max_ms passed; returns the count */
static guint
wait_releases (MmlStore *store,
               guint     n,
               guint     max_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) max_ms * 1000;
  /* the count changes on the writer thread, which need not wake us */
  guint poll = g_timeout_add (5, wake_cb, NULL);

  while (_mml_store_get_release_count (store) < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  return _mml_store_get_release_count (store);
}

/* Iterates the default context for @ms, dispatching what comes */
static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;
  guint poll = g_timeout_add (5, wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

/* How long the default context would sleep once what is ready ran: -1 is
 * for ever, nothing on it will wake the process */
static int
context_sleep_ms (void)
{
  GMainContext *context = g_main_context_default ();
  GPollFD fds[32];
  int priority = G_MAXINT, timeout = 0, n;

  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_prepare (context, &priority);
  n = g_main_context_query (context, priority, &timeout, fds, G_N_ELEMENTS (fds));
  g_assert_cmpint (n, <=, (int) G_N_ELEMENTS (fds));
  if (g_main_context_check (context, priority, fds, n))
    g_main_context_dispatch (context);
  return timeout;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Releases now (queued after what is queued) and waits; returns what
 * _finish() said */
static gboolean
release_now (MmlStore  *store,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _mml_store_release_memory_async (store, NULL, result_cb, &result);
  return _mml_store_release_memory_finish (store, wait_result (&result), error);
}

/* ---- the quiet delay ---- */

static void
test_after_quiet_delay (Fixture       *f,
                        gconstpointer  data)
{
  const guint delay_ms = 300;
  gint64 t0, seen;

  _mml_store_set_idle_release_ms (f->store, delay_ms);
  g_assert_cmpint (context_sleep_ms (), ==, -1);   /* nothing happened: nothing to wake for */

  t0 = g_get_monotonic_time ();
  open_store (f);   /* a job: the store is busy until it ends */
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 0);
  g_assert_cmpint (context_sleep_ms (), >=, 0);     /* armed */

  g_assert_cmpuint (wait_releases (f->store, 1, GUARD_MS), ==, 1);
  seen = g_get_monotonic_time ();
  /* not before the delay after the last job, which ended after t0 */
  g_assert_cmpint (seen - t0, >=, (gint64) delay_ms * 1000);

  /* once released, nothing is left to wake the process: no polling */
  g_assert_cmpint (context_sleep_ms (), ==, -1);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 1);
}

static void
test_write_postpones (Fixture       *f,
                      gconstpointer  data)
{
  const guint delay_ms = 1000;
  gint64 opened, written;

  _mml_store_set_idle_release_ms (f->store, delay_ms);
  open_store (f);
  opened = g_get_monotonic_time ();

  /* a write well inside the delay */
  iterate_for (delay_ms / 3);
  written = g_get_monotonic_time ();
  mml_test_store_exec (f->store, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
                                 "INSERT INTO t (v) VALUES ('one'), ('two')");
  if (g_get_monotonic_time () - opened < (gint64) delay_ms * 1000)
    g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 0);
  else
    g_test_message ("the machine is too slow to check that nothing was released before the write");

  g_assert_cmpuint (wait_releases (f->store, 1, GUARD_MS), ==, 1);
  /* a full delay after the write, not after the open */
  g_assert_cmpint (g_get_monotonic_time () - written, >=, (gint64) delay_ms * 1000);
  g_assert_cmpint (context_sleep_ms (), ==, -1);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 1);
}

/* ---- what is released ---- */

static void
fill_job (MmlStore     *self,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!mml_store_begin (db, &error) ||
      !mml_store_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)", &error) ||
      !(stmt = mml_store_prepare (db, "INSERT INTO t (id, v) VALUES (?, ?)", &error)))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  for (int i = 0; i < N_ROWS; i++)
    {
      g_autofree char *v = g_strdup_printf ("row %06d %0200d", i, i);

      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, v, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          mml_store_set_sqlite_error (db, &error);
          mml_store_rollback (db);
          g_task_return_error (task, error);
          return;
        }
      sqlite3_reset (stmt);
    }
  if (!mml_store_commit (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Every row as fill_job() wrote it: the number of rows that are, or -1 */
static int
check_rows (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n = 0, rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, v FROM t ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *want = g_strdup_printf ("row %06d %0200d", n, n);

      if (sqlite3_column_int (stmt, 0) != n ||
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), want) != 0)
        return -1;
      n++;
    }
  return rc == SQLITE_DONE ? n : -1;
}

/* Reads every row on the writer; returns the pages its cache holds, in bytes */
static void
read_all_job (MmlStore     *self,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  int cur = 0, high = 0;

  if (check_rows (db) != N_ROWS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "the rows are not what was written");
      return;
    }
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_USED, &cur, &high, FALSE);
  g_task_return_int (task, cur);
}

static void
cache_used_job (MmlStore     *self,
                sqlite3      *db,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  int cur = 0, high = 0;

  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_USED, &cur, &high, FALSE);
  g_task_return_int (task, cur);
}

static gssize
run_int_job (MmlStore        *store,
             MmlStoreJobFunc  func)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gssize value;

  mml_store_run_async (store, func, NULL, NULL, run_int_job, NULL, result_cb, &result);
  value = g_task_propagate_int (G_TASK (wait_result (&result)), &error);
  g_assert_no_error (error);
  return value;
}

static void
fill (MmlStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mml_store_run_async (store, fill_job, NULL, NULL, fill, NULL, result_cb, &result);
  g_assert_true (g_task_propagate_boolean (G_TASK (wait_result (&result)), &error));
  g_assert_no_error (error);
}

static void
test_frees_writer_cache (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gssize before, after;

  _mml_store_set_idle_release_ms (f->store, 60000);   /* only the releases asked for */
  open_store (f);
  fill (f->store);

  before = run_int_job (f->store, read_all_job);
  g_assert_cmpint (before, >, 1024 * 1024);   /* ~5 MB of rows went through the cache */
  g_assert_true (release_now (f->store, &error));
  g_assert_no_error (error);
  after = run_int_job (f->store, cache_used_job);
  g_test_message ("writer cache: %" G_GSSIZE_FORMAT " bytes before, %" G_GSSIZE_FORMAT " after",
                  before, after);
  g_assert_cmpint (after, <, before / 4);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 1);

  /* the data reads back whole */
  g_assert_cmpint (run_int_job (f->store, read_all_job), >, 0);
}

/* ---- releasing while others read ---- */

typedef struct
{
  MmlStore *store;
  gint      stop;       /* atomic */
  guint     passes;
  char     *failure;    /* the first thing that went wrong, or NULL */
} Reader;

static gpointer
reader_thread (gpointer data)
{
  Reader *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = mml_store_open_reader (r->store, &error);

  if (db == NULL)
    {
      r->failure = g_strdup_printf ("no reader: %s", error->message);
      return NULL;
    }
  while (!g_atomic_int_get (&r->stop))
    {
      int n = check_rows (db);

      if (n != N_ROWS)
        {
          r->failure = g_strdup_printf ("pass %u read %d rows, not %d intact ones", r->passes, n, N_ROWS);
          return NULL;
        }
      r->passes++;
    }
  return NULL;
}

static void
test_release_while_reading (Fixture       *f,
                            gconstpointer  data)
{
  Reader readers[2];
  GThread *threads[G_N_ELEMENTS (readers)];
  const guint n_releases = 40;

  _mml_store_set_idle_release_ms (f->store, 60000);
  open_store (f);
  fill (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      readers[i] = (Reader) { f->store, 0, 0, NULL };
      threads[i] = g_thread_new ("reader", reader_thread, &readers[i]);
    }

  /* releases between reads on the writer, while both threads are inside
   * their statements */
  for (guint i = 0; i < n_releases; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (release_now (f->store, &error));
      g_assert_no_error (error);
      g_assert_cmpint (run_int_job (f->store, read_all_job), >=, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_atomic_int_set (&readers[i].stop, 1);
      g_thread_join (threads[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_test_message ("reader %u: %u passes", i, readers[i].passes);
      g_assert_null (readers[i].failure);
      g_assert_cmpuint (readers[i].passes, >, 0);
    }
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, n_releases);

  /* and the file is whole */
  mml_store_close (f->store);
  {
    g_autoptr(sqlite3) db = NULL;
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (check_rows (db), ==, N_ROWS);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  }
}

/* ---- stores that are not open ---- */

static void
test_not_open_or_closed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlStore) other = NULL;

  _mml_store_set_idle_release_ms (f->store, 200);

  /* never opened */
  g_assert_false (release_now (f->store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 0);

  /* idle: released already, asked again */
  open_store (f);
  g_assert_cmpuint (wait_releases (f->store, 1, GUARD_MS), ==, 1);
  g_assert_true (release_now (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 2);
  g_assert_cmpint (context_sleep_ms (), ==, -1);

  /* closed with a release pending: the timer goes with it */
  mml_test_store_exec (f->store, "CREATE TABLE t (v)");
  g_assert_cmpint (context_sleep_ms (), >=, 0);
  mml_store_close (f->store);
  g_assert_cmpint (context_sleep_ms (), ==, -1);
  g_assert_false (release_now (f->store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 2);

  /* dropped with a release pending, long before it is due: the last
   * reference may go on the writer thread as it frees the open's task */
  other = mml_store_new (f->db_path);
  _mml_store_set_idle_release_ms (other, 60000);
  g_assert_true (mml_store_open (other, NULL));
  g_assert_cmpint (context_sleep_ms (), >, 0);
  g_clear_object (&other);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    int sleep_ms;

    /* polled, well before the release would be due */
    while ((sleep_ms = context_sleep_ms ()) != -1 && g_get_monotonic_time () < deadline)
      g_usleep (1000);
    g_assert_cmpint (sleep_ms, ==, -1);
  }
}

static void
test_off (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  _mml_store_set_idle_release_ms (f->store, 0);
  open_store (f);
  mml_test_store_exec (f->store, "CREATE TABLE t (v)");
  g_assert_cmpint (context_sleep_ms (), ==, -1);   /* never armed */
  g_assert_false (release_now (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_mml_store_get_release_count (f->store), ==, 0);
}

/* ---- the scheduler ---- */

static void
test_after_scheduler_job (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MmlEngine) engine = mml_engine_new (f->db_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MmlScheduler *scheduler;
  MmlStore *store;
  g_autofree char *text = NULL;
  guint before;

  mml_engine_set_watch (engine, FALSE);
  mml_engine_set_automatic (engine, FALSE);
  mml_engine_set_models (engine, FALSE);
  mml_engine_set_wait_for_network (engine, FALSE);
  store = mml_engine_get_store (engine);
  _mml_store_set_idle_release_ms (store, 60000);   /* only the scheduler's */
  g_assert_true (mml_engine_open_sync (engine, &error));
  g_assert_no_error (error);
  scheduler = mml_engine_get_scheduler (engine);

  before = _mml_store_get_release_count (store);
  g_assert_cmpuint (before, ==, 0);
  mml_scheduler_run_async (scheduler, "cache", NULL, result_cb, &result);
  g_assert_true (mml_scheduler_run_finish (scheduler, wait_result (&result), &text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wait_releases (store, before + 1, GUARD_MS), ==, before + 1);

  mml_engine_shutdown (engine);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* the scanner and GTask deliver to the default context: own it */
  g_main_context_acquire (g_main_context_default ());

  g_test_add ("/store/memory/after-quiet-delay", Fixture, NULL, fixture_set_up, test_after_quiet_delay, fixture_tear_down);
  g_test_add ("/store/memory/write-postpones", Fixture, NULL, fixture_set_up, test_write_postpones, fixture_tear_down);
  g_test_add ("/store/memory/frees-writer-cache", Fixture, NULL, fixture_set_up, test_frees_writer_cache, fixture_tear_down);
  g_test_add ("/store/memory/release-while-reading", Fixture, NULL, fixture_set_up, test_release_while_reading, fixture_tear_down);
  g_test_add ("/store/memory/not-open-or-closed", Fixture, NULL, fixture_set_up, test_not_open_or_closed, fixture_tear_down);
  g_test_add ("/store/memory/off", Fixture, NULL, fixture_set_up, test_off, fixture_tear_down);
  g_test_add ("/store/memory/after-scheduler-job", Fixture, NULL, fixture_set_up, test_after_scheduler_job, fixture_tear_down);

  status = g_test_run ();
  g_main_context_release (g_main_context_default ());
  return status;
}
