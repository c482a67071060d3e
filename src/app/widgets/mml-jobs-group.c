/* mml-jobs-group.c — see mml-jobs-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per job of the engine's scheduler (mml_scheduler_list_async(),
 * read on the store's thread): what it is, when it last ran and how that
 * went, when it runs next, and a button that runs it now (Retry after a
 * failure). The rows follow the scheduler's "job-started" and
 * "job-finished" at once; the jobs are read again after each job, and
 * once a minute while the group is on screen, for the relative times and
 * for jobs another process (`mml service`) runs. Nothing is read while
 * the group is not mapped: a hidden window wakes nobody.
 */

#define G_LOG_DOMAIN "mml-jobs-group"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-jobs-group.h"
#include "mml-format.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-scheduler.h"

/* how often the times are brought up to date while shown */
#define TICK_SECONDS 60
/* a job marked running longer ago than this was left by a process that
 * ended (the scheduler's own rule) */
#define STALE_RUNNING_S (6 * 3600)

/* The jobs as people know them, in the order they are shown */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
} job_defs[] = {
  { "scan",      N_("Library Scan"),          "folder-saved-search-symbolic" },
  { "refresh",   N_("Metadata Refresh"),      "view-refresh-symbolic" },
  { "subtitles", N_("Subtitle Downloads"),    "media-view-subtitles-symbolic" },
  { "sync",      N_("Media Server Sync"),     "emblem-synchronizing-symbolic" },
  { "cache",     N_("Poster Cache Clean-up"), "user-trash-symbolic" },
};

typedef struct
{
  char           *name;
  MmlJobRow      *job;          /* in self->jobs */
  AdwActionRow   *row;          /* owned by the list */
  GtkImage       *icon;
  GtkSpinner     *spinner;
  GtkProgressBar *progress;
  GtkButton      *button;
  gboolean        running;      /* as last shown */
} Shown;

struct _MmlJobsGroup
{
  AdwPreferencesGroup  parent_instance;

  MmlEngine           *engine;
  GCancellable        *cancellable;   /* the read in flight; cancelled when the group goes */
  GPtrArray           *jobs;          /* MmlJobRow as last read, in the order shown */
  GPtrArray           *shown;         /* Shown, one per job */
  char                *running;       /* the job this process runs now, or NULL */
  char                *pending;       /* a job asked for that has not started yet */
  char                *error;         /* why the jobs could not be read */
  gboolean             loading;
  gboolean             load_again;
  guint                n_loads;
  guint                tick;

  GtkListBox          *list;
  GtkSizeGroup        *buttons;       /* Run Now and Retry, one width */
  AdwActionRow        *empty_row;
};

G_DEFINE_FINAL_TYPE (MmlJobsGroup, mml_jobs_group, ADW_TYPE_PREFERENCES_GROUP)

/* --- words ---------------------------------------------------------------------- */

static int
def_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (job_defs); i++)
    if (g_strcmp0 (job_defs[i].name, name) == 0)
      return (int) i;
  return -1;
}

static const char *
job_title (const char *name)
{
  int i = def_index (name);

  return i >= 0 ? _(job_defs[i].title) : name;
}

static const char *
job_icon (const char *name)
{
  int i = def_index (name);

  return i >= 0 ? job_defs[i].icon : "emblem-system-symbolic";
}

/* "next in 5 minutes", "next in 2 hours", "next in 3 days" */
static char *
next_text (gint64 seconds)
{
  guint n;

  if (seconds < 3600)
    {
      n = (guint) MAX ((seconds + 59) / 60, 1);
      if (n < 60)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "next in %u minute", "next in %u minutes", n), n);
      seconds = 3600;
    }
  if (seconds < 86400)
    {
      n = (guint) ((seconds + 1800) / 3600);
      if (n < 24)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "next in %u hour", "next in %u hours", n), n);
      seconds = 86400;
    }
  n = (guint) ((seconds + 43200) / 86400);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "next in %u day", "next in %u days", n), n);
}

/* the text after "failed: " or "skipped: " in a job's last result */
static char *
result_reason (const char *result,
               const char *prefix)
{
  const char *reason = result + strlen (prefix);
  g_autofree char *valid = NULL;

  while (*reason == ':' || *reason == ' ')
    reason++;
  valid = g_utf8_make_valid (reason, -1);
  /* a server's or a folder's name in it keeps its own direction */
  return mml_format_isolate (valid);
}

/* --- state ---------------------------------------------------------------------- */

