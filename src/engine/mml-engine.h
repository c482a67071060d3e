/* mml-engine.h — the application without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-clock.h"
#include "mml-credentials.h"
#include "mml-http.h"
#include "mml-store.h"

G_BEGIN_DECLS

#define MML_TYPE_ENGINE (mml_engine_get_type ())

G_DECLARE_FINAL_TYPE (MmlEngine, mml_engine, MML, ENGINE, GObject)

typedef struct _MmlLibraryController  MmlLibraryController;
typedef struct _MmlMetadataController MmlMetadataController;
typedef struct _MmlSubtitlesController MmlSubtitlesController;
typedef struct _MmlScheduler MmlScheduler;
typedef struct _MmlOrganizeController MmlOrganizeController;
typedef struct _MmlViewingController MmlViewingController;
typedef struct _MmlTransferController MmlTransferController;
typedef struct _MmlSyncController MmlSyncController;

MmlEngine             *mml_engine_new                  (const char           *db_path);
MmlEngine             *mml_engine_new_empty            (void);
void                   mml_engine_set_watch            (MmlEngine            *self,
                                                        gboolean              watch);
void                   mml_engine_set_automatic        (MmlEngine            *self,
                                                        gboolean              automatic);
gboolean               mml_engine_get_automatic        (MmlEngine            *self);
void                   mml_engine_set_models           (MmlEngine            *self,
                                                        gboolean              models);
void                   mml_engine_set_wait_for_network (MmlEngine            *self,
                                                        gboolean              wait);
void                   mml_engine_open                 (MmlEngine            *self);
void                   mml_engine_open_async           (MmlEngine            *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean               mml_engine_open_finish          (MmlEngine            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
gboolean               mml_engine_open_sync            (MmlEngine            *self,
                                                        GError              **error);
void                   mml_engine_shutdown             (MmlEngine            *self);
void                   mml_engine_close                (MmlEngine            *self);
gboolean               mml_engine_get_ready            (MmlEngine            *self);
gboolean               mml_engine_is_shut_down         (MmlEngine            *self);

MmlStore              *mml_engine_get_store            (MmlEngine            *self);
MmlHttp               *mml_engine_get_http             (MmlEngine            *self);
MmlClock              *mml_engine_get_clock            (MmlEngine            *self);
MmlLibraryController  *mml_engine_get_library          (MmlEngine            *self);
MmlMetadataController *mml_engine_get_metadata         (MmlEngine            *self);
MmlSubtitlesController *mml_engine_get_subtitles       (MmlEngine            *self);
MmlScheduler          *mml_engine_get_scheduler        (MmlEngine            *self);
MmlOrganizeController *mml_engine_get_organize         (MmlEngine            *self);
MmlViewingController  *mml_engine_get_viewing          (MmlEngine            *self);
MmlTransferController *mml_engine_get_transfer         (MmlEngine            *self);
MmlSyncController     *mml_engine_get_sync             (MmlEngine            *self);

char                  *mml_engine_get_cache_dir        (MmlEngine            *self,
                                                        const char           *what);
void                   mml_engine_fetch_bytes_async    (MmlEngine            *self,
                                                        const char           *url,
                                                        gsize                 max_bytes,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GBytes                *mml_engine_fetch_bytes_finish   (MmlEngine            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void                   mml_engine_reload               (MmlEngine            *self);
void                   mml_engine_report_error         (MmlEngine            *self,
                                                        const char           *what,
                                                        const GError         *error);

G_END_DECLS
