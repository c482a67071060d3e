/* mml-credentials.c — which secrets each service needs, and the one place
 * that reads and writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys live in the desktop keyring (mml-secrets.c), never in SQLite,
 * GSettings or logs; `$MML_TVDB_API_KEY`-style variables override them for
 * headless use. TVmaze needs nothing; TheTVDB an API key and, for
 * subscriber keys, a PIN; TMDB a v3 key or a v4 read token.
 */
#define G_LOG_DOMAIN "mml-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mml-credentials.h"
#include "mml-metadata.h"
#include "mml-secrets.h"

static void
wipe (char *text)
{
  if (text != NULL)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

MmlProviderKeys *
mml_provider_keys_new (MmlMetaProvider  provider,
                       const char      *api_key,
                       const char      *pin)
{
  MmlProviderKeys *keys = g_new0 (MmlProviderKeys, 1);

  keys->provider = provider;
  keys->api_key = api_key != NULL && *api_key != '\0' ? g_strdup (api_key) : NULL;
  keys->pin = pin != NULL && *pin != '\0' && mml_credentials_takes_pin (provider) ? g_strdup (pin) : NULL;
  return keys;
}

void
mml_provider_keys_free (MmlProviderKeys *keys)
{
  if (keys == NULL)
    return;
  wipe (keys->api_key);
  wipe (keys->pin);
  g_free (keys);
}

/**
 * mml_provider_keys_usable:
 * @keys: (nullable): keys
 *
 * Returns: whether the provider can be asked anything with @keys
 */
gboolean
mml_provider_keys_usable (const MmlProviderKeys *keys)
{
  if (keys == NULL)
    return FALSE;
  return !mml_credentials_needs_key (keys->provider) || keys->api_key != NULL;
}

gboolean
mml_credentials_needs_key (MmlMetaProvider provider)
{
  return provider == MML_META_PROVIDER_TVDB || provider == MML_META_PROVIDER_TMDB;
}

gboolean
mml_credentials_takes_pin (MmlMetaProvider provider)
{
  return provider == MML_META_PROVIDER_TVDB;
}

const char *
mml_credentials_service (MmlMetaProvider provider)
{
  switch (provider)
    {
    case MML_META_PROVIDER_TVDB:
      return "tvdb";
    case MML_META_PROVIDER_TMDB:
      return "tmdb";
    case MML_META_PROVIDER_TVMAZE:
    default:
      return NULL;
    }
}

static gboolean
field_known (MmlMetaProvider  provider,
             const char      *field)
{
  if (mml_credentials_service (provider) == NULL)
    return FALSE;
  return g_strcmp0 (field, "api-key") == 0
         || (g_strcmp0 (field, "pin") == 0 && mml_credentials_takes_pin (provider));
}

char *
mml_credentials_env_name (MmlMetaProvider  provider,
                          const char      *field)
{
  if (!field_known (provider, field))
    return NULL;
  return mml_secrets_get_env_name (mml_credentials_service (provider), field);
}

/**
 * mml_credentials_from_env:
 *
 * Returns: whether @field is set by its environment variable, which then
 *   wins over the keyring
 */
gboolean
mml_credentials_from_env (MmlMetaProvider  provider,
                          const char      *field)
{
  g_autofree char *name = mml_credentials_env_name (provider, field);
  const char *value = name != NULL ? g_getenv (name) : NULL;

  return value != NULL && *value != '\0';
}

/* --- lookups ------------------------------------------------------------- */

typedef struct
{
  MmlProviderKeys *keys;
  guint            pending;
  GError          *error;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  mml_provider_keys_free (lookup->keys);
  g_clear_error (&lookup->error);
  g_free (lookup);
}

typedef struct
{
  GTask    *task;
  gboolean  pin;
} FieldLookup;

static void
field_looked_up_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FieldLookup *field = user_data;
  g_autoptr(GTask) task = field->task;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *value = mml_secrets_lookup_finish (result, &error);

  if (field->pin)
    lookup->keys->pin = value;
  else
    lookup->keys->api_key = value;
  g_free (field);
  if (error != NULL && lookup->error == NULL)
    lookup->error = g_steal_pointer (&error);

  if (--lookup->pending > 0)
    return;

  /* No keyring is not an error when a variable gave the key */
  if (lookup->error != NULL && lookup->keys->api_key == NULL)
    g_task_return_error (task, g_steal_pointer (&lookup->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&lookup->keys),
                           (GDestroyNotify) mml_provider_keys_free);
}

