/* mml-service-test.c — what the metadata service tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
  g_autofree char *path = g_build_filename (g_getenv ("MML_TEST_SHARED"), "fixtures", relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

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
