/* mml-scan-walk.c — walk one library root: find media files, stat them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-scan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mml-parser.h"
#include "mml-root.h"
#include "mml-scan-private.h"
#include "mml-subtitle-name.h"

/*
 * Plain openat()/readdir()/fstatat() rather than GIO: this loop is the scan's
 * floor (the benchmark compares it with find(1)), and GFileInfo costs an
 * allocation per attribute.  Everything here is blocking: it runs on the
 * scanner's worker thread, never on the UI thread.
 */

typedef struct
{
  guint64 device;
  guint64 inode;
} DirId;

/* Shared by the walker threads of one root. */
typedef struct
{
  GMutex               lock;
  GHashTable          *visited;   /* DirId → itself: symlink loop guard */
  MmlScanWalkProgress  progress;
  gpointer             user_data;
  GCancellable        *cancellable;
} WalkShared;

typedef struct
{
  MmlScanRoot         *root;      /* the chunk being filled */
  WalkShared          *shared;
  GString             *rel;       /* current folder, relative to the root */
  GPtrArray           *units;     /* non-NULL: list subfolders here instead of entering them */
  guint                depth;
} Walk;

#define MAX_DEPTH 64

static guint
dir_id_hash (gconstpointer p)
{
  const DirId *id = p;

  return (guint) (id->inode ^ (id->inode >> 32) ^ (id->device * 31));
}

static gboolean
dir_id_equal (gconstpointer a,
              gconstpointer b)
{
  const DirId *x = a, *y = b;

  return x->inode == y->inode && x->device == y->device;
}

MmlScanRoot *
_mml_scan_root_new (gint64       root_id,
                    const char  *root_path,
                    MmlRootKind  kind)
{
  MmlScanRoot *root = g_new0 (MmlScanRoot, 1);

  root->root_id = root_id;
  root->root_path = g_strdup (root_path);
  root->kind = kind;
  root->available = TRUE;
  root->entries = g_array_sized_new (FALSE, FALSE, sizeof (MmlScanEntry), 64);
  root->strings = g_string_chunk_new (8 * 1024);
  root->error_messages = g_ptr_array_new_with_free_func (g_free);
  root->unreadable = g_ptr_array_new_with_free_func (g_free);

  return root;
}

void
_mml_scan_root_free (MmlScanRoot *root)
{
  if (root == NULL)
    return;

  g_free (root->root_path);
  g_free (root->unavailable_reason);
  g_strfreev (root->subtrees);
  g_array_unref (root->entries);
  g_string_chunk_free (root->strings);
  g_ptr_array_unref (root->error_messages);
  g_ptr_array_unref (root->unreadable);
  g_free (root->parsed);
  g_free (root->parsed_ok);
  g_free (root);
}

#define PREPARSE_MAX 2048

/**
 * _mml_scan_root_preparse:
 * @known: (nullable): paths the library knows already (not parsed again in
 *   a quick scan), or %NULL to parse every video
 *
 * Parses @chunk's videos on the calling thread, so that the writer thread
 * only writes.  Read-only on @known.
 */
void
_mml_scan_root_preparse (MmlScanRoot *chunk,
                         GHashTable  *known)
{
  guint n = chunk->entries->len;
  /* A result is 2.5 KB: a folder of 100,000 videos parsed ahead took
   * 250 MB. Past the first PREPARSE_MAX entries the writer parses each
   * video as it writes it (with one result on its stack). */
  guint ahead = MIN (n, PREPARSE_MAX);
  MmlParseFlags flags = mml_root_kind_parse_flags (chunk->kind);

  if (n == 0 || chunk->parsed != NULL)
    return;

  for (guint i = 0; i < ahead; i++)
    {
      const MmlScanEntry *e = &g_array_index (chunk->entries, MmlScanEntry, i);

      if (e->kind != MML_FILE_VIDEO || (known != NULL && g_hash_table_contains (known, e->path)))
        continue;
      if (chunk->parsed == NULL)
        {
          /* only chunks with something new pay for the results; parsed_ok
           * covers every entry (0 past @ahead: not parsed ahead) */
          chunk->parsed = g_new (MmlParseResult, ahead);
          chunk->parsed_ok = g_new0 (guint8, n);
        }
      mml_parse_path (e->path, -1, flags, &chunk->parsed[i]);
      chunk->parsed_ok[i] = 1;
    }
}

