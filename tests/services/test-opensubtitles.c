/* test-opensubtitles.c — the OpenSubtitles client against a fake
 * OpenSubtitles built from tests/fixtures/opensubtitles: login and token
 * renewal, the one-a-second login limit, the headers, search by hash and by
 * ids with the fallback to the episode's id, download and its quota, 429s,
 * the redirect for a non-canonical URL, hostile bodies; and the pure side:
 * the URL rule, the parameters, the movie hash, ranking, the automatic pick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mml-fake-server.h"
#include "mml-service-test.h"
#include "mml-test-util.h"
#include "subtitles/mml-opensubtitles.h"

#define KEY      "os-key-9c1e"
#define USER     "python-subliminal-test"
#define PASSWORD "s3cret-pw-77"
#define UA       "MyMediaLibrary v" PACKAGE_VERSION

#define API      "/api/v1"
#define LOGIN    API "/login"
#define SEARCH   API "/subtitles"
#define DOWNLOAD API "/download"
#define INFOS    API "/infos/user"
#define FILE_URL "/dl/file.srt"
#define SRT      "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n"

/* What the fake login and download handlers share with the test. */
typedef struct
{
  GMutex  lock;
  guint   logins;          /* tokens handed out: "token-1", "token-2"… */
  guint   downloads;
  guint   valid_from;      /* tokens below this number are refused with 401 */
  int     remaining;       /* what the next download says; < 0: 406 */
  gint64  reset;           /* reset_time_utc of the download replies (Unix) */
  char   *base;            /* the fake server's URL */
  char   *login_host;      /* the base_url the login answers */
  char   *last_body;       /* the last download request's body */
} Fake;

typedef struct
{
  MmlFakeServer    *server;
  MmlHttp          *http;
  MmlOpenSubtitles *os;
  Fake              fake;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *base = NULL;

  fx->server = mml_fake_server_new ();
  fx->http = mml_test_http_new ();
  base = g_strconcat (mml_fake_server_get_base_url (fx->server), API, NULL);
  fx->os = mml_opensubtitles_new (fx->http, base);
  mml_opensubtitles_set_credentials (fx->os, KEY, USER, PASSWORD);
  g_mutex_init (&fx->fake.lock);
  fx->fake.valid_from = 1;
  fx->fake.remaining = 19;
  fx->fake.reset = 1739491199;   /* the fixture's 2025-02-13T23:59:59.999Z */
  fx->fake.base = g_strdup (mml_fake_server_get_base_url (fx->server));
  fx->fake.login_host = g_strdup ("api.opensubtitles.com");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->os);
  g_clear_object (&fx->http);
  g_clear_pointer (&fx->server, mml_fake_server_free);
  g_free (fx->fake.base);
  g_free (fx->fake.login_host);
  g_free (fx->fake.last_body);
  g_mutex_clear (&fx->fake.lock);
}

/* A new fake server and client (with @user / @password, or anonymous). */
static void
restart (Fixture    *fx,
         const char *user,
         const char *password)
{
  g_autofree char *base = NULL;

  g_clear_object (&fx->os);
  g_clear_pointer (&fx->server, mml_fake_server_free);
  fx->server = mml_fake_server_new ();
  base = g_strconcat (mml_fake_server_get_base_url (fx->server), API, NULL);
  fx->os = mml_opensubtitles_new (fx->http, base);
  mml_opensubtitles_set_credentials (fx->os, KEY, user, password);
  g_free (fx->fake.base);
  fx->fake.base = g_strdup (mml_fake_server_get_base_url (fx->server));
}

/* --- the fake ------------------------------------------------------------ */

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static JsonObject *
request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body->length == 0 || !json_parser_load_from_data (parser, body->data, body->length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
key_ok (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);

  return g_strcmp0 (soup_message_headers_get_one (h, "Api-Key"), KEY) == 0
         && g_strcmp0 (soup_message_headers_get_one (h, "Accept"), "application/json") == 0;
}

/* The client names itself as OpenSubtitles wants ("MyMediaLibrary
 * v<version>"), and that is what goes out: MmlHttp adds its own agent only
 * to a request that names none. */
static void
assert_user_agent (const char *ua)
{
  g_assert_cmpstr (ua, ==, UA);
}

/* The recorded login reply, with a new token and the fake's base_url. */
static void
login_handler (MmlFakeServer     *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fake *fake = user_data;
  g_autoptr(JsonObject) o = request_object (msg);
  g_autofree char *fixture = NULL;
  g_autofree char *token = NULL;
  g_autofree char *host = NULL;
  GString *body;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0 || o == NULL || !key_ok (msg))
    {
      reply_json (msg, 400, "{\"message\":\"bad request\",\"status\":400}");
      return;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "username", ""), USER) != 0
      || g_strcmp0 (json_object_get_string_member_with_default (o, "password", ""), PASSWORD) != 0)
    {
      fixture = mml_test_read_fixture ("opensubtitles/login_post_401_bad_password.json");
      reply_json (msg, 401, fixture);
      return;
    }
  g_mutex_lock (&fake->lock);
  token = g_strdup_printf ("\"token\":\"token-%u\"", ++fake->logins);
  host = g_strdup_printf ("\"base_url\":\"%s\"", fake->login_host);
  g_mutex_unlock (&fake->lock);
  fixture = mml_test_read_fixture ("opensubtitles/login_post.json");
  body = g_string_new (fixture);
  g_assert_cmpuint (g_string_replace (body, "\"token\":\"REDACTED\"", token, 0), ==, 1);
  g_assert_cmpuint (g_string_replace (body, "\"base_url\":\"api.opensubtitles.com\"", host, 0), ==, 1);
  reply_json (msg, 200, body->str);
  g_string_free (body, TRUE);
}

/* Whether the request's bearer token is one the fake still takes. */
static gboolean
token_ok (Fake              *fake,
          SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  guint64 n = 0;
  gboolean ok;

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer token-")
      || !g_ascii_string_to_unsigned (auth + strlen ("Bearer token-"), 10, 1, G_MAXUINT, &n, NULL))
    return FALSE;
  g_mutex_lock (&fake->lock);
  ok = n >= fake->valid_from && n <= fake->logins;
  g_mutex_unlock (&fake->lock);
  return ok;
}

static char *
iso_time (gint64 unix_time)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* The recorded download reply, its link on the fake, the quota counting
 * down from fake->remaining; a 406 with the reset time when it is < 0. */
