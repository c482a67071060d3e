/* test-assign.c — videos placed by hand: the store's overrides, the
 * scanner keeping them through quick, full and folder scans and renames,
 * losing them with their series, and the library controller's verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-engine.h"
#include "mml-file-overrides.h"
#include "mml-library-controller.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define SERIES_DIR "Shadow Harbor (2010)"
#define CLIP       SERIES_DIR "/random-clip.mkv"

typedef struct
{
  char     *dir;
  char     *tree;
  MmlStore *store;
  gint64    root_id;
} Fixture;

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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlRoot) root = NULL;
  g_autofree char *db = NULL;

  f->dir = mml_test_make_tmpdir ("mml-test-assign-XXXXXX");
  f->tree = g_build_filename (f->dir, "TV", NULL);
  g_assert_cmpint (g_mkdir (f->tree, 0755), ==, 0);
  db = g_build_filename (f->dir, "library.db", NULL);
  f->store = mml_store_new (db);
  g_assert_true (mml_store_open (f->store, &error));
  g_assert_no_error (error);

  mml_store_add_root_async (f->store, f->tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
  root = mml_store_add_root_finish (f->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  f->root_id = mml_root_get_id (root);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mml_store_close (f->store);
  g_clear_object (&f->store);
  mml_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->tree);
}

static MmlScanSummary *
scan_request (Fixture        *f,
              MmlScanRequest *request)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  MmlScanSummary *summary;

  mml_scan_async (f->store, request, NULL, mml_sync_wait_cb, wait);   /* takes @request */
  summary = mml_scan_finish (f->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static MmlScanSummary *
scan (Fixture     *f,
      MmlScanMode  mode)
{
  return scan_request (f, mml_scan_request_new (mode));
}

/* --- reading the store: one value, or "season:number" of each episode a
 * file is linked to --- */

typedef struct
{
  const char *sql;
  gint64      arg;
} Query;

static void
query_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Query *q = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_new (NULL);
  GError *error = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, q->sql, &error)))
    {
      g_string_free (out, TRUE);
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, q->arg);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      g_string_append_printf (out, "%s%s", out->len ? " " : "", text ? text : "NULL");
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_task_return_pointer (task, g_string_free (out, FALSE), g_free);
}

/* The rows of the first column of @sql (?1 is @arg), space-separated */
static char *
query (Fixture    *f,
       const char *sql,
       gint64      arg)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  Query q = { sql, arg };
  char *text;

  mml_store_run_async (f->store, query_job, &q, NULL, query, NULL, mml_sync_wait_cb, wait);
  text = g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error);
  g_assert_no_error (error);
  return text;
}

static gint64
query_id (Fixture    *f,
          const char *sql,
          gint64      arg)
{
  g_autofree char *text = query (f, sql, arg);

  return g_ascii_strtoll (text, NULL, 10);
}

static gint64
file_id (Fixture    *f,
         const char *path)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM files WHERE path = '%s'", path);
  gint64 id = query_id (f, sql, 0);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* "S01E05", "S01E05 S01E06", "A100": the episodes @file is linked to, of
 * @series_id only */
static char *
links (Fixture *f,
       gint64   file,
       gint64   series_id)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT CASE WHEN e.number IS NOT NULL THEN printf ('S%%02dE%%02d', e.season, e.number) "
      "            ELSE printf ('A%%d', e.absolute) END "
      "FROM episode_files ef JOIN episodes e ON e.id = ef.episode_id "
      "WHERE ef.file_id = ?1 AND e.series_id = %" G_GINT64_FORMAT " ORDER BY e.season, e.number, e.absolute",
      series_id);

  return query (f, sql, file);
}

static gint64
open_conflicts (Fixture *f,
                gint64   file)
{
  return query_id (f, "SELECT count(*) FROM conflicts WHERE kind = 'unrecognised-file' "
                      "AND state = 'open' AND file_id = ?1", file);
}

static MmlAssignment *
assign (Fixture      *f,
        const gint64 *ids,
        guint         n,
        gint64        series_id,
        int           season,
        int           first,
        guint         per_file,
        GError      **error)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

  mml_store_assign_files_async (f->store, ids, n, series_id, season, first, per_file, NULL,
                                mml_sync_wait_cb, wait);
  return mml_store_assign_files_finish (f->store, mml_sync_wait_run (wait), error);
}

