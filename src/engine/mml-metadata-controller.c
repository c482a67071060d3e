/* mml-metadata-controller.c — matching and refreshing series against the
 * primary provider, the open match conflicts, and the user's decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One MmlMetaRun on the primary provider, built when the controller is and
 * rebuilt when the provider or its keys change (keys come from the keyring
 * through MmlCredentials; jobs wait while they are read). Match and refresh
 * runs are queued and run one at a time, matching before any waiting
 * refresh, so a refresh never overlaps a match run. Each write a run
 * reports makes the engine reload its models, at most every
 * RELOAD_INTERVAL_MS during a run and once more at its end.
 *
 * Automatic work (when the engine's "automatic" is on): matching after a
 * scan or the watcher added series folders, and at start-up for folders a
 * run left unmatched; a refresh every "refresh-interval" hours, checked at
 * start-up and hourly.
 */

#define G_LOG_DOMAIN "mml-metadata"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mml-engine-private.h"
#include "mml-match-conflict-item.h"
#include "mml-matcher.h"
#include "mml-secrets.h"
#include "mml-services.h"

/* During a run, reload the models at most this often */
#define RELOAD_INTERVAL_MS 2000
/* … and never sooner than this after the write that asked for it */
#define RELOAD_MIN_DELAY_MS 250
/* How often to check whether a scheduled refresh is due */
#define REFRESH_CHECK_SECONDS 3600

typedef enum {
  JOB_MATCH,
  JOB_REFRESH,
} MetaJobKind;

typedef struct
{
  MetaJobKind    kind;
  MmlMetaTargets which;       /* JOB_MATCH */
  gboolean       all;         /* JOB_REFRESH */
  gint64         series_id;
  gboolean       scheduled;   /* JOB_REFRESH: the periodic one */
  GTask         *task;        /* (nullable): a caller waiting for the summary */
} MetaJob;

struct _MmlMetadataController
{
  GObject          parent_instance;

  MmlEngine       *engine;        /* (unowned): the engine owns this */
  MmlStore        *store;
  MmlHttp         *http;
  MmlHttp         *test_http;     /* fails fast offline: Settings' Test */
  GCancellable    *cancellable;   /* cancelled on shutdown */

  MmlMetaRun      *run;
  MmlMetaProvider  kind;          /* the run's provider */
  MmlProviderKeys *keys;          /* its keys, from the keyring */
  guint            keys_pending : 1;
  GCancellable    *keys_cancellable;
  GQueue           key_waiters;   /* (element-type GTask): mml_metadata_controller_wait_keys_async() */
  int              refresh_hours;
  gint64           last_refresh;

  GQueue           queue;         /* (element-type MetaJob) */
  MetaJob         *current;
  GCancellable    *job_cancellable;
  gboolean         requeue;       /* the current job was cancelled to be run again */

  gboolean         busy;
  gboolean         waiting;
  double           fraction;
  char            *text;
  guint            done;
  guint            total;
  double           eta;

  GListStore      *conflicts;     /* (element-type MmlMatchConflictItem) */
  GCancellable    *conflicts_cancellable;

  guint            reload_source;
  gint64           last_reload;   /* monotonic µs */
  guint            refresh_timer;
  guint            n_series;      /* last totals seen: more means new series */
  gboolean         have_totals;
  gboolean         ready;
  gboolean         shut_down;
};

G_DEFINE_FINAL_TYPE (MmlMetadataController, mml_metadata_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_RUN,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_TEXT,
  PROP_WAITING,
  PROP_REFRESH_INTERVAL,
  PROP_LAST_REFRESH,
  N_PROPS
};

enum {
  FINISHED,
  SERIES_CHANGED,
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_next_job (MmlMetadataController *self);
static void load_keys      (MmlMetadataController *self);

static void
notify (MmlMetadataController *self,
        guint                  prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
report_error (MmlMetadataController *self,
              const char            *what,
              const GError          *error)
{
  if (self->engine != NULL)
    mml_engine_report_error (self->engine, what, error);
}

/* A job dropped before it ran tells its caller so */
static void
meta_job_free (MetaJob *job)
{
  if (job->task != NULL)
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      g_object_unref (job->task);
    }
  g_free (job);
}

static void
queue_drop (MmlMetadataController *self)
{
  g_queue_clear_full (&self->queue, (GDestroyNotify) meta_job_free);
}

/* --- progress -------------------------------------------------------------- */

/* "less than a minute left", "about 14 min left", "about 2 h 5 min left" */
static char *
format_eta (double seconds)
{
  guint minutes;

  if (seconds < 60)
    return g_strdup (_("less than a minute left"));

  minutes = (guint) ((seconds + 59) / 60);
  if (minutes < 60)
    /* Translators: time left, in minutes */
    return g_strdup_printf (_("about %u min left"), minutes);

  /* Translators: time left, in hours and minutes */
  return g_strdup_printf (_("about %u h %u min left"), minutes / 60, minutes % 60);
}

static char *
progress_text (MmlMetadataController *self)
{
  gboolean refresh = self->current != NULL && self->current->kind == JOB_REFRESH;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *eta = NULL;

  if (!self->busy)
    return NULL;
  if (self->waiting)
    return g_strdup (_("Waiting for the network…"));
  if (self->total == 0)
    return g_strdup (refresh ? _("Refreshing metadata…") : _("Matching series…"));

  done = g_strdup_printf ("%'u", self->done);
  total = g_strdup_printf ("%'u", self->total);
  if (self->eta < 0 || self->done >= self->total)
    /* Translators: "Matching 120 of 2,000" */
    return g_strdup_printf (refresh ? _("Refreshing %s of %s") : _("Matching %s of %s"), done, total);

  eta = format_eta (self->eta);
  /* Translators: "Matching 120 of 2,000 — about 14 min left" */
  return g_strdup_printf (refresh ? _("Refreshing %s of %s — %s") : _("Matching %s of %s — %s"),
                          done, total, eta);
}

static void
update_progress (MmlMetadataController *self)
{
  g_autofree char *text = progress_text (self);
  double fraction = 0.0;

  if (self->busy && self->total > 0)
    fraction = CLAMP ((double) self->done / self->total, 0.0, 1.0);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      notify (self, PROP_FRACTION);
    }
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&text);
      notify (self, PROP_TEXT);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_busy (MmlMetadataController *self,
          gboolean               busy)
{
  self->done = 0;
  self->total = 0;
  self->eta = -1;
  if (self->busy != !!busy)
    {
      self->busy = !!busy;
      notify (self, PROP_BUSY);
    }
  update_progress (self);
}

