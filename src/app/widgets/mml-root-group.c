/* mml-root-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One library folder on the Paths view: its numbering, whether it is
 * enabled, how it is monitored, what its last scan found, and the buttons
 * to scan it again or remove it from the library.
 */

#define G_LOG_DOMAIN "mml-root-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-organize-dialog.h"
#include "mml-root-group.h"
#include "mml-ui-util.h"

struct _MmlRootGroup
{
  AdwBin             parent_instance;

  MmlEngine *engine;
  MmlRoot           *root;
  MmlLastScan       *last_scan;

  AdwPreferencesGroup *group;
  AdwComboRow       *kind_row;
  GtkSwitch         *enabled_switch;
  AdwActionRow      *monitor_row;
  GtkImage          *monitor_icon;
  AdwActionRow      *last_scan_row;
  AdwActionRow      *errors_row;
  GtkWindow         *organize_dialog;   /* weak: the last Rename Files */

  guint              syncing : 1;
};

G_DEFINE_FINAL_TYPE (MmlRootGroup, mml_root_group, ADW_TYPE_BIN)

static void
update_actions (MmlRootGroup *self)
{
  gboolean can_scan = self->root != NULL && mml_root_get_enabled (self->root) &&
                      self->engine != NULL && !mml_library_controller_get_scanning (mml_engine_get_library (self->engine));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "root.quick-scan", can_scan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "root.full-scan", can_scan);
}

void
mml_root_group_update_mode (MmlRootGroup *self)
{
  g_autofree char *subtitle = NULL;
  const char *reason = NULL;
  const char *icon = "emblem-synchronizing-symbolic";
  MmlWatchMode mode;

  g_return_if_fail (MML_IS_ROOT_GROUP (self));

  if (self->root == NULL || self->engine == NULL)
    return;

  mode = mml_library_controller_get_root_mode (mml_engine_get_library (self->engine), mml_root_get_id (self->root), &reason);

  switch (mode)
    {
    case MML_WATCH_LIVE:
      subtitle = g_strdup (_("Live: changes show up within seconds"));
      icon = "emblem-ok-symbolic";
      break;

    case MML_WATCH_POLLING:
      subtitle = reason != NULL
        /* Translators: %s says why the folder cannot be watched live */
        ? g_strdup_printf (_("Polling: %s"), reason)
        : g_strdup (_("Polling: the folder is checked every few minutes"));
      icon = "view-refresh-symbolic";
      break;

    case MML_WATCH_UNAVAILABLE:
      subtitle = reason != NULL
        /* Translators: %s says why the folder cannot be read */
        ? g_strdup_printf (_("Unavailable: %s"), reason)
        : g_strdup (_("Unavailable: the folder cannot be opened"));
      icon = "dialog-warning-symbolic";
      break;

    case MML_WATCH_OFF:
    default:
      subtitle = g_strdup (mml_root_get_enabled (self->root)
                           ? _("Off: changes show up at the next scan")
                           : _("Off: the folder is disabled"));
      icon = "media-playback-pause-symbolic";
      break;
    }

  adw_action_row_set_subtitle (self->monitor_row, subtitle);
  gtk_image_set_from_icon_name (self->monitor_icon, icon);
}

static void
update (MmlRootGroup *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *last_scan = NULL;
  const char *path;

  if (self->root == NULL)
    return;

  path = mml_root_get_path (self->root);
  title = g_filename_display_basename (path);
  description = mml_format_path (path);
  adw_preferences_group_set_title (self->group, title);
  adw_preferences_group_set_description (self->group, description);

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->kind_row, mml_root_get_kind (self->root));
  gtk_switch_set_active (self->enabled_switch, mml_root_get_enabled (self->root));
  self->syncing = FALSE;

  g_clear_pointer (&self->last_scan, mml_last_scan_free);
  if (mml_root_get_last_scan (self->root) != NULL)
    self->last_scan = mml_last_scan_parse (mml_root_get_last_scan (self->root), NULL);

  last_scan = mml_format_last_scan (mml_root_get_last_scan_at (self->root),
                                    mml_root_get_last_scan (self->root));
  adw_action_row_set_subtitle (self->last_scan_row, last_scan);

  if (self->last_scan != NULL && self->last_scan->errors > 0)
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u error in the last scan",
                                                              "%u errors in the last scan",
                                                              self->last_scan->errors),
                                                 self->last_scan->errors);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->errors_row), errors);
      gtk_widget_set_visible (GTK_WIDGET (self->errors_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->errors_row), FALSE);

  mml_root_group_update_mode (self);
  update_actions (self);
}

static void
kind_selected_cb (MmlRootGroup *self,
                  GParamSpec   *pspec,
                  AdwComboRow  *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing || self->root == NULL || self->engine == NULL || selected > MML_ROOT_KIND_DAILY)
    return;

  mml_library_controller_set_root_kind (mml_engine_get_library (self->engine), mml_root_get_id (self->root), selected);
}

static void
enabled_active_cb (MmlRootGroup *self,
                   GParamSpec   *pspec,
                   GtkSwitch    *toggle)
{
  if (self->syncing || self->root == NULL || self->engine == NULL)
    return;

  mml_library_controller_set_root_enabled (mml_engine_get_library (self->engine), mml_root_get_id (self->root),
                                        gtk_switch_get_active (toggle));
}

