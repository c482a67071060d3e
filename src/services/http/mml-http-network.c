/* mml-http-network.c — MmlHttp and the network: what the monitor says
 * (the `online` property), which requests may go out, and what happens to
 * the others — failed at once (OFFLINE), or, with wait_for_network, held
 * in self->offline and requeued in order when the network is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-http-private.h"

gboolean
_mml_http_is_loopback (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0
         || g_str_has_prefix (host, "127.")
         || strcmp (host, "::1") == 0;
}

static void network_changed_cb (GNetworkMonitor *monitor,
                                gboolean         available,
                                gpointer         user_data);
static void update_online      (MmlHttp         *self);

static void
set_monitor (MmlHttp         *self,
             GNetworkMonitor *monitor,
             gboolean         injected)
{
  self->monitor_injected = injected;
  if (self->monitor == monitor)
    return;
  g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  self->monitor_handler = g_signal_connect_object (monitor, "network-changed",
                                                   G_CALLBACK (network_changed_cb), self, 0);
}

static GNetworkMonitor *
get_monitor (MmlHttp *self)
{
  if (self->monitor == NULL)
    {
      set_monitor (self, g_network_monitor_get_default (), FALSE);
      update_online (self);
    }
  return self->monitor;
}

gboolean
_mml_http_is_offline (MmlHttp    *self,
                      MmlHttpJob *r)
{
  GNetworkMonitor *monitor = get_monitor (self);

  /* The system monitor may say "offline" while a local fake server (tests,
   * MML_*_URL pointing at 127.0.0.1) is reachable: trust it for real hosts. */
  return (self->monitor_injected || !r->loopback)
         && !g_network_monitor_get_network_available (monitor);
}

GError *
_mml_http_offline_error (MmlHttp    *self,
               MmlHttpJob *r)
{
  return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE,
                      _("You are offline: %s cannot be reached until the network is back"),
                      _mml_http_host_label (r));
}

static void
update_online (MmlHttp *self)
{
  gboolean online = g_network_monitor_get_network_available (get_monitor (self));

  if (online == self->online)
    return;
  self->online = online;
  _mml_http_online_changed (self);
}

/* The network is back (for some hosts at least): requeue, in order, every
 * request waiting for it that may go now. */
static void
resume_offline (MmlHttp *self)
{
  g_autoptr(GQueue) resumed = g_queue_new ();
  GList *l = self->offline.head;
  GTask *task;

  while (l != NULL)
    {
      GList *following = l->next;
      MmlHttpJob *r = g_task_get_task_data (l->data);

      if (!_mml_http_is_offline (self, r))
        {
          g_queue_unlink (&self->offline, l);
          g_queue_push_tail_link (resumed, l);
        }
      l = following;
    }
  if (g_queue_is_empty (resumed))
    return;
  _mml_http_waiting_changed (self);
  while ((task = g_queue_pop_head (resumed)) != NULL)
    {
      MmlHttpJob *r = g_task_get_task_data (task);

      g_debug ("%s: the network is back", r->redacted);
      _mml_http_enqueue (task, FALSE);
    }
}

/* Fail, or with wait_for_network move to self->offline, every request of
 * @queue (self->waiting or self->offline) that cannot go out now. */
static void
handle_offline (MmlHttp *self,
                GQueue  *queue)
{
  GList *l = queue->head;
  gboolean moved = FALSE;

  while (l != NULL)
    {
      GList *following = l->next;
      MmlHttpJob *r = g_task_get_task_data (l->data);

      if (_mml_http_is_offline (self, r))
        {
          if (self->wait_for_network && queue == &self->waiting)
            {
              g_queue_unlink (queue, l);
              g_queue_push_tail_link (&self->offline, l);
              r->state = MML_HTTP_STATE_OFFLINE;
              moved = TRUE;
            }
          else if (!self->wait_for_network)
            _mml_http_request_complete (r, NULL, _mml_http_offline_error (self, r));   /* unlinks l */
        }
      l = following;
    }
  if (moved)
    _mml_http_waiting_changed (self);
}

/* The monitor (or its verdict) changed: notify, and fail, hold or resume
 * the requests that wait. */
static void
network_state_changed (MmlHttp *self)
{
  g_autoptr(MmlHttp) hold = g_object_ref (self);  /* completing may drop the last other ref */

  g_object_freeze_notify (G_OBJECT (self));
  update_online (self);
  if (g_network_monitor_get_network_available (get_monitor (self)))
    resume_offline (self);
  else
    handle_offline (self, &self->waiting);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  network_state_changed (MML_HTTP (user_data));
}

void
mml_http_set_network_monitor (MmlHttp         *self,
                              GNetworkMonitor *monitor)
{
  g_return_if_fail (MML_IS_HTTP (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (monitor != NULL && self->monitor == monitor)
    return;
  /* NULL: back to the default monitor, with its trust rules */
  if (monitor == NULL)
    set_monitor (self, g_network_monitor_get_default (), FALSE);
  else
    set_monitor (self, monitor, TRUE);
  network_state_changed (self);
}

void
mml_http_set_wait_for_network (MmlHttp  *self,
                               gboolean  wait)
{
  g_autoptr(MmlHttp) hold = NULL;

  g_return_if_fail (MML_IS_HTTP (self));

  wait = !!wait;
  if (self->wait_for_network == wait)
    return;
  self->wait_for_network = wait;
  if (!wait && !g_queue_is_empty (&self->offline))
    {
      hold = g_object_ref (self);   /* completing may drop the last other ref */
      g_object_freeze_notify (G_OBJECT (self));
      handle_offline (self, &self->offline);
      /* Those the monitor would now let through (it changed under us). */
      resume_offline (self);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

gboolean
mml_http_get_online (MmlHttp *self)
{
  g_return_val_if_fail (MML_IS_HTTP (self), FALSE);

  get_monitor (self);
  return self->online;
}

guint
mml_http_get_waiting (MmlHttp *self)
{
  g_return_val_if_fail (MML_IS_HTTP (self), 0);

  return self->offline.length;
}
