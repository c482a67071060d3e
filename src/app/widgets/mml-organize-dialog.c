/* mml-organize-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Rename Files…" of the series page. The organise controller plans where
 * each file of the series goes by the saved naming templates; the dialog
 * lists every operation that changes something or is left alone for a
 * problem (a GtkListView over a GListStore of MmlOrganizeItem: from → to,
 * the kind, the action, the problem in red), with a summary line, or says
 * that everything is named right. Apply runs the controller's apply with
 * its progress and Cancel (which stops between files); the result says
 * what was done and offers Undo of the journal batch. A failure shows
 * what failed, with Retry.
 *
 * States (a GtkStack): loading, preview, empty, applying (also undoing),
 * result, error. Closing while files move is a Cancel: the dialog stays
 * until the apply ends, so what was done can be undone. Escape closes,
 * Enter applies (Apply is the default widget and has the focus).
 */

#define G_LOG_DOMAIN "mml-organize"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mml-organize-dialog.h"
#include "mml-organize-item.h"

typedef enum {
  RETRY_PREVIEW,
  RETRY_APPLY,
  RETRY_UNDO,
} RetryWhat;

struct _MmlOrganizeDialog
{
  AdwWindow           parent_instance;

  MmlEngine          *engine;
  gint64              series_id;
  gint64              root_id;     /* with series_id 0: a library folder's files */
  GCancellable       *cancellable;   /* the preview or apply in flight */
  gulong              progress_handler;
  guint               pulse_source;  /* until the first progress (or for an undo) */
  gboolean            has_result;
  gboolean            undone;
  MmlOrganizeSummary  summary;
  RetryWhat           retry;
  const char         *state;         /* interned; "undoing" shows the "applying" page */

  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *apply_button;
  GtkButton          *done_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkLabel           *summary_label;
  GtkListView        *list_view;
  GListStore         *items;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *applying_page;
  GtkProgressBar     *progress_bar;
  AdwStatusPage      *result_page;
  GtkButton          *undo_button;
  AdwStatusPage      *error_page;
  GtkButton          *retry_button;
};

G_DEFINE_FINAL_TYPE (MmlOrganizeDialog, mml_organize_dialog, ADW_TYPE_WINDOW)

static void preview (MmlOrganizeDialog *self);

/* --- helpers ------------------------------------------------------------------ */

static MmlOrganizeController *
controller (MmlOrganizeDialog *self)
{
  return mml_engine_get_organize (self->engine);
}

static void
restart (MmlOrganizeDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static gboolean
is_state (MmlOrganizeDialog *self,
          const char        *state)
{
  return g_strcmp0 (self->state, state) == 0;
}

/* The header's buttons follow the state: Cancel and Apply before,
 * Cancel while files move, Done after */
static void
show_state (MmlOrganizeDialog *self,
            const char        *state)
{
  gboolean before = g_str_equal (state, "loading") || g_str_equal (state, "preview") ||
                    g_str_equal (state, "error");
  gboolean after = g_str_equal (state, "result") || g_str_equal (state, "empty");

  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->stack, g_str_equal (state, "undoing") ? "applying" : state);
  self->state = g_intern_string (state);

  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), before);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !after && !g_str_equal (state, "undoing"));
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), after);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  if (!g_str_equal (state, "preview"))
    gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);

  if (after)
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
    }
}

static void
show_error (MmlOrganizeDialog *self,
            const char        *title,
            const GError      *error,
            RetryWhat          retry)
{
  self->retry = retry;
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  show_state (self, "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

static void
add_count (GString    *out,
           const char *text)
{
  if (out->len > 0)
    /* Translators: between the parts of "3 files to rename, 1 left alone" */
    g_string_append (out, _(", "));
  g_string_append (out, text);
}

/* "3 files to rename, 1 left alone, 1 already named right" */
static char *
preview_summary (guint n_change,
                 guint n_problems,
                 guint n_right)
{
  GString *out = g_string_new (NULL);
  g_autofree char *change = NULL;

  if (n_change == 0)
    change = g_strdup (_("No files to rename"));
  else
    /* Translators: files renamed or moved */
    change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file to rename", "%u files to rename", n_change),
                              n_change);
  add_count (out, change);
  if (n_problems > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: files not renamed because of a problem shown with them */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left alone", "%u left alone", n_problems),
                              n_problems);
      add_count (out, text);
    }
  if (n_right > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already named right", "%u already named right",
                                           n_right),
                              n_right);
      add_count (out, text);
    }
  return g_string_free (out, FALSE);
}

