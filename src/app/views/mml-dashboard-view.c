/* mml-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library at a glance: totals, each library folder with its last scan,
 * what needs attention, and the running scan. An empty state sends the user
 * to Paths while there is no library folder.
 */

#define G_LOG_DOMAIN "mml-dashboard-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-dashboard-view.h"
#include "mml-format.h"
#include "widgets/mml-scan-progress.h"

struct _MmlDashboardView
{
  MmlView            parent_instance;

  MmlLibrarySession *session;   /* the one bound, not owned (MmlView owns it) */

  GtkStack          *stack;
  MmlScanProgress   *scan_progress;
  GtkLabel          *series_value;
  GtkLabel          *series_caption;
  GtkLabel          *episodes_value;
  GtkLabel          *episodes_caption;
  GtkLabel          *files_value;
  GtkLabel          *files_caption;
  GtkLabel          *size_value;
  GtkLabel          *size_caption;
  GtkListBox        *roots_list;
  GtkLabel          *unrecognised_count;
  GtkLabel          *missing_count;
};

G_DEFINE_FINAL_TYPE (MmlDashboardView, mml_dashboard_view, MML_TYPE_VIEW)

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%'u", count);

  gtk_label_set_label (label, text);
}

static GtkWidget *
root_row_new (MmlRootTotals *root)
{
  g_autofree char *title = g_filename_display_basename (root->path);
  g_autofree char *path = mml_format_path (root->path);
  g_autofree char *last_scan = mml_format_last_scan (root->last_scan_at, root->last_scan);
  g_autofree char *size = g_format_size (root->size);
  g_autofree char *series = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series", "%u series",
                                                          root->n_series),
                                             root->n_series);
  g_autofree char *subtitle = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  /* Translators: a folder path, then when it was last scanned and what was found */
  subtitle = g_strdup_printf (_("%s\nLast scan: %s"), path, last_scan);
  /* Translators: "12 series · 1.2 GB" */
  summary = g_strdup_printf (_("%s · %s"), series, size);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (root->enabled ? "folder-symbolic"
                                                                         : "folder-remote-symbolic"));
  label = gtk_label_new (summary);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (!root->enabled)
    gtk_widget_add_css_class (row, "dim-label");

  return row;
}

static void
update (MmlDashboardView *self)
{
  GListModel *roots = self->session ? mml_library_session_get_roots (self->session) : NULL;
  MmlLibraryTotals *totals = self->session ? mml_library_session_get_totals (self->session) : NULL;
  GtkWidget *child;

  gtk_stack_set_visible_child_name (self->stack,
                                    roots && g_list_model_get_n_items (roots) > 0 ? "overview" : "empty");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->roots_list))))
    gtk_list_box_remove (self->roots_list, child);

  if (totals == NULL)
    return;

  set_count (self->series_value, totals->n_series);
  set_count (self->episodes_value, totals->n_episodes);
  set_count (self->files_value, totals->n_files);
  {
    g_autofree char *size = g_format_size (totals->total_size);
    gtk_label_set_label (self->size_value, size);
  }

  gtk_label_set_label (self->episodes_caption,
                       g_dngettext (GETTEXT_PACKAGE, "Episode", "Episodes", totals->n_episodes));
  gtk_label_set_label (self->files_caption,
                       g_dngettext (GETTEXT_PACKAGE, "Video File", "Video Files", totals->n_files));

  set_count (self->unrecognised_count, totals->n_unrecognised);
  set_count (self->missing_count, totals->n_missing_files);

  for (guint i = 0; i < totals->roots->len; i++)
    gtk_list_box_append (self->roots_list, root_row_new (g_ptr_array_index (totals->roots, i)));
}

static void
session_totals_cb (MmlDashboardView  *self,
                   GParamSpec        *pspec,
                   MmlLibrarySession *session)
{
  update (self);
}

static void
roots_changed_cb (MmlDashboardView *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  update (self);
}

static void
mml_dashboard_view_session_changed (MmlView *view)
{
  MmlDashboardView *self = MML_DASHBOARD_VIEW (view);
  MmlLibrarySession *session = mml_view_get_session (view);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (mml_library_session_get_roots (self->session), self);
    }

  self->session = session;
  mml_scan_progress_set_session (self->scan_progress, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::totals",
                               G_CALLBACK (session_totals_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_library_session_get_roots (session), "items-changed",
                               G_CALLBACK (roots_changed_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
}

static void
mml_dashboard_view_dispose (GObject *object)
{
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_DASHBOARD_VIEW);

  G_OBJECT_CLASS (mml_dashboard_view_parent_class)->dispose (object);
}

static void
mml_dashboard_view_class_init (MmlDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_dashboard_view_dispose;

  view_class->session_changed = mml_dashboard_view_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, scan_progress);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, series_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, series_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, episodes_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, episodes_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, files_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, files_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, size_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, size_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, roots_list);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, unrecognised_count);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, missing_count);

  g_type_ensure (MML_TYPE_SCAN_PROGRESS);
}

static void
mml_dashboard_view_init (MmlDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mml_dashboard_view_get_stat:
 * @self: a #MmlDashboardView
 * @name: "series", "episodes", "files" or "size"
 *
 * Returns: (nullable): the text of that total, for tests
 */
const char *
mml_dashboard_view_get_stat (MmlDashboardView *self,
                             const char       *name)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_VIEW (self), NULL);

  if (g_strcmp0 (name, "series") == 0)
    return gtk_label_get_label (self->series_value);
  if (g_strcmp0 (name, "episodes") == 0)
    return gtk_label_get_label (self->episodes_value);
  if (g_strcmp0 (name, "files") == 0)
    return gtk_label_get_label (self->files_value);
  if (g_strcmp0 (name, "size") == 0)
    return gtk_label_get_label (self->size_value);

  return NULL;
}
