/* mml-subtitle-store.h — subtitles in the library database: the tracks of
 * each video, the status of each series, the user's overrides, and the
 * preferences the CLI and the GUI share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"
#include "mml-subtitles.h"

G_BEGIN_DECLS

/* Keys of the preferences table */
#define MML_PREF_SUBTITLE_LANGUAGES  "subtitles.languages"     /* "he en" */
#define MML_PREF_SUBTITLE_CODE_STYLE "subtitles.code-style"    /* "639-2" (default) or "639-1" */
#define MML_PREF_SUBTITLE_FIX_RTL    "subtitles.fix-rtl"       /* "1": RTL punctuation fixed on download; off by default */
#define MML_PREF_SUBTITLE_QUOTA_LEFT "opensubtitles.remaining" /* downloads left, as last told */
#define MML_PREF_SUBTITLE_QUOTA_RESET "opensubtitles.reset-at" /* unix seconds UTC */
#define MML_PREF_SUBTITLE_QUOTA_STOP "opensubtitles.stopped-until" /* after a 406: no download before */

/* One subtitle track of a video: the series page and `subtitles list`
 * read them the same way (mml-subtitle-private.h). */
typedef struct
{
  gint64    id;                /* subtitles.id */
  gint64    file_id;           /* the sidecar's file row; 0 when embedded */
  char     *language;          /* canonical code ("he", "pt-br"); "und" when unknown */
  gboolean  forced;
  gboolean  hearing_impaired;
  gboolean  embedded;
  char     *codec;             /* nullable */
  char     *title;             /* nullable: an embedded track's name */
  char     *path;              /* sidecar: relative to the root, raw bytes; NULL when embedded */
  char     *encoding;          /* nullable: not read yet */
} MmlSubtitleTrack;

void              mml_subtitle_track_free          (MmlSubtitleTrack        *track);

/* A video of a series with its tracks. */
typedef struct
{
  gint64     file_id;
  gint64     root_id;
  char      *path;             /* relative to the root */
  int        season;           /* -1: none */
  char      *episodes;         /* JSON array, as the scanner wrote it */
  GPtrArray *tracks;           /* of MmlSubtitleTrack */
} MmlSubtitleVideo;

/* The subtitle status of one series. */
typedef struct
{
  gint64             series_id;
  char              *title;
  MmlSubtitleStatus  status;        /* the override when there is one, else derived */
  gboolean           has_override;
  MmlSubtitleStatus  override;
  guint              episodes;      /* with a file on disk */
  guint              subbed;        /* of those, subbed in the first preferred language */
  char             **languages;     /* languages of the tracks it has, sorted */
} MmlSubtitleSeriesStatus;

void              mml_subtitle_video_free          (MmlSubtitleVideo        *video);
void              mml_subtitle_series_status_free  (MmlSubtitleSeriesStatus *status);

/* Preferences (NULL value: unset) */
void      mml_store_get_preference_async   (MmlStore            *self,
                                            const char          *key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char     *mml_store_get_preference_finish  (MmlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void      mml_store_set_preference_async   (MmlStore            *self,
                                            const char          *key,
                                            const char          *value,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  mml_store_set_preference_finish  (MmlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* On the writer thread, inside a job: (nullable) the value */
char     *_mml_store_read_preference       (sqlite3             *db,
                                            const char          *key,
                                            GError             **error);

/* Preferred languages, most preferred first: the stored ones, else the
 * default of mml_subtitle_default_languages(). (transfer full) */
void      mml_store_get_subtitle_languages_async  (MmlStore            *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char    **mml_store_get_subtitle_languages_finish (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Status of one series (@series_id) or of every series (0), by title.
 * Fails with G_IO_ERROR_NOT_FOUND when @series_id is not in the library.
 * Returns (element-type MmlSubtitleSeriesStatus). */
void       mml_store_subtitle_status_async   (MmlStore            *self,
                                              gint64               series_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *mml_store_subtitle_status_finish  (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The videos of a series on disk (present, or on a root that is away),
 * each with its tracks; by season and path. G_IO_ERROR_NOT_FOUND for an
 * unknown series. Returns (element-type MmlSubtitleVideo). */
void       mml_store_subtitle_list_async     (MmlStore            *self,
                                              gint64               series_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *mml_store_subtitle_list_finish    (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Sets (@has_override) or clears a series' status override.
 * G_IO_ERROR_NOT_FOUND for an unknown series. */
void       mml_store_set_subtitle_override_async  (MmlStore            *self,
                                                   gint64               series_id,
                                                   gboolean             has_override,
                                                   MmlSubtitleStatus    status,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean   mml_store_set_subtitle_override_finish (MmlStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleVideo, mml_subtitle_video_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleSeriesStatus, mml_subtitle_series_status_free)

G_END_DECLS
