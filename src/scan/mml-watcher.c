/* mml-watcher.c — keep the library in step with the disk as files come and go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixmounts.h>
#include <glib/gstdio.h>

#include "mml-store-roots.h"
#include "mml-watcher.h"

/*
 * One GFileMonitor per folder (inotify is not recursive).  Events only mark
 * paths dirty; once the tree has been quiet for the settle time (so a file
 * still being copied is not parsed half-written) the dirty paths are
 * rescanned together as one quick scan limited to them — so a move between
 * two folders lands as one rename, and all writes go through the scanner's
 * single code path.  Roots on network or FUSE mounts (which deliver no
 * inotify events), and roots past the inotify watch limit, are polled with
 * quick scans instead.
 */

#define DEFAULT_SETTLE_MS      300
#define DEFAULT_POLL_SECONDS   300
#define UNAVAILABLE_RECHECK_S  15
/* Adding a monitor is a syscall and a GSource: thousands of folders at once
 * would hold the main loop for a second or more, so they are added in
 * slices of this much time, at low priority. */
#define ADD_SLICE_US           4000

typedef struct
{
  MmlWatcher   *watcher;      /* unowned */
  gint64        id;
  char         *path;
  GFile        *file;
  MmlWatchMode  mode;
  char         *reason;
  GHashTable   *monitors;     /* rel dir → GFileMonitor */
  guint         poll_id;
  GCancellable *setup;        /* the folder listing that feeds monitors */
  GQueue        pending;      /* rel dirs listed, their monitors not added yet */
  guint         add_id;       /* adds them a few milliseconds at a time */
} WatchRoot;

struct _MmlWatcher
{
  GObject       parent_instance;

  MmlStore     *store;
  GHashTable   *roots;        /* id → WatchRoot */
  GHashTable   *dirty;        /* "root-id\x1frel" → NULL */
  GCancellable *cancellable;
  guint         settle_id;
  guint         settle_ms;
  guint         poll_seconds;
  gboolean      started;
  gboolean      scanning;
  gboolean      reload_pending;
  guint         listing;      /* folder listings still running */
  char         *fs_type_override;
  GHashTable   *known;        /* ids of the roots listed since mml_watcher_start() */
  gboolean      listed_once;  /* since mml_watcher_start() */
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_ROOT_MODE_CHANGED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MmlWatcher, mml_watcher, G_TYPE_OBJECT)

static void watch_dir (WatchRoot *root, const char *rel);
static void flush_dirty (MmlWatcher *self);
static void start_polling (WatchRoot *root, const char *reason);
static void become_unavailable (WatchRoot *root, const char *reason);

/* Forgets the folders still waiting for their monitors */
static void
drop_pending (WatchRoot *root)
{
  g_clear_handle_id (&root->add_id, g_source_remove);
  g_queue_clear_full (&root->pending, g_free);
}

static void
watch_root_free (gpointer data)
{
  WatchRoot *root = data;

  drop_pending (root);
  if (root->setup)
    {
      g_cancellable_cancel (root->setup);
      g_object_unref (root->setup);
    }
  g_clear_handle_id (&root->poll_id, g_source_remove);
  g_hash_table_unref (root->monitors);
  g_object_unref (root->file);
  g_free (root->path);
  g_free (root->reason);
  g_free (root);
}

static void
monitor_free (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                       g_object_get_data (G_OBJECT (monitor), "mml-root"));
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

static void
set_mode (WatchRoot    *root,
          MmlWatchMode  mode,
          const char   *reason)
{
  if (root->mode == mode && g_strcmp0 (root->reason, reason) == 0)
    return;

  root->mode = mode;
  g_free (root->reason);
  root->reason = g_strdup (reason);
  g_signal_emit (root->watcher, signals[SIGNAL_ROOT_MODE_CHANGED], 0, root->id);
}

