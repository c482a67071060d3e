/* mml-organize-controller.h — organising files: a preview of where each
 * file goes by the naming templates, applying it through the journal,
 * undo, the batches a crash interrupted, and folders for a series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-journal-store.h"
#include "mml-naming.h"
#include "mml-organize-plan.h"

G_BEGIN_DECLS

#define MML_TYPE_ORGANIZE_CONTROLLER (mml_organize_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlOrganizeController, mml_organize_controller, MML, ORGANIZE_CONTROLLER, GObject)

typedef struct
{
  gint64  batch;      /* the journal batch; 0: nothing was changed */
  guint   done;       /* files where the plan says */
  guint   skipped;    /* files already right */
  guint   failed;     /* files an operation failed for */
  guint   problems;   /* files left alone for a problem */
} MmlOrganizeSummary;

/* The plan for a series (@series_id), a root (@root_id) or the library
 * (both 0), by @config (NULL: the templates saved in the preferences).
 * (element-type MmlOrganizeOp) */
void       mml_organize_controller_preview_async  (MmlOrganizeController *self,
                                                   gint64                 series_id,
                                                   gint64                 root_id,
                                                   const MmlNamingConfig *config,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GPtrArray *mml_organize_controller_preview_finish (MmlOrganizeController *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

/* Plans as preview does and carries the plan out in one journal batch
 * ("organize") on a worker thread; emits "progress"; cancelling stops
 * between chains. The store follows (file rows keep their ids, series
 * follow their folders) and the roots touched are rescanned (quick).
 * Returns the plan, @summary says what happened. */
void       mml_organize_controller_apply_async    (MmlOrganizeController *self,
                                                   gint64                 series_id,
                                                   gint64                 root_id,
                                                   const MmlNamingConfig *config,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GPtrArray *mml_organize_controller_apply_finish   (MmlOrganizeController *self,
                                                   GAsyncResult          *result,
                                                   MmlOrganizeSummary    *summary,
                                                   GError               **error);

/* Undoes @batch (0: the latest organize, folders, subtitles or transfer
 * batch not undone). Returns the batch undone, 0 with @error. */
void       mml_organize_controller_undo_async     (MmlOrganizeController *self,
                                                   gint64                 batch,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gint64     mml_organize_controller_undo_finish    (MmlOrganizeController *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

/* The batches a crash left running: finished (resume) or rolled back.
 * (element-type gint64): the batches settled, maybe none. */
void       mml_organize_controller_recover_async  (MmlOrganizeController *self,
                                                   gboolean               roll_back,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GArray    *mml_organize_controller_recover_finish (MmlOrganizeController *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

/* (element-type MmlJournalBatch), newest first */
void       mml_organize_controller_history_async  (MmlOrganizeController *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GPtrArray *mml_organize_controller_history_finish (MmlOrganizeController *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

/* The series folder and a folder for each season that has aired, made
 * through the journal (batch kind "folders"). (element-type filename):
 * the folders made, absolute. */
void       mml_organize_controller_create_folders_async  (MmlOrganizeController *self,
                                                          gint64                 series_id,
                                                          const MmlNamingConfig *config,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GPtrArray *mml_organize_controller_create_folders_finish (MmlOrganizeController *self,
                                                          GAsyncResult          *result,
                                                          gint64                *batch,
                                                          GError               **error);

/* Whether an apply, undo, recover or folders job of this controller is
 * running ("busy", notified): its batch is "running" in the history then,
 * and recover refuses (G_IO_ERROR_BUSY) */
gboolean   mml_organize_controller_get_busy              (MmlOrganizeController *self);

G_END_DECLS
