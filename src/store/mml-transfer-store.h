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
