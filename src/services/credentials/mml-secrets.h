/* mml-secrets.h — credentials (API keys, PINs, tokens) in the desktop
 * keyring through libsecret (the Secret portal inside Flatpak); never in
 * SQLite, GSettings, files or logs.
 *
 * Every credential is one item of the schema "io.github.mml.MyMediaLibrary.Credential"
 * with two string attributes: "service" ("tvdb", "tmdb", "plex", "trakt"…)
 * and "field" ("api-key", "pin", "token"…). Both names are lower-case ASCII
 * letters, digits and '-'.
 *
 * Environment override (headless use, CI, the CLI without a keyring): when
 * MML_<SERVICE>_<FIELD> is set and not empty — upper case, '-' as '_':
 * MML_TVDB_API_KEY, MML_TVDB_PIN, MML_TMDB_API_KEY, MML_PLEX_TOKEN… — lookup
 * returns its value without asking the keyring. Store and clear always act
 * on the keyring. Never print these values.
 *
 * Without a keyring (no D-Bus session bus, no Secret Service, or one that
 * does not answer in time) the calls fail with MML_SECRETS_ERROR_UNAVAILABLE,
 * "No keyring is available: …", rather than hang.
 *
 * Values are never logged. Free the strings returned with g_free() (or
 * secret_password_free(), which wipes them first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MML_SECRETS_ERROR (mml_secrets_error_quark ())

typedef enum {
  MML_SECRETS_ERROR_UNAVAILABLE,   /* no keyring: no session bus, no Secret Service, no answer in time */
  MML_SECRETS_ERROR_LOCKED,        /* the keyring stayed locked (the unlock prompt was dismissed) */
  MML_SECRETS_ERROR_FAILED,        /* any other keyring error */
} MmlSecretsError;

GQuark      mml_secrets_error_quark          (void);

/* The variable that overrides (@service, @field) in lookups:
 * "MML_TVDB_API_KEY" for ("tvdb", "api-key"). (transfer full) */
char       *mml_secrets_get_env_name         (const char           *service,
                                              const char           *field);

/* How long to wait for the keyring service to answer at all (default 10 s;
 * tests shrink it). An operation, once connected, may wait longer for the
 * user to answer an unlock prompt (up to 2 minutes). 0 restores the default. */
void        mml_secrets_set_timeout          (guint                 seconds);

void        mml_secrets_lookup_async         (const char           *service,
                                              const char           *field,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* The value, or NULL without an error when there is none. */
char       *mml_secrets_lookup_finish        (GAsyncResult         *result,
                                              GError              **error);

/* @label: what keyring managers (Seahorse) show, e.g. "TheTVDB API key";
 * NULL: "My Media Library: @service @field". Replaces any value stored before. */
void        mml_secrets_store_async          (const char           *service,
                                              const char           *field,
                                              const char           *value,
                                              const char           *label,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean    mml_secrets_store_finish         (GAsyncResult         *result,
                                              GError              **error);

/* TRUE also when there was nothing to clear. */
void        mml_secrets_clear_async          (const char           *service,
                                              const char           *field,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean    mml_secrets_clear_finish         (GAsyncResult         *result,
                                              GError              **error);

/* Blocking versions for the CLI: they run a private main context of their
 * own, one call at a time. */
char       *mml_secrets_lookup_sync          (const char           *service,
                                              const char           *field,
                                              GCancellable         *cancellable,
                                              GError              **error);
gboolean    mml_secrets_store_sync           (const char           *service,
                                              const char           *field,
                                              const char           *value,
                                              const char           *label,
                                              GCancellable         *cancellable,
                                              GError              **error);
gboolean    mml_secrets_clear_sync           (const char           *service,
                                              const char           *field,
                                              GCancellable         *cancellable,
                                              GError              **error);

G_END_DECLS
