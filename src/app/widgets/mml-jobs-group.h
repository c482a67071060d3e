/* mml-jobs-group.h — the Dashboard's background jobs: what runs now,
 * when each ran and runs next, failures with Retry, Run Now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"

G_BEGIN_DECLS

#define MML_TYPE_JOBS_GROUP (mml_jobs_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlJobsGroup, mml_jobs_group, MML, JOBS_GROUP, AdwPreferencesGroup)

void          mml_jobs_group_set_engine     (MmlJobsGroup *self,
                                             MmlEngine    *engine);
/* Reads the jobs again */
void          mml_jobs_group_reload         (MmlJobsGroup *self);

/* For tests */
/* how many times the jobs were read and shown */
guint         mml_jobs_group_get_n_loads    (MmlJobsGroup *self);
/* the jobs shown, in their order (the empty state shows when there are none) */
guint         mml_jobs_group_get_n_jobs     (MmlJobsGroup *self);
const char   *mml_jobs_group_get_job_name   (MmlJobsGroup *self,
                                             guint         index);
gboolean      mml_jobs_group_get_shows_empty (MmlJobsGroup *self);
/* the row of job @name, or NULL */
AdwActionRow *mml_jobs_group_get_row        (MmlJobsGroup *self,
                                             const char   *name);
/* its button: "Run Now", or "Retry" after a failure */
GtkButton    *mml_jobs_group_get_button     (MmlJobsGroup *self,
                                             const char   *name);
/* whether it shows as running (spinner or progress bar) */
gboolean      mml_jobs_group_get_running    (MmlJobsGroup *self,
                                             const char   *name);

G_END_DECLS
