/* test-mediaserver.c — the Plex, Jellyfin and Emby client against
 * tests/fakes/fake_mediaserver.py, one fake process a test: Test, series
 * and their ids, episodes over several pages, marking watched and not, a
 * refused token, a failure in the middle of the pages, a reply that is not
 * JSON, signing in, and Plex's PIN and server discovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "mediaserver/mml-media-server.h"
#include "mml-service-test.h"
#include "mml-test-util.h"

#define TOKEN       "fake-token-123"
#define CLIENT_ID   "test-client-0001"
#define ADMIN_ID    "a076a5bfc9034f379f5889bc6dafc77b"
#define MACHINE_ID  "3b7d2c1f0e9a4c5b8d6f0a1b2c3d4e5f6a7b8c9d"
#define TV_VIEW     "a656b907eb3a73532e40e44b968d0225"

/* Two series, eight episodes: one with new ids, one a legacy Plex agent's
 * (and ProviderIds in odd case for Jellyfin/Emby) */
static const char library_json[] =
  "{\"series\":["
  " {\"id\":\"s1\",\"title\":\"Breaking Bad\",\"year\":2008,\"tvdb\":\"81189\",\"tmdb\":\"1396\","
  "  \"imdb\":\"tt0903747\",\"path\":\"/data/tv/Breaking Bad\",\"episodes\":["
  "  {\"id\":\"e1\",\"season\":1,\"episode\":1,\"path\":\"/data/tv/Breaking Bad/Season 01/S01E01.mkv\","
  "   \"tvdb\":\"349232\",\"imdb\":\"tt0959621\",\"watched\":true,\"plays\":2,\"last\":1700000000},"
  "  {\"id\":\"e2\",\"season\":1,\"episode\":2,\"path\":\"/data/tv/Breaking Bad/Season 01/S01E02.mkv\","
  "   \"tvdb\":\"349233\"},"
  "  {\"id\":\"e3\",\"season\":1,\"episode\":3,\"episode_end\":4,"
  "   \"path\":\"/data/tv/Breaking Bad/Season 01/S01E03-E04.mkv\",\"tvdb\":\"349234\"},"
  "  {\"id\":\"e5\",\"season\":1,\"episode\":5,\"tvdb\":\"349236\"},"
  "  {\"id\":\"e6\",\"season\":0,\"episode\":1,\"tvdb\":\"349237\"}]},"
  " {\"id\":\"s2\",\"title\":\"The 100 \\u00e9\",\"year\":2014,\"tvdb\":\"268592\",\"legacy_guid\":true,"
  "  \"provider_ids\":{\"tvdb\":\"268592\",\"IMDB\":\"tt2661044\",\"Zap2It\":\"x\"},\"episodes\":["
  "  {\"id\":\"f1\",\"season\":1,\"episode\":1,\"tvdb\":\"4811\"},"
  "  {\"id\":\"f2\",\"season\":1,\"episode\":2,\"tvdb\":\"4812\"},"
  "  {\"id\":\"f3\",\"season\":2,\"episode\":1,\"tvdb\":\"4813\"}]}]}";

typedef struct
{
  MmlServerKind   kind;
  char           *dir;
  GSubprocess    *fake;
  char           *base;
  SoupSession    *control;
  MmlHttp        *http;
  MmlMediaServer *server;
} Fixture;

/* --- the fake --------------------------------------------------------------- */

static void
fake_start (Fixture    *fx,
            const char *const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                                | G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fakes", "fake_mediaserver.py", NULL);
  g_autofree char *library = g_build_filename (fx->dir, "library.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint port;

  g_file_set_contents (library, library_json, -1, &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) "python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) "--kind");
  g_ptr_array_add (argv, (char *) mml_server_kind_to_string (fx->kind));
  g_ptr_array_add (argv, (char *) "--library");
  g_ptr_array_add (argv, library);
  g_ptr_array_add (argv, (char *) "--token");
  g_ptr_array_add (argv, (char *) TOKEN);
  /* it goes away with this process, even one that aborts */
  g_ptr_array_add (argv, (char *) "--watch-stdin");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);

  fx->fake = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fx->fake));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
  g_assert_cmpuint (port, >, 0);
  fx->base = g_strdup_printf ("http://127.0.0.1:%u", port);
}

