/* mml-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one instance per desktop session (a second launch raises the
 * window), app-wide actions and their accelerators, and the colour scheme.
 *
 * Running in the background: with `--background` (the autostart command
 * line), or while the "run-in-background" setting is on, the application
 * holds itself, so closing the window leaves the engine's scheduler and
 * the tray running; Quit really quits.
 */

#define G_LOG_DOMAIN "mml-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-application.h"
#include "mml-background.h"
#include "mml-engine.h"
#include "mml-format.h"
#include "mml-metadata-controller.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-notifier.h"
#include "mml-scheduler.h"
#include "mml-sync-controller.h"
#include "mml-tray.h"
#include "mml-window.h"
#include "widgets/mml-transfer-dialog.h"

struct _MmlApplication
{
  AdwApplication  parent_instance;

  GSettings         *settings;
  MmlEngine *engine;
  MmlTray           *tray;
  MmlNotifier       *notifier;
  MmlBackground     *background;

  gboolean           background_launch;   /* --background, until activate */
  gboolean           background_requested;
  gboolean           held;
  gboolean           in_background;       /* held with no window */
  gboolean           quitting;
  gint64             last_run_at;         /* a background job last ended, 0: not yet */
};

G_DEFINE_FINAL_TYPE (MmlApplication, mml_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "window.close", { "<Primary>w", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.add-series", { "<Primary>n", NULL } },
  { "win.back", { "<Alt>Left", "Back", NULL } },
  { "win.scan", { "<Primary>r", NULL } },
  { "win.refresh", { "<Primary><Shift>r", NULL } },
  { "win.view::dashboard", { "<Primary>1", NULL } },
  { "win.view::series", { "<Primary>2", NULL } },
  { "win.view::wanted", { "<Primary>3", NULL } },
  { "win.view::calendar", { "<Primary>4", NULL } },
  { "win.view::paths", { "<Primary>5", NULL } },
  { "win.view::conflicts", { "<Primary>6", NULL } },
  { "win.view::settings", { "<Primary>7", NULL } },
};

static void
apply_color_scheme (MmlApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
color_scheme_changed_cb (MmlApplication *self,
                         const char     *key,
                         GSettings      *settings)
{
  apply_color_scheme (self);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  MmlApplication *self = MML_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Close the windows rather than only quitting, so that each one saves its
   * state in close-request. */
  self->quitting = TRUE;
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  MmlApplication *self = MML_APPLICATION (user_data);
  static const char *developers[] = { "The My Media Library developers", NULL };
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("My Media Library"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The My Media Library developers"),
                         "developers", developers,
                         "copyright", "© 2026 The My Media Library developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/mml/my-media-library",
                         "issue-url", "https://github.com/mml/my-media-library/issues",
                         /* Translators: replace with your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Whether the application stays when its last window closes: asked for on
 * the command line, or the user's setting */
static void
update_background (MmlApplication *self)
{
  gboolean stay = self->background_requested ||
                  (self->settings != NULL && g_settings_get_boolean (self->settings, "run-in-background"));

  if (stay && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!stay && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = stay;

  /* the jobs keep the library current with no window open; they need the
   * store, so they start once the engine is ready */
  if (stay && mml_engine_get_ready (self->engine))
    mml_scheduler_start (mml_engine_get_scheduler (self->engine));
  else if (!stay)
    mml_scheduler_stop (mml_engine_get_scheduler (self->engine));
}

/* --- the background portal --------------------------------------------- */

/* What the desktop shows while the application runs with no window */
static void
update_background_status (MmlApplication *self)
{
  g_autofree char *text = NULL;

  if (!self->in_background || self->background == NULL)
    return;
  text = mml_format_background_status (self->last_run_at,
                                       self->notifier != NULL ? mml_notifier_get_n_found (self->notifier) : 0);
  mml_background_set_status (self->background, text);
}

/* Held with no window: the portal is asked (and start at login with it) */
static void
enter_background (MmlApplication *self)
{
  if (self->background == NULL || !self->held || self->quitting ||
      gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    return;
  if (!self->in_background && self->notifier != NULL)
    mml_notifier_reset_found (self->notifier);   /* "3 new episodes" since the window closed */
  self->in_background = TRUE;
  mml_background_request (self->background, g_settings_get_boolean (self->settings, "start-at-login"));
  update_background_status (self);
}

static void
window_removed_cb (MmlApplication *self,
                   GtkWindow      *window)
{
  enter_background (self);
}

static void
start_at_login_changed_cb (MmlApplication *self)
{
  if (self->background != NULL)
    mml_background_request (self->background, g_settings_get_boolean (self->settings, "start-at-login"));
}

/* No portal: the autostart file follows the setting from the start, so a
 * file removed by hand comes back while the switch is on */
static void
portal_found_cb (MmlApplication *self)
{
  if (mml_background_get_portal (self->background) == MML_BACKGROUND_PORTAL_ABSENT &&
      g_settings_get_boolean (self->settings, "start-at-login"))
    mml_background_request (self->background, TRUE);
}

static void
background_job_finished_cb (MmlApplication *self,
                            const char     *name,
                            gboolean        ok,
                            const char     *text)
{
  self->last_run_at = mml_clock_get_now (mml_engine_get_clock (self->engine));
  update_background_status (self);
}

/* The webhook receiver runs while the setting is on and the engine is
 * ready; its URL (or why it could not start) is the sync controller's to
 * show */
static void
webhook_listened_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mml_sync_controller_listen_finish (MML_SYNC_CONTROLLER (source), result, &error);

  if (url == NULL)
    g_message ("The webhook receiver could not start: %s", error->message);
}

static void
update_webhooks (MmlApplication *self)
{
  MmlSyncController *sync = mml_engine_get_sync (self->engine);
  gboolean on = self->settings != NULL && g_settings_get_boolean (self->settings, "webhooks");

  mml_sync_controller_stop_listening (sync);
  if (on && mml_engine_get_ready (self->engine))
    {
      g_autofree char *bind = g_settings_get_string (self->settings, "webhook-bind");

      mml_sync_controller_listen_async (sync, bind, (guint) g_settings_get_int (self->settings, "webhook-port"),
                                        NULL, webhook_listened_cb, NULL);
    }
}

/* app.show-view(s): the window (made if need be), on a view: where a
 * notification leads */
static void
show_view_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  MmlApplication *self = MML_APPLICATION (user_data);
  GtkWindow *window;

  self->background_launch = FALSE;
  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string (g_variant_get_string (param, NULL)));
}

/* app.run-job(s): a notification's Retry (a failure notifies again) */
static void
run_job_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  MmlApplication *self = MML_APPLICATION (user_data);

  mml_scheduler_run_now (mml_engine_get_scheduler (self->engine), g_variant_get_string (param, NULL), NULL);
}

static void
move_detail_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree char *folder = user_data;
  g_autoptr(MmlSeriesDetail) detail = NULL;
  g_autoptr(GError) error = NULL;
  GApplication *application = g_application_get_default ();
  MmlTransferDialog *dialog;
  GtkWindow *window;

  detail = mml_library_controller_get_series_detail_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (detail == NULL || !MML_IS_APPLICATION (application))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && MML_IS_APPLICATION (application))
        mml_engine_report_error (MML_APPLICATION (application)->engine, _("Cannot read the series"), error);
      return;
    }
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  dialog = mml_transfer_dialog_new (MML_APPLICATION (application)->engine, detail);
  mml_transfer_dialog_set_move (dialog, TRUE);
  mml_transfer_dialog_set_folder (dialog, folder);
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* app.move-series((xs)): a move rule's suggestion, (series id,
 * destination): the window, and "Copy or Move to…" on Move and the
 * folder, where the user sees what it takes and confirms */
