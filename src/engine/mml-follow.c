/* mml-follow.c — after files moved: the library follows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place for what every controller that moves files does after: the
 * store renames the rows of the files that moved (they keep their ids,
 * series follow their folders), then the roots touched are rescanned,
 * quickly, to find what else changed meanwhile.  A failure of either is
 * logged, not returned: the files are where they are, and the next scan
 * settles the rows.
 */
#define G_LOG_DOMAIN "mml-follow"

#include "config.h"

#include "mml-engine-private.h"
#include "mml-organize-store.h"

typedef struct
{
  MmlEngine *engine;
  GArray    *roots;     /* gint64: the roots touched */
  guint      next;
} Follow;

static void
follow_free (Follow *follow)
{
  g_clear_pointer (&follow->roots, g_array_unref);
  g_free (follow);
}

static void rescan_next (GTask *task);

static void
rescanned_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_library_controller_scan_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (summary == NULL)
    g_message ("Rescan after files moved failed: %s", error->message);
  rescan_next (task);
}

/* Takes @task */
static void
rescan_next (GTask *task)
{
  Follow *follow = g_task_get_task_data (task);

  if (follow->roots != NULL && follow->next < follow->roots->len)
    {
      gint64 root_id = g_array_index (follow->roots, gint64, follow->next++);

      mml_library_controller_scan_async (mml_engine_get_library (follow->engine), MML_SCAN_QUICK, root_id,
                                         NULL, rescanned_cb, task);
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
followed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Follow *follow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  follow->roots = mml_store_organize_follow_finish (MML_STORE (source), result, &error);
  if (follow->roots == NULL)
    g_message ("The library could not follow the moves: %s", error->message);
  rescan_next (task);
}

/**
 * _mml_engine_follow_moves_async:
 * @moves: (element-type utf8): absolute paths in pairs, from and to, in the
 *   order the files moved (mml_store_organize_follow_async())
 *
 * The store follows @moves, then the roots they touched are rescanned
 * (quick). Never fails; @callback runs when both are over.
 */
void
_mml_engine_follow_moves_async (MmlEngine           *engine,
                                GPtrArray           *moves,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (engine, NULL, callback, user_data);
  Follow *follow = g_new0 (Follow, 1);

  g_task_set_source_tag (task, _mml_engine_follow_moves_async);
  follow->engine = engine;
  g_task_set_task_data (task, follow, (GDestroyNotify) follow_free);
  if (moves == NULL || moves->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  mml_store_organize_follow_async (mml_engine_get_store (engine), moves, NULL, followed_cb, task);
}

void
_mml_engine_follow_moves_finish (MmlEngine    *engine,
                                 GAsyncResult *result)
{
  g_return_if_fail (g_task_is_valid (result, engine));
  g_task_propagate_boolean (G_TASK (result), NULL);
}