static void
lookup_field (GTask      *task,
              const char *service,
              const char *field_name)
{
  FieldLookup *field = g_new0 (FieldLookup, 1);

  field->task = g_object_ref (task);
  field->pin = g_str_equal (field_name, "pin");
  mml_secrets_lookup_async (service, field_name, g_task_get_cancellable (task),
                            field_looked_up_cb, field);
}

/**
 * mml_credentials_lookup_async:
 *
 * Reads every key @provider needs from the keyring (or its variables).
 * A provider that needs none completes at once with empty keys.
 */
void
mml_credentials_lookup_async (MmlMetaProvider      provider,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *service = mml_credentials_service (provider);
  Lookup *lookup = g_new0 (Lookup, 1);

  g_task_set_source_tag (task, mml_credentials_lookup_async);
  lookup->keys = mml_provider_keys_new (provider, NULL, NULL);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  if (service == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&lookup->keys),
                             (GDestroyNotify) mml_provider_keys_free);
      return;
    }

  lookup->pending = mml_credentials_takes_pin (provider) ? 2 : 1;
  lookup_field (task, service, "api-key");
  if (mml_credentials_takes_pin (provider))
    lookup_field (task, service, "pin");
}

/**
 * mml_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the keys (fields %NULL where none is
 *   saved), or %NULL with @error set when the keyring cannot be read and no
 *   variable gave the key
 */
MmlProviderKeys *
mml_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_credentials_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_credentials_lookup_sync:
 *
 * The blocking version, for the CLI.
 */
MmlProviderKeys *
mml_credentials_lookup_sync (MmlMetaProvider   provider,
                             GCancellable     *cancellable,
                             GError          **error)
{
  const char *service = mml_credentials_service (provider);
  g_autoptr(MmlProviderKeys) keys = mml_provider_keys_new (provider, NULL, NULL);
  g_autoptr(GError) local_error = NULL;

  if (service == NULL)
    return g_steal_pointer (&keys);

  keys->api_key = mml_secrets_lookup_sync (service, "api-key", cancellable, &local_error);
  if (local_error == NULL && mml_credentials_takes_pin (provider))
    keys->pin = mml_secrets_lookup_sync (service, "pin", cancellable, &local_error);
  if (local_error != NULL && keys->api_key == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/* --- saving -------------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean cleared = GPOINTER_TO_INT (g_task_get_task_data (task));
  gboolean ok;

  ok = cleared ? mml_secrets_clear_finish (result, &error) : mml_secrets_store_finish (result, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mml_credentials_save_async:
 * @field: "api-key" or "pin"
 * @value: (nullable): the value; %NULL or empty removes it
 *
 * Saves one key of @provider in the keyring, labelled for keyring
 * managers ("TheTVDB API key").
 */
void
mml_credentials_save_async (MmlMetaProvider      provider,
                            const char          *field,
                            const char          *value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;
  gboolean clear = value == NULL || *value == '\0';

  g_task_set_source_tag (task, mml_credentials_save_async);
  g_task_set_task_data (task, GINT_TO_POINTER (clear), NULL);

  if (!field_known (provider, field))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%s takes no “%s”", mml_meta_provider_display_name (provider), field);
      return;
    }

  if (clear)
    {
      mml_secrets_clear_async (mml_credentials_service (provider), field, cancellable,
                               saved_cb, g_steal_pointer (&task));
      return;
    }

  /* Translators: what keyring managers show: "TheTVDB API key", "TheTVDB subscriber PIN" */
  label = g_strdup_printf (g_str_equal (field, "pin") ? _("%s subscriber PIN") : _("%s API key"),
                           mml_meta_provider_display_name (provider));
  mml_secrets_store_async (mml_credentials_service (provider), field, value, label, cancellable,
                           saved_cb, g_steal_pointer (&task));
}

gboolean
mml_credentials_save_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_credentials_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the subtitle service ------------------------------------------------ */

static const char * const subtitle_fields[] = { "api-key", "user", "password" };

void
mml_subtitle_keys_free (MmlSubtitleKeys *keys)
{
  if (keys == NULL)
    return;
  wipe (keys->api_key);
  wipe (keys->username);
  wipe (keys->password);
  g_free (keys);
}

typedef struct
{
  MmlSubtitleKeys *keys;
  guint            pending;
  GError          *error;
} SubtitleLookup;

static void
subtitle_lookup_free (SubtitleLookup *lookup)
{
  mml_subtitle_keys_free (lookup->keys);
  g_clear_error (&lookup->error);
  g_free (lookup);
}

typedef struct
{
  GTask *task;
  guint  field;
} SubtitleField;

static void
subtitle_field_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SubtitleField *field = user_data;
  g_autoptr(GTask) task = field->task;
  SubtitleLookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *value = mml_secrets_lookup_finish (result, &error);
  char **slots[] = { &lookup->keys->api_key, &lookup->keys->username, &lookup->keys->password };

  *slots[field->field] = value;
  g_free (field);
  if (error != NULL && lookup->error == NULL)
    lookup->error = g_steal_pointer (&error);
  if (--lookup->pending > 0)
    return;

  if (lookup->error != NULL && lookup->keys->api_key == NULL)
    g_task_return_error (task, g_steal_pointer (&lookup->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&lookup->keys), (GDestroyNotify) mml_subtitle_keys_free);
}

