/* mml-journal.h — changes to the user's files, journalled: every
 * operation is written down before it happens, a batch can be undone, and
 * a batch a crash interrupted can be rolled back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synchronous, for a worker thread (the journal's rows are written on the
 * store's writer thread, waited for). The rows are in
 * src/store/mml-journal-store.c.
 *
 *   run = mml_journal_run_begin (store, "subtitles", _("Subtitles for …"), &error);
 *   mml_journal_run_create (run, "/tv/…/x.heb.srt", bytes, &error);
 *   batch = mml_journal_run_finish (run);
 *   …
 *   mml_journal_undo (store, batch, &error);
 *
 * What each operation does, and how it is undone:
 *  - create: writes a temporary file beside the target, syncs it, renames
 *    it into place (never over a file). Undone: the file goes to the trash.
 *  - rename: same file system, never over a file. Undone: renamed back.
 *  - trash: to the XDG trash, with its .trashinfo. Undone: put back.
 *  - mkdir. Undone: removed when empty.
 *  - rmdir: an empty folder removed. Undone: made again.
 *
 * A plan of many operations (the organiser's renames) is queued first,
 * all at once, then each is done in turn: a crash leaves the rest of the
 * plan in the journal, so resume can finish it and roll back knows that
 * none of it started.
 * A replacement (a new subtitle over an old one, a file converted in
 * place) is a trash and a create in one batch.
 */
#pragma once

#include <gio/gio.h>

#include "mml-file-ops.h"
#include "mml-journal-store.h"

G_BEGIN_DECLS

typedef struct _MmlJournalRun MmlJournalRun;

MmlJournalRun *mml_journal_run_begin    (MmlStore       *store,
                                         const char     *kind,
                                         const char     *title,
                                         GError        **error);
gint64         mml_journal_run_get_batch (MmlJournalRun *run);
guint          mml_journal_run_get_n_done (MmlJournalRun *run);
gboolean       mml_journal_run_create   (MmlJournalRun  *run,
                                         const char     *path,
                                         GBytes         *contents,
                                         GError        **error);
gboolean       mml_journal_run_rename   (MmlJournalRun  *run,
                                         const char     *from,
                                         const char     *to,
                                         GError        **error);
/* a rename whose copy across file systems tells @progress how it goes
 * (see mml-file-ops.h); a stop leaves the source where it was */
gboolean       mml_journal_run_rename_full (MmlJournalRun        *run,
                                            const char           *from,
                                            const char           *to,
                                            MmlFileProgressFunc   progress,
                                            gpointer              user_data,
                                            GError              **error);
gboolean       mml_journal_run_trash    (MmlJournalRun  *run,
                                         const char     *path,
                                         GError        **error);
gboolean       mml_journal_run_mkdir    (MmlJournalRun  *run,
                                         const char     *path,
                                         GError        **error);
/* Removes @path, an empty folder */
gboolean       mml_journal_run_rmdir    (MmlJournalRun  *run,
                                         const char     *path,
                                         GError        **error);
/* Writes @entries (element-type MmlJournalEntry: rename, mkdir or rmdir,
 * with source and target) to the journal as "queued"; sets their ids */
gboolean       mml_journal_run_queue    (MmlJournalRun  *run,
                                         GPtrArray      *entries,
                                         GError        **error);
guint          mml_journal_run_plan_window (MmlJournalRun *run,
                                            GPtrArray     *entries,
                                            guint          from,
                                            guint          max,
                                            GError       **error);
/* Does one queued (or window-planned) entry: marks it planned, does it,
 * marks it done or failed; a done mark is written with the next write.
 * A mkdir of a folder that exists is done. */
gboolean       mml_journal_run_do       (MmlJournalRun  *run,
                                         MmlJournalEntry *entry,
                                         GError        **error);
/* A queued entry that will not be done (the run was cancelled, or an
 * operation it needed failed): failed, with @reason */
void           mml_journal_run_skip     (MmlJournalRun  *run,
                                         MmlJournalEntry *entry,
                                         const char     *reason);
guint          mml_journal_run_get_n_failed (MmlJournalRun *run);
/* Trash @path, then create it with @contents; when the create fails the
 * old file is put back. */
gboolean       mml_journal_run_replace  (MmlJournalRun  *run,
                                         const char     *path,
                                         GBytes         *contents,
                                         GError        **error);
/* Closes the batch ("done", or "failed" when an operation failed and none
 * was done) and frees @run. Returns the batch id. */
gint64         mml_journal_run_finish   (MmlJournalRun  *run);

/* Undoes a batch's done operations, latest first. Stops at the first one
 * that cannot be undone (its file was changed since, or a file is in the
 * way): what was undone stays undone, and the error says which. */
gboolean       mml_journal_undo         (MmlStore       *store,
                                         gint64          batch_id,
                                         GError        **error);

/* A batch left "running" by a crash: settles each planned operation by
 * what the disk shows (happened, or not: a temporary file is removed),
 * then either undoes everything done (@roll_back; queued operations never
 * started and are marked failed) or finishes the batch, doing the queued
 * operations in order (resume). Returns FALSE with @error when a file is in the way. */
gboolean       mml_journal_recover      (MmlStore       *store,
                                         gint64          batch_id,
                                         gboolean        roll_back,
                                         GError        **error);

G_END_DECLS
