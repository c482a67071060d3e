/* test-scanner.c — scanning roots: grouping, quick/full, renames, hostile trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <unistd.h>

#include "mml-files.h"
#include "mml-store-roots.h"
#include "mml-scanner.h"
#include "mml-util.h"
#include "mml-test-util.h"

typedef struct
{
  char     *dir;
  char     *tree;
  char     *real_dir;    /* canonical, as the store keeps the root */
  char     *real_tree;
  MmlStore *store;
  gint64    root_id;
} ScanFixture;

/* Where the fixture's root lives (a test's data).  Tests cannot mount:
 * they tell mml_root_probe_disk() which folders to take for another file
 * system's. */
typedef enum
{
  ON_ITS_FOLDER,       /* the temporary folder's file system, as it is */
  ON_MOUNTED_DISK,     /* TV is a mount point */
  ON_DISK_ABOVE,       /* TV is a folder of a disk mounted one folder up */
} Where;

/* A device number no machine running the tests has */
#define DISK G_GUINT64_CONSTANT (0x4d4d4c0000000001)

static void
touch (const char *tree,
       const char *rel)
{
  g_autofree char *path = g_build_filename (tree, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, rel, -1, NULL));
}

static void
scan_setup (ScanFixture   *fixture,
            gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlRoot) root = NULL;
  Where where = GPOINTER_TO_INT (data);

  fixture->dir = mml_test_make_tmpdir ("mml-test-scanner-XXXXXX");
  fixture->tree = g_build_filename (fixture->dir, "TV", NULL);
  g_mkdir (fixture->tree, 0755);
  fixture->real_dir = realpath (fixture->dir, NULL);
  fixture->real_tree = realpath (fixture->tree, NULL);
  g_assert_nonnull (fixture->real_tree);
  if (where == ON_DISK_ABOVE)
    mml_root_set_device_override (fixture->real_dir, DISK);
  if (where != ON_ITS_FOLDER)
    mml_root_set_device_override (fixture->real_tree, DISK);
  db = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = mml_store_new (db);
  g_assert_true (mml_store_open (fixture->store, &error));

  mml_store_add_root_async (fixture->store, fixture->tree, MML_ROOT_KIND_STANDARD, NULL,
                            mml_sync_wait_cb, wait);
  root = mml_store_add_root_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  fixture->root_id = mml_root_get_id (root);
}

static void
scan_teardown (ScanFixture   *fixture,
               gconstpointer  data)
{
  mml_store_close (fixture->store);
  g_clear_object (&fixture->store);
  mml_root_set_device_override (fixture->real_dir, 0);
  mml_root_set_device_override (fixture->real_tree, 0);
  mml_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->tree);
  free (fixture->real_dir);
  free (fixture->real_tree);
}

static MmlScanSummary *
scan (ScanFixture *fixture,
      MmlScanMode  mode)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlScanRequest *request = mml_scan_request_new (mode);
  MmlScanSummary *summary;

  mml_scan_request_set_events (request, TRUE);
  mml_scan_async (fixture->store, request, NULL, mml_sync_wait_cb, wait);
  summary = mml_scan_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

/* `mml files --json` as parsed JSON: path → object */
static JsonObject *
find_file (JsonArray  *files,
           const char *path)
{
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *o = json_array_get_object_element (files, i);

      if (g_strcmp0 (json_object_get_string_member (o, "path"), path) == 0)
        return o;
    }
  return NULL;
}

