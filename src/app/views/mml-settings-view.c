/* mml-settings-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences. Only what works is shown as a control; the groups of features
 * that have not landed say so in plain words.
 *
 * Metadata: the primary provider and the refresh interval are GSettings keys
 * the engine follows. Provider keys go to the keyring only (never GSettings,
 * SQLite or a log line), saved when the user applies an entry row; the
 * fields are never filled back from the keyring. Which keys a provider
 * needs, and the keyring itself, are MmlCredentials'; each provider's Test
 * asks the engine (the key typed, or else the saved one) and shows the
 * answer in its row.
 *
 * Subtitles: the preferred languages, kept in the library database
 * through the subtitles controller (MmlSubtitleLanguagesGroup).
 *
 * History: the journal's batches of file changes, with Undo and the
 * offer to resume or roll back an interrupted one (MmlHistoryGroup).
 *
 * Media Servers: the Plex, Jellyfin and Emby servers watched marks are
 * kept in step with, Sync Now and Add Server… (MmlServersGroup).
 *
 * Background: running with no window, start at login (through the
 * background portal, or an autostart file where none answers, which the
 * row then says: MmlBackground) and the notifications, each a GSettings
 * key behind an app.* action.
 */

#define G_LOG_DOMAIN "mml-settings-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-application.h"
#include "mml-background.h"
#include "mml-format.h"
#include "mml-credentials.h"
#include "mml-settings-view.h"
#include "mml-ui-util.h"
#include "widgets/mml-history-group.h"
#include "widgets/mml-servers-group.h"
#include "widgets/mml-subtitle-account-group.h"
#include "widgets/mml-subtitle-languages-group.h"

#define N_PROVIDERS 3

typedef struct
{
  MmlMetaProvider  kind;
  AdwEntryRow     *key_row;     /* nullable */
  AdwEntryRow     *pin_row;     /* nullable */
  AdwActionRow    *test_row;
  GtkButton       *test_button;
  GtkImage        *test_icon;
  GtkSpinner      *test_spinner;
  GCancellable    *cancellable; /* the test or save in flight */
  GError          *test_error;
  char            *key_status;  /* what the keyring holds, in words */
} ProviderRows;

struct _MmlSettingsView
{
  MmlView            parent_instance;

  GSettings         *settings;
  MmlEngine *engine;   /* the one bound, not owned (MmlView owns it) */
  ProviderRows       providers[N_PROVIDERS];

  AdwComboRow       *style_row;
  AdwActionRow      *start_at_login_row;
  MmlBackground     *background;   /* nullable: no application */
  AdwComboRow       *provider_row;
  AdwComboRow       *interval_row;
  GtkSpinButton     *activity_days_spin;
  AdwActionRow      *refresh_row;
  GtkButton         *refresh_button;
  MmlSubtitleLanguagesGroup *subtitles_group;
  MmlSubtitleAccountGroup   *subtitle_account_group;
  MmlHistoryGroup           *history_group;
  MmlServersGroup           *servers_group;
  MmlWebhookGroup           *webhook_group;
  MmlMoveRulesGroup         *move_rules_group;
};

G_DEFINE_FINAL_TYPE (MmlSettingsView, mml_settings_view, MML_TYPE_VIEW)

/* Positions in the "Style" combo row, in the order of the .ui file */
static const char * const color_schemes[] = { "default", "light", "dark" };
/* Positions in the "Refresh automatically" combo row */
static const int refresh_hours[] = { 6, 12, 24, 168, 0 };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (scheme, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[position]);
}

static gboolean
provider_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  MmlMetaProvider kind = MML_META_PROVIDER_TVMAZE;

  mml_meta_provider_from_string (g_variant_get_string (variant, NULL), &kind);
  g_value_set_uint (value, kind);
  return TRUE;
}

static GVariant *
provider_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= N_PROVIDERS)
    return NULL;
  return g_variant_new_string (mml_meta_provider_to_string ((MmlMetaProvider) position));
}

static gboolean
interval_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  int hours = g_variant_get_int32 (variant);
  guint best = 2;   /* daily */

  for (guint i = 0; i < G_N_ELEMENTS (refresh_hours); i++)
    if (refresh_hours[i] == hours)
      best = i;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
interval_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (refresh_hours))
    return NULL;
  return g_variant_new_int32 (refresh_hours[position]);
}

/* --- the rows' state ------------------------------------------------------- */

typedef enum {
  STATUS_IDLE,
  STATUS_BUSY,
  STATUS_OK,
  STATUS_FAILED,
} Status;

