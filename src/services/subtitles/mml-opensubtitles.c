/* mml-opensubtitles.c — the OpenSubtitles client: search, download, the
 * account test (its session is in mml-opensubtitles-session.c, parsing,
 * ranking and the movie hash in mml-opensubtitles-parse.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-opensubtitles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-opensubtitles-private.h"

#define STATUS_NOT_ACCEPTABLE 406
/* A subtitle file is small; anything this big is not one. */
#define OPENSUBTITLES_MAX_FILE (4 * 1024 * 1024)

G_DEFINE_QUARK (mml-opensubtitles-error-quark, mml_opensubtitles_error)

G_DEFINE_FINAL_TYPE (MmlOpenSubtitles, mml_opensubtitles, G_TYPE_OBJECT)

static void
mml_opensubtitles_dispose (GObject *object)
{
  MmlOpenSubtitles *self = MML_OPENSUBTITLES (object);

  /* a pending login timer holds a reference: none is left by now */
  g_assert (self->login_timer == NULL);
  g_assert (g_queue_is_empty (&self->waiters));
  g_clear_object (&self->http);
  G_OBJECT_CLASS (mml_opensubtitles_parent_class)->dispose (object);
}

static void
mml_opensubtitles_finalize (GObject *object)
{
  MmlOpenSubtitles *self = MML_OPENSUBTITLES (object);

  _mml_opensubtitles_clear_secrets (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base_url);
  g_free (self->user_agent);
  g_free (self->login_host);
  G_OBJECT_CLASS (mml_opensubtitles_parent_class)->finalize (object);
}

static void
mml_opensubtitles_class_init (MmlOpenSubtitlesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_opensubtitles_dispose;
  object_class->finalize = mml_opensubtitles_finalize;
}

static void
mml_opensubtitles_init (MmlOpenSubtitles *self)
{
  g_queue_init (&self->waiters);
  self->quota.requests = -1;
  self->quota.remaining = -1;
}

void
_mml_opensubtitles_limit_host (MmlOpenSubtitles *self,
                               const char       *url)
{
  /* by the URL, not its host: the limit is the server's, port included */
  if (mml_http_set_host_limit (self->http, url, OPENSUBTITLES_MAX_CALLS, OPENSUBTITLES_PER_SECONDS))
    mml_http_set_host_label (self->http, url, "OpenSubtitles");
}

MmlOpenSubtitles *
mml_opensubtitles_new (MmlHttp    *http,
                       const char *base_url)
{
  MmlOpenSubtitles *self;
  gsize len;

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  self = g_object_new (MML_TYPE_OPENSUBTITLES, NULL);
  self->http = g_object_ref (http);
  self->context = g_main_context_ref_thread_default ();
  self->base_explicit = base_url != NULL && base_url[0] != '\0';
  self->base_url = g_strdup (self->base_explicit ? base_url : MML_OPENSUBTITLES_DEFAULT_URL);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  /* what the API asks for: "<registered app> v<version>" */
  self->user_agent = g_strdup ("MyMediaLibrary v" PACKAGE_VERSION);
  _mml_opensubtitles_limit_host (self, self->base_url);
  return self;
}

void
mml_opensubtitles_set_credentials (MmlOpenSubtitles *self,
                                   const char       *api_key,
                                   const char       *username,
                                   const char       *password)
{
  g_return_if_fail (MML_IS_OPENSUBTITLES (self));

  _mml_opensubtitles_clear_secrets (self);
  if (api_key != NULL && api_key[0] != '\0')
    self->api_key = g_strdup (api_key);
  if (username != NULL && username[0] != '\0' && password != NULL && password[0] != '\0')
    {
      self->username = g_strdup (username);
      self->password = g_strdup (password);
    }
  self->generation++;
}

gboolean
mml_opensubtitles_get_quota (MmlOpenSubtitles *self,
                             MmlSubtitleQuota *out_quota)
{
  g_return_val_if_fail (MML_IS_OPENSUBTITLES (self), FALSE);
  g_return_val_if_fail (out_quota != NULL, FALSE);

  *out_quota = self->quota;
  return self->has_quota;
}

/* --- search -------------------------------------------------------------- */

typedef struct
{
  MmlSubtitleQuery query;       /* languages: the copy below */
  char           **languages;
  gboolean         by_episode_id;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_strfreev (job->languages);
  g_free (job);
}

static void search_send (GTask *task);

