/* mml-series-page-episodes.c — the seasons of the series page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section per season: a header (its poster, name and "8 / 9 on disk")
 * that folds the season's episodes away, open unless the season is done
 * (every episode that aired watched, none to come). A row per episode: its
 * title over its code ("S01E05"), air date and quality, a Missing or
 * Upcoming badge, the languages of its subtitles and, in a series where
 * some episodes have the first preferred language, a quiet mark on those
 * without it; a row with files unfolds to them and their subtitle tracks,
 * sidecar or embedded.
 */

#define G_LOG_DOMAIN "mml-series-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-language.h"
#include "mml-viewing-controller.h"
#include "mml-series-page-private.h"
#include "widgets/mml-poster-image.h"
#include "mml-ui-util.h"

/* Season posters beside their headers: small, 2:3 like the series' own */
#define SEASON_POSTER_WIDTH 56

/* The language's name in the user's language; its code when the
 * language table does not know it */
static const char *
language_name (const char *code)
{
  const char *name;

  if (code == NULL || g_str_equal (code, "und"))
    return _("Unknown language");
  name = mml_language_get_display_name (code);
  return name != NULL ? name : code;
}

/* What a user reads first: the episode's title; "Episode 5" when the
 * provider gave none */
static char *
episode_title (MmlEpisodeInfo *episode)
{
  if (episode->title != NULL && *episode->title != '\0')
    return g_strdup (episode->title);

  if (episode->number >= 0 || episode->absolute >= 0)
    /* Translators: an episode without a title, by its number */
    return g_strdup_printf (_("Episode %d"), episode->number >= 0 ? episode->number : episode->absolute);

  if (episode->special)
    return g_strdup (_("Special"));

  if (episode->air_date != NULL)
    return g_strdup (episode->air_date);

  return g_strdup (_("Unnumbered episode"));
}

/* "S01E05", "#112": the start of the row's subtitle; NULL without numbers */
static char *
episode_code (MmlEpisodeInfo *episode)
{
  if ((episode->season >= 0 && episode->number >= 0) || episode->absolute >= 0)
    return mml_format_episode_code (episode->season, episode->number, episode->absolute);
  return NULL;
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
  if (part == NULL || *part == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, part);
}

/* "Season 2 · The Reckoning" when the provider names the season (TheTVDB
 * and TMDB often repeat "Season 2", which adds nothing) */
static char *
season_heading (MmlSeasonInfo *season)
{
  g_autofree char *title = season_title (season);
  /* the providers' own default, in English whatever the locale */
  g_autofree char *plain = season->season > 0 ? g_strdup_printf ("Season %d", season->season) : NULL;
  GString *out;

  if (season->name == NULL || *season->name == '\0' ||
      g_utf8_collate (season->name, title) == 0 ||
      (plain != NULL && g_ascii_strcasecmp (season->name, plain) == 0))
    return g_steal_pointer (&title);

  out = g_string_new (title);
  append_part (out, season->name);
  return g_string_free (out, FALSE);
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

  if (file->release_group != NULL && file->release_group[0] != '\0')
    {
      /* a name from the release: isolated, whatever its script */
      g_autofree char *group = mml_format_isolate (file->release_group);

      append_part (out, group);
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
language_badge_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "language-badge");
  gtk_widget_add_css_class (label, "caption");

  return label;
}

/* "Missing", "Upcoming": the same pills as the cards */
static GtkWidget *
state_badge_new (const char *text,
                 const char *css_class,
                 const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "mml-badge");
  gtk_widget_add_css_class (label, css_class);
  mml_ui_set_tooltip (label, tooltip);

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

  mml_ui_set_tooltip (row, name);
  if (g_strcmp0 (file->status, "present") != 0)
    gtk_widget_add_css_class (row, "missing-file");
  else if (file->id > 0)
    {
      /* page.find-subtitles: the series page's action */
      GtkWidget *find = gtk_button_new_with_mnemonic (_("_Find subtitles…"));

      gtk_widget_set_valign (find, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (find, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (find), "page.find-subtitles");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (find), g_variant_new_int64 (file->id));
      g_object_set_data (G_OBJECT (find), "mml-find-subtitles", GINT_TO_POINTER (TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), find);
    }

  return row;
}

