/* mml-store.h — the library database: one SQLite file, one writer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mml-clock.h"
#include "mml-types.h"

G_BEGIN_DECLS

#define MML_TYPE_STORE (mml_store_get_type ())

G_DECLARE_FINAL_TYPE (MmlStore, mml_store, MML, STORE, GObject)

/**
 * MmlStoreJobFunc:
 * @self: the store
 * @db: the write connection; only valid inside the job
 * @task: complete it with one of the `g_task_return_*()` calls
 * @task_data: the data given to mml_store_run_async()
 * @cancellable: (nullable): the caller's cancellable
 *
 * A unit of work run on the store's writer thread, in the order queued.
 */
typedef void (*MmlStoreJobFunc) (MmlStore     *self,
                                 sqlite3      *db,
                                 GTask        *task,
                                 gpointer      task_data,
                                 GCancellable *cancellable);

/* The schema version this build writes (PRAGMA user_version). */
#define MML_STORE_SCHEMA_VERSION (mml_store_schema_version ())

/* PRAGMA application_id of every library database: "MMLb" in ASCII. */
#define MML_STORE_APPLICATION_ID 0x4D4D4C62

MmlStore   *mml_store_new             (const char          *path);
MmlStore   *mml_store_new_in_memory   (void);
const char *mml_store_get_path        (MmlStore            *self);
void        mml_store_set_read_only   (MmlStore            *self,
                                       gboolean             read_only);
gboolean    mml_store_get_read_only   (MmlStore            *self);
void        mml_store_open_async      (MmlStore            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean    mml_store_open_finish     (MmlStore            *self,
                                       GAsyncResult        *result,
                                       GError             **error);
gboolean    mml_store_open            (MmlStore            *self,
                                       GError             **error);
void        mml_store_close           (MmlStore            *self);
int         mml_store_schema_version  (void);

void        mml_store_set_clock       (MmlStore            *self,
                                       MmlClock            *clock);
MmlClock   *mml_store_get_clock       (MmlStore            *self);

void        mml_store_run_async       (MmlStore            *self,
                                       MmlStoreJobFunc      func,
                                       gpointer             task_data,
                                       GDestroyNotify       task_data_free,
                                       gpointer             source_tag,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);

GAsyncResult *mml_store_run_sync     (MmlStore            *self,
                                       MmlStoreJobFunc      func,
                                       gpointer             task_data,
                                       GDestroyNotify       task_data_free,
                                       gpointer             source_tag);

/* Helpers for jobs (writer thread only). */
gboolean    mml_store_exec            (sqlite3             *db,
                                       const char          *sql,
                                       GError             **error);
gboolean    mml_store_begin           (sqlite3             *db,
                                       GError             **error);
gboolean    mml_store_commit          (sqlite3             *db,
                                       GError             **error);
void        mml_store_rollback        (sqlite3             *db);
sqlite3_stmt *mml_store_prepare       (sqlite3             *db,
                                       const char          *sql,
                                       GError             **error);
sqlite3    *mml_store_open_reader      (MmlStore           *self,
                                        GError            **error);
/* Binds @text, or NULL when @text is NULL; @text must outlive the step */
void        mml_store_bind_text_or_null (sqlite3_stmt      *stmt,
                                         int                index,
                                         const char        *text);
gboolean    mml_store_set_sqlite_error (sqlite3            *db,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

G_END_DECLS
