/* mml-library-controller.c — the library folders, their scans and the
 * watcher, and the library as models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The models (roots, series, unrecognised files, totals) change only here,
 * on the main thread, with one splice per reload; every read is a job on
 * the store's writer thread. Scans run one at a time from a queue; a
 * request already queued is not queued twice, and the models reload after
 * each (a cancelled scan keeps the roots it finished). Changes to the roots
 * go through the store, then the models and the watcher follow. Videos
 * placed by hand (assign) are written down by the store, then the scan of
 * their folders places them, as it places every video.
 *
 * After a scan, the embedded subtitle tracks of the videos it saw are read
 * (MmlProber, on worker threads, only for new and changed files): in the
 * background, one run at a time, when the engine works by itself (the app:
 * a first scan is never held up by it), or before the scan's task returns
 * when "probe-after-scan" is set (the CLI: `scan` returns with the tracks
 * known).
 */

#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-engine-private.h"
#include "mml-prober.h"
#include "mml-store-roots.h"
#include "mml-forward.h"

/* Coalesces bursts of watcher batches into one reload */
#define RELOAD_DELAY_MS 300

struct _MmlLibraryController
{
  GObject            parent_instance;

  MmlEngine         *engine;   /* (unowned): the engine owns this */
  MmlStore          *store;
  MmlWatcher        *watcher;
  GListStore        *roots;
  GListStore        *series;
  GListStore        *unrecognised;
  MmlLibraryTotals  *totals;
  MmlMoveWatch      *move_watch;           /* statuses seen: the move rules' suggestions */

  GCancellable      *cancellable;          /* cancelled on shutdown */
  GCancellable      *reload_cancellable;   /* the reload in flight */
  guint              reload_pending;
  guint              reload_source;

  GCancellable      *scan_cancellable;
  GQueue             scan_queue;           /* (element-type ScanRequest) */
  struct _ScanRequest *scan_current;
  gint64             scan_root_id;
  double             scan_fraction;
  char              *scan_path;

  GCancellable      *probe_cancellable;    /* the background probe run */
  GCancellable      *scan_probe_cancellable; /* the runs scan tasks wait for */
  gint64             probe_queued_root;    /* -1: none queued; 0: every root */

  guint              settle_ms;            /* 0: the watcher's default */
  guint              scan_new_roots : 1;
  guint              probe_after_scan : 1;
  guint              probing : 1;
  guint              ready : 1;
  guint              loading : 1;
  guint              loaded : 1;         /* once: see the "loaded" property */
  guint              scanning : 1;
  guint              shut_down : 1;
};

G_DEFINE_FINAL_TYPE (MmlLibraryController, mml_library_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_TOTALS,
  PROP_SCANNING,
  PROP_SCAN_ROOT_ID,
  PROP_SCAN_FRACTION,
  PROP_SCAN_PATH,
  PROP_WATCHER,
  PROP_PROBE_AFTER_SCAN,
  PROP_PROBING,
  N_PROPS
};

enum {
  FILES_CHANGED,
  SCAN_FINISHED,
  SCAN_PROGRESS,
  ROOT_MODE_CHANGED,
  PROBE_PROGRESS,
  PROBE_FINISHED,
  MOVE_SUGGESTED,
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void queue_background_probe (MmlLibraryController *self,
                                    gint64                root_id);

typedef struct _ScanRequest
{
  MmlScanMode  mode;
  gint64       root_id;   /* 0: every enabled root */
  GPtrArray   *folders;   /* (nullable) (element-type MmlRescanFolder): only these */
  GTask       *task;      /* (nullable): the caller waiting for it */
} ScanRequest;

static void
scan_request_fail (ScanRequest *request,
                   const char  *message)
{
  if (request->task != NULL)
    g_task_return_new_error (request->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", message);
}

static void
scan_request_free (ScanRequest *request)
{
  g_clear_object (&request->task);
  g_clear_pointer (&request->folders, g_ptr_array_unref);
  g_free (request);
}

static void
scan_queue_drop (MmlLibraryController *self)
{
  ScanRequest *request;

  while ((request = g_queue_pop_head (&self->scan_queue)) != NULL)
    {
      scan_request_fail (request, _("The scan was cancelled"));
      scan_request_free (request);
    }
}

static void
report_error (MmlLibraryController *self,
              const char           *what,
              const GError         *error)
{
  if (self->engine != NULL)
    mml_engine_report_error (self->engine, what, error);
}

/* --- models ---------------------------------------------------------------- */

static void
splice_all (GListStore *store,
            GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

/* Is @result a step of the reload in flight? A newer reload cancels the
 * older one, but a store job that had already run still completes (without
 * an error): its stale rows must not land, nor its step be counted against
 * the newer reload. (A finished task keeps its cancellable alive, so the
 * pointers cannot be confused.) */
static gboolean
reload_step_is_current (MmlLibraryController *self,
                        GAsyncResult         *result)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  return cancellable != NULL && cancellable == self->reload_cancellable;
}

/* @error: (nullable): why this part of the reload failed */
static void
reload_step_done (MmlLibraryController *self,
                  const GError         *error,
                  const char           *what)
{
  if (error != NULL)
    report_error (self, what, error);

  g_assert (self->reload_pending > 0);
  if (--self->reload_pending == 0)
    {
      _mml_move_watch_compare (self->move_watch, self);
      g_signal_emit (self, signals[RELOADED], 0);
    }
  if (self->reload_pending == 0 && self->loading)
    {
      gboolean first = !self->loaded;

      self->loaded = TRUE;
      self->loading = FALSE;
      if (first)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
roots_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibraryController) self = user_data;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((roots = mml_store_list_roots_finish (MML_STORE (object), result, &error)))
    splice_all (self->roots, roots);
  reload_step_done (self, error, _("Cannot load the library folders"));
}

/* A watcher batch usually touches a series or two: replace only the items
 * that changed (every field: metadata changes cards too), so the grid keeps
 * its scroll position and selection. */
static void
splice_series (GListStore *store,
               GPtrArray  *series)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (n != series->len)
    {
      splice_all (store, series);
      return;
    }

  /* one splice per run of changed items: matching changes many at once */
  for (guint i = 0; i < n;)
    {
      guint end = i;

      while (end < n)
        {
          g_autoptr(MmlSeriesItem) old = g_list_model_get_item (G_LIST_MODEL (store), end);

          if (mml_series_item_equal (old, g_ptr_array_index (series, end)))
            break;
          end++;
        }
      if (end > i)
        g_list_store_splice (store, i, end - i, series->pdata + i, end - i);
      i = end + 1;
    }
}

static void
series_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibraryController) self = user_data;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((series = mml_store_list_series_finish (MML_STORE (object), result, &error)))
    {
      splice_series (self->series, series);
      _mml_move_watch_set_series (self->move_watch, series);
    }
  reload_step_done (self, error, _("Cannot load the series"));
}

