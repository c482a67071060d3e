/* mml-organize-controller.c — organising files (see
 * mml-organize-controller.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every verb reads what it needs from the store, does the file work on a
 * worker thread through the journal, then lets the store follow the
 * renames and rescans the roots touched, quickly: the store has followed
 * every move and series rows their renamed folders, so the rescan only
 * finds what else changed meanwhile. When the library controller's watcher runs (the
 * app), it sees the same renames and comes to the same rows.
 */
#define G_LOG_DOMAIN "mml-organize"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <string.h>
#include <sys/stat.h>

#include "mml-engine-private.h"
#include "mml-journal.h"
#include "mml-organize-controller.h"
#include "mml-organize-store.h"
#include "mml-util.h"

struct _MmlOrganizeController
{
  GObject    parent_instance;

  MmlEngine *engine;   /* owns us */
  MmlStore  *store;
  guint      n_busy;   /* verbs that change files, in flight */
};

G_DEFINE_FINAL_TYPE (MmlOrganizeController, mml_organize_controller, G_TYPE_OBJECT)

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mml_organize_controller_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MmlOrganizeController *self = MML_ORGANIZE_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_organize_controller_dispose (GObject *object)
{
  MmlOrganizeController *self = MML_ORGANIZE_CONTROLLER (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (mml_organize_controller_parent_class)->dispose (object);
}

static void
mml_organize_controller_class_init (MmlOrganizeControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_organize_controller_dispose;
  object_class->get_property = mml_organize_controller_get_property;

  /**
   * MmlOrganizeController:busy:
   *
   * Whether an apply, undo, recover or folders job is running: a batch
   * of this process is "running" in the journal then, and is no crash's.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlOrganizeController::progress:
   * @done: operations of the running apply done
   * @total: operations it will do
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mml_organize_controller_init (MmlOrganizeController *self)
{
}

MmlOrganizeController *
_mml_organize_controller_new (MmlEngine *engine)
{
  MmlOrganizeController *self = g_object_new (MML_TYPE_ORGANIZE_CONTROLLER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  return self;
}

void
_mml_organize_controller_shutdown (MmlOrganizeController *self)
{
}

/* ---- the disk, for the planner: on its worker threads, several at once
 * (lstat (), stat () and readdir () of a GDir of its own are safe so) ---- */

static gboolean
disk_exists (const char *path,
             gpointer    data)
{
  struct stat st;

  return lstat (path, &st) == 0;
}

static guint64
disk_device (const char *path,
             gpointer    data)
{
  g_autofree char *p = g_strdup (path);
  struct stat st;

  while (stat (p, &st) != 0)
    {
      char *parent = g_path_get_dirname (p);

      if (g_str_equal (parent, p))
        {
          g_free (parent);
          return 0;
        }
      g_free (p);
      p = parent;
    }
  return (guint64) st.st_dev;
}

static char **
disk_list (const char *dir,
           gpointer    data)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static const MmlOrganizeDisk real_disk = { disk_exists, disk_device, disk_list, NULL };

/* ---- jobs ---- */

typedef enum
{
  JOB_PREVIEW,
  JOB_APPLY,
  JOB_UNDO,
  JOB_RECOVER,
  JOB_HISTORY,
  JOB_FOLDERS,
} JobKind;

typedef struct
{
  JobKind             kind;
  gint64              series_id;
  gint64              root_id;
  gint64              batch;
  gboolean            roll_back;
  MmlNamingConfig    *config;
  GPtrArray          *videos;
  GPtrArray          *ops;
  GPtrArray          *moves;      /* from, to, … (absolute), for the store to follow */
  GArray             *batches;
  GPtrArray          *history;
  GPtrArray          *created;
  MmlOrganizeSeries  *series;
  MmlOrganizeSummary  summary;
  GError             *error;      /* a failure to report after the store followed */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->config, mml_naming_config_free);
  g_clear_pointer (&job->videos, g_ptr_array_unref);
  g_clear_pointer (&job->ops, g_ptr_array_unref);
  g_clear_pointer (&job->moves, g_ptr_array_unref);
  g_clear_pointer (&job->batches, g_array_unref);
  g_clear_pointer (&job->history, g_ptr_array_unref);
  g_clear_pointer (&job->created, g_ptr_array_unref);
  g_clear_pointer (&job->series, mml_organize_series_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
add_move (Job        *job,
          const char *from,
          const char *to)
{
  g_ptr_array_add (job->moves, g_strdup (from));
  g_ptr_array_add (job->moves, g_strdup (to));
}

typedef struct
{
  MmlOrganizeController *self;
  guint                  done;
  guint                  total;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->self, signals[SIGNAL_PROGRESS], 0, p->done, p->total);
  g_object_unref (p->self);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
emit_progress (GTask *task,
               guint  done,
               guint  total)
{
  Progress *p;

  /* every 25 steps, and the last: enough for a progress bar, not an idle
   * per file on a library of 100k */
  if (done != total && done % 25 != 0)
    return;
  p = g_new0 (Progress, 1);
  p->self = g_object_ref (g_task_get_source_object (task));
  p->done = done;
  p->total = total;
  mml_context_post (g_task_get_context (task), G_PRIORITY_DEFAULT, progress_idle, p, NULL);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);

  return d != NULL && g_dir_read_name (d) == NULL;
}

/* Carries out the plan (worker thread) */
static void
apply_plan (GTask        *task,
            Job          *job,
            GCancellable *cancellable)
{
  MmlOrganizeController *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) rmdirs = NULL;
  g_autoptr(GPtrArray) steps = mml_organize_plan_steps (job->ops, &real_disk, &rmdirs);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_journal_entry_free);
  g_autofree gboolean *failed = g_new0 (gboolean, job->ops->len + 1);
  MmlJournalRun *run;
  guint unit_failed = 0;
  gboolean stopped = FALSE;

  for (guint i = 0; i < job->ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (job->ops, i);

      if (op->problem != NULL)
        job->summary.problems++;
      else if (op->action == MML_ORGANIZE_NONE)
        job->summary.skipped++;
    }
  if (steps->len == 0)
    return;

  if (!(run = mml_journal_run_begin (self->store, "organize", _("Files renamed by the naming templates"),
                                     &job->error)))
    return;
  job->summary.batch = mml_journal_run_get_batch (run);
  for (guint i = 0; i < steps->len; i++)
    {
      MmlOrganizeStep *s = g_ptr_array_index (steps, i);
      MmlJournalEntry *e = g_new0 (MmlJournalEntry, 1);

      e->op = s->op;
      e->source = g_strdup (s->source);
      e->target = g_strdup (s->target);
      g_ptr_array_add (entries, e);
    }
  if (!mml_journal_run_queue (run, entries, &job->error))
    {
      mml_journal_run_finish (run);
      return;
    }

  for (guint i = 0; i < steps->len; i++)
    {
      MmlOrganizeStep *s = g_ptr_array_index (steps, i);
      MmlJournalEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;

      /* cancelling stops between chains, never inside one */
      if (!stopped && (i == 0 || s->unit != ((MmlOrganizeStep *) g_ptr_array_index (steps, i - 1))->unit))
        stopped = g_cancellable_is_cancelled (cancellable);
      if (stopped || (s->unit != 0 && s->unit == unit_failed))
        {
          mml_journal_run_skip (run, e, stopped ? _("Cancelled") : _("An operation before it failed"));
          if (s->file >= 0)
            failed[s->file] = TRUE;
          continue;
        }
      /* a window of steps that share no path is planned in one write */
      if (e->state == MML_JOURNAL_QUEUED && !mml_journal_run_plan_window (run, entries, i, 256, &error))
        {
          g_message ("Organising: %s", error->message);
          mml_journal_run_skip (run, e, error->message);
          if (s->file >= 0)
            failed[s->file] = TRUE;
          if (s->unit != 0)
            unit_failed = s->unit;
          continue;
        }
      if (!mml_journal_run_do (run, e, &error))
        {
          g_message ("Organising: %s", error->message);
          if (s->file >= 0)
            failed[s->file] = TRUE;
          if (s->unit != 0)
            unit_failed = s->unit;
        }
      else if (s->op == MML_JOURNAL_RENAME)
        {
          add_move (job, s->source, s->target);
          if (s->last && !failed[s->file])
            job->summary.done++;
        }
      emit_progress (task, i + 1, steps->len);
    }
  for (guint i = 0; i < job->ops->len; i++)
    job->summary.failed += failed[i];

  /* the folders the files left, when nothing is left in them */
  for (guint i = 0; i < rmdirs->len && !stopped; i++)
    {
      const char *dir = g_ptr_array_index (rmdirs, i);

      if (folder_is_empty (dir))
        mml_journal_run_rmdir (run, dir, NULL);
    }
  mml_journal_run_finish (run);
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;

  job->ops = mml_organize_plan (job->videos, job->config, &real_disk);
  if (job->kind == JOB_APPLY)
    apply_plan (task, job, cancellable);
  g_task_return_boolean (task, TRUE);
}

