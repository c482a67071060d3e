/* test-webhook-server.c — MmlWebhookServer on 127.0.0.1, driven by MmlHttp
 * (and a bare SoupSession for chunked bodies): Plex multipart and
 * Jellyfin JSON reach the handler; a missing or wrong secret (401), an
 * oversized body (413), too many requests (429), a wrong method (405), an
 * unknown path (404) and a malformed body (400) never do; the secret is in
 * no log line and never shown to a handler. The same with the secret as
 * the path's last segment: anything but PATH/SECRET is a 404 that tells
 * nothing and is only counted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsoup/soup.h>

#include "mml-http.h"
#include "mml-webhook-server.h"

#define SECRET       "wh-SECRET-5e1f90aa"
#define WRONG_SECRET "wh-SECRET-5e1f90ab"   /* same length, last character off */

/* --- every log message, captured --------------------------------------- */

static GMutex   log_lock;
static GString *log_text;
static GString *server_log;        /* the server's own lines only */

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  gboolean ours = FALSE;

  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0
        && g_strcmp0 (fields[i].value, "mml-webhook") == 0)
      ours = TRUE;
  for (gsize i = 0; i < n_fields; i++)
    {
      if (ours && strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        {
          g_string_append (server_log, fields[i].value);
          g_string_append_c (server_log, '\n');
        }
      if (fields[i].length < 0)
        g_string_append (log_text, fields[i].value);
      else if (fields[i].value != NULL)
        g_string_append_len (log_text, fields[i].value, fields[i].length);
      g_string_append_c (log_text, ' ');
    }
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);

  /* debug lines are only captured (G_MESSAGES_DEBUG=all makes them all come) */
  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
log_clear (void)
{
  g_mutex_lock (&log_lock);
  g_string_truncate (log_text, 0);
  g_string_truncate (server_log, 0);
  g_mutex_unlock (&log_lock);
}

static gboolean
logged (const char *text)
{
  gboolean found;

  g_mutex_lock (&log_lock);
  found = strstr (log_text->str, text) != NULL;
  g_mutex_unlock (&log_lock);
  return found;
}

static gboolean
server_logged (const char *text)
{
  gboolean found;

  g_mutex_lock (&log_lock);
  found = strstr (server_log->str, text) != NULL;
  g_mutex_unlock (&log_lock);
  return found;
}

/* --- fixture ----------------------------------------------------------- */

typedef struct
{
  MmlWebhookServer *server;
  MmlHttp          *http;
  char             *base;
  GPtrArray        *requests;      /* MmlWebhookRequest, what the handler got */
  guint             reply;         /* what the handler answers */
} Fixture;

static guint
record_handler (MmlWebhookServer  *server,
                MmlWebhookRequest *request,
                gpointer           user_data)
{
  Fixture *fx = user_data;

  g_assert_true (server == fx->server);
  g_ptr_array_add (fx->requests, mml_webhook_request_ref (request));
  return fx->reply;
}

static void fresh_client (Fixture *fx);

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  static const char *const post_put[] = { "POST", "put", NULL };
  g_autoptr(GError) error = NULL;

  fx->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_webhook_request_unref);
  fx->server = mml_webhook_server_new (SECRET);
  mml_webhook_server_add_path (fx->server, "/hooks/plex", NULL, record_handler, fx, NULL);
  mml_webhook_server_add_path (fx->server, "/hooks/jellyfin", NULL, record_handler, fx, NULL);
  mml_webhook_server_add_path (fx->server, "/hooks/multi", post_put, record_handler, fx, NULL);
  g_assert_true (mml_webhook_server_listen (fx->server, NULL, 0, &error));
  g_assert_no_error (error);
  fx->base = mml_webhook_server_dup_base_url (fx->server);

  fresh_client (fx);
}

/* A new client: the old one would honour the server's Retry-After for the
 * whole host (see mml_http_send_async()). */
static void
fresh_client (Fixture *fx)
{
  g_clear_object (&fx->http);
  fx->http = mml_http_new (NULL);
  mml_http_set_use_proxy (fx->http, FALSE);
  mml_http_set_retry_policy (fx->http, 1, 10, 50);
  mml_http_set_timeout (fx->http, 10);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->http);
  g_clear_object (&fx->server);
  g_clear_pointer (&fx->requests, g_ptr_array_unref);
  g_free (fx->base);
}

/* --- the client -------------------------------------------------------- */

typedef struct
{
  MmlHttpResponse *response;
  GError          *error;
  gboolean         done;
} Outcome;

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *o = user_data;

  o->response = mml_http_send_finish (MML_HTTP (object), result, &o->error);
  o->done = TRUE;
}

/* @method @path_and_query with @body of @content_type and @headers (name,
 * value, …, NULL); any status is a response. */
