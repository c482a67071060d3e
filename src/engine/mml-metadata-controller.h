/* mml-metadata-controller.h — matching and refreshing series against the
 * primary provider, the open match conflicts, and the user's decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-meta-run.h"
#include "mml-meta-store.h"

G_BEGIN_DECLS

#define MML_TYPE_METADATA_CONTROLLER (mml_metadata_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlMetadataController, mml_metadata_controller, MML, METADATA_CONTROLLER, GObject)

#define MML_ADD_SERIES_ERROR (mml_add_series_error_quark ())

typedef enum {
  MML_ADD_SERIES_ERROR_NO_ROOT,       /* no such library folder */
  MML_ADD_SERIES_ERROR_FOLDER_NAME,   /* the name cannot be a series folder */
  MML_ADD_SERIES_ERROR_TAKEN,         /* the folder is already a series */
  MML_ADD_SERIES_ERROR_MATCH,         /* added, but fetching the show failed */
} MmlAddSeriesError;

GQuark             mml_add_series_error_quark                (void);

/* configuration: the owner (app, CLI, service) says which provider */
MmlMetaProvider    mml_metadata_controller_default_provider  (void);
void               mml_metadata_controller_set_provider      (MmlMetadataController *self,
                                                              MmlMetaProvider        provider);
MmlMetaProvider    mml_metadata_controller_get_provider      (MmlMetadataController *self);
guint              mml_metadata_controller_get_orders        (MmlMetadataController *self);
gboolean           mml_metadata_controller_get_usable        (MmlMetadataController *self);
void               mml_metadata_controller_wait_keys_async   (MmlMetadataController *self,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean           mml_metadata_controller_wait_keys_finish  (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
void               mml_metadata_controller_reload_credentials (MmlMetadataController *self);
void               mml_metadata_controller_set_refresh_interval (MmlMetadataController *self,
                                                                 int                    hours);
gint64             mml_metadata_controller_get_last_refresh  (MmlMetadataController *self);
void               mml_metadata_controller_set_last_refresh  (MmlMetadataController *self,
                                                              gint64                 unix_time);

/* state */
MmlMetaRun        *mml_metadata_controller_get_run           (MmlMetadataController *self);
gboolean           mml_metadata_controller_get_busy          (MmlMetadataController *self);
double             mml_metadata_controller_get_fraction      (MmlMetadataController *self);
const char        *mml_metadata_controller_get_text          (MmlMetadataController *self);
gboolean           mml_metadata_controller_get_waiting       (MmlMetadataController *self);
GListModel        *mml_metadata_controller_get_match_conflicts (MmlMetadataController *self);

/* runs, one at a time */
void               mml_metadata_controller_match             (MmlMetadataController *self,
                                                              MmlMetaTargets         which,
                                                              gint64                 series_id);
void               mml_metadata_controller_refresh           (MmlMetadataController *self,
                                                              gboolean               all,
                                                              gint64                 series_id);
void               mml_metadata_controller_match_async       (MmlMetadataController *self,
                                                              MmlMetaTargets         which,
                                                              gint64                 series_id,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
void               mml_metadata_controller_refresh_async     (MmlMetadataController *self,
                                                              gboolean               all,
                                                              gint64                 series_id,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
MmlMetaRunSummary *mml_metadata_controller_run_finish        (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
void               mml_metadata_controller_cancel            (MmlMetadataController *self);

/* the user's decisions */
void               mml_metadata_controller_choose_async      (MmlMetadataController *self,
                                                              gint64                 series_id,
                                                              gint64                 provider_id,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean           mml_metadata_controller_choose_finish     (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
void               mml_metadata_controller_update_async      (MmlMetadataController *self,
                                                              gint64                 series_id,
                                                              MmlMetaUpdate          what,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean           mml_metadata_controller_update_finish     (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
void               mml_metadata_controller_unconfirm_async   (MmlMetadataController *self,
                                                              const gint64          *series_ids,
                                                              guint                  n_series,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
void               mml_metadata_controller_ignore_series     (MmlMetadataController *self,
                                                              gint64                 series_id);
void               mml_metadata_controller_unignore_series   (MmlMetadataController *self,
                                                              gint64                 series_id);
void               mml_metadata_controller_set_order_async   (MmlMetadataController *self,
                                                              gint64                 series_id,
                                                              MmlEpisodeOrder        order,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean           mml_metadata_controller_set_order_finish  (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);

/* adding a series by search: the one place that decides the folder */
char              *mml_metadata_controller_folder_problem    (MmlMetadataController *self,
                                                              gint64                 root_id,
                                                              const char            *name,
                                                              gint64                 except_series_id);
void               mml_metadata_controller_add_series_async  (MmlMetadataController *self,
                                                              gint64                 root_id,
                                                              gint64                 provider_id,
                                                              const char            *folder,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gint64             mml_metadata_controller_add_series_finish (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              char                 **folder,
                                                              gint64                *existing_id,
                                                              GError               **error);

/* reads */
void               mml_metadata_controller_search_async      (MmlMetadataController *self,
                                                              const char            *title,
                                                              int                    year,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
GPtrArray         *mml_metadata_controller_search_finish     (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
void               mml_metadata_controller_list_series_async  (MmlMetadataController *self,
                                                               gint64                 series_id,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
GPtrArray         *mml_metadata_controller_list_series_finish (MmlMetadataController *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void               mml_metadata_controller_list_episodes_async  (MmlMetadataController *self,
                                                                 MmlEpisodesFilter      filter,
                                                                 gint64                 series_id,
                                                                 guint                  days,
                                                                 gboolean               specials,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
GPtrArray         *mml_metadata_controller_list_episodes_finish (MmlMetadataController *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);
void               mml_metadata_controller_find_matched_async  (MmlMetadataController *self,
                                                                const gint64          *provider_ids,
                                                                guint                  n_ids,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
GPtrArray         *mml_metadata_controller_find_matched_finish (MmlMetadataController *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);

/* Settings' Test button: @keys (nullable) as typed, else the saved ones */
void               mml_metadata_controller_test_async        (MmlMetadataController *self,
                                                              MmlMetaProvider        provider,
                                                              const char            *api_key,
                                                              const char            *pin,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean           mml_metadata_controller_test_finish       (MmlMetadataController *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);

G_END_DECLS
