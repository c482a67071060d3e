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
/* The body of a redirect is read (so that the connection is kept) up to
 * this; a longer one is dropped with its connection. */
#define REDIRECT_BODY_MAX        (64 * 1024)

static void parse_pump (MmlHttp *self);

void
_mml_http_request_free (gpointer data)
{
  MmlHttpJob *r = data;

  g_assert (r->task == NULL);
  g_assert (r->timer == NULL && r->cancel_source == NULL);
  g_free (r->url);
  g_free (r->redacted);
  g_free (r->host);
  g_free (r->key);
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
  g_free (r->hop_url);
  g_free (r->hop_key);
  g_free (r->redirect_to);
  g_clear_pointer (&r->pending_parse, _mml_http_parse_job_free);
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
  MmlHttp *self = r->self;    /* alive while the task is */

  g_assert (r->state != MML_HTTP_STATE_DONE);
  g_assert (node == NULL || error == NULL);
  if (r->state == MML_HTTP_STATE_WAITING)
    g_queue_remove (&self->waiting, task);
  else if (r->state == MML_HTTP_STATE_OFFLINE
           && g_queue_remove (&self->offline, task))
    _mml_http_waiting_changed (self);
  else if (r->state == MML_HTTP_STATE_PARSE_WAITING)
    {
      g_queue_remove (&self->parse_waiting, task);
      g_clear_pointer (&r->pending_parse, _mml_http_parse_job_free);
    }
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
  /* The tree is the caller's now, and its callback has run (GTask calls
   * it at once from a later iteration): its values no longer count. */
  if (r->parse_cost > 0)
    {
      self->parse_used -= r->parse_cost;
      r->parse_cost = 0;
    }
  parse_pump (self);
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

/* --- parsing, within the budget ------------------------------------ */

static void
parse_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MmlHttpJob *r = user_data;
  MmlHttp *self = r->self;
  MmlHttpParseJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gpointer node = g_task_propagate_pointer (G_TASK (result), &error);

  _mml_http_cache_written (self, job->written);
  if (_mml_http_user_cancelled (r))
    {
      _mml_http_result_free (r, node);
      g_clear_error (&error);
      _mml_http_request_complete (r, NULL, _mml_http_cancelled_error ());
      return;
    }
  if (error != NULL && r->cache_hit)
    {
      /* A damaged cache file: forget it, ask the server. */
      g_debug ("%s: the cached reply is damaged: %s", r->redacted, error->message);
      g_clear_error (&error);
      r->cache_hit = FALSE;
      r->from_cache = FALSE;
      r->status = 0;
      g_free (r->final_url);
      r->final_url = g_strdup (r->url);
      g_clear_pointer (&r->location, g_free);
      g_clear_pointer (&r->content_type, g_free);
      self->parse_used -= r->parse_cost;
      r->parse_cost = 0;
      parse_pump (self);
      _mml_http_enqueue (r->task, FALSE);
      return;
    }
  _mml_http_request_complete (r, node, error);
}

static gboolean
parse_fits (MmlHttp *self,
            guint64  cost)
{
  /* one reply larger than the budget is parsed alone */
  return self->parse_used == 0 || self->parse_used + cost <= self->parse_budget;
}

static void
parse_dispatch (MmlHttpJob      *r,
                MmlHttpParseJob *job)
{
  MmlHttp *self = r->self;
  g_autoptr(GTask) inner = g_task_new (self, NULL, parse_done, r);

  r->state = MML_HTTP_STATE_PARSING;
  r->parse_cost = job->raw ? 0 : job->values;
  self->parse_used += r->parse_cost;
  self->parse_peak = MAX (self->parse_peak, self->parse_used);
  g_task_set_source_tag (inner, parse_dispatch);
  g_task_set_task_data (inner, job, _mml_http_parse_job_free);
  g_task_run_in_thread (inner, _mml_http_parse_worker);
}

/* Start the parses that wait, in order, while they fit. */
static void
parse_pump (MmlHttp *self)
{
  GTask *task;

  while ((task = g_queue_peek_head (&self->parse_waiting)) != NULL)
    {
      MmlHttpJob *r = g_task_get_task_data (task);

      if (!parse_fits (self, r->pending_parse->values))
        break;
      g_queue_pop_head (&self->parse_waiting);
      parse_dispatch (r, g_steal_pointer (&r->pending_parse));
    }
}

