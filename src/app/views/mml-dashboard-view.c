/* mml-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library at a glance. Until the store lands it is an empty state that
 * sends the user to Paths, where a library starts.
 */

#define G_LOG_DOMAIN "mml-dashboard-view"

#include "config.h"

#include "mml-dashboard-view.h"

struct _MmlDashboardView
{
  MmlView parent_instance;
};

G_DEFINE_FINAL_TYPE (MmlDashboardView, mml_dashboard_view, MML_TYPE_VIEW)

static void
mml_dashboard_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MML_TYPE_DASHBOARD_VIEW);

  G_OBJECT_CLASS (mml_dashboard_view_parent_class)->dispose (object);
}

static void
mml_dashboard_view_class_init (MmlDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_dashboard_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-dashboard-view.ui");
}

static void
mml_dashboard_view_init (MmlDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
