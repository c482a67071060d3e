/* mml-server-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Add Media Server", modal over the window. Jellyfin and Emby: the
 * server's address and a user and password (the sign-in gives a token of
 * that user), or the address and an API key. Plex: "Sign In with Plex"
 * asks plex.tv for a PIN, shows its code big with a button that opens
 * the page to enter it on, then waits (spinner, Cancel) until the account
 * is linked and its server added; or, as with the others, an address and a
 * token. Every step is one of the sync controller's async verbs; the
 * dialog closes itself once the server is added (the controller's
 * "changed" tells Settings).
 *
 * Add stays insensitive until what the kind needs is typed; a failure is
 * shown word for word above the fields, and Add (or Sign In) is offered
 * again. Passwords and tokens are read from the fields for the one call
 * and wiped: never logged, never kept. Escape closes (cancelling whatever
 * is in flight); Enter in a field activates Add.
 */

#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-server-dialog.h"
#include "mml-sync-controller.h"

struct _MmlServerDialog
{
  AdwWindow             parent_instance;

  MmlEngine            *engine;        /* NULL once disposed */
  GCancellable         *cancellable;   /* the add, PIN or link in flight */
  MmlServerKind         kind;
  gboolean              adding;        /* an add or a PIN request in flight */
  gboolean              linking;       /* waiting for the PIN to be entered */
  char                 *auth_url;      /* the page the PIN is entered on */
  char                 *error;

  GtkButton            *cancel_button;
  GtkButton            *add_button;
  GtkSpinner           *spinner;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkWidget            *kind_box;
  GtkToggleButton      *plex_toggle;
  GtkToggleButton      *jellyfin_toggle;
  GtkToggleButton      *emby_toggle;
  AdwPreferencesGroup  *plex_group;
  GtkStack             *plex_stack;
  GtkButton            *sign_in_button;
  GtkLabel             *code_label;
  GtkButton            *open_button;
  GtkSpinner           *link_spinner;
  GtkButton            *cancel_sign_in_button;
  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *address_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  AdwEntryRow          *token_row;
  AdwActionRow         *token_switch_row;
  GtkSwitch            *token_switch;
};

G_DEFINE_FINAL_TYPE (MmlServerDialog, mml_server_dialog, ADW_TYPE_WINDOW)

/* --- helpers ------------------------------------------------------------------ */

static MmlSyncController *
controller (MmlServerDialog *self)
{
  return mml_engine_get_sync (self->engine);
}

static void
restart (MmlServerDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* a field's text without surrounding blanks (transfer full) */
static char *
field_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static gboolean
using_token (MmlServerDialog *self)
{
  return gtk_switch_get_active (self->token_switch);
}

/* Plex without a token typed in: the PIN sign-in adds the server */
static gboolean
signing_in_with_pin (MmlServerDialog *self)
{
  return self->kind == MML_SERVER_KIND_PLEX && !using_token (self);
}

static gboolean
filled (MmlServerDialog *self)
{
  g_autofree char *address = field_text (self->address_row);

  if (signing_in_with_pin (self) || *address == '\0')
    return FALSE;
  if (using_token (self))
    return *gtk_editable_get_text (GTK_EDITABLE (self->token_row)) != '\0';
  /* a Jellyfin user may have no password: the user is what is needed */
  {
    g_autofree char *user = field_text (self->user_row);

    return *user != '\0';
  }
}

static void
show_error (MmlServerDialog *self,
            const char      *text)
{
  g_free (self->error);
  self->error = g_strdup (text);
  if (text != NULL)
    gtk_label_set_label (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}

/* Everything that follows the kind, the switch and what is in flight */
static void
update (MmlServerDialog *self)
{
  gboolean plex = self->kind == MML_SERVER_KIND_PLEX;
  gboolean token = using_token (self);
  gboolean busy = self->adding || self->linking;

  gtk_widget_set_visible (GTK_WIDGET (self->plex_group), plex && !token);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), !plex || token);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), !plex && !token);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !plex && !token);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), token);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), plex ? _("Token") : _("API key"));
  if (plex)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_switch_row),
                                     _("Use an address and a token instead"));
      adw_action_row_set_subtitle (self->token_switch_row,
                                   _("The server’s address and the X-Plex-Token of your account"));
      adw_preferences_group_set_description (self->account_group,
                                             _("The address of the server, such as http://nas.local:32400"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_switch_row), _("Use an API key instead"));
      adw_action_row_set_subtitle (self->token_switch_row,
                                   _("A key made in the server’s dashboard, under API Keys"));
      adw_preferences_group_set_description (self->account_group,
                                             _("The address you open the server at, such as http://nas.local:8096"));
    }

  /* GTK warns when a focused text field turns insensitive: the focus
   * leaves the fields while they wait (and comes back on a failure) */
  if (busy)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->account_group)))
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !signing_in_with_pin (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !busy && filled (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->adding);
  gtk_spinner_set_spinning (self->spinner, self->adding);
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_switch_row), !busy);
  gtk_widget_set_sensitive (self->kind_box, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_spinner_set_spinning (self->link_spinner, self->linking);
  gtk_stack_set_visible_child_name (self->plex_stack, self->linking ? "pin" : "start");
}