static MmlHttpResponse *
request_full (Fixture            *fx,
              MmlHttpMethod       method,
              const char         *path_and_query,
              const char *const  *headers,
              const char         *content_type,
              GBytes             *body,
              GError            **error)
{
  g_autofree char *url = g_strconcat (fx->base, path_and_query, NULL);
  MmlHttpSendOptions options = { .method = method, .headers = headers, .body = body,
                                 .content_type = content_type, .any_status = TRUE };
  Outcome o = { 0 };

  mml_http_send_async (fx->http, url, &options, NULL, send_cb, &o);
  while (!o.done)
    g_main_context_iteration (NULL, TRUE);
  if (o.error != NULL)
    g_propagate_error (error, o.error);
  return o.response;
}

/* The same, which must get an answer; returns its status. */
static guint
request (Fixture            *fx,
         MmlHttpMethod       method,
         const char         *path_and_query,
         const char *const  *headers,
         const char         *content_type,
         GBytes             *body,
         MmlHttpResponse   **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlHttpResponse) response = request_full (fx, method, path_and_query, headers,
                                                       content_type, body, &error);
  guint status;

  g_assert_no_error (error);
  g_assert_nonnull (response);
  status = mml_http_response_get_status (response);
  if (out != NULL)
    *out = g_steal_pointer (&response);
  return status;
}

static const char *const with_secret[] = { MML_WEBHOOK_TOKEN_HEADER, SECRET, NULL };

/* A JSON body with the secret in the header. */
static guint
post_json (Fixture    *fx,
           const char *path,
           const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return request (fx, MML_HTTP_METHOD_POST, path, with_secret, "application/json", body, NULL);
}

static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 0xff, 0xd9 };

#define PLEX_PAYLOAD \
  "{\"event\":\"media.play\",\"user\":true,\"owner\":true," \
  "\"Account\":{\"id\":1,\"title\":\"someone\"}," \
  "\"Server\":{\"title\":\"Office\",\"uuid\":\"54664a3d8acc39983675640ec9ce00b70af9cc36\"}," \
  "\"Metadata\":{\"librarySectionType\":\"show\",\"type\":\"episode\"," \
  "\"grandparentTitle\":\"Girls\",\"parentIndex\":1,\"index\":1,\"title\":\"Pilot\"}}"

/* A body as Plex sends it: multipart/form-data, a "payload" field, maybe a
 * "thumb" file; @content_type gets the type with its boundary. */
static GBytes *
plex_body (const char  *payload,
           gboolean     thumb,
           char       **content_type)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  GBytes *body = NULL;

  if (payload != NULL)
    soup_multipart_append_form_string (multipart, "payload", payload);
  if (thumb)
    {
      g_autoptr(GBytes) image = g_bytes_new_static (jpeg, sizeof jpeg);

      soup_multipart_append_form_file (multipart, "thumb", "thumb.jpg", "image/jpeg", image);
    }
  soup_multipart_to_message (multipart, headers, &body);
  *content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  soup_message_headers_unref (headers);
  return body;
}

/* POST @size bytes with chunked encoding (no Content-Length), with the
 * secret; returns the status, 0 when the connection failed. */
typedef struct
{
  GBytes  *reply;
  GError  *error;
  gboolean done;
} RawOutcome;

static void
raw_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  RawOutcome *o = user_data;

  o->reply = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &o->error);
  o->done = TRUE;
}

static guint
post_chunked (Fixture    *fx,
              const char *path,
              gsize       size)
{
  g_autoptr(SoupSession) session = g_object_new (SOUP_TYPE_SESSION, "proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (fx->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  char *data = g_malloc (size);
  g_autoptr(GInputStream) stream = NULL;
  RawOutcome o = { 0 };
  guint status;

  memset (data, ' ', size);
  stream = g_memory_input_stream_new_from_data (data, size, g_free);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                MML_WEBHOOK_TOKEN_HEADER, SECRET);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_request_headers (msg)),
                   ==, SOUP_ENCODING_CHUNKED);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, raw_cb, &o);
  while (!o.done)
    g_main_context_iteration (NULL, TRUE);
  status = o.error == NULL ? soup_message_get_status (msg) : 0;
  g_clear_pointer (&o.reply, g_bytes_unref);
  g_clear_error (&o.error);
  soup_session_abort (session);
  return status;
}

/* A request written by hand, for paths no URL parser lets through: the
 * status of the answer, 0 when none came. The client runs on a thread of
 * its own, the server on this one. */
typedef struct
{
  guint16      port;
  char        *text;
  guint        status;
  gint         done;
} RawRequest;

static gpointer
raw_request_thread (gpointer data)
{
  RawRequest *r = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", r->port, NULL, NULL);
  if (conn != NULL
      && g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                    r->text, strlen (r->text), NULL, NULL, NULL))
    while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                     buffer, sizeof buffer, NULL, NULL)) > 0)
      g_string_append_len (reply, buffer, n);
  /* "HTTP/1.1 404 Not Found" */
  if (reply->len > 12 && g_str_has_prefix (reply->str, "HTTP/1.1 "))
    r->status = (guint) g_ascii_strtoull (reply->str + 9, NULL, 10);
  g_atomic_int_set (&r->done, 1);
  /* the server's thread may be waiting for nothing else */
  g_main_context_wakeup (NULL);
  return NULL;
}

