/* mml-scheduler.c — the background jobs (see mml-scheduler.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The jobs' state is in the store (table jobs), read afresh at every
 * decision, so a change made by `mml jobs set` in another process counts
 * and two processes see each other's running job. One job runs at a
 * time. The next run is planned from when a run ended, so after a
 * suspend a job runs once, not once per missed interval; the wake-up is
 * never further than a quarter of an hour away, so a resume is noticed
 * that soon (the monotonic clock timeouts run on stops while suspended).
 */
#define G_LOG_DOMAIN "mml-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mml-engine-private.h"
#include "mml-jobs-store.h"
#include "mml-scheduler.h"
#include "mml-store-private.h"

/* Never sleep longer than this: a suspend is noticed by then */
#define MAX_SLEEP_S (15 * 60)
#define MIN_SLEEP_S 5
/* Posters unused this long are removed by the cache job */
#define POSTER_MAX_AGE_S (90 * 24 * 3600)
/* The activity log keeps this many days unless told otherwise */
#define ACTIVITY_KEEP_DAYS 90
#define DAY_S (24 * 3600)

/* A job that had nothing it could do is not a failure */
#define SKIPPED_QUARK (g_quark_from_static_string ("mml-scheduler-skipped"))

typedef struct _JobDef JobDef;

/* What each job is; its interval and whether it is on by default are in
 * default_intervals[] and default_enabled[] below, in the same order */
struct _JobDef
{
  const char *name;
  gboolean    needs_network;
  gboolean    heavy;            /* deferred on metered networks and in power-saver mode */
  void      (*run) (MmlScheduler *self, GTask *task);
};

struct _MmlScheduler
{
  GObject       parent_instance;

  MmlEngine    *engine;         /* owns us */
  MmlStore     *store;
  MmlClock     *clock;
  GCancellable *cancellable;
  guint         timer;
  gulong        network_handler;
  char         *running;        /* the job running in this process, or NULL */
  gboolean      started;
  gboolean      paused;
  gboolean      ticking;
  guint         activity_keep_days;
};

G_DEFINE_FINAL_TYPE (MmlScheduler, mml_scheduler, G_TYPE_OBJECT)

enum
{
  SIGNAL_JOB_STARTED,
  SIGNAL_JOB_FINISHED,
  SIGNAL_ACTIVITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_ACTIVITY_KEEP_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_scan      (MmlScheduler *self, GTask *task);
static void run_refresh   (MmlScheduler *self, GTask *task);
static void run_subtitles (MmlScheduler *self, GTask *task);
static void run_sync      (MmlScheduler *self, GTask *task);
static void run_cache     (MmlScheduler *self, GTask *task);

static const JobDef jobs[] = {
  { "cache",     FALSE, FALSE, run_cache },
  { "refresh",   TRUE,  TRUE,  run_refresh },
  { "scan",      FALSE, TRUE,  run_scan },
  { "subtitles", TRUE,  TRUE,  run_subtitles },
  /* off until a media server is added (which turns it on) */
  { "sync",      TRUE,  FALSE, run_sync },
};

static const char * const job_names[] = { "cache", "refresh", "scan", "subtitles", "sync", NULL };

const char * const *
mml_scheduler_get_job_names (void)
{
  return job_names;
}

static const JobDef *
find_def (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    if (g_strcmp0 (jobs[i].name, name) == 0)
      return &jobs[i];
  return NULL;
}

gint64
mml_scheduler_backoff_s (gint64 interval_s,
                         guint  failures)
{
  gint64 cap = MAX (interval_s, 6 * 3600);
  gint64 delay = 60;

  for (guint i = 1; i < failures && delay < cap; i++)
    delay *= 2;
  return MIN (delay, cap);
}

static gint64
now (MmlScheduler *self)
{
  return mml_clock_get_now (self->clock);
}

/* ---- the runs of each job ---- */

static void
skipped (GTask      *task,
         const char *reason)
{
  g_task_return_new_error (task, SKIPPED_QUARK, 0, "%s", reason);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlScanSummary) s = NULL;
  GError *error = NULL;

