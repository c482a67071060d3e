/* mml-activity-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

/* What the kind filter offers: each kind of the log falls in one */
typedef enum
{
  MML_ACTIVITY_ALL,
  MML_ACTIVITY_JOBS,        /* scans, refreshes, the cache: the background jobs */
  MML_ACTIVITY_SYNC,        /* media servers */
  MML_ACTIVITY_FILES,       /* renames, moves, transfers */
  MML_ACTIVITY_DOWNLOADS,   /* subtitles searched and downloaded */
} MmlActivityGroup;

#define MML_TYPE_ACTIVITY_VIEW (mml_activity_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlActivityView, mml_activity_view, MML, ACTIVITY_VIEW, MmlView)

MmlActivityGroup mml_activity_group_of          (const char       *kind);

GListModel      *mml_activity_view_get_model    (MmlActivityView  *self);
gboolean         mml_activity_view_get_loaded   (MmlActivityView  *self);
guint            mml_activity_view_get_n_loads  (MmlActivityView  *self);
void             mml_activity_view_set_group    (MmlActivityView  *self,
                                                 MmlActivityGroup  group);
void             mml_activity_view_set_search   (MmlActivityView  *self,
                                                 const char       *text);
/* "kind: text" of the line at @position of the model (for tests) */
char            *mml_activity_view_get_item_text (MmlActivityView *self,
                                                  guint            position);
/* The page the view shows: "loading", "empty", "no-results" or "list" */
const char      *mml_activity_view_get_page     (MmlActivityView  *self);

G_END_DECLS