static JsonNode *
dump_files (ScanFixture *fixture)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *text;

  mml_store_dump_files_async (fixture->store, 0, MML_FILES_JSON, NULL, mml_sync_wait_cb, wait);
  bytes = mml_store_dump_files_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, &len);
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_true (json_parser_load_from_data (parser, text, len, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
json_int_at (JsonObject *o,
             const char *member,
             guint       index)
{
  JsonArray *a = json_object_get_array_member (o, member);

  g_assert_cmpuint (json_array_get_length (a), >, index);
  return json_array_get_int_element (a, index);
}

static void
test_scan_groups_tree (ScanFixture   *fixture,
                       gconstpointer  data)
{
  g_autoptr(MmlScanSummary) s = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *files;
  JsonObject *o;

  touch (fixture->tree, "Shadow Harbor (2010)/Season 02/01.mkv");
  touch (fixture->tree, "Shadow Harbor (2010)/Season 02/01.heb.srt");
  touch (fixture->tree, "Shadow Harbor (2010)/Season 02/01.en.forced.srt");
  touch (fixture->tree, "Shadow Harbor (2010)/Season 02/Shadow.Harbor.S02E02E03.720p.HDTV.x264-LOL.mkv");
  touch (fixture->tree, "Shadow Harbor (2010)/Specials/Shadow Harbor - S00E01 - Pilot.mkv");
  touch (fixture->tree, "Shadow Harbor (2010)/tvshow.nfo");
  touch (fixture->tree, "Shadow Harbor (2010)/poster.jpg");
  touch (fixture->tree, "Shadow Harbor (2010)/Season 02/01.sample.mkv");
  touch (fixture->tree, "Shadow Harbor (2010)/Season 02/next.mkv.part");
  touch (fixture->tree, "Shadow Harbor (2010)/Extras/Making of.mkv");
  touch (fixture->tree, "Shadow Harbor (2010)/.hidden.mkv");
  touch (fixture->tree, "Iron Garden [tvdbid-12345]/[SubsPlease] Iron Garden - 133 [1080p].mkv");
  touch (fixture->tree, "Night Office/Night.Office.2024.03.05.Guest.720p.WEB-x264-GRP.mkv");
  touch (fixture->tree, "Night Office/random clip.mkv");
  touch (fixture->tree, "Loose.Show.S01E04.1080p.WEB-DL.mkv");

  s = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s->videos, ==, 7);
  g_assert_cmpuint (s->subtitles, ==, 2);
  g_assert_cmpuint (s->added, ==, 9);
  g_assert_cmpuint (s->unrecognised, ==, 1);
  g_assert_cmpuint (s->series, ==, 4);
  g_assert_cmpuint (s->errors, ==, 0);
  g_assert_cmpuint (s->ignored, >=, 4);

  root = dump_files (fixture);
  files = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (files), ==, 7);

  o = find_file (files, "Shadow Harbor (2010)/Season 02/01.mkv");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "series"), ==, "Shadow Harbor");
  g_assert_cmpint (json_object_get_int_member (o, "season"), ==, 2);
  g_assert_cmpint (json_int_at (o, "episodes", 0), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "present");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "subtitles")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "subtitles"), 0), ==, "en");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "subtitles"), 1), ==, "he");

  o = find_file (files, "Shadow Harbor (2010)/Season 02/Shadow.Harbor.S02E02E03.720p.HDTV.x264-LOL.mkv");
  g_assert_nonnull (o);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "episodes")), ==, 2);
  g_assert_cmpint (json_int_at (o, "episodes", 1), ==, 3);

  o = find_file (files, "Shadow Harbor (2010)/Specials/Shadow Harbor - S00E01 - Pilot.mkv");
  g_assert_nonnull (o);
  g_assert_cmpint (json_object_get_int_member (o, "season"), ==, 0);

  o = find_file (files, "Iron Garden [tvdbid-12345]/[SubsPlease] Iron Garden - 133 [1080p].mkv");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "series"), ==, "Iron Garden");
  g_assert_cmpint (json_int_at (o, "absolute", 0), ==, 133);

  o = find_file (files, "Night Office/Night.Office.2024.03.05.Guest.720p.WEB-x264-GRP.mkv");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "air_date"), ==, "2024-03-05");

  o = find_file (files, "Loose.Show.S01E04.1080p.WEB-DL.mkv");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "series"), ==, "Loose Show");

  g_assert_null (find_file (files, "Shadow Harbor (2010)/Extras/Making of.mkv"));
  g_assert_null (find_file (files, "Shadow Harbor (2010)/Season 02/01.sample.mkv"));
}

