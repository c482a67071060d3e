/* mml-background.c — the background portal, and the autostart file where
 * there is none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * org.freedesktop.portal.Background is called over GDBus directly:
 *  - RequestBackground asks to keep running with no window and, with
 *    "autostart", to be started at login with `my-media-library
 *    --background`. The answer comes as the Response signal of a Request
 *    object whose path the caller can tell beforehand (from its unique
 *    name and the handle_token option): the signal is subscribed to
 *    before the call, so an answer that comes at once is not missed, and
 *    subscribed again on the path the reply names if an older portal
 *    picked another.
 *  - SetStatus (interface version 2 and later) says what the application
 *    is doing, at most once a minute: a newer text waits and replaces the
 *    one waiting.
 * Where no portal answers (the name has no owner, the call fails), start
 * at login is a desktop file in $XDG_CONFIG_HOME/autostart, written when
 * it is asked for and removed when it is not.
 */
#define G_LOG_DOMAIN "mml-background"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>

#include <glib/gstdio.h>

#include "mml-background.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE "org.freedesktop.portal.Background"
#define REQUEST_IFACE    "org.freedesktop.portal.Request"
#define STATUS_MAX_CHARS 96   /* the portal refuses longer messages */

struct _MmlBackground
{
  GObject              parent_instance;

  GDBusConnection     *connection;   /* nullable: no bus, no portal */
  char                *app_id;
  GCancellable        *cancellable;

  MmlBackgroundPortal  portal;
  guint                version;
  gboolean             allowed;
  guint                n_requests;   /* for handle tokens */
  GPtrArray           *requests;     /* the Requests waiting */

  char                *status_sent;
  char                *status_waiting;
  gint64               status_sent_at;   /* monotonic µs, 0: never */
  guint                status_source;
  guint                status_gap_ms;
};

G_DEFINE_FINAL_TYPE (MmlBackground, mml_background, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PORTAL,
  PROP_ALLOWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void send_status (MmlBackground *self);

static void
set_portal (MmlBackground       *self,
            MmlBackgroundPortal  portal,
            guint                version)
{
  self->version = version;
  if (self->portal == portal)
    return;
  self->portal = portal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL]);
}

/* --- the autostart file ---------------------------------------------------- */

char *
mml_background_get_autostart_path (MmlBackground *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MML_IS_BACKGROUND (self), NULL);

  name = g_strconcat (self->app_id, ".desktop", NULL);
  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

static void
update_autostart_file (MmlBackground *self,
                       gboolean       autostart)
{
  g_autofree char *path = mml_background_get_autostart_path (self);
  g_autoptr(GError) error = NULL;

  if (autostart)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *contents = NULL;

      /* the application's own name, untranslated: the file outlives the
       * session's language */
      contents = g_strdup_printf ("[Desktop Entry]\n"
                                  "Type=Application\n"
                                  "Name=%s\n"
                                  "Exec=%s %s\n"
                                  "Icon=%s\n"
                                  "Terminal=false\n"
                                  "NoDisplay=true\n"
                                  "X-GNOME-Autostart-enabled=true\n",
                                  PACKAGE_NAME, MML_BACKGROUND_BINARY, MML_BACKGROUND_OPTION, self->app_id);
      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        g_warning ("Cannot write the autostart file %s: %s", path,
                   error != NULL ? error->message : g_strerror (errno));
    }
  else if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Cannot remove the autostart file %s: %s", path, g_strerror (errno));
}

/* --- RequestBackground ------------------------------------------------------- */

/* A request waits for its reply and for its Response; self keeps it
 * (and its subscription) until both came or self is disposed. While the
 * call is in flight the call holds a reference on self. */
typedef struct
{
  MmlBackground *self;
  gboolean       autostart;
  gboolean       replied;
  gboolean       answered;
  char          *handle;
  guint          subscription;
} Request;

static void
request_drop (Request *request)
{
  MmlBackground *self = request->self;

  if (request->subscription != 0 && self->connection != NULL)
    g_dbus_connection_signal_unsubscribe (self->connection, request->subscription);
  g_ptr_array_remove_fast (self->requests, request);
  g_free (request->handle);
  g_free (request);
}

static void
response_cb (GDBusConnection *connection,
             const char      *sender,
             const char      *object_path,
             const char      *interface_name,
             const char      *signal_name,
             GVariant        *parameters,
             gpointer         user_data)
{
  Request *request = user_data;
  MmlBackground *self = request->self;
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;
  gboolean background = TRUE, autostart = FALSE;

  if (request->answered || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  request->answered = TRUE;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  if (response == 0)
    {
      g_variant_lookup (results, "background", "b", &background);
      g_variant_lookup (results, "autostart", "b", &autostart);
    }
  g_debug ("Background request answered %u: background %d, autostart %d", response, background, autostart);
  if (response == 0 && self->allowed != background)
    {
      self->allowed = background;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED]);
    }
  if (response == 0 && request->autostart && !autostart)
    g_message ("The desktop did not let the application start at login");
  /* the status may be told now that the portal knows the application */
  if (self->status_waiting != NULL && self->status_source == 0)
    send_status (self);

  if (request->replied)
    request_drop (request);
}

