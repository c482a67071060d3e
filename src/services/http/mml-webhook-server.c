/* mml-webhook-server.c — the webhook receiver (see the header)
 *
 * Everything that can be decided from the request line and headers (rate
 * limit, secret, path, method, Content-Length) is decided in the early
 * handler, before the body is read; a refused body is then read and thrown
 * away (so that the client sees the answer), up to a cap past which the
 * connection is cut. The body is collected here, not by libsoup, so that a
 * chunked body over the limit is never held in memory.
 *
 * With the secret in the path, libsoup is asked for raw paths: the last
 * segment is split off before anything is decoded, so that a secret with
 * an escaped "/" in it is still one segment, and it is then decoded and
 * compared like a header's. Such a server logs no path but a route's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-webhook"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mml-http-private.h"
#include "mml-webhook-server.h"

#define DEFAULT_MAX_BODY      (4 * 1024 * 1024)
#define DEFAULT_RATE_MAX      60
#define DEFAULT_RATE_SECONDS  60
#define MAX_CLIENTS           1024            /* rate-limit buckets kept at once */
#define DRAIN_SLACK_MIN       (1024 * 1024)   /* of a refused body, read and dropped */
#define STATE_KEY             "mml-webhook-state"
#define STATUS_TOO_MANY_REQUESTS 429          /* not named by libsoup 3.2 */

/* Header names (lower-case) a handler never sees: they may carry the secret. */
static const char *const secret_headers[] = { "authorization", "x-mml-token", NULL };

/* --- requests --------------------------------------------------------- */

struct _MmlWebhookRequest
{
  gatomicrefcount  ref;
  char            *method;
  char            *path;
  char            *client;
  MmlHttpHeaderSet headers;
  GHashTable      *query;          /* decoded, without the token; nullable */
  char            *content_type;
  GBytes          *body;
  JsonNode        *payload;
  GBytes          *thumbnail;
  char            *thumbnail_type;
};

G_DEFINE_BOXED_TYPE (MmlWebhookRequest, mml_webhook_request,
                     mml_webhook_request_ref, mml_webhook_request_unref)

MmlWebhookRequest *
mml_webhook_request_ref (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
mml_webhook_request_unref (MmlWebhookRequest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->method);
  g_free (self->path);
  g_free (self->client);
  _mml_http_header_set_clear (&self->headers);
  g_clear_pointer (&self->query, g_hash_table_unref);
  g_free (self->content_type);
  g_bytes_unref (self->body);
  g_clear_pointer (&self->payload, json_node_unref);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);
  g_free (self->thumbnail_type);
  g_free (self);
}

const char *
mml_webhook_request_get_method (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->method;
}

const char *
mml_webhook_request_get_path (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
mml_webhook_request_get_header (MmlWebhookRequest *self,
                                const char        *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  return _mml_http_header_set_lookup (&self->headers, name);
}

const char *const *
mml_webhook_request_get_headers (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *const *) self->headers.pairs->pdata;
}

const char *
mml_webhook_request_get_query (MmlWebhookRequest *self,
                               const char        *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return self->query != NULL ? g_hash_table_lookup (self->query, name) : NULL;
}

const char *
mml_webhook_request_get_content_type (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->content_type;
}

