/* test-metadata-views.c — the metadata parts of the views on a real
 * (temporary) library and a fake TVmaze / TheTVDB
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scans a small tree, then writes metadata straight into the store through
 * the meta-store API (two matched series with episodes around a pinned
 * a pinned today, three open match conflicts, a metadata error) and checks:
 * the Dashboard's missing / upcoming / conflict / error counts and the
 * progress of a match run (and its Cancel); the Conflicts view's rows and
 * candidates, Search again, Confirm (a manual match against the fake
 * TVmaze), an id that does not exist (inline error), Enter id, Ignore; and
 * the Settings Test buttons (TheTVDB answering 401, TVmaze answering); the
 * dashboard's Retry; 300 conflicts listed fast and kept across a reload;
 * the review list of new automatic matches (only those, Keep, Keep all,
 * Change… with an id) and 2,000 of them listed with rows for the screen
 * only; a run that waits for the network and goes on when it returns.
 * Writes shot-metadata-*.png into G_TEST_BUILDDIR (run under a screen taller
 * than 1,900 pixels for whole pages: xvfb-run -s "-screen 0 1400x2000x24").
 * Needs an X display.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-application.h"
#include "widgets/mml-candidate-row.h"
#include "mml-fake-monitor.h"
#include "mml-fake-posters.h"
#include "mml-fake-server.h"
#include "mml-meta-store.h"
#include "mml-secrets.h"
#include "mml-window.h"
#include "views/mml-conflicts-review-page.h"
#include "views/mml-conflicts-view.h"
#include "views/mml-dashboard-view.h"
#include "views/mml-settings-view.h"
#include "widgets/mml-poster-image.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 120000
#define TODAY "2024-03-05"

static char *tmp_dir;
static char *tree;
static MmlApplication *app;
static MmlFakeServer *server;

/* A small TVmaze show with its episodes, as /shows/77?embed[]=episodes… answers */
static const char amber_coast_json[] =
  "{\"id\":77,\"name\":\"Amber Coast\",\"type\":\"Scripted\",\"language\":\"English\","
  "\"genres\":[\"Drama\"],\"status\":\"Running\",\"premiered\":\"2022-01-10\","
  "\"network\":{\"id\":45,\"name\":\"Channel 4\",\"country\":{\"name\":\"United Kingdom\",\"code\":\"GB\"}},"
  "\"externals\":{\"thetvdb\":401177,\"imdb\":\"tt1234567\"},\"updated\":1700000000,"
  "\"summary\":\"<p>A lifeboat crew on the Norfolk coast.</p>\","
  "\"_embedded\":{\"episodes\":["
  "{\"id\":7701,\"name\":\"Launch\",\"season\":1,\"number\":1,\"type\":\"regular\",\"airdate\":\"2022-01-10\"},"
  "{\"id\":7702,\"name\":\"Spring Tide\",\"season\":1,\"number\":2,\"type\":\"regular\",\"airdate\":\"2022-01-17\"},"
  "{\"id\":7703,\"name\":\"The Sandbar\",\"season\":1,\"number\":3,\"type\":\"regular\",\"airdate\":\"2022-01-24\"}"
  "]}}";

static const char * const tree_files[] = {
  "The Flash (2014)/Season 01/The Flash - S01E01.mkv",
  "The Flash (2014)/Season 01/The Flash - S01E02.mkv",
  "Northern Lights (2019)/Northern.Lights.2019.S01E01.720p.WEB.mkv",
  "Castle Rock Diaries/Season 1/Castle Rock Diaries S01E01.mkv",
  "Quiet Harbour/Season 1/Quiet Harbour S01E01.mkv",
  "Quiet Harbour/Season 1/Quiet Harbour S01E02.mkv",
  "Silent Valley (2021)/Season 1/Silent Valley - S01E01.mkv",
  "Red Meadow (2018)/Season 1/Red Meadow - S01E01.mkv",
  "Amber Coast {tvmaze-77}/Season 1/Amber Coast - S01E01.mkv",
};

/* --- waiting ------------------------------------------------------------ */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  mml_app_test_iterate_until (pointer_set, slot, WAIT_TIMEOUT_MS, "a store call");
  return *slot;
}

static gboolean
session_loaded (gpointer data)
{
  return !mml_library_controller_get_loading (mml_engine_get_library (data));
}

static gboolean
scanned (gpointer data)
{
  MmlEngine *engine = data;

  return !mml_library_controller_get_scanning (mml_engine_get_library (engine)) &&
         mml_library_controller_get_totals (mml_engine_get_library (engine)) != NULL &&
         mml_library_controller_get_totals (mml_engine_get_library (engine))->n_series == 7;
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

typedef struct
{
  MmlEngine *engine;
  guint              n;
} CountWait;

static gboolean
n_conflicts_is (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (w->engine))) == w->n;
}

static void
wait_conflicts (MmlEngine *engine,
                guint              n)
{
  CountWait w = { engine, n };

  mml_app_test_iterate_until (n_conflicts_is, &w, WAIT_TIMEOUT_MS, "the match conflicts");
}

typedef struct
{
  MmlDashboardView *view;
  const char       *name;
  const char       *value;
} StatWait;

static gboolean
stat_is (gpointer data)
{
  StatWait *w = data;

  return g_strcmp0 (mml_dashboard_view_get_stat (w->view, w->name), w->value) == 0;
}

static void
wait_stat (MmlDashboardView *view,
           const char       *name,
           const char       *value)
{
  StatWait w = { view, name, value };
  g_autofree char *what = g_strdup_printf ("the dashboard's %s to be %s", name, value);

  mml_app_test_iterate_until (stat_is, &w, WAIT_TIMEOUT_MS, what);
}

static gboolean
meta_busy (gpointer data)
{
  return mml_metadata_controller_get_busy (mml_engine_get_metadata (data));
}

static gboolean
meta_idle (gpointer data)
{
  return !mml_metadata_controller_get_busy (mml_engine_get_metadata (data));
}

static gboolean
row_idle (gpointer data)
{
  return !mml_match_conflict_row_get_busy (data);
}

static void
show_view (MmlWindow  *window,
           const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string (name));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, name);
  mml_app_test_wait_ms (400);   /* stack transitions and a few frames */
}

/* Renders the window @height pixels tall (the whole page, where it fits),
 * then gives it back its size */
static void
save_tall (MmlWindow  *window,
           const char *name,
           int         height)
{
  int width = 0, old_height = 0;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &old_height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  mml_app_test_wait_ms (500);
  mml_app_test_save_png (GTK_WIDGET (window), name);
  gtk_window_set_default_size (GTK_WINDOW (window), width, old_height);
  mml_app_test_wait_ms (300);
}

/* --- the store ------------------------------------------------------------ */

static GPtrArray *
list_series (MmlStore *store)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mml_meta_store_list_series_async (store, 0, NULL, result_cb, &result);
  rows = mml_meta_store_list_series_finish (store, wait_result (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return rows;
}

/* A fresh copy of the series row titled @title */
static MmlSeriesItem *
series_row (MmlStore   *store,
            const char *title)
{
  g_autoptr(GPtrArray) rows = list_series (store);

  for (guint i = 0; i < rows->len; i++)
    {
      MmlSeriesItem *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (mml_series_item_get_title (row), title) == 0)
        return g_ptr_array_steal_index (rows, i);
    }
  g_error ("No series “%s”", title);
}

static MmlSeriesItem *
series_row_by_id (MmlStore *store,
                  gint64    id)
{
  g_autoptr(GPtrArray) rows = list_series (store);

  for (guint i = 0; i < rows->len; i++)
    if (mml_series_item_get_id (g_ptr_array_index (rows, i)) == id)
      return g_ptr_array_steal_index (rows, i);
  g_error ("No series %" G_GINT64_FORMAT, id);
}

static gint64
series_id (MmlStore   *store,
           const char *title)
{
  g_autoptr(MmlSeriesItem) row = series_row (store, title);

  return mml_series_item_get_id (row);
}

typedef struct
{
  int         season;
  int         number;
  const char *air_date;
  const char *title;
} Ep;

static MmlMetaSeries *
make_series (gint64      id,
             const char *title,
             int         year,
             const char *network,
             const char *country,
             const char *overview)
{
  MmlMetaSeries *s = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);

  s->provider_id = id;
  s->tvmaze_id = id;
  s->title = g_strdup (title);
  s->year = year;
  s->network = g_strdup (network);
  s->country = g_strdup (country);
  s->overview = g_strdup (overview);
  s->status = MML_META_STATUS_CONTINUING;
  return s;
}

