/* mml-service-test.c — what the metadata service tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "mml-service-test.h"

void
mml_test_outcome_wait (MmlTestOutcome *o)
{
  while (!o->done)
    g_main_context_iteration (NULL, TRUE);
}

gpointer
mml_test_outcome_take (MmlTestOutcome  *o,
                       GError         **error)
{
  mml_test_outcome_wait (o);
  if (o->error != NULL)
    g_propagate_error (error, g_steal_pointer (&o->error));
  return o->value;
}

MmlHttp *
mml_test_http_new (void)
{
  MmlHttp *http = mml_http_new (NULL);

  mml_http_set_use_proxy (http, FALSE);
  mml_http_set_retry_policy (http, 1, 10, 50);
  mml_http_set_timeout (http, 5);
  return http;
}

char *
mml_test_read_fixture (const char *relative)
{
  const char *fixtures = g_getenv ("MML_TEST_FIXTURES");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (fixtures);  /* set by tests/meson.build */
  path = g_build_filename (fixtures, relative, NULL);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

void
mml_test_serve_fixture (MmlFakeServer *server,
                        const char    *path,
                        guint          status,
                        const char    *relative)
{
  g_assert_true (mml_fake_server_add_fixture (server, path, status, relative));
}

JsonNode *
mml_test_parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

void
mml_test_cancel_after (GCancellable *cancellable,
                       guint         delay_ms)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, cancel_cb,
                      g_object_ref (cancellable), g_object_unref);
}

/* --- the provider fixture ------------------------------------------------- */

void
mml_test_provider_set_up (MmlTestProvider *fx,
                          gconstpointer    data)
{
  fx->server = mml_fake_server_new ();
  fx->http = mml_test_http_new ();
  fx->provider = NULL;
}

void
mml_test_provider_tear_down (MmlTestProvider *fx,
                             gconstpointer    data)
{
  g_clear_object (&fx->provider);
  g_clear_object (&fx->http);
  g_clear_pointer (&fx->server, mml_fake_server_free);
}

/* --- handlers ------------------------------------------------------------- */

