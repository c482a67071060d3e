/* mml-webhook-group.c — Settings: the webhook receiver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A switch (the "webhooks" setting, through app.webhooks: the application
 * starts and stops the receiver), then, while it listens, the address to
 * paste into Plex, Jellyfin (the webhook plugin, "Send All Properties")
 * and Emby with a Copy button; or why it could not start. The address
 * carries the receiver's secret: it is shown here and nowhere else.
 */

#define G_LOG_DOMAIN "mml-webhook-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-sync-controller.h"
#include "mml-webhook-group.h"

struct _MmlWebhookGroup
{
  AdwPreferencesGroup  parent_instance;

  MmlEngine           *engine;
  AdwActionRow        *switch_row;
  AdwActionRow        *url_row;
  GtkLabel            *url_label;
  AdwActionRow        *error_row;
};

G_DEFINE_FINAL_TYPE (MmlWebhookGroup, mml_webhook_group, ADW_TYPE_PREFERENCES_GROUP)

static void
update (MmlWebhookGroup *self)
{
  MmlSyncController *sync = self->engine != NULL ? mml_engine_get_sync (self->engine) : NULL;
  const char *url = sync != NULL ? mml_sync_controller_get_webhook_url (sync) : NULL;
  const char *error = sync != NULL ? mml_sync_controller_get_webhook_error (sync) : NULL;

  gtk_label_set_label (self->url_label, url != NULL ? url : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), url != NULL);
  adw_action_row_set_subtitle (self->error_row, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), url == NULL && error != NULL);
}

static void
copy_clicked_cb (GtkButton       *button,
                 MmlWebhookGroup *self)
{
  const char *url = gtk_label_get_label (self->url_label);

  if (url != NULL && *url != '\0')
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), url);
}

void
mml_webhook_group_set_engine (MmlWebhookGroup *self,
                              MmlEngine       *engine)
{
  g_return_if_fail (MML_IS_WEBHOOK_GROUP (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_sync (self->engine), self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_sync (engine), "notify::webhook-url",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_sync (engine), "notify::webhook-error",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

const char *
mml_webhook_group_get_url (MmlWebhookGroup *self)
{
  g_return_val_if_fail (MML_IS_WEBHOOK_GROUP (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->url_row)) ? gtk_label_get_label (self->url_label) : NULL;
}

const char *
mml_webhook_group_get_error (MmlWebhookGroup *self)
{
  g_return_val_if_fail (MML_IS_WEBHOOK_GROUP (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_row)) ? adw_action_row_get_subtitle (self->error_row)
                                                               : NULL;
}

static void
mml_webhook_group_dispose (GObject *object)
{
  MmlWebhookGroup *self = MML_WEBHOOK_GROUP (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_sync (self->engine), self);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (mml_webhook_group_parent_class)->dispose (object);
}

static void
mml_webhook_group_class_init (MmlWebhookGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mml_webhook_group_dispose;
}

static void
mml_webhook_group_init (MmlWebhookGroup *self)
{
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Webhooks"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("With webhooks, a mark made on a server reaches the library as it "
                                           "happens, between the scheduled syncs"));

  self->switch_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->switch_row), _("Receive Webhooks"));
  adw_action_row_set_subtitle (self->switch_row, _("From Plex, Jellyfin (its webhook plugin) and Emby"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "app.webhooks");
  adw_action_row_add_suffix (self->switch_row, toggle);
  adw_action_row_set_activatable_widget (self->switch_row, toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->switch_row));

  self->url_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Address for the Servers"));
  adw_action_row_set_subtitle (self->url_row, _("Paste it into each server's webhook settings; it holds a secret"));
  self->url_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->url_label, TRUE);
  gtk_label_set_ellipsize (self->url_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (self->url_label, 40);
  gtk_widget_add_css_class (GTK_WIDGET (self->url_label), "monospace");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy the address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the address"), -1);
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), self);
  adw_action_row_add_suffix (self->url_row, GTK_WIDGET (self->url_label));
  adw_action_row_add_suffix (self->url_row, copy);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->url_row));

  self->error_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), _("The Receiver Could Not Start"));
  adw_action_row_set_subtitle_lines (self->error_row, 3);
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (self->error_row, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->error_row));
}
