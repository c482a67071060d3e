/* mml-subtitles-controller.h — subtitles of the library: preferred
 * languages, the status of each series, the tracks of each video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-opensubtitles.h"
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

/* --- finding and downloading (OpenSubtitles) ---------------------------- */

/* What a fetch did */
typedef struct
{
  guint    downloaded;
  guint    skipped;           /* nothing good enough found, or a file already there */
  guint    failed;
  int      quota_left;        /* downloads left today; -1: not known */
  gint64   reset_at;          /* when the quota resets, unix seconds UTC; 0: not known */
  gboolean stopped_by_quota;  /* it stopped because no download is left */
  gint64   batch;             /* the journal batch of the files it wrote; 0: none */
} MmlSubtitleFetchSummary;

/* Candidates for one video file (@file_id), best first, in @language
 * (NULL: the preferred languages). (element-type MmlSubtitleCandidate) */
void       mml_subtitles_controller_search_async  (MmlSubtitlesController *self,
                                                   gint64                  file_id,
                                                   const char             *language,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
GPtrArray *mml_subtitles_controller_search_finish (MmlSubtitlesController *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);

/* Downloads subtitles in @language (NULL: the first preferred) for the
 * videos of a series (@series_id) or of the library (0) that have none,
 * taking a candidate only when it is a hash match or a trusted exact
 * episode match. Saved beside the video as <video>.<code>[.forced|.sdh].srt
 * in UTF-8, through the journal, never over a file. Stops at the quota and
 * remembers until when (in the store), sending nothing before then.
 * Emits "progress". */
void       mml_subtitles_controller_fetch_async   (MmlSubtitlesController *self,
                                                   gint64                  series_id,
                                                   const char             *language,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
gboolean   mml_subtitles_controller_fetch_finish  (MmlSubtitlesController *self,
                                                   GAsyncResult           *result,
                                                   MmlSubtitleFetchSummary *summary,
                                                   GError                **error);

/* --- sidecars on disk ----------------------------------------------------- */

/* One file a conversion or a rename touches (or would touch) */
typedef struct
{
  char     *from;             /* absolute */
  char     *to;               /* absolute; the same for a conversion */
  char     *encoding;         /* the text's encoding before; nullable */
  char     *problem;          /* why it is left alone; NULL when done (or to do) */
} MmlSubtitleChange;

void       mml_subtitle_change_free (MmlSubtitleChange *change);

/* Converts sidecars whose text is not UTF-8 to UTF-8, in place: @path
 * one file, NULL every sidecar of the library. The originals go to the
 * trash through the journal (undoable). @dry_run: only say what would
 * change. (element-type MmlSubtitleChange): the files not in UTF-8. */
void       mml_subtitles_controller_convert_async        (MmlSubtitlesController *self,
                                                          const char             *path,
                                                          gboolean                dry_run,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
GPtrArray *mml_subtitles_controller_convert_finish       (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          gint64                 *batch,
                                                          GError                **error);
/* Renames Hebrew sidecars named otherwise (.he, .iw, .hebrew…) to the
 * app's own name (.heb by default), through the journal, never over a
 * file. (element-type MmlSubtitleChange) */
void       mml_subtitles_controller_rename_hebrew_async  (MmlSubtitlesController *self,
                                                          gboolean                dry_run,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
GPtrArray *mml_subtitles_controller_rename_hebrew_finish (MmlSubtitlesController *self,
                                                          GAsyncResult           *result,
                                                          gint64                 *batch,
                                                          GError                **error);

G_END_DECLS
