/* mml-transfer-controller.c — the transfer queue (see
 * mml-transfer-controller.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue is rows of the store (mml-transfer-store.c). A run reads the
 * items waiting, does the file work on a worker thread — copies through
 * mml_file_copy_verified(), moves through the journal so they can be
 * undone — writing each outcome as it comes, then lets the store follow
 * the moves and rescans the roots they left.
 */
#define G_LOG_DOMAIN "mml-transfer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "mml-engine-private.h"
#include "mml-file-ops.h"
#include "mml-journal.h"
#include "mml-transfer-controller.h"
#include "mml-transfer-rate.h"
#include "mml-util.h"

/* how often the progress of a copy is told, at most */
#define PROGRESS_INTERVAL_MS 100
/* how far back the speed looks */
#define RATE_WINDOW (5 * G_USEC_PER_SEC)

struct _MmlTransferController
{
  GObject               parent_instance;

  MmlEngine            *engine;   /* owns us */
  MmlStore             *store;

  MmlTransferSpaceFunc  space_func;
  gpointer              space_data;

  /* the run going on (one at a time); main thread */
  GCancellable         *run_cancellable;   /* cancelled by shutdown and stop */
  gulong                run_cancelled_id;
  GCancellable         *start_cancellable; /* a run of start() */
  gboolean              running;
  gboolean              again;             /* start() during a run: one more after it */
  gboolean              shut_down;

  /* shared with the worker */
  GMutex                lock;
  GCond                 cond;              /* paused turned FALSE, or the run was cancelled */
  gboolean              paused;
  MmlTransferProgress   progress;
  GSource              *progress_source;   /* a "progress-changed" on its way */
  GMainContext         *context;           /* where the run's signals go */
};

G_DEFINE_FINAL_TYPE (MmlTransferController, mml_transfer_controller, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RUNNING,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_PROGRESS,
  SIGNAL_PROGRESS_CHANGED,
  SIGNAL_QUEUE_CHANGED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The room on the file system holding @folder, through GIO */
static gboolean
gio_free_space (const char *folder,
                guint64    *free_bytes,
                gpointer    user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileInfo) info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);

  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return FALSE;
  *free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  return TRUE;
}

