/* mml-library-totals.c — the dashboard: totals per library and per root,
 * and the last scan of a root
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mml-library-private.h"
#include "mml-subtitle-private.h"

/* --- MmlLibraryTotals --- */

static void
root_totals_free (gpointer data)
{
  MmlRootTotals *info = data;

  g_free (info->path);
  g_free (info->last_scan);
  g_free (info);
}

MmlLibraryTotals *
mml_library_totals_ref (MmlLibraryTotals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_library_totals_unref (MmlLibraryTotals *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->roots);
  g_free (self->subtitle_language);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (MmlLibraryTotals, mml_library_totals,
                     mml_library_totals_ref, mml_library_totals_unref)

/* --- the last scan --- */

/**
 * mml_last_scan_parse:
 * @json: the JSON the scanner stored (mml_scan_summary_to_json())
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL with @error set
 */
MmlLastScan *
mml_last_scan_parse (const char  *json,
                     GError     **error)
{
  static const struct { const char *name; gsize offset; } counts[] = {
    { "files", G_STRUCT_OFFSET (MmlLastScan, files) },
    { "videos", G_STRUCT_OFFSET (MmlLastScan, videos) },
    { "subtitles", G_STRUCT_OFFSET (MmlLastScan, subtitles) },
    { "series", G_STRUCT_OFFSET (MmlLastScan, series) },
    { "new", G_STRUCT_OFFSET (MmlLastScan, added) },
    { "changed", G_STRUCT_OFFSET (MmlLastScan, changed) },
    { "renamed", G_STRUCT_OFFSET (MmlLastScan, renamed) },
    { "missing", G_STRUCT_OFFSET (MmlLastScan, missing) },
    { "unavailable", G_STRUCT_OFFSET (MmlLastScan, unavailable) },
    { "unchanged", G_STRUCT_OFFSET (MmlLastScan, unchanged) },
    { "unrecognised", G_STRUCT_OFFSET (MmlLastScan, unrecognised) },
    { "ignored", G_STRUCT_OFFSET (MmlLastScan, ignored) },
    { "errors", G_STRUCT_OFFSET (MmlLastScan, errors) },
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  MmlLastScan *self;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_CORRUPT,
                   _("The last scan summary is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  self = g_new0 (MmlLastScan, 1);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      JsonNode *node = json_object_get_member (object, counts[i].name);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        G_STRUCT_MEMBER (guint, self, counts[i].offset) =
          (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
    }

  if (json_object_has_member (object, "seconds"))
    self->seconds = json_object_get_double_member (object, "seconds");

  if (json_object_has_member (object, "error_messages"))
    {
      JsonNode *node = json_object_get_member (object, "error_messages");

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *line = json_array_get_string_element (array, i);

              if (line != NULL)
                g_ptr_array_add (messages, g_strdup (line));
            }
        }
    }
  g_ptr_array_add (messages, NULL);
  self->error_messages = (char **) g_ptr_array_steal (messages, NULL);

  return self;
}

void
mml_last_scan_free (MmlLastScan *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->error_messages);
  g_free (self);
}

/* --- totals --- */

/* The episodes on disk (@on_disk) and those of them subbed in @language
 * (@subbed), in one statement, counted as the series query counts them
 * (see mml-library.c: the same answer as MML_EPISODE_HAS_FILE and
 * MML_EPISODE_SUBBED per episode, for a fraction of the cost). A series
 * the user set to "with" is left out: the user says it needs nothing.
 * The totals' "without subtitles" and the dashboard's coverage per
 * language both count with this. */
gboolean
_mml_library_count_subbed (sqlite3     *db,
                           const char  *language,
                           guint       *on_disk,
                           guint       *subbed,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = mml_store_prepare (db,
                                  "WITH counted AS MATERIALIZED "
                                  "       (SELECT id FROM series WHERE subtitles_override IS NOT 'with'), "
                                  "     unsure AS MATERIALIZED "
                                  "       (SELECT DISTINCT series_id FROM files "
                                  "        WHERE kind = 'video' AND status <> 'present' AND series_id IS NOT NULL), "
                                  "     sv AS MATERIALIZED (" MML_SUBBED_VIDEOS ") "
                                  "SELECT (SELECT count(*) FROM episodes e WHERE e.series_id IN counted AND "
                                  "          CASE WHEN e.series_id IN unsure THEN " MML_EPISODE_HAS_FILE " "
                                  "          ELSE EXISTS (SELECT 1 FROM episode_files ef WHERE ef.episode_id = e.id) END), "
                                  "       (SELECT count(DISTINCT ef.episode_id) "
                                  "        FROM sv JOIN files v ON v.id = sv.video_id "
                                  "        JOIN episode_files ef ON ef.file_id = v.id JOIN episodes e ON e.id = ef.episode_id "
                                  "        WHERE v.status <> 'missing' AND e.series_id IN counted)",
                                  error)))
    return FALSE;
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":language"), language, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error);
  *on_disk = (guint) MAX (0, sqlite3_column_int (stmt, 0));
  *subbed = MIN (*on_disk, (guint) MAX (0, sqlite3_column_int (stmt, 1)));

  return TRUE;
}

