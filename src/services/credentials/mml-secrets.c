/* mml-secrets.c — credentials in the keyring through libsecret's password
 * API (which uses the Secret portal inside Flatpak), behind two timeouts:
 *
 *   CONNECT (outside a sandbox): secret_service_get() with an open session,
 *            so a missing session bus or Secret Service, or one that does not
 *            answer, fails fast with MML_SECRETS_ERROR_UNAVAILABLE;
 *   OPERATION: secret_password_{lookup,store,clear}v(), which reuse that
 *            cached service and may show an unlock prompt: a longer timeout.
 *
 * No value is ever passed to a log function here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <libsecret/secret.h>

#include "mml-secrets.h"

#define DEFAULT_CONNECT_TIMEOUT_S 10
#define OPERATION_TIMEOUT_S       120   /* room for the user to answer an unlock prompt */

typedef enum
{
  OP_LOOKUP,
  OP_STORE,
  OP_CLEAR,
} OpKind;

typedef struct
{
  OpKind        kind;
  char         *service;
  char         *field;
  char         *value;             /* OP_STORE; wiped when freed */
  char         *label;
  GHashTable   *attributes;
  GCancellable *cancellable;       /* ours: cancelled by the caller's or by the timer */
  GCancellable *user_cancellable;  /* nullable */
  gulong        user_handler;
  GSource      *timer;
  guint         timeout_s;
  gboolean      timed_out;
  gboolean      connecting;
} Op;

static const SecretSchema credential_schema = {
  APP_ID_BASE ".Credential", SECRET_SCHEMA_NONE,
  {
    { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "field", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static const char * const op_names[] = { "lookup", "store", "clear" };

static guint connect_timeout_s = DEFAULT_CONNECT_TIMEOUT_S;   /* atomic */

G_DEFINE_QUARK (mml-secrets-error-quark, mml_secrets_error)

/* --- helpers ----------------------------------------------------------- */

static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static void
op_disarm (Op *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_clear_pointer (&op->timer, g_source_unref);
    }
}

static void
op_free (gpointer data)
{
  Op *op = data;

  op_disarm (op);
  /* Never from inside the caller's "cancelled" emission: GTask completes a
   * cancelled task in a later main loop iteration. */
  if (op->user_handler != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_handler);
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
  g_free (op->service);
  g_free (op->field);
  g_clear_pointer (&op->value, secret_password_free);
  g_free (op->label);
  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_free (op);
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
timeout_cb (gpointer user_data)
{
  Op *op = user_data;

  g_clear_pointer (&op->timer, g_source_unref);
  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

static void
op_arm (GTask *task,
        guint  seconds)
{
  Op *op = g_task_get_task_data (task);

  op_disarm (op);
  op->timeout_s = seconds;
  op->timer = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (op->timer, timeout_cb, op, NULL);
  g_source_attach (op->timer, g_task_get_context (task));
}

/* Is the Secret Service on the session bus what libsecret will use? Inside
 * Flatpak it uses the Secret portal and a file of its own instead. */
static gboolean
uses_secret_service (void)
{
  const char *backend = g_getenv ("SECRET_BACKEND");

  if (backend != NULL && *backend != '\0')
    return g_strcmp0 (backend, "service") == 0;
  return !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* Turn a libsecret / GDBus error (owned) into one of ours, and fail. */
static void
op_fail (GTask  *task,
         GError *error)
{
  Op *op = g_task_get_task_data (task);
  GError *mine;

  op_disarm (op);
  g_debug ("%s %s/%s: %s", op_names[op->kind], op->service, op->field, error->message);

  if (op->user_cancellable != NULL && g_cancellable_is_cancelled (op->user_cancellable))
    mine = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  else if (op->timed_out && op->connecting)
    mine = g_error_new (MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE,
                        _("No keyring is available: the Secret Service did not answer within %u seconds"),
                        op->timeout_s);
  else if (op->timed_out)
    mine = g_error_new (MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE,
                        _("No keyring is available: the keyring did not finish within %u seconds "
                        "(is an unlock prompt waiting?)"), op->timeout_s);
  else if (op->connecting)
    mine = g_error_new (MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE,
                        _("No keyring is available: %s"), error->message);
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))   /* prompt dismissed */
    mine = g_error_new (MML_SECRETS_ERROR, MML_SECRETS_ERROR_LOCKED,
                        _("The keyring is locked: %s"), error->message);
  else if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    mine = g_error_new (MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE,
                        _("No keyring is available: %s"), error->message);
  else
    mine = g_error_new (MML_SECRETS_ERROR, MML_SECRETS_ERROR_FAILED,
                        _("The keyring failed: %s"), error->message);

  g_error_free (error);
  g_task_return_error (task, mine);
}

/* --- the operation ------------------------------------------------------ */

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  char *value = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      op_fail (task, error);
      return;
    }
  op_disarm (op);
  g_debug ("lookup %s/%s: %s", op->service, op->field, value != NULL ? "found" : "none");
  g_task_return_pointer (task, value, (GDestroyNotify) secret_password_free);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      op_fail (task, error != NULL ? error
                                   : g_error_new_literal (SECRET_ERROR, SECRET_ERROR_PROTOCOL,
                                                          _("the value was not stored")));
      return;
    }
  op_disarm (op);
  g_debug ("store %s/%s: stored", op->service, op->field);
  g_task_return_boolean (task, TRUE);
}

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean removed = secret_password_clear_finish (result, &error);

  if (error != NULL)
    {
      op_fail (task, error);
      return;
    }
  op_disarm (op);
  g_debug ("clear %s/%s: %s", op->service, op->field, removed ? "cleared" : "nothing to clear");
  g_task_return_boolean (task, TRUE);
}

