/* test-tvdb.c — the TheTVDB v4 client against a fake TheTVDB built from
 * tests/fixtures/tvdb: login and token handling, search, series with
 * paged episodes in every order, lookup, updates, matching, hostile bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mml-fake-server.h"
#include "mml-service-test.h"
#include "mml-test-util.h"
#include "mml-tvdb.h"

#define KEY "test-key-5f1e2d"
#define PIN "pin-4711"

typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  MmlTvdb       *tvdb;
  MmlProvider   *provider;
} Fixture;

/* What the fake /login accepts and answers. */
typedef struct
{
  const char *key;
  const char *pin;     /* NULL: the body must have no "pin" */
  const char *token;
} Login;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->server = mml_fake_server_new ();
  fx->http = mml_test_http_new ();
  fx->tvdb = mml_tvdb_new (fx->http, mml_fake_server_get_base_url (fx->server), KEY, NULL);
  fx->provider = MML_PROVIDER (fx->tvdb);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->tvdb);
  g_clear_object (&fx->http);
  g_clear_pointer (&fx->server, mml_fake_server_free);
}

/* The search fixture holds the "data" list only: put it back in its envelope. */
static char *
search_body (void)
{
  g_autofree char *list = mml_test_read_fixture ("tvdb/v4_search__query_bobs_burgers__data_array_only.json");

  return g_strconcat ("{\"status\":\"success\",\"data\":", list, "}", NULL);
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
login_handler (MmlFakeServer     *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  const Login *login = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answer = NULL;
  JsonObject *o;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0
      || !json_parser_load_from_data (parser, body->data, body->length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_json (msg, 400, "{\"status\":\"failure\",\"message\":\"InvalidValueType\",\"data\":null}");
      return;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "apikey", ""), login->key) != 0
      || json_object_has_member (o, "pin") != (login->pin != NULL)
      || (login->pin != NULL && g_strcmp0 (json_object_get_string_member_with_default (o, "pin", ""),
                                           login->pin) != 0))
    {
      reply_json (msg, 401, "{\"status\":\"failure\",\"message\":\"Unauthorized\",\"data\":null}");
      return;
    }
  answer = g_strdup_printf ("{\"status\":\"success\",\"data\":{\"token\":\"%s\"}}", login->token);
  reply_json (msg, 200, answer);
}

static const Login good_login = { KEY, NULL, "token-A" };

static void
accept_login (Fixture *fx)
{
  mml_fake_server_add_handler (fx->server, "/login", login_handler, (gpointer) &good_login);
}

/* Serves @body when every key=value of the NULL-terminated @expected
 * list is in the query (a value NULL: the key must be absent), else 400. */
typedef struct
{
  const char *body;
  const char *expected[8];
} Expect;

static void
expect_handler (MmlFakeServer     *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const Expect *e = user_data;

  for (guint i = 0; e->expected[i] != NULL; i += 2)
    {
      const char *value = query != NULL ? g_hash_table_lookup (query, e->expected[i]) : NULL;

      if (g_strcmp0 (value, e->expected[i + 1]) != 0)
        {
          reply_json (msg, 400, "{\"status\":\"failure\",\"message\":\"unexpected query\"}");
          return;
        }
    }
  reply_json (msg, 200, e->body);
}

/* --- async wrappers, through the provider interface ------------------- */

static GPtrArray *
search (Fixture *fx, const char *title, int year, GError **error)
{
  return mml_test_search (fx->provider, title, year, error);
}

static MmlMetaSeries *
get_series (Fixture *fx, gint64 id, MmlEpisodeOrder order, GError **error)
{
  return mml_test_get_series (fx->provider, id, order, error);
}

static MmlMetaSeries *
lookup (Fixture *fx, MmlExternalKind kind, const char *id, GError **error)
{
  return mml_test_lookup (fx->provider, kind, id, error);
}

static GArray *
updates (Fixture *fx, gint64 since, GError **error)
{
  return mml_test_updates (fx->provider, since, error);
}

static gboolean
run_test (Fixture *fx, GError **error)
{
  return mml_test_connection (fx->provider, error);
}

static char *
last_auth (Fixture *fx, const char *path)
{
  return mml_fake_server_get_last_header (fx->server, path, "Authorization");
}

/* --- login and token ---------------------------------------------------- */

static void
test_base_url (void)
{
  g_autoptr(MmlHttp) http = mml_http_new (NULL);
  g_autoptr(MmlTvdb) a = NULL;
  g_autoptr(MmlTvdb) b = NULL;
  g_autoptr(MmlTvdb) c = NULL;

  g_unsetenv ("MML_TVDB_URL");
  a = mml_tvdb_new (http, NULL, NULL, NULL);
  g_assert_cmpstr (mml_tvdb_get_base_url (a), ==, "https://api4.thetvdb.com/v4");
  g_assert_false (mml_tvdb_has_key (a));
  g_setenv ("MML_TVDB_URL", "http://127.0.0.1:9/v4/", TRUE);
  b = mml_tvdb_new (http, NULL, "k", "");
  g_assert_cmpstr (mml_tvdb_get_base_url (b), ==, "http://127.0.0.1:9/v4");
  g_assert_true (mml_tvdb_has_key (b));
  c = mml_tvdb_new (http, "http://example.test/tvdb//", "", NULL);
  g_assert_cmpstr (mml_tvdb_get_base_url (c), ==, "http://example.test/tvdb");
  g_assert_false (mml_tvdb_has_key (c));
  g_unsetenv ("MML_TVDB_URL");

  g_assert_cmpint (mml_provider_get_kind (MML_PROVIDER (a)), ==, MML_META_PROVIDER_TVDB);
  g_assert_cmpuint (mml_provider_get_orders (MML_PROVIDER (a)), ==,
                    MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_AIRED)
                    | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_DVD)
                    | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_ABSOLUTE));
}

