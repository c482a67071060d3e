/* mml-organize-dialog.h — "Rename Files": the organise preview of a
 * series, applying it with progress, and Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-organize-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_ORGANIZE_DIALOG (mml_organize_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlOrganizeDialog, mml_organize_dialog, MML, ORGANIZE_DIALOG, AdwWindow)

MmlOrganizeDialog *mml_organize_dialog_new (MmlEngine  *engine,
                                            gint64      series_id,
                                            const char *series_title);

/* For tests. The state: "loading", "preview", "empty", "applying",
 * "undoing", "result" or "error" */
MmlOrganizeDialog *mml_organize_dialog_new_for_root (MmlEngine  *engine,
                                                     gint64      root_id,
                                                     const char *root_title);

const char   *mml_organize_dialog_get_state    (MmlOrganizeDialog  *self);
/* (element-type MmlOrganizeItem): the operations shown */
GListModel   *mml_organize_dialog_get_model    (MmlOrganizeDialog  *self);
GtkListView  *mml_organize_dialog_get_list_view (MmlOrganizeDialog *self);
const char   *mml_organize_dialog_get_summary  (MmlOrganizeDialog  *self);
/* "apply", "cancel", "done", "undo" or "retry" */
GtkButton    *mml_organize_dialog_get_button   (MmlOrganizeDialog  *self,
                                                const char         *name);
double        mml_organize_dialog_get_progress (MmlOrganizeDialog  *self);
/* what the last apply did; FALSE before one ended */
gboolean      mml_organize_dialog_get_result   (MmlOrganizeDialog  *self,
                                                MmlOrganizeSummary *summary);
gboolean      mml_organize_dialog_get_undone   (MmlOrganizeDialog  *self);

G_END_DECLS
