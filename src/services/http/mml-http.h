/* mml-http.h — the one HTTP layer every service client uses: async JSON
 * requests, raw bytes, or any method with any body, on one SoupSession,
 * rate-limited per server (host and port), capped in concurrency, retried
 * with backoff, cached on disk, cancellable, offline-aware.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MML_HTTP_ERROR (mml_http_error_quark ())

typedef enum {
  MML_HTTP_ERROR_OFFLINE,      /* no network: nothing was sent */
  MML_HTTP_ERROR_AUTH,         /* 401/403: bad or missing key */
  MML_HTTP_ERROR_NOT_FOUND,    /* 404 */
  MML_HTTP_ERROR_QUOTA,        /* 429 after all retries */
  MML_HTTP_ERROR_SERVER,       /* 5xx after all retries, or other unexpected status */
  MML_HTTP_ERROR_TIMEOUT,      /* after all retries */
  MML_HTTP_ERROR_CONNECT,      /* cannot connect / DNS, after all retries */
  MML_HTTP_ERROR_MALFORMED,    /* not JSON, truncated, wrong top-level type, or
                                * beyond the limits below: never retried */
  MML_HTTP_ERROR_TOO_LARGE,    /* body over the limit */
  MML_HTTP_ERROR_REDIRECTS,    /* more than MML_HTTP_MAX_REDIRECTS redirects (a loop?): never retried */
} MmlHttpError;

/* What a JSON reply may hold: nested deeper, or with more values (every
 * object, list, string, number, true, false and null counts one), it is
 * MML_HTTP_ERROR_MALFORMED, found by a scan of the body before anything is
 * built from it (and before the rest of it is read). A parsed value takes
 * 100 to 300 bytes: the largest reply accepted makes at most ~150 MB. The
 * largest real replies (a daily show's 9,000 episodes on TVmaze, 7 MB) hold
 * about 150,000 values. */
#define MML_HTTP_MAX_JSON_DEPTH   64
#define MML_HTTP_MAX_JSON_VALUES  500000

/* Redirects followed for one request; each one is a request of its own
 * (rate limits, counters) through the same queue. */
#define MML_HTTP_MAX_REDIRECTS    5

/* Timed-out attempts of one request: a server that does not answer is tried
 * at most this many times, whatever the retry policy. */
#define MML_HTTP_MAX_TIMEOUTS     2

/* The longest a request waits in the queue because its server asked for it
 * (Retry-After); a request that would wait longer fails at once. */
#define MML_HTTP_MAX_SERVER_WAIT_SECONDS 3600

GQuark mml_http_error_quark (void);

#define MML_TYPE_HTTP (mml_http_get_type ())

G_DECLARE_FINAL_TYPE (MmlHttp, mml_http, MML, HTTP, GObject)

MmlHttp *mml_http_new                  (const char      *cache_dir /* nullable: no disk cache */);
/* At most @max_requests requests in any @per_seconds to the server of @url
 * (a service's base URL). A server is a host and a port, the scheme's
 * default when @url names none: "https://api.tvmaze.com" and
 * "https://api.tvmaze.com:443/shows" are one server with one limit;
 * "http://192.168.1.5:8096" and "http://192.168.1.5:8920" are two, and
 * neither waits for the other. The same holds for a Retry-After a server
 * sends. A server never set, or set with 0 for either, is not limited.
 * FALSE, and nothing set, when @url is not an http or https URL with a host. */
gboolean mml_http_set_host_limit       (MmlHttp         *self,
                                        const char      *url,
                                        guint            max_requests,
                                        guint            per_seconds); /* e.g. "https://api.tvmaze.com", 20, 10 */
void     mml_http_set_max_concurrent   (MmlHttp         *self,
                                        guint            n);           /* default 4 */
/* Retries of a 429, a 5xx, a timeout or a connection error, with
 * exponential backoff from @base_delay_ms up to @max_delay_ms. A server's
 * Retry-After is honoured when it is at most @max_delay_ms; a longer one
 * fails the request at once, with an error that says how long the server
 * asks to wait (other requests to that host wait for it in the queue, up
 * to MML_HTTP_MAX_SERVER_WAIT_SECONDS, and fail at once beyond). */
