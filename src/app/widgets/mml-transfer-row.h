/* mml-transfer-row.h — one item of the transfer queue: the list's object
 * (MmlTransferEntry: the store's item and, while it runs, its progress)
 * and its row in the Transfers view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-transfer-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_TRANSFER_ENTRY (mml_transfer_entry_get_type ())

G_DECLARE_FINAL_TYPE (MmlTransferEntry, mml_transfer_entry, MML, TRANSFER_ENTRY, GObject)

/* @item: copied */
MmlTransferEntry      *mml_transfer_entry_new          (const MmlTransferItem     *item);
const MmlTransferItem *mml_transfer_entry_get_item     (MmlTransferEntry          *self);
/* a newer reading of the same item; "changed" when it differs */
void                   mml_transfer_entry_set_item     (MmlTransferEntry          *self,
                                                        const MmlTransferItem     *item);
/* @progress: the running transfer's, when it is this item's; NULL: not
 * running. @paused: the run waits. */
void                   mml_transfer_entry_set_progress (MmlTransferEntry          *self,
                                                        const MmlTransferProgress *progress,
                                                        gboolean                   paused);
gboolean               mml_transfer_entry_get_running  (MmlTransferEntry          *self);
/* how much of it is copied, 0 to 1 (0 when not running) */
double                 mml_transfer_entry_get_fraction (MmlTransferEntry          *self);
/* "Iron Road · S01E01", the file's name when the library knows no more */
char                  *mml_transfer_entry_dup_title    (MmlTransferEntry          *self);
/* "1.2 GB of 3.4 GB · 45.0 MB/s · about 2 minutes left", "Waiting to copy · 3.4 GB",
 * "Copied", the error… */
char                  *mml_transfer_entry_dup_status   (MmlTransferEntry          *self);

/* "About 2 minutes left", "A few seconds left": the ETA in words */
char                  *mml_transfer_format_eta         (gint64                     seconds);

#define MML_TYPE_TRANSFER_ROW (mml_transfer_row_get_type ())

G_DECLARE_FINAL_TYPE (MmlTransferRow, mml_transfer_row, MML, TRANSFER_ROW, GtkBox)

GtkWidget        *mml_transfer_row_new       (void);
void              mml_transfer_row_set_entry (MmlTransferRow   *self,
                                              MmlTransferEntry *entry);
MmlTransferEntry *mml_transfer_row_get_entry (MmlTransferRow   *self);

G_END_DECLS