static gboolean
has_event (MmlScanSummary   *s,
           MmlScanEventKind  kind,
           const char       *path,
           const char       *old_path)
{
  for (guint i = 0; i < s->events->len; i++)
    {
      MmlScanEvent *e = g_ptr_array_index (s->events, i);

      if (e->kind == kind && g_strcmp0 (e->path, path) == 0 && g_strcmp0 (e->old_path, old_path) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_scan_quick_diff (ScanFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(MmlScanSummary) first = NULL;
  g_autoptr(MmlScanSummary) again = NULL;
  g_autoptr(MmlScanSummary) after = NULL;
  g_autoptr(MmlScanSummary) full = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  touch (fixture->tree, "Red Line/Season 1/Red.Line.S01E01.mkv");
  touch (fixture->tree, "Red Line/Season 1/Red.Line.S01E01.en.srt");
  touch (fixture->tree, "Red Line/Season 1/Red.Line.S01E02.mkv");
  touch (fixture->tree, "Red Line/Season 1/Red.Line.S01E03.mkv");
  first = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (first->added, ==, 4);

  again = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 4);
  g_assert_cmpuint (again->events->len, ==, 0);

  /* move into another folder (same inode), change, delete, add */
  a = g_build_filename (fixture->tree, "Red Line/Season 1/Red.Line.S01E01.mkv", NULL);
  b = g_build_filename (fixture->tree, "Red Line/Season 2/Red.Line.S01E01.mkv", NULL);
  {
    g_autofree char *season2 = g_path_get_dirname (b);
    g_mkdir (season2, 0755);
  }
  g_assert_cmpint (g_rename (a, b), ==, 0);
  c = g_build_filename (fixture->tree, "Red Line/Season 1/Red.Line.S01E02.mkv", NULL);
  g_assert_true (g_file_set_contents (c, "now longer than before", -1, NULL));
  d = g_build_filename (fixture->tree, "Red Line/Season 1/Red.Line.S01E03.mkv", NULL);
  g_assert_cmpint (g_unlink (d), ==, 0);
  touch (fixture->tree, "Red Line/Season 1/Red.Line.S01E04.mkv");

  after = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (after->renamed, ==, 1);
  g_assert_cmpuint (after->changed, ==, 1);
  g_assert_cmpuint (after->missing, ==, 1);
  g_assert_cmpuint (after->added, ==, 1);
  g_assert_true (has_event (after, MML_SCAN_EVENT_RENAMED, "Red Line/Season 2/Red.Line.S01E01.mkv",
                            "Red Line/Season 1/Red.Line.S01E01.mkv"));
  g_assert_true (has_event (after, MML_SCAN_EVENT_DELETED, "Red Line/Season 1/Red.Line.S01E03.mkv", NULL));
  g_assert_true (has_event (after, MML_SCAN_EVENT_CHANGED, "Red Line/Season 1/Red.Line.S01E02.mkv", NULL));
  g_assert_true (has_event (after, MML_SCAN_EVENT_CREATED, "Red Line/Season 1/Red.Line.S01E04.mkv", NULL));

  /* A full scan re-parses everything but finds nothing new. */
  full = scan (fixture, MML_SCAN_FULL);
  g_assert_cmpuint (full->added + full->changed + full->renamed + full->missing, ==, 0);
  g_assert_cmpuint (full->videos, ==, 3);
}

/* One folder with more videos than are parsed ahead of the writer (the
 * probe's 100,000 files in one folder took 299 MB that way): every one is
 * still parsed, those past the limit by the writer itself. */
static void
test_scan_big_folder (ScanFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(MmlScanSummary) first = NULL;
  g_autoptr(JsonNode) files = NULL;
  JsonArray *all;
  guint n = 0;

  for (int season = 1; season <= 60; season++)
    for (int episode = 1; episode <= 50; episode++)
      {
        g_autofree char *rel = g_strdup_printf ("Big Show/All/Big.Show.S%02dE%02d.mkv", season, episode);

        touch (fixture->tree, rel);
      }
  first = scan (fixture, MML_SCAN_FULL);
  g_assert_cmpuint (first->added, ==, 3000);
  g_assert_cmpuint (first->videos, ==, 3000);

  files = dump_files (fixture);
  all = json_node_get_array (files);
  g_assert_cmpuint (json_array_get_length (all), ==, 3000);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *o = json_array_get_object_element (all, i);
      const char *path = json_object_get_string_member (o, "path");
      int season = 0, episode = 0;

      g_assert_cmpint (sscanf (path, "Big Show/All/Big.Show.S%02dE%02d.mkv", &season, &episode), ==, 2);
      g_assert_cmpint (json_object_get_int_member (o, "season"), ==, season);
      g_assert_cmpint (json_int_at (o, "episodes", 0), ==, episode);
      n++;
    }
  g_assert_cmpuint (n, ==, 3000);
}

static guint
n_subtitles_of (ScanFixture *fixture,
                const char  *path)
{
  g_autoptr(JsonNode) files = dump_files (fixture);
  JsonObject *o = find_file (json_node_get_array (files), path);

  g_assert_nonnull (o);
  return json_array_get_length (json_object_get_array_member (o, "subtitles"));
}

/* A deleted sidecar is no longer listed with its video, after any scan;
 * one on an unplugged root still is. */
static void
test_scan_deleted_subtitle (ScanFixture   *fixture,
                            gconstpointer  data)
{
  const char *video = "Amber Coast/Season 1/Amber.Coast.S01E01.mkv";
  g_autoptr(MmlScanSummary) s1 = NULL;
  g_autoptr(MmlScanSummary) s2 = NULL;
  g_autoptr(MmlScanSummary) s3 = NULL;
  g_autoptr(MmlScanSummary) s4 = NULL;
  g_autofree char *en = g_build_filename (fixture->tree, "Amber Coast/Season 1/Amber.Coast.S01E01.en.srt", NULL);
  g_autofree char *away = g_build_filename (fixture->dir, "TV-away", NULL);

  touch (fixture->tree, video);
  touch (fixture->tree, "Amber Coast/Season 1/Amber.Coast.S01E01.en.srt");
  touch (fixture->tree, "Amber Coast/Season 1/Amber.Coast.S01E01.fr.srt");
  s1 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s1->subtitles, ==, 2);
  g_assert_cmpuint (n_subtitles_of (fixture, video), ==, 2);

  g_assert_cmpint (g_unlink (en), ==, 0);
  s2 = scan (fixture, MML_SCAN_FULL);
  g_assert_cmpuint (s2->missing, ==, 1);
  g_assert_cmpuint (n_subtitles_of (fixture, video), ==, 1);

  s3 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (n_subtitles_of (fixture, video), ==, 1);

  /* unplugged: the video and its remaining sidecar are unavailable, still listed */
  g_assert_cmpint (g_rename (fixture->tree, away), ==, 0);
  s4 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s4->missing, ==, 0);
  g_assert_cmpuint (n_subtitles_of (fixture, video), ==, 1);
  g_assert_cmpint (g_rename (away, fixture->tree), ==, 0);
}

