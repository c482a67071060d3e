/* mml-calendar-view.c — the library's episodes day by day, around today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An agenda: one group per day, from a week ago to four weeks ahead, of the
 * episodes of matched series that air (or aired) that day, each saying
 * whether it is on disk. Which episodes those are is the store's
 * (MML_EPISODES_CALENDAR, read through the metadata controller); the view
 * only groups and words them. At most a few hundred rows: a box of groups
 * is enough. A row opens its series. It reloads with every reload of the
 * library.
 */

#define G_LOG_DOMAIN "mml-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-calendar-view.h"

#include "mml-format.h"
#include "mml-meta-store.h"
#include "mml-poster-cache.h"
#include "mml-ui-util.h"
#include "widgets/mml-poster-image.h"

#define DAYS_AHEAD 28

struct _MmlCalendarView
{
  MmlView       parent_instance;

  GtkStack     *stack;
  GtkSpinner   *spinner;
  GtkBox       *days_box;

  MmlEngine    *engine;        /* unowned: the view's */
  GCancellable *cancellable;
  char         *today;
  guint         n_days;        /* groups shown */
  guint         n_episodes;
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (MmlCalendarView, mml_calendar_view, MML_TYPE_VIEW)

/* "Monday, 9 December", after "Today · " and the like */
static char *
day_title (const char *date,
           const char *today)
{
  g_autoptr(GDateTime) when = NULL;
  const char *relative = mml_format_relative_day (date, today);
  g_autofree char *day = NULL;
  int y, m, d;

  if (!mml_clock_parse_date (date, &y, &m, &d) || !(when = g_date_time_new_local (y, m, d, 12, 0, 0)))
    return g_strdup (date);
  /* Translators: a day heading, see the strftime() manual ("%-d": the day,
   * not padded): "Monday, 9 December" */
  day = g_date_time_format (when, _("%A, %-d %B"));
  if (relative == NULL)
    return g_steal_pointer (&day);
  /* Translators: "Today · Monday, 9 December" */
  return g_strdup_printf (_("%s · %s"), relative, day);
}

static GtkWidget *
state_badge_new (const char *text,
                 const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  else
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
episode_row_new (const MmlEpisodeRow *row,
                 MmlSeriesItem       *series_item,
                 MmlPosterCache      *cache)
{
  g_autofree char *code = mml_format_episode_code (row->season, row->number, row->absolute);
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;
  g_autofree char *series = NULL;
  const char *state = NULL;
  const char *style = NULL;
  GtkWidget *widget = adw_action_row_new ();

  if (row->title != NULL && row->title[0] != '\0')
    title = g_strdup (row->title);
  else if (row->number >= 0)
    title = g_strdup_printf (_("Episode %d"), row->number);
  else
    title = g_strdup (code);
  series = mml_format_isolate (row->series_title);
  line = g_strdup_printf (_("%s · %s"), series, code);

  if (row->files > 0)
    state = _("On disk"), style = "success";
  else if (row->missing)
    state = _("Missing"), style = "warning";
  else if (row->upcoming)
    state = _("Not aired yet");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), line);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (widget), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (widget), 1);
  /* the series' poster: a week of episodes read at a glance */
  if (cache != NULL)
    {
      GtkWidget *poster = mml_poster_image_new (cache, 32);

      gtk_widget_set_valign (poster, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (poster, 6);
      gtk_widget_set_margin_bottom (poster, 6);
      mml_poster_image_set_poster (MML_POSTER_IMAGE (poster),
                                   series_item ? mml_series_item_get_poster_url (series_item) : NULL,
                                   row->series_title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (widget), poster);
    }
  if (state != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (widget), state_badge_new (state, style));
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), "win.open-series");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (widget), "x", row->series_id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
  return widget;
}

static void
clear_days (MmlCalendarView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box))))
    gtk_box_remove (self->days_box, child);
  self->n_days = 0;
  self->n_episodes = 0;
}

