/* mml-server-folders-dialog.c — where this computer sees a media server's
 * folders (its path mappings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server names its files by its own paths ("/data/tv/Dark/…"); the sync
 * finds them in the library through the server's path mappings. The
 * window lists the folders the server's TV libraries hold (from its last
 * Test or sync) and those mapped already, each with this computer's folder
 * for it, plus a pair of fields for another one. Every field is checked as
 * it is typed (a usable path: mml_server_prefix_valid(), the one rule the
 * store applies too; whether the folder is here). Save writes what changed
 * through the sync controller, one mapping after the other; an emptied
 * field removes its mapping.
 */
#define G_LOG_DOMAIN "mml-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-server-folders-dialog.h"
#include "mml-sync-controller.h"
#include "mml-ui-util.h"
#include "mml-watch-sync.h"

#define SERVER_PATH_KEY "mml-server-path"
#define ICON_KEY "mml-icon"

struct _MmlServerFoldersDialog
{
  AdwWindow      parent_instance;

  MmlEngine     *engine;
  gint64         server_id;
  GHashTable    *mapped;      /* server path → local path, as saved */
  GPtrArray     *rows;        /* AdwEntryRow, a server folder each */
  GPtrArray     *pending;     /* (element-type utf8): server, local, … still to save */
  GCancellable  *cancellable;
  char          *error;

  AdwPreferencesGroup *group;
  AdwEntryRow   *new_server_row;
  AdwEntryRow   *new_local_row;
  AdwActionRow  *error_row;
  GtkButton     *save_button;
};

G_DEFINE_FINAL_TYPE (MmlServerFoldersDialog, mml_server_folders_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- checking as it is typed -------------------------------------------------- */

static char *
field_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* What is wrong with @path as a folder of this computer, or NULL */
static char *
local_problem (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (*path == '\0')
    return NULL;
  if (!mml_server_prefix_valid (path, &error))
    return g_strdup (error->message);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_strdup (_("There is no such folder on this computer"));
  return NULL;
}

static void
set_icon (AdwEntryRow *row,
          const char  *problem,
          gboolean     empty)
{
  GtkImage *icon = g_object_get_data (G_OBJECT (row), ICON_KEY);

  gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "warning");
  gtk_widget_set_visible (GTK_WIDGET (icon), !empty);
  if (problem != NULL)
    {
      gtk_image_set_from_icon_name (icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
    }
  mml_ui_set_tooltip (GTK_WIDGET (icon), problem);
}

static void
local_changed_cb (AdwEntryRow *row)
{
  g_autofree char *text = field_text (row);
  g_autofree char *problem = local_problem (text);

  set_icon (row, problem, *text == '\0');
}

static void
server_changed_cb (AdwEntryRow *row)
{
  g_autofree char *text = field_text (row);
  g_autoptr(GError) error = NULL;

  set_icon (row, *text != '\0' && !mml_server_prefix_valid (text, &error) ? error->message : NULL, *text == '\0');
}

static AdwEntryRow *
entry_row_new (const char *title,
               GCallback   changed)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), ICON_KEY, icon);
  g_signal_connect (row, "changed", changed, NULL);
  return ADW_ENTRY_ROW (row);
}

static void
show_error (MmlServerFoldersDialog *self,
            const char             *text)
{
  g_free (self->error);
  self->error = g_strdup (text);
  adw_action_row_set_subtitle (self->error_row, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), text != NULL);
}

/* --- saving ------------------------------------------------------------------------ */

static void save_next (MmlServerFoldersDialog *self);

static void
mapped_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlServerFoldersDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_sync_controller_map_path_finish (MML_SYNC_CONTROLLER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_ptr_array_set_size (self->pending, 0);
      show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      return;
    }
  save_next (self);
}

static void
save_next (MmlServerFoldersDialog *self)
{
  g_autofree char *server = NULL;
  g_autofree char *local = NULL;

  if (self->pending->len == 0)
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  server = g_ptr_array_steal_index (self->pending, 0);
  local = g_ptr_array_steal_index (self->pending, 0);
  mml_sync_controller_map_path_async (mml_engine_get_sync (self->engine), self->server_id, server, local,
                                      self->cancellable, mapped_cb, g_object_ref (self));
}

/* Queues @server → @local when it differs from what is saved; FALSE with
 * the error shown when @local cannot be used */
static gboolean
queue_change (MmlServerFoldersDialog *self,
              const char             *server,
              const char             *local)
{
  const char *saved = g_hash_table_lookup (self->mapped, server);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (saved != NULL ? saved : "", local) == 0)
    return TRUE;
  if (*local != '\0' && !mml_server_prefix_valid (local, &error))
    {
      /* Translators: a server's folder, then why the folder typed for it cannot be used */
      g_autofree char *text = g_strdup_printf (_("The folder for %s: %s"), server, error->message);

      show_error (self, text);
      return FALSE;
    }
  g_ptr_array_add (self->pending, g_strdup (server));
  g_ptr_array_add (self->pending, g_strdup (local));
  return TRUE;
}

static void
save_clicked_cb (MmlServerFoldersDialog *self)
{
  g_autofree char *new_server = field_text (self->new_server_row);
  g_autofree char *new_local = field_text (self->new_local_row);

  show_error (self, NULL);
  g_ptr_array_set_size (self->pending, 0);
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *local = field_text (row);

      if (!queue_change (self, g_object_get_data (G_OBJECT (row), SERVER_PATH_KEY), local))
        return;
    }
  if (*new_server != '\0' || *new_local != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (*new_server == '\0' || *new_local == '\0')
        {
          show_error (self, _("Another folder needs both the server’s path and this computer’s"));
          return;
        }
      if (!mml_server_prefix_valid (new_server, &error))
        {
          /* Translators: %s says why */
          g_autofree char *text = g_strdup_printf (_("The server’s folder: %s"), error->message);

          show_error (self, text);
          return;
        }
      if (!queue_change (self, new_server, new_local))
        return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  save_next (self);
}

