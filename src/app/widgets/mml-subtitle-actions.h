/* mml-subtitle-actions.h — what the views share to download subtitles:
 * the toasts that say what happened, with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-subtitles-controller.h"

G_BEGIN_DECLS

/* A toast "@title" with Undo (the journal batch @batch) in the view
 * holding @within */
void  mml_subtitle_toast_saved        (GtkWidget                     *within,
                                       MmlEngine                     *engine,
                                       const char                    *title,
                                       gint64                         batch);
/* Fetches missing subtitles in the first preferred language for a series
 * (@series_id) or the library (0): a toast follows the progress, then
 * says what was done ("3 downloaded, 1 skipped") or when the quota
 * resets. */
void  mml_subtitle_fetch_missing      (GtkWidget                     *within,
                                       MmlEngine                     *engine,
                                       gint64                         series_id);
/* What a fetch did, in a sentence */
char *mml_subtitle_fetch_summary_text (const MmlSubtitleFetchSummary *summary);
/* "01:00": @reset_at (unix seconds UTC) in local time */
char *mml_subtitle_quota_reset_text   (gint64                         reset_at);

G_END_DECLS
