/* mml-transfer-row.c — one item of the transfer queue (see
 * mml-transfer-row.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entry holds what the store said of the item and, for the one being
 * copied, the engine's progress; the row only words it. A failed item's
 * Retry activates "transfers.retry" on the view.
 */
#define G_LOG_DOMAIN "mml-transfers"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-transfer-row.h"

/* ---- the entry ---- */

struct _MmlTransferEntry
{
  GObject              parent_instance;

  MmlTransferItem     *item;
  gboolean             running;
  gboolean             paused;
  MmlTransferProgress  progress;
};

G_DEFINE_FINAL_TYPE (MmlTransferEntry, mml_transfer_entry, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mml_transfer_entry_finalize (GObject *object)
{
  MmlTransferEntry *self = MML_TRANSFER_ENTRY (object);

  mml_transfer_item_free (self->item);
  G_OBJECT_CLASS (mml_transfer_entry_parent_class)->finalize (object);
}

static void
mml_transfer_entry_class_init (MmlTransferEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_transfer_entry_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 0);
}

static void
mml_transfer_entry_init (MmlTransferEntry *self)
{
}

MmlTransferEntry *
mml_transfer_entry_new (const MmlTransferItem *item)
{
  MmlTransferEntry *self = g_object_new (MML_TYPE_TRANSFER_ENTRY, NULL);

  self->item = mml_transfer_item_copy (item);
  return self;
}

const MmlTransferItem *
mml_transfer_entry_get_item (MmlTransferEntry *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_ENTRY (self), NULL);
  return self->item;
}

void
mml_transfer_entry_set_item (MmlTransferEntry      *self,
                             const MmlTransferItem *item)
{
  g_return_if_fail (MML_IS_TRANSFER_ENTRY (self));

  if (self->item->state == item->state && g_strcmp0 (self->item->error, item->error) == 0 &&
      self->item->size == item->size && g_strcmp0 (self->item->series_title, item->series_title) == 0)
    return;
  mml_transfer_item_free (self->item);
  self->item = mml_transfer_item_copy (item);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
mml_transfer_entry_set_progress (MmlTransferEntry          *self,
                                 const MmlTransferProgress *progress,
                                 gboolean                   paused)
{
  g_return_if_fail (MML_IS_TRANSFER_ENTRY (self));

  if (progress == NULL)
    {
      if (!self->running)
        return;
      self->running = FALSE;
      self->paused = FALSE;
    }
  else
    {
      self->running = TRUE;
      self->paused = paused;
      self->progress = *progress;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
mml_transfer_entry_get_running (MmlTransferEntry *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_ENTRY (self), FALSE);
  return self->running;
}

double
mml_transfer_entry_get_fraction (MmlTransferEntry *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_ENTRY (self), 0);

  if (!self->running || self->progress.item_size == 0)
    return 0;
  return CLAMP ((double) self->progress.item_done / (double) self->progress.item_size, 0, 1);
}

char *
mml_transfer_entry_dup_title (MmlTransferEntry *self)
{
  const MmlTransferItem *item = self->item;

  if (item->series_title != NULL && item->episode != NULL)
    {
      /* Translators: a series and an episode: "Iron Road · S01E02" */
      return g_strdup_printf (_("%s · %s"), item->series_title, item->episode);
    }
  if (item->series_title != NULL)
    return g_strdup (item->series_title);
  return g_filename_display_basename (item->source);
}

char *
mml_transfer_format_eta (gint64 seconds)
{
  gint64 minutes = (seconds + 59) / 60;
  gint64 hours = (seconds + 1799) / 3600;

  if (seconds < 0)
    return NULL;
  if (seconds < 20)
    return g_strdup (_("A few seconds left"));
  if (seconds < 60)
    return g_strdup (_("Less than a minute left"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u minute left", "About %u minutes left",
                                         (gulong) minutes), (guint) minutes);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u hour left", "About %u hours left",
                                       (gulong) hours), (guint) hours);
}

char *
mml_transfer_entry_dup_status (MmlTransferEntry *self)
{
  const MmlTransferItem *item = self->item;
  g_autofree char *size = g_format_size ((guint64) MAX (item->size, 0));

  if (self->running)
    {
      g_autofree char *done = g_format_size (self->progress.item_done);
      g_autofree char *total = g_format_size (self->progress.item_size);
      GString *out = g_string_new (NULL);

      /* Translators: sizes: "1.2 GB of 3.4 GB" */
      g_string_append_printf (out, _("%s of %s"), done, total);
      if (self->paused)
        g_string_append_printf (out, " · %s", _("Paused"));
      else
        {
          g_autofree char *eta = mml_transfer_format_eta (self->progress.eta);

          if (self->progress.speed > 0)
            {
              g_autofree char *speed = g_format_size (self->progress.speed);

              /* Translators: a speed: "45.0 MB/s" */
              g_string_append (out, " · ");
              g_string_append_printf (out, _("%s/s"), speed);
            }
          if (eta != NULL)
            g_string_append_printf (out, " · %s", eta);
        }
      return g_string_free (out, FALSE);
    }
  switch (item->state)
    {
    case MML_TRANSFER_QUEUED:
      return item->move ? g_strdup_printf (_("Waiting to move · %s"), size)
                        : g_strdup_printf (_("Waiting to copy · %s"), size);
    case MML_TRANSFER_DONE:
      return item->move ? g_strdup_printf (_("Moved and verified · %s"), size)
                        : g_strdup_printf (_("Copied and verified · %s"), size);
    case MML_TRANSFER_SKIPPED:
      return g_strdup (_("Already there with the same contents: skipped"));
    case MML_TRANSFER_FAILED:
    default:
      return g_strdup (item->error != NULL ? item->error : _("Failed"));
    }
}

