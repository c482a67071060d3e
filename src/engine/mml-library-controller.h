/* mml-library-controller.h — the library folders, their scans and the
 * watcher, and the library as models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-file-overrides.h"
#include "mml-files.h"
#include "mml-library.h"
#include "mml-prober.h"
#include "mml-root.h"
#include "mml-scanner.h"
#include "mml-watcher.h"

G_BEGIN_DECLS

#define MML_TYPE_LIBRARY_CONTROLLER (mml_library_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlLibraryController, mml_library_controller, MML, LIBRARY_CONTROLLER, GObject)

/* models, reloaded by mml_engine_reload() */
gboolean          mml_library_controller_get_loading      (MmlLibraryController *self);
gboolean          mml_library_controller_get_loaded       (MmlLibraryController *self);
GListModel       *mml_library_controller_get_roots        (MmlLibraryController *self);
GListModel       *mml_library_controller_get_series       (MmlLibraryController *self);
GListModel       *mml_library_controller_get_unrecognised (MmlLibraryController *self);
MmlLibraryTotals *mml_library_controller_get_totals       (MmlLibraryController *self);
MmlRoot          *mml_library_controller_find_root        (MmlLibraryController *self,
                                                           gint64                root_id);

/* roots */
void              mml_library_controller_set_scan_new_roots (MmlLibraryController *self,
                                                             gboolean              scan);
void              mml_library_controller_add_root_async   (MmlLibraryController *self,
                                                           const char           *path,
                                                           MmlRootKind           kind,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
MmlRoot          *mml_library_controller_add_root_finish  (MmlLibraryController *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void              mml_library_controller_remove_root_async  (MmlLibraryController *self,
                                                             gint64                root_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean          mml_library_controller_remove_root_finish (MmlLibraryController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void              mml_library_controller_update_root_async  (MmlLibraryController *self,
                                                             gint64                root_id,
                                                             int                   enabled,
                                                             int                   kind,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MmlRoot          *mml_library_controller_update_root_finish (MmlLibraryController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void              mml_library_controller_remove_root      (MmlLibraryController *self,
                                                           gint64                root_id);
void              mml_library_controller_set_root_enabled (MmlLibraryController *self,
                                                           gint64                root_id,
                                                           gboolean              enabled);
void              mml_library_controller_set_root_kind    (MmlLibraryController *self,
                                                           gint64                root_id,
                                                           MmlRootKind           kind);

/* scans */
void              mml_library_controller_scan             (MmlLibraryController *self,
                                                           MmlScanMode           mode,
                                                           gint64                root_id);
void              mml_library_controller_scan_async       (MmlLibraryController *self,
                                                           MmlScanMode           mode,
                                                           gint64                root_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
MmlScanSummary   *mml_library_controller_scan_finish      (MmlLibraryController *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void              mml_library_controller_cancel_scan      (MmlLibraryController *self);
gboolean          mml_library_controller_get_scanning     (MmlLibraryController *self);
gint64            mml_library_controller_get_scan_root_id (MmlLibraryController *self);
double            mml_library_controller_get_scan_fraction (MmlLibraryController *self);
const char       *mml_library_controller_get_scan_path    (MmlLibraryController *self);

/* videos placed by hand: series, season and episodes the scanner keeps */
void              mml_library_controller_assign_files_async    (MmlLibraryController *self,
                                                                const gint64         *file_ids,
                                                                guint                 n_files,
                                                                gint64                series_id,
                                                                int                   season,
                                                                int                   first_episode,
                                                                guint                 episodes_per_file,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
MmlAssignment    *mml_library_controller_assign_files_finish   (MmlLibraryController *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);
void              mml_library_controller_unassign_files_async  (MmlLibraryController *self,
                                                                const gint64         *file_ids,
                                                                guint                 n_files,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
MmlAssignment    *mml_library_controller_unassign_files_finish (MmlLibraryController *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* embedded subtitle tracks */
void              mml_library_controller_set_probe_after_scan (MmlLibraryController *self,
                                                               gboolean              probe);
gboolean          mml_library_controller_get_probe_after_scan (MmlLibraryController *self);
gboolean          mml_library_controller_get_probing      (MmlLibraryController *self);

/* the watcher */
MmlWatcher       *mml_library_controller_start_watcher    (MmlLibraryController *self);
void              mml_library_controller_set_settle_time  (MmlLibraryController *self,
                                                           guint                 milliseconds);
void              mml_library_controller_set_watcher      (MmlLibraryController *self,
                                                           MmlWatcher           *watcher);
MmlWatcher       *mml_library_controller_get_watcher      (MmlLibraryController *self);
MmlWatchMode      mml_library_controller_get_root_mode    (MmlLibraryController *self,
                                                           gint64                root_id,
                                                           const char          **reason);

/* reads for commands: straight from the store, not the models */
void              mml_library_controller_list_roots_async   (MmlLibraryController *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray        *mml_library_controller_list_roots_finish  (MmlLibraryController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void              mml_library_controller_dump_files_async   (MmlLibraryController *self,
                                                             gint64                root_id,
                                                             MmlFilesFormat        format,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GBytes           *mml_library_controller_dump_files_finish  (MmlLibraryController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* reads for views */
void              mml_library_controller_get_series_detail_async  (MmlLibraryController *self,
                                                                   gint64                series_id,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
MmlSeriesDetail  *mml_library_controller_get_series_detail_finish (MmlLibraryController *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);
/* What the dashboard charts, the last @n_weeks weeks: see MmlLibraryHistory */
void               mml_library_controller_get_history_async  (MmlLibraryController *self,
                                                              guint                 n_weeks,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
MmlLibraryHistory *mml_library_controller_get_history_finish (MmlLibraryController *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Move rules: where a series is suggested to go once it becomes completed
 * or dropped (mml-library-move-rules.c; "move-suggested"). Kept in the
 * store's preferences, a folder path each; unset: off. */
#define MML_PREF_MOVE_RULE_COMPLETED "move-rule.completed"
#define MML_PREF_MOVE_RULE_DROPPED   "move-rule.dropped"

const char       *mml_move_rule_key                        (MmlViewingStatus      status);
gboolean          mml_move_rule_applies                    (MmlSeriesItem        *series,
                                                            const char           *destination);
void              mml_library_controller_get_move_rule_async  (MmlLibraryController *self,
                                                               MmlViewingStatus      status,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
char             *mml_library_controller_get_move_rule_finish (MmlLibraryController *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
void              mml_library_controller_set_move_rule_async  (MmlLibraryController *self,
                                                               MmlViewingStatus      status,
                                                               const char           *destination,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean          mml_library_controller_set_move_rule_finish (MmlLibraryController *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

G_END_DECLS
