/* mml-subtitle-account-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OpenSubtitles group of Settings: the API key, user name and
 * password, each saved to the keyring when applied (through the
 * subtitles controller; never GSettings, SQLite or a log line, and never
 * filled back from the keyring); Test, which signs in with what is typed
 * (or else what is saved) and says the account's level and downloads
 * left, or exactly what failed; the downloads left today as last told;
 * and how saved subtitles name their language (".heb" or ".he").
 *
 * When no keyring is available the group says so plainly, and a field
 * that could not be saved never reads as saved.
 */

#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-secrets.h"
#include "mml-sidecar-fix-dialog.h"
#include "mml-subtitle-account-group.h"
#include "mml-subtitle-actions.h"
#include "mml-subtitles-controller.h"
#include "mml-ui-util.h"
#include "mml-view.h"

typedef enum {
  STATUS_IDLE,
  STATUS_BUSY,
  STATUS_OK,
  STATUS_FAILED,
} Status;

struct _MmlSubtitleAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  MmlEngine           *engine;
  GCancellable        *cancellable;        /* the test or save in flight */
  GCancellable        *quota_cancellable;
  GCancellable        *style_cancellable;
  Status               status;
  char                *keyring_status;     /* what the keyring holds, in words */
  char                *quota_text;
  gboolean             filling_style;

  AdwEntryRow         *key_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  AdwActionRow        *test_row;
  GtkSpinner          *test_spinner;
  GtkImage            *test_icon;
  GtkButton           *test_button;
  AdwActionRow        *quota_row;
  AdwComboRow         *style_row;
  AdwActionRow        *fix_rtl_row;
  GtkSwitch           *fix_rtl_switch;
  GCancellable        *fix_cancellable;
  GtkWidget           *fix_dialog;         /* (nullable): the preview open (weak) */
  gboolean             filling_fix;
};

G_DEFINE_FINAL_TYPE (MmlSubtitleAccountGroup, mml_subtitle_account_group, ADW_TYPE_PREFERENCES_GROUP)

/* --- helpers ------------------------------------------------------------------ */

static void
restart (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
show_status (MmlSubtitleAccountGroup *self,
             Status                   status,
             const char              *text)
{
  self->status = status;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), status == STATUS_BUSY);
  gtk_spinner_set_spinning (self->test_spinner, status == STATUS_BUSY);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), status == STATUS_OK || status == STATUS_FAILED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), status != STATUS_BUSY && self->engine != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  if (status == STATUS_OK)
    {
      gtk_image_set_from_icon_name (self->test_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), "success");
    }
  else if (status == STATUS_FAILED)
    {
      gtk_image_set_from_icon_name (self->test_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), "error");
    }
  adw_action_row_set_subtitle (self->test_row, text);
  mml_ui_set_tooltip (GTK_WIDGET (self->test_icon), status == STATUS_FAILED ? text : NULL);
}

static char *
field_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
row_field (MmlSubtitleAccountGroup *self,
           AdwEntryRow             *row)
{
  if (row == self->key_row)
    return "api-key";
  if (row == self->user_row)
    return "user";
  return "password";
}

/* "No keyring is available" said plainly, whatever the service's words */
static char *
keyring_problem (const GError *error)
{
  if (g_error_matches (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE))
    /* Translators: %s is the technical reason */
    return g_strdup_printf (_("No keyring is available, so nothing can be saved (%s). "
                              "Set $MML_OPENSUBTITLES_API_KEY instead."), error->message);
  if (g_error_matches (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_LOCKED))
    return g_strdup (_("The keyring is locked: unlock it to save or read the account."));
  /* Translators: %s says why */
  return g_strdup_printf (_("Cannot use the keyring: %s"), error->message);
}

/* --- what the keyring holds ---------------------------------------------------- */

