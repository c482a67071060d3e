/* mml-fake-server.h — a local HTTP server for tests: a SoupServer on its own
 * thread and main context, on 127.0.0.1 with an ephemeral port.
 *
 * Routes are registered by path ("/shows/1"; a path ending in "*" is a prefix
 * route). Each route holds a list of responses used in order, the last one
 * repeating, or a handler. Requests to unknown paths get 404. Every request is
 * counted and timed per route.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _MmlFakeServer MmlFakeServer;

/* Runs on the server thread: set the status, headers and body of @msg.
 * @path is the request's path, @query its decoded query (may be NULL). */
typedef void (*MmlFakeServerHandler) (MmlFakeServer     *server,
                                      SoupServerMessage *msg,
                                      const char        *path,
                                      GHashTable        *query,
                                      gpointer           user_data);

MmlFakeServer *mml_fake_server_new             (void);
void           mml_fake_server_free            (MmlFakeServer *self);

/* "http://127.0.0.1:PORT", no trailing slash */
const char    *mml_fake_server_get_base_url    (MmlFakeServer *self);
/* base URL + @path_and_query ("/search/shows?q=girls") */
char          *mml_fake_server_url             (MmlFakeServer *self,
                                                const char    *path_and_query);

/* Append a response to @path's list; the header list is name, value, …, NULL. */
void           mml_fake_server_add_response    (MmlFakeServer *self,
                                                const char    *path,
                                                guint          status,
                                                const char    *body,       /* nullable */
                                                gssize         length,     /* -1: NUL-terminated */
                                                const char    *first_header_name,
                                                ...) G_GNUC_NULL_TERMINATED;
/* The same with Content-Type: application/json. */
void           mml_fake_server_add_json        (MmlFakeServer *self,
                                                const char    *path,
                                                guint          status,
                                                const char    *json);
/* Serve a file of tests/fixtures ($MML_TEST_FIXTURES/@relative)
 * as JSON with @status. Returns FALSE when the file cannot be read. */
gboolean       mml_fake_server_add_fixture     (MmlFakeServer *self,
                                                const char    *path,
                                                guint          status,
                                                const char    *relative);
/* A 200 body of @size bytes ('x'…, not JSON), generated 64 KiB at a time
 * as the client reads it; @chunked: chunked encoding, else Content-Length. */
void           mml_fake_server_add_large_body  (MmlFakeServer *self,
                                                const char    *path,
                                                gsize          size,
                                                gboolean       chunked);
/* A 200 JSON body "[@element,@element,…]" of @count elements, with its
 * Content-Length, generated 64 KiB at a time as the client reads it (bytes
 * written counted as for large bodies): a hostile server's 8 MB of
 * "[{},{},…" without 8 MB in the test. */
void           mml_fake_server_add_json_array  (MmlFakeServer *self,
                                                const char    *path,
                                                const char    *element,
                                                gsize          count);
/* Append a handler to @path's list (it repeats when last). */
void           mml_fake_server_add_handler     (MmlFakeServer       *self,
                                                const char          *path,
                                                MmlFakeServerHandler handler,
                                                gpointer             user_data);
/* Answer every request on @path @delay_ms late. */
void           mml_fake_server_set_delay       (MmlFakeServer *self,
                                                const char    *path,
                                                guint          delay_ms);
/* Send ETag: @etag with 2xx replies on @path, and answer 304 (no body) to a
 * request whose If-None-Match is @etag. */
void           mml_fake_server_set_etag        (MmlFakeServer *self,
                                                const char    *path,
                                                const char    *etag);

/* How much later than it was sent a request may reach the server: a new
 * connection's setup, on a loaded machine.  Tests that check a rate
 * limit by arrival times allow this much. */
#define ARRIVAL_JITTER_USEC (100 * 1000)

/* Statistics, per route key (the path given when registering; unknown paths
 * are counted under "*404*"). */
guint          mml_fake_server_get_count       (MmlFakeServer *self,
                                                const char    *path);
guint          mml_fake_server_get_status_count (MmlFakeServer *self,
                                                const char    *path,
                                                guint          status);
/* arrival times (g_get_monotonic_time()) of the requests, in order */
GArray        *mml_fake_server_get_times       (MmlFakeServer *self,
                                                const char    *path);
guint          mml_fake_server_get_total       (MmlFakeServer *self);
/* bytes of large bodies written so far on @path */
guint64        mml_fake_server_get_bytes_written (MmlFakeServer *self,
                                                const char    *path);
/* the last value of request header @name seen on @path (NULL if none) */
char          *mml_fake_server_get_last_header (MmlFakeServer *self,
                                                const char    *path,
                                                const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlFakeServer, mml_fake_server_free)

G_END_DECLS