  if (!(s = mml_library_controller_scan_finish (MML_LIBRARY_CONTROLLER (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (s->added + s->changed + s->renamed + s->missing == 0)
    g_task_return_pointer (task, g_strdup (""), g_free);
  else
    /* Translators: what a background scan found */
    g_task_return_pointer (task, g_strdup_printf (_("Scan: %u new, %u changed, %u moved, %u gone"),
                                                  s->added, s->changed, s->renamed, s->missing), g_free);
}

static void
run_scan (MmlScheduler *self,
          GTask        *task)
{
  MmlLibraryController *library = mml_engine_get_library (self->engine);

  mml_library_controller_scan_async (library, MML_SCAN_QUICK, 0, g_task_get_cancellable (task),
                                     scan_done_cb, g_object_ref (task));
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlMetaRunSummary) s = NULL;
  GError *error = NULL;

  if (!(s = mml_metadata_controller_run_finish (MML_METADATA_CONTROLLER (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (s->errors > 0 && s->accepted == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               s->first_error ? s->first_error : _("The refresh failed"));
      return;
    }
  if (s->accepted == 0)
    g_task_return_pointer (task, g_strdup (""), g_free);
  else
    g_task_return_pointer (task, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Metadata: %u series refreshed",
                                                               "Metadata: %u series refreshed", s->accepted),
                                                  s->accepted), g_free);
}

static void
run_refresh (MmlScheduler *self,
             GTask        *task)
{
  mml_metadata_controller_refresh_async (mml_engine_get_metadata (self->engine), FALSE, 0,
                                         g_task_get_cancellable (task), refresh_done_cb, g_object_ref (task));
}

static void
subtitles_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitleFetchSummary s = { 0 };
  GError *error = NULL;

  if (!mml_subtitles_controller_fetch_finish (MML_SUBTITLES_CONTROLLER (source), result, &s, &error))
    {
      if (g_error_matches (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS))
        {
          skipped (task, _("no OpenSubtitles account"));
          g_error_free (error);
          return;
        }
      g_task_return_error (task, error);
      return;
    }
  if (s.downloaded == 0 && s.stopped_by_quota)
    skipped (task, _("no downloads left today"));
  else if (s.downloaded == 0 && s.failed > 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             g_dngettext (GETTEXT_PACKAGE, "%u subtitle could not be downloaded",
                                          "%u subtitles could not be downloaded", s.failed), s.failed);
  else if (s.downloaded == 0)
    g_task_return_pointer (task, g_strdup (""), g_free);
  else
    g_task_return_pointer (task, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Subtitles: %u downloaded",
                                                               "Subtitles: %u downloaded", s.downloaded),
                                                  s.downloaded), g_free);
}

static void
run_subtitles (MmlScheduler *self,
               GTask        *task)
{
  mml_subtitles_controller_fetch_async (mml_engine_get_subtitles (self->engine), 0, NULL,
                                        g_task_get_cancellable (task), subtitles_done_cb, g_object_ref (task));
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  GError *error = NULL;
  guint pulled = 0, pushed = 0, conflicts = 0;
  const char *failure = NULL;

  if (!(reports = mml_sync_controller_sync_finish (MML_SYNC_CONTROLLER (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (reports->len == 0)
    {
      skipped (task, _("no media server is set up"));
      return;
    }
  for (guint i = 0; i < reports->len; i++)
    {
      MmlSyncReport *r = g_ptr_array_index (reports, i);

      pulled += r->pulled;
      pushed += r->pushed;
      conflicts += r->conflicts;
      if (failure == NULL && r->error != NULL)
        failure = r->error;
    }
  if (failure != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", failure);
  else if (pulled + pushed + conflicts == 0)
    g_task_return_pointer (task, g_strdup (""), g_free);
  else
    /* Translators: marks taken from the servers, sent to them, and conflicts */
    g_task_return_pointer (task, g_strdup_printf (_("Sync: %u from the servers, %u to them, %u conflicts"),
                                                  pulled, pushed, conflicts), g_free);
}

static void
run_sync (MmlScheduler *self,
          GTask        *task)
{
  mml_sync_controller_sync_async (mml_engine_get_sync (self->engine), 0, FALSE, g_task_get_cancellable (task),
                                  sync_done_cb, g_object_ref (task));
}

static void
cache_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *dir_path = task_data;
  gint64 cutoff = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "cutoff"));
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf st;

      /* the cache is ours: files there are posters fetched earlier */
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && MAX (st.st_atime, st.st_mtime) < cutoff
          && g_unlink (path) == 0)
        removed++;
    }
  if (removed == 0)
    g_task_return_pointer (task, g_strdup (""), g_free);
  else
    g_task_return_pointer (task, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cache: %u old poster removed",
                                                               "Cache: %u old posters removed", removed),
                                                  removed), g_free);
}

