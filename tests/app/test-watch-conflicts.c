/* test-watch-conflicts.c — the watch conflicts of the media-server sync in
 * the Conflicts view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree is scanned into a
 * temporary database, and SQL writes what a sync leaves behind when an
 * episode changed differently on both sides: a server, the baseline of
 * two episodes, and two open watch conflicts (here: unwatched; on the
 * server: watched again). Then: the Conflicts view lists both with the
 * two marks; "Keep Server's" on one makes the library take the server's
 * mark (the episode is watched, the conflict closes, the list shrinks)
 * without any network; the other stays. On the series page, each episode
 * has a Watched check showing the library's mark; checking S01E03 marks
 * it watched, and unchecking it takes the mark back. The Dashboard lists
 * the series under Continue Watching. Settings' Webhooks switch starts the
 * receiver and shows its address; a Jellyfin-plugin event posted to it
 * un-watches S01E01 in the library. Writes
 * shot-watch-conflicts.png and shot-watched-checks.png
 * into G_TEST_BUILDDIR. Needs an X display (xvfb-run); exits 77 without one.
 */

#include "mml-store-roots.h"
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "mml-application.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-conflicts-view.h"
#include "views/mml-dashboard-view.h"
#include "views/mml-series-page.h"
#include "views/mml-series-view.h"
#include "views/mml-settings-view.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

static char *tmp_dir;
static char *tree;
static char *db;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Harbor Lights (2019)/Season 01/Harbor Lights - S01E01.mkv",
  "Harbor Lights (2019)/Season 01/Harbor Lights - S01E02.mkv",
  "Harbor Lights (2019)/Season 01/Harbor Lights - S01E03.mkv",
};

/* What a sync leaves when both sides changed differently */
static const char sync_sql[] =
  "INSERT INTO servers (id, kind, name, url, added_at) VALUES (1, 'jellyfin', 'Living Room', 'http://127.0.0.1:9', 1);"
  "INSERT INTO server_series (server_id, item_id, series_id, title, how) "
  " SELECT 1, 's1', id, title, 'path' FROM series;"
  "INSERT INTO conflicts (id, kind, series_id, payload, created_at) "
  " SELECT 10 + e.number, 'watch', e.series_id, json_object ('server_id', 1, 'item_id', 'e' || e.number, "
  "   'episode_id', e.id, 'season', e.season, 'episode', e.number, "
  "   'local', json_object ('watched', json ('false'), 'at', 0, 'plays', 0), "
  "   'server', json_object ('watched', json ('true'), 'at', 1764000000, 'plays', 2)), 1 "
  " FROM episodes e WHERE e.number IN (1, 2);"
  "INSERT INTO server_episodes (server_id, item_id, episode_id, base_watched, base_at, base_plays, conflict_id) "
  " SELECT 1, 'e' || number, id, 1, 1700000000, 1, 10 + number FROM episodes WHERE number IN (1, 2);"
  /* and a series of the server's the library could not place */
  "INSERT INTO conflicts (id, kind, series_id, payload, created_at) "
  " VALUES (30, 'server-match', NULL, json_object ('server_id', 1, 'item_id', 's9', 'title', 'Harbour Lights (US)', "
  "   'year', 2019, 'candidates', json_array ()), 1);";

static void
write_tree (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    {
      g_autofree char *path = g_build_filename (tree, tree_files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, "0123456789", 10, &error);
      g_assert_no_error (error);
    }
}

static void
prepare_library (void)
{
  g_autoptr(MmlStore) store = mml_store_new (db);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

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
  mml_test_store_exec (store, sync_sql);
  mml_store_close (store);
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *w = data;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (w->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n == w->n;
}

static void
wait_rows (GtkListBox *list,
           guint       n)
{
  RowsWait w = { list, n };

  mml_app_test_iterate_until (rows_are, &w, WAIT_TIMEOUT_MS, "the watch conflicts");
}

typedef struct
{
  gint64     episode_number;
} WatchedWait;

/* Whether the library's episode is watched now (read straight from the
 * database file, as another process would) */
static gboolean
episode_watched (gpointer data)
{
  WatchedWait *w = data;
  sqlite3 *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean watched = FALSE;

  if (sqlite3_open_v2 (db, &sql, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (sql, "SELECT watched FROM episodes WHERE number = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, w->episode_number);
      watched = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (sql);
  return watched;
}

static gboolean
page_ready (gpointer data)
{
  MmlSeriesPage *page = data;
  MmlSeriesDetail *detail = mml_series_page_get_detail (page);
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_STACK);

  return !mml_series_page_get_loading (page) && detail != NULL &&
         g_strcmp0 (mml_series_item_get_title (detail->series), "Harbor Lights") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* The Watched checks of the page, in episode order */
static void
collect_checks (GtkWidget *widget,
                GPtrArray *out)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_has_css_class (widget, "watched-check"))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, out);
}

typedef struct
{
  MmlSeriesPage *page;
  gboolean       states[3];
} ChecksWait;

/* The page shows the three checks as @states (after a reload) */
static gboolean
checks_are (gpointer data)
{
  ChecksWait *w = data;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  if (mml_series_page_get_loading (w->page))
    return FALSE;
  collect_checks (GTK_WIDGET (w->page), checks);
  if (checks->len != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)) != w->states[i])
      return FALSE;
  return TRUE;
}

