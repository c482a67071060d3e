/* test-tmdb.c — the TMDB client against a fake TMDB built from
 * tests/fixtures/tmdb: credentials (v3 key, v4 token, none, rejected),
 * search, series with seasons and specials, find, updates, hostile
 * bodies and matching through the provider interface; the DVD and
 * absolute orders through episode groups are in test-tmdb-groups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mml-fake-server.h"
#include "mml-service-test.h"
#include "mml-tmdb.h"

#define API_KEY MML_TEST_TMDB_KEY
#define TOKEN   "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJlLXRva2Vu"
#define IMAGES  MML_TEST_TMDB_IMAGES

typedef MmlTestProvider Fixture;

static const char specials_1399[] =
  "{\"season_number\":0,\"episodes\":["
  " {\"id\":9001,\"episode_number\":1,\"season_number\":0,\"air_date\":\"2010-12-05\",\"name\":\"Making Of\"},"
  " {\"id\":9002,\"episode_number\":2,\"air_date\":\"2011-04-20\",\"name\":\"Inside Episode 1\"},"
  " {\"id\":9003,\"episode_number\":3,\"season_number\":0,\"air_date\":null,\"name\":\"Undated\"}]}";

static void
serve_1399 (Fixture *fx)
{
  mml_test_serve_fixture (fx->server, "/tv/1399", 200, "tmdb/tv_1399.json");
  mml_test_serve_fixture (fx->server, "/tv/1399/season/1", 200, "tmdb/tv_1399_season_1.json");
  mml_fake_server_add_json (fx->server, "/tv/1399/season/0", 200, specials_1399);
  mml_fake_server_add_handler (fx->server, "/tv/1399/season/*", mml_test_tmdb_season_handler, NULL);
}

/* --- async wrappers ---------------------------------------------------- */

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
test_call (Fixture *fx, GError **error)
{
  return mml_test_connection (fx->provider, error);
}

static MmlProviderMatch *
match (Fixture *fx, const char *folder, GError **error)
{
  return mml_test_match (fx->provider, folder, error);
}

/* --- credentials ------------------------------------------------------- */

static void
test_credential_kind (void)
{
  g_assert_cmpint (mml_tmdb_credential_kind (NULL), ==, MML_TMDB_CREDENTIAL_NONE);
  g_assert_cmpint (mml_tmdb_credential_kind (" \t\n"), ==, MML_TMDB_CREDENTIAL_NONE);
  g_assert_cmpint (mml_tmdb_credential_kind (API_KEY), ==, MML_TMDB_CREDENTIAL_API_KEY);
  g_assert_cmpint (mml_tmdb_credential_kind ("  " API_KEY "\n"), ==, MML_TMDB_CREDENTIAL_API_KEY);
  g_assert_cmpint (mml_tmdb_credential_kind (TOKEN), ==, MML_TMDB_CREDENTIAL_TOKEN);
  g_assert_cmpint (mml_tmdb_credential_kind ("eyJshort"), ==, MML_TMDB_CREDENTIAL_TOKEN);
  g_assert_cmpint (mml_tmdb_credential_kind ("abc123"), ==, MML_TMDB_CREDENTIAL_API_KEY);
  g_assert_cmpint (mml_tmdb_credential_kind ("0123456789abcdef0123456789abcdef0123456789"), ==,
                   MML_TMDB_CREDENTIAL_TOKEN);
  g_assert_cmpint (mml_tmdb_credential_kind ("0123 4567"), ==, MML_TMDB_CREDENTIAL_INVALID);
  g_assert_cmpint (mml_tmdb_credential_kind ("key\r\nX-Evil: 1"), ==, MML_TMDB_CREDENTIAL_INVALID);
  g_assert_cmpint (mml_tmdb_credential_kind ("ключ"), ==, MML_TMDB_CREDENTIAL_INVALID);
}

