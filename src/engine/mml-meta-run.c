/* mml-meta-run.c — matching and refreshing many series, a few in flight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-meta"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-meta-run.h"

struct _MmlMetaRun
{
  GObject      parent_instance;

  MmlStore    *store;
  MmlProvider *provider;
  MmlHttp     *http;
  guint        concurrency;
};

G_DEFINE_FINAL_TYPE (MmlMetaRun, mml_meta_run, G_TYPE_OBJECT)

#define MAX_FAILURES_IN_A_ROW 3
/* The ETA follows the pace of the last series done: a rate limit lets
 * requests through in bursts (20 at once, then a pause), so the window
 * spans many bursts — with a few, the pauses it happens to hold skew it
 * by a third. Until ETA_MIN series are done there is no estimate. */
#define ETA_WINDOW 128
#define ETA_MIN    8

enum { SIGNAL_PROGRESS, SIGNAL_SERIES_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
mml_meta_run_summary_free (MmlMetaRunSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->first_error);
  g_free (summary);
}

/* --- one run over many series ------------------------------------------ */

typedef struct
{
  GPtrArray         *targets;     /* of MmlMetaTarget */
  guint              next;
  guint              in_flight;
  guint              done;
  gboolean           refresh;
  MmlMetaRunSummary *summary;
  gint64             started;     /* monotonic µs */
  guint64            requests_at_start;
  guint              failures;    /* in a row, since the last success */
  gint64             recent[ETA_WINDOW];   /* when the last series finished, ring */
  GError            *fatal;
} Run;

/* When the best candidates are close, the episode lists of the close ones
 * are compared with the files on disk: at most this many more fetches
 * (the best is usually fetched already; the one the files choose is
 * written as fetched, so the match costs no refetch). */
#define EVIDENCE_FETCHES 2
/* how far below the best a candidate may be and still be compared */
#define EVIDENCE_RANGE   0.25

typedef struct
{
  GTask            *task;      /* the run's */
  MmlMetaTarget    *target;    /* owned by the run's array */
  MmlMatchQuery    *query;     /* a copy for the conflict */
  MmlProviderMatch *match;     /* while the files are weighed */
  MmlDiskSummary   *disk;
  guint             pending;   /* episode lists being fetched */
} Item;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  mml_meta_run_summary_free (run->summary);
  g_clear_error (&run->fatal);
  g_free (run);
}

static void launch (GTask *task);

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH)
      || g_error_matches (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY)
      /* only when the HTTP layer does not wait for the network (the CLI) */
      || g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
item_done (Item *item)
{
  GTask *task = item->task;
  MmlMetaRun *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  double eta = -1;

  gint64 now = g_get_monotonic_time ();
  guint window;

  run->in_flight--;
  run->recent[run->done % ETA_WINDOW] = now;
  run->done++;
  window = MIN (run->done, ETA_WINDOW);
  if (run->done == run->targets->len)
    eta = 0;
  else if (window >= ETA_MIN)
    {
      /* the oldest entry still in the ring, over the series finished since */
      gint64 oldest = run->recent[(run->done - window) % ETA_WINDOW];
      double pace = (now - oldest) / (double) G_USEC_PER_SEC / (window - 1);

      eta = pace * (run->targets->len - run->done);
    }
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, run->done, run->targets->len,
                 item->target->query->title, eta);

  mml_match_query_free (item->query);
  mml_provider_match_free (item->match);
  g_clear_pointer (&item->disk, mml_disk_summary_unref);
  g_free (item);
  launch (task);
  g_object_unref (task);
}