static void
account_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSubtitleAccountState) account = NULL;

  account = mml_subtitles_controller_read_account_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_free (self->keyring_status);
  if (account == NULL)
    self->keyring_status = keyring_problem (error);
  else if (!account->has_api_key)
    self->keyring_status = g_strdup (_("No API key saved yet: type yours above and press Enter"));
  else if (account->api_key_from_env)
    self->keyring_status = g_strdup (_("API key set by the MML_OPENSUBTITLES_API_KEY variable"));
  else if (account->username != NULL && account->has_password)
    /* Translators: %s is a user name */
    self->keyring_status = g_strdup_printf (_("API key and account of %s saved in the keyring"), account->username);
  else
    self->keyring_status = g_strdup (_("API key saved in the keyring; no account (fewer downloads a day)"));

  if (self->status == STATUS_IDLE || self->status == STATUS_BUSY)
    show_status (self, STATUS_IDLE, self->keyring_status);
}

static void
read_keys (MmlSubtitleAccountGroup *self)
{
  restart (&self->cancellable);
  show_status (self, STATUS_BUSY, _("Reading the keyring…"));
  mml_subtitles_controller_read_account_async (mml_engine_get_subtitles (self->engine), self->cancellable,
                                               account_read_cb, g_object_ref (self));
}

/* --- the quota ---------------------------------------------------------------- */

static void
quota_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  MmlSubtitleQuotaState quota = { -1, 0, 0 };
  g_autofree char *when = NULL;

  if (!mml_subtitles_controller_get_quota_finish (MML_SUBTITLES_CONTROLLER (object), result, &quota, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->quota_text);
      self->quota_text = g_strdup (error->message);
      adw_action_row_set_subtitle (self->quota_row, self->quota_text);
      return;
    }

  when = mml_subtitle_quota_reset_text (quota.reset_at);
  g_free (self->quota_text);
  if (quota.left < 0)
    self->quota_text = g_strdup (_("Not known yet: the service tells with each download, or press Test"));
  else if (quota.left == 0 && when != NULL)
    /* Translators: %s is a local time, "01:00" */
    self->quota_text = g_strdup_printf (_("No downloads left today; they reset at %s"), when);
  else if (when != NULL)
    /* Translators: %d downloads; %s is a local time, "01:00" */
    self->quota_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%d download left today; the count resets at %s",
                                                     "%d downloads left today; the count resets at %s",
                                                     quota.left), quota.left, when);
  else
    self->quota_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d download left today",
                                                     "%d downloads left today", quota.left), quota.left);
  adw_action_row_set_subtitle (self->quota_row, self->quota_text);
}

static void
read_quota (MmlSubtitleAccountGroup *self)
{
  if (self->engine == NULL)
    return;
  restart (&self->quota_cancellable);
  mml_subtitles_controller_get_quota_async (mml_engine_get_subtitles (self->engine), self->quota_cancellable,
                                            quota_read_cb, g_object_ref (self));
}

static void
subtitles_changed_cb (MmlSubtitleAccountGroup *self,
                      MmlSubtitlesController  *controller)
{
  read_quota (self);
}

/* A download that failed for the quota changes no file, so no "changed"
 * follows it: the count is read again whenever Settings comes into view */
static void
mapped_cb (MmlSubtitleAccountGroup *self)
{
  read_quota (self);
}

/* --- the code style ------------------------------------------------------------- */

static void
style_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  MmlSubtitleCodeStyle style;

  style = mml_subtitles_controller_get_code_style_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->filling_style = TRUE;
  adw_combo_row_set_selected (self->style_row, style == MML_SUBTITLE_CODE_ISO639_1 ? 1 : 0);
  self->filling_style = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), TRUE);
}

static void
style_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_subtitles_controller_set_code_style_finish (MML_SUBTITLES_CONTROLLER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Cannot save: %s"), error->message);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->style_row), text);
    }
}

