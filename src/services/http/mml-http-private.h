/* mml-http-private.h — internals shared by mml-http.c and mml-http-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "mml-http.h"

G_BEGIN_DECLS

/* What every request says it is, unless it names itself (see mml-http.c) */
#include "config.h"
#define MML_HTTP_USER_AGENT "MyMediaLibrary/" PACKAGE_VERSION " (+https://github.com/mml)"

/* A Retry-After is read up to this (about 136 years), in milliseconds. */
#define MML_HTTP_RETRY_AFTER_MAX_MS ((guint64) G_MAXUINT32 * 1000)

/* The disk cache's default limit. */
#define MML_HTTP_CACHE_LIMIT_DEFAULT (50 * 1024 * 1024)

/* What a JSON body holds, found by reading its bytes once (in pieces, as
 * they arrive) without building anything: how deep it nests and how many
 * values it has (1 + the commas + the non-empty objects and lists, outside
 * strings). Start from { 0 }. Over MML_HTTP_MAX_JSON_DEPTH or
 * MML_HTTP_MAX_JSON_VALUES, or at a byte that JSON has only inside a string
 * (json-glib would take a comment or a 'string' that hides a '"'), it stops
 * and says so. json-glib parses recursively and takes 100 to 300 bytes a
 * value: both limits must hold before a body is parsed. */
typedef struct
{
  guint64  values;
  guint    depth;
  guint    max_depth;
  gboolean in_string;
  gboolean escaped;
  gboolean opened;        /* after "[" or "{", before the next token */
  gboolean started;
  gboolean begun;         /* a byte other than a byte order mark was seen */
  guint    bom;           /* bytes of a leading byte order mark seen */
  gboolean invalid;       /* a byte JSON never has outside a string */
  gboolean over;          /* a limit was passed (or invalid): the counts stop there */
} MmlHttpJsonScan;

/* Feed @len bytes; FALSE once the body is over a limit. */
gboolean           _mml_http_json_scan         (MmlHttpJsonScan         *scan,
                                                const char              *data,
                                                gsize                    len);
/* The MML_HTTP_ERROR_MALFORMED error of a scan that went over a limit. */
GError            *_mml_http_json_scan_error   (const MmlHttpJsonScan   *scan,
                                                const char              *label);

/* One cached response: the body with the validators the server gave. */
typedef struct
{
  GBytes *body;
  char   *etag;           /* nullable */
  char   *last_modified;  /* nullable */
  char   *final_url;      /* nullable: the request URL */
  gint64  fetched;        /* unix seconds */
  guint   status;         /* 0: 200; else a 3xx kept for a no_redirect request */
  char   *location;       /* nullable: the resolved Location of that 3xx */
  char   *content_type;   /* nullable: the reply's Content-Type header */
} MmlHttpCacheEntry;

/* A 3xx reply that a no_redirect request returns rather than follows. */
#define MML_HTTP_STATUS_IS_KEPT_REDIRECT(status) \
  ((status) >= 300 && (status) < 400 && (status) != 304)

char              *_mml_http_cache_path        (const char              *cache_dir,
                                                const char              *method,
                                                const char              *url,
                                                const char              *body,
                                                gboolean                 no_redirect);
MmlHttpCacheEntry *_mml_http_cache_entry_load  (const char              *path);
gboolean           _mml_http_cache_entry_save  (const char              *path,
                                                const MmlHttpCacheEntry *entry,
                                                gsize                   *written /* out, nullable: bytes */,
                                                GError                 **error);
void               _mml_http_cache_entry_free  (MmlHttpCacheEntry       *entry);
gboolean           _mml_http_cache_entry_has_validator (const MmlHttpCacheEntry *entry);
void               _mml_http_cache_clear       (const char              *cache_dir);
/* Mark @path used now (its mtime: the cache's least-recently-used order). */
void               _mml_http_cache_touch       (const char              *path);
/* Remove the least recently used entries of @cache_dir until it holds at
 * most @target bytes, if it holds more than @limit. Returns what it holds
 * then. Blocking: a worker thread's. */
guint64            _mml_http_cache_trim        (const char              *cache_dir,
                                                guint64                  limit,
                                                guint64                  target);

JsonNode          *_mml_http_parse_json        (GBytes                  *body,
                                                const char              *label,
                                                GError                 **error);
JsonNode          *_mml_http_parse_json_lenient (GBytes                 *body);
/* Delta-seconds or an HTTP date, in ms, at most MML_HTTP_RETRY_AFTER_MAX_MS. */
gboolean           _mml_http_parse_retry_after (const char              *value,
                                                gint64                   now_unix,
                                                guint64                 *out_ms);
/* "45 seconds", "3 minutes", "28 hours", "12 days", "73 years": @ms rounded
 * to the nearest unit that reads well (never "0"). */
char              *_mml_http_format_wait       (guint64                  ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlHttpCacheEntry, _mml_http_cache_entry_free)

/* --- the MmlHttp instance and its requests (mml-http.c, mml-http-request.c) --- */

