/* mml-journal-store.c — batches and journal rows (see mml-journal-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-journal-store.h"

static const char * const op_names[] = { "create", "rename", "trash", "mkdir", "rmdir" };
static const char * const state_names[] = { "planned", "done", "failed", "undone", "queued" };

const char *
mml_journal_op_to_string (MmlJournalOp op)
{
  g_return_val_if_fail (op <= MML_JOURNAL_RMDIR, NULL);
  return op_names[op];
}

const char *
mml_journal_state_to_string (MmlJournalState state)
{
  g_return_val_if_fail (state <= MML_JOURNAL_QUEUED, NULL);
  return state_names[state];
}

static guint
name_index (const char * const *names,
            guint               n,
            const char         *name)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (names[i], name))
      return i;
  return 0;
}

void
mml_journal_entry_free (MmlJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->source);
  g_free (entry->target);
  g_free (entry->temp);
  g_free (entry->error);
  g_free (entry);
}

void
mml_journal_batch_free (MmlJournalBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->kind);
  g_free (batch->title);
  g_free (batch->state);
  g_free (batch);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strndup ((const char *) sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

/* One job for every call: a statement, its text parameters, and what
 * to answer (the new row's id, or the rows read). */
typedef enum
{
  JOB_BEGIN,
  JOB_PLAN,
  JOB_SET_STATE,
  JOB_FINISH,
  JOB_ENTRIES,
  JOB_BATCHES,
  JOB_QUEUE,
  JOB_ADVANCE,
} JobKind;

typedef struct
{
  JobKind  kind;
  gint64   id;
  int      number;
  GArray  *ids;         /* JOB_ADVANCE: the first `number` done, the rest planned */
  char    *text[4];
  GPtrArray *entries;   /* JOB_QUEUE: MmlJournalEntry, not owned */
} Job;

static void
job_free (Job *job)
{
  for (guint i = 0; i < G_N_ELEMENTS (job->text); i++)
    g_free (job->text[i]);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static GPtrArray *
read_entries (sqlite3_stmt *stmt)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_journal_entry_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MmlJournalEntry *e = g_new0 (MmlJournalEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->batch_id = sqlite3_column_int64 (stmt, 1);
      e->op = name_index (op_names, G_N_ELEMENTS (op_names), (const char *) sqlite3_column_text (stmt, 2));
      e->state = name_index (state_names, G_N_ELEMENTS (state_names), (const char *) sqlite3_column_text (stmt, 3));
      e->source = column_dup (stmt, 4);
      e->target = column_dup (stmt, 5);
      e->temp = column_dup (stmt, 6);
      e->error = column_dup (stmt, 7);
      e->at = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (rows, e);
    }
  return rows;
}

static GPtrArray *
read_batches (sqlite3_stmt *stmt)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_journal_batch_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MmlJournalBatch *b = g_new0 (MmlJournalBatch, 1);

      b->id = sqlite3_column_int64 (stmt, 0);
      b->kind = column_dup (stmt, 1);
      b->title = column_dup (stmt, 2);
      b->state = column_dup (stmt, 3);
      b->created_at = sqlite3_column_int64 (stmt, 4);
      b->finished_at = sqlite3_column_int64 (stmt, 5);
      b->n_done = sqlite3_column_int (stmt, 6);
      b->n_failed = sqlite3_column_int (stmt, 7);
      b->n_undone = sqlite3_column_int (stmt, 8);
      b->n_trashed = sqlite3_column_int (stmt, 9);
      g_ptr_array_add (rows, b);
    }
  return rows;
}

