/* test-series-subtitles.c — subtitles in the views: the status badges and
 * filter of the Series view, the series page's tracks and override, the
 * preferred languages in Settings, the dashboard's count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree with sidecar subtitles
 * is scanned into a temporary database; SQL adds an embedded Hebrew track
 * (the media probe will) and the preferred languages "he en". The library:
 *
 *                 Hebrew                    English
 *   All Subbed    with   (2 of 2)           none   (0 of 2)
 *   Part Subbed   mixed  (2 of 3, 1 embedded) mixed (1 of 3)
 *   No Subs       none   (0 of 2)           mixed  (1 of 2)
 *   English Only  none   (0 of 2)           with   (2 of 2)
 *
 * Everything is driven through the views' actions and buttons, and each
 * step waits for the model, the badge or the label it checks. Writes
 * shot-subtitles-*.png into G_TEST_BUILDDIR. Needs an X display
 * (xvfb-run); exits 77 without one.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-application.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-util.h"
#include "mml-window.h"
#include "views/mml-dashboard-view.h"
#include "views/mml-series-view.h"
#include "views/mml-settings-view.h"
#include "widgets/mml-series-tile.h"
#include "widgets/mml-subtitle-languages-group.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */
#define N_SERIES 4

static char *tmp_dir;
static char *tree;
static MmlApplication *app;

static const char * const tree_files[] = {
  "All Subbed (2019)/Season 01/All Subbed - S01E01.mkv",
  "All Subbed (2019)/Season 01/All Subbed - S01E01.he.srt",
  "All Subbed (2019)/Season 01/All Subbed - S01E02.mkv",
  "All Subbed (2019)/Season 01/All Subbed - S01E02.heb.srt",
  "Part Subbed (2018)/Season 01/Part Subbed - S01E01.mkv",
  "Part Subbed (2018)/Season 01/Part Subbed - S01E01.he.srt",
  "Part Subbed (2018)/Season 01/Part Subbed - S01E02.mkv",
  "Part Subbed (2018)/Season 01/Part Subbed - S01E03.mkv",
  "Part Subbed (2018)/Season 01/Part Subbed - S01E03.en.srt",
  "No Subs (2017)/Season 01/No Subs - S01E01.mkv",
  "No Subs (2017)/Season 01/No Subs - S01E01.en.srt",
  "No Subs (2017)/Season 01/No Subs - S01E02.mkv",
  "English Only (2016)/Season 01/English Only - S01E01.mkv",
  "English Only (2016)/Season 01/English Only - S01E01.en.srt",
  "English Only (2016)/Season 01/English Only - S01E02.mkv",
  "English Only (2016)/Season 01/English Only - S01E02.en.srt",
};

static const char library_sql[] =
  "INSERT INTO subtitles (video_id, language, embedded, codec, title) "
  " SELECT id, 'he', 1, 'subrip', 'Hebrew (full)' FROM files "
  " WHERE kind = 'video' AND path LIKE 'Part Subbed%S01E02.mkv';"
  "INSERT INTO preferences (key, value) VALUES ('subtitles.languages', 'he en');";

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
         g_list_model_get_n_items (all_series ()) == N_SERIES &&
         mml_library_controller_get_totals (mml_engine_get_library (engine ())) != NULL;
}

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

static void
assert_status (const char        *title,
               guint              on_disk,
               guint              subbed,
               MmlSubtitleStatus  status)
{
  MmlSeriesItem *item = mml_app_test_find_series (all_series (), title, NULL);

  g_assert_nonnull (item);
  g_assert_cmpuint (mml_series_item_get_n_episodes_on_disk (item), ==, on_disk);
  g_assert_cmpuint (mml_series_item_get_n_subbed (item), ==, subbed);
  g_assert_cmpint (mml_series_item_get_subtitle_status (item), ==, status);
}

typedef struct
{
  const char        *title;
  MmlSubtitleStatus  status;
  gboolean           has_override;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;
  MmlSeriesItem *item = mml_app_test_find_series (all_series (), wait->title, NULL);

  return item != NULL && mml_series_item_get_subtitle_status (item) == wait->status &&
         mml_series_item_get_subtitle_override (item, NULL) == wait->has_override;
}

