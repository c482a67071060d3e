/* mml-http.c — one SoupSession for every service client: a queue in front of
 * it (rate limits per server, its host and port; a cap on concurrent
 * requests; offline checks),
 * retries with backoff, the disk cache and JSON parsing off the main thread.
 * What the network monitor says, and what it means for waiting requests,
 * lives in mml-http-network.c.
 *
 * A request goes through these states, all driven from the main context the
 * MmlHttp was created in:
 *
 *   CACHE  (worker thread: read the cache file, scan its JSON; a fresh
 *           entry goes to PARSING, or is the result when raw)
 *   WAITING (in self->waiting until its server has a slot and a request may start)
 *   OFFLINE (in self->offline until the network is back; only with
 *            wait_for_network, else the request fails with MML_HTTP_ERROR_OFFLINE)
 *   IN_FLIGHT (soup: send, then read the body in chunks up to max_body,
 *            scanning JSON as it comes; a redirect is read, then WAITING
 *            again for the next hop: soup never follows one itself)
 *   BACKOFF (a timer, then WAITING again) — on 429 / 5xx / timeout / connect errors
 *   PARSE_WAITING (in self->parse_waiting until the parse budget has room)
 *   PARSING (worker thread: parse JSON, write the cache file)
 *
 * The parse budget counts the JSON values of the replies being parsed, and
 * of those parsed until their callback returned; the disk cache is trimmed
 * on a worker thread when what was written takes it past its limit.
 *
 * The request (task data) holds a reference to its task until it is
 * completed; the task is only completed when no asynchronous operation of its
 * own is pending, so callbacks never see a completed request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <libsoup/soup.h>

#include "mml-http-private.h"
/* A slot opens this much later than the window strictly allows, so that the
 * server, which counts arrivals (and sees them with network and scheduling
 * jitter), never sees one request too many. */
#define RATE_MARGIN_USEC (150 * 1000)

G_DEFINE_TYPE (MmlHttp, mml_http, G_TYPE_OBJECT)

G_DEFINE_QUARK (mml-http-error-quark, mml_http_error)

enum {
  PROP_0,
  PROP_ONLINE,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- small helpers ---------------------------------------------------- */

static void
host_free (gpointer data)
{
  MmlHttpHost *host = data;

  g_free (host->label);
  g_array_unref (host->sent);
  g_free (host);
}

/* @url as a GUri if it is an http or https URL with a host, else NULL. */
static GUri *
parse_http_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0
          && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    return NULL;
  return g_steal_pointer (&uri);
}

/* The key of everything kept per server (its rate limit, a Retry-After it
 * asked for, its label): the host and its port. Two services on one machine
 * (a media server on :8096, a metadata stand-in on :8080) are two servers,
 * and neither may wait for the other's limit. A URL without a port has its
 * scheme's, so "https://api.tvmaze.com" and "https://api.tvmaze.com:443"
 * are one server. */
char *
_mml_http_host_key (GUri *uri)
{
  g_autofree char *host = NULL;
  const char *scheme;
  int port;

  g_return_val_if_fail (uri != NULL && g_uri_get_host (uri) != NULL, NULL);

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  scheme = g_uri_get_scheme (uri);
  port = g_uri_get_port (uri);
  if (port < 0)   /* only filled in when the URI was parsed with G_URI_FLAGS_SCHEME_NORMALIZE */
    port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443
           : g_ascii_strcasecmp (scheme, "http") == 0 ? 80 : 0;
  /* an IPv6 literal comes without its brackets: put them back, so that
   * the port stays apart from the address */
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%d", host, port);
  return g_strdup_printf ("%s:%d", host, port);
}

MmlHttpHost *
_mml_http_host_get (MmlHttp    *self,
                    const char *key)
{
  MmlHttpHost *host = g_hash_table_lookup (self->hosts, key);

  if (host == NULL)
    {
      host = g_new0 (MmlHttpHost, 1);
      host->sent = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->hosts, g_strdup (key), host);
    }
  return host;
}

/* What users are told the server of @r is: its label, else its host name
 * (without the port: "api.tvmaze.com", as a user would write it). */