GBytes *
mml_webhook_request_get_body (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

JsonNode *
mml_webhook_request_get_payload (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->payload;
}

GBytes *
mml_webhook_request_get_thumbnail (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->thumbnail;
}

const char *
mml_webhook_request_get_thumbnail_type (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->thumbnail_type;
}

const char *
mml_webhook_request_get_client (MmlWebhookRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client;
}

/* --- the server ------------------------------------------------------- */

typedef struct
{
  char              *path;
  GStrv              methods;       /* upper-case */
  char              *allow;         /* "POST, PUT" */
  MmlWebhookHandler  handler;
  gpointer           user_data;
  GDestroyNotify     destroy;
} Route;

typedef struct
{
  double tokens;
  gint64 updated;                  /* monotonic µs */
} Bucket;

struct _MmlWebhookServer
{
  GObject      parent_instance;

  SoupServer  *server;
  guint8       secret_digest[32];
  GHashTable  *routes;             /* path → Route */
  GHashTable  *clients;            /* address → Bucket */
  gboolean     secret_path;        /* the secret is the path's last segment */
  char        *prefix;             /* the secret-path mode's prefix, "/webhook" */
  guint        refused;            /* wrong secret or path */
  gsize        max_body;
  guint        rate_max;
  guint        rate_seconds;
  guint        port;
  char        *base_url;
};

G_DEFINE_TYPE (MmlWebhookServer, mml_webhook_server, G_TYPE_OBJECT)

/* What is known of a request between its headers and its body. */
typedef struct
{
  GByteArray *body;                /* NULL once refused */
  char       *route;               /* the route's path, once accepted */
  gsize       max_body;
  guint64     cap;                 /* read at most this much of a refused body */
  guint64     seen;
  gboolean    refused;             /* a status is set: the handler is not called */
  gboolean    cut;
  gboolean    quiet;               /* refused for its secret or path: not logged */
} MsgState;

static void
msg_state_free (gpointer data)
{
  MsgState *state = data;

  g_clear_pointer (&state->body, g_byte_array_unref);
  g_free (state->route);
  g_free (state);
}

static void
route_free (gpointer data)
{
  Route *route = data;

  if (route->destroy != NULL)
    route->destroy (route->user_data);
  g_free (route->path);
  g_strfreev (route->methods);
  g_free (route->allow);
  g_free (route);
}

static void
sha256 (const char *text,
        guint8      digest[32])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 32;

  g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (sum, digest, &len);
  g_assert (len == 32);
}

/* Only the digests are compared, every byte of them: the time taken says
 * nothing of how much of the secret was right, nor of its length. */
static gboolean
secret_matches (MmlWebhookServer *self,
                const char       *given)
{
  guint8 digest[32];
  guint8 diff = 0;

  if (given == NULL)
    return FALSE;
  sha256 (given, digest);
  for (gsize i = 0; i < sizeof digest; i++)
    diff |= digest[i] ^ self->secret_digest[i];
  return diff == 0;
}

static const char *
given_secret (SoupServerMessage *msg,
              GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value;

  if ((value = soup_message_headers_get_one (headers, MML_WEBHOOK_TOKEN_HEADER)) != NULL)
    return value;
  if ((value = soup_message_headers_get_one (headers, "Authorization")) != NULL
      && g_ascii_strncasecmp (value, "Bearer ", 7) == 0)
    return value + 7;
  if (query != NULL && (value = g_hash_table_lookup (query, MML_WEBHOOK_TOKEN_PARAM)) != NULL)
    return value;
  return NULL;
}

/* A token bucket per client address: FALSE, with the seconds to wait, when
 * @client has none left. */
static gboolean
rate_allows (MmlWebhookServer *self,
             const char       *client,
             guint            *retry_after)
{
  gint64 now = g_get_monotonic_time ();
  double per_usec, capacity = self->rate_max;
  Bucket *bucket;

  if (self->rate_max == 0)
    return TRUE;
  per_usec = capacity / ((double) self->rate_seconds * G_USEC_PER_SEC);

  bucket = g_hash_table_lookup (self->clients, client);
  if (bucket == NULL)
    {
      if (g_hash_table_size (self->clients) >= MAX_CLIENTS)
        {
          GHashTableIter iter;
          Bucket *other;

          /* forget the clients whose bucket has filled up again */
          g_hash_table_iter_init (&iter, self->clients);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
            if (other->tokens + (now - other->updated) * per_usec >= capacity)
              g_hash_table_iter_remove (&iter);
        }
      if (g_hash_table_size (self->clients) >= MAX_CLIENTS)
        {
          /* that many busy clients at once: newcomers wait */
          *retry_after = self->rate_seconds;
          return FALSE;
        }
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = capacity;
      bucket->updated = now;
      g_hash_table_insert (self->clients, g_strdup (client), bucket);
    }

  bucket->tokens = MIN (capacity, bucket->tokens + (now - bucket->updated) * per_usec);
  bucket->updated = now;
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }
  *retry_after = (guint) MAX (1.0, ceil ((1.0 - bucket->tokens) / per_usec / G_USEC_PER_SEC));
  return FALSE;
}