static guint
raw_request (Fixture    *fx,
             const char *method,
             const char *target)
{
  RawRequest r = { 0 };
  GThread *thread;

  r.port = (guint16) mml_webhook_server_get_port (fx->server);
  r.text = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                            method, target);
  thread = g_thread_new ("raw-request", raw_request_thread, &r);
  while (!g_atomic_int_get (&r.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_free (r.text);
  return r.status;
}

static MmlWebhookRequest *
only_request (Fixture *fx)
{
  g_assert_cmpuint (fx->requests->len, ==, 1);
  return g_ptr_array_index (fx->requests, 0);
}

/* No header value nor query parameter a handler sees holds @text. */
static void
assert_not_shown (MmlWebhookRequest *request,
                  const char        *text)
{
  const char *const *headers = mml_webhook_request_get_headers (request);

  g_assert_nonnull (headers);
  for (gsize i = 0; headers[i] != NULL; i++)
    g_assert_null (strstr (headers[i], text));
  g_assert_null (mml_webhook_request_get_query (request, MML_WEBHOOK_TOKEN_PARAM));
  g_assert_null (mml_webhook_request_get_header (request, MML_WEBHOOK_TOKEN_HEADER));
  g_assert_null (mml_webhook_request_get_header (request, "Authorization"));
}

/* --- cases ------------------------------------------------------------- */

static void
test_plex_multipart (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = plex_body (PLEX_PAYLOAD, TRUE, &type);
  g_autoptr(MmlHttpResponse) response = NULL;
  MmlWebhookRequest *r;
  JsonObject *payload;
  GBytes *thumb;

  g_assert_true (g_str_has_prefix (type, "multipart/form-data; boundary="));
  /* Plex can only be given a URL: the secret in the query */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=" SECRET "&source=plex",
                             NULL, type, body, &response), ==, 204);
  g_assert_cmpuint (g_bytes_get_size (mml_http_response_get_body (response)), ==, 0);

  r = only_request (fx);
  g_assert_cmpstr (mml_webhook_request_get_method (r), ==, "POST");
  g_assert_cmpstr (mml_webhook_request_get_path (r), ==, "/hooks/plex");
  g_assert_cmpstr (mml_webhook_request_get_content_type (r), ==, "multipart/form-data");
  g_assert_cmpstr (mml_webhook_request_get_client (r), ==, "127.0.0.1");
  g_assert_cmpstr (mml_webhook_request_get_query (r, "source"), ==, "plex");
  g_assert_true (g_bytes_equal (mml_webhook_request_get_body (r), body));
  g_assert_nonnull (mml_webhook_request_get_header (r, "content-length"));

  g_assert_nonnull (mml_webhook_request_get_payload (r));
  payload = json_node_get_object (mml_webhook_request_get_payload (r));
  g_assert_cmpstr (json_object_get_string_member (payload, "event"), ==, "media.play");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload, "Metadata"),
                                                  "grandparentTitle"), ==, "Girls");
  thumb = mml_webhook_request_get_thumbnail (r);
  g_assert_nonnull (thumb);
  g_assert_cmpmem (g_bytes_get_data (thumb, NULL), g_bytes_get_size (thumb), jpeg, sizeof jpeg);
  g_assert_cmpstr (mml_webhook_request_get_thumbnail_type (r), ==, "image/jpeg");
  assert_not_shown (r, SECRET);

  /* without a thumbnail */
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&type, g_free);
  body = plex_body ("{\"event\":\"media.stop\"}", FALSE, &type);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=" SECRET,
                             NULL, type, body, NULL), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 2);
  r = g_ptr_array_index (fx->requests, 1);
  g_assert_null (mml_webhook_request_get_thumbnail (r));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mml_webhook_request_get_payload (r)),
                                                  "event"), ==, "media.stop");
}

