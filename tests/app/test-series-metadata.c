/* test-series-metadata.c — the Series view, the series page and Add series
 * on a library with provider metadata
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the application starts, a temporary tree is scanned into a
 * temporary database and most series are matched by applying hand-built
 * provider metadata through the meta-store API (episodes aired with files,
 * aired without, a special, future ones; today is pinned on the engine's clock).
 * One series is left unmatched and one is put in conflict. A fake TVmaze
 * (its recorded search fixture, a show page, and generated poster images)
 * serves the posters and the Add series window.
 *
 * Then: the counts of the series items, the badges of the grid, the
 * filters and sort orders, the list layout, the series page with its
 * Missing / Upcoming badges and season posters, its rows (titled by the
 * episode), season headings ("2 / 3 on disk") that fold a watched season,
 * the run of a series ("2010–2011") and its menu (Unmatch, Leave Out of
 * Matching), and adding a series by
 * search (folder created on disk, a manual match in the store, its season
 * poster from the show page). Writes shot-series-*.png into
 * G_TEST_BUILDDIR. Needs an X display (xvfb-run); exits 77 without one.
 */

#include "mml-store-roots.h"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-application.h"
#include "mml-meta-store.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-viewing-controller.h"
#include "mml-window.h"
#include "views/mml-add-series-dialog.h"
#include "views/mml-series-view.h"
#include "widgets/mml-poster-image.h"
#include "widgets/mml-series-tile.h"
#include "mml-fake-server.h"
#include "mml-fake-posters.h"
#include "mml-app-test-util.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure: ASan on a loaded 2-core machine is slow */
#define TODAY "2024-06-15"

static char *tmp_dir;
static char *tree;
static MmlFakeServer *server;
static MmlApplication *app;

/* --- the library ------------------------------------------------------------ */

typedef struct
{
  int         season;
  int         number;     /* -1: a special without a number */
  const char *air_date;
  const char *title;
  gboolean    has_file;
} Episode;

typedef struct
{
  const char    *folder;
  const char    *title;
  int            year;
  const char    *network;
  MmlMetaStatus  status;
  const char    *language;
  const char    *slug;       /* of the poster; NULL: leave the series unmatched */
  const char    *overview;
  const Episode *episodes;
} Series;

static const Episode harbour_lights[] = {
  { 1, 1, "2024-05-01", "Low Tide", TRUE },
  { 1, 2, "2024-05-08", "The Keeper", TRUE },
  { 1, 3, "2024-05-15", "Fog Bank", FALSE },             /* aired, no file: missing */
  { 1, -1, "2024-05-20", "Behind the Lights", FALSE },   /* a special: never missing */
  { 1, 4, "2024-07-01", "Spring Tide", FALSE },           /* after today: upcoming */
  { 0 }
};

static const Episode complete_story[] = {
  { 1, 1, "2015-03-01", "Beginning", TRUE },
  { 1, 2, "2015-03-08", "End", TRUE },
  { 0 }
};

static const Episode northern_lights[] = {
  { 1, 1, "2019-01-07", "Aurora", TRUE },
  { 1, 2, "2019-01-14", "Polar Night", FALSE },
  { 1, 3, "2019-01-21", "Solstice", FALSE },
  { 1, 4, "2019-01-28", "Midwinter", FALSE },
  { 1, 5, "2019-02-04", "Thaw", FALSE },
  { 1, 6, "2019-02-11", "First Light", FALSE },
  { 0 }
};

static const Episode quiet_harbour[] = {
  { 1, 1, "2021-09-01", "Arrival", TRUE },
  { 1, 2, "2021-09-08", "Nets", TRUE },
  { 2, 1, "2024-09-01", "Return", FALSE },
  { 0 }
};

static const Episode breaking_point[] = {
  { 1, 1, "2010-04-04", "Pilot", TRUE },
  { 1, 2, "2010-04-11", "Pressure", TRUE },
  { 2, 1, "2011-04-03", "Fault Line", TRUE },
  { 0 }
};

static const Episode loose_ends[] = {
  { 1, 1, "1998-10-02", "Threads", TRUE },
  { 0 }
};

static const Episode no_episodes[] = {
  { 1, 1, NULL, NULL, TRUE },
  { 0 }
};

static const Series library[] = {
  { "Harbour Lights (2019)", "Harbour Lights", 2019, "Channel 4", MML_META_STATUS_CONTINUING, "English",
    "harbour-lights", "A lighthouse keeper’s family guards a stretch of coast where ships keep going missing.",
    harbour_lights },
  { "Complete Story (2015)", "Complete Story", 2015, "BBC One", MML_META_STATUS_ENDED, "English",
    "complete-story", "Two sisters write the novel their mother never finished.", complete_story },
  { "Northern Lights (2019)", "Northern Lights", 2019, "HBO", MML_META_STATUS_ENDED, "English",
    "northern-lights", "Researchers at an Arctic station wait out the polar night.", northern_lights },
  { "Quiet Harbour (2021)", "Quiet Harbour", 2021, "NRK1", MML_META_STATUS_CONTINUING, "Norwegian",
    "quiet-harbour", "A fishing village, a stranger, and a season of storms.", quiet_harbour },
  { "Breaking Point (2010)", "Breaking Point", 2010, "AMC", MML_META_STATUS_ENDED, "English",
    "breaking-point", "An engineer races to keep a failing dam from collapsing.", breaking_point },
  { "Loose Ends (1998)", "Loose Ends", 1998, "NBC", MML_META_STATUS_ENDED, "English",
    "loose-ends", "A tailor in Chicago mends more than clothes.", loose_ends },
  { "Doubtful (2021)", "Doubtful", 2021, NULL, MML_META_STATUS_UNKNOWN, NULL, NULL, NULL, no_episodes },
  { "Unknown Folder", "Unknown Folder", 0, NULL, MML_META_STATUS_UNKNOWN, NULL, NULL, NULL, no_episodes },
};

