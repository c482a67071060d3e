/* mml-library-session-meta.c — the session's metadata runs: matching and
 * refreshing, one at a time, with their progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One HTTP layer for the app (it waits for the network rather than failing)
 * and one MmlMetaRun on the primary provider, rebuilt when the provider or
 * its keys change. Match and refresh runs are queued and run one at a time,
 * so a refresh never overlaps a match run. Each write the run reports makes
 * the session reload its models, at most every RELOAD_INTERVAL_MS during a
 * run and once more at its end.
 *
 * mml-library-session-meta-auto.c has the keys and the automatic work
 * (matching new folders, the scheduled refresh), and
 * mml-library-session-conflicts.c the match conflicts and the user's
 * choices.
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-services.h"

#include "mml-library-session-meta-private.h"

/* During a run, reload the models at most this often */
#define RELOAD_INTERVAL_MS 2000
/* … and never sooner than this after the write that asked for it */
#define RELOAD_MIN_DELAY_MS 250

enum {
  META_FINISHED,
  SERIES_META_CHANGED,
  N_META_SIGNALS
};

static guint meta_signals[N_META_SIGNALS];

void
_mml_session_meta_wipe (char *text)
{
  if (text != NULL)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

GSettings *
_mml_session_meta_get_settings (MmlLibrarySession *self)
{
  if (self->meta->settings == NULL)
    self->meta->settings = g_settings_new (APP_ID_BASE);
  return self->meta->settings;
}

/* The user's choice; until there is one, the same default as the CLI's
 * ($MML_PROVIDER, else TVmaze) */
MmlMetaProvider
_mml_session_meta_primary_kind (MmlLibrarySession *self)
{
  GSettings *settings = _mml_session_meta_get_settings (self);
  g_autoptr(GVariant) chosen = g_settings_get_user_value (settings, "primary-provider");
  MmlMetaProvider kind;

  if (chosen == NULL)
    return mml_services_default_provider ();
  if (!mml_meta_provider_from_string (g_variant_get_string (chosen, NULL), &kind))
    kind = MML_META_PROVIDER_TVMAZE;
  return kind;
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
progress_text (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;
  gboolean refresh = meta->current != NULL && meta->current->kind == JOB_REFRESH;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *eta = NULL;

  if (!meta->busy)
    return NULL;
  if (meta->waiting)
    return g_strdup (_("Waiting for the network…"));
  if (meta->total == 0)
    return g_strdup (refresh ? _("Refreshing metadata…") : _("Matching series…"));

  done = g_strdup_printf ("%'u", meta->done);
  total = g_strdup_printf ("%'u", meta->total);
  if (meta->eta < 0 || meta->done >= meta->total)
    /* Translators: "Matching 120 of 2,000" */
    return g_strdup_printf (refresh ? _("Refreshing %s of %s") : _("Matching %s of %s"), done, total);

  eta = format_eta (meta->eta);
  /* Translators: "Matching 120 of 2,000 — about 14 min left" */
  return g_strdup_printf (refresh ? _("Refreshing %s of %s — %s") : _("Matching %s of %s — %s"),
                          done, total, eta);
}

static void
update_progress (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;
  g_autofree char *text = progress_text (self);
  double fraction = 0.0;

  if (meta->busy && meta->total > 0)
    fraction = CLAMP ((double) meta->done / meta->total, 0.0, 1.0);

  g_object_freeze_notify (G_OBJECT (self));
  if (meta->fraction != fraction)
    {
      meta->fraction = fraction;
      _mml_library_session_notify (self, PROP_META_FRACTION);
    }
  if (g_strcmp0 (meta->text, text) != 0)
    {
      g_free (meta->text);
      meta->text = g_steal_pointer (&text);
      _mml_library_session_notify (self, PROP_META_TEXT);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_busy (MmlLibrarySession *self,
          gboolean           busy)
{
  MmlSessionMeta *meta = self->meta;

  meta->done = 0;
  meta->total = 0;
  meta->eta = -1;
  if (meta->busy != !!busy)
    {
      meta->busy = !!busy;
      _mml_library_session_notify (self, PROP_META_BUSY);
    }
  update_progress (self);
}

static void
http_network_cb (MmlLibrarySession *self,
                 GParamSpec        *pspec,
                 MmlHttp           *http)
{
  gboolean waiting = !mml_http_get_online (http) && mml_http_get_waiting (http) > 0;

  if (self->meta->waiting == waiting)
    return;
  self->meta->waiting = waiting;
  _mml_library_session_notify (self, PROP_META_WAITING);
  update_progress (self);
}

/* --- reloads --------------------------------------------------------------- */

void
_mml_session_meta_reload_now (MmlLibrarySession *self)
{
  g_clear_handle_id (&self->meta->reload_source, g_source_remove);
  self->meta->last_reload = g_get_monotonic_time ();
  mml_library_session_reload (self);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MmlLibrarySession *self = user_data;

  self->meta->reload_source = 0;
  _mml_session_meta_reload_now (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces the writes of a run: one reload per RELOAD_INTERVAL_MS at most */
static void
schedule_reload (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;
  gint64 elapsed_ms;
  guint delay;

  if (meta->reload_source != 0 || self->shut_down)
    return;

  elapsed_ms = (g_get_monotonic_time () - meta->last_reload) / 1000;
  delay = elapsed_ms >= RELOAD_INTERVAL_MS ? 0 : (guint) (RELOAD_INTERVAL_MS - elapsed_ms);
  meta->reload_source = g_timeout_add (MAX (delay, RELOAD_MIN_DELAY_MS), reload_timeout_cb, self);
}

/* --- the run --------------------------------------------------------------- */

static void
run_progress_cb (MmlLibrarySession *self,
                 guint              done,
                 guint              total,
                 const char        *current,
                 double             eta_seconds,
                 MmlMetaRun        *run)
{
  MmlSessionMeta *meta = self->meta;

  if (run != meta->run || !meta->busy)
    return;
  meta->done = done;
  meta->total = total;
  meta->eta = eta_seconds;
  update_progress (self);
}

static void
run_series_changed_cb (MmlLibrarySession *self,
                       gint64             series_id,
                       MmlMetaRun        *run)
{
  g_signal_emit (self, meta_signals[SERIES_META_CHANGED], 0, series_id);
  schedule_reload (self);
}

static MmlMetaRun *
ensure_run (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;
  g_autoptr(MmlProvider) provider = NULL;

  if (meta->run != NULL)
    return meta->run;

  provider = mml_services_new_provider (mml_library_session_get_http (self), meta->kind,
                                        meta->key, meta->pin);
  meta->run = mml_meta_run_new (self->store, provider, meta->http);
  g_signal_connect_object (meta->run, "progress",
                           G_CALLBACK (run_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (meta->run, "series-changed",
                           G_CALLBACK (run_series_changed_cb), self, G_CONNECT_SWAPPED);
  _mml_library_session_notify (self, PROP_META_RUN);

  return meta->run;
}

/* The provider or its keys changed: the next job (and a cancelled current
 * one, run again) uses a new run. */
void
_mml_session_meta_rebuild_run (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;

  if (meta->current != NULL && meta->job_cancellable != NULL)
    {
      meta->requeue = TRUE;
      g_cancellable_cancel (meta->job_cancellable);
    }
  if (meta->run != NULL)
    g_signal_handlers_disconnect_by_data (meta->run, self);
  g_clear_object (&meta->run);
  ensure_run (self);
}

gboolean
_mml_session_meta_provider_usable (MmlLibrarySession *self)
{
  return self->meta->kind == MML_META_PROVIDER_TVMAZE || self->meta->key != NULL;
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  MmlSessionMeta *meta = self->meta;
  g_autoptr(MmlMetaRunSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree MetaJob *job = g_steal_pointer (&meta->current);

  if (job->kind == JOB_MATCH)
    summary = mml_meta_run_match_finish (MML_META_RUN (object), result, &error);
  else
    summary = mml_meta_run_refresh_finish (MML_META_RUN (object), result, &error);

  g_clear_object (&meta->job_cancellable);

  if (self->shut_down)
    return;

  if (meta->requeue && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by rebuild_run(): run it again on the new run */
      meta->requeue = FALSE;
      g_queue_push_head (&meta->queue, g_steal_pointer (&job));
      set_busy (self, FALSE);
      _mml_session_meta_start_next_job (self);
      return;
    }
  meta->requeue = FALSE;

  if (summary != NULL && job->kind == JOB_REFRESH && job->series_id == 0)
    g_settings_set_int64 (_mml_session_meta_get_settings (self), "last-refresh",
                          g_get_real_time () / G_USEC_PER_SEC);

  if (error != NULL)
    _mml_library_session_report_error (self,
                                       job->kind == JOB_MATCH ? _("Matching stopped")
                                                              : _("Refreshing stopped"),
                                       error);

  set_busy (self, FALSE);
  _mml_session_meta_reload_now (self);
  g_signal_emit (self, meta_signals[META_FINISHED], 0, summary, error);
  _mml_session_meta_start_next_job (self);
}

void
_mml_session_meta_start_next_job (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;
  MmlMetaRun *run;
  MetaJob *job;

  if (!self->ready || self->shut_down || meta->current != NULL || meta->keys_pending > 0)
    return;
  if ((job = g_queue_pop_head (&meta->queue)) == NULL)
    return;

  run = ensure_run (self);
  meta->current = job;
  meta->job_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  if (job->kind == JOB_MATCH)
    mml_meta_run_match_async (run, job->which, job->series_id, meta->job_cancellable,
                              job_done_cb, g_object_ref (self));
  else
    mml_meta_run_refresh_async (run, job->all, job->series_id, meta->job_cancellable,
                                job_done_cb, g_object_ref (self));
}

static gboolean
same_job (const MetaJob *a,
          const MetaJob *b)
{
  return a->kind == b->kind && a->which == b->which && a->all == b->all &&
         a->series_id == b->series_id;
}

/* Queues @job (transfer full) unless the same one waits already. Matching
 * goes before any waiting refresh: new folders first. */
static void
queue_job (MmlLibrarySession *self,
           MetaJob           *job)
{
  MmlSessionMeta *meta = self->meta;
  GList *before = NULL;

  if (self->shut_down)
    {
      g_free (job);
      return;
    }

  for (GList *l = meta->queue.head; l != NULL; l = l->next)
    {
      MetaJob *queued = l->data;

      if (same_job (queued, job))
        {
          queued->scheduled |= job->scheduled;
          g_free (job);
          return;
        }
      if (before == NULL && job->kind == JOB_MATCH && queued->kind == JOB_REFRESH)
        before = l;
    }

  if (before != NULL)
    g_queue_insert_before (&meta->queue, before, job);
  else
    g_queue_push_tail (&meta->queue, job);

  _mml_session_meta_start_next_job (self);
}

void
_mml_session_meta_queue_match (MmlLibrarySession *self,
                               MmlMetaTargets     which,
                               gint64             series_id)
{
  MetaJob *job = g_new0 (MetaJob, 1);

  job->kind = JOB_MATCH;
  job->which = which;
  job->series_id = which == MML_META_TARGETS_ONE ? series_id : 0;
  queue_job (self, job);
}

void
_mml_session_meta_queue_refresh (MmlLibrarySession *self,
                                 gboolean           all,
                                 gint64             series_id,
                                 gboolean           scheduled)
{
  MetaJob *job = g_new0 (MetaJob, 1);

  job->kind = JOB_REFRESH;
  job->which = MML_META_TARGETS_MATCHED;
  job->all = all;
  job->series_id = series_id;
  job->scheduled = scheduled;
  queue_job (self, job);
}

/* --- hooks from mml-library-session.c ------------------------------------------ */

void
_mml_library_session_meta_class_init (GObjectClass  *klass,
                                      GParamSpec   **properties)
{
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_META_RUN] =
    g_param_spec_object ("meta-run", NULL, NULL, MML_TYPE_META_RUN, ro);
  properties[PROP_META_BUSY] =
    g_param_spec_boolean ("meta-busy", NULL, NULL, FALSE, ro);
  properties[PROP_META_FRACTION] =
    g_param_spec_double ("meta-fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_META_TEXT] =
    g_param_spec_string ("meta-text", NULL, NULL, NULL, ro);
  properties[PROP_META_WAITING] =
    g_param_spec_boolean ("meta-waiting", NULL, NULL, FALSE, ro);

  /**
   * MmlLibrarySession::meta-finished:
   * @summary: (nullable): the MmlMetaRunSummary, %NULL on failure
   * @error: (nullable): the GError, %NULL on success
   */
  meta_signals[META_FINISHED] =
    g_signal_new ("meta-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);

  /**
   * MmlLibrarySession::series-meta-changed:
   * @series_id: the series whose metadata was just written
   */
  meta_signals[SERIES_META_CHANGED] =
    g_signal_new ("series-meta-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

void
_mml_library_session_meta_init (MmlLibrarySession *self)
{
  self->meta = g_new0 (MmlSessionMeta, 1);
  self->meta->conflicts = g_list_store_new (MML_TYPE_MATCH_CONFLICT_ITEM);
  self->meta->eta = -1;
  g_queue_init (&self->meta->queue);
  _mml_session_meta_auto_init (self);
}

void
_mml_library_session_meta_opened (MmlLibrarySession *self)
{
  _mml_session_meta_auto_start (self);
}

void
_mml_library_session_meta_shutdown (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;

  g_queue_clear_full (&meta->queue, g_free);
  if (meta->job_cancellable != NULL)
    g_cancellable_cancel (meta->job_cancellable);
  if (meta->keys_cancellable != NULL)
    g_cancellable_cancel (meta->keys_cancellable);
  if (meta->conflicts_cancellable != NULL)
    g_cancellable_cancel (meta->conflicts_cancellable);
  g_clear_handle_id (&meta->reload_source, g_source_remove);
  g_clear_handle_id (&meta->refresh_timer, g_source_remove);
  if (meta->settings != NULL)
    g_signal_handlers_disconnect_by_data (meta->settings, self);
  if (meta->http != NULL)
    g_signal_handlers_disconnect_by_data (meta->http, self);
  if (meta->run != NULL)
    g_signal_handlers_disconnect_by_data (meta->run, self);
}

void
_mml_library_session_meta_finalize (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;

  g_queue_clear_full (&meta->queue, g_free);
  g_clear_pointer (&meta->current, g_free);
  g_clear_object (&meta->settings);
  g_clear_object (&meta->run);
  g_clear_object (&meta->http);
  g_clear_object (&meta->conflicts);
  g_clear_object (&meta->job_cancellable);
  g_clear_object (&meta->keys_cancellable);
  g_clear_object (&meta->conflicts_cancellable);
  g_clear_pointer (&meta->key, _mml_session_meta_wipe);
  g_clear_pointer (&meta->pin, _mml_session_meta_wipe);
  g_free (meta->text);
  g_clear_pointer (&self->meta, g_free);
}

void
_mml_library_session_meta_get_property (MmlLibrarySession *self,
                                        guint              prop_id,
                                        GValue            *value)
{
  switch (prop_id)
    {
    case PROP_META_RUN:
      g_value_set_object (value, self->meta->run);
      break;
    case PROP_META_BUSY:
      g_value_set_boolean (value, self->meta->busy);
      break;
    case PROP_META_FRACTION:
      g_value_set_double (value, self->meta->fraction);
      break;
    case PROP_META_TEXT:
      g_value_set_string (value, self->meta->text);
      break;
    case PROP_META_WAITING:
      g_value_set_boolean (value, self->meta->waiting);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* --- public API ------------------------------------------------------------------ */

/**
 * mml_library_session_get_http:
 *
 * Returns: (transfer none): the application's HTTP layer; requests made
 *   while offline wait for the network
 */
MmlHttp *
mml_library_session_get_http (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);

  if (self->meta->http == NULL)
    {
      self->meta->http = mml_services_new_http ();
      mml_http_set_wait_for_network (self->meta->http, TRUE);
      g_signal_connect_object (self->meta->http, "notify::online",
                               G_CALLBACK (http_network_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->meta->http, "notify::waiting",
                               G_CALLBACK (http_network_cb), self, G_CONNECT_SWAPPED);
    }
  return self->meta->http;
}

/**
 * mml_library_session_get_meta_run:
 *
 * The run may be replaced (notify::meta-run) when the primary provider or
 * its keys change: do not keep it.
 *
 * Returns: (transfer none): the primary provider's run
 */
MmlMetaRun *
mml_library_session_get_meta_run (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);

  if (self->meta->run == NULL && self->meta->keys_cancellable == NULL)
    self->meta->kind = _mml_session_meta_primary_kind (self);
  return ensure_run (self);
}

/**
 * mml_library_session_match:
 * @which: %MML_META_TARGETS_UNMATCHED, %MML_META_TARGETS_CONFLICTS or
 *   %MML_META_TARGETS_ONE
 * @series_id: the series for %MML_META_TARGETS_ONE
 *
 * Queues a match run; runs go one at a time. Progress shows in
 * "meta-busy", "meta-fraction" and "meta-text".
 */
void
mml_library_session_match (MmlLibrarySession *self,
                           MmlMetaTargets     which,
                           gint64             series_id)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (which != MML_META_TARGETS_MATCHED);
  g_return_if_fail (which != MML_META_TARGETS_ONE || series_id > 0);

  _mml_session_meta_queue_match (self, which, series_id);
}

/**
 * mml_library_session_refresh:
 * @all: refetch every series, not only those the provider says changed
 * @series_id: one series, or 0 for every matched series
 *
 * Queues a refresh; it starts once no match run is going.
 */
void
mml_library_session_refresh (MmlLibrarySession *self,
                             gboolean           all,
                             gint64             series_id)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  _mml_session_meta_queue_refresh (self, all, series_id, FALSE);
}

/**
 * mml_library_session_cancel_meta:
 *
 * Cancels the running match or refresh and drops the queued ones; what was
 * written stays.
 */
void
mml_library_session_cancel_meta (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  g_queue_clear_full (&self->meta->queue, g_free);
  self->meta->requeue = FALSE;
  if (self->meta->job_cancellable != NULL)
    g_cancellable_cancel (self->meta->job_cancellable);
}

gboolean
mml_library_session_get_meta_busy (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  return self->meta->busy;
}

double
mml_library_session_get_meta_fraction (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), 0.0);
  return self->meta->fraction;
}

/**
 * mml_library_session_get_meta_text:
 *
 * Returns: (nullable): "Matching 120 of 2,000 — about 14 min left",
 *   "Waiting for the network…", or %NULL while nothing runs
 */
const char *
mml_library_session_get_meta_text (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return self->meta->text;
}

/**
 * mml_library_session_get_meta_waiting:
 *
 * Returns: whether the network is down with requests waiting for it
 */
gboolean
mml_library_session_get_meta_waiting (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  return self->meta->waiting;
}