static void
apply_series (MmlStore   *store,
              gint64      series_id,
              gint64      provider_id,
              const char *title,
              int         year,
              const Ep   *eps,
              guint       n_eps)
{
  g_autoptr(MmlMetaSeries) s = make_series (provider_id, title, year, "BBC One", "GB", NULL);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  s->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  for (guint i = 0; i < n_eps; i++)
    {
      MmlMetaEpisode *e = mml_meta_episode_new ();

      e->provider_id = provider_id * 100 + i;
      e->season = eps[i].season;
      e->number = eps[i].number;
      e->air_date = g_strdup (eps[i].air_date);
      e->title = g_strdup (eps[i].title);
      e->special = eps[i].season == 0;
      e->kind = e->special ? MML_META_EPISODE_SPECIAL : MML_META_EPISODE_REGULAR;
      g_ptr_array_add (s->episodes, e);
    }

  mml_meta_store_apply_async (store, series_id, s, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED,
                              NULL, result_cb, &result);
  g_assert_cmpint (mml_meta_store_apply_finish (store, wait_result (&result), &error), ==, MML_META_APPLIED);
  g_object_unref (result);
  g_assert_no_error (error);
}

static MmlMetaCandidate *
make_candidate (gint64      id,
                const char *title,
                int         year,
                const char *network,
                const char *overview,
                double      score)
{
  g_autoptr(MmlMetaSeries) s = make_series (id, title, year, network, "US", overview);
  MmlMetaCandidate *c = mml_meta_candidate_new (s);

  c->score = score;
  mml_meta_candidate_add_reason (c, "title %d%%", (int) (score * 100));
  return c;
}

static void
set_conflict (MmlStore         *store,
              gint64            series_id,
              MmlMatchDecision  decision,
              const char       *title,
              int               year,
              GPtrArray        *candidates)
{
  g_autoptr(MmlMatchQuery) query = mml_match_query_new (title, year);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  mml_meta_store_set_conflict_async (store, series_id, decision, candidates, query, NULL,
                                     result_cb, &result);
  g_assert_cmpint (mml_meta_store_set_conflict_finish (store, wait_result (&result), &error), ==,
                   MML_META_APPLIED);
  g_object_unref (result);
  g_assert_no_error (error);
}

static void
set_error (MmlStore   *store,
           gint64      series_id,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  mml_meta_store_update_async (store, series_id, MML_META_UPDATE_ERROR, NULL, text,
                               MML_EPISODE_ORDER_AIRED, NULL, result_cb, &result);
  g_assert_true (mml_meta_store_update_finish (store, wait_result (&result), &error));
  g_object_unref (result);
  g_assert_no_error (error);
}

static const Ep harbour_eps[] = {
  { 0, 1, "2024-01-01", "Behind the Harbour" },   /* a special: never missing here */
  { 1, 1, "2024-02-06", "Low Tide" },             /* on disk */
  { 1, 2, "2024-02-13", "The Lighthouse" },       /* on disk */
  { 1, 3, "2024-02-20", "Fog Bank" },             /* missing */
  { 1, 4, "2024-02-27", "Salt" },                 /* missing */
  { 1, 5, TODAY, "Harbour Lights" },              /* missing: aired today */
  { 1, 6, "2024-03-12", "Storm Warning" },        /* upcoming, this week */
  { 1, 7, "2024-03-19", "High Water" },           /* upcoming, later */
};

static const Ep valley_eps[] = {
  { 1, 1, "2021-04-01", "The Quiet Hour" },       /* on disk */
  { 1, 2, "2021-04-08", "Second Sight" },         /* missing */
  { 2, 1, "2024-03-07", "Return" },               /* upcoming, this week */
};

static void
prepare_store (MmlStore *store)
{
  g_autoptr(GPtrArray) flash = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  g_autoptr(GPtrArray) lights = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);

  apply_series (store, series_id (store, "Quiet Harbour"), 5001, "Quiet Harbour", 2024,
                harbour_eps, G_N_ELEMENTS (harbour_eps));
  apply_series (store, series_id (store, "Silent Valley"), 5002, "Silent Valley", 2021,
                valley_eps, G_N_ELEMENTS (valley_eps));

  g_ptr_array_add (flash, make_candidate (13, "The Flash", 2014, "The CW",
                                          "After a particle accelerator causes a freak storm, CSI "
                                          "Investigator Barry Allen is struck by lightning and falls "
                                          "into a coma. Months later he awakens with the power of "
                                          "super speed.", 0.93));
  {
    /* the 2014 candidate has a poster on the fake; the 1990 one has none */
    MmlMetaCandidate *c = g_ptr_array_index (flash, 0);

    c->series->image_medium = g_strdup_printf ("%s/posters/the-flash.png", mml_fake_server_get_base_url (server));
  }
  g_ptr_array_add (flash, make_candidate (2093, "The Flash", 1990, "CBS",
                                          "Police scientist Barry Allen gains super speed after a "
                                          "lab accident and protects Central City.", 0.88));
  set_conflict (store, series_id (store, "The Flash"), MML_MATCH_MULTIPLE, "The Flash", 2014, flash);

  g_ptr_array_add (lights, make_candidate (40211, "Northern Lights", 2009, "ITV",
                                           "A comedy about two brothers-in-law in Manchester.", 0.72));
  g_ptr_array_add (lights, make_candidate (51377, "Northern Lights of Norway", 2019, "NRK1",
                                           "A documentary about the aurora above Tromsø.", 0.61));
  set_conflict (store, series_id (store, "Northern Lights"), MML_MATCH_AMBIGUOUS,
                "Northern Lights", 2019, lights);

  set_conflict (store, series_id (store, "Castle Rock Diaries"), MML_MATCH_NONE,
                "Castle Rock Diaries", 0, none);

  set_error (store, series_id (store, "Red Meadow"),
             "TVmaze could not be reached: connection refused (after 4 tries)");
}

static MmlMatchConflictRow *
find_row (MmlConflictsView *view,
          gint64            id)
{
  for (guint i = 0; ; i++)
    {
      MmlMatchConflictRow *row = mml_conflicts_view_get_match_row (view, i);

      if (row == NULL)
        return NULL;
      if (mml_match_conflict_item_get_series_id (mml_match_conflict_row_get_item (row)) == id)
        return row;
    }
}

static gboolean
row_gone (gpointer data)
{
  gpointer *args = data;

  return find_row (args[0], GPOINTER_TO_SIZE (args[1])) == NULL;
}

static gboolean
has_results (gpointer data)
{
  return mml_match_conflict_row_get_n_results (data) > 0;
}

typedef struct
{
  MmlSettingsView *view;
  MmlMetaProvider  kind;
} TestWait;

static gboolean
test_done (gpointer data)
{
  TestWait *w = data;

  return !mml_settings_view_get_testing (w->view, w->kind);
}

static gboolean
test_started (gpointer data)
{
  TestWait *w = data;

  return mml_settings_view_get_testing (w->view, w->kind);
}

/* --- the test ------------------------------------------------------------- */

static gboolean
poster_image_loaded (gpointer data)
{
  return mml_poster_image_get_loaded (MML_POSTER_IMAGE (data));
}

static gboolean
candidate_in_library (gpointer data)
{
  return mml_candidate_row_get_in_library (data) != NULL;
}

/* The page a Conflicts section is shown on, and its switcher's count */
static gboolean
section_shown (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (mml_conflicts_view_get_visible_section (args[0]), args[1]) == 0 &&
         gtk_widget_get_mapped (mml_conflicts_view_get_section (args[0], args[1]));
}

static void
show_section (MmlConflictsView *view,
              const char       *section)
{
  gpointer args[] = { view, (gpointer) section };

  mml_conflicts_view_show_section (view, section);
  mml_app_test_iterate_until (section_shown, args, WAIT_TIMEOUT_MS, section);
}

static guint
badge_of (MmlConflictsView *view,
          const char       *section)
{
  AdwViewStackPage *page = adw_view_stack_get_page (mml_conflicts_view_get_stack (view),
                                                    mml_conflicts_view_get_section (view, section));

  g_assert_nonnull (page);
  return adw_view_stack_page_get_badge_number (page);
}

