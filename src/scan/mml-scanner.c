/* mml-scanner.c — walk library roots and bring the files table up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-scan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-store-roots.h"
#include "mml-scan-apply.h"
#include "mml-scan-private.h"
#include "mml-scanner.h"
#include "mml-util.h"

/*
 * A scan has two halves.  The walk (readdir + stat, the slow part on a
 * network disk) runs on a worker thread and never holds the database.  The
 * diff against the files table and every write run as one store job per
 * root, in one transaction, on the store's writer thread.
 */

struct _MmlScanRequest
{
  MmlScanMode          mode;
  gint64               root_id;     /* 0: every enabled root */
  GHashTable          *subtrees;    /* root id → GPtrArray of folders; NULL: whole roots */
  gboolean             want_events;
  MmlScanProgressFunc  progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
};

MmlScanRequest *
mml_scan_request_new (MmlScanMode mode)
{
  MmlScanRequest *request = g_new0 (MmlScanRequest, 1);

  request->mode = mode;
  return request;
}

void
mml_scan_request_free (MmlScanRequest *request)
{
  if (request == NULL)
    return;

  if (request->progress_destroy)
    request->progress_destroy (request->progress_data);
  g_clear_pointer (&request->subtrees, g_hash_table_unref);
  g_free (request);
}

/* Only this root (enabled or not). */
void
mml_scan_request_set_root (MmlScanRequest *request,
                           gint64          root_id)
{
  request->root_id = root_id;
}

/**
 * mml_scan_request_add_subtree:
 * @rel_dir: a folder relative to the root ("" for the whole root)
 *
 * Limits the scan to these folders (and everything below them); the
 * watcher uses it to rescan just where something changed.
 */
void
mml_scan_request_add_subtree (MmlScanRequest *request,
                              gint64          root_id,
                              const char     *rel_dir)
{
  GPtrArray *dirs;

  if (request->subtrees == NULL)
    request->subtrees = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);

  dirs = g_hash_table_lookup (request->subtrees, &root_id);
  if (dirs == NULL)
    {
      dirs = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (request->subtrees, g_memdup2 (&root_id, sizeof root_id), dirs);
    }

  /* A folder inside one already listed adds nothing; one around it replaces it. */
  for (guint i = 0; i < dirs->len; i++)
    {
      const char *have = g_ptr_array_index (dirs, i);
      gsize hl = strlen (have), nl = strlen (rel_dir);

      if (hl == 0 || (strncmp (rel_dir, have, hl) == 0 && (rel_dir[hl] == '/' || rel_dir[hl] == '\0')))
        return;
      if (nl == 0 || (strncmp (have, rel_dir, nl) == 0 && have[nl] == '/'))
        g_ptr_array_remove_index (dirs, i--);
    }

  g_ptr_array_add (dirs, g_strdup (rel_dir));
}

void
mml_scan_request_set_progress (MmlScanRequest      *request,
                               MmlScanProgressFunc  func,
                               gpointer             user_data,
                               GDestroyNotify       destroy)
{
  request->progress = func;
  request->progress_data = user_data;
  request->progress_destroy = destroy;
}

void
mml_scan_request_set_events (MmlScanRequest *request,
                             gboolean        want_events)
{
  request->want_events = want_events;
}

/* --- progress, throttled and delivered on the caller's context --- */

typedef struct
{
  MmlScanRequest *request;
  GTask          *task;      /* not owned: each queued report holds a ref */
  GMainContext   *context;
  GMutex          lock;
  gint64          last_sent;
  guint           done;
  guint           total;
  char           *current;
  gboolean        pending;
} Progress;

typedef struct _ScanJob ScanJob;
static Progress *scan_job_get_progress (GTask *task);