static void
http_network_cb (MmlMetadataController *self,
                 GParamSpec            *pspec,
                 MmlHttp               *http)
{
  gboolean waiting = !mml_http_get_online (http) && mml_http_get_waiting (http) > 0;

  if (self->waiting == waiting)
    return;
  self->waiting = waiting;
  notify (self, PROP_WAITING);
  update_progress (self);
}

/* --- reloads --------------------------------------------------------------- */

static void
reload_now (MmlMetadataController *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->last_reload = g_get_monotonic_time ();
  if (self->engine != NULL && !self->shut_down)
    mml_engine_reload (self->engine);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MmlMetadataController *self = user_data;

  self->reload_source = 0;
  reload_now (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces the writes of a run: one reload per RELOAD_INTERVAL_MS at most */
static void
schedule_reload (MmlMetadataController *self)
{
  gint64 elapsed_ms;
  guint delay;

  if (self->reload_source != 0 || self->shut_down)
    return;

  elapsed_ms = (g_get_monotonic_time () - self->last_reload) / 1000;
  delay = elapsed_ms >= RELOAD_INTERVAL_MS ? 0 : (guint) (RELOAD_INTERVAL_MS - elapsed_ms);
  self->reload_source = g_timeout_add (MAX (delay, RELOAD_MIN_DELAY_MS), reload_timeout_cb, self);
}

/* --- the run --------------------------------------------------------------- */

static void
run_progress_cb (MmlMetadataController *self,
                 guint                  done,
                 guint                  total,
                 const char            *current,
                 double                 eta_seconds,
                 MmlMetaRun            *run)
{
  if (run != self->run || !self->busy)
    return;
  self->done = done;
  self->total = total;
  self->eta = eta_seconds;
  update_progress (self);
  g_signal_emit (self, signals[PROGRESS], 0, done, total, current, eta_seconds);
}

static void
run_series_changed_cb (MmlMetadataController *self,
                       gint64                 series_id,
                       MmlMetaRun            *run)
{
  g_signal_emit (self, signals[SERIES_CHANGED], 0, series_id);
  schedule_reload (self);
}

/* The provider or its keys changed: the next job (and a cancelled current
 * one, run again) uses a new run. */
static void
rebuild_run (MmlMetadataController *self)
{
  g_autoptr(MmlProvider) provider = NULL;

  if (self->current != NULL && self->job_cancellable != NULL)
    {
      self->requeue = TRUE;
      g_cancellable_cancel (self->job_cancellable);
    }
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);

  provider = mml_services_new_provider (self->http, self->kind,
                                        self->keys ? self->keys->api_key : NULL,
                                        self->keys ? self->keys->pin : NULL);
  self->run = mml_meta_run_new (self->store, provider, self->http);
  g_signal_connect_object (self->run, "progress",
                           G_CALLBACK (run_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run, "series-changed",
                           G_CALLBACK (run_series_changed_cb), self, G_CONNECT_SWAPPED);
  notify (self, PROP_RUN);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlMetadataController) self = user_data;
  g_autoptr(MmlMetaRunSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MetaJob *job = g_steal_pointer (&self->current);

  if (job->kind == JOB_MATCH)
    summary = mml_meta_run_match_finish (MML_META_RUN (object), result, &error);
  else
    summary = mml_meta_run_refresh_finish (MML_META_RUN (object), result, &error);

  g_clear_object (&self->job_cancellable);

  if (!self->shut_down && self->requeue && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by rebuild_run(): run it again on the new run */
      self->requeue = FALSE;
      g_queue_push_head (&self->queue, job);
      set_busy (self, FALSE);
      start_next_job (self);
      return;
    }
  self->requeue = FALSE;

  /* a run with nothing matched to refresh refreshed nothing: "Last
   * refreshed" before anything was ever matched misled */
  if (summary != NULL && job->kind == JOB_REFRESH && job->series_id == 0 && summary->total > 0)
    mml_metadata_controller_set_last_refresh (self, g_get_real_time () / G_USEC_PER_SEC);

  if (error != NULL && job->task == NULL)
    report_error (self, job->kind == JOB_MATCH ? _("Matching stopped") : _("Refreshing stopped"), error);

  if (!self->shut_down)
    {
      set_busy (self, FALSE);
      reload_now (self);
      g_signal_emit (self, signals[FINISHED], 0, summary, error);
    }

  if (job->task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&job->task);

      if (summary != NULL)
        g_task_return_pointer (task, g_steal_pointer (&summary),
                               (GDestroyNotify) mml_meta_run_summary_free);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  meta_job_free (job);

  start_next_job (self);
}

static void
start_next_job (MmlMetadataController *self)
{
  MetaJob *job;

  if (!self->ready || self->shut_down || self->current != NULL || self->keys_pending)
    return;
  if ((job = g_queue_pop_head (&self->queue)) == NULL)
    return;

  self->current = job;
  self->job_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  if (job->kind == JOB_MATCH)
    mml_meta_run_match_async (self->run, job->which, job->series_id, self->job_cancellable,
                              job_done_cb, g_object_ref (self));
  else
    mml_meta_run_refresh_async (self->run, job->all, job->series_id, self->job_cancellable,
                                job_done_cb, g_object_ref (self));
}

static gboolean
same_job (const MetaJob *a,
          const MetaJob *b)
{
  return a->kind == b->kind && a->which == b->which && a->all == b->all &&
         a->series_id == b->series_id && a->task == NULL && b->task == NULL;
}

/* Queues @job (transfer full) unless the same one waits already. Matching
 * goes before any waiting refresh: new folders first. */
static void
queue_job (MmlMetadataController *self,
           MetaJob               *job)
{
  GList *before = NULL;

  if (self->shut_down)
    {
      meta_job_free (job);
      return;
    }

  for (GList *l = self->queue.head; l != NULL; l = l->next)
    {
      MetaJob *queued = l->data;

      if (same_job (queued, job))
        {
          queued->scheduled |= job->scheduled;
          meta_job_free (job);
          return;
        }
      if (before == NULL && job->kind == JOB_MATCH && queued->kind == JOB_REFRESH)
        before = l;
    }

  if (before != NULL)
    g_queue_insert_before (&self->queue, before, job);
  else
    g_queue_push_tail (&self->queue, job);

  start_next_job (self);
}

static MetaJob *
match_job_new (MmlMetaTargets which,
               gint64         series_id)
{
  MetaJob *job = g_new0 (MetaJob, 1);

  job->kind = JOB_MATCH;
  job->which = which;
  job->series_id = which == MML_META_TARGETS_ONE ? series_id : 0;
  return job;
}

static MetaJob *
refresh_job_new (gboolean all,
                 gint64   series_id,
                 gboolean scheduled)
{
  MetaJob *job = g_new0 (MetaJob, 1);

  job->kind = JOB_REFRESH;
  job->which = MML_META_TARGETS_MATCHED;
  job->all = all;
  job->series_id = series_id;
  job->scheduled = scheduled;
  return job;
}

/* --- automatic work -------------------------------------------------------- */

static gboolean
automatic (MmlMetadataController *self)
{
  return self->engine != NULL && mml_engine_get_automatic (self->engine)
         && mml_metadata_controller_get_usable (self);
}

static void
auto_match (MmlMetadataController *self)
{
  if (automatic (self))
    queue_job (self, match_job_new (MML_META_TARGETS_UNMATCHED, 0));
}

static void
check_refresh (MmlMetadataController *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 last = self->last_refresh;

  if (!automatic (self) || self->refresh_hours <= 0)
    return;
  if (last > 0 && now - last < (gint64) self->refresh_hours * 3600 && now >= last)
    return;

  queue_job (self, refresh_job_new (FALSE, 0, TRUE));
}

static gboolean
refresh_timer_cb (gpointer user_data)
{
  check_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
totals_changed_cb (MmlMetadataController *self,
                   GParamSpec            *pspec,
                   MmlLibraryController  *library)
{
  MmlLibraryTotals *totals = mml_library_controller_get_totals (library);

  if (totals == NULL)
    return;

  /* The first totals after opening: pick up folders a run left unmatched.
   * Afterwards: a scan or the watcher added series. */
  if (!self->have_totals || totals->n_series > self->n_series)
    auto_match (self);
  self->have_totals = TRUE;
  self->n_series = totals->n_series;
}

static void
scan_finished_cb (MmlMetadataController *self,
                  MmlScanSummary        *summary,
                  const GError          *error,
                  MmlLibraryController  *library)
{
  if (summary != NULL && summary->added > 0)
    auto_match (self);
}

/* --- keys ------------------------------------------------------------------ */

/* The keys were read (@error %NULL), or never will be: tell who waits */
static void
key_waiters_done (MmlMetadataController *self,
                  const GError          *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->key_waiters)) != NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
keys_looked_up_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlMetadataController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderKeys) keys = mml_credentials_lookup_finish (result, &error);

  if (self->shut_down || g_task_get_cancellable (G_TASK (result)) != self->keys_cancellable)
    return;   /* a newer round replaced this one, or the engine closes */

  if (error != NULL && !g_error_matches (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE))
    report_error (self, _("Cannot read the provider keys"), error);
  else if (error != NULL)
    g_debug ("No keyring: %s", error->message);

  mml_provider_keys_free (self->keys);
  self->keys = g_steal_pointer (&keys);
  self->keys_pending = FALSE;

  /* the run is ready for the keys read: go on with what waited for them */
  rebuild_run (self);
  key_waiters_done (self, NULL);
  if (self->have_totals)
    auto_match (self);
  check_refresh (self);
  start_next_job (self);
}

