/* mml-notifier.c — desktop notifications of what the engine did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GNotification (the portal inside Flatpak, the desktop's notification
 * service outside it), one id per kind so that a newer notification of a
 * kind replaces the older:
 *  - new episodes: videos the watcher (or a scan) found new, gathered for
 *    half a second and named by their series ("3 new episodes of
 *    Severance"); clicking opens the Dashboard, where they are listed;
 *  - a background job failing, with what it said and a Retry;
 *  - subtitles a fetch downloaded, one notification for the fetch, named
 *    by their series ("Subtitles for 3 episodes of Severance");
 *  - watch conflicts a sync opened, leading to the Conflicts view;
 *  - the subtitle download quota used up, with when it comes back;
 *  - episodes of the series the user follows (mml_viewing_status_is_followed())
 *    airing today (the store's MML_EPISODES_TODAY, the calendar's day),
 *    once a day: the day told is kept in GSettings, so a restart does not
 *    tell it again;
 *  - a series that became completed or dropped, which a move rule offers
 *    to move ("move-suggested"): Move… opens "Copy or Move to…" on Move
 *    and the rule's folder (app.move-series); with the window open, a
 *    toast offers the same. Each is told as it comes, no gap.
 * Each kind can be turned off in Settings (GSettings notify-*), and a kind
 * notifies at most once every few minutes: what comes in between waits
 * and is told in the next one, never lost.
 */
#define G_LOG_DOMAIN "mml-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-notifier.h"
#include "mml-window.h"
#include "mml-parser.h"
#include "mml-scheduler.h"
#include "mml-subtitles-controller.h"
#include "mml-sync-controller.h"

#define BATCH_MS       500                 /* new files of one copy or download arrive together */
#define MIN_GAP_MS     (3 * 60 * 1000)   /* per kind: what comes within waits, or replaces what waits */
#define AIRING_CHECK_S (60 * 60)         /* "today" is looked at again this often */

struct _MmlNotifier
{
  GObject        parent_instance;

  GApplication  *application;   /* unowned: it owns the notifier */
  MmlEngine     *engine;
  GSettings     *settings;
  guint          min_gap_ms;

  GHashTable    *pending;       /* series title → count of new episodes */
  GPtrArray     *order;         /* the titles, in the order they came */
  guint          n_pending;
  guint          episodes_source;
  gint64         episodes_sent; /* monotonic µs of the last one, 0: never */
  gint64         failure_sent;
  guint          n_found;       /* new episodes since mml_notifier_reset_found() */

  GHashTable    *subtitles;     /* series title → subtitles downloaded, "" for none */
  GPtrArray     *subtitles_order;
  guint          n_subtitles;
  guint          subtitles_source;
  gint64         subtitles_sent;

  guint          n_conflicts;   /* new watch conflicts waiting to be told */
  guint          conflicts_source;
  gint64         conflicts_sent;

  gint64         quota_reset;   /* waiting to be told: when downloads come back; 0: nothing waits */
  gboolean       quota_pending;
  guint          quota_source;
  gint64         quota_sent;

  GCancellable  *cancellable;
  char          *airing_day;    /* the day being read, while airing_busy */
  gboolean       airing_busy;
  guint          airing_timer;
};

enum
{
  PROP_0,
  PROP_N_FOUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MmlNotifier, mml_notifier, G_TYPE_OBJECT)

static gint64
next_allowed (MmlNotifier *self,
              gint64       last)
{
  return last == 0 ? 0 : last + (gint64) self->min_gap_ms * 1000;
}

/* --- new episodes --------------------------------------------------------- */

/* "root id/folder" → the library's title of that series folder (transfer
 * full): made once for a batch of events, not a walk of the list per file */
static GHashTable *
titles_by_folder (MmlNotifier *self)
{
  GListModel *series = mml_library_controller_get_series (mml_engine_get_library (self->engine));
  GHashTable *titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; series != NULL && i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, i);

      if (mml_series_item_get_folder (item) != NULL)
        g_hash_table_insert (titles,
                             g_strdup_printf ("%" G_GINT64_FORMAT "/%s", mml_series_item_get_root_id (item),
                                              mml_series_item_get_folder (item)),
                             g_strdup (mml_series_item_get_title (item)));
    }
  return titles;
}