static gboolean
progress_dispatch_cb (gpointer data)
{
  Progress *p = scan_job_get_progress (data);
  g_autofree char *current = NULL;
  guint done, total;

  g_mutex_lock (&p->lock);
  done = p->done;
  total = p->total;
  current = g_strdup (p->current);
  p->pending = FALSE;
  g_mutex_unlock (&p->lock);

  p->request->progress (done, total, current, p->request->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report (Progress   *p,
                 guint       done,
                 guint       total,
                 const char *current,
                 gboolean    force)
{
  gboolean send = FALSE;
  gint64 now;

  if (p->request->progress == NULL)
    return;

  now = g_get_monotonic_time ();
  g_mutex_lock (&p->lock);
  p->done = done;
  p->total = total;
  if (force || now - p->last_sent >= G_USEC_PER_SEC / 10)
    {
      g_free (p->current);
      p->current = g_strdup (current);
      p->last_sent = now;
      if (!p->pending)
        p->pending = send = TRUE;
    }
  g_mutex_unlock (&p->lock);

  /* Posted to the caller's context outside the lock: invoking it could
   * run the callback here, on this thread, taking p->lock again
   * (mml_context_post()). Default priority: the final report must
   * arrive before the result. */
  if (send)
    mml_context_post (p->context, G_PRIORITY_DEFAULT, progress_dispatch_cb, g_object_ref (p->task), g_object_unref);
}

/* Chunks walked and not yet applied, from the walker threads to the scan thread. */
typedef struct
{
  Progress     *progress;
  GAsyncQueue  *chunks;
  guint         files_before;
  gint          walked;     /* atomic: files found so far in this root */
  gint          applied;    /* files applied so far in this root */
} Stream;

static void
walk_progress_cb (MmlScanRoot *root,
                  const char  *rel_dir,
                  gpointer     user_data)
{
  Stream *st = user_data;
  g_autofree char *display = NULL;
  gint64 now = g_get_monotonic_time ();

  /* Called per folder from the walkers: only format when a report is due. */
  if (now - st->progress->last_sent < G_USEC_PER_SEC / 10)
    return;

  display = g_filename_display_name (*rel_dir ? rel_dir : root->root_path);
  /* The total is not known while walking: report files found so far. */
  progress_report (st->progress, st->files_before + st->applied,
                   st->files_before + g_atomic_int_get (&st->walked), display, FALSE);
}

static void
chunk_walked_cb (MmlScanRoot *chunk,
                 gpointer     user_data)
{
  Stream *st = user_data;

  g_atomic_int_add (&st->walked, chunk->entries->len);
  g_async_queue_push (st->chunks, chunk);
}

/* --- the scan --- */

struct _ScanJob
{
  MmlScanRequest *request;
  Progress        progress;
};

static Progress *
scan_job_get_progress (GTask *task)
{
  ScanJob *job = g_task_get_task_data (task);

  return &job->progress;
}

static void
scan_job_free (gpointer data)
{
  ScanJob *job = data;

  mml_scan_request_free (job->request);
  g_mutex_clear (&job->progress.lock);
  g_free (job->progress.current);
  g_main_context_unref (job->progress.context);
  g_free (job);
}

typedef struct
{
  MmlScanApply *apply;
  GPtrArray    *chunks;     /* NULL: the final job */
} ApplyJob;

static void
apply_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (job->chunks != NULL)
    ok = _mml_scan_apply_chunks (job->apply, db, g_steal_pointer (&job->chunks), cancellable, &error);
  else
    ok = _mml_scan_apply_finish (job->apply, db, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Apply jobs are queued from the scan thread and awaited on its own context,
 * so that the next batch can be prepared while the writer works. */
typedef struct
{
  ApplyJob      job;
  GAsyncResult *result;
} Pending;

static void
pending_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;

  pending->result = g_object_ref (result);
}

static void
resume_checkpoints_job (MmlStore     *store,
                        sqlite3      *db,
                        GTask        *task,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  _mml_scan_resume_checkpoints (db);
  g_task_return_boolean (task, TRUE);
}

static Pending *
submit_apply_job (MmlStore      *store,
                  MmlScanApply  *apply,
                  GPtrArray     *chunks,
                  GCancellable  *cancellable)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->job.apply = apply;
  pending->job.chunks = chunks;
  mml_store_run_async (store, apply_job, &pending->job, NULL, submit_apply_job,
                       cancellable, pending_done_cb, pending);
  return pending;
}

static gboolean
wait_apply_job (GMainContext  *context,
                Pending       *pending,
                GError       **error)
{
  gboolean ok;

  while (pending->result == NULL)
    g_main_context_iteration (context, TRUE);

  ok = g_task_propagate_boolean (G_TASK (pending->result), error);
  if (pending->job.chunks != NULL)   /* the job never ran */
    g_ptr_array_unref (pending->job.chunks);
  g_object_unref (pending->result);
  g_free (pending);
  return ok;
}


static void
merge_summary (MmlScanSummary *into,
               MmlScanSummary *from)
{
  into->files += from->files;
  into->videos += from->videos;
  into->subtitles += from->subtitles;
  into->added += from->added;
  into->changed += from->changed;
  into->renamed += from->renamed;
  into->missing += from->missing;
  into->unavailable += from->unavailable;
  into->unchanged += from->unchanged;
  into->unrecognised += from->unrecognised;
  into->ignored += from->ignored;
  into->series += from->series;
  into->errors += from->errors;
  g_ptr_array_extend_and_steal (into->error_messages, g_steal_pointer (&from->error_messages));
  g_ptr_array_extend_and_steal (into->events, g_steal_pointer (&from->events));
  from->error_messages = g_ptr_array_new_with_free_func (g_free);
  from->events = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_scan_event_free);
}