/* A sidecar says its file name; an embedded track says so, with its
 * format and its name in the container when it has them */
static char *
track_description (MmlSubtitleTrack *sub)
{
  g_autoptr(GString) out = NULL;

  if (!sub->embedded)
    return sub->path ? g_filename_display_basename (sub->path) : NULL;

  /* Translators: a subtitle track inside the video file */
  out = g_string_new (_("Embedded"));
  if (sub->codec != NULL && *sub->codec != '\0')
    {
      g_autofree char *codec = g_ascii_strup (sub->codec, -1);
      append_part (out, codec);
    }
  if (sub->title != NULL && *sub->title != '\0')
    append_part (out, sub->title);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether @sub makes its episode subbed in @language: the rule of
 * mml-subtitles.h (a region of the language counts, forced-only does not) */
static gboolean
track_counts (MmlSubtitleTrack *sub,
              const char       *language)
{
  if (sub->forced || sub->language == NULL || language == NULL)
    return FALSE;
  return g_str_equal (sub->language, language) ||
         (g_str_has_prefix (sub->language, language) && sub->language[strlen (language)] == '-');
}

static GtkWidget *
subtitle_row_new (MmlSubtitleTrack *sub)
{
  g_autofree char *name = track_description (sub);
  GtkWidget *row = row_new (language_name (sub->language), name, "media-view-subtitles-symbolic");

  if (sub->forced)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), language_badge_new (_("Forced")));
  if (sub->hearing_impaired)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), language_badge_new (_("SDH")));

  return row;
}

/* A quiet mark on an episode with files but no track in the first
 * preferred language ("no HE", dim), said in full to tooltips */
static GtkWidget *
unsubbed_mark_new (const char *language)
{
  g_autofree char *upper = g_ascii_strup (language, -1);
  /* Translators: a dim mark on an episode, %s is a language code ("HE") */
  g_autofree char *mark = g_strdup_printf (_("no %s"), upper);
  /* Translators: %s is a language, "Hebrew" */
  g_autofree char *text = g_strdup_printf (_("No %s subtitles"), language_name (language));
  GtkWidget *label = gtk_label_new (mark);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  mml_ui_set_tooltip (label, text);
  g_object_set_data (G_OBJECT (label), "mml-unsubbed", GINT_TO_POINTER (TRUE));

  return label;
}

/* --- the Watched check of an episode ------------------------------------------ */

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkCheckButton) check = user_data;
  g_autoptr(GError) error = NULL;

  if (mml_viewing_controller_mark_finish (MML_VIEWING_CONTROLLER (source), result, NULL, &error))
    return;   /* the engine reloads the series, and the page with it */
  /* back to what the library has, with why */
  g_signal_handlers_block_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   g_object_get_data (G_OBJECT (check), "mml-engine"));
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
  g_signal_handlers_unblock_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     g_object_get_data (G_OBJECT (check), "mml-engine"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (check), error->message);
}

static void
watched_toggled_cb (GtkCheckButton *check,
                    MmlEngine      *engine)
{
  const char *spec_text = g_object_get_data (G_OBJECT (check), "mml-spec");
  gint64 series_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "mml-series"));
  MmlEpisodeSpec spec;

  if (!mml_episode_spec_parse (spec_text, &spec, NULL))
    return;
  mml_viewing_controller_mark_async (mml_engine_get_viewing (engine), series_id, &spec,
                                     gtk_check_button_get_active (check), NULL, marked_cb, g_object_ref (check));
}

/* Marks @spec_text of @series_id, from a menu: the page follows the
 * engine's reload */