static MmlSeriesTile *
find_tile (GtkWidget  *widget,
           const char *title)
{
  if (MML_IS_SERIES_TILE (widget))
    {
      MmlSeriesItem *item = mml_series_tile_get_item (MML_SERIES_TILE (widget));

      return item != NULL && g_strcmp0 (mml_series_item_get_title (item), title) == 0
             ? MML_SERIES_TILE (widget) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      MmlSeriesTile *tile = find_tile (child, title);

      if (tile != NULL)
        return tile;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
  const char *badge;
} BadgeWait;

static gboolean
badge_is (gpointer data)
{
  BadgeWait *wait = data;
  MmlSeriesTile *tile = find_tile (wait->root, wait->title);

  return tile != NULL && g_strcmp0 (mml_series_tile_get_subtitles_badge (tile), wait->badge) == 0;
}

static void
wait_badge (GtkWidget  *root,
            const char *title,
            const char *badge)
{
  BadgeWait wait = { root, title, badge };
  g_autofree char *what = g_strdup_printf ("the badge “%s” on %s", badge, title);

  mml_app_test_iterate_until (badge_is, &wait, WAIT_TIMEOUT_MS, what);
}

typedef struct
{
  MmlDashboardView *dashboard;
  const char       *text;
} StatWait;

static gboolean
unsubbed_is (gpointer data)
{
  StatWait *wait = data;

  return g_strcmp0 (mml_dashboard_view_get_stat (wait->dashboard, "unsubbed"), wait->text) == 0;
}

static void
wait_unsubbed (MmlDashboardView *dashboard,
               const char       *text)
{
  StatWait wait = { dashboard, text };

  mml_app_test_iterate_until (unsubbed_is, &wait, WAIT_TIMEOUT_MS, text);
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

  /* loaded, and the slide to the page over (for the screenshots) */
  return page_loaded (wait->page) &&
         g_strcmp0 (mml_series_item_get_title (detail->series), wait->title) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->page)) &&
         stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* Opens @title's page from the (unfiltered) Series view */
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

/* Action rows whose subtitle starts with @prefix */
static guint
count_rows_with_subtitle (GtkWidget  *widget,
                          const char *prefix)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      if (subtitle != NULL && g_str_has_prefix (subtitle, prefix))
        n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows_with_subtitle (child, prefix);

  return n;
}

/* The first action row whose subtitle starts with @prefix */
static GtkWidget *
find_row_with_subtitle (GtkWidget  *widget,
                        const char *prefix)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "", prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row_with_subtitle (child, prefix);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* The embedded track's row on screen, its episode unfolded */
