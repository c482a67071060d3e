/* mml-store-roots.c — the roots table: the library folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>

#include "mml-root-private.h"
#include "mml-store-roots.h"
#include "mml-util.h"

/* TRUE when @inner is @outer or lies inside it; both canonical. */
static gboolean
path_is_within (const char *inner,
                const char *outer)
{
  gsize len = strlen (outer);

  if (strncmp (inner, outer, len) != 0)
    return FALSE;

  if (inner[len] == '\0' || inner[len] == '/')
    return TRUE;

  /* outer is "/" */
  return len > 0 && outer[len - 1] == '/';
}

static MmlRoot *
root_from_row (sqlite3_stmt *stmt)
{
  const char *kind_text = (const char *) sqlite3_column_text (stmt, 2);
  MmlRootKind kind;
  MmlRoot *root;

  if (!mml_root_kind_from_string (kind_text, &kind))
    kind = MML_ROOT_KIND_STANDARD;

  root = _mml_root_new_from_row (sqlite3_column_int64 (stmt, 0),
                                 (const char *) sqlite3_column_blob (stmt, 1),
                                 sqlite3_column_bytes (stmt, 1),
                                 kind,
                                 sqlite3_column_int (stmt, 3) != 0,
                                 sqlite3_column_int64 (stmt, 4),
                                 sqlite3_column_int64 (stmt, 5),
                                 (const char *) sqlite3_column_text (stmt, 6));
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL && sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    _mml_root_set_disk (root, (guint64) sqlite3_column_int64 (stmt, 7), (guint) sqlite3_column_int (stmt, 8));

  return root;
}

#define ROOT_COLUMNS "id, path, kind, enabled, added_at, last_scan_at, last_scan, device, mount_depth"

static GPtrArray *
list_roots (sqlite3  *db,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT " ROOT_COLUMNS " FROM roots ORDER BY id", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (roots, root_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&roots);
}

static MmlRoot *
get_root (sqlite3  *db,
          gint64    id,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT " ROOT_COLUMNS " FROM roots WHERE id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return root_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND,
                 _("There is no library folder with id %lld"), (long long) id);
  else
    mml_store_set_sqlite_error (db, error);

  return NULL;
}

typedef struct
{
  char        *path;
  gint64       id;
  MmlRootKind  kind;
  int          enabled;
  int          set_kind;
} RootJob;