static gboolean
settle_cb (gpointer data)
{
  MmlWatcher *self = data;

  self->settle_id = 0;
  flush_dirty (self);
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (MmlWatcher *self,
            gint64      root_id,
            const char *rel)
{
  g_hash_table_add (self->dirty,
                    g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", root_id, rel));

  /* Restart the quiet period on every event. */
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (self->settle_ms, settle_cb, self);
}

/* The path of @file relative to @root, or NULL when outside it. */
static char *
relative (WatchRoot *root,
          GFile     *file)
{
  if (file == NULL)
    return NULL;
  if (g_file_equal (file, root->file))
    return g_strdup ("");
  return g_file_get_relative_path (root->file, file);
}

static char *
parent_of (const char *rel)
{
  const char *slash = strrchr (rel, '/');

  return slash ? g_strndup (rel, slash - rel) : g_strdup ("");
}

/* What to rescan for a change at @rel: its folder, except at the root
 * itself, where rescanning the folder would mean the whole library. */
static void
mark_path (WatchRoot  *root,
           const char *rel,
           gboolean    is_dir)
{
  g_autofree char *parent = parent_of (rel);

  if (is_dir || *parent == '\0')
    mark_dirty (root->watcher, root->id, rel);
  else
    mark_dirty (root->watcher, root->id, parent);
}

static void
unwatch_below (WatchRoot  *root,
               const char *rel)
{
  GHashTableIter iter;
  const char *dir;
  gsize len = strlen (rel);

  g_hash_table_iter_init (&iter, root->monitors);
  while (g_hash_table_iter_next (&iter, (gpointer *) &dir, NULL))
    if (g_str_equal (dir, rel) || (strncmp (dir, rel, len) == 0 && dir[len] == '/'))
      g_hash_table_iter_remove (&iter);
}

static gboolean
is_dir (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  WatchRoot *root = user_data;
  g_autofree char *rel = relative (root, file);
  g_autofree char *other_rel = relative (root, other);
  g_autofree char *name = g_file_get_basename (file);

  if (rel == NULL)
    return;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      if (name[0] != '.' && is_dir (file))
        {
          watch_dir (root, rel);   /* and every folder already inside it */
          mark_path (root, rel, TRUE);
        }
      else
        mark_path (root, rel, FALSE);
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      if (!g_hash_table_contains (root->monitors, rel))
        mark_path (root, rel, FALSE);
      break;

    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      {
        gboolean was_dir = g_hash_table_contains (root->monitors, rel);

        if (*rel == '\0')
          {
            /* The root itself went: an unmount or a removed disk. */
            become_unavailable (root, _("The folder is gone (disk unplugged?)"));
            return;
          }
        if (was_dir)
          unwatch_below (root, rel);
        mark_path (root, rel, was_dir);
      }
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      {
        gboolean was_dir = g_hash_table_contains (root->monitors, rel);

        if (was_dir)
          unwatch_below (root, rel);
        mark_path (root, rel, was_dir);
        if (other_rel != NULL)
          {
            gboolean now_dir = is_dir (other);

            if (now_dir)
              watch_dir (root, other_rel);
            mark_path (root, other_rel, now_dir);
          }
      }
      break;

    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      become_unavailable (root, _("The disk was unmounted"));
      break;

    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}


static gboolean
add_monitor (WatchRoot  *root,
             const char *rel)
{
  g_autoptr(GFile) dir = *rel ? g_file_resolve_relative_path (root->file, rel) : g_object_ref (root->file);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  if (g_hash_table_contains (root->monitors, rel))
    return TRUE;

  monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          start_polling (root, _("Too many folders for live watching (inotify limit)"));
          return FALSE;
        }
      /* The folder vanished or cannot be read: the next scan reports it. */
      return TRUE;
    }

  g_object_set_data (G_OBJECT (monitor), "mml-root", root);
  g_signal_connect (monitor, "changed", G_CALLBACK (monitor_changed_cb), root);
  g_hash_table_insert (root->monitors, g_strdup (rel), monitor);
  return TRUE;
}