static MmlAssignment *
unassign (Fixture      *f,
          const gint64 *ids,
          guint         n,
          GError      **error)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

  mml_store_unassign_files_async (f->store, ids, n, NULL, mml_sync_wait_cb, wait);
  return mml_store_unassign_files_finish (f->store, mml_sync_wait_run (wait), error);
}

/* A clip the parser cannot place, in a series' folder: assigned to
 * S01E05, it is linked there by the next quick scan and stays through
 * every scan after; its series gone, it is unrecognised again. */
static void
test_assign_kept_by_scans (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MmlScanSummary) first = NULL;
  g_autoptr(MmlScanSummary) applied = NULL;
  g_autoptr(MmlScanSummary) again = NULL;
  g_autoptr(MmlScanSummary) full = NULL;
  g_autoptr(MmlScanSummary) folder = NULL;
  g_autoptr(MmlScanSummary) orphaned = NULL;
  g_autoptr(MmlAssignment) assignment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *linked = NULL;
  MmlScanRequest *request;
  MmlRescanFolder *where;
  gint64 clip, series;

  touch (f->tree, SERIES_DIR "/Season 01/Shadow.Harbor.S01E01.mkv");
  touch (f->tree, CLIP);
  first = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (first->unrecognised, ==, 1);
  clip = file_id (f, CLIP);
  series = query_id (f, "SELECT series_id FROM files WHERE id = ?1", clip);
  g_assert_cmpint (series, >, 0);
  g_assert_cmpint (open_conflicts (f, clip), ==, 1);

  assignment = assign (f, &clip, 1, series, 1, 5, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assignment->series_id, ==, series);
  g_assert_cmpuint (assignment->files->len, ==, 1);
  g_assert_cmpint (((MmlAssignedFile *) g_ptr_array_index (assignment->files, 0))->first, ==, 5);
  g_assert_cmpint (((MmlAssignedFile *) g_ptr_array_index (assignment->files, 0))->last, ==, 5);
  /* the folder to scan again is the clip's */
  g_assert_cmpuint (assignment->folders->len, ==, 1);
  where = g_ptr_array_index (assignment->folders, 0);
  g_assert_cmpint (where->root_id, ==, f->root_id);
  g_assert_cmpstr (where->folder, ==, SERIES_DIR);
  /* nothing is linked yet: the scanner places it */
  g_assert_cmpint (open_conflicts (f, clip), ==, 1);

  applied = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (applied->changed, ==, 1);
  g_assert_cmpuint (applied->unrecognised, ==, 0);
  linked = links (f, clip, series);
  g_assert_cmpstr (linked, ==, "S01E05");
  g_clear_pointer (&linked, g_free);
  g_assert_cmpint (open_conflicts (f, clip), ==, 0);
  linked = query (f, "SELECT season || ' ' || episodes || ' ' || absolute FROM files WHERE id = ?1", clip);
  g_assert_cmpstr (linked, ==, "1 [5] []");
  g_clear_pointer (&linked, g_free);

  /* remembered: a quick scan (nothing changed), a full one, one of the folder */
  again = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (again->unchanged, ==, 2);
  g_assert_cmpuint (again->unrecognised, ==, 0);
  full = scan (f, MML_SCAN_FULL);
  g_assert_cmpuint (full->unrecognised, ==, 0);
  request = mml_scan_request_new (MML_SCAN_FULL);
  mml_scan_request_add_subtree (request, f->root_id, SERIES_DIR);
  folder = scan_request (f, request);
  g_assert_cmpuint (folder->videos, ==, 2);
  g_assert_cmpuint (folder->unrecognised, ==, 0);
  linked = links (f, clip, series);
  g_assert_cmpstr (linked, ==, "S01E05");
  g_clear_pointer (&linked, g_free);
  g_assert_cmpint (open_conflicts (f, clip), ==, 0);

  /* the series goes, and the override with it: the next quick scan reads
   * the name again */
  mml_test_store_exec (f->store, "DELETE FROM series");
  g_assert_cmpint (query_id (f, "SELECT count(*) FROM file_overrides", 0), ==, 0);
  orphaned = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (orphaned->unrecognised, ==, 1);
  g_assert_cmpint (open_conflicts (f, clip), ==, 1);
  g_assert_cmpint (query_id (f, "SELECT count(*) FROM episode_files WHERE file_id = ?1", clip), ==, 0);
}

