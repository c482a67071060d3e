/* test-tray.c — the tray against a fake StatusNotifierWatcher, and
 * running in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suite runs on a private session bus (dbus-run-session). The fake
 * watcher owns org.kde.StatusNotifierWatcher on a connection of its own and
 * records who registers; the test then reads the item and its menu over the
 * bus the way a desktop's tray host does, and clicks its items. The last
 * tests run the application for real (g_application_run()) in a process
 * each: closing the window with "Keep running in the background" on, the
 * tray's Quit, closing it with the setting off, and `--background`.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mml-app-test-util.h"
#include "mml-scheduler.h"
#include "mml-test-util.h"
#include "mml-tray.h"
#include "mml-window.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

#define WATCHER_NAME "org.kde.StatusNotifierWatcher"

static char *tmp_home;
/* every property of a menu item */
static const char *no_names[] = { NULL };
static MmlApplication *app;

static void
ensure_app (void)
{
  if (app == NULL)
    app = mml_app_test_new_application_unwatched ();
}

static const char *
app_bus_name (void)
{
  return g_dbus_connection_get_unique_name (g_application_get_dbus_connection (G_APPLICATION (app)));
}

/* ---- the fake watcher ---- */

typedef struct
{
  GDBusConnection *connection;
  guint            object_id;
  guint            owner_id;
  gboolean         owned;
  GPtrArray       *senders;    /* who called RegisterStatusNotifierItem */
  GPtrArray       *services;   /* and with what */
  void           (*registered) (void);   /* called after each registration */
} FakeWatcher;

static FakeWatcher watcher;

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'>"
  "      <arg name='service' type='s' direction='in'/>"
  "    </method>"
  "    <method name='RegisterStatusNotifierHost'>"
  "      <arg name='service' type='s' direction='in'/>"
  "    </method>"
  "    <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "  </interface>"
  "</node>";

