/* mml-transfers-view.c — Transfers (see mml-transfers-view.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue and its log as the engine's transfer controller keeps them:
 * a list read again whenever it says the queue changed (items kept and
 * updated in place when the same ones come back, so nothing flickers),
 * and the running item's progress, speed and ETA from its
 * "progress-changed". Start, Pause, Resume, Stop and Clear Finished
 * call the controller; a failed item's Retry starts the queue again,
 * which tries every failed item. Nothing here waits for the disk or the
 * store.
 */
#define G_LOG_DOMAIN "mml-transfers"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-transfers-view.h"
#include "widgets/mml-transfer-row.h"

struct _MmlTransfersView
{
  MmlView                parent_instance;

  MmlTransferController *transfer;   /* the bound engine's */
  GCancellable          *cancellable;
  GListStore            *entries;    /* MmlTransferEntry */
  GHashTable            *by_id;      /* item id (owned) → MmlTransferEntry (in @entries) */
  MmlTransferEntry      *running;    /* (in @entries) the one being copied */
  gboolean               reload_again;

  GtkStack              *stack;
  GtkListView           *list_view;
  GtkLabel              *summary_label;
  GtkLabel              *detail_label;
  GtkProgressBar        *overall_bar;
  GtkWidget             *start_button;
  GtkWidget             *pause_button;
  GtkWidget             *resume_button;
  GtkWidget             *stop_button;
  GtkWidget             *clear_button;
};

G_DEFINE_FINAL_TYPE (MmlTransfersView, mml_transfers_view, MML_TYPE_VIEW)

static void reload (MmlTransfersView *self);

static void
toast (MmlTransfersView *self,
       const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  mml_view_add_toast (MML_VIEW (self), adw_toast_new (escaped));
}

/* The heading, the line under it, the buttons and the badge */
static void
update_header (MmlTransfersView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint waiting = 0, failed = 0, finished = 0;
  gboolean running = self->transfer != NULL && mml_transfer_controller_get_running (self->transfer);
  gboolean paused = running && mml_transfer_controller_get_paused (self->transfer);
  g_autofree char *detail = NULL;
  const char *summary;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlTransferEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      switch (mml_transfer_entry_get_item (entry)->state)
        {
        case MML_TRANSFER_QUEUED:
          waiting++;
          break;
        case MML_TRANSFER_FAILED:
          failed++;
          break;
        default:
          finished++;
        }
    }

  if (running)
    {
      MmlTransferProgress p;
      g_autofree char *done = NULL;
      g_autofree char *total = NULL;
      GString *line = g_string_new (NULL);

      mml_transfer_controller_get_progress (self->transfer, &p);
      done = g_format_size (p.bytes_done);
      total = g_format_size (p.bytes_total);
      summary = paused ? _("Paused") : _("Transferring");
      /* Translators: files, then sizes: "3 of 10 files · 1.2 GB of 4.0 GB" */
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u of %u file · %s of %s",
                                                 "%u of %u files · %s of %s", p.total),
                              MIN (p.done + (p.item_id != 0 ? 1 : 0), p.total), p.total, done, total);
      if (!paused && p.speed > 0)
        {
          g_autofree char *speed = g_format_size (p.speed);
          g_autofree char *eta = mml_transfer_format_eta (p.eta);

          g_string_append (line, " · ");
          g_string_append_printf (line, _("%s/s"), speed);
          if (eta != NULL)
            g_string_append_printf (line, " · %s", eta);
        }
      detail = g_string_free (line, FALSE);
      gtk_progress_bar_set_fraction (self->overall_bar,
                                     p.bytes_total > 0 ? (double) p.bytes_done / (double) p.bytes_total : 0);
    }
  else if (waiting + failed > 0)
    {
      summary = failed > 0 && waiting == 0 ? _("Some Transfers Failed") : _("Ready to Start");
      if (failed > 0 && waiting > 0)
        /* Translators: "3 waiting, 1 failed" */
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting, %u failed", "%u waiting, %u failed",
                                               waiting), waiting, failed);
      else if (failed > 0)
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", failed), failed);
      else
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file waiting", "%u files waiting", waiting),
                                  waiting);
    }
  else
    {
      summary = _("All Done");
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file transferred and verified",
                                             "%u files transferred and verified", finished), finished);
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->overall_bar), running);

  gtk_widget_set_visible (self->start_button, !running);
  gtk_button_set_label (GTK_BUTTON (self->start_button), waiting == 0 && failed > 0 ? _("_Retry All") : _("_Start"));
  gtk_widget_set_visible (self->pause_button, running && !paused);
  gtk_widget_set_visible (self->resume_button, paused);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.start",
                                 self->transfer != NULL && !running && waiting + failed > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.clear", finished > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.retry", self->transfer != NULL);

  gtk_stack_set_visible_child_name (self->stack, n > 0 || running ? "list" : "empty");
  mml_view_set_badge (MML_VIEW (self), waiting + failed);
}