/* The series a new file at @path of root @root_id belongs to, for people:
 * the library's title of its folder, else the folder's name */
static char *
series_title (GHashTable *titles,
              gint64      root_id,
              const char *path)
{
  const char *slash = strchr (path, '/');
  g_autofree char *key = NULL;
  const char *title;

  if (slash == NULL)
    return NULL;   /* a video at the root's top: no series to name */
  key = g_strdup_printf ("%" G_GINT64_FORMAT "/%.*s", root_id, (int) (slash - path), path);
  if ((title = g_hash_table_lookup (titles, key)) != NULL)
    return g_strdup (title);
  {
    g_autofree char *folder = g_strndup (path, slash - path);

    return g_filename_display_name (folder);
  }
}

static void
send_episodes (MmlNotifier *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  if (self->n_pending == 0)
    return;
  if (self->order->len == 1 && self->n_pending == 1)
    /* Translators: %s is a series */
    title = g_strdup_printf (_("A new episode of %s"), (const char *) g_ptr_array_index (self->order, 0));
  else if (self->order->len == 1)
    /* Translators: how many, then a series (never one: that is "A new episode of %s") */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new episode of %s", "%u new episodes of %s",
                                          self->n_pending),
                             self->n_pending, (const char *) g_ptr_array_index (self->order, 0));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new episode", "%u new episodes", self->n_pending),
                             self->n_pending);
  for (guint i = 0; i < self->order->len; i++)
    {
      const char *name = g_ptr_array_index (self->order, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, name));

      if (body->len > 0)
        g_string_append (body, ", ");
      /* Translators: a series and how many new episodes it got, "Severance (3)" */
      g_string_append_printf (body, _("%s (%u)"), name, n);
    }

  notification = g_notification_new (title);
  if (self->order->len > 1)
    g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "dashboard");
  g_application_send_notification (self->application, MML_NOTIFY_NEW_EPISODES, notification);

  self->episodes_sent = g_get_monotonic_time ();
  g_hash_table_remove_all (self->pending);
  g_ptr_array_set_size (self->order, 0);
  self->n_pending = 0;
}

static gboolean
episodes_due_cb (gpointer user_data)
{
  MmlNotifier *self = user_data;

  self->episodes_source = 0;
  send_episodes (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_episodes (MmlNotifier *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 at = MAX (now + BATCH_MS * 1000, next_allowed (self, self->episodes_sent));

  if (self->episodes_source != 0)
    return;
  self->episodes_source = g_timeout_add ((guint) ((at - now + 999) / 1000), episodes_due_cb, self);
}

static void
files_changed_cb (MmlNotifier *self,
                  GPtrArray   *events)
{
  g_autoptr(GHashTable) titles = NULL;
  gboolean notify = g_settings_get_boolean (self->settings, "notify-new-episodes");
  guint found = 0;

  for (guint i = 0; i < events->len; i++)
    {
      const MmlScanEvent *event = g_ptr_array_index (events, i);
      g_autofree char *title = NULL;
      g_autofree char *base = NULL;
      guint n;

      if (event->kind != MML_SCAN_EVENT_CREATED || event->path == NULL)
        continue;
      base = g_path_get_basename (event->path);
      if (!mml_is_video_ext (base) || mml_is_ignored_name (base))
        continue;
      found++;
      if (!notify)
        continue;
      if (titles == NULL)
        titles = titles_by_folder (self);
      if ((title = series_title (titles, event->root_id, event->path)) == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, title));
      if (n == 0)
        g_ptr_array_add (self->order, g_strdup (title));
      g_hash_table_replace (self->pending, g_strdup (title), GUINT_TO_POINTER (n + 1));
      self->n_pending++;
    }
  if (self->n_pending > 0)
    schedule_episodes (self);
  if (found > 0)
    {
      self->n_found += found;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FOUND]);
    }
}

/* --- kinds gathered within the gap ------------------------------------------- */

/* A timeout that sends when the kind may send again (at once when it may),
 * unless one is set already: what comes meanwhile joins what waits */
static void
schedule_kind (MmlNotifier *self,
               guint       *source,
               gint64       sent,
               GSourceFunc  due_cb)
{
  gint64 now = g_get_monotonic_time ();
  gint64 at = MAX (now, next_allowed (self, sent));

  if (*source != 0)
    return;
  *source = g_timeout_add ((guint) ((at - now + 999) / 1000), due_cb, self);
}