static void
watcher_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  FakeWatcher *w = user_data;

  if (g_strcmp0 (method_name, "RegisterStatusNotifierItem") == 0)
    {
      const char *service;

      g_variant_get (parameters, "(&s)", &service);
      g_ptr_array_add (w->senders, g_strdup (sender));
      g_ptr_array_add (w->services, g_strdup (service));
      g_dbus_method_invocation_return_value (invocation, NULL);
      if (w->registered != NULL)
        w->registered ();
      return;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_get_property (GDBusConnection  *connection,
                      const char       *sender,
                      const char       *object_path,
                      const char       *interface_name,
                      const char       *property_name,
                      GError          **error,
                      gpointer          user_data)
{
  FakeWatcher *w = user_data;

  if (g_strcmp0 (property_name, "RegisteredStatusNotifierItems") == 0)
    return g_variant_new_strv ((const char * const *) w->services->pdata, w->services->len);
  if (g_strcmp0 (property_name, "IsStatusNotifierHostRegistered") == 0)
    return g_variant_new_boolean (TRUE);
  return g_variant_new_int32 (0);
}

static const GDBusInterfaceVTable watcher_vtable = { watcher_method_call, watcher_get_property, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((FakeWatcher *) user_data)->owned = TRUE;
}

static gboolean
watcher_owned (gpointer data)
{
  return ((FakeWatcher *) data)->owned;
}

static void
fake_watcher_start (FakeWatcher *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autofree char *address = NULL;

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  w->connection = g_dbus_connection_new_for_address_sync (address,
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);

  node = g_dbus_node_info_new_for_xml (watcher_xml, &error);
  g_assert_no_error (error);
  w->object_id = g_dbus_connection_register_object (w->connection, "/StatusNotifierWatcher",
                                                    node->interfaces[0], &watcher_vtable, w, NULL, &error);
  g_assert_no_error (error);
  w->senders = g_ptr_array_new_with_free_func (g_free);
  w->services = g_ptr_array_new_with_free_func (g_free);

  w->owner_id = g_bus_own_name_on_connection (w->connection, WATCHER_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                                              name_acquired_cb, NULL, w, NULL);
  mml_app_test_iterate_until (watcher_owned, w, WAIT_TIMEOUT_MS, "the fake watcher's name");
}

static void
fake_watcher_stop (FakeWatcher *w)
{
  g_clear_handle_id (&w->owner_id, g_bus_unown_name);
  if (w->object_id != 0)
    g_dbus_connection_unregister_object (w->connection, w->object_id);
  w->object_id = 0;
  w->owned = FALSE;
}

/* ---- calling the item as a tray host does ---- */

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static gboolean
call_done (gpointer data)
{
  return ((Call *) data)->done;
}

/* Calls @method on the application from the watcher's connection; the
 * application answers from this thread's main context, so iterate it
 * rather than block */
static GVariant *
call_app (const char *path,
          const char *iface,
          const char *method,
          GVariant   *params,
          const char *reply_type)
{
  Call call = { 0 };

  g_dbus_connection_call (watcher.connection, app_bus_name (), path, iface, method, params,
                          reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                          G_DBUS_CALL_FLAGS_NONE, WAIT_TIMEOUT_MS, NULL, call_cb, &call);
  mml_app_test_iterate_until (call_done, &call, WAIT_TIMEOUT_MS, method);
  g_assert_no_error (call.error);
  return call.reply;
}

static GVariant *
item_property (const char *name)
{
  g_autoptr(GVariant) reply = call_app (MML_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "Get",
                                        g_variant_new ("(ss)", "org.kde.StatusNotifierItem", name), "(v)");
  GVariant *value;

  g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
item_string (const char *name)
{
  g_autoptr(GVariant) value = item_property (name);

  return g_variant_dup_string (value, NULL);
}

/* The menu's top-level items: id → label (NULL for separators) */
static GHashTable *
menu_labels (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) children = NULL;
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GVariantIter iter;
  GVariant *child;
  guint revision;
  int root;

  reply = call_app (MML_TRAY_MENU_PATH, "com.canonical.dbusmenu", "GetLayout",
                    g_variant_new ("(ii^as)", 0, -1, no_names), "(u(ia{sv}av))");
  g_variant_get (reply, "(u(ia{sv}@av))", &revision, &root, NULL, &children);
  g_assert_cmpint (root, ==, 0);

  g_variant_iter_init (&iter, children);
  while (g_variant_iter_next (&iter, "v", &child))
    {
      g_autoptr(GVariant) props = NULL;
      const char *label = NULL;
      int id;

      g_variant_get (child, "(i@a{sv}av)", &id, &props, NULL);
      if (g_variant_lookup (props, "label", "&s", &label))
        g_hash_table_insert (labels, g_strdup (label), GINT_TO_POINTER (id));
      g_variant_unref (child);
    }
  return labels;
}

static int
menu_id (const char *label)
{
  g_autoptr(GHashTable) labels = menu_labels ();
  gpointer id;

  g_assert_true (g_hash_table_lookup_extended (labels, label, NULL, &id));
  return GPOINTER_TO_INT (id);
}

static GVariant *
menu_item_props (int id)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) items = NULL;
  GVariant *props = NULL;
  int got;
  const int ids[] = { id };

  reply = call_app (MML_TRAY_MENU_PATH, "com.canonical.dbusmenu", "GetGroupProperties",
                    g_variant_new ("(@ai^as)",
                                   g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, ids, 1, sizeof (int)),
                                   no_names),
                    "(a(ia{sv}))");
  g_variant_get (reply, "(a(ia{sv}))", &items);
  g_assert_true (g_variant_iter_next (items, "(i@a{sv})", &got, &props));
  g_assert_cmpint (got, ==, id);
  return props;
}

static void
click (const char *label)
{
  g_autoptr(GVariant) reply = NULL;

  reply = call_app (MML_TRAY_MENU_PATH, "com.canonical.dbusmenu", "Event",
                    g_variant_new ("(isvu)", menu_id (label), "clicked", g_variant_new_int32 (0), 0),
                    "()");
}

/* ---- the tests ---- */