static void
root_job_free (gpointer data)
{
  RootJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
add_root_job (MmlStore     *store,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RootJob *job = task_data;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *canonical = NULL;
  GError *error = NULL;
  MmlRoot *root;
  guint64 device;
  guint mount_depth;
  gboolean has_disk;

  if (!(canonical = mml_root_check_path (job->path, &error)) ||
      !(roots = list_roots (db, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < roots->len; i++)
    {
      MmlRoot *other = g_ptr_array_index (roots, i);
      g_autofree char *mine = g_filename_display_name (canonical);
      g_autofree char *theirs = g_filename_display_name (mml_root_get_path (other));
      MmlStoreError code = MML_STORE_ERROR_OVERLAP;

      if (strcmp (canonical, mml_root_get_path (other)) == 0)
        {
          g_task_return_new_error (task, MML_STORE_ERROR, code,
                                   _("“%s” is already library folder %lld"),
                                   mine, (long long) mml_root_get_id (other));
          return;
        }
      if (path_is_within (canonical, mml_root_get_path (other)))
        {
          g_task_return_new_error (task, MML_STORE_ERROR, code,
                                   _("“%s” is inside library folder %lld (“%s”)"),
                                   mine, (long long) mml_root_get_id (other), theirs);
          return;
        }
      if (path_is_within (mml_root_get_path (other), canonical))
        {
          g_task_return_new_error (task, MML_STORE_ERROR, code,
                                   _("“%s” contains library folder %lld (“%s”)"),
                                   mine, (long long) mml_root_get_id (other), theirs);
          return;
        }
    }

  /* The disk it is on now is the library's: a scan that finds the folder
   * on another one, mounted higher up, knows the disk is not mounted. */
  has_disk = mml_root_probe_disk (canonical, &device, &mount_depth);

  if (!(stmt = mml_store_prepare (db,
                                  "INSERT INTO roots (path, kind, enabled, added_at, device, mount_depth) "
                                  "VALUES (?, ?, 1, ?, ?, ?) RETURNING " ROOT_COLUMNS,
                                  &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, canonical, strlen (canonical), SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mml_root_kind_to_string (job->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (has_disk)
    {
      sqlite3_bind_int64 (stmt, 4, (gint64) device);
      sqlite3_bind_int (stmt, 5, (int) mount_depth);
    }

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }

  root = root_from_row (stmt);

  /* A RETURNING statement commits when it completes: finish it before the
   * caller (maybe exiting right away) hears of the result. */
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_object_unref (root);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, root, g_object_unref);
}

/**
 * mml_store_add_root_async:
 * @path: the folder to add
 * @kind: how files below it are numbered
 *
 * Checks @path (see mml_root_check_path()) and that it is neither the same
 * as, inside, nor around an existing root, then adds it.
 */
void
mml_store_add_root_async (MmlStore            *self,
                          const char          *path,
                          MmlRootKind          kind,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RootJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (RootJob, 1);
  job->path = g_strdup (path);
  job->kind = kind;

  mml_store_run_async (self, add_root_job, job, root_job_free,
                       mml_store_add_root_async, cancellable, callback, user_data);
}

/**
 * mml_store_add_root_finish:
 *
 * Returns: (transfer full) (nullable): the new root
 */
MmlRoot *
mml_store_add_root_finish (MmlStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_roots_job (MmlStore     *store,
                sqlite3      *db,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *roots = list_roots (db, &error);

  if (roots == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, roots, (GDestroyNotify) g_ptr_array_unref);
}

void
mml_store_list_roots_async (MmlStore            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, list_roots_job, NULL, NULL,
                       mml_store_list_roots_async, cancellable, callback, user_data);
}

/**
 * mml_store_list_roots_finish:
 *
 * Returns: (transfer container) (element-type MmlRoot): the roots by id
 */
GPtrArray *
mml_store_list_roots_finish (MmlStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_root_job (MmlStore     *store,
                 sqlite3      *db,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RootJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  /* Only rows go: the folder and every file in it stay as they are. */
  if (!(stmt = mml_store_prepare (db, "DELETE FROM roots WHERE id = ?", &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  sqlite3_bind_int64 (stmt, 1, job->id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
    }
  else if (sqlite3_changes (db) == 0)
    g_task_return_new_error (task, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND,
                             _("There is no library folder with id %lld"), (long long) job->id);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mml_store_remove_root_async:
 *
 * Forgets a root and everything the library knew about its files.  Nothing
 * on disk is touched.
 */
void
mml_store_remove_root_async (MmlStore            *self,
                             gint64               root_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RootJob *job;

  g_return_if_fail (MML_IS_STORE (self));

  job = g_new0 (RootJob, 1);
  job->id = root_id;
  mml_store_run_async (self, remove_root_job, job, root_job_free,
                       mml_store_remove_root_async, cancellable, callback, user_data);
}

gboolean
mml_store_remove_root_finish (MmlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
update_root_job (MmlStore     *store,
                 sqlite3      *db,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RootJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  MmlRoot *root;

  if (!(stmt = mml_store_prepare (db,
                                  "UPDATE roots SET enabled = coalesce (?, enabled), "
                                  "kind = coalesce (?, kind) WHERE id = ?",
                                  &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->enabled >= 0)
    sqlite3_bind_int (stmt, 1, job->enabled != 0);
  if (job->set_kind)
    sqlite3_bind_text (stmt, 2, mml_root_kind_to_string (job->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, job->id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }

  if (!(root = get_root (db, job->id, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, root, g_object_unref);
}

/**
 * mml_store_update_root_async:
 * @enabled: 1 or 0, or -1 to leave as is
 * @kind: an #MmlRootKind, or -1 to leave as is
 */
void
mml_store_update_root_async (MmlStore            *self,
                             gint64               root_id,
                             int                  enabled,
                             int                  kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RootJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (kind >= -1 && kind <= MML_ROOT_KIND_DAILY);

  job = g_new0 (RootJob, 1);
  job->id = root_id;
  job->enabled = enabled;
  job->set_kind = kind >= 0;
  job->kind = kind >= 0 ? (MmlRootKind) kind : MML_ROOT_KIND_STANDARD;
  mml_store_run_async (self, update_root_job, job, root_job_free,
                       mml_store_update_root_async, cancellable, callback, user_data);
}

/**
 * mml_store_update_root_finish:
 *
 * Returns: (transfer full) (nullable): the root as it now is
 */
MmlRoot *
mml_store_update_root_finish (MmlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
