/* mml-opensubtitles-session.c — OpenSubtitles' login and token, and the one
 * way every call goes out: the required headers, signing in first when a
 * call needs it (once for every call waiting, at most once a second),
 * signing in again and sending once more when the token is refused
 *
 * The key, the password and the token live in memory only: never logged
 * (MmlHttp logs redacted URLs, never bodies or header values), never cached
 * (nothing here is sent with a TTL), wiped when dropped, and kept out of
 * every error message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-opensubtitles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "mml-json.h"
#include "mml-opensubtitles-private.h"

/* A sane upper bound for a JWT. */
#define OPENSUBTITLES_MAX_TOKEN 8192

#define STATUS_NOT_ACCEPTABLE    406
#define STATUS_TOO_MANY_REQUESTS 429

/* --- secrets ------------------------------------------------------------- */

void
_mml_opensubtitles_wipe_string (char *text)
{
  /* volatile: a memset() right before free() may be optimised away */
  for (volatile char *p = text; p != NULL && *p != '\0'; p++)
    *p = '\0';
  g_free (text);
}

void
_mml_opensubtitles_forget_token (MmlOpenSubtitles *self)
{
  g_clear_pointer (&self->token, _mml_opensubtitles_wipe_string);
  self->token_time = 0;
}

void
_mml_opensubtitles_clear_secrets (MmlOpenSubtitles *self)
{
  g_clear_pointer (&self->api_key, _mml_opensubtitles_wipe_string);
  g_clear_pointer (&self->username, _mml_opensubtitles_wipe_string);
  g_clear_pointer (&self->password, _mml_opensubtitles_wipe_string);
  _mml_opensubtitles_forget_token (self);
}

static gboolean
has_user (MmlOpenSubtitles *self)
{
  return self->username != NULL && self->password != NULL;
}

