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
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "mml-engine-private.h"
#include "mml-file-ops.h"
#include "mml-journal.h"
#include "mml-transfer-controller.h"

struct _MmlTransferController
{
  GObject    parent_instance;

  MmlEngine *engine;   /* owns us */
  MmlStore  *store;
};

G_DEFINE_FINAL_TYPE (MmlTransferController, mml_transfer_controller, G_TYPE_OBJECT)

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mml_transfer_controller_dispose (GObject *object)
{
  MmlTransferController *self = MML_TRANSFER_CONTROLLER (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (mml_transfer_controller_parent_class)->dispose (object);
}

static void
mml_transfer_controller_class_init (MmlTransferControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_transfer_controller_dispose;

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
}

static void
mml_transfer_controller_init (MmlTransferController *self)
{
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
}

/* ---- a run ---- */

typedef struct
{
  GPtrArray          *items;      /* MmlTransferItem: waiting, then as they went */
  GPtrArray          *tried;      /* the items tried (not owned: in @items) */
  GPtrArray          *moves;      /* from, to, … (absolute), for the store to follow */
  MmlTransferSummary  summary;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->items, g_ptr_array_unref);
  g_clear_pointer (&run->tried, g_ptr_array_unref);
  g_clear_pointer (&run->moves, g_ptr_array_unref);
  g_free (run);
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
  g_main_context_invoke (g_task_get_context (task), progress_idle, p);
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
  gboolean known;      /* statvfs answered */
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
check_room (GPtrArray  *items,
            guint64    *sizes,
            char      **errors)
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
          struct statvfs vfs;

          disk = g_new0 (Disk, 1);
          disk->device = st_folder.st_dev;
          disk->folder = g_strdup (folder);
          if (statvfs (folder, &vfs) == 0)
            {
              disk->free = (guint64) vfs.f_bavail * (guint64) vfs.f_frsize;
              disk->known = TRUE;
            }
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
    return make_parents (NULL, item->target, error) && mml_file_copy_verified (item->source, item->target, error);

  if (*journal == NULL &&
      !(*journal = mml_journal_run_begin (self->store, "transfer", _("Files moved to another folder"), error)))
    return FALSE;
  return make_parents (*journal, item->target, error) &&
         mml_journal_run_rename (*journal, item->source, item->target, error);
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
  check_room (items, sizes, (char **) errors->pdata);
  for (guint i = 0; i < items->len; i++)
    bytes_total += sizes[i];

  for (guint i = 0; i < items->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) error = NULL;
      gboolean skipped = FALSE;
      gint64 batch = 0;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      g_ptr_array_add (run->tried, item);
      if (g_ptr_array_index (errors, i) != NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, g_ptr_array_index (errors, i));
      else if (item->follows != 0 && g_hash_table_contains (failed, &item->follows))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Its video was not transferred"));
      else if (transfer_one (self, item, &journal, &skipped, &error) && item->move && !skipped)
        {
          batch = mml_journal_run_get_batch (journal);
          g_ptr_array_add (run->moves, g_strdup (item->source));
          g_ptr_array_add (run->moves, g_strdup (item->target));
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
            run->summary.done++;
        }
      bytes_done += sizes[i];
      emit_progress (task, i + 1, items->len, bytes_done, bytes_total);
    }
  if (journal != NULL)
    mml_journal_run_finish (journal);
  g_task_return_boolean (task, TRUE);
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
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  work = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task), work_done_cb, task);
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
    g_task_return_error (task, error);
  else
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
  run = g_new0 (Run, 1);
  run->tried = g_ptr_array_new ();
  run->moves = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  mml_store_transfer_list_async (self->store, TRUE, cancellable, pending_cb, task);
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
