/* mml-library-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mml-library.h"
#include "mml-match-conflict-item.h"
#include "mml-meta-run.h"
#include "mml-root.h"
#include "mml-scanner.h"
#include "mml-store.h"
#include "mml-watcher.h"

G_BEGIN_DECLS

#define MML_TYPE_LIBRARY_SESSION (mml_library_session_get_type ())

G_DECLARE_FINAL_TYPE (MmlLibrarySession, mml_library_session, MML, LIBRARY_SESSION, GObject)

MmlLibrarySession *mml_library_session_new              (const char           *db_path);
void               mml_library_session_open             (MmlLibrarySession    *self);
void               mml_library_session_set_watch        (MmlLibrarySession    *self,
                                                         gboolean              watch);
void               mml_library_session_shutdown         (MmlLibrarySession    *self);
MmlStore          *mml_library_session_get_store        (MmlLibrarySession    *self);
gboolean           mml_library_session_get_ready        (MmlLibrarySession    *self);
gboolean           mml_library_session_get_loading      (MmlLibrarySession    *self);
GListModel        *mml_library_session_get_roots        (MmlLibrarySession    *self);
GListModel        *mml_library_session_get_series       (MmlLibrarySession    *self);
GListModel        *mml_library_session_get_unrecognised (MmlLibrarySession    *self);
MmlLibraryTotals  *mml_library_session_get_totals       (MmlLibrarySession    *self);
MmlRoot           *mml_library_session_find_root        (MmlLibrarySession    *self,
                                                         gint64                root_id);
void               mml_library_session_reload           (MmlLibrarySession    *self);

void               mml_library_session_add_root_async   (MmlLibrarySession    *self,
                                                         const char           *path,
                                                         MmlRootKind           kind,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
MmlRoot           *mml_library_session_add_root_finish  (MmlLibrarySession    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               mml_library_session_remove_root      (MmlLibrarySession    *self,
                                                         gint64                root_id);
void               mml_library_session_set_root_enabled (MmlLibrarySession    *self,
                                                         gint64                root_id,
                                                         gboolean              enabled);
void               mml_library_session_set_root_kind    (MmlLibrarySession    *self,
                                                         gint64                root_id,
                                                         MmlRootKind           kind);

void               mml_library_session_scan             (MmlLibrarySession    *self,
                                                         MmlScanMode           mode,
                                                         gint64                root_id);
void               mml_library_session_cancel_scan      (MmlLibrarySession    *self);
gboolean           mml_library_session_get_scanning     (MmlLibrarySession    *self);
gint64             mml_library_session_get_scan_root_id (MmlLibrarySession    *self);
double             mml_library_session_get_scan_fraction (MmlLibrarySession   *self);
const char        *mml_library_session_get_scan_text    (MmlLibrarySession    *self);

void               mml_library_session_set_watcher      (MmlLibrarySession    *self,
                                                         MmlWatcher           *watcher);
MmlWatcher        *mml_library_session_get_watcher      (MmlLibrarySession    *self);
MmlWatchMode       mml_library_session_get_root_mode    (MmlLibrarySession    *self,
                                                         gint64                root_id,
                                                         const char          **reason);

/* --- metadata (mml-library-session-meta.c) ---------------------------------
 *
 * Matching and refreshing series against the primary provider (GSettings
 * "primary-provider", keys from the keyring), one run at a time; the open
 * match conflicts as a model. Properties: "meta-run" (rebuilt when the
 * provider or its keys change), "meta-busy", "meta-fraction", "meta-text",
 * "meta-waiting" (offline with requests waiting). The user's decisions
 * (mml-library-session-conflicts.c): choose a show, ignore a folder, keep
 * (confirm) automatic matches. After metadata writes the
 * session reloads its models (at most every 2 s during a run), so views that
 * follow "notify::totals" or the models see them.
 *
 * Signals:
 *   "meta-finished" (MmlMetaRunSummary *summary (nullable), GError *error (nullable))
 *      after each match or refresh run;
 *   "series-meta-changed" (gint64 series_id) after each metadata write.
 */

MmlHttp           *mml_library_session_get_http           (MmlLibrarySession    *self);
MmlMetaRun        *mml_library_session_get_meta_run       (MmlLibrarySession    *self);
void               mml_library_session_match              (MmlLibrarySession    *self,
                                                           MmlMetaTargets        which,
                                                           gint64                series_id);
void               mml_library_session_refresh            (MmlLibrarySession    *self,
                                                           gboolean              all,
                                                           gint64                series_id);
void               mml_library_session_cancel_meta        (MmlLibrarySession    *self);
gboolean           mml_library_session_get_meta_busy      (MmlLibrarySession    *self);
double             mml_library_session_get_meta_fraction  (MmlLibrarySession    *self);
const char        *mml_library_session_get_meta_text      (MmlLibrarySession    *self);
gboolean           mml_library_session_get_meta_waiting   (MmlLibrarySession    *self);
GListModel        *mml_library_session_get_match_conflicts (MmlLibrarySession   *self);
void               mml_library_session_choose_async       (MmlLibrarySession    *self,
                                                           gint64                series_id,
                                                           gint64                provider_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean           mml_library_session_choose_finish      (MmlLibrarySession    *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void               mml_library_session_ignore_series      (MmlLibrarySession    *self,
                                                           gint64                series_id);
void               mml_library_session_unignore_series    (MmlLibrarySession    *self,
                                                           gint64                series_id);
void               mml_library_session_confirm_series_async  (MmlLibrarySession    *self,
                                                              gint64                series_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean           mml_library_session_confirm_series_finish (MmlLibrarySession    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void               mml_library_session_reload_credentials (MmlLibrarySession    *self);

G_END_DECLS