/* "Severance (3), The Bear (1)", of @order counted in @counts (the
 * unnamed "" left out) */
static char *
counts_text (GPtrArray  *order,
             GHashTable *counts)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);

      if (*name == '\0')
        continue;
      if (body->len > 0)
        g_string_append (body, ", ");
      g_string_append_printf (body, _("%s (%u)"), name, GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)));
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* --- subtitles downloaded --------------------------------------------------------- */

static gboolean
subtitles_due_cb (gpointer user_data)
{
  MmlNotifier *self = user_data;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  const char *only = self->subtitles_order->len == 1 ? g_ptr_array_index (self->subtitles_order, 0) : NULL;

  self->subtitles_source = 0;
  if (self->n_subtitles == 0)
    return G_SOURCE_REMOVE;
  if (only != NULL && *only != '\0' && self->n_subtitles == 1)
    /* Translators: %s is a series */
    title = g_strdup_printf (_("Subtitles for an episode of %s"), only);
  else if (only != NULL && *only != '\0')
    /* Translators: how many episodes got subtitles, then a series (never
     * one: that is "Subtitles for an episode of %s") */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Subtitles for %u episode of %s",
                                          "Subtitles for %u episodes of %s", self->n_subtitles),
                             self->n_subtitles, only);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Subtitles for %u episode", "Subtitles for %u episodes",
                                          self->n_subtitles),
                             self->n_subtitles);
  notification = g_notification_new (title);
  body = counts_text (self->subtitles_order, self->subtitles);
  if (only == NULL && *body != '\0')
    g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "series");
  g_application_send_notification (self->application, MML_NOTIFY_SUBTITLES, notification);

  self->subtitles_sent = g_get_monotonic_time ();
  g_hash_table_remove_all (self->subtitles);
  g_ptr_array_set_size (self->subtitles_order, 0);
  self->n_subtitles = 0;
  return G_SOURCE_REMOVE;
}

static void
fetched_cb (MmlNotifier        *self,
            const char * const *series)
{
  if (!g_settings_get_boolean (self->settings, "notify-subtitles"))
    return;
  for (guint i = 0; series != NULL && series[i] != NULL; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->subtitles, series[i]));

      if (n == 0)
        g_ptr_array_add (self->subtitles_order, g_strdup (series[i]));
      g_hash_table_replace (self->subtitles, g_strdup (series[i]), GUINT_TO_POINTER (n + 1));
      self->n_subtitles++;
    }
  if (self->n_subtitles > 0)
    schedule_kind (self, &self->subtitles_source, self->subtitles_sent, subtitles_due_cb);
}

/* --- watch conflicts ------------------------------------------------------------------ */

static gboolean
conflicts_due_cb (gpointer user_data)
{
  MmlNotifier *self = user_data;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  self->conflicts_source = 0;
  if (self->n_conflicts == 0)
    return G_SOURCE_REMOVE;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u watch conflict to resolve",
                                        "%u watch conflicts to resolve", self->n_conflicts),
                           self->n_conflicts);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("A media server and the library disagree on what you watched"));
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "conflicts");
  g_application_send_notification (self->application, MML_NOTIFY_WATCH_CONFLICTS, notification);

  self->conflicts_sent = g_get_monotonic_time ();
  self->n_conflicts = 0;
  return G_SOURCE_REMOVE;
}

static void
conflicts_found_cb (MmlNotifier *self,
                    guint        n_new)
{
  if (n_new == 0 || !g_settings_get_boolean (self->settings, "notify-watch-conflicts"))
    return;
  self->n_conflicts += n_new;
  schedule_kind (self, &self->conflicts_source, self->conflicts_sent, conflicts_due_cb);
}

/* --- the subtitle quota -------------------------------------------------------------- */

