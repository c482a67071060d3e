/* mml-conflicts-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"
#include "widgets/mml-change-match-dialog.h"
#include "widgets/mml-match-conflict-row.h"
#include "widgets/mml-match-review-row.h"

G_BEGIN_DECLS

#define MML_TYPE_CONFLICTS_VIEW (mml_conflicts_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlConflictsView, mml_conflicts_view, MML, CONFLICTS_VIEW, MmlView)

GtkListBox          *mml_conflicts_view_get_unrecognised_list (MmlConflictsView *self);
GtkWidget  *mml_conflicts_view_get_assign_dialog      (MmlConflictsView *self);
GtkWidget  *mml_conflicts_view_get_place_dialog       (MmlConflictsView *self);
GtkListBox *mml_conflicts_view_get_server_list        (MmlConflictsView *self);
GtkListBox          *mml_conflicts_view_get_watch_list        (MmlConflictsView *self);
MmlMatchConflictRow *mml_conflicts_view_get_match_row         (MmlConflictsView *self,
                                                               guint             index);

/* The review list of new automatic matches, for tests */
GListModel           *mml_conflicts_view_get_review_model    (MmlConflictsView *self);
MmlMatchReviewRow    *mml_conflicts_view_find_review_row     (MmlConflictsView *self,
                                                              gint64            series_id);
guint                 mml_conflicts_view_get_n_review_rows   (MmlConflictsView *self);
GtkButton            *mml_conflicts_view_get_keep_all_button (MmlConflictsView *self);
MmlChangeMatchDialog *mml_conflicts_view_get_change_dialog   (MmlConflictsView *self);
void                  mml_conflicts_view_show_section        (MmlConflictsView *self,
                                                              const char       *section);
GtkScrolledWindow    *mml_conflicts_view_get_scroller        (MmlConflictsView *self,
                                                              const char       *section);
AdwToast             *mml_conflicts_view_get_keep_toast      (MmlConflictsView *self);
GtkWidget            *mml_conflicts_view_get_section         (MmlConflictsView *self,
                                                              const char       *section);
const char           *mml_conflicts_view_get_visible_section (MmlConflictsView *self);
AdwViewStack         *mml_conflicts_view_get_stack           (MmlConflictsView *self);
GtkListView          *mml_conflicts_view_get_review_list     (MmlConflictsView *self);

G_END_DECLS