/* The entries of @batch (worker thread), NULL on failure */
static GPtrArray *
entries_of (MmlStore  *store,
            gint64     batch,
            GError   **error)
{
  return mml_journal_store_entries (store, batch, error);
}

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MmlOrganizeController *self = source;
  Job *job = task_data;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GError *error = NULL;

  if (job->batch == 0)
    {
      g_autoptr(GPtrArray) batches = mml_journal_store_batches (self->store, FALSE, &error);

      if (batches == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < batches->len && job->batch == 0; i++)
        {
          MmlJournalBatch *b = g_ptr_array_index (batches, i);

          if (g_str_equal (b->state, "done") &&
              (g_str_equal (b->kind, "organize") || g_str_equal (b->kind, "folders") ||
               g_str_equal (b->kind, "subtitles") || g_str_equal (b->kind, "transfer")))
            job->batch = b->id;
        }
      if (job->batch == 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                                   _("There is no batch of changes to undo"));
          return;
        }
    }
  if (!(before = entries_of (self->store, job->batch, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  mml_journal_undo (self->store, job->batch, &job->error);
  if ((after = entries_of (self->store, job->batch, NULL)) != NULL && after->len == before->len)
    for (guint i = after->len; i > 0; i--)
      {
        MmlJournalEntry *b = g_ptr_array_index (before, i - 1);
        MmlJournalEntry *a = g_ptr_array_index (after, i - 1);

        if (a->op == MML_JOURNAL_RENAME && b->state == MML_JOURNAL_DONE && a->state == MML_JOURNAL_UNDONE)
          add_move (job, a->target, a->source);
      }
  g_task_return_boolean (task, TRUE);
}

static void
recover_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MmlOrganizeController *self = source;
  Job *job = task_data;
  g_autoptr(GPtrArray) batches = mml_journal_store_batches (self->store, TRUE, &job->error);

  if (batches == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  for (guint i = batches->len; i > 0 && job->error == NULL; i--)
    {
      MmlJournalBatch *b = g_ptr_array_index (batches, i - 1);
      g_autoptr(GPtrArray) after = NULL;

      if (!mml_journal_recover (self->store, b->id, job->roll_back, &job->error))
        break;
      g_array_append_val (job->batches, b->id);
      if (!(after = entries_of (self->store, b->id, &job->error)))
        break;
      /* the store never followed an interrupted batch: after a roll back
       * the files are where it says (the roots are rescanned all the
       * same), after a resume where the done renames took them */
      for (guint j = 0; j < after->len; j++)
        {
          MmlJournalEntry *e = g_ptr_array_index (after, j);

          if (e->op != MML_JOURNAL_RENAME)
            continue;
          if (job->roll_back)
            add_move (job, e->source, e->source);
          else if (e->state == MML_JOURNAL_DONE)
            add_move (job, e->source, e->target);
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
history_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MmlOrganizeController *self = source;
  GError *error = NULL;
  GPtrArray *batches = mml_journal_store_batches (self->store, FALSE, &error);

  if (batches == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batches, (GDestroyNotify) g_ptr_array_unref);
}

static void
folders_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MmlOrganizeController *self = source;
  Job *job = task_data;
  MmlOrganizeSeries *s = job->series;
  MmlNamingEpisode ep = { 0 };
  g_autofree char *series_dir = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  MmlJournalRun *run = NULL;
  GError *error = NULL;

  ep.series_title = s->title;
  ep.series_year = s->year;
  ep.series_type = MML_NAMING_SERIES_FROM_ROOT;
  ep.root_kind = s->root_kind;
  ep.season = 1;
  if (s->folder != NULL)
    series_dir = g_build_filename (s->root_path, s->folder, NULL);
  else
    {
      g_autofree char *name = mml_naming_render_series_folder (job->config, &ep, &error);

      if (name == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      series_dir = g_build_filename (s->root_path, name, NULL);
    }
  g_ptr_array_add (wanted, g_strdup (series_dir));
  for (guint i = 0; i < s->seasons->len; i++)
    {
      g_autofree char *name = NULL;

      ep.season = g_array_index (s->seasons, int, i);
      if (s->root_kind == MML_ROOT_KIND_DAILY)
        continue;   /* a daily series' season folder is a year, made as files come */
      if (!(name = mml_naming_render_season_folder (job->config, &ep, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (wanted, g_build_filename (series_dir, name, NULL));
    }

  job->created = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < wanted->len; i++)
    {
      const char *path = g_ptr_array_index (wanted, i);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (run == NULL && !(run = mml_journal_run_begin (self->store, "folders", _("Folders made for a series"),
                                                        &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      if (!mml_journal_run_mkdir (run, path, &error))
        {
          job->batch = mml_journal_run_finish (run);
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (job->created, g_strdup (path));
    }
  if (run != NULL)
    job->batch = mml_journal_run_finish (run);
  g_task_return_boolean (task, TRUE);
}

/* ---- after the file work: the library follows (mml-follow.c) ---- */

static void
finish_job (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
      return;
    }
  switch (job->kind)
    {
    case JOB_PREVIEW:
    case JOB_APPLY:
      g_task_return_pointer (task, g_steal_pointer (&job->ops), (GDestroyNotify) g_ptr_array_unref);
      break;
    case JOB_UNDO:
      g_task_return_int (task, job->batch);
      break;
    case JOB_RECOVER:
      g_task_return_pointer (task, g_steal_pointer (&job->batches), (GDestroyNotify) g_array_unref);
      break;
    case JOB_HISTORY:
    case JOB_FOLDERS:
    default:
      g_assert_not_reached ();
    }
}

static void
followed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;

  _mml_engine_follow_moves_finish (MML_ENGINE (source), result);
  finish_job (task);
  g_object_unref (task);
}

static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  MmlOrganizeController *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (job->kind == JOB_PREVIEW || job->moves->len == 0)
    {
      finish_job (task);
      g_object_unref (task);
      return;
    }
  _mml_engine_follow_moves_async (self->engine, job->moves, followed_cb, task);
}

/* Takes @task */
static void
run_work (GTask           *task,
          GTaskThreadFunc  func)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GTask) work = g_task_new (g_task_get_source_object (task), cancellable, work_done_cb, task);

  g_task_set_task_data (work, g_task_get_task_data (task), NULL);
  /* a cancelled apply stops between chains: the store still follows
   * what moved before (the caller's task reports the cancel) */
  g_task_set_check_cancellable (work, FALSE);
  g_task_run_in_thread (work, func);
}

static void
videos_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(job->videos = mml_store_organize_videos_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_work (task, plan_thread);
}

static void
series_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(job->series = mml_store_organize_series_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the folders job returns straight from its thread */
  g_task_run_in_thread (task, folders_thread);
}

/* The config is known: on to the store's reads */
static void
with_config (GTask *task)
{
  MmlOrganizeController *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (job->kind == JOB_FOLDERS)
    mml_store_organize_series_async (self->store, job->series_id, cancellable, series_cb, task);
  else
    mml_store_organize_videos_async (self->store, job->series_id, job->root_id, cancellable, videos_cb, task);
}

static void
naming_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!(text = mml_store_naming_file_finish (MML_STORE (source), result, &error)) ||
      !(job->config = mml_naming_config_parse_file (text, strlen (text), &error)))
    {
      g_prefix_error (&error, "%s", _("The saved naming templates are not usable: "));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  with_config (task);
}

static void
job_completed_cb (GTask                 *task,
                  GParamSpec            *pspec,
                  MmlOrganizeController *self)
{
  g_assert (self->n_busy > 0);
  if (--self->n_busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static GTask *
job_start (MmlOrganizeController *self,
           JobKind                kind,
           const MmlNamingConfig *config,
           gpointer               source_tag,
           GCancellable          *cancellable,
           GAsyncReadyCallback    callback,
           gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  job->kind = kind;
  job->config = config != NULL ? mml_naming_config_copy (config) : NULL;
  job->moves = g_ptr_array_new_with_free_func (g_free);
  job->batches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  if (kind == JOB_APPLY || kind == JOB_UNDO || kind == JOB_RECOVER || kind == JOB_FOLDERS)
    {
      /* "completed" is notified on the caller's context, after its callback */
      g_signal_connect_object (task, "notify::completed", G_CALLBACK (job_completed_cb), self, 0);
      if (self->n_busy++ == 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  return task;
}

static void
plan_start (MmlOrganizeController *self,
            JobKind                kind,
            gint64                 series_id,
            gint64                 root_id,
            const MmlNamingConfig *config,
            gpointer               source_tag,
            GCancellable          *cancellable,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  GTask *task = job_start (self, kind, config, source_tag, cancellable, callback, user_data);
  Job *job = g_task_get_task_data (task);

  job->series_id = series_id;
  job->root_id = root_id;
  if (job->config == NULL)
    mml_store_naming_file_async (self->store, cancellable, naming_cb, task);
  else
    with_config (task);
}

void
mml_organize_controller_preview_async (MmlOrganizeController *self,
                                       gint64                 series_id,
                                       gint64                 root_id,
                                       const MmlNamingConfig *config,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_return_if_fail (MML_IS_ORGANIZE_CONTROLLER (self));

  plan_start (self, JOB_PREVIEW, series_id, root_id, config, mml_organize_controller_preview_async,
              cancellable, callback, user_data);
}

GPtrArray *
mml_organize_controller_preview_finish (MmlOrganizeController  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_organize_controller_apply_async (MmlOrganizeController *self,
                                     gint64                 series_id,
                                     gint64                 root_id,
                                     const MmlNamingConfig *config,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (MML_IS_ORGANIZE_CONTROLLER (self));

  plan_start (self, JOB_APPLY, series_id, root_id, config, mml_organize_controller_apply_async,
              cancellable, callback, user_data);
}

GPtrArray *
mml_organize_controller_apply_finish (MmlOrganizeController  *self,
                                      GAsyncResult           *result,
                                      MmlOrganizeSummary     *summary,
                                      GError                **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = job->summary;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_organize_controller_undo_async (MmlOrganizeController *self,
                                    gint64                 batch,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_ORGANIZE_CONTROLLER (self));

  task = job_start (self, JOB_UNDO, NULL, mml_organize_controller_undo_async, cancellable, callback, user_data);
  ((Job *) g_task_get_task_data (task))->batch = batch;
  run_work (task, undo_thread);
}

gint64
mml_organize_controller_undo_finish (MmlOrganizeController  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

void
mml_organize_controller_recover_async (MmlOrganizeController *self,
                                       gboolean               roll_back,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_ORGANIZE_CONTROLLER (self));

  /* a batch this process runs is "running" too: never settle it as a
   * crash's */
  if (self->n_busy > 0)
    {
      g_task_report_new_error (self, callback, user_data, mml_organize_controller_recover_async,
                               G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Files are being organised; try again when that is done"));
      return;
    }
  task = job_start (self, JOB_RECOVER, NULL, mml_organize_controller_recover_async, cancellable,
                    callback, user_data);
  ((Job *) g_task_get_task_data (task))->roll_back = roll_back;
  run_work (task, recover_thread);
}

GArray *
mml_organize_controller_recover_finish (MmlOrganizeController  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_organize_controller_history_async (MmlOrganizeController *self,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_ORGANIZE_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_organize_controller_history_async);
  g_task_run_in_thread (task, history_thread);
}

GPtrArray *
mml_organize_controller_history_finish (MmlOrganizeController  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_organize_controller_create_folders_async (MmlOrganizeController *self,
                                              gint64                 series_id,
                                              const MmlNamingConfig *config,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (MML_IS_ORGANIZE_CONTROLLER (self));

  plan_start (self, JOB_FOLDERS, series_id, 0, config, mml_organize_controller_create_folders_async,
              cancellable, callback, user_data);
}

GPtrArray *
mml_organize_controller_create_folders_finish (MmlOrganizeController  *self,
                                               GAsyncResult           *result,
                                               gint64                 *batch,
                                               GError                **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (batch != NULL)
    *batch = job->batch;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_ptr_array_ref (job->created);
}

/**
 * mml_organize_controller_get_busy:
 *
 * Returns: whether an apply, undo, recover or folders job is running
 */
gboolean
mml_organize_controller_get_busy (MmlOrganizeController *self)
{
  g_return_val_if_fail (MML_IS_ORGANIZE_CONTROLLER (self), FALSE);

  return self->n_busy > 0;
}
