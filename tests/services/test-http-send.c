/* test-http-send.c — mml_http_send_async() against a local fake server:
 * every method, every kind of body, request and response headers, what is
 * retried (PUT) and what is not (POST, PATCH), redirects kept for any
 * method, 4xx/5xx read as responses, the cache (GET only), and no secret
 * nor request body in the logs or on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mml-fake-monitor.h"
#include "mml-fake-server.h"
#include "mml-http.h"
#include "mml-test-util.h"

/* --- every log message, captured --------------------------------------- */

static GMutex   log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
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

/* --- what the server saw ----------------------------------------------- */

typedef struct
{
  GMutex  lock;
  guint   hits;
  char   *method;
  char   *content_type;
  GBytes *body;
} Seen;

static void
seen_clear (Seen *seen)
{
  g_mutex_lock (&seen->lock);
  seen->hits = 0;
  g_clear_pointer (&seen->method, g_free);
  g_clear_pointer (&seen->content_type, g_free);
  g_clear_pointer (&seen->body, g_bytes_unref);
  g_mutex_unlock (&seen->lock);
}

/* Server thread: record the request, answer 200 with headers and a body
 * that tell what came ("METHOD n-bytes"). */
static void
echo_handler (MmlFakeServer     *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Seen *seen = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strdup_printf ("%s %" G_GSIZE_FORMAT,
                                           soup_server_message_get_method (msg),
                                           g_bytes_get_size (body));

  g_mutex_lock (&seen->lock);
  seen->hits++;
  g_free (seen->method);
  seen->method = g_strdup (soup_server_message_get_method (msg));
  g_free (seen->content_type);
  seen->content_type = g_strdup (soup_message_headers_get_one (request, "Content-Type"));
  g_clear_pointer (&seen->body, g_bytes_unref);
  seen->body = g_bytes_ref (body);
  g_mutex_unlock (&seen->lock);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_append (response, "X-Echo-Method", soup_server_message_get_method (msg));
  soup_message_headers_append (response, "X-Multi", "one");
  soup_message_headers_append (response, "X-Multi", "two");
  soup_server_message_set_response (msg, "text/plain; charset=UTF-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* --- fixture ----------------------------------------------------------- */

typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  FakeMonitor   *monitor;
  char          *cache_dir;
  Seen           seen;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->server = mml_fake_server_new ();
  fx->cache_dir = mml_test_make_tmpdir ("mml-http-send-XXXXXX");
  fx->http = mml_http_new (fx->cache_dir);
  fx->monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  mml_http_set_use_proxy (fx->http, FALSE);
  mml_http_set_network_monitor (fx->http, G_NETWORK_MONITOR (fx->monitor));
  mml_http_set_retry_policy (fx->http, 3, 10, 200);
  mml_http_set_timeout (fx->http, 5);
  g_mutex_init (&fx->seen.lock);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->http);
  g_clear_object (&fx->monitor);
  g_clear_pointer (&fx->server, mml_fake_server_free);
  seen_clear (&fx->seen);
  g_mutex_clear (&fx->seen.lock);
  mml_test_remove_tree (fx->cache_dir);
  g_free (fx->cache_dir);
}

typedef struct
{
  MmlHttpResponse *response;
  GError          *error;
  gboolean         done;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->response, mml_http_response_unref);
  g_clear_error (&o->error);
  o->done = FALSE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *o = user_data;

  o->response = mml_http_send_finish (MML_HTTP (object), result, &o->error);
  g_assert_true ((o->response == NULL) != (o->error == NULL));
  o->done = TRUE;
}

/* Send @options to @path (a path on the fake server, or a whole URL) and
 * wait for the outcome. */
static void
send (Fixture                  *fx,
      const char               *path,
      const MmlHttpSendOptions *options,
      Outcome                  *o)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                          : mml_fake_server_url (fx->server, path);

  outcome_clear (o);
  mml_http_send_async (fx->http, url, options, NULL, send_cb, o);
  while (!o->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The body of @response is @expected (not NUL-terminated: compared as bytes). */
static void
assert_body (MmlHttpResponse *response,
             const char      *expected)
{
  GBytes *body = mml_http_response_get_body (response);

  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), expected, strlen (expected));
}

