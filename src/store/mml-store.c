/* mml-store.c — the library database: one SQLite file, one writer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mml-episode-rules.h"
#include "mml-store-private.h"
#include "mml-store.h"
#include "mml-util.h"

/*
 * Every write goes through one connection owned by one thread, fed by a
 * queue (as epiphany's history service does).  Callers on any thread queue
 * a job with a GTask; the job completes the task, and GTask delivers the
 * result on the caller's main context.  The UI thread never touches SQLite.
 */

/* What the writer thread owns.  Kept apart from the GObject because the
 * last reference to the store may be dropped on the writer thread itself
 * (when a GTask holding it is freed there); the thread then must not join
 * itself nor touch freed memory. */
typedef struct
{
  gatomicrefcount  ref_count;
  char            *path;
  GAsyncQueue     *queue;
  int              read_only;   /* atomic; read when opening */
  gboolean         in_memory;   /* mml_store_new_in_memory() */
  sqlite3         *db;      /* writer thread only */
} Writer;

struct _MmlStore
{
  GObject      parent_instance;

  Writer      *writer;
  GThread     *thread;

  GMutex       clock_lock;   /* jobs read the clock on the writer thread */
  MmlClock    *clock;        /* under clock_lock */

  /* Memory given back once the store has been quiet (see "Releasing
   * memory" below).  The source is attached to the main context of the
   * thread that made the store; the writer thread arms it. */
  GMutex       idle_lock;
  GSource     *idle_source;      /* under idle_lock; NULL once stopped */
  gint64       last_activity;    /* under idle_lock: monotonic µs of the last job */
  gboolean     busy;             /* under idle_lock: a job is running */
  int          idle_release_ms;  /* under idle_lock; <= 0: nothing is released */
  gboolean     idle_armed;       /* under idle_lock: idle_source has a ready time */
  int          n_releases;       /* atomic: releases done, for tests */
};

typedef struct
{
  MmlStoreJobFunc func;
  GTask          *task;   /* NULL: stop the thread */
} Job;

G_DEFINE_FINAL_TYPE (MmlStore, mml_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (mml-store-error-quark, mml_store_error)

/* What note_activity() is told */
typedef enum
{
  ACTIVITY_JOB_START,
  ACTIVITY_JOB_END,
  ACTIVITY_READER,   /* a connection of mml_store_open_reader() */
} Activity;

static void note_activity      (MmlStore     *self,
                                Activity      activity);
static void release_memory_job (MmlStore     *self,
                                sqlite3      *db,
                                GTask        *task,
                                gpointer      task_data,
                                GCancellable *cancellable);


static void
set_error (sqlite3     *db,
           int          code,
           const char  *message,
           GError     **error)
{
  MmlStoreError mml_code = MML_STORE_ERROR_FAILED;

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    mml_code = MML_STORE_ERROR_CORRUPT;

  if (code == SQLITE_READONLY && db != NULL && sqlite3_db_readonly (db, "main") == 1)
    g_set_error_literal (error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                         _("The library database is open read-only"));
  else
    g_set_error (error, MML_STORE_ERROR, mml_code, _("Database error: %s"), message);
}

void
mml_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
mml_store_set_sqlite_error (sqlite3  *db,
                            GError  **error)
{
  set_error (db, db ? sqlite3_errcode (db) : SQLITE_MISUSE,
             db ? sqlite3_errmsg (db) : "no connection", error);
  return FALSE;
}

gboolean
mml_store_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      int code = sqlite3_errcode (db);

      set_error (db, code, errmsg ? errmsg : sqlite3_errstr (code), error);
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

gboolean
mml_store_begin (sqlite3  *db,
                 GError  **error)
{
  return mml_store_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
mml_store_commit (sqlite3  *db,
                  GError  **error)
{
  return mml_store_exec (db, "COMMIT", error);
}

void
mml_store_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * mml_store_prepare:
 *
 * Returns: (transfer full) (nullable): a statement, or %NULL with @error set
 */
sqlite3_stmt *
mml_store_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      mml_store_set_sqlite_error (db, error);
      return NULL;
    }

  return stmt;
}

/* A library database is a file: SQLite's other names for a database (an
 * in-memory or temporary one, a URI) are refused, not opened. */
