/* mml-change-match-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Change…" on a new automatic match: the same choices a match conflict
 * offers, in an MmlMatchConflictRow made for the series — the show it is
 * matched with as the one candidate (its Confirm keeps it), the provider's
 * id, search again with other words, and Ignore. The series' row is read
 * from the store first (the provider and its ids are not on the item).
 *
 * The window watches the engine's series: once the series is no longer
 * an automatic match (a choice was written, or the folder ignored, and the
 * engine reloaded), it says "decided" with the new item and closes.
 * Nothing changes until a choice is made, so Cancel (or Escape) is safe.
 */

#define G_LOG_DOMAIN "mml-change-match-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-candidate-row.h"
#include "mml-change-match-dialog.h"
#include "mml-format.h"
#include "mml-meta-store.h"

struct _MmlChangeMatchDialog
{
  AdwWindow            parent_instance;

  MmlEngine   *engine;
  gint64               series_id;
  GCancellable        *cancellable;
  MmlMatchConflictRow *row;
  gboolean             decided;

  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwPreferencesGroup *group;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (MmlChangeMatchDialog, mml_change_match_dialog, ADW_TYPE_WINDOW)

enum {
  DECIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The series as a conflict whose one candidate is its current match */
static MmlMatchConflict *
conflict_for (MmlSeriesItem *series)
{
  MmlMatchConflict *conflict = g_new0 (MmlMatchConflict, 1);
  const char *provider = mml_series_item_get_provider (series);
  MmlMetaProvider kind;

  conflict->series_id = mml_series_item_get_id (series);
  conflict->root_path = g_strdup (mml_series_item_get_root_path (series));
  conflict->folder = g_strdup (mml_series_item_get_folder (series));
  conflict->title = g_strdup (mml_series_item_get_title (series));
  conflict->year = mml_series_item_get_year (series);
  conflict->decision = g_strdup (mml_match_decision_to_string (MML_MATCH_AMBIGUOUS));
  conflict->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_candidate_row_free);

  if (mml_meta_provider_from_string (provider, &kind) && mml_series_item_get_provider_id (series, kind) > 0)
    {
      MmlCandidateRow *c = g_new0 (MmlCandidateRow, 1);

      c->provider = g_strdup (provider);
      c->id = mml_series_item_get_provider_id (series, kind);
      c->title = g_strdup (mml_series_item_get_title (series));
      c->year = mml_series_item_get_year (series);
      c->network = g_strdup (mml_series_item_get_network (series));
      c->country = g_strdup (mml_series_item_get_country (series));
      c->overview = g_strdup (mml_series_item_get_overview (series));
      c->poster_url = g_strdup (mml_series_item_get_poster_url (series));
      c->score = -1;   /* the user judges it, not the score */
      g_ptr_array_add (conflict->candidates, c);
    }

  return conflict;
}

/* "Matched automatically with “The Flash (2014)” on TVmaze\n~/TV/The Flash" */
static char *
describe (MmlSeriesItem *series)
{
  g_autofree char *title = mml_title_with_year (mml_series_item_get_title (series),
                                                mml_series_item_get_year (series));
  const char *root_path = mml_series_item_get_root_path (series);
  const char *folder = mml_series_item_get_folder (series);
  g_autofree char *path = NULL;
  g_autofree char *path_display = NULL;
  g_autofree char *matched = NULL;
  MmlMetaProvider kind;

  if (root_path != NULL && folder != NULL)
    path = g_build_filename (root_path, folder, NULL);
  else
    path = g_strdup (root_path ? root_path : folder);
  path_display = path ? mml_format_path (path) : g_strdup ("");

  if (mml_meta_provider_from_string (mml_series_item_get_provider (series), &kind))
    /* Translators: a show, then a provider: "Matched automatically with “The Flash (2014)” on TVmaze" */
    matched = g_strdup_printf (_("Matched automatically with “%s” on %s"), title,
                               mml_meta_provider_display_name (kind));
  else
    /* Translators: %s is a show */
    matched = g_strdup_printf (_("Matched automatically with “%s”"), title);

  return g_strdup_printf ("%s\n%s", matched, path_display);
}

static void
row_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlChangeMatchDialog) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMatchConflictItem) item = NULL;
  g_autofree char *subtitle = NULL;
  MmlSeriesItem *row;

  rows = mml_metadata_controller_list_series_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rows == NULL || rows->len == 0)
    {
      adw_status_page_set_description (self->error_page,
                                       error ? error->message : _("The series is no longer in the library."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  row = g_ptr_array_index (rows, 0);
  item = mml_match_conflict_item_new (conflict_for (row));
  self->row = MML_MATCH_CONFLICT_ROW (mml_match_conflict_row_new (self->engine, item));
  subtitle = describe (row);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->row), TRUE);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->row));
  gtk_stack_set_visible_child_name (self->stack, "choices");

  /* ready to type other words */
  gtk_widget_grab_focus (GTK_WIDGET (mml_match_conflict_row_get_search_row (self->row)));
}