static void
menu_marked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mml_viewing_controller_mark_finish (MML_VIEWING_CONTROLLER (source), result, NULL, &error))
    g_message ("The marks could not be changed: %s", error->message);
}

static void
mark_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkWidget *widget = user_data;
  MmlEngine *engine = g_object_get_data (G_OBJECT (widget), "mml-engine");
  gint64 series_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "mml-series"));
  const char *name = g_action_get_name (G_ACTION (action));
  const char *spec_text = g_object_get_data (G_OBJECT (widget),
                                             g_str_has_prefix (name, "season") ? "mml-season-spec" : "mml-upto-spec");
  MmlEpisodeSpec spec;

  if (engine == NULL || spec_text == NULL || !mml_episode_spec_parse (spec_text, &spec, NULL))
    return;
  mml_viewing_controller_mark_async (mml_engine_get_viewing (engine), series_id, &spec,
                                     !g_str_has_suffix (name, "unwatched"), NULL, menu_marked_cb, NULL);
}

/* The "marks" actions of @widget: season-watched, season-unwatched,
 * up-to-here (each acting on the specs set on @widget) */
static void
add_mark_actions (GtkWidget  *widget,
                  MmlEngine  *engine,
                  gint64      series_id,
                  const char *season_spec,
                  const char *upto_spec)
{
  static const char * const names[] = { "season-watched", "season-unwatched", "up-to-here" };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  g_object_set_data (G_OBJECT (widget), "mml-engine", engine);
  g_object_set_data (G_OBJECT (widget), "mml-series", GSIZE_TO_POINTER ((gsize) series_id));
  g_object_set_data_full (G_OBJECT (widget), "mml-season-spec", g_strdup (season_spec), g_free);
  g_object_set_data_full (G_OBJECT (widget), "mml-upto-spec", g_strdup (upto_spec), g_free);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], NULL);

      g_simple_action_set_enabled (action, i < 2 ? season_spec != NULL : upto_spec != NULL);
      g_signal_connect (action, "activate", G_CALLBACK (mark_activated_cb), widget);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (widget, "marks", G_ACTION_GROUP (group));
  g_object_unref (group);
}

/* The menu of an episode row: up to here, and its season */
static GMenuModel *
episode_menu_new (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Mark Watched Up to Here"), "marks.up-to-here");
  g_menu_append (menu, _("Mark Season Watched"), "marks.season-watched");
  g_menu_append (menu, _("Mark Season Unwatched"), "marks.season-unwatched");
  return G_MENU_MODEL (menu);
}

static gboolean
unparent_popover (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
menu_closed_cb (GtkPopover *popover)
{
  /* after the activated item's action ran */
  g_idle_add (unparent_popover, g_object_ref (popover));
}

/* Opens @row's marks menu, at (@x, @y) or (no point) under the row; the
 * menu lives while it is open */
static void
open_marks_menu (GtkWidget *row,
                 gboolean   at_point,
                 double     x,
                 double     y)
{
  g_autoptr(GMenuModel) model = episode_menu_new ();
  GtkWidget *popover = gtk_popover_menu_new_from_model (model);

  gtk_widget_set_parent (popover, row);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  if (at_point)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                gpointer         user_data)
{
  open_marks_menu (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), TRUE, x, y);
}

static gboolean
row_menu_key_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  open_marks_menu (widget, FALSE, 0, 0);
  return TRUE;
}

/* A right click, Shift+F10 or the Menu key on @row opens its marks menu */
static void
attach_marks_menu (GtkWidget *row)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed_cb), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (row_menu_key_cb, NULL, NULL)));
  gtk_widget_add_controller (row, keys);
}

/* A check for "watched" at the start of an episode's row; NULL for an
 * episode without numbers or without an engine */