/* When downloads come back, for people: "at 02:00" within a day, else the date */
static char *
reset_text (gint64 reset_at)
{
  g_autoptr(GDateTime) when = reset_at > 0 ? g_date_time_new_from_unix_local (reset_at) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *clock = NULL;

  if (when == NULL)
    return g_strdup (_("Downloads start again tomorrow"));
  if (reset_at - now < 24 * 3600)
    {
      clock = g_date_time_format (when, "%H:%M");
      /* Translators: %s is a time such as 02:00 */
      return g_strdup_printf (_("Downloads start again at %s"), clock);
    }
  clock = mml_format_timestamp (reset_at);
  /* Translators: %s is a date such as "3 March 2026" */
  return g_strdup_printf (_("Downloads start again on %s"), clock);
}

static gboolean
quota_due_cb (gpointer user_data)
{
  MmlNotifier *self = user_data;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  self->quota_source = 0;
  if (!self->quota_pending)
    return G_SOURCE_REMOVE;
  notification = g_notification_new (_("No subtitle downloads left today"));
  body = reset_text (self->quota_reset);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "settings");
  g_application_send_notification (self->application, MML_NOTIFY_SUBTITLE_QUOTA, notification);

  self->quota_sent = g_get_monotonic_time ();
  self->quota_pending = FALSE;
  self->quota_reset = 0;
  return G_SOURCE_REMOVE;
}

static void
quota_exhausted_cb (MmlNotifier *self,
                    gint64       reset_at)
{
  if (!g_settings_get_boolean (self->settings, "notify-subtitle-quota"))
    return;
  /* the latest word on the reset replaces one waiting */
  self->quota_pending = TRUE;
  self->quota_reset = reset_at;
  schedule_kind (self, &self->quota_source, self->quota_sent, quota_due_cb);
}

/* --- episodes airing today -------------------------------------------------------------- */

/* Ids of the series the user follows (by the library's read model) */
static GHashTable *
followed_series (MmlNotifier *self)
{
  GListModel *series = mml_library_controller_get_series (mml_engine_get_library (self->engine));
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; series != NULL && i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, i);

      if (mml_viewing_status_is_followed (mml_series_item_get_viewing_status (item)))
        {
          gint64 id = mml_series_item_get_id (item);

          g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
        }
    }
  return ids;
}

/* "Severance S02E03" (transfer full) */
static char *
episode_name (const MmlEpisodeRow *row)
{
  g_autofree char *code = mml_format_episode_code (row->season, row->number, row->absolute);

  /* as the calendar writes it: the series, then the code */
  return g_strdup_printf ("%s %s", row->series_title != NULL ? row->series_title : "", code);
}

static void
airing_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mml_metadata_controller_list_episodes_finish (MML_METADATA_CONTROLLER (source),
                                                                             result, &error);
  g_autofree char *today = NULL;
  g_autoptr(GHashTable) followed = NULL;
  g_autoptr(GPtrArray) told = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  MmlNotifier *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  self->airing_busy = FALSE;
  if (rows == NULL)
    {
      g_debug ("Cannot read today's episodes: %s", error->message);
      return;
    }
  today = g_steal_pointer (&self->airing_day);
  if (today == NULL)
    return;
  /* the day may have been told while the store read */
  {
    g_autofree char *done = g_settings_get_string (self->settings, "airing-notified-day");

    if (g_strcmp0 (done, today) == 0)
      return;
  }

  followed = followed_series (self);
  told = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const MmlEpisodeRow *row = g_ptr_array_index (rows, i);

      if (!row->special && g_hash_table_contains (followed, &row->series_id))
        g_ptr_array_add (told, episode_name (row));
    }
  if (told->len == 0)
    return;   /* nothing today (yet): a refresh may still bring one */

  if (told->len == 1)
    /* Translators: %s is a series and an episode, "Severance S02E03" */
    title = g_strdup_printf (_("%s airs today"), (const char *) g_ptr_array_index (told, 0));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u episode you follow airs today",
                                          "%u episodes you follow air today", told->len),
                             told->len);
  notification = g_notification_new (title);
  if (told->len > 1)
    {
      g_ptr_array_add (told, NULL);
      {
        g_autofree char *body = g_strjoinv (", ", (char **) told->pdata);

        g_notification_set_body (notification, body);
      }
    }
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "calendar");
  g_application_send_notification (self->application, MML_NOTIFY_AIRING_TODAY, notification);
  g_settings_set_string (self->settings, "airing-notified-day", today);
}

