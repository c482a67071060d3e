/* mml-transfer-dialog.c — "Copy or Move to…" (see mml-transfer-dialog.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the series page's detail: a row a season with its size, copy
 * or move, the destination from a folder chooser and the room there read
 * on a worker thread (the transfer controller's free-space query, the
 * same the run checks). Too little room is said, not refused: files
 * already there with the same bytes are skipped and need none, and the
 * run checks again. Queueing adds the series, or the videos of the
 * chosen seasons, and starts the queue; the Transfers view shows it.
 */
#define G_LOG_DOMAIN "mml-transfers"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-transfer-controller.h"
#include "mml-transfer-dialog.h"
#include "mml-window.h"

typedef struct
{
  int        season;    /* as MmlSeasonInfo; G_MININT: the videos of no episode */
  GArray    *file_ids;  /* gint64: its present videos */
  guint64    size;
  GtkCheckButton *check;
} Choice;

static void
choice_free (Choice *c)
{
  g_array_unref (c->file_ids);
  g_free (c);
}

struct _MmlTransferDialog
{
  AdwWindow             parent_instance;

  MmlEngine            *engine;
  MmlSeriesDetail      *detail;
  GPtrArray            *choices;      /* Choice */
  char                 *folder;       /* nullable: the destination */
  GCancellable         *cancellable;  /* the room and the disks asked for */
  guint64               free_bytes;
  gboolean              space_known;
  int                   same_disk;    /* -1 unknown, else whether the destination is on the library's disk */
  GtkFileChooserNative *chooser;

  GtkCheckButton       *copy_check;
  GtkCheckButton       *move_check;
  AdwActionRow         *folder_row;
  AdwActionRow         *space_row;
  GtkLabel             *summary;
  GtkButton            *queue_button;
};

G_DEFINE_FINAL_TYPE (MmlTransferDialog, mml_transfer_dialog, ADW_TYPE_WINDOW)

static gboolean
is_move (MmlTransferDialog *self)
{
  return gtk_check_button_get_active (self->move_check);
}

/* What is chosen: its size and file count; whether it is everything */
static guint64
chosen_size (MmlTransferDialog *self,
             guint             *n_files,
             gboolean          *all)
{
  guint64 size = 0;

  *n_files = 0;
  *all = TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      if (!gtk_check_button_get_active (c->check))
        {
          *all = FALSE;
          continue;
        }
      size += c->size;
      *n_files += c->file_ids->len;
    }
  return size;
}

static void
update (MmlTransferDialog *self)
{
  guint n_files;
  gboolean all;
  guint64 size = chosen_size (self, &n_files, &all);
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *text = NULL;
  gboolean short_of_room = FALSE;

  if (self->folder == NULL)
    adw_action_row_set_subtitle (self->space_row, _("Choose a folder first"));
  else if (!self->space_known)
    adw_action_row_set_subtitle (self->space_row, _("Reading…"));
  else
    {
      g_autofree char *room = g_format_size (self->free_bytes);
      /* Translators: a size: "12.3 GB free" */
      g_autofree char *free_text = g_strdup_printf (_("%s free"), room);

      adw_action_row_set_subtitle (self->space_row, free_text);
      /* a move on the library's own disk is a rename: it needs no room */
      short_of_room = size > self->free_bytes && !(is_move (self) && self->same_disk == 1);
    }

  if (n_files == 0)
    text = g_strdup (_("Choose what to transfer"));
  else if (short_of_room)
    {
      g_autofree char *room = g_format_size (self->free_bytes);

      /* Translators: sizes: "Not enough free space: 5.3 GB needed, 1.2 GB free. …" */
      text = g_strdup_printf (_("Not enough free space: %s needed, %s free. Files already there with the same "
                                "contents are skipped and need no room; the rest will fail."),
                              size_text, room);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u video, %s, with its subtitles",
                                         "%u videos, %s, with their subtitles", n_files),
                            n_files, size_text);
  gtk_label_set_label (self->summary, text);
  if (short_of_room)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "warning");
  gtk_widget_set_sensitive (GTK_WIDGET (self->queue_button), self->folder != NULL && n_files > 0);
}

/* ---- the room there, and whether it is the library's disk ---- */

static void
space_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MmlTransferDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 free_bytes = 0;

  if (!mml_transfer_controller_query_space_finish (MML_TRANSFER_CONTROLLER (source), result, &free_bytes, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->space_row, error->message);
      return;
    }
  self->free_bytes = free_bytes;
  self->space_known = TRUE;
  update (self);
}

typedef struct
{
  MmlTransferDialog *self;
  GCancellable      *cancellable;
  guint32            devices[2];
  guint              answered;
} Disks;

