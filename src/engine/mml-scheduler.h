/* mml-scheduler.h — the jobs that keep the library current with no window
 * open: when each runs, how it went, and running them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-jobs-store.h"

G_BEGIN_DECLS

#define MML_TYPE_SCHEDULER (mml_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (MmlScheduler, mml_scheduler, MML, SCHEDULER, GObject)

/* Runs due jobs by itself until stopped: at their time, once after a
 * suspend however many intervals it missed, when the network comes
 * back for the jobs that need it. */
void       mml_scheduler_start          (MmlScheduler        *self);
void       mml_scheduler_stop           (MmlScheduler        *self);
gboolean   mml_scheduler_get_running    (MmlScheduler        *self);
/* Whether it runs due jobs by itself (started and not stopped) */
gboolean   mml_scheduler_get_started    (MmlScheduler        *self);
/* Pauses every job (the tray's "Pause background work"); running ones finish */
void       mml_scheduler_set_paused     (MmlScheduler        *self,
                                         gboolean             paused);
gboolean   mml_scheduler_get_paused     (MmlScheduler        *self);

/* Every job with its state, by name: running_since is set for the jobs
 * running in this process or another. (element-type MmlJobRow) */
void       mml_scheduler_list_async     (MmlScheduler        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *mml_scheduler_list_finish    (MmlScheduler        *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Runs @name now, due or not (disabled too: the user asked). TRUE when
 * it did its work (or had none); @text: what it did, for a person. */
void       mml_scheduler_run_async      (MmlScheduler        *self,
                                         const char          *name,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   mml_scheduler_run_finish     (MmlScheduler        *self,
                                         GAsyncResult        *result,
                                         char               **text,
                                         GError             **error);
/* The same, nobody waiting: job-finished tells how it went */
void       mml_scheduler_run_now        (MmlScheduler        *self,
                                         const char          *name,
                                         GCancellable        *cancellable);

/* Runs every enabled job that is due, one after the other (`mml service
 * --once`). Returns (element-type MmlJobRow) the jobs it ran, as they
 * ended; @n_failed: how many failed. */
void       mml_scheduler_run_due_async  (MmlScheduler        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *mml_scheduler_run_due_finish (MmlScheduler        *self,
                                         GAsyncResult        *result,
                                         guint               *n_failed,
                                         GError             **error);

/* Changes a job: @interval_s > 0 a new interval (0 leaves it), @enabled
 * 1 / 0 (-1 leaves it). G_IO_ERROR_NOT_FOUND for an unknown job. */
void       mml_scheduler_set_async      (MmlScheduler        *self,
                                         const char          *name,
                                         gint64               interval_s,
                                         int                  enabled,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   mml_scheduler_set_finish     (MmlScheduler        *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* The names of the jobs, NULL-terminated */
const char * const *mml_scheduler_get_job_names (void);

/* When a failing job runs again: 1, 2, 4 … minutes after the failure,
 * up to its interval or six hours, whichever is longer. Pure. */
gint64     mml_scheduler_backoff_s      (gint64               interval_s,
                                         guint                failures);

/* The activity log (the scheduler adds a line per job that did
 * something): lines since @since, newest first. (element-type
 * MmlActivityRow) */
void       mml_scheduler_activity_async  (MmlScheduler        *self,
                                          gint64               since,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *mml_scheduler_activity_finish (MmlScheduler        *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* How many days the activity log keeps a line (1…3650, 90 by default):
 * older ones are deleted as the library opens, after every job and
 * when this changes; "activity-changed" tells when lines come or go. */
void       mml_scheduler_set_activity_keep_days (MmlScheduler *self,
                                                 guint         days);
guint      mml_scheduler_get_activity_keep_days (MmlScheduler *self);

G_END_DECLS
