/* test-transfers.c — "Copy or Move to…" of the series page and the
 * Transfers view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small series is scanned into a temporary database before the
 * application starts:
 *
 *   Iron Road (2011)/Season 01/Iron.Road.S01E01.mkv (+ .en.srt)
 *   Iron Road (2011)/Season 01/Iron.Road.S01E02.mkv
 *   Iron Road (2011)/Season 02/Iron.Road.S02E01.mkv
 *
 * The Transfers view starts empty (its status page). Through the page's
 * action the dialog opens; with a destination chosen it shows the room
 * there, and with season 2 left out it queues season 1: the queue starts,
 * the view lists the three items (two videos and the subtitle), they end
 * verified and the files are at the destination with their contents.
 * Then the whole series is queued again with a file in the way of season
 * 2's: the items already there are skipped, that one fails with Retry;
 * the file moved away, Retry finishes it; Clear Finished empties the
 * list. Every wait is on a model, a state or a widget, never a fixed
 * time. Writes shot-transfers-*.png into G_TEST_BUILDDIR. Needs an X
 * display (xvfb-run); exits 77 without one.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mml-application.h"
#include "mml-file-ops.h"
#include "mml-transfer-controller.h"
#include "mml-window.h"
#include "views/mml-series-page.h"
#include "views/mml-series-view.h"
#include "views/mml-transfers-view.h"
#include "widgets/mml-transfer-dialog.h"
#include "widgets/mml-transfer-row.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define SERIES_DIR "Iron Road (2011)"
#define EP1 SERIES_DIR "/Season 01/Iron.Road.S01E01.mkv"
#define SUB1 SERIES_DIR "/Season 01/Iron.Road.S01E01.en.srt"
#define EP2 SERIES_DIR "/Season 01/Iron.Road.S01E02.mkv"
#define EP3 SERIES_DIR "/Season 02/Iron.Road.S02E01.mkv"

static char *tmp_dir;
static char *tree;
static char *out;
static MmlApplication *app;

static const char * const tree_files[] = { EP1, SUB1, EP2, EP3 };

static MmlEngine *
engine (void)
{
  return mml_application_get_engine (app);
}

static MmlTransferController *
transfer (void)
{
  return mml_engine_get_transfer (engine ());
}

static gboolean
session_ready (gpointer data)
{
  MmlLibraryController *library = mml_engine_get_library (engine ());

  return !mml_library_controller_get_loading (library) &&
         g_list_model_get_n_items (mml_library_controller_get_series (library)) == 1;
}

static gboolean
page_shows (gpointer data)
{
  MmlSeriesPage *page = data;

  return !mml_series_page_get_loading (page) && mml_series_page_get_detail (page) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (page));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_gone (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* The transfer dialog among the toplevels, or NULL */
static MmlTransferDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (MML_IS_TRANSFER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return MML_TRANSFER_DIALOG (window);
    }
  return NULL;
}

static gboolean
space_known (gpointer data)
{
  return mml_transfer_dialog_get_space_known (data);
}

/* Opens the dialog through the page's action, chooses @out */
static MmlTransferDialog *
open_dialog (MmlSeriesPage *page)
{
  MmlTransferDialog *dialog;

  g_assert_null (find_dialog ());
  mml_app_test_activate (GTK_WIDGET (page), "page.transfer", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  mml_app_test_iterate_until (widget_mapped, dialog, WAIT_TIMEOUT_MS, "the dialog");
  /* nothing to queue before a destination is chosen */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_transfer_dialog_get_queue_button (dialog))));
  mml_transfer_dialog_set_folder (dialog, out);
  mml_app_test_iterate_until (space_known, dialog, WAIT_TIMEOUT_MS, "the room at the destination");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_transfer_dialog_get_queue_button (dialog))));
  return g_object_ref (dialog);
}

static void
queue (MmlTransferDialog **dialog)
{
  g_signal_emit_by_name (mml_transfer_dialog_get_queue_button (*dialog), "clicked");
  mml_app_test_iterate_until (widget_gone, *dialog, WAIT_TIMEOUT_MS, "the dialog closed");
  g_clear_object (dialog);
}

typedef struct
{
  MmlTransfersView *view;
  guint             n;
  guint             n_done;     /* done or skipped */
  guint             n_failed;
} ListWait;

/* @n items listed, as many finished and failed as said, the queue at rest */
static gboolean
list_is (gpointer data)
{
  ListWait *w = data;
  GListModel *model = mml_transfers_view_get_model (w->view);
  guint done = 0, failed = 0;

  if (mml_transfer_controller_get_running (transfer ()) || g_list_model_get_n_items (model) != w->n)
    return FALSE;
  for (guint i = 0; i < w->n; i++)
    {
      g_autoptr(MmlTransferEntry) entry = g_list_model_get_item (model, i);
      MmlTransferState state = mml_transfer_entry_get_item (entry)->state;

      done += state == MML_TRANSFER_DONE || state == MML_TRANSFER_SKIPPED;
      failed += state == MML_TRANSFER_FAILED;
    }
  return done == w->n_done && failed == w->n_failed;
}

static void
wait_list (MmlTransfersView *view,
           guint             n,
           guint             n_done,
           guint             n_failed)
{
  ListWait w = { view, n, n_done, n_failed };
  g_autofree char *what = g_strdup_printf ("%u transfers, %u finished, %u failed", n, n_done, n_failed);

  mml_app_test_iterate_until (list_is, &w, WAIT_TIMEOUT_MS, what);
}