static char *
episode_file (const Series  *series,
              const Episode *episode)
{
  return g_strdup_printf ("%s/Season %02d/%s - S%02dE%02d [1080p].mkv", series->folder, episode->season,
                          series->title, episode->season, episode->number);
}

static void
write_tree (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    for (const Episode *e = library[i].episodes; e->season > 0; e++)
      {
        g_autofree char *rel = NULL;
        g_autofree char *path = NULL;
        g_autofree char *parent = NULL;
        g_autoptr(GError) error = NULL;

        if (!e->has_file || e->number < 0)
          continue;
        rel = episode_file (&library[i], e);
        path = g_build_filename (tree, rel, NULL);
        parent = g_path_get_dirname (path);
        g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
        g_file_set_contents (path, "0123456789", 10, &error);
        g_assert_no_error (error);
      }

  /* subtitles for one episode, so the page keeps its language badges */
  {
    g_autofree char *sub = g_build_filename (tree, "Harbour Lights (2019)", "Season 01",
                                             "Harbour Lights - S01E01 [1080p].en.srt", NULL);
    g_assert_true (g_file_set_contents (sub, "1\n", 2, NULL));
  }
}

static MmlMetaSeries *
build_meta (const Series *series,
            gint64        provider_id)
{
  MmlMetaSeries *meta = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);
  static const char * const genres[] = { "Drama", "Mystery", NULL };

  meta->provider_id = provider_id;
  meta->tvmaze_id = provider_id;
  meta->title = g_strdup (series->title);
  meta->year = series->year;
  meta->premiered = g_strdup_printf ("%d-01-07", series->year);
  /* one ended series says when; the others leave it to their last episode */
  if (g_str_equal (series->title, "Loose Ends"))
    meta->ended = g_strdup ("2001-05-20");
  meta->status = series->status;
  meta->network = g_strdup (series->network);
  meta->country = g_strdup ("GB");
  meta->language = g_strdup (series->language);
  meta->overview = g_strdup (series->overview);
  meta->runtime = 45;
  meta->imdb_id = g_strdup_printf ("tt%07" G_GINT64_FORMAT, 1000000 + provider_id);
  g_strfreev (meta->genres);
  meta->genres = g_strdupv ((char **) genres);
  meta->image_medium = g_strdup_printf ("%s/posters/%s.png", mml_fake_server_get_base_url (server), series->slug);
  meta->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  /* a poster for every season with episodes; none for the specials */
  meta->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
  for (const Episode *e = series->episodes; e->season > 0; e++)
    if (e == series->episodes || e->season != e[-1].season)
      {
        MmlMetaSeason *season = mml_meta_season_new ();

        season->provider_id = provider_id * 10 + e->season;
        season->number = e->season;
        season->image_url = g_strdup_printf ("%s/seasons/%s-season-%d.png",
                                             mml_fake_server_get_base_url (server), series->slug, e->season);
        g_ptr_array_add (meta->seasons, season);
      }
  for (const Episode *e = series->episodes; e->season > 0; e++)
    {
      MmlMetaEpisode *episode = mml_meta_episode_new ();

      episode->provider_id = provider_id * 100 + (e - series->episodes);
      episode->season = e->season;
      episode->number = e->number;
      episode->air_date = g_strdup (e->air_date);
      episode->title = g_strdup (e->title);
      episode->special = e->number < 0;
      episode->kind = e->number < 0 ? MML_META_EPISODE_SPECIAL : MML_META_EPISODE_REGULAR;
      g_ptr_array_add (meta->episodes, episode);
    }

  return meta;
}

/* Scans the tree and writes the metadata with the store alone, before the
 * application opens the database */
static void
prepare_library (const char *db)
{
  g_autoptr(MmlStore) store = mml_store_new (db);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlScanSummary) summary = NULL;
  MmlScanRequest *request;

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

    request = mml_scan_request_new (MML_SCAN_QUICK);
    mml_scan_request_set_root (request, mml_root_get_id (root));
    mml_scan_async (store, request, NULL, mml_sync_wait_cb, wait);
    summary = mml_scan_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_list_series_async (store, NULL, mml_sync_wait_cb, wait);
    items = mml_store_list_series_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (library));
  }

  for (guint i = 0; i < items->len; i++)
    {
      MmlSeriesItem *item = g_ptr_array_index (items, i);
      const Series *series = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (library); j++)
        if (g_str_equal (library[j].title, mml_series_item_get_title (item)))
          series = &library[j];
      g_assert_nonnull (series);

      if (series->slug != NULL)
        {
          g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
          g_autoptr(MmlMetaSeries) meta = build_meta (series, 5000 + i);

          mml_meta_store_apply_async (store, mml_series_item_get_id (item), meta, MML_MATCH_STATE_AUTO,
                                      MML_EPISODE_ORDER_AIRED, NULL, mml_sync_wait_cb, wait);
          g_assert_cmpint (mml_meta_store_apply_finish (store, mml_sync_wait_run (wait), &error),
                           ==, MML_META_APPLIED);
          g_assert_no_error (error);
        }
      else if (g_str_equal (series->title, "Doubtful"))
        {
          g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
          g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
          g_autoptr(MmlMatchQuery) query = mml_match_query_new ("Doubtful", 2021);

          for (int k = 0; k < 2; k++)
            {
              g_autoptr(MmlMetaSeries) meta = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);
              MmlMetaCandidate *candidate;

              meta->provider_id = 7000 + k;
              meta->title = g_strdup ("Doubtful");
              meta->year = 2021 - k;
              candidate = mml_meta_candidate_new (meta);
              candidate->score = 0.8;
              g_ptr_array_add (candidates, candidate);
            }
          mml_meta_store_set_conflict_async (store, mml_series_item_get_id (item), MML_MATCH_MULTIPLE,
                                             candidates, query, NULL, mml_sync_wait_cb, wait);
          g_assert_cmpint (mml_meta_store_set_conflict_finish (store, mml_sync_wait_run (wait), &error),
                           ==, MML_META_APPLIED);
          g_assert_no_error (error);
        }
    }

  mml_store_close (store);
}

