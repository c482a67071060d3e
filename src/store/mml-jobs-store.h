/* mml-jobs-store.h — the scheduler's jobs and the activity log, as rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  gint64    interval_s;     /* 0: only when asked */
  gboolean  enabled;
  gint64    last_run_at;    /* unix seconds; 0: never */
  gint64    next_run_at;    /* 0: not planned */
  char     *last_result;    /* nullable */
  guint     failures;       /* in a row */
  gint64    running_since;  /* 0: not running */
} MmlJobRow;

typedef struct
{
  gint64  at;
  char   *kind;
  char   *text;
  gint64  series_id;        /* 0: none */
} MmlActivityRow;

void mml_job_row_free      (MmlJobRow      *row);
void mml_activity_row_free (MmlActivityRow *row);

/* Every job, by name; the rows of @names (NULL-terminated) that are
 * missing are added first with @intervals, enabled as @enabled says.
 * (element-type MmlJobRow) */
void       mml_store_jobs_list_async      (MmlStore            *self,
                                           const char * const  *names,
                                           const gint64        *intervals,
                                           const gboolean      *enabled,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray *mml_store_jobs_list_finish     (MmlStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Writes @row whole (by its name) */
void       mml_store_job_save_async       (MmlStore            *self,
                                           const MmlJobRow     *row,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   mml_store_job_save_finish      (MmlStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* One line of the activity log; @series_id 0 for none */
void       mml_store_activity_add_async   (MmlStore            *self,
                                           gint64               at,
                                           const char          *kind,
                                           const char          *text,
                                           gint64               series_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   mml_store_activity_add_finish  (MmlStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Lines at or after @since (0: all), newest first, at most @limit (0:
 * no limit); lines older than @keep_before are deleted first (0: none).
 * (element-type MmlActivityRow) */
void       mml_store_activity_list_async  (MmlStore            *self,
                                           gint64               since,
                                           guint                limit,
                                           gint64               keep_before,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray *mml_store_activity_list_finish (MmlStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Deletes the lines older than @keep_before (unix seconds); a read-only
 * store deletes none. Returns how many, or -1 with @error set. */
void       mml_store_activity_prune_async  (MmlStore            *self,
                                            gint64               keep_before,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gint64     mml_store_activity_prune_finish (MmlStore            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlJobRow, mml_job_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlActivityRow, mml_activity_row_free)

G_END_DECLS