static void
unrecognised_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MmlLibraryController) self = user_data;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((files = mml_store_list_unrecognised_finish (MML_STORE (object), result, &error)))
    splice_all (self->unrecognised, files);
  reload_step_done (self, error, _("Cannot load the unrecognised files"));
}

static void
totals_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibraryController) self = user_data;
  g_autoptr(MmlLibraryTotals) totals = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((totals = mml_store_get_totals_finish (MML_STORE (object), result, &error)))
    {
      g_clear_pointer (&self->totals, mml_library_totals_unref);
      self->totals = g_steal_pointer (&totals);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTALS]);
    }
  reload_step_done (self, error, _("Cannot count the library"));
}

/* Reloads every model from the store; a reload still in flight is dropped.
 * mml_engine_reload() calls this. */
void
_mml_library_controller_reload (MmlLibraryController *self)
{
  if (!self->ready || self->shut_down)
    return;

  if (self->reload_cancellable != NULL)
    g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  self->reload_cancellable = g_cancellable_new ();
  self->reload_pending = 4 + MML_MOVE_WATCH_READS;
  _mml_move_watch_read_rules (self->move_watch, self, self->store, self->reload_cancellable);

  mml_store_list_roots_async (self->store, self->reload_cancellable,
                              roots_loaded_cb, g_object_ref (self));
  mml_store_list_series_async (self->store, self->reload_cancellable,
                               series_loaded_cb, g_object_ref (self));
  mml_store_list_unrecognised_async (self->store, self->reload_cancellable,
                                     unrecognised_loaded_cb, g_object_ref (self));
  mml_store_get_totals_async (self->store, self->reload_cancellable,
                              totals_loaded_cb, g_object_ref (self));
}

gboolean
_mml_library_controller_reload_step_is_current (MmlLibraryController *self,
                                                GAsyncResult         *result)
{
  return reload_step_is_current (self, result);
}

void
_mml_library_controller_reload_step_done (MmlLibraryController *self,
                                          const GError         *error,
                                          const char           *what)
{
  reload_step_done (self, error, what);
}

static void
reload_all (MmlLibraryController *self)
{
  if (self->engine != NULL)
    mml_engine_reload (self->engine);
}

/* --- the watcher ----------------------------------------------------------- */

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MmlLibraryController *self = user_data;

  self->reload_source = 0;
  reload_all (self);
  return G_SOURCE_REMOVE;
}

static void
watcher_changed_cb (MmlLibraryController *self,
                    GPtrArray            *events,
                    MmlWatcher           *watcher)
{
  gint64 root_id = -1;

  g_signal_emit (self, signals[FILES_CHANGED], 0, events);

  /* new and changed videos: their tracks, in the background */
  for (guint i = 0; i < events->len; i++)
    {
      MmlScanEvent *event = g_ptr_array_index (events, i);

      if (event->kind == MML_SCAN_EVENT_DELETED)
        continue;
      root_id = root_id < 0 || root_id == event->root_id ? event->root_id : 0;
    }
  if (root_id >= 0)
    queue_background_probe (self, root_id);

  if (self->reload_source == 0 && !self->shut_down)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
watcher_root_mode_changed_cb (MmlLibraryController *self,
                              gint64                root_id,
                              MmlWatcher           *watcher)
{
  g_signal_emit (self, signals[ROOT_MODE_CHANGED], 0, root_id);
}

static void
watcher_error_cb (MmlLibraryController *self,
                  const GError         *error,
                  MmlWatcher           *watcher)
{
  report_error (self, _("Monitoring failed"), error);
}

/* --- embedded tracks -------------------------------------------------------- */

static void start_background_probe (MmlLibraryController *self);

static void
set_probing (MmlLibraryController *self,
             gboolean              probing)
{
  if (self->probing == !!probing)
    return;
  self->probing = !!probing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBING]);
}

static void
probe_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  MmlLibraryController *self = user_data;

  if (!self->shut_down)
    g_signal_emit (self, signals[PROBE_PROGRESS], 0, done, total);
}

/* What every run does when it ends: tell, and show what it found */
static void
probe_ended (MmlLibraryController  *self,
             const MmlProbeSummary *summary,
             const GError          *error)
{
  if (self->shut_down)
    return;

  g_signal_emit (self, signals[PROBE_FINISHED], 0, summary, error);
  if (summary != NULL && summary->changed > 0)
    reload_all (self);
}

/* A scan's task waits for the run over what it saw */
typedef struct
{
  GTask          *task;      /* the scan's */
  MmlScanSummary *summary;
} ProbeWait;

static void
probe_wait_free (ProbeWait *wait)
{
  g_clear_object (&wait->task);
  g_clear_pointer (&wait->summary, mml_scan_summary_free);
  g_free (wait);
}

static void
probe_for_task_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ProbeWait *wait = user_data;
  MmlLibraryController *self = g_task_get_source_object (wait->task);
  MmlProbeSummary summary;
  GError *error = NULL;

  if (!mml_prober_run_finish (MML_STORE (object), result, &summary, &error))
    {
      probe_ended (self, NULL, error);
      g_task_return_error (wait->task, error);
    }
  else
    {
      probe_ended (self, &summary, NULL);
      g_task_return_pointer (wait->task, g_steal_pointer (&wait->summary),
                             (GDestroyNotify) mml_scan_summary_free);
    }
  probe_wait_free (wait);
}

/* Reads the tracks of what the scan of @root_id saw, then returns
 * @summary on @task */