static void
mml_transfer_controller_dispose (GObject *object)
{
  MmlTransferController *self = MML_TRANSFER_CONTROLLER (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (mml_transfer_controller_parent_class)->dispose (object);
}

static void
mml_transfer_controller_finalize (GObject *object)
{
  MmlTransferController *self = MML_TRANSFER_CONTROLLER (object);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (mml_transfer_controller_parent_class)->finalize (object);
}

static void
mml_transfer_controller_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MmlTransferController *self = MML_TRANSFER_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, mml_transfer_controller_get_paused (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_transfer_controller_class_init (MmlTransferControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_transfer_controller_dispose;
  object_class->finalize = mml_transfer_controller_finalize;
  object_class->get_property = mml_transfer_controller_get_property;

  /* a run is going on (paused or not) */
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  /* the run waits, between files or between chunks of one */
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlTransferController::progress:
   * @done: items of the running transfer finished (done, skipped or failed)
   * @total: items it will try
   * @bytes_done: bytes of the files finished
   * @bytes_total: bytes of every file it will try
   *
   * After each item: enough for a per-item line, a speed and an ETA.
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT,
                                           G_TYPE_UINT64, G_TYPE_UINT64);
  /**
   * MmlTransferController::progress-changed:
   *
   * The progress of the running transfer moved (at most ten times a
   * second, during a copy too): read it with
   * mml_transfer_controller_get_progress().
   */
  signals[SIGNAL_PROGRESS_CHANGED] = g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MmlTransferController::queue-changed:
   *
   * Items were queued, finished (done, skipped, failed) or cleared: a list
   * of them is out of date.
   */
  signals[SIGNAL_QUEUE_CHANGED] = g_signal_new ("queue-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MmlTransferController::finished:
   * @summary: (type gpointer): the #MmlTransferSummary of the run
   * @error: (nullable): why it could not run (G_IO_ERROR_CANCELLED: stopped)
   *
   * A run of mml_transfer_controller_start() ended.
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_ERROR);
}

static void
mml_transfer_controller_init (MmlTransferController *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->space_func = gio_free_space;
  self->progress.eta = -1;
}

MmlTransferController *
_mml_transfer_controller_new (MmlEngine *engine)
{
  MmlTransferController *self = g_object_new (MML_TYPE_TRANSFER_CONTROLLER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  return self;
}

void
_mml_transfer_controller_shutdown (MmlTransferController *self)
{
  /* a copy going on stops (its partial file removed), the rest stays queued */
  g_mutex_lock (&self->lock);
  self->shut_down = TRUE;
  if (self->progress_source != NULL)
    g_source_destroy (self->progress_source);
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_mutex_unlock (&self->lock);
  self->again = FALSE;
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

/* ---- a run ---- */

typedef struct
{
  MmlTransferController *self;
  GPtrArray          *items;      /* MmlTransferItem: waiting, then as they went */
  GPtrArray          *tried;      /* the items tried (not owned: in @items) */
  GPtrArray          *moves;      /* from, to, … (absolute), for the store to follow */
  MmlTransferSummary  summary;
  GCancellable       *cancellable; /* the run's own: the caller's, shutdown, stop */
  GCancellable       *caller_cancellable;
  gulong              caller_id;

  /* the worker's */
  MmlTransferRate    *rate;
  MmlTransferProgress progress;
  guint64             copied;     /* bytes copied before the current file (skips not counted) */
  gint64              last_told;  /* monotonic µs */
} Run;

static void
run_free (Run *run)
{
  if (run->caller_id != 0)
    g_cancellable_disconnect (run->caller_cancellable, run->caller_id);
  g_clear_object (&run->caller_cancellable);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->rate, mml_transfer_rate_free);
  g_clear_pointer (&run->items, g_ptr_array_unref);
  g_clear_pointer (&run->tried, g_ptr_array_unref);
  g_clear_pointer (&run->moves, g_ptr_array_unref);
  g_free (run);
}

/* ---- progress, pause (worker side) ---- */

static gboolean
progress_changed_cb (gpointer data)
{
  MmlTransferController *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[SIGNAL_PROGRESS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Publishes the worker's progress; "progress-changed" follows within
 * PROGRESS_INTERVAL_MS */
static void
publish (Run *run)
{
  MmlTransferController *self = run->self;
  gboolean paused;

  run->progress.speed = mml_transfer_rate_get_speed (run->rate);
  run->progress.eta = mml_transfer_rate_get_eta (run->rate, run->progress.bytes_total - run->progress.bytes_done);
  g_mutex_lock (&self->lock);
  paused = self->paused;
  self->progress = run->progress;
  if (paused)
    {
      self->progress.speed = 0;
      self->progress.eta = -1;
    }
  if (self->progress_source == NULL && !self->shut_down)
    {
      self->progress_source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
      g_source_set_callback (self->progress_source, progress_changed_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->progress_source, "[mml] transfer progress");
      g_source_attach (self->progress_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

/* Waits while the run is paused; FALSE when it was cancelled */
static gboolean
wait_unpaused (Run *run)
{
  MmlTransferController *self = run->self;
  gboolean waited = FALSE;
  gboolean cancelled;

  g_mutex_lock (&self->lock);
  while (self->paused && !g_cancellable_is_cancelled (run->cancellable))
    {
      if (!waited)
        {
          g_mutex_unlock (&self->lock);
          publish (run);   /* speed and ETA say nothing while paused */
          g_mutex_lock (&self->lock);
          waited = TRUE;
          continue;
        }
      g_cond_wait (&self->cond, &self->lock);
    }
  cancelled = g_cancellable_is_cancelled (run->cancellable);
  g_mutex_unlock (&self->lock);
  if (waited)
    {
      /* the speed starts again from here */
      mml_transfer_rate_reset (run->rate);
      mml_transfer_rate_add (run->rate, run->copied + run->progress.item_done);
      publish (run);
    }
  return !cancelled;
}

/* A chunk of the current file was copied (mml-file-ops.h): told at most
 * every PROGRESS_INTERVAL_MS; then a pause waits here, the partial copy
 * kept open, and a stop removes it */
static gboolean
copy_progress (guint64  copied,
               guint64  size,
               gpointer user_data)
{
  Run *run = user_data;
  gint64 now = mml_clock_get_monotonic (mml_engine_get_clock (run->self->engine));

  run->progress.bytes_done += copied - run->progress.item_done;
  run->progress.item_done = copied;
  run->progress.item_size = size;
  mml_transfer_rate_add (run->rate, run->copied + copied);
  if (now - run->last_told >= PROGRESS_INTERVAL_MS * 1000 || copied == size)
    {
      run->last_told = now;
      publish (run);
    }
  return wait_unpaused (run);
}

typedef struct
{
  MmlTransferController *self;
  guint                  done;
  guint                  total;
  guint64                bytes_done;
  guint64                bytes_total;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->self, signals[SIGNAL_PROGRESS], 0, p->done, p->total, p->bytes_done, p->bytes_total);
  g_signal_emit (p->self, signals[SIGNAL_QUEUE_CHANGED], 0);
  g_object_unref (p->self);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
emit_progress (GTask   *task,
               guint    done,
               guint    total,
               guint64  bytes_done,
               guint64  bytes_total)
{
  Progress *p = g_new0 (Progress, 1);

  p->self = g_object_ref (g_task_get_source_object (task));
  p->done = done;
  p->total = total;
  p->bytes_done = bytes_done;
  p->bytes_total = bytes_total;
  mml_context_post (g_task_get_context (task), G_PRIORITY_DEFAULT, progress_idle, p, NULL);
}

/* The deepest folder of @path's parents that exists (what a target will
 * be written into, as far as the disk is concerned) */
static char *
existing_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;

  while (stat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      char *parent = g_path_get_dirname (dir);

      if (g_str_equal (parent, dir))
        {
          g_free (parent);
          break;
        }
      g_free (dir);
      dir = parent;
    }
  return g_steal_pointer (&dir);
}

/* What a file system holding targets has, and what the run needs of it */
typedef struct
{
  dev_t    device;
  char    *folder;     /* a folder on it, to name it by */
  guint64  needed;
  guint64  free;
  gboolean known;      /* the space function answered */
} Disk;

static void
disk_free (Disk *d)
{
  g_free (d->folder);
  g_free (d);
}

/* Per item, before anything is copied: the size of its source, and
 * whether it needs room on its target's disk (a copy, or a move to
 * another file system, to a target that is not there yet). Items whose
 * disk has too little room, or whose source is gone, get their error. */
static void
check_room (MmlTransferController  *self,
            GPtrArray              *items,
            guint64                *sizes,
            char                  **errors)
{
  g_autoptr(GPtrArray) disks = g_ptr_array_new_with_free_func ((GDestroyNotify) disk_free);
  g_autofree Disk **disk_of = g_new0 (Disk *, items->len);

  for (guint i = 0; i < items->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (items, i);
      g_autofree char *folder = NULL;
      struct stat st_source, st_target, st_folder;
      Disk *disk = NULL;

      if (stat (item->source, &st_source) != 0 || !S_ISREG (st_source.st_mode))
        {
          int errsv = S_ISDIR (st_source.st_mode) ? EISDIR : errno;
          g_autofree char *display = g_filename_display_name (item->source);

          errors[i] = g_strdup_printf (_("Cannot read “%s”: %s"), display, g_strerror (errsv));
          continue;
        }
      sizes[i] = (guint64) st_source.st_size;
      if (lstat (item->target, &st_target) == 0)
        continue;   /* compared, never written over */
      folder = existing_parent (item->target);
      if (stat (folder, &st_folder) != 0)
        continue;   /* the copy will say why */
      if (item->move && st_folder.st_dev == st_source.st_dev)
        continue;   /* a rename */
      for (guint k = 0; k < disks->len && disk == NULL; k++)
        if (((Disk *) g_ptr_array_index (disks, k))->device == st_folder.st_dev)
          disk = g_ptr_array_index (disks, k);
      if (disk == NULL)
        {
          disk = g_new0 (Disk, 1);
          disk->device = st_folder.st_dev;
          disk->folder = g_strdup (folder);
          disk->known = self->space_func (folder, &disk->free, self->space_data);
          g_ptr_array_add (disks, disk);
        }
      disk->needed += sizes[i];
      disk_of[i] = disk;
    }

  for (guint i = 0; i < items->len; i++)
    {
      Disk *disk = disk_of[i];

      if (disk != NULL && disk->known && disk->needed > disk->free)
        {
          g_autofree char *display = g_filename_display_name (disk->folder);
          g_autofree char *needed = g_format_size (disk->needed);
          g_autofree char *available = g_format_size (disk->free);

          /* Translators: a folder, then sizes: "… on “/media/usb”: 12.3 GB needed, 4.0 GB free" */
          errors[i] = g_strdup_printf (_("There is not enough free space on “%s”: %s needed, %s free"),
                                       display, needed, available);
        }
    }
}

/* Makes the folders missing above @path: through the journal for a move
 * (undo removes them again when they are empty), plainly for a copy */
static gboolean
make_parents (MmlJournalRun  *journal,
              const char     *path,
              GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *top = existing_parent (path);

  if (journal == NULL)
    {
      if (g_mkdir_with_parents (dir, 0755) == 0)
        return TRUE;
      {
        int errsv = errno;
        g_autofree char *display = g_filename_display_name (dir);

        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                     _("Cannot make the folder “%s”: %s"), display, g_strerror (errsv));
        return FALSE;
      }
    }
  while (!g_str_equal (dir, top))
    {
      char *parent = g_path_get_dirname (dir);

      g_ptr_array_add (missing, g_steal_pointer (&dir));
      if (g_str_equal (parent, g_ptr_array_index (missing, missing->len - 1)))
        {
          g_free (parent);
          break;
        }
      dir = parent;
    }
  for (guint i = missing->len; i > 0; i--)
    if (!mml_journal_run_mkdir (journal, g_ptr_array_index (missing, i - 1), error))
      return FALSE;
  return TRUE;
}

static gboolean
item_settle (MmlStore         *store,
             MmlTransferItem  *item,
             MmlTransferState  state,
             const char       *message,
             gint64            batch_id)
{
  g_autoptr(GError) error = NULL;

  item->state = state;
  g_free (item->error);
  item->error = g_strdup (message);
  item->batch_id = batch_id;
  if (mml_store_transfer_set_state (store, item->id, state, message, batch_id, &error))
    return TRUE;
  g_message ("Transfer %" G_GINT64_FORMAT ": %s", item->id, error->message);
  return FALSE;
}

/* One item: FALSE with @error when it failed */
static gboolean
transfer_one (MmlTransferController  *self,
              Run                    *run,
              MmlTransferItem        *item,
              MmlJournalRun         **journal,
              gboolean               *skipped,
              GError                **error)
{
  struct stat st;

  *skipped = FALSE;
  if (lstat (item->target, &st) == 0)
    {
      g_autofree char *display = NULL;

      if (mml_file_same_contents (item->source, item->target))
        {
          *skipped = TRUE;
          return TRUE;
        }
      display = g_filename_display_name (item->target);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” exists already and holds other bytes: it is left as it is"), display);
      return FALSE;
    }
  if (!item->move)
    return make_parents (NULL, item->target, error) &&
           mml_file_copy_verified_full (item->source, item->target, copy_progress, run, error);

  if (*journal == NULL &&
      !(*journal = mml_journal_run_begin (self->store, "transfer", _("Files moved to another folder"), error)))
    return FALSE;
  return make_parents (*journal, item->target, error) &&
         mml_journal_run_rename_full (*journal, item->source, item->target, copy_progress, run, error);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MmlTransferController *self = source;
  Run *run = task_data;
  GPtrArray *items = run->items;
  g_autofree guint64 *sizes = g_new0 (guint64, items->len + 1);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_full (items->len, g_free);
  g_autoptr(GHashTable) failed = g_hash_table_new (g_int64_hash, g_int64_equal);
  MmlJournalRun *journal = NULL;
  guint64 bytes_total = 0, bytes_done = 0;

  g_ptr_array_set_size (errors, items->len);
  check_room (self, items, sizes, (char **) errors->pdata);
  for (guint i = 0; i < items->len; i++)
    bytes_total += sizes[i];
  run->progress.total = items->len;
  run->progress.bytes_total = bytes_total;
  publish (run);

  for (guint i = 0; i < items->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) error = NULL;
      gboolean skipped = FALSE;
      gint64 batch = 0;

      /* a pause between files waits here; a stop leaves the rest queued */
      if (!wait_unpaused (run))
        break;
      run->progress.item_id = item->id;
      run->progress.item_done = 0;
      run->progress.item_size = sizes[i];
      run->progress.bytes_done = bytes_done;
      publish (run);
      g_ptr_array_add (run->tried, item);
      if (g_ptr_array_index (errors, i) != NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, g_ptr_array_index (errors, i));
      else if (item->follows != 0 && g_hash_table_contains (failed, &item->follows))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Its video was not transferred"));
      else if (transfer_one (self, run, item, &journal, &skipped, &error) && item->move && !skipped)
        {
          batch = mml_journal_run_get_batch (journal);
          g_ptr_array_add (run->moves, g_strdup (item->source));
          g_ptr_array_add (run->moves, g_strdup (item->target));
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* stopped within the file: no partial left, the item waits as it was */
          g_ptr_array_remove_index (run->tried, run->tried->len - 1);
          break;
        }
      if (error != NULL)
        {
          g_message ("Transfer of %s: %s", item->source, error->message);
          g_hash_table_add (failed, &item->id);
          item_settle (self->store, item, MML_TRANSFER_FAILED, error->message, 0);
          run->summary.failed++;
        }
      else
        {
          item_settle (self->store, item, skipped ? MML_TRANSFER_SKIPPED : MML_TRANSFER_DONE, NULL, batch);
          if (skipped)
            run->summary.skipped++;
          else
            {
              run->summary.done++;
              run->copied += run->progress.item_done;
            }
        }
      bytes_done += sizes[i];
      run->progress.done = i + 1;
      run->progress.bytes_done = bytes_done;
      run->progress.item_id = 0;
      run->progress.item_done = 0;
      publish (run);
      emit_progress (task, i + 1, items->len, bytes_done, bytes_total);
    }
  if (journal != NULL)
    mml_journal_run_finish (journal);
  g_task_return_boolean (task, TRUE);
}

/* ---- the end of a run (main thread) ---- */

static void
run_ended (GTask *task)
{
  MmlTransferController *self = g_task_get_source_object (task);
  gboolean was_paused;

  if (self->run_cancellable != NULL && self->run_cancelled_id != 0)
    g_cancellable_disconnect (self->run_cancellable, self->run_cancelled_id);
  self->run_cancelled_id = 0;
  g_clear_object (&self->run_cancellable);
  g_mutex_lock (&self->lock);
  was_paused = self->paused;
  self->paused = FALSE;
  memset (&self->progress, 0, sizeof self->progress);
  self->progress.eta = -1;
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (was_paused)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_signal_emit (self, signals[SIGNAL_PROGRESS_CHANGED], 0);
  g_signal_emit (self, signals[SIGNAL_QUEUE_CHANGED], 0);
}

/* ---- after the file work: the library follows (mml-follow.c) ---- */

static void
followed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  _mml_engine_follow_moves_finish (MML_ENGINE (source), result);
  run_ended (task);
  g_task_return_pointer (task, g_ptr_array_ref (run->tried), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  MmlTransferController *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      run_ended (task);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* the files left their roots: a rescan of those marks them gone */
  _mml_engine_follow_moves_async (self->engine, run->moves, followed_cb, task);
}

static void
pending_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GTask) work = NULL;

  if (!(run->items = mml_store_transfer_list_finish (MML_STORE (source), result, &error)))
    {
      run_ended (task);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  work = g_task_new (g_task_get_source_object (task), run->cancellable, work_done_cb, task);
  g_task_set_task_data (work, run, NULL);
  g_task_run_in_thread (work, run_thread);
}

/* ---- public ---- */

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *items = mml_store_transfer_add_finish (MML_STORE (source), result, &error);

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_QUEUE_CHANGED], 0);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

void
mml_transfer_controller_add_async (MmlTransferController *self,
                                   gint64                 series_id,
                                   gint64                 file_id,
                                   const char            *dir,
                                   gboolean               move,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *absolute = NULL;
  struct stat st;

  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));
  g_return_if_fail ((series_id > 0) != (file_id > 0));
  g_return_if_fail (dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_transfer_controller_add_async);
  absolute = g_canonicalize_filename (dir, NULL);
  /* one stat: the target folder must be there, as a folder the user chose */
  if (stat (absolute, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (absolute);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                               _("There is no folder “%s” to transfer to"), display);
      return;
    }
  mml_store_transfer_add_async (self->store, series_id, file_id, absolute, move, cancellable, added_cb,
                                g_steal_pointer (&task));
}

