/* mml-add-series-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add a series by searching the primary provider: results with their
 * poster, year, network and overview; a library folder and a folder name
 * ("Title (Year)", editable). Add creates the folder on disk if it is
 * missing, adds the series row (so its episodes show as missing before any
 * file exists), and matches it to the chosen result as the user's own
 * choice. Every step is asynchronous; the window stays responsive and can
 * be cancelled while searching.
 */

#define G_LOG_DOMAIN "mml-add-series"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-add-series-dialog-private.h"
#include "mml-series-folder.h"
#include "mml-format.h"
#include "mml-meta-store.h"
#include "mml-poster-cache.h"
#include "widgets/mml-series-result-row.h"


G_DEFINE_FINAL_TYPE (MmlAddSeriesDialog, mml_add_series_dialog, ADW_TYPE_WINDOW)

enum {
  SERIES_ADDED,
  OPEN_SERIES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

const char *
_mml_add_series_dialog_provider_name (MmlAddSeriesDialog *self)
{
  if (self->engine == NULL)
    return NULL;
  return mml_meta_provider_display_name (mml_metadata_controller_get_provider (mml_engine_get_metadata (self->engine)));
}

static MmlRoot *
selected_root (MmlAddSeriesDialog *self)
{
  return adw_combo_row_get_selected_item (self->root_row);
}

static void
set_message (MmlAddSeriesDialog *self,
             const char         *text,
             gboolean            is_error)
{
  gtk_label_set_label (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL && *text != '\0');
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
}

/* The series the library has already for @candidate, or NULL */
MmlSeriesItem *
_mml_add_series_dialog_in_library (MmlAddSeriesDialog *self,
                                   MmlMetaCandidate   *candidate)
{
  if (candidate == NULL || self->in_library == NULL)
    return NULL;
  return g_hash_table_lookup (self->in_library, &candidate->series->provider_id);
}

/* Why @name cannot be the new series' folder, or NULL when it can: the
 * engine's rule, the one the add itself checks */
static char *
folder_problem (MmlAddSeriesDialog *self,
                const char         *name,
                MmlRoot            *root)
{
  return mml_metadata_controller_folder_problem (mml_engine_get_metadata (self->engine),
                                                 root != NULL ? mml_root_get_id (root) : 0,
                                                 name, self->added_id);
}

void
_mml_add_series_dialog_update_state (MmlAddSeriesDialog *self)
{
  const char *name;
  MmlRoot *root;
  g_autofree char *problem = NULL;
  gboolean can_add;

  /* the rows emit signals as the template goes away */
  if (self->disposed)
    return;

  name = gtk_editable_get_text (GTK_EDITABLE (self->folder_row));
  root = selected_root (self);
  problem = folder_problem (self, name, root);
  can_add = !self->busy && self->chosen != NULL && problem == NULL;

  if (self->busy)
    ;   /* the steps say what they do */
  else if (self->chosen == NULL)
    set_message (self, _("Choose a series among the results."), FALSE);
  else if (problem != NULL)
    set_message (self, problem, *name != '\0' || root == NULL);
  else
    {
      g_autofree char *path = g_build_filename (mml_root_get_path (root), name, NULL);
      g_autofree char *display = mml_format_short_path (path);
      /* Translators: %s is a folder path */
      g_autofree char *text = g_strdup_printf (_("The series goes in %s, created if it does not exist."), display);

      set_message (self, text, FALSE);
    }

  {
    MmlSeriesItem *existing = _mml_add_series_dialog_in_library (self, self->chosen);

    if (existing != NULL)
      {
        g_autofree char *where = mml_format_series_location (existing);
        /* Translators: %s is a series title, then its folder */
        g_autofree char *text = g_strdup_printf (_("“%s” is already in your library, in %s. Adding it again makes a second copy, for another quality or disk."),
                                                 mml_series_item_get_title (existing), where);

        gtk_label_set_label (self->in_library_label, text);
      }
    gtk_widget_set_visible (self->in_library_box, existing != NULL);
  }

  if (self->chosen != NULL && problem != NULL && *name != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->folder_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->folder_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add.add", can_add);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->results_list), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->root_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row), !self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
set_busy (MmlAddSeriesDialog *self,
          gboolean            busy,
          const char         *message,
          gboolean            is_error)
{
  self->busy = busy;
  if (!busy)
    g_clear_object (&self->add_cancellable);
  _mml_add_series_dialog_update_state (self);
  if (message != NULL)
    set_message (self, message, is_error);
}

/* --- adding ---------------------------------------------------------------- */

static void
added (MmlAddSeriesDialog *self)
{
  g_signal_emit (self, signals[SERIES_ADDED], 0, self->added_id, self->chosen->series->title);
  set_busy (self, FALSE, NULL, FALSE);
  gtk_window_close (GTK_WINDOW (self));
}

static void
match_failed (MmlAddSeriesDialog *self,
              const GError       *error)
{
  g_autofree char *text = NULL;

  /* Translators: %s is why */
  text = g_strdup_printf (_("The series was added, but matching it failed: %s. Add again to retry."),
                          error->message);
  set_busy (self, FALSE, text, TRUE);
}

/* A retry after the show could not be fetched: the series is there */
static void
chosen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MmlAddSeriesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_metadata_controller_choose_finish (MML_METADATA_CONTROLLER (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        match_failed (self, error);
      return;
    }
  added (self);
}

static void
series_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlAddSeriesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  gint64 existing = 0;
  gint64 id;

  id = mml_metadata_controller_add_series_finish (MML_METADATA_CONTROLLER (object), result,
                                                  &folder, &existing, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, MML_ADD_SERIES_ERROR, MML_ADD_SERIES_ERROR_MATCH))
    {
      /* the row exists: a retry only fetches the show again */
      self->added_id = existing;
      match_failed (self, error);
      return;
    }
  if (id <= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot add the series: %s"), error ? error->message : "?");

      set_busy (self, FALSE, text, TRUE);
      return;
    }

  self->added_id = id;
  added (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  MmlAddSeriesDialog *self = MML_ADD_SERIES_DIALOG (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->folder_row));
  MmlRoot *root = selected_root (self);
  g_autofree char *problem = NULL;
  MmlMetadataController *metadata;

  if (self->busy || self->chosen == NULL || self->engine == NULL)
    return;
  if ((problem = folder_problem (self, name, root)) != NULL)
    return;

  metadata = mml_engine_get_metadata (self->engine);
  g_clear_object (&self->add_cancellable);
  self->add_cancellable = g_cancellable_new ();

  if (self->added_id > 0)
    {
      /* Translators: %s is a provider */
      g_autofree char *text = g_strdup_printf (_("Fetching the episodes from %s…"),
                                               _mml_add_series_dialog_provider_name (self));

      set_busy (self, TRUE, text, FALSE);
      mml_metadata_controller_choose_async (metadata, self->added_id, self->chosen->series->provider_id,
                                            self->add_cancellable, chosen_cb, g_object_ref (self));
      return;
    }

  set_busy (self, TRUE, _("Adding the series…"), FALSE);
  mml_metadata_controller_add_series_async (metadata, mml_root_get_id (root),
                                            self->chosen->series->provider_id, name,
                                            self->add_cancellable, series_added_cb, g_object_ref (self));
}

static void
open_existing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MmlAddSeriesDialog *self = MML_ADD_SERIES_DIALOG (widget);
  MmlSeriesItem *existing = _mml_add_series_dialog_in_library (self, self->chosen);

