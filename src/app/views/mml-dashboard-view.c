/* mml-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library at a glance: totals, the series to continue watching (each
 * with its poster and the episode up next), what needs attention (series to confirm,
 * metadata errors with Retry, unrecognised files, episodes without
 * subtitles in the first preferred language, missing files), missing and
 * upcoming episodes, recently added series, each library folder with its
 * last scan, and the running scan and metadata run. An empty state sends the
 * user to Paths while there is no library folder.
 *
 * The episode and series lists are read from the store (on its thread) each
 * time the engine reloads, which it does after scans and metadata writes.
 */

#define G_LOG_DOMAIN "mml-dashboard-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-dashboard-view.h"
#include "mml-conflicts-view.h"
#include "mml-format.h"
#include "mml-language.h"
#include "mml-window.h"
#include "mml-meta-store.h"
#include "mml-server-store.h"
#include "mml-sync-controller.h"
#include "widgets/mml-poster-image.h"
#include "widgets/mml-jobs-group.h"
#include "widgets/mml-scan-progress.h"
#include "mml-poster-cache.h"
#include "mml-ui-util.h"

/* Rows per list: the dashboard shows the first few, the views the rest */
#define MAX_ROWS 10
#define UPCOMING_DAYS 7

struct _MmlDashboardView
{
  MmlView            parent_instance;

  MmlEngine *engine;   /* the one bound, not owned (MmlView owns it) */

  GtkStack          *stack;
  MmlScanProgress   *scan_progress;
  MmlDashboardHistory *history;
  MmlJobsGroup *jobs;
  GtkLabel          *series_value;
  GtkLabel          *series_caption;
  GtkLabel          *episodes_value;
  GtkLabel          *episodes_caption;
  GtkLabel          *files_value;
  GtkLabel          *files_caption;
  GtkLabel          *size_value;
  GtkLabel          *size_caption;
  GtkListBox        *roots_list;
  GtkLabel          *unrecognised_count;
  GtkLabel          *missing_count;
  AdwActionRow      *unsubbed_row;

  GtkRevealer       *meta_revealer;
  GtkStack          *meta_icon_stack;
  GtkSpinner        *meta_spinner;
  GtkLabel          *meta_label;
  GtkProgressBar    *meta_progress;
  GtkLabel          *conflicts_count;
  GtkLabel          *review_count;
  GtkFilterListModel *review_filter; /* the library's series to review */
  AdwExpanderRow    *errors_row;
  GtkLabel          *errors_count;
  AdwPreferencesGroup *missing_group;
  AdwPreferencesGroup *servers_group;
  GtkListBox        *servers_list;
  GCancellable      *servers_cancellable;
  AdwPreferencesGroup *upcoming_group;
  GtkListBox        *missing_list;
  GtkListBox        *upcoming_list;
  GtkListBox        *recent_list;
  AdwPreferencesGroup *continue_group;
  GtkListBox        *continue_list;
  char              *missing_episodes;   /* the counts, for tests */
  char              *today;              /* the engine's, when the lists loaded */
  char              *upcoming_episodes;

  GPtrArray         *error_rows;        /* the rows added to errors_row */
  GCancellable      *meta_cancellable;  /* the reads in flight */
};

G_DEFINE_FINAL_TYPE (MmlDashboardView, mml_dashboard_view, MML_TYPE_VIEW)

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%'u", count);

  gtk_label_set_label (label, text);
}

static GtkWidget *
root_row_new (MmlRootTotals *root)
{
  g_autofree char *title = g_filename_display_basename (root->path);
  g_autofree char *path = mml_format_path (root->path);
  g_autofree char *last_scan = mml_format_last_scan (root->last_scan_at, root->last_scan);
  g_autofree char *size = g_format_size (root->size);
  g_autofree char *series = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series", "%u series",
                                                          root->n_series),
                                             root->n_series);
  g_autofree char *subtitle = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  /* Translators: a folder path, then when it was last scanned and what was found */
  subtitle = g_strdup_printf (_("%s\nLast scan: %s"), path, last_scan);
  /* Translators: "12 series · 1.2 GB" */
  summary = g_strdup_printf (_("%s · %s"), series, size);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (root->enabled ? "folder-symbolic"
                                                                         : "folder-remote-symbolic"));
  label = gtk_label_new (summary);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (!root->enabled)
    gtk_widget_add_css_class (row, "dim-label");

  return row;
}