static void
item_error (Item   *item,
            GError *error)   /* transfer full */
{
  MmlMetaRun *self = g_task_get_source_object (item->task);
  Run *run = g_task_get_task_data (item->task);

  if (is_fatal (error))
    {
      if (run->fatal == NULL)
        run->fatal = error;
      else
        g_error_free (error);
      item_done (item);
      return;
    }
  run->summary->errors++;
  if (run->summary->first_error == NULL)
    run->summary->first_error = g_strdup (error->message);
  /* remembered on the series so the views can offer Retry; best effort */
  mml_meta_store_update_async (self->store, item->target->series_id, MML_META_UPDATE_ERROR,
                               NULL, error->message, MML_EPISODE_ORDER_AIRED, NULL, NULL, NULL);
  /* The service is down (not one bad series): stop rather than fail
   * every remaining series one by one. */
  if (error->domain == MML_HTTP_ERROR && error->code != MML_HTTP_ERROR_NOT_FOUND
      && error->code != MML_HTTP_ERROR_MALFORMED && ++run->failures >= MAX_FAILURES_IN_A_ROW
      && run->fatal == NULL)
    {
      run->fatal = g_error_new (error->domain, error->code,
                                _("%s (stopped after %u failures in a row)"), error->message, run->failures);
    }
  g_error_free (error);
  item_done (item);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Item *item = user_data;
  MmlMetaRun *self = g_task_get_source_object (item->task);
  Run *run = g_task_get_task_data (item->task);
  GError *error = NULL;
  MmlMetaWrite outcome;
  gboolean conflict = g_task_get_source_tag (G_TASK (result)) == mml_meta_store_set_conflict_async;

  outcome = conflict ? mml_meta_store_set_conflict_finish (MML_STORE (object), result, &error)
                     : mml_meta_store_apply_finish (MML_STORE (object), result, &error);
  if (error != NULL)
    {
      item_error (item, error);
      return;
    }
  run->failures = 0;
  switch (outcome)
    {
    case MML_META_APPLIED:
      if (conflict)
        run->summary->conflicts++;
      else
        run->summary->accepted++;
      g_signal_emit (self, signals[SIGNAL_SERIES_CHANGED], 0, item->target->series_id);
      break;
    case MML_META_KEPT_MANUAL:
    case MML_META_KEPT_IGNORED:
    case MML_META_GONE:
    default:
      run->summary->kept++;
      break;
    }
  item_done (item);
}

/* --- close candidates: the files on disk decide ---------------------- */

/* Score what the files say, decide once more (the matcher's one rule),
 * write the match or the conflict with each candidate's evidence. */
static void
evidence_decide (Item *item)
{
  MmlMetaRun *self = g_task_get_source_object (item->task);
  MmlProviderMatch *match = item->match;
  MmlMetaCandidate *best = NULL;

  mml_matcher_score_evidence (item->target->query, item->disk, match->candidates);
  match->decision = mml_matcher_decide (match->candidates, &best);
  if (match->decision == MML_MATCH_ACCEPTED && best->series->episodes != NULL)
    {
      mml_meta_store_apply_async (self->store, item->target->series_id, best->series,
                                  MML_MATCH_STATE_AUTO, item->target->order, NULL, written_cb, item);
      return;
    }
  if (match->decision == MML_MATCH_ACCEPTED)
    match->decision = MML_MATCH_AMBIGUOUS;   /* its episodes could not be fetched */
  mml_meta_store_set_conflict_with_disk_async (self->store, item->target->series_id, match->decision,
                                               match->candidates, item->target->query, item->disk,
                                               NULL, written_cb, item);
}

static void
evidence_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Item *item = user_data;
  Run *run = g_task_get_task_data (item->task);
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;

  item->pending--;
  run->summary->calls++;
  series = mml_provider_get_series_finish (MML_PROVIDER (object), result, &error);
  if (series != NULL)
    {
      for (guint i = 0; i < item->match->candidates->len; i++)
        {
          MmlMetaCandidate *c = g_ptr_array_index (item->match->candidates, i);

          if (c->series->provider_id == series->provider_id && c->series->episodes == NULL)
            {
              mml_meta_series_unref (c->series);
              c->series = mml_meta_series_ref (series);
            }
        }
    }
  else if (is_fatal (error) && run->fatal == NULL)
    run->fatal = g_steal_pointer (&error);
  else
    /* one rival less to compare: the others still can be */
    g_debug ("No episodes for a candidate of “%s”: %s", item->target->query->title, error->message);
  g_clear_error (&error);

  if (item->pending > 0)
    return;
  if (run->fatal != NULL)
    item_done (item);
  else
    evidence_decide (item);
}

