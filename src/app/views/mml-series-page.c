/* mml-series-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One series: a group per season, a row per episode that unfolds to its
 * files and their sidecar subtitles. The tree is loaded on the store's
 * thread (mml_store_get_series_detail_async()); opening another series
 * cancels the load in flight.
 */

#define G_LOG_DOMAIN "mml-series-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-series-page.h"

struct _MmlSeriesPage
{
  AdwBin            parent_instance;

  MmlSeriesDetail  *detail;
  GCancellable     *cancellable;

  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkSpinner       *spinner;
  GtkScrolledWindow *scroller;
  GtkBox           *content_box;
};

G_DEFINE_FINAL_TYPE (MmlSeriesPage, mml_series_page, ADW_TYPE_BIN)

static const struct { const char *code; const char *name; } language_names[] = {
  { "ar", N_("Arabic") },
  { "de", N_("German") },
  { "en", N_("English") },
  { "es", N_("Spanish") },
  { "fr", N_("French") },
  { "he", N_("Hebrew") },
  { "it", N_("Italian") },
  { "ja", N_("Japanese") },
  { "nl", N_("Dutch") },
  { "pt", N_("Portuguese") },
  { "ru", N_("Russian") },
};

static const char *
language_name (const char *code)
{
  if (code == NULL)
    return _("Unknown language");

  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_str_equal (code, language_names[i].code))
      return _(language_names[i].name);

  return code;
}

static void
clear_content (MmlSeriesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))))
    gtk_box_remove (self->content_box, child);
}

static char *
episode_code (MmlEpisodeInfo *episode)
{
  if (episode->season >= 0 && episode->number >= 0)
    return g_strdup_printf ("S%02dE%02d", episode->season, episode->number);

  if (episode->absolute >= 0)
    /* Translators: an episode in absolute numbering */
    return g_strdup_printf (_("Episode %d"), episode->absolute);

  if (episode->air_date != NULL)
    return g_strdup (episode->air_date);

  return g_strdup (_("Unnumbered episode"));
}

static char *
season_title (MmlSeasonInfo *season)
{
  if (season->season == 0)
    return g_strdup (_("Specials"));
  if (season->season < 0)
    return g_strdup (_("Episodes"));

  /* Translators: %d is a season number */
  return g_strdup_printf (_("Season %d"), season->season);
}

static void
append_part (GString    *out,
             const char *part)
{
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, part);
}

static char *
file_summary (MmlFileInfo *file)
{
  GString *out = g_string_new (NULL);

  if (file->resolution > 0)
    {
      g_autofree char *res = g_strdup_printf ("%dp", file->resolution);
      append_part (out, res);
    }

  if (file->size > 0)
    {
      g_autofree char *size = g_format_size (file->size);
      append_part (out, size);
    }

  if (g_strcmp0 (file->status, "missing") == 0)
    append_part (out, _("Missing"));
  else if (g_strcmp0 (file->status, "unavailable") == 0)
    append_part (out, _("Unavailable"));

  return g_string_free (out, FALSE);
}

