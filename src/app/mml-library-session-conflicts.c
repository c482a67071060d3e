/* mml-library-session-conflicts.c — the open match conflicts as a model,
 * and the user's decisions on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model reloads with the session's other models (each reload after a
 * scan or metadata writes) and keeps the item of a conflict that did not
 * change, so the views keep its row. Choosing a show (a manual match, final),
 * ignoring a folder and keeping automatic matches go through the store, then
 * reload at once.
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-library-session-meta-private.h"

/* Keeps the items (and so the views' rows) of conflicts that did not change;
 * inserts (a run of new ones in one splice), replaces and removes only what
 * did. Both lists are in the store's order, which a conflict keeps while it
 * exists. */
static void
merge_conflicts (GListStore *store,
                 GPtrArray  *conflicts)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();   /* new items to insert at @j */
  GListModel *model = G_LIST_MODEL (store);
  guint j = 0;

  /* The items take the conflicts over */
  g_ptr_array_set_free_func (conflicts, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (items, mml_match_conflict_item_new (g_ptr_array_index (conflicts, i)));
  g_ptr_array_set_size (conflicts, 0);

  /* ids still to come; the keys point into the items */
  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (wanted,
                      (gpointer) &mml_match_conflict_item_get_conflict (g_ptr_array_index (items, i))->conflict_id);

  for (guint i = 0; i < items->len; i++)
    {
      MmlMatchConflictItem *item = g_ptr_array_index (items, i);
      gint64 id = mml_match_conflict_item_get_conflict_id (item);

      for (;;)
        {
          g_autoptr(MmlMatchConflictItem) old = NULL;
          gint64 old_id;

          if (j >= g_list_model_get_n_items (model))
            {
              g_ptr_array_add (pending, item);
              break;
            }

          old = g_list_model_get_item (model, j);
          old_id = mml_match_conflict_item_get_conflict_id (old);
          if (old_id == id)
            {
              if (pending->len > 0)
                {
                  g_list_store_splice (store, j, 0, pending->pdata, pending->len);
                  j += pending->len;
                  g_ptr_array_set_size (pending, 0);
                }
              if (!mml_match_conflict_item_same (old, item))
                g_list_store_splice (store, j, 1, (gpointer *) &item, 1);
              j++;
              break;
            }
          if (!g_hash_table_contains (wanted, &old_id))
            {
              g_list_store_remove (store, j);   /* resolved, or gone */
              continue;
            }
          g_ptr_array_add (pending, item);   /* a new one before @old */
          break;
        }
      g_hash_table_remove (wanted, &id);
    }

  if (pending->len > 0)
    {
      g_list_store_splice (store, j, 0, pending->pdata, pending->len);
      j += pending->len;
    }
  if (j < g_list_model_get_n_items (model))
    g_list_store_splice (store, j, g_list_model_get_n_items (model) - j, NULL, 0);
}

static void
conflicts_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  conflicts = mml_meta_store_list_conflicts_finish (MML_STORE (object), result, &error);
  if (conflicts == NULL)
    {
      _mml_library_session_report_error (self, _("Cannot load the series to confirm"), error);
      return;
    }
  if (self->meta == NULL || self->shut_down)
    return;
  /* a newer load replaced this one (it had already run when cancelled) */
  if (g_task_get_cancellable (G_TASK (result)) != self->meta->conflicts_cancellable)
    return;

  merge_conflicts (self->meta->conflicts, conflicts);
}

void
_mml_library_session_meta_reload (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;

  if (meta->conflicts_cancellable != NULL)
    g_cancellable_cancel (meta->conflicts_cancellable);
  g_clear_object (&meta->conflicts_cancellable);
  meta->conflicts_cancellable = g_cancellable_new ();

  mml_meta_store_list_conflicts_async (self->store, meta->conflicts_cancellable,
                                       conflicts_loaded_cb, g_object_ref (self));
}

/* --- one series ---------------------------------------------------------------- */

