/* mml-servers-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Media Servers group of Settings: one row per Plex, Jellyfin or Emby
 * server watched marks are kept in step with, saying what it is, whose
 * account, when it was last synced and what the sync found (or its last
 * error, in the error style), with Test and Remove (after a confirmation);
 * "Sync Now" syncs every server, with a spinner while it runs, and a
 * server that failed gets an error line with Retry; "Add Server…" opens
 * MmlServerDialog. With no server, a row says what the group is for.
 *
 * Every read and change is one of the sync controller's async verbs; the
 * group reads the servers again when it is shown and whenever the
 * controller says they (or the marks) changed. Tokens never pass through
 * here: the controller keeps them in the keyring.
 */

#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-servers-group.h"
#include "mml-sync-controller.h"

/* how often "synced 5 minutes ago" is brought up to date */
#define TICK_SECONDS 30

typedef enum {
  RETRY_LOAD,
  RETRY_SYNC,
  RETRY_REMOVE,
} RetryWhat;

typedef struct
{
  gint64        id;
  AdwActionRow *row;            /* owned by the group */
  GtkImage     *icon;
  GtkSpinner   *spinner;
  GtkButton    *test_button;
  GtkButton    *folders_button;
  GtkButton    *remove_button;
} Shown;

/* What the last Test of a server said */
typedef struct
{
  gboolean  ok;
  char     *text;
} Note;

struct _MmlServersGroup
{
  AdwPreferencesGroup  parent_instance;

  MmlEngine           *engine;
  GCancellable        *cancellable;   /* the read in flight */
  GCancellable        *actions;       /* tests, removals and syncs; cancelled when the group goes */
  GPtrArray           *servers;       /* MmlServerRow, as last read */
  GArray              *shown;         /* Shown, one per server */
  GHashTable          *testing;       /* gint64 id → TRUE */
  GHashTable          *removing;      /* gint64 id → TRUE */
  GHashTable          *notes;         /* gint64 id → Note */
  gboolean             loading;
  gboolean             syncing;
  char                *error;
  RetryWhat            retry;
  gint64               retry_id;
  guint                tick;

  AdwMessageDialog    *confirmation;  /* weak */
  MmlServerDialog     *dialog;        /* weak */
  GtkWidget           *folders;       /* (nullable): the Folders window open (weak) */

  GtkSpinner          *spinner;
  GtkButton           *sync_button;
  GtkButton           *add_button;
  AdwActionRow        *error_row;
  GtkButton           *retry_button;
  AdwActionRow        *empty_row;
};

G_DEFINE_FINAL_TYPE (MmlServersGroup, mml_servers_group, ADW_TYPE_PREFERENCES_GROUP)

/* --- helpers ------------------------------------------------------------------ */

static MmlSyncController *
controller (MmlServersGroup *self)
{
  return mml_engine_get_sync (self->engine);
}

static void
note_free (Note *note)
{
  g_free (note->text);
  g_free (note);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
has_id (GHashTable *set,
        gint64      id)
{
  return g_hash_table_contains (set, &id);
}

static const MmlServerRow *
server_at (MmlServersGroup *self,
           guint            index)
{
  return g_ptr_array_index (self->servers, index);
}

static const char *
server_name (MmlServersGroup *self,
             gint64           id)
{
  for (guint i = 0; self->servers != NULL && i < self->servers->len; i++)
    if (server_at (self, i)->id == id && server_at (self, i)->name != NULL)
      return server_at (self, i)->name;
  return "";
}

static void
show_error (MmlServersGroup *self,
            const char      *title,
            const char      *text,
            RetryWhat        retry,
            gint64           retry_id)
{
  g_free (self->error);
  self->error = g_strdup (text);
  self->retry = retry;
  self->retry_id = retry_id;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), title);
  adw_action_row_set_subtitle (self->error_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
}