/* "412 episodes without Hebrew subtitles": the episodes on disk that lack
 * the first preferred language (MmlLibraryTotals.n_unsubbed); shown once
 * the library has episodes */
static void
update_unsubbed (MmlDashboardView *self,
                 MmlLibraryTotals *totals)
{
  const char *language = NULL;
  g_autofree char *title = NULL;

  if (totals == NULL || totals->n_episodes == 0 || totals->subtitle_language == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->unsubbed_row), FALSE);
      return;
    }

  language = mml_language_get_display_name (totals->subtitle_language);
  title = g_strdup_printf (/* Translators: "412 episodes without Hebrew subtitles" */
                           g_dngettext (GETTEXT_PACKAGE, "%u episode without %s subtitles",
                                        "%u episodes without %s subtitles", totals->n_unsubbed),
                           totals->n_unsubbed, language ? language : totals->subtitle_language);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unsubbed_row), title);
  gtk_widget_set_visible (GTK_WIDGET (self->unsubbed_row), TRUE);
}

/* The Series view with only @filter set to @value (a string or TRUE) */
static void
show_series_filtered (GtkWidget  *widget,
                      const char *filter,
                      const char *value)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlView *series;

  if (!MML_IS_WINDOW (root) || !(series = mml_window_get_view (MML_WINDOW (root), "series")))
    return;

  gtk_widget_activate_action (GTK_WIDGET (series), "series.clear-filters", NULL);
  if (value != NULL)
    g_object_set (series, filter, value, NULL);
  else
    g_object_set (series, filter, TRUE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (series), "series.back", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (root), "view", g_variant_new_string ("series"));
}

/* The series those episodes belong to */
static void
show_unsubbed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  show_series_filtered (widget, "filter-subtitles", "lacking");
}

static gboolean
is_to_review (gpointer item,
              gpointer user_data)
{
  return mml_series_item_get_to_review (item);
}

/* A section of Conflicts, scrolled to */
static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  MmlView *conflicts;

  if (!MML_IS_WINDOW (root) || !(conflicts = mml_window_get_view (MML_WINDOW (root), "conflicts")))
    return;

  g_action_group_activate_action (G_ACTION_GROUP (root), "view", g_variant_new_string ("conflicts"));
  mml_conflicts_view_show_section (MML_CONFLICTS_VIEW (conflicts), g_variant_get_string (param, NULL));
}

/* The series whose files are gone */
static void
show_gone_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  show_series_filtered (widget, "filter-gone", NULL);
}

static void
update (MmlDashboardView *self)
{
  GListModel *roots = self->engine ? mml_library_controller_get_roots (mml_engine_get_library (self->engine)) : NULL;
  MmlLibraryTotals *totals = self->engine ? mml_library_controller_get_totals (mml_engine_get_library (self->engine)) : NULL;
  GtkWidget *child;

  /* until the first load answers, no roots say nothing yet */
  gtk_stack_set_visible_child_name (self->stack,
                                    roots && g_list_model_get_n_items (roots) > 0 ? "overview" :
                                    self->engine != NULL && mml_library_controller_get_loaded (mml_engine_get_library (self->engine))
                                    ? "empty" : "loading");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->roots_list))))
    gtk_list_box_remove (self->roots_list, child);

  if (totals == NULL)
    {
      /* still counting (a big library takes a moment): not "0" */
      GtkLabel *values[] = { self->series_value, self->episodes_value, self->files_value,
                             self->size_value, self->unrecognised_count, self->missing_count };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        gtk_label_set_label (values[i], "—");
      update_unsubbed (self, NULL);
      return;
    }

  set_count (self->series_value, totals->n_series);
  set_count (self->episodes_value, totals->n_episodes);
  set_count (self->files_value, totals->n_files);
  {
    g_autofree char *size = g_format_size (totals->total_size);
    gtk_label_set_label (self->size_value, size);
  }

  gtk_label_set_label (self->episodes_caption,
                       g_dngettext (GETTEXT_PACKAGE, "Episode", "Episodes", totals->n_episodes));
  gtk_label_set_label (self->files_caption,
                       g_dngettext (GETTEXT_PACKAGE, "Video File", "Video Files", totals->n_files));

  set_count (self->unrecognised_count, totals->n_unrecognised);
  set_count (self->missing_count, totals->n_missing_files);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.show-gone", totals->n_missing_files > 0);
  update_unsubbed (self, totals);

  for (guint i = 0; i < totals->roots->len; i++)
    gtk_list_box_append (self->roots_list, root_row_new (g_ptr_array_index (totals->roots, i)));
}