static void
journal_job (MmlStore     *store,
             sqlite3      *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  static const char * const sql[] = {
    [JOB_BEGIN] = "INSERT INTO batches (kind, title, created_at) VALUES (?1, ?2, ?3)",
    [JOB_PLAN] = "INSERT INTO journal (batch_id, op, source, target, temp, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [JOB_QUEUE] = "INSERT INTO journal (batch_id, op, source, target, temp, at, state) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued')",
    [JOB_SET_STATE] = "UPDATE journal SET state = ?2, error = ?3, at = ?4 WHERE id = ?1",
    [JOB_ADVANCE] = "UPDATE journal SET state = ?2, error = NULL, at = ?3 WHERE id = ?1",
    [JOB_FINISH] = "UPDATE batches SET state = ?2, finished_at = ?3 WHERE id = ?1",
    [JOB_ENTRIES] = "SELECT id, batch_id, op, state, source, target, temp, error, at "
                    "FROM journal WHERE batch_id = ?1 ORDER BY id",
    [JOB_BATCHES] = "SELECT b.id, b.kind, b.title, b.state, b.created_at, coalesce (b.finished_at, 0), "
                    "  (SELECT count(*) FROM journal j WHERE j.batch_id = b.id AND j.state = 'done'), "
                    "  (SELECT count(*) FROM journal j WHERE j.batch_id = b.id AND j.state = 'failed'), "
                    "  (SELECT count(*) FROM journal j WHERE j.batch_id = b.id AND j.state = 'undone'), "
                    "  (SELECT count(*) FROM journal j WHERE j.batch_id = b.id AND j.state = 'done' "
                    "                                    AND j.op = 'trash') "
                    "FROM batches b WHERE (?1 = 0 OR b.state = 'running') ORDER BY b.id DESC",
  };
  Job *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!(stmt = mml_store_prepare (db, sql[job->kind], &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  switch (job->kind)
    {
    case JOB_QUEUE:
      if (!mml_store_begin (db, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < job->entries->len; i++)
        {
          MmlJournalEntry *e = g_ptr_array_index (job->entries, i);

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, job->id);
          sqlite3_bind_text (stmt, 2, op_names[e->op], -1, SQLITE_STATIC);
          mml_store_bind_text_or_null (stmt, 3, e->source);
          mml_store_bind_text_or_null (stmt, 4, e->target);
          mml_store_bind_text_or_null (stmt, 5, e->temp);
          sqlite3_bind_int64 (stmt, 6, now_seconds ());
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              mml_store_set_sqlite_error (db, &error);
              mml_store_rollback (db);
              g_task_return_error (task, error);
              return;
            }
          e->id = sqlite3_last_insert_rowid (db);
          e->batch_id = job->id;
          e->state = MML_JOURNAL_QUEUED;
        }
      if (!mml_store_commit (db, &error))
        {
          mml_store_rollback (db);
          g_task_return_error (task, error);
          return;
        }
      g_task_return_int (task, job->entries->len);
      return;
    case JOB_BEGIN:
      mml_store_bind_text_or_null (stmt, 1, job->text[0]);
      mml_store_bind_text_or_null (stmt, 2, job->text[1]);
      sqlite3_bind_int64 (stmt, 3, now_seconds ());
      break;
    case JOB_PLAN:
      sqlite3_bind_int64 (stmt, 1, job->id);
      sqlite3_bind_text (stmt, 2, op_names[job->number], -1, SQLITE_STATIC);
      mml_store_bind_text_or_null (stmt, 3, job->text[0]);
      mml_store_bind_text_or_null (stmt, 4, job->text[1]);
      mml_store_bind_text_or_null (stmt, 5, job->text[2]);
      sqlite3_bind_int64 (stmt, 6, now_seconds ());
      break;
    case JOB_ADVANCE:
      if (!mml_store_begin (db, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < job->ids->len; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (job->ids, gint64, i));
          sqlite3_bind_text (stmt, 2, (int) i < job->number ? "done" : "planned", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, now_seconds ());
          if (sqlite3_step (stmt) != SQLITE_DONE)
            mml_store_set_sqlite_error (db, &error);
          else if (sqlite3_changes (db) != 1)
            {
              g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (job->ids, gint64, i));

              g_set_error (&error, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND, _("The journal has no entry %s"), id);
            }
          if (error != NULL)
            {
              mml_store_rollback (db);
              g_task_return_error (task, error);
              return;
            }
        }
      if (!mml_store_commit (db, &error))
        {
          mml_store_rollback (db);
          g_task_return_error (task, error);
          return;
        }
      g_task_return_int (task, job->ids->len);
      return;
    case JOB_SET_STATE:
      sqlite3_bind_int64 (stmt, 1, job->id);
      sqlite3_bind_text (stmt, 2, state_names[job->number], -1, SQLITE_STATIC);
      mml_store_bind_text_or_null (stmt, 3, job->text[0]);
      sqlite3_bind_int64 (stmt, 4, now_seconds ());
      break;
    case JOB_FINISH:
      sqlite3_bind_int64 (stmt, 1, job->id);
      mml_store_bind_text_or_null (stmt, 2, job->text[0]);
      sqlite3_bind_int64 (stmt, 3, now_seconds ());
      break;
    case JOB_ENTRIES:
      sqlite3_bind_int64 (stmt, 1, job->id);
      g_task_return_pointer (task, read_entries (stmt), (GDestroyNotify) g_ptr_array_unref);
      return;
    case JOB_BATCHES:
      sqlite3_bind_int64 (stmt, 1, job->number);
      g_task_return_pointer (task, read_batches (stmt), (GDestroyNotify) g_ptr_array_unref);
      return;
    default:
      g_assert_not_reached ();
    }

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  if ((job->kind == JOB_SET_STATE || job->kind == JOB_FINISH) && sqlite3_changes (db) == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);

      g_task_return_new_error (task, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND,
                               _("The journal has no entry %s"), id);
      return;
    }
  g_task_return_int (task, sqlite3_last_insert_rowid (db));
}