/* --- listing folders off the main thread, adding monitors on it --- */

typedef struct
{
  char      *root_path;
  char      *rel;
  GPtrArray *dirs;    /* relative folders, parents first */
} ListJob;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->root_path);
  g_free (job->rel);
  g_clear_pointer (&job->dirs, g_ptr_array_unref);
  g_free (job);
}

static void
list_dirs (const char   *root_path,
           const char   *rel,
           GPtrArray    *dirs,
           GHashTable   *seen,
           guint         depth,
           GCancellable *cancellable)
{
  g_autofree char *abs = *rel ? g_build_filename (root_path, rel, NULL) : g_strdup (root_path);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  if (depth > 64 || g_cancellable_is_cancelled (cancellable))
    return;
  if (g_stat (abs, &st) != 0 || !g_hash_table_add (seen, g_strdup_printf ("%lu:%lu", (gulong) st.st_dev, (gulong) st.st_ino)))
    return;   /* gone, or a symlink loop */

  g_ptr_array_add (dirs, g_strdup (rel));

  if (!(dir = g_dir_open (abs, 0, NULL)))
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = NULL;
      g_autofree char *child_abs = NULL;

      if (name[0] == '.')
        continue;
      child_abs = g_build_filename (abs, name, NULL);
      if (!g_file_test (child_abs, G_FILE_TEST_IS_DIR))
        continue;
      child = *rel ? g_build_filename (rel, name, NULL) : g_strdup (name);
      list_dirs (root_path, child, dirs, seen, depth + 1, cancellable);
    }
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListJob *job = task_data;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  job->dirs = g_ptr_array_new_with_free_func (g_free);
  list_dirs (job->root_path, job->rel, job->dirs, seen, 0, cancellable);
  g_task_return_boolean (task, TRUE);
}

/* Adds the monitors of the listed folders (parents first) for at most
 * ADD_SLICE_US, then lets the main loop breathe */
static gboolean
add_pending_cb (gpointer data)
{
  WatchRoot *root = data;
  gint64 until = g_get_monotonic_time () + ADD_SLICE_US;
  char *rel;

  while (g_get_monotonic_time () < until && (rel = g_queue_pop_head (&root->pending)) != NULL)
    {
      gboolean ok = add_monitor (root, rel);

      g_free (rel);
      if (!ok)
        return G_SOURCE_REMOVE;   /* polling now: start_polling() dropped the rest */
    }
  if (!g_queue_is_empty (&root->pending))
    return G_SOURCE_CONTINUE;
  root->add_id = 0;
  return G_SOURCE_REMOVE;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MmlWatcher *self = MML_WATCHER (source);
  ListJob *job = g_task_get_task_data (G_TASK (result));
  gint64 root_id = GPOINTER_TO_SIZE (user_data);
  WatchRoot *root;

  self->listing--;
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;   /* cancelled */

  root = g_hash_table_lookup (self->roots, &root_id);
  if (root == NULL || root->mode == MML_WATCH_POLLING || root->mode == MML_WATCH_UNAVAILABLE)
    return;

  for (guint i = 0; i < job->dirs->len; i++)
    g_queue_push_tail (&root->pending, g_steal_pointer (&g_ptr_array_index (job->dirs, i)));
  if (root->add_id == 0 && !g_queue_is_empty (&root->pending))
    root->add_id = g_idle_add_full (G_PRIORITY_LOW, add_pending_cb, root, NULL);
}

static void
watch_dir (WatchRoot  *root,
           const char *rel)
{
  MmlWatcher *self = root->watcher;
  g_autoptr(GTask) task = NULL;
  ListJob *job;

  if (root->mode != MML_WATCH_LIVE)
    return;

  job = g_new0 (ListJob, 1);
  job->root_path = g_strdup (root->path);
  job->rel = g_strdup (rel);

  self->listing++;
  task = g_task_new (self, root->setup, listed_cb, GSIZE_TO_POINTER (root->id));
  g_task_set_task_data (task, job, list_job_free);
  g_task_run_in_thread (task, list_thread);
}