static void
move_series_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  MmlApplication *self = MML_APPLICATION (user_data);
  gint64 series_id;
  const char *folder;

  g_variant_get (param, "(x&s)", &series_id, &folder);
  if (!g_path_is_absolute (folder))
    return;
  self->background_launch = FALSE;
  g_application_activate (G_APPLICATION (self));
  mml_library_controller_get_series_detail_async (mml_engine_get_library (self->engine), series_id, NULL,
                                                  move_detail_cb, g_strdup (folder));
}

static const GActionEntry app_entries[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "show-view", .parameter_type = "s", .activate = show_view_action },
  { .name = "run-job", .parameter_type = "s", .activate = run_job_action },
  { .name = "move-series", .parameter_type = "(xs)", .activate = move_series_action },
};

/* The user's choice; until there is one, the same default as the CLI's
 * ($MML_PROVIDER, else TVmaze) */
static void
primary_provider_changed_cb (MmlApplication *self)
{
  g_autoptr(GVariant) chosen = g_settings_get_user_value (self->settings, "primary-provider");
  MmlMetaProvider kind = mml_metadata_controller_default_provider ();

  if (chosen != NULL && !mml_meta_provider_from_string (g_variant_get_string (chosen, NULL), &kind))
    kind = MML_META_PROVIDER_TVMAZE;
  mml_metadata_controller_set_provider (mml_engine_get_metadata (self->engine), kind);
}

