/* mml-series-tile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card of the series grid: the poster (loaded while on screen), a badge
 * for the missing episodes, one for a series that is not matched and one
 * for its subtitle status, then
 * the title and "year · network". Cards are recycled by the grid, so
 * everything is set from the item in one place.
 *
 * The badge helpers here are shared by the list rows and the series page.
 */

#define G_LOG_DOMAIN "mml-series-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-language.h"
#include "mml-poster-image.h"
#include "mml-series-tile.h"
#include "mml-ui-util.h"

struct _MmlSeriesTile
{
  GtkWidget       parent_instance;

  MmlSeriesItem  *item;

  GtkWidget      *box;
  MmlPosterImage *poster;
  GtkLabel       *missing_badge;
  GtkLabel       *match_badge;
  GtkLabel       *subtitles_badge;
  GtkLabel       *title_label;
  GtkLabel       *details_label;
};

G_DEFINE_FINAL_TYPE (MmlSeriesTile, mml_series_tile, GTK_TYPE_WIDGET)

static const char * const match_classes[] = { "conflict", "unmatched", "ignored" };

/* --- shared helpers --------------------------------------------------------- */

/**
 * mml_series_status_label:
 * @status: (nullable): "continuing", "ended", "upcoming", "tbd"
 *
 * Returns: (nullable): the status for people, %NULL when unknown
 */
const char *
mml_series_status_label (const char *status)
{
  if (g_strcmp0 (status, "continuing") == 0)
    return _("Continuing");
  if (g_strcmp0 (status, "ended") == 0)
    return _("Ended");
  if (g_strcmp0 (status, "upcoming") == 0)
    return _("In development");
  if (g_strcmp0 (status, "tbd") == 0)
    return _("To be determined");

  return NULL;
}

/* Shows @badge for a series that needs attention, hides it when matched */
void
mml_series_badge_set_match (GtkLabel   *badge,
                            const char *match_state)
{
  const char *text = NULL;
  const char *css = NULL;
  const char *tooltip = NULL;

  if (g_strcmp0 (match_state, "conflict") == 0)
    {
      text = _("Conflict");
      css = "conflict";
      tooltip = _("Several series could match: choose one in Conflicts");
    }
  else if (g_strcmp0 (match_state, "none") == 0)
    {
      text = _("Not matched");
      css = "unmatched";
      tooltip = _("Not matched to a series of the metadata provider yet");
    }
  else if (g_strcmp0 (match_state, "ignored") == 0)
    {
      text = _("Ignored");
      css = "ignored";
      tooltip = _("This folder is left out of matching");
    }

  for (guint i = 0; i < G_N_ELEMENTS (match_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (badge), match_classes[i]);
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (badge), css);

  gtk_label_set_label (badge, text ? text : "");
  mml_ui_set_tooltip (GTK_WIDGET (badge), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (badge), text != NULL);
}

void
mml_series_badge_set_missing (GtkLabel *badge,
                              guint     n_missing)
{
  g_autofree char *text = NULL;

  if (n_missing > 0)
    /* Translators: a badge on a series: episodes that aired and have no file */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missing", "%u missing", n_missing),
                            n_missing);

  gtk_label_set_label (badge, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (badge), text != NULL);
}

void
mml_series_badge_set_upcoming (GtkLabel *badge,
                               guint     n_upcoming)
{
  g_autofree char *text = NULL;

  if (n_upcoming > 0)
    /* Translators: a badge on a series: episodes that air after today */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u upcoming", "%u upcoming", n_upcoming),
                            n_upcoming);

  gtk_label_set_label (badge, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (badge), text != NULL);
}

static const char * const subtitle_classes[] = { "subs-none", "subs-mixed", "subs-with" };

/* The language's name in the user's language, its code when unknown */
static const char *
language_display_name (const char *code)
{
  const char *name = code != NULL ? mml_language_get_display_name (code) : NULL;

  return name != NULL ? name : code != NULL ? code : "";
}

/**
 * mml_series_describe_subtitles:
 *
 * Returns: (transfer full): the series' subtitle status in a sentence,
 *   "12 of 20 episodes have Hebrew subtitles", for tooltips and the page
 */