/* Reads the provider's keys, then rebuilds the run; jobs wait meanwhile. */
static void
load_keys (MmlMetadataController *self)
{
  if (self->keys_cancellable != NULL)
    g_cancellable_cancel (self->keys_cancellable);
  g_clear_object (&self->keys_cancellable);
  g_clear_pointer (&self->keys, mml_provider_keys_free);

  self->keys_cancellable = g_cancellable_new ();
  self->keys_pending = TRUE;
  mml_credentials_lookup_async (self->kind, self->keys_cancellable,
                                keys_looked_up_cb, g_object_ref (self));
}

/* --- conflicts ------------------------------------------------------------- */

static void
conflicts_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MmlMetadataController) self = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  conflicts = mml_meta_store_list_conflicts_finish (MML_STORE (object), result, &error);
  if (conflicts == NULL)
    {
      report_error (self, _("Cannot load the series to confirm"), error);
      return;
    }
  /* closing, or a newer load replaced this one (it had already run when cancelled) */
  if (self->shut_down || g_task_get_cancellable (G_TASK (result)) != self->conflicts_cancellable)
    return;

  mml_match_conflict_list_merge (self->conflicts, conflicts);
}

/* mml_engine_reload() calls this with the library's reload */
void
_mml_metadata_controller_reload (MmlMetadataController *self)
{
  if (!self->ready || self->shut_down)
    return;

  if (self->conflicts_cancellable != NULL)
    g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  self->conflicts_cancellable = g_cancellable_new ();

  mml_meta_store_list_conflicts_async (self->store, self->conflicts_cancellable,
                                       conflicts_loaded_cb, g_object_ref (self));
}

