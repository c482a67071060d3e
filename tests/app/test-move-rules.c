/* test-move-rules.c — Move by Status: a rule set in Settings, the
 * notification when a series becomes completed, and its action opening
 * "Copy or Move to…" prefilled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fake org.gtk.Notifications on the test's session bus records what
 * the application sends (as in test-notify.c). Choosing a folder for
 * Completed in Settings stores the rule through the engine; marking the
 * last episode of an ended series watched makes it completed, which posts
 * "“Dark” is completed — move it to Archive?" and shows a toast in the
 * window; the notification's action opens the transfer dialog on Move,
 * the rule's folder, the whole series. Nothing moves by itself.
 */
#include "config.h"

#include <string.h>

#include "mml-application.h"
#include "mml-library-controller.h"
#include "mml-viewing-controller.h"
#include "mml-window.h"
#include "views/mml-settings-view.h"
#include "widgets/mml-transfer-dialog.h"
#include "mml-app-test-util.h"
#include "mml-fake-notifications.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

static char *tmp_dir;
static char *tree;
static char *archive;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Dark (2017)/Season 01/Dark - S01E01.mkv",
  "Dark (2017)/Season 01/Dark - S01E02.mkv",
};

/* Dark has ended: once both episodes are watched, it is completed */
static const char library_sql[] =
  "UPDATE series SET status = 'ended' WHERE title = 'Dark';";

/* what the fake notification service received, in order */
static GPtrArray *sent;

/* --- helpers ------------------------------------------------------------------ */

static gboolean
library_ready (gpointer data)
{
  MmlLibraryController *library = mml_engine_get_library (data);

  return mml_library_controller_get_loaded (library) && !mml_library_controller_get_loading (library) &&
         !mml_library_controller_get_scanning (library) &&
         g_list_model_get_n_items (mml_library_controller_get_series (library)) == 1;
}

static gboolean
window_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

typedef struct
{
  gboolean    done;
  char       *value;
} RuleRead;

static void
rule_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RuleRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->value = mml_library_controller_get_move_rule_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The rule of @status as the engine reads it from the store */
static char *
read_rule (MmlEngine        *engine,
           MmlViewingStatus  status)
{
  RuleRead read = { FALSE, NULL };

  mml_library_controller_get_move_rule_async (mml_engine_get_library (engine), status, NULL, rule_read_cb, &read);
  mml_app_test_iterate_until (flag_set, &read.done, WAIT_TIMEOUT_MS, "the rule");
  return read.value;
}

typedef struct
{
  MmlMoveRulesGroup *group;
  MmlViewingStatus   status;
  const char        *shown;
} ShownWait;