static gint64
now (MmlJobsGroup *self)
{
  return mml_clock_get_now (mml_engine_get_clock (self->engine));
}

static MmlScheduler *
scheduler (MmlJobsGroup *self)
{
  return mml_engine_get_scheduler (self->engine);
}

/* Running here (the scheduler said so) or in another process (the store says so) */
static gboolean
job_running (MmlJobsGroup    *self,
             const MmlJobRow *job)
{
  if (g_strcmp0 (self->running, job->name) == 0)
    return TRUE;
  return job->running_since > 0 && now (self) - job->running_since < STALE_RUNNING_S;
}

static gboolean
job_failed (const MmlJobRow *job)
{
  return job->last_result != NULL && g_str_has_prefix (job->last_result, "failed");
}

/* How far the job running here is, 0…1, or -1 when nobody says */
static double
job_fraction (MmlJobsGroup *self,
              const char   *name)
{
  double fraction = -1;

  if (g_strcmp0 (self->running, name) != 0)
    return -1;
  if (g_strcmp0 (name, "scan") == 0)
    fraction = mml_library_controller_get_scan_fraction (mml_engine_get_library (self->engine));
  else if (g_strcmp0 (name, "refresh") == 0)
    fraction = mml_metadata_controller_get_fraction (mml_engine_get_metadata (self->engine));
  return fraction > 0 ? CLAMP (fraction, 0.0, 1.0) : -1;
}

/* "Running now · Scanning the library: 40 %" */
static char *
running_text (MmlJobsGroup *self,
              const char   *name,
              double        fraction)
{
  g_autofree char *doing = mml_format_job_doing (name);
  g_autofree char *progress = NULL;

  if (fraction < 0)
    /* Translators: a background job that is running, such as "Scanning the library…" */
    progress = g_strdup_printf (_("%s…"), doing);
  else
    /* Translators: a background job and how far it is, such as "Scanning the library: 40 %" */
    progress = g_strdup_printf (_("%s: %d %%"), doing, (int) (fraction * 100));
  /* Translators: a background job running now; %s is what it does, "Scanning the library…" */
  return g_strdup_printf (_("Running now · %s"), progress);
}

/* "Last ran Today at 14:02 · next in 2 hours", "Failed Today at 14:02:
 * Cannot connect to TVmaze · next in 4 minutes", "Never ran · turned off" */
