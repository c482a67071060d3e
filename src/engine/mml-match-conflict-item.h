/* mml-match-conflict-item.h — one open match conflict, as a GObject for
 * the session's list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mml-meta-store.h"

G_BEGIN_DECLS

#define MML_TYPE_MATCH_CONFLICT_ITEM (mml_match_conflict_item_get_type ())

G_DECLARE_FINAL_TYPE (MmlMatchConflictItem, mml_match_conflict_item, MML, MATCH_CONFLICT_ITEM, GObject)

MmlMatchConflictItem   *mml_match_conflict_item_new             (MmlMatchConflict     *conflict);
const MmlMatchConflict *mml_match_conflict_item_get_conflict    (MmlMatchConflictItem *self);
gint64                  mml_match_conflict_item_get_conflict_id (MmlMatchConflictItem *self);
gint64                  mml_match_conflict_item_get_series_id   (MmlMatchConflictItem *self);
MmlMatchDecision        mml_match_conflict_item_get_decision    (MmlMatchConflictItem *self);
char                   *mml_match_conflict_item_dup_path        (MmlMatchConflictItem *self);
gboolean                mml_match_conflict_item_same            (MmlMatchConflictItem *self,
                                                                 MmlMatchConflictItem *other);

/* Brings @store (of MmlMatchConflictItem) in line with @conflicts (of
 * MmlMatchConflict, taken over), keeping the items of unchanged ones */
void mml_match_conflict_list_merge (GListStore *store,
                                    GPtrArray  *conflicts);

G_END_DECLS
