/* mml-file-ops.h — the few ways the library changes a user's files, each
 * one that never loses a byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synchronous, for worker threads. None of them ever replaces an existing
 * file: a target that exists is G_IO_ERROR_EXISTS. Callers go through the
 * journal (mml-journal.h) so that every change can be undone.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Renames @from to @to on one file system, failing when @to exists
 * (renameat2 RENAME_NOREPLACE, or link + unlink where the file system has
 * no such rename). A different file system is G_IO_ERROR_NOT_SUPPORTED. */
gboolean  mml_file_rename_noreplace (const char  *from,
                                     const char  *to,
                                     GError     **error);

/* The hidden temporary name beside @path for a file being written:
 * "<dir>/.<name>.mml-<tag>.partial". The journal records it before the
 * file exists, so recovery can always find and remove a partial one. */
char     *mml_file_temp_name        (const char  *path,
                                     const char  *tag);

/* Writes @contents to @path, which must not exist (O_EXCL), and syncs it
 * to disk; on failure nothing is left at @path. */
gboolean  mml_file_write_new        (const char  *path,
                                     GBytes      *contents,
                                     GError     **error);

/* Syncs the folder holding @path, so a rename into it survives a crash. */
/* Moves @from to @to, never over a file: a rename on one file system;
 * across file systems a verified copy, then the source removed (a full
 * disk says "not enough free space" and leaves the source untouched) */
gboolean  mml_file_move             (const char  *from,
                                     const char  *to,
                                     GError     **error);
/* Copies @from to @to, never over a file (G_IO_ERROR_EXISTS): the same
 * verified copy a move across file systems makes (a hidden partial beside
 * the target, synced, size and SHA-1 checked, renamed into place), with
 * the source left alone. On any failure no partial file is left; a full
 * disk is G_IO_ERROR_NO_SPACE, "not enough free space". */
gboolean  mml_file_copy_verified    (const char  *from,
                                     const char  *to,
                                     GError     **error);
/* How far a copy is: told after each chunk written, @copied of @size
 * bytes. It may block (a paused transfer waits in it, the partial copy
 * kept open beside its target); returning FALSE stops the copy, which then
 * fails with G_IO_ERROR_CANCELLED and leaves no partial file. */
typedef gboolean (*MmlFileProgressFunc) (guint64  copied,
                                         guint64  size,
                                         gpointer user_data);

/* mml_file_copy_verified() and mml_file_move() telling @progress (nullable)
 * how the copy goes; a rename on one file system tells nothing */
gboolean  mml_file_copy_verified_full (const char           *from,
                                       const char           *to,
                                       MmlFileProgressFunc   progress,
                                       gpointer              user_data,
                                       GError              **error);
gboolean  mml_file_move_full        (const char           *from,
                                     const char           *to,
                                     MmlFileProgressFunc   progress,
                                     gpointer              user_data,
                                     GError              **error);
/* Whether two regular files have the same size and bytes */
gboolean  mml_file_same_contents    (const char  *a,
                                     const char  *b);
void      mml_file_sync_parent      (const char  *path);
void      mml_file_sync_dir         (const char  *dir);

/*
 * The trash, as the XDG trash specification lays it out: the user's trash
 * when @path is on the same file system, else the trash at the top of
 * @path's file system ($topdir/.Trash/$uid or $topdir/.Trash-$uid).
 *
 * Prepare picks the name in the trash and writes its .trashinfo (so the
 * name is reserved and the desktop's trash can restore it), without
 * moving anything: *trashed is where the file will be. Commit moves it
 * there. Abandon removes the reservation of a move that did not happen.
 * Untrash puts a trashed file back at @original (never over a file) and
 * removes its .trashinfo.
 */
gboolean  mml_file_trash_prepare    (const char  *path,
                                     char       **trashed,
                                     GError     **error);
gboolean  mml_file_trash_commit     (const char  *path,
                                     const char  *trashed,
                                     GError     **error);
void      mml_file_trash_abandon    (const char  *trashed);
gboolean  mml_file_untrash          (const char  *trashed,
                                     const char  *original,
                                     GError     **error);

G_END_DECLS
