/* mml-conflicts-section.h — one page of the Conflicts view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MML_TYPE_CONFLICTS_SECTION (mml_conflicts_section_get_type ())

G_DECLARE_FINAL_TYPE (MmlConflictsSection, mml_conflicts_section, MML, CONFLICTS_SECTION, GtkWidget)

GtkWidget         *mml_conflicts_section_new               (void);
void               mml_conflicts_section_set_content       (MmlConflictsSection *self,
                                                            GtkWidget           *content);
GtkWidget         *mml_conflicts_section_get_content       (MmlConflictsSection *self);
void               mml_conflicts_section_set_header_suffix (MmlConflictsSection *self,
                                                            GtkWidget           *suffix);
void               mml_conflicts_section_set_title         (MmlConflictsSection *self,
                                                            const char          *title);
void               mml_conflicts_section_set_description   (MmlConflictsSection *self,
                                                            const char          *description);
void               mml_conflicts_section_set_count         (MmlConflictsSection *self,
                                                            guint                count);
guint              mml_conflicts_section_get_count         (MmlConflictsSection *self);
GtkScrolledWindow *mml_conflicts_section_get_scroller      (MmlConflictsSection *self);
AdwStatusPage     *mml_conflicts_section_get_status_page   (MmlConflictsSection *self);
gboolean           mml_conflicts_section_get_empty         (MmlConflictsSection *self);

G_END_DECLS