static char *
idle_text (MmlJobsGroup    *self,
           const MmlJobRow *job)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = NULL;
  gint64 t = now (self);
  MmlScheduler *jobs = scheduler (self);

  if (job->last_run_at > 0)
    when = mml_format_timestamp_at (job->last_run_at, t);

  if (when == NULL)
    g_string_append (text, _("Never ran"));
  else if (job_failed (job))
    {
      g_autofree char *reason = result_reason (job->last_result, "failed");

      /* Translators: when a background job failed ("Today at 14:02"), and why */
      g_string_append_printf (text, _("Failed %s: %s"), when, reason);
    }
  else if (job->last_result != NULL && g_str_has_prefix (job->last_result, "skipped"))
    {
      g_autofree char *reason = result_reason (job->last_result, "skipped");

      /* Translators: when a background job had nothing it could do ("Today at 14:02"), and why,
       * such as "no OpenSubtitles account" */
      g_string_append_printf (text, _("Skipped %s: %s"), when, reason);
    }
  else
    /* Translators: when a background job last ran, such as "Today at 14:02" */
    g_string_append_printf (text, _("Last ran %s"), when);

  g_string_append (text, " · ");
  if (!job->enabled)
    g_string_append (text, _("turned off"));
  else if (job->interval_s <= 0)
    g_string_append (text, _("runs only when asked"));
  else if (!mml_scheduler_get_started (jobs) || mml_scheduler_get_paused (jobs))
    /* the group's description says why */
    g_string_truncate (text, text->len - strlen (" · "));
  else if (job->next_run_at <= t)
    g_string_append (text, _("due now"));
  else
    {
      g_autofree char *next = next_text (job->next_run_at - t);

      g_string_append (text, next);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* --- the rows ------------------------------------------------------------------- */

static void
render (MmlJobsGroup *self,
        Shown        *shown)
{
  const MmlJobRow *job = shown->job;
  gboolean running = job_running (self, job);
  gboolean failed = !running && job_failed (job);
  gboolean busy = self->running != NULL || self->pending != NULL;
  double fraction = running ? job_fraction (self, job->name) : -1;
  g_autofree char *subtitle = running ? running_text (self, job->name, fraction) : idle_text (self, job);

  shown->running = running;
  adw_action_row_set_subtitle (shown->row, subtitle);

  gtk_image_set_from_icon_name (shown->icon, failed ? "dialog-warning-symbolic" : job_icon (job->name));
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (shown->icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (shown->icon), "error");

  gtk_widget_set_visible (GTK_WIDGET (shown->progress), running && fraction >= 0);
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (shown->progress, fraction);
  gtk_widget_set_visible (GTK_WIDGET (shown->spinner), (running && fraction < 0)
                                                       || g_strcmp0 (self->pending, job->name) == 0);
  gtk_spinner_set_spinning (shown->spinner, gtk_widget_get_visible (GTK_WIDGET (shown->spinner)));

  /* one job at a time: the scheduler turns down a second one */
  gtk_button_set_label (shown->button, failed ? _("Retry") : _("Run Now"));
  gtk_widget_set_sensitive (GTK_WIDGET (shown->button), !running && !busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (shown->button),
                               running ? NULL
                               : busy ? _("Another job is running")
                               : failed ? _("Run this job again now")
                               : _("Run this job now, due or not"));
}

static void
render_all (MmlJobsGroup *self)
{
  MmlScheduler *jobs = self->engine != NULL ? scheduler (self) : NULL;
  gboolean empty = self->shown->len == 0;

  for (guint i = 0; i < self->shown->len; i++)
    render (self, g_ptr_array_index (self->shown, i));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), empty);
  if (empty && self->error != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("Cannot read the background jobs"));
      adw_action_row_set_subtitle (self->empty_row, self->error);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No background jobs"));
      adw_action_row_set_subtitle (self->empty_row, _("Jobs that keep the library current will show here"));
    }

  if (jobs != NULL && mml_scheduler_get_paused (jobs))
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _("Background work is paused"));
  else if (jobs != NULL && !mml_scheduler_get_started (jobs))
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Jobs run on their own only while “Keep running in the background” is on in Settings"));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Work that keeps the library current on its own"));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MmlJobsGroup *self;
  g_autoptr(GError) error = NULL;

  if (mml_scheduler_run_finish (MML_SCHEDULER (source), result, NULL, &error))
    return;   /* "job-finished" told */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MML_JOBS_GROUP (user_data);
  /* not started (busy) or failed ("job-finished" told): show what the store says */
  g_debug ("Job not run or failed: %s", error->message);
  g_clear_pointer (&self->pending, g_free);
  mml_jobs_group_reload (self);
}

static void
button_clicked_cb (GtkButton    *button,
                   MmlJobsGroup *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "mml-job");

  if (self->engine == NULL || self->running != NULL || self->pending != NULL)
    return;
  /* until "job-started": no second click, a spinner at once */
  self->pending = g_strdup (name);
  render_all (self);
  mml_scheduler_run_async (scheduler (self), name, self->cancellable, run_done_cb, self);
}

static void
shown_free (Shown *shown)
{
  g_free (shown->name);
  g_free (shown);
}

