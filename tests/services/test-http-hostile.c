/* test-http-hostile.c — MmlHttp against a local server that answers like a
 * hostile one: JSON made to blow up when parsed, replies parsed at once
 * beyond the budget, absurd Retry-After values, redirect loops, a server
 * that never answers; and the disk cache kept under its limit
 *
 * Some checks read the MmlHttp's private state (the parse budget, the
 * cache trims): what they check has no other witness.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "mml-fake-server.h"
#include "mml-http-private.h"
#include "mml-test-util.h"
#include "mml-tvmaze.h"

/* --- fixture ---------------------------------------------------------- */

typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  char          *cache_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->server = mml_fake_server_new ();
  fx->cache_dir = mml_test_make_tmpdir ("mml-http-hostile-XXXXXX");
  fx->http = mml_http_new (fx->cache_dir);
  mml_http_set_use_proxy (fx->http, FALSE);
  mml_http_set_retry_policy (fx->http, 3, 10, 200);
  mml_http_set_timeout (fx->http, 5);
}

/* Wait for every worker of the HTTP layer (parses, trims) to be done. */
static void
settle (Fixture *fx)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (fx->http->trim_running)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  settle (fx);
  g_clear_object (&fx->http);
  g_clear_pointer (&fx->server, mml_fake_server_free);
  mml_test_remove_tree (fx->cache_dir);
  g_free (fx->cache_dir);
}

typedef struct
{
  JsonNode     *node;
  GError       *error;
  char         *final_url;
  gboolean      done;
  gint64        finished;
  gpointer      hold;               /* hold_cb(): its Hold */
  guint64       used_at_callback;   /* the parse budget used while the callback ran */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->node, json_node_unref);
  g_clear_error (&o->error);
  g_clear_pointer (&o->final_url, g_free);
  memset (o, 0, sizeof *o);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *o = user_data;

  o->node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &o->error);
  if (o->error == NULL)
    o->final_url = mml_http_result_get_final_url (MML_HTTP (object), result);
  o->finished = g_get_monotonic_time ();
  o->done = TRUE;
}

static void
start (Fixture              *fx,
       const char           *path,
       const MmlHttpRequest *req,
       GCancellable         *cancellable,
       GAsyncReadyCallback   callback,
       Outcome              *o)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                          : mml_fake_server_url (fx->server, path);

  mml_http_get_json_async (fx->http, url, req, cancellable, callback, o);
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
  start (fx, path, req, NULL, done_cb, o);
  wait_for (o);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* fetch(), but given up after @seconds: a hang fails the test, quickly. */
