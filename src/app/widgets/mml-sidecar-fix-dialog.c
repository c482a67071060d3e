/* mml-sidecar-fix-dialog.c — a change to the library's subtitle files,
 * previewed, then made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window for the three changes the subtitles controller makes to
 * sidecars on disk: the punctuation of right-to-left lines, text to
 * UTF-8, Hebrew names to the app's own. It opens on the controller's dry
 * run (each file with what would change: a line before and after, the
 * encoding, the new name; files left alone say why), and the suggested
 * button makes the change: one journal batch, the originals in the
 * trash. Nothing is written before that button.
 */
#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-sidecar-fix-dialog.h"
#include "mml-subtitles-controller.h"

struct _MmlSidecarFixDialog
{
  AdwWindow       parent_instance;

  MmlEngine      *engine;
  MmlSidecarFix   fix;
  GCancellable   *cancellable;
  guint           n_to_fix;

  GtkStack       *stack;
  GtkListBox     *list;
  GtkLabel       *summary;
  AdwStatusPage  *error_page;
  GtkButton      *apply_button;
};

G_DEFINE_FINAL_TYPE (MmlSidecarFixDialog, mml_sidecar_fix_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- the controller's three calls, one shape ----------------------------------- */

static void
run (MmlSidecarFixDialog *self,
     gboolean             dry_run,
     GAsyncReadyCallback  callback)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (self->engine);

  switch (self->fix)
    {
    case MML_SIDECAR_FIX_ENCODING:
      mml_subtitles_controller_convert_async (subs, NULL, dry_run, self->cancellable, callback, g_object_ref (self));
      break;
    case MML_SIDECAR_FIX_HEBREW_NAMES:
      mml_subtitles_controller_rename_hebrew_async (subs, dry_run, self->cancellable, callback, g_object_ref (self));
      break;
    case MML_SIDECAR_FIX_RTL:
    default:
      mml_subtitles_controller_fix_rtl_files_async (subs, NULL, dry_run, self->cancellable, callback,
                                                    g_object_ref (self));
      break;
    }
}

static GPtrArray *
run_finish (MmlSidecarFixDialog  *self,
            GAsyncResult         *result,
            GError              **error)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (self->engine);

  switch (self->fix)
    {
    case MML_SIDECAR_FIX_ENCODING:
      return mml_subtitles_controller_convert_finish (subs, result, NULL, error);
    case MML_SIDECAR_FIX_HEBREW_NAMES:
      return mml_subtitles_controller_rename_hebrew_finish (subs, result, NULL, error);
    case MML_SIDECAR_FIX_RTL:
    default:
      return mml_subtitles_controller_fix_rtl_files_finish (subs, result, NULL, error);
    }
}

/* --- the preview ------------------------------------------------------------------ */

/* What @c would change, in words */
static char *
change_text (MmlSidecarFixDialog     *self,
             const MmlSubtitleChange *c)
{
  if (c->problem != NULL)
    return g_strdup (c->problem);

  switch (self->fix)
    {
    case MML_SIDECAR_FIX_ENCODING:
      /* Translators: %s is a text encoding, windows-1255 */
      return g_strdup_printf (_("From %s to UTF-8"), c->encoding ? c->encoding : "?");
    case MML_SIDECAR_FIX_HEBREW_NAMES:
      {
        g_autofree char *to = g_filename_display_basename (c->to);
        g_autofree char *isolated = mml_format_isolate (to);

        /* Translators: %s is the file's new name */
        return g_strdup_printf (_("Becomes %s"), isolated);
      }
    case MML_SIDECAR_FIX_RTL:
    default:
      {
        /* each line in its own direction, whatever the interface's */
        g_autofree char *before = mml_format_isolate (c->before ? c->before : "");
        g_autofree char *after = mml_format_isolate (c->after ? c->after : "");

        /* Translators: how many lines change, then the first as it is and as it becomes */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line changes: “%s” becomes “%s”",
                                             "%u lines change, as “%s” becomes “%s”", c->lines),
                                c->lines, before, after);
      }
    }
}