static void
download_handler (MmlFakeServer     *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fake *fake = user_data;
  g_autoptr(JsonObject) o = request_object (msg);
  g_autofree char *fixture = NULL;
  g_autofree char *reset = NULL;
  g_autofree char *replace = NULL;
  GString *body;
  int remaining;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0 || o == NULL || !key_ok (msg))
    {
      reply_json (msg, 400, "{\"message\":\"bad request\"}");
      return;
    }
  if (!token_ok (fake, msg))
    {
      reply_json (msg, 401, "{\"message\":\"You cannot consume this service\",\"status\":401}");
      return;
    }
  g_mutex_lock (&fake->lock);
  g_free (fake->last_body);
  fake->last_body = g_strndup (soup_server_message_get_request_body (msg)->data,
                               soup_server_message_get_request_body (msg)->length);
  fake->downloads++;
  remaining = fake->remaining;
  if (fake->remaining >= 0)
    fake->remaining--;
  reset = iso_time (fake->reset);
  g_mutex_unlock (&fake->lock);

  if (remaining < 0)
    {
      g_autofree char *refused = g_strdup_printf ("{\"requests\":21,\"remaining\":-1,"
                                                  "\"message\":\"You have downloaded your allowed 20 subtitles for 24h.\","
                                                  "\"reset_time\":\"1 hour\",\"reset_time_utc\":\"%s\"}", reset);
      reply_json (msg, 406, refused);
      return;
    }
  fixture = mml_test_read_fixture ("opensubtitles/download_post.json");
  body = g_string_new (fixture);
  replace = g_strdup_printf ("\"link\":\"%s" FILE_URL "\"", fake->base);
  g_assert_cmpuint (g_string_replace (body, "\"link\":\"https://www.opensubtitles.com/download/REDACTED/subfile/"
                                      "man.of.steel.2013.720p.bluray.x264-felony.www.subsynchro.com.srt\"",
                                      replace, 0), ==, 1);
  g_free (replace);
  replace = g_strdup_printf ("\"remaining\":%d", remaining);
  g_assert_cmpuint (g_string_replace (body, "\"remaining\":19", replace, 0), ==, 1);
  g_free (replace);
  replace = g_strdup_printf ("\"reset_time_utc\":\"%s\"", reset);
  g_assert_cmpuint (g_string_replace (body, "\"reset_time_utc\":\"2025-02-13T23:59:59.999Z\"", replace, 0), ==, 1);
  reply_json (msg, 200, body->str);
  g_string_free (body, TRUE);
}

static void
serve_account (Fixture *fx)
{
  mml_fake_server_add_handler (fx->server, LOGIN, login_handler, &fx->fake);
  mml_fake_server_add_handler (fx->server, DOWNLOAD, download_handler, &fx->fake);
  mml_fake_server_add_response (fx->server, FILE_URL, 200, SRT, -1,
                                "Content-Type", "application/x-subrip", NULL);
}

/* --- the calls, waited for -------------------------------------------------- */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_opensubtitles_search_finish (MML_OPENSUBTITLES (object), result, &o->error);
  o->done = TRUE;
}

static GPtrArray *
search (Fixture                *fx,
        const MmlSubtitleQuery *query,
        GError                **error)
{
  MmlTestOutcome o = { 0 };

  mml_opensubtitles_search_async (fx->os, query, NULL, search_cb, &o);
  return mml_test_outcome_take (&o, error);
}

typedef struct
{
  MmlTestOutcome   o;
  MmlSubtitleQuota quota;
  char            *file_name;
} Download;

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Download *d = user_data;

  d->o.value = mml_opensubtitles_download_finish (MML_OPENSUBTITLES (object), result, &d->quota,
                                                  &d->file_name, &d->o.error);
  d->o.done = TRUE;
}

/* @d: start from { 0 }; free d->file_name */
static GBytes *
download (Fixture  *fx,
          gint64    file_id,
          Download *d,
          GError  **error)
{
  mml_opensubtitles_download_async (fx->os, file_id, NULL, download_cb, d);
  return mml_test_outcome_take (&d->o, error);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MmlTestOutcome *o = user_data;

  o->value = mml_opensubtitles_test_finish (MML_OPENSUBTITLES (object), result, &o->error);
  o->done = TRUE;
}

static MmlSubtitleCandidate *
find (GPtrArray *candidates,
      gint64     subtitle_id)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      MmlSubtitleCandidate *c = g_ptr_array_index (candidates, i);

      if (c->subtitle_id == subtitle_id)
        return c;
    }
  return NULL;
}

static gint64
nth_id (GPtrArray *candidates,
        guint      i)
{
  g_assert_cmpuint (i, <, candidates->len);
  return ((MmlSubtitleCandidate *) g_ptr_array_index (candidates, i))->subtitle_id;
}

/* --- pure: URLs, parameters, the hash ------------------------------------ */

