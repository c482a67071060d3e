/* mml-file-overrides.h — where the user says a video goes: series,
 * season and episodes that the scanner takes over what the name says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

/* The most episodes one file may hold (a parse holds as many) */
#define MML_ASSIGN_MAX_EPISODES_PER_FILE 256

/* The highest episode number an assignment may name */
#define MML_ASSIGN_MAX_EPISODE 99999

/* One video of an assignment */
typedef struct
{
  gint64  file_id;
  gint64  root_id;
  char   *path;       /* relative to the root, raw bytes */
  int     season;     /* -1: absolute numbering; unassigning: -1 */
  int     first;      /* the first episode (or absolute number); unassigning: 0 */
  int     last;       /* the last one, == first for one episode */
} MmlAssignedFile;

/* A folder to scan again, relative to its root ("" for the root itself) */
typedef struct
{
  gint64  root_id;
  char   *folder;
} MmlRescanFolder;

typedef struct
{
  gint64     series_id;   /* 0 when unassigning */
  GPtrArray *files;       /* (element-type MmlAssignedFile): by path */
  GPtrArray *folders;     /* (element-type MmlRescanFolder): those holding the files */
} MmlAssignment;

void            mml_assignment_free              (MmlAssignment       *assignment);

void            mml_store_assign_files_async     (MmlStore            *self,
                                                  const gint64        *file_ids,
                                                  guint                n_files,
                                                  gint64               series_id,
                                                  int                  season,
                                                  int                  first_episode,
                                                  guint                episodes_per_file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MmlAssignment  *mml_store_assign_files_finish    (MmlStore            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void            mml_store_unassign_files_async   (MmlStore            *self,
                                                  const gint64        *file_ids,
                                                  guint                n_files,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MmlAssignment  *mml_store_unassign_files_finish  (MmlStore            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlAssignment, mml_assignment_free)

G_END_DECLS