static void
fetch_within (Fixture    *fx,
              const char *path,
              guint       seconds,
              Outcome    *o)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint id = g_timeout_add_seconds (seconds, cancel_cb, cancellable);

  start (fx, path, NULL, cancellable, done_cb, o);
  wait_for (o);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (id);
  g_assert_false (g_error_matches (o->error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” contains “%s”", haystack, needle);
}

/* --- 1. JSON that blows up when parsed -------------------------------- */

static MmlHttpJsonScan
scan_all (const char *json,
          gsize       len)
{
  MmlHttpJsonScan scan = { 0 };

  _mml_http_json_scan (&scan, json, len);
  return scan;
}

/* The scanner counts what json-glib would build, in one piece or many. */
static void
test_scan (void)
{
  static const struct { const char *json; guint64 values; guint depth; gboolean ok; } cases[] = {
    { "[]", 1, 1, TRUE },
    { "{}", 1, 1, TRUE },
    { " [ ] ", 1, 1, TRUE },
    { "[{},{},{}]", 4, 2, TRUE },
    { "{\"a\":1,\"b\":[1,2]}", 5, 2, TRUE },
    { "[\"a,b,[{\", \"\\\"]\\\\\", 3]", 4, 1, TRUE },
    { "{\"k\\\"\":{\"x\":[null,true,false,-1.5e3]}}", 7, 3, TRUE },
    { "\xef\xbb\xbf[1,2]", 3, 1, TRUE },
    { "[1,\n\t2]\r\n", 3, 1, TRUE },
    /* json-glib takes these, and would build what the count does not see */
    { "/*\"*/[{},{}]/*\"*/", 0, 0, FALSE },
    { "['\"',{},{},'\"']", 0, 0, FALSE },
    { "<html>", 0, 0, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *json = cases[i].json;
      gsize len = strlen (json);
      MmlHttpJsonScan whole = scan_all (json, len);

      g_test_message ("%s", json);
      g_assert_cmpint (!whole.over, ==, cases[i].ok);
      if (!cases[i].ok)
        continue;
      g_assert_cmpuint (whole.values, ==, cases[i].values);
      g_assert_cmpuint (whole.max_depth, ==, cases[i].depth);
      /* every split in two, and byte by byte */
      for (gsize cut = 0; cut <= len; cut++)
        {
          MmlHttpJsonScan split = { 0 };

          g_assert_true (_mml_http_json_scan (&split, json, cut));
          g_assert_true (_mml_http_json_scan (&split, json + cut, len - cut));
          g_assert_cmpuint (split.values, ==, whole.values);
          g_assert_cmpuint (split.max_depth, ==, whole.max_depth);
        }
      {
        MmlHttpJsonScan bytes = { 0 };

        for (gsize b = 0; b < len; b++)
          g_assert_true (_mml_http_json_scan (&bytes, json + b, 1));
        g_assert_cmpuint (bytes.values, ==, whole.values);
      }
    }
}

/* A file of tests/fixtures, and the largest real reply there is: every
 * recorded reply is far within the limits, and so is the largest one a
 * provider sends (a daily show's every episode on TVmaze), built from a
 * recorded episode to just under the 8 MiB body limit. */
static void
test_real_replies (Fixture       *fx,
                   gconstpointer  data)
{
  const char *fixtures = g_getenv ("MML_TEST_FIXTURES");
  const char *dirs[] = { "tvmaze", "tvdb", "tmdb", "trakt", "plex", "jellyfin", "emby", "opensubtitles" };
  g_autofree char *show = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *episodes;
  guint64 most = 0;
  guint files = 0;
  Outcome o = { 0 };

  g_assert_nonnull (fixtures);
  for (gsize d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = g_build_filename (fixtures, dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autofree char *contents = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) node = NULL;
          MmlHttpJsonScan scan;
          gsize len;

          if (!g_str_has_suffix (name, ".json") || !g_file_get_contents (file, &contents, &len, NULL)
              || !json_parser_load_from_data (parser, contents, len, NULL)
              || json_parser_get_root (parser) == NULL
              || (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
                  && !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser))))
            continue;
          scan = scan_all (contents, len);
          g_assert_false (scan.over);
          most = MAX (most, scan.values);
          bytes = g_bytes_new (contents, len);
          node = _mml_http_parse_json (bytes, name, &error);
          g_assert_no_error (error);
          files++;
        }
    }
  g_test_message ("%u recorded replies, the largest with %" G_GUINT64_FORMAT " values", files, most);
  g_assert_cmpuint (files, >, 20);
  g_assert_cmpuint (most * 100, <, MML_HTTP_MAX_JSON_VALUES);

  /* TVmaze's show 66 with its episodes, the episodes repeated */
  {
    g_autofree char *file = g_build_filename (fixtures, "tvmaze", "shows_66__embed_episodes.json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *recorded;
    guint n;

    g_assert_true (json_parser_load_from_file (parser, file, NULL));
    root = json_node_copy (json_parser_get_root (parser));
    recorded = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "_embedded"),
                                             "episodes");
    episodes = json_array_new ();
    for (guint i = 0; i < 9000; i++)
      json_array_add_element (episodes, json_node_copy (json_array_get_element (recorded, i % json_array_get_length (recorded))));
    json_object_set_array_member (json_object_get_object_member (json_node_get_object (root), "_embedded"),
                                  "episodes", episodes);
    show = json_to_string (root, FALSE);
    /* as many as fit in 8 MiB */
    n = 9000;
    while (strlen (show) > 8 * 1024 * 1024 - 1024)
      {
        n -= 500;
        json_array_remove_element (episodes, json_array_get_length (episodes) - 1);
        for (guint i = 1; i < 500; i++)
          json_array_remove_element (episodes, json_array_get_length (episodes) - 1);
        g_free (show);
        show = json_to_string (root, FALSE);
      }
    g_test_message ("%u episodes, %zu bytes, %" G_GUINT64_FORMAT " values", n, strlen (show),
                    scan_all (show, strlen (show)).values);
  }
  mml_fake_server_add_json (fx->server, "/shows/66", 200, show);
  fetch (fx, "/shows/66", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (o.node));
  outcome_clear (&o);
}

