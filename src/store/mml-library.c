/* mml-library.c — read-only views of the library for the front ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each read is one job on the store's writer thread that finishes every
 * statement before it returns small objects or plain structs: the caller
 * never holds anything that points into SQLite.  The series list is one
 * statement whatever the size of the library (aggregates per series are
 * computed by GROUP BY once, not per row).
 *
 * This file has the series list, the unrecognised files and the helpers
 * every read job shares; the list items are in mml-series-item.c, the
 * series page in mml-library-detail.c, the dashboard's totals in
 * mml-library-totals.c.
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include "mml-library-private.h"
#include "mml-subtitle-private.h"

/* --- MmlUnrecognisedFile --- */

struct _MmlUnrecognisedFile
{
  GObject  parent_instance;

  gint64   file_id;
  gint64   root_id;
  char    *root_path;
  char    *path;
};

G_DEFINE_FINAL_TYPE (MmlUnrecognisedFile, mml_unrecognised_file, G_TYPE_OBJECT)

static void
mml_unrecognised_file_finalize (GObject *object)
{
  MmlUnrecognisedFile *self = MML_UNRECOGNISED_FILE (object);

  g_free (self->root_path);
  g_free (self->path);

  G_OBJECT_CLASS (mml_unrecognised_file_parent_class)->finalize (object);
}

static void
mml_unrecognised_file_class_init (MmlUnrecognisedFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_unrecognised_file_finalize;
}

static void
mml_unrecognised_file_init (MmlUnrecognisedFile *self)
{
}

gint64
mml_unrecognised_file_get_file_id (MmlUnrecognisedFile *self)
{
  g_return_val_if_fail (MML_IS_UNRECOGNISED_FILE (self), 0);
  return self->file_id;
}

gint64
mml_unrecognised_file_get_root_id (MmlUnrecognisedFile *self)
{
  g_return_val_if_fail (MML_IS_UNRECOGNISED_FILE (self), 0);
  return self->root_id;
}

/**
 * mml_unrecognised_file_get_root_path:
 *
 * Returns: the absolute path of the file's root (raw bytes)
 */
const char *
mml_unrecognised_file_get_root_path (MmlUnrecognisedFile *self)
{
  g_return_val_if_fail (MML_IS_UNRECOGNISED_FILE (self), NULL);
  return self->root_path;
}

/**
 * mml_unrecognised_file_get_path:
 *
 * Returns: the file's path relative to its root (raw bytes)
 */
const char *
mml_unrecognised_file_get_path (MmlUnrecognisedFile *self)
{
  g_return_val_if_fail (MML_IS_UNRECOGNISED_FILE (self), NULL);
  return self->path;
}

/* --- helpers for the jobs --- */

char *
_mml_library_column_bytes (sqlite3_stmt *stmt,
                           int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  /* Paths are raw bytes: read them as a blob so no conversion happens */
  return g_strndup ((const char *) sqlite3_column_blob (stmt, column),
                    sqlite3_column_bytes (stmt, column));
}

int
_mml_library_column_int_or (sqlite3_stmt *stmt,
                            int           column,
                            int           fallback)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return fallback;

  return sqlite3_column_int (stmt, column);
}

/* Returns: (nullable): a copy of a text column, %NULL when it is NULL */
char *
_mml_library_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "he,en,he" or '["he"],[],["en","he"]' (group_concat) → "en, he" */
char *
_mml_library_normalise_languages (const char *list)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) unique = NULL;
  g_autofree char *copy = NULL;
  GString *out;

  if (list == NULL || *list == '\0')
    return NULL;

  copy = g_strdelimit (g_strdup (list), "[]\"", ',');
  parts = g_strsplit (copy, ",", -1);
  unique = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0' && g_utf8_validate (parts[i], -1, NULL) &&
          !g_ptr_array_find_with_equal_func (unique, parts[i], g_str_equal, NULL))
        g_ptr_array_add (unique, parts[i]);
    }
  if (unique->len == 0)
    return NULL;

  g_ptr_array_sort (unique, compare_strings);
  out = g_string_new (NULL);
  for (guint i = 0; i < unique->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (unique, i));
    }

  return g_string_free (out, FALSE);
}

/* Prepares @sql and binds @id to its one parameter */
sqlite3_stmt *
_mml_library_prepare_with_id (sqlite3     *db,
                              const char  *sql,
                              gint64       id,
                              GError     **error)
{
  sqlite3_stmt *stmt = mml_store_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);

  return stmt;
}

