/* mml-conflicts-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that needs a human decision: uncertain series matches, unmatched
 * files, watch-state conflicts with media servers, rename collisions. Until
 * the matcher and the sync engine land it is an honest empty state.
 */

#define G_LOG_DOMAIN "mml-conflicts-view"

#include "config.h"

#include "mml-conflicts-view.h"

struct _MmlConflictsView
{
  MmlView parent_instance;
};

G_DEFINE_FINAL_TYPE (MmlConflictsView, mml_conflicts_view, MML_TYPE_VIEW)

static void
mml_conflicts_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MML_TYPE_CONFLICTS_VIEW);

  G_OBJECT_CLASS (mml_conflicts_view_parent_class)->dispose (object);
}

static void
mml_conflicts_view_class_init (MmlConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_conflicts_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-conflicts-view.ui");
}

static void
mml_conflicts_view_init (MmlConflictsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
