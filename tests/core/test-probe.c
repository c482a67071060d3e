/* test-probe.c — embedded subtitle tracks: what a file says, and which
 * videos are read again
 *
 * The media files are made at test time with ffmpeg (a build and test
 * dependency: build-aux/dev.sh installs it); without it the tests skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "mml-media-probe.h"
#include "mml-prober.h"
#include "mml-probe-store.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-util.h"
#include "mml-test-util.h"

static const char srt_text[] =
  "1\n00:00:00,000 --> 00:00:00,500\nShalom\n";

static const char ass_text[] =
  "[Script Info]\nScriptType: v4.00+\n\n"
  "[V4+ Styles]\n"
  "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
  "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
  "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
  "Style: Default,Sans,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1\n\n"
  "[Events]\n"
  "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
  "Dialogue: 0,0:00:00.00,0:00:00.50,Default,,0,0,0,,Hello\n";

/* Runs ffmpeg with @args (after the common ones) in @dir */
static void
run_ffmpeg (const char         *dir,
            const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "ffmpeg");
  g_ptr_array_add (argv, (char *) "-nostdin");
  g_ptr_array_add (argv, (char *) "-v");
  g_ptr_array_add (argv, (char *) "error");
  g_ptr_array_add (argv, (char *) "-y");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ffmpeg failed: %s", err);
}

/* An MKV with five subtitle tracks (stream 0 is the video):
 *   1 srt  heb "Hebrew"          default
 *   2 ass  eng "Signs"           forced
 *   3 srt  eng "English"         hearing-impaired
 *   4 srt  fre "Français SDH"    (HI only by its name)
 *   5 srt  no language, no name */
static void
make_mkv (const char *dir,
          const char *name)
{
  const char * const args[] = {
    "-f", "lavfi", "-i", "color=size=32x32:duration=0.2:rate=5",
    "-i", "a.srt", "-i", "b.ass", "-i", "a.srt", "-i", "a.srt", "-i", "a.srt",
    "-map", "0", "-map", "1", "-map", "2", "-map", "3", "-map", "4", "-map", "5",
    "-c:v", "mpeg4", "-c:s:0", "srt", "-c:s:1", "ass", "-c:s:2", "srt", "-c:s:3", "srt", "-c:s:4", "srt",
    "-metadata:s:s:0", "language=heb", "-metadata:s:s:0", "title=Hebrew",
    "-metadata:s:s:1", "language=eng", "-metadata:s:s:1", "title=Signs",
    "-metadata:s:s:2", "language=eng", "-metadata:s:s:2", "title=English",
    "-metadata:s:s:3", "language=fre", "-metadata:s:s:3", "title=Français SDH",
    "-disposition:s:0", "default", "-disposition:s:1", "forced",
    "-disposition:s:2", "hearing_impaired", "-disposition:s:3", "0", "-disposition:s:4", "0",
    name, NULL
  };

  run_ffmpeg (dir, args);
}

/* An MP4 with three mov_text tracks: heb; eng forced; untagged */
static void
make_mp4 (const char *dir,
          const char *name)
{
  const char * const args[] = {
    "-f", "lavfi", "-i", "color=size=32x32:duration=0.2:rate=5",
    "-i", "a.srt", "-i", "a.srt", "-i", "a.srt",
    "-map", "0", "-map", "1", "-map", "2", "-map", "3",
    "-c:v", "mpeg4", "-c:s", "mov_text",
    "-metadata:s:s:0", "language=heb", "-metadata:s:s:1", "language=eng",
    "-disposition:s:0", "default", "-disposition:s:1", "forced", "-disposition:s:2", "0",
    name, NULL
  };

  run_ffmpeg (dir, args);
}

/* An MKV with one Hebrew track only */
static void
make_small_mkv (const char *dir,
                const char *name)
{
  const char * const args[] = {
    "-f", "lavfi", "-i", "color=size=32x32:duration=0.2:rate=5", "-i", "a.srt",
    "-map", "0", "-map", "1", "-c:v", "mpeg4", "-c:s", "srt",
    "-metadata:s:s:0", "language=heb", name, NULL
  };

  run_ffmpeg (dir, args);
}

static gboolean
have_ffmpeg (void)
{
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");

  if (ffmpeg == NULL)
    {
      g_test_skip ("ffmpeg is not installed: it makes the media files");
      return FALSE;
    }
  return TRUE;
}