/* --- adding ------------------------------------------------------------------- */

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MmlServerDialog) self = user_data;
  g_autoptr(MmlServerRow) row = NULL;
  g_autoptr(GError) error = NULL;

  row = mml_sync_controller_add_server_finish (MML_SYNC_CONTROLLER (object), result, &error);
  /* closed, or replaced by another attempt */
  if (self->engine == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->adding = FALSE;
  if (row == NULL)
    {
      show_error (self, error->message);
      update (self);
      /* back to what is most likely to need fixing */
      gtk_widget_grab_focus (GTK_WIDGET (using_token (self) ? self->token_row
                                         : self->kind == MML_SERVER_KIND_PLEX ? self->address_row
                                         : self->password_row));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_clicked_cb (MmlServerDialog *self,
                GtkButton       *button)
{
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;
  char *token = NULL;
  MmlServerAccount account = { 0 };

  if (self->engine == NULL || self->adding || self->linking || !filled (self))
    return;

  address = field_text (self->address_row);
  /* "nas.local:8096" is meant as http:// */
  url = strstr (address, "://") != NULL ? g_strdup (address) : g_strconcat ("http://", address, NULL);
  account.kind = self->kind;
  account.url = url;
  if (using_token (self))
    {
      token = field_text (self->token_row);
      account.token = token;
    }
  else
    {
      user = field_text (self->user_row);
      password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
      account.user = user;
      account.password = password;
    }

  restart (self);
  self->adding = TRUE;
  show_error (self, NULL);
  update (self);
  mml_sync_controller_add_server_async (controller (self), &account, self->cancellable, added_cb,
                                        g_object_ref (self));
  /* the controller has its own copy for the one call */
  wipe (password);
  wipe (token);
}

static void
field_changed_cb (MmlServerDialog *self)
{
  update (self);
}

static void
token_switched_cb (MmlServerDialog *self)
{
  show_error (self, NULL);
  update (self);
}

static void
kind_toggled_cb (MmlServerDialog *self,
                 GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->plex_toggle)
    self->kind = MML_SERVER_KIND_PLEX;
  else if (button == self->emby_toggle)
    self->kind = MML_SERVER_KIND_EMBY;
  else
    self->kind = MML_SERVER_KIND_JELLYFIN;
  show_error (self, NULL);
  update (self);
}

/* --- Plex: the PIN ------------------------------------------------------------- */

static void
linked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlServerDialog) self = user_data;
  g_autoptr(MmlServerRow) row = NULL;
  g_autoptr(GError) error = NULL;

  row = mml_sync_controller_plex_link_finish (MML_SYNC_CONTROLLER (object), result, &error);
  /* closed, or Cancel pressed (which already put the dialog back) */
  if (self->engine == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->linking = FALSE;
  g_clear_pointer (&self->auth_url, g_free);
  if (row == NULL)
    {
      show_error (self, error->message);
      update (self);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pin_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(MmlServerDialog) self = user_data;
  g_autoptr(MmlPlexPin) pin = NULL;
  g_autoptr(GError) error = NULL;

  pin = mml_sync_controller_plex_pin_finish (MML_SYNC_CONTROLLER (object), result, &error);
  if (self->engine == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->adding = FALSE;
  if (pin == NULL)
    {
      show_error (self, error->message);
      update (self);
      return;
    }

  g_free (self->auth_url);
  self->auth_url = g_strdup (pin->auth_url);
  gtk_label_set_label (self->code_label, pin->code);
  /* a short code big; a long ("strong") one on a line if it can */
  gtk_widget_remove_css_class (GTK_WIDGET (self->code_label), "title-1");
  gtk_widget_remove_css_class (GTK_WIDGET (self->code_label), "title-3");
  gtk_widget_add_css_class (GTK_WIDGET (self->code_label),
                            pin->code != NULL && strlen (pin->code) > 12 ? "title-3" : "title-1");
  self->linking = TRUE;
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
  /* the controller keeps what it needs of the PIN */
  mml_sync_controller_plex_link_async (controller (self), pin, NULL, self->cancellable, linked_cb,
                                       g_object_ref (self));
}

static void
sign_in_clicked_cb (MmlServerDialog *self,
                    GtkButton       *button)
{
  if (self->engine == NULL || self->adding || self->linking)
    return;
  restart (self);
  self->adding = TRUE;
  show_error (self, NULL);
  update (self);
  mml_sync_controller_plex_pin_async (controller (self), self->cancellable, pin_cb, g_object_ref (self));
}

static void
cancel_sign_in_clicked_cb (MmlServerDialog *self,
                           GtkButton       *button)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->linking = FALSE;
  g_clear_pointer (&self->auth_url, g_free);
  gtk_label_set_label (self->code_label, "");
  update (self);
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      self->engine != NULL && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    show_error (self, error->message);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

static void
open_clicked_cb (MmlServerDialog *self,
                 GtkButton       *button)
{
  if (self->auth_url == NULL)
    return;
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (self->auth_url);

    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, launched_cb, g_object_ref (self));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri (GTK_WINDOW (self), self->auth_url, GDK_CURRENT_TIME);
#endif
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_server_dialog_dispose (GObject *object)
{
  MmlServerDialog *self = MML_SERVER_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERVER_DIALOG);

  G_OBJECT_CLASS (mml_server_dialog_parent_class)->dispose (object);
}

static void
mml_server_dialog_finalize (GObject *object)
{
  MmlServerDialog *self = MML_SERVER_DIALOG (object);

  g_free (self->auth_url);
  g_free (self->error);

  G_OBJECT_CLASS (mml_server_dialog_parent_class)->finalize (object);
}

static void
mml_server_dialog_class_init (MmlServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_server_dialog_dispose;
  object_class->finalize = mml_server_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, kind_box);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, plex_toggle);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, jellyfin_toggle);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, emby_toggle);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, plex_group);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, plex_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, link_spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, cancel_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, token_switch_row);
  gtk_widget_class_bind_template_child (widget_class, MmlServerDialog, token_switch);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mml_server_dialog_init (MmlServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind = MML_SERVER_KIND_JELLYFIN;
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->add_button));
  update (self);
}