/* A request to the fake's control endpoints: the reply parsed */
static JsonNode *
fake_call (Fixture    *fx,
           const char *method,
           const char *path,
           const char *body)
{
  g_autofree char *url = g_strconcat (fx->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (fx->control, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return mml_test_parse_json (text);
}

static void
fake_post (Fixture    *fx,
           const char *path,
           const char *body)
{
  g_autoptr(JsonNode) node = fake_call (fx, "POST", path, body);
}

/* GET /_fake/state */
static JsonObject *
fake_state (Fixture *fx)
{
  g_autoptr(JsonNode) node = fake_call (fx, "GET", "/_fake/state", NULL);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
fake_episode (JsonObject *state,
              const char *id)
{
  JsonObject *episode = json_object_get_object_member (json_object_get_object_member (state, "episodes"), id);

  g_assert_nonnull (episode);
  return episode;
}

static gint64
fake_count (JsonObject *state,
            const char *path)
{
  JsonObject *by_path = json_object_get_object_member (state, "by_path");

  return json_object_has_member (by_path, path) ? json_object_get_int_member (by_path, path) : 0;
}

/* --- the fixture ------------------------------------------------------------ */

static void
fixture_set_up_with (Fixture             *fx,
                     gconstpointer        data,
                     const char *const   *extra)
{
  fx->kind = (MmlServerKind) GPOINTER_TO_INT (data);
  fx->dir = mml_test_make_tmpdir ("mml-mediaserver-XXXXXX");
  fake_start (fx, extra);
  fx->control = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  fx->http = mml_test_http_new ();
  fx->server = mml_media_server_new (fx->http, fx->kind, fx->base, TOKEN, NULL, CLIENT_ID);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fixture_set_up_with (fx, data, NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->server);
  g_clear_object (&fx->http);
  g_clear_object (&fx->control);
  if (fx->fake != NULL)
    {
      g_subprocess_force_exit (fx->fake);
      g_subprocess_wait (fx->fake, NULL, NULL);
      g_clear_object (&fx->fake);
    }
  g_free (fx->base);
  mml_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

/* --- waiting for the client ---------------------------------------------------- */

static void
info_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_media_server_test_finish (MML_MEDIA_SERVER (object), result, &o->error);
  o->done = TRUE;
}

static void
series_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_media_server_list_series_finish (MML_MEDIA_SERVER (object), result, &o->error);
  o->done = TRUE;
}

static void
episodes_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_media_server_list_episodes_finish (MML_MEDIA_SERVER (object), result, &o->error);
  o->done = TRUE;
}

static void
watched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->ok = mml_media_server_set_watched_finish (MML_MEDIA_SERVER (object), result, &o->error);
  o->done = TRUE;
}

typedef struct
{
  MmlTestOutcome outcome;
  char          *user_id;
} SignIn;

static void
sign_in_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  SignIn *s = user_data;

  s->outcome.value = mml_media_server_sign_in_finish (result, &s->user_id, &s->outcome.error);
  s->outcome.done = TRUE;
}

static void
pin_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_plex_pin_create_finish (result, &o->error);
  o->done = TRUE;
}

static void
pin_check_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_plex_pin_check_finish (result, &o->error);
  o->done = TRUE;
}

static void
servers_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_plex_servers_finish (result, &o->error);
  o->done = TRUE;
}

