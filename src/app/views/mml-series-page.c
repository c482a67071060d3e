/* mml-series-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One series: its poster, facts (its run, "1995–1998", and its size on
 * disk among them), overview and provider ids over its seasons (with their
 * posters) and episodes (mml-series-page-episodes.c). The header has the
 * actions on the series: open its folder, refresh its metadata, and in its
 * menu these again, match it again, unmatch it, leave it out of matching,
 * and its episode order (the three orders, those the provider lacks
 * greyed out). The hero says the series' subtitle status, with a menu to
 * set it by hand (or back to automatic) through the subtitles controller.
 * "Rename Files…" opens the organise preview of the series
 * (MmlOrganizeDialog). Which seasons are folded is kept while the page
 * shows one series.
 *
 * The tree is loaded on the store's thread (mml_library_controller_get_series_detail_async());
 * opening another series cancels the load in flight. When the engine
 * writes metadata for the series, or a reload changes its item, the page
 * loads again and keeps its scroll position.
 */

#define G_LOG_DOMAIN "mml-series-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-poster-cache.h"
#include "mml-series-page-private.h"
#include "mml-subtitles-controller.h"
#include "mml-view.h"
#include "widgets/mml-organize-dialog.h"
#include "widgets/mml-transfer-dialog.h"
#include "widgets/mml-poster-image.h"
#include "widgets/mml-series-tile.h"
#include "widgets/mml-subtitle-actions.h"
#include "widgets/mml-subtitle-search-dialog.h"
#include "mml-ui-util.h"

#define RELOAD_DELAY_MS 250

struct _MmlSeriesPage
{
  AdwBin             parent_instance;

  MmlEngine *engine;
  MmlSeriesDetail   *detail;
  GCancellable      *cancellable;      /* the load in flight */
  GCancellable      *order_cancellable;
  GCancellable      *override_cancellable;
  gint64             series_id;
  char              *episode_order;
  char              *subtitle_override; /* "with", "mixed", "none", "auto" */
  gboolean           ignored;           /* left out of matching */
  guint              reload_source;
  GHashTable        *expanded_seasons;  /* see _mml_series_page_add_seasons() */
  GSimpleActionGroup *unoffered;        /* "unoffered.order": the orders the provider lacks */

  AdwHeaderBar      *header_bar;
  AdwWindowTitle    *window_title;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scroller;
  GtkWidget         *hero_box;
  MmlPosterImage    *poster;
  GtkLabel          *facts_label;
  GtkLabel          *missing_badge;
  GtkLabel          *upcoming_badge;
  GtkLabel          *match_badge;
  GtkLabel          *subtitles_badge;
  GtkLabel          *subtitles_label;
  GtkMenuButton     *subtitles_button;
  GtkLabel          *genres_label;
  GtkLabel          *overview_label;
  GtkLabel          *match_label;
  GtkLabel          *ids_label;
  GtkBox            *content_box;
  GMenu             *order_section;
  GtkWindow         *subtitle_dialog;   /* weak: the last "Find Subtitles" */
  GtkWindow         *organize_dialog;   /* weak: the last "Rename Files" */
  GtkWindow         *unmatch_dialog;    /* weak: the last "Unmatch?" */
};

G_DEFINE_FINAL_TYPE (MmlSeriesPage, mml_series_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EPISODE_ORDER,
  PROP_SUBTITLE_OVERRIDE,
  PROP_IGNORED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (MmlSeriesPage *self);

/* --- helpers --------------------------------------------------------------- */

static void
toast (MmlSeriesPage *self,
       const char    *text)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), MML_TYPE_VIEW);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (view != NULL)
    mml_view_add_toast (MML_VIEW (view), adw_toast_new (escaped));
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

static void
clear_content (MmlSeriesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))))
    gtk_box_remove (self->content_box, child);
}

static const char *
order_label (MmlEpisodeOrder order)
{
  switch (order)
    {
    case MML_EPISODE_ORDER_DVD:
      return _("_DVD");
    case MML_EPISODE_ORDER_ABSOLUTE:
      return _("_Absolute");
    case MML_EPISODE_ORDER_AIRED:
    default:
      return _("A_ired");
    }
}

/* Only the orders the primary provider can deliver; none for a series
 * matched on another provider */