/* A rename keeps the row, so whatever hangs off it survives. */
static void
test_scan_rename_keeps_id (ScanFixture   *fixture,
                           gconstpointer  data)
{
  g_autoptr(MmlScanSummary) s1 = NULL;
  g_autoptr(MmlScanSummary) s2 = NULL;
  g_autofree char *from = g_build_filename (fixture->tree, "Blue Road", NULL);
  g_autofree char *to = g_build_filename (fixture->tree, "Blue Road (2019)", NULL);
  g_autofree char *db = g_build_filename (fixture->dir, "library.db", NULL);
  sqlite3 *raw;
  sqlite3_stmt *stmt;
  gint64 id_before, id_after;

  touch (fixture->tree, "Blue Road/Blue.Road.S01E01.mkv");
  s1 = scan (fixture, MML_SCAN_QUICK);

  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  sqlite3_prepare_v2 (raw, "SELECT id FROM files WHERE path LIKE '%S01E01.mkv'", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id_before = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (g_rename (from, to), ==, 0);
  s2 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s2->renamed, ==, 1);
  g_assert_cmpuint (s2->missing, ==, 0);
  g_assert_cmpuint (s2->added, ==, 0);

  sqlite3_prepare_v2 (raw, "SELECT f.id, s.title, s.year FROM files f JOIN series s ON s.id = f.series_id "
                      "WHERE f.path = 'Blue Road (2019)/Blue.Road.S01E01.mkv'", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id_after = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Blue Road");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 2019);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id_before, ==, id_after);

  /* The old series folder row went with its last file. */
  sqlite3_prepare_v2 (raw, "SELECT count(*) FROM series", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
}

static void
test_scan_unplugged_root (ScanFixture   *fixture,
                          gconstpointer  data)
{
  g_autoptr(MmlScanSummary) s1 = NULL;
  g_autoptr(MmlScanSummary) s2 = NULL;
  g_autoptr(MmlScanSummary) s3 = NULL;
  g_autoptr(MmlScanSummary) s4 = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autofree char *away = g_build_filename (fixture->dir, "TV-away", NULL);

  touch (fixture->tree, "Glass Island/Glass.Island.S01E01.mkv");
  touch (fixture->tree, "Glass Island/Glass.Island.S01E02.mkv");
  s1 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s1->added, ==, 2);

  /* The disk is gone: files are unavailable, never missing. */
  g_assert_cmpint (g_rename (fixture->tree, away), ==, 0);
  s2 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s2->unavailable, ==, 2);
  g_assert_cmpuint (s2->missing, ==, 0);
  files = dump_files (fixture);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (files), i),
                                                    "status"), ==, "unavailable");

  /* An empty mount point looks the same. */
  g_mkdir (fixture->tree, 0755);
  s3 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s3->missing, ==, 0);

  /* Back again: present, nothing new. */
  g_rmdir (fixture->tree);
  g_assert_cmpint (g_rename (away, fixture->tree), ==, 0);
  s4 = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s4->added, ==, 0);
  g_assert_cmpuint (s4->unchanged, ==, 2);
  g_clear_pointer (&files, json_node_unref);
  files = dump_files (fixture);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (files), 0),
                                                  "status"), ==, "present");
}

