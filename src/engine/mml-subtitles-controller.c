/* mml-subtitles-controller.c — subtitles of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controller the GUI, the CLI and the background service call for
 * subtitles. What a status means is decided in src/core/mml-subtitles.c
 * and counted in src/store/mml-subtitle-store.c; this adapts them to
 * callers and tells them when something changed ("changed").
 */
#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include "mml-engine-private.h"
#include "mml-forward.h"
#include "mml-subtitles-controller-private.h"

G_DEFINE_FINAL_TYPE (MmlSubtitlesController, mml_subtitles_controller, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_PROGRESS,
  SIGNAL_FETCHED,
  SIGNAL_QUOTA_EXHAUSTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mml_subtitles_controller_dispose (GObject *object)
{
  MmlSubtitlesController *self = MML_SUBTITLES_CONTROLLER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mml_subtitles_controller_parent_class)->dispose (object);
}

static void
mml_subtitles_controller_class_init (MmlSubtitlesControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_subtitles_controller_dispose;

  /**
   * MmlSubtitlesController::changed:
   *
   * The preferred languages or an override changed: statuses read
   * before are out of date.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MmlSubtitlesController::progress:
   * @done: videos handled by the running fetch
   * @total: videos it will handle
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * MmlSubtitlesController::fetched:
   * @series: (array zero-terminated=1): for each subtitle the fetch
   *   downloaded, the title of its series ("" when it has none)
   *
   * A fetch ended having downloaded subtitles.
   */
  signals[SIGNAL_FETCHED] = g_signal_new ("fetched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * MmlSubtitlesController::quota-exhausted:
   * @reset_at: when downloads are allowed again, unix seconds UTC
   *
   * The service refused a download for the quota (a fetch or a single
   * download): nothing is sent before @reset_at.
   */
  signals[SIGNAL_QUOTA_EXHAUSTED] = g_signal_new ("quota-exhausted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

void
_mml_subtitles_controller_emit_changed (MmlSubtitlesController *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
_mml_subtitles_controller_emit_fetched (MmlSubtitlesController *self,
                                        const char * const     *series)
{
  g_signal_emit (self, signals[SIGNAL_FETCHED], 0, series);
}

void
_mml_subtitles_controller_emit_quota_exhausted (MmlSubtitlesController *self,
                                                gint64                  reset_at)
{
  g_signal_emit (self, signals[SIGNAL_QUOTA_EXHAUSTED], 0, reset_at);
}

void
_mml_subtitles_controller_emit_progress (MmlSubtitlesController *self,
                                         guint                   done,
                                         guint                   total)
{
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, done, total);
}

static void
mml_subtitles_controller_init (MmlSubtitlesController *self)
{
}

MmlSubtitlesController *
_mml_subtitles_controller_new (MmlEngine *engine)
{
  MmlSubtitlesController *self = g_object_new (MML_TYPE_SUBTITLES_CONTROLLER, NULL);

  self->engine = engine;
  self->store = g_object_ref (mml_engine_get_store (engine));
  return self;
}

void
_mml_subtitles_controller_shutdown (MmlSubtitlesController *self)
{
}

/* ---- languages ---- */

void
mml_subtitles_controller_get_languages_async (MmlSubtitlesController *self,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = _mml_forward_new (self, mml_subtitles_controller_get_languages_async,
                           (MmlForwardFinish) mml_store_get_subtitle_languages_finish,
                           (GDestroyNotify) g_strfreev, cancellable, callback, user_data);
  mml_store_get_subtitle_languages_async (self->store, cancellable, _mml_forward_cb, task);
}

char **
mml_subtitles_controller_get_languages_finish (MmlSubtitlesController  *self,
                                               GAsyncResult            *result,
                                               GError                 **error)
{
  return _mml_forward_finish (self, result, mml_subtitles_controller_get_languages_async, error);
}

static void
languages_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **langs = mml_store_get_subtitle_languages_finish (MML_STORE (source), result, &error);

  if (langs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_CHANGED], 0);
  g_task_return_pointer (task, langs, (GDestroyNotify) g_strfreev);
}

static void
languages_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!mml_store_set_preference_finish (MML_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* read back: the default when the list was emptied (the cancellable
   * first: arguments are evaluated in no set order) */
  cancellable = g_task_get_cancellable (task);
  mml_store_get_subtitle_languages_async (MML_STORE (source), cancellable,
                                          languages_read_cb, g_steal_pointer (&task));
}

void
mml_subtitles_controller_set_languages_async (MmlSubtitlesController *self,
                                              const char * const     *words,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *value = NULL;
  GError *error = NULL;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_set_languages_async);

  if (!(value = mml_subtitle_languages_normalise (words, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  mml_store_set_preference_async (self->store, MML_PREF_SUBTITLE_LANGUAGES,
                                  value[0] ? value : NULL,
                                  cancellable, languages_saved_cb, g_steal_pointer (&task));
}

char **
mml_subtitles_controller_set_languages_finish (MmlSubtitlesController  *self,
                                               GAsyncResult            *result,
                                               GError                 **error)
{
  return _mml_forward_finish (self, result, mml_subtitles_controller_set_languages_async, error);
}

/* ---- status and tracks ---- */

void
mml_subtitles_controller_status_async (MmlSubtitlesController *self,
                                       gint64                  series_id,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = _mml_forward_new (self, mml_subtitles_controller_status_async,
                           (MmlForwardFinish) mml_store_subtitle_status_finish,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
  mml_store_subtitle_status_async (self->store, series_id, cancellable, _mml_forward_cb, task);
}

GPtrArray *
mml_subtitles_controller_status_finish (MmlSubtitlesController  *self,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  return _mml_forward_finish (self, result, mml_subtitles_controller_status_async, error);
}

void
mml_subtitles_controller_list_async (MmlSubtitlesController *self,
                                     gint64                  series_id,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = _mml_forward_new (self, mml_subtitles_controller_list_async,
                           (MmlForwardFinish) mml_store_subtitle_list_finish,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
  mml_store_subtitle_list_async (self->store, series_id, cancellable, _mml_forward_cb, task);
}

GPtrArray *
mml_subtitles_controller_list_finish (MmlSubtitlesController  *self,
                                      GAsyncResult            *result,
                                      GError                 **error)
{
  return _mml_forward_finish (self, result, mml_subtitles_controller_list_async, error);
}

/* ---- overrides ---- */

static void
override_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_store_set_subtitle_override_finish (MML_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_CHANGED], 0);
  g_task_return_boolean (task, TRUE);
}

void
mml_subtitles_controller_set_override_async (MmlSubtitlesController *self,
                                             gint64                  series_id,
                                             gboolean                has_override,
                                             MmlSubtitleStatus       status,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_set_override_async);
  mml_store_set_subtitle_override_async (self->store, series_id, has_override, status,
                                         cancellable, override_saved_cb, task);
}

gboolean
mml_subtitles_controller_set_override_finish (MmlSubtitlesController  *self,
                                              GAsyncResult            *result,
                                              GError                 **error)
{
  return _mml_forward_finish_boolean (self, result, mml_subtitles_controller_set_override_async, error);
}

/* ---- the preferences' spellings, once ---- */

MmlSubtitleCodeStyle
_mml_subtitle_code_style_from_pref (const char *pref)
{
  return g_strcmp0 (pref, "639-1") == 0 ? MML_SUBTITLE_CODE_ISO639_1 : MML_SUBTITLE_CODE_ISO639_2B;
}

const char *
_mml_subtitle_code_style_to_pref (MmlSubtitleCodeStyle style)
{
  return style == MML_SUBTITLE_CODE_ISO639_1 ? "639-1" : "639-2";
}

gint64
_mml_subtitle_quota_stopped_until (const char *pref)
{
  gint64 until = pref != NULL ? g_ascii_strtoll (pref, NULL, 10) : 0;

  return until > g_get_real_time () / G_USEC_PER_SEC ? until : 0;
}