static void
clear_error (MmlServersGroup *self)
{
  g_clear_pointer (&self->error, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
}

/* "synced just now", "synced 5 minutes ago", "synced 3 days ago" */
static char *
synced_text (gint64 at)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 ago = MAX (now - at, 0);
  guint n;

  if (at <= 0)
    return g_strdup (_("not synced yet"));
  if (ago < 60)
    return g_strdup (_("synced just now"));
  if (ago < 3600)
    {
      n = (guint) (ago / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "synced %u minute ago", "synced %u minutes ago", n), n);
    }
  if (ago < 86400)
    {
      n = (guint) (ago / 3600);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "synced %u hour ago", "synced %u hours ago", n), n);
    }
  n = (guint) (ago / 86400);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "synced %u day ago", "synced %u days ago", n), n);
}

static guint
summary_count (JsonObject *summary,
               const char *name)
{
  if (summary == NULL)
    return 0;
  return (guint) MAX (json_object_get_int_member_with_default (summary, name, 0), 0);
}

/* What the last sync found: "12 series matched · 2 not in the library ·
 * 3 marks taken from the server · 1 mark sent · 1 conflict to resolve"
 * (transfer full) */
static char *
summary_text (const MmlServerRow *server)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *summary = NULL;
  GString *out = g_string_new (NULL);
  guint mapped, unmapped, pulled, pushed, conflicts;

  if (server->last_summary != NULL)
    node = json_from_string (server->last_summary, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    summary = json_node_get_object (node);

  mapped = summary != NULL ? summary_count (summary, "mapped_series") : server->mapped_series;
  unmapped = summary_count (summary, "unmapped_series");
  pulled = summary_count (summary, "pulled");
  pushed = summary_count (summary, "pushed");
  conflicts = summary_count (summary, "conflicts");

  if (mapped > 0)
    /* Translators: series of a media server found in the library */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u series matched", "%u series matched", mapped),
                            mapped);
  if (unmapped > 0)
    {
      if (out->len > 0)
        g_string_append (out, " · ");
      if (mapped > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u not in the library",
                                                  "%u not in the library", unmapped), unmapped);
      else
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u series not in the library",
                                                  "%u series not in the library", unmapped), unmapped);
    }
  if (mapped == 0 && unmapped == 0)
    g_string_append (out, _("No TV series on the server"));
  if (pulled > 0)
    {
      g_string_append (out, " · ");
      /* Translators: watched marks the library took from the server */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u mark taken from the server",
                                                "%u marks taken from the server", pulled), pulled);
    }
  if (pushed > 0)
    {
      g_string_append (out, " · ");
      /* Translators: watched marks sent to the server */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u mark sent", "%u marks sent", pushed), pushed);
    }
  if (conflicts > 0)
    {
      g_string_append (out, " · ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u conflict to resolve", "%u conflicts to resolve",
                                                conflicts), conflicts);
    }
  return g_string_free (out, FALSE);
}

static const char *
kind_label (const char *kind)
{
  MmlServerKind value;

  if (mml_server_kind_from_string (kind, &value))
    return mml_server_kind_get_label (value);
  return kind;
}

/* One row's title, subtitle, icon and buttons, from what was read and what
 * is in flight */