static gboolean has_mapped_window (gpointer data);

static gboolean
host_known (gpointer data)
{
  return mml_tray_get_host_state (MML_TRAY (data)) != MML_TRAY_HOST_UNKNOWN;
}

static gboolean
host_registered (gpointer data)
{
  return mml_tray_get_host_state (MML_TRAY (data)) == MML_TRAY_HOST_REGISTERED;
}

static gboolean
host_absent (gpointer data)
{
  return mml_tray_get_host_state (MML_TRAY (data)) == MML_TRAY_HOST_ABSENT;
}

/* No watcher (GNOME without the AppIndicator extension): no tray, and not
 * a word logged (a warning would fail the test) */
static void
test_no_watcher (void)
{
  MmlTray *tray;

  ensure_app ();
  tray = mml_application_get_tray (app);
  g_assert_nonnull (tray);

  mml_app_test_iterate_until (host_known, tray, WAIT_TIMEOUT_MS, "the tray to look for a watcher");
  g_assert_cmpint (mml_tray_get_host_state (tray), ==, MML_TRAY_HOST_ABSENT);

  /* and the application works as ever: its window opens */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  mml_app_test_iterate_until (has_mapped_window, NULL, WAIT_TIMEOUT_MS, "the window to open");
  g_assert_cmpint (mml_tray_get_host_state (tray), ==, MML_TRAY_HOST_ABSENT);
  mml_app_test_destroy_toplevels ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* A watcher appears: the item registers, by the connection's unique name */
static void
test_register (void)
{
  MmlTray *tray;

  ensure_app ();
  tray = mml_application_get_tray (app);

  fake_watcher_start (&watcher);
  mml_app_test_iterate_until (host_registered, tray, WAIT_TIMEOUT_MS, "the tray to register");

  g_assert_cmpuint (watcher.services->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watcher.services, 0), ==, app_bus_name ());
  g_assert_cmpstr (g_ptr_array_index (watcher.senders, 0), ==, app_bus_name ());
}

static void
test_properties (void)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *category = NULL;
  g_autoptr(GVariant) menu = NULL;
  g_autoptr(GVariant) tooltip = NULL;
  g_autoptr(GVariant) is_menu = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) version = NULL;
  const char *tip_icon, *tip_title, *tip_text;

  g_assert_true (watcher.owned);

  id = item_string ("Id");
  title = item_string ("Title");
  status = item_string ("Status");
  icon = item_string ("IconName");
  category = item_string ("Category");
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_cmpstr (title, ==, "My Media Library");
  g_assert_cmpstr (status, ==, "Active");
  g_assert_cmpstr (icon, ==, APP_ID_BASE "-symbolic");
  g_assert_cmpstr (category, ==, "ApplicationStatus");

  menu = item_property ("Menu");
  g_assert_cmpstr (g_variant_get_type_string (menu), ==, "o");
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, MML_TRAY_MENU_PATH);

  is_menu = item_property ("ItemIsMenu");
  g_assert_false (g_variant_get_boolean (is_menu));

  tooltip = item_property ("ToolTip");
  g_assert_cmpstr (g_variant_get_type_string (tooltip), ==, "(sa(iiay)ss)");
  g_variant_get (tooltip, "(&sa(iiay)&s&s)", &tip_icon, NULL, &tip_title, &tip_text);
  g_assert_cmpstr (tip_title, ==, "My Media Library");
  g_assert_cmpstr (tip_text, !=, "");

  /* a host reads them all at once too */
  all = call_app (MML_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "GetAll",
                  g_variant_new ("(s)", "org.kde.StatusNotifierItem"), "(a{sv})");
  {
    g_autoptr(GVariant) dict = g_variant_get_child_value (all, 0);
    const char *s;

    g_assert_true (g_variant_lookup (dict, "Id", "&s", &s));
    g_assert_true (g_variant_lookup (dict, "AttentionIconName", "&s", &s));
    g_assert_true (g_variant_lookup (dict, "Status", "&s", &s));
  }

  {
    g_autoptr(GVariant) reply = call_app (MML_TRAY_MENU_PATH, "org.freedesktop.DBus.Properties", "Get",
                                          g_variant_new ("(ss)", "com.canonical.dbusmenu", "Version"), "(v)");

    g_variant_get (reply, "(v)", &version);
    g_assert_cmpuint (g_variant_get_uint32 (version), ==, 3);
  }
}

