/* mml-series-view-private.h — what the parts of MmlSeriesView share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mml-series-view.c has the view, its models, layouts and actions;
 * mml-series-view-filters.c the filter, the sort order and the network
 * and language menus.
 */
#pragma once

#include "mml-poster-cache.h"
#include "mml-series-page.h"
#include "mml-series-view.h"

G_BEGIN_DECLS

struct _MmlSeriesView
{
  MmlView             parent_instance;

  MmlEngine  *engine;   /* the one bound, not owned (MmlView owns it) */
  MmlPosterCache     *cache;
  GSettings          *settings;
  GtkCustomFilter    *custom_filter;
  GtkCustomSorter    *custom_sorter;

  gboolean            filter_missing;
  gboolean            filter_gone;
  char               *filter_match;      /* "" (any), "matched", or a match state */
  char               *filter_watch;      /* "" (any), "unwatched", "watching", "watched" */
  char               *filter_status;     /* "" (any), "continuing", "ended" */
  int                 filter_decade;     /* 0 (any), 1 (before 1980), or 1980, 1990… */
  char               *filter_network;    /* "" (any) */
  char               *filter_language;   /* "" (any) */
  char               *filter_subtitles;  /* "" (any), "with", "mixed", "none", "lacking" */
  char               *sort_mode;         /* "title", "year", "added", "missing", "airing", "watched", "size" */
  gboolean            sort_reversed;
  char               *view_mode;         /* "grid", "list" */

  char               *menu_values;       /* what the network/language menus list */
  guint               menus_source;

  GtkStack           *page_stack;
  GtkStack           *content_stack;
  GtkSearchEntry     *search_entry;
  GtkRevealer        *filter_revealer;
  GtkLabel           *filter_label;
  AdwStatusPage      *no_results_page;
  GtkWidget          *no_results_button;
  GtkGridView        *grid_view;
  GtkListView        *list_view;
  GtkNoSelection     *selection;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkEveryFilter     *every_filter;
  GMenu              *network_section;
  GMenu              *language_section;
  MmlSeriesPage      *series_page;
};

gboolean _mml_series_view_filters_active     (MmlSeriesView *self);
gboolean _mml_series_view_filter_func        (gpointer       item,
                                              gpointer       user_data);
int      _mml_series_view_compare_func       (gconstpointer  a,
                                              gconstpointer  b,
                                              gpointer       user_data);
void     _mml_series_view_queue_update_menus (MmlSeriesView *self);

G_END_DECLS
