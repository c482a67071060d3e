/* mml-files.h — read the files table out, for `mml files` and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-store.h"

G_BEGIN_DECLS

typedef enum
{
  MML_FILES_TEXT,
  MML_FILES_JSON,
} MmlFilesFormat;

void    mml_store_dump_files_async  (MmlStore            *self,
                                     gint64               root_id,
                                     MmlFilesFormat       format,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GBytes *mml_store_dump_files_finish (MmlStore            *self,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