static GtkWidget *
watched_check_new (MmlEpisodeInfo *episode,
                   gint64          series_id,
                   MmlEngine      *engine)
{
  GtkWidget *check;
  char *spec;

  if (engine == NULL || series_id <= 0)
    return NULL;
  if (episode->season >= 0 && episode->number >= 0)
    spec = g_strdup_printf ("S%02dE%02d", episode->season, episode->number);
  else if (episode->absolute > 0)
    spec = g_strdup_printf ("A%d", episode->absolute);
  else
    return NULL;

  check = gtk_check_button_new ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), episode->watched);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, episode->watched ? _("Watched: uncheck to mark it unwatched")
                                                       : _("Not watched yet: check to mark it watched"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Watched"), -1);
  gtk_widget_add_css_class (check, "watched-check");
  g_object_set_data_full (G_OBJECT (check), "mml-spec", spec, g_free);
  g_object_set_data (G_OBJECT (check), "mml-series", GSIZE_TO_POINTER ((gsize) series_id));
  g_object_set_data (G_OBJECT (check), "mml-engine", engine);
  g_signal_connect (check, "toggled", G_CALLBACK (watched_toggled_cb), engine);
  return check;
}

/* An episode with files unfolds to them; one without is a plain row.
 * @language: (nullable): the first preferred subtitle language, when an
 *   episode without it gets a mark
 * @today: (nullable): the library's today, for the air date in words */
static GtkWidget *
episode_row_new (MmlEpisodeInfo *episode,
                 const char     *language,
                 const char     *today,
                 gint64          series_id,
                 MmlEngine      *engine)
{
  GtkWidget *check = watched_check_new (episode, series_id, engine);
  g_autofree char *title = episode_title (episode);
  g_autofree char *code = episode_code (episode);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  g_autoptr(GPtrArray) suffixes = g_ptr_array_new ();
  gboolean has_files = episode->files->len > 0;
  gboolean files_gone = has_files;
  gboolean subbed = FALSE;
  GtkWidget *row;

  row = has_files ? adw_expander_row_new () : adw_action_row_new ();
  /* titles come from the provider: not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (check != NULL)
    {
      g_autofree char *season_spec = episode->season >= 0 ? g_strdup_printf ("S%02d", episode->season) : NULL;
      g_autofree char *upto_spec = g_strconcat ("..", g_object_get_data (G_OBJECT (check), "mml-spec"), NULL);

      add_mark_actions (row, engine, series_id, season_spec, upto_spec);
      attach_marks_menu (row);
    }

  append_part (subtitle, code);
  /* a special without a number has no date to go by; an episode known by
   * its date alone has it as its title */
  if (episode->air_date != NULL && !(episode->special && episode->number < 0 && episode->absolute < 0) &&
      g_strcmp0 (title, episode->air_date) != 0)
    {
      g_autofree char *date = mml_format_air_date (episode->air_date, today);
      append_part (subtitle, date);
    }

  for (guint i = 0; i < episode->files->len; i++)
    {
      MmlFileInfo *file = g_ptr_array_index (episode->files, i);
      gboolean gone = g_strcmp0 (file->status, "missing") == 0;

      if (g_strcmp0 (file->status, "present") == 0)
        files_gone = FALSE;

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), file_row_new (file));
      for (guint j = 0; j < file->subtitles->len; j++)
        {
          MmlSubtitleTrack *sub = g_ptr_array_index (file->subtitles, j);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), subtitle_row_new (sub));
          /* the badges say what there is: not the tracks of a file gone */
          if (gone)
            continue;
          if (track_counts (sub, language))
            subbed = TRUE;
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

  if (files_gone)
    append_part (subtitle, _("File missing"));
  else if (episode->files->len > 1)
    {
      g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files",
                                                             episode->files->len),
                                                episode->files->len);
      append_part (subtitle, files);
    }
  else if (!has_files && !episode->missing && !episode->upcoming)
    append_part (subtitle, _("No file"));

  if (episode->missing)
    g_ptr_array_add (suffixes, state_badge_new (_("Missing"), "missing",
                                                _("Aired, and no file has this episode")));
  else if (episode->upcoming)
    g_ptr_array_add (suffixes, state_badge_new (_("Upcoming"), "upcoming",
                                                _("Airs after today")));

  for (guint i = 0; i < languages->len; i++)
    {
      g_autofree char *upper = g_ascii_strup (g_ptr_array_index (languages, i), -1);
      GtkWidget *badge = language_badge_new (upper);

      mml_ui_set_tooltip (badge, language_name (g_ptr_array_index (languages, i)));
      g_ptr_array_add (suffixes, badge);
    }
  if (has_files && !files_gone && language != NULL && !subbed)
    g_ptr_array_add (suffixes, unsubbed_mark_new (language));

  if (has_files)
    {
      if (subtitle->len > 0)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      for (guint i = 0; i < suffixes->len; i++)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), g_ptr_array_index (suffixes, i));
      if (check != NULL)
        adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
      if (files_gone)
        adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
    }
  else
    {
      if (subtitle->len > 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      for (guint i = 0; i < suffixes->len; i++)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), g_ptr_array_index (suffixes, i));
      if (check != NULL)
        {
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        }
      if (episode->upcoming)
        gtk_widget_add_css_class (row, "dim-label");
    }

  return row;
}