/* One scan at a time in this process: each one diffs against rows it read
 * before writing, so two at once on the same root would collide. */
static GMutex scan_lock;



typedef struct
{
  MmlScanRoot   *root;
  Stream        *stream;
  GCancellable  *cancellable;
  gboolean       ok;
  GError        *error;
} WalkThread;

#define END_OF_WALK ((gpointer) &walk_thread_end)
static const int walk_thread_end = 0;

static gpointer
walk_thread (gpointer data)
{
  WalkThread *wt = data;
  guint n = CLAMP (g_get_num_processors (), 2, 4);

  wt->ok = _mml_scan_walk (wt->root, n, walk_progress_cb, wt->stream,
                           chunk_walked_cb, wt->stream, wt->cancellable, &wt->error);
  g_async_queue_push (wt->stream->chunks, END_OF_WALK);
  return NULL;
}

/* Files per write transaction while streaming. */
#define BATCH_FILES 8192

/*
 * One root: walker threads stream chunks (a top folder each) while this
 * thread preloads the rows the library had; batches of chunks are then
 * applied on the writer thread while the walkers go on.  The last job
 * settles moves, what went missing and the summary.
 */
static gboolean
scan_root (MmlStore        *store,
           MmlScanRequest  *request,
           MmlScanRoot     *sr,
           sqlite3        **reader,
           Progress        *progress,
           MmlScanSummary  *part,
           GCancellable    *cancellable,
           GError         **error)
{
  Stream stream = { progress, g_async_queue_new (), part->files, 0, 0 };
  WalkThread wt = { sr, &stream, cancellable, FALSE, NULL };
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autofree char *display = g_filename_display_name (sr->root_path);
  MmlScanApply *apply;
  GHashTable *rows = NULL;
  GMainContext *context;
  Pending *pending = NULL;
  GThread *walker;
  guint batch_files = 0;
  gboolean ok = TRUE, walking = TRUE;
  gint64 t0 = g_get_monotonic_time ();

  walker = g_thread_new ("mml-scan-walk", walk_thread, &wt);

  /* A reader connection: WAL lets it read while the walk runs. */
  if (*reader == NULL)
    *reader = mml_store_open_reader (store, &load_error);
  if (*reader != NULL)
    rows = _mml_scan_load_rows (*reader, sr, &load_error);
  if (load_error != NULL)
    g_debug ("preloading rows failed (%s); the writer loads them", load_error->message);

  apply = _mml_scan_apply_new (sr, rows, request->mode, request->want_events, part);
  batch = g_ptr_array_new ();
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  while (walking || batch->len > 0)
    {
      gpointer item = walking ? g_async_queue_pop (stream.chunks) : NULL;

      if (item == END_OF_WALK)
        walking = FALSE;
      else if (item != NULL)
        {
          batch_files += ((MmlScanRoot *) item)->entries->len;
          g_ptr_array_add (batch, item);
        }

      if (batch->len > 0 && (!walking || batch_files >= BATCH_FILES))
        {
          GPtrArray *full = g_steal_pointer (&batch);

          batch = g_ptr_array_new ();
          stream.applied += batch_files;
          batch_files = 0;

          /* Parse here, while the writer still writes the previous batch. */
          for (guint i = 0; i < full->len; i++)
            _mml_scan_root_preparse (g_ptr_array_index (full, i),
                                     request->mode == MML_SCAN_FULL ? NULL : rows);

          if (pending != NULL)
            {
              ok = ok && wait_apply_job (context, pending, ok ? error : NULL);
              pending = NULL;
            }

          if (ok && !g_cancellable_is_cancelled (cancellable))
            pending = submit_apply_job (store, apply, full, cancellable);
          else
            {
              g_ptr_array_set_free_func (full, (GDestroyNotify) _mml_scan_root_free);
              g_ptr_array_unref (full);
            }
          progress_report (progress, stream.files_before + stream.applied,
                           stream.files_before + g_atomic_int_get (&stream.walked), display, FALSE);
        }
    }

  if (pending != NULL)
    ok = wait_apply_job (context, pending, ok ? error : NULL) && ok;

  g_thread_join (walker);
  g_debug ("walked and applied %s: %u files in %.3f s", display,
           (guint) g_atomic_int_get (&stream.walked), (g_get_monotonic_time () - t0) / 1e6);

  if (ok && !wt.ok)
    {
      ok = FALSE;
      g_propagate_error (error, g_steal_pointer (&wt.error));
    }
  g_clear_error (&wt.error);

  if (ok)
    {
      pending = submit_apply_job (store, apply, NULL, cancellable);
      ok = wait_apply_job (context, pending, error);
    }

  /* Not cancellable: the pause of WAL checkpoints must end in every case. */
  mml_store_run_async (store, resume_checkpoints_job, NULL, NULL, scan_root,
                       NULL, pending_done_cb, (pending = g_new0 (Pending, 1)));
  wait_apply_job (context, pending, NULL);

  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  _mml_scan_apply_free (apply);
  g_async_queue_unref (stream.chunks);

  return ok;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MmlStore *store = source_object;
  ScanJob *job = task_data;
  MmlScanRequest *request = job->request;
  g_autoptr(MmlScanSummary) summary = mml_scan_summary_new ();
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  guint scanned = 0;
  g_autoptr(sqlite3) reader = NULL;
  g_autoptr(GMutexLocker) one_scan = g_mutex_locker_new (&scan_lock);

  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_list_roots_async (store, cancellable, mml_sync_wait_cb, wait);
    if (!(roots = mml_store_list_roots_finish (store, mml_sync_wait_run (wait), &error)))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }

  for (guint i = 0; i < roots->len; i++)
    {
      MmlRoot *r = g_ptr_array_index (roots, i);
      gint64 id = mml_root_get_id (r);
      g_autoptr(MmlScanSummary) part = NULL;
      MmlScanRoot *sr;
      GPtrArray *dirs = NULL;

      if (request->root_id != 0 ? id != request->root_id : !mml_root_get_enabled (r))
        continue;
      if (request->subtrees != NULL && !(dirs = g_hash_table_lookup (request->subtrees, &id)))
        continue;

      scanned++;
      sr = _mml_scan_root_new (id, mml_root_get_path (r), mml_root_get_kind (r));
      sr->has_disk = mml_root_get_disk (r, &sr->disk_device, &sr->disk_depth);
      /* "" (the whole root) makes the rest moot: add_subtree keeps it alone. */
      if (dirs != NULL && !(dirs->len == 1 && *(const char *) g_ptr_array_index (dirs, 0) == '\0'))
        {
          sr->subtrees = g_new0 (char *, dirs->len + 1);
          for (guint d = 0; d < dirs->len; d++)
            sr->subtrees[d] = g_strdup (g_ptr_array_index (dirs, d));
        }

      part = mml_scan_summary_new ();
      if (!scan_root (store, request, sr, &reader, &job->progress, part, cancellable, &error))
        {
          _mml_scan_root_free (sr);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (!sr->available && sr->unavailable_reason)
        g_ptr_array_add (part->error_messages, g_strdup (sr->unavailable_reason));

      _mml_scan_root_free (sr);
      merge_summary (summary, part);
    }

  if (request->root_id != 0 && scanned == 0)
    {
      g_task_return_new_error (task, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND,
                               _("There is no library folder with id %lld"),
                               (long long) request->root_id);
      return;
    }

  summary->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_task_return_pointer (task, g_steal_pointer (&summary), (GDestroyNotify) mml_scan_summary_free);
}

/**
 * mml_scan_async:
 * @request: (transfer full): what to scan
 *
 * Scans the roots named by @request (every enabled root by default).
 * Progress arrives on the caller's thread-default context.  Cancelling
 * keeps every root already finished and none of the one in progress.
 */
void
mml_scan_async (MmlStore            *store,
                MmlScanRequest      *request,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanJob *job;

  g_return_if_fail (MML_IS_STORE (store));
  g_return_if_fail (request != NULL);

  job = g_new0 (ScanJob, 1);
  job->request = request;
  job->progress.request = request;
  job->progress.context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->progress.lock);

  task = g_task_new (store, cancellable, callback, user_data);
  job->progress.task = task;
  g_task_set_source_tag (task, mml_scan_async);
  g_task_set_task_data (task, job, scan_job_free);
  g_task_run_in_thread (task, scan_thread);
}

/**
 * mml_scan_finish:
 *
 * Returns: (transfer full) (nullable): what the scan found and changed
 */
MmlScanSummary *
mml_scan_finish (MmlStore      *store,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_scan_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