/* What is kept per server: per host and port (see _mml_http_host_key()). */
typedef struct
{
  char   *label;          /* nullable: the host is shown */
  guint   max_requests;   /* 0: no limit */
  guint   per_seconds;
  GArray *sent;           /* gint64 monotonic µs of the requests in the window */
  gint64  not_before;     /* monotonic µs: the server asked us to wait */
  guint   not_before_status;  /* the status of the reply that asked it */
} MmlHttpHost;

struct _MmlHttp
{
  GObject          parent_instance;

  GMainContext    *context;
  SoupSession     *session;
  char            *cache_dir;
  GHashTable      *hosts;            /* _mml_http_host_key() → MmlHttpHost */
  GQueue           waiting;          /* GTask, not owned (the request owns it) */
  GQueue           offline;          /* GTask waiting for the network, not owned either */
  guint            active;
  guint64          requests_sent;

  guint            max_concurrent;
  guint            max_retries;
  guint            base_delay_ms;
  guint            max_delay_ms;
  guint            timeout_s;
  gsize            max_body;

  GNetworkMonitor *monitor;
  gulong           monitor_handler;
  gboolean         monitor_injected;  /* trusted even for loopback hosts */
  gboolean         wait_for_network;
  gboolean         online;            /* the "online" property, as last notified */

  GSource         *pump_source;
  gint64           pump_at;

  /* JSON parsing: the values (MmlHttpJsonScan) of the replies being
   * parsed or handed over, and the requests waiting for room */
  guint64          parse_budget;
  guint64          parse_used;
  guint64          parse_peak;        /* the most parse_used has been (tests) */
  GQueue           parse_waiting;     /* GTask, not owned */

  /* the disk cache's size: an estimate, measured again by each trim */
  guint64          cache_limit;       /* 0: none */
  gint64           cache_size;        /* -1: not measured yet */
  guint64          cache_written;     /* bytes written while a trim runs */
  gboolean         trim_running;
  guint            trims;             /* trims done (tests) */
};

typedef enum
{
  MML_HTTP_STATE_CACHE,
  MML_HTTP_STATE_WAITING,
  MML_HTTP_STATE_OFFLINE,
  MML_HTTP_STATE_IN_FLIGHT,
  MML_HTTP_STATE_BACKOFF,
  MML_HTTP_STATE_PARSE_WAITING,  /* in self->parse_waiting until the parse budget has room */
  MML_HTTP_STATE_PARSING,
  MML_HTTP_STATE_DONE,
} MmlHttpState;

typedef struct
{
  MmlHttp           *self;          /* the task's source object */
  GTask             *task;          /* owned until completed */
  MmlHttpState       state;

  char              *url;
  char              *redacted;
  char              *host;           /* lower-case, without the port: for loopback checks and messages */
  char              *key;            /* _mml_http_host_key() of url: its label */
  char              *method;
  MmlHttpMethod      method_id;
  GStrv              headers;
  GBytes            *req_body;       /* nullable; never logged nor cached */
  char              *req_content_type;
  guint              ttl;
  gboolean           no_redirect;
  gboolean           raw;            /* mml_http_get_bytes_async() and mml_http_send_async():
                                      * the body as GBytes, not JSON */
  gboolean           response;       /* mml_http_send_async(): completed with an MmlHttpResponse */
  gboolean           may_resend;     /* retry after a reply or an error (idempotent, or opted in) */
  gboolean           any_status;     /* a 4xx/5xx reply is read and returned, not an error */
  gsize              max_body;       /* 0: the session's limit */
  gboolean           loopback;
  char              *cache_path;     /* NULL: no cache for this request */
  MmlHttpCacheEntry *cached;

  guint              retries;        /* retries done so far */
  guint              timeouts;       /* attempts that timed out */
  gint64             first_sent;     /* monotonic µs of the first attempt, or 0 */

  /* where the current attempt goes, after redirects (NULL: url, key);
   * hop_key is the server whose rate limit and Retry-After it obeys */
  char              *hop_url;
  char              *hop_key;
  gboolean           hop_as_get;     /* a 303 (or a 301/302 after a POST): GET, no body */
  guint              redirects;      /* followed in this attempt */
  char              *redirect_to;    /* the next hop, while the 3xx's body is read */

  MmlHttpJsonScan    scan;           /* of the body being read (JSON requests) */
  guint64            cached_values;  /* of r->cached's body */
  guint64            parse_cost;     /* values held in self->parse_used */
  struct _MmlHttpParseJob *pending_parse; /* while PARSE_WAITING */
  gboolean           cache_hit;      /* parsing a fresh cache entry: a damaged one goes to the network */
  guint              status;
  char              *final_url;
  char              *location;       /* a kept redirect's, resolved */
  gboolean           from_cache;
  char              *etag;           /* validators of the reply */
  char              *last_modified;
  SoupMessageHeaders *response_headers; /* of the last reply, nullable */
  char              *content_type;   /* of a cached reply */

  SoupMessage       *msg;
  GInputStream      *stream;
  GByteArray        *body;
  GCancellable      *attempt_cancellable;
  gboolean           timed_out;
  GSource           *timer;          /* attempt timeout or backoff */
  GSource           *cancel_source;
  GError            *last_error;     /* of the last attempt, while backing off */
} MmlHttpJob;

