/* mml-series-result-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-metadata.h"
#include "mml-poster-cache.h"

G_BEGIN_DECLS

GtkWidget        *mml_series_result_row_new           (MmlPosterCache   *cache,
                                                       MmlMetaCandidate *candidate);
MmlMetaCandidate *mml_series_result_row_get_candidate (GtkListBoxRow    *row);
void              mml_series_result_row_set_in_library (GtkListBoxRow *row,
                                                        const char    *where);
gboolean          mml_series_result_row_get_in_library (GtkListBoxRow *row);

G_END_DECLS