static void
test_token_reuse (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GArray) u = NULL;
  g_autofree char *auth = NULL;

  g_assert_true (mml_fake_server_add_fixture (fx->server, "/login", 200, "tvdb/v4_login.json"));
  mml_fake_server_add_json (fx->server, "/search", 200, "{\"status\":\"success\",\"data\":[]}");
  mml_fake_server_add_json (fx->server, "/updates", 200, "{\"status\":\"success\",\"data\":[]}");
  a = search (fx, "one", 0, &error);
  g_assert_no_error (error);
  b = search (fx, "two", 0, &error);
  g_assert_no_error (error);
  u = updates (fx, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (u->len, ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 2);
  auth = last_auth (fx, "/updates");
  g_assert_cmpstr (auth, ==, "Bearer REDACTED");   /* the fixture's token */
}

static void
test_concurrent_login (Fixture *fx, gconstpointer data)
{
  MmlTestOutcome o[4] = { { 0 } };
  MmlTestOutcome gave_up = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *auth = NULL;

  accept_login (fx);
  mml_fake_server_set_delay (fx->server, "/login", 200);
  mml_fake_server_add_json (fx->server, "/search", 200, "{\"status\":\"success\",\"data\":[]}");
  for (guint i = 0; i < G_N_ELEMENTS (o); i++)
    mml_provider_search_async (fx->provider, "x", 0, NULL, mml_test_search_cb, &o[i]);
  /* one more, cancelled while it waits: it stops waiting at once */
  mml_provider_search_async (fx->provider, "x", 0, cancellable, mml_test_search_cb, &gave_up);
  g_cancellable_cancel (cancellable);
  mml_test_outcome_wait (&gave_up);
  g_assert_error (gave_up.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&gave_up.error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (o); i++)
    {
      mml_test_outcome_wait (&o[i]);
      g_assert_no_error (o[i].error);
      g_assert_nonnull (o[i].value);
      g_ptr_array_unref (o[i].value);
    }
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 4);
  auth = last_auth (fx, "/search");
  g_assert_cmpstr (auth, ==, "Bearer token-A");
}

static void
test_credentials_change_during_login (Fixture *fx, gconstpointer data)
{
  static const Login other = { "other-key", PIN, "token-B" };
  MmlTestOutcome o = { 0 };
  g_autofree char *auth = NULL;

  /* the login for the old key is answered after the key changed: ignored */
  mml_fake_server_add_handler (fx->server, "/login", login_handler, (gpointer) &other);
  mml_fake_server_set_delay (fx->server, "/login", 100);
  mml_fake_server_add_json (fx->server, "/search", 200, "{\"status\":\"success\",\"data\":[]}");
  mml_provider_search_async (fx->provider, "x", 0, NULL, mml_test_search_cb, &o);
  mml_tvdb_set_credentials (fx->tvdb, "other-key", PIN);
  mml_test_outcome_wait (&o);
  g_assert_no_error (o.error);
  g_ptr_array_unref (o.value);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, "/login", 401), ==, 1);
  auth = last_auth (fx, "/search");
  g_assert_cmpstr (auth, ==, "Bearer token-B");
}

static void
test_relogin_after_401 (Fixture *fx, gconstpointer data)
{
  static const char unauthorized[] = "{\"status\":\"failure\",\"message\":\"Unauthorized\",\"data\":null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GArray) none = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *body = search_body ();

  mml_fake_server_add_json (fx->server, "/login", 200, "{\"status\":\"success\",\"data\":{\"token\":\"tok-1\"}}");
  mml_fake_server_add_json (fx->server, "/login", 200, "{\"status\":\"success\",\"data\":{\"token\":\"tok-2\"}}");
  mml_fake_server_add_json (fx->server, "/search", 401, unauthorized);
  mml_fake_server_add_json (fx->server, "/search", 200, body);

  results = search (fx, "Bob's Burgers", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 2);
  auth = last_auth (fx, "/search");
  g_assert_cmpstr (auth, ==, "Bearer tok-2");

  /* the new token is kept */
  again = search (fx, "Bob's Burgers", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 2);

  /* refused again after the new login: one retry only, then the error */
  mml_fake_server_add_json (fx->server, "/updates", 401, unauthorized);
  none = updates (fx, 5, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (none);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/updates"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 3);
}

static void
assert_secret_free (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, KEY));
  g_assert_null (strstr (error->message, PIN));
  g_assert_null (strstr (error->message, "token-"));
}