static void
render (MmlServersGroup *self,
        guint            index)
{
  const MmlServerRow *server = server_at (self, index);
  Shown *shown = &g_array_index (self->shown, Shown, index);
  Note *note = g_hash_table_lookup (self->notes, &server->id);
  gboolean testing = has_id (self->testing, server->id);
  gboolean removing = has_id (self->removing, server->id);
  const char *failure = note != NULL && !note->ok ? note->text : server->last_error;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (shown->row), server->name != NULL ? server->name : "");
  if (testing)
    g_string_append (subtitle, _("Testing…"));
  else if (removing)
    g_string_append (subtitle, _("Removing…"));
  else if (failure != NULL && *failure != '\0')
    g_string_append (subtitle, failure);
  else
    {
      g_autofree char *when = synced_text (server->last_sync_at);

      g_string_append (subtitle, kind_label (server->kind));
      if (server->user_name != NULL && *server->user_name != '\0')
        g_string_append_printf (subtitle, " · %s", server->user_name);
      g_string_append_printf (subtitle, " · %s", when);
      if (note != NULL)
        g_string_append_printf (subtitle, "\n%s", note->text);
      else if (server->last_sync_at > 0)
        {
          g_autofree char *counts = summary_text (server);

          g_string_append_printf (subtitle, "\n%s", counts);
        }
    }
  adw_action_row_set_subtitle (shown->row, subtitle->str);

  /* the error style for a failure, on the subtitle only (style.css) */
  if (!testing && !removing && failure != NULL && *failure != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (shown->row), "mml-server-failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (shown->row), "mml-server-failed");

  gtk_widget_set_visible (GTK_WIDGET (shown->spinner), testing || removing);
  gtk_spinner_set_spinning (shown->spinner, testing || removing);
  gtk_widget_remove_css_class (GTK_WIDGET (shown->icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (shown->icon), "error");
  if (testing || removing)
    gtk_widget_set_visible (GTK_WIDGET (shown->icon), FALSE);
  else if (failure != NULL && *failure != '\0')
    {
      gtk_image_set_from_icon_name (shown->icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (shown->icon), "error");
      gtk_widget_set_visible (GTK_WIDGET (shown->icon), TRUE);
    }
  else if (note != NULL)
    {
      gtk_image_set_from_icon_name (shown->icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (shown->icon), "success");
      gtk_widget_set_visible (GTK_WIDGET (shown->icon), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (shown->icon), FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (shown->test_button), !testing && !removing && !self->syncing);
  gtk_widget_set_sensitive (GTK_WIDGET (shown->folders_button), !removing);
  gtk_widget_set_sensitive (GTK_WIDGET (shown->remove_button), !removing && !self->syncing);
}

static void
update_header (MmlServersGroup *self)
{
  gboolean any = self->servers != NULL && self->servers->len > 0;
  gboolean busy = self->loading || self->syncing;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), self->engine != NULL && any && !self->syncing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->engine != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_button), !self->syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), self->servers != NULL && !any);
}

static void
render_all (MmlServersGroup *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    render (self, i);
  update_header (self);
}

/* --- the rows -------------------------------------------------------------------- */

static void test_clicked_cb   (MmlServersGroup *self,
                               GtkButton       *button);
static void folders_clicked_cb (MmlServersGroup *self,
                                GtkButton       *button);
static void remove_clicked_cb (MmlServersGroup *self,
                               GtkButton       *button);

static GtkButton *
row_button (MmlServersGroup *self,
            Shown           *shown,
            const char      *mnemonic,
            const char      *accessible,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "mml-server-id", g_memdup2 (&shown->id, sizeof shown->id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (shown->row, button);
  return GTK_BUTTON (button);
}

static Shown
server_row_new (MmlServersGroup    *self,
                const MmlServerRow *server)
{
  Shown shown = { server->id, NULL, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *test_label = NULL;
  g_autofree char *folders_label = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *icon;
  GtkWidget *spinner;

  shown.row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (shown.row), FALSE);
  adw_action_row_set_subtitle_lines (shown.row, 4);
  adw_action_row_set_icon_name (shown.row, "network-server-symbolic");

  spinner = gtk_spinner_new ();
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (shown.row, spinner);
  shown.spinner = GTK_SPINNER (spinner);
  icon = gtk_image_new ();
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (shown.row, icon);
  shown.icon = GTK_IMAGE (icon);

  /* Translators: %s is a media server's name */
  test_label = g_strdup_printf (_("Test “%s”"), server->name != NULL ? server->name : "");
  shown.test_button = row_button (self, &shown, _("_Test"), test_label, G_CALLBACK (test_clicked_cb));
  /* Translators: %s is a media server's name */
  folders_label = g_strdup_printf (_("Folders of “%s”"), server->name != NULL ? server->name : "");
  shown.folders_button = row_button (self, &shown, _("_Folders…"), folders_label, G_CALLBACK (folders_clicked_cb));
  /* Translators: %s is a media server's name */
  remove_label = g_strdup_printf (_("Remove “%s”"), server->name != NULL ? server->name : "");
  shown.remove_button = row_button (self, &shown, _("_Remove"), remove_label, G_CALLBACK (remove_clicked_cb));
  return shown;
}

static void
clear_rows (MmlServersGroup *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  GTK_WIDGET (g_array_index (self->shown, Shown, i).row));
  g_array_set_size (self->shown, 0);
}