static void
test_scan_hostile_tree (ScanFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(MmlScanSummary) s = NULL;
  g_autoptr(JsonNode) files = NULL;
  g_autofree char *loop = g_build_filename (fixture->tree, "Stone Valley/loop", NULL);
  g_autofree char *up = g_build_filename (fixture->tree, "Stone Valley/up", NULL);
  g_autofree char *broken = g_build_filename (fixture->tree, "Stone Valley/Stone.Valley.S01E09.mkv", NULL);
  g_autofree char *odd_dir = g_build_filename (fixture->tree, "Caf\xe9 Stories (1999)", NULL);

  touch (fixture->tree, "Stone Valley/Stone.Valley.S01E01.mkv");
  g_assert_cmpint (symlink (".", loop), ==, 0);                 /* into itself */
  g_assert_cmpint (symlink (fixture->tree, up), ==, 0);         /* back to the root */
  g_assert_cmpint (symlink ("/nonexistent/file.mkv", broken), ==, 0);
  g_mkdir (odd_dir, 0755);
  touch (fixture->tree, "Caf\xe9 Stories (1999)/Caf\xe9.Stories.S01E01.\xff\xfe.mkv");

  s = scan (fixture, MML_SCAN_QUICK);
  g_assert_cmpuint (s->videos, ==, 2);
  g_assert_cmpuint (s->errors, ==, 3);   /* two loops, one broken link */
  g_assert_cmpuint (s->error_messages->len, ==, 3);

  /* The JSON is valid UTF-8 (checked in dump_files) and the odd name is there. */
  files = dump_files (fixture);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (files)), ==, 2);
}

/* A folder that cannot be read is reported and skipped.  Root reads
 * everything, so the scan runs in a subprocess that first becomes "nobody"
 * and then builds its own tree. */
