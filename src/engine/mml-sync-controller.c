/* mml-sync-controller.c — media-server accounts (see mml-sync-controller.h);
 * the sync run is in mml-sync-run.c, conflicts and webhook events in
 * mml-sync-conflicts.c, the Plex sign-in and the receiver in mml-sync-listen.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens go from the user (or a sign-in) to the keyring and from the
 * keyring to the client: never into the store, a log line or an error.
 */
#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mml-credentials.h"
#include "mml-secrets.h"
#include "mml-engine-private.h"
#include "mml-subtitle-store.h"
#include "mml-sync-private.h"
#include "mml-watch-event.h"

G_DEFINE_FINAL_TYPE (MmlSyncController, mml_sync_controller, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_WEBHOOK,
  SIGNAL_CONFLICTS_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_WEBHOOK_URL,
  PROP_WEBHOOK_ERROR,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
mml_sync_controller_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_WEBHOOK_URL:
      g_value_set_string (value, self->webhook_url);
      break;
    case PROP_WEBHOOK_ERROR:
      g_value_set_string (value, self->webhook_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_mml_sync_set_webhook_state (MmlSyncController *self,
                             const char        *url,
                             const char        *error)
{
  if (g_strcmp0 (self->webhook_url, url) != 0)
    {
      g_free (self->webhook_url);
      self->webhook_url = g_strdup (url);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WEBHOOK_URL]);
    }
  if (g_strcmp0 (self->webhook_error, error) != 0)
    {
      g_free (self->webhook_error);
      self->webhook_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WEBHOOK_ERROR]);
    }
}

const char *
mml_sync_controller_get_webhook_url (MmlSyncController *self)
{
  g_return_val_if_fail (MML_IS_SYNC_CONTROLLER (self), NULL);
  return self->webhook_url;
}

const char *
mml_sync_controller_get_webhook_error (MmlSyncController *self)
{
  g_return_val_if_fail (MML_IS_SYNC_CONTROLLER (self), NULL);
  return self->webhook_error;
}

static void
mml_sync_controller_dispose (GObject *object)
{
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);

  mml_sync_controller_stop_listening (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mml_sync_controller_parent_class)->dispose (object);
}

static void
mml_sync_controller_finalize (GObject *object)
{
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);

  g_free (self->client_id);
  g_free (self->webhook_url);
  g_free (self->webhook_error);
  G_OBJECT_CLASS (mml_sync_controller_parent_class)->finalize (object);
}