static void
test_api_url (void)
{
  const char *fake = "http://127.0.0.1:4242/api/v1";
  struct { const char *base; gboolean explicit; const char *host; const char *url; } cases[] = {
    /* an explicit base URL stays, whatever the login says */
    { fake, TRUE, NULL, "http://127.0.0.1:4242/api/v1/subtitles" },
    { fake, TRUE, "vip-api.opensubtitles.com", "http://127.0.0.1:4242/api/v1/subtitles" },
    /* the default one follows the login's host, always over https */
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, NULL, "https://api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "vip-api.opensubtitles.com", "https://vip-api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "API.opensubtitles.com", "https://api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "https://vip-api.opensubtitles.com/api/v1/", "https://vip-api.opensubtitles.com/api/v1/subtitles" },
    /* anything else is not trusted with the key and the token */
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "http://vip-api.opensubtitles.com", "https://api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "evil.example.com", "https://api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "opensubtitles.com.evil.example", "https://api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "user@api.opensubtitles.com", "https://api.opensubtitles.com/api/v1/subtitles" },
    { MML_OPENSUBTITLES_DEFAULT_URL, FALSE, "", "https://api.opensubtitles.com/api/v1/subtitles" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = mml_opensubtitles_api_url (cases[i].base, cases[i].explicit, cases[i].host, "/subtitles");

      g_assert_cmpstr (url, ==, cases[i].url);
    }
}

static void
test_params (void)
{
  const char *langs[] = { "pt-BR", "EN", "en", "x", "fr;", NULL };
  MmlSubtitleQuery q = { 0 };
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL, *p6 = NULL;

  q.moviehash = G_GUINT64_CONSTANT (0x5b8f8f4e41ccb21e);
  q.parent_imdb_id = 2193021;
  q.parent_tmdb_id = 1412;
  q.imdb_id = 3128398;
  q.season = 2;
  q.episode = 5;
  q.languages = langs;

  /* sorted by name, languages sorted, lower case, once; IMDb before TMDB */
  p1 = mml_opensubtitles_search_params (&q, FALSE);
  g_assert_cmpstr (p1, ==, "episode_number=5&languages=en,pt-br&moviehash=5b8f8f4e41ccb21e"
                           "&parent_imdb_id=2193021&season_number=2");
  p2 = mml_opensubtitles_search_params (&q, TRUE);
  g_assert_cmpstr (p2, ==, "imdb_id=3128398&languages=en,pt-br&moviehash=5b8f8f4e41ccb21e");

  q.moviehash = 0x1f;   /* zero-padded */
  q.parent_imdb_id = 0;
  q.languages = NULL;
  p3 = mml_opensubtitles_search_params (&q, FALSE);
  g_assert_cmpstr (p3, ==, "episode_number=5&moviehash=000000000000001f&parent_tmdb_id=1412&season_number=2");

  /* a hash alone: no season or episode without a series */
  q.parent_tmdb_id = 0;
  p4 = mml_opensubtitles_search_params (&q, FALSE);
  g_assert_cmpstr (p4, ==, "moviehash=000000000000001f");

  /* nothing to search by */
  q.moviehash = 0;
  g_assert_null (mml_opensubtitles_search_params (&q, FALSE));
  q.imdb_id = 0;
  q.tmdb_id = 77;
  p5 = mml_opensubtitles_search_params (&q, TRUE);
  g_assert_cmpstr (p5, ==, "tmdb_id=77");
  q.tmdb_id = 0;
  g_assert_null (mml_opensubtitles_search_params (&q, TRUE));

  /* the specials' season 0 */
  q.parent_imdb_id = 1;
  q.season = 0;
  q.episode = 3;
  p6 = mml_opensubtitles_search_params (&q, FALSE);
  g_assert_cmpstr (p6, ==, "episode_number=3&parent_imdb_id=1&season_number=0");
}

static GBytes *
pattern (gsize size,
         guint mul,
         guint add,
         int   fill)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = fill >= 0 ? (guint8) fill : (guint8) ((mul * i + add) & 0xff);
  return g_bytes_new_take (data, size);
}

static void
test_hash_vectors (void)
{
  /* the computed vectors of the API notes (sizes below the published
   * files' 12 MB and 4 GB: those files are not in the repository) */
  struct { gsize size; guint mul, add; int fill; const char *hash; } vectors[] = {
    { 131072, 0, 0, 0x00, "0000000000020000" },
    { 131072, 0, 0, 0xff, "000000000001c000" },   /* wraps around 2^64 */
    { 131072, 1, 0, -1, "a0601fdf9f610000" },
    { 200000, 7, 3, -1, "60a0df1f5fa2cd40" },
  };
  g_autoptr(GBytes) small = pattern (131071, 0, 0, 0);
  guint64 hash = 0;

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) bytes = pattern (vectors[i].size, vectors[i].mul, vectors[i].add, vectors[i].fill);
      g_autofree char *text = NULL;

      g_assert_true (mml_opensubtitles_hash_bytes (bytes, &hash));
      text = mml_opensubtitles_hash_to_string (hash);
      g_assert_cmpstr (text, ==, vectors[i].hash);
    }
  /* the reference code refuses files under 128 KiB */
  g_assert_false (mml_opensubtitles_hash_bytes (small, &hash));
}