static void
show_status (ProviderRows *p,
             Status        status,
             const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (p->test_spinner), status == STATUS_BUSY);
  gtk_spinner_set_spinning (p->test_spinner, status == STATUS_BUSY);
  gtk_widget_set_visible (GTK_WIDGET (p->test_icon), status == STATUS_OK || status == STATUS_FAILED);
  gtk_widget_set_sensitive (GTK_WIDGET (p->test_button), status != STATUS_BUSY);

  gtk_widget_remove_css_class (GTK_WIDGET (p->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (p->test_icon), "error");
  if (status == STATUS_OK)
    {
      gtk_image_set_from_icon_name (p->test_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (p->test_icon), "success");
    }
  else if (status == STATUS_FAILED)
    {
      gtk_image_set_from_icon_name (p->test_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (p->test_icon), "error");
    }

  adw_action_row_set_subtitle (p->test_row, text);
  mml_ui_set_tooltip (GTK_WIDGET (p->test_icon), status == STATUS_FAILED ? text : NULL);
}

static void
show_idle (ProviderRows *p)
{
  if (!mml_credentials_needs_key (p->kind))
    show_status (p, STATUS_IDLE, _("No key needed. Test to check that TVmaze answers."));
  else
    show_status (p, STATUS_IDLE, p->key_status ? p->key_status : _("No key saved yet"));
}

static ProviderRows *
provider_for_widget (MmlSettingsView *self,
                     gpointer         widget)
{
  for (guint i = 0; i < N_PROVIDERS; i++)
    {
      ProviderRows *p = &self->providers[i];

      if (widget == p->test_button || widget == p->key_row || widget == p->pin_row)
        return p;
    }
  g_assert_not_reached ();
}

static void
restart (ProviderRows *p)
{
  if (p->cancellable != NULL)
    g_cancellable_cancel (p->cancellable);
  g_clear_object (&p->cancellable);
  p->cancellable = g_cancellable_new ();
}

/* The async steps hold the view and know which provider they are for */
typedef struct
{
  MmlSettingsView *self;
  ProviderRows    *p;
  GCancellable    *cancellable;
  char            *key;
} Step;

static Step *
step_new (MmlSettingsView *self,
          ProviderRows    *p)
{
  Step *step = g_new0 (Step, 1);

  step->self = g_object_ref (self);
  step->p = p;
  step->cancellable = g_object_ref (p->cancellable);
  return step;
}

static void
step_free (Step *step)
{
  g_object_unref (step->self);
  g_object_unref (step->cancellable);
  g_clear_pointer (&step->key, g_free);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static gboolean
step_cancelled (Step *step)
{
  return g_cancellable_is_cancelled (step->cancellable);
}

/* --- what the keyring holds ------------------------------------------------ */

static void
key_status_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  ProviderRows *p = step->p;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderKeys) keys = mml_credentials_lookup_finish (result, &error);

  if (step_cancelled (step))
    return;

  g_free (p->key_status);
  if (error != NULL)
    /* Translators: %s says why, e.g. "No keyring is available: …" */
    p->key_status = g_strdup_printf (_("Cannot read the keyring: %s"), error->message);
  else if (keys->api_key == NULL)
    p->key_status = g_strdup (_("No key saved yet"));
  else if (mml_credentials_from_env (p->kind, "api-key"))
    {
      g_autofree char *env = mml_credentials_env_name (p->kind, "api-key");

      /* Translators: %s is an environment variable, MML_TVDB_API_KEY */
      p->key_status = g_strdup_printf (_("Key set by the %s variable"), env);
    }
  else
    p->key_status = g_strdup (_("Key saved in the keyring"));

  show_idle (p);
}

static void
read_key_status (MmlSettingsView *self,
                 ProviderRows    *p)
{
  if (!mml_credentials_needs_key (p->kind))
    return;

  restart (p);
  mml_credentials_lookup_async (p->kind, p->cancellable, key_status_cb, step_new (self, p));
}

/* --- saving keys --------------------------------------------------------------- */

static void
key_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  ProviderRows *p = step->p;
  g_autoptr(GError) error = NULL;
  gboolean cleared = step->key == NULL;

  if (!mml_credentials_save_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (step_cancelled (step))
        return;
      /* Translators: %s says why */
      text = g_strdup_printf (_("Cannot save the key: %s"), error->message);
      show_status (p, STATUS_FAILED, text);
      return;
    }
  if (step_cancelled (step))
    return;

  g_free (p->key_status);
  p->key_status = g_strdup (cleared ? _("Key removed from the keyring") : _("Key saved in the keyring"));
  show_status (p, STATUS_IDLE, p->key_status);

  if (step->self->engine != NULL)
    mml_metadata_controller_reload_credentials (mml_engine_get_metadata (step->self->engine));
}

