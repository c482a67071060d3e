/* mml-scan-apply.h — bring the files table in line with one root's walk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-scan-private.h"
#include "mml-store.h"

G_BEGIN_DECLS

GHashTable *_mml_scan_load_rows (sqlite3      *db,
                                 MmlScanRoot  *root,
                                 GError      **error);
typedef struct _MmlScanApply MmlScanApply;

MmlScanApply *_mml_scan_apply_new    (MmlScanRoot     *root,
                                      GHashTable      *rows,
                                      MmlScanMode      mode,
                                      gboolean         want_events,
                                      MmlScanSummary  *summary);
void          _mml_scan_apply_free   (MmlScanApply    *apply);
gboolean      _mml_scan_apply_chunks (MmlScanApply    *apply,
                                      sqlite3         *db,
                                      GPtrArray       *chunks,
                                      GCancellable    *cancellable,
                                      GError         **error);
void          _mml_scan_resume_checkpoints (sqlite3 *db);
gboolean      _mml_scan_apply_finish (MmlScanApply    *apply,
                                      sqlite3         *db,
                                      GCancellable    *cancellable,
                                      GError         **error);

G_END_DECLS