static Shown *
shown_new (MmlJobsGroup *self,
           MmlJobRow    *job)
{
  Shown *shown = g_new0 (Shown, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  shown->name = g_strdup (job->name);
  shown->job = job;
  shown->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (shown->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (shown->row), job_title (job->name));
  adw_action_row_set_subtitle_lines (shown->row, 3);

  shown->icon = GTK_IMAGE (gtk_image_new ());
  adw_action_row_add_prefix (shown->row, GTK_WIDGET (shown->icon));

  shown->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_valign (GTK_WIDGET (shown->spinner), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (shown->spinner));

  shown->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (shown->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (shown->progress), 96, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (shown->progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, job_title (job->name), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (shown->progress));

  shown->button = GTK_BUTTON (gtk_button_new_with_label (_("Run Now")));
  gtk_widget_set_valign (GTK_WIDGET (shown->button), GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (shown->button), "mml-job", g_strdup (job->name), g_free);
  g_signal_connect (shown->button, "clicked", G_CALLBACK (button_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (shown->button));
  gtk_size_group_add_widget (self->buttons, GTK_WIDGET (shown->button));

  adw_action_row_add_suffix (shown->row, box);
  return shown;
}

static Shown *
find_shown (MmlJobsGroup *self,
            const char   *name)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_strcmp0 (((Shown *) g_ptr_array_index (self->shown, i))->name, name) == 0)
      return g_ptr_array_index (self->shown, i);
  return NULL;
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  const MmlJobRow *x = *(const MmlJobRow * const *) a;
  const MmlJobRow *y = *(const MmlJobRow * const *) b;
  guint i = (guint) def_index (x->name), j = (guint) def_index (y->name);   /* unknown ones last */

  return i != j ? (i < j ? -1 : 1) : g_strcmp0 (x->name, y->name);
}

/* Shows @jobs (owned): the rows kept while the jobs are the same ones */
static void
show_jobs (MmlJobsGroup *self,
           GPtrArray    *jobs)
{
  gboolean same = jobs->len == self->shown->len;

  g_ptr_array_sort (jobs, compare_jobs);
  for (guint i = 0; same && i < jobs->len; i++)
    same = g_strcmp0 (((MmlJobRow *) g_ptr_array_index (jobs, i))->name,
                      ((Shown *) g_ptr_array_index (self->shown, i))->name) == 0;

  if (!same)
    {
      for (guint i = 0; i < self->shown->len; i++)
        gtk_list_box_remove (self->list, GTK_WIDGET (((Shown *) g_ptr_array_index (self->shown, i))->row));
      g_ptr_array_set_size (self->shown, 0);
      for (guint i = 0; i < jobs->len; i++)
        {
          Shown *shown = shown_new (self, g_ptr_array_index (jobs, i));

          g_ptr_array_add (self->shown, shown);
          gtk_list_box_insert (self->list, GTK_WIDGET (shown->row), (int) i);
        }
    }
  else
    for (guint i = 0; i < jobs->len; i++)
      ((Shown *) g_ptr_array_index (self->shown, i))->job = g_ptr_array_index (jobs, i);

  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  self->jobs = jobs;
  render_all (self);
}

static void
clear_jobs (MmlJobsGroup *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    gtk_list_box_remove (self->list, GTK_WIDGET (((Shown *) g_ptr_array_index (self->shown, i))->row));
  g_ptr_array_set_size (self->shown, 0);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
}

/* --- reading -------------------------------------------------------------------- */

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MmlJobsGroup *self;
  GPtrArray *jobs;
  g_autoptr(GError) error = NULL;

  jobs = mml_scheduler_list_finish (MML_SCHEDULER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MML_JOBS_GROUP (user_data);
  self->loading = FALSE;
  self->n_loads++;
  g_clear_pointer (&self->error, g_free);
  if (jobs == NULL)
    {
      g_debug ("Cannot read the jobs: %s", error->message);
      self->error = g_strdup (error->message);
      clear_jobs (self);
      render_all (self);
    }
  else
    show_jobs (self, jobs);

  if (self->load_again)
    {
      self->load_again = FALSE;
      mml_jobs_group_reload (self);
    }
}

/**
 * mml_jobs_group_reload:
 *
 * Reads the jobs again (on the store's thread) and shows them; a reload
 * asked for while one is in flight follows it.
 */
void
mml_jobs_group_reload (MmlJobsGroup *self)
{
  g_return_if_fail (MML_IS_JOBS_GROUP (self));

  if (self->engine == NULL || !mml_engine_get_ready (self->engine))
    {
      render_all (self);
      return;
    }
  if (self->loading)
    {
      self->load_again = TRUE;
      return;
    }
  self->loading = TRUE;
  mml_scheduler_list_async (scheduler (self), self->cancellable, listed_cb, self);
}

/* --- following the engine ------------------------------------------------------- */

static void
job_started_cb (MmlJobsGroup *self,
                const char   *name)
{
  g_free (self->running);
  self->running = g_strdup (name);
  g_clear_pointer (&self->pending, g_free);
  render_all (self);
}

static void
job_finished_cb (MmlJobsGroup *self,
                 const char   *name,
                 gboolean      ok,
                 const char   *text)
{
  g_clear_pointer (&self->running, g_free);
  /* the times and the result are the store's: read them (when shown) */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mml_jobs_group_reload (self);
  else
    render_all (self);
}

static void
progress_cb (MmlJobsGroup *self)
{
  Shown *shown = self->running != NULL ? find_shown (self, self->running) : NULL;

  if (shown != NULL)
    render (self, shown);
}

static void
ready_cb (MmlJobsGroup *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mml_jobs_group_reload (self);
}

void
mml_jobs_group_set_engine (MmlJobsGroup *self,
                           MmlEngine    *engine)
{
  g_return_if_fail (MML_IS_JOBS_GROUP (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_scheduler (self->engine), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_metadata (self->engine), self);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->load_again = FALSE;
  g_clear_pointer (&self->running, g_free);
  g_clear_pointer (&self->pending, g_free);
  g_clear_pointer (&self->error, g_free);
  clear_jobs (self);
  g_clear_object (&self->engine);

  if (engine != NULL)
    {
      MmlScheduler *jobs = mml_engine_get_scheduler (engine);

      self->engine = g_object_ref (engine);
      g_signal_connect_object (jobs, "job-started", G_CALLBACK (job_started_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (jobs, "job-finished", G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::scan-fraction",
                               G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_metadata (engine), "notify::fraction",
                               G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::ready", G_CALLBACK (ready_cb), self, G_CONNECT_SWAPPED);
    }

  render_all (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mml_jobs_group_reload (self);
}

/* --- on screen or not ------------------------------------------------------------ */

static gboolean
tick_cb (gpointer user_data)
{
  mml_jobs_group_reload (MML_JOBS_GROUP (user_data));
  return G_SOURCE_CONTINUE;
}

static void
mml_jobs_group_map (GtkWidget *widget)
{
  MmlJobsGroup *self = MML_JOBS_GROUP (widget);

  GTK_WIDGET_CLASS (mml_jobs_group_parent_class)->map (widget);

  mml_jobs_group_reload (self);
  if (self->tick == 0)
    {
      self->tick = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
      g_source_set_name_by_id (self->tick, "[mml] jobs group tick");
    }
}

static void
mml_jobs_group_unmap (GtkWidget *widget)
{
  MmlJobsGroup *self = MML_JOBS_GROUP (widget);

  g_clear_handle_id (&self->tick, g_source_remove);

  GTK_WIDGET_CLASS (mml_jobs_group_parent_class)->unmap (widget);
}

/* --- GObject -------------------------------------------------------------------- */

static void
mml_jobs_group_dispose (GObject *object)
{
  MmlJobsGroup *self = MML_JOBS_GROUP (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  mml_jobs_group_set_engine (self, NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mml_jobs_group_parent_class)->dispose (object);
}

static void
mml_jobs_group_finalize (GObject *object)
{
  MmlJobsGroup *self = MML_JOBS_GROUP (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_object (&self->buttons);
  g_free (self->running);
  g_free (self->pending);
  g_free (self->error);

  G_OBJECT_CLASS (mml_jobs_group_parent_class)->finalize (object);
}

static void
mml_jobs_group_class_init (MmlJobsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_jobs_group_dispose;
  object_class->finalize = mml_jobs_group_finalize;
  widget_class->map = mml_jobs_group_map;
  widget_class->unmap = mml_jobs_group_unmap;
}

static void
mml_jobs_group_init (MmlJobsGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  self->buttons = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Background Jobs"));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Background jobs"), -1);

  self->empty_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->empty_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->empty_row), FALSE);
  gtk_list_box_append (self->list, GTK_WIDGET (self->empty_row));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
  render_all (self);
}

/* --- for tests ------------------------------------------------------------------- */

guint
mml_jobs_group_get_n_loads (MmlJobsGroup *self)
{
  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), 0);

  return self->n_loads;
}

guint
mml_jobs_group_get_n_jobs (MmlJobsGroup *self)
{
  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), 0);

  return self->shown->len;
}