static GtkWidget *
badge_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "language-badge");
  gtk_widget_add_css_class (label, "caption");

  return label;
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  /* File names are not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));

  return row;
}

static GtkWidget *
file_row_new (MmlFileInfo *file)
{
  g_autofree char *name = g_filename_display_basename (file->path);
  g_autofree char *summary = file_summary (file);
  GtkWidget *row = row_new (name, summary, "video-x-generic-symbolic");

  gtk_widget_set_tooltip_text (row, name);
  if (g_strcmp0 (file->status, "present") != 0)
    gtk_widget_add_css_class (row, "missing-file");

  return row;
}

static GtkWidget *
subtitle_row_new (MmlSubtitleInfo *sub)
{
  g_autofree char *name = sub->path ? g_filename_display_basename (sub->path) : NULL;
  GtkWidget *row = row_new (language_name (sub->language), name, "media-view-subtitles-symbolic");

  if (sub->forced)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (_("Forced")));
  if (sub->hearing_impaired)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (_("SDH")));

  return row;
}

static GtkWidget *
episode_row_new (MmlEpisodeInfo *episode)
{
  g_autofree char *code = episode_code (episode);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  GtkWidget *row = adw_expander_row_new ();
  gboolean missing = episode->files->len > 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), code);

  if (episode->title != NULL)
    append_part (subtitle, episode->title);

  for (guint i = 0; i < episode->files->len; i++)
    {
      MmlFileInfo *file = g_ptr_array_index (episode->files, i);

      if (g_strcmp0 (file->status, "present") == 0)
        missing = FALSE;

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), file_row_new (file));
      for (guint j = 0; j < file->subtitles->len; j++)
        {
          MmlSubtitleInfo *sub = g_ptr_array_index (file->subtitles, j);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), subtitle_row_new (sub));
          if (sub->language != NULL &&
              !g_ptr_array_find_with_equal_func (languages, sub->language, g_str_equal, NULL))
            g_ptr_array_add (languages, sub->language);
        }

      if (i == 0 && file->resolution > 0)
        {
          g_autofree char *res = g_strdup_printf ("%dp", file->resolution);
          append_part (subtitle, res);
        }
    }

  if (episode->files->len == 0)
    append_part (subtitle, _("No file"));
  else if (missing)
    append_part (subtitle, _("File missing"));
  else if (episode->files->len > 1)
    {
      g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files",
                                                             episode->files->len),
                                                episode->files->len);
      append_part (subtitle, files);
    }

  if (subtitle->len > 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);

  if (languages->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No subtitles"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_add_css_class (none, "caption");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), none);
    }
  for (guint i = 0; i < languages->len; i++)
    {
      g_autofree char *upper = g_ascii_strup (g_ptr_array_index (languages, i), -1);
      GtkWidget *badge = badge_new (upper);

      gtk_widget_set_tooltip_text (badge, language_name (g_ptr_array_index (languages, i)));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);
    }

  if (missing)
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

  return row;
}

static void
populate (MmlSeriesPage *self)
{
  MmlSeriesDetail *detail = self->detail;
  MmlSeriesItem *series = detail->series;
  g_autofree char *counts = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  clear_content (self);

  if (mml_series_item_get_year (series) > 0)
    g_string_append_printf (subtitle, "%d", mml_series_item_get_year (series));
  counts = mml_format_series_counts (mml_series_item_get_n_seasons (series),
                                     mml_series_item_get_n_episodes (series));
  append_part (subtitle, counts);
  if (mml_series_item_get_subtitle_languages (series) != NULL)
    {
      g_autofree char *langs = g_strdup_printf (_("Subtitles: %s"),
                                                mml_series_item_get_subtitle_languages (series));
      append_part (subtitle, langs);
    }
  gtk_label_set_label (self->title_label, mml_series_item_get_title (series));
  gtk_label_set_label (self->subtitle_label, subtitle->str);

  if (detail->root_path != NULL && mml_series_item_get_folder (series) != NULL)
    {
      g_autofree char *path = g_build_filename (detail->root_path,
                                                mml_series_item_get_folder (series), NULL);
      folder = mml_format_path (path);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), folder);
    }

  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);
      g_autofree char *title = season_title (season);
      g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u episode", "%u episodes",
                                                                   season->episodes->len),
                                                      season->episodes->len);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      for (guint j = 0; j < season->episodes->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   episode_row_new (g_ptr_array_index (season->episodes, j)));
      gtk_box_append (self->content_box, group);
    }

  if (detail->other_files->len > 0)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Other Files"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Videos in this series’ folder that are not numbered as an episode"));
      for (guint i = 0; i < detail->other_files->len; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   file_row_new (g_ptr_array_index (detail->other_files, i)));
      gtk_box_append (self->content_box, group);
    }

  if (detail->seasons->len == 0 && detail->other_files->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "folder-videos-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Episodes"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("No video in this series’ folder could be read as an episode."));
      gtk_box_append (self->content_box, status);
    }
}

static void
detail_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlSeriesPage) self = user_data;
  g_autoptr(MmlSeriesDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  detail = mml_store_get_series_detail_finish (MML_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  g_clear_object (&self->cancellable);

  if (detail == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      clear_content (self);
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Cannot Show This Series"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      gtk_box_append (self->content_box, status);
      return;
    }

  g_clear_pointer (&self->detail, mml_series_detail_unref);
  self->detail = g_steal_pointer (&detail);
  populate (self);
}

static void
mml_series_page_dispose (GObject *object)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->detail, mml_series_detail_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERIES_PAGE);

  G_OBJECT_CLASS (mml_series_page_parent_class)->dispose (object);
}

static void
mml_series_page_class_init (MmlSeriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_series_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, content_box);
}

static void
mml_series_page_init (MmlSeriesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mml_series_page_show:
 * @item: the series, from the series list
 *
 * Shows what the list knows of @item at once, then loads its episodes.
 */
void
mml_series_page_show (MmlSeriesPage     *self,
                      MmlLibrarySession *session,
                      MmlSeriesItem     *item)
{
  g_autofree char *counts = NULL;
  GtkAdjustment *vadjustment;

  g_return_if_fail (MML_IS_SERIES_PAGE (self));
  g_return_if_fail (MML_IS_LIBRARY_SESSION (session));
  g_return_if_fail (MML_IS_SERIES_ITEM (item));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->detail, mml_series_detail_unref);

  clear_content (self);
  gtk_label_set_label (self->title_label, mml_series_item_get_title (item));
  counts = mml_format_series_counts (mml_series_item_get_n_seasons (item),
                                     mml_series_item_get_n_episodes (item));
  gtk_label_set_label (self->subtitle_label, counts);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), NULL);
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (vadjustment, 0);

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  mml_store_get_series_detail_async (mml_library_session_get_store (session),
                                     mml_series_item_get_id (item),
                                     self->cancellable,
                                     detail_loaded_cb,
                                     g_object_ref (self));
}

/**
 * mml_series_page_get_detail:
 *
 * Returns: (transfer none) (nullable): the loaded series, for tests
 */
MmlSeriesDetail *
mml_series_page_get_detail (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return self->detail;
}

/**
 * mml_series_page_get_loading:
 *
 * Returns: whether the series is still loading
 */
gboolean
mml_series_page_get_loading (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), FALSE);
  return self->cancellable != NULL;
}
