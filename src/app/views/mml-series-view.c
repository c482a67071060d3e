/* mml-series-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every series of the library as a grid of cards, with instant search, and
 * the page of one series. The models, from the template:
 *
 *   session series (GListStore) → GtkSortListModel (title)
 *     → GtkFilterListModel (GtkStringFilter bound to the search entry)
 *     → GtkNoSelection → GtkGridView
 *
 * Sorting comes before filtering so that a keystroke only filters an
 * already sorted list (5,000 series are sorted once per reload, not once
 * per keystroke). The grid only creates the cards on screen.
 */

#define G_LOG_DOMAIN "mml-series-view"

#include "config.h"

#include "mml-series-view.h"
#include "mml-series-page.h"
#include "widgets/mml-series-card.h"

struct _MmlSeriesView
{
  MmlView             parent_instance;

  MmlLibrarySession  *session;   /* the one bound, not owned (MmlView owns it) */

  GtkStack           *page_stack;
  GtkStack           *content_stack;
  GtkSearchEntry     *search_entry;
  GtkGridView        *grid_view;
  GtkNoSelection     *selection;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  MmlSeriesPage      *series_page;
};

G_DEFINE_FINAL_TYPE (MmlSeriesView, mml_series_view, MML_TYPE_VIEW)

static void
update_content (MmlSeriesView *self)
{
  GListModel *all = self->session ? mml_library_session_get_series (self->session) : NULL;
  guint n_all = all ? g_list_model_get_n_items (all) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  const char *page;

  if (n_all == 0)
    page = "empty";
  else if (n_shown == 0)
    page = "no-results";
  else
    page = "grid";

  gtk_stack_set_visible_child_name (self->content_stack, page);
}

static void
models_changed_cb (MmlSeriesView *self,
                   guint          position,
                   guint          removed,
                   guint          added,
                   GListModel    *model)
{
  update_content (self);
}

static void
grid_activate_cb (MmlSeriesView *self,
                  guint          position,
                  GtkGridView   *grid_view)
{
  g_autoptr(MmlSeriesItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item == NULL || self->session == NULL)
    return;

  mml_series_page_show (self->series_page, self->session, item);
  gtk_stack_set_visible_child_name (self->page_stack, "series");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MmlSeriesView *self = MML_SERIES_VIEW (widget);

  gtk_stack_set_visible_child_name (self->page_stack, "all");
}

static gboolean
mml_series_view_focus_search (MmlView *view)
{
  MmlSeriesView *self = MML_SERIES_VIEW (view);

  gtk_stack_set_visible_child_name (self->page_stack, "all");
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mml_series_view_session_changed (MmlView *view)
{
  MmlSeriesView *self = MML_SERIES_VIEW (view);
  MmlLibrarySession *session = mml_view_get_session (view);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (mml_library_session_get_series (self->session), self);

  self->session = session;
  gtk_sort_list_model_set_model (self->sort_model,
                                 session ? mml_library_session_get_series (session) : NULL);

  if (session != NULL)
    g_signal_connect_object (mml_library_session_get_series (session), "items-changed",
                             G_CALLBACK (models_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->page_stack, "all");
  update_content (self);
}

static void
mml_series_view_dispose (GObject *object)
{
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_SERIES_VIEW);

  G_OBJECT_CLASS (mml_series_view_parent_class)->dispose (object);
}

static void
mml_series_view_class_init (MmlSeriesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_series_view_dispose;

  view_class->focus_search = mml_series_view_focus_search;
  view_class->session_changed = mml_series_view_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, selection);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, series_page);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "series.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "series.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "series.back", NULL);

  g_type_ensure (MML_TYPE_SERIES_ITEM);
  g_type_ensure (MML_TYPE_SERIES_CARD);
  g_type_ensure (MML_TYPE_SERIES_PAGE);
}

static void
mml_series_view_init (MmlSeriesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (models_changed_cb), self, G_CONNECT_SWAPPED);
  update_content (self);
}

/**
 * mml_series_view_get_model:
 * @self: a #MmlSeriesView
 *
 * Returns: (transfer none): the model the grid shows (sorted and filtered)
 */
GListModel *
mml_series_view_get_model (MmlSeriesView *self)
{
  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * mml_series_view_get_page:
 * @self: a #MmlSeriesView
 *
 * Returns: (transfer none): the series page
 */
MmlSeriesPage *
mml_series_view_get_page (MmlSeriesView *self)
{
  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), NULL);

  return self->series_page;
}

/**
 * mml_series_view_open:
 * @self: a #MmlSeriesView
 * @position: a position in mml_series_view_get_model()
 *
 * Opens the page of the series at @position, as activating its card does.
 */
void
mml_series_view_open (MmlSeriesView *self,
                      guint          position)
{
  g_return_if_fail (MML_IS_SERIES_VIEW (self));

  grid_activate_cb (self, position, self->grid_view);
}