static void
update_actions (MmlSeriesPage *self)
{
  MmlSeriesDetail *detail = self->detail;
  MmlMetadataController *metadata = self->engine ? mml_engine_get_metadata (self->engine) : NULL;
  gboolean matched = detail != NULL && mml_series_item_get_matched (detail->series);
  gboolean same_provider = FALSE;
  guint orders = 0;

  if (metadata != NULL)
    {
      orders = mml_metadata_controller_get_orders (metadata);
      same_provider = detail != NULL &&
                      (detail->provider == NULL ||
                       g_strcmp0 (detail->provider,
                                  mml_meta_provider_to_string (mml_metadata_controller_get_provider (metadata))) == 0);
    }

  /* The three orders; those the provider lacks greyed out, saying so */
  g_menu_remove_all (self->order_section);
  for (MmlEpisodeOrder order = MML_EPISODE_ORDER_AIRED; order <= MML_EPISODE_ORDER_ABSOLUTE; order++)
    {
      gboolean offered = (orders & MML_EPISODE_ORDER_FLAG (order)) != 0;
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (offered || metadata == NULL)
        label = g_strdup (order_label (order));
      else
        /* Translators: an episode order the provider does not have, "DVD (not on TVmaze)" */
        label = g_strdup_printf (_("%s (not on %s)"), order_label (order),
                                 mml_meta_provider_display_name (mml_metadata_controller_get_provider (metadata)));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, offered ? "page.order" : "unoffered.order",
                                               g_variant_new_string (mml_episode_order_to_string (order)));
      g_menu_append_item (self->order_section, item);
    }
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->unoffered), "order")),
                             g_variant_new_string (self->episode_order ? self->episode_order : "aired"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.open-folder",
                                 detail != NULL && detail->root_path != NULL &&
                                 mml_series_item_get_folder (detail->series) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", matched && metadata != NULL && same_provider);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.rematch", detail != NULL && metadata != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.unmatch", matched && metadata != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.ignored", detail != NULL && metadata != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.order",
                                 detail != NULL && same_provider && self->order_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.subtitles",
                                 detail != NULL && self->engine != NULL && self->override_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.fetch-subtitles", detail != NULL && self->engine != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.find-subtitles", detail != NULL && self->engine != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.organize", detail != NULL && self->engine != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.transfer", detail != NULL && self->engine != NULL);
}

static void
set_override_state (MmlSeriesPage *self,
                    const char    *override)
{
  if (g_strcmp0 (self->subtitle_override, override) == 0)
    return;

  g_free (self->subtitle_override);
  self->subtitle_override = g_strdup (override);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE_OVERRIDE]);
}

/* The status in a sentence, and who set it */
static void
update_subtitles (MmlSeriesPage *self)
{
  MmlSeriesItem *series = self->detail->series;
  g_autofree char *text = mml_series_describe_subtitles (series);
  MmlSubtitleStatus override;

  mml_series_badge_set_subtitles (self->subtitles_badge, series);
  gtk_label_set_label (self->subtitles_label, text);
  set_override_state (self, mml_series_item_get_subtitle_override (series, &override)
                            ? mml_subtitle_status_to_string (override) : "auto");
}

static void
set_order_state (MmlSeriesPage *self,
                 const char    *order)
{
  if (g_strcmp0 (self->episode_order, order) == 0)
    return;

  g_free (self->episode_order);
  self->episode_order = g_strdup (order);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE_ORDER]);
}

static void
set_ignored_state (MmlSeriesPage *self,
                   gboolean       ignored)
{
  if (self->ignored == ignored)
    return;

  self->ignored = ignored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IGNORED]);
}

/* --- the facts ------------------------------------------------------------- */

/* The year of @date ("YYYY-MM-DD"); 0 when it is none */
static int
date_year (const char *date)
{
  int year, month, day;

  return date != NULL && mml_clock_parse_date (date, &year, &month, &day) ? year : 0;
}

/* The last air date of the regular episodes that aired, or NULL */
static const char *
last_aired (MmlSeriesDetail *detail)
{
  const char *last = NULL;

  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        {
          MmlEpisodeInfo *episode = g_ptr_array_index (season->episodes, j);

          if (episode->aired && !episode->special && episode->air_date != NULL &&
              (last == NULL || strcmp (episode->air_date, last) > 0))
            last = episode->air_date;
        }
    }

  return last;
}

/* The series' run in years: "1995–1998" once it ended ("1995" within one
 * year), "Since 1995" while it runs; an ended series whose provider gave
 * no end date ran until its last episode aired. NULL with no first date. */