/* The same servers in the same order keep their rows (and the focus) */
static gboolean
same_servers (MmlServersGroup *self,
              GPtrArray       *servers)
{
  if (servers->len != self->shown->len)
    return FALSE;
  for (guint i = 0; i < servers->len; i++)
    {
      const MmlServerRow *server = g_ptr_array_index (servers, i);

      if (server->id != g_array_index (self->shown, Shown, i).id ||
          g_strcmp0 (server->name, self->servers != NULL ? server_at (self, i)->name : NULL) != 0)
        return FALSE;
    }
  return TRUE;
}

/* --- reading --------------------------------------------------------------------- */

static void
servers_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlServersGroup) self = user_data;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;

  servers = mml_sync_controller_list_servers_finish (MML_SYNC_CONTROLLER (object), result, &error);
  /* a read replaced by another, or the group gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->engine == NULL)
    return;
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  if (servers == NULL)
    {
      show_error (self, _("Cannot Read the Servers"), error->message, RETRY_LOAD, 0);
      update_header (self);
      return;
    }
  if (self->error != NULL && self->retry == RETRY_LOAD)
    clear_error (self);

  if (!same_servers (self, servers))
    {
      clear_rows (self);
      for (guint i = 0; i < servers->len; i++)
        {
          Shown shown = server_row_new (self, g_ptr_array_index (servers, i));

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (shown.row));
          g_array_append_val (self->shown, shown);
        }
    }
  g_clear_pointer (&self->servers, g_ptr_array_unref);
  self->servers = g_steal_pointer (&servers);
  render_all (self);
}

void
mml_servers_group_reload (MmlServersGroup *self)
{
  g_return_if_fail (MML_IS_SERVERS_GROUP (self));

  if (self->engine == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_header (self);
  mml_sync_controller_list_servers_async (controller (self), 0, self->cancellable, servers_read_cb,
                                          g_object_ref (self));
}

/* --- one server's verbs ------------------------------------------------------------- */

typedef struct
{
  MmlServersGroup *self;
  gint64           id;
} Op;

static Op *
op_new (MmlServersGroup *self,
        gint64           id)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->id = id;
  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static gint64
button_id (GtkButton *button)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "mml-server-id");

  return id != NULL ? *id : 0;
}

/* --- folders --------------------------------------------------------------------- */

static void
folders_saved_cb (MmlServersGroup *self)
{
  mml_servers_group_reload (self);
}