  if (self->busy || existing == NULL)
    return;
  g_signal_emit (self, signals[OPEN_SERIES], 0, mml_series_item_get_id (existing));
  gtk_window_close (GTK_WINDOW (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _mml_add_series_dialog_start_search (MML_ADD_SERIES_DIALOG (widget), TRUE);
}

/* --- callbacks ---------------------------------------------------------------- */

static void
search_changed_cb (MmlAddSeriesDialog *self)
{
  _mml_add_series_dialog_start_search (self, FALSE);
}

static void
result_selected_cb (MmlAddSeriesDialog *self,
                    GtkListBoxRow      *row,
                    GtkListBox         *list)
{
  MmlMetaCandidate *candidate = row ? mml_series_result_row_get_candidate (row) : NULL;

  self->chosen = candidate;
  if (candidate != NULL)
    {
      g_autofree char *name = mml_series_folder_suggest (candidate->series->title, candidate->series->year);

      gtk_editable_set_text (GTK_EDITABLE (self->folder_row), name);
    }
  _mml_add_series_dialog_update_state (self);
}

static void
folder_changed_cb (MmlAddSeriesDialog *self)
{
  _mml_add_series_dialog_update_state (self);
}

static void
root_selected_cb (MmlAddSeriesDialog *self)
{
  _mml_add_series_dialog_update_state (self);
}

static char *
root_label_cb (MmlRoot  *root,
               gpointer  user_data)
{
  return root != NULL ? mml_format_short_path (mml_root_get_path (root)) : g_strdup ("");
}

/* --- GObject ------------------------------------------------------------------ */

static void
mml_add_series_dialog_dispose (GObject *object)
{
  MmlAddSeriesDialog *self = MML_ADD_SERIES_DIALOG (object);

  self->disposed = TRUE;
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  if (self->add_cancellable != NULL)
    g_cancellable_cancel (self->add_cancellable);
  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->in_library, g_hash_table_unref);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->add_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MML_TYPE_ADD_SERIES_DIALOG);
  g_clear_object (&self->cache);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (mml_add_series_dialog_parent_class)->dispose (object);
}

