/* mml-services.h — building the outside-service clients the same way for
 * the app and the CLI: one HTTP layer with its disk cache, and a metadata
 * provider by kind (keys come from the caller, who reads the keyring).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-http.h"
#include "mml-opensubtitles.h"
#include "mml-provider.h"

G_BEGIN_DECLS

/* The cache lives in $XDG_CACHE_HOME/my-media-library/http. */
MmlHttp     *mml_services_new_http     (void);
char        *mml_services_cache_dir    (const char *what);   /* "http", "posters" */

/* @kind's client on @http (base URL from its MML_*_URL variable, else the
 * real service). @key / @pin: TheTVDB API key + PIN, TMDB key or token;
 * ignored for TVmaze. */
MmlProvider *mml_services_new_provider (MmlHttp         *http,
                                        MmlMetaProvider  kind,
                                        const char      *key /* nullable */,
                                        const char      *pin /* nullable */);

/* The subtitle service on @http: $MML_OPENSUBTITLES_URL when set (used as
 * is, a fake in tests), else the real service. */
MmlOpenSubtitles *mml_services_new_opensubtitles (MmlHttp *http);

/* The primary provider when none is chosen: $MML_PROVIDER, else TVmaze. */
MmlMetaProvider mml_services_default_provider (void);

G_END_DECLS