/* Scrolled windows under @widget, but for those of status pages */
static guint
count_scrollers (GtkWidget *widget)
{
  guint n = GTK_IS_SCROLLED_WINDOW (widget) ? 1 : 0;

  if (ADW_IS_STATUS_PAGE (widget))
    return 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_scrollers (child);
  return n;
}

static gboolean
review_list_allocated (gpointer data)
{
  MmlConflictsView *view = data;

  return gtk_widget_get_mapped (GTK_WIDGET (mml_conflicts_view_get_review_list (view))) &&
         gtk_widget_get_height (GTK_WIDGET (mml_conflicts_view_get_scroller (view, "review"))) > 0;
}

/* The new matches are a GtkListView that scrolls with its page: the
 * page's one scrolled window, full height, none around it */
static void
assert_review_list_scrolls_with_page (MmlConflictsView *view)
{
  GtkWidget *list = GTK_WIDGET (mml_conflicts_view_get_review_list (view));
  GtkScrolledWindow *scroller = mml_conflicts_view_get_scroller (view, "review");
  GtkWidget *page = mml_conflicts_view_get_section (view, "review");

  mml_app_test_iterate_until (review_list_allocated, view, WAIT_TIMEOUT_MS, "the review list on screen");
  g_assert_true (GTK_IS_LIST_VIEW (list));
  g_assert_true (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW) == GTK_WIDGET (scroller));
  g_assert_true (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list)) == gtk_scrolled_window_get_vadjustment (scroller));
  g_assert_cmpuint (count_scrollers (page), ==, 1);
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (scroller)); w != NULL; w = gtk_widget_get_parent (w))
    g_assert_false (GTK_IS_SCROLLED_WINDOW (w));
  /* the page's height, but for its heading */
  g_assert_true (gtk_widget_get_vexpand (GTK_WIDGET (scroller)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (scroller)), >=, gtk_widget_get_height (page) / 2);
}