static char *
run_text (MmlSeriesDetail *detail)
{
  const char *status = mml_series_item_get_status (detail->series);
  gboolean ended = g_strcmp0 (status, "ended") == 0 || detail->ended != NULL;
  int first = date_year (detail->premiered);
  int last;

  if (first == 0)
    return NULL;

  if (g_strcmp0 (status, "upcoming") == 0)
    {
      g_autofree char *date = mml_format_air_date (detail->premiered, NULL);

      /* Translators: %s is the date a series first airs, "3 March 2026" */
      return g_strdup_printf (_("Premieres %s"), date);
    }

  if (!ended)
    {
      g_autofree char *year = g_strdup_printf ("%d", first);

      /* Translators: %s is the year a series first aired, "1995" */
      return g_strdup_printf (_("Since %s"), year);
    }

  last = date_year (detail->ended);
  if (last == 0)
    last = date_year (last_aired (detail));
  if (last <= first)
    return g_strdup_printf ("%d", first);
  /* Translators: the years a series ran, its first and its last, "1995–1998" */
  return g_strdup_printf (_("%d–%d"), first, last);
}

static char *
ids_markup (MmlSeriesDetail *detail)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* Links where the provider's page is one URL away */
  if (detail->tvmaze_id > 0)
    g_string_append_printf (out, "<a href=\"https://www.tvmaze.com/shows/%" G_GINT64_FORMAT "\">TVmaze %"
                            G_GINT64_FORMAT "</a>", detail->tvmaze_id, detail->tvmaze_id);
  if (detail->tvdb_id > 0)
    g_string_append_printf (out, "%s<a href=\"https://thetvdb.com/dereferrer/series/%" G_GINT64_FORMAT
                            "\">TheTVDB %" G_GINT64_FORMAT "</a>", out->len ? "   " : "",
                            detail->tvdb_id, detail->tvdb_id);
  if (detail->tmdb_id > 0)
    g_string_append_printf (out, "%s<a href=\"https://www.themoviedb.org/tv/%" G_GINT64_FORMAT "\">TMDB %"
                            G_GINT64_FORMAT "</a>", out->len ? "   " : "", detail->tmdb_id, detail->tmdb_id);
  if (detail->imdb_id != NULL && g_str_has_prefix (detail->imdb_id, "tt"))
    {
      g_autofree char *escaped = g_uri_escape_string (detail->imdb_id, NULL, FALSE);
      g_autofree char *text = g_markup_escape_text (detail->imdb_id, -1);

      g_string_append_printf (out, "%s<a href=\"https://www.imdb.com/title/%s/\">IMDb %s</a>",
                              out->len ? "   " : "", escaped, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
match_text (MmlSeriesDetail *detail)
{
  const char *state = mml_series_item_get_match_state (detail->series);
  MmlMetaProvider kind;
  const char *provider = mml_meta_provider_from_string (detail->provider, &kind)
                         ? mml_meta_provider_display_name (kind) : NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_str_equal (state, "auto") && provider != NULL)
    /* Translators: %s is a provider, like TVmaze */
    g_string_append_printf (out, _("Matched automatically on %s."), provider);
  else if (g_str_equal (state, "manual") && provider != NULL)
    g_string_append_printf (out, _("Matched by you on %s: refreshes keep this match."), provider);
  else if (g_str_equal (state, "conflict"))
    g_string_append (out, _("Several series could match this folder: choose one in Conflicts."));
  else if (g_str_equal (state, "ignored"))
    g_string_append (out, _("This folder is left out of matching."));
  else
    g_string_append (out, _("Not matched yet: use “Match again” in the menu to look it up."));

  if (detail->meta_error != NULL)
    {
      g_string_append_c (out, '\n');
      /* Translators: %s is why, e.g. "TVmaze cannot be reached" */
      g_string_append_printf (out, _("The last metadata update failed: %s"), detail->meta_error);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
populate (MmlSeriesPage *self)
{
  MmlSeriesDetail *detail = self->detail;
  MmlSeriesItem *series = detail->series;
  g_autofree char *counts = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *match = NULL;
  g_autofree char *genres = NULL;
  g_autofree char *run = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) facts = g_string_new (NULL);

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
  adw_window_title_set_title (self->window_title, mml_series_item_get_title (series));
  adw_window_title_set_subtitle (self->window_title, subtitle->str);

  if (detail->root_path != NULL && mml_series_item_get_folder (series) != NULL)
    {
      g_autofree char *path = g_build_filename (detail->root_path,
                                                mml_series_item_get_folder (series), NULL);
      g_autofree char *folder = mml_format_path (path);

      mml_ui_set_tooltip (GTK_WIDGET (self->window_title), folder);
    }

  /* The hero: poster, facts, badges, overview, match, ids */
  mml_poster_image_set_cache (self->poster, mml_poster_cache_get_for_engine (self->engine));
  mml_poster_image_set_poster (self->poster, mml_series_item_get_poster_url (series),
                               mml_series_item_get_title (series));
  append_part (facts, mml_series_item_get_network (series));
  append_part (facts, detail->country);
  append_part (facts, mml_series_status_label (mml_series_item_get_status (series)));
  append_part (facts, mml_series_item_get_language (series));
  if (detail->runtime > 0)
    {
      /* Translators: an episode's running time */
      g_autofree char *runtime = g_strdup_printf (_("%d min"), detail->runtime);
      append_part (facts, runtime);
    }
  run = run_text (detail);
  append_part (facts, run);
  if (mml_series_item_get_size (series) > 0)
    {
      g_autofree char *bytes = g_format_size (mml_series_item_get_size (series));
      /* Translators: %s is a size, "4.2 GB": the series' files */
      g_autofree char *size = g_strdup_printf (_("%s on disk"), bytes);

      append_part (facts, size);
    }
  gtk_label_set_label (self->facts_label, facts->str);
  gtk_widget_set_visible (GTK_WIDGET (self->facts_label), facts->len > 0);

  mml_series_badge_set_missing (self->missing_badge, mml_series_item_get_n_missing (series));
  mml_series_badge_set_upcoming (self->upcoming_badge, mml_series_item_get_n_upcoming (series));
  mml_series_badge_set_match (self->match_badge, mml_series_item_get_match_state (series));
  update_subtitles (self);

  genres = g_strjoinv (", ", detail->genres);
  gtk_label_set_label (self->genres_label, genres);
  gtk_widget_set_visible (GTK_WIDGET (self->genres_label), *genres != '\0');
  gtk_label_set_label (self->overview_label, detail->overview ? detail->overview : "");
  gtk_widget_set_visible (GTK_WIDGET (self->overview_label), detail->overview != NULL);
  match = match_text (detail);
  gtk_label_set_label (self->match_label, match);
  ids = ids_markup (detail);
  gtk_label_set_markup (self->ids_label, ids);
  gtk_widget_set_visible (GTK_WIDGET (self->ids_label), *ids != '\0');
  gtk_widget_set_visible (self->hero_box, TRUE);

  set_order_state (self, detail->episode_order);
  set_ignored_state (self, g_strcmp0 (mml_series_item_get_match_state (series), "ignored") == 0);
  update_actions (self);

  clear_content (self);
  _mml_series_page_add_seasons (self->content_box, detail,
                                mml_poster_cache_get_for_engine (self->engine), self->engine,
                                self->expanded_seasons);
}

/* --- loading --------------------------------------------------------------- */

static void
detail_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlSeriesPage) self = user_data;
  g_autoptr(MmlSeriesDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  detail = mml_library_controller_get_series_detail_finish (MML_LIBRARY_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  g_clear_object (&self->cancellable);

  if (detail == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      clear_content (self);
      gtk_widget_set_visible (self->hero_box, FALSE);
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
load (MmlSeriesPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  mml_library_controller_get_series_detail_async (mml_engine_get_library (self->engine),
                                     self->series_id,
                                     self->cancellable,
                                     detail_loaded_cb,
                                     g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MmlSeriesPage *self = user_data;

  self->reload_source = 0;
  load (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (MmlSeriesPage *self)
{
  if (self->reload_source == 0 && self->series_id > 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
series_meta_changed_cb (MmlSeriesPage     *self,
                        gint64             series_id,
                        gpointer  emitter)
{
  if (series_id == self->series_id)
    queue_reload (self);
}

static void
series_items_changed_cb (MmlSeriesPage *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (mml_series_item_get_id (item) != self->series_id)
        continue;
      if (self->detail == NULL || !mml_series_item_equal (item, self->detail->series))
        queue_reload (self);
      break;
    }
}

static void
start (MmlSeriesPage     *self,
       MmlEngine *engine,
       gint64             series_id)
{
  if (self->engine != engine)
    {
      if (self->engine != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->engine, self);
          g_signal_handlers_disconnect_by_data (mml_library_controller_get_series (mml_engine_get_library (self->engine)), self);
        }
      g_set_object (&self->engine, engine);
      g_signal_connect_object (mml_engine_get_metadata (engine), "series-changed",
                               G_CALLBACK (series_meta_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_library_controller_get_series (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (series_items_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (self->order_cancellable != NULL)
    g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
  if (self->override_cancellable != NULL)
    g_cancellable_cancel (self->override_cancellable);
  g_clear_object (&self->override_cancellable);
  g_clear_pointer (&self->detail, mml_series_detail_unref);
  /* the seasons folded are the user's while it stays on one series */
  if (series_id != self->series_id)
    g_hash_table_remove_all (self->expanded_seasons);
  self->series_id = series_id;
  set_ignored_state (self, FALSE);

  clear_content (self);
  gtk_widget_set_visible (self->hero_box, FALSE);
  mml_ui_set_tooltip (GTK_WIDGET (self->window_title), NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_actions (self);
  load (self);
}

/* --- actions ----------------------------------------------------------------- */

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);
  g_autofree char *path = NULL;

  if (self->detail == NULL || self->detail->root_path == NULL ||
      mml_series_item_get_folder (self->detail->series) == NULL)
    return;

  path = g_build_filename (self->detail->root_path, mml_series_item_get_folder (self->detail->series), NULL);
  mml_ui_open_folder (widget, path);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);

  if (self->engine == NULL || self->series_id <= 0)
    return;

  /* One series on demand: fetch it whatever the updates feed says */
  mml_metadata_controller_refresh (mml_engine_get_metadata (self->engine), TRUE, self->series_id);
  toast (self, _("Refreshing the metadata…"));
}

static void
rematch_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);

  if (self->engine == NULL || self->series_id <= 0)
    return;

  mml_metadata_controller_match (mml_engine_get_metadata (self->engine), MML_META_TARGETS_ONE, self->series_id);
  toast (self, _("Matching the series again…"));
}

static void
unmatched_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MmlSeriesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_metadata_controller_update_finish (MML_METADATA_CONTROLLER (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Cannot unmatch the series: %s"), error->message);
      toast (self, text);
    }
  /* on success the library reloads, and the page with it */
}

static void
unmatch_response_cb (MmlSeriesPage    *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  gint64 series_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "mml-series-id");

  if (!g_str_equal (response, "unmatch") || self->engine == NULL)
    return;

  mml_metadata_controller_update_async (mml_engine_get_metadata (self->engine), series_id,
                                        MML_META_UPDATE_UNMATCH, NULL, unmatched_cb, g_object_ref (self));
}

/* Forgets the match once the user confirms: the provider's ids, titles
 * and seasons go (a match chosen by hand with them), the files stay */
static void
unmatch_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->engine == NULL || self->detail == NULL)
    return;

  /* Translators: %s is a series */
  heading = g_strdup_printf (_("Unmatch “%s”?"), mml_series_item_get_title (self->detail->series));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The provider’s titles, overview and posters are forgotten; the files "
                                     "stay where they are. “Match again” looks the series up anew."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unmatch", _("_Unmatch"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unmatch", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mml-series-id", g_memdup2 (&self->series_id, sizeof self->series_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unmatch_response_cb), self, G_CONNECT_SWAPPED);

  if (self->unmatch_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->unmatch_dialog), (gpointer *) &self->unmatch_dialog);
  self->unmatch_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unmatch_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Leave Out of Matching", set by the user (page.ignored); unchecked, the
 * series is matched again, as Undo does in Conflicts */
static void
change_ignored (MmlSeriesPage *self,
                gboolean       ignored)
{
  MmlMetadataController *metadata;
  g_autofree char *text = NULL;

  if (self->engine == NULL || self->detail == NULL || ignored == self->ignored)
    return;

  metadata = mml_engine_get_metadata (self->engine);
  set_ignored_state (self, ignored);
  if (ignored)
    {
      mml_metadata_controller_ignore_series (metadata, self->series_id);
      /* Translators: %s is a folder */
      text = g_strdup_printf (_("“%s” will not be matched"), mml_series_item_get_title (self->detail->series));
    }
  else
    {
      mml_metadata_controller_unignore_series (metadata, self->series_id);
      mml_metadata_controller_match (metadata, MML_META_TARGETS_ONE, self->series_id);
      text = g_strdup (_("Matching the series again…"));
    }
  toast (self, text);
}

static void
fetch_subtitles_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);

  if (self->engine == NULL || self->series_id <= 0)
    return;

  mml_subtitle_fetch_missing (widget, self->engine, self->series_id);
}

/* The file @file_id of the series, or NULL */
static MmlFileInfo *
find_file (MmlSeriesDetail *detail,
           gint64           file_id)
{
  for (guint i = 0; i < detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        {
          MmlEpisodeInfo *episode = g_ptr_array_index (season->episodes, j);

          for (guint k = 0; k < episode->files->len; k++)
            if (((MmlFileInfo *) g_ptr_array_index (episode->files, k))->id == file_id)
              return g_ptr_array_index (episode->files, k);
        }
    }
  for (guint i = 0; i < detail->other_files->len; i++)
    if (((MmlFileInfo *) g_ptr_array_index (detail->other_files, i))->id == file_id)
      return g_ptr_array_index (detail->other_files, i);
  return NULL;
}

/* "Find subtitles…" of a file row: the dialog, modal over the window */
static void
find_subtitles_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);
  gint64 file_id = g_variant_get_int64 (param);
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlFileInfo *file;
  g_autofree char *name = NULL;
  MmlSubtitleSearchDialog *dialog;

  if (self->engine == NULL || self->detail == NULL || !(file = find_file (self->detail, file_id)))
    return;

  name = g_filename_display_basename (file->path);
  dialog = mml_subtitle_search_dialog_new (self->engine, file_id, name, widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  if (self->subtitle_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->subtitle_dialog), (gpointer *) &self->subtitle_dialog);
  self->subtitle_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->subtitle_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Rename Files…": the preview of the series' renames, modal over the
 * window */
static void
organize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlOrganizeDialog *dialog;

  if (self->engine == NULL || self->detail == NULL)
    return;

  dialog = mml_organize_dialog_new (self->engine, self->series_id,
                                    mml_series_item_get_title (self->detail->series));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  if (self->organize_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->organize_dialog), (gpointer *) &self->organize_dialog);
  self->organize_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->organize_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Copy or Move to…": the series, or seasons of it, queued for another
 * folder or drive (mml-transfer-dialog.c) */
static void
transfer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlTransferDialog *dialog;

  if (self->engine == NULL || self->detail == NULL)
    return;
  dialog = mml_transfer_dialog_new (self->engine, self->detail);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
order_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MmlSeriesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_metadata_controller_set_order_finish (MML_METADATA_CONTROLLER (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      text = g_strdup_printf (_("Cannot change the episode order: %s"), error->message);
      toast (self, text);
    }

  g_clear_object (&self->order_cancellable);
  load (self);
}

static void
change_order (MmlSeriesPage *self,
              const char    *text)
{
  MmlEpisodeOrder order;

  if (self->engine == NULL || self->detail == NULL || !mml_episode_order_from_string (text, &order) ||
      g_strcmp0 (text, self->detail->episode_order) == 0)
    return;

  set_order_state (self, text);
  self->order_cancellable = g_cancellable_new ();
  update_actions (self);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  mml_metadata_controller_set_order_async (mml_engine_get_metadata (self->engine), self->series_id, order,
                                           self->order_cancellable, order_set_cb, g_object_ref (self));
}

static void
override_set_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlSeriesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_subtitles_controller_set_override_finish (MML_SUBTITLES_CONTROLLER (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      text = g_strdup_printf (_("Cannot change the subtitle status: %s"), error->message);
      toast (self, text);
      /* back to what the series says */
      if (self->detail != NULL)
        update_subtitles (self);
    }

  /* on success the engine reloads the series, and the page with it */
  g_clear_object (&self->override_cancellable);
  update_actions (self);
}

static void
change_override (MmlSeriesPage *self,
                 const char    *text)
{
  gboolean has_override;
  MmlSubtitleStatus status = MML_SUBTITLE_STATUS_NONE;

  if (self->engine == NULL || self->detail == NULL ||
      !mml_subtitle_override_parse (text, &has_override, &status) ||
      g_strcmp0 (text, self->subtitle_override) == 0)
    return;

  set_override_state (self, text);
  self->override_cancellable = g_cancellable_new ();
  update_actions (self);
  mml_subtitles_controller_set_override_async (mml_engine_get_subtitles (self->engine), self->series_id,
                                               has_override, status, self->override_cancellable,
                                               override_set_cb, g_object_ref (self));
}

/* --- GObject ------------------------------------------------------------------ */

static void
mml_series_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_EPISODE_ORDER:
      g_value_set_string (value, self->episode_order ? self->episode_order : "aired");
      break;
    case PROP_SUBTITLE_OVERRIDE:
      g_value_set_string (value, self->subtitle_override ? self->subtitle_override : "auto");
      break;
    case PROP_IGNORED:
      g_value_set_boolean (value, self->ignored);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_EPISODE_ORDER:
      /* Set by the user (page.order): change it for real */
      change_order (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE_OVERRIDE:
      /* Set by the user (page.subtitles) */
      change_override (self, g_value_get_string (value));
      break;
    case PROP_IGNORED:
      /* Set by the user (page.ignored) */
      change_ignored (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_page_dispose (GObject *object)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->order_cancellable != NULL)
    g_cancellable_cancel (self->order_cancellable);
  if (self->override_cancellable != NULL)
    g_cancellable_cancel (self->override_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->order_cancellable);
  g_clear_object (&self->override_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->detail, mml_series_detail_unref);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_series (mml_engine_get_library (self->engine)), self);
    }
  g_clear_object (&self->engine);
  if (self->subtitle_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->subtitle_dialog), (gpointer *) &self->subtitle_dialog);
  self->subtitle_dialog = NULL;
  if (self->organize_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->organize_dialog), (gpointer *) &self->organize_dialog);
  self->organize_dialog = NULL;
  if (self->unmatch_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->unmatch_dialog), (gpointer *) &self->unmatch_dialog);
  self->unmatch_dialog = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERIES_PAGE);

  G_OBJECT_CLASS (mml_series_page_parent_class)->dispose (object);
}