static gboolean
embedded_row_shown (gpointer data)
{
  GtkWidget *row = find_row_with_subtitle (data, "Embedded");
  GtkWidget *revealer = row ? gtk_widget_get_ancestor (row, GTK_TYPE_REVEALER) : NULL;

  return row != NULL && gtk_widget_get_mapped (row) &&
         revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* The quiet marks on episodes without the first preferred language */
static guint
count_unsubbed_marks (GtkWidget *widget)
{
  guint n = g_object_get_data (G_OBJECT (widget), "mml-unsubbed") != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_unsubbed_marks (child);

  return n;
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = data;

  return gtk_widget_get_mapped (popover) && gtk_widget_get_width (popover) > 0;
}

/* Unfolds the episode row titled @title, to show its tracks */
static gboolean
expand_row (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_EXPANDER_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (expand_row (child, title))
      return TRUE;

  return FALSE;
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

/* The menu button whose menu has a section labelled @label */
static GtkMenuButton *
find_menu_button_with_section (GtkWidget  *widget,
                               const char *label)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    {
      g_autoptr(GMenuModel) section = find_section (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), label);

      if (section != NULL)
        return GTK_MENU_BUTTON (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *button = find_menu_button_with_section (child, label);

      if (button != NULL)
        return button;
    }

  return NULL;
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

static gboolean
group_has_languages (gpointer data)
{
  MmlSubtitleLanguagesGroup *group = data;

  return !mml_subtitle_languages_group_get_busy (group) &&
         mml_subtitle_languages_group_get_languages (group) != NULL;
}

static gboolean
group_first_is_en (gpointer data)
{
  const char * const *languages = mml_subtitle_languages_group_get_languages (data);

  return group_has_languages (data) && languages[0] != NULL && g_str_equal (languages[0], "en");
}

static gboolean
group_failed (gpointer data)
{
  return !mml_subtitle_languages_group_get_busy (data) &&
         mml_subtitle_languages_group_get_error (data) != NULL;
}

/* --- the test --------------------------------------------------------------------- */

static void
test_subtitles (void)
{
  MmlWindow *window;
  MmlView *view;
  MmlDashboardView *dashboard;
  MmlSettingsView *settings;
  MmlSubtitleLanguagesGroup *group;
  MmlSeriesPage *page;
  GListModel *model;
  GtkWidget *grid;
  GtkMenuButton *filter_button;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *filter = NULL;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));
  mml_app_test_iterate_until (session_ready, NULL, WAIT_TIMEOUT_MS, "the library");

  /* The read model: counts and status in the first preferred language */
  assert_status ("All Subbed", 2, 2, MML_SUBTITLE_STATUS_WITH);
  assert_status ("Part Subbed", 3, 2, MML_SUBTITLE_STATUS_MIXED);
  assert_status ("No Subs", 2, 0, MML_SUBTITLE_STATUS_NONE);
  assert_status ("English Only", 2, 0, MML_SUBTITLE_STATUS_NONE);

  /* The filter menu has a Subtitles section of five choices */
  view = mml_window_get_view (window, "series");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("series"));
  filter_button = find_filter_button (GTK_WIDGET (view));
  g_assert_nonnull (filter_button);
  section = find_section (gtk_menu_button_get_menu_model (filter_button), "Subtitles");
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 5);

  /* Each choice narrows the model the grid shows */
  model = mml_series_view_get_model (MML_SERIES_VIEW (view));
  assert_titles (model, "All Subbed, English Only, No Subs, Part Subbed");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-subtitles", g_variant_new_string ("with"));
  assert_titles (model, "All Subbed");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-subtitles", g_variant_new_string ("mixed"));
  assert_titles (model, "Part Subbed");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-subtitles", g_variant_new_string ("none"));
  assert_titles (model, "English Only, No Subs");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-subtitles", g_variant_new_string ("lacking"));
  assert_titles (model, "English Only, No Subs, Part Subbed");
  /* with another filter, and cleared */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-decade", g_variant_new_int32 (2010));
  assert_titles (model, "English Only, No Subs, Part Subbed");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-missing", NULL);
  assert_titles (model, "");
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);
  assert_titles (model, "All Subbed, English Only, No Subs, Part Subbed");

  /* A badge per card, in words */
  grid = mml_series_view_get_items_widget (MML_SERIES_VIEW (view));
  wait_badge (grid, "All Subbed", "With subtitles");
  wait_badge (grid, "Part Subbed", "Some subtitles");
  wait_badge (grid, "No Subs", "No subtitles");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-subtitles", g_variant_new_string ("mixed"));
  gtk_menu_button_popup (filter_button);
  mml_app_test_iterate_until (popover_shown, gtk_menu_button_get_popover (filter_button),
                              WAIT_TIMEOUT_MS, "the filter menu");
  mml_app_test_save_png (GTK_WIDGET (gtk_menu_button_get_popover (filter_button)), "subtitles-filter-menu");
  mml_app_test_save_png (GTK_WIDGET (window), "subtitles-series-filtered");
  gtk_menu_button_popdown (filter_button);
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);
  mml_app_test_save_png (GTK_WIDGET (window), "subtitles-series-grid");

  /* The dashboard counts the episodes lacking Hebrew, and opens their series */
  dashboard = MML_DASHBOARD_VIEW (mml_window_get_view (window, "dashboard"));
  wait_unsubbed (dashboard, "5 episodes without Hebrew subtitles");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("dashboard"));
  mml_app_test_save_png (GTK_WIDGET (window), "subtitles-dashboard");
  mml_app_test_activate (GTK_WIDGET (dashboard), "dashboard.show-unsubbed", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "series");
  g_object_get (view, "filter-subtitles", &filter, NULL);
  g_assert_cmpstr (filter, ==, "lacking");
  assert_titles (model, "English Only, No Subs, Part Subbed");
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);

  /* The page: embedded tracks say so; one quiet mark, on the episode
   * without Hebrew (S01E03, English only). Rows are titled by the
   * episode's title, its number when it has none */
  page = open_page (view, "Part Subbed");
  g_assert_true (expand_row (GTK_WIDGET (page), "Episode 2"));
  mml_app_test_iterate_until (embedded_row_shown, page, WAIT_TIMEOUT_MS, "the embedded track");
  g_assert_cmpuint (count_rows_with_subtitle (GTK_WIDGET (page), "Embedded · SUBRIP · Hebrew (full)"), ==, 1);
  g_assert_cmpuint (count_unsubbed_marks (GTK_WIDGET (page)), ==, 1);
  mml_app_test_save_png (GTK_WIDGET (window), "subtitles-series-page");

  /* An override from the page changes the item, the badge and the count.
   * No episode has Hebrew: the hero says so once, no row repeats it */
  page = open_page (view, "No Subs");
  g_assert_cmpuint (count_unsubbed_marks (GTK_WIDGET (page)), ==, 0);
  mml_app_test_activate (GTK_WIDGET (page), "page.subtitles", g_variant_new_string ("with"));
  {
    StatusWait wait = { "No Subs", MML_SUBTITLE_STATUS_WITH, TRUE };

    mml_app_test_iterate_until (status_is, &wait, WAIT_TIMEOUT_MS, "the override");
  }
  mml_app_test_iterate_until (page_loaded, page, WAIT_TIMEOUT_MS, "the page again");
  {
    g_autofree char *state = NULL;

    g_object_get (page, "subtitle-override", &state, NULL);
    g_assert_cmpstr (state, ==, "with");
  }
  mml_app_test_save_png (GTK_WIDGET (window), "subtitles-series-page-override");
  {
    GtkMenuButton *button = find_menu_button_with_section (GTK_WIDGET (page), "Subtitle status");

    g_assert_nonnull (button);
    gtk_menu_button_popup (button);
    mml_app_test_iterate_until (popover_shown, gtk_menu_button_get_popover (button),
                                WAIT_TIMEOUT_MS, "the subtitle menu");
    mml_app_test_save_png (GTK_WIDGET (gtk_menu_button_get_popover (button)), "subtitles-override-menu");
    gtk_menu_button_popdown (button);
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL);
  wait_badge (grid, "No Subs", "With subtitles");
  wait_unsubbed (dashboard, "3 episodes without Hebrew subtitles");

  /* and back to automatic */
  page = open_page (view, "No Subs");
  mml_app_test_activate (GTK_WIDGET (page), "page.subtitles", g_variant_new_string ("auto"));
  {
    StatusWait wait = { "No Subs", MML_SUBTITLE_STATUS_NONE, FALSE };

    mml_app_test_iterate_until (status_is, &wait, WAIT_TIMEOUT_MS, "no override");
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL);
  wait_badge (grid, "No Subs", "No subtitles");
  wait_unsubbed (dashboard, "5 episodes without Hebrew subtitles");

  /* Settings: English first; the statuses follow */
  settings = MML_SETTINGS_VIEW (mml_window_get_view (window, "settings"));
  group = mml_settings_view_get_subtitles_group (settings);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("settings"));
  mml_app_test_iterate_until (group_has_languages, group, WAIT_TIMEOUT_MS, "the languages");
  g_assert_cmpstr (mml_subtitle_languages_group_get_languages (group)[0], ==, "he");
  g_assert_cmpstr (mml_subtitle_languages_group_get_languages (group)[1], ==, "en");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_subtitle_languages_group_get_row_button (group, 0, 0))));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_subtitle_languages_group_get_row_button (group, 1, 1))));
  mml_app_test_save_png (GTK_WIDGET (window), "subtitles-settings");
  /* "Move Hebrew down" */
  g_signal_emit_by_name (mml_subtitle_languages_group_get_row_button (group, 0, 1), "clicked");
  mml_app_test_iterate_until (group_first_is_en, group, WAIT_TIMEOUT_MS, "English first");
  {
    StatusWait wait = { "English Only", MML_SUBTITLE_STATUS_WITH, FALSE };

    mml_app_test_iterate_until (status_is, &wait, WAIT_TIMEOUT_MS, "English Only with");
  }
  assert_status ("All Subbed", 2, 0, MML_SUBTITLE_STATUS_NONE);
  assert_status ("Part Subbed", 3, 1, MML_SUBTITLE_STATUS_MIXED);
  assert_status ("No Subs", 2, 1, MML_SUBTITLE_STATUS_MIXED);
  wait_unsubbed (dashboard, "5 episodes without English subtitles");

  /* A word that is no language: the group says why, the list stays */
  {
    const char * const bad[] = { "en", "notalanguage", NULL };

    mml_subtitle_languages_group_set_languages (group, bad);
    mml_app_test_iterate_until (group_failed, group, WAIT_TIMEOUT_MS, "the error");
    g_assert_nonnull (strstr (mml_subtitle_languages_group_get_error (group), "notalanguage"));
    mml_app_test_iterate_until (group_first_is_en, group, WAIT_TIMEOUT_MS, "the list kept");
    g_assert_cmpstr (mml_subtitle_languages_group_get_languages (group)[1], ==, "he");
    mml_app_test_save_png (GTK_WIDGET (window), "subtitles-settings-error");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-series-subtitles-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  /* (every file a small subtitle text: the videos too, which is all a scan reads) */
  mml_app_test_write_tree (tree, tree_files, G_N_ELEMENTS (tree_files), "1\n00:00:01,000 --> 00:00:02,000\nx\n");
  mml_app_test_scan_library (db, tree, library_sql);

  app = mml_app_test_new_application ();

  g_test_add_func ("/app/series-subtitles/views", test_subtitles);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