static void
test_menu_layout (void)
{
  static const char *labels[] = {
    "Open My Media Library", "Sync now", "Scan now", "Fetch missing subtitles",
    "Pause background work", "Quit",
  };
  g_autoptr(GHashTable) menu = menu_labels ();
  g_autoptr(GVariant) pause = NULL;
  g_autoptr(GVariant) progress = NULL;
  gboolean enabled = TRUE;
  const char *toggle_type = NULL;
  const char *progress_label = NULL;
  int progress_id = -1;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_true (g_hash_table_contains (menu, labels[i]));
  /* the six, and the progress line */
  g_assert_cmpuint (g_hash_table_size (menu), ==, G_N_ELEMENTS (labels) + 1);

  pause = menu_item_props (menu_id ("Pause background work"));
  g_assert_true (g_variant_lookup (pause, "toggle-type", "&s", &toggle_type));
  g_assert_cmpstr (toggle_type, ==, "checkmark");

  /* the line that is no action is disabled */
  g_hash_table_iter_init (&iter, menu);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        known |= g_str_equal (key, labels[i]);
      if (!known)
        progress_id = GPOINTER_TO_INT (value);
    }
  g_assert_cmpint (progress_id, >, 0);
  progress = menu_item_props (progress_id);
  g_assert_true (g_variant_lookup (progress, "enabled", "b", &enabled));
  g_assert_false (enabled);
  g_assert_true (g_variant_lookup (progress, "label", "&s", &progress_label));
  g_assert_cmpstr (progress_label, ==, "No background work running");
}

typedef struct
{
  char     *started;
  char     *finished;
} JobSeen;

static void
job_started_cb (MmlScheduler *scheduler,
                const char   *name,
                JobSeen      *seen)
{
  g_free (seen->started);
  seen->started = g_strdup (name);
}

static void
job_finished_cb (MmlScheduler *scheduler,
                 const char   *name,
                 gboolean      ok,
                 const char   *text,
                 JobSeen      *seen)
{
  g_free (seen->finished);
  seen->finished = g_strdup (name);
}

typedef struct
{
  JobSeen    *seen;
  const char *name;
} JobWait;

static gboolean
job_started (gpointer data)
{
  JobWait *w = data;

  return g_strcmp0 (w->seen->started, w->name) == 0;
}

static gboolean
job_finished (gpointer data)
{
  JobWait *w = data;

  return g_strcmp0 (w->seen->finished, w->name) == 0;
}

static gboolean
engine_ready (gpointer data)
{
  return mml_engine_get_ready (MML_ENGINE (data));
}

/* The menu's jobs go to the engine's scheduler */
static void
test_run_jobs (void)
{
  MmlScheduler *scheduler = mml_engine_get_scheduler (mml_application_get_engine (app));
  static const struct { const char *label, *job; } items[] = {
    { "Sync now", "sync" },
    { "Scan now", "scan" },
    { "Fetch missing subtitles", "subtitles" },
  };
  JobSeen seen = { NULL, NULL };
  gulong started, finished;

  /* the jobs read their state from the store */
  mml_app_test_iterate_until (engine_ready, mml_application_get_engine (app), WAIT_TIMEOUT_MS,
                              "the engine to open");

  started = g_signal_connect (scheduler, "job-started", G_CALLBACK (job_started_cb), &seen);
  finished = g_signal_connect (scheduler, "job-finished", G_CALLBACK (job_finished_cb), &seen);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      JobWait w = { &seen, items[i].job };
      g_autofree char *status = NULL;

      click (items[i].label);
      mml_app_test_iterate_until (job_started, &w, WAIT_TIMEOUT_MS, items[i].job);
      mml_app_test_iterate_until (job_finished, &w, WAIT_TIMEOUT_MS, items[i].job);

      /* nothing to sync, scan or fetch here: not a failure */
      status = item_string ("Status");
      g_assert_cmpstr (status, ==, "Active");
    }

  g_signal_handler_disconnect (scheduler, started);
  g_signal_handler_disconnect (scheduler, finished);
  g_free (seen.started);
  g_free (seen.finished);
}