static void
subscribe (Request    *request,
           const char *path)
{
  GDBusConnection *connection = request->self->connection;

  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (connection, request->subscription);
  g_free (request->handle);
  request->handle = g_strdup (path);
  request->subscription = g_dbus_connection_signal_subscribe (connection, PORTAL_NAME, REQUEST_IFACE, "Response",
                                                              path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                              response_cb, request, NULL);
}

static void
requested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(MmlBackground) self = request->self;   /* the call's reference */
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  const char *handle = NULL;

  request->replied = TRUE;
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No background portal: %s", error->message);
          set_portal (self, MML_BACKGROUND_PORTAL_ABSENT, 0);
          update_autostart_file (self, request->autostart);
        }
      request_drop (request);
      return;
    }
  if (request->answered)
    {
      request_drop (request);
      return;
    }
  g_variant_get (reply, "(&o)", &handle);
  /* an older portal may not have used the token */
  if (g_strcmp0 (handle, request->handle) != 0)
    subscribe (request, handle);
}

/* The path the portal's Request object will have for @token */
static char *
request_path (MmlBackground *self,
              const char    *token)
{
  const char *unique = g_dbus_connection_get_unique_name (self->connection);
  g_autofree char *sender = g_strdup (unique != NULL && unique[0] == ':' ? unique + 1 : (unique ? unique : ""));

  g_strdelimit (sender, ".", '_');
  return g_strconcat (PORTAL_PATH "/request/", sender, "/", token, NULL);
}

static void
send_request (MmlBackground *self,
              gboolean       autostart)
{
  g_autofree char *token = g_strdup_printf ("mml_background_%u_%u", ++self->n_requests, g_random_int ());
  g_autofree char *path = request_path (self, token);
  const char * const commandline[] = { MML_BACKGROUND_BINARY, MML_BACKGROUND_OPTION, NULL };
  Request *request = g_new0 (Request, 1);
  GVariantBuilder options;

  request->self = self;
  request->autostart = autostart;
  g_ptr_array_add (self->requests, request);
  /* before the call: the answer may come before its reply is read */
  subscribe (request, path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Keeps your library current and synced with your media servers")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  /* the autostart runs the command line, never a D-Bus activation
   * (which would open the window) */
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (self->connection, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, requested_cb, request);
  g_object_ref (self);   /* for the call */
}

/* --- the portal's version ------------------------------------------------------ */

typedef struct
{
  MmlBackground *self;   /* owned */
  gboolean       request;
  gboolean       autostart;
} Probe;

static void
version_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Probe *probe = user_data;
  MmlBackground *self = probe->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;
  if (reply == NULL)
    {
      g_debug ("No background portal: %s", error->message);
      set_portal (self, MML_BACKGROUND_PORTAL_ABSENT, 0);
      if (probe->request)
        update_autostart_file (self, probe->autostart);
      goto out;
    }
  {
    g_autoptr(GVariant) value = NULL;

    g_variant_get (reply, "(v)", &value);
    set_portal (self, MML_BACKGROUND_PORTAL_PRESENT,
                g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32) ? g_variant_get_uint32 (value) : 1);
  }
  if (probe->request)
    send_request (self, probe->autostart);
  else if (self->status_waiting != NULL && self->status_source == 0)
    send_status (self);

out:
  g_object_unref (probe->self);
  g_free (probe);
}

static void
ask_version (MmlBackground *self,
             gboolean       request,
             gboolean       autostart)
{
  Probe *probe = g_new0 (Probe, 1);

  probe->self = g_object_ref (self);
  probe->request = request;
  probe->autostart = autostart;
  g_dbus_connection_call (self->connection, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", BACKGROUND_IFACE, "version"), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, version_cb, probe);
}

void
mml_background_probe (MmlBackground *self)
{
  g_return_if_fail (MML_IS_BACKGROUND (self));

  if (self->connection == NULL)
    set_portal (self, MML_BACKGROUND_PORTAL_ABSENT, 0);
  else
    ask_version (self, FALSE, FALSE);
}

void
mml_background_request (MmlBackground *self,
                        gboolean       autostart)
{
  g_return_if_fail (MML_IS_BACKGROUND (self));

  if (self->connection == NULL)
    {
      set_portal (self, MML_BACKGROUND_PORTAL_ABSENT, 0);
      update_autostart_file (self, autostart);
      return;
    }
  /* asked afresh each time: a portal may have come (or gone) since */
  ask_version (self, TRUE, autostart);
}

/* --- SetStatus ------------------------------------------------------------------ */

static void
status_set_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The background status was not taken: %s", error->message);
}

