/* mml-subtitle-targets.h — what the subtitle jobs work on: videos that may
 * need a subtitle (fetch, search) and the sidecars on disk (convert,
 * rename), with the paths and ids those jobs need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

/* A video to find subtitles for */
typedef struct
{
  gint64  file_id;
  gint64  root_id;
  gint64  series_id;
  char   *path;          /* absolute */
  char   *series_title;  /* nullable */
  char   *imdb_id;       /* nullable: "tt0903747" */
  gint64  tmdb_id;       /* 0: none */
  int     season;        /* -1: none */
  int     episode;       /* the first episode of the file; -1: none */
  gboolean has_language; /* it has a track that counts in the language asked */
} MmlSubtitleTarget;

/* A sidecar subtitle file */
typedef struct
{
  gint64    file_id;
  gint64    video_id;
  gint64    root_id;
  char     *path;        /* absolute */
  char     *video_path;  /* absolute */
  char     *language;    /* canonical, "und" when unknown */
  gboolean  forced;
  gboolean  hearing_impaired;
  char     *encoding;    /* nullable: not known */
} MmlSidecar;

void mml_subtitle_target_free (MmlSubtitleTarget *target);
void mml_sidecar_free         (MmlSidecar        *sidecar);

/*
 * Videos on disk (present) to find subtitles for: of one file
 * (@file_id), one series (@series_id) or the whole library (both 0), by
 * series and path; @language (canonical) sets has_language, and
 * @missing_only keeps only those without it. G_IO_ERROR_NOT_FOUND for
 * an unknown file or series. (element-type MmlSubtitleTarget)
 */
void       mml_store_subtitle_targets_async  (MmlStore            *self,
                                              gint64               series_id,
                                              gint64               file_id,
                                              const char          *language,
                                              gboolean             missing_only,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *mml_store_subtitle_targets_finish (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Sidecars present on disk, of every root, by path; @language
 * (nullable) keeps one language. (element-type MmlSidecar) */
void       mml_store_sidecars_async          (MmlStore            *self,
                                              const char          *language,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *mml_store_sidecars_finish         (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Records what a sidecar's text is in ("UTF-8", "windows-1255"…) */
void       mml_store_set_sidecar_encoding_async  (MmlStore            *self,
                                                  gint64               file_id,
                                                  const char          *encoding,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean   mml_store_set_sidecar_encoding_finish (MmlStore            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleTarget, mml_subtitle_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSidecar, mml_sidecar_free)

G_END_DECLS
