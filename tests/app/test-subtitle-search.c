/* test-subtitle-search.c — "Find subtitles" on the series page and the
 * OpenSubtitles group of Settings, against a fake OpenSubtitles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A temporary library of one series, one episode (a video big enough for
 * a movie hash), preferred languages "he en", scanned before the app
 * starts. An in-process fake OpenSubtitles (MmlFakeServer) answers the
 * search with two Hebrew subtitles (one a hash match with a Hebrew
 * release name, one for the hearing impaired), the first download with a
 * windows-1255 SRT and 9 downloads left, and the next with the 406 of a
 * used-up quota. The test, through the page's button and the dialog's
 * rows as a user would:
 *
 *   - opens the dialog, waits for the two results (the Hebrew title laid
 *     out right to left), downloads the first: the sidecar appears beside
 *     the video as "<video>.heb.srt" in UTF-8, and the store lists it;
 *   - asks for it again: the dialog asks before replacing, and Cancel
 *     leaves the file alone;
 *   - downloads the second: the quota error, with no Retry, and Settings
 *     says no download is left;
 *   - with no API key: the error offers Settings;
 *   - with the server gone: the error says it cannot connect, with Retry.
 *
 * Every step waits for the state it checks (a deadline, never a sleep).
 * Writes shot-subtitle-*.png into G_TEST_BUILDDIR. Needs an X display
 * (xvfb-run); exits 77 without one.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-application.h"
#include "mml-fake-server.h"
#include "mml-http.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-subtitles-controller.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-series-page.h"
#include "views/mml-series-view.h"
#include "views/mml-settings-view.h"
#include "widgets/mml-subtitle-account-group.h"
#include "widgets/mml-subtitle-search-dialog.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

#define KEY      "test-key"
#define API      "/api/v1"
#define SEASON   "Glass Bell (2020)/Season 01"
#define VIDEO    "Glass.Bell.S01E01.mkv"
#define SIDECAR  "Glass.Bell.S01E01.heb.srt"
#define RELEASE  "פעמון.זכוכית.S01E01.WEB-DL"
#define HEBREW   "שלום, מה שלומך?"

static char *tmp_dir;
static char *tree;
static MmlApplication *app;
static MmlFakeServer *server;

/* --- the fake OpenSubtitles ------------------------------------------------- */

static const char search_reply[] =
  "{\"total_pages\":1,\"total_count\":2,\"per_page\":50,\"page\":1,\"data\":["
  " {\"id\":\"9001\",\"type\":\"subtitle\",\"attributes\":{"
  "   \"subtitle_id\":\"9001\",\"language\":\"he\",\"download_count\":1234,"
  "   \"hearing_impaired\":false,\"foreign_parts_only\":false,\"from_trusted\":true,"
  "   \"ai_translated\":false,\"machine_translated\":false,\"moviehash_match\":true,"
  "   \"release\":\"" RELEASE "\","
  "   \"uploader\":{\"uploader_id\":1,\"name\":\"מתרגם\",\"rank\":\"translator\"},"
  "   \"feature_details\":{\"feature_type\":\"Episode\",\"season_number\":1,\"episode_number\":1,"
  "     \"parent_title\":\"Glass Bell\"},"
  "   \"files\":[{\"file_id\":501,\"cd_number\":1,\"file_name\":\"glass.bell.s01e01.srt\"}]}},"
  " {\"id\":\"9002\",\"type\":\"subtitle\",\"attributes\":{"
  "   \"subtitle_id\":\"9002\",\"language\":\"he\",\"download_count\":56,"
  "   \"hearing_impaired\":true,\"foreign_parts_only\":false,\"from_trusted\":false,"
  "   \"ai_translated\":false,\"machine_translated\":false,\"moviehash_match\":false,"
  "   \"release\":\"Glass.Bell.S01E01.1080p.WEB.H264-GROUP\","
  "   \"uploader\":{\"uploader_id\":2,\"name\":\"someone\",\"rank\":\"user\"},"
  "   \"feature_details\":{\"feature_type\":\"Episode\",\"season_number\":1,\"episode_number\":1},"
  "   \"files\":[{\"file_id\":502,\"cd_number\":1,\"file_name\":\"glass.bell.s01e01.sdh.srt\"}]}}"
  "]}";

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
key_ok (SoupServerMessage *msg)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Api-Key");

  if (g_strcmp0 (key, KEY) == 0)
    return TRUE;
  reply_json (msg, 403, "{\"message\":\"You cannot consume this service\",\"status\":403}");
  return FALSE;
}

