/* mml-series-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every series of the library, with search. Until a folder has been scanned
 * it shows an empty state under its search entry.
 */

#define G_LOG_DOMAIN "mml-series-view"

#include "config.h"

#include "mml-series-view.h"

struct _MmlSeriesView
{
  MmlView         parent_instance;

  GtkSearchEntry *search_entry;
};

G_DEFINE_FINAL_TYPE (MmlSeriesView, mml_series_view, MML_TYPE_VIEW)

static gboolean
mml_series_view_focus_search (MmlView *view)
{
  MmlSeriesView *self = MML_SERIES_VIEW (view);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mml_series_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MML_TYPE_SERIES_VIEW);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, search_entry);
}

static void
mml_series_view_init (MmlSeriesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