static void
check_airing (MmlNotifier *self)
{
  g_autofree char *today = NULL;
  g_autofree char *done = NULL;
  MmlLibraryController *library = mml_engine_get_library (self->engine);
  MmlMetadataController *metadata = mml_engine_get_metadata (self->engine);

  if (self->airing_busy || !g_settings_get_boolean (self->settings, "notify-airing-today") ||
      !mml_engine_get_ready (self->engine) || mml_library_controller_get_loading (library))
    return;
  today = mml_clock_get_today (mml_engine_get_clock (self->engine));
  done = g_settings_get_string (self->settings, "airing-notified-day");
  if (g_strcmp0 (done, today) == 0)
    return;

  self->airing_busy = TRUE;
  g_free (self->airing_day);
  self->airing_day = g_steal_pointer (&today);
  mml_metadata_controller_list_episodes_async (metadata, MML_EPISODES_TODAY, 0, 0, FALSE, self->cancellable,
                                               airing_listed_cb, self);
}

static gboolean
airing_timer_cb (gpointer user_data)
{
  check_airing (user_data);
  return G_SOURCE_CONTINUE;
}

/* --- failing jobs ---------------------------------------------------------- */

static void
job_finished_cb (MmlNotifier *self,
                 const char  *name,
                 gboolean     ok,
                 const char  *text)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *doing = NULL;
  g_autofree char *title = NULL;
  gint64 now = g_get_monotonic_time ();

  if (ok)
    check_airing (self);   /* a refresh may have brought today's episodes */
  if (ok || !g_settings_get_boolean (self->settings, "notify-job-failures"))
    return;
  /* one a few minutes at most: a job backs off, its next failure is told
   * by the Dashboard and the tray meanwhile */
  if (now < next_allowed (self, self->failure_sent))
    return;

  doing = mml_format_job_doing (name);
  /* Translators: %s is what a background job does, "Syncing with media servers" */
  title = g_strdup_printf (_("%s failed"), doing);
  notification = g_notification_new (title);
  if (text != NULL && *text != '\0')
    g_notification_set_body (notification, text);
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "dashboard");
  g_notification_add_button_with_target (notification, _("Retry"), "app.run-job", "s", name);
  g_application_send_notification (self->application, MML_NOTIFY_JOB_FAILED, notification);
  self->failure_sent = now;
}

/* --- move rules ------------------------------------------------------------- */

static void
move_suggested_cb (MmlNotifier   *self,
                   MmlSeriesItem *series,
                   int            status,
                   const char    *destination)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *base = g_path_get_basename (destination);
  g_autofree char *where = g_filename_display_name (base);
  g_autofree char *path = g_filename_display_name (destination);
  g_autofree char *title = NULL;
  GVariant *target;
  GtkWindow *window;

  if (!g_settings_get_boolean (self->settings, "notify-move-rules"))
    return;
  if (status == MML_VIEWING_DROPPED)
    /* Translators: “series title” is dropped — move it to folder name? */
    title = g_strdup_printf (_("“%s” is dropped — move it to %s?"), mml_series_item_get_title (series), where);
  else
    /* Translators: “series title” is completed — move it to folder name? */
    title = g_strdup_printf (_("“%s” is completed — move it to %s?"), mml_series_item_get_title (series), where);
  target = g_variant_ref_sink (g_variant_new ("(xs)", mml_series_item_get_id (series), destination));

  notification = g_notification_new (title);
  g_notification_set_body (notification, path);
  g_notification_set_default_action_and_target_value (notification, "app.move-series", target);
  g_notification_add_button_with_target_value (notification, _("Move…"), "app.move-series", target);
  g_application_send_notification (self->application, MML_NOTIFY_MOVE_RULE, notification);

  window = GTK_IS_APPLICATION (self->application)
           ? gtk_application_get_active_window (GTK_APPLICATION (self->application)) : NULL;
  if (MML_IS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      g_autofree char *markup = g_markup_escape_text (title, -1);
      AdwToast *toast = adw_toast_new (markup);

      adw_toast_set_button_label (toast, _("Move…"));
      adw_toast_set_action_name (toast, "app.move-series");
      adw_toast_set_action_target_value (toast, target);
      adw_toast_set_timeout (toast, 10);
      mml_window_add_toast (MML_WINDOW (window), toast);
    }
  g_variant_unref (target);
}

