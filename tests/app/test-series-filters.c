/* test-series-filters.c — the watch status filter of the Series view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree is scanned into a
 * temporary database, then SQL marks episodes watched (nothing in the
 * application sets episodes.watched yet: the media-server sync will) and
 * adds the episodes a provider would know ahead of their date (today is
 * pinned on the engine's clock). The library:
 *
 *   Fresh Start    3 aired, none watched                  → Not started
 *   Half Way       4 aired, 2 watched 5 days ago          → Watching
 *   All Caught Up  2 aired, both watched, 1 to come       → Caught up (aired only)
 *   Done Deal      2 aired, both watched, the show ended  → Completed
 *   Coming Soon    nothing aired, 1 to come               → Not started
 *
 * (the viewing status as the library derives it, mml-viewing.c)
 *
 * Then: the items' counts, the "Watch status" section of the filter menu,
 * each value of series.filter-watch against the model the grid shows, with
 * another filter and with Clear filters. Writes shot-series-filter-*.png
 * into G_TEST_BUILDDIR. Needs an X display (xvfb-run); exits 77 without one.
 */

#include "mml-store-roots.h"
#include "config.h"

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "mml-application.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-series-view.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define TODAY "2024-06-15"

static char *tmp_dir;
static char *tree;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Fresh Start (2020)/Season 01/Fresh Start - S01E01.mkv",
  "Fresh Start (2020)/Season 01/Fresh Start - S01E02.mkv",
  "Fresh Start (2020)/Season 01/Fresh Start - S01E03.mkv",
  "Half Way (2018)/Season 01/Half Way - S01E01.mkv",
  "Half Way (2018)/Season 01/Half Way - S01E02.mkv",
  "Half Way (2018)/Season 01/Half Way - S01E03.mkv",
  "Half Way (2018)/Season 01/Half Way - S01E04.mkv",
  "All Caught Up (2016)/Season 01/All Caught Up - S01E01.mkv",
  "All Caught Up (2016)/Season 01/All Caught Up - S01E02.mkv",
  "Done Deal (2012)/Season 01/Done Deal - S01E01.mkv",
  "Done Deal (2012)/Season 01/Done Deal - S01E02.mkv",
  "Coming Soon (2024)/Season 01/Coming Soon - S01E01.mkv",
};

#define N_SERIES 5

/* What a watch sync and a provider would have written */
static const char library_sql[] =
  "UPDATE episodes SET watched = 1, watched_at = 1718000000, watched_source = 'test' "
  " WHERE (number <= 2 AND series_id IN (SELECT id FROM series WHERE title = 'Half Way'))"
  "    OR series_id IN (SELECT id FROM series WHERE title IN ('All Caught Up', 'Done Deal'));"
  "UPDATE episodes SET air_date = '2024-05-01', provider_id = 'tvmaze:' || id;"
  "UPDATE series SET status = 'ended' WHERE title = 'Done Deal';"
  /* announced, no file yet */
  "INSERT INTO episodes (series_id, season, number, air_date, provider_id, title) "
  " SELECT id, 1, 3, '2024-09-01', 'tvmaze:9003', 'Next Week' FROM series WHERE title = 'All Caught Up';"
  /* its one episode airs after today, file or not */
  "UPDATE episodes SET air_date = '2024-07-01' "
  " WHERE series_id IN (SELECT id FROM series WHERE title = 'Coming Soon');"
  /* a file a scan no longer found */
  "UPDATE files SET status = 'missing' WHERE path LIKE '%Half Way - S01E04.mkv';";

/* --- helpers ------------------------------------------------------------------- */

static gboolean
session_ready (gpointer data)
{
  MmlEngine *engine = data;

  return !mml_library_controller_get_loading (mml_engine_get_library (engine)) &&
         !mml_library_controller_get_scanning (mml_engine_get_library (engine)) &&
         g_list_model_get_n_items (mml_library_controller_get_series (mml_engine_get_library (engine))) == N_SERIES;
}

/* The titles of @model, sorted by the view (by title), joined by ", " */
static char *
model_titles (GListModel *model)
{
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (titles, ", ");
      g_string_append (titles, mml_series_item_get_title (item));
    }

  return g_string_free (titles, FALSE);
}

static void
assert_titles (GListModel *model,
               const char *expected)
{
  g_autofree char *titles = model_titles (model);

  g_assert_cmpstr (titles, ==, expected);
}

static char *
filter_watch (MmlView *view)
{
  char *value = NULL;

  g_object_get (view, "filter-watch", &value, NULL);
  return value;
}

static GtkMenuButton *
find_filter_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "mml-filter-symbolic") == 0)
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *button = find_filter_button (child);

      if (button != NULL)
        return button;
    }

  return NULL;
}