static void
probe_for_task (MmlLibraryController *self,
                gint64                root_id,
                GTask                *task,
                MmlScanSummary       *summary)
{
  ProbeWait *wait = g_new0 (ProbeWait, 1);

  wait->task = g_object_ref (task);
  wait->summary = summary;
  if (self->scan_probe_cancellable == NULL)
    self->scan_probe_cancellable = g_cancellable_new ();

  mml_prober_run_async (self->store, root_id, NULL, MML_PROBER_DEFAULT_PARALLEL,
                        probe_progress_cb, g_object_ref (self), g_object_unref,
                        self->scan_probe_cancellable, probe_for_task_cb, wait);
}

static void
background_probe_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MmlLibraryController) self = user_data;
  g_autoptr(GError) error = NULL;
  MmlProbeSummary summary;
  gboolean ok;

  ok = mml_prober_run_finish (MML_STORE (object), result, &summary, &error);
  g_clear_object (&self->probe_cancellable);
  set_probing (self, FALSE);

  if (!ok && !self->shut_down && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_error (self, _("Could not read the subtitle tracks of the videos"), error);
  probe_ended (self, ok ? &summary : NULL, error);

  start_background_probe (self);
}

static void
start_background_probe (MmlLibraryController *self)
{
  gint64 root_id = self->probe_queued_root;

  if (self->probing || self->shut_down || !self->ready || root_id < 0)
    return;

  self->probe_queued_root = -1;
  self->probe_cancellable = g_cancellable_new ();
  set_probing (self, TRUE);
  mml_prober_run_async (self->store, root_id, NULL, MML_PROBER_DEFAULT_PARALLEL,
                        probe_progress_cb, g_object_ref (self), g_object_unref,
                        self->probe_cancellable, background_probe_cb, g_object_ref (self));
}

/* Queues a background run over @root_id (0: every enabled root) when the
 * engine works by itself; runs queued while one runs are merged. */
static void
queue_background_probe (MmlLibraryController *self,
                        gint64                root_id)
{
  if (self->shut_down || self->engine == NULL || !mml_engine_get_automatic (self->engine))
    return;

  if (self->probe_queued_root < 0)
    self->probe_queued_root = root_id;
  else if (self->probe_queued_root != root_id)
    self->probe_queued_root = 0;

  start_background_probe (self);
}

/* --- scans ----------------------------------------------------------------- */

static void start_next_scan (MmlLibraryController *self);

static void
set_scan_progress (MmlLibraryController *self,
                   double                fraction,
                   const char           *path)
{
  if (self->scan_fraction != fraction)
    {
      self->scan_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_FRACTION]);
    }

  if (g_strcmp0 (self->scan_path, path) != 0)
    {
      g_free (self->scan_path);
      self->scan_path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_PATH]);
    }
}

static void
scan_progress_cb (guint       done,
                  guint       total,
                  const char *current,
                  gpointer    user_data)
{
  MmlLibraryController *self = user_data;

  set_scan_progress (self, total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : 0.0, current);
  g_signal_emit (self, signals[SCAN_PROGRESS], 0, done, total, current);
}

static void
set_scanning (MmlLibraryController *self,
              gboolean              scanning,
              gint64                root_id)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->scan_root_id != root_id)
    {
      self->scan_root_id = root_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_ROOT_ID]);
    }

  if (self->scanning != !!scanning)
    {
      self->scanning = !!scanning;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
    }

  set_scan_progress (self, 0.0, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
scan_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibraryController) self = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  ScanRequest *request = g_steal_pointer (&self->scan_current);

  summary = mml_scan_finish (MML_STORE (object), result, &error);

  g_clear_object (&self->scan_cancellable);
  set_scanning (self, FALSE, 0);

  if (!self->shut_down)
    g_signal_emit (self, signals[SCAN_FINISHED], 0, summary, error);

  /* the embedded tracks of what the scan saw (a cancelled scan keeps the
   * roots it finished): before its task returns, or in the background */
  if (!self->shut_down && !self->probe_after_scan &&
      (summary != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    queue_background_probe (self, request->root_id);

  if (request->task != NULL && summary != NULL && self->probe_after_scan && !self->shut_down)
    probe_for_task (self, request->root_id, request->task, g_steal_pointer (&summary));
  else if (request->task != NULL && summary != NULL)
    g_task_return_pointer (request->task, g_steal_pointer (&summary), (GDestroyNotify) mml_scan_summary_free);
  else if (request->task != NULL)
    g_task_return_error (request->task, g_error_copy (error));
  scan_request_free (request);

  if (self->shut_down)
    return;

  /* A cancelled scan keeps the roots it finished: show them too */
  reload_all (self);
  start_next_scan (self);
}

/* Starts the next queued scan, unless the store is not open yet, a scan is
 * running or the engine is shut down. */
static void
start_next_scan (MmlLibraryController *self)
{
  ScanRequest *next;
  MmlScanRequest *request;

  if (!self->ready || self->scanning || self->shut_down)
    return;

  if (!(next = g_queue_pop_head (&self->scan_queue)))
    return;

  request = mml_scan_request_new (next->mode);
  if (next->root_id > 0)
    mml_scan_request_set_root (request, next->root_id);
  for (guint i = 0; next->folders != NULL && i < next->folders->len; i++)
    {
      MmlRescanFolder *folder = g_ptr_array_index (next->folders, i);

      mml_scan_request_add_subtree (request, folder->root_id, folder->folder);
    }
  mml_scan_request_set_progress (request, scan_progress_cb, g_object_ref (self), g_object_unref);

  self->scan_current = next;
  self->scan_cancellable = g_cancellable_new ();
  set_scanning (self, TRUE, next->root_id);

  mml_scan_async (self->store, request, self->scan_cancellable,
                  scan_finished_cb, g_object_ref (self));
}

/* @folders: (nullable): only these folders (and what is below them) */
static void
queue_scan (MmlLibraryController *self,
            MmlScanMode           mode,
            gint64                root_id,
            GPtrArray            *folders,
            GTask                *task)
{
  ScanRequest *request = NULL;

  if (self->shut_down)
    {
      if (task != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The library is closing"));
      return;
    }

  /* the same request, already queued, is not queued twice (a caller who
   * waits for its summary gets a run of its own) */
  for (GList *l = self->scan_queue.head; l != NULL && task == NULL; l = l->next)
    {
      ScanRequest *queued = l->data;

      if (queued->root_id == root_id && queued->mode == mode && queued->task == NULL &&
          queued->folders == NULL && folders == NULL)
        return;
    }

  request = g_new0 (ScanRequest, 1);
  request->mode = mode;
  request->root_id = root_id;
  request->folders = folders != NULL ? g_ptr_array_ref (folders) : NULL;
  request->task = task != NULL ? g_object_ref (task) : NULL;
  g_queue_push_tail (&self->scan_queue, request);

  start_next_scan (self);
}

/* --- roots ----------------------------------------------------------------- */

/* After any change to the roots: the models and the watcher follow */
static void
roots_changed (MmlLibraryController *self)
{
  if (self->shut_down)
    return;
  reload_all (self);
  if (self->watcher != NULL)
    mml_watcher_reload (self->watcher);
}

/* A task with no callback reports its failure as the engine's "error" */
typedef struct
{
  const char *failure;   /* static, translated at use */
  gboolean    report;
} RootOp;

static void
root_op_failed (GTask        *task,
                GError       *error)
{
  MmlLibraryController *self = g_task_get_source_object (task);
  RootOp *op = g_task_get_task_data (task);

  if (op != NULL && op->report)
    report_error (self, _(op->failure), error);
  g_task_return_error (task, error);
}

static GTask *
root_task_new (MmlLibraryController *self,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data,
               gpointer              source_tag,
               const char           *failure)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RootOp *op = g_new0 (RootOp, 1);

  g_task_set_source_tag (task, source_tag);
  op->failure = failure;
  op->report = callback == NULL;
  g_task_set_task_data (task, op, g_free);
  return task;
}

static void
root_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibraryController *self = g_task_get_source_object (task);
  g_autoptr(MmlRoot) root = NULL;
  GError *error = NULL;

  if (!(root = mml_store_add_root_finish (MML_STORE (object), result, &error)))
    {
      root_op_failed (task, error);
      return;
    }

  roots_changed (self);
  /* a first look at the new folder, unless the owner scans when it says
   * so (the CLI) */
  if (self->scan_new_roots)
    mml_library_controller_scan (self, MML_SCAN_QUICK, mml_root_get_id (root));

  g_task_return_pointer (task, g_steal_pointer (&root), g_object_unref);
}

