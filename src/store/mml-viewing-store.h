/* mml-viewing-store.h — marks of watched episodes and the user's viewing
 * status of a series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-store.h"
#include "mml-viewing.h"

G_BEGIN_DECLS

/* What a mark did */
typedef struct
{
  guint  selected;   /* episodes the spec named */
  guint  changed;    /* of them, those whose mark changed */
} MmlMarkSummary;

/*
 * Marks the episodes of @series_id that @spec names watched or not:
 *
 *  - watched: each one not watched yet becomes watched now (the store's
 *    clock, mml_clock_get_day_now()), with one more play; a spec of one
 *    episode marks it even when it is watched already (a re-watch: one
 *    more play, the new time) or has not aired; a spec of several marks
 *    only those that count (MML_EPISODE_WATCHABLE: nothing still to air);
 *  - unwatched: each one becomes unwatched, without a time or plays.
 *
 * Fails with G_IO_ERROR_NOT_FOUND when there is no such series, or when
 * the spec names no episode of it.
 */
void     mml_store_mark_episodes_async       (MmlStore              *self,
                                              gint64                 series_id,
                                              const MmlEpisodeSpec  *spec,
                                              gboolean               watched,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean mml_store_mark_episodes_finish      (MmlStore              *self,
                                              GAsyncResult          *result,
                                              MmlMarkSummary        *summary,
                                              GError               **error);

/* Sets (@has_override) or clears the user's viewing status of a series.
 * Fails with G_IO_ERROR_NOT_FOUND when there is no such series. */
void     mml_store_set_viewing_override_async  (MmlStore            *self,
                                                gint64               series_id,
                                                gboolean             has_override,
                                                MmlViewingStatus     status,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean mml_store_set_viewing_override_finish (MmlStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