static void
test_hash_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mml-os-hash-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = pattern (200000, 7, 3, -1);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guint8 *tail = g_malloc (MML_OPENSUBTITLES_HASH_BLOCK);
  guint64 hash = 0, size = 0, expected;
  const guint64 big = G_GUINT64_CONSTANT (4295033890);   /* over 4 GiB, as the published dummy.bin */

  g_assert_no_error (error);
  path = g_build_filename (dir, "episode.mkv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mml_opensubtitles_hash_file (file, &hash, &size, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, 200000);
  g_assert_cmphex (hash, ==, G_GUINT64_CONSTANT (0x60a0df1f5fa2cd40));

  /* a sparse file over 4 GiB: zeros but for its last 64 KiB, which must
   * be read at a 64-bit offset */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < MML_OPENSUBTITLES_HASH_BLOCK; i++)
    tail[i] = (guint8) (i * 13 + 1);
  g_assert_true (g_seekable_seek (G_SEEKABLE (out), (goffset) (big - MML_OPENSUBTITLES_HASH_BLOCK),
                                  G_SEEK_SET, NULL, &error));
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), tail, MML_OPENSUBTITLES_HASH_BLOCK,
                                            NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  expected = big;
  for (gsize i = 0; i < MML_OPENSUBTITLES_HASH_BLOCK; i += 8)
    {
      guint64 word;

      memcpy (&word, tail + i, 8);
      expected += GUINT64_FROM_LE (word);
    }
  g_assert_true (mml_opensubtitles_hash_file (file, &hash, &size, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, ==, big);
  g_assert_cmphex (hash, ==, expected);

  /* too small, and missing */
  g_assert_true (g_file_replace_contents (file, "tiny", 4, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_false (mml_opensubtitles_hash_file (file, &hash, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_false (mml_opensubtitles_hash_file (file, &hash, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* --- pure: ranking and the automatic pick --------------------------------- */

static MmlSubtitleCandidate *
candidate (gint64      id,
           const char *flags,     /* H hearing impaired, F forced, A ai, M machine, T trusted, X hash match */
           gint64      downloads,
           int         season,
           int         episode)
{
  MmlSubtitleCandidate *c = mml_subtitle_candidate_new ();

  c->subtitle_id = id;
  c->file_id = id * 10;
  c->language = g_strdup ("en");
  c->feature_type = g_strdup ("Episode");
  c->hearing_impaired = strchr (flags, 'H') != NULL;
  c->foreign_parts_only = strchr (flags, 'F') != NULL;
  c->ai_translated = strchr (flags, 'A') != NULL;
  c->machine_translated = strchr (flags, 'M') != NULL;
  c->from_trusted = strchr (flags, 'T') != NULL;
  c->moviehash_match = strchr (flags, 'X') != NULL;
  c->download_count = downloads;
  c->season = season;
  c->episode = episode;
  c->parent_imdb_id = 100;
  return c;
}

static GPtrArray *
ranked (const MmlSubtitleQuery *q)
{
  GPtrArray *a = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_candidate_unref);

  g_ptr_array_add (a, candidate (1, "", 500, 2, 5));     /* plain, popular */
  g_ptr_array_add (a, candidate (2, "T", 50, 2, 5));     /* trusted */
  g_ptr_array_add (a, candidate (3, "X", 5, 2, 5));      /* hash match */
  g_ptr_array_add (a, candidate (4, "A", 9000, 2, 5));   /* AI */
  g_ptr_array_add (a, candidate (5, "M", 9000, 2, 5));   /* machine */
  g_ptr_array_add (a, candidate (6, "HT", 8000, 2, 5));  /* hearing impaired */
  g_ptr_array_add (a, candidate (7, "F", 7000, 2, 5));   /* forced */
  g_ptr_array_add (a, candidate (8, "FH", 7000, 2, 5));  /* forced and HI */
  g_ptr_array_add (a, candidate (9, "XT", 9000, 2, 6));  /* another episode */
  g_ptr_array_add (a, candidate (10, "T", 9000, 3, 5));  /* another season */
  g_ptr_array_add (a, candidate (11, "", 10, -1, -1));   /* says nothing of the episode */
  g_ptr_array_add (a, candidate (12, "", 100, 2, 5));
  ((MmlSubtitleCandidate *) g_ptr_array_index (a, 11))->parent_imdb_id = 999;   /* another series */
  mml_opensubtitles_rank (a, q);
  return a;
}

static void
assert_order (GPtrArray *a,
              const gint64 *ids,
              guint      n)
{
  g_assert_cmpuint (a->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (nth_id (a, i), ==, ids[i]);
}

static void
test_rank (void)
{
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, f = NULL;

  q.parent_imdb_id = 100;
  q.season = 2;
  q.episode = 5;

  /* defaults: no AI / machine, other episodes and series out; hash, trusted,
   * downloads; HI after the full ones, forced after everything */
  a = ranked (&q);
  assert_order (a, (const gint64[]) { 3, 2, 1, 11, 6, 7, 8 }, 7);

  /* AI and machine translations when allowed */
  q.prefs.allow_ai_translated = TRUE;
  q.prefs.allow_machine_translated = TRUE;
  b = ranked (&q);
  assert_order (b, (const gint64[]) { 3, 2, 4, 5, 1, 11, 6, 7, 8 }, 9);
  q.prefs.allow_ai_translated = FALSE;
  q.prefs.allow_machine_translated = FALSE;

  /* hearing impaired preferred, only, excluded */
  q.prefs.hearing_impaired = MML_SUBTITLE_HI_PREFER;
  c = ranked (&q);
  assert_order (c, (const gint64[]) { 6, 3, 2, 1, 11, 8, 7 }, 7);
  q.prefs.hearing_impaired = MML_SUBTITLE_HI_ONLY;
  d = ranked (&q);
  assert_order (d, (const gint64[]) { 6, 8 }, 2);
  q.prefs.hearing_impaired = MML_SUBTITLE_HI_EXCLUDE;
  e = ranked (&q);
  assert_order (e, (const gint64[]) { 3, 2, 1, 11, 7 }, 5);

  /* forced only: not HI ones */
  q.prefs.hearing_impaired = MML_SUBTITLE_HI_AVOID;
  q.prefs.foreign_parts_only = TRUE;
  f = ranked (&q);
  assert_order (f, (const gint64[]) { 7 }, 1);
}

/* the subtitle id of the automatic pick, 0 for none */
static gint64
picked (GPtrArray              *candidates,
        const MmlSubtitleQuery *q,
        const char             *language)
{
  MmlSubtitleCandidate *c = mml_opensubtitles_pick_automatic (candidates, q, language);

  return c != NULL ? c->subtitle_id : 0;
}

static void
test_pick_automatic (void)
{
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_candidate_unref);
  MmlSubtitleCandidate *fr;

  q.moviehash = 0x1234;
  q.parent_imdb_id = 100;
  q.season = 2;
  q.episode = 5;

  /* a hash match */
  g_ptr_array_add (a, candidate (1, "", 500, 2, 5));
  g_ptr_array_add (a, candidate (3, "X", 5, 2, 5));
  mml_opensubtitles_rank (a, &q);
  g_assert_cmpint (picked (a, &q, NULL), ==, 3);
  g_assert_cmpint (picked (a, &q, "EN"), ==, 3);
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, "fr"));

  /* not without a hash sent */
  q.moviehash = 0;
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, NULL));

  /* a trusted exact episode */
  g_ptr_array_add (a, candidate (2, "T", 50, 2, 5));
  mml_opensubtitles_rank (a, &q);
  g_assert_cmpint (nth_id (a, 0), ==, 3);
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, NULL));   /* the best: a "match" of no hash sent */
  q.moviehash = 0x1234;
  g_assert_cmpint (picked (a, &q, NULL), ==, 3);
  g_ptr_array_remove_index (a, 0);
  g_assert_cmpint (picked (a, &q, NULL), ==, 2);

  /* trusted but not naming the episode: not exact */
  g_ptr_array_set_size (a, 0);
  g_ptr_array_add (a, candidate (4, "T", 50, -1, -1));
  g_ptr_array_add (a, candidate (5, "", 5000, 2, 5));
  mml_opensubtitles_rank (a, &q);
  g_assert_cmpint (nth_id (a, 0), ==, 4);
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, NULL));

  /* the best in a language decides for that language */
  fr = candidate (6, "T", 1, 2, 5);
  g_free (fr->language);
  fr->language = g_strdup ("fr");
  g_ptr_array_add (a, fr);
  mml_opensubtitles_rank (a, &q);
  g_assert_cmpint (picked (a, &q, "fr"), ==, 6);
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, "en"));

  /* hearing impaired or forced only when the prefs want them */
  g_ptr_array_set_size (a, 0);
  g_ptr_array_add (a, candidate (7, "HTX", 50, 2, 5));
  mml_opensubtitles_rank (a, &q);
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, NULL));
  q.prefs.hearing_impaired = MML_SUBTITLE_HI_PREFER;
  g_assert_cmpint (picked (a, &q, NULL), ==, 7);
  q.prefs.hearing_impaired = MML_SUBTITLE_HI_AVOID;
  g_ptr_array_set_size (a, 0);
  g_ptr_array_add (a, candidate (8, "FTX", 50, 2, 5));
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, NULL));
  q.prefs.foreign_parts_only = TRUE;
  g_assert_cmpint (picked (a, &q, NULL), ==, 8);

  /* nothing */
  g_ptr_array_set_size (a, 0);
  g_assert_null (mml_opensubtitles_pick_automatic (a, &q, NULL));
}

/* --- search ---------------------------------------------------------------- */