static void
mml_series_page_finalize (GObject *object)
{
  MmlSeriesPage *self = MML_SERIES_PAGE (object);

  g_free (self->episode_order);
  g_free (self->subtitle_override);
  g_hash_table_unref (self->expanded_seasons);
  g_object_unref (self->unoffered);

  G_OBJECT_CLASS (mml_series_page_parent_class)->finalize (object);
}

static void
mml_series_page_class_init (MmlSeriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_series_page_dispose;
  object_class->finalize = mml_series_page_finalize;
  object_class->get_property = mml_series_page_get_property;
  object_class->set_property = mml_series_page_set_property;

  properties[PROP_EPISODE_ORDER] =
    g_param_spec_string ("episode-order", NULL, NULL, "aired",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "with", "mixed", "none", or "auto" (derived from the episodes) */
  properties[PROP_SUBTITLE_OVERRIDE] =
    g_param_spec_string ("subtitle-override", NULL, NULL, "auto",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the series is left out of matching */
  properties[PROP_IGNORED] =
    g_param_spec_boolean ("ignored", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MML_TYPE_POSTER_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, hero_box);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, poster);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, missing_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, upcoming_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, match_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, subtitles_badge);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, subtitles_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, subtitles_button);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, genres_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, overview_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, match_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, ids_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesPage, order_section);

  gtk_widget_class_install_action (widget_class, "page.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "page.rematch", NULL, rematch_action);
  gtk_widget_class_install_action (widget_class, "page.unmatch", NULL, unmatch_action);
  gtk_widget_class_install_action (widget_class, "page.fetch-subtitles", NULL, fetch_subtitles_action);
  gtk_widget_class_install_action (widget_class, "page.find-subtitles", "x", find_subtitles_action);
  gtk_widget_class_install_action (widget_class, "page.organize", NULL, organize_action);
  gtk_widget_class_install_action (widget_class, "page.transfer", NULL, transfer_action);
  gtk_widget_class_install_property_action (widget_class, "page.order", "episode-order");
  gtk_widget_class_install_property_action (widget_class, "page.subtitles", "subtitle-override");
  gtk_widget_class_install_property_action (widget_class, "page.ignored", "ignored");
}