static void
series_changed_cb (MmlChangeMatchDialog *self,
                   guint                 position,
                   guint                 removed,
                   guint                 added,
                   GListModel           *model)
{
  if (self->decided)
    return;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (mml_series_item_get_id (item) != self->series_id)
        continue;
      if (g_strcmp0 (mml_series_item_get_match_state (item), "auto") == 0)
        return;

      self->decided = TRUE;
      g_signal_emit (self, signals[DECIDED], 0, item);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
}

/* --- GObject ------------------------------------------------------------------- */

static void
mml_change_match_dialog_dispose (GObject *object)
{
  MmlChangeMatchDialog *self = MML_CHANGE_MATCH_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (mml_library_controller_get_series (mml_engine_get_library (self->engine)), self);
  g_clear_object (&self->engine);
  self->row = NULL;

  G_OBJECT_CLASS (mml_change_match_dialog_parent_class)->dispose (object);
}

static void
mml_change_match_dialog_class_init (MmlChangeMatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_change_match_dialog_dispose;

  /**
   * MmlChangeMatchDialog::decided:
   * @item: the series in its new state (manual, ignored…)
   *
   * The series is no longer an automatic match; the window closes.
   */
  signals[DECIDED] =
    g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MML_TYPE_SERIES_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-change-match-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlChangeMatchDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MmlChangeMatchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MmlChangeMatchDialog, group);
  gtk_widget_class_bind_template_child (widget_class, MmlChangeMatchDialog, error_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mml_change_match_dialog_init (MmlChangeMatchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mml_change_match_dialog_new:
 * @item: an automatic match
 * @parent: (nullable): the window it is modal for
 */
MmlChangeMatchDialog *
mml_change_match_dialog_new (MmlEngine *engine,
                             MmlSeriesItem     *item,
                             GtkWindow         *parent)
{
  MmlChangeMatchDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (MML_IS_SERIES_ITEM (item), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (MML_TYPE_CHANGE_MATCH_DIALOG, "transient-for", parent, NULL);
  self->engine = g_object_ref (engine);
  self->series_id = mml_series_item_get_id (item);
  self->cancellable = g_cancellable_new ();

  if (mml_series_item_get_folder (item) != NULL)
    subtitle = g_filename_display_basename (mml_series_item_get_folder (item));
  else
    subtitle = g_strdup (mml_series_item_get_title (item));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  g_signal_connect_object (mml_library_controller_get_series (mml_engine_get_library (engine)), "items-changed",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  mml_metadata_controller_list_series_async (mml_engine_get_metadata (engine), self->series_id,
                                    self->cancellable, row_read_cb, g_object_ref (self));

  return self;
}

gint64
mml_change_match_dialog_get_series_id (MmlChangeMatchDialog *self)
{
  g_return_val_if_fail (MML_IS_CHANGE_MATCH_DIALOG (self), 0);
  return self->series_id;
}

/**
 * mml_change_match_dialog_get_row:
 *
 * Returns: (transfer none) (nullable): the choices, once the series is read
 */
MmlMatchConflictRow *
mml_change_match_dialog_get_row (MmlChangeMatchDialog *self)
{
  g_return_val_if_fail (MML_IS_CHANGE_MATCH_DIALOG (self), NULL);
  return self->row;
}