static gboolean
scheduler_paused (gpointer data)
{
  return mml_scheduler_get_paused (MML_SCHEDULER (data));
}

static gboolean
scheduler_unpaused (gpointer data)
{
  return !mml_scheduler_get_paused (MML_SCHEDULER (data));
}

static void
test_pause (void)
{
  MmlScheduler *scheduler = mml_engine_get_scheduler (mml_application_get_engine (app));
  int id = menu_id ("Pause background work");
  int state = -1;

  g_assert_false (mml_scheduler_get_paused (scheduler));

  click ("Pause background work");
  mml_app_test_iterate_until (scheduler_paused, scheduler, WAIT_TIMEOUT_MS, "the scheduler to pause");
  {
    g_autoptr(GVariant) props = menu_item_props (id);

    g_assert_true (g_variant_lookup (props, "toggle-state", "i", &state));
    g_assert_cmpint (state, ==, 1);
  }

  click ("Pause background work");
  mml_app_test_iterate_until (scheduler_unpaused, scheduler, WAIT_TIMEOUT_MS, "the scheduler to resume");
  {
    g_autoptr(GVariant) props = menu_item_props (id);

    g_assert_true (g_variant_lookup (props, "toggle-state", "i", &state));
    g_assert_cmpint (state, ==, 0);
  }
}

static gboolean
has_mapped_window (gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  return windows != NULL && gtk_widget_get_mapped (GTK_WIDGET (windows->data));
}

/* A left click opens the window; so does the menu's first item */
static void
test_activate (void)
{
  g_autoptr(GVariant) reply = NULL;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  reply = call_app (MML_TRAY_ITEM_PATH, "org.kde.StatusNotifierItem", "Activate",
                    g_variant_new ("(ii)", 0, 0), "()");
  mml_app_test_iterate_until (has_mapped_window, NULL, WAIT_TIMEOUT_MS, "the window to open");
  mml_app_test_destroy_toplevels ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  click ("Open My Media Library");
  mml_app_test_iterate_until (has_mapped_window, NULL, WAIT_TIMEOUT_MS, "the window to open");
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GSettings *settings;
  gboolean   value;
} KeyWait;

static gboolean
key_is (gpointer data)
{
  KeyWait *w = data;

  return g_settings_get_boolean (w->settings, "run-in-background") == w->value;
}

/* The switch in Settings is the setting */
static void
test_settings_switch (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  MmlWindow *window;
  MmlView *view;
  GtkWidget *toggle;
  KeyWait w = { mml_application_get_settings (app), TRUE };

  g_assert_nonnull (windows);
  window = MML_WINDOW (windows->data);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
  view = mml_window_get_view (window, "settings");
  toggle = find_actionable (GTK_WIDGET (view), "app.run-in-background");
  g_assert_nonnull (toggle);
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_settings_get_boolean (w.settings, "run-in-background"));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  mml_app_test_iterate_until (key_is, &w, WAIT_TIMEOUT_MS, "the setting to follow the switch");
  mml_app_test_save_png (GTK_WIDGET (window), "tray-settings");

  w.value = FALSE;
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  mml_app_test_iterate_until (key_is, &w, WAIT_TIMEOUT_MS, "the setting to follow the switch");

  mml_app_test_destroy_toplevels ();
}

/* The watcher goes away (the desktop's shell restarts): no tray, quietly;
 * it comes back: the item registers again */
