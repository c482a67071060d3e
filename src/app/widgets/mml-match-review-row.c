/* mml-match-review-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One series the matcher named on its own, in the Conflicts view's review
 * list: a small poster, "Title (Year)", "network · provider", the folder,
 * and Change… and Keep. The buttons are actionable ("review.change",
 * "review.keep", with the series id as target, set with the item): the
 * view does the work.
 *
 * Rows are recycled by a GtkListView, so everything is set from the item in
 * one place; the series item has all the row shows (its provider and its
 * library folder too), so binding a row reads nothing.
 */

#define G_LOG_DOMAIN "mml-match-review-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-candidate-row.h"
#include "mml-format.h"
#include "mml-match-review-row.h"
#include "mml-meta-store.h"
#include "mml-poster-image.h"
#include "mml-ui-util.h"

struct _MmlMatchReviewRow
{
  GtkWidget          parent_instance;

  MmlSeriesItem     *item;
  gboolean           busy;

  GtkWidget         *box;
  MmlPosterImage    *poster;
  GtkLabel          *title_label;
  GtkLabel          *details_label;
  GtkLabel          *folder_label;
  GtkWidget         *change_button;
  GtkWidget         *keep_button;
};

G_DEFINE_FINAL_TYPE (MmlMatchReviewRow, mml_match_review_row, GTK_TYPE_WIDGET)

static void
update_details (MmlMatchReviewRow *self)
{
  const char *network = self->item ? mml_series_item_get_network (self->item) : NULL;
  const char *provider = NULL;
  g_autofree char *details = NULL;
  MmlMetaProvider kind;

  if (self->item != NULL)
    {
      provider = mml_series_item_get_provider (self->item);
      if (mml_meta_provider_from_string (provider, &kind))
        provider = mml_meta_provider_display_name (kind);
    }
  if (network != NULL && *network == '\0')
    network = NULL;
  if (network != NULL && provider != NULL)
    /* Translators: a network and the provider a series was matched on, "Channel 4 · TVmaze" */
    details = g_strdup_printf (_("%s · %s"), network, provider);
  else
    details = g_strdup (network ? network : provider ? provider : "");

  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), *details != '\0');
}

static char *
folder_path (MmlMatchReviewRow *self)
{
  const char *folder = mml_series_item_get_folder (self->item);
  const char *root_path = mml_series_item_get_root_path (self->item);

  if (root_path == NULL)
    return g_strdup (folder);
  if (folder == NULL)
    return g_strdup (root_path);
  return g_build_filename (root_path, folder, NULL);
}

static void
update_buttons (MmlMatchReviewRow *self)
{
  gtk_widget_set_sensitive (self->keep_button, self->item != NULL && !self->busy);
  gtk_widget_set_sensitive (self->change_button, self->item != NULL && !self->busy);
}

static void
update (MmlMatchReviewRow *self)
{
  MmlSeriesItem *item = self->item;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_display = NULL;
  g_autofree char *keep_label = NULL;
  g_autofree char *change_label = NULL;
  GVariant *target;

  if (item == NULL)
    {
      mml_poster_image_set_poster (self->poster, NULL, NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->folder_label, "");
      mml_ui_set_tooltip (GTK_WIDGET (self->folder_label), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->keep_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->change_button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->keep_button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->change_button), NULL);
      update_details (self);
      update_buttons (self);
      return;
    }

  title = mml_title_with_year (mml_series_item_get_title (item), mml_series_item_get_year (item));
  path = folder_path (self);
  path_display = path ? mml_format_path (path) : g_strdup ("");

  mml_poster_image_set_poster (self->poster, mml_series_item_get_poster_url (item),
                               mml_series_item_get_title (item));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->folder_label, path_display);
  mml_ui_set_tooltip (GTK_WIDGET (self->folder_label), path_display);
  update_details (self);

  target = g_variant_ref_sink (g_variant_new_int64 (mml_series_item_get_id (item)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->keep_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->change_button), target);
  g_variant_unref (target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->keep_button), "review.keep");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->change_button), "review.change");

  /* Translators: accessible name of a Keep button, "Keep The Flash (2014)" */
  keep_label = g_strdup_printf (_("Keep %s"), title);
  /* Translators: accessible name of a Change… button, "Change the match of The Flash (2014)" */
  change_label = g_strdup_printf (_("Change the match of %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, keep_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->change_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, change_label, -1);
  update_buttons (self);
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_match_review_row_dispose (GObject *object)
{
  MmlMatchReviewRow *self = MML_MATCH_REVIEW_ROW (object);

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_MATCH_REVIEW_ROW);

  G_OBJECT_CLASS (mml_match_review_row_parent_class)->dispose (object);
}

static void
mml_match_review_row_class_init (MmlMatchReviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_match_review_row_dispose;

  g_type_ensure (MML_TYPE_POSTER_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-match-review-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, box);
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, poster);
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, folder_label);
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, change_button);
  gtk_widget_class_bind_template_child (widget_class, MmlMatchReviewRow, keep_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewrow");
}