/* Several files, in any order of ids: by path, each with the episodes
 * after the one before; a file assigned again takes its new place; an
 * absolute number; unassigning gives a file back to its name. */
static void
test_assign_several (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MmlScanSummary) first = NULL;
  g_autoptr(MmlAssignment) doubles = NULL;
  g_autoptr(MmlAssignment) absolute = NULL;
  g_autoptr(MmlAssignment) gone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3], series;
  char *linked;

  touch (f->tree, SERIES_DIR "/Season 02/a.mkv");
  touch (f->tree, SERIES_DIR "/Season 02/b.mkv");
  touch (f->tree, SERIES_DIR "/Season 02/c.mkv");
  first = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (first->unrecognised, ==, 3);
  ids[0] = file_id (f, SERIES_DIR "/Season 02/c.mkv");
  ids[1] = file_id (f, SERIES_DIR "/Season 02/a.mkv");
  ids[2] = file_id (f, SERIES_DIR "/Season 02/b.mkv");
  series = query_id (f, "SELECT id FROM series", 0);

  /* double episodes from E03: a E03-E04, b E05-E06, c E07-E08 */
  doubles = assign (f, ids, 3, series, 2, 3, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (doubles->files->len, ==, 3);
  g_assert_cmpuint (doubles->folders->len, ==, 1);
  g_assert_cmpstr (((MmlAssignedFile *) g_ptr_array_index (doubles->files, 0))->path, ==,
                   SERIES_DIR "/Season 02/a.mkv");
  g_clear_pointer (&first, mml_scan_summary_free);
  first = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (first->changed, ==, 3);
  g_assert_cmpuint (first->unrecognised, ==, 0);
  linked = links (f, ids[1], series);
  g_assert_cmpstr (linked, ==, "S02E03 S02E04");
  g_free (linked);
  linked = links (f, ids[2], series);
  g_assert_cmpstr (linked, ==, "S02E05 S02E06");
  g_free (linked);
  linked = links (f, ids[0], series);
  g_assert_cmpstr (linked, ==, "S02E07 S02E08");
  g_free (linked);

  /* assigned again, by absolute number this time: one row still */
  absolute = assign (f, &ids[1], 1, series, -1, 100, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&first, mml_scan_summary_free);
  first = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (first->changed, ==, 1);
  linked = links (f, ids[1], series);
  g_assert_cmpstr (linked, ==, "A100");
  g_free (linked);
  g_assert_cmpint (query_id (f, "SELECT count(*) FROM file_overrides", 0), ==, 3);

  /* unassigned: the name says again, and says nothing */
  gone = unassign (f, &ids[2], 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->files->len, ==, 1);
  g_clear_pointer (&first, mml_scan_summary_free);
  first = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (first->changed, ==, 1);
  g_assert_cmpuint (first->unrecognised, ==, 1);
  g_assert_cmpint (open_conflicts (f, ids[2]), ==, 1);
  g_assert_cmpint (query_id (f, "SELECT count(*) FROM episode_files WHERE file_id = ?1", ids[2]), ==, 0);
  /* and the others keep theirs */
  linked = links (f, ids[0], series);
  g_assert_cmpstr (linked, ==, "S02E07 S02E08");
  g_free (linked);
}

/* A file the scanner sees renamed or moved keeps its assignment, and so
 * does its sidecar's link. A loose file (at the root) goes to the series
 * it is assigned to. */
