/* mml-store-schema.c — schema and forward migrations of the library database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-store-private.h"

/*
 * migrations[i] takes a database from user_version i to i + 1.  Each one is
 * applied in its own transaction together with the user_version bump, so a
 * crash leaves the database at a whole version.  Never edit a released
 * migration: append a new one.
 *
 * Paths are stored as the raw bytes the file system gave us (TEXT columns
 * hold any bytes in SQLite; nothing here relies on them being UTF-8).
 */
static const char * const migrations[] = {
  /* 0 → 1: the first schema */
  "CREATE TABLE roots ("
  "  id            INTEGER PRIMARY KEY,"
  "  path          TEXT NOT NULL UNIQUE,"
  "  kind          TEXT NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'anime', 'daily')),"
  "  enabled       INTEGER NOT NULL DEFAULT 1,"
  "  added_at      INTEGER NOT NULL,"
  "  last_scan_at  INTEGER,"
  "  last_scan     TEXT"                      /* JSON summary of the last scan */
  ");"
  "CREATE TABLE series ("
  "  id            INTEGER PRIMARY KEY,"
  "  root_id       INTEGER REFERENCES roots (id) ON DELETE CASCADE,"
  "  folder        TEXT,"                     /* relative to its root; NULL for loose files */
  "  title         TEXT NOT NULL,"
  "  sort_title    TEXT,"
  "  year          INTEGER,"
  "  status        TEXT,"
  "  overview      TEXT,"
  "  network       TEXT,"
  "  language      TEXT,"
  "  tvmaze_id     INTEGER,"
  "  tvdb_id       INTEGER,"
  "  tmdb_id       INTEGER,"
  "  imdb_id       TEXT,"
  "  match_state   TEXT NOT NULL DEFAULT 'none' CHECK (match_state IN ('none', 'auto', 'manual', 'conflict', 'ignored')),"
  "  episode_order TEXT NOT NULL DEFAULT 'aired' CHECK (episode_order IN ('aired', 'dvd', 'absolute')),"
  "  watch_status  TEXT,"
  "  overrides     TEXT,"                     /* JSON of user-edited fields */
  "  added_at      INTEGER NOT NULL,"
  "  refreshed_at  INTEGER,"
  "  UNIQUE (root_id, folder)"
  ");"
  "CREATE INDEX series_title ON series (title);"
  "CREATE TABLE files ("
  "  id            INTEGER PRIMARY KEY,"
  "  root_id       INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,"
  "  path          TEXT NOT NULL,"            /* relative to the root */
  "  kind          TEXT NOT NULL CHECK (kind IN ('video', 'subtitle')),"
  "  size          INTEGER NOT NULL,"
  "  mtime         INTEGER NOT NULL,"         /* nanoseconds since the epoch */
  "  device        INTEGER NOT NULL,"
  "  inode         INTEGER NOT NULL,"
  "  status        TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing', 'unavailable')),"
  "  series_id     INTEGER REFERENCES series (id) ON DELETE SET NULL,"
  "  parsed        INTEGER NOT NULL DEFAULT 0,"
  "  season        INTEGER,"
  "  episodes      TEXT,"                     /* JSON array */
  "  absolute      TEXT,"                     /* JSON array */
  "  air_date      TEXT,"
  "  special       INTEGER NOT NULL DEFAULT 0,"
  "  release_group TEXT,"
  "  resolution    INTEGER,"
  "  languages     TEXT,"                     /* JSON array */
  "  first_seen    INTEGER NOT NULL,"
  "  last_seen     INTEGER NOT NULL,"
  "  UNIQUE (root_id, path)"
  ");"
  "CREATE INDEX files_series ON files (series_id);"
  "CREATE TABLE episodes ("
  "  id            INTEGER PRIMARY KEY,"
  "  series_id     INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,"
  "  season        INTEGER,"
  "  number        INTEGER,"
  "  absolute      INTEGER,"
  "  air_date      TEXT,"
  "  title         TEXT,"
  "  overview      TEXT,"
  "  runtime       INTEGER,"
  "  provider_id   TEXT,"
  "  watched       INTEGER NOT NULL DEFAULT 0,"
  "  watched_at    INTEGER,"
  "  watched_source TEXT,"
  "  UNIQUE (series_id, season, number)"
  ");"
  "CREATE INDEX episodes_air_date ON episodes (air_date) WHERE air_date IS NOT NULL;"
  "CREATE TABLE episode_files ("
  "  episode_id    INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  file_id       INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (episode_id, file_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX episode_files_file ON episode_files (file_id);"
  "CREATE TABLE subtitles ("
  "  id            INTEGER PRIMARY KEY,"
  "  video_id      INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,"
  "  file_id       INTEGER REFERENCES files (id) ON DELETE CASCADE,"   /* NULL when embedded */
  "  language      TEXT,"
  "  forced        INTEGER NOT NULL DEFAULT 0,"
  "  hearing_impaired INTEGER NOT NULL DEFAULT 0,"
  "  embedded      INTEGER NOT NULL DEFAULT 0,"
  "  source        TEXT,"
  "  encoding      TEXT"
  ");"
  "CREATE INDEX subtitles_video ON subtitles (video_id);"
  "CREATE INDEX subtitles_file ON subtitles (file_id);"
  "CREATE TABLE conflicts ("
  "  id            INTEGER PRIMARY KEY,"
  "  kind          TEXT NOT NULL,"            /* 'unrecognised-file', 'match', 'watch-state', 'rename' */
  "  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')),"
  "  series_id     INTEGER REFERENCES series (id) ON DELETE CASCADE,"
  "  file_id       INTEGER REFERENCES files (id) ON DELETE CASCADE,"
  "  payload       TEXT,"                     /* JSON: candidates, both sides… */
  "  created_at    INTEGER NOT NULL,"
  "  resolved_at   INTEGER"
  ");"
  "CREATE INDEX conflicts_state ON conflicts (state, kind);"
  "CREATE INDEX conflicts_file ON conflicts (file_id);"
  "CREATE TABLE sync_log ("
  "  id            INTEGER PRIMARY KEY,"
  "  at            INTEGER NOT NULL,"
  "  server        TEXT,"
  "  level         TEXT NOT NULL DEFAULT 'info',"
  "  message       TEXT NOT NULL"
  ");"
  "CREATE TABLE journal ("
  "  id            INTEGER PRIMARY KEY,"
  "  batch         INTEGER,"
  "  op            TEXT NOT NULL CHECK (op IN ('rename', 'move', 'copy', 'trash', 'mkdir')),"
  "  source        TEXT NOT NULL,"
  "  target        TEXT,"
  "  state         TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'done', 'undone', 'failed')),"
  "  error         TEXT,"
  "  at            INTEGER NOT NULL"
  ");",

  /* 1 → 2: metadata from providers (issue 4). The series row is the one
   * mapping folder ↔ provider ids that matching, renaming and sync read. */
  "ALTER TABLE series ADD COLUMN provider TEXT;"           /* whose metadata fills the row: tvmaze|tvdb|tmdb */
  "ALTER TABLE series ADD COLUMN folder_title TEXT;"       /* what the folder name said, kept after a match */
  "ALTER TABLE series ADD COLUMN premiered TEXT;"
  "ALTER TABLE series ADD COLUMN ended TEXT;"
  "ALTER TABLE series ADD COLUMN country TEXT;"
  "ALTER TABLE series ADD COLUMN genres TEXT;"             /* JSON array */
  "ALTER TABLE series ADD COLUMN runtime INTEGER;"
  "ALTER TABLE series ADD COLUMN poster_url TEXT;"
  "ALTER TABLE series ADD COLUMN provider_updated INTEGER;"/* the provider's own change time */
  "ALTER TABLE series ADD COLUMN matched_at INTEGER;"
  "ALTER TABLE series ADD COLUMN meta_error TEXT;"         /* the last metadata failure, for Retry */
  "ALTER TABLE series ADD COLUMN meta_error_at INTEGER;"
  "ALTER TABLE series ADD COLUMN added_by TEXT NOT NULL DEFAULT 'scan' CHECK (added_by IN ('scan', 'user'));"
  "CREATE INDEX series_match ON series (match_state);"
  "CREATE INDEX series_tvmaze ON series (tvmaze_id) WHERE tvmaze_id IS NOT NULL;"
  "CREATE INDEX series_tvdb ON series (tvdb_id) WHERE tvdb_id IS NOT NULL;"
  "ALTER TABLE episodes ADD COLUMN special INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE episodes ADD COLUMN airstamp INTEGER;"      /* unix seconds, when the provider knows the instant */
  "CREATE INDEX episodes_series ON episodes (series_id, season, number);"
  "CREATE INDEX conflicts_series ON conflicts (series_id) WHERE series_id IS NOT NULL;",

  /* 2 → 3: the provider's seasons, for their posters on the series page.
   * Rewritten whole with each metadata write; gone with the match. */
  "CREATE TABLE seasons ("
  "  id            INTEGER PRIMARY KEY,"
  "  series_id     INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,"
  "  number        INTEGER NOT NULL,"         /* 0: specials */
  "  name          TEXT,"
  "  poster_url    TEXT,"
  "  episode_count INTEGER,"                  /* as announced by the provider; NULL: unknown */
  "  provider_id   TEXT,"                     /* "tvmaze:123", like episodes.provider_id */
  "  UNIQUE (series_id, number)"
  ");",

  /* 3 → 4: the watched episodes of each series, for the series list's
   * watch status. Partial, so it costs nothing while few are watched
   * (episodes.watched is set by the media-server sync). */
  "CREATE INDEX episodes_watched ON episodes (series_id) WHERE watched = 1;",

  /* 4 → 5: subtitles (issue 12). Preferences the CLI and the GUI share
   * (preferred languages, the subtitle service's quota) live in the
   * store, not in GSettings, so a run without a desktop session sees
   * them; a series' subtitle status can be overridden by the user; an
   * embedded track keeps its codec, title and stream index; a video is
   * probed for embedded tracks once per size + mtime + inode (probe_key). */
  "CREATE TABLE preferences ("
  "  key           TEXT PRIMARY KEY,"
  "  value         TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "ALTER TABLE series ADD COLUMN subtitles_override TEXT CHECK (subtitles_override IN ('with', 'mixed', 'none'));"
  "ALTER TABLE subtitles ADD COLUMN codec TEXT;"
  "ALTER TABLE subtitles ADD COLUMN title TEXT;"
  "ALTER TABLE subtitles ADD COLUMN stream INTEGER;"        /* embedded: the container's stream index */
  "ALTER TABLE files ADD COLUMN probe_key TEXT;"            /* "size:mtime:inode" when last probed */
  "ALTER TABLE files ADD COLUMN text_encoding TEXT;"        /* a sidecar's text, as last probed */
  "ALTER TABLE files ADD COLUMN text_language TEXT;"        /* the language its text is written in */
  "CREATE INDEX subtitles_language ON subtitles (language);"
  /* The journal of changes to the user's files, in batches (a download,
   * a conversion, a rename of the library): every operation is written
   * here before it happens, so an interrupted batch can be resumed or
   * rolled back, and a finished one undone. The journal table of
   * version 1 was never written to; it is replaced. */
  "DROP TABLE journal;"
  "CREATE TABLE batches ("
  "  id            INTEGER PRIMARY KEY,"
  "  kind          TEXT NOT NULL,"            /* 'subtitles', 'organize', 'transfer' … */
  "  title         TEXT NOT NULL,"            /* what History shows */
  "  state         TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed', 'undone')),"
  "  created_at    INTEGER NOT NULL,"
  "  finished_at   INTEGER"
  ");"
  "CREATE TABLE journal ("
  "  id            INTEGER PRIMARY KEY,"
  "  batch_id      INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,"
  "  op            TEXT NOT NULL CHECK (op IN ('create', 'rename', 'trash', 'mkdir', 'rmdir')),"
  "  source        TEXT,"                     /* rename, trash: the file before */
  "  target        TEXT,"                     /* create, rename, mkdir: the file after; trash: where the trash keeps it; rmdir: NULL (source: the folder) */
  "  temp          TEXT,"                     /* create: the temporary file renamed into place */
  "  state         TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'done', 'failed', 'undone', 'queued')),"
  "  error         TEXT,"                     /* queued: written with the whole plan, before any of it runs */
  "  at            INTEGER NOT NULL"
  ");"
  "CREATE INDEX journal_batch ON journal (batch_id);"
  "CREATE INDEX batches_state ON batches (state) WHERE state = 'running';"
  /* The scheduler's jobs (what runs in the background, when it ran, how
   * it went) and the activity log the Dashboard and `mml activity` read. */
  "CREATE TABLE jobs ("
  "  name          TEXT PRIMARY KEY,"
  "  interval_s    INTEGER,"                  /* NULL: only when asked */
  "  enabled       INTEGER NOT NULL DEFAULT 1,"
  "  last_run_at   INTEGER,"
  "  next_run_at   INTEGER,"
  "  last_result   TEXT,"                     /* 'ok', 'failed: …', 'skipped: …' */
  "  failures      INTEGER NOT NULL DEFAULT 0,"  /* in a row, for the back-off */
  "  running_since INTEGER"                   /* set while a process runs it */
  ") WITHOUT ROWID;"
  "CREATE TABLE activity ("
  "  id            INTEGER PRIMARY KEY,"
  "  at            INTEGER NOT NULL,"
  "  kind          TEXT NOT NULL,"            /* 'scan', 'refresh', 'subtitles', 'sync', 'cache', 'files' … */
  "  text          TEXT NOT NULL,"
  "  series_id     INTEGER REFERENCES series (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX activity_at ON activity (at);"
  /* Viewing (issue 13): how many times each episode was played (a mark
   * counts one; servers give theirs). series.watch_status (version 1)
   * holds the user's override of the derived viewing status. */
  "ALTER TABLE episodes ADD COLUMN plays INTEGER NOT NULL DEFAULT 0;"
  "UPDATE episodes SET plays = 1 WHERE watched = 1;"
  /* The transfer queue: files copied or moved to another folder or disk,
   * one row a file (a sidecar follows its video's row), kept as a log of
   * how each went; a failed one is tried again by the next run. */
  "CREATE TABLE transfers ("
  "  id            INTEGER PRIMARY KEY,"
  "  file_id       INTEGER REFERENCES files (id) ON DELETE SET NULL,"
  "  follows       INTEGER REFERENCES transfers (id) ON DELETE CASCADE,"   /* a sidecar: its video's transfer */
  "  source        TEXT NOT NULL,"            /* absolute, when it was queued */
  "  target        TEXT NOT NULL,"            /* absolute: the target folder, then the path under its root */
  "  move          INTEGER NOT NULL DEFAULT 0,"
  "  state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'skipped', 'failed')),"
  "  error         TEXT,"
  "  batch_id      INTEGER REFERENCES batches (id) ON DELETE SET NULL,"  /* a move: the journal batch */
  "  added_at      INTEGER NOT NULL,"
  "  finished_at   INTEGER"
  ");"
  "CREATE INDEX transfers_state ON transfers (state) WHERE state IN ('queued', 'failed');",

  /* 5 → 6: media servers (issue 13). A server's token lives in the
   * keyring, never here. server_series and server_episodes are the
   * mapping of the server's items to the library; an episode row also
   * keeps the baseline of the three-way merge (the state both sides had
   * after the last sync that confirmed it; NULL: none yet) and the open
   * watch conflict that holds it. webhook_events logs every accepted
   * webhook, keyed for de-duplication; an unmapped one is retried after
   * the next sync. */
  "CREATE TABLE servers ("
  "  id            INTEGER PRIMARY KEY,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('plex', 'jellyfin', 'emby')),"
  "  name          TEXT NOT NULL,"
  "  url           TEXT NOT NULL,"
  "  user_id       TEXT,"
  "  user_name     TEXT,"
  "  machine_id    TEXT,"                     /* Plex machineIdentifier, Jellyfin/Emby ServerId */
  "  version       TEXT,"
  "  libraries     TEXT,"                     /* JSON [{"id","title","locations"}]: the TV libraries synced */
  "  enabled       INTEGER NOT NULL DEFAULT 1,"
  "  added_at      INTEGER NOT NULL,"
  "  last_sync_at  INTEGER,"
  "  last_error    TEXT,"
  "  last_summary  TEXT"                      /* JSON counts of the last sync */
  ");"
  "CREATE TABLE server_paths ("
  "  server_id     INTEGER NOT NULL REFERENCES servers (id) ON DELETE CASCADE,"
  "  server_prefix TEXT NOT NULL,"
  "  local_prefix  TEXT NOT NULL,"
  "  PRIMARY KEY (server_id, server_prefix)"
  ") WITHOUT ROWID;"
  "CREATE TABLE server_series ("
  "  server_id     INTEGER NOT NULL REFERENCES servers (id) ON DELETE CASCADE,"
  "  item_id       TEXT NOT NULL,"
  "  series_id     INTEGER REFERENCES series (id) ON DELETE SET NULL,"
  "  title         TEXT,"
  "  how           TEXT,"                     /* 'ids', 'path', 'title', 'user'; NULL: unmapped */
  "  PRIMARY KEY (server_id, item_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX server_series_series ON server_series (series_id);"
  "CREATE TABLE server_episodes ("
  "  server_id     INTEGER NOT NULL REFERENCES servers (id) ON DELETE CASCADE,"
  "  item_id       TEXT NOT NULL,"
  "  episode_id    INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,"
  "  base_watched  INTEGER,"
  "  base_at       INTEGER,"
  "  base_plays    INTEGER,"
  "  conflict_id   INTEGER REFERENCES conflicts (id) ON DELETE SET NULL,"
  "  PRIMARY KEY (server_id, item_id, episode_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX server_episodes_episode ON server_episodes (episode_id);"
  "CREATE TABLE webhook_events ("
  "  id            INTEGER PRIMARY KEY,"
  "  at            INTEGER NOT NULL,"
  "  key           TEXT NOT NULL UNIQUE,"
  "  sender        TEXT NOT NULL,"
  "  server_id     INTEGER REFERENCES servers (id) ON DELETE SET NULL,"
  "  event         TEXT NOT NULL,"
  "  action        TEXT NOT NULL,"
  "  item_id       TEXT,"
  "  state         TEXT NOT NULL CHECK (state IN ('applied', 'unchanged', 'unmapped', 'ignored')),"
  "  event_json    TEXT"                      /* what was parsed of it (no secrets: payloads carry none) */
  ");"
  "CREATE INDEX webhook_events_unmapped ON webhook_events (server_id) WHERE state = 'unmapped';",

  /* 6 → 7: the disk each root lives on (issue 11), so that a disk that is
   * not mounted is told from a library whose files were deleted even when
   * something left files in the empty folder: the device of the root's
   * folder, and how many folders above it that device is mounted (0: the
   * root is a mount point).  Recorded when a root is added; NULL for the
   * roots of earlier versions until their next whole scan that finds
   * files (mml-scan-apply.c). */
  "ALTER TABLE roots ADD COLUMN device INTEGER;"
  "ALTER TABLE roots ADD COLUMN mount_depth INTEGER;",

  /* 7 → 8: where the user said a video goes (issue 11, manual import).
   * Keyed like files, by root and path, and read by the scanner each time
   * it parses a video (mml-scan-write.c): the user's series, season and
   * episodes win over what the name says.  The override follows its file
   * when the library sees it renamed (the scanner's rename detection, the
   * organiser's moves); it goes with its series, and then the file's
   * stat is made stale so that the next quick scan parses it again. */
  "CREATE TABLE file_overrides ("
  "  root_id       INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,"
  "  path          TEXT NOT NULL,"            /* relative to the root, as files.path */
  "  series_id     INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,"
  "  season        INTEGER,"                  /* NULL: absolute numbering */
  "  episodes      TEXT NOT NULL DEFAULT '[]',"  /* JSON array, as files.episodes */
  "  absolute      TEXT NOT NULL DEFAULT '[]',"  /* JSON array, as files.absolute */
  "  created_at    INTEGER NOT NULL,"
  "  PRIMARY KEY (root_id, path)"
  ") WITHOUT ROWID;"
  "CREATE INDEX file_overrides_series ON file_overrides (series_id);"
  "CREATE TRIGGER file_overrides_follow AFTER UPDATE OF path ON files "
  "WHEN OLD.path IS NOT NEW.path BEGIN "
  "  UPDATE OR REPLACE file_overrides SET path = NEW.path "
  "  WHERE root_id = NEW.root_id AND path = OLD.path; "
  "END;"
  /* mtime -1 is no time a file has: the quick scan sees a change */
  "CREATE TRIGGER file_overrides_gone AFTER DELETE ON file_overrides BEGIN "
  "  UPDATE files SET mtime = -1 "
  "  WHERE root_id = OLD.root_id AND path = OLD.path AND kind = 'video'; "
  "END;",
  /* 8 → 9: "always prefer …" for a series' watch conflicts (issue 13):
   * a conflict of the series settles to that side by itself
   * (mml_watch_sync_settle()); NULL asks. */
  "ALTER TABLE series ADD COLUMN watch_prefer TEXT CHECK (watch_prefer IN ('local', 'server'));",
  /* 9 → 10: the files whose tracks or text are not known for their
   * current state, by root and path: what the prober asks after every
   * scan (mml-probe-store.c) is read from this partial index instead of
   * every row of the library. Its WHERE must stay the query's term. */
  "CREATE INDEX files_probe_stale ON files (root_id, path) WHERE probe_key IS NULL OR probe_key <> "
  MML_PROBE_KEY_SQL ("size", "mtime", "inode") ";",
};

