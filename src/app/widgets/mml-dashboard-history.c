/* mml-dashboard-history.c — see mml-dashboard-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card per chart in a flow box: two side by side on a wide window,
 * one under the other on a narrow one. The numbers come from the engine
 * (mml_library_controller_get_history_async(), read on the store's
 * thread), read again each time the library reloads.
 */

#define G_LOG_DOMAIN "mml-dashboard-history"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-dashboard-history.h"
#include "mml-language.h"
#include "mml-library-controller.h"

#define N_WEEKS 12

typedef enum
{
  CHART_ADDED,
  CHART_WATCHED,
  CHART_VIEWING,
  CHART_SUBTITLES,
  CHART_SIZE,
  N_CHARTS
} ChartId;

static const char * const chart_names[N_CHARTS] = { "added", "watched", "viewing", "subtitles", "size" };

struct _MmlDashboardHistory
{
  AdwBin        parent_instance;

  MmlEngine    *engine;
  GCancellable *cancellable;
  MmlChart     *charts[N_CHARTS];
  guint         n_loads;
};

G_DEFINE_FINAL_TYPE (MmlDashboardHistory, mml_dashboard_history, ADW_TYPE_BIN)

/* "3 Mar": the Monday a week starts */
static char *
week_label (gint64 start)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (start);

  /* Translators: the first day of a week under a chart's bar, a strftime format ("3 Mar") */
  return g_date_time_format (t, C_("chart week", "%-d %b"));
}

static void
set_weeks (MmlChart                *chart,
           const MmlLibraryHistory *history,
           const guint             *counts)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new0 (double, history->n_weeks);

  for (guint i = 0; i < history->n_weeks; i++)
    {
      g_ptr_array_add (labels, week_label (history->week_starts[i]));
      g_ptr_array_add (texts, g_strdup_printf ("%'u", counts[i]));
      values[i] = counts[i];
    }
  mml_chart_set_data (chart, history->n_weeks, (const char * const *) labels->pdata, values,
                      (const char * const *) texts->pdata, NULL);
}

static void
set_size (MmlChart                *chart,
          const MmlLibraryHistory *history)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new0 (double, history->n_weeks);

  for (guint i = 0; i < history->n_weeks; i++)
    {
      g_ptr_array_add (labels, week_label (history->week_starts[i]));
      g_ptr_array_add (texts, g_format_size (history->size[i]));
      values[i] = (double) history->size[i];
    }
  mml_chart_set_data (chart, history->n_weeks, (const char * const *) labels->pdata, values,
                      (const char * const *) texts->pdata, NULL);
}

static void
set_viewing (MmlChart                *chart,
             const MmlLibraryHistory *history)
{
  /* the order a series goes through, each in a colour of its own */
  static const struct { MmlViewingStatus status; const char *color; } order[] = {
    { MML_VIEWING_WATCHING, "" },
    { MML_VIEWING_NEED_TO_CONTINUE, "orange_3" },
    { MML_VIEWING_CAUGHT_UP, "green_3" },
    { MML_VIEWING_COMPLETED, "purple_2" },
    { MML_VIEWING_ON_HOLD, "yellow_4" },
    { MML_VIEWING_DROPPED, "red_2" },
    { MML_VIEWING_NOT_STARTED, "light_4" },
  };
  const char *labels[G_N_ELEMENTS (order)];
  const char *colors[G_N_ELEMENTS (order)];
  char *texts_data[G_N_ELEMENTS (order)];
  const char *texts[G_N_ELEMENTS (order)];
  double values[G_N_ELEMENTS (order)];

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint n = history->viewing[order[i].status];

      labels[i] = mml_viewing_status_get_label (order[i].status);
      colors[i] = order[i].color;
      texts_data[i] = g_strdup_printf ("%'u", n);
      texts[i] = texts_data[i];
      values[i] = n;
    }
  mml_chart_set_data (chart, G_N_ELEMENTS (order), labels, values, texts, colors);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_free (texts_data[i]);
}

static void
set_subtitles (MmlChart                *chart,
               const MmlLibraryHistory *history)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new0 (double, history->subtitles->len);
  guint on_disk = 0;

  for (guint i = 0; i < history->subtitles->len; i++)
    {
      const MmlSubtitleCoverage *coverage = g_ptr_array_index (history->subtitles, i);
      const char *name = mml_language_get_display_name (coverage->language);
      guint percent = coverage->on_disk > 0 ? (guint) (100.0 * coverage->subbed / coverage->on_disk + 0.5) : 0;

      /* never 100 % while one episode lacks them, never 0 % when one has them */
      if (percent == 100 && coverage->subbed < coverage->on_disk)
        percent = 99;
      else if (percent == 0 && coverage->subbed > 0)
        percent = 1;
      g_ptr_array_add (labels, g_strdup (name != NULL ? name : coverage->language));
      /* Translators: subtitle coverage of a language: percent, then episodes with them and episodes on disk */
      g_ptr_array_add (texts, g_strdup_printf (_("%u %% (%'u of %'u)"), percent, coverage->subbed, coverage->on_disk));
      values[i] = coverage->on_disk > 0 ? 100.0 * coverage->subbed / coverage->on_disk : 0;
      on_disk = MAX (on_disk, coverage->on_disk);
    }
  /* no episode on disk: nothing to cover, however many languages */
  mml_chart_set_data (chart, on_disk > 0 ? history->subtitles->len : 0, (const char * const *) labels->pdata,
                      values, (const char * const *) texts->pdata, NULL);
}