static MmlServerInfo *
run_test (MmlMediaServer  *server,
          GError         **error)
{
  MmlTestOutcome o = { 0 };

  mml_media_server_test_async (server, NULL, info_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static GPtrArray *
list_series (MmlMediaServer  *server,
             GError         **error)
{
  MmlTestOutcome o = { 0 };

  mml_media_server_list_series_async (server, NULL, NULL, series_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static GPtrArray *
list_episodes (MmlMediaServer      *server,
               const char * const  *libraries,
               guint                page_size,
               GError             **error)
{
  MmlTestOutcome o = { 0 };

  mml_media_server_list_episodes_async (server, libraries, page_size, NULL, episodes_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static gboolean
set_watched (MmlMediaServer  *server,
             const char      *id,
             gboolean         watched,
             gint64           at,
             GError         **error)
{
  MmlTestOutcome o = { 0 };

  mml_media_server_set_watched_async (server, id, watched, at, NULL, watched_cb, &o);
  mml_test_outcome_take (&o, error);
  return o.ok;
}

static gpointer
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      /* both records start with their id */
      char **item_id = g_ptr_array_index (items, i);

      if (g_strcmp0 (*item_id, id) == 0)
        return item_id;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
is_plex (Fixture *fx)
{
  return fx->kind == MML_SERVER_KIND_PLEX;
}

static const char *
tv_library (Fixture *fx)
{
  return is_plex (fx) ? "2" : TV_VIEW;
}

/* --- every kind --------------------------------------------------------------- */

static void
test_kinds (void)
{
  MmlServerKind kind = MML_SERVER_KIND_PLEX;

  g_assert_true (mml_server_kind_from_string ("Jellyfin", &kind));
  g_assert_cmpint (kind, ==, MML_SERVER_KIND_JELLYFIN);
  g_assert_cmpstr (mml_server_kind_to_string (MML_SERVER_KIND_EMBY), ==, "emby");
  g_assert_cmpstr (mml_server_kind_get_label (MML_SERVER_KIND_PLEX), ==, "Plex");
  g_assert_false (mml_server_kind_from_string ("kodi", &kind));
  g_assert_false (mml_server_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, MML_SERVER_KIND_JELLYFIN);
}

static void
test_info (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlServerInfo) info = run_test (fx->server, &error);
  MmlServerLibrary *library;

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_nonnull (info->libraries);
  g_assert_cmpuint (info->libraries->len, ==, 1);   /* the movies are left out */
  library = g_ptr_array_index (info->libraries, 0);
  g_assert_cmpstr (library->id, ==, tv_library (fx));
  g_assert_cmpstr (library->title, ==, is_plex (fx) ? "TV Shows" : "Shows");
  g_assert_nonnull (library->locations);
  g_assert_cmpstr (library->locations[0], ==, "/data/tv");
  g_assert_null (library->locations[1]);
  g_assert_false (mml_media_server_dates_lossy (fx->server) != is_plex (fx));

  if (is_plex (fx))
    {
      g_assert_cmpstr (info->server_id, ==, MACHINE_ID);
      g_assert_cmpstr (info->version, ==, "1.40.2.8395-c67dce28e");
      g_assert_cmpstr (info->server_name, ==, "Fake Plex");
      g_assert_cmpstr (info->user_name, ==, "user@example.com");
    }
  else
    {
      g_assert_cmpstr (info->server_id, ==, "713dc3fe952b438fa70ed35e4ef0525a");
      g_assert_cmpstr (info->version, ==, fx->kind == MML_SERVER_KIND_EMBY ? "4.8.8.0" : "10.8.13");
      g_assert_cmpstr (info->server_name, ==, fx->kind == MML_SERVER_KIND_EMBY ? "Fake Emby" : "Fake Jellyfin");
      /* an API key: the first administrator, not the first user */
      g_assert_cmpstr (info->user_id, ==, ADMIN_ID);
      g_assert_cmpstr (info->user_name, ==, "admin");
    }
}

static void
test_series (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  MmlServerSeries *s;

  if (fx->kind == MML_SERVER_KIND_EMBY)
    {
      /* Emby under its /emby prefix, given with a trailing "/" */
      g_autofree char *url = g_strconcat (fx->base, "/emby/", NULL);
      g_autofree char *stored = g_strconcat (fx->base, "/emby", NULL);

      g_clear_object (&fx->server);
      fx->server = mml_media_server_new (fx->http, fx->kind, url, TOKEN, NULL, CLIENT_ID);
      g_assert_cmpstr (mml_media_server_get_url (fx->server), ==, stored);
    }
  series = list_series (fx->server, &error);
  g_assert_no_error (error);
  g_assert_nonnull (series);
  g_assert_cmpuint (series->len, ==, 2);

  s = find_item (series, "s1");
  g_assert_cmpstr (s->title, ==, "Breaking Bad");
  g_assert_cmpint (s->year, ==, 2008);
  g_assert_cmpstr (s->library_id, ==, tv_library (fx));
  g_assert_cmpstr (s->tvdb_id, ==, "81189");
  g_assert_cmpstr (s->tmdb_id, ==, "1396");
  g_assert_cmpstr (s->imdb_id, ==, "tt0903747");
  /* Plex lists leave the folder out */
  g_assert_cmpstr (s->path, ==, is_plex (fx) ? NULL : "/data/tv/Breaking Bad");

  /* Plex: a legacy agent's guid; Jellyfin/Emby: "tvdb" and "IMDB" */
  s = find_item (series, "s2");
  g_assert_cmpstr (s->title, ==, "The 100 \xc3\xa9");
  g_assert_cmpstr (s->tvdb_id, ==, "268592");
  g_assert_null (s->tmdb_id);
  g_assert_cmpstr (s->imdb_id, ==, is_plex (fx) ? NULL : "tt2661044");
}

static void
test_episodes_paged (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(JsonObject) state = NULL;
  const char *items_path = is_plex (fx) ? "/library/sections/2/all" : "/Users/" ADMIN_ID "/Items";
  MmlServerEpisode *e;

  fake_post (fx, "/_fake/reset-counters", "{}");
  episodes = list_episodes (fx->server, NULL, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (episodes);
  g_assert_cmpuint (episodes->len, ==, 8);

  /* 8 episodes, 3 a page: 3 pages, and no empty fourth */
  state = fake_state (fx);
  g_assert_cmpint (fake_count (state, items_path), ==, 3);
  g_assert_cmpint (json_object_get_int_member (state, "requests"), ==,
                   (gint64) mml_media_server_get_requests (fx->server));

  e = find_item (episodes, "e1");
  g_assert_cmpstr (e->series_id, ==, "s1");
  g_assert_cmpint (e->season, ==, 1);
  g_assert_cmpint (e->episode, ==, 1);
  g_assert_cmpint (e->episode_end, ==, 1);
  g_assert_cmpstr (e->tvdb_id, ==, "349232");
  g_assert_cmpstr (e->imdb_id, ==, "tt0959621");
  g_assert_cmpstr (e->path, ==, "/data/tv/Breaking Bad/Season 01/S01E01.mkv");
  g_assert_true (e->watched);
  g_assert_cmpint (e->plays, ==, 2);
  g_assert_cmpint (e->watched_at, ==, 1700000000);

  e = find_item (episodes, "e2");
  g_assert_false (e->watched);
  g_assert_cmpint (e->plays, ==, 0);
  g_assert_cmpint (e->watched_at, ==, 0);

  e = find_item (episodes, "e3");
  g_assert_cmpint (e->episode, ==, 3);
  /* Plex lists a two-episode file under each episode */
  g_assert_cmpint (e->episode_end, ==, is_plex (fx) ? 3 : 4);

  e = find_item (episodes, "e5");
  g_assert_null (e->path);
  e = find_item (episodes, "e6");
  g_assert_cmpint (e->season, ==, 0);

  /* a legacy agent's episode guid is show/season/episode: no episode id */
  e = find_item (episodes, "f3");
  g_assert_cmpstr (e->series_id, ==, "s2");
  g_assert_cmpint (e->season, ==, 2);
  g_assert_cmpstr (e->tvdb_id, ==, is_plex (fx) ? NULL : "4813");

  /* the libraries given: nothing is asked but the pages */
  {
    const char *libraries[] = { tv_library (fx), NULL };
    g_autoptr(GPtrArray) again = NULL;
    g_autoptr(JsonObject) after = NULL;

    fake_post (fx, "/_fake/reset-counters", "{}");
    again = list_episodes (fx->server, libraries, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, 8);
    after = fake_state (fx);
    g_assert_cmpint (json_object_get_int_member (after, "requests"), ==, 2);
  }
}

static void
test_watched (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) state = NULL;
  g_autoptr(JsonObject) unwatched = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  JsonObject *e2;

  g_assert_true (set_watched (fx->server, "e2", TRUE, 1710000000, &error));
  g_assert_no_error (error);
  state = fake_state (fx);
  e2 = fake_episode (state, "e2");
  g_assert_true (json_object_get_boolean_member (e2, "watched"));
  g_assert_cmpint (json_object_get_int_member (e2, "plays"), ==, 1);
  if (is_plex (fx))
    g_assert_cmpint (json_object_get_int_member (e2, "last"), >=, before);  /* the time of the scrobble */
  else
    g_assert_cmpint (json_object_get_int_member (e2, "last"), ==, 1710000000);
  g_assert_cmpint (json_object_get_int_member (state, "writes"), ==, 1);

  /* read back as the client sees it */
  episodes = list_episodes (fx->server, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (((MmlServerEpisode *) find_item (episodes, "e2"))->watched);

  g_assert_true (set_watched (fx->server, "e1", FALSE, 0, &error));
  g_assert_no_error (error);
  unwatched = fake_state (fx);
  g_assert_false (json_object_get_boolean_member (fake_episode (unwatched, "e1"), "watched"));
  g_assert_true (json_object_get_boolean_member (fake_episode (unwatched, "e2"), "watched"));
  g_assert_cmpint (json_object_get_int_member (unwatched, "writes"), ==, 2);

  /* an item the server does not have */
  g_assert_false (set_watched (fx->server, "nope", TRUE, 0, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND);
}

/* The state changed on the server (watched on a TV) is what is read */
static void
test_server_side_change (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  MmlServerEpisode *e;

  fake_post (fx, "/_fake/set", "{\"id\":\"f1\",\"watched\":true,\"last\":1720000000,\"plays\":3}");
  episodes = list_episodes (fx->server, NULL, 4, &error);
  g_assert_no_error (error);
  e = find_item (episodes, "f1");
  g_assert_true (e->watched);
  g_assert_cmpint (e->plays, ==, 3);
  g_assert_cmpint (e->watched_at, ==, 1720000000);
}

static void
test_bad_token (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(MmlMediaServer) server = mml_media_server_new (fx->http, fx->kind, fx->base, "wrong-token",
                                                           NULL, CLIENT_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlServerInfo) info = run_test (server, &error);
  g_autoptr(GPtrArray) episodes = NULL;

  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (info);
  /* never in an error message */
  g_assert_null (strstr (error->message, "wrong-token"));
  g_clear_error (&error);

  episodes = list_episodes (server, NULL, 3, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (episodes);
}

static void
test_fail_mid_paging (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(JsonObject) state = NULL;
  const char *items_path = is_plex (fx) ? "/library/sections/2/all" : "/Users/" ADMIN_ID "/Items";

  /* the second page fails, its retry too */
  fake_post (fx, "/_fake/fail",
             is_plex (fx) ? "{\"status\":500,\"count\":5,\"match\":\"X-Plex-Container-Start=3&\"}"
                          : "{\"status\":500,\"count\":5,\"match\":\"StartIndex=3&\"}");
  episodes = list_episodes (fx->server, NULL, 3, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER);
  g_assert_null (episodes);
  state = fake_state (fx);
  /* the first page, then the others at once: the second twice (one
   * retry) and the third; nothing after the failure */
  g_assert_cmpint (fake_count (state, items_path), ==, 4);
}

static void
test_not_json (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlServerInfo) info = NULL;
  g_autoptr(GPtrArray) series = NULL;

  /* a web page where the server's answer should be */
  fake_post (fx, "/_fake/fail",
             is_plex (fx) ? "{\"status\":200,\"count\":1,\"match\":\"/identity\",\"body\":\"<html><body>Router login</body></html>\"}"
                          : "{\"status\":200,\"count\":1,\"match\":\"/Info/Public\",\"body\":\"<html><body>Router login</body></html>\"}");
  info = run_test (fx->server, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (info);
  g_clear_error (&error);

  /* JSON, but not the shape of a page */
  fake_post (fx, "/_fake/fail",
             is_plex (fx) ? "{\"status\":200,\"count\":1,\"match\":\"/all?\",\"body\":\"{\\\"error\\\":1}\",\"content_type\":\"application/json\"}"
                          : "{\"status\":200,\"count\":1,\"match\":\"/Items?\",\"body\":\"[1,2]\",\"content_type\":\"application/json\"}");
  series = list_series (fx->server, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (series);
}

/* --- Jellyfin and Emby ---------------------------------------------------------- */

static void
test_sign_in (Fixture       *fx,
              gconstpointer  data)
{
  SignIn s = { { 0 }, NULL };
  SignIn wrong = { { 0 }, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(MmlMediaServer) server = NULL;
  g_autoptr(MmlServerInfo) info = NULL;

  mml_media_server_sign_in_async (fx->http, fx->kind, fx->base, "admin", "s3cr\"et, x", CLIENT_ID, NULL,
                                  sign_in_cb, &s);
  token = mml_test_outcome_take (&s.outcome, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpstr (s.user_id, ==, ADMIN_ID);

  /* the user's own token: Test finds that user by itself */
  server = mml_media_server_new (fx->http, fx->kind, fx->base, token, NULL, CLIENT_ID);
  info = run_test (server, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->user_id, ==, ADMIN_ID);
  g_assert_cmpstr (info->user_name, ==, "admin");
  g_free (s.user_id);

  mml_media_server_sign_in_async (fx->http, fx->kind, fx->base, "admin", "wrong", CLIENT_ID, NULL,
                                  sign_in_cb, &wrong);
  g_assert_null (mml_test_outcome_take (&wrong.outcome, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
  g_assert_null (wrong.user_id);
  g_assert_null (strstr (error->message, "wrong"));
}

static void
set_up_odd_password (Fixture       *fx,
                     gconstpointer  data)
{
  const char *extra[] = { "--password", "s3cr\"et, x", NULL };

  fixture_set_up_with (fx, data, extra);
}

/* A user id given: that user, not the administrator */
static void
test_given_user (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(MmlMediaServer) server = mml_media_server_new (fx->http, fx->kind, fx->base, TOKEN,
                                                           "0c1d2e3f40514a5b8c6d7e8f90a1b2c3", CLIENT_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlServerInfo) info = run_test (server, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->user_id, ==, "0c1d2e3f40514a5b8c6d7e8f90a1b2c3");
  g_assert_cmpstr (info->user_name, ==, "kid");
}

/* --- Plex: PIN and servers --------------------------------------------------------- */

/* $MML_PLEXTV_URL is set once, before any thread runs (setenv() is not
 * thread-safe): the plex.tv tests' fake listens on that port. */
static char plextv_port[16];

static void
reserve_plextv_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  g_snprintf (plextv_port, sizeof plextv_port, "%u", port);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_setenv ("MML_PLEXTV_URL", url, TRUE);
}

static void
set_up_plextv (Fixture       *fx,
               gconstpointer  data)
{
  const char *extra[] = { "--port", plextv_port, NULL };

  fixture_set_up_with (fx, data, extra);
}

static char *
check_pin (Fixture  *fx,
           gint64    id,
           GError  **error)
{
  MmlTestOutcome o = { 0 };

  mml_plex_pin_check_async (fx->http, CLIENT_ID, id, NULL, pin_check_cb, &o);
  return mml_test_outcome_take (&o, error);
}

static MmlPlexPin *
create_pin (Fixture *fx)
{
  MmlTestOutcome o = { 0 };
  g_autoptr(GError) error = NULL;
  MmlPlexPin *pin;

  mml_plex_pin_create_async (fx->http, CLIENT_ID, NULL, pin_cb, &o);
  pin = mml_test_outcome_take (&o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pin);
  return pin;
}

static void
test_plex_pin (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(MmlPlexPin) pin = NULL;
  g_autoptr(MmlPlexPin) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpstr (mml_plex_tv_url (), ==, fx->base);
  pin = create_pin (fx);
  g_assert_cmpint (pin->id, >, 0);
  g_assert_nonnull (pin->code);
  g_assert_cmpint (pin->expires_at, >, now + 800);
  g_assert_cmpint (pin->expires_at, <, now + 1000);
  g_assert_true (g_str_has_prefix (pin->auth_url, "https://app.plex.tv/auth#?clientID=" CLIENT_ID "&code="));
  g_assert_nonnull (strstr (pin->auth_url, pin->code));

  /* pending */
  token = check_pin (fx, pin->id, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* linked */
  body = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT "}", pin->id);
  fake_post (fx, "/_fake/link", body);
  token = check_pin (fx, pin->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  /* expired */
  other = create_pin (fx);
  g_assert_cmpint (other->id, !=, pin->id);
  g_free (body);
  body = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT "}", other->id);
  fake_post (fx, "/_fake/expire", body);
  g_clear_pointer (&token, g_free);
  token = check_pin (fx, other->id, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (token);
}

static void
test_plex_servers (Fixture       *fx,
                   gconstpointer  data)
{
  MmlTestOutcome o = { 0 };
  MmlTestOutcome refused = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(JsonObject) state = NULL;
  MmlPlexServer *server;

  mml_plex_servers_async (fx->http, CLIENT_ID, TOKEN, NULL, servers_cb, &o);
  servers = mml_test_outcome_take (&o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (servers);
  /* the player is no server */
  g_assert_cmpuint (servers->len, ==, 1);
  server = g_ptr_array_index (servers, 0);
  g_assert_cmpstr (server->name, ==, "Fake Plex");
  g_assert_cmpstr (server->machine_id, ==, MACHINE_ID);
  g_assert_cmpstr (server->access_token, ==, TOKEN);
  g_assert_true (server->owned);
  /* the local connection, tried before the relay listed first */
  g_assert_cmpstr (server->uri, ==, fx->base);
  state = fake_state (fx);
  g_assert_cmpint (fake_count (state, "/identity"), ==, 1);

  mml_plex_servers_async (fx->http, CLIENT_ID, "wrong", NULL, servers_cb, &refused);
  g_assert_null (mml_test_outcome_take (&refused, &error));
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH);
}

/* --- main ---------------------------------------------------------------------------- */

static void
add (MmlServerKind  kind,
     const char    *name,
     void         (*set_up) (Fixture *, gconstpointer),
     void         (*func) (Fixture *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/services/mediaserver/%s/%s", mml_server_kind_to_string (kind), name);

  g_test_add (path, Fixture, GINT_TO_POINTER (kind), set_up, func, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  const MmlServerKind all[] = { MML_SERVER_KIND_PLEX, MML_SERVER_KIND_JELLYFIN, MML_SERVER_KIND_EMBY };

  g_test_init (&argc, &argv, NULL);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  reserve_plextv_port ();

  g_test_add_func ("/services/mediaserver/kinds", test_kinds);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      add (all[i], "test", fixture_set_up, test_info);
      add (all[i], "series", fixture_set_up, test_series);
      add (all[i], "episodes-paged", fixture_set_up, test_episodes_paged);
      add (all[i], "watched", fixture_set_up, test_watched);
      add (all[i], "server-side-change", fixture_set_up, test_server_side_change);
      add (all[i], "bad-token", fixture_set_up, test_bad_token);
      add (all[i], "fail-mid-paging", fixture_set_up, test_fail_mid_paging);
      add (all[i], "not-json", fixture_set_up, test_not_json);
      if (all[i] != MML_SERVER_KIND_PLEX)
        {
          add (all[i], "sign-in", set_up_odd_password, test_sign_in);
          add (all[i], "given-user", fixture_set_up, test_given_user);
        }
    }
  add (MML_SERVER_KIND_PLEX, "pin", set_up_plextv, test_plex_pin);
  add (MML_SERVER_KIND_PLEX, "servers", set_up_plextv, test_plex_servers);
  return g_test_run ();
}