/* --- polling --- */

static gboolean
poll_cb (gpointer data)
{
  WatchRoot *root = data;

  mark_dirty (root->watcher, root->id, "");
  return G_SOURCE_CONTINUE;
}

static void
start_polling (WatchRoot  *root,
               const char *reason)
{
  drop_pending (root);
  g_hash_table_remove_all (root->monitors);
  if (root->setup)
    g_cancellable_cancel (root->setup);
  set_mode (root, MML_WATCH_POLLING, reason);
  g_clear_handle_id (&root->poll_id, g_source_remove);
  root->poll_id = g_timeout_add_seconds (root->watcher->poll_seconds, poll_cb, root);
}

/* File systems that deliver no inotify events for changes made elsewhere. */
static gboolean
is_remote_fs (const char *fs_type)
{
  static const char * const remote[] = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p",
    "ceph", "glusterfs", "davfs", "sshfs", "lustre", "gpfs", "beegfs",
  };

  if (fs_type == NULL)
    return FALSE;
  if (g_str_has_prefix (fs_type, "fuse"))   /* fuse.sshfs, fuse.rclone, fuseblk is local-ish but has no inotify for remote changes either */
    return !g_str_equal (fs_type, "fuseblk");
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    if (g_str_equal (fs_type, remote[i]))
      return TRUE;
  return FALSE;
}

/* (transfer full) (nullable): the file system type of the mount holding @path */
static char *
mount_type_for (MmlWatcher *self,
                const char *path)
{
  const char *override = self->fs_type_override ? self->fs_type_override : g_getenv ("MML_WATCH_FS_TYPE");
  GUnixMountEntry *mount;
  char *type;

  /* For tests: pretend every root is on this file system type. */
  if (override != NULL && *override)
    return g_strdup (override);

  mount = g_unix_mount_for (path, NULL);
  if (mount == NULL)
    return NULL;
  type = g_strdup (g_unix_mount_get_fs_type (mount));
  g_unix_mount_free (mount);
  return type;
}

