/* mml-journal-store.h — the journal of changes to the user's files: batches
 * and their operations, as rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written by src/files/mml-journal.c, which does the operations; read by
 * History and by `mml … history`. Every call here is synchronous, for the
 * worker thread that changes the files (it runs on the store's writer
 * thread through mml_store_run_sync()): an operation is on disk in the
 * journal before it happens.
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

typedef enum
{
  MML_JOURNAL_CREATE,   /* a new file: written to temp, renamed to target */
  MML_JOURNAL_RENAME,   /* source → target, same file system, never replacing */
  MML_JOURNAL_TRASH,    /* source → target, a file in a trash folder */
  MML_JOURNAL_MKDIR,    /* target made */
  MML_JOURNAL_RMDIR,    /* source, an empty folder, removed */
} MmlJournalOp;

typedef enum
{
  MML_JOURNAL_PLANNED,
  MML_JOURNAL_DONE,
  MML_JOURNAL_FAILED,
  MML_JOURNAL_UNDONE,
  MML_JOURNAL_QUEUED,   /* written with a whole plan before any of it runs; planned when it starts */
} MmlJournalState;

typedef struct
{
  gint64          id;
  gint64          batch_id;
  MmlJournalOp    op;
  MmlJournalState state;
  char           *source;   /* nullable */
  char           *target;   /* nullable */
  char           *temp;     /* nullable */
  char           *error;    /* nullable */
  gint64          at;
} MmlJournalEntry;

typedef struct
{
  gint64  id;
  char   *kind;
  char   *title;
  char   *state;           /* "running", "done", "failed", "undone" */
  gint64  created_at;
  gint64  finished_at;     /* 0 while running */
  guint   n_done;          /* operations done (and not undone) */
  guint   n_failed;
  guint   n_undone;
  guint   n_trashed;       /* of the done ones, files it moved to the trash */
} MmlJournalBatch;

const char *mml_journal_op_to_string     (MmlJournalOp     op);
const char *mml_journal_state_to_string  (MmlJournalState  state);

void        mml_journal_entry_free       (MmlJournalEntry *entry);
void        mml_journal_batch_free       (MmlJournalBatch *batch);

/* A new batch, "running"; its id, or 0 with @error set */
gint64      mml_journal_store_begin      (MmlStore        *store,
                                          const char      *kind,
                                          const char      *title,
                                          GError         **error);
/* A planned operation of @batch_id; its id, or 0 */
gint64      mml_journal_store_plan       (MmlStore        *store,
                                          gint64           batch_id,
                                          MmlJournalOp     op,
                                          const char      *source,
                                          const char      *target,
                                          const char      *temp,
                                          GError         **error);
/* Operations of a plan, written at once (one transaction) as "queued",
 * in order: each entry's op, source, target and temp are read, its id
 * is set. */
gboolean    mml_journal_store_queue      (MmlStore        *store,
                                          gint64           batch_id,
                                          GPtrArray       *entries,
                                          GError         **error);
gboolean    mml_journal_store_set_state  (MmlStore        *store,
                                          gint64           entry_id,
                                          MmlJournalState  state,
                                          const char      *error_message,
                                          GError         **error);
/* @state: "done", "failed" or "undone" */
gboolean    mml_journal_store_advance    (MmlStore        *store,
                                          const gint64    *done,
                                          guint            n_done,
                                          const gint64    *planned,
                                          guint            n_planned,
                                          GError         **error);
gboolean    mml_journal_store_finish     (MmlStore        *store,
                                          gint64           batch_id,
                                          const char      *state,
                                          GError         **error);
/* (element-type MmlJournalEntry), in the order they were planned */
GPtrArray  *mml_journal_store_entries    (MmlStore        *store,
                                          gint64           batch_id,
                                          GError         **error);
/* (element-type MmlJournalBatch), newest first; @running_only: the
 * batches a crash left unfinished */
GPtrArray  *mml_journal_store_batches    (MmlStore        *store,
                                          gboolean         running_only,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlJournalEntry, mml_journal_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlJournalBatch, mml_journal_batch_free)

G_END_DECLS
