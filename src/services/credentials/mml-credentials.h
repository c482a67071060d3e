/* mml-credentials.h — which secrets each service needs, read and written
 * in the keyring for everybody (engine, CLI, Settings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-metadata.h"

G_BEGIN_DECLS

/* The keys of one metadata provider. Wiped from memory when freed. */
typedef struct
{
  MmlMetaProvider  provider;
  char            *api_key;   /* (nullable) */
  char            *pin;       /* (nullable): TheTVDB's subscriber PIN */
} MmlProviderKeys;

MmlProviderKeys *mml_provider_keys_new        (MmlMetaProvider        provider,
                                               const char            *api_key,
                                               const char            *pin);
void             mml_provider_keys_free       (MmlProviderKeys       *keys);
gboolean         mml_provider_keys_usable     (const MmlProviderKeys *keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlProviderKeys, mml_provider_keys_free)

/* What a provider asks for */
gboolean         mml_credentials_needs_key    (MmlMetaProvider        provider);
gboolean         mml_credentials_takes_pin    (MmlMetaProvider        provider);
const char      *mml_credentials_service      (MmlMetaProvider        provider);  /* "tvdb", "tmdb"; NULL for TVmaze */
/* The variable that overrides a field ("api-key", "pin") in lookups,
 * "MML_TVDB_API_KEY"; NULL when the provider has no such field */
char            *mml_credentials_env_name     (MmlMetaProvider        provider,
                                               const char            *field);
gboolean         mml_credentials_from_env     (MmlMetaProvider        provider,
                                               const char            *field);

void             mml_credentials_lookup_async  (MmlMetaProvider       provider,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
MmlProviderKeys *mml_credentials_lookup_finish (GAsyncResult         *result,
                                                GError              **error);
MmlProviderKeys *mml_credentials_lookup_sync   (MmlMetaProvider       provider,
                                                GCancellable         *cancellable,
                                                GError              **error);

/* @value: (nullable): NULL or "" clears the field */
void             mml_credentials_save_async    (MmlMetaProvider       provider,
                                                const char           *field,
                                                const char           *value,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean         mml_credentials_save_finish   (GAsyncResult         *result,
                                                GError              **error);

/* --- the subtitle service (OpenSubtitles) ------------------------------ */

/* Keyring service name; variables MML_OPENSUBTITLES_API_KEY, _USER and
 * _PASSWORD override the fields "api-key", "user" and "password". */
#define MML_CREDENTIALS_SUBTITLES "opensubtitles"

/* An OpenSubtitles account: the API key (needed for anything) and the
 * user's name and password (for more downloads a day). Wiped when freed. */
typedef struct
{
  char *api_key;    /* (nullable) */
  char *username;   /* (nullable) */
  char *password;   /* (nullable) */
} MmlSubtitleKeys;

void             mml_subtitle_keys_free              (MmlSubtitleKeys      *keys);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleKeys, mml_subtitle_keys_free)

void             mml_credentials_lookup_subtitles_async  (GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
/* The fields saved (NULL where none), or NULL with @error when the
 * keyring cannot be read and no variable gave the API key */
MmlSubtitleKeys *mml_credentials_lookup_subtitles_finish (GAsyncResult         *result,
                                                          GError              **error);
/* @field: "api-key", "user" or "password"; @value NULL or "" clears it */
void             mml_credentials_save_subtitles_async    (const char           *field,
                                                          const char           *value,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean         mml_credentials_save_subtitles_finish   (GAsyncResult         *result,
                                                          GError              **error);

/* --- media servers ------------------------------------------------------ */

/* A server's token (Plex token, Jellyfin/Emby access token or API key) is
 * the keyring item ("server-ID", "token"); $MML_SERVER_<ID>_TOKEN
 * overrides it in lookups. */
#define MML_CREDENTIALS_SERVER_FIELD "token"

char            *mml_credentials_server_service        (gint64                server_id);
/* The token, or NULL without an error when none is saved */
void             mml_credentials_lookup_server_async   (gint64                server_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char            *mml_credentials_lookup_server_finish  (GAsyncResult         *result,
                                                        GError              **error);
/* @token NULL or "": forget it */
void             mml_credentials_save_server_async     (gint64                server_id,
                                                        const char           *server_name,
                                                        const char           *token,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         mml_credentials_save_server_finish    (GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
