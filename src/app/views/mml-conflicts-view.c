/* mml-conflicts-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that needs a human decision: series folders the matcher could
 * not name with certainty (open match conflicts, each an
 * MmlMatchConflictRow with its candidates), then the videos the scanner
 * could not place (open "unrecognised-file" conflicts), each with the
 * library folder it is in. Watch-state conflicts and rename collisions join
 * them as the sync engine lands.
 *
 * Both lists are GtkListBoxes bound to the session's models, which keep
 * the items of unchanged conflicts across reloads, so rows (and what the
 * user typed in them) survive a reload; a conflict row builds its candidates
 * only when expanded, so hundreds of conflicts stay cheap.
 */

#define G_LOG_DOMAIN "mml-conflicts-view"

#include "config.h"

#include "mml-format.h"

#include <glib/gi18n.h>

#include "mml-conflicts-view.h"
#include "widgets/mml-match-conflict-row.h"

/* Up to this many conflicts, their rows open expanded */
#define EXPAND_UP_TO 10

struct _MmlConflictsView
{
  MmlView              parent_instance;

  MmlLibrarySession   *session;   /* the one bound, not owned (MmlView owns it) */

  GtkStack            *stack;
  AdwPreferencesGroup *series_group;
  GtkListBox          *series_list;
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

static GtkWidget *
create_match_row (gpointer item,
                  gpointer user_data)
{
  MmlConflictsView *self = user_data;
  GtkWidget *row = mml_match_conflict_row_new (self->session, item);
  GListModel *conflicts = mml_library_session_get_match_conflicts (self->session);

  if (g_list_model_get_n_items (conflicts) <= EXPAND_UP_TO)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  return row;
}

static void
update (MmlConflictsView *self)
{
  GListModel *files = self->session ? mml_library_session_get_unrecognised (self->session) : NULL;
  GListModel *conflicts = self->session ? mml_library_session_get_match_conflicts (self->session) : NULL;
  guint n = files ? g_list_model_get_n_items (files) : 0;
  guint n_conflicts = conflicts ? g_list_model_get_n_items (conflicts) : 0;

  if (n_conflicts > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Series to Confirm",
                                                             "%u Series to Confirm", n_conflicts),
                                                n_conflicts);
      adw_preferences_group_set_title (self->series_group, title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->series_group), n_conflicts > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->unrecognised_group), n > 0);

  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Unrecognised File",
                                                             "%u Unrecognised Files", n),
                                                n);
      adw_preferences_group_set_title (self->unrecognised_group, title);
    }

  gtk_stack_set_visible_child_name (self->stack, n + n_conflicts > 0 ? "list" : "empty");
}

static void
model_changed_cb (MmlConflictsView *self,
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
    {
      g_signal_handlers_disconnect_by_data (mml_library_session_get_unrecognised (self->session), self);
      g_signal_handlers_disconnect_by_data (mml_library_session_get_match_conflicts (self->session), self);
    }

  self->session = session;

  gtk_list_box_bind_model (self->series_list,
                           session ? mml_library_session_get_match_conflicts (session) : NULL,
                           session ? create_match_row : NULL, self, NULL);

  gtk_list_box_bind_model (self->unrecognised_list,
                           session ? mml_library_session_get_unrecognised (session) : NULL,
                           session ? create_unrecognised_row : NULL, NULL, NULL);

  if (session != NULL)
    {
      g_signal_connect_object (mml_library_session_get_unrecognised (session), "items-changed",
                               G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_library_session_get_match_conflicts (session), "items-changed",
                               G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
    }

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
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, series_group);
  gtk_widget_class_bind_template_child (widget_class, MmlConflictsView, series_list);
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

/**
 * mml_conflicts_view_get_match_row:
 * @self: a #MmlConflictsView
 * @index: a position in the list of series to confirm
 *
 * Returns: (transfer none) (nullable): that row, for tests
 */
MmlMatchConflictRow *
mml_conflicts_view_get_match_row (MmlConflictsView *self,
                                  guint             index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MML_IS_CONFLICTS_VIEW (self), NULL);

  row = gtk_list_box_get_row_at_index (self->series_list, (int) index);
  return row ? MML_MATCH_CONFLICT_ROW (row) : NULL;
}
