/* test-library.c — the read API of the views: series list, series page,
 * unrecognised files and totals, over a scanned temporary tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-library.h"
#include "mml-store-roots.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-test-util.h"

typedef struct
{
  char     *dir;
  char     *tree;
  MmlStore *store;
  MmlRoot  *root;
} LibraryFixture;

/* The tree every test scans: two series, sidecars, and one clip the parser
 * cannot place. */
static const struct { const char *path; gsize size; } tree_files[] = {
  { "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot [1080p].mkv", 3000 },
  { "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot [1080p].heb.srt", 10 },
  { "Breaking Point (2010)/Season 01/Breaking Point - S01E01 - Pilot [1080p].en.srt", 10 },
  { "Breaking Point (2010)/Season 01/Breaking Point - S01E02 [720p].mkv", 2000 },
  { "Breaking Point (2010)/Season 01/Breaking Point - S01E02 [720p].en.forced.srt", 10 },
  { "Breaking Point (2010)/Season 02/Breaking Point - S02E01 [1080p].mkv", 1000 },
  { "Quiet Harbour/Season 1/Quiet Harbour S01E01.mkv", 500 },
  { "Quiet Harbour/Season 1/Quiet Harbour S01E02.mkv", 500 },
  { "random-clip.mkv", 100 },
};

static void
write_file (const char *dir,
            const char *rel,
            gsize       size)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *data = g_malloc0 (size);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static void
scan (LibraryFixture *fixture,
      MmlScanMode     mode)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  MmlScanRequest *request = mml_scan_request_new (mode);
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  mml_scan_request_set_root (request, mml_root_get_id (fixture->root));
  mml_scan_async (fixture->store, request, NULL, mml_sync_wait_cb, wait);   /* takes @request */
  summary = mml_scan_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
}

static void
library_setup (LibraryFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = mml_test_make_tmpdir ("mml-test-library-XXXXXX");
  fixture->tree = g_build_filename (fixture->dir, "TV", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    write_file (fixture->tree, tree_files[i].path, tree_files[i].size);

  db = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = mml_store_new (db);
  g_assert_true (mml_store_open (fixture->store, &error));
  g_assert_no_error (error);

  mml_store_add_root_async (fixture->store, fixture->tree, MML_ROOT_KIND_STANDARD,
                            NULL, mml_sync_wait_cb, wait);
  fixture->root = mml_store_add_root_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->root);

  scan (fixture, MML_SCAN_QUICK);
}

static void
library_teardown (LibraryFixture *fixture,
                  gconstpointer   data)
{
  g_clear_object (&fixture->root);
  g_clear_object (&fixture->store);
  mml_test_remove_tree (fixture->dir);
  g_free (fixture->tree);
  g_free (fixture->dir);
}

static GPtrArray *
list_series (LibraryFixture *fixture)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  mml_store_list_series_async (fixture->store, NULL, mml_sync_wait_cb, wait);
  items = mml_store_list_series_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static MmlSeriesItem *
find_series (GPtrArray  *items,
             const char *title)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (mml_series_item_get_title (g_ptr_array_index (items, i)), title) == 0)
      return g_ptr_array_index (items, i);

  g_error ("No series “%s”", title);
  return NULL;
}

static MmlSeriesDetail *
get_detail (LibraryFixture  *fixture,
            gint64           id,
            GError         **error)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

  mml_store_get_series_detail_async (fixture->store, id, NULL, mml_sync_wait_cb, wait);
  return mml_store_get_series_detail_finish (fixture->store, mml_sync_wait_run (wait), error);
}

static MmlLibraryTotals *
get_totals (LibraryFixture *fixture)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlLibraryTotals *totals;

  mml_store_get_totals_async (fixture->store, NULL, mml_sync_wait_cb, wait);
  totals = mml_store_get_totals_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (totals);
  return totals;
}

static void
exec_sql (LibraryFixture *fixture,
          const char     *sql)
{
  mml_test_store_exec (fixture->store, sql);
}

static guint
n_watched_property (MmlSeriesItem *item)
{
  guint n = G_MAXUINT;

  g_object_get (item, "n-watched", &n, NULL);
  return n;
}

/* Tests */

