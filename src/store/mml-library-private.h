/* mml-library-private.h — what the read jobs of mml-library*.c and
 * mml-series-item.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-episode-rules.h"
#include "mml-library.h"

G_BEGIN_DECLS

/* Reads one read-only snapshot of the library: see _mml_library_read() */
typedef gboolean (*MmlLibraryReadFunc) (sqlite3  *db,
                                        gpointer  data,
                                        GError  **error);

/* Columns of _mml_series_item_set_meta(), from "first" on */
#define MML_LIBRARY_ITEM_META_COLUMNS \
  "s.match_state, s.poster_url, s.status, s.network, s.language, s.added_at"

MmlSeriesItem *_mml_series_item_new_from_row    (sqlite3_stmt        *stmt);
void           _mml_series_item_set_meta        (MmlSeriesItem       *self,
                                                 sqlite3_stmt        *stmt,
                                                 int                  first);
void           _mml_series_item_set_episode_counts (MmlSeriesItem    *self,
                                                 guint                n_missing,
                                                 guint                n_upcoming);
void           _mml_series_item_set_n_watched   (MmlSeriesItem       *self,
                                                 guint                n_watched);
void           _mml_series_item_set_counts      (MmlSeriesItem       *self,
                                                 guint                n_seasons,
                                                 guint                n_episodes,
                                                 guint                n_files,
                                                 guint                n_missing_files,
                                                 const char          *languages);

char          *_mml_library_column_bytes        (sqlite3_stmt        *stmt,
                                                 int                  column);
int            _mml_library_column_int_or       (sqlite3_stmt        *stmt,
                                                 int                  column,
                                                 int                  fallback);
char          *_mml_library_column_text         (sqlite3_stmt        *stmt,
                                                 int                  column);
char          *_mml_library_column_utf8         (sqlite3_stmt        *stmt,
                                                 int                  column);
char          *_mml_library_normalise_languages (const char          *list);
sqlite3_stmt  *_mml_library_prepare_with_id     (sqlite3             *db,
                                                 const char          *sql,
                                                 gint64               id,
                                                 GError             **error);
gboolean       _mml_library_rows_done           (sqlite3             *db,
                                                 int                  rc,
                                                 GError             **error);
gboolean       _mml_library_read                (sqlite3             *db,
                                                 MmlLibraryReadFunc   read_func,
                                                 gpointer             data,
                                                 GError             **error);

G_END_DECLS
