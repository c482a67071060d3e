/* mml-history-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The History group of Settings: the journal's batches of changes to the
 * user's files (renames, folders made, subtitles saved), newest first,
 * each with what it is, when, what it did (done, failed, undone) and its
 * state, and Undo on a batch that has something to undo. A batch still
 * "running" while the organise controller is not busy is one a crash
 * interrupted: the group then offers Resume and Roll Back (the
 * controller's recover). Every read and change goes through the organise
 * controller's async verbs; the group reads the history again when it is
 * shown and whenever the controller stops being busy. A failure is shown
 * in a row with Retry.
 */

#define G_LOG_DOMAIN "mml-organize"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-format.h"
#include "mml-history-group.h"
#include "mml-organize-controller.h"

#define MAX_SHOWN 50

typedef enum {
  RETRY_LOAD,
  RETRY_UNDO,
  RETRY_RESUME,
  RETRY_ROLL_BACK,
} RetryWhat;

typedef struct
{
  gint64        id;
  char         *state;
  AdwActionRow *row;           /* owned by the group */
  GtkButton    *undo_button;   /* nullable */
} Shown;

struct _MmlHistoryGroup
{
  AdwPreferencesGroup  parent_instance;

  MmlEngine           *engine;
  GCancellable        *cancellable;   /* the read in flight */
  GArray              *shown;         /* Shown */
  guint                n_working;     /* reads and changes in flight */
  char                *error;
  RetryWhat            retry;
  gint64               retry_batch;

  GtkSpinner          *spinner;
  AdwActionRow        *recover_row;
  GtkButton           *resume_button;
  GtkButton           *rollback_button;
  AdwActionRow        *error_row;
  AdwActionRow        *empty_row;
};

G_DEFINE_FINAL_TYPE (MmlHistoryGroup, mml_history_group, ADW_TYPE_PREFERENCES_GROUP)

/* --- helpers ------------------------------------------------------------------ */

static MmlOrganizeController *
controller (MmlHistoryGroup *self)
{
  return mml_engine_get_organize (self->engine);
}

static void
shown_clear (Shown *shown)
{
  g_free (shown->state);
}

static void
set_working (MmlHistoryGroup *self,
             gboolean         working)
{
  if (working)
    self->n_working++;
  else
    {
      g_assert (self->n_working > 0);
      self->n_working--;
    }
  gtk_spinner_set_spinning (self->spinner, self->n_working > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recover_row), self->n_working == 0);
}

static void
show_error (MmlHistoryGroup *self,
            const char      *title,
            const GError    *error,
            RetryWhat        retry)
{
  g_free (self->error);
  self->error = g_strdup (error->message);
  self->retry = retry;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), title);
  adw_action_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
}

static void
clear_error (MmlHistoryGroup *self)
{
  g_clear_pointer (&self->error, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
}

static const char *
kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "organize") == 0)
    return _("Renamed files");
  if (g_strcmp0 (kind, "folders") == 0)
    return _("Folders made");
  if (g_strcmp0 (kind, "subtitles") == 0)
    return _("Subtitles");
  if (g_strcmp0 (kind, "transfer") == 0)
    return _("Transfer");
  return kind;
}

/* what the state says to the user; a running batch while nothing of
 * ours runs is one a crash interrupted */
static const char *
state_name (MmlHistoryGroup *self,
            const char      *state)
{
  if (g_strcmp0 (state, "done") == 0)
    return _("Done");
  if (g_strcmp0 (state, "failed") == 0)
    return _("Partly failed");
  if (g_strcmp0 (state, "undone") == 0)
    return _("Undone");
  if (g_strcmp0 (state, "running") == 0)
    return mml_organize_controller_get_busy (controller (self)) ? _("Running") : _("Interrupted");
  return state;
}

static char *
batch_subtitle (const MmlJournalBatch *b)
{
  GString *out = g_string_new (NULL);
  g_autofree char *when = mml_format_timestamp (b->created_at);

  g_string_append (out, kind_name (b->kind));
  if (*when != '\0')
    g_string_append_printf (out, " · %s", when);
  g_string_append (out, " · ");
  /* Translators: operations of a batch of file changes */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u done", "%u done", b->n_done), b->n_done);
  if (b->n_failed > 0)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", b->n_failed),
                              b->n_failed);
    }
  if (b->n_undone > 0)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u undone", "%u undone", b->n_undone),
                              b->n_undone);
    }
  if (b->n_trashed > 0)
    {
      g_string_append (out, " · ");
      /* Translators: files a batch of changes moved to the trash (its Undo puts them back) */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u file in the trash", "%u files in the trash",
                                                b->n_trashed),
                              b->n_trashed);
    }
  return g_string_free (out, FALSE);
}

static void
open_trash_clicked_cb (GtkButton *button,
                       gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  /* the files manager's view of the trash: where the batch's files are */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "trash:///", GDK_CURRENT_TIME);
}