static void
mml_add_series_dialog_finalize (GObject *object)
{
  MmlAddSeriesDialog *self = MML_ADD_SERIES_DIALOG (object);

  g_free (self->folder_path);
  g_free (self->searched);

  G_OBJECT_CLASS (mml_add_series_dialog_parent_class)->finalize (object);
}

static void
mml_add_series_dialog_class_init (MmlAddSeriesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mml_add_series_dialog_dispose;
  object_class->finalize = mml_add_series_dialog_finalize;

  /**
   * MmlAddSeriesDialog::series-added:
   * @series_id: the new series
   * @title: its title
   *
   * The series is on disk, in the library and matched; the window closes.
   */
  signals[SERIES_ADDED] =
    g_signal_new ("series-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /**
   * MmlAddSeriesDialog::open-series:
   * @series_id: a series the library has already
   *
   * The user chose to open the copy the library has instead of adding the
   * show again; the window closes.
   */
  signals[OPEN_SERIES] =
    g_signal_new ("open-series", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-add-series-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, results_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, start_page);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, root_row);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, in_library_box);
  gtk_widget_class_bind_template_child (widget_class, MmlAddSeriesDialog, in_library_label);
  gtk_widget_class_bind_template_callback (widget_class, result_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, folder_changed_cb);

  gtk_widget_class_install_action (widget_class, "add.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "add.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "add.open-existing", NULL, open_existing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mml_add_series_dialog_init (MmlAddSeriesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    /* the row takes its own reference */
    g_autoptr(GtkExpression) label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                  G_CALLBACK (root_label_cb), NULL, NULL);

    adw_combo_row_set_expression (self->root_row, label);
  }
  gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->root_row, "notify::selected",
                           G_CALLBACK (root_selected_cb), self, G_CONNECT_SWAPPED);
}

/**
 * mml_add_series_dialog_new:
 * @parent: (nullable): the window it is modal for
 */
