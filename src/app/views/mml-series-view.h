/* mml-series-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"
#include "mml-series-page.h"

G_BEGIN_DECLS

#define MML_TYPE_SERIES_VIEW (mml_series_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesView, mml_series_view, MML, SERIES_VIEW, MmlView)

GListModel    *mml_series_view_get_model        (MmlSeriesView *self);
MmlSeriesPage *mml_series_view_get_page         (MmlSeriesView *self);
GtkWidget     *mml_series_view_get_items_widget (MmlSeriesView *self);
void           mml_series_view_open             (MmlSeriesView *self,
                                                 guint          position);
gboolean       mml_series_view_get_page_open    (MmlSeriesView *self);
void           mml_series_view_open_id          (MmlSeriesView *self,
                                                 gint64         series_id);
GtkWidget     *mml_series_view_show_add_dialog  (MmlSeriesView *self);

G_END_DECLS