static gboolean
group_shows (gpointer data)
{
  ShownWait *wait = data;

  return g_strcmp0 (mml_move_rules_group_get_shown (wait->group, wait->status), wait->shown) == 0;
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_viewing_controller_mark_finish (MML_VIEWING_CONTROLLER (source), result, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
mark_watched (MmlEngine  *engine,
              const char *spec_text)
{
  GListModel *series = mml_library_controller_get_series (mml_engine_get_library (engine));
  g_autoptr(MmlSeriesItem) dark = g_list_model_get_item (series, 0);
  MmlEpisodeSpec spec;
  gboolean done = FALSE;

  g_assert_true (mml_episode_spec_parse (spec_text, &spec, NULL));
  mml_viewing_controller_mark_async (mml_engine_get_viewing (engine), mml_series_item_get_id (dark), &spec,
                                     TRUE, NULL, marked_cb, &done);
  mml_app_test_iterate_until (flag_set, &done, WAIT_TIMEOUT_MS, "the marks");
}

static void
status_set_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_viewing_controller_set_status_finish (MML_VIEWING_CONTROLLER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
n_sent_is (gpointer data)
{
  return sent->len == GPOINTER_TO_UINT (data);
}

static MmlTransferDialog *
find_transfer_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MML_IS_TRANSFER_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return MML_TRANSFER_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_ready (gpointer data)
{
  MmlTransferDialog *dialog = find_transfer_dialog ();

  return dialog != NULL && mml_transfer_dialog_get_space_known (dialog);
}

static gboolean
reloaded (gpointer data)
{
  return *(guint *) data > 0;
}

static void
count_reload_cb (MmlLibraryController *library,
                 guint                *n)
{
  (*n)++;
}

/* --- the test ----------------------------------------------------------------- */

static void
test_move_rules (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  g_autoptr(GDBusConnection) fake = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autofree char *rule = NULL;
  g_autofree char *archive_shown = g_filename_display_name (archive);
  MmlTransferDialog *dialog;
  MmlMoveRulesGroup *group;
  GtkWindow *window;
  ShownWait wait;
  MmlSentNotification *s;
  gint64 series_id;
  const char *folder;
  guint n_reloads = 0;
  gulong handler;

  mml_app_test_iterate_until (library_ready, engine, WAIT_TIMEOUT_MS, "the library");
  fake = mml_fake_notifications_start (sent);
  g_assert_true (g_settings_get_boolean (settings, "notify-move-rules"));

  /* Settings: both rules off */
  g_application_activate (G_APPLICATION (app));
  mml_app_test_iterate_until (window_mapped, NULL, WAIT_TIMEOUT_MS, "the window");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (window, 1180, 820);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
  group = mml_settings_view_get_move_rules_group (MML_SETTINGS_VIEW (mml_window_get_view (MML_WINDOW (window),
                                                                                         "settings")));
  wait = (ShownWait) { group, MML_VIEWING_COMPLETED, "Off" };
  mml_app_test_iterate_until (group_shows, &wait, WAIT_TIMEOUT_MS, "Completed: Off");
  wait.status = MML_VIEWING_DROPPED;
  mml_app_test_iterate_until (group_shows, &wait, WAIT_TIMEOUT_MS, "Dropped: Off");

  /* Choose… for Completed (the chooser stood in for): stored, shown */
  mml_move_rules_group_set_folder (group, MML_VIEWING_COMPLETED, archive);
  wait = (ShownWait) { group, MML_VIEWING_COMPLETED, archive_shown };
  mml_app_test_iterate_until (group_shows, &wait, WAIT_TIMEOUT_MS, "Completed: the archive");
  rule = read_rule (engine, MML_VIEWING_COMPLETED);
  g_assert_cmpstr (rule, ==, archive);
  g_clear_pointer (&rule, g_free);
  rule = read_rule (engine, MML_VIEWING_DROPPED);
  g_assert_null (rule);
  mml_app_test_save_png (GTK_WIDGET (group), "move-rules-settings");

  /* The first episode: watching, nothing suggested */
  handler = g_signal_connect (mml_engine_get_library (engine), "reloaded", G_CALLBACK (count_reload_cb), &n_reloads);
  mark_watched (engine, "S01E01");
  mml_app_test_iterate_until (reloaded, &n_reloads, WAIT_TIMEOUT_MS, "the reload");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (sent->len, ==, 0);

  /* The last one: completed, told once, with the way to move it */
  mark_watched (engine, "S01E02");
  mml_app_test_iterate_until (n_sent_is, GUINT_TO_POINTER (1), WAIT_TIMEOUT_MS, "the notification");
  s = g_ptr_array_index (sent, 0);
  g_assert_cmpstr (s->id, ==, "move-rule");
  g_assert_cmpstr (s->title, ==, "“Dark” is completed — move it to Archive?");
  g_assert_cmpstr (s->body, ==, archive_shown);
  g_assert_cmpstr (s->default_action, ==, "app.move-series");
  g_assert_cmpstr (s->button_action, ==, "app.move-series");
  g_assert_cmpstr (s->button_label, ==, "Move…");
  g_assert_true (g_variant_equal (s->default_target, s->button_target));
  g_variant_get (s->default_target, "(x&s)", &series_id, &folder);
  g_assert_cmpstr (folder, ==, archive);

  /* reloads later: not again */
  n_reloads = 0;
  mml_engine_reload (engine);
  mml_app_test_iterate_until (reloaded, &n_reloads, WAIT_TIMEOUT_MS, "the reload");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (sent->len, ==, 1);
  g_signal_handler_disconnect (mml_engine_get_library (engine), handler);

  /* Its action: "Copy or Move to…" on Move, the archive, the whole
   * series, waiting for the user's Add to Queue */
  g_action_group_activate_action (G_ACTION_GROUP (app), "move-series", s->default_target);
  mml_app_test_iterate_until (dialog_ready, NULL, WAIT_TIMEOUT_MS, "the prefilled dialog");
  dialog = find_transfer_dialog ();
  g_assert_true (mml_transfer_dialog_get_move (dialog));
  g_assert_cmpstr (mml_transfer_dialog_get_folder (dialog), ==, archive);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_transfer_dialog_get_queue_button (dialog))));
  g_test_message ("dialog: %s", mml_transfer_dialog_get_summary (dialog));
  g_assert_cmpuint (strlen (mml_transfer_dialog_get_summary (dialog)), >, 0);
  mml_app_test_save_png (GTK_WIDGET (dialog), "move-rules-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* nothing moved without the user */
  {
    g_autofree char *video = g_build_filename (tree, tree_files[1], NULL);
    g_autoptr(GDir) dir = g_dir_open (archive, 0, NULL);

    g_assert_true (g_file_test (video, G_FILE_TEST_EXISTS));
    g_assert_nonnull (dir);
    g_assert_null (g_dir_read_name (dir));
  }

  /* Turned off in Settings: a rule's suggestion tells nothing */
  g_settings_set_boolean (settings, "notify-move-rules", FALSE);
  mml_move_rules_group_set_folder (group, MML_VIEWING_DROPPED, archive);
  wait = (ShownWait) { group, MML_VIEWING_DROPPED, archive_shown };
  mml_app_test_iterate_until (group_shows, &wait, WAIT_TIMEOUT_MS, "Dropped: the archive");
  {
    GListModel *series = mml_library_controller_get_series (mml_engine_get_library (engine));
    g_autoptr(MmlSeriesItem) dark = g_list_model_get_item (series, 0);
    gboolean done = FALSE;

    n_reloads = 0;
    handler = g_signal_connect (mml_engine_get_library (engine), "reloaded", G_CALLBACK (count_reload_cb), &n_reloads);
    mml_viewing_controller_set_status_async (mml_engine_get_viewing (engine), mml_series_item_get_id (dark), TRUE,
                                             MML_VIEWING_DROPPED, NULL, status_set_cb, &done);
    mml_app_test_iterate_until (flag_set, &done, WAIT_TIMEOUT_MS, "the status");
    mml_app_test_iterate_until (reloaded, &n_reloads, WAIT_TIMEOUT_MS, "the reload");
    g_signal_handler_disconnect (mml_engine_get_library (engine), handler);
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (sent->len, ==, 1);
  g_settings_reset (settings, "notify-move-rules");
  g_dbus_connection_close_sync (fake, NULL, NULL);
  mml_app_test_destroy_toplevels ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-move-rules-XXXXXX");
  if (tmp_dir == NULL)
    return 77;
  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  tree = g_build_filename (tmp_dir, "TV", NULL);
  archive = g_build_filename (tmp_dir, "Archive", NULL);
  g_assert_cmpint (g_mkdir_with_parents (archive, 0755), ==, 0);
  mml_app_test_write_tree (tree, tree_files, G_N_ELEMENTS (tree_files), "video");
  mml_app_test_scan_library (db, tree, library_sql);
  sent = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sent_notification_free);
  app = mml_app_test_new_application_unwatched ();

  g_test_add_func ("/app/move-rules/settings-notification-dialog", test_move_rules);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();
  g_clear_object (&app);
  g_clear_pointer (&sent, g_ptr_array_unref);
  mml_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (tree);
  g_free (archive);
  return ret;
}
