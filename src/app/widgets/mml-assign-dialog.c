/* mml-assign-dialog.c — place an unrecognised video by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message dialog over the window: the series (a searchable drop-down of
 * the library's series, the one whose folder holds the file chosen first),
 * the season and the episode. Assign hands them to the library controller,
 * which keeps them as the file's override and rescans its folder; the
 * window's toast says what happened. The rule of where a video goes stays
 * the scanner's.
 */

#define G_LOG_DOMAIN "mml-assign"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-assign-dialog.h"

#include "mml-format.h"
#include "mml-library-controller.h"
#include "mml-window.h"

#define DATA_KEY "mml-assign-data"

typedef struct
{
  MmlEngine     *engine;
  GtkWindow     *parent;   /* weak */
  gint64         file_id;
  char          *name;
  GtkDropDown   *series;
  GtkSpinButton *season;
  GtkSpinButton *episode;
} Assign;

static void
assign_free (Assign *a)
{
  g_clear_object (&a->engine);
  g_clear_weak_pointer (&a->parent);
  g_free (a->name);
  g_free (a);
}

static void
toast (GtkWindow  *parent,
       const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (MML_IS_WINDOW (parent))
    mml_window_add_toast (MML_WINDOW (parent), adw_toast_new (escaped));
}

typedef struct
{
  GtkWindow *parent;   /* weak */
  char      *text;     /* "Harbour Lights S01E05" */
} Done;

static void
assigned_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(MmlAssignment) assignment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  assignment = mml_library_controller_assign_files_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (assignment == NULL)
    /* Translators: %s says why */
    text = g_strdup_printf (_("Cannot assign the file: %s"), error->message);
  else
    /* Translators: %s is a series and an episode, "Harbour Lights S01E05" */
    text = g_strdup_printf (_("Assigned to %s"), done->text);
  if (done->parent != NULL)
    toast (done->parent, text);
  g_clear_weak_pointer (&done->parent);
  g_free (done->text);
  g_free (done);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Assign *a = g_object_get_data (G_OBJECT (dialog), DATA_KEY);
  MmlSeriesItem *series;
  Done *done;
  int season, episode;
  g_autofree char *code = NULL;

  if (g_strcmp0 (response, "assign") != 0 || a->engine == NULL)
    return;
  series = gtk_drop_down_get_selected_item (a->series);
  if (series == NULL)
    return;
  season = gtk_spin_button_get_value_as_int (a->season);
  episode = gtk_spin_button_get_value_as_int (a->episode);
  code = mml_format_episode_code (season, episode, -1);

  done = g_new0 (Done, 1);
  g_set_weak_pointer (&done->parent, a->parent);
  done->text = g_strdup_printf ("%s %s", mml_series_item_get_title (series), code);
  mml_library_controller_assign_files_async (mml_engine_get_library (a->engine), &a->file_id, 1,
                                             mml_series_item_get_id (series), season, episode, 1,
                                             NULL, assigned_cb, done);
}

/* The series whose folder holds @file, if any */
static guint
series_of_file (GListModel          *series,
                MmlUnrecognisedFile *file)
{
  const char *path = mml_unrecognised_file_get_path (file);
  const char *slash = strchr (path, '/');

  for (guint i = 0; slash != NULL && i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, i);
      const char *folder = mml_series_item_get_folder (item);

      if (mml_series_item_get_root_id (item) == mml_unrecognised_file_get_root_id (file) &&
          folder != NULL && strlen (folder) == (gsize) (slash - path) && strncmp (folder, path, slash - path) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
selection_changed_cb (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "assign", gtk_drop_down_get_selected_item (dropdown) != NULL);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), field);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return box;
}

/**
 * mml_series_drop_down_new:
 *
 * The library's series by title, searchable by typing: what a user picks
 * a series from (Assign, a server's series to place). Nothing selected.
 *
 * Returns: (transfer floating): the drop-down
 */
GtkDropDown *
mml_series_drop_down_new (MmlEngine *engine)
{
  GListModel *all = mml_library_controller_get_series (mml_engine_get_library (engine));
  GtkStringSorter *by_title = gtk_string_sorter_new (gtk_property_expression_new (MML_TYPE_SERIES_ITEM, NULL, "title"));
  GtkSortListModel *sorted;
  GtkDropDown *dropdown;

  gtk_string_sorter_set_ignore_case (by_title, TRUE);
  sorted = gtk_sort_list_model_new (g_object_ref (all), GTK_SORTER (by_title));
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (sorted),
                                               gtk_property_expression_new (MML_TYPE_SERIES_ITEM, NULL, "title")));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_drop_down_set_selected (dropdown, GTK_INVALID_LIST_POSITION);
  return dropdown;
}

/**
 * mml_assign_dialog_new:
 * @parent: the window it is modal over
 * @file: the video to place
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
mml_assign_dialog_new (GtkWindow           *parent,
                       MmlEngine           *engine,
                       MmlUnrecognisedFile *file)
{
  g_autofree char *name = g_filename_display_basename (mml_unrecognised_file_get_path (file));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *numbers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  Assign *a = g_new0 (Assign, 1);
  guint position;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Assign “%s”"), name);
  dialog = adw_message_dialog_new (parent, heading,
                                   _("Choose the series, season and episode this video holds. The library keeps "
                                     "your choice whatever its name says, and Rename Files can give it a name that says so."));
  a->engine = g_object_ref (engine);
  g_set_weak_pointer (&a->parent, parent);
  a->file_id = mml_unrecognised_file_get_file_id (file);
  a->name = g_strdup (name);

  a->series = mml_series_drop_down_new (engine);
  position = series_of_file (gtk_drop_down_get_model (a->series), file);
  gtk_drop_down_set_selected (a->series, position);

  a->season = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 999, 1));
  gtk_spin_button_set_value (a->season, 1);
  a->episode = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 99999, 1));
  gtk_spin_button_set_value (a->episode, 1);

  gtk_box_append (GTK_BOX (box), labelled (_("_Series"), GTK_WIDGET (a->series)));
  gtk_box_append (GTK_BOX (numbers), labelled (_("S_eason"), GTK_WIDGET (a->season)));
  gtk_box_append (GTK_BOX (numbers), labelled (_("_Episode"), GTK_WIDGET (a->episode)));
  gtk_widget_set_halign (numbers, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), numbers);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "assign", _("_Assign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign",
                                           gtk_drop_down_get_selected_item (a->series) != NULL);

  g_object_set_data_full (G_OBJECT (dialog), DATA_KEY, a, (GDestroyNotify) assign_free);
  g_signal_connect (a->series, "notify::selected-item", G_CALLBACK (selection_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  return dialog;
}

static Assign *
get (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), DATA_KEY);
}

GtkDropDown *
mml_assign_dialog_get_series (GtkWidget *dialog)
{
  return get (dialog)->series;
}

GtkSpinButton *
mml_assign_dialog_get_season (GtkWidget *dialog)
{
  return get (dialog)->season;
}

GtkSpinButton *
mml_assign_dialog_get_episode (GtkWidget *dialog)
{
  return get (dialog)->episode;
}