static void
run_cache (MmlScheduler *self,
           GTask        *task)
{
  g_object_set_data (G_OBJECT (task), "cutoff", GSIZE_TO_POINTER (now (self) - POSTER_MAX_AGE_S));
  g_task_set_task_data (task, mml_engine_get_cache_dir (self->engine, "posters"), g_free);
  g_task_run_in_thread (task, cache_thread);
}

/* ---- running one job ---- */

typedef struct
{
  const JobDef *def;
  MmlJobRow    *row;
  char         *text;       /* what it did; NULL when it failed */
  gboolean      ok;
} Run;

static void
run_free (Run *run)
{
  mml_job_row_free (run->row);
  g_free (run->text);
  g_free (run);
}

static MmlJobRow *
row_copy (const MmlJobRow *row)
{
  MmlJobRow *copy = g_memdup2 (row, sizeof *row);

  copy->name = g_strdup (row->name);
  copy->last_result = g_strdup (row->last_result);
  return copy;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mml_store_job_save_finish (MML_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot save a job's state: %s", error->message);
}

static void
activity_added_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlScheduler) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_store_activity_add_finish (MML_STORE (source), result, &error))
    g_warning ("Cannot log an activity: %s", error->message);
  else
    g_signal_emit (self, signals[SIGNAL_ACTIVITY_CHANGED], 0);
}

/* The oldest line the log keeps */
static gint64
activity_keep_before (MmlScheduler *self)
{
  return mml_clock_get_now (self->clock) - (gint64) self->activity_keep_days * DAY_S;
}

static void
activity_pruned_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MmlScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = mml_store_activity_prune_finish (MML_STORE (source), result, &error);

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot trim the activity log: %s", error->message);
      return;
    }
  if (n > 0)
    g_signal_emit (self, signals[SIGNAL_ACTIVITY_CHANGED], 0);
}

/* Deletes the lines older than the log keeps, once the store is open */
static void
prune_activity (MmlScheduler *self)
{
  if (self->engine == NULL || !mml_engine_get_ready (self->engine) || mml_store_get_read_only (self->store))
    return;
  mml_store_activity_prune_async (self->store, activity_keep_before (self), self->cancellable,
                                  activity_pruned_cb, g_object_ref (self));
}

static void schedule (MmlScheduler *self);

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MmlScheduler *self = MML_SCHEDULER (source);
  g_autoptr(GTask) task = user_data;   /* the caller's */
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 t = now (self);
  char *text = g_task_propagate_pointer (G_TASK (result), &error);

  run->row->last_run_at = t;
  run->row->running_since = 0;
  g_free (run->row->last_result);
  if (text != NULL || g_error_matches (error, SKIPPED_QUARK, 0))
    {
      run->ok = TRUE;
      run->text = text != NULL ? text : g_strdup ("");
      run->row->failures = 0;
      run->row->last_result = text != NULL ? g_strdup ("ok") : g_strdup_printf ("skipped: %s", error->message);
      /* from the end of this run: after a suspend it runs once, not once per missed interval */
      run->row->next_run_at = run->row->interval_s > 0 ? t + run->row->interval_s : 0;
    }
  else
    {
      run->ok = FALSE;
      run->row->failures++;
      run->row->last_result = g_strdup_printf ("failed: %s", error->message);
      run->row->next_run_at = t + mml_scheduler_backoff_s (run->row->interval_s, run->row->failures);
    }
  mml_store_job_save_async (self->store, run->row, NULL, saved_cb, NULL);

  if (!run->ok || (run->text != NULL && run->text[0] != '\0'))
    {
      g_autofree char *line = run->ok ? NULL
                                      /* Translators: a job that failed, and why */
                                      : g_strdup_printf (_("%s failed: %s"), run->def->name, error->message);

      mml_store_activity_add_async (self->store, t, run->def->name, run->ok ? run->text : line, 0,
                                    NULL, activity_added_cb, g_object_ref (self));
    }
  prune_activity (self);

  /* after the job's own writes: what it grew (a scan's rows, a sync's
   * replies) goes back to the system while the process waits for the next */
  _mml_store_release_memory_async (self->store, NULL, NULL, NULL);

  g_clear_pointer (&self->running, g_free);
  g_signal_emit (self, signals[SIGNAL_JOB_FINISHED], 0, run->def->name, run->ok,
                 run->ok ? run->text : run->row->last_result);
  if (run->ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  schedule (self);
}