static void
test_library_series (LibraryFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GPtrArray) items = list_series (fixture);
  MmlSeriesItem *item;

  g_assert_cmpuint (items->len, ==, 2);

  /* Sorted by title */
  g_assert_cmpstr (mml_series_item_get_title (g_ptr_array_index (items, 0)), ==, "Breaking Point");
  g_assert_cmpstr (mml_series_item_get_title (g_ptr_array_index (items, 1)), ==, "Quiet Harbour");

  item = find_series (items, "Breaking Point");
  g_assert_cmpint (mml_series_item_get_year (item), ==, 2010);
  g_assert_cmpint (mml_series_item_get_root_id (item), ==, mml_root_get_id (fixture->root));
  g_assert_cmpstr (mml_series_item_get_folder (item), ==, "Breaking Point (2010)");
  g_assert_cmpuint (mml_series_item_get_n_seasons (item), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 3);
  g_assert_cmpuint (mml_series_item_get_n_files (item), ==, 3);
  g_assert_cmpuint (mml_series_item_get_n_missing_files (item), ==, 0);
  g_assert_cmpstr (mml_series_item_get_subtitle_languages (item), ==, "en, he");

  item = find_series (items, "Quiet Harbour");
  g_assert_cmpint (mml_series_item_get_year (item), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_seasons (item), ==, 1);
  g_assert_cmpuint (mml_series_item_get_n_episodes (item), ==, 2);
  g_assert_null (mml_series_item_get_subtitle_languages (item));
}