/* "3 renamed, 1 left alone, 1 failed" */
static char *
result_summary (const MmlOrganizeSummary *sum,
                gboolean                  cancelled)
{
  GString *out = g_string_new (NULL);
  g_autofree char *done = NULL;

  /* Translators: files renamed or moved */
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file renamed", "%u files renamed", sum->done),
                          sum->done);
  add_count (out, done);
  if (sum->problems > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left alone", "%u left alone",
                                                            sum->problems),
                                               sum->problems);
      add_count (out, text);
    }
  /* the files a Cancel stopped count as failed: the sentence says them */
  if (sum->failed > 0 && !cancelled)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                                            sum->failed),
                                               sum->failed);
      add_count (out, text);
    }
  return g_string_free (out, FALSE);
}

/* --- preview -------------------------------------------------------------------- */

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MmlOrganizeDialog) self = user_data;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_change = 0, n_problems = 0, n_right = 0;

  ops = mml_organize_controller_preview_finish (MML_ORGANIZE_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ops == NULL)
    {
      show_error (self, _("Cannot Plan the Renames"), error, RETRY_PREVIEW);
      return;
    }

  /* files already named right are counted, not listed: a library has
   * thousands */
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);

      if (op->problem != NULL)
        n_problems++;
      else if (op->action == MML_ORGANIZE_NONE)
        {
          n_right++;
          continue;
        }
      else
        n_change++;
      g_ptr_array_add (shown, mml_organize_item_new (op));
    }
  /* one splice, one items-changed */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       shown->pdata, shown->len);

  if (shown->len == 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The file of this series already has the name the templates give it.",
                                           "All %u files of this series already have the names the templates give them.",
                                           n_right),
                              n_right);
      adw_status_page_set_description (self->empty_page, text);
      show_state (self, "empty");
      return;
    }

  text = preview_summary (n_change, n_problems, n_right);
  gtk_label_set_label (self->summary_label, text);
  show_state (self, "preview");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), n_change > 0);
  if (n_change > 0)
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->apply_button));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
preview (MmlOrganizeDialog *self)
{
  restart (self);
  show_state (self, "loading");
  mml_organize_controller_preview_async (controller (self), self->series_id, self->root_id, NULL, self->cancellable,
                                         previewed_cb, g_object_ref (self));
}

/* --- apply -------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (MML_ORGANIZE_DIALOG (data)->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* The bar moves while the plan is made (or an undo runs): no count yet */
static void
start_pulse (MmlOrganizeDialog *self)
{
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  gtk_progress_bar_pulse (self->progress_bar);
  if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (150, pulse_cb, self);
}

static void
progress_cb (MmlOrganizeController *ctl,
             guint                  done,
             guint                  total,
             MmlOrganizeDialog     *self)
{
  g_autofree char *text = NULL;

  if (total == 0)
    return;
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  /* Translators: steps of an apply, "12 of 40" */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
show_result (MmlOrganizeDialog *self,
             gboolean           cancelled)
{
  g_autofree char *text = result_summary (&self->summary, cancelled);
  const char *title;

  if (cancelled)
    title = _("Renaming Cancelled");
  else if (self->summary.failed > 0)
    title = _("Some Files Could Not Be Renamed");
  else
    title = _("Files Renamed");
  adw_status_page_set_icon_name (self->result_page,
                                 cancelled || self->summary.failed > 0 ? "dialog-warning-symbolic"
                                                                       : "emblem-ok-symbolic");
  adw_status_page_set_title (self->result_page, title);
  if (cancelled)
    {
      g_autofree char *more = g_strdup_printf (_("%s. The other files are where they were."), text);

      adw_status_page_set_description (self->result_page, more);
    }
  else
    adw_status_page_set_description (self->result_page, text);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), self->summary.batch != 0);
  show_state (self, "result");
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MmlOrganizeDialog) self = user_data;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_signal_handler (&self->progress_handler, object);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  ops = mml_organize_controller_apply_finish (MML_ORGANIZE_CONTROLLER (object), result, &self->summary, &error);
  self->has_result = TRUE;
  if (ops == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_error (self, _("Cannot Rename the Files"), error, RETRY_APPLY);
      return;
    }
  show_result (self, ops == NULL);
}