static void
test_search_hash (Fixture       *fx,
                  gconstpointer  data)
{
  MmlTestRecorder rec = { 0 };
  const char *langs[] = { "en", NULL };
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) episode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL, *key = NULL, *ua = NULL, *accept = NULL;
  MmlSubtitleCandidate *c;

  rec.body = mml_test_read_fixture ("opensubtitles/subtitles__moviehash__lang_en.json");
  mml_fake_server_add_handler (fx->server, SEARCH, mml_test_record_handler, &rec);
  mml_fake_server_add_handler (fx->server, LOGIN, login_handler, &fx->fake);

  /* by the hash alone: every result, ranked */
  q.moviehash = G_GUINT64_CONSTANT (0x5b8f8f4e41ccb21e);
  q.languages = langs;
  all = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rec.raw_query, ==, "languages=en&moviehash=5b8f8f4e41ccb21e");
  g_assert_cmpuint (all->len, ==, 12);
  /* hash matches all: trusted by downloads, the others by downloads, then HI */
  g_assert_cmpint (nth_id (all, 0), ==, 876180);
  g_assert_cmpint (nth_id (all, 1), ==, 3178800);
  g_assert_cmpint (nth_id (all, 2), ==, 872093);
  g_assert_cmpint (nth_id (all, 9), ==, 876365);
  g_assert_cmpint (nth_id (all, 10), ==, 871951);
  g_assert_cmpint (nth_id (all, 11), ==, 873226);

  /* every field the fixture carries */
  c = find (all, 3178800);
  g_assert_nonnull (c);
  g_assert_cmpint (c->file_id, ==, 3249003);
  g_assert_cmpstr (c->language, ==, "en");
  g_assert_cmpstr (c->release, ==, "Arrow.S02E05.HDTV.x264-LOL");
  g_assert_cmpstr (c->file_name, ==, "Arrow.S02E05.HDTV.x264-LOL");
  g_assert_cmpstr (c->uploader, ==, "elderman");
  g_assert_cmpstr (c->uploader_rank, ==, "translator");
  g_assert_true (c->from_trusted);
  g_assert_true (c->moviehash_match);
  g_assert_false (c->hearing_impaired || c->foreign_parts_only || c->ai_translated || c->machine_translated);
  g_assert_cmpint (c->download_count, ==, 212472);
  g_assert_cmpfloat (c->ratings, ==, 10.0);
  g_assert_cmpuint (c->n_files, ==, 1);
  g_assert_cmpstr (c->feature_type, ==, "Episode");
  g_assert_cmpstr (c->title, ==, "League of Assassins");
  g_assert_cmpstr (c->parent_title, ==, "Arrow");
  g_assert_cmpint (c->season, ==, 2);
  g_assert_cmpint (c->episode, ==, 5);
  g_assert_cmpint (c->imdb_id, ==, 3128398);
  g_assert_cmpint (c->tmdb_id, ==, 64139);
  g_assert_cmpint (c->parent_imdb_id, ==, 2193021);
  g_assert_cmpint (c->parent_tmdb_id, ==, 1412);
  g_assert_cmpint (c->year, ==, 2013);
  c = find (all, 876365);
  g_assert_true (c->hearing_impaired);
  g_assert_cmpint (c->season, ==, -1);

  /* by the hash and the series' episode: the movies drop out */
  q.parent_imdb_id = 2193021;
  q.season = 2;
  q.episode = 5;
  episode = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rec.raw_query, ==, "episode_number=5&languages=en&moviehash=5b8f8f4e41ccb21e"
                                      "&parent_imdb_id=2193021&season_number=2");
  g_assert_cmpuint (episode->len, ==, 1);
  g_assert_cmpint (mml_opensubtitles_pick_automatic (episode, &q, "en")->file_id, ==, 3249003);

  /* a search needs no login; every request carries the key and the agent */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, SEARCH), ==, 2);
  key = mml_fake_server_get_last_header (fx->server, SEARCH, "Api-Key");
  ua = mml_fake_server_get_last_header (fx->server, SEARCH, "User-Agent");
  accept = mml_fake_server_get_last_header (fx->server, SEARCH, "Accept");
  auth = mml_fake_server_get_last_header (fx->server, SEARCH, "Authorization");
  g_assert_cmpstr (key, ==, KEY);
  assert_user_agent (ua);
  g_assert_cmpstr (accept, ==, "application/json");
  g_assert_null (auth);
  mml_test_recorder_clear (&rec);
}

/* No results for the series' episode, then the episode's own id. */
static void
fallback_handler (MmlFakeServer     *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *body = NULL;

  if (g_strcmp0 (raw, "episode_number=3&languages=fr&parent_imdb_id=1723760&season_number=1") == 0)
    body = mml_test_read_fixture ("opensubtitles/subtitles__imdb_id__season_episode__no_results.json");
  else if (g_strcmp0 (raw, "imdb_id=2205526&languages=fr") == 0)
    body = mml_test_read_fixture ("opensubtitles/subtitles__query_dallas__season_1__episode_3__lang_fr.json");
  else
    body = g_strdup ("{\"message\":\"unexpected query\"}");
  reply_json (msg, body[0] == '{' && strstr (body, "unexpected") == NULL ? 200 : 400, body);
}

static void
test_search_fallback (Fixture       *fx,
                      gconstpointer  data)
{
  const char *langs[] = { "FR", NULL };
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  mml_fake_server_add_handler (fx->server, SEARCH, fallback_handler, NULL);
  q.parent_imdb_id = 1723760;   /* Dallas (2012) */
  q.season = 1;
  q.episode = 3;
  q.languages = langs;

  /* without the episode's id: nothing, after one request */
  none = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, SEARCH), ==, 1);

  /* with it: a second request, and only that episode's subtitles are kept */
  q.imdb_id = 2205526;
  found = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, SEARCH), ==, 3);
  g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, SEARCH, 400), ==, 0);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (nth_id (found, 0), ==, 3829531);
  g_assert_cmpstr (((MmlSubtitleCandidate *) found->pdata[0])->language, ==, "fr");
  g_assert_null (mml_opensubtitles_pick_automatic (found, &q, "fr"));   /* os-auto is not trusted */
}

static void
test_search_ids (Fixture       *fx,
                 gconstpointer  data)
{
  const char *langs[] = { "hu", NULL };
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  mml_test_serve_fixture (fx->server, SEARCH, 200,
                          "opensubtitles/subtitles__query_agents_of_shield__season_2__episode_6__lang_hu.json");
  q.parent_tmdb_id = 1403;
  q.season = 2;
  q.episode = 6;
  q.languages = langs;
  found = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpint (nth_id (found, 0), ==, 2492310);
  g_assert_cmpint (nth_id (found, 1), ==, 2491535);
  g_assert_cmpint (nth_id (found, 2), ==, 2493688);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, SEARCH), ==, 1);
}