/* --- the seasons -------------------------------------------------------------- */

typedef struct
{
  guint listed;      /* the episodes of the season */
  guint counted;     /* … that have aired or have a file */
  guint on_disk;     /* … of those, with a file that is there (or on a disk unplugged) */
  guint watched;     /* … of those, watched */
  guint upcoming;
} SeasonCounts;

static SeasonCounts
season_counts (MmlSeasonInfo *season)
{
  SeasonCounts counts = { season->episodes->len, 0, 0, 0, 0 };

  for (guint i = 0; i < season->episodes->len; i++)
    {
      MmlEpisodeInfo *episode = g_ptr_array_index (season->episodes, i);
      gboolean on_disk = FALSE;

      counts.upcoming += episode->upcoming;
      if (!episode->aired && episode->files->len == 0)
        continue;
      /* a file counts unless it is known to be gone (MML_EPISODE_HAS_FILE) */
      for (guint j = 0; j < episode->files->len && !on_disk; j++)
        on_disk = g_strcmp0 (((MmlFileInfo *) g_ptr_array_index (episode->files, j))->status, "missing") != 0;
      counts.counted++;
      counts.on_disk += on_disk;
      counts.watched += episode->watched;
    }

  return counts;
}

/* Done: every episode that aired (or has a file) watched, none to come and
 * none announced beyond those listed */
static gboolean
season_done (MmlSeasonInfo      *season,
             const SeasonCounts *counts)
{
  return counts->counted > 0 && counts->watched == counts->counted && counts->upcoming == 0 &&
         (season->season <= 0 || (guint) season->episode_count <= counts->listed);
}

/* "8 / 9 on disk · 1 upcoming · 3 watched" */
static char *
season_description (MmlSeasonInfo      *season,
                    const SeasonCounts *counts)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (counts->counted > 0)
    /* Translators: episodes with a file of those that aired (or have a file), "8 / 9 on disk" */
    g_string_append_printf (out, _("%u / %u on disk"), counts->on_disk, counts->counted);
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u episode", "%u episodes", counts->listed),
                            counts->listed);

  if (counts->upcoming > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u upcoming", "%u upcoming",
                                                            counts->upcoming), counts->upcoming);
      append_part (out, text);
    }
  if (season->season > 0 && (guint) season->episode_count > counts->listed)
    {
      /* Translators: the episodes the provider says the season will have */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u episode announced",
                                                            "%u episodes announced", season->episode_count),
                                               season->episode_count);
      append_part (out, text);
    }
  if (season_done (season, counts))
    append_part (out, _("Watched"));
  else if (counts->watched > 0)
    {
      /* Translators: episodes of the season watched */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u watched", "%u watched",
                                                            counts->watched), counts->watched);
      append_part (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
any_season_poster (MmlSeriesDetail *detail)
{
  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);

      if (season->poster_url != NULL && *season->poster_url != '\0')
        return TRUE;
    }

  return FALSE;
}

