/* mml-server-folders-dialog.h — where this computer sees a media server's
 * folders (its path mappings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-server-store.h"

G_BEGIN_DECLS

#define MML_TYPE_SERVER_FOLDERS_DIALOG (mml_server_folders_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlServerFoldersDialog, mml_server_folders_dialog, MML, SERVER_FOLDERS_DIALOG, AdwWindow)

MmlServerFoldersDialog *mml_server_folders_dialog_new         (GtkWindow              *parent,
                                                             MmlEngine              *engine,
                                                             const MmlServerRow     *server);
/* for tests: the row of the server folder @server_path (NULL: the row of a
 * new one), the Save button, the error shown (NULL: none) */
AdwEntryRow            *mml_server_folders_dialog_get_row     (MmlServerFoldersDialog *self,
                                                             const char             *server_path);
AdwEntryRow            *mml_server_folders_dialog_get_new_server_row (MmlServerFoldersDialog *self);
GtkButton              *mml_server_folders_dialog_get_save_button (MmlServerFoldersDialog *self);
const char             *mml_server_folders_dialog_get_error   (MmlServerFoldersDialog *self);

G_END_DECLS
