/* test-store.c — the library database: schema, migrations, crash safety
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "mml-store.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define CRASH_BATCH_ROWS 2000

static const char *self_exe;

typedef struct
{
  char *dir;
  char *db_path;
} StoreFixture;

static void
store_setup (StoreFixture  *fixture,
             gconstpointer  data)
{
  fixture->dir = mml_test_make_tmpdir ("mml-test-store-XXXXXX");
  fixture->db_path = g_build_filename (fixture->dir, "sub", "library.db", NULL);
}

static void
store_teardown (StoreFixture  *fixture,
                gconstpointer  data)
{
  mml_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

/* A job that reports what the writer connection sees. */
static void
pragma_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autofree char *mode = query_text (db, "PRAGMA journal_mode");
  gint64 fk = query_int (db, "PRAGMA foreign_keys");

  g_task_return_pointer (task, g_strdup_printf ("%s/%" G_GINT64_FORMAT, mode, fk), g_free);
}

static void
test_store_migrate_from_empty (StoreFixture  *fixture,
                               gconstpointer  data)
{
  static const char * const tables[] = {
    "roots", "files", "series", "episodes", "episode_files",
    "subtitles", "conflicts", "sync_log", "journal", "seasons",
    "file_overrides",
  };
  g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
  g_autoptr(MmlSyncWait) wait = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pragmas = NULL;
  sqlite3 *db;

  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));

  wait = mml_sync_wait_new ();
  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_migrate_from_empty,
                       NULL, mml_sync_wait_cb, wait);
  pragmas = g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pragmas, ==, "wal/1");

  mml_store_close (store);

  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mml_store_schema_version ());
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                              "WHERE type = 'table' AND name = '%s'", tables[i]);
      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE type = 'index' AND name = 'episodes_watched'"), ==, 1);
  sqlite3_close (db);
}

static void
test_store_migrate_rerun (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sync_log (at, message) VALUES (1, 'kept')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* A second open (and a third, opening twice in one object) migrates nothing. */
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mml_store_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_log WHERE message = 'kept'"), ==, 1);
  sqlite3_close (db);
}

/* What migration 4 → 5 added, taken away again: a database as version 4
 * wrote it. */
/* What migration 8 added (videos placed by hand), taken back */
/* What migration 10 added (the index of files to probe), taken back */
#define UNDO_MIGRATION_10 \
  "DROP INDEX files_probe_stale;"

/* What migration 9 added ("always prefer …" for a series), taken back */
#define UNDO_MIGRATION_9 \
  "ALTER TABLE series DROP COLUMN watch_prefer;"

#define UNDO_MIGRATION_8 \
  "DROP TRIGGER file_overrides_follow; DROP TABLE file_overrides;"

/* What migration 7 added (the disk of each root), taken back */
#define UNDO_MIGRATION_7 \
  "ALTER TABLE roots DROP COLUMN device; ALTER TABLE roots DROP COLUMN mount_depth;"

/* What migration 6 added (media servers), taken back */
#define UNDO_MIGRATION_6 \
  "DROP TABLE webhook_events; DROP TABLE server_episodes; DROP TABLE server_series;" \
  "DROP TABLE server_paths; DROP TABLE servers;"

#define UNDO_MIGRATION_5 \
  "DROP TABLE preferences; DROP INDEX subtitles_language;" \
  "ALTER TABLE series DROP COLUMN subtitles_override;" \
  "ALTER TABLE subtitles DROP COLUMN codec; ALTER TABLE subtitles DROP COLUMN title;" \
  "ALTER TABLE subtitles DROP COLUMN stream; ALTER TABLE files DROP COLUMN probe_key;" \
  "ALTER TABLE files DROP COLUMN text_encoding; ALTER TABLE files DROP COLUMN text_language;" \
  "ALTER TABLE episodes DROP COLUMN plays;" \
  "DROP TABLE journal; DROP TABLE batches; DROP TABLE jobs; DROP TABLE activity; DROP TABLE transfers;" \
  "CREATE TABLE journal (id INTEGER PRIMARY KEY, batch INTEGER, op TEXT NOT NULL, source TEXT NOT NULL," \
  "                      target TEXT, state TEXT NOT NULL DEFAULT 'planned', error TEXT, at INTEGER NOT NULL);"

/* A library written by an earlier release (schema 2: no seasons, no
 * episodes_watched) gains the seasons table and the index, and keeps its
 * rows. */