static void
folders_clicked_cb (MmlServersGroup *self,
                    GtkButton       *button)
{
  gint64 id = button_id (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  MmlServerFoldersDialog *dialog;

  if (self->engine == NULL || self->servers == NULL)
    return;
  for (guint i = 0; i < self->servers->len; i++)
    {
      const MmlServerRow *server = g_ptr_array_index (self->servers, i);

      if (server->id != id)
        continue;
      dialog = mml_server_folders_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->engine, server);
      g_signal_connect_object (dialog, "saved", G_CALLBACK (folders_saved_cb), self, G_CONNECT_SWAPPED);
      g_set_weak_pointer (&self->folders, GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  MmlServersGroup *self = op->self;
  g_autoptr(MmlServerInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Note *note;

  info = mml_sync_controller_test_server_finish (MML_SYNC_CONTROLLER (object), result, &error);
  if (self->engine == NULL)
    return;
  g_hash_table_remove (self->testing, &op->id);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      render_all (self);
      return;
    }

  note = g_new0 (Note, 1);
  note->ok = info != NULL;
  if (info != NULL)
    {
      guint n = info->libraries != NULL ? info->libraries->len : 0;
      g_autofree char *who = NULL;
      g_autofree char *libraries = NULL;

      /* Translators: a media server's name and version, "NAS 10.8.13" */
      who = g_strdup_printf (_("Connected to %s %s"), info->server_name != NULL ? info->server_name : "",
                             info->version != NULL ? info->version : "");
      libraries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u TV library", "%u TV libraries", n), n);
      note->text = g_strdup_printf ("%s · %s", g_strstrip (who), libraries);
    }
  else
    note->text = g_strdup (error->message);
  g_hash_table_replace (self->notes, id_key (op->id), note);
  /* Test wrote what it found (or the error) into the server's row */
  mml_servers_group_reload (self);
}

static void
test_clicked_cb (MmlServersGroup *self,
                 GtkButton       *button)
{
  gint64 id = button_id (button);

  if (self->engine == NULL || id == 0 || has_id (self->testing, id))
    return;
  g_hash_table_remove (self->notes, &id);
  g_hash_table_add (self->testing, id_key (id));
  render_all (self);
  mml_sync_controller_test_server_async (controller (self), id, self->actions, tested_cb, op_new (self, id));
}

static void remove_server (MmlServersGroup *self,
                           gint64           id);

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  MmlServersGroup *self = op->self;
  g_autoptr(GError) error = NULL;

  mml_sync_controller_remove_server_finish (MML_SYNC_CONTROLLER (object), result, &error);
  if (self->engine == NULL)
    return;
  g_hash_table_remove (self->removing, &op->id);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s is a media server's name */
      g_autofree char *title = g_strdup_printf (_("Cannot Remove “%s”"), server_name (self, op->id));

      show_error (self, title, error->message, RETRY_REMOVE, op->id);
    }
  else if (self->error != NULL && self->retry == RETRY_REMOVE && self->retry_id == op->id)
    clear_error (self);
  g_hash_table_remove (self->notes, &op->id);
  mml_servers_group_reload (self);
}

static void
remove_server (MmlServersGroup *self,
               gint64           id)
{
  if (self->engine == NULL || has_id (self->removing, id))
    return;
  g_hash_table_add (self->removing, id_key (id));
  render_all (self);
  mml_sync_controller_remove_server_async (controller (self), id, self->actions, removed_cb, op_new (self, id));
}

static void
confirmation_response_cb (MmlServersGroup  *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "mml-server-id");

  if (g_strcmp0 (response, "remove") == 0 && id != NULL)
    remove_server (self, *id);
}

static void
remove_clicked_cb (MmlServersGroup *self,
                   GtkButton       *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint64 id = button_id (button);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->engine == NULL || id == 0)
    return;

  /* Translators: %s is a media server's name */
  heading = g_strdup_printf (_("Remove “%s”?"), server_name (self, id));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its watched marks are no longer kept in step and its token is "
                                     "removed from the keyring. The library’s own marks stay as they are."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mml-server-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self, G_CONNECT_SWAPPED);

  if (self->confirmation != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->confirmation), (gpointer *) &self->confirmation);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- the sync ---------------------------------------------------------------------- */

