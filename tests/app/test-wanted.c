/* test-wanted.c — the Wanted view: every aired episode not on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree is scanned into a
 * temporary database and SQL writes what a provider would have: two series
 * matched, their listings with episodes that have no file, and one series
 * left unmatched (today is pinned on the engine's clock). Then: the view's
 * list against the store's definition of missing, the search words, the
 * time filter, the empty states, and a row opening its series. Writes
 * shot-wanted-*.png into G_TEST_BUILDDIR. Needs an X display (xvfb-run);
 * exits 77 without one.
 */

#include "mml-store-roots.h"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mml-application.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-calendar-view.h"
#include "widgets/mml-poster-image.h"
#include "views/mml-dashboard-view.h"
#include "views/mml-series-page.h"
#include "views/mml-series-view.h"
#include "views/mml-wanted-view.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define TODAY "2024-06-15"
#define N_SERIES 3

static char *tmp_dir;
static char *tree;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Harbour Lights (2019)/Season 01/Harbour Lights - S01E01.mkv",
  "Harbour Lights (2019)/Season 01/Harbour Lights - S01E02.mkv",
  "Northern Line (2015)/Season 02/Northern Line - S02E01.mkv",
  "Loose Ends (2020)/Season 01/Loose Ends - S01E01.mkv",
};

/* What matching would have written */
static const char library_sql[] =
  "UPDATE series SET match_state = 'auto' WHERE title IN ('Harbour Lights', 'Northern Line');"
  /* (nothing answers there: the placeholder shows) */
  "UPDATE series SET poster_url = 'http://127.0.0.1:9/northern-line.jpg' WHERE title = 'Northern Line';"
  "UPDATE episodes SET air_date = '2024-01-10', provider_id = 'tvmaze:' || id;"
  /* on disk, this week */
  "UPDATE episodes SET air_date = '2024-06-12' WHERE season = 1 AND number = 2 "
  "  AND series_id IN (SELECT id FROM series WHERE title = 'Harbour Lights');"
  "INSERT INTO episodes (series_id, season, number, air_date, provider_id, title, special) "
  "  SELECT id, 1, 3, '2024-06-14', 'tvmaze:9001', 'The Lighthouse', 0 FROM series WHERE title = 'Harbour Lights' "
  "  UNION ALL SELECT id, 2, 1, '2024-05-20', 'tvmaze:9002', 'Fog', 0 FROM series WHERE title = 'Harbour Lights' "
  "  UNION ALL SELECT id, 0, 1, '2024-01-01', 'tvmaze:9003', 'Behind the Scenes', 1 FROM series WHERE title = 'Harbour Lights' "
  "  UNION ALL SELECT id, 1, 1, '2015-03-01', 'tvmaze:9004', 'Mind the Gap', 0 FROM series WHERE title = 'Northern Line' "
  "  UNION ALL SELECT id, 1, 2, '2015-03-08', 'tvmaze:9005', NULL, 0 FROM series WHERE title = 'Northern Line' "
  "  UNION ALL SELECT id, 2, 2, '2024-07-01', 'tvmaze:9006', 'Signal Failure', 0 FROM series WHERE title = 'Northern Line' "
  "  UNION ALL SELECT id, 1, 2, '2024-01-01', 'tvmaze:9007', 'Not Matched', 0 FROM series WHERE title = 'Loose Ends';";

/* Missing, as the store orders it (series, season, number): aired, listed,
 * no file, not a special, of a matched series */
static const char * const all_missing[] = {
  "Harbour Lights S01E03 The Lighthouse",
  "Harbour Lights S02E01 Fog",
  "Northern Line S01E01 Mind the Gap",
  "Northern Line S01E02 ",
};

/* --- helpers ----------------------------------------------------------------- */

static gboolean
session_ready (gpointer data)
{
  MmlEngine *engine = data;

  return !mml_library_controller_get_loading (mml_engine_get_library (engine)) &&
         !mml_library_controller_get_scanning (mml_engine_get_library (engine)) &&
         g_list_model_get_n_items (mml_library_controller_get_series (mml_engine_get_library (engine))) == N_SERIES;
}

static gboolean
view_loaded (gpointer data)
{
  return mml_wanted_view_get_loaded (data);
}