static void
test_store_migrate_adds_seasons (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (sqlite3_exec (db,
                                 UNDO_MIGRATION_10 UNDO_MIGRATION_9 UNDO_MIGRATION_8 UNDO_MIGRATION_7 UNDO_MIGRATION_6 UNDO_MIGRATION_5
                                 "DROP TABLE seasons; DROP INDEX episodes_watched; PRAGMA user_version = 2;"
                                 "INSERT INTO series (title, added_at) VALUES ('Kept', 1);"
                                 "INSERT INTO roots (path, added_at) VALUES ('/media/tv', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }

  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, mml_store_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM series WHERE title = 'Kept'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE type = 'index' AND name = 'episodes_watched'"), ==, 1);
  /* and what 4 → 5 adds: the preferences and the subtitle columns */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM preferences"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_table_info ('subtitles') "
                                  "WHERE name IN ('codec', 'title', 'stream')"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM series WHERE subtitles_override IS NULL"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_table_info ('episodes') WHERE name = 'plays'"), ==, 1);
  /* 6 → 7: a root of before knows no disk; its next whole scan records it */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM roots WHERE device IS NULL AND mount_depth IS NULL"), ==, 1);
  /* 8 → 9: no series prefers a side in watch conflicts */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM series WHERE watch_prefer IS NULL"), ==, 1);
  /* 7 → 8: no video is placed by hand yet */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM file_overrides"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                  "AND name IN ('file_overrides_follow', 'file_overrides_gone')"), ==, 2);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA foreign_keys = ON;"
                                 "INSERT INTO seasons (series_id, number, poster_url) "
                                 "SELECT id, 1, 'http://x/s1.jpg' FROM series WHERE title = 'Kept';"
                                 "DELETE FROM series WHERE title = 'Kept'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* the seasons go with their series */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM seasons"), ==, 0);
  sqlite3_close (db);
}

static void
test_store_refuses_newer (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mml_store_new (fixture->db_path);
  g_assert_false (mml_store_open (store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_object (&store);

  /* Left exactly as it was. */
  db = raw_open (fixture->db_path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 999);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'roots'"), ==, 0);
  sqlite3_close (db);
}

static void
test_store_refuses_garbage (StoreFixture  *fixture,
                            gconstpointer  data)
{
  static const char garbage[] = "this is not a database, it is a text file the user keeps here\n";
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autofree char *contents = NULL;
  gsize len;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (fixture->db_path, garbage, -1, NULL));

  store = mml_store_new (fixture->db_path);
  g_assert_false (mml_store_open (store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (fixture->db_path, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, garbage);
}

/* --- what the store opens, and how --- */

/* "MMLb", the application id of every library database. */
#define MML_APPLICATION_ID 0x4D4D4C62

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Neither a WAL, its index nor a rollback journal beside @path.  A read-only
 * connection to a database in WAL mode may leave an empty WAL and its index
 * (SQLite reads through them, and only a writer removes them): @wal_read
 * allows those. */
static void
assert_no_sidecars (const char *path,
                    gboolean    wal_read)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (side, &st) != 0)
        continue;
      if (wal_read && i == 0 && st.st_size == 0)
        continue;
      if (wal_read && i == 1)
        continue;
      g_error ("%s appeared beside the database", side);
    }
}

/* The header says WAL mode (file format versions 2). */
static gboolean
is_wal (GBytes *contents)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (contents, &len);

  return len >= 20 && bytes[18] == 2 && bytes[19] == 2;
}

static void
make_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
}

/* Creates @path with a raw connection (rollback journal, like most
 * applications' files) and runs @sql on it. */
static void
raw_create (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;

  make_parent (path);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_close (db);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);

  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_close (db);
}

static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = raw_open (path);
  gint64 value = query_int (db, sql);

  sqlite3_close (db);
  return value;
}

/* Creates a library with the store, one root in it, and closes it. */
static void
create_library (const char *path)
{
  g_autoptr(MmlStore) store = mml_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  mml_store_close (store);
  raw_exec (path, "INSERT INTO roots (path, added_at) VALUES ('/media/tv', 1)");
}

/* Opening @path fails with @domain/@code, a message holding @needle, and
 * leaves the file exactly as it was, with nothing beside it. */
