/* mml-service-test.h — what the metadata service tests share: waiting for
 * an async call, reading tests/fixtures, an MmlHttp for the fake server,
 * a provider fixture, a handler that records queries, and the MmlProvider
 * calls made synchronous
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mml-fake-server.h"
#include "mml-http.h"
#include "mml-provider.h"
#include "mml-tmdb.h"

G_BEGIN_DECLS

/* What an async call gave back; its callback fills it in and sets @done.
 * Start from { 0 }. */
typedef struct
{
  gpointer  value;   /* what a _finish() returning a pointer gave */
  gboolean  ok;      /* what a _finish() returning a gboolean gave */
  GError   *error;
  gboolean  done;
} MmlTestOutcome;

/* Iterate the thread-default main context until @o is done. */
void      mml_test_outcome_wait  (MmlTestOutcome *o);
/* Wait for @o, move its error to @error, return its value. */
gpointer  mml_test_outcome_take  (MmlTestOutcome *o,
                                  GError        **error);

/* An MmlHttp for a fake server: no proxy, one quick retry, 5 s timeout. */
MmlHttp  *mml_test_http_new      (void);
/* The contents of $MML_TEST_FIXTURES/@relative ("tvdb/x.json"), a file of
 * tests/fixtures; the test fails when it cannot be read. */
char     *mml_test_read_fixture  (const char    *relative);
/* Serve that file on @path with @status (mml_fake_server_add_fixture()),
 * asserting that it could be read. */
void      mml_test_serve_fixture (MmlFakeServer *server,
                                  const char    *path,
                                  guint          status,
                                  const char    *relative);
/* @json parsed (a copy of the root); the test fails when it is not JSON. */
JsonNode *mml_test_parse_json    (const char    *json);

/* Cancel @cancellable @delay_ms from now, from the default main context. */
void      mml_test_cancel_after  (GCancellable  *cancellable,
                                  guint          delay_ms);

/* A provider on a fake server, the usual fixture of the provider tests:
 * the test's set-up calls mml_test_provider_set_up() (the server and an
 * MmlHttp from mml_test_http_new()), then makes @provider for them;
 * mml_test_provider_tear_down() frees all three. */
typedef struct
{
  MmlFakeServer *server;
  MmlHttp       *http;
  MmlProvider   *provider;
} MmlTestProvider;

void      mml_test_provider_set_up    (MmlTestProvider *fx,
                                       gconstpointer    data);
void      mml_test_provider_tear_down (MmlTestProvider *fx,
                                       gconstpointer    data);

/* What mml_test_record_handler() saw, written on the server thread.
 * Start from { 0 }; mml_test_recorder_clear() frees it all, @body too. */
typedef struct
{
  GMutex      lock;
  char       *body;          /* served with 200; NULL: "{}" */
  GHashTable *query;         /* the last decoded query */
  char       *raw_query;     /* the last raw query */
  guint       hits;
} MmlTestRecorder;

/* An MmlFakeServerHandler; @user_data is an MmlTestRecorder. */
void        mml_test_record_handler (MmlFakeServer     *server,
                                     SoupServerMessage *msg,
                                     const char        *path,
                                     GHashTable        *query,
                                     gpointer           user_data);
/* query parameter @name of the last request, NULL if none */
const char *mml_test_recorded       (MmlTestRecorder   *r,
                                     const char        *name);
void        mml_test_recorder_clear (MmlTestRecorder   *r);

/* What the TMDB tests share: a v3 key, the image base they set, and
 * MmlTestProvider's set-up with TMDB on the fake server and that key. */
#define MML_TEST_TMDB_KEY    "0123456789abcdef0123456789abcdef"
#define MML_TEST_TMDB_IMAGES "http://images.test/t/p/"

/* g_test_init(), then the TMDB tests' environment: no proxy, images from
 * MML_TEST_TMDB_IMAGES (without its "/"), no $MML_TMDB_URL */
void      mml_test_tmdb_init           (int               *argc,
                                        char            ***argv);
void      mml_test_tmdb_set_up         (MmlTestProvider   *fx,
                                        gconstpointer      data);
/* Add @func (an MmlTestProvider test) as /services/tmdb/@name, on TMDB. */
#define MML_TEST_TMDB_ADD(name, func) \
  g_test_add ("/services/tmdb/" name, MmlTestProvider, NULL, mml_test_tmdb_set_up, func, \
              mml_test_provider_tear_down)

/* An MmlFakeServerHandler for TMDB's /tv/ID/season/N, any N: two plain
 * episodes, ids N×100+1 and +2, aired (2010+N)-05-01 and -08. */
void      mml_test_tmdb_season_handler (MmlFakeServer     *server,
                                        SoupServerMessage *msg,
                                        const char        *path,
                                        GHashTable        *query,
                                        gpointer           user_data);

/* Episode @i of @s in its order; the test fails when there is none. */
MmlMetaEpisode *mml_test_episode_at   (MmlMetaSeries *s,
                                       guint          i);
/* Episode @number of season @season of @s, NULL if none. */
MmlMetaEpisode *mml_test_find_episode (MmlMetaSeries *s,
                                       int            season,
                                       int            number);

/* GAsyncReadyCallbacks for the MmlProvider calls; @user_data is an
 * MmlTestOutcome. */
void      mml_test_search_cb     (GObject       *object,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
void      mml_test_series_cb     (GObject       *object,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
void      mml_test_lookup_cb     (GObject       *object,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
void      mml_test_updates_cb    (GObject       *object,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
void      mml_test_match_cb      (GObject       *object,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
void      mml_test_test_cb       (GObject       *object,
                                  GAsyncResult  *result,
                                  gpointer       user_data);   /* sets ok */

/* The MmlProvider calls, waited for. */
GPtrArray        *mml_test_search     (MmlProvider     *provider,
                                       const char      *title,
                                       int              year,
                                       GError         **error);
MmlMetaSeries    *mml_test_get_series (MmlProvider     *provider,
                                       gint64           id,
                                       MmlEpisodeOrder  order,
                                       GError         **error);
MmlMetaSeries    *mml_test_lookup     (MmlProvider     *provider,
                                       MmlExternalKind  kind,
                                       const char      *id,
                                       GError         **error);
GArray           *mml_test_updates    (MmlProvider     *provider,
                                       gint64           since,
                                       GError         **error);
/* matches the folder name @folder, in aired order */
MmlProviderMatch *mml_test_match      (MmlProvider     *provider,
                                       const char      *folder,
                                       GError         **error);
/* mml_provider_test_async(): the connection test */
gboolean          mml_test_connection (MmlProvider     *provider,
                                       GError         **error);

G_END_DECLS
