/* test-tvmaze.c — the TVmaze client against a fake TVmaze built from
 * tests/fixtures/tvmaze: search, singlesearch, lookup, shows with
 * embeds, updates, matching, and hostile bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mml-fake-server.h"
#include "mml-service-test.h"
#include "mml-tvmaze.h"

typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  MmlTvmaze     *tvmaze;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->server = mml_fake_server_new ();
  fx->http = mml_test_http_new ();
  fx->tvmaze = mml_tvmaze_new (fx->http, mml_fake_server_get_base_url (fx->server));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->tvmaze);
  g_clear_object (&fx->http);
  g_clear_pointer (&fx->server, mml_fake_server_free);
}

/* --- async wrappers ---------------------------------------------------- */

static void
search_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_tvmaze_search_finish (MML_TVMAZE (object), result, &o->error);
  o->done = TRUE;
}

static GPtrArray *
search (Fixture *fx, const char *query, GError **error)
{
  MmlTestOutcome o = { 0 };

  mml_tvmaze_search_async (fx->tvmaze, query, NULL, search_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static void
singlesearch_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_tvmaze_singlesearch_finish (MML_TVMAZE (object), result, &o->error);
  o->done = TRUE;
}

static MmlMetaSeries *
singlesearch (Fixture *fx, const char *query, GError **error)
{
  MmlTestOutcome o = { 0 };

  mml_tvmaze_singlesearch_async (fx->tvmaze, query, NULL, singlesearch_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static void
lookup_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_tvmaze_lookup_finish (MML_TVMAZE (object), result, &o->error);
  o->done = TRUE;
}

static MmlMetaSeries *
lookup (Fixture *fx, MmlTvmazeLookup kind, const char *id, GError **error)
{
  MmlTestOutcome o = { 0 };

  mml_tvmaze_lookup_async (fx->tvmaze, kind, id, NULL, lookup_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static void
series_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_tvmaze_get_series_finish (MML_TVMAZE (object), result, &o->error);
  o->done = TRUE;
}

static MmlMetaSeries *
get_series (Fixture *fx, gint64 id, MmlTvmazeSeriesFlags flags, GError **error)
{
  MmlTestOutcome o = { 0 };

  mml_tvmaze_get_series_async (fx->tvmaze, id, flags, NULL, series_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static void
updates_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_tvmaze_updates_finish (MML_TVMAZE (object), result, &o->error);
  o->done = TRUE;
}

static MmlProviderMatch *
match (Fixture *fx, const char *folder, GError **error)
{
  return mml_test_match (MML_PROVIDER (fx->tvmaze), folder, error);
}

/* --- tests ------------------------------------------------------------- */

static void
test_base_url (void)
{
  g_autoptr(MmlHttp) http = mml_http_new (NULL);
  g_autoptr(MmlTvmaze) a = NULL;
  g_autoptr(MmlTvmaze) b = NULL;
  g_autoptr(MmlTvmaze) c = NULL;

  g_unsetenv ("MML_TVMAZE_URL");
  a = mml_tvmaze_new (http, NULL);
  g_assert_cmpstr (mml_tvmaze_get_base_url (a), ==, "https://api.tvmaze.com");
  g_setenv ("MML_TVMAZE_URL", "http://127.0.0.1:9/", TRUE);
  b = mml_tvmaze_new (http, NULL);
  g_assert_cmpstr (mml_tvmaze_get_base_url (b), ==, "http://127.0.0.1:9");
  c = mml_tvmaze_new (http, "http://example.test/tvmaze//");
  g_assert_cmpstr (mml_tvmaze_get_base_url (c), ==, "http://example.test/tvmaze");
  g_unsetenv ("MML_TVMAZE_URL");
}

static void
test_search_girls (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  MmlMetaCandidate *first;
  MmlMetaSeries *s;

  mml_test_serve_fixture (fx->server, "/search/shows", 200, "tvmaze/search_shows__q_girls.json");
  results = search (fx, "girls", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 10);

  first = g_ptr_array_index (results, 0);
  s = first->series;
  g_assert_cmpfloat_with_epsilon (first->provider_score, 0.9088788, 1e-6);
  g_assert_cmpint (s->provider, ==, MML_META_PROVIDER_TVMAZE);
  g_assert_cmpint (s->provider_id, ==, 139);
  g_assert_cmpint (s->tvmaze_id, ==, 139);
  g_assert_cmpstr (s->title, ==, "Girls");
  g_assert_cmpint (s->year, ==, 2012);
  g_assert_cmpstr (s->premiered, ==, "2012-04-15");
  g_assert_cmpstr (s->network, ==, "HBO");
  g_assert_cmpstr (s->country, ==, "US");
  g_assert_cmpstr (s->language, ==, "English");
  g_assert_cmpint (s->status, ==, MML_META_STATUS_ENDED);
  g_assert_cmpint (s->tvdb_id, ==, 220411);
  g_assert_cmpstr (s->imdb_id, ==, "tt1723816");
  g_assert_cmpuint (g_strv_length (s->genres), ==, 2);
  g_assert_cmpstr (s->genres[0], ==, "Drama");
  g_assert_nonnull (s->overview);
  g_assert_null (strchr (s->overview, '<'));
  g_assert_true (g_str_has_prefix (s->overview, "This Emmy winning series"));
  g_assert_nonnull (s->image_medium);
  g_assert_null (s->episodes);   /* search results carry no episodes */

  for (guint i = 0; i < results->len; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (results, i);

      g_assert_cmpint (c->series->provider_id, >, 0);
      g_assert_nonnull (c->series->title);
      g_assert_cmpfloat (c->provider_score, >, 0.6);
      g_assert_nonnull (c->series->genres);
    }
  /* "GIRLS" (Mongolia) has no premiere date; "Shining Girls" no network */
  s = ((MmlMetaCandidate *) g_ptr_array_index (results, 1))->series;
  g_assert_cmpint (s->year, ==, 0);
  g_assert_cmpstr (s->country, ==, "MN");
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 1);
}

static void
test_search_empty (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  mml_fake_server_add_json (fx->server, "/search/shows", 200, "[]");
  results = search (fx, "zzzz nothing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 0);
}

static void
test_singlesearch_404 (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;

  mml_test_serve_fixture (fx->server, "/singlesearch/shows", 404, "tvmaze/singlesearch_shows__not_found_404.json");
  s = singlesearch (fx, "Aoeu Htns", &error);
  g_assert_no_error (error);
  g_assert_null (s);
}

static void
kroniken_handler (MmlFakeServer     *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *body = user_data;
  const char *q = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
  GUri *uri = soup_server_message_get_uri (msg);

  /* the raw query must be percent-encoded UTF-8, decoded it is the title */
  if (g_strcmp0 (q, "Krøniken") != 0 || strstr (g_uri_get_query (uri), "Kr%C3%B8niken") == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_singlesearch_unicode (Fixture *fx, gconstpointer data)
{
  g_autofree char *body = mml_test_read_fixture ("tvmaze/singlesearch_shows__q_kroniken__embed_seasons.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;

  mml_fake_server_add_handler (fx->server, "/singlesearch/shows", kroniken_handler, body);
  s = singlesearch (fx, "Krøniken", &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->title, ==, "Krøniken");
  g_assert_cmpint (s->provider_id, ==, 15824);
  g_assert_cmpint (s->year, ==, 2004);
  g_assert_nonnull (s->seasons);
  g_assert_cmpuint (s->seasons->len, >, 0);
}

static void
test_show_with_episodes (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autoptr(MmlMetaSeries) flash = NULL;
  g_autoptr(GDateTime) expected = NULL;
  MmlMetaEpisode *ep;
  MmlMetaSeason *season;

  mml_test_serve_fixture (fx->server, "/shows/66", 200, "tvmaze/shows_66__embed_episodes.json");
  s = get_series (fx, 66, MML_TVMAZE_SERIES_FULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->title, ==, "The Big Bang Theory");
  g_assert_cmpint (s->tvdb_id, ==, 80379);
  g_assert_cmpint (s->runtime, ==, 30);
  g_assert_cmpint (s->status, ==, MML_META_STATUS_CONTINUING);
  g_assert_nonnull (s->episodes);
  g_assert_cmpuint (s->episodes->len, ==, 4);
  g_assert_cmpint (mml_meta_series_count_episodes (s), ==, 4);
  g_assert_cmpint (mml_meta_series_count_seasons (s), ==, 2);
  g_assert_true (mml_meta_series_has_episode (s, 2, 8));
  ep = g_ptr_array_index (s->episodes, 3);
  g_assert_cmpint (ep->season, ==, 2);
  g_assert_cmpint (ep->number, ==, 8);
  g_assert_cmpint (ep->absolute, ==, -1);
  g_assert_false (ep->special);
  g_assert_cmpstr (ep->air_date, ==, "2008-11-17");
  expected = g_date_time_new_utc (2008, 11, 18, 1, 0, 0);
  g_assert_nonnull (ep->airstamp);
  g_assert_true (g_date_time_equal (ep->airstamp, expected));
  g_assert_nonnull (ep->title);
  g_assert_true (ep->overview == NULL || strchr (ep->overview, '<') == NULL);

  /* the request asked for the embeds */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/shows/66"), ==, 1);

  mml_test_serve_fixture (fx->server, "/shows/13", 200, "tvmaze/shows_13__embed_seasons.json");
  flash = get_series (fx, 13, MML_TVMAZE_SERIES_SEASONS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flash->title, ==, "The Flash");
  g_assert_nonnull (flash->seasons);
  g_assert_cmpuint (flash->seasons->len, ==, 4);
  season = g_ptr_array_index (flash->seasons, 0);
  g_assert_cmpint (season->number, ==, 1);
  g_assert_cmpint (season->episode_order, >, 0);
  g_assert_nonnull (season->premiere_date);
  g_assert_null (flash->episodes);   /* not asked for */
}

static void
test_show_specials (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  MmlMetaEpisode *special;

  mml_test_serve_fixture (fx->server, "/shows/66", 200, "tvmaze/shows_66__embed_episodes.json");
  mml_fake_server_add_json (fx->server, "/shows/66/episodes", 200,
    "[{\"id\":1,\"name\":\"Pilot\",\"season\":1,\"number\":1,\"type\":\"regular\",\"airdate\":\"2007-09-24\"},"
    " {\"id\":2,\"name\":\"Unaired Pilot\",\"season\":1,\"number\":null,\"type\":\"significant_special\",\"airdate\":\"2007-09-20\"},"
    " {\"id\":3,\"name\":\"Recap\",\"season\":1,\"number\":null,\"type\":\"insignificant_special\"}]");
  s = get_series (fx, 66, MML_TVMAZE_SERIES_FULL | MML_TVMAZE_SERIES_SPECIALS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->episodes->len, ==, 3);
  g_assert_cmpint (mml_meta_series_count_episodes (s), ==, 1);
  special = g_ptr_array_index (s->episodes, 1);
  g_assert_true (special->special);
  g_assert_cmpint (special->kind, ==, MML_META_EPISODE_SPECIAL);
  g_assert_cmpint (special->season, ==, 1);   /* the season it aired in, not 0 */
  g_assert_cmpint (special->number, ==, -1);
  g_assert_cmpint (((MmlMetaEpisode *) g_ptr_array_index (s->episodes, 2))->kind, ==,
                   MML_META_EPISODE_INSIGNIFICANT_SPECIAL);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 2);
}

static void
test_unaired_episode (void)
{
  g_autofree char *json = mml_test_read_fixture ("tvmaze/shows_180_episodebynumber__season_1__number_13.json");
  g_autoptr(JsonNode) node = mml_test_parse_json (json);
  g_autoptr(MmlMetaEpisode) ep = mml_tvmaze_parse_episode (node);

  g_assert_nonnull (ep);
  g_assert_cmpstr (ep->title, ==, "Trash");
  g_assert_cmpint (ep->season, ==, 1);
  g_assert_cmpint (ep->number, ==, 13);
  g_assert_null (ep->air_date);   /* "" */
  g_assert_null (ep->airstamp);   /* null */
  g_assert_cmpint (ep->runtime, ==, 60);
  g_assert_false (ep->special);
  g_assert_true (g_str_has_prefix (ep->overview, "Saffron returns"));
}

static void
test_lookup (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autoptr(MmlMetaSeries) missing = NULL;

  mml_fake_server_add_response (fx->server, "/lookup/shows", 301, "null", -1,
                                "Location", "/shows/13", "Content-Type", "application/json", NULL);
  mml_test_serve_fixture (fx->server, "/shows/13", 200, "tvmaze/shows_13__embed_seasons.json");
  s = lookup (fx, MML_TVMAZE_LOOKUP_TVDB, "279121", &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpint (s->provider_id, ==, 13);
  g_assert_cmpint (s->tvdb_id, ==, 279121);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/shows/13"), ==, 1);

  /* a miss: 404 with body null */
  mml_fake_server_add_json (fx->server, "/lookup/shows", 404, "null");
  missing = lookup (fx, MML_TVMAZE_LOOKUP_IMDB, "tt0000000", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_updates (Fixture *fx, gconstpointer data)
{
  g_autoptr(GArray) updates = NULL;
  MmlTestOutcome o = { 0 };

  mml_fake_server_add_json (fx->server, "/updates/shows", 200,
                            "{\"1\":1600000000,\"2\":\"x\",\"abc\":5,\"13\":1700000000,\"-4\":1}");
  mml_tvmaze_updates_async (fx->tvmaze, "day", NULL, updates_cb, &o);
  mml_test_outcome_wait (&o);
  g_assert_no_error (o.error);
  updates = o.value;
  g_assert_cmpuint (updates->len, ==, 2);
  g_assert_cmpint (g_array_index (updates, MmlTvmazeUpdate, 0).show_id, ==, 1);
  g_assert_cmpint (g_array_index (updates, MmlTvmazeUpdate, 1).updated, ==, 1700000000);
}

static void
test_hostile_bodies (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  MmlMetaSeries *odd;

  /* truncated JSON → a clear error */
  mml_fake_server_add_json (fx->server, "/search/shows", 200, "[{\"score\":0.9,\"show\":{\"id\":1,\"na");
  results = search (fx, "x", &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (results);
  g_clear_error (&error);

  /* the wrong top-level type */
  mml_fake_server_add_json (fx->server, "/search/shows", 200, "{\"score\":1}");
  results = search (fx, "x", &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* wrong types inside: bad entries skipped, bad fields missing */
  mml_fake_server_add_json (fx->server, "/search/shows", 200,
    "[{\"score\":\"high\",\"show\":{\"id\":\"5\",\"name\":\"String id\"}},"
    " 5, null, \"x\", {\"show\":null}, {\"show\":[1,2]},"
    " {\"score\":true,\"show\":{\"id\":7,\"name\":[\"x\"],\"premiered\":20,\"ended\":\"2020-02-30\","
    "   \"genres\":\"Drama\",\"network\":[],\"webChannel\":{\"name\":7,\"country\":\"US\"},"
    "   \"externals\":{\"thetvdb\":\"81189\",\"imdb\":5},\"image\":\"x\",\"summary\":{\"p\":1},"
    "   \"runtime\":-30,\"updated\":\"soon\",\"status\":17,\"language\":null,"
    "   \"_embedded\":{\"episodes\":{\"a\":1},\"akas\":[1,{\"name\":null},{\"name\":\"Alt\",\"country\":5}]}}},"
    " {\"score\":0.5,\"show\":{\"id\":8.0,\"name\":\"Float id\",\"genres\":[1,\"Comedy\",null,\"\"],"
    "   \"premiered\":\"2010-05-01\",\"network\":{\"name\":\"BBC\",\"country\":{\"code\":[\"GB\"]}}}}]");
  results = search (fx, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  odd = ((MmlMetaCandidate *) g_ptr_array_index (results, 0))->series;
  g_assert_cmpint (odd->provider_id, ==, 7);
  g_assert_cmpstr (odd->title, ==, "TVmaze #7");
  g_assert_cmpint (odd->year, ==, 0);
  g_assert_null (odd->premiered);
  g_assert_null (odd->ended);
  g_assert_cmpuint (g_strv_length (odd->genres), ==, 0);
  g_assert_null (odd->network);
  g_assert_null (odd->country);
  g_assert_cmpint (odd->tvdb_id, ==, 0);
  g_assert_null (odd->imdb_id);
  g_assert_null (odd->image_medium);
  g_assert_null (odd->overview);
  g_assert_cmpint (odd->runtime, ==, 0);
  g_assert_cmpint (odd->status, ==, MML_META_STATUS_UNKNOWN);
  g_assert_null (odd->episodes);
  g_assert_cmpuint (odd->akas->len, ==, 1);
  g_assert_cmpfloat (((MmlMetaCandidate *) g_ptr_array_index (results, 0))->provider_score, ==, 0);
  odd = ((MmlMetaCandidate *) g_ptr_array_index (results, 1))->series;
  g_assert_cmpint (odd->provider_id, ==, 8);
  g_assert_cmpstr (odd->network, ==, "BBC");
  g_assert_null (odd->country);
  g_assert_cmpuint (g_strv_length (odd->genres), ==, 1);
  g_assert_cmpint (odd->year, ==, 2010);

  /* a show page that is not a show */
  mml_fake_server_add_json (fx->server, "/shows/1", 200, "[]");
  s = get_series (fx, 1, MML_TVMAZE_SERIES_FULL, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (s);
  g_clear_error (&error);

  /* body "null" with 200 */
  mml_fake_server_add_json (fx->server, "/shows/2", 200, "null");
  s = get_series (fx, 2, MML_TVMAZE_SERIES_BASIC, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* an empty 200 body */
  mml_fake_server_add_response (fx->server, "/shows/3", 200, "", 0,
                                "Content-Type", "application/json", NULL);
  s = get_series (fx, 3, MML_TVMAZE_SERIES_BASIC, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_clear_error (&error);

  /* episodes of every wrong shape */
  mml_fake_server_add_json (fx->server, "/shows/4", 200,
    "{\"id\":4,\"name\":\"Odd\",\"_embedded\":{\"episodes\":[1,\"x\",null,[],"
    " {\"season\":\"1\",\"number\":null,\"airdate\":\"2020-13-45\",\"airstamp\":\"garbage\",\"runtime\":-5,"
    "  \"name\":\"Bad\\u0000Name\",\"summary\":\"<p>unterminated\"},"
    " {\"season\":2,\"number\":3,\"airdate\":\"2021-02-03\",\"airstamp\":\"2021-02-03T01:00:00+00:00\"}]}}");
  s = get_series (fx, 4, MML_TVMAZE_SERIES_EPISODES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->episodes->len, ==, 2);
  {
    MmlMetaEpisode *bad = g_ptr_array_index (s->episodes, 0);
    MmlMetaEpisode *good = g_ptr_array_index (s->episodes, 1);

    g_assert_cmpint (bad->season, ==, -1);
    g_assert_null (bad->air_date);
    g_assert_null (bad->airstamp);
    g_assert_cmpint (bad->runtime, ==, 0);
    g_assert_cmpstr (bad->overview, ==, "unterminated");
    g_assert_cmpint (good->season, ==, 2);
    g_assert_nonnull (good->airstamp);
  }
  g_clear_pointer (&s, mml_meta_series_unref);

  /* a 500 that stays a 500 → a clear error */
  mml_fake_server_add_json (fx->server, "/shows/5", 500, "{\"name\":\"Internal\"}");
  s = get_series (fx, 5, MML_TVMAZE_SERIES_BASIC, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_clear_error (&error);

  /* a 404 on a show page is NOT_FOUND (not "no match") */
  s = get_series (fx, 6, MML_TVMAZE_SERIES_BASIC, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_parsers_direct (void)
{
  g_autoptr(JsonNode) number = mml_test_parse_json ("5");
  g_autoptr(JsonNode) no_id = mml_test_parse_json ("{\"name\":\"x\"}");
  g_autoptr(JsonNode) neg_id = mml_test_parse_json ("{\"id\":-3}");
  g_autoptr(JsonNode) huge = mml_test_parse_json ("{\"id\":1e300}");
  g_autoptr(GPtrArray) none = mml_tvmaze_parse_search (number);

  g_assert_null (mml_tvmaze_parse_show (NULL));
  g_assert_null (mml_tvmaze_parse_show (number));
  g_assert_null (mml_tvmaze_parse_show (no_id));
  g_assert_null (mml_tvmaze_parse_show (neg_id));
  g_assert_null (mml_tvmaze_parse_show (huge));
  g_assert_null (mml_tvmaze_parse_episode (number));
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpint (mml_tvmaze_show_id_from_url ("http://127.0.0.1:1/shows/13"), ==, 13);
  g_assert_cmpint (mml_tvmaze_show_id_from_url ("https://api.tvmaze.com/shows/82?embed=x"), ==, 82);
  g_assert_cmpint (mml_tvmaze_show_id_from_url ("/shows/"), ==, 0);
  g_assert_cmpint (mml_tvmaze_show_id_from_url ("/shows/12abc"), ==, 0);
  g_assert_cmpint (mml_tvmaze_show_id_from_url ("/shows/99999999999999999999999"), ==, 0);
  g_assert_cmpint (mml_tvmaze_show_id_from_url (NULL), ==, 0);
}

/* --- matching end to end ---------------------------------------------- */

static const char girls_full[] =
  "{\"id\":139,\"name\":\"Girls\",\"premiered\":\"2012-04-15\","
  " \"network\":{\"name\":\"HBO\",\"country\":{\"code\":\"US\"}},"
  " \"externals\":{\"thetvdb\":220411,\"imdb\":\"tt1723816\"},"
  " \"_embedded\":{\"episodes\":["
  "   {\"id\":1,\"season\":1,\"number\":1,\"type\":\"regular\"},"
  "   {\"id\":2,\"season\":1,\"number\":2,\"type\":\"regular\"},"
  "   {\"id\":3,\"season\":2,\"number\":1,\"type\":\"regular\"}],"
  "  \"akas\":[{\"name\":\"Девочки\",\"country\":{\"code\":\"RU\"}}]}}";

static void
test_match_search (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderMatch) accepted = NULL;
  g_autoptr(MmlProviderMatch) multiple = NULL;

  mml_test_serve_fixture (fx->server, "/search/shows", 200, "tvmaze/search_shows__q_girls.json");
  mml_fake_server_add_json (fx->server, "/shows/139", 200, girls_full);

  accepted = match (fx, "Girls (2012)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (accepted->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_nonnull (accepted->series);
  g_assert_cmpint (accepted->series->tvmaze_id, ==, 139);
  g_assert_cmpint (mml_meta_series_count_episodes (accepted->series), ==, 3);
  g_assert_cmpuint (accepted->series->akas->len, ==, 1);
  g_assert_cmpuint (accepted->candidates->len, ==, 10);
  /* at most 2 requests per matched series: search + show with embeds */
  g_assert_cmpuint (accepted->calls, ==, 2);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 2);

  /* no year: two shows named "Girls" → a conflict holding the candidates */
  multiple = match (fx, "Girls", &error);
  g_assert_no_error (error);
  g_assert_cmpint (multiple->decision, ==, MML_MATCH_MULTIPLE);
  g_assert_null (multiple->series);
  g_assert_cmpuint (multiple->candidates->len, ==, 10);
  g_assert_cmpuint (multiple->calls, ==, 2);
}

static void
test_match_aka (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderMatch) m = NULL;

  mml_test_serve_fixture (fx->server, "/search/shows", 200, "tvmaze/search_shows__q_girls.json");
  mml_fake_server_add_json (fx->server, "/shows/139", 200, girls_full);

  /* a Russian folder name: only the AKA on the show page explains it */
  m = match (fx, "Девочки", &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (m->series->tvmaze_id, ==, 139);
  g_assert_cmpuint (m->calls, ==, 2);
}

static void
test_match_ids (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderMatch) by_tvmaze = NULL;
  g_autoptr(MmlProviderMatch) by_tvdb = NULL;

  mml_fake_server_add_json (fx->server, "/shows/139", 200, girls_full);
  by_tvmaze = match (fx, "Whatever Name [tvmazeid-139]", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_tvmaze->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (by_tvmaze->series->tvmaze_id, ==, 139);
  g_assert_cmpuint (by_tvmaze->calls, ==, 1);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 1);

  mml_fake_server_add_response (fx->server, "/lookup/shows", 301, "null", -1,
                                "Location", "/shows/139", NULL);
  by_tvdb = match (fx, "Girls {tvdb-220411}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_tvdb->decision, ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (by_tvdb->series->tvmaze_id, ==, 139);
  g_assert_nonnull (by_tvdb->series->episodes);
  g_assert_cmpuint (by_tvdb->calls, ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/lookup/shows"), ==, 1);
}

static void
test_match_none (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlProviderMatch) m = NULL;
  g_autoptr(MmlProviderMatch) failed = NULL;

  mml_fake_server_add_json (fx->server, "/search/shows", 200, "[]");
  m = match (fx, "Aoeu Htns", &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->decision, ==, MML_MATCH_NONE);
  g_assert_cmpuint (m->candidates->len, ==, 0);
  g_assert_cmpuint (m->calls, ==, 1);

  /* a server failure is an error, not a "no match" */
  mml_fake_server_add_json (fx->server, "/search/shows", 503, "{}");
  failed = match (fx, "Anything", &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_assert_null (failed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);

#define ADD(name, func) \
  g_test_add ("/services/tvmaze/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/services/tvmaze/base-url", test_base_url);
  ADD ("search-girls", test_search_girls);
  ADD ("search-empty", test_search_empty);
  ADD ("singlesearch-404", test_singlesearch_404);
  ADD ("singlesearch-unicode", test_singlesearch_unicode);
  ADD ("show-with-episodes", test_show_with_episodes);
  ADD ("show-specials", test_show_specials);
  g_test_add_func ("/services/tvmaze/unaired-episode", test_unaired_episode);
  ADD ("lookup", test_lookup);
  ADD ("updates", test_updates);
  ADD ("hostile-bodies", test_hostile_bodies);
  g_test_add_func ("/services/tvmaze/parsers", test_parsers_direct);
  ADD ("match-search", test_match_search);
  ADD ("match-aka", test_match_aka);
  ADD ("match-ids", test_match_ids);
  ADD ("match-none", test_match_none);

  return g_test_run ();
}