static gboolean
can_fall_back (const MmlSubtitleQuery *query)
{
  return query->imdb_id > 0 || query->tmdb_id > 0;
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlOpenSubtitles *self = MML_OPENSUBTITLES (object);
  SearchJob *job = g_task_get_task_data (task);
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  GError *error = NULL;

  if ((response = _mml_opensubtitles_call_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (mml_http_response_get_status (response) != SOUP_STATUS_OK)
    {
      g_task_return_error (task, _mml_opensubtitles_status_error (self, response, _("the search")));
      return;
    }
  if ((root = _mml_opensubtitles_dup_object (response, _("search results"), &error)) == NULL
      || (candidates = _mml_opensubtitles_parse_search (root, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (candidates->len == 0 && !job->by_episode_id && can_fall_back (&job->query))
    {
      /* nothing for the series + season + episode: ask by the episode's id */
      job->by_episode_id = TRUE;
      search_send (g_steal_pointer (&task));
      return;
    }
  mml_opensubtitles_rank (candidates, &job->query);
  g_task_return_pointer (task, g_steal_pointer (&candidates), (GDestroyNotify) g_ptr_array_unref);
}

/* Takes @task. */
static void
search_send (GTask *task)
{
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  SearchJob *job = g_task_get_task_data (task);
  g_autofree char *params = mml_opensubtitles_search_params (&job->query, job->by_episode_id);
  g_autofree char *path = NULL;

  if (params == NULL && !job->by_episode_id && can_fall_back (&job->query))
    {
      job->by_episode_id = TRUE;
      params = mml_opensubtitles_search_params (&job->query, TRUE);
    }
  if (params == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Nothing to search subtitles by: no movie hash and no id");
      g_object_unref (task);
      return;
    }
  path = g_strconcat ("/subtitles?", params, NULL);
  _mml_opensubtitles_call_async (self, MML_HTTP_METHOD_GET, path, NULL, FALSE,
                                 g_task_get_cancellable (task), search_done_cb, task);
}

void
mml_opensubtitles_search_async (MmlOpenSubtitles       *self,
                                const MmlSubtitleQuery *query,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  GTask *task;
  SearchJob *job;

  g_return_if_fail (MML_IS_OPENSUBTITLES (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_opensubtitles_search_async);
  job = g_new0 (SearchJob, 1);
  job->query = *query;
  job->languages = g_strdupv ((char **) query->languages);
  job->query.languages = (const char *const *) job->languages;
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  search_send (task);
}

GPtrArray *
mml_opensubtitles_search_finish (MmlOpenSubtitles  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (MML_IS_OPENSUBTITLES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_opensubtitles_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- download ------------------------------------------------------------ */

typedef struct
{
  gint64           file_id;
  MmlSubtitleQuota quota;
  gboolean         has_quota;   /* the download reply (or its 406) said it */
  char            *file_name;
} DownloadJob;

static void
download_job_free (DownloadJob *job)
{
  g_free (job->file_name);
  g_free (job);
}

static GError *
quota_error (const MmlSubtitleQuota *quota)
{
  g_autoptr(GDateTime) reset = NULL;
  g_autofree char *when = NULL;

  if (quota->reset_time_utc > 0 && (reset = g_date_time_new_from_unix_utc (quota->reset_time_utc)) != NULL)
    when = g_date_time_format (reset, "%Y-%m-%d %H:%M UTC");
  if (when != NULL)
    return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA,
                        _("The OpenSubtitles download quota is used up until %s"), when);
  return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA,
                      _("The OpenSubtitles download quota is used up"));
}

static void
file_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlOpenSubtitles *self = g_task_get_source_object (task);
  g_autoptr(MmlHttpResponse) response = NULL;
  GError *error = NULL;

  if ((response = mml_http_send_finish (MML_HTTP (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (mml_http_response_get_status (response) != SOUP_STATUS_OK)
    {
      g_task_return_error (task, _mml_opensubtitles_status_error (self, response, _("the subtitle file")));
      return;
    }
  g_task_return_pointer (task, g_bytes_ref (mml_http_response_get_body (response)),
                         (GDestroyNotify) g_bytes_unref);
}

/* The download link, if it is one to follow: an absolute http(s) URL
 * (plain http only when the client's own base URL is). */
static gboolean
link_ok (MmlOpenSubtitles *self,
         const char       *link)
{
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;

  if (link == NULL
      || !g_uri_split (link, G_URI_FLAGS_NONE, &scheme, NULL, &host, NULL, NULL, NULL, NULL, NULL)
      || host == NULL || host[0] == '\0' || scheme == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  return g_ascii_strcasecmp (scheme, "http") == 0 && g_str_has_prefix (self->base_url, "http:");
}

static void
download_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlOpenSubtitles *self = MML_OPENSUBTITLES (object);
  DownloadJob *job = g_task_get_task_data (task);
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(JsonObject) root = NULL;
  const char *headers[] = { "User-Agent", self->user_agent, NULL };
  MmlHttpSendOptions options = { 0 };
  GError *error = NULL;
  const char *link;
  guint status;

  if ((response = _mml_opensubtitles_call_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = mml_http_response_get_status (response);
  if (status == STATUS_NOT_ACCEPTABLE)
    {
      /* the quota is used up: say until when, never try again by itself */
      root = _mml_opensubtitles_dup_object (response, _("a quota reply"), NULL);
      _mml_opensubtitles_parse_quota (root, &job->quota);
      job->quota.remaining = 0;
      job->has_quota = TRUE;
      _mml_opensubtitles_set_quota (self, &job->quota);
      g_task_return_error (task, quota_error (&job->quota));
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, _mml_opensubtitles_status_error (self, response, _("the download")));
      return;
    }
  if ((root = _mml_opensubtitles_dup_object (response, _("a download reply"), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  _mml_opensubtitles_parse_quota (root, &job->quota);
  job->has_quota = TRUE;
  _mml_opensubtitles_set_quota (self, &job->quota);
  job->file_name = mml_json_dup_string (root, "file_name");
  link = mml_json_get_string (root, "link");
  if (!link_ok (self, link))
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED,
                               _("OpenSubtitles sent a download reply without a usable link"));
      return;
    }
  /* The link needs neither key nor token: they are not sent to its host. */
  options.method = MML_HTTP_METHOD_GET;
  options.headers = headers;
  options.any_status = TRUE;
  options.max_body = OPENSUBTITLES_MAX_FILE;
  mml_http_send_async (self->http, link, &options, g_task_get_cancellable (task),
                       file_done_cb, g_object_ref (task));
}

void
mml_opensubtitles_download_async (MmlOpenSubtitles    *self,
                                  gint64               file_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *body = NULL;
  DownloadJob *job;

  g_return_if_fail (MML_IS_OPENSUBTITLES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_opensubtitles_download_async);
  job = g_new0 (DownloadJob, 1);
  job->file_id = file_id;
  g_task_set_task_data (task, job, (GDestroyNotify) download_job_free);

  if (file_id <= 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No such subtitle file: %" G_GINT64_FORMAT, file_id);
      return;
    }
  if (self->has_quota && self->quota.remaining == 0
      && self->quota.reset_time_utc > g_get_real_time () / G_USEC_PER_SEC)
    {
      /* known to be refused: do not ask */
      job->quota = self->quota;
      job->has_quota = TRUE;
      g_task_return_error (task, quota_error (&self->quota));
      return;
    }
  body = g_strdup_printf ("{\"file_id\":%" G_GINT64_FORMAT "}", file_id);
  _mml_opensubtitles_call_async (self, MML_HTTP_METHOD_POST, "/download", body, TRUE,
                                 cancellable, download_done_cb, g_steal_pointer (&task));
}

GBytes *
mml_opensubtitles_download_finish (MmlOpenSubtitles  *self,
                                   GAsyncResult      *result,
                                   MmlSubtitleQuota  *out_quota,
                                   char             **out_file_name,
                                   GError           **error)
{
  DownloadJob *job;

  g_return_val_if_fail (MML_IS_OPENSUBTITLES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_opensubtitles_download_async, NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (out_quota != NULL)
    *out_quota = job->has_quota ? job->quota : self->quota;
  if (out_file_name != NULL)
    *out_file_name = g_strdup (job->file_name);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the account test ---------------------------------------------------- */

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlOpenSubtitles *self = MML_OPENSUBTITLES (object);
  g_autoptr(MmlHttpResponse) response = NULL;
  g_autoptr(JsonObject) root = NULL;
  MmlSubtitleAccount *account;
  MmlSubtitleQuota quota = { -1, -1, 0, 0 };
  JsonObject *data;
  GError *error = NULL;

  if ((response = _mml_opensubtitles_call_finish (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (mml_http_response_get_status (response) != SOUP_STATUS_OK)
    {
      g_task_return_error (task, _mml_opensubtitles_status_error (self, response, _("the account query")));
      return;
    }
  if ((root = _mml_opensubtitles_dup_object (response, _("the account"), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((data = mml_json_get_object (root, "data")) == NULL)
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_MALFORMED,
                               _("OpenSubtitles sent an account reply without its data"));
      return;
    }
  account = g_new0 (MmlSubtitleAccount, 1);
  account->username = mml_json_dup_string (data, "username");
  account->level = mml_json_dup_string (data, "level");
  mml_json_get_bool (data, "vip", &account->vip);
  account->allowed_downloads = mml_json_get_small_int (data, "allowed_downloads", -1);
  account->remaining_downloads = mml_json_get_small_int (data, "remaining_downloads", -1);
  account->downloads_count = mml_json_get_small_int (data, "downloads_count", -1);
  if (account->remaining_downloads >= 0)
    {
      quota.remaining = account->remaining_downloads;
      quota.requests = account->downloads_count;
      if (self->has_quota)
        quota.reset_time_utc = self->quota.reset_time_utc;
      _mml_opensubtitles_set_quota (self, &quota);
    }
  g_task_return_pointer (task, account, (GDestroyNotify) mml_subtitle_account_free);
}

void
mml_opensubtitles_test_async (MmlOpenSubtitles    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_OPENSUBTITLES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_opensubtitles_test_async);
  if (self->api_key == NULL || self->username == NULL)
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                               _("OpenSubtitles needs an API key, a username and a password; add them in Settings"));
      return;
    }
  /* a fresh login: the test is of the credentials as they are now */
  if (!self->logging_in)
    _mml_opensubtitles_forget_token (self);
  _mml_opensubtitles_call_async (self, MML_HTTP_METHOD_GET, "/infos/user", NULL, TRUE,
                                 cancellable, test_done_cb, g_steal_pointer (&task));
}

MmlSubtitleAccount *
mml_opensubtitles_test_finish (MmlOpenSubtitles  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (MML_IS_OPENSUBTITLES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_opensubtitles_test_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