/* --- the fake TVmaze ------------------------------------------------------------ */

/* The recorded search, its image URLs pointed at the fake server */
static void
serve_search (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MML_TEST_FIXTURES"), "tvmaze",
                                            "search_shows__q_girls.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  body = g_string_new (json);
  g_string_replace (body, "https://static.tvmaze.com", mml_fake_server_get_base_url (server), 0);
  g_string_replace (body, "http://static.tvmaze.com", mml_fake_server_get_base_url (server), 0);
  mml_fake_server_add_json (server, "/search/shows", 200, body->str);
}

static const char girls_show[] =
  "{\"id\":139,\"name\":\"Girls\",\"language\":\"English\",\"genres\":[\"Drama\",\"Romance\"],"
  " \"status\":\"Ended\",\"runtime\":30,\"premiered\":\"2012-04-15\",\"ended\":\"2017-04-16\","
  " \"network\":{\"id\":8,\"name\":\"HBO\",\"country\":{\"name\":\"United States\",\"code\":\"US\"}},"
  " \"externals\":{\"tvrage\":30124,\"thetvdb\":220411,\"imdb\":\"tt1723816\"},"
  " \"image\":{\"medium\":\"%s/uploads/images/medium_portrait/31/78286.jpg\"},"
  " \"summary\":\"<p>This comedy looks at the privileges and humiliations of young women in their 20s.</p>\","
  " \"updated\":1704794122,"
  " \"_embedded\":{\"episodes\":["
  "   {\"id\":11001,\"season\":1,\"number\":1,\"name\":\"Pilot\",\"airdate\":\"2012-04-15\",\"type\":\"regular\"},"
  "   {\"id\":11002,\"season\":1,\"number\":2,\"name\":\"Vagina Panic\",\"airdate\":\"2012-04-22\",\"type\":\"regular\"},"
  "   {\"id\":11003,\"season\":1,\"number\":3,\"name\":\"All Adventurous Women Do\",\"airdate\":\"2012-04-29\",\"type\":\"regular\"}],"
  "  \"seasons\":[{\"id\":651,\"number\":1,\"episodeOrder\":10,"
  "    \"image\":{\"medium\":\"%s/seasons/girls-season-1-medium.png\",\"original\":\"%s/seasons/girls-season-1.png\"}}],"
  "  \"akas\":[]}}";

static void
start_server (void)
{
  g_autofree char *show = NULL;

  server = mml_fake_server_new ();
  serve_search ();
  show = g_strdup_printf (girls_show, mml_fake_server_get_base_url (server),
                          mml_fake_server_get_base_url (server), mml_fake_server_get_base_url (server));
  mml_fake_server_add_json (server, "/shows/139", 200, show);
  mml_fake_server_add_handler (server, "/posters/*", mml_fake_posters_handler, NULL);
  mml_fake_server_add_handler (server, "/uploads/*", mml_fake_posters_handler, NULL);
  mml_fake_server_add_handler (server, "/seasons/*", mml_fake_posters_handler, NULL);
}

/* --- helpers ------------------------------------------------------------------- */

static void
show_view (MmlWindow  *window,
           const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string (name));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mml_window_get_stack (window)), ==, name);
  mml_app_test_wait_ms (400);
}

static gboolean
session_ready (gpointer data)
{
  MmlEngine *engine = data;

  return !mml_library_controller_get_loading (mml_engine_get_library (engine)) &&
         g_list_model_get_n_items (mml_library_controller_get_series (mml_engine_get_library (engine))) == G_N_ELEMENTS (library) &&
         mml_metadata_controller_get_run (mml_engine_get_metadata (engine)) != NULL;
}

static gboolean
model_has (GListModel *model,
           const char *title)
{
  return mml_app_test_find_series (model, title, NULL) != NULL;
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
} TileWait;

static gboolean
tile_shown (gpointer data)
{
  TileWait *wait = data;

  return find_tile (wait->root, wait->title) != NULL;
}

static gboolean
tile_poster_loaded (gpointer data)
{
  TileWait *wait = data;
  MmlSeriesTile *tile = find_tile (wait->root, wait->title);

  return tile != NULL && mml_series_tile_get_poster_loaded (tile);
}

/* Visible labels with the CSS class "mml-badge" and the text @text */
static guint
count_badges (GtkWidget  *widget,
              const char *text)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "mml-badge") &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_badges (child, text);

  return n;
}

static gboolean
page_loaded (gpointer data)
{
  return !mml_series_page_get_loading (data) && mml_series_page_get_detail (data) != NULL;
}

/* the page, not the grid, is the view's visible child (set at once; the
 * slide to it may still run) */
static gboolean
page_is_visible_child (MmlSeriesPage *page)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (page));

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child (GTK_STACK (stack)) == GTK_WIDGET (page);
}

/* … loaded, and shown */
static gboolean
page_shown (gpointer data)
{
  return page_loaded (data) && page_is_visible_child (data);
}

/* The poster beside the heading of season 1 shows its texture */
static gboolean
season_poster_loaded (gpointer data)
{
  GtkWidget *poster = mml_series_page_get_season_poster (data, 1);

  return !mml_series_page_get_loading (data) && poster != NULL &&
         mml_poster_image_get_loaded (MML_POSTER_IMAGE (poster));
}

/* The season poster has been through a layout pass: its width is set */
static gboolean
season_poster_allocated (gpointer data)
{
  GtkWidget *poster = mml_series_page_get_season_poster (data, 1);

  return poster != NULL && gtk_widget_get_mapped (poster) && gtk_widget_get_width (poster) > 0;
}

static MmlEpisodeInfo *
find_episode (MmlSeriesDetail *detail,
              const char      *title)
{
  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        {
          MmlEpisodeInfo *episode = g_ptr_array_index (season->episodes, j);

          if (g_strcmp0 (episode->title, title) == 0)
            return episode;
        }
    }

  return NULL;
}

