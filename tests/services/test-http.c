/* test-http.c — MmlHttp against a local fake server: retries, Retry-After,
 * timeouts, hostile bodies, the cache, offline (failing or waiting for the
 * network), rate limits (per host and port), cancellation, redirects kept or
 * followed, counters
 *
 * The key of the per-server state is checked directly (mml-http-private.h):
 * a default port cannot be served by a local fake server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mml-fake-server.h"
#include "mml-fake-monitor.h"
#include "mml-http-private.h"
#include "mml-test-util.h"

/* --- fixture ---------------------------------------------------------- */

typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  FakeMonitor   *monitor;
  char          *cache_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->server = mml_fake_server_new ();
  fx->cache_dir = mml_test_make_tmpdir ("mml-http-XXXXXX");
  fx->http = mml_http_new (fx->cache_dir);
  fx->monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  mml_http_set_use_proxy (fx->http, FALSE);
  mml_http_set_network_monitor (fx->http, G_NETWORK_MONITOR (fx->monitor));
  mml_http_set_retry_policy (fx->http, 3, 10, 200);
  mml_http_set_timeout (fx->http, 5);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->http);
  g_clear_object (&fx->monitor);
  g_clear_pointer (&fx->server, mml_fake_server_free);
  mml_test_remove_tree (fx->cache_dir);
  g_free (fx->cache_dir);
}

typedef struct
{
  JsonNode *node;
  GError   *error;
  guint     status;
  char     *final_url;
  char     *location;
  gboolean  from_cache;
  gboolean  done;
  gint64    finished;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->node, json_node_unref);
  g_clear_error (&o->error);
  g_clear_pointer (&o->final_url, g_free);
  g_clear_pointer (&o->location, g_free);
  memset (o, 0, sizeof *o);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MmlHttp *http = MML_HTTP (object);
  Outcome *o = user_data;

  o->node = mml_http_get_json_finish (http, result, &o->status, &o->error);
  if (o->error == NULL)
    {
      o->final_url = mml_http_result_get_final_url (http, result);
      o->location = mml_http_result_get_location (http, result);
    }
  o->from_cache = mml_http_result_from_cache (http, result);
  o->finished = g_get_monotonic_time ();
  o->done = TRUE;
}

static void
start (Fixture              *fx,
       const char           *path,
       const MmlHttpRequest *req,
       GCancellable         *cancellable,
       Outcome              *o)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                          : mml_fake_server_url (fx->server, path);

  mml_http_get_json_async (fx->http, url, req, cancellable, done_cb, o);
}

static void
wait_for (Outcome *o)
{
  while (!o->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fetch (Fixture              *fx,
       const char           *path,
       const MmlHttpRequest *req,
       Outcome              *o)
{
  start (fx, path, req, NULL, o);
  wait_for (o);
}

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

/* --- cases ------------------------------------------------------------ */

static void
test_ok (Fixture       *fx,
         gconstpointer  data)
{
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/ok", 200, "{\"id\": 13, \"name\": \"Girls\"}");
  fetch (fx, "/ok", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (o.node));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (o.node), "id"), ==, 13);
  g_assert_cmpuint (o.status, ==, 200);
  g_assert_false (o.from_cache);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/ok"), ==, 1);
  outcome_clear (&o);

  /* a fixture of tests/fixtures through the fake server */
  g_assert_true (mml_fake_server_add_fixture (fx->server, "/shows/13", 200, "tvmaze/shows_13__embed_seasons.json"));
  fetch (fx, "/shows/13?embed=seasons", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.node);
  outcome_clear (&o);
}

static void
test_post (Fixture       *fx,
           gconstpointer  data)
{
  const char *headers[] = { "X-Test", "yes", NULL };
  MmlHttpRequest req = { .headers = headers, .body_json = "{\"apikey\": \"k\"}" };
  g_autofree char *ctype = NULL, *xtest = NULL;
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/login", 200, "{\"data\": {\"token\": \"t\"}}");
  fetch (fx, "/login", &req, &o);
  g_assert_no_error (o.error);
  ctype = mml_fake_server_get_last_header (fx->server, "/login", "Content-Type");
  xtest = mml_fake_server_get_last_header (fx->server, "/login", "X-Test");
  g_assert_cmpstr (ctype, ==, "application/json");
  g_assert_cmpstr (xtest, ==, "yes");
  outcome_clear (&o);
}