static void
device_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Disks *d = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, NULL);
  guint which = GPOINTER_TO_UINT (g_object_get_data (source, "mml-which"));

  if (info != NULL)
    d->devices[which] = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE);
  if (++d->answered < 2)
    return;
  if (!g_cancellable_is_cancelled (d->cancellable) && d->devices[0] != 0 && d->devices[1] != 0)
    {
      d->self->same_disk = d->devices[0] == d->devices[1];
      update (d->self);
    }
  g_object_unref (d->cancellable);
  g_object_unref (d->self);
  g_free (d);
}

static void
read_destination (MmlTransferDialog *self)
{
  const char *paths[2] = { self->folder, self->detail->root_path };
  Disks *d;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->space_known = FALSE;
  self->same_disk = -1;
  update (self);
  mml_transfer_controller_query_space_async (mml_engine_get_transfer (self->engine), self->folder,
                                             self->cancellable, space_cb, g_object_ref (self));
  if (self->detail->root_path == NULL)
    return;
  d = g_new0 (Disks, 1);
  d->self = g_object_ref (self);
  d->cancellable = g_object_ref (self->cancellable);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      g_object_set_data (G_OBJECT (file), "mml-which", GUINT_TO_POINTER (i));
      g_file_query_info_async (file, G_FILE_ATTRIBUTE_UNIX_DEVICE, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                               self->cancellable, device_cb, d);
    }
}

void
mml_transfer_dialog_set_folder (MmlTransferDialog *self,
                                const char        *path)
{
  g_autofree char *display = NULL;

  g_return_if_fail (MML_IS_TRANSFER_DIALOG (self));
  g_return_if_fail (path != NULL && g_path_is_absolute (path));

  g_free (self->folder);
  self->folder = g_strdup (path);
  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (self->folder_row, display);
  read_destination (self);
}

static void
chooser_response_cb (MmlTransferDialog    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (folder == NULL)
    return;
  if ((path = g_file_get_path (folder)) == NULL)
    {
      adw_action_row_set_subtitle (self->folder_row, _("Only local folders and drives can take transfers"));
      return;
    }
  mml_transfer_dialog_set_folder (self, path);
}

/* GtkFileDialog is GTK 4.10: the native chooser, as the Paths view has */
static void
choose_folder_cb (MmlTransferDialog *self)
{
  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Copy or Move to"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                                   _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- queueing ---- */

static void
queued_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlTransferDialog) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  MmlTransferController *transfer = MML_TRANSFER_CONTROLLER (source);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  items = mml_transfer_controller_add_finish (transfer, result, &error);
  if (items == NULL)
    {
      gtk_label_set_label (self->summary, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->queue_button), TRUE);
      return;
    }
  mml_transfer_controller_start (transfer);
  if (MML_IS_WINDOW (parent))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file queued for transfer",
                                                            "%u files queued for transfer", items->len),
                                               items->len);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.view");
      adw_toast_set_action_target_value (toast, g_variant_new_string ("transfers"));
      mml_window_add_toast (MML_WINDOW (parent), toast);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
queue_cb (MmlTransferDialog *self)
{
  MmlTransferController *transfer = mml_engine_get_transfer (self->engine);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_files;
  gboolean all;

  chosen_size (self, &n_files, &all);
  if (self->folder == NULL || n_files == 0)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->queue_button), FALSE);
  if (all)
    {
      mml_transfer_controller_add_async (transfer, mml_series_item_get_id (self->detail->series), 0, self->folder,
                                         is_move (self), NULL, queued_cb, g_object_ref (self));
      return;
    }
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      if (gtk_check_button_get_active (c->check))
        g_array_append_vals (ids, c->file_ids->data, c->file_ids->len);
    }
  mml_transfer_controller_add_files_async (transfer, (const gint64 *) (gpointer) ids->data, ids->len, self->folder,
                                           is_move (self), NULL, queued_cb, g_object_ref (self));
}

/* ---- building ---- */

static void
add_file (Choice      *c,
          GHashTable  *seen,
          MmlFileInfo *file)
{
  if (g_strcmp0 (file->status, "present") != 0 || g_hash_table_contains (seen, &file->id))
    return;
  g_hash_table_add (seen, &file->id);
  g_array_append_val (c->file_ids, file->id);
  c->size += (guint64) MAX (file->size, 0);
}