/* --- metadata: episodes, series, errors, the run ------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
note_row_new (const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* @row opens the page of series @series_id, with the arrow that says so */
static void
opens_series (GtkWidget *row,
              gint64     series_id)
{
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-series");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", series_id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
}

/* "Breaking Point — S01E05 · Pilot", and when it airs or aired beside it
 * ("Yesterday", "3 March 2026"); it opens its series */
static GtkWidget *
episode_row_new (const MmlEpisodeRow *episode,
                 const char          *today)
{
  g_autofree char *code = mml_format_episode_code (episode->season, episode->number, episode->absolute);
  g_autofree char *series = mml_format_isolate (episode->series_title);
  g_autofree char *name = mml_format_isolate (episode->title);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  /* (titles isolated: a Hebrew title keeps its direction in an English line) */
  if (episode->title != NULL && episode->title[0] != '\0')
    /* Translators: series — episode code · episode title */
    title = g_strdup_printf (_("%s — %s · %s"), series, code, name);
  else
    /* Translators: series — episode code */
    title = g_strdup_printf (_("%s — %s"), series, code);

  if (episode->air_date != NULL)
    when = mml_format_air_date (episode->air_date, today);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  mml_ui_set_tooltip (row, title);
  if (when != NULL)
    {
      label = gtk_label_new (when);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  opens_series (row, episode->series_id);
  return row;
}

static void
fill_episodes (MmlDashboardView *self,
               GPtrArray        *episodes,
               gboolean          upcoming)
{
  GtkListBox *list = upcoming ? self->upcoming_list : self->missing_list;
  AdwPreferencesGroup *group = upcoming ? self->upcoming_group : self->missing_group;
  char **count = upcoming ? &self->upcoming_episodes : &self->missing_episodes;
  g_autofree char *description = NULL;

  clear_list (list);
  g_free (*count);
  *count = g_strdup_printf ("%'u", episodes->len);

  for (guint i = 0; i < MIN (episodes->len, MAX_ROWS); i++)
    gtk_list_box_append (list, episode_row_new (g_ptr_array_index (episodes, i), self->today));

  if (episodes->len > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more episode",
                                                            "And %u more episodes",
                                                            episodes->len - MAX_ROWS),
                                               episodes->len - MAX_ROWS);
      GtkWidget *row = note_row_new (more, NULL);

      /* the missing ones are all in Wanted */
      if (!upcoming)
        {
          gtk_widget_remove_css_class (row, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.view");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "wanted");
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      gtk_list_box_append (list, row);
    }
  else if (episodes->len == 0 && upcoming)
    gtk_list_box_append (list, note_row_new (_("Nothing airs in the next 7 days"),
                                             _("Episodes of matched series show here a week ahead")));
  else if (episodes->len == 0)
    gtk_list_box_append (list, note_row_new (_("Nothing is missing"),
                                             _("Aired episodes of matched series that are not on disk show here")));

  if (episodes->len > 0 && upcoming)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s episode airs in the next 7 days",
                                                "%s episodes air in the next 7 days",
                                                episodes->len),
                                   *count);
  else if (episodes->len > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s aired episode is not in your library",
                                                "%s aired episodes are not in your library",
                                                episodes->len),
                                   *count);
  adw_preferences_group_set_description (group, description);
}

static const char *
match_words (MmlSeriesItem *series)
{
  MmlMatchState state;

  if (!mml_match_state_from_string (mml_series_item_get_match_state (series), &state))
    state = MML_MATCH_STATE_NONE;
  switch (state)
    {
    case MML_MATCH_STATE_AUTO:
    case MML_MATCH_STATE_MANUAL:
      return NULL;   /* said with the provider's name */
    case MML_MATCH_STATE_CONFLICT:
      return _("To confirm");
    case MML_MATCH_STATE_IGNORED:
      return _("Ignored");
    case MML_MATCH_STATE_NONE:
    default:
      return _("Not matched yet");
    }
}

static char *
series_title (MmlSeriesItem *series)
{
  if (mml_series_item_get_year (series) > 0)
    /* Translators: a series title and its year, "Breaking Point (2010)" */
    return g_strdup_printf (_("%s (%d)"), mml_series_item_get_title (series), mml_series_item_get_year (series));
  return g_strdup (mml_series_item_get_title (series));
}