static void
fill (MmlCalendarView *self,
      GPtrArray       *episodes)
{
  GtkWidget *group = NULL;
  const char *group_date = NULL;
  GListModel *all = self->engine ? mml_library_controller_get_series (mml_engine_get_library (self->engine)) : NULL;
  MmlPosterCache *cache = self->engine ? mml_poster_cache_get_for_engine (self->engine) : NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  /* the library's series, for their posters */
  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      MmlSeriesItem *item = g_list_model_get_item (all, i);
      gint64 id = mml_series_item_get_id (item);

      g_hash_table_replace (by_id, g_memdup2 (&id, sizeof id), item);
    }

  clear_days (self);
  for (guint i = 0; i < episodes->len; i++)
    {
      MmlEpisodeRow *row = g_ptr_array_index (episodes, i);

      if (row->air_date == NULL)
        continue;
      if (group == NULL || g_strcmp0 (group_date, row->air_date) != 0)
        {
          g_autofree char *title = day_title (row->air_date, self->today);

          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
          if (g_strcmp0 (row->air_date, self->today) == 0)
            gtk_widget_add_css_class (group, "today");
          gtk_box_append (self->days_box, group);
          group_date = row->air_date;
          self->n_days++;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 episode_row_new (row, g_hash_table_lookup (by_id, &row->series_id), cache));
      self->n_episodes++;
    }
}

static void
update_state (MmlCalendarView *self)
{
  gtk_stack_set_visible_child_name (self->stack, !self->loaded ? "loading" : self->n_episodes > 0 ? "days" : "empty");
  gtk_spinner_set_spinning (self->spinner, !self->loaded);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlCalendarView) self = user_data;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;

  episodes = mml_metadata_controller_list_episodes_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (episodes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot list the calendar: %s", error->message);
      episodes = g_ptr_array_new ();   /* the next reload retries */
    }
  fill (self, episodes);
  self->loaded = TRUE;
  update_state (self);
}

static void
load (MmlCalendarView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    return;

  g_free (self->today);
  self->today = mml_clock_get_today (mml_engine_get_clock (self->engine));
  self->cancellable = g_cancellable_new ();
  mml_metadata_controller_list_episodes_async (mml_engine_get_metadata (self->engine), MML_EPISODES_CALENDAR,
                                               0, DAYS_AHEAD, FALSE, self->cancellable,
                                               loaded_cb, g_object_ref (self));
}

static void
reload_cb (MmlCalendarView *self,
           GParamSpec      *pspec,
           gpointer         emitter)
{
  /* every reload of the library (scans, metadata writes), and the engine
   * becoming ready */
  load (self);
}

static void
mml_calendar_view_engine_changed (MmlView *view)
{
  MmlCalendarView *self = MML_CALENDAR_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
    }

  self->engine = engine;
  self->loaded = FALSE;
  clear_days (self);
  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_library (engine), "notify::totals",
                               G_CALLBACK (reload_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::ready", G_CALLBACK (reload_cb), self, G_CONNECT_SWAPPED);
    }
  load (self);
  update_state (self);
}

static void
mml_calendar_view_dispose (GObject *object)
{
  MmlCalendarView *self = MML_CALENDAR_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_CALENDAR_VIEW);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (mml_calendar_view_parent_class)->dispose (object);
}

static void
mml_calendar_view_class_init (MmlCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_calendar_view_dispose;
  view_class->engine_changed = mml_calendar_view_engine_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlCalendarView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlCalendarView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlCalendarView, days_box);
}

static void
mml_calendar_view_init (MmlCalendarView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

/**
 * mml_calendar_view_get_loaded:
 *
 * Returns: whether the days shown are what the store last answered
 */
gboolean
mml_calendar_view_get_loaded (MmlCalendarView *self)
{
  g_return_val_if_fail (MML_IS_CALENDAR_VIEW (self), FALSE);

  return self->loaded;
}

/**
 * mml_calendar_view_get_days_box:
 *
 * Returns: (transfer none): the box of day groups (for tests)
 */
GtkWidget *
mml_calendar_view_get_days_box (MmlCalendarView *self)
{
  g_return_val_if_fail (MML_IS_CALENDAR_VIEW (self), NULL);

  return GTK_WIDGET (self->days_box);
}
