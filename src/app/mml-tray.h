/* mml-tray.h — the tray icon: a StatusNotifierItem and its menu over D-Bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_TRAY (mml_tray_get_type ())

G_DECLARE_FINAL_TYPE (MmlTray, mml_tray, MML, TRAY, GObject)

/* Where the item stands with the desktop's StatusNotifierWatcher (the
 * tray's "host-state" property, an int, notified on change) */
typedef enum
{
  MML_TRAY_HOST_UNKNOWN,      /* not known yet */
  MML_TRAY_HOST_ABSENT,       /* no watcher: no tray, and that is fine */
  MML_TRAY_HOST_REGISTERING,
  MML_TRAY_HOST_REGISTERED,
} MmlTrayHostState;

#define MML_TRAY_ITEM_PATH "/StatusNotifierItem"
#define MML_TRAY_MENU_PATH "/MenuBar"

MmlTray          *mml_tray_new            (GApplication    *application,
                                           MmlEngine       *engine,
                                           GDBusConnection *connection);
MmlTrayHostState  mml_tray_get_host_state (MmlTray         *self);

G_END_DECLS