/* Nothing sets episodes.watched yet (the media-server sync will): SQL does */
static void
test_library_watched (LibraryFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(GPtrArray) before = list_series (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) more = NULL;

  g_assert_cmpuint (mml_series_item_get_n_watched (find_series (before, "Breaking Point")), ==, 0);
  g_assert_cmpuint (mml_series_item_get_n_watched (find_series (before, "Quiet Harbour")), ==, 0);

  /* two of Breaking Point's three episodes, none of Quiet Harbour's */
  exec_sql (fixture,
            "UPDATE episodes SET watched = 1, watched_at = 1700000000, watched_source = 'test' "
            "WHERE season = 1 AND series_id = (SELECT id FROM series WHERE title = 'Breaking Point')");
  after = list_series (fixture);
  g_assert_cmpuint (mml_series_item_get_n_watched (find_series (after, "Breaking Point")), ==, 2);
  g_assert_cmpuint (n_watched_property (find_series (after, "Breaking Point")), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_watched (find_series (after, "Quiet Harbour")), ==, 0);
  g_assert_cmpuint (n_watched_property (find_series (after, "Quiet Harbour")), ==, 0);
  /* the other counts are unchanged: only the watched count tells them apart */
  g_assert_cmpuint (mml_series_item_get_n_episodes (find_series (after, "Breaking Point")), ==, 3);
  g_assert_false (mml_series_item_equal (find_series (before, "Breaking Point"),
                                         find_series (after, "Breaking Point")));
  g_assert_true (mml_series_item_equal (find_series (before, "Quiet Harbour"),
                                        find_series (after, "Quiet Harbour")));

  /* every episode of one, one of the other */
  exec_sql (fixture,
            "UPDATE episodes SET watched = 1 "
            "WHERE series_id = (SELECT id FROM series WHERE title = 'Breaking Point') "
            "   OR (number = 2 AND series_id = (SELECT id FROM series WHERE title = 'Quiet Harbour'))");
  more = list_series (fixture);
  g_assert_cmpuint (mml_series_item_get_n_watched (find_series (more, "Breaking Point")), ==, 3);
  g_assert_cmpuint (mml_series_item_get_n_watched (find_series (more, "Quiet Harbour")), ==, 1);
  g_assert_false (mml_series_item_equal (find_series (after, "Quiet Harbour"),
                                         find_series (more, "Quiet Harbour")));

  /* the series page's own item counts the same (or the page would reload
   * for nothing each time the list changes) */
  {
    MmlSeriesItem *listed = find_series (more, "Breaking Point");
    g_autoptr(GError) error = NULL;
    g_autoptr(MmlSeriesDetail) detail = get_detail (fixture, mml_series_item_get_id (listed), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (mml_series_item_get_n_watched (detail->series), ==, 3);
    g_assert_true (mml_series_item_equal (detail->series, listed));
  }
}

static void
test_library_missing (LibraryFixture *fixture,
                      gconstpointer   data)
{
  g_autofree char *gone = g_build_filename (fixture->tree, tree_files[3].path, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MmlLibraryTotals) totals = NULL;

  g_assert_cmpint (g_unlink (gone), ==, 0);
  scan (fixture, MML_SCAN_QUICK);

  items = list_series (fixture);
  g_assert_cmpuint (mml_series_item_get_n_missing_files (find_series (items, "Breaking Point")), ==, 1);

  totals = get_totals (fixture);
  g_assert_cmpuint (totals->n_missing_files, ==, 1);
  g_assert_cmpuint (totals->n_files, ==, 5);
}

static void
test_library_detail (LibraryFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GPtrArray) items = list_series (fixture);
  MmlSeriesItem *item = find_series (items, "Breaking Point");
  g_autoptr(MmlSeriesDetail) detail = NULL;
  g_autoptr(GError) error = NULL;
  MmlSeasonInfo *season;
  MmlEpisodeInfo *episode;
  MmlFileInfo *file;
  gboolean seen_he = FALSE, seen_en = FALSE;

  /* as a scan stores the group of "… S01E02 [720p]-NTb.mkv" */
  exec_sql (fixture, "UPDATE files SET release_group = 'NTb' WHERE path LIKE '%S01E02 [720p].mkv';");
  detail = get_detail (fixture, mml_series_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_nonnull (detail);

  g_assert_cmpstr (mml_series_item_get_title (detail->series), ==, "Breaking Point");
  g_assert_cmpstr (detail->root_path, ==, mml_root_get_path (fixture->root));
  g_assert_cmpuint (mml_series_item_get_n_episodes (detail->series), ==, 3);
  g_assert_cmpstr (mml_series_item_get_subtitle_languages (detail->series), ==, "en, he");

  g_assert_cmpuint (detail->seasons->len, ==, 2);
  season = g_ptr_array_index (detail->seasons, 0);
  g_assert_cmpint (season->season, ==, 1);
  g_assert_cmpuint (season->episodes->len, ==, 2);

  episode = g_ptr_array_index (season->episodes, 0);
  g_assert_cmpint (episode->season, ==, 1);
  g_assert_cmpint (episode->number, ==, 1);
  g_assert_cmpuint (episode->files->len, ==, 1);
  file = g_ptr_array_index (episode->files, 0);
  g_assert_true (g_str_has_suffix (file->path, "S01E01 - Pilot [1080p].mkv"));
  g_assert_cmpstr (file->status, ==, "present");
  g_assert_cmpint (file->resolution, ==, 1080);
  g_assert_null (file->release_group);
  g_assert_cmpint (file->size, ==, 3000);
  g_assert_cmpuint (file->subtitles->len, ==, 2);
  for (guint i = 0; i < file->subtitles->len; i++)
    {
      MmlSubtitleTrack *sub = g_ptr_array_index (file->subtitles, i);

      g_assert_false (sub->forced);
      g_assert_nonnull (sub->path);
      seen_he |= g_strcmp0 (sub->language, "he") == 0;
      seen_en |= g_strcmp0 (sub->language, "en") == 0;
    }
  g_assert_true (seen_he && seen_en);

  episode = g_ptr_array_index (season->episodes, 1);
  g_assert_cmpint (episode->number, ==, 2);
  file = g_ptr_array_index (episode->files, 0);
  g_assert_cmpint (file->resolution, ==, 720);
  g_assert_cmpstr (file->release_group, ==, "NTb");
  g_assert_cmpuint (file->subtitles->len, ==, 1);
  g_assert_true (((MmlSubtitleTrack *) g_ptr_array_index (file->subtitles, 0))->forced);

  season = g_ptr_array_index (detail->seasons, 1);
  g_assert_cmpint (season->season, ==, 2);
  g_assert_cmpuint (season->episodes->len, ==, 1);
  g_assert_cmpuint (detail->other_files->len, ==, 0);

  /* A series that does not exist */
  g_clear_pointer (&detail, mml_series_detail_unref);
  detail = get_detail (fixture, 999999, &error);
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND);
  g_assert_null (detail);
}

