/* test-library-views.c — the views on a real (temporary) library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a small tree of series folders (episodes, .heb/.en.srt sidecars,
 * one clip the parser cannot place), points MML_DB at a temporary database,
 * adds the tree through the engine as the Paths view does, waits for the
 * scan, then checks each view and writes shot-library-<view>.png into
 * G_TEST_BUILDDIR. Needs an X display (xvfb-run); exits 77 without one.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mml-application.h"
#include "mml-window.h"
#include "views/mml-conflicts-view.h"
#include "views/mml-dashboard-view.h"
#include "views/mml-paths-view.h"
#include "views/mml-series-view.h"
#include "widgets/mml-assign-dialog.h"
#include "widgets/mml-root-group.h"
#include "widgets/mml-series-tile.h"
#include "mml-ui-util.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

static char *tmp_dir;
static char *tree;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot [1080p].mkv",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot [1080p].heb.srt",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot [1080p].en.srt",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E02 [720p].mkv",
  "Breaking Point (2010)/Season 01/Breaking Point - S01E02 [720p].en.srt",
  "Breaking Point (2010)/Season 02/Breaking Point - S02E01 [1080p].mkv",
  "Quiet Harbour/Season 1/Quiet Harbour S01E01.mkv",
  "Quiet Harbour/Season 1/Quiet Harbour S01E02.mkv",
  "Northern Lights (2019)/Northern.Lights.2019.S01E01.720p.WEB.mkv",
  "Northern Lights (2019)/Northern.Lights.2019.S01E02.720p.WEB.mkv",
  "random-clip.mkv",
};

/* Helpers */

static void
show_view (MmlWindow  *window,
           const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string (name));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, name);
  mml_app_test_wait_ms (400);   /* stack transitions and a few frames */
}

static gboolean
session_loaded (gpointer data)
{
  return !mml_library_controller_get_loading (mml_engine_get_library (data));
}

static gboolean
library_loaded (gpointer data)
{
  return mml_library_controller_get_loaded (mml_engine_get_library (data));
}

static gboolean
has_root_and_scanned (gpointer data)
{
  MmlEngine *engine = data;
  GListModel *roots = mml_library_controller_get_roots (mml_engine_get_library (engine));
  g_autoptr(MmlRoot) root = NULL;

  if (mml_library_controller_get_scanning (mml_engine_get_library (engine)) || g_list_model_get_n_items (roots) != 1)
    return FALSE;

  root = g_list_model_get_item (roots, 0);
  return mml_root_get_last_scan (root) != NULL &&
         g_list_model_get_n_items (mml_library_controller_get_series (mml_engine_get_library (engine))) > 0 &&
         mml_library_controller_get_totals (mml_engine_get_library (engine)) != NULL &&
         mml_library_controller_get_totals (mml_engine_get_library (engine))->n_series > 0;
}

static gboolean
page_loaded (gpointer data)
{
  return !mml_series_page_get_loading (data) && mml_series_page_get_detail (data) != NULL;
}

static void
root_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MmlRoot **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = mml_library_controller_add_root_finish (MML_LIBRARY_CONTROLLER (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* The stack of @widget's that has a "loading" page (the view's content) */
static GtkStack *
find_loading_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "loading") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_loading_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Start-up: until the library's first load answers, no view shows its
 * empty state ("Add a library folder" looked as if the library was lost);
 * once it has, the empty library shows them */
static void
assert_start_pages (MmlWindow *window,
                    MmlEngine *engine)
{
  static const char * const views[] = { "dashboard", "series", "paths" };
  gboolean loaded = mml_library_controller_get_loaded (mml_engine_get_library (engine));

  g_test_message ("library loaded when checked: %s", loaded ? "yes" : "no");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkStack *stack = find_loading_stack (GTK_WIDGET (mml_window_get_view (window, views[i])));

      g_assert_nonnull (stack);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, loaded ? "empty" : "loading");
    }
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
nothing_unrecognised (gpointer data)
{
  return g_list_model_get_n_items (mml_library_controller_get_unrecognised (mml_engine_get_library (data))) == 0;
}

static gboolean
harbour_has_three (gpointer data)
{
  g_autoptr(MmlSeriesItem) item = NULL;
  GListModel *series = mml_library_controller_get_series (mml_engine_get_library (data));

  for (guint i = 0; i < g_list_model_get_n_items (series) && item == NULL; i++)
    {
      g_autoptr(MmlSeriesItem) candidate = g_list_model_get_item (series, i);

      if (g_strcmp0 (mml_series_item_get_title (candidate), "Quiet Harbour") == 0)
        item = g_steal_pointer (&candidate);
    }
  return item != NULL && mml_series_item_get_n_files (item) == 3;
}

