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
 *  - a background job failing, with what it said and a Retry.
 * Each kind can be turned off in Settings (GSettings notify-*), and a kind
 * notifies at most once every few minutes: what comes in between waits
 * and is told in the next one, never lost.
 */
#define G_LOG_DOMAIN "mml-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-library-controller.h"
#include "mml-notifier.h"
#include "mml-parser.h"
#include "mml-scheduler.h"

#define BATCH_MS       500                 /* new files of one copy or download arrive together */
#define MIN_GAP_MS     (3 * 60 * 1000)

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
};

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

  if (!g_settings_get_boolean (self->settings, "notify-new-episodes"))
    return;

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

/* --- GObject ------------------------------------------------------------------ */

static void
mml_notifier_dispose (GObject *object)
{
  MmlNotifier *self = MML_NOTIFIER (object);

  g_clear_handle_id (&self->episodes_source, g_source_remove);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_scheduler (self->engine), self);
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

  G_OBJECT_CLASS (mml_notifier_parent_class)->finalize (object);
}

static void
mml_notifier_class_init (MmlNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_notifier_dispose;
  object_class->finalize = mml_notifier_finalize;
}

static void
mml_notifier_init (MmlNotifier *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new_with_free_func (g_free);
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
