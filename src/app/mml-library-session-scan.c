/* mml-library-session-scan.c — the session's scan queue and its progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scans run one at a time; a request already queued is not queued twice.
 * After each the models reload, as a cancelled scan keeps the roots it
 * finished.
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "config.h"

#include "mml-format.h"

#include "mml-library-session-private.h"

typedef struct
{
  MmlScanMode mode;
  gint64      root_id;   /* 0: every enabled root */
} ScanRequest;

static void
set_scan_progress (MmlLibrarySession *self,
                   double             fraction,
                   const char        *text)
{
  if (self->scan_fraction != fraction)
    {
      self->scan_fraction = fraction;
      _mml_library_session_notify (self, PROP_SCAN_FRACTION);
    }

  if (g_strcmp0 (self->scan_text, text) != 0)
    {
      g_free (self->scan_text);
      self->scan_text = g_strdup (text);
      _mml_library_session_notify (self, PROP_SCAN_TEXT);
    }
}

static void
scan_progress_cb (guint       done,
                  guint       total,
                  const char *current,
                  gpointer    user_data)
{
  MmlLibrarySession *self = user_data;
  g_autofree char *display = current ? mml_format_path (current) : NULL;

  set_scan_progress (self, total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : 0.0, display);
}

static void
set_scanning (MmlLibrarySession *self,
              gboolean           scanning,
              gint64             root_id)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->scan_root_id != root_id)
    {
      self->scan_root_id = root_id;
      _mml_library_session_notify (self, PROP_SCAN_ROOT_ID);
    }

  if (self->scanning != !!scanning)
    {
      self->scanning = !!scanning;
      _mml_library_session_notify (self, PROP_SCANNING);
    }

  set_scan_progress (self, 0.0, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
scan_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_scan_finish (MML_STORE (object), result, &error);

  g_clear_object (&self->scan_cancellable);
  set_scanning (self, FALSE, 0);

  if (self->shut_down)
    return;

  _mml_library_session_emit_scan_finished (self, summary, error);

  /* A cancelled scan keeps the roots it finished: show them too */
  mml_library_session_reload (self);
  _mml_library_session_start_next_scan (self);
}

/**
 * _mml_library_session_start_next_scan:
 *
 * Starts the next queued scan, unless the store is not open yet, a scan is
 * running or the session is shut down.
 */
void
_mml_library_session_start_next_scan (MmlLibrarySession *self)
{
  g_autofree ScanRequest *next = NULL;
  MmlScanRequest *request;

  if (!self->ready || self->scanning || self->shut_down)
    return;

  if (!(next = g_queue_pop_head (&self->scan_queue)))
    return;

  request = mml_scan_request_new (next->mode);
  if (next->root_id > 0)
    mml_scan_request_set_root (request, next->root_id);
  mml_scan_request_set_progress (request, scan_progress_cb, g_object_ref (self), g_object_unref);

  self->scan_cancellable = g_cancellable_new ();
  set_scanning (self, TRUE, next->root_id);

  mml_scan_async (self->store, request, self->scan_cancellable,
                  scan_finished_cb, g_object_ref (self));
}

/**
 * mml_library_session_scan:
 * @root_id: a root, or 0 for every enabled root
 *
 * Queues a scan; scans run one at a time, and the models reload after each.
 */
void
mml_library_session_scan (MmlLibrarySession *self,
                          MmlScanMode        mode,
                          gint64             root_id)
{
  ScanRequest *request;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  if (self->shut_down)
    return;

  for (GList *l = self->scan_queue.head; l != NULL; l = l->next)
    {
      ScanRequest *queued = l->data;

      if (queued->root_id == root_id && queued->mode == mode)
        return;
    }

  request = g_new0 (ScanRequest, 1);
  request->mode = mode;
  request->root_id = root_id;
  g_queue_push_tail (&self->scan_queue, request);

  _mml_library_session_start_next_scan (self);
}

/**
 * mml_library_session_cancel_scan:
 *
 * Cancels the running scan and drops the queued ones.
 */
void
mml_library_session_cancel_scan (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  g_queue_clear_full (&self->scan_queue, g_free);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
}

gboolean
mml_library_session_get_scanning (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  return self->scanning;
}

/**
 * mml_library_session_get_scan_root_id:
 *
 * Returns: the root being scanned, or 0 when every root is (or none)
 */
gint64
mml_library_session_get_scan_root_id (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), 0);
  return self->scan_root_id;
}

double
mml_library_session_get_scan_fraction (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), 0.0);
  return self->scan_fraction;
}

/**
 * mml_library_session_get_scan_text:
 *
 * Returns: (nullable): the folder being scanned, display-safe
 */
const char *
mml_library_session_get_scan_text (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return self->scan_text;
}
