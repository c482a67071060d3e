/* mml-dashboard-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"
#include "widgets/mml-dashboard-history.h"
#include "widgets/mml-jobs-group.h"

G_BEGIN_DECLS

#define MML_TYPE_DASHBOARD_VIEW (mml_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlDashboardView, mml_dashboard_view, MML, DASHBOARD_VIEW, MmlView)

const char *mml_dashboard_view_get_stat         (MmlDashboardView *self,
                                                 const char       *name);
GtkListBox *mml_dashboard_view_get_continue_list (MmlDashboardView *self);
MmlDashboardHistory *
            mml_dashboard_view_get_history      (MmlDashboardView *self);
MmlJobsGroup *
            mml_dashboard_view_get_jobs         (MmlDashboardView *self);
GtkButton  *mml_dashboard_view_get_retry_button (MmlDashboardView *self,
                                                 guint             index);

G_END_DECLS
