/* mml-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a sidebar listing the views and a content pane
 * holding them in an AdwViewStack, in an AdwLeaflet that folds on narrow
 * windows. The sidebar is built from the stack's pages, so the title and the
 * icon of each view live in one place (the view's own template).
 */

#define G_LOG_DOMAIN "mml-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-window.h"

#include "views/mml-activity-view.h"
#include "views/mml-calendar-view.h"
#include "views/mml-conflicts-view.h"
#include "views/mml-dashboard-view.h"
#include "views/mml-paths-view.h"
#include "views/mml-series-view.h"
#include "views/mml-settings-view.h"
#include "views/mml-transfers-view.h"
#include "views/mml-wanted-view.h"

struct _MmlWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GtkSelectionModel    *pages;

  AdwLeaflet           *leaflet;
  GtkWidget            *content_pane;
  GtkListBox           *sidebar;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *content_title;
  MmlSeriesView        *series_view;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  MmlEngine            *engine;

  guint                 syncing_sidebar : 1;
};

G_DEFINE_FINAL_TYPE (MmlWindow, mml_window, ADW_TYPE_APPLICATION_WINDOW)

#define VIEW_NAME_KEY "mml-view-name"

static void
show_content (MmlWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static gboolean
badge_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  guint n = g_value_get_uint (from);

  /* a count past a thousand reads as one: the view has the number */
  g_value_take_string (to, n > 999 ? g_strdup ("999+") : g_strdup_printf ("%u", n));
  return TRUE;
}

static gboolean
badge_to_visible (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  g_value_set_boolean (to, g_value_get_uint (from) > 0);
  return TRUE;
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  AdwViewStackPage *page = item;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;
  GtkWidget *badge;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  image = gtk_image_new ();
  g_object_bind_property (page, "icon-name", image, "icon-name", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), image);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_bind_property (page, "title", label, "label", G_BINDING_SYNC_CREATE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  /* what waits there: missing episodes, conflicts to resolve */
  badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (badge, "sidebar-badge");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  g_object_bind_property_full (page, "badge-number", badge, "label", G_BINDING_SYNC_CREATE,
                               badge_to_label, NULL, NULL, NULL);
  g_object_bind_property_full (page, "badge-number", badge, "visible", G_BINDING_SYNC_CREATE,
                               badge_to_visible, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (box), badge);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), VIEW_NAME_KEY,
                          g_strdup (adw_view_stack_page_get_name (page)), g_free);

  return row;
}

static void
sync_sidebar_selection (MmlWindow  *self,
                        const char *name)
{
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (self->pages));

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);

      if (g_strcmp0 (adw_view_stack_page_get_name (page), name) == 0)
        {
          self->syncing_sidebar = TRUE;
          gtk_list_box_select_row (self->sidebar,
                                   gtk_list_box_get_row_at_index (self->sidebar, i));
          self->syncing_sidebar = FALSE;
          break;
        }
    }
}

/* One header per page: a series page brings its own (back, the series,
 * its actions), and the window's steps aside while it shows. */
static void
update_content_header (MmlWindow *self)
{
  gboolean page = mml_series_view_get_page_open (self->series_view) &&
                  adw_view_stack_get_visible_child (self->stack) == GTK_WIDGET (self->series_view);

  gtk_widget_set_visible (GTK_WIDGET (self->content_header), !page);
}

static void
visible_child_changed_cb (MmlWindow    *self,
                          GParamSpec   *pspec,
                          AdwViewStack *stack)
{
  GtkWidget *child = adw_view_stack_get_visible_child (stack);
  const char *name = adw_view_stack_get_visible_child_name (stack);
  GAction *action;
  gboolean can_search = FALSE;

  g_assert (MML_IS_WINDOW (self));

  if (name == NULL)
    return;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "view");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));

  if (MML_IS_VIEW (child))
    {
      adw_window_title_set_title (self->content_title, mml_view_get_title (MML_VIEW (child)));
      can_search = mml_view_get_can_search (MML_VIEW (child));
    }

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "search");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), can_search);

  sync_sidebar_selection (self, name);
  update_content_header (self);
}

static void
sidebar_row_selected_cb (MmlWindow     *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  const char *name;

  if (self->syncing_sidebar || row == NULL)
    return;

  name = g_object_get_data (G_OBJECT (row), VIEW_NAME_KEY);
  g_action_group_activate_action (G_ACTION_GROUP (self), "view", g_variant_new_string (name));
}

static void
sidebar_row_activated_cb (MmlWindow     *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  show_content (self);
}