static void
mml_match_review_row_init (MmlMatchReviewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mml_match_review_row_new:
 * @cache: (nullable): the posters
 *
 * Returns: (transfer floating): a row for a #GtkListView; give it an item
 *   with mml_match_review_row_set_item()
 */
GtkWidget *
mml_match_review_row_new (MmlPosterCache *cache)
{
  MmlMatchReviewRow *self;

  g_return_val_if_fail (cache == NULL || MML_IS_POSTER_CACHE (cache), NULL);

  self = g_object_new (MML_TYPE_MATCH_REVIEW_ROW, NULL);
  mml_poster_image_set_cache (self->poster, cache);
  update (self);

  return GTK_WIDGET (self);
}

/**
 * mml_match_review_row_get_item:
 *
 * Returns: (transfer none) (nullable): the series shown
 */
MmlSeriesItem *
mml_match_review_row_get_item (MmlMatchReviewRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_REVIEW_ROW (self), NULL);
  return self->item;
}

void
mml_match_review_row_set_item (MmlMatchReviewRow *self,
                               MmlSeriesItem     *item)
{
  g_return_if_fail (MML_IS_MATCH_REVIEW_ROW (self));
  g_return_if_fail (item == NULL || MML_IS_SERIES_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;
  update (self);
}

/**
 * mml_match_review_row_set_busy:
 *
 * While the view keeps the series, its buttons are off.
 */
void
mml_match_review_row_set_busy (MmlMatchReviewRow *self,
                               gboolean           busy)
{
  g_return_if_fail (MML_IS_MATCH_REVIEW_ROW (self));

  self->busy = !!busy;
  update_buttons (self);
}

/**
 * mml_match_review_row_get_details:
 *
 * Returns: "Channel 4 · TVmaze"
 */
const char *
mml_match_review_row_get_details (MmlMatchReviewRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_REVIEW_ROW (self), NULL);
  return gtk_label_get_label (self->details_label);
}

/**
 * mml_match_review_row_get_folder:
 *
 * Returns: the series folder, as shown ("~/TV/The Flash (2014)")
 */
const char *
mml_match_review_row_get_folder (MmlMatchReviewRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_REVIEW_ROW (self), NULL);
  return gtk_label_get_label (self->folder_label);
}

gboolean
mml_match_review_row_get_poster_loaded (MmlMatchReviewRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_REVIEW_ROW (self), FALSE);
  return mml_poster_image_get_loaded (self->poster);
}

GtkButton *
mml_match_review_row_get_keep_button (MmlMatchReviewRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_REVIEW_ROW (self), NULL);
  return GTK_BUTTON (self->keep_button);
}

GtkButton *
mml_match_review_row_get_change_button (MmlMatchReviewRow *self)
{
  g_return_val_if_fail (MML_IS_MATCH_REVIEW_ROW (self), NULL);
  return GTK_BUTTON (self->change_button);
}