static GtkWidget *
change_row_new (MmlSidecarFixDialog     *self,
                const MmlSubtitleChange *c)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_filename_display_basename (c->from);
  g_autofree char *dir = g_path_get_dirname (c->from);
  g_autofree char *folder = mml_format_short_path (dir);
  g_autofree char *text = change_text (self, c);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (row, folder);
  if (c->problem != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

/* The changes of a run, or NULL when there are none to show (cancelled,
 * or failed: the error page says why) */
static GPtrArray *
run_finish_or_show (MmlSidecarFixDialog *self,
                    GAsyncResult        *result)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = run_finish (self, result, &error);

  if (changes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  return changes;
}

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MmlSidecarFixDialog) self = user_data;
  g_autoptr(GPtrArray) changes = run_finish_or_show (self, result);
  guint problems = 0;

  if (changes == NULL)
    return;

  self->n_to_fix = 0;
  for (guint i = 0; i < changes->len; i++)
    {
      MmlSubtitleChange *c = g_ptr_array_index (changes, i);

      gtk_list_box_append (self->list, change_row_new (self, c));
      if (c->problem == NULL)
        self->n_to_fix++;
      else
        problems++;
    }
  if (changes->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  {
    g_autofree char *fixing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file changes.",
                                                            "%u files change.", self->n_to_fix),
                                               self->n_to_fix);
    g_autofree char *left = problems > 0
                            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " %u is left as it is.",
                                                            " %u are left as they are.", problems), problems)
                            : g_strdup ("");
    g_autofree char *text = g_strconcat (fixing, left, " ",
                                         _("The originals go to the trash, and History in Settings can undo it."), NULL);

    gtk_label_set_label (self->summary, text);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), self->n_to_fix > 0);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* --- the change ------------------------------------------------------------------- */

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MmlSidecarFixDialog) self = user_data;
  g_autoptr(GPtrArray) changes = run_finish_or_show (self, result);
  guint done = 0;

  if (changes == NULL)
    return;
  for (guint i = 0; i < changes->len; i++)
    if (((MmlSubtitleChange *) g_ptr_array_index (changes, i))->problem == NULL)
      done++;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, done);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_clicked_cb (MmlSidecarFixDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  run (self, FALSE, applied_cb);
}

/* --- the window ---------------------------------------------------------------------- */

static GtkWidget *
status_page_new (const char *icon,
                 const char *title,
                 const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  return page;
}

static void
build (MmlSidecarFixDialog *self)
{
  const char *title, *apply, *nothing;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  switch (self->fix)
    {
    case MML_SIDECAR_FIX_ENCODING:
      title = _("Convert Subtitles to UTF-8");
      apply = _("C_onvert");
      nothing = _("Every subtitle file is in UTF-8 already.");
      break;
    case MML_SIDECAR_FIX_HEBREW_NAMES:
      title = _("Rename Hebrew Subtitles");
      apply = _("_Rename");
      nothing = _("Every Hebrew subtitle file has the app’s own name already.");
      break;
    case MML_SIDECAR_FIX_RTL:
    default:
      title = _("Fix Right-to-Left Punctuation");
      apply = _("_Fix");
      nothing = _("No Hebrew or Arabic line of an SRT or WebVTT file has its punctuation at the start.");
      break;
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 520);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 300);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = GTK_BUTTON (gtk_button_new_with_mnemonic (apply));
  gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  g_signal_connect_object (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->apply_button));
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, status_page_new ("emblem-ok-symbolic", _("Nothing to Change"), nothing), "empty");
  self->error_page = ADW_STATUS_PAGE (status_page_new ("dialog-error-symbolic", _("Cannot Read the Subtitle Files"),
                                                       NULL));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->summary));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
mml_sidecar_fix_dialog_dispose (GObject *object)
{
  MmlSidecarFixDialog *self = MML_SIDECAR_FIX_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (mml_sidecar_fix_dialog_parent_class)->dispose (object);
}

static void
mml_sidecar_fix_dialog_class_init (MmlSidecarFixDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_sidecar_fix_dialog_dispose;

  /**
   * MmlSidecarFixDialog::finished:
   * @done: the files changed
   *
   * The change was made; the window closes.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mml_sidecar_fix_dialog_init (MmlSidecarFixDialog *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * mml_sidecar_fix_dialog_new:
 * @parent: (nullable): the window it is modal for
 *
 * Returns: (transfer none): a new dialog, already reading what @fix would
 *   change; present it
 */
MmlSidecarFixDialog *
mml_sidecar_fix_dialog_new (GtkWindow     *parent,
                            MmlEngine     *engine,
                            MmlSidecarFix  fix)
{
  MmlSidecarFixDialog *self;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);

  self = g_object_new (MML_TYPE_SIDECAR_FIX_DIALOG, NULL);
  self->engine = g_object_ref (engine);
  self->fix = fix;
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  build (self);
  run (self, TRUE, previewed_cb);
  return self;
}

const char *
mml_sidecar_fix_dialog_get_state (MmlSidecarFixDialog *self)
{
  g_return_val_if_fail (MML_IS_SIDECAR_FIX_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
mml_sidecar_fix_dialog_get_n_to_fix (MmlSidecarFixDialog *self)
{
  g_return_val_if_fail (MML_IS_SIDECAR_FIX_DIALOG (self), 0);
  return self->n_to_fix;
}

GtkButton *
mml_sidecar_fix_dialog_get_apply_button (MmlSidecarFixDialog *self)
{
  g_return_val_if_fail (MML_IS_SIDECAR_FIX_DIALOG (self), NULL);
  return self->apply_button;
}

GtkListBox *
mml_sidecar_fix_dialog_get_list (MmlSidecarFixDialog *self)
{
  g_return_val_if_fail (MML_IS_SIDECAR_FIX_DIALOG (self), NULL);
  return self->list;
}