static void
mml_application_startup (GApplication *application)
{
  MmlApplication *self = MML_APPLICATION (application);
  MmlMetadataController *metadata;

  /* AdwApplication loads style.css and GtkApplication the help overlay from
   * the resource base path, which we set explicitly so a .Devel id keeps it */
  G_APPLICATION_CLASS (mml_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  self->settings = g_settings_new (APP_ID_BASE);
  g_signal_connect_object (self->settings,
                           "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  gtk_window_set_default_icon_name (APP_ID);

  /* app.run-in-background, app.notify-*: the switches in Settings */
  {
    static const char * const keys[] = {
      "run-in-background", "start-at-login", "notify-new-episodes", "notify-job-failures", "notify-subtitles",
      "notify-watch-conflicts", "notify-subtitle-quota", "notify-airing-today",
      "notify-move-rules",
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autoptr(GAction) action = g_settings_create_action (self->settings, keys[i]);

        g_action_map_add_action (G_ACTION_MAP (self), action);
      }
  }
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_background), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::ready",
                           G_CALLBACK (update_background), self, G_CONNECT_SWAPPED);

  /* app.webhooks: the receiver's switch in Settings */
  {
    g_autoptr(GAction) webhooks = g_settings_create_action (self->settings, "webhooks");

    g_action_map_add_action (G_ACTION_MAP (self), webhooks);
  }
  g_signal_connect_object (self->settings, "changed::webhooks",
                           G_CALLBACK (update_webhooks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::webhook-port",
                           G_CALLBACK (update_webhooks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::webhook-bind",
                           G_CALLBACK (update_webhooks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::ready",
                           G_CALLBACK (update_webhooks), self, G_CONNECT_SWAPPED);

  /* The engine follows the user's settings; the keys stay in the keyring */
  metadata = mml_engine_get_metadata (self->engine);
  g_signal_connect_object (self->settings, "changed::primary-provider",
                           G_CALLBACK (primary_provider_changed_cb), self, G_CONNECT_SWAPPED);
  primary_provider_changed_cb (self);
  g_settings_bind (self->settings, "refresh-interval-hours", metadata, "refresh-interval",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "last-refresh", metadata, "last-refresh",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "activity-keep-days", mml_engine_get_scheduler (self->engine),
                   "activity-keep-days", G_SETTINGS_BIND_GET);

  /* The store opens on its own thread; the views fill in when it is ready */
  mml_engine_open (self->engine);

  /* The tray, where the desktop has a StatusNotifierWatcher */
  if (g_application_get_dbus_connection (application) != NULL)
    self->tray = mml_tray_new (application, self->engine,
                               g_application_get_dbus_connection (application));
  self->notifier = mml_notifier_new (application, self->engine, self->settings);

  /* The background portal (or the autostart file where none answers) */
  self->background = mml_background_new (g_application_get_dbus_connection (application), APP_ID);
  g_signal_connect_object (self->background, "notify::portal",
                           G_CALLBACK (portal_found_cb), self, G_CONNECT_SWAPPED);
  mml_background_probe (self->background);
  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (start_at_login_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "window-removed",
                           G_CALLBACK (window_removed_cb), self, G_CONNECT_AFTER | G_CONNECT_SWAPPED);
  g_signal_connect_object (mml_engine_get_scheduler (self->engine), "job-finished",
                           G_CALLBACK (background_job_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "notify::n-found",
                           G_CALLBACK (update_background_status), self, G_CONNECT_SWAPPED);

  update_background (self);
}

static void
mml_application_shutdown (GApplication *application)
{
  MmlApplication *self = MML_APPLICATION (application);

  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->background);
  if (self->engine != NULL)
    mml_engine_shutdown (self->engine);

  G_APPLICATION_CLASS (mml_application_parent_class)->shutdown (application);
}

static int
mml_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  MmlApplication *self = MML_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "background"))
    return -1;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* already running: it does the background work, with or without a window */
  if (g_application_get_is_remote (application))
    return 0;

  self->background_launch = TRUE;
  return -1;
}

