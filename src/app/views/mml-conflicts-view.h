/* mml-conflicts-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"
#include "widgets/mml-match-conflict-row.h"

G_BEGIN_DECLS

#define MML_TYPE_CONFLICTS_VIEW (mml_conflicts_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlConflictsView, mml_conflicts_view, MML, CONFLICTS_VIEW, MmlView)

GtkListBox          *mml_conflicts_view_get_unrecognised_list (MmlConflictsView *self);
MmlMatchConflictRow *mml_conflicts_view_get_match_row         (MmlConflictsView *self,
                                                               guint             index);

G_END_DECLS
