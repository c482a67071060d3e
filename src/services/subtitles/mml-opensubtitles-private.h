/* mml-opensubtitles-private.h — shared by the OpenSubtitles client's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mml-opensubtitles.h"

G_BEGIN_DECLS

/* Published limits: 5 requests a second per IP; /login 1 a second. */
#define OPENSUBTITLES_MAX_CALLS        5
#define OPENSUBTITLES_PER_SECONDS      1
#define OPENSUBTITLES_LOGIN_GAP_USEC   G_USEC_PER_SEC
/* The token lasts 24 h: renew it before. */
#define OPENSUBTITLES_TOKEN_LIFETIME_USEC ((gint64) 23 * 3600 * G_USEC_PER_SEC)
/* A POST refused with 429 is sent again once when the server asks to wait
 * at most this long (it was not counted); longer is an error. */
#define OPENSUBTITLES_MAX_POST_WAIT_SECONDS 10

struct _MmlOpenSubtitles
{
  GObject       parent_instance;

  MmlHttp      *http;
  GMainContext *context;        /* where the client was made: its timers */
  char         *base_url;       /* no trailing slash */
  gboolean      base_explicit;  /* given by the caller: used for everything */
  char         *user_agent;

  char         *api_key;        /* NULL: none */
  char         *username;       /* NULL: anonymous */
  char         *password;
  char         *token;          /* in memory only; NULL: not signed in */
  char         *login_host;     /* the login reply's base_url */
  gint64        token_time;     /* g_get_real_time() of the login */
  gint64        last_login;     /* g_get_monotonic_time() of the last POST /login; 0: none */
  guint         generation;     /* bumped whenever the credentials change */
  gboolean      logging_in;
  GSource      *login_timer;    /* waiting for the one-a-second login limit */
  GQueue        waiters;        /* GTasks (owned) of calls waiting for that login */

  gboolean         has_quota;
  MmlSubtitleQuota quota;
};

/* mml-opensubtitles-session.c */

/* @method base + @path (with @body_json, a JSON object, for a POST): signs
 * in first when @needs_login and there are credentials (or a token is to be
 * renewed), once more after a 401 (or a 406 "invalid token"); a POST
 * refused with a short 429 is sent once more. Returns the response for any
 * other status; a 429 still there is MML_OPENSUBTITLES_ERROR_RATE_LIMITED
 * (quota.retry_after set). */
void             _mml_opensubtitles_call_async   (MmlOpenSubtitles    *self,
                                                  MmlHttpMethod        method,
                                                  const char          *path,
                                                  const char          *body_json /* nullable */,
                                                  gboolean             needs_login,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MmlHttpResponse *_mml_opensubtitles_call_finish  (MmlOpenSubtitles    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The URL of @path for this client now (mml_opensubtitles_api_url()). */
char            *_mml_opensubtitles_url          (MmlOpenSubtitles    *self,
                                                  const char          *path);
/* A server's message fit for an error: valid UTF-8, short, secrets out. */
char            *_mml_opensubtitles_sanitize     (MmlOpenSubtitles    *self,
                                                  const char          *message /* nullable */);
/* The error of a reply the caller did not expect (@what: "the search"). */
GError          *_mml_opensubtitles_status_error (MmlOpenSubtitles    *self,
                                                  MmlHttpResponse     *response,
                                                  const char          *what);
/* The reply's body as a JSON object, or NULL with MALFORMED. */
JsonObject      *_mml_opensubtitles_dup_object   (MmlHttpResponse     *response,
                                                  const char          *what,
                                                  GError             **error);
void             _mml_opensubtitles_clear_secrets (MmlOpenSubtitles   *self);
/* Drop the token: the next call that needs one signs in again. */
void             _mml_opensubtitles_forget_token  (MmlOpenSubtitles   *self);
void             _mml_opensubtitles_wipe_string   (char               *text);
void             _mml_opensubtitles_set_quota     (MmlOpenSubtitles   *self,
                                                   const MmlSubtitleQuota *quota);

/* mml-opensubtitles.c */

/* The published rate limit and a label for the server of @url (its host
 * and port). */
void             _mml_opensubtitles_limit_host    (MmlOpenSubtitles   *self,
                                                   const char         *url);

/* mml-opensubtitles-parse.c */

/* The candidates of a /subtitles reply (an object with "data"); NULL with
 * MALFORMED when it is not one. */
GPtrArray       *_mml_opensubtitles_parse_search (JsonObject          *root,
                                                  GError             **error);
/* requests, remaining, reset_time_utc of a /download reply (or its 406). */
void             _mml_opensubtitles_parse_quota  (JsonObject          *root,
                                                  MmlSubtitleQuota    *quota);
/* "pt-BR" → "pt-br"; NULL when it does not look like a language code. */
char            *_mml_opensubtitles_language     (const char          *code /* nullable */);

G_END_DECLS