/* The route @raw_path (not decoded) names with the secret as its last
 * segment, or NULL. The secret is digested and compared whatever the rest
 * of the path is. */
static Route *
secret_path_route (MmlWebhookServer *self,
                   const char       *raw_path)
{
  const char *slash = raw_path != NULL ? strrchr (raw_path, '/') : NULL;
  g_autofree char *given = NULL;
  g_autofree char *base_raw = NULL;
  g_autofree char *base = NULL;
  gboolean matches;
  Route *route = NULL;

  if (slash == NULL)
    return NULL;
  /* NULL for a broken escape or an escaped NUL: still digest something */
  given = g_uri_unescape_string (slash + 1, NULL);
  matches = secret_matches (self, given != NULL ? given : "");
  base_raw = g_strndup (raw_path, (gsize) (slash - raw_path));
  base = g_uri_unescape_string (base_raw[0] != '\0' ? base_raw : "/", "/");
  if (base != NULL)
    route = g_hash_table_lookup (self->routes, base);
  return matches && given != NULL ? route : NULL;
}

static const char *
client_of (SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);

  return host != NULL ? host : "unknown";
}

/* Answer @status with a short plain-text @text; the handler is not called. */
static void
refuse (SoupServerMessage *msg,
        MsgState          *state,
        guint              status,
        const char        *reason,
        const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *body = g_strconcat (text, "\n", NULL);

  soup_server_message_set_status (msg, status, reason);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    soup_message_headers_replace (headers, "Connection", "close");
  if (state != NULL)
    {
      state->refused = TRUE;
      g_clear_pointer (&state->body, g_byte_array_unref);
    }
}

/* Past the cap of a refused body: stop reading it. The client gets no
 * answer, but no more of our time either. */
static void
cut (SoupServerMessage *msg,
     MsgState          *state)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (state->cut)
    return;
  state->cut = TRUE;
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  MsgState *state = user_data;
  gsize size = g_bytes_get_size (chunk);

  state->seen += size;
  if (!state->refused && state->body->len + size > state->max_body)
    refuse (msg, state, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL, "Payload Too Large");
  if (state->refused)
    {
      if (state->seen > state->cap)
        cut (msg, state);
      return;
    }
  g_byte_array_append (state->body, g_bytes_get_data (chunk, NULL), size);
}

/* Everything the headers tell, before the body is read: refused (a status
 * is set, the handler will not be called), or on to handler_cb(). */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  MmlWebhookServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  MsgState *state = g_new0 (MsgState, 1);
  guint retry_after = 0;
  Route *route;

  /* Collected by got_chunk_cb(), up to the limit, not by libsoup. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  state->body = g_byte_array_new ();
  state->max_body = self->max_body;
  state->cap = (guint64) self->max_body + MAX (self->max_body, (gsize) DRAIN_SLACK_MIN);
  g_object_set_data_full (G_OBJECT (msg), STATE_KEY, state, msg_state_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), state);

  if (!rate_allows (self, client_of (msg), &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (response, "Retry-After", seconds);
      refuse (msg, state, STATUS_TOO_MANY_REQUESTS, "Too Many Requests", "Too Many Requests");
      return;
    }
  if (self->secret_path)
    {
      /* a wrong secret, a wrong path, no secret: all the same 404 */
      if ((route = secret_path_route (self, path)) == NULL)
        {
          self->refused++;
          state->quiet = TRUE;
          refuse (msg, state, SOUP_STATUS_NOT_FOUND, NULL, "Not Found");
          return;
        }
    }
  else
    {
      if (!secret_matches (self, given_secret (msg, query)))
        {
          self->refused++;
          soup_message_headers_replace (response, "WWW-Authenticate", "Bearer realm=\"mml-webhook\"");
          refuse (msg, state, SOUP_STATUS_UNAUTHORIZED, NULL, "Unauthorized");
          return;
        }
      if ((route = g_hash_table_lookup (self->routes, path)) == NULL)
        {
          self->refused++;
          refuse (msg, state, SOUP_STATUS_NOT_FOUND, NULL, "Not Found");
          return;
        }
    }
  state->route = g_strdup (route->path);
  if (!g_strv_contains ((const char *const *) route->methods, method))
    {
      soup_message_headers_replace (response, "Allow", route->allow);
      refuse (msg, state, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, "Method Not Allowed");
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) self->max_body)
    {
      refuse (msg, state, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL, "Payload Too Large");
      return;
    }
}

