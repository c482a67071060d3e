/* mml-journal.c — journalled changes to the user's files (see mml-journal.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-files"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <sys/stat.h>

#include "mml-file-ops.h"
#include "mml-journal.h"

struct _MmlJournalRun
{
  MmlStore *store;
  gint64    batch_id;
  guint     n_planned;
  guint     n_done;
  guint     n_failed;
  /* folders whose entries a queued step changed: made durable together
   * when the run finishes, not one fsync a rename (the store's own
   * commits are not fsynced one by one either) */
  GHashTable *dirty;
  /* steps mml_journal_run_do() did, not yet marked done: marked in the
   * same transaction that plans the next steps (see
   * mml_journal_run_plan_window()), so a window of steps costs one write */
  GArray     *pending;
};

/* Writes the pending "done"s, and marks @next (n_next ids) planned, in
 * one transaction */
static gboolean
advance (MmlJournalRun  *run,
         const gint64   *next,
         guint           n_next,
         GError        **error)
{
  gboolean ok;

  if (run->pending->len == 0 && n_next == 0)
    return TRUE;
  ok = mml_journal_store_advance (run->store, (const gint64 *) (gpointer) run->pending->data, run->pending->len,
                                  next, n_next, error);
  g_array_set_size (run->pending, 0);
  return ok;
}

static gboolean
flush (MmlJournalRun  *run,
       GError        **error)
{
  return advance (run, NULL, 0, error);
}

static void
touch_parent (MmlJournalRun *run,
              const char    *path)
{
  if (run->dirty == NULL)
    run->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (run->dirty, g_path_get_dirname (path));
}

static gboolean
exists (const char *path)
{
  struct stat st;

  return path != NULL && lstat (path, &st) == 0;
}

MmlJournalRun *
mml_journal_run_begin (MmlStore    *store,
                       const char  *kind,
                       const char  *title,
                       GError     **error)
{
  gint64 batch_id = mml_journal_store_begin (store, kind, title, error);
  MmlJournalRun *run;

  if (batch_id <= 0)
    return NULL;
  run = g_new0 (MmlJournalRun, 1);
  run->store = g_object_ref (store);
  run->batch_id = batch_id;
  run->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  return run;
}

gint64
mml_journal_run_get_batch (MmlJournalRun *run)
{
  return run->batch_id;
}

guint
mml_journal_run_get_n_done (MmlJournalRun *run)
{
  return run->n_done;
}

/* Marks @entry_id by how the operation went; a journal write that fails
 * after the operation succeeded is reported (the batch can still be
 * settled by mml_journal_recover(): the row says "planned"). */
static gboolean
settle (MmlJournalRun *run,
        gint64         entry_id,
        gboolean       ok,
        const GError  *op_error,
        GError       **error)
{
  GError *local = NULL;

  if (ok)
    run->n_done++;
  else
    run->n_failed++;
  if (!mml_journal_store_set_state (run->store, entry_id, ok ? MML_JOURNAL_DONE : MML_JOURNAL_FAILED,
                                    op_error ? op_error->message : NULL, &local))
    {
      if (ok)
        g_propagate_error (error, local);
      else
        g_clear_error (&local);
      return FALSE;
    }
  return ok;
}

gboolean
mml_journal_run_create (MmlJournalRun  *run,
                        const char     *path,
                        GBytes         *contents,
                        GError        **error)
{
  g_autofree char *temp = NULL;
  GError *local = NULL;
  gint64 entry;
  gboolean ok;

  if (exists (path))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” exists already"), display);
      return FALSE;
    }
  /* the temporary name goes into the journal before the file exists, so
   * recovery finds whatever a crash leaves of it */
  {
    g_autofree char *tag = g_strdup_printf ("%" G_GINT64_FORMAT "-%u", run->batch_id, run->n_planned);

    temp = mml_file_temp_name (path, tag);
  }
  if (!flush (run, error))
    return FALSE;
  if (!(entry = mml_journal_store_plan (run->store, run->batch_id, MML_JOURNAL_CREATE, NULL, path, temp, error)))
    return FALSE;
  run->n_planned++;
  if (!mml_file_write_new (temp, contents, &local))
    {
      settle (run, entry, FALSE, local, NULL);
      g_propagate_error (error, local);
      return FALSE;
    }
  ok = mml_file_rename_noreplace (temp, path, &local);
  if (ok)
    mml_file_sync_parent (path);
  else
    g_unlink (temp);
  ok = settle (run, entry, ok, local, error);
  if (local != NULL)
    g_propagate_error (error, local);
  return ok;
}

