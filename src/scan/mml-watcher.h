/* mml-watcher.h — keep the library in step with the disk as files come and go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-scanner.h"
#include "mml-store.h"

G_BEGIN_DECLS

#define MML_TYPE_WATCHER (mml_watcher_get_type ())

G_DECLARE_FINAL_TYPE (MmlWatcher, mml_watcher, MML, WATCHER, GObject)

typedef enum
{
  MML_WATCH_OFF,        /* root disabled, or the watcher not started */
  MML_WATCH_LIVE,       /* a GFileMonitor on every folder */
  MML_WATCH_POLLING,    /* periodic quick scans: network/FUSE mount, or the inotify limit */
  MML_WATCH_UNAVAILABLE /* the root cannot be opened (unplugged disk) */
} MmlWatchMode;

MmlWatcher   *mml_watcher_new            (MmlStore     *store);
void          mml_watcher_start          (MmlWatcher   *self);
void          mml_watcher_stop           (MmlWatcher   *self);
void          mml_watcher_reload         (MmlWatcher   *self);
MmlWatchMode  mml_watcher_get_root_mode  (MmlWatcher   *self,
                                          gint64        root_id,
                                          const char  **reason);
gboolean      mml_watcher_is_idle        (MmlWatcher   *self);
void          mml_watcher_set_poll_interval (MmlWatcher *self,
                                             guint       seconds);
void          mml_watcher_set_fs_type_override (MmlWatcher *self,
                                                const char *fs_type);
void          mml_watcher_set_settle_time   (MmlWatcher *self,
                                             guint       milliseconds);

/*
 * Signals (all on the thread-default context of mml_watcher_new()'s caller):
 *   "changed"    (MmlWatcher *self, GPtrArray *events, gpointer user_data)
 *                after each batch of changes lands in the store; events are
 *                MmlScanEvent (transfer none)
 *   "root-mode-changed" (MmlWatcher *self, gint64 root_id, gpointer user_data)
 *   "error"      (MmlWatcher *self, const GError *error, gpointer user_data)
 */

G_END_DECLS