char *
mml_series_describe_subtitles (MmlSeriesItem *item)
{
  const char *language = language_display_name (mml_series_item_get_subtitle_language (item));
  guint on_disk = mml_series_item_get_n_episodes_on_disk (item);
  guint subbed = mml_series_item_get_n_subbed (item);
  MmlSubtitleStatus override;
  g_autofree char *counts = NULL;

  if (on_disk == 0)
    counts = g_strdup (_("No episode on disk yet"));
  else if (subbed == on_disk && on_disk == 1)
    /* Translators: %s is a language, "Hebrew" */
    counts = g_strdup_printf (_("The episode has %s subtitles"), language);
  else if (subbed == on_disk)
    /* Translators: "All 20 episodes have Hebrew subtitles" */
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u episode has %s subtitles",
                                           "All %u episodes have %s subtitles", on_disk),
                              on_disk, language);
  else if (subbed == 0)
    counts = g_strdup_printf (_("No episode has %s subtitles"), language);
  else
    /* Translators: "12 of 20 episodes have Hebrew subtitles" */
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u episode has %s subtitles",
                                           "%u of %u episodes have %s subtitles", on_disk),
                              subbed, on_disk, language);

  if (!mml_series_item_get_subtitle_override (item, &override))
    return g_steal_pointer (&counts);

  /* Translators: %s is "With subtitles", "Some subtitles" or "No subtitles",
   * then what the files say */
  return g_strdup_printf (_("Set by you: %s. %s"), mml_subtitle_status_get_label (override), counts);
}

/**
 * mml_series_badge_set_subtitles:
 * @item: (nullable): the series
 *
 * Shows the series' subtitle status, colour-coded (green with, purple
 * some, grey none) and said in words (the text and the tooltip); hidden
 * for a series with no episode to judge and no status set by the user.
 */
void
mml_series_badge_set_subtitles (GtkLabel      *badge,
                                MmlSeriesItem *item)
{
  MmlSubtitleStatus status = MML_SUBTITLE_STATUS_NONE;
  gboolean shown = FALSE;
  g_autofree char *tooltip = NULL;
  const char *text = NULL;

  if (item != NULL)
    {
      status = mml_series_item_get_subtitle_status (item);
      shown = mml_series_item_get_n_episodes_on_disk (item) > 0 ||
              mml_series_item_get_subtitle_override (item, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (subtitle_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (badge), subtitle_classes[i]);

  if (shown)
    {
      switch (status)
        {
        case MML_SUBTITLE_STATUS_WITH:
          /* Translators: a badge on a series: every episode has subtitles */
          text = C_("badge", "With subtitles");
          break;
        case MML_SUBTITLE_STATUS_MIXED:
          /* Translators: a badge on a series: some episodes have subtitles */
          text = C_("badge", "Some subtitles");
          break;
        case MML_SUBTITLE_STATUS_NONE:
        default:
          /* Translators: a badge on a series: no episode has subtitles */
          text = C_("badge", "No subtitles");
          break;
        }
      gtk_widget_add_css_class (GTK_WIDGET (badge), subtitle_classes[status]);
      tooltip = mml_series_describe_subtitles (item);
    }

  gtk_label_set_label (badge, text ? text : "");
  mml_ui_set_tooltip (GTK_WIDGET (badge), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (badge), shown);
}

static void
append_part (GString    *out,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, part);
}

/**
 * mml_series_item_describe:
 * @full: also the status and the language (the list has room)
 *
 * Returns: (transfer full): "2010 · HBO", or with @full "2010 · HBO ·
 *   Ended · English"; without @full, the counts when nothing else is known
 */
char *
mml_series_item_describe (MmlSeriesItem *item,
                          gboolean       full)
{
  GString *out = g_string_new (NULL);
  int year = mml_series_item_get_year (item);

  if (year > 0)
    g_string_append_printf (out, "%d", year);
  append_part (out, mml_series_item_get_network (item));
  if (full)
    {
      append_part (out, mml_series_status_label (mml_series_item_get_status (item)));
      append_part (out, mml_series_item_get_language (item));
    }
  else if (out->len == 0)
    {
      g_autofree char *counts =
        mml_format_series_counts (mml_series_item_get_n_seasons (item),
                                  mml_series_item_get_n_episodes (item));
      append_part (out, counts);
    }

  return g_string_free (out, FALSE);
}

/* --- the card ----------------------------------------------------------------- */

static void
update (MmlSeriesTile *self)
{
  MmlSeriesItem *item = self->item;
  g_autofree char *details = NULL;

  if (item == NULL)
    {
      mml_poster_image_set_poster (self->poster, NULL, NULL);
      mml_series_badge_set_missing (self->missing_badge, 0);
      mml_series_badge_set_match (self->match_badge, NULL);
      mml_series_badge_set_subtitles (self->subtitles_badge, NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->details_label, "");
      mml_ui_set_tooltip (GTK_WIDGET (self), NULL);
      return;
    }

  details = mml_series_item_describe (item, FALSE);
  mml_poster_image_set_poster (self->poster, mml_series_item_get_poster_url (item),
                               mml_series_item_get_title (item));
  mml_series_badge_set_missing (self->missing_badge, mml_series_item_get_n_missing (item));
  mml_series_badge_set_match (self->match_badge, mml_series_item_get_match_state (item));
  mml_series_badge_set_subtitles (self->subtitles_badge, item);
  gtk_label_set_label (self->title_label, mml_series_item_get_title (item));
  gtk_label_set_label (self->details_label, details);
  mml_ui_set_tooltip (GTK_WIDGET (self), mml_series_item_get_title (item));
}

static void
mml_series_tile_dispose (GObject *object)
{
  MmlSeriesTile *self = MML_SERIES_TILE (object);

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERIES_TILE);

  G_OBJECT_CLASS (mml_series_tile_parent_class)->dispose (object);
}

