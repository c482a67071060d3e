/* mml-http-request.c — one request of the HTTP layer once it leaves the
 * queue: an attempt on the SoupSession, the body read in chunks up to the
 * limit, the verdict on the status (done, retry with backoff, fail), then
 * parsing on a worker thread. See mml-http.c for the states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-http"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mml-http-private.h"

#define READ_CHUNK               (64 * 1024)
#define STATUS_TOO_MANY_REQUESTS 429   /* not named by libsoup 3.2 */

void
_mml_http_request_free (gpointer data)
{
  MmlHttpJob *r = data;

  g_assert (r->task == NULL);
  g_assert (r->timer == NULL && r->cancel_source == NULL);
  g_free (r->url);
  g_free (r->redacted);
  g_free (r->host);
  g_free (r->method);
  g_strfreev (r->headers);
  g_clear_pointer (&r->req_body, g_bytes_unref);
  g_free (r->req_content_type);
  g_free (r->cache_path);
  g_clear_pointer (&r->cached, _mml_http_cache_entry_free);
  g_free (r->final_url);
  g_free (r->location);
  g_free (r->etag);
  g_free (r->last_modified);
  g_clear_pointer (&r->response_headers, soup_message_headers_unref);
  g_free (r->content_type);
  g_clear_object (&r->msg);
  g_clear_object (&r->stream);
  g_clear_pointer (&r->body, g_byte_array_unref);
  g_clear_object (&r->attempt_cancellable);
  g_clear_error (&r->last_error);
  g_free (r);
}

/* The result of a request: a JsonNode, or GBytes for a raw request. */
void
_mml_http_result_free (MmlHttpJob *r,
                       gpointer    value)
{
  if (value == NULL)
    return;
  if (r->raw)
    g_bytes_unref (value);
  else
    json_node_unref (value);
}

/* Complete the task with @node (owned: a JsonNode, or GBytes for a raw
 * request, made an MmlHttpResponse for mml_http_send_async(); NULL only for
 * a kept redirect of a JSON request) or @error (owned). */
void
_mml_http_request_complete (MmlHttpJob *r,
                            gpointer    node,
                            GError     *error)
{
  GTask *task = g_steal_pointer (&r->task);

  g_assert (r->state != MML_HTTP_STATE_DONE);
  g_assert (node == NULL || error == NULL);
  if (r->state == MML_HTTP_STATE_WAITING)
    g_queue_remove (&r->self->waiting, task);
  else if (r->state == MML_HTTP_STATE_OFFLINE
           && g_queue_remove (&r->self->offline, task))
    _mml_http_waiting_changed (r->self);
  r->state = MML_HTTP_STATE_DONE;
  _mml_http_clear_source (&r->timer);
  _mml_http_clear_source (&r->cancel_source);

  if (error == NULL)
    {
      GDestroyNotify destroy = r->raw ? (GDestroyNotify) g_bytes_unref
                                      : (GDestroyNotify) json_node_unref;

      g_debug ("%s: done (HTTP %u%s)", r->redacted, r->status,
               r->from_cache ? ", from the cache" : "");
      if (r->response)
        {
          g_autoptr(GBytes) body = node;

          g_assert (body != NULL);
          node = _mml_http_response_new (r, body);
          destroy = (GDestroyNotify) mml_http_response_unref;
        }
      g_task_return_pointer (task, node, destroy);
    }
  else
    {
      g_debug ("%s: failed: %s", r->redacted, error->message);
      g_task_return_error (task, error);
    }
  g_object_unref (task);
}

gboolean
_mml_http_user_cancelled (MmlHttpJob *r)
{
  return g_cancellable_is_cancelled (g_task_get_cancellable (r->task));
}

GError *
_mml_http_cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
}

static void
parse_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MmlHttpJob *r = user_data;
  GError *error = NULL;
  gpointer node = g_task_propagate_pointer (G_TASK (result), &error);

  if (_mml_http_user_cancelled (r))
    {
      _mml_http_result_free (r, node);
      g_clear_error (&error);
      _mml_http_request_complete (r, NULL, _mml_http_cancelled_error ());
      return;
    }
  _mml_http_request_complete (r, node, error);
}