static gboolean
check_path (const char  *path,
            GError     **error)
{
  g_autofree char *display = NULL;

  if (*path != '\0' && !g_str_equal (path, ":memory:") && !g_str_has_prefix (path, "file:"))
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
               _("“%s” is not the path of a file: the library database must be a file"),
               display);
  return FALSE;
}

/* The message when a database to be written lies where nothing can be
 * written; follows "Cannot use the library database “…”: ". */
static void
set_read_only_place_error (GError **error)
{
  g_set_error_literal (error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                       _("it is read-only (the file or its folder cannot be written); "
                         "open it read-only to read it"));
}

/*
 * A library in WAL mode in a folder this process cannot write: SQLite reads
 * such a database only through a WAL index it cannot create there, and says
 * SQLITE_READONLY_DIRECTORY.  When there is no WAL file, every commit is in
 * the database file itself: it is read as immutable (no locks, no WAL).
 * Only ever for a read-only store.
 */
static gboolean
wal_unreadable_here (sqlite3    *db,
                     const char *path)
{
  g_autofree char *wal = NULL;

  if (sqlite3_extended_errcode (db) != SQLITE_READONLY_DIRECTORY)
    return FALSE;

  wal = g_strconcat (path, "-wal", NULL);
  return !g_file_test (wal, G_FILE_TEST_EXISTS);
}

static int
open_immutable (const char  *path,
                sqlite3    **db)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file://", escaped, "?immutable=1", NULL);

  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
}

