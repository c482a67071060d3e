/* mml-conflicts-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that needs a human decision. For now: the videos the scanner
 * could not place (open "unrecognised-file" conflicts), each with the
 * library folder it is in. Uncertain matches, watch-state conflicts and
 * rename collisions join them as the matcher and the sync engine land.
 */

#define G_LOG_DOMAIN "mml-conflicts-view"

#include "config.h"

#include "mml-format.h"

#include <glib/gi18n.h>

#include "mml-conflicts-view.h"

struct _MmlConflictsView
{
  MmlView              parent_instance;

  MmlLibrarySession   *session;   /* the one bound, not owned (MmlView owns it) */

  GtkStack            *stack;
  AdwPreferencesGroup *unrecognised_group;
  GtkListBox          *unrecognised_list;
};

G_DEFINE_FINAL_TYPE (MmlConflictsView, mml_conflicts_view, MML_TYPE_VIEW)

static GtkWidget *
create_unrecognised_row (gpointer item,
                         gpointer user_data)
{
  MmlUnrecognisedFile *file = item;
  g_autofree char *name = g_filename_display_basename (mml_unrecognised_file_get_path (file));
  g_autofree char *dir = g_path_get_dirname (mml_unrecognised_file_get_path (file));
  g_autofree char *folder = NULL;
  g_autofree char *folder_display = NULL;
  g_autofree char *root_display = mml_format_path (mml_unrecognised_file_get_root_path (file));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (g_str_equal (dir, "."))
    /* Translators: %s is a library folder */
    subtitle = g_strdup_printf (_("In %s"), root_display);
  else
    {
      folder = g_build_filename (mml_unrecognised_file_get_root_path (file), dir, NULL);
      folder_display = mml_format_path (folder);
      subtitle = g_strdup_printf (_("In %s"), folder_display);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("video-x-generic-symbolic"));
  gtk_widget_set_tooltip_text (row, subtitle);

  return row;
}

static void
update (MmlConflictsView *self)
{
  GListModel *files = self->session ? mml_library_session_get_unrecognised (self->session) : NULL;
  guint n = files ? g_list_model_get_n_items (files) : 0;

  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Unrecognised File",
                                                             "%u Unrecognised Files", n),
                                                n);
      adw_preferences_group_set_title (self->unrecognised_group, title);
    }

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
unrecognised_changed_cb (MmlConflictsView *self,
                         guint             position,
                         guint             removed,
                         guint             added,
                         GListModel       *model)
{
  update (self);
}

static void
mml_conflicts_view_session_changed (MmlView *view)
{
  MmlConflictsView *self = MML_CONFLICTS_VIEW (view);
  MmlLibrarySession *session = mml_view_get_session (view);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (mml_library_session_get_unrecognised (self->session), self);

  self->session = session;

  gtk_list_box_bind_model (self->unrecognised_list,
                           session ? mml_library_session_get_unrecognised (session) : NULL,
                           session ? create_unrecognised_row : NULL, NULL, NULL);

  if (session != NULL)
    g_signal_connect_object (mml_library_session_get_unrecognised (session), "items-changed",
                             G_CALLBACK (unrecognised_changed_cb), self, G_CONNECT_SWAPPED);

  update (self);
}

static void
mml_conflicts_view_dispose (GObject *object)
{
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_CONFLICTS_VIEW);

  G_OBJECT_CLASS (mml_conflicts_view_parent_class)->dispose (object);
}

static void
mml_conflicts_view_class_init (MmlConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_conflicts_view_dispose;

  view_class->session_changed = mml_conflicts_view_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-conflicts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, unrecognised_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, unrecognised_list);
}

static void
mml_conflicts_view_init (MmlConflictsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mml_conflicts_view_get_unrecognised_list:
 * @self: a #MmlConflictsView
 *
 * Returns: (transfer none): the list of unrecognised files, for tests
 */
GtkListBox *
mml_conflicts_view_get_unrecognised_list (MmlConflictsView *self)
{
  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  return self->unrecognised_list;
}
