/* mml-fake-notifications.h — org.gtk.Notifications on the test's session
 * bus, for the app tests that check what the app notifies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One AddNotification as the fake service received it */
typedef struct
{
  char     *id;
  char     *title;
  char     *body;
  char     *default_action;
  GVariant *default_target;
  char     *button_label;    /* the first button's */
  char     *button_action;
  GVariant *button_target;
} MmlSentNotification;

void             mml_sent_notification_free   (MmlSentNotification *s);

/* Owns org.gtk.Notifications (GNotification's service on a desktop) on a
 * connection of its own and returns once the name is owned; every
 * AddNotification is appended to @sent (element-type MmlSentNotification,
 * free func mml_sent_notification_free), which the caller keeps alive
 * while the connection is. (transfer full) */
GDBusConnection *mml_fake_notifications_start (GPtrArray *sent);

G_END_DECLS