static void
test_scan_unreadable_folder (void)
{
  if (g_test_subprocess ())
    {
      ScanFixture fixture = { 0 };
      g_autoptr(MmlScanSummary) s = NULL;
      g_autofree char *locked = NULL;

      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }

      scan_setup (&fixture, NULL);
      locked = g_build_filename (fixture.tree, "Locked Show", NULL);
      touch (fixture.tree, "Open Show/Open.Show.S01E01.mkv");
      touch (fixture.tree, "Locked Show/Locked.Show.S01E01.mkv");
      g_assert_cmpint (g_chmod (locked, 0), ==, 0);

      s = scan (&fixture, MML_SCAN_QUICK);
      g_assert_cmpuint (s->videos, ==, 1);
      g_assert_cmpuint (s->errors, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (s->error_messages, 0), "Locked Show"));
      scan_teardown (&fixture, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static const char *
status_of (JsonNode   *files,
           const char *path)
{
  JsonObject *o = find_file (json_node_get_array (files), path);

  g_assert_nonnull (o);
  return json_object_get_string_member (o, "status");
}

static gboolean
has_message (MmlScanSummary *s,
             const char     *needle)
{
  for (guint i = 0; i < s->error_messages->len; i++)
    if (strstr (g_ptr_array_index (s->error_messages, i), needle))
      return TRUE;
  return FALSE;
}

/* Files the library knew in a folder that turned unreadable keep their
 * state: unreadable is unknown, not deleted.  As root, the subprocess
 * becomes "nobody" so that chmod 000 holds. */
static void
test_scan_unreadable_keeps_state (void)
{
  if (g_test_subprocess ())
    {
      ScanFixture fixture = { 0 };
      g_autofree char *locked = NULL;
      g_autofree char *season = NULL;

      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }

      scan_setup (&fixture, NULL);
      locked = g_build_filename (fixture.tree, "Locked Show", NULL);
      season = g_build_filename (fixture.tree, "Deep Show/Season 2", NULL);
      touch (fixture.tree, "Open Show/Open.Show.S01E01.mkv");
      touch (fixture.tree, "Locked Show/Locked.Show.S01E01.mkv");
      touch (fixture.tree, "Deep Show/Season 1/Deep.Show.S01E01.mkv");
      touch (fixture.tree, "Deep Show/Season 2/Deep.Show.S02E01.mkv");

      {
        g_autoptr(MmlScanSummary) s = scan (&fixture, MML_SCAN_QUICK);
        g_assert_cmpuint (s->added, ==, 4);
      }

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      g_assert_cmpint (g_chmod (season, 0), ==, 0);

      for (MmlScanMode mode = MML_SCAN_QUICK; mode <= MML_SCAN_FULL; mode++)
        {
          g_autoptr(MmlScanSummary) s = scan (&fixture, mode);
          g_autoptr(JsonNode) files = dump_files (&fixture);

          g_assert_cmpuint (s->missing, ==, 0);
          g_assert_cmpuint (s->videos, ==, 2);
          g_assert_cmpuint (s->errors, ==, 2);
          g_assert_true (has_message (s, "Locked Show"));
          g_assert_true (has_message (s, "Deep Show/Season 2"));
          g_assert_cmpstr (status_of (files, "Locked Show/Locked.Show.S01E01.mkv"), ==, "present");
          g_assert_cmpstr (status_of (files, "Deep Show/Season 2/Deep.Show.S02E01.mkv"), ==, "present");
          g_assert_cmpstr (status_of (files, "Open Show/Open.Show.S01E01.mkv"), ==, "present");
        }

      /* Readable again, a file gone from it is missing after all. */
      g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
      g_assert_cmpint (g_chmod (season, 0755), ==, 0);
      {
        g_autofree char *gone = g_build_filename (locked, "Locked.Show.S01E01.mkv", NULL);
        g_autoptr(MmlScanSummary) s = NULL;

        g_assert_cmpint (g_unlink (gone), ==, 0);
        s = scan (&fixture, MML_SCAN_QUICK);
        g_assert_cmpuint (s->missing, ==, 1);
        g_assert_cmpuint (s->errors, ==, 0);
      }
      scan_teardown (&fixture, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* --- the disk a root lives on --- */

static MmlScanSummary *
scan_folder (ScanFixture *fixture,
             const char  *rel)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlScanRequest *request = mml_scan_request_new (MML_SCAN_QUICK);
  MmlScanSummary *summary;

  /* as the watcher asks for it */
  mml_scan_request_add_subtree (request, fixture->root_id, rel);
  mml_scan_request_set_events (request, TRUE);
  mml_scan_async (fixture->store, request, NULL, mml_sync_wait_cb, wait);
  summary = mml_scan_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

/* What the store has recorded of the root's disk; FALSE: nothing */
static gboolean
root_disk (ScanFixture *fixture,
           guint64     *device,
           guint       *depth)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = NULL;

  mml_store_list_roots_async (fixture->store, NULL, mml_sync_wait_cb, wait);
  roots = mml_store_list_roots_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < roots->len; i++)
    {
      MmlRoot *root = g_ptr_array_index (roots, i);

      if (mml_root_get_id (root) == fixture->root_id)
        return mml_root_get_disk (root, device, depth);
    }
  g_assert_not_reached ();
}

#define N_EPISODES 20

static void
touch_episodes (ScanFixture *fixture)
{
  for (guint i = 1; i <= N_EPISODES; i++)
    {
      g_autofree char *rel = g_strdup_printf ("Glass Island/Season 1/Glass.Island.S01E%02u.mkv", i);

      touch (fixture->tree, rel);
    }
}

/* The series folder off the disk (elsewhere, so it can come back) */
static void
take_episodes (ScanFixture *fixture,
               gboolean     away)
{
  g_autofree char *on_disk = g_build_filename (fixture->tree, "Glass Island", NULL);
  g_autofree char *aside = g_build_filename (fixture->dir, "Glass Island", NULL);

  if (away)
    g_assert_cmpint (g_rename (on_disk, aside), ==, 0);
  else
    g_assert_cmpint (g_rename (aside, on_disk), ==, 0);
}

static void
assert_every_file (ScanFixture *fixture,
                   const char  *status)
{
  g_autoptr(JsonNode) files = dump_files (fixture);
  JsonArray *array = json_node_get_array (files);

  g_assert_cmpuint (json_array_get_length (array), ==, N_EPISODES);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i), "status"),
                     ==, status);
}

/* Issue 11: an unmounted disk whose mount point holds one stray file was
 * taken for a library whose every file was deleted. */
