/* mml-dashboard-history.h — the Dashboard's History: charts of what came
 * in, what was watched, viewing status, subtitles and the library's growth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-chart.h"

G_BEGIN_DECLS

#define MML_TYPE_DASHBOARD_HISTORY (mml_dashboard_history_get_type ())

G_DECLARE_FINAL_TYPE (MmlDashboardHistory, mml_dashboard_history, MML, DASHBOARD_HISTORY, AdwBin)

void      mml_dashboard_history_set_engine (MmlDashboardHistory *self,
                                            MmlEngine           *engine);
/* @name: "added", "watched", "viewing", "subtitles" or "size" (for tests) */
MmlChart *mml_dashboard_history_get_chart  (MmlDashboardHistory *self,
                                            const char          *name);
/* How many times the history was read and shown (for tests) */
guint     mml_dashboard_history_get_n_loads (MmlDashboardHistory *self);

G_END_DECLS