static void
apply (MmlOrganizeDialog *self)
{
  restart (self);
  memset (&self->summary, 0, sizeof self->summary);
  self->has_result = FALSE;
  adw_status_page_set_title (self->applying_page, _("Renaming Files…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Preparing…"));
  start_pulse (self);
  show_state (self, "applying");
  if (self->progress_handler == 0)
    self->progress_handler = g_signal_connect_object (controller (self), "progress",
                                                      G_CALLBACK (progress_cb), self, 0);
  mml_organize_controller_apply_async (controller (self), self->series_id, self->root_id, NULL, self->cancellable,
                                       applied_cb, g_object_ref (self));
}

/* --- undo --------------------------------------------------------------------- */

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlOrganizeDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  mml_organize_controller_undo_finish (MML_ORGANIZE_CONTROLLER (object), result, &error);
  if (error != NULL)
    {
      show_error (self, _("Cannot Undo the Renames"), error, RETRY_UNDO);
      return;
    }
  self->undone = TRUE;
  adw_status_page_set_icon_name (self->result_page, "edit-undo-symbolic");
  adw_status_page_set_title (self->result_page, _("Renames Undone"));
  adw_status_page_set_description (self->result_page, _("Every file is back where it was."));
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), FALSE);
  show_state (self, "result");
}