static void
choose_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibrarySession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!mml_meta_run_choose_finish (MML_META_RUN (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!self->shut_down)
    _mml_session_meta_reload_now (self);
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  MmlLibrarySession *self;
  const char        *what;
} UpdateData;

static void
series_updated_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  UpdateData *data = user_data;
  g_autoptr(MmlLibrarySession) self = data->self;
  const char *what = data->what;
  g_autoptr(GError) error = NULL;

  g_free (data);
  if (!mml_meta_store_update_finish (MML_STORE (object), result, &error))
    {
      _mml_library_session_report_error (self, what, error);
      return;
    }
  if (!self->shut_down)
    _mml_session_meta_reload_now (self);
}

static void
update_series (MmlLibrarySession *self,
               gint64             series_id,
               MmlMetaUpdate      what,
               const char        *failure)
{
  UpdateData *data = g_new0 (UpdateData, 1);

  data->self = g_object_ref (self);
  data->what = failure;
  mml_meta_store_update_async (self->store, series_id, what, NULL, NULL, MML_EPISODE_ORDER_AIRED,
                               self->cancellable, series_updated_cb, data);
}

/* --- public API ------------------------------------------------------------------ */

/**
 * mml_library_session_get_match_conflicts:
 *
 * Returns: (transfer none): an #MmlMatchConflictItem per open match
 *   conflict, by series title; an unchanged conflict keeps its item
 */
GListModel *
mml_library_session_get_match_conflicts (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return G_LIST_MODEL (self->meta->conflicts);
}

/**
 * mml_library_session_choose_async:
 * @series_id: the series
 * @provider_id: its id at the primary provider
 *
 * The user's match: fetches the series and writes it as a manual match
 * (final: later matching and refreshes keep it), then reloads.
 */
void
mml_library_session_choose_async (MmlLibrarySession   *self,
                                  gint64               series_id,
                                  gint64               provider_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (series_id > 0);
  g_return_if_fail (provider_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_session_choose_async);
  mml_meta_run_choose_async (mml_library_session_get_meta_run (self), series_id, provider_id,
                             cancellable, choose_done_cb, g_steal_pointer (&task));
}

gboolean
mml_library_session_choose_finish (MmlLibrarySession  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_library_session_choose_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mml_library_session_ignore_series:
 *
 * Leaves the series folder unmatched for good (its conflicts close), until
 * mml_library_session_unignore_series().
 */
void
mml_library_session_ignore_series (MmlLibrarySession *self,
                                   gint64             series_id)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (series_id > 0);

  update_series (self, series_id, MML_META_UPDATE_IGNORE, _("Cannot ignore the folder"));
}

/**
 * mml_library_session_unignore_series:
 *
 * Undoes mml_library_session_ignore_series(): the folder is unmatched again
 * and the next match run considers it.
 */
void
mml_library_session_unignore_series (MmlLibrarySession *self,
                                     gint64             series_id)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (series_id > 0);

  update_series (self, series_id, MML_META_UPDATE_UNIGNORE, _("Cannot stop ignoring the folder"));
}

/* --- keeping automatic matches ---------------------------------------------------- */

static void
confirmed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibrarySession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!mml_meta_store_update_finish (MML_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!self->shut_down)
    _mml_session_meta_reload_now (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * mml_library_session_confirm_series_async:
 * @series_id: the series, or 0 for every automatic match at once
 *
 * The user reviewed an automatic match and keeps it: it becomes a manual
 * match (final: later matching and refreshes keep it). Series in any other
 * state are left as they are. Reloads when written.
 */
void
mml_library_session_confirm_series_async (MmlLibrarySession   *self,
                                          gint64               series_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (series_id >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_session_confirm_series_async);
  mml_meta_store_update_async (self->store, series_id, MML_META_UPDATE_CONFIRM, NULL, NULL,
                               MML_EPISODE_ORDER_AIRED, cancellable, confirmed_cb, task);
}

gboolean
mml_library_session_confirm_series_finish (MmlLibrarySession  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_library_session_confirm_series_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
