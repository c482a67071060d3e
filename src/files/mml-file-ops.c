/* mml-file-ops.c — renames that never replace, temporary files, the trash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-files"
#define _GNU_SOURCE

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mml-file-ops.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

/* @format: one of the translated messages below, with one %s for @path */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static gboolean
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *format,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = g_strdup_printf (format, display);
#pragma GCC diagnostic pop

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", message, g_strerror (errsv));
  return FALSE;
}

gboolean
mml_file_rename_noreplace (const char  *from,
                           const char  *to,
                           GError     **error)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;

  if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)
    {
      struct stat st;

      /* No such rename here (some network and FUSE file systems): a hard
       * link cannot replace either. Folders cannot be linked: check, then
       * rename (a race with another writer remains, and is said here). */
      if (link (from, to) == 0)
        {
          if (unlink (from) != 0)
            {
              int errsv = errno;

              unlink (to);
              return set_errno_error (error, errsv, _("Cannot move “%s”"), from);
            }
          return TRUE;
        }
      if (errno == EEXIST)
        return set_errno_error (error, EEXIST, _("Cannot move to “%s”"), to);
      if (lstat (to, &st) == 0)
        return set_errno_error (error, EEXIST, _("Cannot move to “%s”"), to);
      if (rename (from, to) == 0)
        return TRUE;
    }

  if (errno == EXDEV)
    {
      g_autofree char *display = g_filename_display_name (to);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot move to “%s”: it is on another disk"), display);
      return FALSE;
    }
  return set_errno_error (error, errno, errno == EEXIST ? _("Cannot move to “%s”") : _("Cannot move “%s”"),
                          errno == EEXIST ? to : from);
}

void
mml_file_sync_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  mml_file_sync_dir (dir);
}

void
mml_file_sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

char *
mml_file_temp_name (const char *path,
                    const char *tag)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  return g_strdup_printf ("%s/.%s.mml-%s.partial", dir, base, tag);
}

gboolean
mml_file_write_new (const char  *path,
                    GBytes      *contents,
                    GError     **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (contents, &len);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot write “%s”"), path);

  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int errsv = n < 0 ? errno : ENOSPC;

          close (fd);
          g_unlink (path);
          return set_errno_error (error, errsv, _("Cannot write “%s”"), path);
        }
      data += n;
      len -= n;
    }
  if (fsync (fd) != 0)
    {
      int errsv = errno;

      close (fd);
      g_unlink (path);
      return set_errno_error (error, errsv, _("Cannot write “%s”"), path);
    }
  if (close (fd) != 0)
    {
      int errsv = errno;

      g_unlink (path);
      return set_errno_error (error, errsv, _("Cannot write “%s”"), path);
    }
  return TRUE;
}

/* ---- moves across file systems ---- */

#define COPY_CHUNK (1024 * 1024)

/* Copies @in to @out from their current offsets, hashing what is read,
 * telling @progress after each chunk; FALSE with errno set (ECANCELED:
 * @progress stopped it) */
static gboolean
copy_hashing (int                  in,
              int                  out,
              GChecksum           *sum,
              guint64             *copied,
              guint64              size,
              MmlFileProgressFunc  progress,
              gpointer             user_data)
{
  g_autofree guint8 *buf = g_malloc (COPY_CHUNK);

  *copied = 0;
  for (;;)
    {
      gssize n = read (in, buf, COPY_CHUNK);
      gssize off = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;
      g_checksum_update (sum, buf, n);
      while (off < n)
        {
          gssize w = write (out, buf + off, n - off);

          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            {
              if (w == 0)
                errno = ENOSPC;
              return FALSE;
            }
          off += w;
        }
      *copied += n;
      if (progress != NULL && !progress (*copied, size, user_data))
        {
          errno = ECANCELED;
          return FALSE;
        }
    }
}

/* The SHA-1 of a whole file, read again from the disk's point of view
 * (after an fsync the page cache holds what was written) */