const char *
mml_jobs_group_get_job_name (MmlJobsGroup *self,
                             guint         index)
{
  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), NULL);

  return index < self->shown->len ? ((Shown *) g_ptr_array_index (self->shown, index))->name : NULL;
}

gboolean
mml_jobs_group_get_shows_empty (MmlJobsGroup *self)
{
  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->empty_row));
}

AdwActionRow *
mml_jobs_group_get_row (MmlJobsGroup *self,
                        const char   *name)
{
  Shown *shown;

  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), NULL);

  shown = find_shown (self, name);
  return shown != NULL ? shown->row : NULL;
}

GtkButton *
mml_jobs_group_get_button (MmlJobsGroup *self,
                           const char   *name)
{
  Shown *shown;

  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), NULL);

  shown = find_shown (self, name);
  return shown != NULL ? shown->button : NULL;
}

gboolean
mml_jobs_group_get_running (MmlJobsGroup *self,
                            const char   *name)
{
  Shown *shown;

  g_return_val_if_fail (MML_IS_JOBS_GROUP (self), FALSE);

  shown = find_shown (self, name);
  return shown != NULL && shown->running &&
         (gtk_widget_get_visible (GTK_WIDGET (shown->spinner)) || gtk_widget_get_visible (GTK_WIDGET (shown->progress)));
}