/* @rc: what the last sqlite3_step() returned; anything but the end of the
 * rows is an error */
gboolean
_mml_library_rows_done (sqlite3  *db,
                        int       rc,
                        GError  **error)
{
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error);

  return TRUE;
}

/* Runs @read_func in one read transaction, so its statements all see the same
 * library, and rolls back whatever happens: nothing is written. */
gboolean
_mml_library_read (sqlite3             *db,
                   MmlLibraryReadFunc   read_func,
                   gpointer             data,
                   GError             **error)
{
  gboolean ok;

  if (!mml_store_begin (db, error))
    return FALSE;

  ok = read_func (db, data, error);
  mml_store_rollback (db);

  return ok;
}

typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

/* Completes @task with one object per row of @sql (whose ":today" and
 * ":tomorrow", if any, are bound from @store's clock) */
static void
return_rows (GTask      *task,
             MmlStore   *store,
             sqlite3    *db,
             const char *sql,
             RowReader   read_row)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  _mml_store_bind_today (store, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read_row (stmt));

  if (!_mml_library_rows_done (db, rc, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* --- the series query --- */

/*
 * Every read of series rows is this one statement, with the same columns
 * (MML_SERIES_ITEM_COLUMNS) whichever series it picks (MmlSeriesPick): the
 * library's list, every row, one series (the series page, `mml series
 * show`), or the series matched to some shows.  Picking only narrows the
 * aggregates and the rows; it never changes what a column means.
 *
 * A loose file at the top of a root that the parser could not place still
 * gets a folder-less series row from the scanner; with no episode it is not
 * a series to show (the file is listed as unrecognised instead), but the
 * metadata views and the CLI, which list every row, still have it.
 */
#define VISIBLE_SERIES "(s.folder IS NOT NULL OR e.episodes > 0)"

/*
 * The aggregates are grouped once per table (not a correlated subquery per
 * series), so the cost is one pass over files and one over episodes.  The
 * languages come from the sidecar files' own "languages" column (JSON arrays
 * such as ["he"]), which saves joining every subtitle to its video: 20% of
 * the time on a 2,000-series library.  Embedded subtitles, once detected,
 * will need the subtitles table here.  Present videos are the videos less
 * those not present ("f.missing", missing or unavailable).
 *
 * Missing and upcoming are those of mml-episode-rules.h: each episode's
 * instant (or date) against ":tomorrow" (":today"), with no date
 * conversion per row.  Their counts come from a separate pass ("m") that
 * keeps only the specials, the missing and the upcoming episodes (a few),
 * so that its GROUP BY sorts a handful of rows, while the episode counts
 * still come from the covering index ("e"; the regular episodes are those
 * less the specials "m" counts).  A regular episode in "m" is missing
 * unless it is upcoming; the next air date is converted for the upcoming
 * ones only.  An aired provider episode looks for a file only in that
 * pass, and in a series whose video files are all present a link is
 * enough: the file itself is read only in the rare series with missing or
 * unplugged files (HAS_LINKED_FILE, the same answer as
 * MML_EPISODE_HAS_FILE but cheaper).  With this the list costs about
 * twice what it cost without the missing and upcoming counts (2,000
 * matched series, 146k episodes: 161 ms against 83 ms).
 *
 * The watched episodes are counted from the partial index
 * episodes_watched (migration 4), which holds only them and in series
 * order: no table row is read and the GROUP BY needs no sort, so the count
 * costs nothing while none is watched and about 3 ms with 42k of 140k
 * episodes watched (2,000 series).
 *
 * When only some series are picked, a first "picked" CTE names them and
 * every aggregate reads only theirs through its series index: the whole
 * list's full scan of episodes ("NOT INDEXED") is for the whole list only.
 */
#define HAS_LINKED_FILE \
  "EXISTS (SELECT 1 FROM episode_files ef WHERE ef.episode_id = e.id " \
  "        AND ((SELECT fm.missing FROM f AS fm WHERE fm.series_id = e.series_id) = 0 " \
  "             OR EXISTS (SELECT 1 FROM files fl WHERE fl.id = ef.file_id AND fl.status <> 'missing')))"
#define SERIES_MISSING MML_EPISODE_MISSING_WHERE (MML_EPISODE_REGULAR, HAS_LINKED_FILE)

/*
 * Subtitles: per series, the episodes on disk and those of them subbed in
 * ":language" (the first preferred language). The same answer as counting
 * MML_EPISODE_HAS_FILE and MML_EPISODE_SUBBED per episode, which the
 * status query of mml-subtitle-store.c does (tests/core/test-library.c
 * checks that both agree), without two probes per episode: those cost as
 * much as the rest of the list (2,000 series, 140k episodes).
 *
 *  - On disk: in a series whose videos are all present, an episode with a
 *    link to a file has it on disk, so the episodes pass "e" counts the
 *    linked ones ("linked", one probe of the episode_files key); only the
 *    rare series with missing or unplugged videos ("f.missing") count
 *    MML_EPISODE_HAS_FILE itself ("od").
 *  - Subbed: "sv" names once the videos with a track that counts
 *    (MML_SUBTITLE_TRACK_COUNTS), found through the language index — the
 *    range takes ":language" and its regions ("pt", "pt-br"; codes are
 *    stored lower case; MML_SUBBED_VIDEOS) —, and "sd" counts their episodes: work in
 *    proportion to the subbed videos, not to every episode.
 */

/*
 * Viewing: the facts the status is derived from (mml-viewing.h) are
 * counted for the started series only ("v", those "w" has), through the
 * series index; a series nobody started is "not started" whatever its
 * episodes say. The last watched episode is the latest mark (specials
 * too); up next is the first unwatched episode that counts
 * (MML_EPISODE_WATCHABLE) after the furthest watched regular one, in
 * season and episode order, else the first unwatched one that counts: a
 * walk of the series index that stops at the first hit, so the list pays
 * one probe for a series not started.
 */
#define EPISODE_POSITION_COLUMNS(t) \
  "coalesce (" t ".season, -1), coalesce (" t ".number, -1), coalesce (" t ".absolute, -1)"
#define EPISODE_POSITION(t) "(" EPISODE_POSITION_COLUMNS (t) ")"
#define LAST_WATCHED \
  "(SELECT e.id FROM episodes e " \
  " WHERE v.series_id IS NOT NULL AND e.series_id = s.id AND e.watched = 1 " \
  " ORDER BY e.watched_at DESC, e.season DESC, e.number DESC, e.absolute DESC LIMIT 1)"
#define FIRST_LEFT(condition) \
  "(SELECT e.id FROM episodes e " \
  " WHERE e.series_id = s.id AND e.watched = 0 AND " MML_EPISODE_WATCHABLE condition " " \
  " ORDER BY e.season, e.number, e.absolute LIMIT 1)"
#define UP_NEXT \
  "coalesce (" \
  FIRST_LEFT (" AND v.series_id IS NOT NULL AND " EPISODE_POSITION ("e") " > " \
              "(SELECT " EPISODE_POSITION_COLUMNS ("y") " FROM episodes y " \
              " WHERE y.series_id = s.id AND y.watched = 1 AND y.special = 0 " \
              " ORDER BY y.season DESC, y.number DESC, y.absolute DESC LIMIT 1)") ", " \
  FIRST_LEFT ("") ")"

static const char *
provider_id_column (MmlMetaProvider provider)
{
  switch (provider)
    {
    case MML_META_PROVIDER_TVDB:
      return "tvdb_id";
    case MML_META_PROVIDER_TMDB:
      return "tmdb_id";
    case MML_META_PROVIDER_TVMAZE:
    default:
      return "tvmaze_id";
    }
}

/* The series query for @pick: its named parameters are ":today",
 * ":tomorrow", and ":series" (ONE) or ":ids" (MATCHED, a JSON array) */
static char *
series_sql (const MmlSeriesPick *pick)
{
  g_autofree char *picked = NULL;
  const char *and_picked;
  const char *where_picked;

  switch (pick->kind)
    {
    case MML_SERIES_PICK_ONE:
      picked = g_strdup ("SELECT :series");
      break;
    case MML_SERIES_PICK_MATCHED:
      /* by the id column, whichever provider matched the row: a series
       * matched on TVmaze that knows its TheTVDB id is the same show there */
      picked = g_strconcat ("SELECT id FROM series "
                            "WHERE ", provider_id_column (pick->provider), " IN (SELECT value FROM json_each (:ids)) "
                            "  AND match_state IN ('auto', 'manual')", NULL);
      break;
    case MML_SERIES_PICK_SHOWN:
    case MML_SERIES_PICK_ALL:
    default:
      break;
    }
  and_picked = picked != NULL ? " AND series_id IN picked" : "";
  where_picked = picked != NULL ? " WHERE series_id IN picked" : "";

  return g_strconcat (
      "WITH ",
      picked != NULL ? "picked (id) AS (" : "", picked != NULL ? picked : "", picked != NULL ? "), " : "",
      "  f AS (SELECT series_id, "
      "               sum (kind = 'video') AS n, "
      "               sum (kind = 'video' AND status <> 'present') AS missing, "
      "               sum (CASE WHEN status = 'present' THEN size ELSE 0 END) AS size, "
      "               group_concat (DISTINCT CASE WHEN kind = 'subtitle' AND status = 'present' "
      "                                           THEN languages END) AS languages "
      "        FROM files WHERE series_id IS NOT NULL", and_picked, " GROUP BY series_id), "
      "  e AS (SELECT series_id, count(DISTINCT nullif (season, 0)) AS seasons, count(*) AS episodes, "
      "               sum (EXISTS (SELECT 1 FROM episode_files ef WHERE ef.episode_id = episodes.id)) AS linked "
      "        FROM episodes", where_picked, " GROUP BY series_id), "
      "  m AS (SELECT e.series_id, "
      "               sum (e.special <> 0) AS specials, "
      "               sum (CASE WHEN e.special <> 0 OR " MML_EPISODE_UPCOMING " THEN 0 ELSE 1 END) AS missing, "
      "               sum (" MML_EPISODE_UPCOMING ") AS upcoming, "
      "               min (CASE WHEN " MML_EPISODE_UPCOMING " THEN " MML_EPISODE_LOCAL_DATE " END) AS next_air "
      "        FROM episodes e",
      picked != NULL ? " WHERE e.series_id IN picked AND " : " NOT INDEXED WHERE ",
      "              (e.special <> 0 OR " SERIES_MISSING " OR " MML_EPISODE_UPCOMING ") "
      "        GROUP BY e.series_id), "
      "  w AS (SELECT series_id, count(*) AS watched "
      "        FROM episodes INDEXED BY episodes_watched WHERE watched = 1", and_picked, " "
      "        GROUP BY series_id), "
      "  v AS (SELECT e.series_id, "
      "               sum (" MML_EPISODE_WATCHABLE ") AS counted, "
      "               sum (e.watched = 1 AND " MML_EPISODE_WATCHABLE ") AS counted_watched, "
      "               max (CASE WHEN e.watched = 1 THEN e.watched_at END) AS last_at, "
      "               min (CASE WHEN e.watched = 0 AND " MML_EPISODE_WATCHABLE " "
      "                         THEN " MML_EPISODE_AIRED_AT " END) AS first_left "
      "        FROM episodes e WHERE e.series_id IN (SELECT series_id FROM w) GROUP BY e.series_id), "
      "  od AS (SELECT e.series_id, count(*) AS on_disk FROM episodes e "
      "         WHERE e.series_id IN (SELECT series_id FROM f WHERE missing > 0) AND " MML_EPISODE_HAS_FILE " "
      "         GROUP BY e.series_id), "
      "  sv AS MATERIALIZED (" MML_SUBBED_VIDEOS,
      picked != NULL ? " AND sub.video_id IN (SELECT id FROM files WHERE series_id IN picked)" : "", "), "
      "  sd AS (SELECT e.series_id, count(DISTINCT ef.episode_id) AS subbed "
      "         FROM sv JOIN files v ON v.id = sv.video_id "
      "         JOIN episode_files ef ON ef.file_id = v.id JOIN episodes e ON e.id = ef.episode_id "
      "         WHERE v.status <> 'missing' GROUP BY e.series_id) "
      "SELECT " MML_SERIES_ITEM_COLUMNS " "
      "FROM series s "
      "LEFT JOIN roots r ON r.id = s.root_id "
      "LEFT JOIN f ON f.series_id = s.id "
      "LEFT JOIN e ON e.series_id = s.id "
      "LEFT JOIN m ON m.series_id = s.id "
      "LEFT JOIN w ON w.series_id = s.id "
      "LEFT JOIN od ON od.series_id = s.id "
      "LEFT JOIN sd ON sd.series_id = s.id "
      "LEFT JOIN v ON v.series_id = s.id "
      "LEFT JOIN episodes lw ON lw.id = " LAST_WATCHED " "
      "LEFT JOIN episodes un ON un.id = " UP_NEXT " "
      "WHERE ", pick->kind == MML_SERIES_PICK_SHOWN ? VISIBLE_SERIES : "1",
      picked != NULL ? " AND s.id IN picked" : "", " "
      "ORDER BY coalesce (s.sort_title, s.title) COLLATE NOCASE, s.id",
      NULL);
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            const char   *text,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index == 0)
    return;
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

/**
 * _mml_library_list_series:
 * @pick: which series
 *
 * Runs the series query on @db (the writer thread's, or a read snapshot's):
 * the series @pick names, by title, their missing and upcoming episodes
 * judged by @store's clock.
 *
 * Returns: (transfer container) (element-type MmlSeriesItem) (nullable):
 *   the series, or %NULL with @error set
 */
GPtrArray *
_mml_library_list_series (MmlStore             *store,
                          sqlite3              *db,
                          const MmlSeriesPick  *pick,
                          GError              **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = series_sql (pick);
  g_auto(GStrv) languages = NULL;
  int rc;

  if (!(languages = _mml_subtitle_read_languages (db, error)) ||
      !(stmt = mml_store_prepare (db, sql, error)))
    return NULL;
  _mml_store_bind_today (store, stmt);
  bind_named (stmt, ":language", languages[0] != NULL ? languages[0] : "und", 0);
  bind_named (stmt, ":series", NULL, pick->series_id);
  if (pick->kind == MML_SERIES_PICK_MATCHED)
    {
      g_autoptr(GString) ids = g_string_new ("[");

      for (guint i = 0; i < pick->n_ids; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", pick->ids[i]);
      g_string_append_c (ids, ']');
      bind_named (stmt, ":ids", ids->str, 0);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, _mml_series_item_new_from_row (stmt));

  if (!_mml_library_rows_done (db, rc, error))
    return NULL;

  return g_steal_pointer (&items);
}

/* --- list series --- */

static void
list_series_job (MmlStore     *store,
                 sqlite3      *db,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  static const MmlSeriesPick shown = { MML_SERIES_PICK_SHOWN, 0, 0, NULL, 0 };
  GError *error = NULL;
  GPtrArray *items;

  if ((items = _mml_library_list_series (store, db, &shown, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mml_store_list_series_async:
 *
 * Lists the series the library shows (not a folder-less row with no
 * episode, see VISIBLE_SERIES) with their counts, sorted by title.
 */
void
mml_store_list_series_async (MmlStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, list_series_job, NULL, NULL,
                       mml_store_list_series_async, cancellable, callback, user_data);
}

/**
 * mml_store_list_series_finish:
 *
 * Returns: (transfer container) (element-type MmlSeriesItem) (nullable):
 *   the series, or %NULL with @error set
 */
GPtrArray *
mml_store_list_series_finish (MmlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_list_series_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- unrecognised files --- */

static gpointer
unrecognised_file_from_row (sqlite3_stmt *stmt)
{
  MmlUnrecognisedFile *item = g_object_new (MML_TYPE_UNRECOGNISED_FILE, NULL);

  item->file_id = sqlite3_column_int64 (stmt, 0);
  item->root_id = sqlite3_column_int64 (stmt, 1);
  item->root_path = _mml_library_column_bytes (stmt, 2);
  item->path = _mml_library_column_bytes (stmt, 3);

  return item;
}

static void
list_unrecognised_job (MmlStore     *store,
                       sqlite3      *db,
                       GTask        *task,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  return_rows (task, store, db,
               "SELECT f.id, f.root_id, r.path, f.path "
               "FROM conflicts c "
               "JOIN files f ON f.id = c.file_id "
               "JOIN roots r ON r.id = f.root_id "
               "WHERE c.kind = 'unrecognised-file' AND c.state = 'open' "
               "ORDER BY r.path, f.path",
               unrecognised_file_from_row);
}

/**
 * mml_store_list_unrecognised_async:
 *
 * Lists the videos with an open "unrecognised-file" conflict.
 */
void
mml_store_list_unrecognised_async (MmlStore            *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, list_unrecognised_job, NULL, NULL,
                       mml_store_list_unrecognised_async, cancellable, callback, user_data);
}

/**
 * mml_store_list_unrecognised_finish:
 *
 * Returns: (transfer container) (element-type MmlUnrecognisedFile) (nullable):
 *   the files, sorted by root and path, or %NULL with @error set
 */
GPtrArray *
mml_store_list_unrecognised_finish (MmlStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_list_unrecognised_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
