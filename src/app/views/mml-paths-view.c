/* mml-paths-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Library roots. The "Add Folder" button opens a folder chooser; the chosen
 * folder goes through the "paths.add-root" action (a bytestring, because a
 * path need not be UTF-8), is announced by the "root-chosen" signal and is
 * added through the engine, which then scans it. Each root is an
 * MmlRootGroup; the groups are kept (and updated) across reloads, so a
 * reload never steals the focus from a switch or a combo row.
 */

#define G_LOG_DOMAIN "mml-paths-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-paths-view.h"
#include "widgets/mml-root-group.h"
#include "widgets/mml-scan-progress.h"

struct _MmlPathsView
{
  MmlView               parent_instance;

  GtkFileChooserNative *chooser;
  MmlEngine    *engine;   /* the one bound, not owned (MmlView owns it) */

  GtkStack             *stack;
  GtkBox               *roots_box;
  MmlScanProgress      *scan_progress;
};

G_DEFINE_FINAL_TYPE (MmlPathsView, mml_paths_view, MML_TYPE_VIEW)

enum {
  ROOT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static MmlRootGroup *
find_group (MmlPathsView *self,
            gint64        root_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->roots_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (mml_root_get_id (mml_root_group_get_root (MML_ROOT_GROUP (child))) == root_id)
      return MML_ROOT_GROUP (child);

  return NULL;
}

static void
sync_roots (MmlPathsView *self)
{
  GListModel *roots = self->engine ? mml_library_controller_get_roots (mml_engine_get_library (self->engine)) : NULL;
  guint n = roots ? g_list_model_get_n_items (roots) : 0;
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();
  GtkWidget *child;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlRoot) root = g_list_model_get_item (roots, i);
      MmlRootGroup *group = find_group (self, mml_root_get_id (root));

      if (group != NULL)
        mml_root_group_set_root (group, root);
      else
        {
          group = MML_ROOT_GROUP (mml_root_group_new (self->engine, root));
          gtk_box_append (self->roots_box, GTK_WIDGET (group));
        }
      g_ptr_array_add (keep, group);
    }

  /* Drop the groups of removed roots, and keep the model's order */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->roots_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!g_ptr_array_find (keep, child, NULL))
        gtk_box_remove (self->roots_box, child);
      child = next;
    }
  for (guint i = 0; i < keep->len; i++)
    gtk_box_reorder_child_after (self->roots_box, g_ptr_array_index (keep, i),
                                 i > 0 ? g_ptr_array_index (keep, i - 1) : NULL);

  /* until the first load answers, an empty list says nothing yet */
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 ? "list" :
                                    self->engine != NULL && mml_library_controller_get_loaded (mml_engine_get_library (self->engine))
                                    ? "empty" : "loading");
}

static void
roots_changed_cb (MmlPathsView *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  sync_roots (self);
}

static void
root_mode_changed_cb (MmlPathsView      *self,
                      gint64             root_id,
                      gpointer  emitter)
{
  MmlRootGroup *group = find_group (self, root_id);

  if (group != NULL)
    mml_root_group_update_mode (group);
}

static void
watcher_changed_cb (MmlPathsView      *self,
                    GParamSpec        *pspec,
                    gpointer  emitter)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->roots_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mml_root_group_update_mode (MML_ROOT_GROUP (child));
}

static void
engine_scanning_cb (MmlPathsView         *self,
                    GParamSpec           *pspec,
                    MmlLibraryController *library)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "paths.scan-all",
                                 !mml_library_controller_get_scanning (library));
}

static void
root_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MmlPathsView) self = user_data;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  root = mml_library_controller_add_root_finish (MML_LIBRARY_CONTROLLER (object), result, &error);
  if (root == NULL)
    {
      AdwToast *toast;

      /* Translators: %s is the reason, e.g. "“/srv/tv” is inside library folder 1 (“/srv”)" */
      message = g_strdup_printf (_("Cannot add the folder: %s"), error->message);
      escaped = g_markup_escape_text (message, -1);
      toast = adw_toast_new (escaped);
      adw_toast_set_timeout (toast, 0);   /* an error stays until read */
      mml_view_add_toast (MML_VIEW (self), toast);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (mml_root_get_path (root));

    /* Translators: %s is the name of the folder the user picked */
    message = g_strdup_printf (_("“%s” added to the library; scanning it now"), name);
    escaped = g_markup_escape_text (message, -1);
    mml_view_add_toast (MML_VIEW (self), adw_toast_new (escaped));
  }
}

/* the library's first load answered: an empty model means empty now */
static void
loaded_changed_cb (MmlPathsView *self,
                   GParamSpec   *pspec,
                   gpointer      emitter)
{
  sync_roots (self);
}

static void
mml_paths_view_engine_changed (MmlView *view)
{
  MmlPathsView *self = MML_PATHS_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_roots (mml_engine_get_library (self->engine)), self);
    }

  self->engine = engine;
  mml_scan_progress_set_engine (self->scan_progress, engine);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_library_controller_get_roots (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (roots_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "root-mode-changed",
                               G_CALLBACK (root_mode_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::watcher",
                               G_CALLBACK (watcher_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::scanning",
                               G_CALLBACK (engine_scanning_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::loaded",
                               G_CALLBACK (loaded_changed_cb), self, G_CONNECT_SWAPPED);
      engine_scanning_cb (self, NULL, mml_engine_get_library (engine));
    }

  sync_roots (self);
}

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

  if (path == NULL || !g_path_is_absolute (path))
    {
      g_warning ("paths.add-root needs an absolute path");
      return;
    }

  folder = g_file_new_for_path (path);
  g_signal_emit (self, signals[ROOT_CHOSEN], 0, folder);

  if (self->engine == NULL)
    return;

  mml_library_controller_add_root_async (mml_engine_get_library (self->engine), path, MML_ROOT_KIND_STANDARD, NULL,
                                      root_added_cb, g_object_ref (self));
}

static void
scan_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlPathsView *self = MML_PATHS_VIEW (widget);

  if (self->engine != NULL)
    mml_library_controller_scan (mml_engine_get_library (self->engine), MML_SCAN_QUICK, 0);
}

static void
mml_paths_view_dispose (GObject *object)
{
  MmlPathsView *self = MML_PATHS_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  mml_view_dispose_template (MML_VIEW (self), MML_TYPE_PATHS_VIEW);

  G_OBJECT_CLASS (mml_paths_view_parent_class)->dispose (object);
}

static void
mml_paths_view_class_init (MmlPathsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_paths_view_dispose;

  view_class->engine_changed = mml_paths_view_engine_changed;

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
  gtk_widget_class_bind_template_child (widget_class, MmlPathsView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlPathsView, roots_box);
  gtk_widget_class_bind_template_child (widget_class, MmlPathsView, scan_progress);

  gtk_widget_class_install_action (widget_class, "paths.add-root", "ay", add_root_action);
  gtk_widget_class_install_action (widget_class, "paths.scan-all", NULL, scan_all_action);

  g_type_ensure (MML_TYPE_SCAN_PROGRESS);
}

static void
mml_paths_view_init (MmlPathsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