static void
disk_summary_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Item *item = user_data;
  MmlMetaRun *self = g_task_get_source_object (item->task);
  MmlMetaCandidate *first;
  g_autoptr(GPtrArray) fetch = g_ptr_array_new ();
  GError *error = NULL;

  if ((item->disk = mml_meta_store_disk_summary_finish (MML_STORE (object), result, &error)) == NULL)
    {
      item_error (item, error);
      return;
    }

  /* the close candidates whose episodes are not here yet, best first */
  first = g_ptr_array_index (item->match->candidates, 0);
  for (guint i = 0; i < item->match->candidates->len && fetch->len < EVIDENCE_FETCHES; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (item->match->candidates, i);

      if (c->score < MML_MATCH_PLAUSIBLE || first->score - c->score > EVIDENCE_RANGE)
        break;
      if (c->series->episodes == NULL && c->series->provider_id > 0
          && c->series->provider == mml_provider_get_kind (self->provider))
        g_ptr_array_add (fetch, c);
    }
  if (fetch->len == 0 || mml_disk_summary_get_size (item->disk) == 0)
    {
      evidence_decide (item);
      return;
    }
  item->pending = fetch->len;
  for (guint i = 0; i < fetch->len; i++)
    mml_provider_get_series_async (self->provider, ((MmlMetaCandidate *) g_ptr_array_index (fetch, i))->series->provider_id,
                                   item->target->order, g_task_get_cancellable (item->task),
                                   evidence_fetched_cb, item);
}

/* Plausible candidates too close to call: the files on disk may tell. */
static gboolean
wants_evidence (MmlProviderMatch *match)
{
  MmlMetaCandidate *first;

  if (match->decision != MML_MATCH_MULTIPLE && match->decision != MML_MATCH_AMBIGUOUS)
    return FALSE;
  if (match->candidates->len == 0)
    return FALSE;
  first = g_ptr_array_index (match->candidates, 0);
  return first->score >= MML_MATCH_PLAUSIBLE;
}

static void
matched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Item *item = user_data;
  MmlMetaRun *self = g_task_get_source_object (item->task);
  Run *run = g_task_get_task_data (item->task);
  g_autoptr(MmlProviderMatch) match = NULL;
  GError *error = NULL;

  if ((match = mml_provider_match_finish (MML_PROVIDER (object), result, &error)) == NULL)
    {
      item_error (item, error);
      return;
    }
  run->summary->calls += match->calls;
  if (wants_evidence (match))
    {
      item->match = g_steal_pointer (&match);
      mml_meta_store_disk_summary_async (self->store, item->target->series_id, NULL, disk_summary_cb, item);
      return;
    }
  if (match->decision == MML_MATCH_ACCEPTED && match->series != NULL)
    mml_meta_store_apply_async (self->store, item->target->series_id, match->series,
                                MML_MATCH_STATE_AUTO, item->target->order, NULL, written_cb, item);
  else
    mml_meta_store_set_conflict_async (self->store, item->target->series_id, match->decision,
                                       match->candidates, item->query, NULL, written_cb, item);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Item *item = user_data;
  MmlMetaRun *self = g_task_get_source_object (item->task);
  Run *run = g_task_get_task_data (item->task);
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;

  run->summary->calls++;
  if ((series = mml_provider_get_series_finish (MML_PROVIDER (object), result, &error)) == NULL)
    {
      item_error (item, error);
      return;
    }
  mml_meta_store_apply_async (self->store, item->target->series_id, series,
                              MML_MATCH_STATE_NONE, item->target->order, NULL, written_cb, item);
}

