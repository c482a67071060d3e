/* mml-viewing-controller.h — what the user has watched: marks of episodes
 * and the viewing status of each series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-engine.h"
#include "mml-viewing.h"
#include "mml-viewing-store.h"

G_BEGIN_DECLS

#define MML_TYPE_VIEWING_CONTROLLER (mml_viewing_controller_get_type ())

G_DECLARE_FINAL_TYPE (MmlViewingController, mml_viewing_controller, MML, VIEWING_CONTROLLER, GObject)

/* Marks the episodes of @series_id that @spec names watched or not (see
 * mml_store_mark_episodes_async() for what changes). Fails with
 * G_IO_ERROR_NOT_FOUND for a series the library does not have or a spec
 * that names none of its episodes. Emits "changed" when a mark changed. */
void       mml_viewing_controller_mark_async         (MmlViewingController  *self,
                                                      gint64                 series_id,
                                                      const MmlEpisodeSpec  *spec,
                                                      gboolean               watched,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean   mml_viewing_controller_mark_finish        (MmlViewingController  *self,
                                                      GAsyncResult          *result,
                                                      MmlMarkSummary        *summary,
                                                      GError               **error);

/* Sets the viewing status of a series by hand (@has_override), or lets it
 * be derived again. Emits "changed" on success. */
void       mml_viewing_controller_set_status_async   (MmlViewingController  *self,
                                                      gint64                 series_id,
                                                      gboolean               has_override,
                                                      MmlViewingStatus       status,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean   mml_viewing_controller_set_status_finish  (MmlViewingController  *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

G_END_DECLS
