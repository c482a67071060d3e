/* test-organize.c — "Rename Files…" of the series page and the History
 * group of Settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree is scanned into a
 * temporary database, with naming templates saved in its preferences
 * ("{Series Title}", "Season {season}", "{Series Title} {season:0}x{episode:00}"):
 *
 *   Glass Harbor/Season 1/Glass.Harbor.S01E01.mkv      → Glass Harbor 1x01.mkv (rename)
 *   Glass Harbor/Season 1/Glass.Harbor.S01E01.en.srt   → Glass Harbor 1x01.en.srt (its subtitle)
 *   Glass Harbor/Season 1/Glass Harbor 1x02.mkv          already right
 *   Glass Harbor/Season 1/Glass.Harbor.S01E03.mkv      } both would be Glass Harbor 1x03.mkv:
 *   Glass Harbor/Season 1/Glass.Harbor.S01E03.REPACK.mkv } problems, left alone
 *   Glass Harbor/S2/glass harbor s02e01.mkv            → Season 2/Glass Harbor 2x01.mkv (move)
 *   Tidy Show/Season 1/Tidy Show 1x01.mkv              already right
 *
 * Through the series page's action and the dialog's buttons, the test
 * waits for the preview's items and rows, applies (Enter: the default
 * widget), waits for the result, checks every file on disk by its
 * contents, undoes, checks again; then History in Settings lists the
 * batch as undone; a second apply is undone from History; a third is
 * cancelled at once (closing the dialog) and leaves every file whole. Every wait is
 * on a state, a model or a widget, never a fixed time. Writes
 * shot-organize-*.png into G_TEST_BUILDDIR. Needs an X display
 * (xvfb-run); exits 77 without one.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mml-application.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-series-page.h"
#include "views/mml-series-view.h"
#include "views/mml-settings-view.h"
#include "widgets/mml-history-group.h"
#include "widgets/mml-organize-dialog.h"
#include "widgets/mml-organize-item.h"
#include "widgets/mml-root-group.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define N_SERIES 2

static char *tmp_dir;
static char *tree;
static MmlApplication *app;

typedef struct
{
  const char *path;
  const char *contents;
} TreeFile;

static const TreeFile tree_files[] = {
  { "Glass Harbor/Season 1/Glass.Harbor.S01E01.mkv", "episode one" },
  { "Glass Harbor/Season 1/Glass.Harbor.S01E01.en.srt", "1\n00:00:01,000 --> 00:00:02,000\none\n" },
  { "Glass Harbor/Season 1/Glass Harbor 1x02.mkv", "episode two" },
  { "Glass Harbor/Season 1/Glass.Harbor.S01E03.mkv", "episode three" },
  { "Glass Harbor/Season 1/Glass.Harbor.S01E03.REPACK.mkv", "episode three, again" },
  { "Glass Harbor/S2/glass harbor s02e01.mkv", "season two" },
  { "Tidy Show/Season 1/Tidy Show 1x01.mkv", "tidy" },
};

/* where the apply takes the files it moves */
static const TreeFile renamed_files[] = {
  { "Glass Harbor/Season 1/Glass Harbor 1x01.mkv", "episode one" },
  { "Glass Harbor/Season 1/Glass Harbor 1x01.en.srt", "1\n00:00:01,000 --> 00:00:02,000\none\n" },
  { "Glass Harbor/Season 1/Glass Harbor 1x02.mkv", "episode two" },
  { "Glass Harbor/Season 1/Glass.Harbor.S01E03.mkv", "episode three" },
  { "Glass Harbor/Season 1/Glass.Harbor.S01E03.REPACK.mkv", "episode three, again" },
  { "Glass Harbor/Season 2/Glass Harbor 2x01.mkv", "season two" },
  { "Tidy Show/Season 1/Tidy Show 1x01.mkv", "tidy" },
};

static const char library_sql[] =
  "INSERT INTO preferences (key, value) VALUES ('naming.series', '{Series Title}');"
  "INSERT INTO preferences (key, value) VALUES ('naming.season', 'Season {season}');"
  "INSERT INTO preferences (key, value) VALUES ('naming.standard', '{Series Title} {season:0}x{episode:00}');";