/* --- GObject --------------------------------------------------------------- */

static void
mml_metadata_controller_dispose (GObject *object)
{
  MmlMetadataController *self = MML_METADATA_CONTROLLER (object);

  _mml_metadata_controller_shutdown (self);

  G_OBJECT_CLASS (mml_metadata_controller_parent_class)->dispose (object);
}

static void
mml_metadata_controller_finalize (GObject *object)
{
  MmlMetadataController *self = MML_METADATA_CONTROLLER (object);

  if (self->engine != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->engine), (gpointer *) &self->engine);

  queue_drop (self);
  g_clear_pointer (&self->current, meta_job_free);
  g_clear_object (&self->run);
  g_clear_object (&self->http);
  g_clear_object (&self->test_http);
  g_clear_object (&self->store);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->keys_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  g_clear_pointer (&self->keys, mml_provider_keys_free);
  g_free (self->text);

  G_OBJECT_CLASS (mml_metadata_controller_parent_class)->finalize (object);
}

static void
mml_metadata_controller_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MmlMetadataController *self = MML_METADATA_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_int (value, self->kind);
      break;
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_WAITING:
      g_value_set_boolean (value, self->waiting);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_int (value, self->refresh_hours);
      break;
    case PROP_LAST_REFRESH:
      g_value_set_int64 (value, self->last_refresh);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_metadata_controller_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MmlMetadataController *self = MML_METADATA_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      mml_metadata_controller_set_provider (self, g_value_get_int (value));
      break;
    case PROP_REFRESH_INTERVAL:
      mml_metadata_controller_set_refresh_interval (self, g_value_get_int (value));
      break;
    case PROP_LAST_REFRESH:
      mml_metadata_controller_set_last_refresh (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_metadata_controller_class_init (MmlMetadataControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mml_metadata_controller_dispose;
  object_class->finalize = mml_metadata_controller_finalize;
  object_class->get_property = mml_metadata_controller_get_property;
  object_class->set_property = mml_metadata_controller_set_property;

  properties[PROP_PROVIDER] =
    g_param_spec_int ("provider", NULL, NULL, MML_META_PROVIDER_TVMAZE, MML_META_PROVIDER_TMDB,
                      MML_META_PROVIDER_TVMAZE, rw);
  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL, MML_TYPE_META_RUN, ro);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, ro);
  properties[PROP_WAITING] =
    g_param_spec_boolean ("waiting", NULL, NULL, FALSE, ro);
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_int ("refresh-interval", NULL, NULL, 0, 24 * 365, 24, rw);
  properties[PROP_LAST_REFRESH] =
    g_param_spec_int64 ("last-refresh", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlMetadataController::finished:
   * @summary: (nullable): the MmlMetaRunSummary, %NULL on failure
   * @error: (nullable): the GError, %NULL on success
   *
   * After each match or refresh run.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);

  /**
   * MmlMetadataController::series-changed:
   * @series_id: the series whose metadata was just written
   */
  signals[SERIES_CHANGED] =
    g_signal_new ("series-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * MmlMetadataController::progress:
   * @done: series done
   * @total: series in the run
   * @current: (nullable): the one being worked on
   * @eta: seconds left, or a negative number when unknown
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_DOUBLE);
}

static void
mml_metadata_controller_init (MmlMetadataController *self)
{
  self->conflicts = g_list_store_new (MML_TYPE_MATCH_CONFLICT_ITEM);
  self->cancellable = g_cancellable_new ();
  self->eta = -1;
  self->refresh_hours = 24;
  g_queue_init (&self->queue);
  g_queue_init (&self->key_waiters);
}

/* --- the engine's hooks ---------------------------------------------------- */