static void
key_applied_cb (MmlSettingsView *self,
                AdwEntryRow     *row)
{
  ProviderRows *p = provider_for_widget (self, row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  const char *field = row == p->pin_row ? "pin" : "api-key";
  g_autofree char *value = g_strstrip (g_strdup (text));
  Step *step;

  restart (p);
  step = step_new (self, p);
  show_status (p, STATUS_BUSY, _("Saving…"));
  if (value[0] != '\0')
    step->key = g_strdup (value);
  mml_credentials_save_async (p->kind, field, value, p->cancellable, key_saved_cb, step);
}

/* --- testing -------------------------------------------------------------------- */

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  ProviderRows *p = step->p;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  mml_metadata_controller_test_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (step_cancelled (step))
    return;

  g_clear_error (&p->test_error);
  if (error != NULL)
    {
      p->test_error = g_error_copy (error);
      show_status (p, STATUS_FAILED, error->message);
      return;
    }

  /* Translators: %s is a provider, TheTVDB */
  text = g_strdup_printf (_("Connected to %s"), mml_meta_provider_display_name (p->kind));
  show_status (p, STATUS_OK, text);
}

/* Tests the key typed, or else the saved one, on an HTTP layer that fails
 * at once when offline */
static void
test_clicked_cb (MmlSettingsView *self,
                 GtkButton       *button)
{
  ProviderRows *p = provider_for_widget (self, button);
  g_autofree char *key = p->key_row ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (p->key_row)))) : NULL;
  g_autofree char *pin = p->pin_row ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (p->pin_row)))) : NULL;

  if (self->engine == NULL)
    return;

  restart (p);
  show_status (p, STATUS_BUSY, _("Testing…"));
  mml_metadata_controller_test_async (mml_engine_get_metadata (self->engine), p->kind, key, pin,
                                      p->cancellable, tested_cb, step_new (self, p));
}

/* --- refresh --------------------------------------------------------------------- */

static void
update_refresh_row (MmlSettingsView *self)
{
  gboolean busy = self->engine != NULL && mml_metadata_controller_get_busy (mml_engine_get_metadata (self->engine));
  gint64 last = g_settings_get_int64 (self->settings, "last-refresh");
  g_autofree char *text = NULL;

  if (busy && mml_metadata_controller_get_text (mml_engine_get_metadata (self->engine)) != NULL)
    text = g_strdup (mml_metadata_controller_get_text (mml_engine_get_metadata (self->engine)));
  else if (last > 0)
    {
      g_autofree char *when = mml_format_timestamp (last);

      /* Translators: %s is a time, "Today at 14:02" or "3 March 2026" */
      text = g_strdup_printf (_("Last refreshed: %s"), when);
    }
  else
    text = g_strdup (_("Not refreshed yet"));

  adw_action_row_set_subtitle (self->refresh_row, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), self->engine != NULL && !busy);
}

static void
refresh_clicked_cb (MmlSettingsView *self,
                    GtkButton       *button)
{
  if (self->engine == NULL)
    return;

  mml_metadata_controller_refresh (mml_engine_get_metadata (self->engine), FALSE, 0);
  update_refresh_row (self);
}

static void
engine_meta_cb (MmlSettingsView   *self,
                 GParamSpec        *pspec,
                 gpointer  emitter)
{
  update_refresh_row (self);
}

static void
last_refresh_changed_cb (MmlSettingsView *self,
                         const char      *key,
                         GSettings       *settings)
{
  update_refresh_row (self);
}

/* --- start at login --------------------------------------------------------------- */

static void
update_start_at_login_row (MmlSettingsView *self)
{
  if (self->background != NULL && mml_background_get_portal (self->background) == MML_BACKGROUND_PORTAL_ABSENT)
    adw_action_row_set_subtitle (self->start_at_login_row, _("No background portal: starts through an autostart file"));
  else
    adw_action_row_set_subtitle (self->start_at_login_row, _("Starts in the background when you log in"));
}

/* --- MmlView ------------------------------------------------------------------- */