static char *
body_string (MmlHttpResponse *response)
{
  GBytes *body = mml_http_response_get_body (response);

  g_assert_nonnull (body);
  if (g_bytes_get_size (body) == 0)
    return g_strdup ("");
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* --- cases ------------------------------------------------------------- */

static void
test_methods (Fixture       *fx,
              gconstpointer  data)
{
  static const MmlHttpMethod methods[] = {
    MML_HTTP_METHOD_GET, MML_HTTP_METHOD_HEAD, MML_HTTP_METHOD_POST,
    MML_HTTP_METHOD_PUT, MML_HTTP_METHOD_DELETE, MML_HTTP_METHOD_PATCH,
  };
  Outcome o = { 0 };

  mml_fake_server_add_handler (fx->server, "/echo", echo_handler, &fx->seen);
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      const char *name = mml_http_method_to_string (methods[i]);
      MmlHttpSendOptions options = { .method = methods[i] };
      g_autofree char *expected = g_strdup_printf ("%s 0", name);
      g_autofree char *text = NULL;

      send (fx, "/echo", &options, &o);
      g_assert_no_error (o.error);
      g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 200);
      g_assert_cmpstr (mml_http_response_get_header (o.response, "x-echo-method"), ==, name);
      g_mutex_lock (&fx->seen.lock);
      g_assert_cmpstr (fx->seen.method, ==, name);
      g_mutex_unlock (&fx->seen.lock);
      text = body_string (o.response);
      /* HEAD: the headers of a GET, no body */
      g_assert_cmpstr (text, ==, methods[i] == MML_HTTP_METHOD_HEAD ? "" : expected);
      g_assert_false (mml_http_response_is_from_cache (o.response));
    }
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/echo"), ==, G_N_ELEMENTS (methods));
  outcome_clear (&o);

  g_assert_null (mml_http_method_to_string ((MmlHttpMethod) 42));
  g_assert_true (mml_http_method_is_idempotent (MML_HTTP_METHOD_PUT));
  g_assert_true (mml_http_method_is_idempotent (MML_HTTP_METHOD_DELETE));
  g_assert_false (mml_http_method_is_idempotent (MML_HTTP_METHOD_POST));
  g_assert_false (mml_http_method_is_idempotent (MML_HTTP_METHOD_PATCH));

  /* NULL options: a plain GET */
  send (fx, "/echo", NULL, &o);
  g_assert_no_error (o.error);
  assert_body (o.response, "GET 0");
  outcome_clear (&o);
}

static void
assert_seen_body (Fixture    *fx,
                  const char *content_type,
                  gconstpointer data,
                  gsize       size)
{
  g_mutex_lock (&fx->seen.lock);
  g_assert_cmpstr (fx->seen.content_type, ==, content_type);
  g_assert_nonnull (fx->seen.body);
  g_assert_cmpmem (g_bytes_get_data (fx->seen.body, NULL), g_bytes_get_size (fx->seen.body), data, size);
  g_mutex_unlock (&fx->seen.lock);
}