void
_mml_http_parse_start (MmlHttpJob      *r,
                       MmlHttpParseJob *job)
{
  MmlHttp *self = r->self;

  if (job->raw || (g_queue_is_empty (&self->parse_waiting) && parse_fits (self, job->values)))
    {
      parse_dispatch (r, job);
      return;
    }
  g_debug ("%s: %" G_GUINT64_FORMAT " values wait for the parse budget", r->redacted, job->values);
  r->state = MML_HTTP_STATE_PARSE_WAITING;
  r->pending_parse = job;
  g_queue_push_tail (&self->parse_waiting, r->task);
}

static void
parse_body (MmlHttpJob *r,
            GBytes     *body,
            gboolean    from_cache)
{
  MmlHttpParseJob *job = g_new0 (MmlHttpParseJob, 1);

  r->from_cache = from_cache;
  job->body = g_bytes_ref (body);
  job->lenient = MML_HTTP_STATUS_IS_KEPT_REDIRECT (r->status);
  job->raw = r->raw;
  job->label = g_strdup (_mml_http_host_label (r));
  job->values = r->raw ? 0 : from_cache ? r->cached_values : r->scan.values;
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
  _mml_http_parse_start (r, job);
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
  g_clear_pointer (&r->redirect_to, g_free);
}

static gboolean
backoff_done_cb (gpointer user_data)
{
  MmlHttpJob *r = user_data;

  _mml_http_clear_source (&r->timer);
  _mml_http_enqueue (r->task, TRUE);
  return G_SOURCE_REMOVE;
}

/* A new attempt starts from the URL asked for. */
static void
forget_redirects (MmlHttpJob *r)
{
  g_clear_pointer (&r->hop_url, g_free);
  g_clear_pointer (&r->hop_key, g_free);
  g_clear_pointer (&r->redirect_to, g_free);
  r->hop_as_get = FALSE;
  r->redirects = 0;
  r->loopback = _mml_http_is_loopback (r->host);
}

/* The attempt failed with @error (owned), which is worth another try;
 * @retry_after_ms is the server's Retry-After, or 0. */
static void
attempt_retry (MmlHttpJob *r,
               GError     *error,
               guint64     retry_after_ms)
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
      /* Waiting that long silently would look like a hang: fail now; the
       * error says how long the server asks to wait. */
      _mml_http_request_complete (r, NULL, error);
      _mml_http_pump (self);
      return;
    }

  forget_redirects (r);
  if (retry_after_ms > 0)
    delay = (guint) retry_after_ms;
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

/* The attempt timed out: the error the request fails with if it is the
 * last, with the time waited in all when there were several attempts. */
static GError *
timeout_error (MmlHttpJob *r)
{
  MmlHttp *self = r->self;
  const char *label = _mml_http_host_label (r);
  g_autofree char *each = _mml_http_format_wait ((guint64) self->timeout_s * 1000);
  g_autofree char *total = NULL;
  guint attempts = r->retries + 1;

  if (attempts == 1)
    return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT,
                        _("%s did not answer within %s; try again later"), label, each);
  total = _mml_http_format_wait ((guint64) (g_get_monotonic_time () - r->first_sent) / 1000);
  return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%s did not answer within %s (%u attempt, %s in all); try again later",
                                   "%s did not answer within %s (%u attempts, %s in all); try again later",
                                   attempts),
                      label, each, attempts, total);
}