static void
test_watcher_restarts (void)
{
  MmlTray *tray = mml_application_get_tray (app);

  fake_watcher_stop (&watcher);
  mml_app_test_iterate_until (host_absent, tray, WAIT_TIMEOUT_MS, "the tray to see the watcher go");

  g_ptr_array_set_size (watcher.services, 0);
  g_ptr_array_set_size (watcher.senders, 0);
  g_clear_object (&watcher.connection);
  g_clear_pointer (&watcher.services, g_ptr_array_unref);
  g_clear_pointer (&watcher.senders, g_ptr_array_unref);

  fake_watcher_start (&watcher);
  mml_app_test_iterate_until (host_registered, tray, WAIT_TIMEOUT_MS, "the tray to register again");
  g_assert_cmpuint (watcher.services->len, ==, 1);
}

/* ---- in a process of their own: closing the window, Quit, --background ---- */

/* The subprocess tests run g_application_run() and end with it, so each
 * has a process to itself. The parent gives the watcher's name up first:
 * a child that wants a tray host owns it itself (the parent does not
 * iterate its main context while it waits for the child, so its watcher
 * could not answer). */
static void
run_in_subprocess (void)
{
  fake_watcher_stop (&watcher);
  g_test_trap_subprocess (NULL, 2 * WAIT_TIMEOUT_MS * 1000,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
child_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

static MmlApplication *
child_new_application (void)
{
  MmlApplication *application;
  MmlEngine *engine;

  /* kept to the end of main(), like every test's application: the
   * engine's last callbacks run while it lives */
  app = application = mml_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  engine = mml_application_get_engine (application);
  mml_engine_set_automatic (engine, FALSE);
  mml_engine_set_watch (engine, FALSE);
  /* no job may wait for a network the test machine may not have */
  mml_engine_set_wait_for_network (engine, FALSE);
  return application;
}

static gboolean
watcher_has_app (void)
{
  GDBusConnection *connection;
  const char *name;

  if (app == NULL || watcher.services == NULL)
    return FALSE;
  connection = g_application_get_dbus_connection (G_APPLICATION (app));
  name = connection != NULL ? g_dbus_connection_get_unique_name (connection) : NULL;
  for (guint i = 0; name != NULL && i < watcher.services->len; i++)
    if (g_str_equal (g_ptr_array_index (watcher.services, i), name))
      return TRUE;
  return FALSE;
}

/* Closing the window */

typedef struct
{
  gboolean         background;       /* the setting */
  gboolean         window_mapped;
  gboolean         close_scheduled;
  gboolean         window_closed;
  gboolean         answered;         /* the tray answered after the window closed */
  gboolean         quit_sent;
} CloseRun;

static CloseRun close_run;

static void
quit_clicked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* the application quits after it answers; it may not get to */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
}

/* The tray's menu, read from the host's side once the window is gone:
 * the application is still there to answer; its Quit then ends it */
static void
layout_after_close_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GError) error = NULL;
  GVariantIter iter;
  GVariant *child;
  int quit_id = -1;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
  g_assert_true (close_run.window_closed);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  close_run.answered = TRUE;

  g_variant_get (reply, "(u(ia{sv}@av))", NULL, NULL, NULL, &children);
  g_variant_iter_init (&iter, children);
  while (g_variant_iter_next (&iter, "v", &child))
    {
      g_autoptr(GVariant) props = NULL;
      const char *label;
      int id;

      g_variant_get (child, "(i@a{sv}av)", &id, &props, NULL);
      if (g_variant_lookup (props, "label", "&s", &label) && g_str_equal (label, "Quit"))
        quit_id = id;
      g_variant_unref (child);
    }
  g_assert_cmpint (quit_id, >, 0);

  close_run.quit_sent = TRUE;
  g_dbus_connection_call (watcher.connection, app_bus_name (), MML_TRAY_MENU_PATH,
                          "com.canonical.dbusmenu", "Event",
                          g_variant_new ("(isvu)", quit_id, "clicked", g_variant_new_int32 (0), 0),
                          NULL, G_DBUS_CALL_FLAGS_NONE, WAIT_TIMEOUT_MS, NULL, quit_clicked_cb, NULL);
}