static MmlSeasonInfo *
find_season (MmlSeriesDetail *detail,
             int              number)
{
  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);

      if (season->season == number)
        return season;
    }

  g_assert_not_reached ();
}

/* The episode row titled @title under @widget, or NULL */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child, title);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static const char *
row_subtitle (GtkWidget *row)
{
  return ADW_IS_EXPANDER_ROW (row) ? adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row))
                                   : adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The label under @widget whose text (mnemonics left out) is @text */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child, text);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* The counts under season @number's heading */
static const char *
season_text (MmlSeriesPage *page,
             int            number)
{
  GtkWidget *toggle = mml_series_page_get_season_toggle (page, number);

  g_assert_nonnull (toggle);
  for (GtkWidget *w = gtk_widget_get_first_child (toggle); w != NULL; )
    {
      if (GTK_IS_LABEL (w) && g_object_get_data (G_OBJECT (w), "mml-season-description") != NULL)
        return gtk_label_get_label (GTK_LABEL (w));
      /* depth first through the heading's boxes */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != toggle && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == toggle ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  g_assert_not_reached ();
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

/* The menu button under @widget whose menu has a section labelled @label */
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

/* Whether an item of @menu (or of its sections) activates @action */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = data;

  return gtk_widget_get_mapped (popover) && gtk_widget_get_width (popover) > 0;
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

typedef struct
{
  MmlSeriesPage *page;
  const char    *title;     /* the series shown */
  const char    *watched;   /* (nullable): an episode now watched */
} PageWait;

static gboolean
page_shows (gpointer data)
{
  PageWait *wait = data;
  MmlSeriesDetail *detail = mml_series_page_get_detail (wait->page);

  if (!page_loaded (wait->page) || g_strcmp0 (mml_series_item_get_title (detail->series), wait->title) != 0)
    return FALSE;
  return wait->watched == NULL || find_episode (detail, wait->watched)->watched;
}

typedef struct
{
  MmlSeriesPage *page;
  const char    *title;
  const char    *state;   /* the match state */
} StateWait;

/* The page shows series @title, loaded again in match state @state */
static gboolean
page_state_is (gpointer data)
{
  StateWait *wait = data;
  MmlSeriesDetail *detail = mml_series_page_get_detail (wait->page);

  return page_loaded (wait->page) &&
         g_strcmp0 (mml_series_item_get_title (detail->series), wait->title) == 0 &&
         g_strcmp0 (mml_series_item_get_match_state (detail->series), wait->state) == 0;
}

/* Season 1's episodes show, its first row drawn */
static gboolean
first_season_shown (gpointer data)
{
  GtkWidget *row = find_row (data, "Pilot");

  return mml_series_page_get_season_expanded (data, 1) && row != NULL && gtk_widget_get_mapped (row);
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

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Marks @spec_text of @series_id watched, through the engine */
static void
mark_watched (MmlEngine  *engine,
              gint64      series_id,
              const char *spec_text)
{
  MmlEpisodeSpec spec;
  gboolean done = FALSE;

  g_assert_true (mml_episode_spec_parse (spec_text, &spec, NULL));
  mml_viewing_controller_mark_async (mml_engine_get_viewing (engine), series_id, &spec, TRUE, NULL,
                                     marked_cb, &done);
  mml_app_test_iterate_until (flag_set, &done, WAIT_TIMEOUT_MS, "the marks");
}

static void
open_series (MmlView       *view,
             GListModel    *model,
             const char    *title,
             const char    *watched)
{
  guint position = 0;
  PageWait wait = { mml_series_view_get_page (MML_SERIES_VIEW (view)), title, watched };

  g_assert_nonnull (mml_app_test_find_series (model, title, &position));
  mml_series_view_open (MML_SERIES_VIEW (view), position);
  mml_app_test_iterate_until (page_shows, &wait, WAIT_TIMEOUT_MS, title);
}

static gboolean
search_done (gpointer data)
{
  return !mml_add_series_dialog_get_searching (data) && mml_add_series_dialog_get_n_results (data) > 0;
}

/* … and the window knows which results the library has */
static gboolean
search_and_find_done (gpointer data)
{
  return search_done (data) && !mml_add_series_dialog_get_finding (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
girls_matched (gpointer data)
{
  MmlSeriesItem *item = mml_app_test_find_series (mml_library_controller_get_series (mml_engine_get_library (data)), "Girls", NULL);

  return item != NULL && g_strcmp0 (mml_series_item_get_match_state (item), "manual") == 0;
}

/* --- the test --------------------------------------------------------------------- */

static void
test_series_metadata (void)
{
  MmlEngine *engine;
  MmlWindow *window;
  MmlView *view;
  GListModel *model;
  GListModel *all;
  MmlSeriesItem *item;
  MmlSeriesTile *tile;
  MmlSeriesPage *page;
  MmlSeriesDetail *detail;
  MmlEpisodeInfo *episode;
  MmlAddSeriesDialog *dialog;
  GtkWidget *poster;
  GtkScrolledWindow *scroller;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  TileWait tiles;
  guint position = 0;
  gint64 series_id;
  GtkWindow *question;

  window = mml_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_window_present (GTK_WINDOW (window));

  engine = mml_application_get_engine (app);
  mml_app_test_iterate_until (session_ready, engine, WAIT_TIMEOUT_MS, "the library and the provider");
  all = mml_library_controller_get_series (mml_engine_get_library (engine));

  /* The items: missing = aired, provider episode, no file, not a special */
  item = mml_app_test_find_series (all, "Harbour Lights", NULL);
  g_assert_nonnull (item);
  g_assert_cmpstr (mml_series_item_get_match_state (item), ==, "auto");
  g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, 1);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, 1);
  g_assert_cmpstr (mml_series_item_get_network (item), ==, "Channel 4");
  g_assert_cmpstr (mml_series_item_get_status (item), ==, "continuing");
  g_assert_true (g_str_has_suffix (mml_series_item_get_poster_url (item), "/posters/harbour-lights.png"));
  g_assert_cmpint (mml_series_item_get_added_at (item), >, 0);
  item = mml_app_test_find_series (all, "Complete Story", NULL);
  g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, 0);
  item = mml_app_test_find_series (all, "Northern Lights", NULL);
  g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, 5);
  item = mml_app_test_find_series (all, "Quiet Harbour", NULL);
  g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, 1);
  item = mml_app_test_find_series (all, "Doubtful", NULL);
  g_assert_cmpstr (mml_series_item_get_match_state (item), ==, "conflict");
  item = mml_app_test_find_series (all, "Unknown Folder", NULL);
  g_assert_cmpstr (mml_series_item_get_match_state (item), ==, "none");
  g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, 0);

  /* The grid: badges on the cards, posters loaded while on screen */
  show_view (window, "series");
  view = mml_window_get_view (window, "series");
  model = mml_series_view_get_model (MML_SERIES_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (library));
  g_assert_true (GTK_IS_GRID_VIEW (mml_series_view_get_items_widget (MML_SERIES_VIEW (view))));
  tiles.root = mml_series_view_get_items_widget (MML_SERIES_VIEW (view));
  tiles.title = "Harbour Lights";
  mml_app_test_iterate_until (tile_shown, &tiles, WAIT_TIMEOUT_MS, "the cards");
  tile = find_tile (tiles.root, "Harbour Lights");
  g_assert_cmpstr (mml_series_tile_get_missing_badge (tile), ==, "1 missing");
  g_assert_null (mml_series_tile_get_match_badge (tile));
  tile = find_tile (tiles.root, "Northern Lights");
  g_assert_cmpstr (mml_series_tile_get_missing_badge (tile), ==, "5 missing");
  tile = find_tile (tiles.root, "Complete Story");
  g_assert_null (mml_series_tile_get_missing_badge (tile));
  tile = find_tile (tiles.root, "Doubtful");
  g_assert_cmpstr (mml_series_tile_get_match_badge (tile), ==, "Conflict");
  tile = find_tile (tiles.root, "Unknown Folder");
  g_assert_cmpstr (mml_series_tile_get_match_badge (tile), ==, "Not matched");
  g_assert_false (mml_series_tile_get_poster_loaded (tile));   /* no poster: the placeholder */
  mml_app_test_iterate_until (tile_poster_loaded, &tiles, WAIT_TIMEOUT_MS, "a poster");
  tiles.title = "Loose Ends";
  mml_app_test_iterate_until (tile_poster_loaded, &tiles, WAIT_TIMEOUT_MS, "the last poster");
  g_assert_cmpuint (mml_fake_server_get_count (server, "/posters/*"), ==, 6);
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "series-grid-posters");

  /* Filters */
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-missing", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (model_has (model, "Harbour Lights"));
  g_assert_true (model_has (model, "Northern Lights"));
  g_assert_false (model_has (model, "Complete Story"));
  mml_app_test_save_png (GTK_WIDGET (window), "series-filter-missing");
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-missing", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (library));

  mml_app_test_activate (GTK_WIDGET (view), "series.filter-match", g_variant_new_string ("conflict"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (model_has (model, "Doubtful"));
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-match", g_variant_new_string ("matched"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_false (model_has (model, "Unknown Folder"));
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-status", g_variant_new_string ("ended"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_false (model_has (model, "Harbour Lights"));
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-decade", g_variant_new_int32 (1990));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (model_has (model, "Loose Ends"));
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-network", g_variant_new_string ("HBO"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  mml_app_test_save_png (GTK_WIDGET (window), "series-filter-none");
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (library));
  mml_app_test_activate (GTK_WIDGET (view), "series.filter-language", g_variant_new_string ("Norwegian"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (model_has (model, "Quiet Harbour"));
  mml_app_test_activate (GTK_WIDGET (view), "series.clear-filters", NULL);

  /* Sort: most missing first, then by title; remembered */
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("missing"));
  g_assert_true (mml_app_test_find_series (model, "Northern Lights", &position) != NULL);
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (mml_app_test_find_series (model, "Harbour Lights", &position) != NULL);
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (mml_app_test_find_series (model, "Breaking Point", &position) != NULL);
  g_assert_cmpuint (position, ==, 2);
  {
    g_autofree char *value = g_settings_get_string (settings, "series-sort");

    g_assert_cmpstr (value, ==, "missing");
  }
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("year"));
  g_assert_true (mml_app_test_find_series (model, "Doubtful", &position) != NULL);
  g_assert_cmpuint (position, ==, 0);   /* 2021, before Quiet Harbour by title */
  g_assert_true (mml_app_test_find_series (model, "Unknown Folder", &position) != NULL);
  g_assert_cmpuint (position, ==, G_N_ELEMENTS (library) - 1);   /* no year: last */
  mml_app_test_activate (GTK_WIDGET (view), "series.sort", g_variant_new_string ("title"));
  g_assert_true (mml_app_test_find_series (model, "Breaking Point", &position) != NULL);
  g_assert_cmpuint (position, ==, 0);

  /* The list layout, remembered */
  mml_app_test_activate (GTK_WIDGET (view), "series.view-mode", g_variant_new_string ("list"));
  g_assert_true (GTK_IS_LIST_VIEW (mml_series_view_get_items_widget (MML_SERIES_VIEW (view))));
  {
    g_autofree char *value = g_settings_get_string (settings, "series-view-mode");

    g_assert_cmpstr (value, ==, "list");
  }
  mml_app_test_wait_ms (500);
  mml_app_test_save_png (GTK_WIDGET (window), "series-list");
  mml_app_test_activate (GTK_WIDGET (view), "series.view-mode", g_variant_new_string ("grid"));
  g_assert_true (GTK_IS_GRID_VIEW (mml_series_view_get_items_widget (MML_SERIES_VIEW (view))));

  /* The series page: facts, and the Missing and Upcoming badges */
  g_assert_nonnull (mml_app_test_find_series (model, "Harbour Lights", &position));
  mml_series_view_open (MML_SERIES_VIEW (view), position);
  page = mml_series_view_get_page (MML_SERIES_VIEW (view));
  mml_app_test_iterate_until (page_loaded, page, WAIT_TIMEOUT_MS, "the series page");
  detail = mml_series_page_get_detail (page);
  g_assert_cmpstr (detail->overview, ==, library[0].overview);
  g_assert_cmpstr (detail->provider, ==, "tvmaze");
  g_assert_cmpint (detail->tvmaze_id, >, 0);
  g_assert_cmpstr (detail->episode_order, ==, "aired");
  g_assert_cmpstr (detail->genres[0], ==, "Drama");
  g_assert_cmpuint (mml_series_item_get_n_missing (detail->series), ==, 1);
  g_assert_cmpuint (mml_series_item_get_n_upcoming (detail->series), ==, 1);
  episode = find_episode (detail, "Fog Bank");
  g_assert_true (episode->missing && !episode->upcoming);
  g_assert_cmpstr (episode->air_date, ==, "2024-05-15");
  episode = find_episode (detail, "Spring Tide");
  g_assert_true (episode->upcoming && !episode->missing);
  episode = find_episode (detail, "Behind the Lights");
  g_assert_true (episode->special && !episode->missing);
  episode = find_episode (detail, "Low Tide");
  g_assert_true (!episode->missing && episode->files->len == 1);
  g_assert_cmpuint (count_badges (GTK_WIDGET (page), "Missing"), ==, 1);
  g_assert_cmpuint (count_badges (GTK_WIDGET (page), "Upcoming"), ==, 1);
  g_assert_cmpuint (count_badges (GTK_WIDGET (page), "1 missing"), ==, 1);
  g_assert_cmpuint (count_badges (GTK_WIDGET (page), "1 upcoming"), ==, 1);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));

  /* … and its season posters: season 1's loaded, the specials' a placeholder */
  g_assert_true (g_str_has_suffix (find_season (detail, 1)->poster_url, "/seasons/harbour-lights-season-1.png"));
  g_assert_null (find_season (detail, 0)->poster_url);
  mml_app_test_iterate_until (season_poster_loaded, page, WAIT_TIMEOUT_MS, "the season poster");
  /* a loaded poster is sized by the next layout pass, which a loaded
   * machine may not have run yet: wait for the allocation itself */
  mml_app_test_iterate_until (season_poster_allocated, page, WAIT_TIMEOUT_MS, "the season poster's allocation");
  poster = mml_series_page_get_season_poster (page, 1);
  g_assert_true (g_str_has_suffix (mml_poster_image_get_url (MML_POSTER_IMAGE (poster)),
                                   "/seasons/harbour-lights-season-1.png"));
  g_assert_cmpint (gtk_widget_get_width (poster), ==, 56);
  poster = mml_series_page_get_season_poster (page, 0);
  g_assert_nonnull (poster);
  g_assert_null (mml_poster_image_get_url (MML_POSTER_IMAGE (poster)));
  g_assert_false (mml_poster_image_get_loaded (MML_POSTER_IMAGE (poster)));
  g_assert_cmpuint (mml_fake_server_get_count (server, "/seasons/*"), >=, 1);
  mml_app_test_wait_ms (600);
  mml_app_test_save_png (GTK_WIDGET (window), "series-page-metadata");
  /* scrolled to the seasons, for the screenshot */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (poster, GTK_TYPE_SCROLLED_WINDOW));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 260);
  mml_app_test_wait_ms (300);
  mml_app_test_save_png (GTK_WIDGET (window), "series-page-seasons");

  /* … rows titled by the episode, its code first under it; the season
   * headings count what is on disk of what aired */
  {
    GtkWidget *row = find_row (GTK_WIDGET (page), "Low Tide");

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (row_subtitle (row), "S01E01 · "));
    g_assert_null (find_row (GTK_WIDGET (page), "S01E01"));
    row = find_row (GTK_WIDGET (page), "Fog Bank");
    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (row_subtitle (row), "S01E03 · "));
    g_assert_nonnull (find_row (GTK_WIDGET (page), "Behind the Lights"));
  }
  g_assert_cmpstr (season_text (page, 1), ==, "2 / 3 on disk · 1 upcoming");
  g_assert_cmpstr (season_text (page, 0), ==, "0 / 1 on disk");
  g_assert_true (mml_series_page_get_season_expanded (page, 1));
  g_assert_true (mml_series_page_get_season_expanded (page, 0));

  /* … a running series since its first year, and its size on disk */
  item = mml_app_test_find_series (all, "Harbour Lights", NULL);
  g_assert_cmpuint (mml_series_item_get_size (item), >, 0);
  {
    g_autofree char *bytes = g_format_size (mml_series_item_get_size (item));
    g_autofree char *size = g_strdup_printf ("%s on disk", bytes);

    g_assert_nonnull (strstr (mml_series_page_get_facts (page), " · Since 2019 · "));
    g_assert_true (g_str_has_suffix (mml_series_page_get_facts (page), size));
    g_assert_null (strstr (mml_series_page_get_facts (page), "2019-01-07"));
  }

  /* … its menu: the folder, a refresh, the three orders (TVmaze has
   * aired only: the others greyed out, saying so) */
  {
    GtkMenuButton *button = find_menu_button_with_section (GTK_WIDGET (page), "Episode order");
    GMenuModel *menu;
    g_autoptr(GMenuModel) orders = NULL;
    static const char * const order_names[] = { "aired", "dvd", "absolute" };
    GtkWidget *popover;

    g_assert_nonnull (button);
    menu = gtk_menu_button_get_menu_model (button);
    g_assert_true (menu_has_action (menu, "page.open-folder"));
    g_assert_true (menu_has_action (menu, "page.refresh"));
    g_assert_true (menu_has_action (menu, "page.rematch"));
    g_assert_true (menu_has_action (menu, "page.unmatch"));
    g_assert_true (menu_has_action (menu, "page.ignored"));
    orders = find_section (menu, "Episode order");
    g_assert_cmpint (g_menu_model_get_n_items (orders), ==, 3);
    for (int i = 0; i < 3; i++)
      {
        g_autofree char *action = NULL;
        g_autofree char *target = NULL;

        g_assert_true (g_menu_model_get_item_attribute (orders, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_true (g_menu_model_get_item_attribute (orders, i, G_MENU_ATTRIBUTE_TARGET, "s", &target));
        g_assert_cmpstr (target, ==, order_names[i]);
        g_assert_cmpstr (action, ==, i == 0 ? "page.order" : "unoffered.order");
      }

    gtk_menu_button_popup (button);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
    mml_app_test_iterate_until (popover_shown, popover, WAIT_TIMEOUT_MS, "the series menu");
    g_assert_true (gtk_widget_is_sensitive (find_label (popover, "Open Folder")));
    g_assert_true (gtk_widget_is_sensitive (find_label (popover, "Refresh Metadata")));
    g_assert_true (gtk_widget_is_sensitive (find_label (popover, "Aired")));
    g_assert_false (gtk_widget_is_sensitive (find_label (popover, "DVD (not on TVmaze)")));
    g_assert_false (gtk_widget_is_sensitive (find_label (popover, "Absolute (not on TVmaze)")));
    mml_app_test_save_png (popover, "series-page-menu");
    gtk_menu_button_popdown (button);
    mml_app_test_iterate_until (popover_hidden, popover, WAIT_TIMEOUT_MS, "the menu to close");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL));

  /* An ended series runs from its first year to its end ("1998–2001"), or
   * to its last episode when the provider gave no end; within one year,
   * the year */
  open_series (view, model, "Loose Ends", NULL);
  g_assert_nonnull (strstr (mml_series_page_get_facts (page), " · 1998–2001 · "));
  open_series (view, model, "Complete Story", NULL);
  g_assert_nonnull (strstr (mml_series_page_get_facts (page), " · 2015 · "));
  g_assert_null (strstr (mml_series_page_get_facts (page), "Since"));

  /* A season watched through starts folded, the others open; what the
   * user unfolds stays so while the page reloads the series */
  /* (the item goes with the reload that follows the marks: keep its id) */
  series_id = mml_series_item_get_id (mml_app_test_find_series (all, "Breaking Point", NULL));
  mark_watched (engine, series_id, "S01");
  open_series (view, model, "Breaking Point", "Pressure");
  g_assert_nonnull (strstr (mml_series_page_get_facts (page), " · 2010–2011 · "));
  g_assert_cmpstr (season_text (page, 1), ==, "2 / 2 on disk · Watched");
  g_assert_cmpstr (season_text (page, 2), ==, "1 / 1 on disk");
  g_assert_false (mml_series_page_get_season_expanded (page, 1));
  g_assert_true (mml_series_page_get_season_expanded (page, 2));
  g_assert_false (gtk_widget_get_mapped (find_row (GTK_WIDGET (page), "Pilot")));
  mml_app_test_save_png (GTK_WIDGET (window), "series-page-folded");
  /* as Enter on the focused heading does */
  gtk_widget_activate (mml_series_page_get_season_toggle (page, 1));
  mml_app_test_iterate_until (first_season_shown, page, WAIT_TIMEOUT_MS, "season 1 to unfold");
  mark_watched (engine, series_id, "S02E01");
  open_series (view, model, "Breaking Point", "Fault Line");
  g_assert_cmpstr (season_text (page, 2), ==, "1 / 1 on disk · Watched");
  g_assert_true (mml_series_page_get_season_expanded (page, 1));
  g_assert_true (mml_series_page_get_season_expanded (page, 2));
  /* … and another series forgets it */
  open_series (view, model, "Loose Ends", NULL);
  open_series (view, model, "Breaking Point", NULL);
  g_assert_false (mml_series_page_get_season_expanded (page, 1));
  g_assert_false (mml_series_page_get_season_expanded (page, 2));

  /* From the menu: Unmatch, once the user confirms; then Leave Out of
   * Matching, a check */
  open_series (view, model, "Loose Ends", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.unmatch", NULL));
  question = mml_series_page_get_unmatch_dialog (page);
  g_assert_nonnull (question);
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  mml_app_test_save_png (GTK_WIDGET (question), "series-page-unmatch");
  /* what the Unmatch button does */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "unmatch");
  gtk_window_close (question);
  mml_app_test_iterate_until (pointer_cleared, &question, WAIT_TIMEOUT_MS, "the question to close");
  {
    StateWait wait = { page, "Loose Ends", "none" };

    mml_app_test_iterate_until (page_state_is, &wait, WAIT_TIMEOUT_MS, "the series unmatched");
  }
  g_assert_null (mml_series_item_get_provider (mml_series_page_get_detail (page)->series));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.ignored", NULL));
  {
    StateWait wait = { page, "Loose Ends", "ignored" };
    gboolean ignored = FALSE;

    mml_app_test_iterate_until (page_state_is, &wait, WAIT_TIMEOUT_MS, "the series left out of matching");
    g_object_get (page, "ignored", &ignored, NULL);
    g_assert_true (ignored);
  }
  g_assert_cmpstr (mml_series_item_get_match_state (mml_app_test_find_series (all, "Loose Ends", NULL)), ==, "ignored");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL));

  /* Add series: search the fake TVmaze, pick, check the folder name, add */
  dialog = MML_ADD_SERIES_DIALOG (mml_series_view_show_add_dialog (MML_SERIES_VIEW (view)));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_false (mml_add_series_dialog_get_can_add (dialog));
  mml_add_series_dialog_search (dialog, "girls");
  mml_app_test_iterate_until (search_and_find_done, dialog, WAIT_TIMEOUT_MS, "the search");
  g_assert_cmpuint (mml_add_series_dialog_get_n_results (dialog), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_false (mml_add_series_dialog_get_result_in_library (dialog, i));
  mml_add_series_dialog_select (dialog, 0);
  g_assert_null (mml_add_series_dialog_get_in_library (dialog));
  g_assert_cmpstr (mml_add_series_dialog_get_folder_name (dialog), ==, "Girls (2012)");
  g_assert_true (mml_add_series_dialog_get_can_add (dialog));
  mml_add_series_dialog_set_folder_name (dialog, "Harbour Lights (2019)");
  g_assert_false (mml_add_series_dialog_get_can_add (dialog));
  g_assert_nonnull (strstr (mml_add_series_dialog_get_message (dialog), "already"));
  mml_add_series_dialog_set_folder_name (dialog, "../Girls");
  g_assert_false (mml_add_series_dialog_get_can_add (dialog));
  mml_add_series_dialog_set_folder_name (dialog, "Girls/2012");
  g_assert_false (mml_add_series_dialog_get_can_add (dialog));
  mml_add_series_dialog_set_folder_name (dialog, "Girls (2012)");
  g_assert_true (mml_add_series_dialog_get_can_add (dialog));
  mml_app_test_wait_ms (600);   /* the result posters */
  mml_app_test_save_png (GTK_WIDGET (dialog), "add-series");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "add.add", NULL));
  mml_app_test_iterate_until (pointer_cleared, &dialog, WAIT_TIMEOUT_MS, "the window to close");
  mml_app_test_iterate_until (girls_matched, engine, WAIT_TIMEOUT_MS, "the new series, matched");
  {
    g_autofree char *folder = g_build_filename (tree, "Girls (2012)", NULL);

    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  }
  item = mml_app_test_find_series (all, "Girls", NULL);
  g_assert_cmpstr (mml_series_item_get_folder (item), ==, "Girls (2012)");
  g_assert_cmpint (mml_series_item_get_year (item), ==, 2012);
  g_assert_cmpstr (mml_series_item_get_network (item), ==, "HBO");
  /* aired, no file yet: every episode is missing */
  g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, 3);
  g_assert_cmpuint (mml_fake_server_get_count (server, "/shows/139"), >=, 1);

  /* … and its page is open */
  mml_app_test_iterate_until (page_loaded, page, WAIT_TIMEOUT_MS, "the new series' page");
  detail = mml_series_page_get_detail (page);
  g_assert_cmpint (mml_series_item_get_id (detail->series), ==, mml_series_item_get_id (item));
  g_assert_cmpuint (count_badges (GTK_WIDGET (page), "Missing"), ==, 3);
  /* the season from the show page, through the provider and the store */
  g_assert_cmpint (find_season (detail, 1)->episode_count, ==, 10);
  mml_app_test_iterate_until (season_poster_loaded, page, WAIT_TIMEOUT_MS, "the new series' season poster");
  g_assert_true (g_str_has_suffix (mml_poster_image_get_url (MML_POSTER_IMAGE (mml_series_page_get_season_poster (page, 1))),
                                   "/seasons/girls-season-1.png"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL));

  /* Adding the same show again: the window says where it is already and
   * offers to open it; a second copy stays possible (another quality) */
  dialog = MML_ADD_SERIES_DIALOG (mml_series_view_show_add_dialog (MML_SERIES_VIEW (view)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  mml_add_series_dialog_search (dialog, "girls");
  mml_app_test_iterate_until (search_and_find_done, dialog, WAIT_TIMEOUT_MS, "the second search");
  g_assert_true (mml_add_series_dialog_get_result_in_library (dialog, 0));
  for (guint i = 1; i < 10; i++)
    g_assert_false (mml_add_series_dialog_get_result_in_library (dialog, i));
  mml_add_series_dialog_select (dialog, 1);
  g_assert_null (mml_add_series_dialog_get_in_library (dialog));
  mml_add_series_dialog_select (dialog, 0);
  g_assert_nonnull (mml_add_series_dialog_get_in_library (dialog));
  g_assert_nonnull (strstr (mml_add_series_dialog_get_in_library (dialog), "already in your library"));
  g_assert_nonnull (strstr (mml_add_series_dialog_get_in_library (dialog), "Girls (2012)"));
  g_assert_false (mml_add_series_dialog_get_can_add (dialog));     /* that folder is taken */
  mml_add_series_dialog_set_folder_name (dialog, "Girls (2012) 2160p");
  g_assert_true (mml_add_series_dialog_get_can_add (dialog));      /* a second copy may go elsewhere */
  mml_app_test_wait_ms (600);   /* the result posters */
  mml_app_test_save_png (GTK_WIDGET (dialog), "add-series-in-library");
  g_assert_false (page_is_visible_child (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "add.open-existing", NULL));
  mml_app_test_iterate_until (pointer_cleared, &dialog, WAIT_TIMEOUT_MS, "the window to close");
  mml_app_test_iterate_until (page_shown, page, WAIT_TIMEOUT_MS, "the existing series' page");
  detail = mml_series_page_get_detail (page);
  g_assert_cmpint (mml_series_item_get_id (detail->series), ==, mml_series_item_get_id (item));
  /* nothing was added */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, G_N_ELEMENTS (library) + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "series.back", NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  mml_app_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-series-metadata-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_setenv ("MML_PROVIDER", "tvmaze", TRUE);

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);

  start_server ();
  g_setenv ("MML_TVMAZE_URL", mml_fake_server_get_base_url (server), TRUE);

  tree = g_build_filename (tmp_dir, "TV", NULL);
  write_tree ();
  prepare_library (db);

  app = mml_app_test_new_application ();
  mml_clock_set_today (mml_engine_get_clock (mml_application_get_engine (app)), TODAY);
  /* Without a window manager a modal window takes the focus with no
   * focus-out for the entry under it, and GtkText warns when its caret
   * blinks unfocused */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/series-metadata/grid-filters-page-add", test_series_metadata);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();

  g_clear_object (&app);
  g_clear_pointer (&server, mml_fake_server_free);
  mml_test_remove_tree (tmp_dir);
  g_free (tree);
  g_free (tmp_dir);

  return ret;
}
