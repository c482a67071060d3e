/* mml-notifier.h — desktop notifications of what the engine did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_NOTIFIER (mml_notifier_get_type ())

G_DECLARE_FINAL_TYPE (MmlNotifier, mml_notifier, MML, NOTIFIER, GObject)

/* Notification ids, one per kind: a newer one of a kind replaces it */
#define MML_NOTIFY_NEW_EPISODES "new-episodes"
#define MML_NOTIFY_JOB_FAILED   "job-failed"
#define MML_NOTIFY_SUBTITLES        "subtitles"
#define MML_NOTIFY_WATCH_CONFLICTS  "watch-conflicts"
#define MML_NOTIFY_SUBTITLE_QUOTA   "subtitle-quota"
#define MML_NOTIFY_AIRING_TODAY     "airing-today"
#define MML_NOTIFY_MOVE_RULE        "move-rule"

MmlNotifier *mml_notifier_new            (GApplication *application,
                                          MmlEngine    *engine,
                                          GSettings    *settings);
/* for tests: the new episodes waiting for the next notification */
guint        mml_notifier_get_n_pending  (MmlNotifier  *self);
/* for tests: the least time between two notifications of a kind */
void         mml_notifier_set_min_gap_ms (MmlNotifier  *self,
                                          guint         ms);
/* New episodes found since the last reset, told or not ("notify::n-found") */
guint        mml_notifier_get_n_found    (MmlNotifier  *self);
void         mml_notifier_reset_found    (MmlNotifier  *self);
/* Looks for episodes airing today now (it does so by itself when the
 * library is read and every hour) */
void         mml_notifier_check_airing   (MmlNotifier  *self);

G_END_DECLS
