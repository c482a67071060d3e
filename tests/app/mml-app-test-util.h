/* mml-app-test-util.h — set-up and waiting shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-application.h"

G_BEGIN_DECLS

typedef gboolean (*MmlAppTestPredicate) (gpointer data);

char           *mml_app_test_setup_environment (const char          *tmpl);
char           *mml_app_test_init              (int                 *argc,
                                                char              ***argv,
                                                const char          *tmpl);
MmlApplication *mml_app_test_new_application   (void);
MmlApplication *mml_app_test_new_application_unwatched (void);
void            mml_app_test_iterate_until     (MmlAppTestPredicate  predicate,
                                                gpointer             data,
                                                guint                timeout_ms,
                                                const char          *what);
void            mml_app_test_wait_ms           (guint                ms);
void            mml_app_test_save_png          (GtkWidget           *widget,
                                                const char          *name);

void mml_app_test_destroy_toplevels (void);
/* the first descendant of @widget (itself included) of @type, depth first */
GtkWidget *mml_app_test_find_widget (GtkWidget *widget,
                                     GType      type);

/* the first button of @widget (itself included) labelled @label, or NULL */
GtkWidget *mml_app_test_find_button (GtkWidget  *widget,
                                     const char *label);

/* how many descendants of @widget (itself included) of @type are mapped */
guint      mml_app_test_count_mapped (GtkWidget *widget,
                                      GType      type);

/* activates @action on @widget with @value (floating or NULL), then lets the
 * UI settle for a moment */
void       mml_app_test_activate    (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *value);
/* the series titled @title in @model, or NULL; @position (nullable) gets its place */
MmlSeriesItem *mml_app_test_find_series (GListModel *model,
                                         const char *title,
                                         guint      *position);

/* writes each of @files (relative to @tree) with @contents, folders made */
void mml_app_test_write_tree    (const char         *tree,
                                 const char * const *files,
                                 guint               n_files,
                                 const char         *contents);
/* before the application opens @db: @tree added as a library folder and
 * scanned with the store alone, then @sql (nullable) run on it, as a
 * provider or a sync would have written */
void mml_app_test_scan_library  (const char         *db,
                                 const char         *tree,
                                 const char         *sql);

G_END_DECLS