static GtkWidget *
recent_row_new (MmlSeriesItem *series)
{
  g_autofree char *title = series_title (series);
  g_autofree char *added = mml_format_timestamp (mml_series_item_get_added_at (series));
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;
  MmlMetaProvider provider;
  GtkWidget *row = adw_action_row_new ();

  if (match_words (series) != NULL)
    state = g_strdup (match_words (series));
  else if (mml_meta_provider_from_string (mml_series_item_get_provider (series), &provider))
    /* Translators: %s is a provider, TVmaze */
    state = g_strdup_printf (_("Matched on %s"), mml_meta_provider_display_name (provider));
  else
    state = g_strdup (_("Matched"));

  /* Translators: when a series was added, then its match, "Added today at 14:02 · Matched on TVmaze" */
  subtitle = g_strdup_printf (_("Added %s · %s"), added, state);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  opens_series (row, mml_series_item_get_id (series));
  return row;
}

/* A series to continue: its poster, the episode up next and whether its
 * file is here, the status */
static GtkWidget *
continue_row_new (MmlSeriesItem  *series,
                  MmlPosterCache *cache)
{
  g_autofree char *title = series_title (series);
  g_autofree char *subtitle = NULL;
  const MmlEpisodeRef *next = mml_series_item_get_up_next (series);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *poster = mml_poster_image_new (cache, 40);
  GtkWidget *status = gtk_label_new (mml_viewing_status_get_label (mml_series_item_get_viewing_status (series)));

  if (next != NULL)
    {
      g_autofree char *code = mml_format_episode_code (next->season, next->number, next->absolute);
      const char *where = next->has_file ? _("on disk") : _("no file yet");

      if (next->title != NULL && *next->title != '\0')
        /* Translators: the next episode ("S01E03"), its title, then "on disk" or "no file yet" */
        {
          g_autofree char *name = mml_format_isolate (next->title);

          subtitle = g_strdup_printf (_("Up next: %s %s · %s"), code, name, where);
        }
      else
        /* Translators: the next episode ("S01E03"), then "on disk" or "no file yet" */
        subtitle = g_strdup_printf (_("Up next: %s · %s"), code, where);
    }
  mml_poster_image_set_poster (MML_POSTER_IMAGE (poster), mml_series_item_get_poster_url (series),
                               mml_series_item_get_title (series));
  gtk_widget_set_margin_top (poster, 6);
  gtk_widget_set_margin_bottom (poster, 6);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), poster);
  gtk_widget_add_css_class (status, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  opens_series (row, mml_series_item_get_id (series));
  return row;
}

static gint64
last_watched_at (MmlSeriesItem *series)
{
  const MmlEpisodeRef *last = mml_series_item_get_last_watched (series);

  return last != NULL ? last->watched_at : 0;
}

static gint
compare_last_watched (gconstpointer a,
                      gconstpointer b)
{
  gint64 wa = last_watched_at (*(MmlSeriesItem **) a);
  gint64 wb = last_watched_at (*(MmlSeriesItem **) b);

  return wa > wb ? -1 : wa < wb;
}

/* The series being watched (or left part-way), the latest first */
static void
fill_continue (MmlDashboardView *self,
               GPtrArray        *series)
{
  g_autoptr(GPtrArray) watching = g_ptr_array_new ();

  for (guint i = 0; i < series->len; i++)
    {
      MmlSeriesItem *item = g_ptr_array_index (series, i);
      MmlViewingStatus status = mml_series_item_get_viewing_status (item);

      if ((status == MML_VIEWING_WATCHING || status == MML_VIEWING_NEED_TO_CONTINUE) &&
          mml_series_item_get_up_next (item) != NULL)
        g_ptr_array_add (watching, item);
    }
  g_ptr_array_sort (watching, compare_last_watched);
  clear_list (self->continue_list);
  for (guint i = 0; i < MIN (watching->len, MAX_ROWS); i++)
    gtk_list_box_append (self->continue_list,
                         continue_row_new (g_ptr_array_index (watching, i),
                                           mml_poster_cache_get_for_engine (self->engine)));
  gtk_widget_set_visible (GTK_WIDGET (self->continue_group), watching->len > 0);
}