/* A URL the server finds non-canonical is redirected (the recorded 301 has
 * an empty body): followed, same host, same headers. */
static void
test_search_redirect (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *empty = mml_test_read_fixture ("opensubtitles/subtitles__301_redirect_page_param.json");
  const char *langs[] = { "hu", NULL };
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_cmpstr (empty, ==, "");
  mml_fake_server_add_response (fx->server, SEARCH, 301, empty, 0,
                                "Location", API "/subtitles?episode_number=6&languages=hu&parent_tmdb_id=1403&season_number=2",
                                NULL);
  mml_test_serve_fixture (fx->server, SEARCH, 200,
                          "opensubtitles/subtitles__query_agents_of_shield__season_2__episode_6__lang_hu.json");
  q.parent_tmdb_id = 1403;
  q.season = 2;
  q.episode = 6;
  q.languages = langs;
  found = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, SEARCH), ==, 2);
  key = mml_fake_server_get_last_header (fx->server, SEARCH, "Api-Key");
  g_assert_cmpstr (key, ==, KEY);
}

static void
assert_search_error (Fixture    *fx,
                     int         code,
                     const char *words)
{
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GError) error = NULL;

  q.moviehash = 42;
  g_assert_null (search (fx, &q, &error));
  g_assert_error (error, MML_OPENSUBTITLES_ERROR, code);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  g_assert_null (strstr (error->message, KEY));
}

static void
test_search_hostile (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *fixture = mml_test_read_fixture ("opensubtitles/subtitles__moviehash__lang_en.json");
  g_autofree char *bad_hash = mml_test_read_fixture ("opensubtitles/subtitles__400_bad_moviehash.json");
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;

  /* truncated */
  mml_fake_server_add_response (fx->server, SEARCH, 200, fixture, 700, "Content-Type", "application/json", NULL);
  /* not an object; data of the wrong type */
  mml_fake_server_add_json (fx->server, SEARCH, 200, "[1,2,3]");
  mml_fake_server_add_json (fx->server, SEARCH, 200, "{\"data\":{\"id\":1}}");
  mml_fake_server_add_json (fx->server, SEARCH, 200, "{\"total_count\":3}");
  /* the recorded 400 for a bad hash: empty body, the reason in a header */
  mml_fake_server_add_response (fx->server, SEARCH, 400, bad_hash, 0,
                                "X-Reason", "Request parameters does not make sense, moviehash is wrong", NULL);
  /* entries of the wrong types: skipped, not a crash */
  mml_fake_server_add_json (fx->server, SEARCH, 200,
                            "{\"data\":[1,null,{\"attributes\":5},{\"attributes\":{\"files\":\"x\"}},"
                            "{\"attributes\":{\"files\":[{\"file_id\":\"abc\"}]}},"
                            "{\"attributes\":{\"files\":[{\"file_id\":7}],\"language\":12,\"hearing_impaired\":\"yes\","
                            "\"download_count\":\"many\",\"feature_details\":[],\"uploader\":\"me\"}}]}");

  assert_search_error (fx, MML_OPENSUBTITLES_ERROR_MALFORMED, "not JSON");
  assert_search_error (fx, MML_OPENSUBTITLES_ERROR_MALFORMED, "not a JSON object");
  assert_search_error (fx, MML_OPENSUBTITLES_ERROR_MALFORMED, "without a list");
  assert_search_error (fx, MML_OPENSUBTITLES_ERROR_MALFORMED, "without a list");
  assert_search_error (fx, MML_OPENSUBTITLES_ERROR_REFUSED, "moviehash is wrong");

  q.moviehash = 42;
  skipped = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpint (((MmlSubtitleCandidate *) skipped->pdata[0])->file_id, ==, 7);
  g_assert_null (((MmlSubtitleCandidate *) skipped->pdata[0])->language);
  g_assert_false (((MmlSubtitleCandidate *) skipped->pdata[0])->hearing_impaired);
  g_assert_null (((MmlSubtitleCandidate *) skipped->pdata[0])->uploader);
}

/* 429 on a GET is MmlHttp's to retry, with the server's Retry-After. */
static void
test_search_429 (Fixture       *fx,
                 gconstpointer  data)
{
  MmlSubtitleQuery q = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  MmlSubtitleQuota quota;

  mml_http_set_retry_policy (fx->http, 1, 10, 2000);
  mml_fake_server_add_response (fx->server, SEARCH, 429, "{\"message\":\"Throttle limit reached\"}", -1,
                                "Retry-After", "1", NULL);
  mml_test_serve_fixture (fx->server, SEARCH, 200, "opensubtitles/subtitles__moviehash__lang_en.json");
  q.moviehash = 42;
  found = search (fx, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 12);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, SEARCH), ==, 2);

  /* beyond what the policy waits for: an error that says how long */
  restart (fx, NULL, NULL);
  mml_fake_server_add_response (fx->server, SEARCH, 429, "{\"message\":\"Throttle limit reached\"}", -1,
                                "Retry-After", "120", NULL);
  assert_search_error (fx, MML_OPENSUBTITLES_ERROR_RATE_LIMITED, "120 seconds");
  g_assert_true (mml_opensubtitles_get_quota (fx->os, &quota));
  g_assert_cmpuint (quota.retry_after, ==, 120);
  g_assert_cmpint (quota.remaining, ==, -1);
}

/* --- login and download ------------------------------------------------------ */

static void
assert_bytes (GBytes     *bytes,
              const char *text)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, strlen (text));
}

