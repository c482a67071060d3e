/* test-background.c — running in the background: the background portal,
 * against a fake org.freedesktop.portal.Desktop on the test's session bus,
 * and the autostart file where no portal answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * First with no portal on the bus: Settings says start at login goes
 * through an autostart file, and turning it on writes
 * $XDG_CONFIG_HOME/autostart/<app id>.desktop (the test's own temporary
 * folder) with the `--background` command line; off removes it. Then a
 * fake portal owns the name on a connection of its own and records what
 * the application asks: RequestBackground with autostart, the reason and
 * the command line, answered by the Response signal on the request's path
 * (the fake's second answer refuses the background, which the application
 * takes in); closing the window with "run in background" on asks again;
 * SetStatus tells what the jobs did.
 */
#include "config.h"

#include <string.h>

#include "mml-application.h"
#include "mml-background.h"
#include "mml-scheduler.h"
#include "mml-window.h"
#include "views/mml-settings-view.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

static char *tmp_dir;
static MmlApplication *app;

/* --- the fake portal --------------------------------------------------------- */

typedef struct
{
  gboolean  autostart;
  char     *reason;
  char    **commandline;
  char     *handle;
} Requested;

static void
requested_free (Requested *r)
{
  g_free (r->reason);
  g_strfreev (r->commandline);
  g_free (r->handle);
  g_free (r);
}

static GPtrArray *requests;   /* Requested */
static GPtrArray *statuses;   /* the SetStatus messages */
static gboolean owned;

static const char introspection[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "<method name='RequestBackground'><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='o' direction='out'/></method>"
  "<method name='SetStatus'><arg type='a{sv}' direction='in'/></method>"
  "<property name='version' type='u' access='read'/>"
  "</interface></node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  g_autoptr(GVariant) options = NULL;

  if (g_str_equal (method_name, "RequestBackground"))
    {
      Requested *r = g_new0 (Requested, 1);
      g_autofree char *name = g_strdup (sender + 1);   /* ":1.5" → "1_5" */
      const char *token = NULL;
      GVariantBuilder results;

      g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
      g_variant_lookup (options, "autostart", "b", &r->autostart);
      g_variant_lookup (options, "reason", "s", &r->reason);
      g_variant_lookup (options, "commandline", "^as", &r->commandline);
      g_variant_lookup (options, "handle_token", "&s", &token);
      g_strdelimit (name, ".", '_');
      r->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", name, token ? token : "t");
      g_test_message ("RequestBackground autostart=%d handle=%s", r->autostart, r->handle);
      g_ptr_array_add (requests, r);

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", r->handle));
      /* the second answer refuses the background */
      g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (requests->len != 2));
      g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (r->autostart));
      g_dbus_connection_emit_signal (connection, sender, r->handle, "org.freedesktop.portal.Request", "Response",
                                     g_variant_new ("(ua{sv})", 0, &results), NULL);
      return;
    }
  if (g_str_equal (method_name, "SetStatus"))
    {
      char *message = NULL;

      g_variant_get (parameters, "(@a{sv})", &options);
      g_variant_lookup (options, "message", "s", &message);
      g_test_message ("SetStatus %s", message);
      g_ptr_array_add (statuses, message);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
get_property_cb (GDBusConnection *connection,
                 const char      *sender,
                 const char      *object_path,
                 const char      *interface_name,
                 const char      *property_name,
                 GError         **error,
                 gpointer         user_data)
{
  return g_variant_new_uint32 (2);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, get_property_cb, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  owned = TRUE;
}

static gboolean
name_owned (gpointer data)
{
  return owned;
}

static GDBusConnection *
start_fake_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_dbus_connection_register_object (connection, "/org/freedesktop/portal/desktop",
                                                       info->interfaces[0], &vtable, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.freedesktop.portal.Desktop", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, NULL, NULL, NULL);
  mml_app_test_iterate_until (name_owned, NULL, WAIT_TIMEOUT_MS, "the fake portal");
  return connection;
}

/* --- helpers ------------------------------------------------------------------ */

static gboolean
portal_is (gpointer data)
{
  return (int) mml_background_get_portal (mml_application_get_background (app)) == GPOINTER_TO_INT (data);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
n_requests_is (gpointer data)
{
  return requests->len == GPOINTER_TO_UINT (data);
}

static gboolean
not_allowed (gpointer data)
{
  return !mml_background_get_allowed (mml_application_get_background (app));
}

/* Whether a status told starts with @data */
static gboolean
status_starts_with (gpointer data)
{
  for (guint i = 0; i < statuses->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (statuses, i), data))
      return TRUE;
  return FALSE;
}

static gboolean
scheduler_idle (gpointer data)
{
  return !mml_scheduler_get_running (data);
}

static gboolean
n_statuses_above (gpointer data)
{
  return statuses->len > GPOINTER_TO_UINT (data);
}

static gboolean
window_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
library_loaded (gpointer data)
{
  MmlEngine *engine = mml_application_get_engine (app);

  return mml_engine_get_ready (engine) && !mml_library_controller_get_loading (mml_engine_get_library (engine));
}

/* --- the tests ----------------------------------------------------------------- */

static void
test_autostart_file (void)
{
  MmlBackground *background = mml_application_get_background (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autofree char *path = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "autostart", APP_ID ".desktop", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected_path = mml_background_get_autostart_path (background);
  GtkWindow *window;
  MmlView *view;

  g_assert_cmpstr (expected_path, ==, path);
  /* no portal owns the name: the probe at start-up says so */
  mml_app_test_iterate_until (portal_is, GINT_TO_POINTER (MML_BACKGROUND_PORTAL_ABSENT), WAIT_TIMEOUT_MS,
                              "no portal found");

  /* Settings says how it starts at login */
  g_application_activate (G_APPLICATION (app));
  mml_app_test_iterate_until (window_mapped, NULL, WAIT_TIMEOUT_MS, "the window");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
  view = mml_window_get_view (MML_WINDOW (window), "settings");
  g_assert_cmpstr (adw_action_row_get_subtitle (mml_settings_view_get_start_at_login_row (MML_SETTINGS_VIEW (view))),
                   ==, "No background portal: starts through an autostart file");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "start-at-login"));

  /* On: the file, with the command line that starts without a window */
  g_action_group_change_action_state (G_ACTION_GROUP (app), "start-at-login", g_variant_new_boolean (TRUE));
  mml_app_test_iterate_until (file_exists, path, WAIT_TIMEOUT_MS, "the autostart file");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "[Desktop Entry]\n"));
  g_assert_nonnull (strstr (contents, "\nExec=my-media-library --background\n"));
  g_assert_nonnull (strstr (contents, "\nX-GNOME-Autostart-enabled=true\n"));
  g_assert_nonnull (strstr (contents, "\nType=Application\n"));
  mml_app_test_save_png (GTK_WIDGET (window), "settings-background");

  /* Off: gone */
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  mml_app_test_iterate_until (file_gone, path, WAIT_TIMEOUT_MS, "the autostart file removed");

  mml_app_test_destroy_toplevels ();
}