char *
_mml_opensubtitles_sanitize (MmlOpenSubtitles *self,
                             const char       *message)
{
  g_autofree char *valid = g_utf8_make_valid (message != NULL ? message : "", -1);
  GString *text = g_string_new (valid);
  const char *secrets[] = { self->api_key, self->password, self->token, self->username };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (secrets[i] != NULL && secrets[i][0] != '\0')
      g_string_replace (text, secrets[i], "REDACTED", 0);
  /* redacted first, then cut: no half secret survives the cut */
  if (g_utf8_strlen (text->str, -1) > 200)
    g_string_truncate (text, g_utf8_offset_to_pointer (text->str, 200) - text->str);
  for (char *p = text->str; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    g_string_assign (text, "no reason given");
  return g_string_free (text, FALSE);
}

/* --- replies ------------------------------------------------------------- */

JsonObject *
_mml_opensubtitles_dup_object (MmlHttpResponse  *response,
                               const char       *what,
                               GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) node = mml_http_response_dup_json (response, &local);

  if (node == NULL)
    {
      g_set_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED,
                   _("OpenSubtitles sent %s that is not JSON: %s"), what, local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED,
                   _("OpenSubtitles sent %s that is not a JSON object"), what);
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* The "message" of an error body, or NULL (newly allocated, sanitized). */
static char *
reply_message (MmlOpenSubtitles *self,
               MmlHttpResponse  *response)
{
  g_autoptr(JsonObject) root = _mml_opensubtitles_dup_object (response, "an error", NULL);
  const char *message = mml_json_get_string (root, "message");

  return message != NULL ? _mml_opensubtitles_sanitize (self, message) : NULL;
}

/* A 406 that says the token is no longer valid, not that the quota is used. */
static gboolean
is_token_refusal (MmlHttpResponse *response)
{
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *folded = NULL;
  const char *message;

  if (mml_http_response_get_status (response) == SOUP_STATUS_UNAUTHORIZED)
    return TRUE;
  if (mml_http_response_get_status (response) != STATUS_NOT_ACCEPTABLE)
    return FALSE;
  root = _mml_opensubtitles_dup_object (response, "an error", NULL);
  if ((message = mml_json_get_string (root, "message")) == NULL)
    return FALSE;
  folded = g_ascii_strdown (message, -1);
  return strstr (folded, "invalid token") != NULL;
}

/* Seconds the server asks to wait: Retry-After (seconds or a date), else
 * Kong's RateLimit-Reset; 0 when neither says. */
static guint
retry_after (MmlHttpResponse *response)
{
  const char *names[] = { "Retry-After", "RateLimit-Reset" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = mml_http_response_get_header (response, names[i]);
      g_autoptr(GDateTime) date = NULL;
      char *end = NULL;
      guint64 seconds;

      if (value == NULL)
        continue;
      while (g_ascii_isspace (*value))
        value++;
      if (g_ascii_isdigit (*value))
        {
          seconds = g_ascii_strtoull (value, &end, 10);
          if (end != NULL && (*end == '\0' || g_ascii_isspace (*end)))
            return (guint) MIN (seconds, (guint64) G_MAXINT32);
          continue;
        }
      if (i == 0 && (date = soup_date_time_new_from_http_string (value)) != NULL)
        {
          gint64 delta = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;

          return (guint) CLAMP (delta, 1, G_MAXINT32);
        }
    }
  return 0;
}

void
_mml_opensubtitles_set_quota (MmlOpenSubtitles       *self,
                              const MmlSubtitleQuota *quota)
{
  self->quota = *quota;
  self->has_quota = TRUE;
}

static GError *
rate_limited_error (MmlOpenSubtitles *self,
                    MmlHttpResponse  *response)
{
  guint wait = retry_after (response);
  MmlSubtitleQuota quota = { -1, -1, 0, 0 };

  if (self->has_quota)
    quota = self->quota;
  quota.retry_after = wait;
  _mml_opensubtitles_set_quota (self, &quota);
  if (wait > 0)
    return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_RATE_LIMITED,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "OpenSubtitles is rate limiting us: the server asks to wait %u second",
                                     "OpenSubtitles is rate limiting us: the server asks to wait %u seconds",
                                     wait),
                        wait);
  return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_RATE_LIMITED,
                      _("OpenSubtitles is rate limiting us; try again later"));
}

GError *
_mml_opensubtitles_status_error (MmlOpenSubtitles *self,
                                 MmlHttpResponse  *response,
                                 const char       *what)
{
  guint status = mml_http_response_get_status (response);
  g_autofree char *message = reply_message (self, response);
  const char *reason = mml_http_response_get_header (response, "X-Reason");
  g_autofree char *why = NULL;

  if (message == NULL && reason != NULL)
    message = _mml_opensubtitles_sanitize (self, reason);
  why = message != NULL ? g_strdup_printf (": %s", message) : g_strdup ("");

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH,
                          _("OpenSubtitles refused the token or the login (HTTP 401)%s"), why);
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH,
                          _("OpenSubtitles refused the API key or this app (HTTP 403)%s"), why);
    case SOUP_STATUS_GONE:
      return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_LINK_EXPIRED,
                          _("The OpenSubtitles download link has expired (HTTP 410); ask for it again"));
    case STATUS_TOO_MANY_REQUESTS:
      return rate_limited_error (self, response);
    default:
      if (status >= 500)
        return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                            _("OpenSubtitles is having trouble with %s (HTTP %u); try again later"),
                            what, status);
      return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_REFUSED,
                          _("OpenSubtitles refused %s (HTTP %u)%s"), what, status, why);
    }
}

/* --- URLs and headers ---------------------------------------------------- */

char *
_mml_opensubtitles_url (MmlOpenSubtitles *self,
                        const char       *path)
{
  return mml_opensubtitles_api_url (self->base_url, self->base_explicit,
                                    self->token != NULL ? self->login_host : NULL, path);
}