static void
test_metadata_views (void)
{
  MmlEngine *engine;
  g_autoptr(MmlRoot) root = NULL;
  MmlStore *store;
  MmlWindow *window;
  MmlDashboardView *dashboard;
  MmlConflictsView *conflicts;
  MmlSettingsView *settings;
  MmlMatchConflictRow *row;
  gint64 flash_id, lights_id, castle_id, amber_id, red_id;
  const char *text;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));

  engine = mml_application_get_engine (app);
  mml_app_test_iterate_until (session_loaded, engine, WAIT_TIMEOUT_MS, "the library to load");
  store = mml_engine_get_store (engine);

  mml_library_controller_add_root_async (mml_engine_get_library (engine), tree, MML_ROOT_KIND_STANDARD, NULL, root_added_cb, &root);
  mml_app_test_iterate_until (pointer_set, &root, WAIT_TIMEOUT_MS, "the root to be added");
  mml_app_test_iterate_until (scanned, engine, WAIT_TIMEOUT_MS, "the scan");

  /* automatic work is off: nothing was matched behind the test's back */
  g_assert_false (mml_metadata_controller_get_busy (mml_engine_get_metadata (engine)));
  {
    g_autoptr(MmlSeriesItem) flash = series_row (store, "The Flash");
    g_assert_cmpstr (mml_series_item_get_match_state (flash), ==, "none");
  }

  mml_app_test_wait_ms (5500);   /* the "Scan finished" toast times out */
  prepare_store (store);
  flash_id = series_id (store, "The Flash");
  lights_id = series_id (store, "Northern Lights");
  castle_id = series_id (store, "Castle Rock Diaries");
  mml_engine_reload (engine);
  wait_conflicts (engine, 3);

  /* Dashboard: counts from the store, with today pinned */
  show_view (window, "dashboard");
  dashboard = MML_DASHBOARD_VIEW (mml_window_get_view (window, "dashboard"));
  wait_stat (dashboard, "missing-episodes", "4");     /* Harbour 1x03-1x05, Valley 1x02 */
  wait_stat (dashboard, "upcoming", "2");             /* Valley 2x01 (03-07), Harbour 1x06 (03-12) */
  wait_stat (dashboard, "match-conflicts", "3");
  wait_stat (dashboard, "meta-errors", "1");           /* Red Meadow */
  g_assert_cmpstr (mml_dashboard_view_get_stat (dashboard, "meta-text"), ==, NULL);

  /* A match run: Amber Coast has a TVmaze id in its folder name and
   * matches at once; Red Meadow's search hangs, so the run shows progress */
  amber_id = series_id (store, "Amber Coast");
  red_id = series_id (store, "Red Meadow");
  mml_fake_server_set_delay (server, "/search/shows", 20000);
  mml_metadata_controller_match (mml_engine_get_metadata (engine), MML_META_TARGETS_UNMATCHED, 0);
  mml_app_test_iterate_until (meta_busy, engine, WAIT_TIMEOUT_MS, "the match run to start");
  /* (the run gives an ETA once a few series are done) */
  wait_stat (dashboard, "meta-text", "Matching 1 of 2");
  g_assert_cmpfloat (mml_metadata_controller_get_fraction (mml_engine_get_metadata (engine)), ==, 0.5);
  /* the coalesced reload after Amber Coast's write: two more missing */
  wait_stat (dashboard, "missing-episodes", "6");
  {
    g_autoptr(MmlSeriesItem) amber = series_row_by_id (store, amber_id);
    g_assert_cmpstr (mml_series_item_get_match_state (amber), ==, "auto");
    g_assert_cmpint (mml_series_item_get_tvmaze_id (amber), ==, 77);
  }
  /* Needs Attention counts the new matches to review, Amber Coast among
   * them, as Conflicts lists them */
  {
    GListModel *review = mml_conflicts_view_get_review_model (MML_CONFLICTS_VIEW (mml_window_get_view (window, "conflicts")));
    g_autofree char *n_review = g_strdup_printf ("%u", g_list_model_get_n_items (review));

    g_assert_cmpuint (g_list_model_get_n_items (review), >=, 1);
    wait_stat (dashboard, "match-review", n_review);
  }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
                                   GTK_WIDGET (mml_dashboard_view_get_retry_button (dashboard, 0)),
                                   ADW_TYPE_EXPANDER_ROW)), TRUE);
  save_tall (window, "metadata-dashboard", 1900);

  mml_metadata_controller_cancel (mml_engine_get_metadata (engine));
  mml_app_test_iterate_until (meta_idle, engine, WAIT_TIMEOUT_MS, "the match run to stop");
  g_assert_null (mml_metadata_controller_get_text (mml_engine_get_metadata (engine)));
  {
    g_autoptr(MmlSeriesItem) red = series_row_by_id (store, red_id);
    g_assert_cmpstr (mml_series_item_get_match_state (red), ==, "none");   /* cancelled: left as it was */
  }
  mml_fake_server_set_delay (server, "/search/shows", 0);

  /* Conflicts: three folders, with their candidates. The Dashboard's
   * "New matches to review" lands on that section, below them. */
  conflicts = MML_CONFLICTS_VIEW (mml_window_get_view (window, "conflicts"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.show-conflicts", "s", "review"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, "conflicts");
  {
    gpointer args[] = { conflicts, "review" };

    mml_app_test_iterate_until (section_shown, args, WAIT_TIMEOUT_MS, "the review page");
  }
  g_assert_cmpstr (mml_conflicts_view_get_visible_section (conflicts), ==, "review");
  g_assert_nonnull (mml_conflicts_view_get_match_row (conflicts, 2));
  g_assert_null (mml_conflicts_view_get_match_row (conflicts, 3));
  /* each page's switcher button counts what the page lists */
  g_assert_cmpuint (badge_of (conflicts, "confirm"), ==, 3);
  g_assert_cmpuint (badge_of (conflicts, "review"), ==,
                    g_list_model_get_n_items (mml_conflicts_view_get_review_model (conflicts)));
  g_assert_cmpuint (badge_of (conflicts, "unrecognised"), ==,
                    g_list_model_get_n_items (mml_library_controller_get_unrecognised (mml_engine_get_library (engine))));
  /* and a link lands on the page it names */
  show_section (conflicts, "confirm");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_conflicts_view_get_stack (conflicts)), ==, "confirm");

  row = find_row (conflicts, flash_id);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "The Flash (2014)");
  text = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  g_assert_nonnull (strstr (text, "Several shows match"));
  g_assert_nonnull (strstr (text, "“The Flash (2014)”"));
  g_assert_cmpuint (mml_match_conflict_row_get_n_candidates (row), ==, 2);
  {
    GtkWidget *candidate = gtk_widget_get_ancestor (GTK_WIDGET (mml_match_conflict_row_get_confirm_button (row, 1)),
                                                    ADW_TYPE_ACTION_ROW);
    GtkWidget *poster;

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)), ==, "The Flash (1990)");
    g_assert_null (mml_app_test_find_widget (candidate, MML_TYPE_POSTER_IMAGE));   /* none: a placeholder */
    candidate = gtk_widget_get_ancestor (GTK_WIDGET (mml_match_conflict_row_get_confirm_button (row, 0)),
                                         ADW_TYPE_ACTION_ROW);
    poster = mml_app_test_find_widget (candidate, MML_TYPE_POSTER_IMAGE);
    g_assert_nonnull (poster);
    g_assert_nonnull (strstr (mml_poster_image_get_url (MML_POSTER_IMAGE (poster)), "/posters/the-flash.png"));
    mml_app_test_iterate_until (poster_image_loaded, poster, WAIT_TIMEOUT_MS, "a candidate's poster");
  }
  g_assert_cmpuint (mml_match_conflict_row_get_n_candidates (find_row (conflicts, lights_id)), ==, 2);
  g_assert_cmpuint (mml_match_conflict_row_get_n_candidates (find_row (conflicts, castle_id)), ==, 0);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find_row (conflicts, castle_id))),
                            "No match found"));
  save_tall (window, "metadata-conflicts", 1100);

  /* Settings: TheTVDB refuses the key, TVmaze answers */
  show_view (window, "settings");
  settings = MML_SETTINGS_VIEW (mml_window_get_view (window, "settings"));
  gtk_editable_set_text (mml_settings_view_get_key_row (settings, MML_META_PROVIDER_TVDB), "not-a-real-key");
  {
    TestWait tvdb = { settings, MML_META_PROVIDER_TVDB };
    TestWait tvmaze = { settings, MML_META_PROVIDER_TVMAZE };
    const GError *error = NULL;

    /* as the keyboard does: the button presses, then clicks */
    gtk_widget_activate (GTK_WIDGET (mml_settings_view_get_test_button (settings, MML_META_PROVIDER_TVDB)));
    mml_app_test_iterate_until (test_started, &tvdb, WAIT_TIMEOUT_MS, "the TheTVDB test to start");
    g_signal_emit_by_name (mml_settings_view_get_test_button (settings, MML_META_PROVIDER_TVMAZE), "clicked");
    g_assert_true (mml_settings_view_get_testing (settings, MML_META_PROVIDER_TVMAZE));

    mml_app_test_iterate_until (test_done, &tvdb, WAIT_TIMEOUT_MS, "the TheTVDB test");
    text = mml_settings_view_get_test_status (settings, MML_META_PROVIDER_TVDB, &error);
    g_assert_error ((GError *) error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
    g_assert_cmpstr (text, ==, error->message);
    g_assert_nonnull (strstr (text, "refused"));
    g_assert_null (strstr (text, "not-a-real-key"));
    g_assert_cmpuint (mml_fake_server_get_status_count (server, "/tvdb/login", 401), >=, 1);

    mml_app_test_iterate_until (test_done, &tvmaze, WAIT_TIMEOUT_MS, "the TVmaze test");
    text = mml_settings_view_get_test_status (settings, MML_META_PROVIDER_TVMAZE, &error);
    g_assert_no_error ((GError *) error);
    g_assert_cmpstr (text, ==, "Connected to TVmaze");
  }
  save_tall (window, "metadata-settings", 1120);
  show_view (window, "conflicts");


  /* Search again with other words: the fake's results are listed */
  gtk_editable_set_text (GTK_EDITABLE (mml_match_conflict_row_get_search_row (row)), "flash barry allen");
  g_signal_emit_by_name (mml_match_conflict_row_get_search_row (row), "entry-activated");
  mml_app_test_iterate_until (has_results, row, WAIT_TIMEOUT_MS, "the search results");
  g_assert_cmpuint (mml_fake_server_get_count (server, "/search/shows"), >=, 1);
  g_assert_null (mml_match_conflict_row_get_error (row));

  /* Confirm the 2014 candidate: a manual match fetched from the fake */
  gtk_widget_activate (GTK_WIDGET (mml_match_conflict_row_get_confirm_button (row, 0)));
  {
    gpointer args[] = { conflicts, GSIZE_TO_POINTER ((gsize) flash_id) };
    mml_app_test_iterate_until (row_gone, args, WAIT_TIMEOUT_MS, "The Flash to be confirmed");
  }
  wait_conflicts (engine, 2);
  g_assert_cmpuint (mml_fake_server_get_count (server, "/shows/13"), >=, 1);
  {
    g_autoptr(MmlSeriesItem) flash = series_row_by_id (store, flash_id);
    g_assert_cmpstr (mml_series_item_get_match_state (flash), ==, "manual");
    g_assert_cmpint (mml_series_item_get_tvmaze_id (flash), ==, 13);
  }

  /* Ignore Northern Lights */
  gtk_widget_activate (GTK_WIDGET (mml_match_conflict_row_get_ignore_button (find_row (conflicts, lights_id))));
  wait_conflicts (engine, 1);
  {
    g_autoptr(MmlSeriesItem) lights = series_row_by_id (store, lights_id);
    g_assert_cmpstr (mml_series_item_get_match_state (lights), ==, "ignored");
  }

  /* Enter id: one that does not exist stays, with the error inline */
  row = find_row (conflicts, castle_id);
  g_assert_nonnull (row);
  {
    AdwEntryRow *id_row = ADW_ENTRY_ROW (gtk_widget_get_prev_sibling (
                            GTK_WIDGET (mml_match_conflict_row_get_search_row (row))));

    gtk_editable_set_text (GTK_EDITABLE (id_row), "999");
    g_signal_emit_by_name (id_row, "entry-activated");
    mml_app_test_iterate_until (row_idle, row, WAIT_TIMEOUT_MS, "the failed choice");
    g_assert_nonnull (mml_match_conflict_row_get_error (row));
    g_assert_nonnull (strstr (mml_match_conflict_row_get_error (row), "Could not confirm"));
    g_assert_true (find_row (conflicts, castle_id) == row);
    {
      g_autoptr(MmlSeriesItem) castle = series_row_by_id (store, castle_id);
      g_assert_cmpstr (mml_series_item_get_match_state (castle), ==, "conflict");
    }

    /* … and a real one matches */
    gtk_editable_set_text (GTK_EDITABLE (id_row), "66");
    g_signal_emit_by_name (id_row, "entry-activated");
  }
  wait_conflicts (engine, 0);
  {
    g_autoptr(MmlSeriesItem) castle = series_row_by_id (store, castle_id);
    g_assert_cmpstr (mml_series_item_get_match_state (castle), ==, "manual");
    g_assert_cmpint (mml_series_item_get_tvmaze_id (castle), ==, 66);
  }

  /* Dashboard: Retry matches Red Meadow again; the search it makes finds
   * nothing close, so the folder goes to Conflicts and leaves the errors */
  show_view (window, "dashboard");
  wait_stat (dashboard, "match-conflicts", "0");
  g_assert_cmpstr (mml_dashboard_view_get_stat (dashboard, "meta-errors"), ==, "1");
  g_assert_nonnull (mml_dashboard_view_get_retry_button (dashboard, 0));
  g_assert_null (mml_dashboard_view_get_retry_button (dashboard, 1));
  g_signal_emit_by_name (mml_dashboard_view_get_retry_button (dashboard, 0), "clicked");
  wait_stat (dashboard, "meta-errors", "0");
  wait_stat (dashboard, "match-conflicts", "1");
  {
    g_autoptr(MmlSeriesItem) red = series_row_by_id (store, red_id);
    g_assert_cmpstr (mml_series_item_get_match_state (red), ==, "conflict");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* Any other /shows/ID: a plain show of that id (what a search found) */
static void
any_show_handler (MmlFakeServer     *fake,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  gint64 id = g_ascii_strtoll (path + strlen ("/shows/"), NULL, 10);
  g_autofree char *body = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"name\":\"Show %" G_GINT64_FORMAT "\","
                                           "\"premiered\":\"2012-04-15\",\"_embedded\":{\"episodes\":[]}}",
                                           id, id);

  if (id <= 0 || id == 999)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, "{}", 2);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* Hundreds of conflicts: the list stays quick to build, and a reload that
 * changes nothing keeps every row (and what was typed in it). */
#define MANY 300

static gboolean
session_idle (gpointer data)
{
  return !mml_library_controller_get_loading (mml_engine_get_library (data));
}

static void
test_many_conflicts (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlStore *store = mml_engine_get_store (engine);
  g_autoptr(MmlRoot) root = g_list_model_get_item (mml_library_controller_get_roots (mml_engine_get_library (engine)), 0);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  guint before = g_list_model_get_n_items (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (engine)));
  MmlConflictsView *conflicts;
  MmlMatchConflictRow *first, *last;
  MmlWindow *window;
  gint64 start, elapsed;

  mml_app_test_iterate_until (session_idle, engine, WAIT_TIMEOUT_MS, "the engine");
  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  show_view (window, "conflicts");
  conflicts = MML_CONFLICTS_VIEW (mml_window_get_view (window, "conflicts"));

  for (guint i = 0; i < MANY; i++)
    {
      g_autofree char *folder = g_strdup_printf ("Bulk Show %03u", i);
      g_autoptr(GError) error = NULL;
      GAsyncResult *result = NULL;
      gint64 id;

      mml_meta_store_add_series_async (store, mml_root_get_id (root), folder, folder, 2000 + i % 20,
                                       NULL, result_cb, &result);
      id = mml_meta_store_add_series_finish (store, wait_result (&result), &error);
      g_object_unref (result);
      g_assert_no_error (error);
      set_conflict (store, id, MML_MATCH_NONE, folder, 0, none);
    }

  start = g_get_monotonic_time ();
  mml_engine_reload (engine);
  wait_conflicts (engine, before + MANY);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%u conflicts listed and their rows made in %.0f ms", before + MANY, elapsed / 1000.0);

  /* "Bulk Show 000" … "Bulk Show 299" sort before the one left earlier */
  first = mml_conflicts_view_get_match_row (conflicts, 0);
  last = mml_conflicts_view_get_match_row (conflicts, MANY - 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Bulk Show 000");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, "Bulk Show 299");
  g_assert_null (mml_conflicts_view_get_match_row (conflicts, before + MANY));
  /* more than a few: they start folded, their candidates not built yet */
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (first)));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (last)));
  gtk_editable_set_text (GTK_EDITABLE (mml_match_conflict_row_get_search_row (last)), "typed words");

  mml_engine_reload (engine);
  mml_app_test_iterate_until (session_idle, engine, WAIT_TIMEOUT_MS, "the reload");
  mml_app_test_wait_ms (500);
  g_assert_true (mml_conflicts_view_get_match_row (conflicts, 0) == first);
  g_assert_true (mml_conflicts_view_get_match_row (conflicts, MANY - 1) == last);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mml_match_conflict_row_get_search_row (last))), ==,
                   "typed words");

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* --- the review list of new automatic matches ----------------------------- */