static void
finish_run (GTask *task)
{
  MmlMetaRun *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  run->summary->seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;
  if (self->http != NULL)
    run->summary->requests = mml_http_get_requests_sent (self->http) - run->requests_at_start;
  if (run->fatal != NULL)
    g_task_return_error (task, g_steal_pointer (&run->fatal));
  else if (g_task_return_error_if_cancelled (task))
    ;
  else
    g_task_return_pointer (task, g_steal_pointer (&run->summary), (GDestroyNotify) mml_meta_run_summary_free);
}

static void
launch (GTask *task)
{
  MmlMetaRun *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean stop = run->fatal != NULL || g_cancellable_is_cancelled (cancellable);

  while (!stop && run->in_flight < self->concurrency && run->next < run->targets->len)
    {
      MmlMetaTarget *target = g_ptr_array_index (run->targets, run->next++);
      Item *item = g_new0 (Item, 1);

      item->task = g_object_ref (task);
      item->target = target;
      item->query = mml_match_query_new (target->query->title, target->query->year);
      run->in_flight++;
      if (run->refresh)
        mml_provider_get_series_async (self->provider, target->provider_id, target->order,
                                       cancellable, fetched_cb, item);
      else
        mml_provider_match_async (self->provider, target->query, target->order,
                                  cancellable, matched_cb, item);
    }

  if (run->in_flight == 0 && (stop || run->next >= run->targets->len))
    finish_run (task);
}

static void
start_items (GTask     *task,
             GPtrArray *targets)
{
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->targets, g_ptr_array_unref);
  run->targets = g_ptr_array_ref (targets);
  run->summary->total += targets->len;
  run->started = g_get_monotonic_time ();
  g_object_ref (task);   /* launch() may finish it */
  launch (task);
  g_object_unref (task);
}

/* match */

static void
match_targets_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) targets = NULL;
  GError *error = NULL;

  if ((targets = mml_meta_store_list_targets_finish (MML_STORE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  start_items (task, targets);
}

static GTask *
new_run_task (MmlMetaRun         *self,
              gpointer            tag,
              gboolean            refresh,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, tag);
  run->refresh = refresh;
  run->summary = g_new0 (MmlMetaRunSummary, 1);
  run->targets = g_ptr_array_new ();
  run->started = g_get_monotonic_time ();
  if (self->http != NULL)
    run->requests_at_start = mml_http_get_requests_sent (self->http);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  return task;
}

void
mml_meta_run_match_async (MmlMetaRun          *self,
                          MmlMetaTargets       which,
                          gint64               series_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_META_RUN (self));
  g_return_if_fail (which != MML_META_TARGETS_MATCHED);

  task = new_run_task (self, mml_meta_run_match_async, FALSE, cancellable, callback, user_data);
  mml_meta_store_list_targets_async (self->store, which, series_id, cancellable, match_targets_cb, task);
}

MmlMetaRunSummary *
mml_meta_run_match_finish (MmlMetaRun    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_meta_run_match_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* refresh */

typedef struct
{
  GTask     *task;
  GPtrArray *targets;
} RefreshStart;

static void
updates_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RefreshStart *start = user_data;
  g_autoptr(GTask) task = start->task;
  g_autoptr(GPtrArray) targets = start->targets;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GHashTable) set = NULL;
  GError *error = NULL;

  g_free (start);
  run->summary->calls++;
  ids = mml_provider_updates_finish (MML_PROVIDER (object), result, &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED))
        {
          g_task_return_error (task, error);
          return;
        }
      /* no feed that far back: refetch everything */
      g_error_free (error);
      start_items (task, targets);
      return;
    }

  set = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (set, &g_array_index (ids, gint64, i));
  changed = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_target_free);
  for (guint i = 0; i < targets->len; i++)
    {
      MmlMetaTarget *t = g_ptr_array_index (targets, i);

      if (g_hash_table_contains (set, &t->provider_id))
        g_ptr_array_add (changed, g_ptr_array_steal_index_fast (targets, i--));
      else
        run->summary->unchanged++;
    }
  run->summary->total += run->summary->unchanged;
  start_items (task, changed);
}