void     mml_http_set_retry_policy     (MmlHttp         *self,
                                        guint            max_retries,
                                        guint            base_delay_ms,
                                        guint            max_delay_ms); /* default 4, 500, 30000; tests shrink it */
/* How long one attempt may take, from sending to the end of the reply.
 * Only MML_HTTP_MAX_TIMEOUTS attempts of a request may time out, so a
 * server that does not answer is given up after about twice @seconds (and
 * one backoff); the error says how long it was waited for in all. */
void     mml_http_set_timeout          (MmlHttp         *self,
                                        guint            seconds);     /* default 20 */
void     mml_http_set_max_body         (MmlHttp         *self,
                                        gsize            bytes);       /* default 8 MiB */
/* An injected monitor is trusted for every host; the default one is not
 * trusted for loopback hosts (local fake servers stay reachable offline). */
void     mml_http_set_network_monitor  (MmlHttp         *self,
                                        GNetworkMonitor *monitor);     /* default g_network_monitor_get_default(); tests inject */

/* Additions beyond the base API. */

/* Never use a proxy (tests; also when MML_HTTP_NO_PROXY=1 is set at creation). */
void     mml_http_set_use_proxy        (MmlHttp         *self,
                                        gboolean         use_proxy);
/* A readable name for the server of @url (host and port, as above) in
 * user-facing messages ("TVmaze"); its host name is used otherwise. FALSE,
 * and nothing set, when @url is not an http or https URL with a host. */
gboolean mml_http_set_host_label       (MmlHttp         *self,
                                        const char      *url,
                                        const char      *label);
/* Remove every cached response (no-op without a cache directory). */
void     mml_http_clear_cache          (MmlHttp         *self);
/* The most the disk cache may hold. Past it, on a worker thread, the least
 * recently used entries (written, or served from the cache, longest ago)
 * are removed until it holds three quarters of it. 0: no limit. */
void     mml_http_set_cache_limit      (MmlHttp         *self,
                                        guint64          bytes);       /* default 50 MiB */
/* How many JSON values (see MML_HTTP_MAX_JSON_VALUES) all the replies being
 * parsed at once may hold together; a reply that does not fit waits until
 * the ones before it were handed to their callers. A reply larger than the
 * budget is parsed alone. */
void     mml_http_set_parse_budget     (MmlHttp         *self,
                                        guint            values);      /* default MML_HTTP_MAX_JSON_VALUES */

/* Waiting for the network. With FALSE (the default) a request made while the
 * network monitor says offline fails at once with MML_HTTP_ERROR_OFFLINE.
 * With TRUE it is kept, unsent, until the monitor reports the network again
 * (same trust rules as above), then goes on as usual (rate limits, retries);
 * it can still be cancelled while it waits. An attempt that fails to connect
 * (or times out) while the monitor says offline waits the same way, and that
 * attempt does not count as a retry. A fresh cache entry is still served at
 * once. Turning it off fails every waiting request with MML_HTTP_ERROR_OFFLINE. */
void     mml_http_set_wait_for_network (MmlHttp         *self,
                                        gboolean         wait);
/* Whether the network monitor says the network is available (property
 * "online", notified on change). With the default monitor a loopback host is
 * still reached while this is FALSE. Reading it starts watching the monitor. */
gboolean mml_http_get_online           (MmlHttp         *self);
/* How many requests are waiting for the network (property "waiting",
 * notified on change): offline and waiting > 0 means "Waiting for the network…". */
guint    mml_http_get_waiting          (MmlHttp         *self);
/* Requests actually sent over the network since creation: every attempt
 * counts (retries, revalidations answered 304); cache hits and requests
 * waiting for the network do not. */
guint64  mml_http_get_requests_sent    (MmlHttp         *self);