static gint
compare_added (gconstpointer a,
               gconstpointer b)
{
  MmlSeriesItem *sa = *(MmlSeriesItem **) a;
  MmlSeriesItem *sb = *(MmlSeriesItem **) b;
  gint64 added_a = mml_series_item_get_added_at (sa);
  gint64 added_b = mml_series_item_get_added_at (sb);
  gint64 id_a = mml_series_item_get_id (sa);
  gint64 id_b = mml_series_item_get_id (sb);

  if (added_a != added_b)
    return added_a > added_b ? -1 : 1;
  return id_a > id_b ? -1 : id_a < id_b;
}

static void
retry_clicked_cb (GtkButton *button,
                  gpointer   user_data)
{
  MmlDashboardView *self = user_data;
  gint64 series_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "mml-series-id"));
  gboolean matched = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mml-matched"));

  if (self->engine == NULL)
    return;

  if (matched)
    mml_metadata_controller_refresh (mml_engine_get_metadata (self->engine), TRUE, series_id);
  else
    mml_metadata_controller_match (mml_engine_get_metadata (self->engine), MML_META_TARGETS_ONE, series_id);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_button_set_label (button, _("Retrying…"));
}

static GtkWidget *
error_row_new (MmlDashboardView *self,
               MmlSeriesItem    *series)
{
  g_autofree char *title = series_title (series);
  g_autofree char *label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Retry"));
  gboolean matched = mml_series_item_get_matched (series);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mml_series_item_get_meta_error (series));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  mml_ui_set_tooltip (row, mml_series_item_get_meta_error (series));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name of the Retry button of one series, "Retry Red Meadow (2018)" */
  label = g_strdup_printf (_("Retry %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data (G_OBJECT (button), "mml-series-id", GSIZE_TO_POINTER ((gsize) mml_series_item_get_id (series)));
  g_object_set_data (G_OBJECT (button), "mml-matched", GINT_TO_POINTER (matched));
  g_signal_connect (button, "clicked", G_CALLBACK (retry_clicked_cb), self);
  g_object_set_data (G_OBJECT (row), "mml-retry-button", button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
fill_errors (MmlDashboardView *self,
             GPtrArray        *series)
{
  g_autofree char *count = NULL;
  guint n = 0;

  for (guint i = 0; i < self->error_rows->len; i++)
    adw_expander_row_remove (self->errors_row, g_ptr_array_index (self->error_rows, i));
  g_ptr_array_set_size (self->error_rows, 0);

  for (guint i = 0; i < series->len; i++)
    {
      MmlSeriesItem *row = g_ptr_array_index (series, i);
      const char *state = mml_series_item_get_match_state (row);

      /* A conflict or an ignored folder says more than its last error */
      if (mml_series_item_get_meta_error (row) == NULL || g_str_equal (state, "ignored") ||
          g_str_equal (state, "conflict"))
        continue;
      if (n++ < MAX_ROWS)
        g_ptr_array_add (self->error_rows, error_row_new (self, row));
    }

  if (n > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more series",
                                                            "And %u more series",
                                                            n - MAX_ROWS),
                                               n - MAX_ROWS);
      g_ptr_array_add (self->error_rows, note_row_new (more, NULL));
    }

  for (guint i = 0; i < self->error_rows->len; i++)
    adw_expander_row_add_row (self->errors_row, g_ptr_array_index (self->error_rows, i));

  count = g_strdup_printf ("%'u", n);
  gtk_label_set_label (self->errors_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_row), n > 0);
}

static void
series_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlDashboardView) self = user_data;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  series = mml_metadata_controller_list_series_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (series == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the series: %s", error->message);
      return;
    }

  fill_errors (self, series);
  if (self->engine != NULL)
    fill_continue (self, series);

  g_ptr_array_sort (series, compare_added);
  clear_list (self->recent_list);
  for (guint i = 0; i < MIN (series->len, MAX_ROWS); i++)
    gtk_list_box_append (self->recent_list, recent_row_new (g_ptr_array_index (series, i)));
  if (series->len == 0)
    gtk_list_box_append (self->recent_list, note_row_new (_("No series yet"), NULL));
}

static void
missing_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlDashboardView) self = user_data;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;

  episodes = mml_metadata_controller_list_episodes_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (episodes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the missing episodes: %s", error->message);
      return;
    }
  fill_episodes (self, episodes, FALSE);
}

static void
upcoming_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MmlDashboardView) self = user_data;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;

  episodes = mml_metadata_controller_list_episodes_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (episodes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the upcoming episodes: %s", error->message);
      return;
    }
  fill_episodes (self, episodes, TRUE);
}