/* The test */

static void
test_library_views (void)
{
  MmlEngine *engine;
  g_autoptr(MmlRoot) root = NULL;
  MmlWindow *window;
  MmlView *view;
  GListModel *model;
  MmlSeriesPage *page;
  MmlSeriesDetail *detail;
  GtkWidget *group;
  GtkSearchEntry *entry;
  GtkListBox *list;
  GtkListBoxRow *row;
  g_autoptr(MmlLastScan) last = NULL;
  guint n_series;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));

  engine = mml_application_get_engine (app);
  g_assert_nonnull (engine);
  assert_start_pages (window, engine);
  mml_app_test_iterate_until (session_loaded, engine, WAIT_TIMEOUT_MS, "the library to load");
  mml_app_test_iterate_until (library_loaded, engine, WAIT_TIMEOUT_MS, "the first load");
  assert_start_pages (window, engine);

  /* An empty library keeps the empty states */
  g_assert_cmpuint (g_list_model_get_n_items (mml_library_controller_get_roots (mml_engine_get_library (engine))), ==, 0);
  show_view (window, "paths");
  mml_app_test_save_png (GTK_WIDGET (window), "library-paths-empty");

  /* Add the tree as the Paths view does; the engine scans it */
  mml_library_controller_add_root_async (mml_engine_get_library (engine), tree, MML_ROOT_KIND_STANDARD, NULL,
                                      root_added_cb, &root);
  mml_app_test_iterate_until (pointer_set, &root, WAIT_TIMEOUT_MS, "the root to be added");
  mml_app_test_iterate_until (has_root_and_scanned, engine, WAIT_TIMEOUT_MS, "the scan and the reload");
  mml_app_test_wait_ms (300);

  /* Paths: the root with its last scan */
  view = mml_window_get_view (window, "paths");
  mml_app_test_save_png (GTK_WIDGET (window), "library-paths");
  group = gtk_widget_get_first_child (GTK_WIDGET (gtk_widget_get_last_child (
            gtk_widget_get_first_child (GTK_WIDGET (view)))));
  (void) group;
  {
    g_autoptr(MmlRoot) listed = g_list_model_get_item (mml_library_controller_get_roots (mml_engine_get_library (engine)), 0);

    g_assert_cmpint (mml_root_get_id (listed), ==, mml_root_get_id (root));
    last = mml_last_scan_parse (mml_root_get_last_scan (listed), NULL);
    g_assert_nonnull (last);
    g_assert_cmpuint (last->added, ==, G_N_ELEMENTS (tree_files));
    g_assert_cmpuint (last->unrecognised, ==, 1);
    g_assert_cmpuint (last->errors, ==, 0);
  }

  /* Series: three cards, and the search narrows them */
  show_view (window, "series");
  view = mml_window_get_view (window, "series");
  model = mml_series_view_get_model (MML_SERIES_VIEW (view));
  n_series = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_series, ==, 3);
  mml_app_test_save_png (GTK_WIDGET (window), "library-series");
  {
    /* a card's tooltip is its title, read when it shows */
    GtkWidget *tile = mml_app_test_find_widget (GTK_WIDGET (view), MML_TYPE_SERIES_TILE);

    g_assert_nonnull (tile);
    g_assert_true (gtk_widget_get_has_tooltip (tile));
    g_assert_cmpstr (mml_ui_get_tooltip (tile), ==,
                     mml_series_item_get_title (mml_series_tile_get_item (MML_SERIES_TILE (tile))));
  }

  /* Reloads that overtake each other (matching reloads the library often):
   * an older reload whose store jobs had already run when a newer one
   * cancelled it must neither land its rows nor count against the newer
   * one — the engine loads once, with everything */
  for (guint i = 0; i < 20; i++)
    {
      mml_engine_reload (engine);
      g_usleep (i % 2 ? 30000 : 1000);   /* let the store answer, callbacks not run yet */
    }
  mml_app_test_wait_ms (500);   /* every callback runs */
  mml_app_test_iterate_until (session_loaded, engine, WAIT_TIMEOUT_MS, "the overtaken reloads");
  g_assert_cmpuint (g_list_model_get_n_items (mml_library_controller_get_series (mml_engine_get_library (engine))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (mml_library_controller_get_roots (mml_engine_get_library (engine))), ==, 1);

  mml_view_focus_search (view);
  entry = GTK_SEARCH_ENTRY (gtk_root_get_focus (GTK_ROOT (window)) ?
                            gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                                     GTK_TYPE_SEARCH_ENTRY) : NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "harb");
  mml_app_test_wait_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, 0);
    g_assert_cmpstr (mml_series_item_get_title (item), ==, "Quiet Harbour");
  }
  mml_app_test_save_png (GTK_WIDGET (window), "library-series-search");

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such series");
  mml_app_test_wait_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  mml_app_test_save_png (GTK_WIDGET (window), "library-series-no-results");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  mml_app_test_wait_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* The series page: seasons, episodes and subtitle languages */
  {
    g_autoptr(MmlSeriesItem) first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (mml_series_item_get_title (first), ==, "Breaking Point");
    g_assert_cmpstr (mml_series_item_get_subtitle_languages (first), ==, "en, he");
  }
  mml_series_view_open (MML_SERIES_VIEW (view), 0);
  page = mml_series_view_get_page (MML_SERIES_VIEW (view));
  mml_app_test_iterate_until (page_loaded, page, WAIT_TIMEOUT_MS, "the series page");
  detail = mml_series_page_get_detail (page);
  g_assert_cmpuint (detail->seasons->len, ==, 2);
  g_assert_cmpuint (((MmlSeasonInfo *) g_ptr_array_index (detail->seasons, 0))->episodes->len, ==, 2);
  g_assert_cmpstr (mml_series_item_get_subtitle_languages (detail->series), ==, "en, he");
  mml_app_test_wait_ms (400);
  mml_app_test_save_png (GTK_WIDGET (window), "library-series-page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL));

  /* Conflicts: the clip */
  show_view (window, "conflicts");
  view = mml_window_get_view (window, "conflicts");
  list = mml_conflicts_view_get_unrecognised_list (MML_CONFLICTS_VIEW (view));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "random-clip.mkv");
  mml_app_test_save_png (GTK_WIDGET (window), "library-conflicts");

  /* Dashboard: the totals */
  show_view (window, "dashboard");
  view = mml_window_get_view (window, "dashboard");
  g_assert_cmpstr (mml_dashboard_view_get_stat (MML_DASHBOARD_VIEW (view), "series"), ==, "3");
  g_assert_cmpstr (mml_dashboard_view_get_stat (MML_DASHBOARD_VIEW (view), "episodes"), ==, "7");
  g_assert_cmpstr (mml_dashboard_view_get_stat (MML_DASHBOARD_VIEW (view), "files"), ==, "8");
  mml_app_test_save_png (GTK_WIDGET (window), "library-dashboard");

  /* Conflicts: Assign… places the clip by hand (Quiet Harbour S01E03), the
   * library keeps it and it is no longer unrecognised */
  show_view (window, "conflicts");
  view = mml_window_get_view (window, "conflicts");
  {
    GtkWidget *assign = mml_app_test_find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "A_ssign…");
    GtkWidget *dialog;
    GtkDropDown *series;
    GListModel *choices;
    guint position = GTK_INVALID_LIST_POSITION;

    g_assert_nonnull (assign);
    g_signal_emit_by_name (assign, "clicked");
    dialog = mml_conflicts_view_get_assign_dialog (MML_CONFLICTS_VIEW (view));
    g_assert_nonnull (dialog);
    mml_app_test_iterate_until (widget_mapped, dialog, WAIT_TIMEOUT_MS, "the Assign dialog");
    /* a loose file: no series chosen for the user, so nothing to assign yet */
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign"));
    series = mml_assign_dialog_get_series (dialog);
    choices = gtk_drop_down_get_model (series);
    g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autoptr(MmlSeriesItem) item = g_list_model_get_item (choices, i);

        if (g_strcmp0 (mml_series_item_get_title (item), "Quiet Harbour") == 0)
          position = i;
      }
    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (series, position);
    gtk_spin_button_set_value (mml_assign_dialog_get_season (dialog), 1);
    gtk_spin_button_set_value (mml_assign_dialog_get_episode (dialog), 3);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign"));
    mml_app_test_wait_ms (300);
    mml_app_test_save_png (dialog, "library-assign");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "assign");
    mml_app_test_iterate_until (nothing_unrecognised, engine, WAIT_TIMEOUT_MS, "the clip assigned");
    mml_app_test_iterate_until (harbour_has_three, engine, WAIT_TIMEOUT_MS, "the clip in Quiet Harbour");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-library-views-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    {
      g_autofree char *path = g_build_filename (tree, tree_files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, "0123456789", 10, &error);
      g_assert_no_error (error);
    }

  app = mml_app_test_new_application ();

  g_test_add_func ("/app/library-views/scan-and-show", test_library_views);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