/**
 * mml_credentials_lookup_subtitles_async:
 *
 * Reads the OpenSubtitles account from the keyring (or its variables).
 */
void
mml_credentials_lookup_subtitles_async (GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SubtitleLookup *lookup = g_new0 (SubtitleLookup, 1);

  g_task_set_source_tag (task, mml_credentials_lookup_subtitles_async);
  lookup->keys = g_new0 (MmlSubtitleKeys, 1);
  lookup->pending = G_N_ELEMENTS (subtitle_fields);
  g_task_set_task_data (task, lookup, (GDestroyNotify) subtitle_lookup_free);

  for (guint i = 0; i < G_N_ELEMENTS (subtitle_fields); i++)
    {
      SubtitleField *field = g_new0 (SubtitleField, 1);

      field->task = g_object_ref (task);
      field->field = i;
      mml_secrets_lookup_async (MML_CREDENTIALS_SUBTITLES, subtitle_fields[i], cancellable,
                                subtitle_field_cb, field);
    }
}

MmlSubtitleKeys *
mml_credentials_lookup_subtitles_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_credentials_lookup_subtitles_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_credentials_save_subtitles_async (const char          *field,
                                      const char          *value,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  gboolean clear = value == NULL || *value == '\0';
  const char *label = NULL;

  g_task_set_source_tag (task, mml_credentials_save_subtitles_async);
  g_task_set_task_data (task, GINT_TO_POINTER (clear), NULL);

  /* Translators: what keyring managers show */
  if (g_strcmp0 (field, "api-key") == 0)
    label = _("OpenSubtitles API key");
  else if (g_strcmp0 (field, "user") == 0)
    label = _("OpenSubtitles user name");
  else if (g_strcmp0 (field, "password") == 0)
    label = _("OpenSubtitles password");
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "OpenSubtitles takes no “%s”", field);
      return;
    }

  if (clear)
    mml_secrets_clear_async (MML_CREDENTIALS_SUBTITLES, field, cancellable, saved_cb, g_steal_pointer (&task));
  else
    mml_secrets_store_async (MML_CREDENTIALS_SUBTITLES, field, value, label, cancellable,
                             saved_cb, g_steal_pointer (&task));
}

gboolean
mml_credentials_save_subtitles_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_credentials_save_subtitles_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- media servers: one token each ---- */

char *
mml_credentials_server_service (gint64 server_id)
{
  return g_strdup_printf ("server-%" G_GINT64_FORMAT, server_id);
}

static void
server_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = mml_secrets_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
mml_credentials_lookup_server_async (gint64               server_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *service = mml_credentials_server_service (server_id);

  g_task_set_source_tag (task, mml_credentials_lookup_server_async);
  mml_secrets_lookup_async (service, MML_CREDENTIALS_SERVER_FIELD, cancellable,
                            server_token_cb, g_steal_pointer (&task));
}

char *
mml_credentials_lookup_server_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_credentials_lookup_server_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_credentials_save_server_async (gint64               server_id,
                                   const char          *server_name,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *service = mml_credentials_server_service (server_id);
  gboolean clear = token == NULL || *token == '\0';

  g_task_set_source_tag (task, mml_credentials_save_server_async);
  g_task_set_task_data (task, GINT_TO_POINTER (clear), NULL);
  if (clear)
    mml_secrets_clear_async (service, MML_CREDENTIALS_SERVER_FIELD, cancellable, saved_cb, g_steal_pointer (&task));
  else
    {
      /* Translators: what keyring managers show; %s is a media server's name */
      g_autofree char *label = g_strdup_printf (_("Media server token: %s"), server_name != NULL ? server_name : service);

      mml_secrets_store_async (service, MML_CREDENTIALS_SERVER_FIELD, token, label, cancellable,
                               saved_cb, g_steal_pointer (&task));
    }
}

gboolean
mml_credentials_save_server_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_credentials_save_server_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
