/* mml-server-store-private.h — what the server store's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-server-store.h"

G_BEGIN_DECLS

char     *_mml_server_column_dup (sqlite3_stmt *stmt,
                                  int           col);
/* TRUE when server @id exists; else G_IO_ERROR_NOT_FOUND "There is no server N" */
gboolean  _mml_server_exists     (sqlite3      *db,
                                  gint64        id,
                                  GError      **error);

/* The statements a sync, a resolution or a webhook share: each piece of
 * their SQL is written once, in mml-server-sync.c */
typedef struct
{
  sqlite3_stmt *by_tvdb;
  sqlite3_stmt *by_tmdb;
  sqlite3_stmt *by_imdb;
  sqlite3_stmt *by_folder;
  sqlite3_stmt *known_series;
  sqlite3_stmt *put_series;
  sqlite3_stmt *open_match;
  sqlite3_stmt *add_conflict;
  sqlite3_stmt *close_conflict;
  sqlite3_stmt *by_file;
  sqlite3_stmt *by_number;
  sqlite3_stmt *local;
  sqlite3_stmt *baseline;
  sqlite3_stmt *put_baseline;
  sqlite3_stmt *ensure_row;
  sqlite3_stmt *set_conflict;
  sqlite3_stmt *pull;
} Statements;

/* Steps @stmt (bound) once and resets it; FALSE with the error on failure */
gboolean  _mml_server_step                (sqlite3              *db,
                                           sqlite3_stmt         *stmt,
                                           GError              **error);
gboolean  _mml_server_statements_prepare  (sqlite3              *db,
                                           Statements           *s,
                                           GError              **error);
void      _mml_server_statements_clear    (Statements           *s);
/* The library's state of @episode_id, and (@prefer nullable) what its
 * series prefers in a watch conflict */
gboolean  _mml_server_read_local          (sqlite3              *db,
                                           Statements           *s,
                                           gint64                episode_id,
                                           MmlWatchState        *local,
                                           MmlWatchPrefer       *prefer,
                                           GError              **error);
/* FALSE when (item, episode) has no baseline; @conflict: its open watch conflict, 0: none */
gboolean  _mml_server_read_baseline       (Statements           *s,
                                           gint64                server_id,
                                           const char           *item_id,
                                           gint64                episode_id,
                                           MmlWatchState        *base,
                                           gint64               *conflict);
gboolean  _mml_server_put_baseline        (sqlite3              *db,
                                           Statements           *s,
                                           gint64                server_id,
                                           const char           *item_id,
                                           gint64                episode_id,
                                           const MmlWatchState  *state,
                                           GError              **error);
/* The library takes @state for @episode_id; @source: episodes.watched_source */
gboolean  _mml_server_pull                (sqlite3              *db,
                                           Statements           *s,
                                           gint64                episode_id,
                                           const MmlWatchState  *state,
                                           const char           *source,
                                           GError              **error);
gboolean  _mml_server_open_watch_conflict (sqlite3              *db,
                                           Statements           *s,
                                           gint64                server_id,
                                           const char           *item_id,
                                           gint64                episode_id,
                                           const MmlWatchState  *local,
                                           const MmlWatchState  *server,
                                           const char           *reason,
                                           gint64                now,
                                           GError              **error);

G_END_DECLS