static void
mml_application_activate (GApplication *application)
{
  MmlApplication *self = MML_APPLICATION (application);
  GtkWindow *window;

  /* the activation of `--background` itself opens no window */
  if (self->background_launch)
    {
      self->background_launch = FALSE;
      self->background_requested = TRUE;
      update_background (self);
      enter_background (self);
      return;
    }
  self->in_background = FALSE;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (mml_window_new (MML_APPLICATION (application)));

  gtk_window_present (window);
}

static void
mml_application_dispose (GObject *object)
{
  MmlApplication *self = MML_APPLICATION (object);

  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->background);
  g_clear_object (&self->settings);
  if (self->engine != NULL)
    mml_engine_shutdown (self->engine);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (mml_application_parent_class)->dispose (object);
}

static void
mml_application_class_init (MmlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mml_application_dispose;

  application_class->startup = mml_application_startup;
  application_class->activate = mml_application_activate;
  application_class->handle_local_options = mml_application_handle_local_options;
  application_class->shutdown = mml_application_shutdown;
}

static void
mml_application_init (MmlApplication *self)
{
  /* Made here, not at start-up, so whoever runs the application (tests,
   * main()) can configure it first. mml_default_db_path() honours $MML_DB. */
  self->engine = mml_engine_new (NULL);
  mml_engine_set_watch (self->engine, TRUE);
  mml_engine_set_wait_for_network (self->engine, TRUE);

  g_application_add_main_option (G_APPLICATION (self), "background", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Start without a window and keep the library current in the background"),
                                 NULL);
}

/**
 * mml_application_new:
 * @application_id: the application id, normally %APP_ID
 * @flags: application flags (%G_APPLICATION_DEFAULT_FLAGS: single instance)
 *
 * Returns: (transfer full): a new application
 */
MmlApplication *
mml_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (MML_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * mml_application_get_settings:
 * @self: a #MmlApplication
 *
 * Returns: (transfer none) (nullable): the application's settings, once
 *   the application has started up
 */
GSettings *
mml_application_get_settings (MmlApplication *self)
{
  g_return_val_if_fail (MML_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * mml_application_get_engine:
 * @self: a #MmlApplication
 *
 * The engine exists from construction, so whoever runs the application can
 * configure it before start-up opens it.
 *
 * Returns: (transfer none): the application's engine
 */
MmlEngine *
mml_application_get_engine (MmlApplication *self)
{
  g_return_val_if_fail (MML_IS_APPLICATION (self), NULL);

  return self->engine;
}

/**
 * mml_application_get_tray:
 * @self: a #MmlApplication
 *
 * Returns: (transfer none) (nullable): the tray, once the application has
 *   started up on a D-Bus connection
 */
MmlTray *
mml_application_get_tray (MmlApplication *self)
{
  g_return_val_if_fail (MML_IS_APPLICATION (self), NULL);

  return self->tray;
}

/**
 * mml_application_get_notifier:
 *
 * Returns: (transfer none) (nullable): the notifier, once started up
 */
MmlNotifier *
mml_application_get_notifier (MmlApplication *self)
{
  g_return_val_if_fail (MML_IS_APPLICATION (self), NULL);
  return self->notifier;
}

/**
 * mml_application_get_background:
 *
 * Returns: (transfer none) (nullable): the background portal's helper,
 *   once started up
 */
MmlBackground *
mml_application_get_background (MmlApplication *self)
{
  g_return_val_if_fail (MML_IS_APPLICATION (self), NULL);
  return self->background;
}