static char *
media_dir (void)
{
  char *dir = mml_test_make_tmpdir ("mml-test-probe-XXXXXX");
  g_autofree char *srt = g_build_filename (dir, "a.srt", NULL);
  g_autofree char *ass = g_build_filename (dir, "b.ass", NULL);

  g_assert_true (g_file_set_contents (srt, srt_text, -1, NULL));
  g_assert_true (g_file_set_contents (ass, ass_text, -1, NULL));
  return dir;
}

static GPtrArray *
probe (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *tracks = NULL;

  g_assert_true (mml_media_probe_file (path, &tracks, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tracks);
  return tracks;
}

static void
assert_track (GPtrArray  *tracks,
              guint       i,
              int         stream,
              const char *language,
              gboolean    forced,
              gboolean    hi,
              gboolean    is_default,
              const char *codec,
              const char *title)
{
  MmlProbedTrack *t;

  g_assert_cmpuint (i, <, tracks->len);
  t = g_ptr_array_index (tracks, i);
  g_assert_cmpint (t->stream, ==, stream);
  g_assert_cmpstr (t->language, ==, language);
  g_assert_cmpint (t->forced, ==, forced);
  g_assert_cmpint (t->hearing_impaired, ==, hi);
  g_assert_cmpint (t->is_default, ==, is_default);
  g_assert_cmpstr (t->codec, ==, codec);
  g_assert_cmpstr (t->title, ==, title);
}

static void
test_probe_mkv (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) tracks = NULL;

  if (!have_ffmpeg ())
    return;
  dir = media_dir ();
  make_mkv (dir, "t.mkv");

  tracks = probe (dir, "t.mkv");
  g_assert_cmpuint (tracks->len, ==, 5);
  /* languages come out canonical: heb → he, fre → fr, none → und */
  assert_track (tracks, 0, 1, "he", FALSE, FALSE, TRUE, "subrip", "Hebrew");
  assert_track (tracks, 1, 2, "en", TRUE, FALSE, FALSE, "ass", "Signs");
  assert_track (tracks, 2, 3, "en", FALSE, TRUE, FALSE, "subrip", "English");
  assert_track (tracks, 3, 4, "fr", FALSE, TRUE, FALSE, "subrip", "Français SDH");
  assert_track (tracks, 4, 5, "und", FALSE, FALSE, FALSE, "subrip", NULL);

  mml_test_remove_tree (dir);
}

static void
test_probe_mp4 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) tracks = NULL;

  if (!have_ffmpeg ())
    return;
  dir = media_dir ();
  make_mp4 (dir, "t.mp4");

  tracks = probe (dir, "t.mp4");
  g_assert_cmpuint (tracks->len, ==, 3);
  assert_track (tracks, 0, 1, "he", FALSE, FALSE, TRUE, "mov_text", NULL);
  assert_track (tracks, 1, 2, "en", TRUE, FALSE, FALSE, "mov_text", NULL);
  assert_track (tracks, 2, 3, "und", FALSE, FALSE, FALSE, "mov_text", NULL);

  mml_test_remove_tree (dir);
}

static void
rename_in (const char *dir,
           const char *from,
           const char *to)
{
  g_autofree char *a = g_build_filename (dir, from, NULL);
  g_autofree char *b = g_build_filename (dir, to, NULL);

  g_assert_cmpint (g_rename (a, b), ==, 0);
}

/* A name whose extension lies: the demuxer its extension names fails, the
 * file's bytes tell the right one */
static void
test_probe_misnamed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) mkv_as_mp4 = NULL;
  g_autoptr(GPtrArray) mp4_as_mkv = NULL;

  if (!have_ffmpeg ())
    return;
  dir = media_dir ();
  make_mkv (dir, "t.mkv");
  make_mp4 (dir, "t.mp4");
  rename_in (dir, "t.mkv", "m.mp4");
  rename_in (dir, "t.mp4", "m.mkv");

  mkv_as_mp4 = probe (dir, "m.mp4");
  g_assert_cmpuint (mkv_as_mp4->len, ==, 5);
  assert_track (mkv_as_mp4, 0, 1, "he", FALSE, FALSE, TRUE, "subrip", "Hebrew");
  mp4_as_mkv = probe (dir, "m.mkv");
  g_assert_cmpuint (mp4_as_mkv->len, ==, 3);
  assert_track (mp4_as_mkv, 0, 1, "he", FALSE, FALSE, TRUE, "mov_text", NULL);

  mml_test_remove_tree (dir);
}