static void
test_assign_follows_rename (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MmlScanSummary) first = NULL;
  g_autoptr(MmlScanSummary) applied = NULL;
  g_autoptr(MmlScanSummary) moved = NULL;
  g_autoptr(MmlAssignment) assignment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = g_build_filename (f->tree, "clip one.mkv", NULL);
  g_autofree char *to = g_build_filename (f->tree, SERIES_DIR, "Season 01", "renamed.mkv", NULL);
  g_autofree char *linked = NULL;
  gint64 ids[2], series;

  touch (f->tree, SERIES_DIR "/Season 01/Shadow.Harbor.S01E01.mkv");
  touch (f->tree, "clip one.mkv");
  touch (f->tree, "clip two.mkv");
  first = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (first->unrecognised, ==, 2);
  ids[0] = file_id (f, "clip one.mkv");
  ids[1] = file_id (f, "clip two.mkv");
  g_assert_cmpint (query_id (f, "SELECT count(*) FROM files WHERE series_id IS NULL", 0), ==, 2);
  series = query_id (f, "SELECT id FROM series", 0);

  assignment = assign (f, ids, 2, series, 0, 1, 1, &error);
  g_assert_no_error (error);
  /* loose files: their folder is the root */
  g_assert_cmpuint (assignment->folders->len, ==, 1);
  g_assert_cmpstr (((MmlRescanFolder *) g_ptr_array_index (assignment->folders, 0))->folder, ==, "");
  applied = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (applied->changed, ==, 2);
  g_assert_cmpuint (applied->unrecognised, ==, 0);
  linked = links (f, ids[0], series);
  g_assert_cmpstr (linked, ==, "S00E01");
  g_clear_pointer (&linked, g_free);
  g_assert_cmpint (query_id (f, "SELECT special FROM files WHERE id = ?1", ids[0]), ==, 1);

  g_assert_cmpint (g_rename (from, to), ==, 0);
  moved = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (moved->renamed, ==, 1);
  g_assert_cmpuint (moved->unrecognised, ==, 0);
  g_assert_cmpint (file_id (f, SERIES_DIR "/Season 01/renamed.mkv"), ==, ids[0]);
  linked = links (f, ids[0], series);
  g_assert_cmpstr (linked, ==, "S00E01");
  g_clear_pointer (&linked, g_free);
  linked = query (f, "SELECT path FROM file_overrides ORDER BY path", 0);
  g_assert_cmpstr (linked, ==, SERIES_DIR "/Season 01/renamed.mkv clip two.mkv");
}

/* What is refused changes nothing: an unknown file or series, a subtitle,
 * a file missing from disk, numbers out of range; unassigning a file that
 * was not assigned. */
