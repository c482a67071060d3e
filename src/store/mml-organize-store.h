/* mml-organize-store.h — what the organiser reads and writes: the videos
 * of a selection with everything their names are made of, the naming
 * templates saved in the preferences, the seasons a series' folders are
 * made for, and the file and series rows that follow a rename
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"
#include "mml-types.h"

G_BEGIN_DECLS

/* Keys of the preferences table: the naming templates and styles, one per
 * key of a template file (mml-naming.h): "naming.series", "naming.season",
 * "naming.specials", "naming.standard", "naming.daily", "naming.anime",
 * "naming.multi", "naming.colon" */
#define MML_PREF_NAMING_PREFIX "naming."

/* A subtitle file the store links to a video (one allocation with its
 * path: mml_organize_video_add_subtitle ()) */
typedef struct
{
  gint64  file_id;
  char   *path;            /* relative to the root */
} MmlOrganizeSidecar;

/* One video of a selection. Its strings are part of its allocation
 * (mml_organize_video_new ()): read them, never replace them. */
typedef struct
{
  gint64       file_id;
  gint64       root_id;
  char        *root_path;       /* absolute */
  MmlRootKind  root_kind;
  char        *path;            /* relative to the root */
  gint64       size;
  guint64      device;
  gint64       series_id;       /* 0: none */
  char        *series_title;    /* nullable */
  int          series_year;     /* 0: unknown */
  char        *series_folder;   /* relative to the root; NULL: loose files */
  int          season;          /* -1: none */
  GArray      *episodes;        /* int, sorted */
  GArray      *absolute;        /* int, sorted */
  char        *air_date;        /* "YYYY-MM-DD", nullable */
  GPtrArray   *episode_titles;  /* char *, one per episode of the store (may be empty) */
  char        *release_group;
  int          resolution;      /* 0: unknown */
  GPtrArray   *subtitles;       /* MmlOrganizeSidecar */
} MmlOrganizeVideo;

/* A video with these strings (nullable but for the paths), no numbers
 * (season -1) and empty arrays */
MmlOrganizeVideo *mml_organize_video_new  (const char       *root_path,
                                           const char       *path,
                                           const char       *series_title,
                                           const char       *series_folder,
                                           const char       *air_date,
                                           const char       *release_group);
void        mml_organize_video_add_subtitle (MmlOrganizeVideo *video,
                                           gint64            file_id,
                                           const char       *path);
void        mml_organize_video_free        (MmlOrganizeVideo *video);

/* The present videos of a series (@series_id), a root (@root_id) or the
 * library (both 0), by root and path. An unknown series or root is
 * G_IO_ERROR_NOT_FOUND. (element-type MmlOrganizeVideo) */
void        mml_store_organize_videos_async  (MmlStore            *self,
                                              gint64               series_id,
                                              gint64               root_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *mml_store_organize_videos_finish (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The naming preferences as a template file (mml_naming_config_parse_file()
 * reads it): "key=value" lines, "" when none is saved */
void        mml_store_naming_file_async      (MmlStore            *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char       *mml_store_naming_file_finish     (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* What the folders of a series are made of, and its seasons that have
 * aired (by the store's clock), sorted */
typedef struct
{
  gint64       series_id;
  char        *root_path;
  MmlRootKind  root_kind;
  char        *title;
  int          year;
  char        *folder;          /* nullable */
  GArray      *seasons;         /* int */
} MmlOrganizeSeries;

void        mml_organize_series_free         (MmlOrganizeSeries *series);

void        mml_store_organize_series_async  (MmlStore            *self,
                                              gint64               series_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MmlOrganizeSeries *mml_store_organize_series_finish (MmlStore       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Renames the rows of files that moved (absolute paths, in the order they
 * moved; element-type utf8 pairs: from, to, from, to …), so they keep
 * their ids; a series whose files left its folder for another top folder
 * of the same root follows them there (when no series has that folder).
 * Returns the ids of the roots touched (element-type gint64). */
void        mml_store_organize_follow_async  (MmlStore            *self,
                                              GPtrArray           *moves,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GArray     *mml_store_organize_follow_finish (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlOrganizeVideo, mml_organize_video_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlOrganizeSeries, mml_organize_series_free)

G_END_DECLS