static void
window_removed_cb (GtkApplication *application,
                   GtkWindow      *window,
                   gpointer        user_data)
{
  close_run.window_closed = TRUE;
  if (!close_run.background)
    return;   /* the application ends now, by itself */

  /* as a tray host does when the user opens the menu */
  g_dbus_connection_call (watcher.connection, app_bus_name (), MML_TRAY_MENU_PATH,
                          "com.canonical.dbusmenu", "GetLayout",
                          g_variant_new ("(ii^as)", 0, -1, no_names),
                          G_VARIANT_TYPE ("(u(ia{sv}av))"), G_DBUS_CALL_FLAGS_NONE,
                          WAIT_TIMEOUT_MS, NULL, layout_after_close_cb, NULL);
}

static gboolean
close_window_cb (gpointer data)
{
  GtkApplication *application = GTK_APPLICATION (app);

  g_assert_nonnull (gtk_application_get_windows (application));
  /* as the window's close button does */
  gtk_window_close (GTK_WINDOW (gtk_application_get_windows (application)->data));
  return G_SOURCE_REMOVE;
}

/* The window is on screen and the tray knows where it stands (registered
 * with the host, or no host at all): the user closes the window */
static void
maybe_close_window (void)
{
  MmlTray *tray;

  if (!close_run.window_mapped || close_run.close_scheduled)
    return;
  tray = mml_application_get_tray (app);
  g_assert_nonnull (tray);
  if (close_run.background && !watcher_has_app ())
    return;
  if (!close_run.background && mml_tray_get_host_state (tray) != MML_TRAY_HOST_ABSENT)
    {
      /* no watcher: nothing but ABSENT may follow UNKNOWN */
      g_assert_cmpint (mml_tray_get_host_state (tray), ==, MML_TRAY_HOST_UNKNOWN);
      return;
    }
  close_run.close_scheduled = TRUE;
  g_idle_add (close_window_cb, NULL);
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  close_run.window_mapped = TRUE;
  maybe_close_window ();
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
}

static void
host_state_cb (MmlTray    *tray,
               GParamSpec *pspec,
               gpointer    user_data)
{
  maybe_close_window ();
}

static void
startup_cb (GApplication *application,
            gpointer      user_data)
{
  MmlTray *tray = mml_application_get_tray (MML_APPLICATION (application));

  g_assert_nonnull (tray);
  g_signal_connect (tray, "notify::host-state", G_CALLBACK (host_state_cb), NULL);
}

static void
close_child (gboolean background)
{
  MmlApplication *application;
  g_autoptr(GSettings) settings = NULL;
  char *argv[] = { (char *) "my-media-library", NULL };
  guint timeout;
  int status;

  close_run.background = background;

  /* the memory backend is one per process: the application reads this */
  settings = g_settings_new (APP_ID_BASE);
  g_settings_set_boolean (settings, "run-in-background", background);

  /* with the setting on, a tray host is there to quit from; without, there
   * is none, and the application does without */
  if (background)
    {
      fake_watcher_start (&watcher);
      watcher.registered = maybe_close_window;
    }

  application = child_new_application ();
  g_signal_connect (application, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (application, "window-removed", G_CALLBACK (window_removed_cb), NULL);

  timeout = g_timeout_add_seconds (WAIT_TIMEOUT_MS / 1000, child_timeout_cb,
                                   (gpointer) (background ? "Quit from the tray" : "the application to end"));
  status = g_application_run (G_APPLICATION (application), G_N_ELEMENTS (argv) - 1, argv);
  g_source_remove (timeout);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (close_run.window_mapped);
  g_assert_true (close_run.close_scheduled);
  g_assert_true (close_run.window_closed);
  if (background)
    {
      /* it outlived its window (registered before it closed, answering
       * after), and ended when the tray's Quit said so */
      g_assert_true (close_run.answered);
      g_assert_true (close_run.quit_sent);
    }
  else
    {
      /* no tray host, no error (the window closed only once the tray
       * had found none); and closing the window ended it */
      g_assert_false (close_run.answered);
      g_assert_false (close_run.quit_sent);
    }
}

/* With "Keep running in the background" on, closing the window leaves the
 * application running, its tray answering; the tray's Quit ends it */
static void
test_close_keeps_running (void)
{
  if (g_test_subprocess ())
    {
      close_child (TRUE);
      return;
    }
  run_in_subprocess ();
}

/* With it off (the default) and no tray host, closing the window ends the
 * application, as before */
static void
test_close_quits (void)
{
  if (g_test_subprocess ())
    {
      close_child (FALSE);
      return;
    }
  run_in_subprocess ();
}

/* --background */

static gboolean background_job_started;
static gboolean background_registered;

static void
maybe_quit_background (void)
{
  /* the scheduler runs a job, and the tray is on the host */
  background_registered |= watcher_has_app ();
  if (background_job_started && background_registered)
    g_application_quit (G_APPLICATION (app));
}

static void
background_job_started_cb (MmlScheduler   *scheduler,
                           const char     *name,
                           MmlApplication *application)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* the scheduler runs its jobs, and no window was ever made */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      g_assert_false (gtk_widget_get_mapped (window));
    }
  /* whatever the setting says */
  g_assert_false (g_settings_get_boolean (mml_application_get_settings (application), "run-in-background"));
  g_assert_nonnull (mml_application_get_tray (application));

  background_job_started = TRUE;
  maybe_quit_background ();
}