static void
mml_settings_view_engine_changed (MmlView *view)
{
  MmlSettingsView *self = MML_SETTINGS_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);

  self->engine = engine;
  mml_subtitle_languages_group_set_engine (self->subtitles_group, engine);
  mml_subtitle_account_group_set_engine (self->subtitle_account_group, engine);
  mml_history_group_set_engine (self->history_group, engine);
  mml_servers_group_set_engine (self->servers_group, engine);
  mml_webhook_group_set_engine (self->webhook_group, engine);
  mml_move_rules_group_set_engine (self->move_rules_group, engine);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_engine_get_metadata (engine), "notify::busy",
                               G_CALLBACK (engine_meta_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_metadata (engine), "notify::text",
                               G_CALLBACK (engine_meta_cb), self, G_CONNECT_SWAPPED);
    }

  update_refresh_row (self);
}

static void
mml_settings_view_dispose (GObject *object)
{
  MmlSettingsView *self = MML_SETTINGS_VIEW (object);

  for (guint i = 0; i < N_PROVIDERS; i++)
    {
      ProviderRows *p = &self->providers[i];

      if (p->cancellable != NULL)
        g_cancellable_cancel (p->cancellable);
      g_clear_object (&p->cancellable);
      g_clear_error (&p->test_error);
      g_clear_pointer (&p->key_status, g_free);
    }

  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_SETTINGS_VIEW);
  g_clear_object (&self->settings);
  g_clear_object (&self->background);

  G_OBJECT_CLASS (mml_settings_view_parent_class)->dispose (object);
}

static void
mml_settings_view_class_init (MmlSettingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_settings_view_dispose;
  view_class->engine_changed = mml_settings_view_engine_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-settings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, style_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, start_at_login_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, provider_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, interval_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, activity_days_spin);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, refresh_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, subtitles_group);
  g_type_ensure (MML_TYPE_SUBTITLE_LANGUAGES_GROUP);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, subtitle_account_group);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, history_group);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, servers_group);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, webhook_group);
  gtk_widget_class_bind_template_child (widget_class, MmlSettingsView, move_rules_group);
  g_type_ensure (MML_TYPE_SUBTITLE_ACCOUNT_GROUP);
  g_type_ensure (MML_TYPE_HISTORY_GROUP);
  g_type_ensure (MML_TYPE_SERVERS_GROUP);
  g_type_ensure (MML_TYPE_WEBHOOK_GROUP);
  g_type_ensure (MML_TYPE_MOVE_RULES_GROUP);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);

#define BIND_PROVIDER(name, index)                                                          \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_test_row", FALSE,          \
      G_STRUCT_OFFSET (MmlSettingsView, providers[index].test_row));                         \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_test_button", FALSE,       \
      G_STRUCT_OFFSET (MmlSettingsView, providers[index].test_button));                      \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_test_icon", FALSE,         \
      G_STRUCT_OFFSET (MmlSettingsView, providers[index].test_icon));                        \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_test_spinner", FALSE,      \
      G_STRUCT_OFFSET (MmlSettingsView, providers[index].test_spinner))

  BIND_PROVIDER (tvmaze, MML_META_PROVIDER_TVMAZE);
  BIND_PROVIDER (tvdb, MML_META_PROVIDER_TVDB);
  BIND_PROVIDER (tmdb, MML_META_PROVIDER_TMDB);
#undef BIND_PROVIDER

  gtk_widget_class_bind_template_child_full (widget_class, "tvdb_key_row", FALSE,
      G_STRUCT_OFFSET (MmlSettingsView, providers[MML_META_PROVIDER_TVDB].key_row));
  gtk_widget_class_bind_template_child_full (widget_class, "tvdb_pin_row", FALSE,
      G_STRUCT_OFFSET (MmlSettingsView, providers[MML_META_PROVIDER_TVDB].pin_row));
  gtk_widget_class_bind_template_child_full (widget_class, "tmdb_key_row", FALSE,
      G_STRUCT_OFFSET (MmlSettingsView, providers[MML_META_PROVIDER_TMDB].key_row));
}

