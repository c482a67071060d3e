/* mml-fake-monitor.h — a GNetworkMonitor the tests switch on and off:
 * inject it with mml_http_set_network_monitor(), then unplug the network
 * with fake_monitor_set_available (monitor, FALSE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

FakeMonitor *fake_monitor_new           (void);   /* available */
void         fake_monitor_set_available (FakeMonitor *self,
                                         gboolean     available);

G_END_DECLS