static void
mml_series_page_init (MmlSeriesPage *self)
{
  g_autoptr(GSimpleAction) unoffered = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded_seasons = g_hash_table_new (NULL, NULL);

  /* never enabled: the menu shows the orders the provider lacks greyed
   * out, as radio items beside the others */
  self->unoffered = g_simple_action_group_new ();
  unoffered = g_simple_action_new_stateful ("order", G_VARIANT_TYPE_STRING, g_variant_new_string ("aired"));
  g_simple_action_set_enabled (unoffered, FALSE);
  g_action_map_add_action (G_ACTION_MAP (self->unoffered), G_ACTION (unoffered));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "unoffered", G_ACTION_GROUP (self->unoffered));

  update_actions (self);
}

/**
 * mml_series_page_show:
 * @item: the series, from the series list
 *
 * Shows what the list knows of @item at once, then loads the rest.
 */
void
mml_series_page_show (MmlSeriesPage     *self,
                      MmlEngine *engine,
                      MmlSeriesItem     *item)
{
  g_autofree char *counts = NULL;

  g_return_if_fail (MML_IS_SERIES_PAGE (self));
  g_return_if_fail (MML_IS_ENGINE (engine));
  g_return_if_fail (MML_IS_SERIES_ITEM (item));

  counts = mml_format_series_counts (mml_series_item_get_n_seasons (item),
                                     mml_series_item_get_n_episodes (item));
  adw_window_title_set_title (self->window_title, mml_series_item_get_title (item));
  adw_window_title_set_subtitle (self->window_title, counts);
  start (self, engine, mml_series_item_get_id (item));
}