static void
mml_settings_view_init (MmlSettingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "primary-provider",
                                self->provider_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                provider_get_mapping,
                                provider_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "refresh-interval-hours",
                                self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                interval_get_mapping,
                                interval_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "activity-keep-days", self->activity_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::last-refresh",
                           G_CALLBACK (last_refresh_changed_cb), self, G_CONNECT_SWAPPED);

  /* the application's (one per process; none in some widget tests) */
  if (MML_IS_APPLICATION (g_application_get_default ()) &&
      mml_application_get_background (MML_APPLICATION (g_application_get_default ())) != NULL)
    {
      self->background = g_object_ref (mml_application_get_background (MML_APPLICATION (g_application_get_default ())));
      g_signal_connect_object (self->background, "notify::portal",
                               G_CALLBACK (update_start_at_login_row), self, G_CONNECT_SWAPPED);
    }
  update_start_at_login_row (self);


  for (guint i = 0; i < N_PROVIDERS; i++)
    {
      ProviderRows *p = &self->providers[i];

      p->kind = (MmlMetaProvider) i;
      g_signal_connect_object (p->test_button, "clicked",
                               G_CALLBACK (test_clicked_cb), self, G_CONNECT_SWAPPED);
      if (p->key_row != NULL)
        g_signal_connect_object (p->key_row, "apply",
                                 G_CALLBACK (key_applied_cb), self, G_CONNECT_SWAPPED);
      if (p->pin_row != NULL)
        g_signal_connect_object (p->pin_row, "apply",
                                 G_CALLBACK (key_applied_cb), self, G_CONNECT_SWAPPED);
      show_idle (p);
      read_key_status (self, p);
    }

  update_refresh_row (self);
}

/**
 * mml_settings_view_get_test_button:
 * @kind: a provider
 *
 * Returns: (transfer none): the provider's Test button, for tests
 */
GtkButton *
mml_settings_view_get_test_button (MmlSettingsView *self,
                                   MmlMetaProvider  kind)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  g_return_val_if_fail ((guint) kind < N_PROVIDERS, NULL);

  return self->providers[kind].test_button;
}

/**
 * mml_settings_view_get_key_row:
 * @kind: a provider
 *
 * Returns: (transfer none) (nullable): the provider's key field, for tests
 */
GtkEditable *
mml_settings_view_get_key_row (MmlSettingsView *self,
                               MmlMetaProvider  kind)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  g_return_val_if_fail ((guint) kind < N_PROVIDERS, NULL);

  return self->providers[kind].key_row ? GTK_EDITABLE (self->providers[kind].key_row) : NULL;
}

/**
 * mml_settings_view_get_test_status:
 * @kind: a provider
 * @error: (out) (optional) (transfer none): the last test's error, if it failed
 *
 * Returns: the text the provider's Connection row shows
 */
const char *
mml_settings_view_get_test_status (MmlSettingsView  *self,
                                   MmlMetaProvider   kind,
                                   const GError    **error)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  g_return_val_if_fail ((guint) kind < N_PROVIDERS, NULL);

  if (error != NULL)
    *error = self->providers[kind].test_error;
  return adw_action_row_get_subtitle (self->providers[kind].test_row);
}

/**
 * mml_settings_view_get_testing:
 *
 * Returns: whether the provider's test (or key save) is still running
 */
gboolean
mml_settings_view_get_testing (MmlSettingsView *self,
                               MmlMetaProvider  kind)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), FALSE);
  g_return_val_if_fail ((guint) kind < N_PROVIDERS, FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->providers[kind].test_spinner));
}

/**
 * mml_settings_view_get_subtitles_group:
 *
 * Returns: (transfer none): the Subtitles group, for tests
 */
MmlSubtitleLanguagesGroup *
mml_settings_view_get_subtitles_group (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->subtitles_group;
}

/**
 * mml_settings_view_get_subtitle_account_group:
 *
 * Returns: (transfer none): the OpenSubtitles group, for tests
 */
MmlSubtitleAccountGroup *
mml_settings_view_get_subtitle_account_group (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->subtitle_account_group;
}

/**
 * mml_settings_view_get_history_group:
 *
 * Returns: (transfer none): the History group, for tests
 */
MmlHistoryGroup *
mml_settings_view_get_history_group (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->history_group;
}

/**
 * mml_settings_view_get_servers_group:
 *
 * Returns: (transfer none): the Media Servers group, for tests
 */
MmlServersGroup *
mml_settings_view_get_servers_group (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->servers_group;
}

/**
 * mml_settings_view_get_webhook_group:
 *
 * Returns: (transfer none): the webhook receiver's group
 */
MmlWebhookGroup *
mml_settings_view_get_webhook_group (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->webhook_group;
}

/**
 * mml_settings_view_get_start_at_login_row:
 *
 * Returns: (transfer none): the Start at login row, for tests
 */
AdwActionRow *
mml_settings_view_get_start_at_login_row (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->start_at_login_row;
}

/**
 * mml_settings_view_get_move_rules_group:
 *
 * Returns: (transfer none): the Move by Status group
 */
MmlMoveRulesGroup *
mml_settings_view_get_move_rules_group (MmlSettingsView *self)
{
  g_return_val_if_fail (MML_IS_SETTINGS_VIEW (self), NULL);
  return self->move_rules_group;
}
