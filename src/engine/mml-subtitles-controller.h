/* mml-subtitles-controller.h — subtitles of the library: preferred
 * languages, the status of each series, the tracks of each video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-opensubtitles.h"
#include "mml-subtitle-name.h"
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

/* --- one subtitle the user chose ----------------------------------------- */

/* Downloads @candidate (from mml_subtitles_controller_search_async()) for
 * video @video_file_id and saves it beside the video as
 * <video>.<code>[.forced|.sdh].srt in UTF-8, through the journal. When a
 * file of that name is there, fails with G_IO_ERROR_EXISTS before any
 * download, unless @replace: then the old file goes to the trash (undone
 * with the batch). Keeps the quota as a fetch does, refuses at once while
 * the quota is used up (MML_OPENSUBTITLES_ERROR_QUOTA), rescans the root
 * and emits "changed". */
void       mml_subtitles_controller_download_async  (MmlSubtitlesController *self,
                                                     gint64                  video_file_id,
                                                     MmlSubtitleCandidate   *candidate,
                                                     gboolean                replace,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
/* @batch: the journal batch (for undo); @path: (out) (optional) the file
 * written, absolute */
gboolean   mml_subtitles_controller_download_finish (MmlSubtitlesController *self,
                                                     GAsyncResult           *result,
                                                     gint64                 *batch,
                                                     char                  **path,
                                                     GError                **error);
/* Undoes journal batch @batch (a download, a conversion, a rename):
 * written files go to the trash, trashed ones come back. Rescans the
 * library and emits "changed". */
void       mml_subtitles_controller_undo_async      (MmlSubtitlesController *self,
                                                     gint64                  batch,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean   mml_subtitles_controller_undo_finish     (MmlSubtitlesController *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

/* --- the account, the quota, the file names -------------------------------- */

/* The download quota as last told by the service (kept in the store) */
typedef struct
{
  int      left;            /* downloads left; -1: not known */
  gint64   reset_at;        /* unix seconds UTC; 0: not known */
  gint64   stopped_until;   /* after a 406, no download before this; 0: none */
} MmlSubtitleQuotaState;

void       mml_subtitles_controller_get_quota_async  (MmlSubtitlesController *self,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean   mml_subtitles_controller_get_quota_finish (MmlSubtitlesController *self,
                                                      GAsyncResult           *result,
                                                      MmlSubtitleQuotaState  *quota,
                                                      GError                **error);

/* What the keyring (or the $MML_OPENSUBTITLES_* variables) holds of the
 * account, never the secrets themselves */
typedef struct
{
  gboolean  has_api_key;
  gboolean  api_key_from_env;   /* $MML_OPENSUBTITLES_API_KEY wins over the keyring */
  char     *username;           /* nullable */
  gboolean  has_password;
} MmlSubtitleAccountState;

void       mml_subtitle_account_state_free (MmlSubtitleAccountState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleAccountState, mml_subtitle_account_state_free)

/* Fails with an MML_SECRETS_ERROR when no keyring can be read and no
 * variable gives the key */
void                     mml_subtitles_controller_read_account_async  (MmlSubtitlesController *self,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MmlSubtitleAccountState *mml_subtitles_controller_read_account_finish (MmlSubtitlesController *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

/* Saves one field of the OpenSubtitles account in the keyring ("api-key",
 * "user", "password"; NULL or "" clears it). Fails when no keyring can
 * keep it: nothing is saved then. */
void       mml_subtitles_controller_save_account_async  (MmlSubtitlesController *self,
                                                         const char             *field,
                                                         const char             *value,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
gboolean   mml_subtitles_controller_save_account_finish (MmlSubtitlesController *self,
                                                         GAsyncResult           *result,
                                                         GError                **error);
/* Signs in and reads the account (level, downloads left) with the fields
 * given, each NULL or "" for the saved one, on a client of its own. The
 * downloads left are kept as the quota. */
void                mml_subtitles_controller_test_account_async  (MmlSubtitlesController *self,
                                                                  const char             *api_key,
                                                                  const char             *username,
                                                                  const char             *password,
                                                                  GCancellable           *cancellable,
                                                                  GAsyncReadyCallback     callback,
                                                                  gpointer                user_data);
MmlSubtitleAccount *mml_subtitles_controller_test_account_finish (MmlSubtitlesController *self,
                                                                  GAsyncResult           *result,
                                                                  GError                **error);

/* How saved subtitles name their language: ".heb" (ISO 639-2/B, the
 * default) or ".he" (ISO 639-1) */
void       mml_subtitles_controller_get_code_style_async  (MmlSubtitlesController *self,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
MmlSubtitleCodeStyle mml_subtitles_controller_get_code_style_finish (MmlSubtitlesController *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void       mml_subtitles_controller_set_code_style_async  (MmlSubtitlesController *self,
                                                           MmlSubtitleCodeStyle    style,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean   mml_subtitles_controller_set_code_style_finish (MmlSubtitlesController *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* Whether a downloaded subtitle's Hebrew and Arabic lines get their
 * punctuation moved to the logical end (mml_subtitle_fix_rtl_text());
 * off by default */
void       mml_subtitles_controller_get_fix_rtl_async     (MmlSubtitlesController *self,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean   mml_subtitles_controller_get_fix_rtl_finish    (MmlSubtitlesController *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
void       mml_subtitles_controller_set_fix_rtl_async     (MmlSubtitlesController *self,
                                                           gboolean                fix,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean   mml_subtitles_controller_set_fix_rtl_finish    (MmlSubtitlesController *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* --- sidecars on disk ----------------------------------------------------- */

/* One file a conversion or a rename touches (or would touch) */
typedef struct
{
  char     *from;             /* absolute */
  char     *to;               /* absolute; the same for a conversion */
  char     *encoding;         /* the text's encoding before; nullable */
  char     *problem;          /* why it is left alone; NULL when done (or to do) */
  /* an RTL punctuation fix: how many lines move, and the first as it was
   * and as it becomes (the preview); 0 and NULL otherwise */
  guint     lines;
  char     *before;
  char     *after;
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
/* Moves the punctuation of right-to-left lines (Hebrew, Arabic) to the
 * logical end, in SRT and WebVTT sidecars already on disk (the fix
 * downloads get when Settings say so): @path one file, NULL every such
 * sidecar. The originals go to the trash through the journal (undoable).
 * @dry_run: only say what would change, with a line before and after.
 * (element-type MmlSubtitleChange): the files with lines to fix. */
void       mml_subtitles_controller_fix_rtl_files_async  (MmlSubtitlesController *self,
                                                          const char             *path,
                                                          gboolean                dry_run,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
GPtrArray *mml_subtitles_controller_fix_rtl_files_finish (MmlSubtitlesController *self,
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