/* "Name", "Value", …, NULL; free with free_headers(): it holds secrets. */
static char **
make_headers (MmlOpenSubtitles *self,
              gboolean          with_token)
{
  GPtrArray *h = g_ptr_array_new ();

  g_ptr_array_add (h, g_strdup ("Api-Key"));
  g_ptr_array_add (h, g_strdup (self->api_key));
  g_ptr_array_add (h, g_strdup ("User-Agent"));
  g_ptr_array_add (h, g_strdup (self->user_agent));
  g_ptr_array_add (h, g_strdup ("Accept"));
  g_ptr_array_add (h, g_strdup ("application/json"));
  if (with_token && self->token != NULL)
    {
      g_ptr_array_add (h, g_strdup ("Authorization"));
      g_ptr_array_add (h, g_strconcat ("Bearer ", self->token, NULL));
    }
  g_ptr_array_add (h, NULL);
  return (char **) g_ptr_array_free (h, FALSE);
}

static void
free_headers (char **headers)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    _mml_opensubtitles_wipe_string (headers[i]);
  g_free (headers);
}

static void
send (MmlOpenSubtitles    *self,
      MmlHttpMethod        method,
      const char          *url,
      const char          *body_json,
      gboolean             with_token,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  char **headers = make_headers (self, with_token);
  g_autoptr(GBytes) body = body_json != NULL ? g_bytes_new (body_json, strlen (body_json)) : NULL;
  MmlHttpSendOptions options = { 0 };

  options.method = method;
  options.headers = (const char *const *) headers;
  options.body = body;
  options.content_type = body != NULL ? MML_HTTP_CONTENT_TYPE_JSON : NULL;
  options.any_status = TRUE;
  mml_http_send_async (self->http, url, &options, cancellable, callback, user_data);
  free_headers (headers);
}

/* --- login --------------------------------------------------------------- */

static char *
login_body (MmlOpenSubtitles *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, self->username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* What a login reply gave: a token and the host to use. */
typedef struct
{
  char  *token;
  char  *host;
} LoginResult;

static void
login_result_free (LoginResult *r)
{
  _mml_opensubtitles_wipe_string (r->token);
  g_free (r->host);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoginResult, login_result_free)

static GError *
login_error (MmlOpenSubtitles *self,
             MmlHttpResponse  *response)
{
  guint status = mml_http_response_get_status (response);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH,
                          _("OpenSubtitles refused the username or password (HTTP 401); check them in Settings"));
    case SOUP_STATUS_BAD_REQUEST:
      return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_AUTH,
                          _("OpenSubtitles refused the login (HTTP 400); give the username, not the e-mail address"));
    default:
      return _mml_opensubtitles_status_error (self, response, _("the login"));
    }
}

static void
login_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(LoginResult) login = g_new0 (LoginResult, 1);
  GError *error = NULL;
  const char *token;

  response = mml_http_send_finish (MML_HTTP (object), result, &error);
  /* The gap runs from the reply as well as from the request: the server
   * counts arrivals, and a first login that waited on a new connection
   * arrives late. */
  self->last_login = g_get_monotonic_time ();
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (mml_http_response_get_status (response) != SOUP_STATUS_OK)
    {
      g_task_return_error (task, login_error (self, response));
      return;
    }
  if ((root = _mml_opensubtitles_dup_object (response, _("a login reply"), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  token = mml_json_get_string (root, "token");
  if (token == NULL || strlen (token) > OPENSUBTITLES_MAX_TOKEN || strpbrk (token, " \t\r\n") != NULL
      || !g_str_is_ascii (token))
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED,
                               _("OpenSubtitles sent a login reply without a usable token"));
      return;
    }
  login->token = g_strdup (token);
  login->host = mml_json_dup_string (root, "base_url");
  g_task_return_pointer (task, g_steal_pointer (&login), (GDestroyNotify) login_result_free);
}