/* The label under the search entry, "Showing 1 of 5 series" */
static GtkLabel *
find_showing_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "Showing "))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_showing_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* Whether the view says its filters hide series, and how many it shows */
static void
assert_showing (MmlView    *view,
                const char *expected)
{
  GtkLabel *label = find_showing_label (GTK_WIDGET (view));
  GtkWidget *revealer = label ? gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_REVEALER) : NULL;

  if (expected == NULL)
    {
      g_assert_true (revealer == NULL || !gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
      return;
    }
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected);
}

/* The section of @menu labelled @label, or NULL */
static GMenuModel *
find_section (GMenuModel *menu,
              const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
    }

  return NULL;
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = data;

  return gtk_widget_get_mapped (popover) && gtk_widget_get_width (popover) > 0;
}

/* --- the test --------------------------------------------------------------------- */

static void
test_watch_filter (void)
{
  static const struct { const char *target; const char *label; } watch_items[] = {
    { "", "Any watch status" },
    { "not-started", "Not started" },
    { "watching", "Watching" },
    { "need-to-continue", "Need to continue" },
    { "caught-up", "Caught up" },
    { "completed", "Completed" },
    { "on-hold", "On hold" },
    { "dropped", "Dropped" },
  };
  MmlEngine *engine;
  MmlWindow *window;
  MmlView *view;
  GListModel *model;
  GListModel *all;
  MmlSeriesItem *item;
  GtkMenuButton *button;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *value = NULL;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));

  engine = mml_application_get_engine (app);
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library");
  all = mml_library_controller_get_series (mml_engine_get_library (engine));

  /* The counts the filter reads: aired = episodes − upcoming */
  item = mml_app_test_find_series (all, "Fresh Start", NULL);
  g_assert_cmpuint (mml_series_item_get_n_watched (item), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 3);
  item = mml_app_test_find_series (all, "Half Way", NULL);
  g_assert_cmpuint (mml_series_item_get_n_watched (item), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 4);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, 0);
  item = mml_app_test_find_series (all, "All Caught Up", NULL);
  g_assert_cmpuint (mml_series_item_get_n_watched (item), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 3);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, 1);
  item = mml_app_test_find_series (all, "Done Deal", NULL);
  g_assert_cmpuint (mml_series_item_get_n_watched (item), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 2);
  item = mml_app_test_find_series (all, "Coming Soon", NULL);
  g_assert_cmpuint (mml_series_item_get_n_watched (item), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 1);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  mml_app_test_wait_ms (400);
  view = mml_window_get_view (window, "series");
  model = mml_series_view_get_model (MML_SERIES_VIEW (view));
  assert_titles (model, "All Caught Up, Coming Soon, Done Deal, Fresh Start, Half Way");

  /* The menu's section: one item per value, in order */
  button = find_filter_button (GTK_WIDGET (view));
  g_assert_nonnull (button);
  section = find_section (gtk_menu_button_get_menu_model (button), "Watch status");
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (watch_items));
  for (guint i = 0; i < G_N_ELEMENTS (watch_items); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_TARGET, "s", &target));
      g_assert_cmpstr (label, ==, watch_items[i].label);
      g_assert_cmpstr (action, ==, "series.filter-watch");
      g_assert_cmpstr (target, ==, watch_items[i].target);
    }

  /* Each value narrows the grid's model to its series */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("not-started"));
  assert_titles (model, "Coming Soon, Fresh Start");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("watching"));
  assert_titles (model, "Half Way");
  assert_showing (view, "Showing 1 of 5 series");
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "series-filter-watching");
  /* an announced episode is not one to watch yet */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("caught-up"));
  assert_titles (model, "All Caught Up");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("completed"));
  assert_titles (model, "Done Deal");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("need-to-continue"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string (""));
  assert_titles (model, "All Caught Up, Coming Soon, Done Deal, Fresh Start, Half Way");
  assert_showing (view, NULL);

  /* An unknown value is refused: the filter stays as it was */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("completed"));
  g_object_set (view, "filter-watch", "rewatching", NULL);
  value = filter_watch (view);
  g_assert_cmpstr (value, ==, "completed");
  g_clear_pointer (&value, g_free);
  assert_titles (model, "Done Deal");

  /* With another filter: both apply; Clear filters clears this one too */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-decade", g_variant_new_int32 (2010));
  assert_titles (model, "Done Deal");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("not-started"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-decade", g_variant_new_int32 (2020));
  assert_titles (model, "Coming Soon, Fresh Start");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-decade", g_variant_new_int32 (0));
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("watching"));
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);
  value = filter_watch (view);
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);
  assert_titles (model, "All Caught Up, Coming Soon, Done Deal, Fresh Start, Half Way");

  /* The menu, open on a filter */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-watch", g_variant_new_string ("caught-up"));
  gtk_menu_button_popup (button);
  mml_app_test_iterate_until (popover_shown, gtk_menu_button_get_popover (button), WAIT_TIMEOUT_MS,
                              "the filter menu");
  mml_app_test_wait_ms (400);
  mml_app_test_save_png (GTK_WIDGET (gtk_menu_button_get_popover (button)), "series-filter-menu");
  mml_app_test_save_png (GTK_WIDGET (window), "series-filter-caught-up");
  gtk_menu_button_popdown (button);
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);

  /* Files gone from disk: the series the Dashboard's "Missing files" names */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-gone", NULL);
  assert_titles (model, "Half Way");
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);
  assert_titles (model, "All Caught Up, Coming Soon, Done Deal, Fresh Start, Half Way");
  {
    MmlView *dashboard = mml_window_get_view (window, "dashboard");
    gboolean gone = FALSE;

    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("dashboard"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.show-gone", NULL));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "series");
    g_object_get (view, "filter-gone", &gone, NULL);
    g_assert_true (gone);
    assert_titles (model, "Half Way");
    mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

static gboolean
list_scrollable (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 50;
}

/* The orders of the Sort menu, either way round; a new order starts at
 * its top */
static void
test_sort (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlWindow *window;
  MmlView *view;
  GListModel *model;
  GtkWidget *list;
  GtkAdjustment *adjustment;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 300);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  view = mml_window_get_view (window, "series");
  model = mml_series_view_get_model (MML_SERIES_VIEW (view));

  /* every file is 10 bytes, and only files on disk count: Half Way has 3
   * (its fourth is gone), as Fresh Start, and the title breaks the tie;
   * then All Caught Up 2, … */
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("size"));
  assert_titles (model, "Fresh Start, Half Way, All Caught Up, Done Deal, Coming Soon");
  /* the same marks' time: titles break the tie; never watched last */
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("watched"));
  assert_titles (model, "All Caught Up, Done Deal, Half Way, Coming Soon, Fresh Start");
  /* soonest first; nothing to come last, either way round */
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("airing"));
  assert_titles (model, "Coming Soon, All Caught Up, Done Deal, Fresh Start, Half Way");
  mml_app_test_activate (GTK_WIDGET (view), "series.sort-reversed", NULL);
  assert_titles (model, "All Caught Up, Coming Soon, Done Deal, Fresh Start, Half Way");
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("size"));
  assert_titles (model, "Coming Soon, All Caught Up, Done Deal, Fresh Start, Half Way");
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("title"));
  assert_titles (model, "Half Way, Fresh Start, Done Deal, Coming Soon, All Caught Up");
  mml_app_test_activate (GTK_WIDGET (view), "series.sort-reversed", NULL);
  assert_titles (model, "All Caught Up, Coming Soon, Done Deal, Fresh Start, Half Way");

  /* scrolled down the list, a new order shows from its top */
  mml_app_test_activate (GTK_WIDGET (view), "series.view-mode", g_variant_new_string ("list"));
  list = mml_series_view_get_items_widget (MML_SERIES_VIEW (view));
  g_assert_true (GTK_IS_LIST_VIEW (list));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)));
  mml_app_test_iterate_until (list_scrollable, adjustment, WAIT_TIMEOUT_MS, "the list to scroll");
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, gtk_adjustment_get_lower (adjustment));
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("size"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
  assert_titles (model, "Fresh Start, Half Way, All Caught Up, Done Deal, Coming Soon");

  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("title"));
  mml_app_test_activate (GTK_WIDGET (view), "series.view-mode", g_variant_new_string ("grid"));
  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-series-filters-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  g_setenv ("TZ", "UTC", TRUE);

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  mml_app_test_write_tree (tree, tree_files, G_N_ELEMENTS (tree_files), "0123456789");
  mml_app_test_scan_library (db, tree, library_sql);
  {
    /* gone since that scan (the app's own scan at start finds it so) */
    g_autofree char *gone = g_build_filename (tree, "Half Way (2018)", "Season 01", "Half Way - S01E04.mkv", NULL);

    g_assert_no_errno (g_unlink (gone));
  }

  app = mml_app_test_new_application ();
  mml_clock_set_today (mml_engine_get_clock (mml_application_get_engine (app)), TODAY);

  g_test_add_func ("/app/series-filters/watch-status", test_watch_filter);
  g_test_add_func ("/app/series-filters/sort", test_sort);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