static void
refresh_targets_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetaRun *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  gboolean all = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "all"));
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  GError *error = NULL;
  gint64 since = G_MAXINT64;
  RefreshStart *start;

  if ((targets = mml_meta_store_list_targets_finish (MML_STORE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* this provider's series; others belong to another run */
  mine = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_target_free);
  for (guint i = 0; i < targets->len; i++)
    {
      MmlMetaTarget *t = g_ptr_array_index (targets, i);

      if (t->provider == mml_provider_get_kind (self->provider) && t->provider_id > 0
          && (t->state == MML_MATCH_STATE_AUTO || t->state == MML_MATCH_STATE_MANUAL))
        {
          since = MIN (since, t->refreshed_at);
          g_ptr_array_add (mine, g_ptr_array_steal_index_fast (targets, i--));
        }
      else
        run->summary->kept++;
    }
  run->summary->total += run->summary->kept;

  if (all || mine->len == 0 || since <= 0)
    {
      start_items (task, mine);
      return;
    }
  start = g_new0 (RefreshStart, 1);
  start->task = g_steal_pointer (&task);
  start->targets = g_steal_pointer (&mine);
  mml_provider_updates_async (self->provider, since, g_task_get_cancellable (start->task), updates_cb, start);
}

void
mml_meta_run_refresh_async (MmlMetaRun          *self,
                            gboolean             all,
                            gint64               series_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_META_RUN (self));

  task = new_run_task (self, mml_meta_run_refresh_async, TRUE, cancellable, callback, user_data);
  g_object_set_data (G_OBJECT (task), "all", GINT_TO_POINTER (all || series_id > 0));
  mml_meta_store_list_targets_async (self->store,
                                     series_id > 0 ? MML_META_TARGETS_ONE : MML_META_TARGETS_MATCHED,
                                     series_id, cancellable, refresh_targets_cb, task);
}

MmlMetaRunSummary *
mml_meta_run_refresh_finish (MmlMetaRun    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_meta_run_refresh_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- one series: choose, order ------------------------------------------ */

typedef struct
{
  gint64          series_id;
  gint64          provider_id;
  MmlEpisodeOrder order;
  gboolean        set_order;
  MmlMatchState   state;
} OneJob;

static void
one_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetaRun *self = g_task_get_source_object (task);
  OneJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (mml_meta_store_apply_finish (MML_STORE (object), result, &error) == MML_META_GONE && error == NULL)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The series is no longer in the library (its folder was removed)"));
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SERIES_CHANGED], 0, job->series_id);
  g_task_return_boolean (task, TRUE);
}