/* mml_store_new_in_memory(): a new library, made as any new one is. */
static sqlite3 *
open_in_memory (GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      mml_store_set_sqlite_error (db, error);
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 0);
  if (!_mml_store_configure (db, FALSE, error) ||
      !_mml_store_migrate (db, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

/* Runs on the writer thread; task_data is the Writer. */
static void
writer_open_job (MmlStore     *self,
                 sqlite3      *unused,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Writer *writer = task_data;
  gboolean read_only = g_atomic_int_get (&writer->read_only);
  g_autofree char *display = g_filename_display_name (writer->path);
  g_autofree char *dir = NULL;
  GError *error = NULL;
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_NOMUTEX;
  gboolean ok;

  if (writer->db != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (writer->in_memory)
    {
      if ((writer->db = open_in_memory (&error)) != NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  if (!check_path (writer->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  dir = g_path_get_dirname (writer->path);
  if (read_only)
    {
      /* SQLite would say "unable to open database file". */
      if (!g_file_test (writer->path, G_FILE_TEST_EXISTS))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("Cannot open the library database “%s” read-only: "
                                     "it does not exist"),
                                   display);
          return;
        }
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int errsv = errno;
          g_autofree char *dir_display = g_filename_display_name (dir);

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                                   _("Cannot create the folder “%s”: %s"),
                                   dir_display, g_strerror (errsv));
          return;
        }
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  if (sqlite3_open_v2 (writer->path, &db, flags, NULL) != SQLITE_OK)
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      if (!read_only && g_access (dir, W_OK) != 0)
        g_set_error (&error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                     _("its folder “%s” cannot be written"), dir_display);
      else
        g_set_error (&error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                     "%s", db ? sqlite3_errmsg (db) : "out of memory");
      g_prefix_error (&error, _("Cannot open the library database “%s”: "), display);
      g_task_return_error (task, error);
      sqlite3_close_v2 (db);
      return;
    }

  sqlite3_busy_timeout (db, MML_STORE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 0);

  /* Identified before anything is written: another application's database
   * is left exactly as it was, journal mode included. */
  ok = _mml_store_identify (db, read_only, &error);

  if (!ok && read_only && wal_unreadable_here (db, writer->path))
    {
      g_clear_error (&error);
      sqlite3_close_v2 (db);
      db = NULL;
      if (open_immutable (writer->path, &db) != SQLITE_OK)
        mml_store_set_sqlite_error (db, &error);
      else
        {
          sqlite3_busy_timeout (db, MML_STORE_BUSY_TIMEOUT_MS);
          sqlite3_extended_result_codes (db, 0);
          ok = _mml_store_identify (db, read_only, &error);
        }
    }

  /* A writable open of a library that nothing can write: say so, rather
   * than the first write's "attempt to write a readonly database" (or the
   * "unable to open database file" of a WAL index that cannot be made). */
  if (!read_only && (ok || g_error_matches (error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED)) &&
      (sqlite3_db_readonly (db, "main") == 1 || g_access (dir, W_OK) != 0))
    {
      g_clear_error (&error);
      set_read_only_place_error (&error);
      ok = FALSE;
    }

  ok = ok &&
       _mml_store_configure (db, read_only, &error) &&
       (read_only || _mml_store_migrate (db, &error));

  if (!ok)
    {
      sqlite3_close_v2 (db);
      /* Never leave the task without a result: every caller would wait. */
      if (error == NULL)
        g_set_error_literal (&error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                             _("it cannot be opened for an unknown reason"));
      g_prefix_error (&error, _("Cannot use the library database “%s”: "), display);
      g_task_return_error (task, error);
      return;
    }

  writer->db = db;
  g_task_return_boolean (task, TRUE);
}

static Writer *
writer_ref (Writer *writer)
{
  g_atomic_ref_count_inc (&writer->ref_count);
  return writer;
}

static void
writer_unref (Writer *writer)
{
  if (!g_atomic_ref_count_dec (&writer->ref_count))
    return;

  g_assert (writer->db == NULL);
  g_async_queue_unref (writer->queue);
  g_free (writer->path);
  g_free (writer);
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (writer->queue);
      GTask *task = job->task;

      if (task == NULL)
        {
          g_free (job);
          break;
        }

      if (!g_task_return_error_if_cancelled (task))
        {
          MmlStore *self = g_task_get_source_object (task);

          /* busy from before the caller can see the result until the end;
           * the task still holds the store at the end */
          if (job->func != release_memory_job)
            note_activity (self, ACTIVITY_JOB_START);

          if (writer->db == NULL && job->func != writer_open_job)
            g_task_return_new_error (task, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED,
                                     _("The library database is not open"));
          else
            job->func (self, writer->db, task, g_task_get_task_data (task),
                       g_task_get_cancellable (task));

          if (job->func != release_memory_job)
            note_activity (self, ACTIVITY_JOB_END);
        }

      g_object_unref (task);   /* may finalize the store: see Writer */
      g_free (job);
    }

  if (writer->db != NULL)
    {
      sqlite3_close_v2 (writer->db);
      writer->db = NULL;
    }

  writer_unref (writer);
  return NULL;
}

static void
mml_store_push (MmlStore        *self,
                MmlStoreJobFunc  func,
                GTask           *task)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->task = task;
  g_async_queue_push (self->writer->queue, job);
}

/* ---- Releasing memory ----
 *
 * A scan leaves the writer's page cache full (up to its cache_size) and the
 * heap grown, and the process then idles for hours in the background.  Once
 * the store has been quiet for a while (no job for $MML_STORE_IDLE_RELEASE_MS,
 * 10 s unless set; 0 or less: never), and at the end of every background job
 * (the scheduler asks), a job on the writer thread gives memory back: the
 * writer connection's cached pages, SQLite's shared caches, then the heap's
 * free pages to the system.  Being a job, it runs between two jobs, never
 * while the writer connection is inside a statement.  The connections of
 * mml_store_open_reader() are not the store's to touch: each is handed, with
 * no mutex of its own, to the thread that reads with it, which closes it
 * (freeing its cache) when its scan ends.
 *
 * The timer is one source on the main context of the thread that made the
 * store.  It has no ready time while nothing happens; the first job gives
 * it one, and when it fires while jobs went on it waits for the rest of the
 * delay after the last one ended (or, during a long job, for its end): no
 * polling, no wake-up per job.
 */

#define IDLE_RELEASE_DEFAULT_MS 10000
#define IDLE_RELEASE_MAX_MS     (24 * 3600 * 1000)

static int
idle_release_ms_from_env (void)
{
  const char *value = g_getenv ("MML_STORE_IDLE_RELEASE_MS");
  char *end = NULL;
  gint64 ms;

  if (value == NULL || *value == '\0')
    return IDLE_RELEASE_DEFAULT_MS;

  ms = g_ascii_strtoll (value, &end, 10);
  if (end == value || *end != '\0')
    {
      g_warning ("MML_STORE_IDLE_RELEASE_MS=%s is not a number of milliseconds; using %d",
                 value, IDLE_RELEASE_DEFAULT_MS);
      return IDLE_RELEASE_DEFAULT_MS;
    }
  return (int) CLAMP (ms, 0, IDLE_RELEASE_MAX_MS);
}

/* Runs on the writer thread, between two jobs */
static void
release_memory_job (MmlStore     *self,
                    sqlite3      *db,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  /* the writer's cached pages: no statement of it is running now */
  sqlite3_db_release_memory (db);
  /* SQLite's shared caches (a no-op unless built to manage memory) */
  sqlite3_release_memory (INT_MAX);
#ifdef __GLIBC__
  /* the free pages of every arena, from the middle of the heap too */
  malloc_trim (0);
#endif
  g_atomic_int_inc (&self->n_releases);
  g_task_return_boolean (task, TRUE);
}

/* The writer thread, before and after each job but a release; a reading
 * thread, as it opens its connection */
static void
note_activity (MmlStore *self,
               Activity  activity)
{
  g_mutex_lock (&self->idle_lock);
  self->last_activity = g_get_monotonic_time ();
  if (activity != ACTIVITY_READER)
    self->busy = activity == ACTIVITY_JOB_START;
  if (self->idle_source != NULL && !self->idle_armed && self->idle_release_ms > 0)
    {
      self->idle_armed = TRUE;
      g_source_set_ready_time (self->idle_source,
                               self->last_activity + (gint64) self->idle_release_ms * 1000);
    }
  g_mutex_unlock (&self->idle_lock);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
idle_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs idle_source_funcs = {
  .dispatch = idle_source_dispatch,
};

/* On the store's main context, when its ready time comes */
static gboolean
idle_release_cb (gpointer data)
{
  g_autoptr(MmlStore) self = g_weak_ref_get (data);
  gboolean release = FALSE;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->idle_lock);
  if (self->idle_source != NULL)
    {
      gint64 due = self->last_activity + (gint64) self->idle_release_ms * 1000;

      if (self->idle_armed && self->idle_release_ms > 0 && !self->busy && g_get_monotonic_time () < due)
        g_source_set_ready_time (self->idle_source, due);   /* jobs went on: the rest of the delay */
      else
        {
          /* a job running long re-arms it as it ends */
          release = self->idle_armed && self->idle_release_ms > 0 && !self->busy;
          self->idle_armed = FALSE;
          g_source_set_ready_time (self->idle_source, -1);
        }
    }
  g_mutex_unlock (&self->idle_lock);

  if (release)
    _mml_store_release_memory_async (self, NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static void
idle_start (MmlStore *self)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  GWeakRef *ref = g_new0 (GWeakRef, 1);
  GSource *source = g_source_new (&idle_source_funcs, sizeof (GSource));

  g_weak_ref_init (ref, self);
  g_source_set_callback (source, idle_release_cb, ref, weak_ref_free);
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_static_name (source, "[mml] store: release memory when quiet");
  g_source_attach (source, context);

  g_mutex_lock (&self->idle_lock);
  self->idle_source = source;
  g_mutex_unlock (&self->idle_lock);
}

static void
idle_stop (MmlStore *self)
{
  GSource *source;

  g_mutex_lock (&self->idle_lock);
  source = g_steal_pointer (&self->idle_source);
  self->idle_armed = FALSE;
  g_mutex_unlock (&self->idle_lock);

  if (source != NULL)
    {
      g_source_destroy (source);
      g_source_unref (source);
    }
}

/*
 * _mml_store_release_memory_async:
 *
 * Queues a release of memory (above) after the jobs queued before it.
 * Completes with %TRUE when it released, %FALSE without an error when
 * releasing is off ($MML_STORE_IDLE_RELEASE_MS 0 or less, or
 * _mml_store_set_idle_release_ms()), and %MML_STORE_ERROR_CLOSED on a store
 * that is not open.  @callback may be %NULL.
 */
void
_mml_store_release_memory_async (MmlStore            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  gboolean off;

  g_return_if_fail (MML_IS_STORE (self));

  g_mutex_lock (&self->idle_lock);
  off = self->idle_release_ms <= 0;
  g_mutex_unlock (&self->idle_lock);

  if (off)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, _mml_store_release_memory_async);
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  mml_store_run_async (self, release_memory_job, NULL, NULL, _mml_store_release_memory_async,
                       cancellable, callback, user_data);
}

gboolean
_mml_store_release_memory_finish (MmlStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _mml_store_release_memory_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * _mml_store_set_idle_release_ms:
 * @ms: how long the store must be quiet before it releases memory; 0 or
 *   less: never, and _mml_store_release_memory_async() does nothing
 *
 * Overrides $MML_STORE_IDLE_RELEASE_MS; a pending release waits @ms after
 * the last job from then on.
 */
void
_mml_store_set_idle_release_ms (MmlStore *self,
                                int       ms)
{
  g_return_if_fail (MML_IS_STORE (self));

  g_mutex_lock (&self->idle_lock);
  self->idle_release_ms = CLAMP (ms, 0, IDLE_RELEASE_MAX_MS);
  if (self->idle_source != NULL && self->idle_armed)
    {
      if (self->idle_release_ms > 0)
        g_source_set_ready_time (self->idle_source,
                                 self->last_activity + (gint64) self->idle_release_ms * 1000);
      else
        {
          self->idle_armed = FALSE;
          g_source_set_ready_time (self->idle_source, -1);
        }
    }
  g_mutex_unlock (&self->idle_lock);
}

/* How many releases have run, for tests */
guint
_mml_store_get_release_count (MmlStore *self)
{
  g_return_val_if_fail (MML_IS_STORE (self), 0);

  return (guint) g_atomic_int_get (&self->n_releases);
}

static void
mml_store_stop (MmlStore *self)
{
  if (self->thread == NULL)
    return;

  mml_store_push (self, NULL, NULL);
  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);   /* dropped by a job: the loop ends by itself */
  else
    g_thread_join (self->thread);
  self->thread = NULL;
  /* after the join: the last jobs may have armed it */
  idle_stop (self);
}

static void
mml_store_finalize (GObject *object)
{
  MmlStore *self = MML_STORE (object);

  mml_store_stop (self);
  writer_unref (self->writer);
  idle_stop (self);   /* the store may never have had a thread to stop */
  g_clear_object (&self->clock);
  g_mutex_clear (&self->clock_lock);
  g_mutex_clear (&self->idle_lock);

  G_OBJECT_CLASS (mml_store_parent_class)->finalize (object);
}

static void
mml_store_class_init (MmlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* SQLite's allocation statistics take a global mutex on every malloc;
   * nothing here reads them.  Only possible before SQLite initialises. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  object_class->finalize = mml_store_finalize;
}

static void
mml_store_init (MmlStore *self)
{
  g_mutex_init (&self->clock_lock);
  self->clock = mml_clock_new ();
  g_mutex_init (&self->idle_lock);
  self->idle_release_ms = idle_release_ms_from_env ();
}

static MmlStore *
store_new (char     *path,
           gboolean  in_memory)
{
  MmlStore *self = g_object_new (MML_TYPE_STORE, NULL);

  self->writer = g_new0 (Writer, 1);
  g_atomic_ref_count_init (&self->writer->ref_count);
  self->writer->path = path;
  self->writer->in_memory = in_memory;
  self->writer->queue = g_async_queue_new ();
  idle_start (self);
  self->thread = g_thread_new ("mml-store-writer", writer_thread, writer_ref (self->writer));

  return self;
}

/**
 * mml_store_new:
 * @path: (nullable): the database file, or %NULL for mml_default_db_path()
 *
 * Creates the store object; nothing touches the disk until
 * mml_store_open_async().
 *
 * Returns: (transfer full): a new #MmlStore
 */
MmlStore *
mml_store_new (const char *path)
{
  return store_new (path ? g_strdup (path) : mml_default_db_path (), FALSE);
}

/**
 * mml_store_new_in_memory:
 *
 * A store on a new, empty library held in memory: nothing is read from or
 * written to disk, and what it is asked to change is gone when it closes.
 * For a caller that must answer as an empty library does without creating
 * a file (mml_store_new() refuses `:memory:`: a library's path names a
 * file).  It has one connection: mml_store_open_reader() fails, and
 * mml_store_set_read_only() does not apply.  mml_store_get_path() says
 * `:memory:`.
 *
 * Returns: (transfer full): a new #MmlStore
 */
MmlStore *
mml_store_new_in_memory (void)
{
  return store_new (g_strdup (":memory:"), TRUE);
}

const char *
mml_store_get_path (MmlStore *self)
{
  g_return_val_if_fail (MML_IS_STORE (self), NULL);

  return self->writer->path;
}

/**
 * mml_store_set_read_only:
 * @read_only: %TRUE to open the database without ever writing to it
 *
 * A read-only store opens the file with `SQLITE_OPEN_READONLY`: it creates
 * nothing (neither the file nor its folder), migrates nothing and leaves
 * the journal mode alone, so it can read a library in a folder it cannot
 * write.  Its open fails when the file does not exist or needs a migration
 * first, and so does every job that writes.
 *
 * Takes effect when the store opens: set it before mml_store_open_async().
 */
void
mml_store_set_read_only (MmlStore *self,
                         gboolean  read_only)
{
  g_return_if_fail (MML_IS_STORE (self));

  g_atomic_int_set (&self->writer->read_only, !!read_only);
}

gboolean
mml_store_get_read_only (MmlStore *self)
{
  g_return_val_if_fail (MML_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->writer->read_only);
}

/**
 * mml_store_set_clock:
 * @clock: (nullable): the clock that says what day it is, or %NULL for a
 *   new one that follows the system clock
 *
 * Every query that judges episodes against today (missing, upcoming) asks
 * @clock, from then on: jobs queued before may still read the old one.
 * Pin the day with mml_clock_set_today() on mml_store_get_clock() instead
 * of replacing the clock when that is all that is needed.
 */
void
mml_store_set_clock (MmlStore *self,
                     MmlClock *clock)
{
  g_autoptr(MmlClock) old = NULL;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (clock == NULL || MML_IS_CLOCK (clock));

  g_mutex_lock (&self->clock_lock);
  old = g_steal_pointer (&self->clock);
  self->clock = clock != NULL ? g_object_ref (clock) : mml_clock_new ();
  g_mutex_unlock (&self->clock_lock);
}

/**
 * mml_store_get_clock:
 *
 * The store's clock: one that follows the system clock unless
 * mml_store_set_clock() gave another.  For the thread that owns the store
 * (it stays valid until the next mml_store_set_clock()); jobs use
 * _mml_store_bind_today().
 *
 * Returns: (transfer none): the clock
 */
MmlClock *
mml_store_get_clock (MmlStore *self)
{
  MmlClock *clock;

  g_return_val_if_fail (MML_IS_STORE (self), NULL);

  g_mutex_lock (&self->clock_lock);
  clock = self->clock;
  g_mutex_unlock (&self->clock_lock);

  return clock;
}

/*
 * _mml_store_bind_today:
 * @stmt: a statement using the fragments of mml-episode-rules.h
 *
 * Binds ":today" and ":tomorrow", where @stmt has them, from one reading of
 * the store's clock, and ":now" (mml_clock_get_day_now()).  Safe on any thread (the writer's, in a job).
 */
void
_mml_store_bind_today (MmlStore     *self,
                       sqlite3_stmt *stmt)
{
  g_autoptr(MmlClock) clock = NULL;
  g_autofree char *today = NULL;
  gint64 tomorrow = 0;
  int index;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (stmt != NULL);

  if (sqlite3_bind_parameter_count (stmt) == 0)
    return;

  g_mutex_lock (&self->clock_lock);
  clock = g_object_ref (self->clock);
  g_mutex_unlock (&self->clock_lock);

  mml_clock_get_day (clock, &today, &tomorrow);

  if ((index = sqlite3_bind_parameter_index (stmt, ":today")) > 0)
    sqlite3_bind_text (stmt, index, today, -1, SQLITE_TRANSIENT);
  if ((index = sqlite3_bind_parameter_index (stmt, ":tomorrow")) > 0)
    sqlite3_bind_int64 (stmt, index, tomorrow);
  if ((index = sqlite3_bind_parameter_index (stmt, ":now")) > 0)
    sqlite3_bind_int64 (stmt, index, mml_clock_get_day_now (clock));
}

/**
 * mml_store_run_async:
 * @func: the job, run on the writer thread
 * @task_data: (transfer full) (nullable): handed to @func
 * @source_tag: the calling function, checked by the matching _finish()
 *
 * Queues @func after every job queued before it. @callback runs on the
 * thread-default main context of the caller.
 */
void
mml_store_run_async (MmlStore            *self,
                     MmlStoreJobFunc      func,
                     gpointer             task_data,
                     GDestroyNotify       task_data_free,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_set_check_cancellable (task, FALSE);

  if (self->thread == NULL)
    {
      g_task_return_new_error (task, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED,
                               _("The library database is closed"));
      g_object_unref (task);
      return;
    }

  mml_store_push (self, func, task);
}

static void
run_sync_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * mml_store_run_sync:
 *
 * Runs @func on the writer thread, queued like mml_store_run_async(), and
 * waits for it: for a worker thread that must know a write is done before
 * it goes on (the journal of file operations). Never call it on the main
 * thread, nor from a job.
 *
 * Returns: (transfer full): the job's #GTask, to read with
 * g_task_propagate_*()
 */
GAsyncResult *
mml_store_run_sync (MmlStore        *self,
                    MmlStoreJobFunc  func,
                    gpointer         task_data,
                    GDestroyNotify   task_data_free,
                    gpointer         source_tag)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  GAsyncResult *result = NULL;

  g_return_val_if_fail (MML_IS_STORE (self), NULL);
  g_return_val_if_fail (g_thread_self () != self->thread, NULL);

  g_main_context_push_thread_default (context);
  mml_store_run_async (self, func, task_data, task_data_free, source_tag, NULL, run_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return result;
}

/**
 * mml_store_open_async:
 *
 * Opens the database on the writer thread: creates it (and its folder)
 * when it is missing or an empty file, migrates it to this build's schema
 * and switches it to WAL, unless the store is read-only
 * (mml_store_set_read_only()).  Refused, and left untouched: a name that
 * is no file (`:memory:`, `file:` URIs) or another application's database
 * (%MML_STORE_ERROR_INVALID), one from a newer release
 * (%MML_STORE_ERROR_TOO_NEW), a file that is no database, or a library with
 * a schema version no release wrote (%MML_STORE_ERROR_CORRUPT).
 */
void
mml_store_open_async (MmlStore            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, writer_open_job, writer_ref (self->writer),
                       (GDestroyNotify) writer_unref,
                       mml_store_open_async, cancellable, callback, user_data);
}

