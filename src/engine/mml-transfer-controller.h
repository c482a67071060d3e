/* mml-transfer-controller.h — the transfer queue: series and files copied
 * or moved to another folder or disk, verified, with a free-space check
 * before anything is copied, retries and a log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-transfer-store.h"

G_BEGIN_DECLS

#define MML_TYPE_TRANSFER_CONTROLLER (mml_transfer_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlTransferController, mml_transfer_controller, MML, TRANSFER_CONTROLLER, GObject)

typedef struct
{
  guint  done;      /* copied (or moved) and verified */
  guint  skipped;   /* the target held the same bytes already */
  guint  failed;    /* left for the next run to try again */
} MmlTransferSummary;

/* Queues a series (@series_id) or one file (@file_id), with the subtitles
 * named after each video, for @dir, a folder that exists: each file goes
 * to @dir/<its path under its library folder>, so a series keeps its
 * folders. @move: the sources are removed once their copy is verified,
 * through the journal (`organize undo` brings them back).
 * (element-type MmlTransferItem): the items queued. */
void       mml_transfer_controller_add_async   (MmlTransferController *self,
                                                gint64                 series_id,
                                                gint64                 file_id,
                                                const char            *dir,
                                                gboolean               move,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
GPtrArray *mml_transfer_controller_add_finish  (MmlTransferController *self,
                                                GAsyncResult          *result,
                                                GError               **error);

/* Runs the queue on a worker thread: the items queued and those that
 * failed before. First the room on each target disk is checked against
 * what the items need (nothing is copied to a disk without room: those
 * items fail); then each file is copied beside its target, synced and
 * verified, and renamed into place, never over a file. A target that
 * holds the same bytes is skipped; one that holds others fails. A
 * sidecar fails with its video. Emits "progress" after each item;
 * cancelling stops between items (the rest stay queued). The roots that
 * moves took files from are rescanned.
 * (element-type MmlTransferItem): the items tried, with their outcome. */
void       mml_transfer_controller_run_async   (MmlTransferController *self,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
GPtrArray *mml_transfer_controller_run_finish  (MmlTransferController *self,
                                                GAsyncResult          *result,
                                                MmlTransferSummary    *summary,
                                                GError               **error);

/* Every item of the queue and the log, oldest first
 * (element-type MmlTransferItem) */
void       mml_transfer_controller_list_async  (MmlTransferController *self,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
GPtrArray *mml_transfer_controller_list_finish (MmlTransferController *self,
                                                GAsyncResult          *result,
                                                GError               **error);

G_END_DECLS