static void
test_bodies (Fixture       *fx,
             gconstpointer  data)
{
  static const char json[] = "{\"title\": \"Girls\", \"season\": 1}";
  static const char xml[] = "<?xml version=\"1.0\"?><MediaContainer size=\"0\"/>";
  static const guint8 raw[] = { 0, 1, 2, 0xff, 0xfe, '\r', '\n', 0, 'x' };
  const char *pairs[] = { "name", "Twin Peaks", "q", "a&b=c", "utf8", "é", "empty", "", NULL };
  g_autoptr(GBytes) json_body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GBytes) xml_body = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GBytes) raw_body = g_bytes_new_static (raw, sizeof raw);
  g_autoptr(GBytes) form = mml_http_form_encode (pairs);
  const char *form_text = "name=Twin+Peaks&q=a%26b%3Dc&utf8=%C3%A9&empty=";
  Outcome o = { 0 };

  mml_fake_server_add_handler (fx->server, "/echo", echo_handler, &fx->seen);

  /* the form encoding, and what a form decoder makes of it */
  g_assert_cmpmem (g_bytes_get_data (form, NULL), g_bytes_get_size (form), form_text, strlen (form_text));
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (form, NULL), g_bytes_get_size (form));
    g_autoptr(GHashTable) decoded = soup_form_decode (text);

    g_assert_cmpstr (g_hash_table_lookup (decoded, "name"), ==, "Twin Peaks");
    g_assert_cmpstr (g_hash_table_lookup (decoded, "q"), ==, "a&b=c");
    g_assert_cmpstr (g_hash_table_lookup (decoded, "utf8"), ==, "é");
    g_assert_cmpstr (g_hash_table_lookup (decoded, "empty"), ==, "");
  }

  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST, .body = json_body,
                                   .content_type = MML_HTTP_CONTENT_TYPE_JSON };

    send (fx, "/echo", &options, &o);
    g_assert_no_error (o.error);
    assert_seen_body (fx, "application/json", json, strlen (json));
  }
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_PUT, .body = form,
                                   .content_type = MML_HTTP_CONTENT_TYPE_FORM };

    send (fx, "/echo", &options, &o);
    g_assert_no_error (o.error);
    assert_seen_body (fx, "application/x-www-form-urlencoded", form_text, strlen (form_text));
  }
  {
    /* the type given as a header */
    const char *headers[] = { "Content-Type", "application/xml", NULL };
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_PATCH, .body = xml_body,
                                   .headers = headers };

    send (fx, "/echo", &options, &o);
    g_assert_no_error (o.error);
    assert_seen_body (fx, "application/xml", xml, strlen (xml));
  }
  {
    /* raw bytes, NULs included; no type given */
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST, .body = raw_body };

    send (fx, "/echo", &options, &o);
    g_assert_no_error (o.error);
    assert_seen_body (fx, "application/octet-stream", raw, sizeof raw);
    assert_body (o.response, "POST 9");
  }
  {
    /* a DELETE with a body */
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_DELETE, .body = json_body,
                                   .content_type = "application/json; charset=utf-8" };

    send (fx, "/echo", &options, &o);
    g_assert_no_error (o.error);
    assert_seen_body (fx, "application/json; charset=utf-8", json, strlen (json));
  }
  outcome_clear (&o);
}

static void
test_headers (Fixture       *fx,
              gconstpointer  data)
{
  const char *headers[] = { "X-Plex-Token", "plex-token-value", "Accept", "application/xml", NULL };
  MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_GET, .headers = headers };
  g_autofree char *token = NULL, *accept = NULL;
  const char *const *all;
  gboolean echo_seen = FALSE;
  Outcome o = { 0 };

  mml_fake_server_add_handler (fx->server, "/echo", echo_handler, &fx->seen);
  send (fx, "/echo", &options, &o);
  g_assert_no_error (o.error);

  /* sent */
  token = mml_fake_server_get_last_header (fx->server, "/echo", "X-Plex-Token");
  accept = mml_fake_server_get_last_header (fx->server, "/echo", "Accept");
  g_assert_cmpstr (token, ==, "plex-token-value");
  g_assert_cmpstr (accept, ==, "application/xml");

  /* received: by name in any case, repeated ones joined, all in order */
  g_assert_cmpstr (mml_http_response_get_header (o.response, "X-ECHO-METHOD"), ==, "GET");
  g_assert_cmpstr (mml_http_response_get_header (o.response, "x-multi"), ==, "one, two");
  g_assert_null (mml_http_response_get_header (o.response, "X-Absent"));
  g_assert_cmpstr (mml_http_response_get_content_type (o.response), ==, "text/plain");
  all = mml_http_response_get_headers (o.response);
  g_assert_nonnull (all);
  for (gsize i = 0; all[i] != NULL; i += 2)
    {
      g_assert_nonnull (all[i + 1]);
      if (g_ascii_strcasecmp (all[i], "X-Echo-Method") == 0)
        echo_seen = TRUE;
    }
  g_assert_true (echo_seen);
  g_assert_true (g_str_has_suffix (mml_http_response_get_final_url (o.response), "/echo"));
  g_assert_null (mml_http_response_get_location (o.response));
  outcome_clear (&o);

  /* no Accept of our own unless asked */
  send (fx, "/echo", NULL, &o);
  g_assert_no_error (o.error);
  g_clear_pointer (&accept, g_free);
  accept = mml_fake_server_get_last_header (fx->server, "/echo", "Accept");
  g_assert_cmpstr (accept, !=, "application/json");
  outcome_clear (&o);
}

