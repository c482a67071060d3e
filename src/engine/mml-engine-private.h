/* mml-engine-private.h — what the engine and its controllers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-organize-controller.h"
#include "mml-scheduler.h"
#include "mml-subtitles-controller.h"
#include "mml-viewing-controller.h"
#include "mml-transfer-controller.h"
#include "mml-sync-controller.h"

G_BEGIN_DECLS

MmlLibraryController  *_mml_library_controller_new       (MmlEngine             *engine);
void                   _mml_library_controller_opened    (MmlLibraryController  *self,
                                                          gboolean               watch);
void                   _mml_library_controller_open_failed (MmlLibraryController *self);
void                   _mml_library_controller_reload    (MmlLibraryController  *self);
void                   _mml_library_controller_shutdown  (MmlLibraryController  *self);
MmlStore              *_mml_library_controller_get_store (MmlLibraryController  *self);

gboolean               _mml_library_controller_reload_step_is_current (MmlLibraryController *self,
                                                                       GAsyncResult         *result);
void                   _mml_library_controller_reload_step_done (MmlLibraryController *self,
                                                                 const GError         *error,
                                                                 const char           *what);

/* mml-library-move-rules.c: the statuses seen, for "move-suggested". A
 * reload reads the rules (MML_MOVE_WATCH_READS steps of it) and the
 * series; once every step is done, the statuses are compared. */
#define MML_MOVE_WATCH_READS 2
typedef struct _MmlMoveWatch MmlMoveWatch;
MmlMoveWatch          *_mml_move_watch_new               (void);
void                   _mml_move_watch_free              (MmlMoveWatch          *watch);
void                   _mml_move_watch_read_rules        (MmlMoveWatch          *watch,
                                                          MmlLibraryController  *self,
                                                          MmlStore              *store,
                                                          GCancellable          *cancellable);
void                   _mml_move_watch_set_series        (MmlMoveWatch          *watch,
                                                          GPtrArray             *series);
void                   _mml_move_watch_compare           (MmlMoveWatch          *watch,
                                                          MmlLibraryController  *self);

MmlMetadataController *_mml_metadata_controller_new      (MmlEngine             *engine);
void                   _mml_metadata_controller_opened   (MmlMetadataController *self);
void                   _mml_metadata_controller_reload   (MmlMetadataController *self);
void                   _mml_metadata_controller_shutdown (MmlMetadataController *self);
MmlEngine             *_mml_metadata_controller_get_engine (MmlMetadataController *self);

MmlSubtitlesController *_mml_subtitles_controller_new     (MmlEngine             *engine);
void                    _mml_subtitles_controller_shutdown (MmlSubtitlesController *self);

MmlOrganizeController  *_mml_organize_controller_new      (MmlEngine             *engine);
MmlViewingController   *_mml_viewing_controller_new       (MmlEngine             *engine);
void                    _mml_organize_controller_shutdown (MmlOrganizeController *self);

MmlTransferController  *_mml_transfer_controller_new      (MmlEngine             *engine);
void                    _mml_transfer_controller_shutdown (MmlTransferController *self);

MmlSyncController      *_mml_sync_controller_new          (MmlEngine             *engine);

MmlScheduler           *_mml_scheduler_new       (MmlEngine             *engine);
void                    _mml_scheduler_shutdown  (MmlScheduler          *self);

/* mml-follow.c: after files moved, the store follows and the roots they
 * touched are rescanned */
void                    _mml_engine_follow_moves_async  (MmlEngine           *engine,
                                                         GPtrArray           *moves,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void                    _mml_engine_follow_moves_finish (MmlEngine           *engine,
                                                         GAsyncResult        *result);
gboolean                mml_engine_get_wait_for_network (MmlEngine      *self);

G_END_DECLS