/* The running item's progress to its entry, and the header */
static void
progress_changed_cb (MmlTransfersView *self)
{
  MmlTransferProgress p;
  MmlTransferEntry *entry;
  gboolean paused;

  if (self->transfer == NULL)
    return;
  mml_transfer_controller_get_progress (self->transfer, &p);
  paused = mml_transfer_controller_get_paused (self->transfer);
  entry = p.item_id != 0 ? g_hash_table_lookup (self->by_id, &p.item_id) : NULL;
  if (self->running != NULL && self->running != entry)
    mml_transfer_entry_set_progress (self->running, NULL, FALSE);
  self->running = entry;
  if (entry != NULL)
    mml_transfer_entry_set_progress (entry, &p, paused);
  update_header (self);
}

static gboolean
is_pending (const MmlTransferItem *item)
{
  return item->state == MML_TRANSFER_QUEUED || item->state == MML_TRANSFER_FAILED;
}

static int
pending_first (gconstpointer a,
               gconstpointer b)
{
  const MmlTransferItem *x = *(MmlTransferItem * const *) a;
  const MmlTransferItem *y = *(MmlTransferItem * const *) b;

  if (is_pending (x) != is_pending (y))
    return is_pending (x) ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlTransfersView) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) order = NULL;   /* item id → its place + 1 */
  guint n;

  items = mml_transfer_controller_list_finish (MML_TRANSFER_CONTROLLER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (items == NULL)
    {
      g_message ("Cannot list the transfers: %s", error->message);
      return;
    }
  /* what waits (the running one first) over the log of what finished */
  g_ptr_array_sort (items, pending_first);

  /* into the list item by item, so that the list keeps its scroll
   * position: an entry in the way goes to where it belongs now (a
   * finished one down to the log) rather than the others moving up past
   * it; then a kept one is updated, a new one inserted */
  order = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (order, &((MmlTransferItem *) g_ptr_array_index (items, i))->id, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < items->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (items, i);
      MmlTransferEntry *entry = g_hash_table_lookup (self->by_id, &item->id);
      guint position;

      for (guint moves = 0; entry != NULL && moves <= items->len; moves++)
        {
          g_autoptr(MmlTransferEntry) at = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
          guint target;

          if (at == NULL || at == entry)
            break;
          target = GPOINTER_TO_UINT (g_hash_table_lookup (order, &mml_transfer_entry_get_item (at)->id));
          g_list_store_remove (self->entries, i);
          if (target == 0)
            {
              /* cleared: gone from the list */
              if (at == self->running)
                self->running = NULL;
              g_hash_table_remove (self->by_id, &mml_transfer_entry_get_item (at)->id);
              continue;
            }
          g_list_store_insert (self->entries,
                               MIN (target - 1, g_list_model_get_n_items (G_LIST_MODEL (self->entries))), at);
        }
      if (entry != NULL && g_list_store_find (self->entries, entry, &position))
        {
          if (position != i)
            {
              g_object_ref (entry);
              g_list_store_remove (self->entries, position);
              g_list_store_insert (self->entries, i, entry);
              g_object_unref (entry);
            }
          mml_transfer_entry_set_item (entry, item);
          continue;
        }
      entry = mml_transfer_entry_new (item);
      g_hash_table_insert (self->by_id, g_memdup2 (&item->id, sizeof (gint64)), entry);
      g_list_store_insert (self->entries, i, entry);
      g_object_unref (entry);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  if (n > items->len)
    {
      for (guint i = items->len; i < n; i++)
        {
          g_autoptr(MmlTransferEntry) gone = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

          if (gone == self->running)
            self->running = NULL;
          g_hash_table_remove (self->by_id, &mml_transfer_entry_get_item (gone)->id);
        }
      g_list_store_splice (self->entries, items->len, n - items->len, NULL, 0);
    }
  progress_changed_cb (self);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload (self);
    }
}

static void
reload (MmlTransfersView *self)
{
  if (self->transfer == NULL)
    return;
  /* one read at a time; a change meanwhile reads again after it */
  if (self->cancellable != NULL)
    {
      self->reload_again = TRUE;
      return;
    }
  self->cancellable = g_cancellable_new ();
  mml_transfer_controller_list_async (self->transfer, self->cancellable, listed_cb, g_object_ref (self));
}

