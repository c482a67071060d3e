/* test-servers.c — the Media Servers group of Settings and its Add
 * Server dialog, against a fake Jellyfin and a real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, the test brings up a keyring of its own
 * (a private session bus, GTestDBus, with gnome-keyring-daemon on it,
 * unlocked, its home in the temporary folder: the tokens the app saves go
 * where they go for a user, and the runner's keyring is never touched) and
 * tests/fakes/fake_mediaserver.py as a Jellyfin server with one series,
 * user "alice", password "secret", and as Plex with its plex.tv
 * ($MML_PLEXTV_URL) (--watch-stdin: they die with the test).
 *
 * Settings shows the empty state; Add Server… opens the dialog (modal,
 * over the window), whose Add waits for the address and the user; a wrong
 * password is refused with the server's word and Add offered again; the
 * right one, entered with Enter in the password field, adds the server
 * and closes the dialog; Sync Now syncs it (spinner, the button
 * insensitive) and its row says when; Test says what it found; Remove asks
 * first, then the empty state is back. Plex: Sign In shows the PIN,
 * Cancel goes back, and once plex.tv has the PIN linked the account's
 * server is added. Every wait is on the group's state
 * or a widget, with a deadline, never a fixed time. Writes
 * shot-servers-*.png into G_TEST_BUILDDIR. Needs an X display (xvfb-run);
 * exits 77 without one.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "mml-application.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-sync-controller.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-settings-view.h"
#include "widgets/mml-server-dialog.h"
#include "widgets/mml-servers-group.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 120000   /* a deadline, not a measure */
#define KEYRING_PASSWORD "throwaway-test-password"

static char *tmp_dir;
static MmlApplication *app;

static const char library_json[] =
  "{\"series\": [{\"id\": \"s1\", \"title\": \"Glass Harbor\", \"year\": 2021,"
  "  \"provider_ids\": {\"Tvdb\": \"381234\"}, \"path\": \"/data/tv/Glass Harbor\","
  "  \"episodes\": ["
  "   {\"id\": \"e1\", \"season\": 1, \"episode\": 1, \"path\": \"/data/tv/Glass Harbor/Season 01/Glass Harbor S01E01.mkv\","
  "    \"watched\": true, \"plays\": 1, \"last\": 1700000000},"
  "   {\"id\": \"e2\", \"season\": 1, \"episode\": 2, \"path\": \"/data/tv/Glass Harbor/Season 01/Glass Harbor S01E02.mkv\"}]}]}";

/* --- the library: the one series, scanned ------------------------------------ */

static void
prepare_library (const char *db)
{
  const char *files[] = { "Glass Harbor/Season 1/Glass Harbor S01E01.mkv",
                          "Glass Harbor/Season 1/Glass Harbor S01E02.mkv" };
  g_autofree char *tree = g_build_filename (tmp_dir, "TV", NULL);
  g_autoptr(MmlStore) store = mml_store_new (db);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tree, files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, "video", -1, &error);
      g_assert_no_error (error);
    }

  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_add_root_async (store, tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
    root = mml_store_add_root_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
    g_autoptr(MmlScanSummary) summary = NULL;
    MmlScanRequest *request = mml_scan_request_new (MML_SCAN_QUICK);

    mml_scan_request_set_root (request, mml_root_get_id (root));
    mml_scan_async (store, request, NULL, mml_sync_wait_cb, wait);
    summary = mml_scan_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  mml_store_close (store);
}

/* --- the keyring: a private bus and gnome-keyring-daemon on it --------------- */