static void
test_retry_after (Fixture       *fx,
                  gconstpointer  data)
{
  Outcome o = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  mml_http_set_retry_policy (fx->http, 3, 10, 5000);
  mml_fake_server_add_response (fx->server, "/ra", 429, "slow down", -1, "Retry-After", "1", NULL);
  mml_fake_server_add_json (fx->server, "/ra", 200, "[1, 2, 3]");
  fetch (fx, "/ra", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (o.node));
  g_assert_cmpfloat (seconds_since (t0), >=, 1.0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/ra"), ==, 2);
  outcome_clear (&o);
}

static void
test_quota (Fixture       *fx,
            gconstpointer  data)
{
  Outcome o = { 0 };

  /* Always 429 → QUOTA after the retries; a Retry-After beyond the longest
   * backoff fails at once rather than hang. */
  mml_fake_server_add_json (fx->server, "/q", 429, "{}");
  fetch (fx, "/q", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA);
  g_assert_nonnull (strstr (o.error->message, "rate limiting"));
  g_assert_cmpuint (o.status, ==, 429);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/q"), ==, 4);
  outcome_clear (&o);

  mml_fake_server_add_response (fx->server, "/q2", 429, "", 0, "Retry-After", "3600", NULL);
  fetch (fx, "/q2", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/q2"), ==, 1);
  outcome_clear (&o);
}

static void
test_server_retry (Fixture       *fx,
                   gconstpointer  data)
{
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/flaky", 500, "oops");
  mml_fake_server_add_json (fx->server, "/flaky", 503, "oops");
  mml_fake_server_add_json (fx->server, "/flaky", 200, "{\"ok\": true}");
  fetch (fx, "/flaky", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.node);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/flaky"), ==, 3);
  outcome_clear (&o);
}

static void
test_server_down (Fixture       *fx,
                  gconstpointer  data)
{
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/down", 500, "{\"error\": 1}");
  fetch (fx, "/down", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_assert_cmpuint (o.status, ==, 500);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/down"), ==, 1 + 3);
  outcome_clear (&o);
}

static void
test_client_errors (Fixture       *fx,
                    gconstpointer  data)
{
  struct { const char *path; guint status; int code; } cases[] = {
    { "/nf", 404, MML_HTTP_ERROR_NOT_FOUND },
    { "/unauth", 401, MML_HTTP_ERROR_AUTH },
    { "/forbidden", 403, MML_HTTP_ERROR_AUTH },
    { "/bad", 400, MML_HTTP_ERROR_SERVER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Outcome o = { 0 };

      mml_fake_server_add_json (fx->server, cases[i].path, cases[i].status, "{\"message\": \"no\"}");
      fetch (fx, cases[i].path, NULL, &o);
      g_assert_error (o.error, MML_HTTP_ERROR, cases[i].code);
      g_assert_cmpuint (o.status, ==, cases[i].status);
      g_assert_cmpuint (mml_fake_server_get_count (fx->server, cases[i].path), ==, 1);
      outcome_clear (&o);
    }
}

static void
test_timeout (Fixture       *fx,
              gconstpointer  data)
{
  Outcome o = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  mml_http_set_timeout (fx->http, 1);
  mml_http_set_retry_policy (fx->http, 1, 10, 20);
  mml_fake_server_add_json (fx->server, "/slow", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/slow", 2500);
  fetch (fx, "/slow", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/slow"), ==, 2);
  g_assert_cmpfloat (seconds_since (t0), >=, 2.0);
  g_assert_cmpfloat (seconds_since (t0), <, 4.0);
  outcome_clear (&o);
}

static void
test_connect_refused (Fixture       *fx,
                      gconstpointer  data)
{
  Outcome o = { 0 };
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* a port nobody listens on: bound, never listening */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/x",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  fetch (fx, url, NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
  outcome_clear (&o);

  fetch (fx, "not a url", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
  outcome_clear (&o);
}

static void
test_malformed (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  struct { const char *path; const char *body; } cases[] = {
    { "/garbage", "<html>Oops</html>" },
    { "/truncated", "{\"id\": 1, \"seasons\": [{\"number\": 1}, {\"numb" },
    { "/empty", "" },
    { "/string", "\"hello\"" },
    { "/number", "42" },
    { "/null", "null" },
    { "/binary", "\xff\xfe\x00\x01" },
    { "/deep", NULL },
  };

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Outcome o = { 0 };
      const char *body = cases[i].body != NULL ? cases[i].body : deep->str;

      mml_fake_server_add_response (fx->server, cases[i].path, 200, body,
                                    strcmp (cases[i].path, "/binary") == 0 ? 4 : -1,
                                    "Content-Type", "application/json", NULL);
      fetch (fx, cases[i].path, NULL, &o);
      g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
      g_assert_nonnull (strstr (o.error->message, "127.0.0.1"));
      g_assert_cmpuint (mml_fake_server_get_count (fx->server, cases[i].path), ==, 1);
      outcome_clear (&o);
    }
}

static void
test_too_large (Fixture       *fx,
                gconstpointer  data)
{
  const gsize size = 50 * 1024 * 1024;
  gint64 t0 = g_get_monotonic_time ();
  Outcome o = { 0 };

  /* chunked: read until the limit, then stop */
  mml_fake_server_add_large_body (fx->server, "/huge", size, TRUE);
  fetch (fx, "/huge", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/huge"), ==, 1);
  outcome_clear (&o);

  /* with a Content-Length: refused without reading */
  mml_fake_server_add_large_body (fx->server, "/huge-cl", size, FALSE);
  fetch (fx, "/huge-cl", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE);
  outcome_clear (&o);

  g_assert_cmpfloat (seconds_since (t0), <, 5.0);
  /* give the server a moment to notice the closed connections */
  g_usleep (200 * 1000);
  g_test_message ("bytes written: chunked %" G_GUINT64_FORMAT ", content-length %" G_GUINT64_FORMAT,
                  mml_fake_server_get_bytes_written (fx->server, "/huge"),
                  mml_fake_server_get_bytes_written (fx->server, "/huge-cl"));
  g_assert_cmpuint (mml_fake_server_get_bytes_written (fx->server, "/huge"), <, size / 2);
  g_assert_cmpuint (mml_fake_server_get_bytes_written (fx->server, "/huge-cl"), <, size / 2);

  /* a smaller limit applies too */
  mml_http_set_max_body (fx->http, 10);
  mml_fake_server_add_json (fx->server, "/eleven", 200, "[1,2,3,4,5]");
  fetch (fx, "/eleven", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE);
  outcome_clear (&o);
}

static void
test_cache_ttl (Fixture       *fx,
                gconstpointer  data)
{
  MmlHttpRequest req = { .ttl_seconds = 60 };
  g_autoptr(MmlHttp) other = NULL;
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/cached", 200, "{\"v\": 1}");
  fetch (fx, "/cached", &req, &o);
  g_assert_no_error (o.error);
  g_assert_false (o.from_cache);
  outcome_clear (&o);

  fetch (fx, "/cached", &req, &o);
  g_assert_no_error (o.error);
  g_assert_true (o.from_cache);
  g_assert_cmpuint (o.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (o.node), "v"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/cached"), ==, 1);
  outcome_clear (&o);

  /* from disk, by another instance; served even while offline */
  other = mml_http_new (fx->cache_dir);
  mml_http_set_network_monitor (other, G_NETWORK_MONITOR (fx->monitor));
  fake_monitor_set_available (fx->monitor, FALSE);
  {
    g_autofree char *url = mml_fake_server_url (fx->server, "/cached");

    mml_http_get_json_async (other, url, &req, NULL, done_cb, &o);
    wait_for (&o);
  }
  g_assert_no_error (o.error);
  g_assert_true (o.from_cache);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/cached"), ==, 1);
  outcome_clear (&o);
  fake_monitor_set_available (fx->monitor, TRUE);

  /* ttl 0: never cached */
  fetch (fx, "/cached", NULL, &o);
  g_assert_false (o.from_cache);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/cached"), ==, 2);
  outcome_clear (&o);

  /* cleared */
  mml_http_clear_cache (fx->http);
  fetch (fx, "/cached", &req, &o);
  g_assert_false (o.from_cache);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/cached"), ==, 3);
  outcome_clear (&o);
}

static void
test_cache_etag (Fixture       *fx,
                 gconstpointer  data)
{
  MmlHttpRequest req = { .ttl_seconds = 3600 };
  g_autofree char *inm = NULL;
  Outcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/etag", 200, "{\"v\": 2}");
  mml_fake_server_set_etag (fx->server, "/etag", "\"abc\"");
  fetch (fx, "/etag", &req, &o);
  g_assert_no_error (o.error);
  g_assert_false (o.from_cache);
  outcome_clear (&o);

  fetch (fx, "/etag", &req, &o);
  g_assert_no_error (o.error);
  g_assert_true (o.from_cache);
  g_assert_cmpuint (o.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (o.node), "v"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/etag"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, "/etag", 304), ==, 1);
  inm = mml_fake_server_get_last_header (fx->server, "/etag", "If-None-Match");
  g_assert_cmpstr (inm, ==, "\"abc\"");
  outcome_clear (&o);

  /* and again: the validator survived the 304 */
  fetch (fx, "/etag", &req, &o);
  g_assert_true (o.from_cache);
  g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, "/etag", 304), ==, 2);
  outcome_clear (&o);
}

static void
test_offline (Fixture       *fx,
              gconstpointer  data)
{
  Outcome o = { 0 }, first = { 0 }, second = { 0 };

  mml_fake_server_add_json (fx->server, "/x", 200, "{}");
  fake_monitor_set_available (fx->monitor, FALSE);
  fetch (fx, "/x", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 0);
  outcome_clear (&o);

  /* a request waiting for a slot when the network goes away */
  fake_monitor_set_available (fx->monitor, TRUE);
  mml_http_set_max_concurrent (fx->http, 1);
  mml_fake_server_add_json (fx->server, "/slow", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/slow", 300);
  start (fx, "/slow", NULL, NULL, &first);
  start (fx, "/x", NULL, NULL, &second);
  while (mml_fake_server_get_count (fx->server, "/slow") == 0)
    g_main_context_iteration (NULL, FALSE);
  fake_monitor_set_available (fx->monitor, FALSE);
  wait_for (&second);
  g_assert_false (first.done);     /* failed while the first was in flight */
  g_assert_error (second.error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE);
  wait_for (&first);
  g_assert_no_error (first.error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/x"), ==, 0);
  outcome_clear (&first);
  outcome_clear (&second);
}

static void
test_rate_limit (Fixture       *fx,
                 gconstpointer  data)
{
  enum { N = 25 };
  Outcome o[N] = { 0 };
  g_autoptr(GArray) times = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double elapsed;

  g_assert_true (mml_http_set_host_limit (fx->http, mml_fake_server_get_base_url (fx->server), 5, 1));
  mml_fake_server_add_json (fx->server, "/rl", 200, "{}");
  for (guint i = 0; i < N; i++)
    start (fx, "/rl", NULL, NULL, &o[i]);
  for (guint i = 0; i < N; i++)
    wait_for (&o[i]);
  elapsed = seconds_since (t0);
  g_test_message ("25 requests at 5/s: %.2f s", elapsed);

  for (guint i = 0; i < N; i++)
    {
      g_assert_no_error (o[i].error);
      if (i > 0)   /* completed in the order queued */
        g_assert_cmpint (o[i].finished, >=, o[i - 1].finished - 200 * 1000);
      outcome_clear (&o[i]);
    }
  g_assert_cmpfloat (elapsed, >=, 4.0);
  /* far below 25 s (one at a time), with room for a loaded machine */
  g_assert_cmpfloat (elapsed, <, 15.0);

  times = mml_fake_server_get_times (fx->server, "/rl");
  g_assert_cmpuint (times->len, ==, N);
  /* the limiter counts sends; the server counts arrivals, which a new
   * connection can delay by a little */
  for (guint i = 0; i + 5 < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i + 5) - g_array_index (times, gint64, i),
                     >=, G_USEC_PER_SEC - ARRIVAL_JITTER_USEC);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Two services on one machine, at two ports (a media server next to a
 * metadata provider's stand-in), are two servers: a tight limit on one does
 * not hold up the other. Told by order, not by time: the other server's
 * request is answered while the limited one still waits for its slot. */
static void
test_rate_limit_per_port (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MmlFakeServer *other = mml_fake_server_new ();
  g_autofree char *other_url = mml_fake_server_url (other, "/o");
  Outcome first = { 0 }, second = { 0 }, held = { 0 }, elsewhere = { 0 };

  g_assert_cmpstr (mml_fake_server_get_base_url (fx->server), !=, mml_fake_server_get_base_url (other));
  /* a window far longer than the test: the third request waits a minute */
  g_assert_true (mml_http_set_host_limit (fx->http, mml_fake_server_get_base_url (fx->server), 2, 60));
  mml_fake_server_add_json (fx->server, "/l", 200, "{}");
  mml_fake_server_add_json (other, "/o", 200, "{}");
  fetch (fx, "/l", NULL, &first);
  fetch (fx, "/l", NULL, &second);
  g_assert_no_error (first.error);
  g_assert_no_error (second.error);

  start (fx, "/l", NULL, cancellable, &held);          /* queued first… */
  start (fx, other_url, NULL, NULL, &elsewhere);       /* …answered first */
  wait_for (&elsewhere);
  g_assert_no_error (elsewhere.error);
  g_assert_false (held.done);
  g_assert_cmpuint (mml_fake_server_get_count (other, "/o"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/l"), ==, 2);

  /* the limited one was waiting for its slot, not lost */
  g_cancellable_cancel (cancellable);
  wait_for (&held);
  g_assert_error (held.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/l"), ==, 2);

  outcome_clear (&first);
  outcome_clear (&second);
  outcome_clear (&held);
  outcome_clear (&elsewhere);
  mml_fake_server_free (other);
}

/* A Retry-After and a label are a server's too: a server at another port
 * of the same host neither waits for the first one's two hours nor is
 * called by its name. */
static void
test_retry_after_per_port (Fixture       *fx,
                           gconstpointer  data)
{
  MmlFakeServer *other = mml_fake_server_new ();
  g_autofree char *other_ok = mml_fake_server_url (other, "/ok");
  g_autofree char *other_missing = mml_fake_server_url (other, "/missing");
  Outcome o = { 0 };

  g_assert_true (mml_http_set_host_label (fx->http, mml_fake_server_get_base_url (fx->server), "Busy Service"));
  mml_fake_server_add_response (fx->server, "/busy", 503, "{}", -1, "Retry-After", "7200", NULL);
  mml_fake_server_add_json (fx->server, "/next", 200, "{}");
  mml_fake_server_add_json (other, "/ok", 200, "{}");

  fetch (fx, "/busy", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_assert_nonnull (strstr (o.error->message, "Busy Service"));
  outcome_clear (&o);
  /* the busy server's next request fails at once, unsent… */
  fetch (fx, "/next", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/next"), ==, 0);
  outcome_clear (&o);

  /* …the other one's goes */
  fetch (fx, other_ok, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_fake_server_get_count (other, "/ok"), ==, 1);
  outcome_clear (&o);
  fetch (fx, other_missing, NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_assert_null (strstr (o.error->message, "Busy Service"));
  g_assert_nonnull (strstr (o.error->message, "127.0.0.1"));
  outcome_clear (&o);

  mml_fake_server_free (other);
}

/* The key of a server: its host and port, the scheme's port when the URL
 * names none; and the setters take a URL, nothing else. */
static void
test_host_key (void)
{
  static const struct { const char *url; const char *key; } cases[] = {
    { "https://api.tvmaze.com", "api.tvmaze.com:443" },
    { "https://api.tvmaze.com:443", "api.tvmaze.com:443" },
    { "HTTPS://API.TVmaze.com:443/shows?q=girls", "api.tvmaze.com:443" },
    { "http://api.tvmaze.com/", "api.tvmaze.com:80" },
    { "http://api.tvmaze.com:80", "api.tvmaze.com:80" },
    { "https://api.tvmaze.com:8443", "api.tvmaze.com:8443" },
    { "http://192.168.1.5:8096", "192.168.1.5:8096" },
    { "http://192.168.1.5:8920/emby", "192.168.1.5:8920" },
    { "http://[::1]:8096/", "[::1]:8096" },
    { "https://[::1]", "[::1]:443" },
  };
  static const char *const not_urls[] = {
    "api.tvmaze.com", "127.0.0.1", "127.0.0.1:8096", "ftp://example.com/", "http://", "",
  };
  g_autoptr(MmlHttp) http = mml_http_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* as libsoup parses (the scheme's port filled in), and as it is written */
      g_autoptr(GUri) normalized = g_uri_parse (cases[i].url, SOUP_HTTP_URI_FLAGS, NULL);
      g_autoptr(GUri) plain = g_uri_parse (cases[i].url, G_URI_FLAGS_NONE, NULL);
      g_autofree char *key = _mml_http_host_key (normalized);
      g_autofree char *plain_key = _mml_http_host_key (plain);

      g_test_message ("%s: %s", cases[i].url, key);
      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpstr (plain_key, ==, cases[i].key);
    }

  /* a limit and a label set by two spellings of one server are one entry */
  g_assert_true (mml_http_set_host_limit (http, "https://api.tvmaze.com", 20, 10));
  g_assert_true (mml_http_set_host_label (http, "https://api.tvmaze.com:443/", "TVmaze"));
  g_assert_cmpuint (g_hash_table_size (http->hosts), ==, 1);
  {
    MmlHttpHost *host = g_hash_table_lookup (http->hosts, "api.tvmaze.com:443");

    g_assert_nonnull (host);
    g_assert_cmpuint (host->max_requests, ==, 20);
    g_assert_cmpuint (host->per_seconds, ==, 10);
    g_assert_cmpstr (host->label, ==, "TVmaze");
  }
  /* another port of that host is another server */
  g_assert_true (mml_http_set_host_limit (http, "http://api.tvmaze.com:8080", 1, 1));
  g_assert_cmpuint (g_hash_table_size (http->hosts), ==, 2);

  /* a bare host is refused, not taken for a server without a port */
  for (gsize i = 0; i < G_N_ELEMENTS (not_urls); i++)
    {
      g_assert_false (mml_http_set_host_limit (http, not_urls[i], 1, 1));
      g_assert_false (mml_http_set_host_label (http, not_urls[i], "x"));
    }
  g_assert_cmpuint (g_hash_table_size (http->hosts), ==, 2);
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GCancellable) c1 = g_cancellable_new ();
  g_autoptr(GCancellable) c2 = g_cancellable_new ();
  g_autoptr(GCancellable) c3 = g_cancellable_new ();
  g_autoptr(GCancellable) c4 = g_cancellable_new ();
  Outcome first = { 0 }, waiting = { 0 }, flying = { 0 }, backing = { 0 }, pre = { 0 };
  gint64 t0;

  /* waiting for a rate-limit slot */
  g_assert_true (mml_http_set_host_limit (fx->http, mml_fake_server_get_base_url (fx->server), 1, 10));
  mml_fake_server_add_json (fx->server, "/c", 200, "{}");
  fetch (fx, "/c", NULL, &first);
  g_assert_no_error (first.error);
  t0 = g_get_monotonic_time ();
  start (fx, "/c", NULL, c1, &waiting);
  g_timeout_add (100, cancel_cb, c1);
  wait_for (&waiting);
  g_assert_error (waiting.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (t0), <, 1.0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c"), ==, 1);
  g_assert_true (mml_http_set_host_limit (fx->http, mml_fake_server_get_base_url (fx->server), 0, 0));

  /* in flight */
  mml_fake_server_add_json (fx->server, "/slow", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/slow", 3000);
  t0 = g_get_monotonic_time ();
  start (fx, "/slow", NULL, c2, &flying);
  g_timeout_add (200, cancel_cb, c2);
  wait_for (&flying);
  g_assert_error (flying.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (t0), <, 1.5);

  /* backing off */
  mml_http_set_retry_policy (fx->http, 3, 5000, 5000);
  mml_fake_server_add_json (fx->server, "/fail", 503, "{}");
  t0 = g_get_monotonic_time ();
  start (fx, "/fail", NULL, c3, &backing);
  g_timeout_add (300, cancel_cb, c3);
  wait_for (&backing);
  g_assert_error (backing.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (t0), <, 1.5);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/fail"), ==, 1);

  /* already cancelled */
  g_cancellable_cancel (c4);
  start (fx, "/c", NULL, c4, &pre);
  wait_for (&pre);
  g_assert_error (pre.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  outcome_clear (&first);
  outcome_clear (&waiting);
  outcome_clear (&flying);
  outcome_clear (&backing);
  outcome_clear (&pre);
}

static void
test_redirect (Fixture       *fx,
               gconstpointer  data)
{
  Outcome o = { 0 };

  mml_fake_server_add_response (fx->server, "/lookup/shows", 301, NULL, 0,
                                "Location", "/shows/13", NULL);
  mml_fake_server_add_json (fx->server, "/shows/13", 200, "{\"id\": 13}");
  fetch (fx, "/lookup/shows?thetvdb=81189", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.final_url);
  g_assert_true (g_str_has_suffix (o.final_url, "/shows/13"));
  g_assert_true (g_str_has_prefix (o.final_url, mml_fake_server_get_base_url (fx->server)));
  outcome_clear (&o);
}

/* Run the main context for about @ms milliseconds. */
static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_wait_for_network (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 }, cancelled = { 0 }, first = { 0 }, second = { 0 };
  guint online_notes = 0, waiting_notes = 0;
  gboolean online = FALSE;

  g_object_get (fx->http, "online", &online, NULL);
  g_assert_true (online);
  g_signal_connect (fx->http, "notify::online", G_CALLBACK (count_notify_cb), &online_notes);
  g_signal_connect (fx->http, "notify::waiting", G_CALLBACK (count_notify_cb), &waiting_notes);
  mml_http_set_wait_for_network (fx->http, TRUE);
  mml_fake_server_add_json (fx->server, "/w", 200, "{\"v\": 7}");

  /* offline: kept, not sent, not failed */
  fake_monitor_set_available (fx->monitor, FALSE);
  g_assert_false (mml_http_get_online (fx->http));
  g_object_get (fx->http, "online", &online, NULL);
  g_assert_false (online);
  g_assert_cmpuint (online_notes, ==, 1);
  start (fx, "/w", NULL, NULL, &o);
  iterate_for (300);
  g_assert_false (o.done);
  g_assert_cmpuint (mml_http_get_waiting (fx->http), ==, 1);
  g_assert_cmpuint (waiting_notes, ==, 1);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 0);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 0);

  /* a change that leaves the network away changes nothing */
  fake_monitor_set_available (fx->monitor, FALSE);
  iterate_for (50);
  g_assert_false (o.done);
  g_assert_cmpuint (online_notes, ==, 1);

  /* back: it goes out and completes */
  fake_monitor_set_available (fx->monitor, TRUE);
  g_assert_true (mml_http_get_online (fx->http));
  g_assert_cmpuint (online_notes, ==, 2);
  g_assert_cmpuint (mml_http_get_waiting (fx->http), ==, 0);
  wait_for (&o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.node);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (o.node), "v"), ==, 7);
  g_assert_cmpuint (o.status, ==, 200);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/w"), ==, 1);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1);
  outcome_clear (&o);

  /* cancelled while waiting: cancelled, and never sent */
  fake_monitor_set_available (fx->monitor, FALSE);
  start (fx, "/w", NULL, cancellable, &cancelled);
  iterate_for (100);
  g_assert_false (cancelled.done);
  g_assert_cmpuint (mml_http_get_waiting (fx->http), ==, 1);
  g_cancellable_cancel (cancellable);
  wait_for (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mml_http_get_waiting (fx->http), ==, 0);
  fake_monitor_set_available (fx->monitor, TRUE);
  iterate_for (200);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/w"), ==, 1);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1);
  outcome_clear (&cancelled);

  /* queued behind a slow request when the network goes: waits, not fails */
  mml_http_set_max_concurrent (fx->http, 1);
  mml_fake_server_add_json (fx->server, "/slow", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/slow", 300);
  start (fx, "/slow", NULL, NULL, &first);
  start (fx, "/w", NULL, NULL, &second);
  while (mml_fake_server_get_count (fx->server, "/slow") == 0)
    g_main_context_iteration (NULL, FALSE);
  fake_monitor_set_available (fx->monitor, FALSE);
  g_assert_cmpuint (mml_http_get_waiting (fx->http), ==, 1);
  wait_for (&first);
  g_assert_no_error (first.error);
  iterate_for (100);
  g_assert_false (second.done);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/w"), ==, 1);
  fake_monitor_set_available (fx->monitor, TRUE);
  wait_for (&second);
  g_assert_no_error (second.error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/w"), ==, 2);
  outcome_clear (&first);
  outcome_clear (&second);

  /* turned off while a request waits: it fails as it would have at once */
  fake_monitor_set_available (fx->monitor, FALSE);
  start (fx, "/w", NULL, NULL, &o);
  iterate_for (50);
  g_assert_false (o.done);
  mml_http_set_wait_for_network (fx->http, FALSE);
  wait_for (&o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE);
  g_assert_cmpuint (mml_http_get_waiting (fx->http), ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/w"), ==, 2);
  outcome_clear (&o);

  /* and the default still fails at once */
  fetch (fx, "/w", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE);
  outcome_clear (&o);
}

/* A one-shot HTTP server on a socket of the test's, on its own thread. */
static gboolean
answer_once_cb (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source_object,
                gpointer                user_data)
{
  static const char reply[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
    "Connection: close\r\n\r\n{\"ok\":true}";
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  char buf[1024];
  gssize n;

  while (strstr (request->str, "\r\n\r\n") == NULL
         && (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);
  /* counted before the reply goes out: the client may finish (and the test
   * read the count) before this thread runs another line after the write */
  g_atomic_int_inc ((gint *) user_data);
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_wait_after_connect_error (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *url = NULL;
  gint answered = 0;
  Outcome o = { 0 };

  /* No retries at all: only waiting for the network can save the request. */
  mml_http_set_retry_policy (fx->http, 0, 10, 20);
  mml_http_set_wait_for_network (fx->http, TRUE);

  /* bound, not listening yet: the first attempt is refused */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/x",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  start (fx, url, NULL, NULL, &o);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1);
  /* the network goes while the attempt is on its way */
  fake_monitor_set_available (fx->monitor, FALSE);
  while (mml_http_get_waiting (fx->http) == 0 && !o.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (o.done);
  iterate_for (100);
  g_assert_false (o.done);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1);

  /* someone answers now; the network comes back */
  service = g_threaded_socket_service_new (1);
  g_signal_connect (service, "run", G_CALLBACK (answer_once_cb), &answered);
  g_assert_true (g_socket_listen (socket, NULL));
  g_assert_true (g_socket_listener_add_socket (G_SOCKET_LISTENER (service), socket, NULL, NULL));
  fake_monitor_set_available (fx->monitor, TRUE);
  wait_for (&o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.node);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (o.node), "ok"));
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 2);
  g_assert_cmpint (g_atomic_int_get (&answered), ==, 1);
  outcome_clear (&o);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));

  /* without waiting, the same refusal fails at once (no retries) */
  mml_http_set_wait_for_network (fx->http, FALSE);
  g_socket_close (socket, NULL);
  start (fx, url, NULL, NULL, &o);
  fake_monitor_set_available (fx->monitor, FALSE);
  wait_for (&o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_CONNECT);
  outcome_clear (&o);
}

static void
test_no_redirect (Fixture       *fx,
                  gconstpointer  data)
{
  MmlHttpRequest req = { NULL, 0, NULL, TRUE };
  MmlHttpRequest cached = { .ttl_seconds = 600, .no_redirect = TRUE };
  MmlHttpRequest follow = { .ttl_seconds = 600 };
  g_autofree char *expected = mml_fake_server_url (fx->server, "/shows/5");
  g_autofree char *request_url = mml_fake_server_url (fx->server, "/lookup/shows?thetvdb=1");
  Outcome o = { 0 };

  /* TVmaze: a 301 with a relative Location and the body "null" */
  mml_fake_server_add_response (fx->server, "/lookup/shows", 301, "null", -1,
                                "Content-Type", "application/json",
                                "Location", "/shows/5", NULL);
  mml_fake_server_add_json (fx->server, "/shows/5", 200, "{\"id\": 5}");
  fetch (fx, "/lookup/shows?thetvdb=1", &req, &o);
  g_assert_no_error (o.error);
  g_assert_null (o.node);
  g_assert_cmpuint (o.status, ==, 301);
  g_assert_cmpstr (o.location, ==, expected);
  g_assert_cmpstr (o.final_url, ==, request_url);
  g_assert_false (o.from_cache);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/lookup/shows"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/shows/5"), ==, 0);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1);
  outcome_clear (&o);

  /* cached with its status and Location */
  fetch (fx, "/lookup/shows?thetvdb=1", &cached, &o);
  g_assert_no_error (o.error);
  g_assert_false (o.from_cache);
  outcome_clear (&o);
  fetch (fx, "/lookup/shows?thetvdb=1", &cached, &o);
  g_assert_no_error (o.error);
  g_assert_true (o.from_cache);
  g_assert_null (o.node);
  g_assert_cmpuint (o.status, ==, 301);
  g_assert_cmpstr (o.location, ==, expected);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/lookup/shows"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/shows/5"), ==, 0);
  outcome_clear (&o);

  /* the same URL followed is another cache entry: it lands on the show */
  fetch (fx, "/lookup/shows?thetvdb=1", &follow, &o);
  g_assert_no_error (o.error);
  g_assert_false (o.from_cache);
  g_assert_cmpuint (o.status, ==, 200);
  g_assert_cmpstr (o.final_url, ==, expected);
  g_assert_null (o.location);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (o.node), "id"), ==, 5);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/shows/5"), ==, 1);
  outcome_clear (&o);

  /* an absolute Location elsewhere is handed back as it is, never fetched;
   * a JSON body with the redirect is parsed */
  mml_fake_server_add_response (fx->server, "/moved", 302, "{\"moved\": true}", -1,
                                "Content-Type", "application/json",
                                "Location", "http://example.invalid/shows/7", NULL);
  fetch (fx, "/moved", &req, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.status, ==, 302);
  g_assert_cmpstr (o.location, ==, "http://example.invalid/shows/7");
  g_assert_nonnull (o.node);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (o.node), "moved"));
  outcome_clear (&o);

  /* a redirect without a Location, or a garbage body: still no error */
  mml_fake_server_add_response (fx->server, "/nowhere", 307, "<html>", -1,
                                "Content-Type", "text/html", NULL);
  fetch (fx, "/nowhere", &req, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.status, ==, 307);
  g_assert_null (o.location);
  g_assert_null (o.node);
  outcome_clear (&o);

  /* no redirect at all: an ordinary reply, parsed strictly */
  mml_fake_server_add_json (fx->server, "/plain", 200, "{\"id\": 1}");
  fetch (fx, "/plain", &req, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.status, ==, 200);
  g_assert_null (o.location);
  g_assert_nonnull (o.node);
  outcome_clear (&o);
  mml_fake_server_add_json (fx->server, "/plain-null", 200, "null");
  fetch (fx, "/plain-null", &req, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  outcome_clear (&o);

  /* errors stay errors */
  mml_fake_server_add_json (fx->server, "/gone", 404, "{}");
  fetch (fx, "/gone", &req, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  outcome_clear (&o);
}

static void
test_requests_sent (Fixture       *fx,
                    gconstpointer  data)
{
  MmlHttpRequest req = { .ttl_seconds = 60 };
  MmlHttpRequest etag_req = { .ttl_seconds = 3600 };
  Outcome o = { 0 };

  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 0);
  mml_fake_server_add_json (fx->server, "/a", 200, "{}");
  fetch (fx, "/a", NULL, &o);
  outcome_clear (&o);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1);

  /* a cache hit is not sent */
  fetch (fx, "/a", &req, &o);
  outcome_clear (&o);
  fetch (fx, "/a", &req, &o);
  g_assert_true (o.from_cache);
  outcome_clear (&o);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 2);

  /* a revalidation is */
  mml_fake_server_add_json (fx->server, "/e", 200, "{}");
  mml_fake_server_set_etag (fx->server, "/e", "\"1\"");
  fetch (fx, "/e", &etag_req, &o);
  outcome_clear (&o);
  fetch (fx, "/e", &etag_req, &o);
  g_assert_true (o.from_cache);
  outcome_clear (&o);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 4);

  /* every retry counts */
  mml_fake_server_add_json (fx->server, "/flaky", 503, "{}");
  mml_fake_server_add_json (fx->server, "/flaky", 500, "{}");
  mml_fake_server_add_json (fx->server, "/flaky", 200, "{}");
  fetch (fx, "/flaky", NULL, &o);
  g_assert_no_error (o.error);
  outcome_clear (&o);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 7);

  /* failing offline sends nothing */
  fake_monitor_set_available (fx->monitor, FALSE);
  fetch (fx, "/a", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_OFFLINE);
  outcome_clear (&o);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 7);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 7);
}

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} BytesOutcome;