static void
style_selected_cb (MmlSubtitleAccountGroup *self,
                   GParamSpec              *pspec,
                   AdwComboRow             *row)
{
  if (self->filling_style || self->engine == NULL)
    return;
  restart (&self->style_cancellable);
  mml_subtitles_controller_set_code_style_async (mml_engine_get_subtitles (self->engine),
                                                 adw_combo_row_get_selected (row) == 1
                                                 ? MML_SUBTITLE_CODE_ISO639_1 : MML_SUBTITLE_CODE_ISO639_2B,
                                                 self->style_cancellable, style_saved_cb, g_object_ref (self));
}

/* --- the RTL punctuation fix ------------------------------------------------------ */

static void
fix_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean fix;

  fix = mml_subtitles_controller_get_fix_rtl_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->filling_fix = TRUE;
  gtk_switch_set_active (self->fix_rtl_switch, fix);
  self->filling_fix = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->fix_rtl_row), TRUE);
}

static void
fix_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_subtitles_controller_set_fix_rtl_finish (MML_SUBTITLES_CONTROLLER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Cannot save: %s"), error->message);

      adw_action_row_set_subtitle (self->fix_rtl_row, text);
    }
}

static void
fix_toggled_cb (MmlSubtitleAccountGroup *self,
                GParamSpec              *pspec,
                GtkSwitch               *toggle)
{
  if (self->filling_fix || self->engine == NULL)
    return;
  restart (&self->fix_cancellable);
  mml_subtitles_controller_set_fix_rtl_async (mml_engine_get_subtitles (self->engine),
                                              gtk_switch_get_active (toggle),
                                              self->fix_cancellable, fix_saved_cb, g_object_ref (self));
}

/* --- changing the files already saved ------------------------------------------ */

static void
files_fixed_cb (MmlSubtitleAccountGroup *self,
                guint                    done,
                MmlSidecarFixDialog     *dialog)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), MML_TYPE_VIEW);
  g_autofree char *text = NULL;

  if (view == NULL)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subtitle file changed", "%u subtitle files changed", done),
                          done);
  mml_view_add_toast (MML_VIEW (view), adw_toast_new (text));
}

/* account.fix-files(u): a preview of one MmlSidecarFix, then the change */
static void
fix_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MmlSubtitleAccountGroup *self = MML_SUBTITLE_ACCOUNT_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  guint32 fix = g_variant_get_uint32 (param);
  MmlSidecarFixDialog *dialog;

  if (self->engine == NULL || fix > MML_SIDECAR_FIX_HEBREW_NAMES)
    return;
  dialog = mml_sidecar_fix_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->engine, fix);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (files_fixed_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->fix_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- saving --------------------------------------------------------------------- */

typedef struct
{
  MmlSubtitleAccountGroup *self;
  const char              *field;
  gboolean                 cleared;
} Save;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Save *save = user_data;
  g_autoptr(MmlSubtitleAccountGroup) self = save->self;
  g_autoptr(GError) error = NULL;
  const char *field = save->field;
  gboolean cleared = save->cleared;

  g_free (save);
  if (!mml_subtitles_controller_save_account_finish (MML_SUBTITLES_CONTROLLER (object), result, &error))
    {
      g_autofree char *problem = NULL;
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      problem = keyring_problem (error);
      /* Translators: %s says why, e.g. "No keyring is available…" */
      text = g_strdup_printf (_("Not saved. %s"), problem);
      show_status (self, STATUS_FAILED, text);
      return;
    }

  g_free (self->keyring_status);
  if (g_str_equal (field, "api-key"))
    self->keyring_status = g_strdup (cleared ? _("API key removed from the keyring") : _("API key saved in the keyring"));
  else if (g_str_equal (field, "user"))
    self->keyring_status = g_strdup (cleared ? _("User name removed from the keyring") : _("User name saved in the keyring"));
  else
    self->keyring_status = g_strdup (cleared ? _("Password removed from the keyring") : _("Password saved in the keyring"));
  show_status (self, STATUS_IDLE, self->keyring_status);
}