static gboolean
recheck_unavailable_cb (gpointer data)
{
  WatchRoot *root = data;

  if (g_file_query_file_type (root->file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return G_SOURCE_CONTINUE;

  /* It is back: rescan it and watch it again. */
  root->poll_id = 0;
  mml_watcher_reload (root->watcher);
  return G_SOURCE_REMOVE;
}

/* Its files turn "unavailable" (never "missing"), and we look for it again. */
static void
become_unavailable (WatchRoot  *root,
                    const char *reason)
{
  drop_pending (root);
  g_hash_table_remove_all (root->monitors);
  set_mode (root, MML_WATCH_UNAVAILABLE, reason);
  g_clear_handle_id (&root->poll_id, g_source_remove);
  root->poll_id = g_timeout_add_seconds (UNAVAILABLE_RECHECK_S, recheck_unavailable_cb, root);
  mark_dirty (root->watcher, root->id, "");
}

static void
start_root (MmlWatcher *self,
            MmlRoot    *r)
{
  WatchRoot *root = g_new0 (WatchRoot, 1);
  g_autofree char *fs_type = NULL;

  root->watcher = self;
  root->id = mml_root_get_id (r);
  root->path = g_strdup (mml_root_get_path (r));
  root->file = g_file_new_for_path (root->path);
  root->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, monitor_free);
  root->setup = g_cancellable_new ();
  root->mode = MML_WATCH_OFF;
  g_hash_table_insert (self->roots, g_memdup2 (&root->id, sizeof root->id), root);

  if (!mml_root_get_enabled (r))
    {
      set_mode (root, MML_WATCH_OFF, _("Disabled"));
      return;
    }

  if (g_file_query_file_type (root->file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      become_unavailable (root, _("The folder cannot be found (disk unplugged?)"));
      return;
    }

  fs_type = mount_type_for (self, root->path);
  if (is_remote_fs (fs_type))
    {
      g_autofree char *reason = g_strdup_printf (_("Network or FUSE file system (%s): checked every %u minutes"),
                                                 fs_type, MAX (1, self->poll_seconds / 60));
      start_polling (root, reason);
      return;
    }

  set_mode (root, MML_WATCH_LIVE, NULL);
  watch_dir (root, "");
}

static void
roots_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlWatcher) self = user_data;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;

  self->listing--;
  if (!(roots = mml_store_list_roots_finish (MML_STORE (source), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
      return;
    }

  if (!self->started)
    return;

  g_hash_table_remove_all (self->roots);
  for (guint i = 0; i < roots->len; i++)
    start_root (self, g_ptr_array_index (roots, i));

  /* Catch what changed while nobody was watching (monitors are added a
   * slice at a time, so even a reload has a gap).  A root that first
   * appears in a reload was just added, and whoever added it scans it:
   * a second scan of it here would race that one, do the work twice, and
   * could leave "0 added" as the folder's last scan. */
  for (guint i = 0; i < roots->len; i++)
    {
      MmlRoot *r = g_ptr_array_index (roots, i);
      gint64 id = mml_root_get_id (r);

      if (mml_root_get_enabled (r) && (!self->listed_once || g_hash_table_contains (self->known, &id)))
        mark_dirty (self, id, "");
      g_hash_table_add (self->known, g_memdup2 (&id, sizeof id));
    }
  self->listed_once = TRUE;
}

/* --- applying batches --- */

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MmlWatcher) self = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  self->scanning = FALSE;
  summary = mml_scan_finish (MML_STORE (source), result, &error);

  if (summary == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
    }
  else if (summary->events->len > 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, summary->events);

  if (!self->started)
    return;

  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      mml_watcher_reload (self);
    }
  else if (g_hash_table_size (self->dirty) > 0 && self->settle_id == 0)
    flush_dirty (self);
}

static void
flush_dirty (MmlWatcher *self)
{
  MmlScanRequest *request;
  GHashTableIter iter;
  const char *key;

  self->settle_id = 0;

  if (self->scanning || g_hash_table_size (self->dirty) == 0)
    return;   /* scanned_cb flushes again when the running batch ends */

  request = mml_scan_request_new (MML_SCAN_QUICK);
  mml_scan_request_set_events (request, TRUE);

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      const char *sep = strchr (key, '\x1f');
      gint64 root_id = g_ascii_strtoll (key, NULL, 10);

      mml_scan_request_add_subtree (request, root_id, sep + 1);
    }
  g_hash_table_remove_all (self->dirty);

  self->scanning = TRUE;
  mml_scan_async (self->store, request, self->cancellable, scanned_cb, g_object_ref (self));
}

/* --- GObject --- */

static void
mml_watcher_dispose (GObject *object)
{
  MmlWatcher *self = MML_WATCHER (object);

  mml_watcher_stop (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mml_watcher_parent_class)->dispose (object);
}

static void
mml_watcher_finalize (GObject *object)
{
  MmlWatcher *self = MML_WATCHER (object);

  g_hash_table_unref (self->roots);
  g_hash_table_unref (self->dirty);
  g_hash_table_unref (self->known);
  g_clear_object (&self->cancellable);
  g_free (self->fs_type_override);

  G_OBJECT_CLASS (mml_watcher_parent_class)->finalize (object);
}

