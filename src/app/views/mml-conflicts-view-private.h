/* mml-conflicts-view-private.h — what the parts of MmlConflictsView share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mml-conflicts-view.c has the view: its pages, their counts, the series
 * to confirm and the unrecognised files; mml-conflicts-view-sync.c the
 * media servers' pages (watch marks that disagree, a server's series to
 * place); mml-conflicts-review-page.c is the page of new matches.
 */
#pragma once

#include "mml-conflicts-view.h"
#include "mml-conflicts-review-page.h"
#include "widgets/mml-conflicts-section.h"

G_BEGIN_DECLS

struct _MmlConflictsView
{
  MmlView                 parent_instance;

  MmlEngine              *engine;          /* the one bound, not owned (MmlView owns it) */
  GCancellable           *cancellable;     /* what is in flight, for this engine */
  GtkWidget              *assign_dialog;   /* (nullable): the Assign dialog open (weak) */
  GtkWidget              *place_dialog;    /* (nullable): Choose Series open (weak) */
  GCancellable           *watch_cancellable; /* the read of the servers' conflicts in flight */
  guint                   n_watch;         /* watch conflicts shown */
  guint                   n_server;        /* server series to place shown */
  gboolean                switching;       /* the view, not the user, switches pages */
  gboolean                chosen;          /* the user (or a link) chose the page shown */

  GtkStack               *stack;           /* "empty": nothing at all, "list": the pages */
  AdwViewStack           *sections;
  MmlConflictsSection    *confirm_section;
  GtkListBox             *series_list;
  MmlConflictsReviewPage *review_page;
  MmlConflictsSection    *unrecognised_section;
  GtkListBox             *unrecognised_list;
  MmlConflictsSection    *watch_section;
  GtkListBox             *watch_list;
  MmlConflictsSection    *server_section;
  GtkListBox             *server_list;
  GtkWidget              *no_switcher;     /* the squeezer's child when no switcher fits */
  AdwViewSwitcherBar     *switcher_bar;    /* then the switcher is a bar at the bottom */
};

/* mml-conflicts-view.c */
void mml_conflicts_view_update       (MmlConflictsView *self);

/* mml-conflicts-view-sync.c */
void mml_conflicts_view_reload_watch (MmlConflictsView *self);
void mml_conflicts_view_clear_watch  (MmlConflictsView *self);

G_END_DECLS
