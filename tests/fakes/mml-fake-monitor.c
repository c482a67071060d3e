/* mml-fake-monitor.c — a GNetworkMonitor the tests switch on and off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-fake-monitor.h"

struct _FakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void fake_monitor_iface_init  (GNetworkMonitorInterface *iface);
static void fake_initable_iface_init (GInitableIface           *iface);

G_DEFINE_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

static gboolean
fake_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  if (FAKE_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "offline");
  return FALSE;
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = fake_monitor_can_reach;
}

static gboolean
fake_initable_init (GInitable     *initable,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return TRUE;
}

static void
fake_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_initable_init;
}

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

void
fake_monitor_set_available (FakeMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

FakeMonitor *
fake_monitor_new (void)
{
  return g_object_new (FAKE_TYPE_MONITOR, NULL);
}