static void sync_servers (MmlServersGroup *self,
                          gint64           id);

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlServersGroup) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  MmlSyncReport *failed = NULL;
  guint n_failed = 0;

  reports = mml_sync_controller_sync_finish (MML_SYNC_CONTROLLER (object), result, &error);
  if (self->engine == NULL)
    return;
  self->syncing = FALSE;
  g_hash_table_remove_all (self->notes);

  if (reports == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Cannot Sync"), error->message, RETRY_SYNC, 0);
    }
  else
    {
      for (guint i = 0; i < reports->len; i++)
        {
          MmlSyncReport *report = g_ptr_array_index (reports, i);

          if (report->error != NULL)
            {
              if (failed == NULL)
                failed = report;
              n_failed++;
            }
        }
      if (n_failed == 1)
        {
          /* Translators: %s is a media server's name */
          g_autofree char *title = g_strdup_printf (_("Cannot Sync “%s”"),
                                                    failed->name != NULL ? failed->name
                                                    : server_name (self, failed->server_id));

          show_error (self, title, failed->error, RETRY_SYNC, failed->server_id);
        }
      else if (n_failed > 1)
        {
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Server Could Not Be Synced",
                                                                 "%u Servers Could Not Be Synced", n_failed),
                                                    n_failed);
          /* Translators: a media server's name and the error, "NAS: Connection refused" */
          g_autofree char *text = g_strdup_printf (_("%s: %s"), failed->name != NULL ? failed->name : "",
                                                   failed->error);

          show_error (self, title, text, RETRY_SYNC, 0);
        }
      else if (self->error != NULL && (self->retry == RETRY_SYNC || self->retry == RETRY_LOAD))
        clear_error (self);
    }
  /* the sync wrote each server's time, counts and error */
  mml_servers_group_reload (self);
}

static void
sync_servers (MmlServersGroup *self,
              gint64           id)
{
  if (self->engine == NULL || self->syncing)
    return;
  self->syncing = TRUE;
  render_all (self);
  mml_sync_controller_sync_async (controller (self), id, FALSE, self->actions, synced_cb, g_object_ref (self));
}

/* --- callbacks ----------------------------------------------------------------------- */

static void
sync_clicked_cb (MmlServersGroup *self,
                 GtkButton       *button)
{
  sync_servers (self, 0);
}

static void
retry_clicked_cb (MmlServersGroup *self,
                  GtkButton       *button)
{
  if (self->engine == NULL)
    return;
  switch (self->retry)
    {
    case RETRY_SYNC:
      sync_servers (self, self->retry_id);
      break;
    case RETRY_REMOVE:
      remove_server (self, self->retry_id);
      break;
    case RETRY_LOAD:
    default:
      mml_servers_group_reload (self);
      break;
    }
}

static void
add_clicked_cb (MmlServersGroup *self,
                GtkButton       *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  MmlServerDialog *dialog;

  if (self->engine == NULL)
    return;
  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }
  dialog = mml_server_dialog_new (self->engine, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_changed_cb (MmlServersGroup   *self,
                 MmlSyncController *ctl)
{
  mml_servers_group_reload (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  MmlServersGroup *self = user_data;

  for (guint i = 0; i < self->shown->len; i++)
    render (self, i);
  return G_SOURCE_CONTINUE;
}

static void
mapped_cb (MmlServersGroup *self)
{
  mml_servers_group_reload (self);
  if (self->tick == 0)
    self->tick = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
}

static void
unmapped_cb (MmlServersGroup *self)
{
  g_clear_handle_id (&self->tick, g_source_remove);
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_servers_group_dispose (GObject *object)
{
  MmlServersGroup *self = MML_SERVERS_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->actions != NULL)
    g_cancellable_cancel (self->actions);
  g_clear_object (&self->actions);
  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (controller (self), self);
  g_clear_object (&self->engine);
  if (self->confirmation != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirmation), (gpointer *) &self->confirmation);
      self->confirmation = NULL;
    }
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
    }
  g_clear_weak_pointer (&self->folders);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->servers, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_SERVERS_GROUP);

  G_OBJECT_CLASS (mml_servers_group_parent_class)->dispose (object);
}

static void
mml_servers_group_finalize (GObject *object)
{
  MmlServersGroup *self = MML_SERVERS_GROUP (object);

  g_hash_table_unref (self->testing);
  g_hash_table_unref (self->removing);
  g_hash_table_unref (self->notes);
  g_free (self->error);

  G_OBJECT_CLASS (mml_servers_group_parent_class)->finalize (object);
}