/**
 * mml_library_controller_add_root_async:
 *
 * Adds @path as a library folder (the store refuses one that does not
 * exist, is not a folder, or is the same as, inside or around another);
 * on success the models reload, the watcher follows and a quick scan of
 * the new root is queued (unless mml_library_controller_set_scan_new_roots()
 * turned that off).
 */
void
mml_library_controller_add_root_async (MmlLibraryController *self,
                                       const char           *path,
                                       MmlRootKind           kind,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));
  g_return_if_fail (path != NULL);

  task = root_task_new (self, cancellable, callback, user_data,
                        mml_library_controller_add_root_async, N_("Cannot add the library folder"));
  mml_store_add_root_async (self->store, path, kind, cancellable, root_added_cb, task);
}

/**
 * mml_library_controller_add_root_finish:
 *
 * Returns: (transfer full) (nullable): the new root, or %NULL with @error set
 */
MmlRoot *
mml_library_controller_add_root_finish (MmlLibraryController  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
root_removed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibraryController *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!mml_store_remove_root_finish (MML_STORE (object), result, &error))
    root_op_failed (task, error);
  else
    g_task_return_boolean (task, TRUE);
  roots_changed (self);
}

/**
 * mml_library_controller_remove_root_async:
 *
 * Forgets a library folder and everything the library knew about it.
 * Nothing on disk is touched. With no @callback, a failure is reported
 * as the engine's "error".
 */
void
mml_library_controller_remove_root_async (MmlLibraryController *self,
                                          gint64                root_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = root_task_new (self, cancellable, callback, user_data,
                        mml_library_controller_remove_root_async, N_("Cannot remove the library folder"));
  mml_store_remove_root_async (self->store, root_id, cancellable != NULL ? cancellable : self->cancellable,
                               root_removed_cb, task);
}

gboolean
mml_library_controller_remove_root_finish (MmlLibraryController  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
root_updated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibraryController *self = g_task_get_source_object (task);
  GError *error = NULL;
  MmlRoot *root;

  if (!(root = mml_store_update_root_finish (MML_STORE (object), result, &error)))
    root_op_failed (task, error);
  else
    g_task_return_pointer (task, root, g_object_unref);
  roots_changed (self);
}

/**
 * mml_library_controller_update_root_async:
 * @enabled: 0 or 1, or -1 to keep it
 * @kind: an #MmlRootKind, or -1 to keep it
 *
 * With no @callback, a failure is reported as the engine's "error".
 */
void
mml_library_controller_update_root_async (MmlLibraryController *self,
                                          gint64                root_id,
                                          int                   enabled,
                                          int                   kind,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = root_task_new (self, cancellable, callback, user_data,
                        mml_library_controller_update_root_async, N_("Cannot change the library folder"));
  mml_store_update_root_async (self->store, root_id, enabled, kind,
                               cancellable != NULL ? cancellable : self->cancellable,
                               root_updated_cb, task);
}

/**
 * mml_library_controller_update_root_finish:
 *
 * Returns: (transfer full) (nullable): the root as it is now
 */
