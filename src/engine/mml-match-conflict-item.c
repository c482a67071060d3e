/* mml-match-conflict-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only wrapper: the session replaces items when the store says a
 * conflict changed, and keeps the same item while it did not, so the views
 * keep their rows (and what the user typed in them).
 */

#define G_LOG_DOMAIN "mml-match-conflict-item"

#include "config.h"

#include "mml-match-conflict-item.h"

struct _MmlMatchConflictItem
{
  GObject           parent_instance;

  MmlMatchConflict *conflict;
};

G_DEFINE_FINAL_TYPE (MmlMatchConflictItem, mml_match_conflict_item, G_TYPE_OBJECT)

static void
mml_match_conflict_item_finalize (GObject *object)
{
  MmlMatchConflictItem *self = MML_MATCH_CONFLICT_ITEM (object);

  g_clear_pointer (&self->conflict, mml_match_conflict_free);

  G_OBJECT_CLASS (mml_match_conflict_item_parent_class)->finalize (object);
}

static void
mml_match_conflict_item_class_init (MmlMatchConflictItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_match_conflict_item_finalize;
}

static void
mml_match_conflict_item_init (MmlMatchConflictItem *self)
{
}

/**
 * mml_match_conflict_item_new:
 * @conflict: (transfer full): the conflict
 */
MmlMatchConflictItem *
mml_match_conflict_item_new (MmlMatchConflict *conflict)
{
  MmlMatchConflictItem *self;

  g_return_val_if_fail (conflict != NULL, NULL);

  self = g_object_new (MML_TYPE_MATCH_CONFLICT_ITEM, NULL);
  self->conflict = conflict;
  if (self->conflict->candidates == NULL)
    self->conflict->candidates = g_ptr_array_new ();

  return self;
}

/**
 * mml_match_conflict_item_get_conflict:
 *
 * Returns: (transfer none): the conflict, its candidates best first
 */
const MmlMatchConflict *
mml_match_conflict_item_get_conflict (MmlMatchConflictItem *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (self), NULL);
  return self->conflict;
}

gint64
mml_match_conflict_item_get_conflict_id (MmlMatchConflictItem *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (self), 0);
  return self->conflict->conflict_id;
}

gint64
mml_match_conflict_item_get_series_id (MmlMatchConflictItem *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (self), 0);
  return self->conflict->series_id;
}

/**
 * mml_match_conflict_item_get_decision:
 *
 * Returns: why there is a conflict: %MML_MATCH_MULTIPLE, %MML_MATCH_NONE
 *   or %MML_MATCH_AMBIGUOUS (also for a decision this version does not know)
 */
MmlMatchDecision
mml_match_conflict_item_get_decision (MmlMatchConflictItem *self)
{
  const char *decision;

  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (self), MML_MATCH_AMBIGUOUS);

  decision = self->conflict->decision;
  if (g_strcmp0 (decision, mml_match_decision_to_string (MML_MATCH_MULTIPLE)) == 0)
    return MML_MATCH_MULTIPLE;
  if (g_strcmp0 (decision, mml_match_decision_to_string (MML_MATCH_NONE)) == 0)
    return MML_MATCH_NONE;
  return MML_MATCH_AMBIGUOUS;
}

/**
 * mml_match_conflict_item_dup_path:
 *
 * Returns: (transfer full) (nullable): the series folder (or the root, for
 *   loose files), an absolute path in the file system's encoding
 */
char *
mml_match_conflict_item_dup_path (MmlMatchConflictItem *self)
{
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (self), NULL);

  if (self->conflict->root_path == NULL)
    return g_strdup (self->conflict->folder);
  if (self->conflict->folder == NULL)
    return g_strdup (self->conflict->root_path);
  return g_build_filename (self->conflict->root_path, self->conflict->folder, NULL);
}

/**
 * mml_match_conflict_item_same:
 *
 * Returns: whether @other holds the same conflict with the same candidates,
 *   so a view can keep the row it made for @self
 */
gboolean
mml_match_conflict_item_same (MmlMatchConflictItem *self,
                              MmlMatchConflictItem *other)
{
  const MmlMatchConflict *a, *b;

  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (self), FALSE);
  g_return_val_if_fail (MML_IS_MATCH_CONFLICT_ITEM (other), FALSE);

  a = self->conflict;
  b = other->conflict;
  if (a->conflict_id != b->conflict_id || a->series_id != b->series_id ||
      a->candidates->len != b->candidates->len ||
      g_strcmp0 (a->decision, b->decision) != 0 ||
      g_strcmp0 (a->folder, b->folder) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 || a->year != b->year)
    return FALSE;

  for (guint i = 0; i < a->candidates->len; i++)
    {
      const MmlCandidateRow *ca = g_ptr_array_index (a->candidates, i);
      const MmlCandidateRow *cb = g_ptr_array_index (b->candidates, i);

      if (ca->id != cb->id || g_strcmp0 (ca->provider, cb->provider) != 0 || ca->score != cb->score)
        return FALSE;
    }

  return TRUE;
}

/* Keeps the items (and so the views' rows) of conflicts that did not change;
 * inserts (a run of new ones in one splice), replaces and removes only what
 * did. Both lists are in the store's order, which a conflict keeps while it
 * exists. */
void
mml_match_conflict_list_merge (GListStore *store,
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
