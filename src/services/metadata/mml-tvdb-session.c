/* mml-tvdb-session.c — TheTVDB's login and token, and the one way every
 * call goes out: log in first (once for every call waiting), send the token,
 * log in again and retry once when the token is refused
 *
 * The key, the PIN and the token live in memory only: never logged (MmlHttp
 * logs redacted URLs, never bodies or headers), never cached (the login is
 * a POST with ttl 0; the cache keys on URL and body, never on headers),
 * wiped when dropped, and kept out of every error message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvdb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-tvdb-private.h"

/* A sane upper bound for a JWT. */
#define TVDB_MAX_TOKEN 8192

/* --- secrets ------------------------------------------------------------- */

void
_mml_tvdb_wipe_string (char *text)
{
  /* volatile: a memset() right before free() may be optimised away */
  for (volatile char *p = text; p != NULL && *p != '\0'; p++)
    *p = '\0';
  g_free (text);
}

static void
forget_token (MmlTvdb *self)
{
  g_clear_pointer (&self->token, _mml_tvdb_wipe_string);
}

gboolean
_mml_tvdb_has_key (MmlTvdb *self)
{
  return self->api_key != NULL;
}

static GError *
no_key_error (void)
{
  return g_error_new (MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY,
                      _("TheTVDB needs an API key; add one in Settings"));
}

/* A server's message fit for an error: valid UTF-8, short, and without
 * the key, the PIN or the token should the server ever echo one. */
static char *
sanitize (MmlTvdb    *self,
          const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message != NULL ? message : "", -1);
  GString *text = g_string_new (valid);

  if (self->api_key != NULL)
    g_string_replace (text, self->api_key, "REDACTED", 0);
  if (self->pin != NULL)
    g_string_replace (text, self->pin, "REDACTED", 0);
  if (self->token != NULL)
    g_string_replace (text, self->token, "REDACTED", 0);
  /* redacted first, then cut: no half secret survives the cut */
  if (g_utf8_strlen (text->str, -1) > 200)
    g_string_truncate (text, g_utf8_offset_to_pointer (text->str, 200) - text->str);
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    g_string_assign (text, "no reason given");
  return g_string_free (text, FALSE);
}

/* The checked envelope {"status":"success","data":…}: TRUE, or FALSE with
 * an error for a failure envelope or something that is not one. */
static gboolean
check_envelope (MmlTvdb     *self,
                JsonNode    *root,
                const char  *what,
                GError     **error)
{
  JsonObject *o;
  const char *status;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   "TheTVDB sent %s that is not an object", what);
      return FALSE;
    }
  o = json_node_get_object (root);
  status = mml_json_get_string (o, "status");
  if (status != NULL && g_ascii_strcasecmp (status, "success") != 0)
    {
      g_autofree char *message = sanitize (self, mml_json_get_string (o, "message"));
      g_autofree char *folded = g_ascii_strdown (message, -1);

      g_set_error (error, MML_HTTP_ERROR,
                   strstr (folded, "unauthorized") != NULL ? MML_HTTP_ERROR_AUTH : MML_HTTP_ERROR_SERVER,
                   "TheTVDB refused %s: %s", what, message);
      return FALSE;
    }
  if (mml_json_member (o, "data") == NULL)
    {
      g_set_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                   "TheTVDB sent %s without any data", what);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
_mml_tvdb_data (JsonNode *root)
{
  return json_object_get_member (json_node_get_object (root), "data");
}

/* --- login --------------------------------------------------------------- */

static char *
login_body (MmlTvdb *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apikey");
  json_builder_add_string_value (builder, self->api_key);
  if (self->pin != NULL)
    {
      json_builder_set_member_name (builder, "pin");
      json_builder_add_string_value (builder, self->pin);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* What a refused login means, in words that name neither key nor PIN. */
static GError *
login_error (MmlTvdb *self,
             GError  *error,
             guint    status)
{
  GError *refused;

  if (!g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH) && status != 400)
    return error;
  if (self->pin != NULL)
    refused = g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                           "TheTVDB refused the API key or PIN (HTTP %u); check them in the preferences",
                           status);
  else if (status == 400)
    refused = g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                           "TheTVDB refused the API key (HTTP 400); a user-subscription key also needs its PIN");
  else
    refused = g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                           "TheTVDB refused the API key (HTTP %u); check it in the preferences", status);
  g_error_free (error);
  return refused;
}