static void
load_meta (MmlDashboardView *self)
{
  MmlMetadataController *metadata;

  if (self->meta_cancellable != NULL)
    g_cancellable_cancel (self->meta_cancellable);
  g_clear_object (&self->meta_cancellable);

  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    return;

  metadata = mml_engine_get_metadata (self->engine);
  g_free (self->today);
  self->today = mml_clock_get_today (mml_engine_get_clock (self->engine));
  self->meta_cancellable = g_cancellable_new ();
  mml_metadata_controller_list_episodes_async (metadata, MML_EPISODES_MISSING, 0, 0, FALSE, self->meta_cancellable,
                                               missing_loaded_cb, g_object_ref (self));
  mml_metadata_controller_list_episodes_async (metadata, MML_EPISODES_UPCOMING, 0, UPCOMING_DAYS, FALSE,
                                               self->meta_cancellable, upcoming_loaded_cb, g_object_ref (self));
  mml_metadata_controller_list_series_async (metadata, 0, self->meta_cancellable,
                                             series_loaded_cb, g_object_ref (self));
}

/* --- media servers -------------------------------------------------------------- */

/* "Synced today at 14:02", "Never synced", or why the last sync failed */
static GtkWidget *
server_row_new (const MmlServerRow *server)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *status = NULL;

  if (server->last_error != NULL && server->last_error[0] != '\0')
    /* Translators: %s says why */
    status = g_strdup_printf (_("The last sync failed: %s"), server->last_error);
  else if (server->last_sync_at > 0)
    {
      g_autofree char *when = mml_format_timestamp (server->last_sync_at);

      /* Translators: %s is "Today at 14:02" or "3 March 2026" */
      status = g_strdup_printf (_("Synced: %s"), when);
    }
  else
    status = g_strdup (_("Not synced yet"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), server->name ? server->name : server->url);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
  if (server->last_error != NULL && server->last_error[0] != '\0')
    gtk_widget_add_css_class (row, "warning");
  /* Settings has the servers and their Sync */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.view");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "settings");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
servers_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlDashboardView) self = user_data;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;

  servers = mml_sync_controller_list_servers_finish (MML_SYNC_CONTROLLER (source), result, &error);
  if (servers == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the media servers: %s", error->message);
      return;
    }
  clear_list (self->servers_list);
  for (guint i = 0; i < servers->len; i++)
    gtk_list_box_append (self->servers_list, server_row_new (g_ptr_array_index (servers, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->servers_group), servers->len > 0);
}

static void
load_servers (MmlDashboardView *self)
{
  if (self->servers_cancellable != NULL)
    g_cancellable_cancel (self->servers_cancellable);
  g_clear_object (&self->servers_cancellable);
  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    return;
  self->servers_cancellable = g_cancellable_new ();
  mml_sync_controller_list_servers_async (mml_engine_get_sync (self->engine), 0, self->servers_cancellable,
                                          servers_listed_cb, g_object_ref (self));
}

static void
servers_changed_cb (MmlDashboardView  *self,
                    MmlSyncController *sync)
{
  load_servers (self);
}

static void
update_conflicts (MmlDashboardView *self)
{
  GListModel *conflicts = self->engine ? mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (self->engine)) : NULL;

  set_count (self->conflicts_count, conflicts ? g_list_model_get_n_items (conflicts) : 0);
  set_count (self->review_count, self->review_filter ? g_list_model_get_n_items (G_LIST_MODEL (self->review_filter)) : 0);
}

static void
update_meta_progress (MmlDashboardView *self)
{
  gboolean busy = self->engine != NULL && mml_metadata_controller_get_busy (mml_engine_get_metadata (self->engine));
  gboolean waiting = busy && mml_metadata_controller_get_waiting (mml_engine_get_metadata (self->engine));
  const char *text = busy ? mml_metadata_controller_get_text (mml_engine_get_metadata (self->engine)) : NULL;

  gtk_revealer_set_reveal_child (self->meta_revealer, busy);
  gtk_spinner_set_spinning (self->meta_spinner, busy && !waiting);
  gtk_stack_set_visible_child_name (self->meta_icon_stack, waiting ? "offline" : "spinner");
  gtk_label_set_label (self->meta_label, text ? text : "");
  gtk_progress_bar_set_fraction (self->meta_progress,
                                 busy ? mml_metadata_controller_get_fraction (mml_engine_get_metadata (self->engine)) : 0.0);
}