/* A series row for @folder, matched with TVmaze show @provider_id in
 * @state (AUTO, MANUAL); @slug: its poster, NULL for none */
static gint64
add_matched_series (MmlStore      *store,
                    gint64         root_id,
                    const char    *folder,
                    const char    *title,
                    int            year,
                    const char    *network,
                    gint64         provider_id,
                    const char    *slug,
                    MmlMatchState  state)
{
  g_autoptr(MmlMetaSeries) s = make_series (provider_id, title, year, network, "GB", NULL);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 id;

  mml_meta_store_add_series_async (store, root_id, folder, title, year, NULL, result_cb, &result);
  id = mml_meta_store_add_series_finish (store, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);

  if (slug != NULL)
    s->image_medium = g_strdup_printf ("%s/posters/%s.png", mml_fake_server_get_base_url (server), slug);
  s->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  mml_meta_store_apply_async (store, id, s, state, MML_EPISODE_ORDER_AIRED, NULL, result_cb, &result);
  g_assert_cmpint (mml_meta_store_apply_finish (store, wait_result (&result), &error), ==, MML_META_APPLIED);
  g_object_unref (result);
  g_assert_no_error (error);
  return id;
}

static void
confirm_all_in_store (MmlStore *store)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  mml_meta_store_update_async (store, 0, MML_META_UPDATE_CONFIRM, NULL, NULL, MML_EPISODE_ORDER_AIRED,
                               NULL, result_cb, &result);
  g_assert_true (mml_meta_store_update_finish (store, wait_result (&result), &error));
  g_object_unref (result);
  g_assert_no_error (error);
}

static guint
count_in_state (MmlStore      *store,
                MmlMatchState  state)
{
  g_autoptr(GPtrArray) rows = list_series (store);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (mml_series_item_get_match_state (g_ptr_array_index (rows, i)), mml_match_state_to_string (state)) == 0)
      n++;
  return n;
}

static MmlMatchState
match_state_of (MmlStore *store,
                gint64    id)
{
  g_autoptr(MmlSeriesItem) row = series_row_by_id (store, id);
  MmlMatchState state;

  g_assert_true (mml_match_state_from_string (mml_series_item_get_match_state (row), &state));
  return state;
}

typedef struct
{
  MmlConflictsView *view;
  guint             n;
  gint64            id;
} ReviewWait;

static gboolean
n_review_is (gpointer data)
{
  ReviewWait *w = data;

  return g_list_model_get_n_items (mml_conflicts_view_get_review_model (w->view)) == w->n;
}

static void
wait_review (MmlConflictsView *view,
             guint             n)
{
  ReviewWait w = { view, n, 0 };
  g_autofree char *what = g_strdup_printf ("%u new matches to review", n);

  mml_app_test_iterate_until (n_review_is, &w, WAIT_TIMEOUT_MS, what);
}

static gboolean
review_row_ready (gpointer data)
{
  ReviewWait *w = data;
  MmlMatchReviewRow *row = mml_conflicts_view_find_review_row (w->view, w->id);

  return row != NULL && strstr (mml_match_review_row_get_details (row), "TVmaze") != NULL;
}

static gboolean
review_poster_loaded (gpointer data)
{
  ReviewWait *w = data;
  MmlMatchReviewRow *row = mml_conflicts_view_find_review_row (w->view, w->id);

  return row != NULL && mml_match_review_row_get_poster_loaded (row);
}

static gboolean
review_in_model (MmlConflictsView *view,
                 gint64            id)
{
  GListModel *model = mml_conflicts_view_get_review_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (mml_series_item_get_id (item) == id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
change_row_ready (gpointer data)
{
  MmlConflictsView *view = data;
  MmlChangeMatchDialog *dialog = mml_conflicts_view_get_change_dialog (view);

  return dialog != NULL && mml_change_match_dialog_get_row (dialog) != NULL;
}

static gboolean
change_dialog_gone (gpointer data)
{
  return mml_conflicts_view_get_change_dialog (data) == NULL;
}

static gboolean
no_auto_in_session (gpointer data)
{
  GListModel *series = mml_library_controller_get_series (mml_engine_get_library (data));

  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, i);

      if (g_strcmp0 (mml_series_item_get_match_state (item), "auto") == 0)
        return FALSE;
    }
  return TRUE;
}

static void
fold_conflicts (MmlConflictsView *view)
{
  MmlMatchConflictRow *conflict;

  for (guint i = 0; (conflict = mml_conflicts_view_get_match_row (view, i)) != NULL; i++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (conflict), FALSE);
}

static gboolean
focus_on_keep_of (MmlWindow         *window,
                  MmlMatchReviewRow *row)
{
  return row != NULL &&
         gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (mml_match_review_row_get_keep_button (row));
}

/* The view switcher's button (of the wide or the narrow switcher, the
 * one shown) whose label is @title */
