/* mml-series-list-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the series list: a small poster, the title over "year ·
 * network · status · language", the missing / upcoming / match badges and
 * the counts. Rows are recycled by the list, so everything is set from the
 * item in one place.
 */

#define G_LOG_DOMAIN "mml-series-list-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-poster-image.h"
#include "mml-series-list-row.h"
#include "mml-series-tile.h"

struct _MmlSeriesListRow
{
  GtkWidget       parent_instance;

  MmlSeriesItem  *item;

  GtkWidget      *box;
  MmlPosterImage *poster;
  GtkLabel       *title_label;
  GtkLabel       *details_label;
  GtkLabel       *missing_badge;
  GtkLabel       *upcoming_badge;
  GtkLabel       *match_badge;
  GtkLabel       *subtitles_badge;
  GtkLabel       *counts_label;
};

G_DEFINE_FINAL_TYPE (MmlSeriesListRow, mml_series_list_row, GTK_TYPE_WIDGET)

static void
update (MmlSeriesListRow *self)
{
  MmlSeriesItem *item = self->item;
  g_autofree char *details = NULL;
  g_autofree char *counts = NULL;

  if (item == NULL)
    {
      mml_poster_image_set_poster (self->poster, NULL, NULL);
      mml_series_badge_set_missing (self->missing_badge, 0);
      mml_series_badge_set_upcoming (self->upcoming_badge, 0);
      mml_series_badge_set_match (self->match_badge, NULL);
      mml_series_badge_set_subtitles (self->subtitles_badge, NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->details_label, "");
      gtk_label_set_label (self->counts_label, "");
      return;
    }

  details = mml_series_item_describe (item, TRUE);
  counts = mml_format_series_counts (mml_series_item_get_n_seasons (item),
                                     mml_series_item_get_n_episodes (item));
  mml_poster_image_set_poster (self->poster, mml_series_item_get_poster_url (item),
                               mml_series_item_get_title (item));
  mml_series_badge_set_missing (self->missing_badge, mml_series_item_get_n_missing (item));
  mml_series_badge_set_upcoming (self->upcoming_badge, mml_series_item_get_n_upcoming (item));
  mml_series_badge_set_match (self->match_badge, mml_series_item_get_match_state (item));
  mml_series_badge_set_subtitles (self->subtitles_badge, item);
  gtk_label_set_label (self->title_label, mml_series_item_get_title (item));
  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), *details != '\0');
  gtk_label_set_label (self->counts_label, counts);
}

static void
mml_series_list_row_dispose (GObject *object)
{
  MmlSeriesListRow *self = MML_SERIES_LIST_ROW (object);

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERIES_LIST_ROW);

  G_OBJECT_CLASS (mml_series_list_row_parent_class)->dispose (object);
}

static void
mml_series_list_row_class_init (MmlSeriesListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_series_list_row_dispose;

  g_type_ensure (MML_TYPE_POSTER_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, box);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, poster);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, missing_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, upcoming_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, match_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, subtitles_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesListRow, counts_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "seriesrow");
}

static void
mml_series_list_row_init (MmlSeriesListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mml_series_list_row_new (MmlPosterCache *cache)
{
  MmlSeriesListRow *self = g_object_new (MML_TYPE_SERIES_LIST_ROW, NULL);

  mml_poster_image_set_cache (self->poster, cache);

  return GTK_WIDGET (self);
}

/**
 * mml_series_list_row_get_item:
 *
 * Returns: (transfer none) (nullable): the series shown
 */
MmlSeriesItem *
mml_series_list_row_get_item (MmlSeriesListRow *self)
{
  g_return_val_if_fail (MML_IS_SERIES_LIST_ROW (self), NULL);
  return self->item;
}

void
mml_series_list_row_set_item (MmlSeriesListRow  *self,
                         MmlSeriesItem *item)
{
  g_return_if_fail (MML_IS_SERIES_LIST_ROW (self));
  g_return_if_fail (item == NULL || MML_IS_SERIES_ITEM (item));

  g_set_object (&self->item, item);
  update (self);
}