static gboolean
hash_file (int        fd,
           GChecksum *sum)
{
  g_autofree guint8 *buf = g_malloc (COPY_CHUNK);

  if (lseek (fd, 0, SEEK_SET) != 0)
    return FALSE;
  for (;;)
    {
      gssize n = read (fd, buf, COPY_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;
      g_checksum_update (sum, buf, n);
    }
}

gboolean
mml_file_same_contents (const char *a,
                        const char *b)
{
  g_autoptr(GChecksum) sa = g_checksum_new (G_CHECKSUM_SHA1);
  g_autoptr(GChecksum) sb = g_checksum_new (G_CHECKSUM_SHA1);
  struct stat st_a, st_b;
  int fa = open (a, O_RDONLY | O_CLOEXEC), fb = open (b, O_RDONLY | O_CLOEXEC);
  gboolean same = fa >= 0 && fb >= 0 && fstat (fa, &st_a) == 0 && fstat (fb, &st_b) == 0 &&
                  S_ISREG (st_a.st_mode) && S_ISREG (st_b.st_mode) && st_a.st_size == st_b.st_size &&
                  hash_file (fa, sa) && hash_file (fb, sb) &&
                  g_str_equal (g_checksum_get_string (sa), g_checksum_get_string (sb));

  if (fa >= 0)
    close (fa);
  if (fb >= 0)
    close (fb);
  return same;
}

/* @format: one of the translated messages below, with one %s for @path */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static gboolean
set_no_space_error (GError     **error,
                    const char  *format,
                    const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, format, display);
#pragma GCC diagnostic pop
  return FALSE;
}

/* @from copied to @to (which the caller found free): a copy beside the
 * target under the temporary name @tag, synced and checked against the
 * source (size and SHA-1 of both), then renamed into place, never over a
 * file. Any failure, a stop by @progress included, leaves no partial
 * file. @move only chooses the wording of the errors. */
static gboolean
copy_into_place (const char           *from,
                 const char           *to,
                 const char           *tag,
                 gboolean              move,
                 MmlFileProgressFunc   progress,
                 gpointer              user_data,
                 GError              **error)
{
  g_autofree char *partial = mml_file_temp_name (to, tag);
  g_autoptr(GChecksum) read_sum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autoptr(GChecksum) written_sum = g_checksum_new (G_CHECKSUM_SHA1);
  const char *cannot_read = move ? _("Cannot move “%s”") : _("Cannot copy “%s”");
  const char *cannot_write = move ? _("Cannot move to “%s”") : _("Cannot copy to “%s”");
  struct stat st;
  guint64 copied = 0;
  int in, out, errsv;

  if ((in = open (from, O_RDONLY | O_CLOEXEC)) < 0)
    return set_errno_error (error, errno, cannot_read, from);
  if (fstat (in, &st) != 0 || !S_ISREG (st.st_mode))
    {
      errsv = S_ISDIR (st.st_mode) ? EISDIR : errno;
      close (in);
      return set_errno_error (error, errsv, cannot_read, from);
    }
  g_unlink (partial);   /* one an earlier crash left */
  if ((out = open (partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777)) < 0)
    {
      errsv = errno;
      close (in);
      return set_errno_error (error, errsv, cannot_write, to);
    }
  if (!copy_hashing (in, out, read_sum, &copied, (guint64) st.st_size, progress, user_data) || fsync (out) != 0)
    {
      errsv = errno;
      goto fail;
    }
  if (copied != (guint64) st.st_size || !hash_file (out, written_sum) ||
      !g_str_equal (g_checksum_get_string (read_sum), g_checksum_get_string (written_sum)))
    {
      errsv = EIO;
      goto fail;
    }
  {
    struct timespec times[2] = { st.st_atim, st.st_mtim };

    futimens (out, times);
  }
  close (in);
  if (close (out) != 0)
    {
      errsv = errno;
      g_unlink (partial);
      return set_errno_error (error, errsv, cannot_write, to);
    }
  if (!mml_file_rename_noreplace (partial, to, error))
    {
      g_unlink (partial);
      return FALSE;
    }
  mml_file_sync_parent (to);
  return TRUE;

fail:
  close (in);
  close (out);
  g_unlink (partial);
  if (errsv == ECANCELED)
    {
      g_autofree char *display = g_filename_display_name (to);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The copy to “%s” was stopped"), display);
      return FALSE;
    }
  if (errsv == ENOSPC || errsv == EDQUOT)
    return set_no_space_error (error, move ? _("Cannot move to “%s”: not enough free space")
                                           : _("Cannot copy to “%s”: not enough free space"), to);
  return set_errno_error (error, errsv, cannot_write, to);
}