/* The rows the view shows, "|"-joined */
static char *
shown (MmlWantedView *view)
{
  GListModel *model = mml_wanted_view_get_model (view);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autofree char *text = mml_wanted_view_get_item_text (view, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_shown (MmlWantedView      *view,
              const char * const *expected,
              guint               n)
{
  g_autofree char *got = shown (view);
  g_autofree char *want = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, expected[i]);
  strv = g_strv_builder_end (builder);
  want = g_strjoinv ("|", strv);
  g_assert_cmpstr (got, ==, want);
}

static const char *
visible_page (MmlWantedView *view)
{
  /* the view's box: the toolbar, then the stack of pages */
  GtkWidget *box = adw_bin_get_child (ADW_BIN (view));
  GtkWidget *stack = gtk_widget_get_last_child (box);

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The line above the list */
static const char *
count_text (MmlWantedView *view)
{
  GtkWidget *box = mml_app_test_find_widget (GTK_WIDGET (view), ADW_TYPE_CLAMP);
  GtkWidget *child = gtk_widget_get_last_child (adw_clamp_get_child (ADW_CLAMP (box)));

  g_assert_true (GTK_IS_LABEL (child));
  return gtk_widget_get_visible (child) ? gtk_label_get_label (GTK_LABEL (child)) : "";
}

static void
search (MmlWantedView *view,
        const char    *text)
{
  GtkWidget *entry = mml_app_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* the entry reports the change after its delay: wait for the filter */
  g_signal_emit_by_name (entry, "search-changed");
}

static gboolean
page_shows (gpointer data)
{
  MmlSeriesPage *page = data;
  MmlSeriesDetail *detail = mml_series_page_get_detail (page);

  return detail != NULL && g_strcmp0 (mml_series_item_get_title (detail->series), "Northern Line") == 0;
}

/* the sidebar's header and one over the content */
static gboolean
two_headers (gpointer data)
{
  return mml_app_test_count_mapped (GTK_WIDGET (data), ADW_TYPE_HEADER_BAR) == 2;
}

/* A label of @widget's reading @text with the style class @css */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text,
            const char *css)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 && gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, css);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_loaded_any (gpointer data)
{
  return mml_series_page_get_detail (data) != NULL;
}

/* --- the test ------------------------------------------------------------------ */

static void
test_wanted (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlWindow *window;
  MmlWantedView *view;
  GtkDropDown *aired;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library to load");

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("wanted"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "wanted");
  view = MML_WANTED_VIEW (mml_window_get_view (window, "wanted"));
  mml_app_test_iterate_until (view_loaded, view, WAIT_TIMEOUT_MS, "the missing episodes");

  /* The store's missing: no special, nothing upcoming, nothing of an unmatched series */
  assert_shown (view, all_missing, G_N_ELEMENTS (all_missing));
  g_assert_cmpstr (visible_page (view), ==, "list");
  g_assert_cmpstr (count_text (view), ==, "4 aired episodes are not on disk, in 2 series");
  /* the sidebar counts them beside the view's name */
  g_assert_cmpuint (mml_view_get_badge (MML_VIEW (view)), ==, 4);
  {
    AdwViewStackPage *page = adw_view_stack_get_page (mml_window_get_stack (window), GTK_WIDGET (view));

    g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, 4);
    g_assert_nonnull (find_label (GTK_WIDGET (window), "4", "sidebar-badge"));
  }
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "wanted");

  /* Every word must match: a series, then a season of it */
  search (view, "harbour");
  assert_shown (view, all_missing, 2);
  search (view, "  harbour   s02 ");
  assert_shown (view, all_missing + 1, 1);
  g_assert_cmpstr (count_text (view), ==, "Showing 1 of 4 missing episodes");
  search (view, "GAP");
  assert_shown (view, all_missing + 2, 1);
  search (view, "nothing like this");
  g_assert_cmpuint (g_list_model_get_n_items (mml_wanted_view_get_model (view)), ==, 0);
  g_assert_cmpstr (visible_page (view), ==, "no-results");
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "wanted-no-results");
  gtk_widget_activate_action (GTK_WIDGET (view), "wanted.clear-filters", NULL);
  g_signal_emit_by_name (mml_app_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY), "search-changed");
  assert_shown (view, all_missing, G_N_ELEMENTS (all_missing));

  /* When it aired, from the engine's today (2024-06-15) */
  aired = GTK_DROP_DOWN (mml_app_test_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (aired, 1);   /* the last 7 days */
  assert_shown (view, all_missing, 1);
  gtk_drop_down_set_selected (aired, 2);   /* the last 30 days */
  assert_shown (view, all_missing, 2);
  gtk_drop_down_set_selected (aired, 4);   /* over a year ago */
  assert_shown (view, all_missing + 2, 2);
  search (view, "harbour");
  g_assert_cmpstr (visible_page (view), ==, "no-results");
  gtk_widget_activate_action (GTK_WIDGET (view), "wanted.clear-filters", NULL);
  g_signal_emit_by_name (mml_app_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY), "search-changed");
  g_assert_cmpuint (gtk_drop_down_get_selected (aired), ==, 0);
  assert_shown (view, all_missing, G_N_ELEMENTS (all_missing));

  /* A row opens its series */
  {
    /* (in the pages: the drop-down has a list of its own) */
    GtkWidget *list = mml_app_test_find_widget (gtk_widget_get_last_child (adw_bin_get_child (ADW_BIN (view))),
                                                GTK_TYPE_LIST_VIEW);
    MmlSeriesView *series_view = MML_SERIES_VIEW (mml_window_get_view (window, "series"));

    g_assert_cmpint (mml_wanted_view_get_item_series (view, 2), >, 0);
    g_signal_emit_by_name (list, "activate", 2);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "series");
    mml_app_test_iterate_until (page_shows, mml_series_view_get_page (series_view), WAIT_TIMEOUT_MS,
                                "the series page of the row");
    g_assert_cmpint (mml_series_item_get_id (mml_series_page_get_detail (mml_series_view_get_page (series_view))->series),
                     ==, mml_wanted_view_get_item_series (view, 2));

    /* One header per page: the sidebar's, and the series page's instead
     * of the window's (which would say "Series" above it) */
    mml_app_test_iterate_until (two_headers, window, WAIT_TIMEOUT_MS, "two header bars");
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (mml_series_page_get_header_bar (mml_series_view_get_page (series_view)))));

    /* Back (Alt+Left) leaves the series page for the series */
    g_assert_true (mml_series_view_get_page_open (series_view));
    g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
    g_assert_false (mml_series_view_get_page_open (series_view));
    /* the window's header again, once the page has slid away */
    mml_app_test_iterate_until (two_headers, window, WAIT_TIMEOUT_MS, "two header bars");
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (mml_series_page_get_header_bar (mml_series_view_get_page (series_view)))));
    mml_app_test_wait_ms (300);
    mml_app_test_save_png (GTK_WIDGET (window), "wanted-sidebar");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* The first row of @widget that opens a series */
