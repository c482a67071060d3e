/* mml-series-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_SERIES_VIEW (mml_series_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesView, mml_series_view, MML, SERIES_VIEW, MmlView)

G_END_DECLS
