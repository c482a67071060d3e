/* mml-conflicts-review-page.h — the new automatic matches, in Conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "widgets/mml-change-match-dialog.h"
#include "widgets/mml-conflicts-section.h"
#include "widgets/mml-match-review-row.h"

G_BEGIN_DECLS

#define MML_TYPE_CONFLICTS_REVIEW_PAGE (mml_conflicts_review_page_get_type ())

G_DECLARE_FINAL_TYPE (MmlConflictsReviewPage, mml_conflicts_review_page, MML, CONFLICTS_REVIEW_PAGE, GtkWidget)

void                  mml_conflicts_review_page_set_engine        (MmlConflictsReviewPage *self,
                                                                   MmlEngine              *engine);
GListModel           *mml_conflicts_review_page_get_model         (MmlConflictsReviewPage *self);
MmlConflictsSection  *mml_conflicts_review_page_get_section       (MmlConflictsReviewPage *self);

/* For tests */
GtkListView          *mml_conflicts_review_page_get_list_view     (MmlConflictsReviewPage *self);
MmlMatchReviewRow    *mml_conflicts_review_page_find_row          (MmlConflictsReviewPage *self,
                                                                   gint64                  series_id);
guint                 mml_conflicts_review_page_get_n_rows        (MmlConflictsReviewPage *self);
GtkButton            *mml_conflicts_review_page_get_keep_all_button (MmlConflictsReviewPage *self);
MmlChangeMatchDialog *mml_conflicts_review_page_get_change_dialog (MmlConflictsReviewPage *self);
AdwToast             *mml_conflicts_review_page_get_keep_toast    (MmlConflictsReviewPage *self);

G_END_DECLS