static void
search_handler (MmlFakeServer     *fake,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  if (!key_ok (msg))
    return;
  /* the video is big enough for a hash; Hebrew, the first preferred */
  if (query == NULL || g_hash_table_lookup (query, "moviehash") == NULL ||
      g_strcmp0 (g_hash_table_lookup (query, "languages"), "he") != 0)
    {
      reply_json (msg, 400, "{\"message\":\"unexpected query\",\"status\":400}");
      return;
    }
  reply_json (msg, 200, search_reply);
}

/* The first download is served; the next is refused for the quota */
static void
download_handler (MmlFakeServer     *fake,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  g_autofree char *body = NULL;

  if (!key_ok (msg))
    return;
  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      reply_json (msg, 405, "{\"message\":\"POST only\"}");
      return;
    }
  if (mml_fake_server_get_count (fake, API "/download") > 1)
    {
      reply_json (msg, 406,
                  "{\"message\":\"You have downloaded your allowed 10 subtitles for 24h.\","
                  "\"requests\":11,\"remaining\":-1,\"reset_time\":\"7 hours\","
                  "\"reset_time_utc\":\"2099-01-30T06:00:21.000Z\"}");
      return;
    }
  body = g_strdup_printf ("{\"link\":\"%s/file/501.srt\",\"file_name\":\"glass.bell.s01e01.srt\","
                          "\"requests\":1,\"remaining\":9,\"reset_time\":\"7 hours\","
                          "\"reset_time_utc\":\"2099-01-30T06:00:21.000Z\"}",
                          mml_fake_server_get_base_url (fake));
  reply_json (msg, 200, body);
}

/* A Hebrew SRT in windows-1255, as many on the service are */
static void
file_handler (MmlFakeServer     *fake,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *utf8 = "1\r\n00:00:01,000 --> 00:00:03,000\r\n" HEBREW "\r\n";
  gsize len = 0;
  g_autofree char *cp1255 = g_convert (utf8, -1, "WINDOWS-1255", "UTF-8", NULL, &len, NULL);

  g_assert_nonnull (cp1255);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-subrip", SOUP_MEMORY_COPY, cp1255, len);
}

static void
start_fake (void)
{
  g_autofree char *url = NULL;

  server = mml_fake_server_new ();
  mml_fake_server_add_handler (server, API "/subtitles", search_handler, NULL);
  mml_fake_server_add_handler (server, API "/download", download_handler, NULL);
  mml_fake_server_add_handler (server, "/file/*", file_handler, NULL);
  url = mml_fake_server_url (server, API);
  g_setenv ("MML_OPENSUBTITLES_URL", url, TRUE);
  g_setenv ("MML_OPENSUBTITLES_API_KEY", KEY, TRUE);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
}

/* --- the library ------------------------------------------------------------ */

static void
prepare_library (const char *db)
{
  g_autoptr(MmlStore) store = mml_store_new (db);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tree, SEASON, NULL);
  g_autofree char *video = g_build_filename (dir, VIDEO, NULL);
  g_autoptr(GString) bytes = g_string_new (NULL);

  /* two 64 KiB blocks and more: a movie hash */
  while (bytes->len < 200000)
    g_string_append (bytes, SEASON "/" VIDEO);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (video, bytes->str, bytes->len, &error);
  g_assert_no_error (error);

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
  mml_test_store_exec (store, "INSERT INTO preferences (key, value) VALUES ('subtitles.languages', 'he en');");
  mml_store_close (store);
}

/* --- helpers ------------------------------------------------------------------- */

static MmlEngine *
engine (void)
{
  return mml_application_get_engine (app);
}

static gboolean
library_ready (gpointer data)
{
  MmlLibraryController *library = mml_engine_get_library (engine ());

  return !mml_library_controller_get_loading (library) &&
         g_list_model_get_n_items (mml_library_controller_get_series (library)) == 1;
}