/* --- the library ------------------------------------------------------------ */

static void
write_tree (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    {
      g_autofree char *path = g_build_filename (tree, tree_files[i].path, NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, tree_files[i].contents, -1, &error);
      g_assert_no_error (error);
    }
}

static void
prepare_library (const char *db)
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
  mml_test_store_exec (store, library_sql);

  mml_store_close (store);
}

/* Every file of @files is there with its contents, and no other file is
 * under the tree */
static void
assert_tree (const TreeFile *files,
             guint           n_files)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  guint n_found = 0;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_build_filename (tree, files[i].path, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &contents, NULL, &error))
        g_error ("%s: %s", files[i].path, error->message);
      g_assert_cmpstr (contents, ==, files[i].contents);
    }

  g_ptr_array_add (stack, g_strdup (tree));
  while (stack->len > 0)
    {
      g_autofree char *dir = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (d);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          char *path = g_build_filename (dir, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (stack, path);
          else
            {
              n_found++;
              g_free (path);
            }
        }
    }
  g_assert_cmpuint (n_found, ==, n_files);
}

static gboolean
exists_in_tree (const char *rel)
{
  g_autofree char *path = g_build_filename (tree, rel, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* --- helpers ------------------------------------------------------------------- */

static MmlEngine *
engine (void)
{
  return mml_application_get_engine (app);
}

static GListModel *
all_series (void)
{
  return mml_library_controller_get_series (mml_engine_get_library (engine ()));
}

static gboolean
session_ready (gpointer data)
{
  return !mml_library_controller_get_loading (mml_engine_get_library (engine ())) &&
         g_list_model_get_n_items (all_series ()) == N_SERIES;
}

static gboolean
page_loaded (gpointer data)
{
  return !mml_series_page_get_loading (data) && mml_series_page_get_detail (data) != NULL;
}

typedef struct
{
  MmlSeriesPage *page;
  const char    *title;
} PageWait;

static gboolean
page_shows (gpointer data)
{
  PageWait *wait = data;
  MmlSeriesDetail *detail = mml_series_page_get_detail (wait->page);
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (wait->page), GTK_TYPE_STACK);

  return page_loaded (wait->page) &&
         g_strcmp0 (mml_series_item_get_title (detail->series), wait->title) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->page)) &&
         stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static MmlSeriesPage *
open_page (MmlView    *view,
           const char *title)
{
  MmlSeriesPage *page = mml_series_view_get_page (MML_SERIES_VIEW (view));
  PageWait wait = { page, title };
  guint position = 0;

  g_assert_nonnull (mml_app_test_find_series (mml_series_view_get_model (MML_SERIES_VIEW (view)),
                                              title, &position));
  mml_series_view_open (MML_SERIES_VIEW (view), position);
  mml_app_test_iterate_until (page_shows, &wait, WAIT_TIMEOUT_MS, title);
  return page;
}

typedef struct
{
  MmlOrganizeDialog *dialog;
  const char        *state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (mml_organize_dialog_get_state (wait->dialog), wait->state) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->dialog));
}

static void
wait_state (MmlOrganizeDialog *dialog,
            const char        *state)
{
  StateWait wait = { dialog, state };
  g_autofree char *what = g_strdup_printf ("the dialog's state “%s”", state);

  mml_app_test_iterate_until (state_is, &wait, WAIT_TIMEOUT_MS, what);
}

/* Opens "Rename Files" through the page's action */
static MmlOrganizeDialog *
open_dialog (MmlSeriesPage *page)
{
  GtkWindow *dialog;

  mml_app_test_activate (GTK_WIDGET (page), "page.organize", NULL);
  dialog = mml_series_page_get_organize_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_true (MML_IS_ORGANIZE_DIALOG (dialog));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  return g_object_ref (MML_ORGANIZE_DIALOG (dialog));
}

