/* mml-tvdb-private.h — shared by the TheTVDB client's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-tvdb.h"

G_BEGIN_DECLS

struct _MmlTvdb
{
  GObject  parent_instance;

  MmlHttp *http;
  char    *base_url;     /* no trailing slash */
  char    *api_key;      /* NULL: none */
  char    *pin;          /* NULL: none */
  char    *token;        /* in memory only; NULL: log in first */
  guint    generation;   /* bumped whenever the credentials change */
  gboolean logging_in;
  GQueue   waiters;      /* GTasks (owned) of calls waiting for that login */
};

/* mml-tvdb-session.c */

/* GET base + @path with the token (logging in first when there is none,
 * and once more after a 401) → the checked envelope: a JSON object with a
 * "data" member. A failure envelope is an error. */
void        _mml_tvdb_call_async        (MmlTvdb             *self,
                                         const char          *path,
                                         guint                ttl,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
JsonNode   *_mml_tvdb_call_finish       (MmlTvdb             *self,
                                         GAsyncResult        *result,
                                         GError             **error);
/* the "data" member of a checked envelope (transfer none) */
JsonNode   *_mml_tvdb_data              (JsonNode            *root);
/* POST /login now, whatever token there is; keeps the new token */
void        _mml_tvdb_fresh_login_async (MmlTvdb             *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    _mml_tvdb_fresh_login_finish (MmlTvdb            *self,
                                         GAsyncResult        *result,
                                         GError             **error);
gboolean    _mml_tvdb_has_key           (MmlTvdb             *self);
void        _mml_tvdb_clear_secrets     (MmlTvdb             *self);
/* overwrite, then free */
void        _mml_tvdb_wipe_string       (char                *text);

/* mml-tvdb-parse.c */

/* The episodes of one page of /series/ID/episodes/TYPE appended to
 * @episodes; the number of entries the page had (parsable or not). */
guint       _mml_tvdb_parse_episodes (JsonArray *array,
                                      GPtrArray *episodes);
/* Fill in the seasons' episode counts and first/last air dates from the
 * episodes (TheTVDB's season records have neither). */
void        _mml_tvdb_complete_seasons (MmlMetaSeries *series);

G_END_DECLS
