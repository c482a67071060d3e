/* mml-paths-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Library roots. The "Add Folder" button opens a folder chooser; the chosen
 * folder goes through the "paths.add-root" action (a bytestring, because a
 * path need not be UTF-8) and is announced by the "root-chosen" signal, which
 * is where the store gets wired in.
 */

#define G_LOG_DOMAIN "mml-paths-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-paths-view.h"

struct _MmlPathsView
{
  MmlView               parent_instance;

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (MmlPathsView, mml_paths_view, MML_TYPE_VIEW)

enum {
  ROOT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chooser_response_cb (MmlPathsView         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  g_assert (MML_IS_PATHS_VIEW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (folder == NULL)
    return;

  if ((path = g_file_get_path (folder)) == NULL)
    {
      mml_view_add_toast (MML_VIEW (self),
                          adw_toast_new (_("Only local folders can be library folders")));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "paths.add-root", "^ay", path);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MmlPathsView *self = MML_PATHS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Add a Library Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Add"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser,
                           "response",
                           G_CALLBACK (chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_root_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlPathsView *self = MML_PATHS_VIEW (widget);
  const char *path = g_variant_get_bytestring (param);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (path == NULL || !g_path_is_absolute (path))
    {
      g_warning ("paths.add-root needs an absolute path");
      return;
    }

  folder = g_file_new_for_path (path);
  g_signal_emit (self, signals[ROOT_CHOSEN], 0, folder);

  name = g_filename_display_basename (path);
  /* Translators: %s is the name of the folder the user picked */
  message = g_strdup_printf (_("“%s” chosen as a library folder"), name);
  mml_view_add_toast (MML_VIEW (self), adw_toast_new (message));
}

static void
mml_paths_view_dispose (GObject *object)
{
  MmlPathsView *self = MML_PATHS_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), MML_TYPE_PATHS_VIEW);

  G_OBJECT_CLASS (mml_paths_view_parent_class)->dispose (object);
}

static void
mml_paths_view_class_init (MmlPathsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_paths_view_dispose;

  /**
   * MmlPathsView::root-chosen:
   * @self: the view
   * @folder: the folder the user chose
   *
   * Emitted when a folder was chosen to become a library root.
   */
  signals[ROOT_CHOSEN] =
    g_signal_new ("root-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-paths-view.ui");

  gtk_widget_class_install_action (widget_class, "paths.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "paths.add-root", "ay", add_root_action);
}

static void
mml_paths_view_init (MmlPathsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
