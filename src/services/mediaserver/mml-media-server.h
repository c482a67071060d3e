/* mml-media-server.h — one client for the media servers a library is
 * watched through: Plex Media Server, Jellyfin and Emby. What the sync
 * needs of each: who am I and which TV libraries are there (Test), every
 * series and every episode with its provider ids, file path and the
 * user's watched state (paged), and marking one item watched or not.
 *
 * Plex sign-in (plex.tv PIN, server discovery, picking a connection) is at
 * the end. Every request goes through MmlHttp (rate limits, retries of
 * idempotent requests, timeouts); tokens are sent in headers, never in a
 * URL that could be logged, and never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-http.h"

G_BEGIN_DECLS

typedef enum {
  MML_SERVER_KIND_PLEX,
  MML_SERVER_KIND_JELLYFIN,
  MML_SERVER_KIND_EMBY,
} MmlServerKind;

/* "plex", "jellyfin", "emby" */
const char *mml_server_kind_to_string   (MmlServerKind  kind);
gboolean    mml_server_kind_from_string (const char    *text,
                                         MmlServerKind *kind);
/* "Plex", "Jellyfin", "Emby" */
const char *mml_server_kind_get_label   (MmlServerKind  kind);

/* A TV library of the server */
typedef struct {
  char  *id;          /* Plex section key, Jellyfin/Emby view (ItemId) */
  char  *title;
  char **locations;   /* the server's own root folders (server paths), NULL-terminated, maybe empty */
} MmlServerLibrary;

void              mml_server_library_free (MmlServerLibrary *library);

/* What Test reports */
typedef struct {
  char      *server_name;
  char      *server_id;     /* Plex machineIdentifier, Jellyfin/Emby ServerId */
  char      *version;
  char      *user_id;       /* the user whose watched state is read and written */
  char      *user_name;
  GPtrArray *libraries;     /* of MmlServerLibrary: the TV (show) libraries only */
} MmlServerInfo;

void              mml_server_info_free    (MmlServerInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlServerInfo, mml_server_info_free)

/* A series on the server. Provider ids as the server gives them
 * ("81189", "tt0903747"); NULL when it has none. */
typedef struct {
  char   *id;           /* Plex ratingKey, Jellyfin/Emby Id */
  char   *library_id;
  char   *title;
  int     year;         /* 0: unknown */
  char   *tvdb_id;
  char   *tmdb_id;
  char   *imdb_id;
  char   *path;         /* the series folder, a server path; nullable */
} MmlServerSeries;

void              mml_server_series_free  (MmlServerSeries *series);

/* An episode on the server and the user's state of it */
typedef struct {
  char     *id;
  char     *series_id;   /* its MmlServerSeries.id */
  int       season;      /* -1: unknown; 0: specials */
  int       episode;     /* -1: unknown */
  int       episode_end; /* a multi-episode file: the last number; else == episode */
  char     *tvdb_id;     /* the episode's own ids (Plex legacy agents give none) */
  char     *imdb_id;
  char     *path;        /* the first file, a server path; nullable */
  gboolean  watched;
  gint64    watched_at;  /* unix seconds; 0: unknown */
  int       plays;       /* 0 when unwatched and unknown */
} MmlServerEpisode;

void              mml_server_episode_free (MmlServerEpisode *episode);

#define MML_TYPE_MEDIA_SERVER (mml_media_server_get_type ())

G_DECLARE_FINAL_TYPE (MmlMediaServer, mml_media_server, MML, MEDIA_SERVER, GObject)

/* A client of the server at @url ("http://nas:8096", a base path allowed:
 * "http://nas/emby") with @token (Plex: X-Plex-Token; Jellyfin/Emby: a
 * user's access token or an API key). @user_id: Jellyfin/Emby, the user to
 * act for (NULL: with a user's token, that user; with an API key, the
 * first administrator — Test says who). @client_id: a stable id of this
 * installation (X-Plex-Client-Identifier, the MediaBrowser DeviceId). */
MmlMediaServer *mml_media_server_new          (MmlHttp        *http,
                                               MmlServerKind   kind,
                                               const char     *url,
                                               const char     *token,
                                               const char     *user_id /* nullable */,
                                               const char     *client_id);
MmlServerKind   mml_media_server_get_kind     (MmlMediaServer *self);
void            mml_media_server_set_version  (MmlMediaServer *self,
                                               const char     *version);