/* --- the body --------------------------------------------------------- */

static gboolean
is_json_type (const char *type)
{
  return type != NULL
         && (strcmp (type, "application/json") == 0 || strcmp (type, "text/json") == 0
             || g_str_has_suffix (type, "+json"));
}

static char *
lower_or_null (const char *text)
{
  return text != NULL ? g_ascii_strdown (text, -1) : NULL;
}

/* The payload and thumbnail of a multipart body; FALSE with @why. */
static gboolean
parse_multipart (MmlWebhookRequest  *request,
                 SoupMessageHeaders *headers,
                 const char        **why)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, request->body);
  int n;

  if (multipart == NULL)
    {
      *why = "malformed multipart body";
      return FALSE;
    }
  n = soup_multipart_get_length (multipart);
  for (int i = 0; i < n; i++)
    {
      SoupMessageHeaders *part_headers = NULL;
      GBytes *part_body = NULL;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name, *filename;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body)
          || !soup_message_headers_get_content_disposition (part_headers, &disposition, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      filename = g_hash_table_lookup (params, "filename");
      if (request->payload == NULL && filename == NULL
          && (g_strcmp0 (name, "payload") == 0 || g_strcmp0 (name, "data") == 0))
        {
          if ((request->payload = _mml_http_parse_json (part_body, "webhook", NULL)) == NULL)
            {
              *why = "the payload part is not a JSON object or list";
              return FALSE;
            }
        }
      else if (request->thumbnail == NULL && filename != NULL)
        {
          request->thumbnail = g_bytes_ref (part_body);
          request->thumbnail_type = lower_or_null (soup_message_headers_get_content_type (part_headers, NULL));
        }
    }
  if (request->payload == NULL)
    {
      *why = "no payload part";
      return FALSE;
    }
  return TRUE;
}