static GtkWidget *
check_row (const char      *title,
           const char      *subtitle,
           GtkCheckButton **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

static void
build_choices (MmlTransferDialog *self,
               GtkWidget         *group)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i <= self->detail->seasons->len; i++)
    {
      MmlSeasonInfo *season = i < self->detail->seasons->len ? g_ptr_array_index (self->detail->seasons, i) : NULL;
      Choice *c = g_new0 (Choice, 1);
      g_autofree char *title = NULL;
      g_autofree char *size = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      c->file_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      c->season = season != NULL ? season->season : G_MININT;
      if (season != NULL)
        for (guint e = 0; e < season->episodes->len; e++)
          {
            MmlEpisodeInfo *episode = g_ptr_array_index (season->episodes, e);

            for (guint f = 0; f < episode->files->len; f++)
              add_file (c, seen, g_ptr_array_index (episode->files, f));
          }
      else
        for (guint f = 0; f < self->detail->other_files->len; f++)
          add_file (c, seen, g_ptr_array_index (self->detail->other_files, f));
      if (c->file_ids->len == 0)
        {
          choice_free (c);
          continue;
        }
      if (season == NULL)
        title = g_strdup (_("Other videos"));
      else if (season->season == 0)
        title = g_strdup (_("Specials"));
      else if (season->season < 0)
        title = g_strdup (_("Episodes"));
      else
        title = g_strdup_printf (_("Season %d"), season->season);
      size = g_format_size (c->size);
      /* Translators: "8 videos · 3.2 GB" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u video · %s", "%u videos · %s",
                                               c->file_ids->len), c->file_ids->len, size);
      row = check_row (title, subtitle, &c->check);
      gtk_check_button_set_active (c->check, TRUE);
      g_signal_connect_object (c->check, "toggled", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->choices, c);
    }
}

static void
mml_transfer_dialog_dispose (GObject *object)
{
  MmlTransferDialog *self = MML_TRANSFER_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->detail, mml_series_detail_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->folder, g_free);
  G_OBJECT_CLASS (mml_transfer_dialog_parent_class)->dispose (object);
}

static void
mml_transfer_dialog_class_init (MmlTransferDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mml_transfer_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mml_transfer_dialog_init (MmlTransferDialog *self)
{
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  self->same_disk = -1;
}

MmlTransferDialog *
mml_transfer_dialog_new (MmlEngine       *engine,
                         MmlSeriesDetail *detail)
{
  MmlTransferDialog *self;
  GtkWidget *box, *header, *title, *cancel, *page, *group, *row, *button, *copy_row, *move_row;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (detail != NULL, NULL);

  self = g_object_new (MML_TYPE_TRANSFER_DIALOG, "modal", TRUE, "default-width", 520, "default-height", 640,
                       "title", _("Copy or Move"), NULL);
  self->engine = g_object_ref (engine);
  self->detail = mml_series_detail_ref (detail);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (_("Copy or Move"), mml_series_item_get_title (detail->series));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->queue_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add to Queue")));
  gtk_widget_add_css_class (GTK_WIDGET (self->queue_button), "suggested-action");
  g_signal_connect_object (self->queue_button, "clicked", G_CALLBACK (queue_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->queue_button));
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  /* copy or move */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Transfer"));
  copy_row = check_row (_("Copy"), _("The library keeps its files"), &self->copy_check);
  move_row = check_row (_("Move"), _("Each file leaves the library once its copy is verified; History in "
                                     "Settings can undo it"), &self->move_check);
  gtk_check_button_set_group (self->move_check, self->copy_check);
  gtk_check_button_set_active (self->copy_check, TRUE);
  g_signal_connect_object (self->move_check, "toggled", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), copy_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), move_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* where to */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Destination"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The series keeps its folders there. A file already there is never "
                                           "written over; one with the same contents is skipped."));
  row = adw_action_row_new ();
  self->folder_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Folder"));
  adw_action_row_set_subtitle (self->folder_row, _("None chosen"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (choose_folder_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (self->folder_row, button);
  adw_action_row_set_activatable_widget (self->folder_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = adw_action_row_new ();
  self->space_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Free space"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* what */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What to Transfer"));
  build_choices (self, group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->summary));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_window_set_content (ADW_WINDOW (self), box);
  update (self);
  return self;
}

/* ---- for tests ---- */

void
mml_transfer_dialog_set_move (MmlTransferDialog *self,
                              gboolean           move)
{
  g_return_if_fail (MML_IS_TRANSFER_DIALOG (self));
  gtk_check_button_set_active (move ? self->move_check : self->copy_check, TRUE);
}

gboolean
mml_transfer_dialog_set_season (MmlTransferDialog *self,
                                int                season,
                                gboolean           chosen)
{
  g_return_val_if_fail (MML_IS_TRANSFER_DIALOG (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      if (c->season == season)
        {
          gtk_check_button_set_active (c->check, chosen);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
mml_transfer_dialog_get_summary (MmlTransferDialog *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_DIALOG (self), NULL);
  return gtk_label_get_label (self->summary);
}

gboolean
mml_transfer_dialog_get_space_known (MmlTransferDialog *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_DIALOG (self), FALSE);
  return self->space_known;
}

GtkButton *
mml_transfer_dialog_get_queue_button (MmlTransferDialog *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_DIALOG (self), NULL);
  return self->queue_button;
}

const char *
mml_transfer_dialog_get_folder (MmlTransferDialog *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_DIALOG (self), NULL);
  return self->folder;
}

gboolean
mml_transfer_dialog_get_move (MmlTransferDialog *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_DIALOG (self), FALSE);
  return is_move (self);
}
