/* mml-series-page-private.h — what the parts of MmlSeriesPage share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mml-series-page.c has the page, its header actions and the series facts;
 * mml-series-page-episodes.c the seasons → episodes → files → subtitles.
 */
#pragma once

#include "mml-poster-cache.h"
#include "mml-series-page.h"

G_BEGIN_DECLS

/* @engine: (nullable): where the episodes' Watched checks write
 * @expanded_seasons: (nullable): which seasons the user folded or opened,
 *   kept by the page across reloads of one series */
void       _mml_series_page_add_seasons        (GtkBox          *box,
                                               MmlSeriesDetail *detail,
                                               MmlPosterCache  *cache,
                                               MmlEngine       *engine,
                                               GHashTable      *expanded_seasons);
GtkWidget *_mml_series_page_find_season_poster (GtkBox          *box,
                                               int              number);
GtkWidget *_mml_series_page_find_season_toggle (GtkBox          *box,
                                               int              number);
gboolean   _mml_series_page_get_season_expanded (GtkBox         *box,
                                                int             number);

G_END_DECLS