static void
op_run (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  op->connecting = FALSE;
  op_arm (task, OPERATION_TIMEOUT_S);
  switch (op->kind)
    {
    case OP_LOOKUP:
      secret_password_lookupv (&credential_schema, op->attributes, op->cancellable,
                               lookup_done_cb, g_object_ref (task));
      break;
    case OP_STORE:
      secret_password_storev (&credential_schema, op->attributes, SECRET_COLLECTION_DEFAULT,
                              op->label, op->value, op->cancellable,
                              store_done_cb, g_object_ref (task));
      break;
    case OP_CLEAR:
      secret_password_clearv (&credential_schema, op->attributes, op->cancellable,
                              clear_done_cb, g_object_ref (task));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
service_got_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);

  if (service == NULL)
    {
      op_fail (task, error);
      return;
    }
  /* libsecret keeps this instance: the password calls use it. */
  op_run (task);
}

static GTask *
op_new (OpKind               kind,
        const char          *service,
        const char          *field,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data,
        gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  op->kind = kind;
  op->service = g_strdup (service);
  op->field = g_strdup (field);
  op->attributes = secret_attributes_build (&credential_schema,
                                            "service", service,
                                            "field", field,
                                            NULL);
  op->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, op, op_free);
  return task;
}

static void
op_start (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      /* Runs at once if already cancelled. */
      op->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                g_object_ref (op->cancellable), g_object_unref);
    }

  if (!uses_secret_service ())
    {
      op_run (task);
      return;
    }
  op->connecting = TRUE;
  op_arm (task, g_atomic_int_get (&connect_timeout_s));
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, op->cancellable,
                      service_got_cb, g_object_ref (task));
}

/* --- sync wrappers ------------------------------------------------------ */

/* One private context for every blocking call, kept for the life of the
 * process: GDBus attaches work to the context a proxy was made in (the
 * destroy notifies of its signal subscriptions, among others), and
 * libsecret's cached service outlives the call. A context dropped after each
 * call would strand (leak) that work. Blocking calls take turns. */
G_LOCK_DEFINE_STATIC (sync_lock);
static GMainContext *sync_context;