static void
test_bad_key (Fixture *fx, gconstpointer data)
{
  static const Login other = { "another-key", NULL, "token-A" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  mml_fake_server_add_handler (fx->server, "/login", login_handler, (gpointer) &other);
  results = search (fx, "x", 0, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (results);
  g_assert_nonnull (strstr (error->message, "refused the API key"));
  assert_secret_free (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 0);
  g_clear_error (&error);

  /* the connection test says the same */
  g_assert_false (run_test (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  assert_secret_free (error);
  g_clear_error (&error);

  /* a PIN was required (400), and a failure envelope echoing the secrets */
  mml_tvdb_set_credentials (fx->tvdb, KEY, PIN);
  mml_fake_server_add_json (fx->server, "/login", 400,
                            "{\"status\":\"failure\",\"message\":\"InvalidValueType: pin required\"}");
  g_assert_false (run_test (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "PIN"));
  assert_secret_free (error);
  g_clear_error (&error);

  mml_fake_server_add_json (fx->server, "/login", 200,
                            "{\"status\":\"failure\",\"message\":\"bad key " KEY " / " PIN "\"}");
  g_assert_false (run_test (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "REDACTED"));
  assert_secret_free (error);
}

static void
test_no_key (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;

  accept_login (fx);
  mml_fake_server_add_json (fx->server, "/search", 200, "{\"status\":\"success\",\"data\":[]}");
  mml_tvdb_set_credentials (fx->tvdb, NULL, PIN);
  results = search (fx, "x", 0, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_assert_null (results);
  g_clear_error (&error);
  s = get_series (fx, 1, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_false (run_test (fx, &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 0);

  /* with a key it works */
  mml_tvdb_set_credentials (fx->tvdb, KEY, NULL);
  results = search (fx, "x", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 2);
}

static void
test_connection_test (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  accept_login (fx);
  mml_fake_server_add_json (fx->server, "/search", 200, "{\"status\":\"success\",\"data\":[]}");
  g_assert_true (run_test (fx, &error));
  g_assert_no_error (error);
  /* always a fresh login, nothing else */
  g_assert_true (run_test (fx, &error));
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 2);
  /* and its token serves the next call */
  results = search (fx, "x", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 2);
}

/* Counts the files below @dir; fails if one holds @secret. */
static guint
scan_for_secret (const char *dir,
                 const char *secret)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint files = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        files += scan_for_secret (path, secret);
      else if (g_file_get_contents (path, &contents, &length, NULL))
        {
          g_assert_null (g_strstr_len (contents, length, secret));
          files++;
        }
    }
  return files;
}

static void
test_no_secrets_on_disk (Fixture *fx, gconstpointer data)
{
  static const Login with_pin = { KEY, PIN, "token-on-disk?" };
  g_autofree char *dir = mml_test_make_tmpdir ("mml-tvdb-XXXXXX");
  g_autofree char *body = search_body ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) cached = NULL;

  /* a client on an HTTP layer with a disk cache */
  g_clear_object (&fx->tvdb);
  g_clear_object (&fx->http);
  fx->http = mml_http_new (dir);
  mml_http_set_use_proxy (fx->http, FALSE);
  fx->tvdb = mml_tvdb_new (fx->http, mml_fake_server_get_base_url (fx->server), KEY, PIN);
  fx->provider = MML_PROVIDER (fx->tvdb);
  mml_fake_server_add_handler (fx->server, "/login", login_handler, (gpointer) &with_pin);
  mml_fake_server_add_json (fx->server, "/search", 200, body);

  g_assert_true (run_test (fx, &error));
  g_assert_no_error (error);
  g_assert_true (run_test (fx, &error));   /* a login is never served from the cache */
  first = search (fx, "Bob's Burgers", 0, &error);
  g_assert_no_error (error);
  cached = search (fx, "Bob's Burgers", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cached->len, ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 1);

  /* the search is on disk; the key, the PIN and the token are not */
  g_assert_cmpuint (scan_for_secret (dir, KEY), >, 0);
  scan_for_secret (dir, PIN);
  scan_for_secret (dir, "token-on-disk?");
  g_clear_object (&fx->tvdb);
  g_clear_object (&fx->http);
  mml_test_remove_tree (dir);
}

/* --- search, series, episodes ------------------------------------------- */

static gboolean
has_aka (MmlMetaSeries *s, const char *name)
{
  for (guint i = 0; i < s->akas->len; i++)
    if (g_strcmp0 (((MmlMetaAka *) g_ptr_array_index (s->akas, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

static void
test_search_parse (Fixture *fx, gconstpointer data)
{
  g_autofree char *body = search_body ();
  Expect with_year = { body, { "query", "Bob's Burgers", "type", "series", "year", "2011", NULL } };
  Expect no_year = { body, { "query", "Bob's Burgers", "type", "series", "year", NULL, NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) again = NULL;
  MmlMetaSeries *s;

  accept_login (fx);
  mml_fake_server_add_handler (fx->server, "/search", expect_handler, &with_year);
  results = search (fx, "Bob's Burgers", 2011, &error);
  g_assert_no_error (error);
  /* the fixture lists the series twice: one candidate */
  g_assert_cmpuint (results->len, ==, 1);
  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 0))->series;
  g_assert_cmpint (s->provider, ==, MML_META_PROVIDER_TVDB);
  g_assert_cmpint (s->provider_id, ==, 194031);   /* from the string "194031" */
  g_assert_cmpint (s->tvdb_id, ==, 194031);
  g_assert_cmpstr (s->title, ==, "Bob's Burgers");
  g_assert_cmpint (s->year, ==, 2011);
  g_assert_cmpstr (s->premiered, ==, "2011-01-09");
  g_assert_cmpint (s->status, ==, MML_META_STATUS_CONTINUING);
  g_assert_cmpstr (s->network, ==, "FOX");
  g_assert_cmpstr (s->country, ==, "US");
  g_assert_cmpstr (s->language, ==, "eng");
  g_assert_cmpstr (s->imdb_id, ==, "tt1561755");
  g_assert_cmpint (s->tmdb_id, ==, 32726);
  g_assert_cmpstr (s->image_original, ==, "https://artworks.thetvdb.com/banners/posters/194031-2.jpg");
  g_assert_cmpstr (s->image_medium, ==, "https://artworks.thetvdb.com/banners/posters/194031-2_t.jpg");
  g_assert_true (g_str_has_prefix (s->overview, "Bob's Burgers follows"));
  g_assert_true (has_aka (s, "Bobs Burgers"));
  g_assert_true (has_aka (s, "Бургеры Боба"));
  g_assert_true (has_aka (s, "הבורגרים של בוב"));   /* from translations */
  g_assert_false (has_aka (s, "Bob's Burgers"));    /* not the title again */
  g_assert_null (s->episodes);

  mml_fake_server_add_handler (fx->server, "/search", expect_handler, &no_year);
  again = search (fx, "Bob's Burgers", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
}

static const char special_page[] =
  "{\"status\":\"success\",\"data\":{\"series\":{\"id\":373426},\"episodes\":["
  " {\"id\":11,\"seriesId\":373426,\"name\":\"Behind the scenes\",\"seasonNumber\":0,\"number\":1,"
  "  \"absoluteNumber\":0,\"aired\":\"2013-01-01\",\"image\":\"/banners/episodes/11.jpg\"},"
  " {\"id\":12,\"name\":\"First\",\"seasonNumber\":2013,\"number\":1,\"absoluteNumber\":1,"
  "  \"aired\":\"2013-02-14\",\"runtime\":14,\"overview\":\"One.\\r\\nTwo. \"},"
  " {\"id\":13,\"name\":\"Second\",\"seasonNumber\":2013,\"number\":2,\"absoluteNumber\":2,"
  "  \"aired\":\"2013-03-01\"}]},"
  " \"links\":{\"prev\":null,\"self\":\"x\",\"next\":null,\"total_items\":3,\"page_size\":500}}";

static void
test_series_extended (Fixture *fx, gconstpointer data)
{
  g_autofree char *extended = mml_test_read_fixture ("tvdb/v4_series_373426_extended.json");
  Expect meta = { extended, { "meta", "translations", NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  MmlMetaSeason *season;
  MmlMetaEpisode *ep;

  accept_login (fx);
  mml_fake_server_add_handler (fx->server, "/series/373426/extended", expect_handler, &meta);
  mml_fake_server_add_json (fx->server, "/series/373426/episodes/official", 200, special_page);
  s = get_series (fx, 373426, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->provider_id, ==, 373426);
  g_assert_cmpint (s->tvdb_id, ==, 373426);
  g_assert_cmpstr (s->title, ==, "Adam Savage’s Tested");
  g_assert_cmpint (s->year, ==, 2013);
  g_assert_cmpstr (s->premiered, ==, "2013-02-14");
  g_assert_null (s->ended);   /* continuing: lastAired is no end */
  g_assert_cmpint (s->status, ==, MML_META_STATUS_CONTINUING);
  g_assert_cmpstr (s->status_text, ==, "Continuing");
  g_assert_cmpstr (s->network, ==, "YouTube");
  g_assert_cmpstr (s->country, ==, "US");
  g_assert_cmpstr (s->language, ==, "eng");
  g_assert_cmpint (s->runtime, ==, 134);
  g_assert_cmpstr (s->genres[0], ==, "Documentary");
  g_assert_cmpstr (s->url, ==, "https://thetvdb.com/series/adam-savages-one-day-builds");
  g_assert_cmpint (s->updated, ==, 1719537819);   /* 2024-06-28 01:23:39 UTC */
  g_assert_nonnull (s->overview);
  g_assert_null (strchr (s->overview, '\r'));
  /* the remote ids are a website and YouTube: no IMDb or TMDB id */
  g_assert_null (s->imdb_id);
  g_assert_cmpint (s->tmdb_id, ==, 0);
  /* the poster artwork (type 2), not a background or icon */
  g_assert_cmpstr (s->image_original, ==,
                   "https://artworks.thetvdb.com/banners/series/373426/posters/5f5933d55075d.jpg");
  g_assert_cmpstr (s->image_medium, ==,
                   "https://artworks.thetvdb.com/banners/series/373426/posters/5f5933d55075d_t.jpg");
  g_assert_true (has_aka (s, "Adam Savage's One Day Builds"));

  /* the aired-order seasons only (0, 2013…2024), sorted; not the absolute one */
  g_assert_cmpuint (s->seasons->len, ==, 13);
  season = g_ptr_array_index (s->seasons, 0);
  g_assert_cmpint (season->number, ==, 0);
  g_assert_cmpint (season->provider_id, ==, 1805151);
  season = g_ptr_array_index (s->seasons, 1);
  g_assert_cmpint (season->number, ==, 2013);
  g_assert_cmpint (season->episode_order, ==, 2);
  g_assert_cmpstr (season->premiere_date, ==, "2013-02-14");
  g_assert_cmpstr (season->end_date, ==, "2013-03-01");
  season = g_ptr_array_index (s->seasons, 8);
  g_assert_cmpint (season->number, ==, 2020);
  g_assert_true (g_str_has_suffix (season->image_url, "/62055634.jpg"));

  g_assert_cmpuint (s->episodes->len, ==, 3);
  g_assert_cmpint (mml_meta_series_count_episodes (s), ==, 2);
  g_assert_true (mml_meta_series_has_episode (s, 2013, 2));
  ep = g_ptr_array_index (s->episodes, 0);
  g_assert_true (ep->special);
  g_assert_cmpint (ep->kind, ==, MML_META_EPISODE_SPECIAL);
  g_assert_cmpint (ep->season, ==, 0);
  g_assert_cmpint (ep->absolute, ==, -1);
  g_assert_cmpstr (ep->image_url, ==, "https://artworks.thetvdb.com/banners/episodes/11.jpg");
  ep = g_ptr_array_index (s->episodes, 1);
  g_assert_false (ep->special);
  g_assert_cmpint (ep->provider_id, ==, 12);
  g_assert_cmpint (ep->absolute, ==, 1);
  g_assert_cmpint (ep->runtime, ==, 14);
  g_assert_cmpstr (ep->air_date, ==, "2013-02-14");
  g_assert_cmpstr (ep->overview, ==, "One.\nTwo.");
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 3);   /* login, record, one page */
}

/* Pages of one episode each: "next" is set on pages below @data's limit
 * (G_MAXUINT: always), the page at the limit is empty. */
static void
paging_handler (MmlFakeServer     *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  guint limit = GPOINTER_TO_UINT (user_data);
  const char *text = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  g_autofree char *body = NULL;
  guint64 page;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 1000, &page, NULL))
    {
      reply_json (msg, 400, "{\"status\":\"failure\",\"message\":\"page\"}");
      return;
    }
  if (page >= limit)
    body = g_strdup ("{\"status\":\"success\",\"data\":{\"episodes\":[]},"
                     "\"links\":{\"next\":\"https://api4.thetvdb.com/v4/never\"}}");
  else
    body = g_strdup_printf ("{\"status\":\"success\",\"data\":{\"episodes\":[{\"id\":%u,\"seasonNumber\":1,"
                            "\"number\":%u}]},\"links\":{\"prev\":null,"
                            "\"next\":\"https://api4.thetvdb.com/v4/series/1/episodes/official?page=%u\"}}",
                            (guint) page + 100, (guint) page + 1, (guint) page + 1);
  reply_json (msg, 200, body);
}

static void
test_episode_paging (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) two = NULL;
  g_autoptr(MmlMetaSeries) endless = NULL;

  accept_login (fx);
  mml_fake_server_add_json (fx->server, "/series/1/extended", 200,
                            "{\"status\":\"success\",\"data\":{\"id\":1,\"name\":\"Paged\"}}");
  mml_fake_server_add_handler (fx->server, "/series/1/episodes/official", paging_handler, GUINT_TO_POINTER (2));
  two = get_series (fx, 1, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  /* pages 0 and 1 had "next", page 2 was empty: stop */
  g_assert_cmpuint (two->episodes->len, ==, 2);
  g_assert_cmpint (((MmlMetaEpisode *) g_ptr_array_index (two->episodes, 1))->number, ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/series/1/episodes/official"), ==, 3);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "*404*"), ==, 0);   /* "next" not followed */
  g_assert_nonnull (two->seasons);
  g_assert_cmpuint (two->seasons->len, ==, 0);

  /* "next" never ends: the cap stops it */
  mml_fake_server_add_json (fx->server, "/series/2/extended", 200,
                            "{\"status\":\"success\",\"data\":{\"id\":2,\"name\":\"Endless\"}}");
  mml_fake_server_add_handler (fx->server, "/series/2/episodes/official", paging_handler,
                               GUINT_TO_POINTER (G_MAXUINT));
  endless = get_series (fx, 2, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/series/2/episodes/official"), ==,
                    MML_TVDB_MAX_PAGES);
  g_assert_cmpuint (endless->episodes->len, ==, MML_TVDB_MAX_PAGES);
  g_assert_cmpint (((MmlMetaEpisode *) g_ptr_array_index (endless->episodes, MML_TVDB_MAX_PAGES - 1))->number,
                   ==, MML_TVDB_MAX_PAGES);
}

static void
test_orders (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) dvd = NULL;
  g_autoptr(MmlMetaSeries) absolute = NULL;
  static const char page[] =
    "{\"status\":\"success\",\"data\":{\"episodes\":[{\"id\":5,\"seasonNumber\":1,\"number\":7,"
    "\"absoluteNumber\":7}]},\"links\":{\"next\":null}}";

  accept_login (fx);
  g_assert_true (mml_fake_server_add_fixture (fx->server, "/series/373426/extended", 200,
                                              "tvdb/v4_series_373426_extended.json"));
  mml_fake_server_add_json (fx->server, "/series/373426/episodes/dvd", 200, page);
  mml_fake_server_add_json (fx->server, "/series/373426/episodes/absolute", 200, page);

  dvd = get_series (fx, 373426, MML_EPISODE_ORDER_DVD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/series/373426/episodes/dvd"), ==, 1);
  g_assert_cmpuint (dvd->seasons->len, ==, 0);   /* the record has no DVD seasons */
  g_assert_cmpuint (dvd->episodes->len, ==, 1);

  absolute = get_series (fx, 373426, MML_EPISODE_ORDER_ABSOLUTE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/series/373426/episodes/absolute"), ==, 1);
  g_assert_cmpuint (absolute->seasons->len, ==, 1);
  g_assert_cmpint (((MmlMetaSeason *) g_ptr_array_index (absolute->seasons, 0))->provider_id, ==, 1809753);
  g_assert_cmpint (((MmlMetaEpisode *) g_ptr_array_index (absolute->episodes, 0))->absolute, ==, 7);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/series/373426/episodes/official"), ==, 0);
}

/* --- lookup, updates ------------------------------------------------------ */

static void
test_lookup (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) by_imdb = NULL;
  g_autoptr(MmlMetaSeries) by_tmdb = NULL;
  g_autoptr(MmlMetaSeries) by_tvdb = NULL;
  g_autoptr(MmlMetaSeries) missing = NULL;
  g_autoptr(MmlMetaSeries) movie_only = NULL;
  g_autoptr(MmlMetaSeries) other = NULL;
  guint total;

  accept_login (fx);
  mml_fake_server_add_json (fx->server, "/search/remoteid/tt1561755", 200,
    "{\"status\":\"success\",\"data\":[{\"movie\":{\"id\":9,\"name\":\"Not a series\"}},"
    " {\"series\":{\"id\":194031,\"name\":\"Bob's Burgers\",\"firstAired\":\"2011-01-09\","
    "  \"status\":{\"id\":1,\"name\":\"Continuing\"},\"country\":\"usa\",\"image\":\"/banners/posters/194031-2.jpg\","
    "  \"remoteIds\":[{\"id\":\"tt1561755\",\"type\":2,\"sourceName\":\"IMDB\"},"
    "                 {\"id\":\"32726\",\"type\":12,\"sourceName\":\"TheMovieDB.com\"}]}}]}");
  by_imdb = lookup (fx, MML_EXTERNAL_IMDB, "tt1561755", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_imdb);
  g_assert_cmpint (by_imdb->provider_id, ==, 194031);
  g_assert_cmpint (by_imdb->year, ==, 2011);
  g_assert_cmpstr (by_imdb->imdb_id, ==, "tt1561755");
  g_assert_cmpint (by_imdb->tmdb_id, ==, 32726);
  g_assert_cmpstr (by_imdb->image_original, ==, "https://artworks.thetvdb.com/banners/posters/194031-2.jpg");
  g_assert_null (by_imdb->episodes);

  mml_fake_server_add_json (fx->server, "/search/remoteid/32726", 200,
                            "{\"status\":\"success\",\"data\":[{\"series\":{\"id\":194031,\"name\":\"Bob's Burgers\"}}]}");
  by_tmdb = lookup (fx, MML_EXTERNAL_TMDB, "32726", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_tmdb->provider_id, ==, 194031);

  mml_fake_server_add_json (fx->server, "/series/373426", 200,
                            "{\"status\":\"success\",\"data\":{\"id\":373426,\"name\":\"Tested\",\"year\":\"2013\"}}");
  by_tvdb = lookup (fx, MML_EXTERNAL_TVDB, "373426", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_tvdb->provider_id, ==, 373426);
  g_assert_cmpint (by_tvdb->year, ==, 2013);

  /* unknown: 404, or only other kinds of records → NULL without an error */
  missing = lookup (fx, MML_EXTERNAL_IMDB, "tt0000001", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  mml_fake_server_add_json (fx->server, "/search/remoteid/tt0000002", 200,
                            "{\"status\":\"success\",\"data\":[{\"movie\":{\"id\":3}}]}");
  movie_only = lookup (fx, MML_EXTERNAL_IMDB, "tt0000002", &error);
  g_assert_no_error (error);
  g_assert_null (movie_only);

  /* ids TheTVDB cannot know: no request at all */
  total = mml_fake_server_get_total (fx->server);
  other = lookup (fx, MML_EXTERNAL_TVMAZE, "139", &error);
  g_assert_no_error (error);
  g_assert_null (other);
  other = lookup (fx, MML_EXTERNAL_IMDB, "nm0000001/../x", &error);
  g_assert_no_error (error);
  g_assert_null (other);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, total);
}

static void
test_updates (Fixture *fx, gconstpointer data)
{
  Expect first = { "{\"status\":\"success\",\"data\":["
                   " {\"recordType\":\"series\",\"recordId\":10,\"methodInt\":2,\"timeStamp\":1700000100},"
                   " {\"recordType\":\"episode\",\"recordId\":555,\"seriesId\":20,\"methodInt\":1},"
                   " {\"recordType\":\"series\",\"recordId\":10,\"methodInt\":2},"
                   " {\"recordType\":\"series\",\"recordId\":\"30\"}, 7, null,"
                   " {\"recordType\":\"people\",\"recordId\":40}],"
                   " \"links\":{\"next\":\"https://api4.thetvdb.com/v4/updates?page=1\"}}",
                   { "since", "1700000000", "type", "series", "page", "0", NULL } };
  Expect second = { "{\"status\":\"success\",\"data\":["
                    " {\"recordType\":\"series\",\"recordId\":50,\"methodInt\":3},"
                    " {\"recordType\":\"episode\",\"recordId\":556,\"seriesId\":20}],"
                    " \"links\":{\"next\":null}}",
                    { "since", "1700000000", "type", "series", "page", "1", NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  accept_login (fx);
  mml_fake_server_add_handler (fx->server, "/updates", expect_handler, &first);
  mml_fake_server_add_handler (fx->server, "/updates", expect_handler, &second);
  ids = updates (fx, 1700000000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 10);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 20);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 50);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/updates"), ==, 2);
}

/* --- hostile bodies ------------------------------------------------------- */

static void
test_malformed (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;

  accept_login (fx);
#define EXPECT_SEARCH_ERROR(code, body) G_STMT_START {                        \
    mml_fake_server_add_json (fx->server, "/search", 200, body);              \
    results = search (fx, "x", 0, &error);                                    \
    g_assert_error (error, MML_HTTP_ERROR, code);                              \
    g_assert_null (results);                                                  \
    g_clear_error (&error);                                                   \
  } G_STMT_END
  EXPECT_SEARCH_ERROR (MML_HTTP_ERROR_MALFORMED, "{\"status\":\"success\",\"data\":[{\"tvdb_id\":\"1\",\"na");
  EXPECT_SEARCH_ERROR (MML_HTTP_ERROR_MALFORMED, "[]");
  EXPECT_SEARCH_ERROR (MML_HTTP_ERROR_MALFORMED, "{\"status\":\"success\"}");
  EXPECT_SEARCH_ERROR (MML_HTTP_ERROR_MALFORMED, "{\"status\":\"success\",\"data\":{\"a\":1}}");
  EXPECT_SEARCH_ERROR (MML_HTTP_ERROR_MALFORMED, "{\"status\":\"success\",\"data\":\"x\"}");
  EXPECT_SEARCH_ERROR (MML_HTTP_ERROR_SERVER, "{\"status\":\"failure\",\"message\":\"Index is rebuilding\"}");
#undef EXPECT_SEARCH_ERROR

  /* the failure message reaches the user */
  mml_fake_server_add_json (fx->server, "/search", 200, "{\"status\":\"failure\",\"message\":\"Index is down\"}");
  results = search (fx, "x", 0, &error);
  g_assert_nonnull (strstr (error->message, "Index is down"));
  g_clear_error (&error);

  /* wrong types inside: entries skipped, fields missing */
  mml_fake_server_add_json (fx->server, "/search", 200,
    "{\"status\":\"success\",\"data\":[1, null, [], {\"tvdb_id\":\"abc\"}, {\"type\":\"movie\",\"tvdb_id\":\"5\"},"
    " {\"tvdb_id\":\"7\",\"name\":5,\"year\":\"soon\",\"first_air_time\":\"2020-02-30\",\"aliases\":\"x\","
    "  \"translations\":[1],\"remote_ids\":{\"id\":\"tt1\"},\"image_url\":\"javascript:alert(1)\","
    "  \"country\":7,\"network\":[],\"status\":{},\"overview\":null},"
    " {\"objectID\":\"series-8\",\"name\":\"From objectID\",\"year\":\"1999\","
    "  \"remote_ids\":[5,{\"id\":\"nope\",\"type\":2},{\"id\":\"tt0099\",\"type\":2},{\"id\":\"-4\",\"type\":12}]}]}");
  results = search (fx, "x", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  s = mml_meta_series_ref (((MmlMetaCandidate *) g_ptr_array_index (results, 0))->series);
  g_assert_cmpint (s->provider_id, ==, 7);
  g_assert_cmpstr (s->title, ==, "TheTVDB #7");
  g_assert_cmpint (s->year, ==, 0);
  g_assert_null (s->premiered);
  g_assert_null (s->image_original);
  g_assert_null (s->country);
  g_assert_null (s->network);
  g_assert_null (s->imdb_id);
  g_assert_cmpuint (s->akas->len, ==, 0);
  g_clear_pointer (&s, mml_meta_series_unref);
  s = mml_meta_series_ref (((MmlMetaCandidate *) g_ptr_array_index (results, 1))->series);
  g_assert_cmpint (s->provider_id, ==, 8);
  g_assert_cmpint (s->year, ==, 1999);
  g_assert_cmpstr (s->imdb_id, ==, "tt0099");
  g_assert_cmpint (s->tmdb_id, ==, 0);
  g_clear_pointer (&s, mml_meta_series_unref);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* a series record that is not one; a page without episodes */
  mml_fake_server_add_json (fx->server, "/series/3/extended", 200, "{\"status\":\"success\",\"data\":[]}");
  s = get_series (fx, 3, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (s);
  g_clear_error (&error);
  mml_fake_server_add_json (fx->server, "/series/4/extended", 200, "{\"status\":\"success\",\"data\":{\"id\":4}}");
  mml_fake_server_add_json (fx->server, "/series/4/episodes/official", 200,
                            "{\"status\":\"success\",\"data\":{\"episodes\":\"x\"}}");
  s = get_series (fx, 4, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);
  /* an unknown series is NOT_FOUND */
  s = get_series (fx, 5, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a huge body */
  mml_http_set_max_body (fx->http, 64 * 1024);
  mml_fake_server_add_large_body (fx->server, "/updates", 1024 * 1024, TRUE);
  g_assert_null (updates (fx, 1, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_TOO_LARGE);
}

static void
test_login_malformed (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  mml_fake_server_add_json (fx->server, "/login", 200, "{\"status\":\"success\",\"data\":{\"token\":7}}");
  results = search (fx, "x", 0, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search"), ==, 0);
  g_clear_error (&error);
  mml_fake_server_add_json (fx->server, "/login", 200, "{\"status\":\"success\",\"data\":{\"token\":\"a b\"}}");
  g_assert_false (run_test (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);
  mml_fake_server_add_json (fx->server, "/login", 200, "{\"status\":\"succ");
  g_assert_false (run_test (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
}

static void
test_parsers_direct (void)
{
  g_autofree char *json = mml_test_read_fixture ("tvdb/v4_episodes_7546771_extended.json");
  g_autoptr(JsonNode) envelope = mml_test_parse_json (json);
  g_autoptr(MmlMetaEpisode) ep = NULL;
  g_autoptr(JsonNode) number = mml_test_parse_json ("5");
  g_autoptr(JsonNode) string_id = mml_test_parse_json ("{\"id\":\"5\",\"name\":\"x\"}");
  g_autoptr(JsonNode) huge = mml_test_parse_json ("{\"id\":1e300}");
  g_autoptr(JsonNode) odd = mml_test_parse_json ("{\"id\":9,\"name\":[1],\"firstAired\":2013,\"status\":\"Ended\","
                                                 "\"lastAired\":\"2015-05-05\",\"aliases\":[{\"name\":5},\"Alt\",null],"
                                                 "\"artworks\":[1,{\"type\":\"2\",\"image\":\"https://x/a.jpg\"},"
                                                 "{\"type\":2,\"image\":5}],\"seasons\":[null,{\"number\":\"1\"}],"
                                                 "\"genres\":5,\"averageRuntime\":-3,\"remoteIds\":{},"
                                                 "\"lastUpdated\":\"yesterday\",\"slug\":\"../../x\"}");
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autoptr(GPtrArray) none = mml_tvdb_parse_search (number);

  ep = mml_tvdb_parse_episode (json_object_get_member (json_node_get_object (envelope), "data"));
  g_assert_nonnull (ep);
  g_assert_cmpint (ep->provider_id, ==, 7546771);
  g_assert_cmpstr (ep->title, ==, "Strandbeest Model Kit");
  g_assert_cmpint (ep->season, ==, 2013);
  g_assert_cmpint (ep->number, ==, 3);
  g_assert_cmpint (ep->absolute, ==, 3);
  g_assert_cmpstr (ep->air_date, ==, "2013-04-11");
  g_assert_cmpint (ep->runtime, ==, 14);
  g_assert_false (ep->special);
  g_assert_cmpstr (ep->image_url, ==, "https://artworks.thetvdb.com/banners/series/373426/episodes/7546771.jpg");

  g_assert_null (mml_tvdb_parse_series (NULL, NULL));
  g_assert_null (mml_tvdb_parse_series (number, NULL));
  g_assert_null (mml_tvdb_parse_series (string_id, NULL));
  g_assert_null (mml_tvdb_parse_series (huge, NULL));
  g_assert_null (mml_tvdb_parse_episode (number));
  g_assert_cmpuint (none->len, ==, 0);

  s = mml_tvdb_parse_series (odd, NULL);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->title, ==, "TheTVDB #9");
  g_assert_cmpint (s->year, ==, 0);
  g_assert_cmpint (s->status, ==, MML_META_STATUS_ENDED);
  g_assert_cmpstr (s->ended, ==, "2015-05-05");
  g_assert_cmpuint (s->akas->len, ==, 1);
  g_assert_null (s->image_original);
  g_assert_cmpuint (s->seasons->len, ==, 1);
  g_assert_cmpint (((MmlMetaSeason *) g_ptr_array_index (s->seasons, 0))->number, ==, -1);
  g_assert_cmpuint (g_strv_length (s->genres), ==, 0);
  g_assert_cmpint (s->runtime, ==, 0);
  g_assert_cmpint (s->updated, ==, 0);
  g_assert_null (s->url);

  g_assert_cmpstr (mml_tvdb_country_code ("usa"), ==, "US");
  g_assert_cmpstr (mml_tvdb_country_code ("GBR"), ==, "GB");
  g_assert_cmpstr (mml_tvdb_country_code ("isr"), ==, "IL");
  g_assert_null (mml_tvdb_country_code ("xyz"));
  g_assert_null (mml_tvdb_country_code (NULL));
  {
    g_autofree char *rel = mml_tvdb_image_url ("/banners/a.jpg");
    g_autofree char *abs = mml_tvdb_image_url ("https://artworks.thetvdb.com/b.jpg");
    g_autofree char *proto = mml_tvdb_image_url ("//evil.test/c.jpg");
    g_autofree char *bare = mml_tvdb_image_url ("banners/d.jpg");

    g_assert_cmpstr (rel, ==, "https://artworks.thetvdb.com/banners/a.jpg");
    g_assert_cmpstr (abs, ==, "https://artworks.thetvdb.com/b.jpg");
    g_assert_null (proto);
    g_assert_null (bare);
  }
}

/* --- matching end to end -------------------------------------------------- */

static void
test_match (Fixture *fx, gconstpointer data)
{
  g_autofree char *body = search_body ();
  g_autoptr(MmlMatchQuery) query = mml_match_query_new_from_folder ("Bob's Burgers (2011)");
  g_autoptr(MmlProviderMatch) m = NULL;
  MmlTestOutcome o = { 0 };

  accept_login (fx);
  mml_fake_server_add_json (fx->server, "/search", 200, body);
  mml_fake_server_add_json (fx->server, "/series/194031/extended", 200,
    "{\"status\":\"success\",\"data\":{\"id\":194031,\"name\":\"Bob's Burgers\",\"firstAired\":\"2011-01-09\","
    " \"status\":{\"name\":\"Continuing\"},\"originalCountry\":\"usa\",\"originalNetwork\":{\"name\":\"FOX\"},"
    " \"remoteIds\":[{\"id\":\"tt1561755\",\"type\":2,\"sourceName\":\"IMDB\"}],"
    " \"seasons\":[{\"id\":1,\"number\":1,\"type\":{\"type\":\"official\"}}]}}");
  mml_fake_server_add_json (fx->server, "/series/194031/episodes/official", 200,
    "{\"status\":\"success\",\"data\":{\"episodes\":["
    " {\"id\":1,\"seasonNumber\":1,\"number\":1,\"aired\":\"2011-01-09\"},"
    " {\"id\":2,\"seasonNumber\":1,\"number\":2,\"aired\":\"2011-01-16\"},"
    " {\"id\":3,\"seasonNumber\":0,\"number\":1}]},\"links\":{\"next\":null}}");

  mml_provider_match_async (fx->provider, query, MML_EPISODE_ORDER_AIRED, NULL, mml_test_match_cb, &o);
  mml_test_outcome_wait (&o);
  g_assert_no_error (o.error);
  m = o.value;
  g_assert_cmpint (m->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_nonnull (m->series);
  g_assert_cmpint (m->series->tvdb_id, ==, 194031);
  g_assert_cmpstr (m->series->imdb_id, ==, "tt1561755");
  g_assert_cmpint (mml_meta_series_count_episodes (m->series), ==, 2);
  g_assert_cmpuint (m->candidates->len, ==, 1);
  g_assert_cmpuint (m->calls, ==, 2);   /* search + the series in full */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/login"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);

#define ADD(name, func) \
  g_test_add ("/services/tvdb/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/services/tvdb/base-url", test_base_url);
  ADD ("token-reuse", test_token_reuse);
  ADD ("concurrent-login", test_concurrent_login);
  ADD ("credentials-change-during-login", test_credentials_change_during_login);
  ADD ("relogin-after-401", test_relogin_after_401);
  ADD ("bad-key", test_bad_key);
  ADD ("no-key", test_no_key);
  ADD ("connection-test", test_connection_test);
  ADD ("no-secrets-on-disk", test_no_secrets_on_disk);
  ADD ("search-parse", test_search_parse);
  ADD ("series-extended", test_series_extended);
  ADD ("episode-paging", test_episode_paging);
  ADD ("orders", test_orders);
  ADD ("lookup", test_lookup);
  ADD ("updates", test_updates);
  ADD ("malformed", test_malformed);
  ADD ("login-malformed", test_login_malformed);
  g_test_add_func ("/services/tvdb/parsers", test_parsers_direct);
  ADD ("match", test_match);

  return g_test_run ();
}