static void
test_library_unrecognised (LibraryFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  MmlUnrecognisedFile *file;

  mml_store_list_unrecognised_async (fixture->store, NULL, mml_sync_wait_cb, wait);
  items = mml_store_list_unrecognised_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 1);

  file = g_ptr_array_index (items, 0);
  g_assert_cmpstr (mml_unrecognised_file_get_path (file), ==, "random-clip.mkv");
  g_assert_cmpstr (mml_unrecognised_file_get_root_path (file), ==, mml_root_get_path (fixture->root));
  g_assert_cmpint (mml_unrecognised_file_get_root_id (file), ==, mml_root_get_id (fixture->root));
  g_assert_cmpint (mml_unrecognised_file_get_file_id (file), >, 0);
}

static GPtrArray *
subtitle_status (LibraryFixture *fixture)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mml_store_subtitle_status_async (fixture->store, 0, NULL, mml_sync_wait_cb, wait);
  rows = mml_store_subtitle_status_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return rows;
}

/* The series query's counts are those of the status query (which reads
 * MML_EPISODE_SUBBED per series): same episodes, same subbed, same status */
static void
assert_same_as_status_query (LibraryFixture *fixture,
                             GPtrArray      *items)
{
  g_autoptr(GPtrArray) rows = subtitle_status (fixture);

  for (guint i = 0; i < rows->len; i++)
    {
      MmlSubtitleSeriesStatus *row = g_ptr_array_index (rows, i);
      MmlSeriesItem *item = find_series (items, row->title);

      g_assert_cmpuint (mml_series_item_get_n_episodes_on_disk (item), ==, row->episodes);
      g_assert_cmpuint (mml_series_item_get_n_subbed (item), ==, row->subbed);
      g_assert_cmpint (mml_series_item_get_subtitle_status (item), ==, row->status);
      g_assert_cmpint (mml_series_item_get_subtitle_override (item, NULL), ==, row->has_override);
    }
}

/* What the dashboard's count should be: the lacking series' unsubbed episodes */
static guint
unsubbed_of_items (GPtrArray *items)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      MmlSeriesItem *item = g_ptr_array_index (items, i);

      if (mml_series_item_lacks_subtitles (item))
        n += mml_series_item_get_n_episodes_on_disk (item) - mml_series_item_get_n_subbed (item);
    }

  return n;
}