static void
test_settings (void)
{
  g_autoptr(MmlHttp) http = mml_http_new (NULL);
  g_autoptr(MmlTmdb) a = NULL;
  g_autoptr(MmlTmdb) b = NULL;
  g_autoptr(MmlTmdb) c = NULL;

  g_unsetenv ("MML_TMDB_URL");
  a = mml_tmdb_new (http, NULL, NULL);
  g_assert_cmpstr (mml_tmdb_get_base_url (a), ==, "https://api.themoviedb.org/3");
  g_assert_cmpstr (mml_tmdb_get_image_url (a), ==, IMAGES);   /* from $MML_TMDB_IMAGE_URL, "/" added */
  g_assert_cmpint (mml_tmdb_get_credential_kind (a), ==, MML_TMDB_CREDENTIAL_NONE);
  g_assert_cmpint (mml_provider_get_kind (MML_PROVIDER (a)), ==, MML_META_PROVIDER_TMDB);
  g_assert_cmpuint (mml_provider_get_orders (MML_PROVIDER (a)), ==,
                    MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_AIRED)
                    | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_DVD)
                    | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_ABSOLUTE));
  g_setenv ("MML_TMDB_URL", "http://127.0.0.1:9/3/", TRUE);
  b = mml_tmdb_new (http, NULL, TOKEN);
  g_assert_cmpstr (mml_tmdb_get_base_url (b), ==, "http://127.0.0.1:9/3");
  g_assert_cmpint (mml_tmdb_get_credential_kind (b), ==, MML_TMDB_CREDENTIAL_TOKEN);
  mml_tmdb_set_credential (b, API_KEY);
  g_assert_cmpint (mml_tmdb_get_credential_kind (b), ==, MML_TMDB_CREDENTIAL_API_KEY);
  mml_tmdb_set_credential (b, NULL);
  g_assert_cmpint (mml_tmdb_get_credential_kind (b), ==, MML_TMDB_CREDENTIAL_NONE);
  c = mml_tmdb_new (http, "http://example.test/tmdb//", API_KEY);
  g_assert_cmpstr (mml_tmdb_get_base_url (c), ==, "http://example.test/tmdb");
  g_unsetenv ("MML_TMDB_URL");

  g_assert_cmpstr (mml_tmdb_get_language (c), ==, "en-US");
  mml_tmdb_set_language (c, "he-IL");
  g_assert_cmpstr (mml_tmdb_get_language (c), ==, "he-IL");
  mml_tmdb_set_language (c, "pt");
  g_assert_cmpstr (mml_tmdb_get_language (c), ==, "pt");
  mml_tmdb_set_language (c, "en-US&api_key=x");
  g_assert_cmpstr (mml_tmdb_get_language (c), ==, "en-US");
  mml_tmdb_set_language (c, "he-IL");
  mml_tmdb_set_language (c, NULL);
  g_assert_cmpstr (mml_tmdb_get_language (c), ==, "en-US");
}

