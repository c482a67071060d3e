/* mml-series-folder.h — what a series folder's name says: title, year, ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   title[256];
  int    year;           /* 0: none */
  gint64 tvdb_id;        /* 0: none */
  gint64 tmdb_id;
  gint64 tvmaze_id;
  char   imdb_id[24];    /* "": none */
} MmlSeriesFolder;

void        mml_series_folder_parse      (const char      *name,
                                          gssize           len,
                                          MmlSeriesFolder *out);
const char *mml_series_folder_sort_title (const char      *title);

#define MML_SERIES_FOLDER_ERROR (mml_series_folder_error_quark ())

typedef enum {
  MML_SERIES_FOLDER_ERROR_EMPTY,
  MML_SERIES_FOLDER_ERROR_SEPARATOR,   /* "/" or "\\": more than one folder */
  MML_SERIES_FOLDER_ERROR_PARENT,      /* ".." */
  MML_SERIES_FOLDER_ERROR_HIDDEN,      /* starts with a dot: the scan skips it */
} MmlSeriesFolderError;

GQuark      mml_series_folder_error_quark (void);
/* Whether @name (UTF-8) can be a series folder the scan will find */
gboolean    mml_series_folder_check_name (const char      *name,
                                          GError         **error);
/* "Title (Year)", made safe as one folder name */
char       *mml_series_folder_suggest    (const char      *title,
                                          int              year);

G_END_DECLS