typedef struct _MmlHttpParseJob
{
  GBytes            *body;
  char              *label;
  char              *cache_path;     /* nullable: do not write */
  MmlHttpCacheEntry *entry;          /* what to write, body included */
  gboolean           only_lookup;    /* CACHE state: parse only when fresh */
  gboolean           lenient;        /* a kept redirect: anything but an object or a list is NULL, no error */
  gboolean           raw;            /* no parsing: the result is the body (GBytes) */
  guint              ttl;
  gboolean           fresh;
  guint64            values;         /* CACHE state, JSON: the values of the entry's body */
  gsize              written;        /* bytes written to the cache */
} MmlHttpParseJob;

/* mml-http.c */
/* "host:port" of @uri (an http or https URI with a host), lower-case, the
 * scheme's default port when it has none; "[v6 address]:port". The one key
 * of every per-server state: set by mml_http_set_host_limit() and
 * mml_http_set_host_label(), looked up for each request and redirect. */
char        *_mml_http_host_key          (GUri         *uri);
MmlHttpHost *_mml_http_host_get          (MmlHttp      *self,
                                          const char   *key);
const char  *_mml_http_host_label        (MmlHttpJob   *r);
const char  *_mml_http_hop_key           (MmlHttpJob   *r);
GSource     *_mml_http_attach_timeout    (MmlHttp      *self,
                                          guint         ms,
                                          GSourceFunc   func,
                                          gpointer      data);
void         _mml_http_clear_source      (GSource     **source);
gboolean     _mml_http_is_offline        (MmlHttp      *self,
                                          MmlHttpJob   *r);
void         _mml_http_enqueue           (GTask        *task,
                                          gboolean      at_head);
void         _mml_http_waiting_changed   (MmlHttp      *self);
void         _mml_http_online_changed    (MmlHttp      *self);
gboolean     _mml_http_is_loopback       (const char   *host);
GError      *_mml_http_offline_error     (MmlHttp      *self,
                                          MmlHttpJob   *r);
void         _mml_http_pump              (MmlHttp      *self);

/* mml-http-response.c */
MmlHttpResponse *_mml_http_response_new   (MmlHttpJob   *r,
                                          GBytes       *body);
/* Whether @name and @value may go into a request: no CR/LF, a token name. */
gboolean     _mml_http_header_ok          (const char   *name,
                                          const char   *value);

/* Headers copied out of a SoupMessageHeaders, immutable afterwards: in
 * order as "Name", "Value" pairs, and by lower-case name (repeated ones
 * joined by ", "). */
typedef struct
{
  GPtrArray  *pairs;    /* char *, NULL-terminated */
  GHashTable *joined;
} MmlHttpHeaderSet;

void         _mml_http_header_set_init   (MmlHttpHeaderSet   *set,
                                          SoupMessageHeaders *headers /* nullable */,
                                          const char *const  *skip    /* nullable: lower-case names left out */);
void         _mml_http_header_set_add    (MmlHttpHeaderSet   *set,
                                          const char         *name,
                                          const char         *value);
const char  *_mml_http_header_set_lookup (const MmlHttpHeaderSet *set,
                                          const char         *name);
void         _mml_http_header_set_clear  (MmlHttpHeaderSet   *set);

/* mml-http-request.c */
void         _mml_http_request_free      (gpointer      data);
/* Parse (or, raw, only cache) @job (owned) for @r within the parse budget:
 * now, or once there is room. */
void         _mml_http_parse_start       (MmlHttpJob      *r,
                                          MmlHttpParseJob *job);
/* The error of a request that will not wait @wait_ms for its server. */
GError      *_mml_http_wait_error        (MmlHttpJob   *r,
                                          guint         status,
                                          guint64       wait_ms);
/* Account for @bytes written to the disk cache; trim it when over its limit. */
void         _mml_http_cache_written     (MmlHttp      *self,
                                          gsize         bytes);
void         _mml_http_request_complete  (MmlHttpJob   *r,
                                          gpointer      value,
                                          GError       *error);
void         _mml_http_result_free       (MmlHttpJob   *r,
                                          gpointer      value);
gboolean     _mml_http_user_cancelled    (MmlHttpJob   *r);
GError      *_mml_http_cancelled_error   (void);
void         _mml_http_request_start     (GTask        *task);

/* mml-http-cache.c: the worker of the cache lookup and of parsing */
void         _mml_http_parse_job_free    (gpointer      data);
void         _mml_http_parse_worker      (GTask        *task,
                                          gpointer      source_object,
                                          gpointer      task_data,
                                          GCancellable *cancellable);

G_END_DECLS