static void
login_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTvdb *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *token;
  guint status = 0;

  if ((root = mml_http_get_json_finish (MML_HTTP (object), result, &status, &error)) == NULL)
    {
      g_task_return_error (task, login_error (self, error, status));
      return;
    }
  if (!check_envelope (self, root, "the login", &error))
    {
      if (error->code == MML_HTTP_ERROR_SERVER)
        error->code = MML_HTTP_ERROR_AUTH;   /* a "failure" login is a refused key */
      g_task_return_error (task, error);
      return;
    }
  token = mml_json_get_string (mml_json_get_object (json_node_get_object (root), "data"), "token");
  if (token == NULL || strlen (token) > TVDB_MAX_TOKEN || strpbrk (token, " \t\r\n") != NULL
      || !g_str_is_ascii (token))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent a login reply without a usable token"));
      return;
    }
  g_task_return_pointer (task, g_strdup (token), (GDestroyNotify) _mml_tvdb_wipe_string);
}

/* POST /login with the current key and PIN → the token. Never cached. */
static void
login_async (MmlTvdb             *self,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = g_strconcat (self->base_url, "/login", NULL);
  char *body = login_body (self);
  MmlHttpRequest req = { NULL, 0, body };

  g_task_set_source_tag (task, login_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);
  mml_http_get_json_async (self->http, url, &req, cancellable, login_done_cb, g_steal_pointer (&task));
  _mml_tvdb_wipe_string (body);
}