MmlRoot *
mml_library_controller_update_root_finish (MmlLibraryController  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_library_controller_remove_root (MmlLibraryController *self,
                                    gint64                root_id)
{
  mml_library_controller_remove_root_async (self, root_id, NULL, NULL, NULL);
}

void
mml_library_controller_set_root_enabled (MmlLibraryController *self,
                                         gint64                root_id,
                                         gboolean              enabled)
{
  MmlRoot *root;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  root = mml_library_controller_find_root (self, root_id);
  if (root != NULL && mml_root_get_enabled (root) == !!enabled)
    return;
  mml_library_controller_update_root_async (self, root_id, !!enabled, -1, NULL, NULL, NULL);
}

void
mml_library_controller_set_root_kind (MmlLibraryController *self,
                                      gint64                root_id,
                                      MmlRootKind           kind)
{
  MmlRoot *root;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  root = mml_library_controller_find_root (self, root_id);
  if (root != NULL && mml_root_get_kind (root) == kind)
    return;
  mml_library_controller_update_root_async (self, root_id, -1, kind, NULL, NULL, NULL);
}

/* --- GObject --------------------------------------------------------------- */

static void
mml_library_controller_dispose (GObject *object)
{
  MmlLibraryController *self = MML_LIBRARY_CONTROLLER (object);

  _mml_library_controller_shutdown (self);
  mml_library_controller_set_watcher (self, NULL);

  G_OBJECT_CLASS (mml_library_controller_parent_class)->dispose (object);
}

static void
mml_library_controller_finalize (GObject *object)
{
  MmlLibraryController *self = MML_LIBRARY_CONTROLLER (object);

  scan_queue_drop (self);
  g_clear_object (&self->store);
  g_clear_object (&self->roots);
  g_clear_object (&self->series);
  g_clear_object (&self->unrecognised);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_pointer (&self->move_watch, _mml_move_watch_free);
  g_clear_object (&self->scan_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->scan_probe_cancellable);
  g_clear_pointer (&self->totals, mml_library_totals_unref);
  g_free (self->scan_path);

  G_OBJECT_CLASS (mml_library_controller_parent_class)->finalize (object);
}

static void
mml_library_controller_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MmlLibraryController *self = MML_LIBRARY_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_TOTALS:
      g_value_set_boxed (value, self->totals);
      break;
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
      break;
    case PROP_SCAN_ROOT_ID:
      g_value_set_int64 (value, self->scan_root_id);
      break;
    case PROP_SCAN_FRACTION:
      g_value_set_double (value, self->scan_fraction);
      break;
    case PROP_SCAN_PATH:
      g_value_set_string (value, self->scan_path);
      break;
    case PROP_WATCHER:
      g_value_set_object (value, self->watcher);
      break;
    case PROP_PROBE_AFTER_SCAN:
      g_value_set_boolean (value, self->probe_after_scan);
      break;
    case PROP_PROBING:
      g_value_set_boolean (value, self->probing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_library_controller_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MmlLibraryController *self = MML_LIBRARY_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_WATCHER:
      mml_library_controller_set_watcher (self, g_value_get_object (value));
      break;
    case PROP_PROBE_AFTER_SCAN:
      mml_library_controller_set_probe_after_scan (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_library_controller_class_init (MmlLibraryControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mml_library_controller_dispose;
  object_class->finalize = mml_library_controller_finalize;
  object_class->get_property = mml_library_controller_get_property;
  object_class->set_property = mml_library_controller_set_property;

  /**
   * MmlLibraryController:loaded:
   *
   * Whether the models have loaded once: until then an empty model says
   * nothing of the library (the views show no empty state yet).
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE, ro);
  properties[PROP_TOTALS] =
    g_param_spec_boxed ("totals", NULL, NULL, MML_TYPE_LIBRARY_TOTALS, ro);
  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL, FALSE, ro);
  properties[PROP_SCAN_ROOT_ID] =
    g_param_spec_int64 ("scan-root-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SCAN_FRACTION] =
    g_param_spec_double ("scan-fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_SCAN_PATH] =
    g_param_spec_string ("scan-path", NULL, NULL, NULL, ro);
  properties[PROP_WATCHER] =
    g_param_spec_object ("watcher", NULL, NULL, MML_TYPE_WATCHER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MmlLibraryController:probe-after-scan:
   *
   * Whether a scan's task returns only once the embedded subtitle tracks
   * of the videos it saw are read (the CLI). Off, they are read in the
   * background after the scan, when the engine works by itself.
   */
  properties[PROP_PROBE_AFTER_SCAN] =
    g_param_spec_boolean ("probe-after-scan", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MmlLibraryController:probing:
   *
   * Whether embedded tracks are being read in the background.
   */
  properties[PROP_PROBING] =
    g_param_spec_boolean ("probing", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlLibraryController::files-changed:
   * @events: (element-type MmlScanEvent): what the watcher just applied
   */
  /**
   * MmlLibraryController::move-suggested:
   * @series: the series, as just loaded
   * @status: the MmlViewingStatus it just took (completed or dropped)
   * @destination: the folder its move rule names
   *
   * A series' status just became one with a move rule, and the series is
   * not in that folder yet: the front end may offer the move. Once per
   * change of status, never for what the first load of the library
   * found. Nothing moves by itself.
   */
  signals[MOVE_SUGGESTED] =
    g_signal_new ("move-suggested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  MML_TYPE_SERIES_ITEM, G_TYPE_INT, G_TYPE_STRING);

  /**
   * MmlLibraryController::reloaded:
   *
   * Every step of a reload of the models is done (each model spliced,
   * the move rules' suggestions made).
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[FILES_CHANGED] =
    g_signal_new ("files-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  /**
   * MmlLibraryController::scan-finished:
   * @summary: (nullable): the MmlScanSummary, %NULL on failure
   * @error: (nullable): the GError, %NULL on success
   */
  signals[SCAN_FINISHED] =
    g_signal_new ("scan-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);

  /**
   * MmlLibraryController::scan-progress:
   * @done: entries walked
   * @total: entries known so far
   * @path: (nullable): the folder being walked (filename encoding)
   */
  signals[SCAN_PROGRESS] =
    g_signal_new ("scan-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * MmlLibraryController::root-mode-changed:
   * @root_id: the root whose monitoring mode changed
   */
  signals[ROOT_MODE_CHANGED] =
    g_signal_new ("root-mode-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * MmlLibraryController::probe-progress:
   * @done: videos read
   * @total: videos to read in this run
   */
  signals[PROBE_PROGRESS] =
    g_signal_new ("probe-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * MmlLibraryController::probe-finished:
   * @summary: (nullable): the MmlProbeSummary, %NULL on failure
   * @error: (nullable): the GError, %NULL on success
   *
   * A run over embedded subtitle tracks ended (in the background or for
   * a scan); the models reload when it found anything.
   */
  signals[PROBE_FINISHED] =
    g_signal_new ("probe-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
}

static void
mml_library_controller_init (MmlLibraryController *self)
{
  self->roots = g_list_store_new (MML_TYPE_ROOT);
  self->series = g_list_store_new (MML_TYPE_SERIES_ITEM);
  self->unrecognised = g_list_store_new (MML_TYPE_UNRECOGNISED_FILE);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  self->scan_new_roots = TRUE;
  self->probe_queued_root = -1;
  self->move_watch = _mml_move_watch_new ();
  g_queue_init (&self->scan_queue);
}

MmlStore *
_mml_library_controller_get_store (MmlLibraryController *self)
{
  return mml_engine_get_store (self->engine);
}

/**
 * mml_library_controller_set_probe_after_scan:
 *
 * Whether a scan waited for with mml_library_controller_scan_async()
 * completes only once the embedded subtitle tracks of the videos it saw
 * are known (the CLI's `scan`). Off (the default), they are read in the
 * background after each scan, when the engine works by itself, so a scan
 * is never held up by them.
 */
void
mml_library_controller_set_probe_after_scan (MmlLibraryController *self,
                                             gboolean              probe)
{
  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  if (self->probe_after_scan == !!probe)
    return;
  self->probe_after_scan = !!probe;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBE_AFTER_SCAN]);
}

gboolean
mml_library_controller_get_probe_after_scan (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), FALSE);
  return self->probe_after_scan;
}

/**
 * mml_library_controller_get_probing:
 *
 * Returns: whether embedded subtitle tracks are being read in the background
 */
gboolean
mml_library_controller_get_probing (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), FALSE);
  return self->probing;
}

/**
 * mml_library_controller_set_scan_new_roots:
 *
 * Whether a root is scanned as soon as it is added (the default; the CLI
 * scans when the user says so).
 */
void
mml_library_controller_set_scan_new_roots (MmlLibraryController *self,
                                           gboolean              scan)
{
  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));
  self->scan_new_roots = !!scan;
}

/* --- the engine's hooks ---------------------------------------------------- */

MmlLibraryController *
_mml_library_controller_new (MmlEngine *engine)
{
  MmlLibraryController *self = g_object_new (MML_TYPE_LIBRARY_CONTROLLER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  return self;
}

/* The store is open: start watching (catches up with what changed while
 * nothing ran, then follows the disk), load the models, run queued scans */
void
_mml_library_controller_opened (MmlLibraryController *self,
                                gboolean              watch)
{
  self->ready = TRUE;

  if (watch)
    mml_library_controller_start_watcher (self);

  start_next_scan (self);

  /* videos an earlier run did not get to */
  queue_background_probe (self, 0);
}

/* Opening failed: nothing will load */
void
_mml_library_controller_open_failed (MmlLibraryController *self)
{
  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* Cancels the running scan and every pending read. Safe to call twice. */
void
_mml_library_controller_shutdown (MmlLibraryController *self)
{
  if (self->shut_down)
    return;

  self->shut_down = TRUE;
  if (!self->ready)
    _mml_library_controller_open_failed (self);
  if (self->watcher != NULL)
    mml_watcher_stop (self->watcher);
  scan_queue_drop (self);
  g_cancellable_cancel (self->cancellable);
  if (self->reload_cancellable != NULL)
    g_cancellable_cancel (self->reload_cancellable);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  if (self->probe_cancellable != NULL)
    g_cancellable_cancel (self->probe_cancellable);
  if (self->scan_probe_cancellable != NULL)
    g_cancellable_cancel (self->scan_probe_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
}

/* --- public API ------------------------------------------------------------ */

/**
 * mml_library_controller_get_loading:
 *
 * Returns: %TRUE until the models have been loaded once (or opening failed)
 */
gboolean
mml_library_controller_get_loading (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), FALSE);
  return self->loading;
}

/**
 * mml_library_controller_get_roots:
 *
 * Returns: (transfer none): the #MmlRoot of every library folder
 */
GListModel *
mml_library_controller_get_roots (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->roots);
}

/**
 * mml_library_controller_get_series:
 *
 * Returns: (transfer none): every #MmlSeriesItem, sorted by title
 */
GListModel *
mml_library_controller_get_series (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->series);
}

/**
 * mml_library_controller_get_unrecognised:
 *
 * Returns: (transfer none): the #MmlUnrecognisedFile of every open conflict
 */
GListModel *
mml_library_controller_get_unrecognised (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->unrecognised);
}

/**
 * mml_library_controller_get_loaded:
 *
 * Returns: whether the models have loaded once (see #MmlLibraryController:loaded)
 */
gboolean
mml_library_controller_get_loaded (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), FALSE);

  return self->loaded;
}