static void
test_jellyfin_json (Fixture       *fx,
                    gconstpointer  data)
{
  static const char json[] =
    "{\"NotificationType\":\"ItemAdded\",\"ItemType\":\"Episode\",\"SeriesName\":\"Girls\","
    "\"SeasonNumber\":1,\"EpisodeNumber\":2,\"Provider_tvdb\":\"220411\"}";
  const char *bearer[] = { "Authorization", "Bearer " SECRET, "X-Emby-Client", "Jellyfin", NULL };
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(MmlHttpResponse) response = NULL;
  MmlWebhookRequest *r;

  fx->reply = 202;
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", json), ==, 202);
  r = only_request (fx);
  g_assert_cmpstr (mml_webhook_request_get_content_type (r), ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mml_webhook_request_get_payload (r)),
                                                  "NotificationType"), ==, "ItemAdded");
  g_assert_true (g_bytes_equal (mml_webhook_request_get_body (r), body));
  g_assert_null (mml_webhook_request_get_thumbnail (r));
  assert_not_shown (r, SECRET);

  /* the secret as a bearer token; other headers reach the handler */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", bearer,
                             "application/json; charset=utf-8", body, &response), ==, 202);
  g_assert_cmpuint (fx->requests->len, ==, 2);
  r = g_ptr_array_index (fx->requests, 1);
  g_assert_cmpstr (mml_webhook_request_get_header (r, "x-emby-client"), ==, "Jellyfin");
  g_assert_nonnull (mml_webhook_request_get_payload (r));
  assert_not_shown (r, SECRET);

  /* a body that is neither JSON nor multipart: given as it is */
  {
    g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);

    fx->reply = 0;
    g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", with_secret,
                               "text/plain", text, NULL), ==, 204);
    r = g_ptr_array_index (fx->requests, 2);
    g_assert_null (mml_webhook_request_get_payload (r));
    g_assert_true (g_bytes_equal (mml_webhook_request_get_body (r), text));
  }

  /* JSON sent as text/plain (the Jellyfin plugin's default): read as JSON,
   * within the same bounds; too deep a nesting is no payload */
  {
    g_autoptr(GBytes) plain = g_bytes_new_static ("{\"NotificationType\":\"UserDataSaved\"}", 36);
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GBytes) deep_bytes = NULL;

    g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", with_secret,
                               "text/plain; charset=utf-8", plain, NULL), ==, 204);
    r = g_ptr_array_index (fx->requests, 3);
    g_assert_nonnull (mml_webhook_request_get_payload (r));
    g_assert_true (JSON_NODE_HOLDS_OBJECT (mml_webhook_request_get_payload (r)));
    for (guint i = 0; i < 10000; i++)
      g_string_append_c (deep, '[');
    deep_bytes = g_bytes_new (deep->str, deep->len);
    g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", with_secret,
                               "text/plain", deep_bytes, NULL), ==, 204);
    r = g_ptr_array_index (fx->requests, 4);
    g_assert_null (mml_webhook_request_get_payload (r));
  }

  /* a handler's own status; nonsense is a 500 */
  fx->reply = 1000;
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", json), ==, 500);
}

static void
test_unauthorized (Fixture       *fx,
                   gconstpointer  data)
{
  const char *wrong[] = { MML_WEBHOOK_TOKEN_HEADER, WRONG_SECRET, NULL };
  const char *shorter[] = { MML_WEBHOOK_TOKEN_HEADER, "wh-SECRET", NULL };
  const char *longer[] = { MML_WEBHOOK_TOKEN_HEADER, SECRET "x", NULL };
  const char *bearer[] = { "Authorization", "Bearer " WRONG_SECRET, NULL };
  const char *basic[] = { "Authorization", "Basic " SECRET, NULL };
  const char *empty[] = { MML_WEBHOOK_TOKEN_HEADER, "", NULL };
  const char *const *cases[] = { NULL, wrong, shorter, longer, bearer, basic, empty };
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MmlHttpResponse) response = NULL;

      g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", cases[i],
                                 "application/json", body, &response), ==, 401);
      g_assert_nonnull (mml_http_response_get_header (response, "WWW-Authenticate"));
    }
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=" WRONG_SECRET,
                             NULL, "application/json", body, NULL), ==, 401);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=",
                             NULL, "application/json", body, NULL), ==, 401);
  /* the header wins over the query */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=" SECRET,
                             wrong, "application/json", body, NULL), ==, 401);
  g_assert_cmpuint (fx->requests->len, ==, 0);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, G_N_ELEMENTS (cases) + 3);

  /* and the right one passes */
  g_assert_cmpuint (post_json (fx, "/hooks/plex", "{}"), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 1);
}

static char *
json_of_size (gsize size)
{
  /* {"p":"xxx…"} */
  char *json = g_malloc (size + 1);

  g_assert_cmpuint (size, >=, 8);
  memcpy (json, "{\"p\":\"", 6);
  memset (json + 6, 'x', size - 8);
  memcpy (json + size - 2, "\"}", 3);
  return json;
}

static void
test_too_large (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *at_limit = json_of_size (1024);
  g_autofree char *over = json_of_size (4096);
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;

  mml_webhook_server_set_max_body (fx->server, 1024);

  /* with a Content-Length: refused from the headers */
  body = g_bytes_new (over, strlen (over));
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", with_secret,
                             "application/json", body, &response), ==, 413);
  g_assert_cmpstr (mml_http_response_get_header (response, "Connection"), ==, "close");
  /* chunked: refused as it comes */
  g_assert_cmpuint (post_chunked (fx, "/hooks/jellyfin", 4096), ==, 413);
  g_assert_cmpuint (fx->requests->len, ==, 0);

  /* far over: the connection is cut (no answer, or a 413), never read whole */
  {
    guint status = post_chunked (fx, "/hooks/jellyfin", 8 * 1024 * 1024);

    g_assert_true (status == 0 || status == 413);
  }
  g_assert_cmpuint (fx->requests->len, ==, 0);

  /* the limit itself is fine, and the server is still there */
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", at_limit), ==, 204);
  g_assert_cmpuint (g_bytes_get_size (mml_webhook_request_get_body (only_request (fx))), ==, 1024);
}

