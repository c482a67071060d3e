/* mml-prober.h — read the embedded subtitle tracks of the library's new and
 * changed videos, a few at a time, off the caller's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-store.h"

G_BEGIN_DECLS

/* Files read at once unless the caller says otherwise */
#define MML_PROBER_DEFAULT_PARALLEL 2

typedef struct
{
  guint   candidates;   /* videos whose tracks were not known for their state */
  guint   probed;       /* of those, read (with tracks or without) */
  guint   failed;       /* could not be read (counted in probed when the file
                         * is no container we read: it is not read again) */
  guint   tracks;       /* embedded subtitle tracks found */
  guint   changed;      /* videos that had embedded tracks before or have some now */
  double  seconds;
} MmlProbeSummary;

/* Progress, on the caller's main context, a few times a second */
typedef void (*MmlProbeProgressFunc) (guint     done,
                                      guint     total,
                                      gpointer  user_data);

/* Reads the videos of @root_id (0: of every enabled root; or those of
 * @file_ids when it is not %NULL) whose tracks are not known for their
 * current size, mtime and inode, at most @max_parallel at once (0: the
 * default), on worker threads, and writes what it finds in batches. The
 * callback runs on the caller's thread-default main context. Cancelling
 * keeps what was read before. */
void      mml_prober_run_async   (MmlStore              *store,
                                  gint64                 root_id,
                                  GArray                *file_ids,
                                  guint                  max_parallel,
                                  MmlProbeProgressFunc   progress,
                                  gpointer               progress_data,
                                  GDestroyNotify         progress_destroy,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data);
gboolean  mml_prober_run_finish  (MmlStore              *store,
                                  GAsyncResult          *result,
                                  MmlProbeSummary       *summary,
                                  GError               **error);

G_END_DECLS
