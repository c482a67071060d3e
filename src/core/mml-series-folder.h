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

G_END_DECLS