static void
history_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MmlDashboardHistory) self = user_data;
  g_autoptr(MmlLibraryHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  history = mml_library_controller_get_history_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (history == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the library's history: %s", error->message);
      return;
    }
  set_weeks (self->charts[CHART_ADDED], history, history->added);
  set_weeks (self->charts[CHART_WATCHED], history, history->watched);
  set_viewing (self->charts[CHART_VIEWING], history);
  set_subtitles (self->charts[CHART_SUBTITLES], history);
  set_size (self->charts[CHART_SIZE], history);
  self->n_loads++;
}

static void
load (MmlDashboardHistory *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    return;
  self->cancellable = g_cancellable_new ();
  mml_library_controller_get_history_async (mml_engine_get_library (self->engine), N_WEEKS, self->cancellable,
                                            history_loaded_cb, g_object_ref (self));
}

static void
totals_changed_cb (MmlDashboardHistory *self,
                   GParamSpec          *pspec,
                   gpointer             emitter)
{
  load (self);
}

void
mml_dashboard_history_set_engine (MmlDashboardHistory *self,
                                  MmlEngine           *engine)
{
  g_return_if_fail (MML_IS_DASHBOARD_HISTORY (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
  self->engine = engine;
  /* the library reloads after scans, metadata writes and marks alike */
  if (engine != NULL)
    g_signal_connect_object (mml_engine_get_library (engine), "notify::totals",
                             G_CALLBACK (totals_changed_cb), self, G_CONNECT_SWAPPED);
  load (self);
}

static GtkWidget *
card_new (MmlChart   *chart,
          const char *title,
          const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *note = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (GTK_WIDGET (chart), 6);
  gtk_widget_set_valign (GTK_WIDGET (chart), GTK_ALIGN_END);
  gtk_widget_set_vexpand (GTK_WIDGET (chart), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  /* wrapped, so two cards fit side by side on a wide window */
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");

  {
    GtkWidget *parts[] = { heading, note, GTK_WIDGET (chart) };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        gtk_widget_set_margin_start (parts[i], 12);
        gtk_widget_set_margin_end (parts[i], 12);
        gtk_box_append (GTK_BOX (box), parts[i]);
      }
  }
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (chart), 12);
  mml_chart_set_title (chart, title);
  return box;
}

static void
mml_dashboard_history_dispose (GObject *object)
{
  MmlDashboardHistory *self = MML_DASHBOARD_HISTORY (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  mml_dashboard_history_set_engine (self, NULL);

  G_OBJECT_CLASS (mml_dashboard_history_parent_class)->dispose (object);
}

static void
mml_dashboard_history_class_init (MmlDashboardHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mml_dashboard_history_dispose;
}

static void
mml_dashboard_history_init (MmlDashboardHistory *self)
{
  static const struct { MmlChartKind kind; const char *title; const char *caption; const char *empty; } defs[N_CHARTS] = {
    [CHART_ADDED] = { MML_CHART_BARS, N_("Episodes Added"),
                      N_("Episodes whose first file arrived each week, the last 12 weeks"),
                      N_("No episodes arrived in the last 12 weeks") },
    [CHART_WATCHED] = { MML_CHART_BARS, N_("Episodes Watched"),
                        N_("Episodes marked watched each week, here or on a media server"),
                        N_("No episodes were marked watched in the last 12 weeks") },
    [CHART_VIEWING] = { MML_CHART_SEGMENTS, N_("Series by Viewing Status"),
                        N_("Every series of the library, by where you are in it"),
                        N_("No series yet") },
    [CHART_SUBTITLES] = { MML_CHART_BARS, N_("Subtitle Coverage"),
                          N_("Episodes on disk with subtitles in each preferred language"),
                          N_("No episodes on disk yet") },
    [CHART_SIZE] = { MML_CHART_BARS, N_("Library Growth"),
                     N_("Size of the files here today, by the week each arrived; files since removed are not counted"),
                     N_("The files take no space on disk yet") },
  };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *flow = gtk_flow_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("History"));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  for (guint i = 0; i < N_CHARTS; i++)
    {
      GtkWidget *child;

      self->charts[i] = MML_CHART (mml_chart_new (defs[i].kind));
      mml_chart_set_empty_text (self->charts[i], _(defs[i].empty));
      child = card_new (self->charts[i], _(defs[i].title), _(defs[i].caption));
      gtk_flow_box_append (GTK_FLOW_BOX (flow), child);
      gtk_widget_set_focusable (gtk_widget_get_parent (child), FALSE);
    }
  mml_chart_set_max (self->charts[CHART_SUBTITLES], 100);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), flow);
  adw_bin_set_child (ADW_BIN (self), group);
}

MmlChart *
mml_dashboard_history_get_chart (MmlDashboardHistory *self,
                                 const char          *name)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_HISTORY (self), NULL);

  for (guint i = 0; i < N_CHARTS; i++)
    if (g_strcmp0 (chart_names[i], name) == 0)
      return self->charts[i];
  return NULL;
}

guint
mml_dashboard_history_get_n_loads (MmlDashboardHistory *self)
{
  g_return_val_if_fail (MML_IS_DASHBOARD_HISTORY (self), 0);

  return self->n_loads;
}