static void
test_json_reply (Fixture       *fx,
                 gconstpointer  data)
{
  MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/json", 200, "{\"MediaContainer\": {\"size\": 3}}");
  mml_fake_server_add_response (fx->server, "/text", 200, "not json", -1,
                                "Content-Type", "text/plain", NULL);
  send (fx, "/json", &options, &o);
  g_assert_no_error (o.error);
  g_assert_cmpstr (mml_http_response_get_content_type (o.response), ==, "application/json");
  node = mml_http_response_dup_json (o.response, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (node),
                                                                               "MediaContainer"), "size"), ==, 3);

  send (fx, "/text", &options, &o);
  g_assert_no_error (o.error);
  g_assert_null (mml_http_response_dup_json (o.response, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  outcome_clear (&o);
}

/* POST and PATCH are sent once; PUT and DELETE are retried. */
static void
test_retries (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  Outcome o = { 0 };

  for (guint i = 0; i < 4; i++)
    {
      static const char *const paths[] = { "/post", "/patch", "/put", "/delete" };

      mml_fake_server_add_json (fx->server, paths[i], i == 3 ? 503 : 500, "{\"error\": 1}");
      mml_fake_server_add_json (fx->server, paths[i], 200, "{\"ok\": true}");
    }

  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST, .body = body,
                                   .content_type = MML_HTTP_CONTENT_TYPE_JSON };

    send (fx, "/post", &options, &o);
    g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/post"), ==, 1);
  }
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_PATCH, .body = body };

    send (fx, "/patch", &options, &o);
    g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/patch"), ==, 1);
  }
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_PUT, .body = body };

    send (fx, "/put", &options, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 200);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/put"), ==, 2);
  }
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_DELETE };

    send (fx, "/delete", &options, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/delete"), ==, 2);
  }
  {
    /* the caller may opt in; the second POST got the 200 */
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST, .body = body,
                                   .retry_unsafe = TRUE };

    send (fx, "/post", &options, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/post"), ==, 2);
  }
  {
    /* a 429 is not a reason to send a POST again either */
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST, .body = body };

    mml_fake_server_add_response (fx->server, "/busy", 429, NULL, 0, "Retry-After", "0", NULL);
    send (fx, "/busy", &options, &o);
    g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/busy"), ==, 1);
  }
  outcome_clear (&o);
}

