/* mml-meta-store-private.h — the synchronous halves of the metadata store
 * jobs (writer thread only), shared with the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "mml-meta-store.h"

G_BEGIN_DECLS

gboolean _mml_meta_apply         (sqlite3              *db,
                                  gint64                series_id,
                                  MmlMetaSeries        *meta,
                                  MmlMatchState         state,
                                  MmlEpisodeOrder       order,
                                  MmlMetaWrite         *outcome,
                                  GError              **error);
gboolean _mml_meta_set_conflict  (sqlite3              *db,
                                  gint64                series_id,
                                  MmlMatchDecision      decision,
                                  GPtrArray            *candidates,
                                  const MmlMatchQuery  *query,
                                  const MmlDiskSummary *disk,
                                  MmlMetaWrite         *outcome,
                                  GError              **error);
gboolean _mml_meta_update        (sqlite3              *db,
                                  gint64                series_id,
                                  MmlMetaUpdate         what,
                                  const char           *field,
                                  const char           *text,
                                  MmlEpisodeOrder       order,
                                  GError              **error);
gboolean _mml_meta_relink        (sqlite3              *db,
                                  gint64                series_id,
                                  int                   root_kind,
                                  GError              **error);

char    *_mml_meta_column_text   (sqlite3_stmt         *s,
                                  int                   i);
void     _mml_meta_parse_int_list (const char          *text,
                                  GArray               *out);

/* The parts of a series row the writers need. */
typedef struct
{
  MmlMatchState state;
  int           root_kind;
  JsonObject   *overrides;   /* nullable */
  JsonNode     *overrides_node;
} MmlMetaSeriesState;

gboolean _mml_meta_read_series_state     (sqlite3              *db,
                                          gint64                series_id,
                                          MmlMetaSeriesState   *st,
                                          GError              **error);
void     _mml_meta_series_state_clear    (MmlMetaSeriesState   *st);
gboolean _mml_meta_close_match_conflicts (sqlite3              *db,
                                          gint64                series_id,
                                          const char           *state,
                                          gint64                now,
                                          GError              **error);

/* small statement helpers */

static inline void
bind_text_or_null (sqlite3_stmt *s,
                   int           i,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (s, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (s, i);
}

static inline void
bind_int_or_null (sqlite3_stmt *s,
                  int           i,
                  gint64        value,
                  gint64        none)
{
  if (value != none)
    sqlite3_bind_int64 (s, i, value);
  else
    sqlite3_bind_null (s, i);
}

static inline gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *s,
           GError       **error)
{
  int rc = sqlite3_step (s);

  sqlite3_reset (s);
  sqlite3_clear_bindings (s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error);
  return TRUE;
}

static inline int
column_int_or (sqlite3_stmt *s,
               int           i,
               int           none)
{
  return sqlite3_column_type (s, i) == SQLITE_NULL ? none : sqlite3_column_int (s, i);
}

G_END_DECLS
