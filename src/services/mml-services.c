/* mml-services.c — one way to build the service clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-services"

#include "config.h"

#include "mml-services.h"
#include "mml-tmdb.h"
#include "mml-tvdb.h"
#include "mml-tvmaze.h"

char *
mml_services_cache_dir (const char *what)
{
  return g_build_filename (g_get_user_cache_dir (), "my-media-library", what, NULL);
}

MmlHttp *
mml_services_new_http (void)
{
  g_autofree char *dir = mml_services_cache_dir ("http");

  return mml_http_new (dir);
}

MmlProvider *
mml_services_new_provider (MmlHttp         *http,
                           MmlMetaProvider  kind,
                           const char      *key,
                           const char      *pin)
{
  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  switch (kind)
    {
    case MML_META_PROVIDER_TVDB:
      return MML_PROVIDER (mml_tvdb_new (http, NULL, key, pin));
    case MML_META_PROVIDER_TMDB:
      return MML_PROVIDER (mml_tmdb_new (http, NULL, key));
    case MML_META_PROVIDER_TVMAZE:
    default:
      return MML_PROVIDER (mml_tvmaze_new (http, NULL));
    }
}

MmlOpenSubtitles *
mml_services_new_opensubtitles (MmlHttp *http)
{
  const char *url = g_getenv ("MML_OPENSUBTITLES_URL");

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  return mml_opensubtitles_new (http, url != NULL && *url != '\0' ? url : NULL);
}

MmlMetaProvider
mml_services_default_provider (void)
{
  MmlMetaProvider kind;

  if (mml_meta_provider_from_string (g_getenv ("MML_PROVIDER"), &kind))
    return kind;
  return MML_META_PROVIDER_TVMAZE;
}