static void
test_rate_limit (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(MmlHttpResponse) response = NULL;
  const char *retry_after;
  guint64 seconds = 0;

  mml_webhook_server_set_rate_limit (fx->server, 2, 60);
  g_assert_cmpuint (post_json (fx, "/hooks/plex", "{}"), ==, 204);
  g_assert_cmpuint (post_json (fx, "/hooks/plex", "{}"), ==, 204);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex", with_secret,
                             NULL, NULL, &response), ==, 429);
  retry_after = mml_http_response_get_header (response, "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_true (g_ascii_string_to_unsigned (retry_after, 10, 1, 60, &seconds, NULL));
  g_assert_cmpuint (fx->requests->len, ==, 2);

  /* refused requests count too: no guessing the secret at full speed */
  fresh_client (fx);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex", NULL,
                             NULL, NULL, NULL), ==, 429);

  /* off */
  fresh_client (fx);
  mml_webhook_server_set_rate_limit (fx->server, 0, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (post_json (fx, "/hooks/plex", "{}"), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 7);
}

static void
test_method (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_GET, "/hooks/plex", with_secret,
                             NULL, NULL, &response), ==, 405);
  g_assert_cmpstr (mml_http_response_get_header (response, "Allow"), ==, "POST");
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_PUT, "/hooks/plex", with_secret,
                             "application/json", body, NULL), ==, 405);
  g_clear_pointer (&response, mml_http_response_unref);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_DELETE, "/hooks/multi", with_secret,
                             NULL, NULL, &response), ==, 405);
  g_assert_cmpstr (mml_http_response_get_header (response, "Allow"), ==, "POST, PUT");
  g_assert_cmpuint (fx->requests->len, ==, 0);

  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_PUT, "/hooks/multi", with_secret,
                             "application/json", body, NULL), ==, 204);
  g_assert_cmpstr (mml_webhook_request_get_method (only_request (fx)), ==, "PUT");
}

static void
test_not_found (Fixture       *fx,
                gconstpointer  data)
{
  g_assert_cmpuint (post_json (fx, "/hooks/nothing", "{}"), ==, 404);
  g_assert_cmpuint (post_json (fx, "/hooks/plex/more", "{}"), ==, 404);
  g_assert_cmpuint (post_json (fx, "/", "{}"), ==, 404);
  /* without the secret nothing is told, not even what exists */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/nothing", NULL,
                             NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (fx->requests->len, ==, 0);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, 4);
}

static void
test_malformed (Fixture       *fx,
                gconstpointer  data)
{
  static const char garbage[] = "this is not a multipart body at all";
  g_autoptr(GBytes) garbage_body = g_bytes_new_static (garbage, strlen (garbage));
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *thumb_type = NULL, *bad_type = NULL;
  g_autoptr(GBytes) thumb_only = plex_body (NULL, TRUE, &thumb_type);
  g_autoptr(GBytes) bad_payload = plex_body ("{\"event\": media.play}", TRUE, &bad_type);
  g_autofree char *deep = NULL;
  g_autoptr(MmlHttpResponse) response = NULL;

  /* no parts to be found */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex", with_secret,
                             "multipart/form-data; boundary=xyz", garbage_body, &response), ==, 400);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (mml_http_response_get_body (response), NULL),
                                   "Bad Request"));
  /* a multipart type without a boundary */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex", with_secret,
                             "multipart/form-data", garbage_body, NULL), ==, 400);
  /* no payload part; a payload that is not JSON */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex", with_secret,
                             thumb_type, thumb_only, NULL), ==, 400);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex", with_secret,
                             bad_type, bad_payload, NULL), ==, 400);
  /* JSON bodies: broken, a scalar, empty, nested without end */
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", "{\"NotificationType\": "), ==, 400);
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", "42"), ==, 400);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/jellyfin", with_secret,
                             "application/json", empty, NULL), ==, 400);
  deep = g_strnfill (100000, '[');
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", deep), ==, 400);
  g_assert_cmpuint (fx->requests->len, ==, 0);
}

static void
test_secret_not_logged (Fixture       *fx,
                        gconstpointer  data)
{
  const char *bearer[] = { "Authorization", "Bearer " SECRET, NULL };
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = plex_body (PLEX_PAYLOAD, TRUE, &type);

  log_clear ();
  mml_webhook_server_set_max_body (fx->server, 64 * 1024);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=" SECRET,
                             NULL, type, body, NULL), ==, 204);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex",
                             bearer, type, body, NULL), ==, 204);
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", "{}"), ==, 204);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/hooks/plex?token=" WRONG_SECRET,
                             NULL, type, body, NULL), ==, 401);
  g_assert_cmpuint (post_json (fx, "/hooks/none?token=" SECRET, "{}"), ==, 404);
  g_assert_cmpuint (post_json (fx, "/hooks/jellyfin", "[[["), ==, 400);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_GET, "/hooks/plex?token=" SECRET,
                             NULL, NULL, NULL, NULL), ==, 405);
  g_assert_cmpuint (post_chunked (fx, "/hooks/plex?token=" SECRET, 128 * 1024), ==, 413);

  /* the server did log these requests, by path … */
  g_assert_true (logged ("/hooks/plex"));
  g_assert_true (logged ("401"));
  g_assert_true (logged ("413"));
  /* … and the client too, redacted */
  g_assert_true (logged ("token=REDACTED"));
  /* never the secret, nor a guess at it */
  g_assert_false (logged (SECRET));
  g_assert_false (logged (WRONG_SECRET));
  g_assert_false (logged ("wh-SECRET"));
}