void
mml_test_record_handler (MmlFakeServer     *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  MmlTestRecorder *r = user_data;
  const char *body = r->body != NULL ? r->body : "{}";

  g_mutex_lock (&r->lock);
  g_clear_pointer (&r->query, g_hash_table_unref);
  r->query = query != NULL ? g_hash_table_ref (query) : NULL;
  g_free (r->raw_query);
  r->raw_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  r->hits++;
  g_mutex_unlock (&r->lock);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

const char *
mml_test_recorded (MmlTestRecorder *r,
                   const char      *name)
{
  return r->query != NULL ? g_hash_table_lookup (r->query, name) : NULL;
}

void
mml_test_recorder_clear (MmlTestRecorder *r)
{
  g_free (r->body);
  g_clear_pointer (&r->query, g_hash_table_unref);
  g_free (r->raw_query);
  g_mutex_clear (&r->lock);
}

/* --- TMDB ----------------------------------------------------------------- */

void
mml_test_tmdb_init (int    *argc,
                    char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_setenv ("MML_HTTP_NO_PROXY", "1", TRUE);
  g_setenv ("MML_TMDB_IMAGE_URL", "http://images.test/t/p", TRUE);
  g_unsetenv ("MML_TMDB_URL");
}

void
mml_test_tmdb_set_up (MmlTestProvider *fx,
                      gconstpointer    data)
{
  mml_test_provider_set_up (fx, data);
  fx->provider = MML_PROVIDER (mml_tmdb_new (fx->http, mml_fake_server_get_base_url (fx->server),
                                             MML_TEST_TMDB_KEY));
}

void
mml_test_tmdb_season_handler (MmlFakeServer     *server,
                              SoupServerMessage *msg,
                              const char        *path,
                              GHashTable        *query,
                              gpointer           user_data)
{
  const char *slash = strrchr (path, '/');
  int n = slash != NULL ? atoi (slash + 1) : 0;
  g_autofree char *body = g_strdup_printf (
    "{\"season_number\":%d,\"episodes\":["
    "{\"id\":%d,\"episode_number\":1,\"season_number\":%d,\"air_date\":\"%d-05-01\",\"runtime\":50,"
    "\"name\":\"S%dE1\"},"
    "{\"id\":%d,\"episode_number\":2,\"season_number\":%d,\"air_date\":\"%d-05-08\",\"runtime\":50,"
    "\"name\":\"S%dE2\"}]}",
    n, n * 100 + 1, n, 2010 + n, n, n * 100 + 2, n, 2010 + n, n);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* --- series --------------------------------------------------------------- */

MmlMetaEpisode *
mml_test_episode_at (MmlMetaSeries *s,
                     guint          i)
{
  g_assert_nonnull (s->episodes);
  g_assert_cmpuint (i, <, s->episodes->len);
  return g_ptr_array_index (s->episodes, i);
}

MmlMetaEpisode *
mml_test_find_episode (MmlMetaSeries *s,
                       int            season,
                       int            number)
{
  for (guint i = 0; s->episodes != NULL && i < s->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (s->episodes, i);

      if (ep->season == season && ep->number == number)
        return ep;
    }
  return NULL;
}

/* --- the MmlProvider calls ------------------------------------------------ */

#define DEFINE_FINISH_CB(name, finish)                                        \
  void                                                                        \
  name (GObject      *object,                                                 \
        GAsyncResult *result,                                                 \
        gpointer      user_data)                                              \
  {                                                                           \
    MmlTestOutcome *o = user_data;                                            \
                                                                              \
    o->value = finish (MML_PROVIDER (object), result, &o->error);             \
    o->done = TRUE;                                                           \
  }

DEFINE_FINISH_CB (mml_test_search_cb, mml_provider_search_finish)
DEFINE_FINISH_CB (mml_test_series_cb, mml_provider_get_series_finish)
DEFINE_FINISH_CB (mml_test_lookup_cb, mml_provider_lookup_finish)
DEFINE_FINISH_CB (mml_test_updates_cb, mml_provider_updates_finish)
DEFINE_FINISH_CB (mml_test_match_cb, mml_provider_match_finish)

void
mml_test_test_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MmlTestOutcome *o = user_data;

  o->ok = mml_provider_test_finish (MML_PROVIDER (object), result, &o->error);
  o->done = TRUE;
}

GPtrArray *
mml_test_search (MmlProvider  *provider,
                 const char   *title,
                 int           year,
                 GError      **error)
{
  MmlTestOutcome o = { 0 };

  mml_provider_search_async (provider, title, year, NULL, mml_test_search_cb, &o);
  return mml_test_outcome_take (&o, error);
}

MmlMetaSeries *
mml_test_get_series (MmlProvider      *provider,
                     gint64            id,
                     MmlEpisodeOrder   order,
                     GError          **error)
{
  MmlTestOutcome o = { 0 };

  mml_provider_get_series_async (provider, id, order, NULL, mml_test_series_cb, &o);
  return mml_test_outcome_take (&o, error);
}

MmlMetaSeries *
mml_test_lookup (MmlProvider      *provider,
                 MmlExternalKind   kind,
                 const char       *id,
                 GError          **error)
{
  MmlTestOutcome o = { 0 };

  mml_provider_lookup_async (provider, kind, id, NULL, mml_test_lookup_cb, &o);
  return mml_test_outcome_take (&o, error);
}

GArray *
mml_test_updates (MmlProvider  *provider,
                  gint64        since,
                  GError      **error)
{
  MmlTestOutcome o = { 0 };

  mml_provider_updates_async (provider, since, NULL, mml_test_updates_cb, &o);
  return mml_test_outcome_take (&o, error);
}

MmlProviderMatch *
mml_test_match (MmlProvider  *provider,
                const char   *folder,
                GError      **error)
{
  g_autoptr(MmlMatchQuery) query = mml_match_query_new_from_folder (folder);
  MmlTestOutcome o = { 0 };

  mml_provider_match_async (provider, query, MML_EPISODE_ORDER_AIRED, NULL, mml_test_match_cb, &o);
  return mml_test_outcome_take (&o, error);
}

gboolean
mml_test_connection (MmlProvider  *provider,
                     GError      **error)
{
  MmlTestOutcome o = { 0 };

  mml_provider_test_async (provider, NULL, mml_test_test_cb, &o);
  mml_test_outcome_take (&o, error);
  return o.ok;
}
