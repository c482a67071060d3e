/* mml-series-tile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-library.h"
#include "mml-poster-cache.h"

G_BEGIN_DECLS

#define MML_TYPE_SERIES_TILE (mml_series_tile_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesTile, mml_series_tile, MML, SERIES_TILE, GtkWidget)

GtkWidget     *mml_series_tile_new               (MmlPosterCache      *cache);
MmlSeriesItem *mml_series_tile_get_item          (MmlSeriesTile       *self);
void           mml_series_tile_set_item          (MmlSeriesTile       *self,
                                                  MmlSeriesItem       *item);
const char    *mml_series_tile_get_missing_badge (MmlSeriesTile       *self);
const char    *mml_series_tile_get_match_badge   (MmlSeriesTile       *self);
const char    *mml_series_tile_get_subtitles_badge (MmlSeriesTile     *self);
gboolean       mml_series_tile_get_poster_loaded (MmlSeriesTile       *self);

/* shared with the series list and page */
const char    *mml_series_status_label           (const char          *status);
void           mml_series_badge_set_match        (GtkLabel            *badge,
                                                  const char          *match_state);
void           mml_series_badge_set_missing      (GtkLabel            *badge,
                                                  guint                n_missing);
void           mml_series_badge_set_upcoming     (GtkLabel            *badge,
                                                  guint                n_upcoming);
char          *mml_series_item_describe          (MmlSeriesItem       *item,
                                                  gboolean             full);
void           mml_series_badge_set_subtitles    (GtkLabel            *badge,
                                                  MmlSeriesItem       *item);
char          *mml_series_describe_subtitles     (MmlSeriesItem       *item);

G_END_DECLS