gboolean
mml_journal_run_rename (MmlJournalRun  *run,
                        const char     *from,
                        const char     *to,
                        GError        **error)
{
  return mml_journal_run_rename_full (run, from, to, NULL, NULL, error);
}

gboolean
mml_journal_run_rename_full (MmlJournalRun        *run,
                             const char           *from,
                             const char           *to,
                             MmlFileProgressFunc   progress,
                             gpointer              user_data,
                             GError              **error)
{
  GError *local = NULL;
  gint64 entry;
  gboolean ok;

  if (!flush (run, error))
    return FALSE;
  if (!(entry = mml_journal_store_plan (run->store, run->batch_id, MML_JOURNAL_RENAME, from, to, NULL, error)))
    return FALSE;
  ok = mml_file_move_full (from, to, progress, user_data, &local);
  if (ok)
    mml_file_sync_parent (to);
  ok = settle (run, entry, ok, local, error);
  if (local != NULL)
    g_propagate_error (error, local);
  return ok;
}

gboolean
mml_journal_run_trash (MmlJournalRun  *run,
                       const char     *path,
                       GError        **error)
{
  g_autofree char *trashed = NULL;
  GError *local = NULL;
  gint64 entry;
  gboolean ok;

  if (!mml_file_trash_prepare (path, &trashed, error))
    return FALSE;
  if (!flush (run, error))
    return FALSE;
  if (!(entry = mml_journal_store_plan (run->store, run->batch_id, MML_JOURNAL_TRASH, path, trashed, NULL, error)))
    {
      mml_file_trash_abandon (trashed);
      return FALSE;
    }
  ok = mml_file_trash_commit (path, trashed, &local);
  if (!ok)
    mml_file_trash_abandon (trashed);
  ok = settle (run, entry, ok, local, error);
  if (local != NULL)
    g_propagate_error (error, local);
  return ok;
}