static void
test_listen (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(MmlWebhookServer) other = mml_webhook_server_new ("another secret");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint port = mml_webhook_server_get_port (fx->server);

  g_assert_cmpuint (port, >, 0);
  expected = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_cmpstr (fx->base, ==, expected);

  /* once per server; one server per port */
  g_assert_false (mml_webhook_server_listen (fx->server, NULL, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (mml_webhook_server_listen (other, "127.0.0.1", port, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (mml_webhook_server_get_port (other), ==, 0);
  g_assert_null (mml_webhook_server_dup_base_url (other));
  g_assert_false (mml_webhook_server_listen (other, "plex.local", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* stopped: nobody answers; then it may listen again */
  g_assert_cmpuint (post_json (fx, "/hooks/plex", "{}"), ==, 204);
  mml_webhook_server_stop (fx->server);
  g_assert_cmpuint (mml_webhook_server_get_port (fx->server), ==, 0);
  {
    g_autoptr(MmlHttpResponse) response = request_full (fx, MML_HTTP_METHOD_POST, "/hooks/plex",
                                                         with_secret, NULL, NULL, &error);

    g_assert_null (response);
    g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
    g_clear_error (&error);
  }
  g_assert_true (mml_webhook_server_listen (fx->server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_free (fx->base);
  fx->base = mml_webhook_server_dup_base_url (fx->server);
  g_assert_cmpuint (post_json (fx, "/hooks/plex", "{}"), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 2);
}

/* --- the secret as the path's last segment ------------------------------ */

#define PATH_SECRET "p4th-SECRET-77c1d2"
#define HOOK        "/webhook/" PATH_SECRET

static void
secret_path_set_up (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_webhook_request_unref);
  /* a trailing "/" is dropped */
  fx->server = mml_webhook_server_new_secret_path ("/webhook/", PATH_SECRET);
  mml_webhook_server_add_path (fx->server, "/webhook", NULL, record_handler, fx, NULL);
  mml_webhook_server_add_path (fx->server, "/webhook/jellyfin", NULL, record_handler, fx, NULL);
  g_assert_true (mml_webhook_server_listen (fx->server, NULL, 0, &error));
  g_assert_no_error (error);
  fx->base = mml_webhook_server_dup_base_url (fx->server);
  fresh_client (fx);
}

/* @path_and_query answers 404, as any path that is not served: the same
 * body, no header telling more, the handler not run, and one more refused. */
static void
assert_hidden (Fixture            *fx,
               MmlHttpMethod       method,
               const char         *path_and_query,
               const char *const  *headers)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(MmlHttpResponse) response = NULL;
  guint before = mml_webhook_server_get_refused (fx->server);
  guint handled = fx->requests->len;
  GBytes *reply;

  g_test_message ("hidden: %s", path_and_query);
  g_assert_cmpuint (request (fx, method, path_and_query, headers,
                             method == MML_HTTP_METHOD_GET ? NULL : "application/json",
                             method == MML_HTTP_METHOD_GET ? NULL : body, &response), ==, 404);
  reply = mml_http_response_get_body (response);
  g_assert_cmpmem (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), "Not Found\n", 10);
  g_assert_null (mml_http_response_get_header (response, "WWW-Authenticate"));
  g_assert_null (mml_http_response_get_header (response, "Allow"));
  g_assert_cmpuint (fx->requests->len, ==, handled);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, before + 1);
}

static void
test_secret_path_accepted (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = plex_body (PLEX_PAYLOAD, TRUE, &type);
  MmlWebhookRequest *r;

  /* Plex: multipart at PREFIX/SECRET; the handler sees the prefix */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, HOOK "?source=plex", NULL, type, body, NULL),
                    ==, 204);
  r = only_request (fx);
  g_assert_cmpstr (mml_webhook_request_get_path (r), ==, "/webhook");
  g_assert_cmpstr (mml_webhook_request_get_query (r, "source"), ==, "plex");
  g_assert_nonnull (mml_webhook_request_get_payload (r));
  g_assert_nonnull (mml_webhook_request_get_thumbnail (r));
  assert_not_shown (r, PATH_SECRET);

  /* Jellyfin: JSON, at a path under the prefix */
  {
    static const char json[] = "{\"NotificationType\":\"UserDataSaved\",\"ItemId\":\"a1\"}";
    g_autoptr(GBytes) jbody = g_bytes_new_static (json, strlen (json));

    fx->reply = 200;
    g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/webhook/jellyfin/" PATH_SECRET, NULL,
                               "application/json", jbody, NULL), ==, 200);
    g_assert_cmpuint (fx->requests->len, ==, 2);
    r = g_ptr_array_index (fx->requests, 1);
    g_assert_cmpstr (mml_webhook_request_get_path (r), ==, "/webhook/jellyfin");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mml_webhook_request_get_payload (r)),
                                                    "ItemId"), ==, "a1");
    assert_not_shown (r, PATH_SECRET);
  }
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, 0);

  /* a wrong method with the right secret may be told */
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_GET, HOOK, NULL, NULL, NULL, NULL), ==, 405);
  g_assert_cmpuint (fx->requests->len, ==, 2);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, 0);
}

