/* mml-provider.h — what every metadata provider (TVmaze, TheTVDB, TMDB)
 * offers, so that matching, refresh, the CLI and the views never care which
 * one they talk to; and the provider-neutral matching flow built on it.
 *
 * Every call is asynchronous on the shared MmlHttp layer and may be
 * cancelled. Errors are MML_HTTP_ERROR (network, key, quota, server,
 * malformed) or MML_PROVIDER_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-http.h"
#include "mml-matcher.h"
#include "mml-metadata.h"

G_BEGIN_DECLS

#define MML_PROVIDER_ERROR (mml_provider_error_quark ())

typedef enum {
  MML_PROVIDER_ERROR_NO_KEY,         /* the provider needs a key and has none */
  MML_PROVIDER_ERROR_UNSUPPORTED,    /* this provider cannot do that (an episode order, updates…) */
} MmlProviderError;

GQuark mml_provider_error_quark (void);

#define MML_TYPE_PROVIDER (mml_provider_get_type ())

G_DECLARE_INTERFACE (MmlProvider, mml_provider, MML, PROVIDER, GObject)

struct _MmlProviderInterface
{
  GTypeInterface parent_iface;

  MmlMetaProvider (*get_kind)          (MmlProvider *self);
  /* MML_EPISODE_ORDER_FLAG()s of the orders get_series can deliver */
  guint           (*get_orders)        (MmlProvider *self);

  /* Candidates for a title (+ year when > 0): GPtrArray of MmlMetaCandidate
   * (series without episodes; provider_score set when the provider ranks,
   * score 0), in the provider's order, empty when nothing matched. */
  void            (*search_async)      (MmlProvider         *self,
                                        const char          *title,
                                        int                  year,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  GPtrArray *     (*search_finish)     (MmlProvider         *self,
                                        GAsyncResult        *result,
                                        GError             **error);

  /* One series in full: fields, external ids, AKAs, seasons, poster, and
   * episodes incl. specials (special = TRUE) numbered in @order. An
   * unknown id is MML_HTTP_ERROR_NOT_FOUND; an order the provider lacks
   * is MML_PROVIDER_ERROR_UNSUPPORTED. */
  void            (*get_series_async)  (MmlProvider         *self,
                                        gint64               id,
                                        MmlEpisodeOrder      order,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  MmlMetaSeries * (*get_series_finish) (MmlProvider         *self,
                                        GAsyncResult        *result,
                                        GError             **error);

  /* The provider's series for another site's id: a series (episodes not
   * needed), or NULL *without* an error when the provider does not know it. */
  void            (*lookup_async)      (MmlProvider         *self,
                                        MmlExternalKind      kind,
                                        const char          *id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  MmlMetaSeries * (*lookup_finish)     (MmlProvider         *self,
                                        GAsyncResult        *result,
                                        GError             **error);

  /* Check reachability and credentials with the cheapest real call: TRUE,
   * or the exact failure (MML_HTTP_ERROR_AUTH for a bad key, …). Never
   * served from the cache. */
  void            (*test_async)        (MmlProvider         *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  gboolean        (*test_finish)       (MmlProvider         *self,
                                        GAsyncResult        *result,
                                        GError             **error);

  /* Ids of series changed since @since (unix time): GArray of gint64.
   * MML_PROVIDER_ERROR_UNSUPPORTED when the provider has no such feed. */
  void            (*updates_async)     (MmlProvider         *self,
                                        gint64               since,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
  GArray *        (*updates_finish)    (MmlProvider         *self,
                                        GAsyncResult        *result,
                                        GError             **error);
};

MmlMetaProvider mml_provider_get_kind          (MmlProvider         *self);
guint           mml_provider_get_orders        (MmlProvider         *self);
void            mml_provider_search_async      (MmlProvider         *self,
                                                const char          *title,
                                                int                  year,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray      *mml_provider_search_finish     (MmlProvider         *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void            mml_provider_get_series_async  (MmlProvider         *self,
                                                gint64               id,
                                                MmlEpisodeOrder      order,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MmlMetaSeries  *mml_provider_get_series_finish (MmlProvider         *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void            mml_provider_lookup_async      (MmlProvider         *self,
                                                MmlExternalKind      kind,
                                                const char          *id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MmlMetaSeries  *mml_provider_lookup_finish     (MmlProvider         *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void            mml_provider_test_async        (MmlProvider         *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        mml_provider_test_finish       (MmlProvider         *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void            mml_provider_updates_async     (MmlProvider         *self,
                                                gint64               since,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GArray         *mml_provider_updates_finish    (MmlProvider         *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* --- matching one folder, on any provider ------------------------------ */

typedef struct
{
  MmlMatchDecision  decision;
  GPtrArray        *candidates;   /* of MmlMetaCandidate, scored, best first; never NULL */
  MmlMetaSeries    *series;       /* ACCEPTED: the full series; else NULL */
  guint             calls;        /* provider calls made (one call may be several HTTP requests) */
} MmlProviderMatch;

void mml_provider_match_free (MmlProviderMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlProviderMatch, mml_provider_match_free)

/* Ids in @query first (this provider's own id: get_series; another site's:
 * lookup + get_series), else search by title and year, score, fetch the
 * best plausible candidate in full (@order) to confirm, then decide.
 * Errors only for failures; "no match" is a decision. */
void              mml_provider_match_async     (MmlProvider         *self,
                                                const MmlMatchQuery *query,
                                                MmlEpisodeOrder      order,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MmlProviderMatch *mml_provider_match_finish    (MmlProvider         *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