/* @from to @to on another file system: a verified copy in place, and only
 * then the source removed. Any failure leaves the source as it was and no
 * partial file. */
static gboolean
move_across (const char           *from,
             const char           *to,
             MmlFileProgressFunc   progress,
             gpointer              user_data,
             GError              **error)
{
  if (!copy_into_place (from, to, "move", TRUE, progress, user_data, error))
    return FALSE;
  if (g_unlink (from) != 0)
    {
      int errsv = errno;

      /* the copy is whole and in place; the source stays too */
      return set_errno_error (error, errsv, _("Copied, but cannot remove “%s”"), from);
    }
  mml_file_sync_parent (from);
  return TRUE;
}

gboolean
mml_file_copy_verified (const char  *from,
                        const char  *to,
                        GError     **error)
{
  return mml_file_copy_verified_full (from, to, NULL, NULL, error);
}

gboolean
mml_file_copy_verified_full (const char           *from,
                             const char           *to,
                             MmlFileProgressFunc   progress,
                             gpointer              user_data,
                             GError              **error)
{
  struct stat st;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (lstat (to, &st) == 0)
    return set_errno_error (error, EEXIST, _("Cannot copy to “%s”"), to);
  return copy_into_place (from, to, "copy", FALSE, progress, user_data, error);
}

gboolean
mml_file_move (const char  *from,
               const char  *to,
               GError     **error)
{
  return mml_file_move_full (from, to, NULL, NULL, error);
}

gboolean
mml_file_move_full (const char           *from,
                    const char           *to,
                    MmlFileProgressFunc   progress,
                    gpointer              user_data,
                    GError              **error)
{
  g_autoptr(GError) local = NULL;

  if (mml_file_rename_noreplace (from, to, &local))
    return TRUE;
  {
    g_autofree char *to_dir = g_path_get_dirname (to);
    struct stat st_from, st_dir, st;

    /* only another file system makes a copy */
    if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
        stat (from, &st_from) != 0 || stat (to_dir, &st_dir) != 0 || st_from.st_dev == st_dir.st_dev)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    /* the copy would replace nothing either */
    if (lstat (to, &st) == 0)
      return set_errno_error (error, EEXIST, _("Cannot move to “%s”"), to);
  }
  return move_across (from, to, progress, user_data, error);
}

/* ---- the trash ---- */

/* The top of the file system holding @path (the deepest ancestor on its
 * device) */