static gboolean
dialog_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Waits for @dialog to close, drops the test's reference: it is gone */
static void
wait_closed (MmlSeriesPage      *page,
             MmlOrganizeDialog **dialog)
{
  mml_app_test_iterate_until (dialog_hidden, *dialog, WAIT_TIMEOUT_MS, "the dialog closed");
  g_clear_object (dialog);
  g_assert_null (mml_series_page_get_organize_dialog (page));
}

/* The label showing exactly @text under @widget, or NULL */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_mapped (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *label = find_label (wait->widget, wait->text);

  return label != NULL && gtk_widget_get_mapped (label);
}

static void
wait_label (GtkWidget  *widget,
            const char *text)
{
  LabelWait wait = { widget, text };
  g_autofree char *what = g_strdup_printf ("a row showing “%s”", text);

  mml_app_test_iterate_until (label_mapped, &wait, WAIT_TIMEOUT_MS, what);
}

static MmlOrganizeItem *
find_item (GListModel *model,
           const char *from)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MmlOrganizeItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (mml_organize_item_get_from (item), from) == 0)
        return item;   /* the model holds it */
    }
  return NULL;
}

static gboolean
n_items_is_5 (gpointer data)
{
  return g_list_model_get_n_items (mml_organize_dialog_get_model (data)) == 5;
}

typedef struct
{
  MmlHistoryGroup *group;
  gint64           batch;
  const char      *state;
} HistoryWait;

static gboolean
history_shows (gpointer data)
{
  HistoryWait *wait = data;

  return !mml_history_group_get_busy (wait->group) &&
         mml_history_group_get_n_batches (wait->group) > 0 &&
         mml_history_group_get_batch_id (wait->group, 0) == wait->batch &&
         g_strcmp0 (mml_history_group_get_batch_state (wait->group, 0), wait->state) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (mml_history_group_get_row (wait->group, 0)));
}

static void
wait_history (MmlHistoryGroup *group,
              gint64           batch,
              const char      *state)
{
  HistoryWait wait = { group, batch, state };
  g_autofree char *what = g_strdup_printf ("History showing the batch %s", state);

  mml_app_test_iterate_until (history_shows, &wait, WAIT_TIMEOUT_MS, what);
}

/* The applying page drawn, or the apply already over */
static gboolean
applying_drawn_or_over (gpointer data)
{
  const char *state = mml_organize_dialog_get_state (data);

  if (g_strcmp0 (state, "applying") == 0)
    {
      GtkWidget *bar = mml_app_test_find_widget (GTK_WIDGET (data), GTK_TYPE_PROGRESS_BAR);

      return bar != NULL && gtk_widget_get_mapped (bar) && gtk_widget_get_width (bar) > 0;
    }
  return g_strcmp0 (state, "result") == 0 || g_strcmp0 (state, "error") == 0;
}

static gboolean
left_preview (gpointer data)
{
  return g_strcmp0 (mml_organize_dialog_get_state (data), "preview") != 0;
}

/* Applies with Enter (the default widget), then waits for the result */
static void
apply_and_wait (MmlOrganizeDialog *dialog,
                const char        *shot)
{
  GtkButton *apply = mml_organize_dialog_get_button (dialog, "apply");

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (apply)));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == GTK_WIDGET (apply));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == GTK_WIDGET (apply));
  /* Enter: the window activates its default widget (a button clicks
   * after its press is shown) */
  g_signal_emit_by_name (dialog, "activate-default");
  mml_app_test_iterate_until (left_preview, dialog, WAIT_TIMEOUT_MS, "Apply pressed");
  g_assert_cmpstr (mml_organize_dialog_get_state (dialog), ==, "applying");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "cancel"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (apply)));
  if (shot != NULL)
    {
      /* a few files move fast: the progress is drawn when it is still there */
      mml_app_test_iterate_until (applying_drawn_or_over, dialog, WAIT_TIMEOUT_MS, "the progress");
      if (g_strcmp0 (mml_organize_dialog_get_state (dialog), "applying") == 0)
        mml_app_test_save_png (GTK_WIDGET (dialog), shot);
      else
        g_test_message ("The apply ended before its progress was drawn");
    }
  wait_state (dialog, "result");
}

/* --- the test ----------------------------------------------------------------- */

