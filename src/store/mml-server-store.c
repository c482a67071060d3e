/* mml-server-store.c — media-server accounts and their path mappings
 * (see mml-server-store.h); the sync itself is in mml-server-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mml-server-store-private.h"

void
mml_server_row_free (MmlServerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->name);
  g_free (row->url);
  g_free (row->user_id);
  g_free (row->user_name);
  g_free (row->machine_id);
  g_free (row->version);
  g_free (row->libraries);
  g_free (row->last_error);
  g_free (row->last_summary);
  g_strfreev (row->paths);
  g_free (row);
}

GStrv
mml_server_row_dup_server_folders (const MmlServerRow *row)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (row != NULL, NULL);

  if (row->libraries != NULL && json_parser_load_from_data (parser, row->libraries, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *libraries = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (libraries); i++)
        {
          JsonNode *node = json_array_get_element (libraries, i);
          JsonObject *library = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          JsonNode *locations = library ? json_object_get_member (library, "locations") : NULL;

          if (locations == NULL || !JSON_NODE_HOLDS_ARRAY (locations))
            continue;
          for (guint k = 0; k < json_array_get_length (json_node_get_array (locations)); k++)
            {
              const char *path = json_array_get_string_element (json_node_get_array (locations), k);

              if (path != NULL && *path != '\0' && g_hash_table_add (seen, (gpointer) path))
                g_strv_builder_add (builder, path);
            }
        }
    }
  for (guint i = 0; row->paths != NULL && row->paths[i] != NULL && row->paths[i + 1] != NULL; i += 2)
    if (g_hash_table_add (seen, row->paths[i]))
      g_strv_builder_add (builder, row->paths[i]);
  return g_strv_builder_end (builder);
}

char *
_mml_server_column_dup (sqlite3_stmt *stmt,
                        int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

gboolean
_mml_server_exists (sqlite3  *db,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT 1 FROM servers WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no server %s"), text);
  }
  return FALSE;
}

static MmlServerRow *
row_copy (const MmlServerRow *row)
{
  MmlServerRow *copy = g_new0 (MmlServerRow, 1);

  copy->id = row->id;
  copy->kind = g_strdup (row->kind);
  copy->name = g_strdup (row->name);
  copy->url = g_strdup (row->url);
  copy->user_id = g_strdup (row->user_id);
  copy->user_name = g_strdup (row->user_name);
  copy->machine_id = g_strdup (row->machine_id);
  copy->version = g_strdup (row->version);
  copy->libraries = g_strdup (row->libraries);
  copy->enabled = row->enabled;
  copy->last_error = g_strdup (row->last_error);
  copy->paths = row->paths != NULL ? g_strdupv (row->paths) : NULL;
  return copy;
}

/* ---- add ---- */