static char *
mount_top (const char *path,
           dev_t       dev)
{
  g_autofree char *dir = g_path_get_dirname (path);

  for (;;)
    {
      g_autofree char *parent = g_path_get_dirname (dir);
      struct stat st;

      if (g_str_equal (parent, dir) || stat (parent, &st) != 0 || st.st_dev != dev)
        return g_steal_pointer (&dir);
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

static gboolean
ensure_dir (const char *path,
            int         mode)
{
  struct stat st;

  if (g_mkdir_with_parents (path, mode) != 0)
    return FALSE;
  return lstat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

/* The trash folder for @path (holding files/ and info/), and whether the
 * info file names the path relative to @top (a trash at the top of its
 * file system) */
static char *
trash_dir_for (const char  *path,
               char       **top_out,
               GError     **error)
{
  g_autofree char *home_trash = g_build_filename (g_get_user_data_dir (), "Trash", NULL);
  g_autofree char *top = NULL;
  g_autofree char *shared = NULL;
  struct stat st_path, st_home, st_shared;

  if (lstat (path, &st_path) != 0)
    return set_errno_error (error, errno, _("Cannot move “%s” to the trash"), path), NULL;

  if (ensure_dir (home_trash, 0700) && stat (home_trash, &st_home) == 0 && st_home.st_dev == st_path.st_dev)
    return g_steal_pointer (&home_trash);

  top = mount_top (path, st_path.st_dev);
  /* $topdir/.Trash/$uid, when an administrator made .Trash (sticky, not a link) */
  shared = g_build_filename (top, ".Trash", NULL);
  if (lstat (shared, &st_shared) == 0 && S_ISDIR (st_shared.st_mode) && (st_shared.st_mode & S_ISVTX))
    {
      g_autofree char *uid = g_strdup_printf ("%u", (guint) getuid ());
      g_autofree char *dir = g_build_filename (shared, uid, NULL);

      if (ensure_dir (dir, 0700))
        {
          *top_out = g_steal_pointer (&top);
          return g_steal_pointer (&dir);
        }
    }
  {
    g_autofree char *name = g_strdup_printf (".Trash-%u", (guint) getuid ());
    g_autofree char *dir = g_build_filename (top, name, NULL);

    if (ensure_dir (dir, 0700))
      {
        *top_out = g_steal_pointer (&top);
        return g_steal_pointer (&dir);
      }
  }
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Cannot move “%s” to the trash: this disk has no trash folder"), display);
  }
  return NULL;
}

/* "…/Trash/files/NAME" → "…/Trash/info/NAME.trashinfo" */
static char *
info_path_for (const char *trashed)
{
  g_autofree char *files = g_path_get_dirname (trashed);
  g_autofree char *trash = g_path_get_dirname (files);
  g_autofree char *base = g_path_get_basename (trashed);
  g_autofree char *name = g_strconcat (base, ".trashinfo", NULL);

  return g_build_filename (trash, "info", name, NULL);
}

gboolean
mml_file_trash_prepare (const char  *path,
                        char       **trashed,
                        GError     **error)
{
  g_autofree char *top = NULL;
  g_autofree char *trash = trash_dir_for (path, &top, error);
  g_autofree char *files = NULL;
  g_autofree char *info = NULL;
  g_autofree char *base = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  const char *named;

  if (trash == NULL)
    return FALSE;
  files = g_build_filename (trash, "files", NULL);
  info = g_build_filename (trash, "info", NULL);
  if (!ensure_dir (files, 0700) || !ensure_dir (info, 0700))
    return set_errno_error (error, errno ? errno : ENOTDIR, _("Cannot use the trash folder “%s”"), trash);

  /* the path as the trash records it: absolute in the user's trash,
   * relative to the top of the file system in a trash there */
  named = path;
  if (top != NULL && g_str_has_prefix (path, top) && path[strlen (top)] == '/')
    named = path + strlen (top) + 1;
  escaped = g_uri_escape_string (named, "/", FALSE);
  date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  text = g_strdup_printf ("[Trash Info]\nPath=%s\nDeletionDate=%s\n", escaped, date);
  base = g_path_get_basename (path);

  for (guint i = 1; i < 10000; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup (base) : g_strdup_printf ("%s.%u", base, i);
      g_autofree char *info_name = g_strconcat (name, ".trashinfo", NULL);
      g_autofree char *info_file = g_build_filename (info, info_name, NULL);
      g_autofree char *target = g_build_filename (files, name, NULL);
      struct stat st;
      int fd;

      /* the .trashinfo reserves the name (O_EXCL), as the spec says */
      fd = open (info_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          if (errno == EEXIST)
            continue;
          return set_errno_error (error, errno, _("Cannot write in the trash folder “%s”"), info);
        }
      if (lstat (target, &st) == 0)
        {
          /* a file without its info: leave both alone, take another name */
          close (fd);
          g_unlink (info_file);
          continue;
        }
      if (write (fd, text, strlen (text)) != (gssize) strlen (text) || fsync (fd) != 0)
        {
          int errsv = errno ? errno : ENOSPC;

          close (fd);
          g_unlink (info_file);
          return set_errno_error (error, errsv, _("Cannot write in the trash folder “%s”"), info);
        }
      close (fd);
      *trashed = g_steal_pointer (&target);
      return TRUE;
    }

  return set_errno_error (error, EEXIST, _("Cannot move “%s” to the trash"), path);
}

gboolean
mml_file_trash_commit (const char  *path,
                       const char  *trashed,
                       GError     **error)
{
  if (!mml_file_rename_noreplace (path, trashed, error))
    return FALSE;
  mml_file_sync_parent (trashed);
  return TRUE;
}

void
mml_file_trash_abandon (const char *trashed)
{
  g_autofree char *info = info_path_for (trashed);
  struct stat st;

  /* only a reservation: the file itself never went there */
  if (lstat (trashed, &st) != 0)
    g_unlink (info);
}

gboolean
mml_file_untrash (const char  *trashed,
                  const char  *original,
                  GError     **error)
{
  g_autofree char *info = info_path_for (trashed);

  if (!mml_file_rename_noreplace (trashed, original, error))
    return FALSE;
  mml_file_sync_parent (original);
  g_unlink (info);
  return TRUE;
}
