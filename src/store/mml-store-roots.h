/* mml-store-roots.h — the roots table: adding, listing, changing and
 * removing library folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-root.h"
#include "mml-store.h"

G_BEGIN_DECLS

void         mml_store_add_root_async        (MmlStore            *self,
                                              const char          *path,
                                              MmlRootKind          kind,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MmlRoot     *mml_store_add_root_finish       (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         mml_store_list_roots_async      (MmlStore            *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray   *mml_store_list_roots_finish     (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         mml_store_remove_root_async     (MmlStore            *self,
                                              gint64               root_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     mml_store_remove_root_finish    (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         mml_store_update_root_async     (MmlStore            *self,
                                              gint64               root_id,
                                              int                  enabled,
                                              int                  kind,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MmlRoot     *mml_store_update_root_finish    (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
