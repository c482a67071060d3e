/* mml-transfers-view.h — Transfers: the queue of copies and moves to
 * other folders and drives, with progress, pause, retry and the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_TRANSFERS_VIEW (mml_transfers_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlTransfersView, mml_transfers_view, MML, TRANSFERS_VIEW, MmlView)

/* For tests: (element-type MmlTransferEntry) the items listed */
GListModel  *mml_transfers_view_get_model     (MmlTransfersView *self);
GtkListView *mml_transfers_view_get_list_view (MmlTransfersView *self);
/* the heading over the list ("Transferring", "Paused", "All Done", …) */
const char  *mml_transfers_view_get_summary   (MmlTransfersView *self);

G_END_DECLS