static void
test_assign_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MmlScanSummary) first = NULL;
  g_autoptr(MmlScanSummary) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone_path = g_build_filename (f->tree, SERIES_DIR, "gone.mkv", NULL);
  gint64 clip, subtitle, gone, series;
  gint64 ids[2];

  touch (f->tree, CLIP);
  touch (f->tree, SERIES_DIR "/random-clip.heb.srt");
  touch (f->tree, SERIES_DIR "/gone.mkv");
  first = scan (f, MML_SCAN_QUICK);
  clip = file_id (f, CLIP);
  subtitle = file_id (f, SERIES_DIR "/random-clip.heb.srt");
  gone = file_id (f, SERIES_DIR "/gone.mkv");
  series = query_id (f, "SELECT id FROM series", 0);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);
  after = scan (f, MML_SCAN_QUICK);
  g_assert_cmpuint (after->missing, ==, 1);

  /* the one good file is not assigned either */
  ids[0] = clip;
  ids[1] = 4242;
  g_assert_null (assign (f, ids, 2, series, 1, 5, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no file 4242");
  g_clear_error (&error);

  g_assert_null (assign (f, &clip, 1, 4242, 1, 5, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no series 4242");
  g_clear_error (&error);

  ids[1] = subtitle;
  g_assert_null (assign (f, ids, 2, series, 1, 5, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "subtitle"));
  g_clear_error (&error);

  g_assert_null (assign (f, &gone, 1, series, 1, 5, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not on disk"));
  g_clear_error (&error);

  g_assert_null (assign (f, &clip, 1, series, 1, 0, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (assign (f, &clip, 1, series, 1, MML_ASSIGN_MAX_EPISODE, 2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (unassign (f, &clip, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (query_id (f, "SELECT count(*) FROM file_overrides", 0), ==, 0);
  g_assert_cmpint (query_id (f, "SELECT count(*) FROM files WHERE mtime = -1", 0), ==, 0);
}

/* --- the library controller ---------------------------------------------- */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
}

static GAsyncResult *
wait_run (Wait *w)
{
  g_clear_object (&w->result);
  while (w->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return w->result;
}

/* assign_files_async() completes with the files placed (no scan of the
 * caller's), and the unrecognised files' model follows. */
static void
test_assign_controller (void)
{
  g_autofree char *dir = mml_test_make_tmpdir ("mml-test-assign-XXXXXX");
  g_autofree char *tree = g_build_filename (dir, "TV", NULL);
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autoptr(MmlEngine) engine = mml_engine_new (db);
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(MmlAssignment) assignment = NULL;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlUnrecognisedFile) unrecognised = NULL;
  g_autoptr(GError) error = NULL;
  MmlLibraryController *library;
  GListModel *model;
  Wait w = { NULL };
  Fixture f = { 0 };
  gint64 clip, series;
  char *linked;

  touch (tree, SERIES_DIR "/Season 01/Shadow.Harbor.S01E01.mkv");
  touch (tree, CLIP);
  mml_engine_set_watch (engine, FALSE);
  mml_engine_set_automatic (engine, FALSE);
  mml_engine_set_wait_for_network (engine, FALSE);
  library = mml_engine_get_library (engine);
  mml_library_controller_set_scan_new_roots (library, FALSE);
  g_assert_true (mml_engine_open_sync (engine, &error));
  g_assert_no_error (error);
  model = mml_library_controller_get_unrecognised (library);

  mml_library_controller_add_root_async (library, tree, MML_ROOT_KIND_STANDARD, NULL, wait_cb, &w);
  root = mml_library_controller_add_root_finish (library, wait_run (&w), &error);
  g_assert_no_error (error);
  mml_library_controller_scan_async (library, MML_SCAN_QUICK, 0, NULL, wait_cb, &w);
  summary = mml_library_controller_scan_finish (library, wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->unrecognised, ==, 1);
  while (g_list_model_get_n_items (model) != 1)
    g_main_context_iteration (NULL, TRUE);
  unrecognised = g_list_model_get_item (model, 0);
  clip = mml_unrecognised_file_get_file_id (unrecognised);

  f.store = mml_engine_get_store (engine);
  series = query_id (&f, "SELECT series_id FROM files WHERE id = ?1", clip);
  mml_library_controller_assign_files_async (library, &clip, 1, series, 1, 5, 1, NULL, wait_cb, &w);
  assignment = mml_library_controller_assign_files_finish (library, wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignment->files->len, ==, 1);
  linked = links (&f, clip, series);
  g_assert_cmpstr (linked, ==, "S01E05");
  g_free (linked);
  g_assert_cmpint (open_conflicts (&f, clip), ==, 0);
  /* the models reload after the scan, as after any */
  while (g_list_model_get_n_items (model) != 0)
    g_main_context_iteration (NULL, TRUE);

  /* a refusal is the store's */
  g_clear_pointer (&assignment, mml_assignment_free);
  mml_library_controller_assign_files_async (library, &clip, 1, 4242, 1, 5, 1, NULL, wait_cb, &w);
  assignment = mml_library_controller_assign_files_finish (library, wait_run (&w), &error);
  g_assert_null (assignment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* and unassigning brings it back */
  mml_library_controller_unassign_files_async (library, &clip, 1, NULL, wait_cb, &w);
  assignment = mml_library_controller_unassign_files_finish (library, wait_run (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpint (open_conflicts (&f, clip), ==, 1);
  while (g_list_model_get_n_items (model) != 1)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&w.result);
  mml_engine_shutdown (engine);
  g_clear_object (&engine);
  mml_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/assign/kept-by-scans", Fixture, NULL,
              fixture_set_up, test_assign_kept_by_scans, fixture_tear_down);
  g_test_add ("/core/assign/several", Fixture, NULL,
              fixture_set_up, test_assign_several, fixture_tear_down);
  g_test_add ("/core/assign/follows-rename", Fixture, NULL,
              fixture_set_up, test_assign_follows_rename, fixture_tear_down);
  g_test_add ("/core/assign/refuses", Fixture, NULL,
              fixture_set_up, test_assign_refuses, fixture_tear_down);
  g_test_add_func ("/core/assign/controller", test_assign_controller);

  return g_test_run ();
}