static void
send_status (MmlBackground *self)
{
  g_autofree char *message = g_steal_pointer (&self->status_waiting);
  gint64 now = g_get_monotonic_time ();

  if (message == NULL || self->connection == NULL ||
      self->portal != MML_BACKGROUND_PORTAL_PRESENT || self->version < 2)
    return;
  if (g_strcmp0 (message, self->status_sent) == 0)
    return;
  if (self->status_sent_at != 0 && now < self->status_sent_at + (gint64) self->status_gap_ms * 1000)
    {
      self->status_waiting = g_steal_pointer (&message);
      return;
    }

  g_dbus_connection_call (self->connection, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE, "SetStatus",
                          g_variant_new_parsed ("({'message': <%s>},)", message), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, status_set_cb, NULL);
  g_free (self->status_sent);
  self->status_sent = g_steal_pointer (&message);
  self->status_sent_at = now;
}

static gboolean
status_due_cb (gpointer user_data)
{
  MmlBackground *self = user_data;

  self->status_source = 0;
  send_status (self);
  return G_SOURCE_REMOVE;
}

void
mml_background_set_status (MmlBackground *self,
                           const char    *message)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due;

  g_return_if_fail (MML_IS_BACKGROUND (self));
  g_return_if_fail (message != NULL);

  g_free (self->status_waiting);
  self->status_waiting = g_utf8_strlen (message, -1) > STATUS_MAX_CHARS
                           ? g_utf8_substring (message, 0, STATUS_MAX_CHARS)
                           : g_strdup (message);
  if (self->status_source != 0)
    return;   /* the waiting one is replaced, and goes when it is due */
  due = self->status_sent_at == 0 ? now : self->status_sent_at + (gint64) self->status_gap_ms * 1000;
  if (due <= now)
    send_status (self);
  else
    self->status_source = g_timeout_add ((guint) ((due - now + 999) / 1000), status_due_cb, self);
}

/* --- GObject ----------------------------------------------------------------------- */

MmlBackgroundPortal
mml_background_get_portal (MmlBackground *self)
{
  g_return_val_if_fail (MML_IS_BACKGROUND (self), MML_BACKGROUND_PORTAL_UNKNOWN);
  return self->portal;
}

guint
mml_background_get_version (MmlBackground *self)
{
  g_return_val_if_fail (MML_IS_BACKGROUND (self), 0);
  return self->version;
}

gboolean
mml_background_get_allowed (MmlBackground *self)
{
  g_return_val_if_fail (MML_IS_BACKGROUND (self), FALSE);
  return self->allowed;
}

void
mml_background_set_status_gap_ms (MmlBackground *self,
                                  guint          ms)
{
  g_return_if_fail (MML_IS_BACKGROUND (self));
  self->status_gap_ms = ms;
  /* a text waiting goes by the new gap */
  if (self->status_source != 0)
    {
      g_autofree char *waiting = g_steal_pointer (&self->status_waiting);

      g_clear_handle_id (&self->status_source, g_source_remove);
      if (waiting != NULL)
        mml_background_set_status (self, waiting);
    }
}

static void
mml_background_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MmlBackground *self = MML_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_PORTAL:
      g_value_set_int (value, self->portal);
      break;
    case PROP_ALLOWED:
      g_value_set_boolean (value, self->allowed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_background_dispose (GObject *object)
{
  MmlBackground *self = MML_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->status_source, g_source_remove);
  while (self->requests->len > 0)
    request_drop (g_ptr_array_index (self->requests, 0));
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (mml_background_parent_class)->dispose (object);
}

static void
mml_background_finalize (GObject *object)
{
  MmlBackground *self = MML_BACKGROUND (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->requests);
  g_free (self->app_id);
  g_free (self->status_sent);
  g_free (self->status_waiting);

  G_OBJECT_CLASS (mml_background_parent_class)->finalize (object);
}

static void
mml_background_class_init (MmlBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mml_background_get_property;
  object_class->dispose = mml_background_dispose;
  object_class->finalize = mml_background_finalize;

  /* an MmlBackgroundPortal */
  properties[PROP_PORTAL] = g_param_spec_int ("portal", NULL, NULL,
                                              MML_BACKGROUND_PORTAL_UNKNOWN, MML_BACKGROUND_PORTAL_ABSENT,
                                              MML_BACKGROUND_PORTAL_UNKNOWN,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOWED] = g_param_spec_boolean ("allowed", NULL, NULL, TRUE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_background_init (MmlBackground *self)
{
  self->cancellable = g_cancellable_new ();
  self->requests = g_ptr_array_new ();
  self->allowed = TRUE;
  self->status_gap_ms = MML_BACKGROUND_STATUS_GAP_MS;
}

/**
 * mml_background_new:
 * @connection: (nullable): the session bus; %NULL: no portal
 * @app_id: the application id, which names the autostart file
 *
 * Returns: (transfer full): a new background helper
 */
MmlBackground *
mml_background_new (GDBusConnection *connection,
                    const char      *app_id)
{
  MmlBackground *self;

  g_return_val_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (app_id != NULL, NULL);

  self = g_object_new (MML_TYPE_BACKGROUND, NULL);
  self->connection = connection != NULL ? g_object_ref (connection) : NULL;
  self->app_id = g_strdup (app_id);
  return self;
}
