/* mml-series-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card of the series grid: a poster area (a tinted placeholder until
 * artwork lands), the title, the year and counts, and the subtitle
 * languages. Cards are recycled by the grid, so everything is set from the
 * item in one place.
 */

#define G_LOG_DOMAIN "mml-series-card"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-series-card.h"

/* style.css has a tint per class, so cards are told apart at a glance */
#define N_TINTS 8

struct _MmlSeriesCard
{
  GtkWidget      parent_instance;

  MmlSeriesItem *item;

  GtkWidget     *box;
  GtkWidget     *poster;
  GtkLabel      *title_label;
  GtkLabel      *counts_label;
  GtkLabel      *languages_label;
  guint          tint;
};

G_DEFINE_FINAL_TYPE (MmlSeriesCard, mml_series_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_tint (MmlSeriesCard *self,
          guint          tint)
{
  char name[16];

  g_snprintf (name, sizeof name, "tint-%u", self->tint);
  gtk_widget_remove_css_class (self->poster, name);
  self->tint = tint % N_TINTS;
  g_snprintf (name, sizeof name, "tint-%u", self->tint);
  gtk_widget_add_css_class (self->poster, name);
}

static void
update (MmlSeriesCard *self)
{
  g_autofree char *counts = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *tooltip = NULL;
  const char *title = "";
  const char *langs = NULL;

  if (self->item != NULL)
    {
      int year = mml_series_item_get_year (self->item);
      g_autofree char *series_counts =
        mml_format_series_counts (mml_series_item_get_n_seasons (self->item),
                                  mml_series_item_get_n_episodes (self->item));

      title = mml_series_item_get_title (self->item);
      langs = mml_series_item_get_subtitle_languages (self->item);

      if (year > 0)
        /* Translators: a year, then "3 seasons · 48 episodes" */
        counts = g_strdup_printf (_("%d · %s"), year, series_counts);
      else
        counts = g_steal_pointer (&series_counts);

      if (langs != NULL)
        /* Translators: %s is a list of language codes such as "en, he" */
        languages = g_strdup_printf (_("Subtitles: %s"), langs);
      else
        languages = g_strdup (_("No subtitles"));

      set_tint (self, g_str_hash (title));
      tooltip = g_strdup (title);
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->counts_label, counts ? counts : "");
  gtk_label_set_label (self->languages_label, languages ? languages : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}

static void
mml_series_card_dispose (GObject *object)
{
  MmlSeriesCard *self = MML_SERIES_CARD (object);

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERIES_CARD);

  G_OBJECT_CLASS (mml_series_card_parent_class)->dispose (object);
}

static void
mml_series_card_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MmlSeriesCard *self = MML_SERIES_CARD (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_card_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MmlSeriesCard *self = MML_SERIES_CARD (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      mml_series_card_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_card_class_init (MmlSeriesCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_series_card_dispose;
  object_class->get_property = mml_series_card_get_property;
  object_class->set_property = mml_series_card_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, MML_TYPE_SERIES_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-card.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesCard, box);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesCard, poster);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesCard, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesCard, languages_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "seriescard");
}

static void
mml_series_card_init (MmlSeriesCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_tint (self, 0);
}

/**
 * mml_series_card_get_item:
 *
 * Returns: (transfer none) (nullable): the series shown
 */
MmlSeriesItem *
mml_series_card_get_item (MmlSeriesCard *self)
{
  g_return_val_if_fail (MML_IS_SERIES_CARD (self), NULL);
  return self->item;
}

void
mml_series_card_set_item (MmlSeriesCard *self,
                          MmlSeriesItem *item)
{
  g_return_if_fail (MML_IS_SERIES_CARD (self));
  g_return_if_fail (item == NULL || MML_IS_SERIES_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