/* 8 MB of "[{},{},…]" made json-glib build 800 MB of nodes: refused as
 * malformed after reading what is over the limit, not all of it. */
static void
test_values (Fixture       *fx,
             gconstpointer  data)
{
  const gsize hostile = 8 * 1024 * 1024 / 3;     /* "{}," */
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) shallow = g_string_new (NULL);
  gint64 t0 = g_get_monotonic_time ();
  Outcome o = { 0 };

  mml_fake_server_add_json_array (fx->server, "/array", "{}", hostile);
  fetch (fx, "/array", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  assert_contains (o.error->message, "127.0.0.1");
  assert_contains (o.error->message, "values");
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/array"), ==, 1);   /* not retried */
  outcome_clear (&o);

  /* it is refused as it comes: with a body limit of 64 MiB, 48 MiB of it
   * are not all read (loopback buffers take a few MB the client never reads) */
  mml_http_set_max_body (fx->http, 64 * 1024 * 1024);
  mml_fake_server_add_json_array (fx->server, "/longer", "{}", 6 * hostile);
  fetch (fx, "/longer", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  outcome_clear (&o);
  g_usleep (200 * 1000);   /* let the server notice the closed connection */
  g_test_message ("bytes written: %" G_GUINT64_FORMAT " of %zu",
                  mml_fake_server_get_bytes_written (fx->server, "/longer"), 6 * hostile * 3);
  g_assert_cmpuint (mml_fake_server_get_bytes_written (fx->server, "/longer"), <, 6 * hostile * 3 / 2);

  /* the limit, exactly: the list and its elements are the values */
  mml_fake_server_add_json_array (fx->server, "/most", "0", MML_HTTP_MAX_JSON_VALUES - 1);
  fetch (fx, "/most", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (o.node)), ==, MML_HTTP_MAX_JSON_VALUES - 1);
  outcome_clear (&o);
  mml_fake_server_add_json_array (fx->server, "/one-more", "0", MML_HTTP_MAX_JSON_VALUES);
  fetch (fx, "/one-more", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  outcome_clear (&o);

  /* nesting: at the limit, and one deeper */
  for (guint i = 0; i < MML_HTTP_MAX_JSON_DEPTH; i++)
    g_string_append_c (shallow, '[');
  for (guint i = 0; i < MML_HTTP_MAX_JSON_DEPTH; i++)
    g_string_append_c (shallow, ']');
  g_string_append_printf (deep, "[%s]", shallow->str);
  mml_fake_server_add_json (fx->server, "/shallow", 200, shallow->str);
  mml_fake_server_add_json (fx->server, "/deep", 200, deep->str);
  fetch (fx, "/shallow", NULL, &o);
  g_assert_no_error (o.error);
  outcome_clear (&o);
  fetch (fx, "/deep", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  assert_contains (o.error->message, "nested too deeply");
  outcome_clear (&o);

  /* what json-glib takes but JSON is not: values hidden from the count */
  mml_fake_server_add_json (fx->server, "/comment", 200, "/*\"*/[{},{},{}]/*\"*/");
  fetch (fx, "/comment", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  outcome_clear (&o);
  mml_fake_server_add_json (fx->server, "/quote", 200, "['\"',{},{},'\"']");
  fetch (fx, "/quote", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  outcome_clear (&o);

  g_test_message ("%.1f s", seconds_since (t0));
}

/* The same through a provider: `mml series search` against such a server. */
static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *o = user_data;
  g_autoptr(GPtrArray) found = mml_tvmaze_search_finish (MML_TVMAZE (object), result, &o->error);

  g_assert_true (found == NULL || o->error == NULL);
  o->done = TRUE;
}

static void
test_values_provider (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(MmlTvmaze) tvmaze = mml_tvmaze_new (fx->http, mml_fake_server_get_base_url (fx->server));
  Outcome o[4] = { { 0 } };

  mml_fake_server_add_json_array (fx->server, "/search/shows", "{}", 8 * 1024 * 1024 / 3);
  /* as `series match` does: several at once */
  for (guint i = 0; i < G_N_ELEMENTS (o); i++)
    mml_tvmaze_search_async (tvmaze, "girls", NULL, search_cb, &o[i]);
  for (guint i = 0; i < G_N_ELEMENTS (o); i++)
    {
      wait_for (&o[i]);
      g_assert_error (o[i].error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
      outcome_clear (&o[i]);
    }
  g_assert_cmpuint (fx->http->parse_peak, ==, 0);   /* nothing was parsed */
}

/* --- the parse budget ------------------------------------------------- */

/* While a reply's callback runs, its values still count: hold_cb() starts
 * more requests from there and iterates until their replies were read, and
 * wait for the budget. */
typedef struct
{
  Fixture      *fx;
  const char  **paths;        /* started from the callback */
  Outcome      *outcomes;
  GCancellable *cancel;       /* nullable: cancelled once they wait */
} Hold;

static void
hold_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *o = user_data;
  Hold *hold = o->hold;
  MmlHttp *http = MML_HTTP (object);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint n = g_strv_length ((char **) hold->paths);

  done_cb (object, result, user_data);
  o->used_at_callback = http->parse_used;
  for (guint i = 0; i < n; i++)
    start (hold->fx, hold->paths[i], NULL, hold->cancel, done_cb, &hold->outcomes[i]);
  while (http->parse_waiting.length < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* nothing else is parsed meanwhile */
  g_assert_cmpuint (http->parse_used, ==, o->used_at_callback);
  if (hold->cancel != NULL)
    {
      g_cancellable_cancel (hold->cancel);
      for (guint i = 0; i < n; i++)
        wait_for (&hold->outcomes[i]);
      g_assert_true (g_queue_is_empty (&http->parse_waiting));
      g_assert_cmpuint (http->parse_used, ==, o->used_at_callback);
    }
}

static void
used_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *o = user_data;

  done_cb (object, result, user_data);
  o->used_at_callback = MML_HTTP (object)->parse_used;
}

static void
test_parse_budget (Fixture       *fx,
                   gconstpointer  data)
{
  const char *others[] = { "/list/1", "/list/2", "/list/3", NULL };
  Outcome first = { 0 }, rest[3] = { { 0 } };
  Hold hold = { fx, others, rest, NULL };

  /* four replies of 801 values, 1000 at once: one at a time */
  mml_http_set_parse_budget (fx->http, 1000);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = g_strdup_printf ("/list/%u", i);

      mml_fake_server_add_json_array (fx->server, path, "0", 800);
    }
  first.hold = &hold;
  start (fx, "/list/0", NULL, NULL, hold_cb, &first);
  wait_for (&first);
  g_assert_no_error (first.error);
  g_assert_cmpuint (first.used_at_callback, ==, 801);
  outcome_clear (&first);
  for (guint i = 0; i < G_N_ELEMENTS (rest); i++)
    {
      wait_for (&rest[i]);
      g_assert_no_error (rest[i].error);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (rest[i].node)), ==, 800);
      outcome_clear (&rest[i]);
    }
  g_assert_cmpuint (fx->http->parse_peak, ==, 801);
  g_assert_cmpuint (fx->http->parse_used, ==, 0);
  g_assert_true (g_queue_is_empty (&fx->http->parse_waiting));

  /* a reply larger than the budget is parsed, alone */
  mml_fake_server_add_json_array (fx->server, "/large", "0", 1500);
  start (fx, "/large", NULL, NULL, used_cb, &first);
  wait_for (&first);
  g_assert_no_error (first.error);
  g_assert_cmpuint (first.used_at_callback, ==, 1501);
  outcome_clear (&first);
  g_assert_cmpuint (fx->http->parse_used, ==, 0);
}