static GtkWidget *
switcher_button (GtkWidget  *widget,
                 const char *title)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_VIEW_SWITCHER) != NULL)
    {
      for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL; )
        {
          if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), title) == 0)
            return widget;
          /* depth first within the button */
          if (gtk_widget_get_first_child (w) != NULL)
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != widget && gtk_widget_get_next_sibling (w) == NULL)
                w = gtk_widget_get_parent (w);
              w = w == widget ? NULL : gtk_widget_get_next_sibling (w);
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = switcher_button (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_review_matches (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlStore *store = mml_engine_get_store (engine);
  g_autoptr(MmlRoot) root = g_list_model_get_item (mml_library_controller_get_roots (mml_engine_get_library (engine)), 0);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  gint64 root_id = mml_root_get_id (root);
  gint64 harbour_id, cedar_id, glass_id, paper_id, late_ids[4], change_id;
  MmlConflictsView *conflicts;
  MmlMatchReviewRow *row;
  MmlWindow *window;
  guint n_conflicts;

  mml_app_test_iterate_until (session_idle, engine, WAIT_TIMEOUT_MS, "the engine");
  /* what earlier tests matched automatically is reviewed already */
  confirm_all_in_store (store);
  g_assert_cmpuint (count_in_state (store, MML_MATCH_STATE_AUTO), ==, 0);

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  show_view (window, "conflicts");
  conflicts = MML_CONFLICTS_VIEW (mml_window_get_view (window, "conflicts"));
  show_section (conflicts, "review");
  mml_engine_reload (engine);
  mml_app_test_iterate_until (session_idle, engine, WAIT_TIMEOUT_MS, "the reload");
  wait_review (conflicts, 0);
  /* none: the page says so, and its button counts none */
  g_assert_true (mml_conflicts_section_get_empty (mml_conflicts_review_page_get_section (
                   MML_CONFLICTS_REVIEW_PAGE (mml_conflicts_view_get_section (conflicts, "review")))));
  g_assert_cmpuint (badge_of (conflicts, "review"), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts))));

  /* Two automatic matches; a manual one and a conflict are not for review */
  harbour_id = add_matched_series (store, root_id, "Harbour Lights (2023)", "Harbour Lights", 2023,
                                   "BBC One", 6101, "harbour-lights", MML_MATCH_STATE_AUTO);
  cedar_id = add_matched_series (store, root_id, "Cedar Point", "Cedar Point", 2019,
                                 "Channel 4", 6102, "cedar-point", MML_MATCH_STATE_AUTO);
  glass_id = add_matched_series (store, root_id, "Glass Tower", "Glass Tower", 2020,
                                 "ITV", 6103, "glass-tower", MML_MATCH_STATE_MANUAL);
  {
    g_autoptr(GError) error = NULL;
    GAsyncResult *result = NULL;

    mml_meta_store_add_series_async (store, root_id, "Paper Moon", "Paper Moon", 0, NULL, result_cb, &result);
    paper_id = mml_meta_store_add_series_finish (store, wait_result (&result), &error);
    g_object_unref (result);
    g_assert_no_error (error);
  }
  set_conflict (store, paper_id, MML_MATCH_NONE, "Paper Moon", 0, none);
  g_assert_cmpint (match_state_of (store, glass_id), ==, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (match_state_of (store, paper_id), ==, MML_MATCH_STATE_CONFLICT);

  mml_engine_reload (engine);
  wait_review (conflicts, 2);
  g_assert_true (review_in_model (conflicts, harbour_id));
  g_assert_true (review_in_model (conflicts, cedar_id));
  g_assert_false (review_in_model (conflicts, glass_id));
  g_assert_false (review_in_model (conflicts, paper_id));
  /* the conflicts load apart from the review list: wait for it to hold
   * what the store has (Paper Moon, and any left from before) */
  n_conflicts = count_in_state (store, MML_MATCH_STATE_CONFLICT);
  g_assert_cmpuint (n_conflicts, >=, 1);
  wait_conflicts (engine, n_conflicts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts))));
  g_assert_cmpuint (badge_of (conflicts, "review"), ==, 2);
  g_assert_cmpuint (badge_of (conflicts, "confirm"), ==, n_conflicts);
  g_assert_false (mml_conflicts_section_get_empty (mml_conflicts_review_page_get_section (
                    MML_CONFLICTS_REVIEW_PAGE (mml_conflicts_view_get_section (conflicts, "review")))));
  /* the page stayed where the test put it, the list full height */
  g_assert_cmpstr (mml_conflicts_view_get_visible_section (conflicts), ==, "review");
  assert_review_list_scrolls_with_page (conflicts);

  /* Each row: "Title (Year)", "network · provider", the folder */
  {
    ReviewWait w = { conflicts, 0, cedar_id };

    mml_app_test_iterate_until (review_row_ready, &w, WAIT_TIMEOUT_MS, "Cedar Point's provider");
    row = mml_conflicts_view_find_review_row (conflicts, cedar_id);
    g_assert_cmpstr (mml_match_review_row_get_details (row), ==, "Channel 4 · TVmaze");
    g_assert_nonnull (strstr (mml_match_review_row_get_folder (row), "/TV/Cedar Point"));   /* (bidi-isolated) */
    g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (mml_match_review_row_get_keep_button (row))));
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_match_review_row_get_keep_button (row))));
  }

  /* Keep Harbour Lights: manual in the store, and the list shrinks to one */
  row = mml_conflicts_view_find_review_row (conflicts, harbour_id);
  g_assert_nonnull (row);
  gtk_widget_activate (GTK_WIDGET (mml_match_review_row_get_keep_button (row)));
  wait_review (conflicts, 1);
  g_assert_false (review_in_model (conflicts, harbour_id));
  g_assert_true (review_in_model (conflicts, cedar_id));
  g_assert_cmpint (match_state_of (store, harbour_id), ==, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (match_state_of (store, cedar_id), ==, MML_MATCH_STATE_AUTO);
  g_assert_cmpuint (g_list_model_get_n_items (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (engine))), ==, n_conflicts);

  /* Keep all: the list empties (at once, and after the reload), every
   * automatic match is now manual */
  gtk_widget_activate (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts)));
  wait_review (conflicts, 0);
  mml_app_test_iterate_until (no_auto_in_session, engine, WAIT_TIMEOUT_MS, "the reload after Keep all");
  mml_app_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (mml_conflicts_view_get_review_model (conflicts)), ==, 0);
  g_assert_cmpint (match_state_of (store, cedar_id), ==, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (match_state_of (store, harbour_id), ==, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (match_state_of (store, glass_id), ==, MML_MATCH_STATE_MANUAL);
  g_assert_cmpint (match_state_of (store, paper_id), ==, MML_MATCH_STATE_CONFLICT);
  g_assert_cmpuint (count_in_state (store, MML_MATCH_STATE_AUTO), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts))));

  /* Undo in the toast, which gathered both Keeps (or, on a machine so
   * slow that the first toast timed out in between, Keep all's alone):
   * those are new matches again, the one chosen by hand stays. Then Keep
   * all once more. (The toast's "button-clicked", as its Undo button
   * sends it: a click while the toast slides in crashes libadwaita 1.2.) */
  {
    AdwToast *toast = mml_conflicts_view_get_keep_toast (conflicts);
    gboolean both;

    g_assert_nonnull (toast);
    both = g_strcmp0 (adw_toast_get_title (toast), "2 new matches kept") == 0;
    if (!both)
      g_assert_cmpstr (adw_toast_get_title (toast), ==, "1 new match kept");
    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
    g_signal_emit_by_name (toast, "button-clicked");
    wait_review (conflicts, both ? 2 : 1);
    g_assert_true (review_in_model (conflicts, cedar_id));
    g_assert_cmpint (match_state_of (store, cedar_id), ==, MML_MATCH_STATE_AUTO);
    g_assert_cmpint (match_state_of (store, harbour_id), ==, both ? MML_MATCH_STATE_AUTO : MML_MATCH_STATE_MANUAL);
    g_assert_cmpint (match_state_of (store, glass_id), ==, MML_MATCH_STATE_MANUAL);
    gtk_widget_activate (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts)));
    wait_review (conflicts, 0);
    mml_app_test_iterate_until (no_auto_in_session, engine, WAIT_TIMEOUT_MS, "the reload after Keep all");
  }
  fold_conflicts (conflicts);
  mml_app_test_wait_ms (5500);   /* the "kept" toast times out */
  save_tall (window, "metadata-review-empty", 700);

  /* A later scan's matches, with posters, newest first */
  late_ids[0] = add_matched_series (store, root_id, "Amber Fields (2021)", "Amber Fields", 2021,
                                    "BBC Two", 6201, "amber-fields", MML_MATCH_STATE_AUTO);
  late_ids[1] = add_matched_series (store, root_id, "Night Ferry", "Night Ferry", 2022,
                                    "Channel 4", 6202, "night-ferry", MML_MATCH_STATE_AUTO);
  late_ids[2] = add_matched_series (store, root_id, "The Salt Road (2018)", "The Salt Road", 2018,
                                    "ITV", 6203, "the-salt-road", MML_MATCH_STATE_AUTO);
  late_ids[3] = add_matched_series (store, root_id, "Wild Orchard", "Wild Orchard", 2024,
                                    "Sky Atlantic", 6204, "wild-orchard", MML_MATCH_STATE_AUTO);
  mml_engine_reload (engine);
  wait_review (conflicts, 4);
  {
    GListModel *model = mml_conflicts_view_get_review_model (conflicts);

    for (guint i = 0; i + 1 < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(MmlSeriesItem) a = g_list_model_get_item (model, i);
        g_autoptr(MmlSeriesItem) b = g_list_model_get_item (model, i + 1);

        g_assert_cmpint (mml_series_item_get_added_at (a), >=, mml_series_item_get_added_at (b));
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (late_ids); i++)
    {
      ReviewWait w = { conflicts, 0, late_ids[i] };

      mml_app_test_iterate_until (review_row_ready, &w, WAIT_TIMEOUT_MS, "a provider");
      mml_app_test_iterate_until (review_poster_loaded, &w, WAIT_TIMEOUT_MS, "a poster");
    }
  fold_conflicts (conflicts);
  mml_app_test_wait_ms (300);
  save_tall (window, "metadata-review", 860);

  /* The keyboard reaches the page from the switcher: Tab from the
   * switcher's button for the page on to Keep all */
  {
    GtkWidget *button = switcher_button (GTK_WIDGET (conflicts), "New Matches");
    GtkWidget *keep_all = GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts));
    gboolean reached = FALSE;

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_grab_focus (button));
    for (guint i = 0; i < 8 && !reached; i++)
      {
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        reached = gtk_root_get_focus (GTK_ROOT (window)) == keep_all;
      }
    g_assert_true (reached);
  }

  /* The keyboard reaches the rows' buttons: Tab from Keep all */
  gtk_widget_grab_focus (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts)));
  {
    /* (the list's first row: the four were added within a second or two,
     * so which is newest depends on the machine's speed) */
    g_autoptr(MmlSeriesItem) top = g_list_model_get_item (mml_conflicts_view_get_review_model (conflicts), 0);
    MmlMatchReviewRow *first = mml_conflicts_view_find_review_row (conflicts, mml_series_item_get_id (top));
    gboolean reached = FALSE;

    for (guint i = 0; i < 4 && !reached; i++)
      {
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        reached = focus_on_keep_of (window, first);
      }
    g_assert_true (reached);
  }

  /* Change… Night Ferry: the conflict row's choices, the current match as
   * the one candidate; an id makes it the user's match. A second folder
   * has the same show (kept by hand): the candidate says where. */
  add_matched_series (store, root_id, "Night Ferry (copy)", "Night Ferry", 2022,
                      "Channel 4", 6202, "night-ferry-copy", MML_MATCH_STATE_MANUAL);
  change_id = late_ids[1];
  row = mml_conflicts_view_find_review_row (conflicts, change_id);
  g_assert_nonnull (row);
  gtk_widget_activate (GTK_WIDGET (mml_match_review_row_get_change_button (row)));
  mml_app_test_iterate_until (change_row_ready, conflicts, WAIT_TIMEOUT_MS, "the Change match window");
  {
    MmlChangeMatchDialog *dialog = mml_conflicts_view_get_change_dialog (conflicts);
    MmlMatchConflictRow *choices = mml_change_match_dialog_get_row (dialog);
    GtkWidget *candidate;
    AdwEntryRow *id_row;

    g_assert_cmpint (mml_change_match_dialog_get_series_id (dialog), ==, change_id);
    g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
    g_assert_cmpuint (mml_match_conflict_row_get_n_candidates (choices), ==, 1);
    candidate = gtk_widget_get_ancestor (GTK_WIDGET (mml_match_conflict_row_get_confirm_button (choices, 0)),
                                         ADW_TYPE_ACTION_ROW);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)), ==, "Night Ferry (2022)");
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (mml_match_conflict_row_get_confirm_button (choices, 0))));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (choices)),
                              "Matched automatically with “Night Ferry (2022)” on TVmaze"));
    /* in the library, in the other folder; not "in" its own */
    mml_app_test_iterate_until (candidate_in_library, candidate, WAIT_TIMEOUT_MS, "the candidate's library line");
    g_assert_nonnull (strstr (mml_candidate_row_get_in_library (candidate), "/TV/Night Ferry (copy)"));
    mml_app_test_wait_ms (300);
    mml_app_test_save_png (GTK_WIDGET (dialog), "metadata-review-change");

    id_row = ADW_ENTRY_ROW (gtk_widget_get_prev_sibling (GTK_WIDGET (mml_match_conflict_row_get_search_row (choices))));
    gtk_editable_set_text (GTK_EDITABLE (id_row), "66");
    g_signal_emit_by_name (id_row, "entry-activated");
  }
  mml_app_test_iterate_until (change_dialog_gone, conflicts, WAIT_TIMEOUT_MS, "the window to close");
  wait_review (conflicts, 3);
  g_assert_false (review_in_model (conflicts, change_id));
  {
    g_autoptr(MmlSeriesItem) changed = series_row_by_id (store, change_id);
    g_assert_cmpstr (mml_series_item_get_match_state (changed), ==, "manual");
    g_assert_cmpint (mml_series_item_get_tvmaze_id (changed), ==, 66);
  }

  /* Keep from the keyboard: focus goes on to the row that takes its place */
  {
    GListModel *model = mml_conflicts_view_get_review_model (conflicts);
    g_autoptr(MmlSeriesItem) first = g_list_model_get_item (model, 0);
    g_autoptr(MmlSeriesItem) second = g_list_model_get_item (model, 1);
    MmlMatchReviewRow *next;

    row = mml_conflicts_view_find_review_row (conflicts, mml_series_item_get_id (first));
    gtk_widget_grab_focus (GTK_WIDGET (mml_match_review_row_get_keep_button (row)));
    g_signal_emit_by_name (mml_match_review_row_get_keep_button (row), "clicked");
    /* off until the row goes */
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_match_review_row_get_keep_button (row))));
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (mml_match_review_row_get_change_button (row))));
    wait_review (conflicts, 2);
    /* the focus moves once the list has rebuilt its rows: a deadline, not a measure */
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      do
        {
          mml_app_test_wait_ms (50);
          next = mml_conflicts_view_find_review_row (conflicts, mml_series_item_get_id (second));
        }
      while (!(next != NULL && focus_on_keep_of (window, next)) && g_get_monotonic_time () < deadline);
    }
    g_assert_true (focus_on_keep_of (window, next));
    g_assert_cmpint (match_state_of (store, mml_series_item_get_id (first)), ==, MML_MATCH_STATE_MANUAL);
  }

  /* Cancel changes nothing */
  row = mml_conflicts_view_find_review_row (conflicts, late_ids[3]);
  gtk_widget_activate (GTK_WIDGET (mml_match_review_row_get_change_button (row)));
  mml_app_test_iterate_until (change_row_ready, conflicts, WAIT_TIMEOUT_MS, "the Change match window");
  gtk_window_close (GTK_WINDOW (mml_conflicts_view_get_change_dialog (conflicts)));
  mml_app_test_iterate_until (change_dialog_gone, conflicts, WAIT_TIMEOUT_MS, "the window to close");
  g_assert_cmpint (match_state_of (store, late_ids[3]), ==, MML_MATCH_STATE_AUTO);
  g_assert_true (review_in_model (conflicts, late_ids[3]));

  gtk_widget_activate (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts)));
  wait_review (conflicts, 0);
  g_assert_cmpuint (count_in_state (store, MML_MATCH_STATE_AUTO), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* Thousands of automatic matches (a first scan): listed at once, with rows
 * only for the screen, and Keep all takes them all */
#define MANY_MATCHES 2000

typedef struct
{
  MmlStore *store;
  gint64    root_id;
  guint     pending;
  guint     index;
} BulkAdd;

static void
bulk_applied_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BulkAdd *bulk = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mml_meta_store_apply_finish (MML_STORE (object), result, &error), ==, MML_META_APPLIED);
  g_assert_no_error (error);
  bulk->pending--;
}

