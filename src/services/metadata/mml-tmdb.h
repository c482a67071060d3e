/* mml-tmdb.h — the TMDB (The Movie Database) v3 client, an MmlProvider on
 * the shared MmlHttp layer. It needs a credential: a v3 API key (sent as
 * the api_key= query parameter) or a v4 API read access token (sent as
 * "Authorization: Bearer"). Data from TMDB must be credited in the UI.
 *
 * Series ids are TMDB tv ids. In the aired order each season, specials
 * (season 0) included, is one more request (4 at a time). TMDB has no
 * absolute numbers: when every listed season was fetched and each is
 * numbered 1..n without gaps, the regular episodes get absolute numbers
 * 1..N in that order; otherwise they stay -1. A listed season that answers
 * 404 is left out (the series still comes back, without absolute numbers);
 * any other failure fails the call.
 *
 * The DVD and absolute orders come from the series' episode groups (types
 * 3 and 2): the series with its list of groups, then the group itself, two
 * requests; a series without one is MML_PROVIDER_ERROR_UNSUPPORTED. How a
 * group becomes seasons and numbers: mml-tmdb-groups.c.
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

#define MML_TMDB_DEFAULT_URL       "https://api.themoviedb.org/3"
#define MML_TMDB_DEFAULT_IMAGE_URL "https://image.tmdb.org/t/p/"
#define MML_TMDB_DEFAULT_LANGUAGE  "en-US"
/* /tv/changes covers at most this many days back */
#define MML_TMDB_UPDATES_MAX_DAYS  14

typedef enum {
  MML_TMDB_CREDENTIAL_NONE,      /* NULL or blank */
  MML_TMDB_CREDENTIAL_API_KEY,   /* v3 key: 32 hex digits → api_key= */
  MML_TMDB_CREDENTIAL_TOKEN,     /* v4 read access token (a JWT, "eyJ…") → Bearer */
  MML_TMDB_CREDENTIAL_INVALID,   /* neither: characters no key or token has */
} MmlTmdbCredential;

/* Which kind of credential @credential is (surrounding blanks ignored).
 * Anything else of printable ASCII: a token when it has a '.' or is longer
 * than 40 characters, else a key. */
MmlTmdbCredential mml_tmdb_credential_kind (const char *credential /* nullable */);

#define MML_TYPE_TMDB (mml_tmdb_get_type ())

G_DECLARE_FINAL_TYPE (MmlTmdb, mml_tmdb, MML, TMDB, GObject)

/* @base_url: NULL means $MML_TMDB_URL, else https://api.themoviedb.org/3.
 * The image base is $MML_TMDB_IMAGE_URL, else https://image.tmdb.org/t/p/.
 * Sets a 40 calls / 1 s limit and the label "TMDB" on the base URL's host
 * of @http. Without a credential every call fails with
 * MML_PROVIDER_ERROR_NO_KEY. */
MmlTmdb           *mml_tmdb_new                 (MmlHttp    *http,
                                                 const char *base_url   /* nullable */,
                                                 const char *credential /* nullable */);
const char        *mml_tmdb_get_base_url        (MmlTmdb    *self);
const char        *mml_tmdb_get_image_url       (MmlTmdb    *self);
void               mml_tmdb_set_credential      (MmlTmdb    *self,
                                                 const char *credential /* nullable */);
MmlTmdbCredential  mml_tmdb_get_credential_kind (MmlTmdb    *self);
/* "en-US" (the default), "he-IL"…; NULL or an invalid tag restores the default. */
void               mml_tmdb_set_language        (MmlTmdb    *self,
                                                 const char *language /* nullable */);
const char        *mml_tmdb_get_language        (MmlTmdb    *self);

/* Parsers, for the client and the tests. Every field is type-checked; a
 * field of the wrong type counts as missing. @image_base NULL means the
 * default image base. */

/* A series from a /tv/ID answer (with external_ids and alternative_titles
 * appended or not), a /search/tv or a /find result: NULL when @node is not
 * an object with a positive integer "id". Seasons are filled from
 * "seasons" when present; episodes stay NULL. */
MmlMetaSeries     *mml_tmdb_parse_series        (JsonNode   *node,
                                                 const char *image_base);
/* /search/tv → GPtrArray of MmlMetaCandidate (provider_score from the
 * popularity, mapped to 0..1), never NULL. */
GPtrArray         *mml_tmdb_parse_search        (JsonNode   *node,
                                                 const char *image_base);
/* /tv/ID/season/N → GPtrArray of MmlMetaEpisode in TMDB's order, or NULL
 * when @node is not a season (an object with an "episodes" list). Season 0
 * episodes are specials. @season_number: the season asked for, used when
 * an episode lacks its own. */
GPtrArray         *mml_tmdb_parse_season        (JsonNode   *node,
                                                 int         season_number,
                                                 const char *image_base);
/* A TMDB error body ({"success":false,"status_code":N,"status_message":…})
 * as an MML_HTTP_ERROR (7/401 → AUTH, 34/404 → NOT_FOUND, 25/429 → QUOTA,
 * others SERVER); NULL when @node is not one. */
GError            *mml_tmdb_error_from_body     (JsonNode   *node);

G_END_DECLS