/**
 * mml_series_page_show_id:
 *
 * Shows series @series_id, which the series list may not have yet (it was
 * just added).
 */
void
mml_series_page_show_id (MmlSeriesPage     *self,
                         MmlEngine *engine,
                         gint64             series_id)
{
  g_return_if_fail (MML_IS_SERIES_PAGE (self));
  g_return_if_fail (MML_IS_ENGINE (engine));
  g_return_if_fail (series_id > 0);

  adw_window_title_set_title (self->window_title, "");
  adw_window_title_set_subtitle (self->window_title, "");
  start (self, engine, series_id);
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
  return self->cancellable != NULL || self->reload_source != 0;
}

/**
 * mml_series_page_get_season_poster:
 * @season: the season number, 0 for the specials
 *
 * Returns: (transfer none) (nullable): the #MmlPosterImage beside the
 *   season's heading, or %NULL when the page shows no season posters
 */
GtkWidget *
mml_series_page_get_season_poster (MmlSeriesPage *self,
                                   int            season)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return _mml_series_page_find_season_poster (self->content_box, season);
}

/**
 * mml_series_page_get_subtitle_dialog:
 *
 * Returns: (transfer none) (nullable): the "Find Subtitles" dialog last
 *   opened, while it is open; for tests
 */
GtkWindow *
mml_series_page_get_subtitle_dialog (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return self->subtitle_dialog;
}