/* The keys of the page's table of folded seasons: never NULL, season -1
 * (no numbering) included */
#define SEASON_KEY(number) GINT_TO_POINTER ((number) + 2)

static void
set_season_expanded (GtkWidget *section,
                     gboolean   expanded)
{
  GtkWidget *toggle = g_object_get_data (G_OBJECT (section), "mml-season-toggle");
  GtkWidget *arrow = g_object_get_data (G_OBJECT (section), "mml-season-arrow");
  GtkRevealer *revealer = g_object_get_data (G_OBJECT (section), "mml-season-revealer");
  GHashTable *expanded_seasons = g_object_get_data (G_OBJECT (section), "mml-expanded-seasons");

  gtk_revealer_set_reveal_child (revealer, expanded);
  gtk_image_set_from_icon_name (GTK_IMAGE (arrow), expanded ? "go-down-symbolic" : "go-next-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
  if (expanded_seasons != NULL)
    g_hash_table_insert (expanded_seasons, g_object_get_data (G_OBJECT (section), "mml-season"),
                         GINT_TO_POINTER (expanded ? 2 : 1));
}

static void
season_toggled_cb (GtkButton *toggle,
                   GtkWidget *section)
{
  GtkRevealer *revealer = g_object_get_data (G_OBJECT (section), "mml-season-revealer");

  set_season_expanded (section, !gtk_revealer_get_reveal_child (revealer));
}

/* The season's heading and counts (beside its poster when the series has
 * season posters: a season without one keeps the tinted placeholder, so
 * the headings stay in one column) in a flat button that folds the
 * season. The box flips in right-to-left locales, the arrow with it. */
static GtkWidget *
season_header_new (MmlSeasonInfo  *season,
                   MmlPosterCache *cache,
                   gboolean        with_poster,
                   const char     *heading,
                   const char     *description,
                   GtkWidget     **poster_out,
                   GtkWidget     **arrow_out)
{
  GtkWidget *toggle = gtk_button_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *subtitle = gtk_label_new (description);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-down-symbolic");

  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_add_css_class (toggle, "season-toggle");
  gtk_widget_add_css_class (header, "season-header");
  *poster_out = NULL;
  if (with_poster)
    {
      GtkWidget *poster = mml_poster_image_new (cache, SEASON_POSTER_WIDTH);

      gtk_widget_set_valign (poster, GTK_ALIGN_CENTER);
      mml_poster_image_set_poster (MML_POSTER_IMAGE (poster), season->poster_url, heading);
      gtk_box_append (GTK_BOX (header), poster);
      *poster_out = poster;
    }

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  g_object_set_data (G_OBJECT (subtitle), "mml-season-description", GINT_TO_POINTER (TRUE));
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (header), labels);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_box_append (GTK_BOX (header), arrow);

  gtk_button_set_child (GTK_BUTTON (toggle), header);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  *arrow_out = arrow;
  return toggle;
}

/* Fills @box with a section per season, then the files of no episode;
 * season posters come from @cache. @expanded_seasons (SEASON_KEY → 1
 * folded, 2 open) keeps what the user unfolded across reloads of one
 * series: a season it does not know opens unless it is done. */
