/* mml-subtitles-controller.h — subtitles of the library: preferred
 * languages, the status of each series, the tracks of each video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-subtitle-store.h"
#include "mml-subtitles.h"

G_BEGIN_DECLS

#define MML_TYPE_SUBTITLES_CONTROLLER (mml_subtitles_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlSubtitlesController, mml_subtitles_controller, MML, SUBTITLES_CONTROLLER, GObject)

/* Preferred languages, most preferred first (canonical codes). */
void       mml_subtitles_controller_get_languages_async  (MmlSubtitlesController *self,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
char     **mml_subtitles_controller_get_languages_finish (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);
/* @words: what a user typed, each normalised ("heb" → "he"); an unknown
 * word fails with G_IO_ERROR_INVALID_ARGUMENT and changes nothing. An
 * empty list goes back to the default. Emits "changed" on success. */
void       mml_subtitles_controller_set_languages_async  (MmlSubtitlesController *self,
                                                          const char * const     *words,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
char     **mml_subtitles_controller_set_languages_finish (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);

/* One series, or all (0): (element-type MmlSubtitleSeriesStatus) */
void       mml_subtitles_controller_status_async         (MmlSubtitlesController *self,
                                                          gint64                  series_id,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
GPtrArray *mml_subtitles_controller_status_finish        (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);
/* (element-type MmlSubtitleVideo) */
void       mml_subtitles_controller_list_async           (MmlSubtitlesController *self,
                                                          gint64                  series_id,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
GPtrArray *mml_subtitles_controller_list_finish          (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);
/* Emits "changed" on success. */
void       mml_subtitles_controller_set_override_async   (MmlSubtitlesController *self,
                                                          gint64                  series_id,
                                                          gboolean                has_override,
                                                          MmlSubtitleStatus       status,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
gboolean   mml_subtitles_controller_set_override_finish  (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);

G_END_DECLS