MmlServerDialog *
mml_server_dialog_new (MmlEngine *engine,
                       GtkWindow *parent)
{
  MmlServerDialog *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (MML_TYPE_SERVER_DIALOG, "transient-for", parent, NULL);
  self->engine = g_object_ref (engine);
  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
  return self;
}

void
mml_server_dialog_set_kind (MmlServerDialog *self,
                            const char      *kind)
{
  MmlServerKind value = MML_SERVER_KIND_JELLYFIN;
  gboolean known = mml_server_kind_from_string (kind, &value);

  g_return_if_fail (MML_IS_SERVER_DIALOG (self));
  g_return_if_fail (known);

  gtk_toggle_button_set_active (value == MML_SERVER_KIND_PLEX ? self->plex_toggle
                                : value == MML_SERVER_KIND_EMBY ? self->emby_toggle
                                : self->jellyfin_toggle, TRUE);
}

GtkEditable *
mml_server_dialog_get_field (MmlServerDialog *self,
                             const char      *name)
{
  g_return_val_if_fail (MML_IS_SERVER_DIALOG (self), NULL);

  if (g_strcmp0 (name, "address") == 0)
    return GTK_EDITABLE (self->address_row);
  if (g_strcmp0 (name, "user") == 0)
    return GTK_EDITABLE (self->user_row);
  if (g_strcmp0 (name, "password") == 0)
    return GTK_EDITABLE (self->password_row);
  if (g_strcmp0 (name, "token") == 0)
    return GTK_EDITABLE (self->token_row);
  g_return_val_if_reached (NULL);
}

GtkButton *
mml_server_dialog_get_button (MmlServerDialog *self,
                              const char      *name)
{
  g_return_val_if_fail (MML_IS_SERVER_DIALOG (self), NULL);

  if (g_strcmp0 (name, "add") == 0)
    return self->add_button;
  if (g_strcmp0 (name, "cancel") == 0)
    return self->cancel_button;
  if (g_strcmp0 (name, "sign-in") == 0)
    return self->sign_in_button;
  if (g_strcmp0 (name, "open") == 0)
    return self->open_button;
  if (g_strcmp0 (name, "cancel-sign-in") == 0)
    return self->cancel_sign_in_button;
  g_return_val_if_reached (NULL);
}

GtkSwitch *
mml_server_dialog_get_token_switch (MmlServerDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_DIALOG (self), NULL);
  return self->token_switch;
}

gboolean
mml_server_dialog_get_busy (MmlServerDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_DIALOG (self), FALSE);
  return self->adding || self->linking;
}

const char *
mml_server_dialog_get_error (MmlServerDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_DIALOG (self), NULL);
  return self->error;
}

const char *
mml_server_dialog_get_pin_code (MmlServerDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_DIALOG (self), NULL);
  return self->linking ? gtk_label_get_label (self->code_label) : NULL;
}
