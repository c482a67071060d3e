/* mml-library-session-roots.c — the library folders, as the session changes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through the store's writer thread; once it is done the
 * models reload and the watcher picks up the new set of roots.
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "mml-store-roots.h"
#include "config.h"

#include <glib/gi18n.h>

#include "mml-library-session-private.h"

/* After any change to the roots: the models and the watcher follow */
static void
roots_changed (MmlLibrarySession *self)
{
  mml_library_session_reload (self);
  if (self->watcher != NULL)
    mml_watcher_reload (self->watcher);
}

/* Callbacks */

static void
root_updated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!(root = mml_store_update_root_finish (MML_STORE (object), result, &error)))
    _mml_library_session_report_error (self, _("Cannot change the library folder"), error);

  roots_changed (self);
}

static void
root_removed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_store_remove_root_finish (MML_STORE (object), result, &error))
    _mml_library_session_report_error (self, _("Cannot remove the library folder"), error);

  roots_changed (self);
}

static void
root_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibrarySession *self = g_task_get_source_object (task);
  g_autoptr(MmlRoot) root = NULL;
  GError *error = NULL;

  if (!(root = mml_store_add_root_finish (MML_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  roots_changed (self);
  mml_library_session_scan (self, MML_SCAN_QUICK, mml_root_get_id (root));

  g_task_return_pointer (task, g_steal_pointer (&root), g_object_unref);
}

/**
 * mml_library_session_find_root:
 *
 * Returns: (transfer none) (nullable): the root with @root_id
 */
MmlRoot *
mml_library_session_find_root (MmlLibrarySession *self,
                               gint64             root_id)
{
  guint n;

  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->roots));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlRoot) root = g_list_model_get_item (G_LIST_MODEL (self->roots), i);

      if (mml_root_get_id (root) == root_id)
        return root;   /* the store keeps a reference */
    }

  return NULL;
}

/**
 * mml_library_session_add_root_async:
 *
 * Adds @path as a library folder; on success reloads the models and
 * queues a quick scan of the new root.
 */
void
mml_library_session_add_root_async (MmlLibrarySession   *self,
                                    const char          *path,
                                    MmlRootKind          kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_session_add_root_async);

  mml_store_add_root_async (self->store, path, kind, cancellable,
                            root_added_cb, g_steal_pointer (&task));
}

/**
 * mml_library_session_add_root_finish:
 *
 * Returns: (transfer full) (nullable): the new root, or %NULL with @error set
 */
MmlRoot *
mml_library_session_add_root_finish (MmlLibrarySession  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_library_session_remove_root:
 *
 * Forgets a library folder and everything the library knew about it.
 * Nothing on disk is touched.
 */
void
mml_library_session_remove_root (MmlLibrarySession *self,
                                 gint64             root_id)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  mml_store_remove_root_async (self->store, root_id, self->cancellable,
                               root_removed_cb, g_object_ref (self));
}

void
mml_library_session_set_root_enabled (MmlLibrarySession *self,
                                      gint64             root_id,
                                      gboolean           enabled)
{
  MmlRoot *root;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  root = mml_library_session_find_root (self, root_id);
  if (root != NULL && mml_root_get_enabled (root) == !!enabled)
    return;

  mml_store_update_root_async (self->store, root_id, !!enabled, -1, self->cancellable,
                               root_updated_cb, g_object_ref (self));
}

void
mml_library_session_set_root_kind (MmlLibrarySession *self,
                                   gint64             root_id,
                                   MmlRootKind        kind)
{
  MmlRoot *root;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  root = mml_library_session_find_root (self, root_id);
  if (root != NULL && mml_root_get_kind (root) == kind)
    return;

  mml_store_update_root_async (self->store, root_id, -1, kind, self->cancellable,
                               root_updated_cb, g_object_ref (self));
}
