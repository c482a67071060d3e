/* mml-transfer-store.h — the transfer queue as rows: files to copy or move
 * to another folder or disk, and how each went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Queued by mml_store_transfer_add_async(), read by the transfer
 * controller and `mml transfer list`; the worker that copies writes each
 * item's outcome with mml_store_transfer_set_state(), synchronous (it
 * runs on the store's writer thread through mml_store_run_sync()).
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

typedef enum
{
  MML_TRANSFER_QUEUED,
  MML_TRANSFER_DONE,
  MML_TRANSFER_SKIPPED,    /* the target holds the same bytes already */
  MML_TRANSFER_FAILED,     /* tried again by the next run */
} MmlTransferState;

typedef struct
{
  gint64            id;
  gint64            file_id;      /* 0: the library forgot the file */
  gint64            follows;      /* a sidecar: its video's item; 0 for a video */
  char             *source;       /* absolute */
  char             *target;       /* absolute */
  gboolean          move;
  MmlTransferState  state;
  char             *error;        /* nullable */
  gint64            batch_id;     /* a move done: its journal batch; else 0 */
  gint64            added_at;
  gint64            finished_at;  /* 0: not yet */
  /* what a list shows; read with the item, never written */
  char             *series_title; /* nullable: the series of the file (a sidecar: of its video) */
  char             *episode;      /* nullable: "S01E02", as the video's name says */
  gint64            size;         /* bytes, as last scanned; 0 when unknown */
} MmlTransferItem;

const char      *mml_transfer_state_to_string (MmlTransferState  state);
void             mml_transfer_item_free       (MmlTransferItem  *item);
MmlTransferItem *mml_transfer_item_copy       (const MmlTransferItem *item);

/* Queues the present videos of a series (@series_id) or one file
 * (@file_id), each with the subtitle sidecars the library links to it,
 * for @dir (absolute): a file's target is @dir/<its path under its
 * root>, so a series keeps its folders. A file already waiting for the
 * same target is not queued twice. An unknown series or file is
 * G_IO_ERROR_NOT_FOUND. Returns the items, a video before its sidecars
 * (element-type MmlTransferItem). */
void        mml_store_transfer_add_async   (MmlStore            *self,
                                            gint64               series_id,
                                            gint64               file_id,
                                            const char          *dir,
                                            gboolean             move,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *mml_store_transfer_add_finish  (MmlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The same for chosen files (@file_ids, n_files of them) with a series
 * 0, or a whole series with @n_files 0: the videos among them with their
 * sidecars, in one transaction. */
void        mml_store_transfer_add_files_async (MmlStore            *self,
                                                gint64               series_id,
                                                const gint64        *file_ids,
                                                guint                n_files,
                                                const char          *dir,
                                                gboolean             move,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);

/* Removes the items done or skipped from the queue and its log (a video
 * whose sidecar still waits stays). The journal keeps the moves, so
 * `organize undo` still undoes them. Returns how many went; -1 on error. */
void        mml_store_transfer_clear_finished_async  (MmlStore            *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gssize      mml_store_transfer_clear_finished_finish (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Every item by id (@pending_only: those queued or failed, what a run
 * takes) (element-type MmlTransferItem) */
void        mml_store_transfer_list_async  (MmlStore            *self,
                                            gboolean             pending_only,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *mml_store_transfer_list_finish (MmlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* How an item went (worker thread; waits for the store). @batch_id: the
 * journal batch of a move, 0 for none. */
gboolean    mml_store_transfer_set_state   (MmlStore            *self,
                                            gint64               id,
                                            MmlTransferState     state,
                                            const char          *error_message,
                                            gint64               batch_id,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlTransferItem, mml_transfer_item_free)

G_END_DECLS