/* POST /login with the current username and password → a LoginResult. */
static void
login_send (MmlOpenSubtitles    *self,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  g_autofree char *url = mml_opensubtitles_api_url (self->base_url, self->base_explicit, NULL, "/login");
  char *body = login_body (self);

  g_task_set_source_tag (task, login_send);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);
  self->last_login = g_get_monotonic_time ();
  /* not a caller's cancellable: every waiting call shares this login */
  send (self, MML_HTTP_METHOD_POST, url, body, FALSE, NULL, login_sent_cb, task);
  _mml_opensubtitles_wipe_string (body);
}

/* --- calls: sign in first (once for all), again once after a 401 ---------- */

typedef struct
{
  MmlHttpMethod method;
  char         *path;
  char         *body;          /* secret-free, but wiped all the same */
  gboolean      needs_login;
  gboolean      relogged;      /* signed in again after a refusal */
  gboolean      resent;        /* sent once more after a short 429 */
  char         *token_used;
  GSource      *cancel_source; /* while waiting for the login */
} CallJob;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
call_job_free (CallJob *job)
{
  g_assert (job->cancel_source == NULL);
  g_free (job->path);
  _mml_opensubtitles_wipe_string (job->body);
  _mml_opensubtitles_wipe_string (job->token_used);
  g_free (job);
}

static void call_send_or_wait (GTask *task);
static void login_start (MmlOpenSubtitles *self);

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  CallJob *job = g_task_get_task_data (task);
  g_autoptr(MmlHttpResponse) response = NULL;
  GError *error = NULL;
  guint status;

  if ((response = mml_http_send_finish (MML_HTTP (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  status = mml_http_response_get_status (response);
  if (is_token_refusal (response) && job->token_used != NULL && has_user (self) && !job->relogged)
    {
      /* The token expired or was revoked: sign in again (unless another
       * call already did) and send once more. */
      job->relogged = TRUE;
      if (g_strcmp0 (self->token, job->token_used) == 0)
        _mml_opensubtitles_forget_token (self);
      call_send_or_wait (task);
      return;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_task_return_error (task, _mml_opensubtitles_status_error (self, response, _("the request")));
      g_object_unref (task);
      return;
    }
  if (status == STATUS_TOO_MANY_REQUESTS && job->method == MML_HTTP_METHOD_POST && !job->resent
      && retry_after (response) <= OPENSUBTITLES_MAX_POST_WAIT_SECONDS)
    {
      /* Refused before it was counted: once more; MmlHttp holds it back
       * as long as the server asked. */
      job->resent = TRUE;
      call_send_or_wait (task);
      return;
    }
  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      g_task_return_error (task, rate_limited_error (self, response));
      g_object_unref (task);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) mml_http_response_unref);
  g_object_unref (task);
}

static void
call_send (GTask *task)
{
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  CallJob *job = g_task_get_task_data (task);
  g_autofree char *url = _mml_opensubtitles_url (self, job->path);

  _mml_opensubtitles_wipe_string (job->token_used);
  job->token_used = g_strdup (self->token);
  send (self, job->method, url, job->body, TRUE, g_task_get_cancellable (task), call_done_cb, task);
}

/* A call cancelled while it waits for the login stops waiting; the login
 * goes on for the others. */
static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  CallJob *job = g_task_get_task_data (task);

  g_assert (g_queue_find (&self->waiters, task) != NULL);
  g_queue_remove (&self->waiters, task);
  clear_source (&job->cancel_source);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Takes @task's reference. */
static void
call_send_or_wait (GTask *task)
{
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  CallJob *job = g_task_get_task_data (task);

  if (self->api_key == NULL)
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                               _("OpenSubtitles needs an API key; add one in Settings"));
      g_object_unref (task);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (self->token != NULL && g_get_real_time () - self->token_time > OPENSUBTITLES_TOKEN_LIFETIME_USEC)
    _mml_opensubtitles_forget_token (self);
  if (self->token != NULL || !has_user (self) || !(job->needs_login || job->relogged))
    {
      call_send (task);
      return;
    }
  g_queue_push_tail (&self->waiters, task);
  if (g_task_get_cancellable (task) != NULL)
    {
      job->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb), task, NULL);
      g_source_attach (job->cancel_source, g_task_get_context (task));
    }
  if (!self->logging_in)
    login_start (self);
}

