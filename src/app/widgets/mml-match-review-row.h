/* mml-match-review-row.h — a new automatic match in the review list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-match-conflict-item.h"
#include "mml-poster-cache.h"

G_BEGIN_DECLS

#define MML_TYPE_MATCH_REVIEW_ROW (mml_match_review_row_get_type ())

G_DECLARE_FINAL_TYPE (MmlMatchReviewRow, mml_match_review_row, MML, MATCH_REVIEW_ROW, GtkWidget)

GtkWidget     *mml_match_review_row_new               (MmlPosterCache    *cache);
MmlSeriesItem *mml_match_review_row_get_item          (MmlMatchReviewRow *self);
void           mml_match_review_row_set_item          (MmlMatchReviewRow *self,
                                                       MmlSeriesItem     *item);
void           mml_match_review_row_set_busy          (MmlMatchReviewRow *self,
                                                       gboolean           busy);
const char    *mml_match_review_row_get_details       (MmlMatchReviewRow *self);
const char    *mml_match_review_row_get_folder        (MmlMatchReviewRow *self);
gboolean       mml_match_review_row_get_poster_loaded (MmlMatchReviewRow *self);
GtkButton     *mml_match_review_row_get_keep_button   (MmlMatchReviewRow *self);
GtkButton     *mml_match_review_row_get_change_button (MmlMatchReviewRow *self);

G_END_DECLS