static void
assert_open_refused (const char *path,
                     gboolean    read_only,
                     GQuark      domain,
                     int         code,
                     const char *needle)
{
  g_autoptr(GBytes) before = g_file_test (path, G_FILE_TEST_EXISTS) ? file_bytes (path) : NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(MmlStore) store = mml_store_new (path);
  g_autoptr(GError) error = NULL;

  mml_store_set_read_only (store, read_only);
  g_assert_false (mml_store_open (store, &error));
  g_assert_error (error, domain, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
  g_test_message ("refused: %s", error->message);
  g_clear_object (&store);   /* joins the writer thread: the file is closed */

  if (before == NULL)
    {
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_sidecars (path, read_only && is_wal (before));
}

/* A schema version no release ever wrote fails the open with an error (it
 * used to leave the open task without a result, hanging every command). */
static void
test_store_refuses_negative_version (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  create_library (fixture->db_path);
  raw_exec (fixture->db_path, "PRAGMA user_version = -1");

  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT, "-1");
  assert_open_refused (fixture->db_path, TRUE, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT, "-1");
  g_assert_cmpint (raw_query_int (fixture->db_path, "PRAGMA user_version"), ==, -1);

  /* The same through the async API: the callback runs, with an error. */
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
    g_autoptr(GError) error = NULL;

    mml_store_open_async (store, NULL, mml_sync_wait_cb, wait);
    g_assert_false (mml_store_open_finish (store, mml_sync_wait_run (wait), &error));
    g_assert_nonnull (error);
  }

  /* Any other negative version, and one past ours, on a file of ours. */
  raw_exec (fixture->db_path, "PRAGMA user_version = -2147483648");
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT, "-2147483648");
  raw_exec (fixture->db_path, "PRAGMA user_version = 2147483647");
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_TOO_NEW, "newer version");
}

/* Another application's database, given by mistake, is left alone. */
static void
test_store_refuses_foreign (StoreFixture  *fixture,
                            gconstpointer  data)
{
  /* Its own tables, user_version 0: the case that gained our tables. */
  raw_create (fixture->db_path,
              "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
              "INSERT INTO notes (body) VALUES ('keep me');");
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                       "is not a My Media Library database");
  assert_open_refused (fixture->db_path, TRUE, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                       "is not a My Media Library database");
  g_assert_cmpint (raw_query_int (fixture->db_path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  {
    sqlite3 *db = raw_open (fixture->db_path);
    g_autofree char *mode = query_text (db, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "delete");
    sqlite3_close (db);
  }
  g_assert_cmpint (g_unlink (fixture->db_path), ==, 0);

  /* A version of its own within our range, and no tables. */
  raw_create (fixture->db_path, "PRAGMA user_version = 2");
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                       "is not a My Media Library database");
  g_assert_cmpint (g_unlink (fixture->db_path), ==, 0);

  /* Tables named like ours under another application's id. */
  raw_create (fixture->db_path,
              "CREATE TABLE roots (id); CREATE TABLE series (id); CREATE TABLE files (id);"
              "PRAGMA user_version = 1; PRAGMA application_id = 1179601990;");
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                       "is not a My Media Library database");
  g_assert_cmpint (g_unlink (fixture->db_path), ==, 0);

  /* Another application's database in WAL mode. */
  raw_create (fixture->db_path,
              "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);"
              "PRAGMA wal_checkpoint (TRUNCATE);");
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                       "is not a My Media Library database");
}

