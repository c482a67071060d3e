/* mml-add-series-dialog-private.h — what the parts of MmlAddSeriesDialog share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mml-add-series-dialog.c has the window, its state and adding a series;
 * mml-add-series-dialog-search.c the search and its results, marked when
 * the library has the show already.
 */
#pragma once

#include "mml-add-series-dialog.h"
#include "mml-meta-store.h"
#include "mml-poster-cache.h"

G_BEGIN_DECLS

struct _MmlAddSeriesDialog
{
  AdwWindow          parent_instance;

  MmlEngine *engine;
  MmlPosterCache    *cache;
  GCancellable      *search_cancellable;
  GCancellable      *add_cancellable;
  GCancellable      *find_cancellable;
  GHashTable        *in_library;       /* provider id → MmlSeriesItem: shows the library has */
  MmlMetaCandidate  *chosen;
  char              *folder_path;      /* the folder being added, on disk */
  char              *searched;         /* what the results are for */
  gint64             added_id;         /* the row this window added, 0: none */
  guint              n_results;
  MmlMetaProvider    results_provider;  /* whose ids the results have */
  gboolean           busy;
  gboolean           disposed;

  AdwWindowTitle    *window_title;
  GtkWidget         *add_button;
  GtkSpinner        *spinner;
  GtkSearchEntry    *search_entry;
  GtkStack          *results_stack;
  AdwStatusPage     *start_page;
  AdwStatusPage     *empty_page;
  AdwStatusPage     *error_page;
  GtkSpinner        *search_spinner;
  GtkListBox        *results_list;
  AdwComboRow       *root_row;
  AdwEntryRow       *folder_row;
  GtkLabel          *message_label;
  GtkWidget         *in_library_box;
  GtkLabel          *in_library_label;
};

void          _mml_add_series_dialog_update_state     (MmlAddSeriesDialog *self);
const char   *_mml_add_series_dialog_provider_name    (MmlAddSeriesDialog *self);
MmlSeriesItem *_mml_add_series_dialog_in_library      (MmlAddSeriesDialog *self,
                                                       MmlMetaCandidate   *candidate);
void          _mml_add_series_dialog_clear_results    (MmlAddSeriesDialog *self);
void          _mml_add_series_dialog_start_search     (MmlAddSeriesDialog *self,
                                                       gboolean            retry);

G_END_DECLS