MmlAddSeriesDialog *
mml_add_series_dialog_new (MmlEngine *engine,
                           GtkWindow         *parent)
{
  MmlAddSeriesDialog *self;
  const char *provider;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);

  self = g_object_new (MML_TYPE_ADD_SERIES_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  self->cache = g_object_ref (mml_poster_cache_get_for_engine (engine));
  adw_combo_row_set_model (self->root_row, mml_library_controller_get_roots (mml_engine_get_library (engine)));

  provider = _mml_add_series_dialog_provider_name (self);
  if (provider != NULL)
    {
      /* Translators: %s is a provider, like TVmaze */
      g_autofree char *placeholder = g_strdup_printf (_("Search %s for a series"), provider);
      g_autofree char *subtitle = g_strdup_printf (_("From %s"), provider);

      g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      adw_status_page_set_description (self->start_page,
                                       _("Type its title. The series is added to a library folder with all its episodes, which show as missing until you have them."));
    }
  else
    adw_status_page_set_description (self->start_page,
                                     _("No metadata provider is set up: choose one in Settings."));

  _mml_add_series_dialog_update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return self;
}

/**
 * mml_add_series_dialog_search:
 *
 * Searches for @text at once, as typing it does after a pause.
 */
void
mml_add_series_dialog_search (MmlAddSeriesDialog *self,
                              const char         *text)
{
  g_return_if_fail (MML_IS_ADD_SERIES_DIALOG (self));

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  _mml_add_series_dialog_start_search (self, FALSE);
}

gboolean
mml_add_series_dialog_get_searching (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), FALSE);
  return self->search_cancellable != NULL;
}

guint
mml_add_series_dialog_get_n_results (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), 0);
  return self->n_results;
}

/* Selects the result at @index, as clicking it does */
void
mml_add_series_dialog_select (MmlAddSeriesDialog *self,
                              guint               index)
{
  g_return_if_fail (MML_IS_ADD_SERIES_DIALOG (self));
  g_return_if_fail (index < self->n_results);

  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, index));
}

const char *
mml_add_series_dialog_get_folder_name (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->folder_row));
}

void
mml_add_series_dialog_set_folder_name (MmlAddSeriesDialog *self,
                                       const char         *name)
{
  g_return_if_fail (MML_IS_ADD_SERIES_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->folder_row), name);
}

gboolean
mml_add_series_dialog_get_can_add (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), FALSE);
  return gtk_widget_is_sensitive (self->add_button) &&
         !self->busy && self->chosen != NULL;
}

gboolean
mml_add_series_dialog_get_busy (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), FALSE);
  return self->busy;
}

/**
 * mml_add_series_dialog_get_message:
 *
 * Returns: the line under the folder name: what Add will do, or why it
 *   cannot, or what went wrong
 */
const char *
mml_add_series_dialog_get_message (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), NULL);
  return gtk_label_get_label (self->message_label);
}

/**
 * mml_add_series_dialog_get_in_library:
 *
 * Returns: (transfer none) (nullable): what the window says about the
 *   chosen show being in the library already, %NULL when it says nothing
 */
const char *
mml_add_series_dialog_get_in_library (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (self->in_library_box))
    return NULL;
  return gtk_label_get_label (self->in_library_label);
}

/**
 * mml_add_series_dialog_get_finding:
 *
 * Returns: whether the window is still looking for the results in the library
 */
gboolean
mml_add_series_dialog_get_finding (MmlAddSeriesDialog *self)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), FALSE);
  return self->find_cancellable != NULL;
}

/* Whether the result at @index says the library has that show already */
gboolean
mml_add_series_dialog_get_result_in_library (MmlAddSeriesDialog *self,
                                             guint               index)
{
  g_return_val_if_fail (MML_IS_ADD_SERIES_DIALOG (self), FALSE);
  g_return_val_if_fail (index < self->n_results, FALSE);
  return mml_series_result_row_get_in_library (gtk_list_box_get_row_at_index (self->results_list, index));
}