/* Runs @row's job; completes @task (its task data: a Run) */
static void
start_job (MmlScheduler    *self,
           const MmlJobRow *row,
           GTask           *task)
{
  const JobDef *def = find_def (row->name);
  Run *run = g_new0 (Run, 1);
  GTask *inner;

  run->def = def;
  run->row = row_copy (row);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = g_strdup (def->name);
  run->row->running_since = now (self);
  mml_store_job_save_async (self->store, run->row, NULL, saved_cb, NULL);
  g_signal_emit (self, signals[SIGNAL_JOB_STARTED], 0, def->name);

  inner = g_task_new (self, self->cancellable, job_done_cb, g_object_ref (task));
  def->run (self, inner);
  g_object_unref (inner);
}

/* Why @def cannot run now, or NULL */
static const char *
blocked (MmlScheduler *self,
         const JobDef *def)
{
  GNetworkMonitor *network = g_network_monitor_get_default ();

  if (def->needs_network && mml_engine_get_wait_for_network (self->engine)
      && !g_network_monitor_get_network_available (network))
    return "offline";
  if (def->heavy && def->needs_network && g_network_monitor_get_network_metered (network))
    return "metered";
  if (def->heavy)
    {
      g_autoptr(GPowerProfileMonitor) power = g_power_profile_monitor_dup_default ();

      if (power != NULL && g_power_profile_monitor_get_power_saver_enabled (power))
        return "power-saver";
    }
  return NULL;
}

static gboolean
is_due (MmlScheduler    *self,
        const MmlJobRow *row,
        gint64           t)
{
  return row->enabled && row->interval_s > 0 && row->running_since == 0 &&
         (row->next_run_at == 0 || row->next_run_at <= t) && find_def (row->name) != NULL;
}

/* cache, refresh, scan, subtitles, sync: as jobs[] and job_names[] */
static const gint64 default_intervals[] = { 24 * 3600, 24 * 3600, 6 * 3600, 6 * 3600, 5 * 60 };
static const gboolean default_enabled[] = { TRUE, TRUE, TRUE, TRUE, FALSE };

G_STATIC_ASSERT (G_N_ELEMENTS (default_intervals) == G_N_ELEMENTS (jobs));

/* ---- the timer ---- */

static void tick (MmlScheduler *self);

static gboolean
timer_cb (gpointer data)
{
  MmlScheduler *self = data;

  self->timer = 0;
  tick (self);
  return G_SOURCE_REMOVE;
}

static void
tick_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
}

static void
rows_for_tick_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MmlScheduler *self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t, wake;

  self->ticking = FALSE;
  rows = mml_store_jobs_list_finish (MML_STORE (source), result, &error);
  if (rows == NULL || !self->started || self->paused || self->running != NULL)
    {
      if (rows == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the jobs: %s", error->message);
      g_object_unref (self);
      return;
    }

  t = now (self);
  wake = t + MAX_SLEEP_S;
  for (guint i = 0; i < rows->len; i++)
    {
      MmlJobRow *row = g_ptr_array_index (rows, i);
      const JobDef *def = find_def (row->name);

      if (def == NULL || !row->enabled || row->interval_s <= 0)
        continue;
      if (is_due (self, row, t) && blocked (self, def) == NULL)
        {
          g_autoptr(GTask) task = g_task_new (self, NULL, tick_done_cb, NULL);

          start_job (self, row, task);
          g_object_unref (self);
          return;
        }
      if (row->next_run_at > t)
        wake = MIN (wake, row->next_run_at);
    }
  if (self->timer == 0)
    self->timer = g_timeout_add_seconds (CLAMP (wake - t, MIN_SLEEP_S, MAX_SLEEP_S), timer_cb, self);
  g_object_unref (self);
}