MmlMetadataController *
_mml_metadata_controller_new (MmlEngine *engine)
{
  MmlMetadataController *self = g_object_new (MML_TYPE_METADATA_CONTROLLER, NULL);
  MmlLibraryController *library = mml_engine_get_library (engine);

  self->engine = engine;
  g_object_add_weak_pointer (G_OBJECT (engine), (gpointer *) &self->engine);
  self->store = g_object_ref (mml_engine_get_store (engine));
  self->http = g_object_ref (mml_engine_get_http (engine));
  self->test_http = mml_http_new (NULL);
  mml_http_set_wait_for_network (self->test_http, FALSE);
  self->kind = mml_services_default_provider ();   /* until the owner says */
  rebuild_run (self);

  g_signal_connect_object (self->http, "notify::online",
                           G_CALLBACK (http_network_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->http, "notify::waiting",
                           G_CALLBACK (http_network_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::totals",
                           G_CALLBACK (totals_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "scan-finished",
                           G_CALLBACK (scan_finished_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/* The store is open: read the keys (then check whether a refresh is due,
 * and every hour after), run what was queued */
void
_mml_metadata_controller_opened (MmlMetadataController *self)
{
  self->ready = TRUE;
  load_keys (self);
  if (self->refresh_timer == 0)
    self->refresh_timer = g_timeout_add_seconds (REFRESH_CHECK_SECONDS, refresh_timer_cb, self);
}

void
_mml_metadata_controller_shutdown (MmlMetadataController *self)
{
  if (self->shut_down)
    return;
  self->shut_down = TRUE;

  queue_drop (self);
  g_cancellable_cancel (self->cancellable);
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  if (self->keys_cancellable != NULL)
    g_cancellable_cancel (self->keys_cancellable);
  if (self->conflicts_cancellable != NULL)
    g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  if (self->http != NULL)
    g_signal_handlers_disconnect_by_data (self->http, self);
  /* a totals load or a scan in flight may finish after the engine is
   * gone (its task keeps the library controller, a reply keeps this one):
   * no more automatic work from them (self->engine, a weak pointer, is
   * NULL once the engine is) */
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);

  {
    g_autoptr(GError) closing = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The library is closing"));

    key_waiters_done (self, closing);
  }
}

/* The engine, for mml-metadata-controller-add.c */
MmlEngine *
_mml_metadata_controller_get_engine (MmlMetadataController *self)
{
  return self->engine;
}

/* --- configuration --------------------------------------------------------- */

/**
 * mml_metadata_controller_default_provider:
 *
 * Returns: the provider to use until the user chose one: `$MML_PROVIDER`
 *   when it names one, else TVmaze (which needs no key)
 */
MmlMetaProvider
mml_metadata_controller_default_provider (void)
{
  return mml_services_default_provider ();
}

/**
 * mml_metadata_controller_set_provider:
 *
 * The primary provider: its keys are read again and the run rebuilt (a
 * running job is cancelled and run again on the new run).
 */
void
mml_metadata_controller_set_provider (MmlMetadataController *self,
                                      MmlMetaProvider        provider)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  if (self->kind == provider)
    return;
  self->kind = provider;
  g_clear_pointer (&self->keys, mml_provider_keys_free);
  rebuild_run (self);
  if (self->ready && !self->shut_down)
    load_keys (self);
  notify (self, PROP_PROVIDER);
}

MmlMetaProvider
mml_metadata_controller_get_provider (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), MML_META_PROVIDER_TVMAZE);
  return self->kind;
}

/**
 * mml_metadata_controller_get_orders:
 *
 * Returns: the episode orders the provider delivers, as bits
 *   (1 << %MmlEpisodeOrder)
 */
guint
mml_metadata_controller_get_orders (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), 0);
  return mml_provider_get_orders (mml_meta_run_get_provider (self->run));
}

/**
 * mml_metadata_controller_get_usable:
 *
 * Returns: whether the provider has what it needs (TVmaze always; the
 *   others once their key is read)
 */
gboolean
mml_metadata_controller_get_usable (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), FALSE);
  return !mml_credentials_needs_key (self->kind) || mml_provider_keys_usable (self->keys);
}

/**
 * mml_metadata_controller_wait_keys_async:
 *
 * Completes once the keys of the provider are read: at once when they
 * are, else after the engine opened and the keyring (or the variables)
 * answered. Jobs queued with mml_metadata_controller_match_async() and
 * mml_metadata_controller_refresh_async() wait for them by themselves; a
 * command that asks the provider directly (search, choose, add, episode
 * order) right after opening waits with this, then checks
 * mml_metadata_controller_get_usable().
 */
void
mml_metadata_controller_wait_keys_async (MmlMetadataController *self,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_metadata_controller_wait_keys_async);
  if (self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The library is closing"));
      g_object_unref (task);
      return;
    }
  if (self->ready && !self->keys_pending)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&self->key_waiters, task);
}

/**
 * mml_metadata_controller_wait_keys_finish:
 *
 * Returns: %TRUE once the keys are read (whether the provider is usable
 *   with them: mml_metadata_controller_get_usable()); %FALSE with @error
 *   set when the engine closed first
 */
gboolean
mml_metadata_controller_wait_keys_finish (MmlMetadataController  *self,
                                          GAsyncResult           *result,
                                          GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mml_metadata_controller_reload_credentials:
 *
 * Reads the provider's keys again (after Settings saved new ones) and
 * rebuilds the run.
 */
void
mml_metadata_controller_reload_credentials (MmlMetadataController *self)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  if (self->ready && !self->shut_down)
    load_keys (self);
}

void
mml_metadata_controller_set_refresh_interval (MmlMetadataController *self,
                                              int                    hours)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  if (self->refresh_hours == hours)
    return;
  self->refresh_hours = MAX (hours, 0);
  notify (self, PROP_REFRESH_INTERVAL);
  if (self->ready && !self->keys_pending)
    check_refresh (self);
}

gint64
mml_metadata_controller_get_last_refresh (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), 0);
  return self->last_refresh;
}

/**
 * mml_metadata_controller_set_last_refresh:
 *
 * When the last full refresh ran (unix time): the owner keeps it across
 * runs (the app in GSettings); the controller sets it after each.
 */
void
mml_metadata_controller_set_last_refresh (MmlMetadataController *self,
                                          gint64                 unix_time)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  if (self->last_refresh == unix_time)
    return;
  self->last_refresh = unix_time;
  notify (self, PROP_LAST_REFRESH);
}

/* --- state ----------------------------------------------------------------- */

/**
 * mml_metadata_controller_get_run:
 *
 * The run is replaced (notify::run) when the provider or its keys change:
 * do not keep it.
 *
 * Returns: (transfer none): the primary provider's run
 */
MmlMetaRun *
mml_metadata_controller_get_run (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), NULL);
  return self->run;
}

gboolean
mml_metadata_controller_get_busy (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), FALSE);
  return self->busy;
}

double
mml_metadata_controller_get_fraction (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), 0.0);
  return self->fraction;
}

/**
 * mml_metadata_controller_get_text:
 *
 * Returns: (nullable): "Matching 120 of 2,000 — about 14 min left",
 *   "Waiting for the network…", or %NULL while nothing runs
 */
const char *
mml_metadata_controller_get_text (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), NULL);
  return self->text;
}

/**
 * mml_metadata_controller_get_waiting:
 *
 * Returns: whether the network is down with requests waiting for it
 */
gboolean
mml_metadata_controller_get_waiting (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), FALSE);
  return self->waiting;
}