/* ---- the row ---- */

struct _MmlTransferRow
{
  GtkBox            parent_instance;

  MmlTransferEntry *entry;
  gulong            changed_id;

  GtkImage         *icon;
  GtkLabel         *title;
  GtkLabel         *route;
  GtkProgressBar   *bar;
  GtkLabel         *status;
  GtkButton        *retry;
};

G_DEFINE_FINAL_TYPE (MmlTransferRow, mml_transfer_row, GTK_TYPE_BOX)

/* "/srv/tv/Iron Road (2011)/Season 01" → "/media/usb/Iron Road (2011)/Season 01" */
static char *
route_text (const MmlTransferItem *item)
{
  g_autofree char *from_dir = g_path_get_dirname (item->source);
  g_autofree char *to_dir = g_path_get_dirname (item->target);
  g_autofree char *from = mml_format_short_path (from_dir);
  g_autofree char *to = mml_format_short_path (to_dir);
  g_autofree char *name = g_filename_display_basename (item->source);

  /* Translators: a file, then the folder it is in and the one it goes to:
   * "x.mkv: ~/TV/Iron Road → /media/usb/Iron Road" */
  return g_strdup_printf (_("%s: %s → %s"), name, from, to);
}

/* a tooltip set only when it changes: setting one asks the display
 * where the pointer is, and the running row changes ten times a second */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
update (MmlTransferRow *self)
{
  const MmlTransferItem *item;
  g_autofree char *title = NULL;
  g_autofree char *route = NULL;
  g_autofree char *status = NULL;
  gboolean running, failed;
  const char *icon;

  if (self->entry == NULL)
    return;
  item = mml_transfer_entry_get_item (self->entry);
  running = mml_transfer_entry_get_running (self->entry);
  failed = !running && item->state == MML_TRANSFER_FAILED;
  title = mml_transfer_entry_dup_title (self->entry);
  if (item->follows != 0)
    {
      g_autofree char *video = g_steal_pointer (&title);

      /* Translators: a sidecar going with its video: "Iron Road · S01E02 · subtitles" */
      title = g_strdup_printf (_("%s · subtitles"), video);
    }
  route = route_text (item);
  status = mml_transfer_entry_dup_status (self->entry);

  if (running)
    icon = item->move ? "go-next-symbolic" : "edit-copy-symbolic";
  else if (item->state == MML_TRANSFER_DONE || item->state == MML_TRANSFER_SKIPPED)
    icon = "emblem-ok-symbolic";
  else if (failed)
    icon = "dialog-error-symbolic";
  else
    icon = "document-open-recent-symbolic";
  gtk_image_set_from_icon_name (self->icon, icon);
  set_tooltip (GTK_WIDGET (self->icon), item->move ? _("Move") : _("Copy"));
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->route, route);
  set_tooltip (GTK_WIDGET (self->route), route);
  gtk_label_set_label (self->status, status);
  set_tooltip (GTK_WIDGET (self->status), failed ? status : NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
  if (!running && (item->state == MML_TRANSFER_DONE || item->state == MML_TRANSFER_SKIPPED))
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->bar), running);
  if (running)
    gtk_progress_bar_set_fraction (self->bar, mml_transfer_entry_get_fraction (self->entry));
  gtk_widget_set_visible (GTK_WIDGET (self->retry), failed);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retry), "x", item->id);
}

static void
entry_changed_cb (MmlTransferRow   *self,
                  MmlTransferEntry *entry)
{
  update (self);
}

static void
mml_transfer_row_dispose (GObject *object)
{
  MmlTransferRow *self = MML_TRANSFER_ROW (object);

  mml_transfer_row_set_entry (self, NULL);
  G_OBJECT_CLASS (mml_transfer_row_parent_class)->dispose (object);
}

static void
mml_transfer_row_class_init (MmlTransferRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mml_transfer_row_dispose;
}

static void
mml_transfer_row_init (MmlTransferRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 9);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 9);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->icon));

  gtk_widget_set_hexpand (text, TRUE);
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->title));

  self->route = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->route, 0);
  gtk_label_set_ellipsize (self->route, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->route), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->route), "dim-label");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->route));

  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (self->bar), 3);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->bar));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_ellipsize (self->status, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "numeric");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (self), text);

  self->retry = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Retry")));
  gtk_widget_set_valign (GTK_WIDGET (self->retry), GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retry), "x", (gint64) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry), "transfers.retry");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->retry), _("Try the failed transfers again"));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->retry));
}

GtkWidget *
mml_transfer_row_new (void)
{
  return g_object_new (MML_TYPE_TRANSFER_ROW, "orientation", GTK_ORIENTATION_HORIZONTAL, NULL);
}

void
mml_transfer_row_set_entry (MmlTransferRow   *self,
                            MmlTransferEntry *entry)
{
  g_return_if_fail (MML_IS_TRANSFER_ROW (self));

  if (self->entry == entry)
    return;
  if (self->entry != NULL)
    g_clear_signal_handler (&self->changed_id, self->entry);
  g_set_object (&self->entry, entry);
  if (entry != NULL)
    {
      self->changed_id = g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
      update (self);
    }
}

MmlTransferEntry *
mml_transfer_row_get_entry (MmlTransferRow *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_ROW (self), NULL);
  return self->entry;
}
