/* mml-meta-store-private.h — the synchronous halves of the metadata store
 * jobs (writer thread only), shared with the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

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

G_END_DECLS