static void
one_fetched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetaRun *self = g_task_get_source_object (task);
  OneJob *job = g_task_get_task_data (task);
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;

  if ((series = mml_provider_get_series_finish (MML_PROVIDER (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mml_meta_store_apply_async (self->store, job->series_id, series, job->state, job->order,
                              NULL, one_written_cb, g_steal_pointer (&task));
}

static void
one_order_set_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetaRun *self = g_task_get_source_object (task);
  OneJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mml_meta_store_update_finish (MML_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->provider_id <= 0)
    {
      /* not matched: the order applies at the next match */
      g_task_return_boolean (task, TRUE);
      return;
    }
  mml_provider_get_series_async (self->provider, job->provider_id, job->order,
                                 g_task_get_cancellable (task), one_fetched_cb, g_object_ref (task));
}

static void
one_target_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetaRun *self = g_task_get_source_object (task);
  OneJob *job = g_task_get_task_data (task);
  g_autoptr(GPtrArray) targets = NULL;
  MmlMetaTarget *t;
  GError *error = NULL;

  if ((targets = mml_meta_store_list_targets_finish (MML_STORE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (targets->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "There is no series %" G_GINT64_FORMAT " on an enabled root", job->series_id);
      return;
    }
  t = g_ptr_array_index (targets, 0);
  if (!job->set_order)
    {
      job->order = t->order;
      mml_provider_get_series_async (self->provider, job->provider_id, job->order,
                                     g_task_get_cancellable (task), one_fetched_cb, g_object_ref (task));
      return;
    }
  if (t->provider_id > 0 && t->provider != mml_provider_get_kind (self->provider))
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               _("This series is matched on %s, not %s"),
                               mml_meta_provider_display_name (t->provider),
                               mml_meta_provider_display_name (mml_provider_get_kind (self->provider)));
      return;
    }
  job->provider_id = t->provider_id;
  job->state = MML_MATCH_STATE_NONE;   /* keep auto / manual */
  mml_meta_store_update_async (self->store, job->series_id, MML_META_UPDATE_ORDER, NULL, NULL, job->order,
                               NULL, one_order_set_cb, g_steal_pointer (&task));
}

void
mml_meta_run_choose_async (MmlMetaRun          *self,
                           gint64               series_id,
                           gint64               provider_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  OneJob *job;

  g_return_if_fail (MML_IS_META_RUN (self));
  g_return_if_fail (provider_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_meta_run_choose_async);
  job = g_new0 (OneJob, 1);
  job->series_id = series_id;
  job->provider_id = provider_id;
  job->state = MML_MATCH_STATE_MANUAL;
  g_task_set_task_data (task, job, g_free);
  mml_meta_store_list_targets_async (self->store, MML_META_TARGETS_ONE, series_id, cancellable,
                                     one_target_cb, task);
}

gboolean
mml_meta_run_choose_finish (MmlMetaRun    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mml_meta_run_set_order_async (MmlMetaRun          *self,
                              gint64               series_id,
                              MmlEpisodeOrder      order,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  OneJob *job;

  g_return_if_fail (MML_IS_META_RUN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_meta_run_set_order_async);
  if (!(mml_provider_get_orders (self->provider) & MML_EPISODE_ORDER_FLAG (order)))
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               _("%s has no %s episode order"),
                               mml_meta_provider_display_name (mml_provider_get_kind (self->provider)),
                               mml_episode_order_to_string (order));
      g_object_unref (task);
      return;
    }
  job = g_new0 (OneJob, 1);
  job->series_id = series_id;
  job->order = order;
  job->set_order = TRUE;
  g_task_set_task_data (task, job, g_free);
  mml_meta_store_list_targets_async (self->store, MML_META_TARGETS_ONE, series_id, cancellable,
                                     one_target_cb, task);
}

gboolean
mml_meta_run_set_order_finish (MmlMetaRun    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- object ------------------------------------------------------------ */

static void
mml_meta_run_dispose (GObject *object)
{
  MmlMetaRun *self = MML_META_RUN (object);

  g_clear_object (&self->store);
  g_clear_object (&self->provider);
  g_clear_object (&self->http);
  G_OBJECT_CLASS (mml_meta_run_parent_class)->dispose (object);
}

static void
mml_meta_run_class_init (MmlMetaRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_meta_run_dispose;

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_DOUBLE);
  signals[SIGNAL_SERIES_CHANGED] =
    g_signal_new ("series-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
mml_meta_run_init (MmlMetaRun *self)
{
  self->concurrency = 4;
}

MmlMetaRun *
mml_meta_run_new (MmlStore    *store,
                  MmlProvider *provider,
                  MmlHttp     *http)
{
  MmlMetaRun *self;

  g_return_val_if_fail (MML_IS_STORE (store), NULL);
  g_return_val_if_fail (MML_IS_PROVIDER (provider), NULL);

  self = g_object_new (MML_TYPE_META_RUN, NULL);
  self->store = g_object_ref (store);
  self->provider = g_object_ref (provider);
  self->http = http != NULL ? g_object_ref (http) : NULL;
  return self;
}

MmlProvider *
mml_meta_run_get_provider (MmlMetaRun *self)
{
  g_return_val_if_fail (MML_IS_META_RUN (self), NULL);
  return self->provider;
}

void
mml_meta_run_set_concurrency (MmlMetaRun *self,
                              guint       n)
{
  g_return_if_fail (MML_IS_META_RUN (self));
  self->concurrency = MAX (n, 1);
}
