/* mml-calendar-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_CALENDAR_VIEW (mml_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlCalendarView, mml_calendar_view, MML, CALENDAR_VIEW, MmlView)

gboolean   mml_calendar_view_get_loaded   (MmlCalendarView *self);
GtkWidget *mml_calendar_view_get_days_box (MmlCalendarView *self);

G_END_DECLS
