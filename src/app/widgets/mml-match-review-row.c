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
 * one place. The provider is not on the series item: the row reads it from
 * the store when it is given an item (one indexed query per row the list
 * binds, cancelled when the row is given another item before it answers).
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

  MmlEngine *engine;
  MmlSeriesItem     *item;
  char              *provider;      /* display name, once read; NULL: not yet */
  GCancellable      *cancellable;   /* reading the provider */
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
  g_autofree char *details = NULL;

  if (network != NULL && *network == '\0')
    network = NULL;
  if (network != NULL && self->provider != NULL)
    /* Translators: a network and the provider a series was matched on, "Channel 4 · TVmaze" */
    details = g_strdup_printf (_("%s · %s"), network, self->provider);
  else
    details = g_strdup (network ? network : self->provider ? self->provider : "");

  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), *details != '\0');
}

static void
provider_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlMatchReviewRow) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const MmlSeriesRow *row;
  MmlMetaProvider kind;

  rows = mml_metadata_controller_list_series_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read the provider of a series: %s", error->message);
      return;
    }
  if (rows->len == 0 || self->item == NULL)
    return;

  row = g_ptr_array_index (rows, 0);
  if (row->id != mml_series_item_get_id (self->item) || row->provider == NULL)
    return;

  g_free (self->provider);
  if (mml_meta_provider_from_string (row->provider, &kind))
    self->provider = g_strdup (mml_meta_provider_display_name (kind));
  else
    self->provider = g_strdup (row->provider);
  update_details (self);
}

/* @keep: the same series in a new item (a reload): show what was read
 * until the answer, so the row does not flicker */
static void
read_provider (MmlMatchReviewRow *self,
               gboolean           keep)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (!keep)
    g_clear_pointer (&self->provider, g_free);

  if (self->item == NULL || self->engine == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  mml_metadata_controller_list_series_async (mml_engine_get_metadata (self->engine),
                                    mml_series_item_get_id (self->item), self->cancellable,
                                    provider_read_cb, g_object_ref (self));
}

static char *
folder_path (MmlMatchReviewRow *self)
{
  const char *folder = mml_series_item_get_folder (self->item);
  MmlRoot *root = self->engine
                  ? mml_library_controller_find_root (mml_engine_get_library (self->engine), mml_series_item_get_root_id (self->item))
                  : NULL;

  if (root == NULL)
    return g_strdup (folder);
  if (folder == NULL)
    return g_strdup (mml_root_get_path (root));
  return g_build_filename (mml_root_get_path (root), folder, NULL);
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

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->item);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_MATCH_REVIEW_ROW);

  G_OBJECT_CLASS (mml_match_review_row_parent_class)->dispose (object);
}

static void
mml_match_review_row_finalize (GObject *object)
{
  MmlMatchReviewRow *self = MML_MATCH_REVIEW_ROW (object);

  g_free (self->provider);

  G_OBJECT_CLASS (mml_match_review_row_parent_class)->finalize (object);
}

static void
mml_match_review_row_class_init (MmlMatchReviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_match_review_row_dispose;
  object_class->finalize = mml_match_review_row_finalize;

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
 * @engine: where the provider is read and the folder's library folder found
 * @cache: (nullable): the posters
 *
 * Returns: (transfer floating): a row for a #GtkListView; give it an item
 *   with mml_match_review_row_set_item()
 */
GtkWidget *
mml_match_review_row_new (MmlEngine *engine,
                          MmlPosterCache    *cache)
{
  MmlMatchReviewRow *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (cache == NULL || MML_IS_POSTER_CACHE (cache), NULL);

  self = g_object_new (MML_TYPE_MATCH_REVIEW_ROW, NULL);
  self->engine = g_object_ref (engine);
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
  gboolean same_series;

  g_return_if_fail (MML_IS_MATCH_REVIEW_ROW (self));
  g_return_if_fail (item == NULL || MML_IS_SERIES_ITEM (item));

  same_series = item != NULL && self->item != NULL &&
                mml_series_item_get_id (item) == mml_series_item_get_id (self->item);
  if (!g_set_object (&self->item, item))
    return;
  read_provider (self, same_series);
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
 * Returns: "Channel 4 · TVmaze" (the provider once read)
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