static void
test_download (Fixture       *fx,
               gconstpointer  data)
{
  Download d = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL, *key = NULL, *ua = NULL, *file_key = NULL, *file_auth = NULL;
  MmlSubtitleQuota quota;

  serve_account (fx);
  g_assert_false (mml_opensubtitles_get_quota (fx->os, &quota));
  bytes = download (fx, 3249003, &d, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, SRT);
  g_assert_cmpstr (d.file_name, ==, "man.of.steel.2013.720p.bluray.x264-felony.www.subsynchro.com.srt");
  g_assert_cmpint (d.quota.remaining, ==, 19);
  g_assert_cmpint (d.quota.requests, ==, 1);
  g_assert_cmpint (d.quota.reset_time_utc, ==, 1739491199);
  g_assert_true (mml_opensubtitles_get_quota (fx->os, &quota));
  g_assert_cmpint (quota.remaining, ==, 19);
  g_assert_cmpstr (fx->fake.last_body, ==, "{\"file_id\":3249003}");

  /* three requests for one subtitle: login, download, the file */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, FILE_URL), ==, 1);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 3);

  /* the login's base_url is a real host: the explicit URL stayed */
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 3);
  key = mml_fake_server_get_last_header (fx->server, DOWNLOAD, "Api-Key");
  ua = mml_fake_server_get_last_header (fx->server, DOWNLOAD, "User-Agent");
  auth = mml_fake_server_get_last_header (fx->server, DOWNLOAD, "Authorization");
  g_assert_cmpstr (key, ==, KEY);
  assert_user_agent (ua);
  g_assert_cmpstr (auth, ==, "Bearer token-1");
  /* the link gets neither the key nor the token */
  file_key = mml_fake_server_get_last_header (fx->server, FILE_URL, "Api-Key");
  file_auth = mml_fake_server_get_last_header (fx->server, FILE_URL, "Authorization");
  g_assert_null (file_key);
  g_assert_null (file_auth);
  g_free (d.file_name);

  /* the next download: the token is kept, two requests */
  memset (&d, 0, sizeof d);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = download (fx, 3249003, &d, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d.quota.remaining, ==, 18);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 1);
  g_assert_cmpuint (mml_http_get_requests_sent (fx->http), ==, 5);
  g_free (d.file_name);
}

static void
test_download_quota (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 reset = g_get_real_time () / G_USEC_PER_SEC + 3600;
  MmlSubtitleQuota quota;

  serve_account (fx);
  fx->fake.remaining = 1;
  fx->fake.reset = reset;

  /* 1, then 0 left, then (another app used one) a 406 */
  for (int left = 1; left >= 0; left--)
    {
      Download d = { 0 };
      g_autoptr(GBytes) bytes = download (fx, 1, &d, &error);

      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_assert_cmpint (d.quota.remaining, ==, left);
      g_assert_cmpint (d.quota.reset_time_utc, ==, reset);
      g_free (d.file_name);
      if (left == 1)
        continue;
      /* none left until the reset: the next one is not even asked for; the
       * server here would have answered, to show it was not asked */
      fx->fake.remaining = 5;
      memset (&d, 0, sizeof d);
      g_assert_null (download (fx, 1, &d, &error));
      g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA);
      g_assert_cmpint (d.quota.remaining, ==, 0);
      g_assert_cmpint (d.quota.reset_time_utc, ==, reset);
      g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 2);
      g_clear_error (&error);
    }

  /* a client that does not know: the server's 406, with its reset time */
  g_clear_object (&fx->os);
  {
    g_autofree char *base = g_strconcat (mml_fake_server_get_base_url (fx->server), API, NULL);

    fx->os = mml_opensubtitles_new (fx->http, base);   /* same server, a client that knows nothing */
    mml_opensubtitles_set_credentials (fx->os, KEY, USER, PASSWORD);
  }
  fx->fake.remaining = -1;
  for (guint i = 0; i < 2; i++)
    {
      Download d = { 0 };
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (reset);
      g_autofree char *text = g_date_time_format (when, "%Y-%m-%d %H:%M UTC");

      g_assert_null (download (fx, 1, &d, &error));
      g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA);
      g_assert_nonnull (strstr (error->message, text));
      g_assert_cmpint (d.quota.remaining, ==, 0);
      g_assert_cmpint (d.quota.requests, ==, 21);
      g_assert_cmpint (d.quota.reset_time_utc, ==, reset);
      g_clear_error (&error);
      /* never retried: one 406, and the second call sends nothing */
      g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, DOWNLOAD, 406), ==, 1);
    }
  g_assert_true (mml_opensubtitles_get_quota (fx->os, &quota));
  g_assert_cmpint (quota.remaining, ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, FILE_URL), ==, 2);
}

/* The token is refused once: one more login, a second after the first,
 * and the download is sent once more. */
static void
test_relogin_after_401 (Fixture       *fx,
                        gconstpointer  data)
{
  Download d = { 0 };
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  g_autofree char *auth = NULL;

  serve_account (fx);
  first = download (fx, 5, &d, &error);
  g_assert_no_error (error);
  g_free (d.file_name);
  memset (&d, 0, sizeof d);

  /* token-1 expires */
  g_mutex_lock (&fx->fake.lock);
  fx->fake.valid_from = 2;
  g_mutex_unlock (&fx->fake.lock);
  bytes = download (fx, 5, &d, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, SRT);
  g_free (d.file_name);

  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 3);
  g_assert_cmpuint (mml_fake_server_get_status_count (fx->server, DOWNLOAD, 401), ==, 1);
  auth = mml_fake_server_get_last_header (fx->server, DOWNLOAD, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer token-2");
  /* at most one login a second, by the server's clock */
  times = mml_fake_server_get_times (fx->server, LOGIN);
  g_assert_cmpuint (times->len, ==, 2);
  g_assert_cmpint (g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0), >=, G_USEC_PER_SEC - 1000);
}

/* A token refused even after a fresh login: an error, after exactly one
 * more login. */
static void
test_relogin_once (Fixture       *fx,
                   gconstpointer  data)
{
  Download d = { 0 };
  g_autoptr(GError) error = NULL;

  serve_account (fx);
  fx->fake.valid_from = 1000;
  g_assert_null (download (fx, 5, &d, &error));
  g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH);
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, FILE_URL), ==, 0);
}

static void
test_concurrent_login (Fixture       *fx,
                       gconstpointer  data)
{
  Download d[4] = { 0 };

  serve_account (fx);
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    mml_opensubtitles_download_async (fx->os, i + 1, NULL, download_cb, &d[i]);
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = mml_test_outcome_take (&d[i].o, &error);

      g_assert_no_error (error);
      assert_bytes (bytes, SRT);
      g_free (d[i].file_name);
    }
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 4);
}

static void
test_bad_password (Fixture       *fx,
                   gconstpointer  data)
{
  Download d = { 0 };
  g_autoptr(GError) error = NULL;

  serve_account (fx);
  mml_opensubtitles_set_credentials (fx->os, KEY, USER, "wrong-password");
  g_assert_null (download (fx, 5, &d, &error));
  g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH);
  g_assert_null (strstr (error->message, "wrong-password"));
  g_assert_null (strstr (error->message, KEY));
  /* a refused login is not tried again, and nothing is downloaded */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 0);
}