static void
engine_meta_cb (MmlDashboardView  *self,
                 GParamSpec        *pspec,
                 gpointer  emitter)
{
  update_meta_progress (self);
}

static void
conflicts_changed_cb (MmlDashboardView *self,
                      guint             position,
                      guint             removed,
                      guint             added,
                      GListModel       *model)
{
  update_conflicts (self);
}

static void
meta_cancel_clicked_cb (MmlDashboardView *self,
                        GtkButton        *button)
{
  if (self->engine != NULL)
    mml_metadata_controller_cancel (mml_engine_get_metadata (self->engine));
}

static void
engine_totals_cb (MmlDashboardView  *self,
                   GParamSpec        *pspec,
                   gpointer  emitter)
{
  update (self);
  /* every reload of the engine, after scans and metadata writes alike */
  load_meta (self);
  load_servers (self);
}

static void
roots_changed_cb (MmlDashboardView *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  update (self);
}

/* the library's first load answered: an empty model means empty now */
static void
loaded_changed_cb (MmlDashboardView *self,
                   GParamSpec       *pspec,
                   gpointer          emitter)
{
  update (self);
}

static void
mml_dashboard_view_engine_changed (MmlView *view)
{
  MmlDashboardView *self = MML_DASHBOARD_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_roots (mml_engine_get_library (self->engine)), self);
      g_signal_handlers_disconnect_by_data (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (self->engine)), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_sync (self->engine), self);
    }

  self->engine = engine;
  mml_scan_progress_set_engine (self->scan_progress, engine);
  mml_dashboard_history_set_engine (self->history, engine);
  mml_jobs_group_set_engine (self->jobs, engine);
  if (self->review_filter != NULL)
    gtk_filter_list_model_set_model (self->review_filter,
                                     engine ? mml_library_controller_get_series (mml_engine_get_library (engine)) : NULL);

  if (engine != NULL)
    {
      static const char * const meta_props[] = {
        "notify::busy", "notify::text", "notify::fraction", "notify::waiting",
      };

      g_signal_connect_object (mml_engine_get_library (engine), "notify::totals",
                               G_CALLBACK (engine_totals_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_library_controller_get_roots (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (roots_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_sync (engine), "changed",
                               G_CALLBACK (servers_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::loaded",
                               G_CALLBACK (loaded_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_metadata_controller_get_match_conflicts (mml_engine_get_metadata (engine)), "items-changed",
                               G_CALLBACK (conflicts_changed_cb), self, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (meta_props); i++)
        g_signal_connect_object (mml_engine_get_metadata (engine), meta_props[i],
                                 G_CALLBACK (engine_meta_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
  update_conflicts (self);
  update_meta_progress (self);
  load_meta (self);
  load_servers (self);
}

static void
mml_dashboard_view_dispose (GObject *object)
{
  MmlDashboardView *self = MML_DASHBOARD_VIEW (object);

  if (self->meta_cancellable != NULL)
    g_cancellable_cancel (self->meta_cancellable);
  g_clear_object (&self->meta_cancellable);
  if (self->servers_cancellable != NULL)
    g_cancellable_cancel (self->servers_cancellable);
  g_clear_object (&self->servers_cancellable);
  if (self->review_filter != NULL)
    g_signal_handlers_disconnect_by_data (self->review_filter, self);
  g_clear_object (&self->review_filter);
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_DASHBOARD_VIEW);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);
  g_clear_pointer (&self->missing_episodes, g_free);
  g_clear_pointer (&self->upcoming_episodes, g_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (mml_dashboard_view_parent_class)->dispose (object);
}

static void
mml_dashboard_view_class_init (MmlDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_dashboard_view_dispose;

  view_class->engine_changed = mml_dashboard_view_engine_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, scan_progress);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, history);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, jobs);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, series_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, series_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, episodes_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, episodes_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, files_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, files_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, size_value);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, size_caption);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, roots_list);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, unrecognised_count);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, missing_count);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, unsubbed_row);
  gtk_widget_class_install_action (widget_class, "dashboard.show-unsubbed", NULL, show_unsubbed_action);
  gtk_widget_class_install_action (widget_class, "dashboard.show-gone", NULL, show_gone_action);
  gtk_widget_class_install_action (widget_class, "dashboard.show-conflicts", "s", show_conflicts_action);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, meta_revealer);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, meta_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, meta_spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, meta_progress);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, conflicts_count);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, review_count);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, errors_row);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, errors_count);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, missing_group);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, servers_group);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, servers_list);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, missing_list);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, recent_list);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, continue_group);
  gtk_widget_class_bind_template_child (widget_class, MmlDashboardView, continue_list);
  gtk_widget_class_bind_template_callback (widget_class, meta_cancel_clicked_cb);

  g_type_ensure (MML_TYPE_SCAN_PROGRESS);
  g_type_ensure (MML_TYPE_DASHBOARD_HISTORY);
  g_type_ensure (MML_TYPE_JOBS_GROUP);
}