const char *
_mml_http_host_label (MmlHttpJob *r)
{
  MmlHttpHost *host = g_hash_table_lookup (r->self->hosts, r->key);

  return host != NULL && host->label != NULL ? host->label : r->host;
}

/* The server the current attempt of @r goes to, after redirects: the one
 * whose rate limit and Retry-After it obeys. */
const char *
_mml_http_hop_key (MmlHttpJob *r)
{
  return r->hop_key != NULL ? r->hop_key : r->key;
}

/* What is kept for that server, or NULL when nothing ever was. */
static MmlHttpHost *
hop_host_lookup (MmlHttp    *self,
                 MmlHttpJob *r)
{
  return g_hash_table_lookup (self->hosts, _mml_http_hop_key (r));
}

/* When may the next request to @host go out (monotonic µs)? */
static gint64
host_next_slot (MmlHttpHost *host,
                gint64       now)
{
  gint64 window, at = now;

  if (host == NULL)
    return now;
  if (host->max_requests > 0)
    {
      guint expired = 0;

      window = (gint64) host->per_seconds * G_USEC_PER_SEC + RATE_MARGIN_USEC;
      while (expired < host->sent->len
             && g_array_index (host->sent, gint64, expired) + window <= now)
        expired++;
      g_array_remove_range (host->sent, 0, expired);
      if (host->sent->len >= host->max_requests)
        at = g_array_index (host->sent, gint64,
                            host->sent->len - host->max_requests) + window;
    }
  return MAX (at, host->not_before);
}

GSource *
_mml_http_attach_timeout (MmlHttp     *self,
                          guint        ms,
                          GSourceFunc  func,
                          gpointer     data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);
  return source;
}

void
_mml_http_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}
/* --- the queue -------------------------------------------------------- */

void
_mml_http_enqueue (GTask    *task,
                   gboolean  at_head)
{
  MmlHttpJob *r = g_task_get_task_data (task);
  MmlHttp *self = r->self;

  if (_mml_http_user_cancelled (r))
    {
      _mml_http_request_complete (r, NULL, _mml_http_cancelled_error ());
      return;
    }
  if (_mml_http_is_offline (self, r))
    {
      g_clear_error (&r->last_error);
      if (self->wait_for_network)
        {
          g_debug ("%s: waiting for the network", r->redacted);
          r->state = MML_HTTP_STATE_OFFLINE;
          if (at_head)
            g_queue_push_head (&self->offline, task);
          else
            g_queue_push_tail (&self->offline, task);
          _mml_http_waiting_changed (self);
        }
      else
        _mml_http_request_complete (r, NULL, _mml_http_offline_error (self, r));
      return;
    }
  r->state = MML_HTTP_STATE_WAITING;
  if (at_head)
    g_queue_push_head (&self->waiting, task);
  else
    g_queue_push_tail (&self->waiting, task);
  _mml_http_pump (self);
}

static gboolean
pump_timeout_cb (gpointer user_data)
{
  MmlHttp *self = user_data;

  g_clear_pointer (&self->pump_source, g_source_unref);
  _mml_http_pump (self);
  return G_SOURCE_REMOVE;
}

/* Start every waiting request that may start now, in order; wake up when
 * the next one may. A request whose server asked to wait longer than
 * MML_HTTP_MAX_SERVER_WAIT_SECONDS fails at once. */