/* A transport error (no HTTP status): cancelled, timed out or cannot connect. */
static void
attempt_io_error (MmlHttpJob *r,
                  GError     *error)
{
  MmlHttp *self = r->self;
  const char *label = _mml_http_host_label (r);

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
      r->timeouts++;
      /* A silent server is not waited for max_retries times over. */
      if (r->timeouts >= MML_HTTP_MAX_TIMEOUTS)
        attempt_fail (r, timeout_error (r));
      else
        attempt_retry (r, timeout_error (r), 0);
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

static MmlHttpMethod
hop_method (MmlHttpJob *r)
{
  return r->hop_as_get && r->method_id != MML_HTTP_METHOD_HEAD ? MML_HTTP_METHOD_GET : r->method_id;
}

/* The 3xx was read (or dropped): send the request again to r->redirect_to,
 * through the queue like any request (rate limits, the offline check). */
static void
follow_redirect (MmlHttpJob *r)
{
  g_autoptr(MmlHttp) self = g_object_ref (r->self);   /* completing may free r */
  char *target = g_steal_pointer (&r->redirect_to);
  g_autoptr(GUri) next = g_uri_parse (target, SOUP_HTTP_URI_FLAGS, NULL);

  attempt_end (r);
  g_free (r->hop_url);
  r->hop_url = target;
  g_free (r->hop_key);
  r->hop_key = _mml_http_host_key (next);
  r->loopback = _mml_http_is_loopback (g_uri_get_host (next));
  r->redirects++;
  g_debug ("%s: redirected (%u of at most %u)", r->redacted, r->redirects, MML_HTTP_MAX_REDIRECTS);
  _mml_http_enqueue (r->task, TRUE);
  _mml_http_pump (self);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MmlHttpJob *r = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_autoptr(GBytes) body = NULL;
  gsize limit = r->max_body ? r->max_body : r->self->max_body;

  if (chunk == NULL)
    {
      attempt_io_error (r, error);
      return;
    }
  if (r->redirect_to != NULL)
    {
      /* a redirect's body, read only to keep the connection */
      if (g_bytes_get_size (chunk) > 0 && r->body->len + g_bytes_get_size (chunk) <= REDIRECT_BODY_MAX)
        {
          g_byte_array_append (r->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
          read_next (r);
          return;
        }
      if (g_bytes_get_size (chunk) == 0)
        g_input_stream_close (r->stream, NULL, NULL);
      follow_redirect (r);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (r->body->len + g_bytes_get_size (chunk) > limit)
        {
          g_autofree char *text = g_format_size (limit);

          attempt_fail (r, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE,
                                        _("%s sent a reply larger than %s; it was not read"),
                                        _mml_http_host_label (r), text));
          return;
        }
      /* JSON beyond the limits is refused as it comes, before it is all
       * read; a kept redirect's body is only parsed when it can be. */
      if (!r->raw
          && !_mml_http_json_scan (&r->scan, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk))
          && !MML_HTTP_STATUS_IS_KEPT_REDIRECT (r->status))
        {
          attempt_fail (r, _mml_http_json_scan_error (&r->scan, _mml_http_host_label (r)));
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

/* For a 429 or a 5xx with @wait_ms > 0, the server's Retry-After. */
static GError *
status_error (MmlHttpJob *r,
              guint       status,
              guint64     wait_ms)
{
  const char *label = _mml_http_host_label (r);
  g_autofree char *wait = wait_ms > 0 ? _mml_http_format_wait (wait_ms) : NULL;

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
      if (wait != NULL)
        return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA,
                            _("%s is rate limiting us: the server asks to wait %s"), label, wait);
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA,
                          _("%s is rate limiting us; try again later"), label);
    default:
      if (status >= 500 && wait != NULL)
        return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                            _("%s is having trouble (HTTP %u): the server asks to wait %s"),
                            label, status, wait);
      if (status >= 500)
        return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                            _("%s is having trouble (HTTP %u); try again later"), label, status);
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                          _("%s sent an unexpected reply (HTTP %u)"), label, status);
    }
}

GError *
_mml_http_wait_error (MmlHttpJob *r,
                      guint       status,
                      guint64     wait_ms)
{
  return status_error (r, status, MAX (wait_ms, 1));
}

/* Whether a 429/5xx answer (with @retry_after_ms, or 0) leads to another
 * attempt; see attempt_retry(). */
static gboolean
will_retry (MmlHttpJob *r,
            guint64     retry_after_ms)
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
                                    _mml_http_host_label (r), text));
      return;
    }
  g_clear_pointer (&r->etag, g_free);
  g_clear_pointer (&r->last_modified, g_free);
  if (r->ttl > 0)
    {
      r->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      r->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
    }
  memset (&r->scan, 0, sizeof r->scan);
  r->body = g_byte_array_new ();
  read_next (r);
}

/* Where a 3xx leads when it is to be followed, resolved (transfer full);
 * else NULL. As libsoup would: a 303 (and a 301/302 to a POST) becomes a
 * GET without a body; a 300/301/302/307/308 is followed by a GET or a
 * HEAD; other methods get the 3xx. */