static MmlWebhookRequest *
request_new (SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             GBytes            *body)
{
  MmlWebhookRequest *request = g_new0 (MmlWebhookRequest, 1);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  g_atomic_ref_count_init (&request->ref);
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->client = g_strdup (client_of (msg));
  _mml_http_header_set_init (&request->headers, headers, secret_headers);
  if (query != NULL)
    {
      GHashTableIter iter;
      const char *key, *value;

      request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
        if (strcmp (key, MML_WEBHOOK_TOKEN_PARAM) != 0)
          g_hash_table_insert (request->query, g_strdup (key), g_strdup (value));
    }
  request->content_type = lower_or_null (soup_message_headers_get_content_type (headers, NULL));
  request->body = g_bytes_ref (body);
  return request;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autoptr(MmlWebhookServer) self = g_object_ref (user_data);   /* a handler may drop it */
  MsgState *state = g_object_get_data (G_OBJECT (msg), STATE_KEY);
  g_autoptr(MmlWebhookRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *why = NULL;
  Route *route;
  guint status;

  /* by the route early_cb() found: in the secret-path mode, @path holds
   * the secret */
  route = state != NULL && state->route != NULL ? g_hash_table_lookup (self->routes, state->route) : NULL;
  if (state == NULL || state->body == NULL || route == NULL)
    {
      refuse (msg, state, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, "Internal Server Error");
      return;
    }
  body = g_byte_array_free_to_bytes (g_steal_pointer (&state->body));
  request = request_new (msg, route->path, query, body);

  if (request->content_type != NULL && g_str_has_prefix (request->content_type, "multipart/"))
    parse_multipart (request, soup_server_message_get_request_headers (msg), &why);
  else if (is_json_type (request->content_type)
           && (request->payload = _mml_http_parse_json (body, "webhook", NULL)) == NULL)
    why = "the body is not a JSON object or list";
  else if (request->content_type == NULL || g_strcmp0 (request->content_type, "text/plain") == 0)
    /* the Jellyfin webhook plugin sends its JSON as text/plain by
     * default: read it the same bounded way when it is JSON */
    request->payload = _mml_http_parse_json (body, "webhook", NULL);
  if (why != NULL)
    {
      g_autofree char *text = g_strconcat ("Bad Request: ", why, NULL);

      refuse (msg, state, SOUP_STATUS_BAD_REQUEST, NULL, text);
      return;
    }

  status = route->handler (self, request, route->user_data);
  if (status == 0)
    status = SOUP_STATUS_NO_CONTENT;
  else if (status < 100 || status > 599)
    status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  soup_server_message_set_status (msg, status, status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
}

/* One line per request, with the path only: the query may hold the secret.
 * With the secret in the path, the route's path or nothing; a request
 * refused for its secret or path is not logged at all (see
 * mml_webhook_server_get_refused()). */
static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  MmlWebhookServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  MsgState *state = g_object_get_data (G_OBJECT (msg), STATE_KEY);
  const char *shown;

  if (self->secret_path)
    {
      if (state != NULL && state->quiet)
        return;
      shown = state != NULL && state->route != NULL ? state->route : "-";
    }
  else
    shown = uri != NULL ? g_uri_get_path (uri) : "?";

  if (state != NULL && state->cut)
    g_debug ("%s %s from %s: body over %" G_GUINT64_FORMAT " bytes, connection cut",
             soup_server_message_get_method (msg), shown, client_of (msg), state->cap);
  else
    g_debug ("%s %s from %s: HTTP %u", soup_server_message_get_method (msg),
             shown, client_of (msg), soup_server_message_get_status (msg));
}

/* --- public API ------------------------------------------------------- */

static void install_server (MmlWebhookServer *self,
                            gboolean          raw_paths);

/**
 * mml_webhook_server_new:
 * @secret: the shared secret every request must carry; not empty
 *
 * Returns: (transfer full): a server that does not listen yet
 */
MmlWebhookServer *
mml_webhook_server_new (const char *secret)
{
  MmlWebhookServer *self;

  g_return_val_if_fail (secret != NULL && *secret != '\0', NULL);

  self = g_object_new (MML_TYPE_WEBHOOK_SERVER, NULL);
  sha256 (secret, self->secret_digest);
  return self;
}

/**
 * mml_webhook_server_new_secret_path:
 * @prefix: an absolute path, "/webhook"; a trailing "/" is dropped
 * @secret: the shared secret, the last segment of every request's path
 *   (URL-escaped there as need be); not empty
 *
 * Returns: (transfer full): a server that does not listen yet, whose paths
 *   are @prefix or under it and are served at PATH/SECRET only
 */
MmlWebhookServer *
mml_webhook_server_new_secret_path (const char *prefix,
                                    const char *secret)
{
  MmlWebhookServer *self;
  gsize len;

  g_return_val_if_fail (prefix != NULL && prefix[0] == '/', NULL);
  g_return_val_if_fail (secret != NULL && *secret != '\0', NULL);

  self = g_object_new (MML_TYPE_WEBHOOK_SERVER, NULL);
  sha256 (secret, self->secret_digest);
  self->secret_path = TRUE;
  len = strlen (prefix);
  while (len > 1 && prefix[len - 1] == '/')
    len--;
  self->prefix = g_strndup (prefix, len);
  /* raw paths: the secret's segment is found before anything is decoded */
  install_server (self, TRUE);
  return self;
}

/**
 * mml_webhook_server_get_refused:
 * @self: a webhook server
 *
 * Returns: how many requests were refused for a wrong or missing secret or
 *   a path that is not served (401 and 404), since the server was made
 */
guint
mml_webhook_server_get_refused (MmlWebhookServer *self)
{
  g_return_val_if_fail (MML_IS_WEBHOOK_SERVER (self), 0);

  return self->refused;
}

/**
 * mml_webhook_server_set_max_body:
 * @self: a webhook server
 * @bytes: the largest request body accepted (at least 1)
 */
void
mml_webhook_server_set_max_body (MmlWebhookServer *self,
                                 gsize             bytes)
{
  g_return_if_fail (MML_IS_WEBHOOK_SERVER (self));

  self->max_body = MAX (bytes, 1);
}

/**
 * mml_webhook_server_set_rate_limit:
 * @self: a webhook server
 * @max_requests: requests allowed per @per_seconds from one address; 0: no limit
 * @per_seconds: the window
 */
void
mml_webhook_server_set_rate_limit (MmlWebhookServer *self,
                                   guint             max_requests,
                                   guint             per_seconds)
{
  g_return_if_fail (MML_IS_WEBHOOK_SERVER (self));

  self->rate_max = per_seconds > 0 ? max_requests : 0;
  self->rate_seconds = MAX (per_seconds, 1);
  g_hash_table_remove_all (self->clients);
}

/* Whether @path is @prefix or under it, and does not end in "/" (but "/"). */
static gboolean
path_under (const char *path,
            const char *prefix)
{
  gsize len = strlen (prefix);

  if (strlen (path) > 1 && g_str_has_suffix (path, "/"))
    return FALSE;
  if (strcmp (prefix, "/") == 0)
    return TRUE;
  return strncmp (path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

/**
 * mml_webhook_server_add_path:
 * @self: a webhook server
 * @path: an absolute path, matched exactly
 * @methods: (array zero-terminated=1) (nullable): the methods accepted; %NULL: POST
 * @handler: called for each accepted request
 * @user_data: for @handler
 * @destroy: (nullable): frees @user_data when the path goes
 */
void
mml_webhook_server_add_path (MmlWebhookServer   *self,
                             const char         *path,
                             const char *const  *methods,
                             MmlWebhookHandler   handler,
                             gpointer            user_data,
                             GDestroyNotify      destroy)
{
  static const char *const post_only[] = { "POST", NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Route *route;

  g_return_if_fail (MML_IS_WEBHOOK_SERVER (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (handler != NULL);
  /* with the secret in the path: the prefix or a path under it, without a
   * trailing "/" */
  g_return_if_fail (!self->secret_path || path_under (path, self->prefix));

  if (methods == NULL || methods[0] == NULL)
    methods = post_only;
  for (gsize i = 0; methods[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (methods[i], -1);

      g_strv_builder_add (builder, upper);
    }
  route = g_new0 (Route, 1);
  route->path = g_strdup (path);
  route->methods = g_strv_builder_end (builder);
  route->allow = g_strjoinv (", ", route->methods);
  route->handler = handler;
  route->user_data = user_data;
  route->destroy = destroy;
  g_hash_table_replace (self->routes, route->path, route);
}

/**
 * mml_webhook_server_listen:
 * @self: a webhook server
 * @address: (nullable): an IP address to listen on; %NULL: 127.0.0.1
 * @port: a port; 0: any free one
 * @error: return location for an error
 *
 * Starts serving on the thread-default main context.
 *
 * Returns: whether the server listens now
 */
gboolean
mml_webhook_server_listen (MmlWebhookServer  *self,
                           const char        *address,
                           guint              port,
                           GError           **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *host = NULL;
  GError *local_error = NULL;
  GSList *listeners;

  g_return_val_if_fail (MML_IS_WEBHOOK_SERVER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (address == NULL)
    address = "127.0.0.1";
  if (self->port != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The webhook server already listens on port %u"), self->port);
      return FALSE;
    }
  if ((inet = g_inet_address_new_from_string (address)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot listen for webhooks on “%s”: not an IP address"), address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!soup_server_listen (self->server, socket_address, 0, &local_error))
    {
      g_propagate_prefixed_error (error, local_error,
                                  _("Cannot listen for webhooks on %s port %u: "), address, port);
      return FALSE;
    }

  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    bound = g_socket_get_local_address (listeners->data, NULL);
  g_slist_free (listeners);
  if (bound == NULL || !G_IS_INET_SOCKET_ADDRESS (bound))
    {
      soup_server_disconnect (self->server);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot listen for webhooks on %s port %u"), address, port);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (bound)));
  g_free (self->base_url);
  self->base_url = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                   ? g_strdup_printf ("http://[%s]:%u", host, self->port)
                   : g_strdup_printf ("http://%s:%u", host, self->port);
  g_debug ("listening on %s", self->base_url);
  return TRUE;
}

/**
 * mml_webhook_server_get_port:
 * @self: a webhook server
 *
 * Returns: the port listened on, 0 when not listening
 */
guint
mml_webhook_server_get_port (MmlWebhookServer *self)
{
  g_return_val_if_fail (MML_IS_WEBHOOK_SERVER (self), 0);

  return self->port;
}

/**
 * mml_webhook_server_dup_base_url:
 * @self: a webhook server
 *
 * Returns: (transfer full) (nullable): "http://ADDRESS:PORT", %NULL when not
 *   listening
 */
char *
mml_webhook_server_dup_base_url (MmlWebhookServer *self)
{
  g_return_val_if_fail (MML_IS_WEBHOOK_SERVER (self), NULL);

  return self->port != 0 ? g_strdup (self->base_url) : NULL;
}

/**
 * mml_webhook_server_stop:
 * @self: a webhook server
 *
 * Closes the listening socket and every connection.
 */
void
mml_webhook_server_stop (MmlWebhookServer *self)
{
  g_return_if_fail (MML_IS_WEBHOOK_SERVER (self));

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  self->port = 0;
  g_clear_pointer (&self->base_url, g_free);
}

/* --- GObject ---------------------------------------------------------- */

/* A new SoupServer, in place of one that never listened; @raw_paths
 * (construct-only in libsoup) leaves the paths handlers get undecoded. */
static void
install_server (MmlWebhookServer *self,
                gboolean          raw_paths)
{
  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      g_clear_object (&self->server);
    }
  self->server = g_object_new (SOUP_TYPE_SERVER, "raw-paths", raw_paths, NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_done_cb), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (request_done_cb), self);
}

static void
mml_webhook_server_dispose (GObject *object)
{
  MmlWebhookServer *self = MML_WEBHOOK_SERVER (object);

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_signal_handlers_disconnect_by_data (self->server, self);
    }
  g_clear_object (&self->server);
  self->port = 0;

  G_OBJECT_CLASS (mml_webhook_server_parent_class)->dispose (object);
}

static void
mml_webhook_server_finalize (GObject *object)
{
  MmlWebhookServer *self = MML_WEBHOOK_SERVER (object);

  memset (self->secret_digest, 0, sizeof self->secret_digest);
  g_hash_table_unref (self->routes);
  g_hash_table_unref (self->clients);
  g_free (self->base_url);
  g_free (self->prefix);

  G_OBJECT_CLASS (mml_webhook_server_parent_class)->finalize (object);
}

static void
mml_webhook_server_class_init (MmlWebhookServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_webhook_server_dispose;
  object_class->finalize = mml_webhook_server_finalize;
}

static void
mml_webhook_server_init (MmlWebhookServer *self)
{
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, route_free);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->max_body = DEFAULT_MAX_BODY;
  self->rate_max = DEFAULT_RATE_MAX;
  self->rate_seconds = DEFAULT_RATE_SECONDS;
  install_server (self, FALSE);
}