GPtrArray *
mml_transfer_controller_add_finish (MmlTransferController  *self,
                                    GAsyncResult           *result,
                                    GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cancel_cb (GCancellable *cancellable,
           gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* a paused worker wakes up to stop */
static void
wake_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  MmlTransferController *self = user_data;

  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
mml_transfer_controller_run_async (MmlTransferController *self,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_transfer_controller_run_async);
  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("The transfers are running already"));
      g_object_unref (task);
      return;
    }
  run = g_new0 (Run, 1);
  run->self = self;
  run->tried = g_ptr_array_new ();
  run->moves = g_ptr_array_new_with_free_func (g_free);
  run->rate = mml_transfer_rate_new (mml_engine_get_clock (self->engine), RATE_WINDOW);
  run->progress.eta = -1;
  run->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      run->caller_cancellable = g_object_ref (cancellable);
      run->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb),
                                              g_object_ref (run->cancellable), g_object_unref);
    }
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->run_cancellable = g_object_ref (run->cancellable);
  self->run_cancelled_id = g_cancellable_connect (run->cancellable, G_CALLBACK (wake_cb), self, NULL);
  if (self->shut_down)
    g_cancellable_cancel (run->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  mml_store_transfer_list_async (self->store, TRUE, run->cancellable, pending_cb, task);
}