/* Ours are marked: new ones at creation, older ones when next opened. */
static void
test_store_application_id (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;

  create_library (fixture->db_path);
  g_assert_cmpint (raw_query_int (fixture->db_path, "PRAGMA application_id"), ==, MML_APPLICATION_ID);

  /* A library written before the id: recognised by its schema, then marked. */
  raw_exec (fixture->db_path, "PRAGMA application_id = 0");
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_query_int (fixture->db_path, "PRAGMA application_id"), ==, MML_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (fixture->db_path, "SELECT count(*) FROM roots"), ==, 1);

  /* …also when it needs migrating (schema 2: no seasons yet). */
  raw_exec (fixture->db_path, "PRAGMA application_id = 0;" UNDO_MIGRATION_10 UNDO_MIGRATION_9 UNDO_MIGRATION_8 UNDO_MIGRATION_7 UNDO_MIGRATION_6 UNDO_MIGRATION_5
                              "DROP TABLE seasons; DROP INDEX episodes_watched; PRAGMA user_version = 2");
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_query_int (fixture->db_path, "PRAGMA application_id"), ==, MML_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (fixture->db_path, "PRAGMA user_version"), ==, mml_store_schema_version ());

  /* An empty file is a new library. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  {
    g_autoptr(MmlStore) store = mml_store_new (empty);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_query_int (empty, "PRAGMA application_id"), ==, MML_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (empty, "PRAGMA user_version"), ==, mml_store_schema_version ());
}

/* A library database is a file: no in-memory database, no URI. */
static void
test_store_refuses_non_paths (StoreFixture  *fixture,
                              gconstpointer  data)
{
  static const char * const names[] = {
    ":memory:", "", "file:library.db", "file::memory:?cache=shared", "file:///tmp/x.db?mode=rwc",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (int read_only = 0; read_only <= 1; read_only++)
      {
        g_autoptr(MmlStore) store = mml_store_new (names[i]);
        g_autoptr(GError) error = NULL;

        mml_store_set_read_only (store, read_only);
        g_assert_false (mml_store_open (store, &error));
        g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, "file"));
        g_assert_null (mml_store_open_reader (store, NULL));
      }
  g_assert_false (g_file_test ("file:library.db", G_FILE_TEST_EXISTS));
}

/* An empty library in memory, asked for by name rather than by path. */
static void
test_store_in_memory (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(MmlStore) store = mml_store_new_in_memory ();
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pragmas = NULL;

  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mml_store_get_path (store), ==, ":memory:");
  mml_test_store_exec (store, "INSERT INTO roots (path, added_at) VALUES ('/media/tv', 1)");

  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_in_memory,
                       NULL, mml_sync_wait_cb, wait);
  pragmas = g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pragmas, ==, "memory/1");

  g_assert_null (mml_store_open_reader (store, &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID);
  g_assert_false (g_file_test (":memory:", G_FILE_TEST_EXISTS));
}

typedef struct
{
  int         readonly;
  gint64      roots;
  char       *journal;
} WriterView;

static void
writer_view_job (MmlStore     *store,
                 sqlite3      *db,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriterView *view = g_new0 (WriterView, 1);

  view->readonly = sqlite3_db_readonly (db, "main");
  view->roots = query_int (db, "SELECT count(*) FROM roots");
  view->journal = query_text (db, "PRAGMA journal_mode");
  g_task_return_pointer (task, view, NULL);
}

static WriterView *
writer_view (MmlStore *store)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  WriterView *view;

  mml_store_run_async (store, writer_view_job, NULL, NULL, writer_view,
                       NULL, mml_sync_wait_cb, wait);
  view = g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error);
  g_assert_no_error (error);
  return view;
}

static void
write_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  GError *error = NULL;

  if (mml_store_exec (db, "INSERT INTO sync_log (at, message) VALUES (1, 'no')", &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Read-only opens read, never write: no migration, no WAL switch, no file
 * created; writes fail clearly. */
static void
test_store_read_only_open (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "nowhere", NULL);
  g_autofree char *missing = g_build_filename (missing_dir, "library.db", NULL);
  g_autoptr(GBytes) before = NULL;

  /* Nothing there: not created, nor its folder. */
  assert_open_refused (missing, TRUE, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "does not exist");
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  /* A library in rollback-journal mode stays in it. */
  create_library (fixture->db_path);
  {
    g_autofree char *mode = NULL;
    sqlite3 *db = raw_open (fixture->db_path);

    mode = query_text (db, "PRAGMA journal_mode = DELETE");
    g_assert_cmpstr (mode, ==, "delete");
    sqlite3_close (db);
  }
  before = file_bytes (fixture->db_path);

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
    WriterView *view;

    g_assert_false (mml_store_get_read_only (store));
    mml_store_set_read_only (store, TRUE);
    g_assert_true (mml_store_get_read_only (store));
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);

    view = writer_view (store);
    g_assert_cmpint (view->readonly, ==, 1);
    g_assert_cmpint (view->roots, ==, 1);
    g_assert_cmpstr (view->journal, ==, "delete");
    g_free (view->journal);
    g_free (view);

    mml_store_run_async (store, write_job, NULL, NULL, test_store_read_only_open,
                         NULL, mml_sync_wait_cb, wait);
    g_assert_false (g_task_propagate_boolean (G_TASK (mml_sync_wait_run (wait)), &error));
    g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "read-only"));
    g_clear_error (&error);
  }
  {
    g_autoptr(GBytes) after = file_bytes (fixture->db_path);
    g_assert_true (g_bytes_equal (before, after));
  }
  assert_no_sidecars (fixture->db_path, FALSE);

  /* One that needs a migration is refused, and left at its version. */
  raw_exec (fixture->db_path, "DROP TABLE seasons; DROP INDEX episodes_watched; PRAGMA user_version = 2");
  assert_open_refused (fixture->db_path, TRUE, MML_STORE_ERROR, MML_STORE_ERROR_FAILED, "read-only");
  g_assert_cmpint (raw_query_int (fixture->db_path, "PRAGMA user_version"), ==, 2);

  /* And an empty file is not made a library. */
  g_clear_pointer (&before, g_bytes_unref);
  g_assert_true (g_file_set_contents (fixture->db_path, "", 0, NULL));
  assert_open_refused (fixture->db_path, TRUE, MML_STORE_ERROR, MML_STORE_ERROR_FAILED, "read-only");
}