static void
test_api_key (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *auth = NULL;
  MmlTestRecorder r = { 0 };

  r.body = g_strdup ("{\"images\":{\"secure_base_url\":\"https://image.tmdb.org/t/p/\"}}");
  mml_fake_server_add_handler (fx->server, "/configuration", mml_test_record_handler, &r);
  g_assert_true (test_call (fx, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mml_test_recorded (&r, "api_key"), ==, API_KEY);
  g_assert_null (mml_test_recorded (&r, "language"));
  auth = mml_fake_server_get_last_header (fx->server, "/configuration", "Authorization");
  g_assert_null (auth);
  /* never from the cache: a second test is a second request */
  g_assert_true (test_call (fx, &error));
  g_assert_cmpuint (r.hits, ==, 2);
  mml_test_recorder_clear (&r);

  /* the language goes with content requests */
  mml_tmdb_set_language (MML_TMDB (fx->provider), "he-IL");
  memset (&r, 0, sizeof r);
  r.body = mml_test_read_fixture ("tmdb/search_tv__query_the_big_bang_theory.json");
  mml_fake_server_add_handler (fx->server, "/search/tv", mml_test_record_handler, &r);
  results = search (fx, "The Big Bang Theory", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (mml_test_recorded (&r, "query"), ==, "The Big Bang Theory");
  g_assert_cmpstr (mml_test_recorded (&r, "language"), ==, "he-IL");
  g_assert_cmpstr (mml_test_recorded (&r, "api_key"), ==, API_KEY);
  g_assert_null (mml_test_recorded (&r, "first_air_date_year"));
  mml_test_recorder_clear (&r);
}

static void
test_bearer (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;
  MmlTestRecorder r = { 0 };

  mml_tmdb_set_credential (MML_TMDB (fx->provider), TOKEN);
  r.body = g_strdup ("{\"images\":{}}");
  mml_fake_server_add_handler (fx->server, "/configuration", mml_test_record_handler, &r);
  g_assert_true (test_call (fx, &error));
  g_assert_no_error (error);
  auth = mml_fake_server_get_last_header (fx->server, "/configuration", "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer " TOKEN);
  g_assert_null (mml_test_recorded (&r, "api_key"));
  g_assert_true (r.raw_query == NULL || strstr (r.raw_query, "eyJ") == NULL);
  mml_test_recorder_clear (&r);
}

static void
test_rejected (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autoptr(GPtrArray) results = NULL;

  /* the recorded 401 */
  mml_test_serve_fixture (fx->server, "/configuration", 401, "tmdb/error_401_invalid_api_key.json");
  g_assert_false (test_call (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (strstr (error->message, API_KEY));
  g_assert_nonnull (strstr (error->message, "TMDB"));
  g_clear_error (&error);

  /* the same body with a 200: the body decides */
  mml_test_serve_fixture (fx->server, "/search/tv", 200, "tmdb/error_401_invalid_api_key.json");
  results = search (fx, "Dallas", 0, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (strstr (error->message, API_KEY));
  g_assert_null (results);
  g_clear_error (&error);

  /* the recorded 404 */
  mml_test_serve_fixture (fx->server, "/tv/999999", 404, "tmdb/error_404_resource_not_found.json");
  s = get_series (fx, 999999, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_assert_null (s);
  g_clear_error (&error);
  mml_test_serve_fixture (fx->server, "/tv/999998", 200, "tmdb/error_404_resource_not_found.json");
  s = get_series (fx, 999998, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* over the limit, in a 200 body */
  mml_fake_server_add_json (fx->server, "/tv/999997", 200,
                            "{\"success\":false,\"status_code\":25,\"status_message\":\"limit\"}");
  s = get_series (fx, 999997, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA);
  g_clear_error (&error);
}

static void
test_no_key (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderMatch) m = NULL;

  mml_tmdb_set_credential (MML_TMDB (fx->provider), "   ");
  g_assert_false (test_call (fx, &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_null (search (fx, "Dallas", 0, &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_null (get_series (fx, 1399, MML_EPISODE_ORDER_AIRED, &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_null (lookup (fx, MML_EXTERNAL_IMDB, "tt0348914", &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_null (updates (fx, g_get_real_time () / G_USEC_PER_SEC - 3600, &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_clear_error (&error);
  m = match (fx, "Game of Thrones (2011)", &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY);
  g_assert_null (m);
  g_clear_error (&error);

  /* a key that cannot go into a request is not sent */
  mml_tmdb_set_credential (MML_TMDB (fx->provider), "abc\r\nX-Injected: 1");
  g_assert_false (test_call (fx, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (strstr (error->message, "Injected"));
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 0);
}

/* --- search ------------------------------------------------------------ */

static void
test_search_dallas (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  MmlMetaCandidate *first, *second;
  MmlMetaSeries *s;
  MmlTestRecorder r = { 0 };

  r.body = mml_test_read_fixture ("tmdb/search_tv__query_dallas.json");
  mml_fake_server_add_handler (fx->server, "/search/tv", mml_test_record_handler, &r);
  results = search (fx, "Dallas", 1978, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 20);
  g_assert_cmpstr (mml_test_recorded (&r, "first_air_date_year"), ==, "1978");
  g_assert_cmpstr (mml_test_recorded (&r, "query"), ==, "Dallas");
  g_assert_cmpstr (mml_test_recorded (&r, "language"), ==, "en-US");

  first = g_ptr_array_index (results, 0);
  second = g_ptr_array_index (results, 1);
  s = first->series;
  g_assert_cmpint (s->provider, ==, MML_META_PROVIDER_TMDB);
  g_assert_cmpint (s->provider_id, ==, 40);
  g_assert_cmpint (s->tmdb_id, ==, 40);
  g_assert_cmpstr (s->title, ==, "Dallas");
  g_assert_cmpuint (s->akas->len, ==, 0);   /* original_name is the same */
  g_assert_cmpint (s->year, ==, 1978);
  g_assert_cmpstr (s->premiered, ==, "1978-04-02");
  g_assert_cmpstr (s->country, ==, "US");
  g_assert_cmpstr (s->language, ==, "en");
  g_assert_true (g_str_has_prefix (s->overview, "The world's first mega-soap"));
  g_assert_cmpstr (s->image_medium, ==, IMAGES "w342/w8Frf2mO0DUVHmSRJWJWldntKCt.jpg");
  g_assert_cmpstr (s->image_original, ==, IMAGES "original/w8Frf2mO0DUVHmSRJWJWldntKCt.jpg");
  g_assert_null (s->episodes);
  g_assert_cmpint (second->series->provider_id, ==, 37759);
  g_assert_cmpint (second->series->year, ==, 2012);
  /* popularity 119.4 vs 16.9, mapped into 0..1 keeping the order */
  g_assert_cmpfloat (first->provider_score, <, 1.0);
  g_assert_cmpfloat (first->provider_score, >, second->provider_score);
  g_assert_cmpfloat (second->provider_score, >, 0.0);

  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 2))->series;
  g_assert_cmpint (s->provider_id, ==, 23331);
  g_assert_cmpstr (s->country, ==, "DE");
  g_assert_cmpstr (s->language, ==, "de");
  g_assert_null (s->image_medium);   /* poster_path null */
  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 12))->series;
  g_assert_cmpint (s->provider_id, ==, 62220);
  g_assert_null (s->country);        /* origin_country [] */
  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 14))->series;
  g_assert_cmpint (s->provider_id, ==, 12384);
  g_assert_cmpint (s->year, ==, 0);  /* first_air_date "" */
  g_assert_null (s->premiered);
  mml_test_recorder_clear (&r);
}

static void
year_retry_handler (MmlFakeServer     *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  const char *body = user_data;
  gboolean with_year = query != NULL && g_hash_table_contains (query, "first_air_date_year");

  if (with_year)
    body = "{\"page\":1,\"results\":[],\"total_pages\":1,\"total_results\":0}";
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_search_bbt (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) blank = NULL;
  g_autofree char *body = mml_test_read_fixture ("tmdb/search_tv__query_the_big_bang_theory.json");
  MmlMetaSeries *s;

  /* nothing in 2006 (one year off): asked again without the year */
  mml_fake_server_add_handler (fx->server, "/search/tv", year_retry_handler, body);
  results = search (fx, "The Big Bang Theory", 2006, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search/tv"), ==, 2);
  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 0))->series;
  g_assert_cmpint (s->provider_id, ==, 1418);
  g_assert_cmpint (s->year, ==, 2007);
  g_assert_cmpstr (s->country, ==, "US");
  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 1))->series;
  g_assert_cmpint (s->provider_id, ==, 280440);
  g_assert_cmpint (s->year, ==, 0);
  g_assert_null (s->image_original);

  /* the handler is used up: the recorded empty answer from now on */
  mml_test_serve_fixture (fx->server, "/search/tv", 200, "tmdb/search_tv__no_results.json");
  none = search (fx, "Aoeu Htns", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 3);

  /* a blank title asks nothing */
  blank = search (fx, "  ", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 3);
}

/* --- series ------------------------------------------------------------ */

static void
test_series_1399 (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autoptr(MmlMetaSeries) dvd = NULL;
  MmlMetaEpisode *ep;
  MmlMetaSeason *season;

  serve_1399 (fx);
  s = get_series (fx, 1399, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpint (s->provider, ==, MML_META_PROVIDER_TMDB);
  g_assert_cmpint (s->tmdb_id, ==, 1399);
  g_assert_cmpstr (s->title, ==, "Game of Thrones");
  g_assert_cmpint (s->year, ==, 2011);
  g_assert_cmpint (s->status, ==, MML_META_STATUS_ENDED);
  g_assert_cmpstr (s->status_text, ==, "Ended");
  g_assert_cmpstr (s->ended, ==, "2019-05-19");
  g_assert_cmpstr (s->network, ==, "HBO");
  g_assert_cmpstr (s->country, ==, "US");
  g_assert_cmpstr (s->url, ==, "https://www.themoviedb.org/tv/1399");
  g_assert_cmpuint (g_strv_length (s->genres), ==, 3);
  g_assert_cmpstr (s->genres[0], ==, "Sci-Fi & Fantasy");
  g_assert_cmpint (s->tvdb_id, ==, 0);   /* no external_ids in this answer */
  g_assert_cmpstr (s->image_medium, ==, IMAGES "w342/1XS1oqL89opfnbLl8WnZY1O1uJx.jpg");

  /* seasons 0..8, each one more request */
  g_assert_cmpuint (s->seasons->len, ==, 9);
  season = g_ptr_array_index (s->seasons, 1);
  g_assert_cmpint (season->number, ==, 1);
  g_assert_cmpint (season->provider_id, ==, 3624);
  g_assert_cmpint (season->episode_order, ==, 10);
  g_assert_cmpstr (season->name, ==, "Season 1");
  g_assert_cmpstr (season->end_date, ==, "2011-06-19");   /* from its episodes */
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 10);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/1399/season/0"), ==, 1);

  /* 10 + 7 × 2 regular episodes, 3 specials */
  g_assert_cmpuint (s->episodes->len, ==, 27);
  g_assert_cmpint (mml_meta_series_count_episodes (s), ==, 24);
  g_assert_cmpint (mml_meta_series_count_seasons (s), ==, 8);
  g_assert_true (mml_meta_series_has_episode (s, 1, 10));
  g_assert_true (mml_meta_series_has_episode (s, 8, 2));
  g_assert_false (mml_meta_series_has_episode (s, 0, 1));   /* a special is not regular */

  ep = mml_test_find_episode (s, 1, 1);
  g_assert_nonnull (ep);
  g_assert_cmpint (ep->provider_id, ==, 63056);
  g_assert_cmpstr (ep->title, ==, "Winter Is Coming");
  g_assert_cmpstr (ep->air_date, ==, "2011-04-17");
  g_assert_cmpint (ep->runtime, ==, 62);
  g_assert_true (g_str_has_prefix (ep->overview, "Jon Arryn, the Hand of the King, is dead"));
  g_assert_cmpstr (ep->image_url, ==, IMAGES "original/9hGF3WUkBf7cSjMg0cdMDHJkByd.jpg");
  g_assert_false (ep->special);
  g_assert_cmpint (ep->kind, ==, MML_META_EPISODE_REGULAR);
  /* absolute numbers: every season there, numbered plainly */
  g_assert_cmpint (ep->absolute, ==, 1);
  g_assert_cmpint (mml_test_find_episode (s, 2, 1)->absolute, ==, 11);
  g_assert_cmpint (mml_test_find_episode (s, 8, 2)->absolute, ==, 24);

  /* airing order: specials where they aired, the undated one last */
  ep = mml_test_episode_at (s, 0);
  g_assert_cmpint (ep->provider_id, ==, 9001);
  g_assert_true (ep->special);
  g_assert_cmpint (ep->kind, ==, MML_META_EPISODE_SPECIAL);
  g_assert_cmpint (ep->season, ==, 0);
  g_assert_cmpint (ep->absolute, ==, -1);
  g_assert_cmpint (mml_test_episode_at (s, 1)->provider_id, ==, 63056);
  ep = mml_test_episode_at (s, 2);
  g_assert_cmpint (ep->provider_id, ==, 9002);   /* no season_number: the season asked for */
  g_assert_true (ep->special);
  g_assert_cmpint (ep->season, ==, 0);
  g_assert_cmpint (mml_test_episode_at (s, 3)->provider_id, ==, 63057);
  ep = mml_test_episode_at (s, 26);
  g_assert_cmpint (ep->provider_id, ==, 9003);
  g_assert_null (ep->air_date);

  /* episode_run_time is [] in this answer: the median episode */
  g_assert_cmpint (s->runtime, ==, 50);

  /* the DVD order asks for the series again, with its episode groups
   * appended; this recorded answer has no such list */
  dvd = get_series (fx, 1399, MML_EPISODE_ORDER_DVD, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (dvd);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/1399"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 11);
}

static void
test_series_ids (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) bbt = NULL;
  g_autoptr(MmlMetaSeries) odd = NULL;
  MmlTestRecorder r = { 0 };
  MmlMetaAka *aka;

  r.body = mml_test_read_fixture ("tmdb/tv_1418__append_external_ids.json");
  mml_fake_server_add_handler (fx->server, "/tv/1418", mml_test_record_handler, &r);
  mml_fake_server_add_handler (fx->server, "/tv/1418/season/*", mml_test_tmdb_season_handler, NULL);
  bbt = get_series (fx, 1418, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mml_test_recorded (&r, "append_to_response"), ==, "external_ids,alternative_titles");
  g_assert_cmpint (bbt->tmdb_id, ==, 1418);
  g_assert_cmpint (bbt->tvdb_id, ==, 80379);
  g_assert_cmpstr (bbt->imdb_id, ==, "tt0898266");
  g_assert_cmpint (bbt->runtime, ==, 22);   /* episode_run_time [22] */
  g_assert_cmpstr (bbt->network, ==, "CBS");
  g_assert_cmpint (bbt->status, ==, MML_META_STATUS_ENDED);
  g_assert_cmpint (mml_meta_series_count_seasons (bbt), ==, 12);
  mml_test_recorder_clear (&r);

  /* AKAs, a missing season, odd field types */
  mml_fake_server_add_json (fx->server, "/tv/77", 200,
    "{\"id\":77,\"name\":\"Shtisel\",\"original_name\":\"שטיסל\",\"status\":\"Returning Series\","
    " \"first_air_date\":\"2013-06-30\",\"origin_country\":\"IL\",\"networks\":[{\"name\":\"yes\",\"origin_country\":\"il\"}],"
    " \"genres\":\"Drama\",\"episode_run_time\":[\"45\",0,45],\"external_ids\":{\"tvdb_id\":\"1\",\"imdb_id\":7},"
    " \"alternative_titles\":{\"results\":[{\"title\":\"Shtisel\",\"iso_3166_1\":\"US\"},{\"title\":7},"
    "   {\"title\":\"Штисель\",\"iso_3166_1\":\"RU\"},{\"title\":\"Chtisel\",\"iso_3166_1\":\"FRA\"}]},"
    " \"poster_path\":\"http://evil.test/x.jpg\","
    " \"seasons\":[{\"season_number\":1,\"id\":5},{\"season_number\":2},{\"season_number\":\"3\"},7]}");
  mml_fake_server_add_json (fx->server, "/tv/77/season/1", 200,
    "{\"episodes\":[{\"episode_number\":1,\"air_date\":\"2013-06-30\",\"runtime\":\"45\",\"still_path\":5},"
    " {\"episode_number\":2,\"air_date\":\"2013-07-07\"}, 3, null]}");
  odd = get_series (fx, 77, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odd->status, ==, MML_META_STATUS_CONTINUING);
  g_assert_cmpstr (odd->country, ==, "IL");   /* from the network, upper-cased */
  g_assert_cmpstr (odd->network, ==, "yes");
  g_assert_cmpuint (g_strv_length (odd->genres), ==, 0);
  g_assert_cmpint (odd->runtime, ==, 45);
  g_assert_cmpint (odd->tvdb_id, ==, 0);
  g_assert_null (odd->imdb_id);
  g_assert_null (odd->image_medium);
  g_assert_cmpuint (odd->akas->len, ==, 3);
  aka = g_ptr_array_index (odd->akas, 0);
  g_assert_cmpstr (aka->name, ==, "שטיסל");
  g_assert_null (aka->country);
  aka = g_ptr_array_index (odd->akas, 1);
  g_assert_cmpstr (aka->name, ==, "Штисель");
  g_assert_cmpstr (aka->country, ==, "RU");
  g_assert_null (((MmlMetaAka *) g_ptr_array_index (odd->akas, 2))->country);   /* "FRA" */
  g_assert_cmpuint (odd->seasons->len, ==, 2);
  /* season 2 is listed but 404: the rest stands, without absolute numbers */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "*404*"), ==, 1);
  g_assert_cmpuint (odd->episodes->len, ==, 2);
  g_assert_cmpint (mml_test_episode_at (odd, 0)->season, ==, 1);
  g_assert_cmpint (mml_test_episode_at (odd, 0)->runtime, ==, 0);
  g_assert_null (mml_test_episode_at (odd, 0)->image_url);
  g_assert_cmpint (mml_test_episode_at (odd, 1)->absolute, ==, -1);
}

static void
test_series_cancel (Fixture *fx, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MmlTestOutcome o = { 0 };

  /* seasons slow to come: cancelled halfway, the call ends cleanly */
  serve_1399 (fx);
  mml_fake_server_set_delay (fx->server, "/tv/1399/season/*", 3000);
  mml_test_cancel_after (cancellable, 200);
  mml_provider_get_series_async (fx->provider, 1399, MML_EPISODE_ORDER_AIRED, cancellable, mml_test_series_cb, &o);
  mml_test_outcome_wait (&o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (o.value);
  g_clear_error (&o.error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/1399"), ==, 1);
}

/* --- find / lookup ----------------------------------------------------- */

static void
test_lookup (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) deadwood = NULL;
  g_autoptr(MmlMetaSeries) season_only = NULL;
  g_autoptr(MmlMetaSeries) unknown = NULL;
  g_autoptr(MmlMetaSeries) by_tmdb = NULL;
  g_autoptr(MmlMetaSeries) gone = NULL;
  MmlTestRecorder r = { 0 };

  r.body = mml_test_read_fixture ("tmdb/find__external_source_imdb_id__tv_and_episode.json");
  mml_fake_server_add_handler (fx->server, "/find/tt0348914", mml_test_record_handler, &r);
  deadwood = lookup (fx, MML_EXTERNAL_IMDB, " TT0348914 ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (deadwood);
  g_assert_cmpstr (mml_test_recorded (&r, "external_source"), ==, "imdb_id");
  g_assert_cmpint (deadwood->provider_id, ==, 1406);
  g_assert_cmpstr (deadwood->title, ==, "Deadwood");
  g_assert_cmpint (deadwood->year, ==, 2004);
  g_assert_cmpstr (deadwood->imdb_id, ==, "tt0348914");
  g_assert_null (deadwood->episodes);
  mml_test_recorder_clear (&r);

  /* a TheTVDB id that is a season: no series, no error */
  memset (&r, 0, sizeof r);
  r.body = mml_test_read_fixture ("tmdb/find__external_source_tvdb_id__season.json");
  mml_fake_server_add_handler (fx->server, "/find/81189", mml_test_record_handler, &r);
  season_only = lookup (fx, MML_EXTERNAL_TVDB, "81189", &error);
  g_assert_no_error (error);
  g_assert_null (season_only);
  g_assert_cmpstr (mml_test_recorded (&r, "external_source"), ==, "tvdb_id");
  mml_test_recorder_clear (&r);

  /* 404 and ids TMDB cannot know: no series, no error */
  unknown = lookup (fx, MML_EXTERNAL_TVDB, "424242", &error);
  g_assert_no_error (error);
  g_assert_null (unknown);
  g_assert_null (lookup (fx, MML_EXTERNAL_IMDB, "nm0000001", &error));
  g_assert_no_error (error);
  g_assert_null (lookup (fx, MML_EXTERNAL_TVDB, "12ab", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 3);

  /* TVmaze ids: not TMDB's to resolve */
  g_assert_null (lookup (fx, MML_EXTERNAL_TVMAZE, "139", &error));
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* a TMDB id: the series page */
  mml_test_serve_fixture (fx->server, "/tv/1399", 200, "tmdb/tv_1399.json");
  by_tmdb = lookup (fx, MML_EXTERNAL_TMDB, "1399", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_tmdb->provider_id, ==, 1399);
  g_assert_null (by_tmdb->episodes);
  mml_test_serve_fixture (fx->server, "/tv/5", 404, "tmdb/error_404_resource_not_found.json");
  gone = lookup (fx, MML_EXTERNAL_TMDB, "5", &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

/* --- updates ----------------------------------------------------------- */

static void
changes_handler (MmlFakeServer     *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  char *expected = user_data;
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *start = query != NULL ? g_hash_table_lookup (query, "start_date") : NULL;
  const char *body = "{\"results\":[{\"id\":4}],\"page\":3,\"total_pages\":3}";

  if (g_strcmp0 (start, expected) != 0)
    body = "{\"results\":\"wrong start_date\"}";
  else if (g_strcmp0 (page, "1") == 0)
    body = "{\"results\":[{\"id\":1,\"adult\":false},{\"id\":2},{\"id\":\"x\"},7],\"page\":1,\"total_pages\":3}";
  else if (g_strcmp0 (page, "2") == 0)
    body = "{\"results\":[{\"id\":2},{\"id\":3}],\"page\":2,\"total_pages\":3}";
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_updates (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GDateTime) then = NULL;
  g_autofree char *start = NULL;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - 3 * 86400;

  then = g_date_time_new_from_unix_utc (since);
  start = g_date_time_format (then, "%Y-%m-%d");
  mml_fake_server_add_handler (fx->server, "/tv/changes", changes_handler, start);
  ids = updates (fx, since, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_array_sort (ids, compare_gint64);
  g_assert_cmpuint (ids->len, ==, 4);   /* 2 once, "x" and 7 skipped */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, i + 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/changes"), ==, 3);

  /* older than TMDB keeps: refetch all instead */
  g_clear_pointer (&ids, g_array_unref);
  ids = updates (fx, g_get_real_time () / G_USEC_PER_SEC - 20 * 86400, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED);
  g_assert_null (ids);
  g_clear_error (&error);
  ids = updates (fx, 0, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/changes"), ==, 3);

  /* a page that is not a page of changes */
  ids = updates (fx, since + 86400, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (ids);
}

/* --- hostile bodies ---------------------------------------------------- */

static void
test_malformed (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  MmlMetaSeries *odd;

  /* truncated */
  mml_fake_server_add_json (fx->server, "/search/tv", 200, "{\"page\":1,\"results\":[{\"id\":1,\"na");
  g_assert_null (search (fx, "x", 0, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);
  /* the wrong top-level type, results of the wrong type */
  mml_fake_server_add_json (fx->server, "/search/tv", 200, "[1,2]");
  g_assert_null (search (fx, "x", 0, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);
  mml_fake_server_add_json (fx->server, "/search/tv", 200, "{\"results\":{\"id\":1}}");
  g_assert_null (search (fx, "x", 0, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* wrong types inside: bad entries skipped, bad fields missing */
  mml_fake_server_add_json (fx->server, "/search/tv", 200,
    "{\"results\":[5,null,\"x\",{\"id\":\"5\",\"name\":\"String id\"},{\"id\":-2},{\"id\":1e300},"
    " {\"id\":8,\"name\":[\"x\"],\"original_name\":9,\"first_air_date\":1999,\"origin_country\":[5],"
    "  \"original_language\":{},\"overview\":null,\"poster_path\":\"/../../etc/passwd\",\"popularity\":\"high\"},"
    " {\"id\":9.0,\"name\":\"Float id\",\"first_air_date\":\"2010-02-30\",\"popularity\":-4}]}");
  results = search (fx, "x", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  odd = ((MmlMetaCandidate *) g_ptr_array_index (results, 0))->series;
  g_assert_cmpint (odd->provider_id, ==, 8);
  g_assert_cmpstr (odd->title, ==, "TMDB #8");
  g_assert_cmpint (odd->year, ==, 0);
  g_assert_null (odd->country);
  g_assert_null (odd->language);
  g_assert_null (odd->overview);
  g_assert_null (odd->image_medium);
  g_assert_cmpuint (odd->akas->len, ==, 0);
  g_assert_cmpfloat (((MmlMetaCandidate *) g_ptr_array_index (results, 0))->provider_score, ==, 0);
  odd = ((MmlMetaCandidate *) g_ptr_array_index (results, 1))->series;
  g_assert_cmpint (odd->provider_id, ==, 9);
  g_assert_null (odd->premiered);   /* 30 February */
  g_assert_cmpfloat (((MmlMetaCandidate *) g_ptr_array_index (results, 1))->provider_score, ==, 0);

  /* a series page that is not a series; null; empty */
  mml_fake_server_add_json (fx->server, "/tv/1", 200, "[]");
  s = get_series (fx, 1, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (s);
  g_clear_error (&error);
  mml_fake_server_add_json (fx->server, "/tv/2", 200, "{\"id\":\"2\",\"name\":\"x\"}");
  s = get_series (fx, 2, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);
  mml_fake_server_add_response (fx->server, "/tv/3", 200, "", 0, "Content-Type", "application/json", NULL);
  s = get_series (fx, 3, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* a season without an episode list fails the series, a truncated one too */
  mml_fake_server_add_json (fx->server, "/tv/4", 200,
                            "{\"id\":4,\"name\":\"Four\",\"seasons\":[{\"season_number\":1},{\"season_number\":2}]}");
  mml_fake_server_add_json (fx->server, "/tv/4/season/1", 200, "{\"episodes\":\"none\"}");
  mml_fake_server_add_json (fx->server, "/tv/4/season/2", 200, "{\"episodes\":[{\"id\":1,");
  s = get_series (fx, 4, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (s);
  g_clear_error (&error);

  /* a find answer without tv_results */
  mml_fake_server_add_json (fx->server, "/find/tt1", 200, "{\"tv_results\":{}}");
  g_assert_null (lookup (fx, MML_EXTERNAL_IMDB, "tt1", &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* a server failure stays one */
  mml_fake_server_add_json (fx->server, "/tv/6", 500, "{}");
  s = get_series (fx, 6, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_clear_error (&error);
}

static void
test_parsers_direct (void)
{
  g_autoptr(JsonNode) number = mml_test_parse_json ("5");
  g_autoptr(JsonNode) neg = mml_test_parse_json ("{\"id\":-3}");
  g_autoptr(JsonNode) huge = mml_test_parse_json ("{\"id\":1e300}");
  g_autoptr(JsonNode) ok = mml_test_parse_json ("{\"success\":true,\"status_code\":1,\"status_message\":\"Success.\"}");
  g_autoptr(JsonNode) nf = mml_test_parse_json ("{\"status_code\":34,\"status_message\":\"not found\"}");
  g_autoptr(JsonNode) odd_code = mml_test_parse_json ("{\"success\":false,\"status_code\":\"7\"}");
  g_autoptr(JsonNode) show = mml_test_parse_json ("{\"id\":1,\"status_code\":7,\"status_message\":\"x\"}");
  g_autoptr(GPtrArray) none = mml_tmdb_parse_search (number, NULL);
  g_autoptr(MmlMetaSeries) default_images = NULL;
  g_autoptr(JsonNode) poster = mml_test_parse_json ("{\"id\":2,\"poster_path\":\"/a.jpg\"}");
  GError *error;

  g_assert_null (mml_tmdb_parse_series (NULL, NULL));
  g_assert_null (mml_tmdb_parse_series (number, NULL));
  g_assert_null (mml_tmdb_parse_series (neg, NULL));
  g_assert_null (mml_tmdb_parse_series (huge, NULL));
  g_assert_null (mml_tmdb_parse_season (number, 1, NULL));
  g_assert_null (mml_tmdb_parse_season (neg, 1, NULL));
  g_assert_cmpuint (none->len, ==, 0);
  default_images = mml_tmdb_parse_series (poster, NULL);
  g_assert_cmpstr (default_images->image_medium, ==, "https://image.tmdb.org/t/p/w342/a.jpg");

  g_assert_null (mml_tmdb_error_from_body (NULL));
  g_assert_null (mml_tmdb_error_from_body (number));
  g_assert_null (mml_tmdb_error_from_body (ok));
  g_assert_null (mml_tmdb_error_from_body (show));
  error = mml_tmdb_error_from_body (nf);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  error = mml_tmdb_error_from_body (odd_code);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_clear_error (&error);
}

/* --- matching through the provider interface --------------------------- */

static const char got_search[] =
  "{\"page\":1,\"total_pages\":1,\"total_results\":2,\"results\":["
  " {\"id\":1399,\"name\":\"Game of Thrones\",\"original_name\":\"Game of Thrones\",\"first_air_date\":\"2011-04-17\","
  "  \"origin_country\":[\"US\"],\"original_language\":\"en\",\"popularity\":639.9},"
  " {\"id\":4242,\"name\":\"Game of Thrones: Conquest & Rebellion\",\"first_air_date\":\"2017-12-10\","
  "  \"origin_country\":[\"US\"],\"popularity\":3.2}]}";

static void
test_match (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderMatch) by_title = NULL;
  g_autoptr(MmlProviderMatch) by_id = NULL;

  mml_fake_server_add_json (fx->server, "/search/tv", 200, got_search);
  serve_1399 (fx);
  by_title = match (fx, "Game of Thrones (2011)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_title->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_nonnull (by_title->series);
  g_assert_cmpint (by_title->series->tmdb_id, ==, 1399);
  g_assert_cmpint (mml_meta_series_count_episodes (by_title->series), ==, 24);
  g_assert_cmpuint (by_title->candidates->len, ==, 2);
  g_assert_cmpuint (by_title->calls, ==, 2);   /* search + the series in full */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search/tv"), ==, 1);

  /* an id in the folder name: straight to the series */
  by_id = match (fx, "GoT {tmdb-1399}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_id->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (by_id->series->tmdb_id, ==, 1399);
  g_assert_cmpuint (by_id->calls, ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/search/tv"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mml_test_tmdb_init (&argc, &argv);

  g_test_add_func ("/services/tmdb/credential-kind", test_credential_kind);
  g_test_add_func ("/services/tmdb/settings", test_settings);
  MML_TEST_TMDB_ADD ("api-key", test_api_key);
  MML_TEST_TMDB_ADD ("bearer", test_bearer);
  MML_TEST_TMDB_ADD ("rejected", test_rejected);
  MML_TEST_TMDB_ADD ("no-key", test_no_key);
  MML_TEST_TMDB_ADD ("search-dallas", test_search_dallas);
  MML_TEST_TMDB_ADD ("search-bbt", test_search_bbt);
  MML_TEST_TMDB_ADD ("series-1399", test_series_1399);
  MML_TEST_TMDB_ADD ("series-ids", test_series_ids);
  MML_TEST_TMDB_ADD ("series-cancel", test_series_cancel);
  MML_TEST_TMDB_ADD ("lookup", test_lookup);
  MML_TEST_TMDB_ADD ("updates", test_updates);
  MML_TEST_TMDB_ADD ("malformed", test_malformed);
  g_test_add_func ("/services/tmdb/parsers", test_parsers_direct);
  MML_TEST_TMDB_ADD ("match", test_match);

  return g_test_run ();
}
