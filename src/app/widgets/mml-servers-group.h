/* mml-servers-group.h — Settings: the media servers watched marks are
 * kept in step with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-server-dialog.h"
#include "mml-server-folders-dialog.h"

G_BEGIN_DECLS

#define MML_TYPE_SERVERS_GROUP (mml_servers_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlServersGroup, mml_servers_group, MML, SERVERS_GROUP, AdwPreferencesGroup)

void             mml_servers_group_set_engine        (MmlServersGroup *self,
                                                      MmlEngine       *engine);
/* Reads the servers again */
void             mml_servers_group_reload            (MmlServersGroup *self);

/* For tests */
gboolean         mml_servers_group_get_busy          (MmlServersGroup *self);
gboolean         mml_servers_group_get_syncing       (MmlServersGroup *self);
/* the servers shown (the empty state is shown when there are none) */
guint            mml_servers_group_get_n_servers     (MmlServersGroup *self);
gboolean         mml_servers_group_get_shows_empty   (MmlServersGroup *self);
gint64           mml_servers_group_get_server_id     (MmlServersGroup *self,
                                                      guint            index);
AdwActionRow    *mml_servers_group_get_row           (MmlServersGroup *self,
                                                      guint            index);
/* "test" or "remove" of server @index */
GtkButton       *mml_servers_group_get_row_button    (MmlServersGroup *self,
                                                      guint            index,
                                                      const char      *name);
/* "sync", "add" or "retry" */
GtkButton       *mml_servers_group_get_button        (MmlServersGroup *self,
                                                      const char      *name);
/* the error line's text, or NULL when it is hidden */
const char      *mml_servers_group_get_error         (MmlServersGroup *self);
/* the open "Remove …?" confirmation, or NULL */
AdwMessageDialog *mml_servers_group_get_confirmation (MmlServersGroup *self);
/* the open Add Server dialog, or NULL */
MmlServerDialog *mml_servers_group_get_dialog        (MmlServersGroup *self);

MmlServerFoldersDialog *mml_servers_group_get_folders_dialog (MmlServersGroup *self);

G_END_DECLS