static void
mml_sync_controller_class_init (MmlSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_sync_controller_dispose;
  object_class->finalize = mml_sync_controller_finalize;
  object_class->get_property = mml_sync_controller_get_property;

  props[PROP_WEBHOOK_URL] = g_param_spec_string ("webhook-url", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_WEBHOOK_ERROR] = g_param_spec_string ("webhook-error", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * MmlSyncController::changed:
   *
   * Watched marks of the library changed (a sync pulled, a conflict was
   * resolved, a webhook applied), or the servers did.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MmlSyncController::webhook:
   * @line: a JSON object: the event (sender, event, action, item_id,
   *   season, episode, series) and its outcome and server_id
   *
   * A webhook event was received and applied.
   */
  signals[SIGNAL_WEBHOOK] = g_signal_new ("webhook", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * MmlSyncController::conflicts-found:
   * @n_new: watch conflicts the sync opened (not those still open from before)
   *
   * A sync (not a dry run) ended having opened watch conflicts for the
   * user to resolve.
   */
  signals[SIGNAL_CONFLICTS_FOUND] = g_signal_new ("conflicts-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
mml_sync_controller_init (MmlSyncController *self)
{
}

MmlSyncController *
_mml_sync_controller_new (MmlEngine *engine)
{
  MmlSyncController *self = g_object_new (MML_TYPE_SYNC_CONTROLLER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  return self;
}

void
_mml_sync_emit_changed (MmlSyncController *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
_mml_sync_emit_conflicts_found (MmlSyncController *self,
                                guint              n_new)
{
  g_signal_emit (self, signals[SIGNAL_CONFLICTS_FOUND], 0, n_new);
}

gboolean
mml_sync_controller_get_busy (MmlSyncController *self)
{
  g_return_val_if_fail (MML_IS_SYNC_CONTROLLER (self), FALSE);
  return self->busy > 0;
}

MmlMediaServer *
_mml_sync_new_client (MmlSyncController  *self,
                      const MmlServerRow *row,
                      const char         *token)
{
  MmlServerKind kind = MML_SERVER_KIND_JELLYFIN;
  MmlMediaServer *client;

  if (!mml_server_kind_from_string (row->kind, &kind))
    g_warn_if_reached ();
  client = mml_media_server_new (mml_engine_get_http (self->engine), kind, row->url, token,
                                 row->user_id, self->client_id);
  mml_media_server_set_version (client, row->version);
  return client;
}

/* ---- the client id, the row, the token ---- */

typedef struct
{
  gint64        id;
  MmlServerRow *row;
  char         *token;
} Prepare;

static void
prepare_free (Prepare *p)
{
  mml_server_row_free (p->row);
  if (p->token != NULL)
    memset (p->token, 0, strlen (p->token));
  g_free (p->token);
  g_free (p);
}

static void prepare_row (GTask *task);

static void
client_id_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_set_preference_finish (MML_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  prepare_row (g_steal_pointer (&task));
}

static void
client_id_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree char *id = mml_store_get_preference_finish (MML_STORE (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->client_id == NULL && id != NULL && *id != '\0')
    self->client_id = g_steal_pointer (&id);
  if (self->client_id != NULL)
    {
      prepare_row (g_steal_pointer (&task));
      return;
    }
  self->client_id = g_uuid_string_random ();
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_store_set_preference_async (self->store, MML_PREF_SERVER_CLIENT_ID, self->client_id,
                                  cancellable, client_id_saved_cb, g_steal_pointer (&task));
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Prepare *p = g_task_get_task_data (task);
  GError *error = NULL;

  p->token = mml_credentials_lookup_server_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (p->token == NULL || *p->token == '\0')
    {
      g_autofree char *service = mml_credentials_server_service (p->id);
      g_autofree char *variable = mml_secrets_get_env_name (service, MML_CREDENTIALS_SERVER_FIELD);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               _("No token is saved for server %s: remove it and add it again, or set $%s"),
                               p->row->name, variable);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
row_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Prepare *p = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) rows = mml_store_list_servers_finish (MML_STORE (object), result, &error);

  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (rows->len == 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no server %s"), text);
      return;
    }
  p->row = g_ptr_array_steal_index (rows, 0);
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_credentials_lookup_server_async (p->id, cancellable, token_cb, g_steal_pointer (&task));
}

static void
prepare_row (GTask *task)
{
  MmlSyncController *self = g_task_get_source_object (task);
  Prepare *p = g_task_get_task_data (task);

  if (p->id == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  mml_store_list_servers_async (self->store, p->id, g_task_get_cancellable (task), row_cb, task);
}

void
_mml_sync_prepare_async (MmlSyncController  *self,
                         gint64              id,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Prepare *p = g_new0 (Prepare, 1);

  p->id = id;
  g_task_set_task_data (task, p, (GDestroyNotify) prepare_free);
  if (self->client_id != NULL)
    prepare_row (task);
  else
    mml_store_get_preference_async (self->store, MML_PREF_SERVER_CLIENT_ID, cancellable, client_id_cb, task);
}

MmlServerRow *
_mml_sync_prepare_finish (MmlSyncController  *self,
                          GAsyncResult       *result,
                          char              **token,
                          GError            **error)
{
  Prepare *p;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  p = g_task_get_task_data (G_TASK (result));
  if (token != NULL)
    *token = g_steal_pointer (&p->token);
  return g_steal_pointer (&p->row);
}

/* ---- add ---- */

typedef struct
{
  MmlServerKind   kind;
  char           *url;
  char           *name;
  char           *token;
  char           *user;
  char           *password;
  char           *user_id;
  MmlMediaServer *client;
  MmlServerRow   *row;
} AddServer;

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
add_server_free (AddServer *a)
{
  g_free (a->url);
  g_free (a->name);
  wipe (a->token);
  g_free (a->user);
  wipe (a->password);
  g_free (a->user_id);
  g_clear_object (&a->client);
  mml_server_row_free (a->row);
  g_free (a);
}

/* "[{"id","title","locations":[…]}]" of @libraries (transfer full) */
static char *
libraries_json (GPtrArray *libraries)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; libraries != NULL && i < libraries->len; i++)
    {
      MmlServerLibrary *library = g_ptr_array_index (libraries, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, library->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, library->title != NULL ? library->title : "");
      json_builder_set_member_name (b, "locations");
      json_builder_begin_array (b);
      for (guint k = 0; library->locations != NULL && library->locations[k] != NULL; k++)
        json_builder_add_string_value (b, library->locations[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
added_removed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  mml_store_remove_server_finish (MML_STORE (object), result, NULL);
  g_task_return_error (task, g_object_steal_data (G_OBJECT (task), "error"));
}

static void
sync_job_on_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  AddServer *a = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* the server is added either way; the job can be turned on by hand */
  if (!mml_scheduler_set_finish (MML_SCHEDULER (object), result, &error))
    g_warning ("The scheduled sync could not be turned on: %s", error->message);
  _mml_sync_emit_changed (self);
  g_task_return_pointer (task, g_steal_pointer (&a->row), (GDestroyNotify) mml_server_row_free);
}

static void
token_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  AddServer *a = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mml_credentials_save_server_finish (result, &error))
    {
      /* no token, no server: take the row back */
      g_prefix_error (&error, _("The token could not be saved: "));
      g_object_set_data (G_OBJECT (task), "error", error);
      mml_store_remove_server_async (self->store, a->row->id, NULL, added_removed_cb, g_steal_pointer (&task));
      return;
    }
  /* a server to sync with: the scheduled sync runs from now on (its
   * interval and switch stay the user's to change) */
  mml_scheduler_set_async (mml_engine_get_scheduler (self->engine), "sync", 0, TRUE, NULL,
                           sync_job_on_cb, g_steal_pointer (&task));
}

static void
row_added_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddServer *a = g_task_get_task_data (task);
  GError *error = NULL;

  a->row->id = mml_store_add_server_finish (MML_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mml_credentials_save_server_async (a->row->id, a->row->name, a->token, NULL,
                                     token_saved_cb, g_steal_pointer (&task));
}

static void
add_tested_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  AddServer *a = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(MmlServerInfo) info = mml_media_server_test_finish (MML_MEDIA_SERVER (object), result, &error);

  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  a->row = g_new0 (MmlServerRow, 1);
  a->row->kind = g_strdup (mml_server_kind_to_string (a->kind));
  a->row->name = g_strdup (a->name != NULL && *a->name != '\0' ? a->name
                           : info->server_name != NULL && *info->server_name != '\0' ? info->server_name
                           : mml_server_kind_get_label (a->kind));
  a->row->url = g_strdup (a->url);
  a->row->user_id = g_strdup (info->user_id != NULL ? info->user_id : a->user_id);
  a->row->user_name = g_strdup (info->user_name != NULL ? info->user_name : a->user);
  a->row->machine_id = g_strdup (info->server_id);
  a->row->version = g_strdup (info->version);
  a->row->libraries = libraries_json (info->libraries);
  a->row->enabled = TRUE;
  a->row->paths = g_new0 (char *, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_store_add_server_async (self->store, a->row, cancellable, row_added_cb,
                              g_steal_pointer (&task));
}

static void
add_test (GTask *task)
{
  MmlSyncController *self = g_task_get_source_object (task);
  AddServer *a = g_task_get_task_data (task);

  a->client = mml_media_server_new (mml_engine_get_http (self->engine), a->kind, a->url, a->token,
                                    a->user_id, self->client_id);
  mml_media_server_test_async (a->client, g_task_get_cancellable (task), add_tested_cb, task);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  AddServer *a = g_task_get_task_data (task);
  GError *error = NULL;

  a->token = mml_media_server_sign_in_finish (result, &a->user_id, &error);
  if (a->token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  add_test (task);
}

static void
add_prepared_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);
  AddServer *a = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (a->password != NULL)
    mml_media_server_sign_in_async (mml_engine_get_http (self->engine), a->kind, a->url, a->user, a->password,
                                    self->client_id, g_task_get_cancellable (task), signed_in_cb, task);
  else
    add_test (task);
}

void
mml_sync_controller_add_server_async (MmlSyncController      *self,
                                      const MmlServerAccount *account,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  GTask *task;
  AddServer *a;

  g_return_if_fail (MML_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (account != NULL && account->url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_sync_controller_add_server_async);
  a = g_new0 (AddServer, 1);
  a->kind = account->kind;
  a->url = g_strdup (account->url);
  a->name = g_strdup (account->name);
  a->token = g_strdup (account->token);
  a->user = g_strdup (account->user);
  a->password = g_strdup (account->password);
  g_task_set_task_data (task, a, (GDestroyNotify) add_server_free);

  if ((a->token == NULL || *a->token == '\0') && a->password == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A token, or a user and password, is needed"));
      g_object_unref (task);
      return;
    }
  if (a->password != NULL && (a->kind == MML_SERVER_KIND_PLEX || a->user == NULL || *a->user == '\0'))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               a->kind == MML_SERVER_KIND_PLEX
                               ? _("Plex takes a token (sign in with a PIN to get one), not a password")
                               : _("A password needs the user it is for"));
      g_object_unref (task);
      return;
    }
  {
    g_autoptr(GUri) uri = g_uri_parse (a->url, G_URI_FLAGS_NONE, NULL);

    if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                        g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
        g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
      {
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                 _("“%s” is not an http:// or https:// address"), a->url);
        g_object_unref (task);
        return;
      }
  }
  /* the client id first: sign-in and Test send it */
  _mml_sync_prepare_async (self, 0, cancellable, add_prepared_cb, task);
}

MmlServerRow *
mml_sync_controller_add_server_finish (MmlSyncController  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- list, remove, map ---- */

static void
pass_pointer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer value;

  value = mml_store_list_servers_finish (MML_STORE (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, (GDestroyNotify) g_ptr_array_unref);
}

void
mml_sync_controller_list_servers_async (MmlSyncController   *self,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mml_sync_controller_list_servers_async);
  mml_store_list_servers_async (self->store, id, cancellable, pass_pointer_cb, task);
}

GPtrArray *
mml_sync_controller_list_servers_finish (MmlSyncController  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_forgotten_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* the server is gone already; a keyring that cannot be reached keeps
   * an item nothing reads any more */
  if (!mml_credentials_save_server_finish (result, &error))
    g_message ("The token of a removed server stays in the keyring: %s", error->message);
  _mml_sync_emit_changed (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

static void
server_removed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gint64 id;

  if (!mml_store_remove_server_finish (MML_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  id = *(gint64 *) g_task_get_task_data (task);
  mml_credentials_save_server_async (id, NULL, NULL, NULL, token_forgotten_cb, g_steal_pointer (&task));
}

void
mml_sync_controller_remove_server_async (MmlSyncController   *self,
                                         gint64               id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  mml_store_remove_server_async (self->store, id, cancellable, server_removed_cb, task);
}

gboolean
mml_sync_controller_remove_server_finish (MmlSyncController  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pass_boolean_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_set_server_path_finish (MML_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mml_sync_controller_map_path_async (MmlSyncController   *self,
                                    gint64               id,
                                    const char          *server_prefix,
                                    const char          *local_prefix,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  mml_store_set_server_path_async (self->store, id, server_prefix, local_prefix, cancellable,
                                   pass_boolean_cb, task);
}

gboolean
mml_sync_controller_map_path_finish (MmlSyncController  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- test ---- */

static void
test_recorded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlServerInfo *info = g_object_steal_data (G_OBJECT (task), "info");
  GError *error = g_object_steal_data (G_OBJECT (task), "error");

  mml_store_update_server_finish (MML_STORE (object), result, NULL);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) mml_server_info_free);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = g_task_get_source_object (task);
  gint64 id = *(gint64 *) g_task_get_task_data (task);
  GError *error = NULL;
  MmlServerInfo *info = mml_media_server_test_finish (MML_MEDIA_SERVER (object), result, &error);
  MmlServerRow row = { 0 };
  g_autofree char *libraries = NULL;

  row.id = id;
  if (info != NULL)
    {
      libraries = libraries_json (info->libraries);
      row.user_id = info->user_id;
      row.user_name = info->user_name;
      row.machine_id = info->server_id;
      row.version = info->version;
      row.libraries = libraries;
      g_object_set_data (G_OBJECT (task), "info", info);
    }
  else
    {
      row.last_error = error->message;
      g_object_set_data (G_OBJECT (task), "error", error);
    }
  mml_store_update_server_async (self->store, &row, NULL, test_recorded_cb, g_steal_pointer (&task));
}

static void
test_prepared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSyncController *self = MML_SYNC_CONTROLLER (object);
  g_autoptr(MmlServerRow) row = NULL;
  g_autoptr(MmlMediaServer) client = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  if (!(row = _mml_sync_prepare_finish (self, result, &token, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  client = _mml_sync_new_client (self, row, token);
  GCancellable *cancellable = g_task_get_cancellable (task);

  mml_media_server_test_async (client, cancellable, tested_cb, g_steal_pointer (&task));
}

void
mml_sync_controller_test_server_async (MmlSyncController   *self,
                                       gint64               id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  _mml_sync_prepare_async (self, id, cancellable, test_prepared_cb, task);
}

MmlServerInfo *
mml_sync_controller_test_server_finish (MmlSyncController  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
