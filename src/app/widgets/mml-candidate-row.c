/* mml-candidate-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A candidate is confirmed only on the provider it was found on: when the
 * primary provider changed since, its Confirm stays off and the row says
 * why. The poster loads through the shared poster cache; a tinted
 * placeholder stands in when the provider has none.
 */

#define G_LOG_DOMAIN "mml-candidate-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-candidate-row.h"
#include "mml-poster-image.h"
#include "mml-ui-util.h"

#define BUTTON_KEY "mml-confirm-button"
#define CAN_CONFIRM_KEY "mml-can-confirm"
#define PROVIDER_ID_KEY "mml-provider-id"
#define TITLE_KEY "mml-title"
#define IN_LIBRARY_KEY "mml-in-library"

/**
 * mml_title_with_year:
 *
 * Returns: (transfer full): "The Flash (2014)", or the title alone
 */
char *
mml_title_with_year (const char *title,
                     int         year)
{
  if (year > 0)
    /* Translators: a series title and its year, "The Flash (2014)" */
    return g_strdup_printf (_("%s (%d)"), title ? title : "", year);
  return g_strdup (title ? title : "");
}

/**
 * mml_join_reasons:
 * @reasons: (nullable) (element-type utf8): a candidate's reasons
 *
 * Returns: (transfer full) (nullable): "; "-joined, as the store keeps them
 */
