/* mml-series-list-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-library.h"
#include "mml-poster-cache.h"

G_BEGIN_DECLS

#define MML_TYPE_SERIES_LIST_ROW (mml_series_list_row_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesListRow, mml_series_list_row, MML, SERIES_LIST_ROW, GtkWidget)

GtkWidget     *mml_series_list_row_new      (MmlPosterCache *cache);
MmlSeriesItem *mml_series_list_row_get_item (MmlSeriesListRow   *self);
void           mml_series_list_row_set_item (MmlSeriesListRow   *self,
                                        MmlSeriesItem  *item);

G_END_DECLS