GPtrArray *
mml_transfer_controller_run_finish (MmlTransferController  *self,
                                    GAsyncResult           *result,
                                    MmlTransferSummary     *summary,
                                    GError                **error)
{
  Run *run;
  GPtrArray *tried;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  run = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = run->summary;
  tried = g_task_propagate_pointer (G_TASK (result), error);
  if (tried == NULL)
    return NULL;
  /* the items outlive the run's data */
  {
    GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_transfer_item_free);

    for (guint i = 0; i < tried->len; i++)
      g_ptr_array_add (out, mml_transfer_item_copy (g_ptr_array_index (tried, i)));
    g_ptr_array_unref (tried);
    return out;
  }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *items = mml_store_transfer_list_finish (MML_STORE (source), result, &error);

  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

void
mml_transfer_controller_list_async (MmlTransferController *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_transfer_controller_list_async);
  mml_store_transfer_list_async (self->store, FALSE, cancellable, listed_cb, task);
}

GPtrArray *
mml_transfer_controller_list_finish (MmlTransferController  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the app's queue: start, pause, resume, stop ---- */

static void
started_run_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MmlTransferController) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  MmlTransferSummary summary = { 0 };
  gboolean again;

  items = mml_transfer_controller_run_finish (self, result, &summary, &error);
  g_clear_object (&self->start_cancellable);
  again = self->again && !self->shut_down && error == NULL;
  self->again = FALSE;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, &summary, error);
  if (again)
    mml_transfer_controller_start (self);
}