static void
parse_body (MmlHttpJob *r,
            GBytes     *body,
            gboolean    from_cache)
{
  g_autoptr(GTask) inner = g_task_new (r->self, NULL, parse_done, r);
  MmlHttpParseJob *job = g_new0 (MmlHttpParseJob, 1);

  r->state = MML_HTTP_STATE_PARSING;
  r->from_cache = from_cache;
  job->body = g_bytes_ref (body);
  job->lenient = MML_HTTP_STATUS_IS_KEPT_REDIRECT (r->status);
  job->raw = r->raw;
  job->label = g_strdup (_mml_http_host_label (r->self, r->host));
  /* Only what a later request may be given instead: a success, or a
   * redirect kept on purpose; never a 4xx/5xx read with any_status. */
  if (r->cache_path != NULL
      && (SOUP_STATUS_IS_SUCCESSFUL (r->status)
          || (r->no_redirect && MML_HTTP_STATUS_IS_KEPT_REDIRECT (r->status))))
    {
      const char *type = r->response_headers != NULL
                         ? soup_message_headers_get_one (r->response_headers, "Content-Type")
                         : NULL;

      job->cache_path = g_strdup (r->cache_path);
      job->entry = g_new0 (MmlHttpCacheEntry, 1);
      job->entry->body = g_bytes_ref (body);
      job->entry->fetched = g_get_real_time () / G_USEC_PER_SEC;
      job->entry->etag = g_strdup (r->etag);
      job->entry->last_modified = g_strdup (r->last_modified);
      job->entry->content_type = g_strdup (type != NULL ? type : r->content_type);
      if (from_cache && r->cached != NULL)
        {
          /* a 304 may omit the validators: keep the ones we had */
          if (job->entry->etag == NULL)
            job->entry->etag = g_strdup (r->cached->etag);
          if (job->entry->last_modified == NULL)
            job->entry->last_modified = g_strdup (r->cached->last_modified);
        }
      if (g_strcmp0 (r->final_url, r->url) != 0)
        job->entry->final_url = g_strdup (r->final_url);
      if (job->lenient)
        {
          job->entry->status = r->status;
          job->entry->location = g_strdup (r->location);
        }
    }
  g_task_set_source_tag (inner, parse_body);
  g_task_set_task_data (inner, job, _mml_http_parse_job_free);
  g_task_run_in_thread (inner, _mml_http_parse_worker);
}

/* --- retries ---------------------------------------------------------- */

/* The end of an attempt, whatever its outcome: give the slot back. */
static void
attempt_end (MmlHttpJob *r)
{
  MmlHttp *self = r->self;

  g_assert (r->state == MML_HTTP_STATE_IN_FLIGHT);
  g_assert (self->active > 0);
  self->active--;
  _mml_http_clear_source (&r->timer);
  if (r->stream != NULL)
    {
      /* Closing skips the rest of the body; a cancelled cancellable makes
       * libsoup drop the connection instead of reading it. */
      if (!g_input_stream_is_closed (r->stream) && !g_input_stream_has_pending (r->stream))
        {
          g_cancellable_cancel (r->attempt_cancellable);
          g_input_stream_close (r->stream, r->attempt_cancellable, NULL);
        }
      g_clear_object (&r->stream);
    }
  g_clear_object (&r->msg);
  g_clear_object (&r->attempt_cancellable);
  g_clear_pointer (&r->body, g_byte_array_unref);
}

static gboolean
backoff_done_cb (gpointer user_data)
{
  MmlHttpJob *r = user_data;

  _mml_http_clear_source (&r->timer);
  _mml_http_enqueue (r->task, TRUE);
  return G_SOURCE_REMOVE;
}

/* The attempt failed with @error (owned), which is worth another try;
 * @retry_after_ms is the server's Retry-After, or 0. */