static void undo_clicked_cb (MmlHistoryGroup *self,
                             GtkButton       *button);

static Shown
batch_row_new (MmlHistoryGroup       *self,
               const MmlJournalBatch *b)
{
  Shown shown = { b->id, g_strdup (b->state), NULL, NULL };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (state_name (self, b->state));
  g_autofree char *subtitle = batch_subtitle (b);
  gboolean can_undo = (g_strcmp0 (b->state, "done") == 0 || g_strcmp0 (b->state, "failed") == 0) &&
                      b->n_done > 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 b->title != NULL && *b->title != '\0' ? b->title : kind_name (b->kind));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (state, "caption");
  if (g_strcmp0 (b->state, "running") == 0 || g_strcmp0 (b->state, "failed") == 0)
    gtk_widget_add_css_class (state, "warning");
  else
    gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  if (b->n_trashed > 0)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Open the Trash"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open the Trash"), -1);
      g_signal_connect (button, "clicked", G_CALLBACK (open_trash_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  if (can_undo)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo"));
      g_autofree char *label = g_strdup_printf (_("Undo “%s”"), b->title != NULL ? b->title : "");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "mml-batch-id", g_memdup2 (&b->id, sizeof b->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (undo_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      shown.undo_button = GTK_BUTTON (button);
    }
  shown.row = ADW_ACTION_ROW (row);
  return shown;
}

static void
clear_rows (MmlHistoryGroup *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  GTK_WIDGET (g_array_index (self->shown, Shown, i).row));
  g_array_set_size (self->shown, 0);
}

/* --- reading ------------------------------------------------------------------- */

static void
history_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlHistoryGroup) self = user_data;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  gboolean interrupted = FALSE;

  batches = mml_organize_controller_history_finish (MML_ORGANIZE_CONTROLLER (object), result, &error);
  /* a read replaced by another, or the group gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->engine == NULL)
    return;
  g_clear_object (&self->cancellable);
  set_working (self, FALSE);
  if (batches == NULL)
    {
      show_error (self, _("Cannot Read the History"), error, RETRY_LOAD);
      return;
    }
  if (self->retry == RETRY_LOAD)
    clear_error (self);

  clear_rows (self);
  for (guint i = 0; i < batches->len; i++)
    {
      MmlJournalBatch *b = g_ptr_array_index (batches, i);

      if (g_strcmp0 (b->state, "running") == 0)
        interrupted = TRUE;
      if (i < MAX_SHOWN)
        {
          Shown shown = batch_row_new (self, b);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (shown.row));
          g_array_append_val (self->shown, shown);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), batches->len == 0);
  /* our own apply is "running" too: only a batch no one runs is offered */
  gtk_widget_set_visible (GTK_WIDGET (self->recover_row),
                          interrupted && !mml_organize_controller_get_busy (controller (self)));
}

void
mml_history_group_reload (MmlHistoryGroup *self)
{
  g_return_if_fail (MML_IS_HISTORY_GROUP (self));

  if (self->engine == NULL)
    return;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      set_working (self, FALSE);
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_working (self, TRUE);
  mml_organize_controller_history_async (controller (self), self->cancellable, history_read_cb,
                                         g_object_ref (self));
}

/* --- changing ------------------------------------------------------------------- */

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlHistoryGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  mml_organize_controller_undo_finish (MML_ORGANIZE_CONTROLLER (object), result, &error);
  if (self->engine == NULL)
    return;
  set_working (self, FALSE);
  if (error != NULL)
    show_error (self, _("Cannot Undo the Batch"), error, RETRY_UNDO);
  else
    clear_error (self);
  mml_history_group_reload (self);
}

static void
undo_batch (MmlHistoryGroup *self,
            gint64           batch)
{
  self->retry_batch = batch;
  set_working (self, TRUE);
  mml_organize_controller_undo_async (controller (self), batch, NULL, undone_cb, g_object_ref (self));
}

static void
recovered_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MmlHistoryGroup) self = user_data;
  g_autoptr(GArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  gboolean roll_back = self->retry == RETRY_ROLL_BACK;

  batches = mml_organize_controller_recover_finish (MML_ORGANIZE_CONTROLLER (object), result, &error);
  if (self->engine == NULL)
    return;
  set_working (self, FALSE);
  if (batches == NULL)
    show_error (self, roll_back ? _("Cannot Roll Back") : _("Cannot Resume"), error,
                roll_back ? RETRY_ROLL_BACK : RETRY_RESUME);
  else
    clear_error (self);
  mml_history_group_reload (self);
}

static void
recover (MmlHistoryGroup *self,
         gboolean         roll_back)
{
  /* remembered for the error's Retry and the callback */
  self->retry = roll_back ? RETRY_ROLL_BACK : RETRY_RESUME;
  set_working (self, TRUE);
  mml_organize_controller_recover_async (controller (self), roll_back, NULL, recovered_cb, g_object_ref (self));
}

/* --- callbacks -------------------------------------------------------------------- */

