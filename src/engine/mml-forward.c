/* mml-forward.c — a controller's async call answered by a store call
 * (see mml-forward.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mml-forward.h"

typedef struct
{
  MmlForwardFinish        finish;
  MmlForwardFinishBoolean finish_boolean;
  GDestroyNotify          result_free;
} Forward;

GTask *
_mml_forward_new (gpointer             self,
                  gpointer             source_tag,
                  MmlForwardFinish     finish,
                  GDestroyNotify       result_free,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Forward *forward = g_new0 (Forward, 1);

  forward->finish = finish;
  forward->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, forward, g_free);
  return task;
}

GTask *
_mml_forward_new_boolean (gpointer                 self,
                          gpointer                 source_tag,
                          MmlForwardFinishBoolean  finish,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  GTask *task = _mml_forward_new (self, source_tag, NULL, NULL, cancellable, callback, user_data);
  Forward *forward = g_task_get_task_data (task);

  forward->finish_boolean = finish;
  return task;
}

void
_mml_forward_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Forward *forward = g_task_get_task_data (task);
  GError *error = NULL;

  if (forward->finish_boolean != NULL)
    {
      if (!forward->finish_boolean (source, result, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
    }
  else
    {
      gpointer value = forward->finish (source, result, &error);

      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, value, forward->result_free);
    }
}

gpointer
_mml_forward_finish (gpointer       self,
                     GAsyncResult  *result,
                     gpointer       source_tag,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_mml_forward_finish_boolean (gpointer       self,
                             GAsyncResult  *result,
                             gpointer       source_tag,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