/**
 * mml_transfer_controller_start:
 *
 * Runs the queue in the background: what is queued and what failed
 * before. During a run, one more follows it (for the items that failed or
 * were queued meanwhile). "finished" tells how it went.
 */
void
mml_transfer_controller_start (MmlTransferController *self)
{
  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  if (self->shut_down)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  self->start_cancellable = g_cancellable_new ();
  mml_transfer_controller_run_async (self, self->start_cancellable, started_run_cb, g_object_ref (self));
}

/**
 * mml_transfer_controller_stop:
 *
 * Stops the run of mml_transfer_controller_start(): the file being copied
 * is given up (its partial copy removed) and it and the rest stay queued.
 */
void
mml_transfer_controller_stop (MmlTransferController *self)
{
  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  self->again = FALSE;
  if (self->start_cancellable != NULL)
    g_cancellable_cancel (self->start_cancellable);
}

static void
set_paused (MmlTransferController *self,
            gboolean               paused)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = self->paused != paused && (self->running || !paused);
  if (changed)
    self->paused = paused;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
      g_signal_emit (self, signals[SIGNAL_PROGRESS_CHANGED], 0);
    }
}

/**
 * mml_transfer_controller_pause:
 *
 * Pauses the running transfer after the chunk being copied (or before the
 * next file): the partial copy waits, hidden beside its target, until
 * mml_transfer_controller_resume(); a stop or the end of the program
 * removes it. Nothing when no transfer runs.
 */
