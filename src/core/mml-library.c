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
 * This file has the list items, the series list, the unrecognised files and
 * the helpers every read job shares; the series page is in
 * mml-library-detail.c, the dashboard's totals in mml-library-totals.c.
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include "mml-library-private.h"

/* --- MmlSeriesItem --- */

struct _MmlSeriesItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   root_id;
  char    *title;
  char    *folder;
  char    *subtitle_languages;
  int      year;
  guint    n_seasons;
  guint    n_episodes;
  guint    n_files;
  guint    n_missing_files;
};

G_DEFINE_FINAL_TYPE (MmlSeriesItem, mml_series_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_TITLE,
  ITEM_PROP_YEAR,
  ITEM_PROP_N_SEASONS,
  ITEM_PROP_N_EPISODES,
  ITEM_PROP_N_FILES,
  ITEM_PROP_N_MISSING_FILES,
  ITEM_PROP_SUBTITLE_LANGUAGES,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
mml_series_item_finalize (GObject *object)
{
  MmlSeriesItem *self = MML_SERIES_ITEM (object);

  g_free (self->title);
  g_free (self->folder);
  g_free (self->subtitle_languages);

  G_OBJECT_CLASS (mml_series_item_parent_class)->finalize (object);
}

static void
mml_series_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MmlSeriesItem *self = MML_SERIES_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case ITEM_PROP_N_SEASONS:
      g_value_set_uint (value, self->n_seasons);
      break;
    case ITEM_PROP_N_EPISODES:
      g_value_set_uint (value, self->n_episodes);
      break;
    case ITEM_PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    case ITEM_PROP_N_MISSING_FILES:
      g_value_set_uint (value, self->n_missing_files);
      break;
    case ITEM_PROP_SUBTITLE_LANGUAGES:
      g_value_set_string (value, self->subtitle_languages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_item_class_init (MmlSeriesItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mml_series_item_finalize;
  object_class->get_property = mml_series_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* UTF-8 (the scanner derives it from the folder name for display) */
  item_properties[ITEM_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  item_properties[ITEM_PROP_N_SEASONS] =
    g_param_spec_uint ("n-seasons", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_EPISODES] =
    g_param_spec_uint ("n-episodes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_FILES] =
    g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_MISSING_FILES] =
    g_param_spec_uint ("n-missing-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_SUBTITLE_LANGUAGES] =
    g_param_spec_string ("subtitle-languages", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
mml_series_item_init (MmlSeriesItem *self)
{
}

gint64
mml_series_item_get_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->id;
}

gint64
mml_series_item_get_root_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->root_id;
}

const char *
mml_series_item_get_title (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->title;
}

/**
 * mml_series_item_get_year:
 *
 * Returns: the year, or 0 when unknown
 */
int
mml_series_item_get_year (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->year;
}

/**
 * mml_series_item_get_folder:
 *
 * Returns: (nullable): the series folder relative to its root (raw bytes),
 *   %NULL for loose files at the top of a root
 */
const char *
mml_series_item_get_folder (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->folder;
}

/**
 * mml_series_item_get_n_seasons:
 *
 * Returns: the seasons with at least one episode, specials not counted
 */
guint
mml_series_item_get_n_seasons (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_seasons;
}

guint
mml_series_item_get_n_episodes (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_episodes;
}

/**
 * mml_series_item_get_n_files:
 *
 * Returns: the video files of the series, whatever their status
 */
guint
mml_series_item_get_n_files (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_files;
}

guint
mml_series_item_get_n_missing_files (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_missing_files;
}

/**
 * mml_series_item_get_subtitle_languages:
 *
 * Returns: (nullable): the languages of the series' sidecar subtitles,
 *   sorted, like "en, he"; %NULL when it has none
 */
const char *
mml_series_item_get_subtitle_languages (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->subtitle_languages;
}

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

static char *
column_title (sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  return g_utf8_make_valid (text, -1);
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

/* Completes @task with one object per row of @sql */
static void
return_rows (GTask      *task,
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

/* Columns 0–4: s.id, s.root_id, s.title, s.year, s.folder */
MmlSeriesItem *
_mml_series_item_new_from_row (sqlite3_stmt *stmt)
{
  MmlSeriesItem *item = g_object_new (MML_TYPE_SERIES_ITEM, NULL);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->root_id = sqlite3_column_int64 (stmt, 1);
  item->title = column_title (stmt, 2);
  item->year = MAX (0, _mml_library_column_int_or (stmt, 3, 0));
  item->folder = _mml_library_column_bytes (stmt, 4);

  return item;
}

/* @languages: as _mml_library_normalise_languages() takes them */
void
_mml_series_item_set_counts (MmlSeriesItem *self,
                             guint          n_seasons,
                             guint          n_episodes,
                             guint          n_files,
                             guint          n_missing_files,
                             const char    *languages)
{
  g_assert (MML_IS_SERIES_ITEM (self));

  self->n_seasons = n_seasons;
  self->n_episodes = n_episodes;
  self->n_files = n_files;
  self->n_missing_files = n_missing_files;
  g_free (self->subtitle_languages);
  self->subtitle_languages = _mml_library_normalise_languages (languages);
}

/* --- list series --- */

/*
 * A loose file at the top of a root that the parser could not place still
 * gets a folder-less series row from the scanner; with no episode it is not
 * a series to show (the file is listed as unrecognised instead).
 */
#define VISIBLE_SERIES "(s.folder IS NOT NULL OR e.episodes > 0)"

/*
 * The aggregates are grouped once per table (not a correlated subquery per
 * series), so the cost is one pass over files and one over episodes.  The
 * languages come from the sidecar files' own "languages" column (JSON arrays
 * such as ["he"]), which saves joining every subtitle to its video: 20% of
 * the time on a 2,000-series library.  Embedded subtitles, once detected,
 * will need the subtitles table here.
 */
#define LIST_SERIES_SQL \
  "WITH " \
  "  f AS (SELECT series_id, " \
  "               sum (kind = 'video') AS n, " \
  "               sum (kind = 'video' AND status <> 'present') AS missing, " \
  "               group_concat (DISTINCT CASE WHEN kind = 'subtitle' AND status = 'present' " \
  "                                           THEN languages END) AS languages " \
  "        FROM files WHERE series_id IS NOT NULL GROUP BY series_id), " \
  "  e AS (SELECT series_id, count(DISTINCT nullif (season, 0)) AS seasons, count(*) AS episodes " \
  "        FROM episodes GROUP BY series_id) " \
  "SELECT s.id, s.root_id, s.title, s.year, s.folder, " \
  "       coalesce (e.seasons, 0), coalesce (e.episodes, 0), " \
  "       coalesce (f.n, 0), coalesce (f.missing, 0), f.languages " \
  "FROM series s " \
  "LEFT JOIN f ON f.series_id = s.id " \
  "LEFT JOIN e ON e.series_id = s.id " \
  "WHERE " VISIBLE_SERIES \
  "ORDER BY coalesce (s.sort_title, s.title) COLLATE NOCASE, s.id"

static gpointer
series_item_from_row (sqlite3_stmt *stmt)
{
  MmlSeriesItem *item = _mml_series_item_new_from_row (stmt);

  _mml_series_item_set_counts (item,
                               MAX (0, sqlite3_column_int (stmt, 5)),
                               MAX (0, sqlite3_column_int (stmt, 6)),
                               MAX (0, sqlite3_column_int (stmt, 7)),
                               MAX (0, sqlite3_column_int (stmt, 8)),
                               (const char *) sqlite3_column_text (stmt, 9));

  return item;
}

static void
list_series_job (MmlStore     *store,
                 sqlite3      *db,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  return_rows (task, db, LIST_SERIES_SQL, series_item_from_row);
}

/**
 * mml_store_list_series_async:
 *
 * Lists every series with its counts, sorted by title.
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
  return_rows (task, db,
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