/**
 * mml_metadata_controller_get_match_conflicts:
 *
 * Returns: (transfer none): an #MmlMatchConflictItem per open match
 *   conflict, by series title; an unchanged conflict keeps its item
 */
GListModel *
mml_metadata_controller_get_match_conflicts (MmlMetadataController *self)
{
  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

/* --- runs ------------------------------------------------------------------ */

/**
 * mml_metadata_controller_match:
 * @which: %MML_META_TARGETS_UNMATCHED, %MML_META_TARGETS_CONFLICTS or
 *   %MML_META_TARGETS_ONE
 * @series_id: the series for %MML_META_TARGETS_ONE
 *
 * Queues a match run; runs go one at a time. Progress shows in "busy",
 * "fraction" and "text".
 */
void
mml_metadata_controller_match (MmlMetadataController *self,
                               MmlMetaTargets         which,
                               gint64                 series_id)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (which != MML_META_TARGETS_MATCHED);
  g_return_if_fail (which != MML_META_TARGETS_ONE || series_id > 0);

  queue_job (self, match_job_new (which, series_id));
}

/**
 * mml_metadata_controller_refresh:
 * @all: refetch every series, not only those the provider says changed
 * @series_id: one series, or 0 for every matched series
 *
 * Queues a refresh; it starts once no match run is going.
 */
void
mml_metadata_controller_refresh (MmlMetadataController *self,
                                 gboolean               all,
                                 gint64                 series_id)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  queue_job (self, refresh_job_new (all, series_id, FALSE));
}

static void
queue_with_task (MmlMetadataController *self,
                 MetaJob               *job,
                 GCancellable          *cancellable,
                 GAsyncReadyCallback    callback,
                 gpointer               user_data,
                 gpointer               tag)
{
  job->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (job->task, tag);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled",
                             G_CALLBACK (mml_metadata_controller_cancel), self, G_CONNECT_SWAPPED);
  queue_job (self, job);
}

/**
 * mml_metadata_controller_match_async:
 *
 * mml_metadata_controller_match(), completing with the run's summary.
 * Cancelling @cancellable cancels it (what was written stays).
 */
void
mml_metadata_controller_match_async (MmlMetadataController *self,
                                     MmlMetaTargets         which,
                                     gint64                 series_id,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (which != MML_META_TARGETS_MATCHED);
  g_return_if_fail (which != MML_META_TARGETS_ONE || series_id > 0);

  queue_with_task (self, match_job_new (which, series_id), cancellable, callback, user_data,
                   mml_metadata_controller_match_async);
}

/**
 * mml_metadata_controller_refresh_async:
 *
 * mml_metadata_controller_refresh(), completing with the run's summary.
 */
void
mml_metadata_controller_refresh_async (MmlMetadataController *self,
                                       gboolean               all,
                                       gint64                 series_id,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  queue_with_task (self, refresh_job_new (all, series_id, FALSE), cancellable, callback, user_data,
                   mml_metadata_controller_refresh_async);
}

/**
 * mml_metadata_controller_run_finish:
 *
 * Returns: (transfer full) (nullable): the summary of a match or refresh
 */
