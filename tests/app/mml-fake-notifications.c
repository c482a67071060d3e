/* mml-fake-notifications.c — see mml-fake-notifications.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-app-test-util.h"
#include "mml-fake-notifications.h"

#define MML_FAKE_NOTIFICATIONS_TIMEOUT_MS 90000

void
mml_sent_notification_free (MmlSentNotification *s)
{
  g_free (s->id);
  g_free (s->title);
  g_free (s->body);
  g_free (s->default_action);
  g_clear_pointer (&s->default_target, g_variant_unref);
  g_free (s->button_label);
  g_free (s->button_action);
  g_clear_pointer (&s->button_target, g_variant_unref);
  g_free (s);
}

static const char introspection[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
  "</interface></node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  GPtrArray *sent = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) dict = NULL;
      g_autoptr(GVariant) buttons = NULL;
      const char *id;
      MmlSentNotification *s = g_new0 (MmlSentNotification, 1);

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, &id, &dict);
      s->id = g_strdup (id);
      g_variant_lookup (dict, "title", "s", &s->title);
      g_variant_lookup (dict, "body", "s", &s->body);
      g_variant_lookup (dict, "default-action", "s", &s->default_action);
      s->default_target = g_variant_lookup_value (dict, "default-action-target", NULL);
      if ((buttons = g_variant_lookup_value (dict, "buttons", G_VARIANT_TYPE ("aa{sv}"))) != NULL &&
          g_variant_n_children (buttons) > 0)
        {
          g_autoptr(GVariant) first = g_variant_get_child_value (buttons, 0);

          g_variant_lookup (first, "label", "s", &s->button_label);
          g_variant_lookup (first, "action", "s", &s->button_action);
          s->button_target = g_variant_lookup_value (first, "target", NULL);
        }
      g_test_message ("notification %s: %s", s->id, s->title);
      g_ptr_array_add (sent, s);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
name_owned (gpointer data)
{
  return *(gboolean *) data;
}

GDBusConnection *
mml_fake_notifications_start (GPtrArray *sent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;
  gboolean *owned = g_new0 (gboolean, 1);   /* freed with the name's ownership */

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_dbus_connection_register_object (connection, "/org/gtk/Notifications", info->interfaces[0],
                                                       &vtable, sent, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, NULL, owned, g_free);
  mml_app_test_iterate_until (name_owned, owned, MML_FAKE_NOTIFICATIONS_TIMEOUT_MS, "the fake notification service");
  return connection;
}