static void
assert_copied (const char *rel)
{
  g_autofree char *src = g_build_filename (tree, rel, NULL);
  g_autofree char *dst = g_build_filename (out, rel, NULL);

  g_assert_true (mml_file_same_contents (src, dst));
}

/* the mapped button labelled @label under @widget (each row has a
 * Retry, shown for a failed item only) */
static GtkWidget *
find_mapped_button (GtkWidget  *widget,
                    const char *label)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
retry_shown (gpointer data)
{
  return find_mapped_button (data, "_Retry") != NULL;
}

static gboolean
empty_shown (gpointer data)
{
  return g_list_model_get_n_items (mml_transfers_view_get_model (data)) == 0 &&
         mml_app_test_count_mapped (data, ADW_TYPE_STATUS_PAGE) == 1;
}

static void
test_transfers (void)
{
  MmlWindow *window;
  MmlView *series;
  MmlTransfersView *view;
  MmlSeriesPage *page;
  g_autoptr(MmlTransferDialog) dialog = NULL;
  g_autofree char *ep3 = g_build_filename (out, EP3, NULL);
  g_autofree char *ep3_parent = g_path_get_dirname (ep3);
  g_autofree char *aside = g_build_filename (tmp_dir, "aside.mkv", NULL);
  const char *summary;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, NULL, WAIT_TIMEOUT_MS, "the library");

  /* empty: how to add one */
  view = MML_TRANSFERS_VIEW (mml_window_get_view (window, "transfers"));
  g_assert_nonnull (view);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("transfers"));
  mml_app_test_iterate_until (empty_shown, view, WAIT_TIMEOUT_MS, "the empty Transfers view");
  mml_app_test_save_png (GTK_WIDGET (window), "transfers-empty");

  /* season 1 through the dialog */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  series = mml_window_get_view (window, "series");
  mml_series_view_open (MML_SERIES_VIEW (series), 0);
  page = mml_series_view_get_page (MML_SERIES_VIEW (series));
  mml_app_test_iterate_until (page_shows, page, WAIT_TIMEOUT_MS, "the series page");
  dialog = open_dialog (page);
  summary = mml_transfer_dialog_get_summary (dialog);
  g_assert_nonnull (strstr (summary, "3 videos"));
  g_assert_true (mml_transfer_dialog_set_season (dialog, 2, FALSE));
  g_assert_false (mml_transfer_dialog_set_season (dialog, 7, FALSE));
  summary = mml_transfer_dialog_get_summary (dialog);
  g_assert_nonnull (strstr (summary, "2 videos"));
  mml_app_test_save_png (GTK_WIDGET (dialog), "transfers-dialog");
  queue (&dialog);

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("transfers"));
  wait_list (view, 3, 3, 0);
  mml_app_test_iterate_until (widget_mapped, mml_transfers_view_get_list_view (view), WAIT_TIMEOUT_MS,
                              "the list");
  g_assert_cmpstr (mml_transfers_view_get_summary (view), ==, "All Done");
  assert_copied (EP1);
  assert_copied (SUB1);
  assert_copied (EP2);
  g_assert_false (g_file_test (ep3, G_FILE_TEST_EXISTS));
  mml_app_test_save_png (GTK_WIDGET (window), "transfers-done");

  /* the whole series again, a file in the way of season 2's */
  g_assert_cmpint (g_mkdir_with_parents (ep3_parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (ep3, "someone else's", -1, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  mml_app_test_iterate_until (page_shows, page, WAIT_TIMEOUT_MS, "the series page again");
  dialog = open_dialog (page);
  queue (&dialog);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("transfers"));
  wait_list (view, 7, 6, 1);
  mml_app_test_iterate_until (retry_shown, view, WAIT_TIMEOUT_MS, "Retry");
  g_assert_cmpstr (mml_transfers_view_get_summary (view), ==, "Some Transfers Failed");
  mml_app_test_save_png (GTK_WIDGET (window), "transfers-failed");
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (ep3, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "someone else's");
  }

  /* moved out of the way, Retry finishes it */
  g_assert_cmpint (g_rename (ep3, aside), ==, 0);
  g_signal_emit_by_name (find_mapped_button (GTK_WIDGET (view), "_Retry"), "clicked");
  wait_list (view, 7, 7, 0);
  assert_copied (EP3);

  /* Clear Finished: back to the status page */
  mml_app_test_activate (GTK_WIDGET (view), "transfers.clear", NULL);
  mml_app_test_iterate_until (empty_shown, view, WAIT_TIMEOUT_MS, "the cleared list");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-transfers-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  tree = g_build_filename (tmp_dir, "TV", NULL);
  out = g_build_filename (tmp_dir, "USB", NULL);
  g_assert_cmpint (g_mkdir_with_parents (out, 0755), ==, 0);
  mml_app_test_write_tree (tree, (const char * const *) tree_files, G_N_ELEMENTS (tree_files),
                           "a few bytes of video");
  mml_app_test_scan_library (db, tree, NULL);

  app = mml_app_test_new_application_unwatched ();

  g_test_add_func ("/app/transfers/dialog-view-retry-clear", test_transfers);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (out);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