char *
mml_join_reasons (GPtrArray *reasons)
{
  GString *text;

  if (reasons == NULL || reasons->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < reasons->len; i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, g_ptr_array_index (reasons, i));
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
poster_placeholder_new (gint64 id)
{
  g_autofree char *tint = g_strdup_printf ("tint-%d", (int) (id % 8));
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name ("video-x-generic-symbolic");

  gtk_widget_set_size_request (frame, 40, 60);
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (frame, 6);
  gtk_widget_set_margin_bottom (frame, 6);
  gtk_widget_add_css_class (frame, "series-poster");
  gtk_widget_add_css_class (frame, tint);
  gtk_widget_set_vexpand (icon, TRUE);
  gtk_box_append (GTK_BOX (frame), icon);
  return frame;
}

/**
 * mml_candidate_row_new:
 * @info: the candidate
 * @primary: the primary provider, the only one a choice can go to
 *
 * Returns: (transfer floating): an #AdwActionRow; connect to the "clicked"
 *   of mml_candidate_row_get_confirm_button()
 */
GtkWidget *
mml_candidate_row_new (const MmlCandidateInfo *info,
                       MmlMetaProvider         primary)
{
  g_autofree char *title = mml_title_with_year (info->title, info->year);
  g_autofree char *label = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  MmlMetaProvider kind;
  gboolean known = mml_meta_provider_from_string (info->provider, &kind);
  gboolean can_confirm = known && kind == primary && info->id > 0;

  if (info->network != NULL && info->country != NULL)
    /* Translators: a network and its country, "The CW · US" */
    g_string_append_printf (subtitle, _("%s · %s"), info->network, info->country);
  else if (info->network != NULL || info->country != NULL)
    g_string_append (subtitle, info->network ? info->network : info->country);
  /* what tells candidates with the same score apart: their episodes
   * against the folder's, their year against its year */
  if (info->evidence != NULL && info->evidence[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, info->evidence);
    }
  if (info->overview != NULL && info->overview[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, info->overview);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), info->evidence != NULL ? 4 : 3);
  if (info->cache != NULL && info->poster != NULL)
    {
      GtkWidget *poster = mml_poster_image_new (info->cache, 40);

      gtk_widget_set_valign (poster, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (poster, 6);
      gtk_widget_set_margin_bottom (poster, 6);
      mml_poster_image_set_poster (MML_POSTER_IMAGE (poster), info->poster, info->title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), poster);
    }
  else
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), poster_placeholder_new (info->id));

  if (info->score >= 0)
    {
      g_autofree char *percent = g_strdup_printf (_("%d%%"), (int) (info->score * 100 + 0.5));
      GtkWidget *score = gtk_label_new (percent);

      gtk_widget_add_css_class (score, "numeric");
      gtk_widget_add_css_class (score, "heading");
      gtk_widget_add_css_class (score, info->score >= 0.9 ? "success"
                                       : info->score >= 0.5 ? "warning" : "dim-label");
      mml_ui_set_tooltip (score, info->reasons ? info->reasons
                                                        : _("How well it matches the folder"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);
    }

  button = gtk_button_new_with_label (_("Confirm"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name of a Confirm button, "Confirm The Flash (2014)" */
  label = g_strdup_printf (_("Confirm %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_sensitive (button, can_confirm);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  if (!can_confirm)
    {
      g_autofree char *why = NULL;

      /* Translators: %s is a provider, TheTVDB */
      why = g_strdup_printf (_("Found on %s: make it the primary provider in Settings to confirm this, or search again"),
                             known ? mml_meta_provider_display_name (kind) : info->provider);
      mml_ui_set_tooltip (row, why);
    }

  g_object_set_data (G_OBJECT (row), BUTTON_KEY, button);
  g_object_set_data (G_OBJECT (row), CAN_CONFIRM_KEY, GINT_TO_POINTER (can_confirm));
  g_object_set_data (G_OBJECT (row), PROVIDER_ID_KEY, GSIZE_TO_POINTER ((gsize) info->id));
  g_object_set_data_full (G_OBJECT (row), TITLE_KEY, g_steal_pointer (&title), g_free);

  return row;
}

/**
 * mml_candidate_row_set_in_library:
 * @where: where the library has this show already, for people
 *
 * Says under the candidate that the library has the show already (matched
 * to another folder), as the Add dialog's results do. Once is enough.
 */
void
mml_candidate_row_set_in_library (GtkWidget  *row,
                                  const char *where)
{
  const char *subtitle;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  GtkWidget *icon;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (where != NULL);

  if (g_object_get_data (G_OBJECT (row), IN_LIBRARY_KEY) != NULL)
    return;
  /* Translators: under a search result, %s is a folder */
  line = g_strdup_printf (_("In your library: %s"), where);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  text = subtitle != NULL && subtitle[0] != '\0' ? g_strconcat (line, "\n", subtitle, NULL) : g_strdup (line);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (row)) + 1);
  icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_widget_add_css_class (icon, "accent");
  mml_ui_set_tooltip (icon, line);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line, -1);
  g_object_set_data_full (G_OBJECT (row), IN_LIBRARY_KEY, g_steal_pointer (&line), g_free);
}

/**
 * mml_candidate_row_get_in_library:
 *
 * Returns: (nullable): the "In your library" line of the row, for tests
 */
const char *
mml_candidate_row_get_in_library (GtkWidget *row)
{
  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), IN_LIBRARY_KEY);
}

/**
 * mml_candidate_row_get_confirm_button:
 *
 * Returns: (transfer none): the row's Confirm button
 */
GtkButton *
mml_candidate_row_get_confirm_button (GtkWidget *row)
{
  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), BUTTON_KEY);
}

/**
 * mml_candidate_row_get_can_confirm:
 *
 * Returns: whether the candidate is on the primary provider
 */
gboolean
mml_candidate_row_get_can_confirm (GtkWidget *row)
{
  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), FALSE);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), CAN_CONFIRM_KEY));
}

gint64
mml_candidate_row_get_provider_id (GtkWidget *row)
{
  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), 0);
  return (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), PROVIDER_ID_KEY));
}

/**
 * mml_candidate_row_get_title:
 *
 * Returns: "The Flash (2014)"
 */
const char *
mml_candidate_row_get_title (GtkWidget *row)
{
  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), TITLE_KEY);
}

/**
 * mml_note_row_new:
 * @subtitle: (nullable):
 * @icon_name: (nullable):
 *
 * Returns: (transfer floating): a row that only says something
 */
GtkWidget *
mml_note_row_new (const char *title,
                  const char *subtitle,
                  const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  return row;
}