static void
field_applied_cb (MmlSubtitleAccountGroup *self,
                  AdwEntryRow             *row)
{
  g_autofree char *value = field_text (row);
  Save *save;

  if (self->engine == NULL)
    return;

  restart (&self->cancellable);
  save = g_new0 (Save, 1);
  save->self = g_object_ref (self);
  save->field = row_field (self, row);
  save->cleared = value[0] == '\0';
  show_status (self, STATUS_BUSY, _("Saving…"));
  mml_subtitles_controller_save_account_async (mml_engine_get_subtitles (self->engine), save->field, value,
                                               self->cancellable, saved_cb, save);
}

/* --- testing ---------------------------------------------------------------------- */

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlSubtitleAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSubtitleAccount) account = NULL;
  g_autoptr(GString) text = NULL;

  account = mml_subtitles_controller_test_account_finish (MML_SUBTITLES_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (account == NULL)
    {
      show_status (self, STATUS_FAILED, error->message);
      return;
    }

  text = g_string_new (NULL);
  /* Translators: %s is a user name */
  g_string_append_printf (text, _("Signed in as %s"), account->username ? account->username : "");
  if (account->level != NULL)
    {
      g_string_append (text, " · ");
      /* Translators: %s is the account's level on OpenSubtitles, "Sub leecher" */
      g_string_append_printf (text, _("Level: %s"), account->level);
    }
  if (account->vip)
    g_string_append_printf (text, " · %s", _("VIP"));
  if (account->remaining_downloads >= 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d download left today",
                                                 "%d downloads left today", account->remaining_downloads),
                              account->remaining_downloads);
    }
  show_status (self, STATUS_OK, text->str);
  read_quota (self);
}

static void
test_clicked_cb (MmlSubtitleAccountGroup *self,
                 GtkButton               *button)
{
  g_autofree char *key = field_text (self->key_row);
  g_autofree char *user = field_text (self->user_row);
  g_autofree char *password = field_text (self->password_row);

  if (self->engine == NULL)
    return;

  restart (&self->cancellable);
  show_status (self, STATUS_BUSY, _("Signing in…"));
  mml_subtitles_controller_test_account_async (mml_engine_get_subtitles (self->engine), key, user, password,
                                               self->cancellable, tested_cb, g_object_ref (self));
}

/* --- GObject ------------------------------------------------------------------------ */

static void
mml_subtitle_account_group_dispose (GObject *object)
{
  MmlSubtitleAccountGroup *self = MML_SUBTITLE_ACCOUNT_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->quota_cancellable != NULL)
    g_cancellable_cancel (self->quota_cancellable);
  if (self->style_cancellable != NULL)
    g_cancellable_cancel (self->style_cancellable);
  if (self->fix_cancellable != NULL)
    g_cancellable_cancel (self->fix_cancellable);
  g_clear_weak_pointer (&self->fix_dialog);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->quota_cancellable);
  g_clear_object (&self->style_cancellable);
  g_clear_object (&self->fix_cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_subtitles (self->engine), self);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SUBTITLE_ACCOUNT_GROUP);

  G_OBJECT_CLASS (mml_subtitle_account_group_parent_class)->dispose (object);
}

static void
mml_subtitle_account_group_finalize (GObject *object)
{
  MmlSubtitleAccountGroup *self = MML_SUBTITLE_ACCOUNT_GROUP (object);

  g_free (self->keyring_status);
  g_free (self->quota_text);

  G_OBJECT_CLASS (mml_subtitle_account_group_parent_class)->finalize (object);
}