static void
test_library_subtitles (LibraryFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MmlLibraryTotals) totals = NULL;
  MmlSubtitleStatus override;
  MmlSeriesItem *breaking;
  MmlSeriesItem *harbour;
  char *status = NULL;

  exec_sql (fixture, "INSERT INTO preferences (key, value) VALUES ('subtitles.languages', 'he en')");

  /* Breaking Point: S01E01 has Hebrew and English sidecars, S01E02 a
   * forced English one only, S02E01 none; Quiet Harbour: none */
  items = list_series (fixture);
  breaking = find_series (items, "Breaking Point");
  harbour = find_series (items, "Quiet Harbour");
  g_assert_cmpstr (mml_series_item_get_subtitle_language (breaking), ==, "he");
  g_assert_cmpuint (mml_series_item_get_n_episodes_on_disk (breaking), ==, 3);
  g_assert_cmpuint (mml_series_item_get_n_subbed (breaking), ==, 1);
  g_assert_cmpint (mml_series_item_get_subtitle_status (breaking), ==, MML_SUBTITLE_STATUS_MIXED);
  g_assert_false (mml_series_item_get_subtitle_override (breaking, NULL));
  g_assert_true (mml_series_item_lacks_subtitles (breaking));
  g_object_get (breaking, "subtitle-status", &status, NULL);
  g_assert_cmpstr (status, ==, "mixed");
  g_clear_pointer (&status, g_free);
  g_assert_cmpuint (mml_series_item_get_n_episodes_on_disk (harbour), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_subbed (harbour), ==, 0);
  g_assert_cmpint (mml_series_item_get_subtitle_status (harbour), ==, MML_SUBTITLE_STATUS_NONE);
  assert_same_as_status_query (fixture, items);

  totals = get_totals (fixture);
  g_assert_cmpstr (totals->subtitle_language, ==, "he");
  g_assert_cmpuint (totals->n_unsubbed, ==, 2 + 2);
  g_assert_cmpuint (totals->n_unsubbed, ==, unsubbed_of_items (items));
  g_clear_pointer (&totals, mml_library_totals_unref);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Embedded Hebrew tracks in the other two episodes: every one subbed */
  exec_sql (fixture,
            "INSERT INTO subtitles (video_id, language, embedded, codec, title) "
            "SELECT id, 'he', 1, 'subrip', 'Hebrew' FROM files WHERE kind = 'video' "
            "AND (path LIKE '%S01E02%' OR path LIKE '%S02E01%') AND path LIKE 'Breaking%'");
  items = list_series (fixture);
  breaking = find_series (items, "Breaking Point");
  g_assert_cmpuint (mml_series_item_get_n_subbed (breaking), ==, 3);
  g_assert_cmpint (mml_series_item_get_subtitle_status (breaking), ==, MML_SUBTITLE_STATUS_WITH);
  g_assert_false (mml_series_item_lacks_subtitles (breaking));
  assert_same_as_status_query (fixture, items);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The first language decides: English has S01E01 only (forced does not count) */
  exec_sql (fixture, "UPDATE preferences SET value = 'en he' WHERE key = 'subtitles.languages'");
  items = list_series (fixture);
  breaking = find_series (items, "Breaking Point");
  g_assert_cmpstr (mml_series_item_get_subtitle_language (breaking), ==, "en");
  g_assert_cmpuint (mml_series_item_get_n_subbed (breaking), ==, 1);
  g_assert_cmpint (mml_series_item_get_subtitle_status (breaking), ==, MML_SUBTITLE_STATUS_MIXED);
  assert_same_as_status_query (fixture, items);
  g_clear_pointer (&items, g_ptr_array_unref);
  exec_sql (fixture, "UPDATE preferences SET value = 'he en' WHERE key = 'subtitles.languages'");

  /* A file gone from disk takes its episode out; an override wins, and
   * "with" takes the series out of the count */
  exec_sql (fixture, "UPDATE files SET status = 'missing' WHERE path LIKE 'Breaking%S02E01%.mkv';"
                     "UPDATE series SET subtitles_override = 'with' WHERE title = 'Quiet Harbour'");
  items = list_series (fixture);
  breaking = find_series (items, "Breaking Point");
  harbour = find_series (items, "Quiet Harbour");
  g_assert_cmpuint (mml_series_item_get_n_episodes_on_disk (breaking), ==, 2);
  g_assert_cmpuint (mml_series_item_get_n_subbed (breaking), ==, 2);
  g_assert_true (mml_series_item_get_subtitle_override (harbour, &override));
  g_assert_cmpint (override, ==, MML_SUBTITLE_STATUS_WITH);
  g_assert_cmpint (mml_series_item_get_subtitle_status (harbour), ==, MML_SUBTITLE_STATUS_WITH);
  g_assert_cmpuint (mml_series_item_get_n_subbed (harbour), ==, 0);
  g_assert_false (mml_series_item_lacks_subtitles (harbour));
  g_object_get (harbour, "subtitle-override", &status, NULL);
  g_assert_cmpstr (status, ==, "with");
  g_clear_pointer (&status, g_free);
  assert_same_as_status_query (fixture, items);

  totals = get_totals (fixture);
  g_assert_cmpuint (totals->n_unsubbed, ==, 0);
  g_assert_cmpuint (totals->n_unsubbed, ==, unsubbed_of_items (items));

  /* One series (the series page's read) says the same as the list */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MmlSeriesDetail) detail = get_detail (fixture, mml_series_item_get_id (harbour), &error);

    g_assert_no_error (error);
    g_assert_true (mml_series_item_equal (detail->series, harbour));
  }
}