/**
 * mml_series_page_get_organize_dialog:
 *
 * Returns: (transfer none) (nullable): the "Rename Files" dialog last
 *   opened, while it is open; for tests
 */
GtkWindow *
mml_series_page_get_organize_dialog (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return self->organize_dialog;
}

/**
 * mml_series_page_get_season_expanded:
 * @season: the season number, 0 for the specials
 *
 * Returns: whether the season shows its episodes (%FALSE when folded, or
 *   when the page has no such season)
 */
gboolean
mml_series_page_get_season_expanded (MmlSeriesPage *self,
                                     int            season)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), FALSE);
  return _mml_series_page_get_season_expanded (self->content_box, season);
}

/**
 * mml_series_page_get_season_toggle:
 * @season: the season number, 0 for the specials
 *
 * Returns: (transfer none) (nullable): the button heading the season,
 *   which folds it or opens it; for tests
 */
GtkWidget *
mml_series_page_get_season_toggle (MmlSeriesPage *self,
                                   int            season)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return _mml_series_page_find_season_toggle (self->content_box, season);
}

/**
 * mml_series_page_get_facts:
 *
 * Returns: (transfer none): the facts line under the series' title
 *   ("HBO · US · Ended · English · 30 min · 2012–2017 · 4.2 GB on disk")
 */
const char *
mml_series_page_get_facts (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return gtk_label_get_label (self->facts_label);
}

/**
 * mml_series_page_get_unmatch_dialog:
 *
 * Returns: (transfer none) (nullable): the question "Unmatch …?" last
 *   asked, while it is open; for tests
 */
GtkWindow *
mml_series_page_get_unmatch_dialog (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);
  return self->unmatch_dialog;
}

/**
 * mml_series_page_get_header_bar:
 *
 * Returns: (transfer none): the page's header bar, which stands in for the
 *   window's while the page shows
 */
AdwHeaderBar *
mml_series_page_get_header_bar (MmlSeriesPage *self)
{
  g_return_val_if_fail (MML_IS_SERIES_PAGE (self), NULL);

  return self->header_bar;
}