void
_mml_scan_root_error (MmlScanRoot *root,
                      const char  *format,
                      ...)
{
  va_list args;

  root->errors++;

  /* Keep the first few hundred; the count says how many there were. */
  if (root->error_messages->len >= 500)
    return;

  va_start (args, format);
  g_ptr_array_add (root->error_messages, g_strdup_vprintf (format, args));
  va_end (args);
}

/**
 * _mml_scan_root_unreadable:
 * @rel_dir: the folder, relative to the root ("" for the root)
 * @name: (nullable): an entry of @rel_dir, or %NULL for @rel_dir itself
 *
 * Notes a folder or file the walk could not read.  The files the library
 * knows there keep their state: unreadable is unknown, not deleted.
 */
void
_mml_scan_root_unreadable (MmlScanRoot *root,
                           const char  *rel_dir,
                           const char  *name)
{
  if (name == NULL)
    g_ptr_array_add (root->unreadable, g_strdup (rel_dir));
  else if (*rel_dir == '\0')
    g_ptr_array_add (root->unreadable, g_strdup (name));
  else
    g_ptr_array_add (root->unreadable, g_strconcat (rel_dir, "/", name, NULL));
}

/**
 * _mml_scan_root_not_its_disk:
 *
 * Marks @root unavailable because the folder is no longer on the disk the
 * library found it on: whatever it holds now is not the library.
 */
void
_mml_scan_root_not_its_disk (MmlScanRoot *root)
{
  g_autofree char *display = g_filename_display_name (root->root_path);

  root->available = FALSE;
  g_free (root->unavailable_reason);
  root->unavailable_reason = g_strdup_printf (_("“%s” is no longer on the disk it was on when it was added "
                                                "(not mounted?)"), display);
}

/*
 * A root whose file system is now mounted further up than the recorded one
 * is not the library, however many files it holds: it is a mount point that
 * is an empty folder again (with whatever someone left in it), or a folder
 * under an unmounted disk that something wrote into.  A new device number
 * alone tells nothing: a disk plugged in again, a share mounted again or a
 * btrfs subvolume after a reboot may get another one; a root still mounted
 * where it was (or a new disk mounted at it) is taken as it is, and its
 * whole scan records the new device if it finds files (mml-scan-apply.c).
 *
 * Returns: %FALSE when @root is not on its disk (it is then unavailable)
 */
static gboolean
check_disk (MmlScanRoot *root)
{
  /* Where it cannot be told, the scan goes on as it always did. */
  if (!mml_root_probe_disk (root->root_path, &root->device, &root->mount_depth))
    return TRUE;
  root->probed = TRUE;

  if (!root->has_disk || root->device == root->disk_device)
    return TRUE;

  root->device_changed = TRUE;
  if (root->mount_depth <= root->disk_depth)
    return TRUE;

  _mml_scan_root_not_its_disk (root);
  return FALSE;
}