static void
test_library_totals (LibraryFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(MmlLibraryTotals) totals = get_totals (fixture);
  g_autoptr(MmlLastScan) last = NULL;
  g_autoptr(GError) error = NULL;
  MmlRootTotals *root;

  g_assert_cmpuint (totals->n_series, ==, 2);
  g_assert_cmpuint (totals->n_episodes, ==, 5);
  g_assert_cmpuint (totals->n_files, ==, 6);      /* videos, the clip included */
  g_assert_cmpuint (totals->n_subtitles, ==, 3);
  g_assert_cmpuint (totals->n_missing_files, ==, 0);
  g_assert_cmpuint (totals->n_unrecognised, ==, 1);
  g_assert_cmpuint (totals->total_size, ==, 3000 + 2000 + 1000 + 500 + 500 + 100 + 30);

  g_assert_cmpuint (totals->roots->len, ==, 1);
  root = g_ptr_array_index (totals->roots, 0);
  g_assert_cmpint (root->root_id, ==, mml_root_get_id (fixture->root));
  g_assert_cmpstr (root->path, ==, mml_root_get_path (fixture->root));
  g_assert_true (root->enabled);
  g_assert_cmpuint (root->n_series, ==, 2);
  g_assert_cmpuint (root->n_files, ==, 6);
  g_assert_cmpint (root->last_scan_at, >, 0);
  g_assert_nonnull (root->last_scan);

  last = mml_last_scan_parse (root->last_scan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_cmpuint (last->added, ==, G_N_ELEMENTS (tree_files));
  g_assert_cmpuint (last->videos, ==, 6);
  g_assert_cmpuint (last->subtitles, ==, 3);
  g_assert_cmpuint (last->unrecognised, ==, 1);
  g_assert_cmpuint (last->errors, ==, 0);
  g_assert_nonnull (last->error_messages);
  g_assert_null (last->error_messages[0]);
}

/* The dashboard's charts: weeks from the store's clock (Monday, local;
 * TZ is UTC here), episodes by their first video, marks by their time,
 * the growth of today's files, the viewing status of the series read
 * model and subtitle coverage counted as the totals count */
static void
test_library_history (LibraryFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlLibraryHistory) history = NULL;
  g_autoptr(MmlLibraryTotals) totals = NULL;
  g_autoptr(GError) error = NULL;
  const MmlSubtitleCoverage *he, *en;
  /* Saturday 15 June 2024, noon: its week starts Monday 10 June */
  const gint64 monday = 1717977600;

  mml_clock_set_now (mml_store_get_clock (fixture->store), monday + 5 * 86400 + 12 * 3600);
  exec_sql (fixture,
            "INSERT INTO preferences (key, value) VALUES ('subtitles.languages', 'he en');"
            /* Breaking Point arrived this week, its S02 the week before; Quiet Harbour long ago */
            "UPDATE files SET first_seen = 1717977600 + 60 WHERE path LIKE 'Breaking%';"
            "UPDATE files SET first_seen = 1717977600 - 86400 WHERE path LIKE 'Breaking%S02E01%';"
            "UPDATE files SET first_seen = 1600000000 WHERE path NOT LIKE 'Breaking%';"
            /* a second file of S01E01 seen later does not add it again */
            "UPDATE episodes SET watched = 1, watched_at = 1717977600 + 3600 "
            " WHERE season = 1 AND number = 1 AND series_id IN (SELECT id FROM series WHERE title = 'Breaking Point');"
            "UPDATE episodes SET watched = 1, watched_at = 1717977600 - 11 * 604800 "
            " WHERE series_id IN (SELECT id FROM series WHERE title = 'Quiet Harbour');"
            /* before the first week: not counted */
            "UPDATE episodes SET watched = 1, watched_at = 1600000000 "
            " WHERE season = 2 AND series_id IN (SELECT id FROM series WHERE title = 'Breaking Point');");

  mml_store_get_history_async (fixture->store, 12, NULL, mml_sync_wait_cb, wait);
  history = mml_store_get_history_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (history);

  g_assert_cmpuint (history->n_weeks, ==, 12);
  g_assert_cmpint (history->week_starts[11], ==, monday);
  g_assert_cmpint (history->week_starts[0], ==, monday - 11 * 604800);
  /* the clip and Quiet Harbour came before the first week */
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (history->added[i], ==, 0);
      g_assert_cmpuint (history->size[i], ==, 100 + 500 + 500);
    }
  g_assert_cmpuint (history->added[10], ==, 1);
  g_assert_cmpuint (history->added[11], ==, 2);
  g_assert_cmpuint (history->watched[0], ==, 2);
  g_assert_cmpuint (history->watched[11], ==, 1);
  for (guint i = 1; i < 11; i++)
    g_assert_cmpuint (history->watched[i], ==, 0);
  /* today's files by when they came */
  g_assert_cmpuint (history->size[10], ==, 100 + 500 + 500 + 1000);
  g_assert_cmpuint (history->size[11], ==, 100 + 500 + 500 + 1000 + 3000 + 2000 + 30);

  /* Breaking Point: S01E01 and S02E01 watched, S01E02 left, one watched
   * this week; Quiet Harbour: every episode */
  g_assert_cmpuint (history->viewing[MML_VIEWING_WATCHING], ==, 1);
  g_assert_cmpuint (history->viewing[MML_VIEWING_CAUGHT_UP], ==, 1);
  g_assert_cmpuint (history->viewing[MML_VIEWING_NOT_STARTED], ==, 0);

  g_assert_cmpuint (history->subtitles->len, ==, 2);
  he = g_ptr_array_index (history->subtitles, 0);
  en = g_ptr_array_index (history->subtitles, 1);
  g_assert_cmpstr (he->language, ==, "he");
  g_assert_cmpstr (en->language, ==, "en");
  g_assert_cmpuint (he->on_disk, ==, 5);
  g_assert_cmpuint (he->subbed, ==, 1);
  g_assert_cmpuint (en->on_disk, ==, 5);
  /* S01E02's English track is forced: it does not count */
  g_assert_cmpuint (en->subbed, ==, 1);

  /* the same count as the totals' "without subtitles" */
  totals = get_totals (fixture);
  g_assert_cmpuint (totals->n_unsubbed, ==, he->on_disk - he->subbed);
  mml_clock_set_now (mml_store_get_clock (fixture->store), 0);
}