static void
mml_subtitle_account_group_class_init (MmlSubtitleAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_subtitle_account_group_dispose;
  object_class->finalize = mml_subtitle_account_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-subtitle-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, user_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, password_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, test_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, test_icon);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, test_button);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, quota_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, style_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, fix_rtl_row);
  gtk_widget_class_bind_template_child (widget_class, MmlSubtitleAccountGroup, fix_rtl_switch);
  gtk_widget_class_install_action (widget_class, "account.fix-files", "u", fix_files_action);
  gtk_widget_class_bind_template_callback (widget_class, field_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
}

static void
mml_subtitle_account_group_init (MmlSubtitleAccountGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), FALSE);
  g_signal_connect_object (self->style_row, "notify::selected",
                           G_CALLBACK (style_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fix_rtl_row), FALSE);
  g_signal_connect_object (self->fix_rtl_switch, "notify::active",
                           G_CALLBACK (fix_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  self->quota_text = g_strdup (_("Not known yet: the service tells with each download, or press Test"));
  adw_action_row_set_subtitle (self->quota_row, self->quota_text);
  show_status (self, STATUS_IDLE, "");
}

void
mml_subtitle_account_group_set_engine (MmlSubtitleAccountGroup *self,
                                       MmlEngine               *engine)
{
  g_return_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_engine_get_subtitles (self->engine), self);
  g_set_object (&self->engine, engine);
  if (engine == NULL)
    {
      show_status (self, STATUS_IDLE, "");
      return;
    }

  g_signal_connect_object (mml_engine_get_subtitles (engine), "changed",
                           G_CALLBACK (subtitles_changed_cb), self, G_CONNECT_SWAPPED);
  read_keys (self);
  read_quota (self);
  restart (&self->style_cancellable);
  mml_subtitles_controller_get_code_style_async (mml_engine_get_subtitles (engine), self->style_cancellable,
                                                 style_read_cb, g_object_ref (self));
  restart (&self->fix_cancellable);
  mml_subtitles_controller_get_fix_rtl_async (mml_engine_get_subtitles (engine), self->fix_cancellable,
                                              fix_read_cb, g_object_ref (self));
}

/**
 * mml_subtitle_account_group_get_fix_dialog:
 *
 * Returns: (transfer none) (nullable): the preview of a change to the
 *   saved subtitle files, while it is open, for tests
 */
MmlSidecarFixDialog *
mml_subtitle_account_group_get_fix_dialog (MmlSubtitleAccountGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);
  return self->fix_dialog != NULL ? MML_SIDECAR_FIX_DIALOG (self->fix_dialog) : NULL;
}

GtkSwitch *
mml_subtitle_account_group_get_fix_rtl_switch (MmlSubtitleAccountGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);
  return self->fix_rtl_switch;
}

GtkButton *
mml_subtitle_account_group_get_test_button (MmlSubtitleAccountGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);
  return self->test_button;
}

GtkEditable *
mml_subtitle_account_group_get_field (MmlSubtitleAccountGroup *self,
                                      const char              *field)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);

  if (g_strcmp0 (field, "api-key") == 0)
    return GTK_EDITABLE (self->key_row);
  if (g_strcmp0 (field, "user") == 0)
    return GTK_EDITABLE (self->user_row);
  return GTK_EDITABLE (self->password_row);
}

gboolean
mml_subtitle_account_group_get_busy (MmlSubtitleAccountGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), FALSE);
  return self->status == STATUS_BUSY;
}

const char *
mml_subtitle_account_group_get_status (MmlSubtitleAccountGroup *self,
                                       gboolean                *failed)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);

  if (failed != NULL)
    *failed = self->status == STATUS_FAILED;
  return adw_action_row_get_subtitle (self->test_row);
}

const char *
mml_subtitle_account_group_get_quota_text (MmlSubtitleAccountGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);
  return self->quota_text;
}

AdwComboRow *
mml_subtitle_account_group_get_style_row (MmlSubtitleAccountGroup *self)
{
  g_return_val_if_fail (MML_IS_SUBTITLE_ACCOUNT_GROUP (self), NULL);
  return self->style_row;
}