/* Folders of bonus material that hold no episodes. */
gboolean
_mml_scan_is_extras_dir (const char *name)
{
  static const char * const extras[] = {
    "extras", "extra", "featurettes", "featurette", "trailers", "trailer",
    "behind the scenes", "deleted scenes", "interviews", "scenes", "shorts",
    "bonus", "samples", "sample", "other", "@eadir", "lost+found",
    "#recycle", "$recycle.bin", "system volume information",
  };

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    if (g_ascii_strcasecmp (name, extras[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_subs_dir (const char *name)
{
  return g_ascii_strcasecmp (name, "subs") == 0 ||
         g_ascii_strcasecmp (name, "subtitles") == 0 ||
         g_ascii_strcasecmp (name, "sub") == 0;
}

/* The video a sidecar subtitle belongs to: the longest video stem that the
 * subtitle's name starts with; failing that, the only video of the folder.
 * What the name says past that stem (language, forced, SDH) is kept on
 * the entry, so that the writer does not read the name again. */
static void
link_subtitles (MmlScanRoot *root,
                const guint *videos,
                guint        n_videos,
                guint        first_sub,
                guint        end)
{
  g_autofree const char **names = g_new (const char *, MAX (n_videos, 1));
  g_autofree gsize *stems = g_new (gsize, MAX (n_videos, 1));

  for (guint v = 0; v < n_videos; v++)
    {
      const MmlScanEntry *video = &g_array_index (root->entries, MmlScanEntry, videos[v]);
      const char *name = strrchr (video->path, '/');
      const char *dot;

      names[v] = name = name ? name + 1 : video->path;
      dot = strrchr (name, '.');
      stems[v] = dot ? (gsize) (dot - name) : strlen (name);
    }

  for (guint s = first_sub; s < end; s++)
    {
      MmlScanEntry *sub = &g_array_index (root->entries, MmlScanEntry, s);
      MmlSubtitleName info, best_info = { 0 };
      const char *sub_name;
      gsize sub_len;
      gint32 best = -1;
      gsize best_len = 0;

      if (sub->kind != MML_FILE_SUBTITLE)
        continue;

      sub_name = strrchr (sub->path, '/');
      sub_name = sub_name ? sub_name + 1 : sub->path;
      sub_len = strlen (sub_name);

      for (guint v = 0; v < n_videos; v++)
        {
          /* the stem must begin the name: most pairs of a season folder
           * part at their episode number, before the name is read */
          if (stems[v] <= best_len || stems[v] > sub_len ||
              g_ascii_strncasecmp (names[v], sub_name, stems[v]) != 0)
            continue;
          if (mml_subtitle_name_parse (names[v], stems[v], sub_name, sub_len, &info))
            {
              best = videos[v];
              best_len = stems[v];
              best_info = info;
            }
        }

      if (best < 0 && n_videos == 1)
        {
          best = videos[0];
          mml_subtitle_name_parse ("", 0, sub_name, sub_len, &best_info);
        }

      sub->video = best;
      if (best >= 0)
        {
          sub->sub_named = TRUE;
          sub->sub_forced = best_info.forced;
          sub->sub_hearing_impaired = best_info.hearing_impaired;
          sub->sub_language = best_info.language[0]
                              ? g_string_chunk_insert_const (root->strings, best_info.language) : NULL;
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* FALSE when the folder was walked already (a symlink loop, or two links). */
static gboolean
mark_visited (WalkShared *shared,
              guint64     device,
              guint64     inode)
{
  DirId *id = g_new (DirId, 1);
  gboolean added;

  id->device = device;
  id->inode = inode;
  g_mutex_lock (&shared->lock);
  added = g_hash_table_add (shared->visited, id);
  g_mutex_unlock (&shared->lock);

  return added;
}

static void walk_dir (Walk *walk, int dirfd, const guint *parent_videos, guint n_parent_videos);

static void
enter_dir (Walk        *walk,
           int          parent_fd,
           const char  *name,
           const guint *videos,
           guint        n_videos)
{
  gsize saved_len = walk->rel->len;
  struct stat st;
  int fd;

  if (walk->depth >= MAX_DEPTH)
    {
      _mml_scan_root_error (walk->root, _("“%s/%s”: folders nested too deep, skipped"),
                            walk->rel->str, name);
      return;
    }

  fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv != ENOENT)   /* vanished since it was listed: nothing to report */
        {
          _mml_scan_root_error (walk->root, _("Cannot read folder “%s%s%s”: %s"),
                                walk->rel->str, walk->rel->len ? "/" : "", name,
                                g_strerror (errsv));
          _mml_scan_root_unreadable (walk->root, walk->rel->str, name);
        }
      return;
    }

  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;

      _mml_scan_root_error (walk->root, _("Cannot read folder “%s%s%s”: %s"),
                            walk->rel->str, walk->rel->len ? "/" : "", name,
                            g_strerror (errsv));
      _mml_scan_root_unreadable (walk->root, walk->rel->str, name);
      close (fd);
      return;
    }

  if (!mark_visited (walk->shared, st.st_dev, st.st_ino))
    {
      /* Already walked: a symlink back up the tree, or two links to one folder. */
      _mml_scan_root_error (walk->root, _("“%s%s%s” leads to a folder already scanned (symlink loop?), skipped"),
                            walk->rel->str, walk->rel->len ? "/" : "", name);
      close (fd);
      return;
    }

  if (walk->rel->len)
    g_string_append_c (walk->rel, '/');
  g_string_append (walk->rel, name);

  walk->depth++;
  walk_dir (walk, fd, videos, n_videos);   /* closes fd */
  walk->depth--;

  g_string_truncate (walk->rel, saved_len);
}

static void
walk_dir (Walk        *walk,
          int          dirfd,
          const guint *parent_videos,
          guint        n_parent_videos)
{
  MmlScanRoot *root = walk->root;
  g_autoptr(GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) videos = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first_entry = root->entries->len;
  gboolean subs_dir;
  struct dirent *de;
  DIR *dir;

  if (g_cancellable_is_cancelled (walk->shared->cancellable))
    {
      close (dirfd);
      return;
    }

  if (walk->shared->progress)
    walk->shared->progress (root, walk->rel->str, walk->shared->user_data);

  if (!(dir = fdopendir (dirfd)))
    {
      _mml_scan_root_error (root, _("Cannot list folder “%s”: %s"), walk->rel->str, g_strerror (errno));
      _mml_scan_root_unreadable (root, walk->rel->str, NULL);
      close (dirfd);
      return;
    }

  while ((errno = 0, de = readdir (dir)) != NULL)
    {
      const char *name = de->d_name;
      unsigned char type = de->d_type;
      gboolean is_video, is_sub;
      struct stat st;
      MmlScanEntry entry;

      if (name[0] == '.')   /* ".", "..", and hidden files and folders */
        continue;

      if (type == DT_DIR)
        {
          if (_mml_scan_is_extras_dir (name))
            root->ignored++;
          else
            g_ptr_array_add (subdirs, g_strdup (name));
          continue;
        }

      is_video = mml_is_video_ext (name);
      is_sub = !is_video && mml_is_subtitle_ext (name);

      if (type != DT_UNKNOWN && type != DT_LNK && !is_video && !is_sub)
        {
          /* Junk we need not even stat: nfo, images, archives… */
          if (type == DT_REG)
            root->ignored++;
          continue;
        }

      if (fstatat (dirfd, name, &st, 0) != 0)
        {
          int errsv = errno;

          if (errsv == ENOENT && type == DT_LNK)
            _mml_scan_root_error (root, _("“%s%s%s” is a broken link"),
                                  walk->rel->str, walk->rel->len ? "/" : "", name);
          else if (errsv != ENOENT)   /* ENOENT: vanished mid-scan, fine */
            {
              _mml_scan_root_error (root, _("Cannot read “%s%s%s”: %s"),
                                    walk->rel->str, walk->rel->len ? "/" : "", name,
                                    g_strerror (errsv));
              _mml_scan_root_unreadable (root, walk->rel->str, name);
            }
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          if (_mml_scan_is_extras_dir (name))
            root->ignored++;
          else
            g_ptr_array_add (subdirs, g_strdup (name));
          continue;
        }

      if (!S_ISREG (st.st_mode))
        continue;

      if ((!is_video && !is_sub) || mml_is_ignored_name (name))
        {
          root->ignored++;
          continue;
        }

      {
        /* rel + "/" + name, built in place in the chunk */
        gsize name_len = strlen (name);
        gsize len = walk->rel->len + (walk->rel->len ? 1 : 0) + name_len;
        char buf[4096 + 256];

        if (len >= sizeof buf)
          {
            _mml_scan_root_error (root, _("“%s/%s”: path too long, skipped"), walk->rel->str, name);
            continue;
          }
        memcpy (buf, walk->rel->str, walk->rel->len);
        if (walk->rel->len)
          buf[walk->rel->len] = '/';
        memcpy (buf + len - name_len, name, name_len);
        buf[len] = '\0';
        entry.path = g_string_chunk_insert_len (root->strings, buf, len);
      }
      entry.size = st.st_size;
      entry.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      entry.device = st.st_dev;
      entry.inode = st.st_ino;
      entry.kind = is_video ? MML_FILE_VIDEO : MML_FILE_SUBTITLE;
      entry.video = -1;
      entry.sub_named = entry.sub_forced = entry.sub_hearing_impaired = 0;
      entry.sub_language = NULL;

      if (is_video)
        {
          guint index = root->entries->len;
          g_array_append_val (videos, index);
        }
      g_array_append_val (root->entries, entry);
    }

  if (errno != 0)
    {
      /* listed in part: what was not listed is unknown */
      _mml_scan_root_error (root, _("Cannot list folder “%s”: %s"), walk->rel->str, g_strerror (errno));
      _mml_scan_root_unreadable (root, walk->rel->str, NULL);
    }

  subs_dir = walk->rel->len > 0 && is_subs_dir (strrchr (walk->rel->str, '/')
                                                ? strrchr (walk->rel->str, '/') + 1
                                                : walk->rel->str);
  if (subs_dir && videos->len == 0)
    link_subtitles (root, parent_videos, n_parent_videos, first_entry, root->entries->len);
  else
    link_subtitles (root, (const guint *) (gpointer) videos->data, videos->len,
                    first_entry, root->entries->len);

  /* Sorted, so results do not depend on the order the disk lists them in. */
  g_ptr_array_sort (subdirs, compare_names);
  for (guint i = 0; i < subdirs->len; i++)
    {
      const char *name = g_ptr_array_index (subdirs, i);

      if (walk->units != NULL)
        {
          /* The root's own folder: each top folder (a series) becomes a
           * unit of work for the walker threads. */
          g_ptr_array_add (walk->units, g_strdup (name));
          continue;
        }

      enter_dir (walk, dirfd, name, (const guint *) (gpointer) videos->data, videos->len);
    }

  closedir (dir);
}

static void
add_single_file (MmlScanRoot *root,
                 int          root_fd,
                 const char  *rel)
{
  const char *name = strrchr (rel, '/') ? strrchr (rel, '/') + 1 : rel;
  gboolean is_video = mml_is_video_ext (name);
  gboolean is_sub = !is_video && mml_is_subtitle_ext (name);
  MmlScanEntry entry;
  struct stat st;

  if (name[0] == '.' || (!is_video && !is_sub) || mml_is_ignored_name (name))
    {
      root->ignored++;
      return;
    }

  if (fstatat (root_fd, rel, &st, 0) != 0 || !S_ISREG (st.st_mode))
    return;

  entry.path = g_string_chunk_insert (root->strings, rel);
  entry.size = st.st_size;
  entry.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  entry.device = st.st_dev;
  entry.inode = st.st_ino;
  entry.kind = is_video ? MML_FILE_VIDEO : MML_FILE_SUBTITLE;
  entry.video = -1;
  entry.sub_named = entry.sub_forced = entry.sub_hearing_impaired = 0;
  entry.sub_language = NULL;
  g_array_append_val (root->entries, entry);
}

typedef struct
{
  WalkShared        *shared;
  MmlScanRoot       *root;        /* the template: id, path, kind */
  int                root_fd;
  GPtrArray         *units;       /* relative folders (or files) */
  gint               next;        /* atomic: the next unit to take */
  MmlScanChunkFunc   emit;
  gpointer           emit_data;
} Walkers;

static MmlScanRoot *
new_chunk (MmlScanRoot *root)
{
  return _mml_scan_root_new (root->root_id, root->root_path, root->kind);
}

static gpointer
walker_thread (gpointer data)
{
  Walkers *w = data;
  g_autoptr(GString) rel = g_string_new (NULL);
  guint i;

  while ((i = (guint) g_atomic_int_add (&w->next, 1)) < w->units->len)
    {
      const char *unit = g_ptr_array_index (w->units, i);
      MmlScanRoot *chunk = new_chunk (w->root);
      Walk walk = { chunk, w->shared, rel, NULL, 0 };
      struct stat st;
      int fd;

      if (g_cancellable_is_cancelled (w->shared->cancellable))
        {
          _mml_scan_root_free (chunk);
          break;
        }

      fd = *unit ? openat (w->root_fd, unit, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : dup (w->root_fd);
      if (fd < 0 && errno == ENOTDIR)
        add_single_file (chunk, w->root_fd, unit);   /* the watcher names loose files */
      else if (fd < 0 && errno != ENOENT)
        {
          _mml_scan_root_error (chunk, _("Cannot read folder “%s”: %s"), unit, g_strerror (errno));
          _mml_scan_root_unreadable (chunk, unit, NULL);
        }
      else if (fd >= 0 && (fstat (fd, &st) != 0 || !mark_visited (w->shared, st.st_dev, st.st_ino)))
        close (fd);   /* reached through a symlink already walked */
      else if (fd >= 0)
        {
          g_string_assign (rel, unit);
          walk_dir (&walk, fd, NULL, 0);
        }
      /* fd < 0 with ENOENT: the folder went away; its files will be missing */

      w->emit (chunk, w->emit_data);
    }

  return NULL;
}

/**
 * _mml_scan_walk:
 * @root: what to walk (id, path, kind, subtrees, the disk recorded); its
 *   availability and the disk it is on now are set
 * @emit: called from walker threads with each chunk (transfer full): the
 *   files of one top folder (a series), or the loose files of the root
 *
 * Walks with @n_threads threads, one top folder at a time.  A root that
 * cannot be opened at all is marked unavailable (an unplugged disk), which
 * is not an error: its files must not be taken for deleted; so is a root
 * no longer on the disk it was recorded on (check_disk()).  Problems
 * inside the tree are counted in each chunk's errors and the walk goes on.
 *
 * Returns: %FALSE only when cancelled
 */
gboolean
_mml_scan_walk (MmlScanRoot          *root,
                guint                 n_threads,
                MmlScanWalkProgress   progress,
                gpointer              user_data,
                MmlScanChunkFunc      emit,
                gpointer              emit_data,
                GCancellable         *cancellable,
                GError              **error)
{
  WalkShared shared = { .progress = progress, .user_data = user_data, .cancellable = cancellable };
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Walkers walkers;
  struct stat st;
  int root_fd;

  root_fd = open (root->root_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (root->root_path);

      root->available = FALSE;
      root->unavailable_reason = g_strdup_printf (_("“%s” cannot be opened: %s"),
                                                  display, g_strerror (errsv));
      return TRUE;
    }

  if (!check_disk (root))
    {
      close (root_fd);
      return TRUE;
    }

  g_mutex_init (&shared.lock);
  shared.visited = g_hash_table_new_full (dir_id_hash, dir_id_equal, g_free, NULL);
  if (fstat (root_fd, &st) == 0)
    mark_visited (&shared, st.st_dev, st.st_ino);

  if (root->subtrees != NULL)
    {
      for (guint i = 0; root->subtrees[i]; i++)
        g_ptr_array_add (units, g_strdup (root->subtrees[i]));
    }
  else
    {
      /* The root's own files, here; its folders become units. */
      g_autoptr(GString) rel = g_string_new (NULL);
      MmlScanRoot *chunk = new_chunk (root);
      Walk walk = { chunk, &shared, rel, units, 0 };

      walk_dir (&walk, dup (root_fd), NULL, 0);
      emit (chunk, emit_data);
    }

  walkers = (Walkers) { &shared, root, root_fd, units, 0, emit, emit_data };
  n_threads = CLAMP (n_threads, 1, MAX (1, units->len));
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("mml-scan-walk", walker_thread, &walkers));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  close (root_fd);
  g_hash_table_unref (shared.visited);
  g_mutex_clear (&shared.lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return TRUE;
}
