/* mml-move-rules-group.c — Settings: "Move by Status" (see
 * mml-move-rules-group.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per status that can have a rule (completed, dropped): the
 * folder or "Off", Choose… (a folder chooser) and Clear. The rules are the
 * library controller's; this group only reads and writes them.
 */
#define G_LOG_DOMAIN "mml-move-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-library-controller.h"
#include "mml-move-rules-group.h"

#define N_RULES 2

static const MmlViewingStatus statuses[N_RULES] = { MML_VIEWING_COMPLETED, MML_VIEWING_DROPPED };

struct _MmlMoveRulesGroup
{
  AdwPreferencesGroup   parent_instance;

  MmlEngine            *engine;
  GCancellable         *cancellable;
  AdwActionRow         *rows[N_RULES];
  GtkWidget            *clear[N_RULES];
  GtkFileChooserNative *chooser;
  guint                 choosing;   /* index of the rule the chooser is for */
};

G_DEFINE_FINAL_TYPE (MmlMoveRulesGroup, mml_move_rules_group, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  MmlMoveRulesGroup *self;
  guint              index;
} RuleOp;

static int
index_of (MmlViewingStatus status)
{
  for (guint i = 0; i < N_RULES; i++)
    if (statuses[i] == status)
      return (int) i;
  return -1;
}

static void
show_rule (MmlMoveRulesGroup *self,
           guint              i,
           const char        *folder)
{
  g_autofree char *display = folder != NULL ? g_filename_display_name (folder) : NULL;

  /* Translators: a move rule that is not set */
  adw_action_row_set_subtitle (self->rows[i], display != NULL ? display : _("Off"));
  gtk_widget_set_sensitive (self->clear[i], folder != NULL);
}

static void
rule_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RuleOp *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = mml_library_controller_get_move_rule_finish (MML_LIBRARY_CONTROLLER (source),
                                                                         result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_rule (op->self, op->index, folder);
  g_object_unref (op->self);
  g_free (op);
}

static void
read_rule (MmlMoveRulesGroup *self,
           guint              i)
{
  RuleOp *op = g_new0 (RuleOp, 1);

  op->self = g_object_ref (self);
  op->index = i;
  mml_library_controller_get_move_rule_async (mml_engine_get_library (self->engine), statuses[i],
                                              self->cancellable, rule_read_cb, op);
}

static void
rule_set_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RuleOp *op = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_library_controller_set_move_rule_finish (MML_LIBRARY_CONTROLLER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mml_engine_report_error (op->self->engine, _("Cannot save the move rule"), error);
    }
  else
    read_rule (op->self, op->index);
  g_object_unref (op->self);
  g_free (op);
}

void
mml_move_rules_group_set_folder (MmlMoveRulesGroup *self,
                                 MmlViewingStatus   status,
                                 const char        *path)
{
  int i = index_of (status);
  RuleOp *op;

  g_return_if_fail (MML_IS_MOVE_RULES_GROUP (self));
  g_return_if_fail (i >= 0 && self->engine != NULL);

  op = g_new0 (RuleOp, 1);
  op->self = g_object_ref (self);
  op->index = (guint) i;
  mml_library_controller_set_move_rule_async (mml_engine_get_library (self->engine), status, path,
                                              self->cancellable, rule_set_cb, op);
}

const char *
mml_move_rules_group_get_shown (MmlMoveRulesGroup *self,
                                MmlViewingStatus   status)
{
  int i = index_of (status);

  g_return_val_if_fail (MML_IS_MOVE_RULES_GROUP (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);
  return adw_action_row_get_subtitle (self->rows[i]);
}

static void
chooser_response_cb (MmlMoveRulesGroup    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        mml_move_rules_group_set_folder (self, statuses[self->choosing], path);
    }
}

static void
choose_clicked_cb (GtkButton         *button,
                   MmlMoveRulesGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->engine == NULL)
    return;
  self->choosing = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rule"));
  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Move Series To"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), NULL);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_clicked_cb (GtkButton         *button,
                  MmlMoveRulesGroup *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rule"));

  if (self->engine != NULL)
    mml_move_rules_group_set_folder (self, statuses[i], NULL);
}

void
mml_move_rules_group_set_engine (MmlMoveRulesGroup *self,
                                 MmlEngine         *engine)
{
  g_return_if_fail (MML_IS_MOVE_RULES_GROUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->engine, engine);
  if (engine == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < N_RULES; i++)
    read_rule (self, i);
}

static void
mml_move_rules_group_dispose (GObject *object)
{
  MmlMoveRulesGroup *self = MML_MOVE_RULES_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (mml_move_rules_group_parent_class)->dispose (object);
}

static void
mml_move_rules_group_class_init (MmlMoveRulesGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mml_move_rules_group_dispose;
}

static void
mml_move_rules_group_init (MmlMoveRulesGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Move by Status"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("When a series becomes completed or dropped, offer to move it to a folder. Nothing moves until you confirm."));
  for (guint i = 0; i < N_RULES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
      GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mml_viewing_status_get_label (statuses[i]));
      gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (clear, "flat");
      gtk_widget_set_tooltip_text (clear, _("Turn Off"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Turn Off"), -1);
      g_object_set_data (G_OBJECT (choose), "rule", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (clear), "rule", GUINT_TO_POINTER (i));
      g_signal_connect (choose, "clicked", G_CALLBACK (choose_clicked_cb), self);
      g_signal_connect (clear, "clicked", G_CALLBACK (clear_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      self->rows[i] = ADW_ACTION_ROW (row);
      self->clear[i] = clear;
      show_rule (self, i, NULL);
    }
}