static void
mml_series_tile_class_init (MmlSeriesTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_series_tile_dispose;

  g_type_ensure (MML_TYPE_POSTER_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, box);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, poster);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, missing_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, match_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, subtitles_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesTile, details_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "seriestile");
}

static void
mml_series_tile_init (MmlSeriesTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mml_series_tile_new (MmlPosterCache *cache)
{
  MmlSeriesTile *self = g_object_new (MML_TYPE_SERIES_TILE, NULL);

  mml_poster_image_set_cache (self->poster, cache);

  return GTK_WIDGET (self);
}

/**
 * mml_series_tile_get_item:
 *
 * Returns: (transfer none) (nullable): the series shown
 */
MmlSeriesItem *
mml_series_tile_get_item (MmlSeriesTile *self)
{
  g_return_val_if_fail (MML_IS_SERIES_TILE (self), NULL);
  return self->item;
}

void
mml_series_tile_set_item (MmlSeriesTile *self,
                          MmlSeriesItem *item)
{
  g_return_if_fail (MML_IS_SERIES_TILE (self));
  g_return_if_fail (item == NULL || MML_IS_SERIES_ITEM (item));

  /* A reload replaces the items: same pointer or not, show what it holds */
  g_set_object (&self->item, item);
  update (self);
}

/**
 * mml_series_tile_get_missing_badge:
 *
 * Returns: (nullable): the text of the missing-episodes badge when shown
 */
const char *
mml_series_tile_get_missing_badge (MmlSeriesTile *self)
{
  g_return_val_if_fail (MML_IS_SERIES_TILE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->missing_badge)))
    return NULL;
  return gtk_label_get_label (self->missing_badge);
}

/**
 * mml_series_tile_get_match_badge:
 *
 * Returns: (nullable): the text of the match-state badge when shown
 */
const char *
mml_series_tile_get_match_badge (MmlSeriesTile *self)
{
  g_return_val_if_fail (MML_IS_SERIES_TILE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->match_badge)))
    return NULL;
  return gtk_label_get_label (self->match_badge);
}

/**
 * mml_series_tile_get_subtitles_badge:
 *
 * Returns: (nullable): the text of the subtitle badge when shown
 */
const char *
mml_series_tile_get_subtitles_badge (MmlSeriesTile *self)
{
  g_return_val_if_fail (MML_IS_SERIES_TILE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->subtitles_badge)))
    return NULL;
  return gtk_label_get_label (self->subtitles_badge);
}

gboolean
mml_series_tile_get_poster_loaded (MmlSeriesTile *self)
{
  g_return_val_if_fail (MML_IS_SERIES_TILE (self), FALSE);
  return mml_poster_image_get_loaded (self->poster);
}