static void
test_portal (void)
{
  MmlBackground *background = mml_application_get_background (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GDBusConnection) fake = start_fake_portal ();
  g_autofree char *path = mml_background_get_autostart_path (background);
  Requested *r;

  mml_background_set_status_gap_ms (background, 0);

  /* Start at login on: asked of the portal, which answers */
  g_settings_set_boolean (settings, "start-at-login", TRUE);
  mml_app_test_iterate_until (n_requests_is, GUINT_TO_POINTER (1), WAIT_TIMEOUT_MS, "RequestBackground");
  r = g_ptr_array_index (requests, 0);
  g_assert_true (r->autostart);
  g_assert_cmpstr (r->reason, ==, "Keeps your library current and synced with your media servers");
  g_assert_nonnull (r->commandline);
  g_assert_cmpstr (r->commandline[0], ==, "my-media-library");
  g_assert_cmpstr (r->commandline[1], ==, "--background");
  g_assert_null (r->commandline[2]);
  g_assert_true (g_str_has_prefix (r->handle, "/org/freedesktop/portal/desktop/request/"));
  mml_app_test_iterate_until (portal_is, GINT_TO_POINTER (MML_BACKGROUND_PORTAL_PRESENT), WAIT_TIMEOUT_MS,
                              "the portal found");
  g_assert_cmpuint (mml_background_get_version (background), ==, 2);
  g_assert_true (mml_background_get_allowed (background));
  /* a portal answers: no file of ours */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The window closed with "run in background" on: asked again (and the
   * Response, refusing this time, is taken in); the status is told */
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_application_activate (G_APPLICATION (app));
  mml_app_test_iterate_until (window_mapped, NULL, WAIT_TIMEOUT_MS, "the window");
  mml_app_test_iterate_until (library_loaded, NULL, WAIT_TIMEOUT_MS, "the library");
  mml_app_test_destroy_toplevels ();
  mml_app_test_iterate_until (n_requests_is, GUINT_TO_POINTER (2), WAIT_TIMEOUT_MS, "RequestBackground again");
  g_assert_true (((Requested *) g_ptr_array_index (requests, 1))->autostart);
  mml_app_test_iterate_until (not_allowed, NULL, WAIT_TIMEOUT_MS, "the portal's refusal");

  /* A job ends: the status says when (the scheduler runs the jobs now,
   * so one of its own may have told it first) */
  g_signal_emit_by_name (mml_engine_get_scheduler (mml_application_get_engine (app)), "job-finished",
                         "scan", TRUE, "Scan: 1 new");
  mml_app_test_iterate_until (status_starts_with, (gpointer) "Last run: ", WAIT_TIMEOUT_MS, "the status after a job");

  /* At most one a minute: within it, a newer text replaces the one
   * waiting, and goes when the minute is over (here: the gap shortened).
   * The scheduler is paused first and its running job let finish: a job
   * ending in the middle would put the app's own text in the queue */
  {
    MmlScheduler *scheduler = mml_engine_get_scheduler (mml_application_get_engine (app));
    guint before;

    mml_scheduler_set_paused (scheduler, TRUE);
    mml_app_test_iterate_until (scheduler_idle, scheduler, WAIT_TIMEOUT_MS, "the running job over");

    mml_background_set_status_gap_ms (background, 60 * 1000);
    before = statuses->len;
    mml_background_set_status (background, "Synced A");
    mml_background_set_status (background, "Synced B");
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (statuses->len, ==, before);
    mml_background_set_status_gap_ms (background, 0);
    mml_app_test_iterate_until (n_statuses_above, GUINT_TO_POINTER (before), WAIT_TIMEOUT_MS, "the status waiting");
    /* one SetStatus for both texts: the last one given */
    g_assert_cmpuint (statuses->len, ==, before + 1);
    g_assert_cmpstr (g_ptr_array_index (statuses, before), ==, "Synced B");
    mml_scheduler_set_paused (scheduler, FALSE);
  }

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_dbus_connection_close_sync (fake, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-background-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) requested_free);
  statuses = g_ptr_array_new_with_free_func (g_free);
  app = mml_app_test_new_application_unwatched ();

  g_test_add_func ("/app/background/autostart-file", test_autostart_file);
  g_test_add_func ("/app/background/portal", test_portal);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();
  g_clear_object (&app);
  g_clear_pointer (&requests, g_ptr_array_unref);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  mml_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