static void
mml_servers_group_class_init (MmlServersGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_servers_group_dispose;
  object_class->finalize = mml_servers_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-servers-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlServersGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlServersGroup, sync_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServersGroup, add_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServersGroup, error_row);
  gtk_widget_class_bind_template_child (widget_class, MmlServersGroup, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MmlServersGroup, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
mml_servers_group_init (MmlServersGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_array_new (FALSE, FALSE, sizeof (Shown));
  self->testing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->removing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->notes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) note_free);
  self->actions = g_cancellable_new ();
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmapped_cb), NULL);
  update_header (self);
}

void
mml_servers_group_set_engine (MmlServersGroup *self,
                              MmlEngine       *engine)
{
  g_return_if_fail (MML_IS_SERVERS_GROUP (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (controller (self), self);
  g_set_object (&self->engine, engine);
  update_header (self);
  if (engine == NULL)
    return;
  g_signal_connect_object (controller (self), "changed", G_CALLBACK (sync_changed_cb), self, G_CONNECT_SWAPPED);
  mml_servers_group_reload (self);
}

gboolean
mml_servers_group_get_busy (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), FALSE);
  return self->loading || self->syncing || g_hash_table_size (self->testing) > 0 ||
         g_hash_table_size (self->removing) > 0;
}

gboolean
mml_servers_group_get_syncing (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), FALSE);
  return self->syncing;
}

guint
mml_servers_group_get_n_servers (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), 0);
  return self->shown->len;
}

gboolean
mml_servers_group_get_shows_empty (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->empty_row));
}

gint64
mml_servers_group_get_server_id (MmlServersGroup *self,
                                 guint            index)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), 0);
  g_return_val_if_fail (index < self->shown->len, 0);
  return g_array_index (self->shown, Shown, index).id;
}

/**
 * mml_servers_group_get_row:
 *
 * Returns: (transfer none): the row of server @index
 */
AdwActionRow *
mml_servers_group_get_row (MmlServersGroup *self,
                           guint            index)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_array_index (self->shown, Shown, index).row;
}

/**
 * mml_servers_group_get_row_button:
 *
 * Returns: (transfer none): the Test or Remove of server @index
 */
GtkButton *
mml_servers_group_get_row_button (MmlServersGroup *self,
                                  guint            index,
                                  const char      *name)
{
  Shown *shown;

  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);

  shown = &g_array_index (self->shown, Shown, index);
  if (g_strcmp0 (name, "test") == 0)
    return shown->test_button;
  if (g_strcmp0 (name, "remove") == 0)
    return shown->remove_button;
  if (g_strcmp0 (name, "folders") == 0)
    return shown->folders_button;
  g_return_val_if_reached (NULL);
}

/**
 * mml_servers_group_get_button:
 *
 * Returns: (transfer none): "sync", "add" or "retry"
 */
GtkButton *
mml_servers_group_get_button (MmlServersGroup *self,
                              const char      *name)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);

  if (g_strcmp0 (name, "sync") == 0)
    return self->sync_button;
  if (g_strcmp0 (name, "add") == 0)
    return self->add_button;
  if (g_strcmp0 (name, "retry") == 0)
    return self->retry_button;
  g_return_val_if_reached (NULL);
}

const char *
mml_servers_group_get_error (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);
  return self->error;
}

/**
 * mml_servers_group_get_confirmation:
 *
 * Returns: (transfer none) (nullable): the open "Remove …?" dialog
 */
AdwMessageDialog *
mml_servers_group_get_confirmation (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);
  return self->confirmation;
}

/**
 * mml_servers_group_get_dialog:
 *
 * Returns: (transfer none) (nullable): the open Add Server dialog
 */
MmlServerDialog *
mml_servers_group_get_dialog (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);
  return self->dialog;
}

/**
 * mml_servers_group_get_folders_dialog:
 *
 * Returns: (transfer none) (nullable): the open Folders window
 */
MmlServerFoldersDialog *
mml_servers_group_get_folders_dialog (MmlServersGroup *self)
{
  g_return_val_if_fail (MML_IS_SERVERS_GROUP (self), NULL);
  return self->folders != NULL ? MML_SERVER_FOLDERS_DIALOG (self->folders) : NULL;
}