static Job *
job_new (JobKind     kind,
         gint64      id,
         int         number,
         const char *a,
         const char *b,
         const char *c)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->id = id;
  job->number = number;
  job->text[0] = g_strdup (a);
  job->text[1] = g_strdup (b);
  job->text[2] = g_strdup (c);
  return job;
}

static gint64
run_int (MmlStore  *store,
         Job       *job,
         GError   **error)
{
  g_autoptr(GAsyncResult) result = mml_store_run_sync (store, journal_job, job, (GDestroyNotify) job_free,
                                                       mml_journal_store_begin);
  GError *local = NULL;
  gssize value = g_task_propagate_int (G_TASK (result), &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return 0;
    }
  return value;
}

static GPtrArray *
run_rows (MmlStore  *store,
          Job       *job,
          GError   **error)
{
  g_autoptr(GAsyncResult) result = mml_store_run_sync (store, journal_job, job, (GDestroyNotify) job_free,
                                                       mml_journal_store_begin);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
mml_journal_store_begin (MmlStore    *store,
                         const char  *kind,
                         const char  *title,
                         GError     **error)
{
  return run_int (store, job_new (JOB_BEGIN, 0, 0, kind, title, NULL), error);
}

gint64
mml_journal_store_plan (MmlStore      *store,
                        gint64         batch_id,
                        MmlJournalOp   op,
                        const char    *source,
                        const char    *target,
                        const char    *temp,
                        GError       **error)
{
  g_return_val_if_fail (op <= MML_JOURNAL_RMDIR, 0);

  return run_int (store, job_new (JOB_PLAN, batch_id, op, source, target, temp), error);
}

gboolean
mml_journal_store_queue (MmlStore   *store,
                         gint64      batch_id,
                         GPtrArray  *entries,
                         GError    **error)
{
  Job *job = job_new (JOB_QUEUE, batch_id, 0, NULL, NULL, NULL);
  GError *local = NULL;

  for (guint i = 0; i < entries->len; i++)
    g_return_val_if_fail (((MmlJournalEntry *) g_ptr_array_index (entries, i))->op <= MML_JOURNAL_RMDIR, FALSE);
  if (entries->len == 0)
    {
      job_free (job);
      return TRUE;
    }
  job->entries = entries;
  run_int (store, job, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
mml_journal_store_set_state (MmlStore         *store,
                             gint64            entry_id,
                             MmlJournalState   state,
                             const char       *error_message,
                             GError          **error)
{
  GError *local = NULL;

  g_return_val_if_fail (state <= MML_JOURNAL_QUEUED, FALSE);

  run_int (store, job_new (JOB_SET_STATE, entry_id, state, error_message, NULL, NULL), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/**
 * mml_journal_store_advance:
 * @done: (array length=n_done): entries to mark done
 * @planned: (array length=n_planned): entries to mark planned
 *
 * Both in one transaction: the steps before are done, the next ones are
 * about to happen.
 */
gboolean
mml_journal_store_advance (MmlStore      *store,
                           const gint64  *done,
                           guint          n_done,
                           const gint64  *planned,
                           guint          n_planned,
                           GError       **error)
{
  Job *job = job_new (JOB_ADVANCE, 0, 0, NULL, NULL, NULL);
  GError *local = NULL;

  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (job->ids, done, n_done);
  g_array_append_vals (job->ids, planned, n_planned);
  job->number = n_done;
  run_int (store, job, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
mml_journal_store_finish (MmlStore    *store,
                          gint64       batch_id,
                          const char  *state,
                          GError     **error)
{
  GError *local = NULL;

  run_int (store, job_new (JOB_FINISH, batch_id, 0, state, NULL, NULL), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
mml_journal_store_entries (MmlStore  *store,
                           gint64     batch_id,
                           GError   **error)
{
  return run_rows (store, job_new (JOB_ENTRIES, batch_id, 0, NULL, NULL, NULL), error);
}

GPtrArray *
mml_journal_store_batches (MmlStore  *store,
                           gboolean   running_only,
                           GError   **error)
{
  return run_rows (store, job_new (JOB_BATCHES, 0, running_only ? 1 : 0, NULL, NULL, NULL), error);
}
