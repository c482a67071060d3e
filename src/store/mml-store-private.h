/* mml-store-private.h — internals shared by the store's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

/* Pages of WAL between automatic checkpoints (scans pause them). */
#define MML_STORE_WAL_AUTOCHECKPOINT 8192

/* Writer connections wait this long for another process's write
 * transaction before failing with "database is locked". */
#define MML_STORE_BUSY_TIMEOUT_MS 5000

/* A file's state as files.probe_key keeps it once its embedded tracks (a
 * video) or its text (a sidecar) were read: "size:mtime:inode", the three
 * facts the scanner tells a changed file by; SQL over three expressions. */
#define MML_PROBE_KEY_SQL(size, mtime, inode) "(" size " || ':' || " mtime " || ':' || " inode ")"

gboolean _mml_store_identify  (sqlite3      *db,
                               gboolean      read_only,
                               GError      **error);
gboolean _mml_store_configure (sqlite3      *db,
                               gboolean      read_only,
                               GError      **error);
gboolean _mml_store_migrate   (sqlite3      *db,
                               GError      **error);

/* Giving memory back (mml-store.c, "Releasing memory"): the store does it
 * by itself once quiet for $MML_STORE_IDLE_RELEASE_MS (10 s; 0 or less:
 * never); the scheduler also asks at the end of every job. */
void     _mml_store_release_memory_async  (MmlStore            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean _mml_store_release_memory_finish (MmlStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void     _mml_store_set_idle_release_ms   (MmlStore            *self,
                                           int                  ms);
guint    _mml_store_get_release_count     (MmlStore            *self);

G_END_DECLS