/* Caching (with a cache_dir and ttl_seconds > 0): a reply that carried an
 * ETag or Last-Modified is revalidated on every request (a 304 serves the
 * cached body); one without is served from disk for ttl_seconds. A fresh
 * entry is served even while offline. Cache hits report status 200. */
typedef struct {
  const char *const *headers;   /* NULL-terminated "Name", "Value", "Name", "Value" … or NULL */
  guint       ttl_seconds;      /* cache lifetime when the server gives no validator; 0 = do not cache */
  const char *body_json;        /* non-NULL: POST this JSON instead of GET; such a POST
                                 * is retried like a GET (the TVDB login is safe to
                                 * repeat), and never cached */
  gboolean    no_redirect;      /* TRUE: do not follow redirects; a 3xx reply (other than
                                 * 304) is a success: its status, its Location through
                                 * mml_http_result_get_location(), and its body parsed if
                                 * it is a JSON object or list, else a NULL node (no error).
                                 * Cached like any reply when ttl_seconds > 0. */
} MmlHttpRequest;

void      mml_http_get_json_async  (MmlHttp              *self,
                                    const char           *url,
                                    const MmlHttpRequest *req /* nullable */,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
/* Returns the JSON (an object or a list), or NULL with @error set; NULL
 * without an error only for a 3xx reply to a no_redirect request. */
JsonNode *mml_http_get_json_finish (MmlHttp              *self,
                                    GAsyncResult         *result,
                                    guint                *status /* out, nullable */,
                                    GError              **error);

/* The body as it came (an image…), through the same limits, retries,
 * offline handling and disk cache (30 days, or revalidated) as JSON.
 * @max_bytes: 0 means the session's body limit. */
void      mml_http_get_bytes_async  (MmlHttp              *self,
                                     const char           *url,
                                     gsize                 max_bytes,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GBytes   *mml_http_get_bytes_finish (MmlHttp              *self,
                                     GAsyncResult         *result,
                                     GError              **error);

/* --- any method, any body ------------------------------------------- */

typedef enum {
  MML_HTTP_METHOD_GET,
  MML_HTTP_METHOD_HEAD,
  MML_HTTP_METHOD_POST,
  MML_HTTP_METHOD_PUT,
  MML_HTTP_METHOD_DELETE,
  MML_HTTP_METHOD_PATCH,
} MmlHttpMethod;

/* "GET", "POST"…; NULL for a value out of range. */
const char *mml_http_method_to_string     (MmlHttpMethod method);
/* GET, HEAD, PUT and DELETE: sending them twice does no more than once. */
gboolean    mml_http_method_is_idempotent (MmlHttpMethod method);

#define MML_HTTP_CONTENT_TYPE_FORM "application/x-www-form-urlencoded"
#define MML_HTTP_CONTENT_TYPE_JSON "application/json"

/* @pairs ("key", "value", "key", "value", …, NULL) encoded as an
 * application/x-www-form-urlencoded body, in order (UTF-8; a space is "+",
 * everything but letters, digits and "*-._" is %XX). */
GBytes     *mml_http_form_encode          (const char *const *pairs);

/* What mml_http_send_async() sends. Start from { 0 }: a GET without body.
 *
 * Retries: an idempotent method (GET, HEAD, PUT, DELETE) is retried like
 * the JSON requests (429, 5xx, timeouts, connection errors; backoff,
 * Retry-After). POST and PATCH are sent at most once: the first 429/5xx,
 * timeout or connection error is final, unless @retry_unsafe.
 * Only a GET without a body is cached (with @ttl_seconds > 0); the body of a
 * request is never logged nor written to disk, and header values are never
 * logged. */
typedef struct {
  MmlHttpMethod      method;
  const char *const *headers;       /* NULL-terminated "Name", "Value", … or NULL
                                     * ("X-Plex-Token", "…", "Accept", "application/xml") */
  GBytes            *body;          /* nullable: no body */
  const char        *content_type;  /* of @body; NULL: a Content-Type among @headers,
                                     * else "application/octet-stream" */
  guint              ttl_seconds;   /* as MmlHttpRequest; GET only */
  gboolean           no_redirect;   /* a 3xx reply (but 304) is the response, not followed:
                                     * mml_http_response_get_location() says where to */
  gboolean           retry_unsafe;  /* POST/PATCH: retried like an idempotent method */
  gboolean           any_status;    /* a 4xx/5xx reply (after the retries) is the response,
                                     * its body read, not an MML_HTTP_ERROR */
  gsize              max_body;      /* of the reply; 0: the session's limit */
} MmlHttpSendOptions;

/* A reply: immutable, reference-counted, readable from any thread. */
typedef struct _MmlHttpResponse MmlHttpResponse;

#define MML_TYPE_HTTP_RESPONSE (mml_http_response_get_type ())
GType             mml_http_response_get_type         (void) G_GNUC_CONST;
MmlHttpResponse  *mml_http_response_ref              (MmlHttpResponse *self);
void              mml_http_response_unref            (MmlHttpResponse *self);
/* 2xx; a 3xx with no_redirect; anything with any_status. A reply from the
 * cache (fresh, or revalidated by a 304) says 200. */
guint             mml_http_response_get_status       (MmlHttpResponse *self);
/* Header @name (any case), repeated ones joined by ", "; NULL if absent. */
const char       *mml_http_response_get_header       (MmlHttpResponse *self,
                                                      const char      *name);
/* Every header as received: "Name", "Value", …, NULL (never NULL itself). */
const char *const *mml_http_response_get_headers     (MmlHttpResponse *self);
/* The media type of Content-Type, lower-case, without parameters; or NULL. */
const char       *mml_http_response_get_content_type (MmlHttpResponse *self);
/* The body as received (empty for HEAD, 204…), never NULL. */
GBytes           *mml_http_response_get_body         (MmlHttpResponse *self);
/* The URL that answered (after the redirects that were followed). */
const char       *mml_http_response_get_final_url    (MmlHttpResponse *self);
/* For a 3xx: its Location resolved against the request URL; else NULL. */
const char       *mml_http_response_get_location     (MmlHttpResponse *self);
gboolean          mml_http_response_is_from_cache    (MmlHttpResponse *self);
/* The body parsed as a JSON object or list (same limits as
 * mml_http_get_json_finish()), or NULL with MML_HTTP_ERROR_MALFORMED. */
JsonNode         *mml_http_response_dup_json         (MmlHttpResponse *self,
                                                      GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlHttpResponse, mml_http_response_unref)

/* Send @options (NULL: a plain GET) to @url through the same queue, rate
 * limits, timeouts, offline handling and cache as the JSON requests. */
void              mml_http_send_async                (MmlHttp                  *self,
                                                      const char               *url,
                                                      const MmlHttpSendOptions *options /* nullable */,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
/* The response (transfer full), or NULL with @error set: MML_HTTP_ERROR as
 * for JSON (but MALFORMED: the body is not parsed), G_IO_ERROR_CANCELLED,
 * or G_IO_ERROR_INVALID_ARGUMENT for a header that cannot be sent. */
MmlHttpResponse  *mml_http_send_finish               (MmlHttp                  *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

/* the final URL after redirects (TVmaze lookup answers with a 301 to /shows/ID), valid on success: */
char     *mml_http_result_get_final_url (MmlHttp      *self,
                                         GAsyncResult *result);

/* With MmlHttpRequest.no_redirect and a 3xx reply: the Location header
 * resolved against the request URL (transfer full); NULL otherwise, or when
 * the reply had no usable Location. */
char     *mml_http_result_get_location  (MmlHttp      *self,
                                         GAsyncResult *result);

/* TRUE when the JSON came from the disk cache (fresh within its TTL, or a 304). */
gboolean  mml_http_result_from_cache    (MmlHttp      *self,
                                         GAsyncResult *result);

/* @url with the values of secret-looking query parameters (api_key, apikey,
 * token, access_token, key, pin, password, secret…) and any user:password
 * replaced by "REDACTED". Use it in every message and log line. */
char     *mml_http_redact_url      (const char           *url);

G_END_DECLS
