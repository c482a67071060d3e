/* mml-media-server-private.h — what the media-server client's files share:
 * the instance, sending a request with a kind's headers, reading replies
 * defensively, and what each kind (mml-plex.c, mml-jellyfin.c) gives the
 * common code in mml-media-server.c (Test, the libraries to list, one page
 * of series or episodes, the watched write)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mml-media-server.h"

G_BEGIN_DECLS

/* The name every server is told this client has */
#define MML_SERVER_PRODUCT "My Media Library"
/* Items a page when the caller does not say, and the series' page size */
#define MML_SERVER_DEFAULT_PAGE 1000
/* Longer ids, provider ids and tokens than this are not believed */
#define MML_SERVER_MAX_ID 256

struct _MmlMediaServer
{
  GObject        parent_instance;

  MmlHttp       *http;
  MmlServerKind  kind;
  char          *url;        /* without a trailing "/" */
  char          *token;
  char          *user_id;    /* Jellyfin/Emby; NULL until known */
  char          *client_id;
  char          *version;    /* the server's, as its System/Info says; NULL: unknown */
  guint          requests;
};

typedef enum {
  MML_SERVER_LIST_SERIES,
  MML_SERVER_LIST_EPISODES,
} MmlServerList;

/* --- sending --------------------------------------------------------------- */

/* The request headers of @kind ("Name", "Value", …, NULL): the client's
 * identity, Accept: application/json, and @token (nullable) in the form
 * the kind takes. Free with _mml_server_headers_free(): they hold the token. */
char            **_mml_server_headers            (MmlServerKind        kind,
                                                  const char          *client_id,
                                                  const char          *token);
void              _mml_server_headers_free       (char               **headers);
/* Overwrite and free a secret. */
void              _mml_server_wipe               (char                *secret);

/* Send @method to @url with @kind's headers (and @body as JSON, nullable).
 * Finish with mml_http_send_finish() on @http. */
void              _mml_server_send_async         (MmlHttp             *http,
                                                  MmlServerKind        kind,
                                                  const char          *url,
                                                  MmlHttpMethod        method,
                                                  const char          *client_id,
                                                  const char          *token,
                                                  const char          *body_json,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

/* The same for @self: its URL + @path_and_query, its token; counted in
 * mml_media_server_get_requests(). Finish with _mml_media_server_send_finish(). */
void              _mml_media_server_send_async   (MmlMediaServer      *self,
                                                  MmlHttpMethod        method,
                                                  const char          *path_and_query,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MmlHttpResponse  *_mml_media_server_send_finish  (MmlMediaServer      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The same, finished and parsed: the JSON object of the reply, or
 * G_IO_ERROR_INVALID_DATA saying that @what ("the list of libraries") was
 * not JSON. */
JsonObject       *_mml_media_server_object_finish (MmlMediaServer     *self,
                                                   GAsyncResult       *result,
                                                   const char         *what,
                                                   GError            **error);

/* --- reading replies ------------------------------------------------------ */

/* @response's body as JSON (an object or a list), or G_IO_ERROR_INVALID_DATA
 * naming @kind and @what. */
JsonNode         *_mml_server_reply_json         (MmlServerKind        kind,
                                                  MmlHttpResponse     *response,
                                                  const char          *what,
                                                  GError             **error);
/* G_IO_ERROR_INVALID_DATA: "@kind sent @what that is not what a @kind server answers" */
GError           *_mml_server_invalid            (MmlServerKind        kind,
                                                  const char          *what);

/* A member as an id: a non-empty string (or an integer, written out) of
 * printable characters, at most MML_SERVER_MAX_ID bytes; else NULL. */
char             *_mml_server_dup_id             (JsonObject          *object,
                                                  const char          *name);
/* A member as text for people: valid UTF-8, control characters replaced by
 * spaces; NULL when absent or empty. */
char             *_mml_server_dup_text           (JsonObject          *object,
                                                  const char          *name);
/* A server path: valid UTF-8 without control characters; NULL otherwise. */
char             *_mml_server_dup_path           (JsonObject          *object,
                                                  const char          *name);
/* An integer given as a number or as a string of digits. */
gboolean          _mml_server_get_int            (JsonObject          *object,
                                                  const char          *name,
                                                  gint64              *out);
/* @value as a provider id of @provider ("tvdb", "tmdb": digits; "imdb":
 * tt and digits), or NULL. */
char             *_mml_server_clean_provider_id  (const char          *provider,
                                                  const char          *value);

/* --- what a kind gives ---------------------------------------------------- */

void              _mml_plex_test_async           (MmlMediaServer      *self,
                                                  GTask               *task);
void              _mml_jellyfin_test_async       (MmlMediaServer      *self,
                                                  GTask               *task);

/* Get ready to list or write: find the user (Jellyfin/Emby, when unknown)
 * and, with @need_libraries, the TV libraries' ids. Returns through @task
 * a GStrv (NULL without @need_libraries). */
void              _mml_plex_prepare_async        (MmlMediaServer      *self,
                                                  gboolean             need_libraries,
                                                  GTask               *task);
void              _mml_jellyfin_prepare_async    (MmlMediaServer      *self,
                                                  gboolean             need_libraries,
                                                  GTask               *task);

/* The path and query of one page */
char             *_mml_plex_page_path            (MmlMediaServer      *self,
                                                  MmlServerList        what,
                                                  const char          *library_id,
                                                  guint                start,
                                                  guint                size);
char             *_mml_jellyfin_page_path        (MmlMediaServer      *self,
                                                  MmlServerList        what,
                                                  const char          *library_id,
                                                  guint                start,
                                                  guint                size);
/* One page read into @out (MmlServerSeries or MmlServerEpisode): @n_items
 * the items the page held (usable or not), @total what the server says
 * there are in all (-1: it does not say). */
gboolean          _mml_plex_parse_page           (MmlServerList        what,
                                                  JsonObject          *root,
                                                  const char          *library_id,
                                                  GPtrArray           *out,
                                                  guint               *n_items,
                                                  gint64              *total,
                                                  GError             **error);
gboolean          _mml_jellyfin_parse_page       (MmlServerKind        kind,
                                                  MmlServerList        what,
                                                  JsonObject          *root,
                                                  const char          *library_id,
                                                  GPtrArray           *out,
                                                  guint               *n_items,
                                                  gint64              *total,
                                                  GError             **error);

/* The request that marks @item_id watched or not */
void              _mml_plex_watched_request      (MmlMediaServer      *self,
                                                  const char          *item_id,
                                                  gboolean             watched,
                                                  gint64               at,
                                                  MmlHttpMethod       *method,
                                                  char               **path);
void              _mml_jellyfin_watched_request  (MmlMediaServer      *self,
                                                  const char          *item_id,
                                                  gboolean             watched,
                                                  gint64               at,
                                                  MmlHttpMethod       *method,
                                                  char               **path);

G_END_DECLS