static void
mml_watcher_class_init (MmlWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_watcher_dispose;
  object_class->finalize = mml_watcher_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[SIGNAL_ROOT_MODE_CHANGED] =
    g_signal_new ("root-mode-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mml_watcher_init (MmlWatcher *self)
{
  self->roots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, watch_root_free);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->settle_ms = DEFAULT_SETTLE_MS;
  self->poll_seconds = DEFAULT_POLL_SECONDS;
}

/**
 * mml_watcher_new:
 *
 * Returns: (transfer full): a watcher for every enabled root of @store;
 *   nothing happens until mml_watcher_start()
 */
MmlWatcher *
mml_watcher_new (MmlStore *store)
{
  MmlWatcher *self;

  g_return_val_if_fail (MML_IS_STORE (store), NULL);

  self = g_object_new (MML_TYPE_WATCHER, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
mml_watcher_start (MmlWatcher *self)
{
  g_return_if_fail (MML_IS_WATCHER (self));

  if (self->started)
    return;

  self->started = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->listing++;
  mml_store_list_roots_async (self->store, self->cancellable, roots_listed_cb, g_object_ref (self));
}

static void
stop_watching (MmlWatcher *self)
{
  self->started = FALSE;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_hash_table_remove_all (self->roots);
  g_hash_table_remove_all (self->dirty);
}

void
mml_watcher_stop (MmlWatcher *self)
{
  g_return_if_fail (MML_IS_WATCHER (self));

  stop_watching (self);
  /* the next start catches up on every root */
  g_hash_table_remove_all (self->known);
  self->listed_once = FALSE;
}

/**
 * mml_watcher_reload:
 *
 * Re-reads the roots (after one was added, removed, enabled or disabled)
 * and rescans what changed meanwhile.
 */
void
mml_watcher_reload (MmlWatcher *self)
{
  g_return_if_fail (MML_IS_WATCHER (self));

  if (self->scanning)
    {
      self->reload_pending = TRUE;
      return;
    }

  stop_watching (self);
  mml_watcher_start (self);
}

/**
 * mml_watcher_get_root_mode:
 * @reason: (out) (optional) (transfer none): why, for polling and unavailable roots
 */
MmlWatchMode
mml_watcher_get_root_mode (MmlWatcher  *self,
                           gint64       root_id,
                           const char **reason)
{
  WatchRoot *root;

  g_return_val_if_fail (MML_IS_WATCHER (self), MML_WATCH_OFF);

  root = g_hash_table_lookup (self->roots, &root_id);
  if (reason)
    *reason = root ? root->reason : NULL;
  return root ? root->mode : MML_WATCH_OFF;
}

/**
 * mml_watcher_is_idle:
 *
 * Returns: %TRUE when every folder is watched and no change waits to be
 *   applied (the UI shows "Up to date"; tests wait for it)
 */
gboolean
mml_watcher_is_idle (MmlWatcher *self)
{
  GHashTableIter iter;
  WatchRoot *root;

  g_return_val_if_fail (MML_IS_WATCHER (self), FALSE);

  /* every listed folder has its monitor */
  g_hash_table_iter_init (&iter, self->roots);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &root))
    if (root->add_id != 0)
      return FALSE;

  return self->started && self->listing == 0 && !self->scanning &&
         self->settle_id == 0 && g_hash_table_size (self->dirty) == 0 &&
         !self->reload_pending;
}

void
mml_watcher_set_poll_interval (MmlWatcher *self,
                               guint       seconds)
{
  g_return_if_fail (MML_IS_WATCHER (self));
  self->poll_seconds = MAX (1, seconds);
}

/* How long the tree must be quiet before changes are applied. */
void
mml_watcher_set_settle_time (MmlWatcher *self,
                             guint       milliseconds)
{
  g_return_if_fail (MML_IS_WATCHER (self));
  self->settle_ms = MAX (10, milliseconds);
}

/**
 * mml_watcher_set_fs_type_override:
 * @fs_type: (nullable): e.g. "nfs4"
 *
 * Treats every root as if it were on @fs_type (tests; the CLI reads
 * `MML_WATCH_FS_TYPE` for the same purpose).
 */
void
mml_watcher_set_fs_type_override (MmlWatcher *self,
                                  const char *fs_type)
{
  g_return_if_fail (MML_IS_WATCHER (self));

  g_free (self->fs_type_override);
  self->fs_type_override = g_strdup (fs_type);
}
