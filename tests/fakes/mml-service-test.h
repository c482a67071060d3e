/* mml-service-test.h — what the metadata service tests share: waiting for
 * an async call, reading ../shared/fixtures, an MmlHttp for the fake server,
 * and the MmlProvider calls made synchronous
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mml-fake-server.h"
#include "mml-http.h"
#include "mml-provider.h"

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
/* The contents of $MML_TEST_SHARED/fixtures/@relative ("tvdb/x.json");
 * the test fails when it cannot be read. */
char     *mml_test_read_fixture  (const char    *relative);
/* Serve that file on @path with @status (mml_fake_server_add_fixture()),
 * asserting that it could be read. */
void      mml_test_serve_fixture (MmlFakeServer *server,
                                  const char    *path,
                                  guint          status,
                                  const char    *relative);
/* @json parsed (a copy of the root); the test fails when it is not JSON. */
JsonNode *mml_test_parse_json    (const char    *json);

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
