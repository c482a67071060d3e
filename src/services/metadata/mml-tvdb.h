/* mml-tvdb.h — the TheTVDB v4 client (needs an API key, and a PIN for
 * user-subscription keys) on the shared MmlHttp layer; an MmlProvider.
 *
 * The key and PIN buy a token at POST /login; the token lives in memory only
 * (never logged, never cached, never on disk) and is sent as a bearer token.
 * The client logs in lazily before its first call, once for any number of
 * concurrent calls, and logs in again once when a call is refused (401).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mml-http.h"
#include "mml-metadata.h"
#include "mml-provider.h"

G_BEGIN_DECLS

#define MML_TVDB_DEFAULT_URL  "https://api4.thetvdb.com/v4"
/* Image paths that start with "/" live on this host. */
#define MML_TVDB_ARTWORKS_URL "https://artworks.thetvdb.com"
/* Episode pages fetched per series (500 episodes each) and update pages,
 * at most: TheTVDB's "next" link once never ended. */
#define MML_TVDB_MAX_PAGES    50

#define MML_TYPE_TVDB (mml_tvdb_get_type ())

G_DECLARE_FINAL_TYPE (MmlTvdb, mml_tvdb, MML, TVDB, GObject)

/* @base_url: NULL means $MML_TVDB_URL, else https://api4.thetvdb.com/v4.
 * @api_key: NULL or "" means none yet: every call then fails with
 * MML_PROVIDER_ERROR_NO_KEY. @pin: only for user-subscription keys. */
MmlTvdb       *mml_tvdb_new              (MmlHttp    *http,
                                          const char *base_url /* nullable */,
                                          const char *api_key  /* nullable */,
                                          const char *pin      /* nullable */);
/* Replace the key and PIN; the token of the old ones is dropped. */
void           mml_tvdb_set_credentials  (MmlTvdb    *self,
                                          const char *api_key  /* nullable */,
                                          const char *pin      /* nullable */);
const char    *mml_tvdb_get_base_url     (MmlTvdb    *self);
gboolean       mml_tvdb_has_key          (MmlTvdb    *self);

/* The rest of the API is MmlProvider's (mml-provider.h):
 *   search      GET /search?query=&type=series[&year=]
 *   get_series  GET /series/ID/extended?meta=translations, then
 *               GET /series/ID/episodes/official|dvd|absolute?page=N …
 *   lookup      GET /search/remoteid/ID (IMDb, TMDB) or /series/ID (TheTVDB)
 *   test        POST /login, always a fresh one
 *   updates     GET /updates?since=&type=series&page=N … */

/* Parsers, for the client and the tests: every field is type-checked; a
 * field of the wrong type counts as missing.
 *
 * A series record (base or extended, the "data" of /series/ID[/extended] or
 * the "series" of a /search/remoteid item): NULL when @node is not an
 * object with a positive integer "id". Only the seasons of @season_type
 * ("official", "dvd", "absolute"; NULL: "official") are kept; seasons stay
 * NULL when the record has none. */
MmlMetaSeries  *mml_tvdb_parse_series    (JsonNode   *node,
                                          const char *season_type /* nullable */);
/* An episode record: NULL when @node is not an object. */
MmlMetaEpisode *mml_tvdb_parse_episode   (JsonNode   *node);
/* The "data" list of /search: GPtrArray of MmlMetaCandidate, series only,
 * each series once, in TheTVDB's order; never NULL. */
GPtrArray      *mml_tvdb_parse_search    (JsonNode   *node);
/* An image URL as TheTVDB gives it: absolute http(s) URLs as they are,
 * "/path" on MML_TVDB_ARTWORKS_URL; NULL for anything else. */
char           *mml_tvdb_image_url       (const char *value /* nullable */);
/* "usa" → "US", "gbr" → "GB"…: TheTVDB's ISO 3166 alpha-3 country to the
 * alpha-2 code the rest of the app uses; NULL when unknown. */
const char     *mml_tvdb_country_code    (const char *alpha3 /* nullable */);

G_END_DECLS