static void
undo (MmlOrganizeDialog *self)
{
  if (self->summary.batch == 0)
    return;
  adw_status_page_set_title (self->applying_page, _("Putting Files Back…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  start_pulse (self);
  show_state (self, "undoing");
  /* an undo runs to its end: it is not cancelled with the window */
  mml_organize_controller_undo_async (controller (self), self->summary.batch, NULL, undone_cb,
                                      g_object_ref (self));
}

/* --- callbacks -------------------------------------------------------------------- */

static void
apply_clicked_cb (MmlOrganizeDialog *self,
                  GtkButton         *button)
{
  if (is_state (self, "preview") && gtk_widget_get_sensitive (GTK_WIDGET (button)))
    apply (self);
}

static void
cancel_clicked_cb (MmlOrganizeDialog *self,
                   GtkButton         *button)
{
  if (is_state (self, "applying"))
    {
      /* stops between files; the result comes as usual */
      g_cancellable_cancel (self->cancellable);
      gtk_button_set_label (self->cancel_button, _("Cancelling…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
undo_clicked_cb (MmlOrganizeDialog *self,
                 GtkButton         *button)
{
  undo (self);
}

static void
retry_clicked_cb (MmlOrganizeDialog *self,
                  GtkButton         *button)
{
  switch (self->retry)
    {
    case RETRY_APPLY:
      apply (self);
      break;
    case RETRY_UNDO:
      undo (self);
      break;
    case RETRY_PREVIEW:
    default:
      preview (self);
      break;
    }
}

static gboolean
close_request_cb (MmlOrganizeDialog *self)
{
  /* files are moving: closing is a Cancel, and the dialog stays to say
   * what was done (with Undo) */
  if (is_state (self, "applying"))
    {
      cancel_clicked_cb (self, self->cancel_button);
      return TRUE;
    }
  return is_state (self, "undoing");
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_organize_dialog_dispose (GObject *object)
{
  MmlOrganizeDialog *self = MML_ORGANIZE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->engine != NULL)
    g_clear_signal_handler (&self->progress_handler, controller (self));
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_ORGANIZE_DIALOG);

  G_OBJECT_CLASS (mml_organize_dialog_parent_class)->dispose (object);
}

static void
mml_organize_dialog_class_init (MmlOrganizeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_organize_dialog_dispose;

  g_type_ensure (MML_TYPE_ORGANIZE_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-organize-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, items);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, applying_page);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MmlOrganizeDialog, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
mml_organize_dialog_init (MmlOrganizeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

/**
 * mml_organize_dialog_new:
 * @series_title: (nullable): shown under the title
 *
 * Returns: (transfer none): a new dialog (a toplevel: present it),
 *   already planning
 */
MmlOrganizeDialog *
mml_organize_dialog_new (MmlEngine  *engine,
                         gint64      series_id,
                         const char *series_title)
{
  MmlOrganizeDialog *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (series_id > 0, NULL);

  self = g_object_new (MML_TYPE_ORGANIZE_DIALOG, NULL);
  self->engine = g_object_ref (engine);
  self->series_id = series_id;
  adw_window_title_set_subtitle (self->window_title, series_title);
  preview (self);
  return self;
}

/**
 * mml_organize_dialog_new_for_root:
 * @root_id: a library folder: every series in it
 * @root_title: what the title bar says under "Rename Files" (its path)
 *
 * The same dialog for a whole library folder: its plan may hold many
 * thousands of operations, listed by the same list view.
 *
 * Returns: (transfer none): a new dialog (a toplevel: present it),
 *   already planning
 */
MmlOrganizeDialog *
mml_organize_dialog_new_for_root (MmlEngine  *engine,
                                  gint64      root_id,
                                  const char *root_title)
{
  MmlOrganizeDialog *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (root_id > 0, NULL);

  self = g_object_new (MML_TYPE_ORGANIZE_DIALOG, NULL);
  self->engine = g_object_ref (engine);
  self->root_id = root_id;
  adw_window_title_set_subtitle (self->window_title, root_title);
  preview (self);
  return self;
}

const char *
mml_organize_dialog_get_state (MmlOrganizeDialog *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), NULL);
  return self->state;
}

/**
 * mml_organize_dialog_get_model:
 *
 * Returns: (transfer none): the operations shown
 */
GListModel *
mml_organize_dialog_get_model (MmlOrganizeDialog *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * mml_organize_dialog_get_list_view:
 *
 * Returns: (transfer none): the preview's list
 */
GtkListView *
mml_organize_dialog_get_list_view (MmlOrganizeDialog *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), NULL);
  return self->list_view;
}

const char *
mml_organize_dialog_get_summary (MmlOrganizeDialog *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

/**
 * mml_organize_dialog_get_button:
 *
 * Returns: (transfer none) (nullable): the button @name
 */
GtkButton *
mml_organize_dialog_get_button (MmlOrganizeDialog *self,
                                const char        *name)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), NULL);

  if (g_strcmp0 (name, "apply") == 0)
    return self->apply_button;
  if (g_strcmp0 (name, "cancel") == 0)
    return self->cancel_button;
  if (g_strcmp0 (name, "done") == 0)
    return self->done_button;
  if (g_strcmp0 (name, "undo") == 0)
    return self->undo_button;
  if (g_strcmp0 (name, "retry") == 0)
    return self->retry_button;
  return NULL;
}

double
mml_organize_dialog_get_progress (MmlOrganizeDialog *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), 0.0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

gboolean
mml_organize_dialog_get_result (MmlOrganizeDialog  *self,
                                MmlOrganizeSummary *summary)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), FALSE);

  if (summary != NULL)
    *summary = self->summary;
  return self->has_result;
}

gboolean
mml_organize_dialog_get_undone (MmlOrganizeDialog *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_DIALOG (self), FALSE);
  return self->undone;
}