static void
view_change_state (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);
  const char *name = g_variant_get_string (state, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  g_simple_action_set_state (action, state);
  adw_view_stack_set_visible_child_name (self->stack, name);
  show_content (self);
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);

  if (!MML_IS_VIEW (child) || !mml_view_get_can_search (MML_VIEW (child)))
    return;

  show_content (self);
  mml_view_focus_search (MML_VIEW (child));
}

static void
back_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);

  /* a series page open in the Series view goes back to the series first */
  if (MML_IS_SERIES_VIEW (child) && mml_series_view_get_page_open (MML_SERIES_VIEW (child)))
    {
      gtk_widget_activate_action (child, "series.back", NULL);
      return;
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+R: every library folder looked at again (a quick scan) */
static void
scan_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);

  if (self->engine != NULL)
    mml_library_controller_scan (mml_engine_get_library (self->engine), MML_SCAN_QUICK, 0);
}

/* Ctrl+Shift+R: the metadata of the series that are due, as Settings'
 * Refresh Now */
static void
refresh_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);

  if (self->engine != NULL)
    mml_metadata_controller_refresh (mml_engine_get_metadata (self->engine), FALSE, 0);
}

/* Ctrl+N anywhere: to the Series view, and its Add series dialog */
static void
add_series_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);
  GtkWidget *series = adw_view_stack_get_child_by_name (self->stack, "series");

  if (series == NULL)
    return;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "view", g_variant_new_string ("series"));
  gtk_widget_activate_action (series, "series.add", NULL);
}

/* win.open-series(x): any view's way to a series page (Wanted, Dashboard) */
static void
open_series_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  MmlWindow *self = MML_WINDOW (user_data);
  GtkWidget *series = adw_view_stack_get_child_by_name (self->stack, "series");
  gint64 id = g_variant_get_int64 (param);

  if (series == NULL || id <= 0)
    return;
  mml_series_view_open_id (MML_SERIES_VIEW (series), id);
  g_action_group_change_action_state (G_ACTION_GROUP (self), "view", g_variant_new_string ("series"));
}

static const GActionEntry win_entries[] = {
  { .name = "view", .parameter_type = "s", .state = "'dashboard'", .change_state = view_change_state },
  { .name = "search", .activate = search_action },
  { .name = "back", .activate = back_action },
  { .name = "add-series", .activate = add_series_action },
  { .name = "open-series", .parameter_type = "x", .activate = open_series_action },
  { .name = "scan", .activate = scan_action },
  { .name = "refresh", .activate = refresh_action },
};

static void
mml_window_save_state (MmlWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-view",
                         adw_view_stack_get_visible_child_name (self->stack));
  g_settings_apply (self->settings);
}

static void
mml_window_restore_state (MmlWindow *self)
{
  g_autofree char *last_view = NULL;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (self->settings, "last-view");
  if (adw_view_stack_get_child_by_name (self->stack, last_view) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, last_view);
}

/* AdwToast titles are markup */
static void
add_text_toast (MmlWindow  *self,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
engine_error_cb (MmlWindow         *self,
                  const char        *message,
                  gpointer  emitter)
{
  add_text_toast (self, message);
}

static void
scan_finished_cb (MmlWindow         *self,
                          MmlScanSummary    *summary,
                          GError            *error,
                          gpointer  emitter)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (_("Scan cancelled"));
  else if (error != NULL)
    /* Translators: %s is the reason */
    text = g_strdup_printf (_("Scan failed: %s"), error->message);
  else if (summary != NULL && summary->errors > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Scan finished with %u error",
                                         "Scan finished with %u errors",
                                         summary->errors),
                            summary->errors);
  else if (summary != NULL)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Scan finished: %u new file",
                                         "Scan finished: %u new files",
                                         summary->added),
                            summary->added);

  if (text != NULL)
    add_text_toast (self, text);
}

static void
meta_finished_cb (MmlWindow               *self,
                          const MmlMetaRunSummary *summary,
                          const GError            *error,
                          gpointer        emitter)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (_("Matching stopped; what was done is saved"));
  else if (error != NULL)
    /* Translators: %s is the reason */
    text = g_strdup_printf (_("Metadata could not be fetched: %s"), error->message);
  else if (summary != NULL && summary->conflicts > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u series matched, %u to confirm in Conflicts",
                                         "%u series matched, %u to confirm in Conflicts",
                                         summary->accepted),
                            summary->accepted, summary->conflicts);
  else if (summary != NULL && summary->accepted > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u series updated",
                                         "%u series updated",
                                         summary->accepted),
                            summary->accepted);

  if (text != NULL)
    add_text_toast (self, text);
}