static void
bytes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  BytesOutcome *o = user_data;

  o->bytes = mml_http_get_bytes_finish (MML_HTTP (object), result, &o->error);
  o->done = TRUE;
}

static void
get_bytes (Fixture      *fx,
           const char   *path,
           gsize         max,
           BytesOutcome *o)
{
  g_autofree char *url = mml_fake_server_url (fx->server, path);

  *o = (BytesOutcome) { 0 };
  mml_http_get_bytes_async (fx->http, url, max, NULL, bytes_cb, o);
  while (!o->done)
    g_main_context_iteration (NULL, TRUE);
}

/* Posters: raw bytes (not JSON), cached on disk, capped. */
static void
test_bytes (Fixture       *fx,
            gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  BytesOutcome o;
  guint64 sent;

  mml_fake_server_add_response (fx->server, "/poster.png", 200, (const char *) png, sizeof png,
                                "Content-Type", "image/png", NULL);
  get_bytes (fx, "/poster.png", 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpmem (g_bytes_get_data (o.bytes, NULL), g_bytes_get_size (o.bytes), png, sizeof png);
  g_clear_pointer (&o.bytes, g_bytes_unref);
  {
    g_autofree char *accept = mml_fake_server_get_last_header (fx->server, "/poster.png", "Accept");

    g_assert_nonnull (accept);
    g_assert_cmpstr (accept, !=, "application/json");
  }

  /* the second time from the disk cache: nothing sent */
  sent = mml_http_get_requests_sent (fx->http);
  get_bytes (fx, "/poster.png", 0, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (g_bytes_get_size (o.bytes), ==, sizeof png);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, sent);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/poster.png"), ==, 1);
  g_clear_pointer (&o.bytes, g_bytes_unref);

  /* over the caller's cap: refused, not read */
  mml_fake_server_add_large_body (fx->server, "/huge.jpg", 4 * 1024 * 1024, FALSE);
  get_bytes (fx, "/huge.jpg", 256 * 1024, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE);
  g_assert_null (o.bytes);
  g_clear_error (&o.error);

  /* a 404 is an error like for JSON */
  get_bytes (fx, "/nothing.jpg", 0, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_clear_error (&o.error);
}

static void
test_redact (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "https://api.themoviedb.org/3/search/tv?api_key=SECRET&query=girls",
      "https://api.themoviedb.org/3/search/tv?api_key=REDACTED&query=girls" },
    { "https://x.org/a?query=1&apikey=S&Token=T#frag",
      "https://x.org/a?query=1&apikey=REDACTED&Token=REDACTED#frag" },
    { "https://user:pass@x.org/a?access_token=abc",
      "https://REDACTED@x.org/a?access_token=REDACTED" },
    { "https://api.tvmaze.com/shows/1?embed=seasons",
      "https://api.tvmaze.com/shows/1?embed=seasons" },
    { "http://plex:32400/library?X-Plex-Token=abc",
      "http://plex:32400/library?X-Plex-Token=REDACTED" },
    { "no url at all", "no url at all" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = mml_http_redact_url (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (MML_HTTP_ERROR), ==, "mml-http-error-quark");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/http/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/http/redact", test_redact);
  g_test_add_func ("/http/error-quark", test_error_quark);
  g_test_add_func ("/http/host-key", test_host_key);
  ADD ("ok", test_ok);
  ADD ("post", test_post);
  ADD ("retry-after", test_retry_after);
  ADD ("quota", test_quota);
  ADD ("server-retry", test_server_retry);
  ADD ("server-down", test_server_down);
  ADD ("client-errors", test_client_errors);
  ADD ("timeout", test_timeout);
  ADD ("connect-refused", test_connect_refused);
  ADD ("malformed", test_malformed);
  ADD ("too-large", test_too_large);
  ADD ("cache-ttl", test_cache_ttl);
  ADD ("cache-etag", test_cache_etag);
  ADD ("offline", test_offline);
  ADD ("rate-limit", test_rate_limit);
  ADD ("rate-limit-per-port", test_rate_limit_per_port);
  ADD ("retry-after-per-port", test_retry_after_per_port);
  ADD ("cancel", test_cancel);
  ADD ("redirect", test_redirect);
  ADD ("wait-for-network", test_wait_for_network);
  ADD ("wait-after-connect-error", test_wait_after_connect_error);
  ADD ("no-redirect", test_no_redirect);
  ADD ("requests-sent", test_requests_sent);
  ADD ("bytes", test_bytes);
#undef ADD

  return g_test_run ();
}