static gboolean
can_write_in (const char *dir)
{
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  int fd = g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0600);

  if (fd < 0)
    return FALSE;
  close (fd);
  g_unlink (probe);
  return TRUE;
}

/* A library in a folder that cannot be written (a read-only mount, another
 * user's library): read-only opens read it; writable ones say why not. */
static void
test_store_read_only_folder (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;

  create_library (fixture->db_path);
  before = file_bytes (fixture->db_path);
  g_assert_cmpint (g_chmod (fixture->db_path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (can_write_in (dir))
    {
      /* root: permissions do not stop it (read-only-open covers the
       * read-only connection on a file). */
      g_chmod (dir, 0700);
      g_test_skip ("chmod cannot make a folder read-only for this user (root?)");
      return;
    }

  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    WriterView *view;

    mml_store_set_read_only (store, TRUE);
    mml_store_open (store, &error);
    g_assert_no_error (error);
    view = writer_view (store);
    g_assert_cmpint (view->readonly, ==, 1);
    g_assert_cmpint (view->roots, ==, 1);
    g_free (view->journal);
    g_free (view);
  }

  /* Opening it to write fails, saying why, and changes nothing. */
  assert_open_refused (fixture->db_path, FALSE, MML_STORE_ERROR, MML_STORE_ERROR_FAILED, "read-only");

  g_chmod (dir, 0700);
  {
    g_autoptr(GBytes) after = file_bytes (fixture->db_path);
    g_assert_true (g_bytes_equal (before, after));
  }
}

static void
test_store_closed (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
  g_autoptr(MmlSyncWait) wait = NULL;
  g_autoptr(GError) error = NULL;

  /* Not opened yet: jobs fail cleanly instead of crashing. */
  wait = mml_sync_wait_new ();
  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_closed,
                       NULL, mml_sync_wait_cb, wait);
  g_assert_null (g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED);
  g_clear_error (&error);
  g_clear_pointer (&wait, mml_sync_wait_free);

  g_assert_true (mml_store_open (store, &error));
  mml_store_close (store);

  wait = mml_sync_wait_new ();
  mml_store_run_async (store, pragma_job, NULL, NULL, test_store_closed,
                       NULL, mml_sync_wait_cb, wait);
  g_assert_null (g_task_propagate_pointer (G_TASK (mml_sync_wait_run (wait)), &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CLOSED);
}

/* Jobs run in the order they were queued, each on the writer thread. */
static void
order_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  GArray *seen = g_object_get_data (G_OBJECT (store), "seen");
  int n = GPOINTER_TO_INT (task_data);

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (seen, n);
  g_task_return_boolean (task, TRUE);
}

static void
order_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *done = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  (*done)++;
}

static void
test_store_job_order (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;
  guint done = 0;

  g_main_context_acquire (g_main_context_default ());
  g_assert_true (mml_store_open (store, &error));
  g_object_set_data (G_OBJECT (store), "seen", seen);

  for (int i = 0; i < 100; i++)
    mml_store_run_async (store, order_job, GINT_TO_POINTER (i), NULL, test_store_job_order,
                         NULL, order_done_cb, &done);
  while (done < 100)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (seen->len, ==, 100);
  for (int i = 0; i < 100; i++)
    g_assert_cmpint (g_array_index (seen, int, i), ==, i);
  g_main_context_release (g_main_context_default ());
}

/* --- crash safety: a child writing batches is killed with SIGKILL --- */