/* --- the window ---------------------------------------------------------------------- */

static void
build (MmlServerFoldersDialog *self,
       const MmlServerRow     *server)
{
  g_auto(GStrv) folders = mml_server_row_dup_server_folders (server);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *other = adw_preferences_group_new ();
  GtkWidget *title = adw_window_title_new (_("Server Folders"), server->name != NULL ? server->name : "");
  GtkWidget *empty;

  gtk_window_set_title (GTK_WINDOW (self), _("Server Folders"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 520);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 300);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Folders"));
  adw_preferences_group_set_description (self->group,
                                         _("Where this computer sees each folder the server names. The sync finds "
                                           "episodes by their files through these; leave a field empty when the "
                                           "server sees the same path as this computer."));
  self->error_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->error_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), _("Not saved"));
  adw_action_row_set_subtitle_lines (self->error_row, 4);
  adw_action_row_add_prefix (self->error_row, gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->error_row));

  for (guint i = 0; server->paths != NULL && server->paths[i] != NULL && server->paths[i + 1] != NULL; i += 2)
    g_hash_table_replace (self->mapped, g_strdup (server->paths[i]), g_strdup (server->paths[i + 1]));
  for (guint i = 0; folders[i] != NULL; i++)
    {
      /* Translators: a folder as the media server names it */
      g_autofree char *row_title = g_strdup_printf (_("On the server: %s"), folders[i]);
      AdwEntryRow *row = entry_row_new (row_title, G_CALLBACK (local_changed_cb));
      const char *local = g_hash_table_lookup (self->mapped, folders[i]);

      g_object_set_data_full (G_OBJECT (row), SERVER_PATH_KEY, g_strdup (folders[i]), g_free);
      if (local != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), local);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->group, GTK_WIDGET (row));
    }
  if (folders[0] == NULL)
    {
      empty = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No folders known yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (empty),
                                   _("Test the server to read its TV libraries’ folders, or add one below"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (empty), 3);
      adw_preferences_group_add (self->group, empty);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (other), _("Another Folder"));
  self->new_server_row = entry_row_new (_("The server’s path, as /data/tv"), G_CALLBACK (server_changed_cb));
  self->new_local_row = entry_row_new (_("This computer’s folder, as /mnt/nas/tv"), G_CALLBACK (local_changed_cb));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (other), GTK_WIDGET (self->new_server_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (other), GTK_WIDGET (self->new_local_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (other));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  for (guint i = 0; i < self->rows->len; i++)
    local_changed_cb (g_ptr_array_index (self->rows, i));
}

static void
mml_server_folders_dialog_dispose (GObject *object)
{
  MmlServerFoldersDialog *self = MML_SERVER_FOLDERS_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (mml_server_folders_dialog_parent_class)->dispose (object);
}

static void
mml_server_folders_dialog_finalize (GObject *object)
{
  MmlServerFoldersDialog *self = MML_SERVER_FOLDERS_DIALOG (object);

  g_hash_table_unref (self->mapped);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->pending);
  g_free (self->error);

  G_OBJECT_CLASS (mml_server_folders_dialog_parent_class)->finalize (object);
}

static void
mml_server_folders_dialog_class_init (MmlServerFoldersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_server_folders_dialog_dispose;
  object_class->finalize = mml_server_folders_dialog_finalize;

  /**
   * MmlServerFoldersDialog::saved:
   *
   * The mappings were written; the window closes.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mml_server_folders_dialog_init (MmlServerFoldersDialog *self)
{
  self->mapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rows = g_ptr_array_new ();
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * mml_server_folders_dialog_new:
 * @parent: (nullable): the window it is modal for
 *
 * Returns: (transfer none): a new window on @server's folders; present it
 */
MmlServerFoldersDialog *
mml_server_folders_dialog_new (GtkWindow          *parent,
                               MmlEngine          *engine,
                               const MmlServerRow *server)
{
  MmlServerFoldersDialog *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  self = g_object_new (MML_TYPE_SERVER_FOLDERS_DIALOG, NULL);
  self->engine = g_object_ref (engine);
  self->server_id = server->id;
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  build (self, server);
  return self;
}

AdwEntryRow *
mml_server_folders_dialog_get_row (MmlServerFoldersDialog *self,
                                   const char             *server_path)
{
  g_return_val_if_fail (MML_IS_SERVER_FOLDERS_DIALOG (self), NULL);

  if (server_path == NULL)
    return self->new_local_row;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->rows, i), SERVER_PATH_KEY), server_path) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

AdwEntryRow *
mml_server_folders_dialog_get_new_server_row (MmlServerFoldersDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_FOLDERS_DIALOG (self), NULL);
  return self->new_server_row;
}

GtkButton *
mml_server_folders_dialog_get_save_button (MmlServerFoldersDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_FOLDERS_DIALOG (self), NULL);
  return self->save_button;
}

const char *
mml_server_folders_dialog_get_error (MmlServerFoldersDialog *self)
{
  g_return_val_if_fail (MML_IS_SERVER_FOLDERS_DIALOG (self), NULL);
  return self->error;
}