static GtkWidget *
find_series_row (GtkWidget *widget)
{
  if (GTK_IS_ACTIONABLE (widget) && GTK_IS_LIST_BOX_ROW (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.open-series") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_series_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
dashboard_missing_listed (gpointer data)
{
  return g_strcmp0 (mml_dashboard_view_get_stat (data, "missing-episodes"), "4") == 0;
}

/* The Dashboard's missing and upcoming rows open their series (they led
 * nowhere) */
static void
test_dashboard_rows (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlWindow *window;
  MmlView *dashboard;
  GtkWidget *row;
  MmlSeriesView *series_view;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library to load");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("dashboard"));
  dashboard = mml_window_get_view (window, "dashboard");
  mml_app_test_iterate_until (dashboard_missing_listed, dashboard, WAIT_TIMEOUT_MS, "the missing episodes");

  row = find_series_row (GTK_WIDGET (dashboard));
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  series_view = MML_SERIES_VIEW (mml_window_get_view (window, "series"));
  gtk_widget_activate (row);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "series");
  mml_app_test_iterate_until (page_loaded_any, mml_series_view_get_page (series_view), WAIT_TIMEOUT_MS,
                              "the series page of the row");

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

static gboolean
calendar_loaded (gpointer data)
{
  return mml_calendar_view_get_loaded (data);
}

/* The state badge of a calendar row: its caption label */
static GtkLabel *
find_badge (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "caption"))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_badge (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "day heading: title [badge], …" for each day group, "|"-joined */
static char *
calendar_text (MmlCalendarView *view)
{
  GString *out = g_string_new (NULL);
  GtkWidget *box = mml_calendar_view_get_days_box (view);

  for (GtkWidget *group = gtk_widget_get_first_child (box); group; group = gtk_widget_get_next_sibling (group))
    {
      GtkWidget *row = mml_app_test_find_widget (group, ADW_TYPE_ACTION_ROW);

      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_printf (out, "%s: ", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)));
      for (; row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          GtkLabel *badge = find_badge (row);

          g_string_append (out, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
          if (badge != NULL)
            g_string_append_printf (out, " [%s]", gtk_label_get_label (badge));
          if (gtk_widget_get_next_sibling (row) != NULL)
            g_string_append (out, ", ");
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_calendar (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlWindow *window;
  MmlCalendarView *view;
  g_autofree char *text = NULL;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library to load");

  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("calendar"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "calendar");
  view = MML_CALENDAR_VIEW (mml_window_get_view (window, "calendar"));
  mml_app_test_iterate_until (calendar_loaded, view, WAIT_TIMEOUT_MS, "the calendar");

  /* a week back, four ahead, of matched series only: on disk, missing, to come */
  text = calendar_text (view);
  g_assert_cmpstr (text, ==,
                   "Wednesday, 12 June: Episode 2 [On disk]|"
                   "Yesterday · Friday, 14 June: The Lighthouse [Missing]|"
                   "Monday, 1 July: Signal Failure [Not aired yet]");
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "calendar");

  /* a row opens its series */
  {
    GtkWidget *last = gtk_widget_get_last_child (mml_calendar_view_get_days_box (view));
    GtkWidget *row = mml_app_test_find_widget (last, ADW_TYPE_ACTION_ROW);
    MmlSeriesView *series_view = MML_SERIES_VIEW (mml_window_get_view (window, "series"));

    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-series");
    /* with its series' poster */
    g_assert_cmpstr (mml_poster_image_get_url (MML_POSTER_IMAGE (mml_app_test_find_widget (row, MML_TYPE_POSTER_IMAGE))),
                     ==, "http://127.0.0.1:9/northern-line.jpg");
    /* the series title keeps its own direction inside the line (a Hebrew
     * title in English, an English one in Hebrew): isolated */
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "\u2068Northern Line\u2069 · S02E02");
    gtk_widget_activate (row);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "series");
    mml_app_test_iterate_until (page_shows, mml_series_view_get_page (series_view), WAIT_TIMEOUT_MS,
                                "the series page of the row");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* In Hebrew (a subprocess: the language is chosen before GTK starts):
 * the views are translated and right to left; screenshots */
static void
test_hebrew (void)
{
  if (g_test_subprocess ())
    {
      MmlEngine *engine = mml_application_get_engine (app);
      MmlWindow *window = mml_window_new (app);
      MmlWantedView *wanted;
      MmlCalendarView *calendar;

      g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
      gtk_window_present (GTK_WINDOW (window));
      mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library to load");

      g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("wanted"));
      wanted = MML_WANTED_VIEW (mml_window_get_view (window, "wanted"));
      g_assert_cmpstr (mml_view_get_title (MML_VIEW (wanted)), ==, "חסרים");
      mml_app_test_iterate_until (view_loaded, wanted, WAIT_TIMEOUT_MS, "the missing episodes");
      g_assert_cmpstr (count_text (wanted), ==, "4 פרקים ששודרו אינם בדיסק, ב־2 סדרות");
      mml_app_test_wait_ms (300);
      mml_app_test_save_png (GTK_WIDGET (window), "wanted-he");

      g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("calendar"));
      calendar = MML_CALENDAR_VIEW (mml_window_get_view (window, "calendar"));
      mml_app_test_iterate_until (calendar_loaded, calendar, WAIT_TIMEOUT_MS, "the calendar");
      mml_app_test_wait_ms (300);
      mml_app_test_save_png (GTK_WIDGET (window), "calendar-he");

      gtk_window_destroy (GTK_WINDOW (window));
      mml_app_test_wait_ms (100);
      return;
    }

  g_setenv ("MML_TEST_LANGUAGE", "he", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("MML_TEST_LANGUAGE");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-wanted-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  g_setenv ("TZ", "UTC", TRUE);

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  mml_app_test_write_tree (tree, tree_files, G_N_ELEMENTS (tree_files), "0123456789");
  mml_app_test_scan_library (db, tree, library_sql);

  if (g_getenv ("MML_TEST_LANGUAGE") != NULL)
    {
      /* LANGUAGE is ignored in the C locale, hence C.UTF-8 */
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", g_getenv ("MML_TEST_LANGUAGE"), TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MML_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  app = mml_app_test_new_application ();
  mml_clock_set_today (mml_engine_get_clock (mml_application_get_engine (app)), TODAY);

  g_test_add_func ("/app/wanted/list", test_wanted);
  g_test_add_func ("/app/wanted/calendar", test_calendar);
  g_test_add_func ("/app/wanted/dashboard-rows", test_dashboard_rows);
  g_test_add_func ("/app/wanted/hebrew", test_hebrew);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