int
mml_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/*
 * Which databases are ours.  Every library database carries
 * MML_STORE_APPLICATION_ID in its header: stamped when it is created, and
 * on the first writable open of one written before the id was, which is
 * recognised by our tables and a user_version of at least 1.  An empty
 * database (a new path, or an empty file) becomes ours.  Anything else
 * belongs to someone else and is left exactly as it is: the store reads it
 * before it changes anything (the journal mode included).
 */

typedef struct
{
  int      user_version;
  guint32  application_id;
  int      n_objects;      /* rows of sqlite_schema */
  gboolean has_our_tables; /* roots, series and files */
} DbState;

/* One read, so one snapshot, of what identifies the database. */
static gboolean
read_state (sqlite3  *db,
            DbState  *state,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = mml_store_prepare (db,
                            "SELECT (SELECT user_version FROM pragma_user_version),"
                            "       (SELECT application_id FROM pragma_application_id),"
                            "       (SELECT count(*) FROM sqlite_schema),"
                            "       (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                            "          AND name IN ('roots', 'series', 'files'))",
                            error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error);

  state->user_version = sqlite3_column_int (stmt, 0);
  state->application_id = (guint32) sqlite3_column_int (stmt, 1);
  state->n_objects = sqlite3_column_int (stmt, 2);
  state->has_our_tables = sqlite3_column_int (stmt, 3) == 3;
  return TRUE;
}

