/* mml-add-series-dialog-search.c — Add series: the search and its results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches the primary provider as the user types, shows the results with
 * their posters, and marks the shows the library has already (asked of the
 * engine once the results are in).
 */

#define G_LOG_DOMAIN "mml-add-series"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-add-series-dialog-private.h"
#include "mml-format.h"
#include "widgets/mml-series-result-row.h"

/* --- the results ---------------------------------------------------------- */

void
_mml_add_series_dialog_clear_results (MmlAddSeriesDialog *self)
{
  GtkWidget *child;

  self->chosen = NULL;
  self->n_results = 0;
  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->in_library, g_hash_table_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))))
    gtk_list_box_remove (self->results_list, child);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MmlAddSeriesDialog) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  rows = mml_metadata_controller_find_matched_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;
  g_clear_object (&self->find_cancellable);
  if (rows == NULL)
    {
      /* only a hint is lost: adding works as before */
      g_warning ("Cannot look for these shows in the library: %s", error->message);
      return;
    }

  self->in_library = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      MmlSeriesItem *row = g_ptr_array_index (rows, i);
      gint64 key = mml_series_item_get_provider_id (row, self->results_provider);

      /* the first (oldest) copy of a show says where it is */
      if (!g_hash_table_contains (self->in_library, &key))
        g_hash_table_insert (self->in_library, g_memdup2 (&key, sizeof key), g_object_ref (row));
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MmlSeriesItem *existing = GTK_IS_LIST_BOX_ROW (child)
                               ? _mml_add_series_dialog_in_library (self, mml_series_result_row_get_candidate (GTK_LIST_BOX_ROW (child)))
                               : NULL;

      if (existing != NULL)
        {
          g_autofree char *where = mml_format_series_location (existing);

          mml_series_result_row_set_in_library (GTK_LIST_BOX_ROW (child), where);
        }
    }
  _mml_add_series_dialog_update_state (self);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MmlAddSeriesDialog) self = user_data;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;

  candidates = mml_metadata_controller_search_finish (MML_METADATA_CONTROLLER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);
  gtk_spinner_set_spinning (self->search_spinner, FALSE);

  if (candidates == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      _mml_add_series_dialog_update_state (self);
      return;
    }

  if (candidates->len == 0)
    {
      g_autofree char *escaped = g_markup_escape_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
      /* Translators: %s is the provider, then what was searched */
      g_autofree char *text = g_strdup_printf (_("%s knows no series called “%s”. Check the spelling, or try fewer words."),
                                               _mml_add_series_dialog_provider_name (self), escaped);

      adw_status_page_set_description (self->empty_page, text);
      gtk_stack_set_visible_child_name (self->results_stack, "empty");
      _mml_add_series_dialog_update_state (self);
      return;
    }

  {
    g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), candidates->len);
    MmlMetaCandidate *first = g_ptr_array_index (candidates, 0);

    for (guint i = 0; i < candidates->len; i++)
      {
        MmlMetaCandidate *candidate = g_ptr_array_index (candidates, i);

        gtk_list_box_append (self->results_list, mml_series_result_row_new (self->cache, candidate));
        g_array_append_val (ids, candidate->series->provider_id);
      }
    self->n_results = candidates->len;
    self->results_provider = first->series->provider;

    /* which of them the library has already: marked when the store answers */
    self->find_cancellable = g_cancellable_new ();
    mml_metadata_controller_find_matched_async (mml_engine_get_metadata (self->engine),
                                                (const gint64 *) (gpointer) ids->data, ids->len,
                                                self->find_cancellable, found_cb, g_object_ref (self));
  }
  gtk_stack_set_visible_child_name (self->results_stack, "results");
  _mml_add_series_dialog_update_state (self);
}

void
_mml_add_series_dialog_start_search (MmlAddSeriesDialog *self,
              gboolean            retry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  /* The entry repeats itself (a delayed search-changed after a search
   * started by hand, Enter): keep the results and the choice */
  if (!retry && g_strcmp0 (text, self->searched) == 0)
    return;
  g_free (self->searched);
  self->searched = g_strdup (text);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  _mml_add_series_dialog_clear_results (self);

  if (*text == '\0' || self->engine == NULL)
    {
      gtk_stack_set_visible_child_name (self->results_stack, "start");
      _mml_add_series_dialog_update_state (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->search_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->results_stack, "searching");
  /* "Title (2010)" searches the title, and the year ranks the results */
  mml_metadata_controller_search_async (mml_engine_get_metadata (self->engine), text, 0,
                                        self->search_cancellable, searched_cb, g_object_ref (self));
  _mml_add_series_dialog_update_state (self);
}
