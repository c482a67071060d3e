/* mml-root.c — a library root: one folder the library watches and scans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-root"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "mml-root.h"
#include "mml-util.h"

struct _MmlRoot
{
  GObject      parent_instance;

  gint64       id;
  char        *path;
  MmlRootKind  kind;
  gboolean     enabled;
  gint64       added_at;
  gint64       last_scan_at;
  char        *last_scan;
};

G_DEFINE_FINAL_TYPE (MmlRoot, mml_root, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PATH,
  PROP_KIND,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mml_root_finalize (GObject *object)
{
  MmlRoot *self = MML_ROOT (object);

  g_free (self->path);
  g_free (self->last_scan);

  G_OBJECT_CLASS (mml_root_parent_class)->finalize (object);
}

static void
mml_root_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MmlRoot *self = MML_ROOT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_KIND:
      g_value_set_string (value, mml_root_kind_to_string (self->kind));
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_root_class_init (MmlRootClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mml_root_finalize;
  object_class->get_property = mml_root_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The path is raw bytes from the file system; shown through
   * g_filename_display_name() in the UI. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "standard",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_root_init (MmlRoot *self)
{
  self->enabled = TRUE;
}

gint64
mml_root_get_id (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), 0);
  return self->id;
}

const char *
mml_root_get_path (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), NULL);
  return self->path;
}

MmlRootKind
mml_root_get_kind (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), MML_ROOT_KIND_STANDARD);
  return self->kind;
}

gboolean
mml_root_get_enabled (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), FALSE);
  return self->enabled;
}

gint64
mml_root_get_added_at (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), 0);
  return self->added_at;
}

gint64
mml_root_get_last_scan_at (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), 0);
  return self->last_scan_at;
}

/**
 * mml_root_get_last_scan:
 *
 * Returns: (nullable): the JSON summary of the last scan
 */
const char *
mml_root_get_last_scan (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), NULL);
  return self->last_scan;
}

/**
 * mml_root_to_json:
 *
 * Appends the stable JSON form documented in the README:
 * `{"id", "path", "kind", "enabled", "added_at", "last_scan_at", "last_scan"}`.
 */
void
mml_root_to_json (MmlRoot *self,
                  GString *out)
{
  g_return_if_fail (MML_IS_ROOT (self));

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"path\": ", self->id);
  mml_json_append_string (out, self->path, -1);
  g_string_append_printf (out, ", \"kind\": \"%s\", \"enabled\": %s, \"added_at\": %" G_GINT64_FORMAT
                          ", \"last_scan_at\": ",
                          mml_root_kind_to_string (self->kind),
                          self->enabled ? "true" : "false",
                          self->added_at);
  if (self->last_scan_at > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, self->last_scan_at);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"last_scan\": ");
  /* stored by the scanner as a JSON object already */
  g_string_append (out, self->last_scan ? self->last_scan : "null");
  g_string_append_c (out, '}');
}

/**
 * mml_root_check_path:
 * @path: a folder, absolute or relative to the working directory
 *
 * Checks that @path can be a library root: it exists, is a folder and can be
 * listed.  Blocking (stats the disk): call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the canonical absolute path with
 *   symlinks resolved, or %NULL with @error set
 */
char *
mml_root_check_path (const char  *path,
                     GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *real = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);

  if (*path == '\0')
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("The folder name is empty"));
      return NULL;
    }

  if (g_stat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT || errsv == ENOTDIR)
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                     _("“%s” does not exist"), display);
      else
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                     _("Cannot read “%s”: %s"), display, g_strerror (errsv));
      return NULL;
    }

  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("“%s” is not a folder"), display);
      return NULL;
    }

  if (access (path, R_OK | X_OK) != 0)
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("“%s” cannot be read: %s"), display, g_strerror (errno));
      return NULL;
    }

  if (!(real = realpath (path, NULL)))
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("Cannot resolve “%s”: %s"), display, g_strerror (errno));
      return NULL;
    }

  return g_steal_pointer (&real);
}

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
  MmlRoot *root = g_object_new (MML_TYPE_ROOT, NULL);
  const char *kind = (const char *) sqlite3_column_text (stmt, 2);

  root->id = sqlite3_column_int64 (stmt, 0);
  root->path = g_strndup ((const char *) sqlite3_column_blob (stmt, 1),
                          sqlite3_column_bytes (stmt, 1));
  if (!mml_root_kind_from_string (kind, &root->kind))
    root->kind = MML_ROOT_KIND_STANDARD;
  root->enabled = sqlite3_column_int (stmt, 3) != 0;
  root->added_at = sqlite3_column_int64 (stmt, 4);
  root->last_scan_at = sqlite3_column_int64 (stmt, 5);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    root->last_scan = g_strdup ((const char *) sqlite3_column_text (stmt, 6));

  return root;
}

#define ROOT_COLUMNS "id, path, kind, enabled, added_at, last_scan_at, last_scan"

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
      g_autofree char *theirs = g_filename_display_name (other->path);
      MmlStoreError code = MML_STORE_ERROR_OVERLAP;

      if (strcmp (canonical, other->path) == 0)
        {
          g_task_return_new_error (task, MML_STORE_ERROR, code,
                                   _("“%s” is already library folder %lld"),
                                   mine, (long long) other->id);
          return;
        }
      if (path_is_within (canonical, other->path))
        {
          g_task_return_new_error (task, MML_STORE_ERROR, code,
                                   _("“%s” is inside library folder %lld (“%s”)"),
                                   mine, (long long) other->id, theirs);
          return;
        }
      if (path_is_within (other->path, canonical))
        {
          g_task_return_new_error (task, MML_STORE_ERROR, code,
                                   _("“%s” contains library folder %lld (“%s”)"),
                                   mine, (long long) other->id, theirs);
          return;
        }
    }

  if (!(stmt = mml_store_prepare (db,
                                  "INSERT INTO roots (path, kind, enabled, added_at) "
                                  "VALUES (?, ?, 1, ?) RETURNING " ROOT_COLUMNS,
                                  &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, canonical, strlen (canonical), SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mml_root_kind_to_string (job->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);

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
