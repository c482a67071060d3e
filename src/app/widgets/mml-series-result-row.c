/* mml-series-result-row.c — one search result of Add series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mml-add-series"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-poster-image.h"
#include "mml-series-result-row.h"

#define CANDIDATE_KEY "mml-candidate"
#define TEXT_BOX_KEY "mml-text-box"
#define IN_LIBRARY_KEY "mml-in-library"

/**
 * mml_series_result_row_new:
 * @cache: where the poster comes from
 * @candidate: a search result
 *
 * Returns: (transfer floating): a row: poster, "Title (Year)", network ·
 *   country · status, and the first lines of the overview
 */
GtkWidget *
mml_series_result_row_new (MmlPosterCache   *cache,
                           MmlMetaCandidate *candidate)
{
  MmlMetaSeries *series = candidate->series;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *poster = mml_poster_image_new (cache, 56);
  GtkWidget *label;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *title = NULL;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (poster, GTK_ALIGN_START);
  mml_poster_image_set_poster (MML_POSTER_IMAGE (poster),
                               series->image_medium ? series->image_medium : series->image_original,
                               series->title);
  gtk_box_append (GTK_BOX (box), poster);

  title = series->year > 0 ? g_strdup_printf ("%s (%d)", series->title, series->year)
                           : g_strdup (series->title);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (text), label);

  if (series->network != NULL)
    g_string_append (details, series->network);
  if (series->country != NULL)
    g_string_append_printf (details, "%s%s", details->len ? " · " : "", series->country);
  if (series->status == MML_META_STATUS_ENDED)
    g_string_append_printf (details, "%s%s", details->len ? " · " : "", _("Ended"));
  else if (series->status == MML_META_STATUS_CONTINUING)
    g_string_append_printf (details, "%s%s", details->len ? " · " : "", _("Continuing"));
  if (details->len > 0)
    {
      label = gtk_label_new (details->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (text), label);
    }

  if (series->overview != NULL)
    {
      g_autofree char *overview = g_strdup (series->overview);

      /* one paragraph: the line limit counts per paragraph */
      g_strdelimit (overview, "\n", ' ');
      label = gtk_label_new (overview);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (text), label);
    }

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (row), TEXT_BOX_KEY, text);
  g_object_set_data_full (G_OBJECT (row), CANDIDATE_KEY, mml_meta_candidate_ref (candidate),
                          (GDestroyNotify) mml_meta_candidate_unref);

  return row;
}

/**
 * mml_series_result_row_get_candidate:
 *
 * Returns: (transfer none) (nullable): the result @row shows
 */
MmlMetaCandidate *
mml_series_result_row_get_candidate (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), CANDIDATE_KEY);
}

/**
 * mml_series_result_row_set_in_library:
 * @where: where the library has this show already, for people
 *
 * Marks the result as a show the library has already, under its title.
 * Once is enough: a second call changes nothing.
 */
void
mml_series_result_row_set_in_library (GtkListBoxRow *row,
                                      const char    *where)
{
  GtkWidget *text;
  GtkWidget *box;
  GtkWidget *label;
  g_autofree char *line = NULL;

  g_return_if_fail (GTK_IS_LIST_BOX_ROW (row));
  g_return_if_fail (where != NULL);

  if (g_object_get_data (G_OBJECT (row), IN_LIBRARY_KEY) != NULL)
    return;
  text = g_object_get_data (G_OBJECT (row), TEXT_BOX_KEY);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  /* Translators: under a search result, %s is a folder */
  line = g_strdup_printf (_("In your library: %s"), where);
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "accent");
  /* under the title */
  gtk_box_insert_child_after (GTK_BOX (text), box, gtk_widget_get_first_child (text));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line, -1);
  g_object_set_data (G_OBJECT (row), IN_LIBRARY_KEY, box);
}

/**
 * mml_series_result_row_get_in_library:
 *
 * Returns: whether the row says the library has the show already
 */
gboolean
mml_series_result_row_get_in_library (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), FALSE);
  return g_object_get_data (G_OBJECT (row), IN_LIBRARY_KEY) != NULL;
}