/* No container, no file, a playlist dressed as a video: errors, no logging */
static void
test_probe_errors (void)
{
  g_autofree char *dir = mml_test_make_tmpdir ("mml-test-probe-XXXXXX");
  g_autofree char *text = g_build_filename (dir, "Show.S01E01.mkv", NULL);
  g_autofree char *playlist = g_build_filename (dir, "Show.S01E02.mkv", NULL);
  g_autofree char *gone = g_build_filename (dir, "gone.mkv", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *tracks = NULL;

  g_assert_true (g_file_set_contents (text, "Show.S01E01.mkv", -1, NULL));
  g_assert_true (g_file_set_contents (playlist, "#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n", -1, NULL));

  g_assert_false (mml_media_probe_file (text, &tracks, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (tracks);
  g_clear_error (&error);

  g_assert_false (mml_media_probe_file (playlist, &tracks, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  g_assert_false (mml_media_probe_file (gone, &tracks, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (tracks);

  mml_test_remove_tree (dir);
}

/* Many threads at once read the same files and agree */
typedef struct
{
  const char *dir;
  int         failures;   /* atomic */
} ThreadsData;

static gpointer
probe_thread (gpointer user_data)
{
  ThreadsData *data = user_data;

  for (int i = 0; i < 25; i++)
    {
      const char *name = i % 2 ? "t.mkv" : "t.mp4";
      g_autofree char *path = g_build_filename (data->dir, name, NULL);
      g_autoptr(GPtrArray) tracks = NULL;

      if (!mml_media_probe_file (path, &tracks, NULL) || tracks->len != (i % 2 ? 5u : 3u))
        g_atomic_int_inc (&data->failures);
    }
  return NULL;
}

static void
test_probe_threads (void)
{
  g_autofree char *dir = NULL;
  ThreadsData data = { 0 };
  GThread *threads[6];

  if (!have_ffmpeg ())
    return;
  dir = media_dir ();
  make_mkv (dir, "t.mkv");
  make_mp4 (dir, "t.mp4");
  data.dir = dir;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("probe", probe_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (data.failures, ==, 0);

  mml_test_remove_tree (dir);
}

/* --- the prober over a library --------------------------------------------- */

typedef struct
{
  char     *dir;
  char     *tree;
  MmlStore *store;
  gint64    root_id;
  guint     progress_calls;
} Library;

static void
library_open (Library *lib)
{
  g_autofree char *db = NULL;
  g_autofree char *season = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(MmlRoot) root = NULL;

  lib->dir = media_dir ();
  lib->tree = g_build_filename (lib->dir, "TV", NULL);
  season = g_build_filename (lib->tree, "Iron Road (2011)", "Season 01", NULL);
  g_assert_cmpint (g_mkdir_with_parents (season, 0755), ==, 0);

  db = g_build_filename (lib->dir, "library.db", NULL);
  lib->store = mml_store_new (db);
  g_assert_true (mml_store_open (lib->store, &error));
  mml_store_add_root_async (lib->store, lib->tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
  root = mml_store_add_root_finish (lib->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  lib->root_id = mml_root_get_id (root);
}

static void
library_close (Library *lib)
{
  mml_store_close (lib->store);
  g_clear_object (&lib->store);
  mml_test_remove_tree (lib->dir);
  g_free (lib->dir);
  g_free (lib->tree);
}

static void
library_scan (Library *lib)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlScanSummary) summary = NULL;

  mml_scan_async (lib->store, mml_scan_request_new (MML_SCAN_QUICK), NULL, mml_sync_wait_cb, wait);
  summary = mml_scan_finish (lib->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Library *lib = user_data;

  g_assert_cmpuint (done, <=, total);
  lib->progress_calls++;
}

static MmlProbeSummary
library_probe (Library *lib,
               GArray  *file_ids)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlProbeSummary summary = { 0 };

  mml_prober_run_async (lib->store, file_ids ? 0 : lib->root_id, file_ids, 2, progress_cb, lib, NULL,
                        NULL, mml_sync_wait_cb, wait);
  g_assert_true (mml_prober_run_finish (lib->store, mml_sync_wait_run (wait), &summary, &error));
  g_assert_no_error (error);
  return summary;
}

/* The embedded tracks the store holds for the video at @rel, as
 * "language/forced/hi/codec/title/stream" lines, by stream */
static char *
stored_tracks (Library    *lib,
               const char *rel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = mml_store_open_reader (lib->store, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT s.language, s.forced, s.hearing_impaired, s.codec, "
                                       "       coalesce (s.title, '-'), s.stream, s.file_id IS NULL "
                                       "FROM subtitles s JOIN files f ON f.id = s.video_id "
                                       "WHERE f.path = ?1 AND s.embedded = 1 ORDER BY s.stream",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, rel, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 1);
      g_string_append_printf (out, "%s/%d/%d/%s/%s/%d\n",
                              sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                              sqlite3_column_int (stmt, 2), sqlite3_column_text (stmt, 3),
                              sqlite3_column_text (stmt, 4), sqlite3_column_int (stmt, 5));
    }
  return g_string_free (out, FALSE);
}

static gint64
file_id (Library    *lib,
         const char *rel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = mml_store_open_reader (lib->store, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM files WHERE path = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, rel, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Sets a file's mtime, as a new write would */
static void
set_mtime (const char *path,
           gint64      seconds)
{
  struct timespec times[2] = { { seconds, 0 }, { seconds, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

#define E01 "Iron Road (2011)/Season 01/Iron.Road.S01E01.mkv"
#define E02 "Iron Road (2011)/Season 01/Iron.Road.S01E02.mp4"
#define E03 "Iron Road (2011)/Season 01/Iron.Road.S01E03.mkv"

static void
test_prober_library (void)
{
  Library lib = { 0 };
  MmlProbeSummary summary;
  g_autofree char *e01 = NULL, *e02 = NULL, *e03 = NULL, *small = NULL;
  g_autofree char *tracks = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 id;

  if (!have_ffmpeg ())
    return;
  library_open (&lib);
  e01 = g_build_filename (lib.tree, E01, NULL);
  e02 = g_build_filename (lib.tree, E02, NULL);
  e03 = g_build_filename (lib.tree, E03, NULL);
  small = g_build_filename (lib.dir, "small.mkv", NULL);
  make_mkv (lib.dir, e01);
  make_mp4 (lib.dir, e02);
  make_small_mkv (lib.dir, small);
  g_assert_true (g_file_set_contents (e03, "not a video", -1, NULL));

  /* the first run reads every video; E03 is no container: no tracks, and
   * it is not read again either */
  library_scan (&lib);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 3);
  g_assert_cmpuint (summary.probed, ==, 3);
  g_assert_cmpuint (summary.failed, ==, 1);
  g_assert_cmpuint (summary.tracks, ==, 8);
  g_assert_cmpuint (summary.changed, ==, 2);   /* E03 had none and has none */
  g_assert_cmpuint (lib.progress_calls, >, 0);

  tracks = stored_tracks (&lib, E01);
  g_assert_cmpstr (tracks, ==,
                   "he/0/0/subrip/Hebrew/1\n"
                   "en/1/0/ass/Signs/2\n"
                   "en/0/1/subrip/English/3\n"
                   "fr/0/1/subrip/Français SDH/4\n"
                   "und/0/0/subrip/-/5\n");
  g_clear_pointer (&tracks, g_free);
  tracks = stored_tracks (&lib, E02);
  g_assert_cmpstr (tracks, ==, "he/0/0/mov_text/-/1\nen/1/0/mov_text/-/2\nund/0/0/mov_text/-/3\n");
  g_clear_pointer (&tracks, g_free);

  /* nothing changed: nothing is read */
  library_scan (&lib);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 0);
  g_assert_cmpuint (summary.probed, ==, 0);

  /* E01 is replaced (new content, size and mtime), E02's mtime moves:
   * both are read again, E03 is not; E01's old tracks are gone */
  g_assert_cmpint (g_rename (small, e01), ==, 0);
  set_mtime (e02, 1500000000);
  library_scan (&lib);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 2);
  g_assert_cmpuint (summary.probed, ==, 2);
  g_assert_cmpuint (summary.failed, ==, 0);
  g_assert_cmpuint (summary.tracks, ==, 4);
  tracks = stored_tracks (&lib, E01);
  g_assert_cmpstr (tracks, ==, "he/0/0/subrip/-/1\n");
  g_clear_pointer (&tracks, g_free);

  /* by file id: only the ones named, and only when they changed */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  id = file_id (&lib, E02);
  g_array_append_val (ids, id);
  summary = library_probe (&lib, ids);
  g_assert_cmpuint (summary.candidates, ==, 0);
  set_mtime (e01, 1500000000);
  set_mtime (e02, 1600000000);
  library_scan (&lib);
  summary = library_probe (&lib, ids);
  g_assert_cmpuint (summary.candidates, ==, 1);
  g_assert_cmpuint (summary.probed, ==, 1);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 1);   /* E01 */

  library_close (&lib);
}

/* The store's probe key of the file at @rel; NULL when never read */
static char *
stored_probe_key (Library    *lib,
                  const char *rel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = mml_store_open_reader (lib->store, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *key = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT probe_key FROM files WHERE path = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, rel, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return key;
}

/* Empty files (placeholders, a copy not begun) have nothing to read: a scan
 * that finds them counts them read, and a video that was read before and
 * is emptied loses its tracks */
static void
test_prober_empty_files (void)
{
  Library lib = { 0 };
  MmlProbeSummary summary;
  g_autofree char *e01 = NULL, *srt = NULL, *small = NULL, *key = NULL, *tracks = NULL;
  const char *srt_rel = "Iron Road (2011)/Season 01/Iron.Road.S01E01.he.srt";

  if (!have_ffmpeg ())
    return;
  library_open (&lib);
  e01 = g_build_filename (lib.tree, E01, NULL);
  srt = g_build_filename (lib.tree, srt_rel, NULL);
  small = g_build_filename (lib.dir, "small.mkv", NULL);
  g_assert_true (g_file_set_contents (e01, "", 0, NULL));
  g_assert_true (g_file_set_contents (srt, "", 0, NULL));
  make_small_mkv (lib.dir, small);

  library_scan (&lib);
  key = stored_probe_key (&lib, E01);
  g_assert_nonnull (key);
  g_assert_true (g_str_has_prefix (key, "0:"));
  g_clear_pointer (&key, g_free);
  key = stored_probe_key (&lib, srt_rel);
  g_assert_nonnull (key);
  g_clear_pointer (&key, g_free);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 0);

  /* the copy lands: read; then emptied again: read as empty, tracks gone */
  g_assert_cmpint (g_rename (small, e01), ==, 0);
  library_scan (&lib);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 1);
  g_assert_cmpuint (summary.tracks, ==, 1);
  tracks = stored_tracks (&lib, E01);
  g_assert_cmpstr (tracks, ==, "he/0/0/subrip/-/1\n");
  g_clear_pointer (&tracks, g_free);

  g_assert_true (g_file_set_contents (e01, "", 0, NULL));
  library_scan (&lib);
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 1);
  g_assert_cmpuint (summary.probed, ==, 1);
  g_assert_cmpuint (summary.failed, ==, 0);
  g_assert_cmpuint (summary.changed, ==, 1);
  tracks = stored_tracks (&lib, E01);
  g_assert_cmpstr (tracks, ==, "");
  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 0);

  library_close (&lib);
}

/* A cancelled run returns "cancelled", and a later one does the rest */
static void
test_prober_cancel (void)
{
  Library lib = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  MmlProbeSummary summary;

  if (!have_ffmpeg ())
    return;
  library_open (&lib);
  first = g_build_filename (lib.tree, E01, NULL);
  make_small_mkv (lib.dir, first);
  for (int i = 2; i <= 40; i++)
    {
      g_autofree char *rel = g_strdup_printf ("Iron Road (2011)/Season 01/Iron.Road.S01E%02d.mkv", i);
      g_autofree char *path = g_build_filename (lib.tree, rel, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (first);
      g_autoptr(GFile) to = g_file_new_for_path (path);

      g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
    }
  library_scan (&lib);

  g_cancellable_cancel (cancellable);
  mml_prober_run_async (lib.store, lib.root_id, NULL, 2, NULL, NULL, NULL, cancellable,
                        mml_sync_wait_cb, wait);
  g_assert_false (mml_prober_run_finish (lib.store, mml_sync_wait_run (wait), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  summary = library_probe (&lib, NULL);
  g_assert_cmpuint (summary.candidates, ==, 40);
  g_assert_cmpuint (summary.probed, ==, 40);
  g_assert_cmpuint (summary.tracks, ==, 40);

  library_close (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/probe/mkv", test_probe_mkv);
  g_test_add_func ("/probe/mp4", test_probe_mp4);
  g_test_add_func ("/probe/misnamed", test_probe_misnamed);
  g_test_add_func ("/probe/errors", test_probe_errors);
  g_test_add_func ("/probe/threads", test_probe_threads);
  g_test_add_func ("/prober/library", test_prober_library);
  g_test_add_func ("/prober/empty-files", test_prober_empty_files);
  g_test_add_func ("/prober/cancel", test_prober_cancel);

  return g_test_run ();
}