static void
mml_dashboard_view_init (MmlDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mml_ui_collapse_with (self->meta_revealer, GTK_WIDGET (self->meta_revealer));
  self->review_filter = gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (is_to_review, NULL, NULL)));
  g_signal_connect_object (self->review_filter, "items-changed",
                           G_CALLBACK (conflicts_changed_cb), self, G_CONNECT_SWAPPED);

  self->error_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->errors_row), FALSE);
}

/**
 * mml_dashboard_view_get_stat:
 * @self: a #MmlDashboardView
 * @name: "series", "episodes", "files", "size", "missing-episodes",
 *   "upcoming", "match-conflicts", "match-review", "meta-errors", "meta-text" or
 *   "unsubbed" (the episodes without subtitles, in words)
 *
 * Returns: (nullable): the text of that total, for tests
 */
const char *
mml_dashboard_view_get_stat (MmlDashboardView *self,
                             const char       *name)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_VIEW (self), NULL);

  if (g_strcmp0 (name, "series") == 0)
    return gtk_label_get_label (self->series_value);
  if (g_strcmp0 (name, "episodes") == 0)
    return gtk_label_get_label (self->episodes_value);
  if (g_strcmp0 (name, "files") == 0)
    return gtk_label_get_label (self->files_value);
  if (g_strcmp0 (name, "size") == 0)
    return gtk_label_get_label (self->size_value);
  if (g_strcmp0 (name, "missing-episodes") == 0)
    return self->missing_episodes;
  if (g_strcmp0 (name, "unsubbed") == 0)
    return gtk_widget_get_visible (GTK_WIDGET (self->unsubbed_row))
           ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->unsubbed_row)) : NULL;
  if (g_strcmp0 (name, "upcoming") == 0)
    return self->upcoming_episodes;
  if (g_strcmp0 (name, "match-conflicts") == 0)
    return gtk_label_get_label (self->conflicts_count);
  if (g_strcmp0 (name, "match-review") == 0)
    return gtk_label_get_label (self->review_count);
  if (g_strcmp0 (name, "meta-errors") == 0)
    return gtk_widget_get_visible (GTK_WIDGET (self->errors_row))
           ? gtk_label_get_label (self->errors_count) : "0";
  if (g_strcmp0 (name, "meta-text") == 0)
    return gtk_revealer_get_reveal_child (self->meta_revealer)
           ? gtk_label_get_label (self->meta_label) : NULL;

  return NULL;
}

/**
 * mml_dashboard_view_get_retry_button:
 * @self: a #MmlDashboardView
 * @index: a row of "Metadata errors"
 *
 * Returns: (transfer none) (nullable): that row's Retry button, for tests
 */
GtkButton *
mml_dashboard_view_get_retry_button (MmlDashboardView *self,
                                     guint             index)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_VIEW (self), NULL);

  if (index >= self->error_rows->len)
    return NULL;
  return g_object_get_data (g_ptr_array_index (self->error_rows, index), "mml-retry-button");
}

/**
 * mml_dashboard_view_get_continue_list:
 *
 * Returns: (transfer none): the list of series to continue watching (for tests)
 */
MmlDashboardHistory *
mml_dashboard_view_get_history (MmlDashboardView *self)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_VIEW (self), NULL);
  return self->history;
}

/**
 * mml_dashboard_view_get_jobs:
 *
 * Returns: (transfer none): the Background Jobs group (for tests)
 */
MmlJobsGroup *
mml_dashboard_view_get_jobs (MmlDashboardView *self)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_VIEW (self), NULL);
  return self->jobs;
}

GtkListBox *
mml_dashboard_view_get_continue_list (MmlDashboardView *self)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_VIEW (self), NULL);
  return self->continue_list;
}
