/* mml-webhook-server.h — a small HTTP server for the webhooks media servers
 * send (Plex: multipart/form-data with a "payload" JSON part and maybe a
 * thumbnail; Jellyfin/Emby: a JSON body), on a SoupServer.
 *
 * Every request must carry the shared secret. Made with
 * mml_webhook_server_new(), in the X-MML-Token header, as "Authorization:
 * Bearer SECRET", or as ?token=SECRET. Made with
 * mml_webhook_server_new_secret_path() (media servers can only be given a
 * URL), as the last segment of the path: a path registered as "/webhook"
 * is served at "/webhook/SECRET" (URL-escaped as need be; compared
 * decoded), and at nothing else. What is refused gets a plain HTTP answer
 * and never reaches a handler, in this order:
 *
 *   429  the client sent more than the rate limit allows (with Retry-After);
 *        refused requests count, so a secret cannot be guessed at speed
 *   401  no secret, or a wrong one (compared in constant time); with the
 *        secret in the path a 404 instead, the same as for any path not
 *        served, and the request is not logged
 *   404  a path that was not registered
 *   405  a method the path was not registered for (with Allow)
 *   413  a body over the limit (by its Content-Length, or counted as it
 *        comes); it is read and dropped so that the client sees the answer,
 *        but once more than the limit plus MAX (limit, 1 MiB) has come the
 *        connection is cut instead, without an answer
 *   400  a multipart body that does not parse or has no payload part, or a
 *        payload or JSON body that is not a JSON object or list
 *
 * The secret is never logged, and a handler sees neither it nor its header
 * or query parameter; with the secret in the path, a handler's path is the
 * registered one ("/webhook") and the server logs only that.
 * mml_webhook_server_get_refused() counts what was refused for its secret
 * or path. Requests are served on the thread-default main
 * context of mml_webhook_server_listen().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MML_WEBHOOK_TOKEN_HEADER "X-MML-Token"
#define MML_WEBHOOK_TOKEN_PARAM  "token"

/* --- one request, as a handler sees it -------------------------------- */

typedef struct _MmlWebhookRequest MmlWebhookRequest;

#define MML_TYPE_WEBHOOK_REQUEST (mml_webhook_request_get_type ())
GType               mml_webhook_request_get_type           (void) G_GNUC_CONST;
MmlWebhookRequest  *mml_webhook_request_ref                (MmlWebhookRequest *self);
void                mml_webhook_request_unref              (MmlWebhookRequest *self);
/* "POST"… */
const char         *mml_webhook_request_get_method         (MmlWebhookRequest *self);
/* The decoded path, without the query ("/hooks/plex"); with the secret in
 * the path, the path registered, without the secret. */
const char         *mml_webhook_request_get_path           (MmlWebhookRequest *self);
/* Header @name (any case), repeated ones joined by ", "; NULL if absent. */
const char         *mml_webhook_request_get_header         (MmlWebhookRequest *self,
                                                            const char        *name);
/* Every header as received: "Name", "Value", …, NULL (without the secret's). */
const char *const  *mml_webhook_request_get_headers        (MmlWebhookRequest *self);
/* Query parameter @name, decoded; NULL if absent (never the token). */
const char         *mml_webhook_request_get_query          (MmlWebhookRequest *self,
                                                            const char        *name);
/* The media type of the body, lower-case, without parameters; or NULL. */
const char         *mml_webhook_request_get_content_type   (MmlWebhookRequest *self);
/* The body as received, maybe empty, never NULL. */
GBytes             *mml_webhook_request_get_body           (MmlWebhookRequest *self);
/* The JSON the request carries: the "payload" (or "data") part of a
 * multipart body, or a JSON body (application/json, text/json, …+json,
 * and text/plain or no type when the body is a JSON object or list, as
 * the Jellyfin webhook plugin sends it); NULL for any other body. */
JsonNode           *mml_webhook_request_get_payload        (MmlWebhookRequest *self);
/* The first multipart part that is a file (Plex's "thumb"), or NULL. */
GBytes             *mml_webhook_request_get_thumbnail      (MmlWebhookRequest *self);
const char         *mml_webhook_request_get_thumbnail_type (MmlWebhookRequest *self);
/* The client's IP address, as text. */
const char         *mml_webhook_request_get_client         (MmlWebhookRequest *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlWebhookRequest, mml_webhook_request_unref)

/* --- the server ------------------------------------------------------- */

#define MML_TYPE_WEBHOOK_SERVER (mml_webhook_server_get_type ())

G_DECLARE_FINAL_TYPE (MmlWebhookServer, mml_webhook_server, MML, WEBHOOK_SERVER, GObject)

/* Called on the server's main context for an accepted request (keep
 * @request with mml_webhook_request_ref() to use it later). Returns the
 * HTTP status to answer: 0 means 204 No Content; outside 100–599 is 500. */
typedef guint (*MmlWebhookHandler) (MmlWebhookServer  *server,
                                    MmlWebhookRequest *request,
                                    gpointer           user_data);

/* @secret: required, not empty; only its SHA-256 digest is kept. */
MmlWebhookServer *mml_webhook_server_new            (const char         *secret);
/* The secret as the last path segment, under @prefix ("/webhook"; an
 * absolute path, a trailing "/" dropped): every path given to
 * mml_webhook_server_add_path() must be @prefix or under it, and is
 * served at PATH/SECRET only. */
MmlWebhookServer *mml_webhook_server_new_secret_path (const char        *prefix,
                                                      const char        *secret);
/* Requests refused for a wrong or missing secret or a path not served
 * (the 401s and 404s above). */
guint             mml_webhook_server_get_refused    (MmlWebhookServer   *self);
/* The largest body accepted; default 4 MiB. */
void              mml_webhook_server_set_max_body   (MmlWebhookServer   *self,
                                                     gsize               bytes);
/* At most @max_requests per @per_seconds from one client address, refused
 * or not (a burst of @max_requests, then one every per_seconds/max_requests
 * seconds); default 60 per 60 s; 0 turns the limit off. */
void              mml_webhook_server_set_rate_limit (MmlWebhookServer   *self,
                                                     guint               max_requests,
                                                     guint               per_seconds);
/* Serve @path (exact, "/hooks/plex"; with the secret in the path,
 * "@path/SECRET") for @methods ("POST", "PUT", …, NULL;
 * NULL: POST only) with @handler. Registering a path again replaces it. */
void              mml_webhook_server_add_path       (MmlWebhookServer   *self,
                                                     const char         *path,
                                                     const char *const  *methods,
                                                     MmlWebhookHandler   handler,
                                                     gpointer            user_data,
                                                     GDestroyNotify      destroy);
/* Listen on @address (an IP address; NULL: 127.0.0.1) and @port (0: any
 * free one, see mml_webhook_server_get_port()). */
gboolean          mml_webhook_server_listen         (MmlWebhookServer   *self,
                                                     const char         *address,
                                                     guint               port,
                                                     GError            **error);
/* The port listened on; 0 when not listening. */
guint             mml_webhook_server_get_port       (MmlWebhookServer   *self);
/* "http://127.0.0.1:PORT" (IPv6 in brackets); NULL when not listening. */
char             *mml_webhook_server_dup_base_url   (MmlWebhookServer   *self);
/* Stop listening and drop the connections; listening again is allowed. */
void              mml_webhook_server_stop           (MmlWebhookServer   *self);

G_END_DECLS