static char *
login_finish (MmlTvdb       *self,
              GAsyncResult  *result,
              guint         *generation,
              GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  *generation = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- calls: log in first (once for all), retry once after a 401 ----------- */

typedef struct
{
  char    *path;
  guint    ttl;
  gboolean retried;
  char    *token_used;
  GSource *cancel_source;   /* while waiting for the login */
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
  _mml_tvdb_wipe_string (job->token_used);
  g_free (job);
}

static void call_send_or_wait (GTask *task);
static void login_start (MmlTvdb *self);

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  MmlTvdb *self = g_task_get_source_object (task);
  CallJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error);
  if (root != NULL && !check_envelope (self, root, "the request", &error))
    g_clear_pointer (&root, json_node_unref);
  if (root == NULL && g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH) && !job->retried)
    {
      /* The token expired or was revoked: log in again (unless another
       * call already did) and try once more. */
      g_clear_error (&error);
      job->retried = TRUE;
      if (g_strcmp0 (self->token, job->token_used) == 0)
        forget_token (self);
      call_send_or_wait (task);
      return;
    }
  if (root == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
call_send (GTask *task)
{
  MmlTvdb *self = g_task_get_source_object (task);
  CallJob *job = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (self->base_url, job->path, NULL);
  char *bearer = g_strconcat ("Bearer ", self->token, NULL);
  const char *headers[] = { "Authorization", bearer, NULL };
  MmlHttpRequest req = { headers, job->ttl, NULL };

  _mml_tvdb_wipe_string (job->token_used);
  job->token_used = g_strdup (self->token);
  mml_http_get_json_async (self->http, url, &req, g_task_get_cancellable (task), call_done_cb, task);
  _mml_tvdb_wipe_string (bearer);
}

/* A call cancelled while it waits for the login stops waiting; the login
 * goes on for the others. */
static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  MmlTvdb *self = g_task_get_source_object (task);
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
  MmlTvdb *self = g_task_get_source_object (task);

  if (!_mml_tvdb_has_key (self))
    {
      g_task_return_error (task, no_key_error ());
      g_object_unref (task);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (self->token != NULL)
    {
      call_send (task);
      return;
    }
  g_queue_push_tail (&self->waiters, task);
  if (g_task_get_cancellable (task) != NULL)
    {
      CallJob *job = g_task_get_task_data (task);

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
  g_autoptr(MmlTvdb) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GQueue waiters = G_QUEUE_INIT;
  guint generation;
  GTask *task;

  token = login_finish (self, result, &generation, &error);
  self->logging_in = FALSE;
  waiters = self->waiters;
  g_queue_init (&self->waiters);

  if (generation != self->generation)
    {
      /* The credentials changed meanwhile: start over with the new ones. */
      g_clear_pointer (&token, _mml_tvdb_wipe_string);
      while ((task = pop_waiter (&waiters)) != NULL)
        call_send_or_wait (task);
      return;
    }
  if (token != NULL)
    {
      forget_token (self);
      self->token = g_steal_pointer (&token);
    }
  while ((task = pop_waiter (&waiters)) != NULL)
    {
      if (self->token != NULL)
        call_send_or_wait (task);
      else
        {
          g_task_return_error (task, g_error_copy (error));
          g_object_unref (task);
        }
    }
}

static void
login_start (MmlTvdb *self)
{
  g_assert (!self->logging_in);

  self->logging_in = TRUE;
  /* not the caller's cancellable: other calls wait for this login too */
  login_async (self, NULL, shared_login_done_cb, g_object_ref (self));
}

/* GET base + @path with the token → the checked envelope (a JsonNode
 * object with "data"). */
void
_mml_tvdb_call_async (MmlTvdb             *self,
                      const char          *path,
                      guint                ttl,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallJob *job = g_new0 (CallJob, 1);

  g_task_set_source_tag (task, _mml_tvdb_call_async);
  job->path = g_strdup (path);
  job->ttl = ttl;
  g_task_set_task_data (task, job, (GDestroyNotify) call_job_free);
  call_send_or_wait (task);
}

JsonNode *
_mml_tvdb_call_finish (MmlTvdb       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _mml_tvdb_call_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the connection test: a fresh login ---------------------------------- */

static void
fresh_login_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTvdb *self = MML_TVDB (object);
  g_autofree char *token = NULL;
  GError *error = NULL;
  guint generation;

  if ((token = login_finish (self, result, &generation, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* a good token: keep it, unless the credentials changed meanwhile */
  if (generation == self->generation)
    {
      forget_token (self);
      self->token = g_steal_pointer (&token);
    }
  else
    g_clear_pointer (&token, _mml_tvdb_wipe_string);
  g_task_return_boolean (task, TRUE);
}

void
_mml_tvdb_fresh_login_async (MmlTvdb             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _mml_tvdb_fresh_login_async);
  if (!_mml_tvdb_has_key (self))
    {
      g_task_return_error (task, no_key_error ());
      return;
    }
  login_async (self, cancellable, fresh_login_done_cb, g_steal_pointer (&task));
}

gboolean
_mml_tvdb_fresh_login_finish (MmlTvdb       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _mml_tvdb_fresh_login_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- credentials ---------------------------------------------------------- */

void
_mml_tvdb_clear_secrets (MmlTvdb *self)
{
  g_clear_pointer (&self->api_key, _mml_tvdb_wipe_string);
  g_clear_pointer (&self->pin, _mml_tvdb_wipe_string);
  forget_token (self);
}

/**
 * mml_tvdb_set_credentials:
 * @self: a #MmlTvdb
 * @api_key: (nullable): the API key; %NULL or "" for none
 * @pin: (nullable): the subscriber PIN; %NULL or "" for none
 *
 * Replaces the credentials and drops the token of the old ones; the next
 * call logs in again.
 */
void
mml_tvdb_set_credentials (MmlTvdb    *self,
                          const char *api_key,
                          const char *pin)
{
  g_return_if_fail (MML_IS_TVDB (self));

  _mml_tvdb_clear_secrets (self);
  if (api_key != NULL && api_key[0] != '\0')
    self->api_key = g_strdup (api_key);
  if (pin != NULL && pin[0] != '\0')
    self->pin = g_strdup (pin);
  self->generation++;
}