static void
batch_job (MmlStore     *store,
           sqlite3      *db,
           GTask        *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  int batch = GPOINTER_TO_INT (task_data);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *server = g_strdup_printf ("batch-%d", batch);
  GError *error = NULL;

  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  sqlite3_prepare_v2 (db, "INSERT INTO sync_log (at, server, message) VALUES (?, ?, ?)", -1, &stmt, NULL);
  for (int i = 0; i < CRASH_BATCH_ROWS; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, server, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "a row of a batch that must be all or nothing", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert failed: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  if (!mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static int
crash_child (const char *db_path)
{
  g_autoptr(MmlStore) store = mml_store_new (db_path);
  g_autoptr(GError) error = NULL;

  if (!mml_store_open (store, &error))
    g_error ("%s", error->message);

  for (int batch = 1; ; batch++)
    {
      g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

      mml_store_run_async (store, batch_job, GINT_TO_POINTER (batch), NULL, crash_child,
                           NULL, mml_sync_wait_cb, wait);
      if (!g_task_propagate_boolean (G_TASK (mml_sync_wait_run (wait)), &error))
        g_error ("%s", error->message);

      /* Only now is the batch committed: tell the parent. */
      printf ("%d\n", batch);
      fflush (stdout);
    }

  return 0;
}

static void
test_store_sigkill (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  int last_reported = 0;
  sqlite3 *db;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--crash-child", fixture->db_path, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while (last_reported < 15)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      last_reported = atoi (line);
    }

  /* The child is inside its next batch (or about to start it). */
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  db = raw_open (fixture->db_path);
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  /* Every batch the child reported is there whole; any later one is whole or absent. */
  for (int batch = 1; batch <= last_reported + 2; batch++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sync_log WHERE server = 'batch-%d'", batch);
      gint64 rows = query_int (db, sql);

      if (batch <= last_reported)
        g_assert_cmpint (rows, ==, CRASH_BATCH_ROWS);
      else
        g_assert_true (rows == 0 || rows == CRASH_BATCH_ROWS);
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_log") % CRASH_BATCH_ROWS, ==, 0);
  sqlite3_close (db);

  /* And the store opens it again. */
  {
    g_autoptr(MmlStore) store = mml_store_new (fixture->db_path);
    g_assert_true (mml_store_open (store, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/store/migrate-from-empty", StoreFixture, NULL,
              store_setup, test_store_migrate_from_empty, store_teardown);
  g_test_add ("/core/store/migrate-rerun", StoreFixture, NULL,
              store_setup, test_store_migrate_rerun, store_teardown);
  g_test_add ("/core/store/migrate-adds-seasons", StoreFixture, NULL,
              store_setup, test_store_migrate_adds_seasons, store_teardown);
  g_test_add ("/core/store/refuses-newer-version", StoreFixture, NULL,
              store_setup, test_store_refuses_newer, store_teardown);
  g_test_add ("/core/store/refuses-non-database", StoreFixture, NULL,
              store_setup, test_store_refuses_garbage, store_teardown);
  g_test_add ("/core/store/refuses-negative-version", StoreFixture, NULL,
              store_setup, test_store_refuses_negative_version, store_teardown);
  g_test_add ("/core/store/refuses-foreign-database", StoreFixture, NULL,
              store_setup, test_store_refuses_foreign, store_teardown);
  g_test_add ("/core/store/application-id", StoreFixture, NULL,
              store_setup, test_store_application_id, store_teardown);
  g_test_add ("/core/store/refuses-non-paths", StoreFixture, NULL,
              store_setup, test_store_refuses_non_paths, store_teardown);
  g_test_add ("/core/store/in-memory", StoreFixture, NULL,
              store_setup, test_store_in_memory, store_teardown);
  g_test_add ("/core/store/read-only/open", StoreFixture, NULL,
              store_setup, test_store_read_only_open, store_teardown);
  g_test_add ("/core/store/read-only/folder", StoreFixture, NULL,
              store_setup, test_store_read_only_folder, store_teardown);
  g_test_add ("/core/store/closed", StoreFixture, NULL,
              store_setup, test_store_closed, store_teardown);
  g_test_add ("/core/store/job-order", StoreFixture, NULL,
              store_setup, test_store_job_order, store_teardown);
  g_test_add ("/core/store/sigkill-mid-batch", StoreFixture, NULL,
              store_setup, test_store_sigkill, store_teardown);

  return g_test_run ();
}
