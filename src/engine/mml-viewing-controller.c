/* mml-viewing-controller.c — what the user has watched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controller the GUI, the CLI and (later) the media-server sync call
 * to mark episodes and set a series' viewing status. What a status means
 * is decided in src/core/mml-viewing.c and counted by the series query of
 * src/store; marks are written on the store's writer thread. The statuses
 * themselves are read with the series (MmlSeriesItem).
 */
#define G_LOG_DOMAIN "mml-viewing"

#include "config.h"

#include "mml-engine-private.h"
#include "mml-forward.h"
#include "mml-viewing-controller.h"

struct _MmlViewingController
{
  GObject    parent_instance;

  MmlEngine *engine;   /* owns us */
  MmlStore  *store;
};

G_DEFINE_FINAL_TYPE (MmlViewingController, mml_viewing_controller, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mml_viewing_controller_dispose (GObject *object)
{
  MmlViewingController *self = MML_VIEWING_CONTROLLER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mml_viewing_controller_parent_class)->dispose (object);
}

static void
mml_viewing_controller_class_init (MmlViewingControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_viewing_controller_dispose;

  /**
   * MmlViewingController::changed:
   * @series_id: the series whose marks or status changed
   *
   * Viewing statuses, last watched and up next read before are out of
   * date for that series.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
mml_viewing_controller_init (MmlViewingController *self)
{
}

MmlViewingController *
_mml_viewing_controller_new (MmlEngine *engine)
{
  MmlViewingController *self = g_object_new (MML_TYPE_VIEWING_CONTROLLER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  return self;
}

/* ---- marks ---- */

typedef struct
{
  gint64         series_id;
  MmlMarkSummary summary;
} MarkData;

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MarkData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mml_store_mark_episodes_finish (MML_STORE (source), result, &data->summary, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->summary.changed > 0)
    g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_CHANGED], 0, data->series_id);
  g_task_return_boolean (task, TRUE);
}

void
mml_viewing_controller_mark_async (MmlViewingController *self,
                                   gint64                series_id,
                                   const MmlEpisodeSpec *spec,
                                   gboolean              watched,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  GTask *task;
  MarkData *data;

  g_return_if_fail (MML_IS_VIEWING_CONTROLLER (self));
  g_return_if_fail (spec != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_viewing_controller_mark_async);
  data = g_new0 (MarkData, 1);
  data->series_id = series_id;
  g_task_set_task_data (task, data, g_free);
  mml_store_mark_episodes_async (self->store, series_id, spec, watched, cancellable, marked_cb, task);
}

/**
 * mml_viewing_controller_mark_finish:
 * @summary: (out) (optional): how many episodes the spec named and how
 *   many changed
 */
gboolean
mml_viewing_controller_mark_finish (MmlViewingController  *self,
                                    GAsyncResult          *result,
                                    MmlMarkSummary        *summary,
                                    GError               **error)
{
  MarkData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_viewing_controller_mark_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = data->summary;
  return TRUE;
}

/* ---- the user's status ---- */

static void
status_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_set_viewing_override_finish (MML_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_CHANGED], 0,
                 *(gint64 *) g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
mml_viewing_controller_set_status_async (MmlViewingController *self,
                                         gint64                series_id,
                                         gboolean              has_override,
                                         MmlViewingStatus      status,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_VIEWING_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_viewing_controller_set_status_async);
  g_task_set_task_data (task, g_memdup2 (&series_id, sizeof series_id), g_free);
  mml_store_set_viewing_override_async (self->store, series_id, has_override, status,
                                        cancellable, status_saved_cb, task);
}

gboolean
mml_viewing_controller_set_status_finish (MmlViewingController  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  return _mml_forward_finish_boolean (self, result, mml_viewing_controller_set_status_async, error);
}
