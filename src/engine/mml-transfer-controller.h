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

/* How the running transfer goes */
typedef struct
{
  gint64   item_id;      /* the item being transferred; 0 between items */
  guint64  item_done;    /* its bytes copied so far */
  guint64  item_size;    /* its bytes */
  guint    done;         /* items of the run finished (done, skipped or failed) */
  guint    total;        /* items the run tries */
  guint64  bytes_done;   /* bytes of the items finished, and of the current one copied */
  guint64  bytes_total;  /* bytes of every item the run tries */
  guint64  speed;        /* bytes a second over the last seconds (mml-transfer-rate.h); 0: not known */
  gint64   eta;          /* seconds left at that speed; -1: not known */
} MmlTransferProgress;

/* How much room the file system holding @folder has; FALSE: unknown.
 * Called from a worker thread. */
typedef gboolean (*MmlTransferSpaceFunc) (const char *folder,
                                          guint64    *free_bytes,
                                          gpointer    user_data);

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

/* Queues chosen files (videos, each with its sidecars) for @dir as
 * mml_transfer_controller_add_async() does; finish with
 * mml_transfer_controller_add_finish(). */
void       mml_transfer_controller_add_files_async (MmlTransferController *self,
                                                    const gint64          *file_ids,
                                                    guint                  n_files,
                                                    const char            *dir,
                                                    gboolean               move,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);

/* Runs the queue on a worker thread: the items queued and those that
 * failed before. First the room on each target disk is checked against
 * what the items need (nothing is copied to a disk without room: those
 * items fail); then each file is copied beside its target, synced and
 * verified, and renamed into place, never over a file. A target that
 * holds the same bytes is skipped; one that holds others fails. A
 * sidecar fails with its video. Emits "progress" after each item and
 * "progress-changed" during copies; mml_transfer_controller_pause() waits
 * between chunks. Cancelling stops within the file being copied (its
 * partial copy removed; it and the rest stay queued). One run at a time
 * (G_IO_ERROR_BUSY). The roots that moves took files from are rescanned.
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

/* The queue as the app runs it: start (or, during a run, once more after
 * it), stop, pause and resume; "finished" after a started run */
void       mml_transfer_controller_start        (MmlTransferController *self);
void       mml_transfer_controller_stop         (MmlTransferController *self);
void       mml_transfer_controller_pause        (MmlTransferController *self);
void       mml_transfer_controller_resume       (MmlTransferController *self);
gboolean   mml_transfer_controller_get_running  (MmlTransferController *self);
gboolean   mml_transfer_controller_get_paused   (MmlTransferController *self);
void       mml_transfer_controller_get_progress (MmlTransferController *self,
                                                 MmlTransferProgress   *progress);

/* Removes the items done or skipped from the queue and the log (see
 * mml-transfer-store.h); returns how many, -1 on error */
void       mml_transfer_controller_clear_finished_async  (MmlTransferController *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gssize     mml_transfer_controller_clear_finished_finish (MmlTransferController *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* The free room on the disk holding @dir, as the check before a run
 * reads it */
void       mml_transfer_controller_query_space_async  (MmlTransferController *self,
                                                       const char            *dir,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean   mml_transfer_controller_query_space_finish (MmlTransferController *self,
                                                       GAsyncResult          *result,
                                                       guint64               *free_bytes,
                                                       GError               **error);

/* For tests: how the room in a folder is read (NULL: through GIO) */
void       mml_transfer_controller_set_space_func (MmlTransferController *self,
                                                   MmlTransferSpaceFunc   func,
                                                   gpointer               user_data);

G_END_DECLS
