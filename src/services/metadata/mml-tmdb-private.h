/* mml-tmdb-private.h — shared by the TMDB client's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-tmdb.h"

G_BEGIN_DECLS

/* Answers rarely change within the hour; revalidated by ETag when sent. */
#define TMDB_TTL_SECONDS 3600
/* what /tv/ID asks for besides the series, for get_series and lookup alike
 * (one cache entry) */
#define SERIES_QUERY "append_to_response=external_ids%2Calternative_titles"
/* the same with the series' list of episode groups, for the DVD and
 * absolute orders only (the aired order never asks for it) */
#define SERIES_GROUPS_QUERY SERIES_QUERY "%2Cepisode_groups"

/* /tv/changes and /search/tv allow pages 1..500 */
#define TMDB_MAX_PAGE 500
/* no series has more; a bound against hostile answers */
#define TMDB_MAX_SEASONS 200

/* A new task for @self, or NULL when it has already failed for want of a
 * usable credential (MML_PROVIDER_ERROR_NO_KEY, or AUTH for a malformed one). */
GTask     *_mml_tmdb_start_task        (MmlTmdb             *self,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* GET base + @path + "?" + @query (already escaped) [+ language] with the
 * credential as query parameter or header. */
void       _mml_tmdb_fetch             (MmlTmdb             *self,
                                        const char          *path,
                                        const char          *query /* nullable */,
                                        gboolean             with_language,
                                        guint                ttl,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The JSON of a finished _mml_tmdb_fetch(), or NULL with the error: a TMDB
 * error body counts as an error; the credential never reaches a message. */
JsonNode  *_mml_tmdb_finish_json       (MmlTmdb             *self,
                                        GAsyncResult        *result,
                                        GError             **error);
gpointer   _mml_tmdb_propagate         (MmlProvider         *provider,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

/* the provider calls made of several requests (mml-tmdb-series.c) */
void           _mml_tmdb_get_series_async  (MmlProvider         *provider,
                                            gint64               id,
                                            MmlEpisodeOrder      order,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
MmlMetaSeries *_mml_tmdb_get_series_finish (MmlProvider         *provider,
                                            GAsyncResult        *result,
                                            GError             **error);
void           _mml_tmdb_updates_async     (MmlProvider         *provider,
                                            gint64               since,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GArray        *_mml_tmdb_updates_finish    (MmlProvider         *provider,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The DVD and absolute orders (mml-tmdb-groups.c): fetch series @id with
 * its episode groups, then the group of @order's type, and return the
 * series numbered by it on @task, which it takes. */
void           _mml_tmdb_get_series_by_group (GTask           *task,
                                              gint64           id,
                                              MmlEpisodeOrder  order);

/* One episode object of a season or an episode group (NULL when @node is
 * not an object), numbered as it aired; season 0 is a special.
 * @season_number: the season when the episode lacks its own. */
MmlMetaEpisode *_mml_tmdb_parse_episode  (JsonNode      *node,
                                          int            season_number,
                                          const char    *image_base);

/* Put the fetched seasons' episodes (@season_lists: GPtrArray of GPtrArray
 * of MmlMetaEpisode, one per season, any order) into @series->episodes in
 * airing order: regular episodes by season and number, each special before
 * the first regular episode that aired after it. When @complete (every
 * season listed was fetched) and each season is numbered 1..n without a
 * gap, the regular episodes also get absolute numbers 1..N in that order.
 * Fills the seasons' end dates and, when unknown, the series runtime. */
void     _mml_tmdb_assemble_episodes (MmlMetaSeries *series,
                                      GPtrArray     *season_lists,
                                      gboolean       complete);

/* /tv/changes: append the new ids of @node's "results" to @ids (@seen
 * dedupes) and set @total_pages (1..TMDB_MAX_PAGE). FALSE when @node is
 * not a page of changes. */
gboolean _mml_tmdb_parse_changes     (JsonNode      *node,
                                      GArray        *ids,
                                      GHashTable    *seen,
                                      guint         *total_pages);

/* The distinct season numbers (>= 0) of @series->seasons, ascending, at
 * most TMDB_MAX_SEASONS: GArray of int, never NULL. */
GArray  *_mml_tmdb_season_numbers    (MmlMetaSeries *series);

G_END_DECLS