/* The episodes on disk that lack the first preferred language */
static gboolean
load_unsubbed (sqlite3           *db,
               MmlLibraryTotals  *totals,
               GError           **error)
{
  g_auto(GStrv) languages = NULL;
  guint on_disk = 0, subbed = 0;

  if (!(languages = _mml_subtitle_read_languages (db, error)))
    return FALSE;
  totals->subtitle_language = g_strdup (languages[0] != NULL ? languages[0] : "und");

  if (!_mml_library_count_subbed (db, totals->subtitle_language, &on_disk, &subbed, error))
    return FALSE;
  totals->n_unsubbed = on_disk - subbed;

  return TRUE;
}

static gboolean
load_totals (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  MmlLibraryTotals *totals = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  int rc;

  if (!(stmt = mml_store_prepare (db,
                                  "SELECT r.id, r.path, r.enabled, r.last_scan_at, r.last_scan, "
                                  "  (SELECT count(*) FROM series s WHERE s.root_id = r.id AND "
                                  "   (s.folder IS NOT NULL OR EXISTS (SELECT 1 FROM episodes e WHERE e.series_id = s.id))) "
                                  "FROM roots r ORDER BY r.id",
                                  error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlRootTotals *root = g_new0 (MmlRootTotals, 1);

      root->root_id = sqlite3_column_int64 (stmt, 0);
      root->path = _mml_library_column_bytes (stmt, 1);
      root->enabled = sqlite3_column_int (stmt, 2) != 0;
      root->last_scan_at = sqlite3_column_int64 (stmt, 3);
      root->last_scan = _mml_library_column_text (stmt, 4);
      root->n_series = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (totals->roots, root);
      g_hash_table_insert (by_id, &root->root_id, root);
      totals->n_series += root->n_series;
    }
  if (!_mml_library_rows_done (db, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!(stmt = mml_store_prepare (db,
                                  "SELECT (SELECT count(*) FROM episodes), "
                                  "       (SELECT count(*) FROM conflicts WHERE kind = 'unrecognised-file' AND state = 'open')",
                                  error)))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error);
  totals->n_episodes = sqlite3_column_int (stmt, 0);
  totals->n_unrecognised = sqlite3_column_int (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!load_unsubbed (db, totals, error))
    return FALSE;

  /* One pass over the files, summed per root here: GROUP BY root_id would
   * sort the whole table first (twice as slow at 230,000 files). */
  if (!(stmt = mml_store_prepare (db,
                                  "SELECT root_id, kind = 'video', status = 'present', status = 'missing', size "
                                  "FROM files",
                                  error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 root_id = sqlite3_column_int64 (stmt, 0);
      gboolean video = sqlite3_column_int (stmt, 1) != 0;
      gboolean present = sqlite3_column_int (stmt, 2) != 0;
      gboolean missing = sqlite3_column_int (stmt, 3) != 0;
      gint64 size = MAX (0, sqlite3_column_int64 (stmt, 4));
      MmlRootTotals *root = g_hash_table_lookup (by_id, &root_id);

      if (missing)
        totals->n_missing_files++;
      if (!present)
        continue;

      totals->total_size += size;
      if (video)
        totals->n_files++;
      else
        totals->n_subtitles++;

      if (root != NULL)
        {
          root->size += size;
          if (video)
            root->n_files++;
        }
    }

  return _mml_library_rows_done (db, rc, error);
}

static void
totals_job (MmlStore     *store,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(MmlLibraryTotals) totals = g_new0 (MmlLibraryTotals, 1);
  GError *error = NULL;

  g_atomic_ref_count_init (&totals->ref_count);
  totals->roots = g_ptr_array_new_with_free_func (root_totals_free);

  if (!_mml_library_read (db, load_totals, totals, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&totals), (GDestroyNotify) mml_library_totals_unref);
}

/**
 * mml_store_get_totals_async:
 *
 * Counts series, episodes, files and bytes, over the library and per root.
 */
void
mml_store_get_totals_async (MmlStore            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, totals_job, NULL, NULL,
                       mml_store_get_totals_async, cancellable, callback, user_data);
}

/**
 * mml_store_get_totals_finish:
 *
 * Returns: (transfer full) (nullable): the totals, or %NULL with @error set
 */
MmlLibraryTotals *
mml_store_get_totals_finish (MmlStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_get_totals_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