static GMainContext *
sync_begin (void)
{
  G_LOCK (sync_lock);
  if (sync_context == NULL)
    sync_context = g_main_context_new ();
  g_main_context_push_thread_default (sync_context);
  return sync_context;
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
sync_wait (GMainContext  *context,
           GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
  /* what the operation left behind, now rather than at the next call */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  G_UNLOCK (sync_lock);
  return *result;
}

/* --- public API --------------------------------------------------------- */

char *
mml_secrets_get_env_name (const char *service,
                          const char *field)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (name_is_valid (service), NULL);
  g_return_val_if_fail (name_is_valid (field), NULL);

  name = g_strdup_printf ("MML_%s_%s", service, field);
  for (char *p = name; *p != '\0'; p++)
    *p = *p == '-' ? '_' : g_ascii_toupper (*p);
  return g_steal_pointer (&name);
}

void
mml_secrets_set_timeout (guint seconds)
{
  g_atomic_int_set (&connect_timeout_s, seconds > 0 ? seconds : DEFAULT_CONNECT_TIMEOUT_S);
}

void
mml_secrets_lookup_async (const char          *service,
                          const char          *field,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *env_name = NULL;
  const char *env_value;

  g_return_if_fail (name_is_valid (service));
  g_return_if_fail (name_is_valid (field));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_new (OP_LOOKUP, service, field, cancellable, callback, user_data,
                 mml_secrets_lookup_async);
  env_name = mml_secrets_get_env_name (service, field);
  env_value = g_getenv (env_name);
  if (env_value != NULL && *env_value != '\0')
    {
      g_debug ("lookup %s/%s: from the environment (%s)", service, field, env_name);
      g_task_return_pointer (task, g_strdup (env_value), (GDestroyNotify) secret_password_free);
      return;
    }
  op_start (task);
}

char *
mml_secrets_lookup_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_secrets_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_secrets_store_async (const char          *service,
                         const char          *field,
                         const char          *value,
                         const char          *label,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (name_is_valid (service));
  g_return_if_fail (name_is_valid (field));
  g_return_if_fail (value != NULL && *value != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_new (OP_STORE, service, field, cancellable, callback, user_data,
                 mml_secrets_store_async);
  op = g_task_get_task_data (task);
  op->value = g_strdup (value);
  op->label = label != NULL ? g_strdup (label)
                            : g_strdup_printf ("My Media Library: %s %s", service, field);
  op_start (task);
}

gboolean
mml_secrets_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mml_secrets_clear_async (const char          *service,
                         const char          *field,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (name_is_valid (service));
  g_return_if_fail (name_is_valid (field));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = op_new (OP_CLEAR, service, field, cancellable, callback, user_data,
                 mml_secrets_clear_async);
  op_start (task);
}

gboolean
mml_secrets_clear_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_secrets_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
mml_secrets_lookup_sync (const char    *service,
                         const char    *field,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;

  g_return_val_if_fail (name_is_valid (service), NULL);
  g_return_val_if_fail (name_is_valid (field), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  context = sync_begin ();
  mml_secrets_lookup_async (service, field, cancellable, sync_done_cb, &result);
  return mml_secrets_lookup_finish (sync_wait (context, &result), error);
}

gboolean
mml_secrets_store_sync (const char    *service,
                        const char    *field,
                        const char    *value,
                        const char    *label,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;

  g_return_val_if_fail (name_is_valid (service), FALSE);
  g_return_val_if_fail (name_is_valid (field), FALSE);
  g_return_val_if_fail (value != NULL && *value != '\0', FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  context = sync_begin ();
  mml_secrets_store_async (service, field, value, label, cancellable, sync_done_cb, &result);
  return mml_secrets_store_finish (sync_wait (context, &result), error);
}

gboolean
mml_secrets_clear_sync (const char    *service,
                        const char    *field,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;

  g_return_val_if_fail (name_is_valid (service), FALSE);
  g_return_val_if_fail (name_is_valid (field), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  context = sync_begin ();
  mml_secrets_clear_async (service, field, cancellable, sync_done_cb, &result);
  return mml_secrets_clear_finish (sync_wait (context, &result), error);
}