static gboolean
page_shows (gpointer data)
{
  MmlSeriesPage *page = data;
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_STACK);

  return !mml_series_page_get_loading (page) && mml_series_page_get_detail (page) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* The "Find subtitles…" button of a file row */
static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "mml-find-subtitles") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
expand_rows (GtkWidget *widget)
{
  gboolean any = FALSE;

  if (ADW_IS_EXPANDER_ROW (widget))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
      any = TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    any |= expand_rows (child);
  return any;
}

/* The label showing @text, under @widget */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button labelled @label (with its mnemonic), under @widget */
static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  MmlSubtitleSearchDialog *dialog;
  const char              *state;
} StateWait;

static gboolean settled (MmlSubtitleSearchDialog *dialog);

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (mml_subtitle_search_dialog_get_state (wait->dialog), wait->state) == 0 &&
         settled (wait->dialog);
}

static void
wait_state (MmlSubtitleSearchDialog *dialog,
            const char              *state)
{
  StateWait wait = { dialog, state };
  g_autofree char *what = g_strdup_printf ("the dialog's state “%s”", state);

  mml_app_test_iterate_until (state_is, &wait, WAIT_TIMEOUT_MS, what);
}

/* The dialog's stack of states (the one with a "busy" page) */
static GtkStack *
find_state_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "busy") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_state_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog's stack done cross-fading (for the screenshots) */
static gboolean
settled (MmlSubtitleSearchDialog *dialog)
{
  GtkStack *stack = find_state_stack (GTK_WIDGET (dialog));

  g_assert_nonnull (stack);
  return !gtk_stack_get_transition_running (stack);
}

static gboolean
results_shown (gpointer data)
{
  MmlSubtitleSearchDialog *dialog = data;

  return g_strcmp0 (mml_subtitle_search_dialog_get_state (dialog), "results") == 0 &&
         mml_subtitle_search_dialog_get_n_candidates (dialog) == 2 &&
         gtk_widget_get_mapped (mml_subtitle_search_dialog_get_row (dialog, 1)) &&
         settled (dialog);
}

