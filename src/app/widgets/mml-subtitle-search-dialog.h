/* mml-subtitle-search-dialog.h — "Find Subtitles" for one video file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_SUBTITLE_SEARCH_DIALOG (mml_subtitle_search_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlSubtitleSearchDialog, mml_subtitle_search_dialog, MML, SUBTITLE_SEARCH_DIALOG, AdwWindow)

/* @toast_target: a widget of the view that shows "Subtitle saved" when
 * the dialog is gone (the series page) */
MmlSubtitleSearchDialog *mml_subtitle_search_dialog_new (MmlEngine  *engine,
                                                         gint64      video_file_id,
                                                         const char *file_name,
                                                         GtkWidget  *toast_target);

/* For tests */
const char      *mml_subtitle_search_dialog_get_state        (MmlSubtitleSearchDialog *self);
guint            mml_subtitle_search_dialog_get_n_candidates (MmlSubtitleSearchDialog *self);
GtkWidget       *mml_subtitle_search_dialog_get_row          (MmlSubtitleSearchDialog *self,
                                                              guint                    index);
const char      *mml_subtitle_search_dialog_get_language     (MmlSubtitleSearchDialog *self);
void             mml_subtitle_search_dialog_set_language     (MmlSubtitleSearchDialog *self,
                                                              const char              *code);
/* the "Replace?" question shown, or NULL */
AdwMessageDialog *mml_subtitle_search_dialog_get_question    (MmlSubtitleSearchDialog *self);
/* the last download: the file written, its batch (0 before) */
const char      *mml_subtitle_search_dialog_get_saved_path   (MmlSubtitleSearchDialog *self);
gint64           mml_subtitle_search_dialog_get_saved_batch  (MmlSubtitleSearchDialog *self);

G_END_DECLS