static void
attempt_retry (MmlHttpJob *r,
               GError     *error,
               guint       retry_after_ms)
{
  g_autoptr(MmlHttp) self = g_object_ref (r->self);   /* completing may free r */
  guint delay;

  attempt_end (r);

  if (_mml_http_user_cancelled (r))
    {
      g_error_free (error);
      _mml_http_request_complete (r, NULL, _mml_http_cancelled_error ());
      _mml_http_pump (self);
      return;
    }
  if (r->retries >= self->max_retries || !r->may_resend)
    {
      _mml_http_request_complete (r, NULL, error);
      _mml_http_pump (self);
      return;
    }
  if (retry_after_ms > self->max_delay_ms)
    {
      /* Waiting that long silently would look like a hang: say so. */
      g_prefix_error (&error, "(The server asked to wait %u s.) ",
                      (retry_after_ms + 999) / 1000);
      _mml_http_request_complete (r, NULL, error);
      _mml_http_pump (self);
      return;
    }

  if (retry_after_ms > 0)
    delay = retry_after_ms;
  else
    {
      guint64 full = (guint64) self->base_delay_ms << MIN (r->retries, 20u);

      full = MIN (full, (guint64) self->max_delay_ms);
      delay = (guint) (full / 2 + g_random_int_range (0, (gint32) MIN (full / 2, (guint64) G_MAXINT32) + 1));
    }
  r->retries++;
  g_debug ("%s: %s; retry %u of %u in %u ms", r->redacted, error->message,
           r->retries, self->max_retries, delay);
  g_clear_error (&r->last_error);
  r->last_error = error;
  r->state = MML_HTTP_STATE_BACKOFF;
  r->timer = _mml_http_attach_timeout (self, delay, backoff_done_cb, r);
  _mml_http_pump (self);
}

/* The attempt could not connect (@error, owned) and the monitor now says
 * offline: wait for the network, then try again; not counted as a retry. */
static void
attempt_wait_for_network (MmlHttpJob *r,
                          GError     *error)
{
  g_autoptr(MmlHttp) self = g_object_ref (r->self);   /* completing may free r */

  attempt_end (r);
  g_debug ("%s: %s; the network is gone", r->redacted, error->message);
  g_error_free (error);
  _mml_http_enqueue (r->task, TRUE);   /* to self->offline */
  _mml_http_pump (self);
}

/* The attempt ended for good with @error (owned), or with a body to parse. */
static void
attempt_fail (MmlHttpJob *r,
              GError     *error)
{
  g_autoptr(MmlHttp) self = g_object_ref (r->self);   /* completing may free r */

  attempt_end (r);
  _mml_http_request_complete (r, NULL, error);
  _mml_http_pump (self);
}

/* A transport error (no HTTP status): cancelled, timed out or cannot connect. */
static void
attempt_io_error (MmlHttpJob *r,
                  GError     *error)
{
  MmlHttp *self = r->self;
  const char *label = _mml_http_host_label (self, r->host);

  if (_mml_http_user_cancelled (r))
    {
      g_error_free (error);
      attempt_fail (r, _mml_http_cancelled_error ());
    }
  else if (self->wait_for_network && r->may_resend && error->domain != G_TLS_ERROR
           && _mml_http_is_offline (self, r))
    attempt_wait_for_network (r, error);
  else if (r->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_error_free (error);
      attempt_retry (r, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT,
                                     _("%s did not answer within %u seconds; try again later"),
                                     label, self->timeout_s), 0);
    }
  else if (error->domain == G_TLS_ERROR)
    {
      GError *mine = g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT,
                                  _("Cannot connect securely to %s: %s"), label, error->message);

      g_error_free (error);
      attempt_fail (r, mine);
    }
  else
    {
      GError *mine = g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT,
                                  _("Cannot connect to %s: %s"), label, error->message);

      g_error_free (error);
      attempt_retry (r, mine, 0);
    }
}

/* --- one attempt ------------------------------------------------------ */

