/* mml-library-private.h — what the read jobs of mml-library*.c and
 * mml-series-item.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-episode-rules.h"
#include "mml-library.h"
#include "mml-subtitle-private.h"

G_BEGIN_DECLS

/* Reads one read-only snapshot of the library: see _mml_library_read() */
typedef gboolean (*MmlLibraryReadFunc) (sqlite3  *db,
                                        gpointer  data,
                                        GError  **error);

/*
 * The columns of a series row, in the order _mml_series_item_new_from_row()
 * reads them, over the series "s", its root "r" and the per-series
 * aggregates of the one series query (mml-library.c): "f" (video files),
 * "e" (episodes), "m" (specials, missing and upcoming episodes), "w"
 * (watched episodes), "od" and "sd" (episodes on disk, and those of them
 * subbed in the first preferred language, bound to ":language"), "v" (the
 * viewing facts of the started series), and the episodes "lw" (the last
 * watched) and "un" (up next).
 */
#define MML_SERIES_ITEM_COLUMNS \
  "s.id, s.root_id, r.path, s.title, s.year, s.folder, " \
  "s.match_state, s.provider, s.tvmaze_id, s.tvdb_id, s.tmdb_id, s.imdb_id, s.episode_order, " \
  "s.poster_url, s.status, s.network, s.country, s.language, s.overview, s.genres, s.meta_error, " \
  "s.added_at, s.refreshed_at, " \
  "coalesce (e.seasons, 0), coalesce (e.episodes, 0), " \
  "coalesce (e.episodes, 0) - coalesce (m.specials, 0), " \
  "coalesce (f.n, 0), coalesce (f.missing, 0), f.languages, " \
  "coalesce (m.missing, 0), coalesce (m.upcoming, 0), m.next_air, coalesce (w.watched, 0), " \
  "CASE WHEN coalesce (f.missing, 0) = 0 THEN coalesce (e.linked, 0) ELSE coalesce (od.on_disk, 0) END, " \
  "coalesce (sd.subbed, 0), s.subtitles_override, :language, " \
  "s.watch_status, coalesce (v.counted, 0), coalesce (v.counted_watched, 0), v.last_at, v.first_left, :now, " \
  "lw.id, lw.season, lw.number, lw.absolute, lw.title, " \
  "(SELECT " MML_EPISODE_LOCAL_DATE " FROM episodes e WHERE e.id = lw.id), lw.watched_at, " \
  "un.id, un.season, un.number, un.absolute, un.title, " \
  "(SELECT " MML_EPISODE_LOCAL_DATE " FROM episodes e WHERE e.id = un.id), " \
  "(SELECT " MML_EPISODE_HAS_FILE " FROM episodes e WHERE e.id = un.id), " \
  "coalesce (f.size, 0)"

MmlSeriesItem *_mml_series_item_new_from_row    (sqlite3_stmt        *stmt);

/* The videos with a subtitle track that makes their episodes subbed in
 * ":language" (MML_SUBTITLE_TRACK_COUNTS), each once, found through the
 * language index: the range takes ":language" and its regions ("pt",
 * "pt-br"), codes being stored lower case. For the series query and the
 * totals, which count from these instead of probing every episode. */
#define MML_SUBBED_VIDEOS \
  "SELECT DISTINCT sub.video_id FROM subtitles sub " \
  "WHERE sub.language >= :language AND sub.language < :language || '.' " \
  "  AND " MML_SUBTITLE_TRACK_COUNTS

/* Which series _mml_library_list_series() reads */
typedef enum {
  MML_SERIES_PICK_SHOWN,     /* those the library shows: see VISIBLE_SERIES */
  MML_SERIES_PICK_ALL,       /* every row */
  MML_SERIES_PICK_ONE,       /* the row @series_id, whatever it holds */
  MML_SERIES_PICK_MATCHED,   /* the matched (auto, manual) rows whose id at
                              * @provider is one of @ids */
} MmlSeriesPickKind;

typedef struct
{
  MmlSeriesPickKind  kind;
  gint64             series_id;   /* ONE */
  MmlMetaProvider    provider;    /* MATCHED */
  const gint64      *ids;         /* MATCHED */
  guint              n_ids;
} MmlSeriesPick;

GPtrArray     *_mml_library_list_series         (MmlStore            *store,
                                                 sqlite3             *db,
                                                 const MmlSeriesPick *pick,
                                                 GError             **error);

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
/* The episodes on disk and those of them subbed in @language, the
 * series the user set to "with" left out (mml-library-totals.c) */
gboolean       _mml_library_count_subbed        (sqlite3             *db,
                                                 const char          *language,
                                                 guint               *on_disk,
                                                 guint               *subbed,
                                                 GError             **error);
gboolean       _mml_library_read                (sqlite3             *db,
                                                 MmlLibraryReadFunc   read_func,
                                                 gpointer             data,
                                                 GError             **error);

G_END_DECLS
