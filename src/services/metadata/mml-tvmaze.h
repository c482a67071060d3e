/* mml-tvmaze.h — the TVmaze client (no key; the default metadata source)
 * on the shared MmlHttp layer. Data from TVmaze is CC BY-SA: credit it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mml-http.h"
#include "mml-matcher.h"
#include "mml-metadata.h"
#include "mml-provider.h"

G_BEGIN_DECLS

#define MML_TVMAZE_DEFAULT_URL "https://api.tvmaze.com"

typedef enum {
  MML_TVMAZE_LOOKUP_TVDB,
  MML_TVMAZE_LOOKUP_IMDB,
  MML_TVMAZE_LOOKUP_TVRAGE,
} MmlTvmazeLookup;

typedef enum {
  MML_TVMAZE_SERIES_BASIC    = 0,
  MML_TVMAZE_SERIES_EPISODES = 1 << 0,   /* embed the regular episodes (same request) */
  MML_TVMAZE_SERIES_SEASONS  = 1 << 1,   /* embed the seasons (same request) */
  MML_TVMAZE_SERIES_AKAS     = 1 << 2,   /* embed the AKAs (same request) */
  MML_TVMAZE_SERIES_SPECIALS = 1 << 3,   /* episodes incl. specials: one more request,
                                            /shows/ID/episodes?specials=1 */
} MmlTvmazeSeriesFlags;

#define MML_TVMAZE_SERIES_FULL (MML_TVMAZE_SERIES_EPISODES | MML_TVMAZE_SERIES_SEASONS | MML_TVMAZE_SERIES_AKAS)

typedef struct
{
  gint64 show_id;
  gint64 updated;     /* unix time */
} MmlTvmazeUpdate;

#define MML_TYPE_TVMAZE (mml_tvmaze_get_type ())

/* Implements MmlProvider (aired order only; episodes embedded, regular only). */
G_DECLARE_FINAL_TYPE (MmlTvmaze, mml_tvmaze, MML, TVMAZE, GObject)

/* @base_url: NULL means $MML_TVMAZE_URL, else https://api.tvmaze.com.
 * Sets the 20 calls / 10 s limit on the base URL's host of @http. */
MmlTvmaze     *mml_tvmaze_new                 (MmlHttp              *http,
                                               const char           *base_url /* nullable */);
const char    *mml_tvmaze_get_base_url        (MmlTvmaze            *self);

/* GET /search/shows?q= → GPtrArray of MmlMetaCandidate (provider_score =
 * TVmaze's score, score 0), in TVmaze's order; empty when nothing matched.
 * Entries that are not a usable show are skipped. */
void           mml_tvmaze_search_async        (MmlTvmaze            *self,
                                               const char           *query,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray     *mml_tvmaze_search_finish       (MmlTvmaze            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* GET /singlesearch/shows?q= → the show, or NULL *without* an error when
 * TVmaze has no match (404). */
void           mml_tvmaze_singlesearch_async  (MmlTvmaze            *self,
                                               const char           *query,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
MmlMetaSeries *mml_tvmaze_singlesearch_finish (MmlTvmaze            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* GET /lookup/shows?thetvdb=|imdb=|tvrage= (TVmaze answers with a redirect
 * to /shows/ID) → the show (no embeds), or NULL without an error when TVmaze
 * does not know the id. */
void           mml_tvmaze_lookup_async        (MmlTvmaze            *self,
                                               MmlTvmazeLookup       kind,
                                               const char           *id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
MmlMetaSeries *mml_tvmaze_lookup_finish       (MmlTvmaze            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* GET /shows/ID[?embed[]=…] (+ /shows/ID/episodes?specials=1 with
 * MML_TVMAZE_SERIES_SPECIALS). A 404 is an MML_HTTP_ERROR_NOT_FOUND error. */
void           mml_tvmaze_get_series_async    (MmlTvmaze            *self,
                                               gint64                show_id,
                                               MmlTvmazeSeriesFlags  flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
MmlMetaSeries *mml_tvmaze_get_series_finish   (MmlTvmaze            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* GET /updates/shows?since=day|week|month (@since NULL: everything) →
 * GArray of MmlTvmazeUpdate. */
void           mml_tvmaze_updates_async       (MmlTvmaze            *self,
                                               const char           *since /* nullable */,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GArray        *mml_tvmaze_updates_finish      (MmlTvmaze            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Parsers, for the client and the tests: every field is type-checked; a
 * field of the wrong type counts as missing. NULL when @node is not a show
 * (an object with a positive integer "id"). */
MmlMetaSeries  *mml_tvmaze_parse_show          (JsonNode *node);
MmlMetaEpisode *mml_tvmaze_parse_episode       (JsonNode *node);
GPtrArray      *mml_tvmaze_parse_search        (JsonNode *node);   /* never NULL */
/* The show id in a TVmaze URL ".../shows/123[?…]", or 0. */
gint64          mml_tvmaze_show_id_from_url    (const char *url);

G_END_DECLS