static gboolean
episode_unwatched (gpointer data)
{
  return !episode_watched (data);
}

static gboolean
webhook_url_shown (gpointer data)
{
  return mml_webhook_group_get_url (data) != NULL || mml_webhook_group_get_error (data) != NULL;
}

/* A port nobody listens on now */
static int
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct
{
  gboolean done;
  guint    status;
} Post;

static void
posted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Post *post = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  post->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
  post->done = TRUE;
}

static gboolean
post_done (gpointer data)
{
  return ((Post *) data)->done;
}

/* POSTs @json as text/plain (as the Jellyfin plugin does); the status */
static guint
post_webhook (const char *url,
              const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  Post post = { FALSE, 0 };

  soup_message_set_request_body_from_bytes (msg, "text/plain", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, posted_cb, &post);
  mml_app_test_iterate_until (post_done, &post, WAIT_TIMEOUT_MS, "the webhook answered");
  return post.status;
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

/* The count on a Conflicts page's switcher button */
static guint
badge_of (MmlConflictsView *view,
          const char       *section)
{
  AdwViewStackPage *page = adw_view_stack_get_page (mml_conflicts_view_get_stack (view),
                                                    mml_conflicts_view_get_section (view, section));

  g_assert_nonnull (page);
  return adw_view_stack_page_get_badge_number (page);
}

static GtkButton *
row_button (GtkWidget  *row,
            const char *label)
{
  GtkWidget *widget = row;

  /* depth first over the row's buttons */
  while (widget != NULL)
    {
      if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
        return GTK_BUTTON (widget);
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != row && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == row ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }
  return NULL;
}

static void
test_watch_conflicts (void)
{
  MmlWindow *window;
  MmlView *view;
  GtkListBox *list;
  GtkWidget *row;
  GtkButton *keep_server;
  WatchedWait watched = { 1 };

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("conflicts"));
  view = mml_window_get_view (window, "conflicts");
  list = mml_conflicts_view_get_watch_list (MML_CONFLICTS_VIEW (view));
  wait_rows (list, 2);
  /* on the page of watch marks, counted on its switcher button */
  g_assert_cmpuint (badge_of (MML_CONFLICTS_VIEW (view), "watch"), ==, 2);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (list), mml_conflicts_view_get_section (MML_CONFLICTS_VIEW (view), "watch")));
  mml_conflicts_view_show_section (MML_CONFLICTS_VIEW (view), "watch");
  g_assert_cmpstr (mml_conflicts_view_get_visible_section (MML_CONFLICTS_VIEW (view)), ==, "watch");

  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Harbor Lights — S01E01");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Here: unwatched"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "On the server: watched"));
  g_assert_nonnull (row_button (row, "Keep Mine"));
  keep_server = row_button (row, "Keep Server's");
  g_assert_nonnull (keep_server);
  /* the page's stack has left its empty state */
  mml_app_test_iterate_until (stack_settled, mml_app_test_find_widget (GTK_WIDGET (view), GTK_TYPE_STACK),
                              WAIT_TIMEOUT_MS, "the list shown");
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "watch-conflicts");

  /* the server's series to place: Choose Series… maps it, and it goes */
  {
    GtkListBox *servers = mml_conflicts_view_get_server_list (MML_CONFLICTS_VIEW (view));
    GtkWidget *server_row;
    GtkWidget *dialog;
    GtkDropDown *series;

    wait_rows (servers, 1);
    g_assert_cmpuint (badge_of (MML_CONFLICTS_VIEW (view), "server"), ==, 1);
    server_row = gtk_widget_get_first_child (GTK_WIDGET (servers));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (server_row)), ==, "Harbour Lights (US)");
    g_signal_emit_by_name (row_button (server_row, "C_hoose Series…"), "clicked");
    dialog = mml_conflicts_view_get_place_dialog (MML_CONFLICTS_VIEW (view));
    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "place"));
    series = GTK_DROP_DOWN (mml_app_test_find_widget (dialog, GTK_TYPE_DROP_DOWN));
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (series)), ==, 1);
    gtk_drop_down_set_selected (series, 0);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "place"));
    mml_app_test_save_png (dialog, "server-series-place");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "place");
    wait_rows (servers, 0);
    g_assert_cmpuint (badge_of (MML_CONFLICTS_VIEW (view), "server"), ==, 0);
    /* (the lists were read again: the watch rows are new ones) */
    wait_rows (list, 2);
    row = gtk_widget_get_first_child (GTK_WIDGET (list));
    keep_server = row_button (row, "Keep Server's");
    g_assert_nonnull (keep_server);
  }

  /* the server's mark: no network, the library takes it */
  g_assert_false (episode_watched (&watched));
  gtk_widget_activate (GTK_WIDGET (keep_server));
  wait_rows (list, 1);
  mml_app_test_iterate_until (episode_watched, &watched, WAIT_TIMEOUT_MS, "S01E01 watched");
  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Harbor Lights — S01E02");

  /* The series page: a Watched check per episode, as the library has them */
  {
    MmlView *series = mml_window_get_view (window, "series");
    MmlSeriesPage *page = mml_series_view_get_page (MML_SERIES_VIEW (series));
    ChecksWait checks = { page, { TRUE, FALSE, FALSE } };
    WatchedWait third = { 3 };
    g_autoptr(GPtrArray) found = g_ptr_array_new ();
    guint position = 0;

    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
    g_assert_nonnull (mml_app_test_find_series (mml_series_view_get_model (MML_SERIES_VIEW (series)),
                                                "Harbor Lights", &position));
    mml_series_view_open (MML_SERIES_VIEW (series), position);
    mml_app_test_iterate_until (page_ready, page, WAIT_TIMEOUT_MS, "the series page");
    mml_app_test_iterate_until (checks_are, &checks, WAIT_TIMEOUT_MS, "S01E01 checked, S01E02-03 not");

    /* check S01E03: the library marks it, the page shows it after its reload */
    collect_checks (GTK_WIDGET (page), found);
    gtk_check_button_set_active (g_ptr_array_index (found, 2), TRUE);
    mml_app_test_iterate_until (episode_watched, &third, WAIT_TIMEOUT_MS, "S01E03 watched");
    checks.states[2] = TRUE;
    mml_app_test_iterate_until (checks_are, &checks, WAIT_TIMEOUT_MS, "S01E03 checked");
    mml_app_test_wait_ms (300);
    mml_app_test_save_png (GTK_WIDGET (window), "watched-checks");

    /* and back */
    g_ptr_array_set_size (found, 0);
    collect_checks (GTK_WIDGET (page), found);
    gtk_check_button_set_active (g_ptr_array_index (found, 2), FALSE);
    mml_app_test_iterate_until (episode_unwatched, &third, WAIT_TIMEOUT_MS, "S01E03 unwatched again");
    checks.states[2] = FALSE;
    mml_app_test_iterate_until (checks_are, &checks, WAIT_TIMEOUT_MS, "S01E03 unchecked");

    /* the row's menu: watched up to S01E03 marks the two left */
    g_ptr_array_set_size (found, 0);
    collect_checks (GTK_WIDGET (page), found);
    g_assert_true (gtk_widget_activate_action (gtk_widget_get_ancestor (g_ptr_array_index (found, 2),
                                                                         ADW_TYPE_PREFERENCES_ROW),
                                               "marks.up-to-here", NULL));
    checks.states[1] = checks.states[2] = TRUE;
    mml_app_test_iterate_until (checks_are, &checks, WAIT_TIMEOUT_MS, "S01E01-S01E03 checked");
    /* and back, one by one */
    g_ptr_array_set_size (found, 0);
    collect_checks (GTK_WIDGET (page), found);
    gtk_check_button_set_active (g_ptr_array_index (found, 2), FALSE);
    checks.states[2] = FALSE;
    mml_app_test_iterate_until (checks_are, &checks, WAIT_TIMEOUT_MS, "S01E03 unchecked again");
    g_ptr_array_set_size (found, 0);
    collect_checks (GTK_WIDGET (page), found);
    gtk_check_button_set_active (g_ptr_array_index (found, 1), FALSE);
    checks.states[1] = FALSE;
    mml_app_test_iterate_until (checks_are, &checks, WAIT_TIMEOUT_MS, "S01E02 unchecked");
  }

  /* The Dashboard's Continue Watching: the series left part-way (S01E01
   * watched long ago), with S01E02 up next, on disk */
  {
    MmlView *dashboard = mml_window_get_view (window, "dashboard");
    GtkListBox *cont = mml_dashboard_view_get_continue_list (MML_DASHBOARD_VIEW (dashboard));
    GtkWidget *first;

    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("dashboard"));
    wait_rows (cont, 1);
    first = gtk_widget_get_first_child (GTK_WIDGET (cont));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Harbor Lights (2019)");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), ==, "Up next: S01E02 · on disk");
    mml_app_test_wait_ms (300);
    mml_app_test_save_png (GTK_WIDGET (window), "continue-watching");
    /* it opens its series */
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (first)), ==, "win.open-series");
    gtk_widget_activate (first);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "series");
    g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  }

  /* Webhooks: the switch starts the receiver, Settings shows its address,
   * an event from the Jellyfin plugin un-watches S01E01 (taken from the
   * server when the conflict was resolved) */
  {
    MmlView *settings = mml_window_get_view (window, "settings");
    MmlWebhookGroup *group = mml_settings_view_get_webhook_group (MML_SETTINGS_VIEW (settings));
    g_autoptr(GSettings) gsettings = g_settings_new ("io.github.mml.MyMediaLibrary");
    g_autofree char *bad = NULL;
    WatchedWait first = { 1 };
    const char *url;

    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
    g_assert_null (mml_webhook_group_get_url (group));
    g_settings_set_int (gsettings, "webhook-port", free_port ());
    g_action_group_activate_action (G_ACTION_GROUP (app), "webhooks", NULL);
    g_assert_true (g_settings_get_boolean (gsettings, "webhooks"));
    mml_app_test_iterate_until (webhook_url_shown, group, WAIT_TIMEOUT_MS, "the webhook address");
    g_assert_null (mml_webhook_group_get_error (group));
    url = mml_webhook_group_get_url (group);
    g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
    g_assert_nonnull (strstr (url, "/webhook/"));
    mml_app_test_wait_ms (300);
    mml_app_test_save_png (GTK_WIDGET (group), "webhooks");

    g_assert_true (episode_watched (&first));
    bad = g_strconcat (url, "x", NULL);
    g_assert_cmpuint (post_webhook (bad, "{\"NotificationType\":\"UserDataSaved\"}"), ==, 404);
    g_assert_cmpuint (post_webhook (url, "{\"NotificationType\":\"UserDataSaved\",\"SaveReason\":\"TogglePlayed\","
                                         "\"Played\":false,\"ItemId\":\"e1\",\"ItemType\":\"Episode\","
                                         "\"ServerId\":\"x\",\"UserId\":\"u\",\"SeasonNumber\":1,"
                                         "\"EpisodeNumber\":1,\"UtcTimestamp\":\"2026-12-07T10:00:00Z\"}"), ==, 200);
    mml_app_test_iterate_until (episode_unwatched, &first, WAIT_TIMEOUT_MS, "S01E01 unwatched by the webhook");

    /* off: the address goes */
    g_action_group_activate_action (G_ACTION_GROUP (app), "webhooks", NULL);
    g_assert_false (g_settings_get_boolean (gsettings, "webhooks"));
    g_assert_null (mml_webhook_group_get_url (group));
  }

  /* "Always Keep the Server's for This Series" on the conflict left
   * (S01E02): it is resolved that way (no network), and the series keeps
   * the preference for the conflicts to come */
  {
    WatchedWait second = { 2 };
    GtkWidget *always;

    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("conflicts"));
    mml_conflicts_view_show_section (MML_CONFLICTS_VIEW (view), "watch");
    wait_rows (list, 1);
    row = gtk_widget_get_first_child (GTK_WIDGET (list));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Harbor Lights — S01E02");
    g_assert_nonnull (mml_app_test_find_widget (row, GTK_TYPE_MENU_BUTTON));
    always = GTK_WIDGET (row_button (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (
                                       mml_app_test_find_widget (row, GTK_TYPE_MENU_BUTTON)))),
                                     "Always Keep the Server's for This Series"));
    g_assert_nonnull (always);
    g_assert_false (episode_watched (&second));
    /* (the popover is not shown: its button is clicked as the menu would) */
    g_signal_emit_by_name (always, "clicked");
    wait_rows (list, 0);
    mml_app_test_iterate_until (episode_watched, &second, WAIT_TIMEOUT_MS, "S01E02 watched");
    g_assert_cmpuint (badge_of (MML_CONFLICTS_VIEW (view), "watch"), ==, 0);
    {
      sqlite3 *sql = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (db, &sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT watch_prefer FROM series WHERE title LIKE 'Harbor Lights%'",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "server");
      sqlite3_finalize (stmt);
      sqlite3_close (sql);
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-watch-conflicts-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  /* the receiver's secret without a keyring (its variable overrides the
   * keyring, which would ask to be unlocked on a bus with one) */
  g_setenv ("MML_WEBHOOK_SECRET", "0123456789abcdef0123456789abcdef", TRUE);
  tree = g_build_filename (tmp_dir, "TV", NULL);
  write_tree ();
  prepare_library ();

  app = mml_app_test_new_application ();

  g_test_add_func ("/app/watch-conflicts/resolve", test_watch_conflicts);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();
  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (db);
  g_free (tmp_dir);
  return ret;
}