/**
 * mml_library_controller_get_totals:
 *
 * Returns: (transfer none) (nullable): the totals, once loaded
 */
MmlLibraryTotals *
mml_library_controller_get_totals (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);
  return self->totals;
}

/**
 * mml_library_controller_find_root:
 *
 * Returns: (transfer none) (nullable): the root with @root_id
 */
MmlRoot *
mml_library_controller_find_root (MmlLibraryController *self,
                                  gint64                root_id)
{
  guint n;

  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->roots));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlRoot) root = g_list_model_get_item (G_LIST_MODEL (self->roots), i);

      if (mml_root_get_id (root) == root_id)
        return root;   /* the model keeps a reference */
    }

  return NULL;
}

/**
 * mml_library_controller_scan:
 * @root_id: a root, or 0 for every enabled root
 *
 * Queues a scan; scans run one at a time, and the models reload after each.
 */
void
mml_library_controller_scan (MmlLibraryController *self,
                             MmlScanMode           mode,
                             gint64                root_id)
{
  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  queue_scan (self, mode, root_id, NULL, NULL);
}

/**
 * mml_library_controller_scan_async:
 *
 * Queues a scan like mml_library_controller_scan() and completes when it
 * has run. Progress: "scan-progress", "scan-fraction", "scan-path".
 * Cancelling @cancellable cancels the scan (and drops the queued ones).
 */
void
mml_library_controller_scan_async (MmlLibraryController *self,
                                   MmlScanMode           mode,
                                   gint64                root_id,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mml_library_controller_scan_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled",
                             G_CALLBACK (mml_library_controller_cancel_scan), self, G_CONNECT_SWAPPED);
  queue_scan (self, mode, root_id, NULL, task);
}