static void read_next (MmlHttpJob *r);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MmlHttpJob *r = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_autoptr(GBytes) body = NULL;

  if (chunk == NULL)
    {
      attempt_io_error (r, error);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (r->body->len + g_bytes_get_size (chunk) > (r->max_body ? r->max_body : r->self->max_body))
        {
          g_autofree char *limit = g_format_size (r->max_body ? r->max_body : r->self->max_body);

          attempt_fail (r, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE,
                                        _("%s sent a reply larger than %s; it was not read"),
                                        _mml_http_host_label (r->self, r->host), limit));
          return;
        }
      g_byte_array_append (r->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_next (r);
      return;
    }

  /* End of the body: the connection may be reused. */
  g_input_stream_close (r->stream, NULL, NULL);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&r->body));
  attempt_end (r);
  _mml_http_pump (r->self);
  parse_body (r, body, FALSE);
}

static void
read_next (MmlHttpJob *r)
{
  g_input_stream_read_bytes_async (r->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   r->attempt_cancellable, read_cb, r);
}

static GError *
status_error (MmlHttpJob *r,
              guint       status)
{
  const char *label = _mml_http_host_label (r->self, r->host);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                          _("%s refused the request (HTTP %u): the API key or token is missing or wrong"),
                          label, status);
    case SOUP_STATUS_NOT_FOUND:
    case SOUP_STATUS_GONE:
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND,
                          _("%s has no such item (HTTP %u)"), label, status);
    case STATUS_TOO_MANY_REQUESTS:
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA,
                          _("%s is rate limiting us; try again in a minute"), label);
    default:
      if (status >= 500)
        return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                            _("%s is having trouble (HTTP %u); try again later"), label, status);
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                          _("%s sent an unexpected reply (HTTP %u)"), label, status);
    }
}

/* Whether a 429/5xx answer (with @retry_after_ms, or 0) leads to another
 * attempt; see attempt_retry(). */
static gboolean
will_retry (MmlHttpJob *r,
            guint       retry_after_ms)
{
  return r->may_resend && r->retries < r->self->max_retries
         && retry_after_ms <= r->self->max_delay_ms;
}