static void
test_scan_unmounted_root (ScanFixture   *fixture,
                          gconstpointer  data)
{
  guint64 device;
  guint depth;

  touch_episodes (fixture);
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->added, ==, N_EPISODES);
  }
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (device, ==, DISK);
  g_assert_cmpuint (depth, ==, 0);

  /* Unmounted: the mount point is a folder of the disk above again, and
   * something left a file in it. */
  mml_root_set_device_override (fixture->real_tree, 0);
  take_episodes (fixture, TRUE);
  touch (fixture->tree, "readme.txt");

  for (MmlScanMode mode = MML_SCAN_QUICK; mode <= MML_SCAN_FULL; mode++)
    {
      g_autoptr(MmlScanSummary) s = scan (fixture, mode);

      g_assert_cmpuint (s->missing, ==, 0);
      g_assert_cmpuint (s->added, ==, 0);
      g_assert_cmpuint (s->unavailable, ==, mode == MML_SCAN_QUICK ? N_EPISODES : 0);
      g_assert_true (has_message (s, "not mounted"));
      assert_every_file (fixture, "unavailable");
    }

  /* …nor does the watcher's rescan of a folder that went with the disk */
  {
    g_autoptr(MmlScanSummary) s = scan_folder (fixture, "Glass Island/Season 1");

    g_assert_cmpuint (s->missing, ==, 0);
    g_assert_true (has_message (s, "not mounted"));
    assert_every_file (fixture, "unavailable");
  }

  /* The disk recorded is still the library's. */
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (device, ==, DISK);
  g_assert_cmpuint (depth, ==, 0);

  /* Mounted again: every file is back, nothing new. */
  mml_root_set_device_override (fixture->real_tree, DISK);
  take_episodes (fixture, FALSE);
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->added, ==, 0);
    g_assert_cmpuint (s->missing, ==, 0);
    g_assert_cmpuint (s->unchanged, ==, N_EPISODES);
    g_assert_cmpuint (s->error_messages->len, ==, 0);
    assert_every_file (fixture, "present");
  }
}

/* A root that is a folder of a disk mounted above it: the disk unmounted
 * and the folder made again by something that wrote into it. */
static void
test_scan_unmounted_disk_above (ScanFixture   *fixture,
                                gconstpointer  data)
{
  guint64 device;
  guint depth;

  touch_episodes (fixture);
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->added, ==, N_EPISODES);
  }
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (device, ==, DISK);
  g_assert_cmpuint (depth, ==, 1);

  mml_root_set_device_override (fixture->real_dir, 0);
  mml_root_set_device_override (fixture->real_tree, 0);
  take_episodes (fixture, TRUE);
  touch (fixture->tree, "Stray Show/Stray.Show.S01E01.mkv");
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->missing, ==, 0);
    g_assert_cmpuint (s->added, ==, 0);   /* what lies there now is not the library */
    g_assert_cmpuint (s->unavailable, ==, N_EPISODES);
    g_assert_true (has_message (s, "not mounted"));
    assert_every_file (fixture, "unavailable");
  }
}

/* A disk mounted again under another device number (plugged in again, a
 * share mounted again) is the library still, and that number is recorded;
 * but one on which no episode is found is taken for another disk. */
static void
test_scan_remounted_root (ScanFixture   *fixture,
                          gconstpointer  data)
{
  guint64 device;
  guint depth;

  touch_episodes (fixture);
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->added, ==, N_EPISODES);
  }

  mml_root_set_device_override (fixture->real_tree, DISK + 1);
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->unchanged, ==, N_EPISODES);
    g_assert_cmpuint (s->missing + s->unavailable + s->added, ==, 0);
    g_assert_cmpuint (s->error_messages->len, ==, 0);
  }
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (device, ==, DISK + 1);
  g_assert_cmpuint (depth, ==, 0);

  mml_root_set_device_override (fixture->real_tree, DISK + 2);
  take_episodes (fixture, TRUE);
  touch (fixture->tree, "readme.txt");
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->missing, ==, 0);
    g_assert_cmpuint (s->unavailable, ==, N_EPISODES);
    g_assert_true (has_message (s, "not mounted"));
  }
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (device, ==, DISK + 1);
}

/* A root added before the disk was recorded gains it with its next whole
 * scan that finds files, and with it the guard. */
static void
test_scan_records_disk_of_old_root (ScanFixture   *fixture,
                                    gconstpointer  data)
{
  guint64 device;
  guint depth;

  mml_test_store_exec (fixture->store, "UPDATE roots SET device = NULL, mount_depth = NULL");
  g_assert_false (root_disk (fixture, NULL, NULL));

  /* nothing found: nothing to go by */
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);
  }
  g_assert_false (root_disk (fixture, NULL, NULL));

  touch_episodes (fixture);
  {
    g_autoptr(MmlScanSummary) s = scan_folder (fixture, "Glass Island");

    g_assert_cmpuint (s->added, ==, N_EPISODES);
  }
  g_assert_false (root_disk (fixture, NULL, NULL));   /* a few folders are not the root */
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->unchanged, ==, N_EPISODES);
  }
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (device, ==, DISK);
  g_assert_cmpuint (depth, ==, 0);

  mml_root_set_device_override (fixture->real_tree, 0);
  take_episodes (fixture, TRUE);
  touch (fixture->tree, "readme.txt");
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->missing, ==, 0);
    g_assert_cmpuint (s->unavailable, ==, N_EPISODES);
  }
}