static void
engine_scanning_cb (MmlRootGroup *self,
                     GParamSpec   *pspec,
                     gpointer      engine)
{
  update_actions (self);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MmlRootGroup *self = MML_ROOT_GROUP (widget);
  MmlScanMode mode = g_str_equal (action_name, "root.full-scan") ? MML_SCAN_FULL : MML_SCAN_QUICK;

  if (self->root != NULL && self->engine != NULL)
    mml_library_controller_scan (mml_engine_get_library (self->engine), mode, mml_root_get_id (self->root));
}

static void
remove_response_cb (MmlRootGroup     *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "remove") == 0 && self->root != NULL && self->engine != NULL)
    mml_library_controller_remove_root (mml_engine_get_library (self->engine), mml_root_get_id (self->root));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MmlRootGroup *self = MML_ROOT_GROUP (widget);
  g_autofree char *name = NULL;
  GtkRoot *window = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->root == NULL)
    return;

  name = g_filename_display_basename (mml_root_get_path (self->root));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (window) ? GTK_WINDOW (window) : NULL,
                                   NULL,
                                   _("Nothing on disk is touched: no file is moved or deleted. "
                                     "The library forgets this folder and the series, episodes "
                                     "and subtitles found in it. You can add it again later."));
  /* Translators: %s is a folder name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s” From the Library?"), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (remove_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rename Files for the whole folder: the organise dialog's preview of it */
static void
organize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlRootGroup *self = MML_ROOT_GROUP (widget);
  g_autofree char *where = NULL;
  GtkRoot *window = gtk_widget_get_root (widget);
  MmlOrganizeDialog *dialog;

  if (self->root == NULL || self->engine == NULL)
    return;
  where = g_filename_display_name (mml_root_get_path (self->root));
  dialog = mml_organize_dialog_new_for_root (self->engine, mml_root_get_id (self->root), where);
  if (GTK_IS_WINDOW (window))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  g_set_weak_pointer (&self->organize_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_errors_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MmlRootGroup *self = MML_ROOT_GROUP (widget);
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  GtkRoot *window = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->last_scan == NULL || self->root == NULL)
    return;

  name = g_filename_display_basename (mml_root_get_path (self->root));
  body = g_strjoinv ("\n", self->last_scan->error_messages);
  if (self->last_scan->errors > g_strv_length (self->last_scan->error_messages))
    {
      g_autofree char *more = g_strdup_printf (_("…and %u more"),
                                               self->last_scan->errors -
                                               g_strv_length (self->last_scan->error_messages));
      g_autofree char *joined = g_strconcat (body, "\n", more, NULL);

      g_free (body);
      body = g_steal_pointer (&joined);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (window) ? GTK_WINDOW (window) : NULL, NULL, body);
  /* Translators: %s is a folder name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Errors While Scanning “%s”"), name);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mml_root_group_dispose (GObject *object)
{
  MmlRootGroup *self = MML_ROOT_GROUP (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->root);
  g_clear_pointer (&self->last_scan, mml_last_scan_free);
  g_clear_weak_pointer (&self->organize_dialog);

  mml_ui_bin_dispose_template (ADW_BIN (self), MML_TYPE_ROOT_GROUP);

  G_OBJECT_CLASS (mml_root_group_parent_class)->dispose (object);
}

static void
mml_root_group_class_init (MmlRootGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_root_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-root-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, group);
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, monitor_row);
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, monitor_icon);
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, last_scan_row);
  gtk_widget_class_bind_template_child (widget_class, MmlRootGroup, errors_row);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, enabled_active_cb);

  gtk_widget_class_install_action (widget_class, "root.organize", NULL, organize_action);
  gtk_widget_class_install_action (widget_class, "root.quick-scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "root.full-scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "root.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "root.show-errors", NULL, show_errors_action);
}

static void
mml_root_group_init (MmlRootGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mml_root_group_new:
 *
 * Returns: (transfer floating): a group showing @root
 */
GtkWidget *
mml_root_group_new (MmlEngine *engine,
                    MmlRoot           *root)
{
  MmlRootGroup *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (MML_IS_ROOT (root), NULL);

  self = g_object_new (MML_TYPE_ROOT_GROUP, NULL);
  self->engine = g_object_ref (engine);
  g_signal_connect_object (mml_engine_get_library (engine), "notify::scanning",
                           G_CALLBACK (engine_scanning_cb), self, G_CONNECT_SWAPPED);
  mml_root_group_set_root (self, root);

  return GTK_WIDGET (self);
}

MmlRoot *
mml_root_group_get_root (MmlRootGroup *self)
{
  g_return_val_if_fail (MML_IS_ROOT_GROUP (self), NULL);
  return self->root;
}

/**
 * mml_root_group_set_root:
 *
 * Shows @root, a newer copy of the same folder after a reload.
 */
void
mml_root_group_set_root (MmlRootGroup *self,
                         MmlRoot      *root)
{
  g_return_if_fail (MML_IS_ROOT_GROUP (self));
  g_return_if_fail (MML_IS_ROOT (root));

  g_set_object (&self->root, root);
  update (self);
}

/**
 * mml_root_group_get_organize_dialog:
 *
 * Returns: (transfer none) (nullable): the last Rename Files dialog this
 *   group opened, while it is open
 */
GtkWindow *
mml_root_group_get_organize_dialog (MmlRootGroup *self)
{
  g_return_val_if_fail (MML_IS_ROOT_GROUP (self), NULL);
  return self->organize_dialog;
}