void
mml_transfer_controller_pause (MmlTransferController *self)
{
  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  set_paused (self, TRUE);
}

void
mml_transfer_controller_resume (MmlTransferController *self)
{
  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  set_paused (self, FALSE);
}

gboolean
mml_transfer_controller_get_paused (MmlTransferController *self)
{
  gboolean paused;

  g_return_val_if_fail (MML_IS_TRANSFER_CONTROLLER (self), FALSE);

  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);
  return paused;
}

gboolean
mml_transfer_controller_get_running (MmlTransferController *self)
{
  g_return_val_if_fail (MML_IS_TRANSFER_CONTROLLER (self), FALSE);

  return self->running;
}

/**
 * mml_transfer_controller_get_progress:
 * @progress: (out caller-allocates): where the progress goes
 *
 * How the running transfer goes (all 0, ETA -1, when none runs); speed
 * and ETA are 0 and -1 while paused.
 */
void
mml_transfer_controller_get_progress (MmlTransferController *self,
                                      MmlTransferProgress   *progress)
{
  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));
  g_return_if_fail (progress != NULL);

  g_mutex_lock (&self->lock);
  *progress = self->progress;
  g_mutex_unlock (&self->lock);
}

/* ---- queueing chosen files, clearing the finished ---- */

void
mml_transfer_controller_add_files_async (MmlTransferController *self,
                                         const gint64          *file_ids,
                                         guint                  n_files,
                                         const char            *dir,
                                         gboolean               move,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *absolute = NULL;
  struct stat st;

  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));
  g_return_if_fail (n_files > 0 && file_ids != NULL);
  g_return_if_fail (dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_transfer_controller_add_async);
  absolute = g_canonicalize_filename (dir, NULL);
  if (stat (absolute, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (absolute);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                               _("There is no folder “%s” to transfer to"), display);
      return;
    }
  mml_store_transfer_add_files_async (self->store, 0, file_ids, n_files, absolute, move, cancellable, added_cb,
                                      g_steal_pointer (&task));
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gssize n = mml_store_transfer_clear_finished_finish (MML_STORE (source), result, &error);

  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_QUEUE_CHANGED], 0);
  g_task_return_int (task, n);
}