const char     *mml_media_server_get_url      (MmlMediaServer *self);
/* Requests this client sent (each page, each write; retries count) */
guint           mml_media_server_get_requests (MmlMediaServer *self);
/* TRUE for Plex: watched dates are the time of the last scrobble, not of
 * the viewing (never let a date alone make a conflict) */
gboolean        mml_media_server_dates_lossy  (MmlMediaServer *self);

/* Errors: MML_HTTP_ERROR (AUTH for a token refused, CONNECT, TIMEOUT…), or
 * G_IO_ERROR_INVALID_DATA with a sentence for a reply that is not what the
 * server kind answers (a web page, another server kind). */

/* Who and what: the server's name, id and version, the user, the TV
 * libraries. The user id found here is used from then on. */
void            mml_media_server_test_async          (MmlMediaServer      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MmlServerInfo  *mml_media_server_test_finish         (MmlMediaServer      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Every series of @library_ids (NULL: every TV library), paged. (element-type MmlServerSeries) */
void            mml_media_server_list_series_async   (MmlMediaServer      *self,
                                                      const char * const  *library_ids,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray      *mml_media_server_list_series_finish  (MmlMediaServer      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Every episode of @library_ids with the user's state, paged (@page_size
 * items a request; 0: 1,000). (element-type MmlServerEpisode) */
void            mml_media_server_list_episodes_async  (MmlMediaServer      *self,
                                                       const char * const  *library_ids,
                                                       guint                page_size,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray      *mml_media_server_list_episodes_finish (MmlMediaServer      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Marks @item_id (an episode) watched (@at: when, unix seconds; 0: now,
 * where the server takes a date) or unwatched. */
void            mml_media_server_set_watched_async    (MmlMediaServer      *self,
                                                       const char          *item_id,
                                                       gboolean             watched,
                                                       gint64               at,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        mml_media_server_set_watched_finish   (MmlMediaServer      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Jellyfin/Emby: log in as @user with @password (POST
 * /Users/AuthenticateByName). Returns the access token; @user_id the
 * user's id. A wrong password is MML_HTTP_ERROR_AUTH. */
void            mml_media_server_sign_in_async        (MmlHttp             *http,
                                                       MmlServerKind        kind,
                                                       const char          *url,
                                                       const char          *user,
                                                       const char          *password,
                                                       const char          *client_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char           *mml_media_server_sign_in_finish       (GAsyncResult        *result,
                                                       char               **user_id,
                                                       GError             **error);

/* --- Plex: sign in with a PIN, find the servers --------------------------- */

/* The plex.tv base URL: $MML_PLEXTV_URL when set (a fake in tests), else
 * https://plex.tv. (transfer none) */
const char     *mml_plex_tv_url (void);

typedef struct {
  gint64  id;
  char   *code;
  gint64  expires_at;   /* unix seconds */
  char   *auth_url;     /* the page to open: app.plex.tv/auth#?clientID=…&code=… */
} MmlPlexPin;

void            mml_plex_pin_free (MmlPlexPin *pin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlPlexPin, mml_plex_pin_free)

/* POST /api/v2/pins?strong=true */
void            mml_plex_pin_create_async  (MmlHttp             *http,
                                            const char          *client_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
MmlPlexPin     *mml_plex_pin_create_finish (GAsyncResult        *result,
                                            GError             **error);
/* GET /api/v2/pins/{id} once: the token when linked, NULL without an error
 * while pending; G_IO_ERROR_TIMED_OUT when the PIN expired (404). */
void            mml_plex_pin_check_async   (MmlHttp             *http,
                                            const char          *client_id,
                                            gint64               pin_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char           *mml_plex_pin_check_finish  (GAsyncResult        *result,
                                            GError             **error);

/* A server the account can use, with the connection that answered */
typedef struct {
  char     *name;
  char     *machine_id;
  char     *access_token;  /* for that server (differs from the account's on shared servers) */
  gboolean  owned;
  char     *uri;           /* the first connection whose /identity answered: local, then remote, then relay; NULL: none did */
} MmlPlexServer;

void            mml_plex_server_free (MmlPlexServer *server);

/* GET /api/v2/resources, keeping the servers, each with its connection
 * tried (local first, https first, relay last). (element-type MmlPlexServer) */
void            mml_plex_servers_async    (MmlHttp             *http,
                                           const char          *client_id,
                                           const char          *account_token,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray      *mml_plex_servers_finish   (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