static void
tick (MmlScheduler *self)
{
  if (!self->started || self->paused || self->running != NULL || self->ticking)
    return;
  self->ticking = TRUE;
  g_clear_handle_id (&self->timer, g_source_remove);
  mml_store_jobs_list_async (self->store, job_names, default_intervals, default_enabled,
                             self->cancellable, rows_for_tick_cb, g_object_ref (self));
}

/* After a run or a change: look again soon (not at once: let the store
 * take the run's writes first) */
static void
schedule (MmlScheduler *self)
{
  if (!self->started || self->paused)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);
  self->timer = g_timeout_add_seconds (1, timer_cb, self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    MmlScheduler    *self)
{
  if (available)
    schedule (self);
}

void
mml_scheduler_start (MmlScheduler *self)
{
  g_return_if_fail (MML_IS_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->network_handler = g_signal_connect (g_network_monitor_get_default (), "network-changed",
                                            G_CALLBACK (network_changed_cb), self);
  tick (self);
}

void
mml_scheduler_stop (MmlScheduler *self)
{
  g_return_if_fail (MML_IS_SCHEDULER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_signal_handler (&self->network_handler, g_network_monitor_get_default ());
}

gboolean
mml_scheduler_get_running (MmlScheduler *self)
{
  return self->running != NULL;
}

gboolean
mml_scheduler_get_started (MmlScheduler *self)
{
  g_return_val_if_fail (MML_IS_SCHEDULER (self), FALSE);

  return self->started;
}

void
mml_scheduler_set_paused (MmlScheduler *self,
                          gboolean      paused)
{
  g_return_if_fail (MML_IS_SCHEDULER (self));

  self->paused = !!paused;
  if (!paused)
    schedule (self);
  else
    g_clear_handle_id (&self->timer, g_source_remove);
}

gboolean
mml_scheduler_get_paused (MmlScheduler *self)
{
  return self->paused;
}

/* ---- the verbs ---- */


static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlScheduler *self = g_task_get_source_object (task);
  GError *error = NULL;
  GPtrArray *rows = mml_store_jobs_list_finish (MML_STORE (source), result, &error);

  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the one running here is running, whatever the store says */
  for (guint i = 0; i < rows->len; i++)
    {
      MmlJobRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->name, self->running) == 0 && row->running_since == 0)
        row->running_since = now (self);
    }
  g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

/* The rows, with the missing ones made (enabled as each job's default says) */
static void
list_rows (MmlScheduler        *self,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  mml_store_jobs_list_async (self->store, job_names, default_intervals, default_enabled, cancellable, callback, user_data);
}

void
mml_scheduler_list_async (MmlScheduler        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_scheduler_list_async);
  list_rows (self, cancellable, list_cb, task);
}

GPtrArray *
mml_scheduler_list_finish (MmlScheduler  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static MmlJobRow *
find_row (GPtrArray  *rows,
          const char *name)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (g_strcmp0 (((MmlJobRow *) g_ptr_array_index (rows, i))->name, name) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
check_name (GTask      *task,
            const char *name)
{
  if (find_def (name) != NULL)
    return TRUE;
  {
    g_autofree char *shown = g_utf8_make_valid (name ? name : "", -1);

    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("There is no job “%s” (jobs: cache, refresh, scan, subtitles, sync)"), shown);
  }
  return FALSE;
}

static void
run_rows_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlScheduler *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) rows = NULL;
  const char *name = g_object_get_data (G_OBJECT (task), "name");
  MmlJobRow *row;
  GError *error = NULL;

  if (!(rows = mml_store_jobs_list_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  row = find_row (rows, name);
  if (self->running != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("“%s” is running; try again when it is done"),
                               self->running);
      return;
    }
  if (row->running_since > 0 && now (self) - row->running_since < 6 * 3600)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("“%s” is running in another window or service"), name);
      return;
    }
  start_job (self, row, task);
}

void
mml_scheduler_run_async (MmlScheduler        *self,
                         const char          *name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_scheduler_run_async);
  g_object_set_data_full (G_OBJECT (task), "name", g_strdup (name), g_free);
  if (!check_name (task, name))
    return;
  list_rows (self, cancellable, run_rows_cb, g_steal_pointer (&task));
}