void
_mml_series_page_add_seasons (GtkBox          *box,
                              MmlSeriesDetail *detail,
                              MmlPosterCache  *cache,
                              MmlEngine       *engine,
                              GHashTable      *expanded_seasons)
{
  gint64 series_id = mml_series_item_get_id (detail->series);
  gboolean posters = any_season_poster (detail);
  /* a mark on the episodes without the language, where others have it:
   * in a series with none the hero says so once */
  const char *language = mml_series_item_get_n_subbed (detail->series) > 0
                         ? mml_series_item_get_subtitle_language (detail->series) : NULL;
  g_autofree char *today = engine != NULL ? mml_clock_get_today (mml_engine_get_clock (engine)) : NULL;

  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);
      SeasonCounts counts = season_counts (season);
      g_autofree char *heading = season_heading (season);
      g_autofree char *description = season_description (season, &counts);
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *revealer = gtk_revealer_new ();
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *poster = NULL;
      GtkWidget *arrow = NULL;
      GtkWidget *toggle;
      gpointer known = NULL;
      gboolean expanded;

      for (guint j = 0; j < season->episodes->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   episode_row_new (g_ptr_array_index (season->episodes, j),
                                                    language, today, series_id, engine));

      toggle = season_header_new (season, cache, posters, heading, description, &poster, &arrow);
      gtk_box_append (GTK_BOX (section), toggle);
      /* the space above the rows folds with them */
      gtk_widget_set_margin_top (group, 12);
      gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
      gtk_revealer_set_child (GTK_REVEALER (revealer), group);
      gtk_box_append (GTK_BOX (section), revealer);

      g_object_set_data (G_OBJECT (section), "mml-season-poster", poster);
      g_object_set_data (G_OBJECT (section), "mml-season", SEASON_KEY (season->season));
      g_object_set_data (G_OBJECT (section), "mml-season-toggle", toggle);
      g_object_set_data (G_OBJECT (section), "mml-season-arrow", arrow);
      g_object_set_data (G_OBJECT (section), "mml-season-revealer", revealer);
      if (expanded_seasons != NULL)
        g_object_set_data_full (G_OBJECT (section), "mml-expanded-seasons",
                                g_hash_table_ref (expanded_seasons), (GDestroyNotify) g_hash_table_unref);

      if (expanded_seasons != NULL &&
          g_hash_table_lookup_extended (expanded_seasons, SEASON_KEY (season->season), NULL, &known))
        expanded = GPOINTER_TO_INT (known) == 2;
      else
        expanded = !season_done (season, &counts);
      /* before the section is shown: no animation */
      set_season_expanded (section, expanded);
      g_signal_connect (toggle, "clicked", G_CALLBACK (season_toggled_cb), section);
      gtk_box_append (box, section);
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
      gtk_box_append (box, group);
    }

  if (detail->seasons->len == 0 && detail->other_files->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "folder-videos-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Episodes"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("No video in this series’ folder could be read as an episode, and the series is not matched to a provider yet."));
      gtk_box_append (box, status);
    }
}

static GtkWidget *
find_season (GtkBox *box,
             int     number)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "mml-season") == SEASON_KEY (number))
      return child;

  return NULL;
}

/* The poster widget of season @number (0: specials, -1: no numbering), or
 * NULL when the page shows no season posters */
GtkWidget *
_mml_series_page_find_season_poster (GtkBox *box,
                                     int     number)
{
  GtkWidget *section = find_season (box, number);

  return section != NULL ? g_object_get_data (G_OBJECT (section), "mml-season-poster") : NULL;
}

/* The button that folds season @number, or NULL when the page has no such
 * season */
GtkWidget *
_mml_series_page_find_season_toggle (GtkBox *box,
                                     int     number)
{
  GtkWidget *section = find_season (box, number);

  return section != NULL ? g_object_get_data (G_OBJECT (section), "mml-season-toggle") : NULL;
}

/* Whether season @number shows its episodes (or will, once it unfolds) */
gboolean
_mml_series_page_get_season_expanded (GtkBox *box,
                                      int     number)
{
  GtkWidget *section = find_season (box, number);

  return section != NULL &&
         gtk_revealer_get_reveal_child (g_object_get_data (G_OBJECT (section), "mml-season-revealer"));
}