/* Refuses a database that is not ours, or whose version this build cannot
 * use; the messages follow "Cannot use the library database “…”: ". */
static gboolean
check_state (const DbState  *state,
             GError        **error)
{
  int target = G_N_ELEMENTS (migrations);
  gboolean marked = state->application_id == MML_STORE_APPLICATION_ID;
  gboolean empty = state->n_objects == 0 && state->user_version == 0;

  if (state->application_id != 0 && !marked)
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("it is not a My Media Library database (it belongs to another application)"));
      return FALSE;
    }

  if (state->user_version < 0)
    {
      if (marked || state->has_our_tables)
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT,
                     _("its schema version %d is not one My Media Library ever wrote"),
                     state->user_version);
      else
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                     _("it is not a My Media Library database"));
      return FALSE;
    }

  if (state->user_version > target)
    {
      if (marked || state->has_our_tables)
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_TOO_NEW,
                     _("it was written by a newer version of My Media Library "
                       "(schema %d, this version knows up to %d); update the application"),
                     state->user_version, target);
      else
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_TOO_NEW,
                     _("it is not a My Media Library database, or one written by a newer "
                       "version of it (schema %d, this version knows up to %d)"),
                     state->user_version, target);
      return FALSE;
    }

  if (!marked && !empty && !(state->has_our_tables && state->user_version >= 1))
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("it is not a My Media Library database"));
      return FALSE;
    }

  return TRUE;
}