/* The reply is the result: read its body, up to the limit. */
static void
read_reply (MmlHttpJob *r)
{
  MmlHttp *self = r->self;
  SoupMessageHeaders *headers = soup_message_get_response_headers (r->msg);
  gsize limit = r->max_body ? r->max_body : self->max_body;

  /* A HEAD reply announces the length of a body it does not have. */
  if (r->method_id != MML_HTTP_METHOD_HEAD
      && soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) limit)
    {
      g_autofree char *text = g_format_size (limit);

      attempt_fail (r, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE,
                                    _("%s sent a reply larger than %s; it was not read"),
                                    _mml_http_host_label (self, r->host), text));
      return;
    }
  g_clear_pointer (&r->etag, g_free);
  g_clear_pointer (&r->last_modified, g_free);
  if (r->ttl > 0)
    {
      r->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      r->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
    }
  r->body = g_byte_array_new ();
  read_next (r);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MmlHttpJob *r = user_data;
  MmlHttp *self = r->self;
  GError *error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  r->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (r->stream == NULL)
    {
      attempt_io_error (r, error);
      return;
    }
  if (_mml_http_user_cancelled (r))
    {
      attempt_fail (r, _mml_http_cancelled_error ());
      return;
    }

  status = r->status = soup_message_get_status (r->msg);
  headers = soup_message_get_response_headers (r->msg);
  g_clear_pointer (&r->response_headers, soup_message_headers_unref);
  r->response_headers = soup_message_headers_ref (headers);
  g_free (r->final_url);
  r->final_url = g_uri_to_string (soup_message_get_uri (r->msg));

  if (status == SOUP_STATUS_NOT_MODIFIED && r->cached != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_ref (r->cached->body);

      g_free (r->etag);
      r->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      g_free (r->last_modified);
      r->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
      if (r->cached->final_url != NULL)
        {
          g_free (r->final_url);
          r->final_url = g_strdup (r->cached->final_url);
        }
      g_free (r->location);
      r->location = g_strdup (r->cached->location);
      g_free (r->content_type);
      r->content_type = g_strdup (r->cached->content_type);
      attempt_end (r);
      _mml_http_pump (self);
      r->status = r->cached->status != 0 ? r->cached->status : SOUP_STATUS_OK;
      parse_body (r, body, TRUE);
      return;
    }

  if ((r->no_redirect || r->any_status) && MML_HTTP_STATUS_IS_KEPT_REDIRECT (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) resolved = NULL;

      g_free (r->location);
      r->location = NULL;
      if (location != NULL
          && (resolved = g_uri_parse_relative (soup_message_get_uri (r->msg), location,
                                               SOUP_HTTP_URI_FLAGS, NULL)) != NULL)
        r->location = g_uri_to_string (resolved);
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status)
      || (r->no_redirect && MML_HTTP_STATUS_IS_KEPT_REDIRECT (status)))
    {
      read_reply (r);
      return;
    }

  if (status == STATUS_TOO_MANY_REQUESTS || status >= 500)
    {
      guint retry_after_ms = 0;

      if (_mml_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                       g_get_real_time () / G_USEC_PER_SEC, &retry_after_ms)
          && retry_after_ms > 0)
        {
          /* The whole host waits, not only this request. */
          MmlHttpHost *host = _mml_http_host_get (self, r->host);

          host->not_before = MAX (host->not_before,
                                  g_get_monotonic_time () + (gint64) retry_after_ms * 1000);
        }
      if (!r->any_status || _mml_http_user_cancelled (r) || will_retry (r, retry_after_ms))
        {
          attempt_retry (r, status_error (r, status), retry_after_ms);
          return;
        }
    }
  else if (!r->any_status)
    {
      attempt_fail (r, status_error (r, status));
      return;
    }

  /* any_status: the last reply, whatever it says, is the response. */
  read_reply (r);
}

static gboolean
attempt_timeout_cb (gpointer user_data)
{
  MmlHttpJob *r = user_data;

  _mml_http_clear_source (&r->timer);
  r->timed_out = TRUE;
  g_cancellable_cancel (r->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

void
_mml_http_request_start (GTask *task)
{
  MmlHttpJob *r = g_task_get_task_data (task);
  MmlHttp *self = r->self;
  SoupMessageHeaders *headers;

  r->state = MML_HTTP_STATE_IN_FLIGHT;
  self->active++;
  self->requests_sent++;
  r->timed_out = FALSE;
  r->status = 0;
  g_clear_error (&r->last_error);

  r->msg = soup_message_new (r->method, r->url);
  g_assert (r->msg != NULL);   /* the URL was checked up front */
  if (r->no_redirect)
    soup_message_add_flags (r->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (r->msg);
  if (!r->response)
    soup_message_headers_replace (headers, "Accept", r->raw ? "image/*, */*;q=0.5" : "application/json");
  /* checked up front by _mml_http_header_ok(): soup would log a bad value */
  for (guint i = 0; r->headers != NULL && r->headers[i] != NULL && r->headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (headers, r->headers[i], r->headers[i + 1]);
  if (r->cached != NULL && r->cached->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", r->cached->etag);
  if (r->cached != NULL && r->cached->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", r->cached->last_modified);
  if (r->req_body != NULL)
    soup_message_set_request_body_from_bytes (r->msg, r->req_content_type, r->req_body);

  r->attempt_cancellable = g_cancellable_new ();
  r->timer = _mml_http_attach_timeout (self, self->timeout_s * 1000, attempt_timeout_cb, r);
  g_debug ("%s %s (attempt %u)", r->method, r->redacted, r->retries + 1);
  soup_session_send_async (self->session, r->msg, G_PRIORITY_DEFAULT,
                           r->attempt_cancellable, send_cb, r);
}
