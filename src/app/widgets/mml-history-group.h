/* mml-history-group.h — Settings: the journal's batches of changes, with
 * Undo, and Resume / Roll Back of an interrupted one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_HISTORY_GROUP (mml_history_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlHistoryGroup, mml_history_group, MML, HISTORY_GROUP, AdwPreferencesGroup)

void        mml_history_group_set_engine        (MmlHistoryGroup *self,
                                                 MmlEngine       *engine);
/* Reads the history again */
void        mml_history_group_reload            (MmlHistoryGroup *self);

/* For tests */
gboolean    mml_history_group_get_busy          (MmlHistoryGroup *self);
guint       mml_history_group_get_n_batches     (MmlHistoryGroup *self);
gint64      mml_history_group_get_batch_id      (MmlHistoryGroup *self,
                                                 guint            index);
/* "done", "failed", "undone" or "running" */
const char *mml_history_group_get_batch_state   (MmlHistoryGroup *self,
                                                 guint            index);
AdwActionRow *mml_history_group_get_row         (MmlHistoryGroup *self,
                                                 guint            index);
/* the row's Undo, or NULL when the batch cannot be undone */
GtkButton  *mml_history_group_get_undo_button   (MmlHistoryGroup *self,
                                                 guint            index);
/* whether Resume / Roll Back is offered */
gboolean    mml_history_group_get_offers_recover (MmlHistoryGroup *self);
/* the error shown, or NULL */
const char *mml_history_group_get_error         (MmlHistoryGroup *self);

G_END_DECLS