/**
 * _mml_store_identify:
 * @read_only: %TRUE when the store may not change the database: it must
 *   then be at this build's schema already
 *
 * Reads the database's header and schema, without writing anything, and
 * refuses one that is not a library database or that this build cannot use
 * (too new; or, read-only, in need of a migration).  Run before
 * _mml_store_configure(), which may switch the journal mode.
 */
gboolean
_mml_store_identify (sqlite3   *db,
                     gboolean   read_only,
                     GError   **error)
{
  int target = G_N_ELEMENTS (migrations);
  DbState state = { 0 };

  if (!read_state (db, &state, error) || !check_state (&state, error))
    return FALSE;

  if (read_only && state.user_version == 0)
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                   _("it is empty, and a read-only library database cannot be set up; "
                     "open it once with write access"));
      return FALSE;
    }

  if (read_only && state.user_version < target)
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_FAILED,
                   _("it needs upgrading from schema %d to %d, which a read-only open "
                     "cannot do; open it once with write access"),
                   state.user_version, target);
      return FALSE;
    }

  return TRUE;
}

/**
 * _mml_store_configure:
 * @read_only: %TRUE on a read-only connection: only what changes nothing
 *   on disk
 */
gboolean
_mml_store_configure (sqlite3   *db,
                      gboolean   read_only,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (read_only)
    return mml_store_exec (db,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA temp_store = MEMORY;"
                           "PRAGMA cache_size = -65536;",
                           error);

  if (!(stmt = mml_store_prepare (db, "PRAGMA journal_mode = WAL", error)))
    return FALSE;

  /* While another connection switches a new database to WAL (or migrates
   * it right after), the switch here may fail at once with SQLITE_BUSY,
   * without the busy handler: try again until the busy timeout. */
  for (gint64 deadline = g_get_monotonic_time () + MML_STORE_BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;;)
    {
      int rc = sqlite3_step (stmt);

      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        break;
      if (rc != SQLITE_BUSY || g_get_monotonic_time () > deadline)
        return mml_store_set_sqlite_error (db, error);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }

  /* WAL + NORMAL: a committed transaction survives the process dying at
   * any point; only a power cut may lose the very last commits. */
  return mml_store_exec (db,
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;"
                         /* a scan touches every row of a large library at once */
                         "PRAGMA cache_size = -65536;"
                         /* checkpoint in larger steps: a scan commits in batches */
                         "PRAGMA wal_autocheckpoint = " G_STRINGIFY (MML_STORE_WAL_AUTOCHECKPOINT) ";",
                         error);
}

