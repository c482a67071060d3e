/* mml-transfer-dialog.h — "Copy or Move to…": a series (or chosen
 * seasons of it) queued for another folder or drive, its size and the
 * room there shown first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library.h"

G_BEGIN_DECLS

#define MML_TYPE_TRANSFER_DIALOG (mml_transfer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlTransferDialog, mml_transfer_dialog, MML, TRANSFER_DIALOG, AdwWindow)

MmlTransferDialog *mml_transfer_dialog_new (MmlEngine       *engine,
                                            MmlSeriesDetail *detail);

/* Prefilled choices (a move rule's suggestion opens the dialog on Move
 * and the rule's folder; the user still confirms with Add to Queue), and
 * for tests, standing in for the folder chooser and the clicks */
void        mml_transfer_dialog_set_folder      (MmlTransferDialog *self,
                                                 const char        *path);
void        mml_transfer_dialog_set_move        (MmlTransferDialog *self,
                                                 gboolean           move);
/* (nullable): the destination chosen */
const char *mml_transfer_dialog_get_folder      (MmlTransferDialog *self);
gboolean    mml_transfer_dialog_get_move        (MmlTransferDialog *self);
/* @season: -1, 0 (specials), 1…; FALSE when the series has no such season */
gboolean    mml_transfer_dialog_set_season      (MmlTransferDialog *self,
                                                 int                season,
                                                 gboolean           chosen);
/* the line under the choices: what it needs, the room there */
const char *mml_transfer_dialog_get_summary     (MmlTransferDialog *self);
/* whether the room on the destination is known yet */
gboolean    mml_transfer_dialog_get_space_known (MmlTransferDialog *self);
GtkButton  *mml_transfer_dialog_get_queue_button (MmlTransferDialog *self);

G_END_DECLS