static void
background_child (void)
{
  MmlApplication *application;
  char *argv[] = { (char *) "my-media-library", (char *) "--background", NULL };
  guint timeout;
  int status;

  fake_watcher_start (&watcher);
  watcher.registered = maybe_quit_background;

  application = child_new_application ();
  g_signal_connect (mml_engine_get_scheduler (mml_application_get_engine (application)), "job-started",
                    G_CALLBACK (background_job_started_cb), application);

  timeout = g_timeout_add_seconds (WAIT_TIMEOUT_MS / 1000, child_timeout_cb,
                                   (gpointer) "the background instance's first job and its tray");
  status = g_application_run (G_APPLICATION (application), G_N_ELEMENTS (argv) - 1, argv);
  g_source_remove (timeout);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (background_job_started);
  g_assert_true (background_registered);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
}

/* `my-media-library --background` (the autostart command line) starts the
 * jobs and the tray without a window */
static void
test_background (void)
{
  if (g_test_subprocess ())
    {
      background_child ();
      return;
    }
  run_in_subprocess ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_home = mml_app_test_init (&argc, &argv, "mml-test-tray-XXXXXX");
  if (tmp_home == NULL)
    return 77;

  /* in this order: the watcher appears after the first test */
  g_test_add_func ("/app/tray/no-watcher", test_no_watcher);
  g_test_add_func ("/app/tray/register", test_register);
  g_test_add_func ("/app/tray/properties", test_properties);
  g_test_add_func ("/app/tray/menu-layout", test_menu_layout);
  g_test_add_func ("/app/tray/run-jobs", test_run_jobs);
  g_test_add_func ("/app/tray/pause", test_pause);
  g_test_add_func ("/app/tray/activate", test_activate);
  g_test_add_func ("/app/tray/settings-switch", test_settings_switch);
  g_test_add_func ("/app/tray/watcher-restarts", test_watcher_restarts);
  g_test_add_func ("/app/tray/close-keeps-running", test_close_keeps_running);
  g_test_add_func ("/app/tray/close-quits", test_close_quits);
  g_test_add_func ("/app/tray/background", test_background);

  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();
  fake_watcher_stop (&watcher);
  g_clear_object (&watcher.connection);
  g_clear_pointer (&watcher.services, g_ptr_array_unref);
  g_clear_pointer (&watcher.senders, g_ptr_array_unref);

  g_clear_object (&app);
  mml_test_remove_tree (tmp_home);
  g_clear_pointer (&tmp_home, g_free);

  return ret;
}