/**
 * _mml_store_migrate:
 *
 * Brings a database that _mml_store_identify() accepted to this build's
 * schema, one migration per transaction, and marks it with
 * MML_STORE_APPLICATION_ID.  Each step looks again once it holds the write
 * lock: another process may have migrated (or created) the database
 * meanwhile.
 */
gboolean
_mml_store_migrate (sqlite3  *db,
                    GError  **error)
{
  int target = G_N_ELEMENTS (migrations);

  for (;;)
    {
      g_autofree char *step = NULL;
      DbState state = { 0 };
      int v;

      /* Up to date, the usual case: no need for the write lock. */
      if (!read_state (db, &state, error) || !check_state (&state, error))
        return FALSE;
      if (state.user_version == target && state.application_id == MML_STORE_APPLICATION_ID)
        return TRUE;

      if (!mml_store_begin (db, error))
        return FALSE;

      if (!read_state (db, &state, error) || !check_state (&state, error))
        {
          mml_store_rollback (db);
          return FALSE;
        }

      v = state.user_version;
      if (v == target && state.application_id == MML_STORE_APPLICATION_ID)
        {
          mml_store_rollback (db);
          return TRUE;
        }

      /* The mark goes with every step: a database is never left with our
       * tables and without it. */
      step = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                              (gint32) MML_STORE_APPLICATION_ID, MIN (v + 1, target));

      if ((v < target && !mml_store_exec (db, migrations[v], error)) ||
          !mml_store_exec (db, step, error) ||
          !mml_store_commit (db, error))
        {
          mml_store_rollback (db);
          if (v < target)
            g_prefix_error (error, _("migration to schema %d failed: "), v + 1);
          return FALSE;
        }
    }
}