/* --- GObject ------------------------------------------------------------------ */

static void
mml_notifier_dispose (GObject *object)
{
  MmlNotifier *self = MML_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->episodes_source, g_source_remove);
  g_clear_handle_id (&self->subtitles_source, g_source_remove);
  g_clear_handle_id (&self->conflicts_source, g_source_remove);
  g_clear_handle_id (&self->quota_source, g_source_remove);
  g_clear_handle_id (&self->airing_timer, g_source_remove);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_scheduler (self->engine), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_subtitles (self->engine), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_sync (self->engine), self);
    }
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mml_notifier_parent_class)->dispose (object);
}

static void
mml_notifier_finalize (GObject *object)
{
  MmlNotifier *self = MML_NOTIFIER (object);

  g_hash_table_unref (self->pending);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->subtitles);
  g_ptr_array_unref (self->subtitles_order);
  g_clear_object (&self->cancellable);
  g_free (self->airing_day);

  G_OBJECT_CLASS (mml_notifier_parent_class)->finalize (object);
}

static void
mml_notifier_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MmlNotifier *self = MML_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_N_FOUND:
      g_value_set_uint (value, self->n_found);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_notifier_class_init (MmlNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mml_notifier_get_property;
  object_class->dispose = mml_notifier_dispose;
  object_class->finalize = mml_notifier_finalize;

  properties[PROP_N_FOUND] = g_param_spec_uint ("n-found", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_notifier_init (MmlNotifier *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new_with_free_func (g_free);
  self->subtitles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->subtitles_order = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->min_gap_ms = MIN_GAP_MS;
}

/**
 * mml_notifier_new:
 * @application: the application that sends (and owns the notifier)
 * @settings: the application's settings (the notify-* keys)
 *
 * Returns: (transfer full): a notifier listening to @engine
 */
MmlNotifier *
mml_notifier_new (GApplication *application,
                  MmlEngine    *engine,
                  GSettings    *settings)
{
  MmlNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MML_TYPE_NOTIFIER, NULL);
  self->application = application;
  self->engine = g_object_ref (engine);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (mml_engine_get_library (engine), "files-changed",
                           G_CALLBACK (files_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_scheduler (engine), "job-finished",
                           G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_subtitles (engine), "fetched",
                           G_CALLBACK (fetched_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_subtitles (engine), "quota-exhausted",
                           G_CALLBACK (quota_exhausted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_library (engine), "move-suggested",
                           G_CALLBACK (move_suggested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_sync (engine), "conflicts-found",
                           G_CALLBACK (conflicts_found_cb), self, G_CONNECT_SWAPPED);
  /* today's episodes: once the library is read (its viewing statuses
   * with it), then every hour for a new day */
  g_signal_connect_object (mml_engine_get_library (engine), "notify::loading",
                           G_CALLBACK (check_airing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::notify-airing-today",
                           G_CALLBACK (check_airing), self, G_CONNECT_SWAPPED);
  self->airing_timer = g_timeout_add_seconds (AIRING_CHECK_S, airing_timer_cb, self);
  check_airing (self);
  return self;
}

guint
mml_notifier_get_n_pending (MmlNotifier *self)
{
  g_return_val_if_fail (MML_IS_NOTIFIER (self), 0);
  return self->n_pending;
}

void
mml_notifier_set_min_gap_ms (MmlNotifier *self,
                             guint        ms)
{
  g_return_if_fail (MML_IS_NOTIFIER (self));
  self->min_gap_ms = ms;
}

/**
 * mml_notifier_get_n_found:
 *
 * Returns: the new episodes the library found since the last
 *   mml_notifier_reset_found() (whether they were told or not)
 */
guint
mml_notifier_get_n_found (MmlNotifier *self)
{
  g_return_val_if_fail (MML_IS_NOTIFIER (self), 0);
  return self->n_found;
}

void
mml_notifier_reset_found (MmlNotifier *self)
{
  g_return_if_fail (MML_IS_NOTIFIER (self));
  if (self->n_found == 0)
    return;
  self->n_found = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FOUND]);
}

/* for tests: looks for today's episodes now */
void
mml_notifier_check_airing (MmlNotifier *self)
{
  g_return_if_fail (MML_IS_NOTIFIER (self));
  check_airing (self);
}
