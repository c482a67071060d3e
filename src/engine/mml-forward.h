/* mml-forward.h — a controller's async call answered by a store call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most reads of a controller are one store call whose result goes back to
 * the caller as it is, with the controller as the source object (GIO's
 * rule: a result comes from the object the call was made on).  Instead of
 * a callback and a _finish per read:
 *
 *   void
 *   foo_controller_list_async (self, …, cancellable, callback, user_data)
 *   {
 *     GTask *task = _mml_forward_new (self, foo_controller_list_async,
 *                                     (MmlForwardFinish) mml_store_list_finish,
 *                                     (GDestroyNotify) g_ptr_array_unref,
 *                                     cancellable, callback, user_data);
 *     mml_store_list_async (store, …, cancellable, _mml_forward_cb, task);
 *   }
 *
 *   GPtrArray *
 *   foo_controller_list_finish (self, result, error)
 *   {
 *     return _mml_forward_finish (self, result, foo_controller_list_async, error);
 *   }
 *
 * A store call that answers a boolean forwards the same way with
 * _mml_forward_new_boolean() and _mml_forward_finish_boolean().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gpointer (*MmlForwardFinish) (gpointer       source,
                                      GAsyncResult  *result,
                                      GError       **error);

GTask    *_mml_forward_new             (gpointer             self,
                                        gpointer             source_tag,
                                        MmlForwardFinish     finish,
                                        GDestroyNotify       result_free,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
typedef gboolean (*MmlForwardFinishBoolean) (gpointer       source,
                                             GAsyncResult  *result,
                                             GError       **error);

GTask    *_mml_forward_new_boolean     (gpointer                 self,
                                        gpointer                 source_tag,
                                        MmlForwardFinishBoolean  finish,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
/* The callback of the store call; @task: the one _mml_forward_new() made */
void      _mml_forward_cb              (GObject             *source,
                                        GAsyncResult        *result,
                                        gpointer             task);
gpointer  _mml_forward_finish          (gpointer             self,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);
gboolean  _mml_forward_finish_boolean  (gpointer             self,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

G_END_DECLS