/* Connection errors and timeouts: a POST is not sent again, a PUT is. */
static void
test_retries_transport (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  MmlHttpSendOptions post = { .method = MML_HTTP_METHOD_POST };
  MmlHttpSendOptions put = { .method = MML_HTTP_METHOD_PUT };
  Outcome o = { 0 };
  guint64 sent;

  /* a port nobody listens on */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/x",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  sent = mml_http_get_requests_sent (fx->http);
  send (fx, url, &post, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http) - sent, ==, 1);
  sent = mml_http_get_requests_sent (fx->http);
  send (fx, url, &put, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http) - sent, ==, 1 + 3);

  /* a timeout: the server may have done it, so not again */
  mml_http_set_timeout (fx->http, 1);
  mml_fake_server_add_json (fx->server, "/slow", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/slow", 1500);
  send (fx, "/slow", &post, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/slow"), ==, 1);
  outcome_clear (&o);
}

static void
test_no_redirect (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("<x/>", 4);
  g_autofree char *expected = mml_fake_server_url (fx->server, "/elsewhere");
  Outcome o = { 0 };

  mml_fake_server_add_response (fx->server, "/move", 307, "moved", -1,
                                "Location", "/elsewhere", NULL);
  mml_fake_server_add_response (fx->server, "/see-other", 303, NULL, 0,
                                "Location", "/elsewhere", NULL);
  mml_fake_server_add_json (fx->server, "/elsewhere", 200, "{}");

  /* a PUT: the 307 is read, not followed */
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_PUT, .body = body,
                                   .content_type = "application/xml", .no_redirect = TRUE };

    send (fx, "/move", &options, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 307);
    g_assert_cmpstr (mml_http_response_get_location (o.response), ==, expected);
    g_assert_cmpstr (mml_http_response_get_header (o.response, "Location"), ==, "/elsewhere");
    assert_body (o.response, "moved");
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/move"), ==, 1);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/elsewhere"), ==, 0);
  }
  /* a POST answered 303, and a GET answered 307: not followed either */
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_POST, .no_redirect = TRUE };

    send (fx, "/see-other", &options, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 303);
    g_assert_cmpstr (mml_http_response_get_location (o.response), ==, expected);
  }
  {
    MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_GET, .no_redirect = TRUE };

    send (fx, "/move", &options, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 307);
  }
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/elsewhere"), ==, 0);

  /* without no_redirect a GET follows */
  send (fx, "/move", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 200);
  g_assert_cmpstr (mml_http_response_get_final_url (o.response), ==, expected);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/elsewhere"), ==, 1);
  outcome_clear (&o);
}

static void
test_any_status (Fixture       *fx,
                 gconstpointer  data)
{
  MmlHttpSendOptions plain = { .method = MML_HTTP_METHOD_DELETE };
  MmlHttpSendOptions any = { .method = MML_HTTP_METHOD_DELETE, .any_status = TRUE };
  MmlHttpSendOptions any_post = { .method = MML_HTTP_METHOD_POST, .any_status = TRUE };
  g_autoptr(JsonNode) node = NULL;
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/gone", 404, "{\"error\": \"no such item\"}");
  send (fx, "/gone", &plain, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);

  send (fx, "/gone", &any, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 404);
  node = mml_http_response_dup_json (o.response, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "error"), ==, "no such item");

  /* a 500 to a PUT: retried first, the last reply is the response */
  mml_fake_server_add_json (fx->server, "/broken", 500, "{\"error\": \"down\"}");
  any.method = MML_HTTP_METHOD_PUT;
  send (fx, "/broken", &any, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 500);
  assert_body (o.response, "{\"error\": \"down\"}");
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/broken"), ==, 1 + 3);

  /* to a POST: at once */
  mml_fake_server_add_json (fx->server, "/broken-post", 500, "{}");
  send (fx, "/broken-post", &any_post, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 500);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/broken-post"), ==, 1);
  outcome_clear (&o);
}

/* HEAD announces a body it does not send: not "too large". */
static void
test_head (Fixture       *fx,
           gconstpointer  data)
{
  MmlHttpSendOptions head = { .method = MML_HTTP_METHOD_HEAD };
  MmlHttpSendOptions get = { .method = MML_HTTP_METHOD_GET };
  Outcome o = { 0 };

  mml_http_set_max_body (fx->http, 16);
  mml_fake_server_add_response (fx->server, "/big", 200,
                                "0123456789012345678901234567890123456789", -1,
                                "Content-Type", "video/mp4", NULL);
  send (fx, "/big", &head, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (mml_http_response_get_body (o.response)), ==, 0);
  g_assert_cmpstr (mml_http_response_get_header (o.response, "Content-Length"), ==, "40");
  g_assert_cmpstr (mml_http_response_get_content_type (o.response), ==, "video/mp4");

  send (fx, "/big", &get, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE);
  outcome_clear (&o);
}