gboolean
mml_scheduler_run_finish (MmlScheduler  *self,
                          GAsyncResult  *result,
                          char         **text,
                          GError       **error)
{
  Run *run;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  /* what it did; for a run that had nothing it could do, why */
  if (text != NULL)
    *text = run == NULL || !run->ok ? NULL
            : run->text[0] == '\0' && g_str_has_prefix (run->row->last_result, "skipped") ? g_strdup (run->row->last_result)
            : g_strdup (run->text);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
run_now_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* a failure is the job's "job-finished"; "busy" needs no answer */
  if (!mml_scheduler_run_finish (MML_SCHEDULER (source), result, NULL, &error))
    g_debug ("Job not run: %s", error->message);
}

/**
 * mml_scheduler_run_now:
 *
 * mml_scheduler_run_async() for a caller that does not wait: a menu item,
 * a notification's Retry. How it went is told by #MmlScheduler::job-finished.
 */
void
mml_scheduler_run_now (MmlScheduler *self,
                       const char   *name,
                       GCancellable *cancellable)
{
  g_return_if_fail (MML_IS_SCHEDULER (self));
  g_return_if_fail (name != NULL);

  mml_scheduler_run_async (self, name, cancellable, run_now_done_cb, NULL);
}

/* --- every due job, once --- */

typedef struct
{
  GPtrArray *due;        /* MmlJobRow still to run */
  GPtrArray *done;       /* MmlJobRow as they ended */
  guint      n_failed;
} Due;

static void
due_free (Due *due)
{
  g_clear_pointer (&due->due, g_ptr_array_unref);
  g_clear_pointer (&due->done, g_ptr_array_unref);
  g_free (due);
}

static void due_next (GTask *task);

static void
due_ran_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Due *due = g_task_get_task_data (task);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    due->n_failed++;
  g_ptr_array_add (due->done, row_copy (run->row));
  due_next (task);
}

static void
due_next (GTask *task)
{
  MmlScheduler *self = g_task_get_source_object (task);
  Due *due = g_task_get_task_data (task);

  if (due->due->len > 0 && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_autoptr(MmlJobRow) row = g_ptr_array_steal_index (due->due, 0);
      g_autoptr(GTask) run = g_task_new (self, NULL, due_ran_cb, task);

      start_job (self, row, run);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&due->done), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
due_rows_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  MmlScheduler *self = g_task_get_source_object (task);
  Due *due = g_task_get_task_data (task);
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;
  gint64 t = now (self);

  if (!(rows = mml_store_jobs_list_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    if (is_due (self, g_ptr_array_index (rows, i), t))
      g_ptr_array_add (due->due, row_copy (g_ptr_array_index (rows, i)));
  due_next (task);
}

void
mml_scheduler_run_due_async (MmlScheduler        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Due *due = g_new0 (Due, 1);

  g_return_if_fail (MML_IS_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_scheduler_run_due_async);
  due->due = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_job_row_free);
  due->done = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_job_row_free);
  g_task_set_task_data (task, due, (GDestroyNotify) due_free);
  list_rows (self, cancellable, due_rows_cb, task);
}