/* Hands the application's library to every view */
static void
bind_engine (MmlWindow         *self,
              MmlEngine         *engine)
{
  guint n_pages;

  if (engine == NULL)
    return;

  g_set_object (&self->engine, engine);
  n_pages = g_list_model_get_n_items (G_LIST_MODEL (self->pages));
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (MML_IS_VIEW (child))
        mml_view_set_engine (MML_VIEW (child), engine);
    }

  g_signal_connect_object (engine, "error",
                           G_CALLBACK (engine_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_library (engine), "scan-finished",
                           G_CALLBACK (scan_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_metadata (engine), "finished",
                           G_CALLBACK (meta_finished_cb), self, G_CONNECT_SWAPPED);
}

static gboolean
mml_window_close_request (GtkWindow *window)
{
  mml_window_save_state (MML_WINDOW (window));

  return GTK_WINDOW_CLASS (mml_window_parent_class)->close_request (window);
}

static void
mml_window_dispose (GObject *object)
{
  MmlWindow *self = MML_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_WINDOW);
  g_clear_object (&self->pages);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (mml_window_parent_class)->dispose (object);
}

static void
mml_window_class_init (MmlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mml_window_dispose;

  window_class->close_request = mml_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, series_view);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MmlWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  g_type_ensure (MML_TYPE_DASHBOARD_VIEW);
  g_type_ensure (MML_TYPE_SERIES_VIEW);
  g_type_ensure (MML_TYPE_WANTED_VIEW);
  g_type_ensure (MML_TYPE_CALENDAR_VIEW);
  g_type_ensure (MML_TYPE_PATHS_VIEW);
  g_type_ensure (MML_TYPE_CONFLICTS_VIEW);
  g_type_ensure (MML_TYPE_ACTIVITY_VIEW);
  g_type_ensure (MML_TYPE_TRANSFERS_VIEW);
  g_type_ensure (MML_TYPE_SETTINGS_VIEW);
}

static void
mml_window_init (MmlWindow *self)
{
  self->settings = g_settings_new (APP_ID_BASE);

  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_entries, G_N_ELEMENTS (win_entries),
                                   self);

  self->pages = adw_view_stack_get_pages (self->stack);
  gtk_list_box_bind_model (self->sidebar, G_LIST_MODEL (self->pages),
                           create_sidebar_row, self, NULL);

  mml_window_restore_state (self);

  g_signal_connect_object (self->stack,
                           "notify::visible-child-name",
                           G_CALLBACK (visible_child_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  visible_child_changed_cb (self, NULL, self->stack);
  g_signal_connect_object (self->series_view, "notify::page-open",
                           G_CALLBACK (update_content_header), self, G_CONNECT_SWAPPED);
  /* the page's header shows the window buttons the window's would */
  g_object_bind_property (self->leaflet, "folded",
                          mml_series_page_get_header_bar (mml_series_view_get_page (self->series_view)),
                          "show-start-title-buttons", G_BINDING_SYNC_CREATE);

  /* On a narrow window, open on the content; the back button leads to the sidebar */
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

/**
 * mml_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window
 */
MmlWindow *
mml_window_new (MmlApplication *application)
{
  MmlWindow *self;

  g_return_val_if_fail (MML_IS_APPLICATION (application), NULL);

  self = g_object_new (MML_TYPE_WINDOW,
                       "application", application,
                       NULL);
  bind_engine (self, mml_application_get_engine (application));

  return self;
}

/**
 * mml_window_get_stack:
 * @self: a #MmlWindow
 *
 * Returns: (transfer none): the stack of views
 */
AdwViewStack *
mml_window_get_stack (MmlWindow *self)
{
  g_return_val_if_fail (MML_IS_WINDOW (self), NULL);

  return self->stack;
}

/**
 * mml_window_get_view:
 * @self: a #MmlWindow
 * @name: a view name ("dashboard", "series", "wanted", "calendar", "paths", "conflicts", "activity", "transfers", "settings")
 *
 * Returns: (transfer none) (nullable): the view called @name
 */
MmlView *
mml_window_get_view (MmlWindow  *self,
                     const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (MML_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  child = adw_view_stack_get_child_by_name (self->stack, name);

  return MML_IS_VIEW (child) ? MML_VIEW (child) : NULL;
}

/**
 * mml_window_add_toast:
 * @self: a #MmlWindow
 * @toast: (transfer full): a toast
 *
 * Shows @toast over the content pane.
 */
void
mml_window_add_toast (MmlWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (MML_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