void
_mml_http_pump (MmlHttp *self)
{
  g_autoptr(MmlHttp) hold = NULL;
  GQueue refused = G_QUEUE_INIT;
  gint64 now = g_get_monotonic_time ();
  gint64 next = G_MAXINT64;
  GList *l = self->waiting.head;
  GTask *task;

  while (l != NULL && self->active < self->max_concurrent)
    {
      GList *following = l->next;
      GTask *waiting = l->data;
      MmlHttpJob *r = g_task_get_task_data (waiting);
      MmlHttpHost *host = hop_host_lookup (self, r);
      gint64 at = host_next_slot (host, now);

      if (host != NULL && host->not_before - now > (gint64) MML_HTTP_MAX_SERVER_WAIT_SECONDS * G_USEC_PER_SEC)
        {
          /* failed below: a callback may start requests, and pump again */
          g_queue_unlink (&self->waiting, l);
          g_queue_push_tail_link (&refused, l);
        }
      else if (at <= now)
        {
          g_queue_delete_link (&self->waiting, l);
          if (host != NULL && host->max_requests > 0)
            g_array_append_val (host->sent, now);
          _mml_http_request_start (waiting);
        }
      else
        next = MIN (next, at);
      l = following;
    }

  if (!(self->active >= self->max_concurrent || next == G_MAXINT64)
      && !(self->pump_source != NULL && self->pump_at <= next))
    {
      _mml_http_clear_source (&self->pump_source);
      self->pump_at = next;
      self->pump_source = _mml_http_attach_timeout (self, (guint) MIN ((next - now + 999) / 1000, (gint64) G_MAXUINT),
                                                    pump_timeout_cb, self);
    }
  /* (else a finishing request pumps again) */

  if (!g_queue_is_empty (&refused))
    hold = g_object_ref (self);   /* completing may drop the last other ref */
  while ((task = g_queue_pop_head (&refused)) != NULL)
    {
      MmlHttpJob *r = g_task_get_task_data (task);
      MmlHttpHost *host = hop_host_lookup (self, r);

      r->state = MML_HTTP_STATE_BACKOFF;   /* in no queue */
      _mml_http_request_complete (r, NULL, _mml_http_wait_error (r, host->not_before_status,
                                                                 (guint64) (host->not_before - now) / 1000));
    }
}
/* --- cancellation ----------------------------------------------------- */

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  MmlHttpJob *r = user_data;

  switch (r->state)
    {
    case MML_HTTP_STATE_WAITING:
    case MML_HTTP_STATE_OFFLINE:
    case MML_HTTP_STATE_BACKOFF:
    case MML_HTTP_STATE_PARSE_WAITING:
      _mml_http_request_complete (r, NULL, _mml_http_cancelled_error ());
      break;
    case MML_HTTP_STATE_IN_FLIGHT:
      _mml_http_clear_source (&r->cancel_source);
      g_cancellable_cancel (r->attempt_cancellable);   /* the soup callback completes */
      break;
    case MML_HTTP_STATE_CACHE:
    case MML_HTTP_STATE_PARSING:
      _mml_http_clear_source (&r->cancel_source);                /* the worker's callback completes */
      break;
    case MML_HTTP_STATE_DONE:
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

/* --- the cache lookup ------------------------------------------------- */

static void
cache_lookup_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MmlHttpJob *r = user_data;
  MmlHttpParseJob *job = g_task_get_task_data (G_TASK (result));
  gpointer body = g_task_propagate_pointer (G_TASK (result), NULL);   /* raw only */

  if (_mml_http_user_cancelled (r))
    {
      _mml_http_result_free (r, body);
      _mml_http_request_complete (r, NULL, _mml_http_cancelled_error ());
      return;
    }
  if (job->fresh)
    {
      r->status = job->entry->status != 0 ? job->entry->status : SOUP_STATUS_OK;
      r->from_cache = TRUE;
      g_free (r->final_url);
      r->final_url = g_strdup (job->entry->final_url != NULL ? job->entry->final_url : r->url);
      g_free (r->location);
      r->location = g_strdup (job->entry->location);
      g_free (r->content_type);
      r->content_type = g_strdup (job->entry->content_type);
      if (r->raw)
        _mml_http_request_complete (r, body, NULL);
      else
        {
          /* JSON is parsed within the parse budget, as a reply would be;
           * a kept redirect's body only when it is an object or a list */
          MmlHttpParseJob *parse = g_new0 (MmlHttpParseJob, 1);

          parse->body = g_bytes_ref (job->entry->body);
          parse->label = g_strdup (job->label);
          parse->lenient = MML_HTTP_STATUS_IS_KEPT_REDIRECT (job->entry->status);
          parse->values = job->values;
          r->cache_hit = TRUE;
          _mml_http_parse_start (r, parse);
        }
      return;
    }
  /* Stale or missing: keep the validators and body for a 304. */
  if (_mml_http_cache_entry_has_validator (job->entry))
    {
      r->cached = g_steal_pointer (&job->entry);
      r->cached_values = job->values;
    }
  _mml_http_enqueue (r->task, FALSE);
}