gboolean
mml_store_open_finish (MmlStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mml_store_open:
 *
 * Opens (creating and migrating as needed) the database, waiting for the
 * writer thread.  For the CLI and tests; the GUI uses mml_store_open_async().
 */
gboolean
mml_store_open (MmlStore  *self,
                GError   **error)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

  mml_store_open_async (self, NULL, mml_sync_wait_cb, wait);
  return mml_store_open_finish (self, mml_sync_wait_run (wait), error);
}

/**
 * mml_store_close:
 *
 * Finishes every queued job, then closes the database.  Later calls fail
 * with %MML_STORE_ERROR_CLOSED.
 */
void
mml_store_close (MmlStore *self)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_stop (self);
}

/**
 * mml_store_open_reader:
 *
 * A read-only connection of its own, for a thread that reads while the
 * writer works (WAL lets both go on): the scanner preloads a root's rows
 * with it. Close it with sqlite3_close().
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with @error set
 */
sqlite3 *
mml_store_open_reader (MmlStore  *self,
                       GError   **error)
{
  sqlite3 *db = NULL;

  g_return_val_if_fail (MML_IS_STORE (self), NULL);

  if (self->writer->in_memory)
    {
      g_set_error_literal (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                           _("A library held in memory has no other connections"));
      return NULL;
    }

  if (!check_path (mml_store_get_path (self), error))
    return NULL;

  if (sqlite3_open_v2 (mml_store_get_path (self), &db,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      mml_store_set_sqlite_error (db, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, MML_STORE_BUSY_TIMEOUT_MS);
  note_activity (self, ACTIVITY_READER);   /* a reading thread keeps the store busy too */
  return db;
}