static void
bulk_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BulkAdd *bulk = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  id = mml_meta_store_add_series_finish (MML_STORE (object), result, &error);
  g_assert_no_error (error);

  title = g_strdup_printf ("Matched Show %04u", bulk->index++);
  s = make_series (100000 + id, title, 2010 + id % 15, "BBC Three", "GB", NULL);
  s->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  mml_meta_store_apply_async (bulk->store, id, s, MML_MATCH_STATE_AUTO, MML_EPISODE_ORDER_AIRED,
                              NULL, bulk_applied_cb, bulk);
}

static gboolean
bulk_done (gpointer data)
{
  return ((BulkAdd *) data)->pending == 0;
}

static void
test_many_matches (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlStore *store = mml_engine_get_store (engine);
  g_autoptr(MmlRoot) root = g_list_model_get_item (mml_library_controller_get_roots (mml_engine_get_library (engine)), 0);
  BulkAdd bulk = { store, mml_root_get_id (root), MANY_MATCHES, 0 };
  MmlConflictsView *conflicts;
  MmlWindow *window;
  gint64 start, elapsed;

  mml_app_test_iterate_until (session_idle, engine, WAIT_TIMEOUT_MS, "the engine");
  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  show_view (window, "conflicts");
  conflicts = MML_CONFLICTS_VIEW (mml_window_get_view (window, "conflicts"));
  show_section (conflicts, "review");
  wait_review (conflicts, 0);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < MANY_MATCHES; i++)
    {
      g_autofree char *folder = g_strdup_printf ("Matched Show %04u", i);

      mml_meta_store_add_series_async (store, bulk.root_id, folder, folder, 0, NULL, bulk_added_cb, &bulk);
    }
  mml_app_test_iterate_until (bulk_done, &bulk, 90000, "the automatic matches to be written");
  g_test_message ("%u automatic matches written in %.0f ms", MANY_MATCHES,
                  (g_get_monotonic_time () - start) / 1000.0);

  start = g_get_monotonic_time ();
  mml_engine_reload (engine);
  wait_review (conflicts, MANY_MATCHES);
  elapsed = g_get_monotonic_time () - start;
  mml_app_test_wait_ms (200);
  g_test_message ("%u new matches listed in %.0f ms, %u rows made", MANY_MATCHES, elapsed / 1000.0,
                  mml_conflicts_view_get_n_review_rows (conflicts));
  g_assert_cmpuint (mml_conflicts_view_get_n_review_rows (conflicts), >, 0);
  g_assert_cmpuint (mml_conflicts_view_get_n_review_rows (conflicts), <, 250);
  g_assert_cmpuint (badge_of (conflicts, "review"), ==, MANY_MATCHES);
  assert_review_list_scrolls_with_page (conflicts);

  /* the list empties at once; the engine's reload follows */
  start = g_get_monotonic_time ();
  gtk_widget_activate (GTK_WIDGET (mml_conflicts_view_get_keep_all_button (conflicts)));
  wait_review (conflicts, 0);
  mml_app_test_iterate_until (no_auto_in_session, engine, WAIT_TIMEOUT_MS, "the reload after Keep all");
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%u new matches kept and reloaded in %.0f ms", MANY_MATCHES, elapsed / 1000.0);
  mml_app_test_wait_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (mml_conflicts_view_get_review_model (conflicts)), ==, 0);
  g_assert_cmpuint (count_in_state (store, MML_MATCH_STATE_AUTO), ==, 0);

  /* and the list follows the engine again */
  {
    gint64 one = add_matched_series (store, bulk.root_id, "One More Show", "One More Show", 2020,
                                     "BBC Four", 6301, NULL, MML_MATCH_STATE_AUTO);

    mml_engine_reload (engine);
    wait_review (conflicts, 1);
    g_assert_true (review_in_model (conflicts, one));
    confirm_all_in_store (store);
    mml_engine_reload (engine);
    wait_review (conflicts, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

/* Unplugged: the run waits and says so; plugged back in, it goes on. */
static gboolean
meta_waiting (gpointer data)
{
  return mml_metadata_controller_get_waiting (mml_engine_get_metadata (data));
}

static void
test_waiting_for_network (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlStore *store = mml_engine_get_store (engine);
  g_autoptr(MmlRoot) root = g_list_model_get_item (mml_library_controller_get_roots (mml_engine_get_library (engine)), 0);
  g_autoptr(FakeMonitor) monitor = fake_monitor_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  MmlDashboardView *dashboard;
  MmlWindow *window;
  gint64 id;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  show_view (window, "dashboard");
  dashboard = MML_DASHBOARD_VIEW (mml_window_get_view (window, "dashboard"));

  mml_meta_store_add_series_async (store, mml_root_get_id (root), "Offline Harbour", "Offline Harbour", 0,
                                   NULL, result_cb, &result);
  id = mml_meta_store_add_series_finish (store, wait_result (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);

  mml_http_set_network_monitor (mml_engine_get_http (engine), G_NETWORK_MONITOR (monitor));
  fake_monitor_set_available (monitor, FALSE);
  mml_metadata_controller_match (mml_engine_get_metadata (engine), MML_META_TARGETS_UNMATCHED, 0);
  mml_app_test_iterate_until (meta_waiting, engine, WAIT_TIMEOUT_MS, "the run to wait for the network");
  g_assert_true (mml_metadata_controller_get_busy (mml_engine_get_metadata (engine)));
  g_assert_cmpstr (mml_metadata_controller_get_text (mml_engine_get_metadata (engine)), ==, "Waiting for the network…");
  wait_stat (dashboard, "meta-text", "Waiting for the network…");
  {
    g_autoptr(MmlSeriesItem) row = series_row_by_id (store, id);
    g_assert_cmpstr (mml_series_item_get_match_state (row), ==, "none");
  }

  fake_monitor_set_available (monitor, TRUE);
  mml_app_test_iterate_until (meta_idle, engine, WAIT_TIMEOUT_MS, "the run to go on and end");
  g_assert_false (mml_metadata_controller_get_waiting (mml_engine_get_metadata (engine)));
  {
    g_autoptr(MmlSeriesItem) row = series_row_by_id (store, id);
    g_assert_cmpstr (mml_series_item_get_match_state (row), !=, "none");   /* matched, or sent to Conflicts */
    g_assert_null (mml_series_item_get_meta_error (row));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

static void
serve_fixture (const char *path,
               const char *file)
{
  g_autofree char *relative = g_build_filename ("tvmaze", file, NULL);

  g_assert_true (mml_fake_server_add_fixture (server, path, 200, relative));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *tvdb_url = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-metadata-views-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_setenv ("MML_TMDB_API_KEY", "tmdb-test-key", TRUE);
  g_unsetenv ("MML_TVDB_API_KEY");
  g_unsetenv ("MML_TVDB_PIN");
  g_unsetenv ("MML_PROVIDER");
  mml_secrets_set_timeout (2);

  /* The fake TVmaze (at the root) and TheTVDB (under /tvdb) */
  server = mml_fake_server_new ();
  serve_fixture ("/shows/13", "shows_13__embed_seasons.json");
  serve_fixture ("/shows/66", "shows_66__embed_episodes.json");
  serve_fixture ("/shows/1", "shows_13__embed_seasons.json");
  serve_fixture ("/search/shows", "search_shows__q_girls.json");
  mml_fake_server_add_json (server, "/shows/77", 200, amber_coast_json);
  mml_fake_server_add_json (server, "/shows/999", 404, "{\"name\":\"Not Found\",\"status\":404}");
  mml_fake_server_add_handler (server, "/shows/*", any_show_handler, NULL);
  mml_fake_server_add_handler (server, "/posters/*", mml_fake_posters_handler, NULL);
  mml_fake_server_add_json (server, "/tvdb/login", 401, "{\"status\":\"failure\",\"message\":\"Unauthorized\",\"data\":null}");
  g_setenv ("MML_TVMAZE_URL", mml_fake_server_get_base_url (server), TRUE);
  tvdb_url = mml_fake_server_url (server, "/tvdb");
  g_setenv ("MML_TVDB_URL", tvdb_url, TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    {
      g_autofree char *path = g_build_filename (tree, tree_files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, "0123456789", 10, &error);
      g_assert_no_error (error);
    }

  app = mml_app_test_new_application_unwatched ();
  mml_clock_set_today (mml_engine_get_clock (mml_application_get_engine (app)), TODAY);

  g_test_add_func ("/app/metadata-views/dashboard-conflicts-settings", test_metadata_views);
  g_test_add_func ("/app/metadata-views/review-matches", test_review_matches);
  g_test_add_func ("/app/metadata-views/many-conflicts", test_many_conflicts);
  g_test_add_func ("/app/metadata-views/many-matches", test_many_matches);
  g_test_add_func ("/app/metadata-views/waiting-for-network", test_waiting_for_network);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  g_clear_pointer (&server, mml_fake_server_free);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