gboolean
mml_journal_run_mkdir (MmlJournalRun  *run,
                       const char     *path,
                       GError        **error)
{
  g_autoptr(GError) local = NULL;
  gint64 entry;
  gboolean ok;

  if (exists (path))
    return TRUE;
  if (!flush (run, error))
    return FALSE;
  if (!(entry = mml_journal_store_plan (run->store, run->batch_id, MML_JOURNAL_MKDIR, NULL, path, NULL, error)))
    return FALSE;
  ok = g_mkdir (path, 0755) == 0;
  if (!ok)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (&local, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot make the folder “%s”: %s"), display, g_strerror (errsv));
    }
  ok = settle (run, entry, ok, local, error);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

guint
mml_journal_run_get_n_failed (MmlJournalRun *run)
{
  return run->n_failed;
}

static gboolean
remove_folder (const char  *path,
               GError     **error)
{
  int errsv;
  g_autofree char *display = NULL;

  if (g_rmdir (path) == 0)
    return TRUE;
  errsv = errno;
  display = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Cannot remove the folder “%s”: %s"), display, g_strerror (errsv));
  return FALSE;
}

static gboolean
make_folder (const char  *path,
             GError     **error)
{
  int errsv;
  g_autofree char *display = NULL;

  if (g_mkdir (path, 0755) == 0)
    return TRUE;
  errsv = errno;
  display = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Cannot make the folder “%s”: %s"), display, g_strerror (errsv));
  return FALSE;
}

gboolean
mml_journal_run_rmdir (MmlJournalRun  *run,
                       const char     *path,
                       GError        **error)
{
  GError *local = NULL;
  gint64 entry;
  gboolean ok;

  if (!flush (run, error))
    return FALSE;
  if (!(entry = mml_journal_store_plan (run->store, run->batch_id, MML_JOURNAL_RMDIR, path, NULL, NULL, error)))
    return FALSE;
  ok = remove_folder (path, &local);
  if (ok)
    mml_file_sync_parent (path);
  ok = settle (run, entry, ok, local, error);
  if (local != NULL)
    g_propagate_error (error, local);
  return ok;
}

gboolean
mml_journal_run_queue (MmlJournalRun  *run,
                       GPtrArray      *entries,
                       GError        **error)
{
  if (!mml_journal_store_queue (run->store, run->batch_id, entries, error))
    return FALSE;
  run->n_planned += entries->len;
  return TRUE;
}

static const char *
entry_path (const MmlJournalEntry *e,
            gboolean               source)
{
  return source ? e->source : e->target;
}

/**
 * mml_journal_run_plan_window:
 * @entries: queued entries (mml_journal_run_queue())
 * @from: the first to plan
 * @max: at most this many
 *
 * Marks planned, in one write, the entries from @from on that touch no
 * path twice (at most @max), and writes the steps done since the last
 * write: the next mml_journal_run_do() calls on them write nothing
 * before their operation.  A crash leaves those entries "planned", and
 * recovery asks the disk about each: with no path shared in a window,
 * whether a rename happened is plain from its source and target.
 *
 * Returns: how many were planned (0 on a store error)
 */
guint
mml_journal_run_plan_window (MmlJournalRun  *run,
                             GPtrArray      *entries,
                             guint           from,
                             guint           max,
                             GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  for (i = from; i < entries->len && i - from < max; i++)
    {
      MmlJournalEntry *e = g_ptr_array_index (entries, i);
      gboolean clash = FALSE;

      if (e->state != MML_JOURNAL_QUEUED || e->op == MML_JOURNAL_CREATE || e->op == MML_JOURNAL_TRASH)
        break;
      for (int k = 0; k < 2; k++)
        {
          const char *path = entry_path (e, k == 0);

          if (path != NULL && g_hash_table_contains (seen, path))
            clash = TRUE;
        }
      if (clash && ids->len > 0)
        break;
      for (int k = 0; k < 2; k++)
        if (entry_path (e, k == 0) != NULL)
          g_hash_table_add (seen, (gpointer) entry_path (e, k == 0));
      g_array_append_val (ids, e->id);
    }
  if (!advance (run, (const gint64 *) (gpointer) ids->data, ids->len, error))
    return 0;
  for (i = from; i < from + ids->len; i++)
    ((MmlJournalEntry *) g_ptr_array_index (entries, i))->state = MML_JOURNAL_PLANNED;
  return ids->len;
}

gboolean
mml_journal_run_do (MmlJournalRun    *run,
                    MmlJournalEntry  *e,
                    GError          **error)
{
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (e->state == MML_JOURNAL_QUEUED || e->state == MML_JOURNAL_PLANNED, FALSE);

  if (e->state == MML_JOURNAL_QUEUED)
    {
      if (!advance (run, &e->id, 1, error))
        return FALSE;
      e->state = MML_JOURNAL_PLANNED;
    }
  switch (e->op)
    {
    case MML_JOURNAL_RENAME:
      ok = mml_file_move (e->source, e->target, &local);
      if (ok)
        {
          touch_parent (run, e->source);
          touch_parent (run, e->target);
        }
      break;
    case MML_JOURNAL_MKDIR:
      ok = exists (e->target) || make_folder (e->target, &local);
      break;
    case MML_JOURNAL_RMDIR:
      ok = remove_folder (e->source, &local);
      break;
    case MML_JOURNAL_CREATE:
    case MML_JOURNAL_TRASH:
    default:
      g_assert_not_reached ();
    }
  if (ok)
    {
      /* written with the next step's plan, or by flush() */
      e->state = MML_JOURNAL_DONE;
      run->n_done++;
      g_array_append_val (run->pending, e->id);
      return TRUE;
    }
  e->state = MML_JOURNAL_FAILED;
  ok = settle (run, e->id, ok, local, error);
  if (local != NULL)
    g_propagate_error (error, local);
  return ok;
}

void
mml_journal_run_skip (MmlJournalRun   *run,
                      MmlJournalEntry *e,
                      const char      *reason)
{
  if (e->state != MML_JOURNAL_QUEUED && e->state != MML_JOURNAL_PLANNED)
    return;
  flush (run, NULL);
  e->state = MML_JOURNAL_FAILED;
  run->n_failed++;
  mml_journal_store_set_state (run->store, e->id, MML_JOURNAL_FAILED, reason, NULL);
}

gboolean
mml_journal_run_replace (MmlJournalRun  *run,
                         const char     *path,
                         GBytes         *contents,
                         GError        **error)
{
  GError *local = NULL;

  if (!mml_journal_run_trash (run, path, error))
    return FALSE;
  if (mml_journal_run_create (run, path, contents, &local))
    return TRUE;

  /* put the old file back: nothing is lost when the new one cannot be written */
  {
    g_autoptr(GPtrArray) entries = mml_journal_store_entries (run->store, run->batch_id, NULL);

    for (guint i = entries ? entries->len : 0; i > 0; i--)
      {
        MmlJournalEntry *e = g_ptr_array_index (entries, i - 1);

        if (e->op == MML_JOURNAL_TRASH && e->state == MML_JOURNAL_DONE && g_strcmp0 (e->source, path) == 0)
          {
            if (mml_file_untrash (e->target, path, NULL))
              {
                mml_journal_store_set_state (run->store, e->id, MML_JOURNAL_UNDONE, NULL, NULL);
                run->n_done--;
              }
            break;
          }
      }
  }
  g_propagate_error (error, local);
  return FALSE;
}

gint64
mml_journal_run_finish (MmlJournalRun *run)
{
  gint64 batch_id = run->batch_id;

  flush (run, NULL);
  if (run->dirty != NULL)
    {
      GHashTableIter iter;
      gpointer dir;

      g_hash_table_iter_init (&iter, run->dirty);
      while (g_hash_table_iter_next (&iter, &dir, NULL))
        mml_file_sync_dir (dir);
      g_hash_table_unref (run->dirty);
    }
  g_array_unref (run->pending);
  mml_journal_store_finish (run->store, batch_id,
                            run->n_failed > 0 && run->n_done == 0 ? "failed" : "done", NULL);
  g_object_unref (run->store);
  g_free (run);
  return batch_id;
}

/* ---- undo and recovery ---- */

static gboolean
in_the_way (const char  *path,
            GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Cannot undo: “%s” is in the way"), display);
  return FALSE;
}

static gboolean
gone (const char  *path,
      GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Cannot undo: “%s” is not there any more"), display);
  return FALSE;
}

/* Undoes one done operation */
static gboolean
undo_entry (MmlJournalEntry  *e,
            GError          **error)
{
  switch (e->op)
    {
    case MML_JOURNAL_CREATE:
      {
        g_autofree char *trashed = NULL;

        if (!exists (e->target))
          return TRUE;   /* removed since: nothing to take back */
        if (!mml_file_trash_prepare (e->target, &trashed, error))
          return FALSE;
        if (!mml_file_trash_commit (e->target, trashed, error))
          {
            mml_file_trash_abandon (trashed);
            return FALSE;
          }
        return TRUE;
      }
    case MML_JOURNAL_RENAME:
      if (!exists (e->target))
        return gone (e->target, error);
      if (exists (e->source))
        return in_the_way (e->source, error);
      return mml_file_move (e->target, e->source, error);
    case MML_JOURNAL_TRASH:
      if (!exists (e->target))
        return gone (e->target, error);
      if (exists (e->source))
        return in_the_way (e->source, error);
      return mml_file_untrash (e->target, e->source, error);
    case MML_JOURNAL_MKDIR:
      /* only when empty: a folder that got files keeps them */
      if (exists (e->target))
        g_rmdir (e->target);
      return TRUE;
    case MML_JOURNAL_RMDIR:
      return exists (e->source) || make_folder (e->source, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
undo_entries (MmlStore   *store,
              GPtrArray  *entries,
              GError    **error)
{
  for (guint i = entries->len; i > 0; i--)
    {
      MmlJournalEntry *e = g_ptr_array_index (entries, i - 1);

      if (e->state != MML_JOURNAL_DONE)
        continue;
      if (!undo_entry (e, error))
        return FALSE;
      if (!mml_journal_store_set_state (store, e->id, MML_JOURNAL_UNDONE, NULL, error))
        return FALSE;
      e->state = MML_JOURNAL_UNDONE;
    }
  return TRUE;
}

gboolean
mml_journal_undo (MmlStore  *store,
                  gint64     batch_id,
                  GError   **error)
{
  g_autoptr(GPtrArray) entries = mml_journal_store_entries (store, batch_id, error);

  if (entries == NULL)
    return FALSE;
  if (entries->len == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no batch %s of changes to undo"), id);
      return FALSE;
    }
  if (!undo_entries (store, entries, error))
    return FALSE;
  return mml_journal_store_finish (store, batch_id, "undone", error);
}

/* What the disk says of a planned operation: did it happen? Removes what
 * a create left half-way (its temporary file). */
static gboolean
happened (MmlJournalEntry *e)
{
  switch (e->op)
    {
    case MML_JOURNAL_CREATE:
      if (exists (e->temp))
        {
          g_unlink (e->temp);
          return FALSE;
        }
      return exists (e->target);
    case MML_JOURNAL_RENAME:
      {
        /* a move to another disk that a crash stopped: before the copy
         * was in place (a partial to remove), or after, with the source
         * still there (a whole copy: the move is finished) */
        g_autofree char *partial = mml_file_temp_name (e->target, "move");
        struct stat st_source, st_target;

        if (exists (partial))
          g_unlink (partial);
        if (lstat (e->source, &st_source) == 0 && lstat (e->target, &st_target) == 0 &&
            st_source.st_dev != st_target.st_dev &&
            mml_file_same_contents (e->source, e->target) && g_unlink (e->source) == 0)
          return TRUE;
      }
      G_GNUC_FALLTHROUGH;
    case MML_JOURNAL_TRASH:
      if (!exists (e->source) && exists (e->target))
        return TRUE;
      if (e->op == MML_JOURNAL_TRASH)
        mml_file_trash_abandon (e->target);
      return FALSE;
    case MML_JOURNAL_MKDIR:
      return exists (e->target);
    case MML_JOURNAL_RMDIR:
      return !exists (e->source);
    default:
      g_assert_not_reached ();
    }
}

/* Does a planned operation that did not happen (resume) */
static gboolean
redo_entry (MmlJournalEntry  *e,
            GError          **error)
{
  switch (e->op)
    {
    case MML_JOURNAL_RENAME:
      return mml_file_move (e->source, e->target, error);
    case MML_JOURNAL_TRASH:
      {
        g_autofree char *trashed = NULL;

        /* a new reservation: the old one was abandoned */
        if (!mml_file_trash_prepare (e->source, &trashed, error))
          return FALSE;
        if (!mml_file_trash_commit (e->source, trashed, error))
          {
            mml_file_trash_abandon (trashed);
            return FALSE;
          }
        g_free (e->target);
        e->target = g_steal_pointer (&trashed);
        return TRUE;
      }
    case MML_JOURNAL_MKDIR:
      return exists (e->target) || make_folder (e->target, error);
    case MML_JOURNAL_RMDIR:
      return !exists (e->source) || remove_folder (e->source, error);
    case MML_JOURNAL_CREATE:
    default:
      /* the contents were only in the interrupted process */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Interrupted before it was written"));
      return FALSE;
    }
}

gboolean
mml_journal_recover (MmlStore  *store,
                     gint64     batch_id,
                     gboolean   roll_back,
                     GError   **error)
{
  g_autoptr(GPtrArray) entries = mml_journal_store_entries (store, batch_id, error);
  guint n_done = 0;

  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      MmlJournalEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(GError) local = NULL;
      MmlJournalState state;
      gboolean redone = FALSE;

      if (e->state == MML_JOURNAL_QUEUED)
        {
          /* never started: nothing to look at on disk */
          if (roll_back)
            state = MML_JOURNAL_FAILED;
          else
            state = redo_entry (e, &local) ? MML_JOURNAL_DONE : MML_JOURNAL_FAILED;
          if (!mml_journal_store_set_state (store, e->id, state,
                                            local ? local->message : roll_back ? _("Not started") : NULL, error))
            return FALSE;
          e->state = state;
          n_done += state == MML_JOURNAL_DONE;
          continue;
        }
      if (e->state != MML_JOURNAL_PLANNED)
        {
          n_done += e->state == MML_JOURNAL_DONE;
          continue;
        }
      if (happened (e))
        state = MML_JOURNAL_DONE;
      else if (!roll_back && redo_entry (e, &local))
        state = MML_JOURNAL_DONE, redone = TRUE;
      else
        state = MML_JOURNAL_FAILED;
      /* a trash redone went to a new place in the trash: record it */
      if (e->op == MML_JOURNAL_TRASH && redone)
        {
          gint64 id = mml_journal_store_plan (store, batch_id, MML_JOURNAL_TRASH, e->source, e->target, NULL, error);

          if (id == 0 || !mml_journal_store_set_state (store, e->id, MML_JOURNAL_FAILED, NULL, error))
            return FALSE;
          e->id = id;
        }
      if (!mml_journal_store_set_state (store, e->id, state, local ? local->message : NULL, error))
        return FALSE;
      e->state = state;
      n_done += state == MML_JOURNAL_DONE;
    }

  if (roll_back)
    {
      if (!undo_entries (store, entries, error))
        return FALSE;
      return mml_journal_store_finish (store, batch_id, "undone", error);
    }
  return mml_journal_store_finish (store, batch_id, n_done > 0 || entries->len == 0 ? "done" : "failed", error);
}