MmlMetaRunSummary *
mml_metadata_controller_run_finish (MmlMetadataController  *self,
                                    GAsyncResult           *result,
                                    GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_metadata_controller_cancel:
 *
 * Cancels the running match or refresh and drops the queued ones; what was
 * written stays.
 */
void
mml_metadata_controller_cancel (MmlMetadataController *self)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  queue_drop (self);
  self->requeue = FALSE;
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

/* --- the user's decisions -------------------------------------------------- */

static void
choose_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetadataController *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!mml_meta_run_choose_finish (MML_META_RUN (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  reload_now (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * mml_metadata_controller_choose_async:
 * @series_id: the series
 * @provider_id: its id at the primary provider
 *
 * The user's match: fetches the series and writes it as a manual match
 * (final: later matching and refreshes keep it), then reloads.
 */
void
mml_metadata_controller_choose_async (MmlMetadataController *self,
                                      gint64                 series_id,
                                      gint64                 provider_id,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (series_id > 0);
  g_return_if_fail (provider_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_metadata_controller_choose_async);
  mml_meta_run_choose_async (self->run, series_id, provider_id, cancellable, choose_done_cb, task);
}

gboolean
mml_metadata_controller_choose_finish (MmlMetadataController  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
update_failure (MmlMetaUpdate what)
{
  switch (what)
    {
    case MML_META_UPDATE_IGNORE:
      return _("Cannot ignore the folder");
    case MML_META_UPDATE_UNIGNORE:
      return _("Cannot stop ignoring the folder");
    case MML_META_UPDATE_CONFIRM:
      return _("Cannot keep the match");
    case MML_META_UPDATE_UNCONFIRM:
    case MML_META_UPDATE_REOPEN:
      return _("Cannot undo");
    case MML_META_UPDATE_UNMATCH:
      return _("Cannot forget the match");
    case MML_META_UPDATE_ERROR:
    case MML_META_UPDATE_ORDER:
    case MML_META_UPDATE_OVERRIDE:
    default:
      return _("Cannot change the series");
    }
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetadataController *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!mml_meta_store_update_finish (MML_STORE (object), result, &error))
    {
      /* nobody waits for it: say so */
      if (GPOINTER_TO_INT (g_task_get_task_data (task)))
        report_error (self, update_failure (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "what"))), error);
      g_task_return_error (task, error);
      return;
    }
  reload_now (self);
  g_task_return_boolean (task, TRUE);
}

/* One small update of the store, then the models reload */
static void
send_update (MmlMetadataController *self,
             gint64                 series_id,
             MmlMetaUpdate          what,
             const char            *text,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mml_metadata_controller_update_async);
  g_task_set_task_data (task, GINT_TO_POINTER (callback == NULL), NULL);
  g_object_set_data (G_OBJECT (task), "what", GINT_TO_POINTER (what));
  mml_meta_store_update_async (self->store, series_id, what, NULL, text, MML_EPISODE_ORDER_AIRED,
                               cancellable != NULL ? cancellable : self->cancellable, updated_cb, task);
}

/**
 * mml_metadata_controller_update_async:
 * @series_id: the series; 0 with %MML_META_UPDATE_CONFIRM: every
 *   automatic match
 * @what: %MML_META_UPDATE_IGNORE, _UNIGNORE, _UNMATCH, _CONFIRM or
 *   _REOPEN
 *
 * One of the user's decisions on a series, then the models reload.
 * Confirming keeps an automatic match: it becomes manual and final.
 * Reopening undoes a choice made in a match conflict (or ignoring it):
 * the conflict is open again with its candidates. With no @callback, a
 * failure is reported as the engine's "error".
 */
void
mml_metadata_controller_update_async (MmlMetadataController *self,
                                      gint64                 series_id,
                                      MmlMetaUpdate          what,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (series_id >= 0);
  g_return_if_fail (what == MML_META_UPDATE_IGNORE || what == MML_META_UPDATE_UNIGNORE ||
                    what == MML_META_UPDATE_UNMATCH || what == MML_META_UPDATE_CONFIRM ||
                    what == MML_META_UPDATE_REOPEN);

  send_update (self, series_id, what, NULL, cancellable, callback, user_data);
}

/**
 * mml_metadata_controller_unconfirm_async:
 * @series_ids: (array length=n_series): series whose match was just kept
 *
 * The undo of a Keep (or of Keep all): those of @series_ids that are still
 * kept become new matches to review again. Finish with
 * mml_metadata_controller_update_finish().
 */
void
mml_metadata_controller_unconfirm_async (MmlMetadataController *self,
                                         const gint64          *series_ids,
                                         guint                  n_series,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(GString) ids = g_string_new ("[");

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (series_ids != NULL || n_series == 0);

  for (guint i = 0; i < n_series; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", series_ids[i]);
  g_string_append_c (ids, ']');

  send_update (self, 0, MML_META_UPDATE_UNCONFIRM, ids->str, cancellable, callback, user_data);
}

gboolean
mml_metadata_controller_update_finish (MmlMetadataController  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mml_metadata_controller_ignore_series:
 *
 * Leaves the series folder unmatched for good (its conflicts close), until
 * mml_metadata_controller_unignore_series().
 */
void
mml_metadata_controller_ignore_series (MmlMetadataController *self,
                                       gint64                 series_id)
{
  g_return_if_fail (series_id > 0);
  mml_metadata_controller_update_async (self, series_id, MML_META_UPDATE_IGNORE, NULL, NULL, NULL);
}

/**
 * mml_metadata_controller_unignore_series:
 *
 * The folder is unmatched again and the next match run considers it.
 */
void
mml_metadata_controller_unignore_series (MmlMetadataController *self,
                                         gint64                 series_id)
{
  g_return_if_fail (series_id > 0);
  mml_metadata_controller_update_async (self, series_id, MML_META_UPDATE_UNIGNORE, NULL, NULL, NULL);
}

static void
order_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_meta_run_set_order_finish (MML_META_RUN (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  reload_now (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

/**
 * mml_metadata_controller_set_order_async:
 *
 * Changes a series' episode order: refetches it and relinks its files.
 */
void
mml_metadata_controller_set_order_async (MmlMetadataController *self,
                                         gint64                 series_id,
                                         MmlEpisodeOrder        order,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_metadata_controller_set_order_async);
  mml_meta_run_set_order_async (self->run, series_id, order, cancellable, order_set_cb, task);
}

gboolean
mml_metadata_controller_set_order_finish (MmlMetadataController  *self,
                                          GAsyncResult           *result,
                                          GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- reads ----------------------------------------------------------------- */

typedef GPtrArray *(*ArrayFinish) (MmlStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error);

typedef struct
{
  ArrayFinish finish;
} ArrayRead;

static void
array_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ArrayRead *read = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *rows = read->finish (MML_STORE (object), result, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static GTask *
array_read_new (MmlMetadataController *self,
                GCancellable          *cancellable,
                GAsyncReadyCallback    callback,
                gpointer               user_data,
                gpointer               tag,
                ArrayFinish            finish)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ArrayRead *read = g_new0 (ArrayRead, 1);

  read->finish = finish;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, read, g_free);
  return task;
}

static GPtrArray *
array_read_finish (MmlMetadataController  *self,
                   GAsyncResult           *result,
                   GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_metadata_controller_list_series_async:
 * @series_id: one series, or 0 for every series row by title
 *
 * The series with their ids, match state, metadata and counts: the store's
 * one series row, #MmlSeriesItem; with @series_id 0, every row (a
 * folder-less one with no episode too, which the library's model leaves
 * out).
 */
void
mml_metadata_controller_list_series_async (MmlMetadataController *self,
                                           gint64                 series_id,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  task = array_read_new (self, cancellable, callback, user_data,
                         mml_metadata_controller_list_series_async, mml_meta_store_list_series_finish);
  mml_meta_store_list_series_async (self->store, series_id, cancellable, array_read_cb, task);
}

/**
 * mml_metadata_controller_list_series_finish:
 *
 * Returns: (transfer full) (element-type MmlSeriesItem): the series
 */
GPtrArray *
mml_metadata_controller_list_series_finish (MmlMetadataController  *self,
                                            GAsyncResult           *result,
                                            GError                **error)
{
  return array_read_finish (self, result, error);
}

/**
 * mml_metadata_controller_list_episodes_async:
 *
 * Missing, upcoming or all episodes (#MmlEpisodeRow), as the store's one
 * definition of missing and upcoming says, judged by the engine's clock.
 */
void
mml_metadata_controller_list_episodes_async (MmlMetadataController *self,
                                             MmlEpisodesFilter      filter,
                                             gint64                 series_id,
                                             guint                  days,
                                             gboolean               specials,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  task = array_read_new (self, cancellable, callback, user_data,
                         mml_metadata_controller_list_episodes_async, mml_meta_store_list_episodes_finish);
  mml_meta_store_list_episodes_async (self->store, filter, series_id, days, specials, cancellable,
                                      array_read_cb, task);
}

/**
 * mml_metadata_controller_list_episodes_finish:
 *
 * Returns: (transfer full) (element-type MmlEpisodeRow): the rows
 */
GPtrArray *
mml_metadata_controller_list_episodes_finish (MmlMetadataController  *self,
                                              GAsyncResult           *result,
                                              GError                **error)
{
  return array_read_finish (self, result, error);
}

/**
 * mml_metadata_controller_find_matched_async:
 * @provider_ids: ids at the primary provider
 *
 * The series of the library already matched to one of these shows,
 * whichever provider matched them.
 */
void
mml_metadata_controller_find_matched_async (MmlMetadataController *self,
                                            const gint64          *provider_ids,
                                            guint                  n_ids,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  task = array_read_new (self, cancellable, callback, user_data,
                         mml_metadata_controller_find_matched_async, mml_meta_store_find_matched_finish);
  mml_meta_store_find_matched_async (self->store, self->kind, provider_ids, n_ids, cancellable,
                                     array_read_cb, task);
}

/**
 * mml_metadata_controller_find_matched_finish:
 *
 * Returns: (transfer full) (element-type MmlSeriesItem): the series, in
 *   the order of @provider_ids
 */
GPtrArray *
mml_metadata_controller_find_matched_finish (MmlMetadataController  *self,
                                             GAsyncResult           *result,
                                             GError                **error)
{
  return array_read_finish (self, result, error);
}

typedef struct
{
  MmlMatchQuery *query;
} Search;

static void
search_free (Search *search)
{
  mml_match_query_free (search->query);
  g_free (search);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Search *search = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *found = mml_provider_search_finish (MML_PROVIDER (object), result, &error);

  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mml_matcher_score_all (search->query, found);
  g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mml_metadata_controller_search_async:
 * @title: what the user typed; "Title (2010)" searches the title and the
 *   year ranks the results
 * @year: a year to prefer, or 0
 *
 * Searches the primary provider and scores the candidates as the matcher
 * scores them (the provider's order is kept).
 */
void
mml_metadata_controller_search_async (MmlMetadataController *self,
                                      const char            *title,
                                      int                    year,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  GTask *task;
  Search *search;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (title != NULL);

  g_autofree char *searched = NULL;
  g_autofree char *country = NULL;
  int typed_year = 0;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_metadata_controller_search_async);
  search = g_new0 (Search, 1);
  search->query = mml_match_query_new_from_folder (title);
  if (year > 0)
    search->query->year = year;
  g_task_set_task_data (task, search, (GDestroyNotify) search_free);

  /* "Title (2010)" searches the title; the year ranks the results */
  mml_matcher_split_title (title, &searched, &typed_year, &country);
  mml_provider_search_async (mml_meta_run_get_provider (self->run),
                             searched != NULL && *searched != '\0' ? searched : title,
                             year > 0 ? year : typed_year, cancellable, searched_cb, task);
}

/**
 * mml_metadata_controller_search_finish:
 *
 * Returns: (transfer full) (element-type MmlMetaCandidate): the candidates
 */
GPtrArray *
mml_metadata_controller_search_finish (MmlMetadataController  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Settings' Test -------------------------------------------------------- */

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mml_provider_test_finish (MML_PROVIDER (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* @task: (transfer full) */
static void
start_test (GTask           *task,
            MmlProviderKeys *keys)
{
  g_autoptr(GTask) owned = task;
  MmlMetadataController *self = g_task_get_source_object (task);
  g_autoptr(MmlProvider) provider = NULL;

  if (!mml_provider_keys_usable (keys))
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY,
                               "%s", _("Enter an API key first"));
      return;
    }
  provider = mml_services_new_provider (self->test_http, keys->provider, keys->api_key, keys->pin);
  mml_provider_test_async (provider, g_task_get_cancellable (task), tested_cb, g_steal_pointer (&owned));
}

static void
saved_keys_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  MmlProviderKeys *typed = g_task_get_task_data (task);
  g_autoptr(MmlProviderKeys) saved = mml_credentials_lookup_finish (result, NULL);

  /* a PIN typed with no key typed goes with the saved key */
  if (saved == NULL)
    saved = mml_provider_keys_new (typed->provider, NULL, NULL);
  if (typed->pin != NULL)
    {
      g_free (saved->pin);
      saved->pin = g_strdup (typed->pin);
    }
  start_test (task, saved);
}

/**
 * mml_metadata_controller_test_async:
 * @api_key: (nullable): the key as typed; %NULL or empty: the saved one
 * @pin: (nullable): the PIN as typed
 *
 * Asks @provider one cheap question with these keys, failing fast when
 * offline (unlike the runs, which wait for the network).
 */
void
mml_metadata_controller_test_async (MmlMetadataController *self,
                                    MmlMetaProvider        provider,
                                    const char            *api_key,
                                    const char            *pin,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;
  MmlProviderKeys *typed;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_metadata_controller_test_async);
  typed = mml_provider_keys_new (provider, api_key, pin);
  g_task_set_task_data (task, typed, (GDestroyNotify) mml_provider_keys_free);

  if (mml_credentials_needs_key (provider) && typed->api_key == NULL)
    {
      mml_credentials_lookup_async (provider, cancellable, saved_keys_cb, task);
      return;
    }
  start_test (task, typed);
}

gboolean
mml_metadata_controller_test_finish (MmlMetadataController  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