static void
test_organize (void)
{
  MmlWindow *window;
  MmlView *view;
  MmlSeriesPage *page;
  MmlSettingsView *settings;
  MmlHistoryGroup *group;
  g_autoptr(MmlOrganizeDialog) dialog = NULL;
  GListModel *model;
  MmlOrganizeSummary summary = { 0 };
  gint64 first_batch;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, NULL, WAIT_TIMEOUT_MS, "the library");
  view = mml_window_get_view (window, "series");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));

  /* A series named right: the empty state, and Escape closes */
  page = open_page (view, "Tidy Show");
  dialog = open_dialog (page);
  wait_state (dialog, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (mml_organize_dialog_get_model (dialog)), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "apply"))));
  mml_app_test_save_png (GTK_WIDGET (dialog), "organize-empty");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_closed (page, &dialog);

  /* The preview: every operation, the problems with their reason */
  page = open_page (view, "Glass Harbor");
  dialog = open_dialog (page);
  mml_app_test_iterate_until (n_items_is_5, dialog, WAIT_TIMEOUT_MS, "the five planned operations");
  wait_state (dialog, "preview");
  model = mml_organize_dialog_get_model (dialog);
  g_assert_true (gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (
                   mml_organize_dialog_get_list_view (dialog)))) == model);
  {
    MmlOrganizeItem *video = find_item (model, "Glass Harbor/Season 1/Glass.Harbor.S01E01.mkv");
    MmlOrganizeItem *sub = find_item (model, "Glass Harbor/Season 1/Glass.Harbor.S01E01.en.srt");
    MmlOrganizeItem *moved = find_item (model, "Glass Harbor/S2/glass harbor s02e01.mkv");
    MmlOrganizeItem *twin = find_item (model, "Glass Harbor/Season 1/Glass.Harbor.S01E03.mkv");
    MmlOrganizeItem *repack = find_item (model, "Glass Harbor/Season 1/Glass.Harbor.S01E03.REPACK.mkv");

    g_assert_nonnull (video);
    g_assert_cmpstr (mml_organize_item_get_to (video), ==, "Glass Harbor/Season 1/Glass Harbor 1x01.mkv");
    g_assert_cmpint (mml_organize_item_get_kind (video), ==, MML_ORGANIZE_KIND_VIDEO);
    g_assert_cmpint (mml_organize_item_get_action (video), ==, MML_ORGANIZE_RENAME);
    g_assert_null (mml_organize_item_get_problem (video));
    g_assert_nonnull (sub);
    g_assert_cmpstr (mml_organize_item_get_to (sub), ==, "Glass Harbor/Season 1/Glass Harbor 1x01.en.srt");
    g_assert_cmpint (mml_organize_item_get_kind (sub), ==, MML_ORGANIZE_KIND_SUBTITLE);
    g_assert_nonnull (moved);
    g_assert_cmpstr (mml_organize_item_get_to (moved), ==, "Glass Harbor/Season 2/Glass Harbor 2x01.mkv");
    g_assert_cmpint (mml_organize_item_get_action (moved), ==, MML_ORGANIZE_MOVE);
    g_assert_nonnull (twin);
    g_assert_nonnull (repack);
    g_assert_cmpstr (mml_organize_item_get_problem (twin), ==, "another file gets the same name");
    g_assert_cmpstr (mml_organize_item_get_problem (repack), ==, "another file gets the same name");
    /* the file already named right is counted, not listed */
    g_assert_null (find_item (model, "Glass Harbor/Season 1/Glass Harbor 1x02.mkv"));
  }
  g_assert_cmpstr (mml_organize_dialog_get_summary (dialog), ==,
                   "3 files to rename, 2 left alone, 1 already named right");
  /* the rows on screen: from → to, and a problem with its reason */
  wait_label (GTK_WIDGET (mml_organize_dialog_get_list_view (dialog)), "Glass Harbor/Season 1/Glass.Harbor.S01E01.mkv");
  wait_label (GTK_WIDGET (mml_organize_dialog_get_list_view (dialog)), "Glass Harbor/Season 1/Glass Harbor 1x01.mkv");
  wait_label (GTK_WIDGET (mml_organize_dialog_get_list_view (dialog)), "another file gets the same name");
  mml_app_test_save_png (GTK_WIDGET (dialog), "organize-preview");
  /* a preview changes nothing */
  assert_tree (tree_files, G_N_ELEMENTS (tree_files));

  /* Apply (Enter), its progress, the result */
  apply_and_wait (dialog, "organize-progress");
  g_assert_true (mml_organize_dialog_get_result (dialog, &summary));
  g_assert_cmpint (summary.batch, >, 0);
  g_assert_cmpuint (summary.done, ==, 3);
  g_assert_cmpuint (summary.problems, ==, 2);
  g_assert_cmpuint (summary.failed, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "undo"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "done"))));
  g_assert_cmpfloat (mml_organize_dialog_get_progress (dialog), ==, 1.0);
  assert_tree (renamed_files, G_N_ELEMENTS (renamed_files));
  /* the folder the move left empty is gone */
  g_assert_false (exists_in_tree ("Glass Harbor/S2"));
  mml_app_test_save_png (GTK_WIDGET (dialog), "organize-result");
  first_batch = summary.batch;

  /* Undo: every file back, bit for bit */
  g_signal_emit_by_name (mml_organize_dialog_get_button (dialog, "undo"), "clicked");
  wait_state (dialog, "result");
  g_assert_true (mml_organize_dialog_get_undone (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "undo"))));
  assert_tree (tree_files, G_N_ELEMENTS (tree_files));
  g_assert_false (exists_in_tree ("Glass Harbor/Season 2"));
  mml_app_test_save_png (GTK_WIDGET (dialog), "organize-undone");
  g_signal_emit_by_name (mml_organize_dialog_get_button (dialog, "done"), "clicked");
  wait_closed (page, &dialog);

  /* History: the batch, undone, with nothing left to undo */
  settings = MML_SETTINGS_VIEW (mml_window_get_view (window, "settings"));
  group = mml_settings_view_get_history_group (settings);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
  wait_history (group, first_batch, "undone");
  g_assert_null (mml_history_group_get_undo_button (group, 0));
  g_assert_false (mml_history_group_get_offers_recover (group));
  g_assert_null (mml_history_group_get_error (group));

  /* Apply again, and undo it from History */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  page = open_page (view, "Glass Harbor");
  dialog = open_dialog (page);
  mml_app_test_iterate_until (n_items_is_5, dialog, WAIT_TIMEOUT_MS, "the five planned operations again");
  wait_state (dialog, "preview");
  apply_and_wait (dialog, NULL);
  g_assert_true (mml_organize_dialog_get_result (dialog, &summary));
  g_assert_cmpint (summary.batch, >, first_batch);
  assert_tree (renamed_files, G_N_ELEMENTS (renamed_files));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_closed (page, &dialog);

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
  wait_history (group, summary.batch, "done");
  g_assert_cmpuint (mml_history_group_get_n_batches (group), ==, 2);
  g_assert_cmpint (mml_history_group_get_batch_id (group, 1), ==, first_batch);
  g_assert_nonnull (mml_history_group_get_undo_button (group, 0));
  mml_app_test_save_png (GTK_WIDGET (group), "organize-history");
  g_signal_emit_by_name (mml_history_group_get_undo_button (group, 0), "clicked");
  wait_history (group, summary.batch, "undone");
  assert_tree (tree_files, G_N_ELEMENTS (tree_files));
  g_assert_null (mml_history_group_get_undo_button (group, 0));
  g_assert_null (mml_history_group_get_error (group));
  mml_app_test_save_png (GTK_WIDGET (group), "organize-history-undone");

  /* Cancel at once: whatever was done is whole (each file in one place,
   * its contents kept), and Undo of it, if any, puts everything back */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  page = open_page (view, "Glass Harbor");
  dialog = open_dialog (page);
  mml_app_test_iterate_until (n_items_is_5, dialog, WAIT_TIMEOUT_MS, "the operations a third time");
  wait_state (dialog, "preview");
  g_signal_emit_by_name (mml_organize_dialog_get_button (dialog, "apply"), "clicked");
  g_assert_cmpstr (mml_organize_dialog_get_state (dialog), ==, "applying");
  /* closing while files move is a Cancel: the dialog stays */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "cancel"))));
  wait_state (dialog, "result");
  g_assert_true (mml_organize_dialog_get_result (dialog, &summary));
  g_assert_cmpuint (summary.done, <=, 3);
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    g_assert_true (exists_in_tree (tree_files[i].path) != exists_in_tree (renamed_files[i].path) ||
                   g_str_equal (tree_files[i].path, renamed_files[i].path));
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (mml_organize_dialog_get_button (dialog, "undo"))), ==,
                   summary.batch != 0);
  if (summary.batch != 0)
    {
      g_signal_emit_by_name (mml_organize_dialog_get_button (dialog, "undo"), "clicked");
      wait_state (dialog, "result");
      g_assert_true (mml_organize_dialog_get_undone (dialog));
    }
  assert_tree (tree_files, G_N_ELEMENTS (tree_files));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_closed (page, &dialog);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_gone (gpointer data)
{
  return mml_root_group_get_organize_dialog (data) == NULL;
}