static void
finished_cb (MmlTransfersView         *self,
             const MmlTransferSummary *summary,
             const GError             *error,
             MmlTransferController    *transfer)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (_("Transfers stopped; the rest stays queued"));
  else if (error != NULL)
    /* Translators: %s is the reason */
    text = g_strdup_printf (_("The transfers could not run: %s"), error->message);
  else if (summary->failed > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transfer failed: see Transfers",
                                         "%u transfers failed: see Transfers", summary->failed),
                            summary->failed);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file transferred and verified",
                                         "%u files transferred and verified", summary->done + summary->skipped),
                            summary->done + summary->skipped);
  toast (self, text);
}

static void
mml_transfers_view_engine_changed (MmlView *view)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->transfer != NULL)
    g_signal_handlers_disconnect_by_data (self->transfer, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->transfer);
  self->running = NULL;
  g_hash_table_remove_all (self->by_id);
  g_list_store_remove_all (self->entries);

  if (engine != NULL)
    {
      self->transfer = g_object_ref (mml_engine_get_transfer (engine));
      g_signal_connect_object (self->transfer, "queue-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->transfer, "progress-changed", G_CALLBACK (progress_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->transfer, "notify::running", G_CALLBACK (progress_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->transfer, "notify::paused", G_CALLBACK (progress_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->transfer, "finished", G_CALLBACK (finished_cb), self, G_CONNECT_SWAPPED);
      reload (self);
    }
  update_header (self);
}

/* ---- actions ---- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (widget);

  if (self->transfer != NULL)
    mml_transfer_controller_start (self->transfer);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (widget);

  if (self->transfer != NULL)
    mml_transfer_controller_pause (self->transfer);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (widget);

  if (self->transfer != NULL)
    mml_transfer_controller_resume (self->transfer);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (widget);

  if (self->transfer != NULL)
    mml_transfer_controller_stop (self->transfer);
}

/* a failed item's Retry: the queue runs again, and tries every failed
 * item (now, or after the run going on) */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (widget);

  if (self->transfer != NULL)
    mml_transfer_controller_start (self->transfer);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MmlTransfersView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mml_transfer_controller_clear_finished_finish (MML_TRANSFER_CONTROLLER (source), result, &error) < 0)
    {
      /* Translators: %s is the reason */
      g_autofree char *text = g_strdup_printf (_("Cannot clear the finished transfers: %s"), error->message);

      toast (self, text);
    }
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (widget);

  if (self->transfer != NULL)
    mml_transfer_controller_clear_finished_async (self->transfer, NULL, cleared_cb, g_object_ref (self));
}

/* ---- the list ---- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, mml_transfer_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  mml_transfer_row_set_entry (MML_TRANSFER_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  mml_transfer_row_set_entry (MML_TRANSFER_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
mml_transfers_view_dispose (GObject *object)
{
  MmlTransfersView *self = MML_TRANSFERS_VIEW (object);

  /* the engine dropped first (engine_changed empties the list) */
  mml_view_dispose_template (MML_VIEW (self), MML_TYPE_TRANSFERS_VIEW);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (mml_transfers_view_parent_class)->dispose (object);
}

static void
mml_transfers_view_class_init (MmlTransfersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);

  object_class->dispose = mml_transfers_view_dispose;
  view_class->engine_changed = mml_transfers_view_engine_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-transfers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, list_view);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, overall_bar);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, start_button);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, resume_button);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, MmlTransfersView, clear_button);

  gtk_widget_class_install_action (widget_class, "transfers.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "transfers.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "transfers.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "transfers.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "transfers.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "transfers.retry", "x", retry_action);
}

static void
mml_transfers_view_init (MmlTransfersView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (MML_TYPE_TRANSFER_ENTRY);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries))));
  gtk_list_view_set_model (self->list_view, selection);
  g_object_unref (factory);
  update_header (self);
}

GListModel *
mml_transfers_view_get_model (MmlTransfersView *self)
{
  g_return_val_if_fail (MML_IS_TRANSFERS_VIEW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

GtkListView *
mml_transfers_view_get_list_view (MmlTransfersView *self)
{
  g_return_val_if_fail (MML_IS_TRANSFERS_VIEW (self), NULL);
  return self->list_view;
}

const char *
mml_transfers_view_get_summary (MmlTransfersView *self)
{
  g_return_val_if_fail (MML_IS_TRANSFERS_VIEW (self), NULL);
  return gtk_label_get_label (self->summary_label);
}