/* --- public API ------------------------------------------------------- */

/* What a request is, whichever public call made it. */
typedef struct
{
  MmlHttpMethod      method;
  const char *const *headers;
  GBytes            *body;
  const char        *content_type;  /* nullable: a Content-Type among @headers, else octet-stream */
  guint              ttl;
  gboolean           no_redirect;
  gboolean           may_resend;
  gboolean           any_status;
  gboolean           raw;
  gboolean           response;
  gsize              max_body;
  const char        *task_name;
} RequestParams;

/* The first of @headers that cannot be sent, or NULL. */
static const char *
bad_header (const char *const *headers)
{
  for (gsize i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    if (!_mml_http_header_ok (headers[i], headers[i + 1]))
      return headers[i];
  return NULL;
}

/* The cache key of an mml_http_send_async() GET: apart from the other
 * calls', and per request headers (Accept, a token) as a server may vary
 * on them. Hashed, never written out. */
static char *
send_cache_key (const char *const *headers)
{
  GString *key = g_string_new ("send");

  for (gsize i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      g_autofree char *lower = g_ascii_strdown (headers[i], -1);

      g_string_append_printf (key, "\n%s: %s", lower, headers[i + 1]);
    }
  return g_string_free (key, FALSE);
}

static void
start_request (MmlHttp             *self,
               const char          *url,
               const RequestParams *p,
               gpointer             tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  MmlHttpJob *r;
  const char *bad;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  g_task_set_name (task, p->task_name);

  r = g_new0 (MmlHttpJob, 1);
  r->raw = p->raw;
  r->response = p->response;
  r->max_body = p->max_body;
  r->self = self;
  r->url = g_strdup (url);
  r->redacted = mml_http_redact_url (url);
  r->method_id = p->method;
  r->method = g_strdup (mml_http_method_to_string (p->method));
  g_task_set_task_data (task, r, _mml_http_request_free);

  uri = parse_http_url (url);
  if (uri == NULL)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT,
                               _("Cannot connect: “%s” is not a web address"), r->redacted);
      r->state = MML_HTTP_STATE_DONE;
      return;
    }
  /* Said before anything is sent, and never with the value (a token?). */
  bad = bad_header (p->headers);
  if (bad == NULL && p->content_type != NULL
      && (!_mml_http_header_ok ("Content-Type", p->content_type)
          || strchr (p->content_type, '/') == NULL))
    bad = "Content-Type";
  if (bad != NULL)
    {
      g_autofree char *name = g_strescape (bad, NULL);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Cannot send the header “%s” to %s: its name or value is not valid"),
                               name, r->redacted);
      r->state = MML_HTTP_STATE_DONE;
      return;
    }

  r->task = g_object_ref (task);
  r->host = g_ascii_strdown (g_uri_get_host (uri), -1);
  r->key = _mml_http_host_key (uri);
  r->loopback = _mml_http_is_loopback (r->host);
  r->headers = g_strdupv ((char **) p->headers);
  if (p->body != NULL)
    {
      const char *type = p->content_type;

      for (gsize i = 0; type == NULL && p->headers != NULL && p->headers[i] != NULL
                        && p->headers[i + 1] != NULL; i += 2)
        if (g_ascii_strcasecmp (p->headers[i], "Content-Type") == 0 && strchr (p->headers[i + 1], '/'))
          type = p->headers[i + 1];
      r->req_body = g_bytes_ref (p->body);
      r->req_content_type = g_strdup (type != NULL ? type : "application/octet-stream");
    }
  /* Only a GET without a body is cached: nothing else may be repeated
   * from the disk, and a request body is never written there. */
  r->ttl = p->method == MML_HTTP_METHOD_GET && p->body == NULL ? p->ttl : 0;
  r->no_redirect = p->no_redirect;
  r->may_resend = p->may_resend;
  r->any_status = p->any_status;
  r->final_url = g_strdup (url);
  if (cancellable != NULL)
    {
      r->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (r->cancel_source, G_SOURCE_FUNC (cancelled_cb), r, NULL);
      g_source_attach (r->cancel_source, self->context);
    }

  if (self->cache_dir != NULL && r->ttl > 0)
    {
      g_autoptr(GTask) inner = g_task_new (self, NULL, cache_lookup_done, r);
      MmlHttpParseJob *job = g_new0 (MmlHttpParseJob, 1);
      g_autofree char *key = r->response ? send_cache_key (p->headers) : NULL;

      /* the keys of the JSON and bytes requests stay what they were */
      r->cache_path = _mml_http_cache_path (self->cache_dir, r->method, url, key,
                                            r->no_redirect);
      job->cache_path = g_strdup (r->cache_path);
      job->label = g_strdup (_mml_http_host_label (r));
      job->only_lookup = TRUE;
      job->raw = r->raw;
      job->ttl = r->ttl;
      r->state = MML_HTTP_STATE_CACHE;
      g_task_set_source_tag (inner, cache_lookup_done);
      g_task_set_task_data (inner, job, _mml_http_parse_job_free);
      g_task_run_in_thread (inner, _mml_http_parse_worker);
      return;
    }

  _mml_http_enqueue (task, FALSE);
}