static guint
count_cache_files (Fixture *fx)
{
  g_autoptr(GDir) dir = g_dir_open (fx->cache_dir, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Only a GET is cached, apart for each set of request headers. */
static void
test_cache (Fixture       *fx,
            gconstpointer  data)
{
  const char *xml[] = { "Accept", "application/xml", NULL };
  MmlHttpSendOptions get = { .method = MML_HTTP_METHOD_GET, .ttl_seconds = 3600 };
  MmlHttpSendOptions get_xml = { .method = MML_HTTP_METHOD_GET, .ttl_seconds = 3600, .headers = xml };
  MmlHttpSendOptions post = { .method = MML_HTTP_METHOD_POST, .ttl_seconds = 3600 };
  Outcome o = { 0 };

  mml_fake_server_add_response (fx->server, "/c", 200, "<a/>", -1,
                                "Content-Type", "application/xml; charset=utf-8", NULL);
  send (fx, "/c", &get, &o);
  g_assert_no_error (o.error);
  g_assert_false (mml_http_response_is_from_cache (o.response));
  send (fx, "/c", &get, &o);
  g_assert_no_error (o.error);
  g_assert_true (mml_http_response_is_from_cache (o.response));
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 200);
  assert_body (o.response, "<a/>");
  g_assert_cmpstr (mml_http_response_get_content_type (o.response), ==, "application/xml");
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c"), ==, 1);
  g_assert_cmpuint (count_cache_files (fx), ==, 1);

  /* other request headers: another entry */
  send (fx, "/c", &get_xml, &o);
  g_assert_no_error (o.error);
  g_assert_false (mml_http_response_is_from_cache (o.response));
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c"), ==, 2);

  /* a POST: never from nor to the cache */
  send (fx, "/c", &post, &o);
  g_assert_no_error (o.error);
  g_assert_false (mml_http_response_is_from_cache (o.response));
  send (fx, "/c", &post, &o);
  g_assert_false (mml_http_response_is_from_cache (o.response));
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c"), ==, 4);
  g_assert_cmpuint (count_cache_files (fx), ==, 2);

  /* a 404 read with any_status is not cached */
  {
    MmlHttpSendOptions any = { .method = MML_HTTP_METHOD_GET, .ttl_seconds = 3600, .any_status = TRUE };

    mml_fake_server_add_json (fx->server, "/missing", 404, "{}");
    send (fx, "/missing", &any, &o);
    g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 404);
    send (fx, "/missing", &any, &o);
    g_assert_false (mml_http_response_is_from_cache (o.response));
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/missing"), ==, 2);
  }
  outcome_clear (&o);
}

static void
test_etag (Fixture       *fx,
           gconstpointer  data)
{
  MmlHttpSendOptions get = { .method = MML_HTTP_METHOD_GET, .ttl_seconds = 60 };
  Outcome o = { 0 };

  mml_fake_server_add_response (fx->server, "/e", 200, "[1]", -1,
                                "Content-Type", "application/json", NULL);
  mml_fake_server_set_etag (fx->server, "/e", "\"v1\"");
  send (fx, "/e", &get, &o);
  g_assert_no_error (o.error);
  g_assert_false (mml_http_response_is_from_cache (o.response));
  send (fx, "/e", &get, &o);
  g_assert_no_error (o.error);
  g_assert_true (mml_http_response_is_from_cache (o.response));
  g_assert_cmpuint (mml_http_response_get_status (o.response), ==, 200);
  assert_body (o.response, "[1]");
  /* the 304 has no type: the cached one */
  g_assert_cmpstr (mml_http_response_get_content_type (o.response), ==, "application/json");
  g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, "/e", 304), ==, 1);
  outcome_clear (&o);
}

/* Bad headers are refused before anything is sent, and never logged. */
static void
test_invalid_header (Fixture       *fx,
                     gconstpointer  data)
{
  const char *bad_value[] = { "X-Plex-Token", "abc\r\nX-Evil: 1", NULL };
  const char *bad_name[] = { "X Plex", "v", NULL };
  MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_GET, .headers = bad_value };
  g_autoptr(GBytes) body = g_bytes_new_static ("x", 1);
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/h", 200, "{}");
  log_clear ();
  send (fx, "/h", &options, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (o.error->message, "X-Plex-Token"));
  g_assert_null (strstr (o.error->message, "abc"));
  g_assert_false (logged ("abc"));

  options.headers = bad_name;
  send (fx, "/h", &options, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  options.headers = NULL;
  options.body = body;
  options.content_type = "nonsense";
  send (fx, "/h", &options, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 0);
  outcome_clear (&o);
}