static void
undo_clicked_cb (MmlHistoryGroup *self,
                 GtkButton       *button)
{
  gint64 *batch = g_object_get_data (G_OBJECT (button), "mml-batch-id");

  if (self->engine == NULL || batch == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  undo_batch (self, *batch);
}

static void
resume_clicked_cb (MmlHistoryGroup *self,
                   GtkButton       *button)
{
  if (self->engine != NULL)
    recover (self, FALSE);
}

static void
rollback_clicked_cb (MmlHistoryGroup *self,
                     GtkButton       *button)
{
  if (self->engine != NULL)
    recover (self, TRUE);
}

static void
retry_clicked_cb (MmlHistoryGroup *self,
                  GtkButton       *button)
{
  if (self->engine == NULL)
    return;
  switch (self->retry)
    {
    case RETRY_UNDO:
      undo_batch (self, self->retry_batch);
      break;
    case RETRY_RESUME:
      recover (self, FALSE);
      break;
    case RETRY_ROLL_BACK:
      recover (self, TRUE);
      break;
    case RETRY_LOAD:
    default:
      mml_history_group_reload (self);
      break;
    }
}

static void
busy_changed_cb (MmlHistoryGroup       *self,
                 GParamSpec            *pspec,
                 MmlOrganizeController *ctl)
{
  /* a batch just ended (here, in a dialog or in the tray's jobs) */
  if (!mml_organize_controller_get_busy (ctl))
    mml_history_group_reload (self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->recover_row), FALSE);
}

static void
mapped_cb (MmlHistoryGroup *self)
{
  mml_history_group_reload (self);
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_history_group_dispose (GObject *object)
{
  MmlHistoryGroup *self = MML_HISTORY_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (controller (self), self);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->shown, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_HISTORY_GROUP);

  G_OBJECT_CLASS (mml_history_group_parent_class)->dispose (object);
}

static void
mml_history_group_finalize (GObject *object)
{
  MmlHistoryGroup *self = MML_HISTORY_GROUP (object);

  g_free (self->error);

  G_OBJECT_CLASS (mml_history_group_parent_class)->finalize (object);
}

static void
mml_history_group_class_init (MmlHistoryGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_history_group_dispose;
  object_class->finalize = mml_history_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mml-history-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlHistoryGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlHistoryGroup, recover_row);
  gtk_widget_class_bind_template_child (widget_class, MmlHistoryGroup, resume_button);
  gtk_widget_class_bind_template_child (widget_class, MmlHistoryGroup, rollback_button);
  gtk_widget_class_bind_template_child (widget_class, MmlHistoryGroup, error_row);
  gtk_widget_class_bind_template_child (widget_class, MmlHistoryGroup, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, resume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rollback_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
mml_history_group_init (MmlHistoryGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_array_new (FALSE, FALSE, sizeof (Shown));
  g_array_set_clear_func (self->shown, (GDestroyNotify) shown_clear);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}

void
mml_history_group_set_engine (MmlHistoryGroup *self,
                              MmlEngine       *engine)
{
  g_return_if_fail (MML_IS_HISTORY_GROUP (self));
  g_return_if_fail (engine == NULL || MML_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (controller (self), self);
  g_set_object (&self->engine, engine);
  if (engine == NULL)
    return;
  g_signal_connect_object (controller (self), "notify::busy", G_CALLBACK (busy_changed_cb), self,
                           G_CONNECT_SWAPPED);
  mml_history_group_reload (self);
}

gboolean
mml_history_group_get_busy (MmlHistoryGroup *self)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), FALSE);
  return self->n_working > 0;
}

guint
mml_history_group_get_n_batches (MmlHistoryGroup *self)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), 0);
  return self->shown->len;
}

gint64
mml_history_group_get_batch_id (MmlHistoryGroup *self,
                                guint            index)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), 0);
  g_return_val_if_fail (index < self->shown->len, 0);
  return g_array_index (self->shown, Shown, index).id;
}

const char *
mml_history_group_get_batch_state (MmlHistoryGroup *self,
                                   guint            index)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_array_index (self->shown, Shown, index).state;
}

/**
 * mml_history_group_get_row:
 *
 * Returns: (transfer none): the row of batch @index
 */
AdwActionRow *
mml_history_group_get_row (MmlHistoryGroup *self,
                           guint            index)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_array_index (self->shown, Shown, index).row;
}

/**
 * mml_history_group_get_undo_button:
 *
 * Returns: (transfer none) (nullable): the Undo of batch @index
 */
GtkButton *
mml_history_group_get_undo_button (MmlHistoryGroup *self,
                                   guint            index)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_array_index (self->shown, Shown, index).undo_button;
}

gboolean
mml_history_group_get_offers_recover (MmlHistoryGroup *self)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->recover_row));
}

const char *
mml_history_group_get_error (MmlHistoryGroup *self)
{
  g_return_val_if_fail (MML_IS_HISTORY_GROUP (self), NULL);
  return self->error;
}