static void
test_library_last_scan_parse (void)
{
  g_autoptr(MmlLastScan) last = NULL;
  g_autoptr(GError) error = NULL;

  last = mml_last_scan_parse ("{\"new\": 3, \"errors\": 2, \"seconds\": 1.5, "
                              "\"error_messages\": [\"a: denied\", \"b: gone\"]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last->added, ==, 3);
  g_assert_cmpuint (last->errors, ==, 2);
  g_assert_cmpfloat (last->seconds, ==, 1.5);
  g_assert_cmpuint (g_strv_length (last->error_messages), ==, 2);
  g_assert_cmpstr (last->error_messages[1], ==, "b: gone");
  g_clear_pointer (&last, mml_last_scan_free);

  last = mml_last_scan_parse ("[1, 2]", &error);
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT);
  g_assert_null (last);
  g_clear_error (&error);

  last = mml_last_scan_parse ("{\"new\": ", &error);
  g_assert_nonnull (error);
  g_assert_null (last);
}

static void
test_library_empty (void)
{
  g_autofree char *dir = mml_test_make_tmpdir ("mml-test-library-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autoptr(MmlStore) store = mml_store_new (db);
  MmlSyncWait *wait;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(MmlLibraryTotals) totals = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_store_open (store, &error));

  /* One MmlSyncWait at a time: each pushes its own thread-default context */
  wait = mml_sync_wait_new ();
  mml_store_list_series_async (store, NULL, mml_sync_wait_cb, wait);
  items = mml_store_list_series_finish (store, mml_sync_wait_run (wait), &error);
  mml_sync_wait_free (wait);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);

  wait = mml_sync_wait_new ();
  mml_store_get_totals_async (store, NULL, mml_sync_wait_cb, wait);
  totals = mml_store_get_totals_finish (store, mml_sync_wait_run (wait), &error);
  mml_sync_wait_free (wait);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->n_series, ==, 0);
  g_assert_cmpuint (totals->total_size, ==, 0);
  g_assert_cmpuint (totals->roots->len, ==, 0);

  g_clear_object (&store);
  mml_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

#define ADD(path, func) \
  g_test_add (path, LibraryFixture, NULL, library_setup, func, library_teardown)

  ADD ("/core/library/series", test_library_series);
  ADD ("/core/library/watched", test_library_watched);
  ADD ("/core/library/missing", test_library_missing);
  ADD ("/core/library/detail", test_library_detail);
  ADD ("/core/library/unrecognised", test_library_unrecognised);
  ADD ("/core/library/totals", test_library_totals);
  ADD ("/core/library/subtitles", test_library_subtitles);
  ADD ("/core/library/history", test_library_history);
  g_test_add_func ("/core/library/last-scan-parse", test_library_last_scan_parse);
  g_test_add_func ("/core/library/empty", test_library_empty);

#undef ADD

  return g_test_run ();
}
