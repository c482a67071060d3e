/* mml-server-dialog.h — "Add Media Server": a Jellyfin or Emby server by
 * address and account (or API key), a Plex server by signing in with a PIN
 * (or by address and token)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_SERVER_DIALOG (mml_server_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlServerDialog, mml_server_dialog, MML, SERVER_DIALOG, AdwWindow)

/* (transfer none): a new modal dialog, transient for @parent (a toplevel:
 * present it). It closes itself once the server is added. */
MmlServerDialog *mml_server_dialog_new            (MmlEngine       *engine,
                                                   GtkWindow       *parent);

/* For tests */
/* "plex", "jellyfin" or "emby" */
void             mml_server_dialog_set_kind       (MmlServerDialog *self,
                                                   const char      *kind);
/* "address", "user", "password" or "token" */
GtkEditable     *mml_server_dialog_get_field      (MmlServerDialog *self,
                                                   const char      *name);
/* "add", "cancel", "sign-in", "open" or "cancel-sign-in" */
GtkButton       *mml_server_dialog_get_button     (MmlServerDialog *self,
                                                   const char      *name);
GtkSwitch       *mml_server_dialog_get_token_switch (MmlServerDialog *self);
gboolean         mml_server_dialog_get_busy       (MmlServerDialog *self);
/* the error shown, or NULL */
const char      *mml_server_dialog_get_error      (MmlServerDialog *self);
/* the Plex PIN shown, or NULL */
const char      *mml_server_dialog_get_pin_code   (MmlServerDialog *self);

G_END_DECLS