/**
 * mml_library_controller_scan_finish:
 *
 * Returns: (transfer full) (nullable): what the scan found and changed
 */
MmlScanSummary *
mml_library_controller_scan_finish (MmlLibraryController  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_library_controller_cancel_scan:
 *
 * Cancels the running scan and drops the queued ones.
 */
void
mml_library_controller_cancel_scan (MmlLibraryController *self)
{
  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  scan_queue_drop (self);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  /* and the reads a scan's task waits for */
  if (self->scan_probe_cancellable != NULL)
    {
      g_cancellable_cancel (self->scan_probe_cancellable);
      g_clear_object (&self->scan_probe_cancellable);
    }
}

gboolean
mml_library_controller_get_scanning (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), FALSE);
  return self->scanning;
}

/**
 * mml_library_controller_get_scan_root_id:
 *
 * Returns: the root being scanned, or 0 when every root is (or none)
 */
gint64
mml_library_controller_get_scan_root_id (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), 0);
  return self->scan_root_id;
}

double
mml_library_controller_get_scan_fraction (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), 0.0);
  return self->scan_fraction;
}

/**
 * mml_library_controller_get_scan_path:
 *
 * Returns: (nullable) (type filename): the folder being scanned
 */
const char *
mml_library_controller_get_scan_path (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);
  return self->scan_path;
}

/**
 * mml_library_controller_set_watcher:
 * @watcher: (nullable): the watcher keeping the store in step with the disk
 *
 * The models reload after each batch of changes the watcher applies.
 */
void
mml_library_controller_set_watcher (MmlLibraryController *self,
                                    MmlWatcher           *watcher)
{
  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));
  g_return_if_fail (watcher == NULL || MML_IS_WATCHER (watcher));

  if (self->watcher == watcher)
    return;

  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_set_object (&self->watcher, watcher);

  if (watcher != NULL)
    {
      g_signal_connect_object (watcher, "changed",
                               G_CALLBACK (watcher_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (watcher, "root-mode-changed",
                               G_CALLBACK (watcher_root_mode_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (watcher, "error",
                               G_CALLBACK (watcher_error_cb), self, G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHER]);
}

/**
 * mml_library_controller_start_watcher:
 *
 * Keeps the library in step with the disk from now on: a watcher on the
 * engine's store (made if there is none) catches up with what changed
 * while nothing watched, then follows the disk. The models reload after
 * each batch it applies.
 *
 * Returns: (transfer none): the watcher, started
 */
MmlWatcher *
mml_library_controller_start_watcher (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);

  if (self->watcher == NULL)
    {
      g_autoptr(MmlWatcher) watcher = mml_watcher_new (self->store);

      if (self->settle_ms > 0)
        mml_watcher_set_settle_time (watcher, self->settle_ms);
      mml_library_controller_set_watcher (self, watcher);
      mml_watcher_start (watcher);
    }
  return self->watcher;
}

/**
 * mml_library_controller_set_settle_time:
 * @milliseconds: how long a file must stay unchanged before it is applied
 *
 * For the watcher started by mml_library_controller_start_watcher(), now
 * or later (tests and scripts shorten it; the default suits downloads).
 */
void
mml_library_controller_set_settle_time (MmlLibraryController *self,
                                        guint                 milliseconds)
{
  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  self->settle_ms = milliseconds;
  if (self->watcher != NULL && milliseconds > 0)
    mml_watcher_set_settle_time (self->watcher, milliseconds);
}

/**
 * mml_library_controller_get_watcher:
 *
 * Returns: (transfer none) (nullable): the watcher
 */
MmlWatcher *
mml_library_controller_get_watcher (MmlLibraryController *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), NULL);
  return self->watcher;
}

/**
 * mml_library_controller_get_root_mode:
 * @reason: (out) (optional) (transfer none): why, for polling and unavailable
 *
 * Returns: how @root_id is monitored; %MML_WATCH_OFF without a watcher
 */
MmlWatchMode
mml_library_controller_get_root_mode (MmlLibraryController  *self,
                                      gint64                 root_id,
                                      const char           **reason)
{
  g_return_val_if_fail (MML_IS_LIBRARY_CONTROLLER (self), MML_WATCH_OFF);

  if (reason != NULL)
    *reason = NULL;
  if (self->watcher == NULL)
    return MML_WATCH_OFF;
  return mml_watcher_get_root_mode (self->watcher, root_id, reason);
}

static void
detail_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MmlSeriesDetail *detail = mml_store_get_series_detail_finish (MML_STORE (object), result, &error);

  if (detail == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, detail, (GDestroyNotify) mml_series_detail_unref);
}

/**
 * mml_library_controller_get_series_detail_async:
 *
 * Reads one series with its seasons, episodes and files, off the main
 * thread.
 */
void
mml_library_controller_get_series_detail_async (MmlLibraryController *self,
                                                gint64                series_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_controller_get_series_detail_async);
  mml_store_get_series_detail_async (self->store, series_id, cancellable, detail_loaded_cb, task);
}

/**
 * mml_library_controller_get_series_detail_finish:
 *
 * Returns: (transfer full) (nullable): the series, or %NULL with @error set
 */
