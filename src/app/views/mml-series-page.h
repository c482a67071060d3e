/* mml-series-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_SERIES_PAGE (mml_series_page_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesPage, mml_series_page, MML, SERIES_PAGE, AdwBin)

void             mml_series_page_show       (MmlSeriesPage     *self,
                                             MmlEngine *engine,
                                             MmlSeriesItem     *item);
void             mml_series_page_show_id    (MmlSeriesPage     *self,
                                             MmlEngine *engine,
                                             gint64             series_id);
MmlSeriesDetail *mml_series_page_get_detail (MmlSeriesPage     *self);
gboolean         mml_series_page_get_loading (MmlSeriesPage    *self);
GtkWidget       *mml_series_page_get_season_poster (MmlSeriesPage *self,
                                                   int            season);
GtkWindow       *mml_series_page_get_subtitle_dialog (MmlSeriesPage *self);
GtkWindow       *mml_series_page_get_organize_dialog (MmlSeriesPage *self);
gboolean         mml_series_page_get_season_expanded (MmlSeriesPage *self,
                                                     int            season);
GtkWidget       *mml_series_page_get_season_toggle  (MmlSeriesPage *self,
                                                     int            season);
const char      *mml_series_page_get_facts          (MmlSeriesPage *self);
GtkWindow       *mml_series_page_get_unmatch_dialog (MmlSeriesPage *self);
AdwHeaderBar    *mml_series_page_get_header_bar     (MmlSeriesPage *self);

G_END_DECLS