/* A request cancelled while it waits for the budget leaves the queue. */
static void
test_parse_budget_cancel (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *others[] = { "/b", NULL };
  Outcome first = { 0 }, waiting = { 0 }, after = { 0 };
  Hold hold = { fx, others, &waiting, cancellable };

  mml_http_set_parse_budget (fx->http, 1000);
  mml_fake_server_add_json_array (fx->server, "/a", "0", 800);
  mml_fake_server_add_json_array (fx->server, "/b", "0", 800);
  mml_fake_server_add_json_array (fx->server, "/c", "0", 800);
  first.hold = &hold;
  start (fx, "/a", NULL, NULL, hold_cb, &first);
  wait_for (&first);
  g_assert_no_error (first.error);
  g_assert_error (waiting.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fetch (fx, "/c", NULL, &after);
  g_assert_no_error (after.error);
  g_assert_cmpuint (fx->http->parse_used, ==, 0);
  outcome_clear (&first);
  outcome_clear (&waiting);
  outcome_clear (&after);
}

/* --- 2. Retry-After --------------------------------------------------- */

static void
test_format_wait (void)
{
  static const struct { guint64 ms; const char *text; } cases[] = {
    { 1, "1 second" },
    { 1000, "1 second" },
    { 45 * 1000, "45 seconds" },
    { 119 * 1000, "119 seconds" },
    { 120 * 1000, "2 minutes" },
    { 3599 * 1000, "60 minutes" },
    { 7200 * 1000, "2 hours" },
    { (guint64) 100000 * 1000, "28 hours" },
    { (guint64) 3 * 86400 * 1000, "3 days" },
    { (guint64) 73 * 365 * 86400 * 1000, "73 years" },
    { MML_HTTP_RETRY_AFTER_MAX_MS, "136 years" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _mml_http_format_wait (cases[i].ms);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_parse_retry_after (void)
{
  gint64 now = 1700000000;   /* 2023-11-14 */
  guint64 ms = 0;

  g_assert_true (_mml_http_parse_retry_after ("120", now, &ms));
  g_assert_cmpuint (ms, ==, 120000);
  g_assert_true (_mml_http_parse_retry_after ("99999999999999999999999", now, &ms));
  g_assert_cmpuint (ms, ==, MML_HTTP_RETRY_AFTER_MAX_MS);
  g_assert_true (_mml_http_parse_retry_after ("Thu, 01 Jan 2099 00:00:00 GMT", now, &ms));
  g_assert_cmpuint (ms / 1000, ==, (guint64) (4070908800 - now));
  g_assert_true (_mml_http_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT", now, &ms));
  g_assert_cmpuint (ms, ==, 0);
  g_assert_false (_mml_http_parse_retry_after ("soon", now, &ms));
  g_assert_false (_mml_http_parse_retry_after ("12 s", now, &ms));
}

/* A wait longer than the client waits fails at once, and says how long;
 * never "wait 0 s", never "a minute" when it is not. */
static void
test_retry_after (Fixture       *fx,
                  gconstpointer  data)
{
  static const struct { const char *path; guint status; const char *value; int code; const char *says; } cases[] = {
    { "/date", 429, "Thu, 01 Jan 2099 00:00:00 GMT", MML_HTTP_ERROR_QUOTA, "years" },
    { "/huge", 429, "99999999999999999999", MML_HTTP_ERROR_QUOTA, "136 years" },
    { "/day", 429, "100000", MML_HTTP_ERROR_QUOTA, "28 hours" },
    { "/busy", 503, "7200", MML_HTTP_ERROR_SERVER, "2 hours" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Outcome o = { 0 };

      /* a fresh MmlHttp: the host's wait is not the last case's */
      g_clear_object (&fx->http);
      fx->http = mml_http_new (NULL);
      mml_http_set_use_proxy (fx->http, FALSE);
      mml_http_set_retry_policy (fx->http, 3, 10, 200);

      mml_fake_server_add_response (fx->server, cases[i].path, cases[i].status, "{}", -1,
                                    "Retry-After", cases[i].value, NULL);
      fetch_within (fx, cases[i].path, 10, &o);
      g_test_message ("%s", o.error->message);
      g_assert_error (o.error, MML_HTTP_ERROR, cases[i].code);
      assert_contains (o.error->message, "asks to wait");
      assert_contains (o.error->message, cases[i].says);
      assert_lacks (o.error->message, "wait 0");
      assert_lacks (o.error->message, "a minute");
      g_assert_cmpuint (mml_fake_server_get_count (fx->server, cases[i].path), ==, 1);
      outcome_clear (&o);

      /* the next request to that host does not wait a day either, nor
       * go to a server that asked not to */
      mml_fake_server_add_json (fx->server, "/next", 200, "{}");
      fetch_within (fx, "/next", 10, &o);
      g_assert_error (o.error, MML_HTTP_ERROR, cases[i].code);
      assert_contains (o.error->message, "asks to wait");
      g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/next"), ==, 0);
      outcome_clear (&o);
    }
}

/* A short wait beyond the retry policy: that request fails at once, saying
 * so; the host's next request waits for it in the queue. */
static void
test_retry_after_short (Fixture       *fx,
                        gconstpointer  data)
{
  Outcome o = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  mml_fake_server_add_response (fx->server, "/q", 429, "{}", -1, "Retry-After", "1", NULL);
  mml_fake_server_add_json (fx->server, "/next", 200, "{}");
  fetch (fx, "/q", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA);
  assert_contains (o.error->message, "asks to wait 1 second");
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/q"), ==, 1);
  outcome_clear (&o);
  fetch (fx, "/next", NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpfloat (seconds_since (t0), >=, 0.9);
  outcome_clear (&o);

  /* rate limited without a Retry-After: no made-up wait */
  mml_fake_server_add_json (fx->server, "/limited", 429, "{}");
  fetch (fx, "/limited", NULL, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA);
  assert_lacks (o.error->message, "a minute");
  assert_contains (o.error->message, "rate limiting");
  outcome_clear (&o);
}

/* --- 3. redirects ----------------------------------------------------- */

static void
test_redirect_loop (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GArray) times = NULL;
  Outcome o = { 0 };

  /* every request is the rate limiter's: 3 a second */
  g_assert_true (mml_http_set_host_limit (fx->http, mml_fake_server_get_base_url (fx->server), 3, 1));
  mml_fake_server_add_response (fx->server, "/loop", 302, "moved", -1, "Location", "/loop", NULL);
  fetch_within (fx, "/loop", 20, &o);
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_REDIRECTS);
  assert_contains (o.error->message, "redirect");
  /* not retried: the request, then MML_HTTP_MAX_REDIRECTS redirects */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/loop"), ==, 1 + MML_HTTP_MAX_REDIRECTS);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 1 + MML_HTTP_MAX_REDIRECTS);
  times = mml_fake_server_get_times (fx->server, "/loop");
  /* sends are limited; arrivals may be late by a new connection's setup */
  for (guint i = 3; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 3), >=,
                     G_USEC_PER_SEC - ARRIVAL_JITTER_USEC);
  outcome_clear (&o);
}

static void
test_redirects (Fixture       *fx,
                gconstpointer  data)
{
  const char *headers[] = { "Authorization", "Bearer secret", "X-Other", "kept", NULL };
  MmlHttpRequest req = { .headers = headers };
  MmlHttpRequest post = { .body_json = "{\"apikey\": \"k\"}" };
  g_autofree char *elsewhere = NULL;
  g_autofree char *auth = NULL, *other = NULL, *same_auth = NULL;
  Outcome o = { 0 };

  /* a chain within the limit: followed, counted */
  mml_fake_server_add_response (fx->server, "/a", 301, NULL, 0, "Location", "/b", NULL);
  mml_fake_server_add_response (fx->server, "/b", 302, NULL, 0, "Location", "/c", NULL);
  mml_fake_server_add_response (fx->server, "/c", 307, NULL, 0, "Location", "/d?x=1", NULL);
  mml_fake_server_add_json (fx->server, "/d", 200, "{\"id\": 1}");
  fetch (fx, "/a", &req, &o);
  g_assert_no_error (o.error);
  g_assert_true (g_str_has_suffix (o.final_url, "/d?x=1"));
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 4);
  same_auth = mml_fake_server_get_last_header (fx->server, "/d", "Authorization");
  g_assert_cmpstr (same_auth, ==, "Bearer secret");
  outcome_clear (&o);

  /* a 303 after a POST: a GET without the body */
  mml_fake_server_add_response (fx->server, "/login", 303, NULL, 0, "Location", "/d", NULL);
  fetch (fx, "/login", &post, &o);
  g_assert_no_error (o.error);
  {
    g_autofree char *length = mml_fake_server_get_last_header (fx->server, "/d", "Content-Length");

    g_assert_true (length == NULL || strcmp (length, "0") == 0);
  }
  outcome_clear (&o);

  /* to another host: the credentials stay behind */
  elsewhere = g_strdup_printf ("http://localhost:%s/e",
                               strrchr (mml_fake_server_get_base_url (fx->server), ':') + 1);
  mml_fake_server_add_response (fx->server, "/away", 302, NULL, 0, "Location", elsewhere, NULL);
  mml_fake_server_add_json (fx->server, "/e", 200, "{}");
  fetch (fx, "/away", &req, &o);
  g_assert_no_error (o.error);
  auth = mml_fake_server_get_last_header (fx->server, "/e", "Authorization");
  other = mml_fake_server_get_last_header (fx->server, "/e", "X-Other");
  g_assert_null (auth);
  g_assert_cmpstr (other, ==, "kept");
  outcome_clear (&o);

  /* to another port of the same host: another service, the same */
  {
    MmlFakeServer *next_door = mml_fake_server_new ();
    g_autofree char *target = mml_fake_server_url (next_door, "/f");
    g_autofree char *next_auth = NULL, *next_other = NULL;

    mml_fake_server_add_response (fx->server, "/port", 302, NULL, 0, "Location", target, NULL);
    mml_fake_server_add_json (next_door, "/f", 200, "{}");
    fetch (fx, "/port", &req, &o);
    g_assert_no_error (o.error);
    g_assert_cmpuint (mml_fake_server_get_count (next_door, "/f"), ==, 1);
    next_auth = mml_fake_server_get_last_header (next_door, "/f", "Authorization");
    next_other = mml_fake_server_get_last_header (next_door, "/f", "X-Other");
    g_assert_null (next_auth);
    g_assert_cmpstr (next_other, ==, "kept");
    outcome_clear (&o);
    mml_fake_server_free (next_door);
  }
}

/* --- 4. a server that never answers ----------------------------------- */

static void
test_silent (Fixture       *fx,
             gconstpointer  data)
{
  gint64 t0 = g_get_monotonic_time ();
  Outcome o = { 0 };

  /* four retries allowed, as by default; the server answers too late */
  mml_http_set_timeout (fx->http, 1);
  mml_http_set_retry_policy (fx->http, 4, 10, 200);
  mml_fake_server_add_json (fx->server, "/silent", 200, "{}");
  mml_fake_server_set_delay (fx->server, "/silent", 4000);
  fetch (fx, "/silent", NULL, &o);
  g_test_message ("%s (%.1f s)", o.error->message, seconds_since (t0));
  g_assert_error (o.error, MML_HTTP_ERROR, MML_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/silent"), ==, MML_HTTP_MAX_TIMEOUTS);
  /* the true total, whatever it came to on a loaded machine */
  assert_contains (o.error->message, "within 1 second (2 attempts, ");
  assert_contains (o.error->message, " in all)");
  g_assert_cmpfloat (seconds_since (t0), <, 3.5);
  outcome_clear (&o);
}

/* --- 5. the disk cache's limit ---------------------------------------- */

static gint64
mtime_usec (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_assert_nonnull (info);
  return (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
         + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

/* The file system's clock is coarse: wait until it has moved on, so that
 * what is written next is newer than what was written before. */
static void
wait_for_fs_tick (Fixture *fx)
{
  g_autofree char *probe = g_build_filename (fx->cache_dir, "tick", NULL);
  gint64 before;

  g_assert_true (g_file_set_contents (probe, "", 0, NULL));
  before = mtime_usec (probe);
  do
    {
      g_thread_yield ();
      g_assert_true (g_file_set_contents (probe, "", 0, NULL));
    }
  while (mtime_usec (probe) == before);
  g_unlink (probe);
}

static char *
entry_path (Fixture    *fx,
            const char *path)
{
  g_autofree char *url = mml_fake_server_url (fx->server, path);

  return _mml_http_cache_path (fx->cache_dir, "GET", url, NULL, FALSE);
}

static void
wait_for_trims (Fixture *fx,
                guint    trims)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (fx->http->trims < trims || fx->http->trim_running)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint64
cache_bytes (Fixture *fx)
{
  g_autoptr(GDir) dir = g_dir_open (fx->cache_dir, 0, NULL);
  const char *name;
  guint64 total = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->cache_dir, name, NULL);
      GStatBuf st;

      if (g_str_has_suffix (name, ".cache") && g_stat (path, &st) == 0)
        total += (guint64) st.st_size;
    }
  return total;
}

static void
test_cache_limit (Fixture       *fx,
                  gconstpointer  data)
{
  MmlHttpRequest req = { .ttl_seconds = 3600 };
  g_autofree char *body = NULL;
  g_autofree char *first = entry_path (fx, "/c/1");
  guint64 entry;
  Outcome o = { 0 };

  body = g_strdup_printf ("{\"text\": \"%0*d\"}", 4000, 0);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/c/%u", i);

      mml_fake_server_add_json (fx->server, path, 200, body);
    }

  /* the first write measures the folder */
  fetch (fx, "/c/1", &req, &o);
  g_assert_no_error (o.error);
  outcome_clear (&o);
  wait_for_trims (fx, 1);
  entry = cache_bytes (fx);
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));
  /* room for three and a half: trimmed to three quarters, two and a half */
  mml_http_set_cache_limit (fx->http, entry * 7 / 2);

  for (guint i = 2; i <= 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/c/%u", i);

      wait_for_fs_tick (fx);
      fetch (fx, path, &req, &o);
      g_assert_no_error (o.error);
      outcome_clear (&o);
    }
  g_assert_cmpuint (fx->http->trims, ==, 1);
  g_assert_cmpuint (cache_bytes (fx), ==, 3 * entry);

  /* /c/1 served from the cache: used last but one */
  wait_for_fs_tick (fx);
  fetch (fx, "/c/1", &req, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c/1"), ==, 1);
  outcome_clear (&o);

  /* the fourth is past the limit: the least recently used go */
  wait_for_fs_tick (fx);
  fetch (fx, "/c/4", &req, &o);
  g_assert_no_error (o.error);
  outcome_clear (&o);
  wait_for_trims (fx, 2);
  {
    g_autofree char *second = entry_path (fx, "/c/2");
    g_autofree char *third = entry_path (fx, "/c/3");
    g_autofree char *fourth = entry_path (fx, "/c/4");

    g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (third, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fourth, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (cache_bytes (fx), ==, 2 * entry);
  g_assert_cmpuint (cache_bytes (fx), <=, entry * 7 / 2 / 4 * 3);

  /* what was evicted is asked for again; what was kept is not */
  fetch (fx, "/c/2", &req, &o);
  g_assert_no_error (o.error);
  outcome_clear (&o);
  fetch (fx, "/c/4", &req, &o);
  g_assert_no_error (o.error);
  outcome_clear (&o);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c/2"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/c/4"), ==, 1);

  /* a lower limit trims at once; none keeps it all */
  mml_http_set_cache_limit (fx->http, entry);
  wait_for_trims (fx, 3);
  g_assert_cmpuint (cache_bytes (fx), <=, entry);
  mml_http_set_cache_limit (fx->http, 0);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/c/%u", i);

      fetch (fx, path, &req, &o);
      outcome_clear (&o);
    }
  settle (fx);
  g_assert_cmpuint (cache_bytes (fx), ==, 5 * entry);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/http-hostile/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/http-hostile/scan", test_scan);
  g_test_add_func ("/http-hostile/format-wait", test_format_wait);
  g_test_add_func ("/http-hostile/parse-retry-after", test_parse_retry_after);
  ADD ("real-replies", test_real_replies);
  ADD ("values", test_values);
  ADD ("values-provider", test_values_provider);
  ADD ("parse-budget", test_parse_budget);
  ADD ("parse-budget-cancel", test_parse_budget_cancel);
  ADD ("retry-after", test_retry_after);
  ADD ("retry-after-short", test_retry_after_short);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("redirects", test_redirects);
  ADD ("silent", test_silent);
  ADD ("cache-limit", test_cache_limit);
#undef ADD

  return g_test_run ();
}
