/* mml-match-conflict-row.h — one series to confirm, in the Conflicts view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-match-conflict-item.h"

G_BEGIN_DECLS

#define MML_TYPE_MATCH_CONFLICT_ROW (mml_match_conflict_row_get_type ())

G_DECLARE_FINAL_TYPE (MmlMatchConflictRow, mml_match_conflict_row, MML, MATCH_CONFLICT_ROW, AdwExpanderRow)

GtkWidget            *mml_match_conflict_row_new            (MmlEngine    *engine,
                                                             MmlMatchConflictItem *item);
MmlMatchConflictItem *mml_match_conflict_row_get_item       (MmlMatchConflictRow  *self);

/* For tests (they fill the expanded part first) */
guint                 mml_match_conflict_row_get_n_candidates (MmlMatchConflictRow *self);
GtkButton            *mml_match_conflict_row_get_confirm_button (MmlMatchConflictRow *self,
                                                                 guint                index);
GtkButton            *mml_match_conflict_row_get_ignore_button  (MmlMatchConflictRow *self);
AdwEntryRow          *mml_match_conflict_row_get_search_row     (MmlMatchConflictRow *self);
guint                 mml_match_conflict_row_get_n_results      (MmlMatchConflictRow *self);
GtkButton            *mml_match_conflict_row_get_result_button  (MmlMatchConflictRow *self,
                                                                 guint                index);
const char           *mml_match_conflict_row_get_error          (MmlMatchConflictRow *self);
gboolean              mml_match_conflict_row_get_busy           (MmlMatchConflictRow *self);

G_END_DECLS