static void
add_job (MmlStore     *self,
         sqlite3      *db,
         GTask        *task,
         gpointer      task_data,
         GCancellable *cancellable)
{
  MmlServerRow *row = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!(stmt = mml_store_prepare (db, "INSERT INTO servers (kind, name, url, user_id, user_name, machine_id, "
                                      "version, libraries, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                  &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  mml_store_bind_text_or_null (stmt, 1, row->kind);
  mml_store_bind_text_or_null (stmt, 2, row->name);
  mml_store_bind_text_or_null (stmt, 3, row->url);
  mml_store_bind_text_or_null (stmt, 4, row->user_id);
  mml_store_bind_text_or_null (stmt, 5, row->user_name);
  mml_store_bind_text_or_null (stmt, 6, row->machine_id);
  mml_store_bind_text_or_null (stmt, 7, row->version);
  mml_store_bind_text_or_null (stmt, 8, row->libraries);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, sqlite3_last_insert_rowid (db));
}

void
mml_store_add_server_async (MmlStore            *self,
                            const MmlServerRow  *row,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (row != NULL && row->kind != NULL && row->name != NULL && row->url != NULL);

  mml_store_run_async (self, add_job, row_copy (row), (GDestroyNotify) mml_server_row_free,
                       mml_store_add_server_async, cancellable, callback, user_data);
}

gint64
mml_store_add_server_finish (MmlStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- list ---- */

static void
list_job (MmlStore     *self,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  gint64 id = *(gint64 *) task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) paths = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_server_row_free);
  GError *error = NULL;
  int rc;

  (void) self;
  (void) cancellable;

  if (!(stmt = mml_store_prepare (db,
                                  "SELECT s.id, s.kind, s.name, s.url, s.user_id, s.user_name, s.machine_id, "
                                  "       s.version, s.libraries, s.enabled, s.added_at, coalesce (s.last_sync_at, 0), "
                                  "       s.last_error, s.last_summary, "
                                  "       (SELECT count (DISTINCT ss.series_id) FROM server_series ss "
                                  "        WHERE ss.server_id = s.id AND ss.series_id IS NOT NULL) "
                                  "FROM servers s WHERE ?1 = 0 OR s.id = ?1 ORDER BY s.id", &error)) ||
      !(paths = mml_store_prepare (db, "SELECT server_prefix, local_prefix FROM server_paths "
                                       "WHERE server_id = ?1 ORDER BY length (server_prefix) DESC, server_prefix",
                                   &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MmlServerRow *row = g_new0 (MmlServerRow, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      row->id = sqlite3_column_int64 (stmt, 0);
      row->kind = _mml_server_column_dup (stmt, 1);
      row->name = _mml_server_column_dup (stmt, 2);
      row->url = _mml_server_column_dup (stmt, 3);
      row->user_id = _mml_server_column_dup (stmt, 4);
      row->user_name = _mml_server_column_dup (stmt, 5);
      row->machine_id = _mml_server_column_dup (stmt, 6);
      row->version = _mml_server_column_dup (stmt, 7);
      row->libraries = _mml_server_column_dup (stmt, 8);
      row->enabled = sqlite3_column_int (stmt, 9) != 0;
      row->added_at = sqlite3_column_int64 (stmt, 10);
      row->last_sync_at = sqlite3_column_int64 (stmt, 11);
      row->last_error = _mml_server_column_dup (stmt, 12);
      row->last_summary = _mml_server_column_dup (stmt, 13);
      row->mapped_series = (guint) sqlite3_column_int (stmt, 14);
      g_ptr_array_add (rows, row);

      sqlite3_reset (paths);
      sqlite3_bind_int64 (paths, 1, row->id);
      while ((rc = sqlite3_step (paths)) == SQLITE_ROW)
        {
          g_strv_builder_add (builder, (const char *) sqlite3_column_text (paths, 0));
          g_strv_builder_add (builder, (const char *) sqlite3_column_text (paths, 1));
        }
      if (rc != SQLITE_DONE)
        break;
      row->paths = g_strv_builder_end (builder);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_list_servers_async (MmlStore            *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, list_job, g_memdup2 (&id, sizeof id), g_free,
                       mml_store_list_servers_async, cancellable, callback, user_data);
}

GPtrArray *
mml_store_list_servers_finish (MmlStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- remove ---- */

static void
remove_job (MmlStore     *self,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  gint64 id = *(gint64 *) task_data;
  g_autoptr(sqlite3_stmt) conflicts = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!mml_store_begin (db, &error))
    goto fail;
  if (!_mml_server_exists (db, id, &error) ||
      !(conflicts = mml_store_prepare (db, "DELETE FROM conflicts WHERE state = 'open' AND kind IN ('watch', 'server-match') "
                                           "AND json_extract (payload, '$.server_id') = ?1", &error)) ||
      !(del = mml_store_prepare (db, "DELETE FROM servers WHERE id = ?1", &error)))
    goto rollback;
  sqlite3_bind_int64 (conflicts, 1, id);
  sqlite3_bind_int64 (del, 1, id);
  if (sqlite3_step (conflicts) != SQLITE_DONE || sqlite3_step (del) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      goto rollback;
    }
  if (!mml_store_commit (db, &error))
    goto rollback;
  g_task_return_boolean (task, TRUE);
  return;

rollback:
  mml_store_rollback (db);
fail:
  g_task_return_error (task, error);
}

void
mml_store_remove_server_async (MmlStore            *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, remove_job, g_memdup2 (&id, sizeof id), g_free,
                       mml_store_remove_server_async, cancellable, callback, user_data);
}

gboolean
mml_store_remove_server_finish (MmlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- update ---- */

static void
update_job (MmlStore     *self,
            sqlite3      *db,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MmlServerRow *row = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!_mml_server_exists (db, row->id, &error) ||
      !(stmt = mml_store_prepare (db, "UPDATE servers SET user_id = coalesce (?2, user_id), "
                                      "user_name = coalesce (?3, user_name), machine_id = coalesce (?4, machine_id), "
                                      "version = coalesce (?5, version), libraries = coalesce (?6, libraries), "
                                      "last_error = ?7 WHERE id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, row->id);
  mml_store_bind_text_or_null (stmt, 2, row->user_id);
  mml_store_bind_text_or_null (stmt, 3, row->user_name);
  mml_store_bind_text_or_null (stmt, 4, row->machine_id);
  mml_store_bind_text_or_null (stmt, 5, row->version);
  mml_store_bind_text_or_null (stmt, 6, row->libraries);
  mml_store_bind_text_or_null (stmt, 7, row->last_error);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_update_server_async (MmlStore            *self,
                               const MmlServerRow  *row,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (row != NULL);

  mml_store_run_async (self, update_job, row_copy (row), (GDestroyNotify) mml_server_row_free,
                       mml_store_update_server_async, cancellable, callback, user_data);
}

gboolean
mml_store_update_server_finish (MmlStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- path mappings ---- */

typedef struct
{
  gint64  id;
  char   *server_prefix;
  char   *local_prefix;
} PathJob;

static void
path_job_free (PathJob *job)
{
  g_free (job->server_prefix);
  g_free (job->local_prefix);
  g_free (job);
}

static void
path_job (MmlStore     *self,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  PathJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *server = mml_server_path_normalize (job->server_prefix);
  gboolean clear = job->local_prefix == NULL || *job->local_prefix == '\0';
  GError *error = NULL;

  (void) self;
  (void) cancellable;

  if (!mml_server_prefix_valid (job->server_prefix, &error) ||
      (!clear && !mml_server_prefix_valid (job->local_prefix, &error)) ||
      !_mml_server_exists (db, job->id, &error) ||
      !(stmt = mml_store_prepare (db, clear ? "DELETE FROM server_paths WHERE server_id = ?1 AND server_prefix = ?2"
                                            : "INSERT OR REPLACE INTO server_paths (server_id, server_prefix, local_prefix) "
                                              "VALUES (?1, ?2, ?3)", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->id);
  sqlite3_bind_text (stmt, 2, server, -1, SQLITE_STATIC);
  if (!clear)
    {
      g_autofree char *local = mml_server_path_normalize (job->local_prefix);

      sqlite3_bind_text (stmt, 3, local, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_set_server_path_async (MmlStore            *self,
                                 gint64               id,
                                 const char          *server_prefix,
                                 const char          *local_prefix,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PathJob *job;

  g_return_if_fail (MML_IS_STORE (self));

  job = g_new0 (PathJob, 1);
  job->id = id;
  job->server_prefix = g_strdup (server_prefix);
  job->local_prefix = g_strdup (local_prefix);
  mml_store_run_async (self, path_job, job, (GDestroyNotify) path_job_free,
                       mml_store_set_server_path_async, cancellable, callback, user_data);
}

gboolean
mml_store_set_server_path_finish (MmlStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