static struct
{
  GTestDBus   *bus;
  GSubprocess *daemon;
  char        *dir;
} keyring;

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Fails the run (never skips it) when no keyring can be had */
static void
keyring_up (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("gnome-keyring-daemon");
  const char *subdirs[] = { "home", "data", "config", "cache", "runtime" };
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GOutputStream *in;
  gint64 deadline;

  if (program == NULL)
    g_error ("gnome-keyring-daemon was not found: install gnome-keyring (build-aux/dev.sh deps does)");

  keyring.dir = g_build_filename (tmp_dir, "keyring", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (keyring.dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
    }

  /* our own bus, with or without dbus-run-session around the test; this
   * process (the app) uses it as its session bus from here on */
  keyring.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring.bus);
  /* which unsets DISPLAY (against X11 autolaunch): the window needs it back */
  g_setenv ("DISPLAY", display, TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
#define SETENV(name, sub) \
  do { \
    g_autofree char *value = g_build_filename (keyring.dir, sub, NULL); \
    g_subprocess_launcher_setenv (launcher, name, value, TRUE); \
  } while (0)
  SETENV ("HOME", "home");
  SETENV ("XDG_DATA_HOME", "data");
  SETENV ("XDG_CONFIG_HOME", "config");
  SETENV ("XDG_CACHE_HOME", "cache");
  SETENV ("XDG_RUNTIME_DIR", "runtime");
#undef SETENV
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (keyring.bus), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");

  /* --unlock: the "login" keyring made with the password on stdin, unlocked */
  keyring.daemon = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground", "--unlock",
                                                "--components=secrets", NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (keyring.daemon);
  g_output_stream_write_all (in, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (keyring.bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!name_has_owner (connection, "org.freedesktop.secrets"))
    {
      if (g_subprocess_get_identifier (keyring.daemon) == NULL)
        g_error ("gnome-keyring-daemon exited before joining the bus");
      if (g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not join the bus within 30 s");
      g_usleep (20 * 1000);
    }
  g_dbus_connection_close_sync (connection, NULL, NULL);
}

static void
keyring_down (void)
{
  if (keyring.daemon != NULL)
    {
      g_subprocess_send_signal (keyring.daemon, SIGTERM);
      g_subprocess_wait (keyring.daemon, NULL, NULL);
      g_clear_object (&keyring.daemon);
    }
  secret_service_disconnect ();
  /* not g_test_dbus_down(): libsecret's proxies keep the connection and it
   * would wait for them in vain; the process ends here */
  if (keyring.bus != NULL)
    g_test_dbus_stop (keyring.bus);
  g_clear_pointer (&keyring.dir, g_free);
}

/* --- the fake servers ------------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  char        *url;
} Fake;

static Fake jellyfin;
static Fake plex;     /* Plex Media Server and plex.tv in one */

static void
fake_up (Fake       *fake,
         const char *kind)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "fakes", "fake_mediaserver.py", NULL);
  g_autofree char *library = g_build_filename (tmp_dir, "server-library.json", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint port;

  g_file_set_contents (library, library_json, -1, &error);
  g_assert_no_error (error);

  /* --watch-stdin: it goes away with this process, even one that aborts */
  fake->process = g_subprocess_launcher_spawn (launcher, &error, "python3", script, "--kind", kind,
                                               "--library", library, "--user", "alice", "--password", "secret",
                                               "--token", "plex-account-token", "--watch-stdin", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
  g_assert_cmpuint (port, >, 0);
  fake->url = g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
fake_down (Fake *fake)
{
  if (fake->process != NULL)
    {
      g_subprocess_force_exit (fake->process);
      g_subprocess_wait (fake->process, NULL, NULL);
      g_clear_object (&fake->process);
    }
  g_clear_pointer (&fake->url, g_free);
}

/* POST @body to the fake's control endpoint @path */
static void
fake_post (Fake       *fake,
           const char *path,
           const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (fake->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

/* --- waiting ------------------------------------------------------------------------ */

typedef struct
{
  MmlServersGroup *group;
  guint            n_servers;
  const char      *subtitle;   /* nullable: a text the first row's subtitle holds */
} GroupWait;

static gboolean
group_shows (gpointer data)
{
  GroupWait *wait = data;
  const char *subtitle;

  if (mml_servers_group_get_busy (wait->group) ||
      mml_servers_group_get_n_servers (wait->group) != wait->n_servers ||
      mml_servers_group_get_shows_empty (wait->group) != (wait->n_servers == 0) ||
      !gtk_widget_get_mapped (GTK_WIDGET (wait->group)))
    return FALSE;
  if (wait->subtitle == NULL)
    return TRUE;
  subtitle = adw_action_row_get_subtitle (mml_servers_group_get_row (wait->group, 0));
  return subtitle != NULL && strstr (subtitle, wait->subtitle) != NULL;
}

static void
wait_group (MmlServersGroup *group,
            guint            n_servers,
            const char      *subtitle,
            const char      *what)
{
  GroupWait wait = { group, n_servers, subtitle };

  mml_app_test_iterate_until (group_shows, &wait, WAIT_TIMEOUT_MS, what);
}

static gboolean
dialog_refused (gpointer data)
{
  return !mml_server_dialog_get_busy (data) && mml_server_dialog_get_error (data) != NULL;
}

static gboolean
error_revealed (gpointer data)
{
  GtkWidget *revealer = mml_app_test_find_widget (data, GTK_TYPE_REVEALER);

  return revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* the PIN and its page's button on screen, the pages' crossfade over */
static gboolean
pin_shown (gpointer data)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (mml_server_dialog_get_button (data, "open")),
                                              GTK_TYPE_STACK);

  return mml_server_dialog_get_pin_code (data) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (mml_server_dialog_get_button (data, "open"))) &&
         !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static gboolean
dialog_gone (gpointer data)
{
  return mml_servers_group_get_dialog (data) == NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
confirmation_open (gpointer data)
{
  AdwMessageDialog *dialog = mml_servers_group_get_confirmation (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
sync_failed (gpointer data)
{
  return !mml_servers_group_get_busy (data) && mml_servers_group_get_error (data) != NULL;
}

static gboolean
confirmation_gone (gpointer data)
{
  return mml_servers_group_get_confirmation (data) == NULL;
}

/* Whether Escape is bound to "window.close" on @widget */
static gboolean
escape_closes (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "window.close") == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* The button labelled @label under @widget, or NULL */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the confirmation's button @label, as the user would */
static void
respond (MmlServersGroup *group,
         const char      *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (mml_servers_group_get_confirmation (group)), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  mml_app_test_iterate_until (confirmation_gone, group, WAIT_TIMEOUT_MS, "the confirmation closed");
}

static void
set_field (MmlServerDialog *dialog,
           const char      *name,
           const char      *text)
{
  gtk_editable_set_text (mml_server_dialog_get_field (dialog, name), text);
}

static gboolean
add_sensitive (MmlServerDialog *dialog)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (mml_server_dialog_get_button (dialog, "add")));
}

/* Enter in @name: the field's text activates the window's default, Add */
static void
press_enter_in (MmlServerDialog *dialog,
                const char      *name)
{
  GtkWidget *text = mml_app_test_find_widget (GTK_WIDGET (mml_server_dialog_get_field (dialog, name)),
                                              GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 GTK_WIDGET (mml_server_dialog_get_button (dialog, "add")));
  /* what GtkText does on Enter */
  g_signal_emit_by_name (text, "activate");
}

/* --- the test ----------------------------------------------------------------------- */

/* A row of @widget's whose subtitle starts "Synced: " */
static gboolean
has_synced_row (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_is_visible (widget) &&
      g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "", "Synced: "))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_synced_row (child))
      return TRUE;
  return FALSE;
}

static gboolean
dashboard_says_synced (gpointer data)
{
  return has_synced_row (data);
}

static gboolean
folders_gone (gpointer data)
{
  return mml_servers_group_get_folders_dialog (data) == NULL;
}

/* Whether the one server maps /data/tv to @local, in the store */
static gboolean
server_maps (const char *local)
{
  MmlSyncController *sync = mml_engine_get_sync (mml_application_get_engine (app));
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  mml_sync_controller_list_servers_async (sync, 0, NULL, mml_sync_wait_cb, wait);
  servers = mml_sync_controller_list_servers_finish (sync, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < servers->len; i++)
    {
      const MmlServerRow *server = g_ptr_array_index (servers, i);

      for (guint k = 0; server->paths[k] != NULL && server->paths[k + 1] != NULL; k += 2)
        found |= g_str_equal (server->paths[k], "/data/tv") && g_str_equal (server->paths[k + 1], local);
    }
  return found;
}

static void
test_servers (void)
{
  MmlWindow *window;
  MmlSettingsView *settings;
  MmlServersGroup *group;
  MmlServerDialog *dialog;
  AdwMessageDialog *confirmation;
  GtkButton *sync;
  const char *subtitle;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  settings = MML_SETTINGS_VIEW (mml_window_get_view (window, "settings"));
  group = mml_settings_view_get_servers_group (settings);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));

  /* No server: the empty state, nothing to sync */
  wait_group (group, 0, NULL, "the empty state");
  sync = mml_servers_group_get_button (group, "sync");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sync)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_servers_group_get_button (group, "add"))));
  g_assert_null (mml_servers_group_get_error (group));
  mml_app_test_save_png (GTK_WIDGET (group), "servers-empty");

  /* Add Server…: modal over the window; Add waits for address and user */
  g_signal_emit_by_name (mml_servers_group_get_button (group, "add"), "clicked");
  dialog = mml_servers_group_get_dialog (group);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  mml_app_test_iterate_until (widget_mapped, dialog, WAIT_TIMEOUT_MS, "the dialog shown");
  g_assert_false (add_sensitive (dialog));
  set_field (dialog, "address", jellyfin.url);
  g_assert_false (add_sensitive (dialog));
  set_field (dialog, "user", "alice");
  g_assert_true (add_sensitive (dialog));

  /* A wrong password: the server's refusal, word for word, and Add again */
  set_field (dialog, "password", "not-the-password");
  mml_app_test_save_png (GTK_WIDGET (dialog), "servers-add-dialog");
  g_assert_null (mml_server_dialog_get_error (dialog));
  press_enter_in (dialog, "password");
  /* (a button clicks once its press has been shown) */
  mml_app_test_iterate_until (dialog_refused, dialog, WAIT_TIMEOUT_MS, "the refused sign-in");
  g_test_message ("refused: %s", mml_server_dialog_get_error (dialog));
  g_assert_cmpstr (mml_server_dialog_get_error (dialog), ==, "Jellyfin refused the user name or the password");
  g_assert_true (add_sensitive (dialog));
  mml_app_test_iterate_until (error_revealed, dialog, WAIT_TIMEOUT_MS, "the error shown");
  mml_app_test_save_png (GTK_WIDGET (dialog), "servers-add-error");
  g_assert_true (mml_servers_group_get_dialog (group) == dialog);
  g_assert_cmpuint (mml_servers_group_get_n_servers (group), ==, 0);

  /* The right one, with Enter: the server is added, the dialog closes */
  set_field (dialog, "password", "secret");
  press_enter_in (dialog, "password");
  mml_app_test_iterate_until (dialog_gone, group, WAIT_TIMEOUT_MS, "the dialog closed after Add");
  wait_group (group, 1, "Jellyfin · alice · not synced yet", "the server's row");
  g_assert_cmpint (mml_servers_group_get_server_id (group, 0), >, 0);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sync)));

  /* Sync Now: busy while it runs, then the row says when */
  g_signal_emit_by_name (sync, "clicked");
  g_assert_true (mml_servers_group_get_syncing (group));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sync)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_servers_group_get_row_button (group, 0, "remove"))));
  wait_group (group, 1, "Jellyfin · alice · synced just now", "the synced row");
  g_assert_null (mml_servers_group_get_error (group));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sync)));
  subtitle = adw_action_row_get_subtitle (mml_servers_group_get_row (group, 0));
  g_test_message ("synced: %s", subtitle);
  /* the series by its title, and the episode watched on the server */
  g_assert_nonnull (strstr (subtitle, "1 series matched · 1 mark taken from the server"));
  mml_app_test_save_png (GTK_WIDGET (group), "servers-group");
  /* the Dashboard says when it last synced */
  mml_app_test_iterate_until (dashboard_says_synced, mml_window_get_view (window, "dashboard"), WAIT_TIMEOUT_MS,
                              "the Dashboard's server row");

  /* Test: what the server says of itself */
  g_signal_emit_by_name (mml_servers_group_get_row_button (group, 0, "test"), "clicked");
  g_assert_true (mml_servers_group_get_busy (group));
  wait_group (group, 1, "Connected to", "the test's answer");
  g_test_message ("tested: %s", adw_action_row_get_subtitle (mml_servers_group_get_row (group, 0)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (mml_servers_group_get_row (group, 0)), "1 TV library"));
  mml_app_test_save_png (GTK_WIDGET (group), "servers-group-tested");

  /* Folders…: the server's TV folder (known from the Test), and where this
   * computer sees it; a bad path is refused before anything is written */
  {
    g_autofree char *tree = g_build_filename (tmp_dir, "TV", NULL);
    MmlServerFoldersDialog *folders;
    AdwEntryRow *row;

    g_signal_emit_by_name (mml_servers_group_get_row_button (group, 0, "folders"), "clicked");
    folders = mml_servers_group_get_folders_dialog (group);
    g_assert_nonnull (folders);
    g_assert_true (gtk_window_get_modal (GTK_WINDOW (folders)));
    mml_app_test_iterate_until (widget_mapped, folders, WAIT_TIMEOUT_MS, "the Folders window");
    row = mml_server_folders_dialog_get_row (folders, "/data/tv");
    g_assert_nonnull (row);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
    g_assert_false (server_maps (tree));
    gtk_editable_set_text (GTK_EDITABLE (row), tree);
    gtk_editable_set_text (GTK_EDITABLE (mml_server_folders_dialog_get_new_server_row (folders)), "/data/../etc");
    gtk_editable_set_text (GTK_EDITABLE (mml_server_folders_dialog_get_row (folders, NULL)), "/mnt/other");
    mml_app_test_save_png (GTK_WIDGET (folders), "servers-folders");
    g_signal_emit_by_name (mml_server_folders_dialog_get_save_button (folders), "clicked");
    g_assert_nonnull (mml_server_folders_dialog_get_error (folders));
    g_test_message ("refused: %s", mml_server_folders_dialog_get_error (folders));
    g_assert_true (mml_servers_group_get_folders_dialog (group) == folders);
    gtk_editable_set_text (GTK_EDITABLE (mml_server_folders_dialog_get_new_server_row (folders)), "");
    gtk_editable_set_text (GTK_EDITABLE (mml_server_folders_dialog_get_row (folders, NULL)), "");
    g_signal_emit_by_name (mml_server_folders_dialog_get_save_button (folders), "clicked");
    mml_app_test_iterate_until (folders_gone, group, WAIT_TIMEOUT_MS, "the Folders window closed after Save");
    /* (written before the window closed) */
    g_assert_true (server_maps (tree));
  }

  /* A sync the server refuses: the row says why, in the error style, and
   * an error line offers Retry, which syncs again */
  fake_post (&jellyfin, "/_fake/fail", "{\"status\": 401, \"count\": 1}");
  g_signal_emit_by_name (sync, "clicked");
  mml_app_test_iterate_until (sync_failed, group, WAIT_TIMEOUT_MS, "the failed sync");
  g_test_message ("sync failed: %s", mml_servers_group_get_error (group));
  subtitle = adw_action_row_get_subtitle (mml_servers_group_get_row (group, 0));
  g_assert_cmpstr (subtitle, ==, mml_servers_group_get_error (group));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (mml_servers_group_get_row (group, 0)), "mml-server-failed"));
  mml_app_test_save_png (GTK_WIDGET (group), "servers-sync-failed");
  g_signal_emit_by_name (mml_servers_group_get_button (group, "retry"), "clicked");
  g_assert_true (mml_servers_group_get_syncing (group));
  wait_group (group, 1, "Jellyfin · alice · synced just now", "the row synced again");
  g_assert_null (mml_servers_group_get_error (group));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (mml_servers_group_get_row (group, 0)), "mml-server-failed"));

  /* Remove asks first; Cancel keeps the server */
  g_signal_emit_by_name (mml_servers_group_get_row_button (group, 0, "remove"), "clicked");
  mml_app_test_iterate_until (confirmation_open, group, WAIT_TIMEOUT_MS, "the confirmation");
  confirmation = mml_servers_group_get_confirmation (group);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (confirmation)) == GTK_WINDOW (window));
  mml_app_test_save_png (GTK_WIDGET (confirmation), "servers-remove");
  respond (group, "_Cancel");
  g_assert_cmpuint (mml_servers_group_get_n_servers (group), ==, 1);
  g_assert_false (mml_servers_group_get_busy (group));

  /* … and Remove removes it */
  g_signal_emit_by_name (mml_servers_group_get_row_button (group, 0, "remove"), "clicked");
  mml_app_test_iterate_until (confirmation_open, group, WAIT_TIMEOUT_MS, "the confirmation again");
  respond (group, "_Remove");
  wait_group (group, 0, NULL, "the empty state again");
  g_assert_null (mml_servers_group_get_error (group));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sync)));

  /* Plex: the PIN shown big, Cancel goes back; signed in (the fake's
   * plex.tv links the PIN), the account's server is added */
  g_signal_emit_by_name (mml_servers_group_get_button (group, "add"), "clicked");
  dialog = mml_servers_group_get_dialog (group);
  mml_app_test_iterate_until (widget_mapped, dialog, WAIT_TIMEOUT_MS, "the dialog for Plex");
  mml_server_dialog_set_kind (dialog, "plex");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mml_server_dialog_get_button (dialog, "add"))));
  g_signal_emit_by_name (mml_server_dialog_get_button (dialog, "sign-in"), "clicked");
  mml_app_test_iterate_until (pin_shown, dialog, WAIT_TIMEOUT_MS, "the Plex PIN");
  g_assert_cmpuint (strlen (mml_server_dialog_get_pin_code (dialog)), >, 0);
  g_assert_true (mml_server_dialog_get_busy (dialog));
  mml_app_test_save_png (GTK_WIDGET (dialog), "servers-plex-pin");
  g_signal_emit_by_name (mml_server_dialog_get_button (dialog, "cancel-sign-in"), "clicked");
  g_assert_false (mml_server_dialog_get_busy (dialog));
  g_assert_null (mml_server_dialog_get_pin_code (dialog));
  g_assert_null (mml_server_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_server_dialog_get_button (dialog, "sign-in"))));

  g_signal_emit_by_name (mml_server_dialog_get_button (dialog, "sign-in"), "clicked");
  mml_app_test_iterate_until (pin_shown, dialog, WAIT_TIMEOUT_MS, "a second Plex PIN");
  /* the fake numbers its PINs from 111222333: this is the second */
  fake_post (&plex, "/_fake/link", "{\"id\": 111222334}");
  mml_app_test_iterate_until (dialog_gone, group, WAIT_TIMEOUT_MS, "the dialog closed after signing in");
  wait_group (group, 1, "Plex · ", "the Plex server's row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (mml_servers_group_get_row (group, 0))), ==,
                   "Fake Plex");
  g_signal_emit_by_name (mml_servers_group_get_row_button (group, 0, "remove"), "clicked");
  mml_app_test_iterate_until (confirmation_open, group, WAIT_TIMEOUT_MS, "the confirmation for Plex");
  respond (group, "_Remove");
  wait_group (group, 0, NULL, "the empty state once more");

  /* Escape closes the dialog */
  g_signal_emit_by_name (mml_servers_group_get_button (group, "add"), "clicked");
  dialog = mml_servers_group_get_dialog (group);
  g_assert_nonnull (dialog);
  mml_app_test_iterate_until (widget_mapped, dialog, WAIT_TIMEOUT_MS, "the dialog shown again");
  g_assert_true (escape_closes (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  mml_app_test_iterate_until (dialog_gone, group, WAIT_TIMEOUT_MS, "the dialog closed");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-servers-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  prepare_library (db);

  keyring_up ();
  fake_up (&jellyfin, "jellyfin");
  fake_up (&plex, "plex");
  g_setenv ("MML_PLEXTV_URL", plex.url, TRUE);
  app = mml_app_test_new_application_unwatched ();

  g_test_add_func ("/app/servers/add-sync-test-remove", test_servers);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();
  g_clear_object (&app);
  fake_down (&plex);
  fake_down (&jellyfin);
  keyring_down ();
  mml_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
