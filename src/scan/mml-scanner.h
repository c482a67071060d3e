/* mml-scanner.h — walk library roots and bring the files table up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-scan-types.h"
#include "mml-store.h"

G_BEGIN_DECLS

/* Progress, delivered on the caller's main context, at most ~10 times a second. */
typedef void (*MmlScanProgressFunc) (guint        done,
                                     guint        total,
                                     const char  *current,
                                     gpointer     user_data);

typedef struct _MmlScanRequest MmlScanRequest;

MmlScanRequest *mml_scan_request_new          (MmlScanMode          mode);
void            mml_scan_request_free         (MmlScanRequest      *request);
void            mml_scan_request_set_root     (MmlScanRequest      *request,
                                               gint64               root_id);
void            mml_scan_request_add_subtree  (MmlScanRequest      *request,
                                               gint64               root_id,
                                               const char          *rel_dir);
void            mml_scan_request_set_progress (MmlScanRequest      *request,
                                               MmlScanProgressFunc  func,
                                               gpointer             user_data,
                                               GDestroyNotify       destroy);
void            mml_scan_request_set_events   (MmlScanRequest      *request,
                                               gboolean             want_events);

void            mml_scan_async                (MmlStore            *store,
                                               MmlScanRequest      *request,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
MmlScanSummary *mml_scan_finish               (MmlStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlScanRequest, mml_scan_request_free)

G_END_DECLS