static void
test_secret_path_refused (Fixture       *fx,
                          gconstpointer  data)
{
  static const char *const paths[] = {
    "/webhook/p4th-SECRET-77c1d3",              /* same length, last character off */
    "/webhook/p4th-SECRET",                     /* a prefix of it */
    "/webhook/" PATH_SECRET "x",
    "/webhook/" PATH_SECRET "/",
    "/webhook/" PATH_SECRET "/extra",
    "/webhook/" PATH_SECRET "/jellyfin",
    "/webhook",                                 /* the prefix alone */
    "/webhook/",
    "/webhook/jellyfin",
    "/webhook//" PATH_SECRET,
    "/webhooks/" PATH_SECRET,
    "/other/" PATH_SECRET,
    "/" PATH_SECRET,                            /* the secret without the prefix */
    "/",
    "/webhook?token=" PATH_SECRET,              /* the other mode's ways */
  };
  const char *header[] = { MML_WEBHOOK_TOKEN_HEADER, PATH_SECRET, NULL };
  const char *bearer[] = { "Authorization", "Bearer " PATH_SECRET, NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    assert_hidden (fx, MML_HTTP_METHOD_POST, paths[i], NULL);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook", header);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook", bearer);
  /* a wrong secret is a 404 whatever the method */
  assert_hidden (fx, MML_HTTP_METHOD_GET, "/webhook/wrong", NULL);
  assert_hidden (fx, MML_HTTP_METHOD_GET, "/webhook", NULL);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, G_N_ELEMENTS (paths) + 4);

  /* by hand, what no URL parser lets by: an escaped NUL, an escaped "/"
   * that would join the prefix, escapes that do not decode (libsoup
   * itself answers those 400, before any path is looked at) */
  g_assert_cmpuint (raw_request (fx, "POST", "/webhook/%00"), ==, 404);
  g_assert_cmpuint (raw_request (fx, "POST", "/webhook/" PATH_SECRET "%00"), ==, 404);
  g_assert_cmpuint (raw_request (fx, "POST", "/webhook%2F" PATH_SECRET), ==, 404);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, G_N_ELEMENTS (paths) + 7);
  g_assert_cmpuint (raw_request (fx, "POST", "/webhook/%zz"), ==, 400);
  g_assert_cmpuint (raw_request (fx, "POST", "/webhook/%" PATH_SECRET), ==, 400);
  g_assert_cmpuint (fx->requests->len, ==, 0);
  /* the hand-written request itself is good; dot segments are resolved
   * as in any URL */
  g_assert_cmpuint (raw_request (fx, "POST", HOOK), ==, 204);
  g_assert_cmpuint (raw_request (fx, "POST", "/x/../webhook/" PATH_SECRET), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 2);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, G_N_ELEMENTS (paths) + 7);
  g_ptr_array_set_size (fx->requests, 0);
  g_assert_cmpuint (fx->requests->len, ==, 0);

  /* and then the right one passes */
  g_assert_cmpuint (post_json (fx, HOOK, "{}"), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 1);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, G_N_ELEMENTS (paths) + 7);
}

/* A secret with characters a URL must escape is compared decoded. */
static void
test_secret_path_escaped (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char secret[] = "s3/cr t?é+%";

  g_clear_object (&fx->server);
  g_clear_pointer (&fx->base, g_free);
  fx->server = mml_webhook_server_new_secret_path ("/hooks", secret);
  mml_webhook_server_add_path (fx->server, "/hooks", NULL, record_handler, fx, NULL);
  g_assert_true (mml_webhook_server_listen (fx->server, NULL, 0, &error));
  g_assert_no_error (error);
  fx->base = mml_webhook_server_dup_base_url (fx->server);

  g_assert_cmpuint (post_json (fx, "/hooks/s3%2Fcr%20t%3F%C3%A9+%25", "{}"), ==, 204);
  /* escaped otherwise: lower-case hex, more characters escaped */
  g_assert_cmpuint (post_json (fx, "/hooks/%73%33%2fcr%20t%3f%c3%a9%2B%25?x=1", "{}"), ==, 204);
  g_assert_cmpuint (fx->requests->len, ==, 2);
  g_assert_cmpstr (mml_webhook_request_get_path (g_ptr_array_index (fx->requests, 1)), ==, "/hooks");
  g_assert_cmpstr (mml_webhook_request_get_query (g_ptr_array_index (fx->requests, 1), "x"), ==, "1");
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, 0);

  /* its "/" unescaped is another segment; its escapes taken as they are do not match */
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/hooks/s3/cr%20t%3F%C3%A9+%25", NULL);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/hooks/s3%252Fcr%2520t%253F%25C3%25A9+%2525", NULL);
  /* "+" is not a space in a path */
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/hooks/s3%2Fcr%20t%3F%C3%A9%20%25", NULL);
  g_assert_cmpuint (fx->requests->len, ==, 2);
}