#define URL_SECRET    "url-SECRET-7f3a"
#define HEADER_SECRET "header-SECRET-19c2"
#define BODY_SECRET   "body-SECRET-d00d"

static gboolean
dir_contains (const char *dir_path,
              const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &contents, &len, NULL)
          && g_strstr_len (contents, len, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_secrets_not_logged (Fixture       *fx,
                         gconstpointer  data)
{
  const char *headers[] = { "X-Plex-Token", HEADER_SECRET, NULL };
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"password\": \"" BODY_SECRET "\"}",
                                               strlen ("{\"password\": \"" BODY_SECRET "\"}"));
  MmlHttpSendOptions put = { .method = MML_HTTP_METHOD_PUT, .headers = headers, .body = body,
                             .content_type = MML_HTTP_CONTENT_TYPE_JSON, .ttl_seconds = 3600 };
  MmlHttpSendOptions get = { .method = MML_HTTP_METHOD_GET, .headers = headers, .ttl_seconds = 3600 };
  Outcome o = { 0 };

  mml_fake_server_add_handler (fx->server, "/lib", echo_handler, &fx->seen);
  mml_fake_server_add_json (fx->server, "/fail", 500, "{}");
  log_clear ();

  send (fx, "/lib?X-Plex-Token=" URL_SECRET, &put, &o);
  g_assert_no_error (o.error);
  send (fx, "/lib?X-Plex-Token=" URL_SECRET, &get, &o);
  g_assert_no_error (o.error);
  send (fx, "/fail?X-Plex-Token=" URL_SECRET, &put, &o);      /* retried: more lines */
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);

  /* the lines are there, redacted */
  g_assert_true (logged ("X-Plex-Token=REDACTED"));
  g_assert_true (logged ("PUT"));
  g_assert_false (logged (URL_SECRET));
  g_assert_false (logged (HEADER_SECRET));
  g_assert_false (logged (BODY_SECRET));
  /* only the GET is on disk, without the URL's secret */
  g_assert_cmpuint (count_cache_files (fx), ==, 1);
  g_assert_false (dir_contains (fx->cache_dir, URL_SECRET));
  g_assert_false (dir_contains (fx->cache_dir, HEADER_SECRET));
  g_assert_false (dir_contains (fx->cache_dir, BODY_SECRET));
  g_assert_true (dir_contains (fx->cache_dir, "GET 0"));   /* the GET's reply */
  outcome_clear (&o);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = mml_fake_server_url (fx->server, "/slow");
  MmlHttpSendOptions options = { .method = MML_HTTP_METHOD_PUT };
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/slow", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/slow", 3000);
  mml_http_send_async (fx->http, url, &options, cancellable, send_cb, &o);
  /* cancel once the request reached the server (looked at every 5 ms) */
  while (mml_fake_server_get_count (fx->server, "/slow") == 0)
    {
      g_timeout_add (5, tick_cb, NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  g_cancellable_cancel (cancellable);
  while (!o.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/http-send/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("methods", test_methods);
  ADD ("bodies", test_bodies);
  ADD ("headers", test_headers);
  ADD ("json-reply", test_json_reply);
  ADD ("retries", test_retries);
  ADD ("retries-transport", test_retries_transport);
  ADD ("no-redirect", test_no_redirect);
  ADD ("any-status", test_any_status);
  ADD ("head", test_head);
  ADD ("cache", test_cache);
  ADD ("etag", test_etag);
  ADD ("invalid-header", test_invalid_header);
  ADD ("secrets-not-logged", test_secrets_not_logged);
  ADD ("cancel", test_cancel);
#undef ADD

  {
    int status = g_test_run ();

    g_string_free (log_text, TRUE);
    return status;
  }
}