void
mml_transfer_controller_clear_finished_async (MmlTransferController *self,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_transfer_controller_clear_finished_async);
  mml_store_transfer_clear_finished_async (self->store, cancellable, cleared_cb, task);
}

gssize
mml_transfer_controller_clear_finished_finish (MmlTransferController  *self,
                                               GAsyncResult           *result,
                                               GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- free space ---- */

static void
space_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MmlTransferController *self = source;
  const char *dir = task_data;
  guint64 *free_bytes = g_new0 (guint64, 1);

  if (!self->space_func (dir, free_bytes, self->space_data))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_free (free_bytes);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot tell how much room there is in “%s”"), display);
      return;
    }
  g_task_return_pointer (task, free_bytes, g_free);
}

/**
 * mml_transfer_controller_query_space_async:
 * @dir: a folder
 *
 * The room on the disk holding @dir, as the free-space check before a
 * run reads it, on a worker thread.
 */
void
mml_transfer_controller_query_space_async (MmlTransferController *self,
                                           const char            *dir,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));
  g_return_if_fail (dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_transfer_controller_query_space_async);
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, space_thread);
}

gboolean
mml_transfer_controller_query_space_finish (MmlTransferController  *self,
                                            GAsyncResult           *result,
                                            guint64                *free_bytes,
                                            GError                **error)
{
  g_autofree guint64 *got = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  got = g_task_propagate_pointer (G_TASK (result), error);
  if (got == NULL)
    return FALSE;
  if (free_bytes != NULL)
    *free_bytes = *got;
  return TRUE;
}

/**
 * mml_transfer_controller_set_space_func:
 * @func: (nullable): how the room in a folder is read; %NULL: GIO's
 *   G_FILE_ATTRIBUTE_FILESYSTEM_FREE
 *
 * For tests: the free-space check (and query_space) asks @func, from a
 * worker thread. Not while a transfer runs.
 */
void
mml_transfer_controller_set_space_func (MmlTransferController *self,
                                        MmlTransferSpaceFunc   func,
                                        gpointer               user_data)
{
  g_return_if_fail (MML_IS_TRANSFER_CONTROLLER (self));
  g_return_if_fail (!self->running);

  self->space_func = func != NULL ? func : gio_free_space;
  self->space_data = func != NULL ? user_data : NULL;
}