GPtrArray *
mml_scheduler_run_due_finish (MmlScheduler  *self,
                              GAsyncResult  *result,
                              guint         *n_failed,
                              GError       **error)
{
  Due *due;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  due = g_task_get_task_data (G_TASK (result));
  if (n_failed != NULL)
    *n_failed = due->n_failed;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- changing a job --- */

static void
set_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_job_save_finish (MML_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  schedule (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

static void
set_rows_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlScheduler *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) rows = NULL;
  MmlJobRow *row;
  GError *error = NULL;
  gint64 interval = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "interval"));
  int enabled = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "enabled")) - 1;

  if (!(rows = mml_store_jobs_list_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  row = find_row (rows, g_object_get_data (G_OBJECT (task), "name"));
  if (interval > 0)
    {
      row->interval_s = interval;
      /* the next run follows the new interval */
      row->next_run_at = row->last_run_at > 0 ? row->last_run_at + interval : 0;
    }
  if (enabled >= 0)
    row->enabled = enabled;
  mml_store_job_save_async (self->store, row, NULL, set_saved_cb, g_steal_pointer (&task));
}

void
mml_scheduler_set_async (MmlScheduler        *self,
                         const char          *name,
                         gint64               interval_s,
                         int                  enabled,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_scheduler_set_async);
  g_object_set_data_full (G_OBJECT (task), "name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (task), "interval", GSIZE_TO_POINTER (MAX (interval_s, 0)));
  g_object_set_data (G_OBJECT (task), "enabled", GINT_TO_POINTER (enabled + 1));
  if (!check_name (task, name))
    return;
  list_rows (self, cancellable, set_rows_cb, g_steal_pointer (&task));
}

gboolean
mml_scheduler_set_finish (MmlScheduler  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the activity log --- */

static void
activity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *rows = mml_store_activity_list_finish (MML_STORE (source), result, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
mml_scheduler_activity_async (MmlScheduler        *self,
                              gint64               since,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_scheduler_activity_async);
  mml_store_activity_list_async (self->store, since, 0,
                                 mml_store_get_read_only (self->store) ? 0 : activity_keep_before (self),
                                 cancellable, activity_cb, task);
}

GPtrArray *
mml_scheduler_activity_finish (MmlScheduler  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ---- */

static void
mml_scheduler_dispose (GObject *object)
{
  MmlScheduler *self = MML_SCHEDULER (object);

  mml_scheduler_stop (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  g_clear_pointer (&self->running, g_free);

  G_OBJECT_CLASS (mml_scheduler_parent_class)->dispose (object);
}

static void
mml_scheduler_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MmlScheduler *self = MML_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY_KEEP_DAYS:
      g_value_set_uint (value, self->activity_keep_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_scheduler_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MmlScheduler *self = MML_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY_KEEP_DAYS:
      mml_scheduler_set_activity_keep_days (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_scheduler_class_init (MmlSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_scheduler_dispose;
  object_class->get_property = mml_scheduler_get_property;
  object_class->set_property = mml_scheduler_set_property;

  /**
   * MmlScheduler:activity-keep-days:
   *
   * How many days the activity log keeps a line: older ones are deleted
   * when the library opens, after every job and when this changes.
   */
  properties[PROP_ACTIVITY_KEEP_DAYS] =
    g_param_spec_uint ("activity-keep-days", NULL, NULL, 1, 3650, ACTIVITY_KEEP_DAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlScheduler::activity-changed:
   *
   * A line was added to the activity log, or old ones were deleted.
   */
  signals[SIGNAL_ACTIVITY_CHANGED] = g_signal_new ("activity-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MmlScheduler::job-started:
   * @name: the job
   */
  signals[SIGNAL_JOB_STARTED] = g_signal_new ("job-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MmlScheduler::job-finished:
   * @name: the job
   * @ok: whether it did its work (or had none)
   * @text: what it did, or why it failed
   */
  signals[SIGNAL_JOB_FINISHED] = g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                               G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
mml_scheduler_init (MmlScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->activity_keep_days = ACTIVITY_KEEP_DAYS;
}

void
mml_scheduler_set_activity_keep_days (MmlScheduler *self,
                                      guint         days)
{
  g_return_if_fail (MML_IS_SCHEDULER (self));

  days = CLAMP (days, 1, 3650);
  if (self->activity_keep_days == days)
    return;
  self->activity_keep_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY_KEEP_DAYS]);
  prune_activity (self);
}

guint
mml_scheduler_get_activity_keep_days (MmlScheduler *self)
{
  g_return_val_if_fail (MML_IS_SCHEDULER (self), ACTIVITY_KEEP_DAYS);

  return self->activity_keep_days;
}

static void
engine_ready_cb (MmlScheduler *self,
                 GParamSpec   *pspec,
                 MmlEngine    *engine)
{
  prune_activity (self);
}

MmlScheduler *
_mml_scheduler_new (MmlEngine *engine)
{
  MmlScheduler *self = g_object_new (MML_TYPE_SCHEDULER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  self->clock = g_object_ref (mml_engine_get_clock (engine));
  /* the log is trimmed as the library opens */
  g_signal_connect_object (engine, "notify::ready", G_CALLBACK (engine_ready_cb), self, G_CONNECT_SWAPPED);
  return self;
}

void
_mml_scheduler_shutdown (MmlScheduler *self)
{
  mml_scheduler_stop (self);
  g_cancellable_cancel (self->cancellable);
}