/* A root that is no mount point, on the disk it was added on, is scanned
 * as it always was: a deleted file is missing. */
static void
test_scan_plain_root_missing (ScanFixture   *fixture,
                              gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fixture->tree, "Glass Island/Season 1/Glass.Island.S01E03.mkv", NULL);
  g_autofree char *also = g_build_filename (fixture->tree, "Glass Island/Season 1/Glass.Island.S01E04.mkv", NULL);
  guint64 device;
  guint depth;

  touch_episodes (fixture);
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);

    g_assert_cmpuint (s->added, ==, N_EPISODES);
  }
  g_assert_true (root_disk (fixture, &device, &depth));
  g_assert_cmpuint (depth, >=, 1);

  g_assert_cmpint (g_unlink (gone), ==, 0);
  touch (fixture->tree, "readme.txt");
  {
    g_autoptr(MmlScanSummary) s = scan (fixture, MML_SCAN_QUICK);
    g_autoptr(JsonNode) files = dump_files (fixture);

    g_assert_cmpuint (s->missing, ==, 1);
    g_assert_cmpuint (s->unavailable, ==, 0);
    g_assert_cmpuint (s->error_messages->len, ==, 0);
    g_assert_cmpstr (status_of (files, "Glass Island/Season 1/Glass.Island.S01E03.mkv"), ==, "missing");
    g_assert_cmpstr (status_of (files, "Glass Island/Season 1/Glass.Island.S01E01.mkv"), ==, "present");
  }

  g_assert_cmpint (g_unlink (also), ==, 0);
  {
    g_autoptr(MmlScanSummary) s = scan_folder (fixture, "Glass Island/Season 1");

    g_assert_cmpuint (s->missing, ==, 1);
    g_assert_cmpuint (s->error_messages->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/scanner/groups-tree", ScanFixture, NULL,
              scan_setup, test_scan_groups_tree, scan_teardown);
  g_test_add ("/core/scanner/quick-diff", ScanFixture, NULL,
              scan_setup, test_scan_quick_diff, scan_teardown);
  g_test_add ("/core/scanner/deleted-subtitle", ScanFixture, NULL,
              scan_setup, test_scan_deleted_subtitle, scan_teardown);
  g_test_add ("/core/scanner/rename-keeps-id", ScanFixture, NULL,
              scan_setup, test_scan_rename_keeps_id, scan_teardown);
  g_test_add ("/core/scanner/unplugged-root", ScanFixture, NULL,
              scan_setup, test_scan_unplugged_root, scan_teardown);
  g_test_add ("/core/scanner/big-folder", ScanFixture, NULL,
              scan_setup, test_scan_big_folder, scan_teardown);
  g_test_add ("/core/scanner/hostile-tree", ScanFixture, NULL,
              scan_setup, test_scan_hostile_tree, scan_teardown);
  g_test_add_func ("/core/scanner/unreadable-folder", test_scan_unreadable_folder);
  g_test_add_func ("/core/scanner/unreadable-keeps-state", test_scan_unreadable_keeps_state);
  g_test_add ("/core/scanner/unmounted-root", ScanFixture, GINT_TO_POINTER (ON_MOUNTED_DISK),
              scan_setup, test_scan_unmounted_root, scan_teardown);
  g_test_add ("/core/scanner/unmounted-disk-above", ScanFixture, GINT_TO_POINTER (ON_DISK_ABOVE),
              scan_setup, test_scan_unmounted_disk_above, scan_teardown);
  g_test_add ("/core/scanner/remounted-root", ScanFixture, GINT_TO_POINTER (ON_MOUNTED_DISK),
              scan_setup, test_scan_remounted_root, scan_teardown);
  g_test_add ("/core/scanner/records-disk-of-old-root", ScanFixture, GINT_TO_POINTER (ON_MOUNTED_DISK),
              scan_setup, test_scan_records_disk_of_old_root, scan_teardown);
  g_test_add ("/core/scanner/plain-root-missing", ScanFixture, GINT_TO_POINTER (ON_ITS_FOLDER),
              scan_setup, test_scan_plain_root_missing, scan_teardown);

  return g_test_run ();
}