MmlSeriesDetail *
mml_library_controller_get_series_detail_finish (MmlLibraryController  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_library_controller_get_history_async:
 * @n_weeks: how many weeks, this one the last
 *
 * Reads the library's history for the dashboard's charts, on the store's
 * thread.
 */
void
mml_library_controller_get_history_async (MmlLibraryController *self,
                                          guint                 n_weeks,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = _mml_forward_new (self, mml_library_controller_get_history_async,
                           (MmlForwardFinish) mml_store_get_history_finish,
                           (GDestroyNotify) mml_library_history_unref,
                           cancellable, callback, user_data);
  mml_store_get_history_async (self->store, n_weeks, cancellable, _mml_forward_cb, task);
}

/**
 * mml_library_controller_get_history_finish:
 *
 * Returns: (transfer full) (nullable): the history, or %NULL with @error set
 */
MmlLibraryHistory *
mml_library_controller_get_history_finish (MmlLibraryController  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  return _mml_forward_finish (self, result, mml_library_controller_get_history_async, error);
}

static void
roots_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *roots = mml_store_list_roots_finish (MML_STORE (object), result, &error);

  if (roots == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, roots, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mml_library_controller_list_roots_async:
 *
 * Reads the library folders from the store as they are now (the "roots"
 * model is for views and follows reloads).
 */
void
mml_library_controller_list_roots_async (MmlLibraryController *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_controller_list_roots_async);
  mml_store_list_roots_async (self->store, cancellable, roots_listed_cb, task);
}

/**
 * mml_library_controller_list_roots_finish:
 *
 * Returns: (transfer full) (element-type MmlRoot): the roots
 */
GPtrArray *
mml_library_controller_list_roots_finish (MmlLibraryController  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
files_dumped_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *out = mml_store_dump_files_finish (MML_STORE (object), result, &error);

  if (out == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, out, (GDestroyNotify) g_bytes_unref);
}

/**
 * mml_library_controller_dump_files_async:
 * @root_id: one root, or 0 for all
 *
 * Every video file with what was parsed from it, as text or JSON lines.
 */
void
mml_library_controller_dump_files_async (MmlLibraryController *self,
                                         gint64                root_id,
                                         MmlFilesFormat        format,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_controller_dump_files_async);
  mml_store_dump_files_async (self->store, root_id, format, cancellable, files_dumped_cb, task);
}

/**
 * mml_library_controller_dump_files_finish:
 *
 * Returns: (transfer full): the dump
 */
GBytes *
mml_library_controller_dump_files_finish (MmlLibraryController  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- videos placed by hand ------------------------------------------------ */

/* What an assignment's task holds until its folders are scanned */
typedef struct
{
  MmlAssignment *assignment;
} AssignOp;

static void
assign_op_free (AssignOp *op)
{
  g_clear_pointer (&op->assignment, mml_assignment_free);
  g_free (op);
}

static void
assign_rescanned_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  AssignOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(summary = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      /* the store has the user's word: the next scan of the folders places them */
      g_prefix_error (&error, _("The files are assigned, but their folders could not be scanned: "));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&op->assignment), (GDestroyNotify) mml_assignment_free);
}

/* The store wrote the overrides (or forgot them): scan the folders of the
 * files, quickly (only their stale files are parsed again), so that the
 * task completes with the library up to date; the models reload after
 * that scan as after any. */
static void
assign_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibraryController *self = g_task_get_source_object (task);
  AssignOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) scan_task = NULL;
  GError *error = NULL;

  if (g_task_get_source_tag (task) == mml_library_controller_assign_files_async)
    op->assignment = mml_store_assign_files_finish (MML_STORE (source), result, &error);
  else
    op->assignment = mml_store_unassign_files_finish (MML_STORE (source), result, &error);
  if (op->assignment == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  scan_task = g_task_new (self, NULL, assign_rescanned_cb, g_object_ref (task));
  queue_scan (self, MML_SCAN_QUICK, 0, op->assignment->folders, scan_task);
}

static GTask *
assign_task_new (MmlLibraryController *self,
                 GCancellable         *cancellable,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data,
                 gpointer              source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (AssignOp, 1), (GDestroyNotify) assign_op_free);
  return task;
}

/**
 * mml_library_controller_assign_files_async:
 * @file_ids: (array length=n_files): videos of the library, placed by their
 *   names or not (an unrecognised file, one parsed wrong)
 * @series_id: the series they belong to
 * @season: their season, or -1 when @first_episode is an absolute number
 * @first_episode: the episode of the first file by path; each next file
 *   holds the episodes after the one before
 * @episodes_per_file: the episodes in each file: 1, or 2 for double
 *   episodes (E05-E06, E07-E08…), …
 *
 * Places videos by hand, Sonarr's manual import: the store remembers where
 * the user said they go, and every scan from now on places them there
 * whatever their names say (mml_store_assign_files_async()); a file keeps
 * its assignment when the library sees it renamed, and loses it with its
 * series. Completes once the folders of the files are scanned again, so
 * the library holds the files where they were assigned; the models reload
 * after that scan. Assigning a file again replaces its assignment.
 */
void
mml_library_controller_assign_files_async (MmlLibraryController *self,
                                           const gint64         *file_ids,
                                           guint                 n_files,
                                           gint64                series_id,
                                           int                   season,
                                           int                   first_episode,
                                           guint                 episodes_per_file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));
  g_return_if_fail (file_ids != NULL && n_files > 0);
  g_return_if_fail (season >= -1);
  g_return_if_fail (episodes_per_file >= 1 && episodes_per_file <= MML_ASSIGN_MAX_EPISODES_PER_FILE);

  task = assign_task_new (self, cancellable, callback, user_data, mml_library_controller_assign_files_async);
  mml_store_assign_files_async (self->store, file_ids, n_files, series_id, season, first_episode,
                                episodes_per_file, cancellable, assign_written_cb, task);
}

/**
 * mml_library_controller_assign_files_finish:
 *
 * Returns: (transfer full) (nullable): each file with the episodes it was
 *   assigned (by path), and the folders scanned again
 */
MmlAssignment *
mml_library_controller_assign_files_finish (MmlLibraryController  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_library_controller_unassign_files_async:
 * @file_ids: (array length=n_files): videos assigned by hand
 *
 * Forgets the assignments of the videos: they are placed by their names
 * again. Completes once their folders are scanned again.
 */
void
mml_library_controller_unassign_files_async (MmlLibraryController *self,
                                             const gint64         *file_ids,
                                             guint                 n_files,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));
  g_return_if_fail (file_ids != NULL && n_files > 0);

  task = assign_task_new (self, cancellable, callback, user_data, mml_library_controller_unassign_files_async);
  mml_store_unassign_files_async (self->store, file_ids, n_files, cancellable, assign_written_cb, task);
}

/**
 * mml_library_controller_unassign_files_finish:
 *
 * Returns: (transfer full) (nullable): the files (season -1, first and
 *   last 0) and the folders scanned again
 */
MmlAssignment *
mml_library_controller_unassign_files_finish (MmlLibraryController  *self,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