static void
test_no_credentials (Fixture       *fx,
                     gconstpointer  data)
{
  Download d = { 0 };
  MmlTestOutcome o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *reply = NULL;

  serve_account (fx);
  mml_opensubtitles_set_credentials (fx->os, NULL, USER, PASSWORD);
  g_assert_null (download (fx, 5, &d, &error));
  g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 0);
  g_clear_error (&error);

  /* a key alone: anonymous, no login, no token */
  restart (fx, NULL, NULL);
  reply = g_strdup_printf ("{\"link\":\"%s" FILE_URL "\",\"file_name\":\"a.srt\",\"remaining\":4,"
                           "\"requests\":1,\"reset_time_utc\":\"bogus\"}",
                           mml_fake_server_get_base_url (fx->server));
  mml_fake_server_add_json (fx->server, DOWNLOAD, 200, reply);
  mml_fake_server_add_response (fx->server, FILE_URL, 200, SRT, -1, NULL, NULL);
  memset (&d, 0, sizeof d);
  bytes = download (fx, 5, &d, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, SRT);
  g_assert_cmpint (d.quota.remaining, ==, 4);
  g_assert_cmpint (d.quota.reset_time_utc, ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 0);
  auth = mml_fake_server_get_last_header (fx->server, DOWNLOAD, "Authorization");
  g_assert_null (auth);
  g_free (d.file_name);

  /* the account test needs a user */
  mml_opensubtitles_test_async (fx->os, NULL, account_cb, &o);
  g_assert_null (mml_test_outcome_take (&o, &error));
  g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS);
}

/* 429 on the download POST: it was not counted; sent once more when the
 * wait is short, else an error that says how long. */
static void
test_download_429 (Fixture       *fx,
                   gconstpointer  data)
{
  Download d = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  mml_fake_server_add_handler (fx->server, LOGIN, login_handler, &fx->fake);
  mml_fake_server_add_response (fx->server, DOWNLOAD, 429, "{\"message\":\"Throttle limit reached\"}", -1,
                                "Content-Type", "application/json", "Retry-After", "1", NULL);
  mml_fake_server_add_handler (fx->server, DOWNLOAD, download_handler, &fx->fake);
  mml_fake_server_add_response (fx->server, FILE_URL, 200, SRT, -1, NULL, NULL);
  bytes = download (fx, 5, &d, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, SRT);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 2);
  g_free (d.file_name);

  /* a long wait */
  restart (fx, NULL, NULL);
  mml_fake_server_add_response (fx->server, DOWNLOAD, 429, "{\"message\":\"Throttle limit reached\"}", -1,
                                "Content-Type", "application/json", "Retry-After", "90", NULL);
  memset (&d, 0, sizeof d);
  g_assert_null (download (fx, 5, &d, &error));
  g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "90 seconds"));
  g_assert_cmpuint (d.quota.retry_after, ==, 90);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 1);
}

static void
test_download_hostile (Fixture       *fx,
                       gconstpointer  data)
{
  const char *replies[] = {
    "{\"link\":5,\"remaining\":3}",                        /* wrong type */
    "{\"link\":\"ftp://example.com/x.srt\"}",              /* not http(s) */
    "{\"link\":\"/relative.srt\"}",                        /* not absolute */
    "[\"link\"]",                                          /* not an object */
    "{\"link\":\"http://127.0.0.1:1/x\",\"remai",          /* truncated */
  };

  mml_fake_server_add_handler (fx->server, LOGIN, login_handler, &fx->fake);
  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    mml_fake_server_add_json (fx->server, DOWNLOAD, 200, replies[i]);
  mml_fake_server_add_json (fx->server, DOWNLOAD, 200, "{\"link\":\"http://127.0.0.1:1/never\"}");
  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      Download d = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_null (download (fx, 5, &d, &error));
      g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED);
    }
  /* a login reply without a usable token */
  restart (fx, USER, PASSWORD);
  {
    Download d = { 0 };
    g_autoptr(GError) error = NULL;

    mml_fake_server_add_json (fx->server, LOGIN, 200, "{\"token\":123,\"base_url\":[]}");
    g_assert_null (download (fx, 5, &d, &error));
    g_assert_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED);
    g_assert_cmpuint (mml_fake_server_get_count (fx->server, DOWNLOAD), ==, 0);
  }
}

static void
test_account (Fixture       *fx,
              gconstpointer  data)
{
  MmlTestOutcome o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSubtitleAccount) account = NULL;
  g_autofree char *auth = NULL;
  MmlSubtitleQuota quota;

  mml_fake_server_add_handler (fx->server, LOGIN, login_handler, &fx->fake);
  mml_test_serve_fixture (fx->server, INFOS, 200, "opensubtitles/infos_user.json");
  mml_opensubtitles_test_async (fx->os, NULL, account_cb, &o);
  account = mml_test_outcome_take (&o, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->username, ==, "python-subliminal-test");
  g_assert_cmpstr (account->level, ==, "Sub leecher");
  g_assert_false (account->vip);
  g_assert_cmpint (account->allowed_downloads, ==, 20);
  g_assert_cmpint (account->remaining_downloads, ==, 20);
  g_assert_cmpint (account->downloads_count, ==, 0);
  g_assert_true (mml_opensubtitles_get_quota (fx->os, &quota));
  g_assert_cmpint (quota.remaining, ==, 20);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, LOGIN), ==, 1);
  auth = mml_fake_server_get_last_header (fx->server, INFOS, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer token-1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);

#define ADD(name, func) \
  g_test_add ("/services/opensubtitles/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/services/opensubtitles/api-url", test_api_url);
  g_test_add_func ("/services/opensubtitles/params", test_params);
  g_test_add_func ("/services/opensubtitles/hash-vectors", test_hash_vectors);
  g_test_add_func ("/services/opensubtitles/hash-file", test_hash_file);
  g_test_add_func ("/services/opensubtitles/rank", test_rank);
  g_test_add_func ("/services/opensubtitles/pick-automatic", test_pick_automatic);
  ADD ("search-hash", test_search_hash);
  ADD ("search-fallback", test_search_fallback);
  ADD ("search-ids", test_search_ids);
  ADD ("search-redirect", test_search_redirect);
  ADD ("search-hostile", test_search_hostile);
  ADD ("search-429", test_search_429);
  ADD ("download", test_download);
  ADD ("download-quota", test_download_quota);
  ADD ("download-429", test_download_429);
  ADD ("download-hostile", test_download_hostile);
  ADD ("relogin-after-401", test_relogin_after_401);
  ADD ("relogin-once", test_relogin_once);
  ADD ("concurrent-login", test_concurrent_login);
  ADD ("bad-password", test_bad_password);
  ADD ("no-credentials", test_no_credentials);
  ADD ("account", test_account);

  return g_test_run ();
}