static gboolean
window_gone (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
question_shown (gpointer data)
{
  AdwMessageDialog *question = mml_subtitle_search_dialog_get_question (data);

  return question != NULL && gtk_widget_get_mapped (GTK_WIDGET (question));
}

/* Opens the dialog through the page's button (the one file row's) */
static MmlSubtitleSearchDialog *
open_dialog (MmlSeriesPage *page)
{
  GtkWidget *button = find_button (GTK_WIDGET (page));
  GtkWindow *dialog;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = mml_series_page_get_subtitle_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_true (MML_IS_SUBTITLE_SEARCH_DIALOG (dialog));
  /* modal over the main window */
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  return g_object_ref (MML_SUBTITLE_SEARCH_DIALOG (dialog));
}

static void
close_dialog (MmlSubtitleSearchDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  mml_app_test_iterate_until (window_gone, dialog, WAIT_TIMEOUT_MS, "the dialog closed");
}

/* The tracks the store lists for the series' one video */
static GPtrArray *
list_tracks (gint64 series_id)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *videos;

  mml_subtitles_controller_list_async (mml_engine_get_subtitles (engine ()), series_id, NULL,
                                       mml_sync_wait_cb, wait);
  videos = mml_subtitles_controller_list_finish (mml_engine_get_subtitles (engine ()),
                                                 mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return videos;
}

static gboolean
account_quota_is (gpointer data)
{
  const char *text = mml_subtitle_account_group_get_quota_text (data);

  return text != NULL && g_str_has_prefix (text, "No downloads left today");
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static void
quota_exhausted_cb (MmlSubtitlesController *subtitles,
                    gint64                  reset_at,
                    gpointer                user_data)
{
  gint64 *out = user_data;

  g_assert_cmpint (*out, ==, 0);   /* once */
  *out = reset_at;
}

static gboolean
quota_told (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* What the engine reads back for the RTL punctuation fix */
static gboolean
engine_fix_rtl (gpointer data)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (data);
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  gboolean fix;

  mml_subtitles_controller_get_fix_rtl_async (subs, NULL, mml_sync_wait_cb, wait);
  fix = mml_subtitles_controller_get_fix_rtl_finish (subs, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return fix;
}

static gboolean
engine_fix_rtl_off (gpointer data)
{
  return !engine_fix_rtl (data);
}

static gboolean
fix_previewed (gpointer data)
{
  return g_strcmp0 (mml_sidecar_fix_dialog_get_state (data), "loading") != 0;
}

static gboolean
fix_dialog_closed (gpointer data)
{
  return mml_subtitle_account_group_get_fix_dialog (data) == NULL;
}

static gboolean
account_idle (gpointer data)
{
  return !mml_subtitle_account_group_get_busy (data);
}

/* --- the test --------------------------------------------------------------------- */

static void
test_find_subtitles (void)
{
  MmlWindow *window;
  MmlView *view;
  MmlSeriesPage *page;
  g_autoptr(MmlSubtitleSearchDialog) dialog = NULL;
  g_autofree char *sidecar = g_build_filename (tree, SEASON, SIDECAR, NULL);
  g_autofree char *contents = NULL;
  gint64 series_id;
  gint64 quota_reset = 0;
  gulong quota_id;
  GtkWidget *row;
  GtkLabel *title;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (library_ready, NULL, WAIT_TIMEOUT_MS, "the library");
  /* a dead server is not retried for long */
  mml_http_set_retry_policy (mml_engine_get_http (engine ()), 1, 20, 50);

  view = mml_window_get_view (window, "series");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  page = mml_series_view_get_page (MML_SERIES_VIEW (view));
  mml_series_view_open (MML_SERIES_VIEW (view), 0);
  mml_app_test_iterate_until (page_shows, page, WAIT_TIMEOUT_MS, "the series page");
  series_id = mml_series_item_get_id (mml_series_page_get_detail (page)->series);
  expand_rows (GTK_WIDGET (page));

  /* The dialog searches at once, in the first preferred language */
  dialog = open_dialog (page);
  mml_app_test_iterate_until (results_shown, dialog, WAIT_TIMEOUT_MS, "two results");
  g_assert_cmpstr (mml_subtitle_search_dialog_get_language (dialog), ==, "he");
  g_assert_cmpuint (mml_fake_server_get_count (server, API "/subtitles"), ==, 1);
  /* best first: the hash match; its Hebrew name laid out right to left */
  row = mml_subtitle_search_dialog_get_row (dialog, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, RELEASE);
  title = find_label (row, RELEASE);
  g_assert_nonnull (title);
  g_assert_cmpint (pango_layout_get_direction (gtk_label_get_layout (title), 0), ==, PANGO_DIRECTION_RTL);
  g_assert_nonnull (find_label (row, "Hash match"));
  g_assert_nonnull (find_label (mml_subtitle_search_dialog_get_row (dialog, 1), "SDH"));
  /* the keyboard starts on the best one */
  g_assert_true (gtk_widget_has_focus (row));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  mml_app_test_save_png (GTK_WIDGET (dialog), "subtitle-search-results");

  /* Enter on the first row: downloaded, saved beside the video, closed */
  g_signal_emit_by_name (row, "activate");
  mml_app_test_iterate_until (window_gone, dialog, WAIT_TIMEOUT_MS, "the download");
  g_assert_cmpint (mml_subtitle_search_dialog_get_saved_batch (dialog), >, 0);
  g_assert_cmpstr (mml_subtitle_search_dialog_get_saved_path (dialog), ==, sidecar);
  g_assert_true (g_file_get_contents (sidecar, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_assert_nonnull (strstr (contents, HEBREW));
  g_assert_cmpuint (mml_fake_server_get_count (server, API "/download"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (server, "/file/*"), ==, 1);
  /* the store lists it: a Hebrew sidecar of the video */
  {
    g_autoptr(GPtrArray) videos = list_tracks (series_id);
    MmlSubtitleVideo *video;
    MmlSubtitleTrack *track;

    g_assert_cmpuint (videos->len, ==, 1);
    video = g_ptr_array_index (videos, 0);
    g_assert_cmpuint (video->tracks->len, ==, 1);
    track = g_ptr_array_index (video->tracks, 0);
    g_assert_cmpstr (track->language, ==, "he");
    g_assert_false (track->embedded);
    g_assert_false (track->hearing_impaired);
    g_assert_cmpstr (track->path, ==, SEASON "/" SIDECAR);
  }
  g_clear_object (&dialog);

  /* The same again: asked before replacing; Cancel keeps the file */
  dialog = open_dialog (page);
  mml_app_test_iterate_until (results_shown, dialog, WAIT_TIMEOUT_MS, "the results again");
  g_signal_emit_by_name (mml_subtitle_search_dialog_get_row (dialog, 0), "activate");
  mml_app_test_iterate_until (question_shown, dialog, WAIT_TIMEOUT_MS, "the replace question");
  g_assert_cmpuint (mml_fake_server_get_count (server, API "/download"), ==, 1);   /* none spent */
  adw_message_dialog_response (mml_subtitle_search_dialog_get_question (dialog), "cancel");
  wait_state (dialog, "results");
  g_assert_true (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  /* The SDH one: the service says the quota is used up; no Retry. The
   * engine says so once, with when downloads start again (what the
   * notifier tells) */
  quota_id = g_signal_connect (mml_engine_get_subtitles (engine ()), "quota-exhausted",
                               G_CALLBACK (quota_exhausted_cb), &quota_reset);
  g_signal_emit_by_name (mml_subtitle_search_dialog_get_row (dialog, 1), "activate");
  wait_state (dialog, "error");
  g_assert_cmpuint (mml_fake_server_get_count (server, API "/download"), ==, 2);
  mml_app_test_iterate_until (quota_told, &quota_reset, WAIT_TIMEOUT_MS, "the quota signal");
  /* the reply's reset_time_utc, 2099-01-30T06:00:21Z */
  g_assert_cmpint (quota_reset, ==, G_GINT64_CONSTANT (4073436021));
  g_signal_handler_disconnect (mml_engine_get_subtitles (engine ()), quota_id);
  {
    GtkWidget *retry = find_button_labelled (GTK_WIDGET (dialog), "_Retry");
    AdwStatusPage *status = ADW_STATUS_PAGE (gtk_widget_get_ancestor (retry, ADW_TYPE_STATUS_PAGE));

    g_assert_cmpstr (adw_status_page_get_title (status), ==, "Cannot Download the Subtitle");
    g_assert_true (g_str_has_prefix (adw_status_page_get_description (status), "No downloads left today; they reset at "));
    g_assert_false (gtk_widget_get_visible (retry));
  }
  mml_app_test_save_png (GTK_WIDGET (dialog), "subtitle-search-quota");
  close_dialog (dialog);
  g_clear_object (&dialog);

  /* Settings shows the quota the service told */
  {
    MmlSettingsView *settings = MML_SETTINGS_VIEW (mml_window_get_view (window, "settings"));
    MmlSubtitleAccountGroup *group = mml_settings_view_get_subtitle_account_group (settings);

    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
    mml_app_test_iterate_until (account_quota_is, group, WAIT_TIMEOUT_MS, "the quota in Settings");
    mml_app_test_iterate_until (account_idle, group, WAIT_TIMEOUT_MS, "the keyring read");
    /* the fields are never filled back from the keyring or the variables */
    g_assert_cmpstr (gtk_editable_get_text (mml_subtitle_account_group_get_field (group, "api-key")), ==, "");
    mml_app_test_save_png (GTK_WIDGET (group), "subtitle-account-group");

    /* the RTL punctuation fix: off until asked; the switch saves it */
    {
      GtkSwitch *fix = mml_subtitle_account_group_get_fix_rtl_switch (group);

      mml_app_test_iterate_until (widget_sensitive, fix, WAIT_TIMEOUT_MS, "the fix setting read");
      g_assert_false (gtk_switch_get_active (fix));
      g_assert_false (engine_fix_rtl (mml_application_get_engine (app)));
      gtk_switch_set_active (fix, TRUE);
      mml_app_test_iterate_until (engine_fix_rtl, mml_application_get_engine (app), WAIT_TIMEOUT_MS,
                                  "the fix setting saved");
      gtk_switch_set_active (fix, FALSE);
      mml_app_test_iterate_until (engine_fix_rtl_off, mml_application_get_engine (app), WAIT_TIMEOUT_MS,
                                  "the fix setting saved off");
    }

    /* The fix on a file already saved: previewed (nothing written), then
     * made, the original in the trash */
    {
      static const char broken[] = "1\r\n00:00:01,000 --> 00:00:02,000\r\n.\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\r\n";
      static const char fixed[] = "1\r\n00:00:01,000 --> 00:00:02,000\r\n\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d.\r\n";
      MmlSidecarFixDialog *fixer;
      g_autofree char *text = NULL;
      GtkWidget *fix_row;

      g_assert_true (g_file_set_contents (sidecar, broken, -1, NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "account.fix-files", "u", 0));
      fixer = mml_subtitle_account_group_get_fix_dialog (group);
      g_assert_nonnull (fixer);
      mml_app_test_iterate_until (fix_previewed, fixer, WAIT_TIMEOUT_MS, "the preview of the fix");
      g_assert_cmpstr (mml_sidecar_fix_dialog_get_state (fixer), ==, "list");
      g_assert_cmpuint (mml_sidecar_fix_dialog_get_n_to_fix (fixer), ==, 1);
      fix_row = gtk_widget_get_first_child (GTK_WIDGET (mml_sidecar_fix_dialog_get_list (fixer)));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (fix_row)), ==, SIDECAR);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (fix_row)), "1 line changes"));
      g_assert_true (g_file_get_contents (sidecar, &text, NULL, NULL));
      g_assert_cmpstr (text, ==, broken);
      g_clear_pointer (&text, g_free);
      mml_app_test_wait_ms (300);
      mml_app_test_save_png (GTK_WIDGET (fixer), "subtitle-fix-rtl-preview");

      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_sidecar_fix_dialog_get_apply_button (fixer))));
      g_signal_emit_by_name (mml_sidecar_fix_dialog_get_apply_button (fixer), "clicked");
      mml_app_test_iterate_until (fix_dialog_closed, group, WAIT_TIMEOUT_MS, "the fix made");
      g_assert_true (g_file_get_contents (sidecar, &text, NULL, NULL));
      g_assert_cmpstr (text, ==, fixed);
    }
    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
    mml_app_test_iterate_until (page_shows, page, WAIT_TIMEOUT_MS, "the series page again");
  }

  /* No API key: the error offers Settings */
  g_unsetenv ("MML_OPENSUBTITLES_API_KEY");
  dialog = open_dialog (page);
  wait_state (dialog, "error");
  g_assert_true (gtk_widget_get_visible (find_button_labelled (GTK_WIDGET (dialog), "Open _Settings")));
  g_assert_cmpuint (mml_fake_server_get_count (server, API "/subtitles"), ==, 2);   /* nothing sent */
  mml_app_test_save_png (GTK_WIDGET (dialog), "subtitle-search-no-key");
  close_dialog (dialog);
  g_clear_object (&dialog);
  g_setenv ("MML_OPENSUBTITLES_API_KEY", KEY, TRUE);

  /* The service unreachable: the error says so, Retry tries again */
  g_clear_pointer (&server, mml_fake_server_free);
  dialog = open_dialog (page);
  wait_state (dialog, "error");
  {
    GtkWidget *retry = find_button_labelled (GTK_WIDGET (dialog), "_Retry");
    AdwStatusPage *status = ADW_STATUS_PAGE (gtk_widget_get_ancestor (retry, ADW_TYPE_STATUS_PAGE));

    g_assert_true (gtk_widget_get_visible (retry));
    g_assert_cmpstr (adw_status_page_get_title (status), ==, "Cannot Search for Subtitles");
    g_assert_nonnull (strstr (adw_status_page_get_description (status), "Cannot connect"));
    mml_app_test_save_png (GTK_WIDGET (dialog), "subtitle-search-unreachable");
    g_signal_emit_by_name (retry, "clicked");
    g_assert_cmpstr (mml_subtitle_search_dialog_get_state (dialog), ==, "busy");
    wait_state (dialog, "error");
  }
  close_dialog (dialog);
  g_clear_object (&dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-subtitle-search-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  tree = g_build_filename (tmp_dir, "TV", NULL);
  prepare_library (db);
  start_fake ();

  app = mml_app_test_new_application_unwatched ();

  g_test_add_func ("/app/subtitle-search/dialog", test_find_subtitles);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  g_clear_pointer (&server, mml_fake_server_free);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