static char *
redirect_target (MmlHttpJob *r,
                 guint       status,
                 gboolean   *as_get)
{
  MmlHttpMethod method = hop_method (r);
  const char *location;
  g_autoptr(GUri) resolved = NULL;
  const char *scheme;

  *as_get = status == SOUP_STATUS_SEE_OTHER
            || ((status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND)
                && method == MML_HTTP_METHOD_POST);
  if (!*as_get
      && !((status == SOUP_STATUS_MULTIPLE_CHOICES || status == SOUP_STATUS_MOVED_PERMANENTLY
            || status == SOUP_STATUS_FOUND || status == SOUP_STATUS_TEMPORARY_REDIRECT
            || status == SOUP_STATUS_PERMANENT_REDIRECT)
           && (method == MML_HTTP_METHOD_GET || method == MML_HTTP_METHOD_HEAD)))
    return NULL;
  location = soup_message_headers_get_one (soup_message_get_response_headers (r->msg), "Location");
  if (location == NULL
      || (resolved = g_uri_parse_relative (soup_message_get_uri (r->msg), location,
                                           SOUP_HTTP_URI_FLAGS, NULL)) == NULL
      || g_uri_get_host (resolved) == NULL || *g_uri_get_host (resolved) == '\0')
    return NULL;
  scheme = g_uri_get_scheme (resolved);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  return g_uri_to_string (resolved);
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

  /* Redirects are followed here, not by libsoup: each one is a request of
   * its own through the queue, and a loop ends. */
  if (!r->no_redirect && SOUP_STATUS_IS_REDIRECTION (status))
    {
      gboolean as_get = FALSE;
      g_autofree char *target = redirect_target (r, status, &as_get);

      if (target != NULL && r->redirects >= MML_HTTP_MAX_REDIRECTS)
        {
          attempt_fail (r, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_REDIRECTS,
                                        _("%s redirected the request more than %u times (a redirect loop?); it was given up"),
                                        _mml_http_host_label (r),
                                        (guint) MML_HTTP_MAX_REDIRECTS));
          return;
        }
      if (target != NULL)
        {
          r->hop_as_get = r->hop_as_get || as_get;
          r->redirect_to = g_steal_pointer (&target);
          if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
              && soup_message_headers_get_content_length (headers) > REDIRECT_BODY_MAX)
            follow_redirect (r);
          else
            {
              r->body = g_byte_array_new ();
              read_next (r);
            }
          return;
        }
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
      guint64 retry_after_ms = 0;

      if (_mml_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                       g_get_real_time () / G_USEC_PER_SEC, &retry_after_ms)
          && retry_after_ms > 0)
        {
          /* The whole server (host and port) waits, not only this request. */
          MmlHttpHost *host = _mml_http_host_get (self, _mml_http_hop_key (r));
          gint64 until = g_get_monotonic_time () + (gint64) retry_after_ms * 1000;

          if (until > host->not_before)
            {
              host->not_before = until;
              host->not_before_status = status;
            }
        }
      if (!r->any_status || _mml_http_user_cancelled (r) || will_retry (r, retry_after_ms))
        {
          attempt_retry (r, status_error (r, status, retry_after_ms), retry_after_ms);
          return;
        }
    }
  else if (!r->any_status)
    {
      attempt_fail (r, status_error (r, status, 0));
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
  if (r->first_sent == 0)
    r->first_sent = g_get_monotonic_time ();
  g_clear_error (&r->last_error);

  r->msg = soup_message_new (mml_http_method_to_string (hop_method (r)),
                             r->hop_url != NULL ? r->hop_url : r->url);
  g_assert (r->msg != NULL);   /* the URL was checked up front, a hop's when followed */
  /* every redirect goes through the queue: see send_cb() */
  soup_message_add_flags (r->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (r->msg);
  if (!r->response)
    soup_message_headers_replace (headers, "Accept", r->raw ? "image/*, */*;q=0.5" : "application/json");
  /* checked up front by _mml_http_header_ok(): soup would log a bad value.
   * Credentials do not follow a redirect to another server, another port of
   * the same host included (as with libsoup): that is another service. */
  for (guint i = 0; r->headers != NULL && r->headers[i] != NULL && r->headers[i + 1] != NULL; i += 2)
    if (r->hop_key == NULL || strcmp (r->hop_key, r->key) == 0
        || g_ascii_strcasecmp (r->headers[i], "Authorization") != 0)
      soup_message_headers_replace (headers, r->headers[i], r->headers[i + 1]);
  if (soup_message_headers_get_one (headers, "User-Agent") == NULL)
    soup_message_headers_replace (headers, "User-Agent", MML_HTTP_USER_AGENT);
  if (r->cached != NULL && r->cached->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", r->cached->etag);
  if (r->cached != NULL && r->cached->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", r->cached->last_modified);
  if (r->req_body != NULL && !r->hop_as_get)
    soup_message_set_request_body_from_bytes (r->msg, r->req_content_type, r->req_body);

  r->attempt_cancellable = g_cancellable_new ();
  r->timer = _mml_http_attach_timeout (self, self->timeout_s * 1000, attempt_timeout_cb, r);
  g_debug ("%s %s (attempt %u%s)", soup_message_get_method (r->msg), r->redacted, r->retries + 1,
           r->hop_url != NULL ? ", redirected" : "");
  soup_session_send_async (self->session, r->msg, G_PRIORITY_DEFAULT,
                           r->attempt_cancellable, send_cb, r);
}
