/* mml-series-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-library.h"

G_BEGIN_DECLS

#define MML_TYPE_SERIES_CARD (mml_series_card_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesCard, mml_series_card, MML, SERIES_CARD, GtkWidget)

MmlSeriesItem *mml_series_card_get_item (MmlSeriesCard *self);
void           mml_series_card_set_item (MmlSeriesCard *self,
                                         MmlSeriesItem *item);

G_END_DECLS