/* 413, 400 and 429 as in the other mode; the rate limit counts before the
 * secret is looked at. */
static void
test_secret_path_layers (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *over = json_of_size (4096);
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(GBytes) body = g_bytes_new (over, strlen (over));
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not multipart", 13);

  mml_webhook_server_set_max_body (fx->server, 1024);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, HOOK, NULL, "application/json", body, &response),
                    ==, 413);
  g_assert_cmpuint (post_chunked (fx, HOOK, 4096), ==, 413);
  /* a wrong secret says nothing of sizes */
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook/wrong", NULL);
  g_assert_cmpuint (post_chunked (fx, "/webhook/wrong", 4096), ==, 404);

  g_assert_cmpuint (post_json (fx, HOOK, "{\"NotificationType\": "), ==, 400);
  g_assert_cmpuint (post_json (fx, HOOK, "42"), ==, 400);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, HOOK, NULL,
                             "multipart/form-data; boundary=xyz", garbage, NULL), ==, 400);
  g_assert_cmpuint (fx->requests->len, ==, 0);
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, 2);

  /* guesses use up the budget: the right secret then waits too */
  fresh_client (fx);
  mml_webhook_server_set_rate_limit (fx->server, 3, 60);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook/guess-1", NULL);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook/guess-2", NULL);
  g_assert_cmpuint (post_json (fx, HOOK, "{}"), ==, 204);
  g_clear_pointer (&response, mml_http_response_unref);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, "/webhook/guess-3", NULL, NULL, NULL, &response),
                    ==, 429);
  g_assert_nonnull (mml_http_response_get_header (response, "Retry-After"));
  fresh_client (fx);
  g_assert_cmpuint (post_json (fx, HOOK, "{}"), ==, 429);
  /* a 429 is not counted as refused for its secret */
  g_assert_cmpuint (mml_webhook_server_get_refused (fx->server), ==, 4);
  g_assert_cmpuint (fx->requests->len, ==, 1);
}

static void
test_secret_path_not_logged (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = plex_body (PLEX_PAYLOAD, TRUE, &type);

  log_clear ();
  mml_webhook_server_set_max_body (fx->server, 64 * 1024);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_POST, HOOK, NULL, type, body, NULL), ==, 204);
  g_assert_cmpuint (post_json (fx, "/webhook/jellyfin/" PATH_SECRET, "{}"), ==, 204);
  g_assert_cmpuint (post_json (fx, HOOK, "[[["), ==, 400);
  g_assert_cmpuint (request (fx, MML_HTTP_METHOD_GET, HOOK, NULL, NULL, NULL, NULL), ==, 405);
  g_assert_cmpuint (post_chunked (fx, HOOK, 128 * 1024), ==, 413);
  g_assert_true (server_logged ("POST /webhook from 127.0.0.1: HTTP 204"));
  g_assert_true (server_logged ("POST /webhook/jellyfin from 127.0.0.1: HTTP 204"));
  g_assert_true (server_logged ("HTTP 400"));
  g_assert_true (server_logged ("HTTP 405"));
  g_assert_true (server_logged ("HTTP 413"));

  /* refused for the secret: counted, not logged */
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook/p4th-SECRET-77c1d3", NULL);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/webhook/" PATH_SECRET "/extra", NULL);
  assert_hidden (fx, MML_HTTP_METHOD_POST, "/nowhere", NULL);
  g_assert_false (server_logged ("404"));
  g_assert_false (server_logged ("nowhere"));
  g_assert_false (server_logged ("extra"));
  g_assert_false (server_logged ("p4th-SECRET"));
  g_assert_false (server_logged ("SECRET"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  server_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/webhook-server/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("plex-multipart", test_plex_multipart);
  ADD ("jellyfin-json", test_jellyfin_json);
  ADD ("unauthorized", test_unauthorized);
  ADD ("too-large", test_too_large);
  ADD ("rate-limit", test_rate_limit);
  ADD ("method", test_method);
  ADD ("not-found", test_not_found);
  ADD ("malformed", test_malformed);
  ADD ("secret-not-logged", test_secret_not_logged);
  ADD ("listen", test_listen);
#undef ADD
#define ADD(name, func) \
  g_test_add ("/webhook-server/secret-path/" name, Fixture, NULL, secret_path_set_up, func, fixture_tear_down)
  ADD ("accepted", test_secret_path_accepted);
  ADD ("refused", test_secret_path_refused);
  ADD ("escaped", test_secret_path_escaped);
  ADD ("layers", test_secret_path_layers);
  ADD ("not-logged", test_secret_path_not_logged);
#undef ADD

  {
    int status = g_test_run ();

    g_string_free (log_text, TRUE);
    g_string_free (server_log, TRUE);
    return status;
  }
}