/* The next waiter (owned), no longer watching its cancellable, or NULL. */
static GTask *
pop_waiter (GQueue *waiters)
{
  GTask *task = g_queue_pop_head (waiters);

  if (task != NULL)
    clear_source (&((CallJob *) g_task_get_task_data (task))->cancel_source);
  return task;
}

static void
shared_login_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MmlOpenSubtitles) self = user_data;
  g_autoptr(LoginResult) login = NULL;
  g_autoptr(GError) error = NULL;
  GQueue waiters;
  GTask *task;

  guint generation = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));

  login = g_task_propagate_pointer (G_TASK (result), &error);
  self->logging_in = FALSE;
  waiters = self->waiters;
  g_queue_init (&self->waiters);

  if (generation != self->generation)
    {
      /* The credentials changed meanwhile: start over with the new ones. */
      while ((task = pop_waiter (&waiters)) != NULL)
        call_send_or_wait (task);
      return;
    }
  if (login != NULL)
    {
      _mml_opensubtitles_forget_token (self);
      self->token = g_steal_pointer (&login->token);
      self->token_time = g_get_real_time ();
      if (g_strcmp0 (self->login_host, login->host) != 0)
        {
          g_autofree char *url = NULL;

          g_free (self->login_host);
          self->login_host = g_steal_pointer (&login->host);
          url = _mml_opensubtitles_url (self, "/");
          _mml_opensubtitles_limit_host (self, url);
        }
    }
  while ((task = pop_waiter (&waiters)) != NULL)
    {
      if (self->token != NULL)
        call_send (task);
      else
        {
          g_task_return_error (task, g_error_copy (error));
          g_object_unref (task);
        }
    }
}

static gboolean
login_timer_cb (gpointer user_data)
{
  MmlOpenSubtitles *self = user_data;

  g_clear_pointer (&self->login_timer, g_source_unref);
  login_send (self, shared_login_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* POST /login, no sooner than a second after the last one. */
static void
login_start (MmlOpenSubtitles *self)
{
  gint64 wait;

  g_assert (!self->logging_in);

  self->logging_in = TRUE;
  wait = self->last_login != 0
         ? self->last_login + OPENSUBTITLES_LOGIN_GAP_USEC - g_get_monotonic_time ()
         : 0;
  if (wait <= 0)
    {
      login_send (self, shared_login_done_cb, g_object_ref (self));
      return;
    }
  g_debug ("next login in %" G_GINT64_FORMAT " ms", wait / 1000);
  self->login_timer = g_timeout_source_new ((guint) ((wait + 999) / 1000));
  g_source_set_callback (self->login_timer, login_timer_cb, g_object_ref (self), g_object_unref);
  g_source_attach (self->login_timer, self->context);
}

void
_mml_opensubtitles_call_async (MmlOpenSubtitles    *self,
                               MmlHttpMethod        method,
                               const char          *path,
                               const char          *body_json,
                               gboolean             needs_login,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallJob *job = g_new0 (CallJob, 1);

  g_task_set_source_tag (task, _mml_opensubtitles_call_async);
  job->method = method;
  job->path = g_strdup (path);
  job->body = g_strdup (body_json);
  job->needs_login = needs_login;
  g_task_set_task_data (task, job, (GDestroyNotify) call_job_free);
  call_send_or_wait (task);
}

MmlHttpResponse *
_mml_opensubtitles_call_finish (MmlOpenSubtitles  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _mml_opensubtitles_call_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}
