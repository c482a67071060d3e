/* mml-meta-run.h — matching and refreshing many series against one
 * provider: a bounded number in flight (the HTTP layer paces them to the
 * provider's rate limit), each result written as it arrives, progress with
 * an ETA, cancellation keeps everything already written. With the HTTP
 * layer waiting for the network, unplugging it only pauses the run.
 *
 * Also the single-series actions the views and the CLI use: choose a
 * candidate (a manual match), match by id, re-match with other words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-meta-store.h"
#include "mml-provider.h"
#include "mml-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint   total;         /* series considered */
  guint   accepted;      /* matched automatically (or refreshed) */
  guint   conflicts;     /* sent to Conflicts */
  guint   kept;          /* manual / ignored rows left alone */
  guint   unchanged;     /* refresh: not in the provider's updates */
  guint   errors;        /* failures, remembered on the series for Retry */
  guint   calls;         /* provider calls */
  guint64 requests;      /* HTTP requests sent over the network */
  double  seconds;
  char   *first_error;   /* nullable */
} MmlMetaRunSummary;

void mml_meta_run_summary_free (MmlMetaRunSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaRunSummary, mml_meta_run_summary_free)

#define MML_TYPE_META_RUN (mml_meta_run_get_type ())

G_DECLARE_FINAL_TYPE (MmlMetaRun, mml_meta_run, MML, META_RUN, GObject)

/* Signals:
 *   "progress" (guint done, guint total, const char *current, double eta_seconds)
 *      after each series; eta_seconds < 0 while unknown (the first
 *      few series), then from the pace of the last 128.
 *   "series-changed" (gint64 series_id) after each write. */

MmlMetaRun        *mml_meta_run_new            (MmlStore            *store,
                                                MmlProvider         *provider,
                                                MmlHttp             *http /* nullable: no request counts */);
MmlProvider       *mml_meta_run_get_provider   (MmlMetaRun          *self);
void               mml_meta_run_set_concurrency (MmlMetaRun         *self,
                                                guint                n);   /* default 4 */

/* Match the series @which selects (UNMATCHED, CONFLICTS, or ONE with
 * @series_id): accepted → written as "auto"; otherwise a conflict with its
 * candidates. When plausible candidates are too close to call, the
 * episode lists of the close ones (at most two more fetches) are weighed
 * against what the folder's files name (mml_matcher_score_evidence) and
 * the matcher decides again; a conflict then says, per candidate, how its
 * episodes and year compare with the folder's. An AUTH / NO_KEY failure
 * stops the run with that error. */
void               mml_meta_run_match_async    (MmlMetaRun          *self,
                                                MmlMetaTargets       which,
                                                gint64               series_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MmlMetaRunSummary *mml_meta_run_match_finish   (MmlMetaRun          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Refresh matched series of this provider: only those the provider's
 * updates feed names since the oldest refresh (every one with @all, or
 * when the provider has no feed). Manual matches and overrides stay. */
void               mml_meta_run_refresh_async  (MmlMetaRun          *self,
                                                gboolean             all,
                                                gint64               series_id /* 0: every series */,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MmlMetaRunSummary *mml_meta_run_refresh_finish (MmlMetaRun          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The user's choice: series @series_id is @provider_id at this provider
 * (fetched in the series' episode order, written as "manual", final). */
void               mml_meta_run_choose_async   (MmlMetaRun          *self,
                                                gint64               series_id,
                                                gint64               provider_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean           mml_meta_run_choose_finish  (MmlMetaRun          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Change a series' episode order, refetch and relink its files. */
void               mml_meta_run_set_order_async  (MmlMetaRun        *self,
                                                  gint64             series_id,
                                                  MmlEpisodeOrder    order,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean           mml_meta_run_set_order_finish (MmlMetaRun        *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

G_END_DECLS