/**
 * mml_http_get_json_async:
 * @self: the HTTP layer
 * @url: an http or https URL
 * @req: (nullable): headers, cache lifetime, a JSON body to POST, redirects
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the context of mml_http_new()
 * @user_data: for @callback
 *
 * GETs (or with @req->body_json POSTs) @url and parses the reply as JSON.
 */
void
mml_http_get_json_async (MmlHttp              *self,
                         const char           *url,
                         const MmlHttpRequest *req,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GBytes) body = NULL;
  RequestParams p = { 0 };

  g_return_if_fail (MML_IS_HTTP (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  p.method = MML_HTTP_METHOD_GET;
  p.may_resend = TRUE;   /* the body_json POST too, as it always was */
  p.task_name = "mml_http_get_json_async";
  if (req != NULL)
    {
      p.headers = req->headers;
      p.ttl = req->ttl_seconds;
      p.no_redirect = req->no_redirect;
      if (req->body_json != NULL)
        {
          body = g_bytes_new (req->body_json, strlen (req->body_json));
          p.method = MML_HTTP_METHOD_POST;
          p.body = body;
          p.content_type = MML_HTTP_CONTENT_TYPE_JSON;
        }
    }
  start_request (self, url, &p, mml_http_get_json_async, cancellable, callback, user_data);
}

/**
 * mml_http_get_bytes_async:
 * @self: the HTTP layer
 * @url: an http or https URL
 * @max_bytes: the largest body accepted; 0: the session's limit
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the context of mml_http_new()
 * @user_data: for @callback
 *
 * GETs @url (an image…), cached on disk for 30 days or revalidated.
 */
void
mml_http_get_bytes_async (MmlHttp             *self,
                          const char          *url,
                          gsize                max_bytes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RequestParams p = {
    .method = MML_HTTP_METHOD_GET,
    .ttl = 30 * 24 * 3600,   /* images change rarely; servers usually give validators anyway */
    .may_resend = TRUE,
    .raw = TRUE,
    .max_body = max_bytes,
    .task_name = "mml_http_get_bytes_async",
  };

  g_return_if_fail (MML_IS_HTTP (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_request (self, url, &p, mml_http_get_bytes_async, cancellable, callback, user_data);
}

/**
 * mml_http_send_async:
 * @self: the HTTP layer
 * @url: an http or https URL
 * @options: (nullable): method, headers, body…; %NULL: a plain GET
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the context of mml_http_new()
 * @user_data: for @callback
 *
 * Sends any method with any body; see #MmlHttpSendOptions for what is
 * retried and cached. Finish with mml_http_send_finish().
 */
void
mml_http_send_async (MmlHttp                  *self,
                     const char               *url,
                     const MmlHttpSendOptions *options,
                     GCancellable             *cancellable,
                     GAsyncReadyCallback       callback,
                     gpointer                  user_data)
{
  static const MmlHttpSendOptions get = { 0 };
  RequestParams p = { 0 };

  g_return_if_fail (MML_IS_HTTP (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (options == NULL || mml_http_method_to_string (options->method) != NULL);

  if (options == NULL)
    options = &get;
  p.method = options->method;
  p.headers = options->headers;
  p.body = options->body;
  p.content_type = options->content_type;
  p.ttl = options->ttl_seconds;
  p.no_redirect = options->no_redirect;
  p.may_resend = mml_http_method_is_idempotent (options->method) || options->retry_unsafe;
  p.any_status = options->any_status;
  p.raw = TRUE;
  p.response = TRUE;
  p.max_body = options->max_body;
  p.task_name = "mml_http_send_async";
  start_request (self, url, &p, mml_http_send_async, cancellable, callback, user_data);
}

/**
 * mml_http_send_finish:
 * @self: the HTTP layer
 * @result: the result given to the callback of mml_http_send_async()
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the response, or %NULL with @error
 */
MmlHttpResponse *
mml_http_send_finish (MmlHttp       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (MML_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_http_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
mml_http_get_bytes_finish (MmlHttp       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MML_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_http_get_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonNode *
mml_http_get_json_finish (MmlHttp       *self,
                          GAsyncResult  *result,
                          guint         *status,
                          GError       **error)
{
  MmlHttpJob *r;

  g_return_val_if_fail (MML_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_http_get_json_async, NULL);

  r = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = r->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
mml_http_result_get_final_url (MmlHttp      *self,
                               GAsyncResult *result)
{
  MmlHttpJob *r;

  g_return_val_if_fail (MML_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  r = g_task_get_task_data (G_TASK (result));
  return g_strdup (r->final_url);
}

char *
mml_http_result_get_location (MmlHttp      *self,
                              GAsyncResult *result)
{
  MmlHttpJob *r;

  g_return_val_if_fail (MML_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  r = g_task_get_task_data (G_TASK (result));
  return g_strdup (r->location);
}

gboolean
mml_http_result_from_cache (MmlHttp      *self,
                            GAsyncResult *result)
{
  MmlHttpJob *r;

  g_return_val_if_fail (MML_IS_HTTP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  r = g_task_get_task_data (G_TASK (result));
  return r->from_cache;
}

void
_mml_http_waiting_changed (MmlHttp *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
}

void
_mml_http_online_changed (MmlHttp *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

guint64
mml_http_get_requests_sent (MmlHttp *self)
{
  g_return_val_if_fail (MML_IS_HTTP (self), 0);

  return self->requests_sent;
}

/**
 * mml_http_set_host_limit:
 * @self: the HTTP layer
 * @url: a URL of the server (its base URL): its host and port are the key
 * @max_requests: at most this many requests…
 * @per_seconds: …in any window of this many seconds; 0 for either: no limit
 *
 * Returns: %FALSE, and nothing is set, when @url is not an http or https
 *   URL with a host
 */
gboolean
mml_http_set_host_limit (MmlHttp    *self,
                         const char *url,
                         guint       max_requests,
                         guint       per_seconds)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;
  MmlHttpHost *h;

  g_return_val_if_fail (MML_IS_HTTP (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  uri = parse_http_url (url);
  if (uri == NULL)
    return FALSE;
  key = _mml_http_host_key (uri);
  h = _mml_http_host_get (self, key);
  h->max_requests = per_seconds > 0 ? max_requests : 0;
  h->per_seconds = per_seconds;
  return TRUE;
}

/**
 * mml_http_set_host_label:
 * @self: the HTTP layer
 * @url: a URL of the server, as for mml_http_set_host_limit()
 * @label: (nullable): its name in messages; %NULL: its host name
 *
 * Returns: %FALSE, and nothing is set, when @url is not an http or https
 *   URL with a host
 */
gboolean
mml_http_set_host_label (MmlHttp    *self,
                         const char *url,
                         const char *label)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;
  MmlHttpHost *h;

  g_return_val_if_fail (MML_IS_HTTP (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  uri = parse_http_url (url);
  if (uri == NULL)
    return FALSE;
  key = _mml_http_host_key (uri);
  h = _mml_http_host_get (self, key);
  g_free (h->label);
  h->label = g_strdup (label);
  return TRUE;
}

void
mml_http_set_max_concurrent (MmlHttp *self,
                             guint    n)
{
  g_return_if_fail (MML_IS_HTTP (self));

  self->max_concurrent = MAX (n, 1);
  _mml_http_pump (self);
}

void
mml_http_set_retry_policy (MmlHttp *self,
                           guint    max_retries,
                           guint    base_delay_ms,
                           guint    max_delay_ms)
{
  g_return_if_fail (MML_IS_HTTP (self));

  self->max_retries = max_retries;
  self->base_delay_ms = MAX (base_delay_ms, 1);
  self->max_delay_ms = MAX (max_delay_ms, self->base_delay_ms);
}

void
mml_http_set_timeout (MmlHttp *self,
                      guint    seconds)
{
  g_return_if_fail (MML_IS_HTTP (self));

  self->timeout_s = MAX (seconds, 1);
}

void
mml_http_set_max_body (MmlHttp *self,
                       gsize    bytes)
{
  g_return_if_fail (MML_IS_HTTP (self));

  self->max_body = MAX (bytes, 1);
}

void
mml_http_set_use_proxy (MmlHttp  *self,
                        gboolean  use_proxy)
{
  g_return_if_fail (MML_IS_HTTP (self));

  soup_session_set_proxy_resolver (self->session,
                                   use_proxy ? g_proxy_resolver_get_default () : NULL);
}

void
mml_http_clear_cache (MmlHttp *self)
{
  g_return_if_fail (MML_IS_HTTP (self));

  _mml_http_cache_clear (self->cache_dir);
  if (!self->trim_running)
    self->cache_size = 0;
}

/* --- the cache's size ------------------------------------------------- */

typedef struct
{
  char    *cache_dir;
  guint64  limit;
  guint64  target;
  guint64  size;      /* the result */
} TrimJob;

static void
trim_job_free (gpointer data)
{
  TrimJob *job = data;

  g_free (job->cache_dir);
  g_free (job);
}

static void
trim_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TrimJob *job = task_data;

  job->size = _mml_http_cache_trim (job->cache_dir, job->limit, job->target);
  g_task_return_boolean (task, TRUE);
}

static void start_trim (MmlHttp *self);

static void
trim_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MmlHttp *self = MML_HTTP (object);
  TrimJob *job = g_task_get_task_data (G_TASK (result));
  guint64 written = self->cache_written;

  self->trim_running = FALSE;
  self->trims++;
  self->cache_written = 0;
  self->cache_size = (gint64) MIN (job->size + written, (guint64) G_MAXINT64);
  /* written to while it ran, and over again: once more (but not in a
   * loop when the folder cannot be trimmed) */
  if (written > 0 && self->cache_limit > 0 && (guint64) self->cache_size > self->cache_limit)
    start_trim (self);
}

static void
start_trim (MmlHttp *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, trim_done, NULL);
  TrimJob *job = g_new0 (TrimJob, 1);

  job->cache_dir = g_strdup (self->cache_dir);
  job->limit = self->cache_limit;
  job->target = self->cache_limit / 4 * 3;
  self->trim_running = TRUE;
  self->cache_written = 0;
  g_task_set_source_tag (task, start_trim);
  g_task_set_name (task, "mml-http-cache-trim");
  g_task_set_task_data (task, job, trim_job_free);
  g_task_run_in_thread (task, trim_worker);
}

void
_mml_http_cache_written (MmlHttp *self,
                         gsize    bytes)
{
  if (self->cache_dir == NULL || bytes == 0)
    return;
  if (self->trim_running)
    {
      self->cache_written += bytes;
      return;
    }
  /* overwritten entries count twice: the next trim measures again */
  if (self->cache_size >= 0)
    self->cache_size = (gint64) MIN ((guint64) self->cache_size + bytes, (guint64) G_MAXINT64);
  if (self->cache_limit > 0
      && (self->cache_size < 0 || (guint64) self->cache_size > self->cache_limit))
    start_trim (self);
}

void
mml_http_set_cache_limit (MmlHttp *self,
                          guint64  bytes)
{
  g_return_if_fail (MML_IS_HTTP (self));

  self->cache_limit = bytes;
  if (self->cache_dir != NULL && bytes > 0 && !self->trim_running
      && self->cache_size >= 0 && (guint64) self->cache_size > bytes)
    start_trim (self);
}

void
mml_http_set_parse_budget (MmlHttp *self,
                           guint    values)
{
  g_return_if_fail (MML_IS_HTTP (self));

  self->parse_budget = MAX (values, 1);
}

/* --- GObject ---------------------------------------------------------- */

static void
mml_http_dispose (GObject *object)
{
  MmlHttp *self = MML_HTTP (object);

  /* Every request holds a reference: nothing can be waiting here. */
  g_assert (g_queue_is_empty (&self->waiting));
  g_assert (g_queue_is_empty (&self->offline));
  g_assert (g_queue_is_empty (&self->parse_waiting));
  _mml_http_clear_source (&self->pump_source);
  g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_clear_object (&self->monitor);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mml_http_parent_class)->dispose (object);
}

static void
mml_http_finalize (GObject *object)
{
  MmlHttp *self = MML_HTTP (object);

  g_free (self->cache_dir);
  g_hash_table_unref (self->hosts);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (mml_http_parent_class)->finalize (object);
}

static void
mml_http_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MmlHttp *self = MML_HTTP (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, mml_http_get_online (self));
      break;
    case PROP_WAITING:
      g_value_set_uint (value, mml_http_get_waiting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_http_class_init (MmlHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_http_dispose;
  object_class->finalize = mml_http_finalize;
  object_class->get_property = mml_http_get_property;

  /**
   * MmlHttp:online:
   *
   * Whether the network monitor says the network is available.
   */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MmlHttp:waiting:
   *
   * How many requests are waiting for the network (see
   * mml_http_set_wait_for_network()).
   */
  properties[PROP_WAITING] =
    g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_http_init (MmlHttp *self)
{
  gboolean no_proxy = g_strcmp0 (g_getenv ("MML_HTTP_NO_PROXY"), "1") == 0;

  self->context = g_main_context_ref_thread_default ();
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, host_free);
  g_queue_init (&self->waiting);
  g_queue_init (&self->offline);
  g_queue_init (&self->parse_waiting);
  self->parse_budget = MML_HTTP_MAX_JSON_VALUES;
  self->cache_limit = MML_HTTP_CACHE_LIMIT_DEFAULT;
  self->cache_size = -1;
  self->online = TRUE;
  self->max_concurrent = 4;
  self->max_retries = 4;
  self->base_delay_ms = 500;
  self->max_delay_ms = 30000;
  self->timeout_s = 20;
  self->max_body = 8 * 1024 * 1024;

  /* Our own queue caps concurrency: let soup open what we ask for. No
   * session-wide User-Agent: soup would put it over a request's own (a
   * service that asks for its registered name); each request gets
   * MML_HTTP_USER_AGENT unless it names one. */
  if (no_proxy)
    self->session = g_object_new (SOUP_TYPE_SESSION,
                                  "max-conns", 64,
                                  "max-conns-per-host", 32,
                                  "proxy-resolver", NULL,
                                  NULL);
  else
    self->session = g_object_new (SOUP_TYPE_SESSION,
                                  "max-conns", 64,
                                  "max-conns-per-host", 32,
                                  NULL);
}

/**
 * mml_http_new:
 * @cache_dir: (nullable): where to keep cached responses, or %NULL for none
 *
 * Requests are driven from the thread-default main context of the caller.
 */
MmlHttp *
mml_http_new (const char *cache_dir)
{
  MmlHttp *self = g_object_new (MML_TYPE_HTTP, NULL);

  self->cache_dir = g_strdup (cache_dir);
  return self;
}
