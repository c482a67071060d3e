/* mml-util.h — small helpers shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *mml_default_db_path   (void);
void  mml_json_append_string (GString    *out,
                              const char *str,
                              gssize      len);

/* Runs @func on @context's thread, always later, through an idle source of
 * @priority: unlike g_main_context_invoke(), never right away on the
 * calling thread (a worker thread that can acquire the context between
 * two of its owner's iterations would run the caller's code itself). */
void  mml_context_post       (GMainContext   *context,
                              int             priority,
                              GSourceFunc     func,
                              gpointer        data,
                              GDestroyNotify  destroy);

/*
 * MmlSyncWait: run an async call to completion from synchronous code
 * (the CLI, tests) by iterating a private main context.
 *
 *   MmlSyncWait *w = mml_sync_wait_new ();
 *   mml_store_foo_async (store, …, NULL, mml_sync_wait_cb, w);
 *   ok = mml_store_foo_finish (store, mml_sync_wait_run (w), &error);
 *   mml_sync_wait_free (w);
 */
typedef struct _MmlSyncWait MmlSyncWait;

MmlSyncWait  *mml_sync_wait_new  (void);
void          mml_sync_wait_cb   (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
GAsyncResult *mml_sync_wait_run  (MmlSyncWait  *wait);
void          mml_sync_wait_free (MmlSyncWait  *wait);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSyncWait, mml_sync_wait_free)

G_END_DECLS
