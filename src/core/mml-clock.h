/* mml-clock.h — what day it is: the system's local date, or a pinned one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MML_TYPE_CLOCK (mml_clock_get_type ())

G_DECLARE_FINAL_TYPE (MmlClock, mml_clock, MML, CLOCK, GObject)

MmlClock *mml_clock_new               (void);
void      mml_clock_set_today         (MmlClock    *self,
                                       const char  *date);
char     *mml_clock_get_today         (MmlClock    *self);
gboolean  mml_clock_is_pinned         (MmlClock    *self);
gint64    mml_clock_get_tomorrow_unix (MmlClock    *self);
void      mml_clock_get_day           (MmlClock    *self,
                                       char       **today,
                                       gint64      *tomorrow_unix);

/* The time now, unix seconds: the system's, or one a test pins (0
 * follows the system again). Schedulers read it, so a test can jump
 * ahead as a suspended machine would. */
gint64    mml_clock_get_now           (MmlClock    *self);
void      mml_clock_set_now           (MmlClock    *self,
                                       gint64       unix_seconds);
/* The time marks are stamped with and "recent" is judged by: the pinned
 * now; else, while a day is pinned, the system's time when it falls in
 * that day and the day's last second when it does not; else the system's. */
gint64    mml_clock_get_day_now       (MmlClock    *self);

/* A monotonic time in microseconds, for rates and durations: the
 * system's (g_get_monotonic_time()), or one a test pins and moves on (0
 * follows the system again). Safe from any thread. */
gint64    mml_clock_get_monotonic     (MmlClock    *self);
void      mml_clock_set_monotonic     (MmlClock    *self,
                                       gint64       usec);

gboolean  mml_clock_parse_date        (const char  *text,
                                       int         *year,
                                       int         *month,
                                       int         *day);

G_END_DECLS