/* Paths → a library folder's "Rename Files": the same preview for every
 * series in the folder (Glass Harbor's five operations; Tidy Show is
 * named right), applied and undone */
static void
test_organize_folder (void)
{
  MmlWindow *window;
  MmlView *paths;
  MmlRootGroup *group;
  g_autoptr(MmlOrganizeDialog) dialog = NULL;
  MmlOrganizeSummary summary = { 0 };
  g_autofree char *root_name = g_filename_display_name (tree);

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, NULL, WAIT_TIMEOUT_MS, "the library");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("paths"));
  paths = mml_window_get_view (window, "paths");
  group = MML_ROOT_GROUP (mml_app_test_find_widget (GTK_WIDGET (paths), MML_TYPE_ROOT_GROUP));
  g_assert_nonnull (group);

  mml_app_test_activate (GTK_WIDGET (group), "root.organize", NULL);
  g_assert_nonnull (mml_root_group_get_organize_dialog (group));
  dialog = g_object_ref (MML_ORGANIZE_DIALOG (mml_root_group_get_organize_dialog (group)));
  mml_app_test_iterate_until (n_items_is_5, dialog, WAIT_TIMEOUT_MS, "the folder's five planned operations");
  wait_state (dialog, "preview");
  g_assert_nonnull (find_item (mml_organize_dialog_get_model (dialog), "Glass Harbor/S2/glass harbor s02e01.mkv"));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (mml_app_test_find_widget (GTK_WIDGET (dialog),
                                                                                               ADW_TYPE_WINDOW_TITLE))),
                   ==, root_name);
  mml_app_test_save_png (GTK_WIDGET (dialog), "organize-folder");

  g_signal_emit_by_name (mml_organize_dialog_get_button (dialog, "apply"), "clicked");
  wait_state (dialog, "result");
  g_assert_true (mml_organize_dialog_get_result (dialog, &summary));
  g_assert_cmpuint (summary.done, ==, 3);
  assert_tree (renamed_files, G_N_ELEMENTS (renamed_files));
  g_signal_emit_by_name (mml_organize_dialog_get_button (dialog, "undo"), "clicked");
  wait_state (dialog, "result");
  g_assert_true (mml_organize_dialog_get_undone (dialog));
  assert_tree (tree_files, G_N_ELEMENTS (tree_files));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  mml_app_test_iterate_until (dialog_hidden, dialog, WAIT_TIMEOUT_MS, "the dialog closed");
  g_clear_object (&dialog);
  mml_app_test_iterate_until (dialog_gone, group, WAIT_TIMEOUT_MS, "the dialog gone");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-organize-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  write_tree ();
  prepare_library (db);

  app = mml_app_test_new_application ();

  g_test_add_func ("/app/organize/preview-apply-undo-history", test_organize);
  g_test_add_func ("/app/organize/whole-folder", test_organize_folder);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
