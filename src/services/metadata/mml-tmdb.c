/* mml-tmdb.c — the TMDB v3 client: requests, the provider interface, the
 * object. Series with seasons and updates are in mml-tmdb-series.c, the
 * DVD and absolute orders in mml-tmdb-groups.c, parsing in mml-tmdb-parse.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tmdb"

#include "config.h"

#include <string.h>

#include "mml-tmdb-private.h"

/* The old 40 / 10 s limit is gone; a soft cap of ~40–50 / s remains. */
#define TMDB_MAX_CALLS       40
#define TMDB_PER_SECONDS     1

struct _MmlTmdb
{
  GObject            parent_instance;

  MmlHttp           *http;
  char              *base_url;     /* no trailing slash */
  char              *image_url;    /* with a trailing slash */
  char              *credential;   /* stripped; NULL: none */
  MmlTmdbCredential  kind;
  char              *language;
};

static void mml_tmdb_provider_iface_init (MmlProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MmlTmdb, mml_tmdb, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MML_TYPE_PROVIDER, mml_tmdb_provider_iface_init))

/* --- credentials --------------------------------------------------------- */

MmlTmdbCredential
mml_tmdb_credential_kind (const char *credential)
{
  g_autofree char *c = credential != NULL ? g_strstrip (g_strdup (credential)) : NULL;
  gsize len;
  gboolean hex = TRUE;

  if (c == NULL || c[0] == '\0')
    return MML_TMDB_CREDENTIAL_NONE;
  len = strlen (c);
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) c[i] < 0x21 || (guchar) c[i] > 0x7e)
        return MML_TMDB_CREDENTIAL_INVALID;
      hex = hex && g_ascii_isxdigit (c[i]);
    }
  if (len == 32 && hex)
    return MML_TMDB_CREDENTIAL_API_KEY;
  if (g_str_has_prefix (c, "eyJ") || strchr (c, '.') != NULL || len > 40)
    return MML_TMDB_CREDENTIAL_TOKEN;
  return MML_TMDB_CREDENTIAL_API_KEY;
}

/* A new task for @self, or NULL when it has already failed for want of a
 * usable credential. */
GTask *
_mml_tmdb_start_task (MmlTmdb             *self,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->kind == MML_TMDB_CREDENTIAL_NONE)
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_NO_KEY,
                               "TMDB needs an API key or read access token; none is set");
      g_object_unref (task);
      return NULL;
    }
  if (self->kind == MML_TMDB_CREDENTIAL_INVALID)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                               "The TMDB API key or read access token has characters no key can have");
      g_object_unref (task);
      return NULL;
    }
  return task;
}

/* --- requests ------------------------------------------------------------ */

/* GET base + @path + "?" + @query (already escaped) [+ language] + the key. */
void
_mml_tmdb_fetch (MmlTmdb             *self,
                 const char          *path,
                 const char          *query /* nullable */,
                 gboolean             with_language,
                 guint                ttl,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GString) url = g_string_new (self->base_url);
  g_autofree char *bearer = NULL;
  const char *headers[3] = { NULL, NULL, NULL };
  MmlHttpRequest req = { NULL, ttl, NULL };
  char sep = '?';

  g_string_append (url, path);
  if (query != NULL && query[0] != '\0')
    {
      g_string_append_printf (url, "%c%s", sep, query);
      sep = '&';
    }
  if (with_language)
    {
      g_string_append_printf (url, "%clanguage=", sep);
      g_string_append_uri_escaped (url, self->language, NULL, FALSE);
      sep = '&';
    }
  if (self->kind == MML_TMDB_CREDENTIAL_API_KEY)
    {
      g_string_append_printf (url, "%capi_key=", sep);
      g_string_append_uri_escaped (url, self->credential, NULL, FALSE);
    }
  else if (self->kind == MML_TMDB_CREDENTIAL_TOKEN)
    {
      bearer = g_strconcat ("Bearer ", self->credential, NULL);
      headers[0] = "Authorization";
      headers[1] = bearer;
      req.headers = headers;
    }
  mml_http_get_json_async (self->http, url->str, &req, cancellable, callback, user_data);
}

/* Whatever happens, the credential never reaches a message. */
static void
scrub_error (MmlTmdb *self,
             GError  *error)
{
  g_autoptr(GString) message = NULL;

  /* (a key of a few characters would garble every message; it is no
   * secret worth that anyway) */
  if (error == NULL || self->credential == NULL || strlen (self->credential) < 8
      || strstr (error->message, self->credential) == NULL)
    return;
  message = g_string_new (error->message);
  g_string_replace (message, self->credential, "REDACTED", 0);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/* The JSON of a finished request, or NULL with the error: a TMDB error
 * body counts as an error, and an AUTH failure says what to check. */
JsonNode *
_mml_tmdb_finish_json (MmlTmdb       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  GError *local = NULL;
  guint status = 0;
  JsonNode *node = mml_http_get_json_finish (self->http, result, &status, &local);

  if (node != NULL && (local = mml_tmdb_error_from_body (node)) != NULL)
    g_clear_pointer (&node, json_node_unref);
  if (node == NULL)
    {
      if (g_error_matches (local, MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH) && status >= 400)
        {
          g_clear_error (&local);
          local = g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                               "TMDB rejected the API key or read access token (HTTP %u)", status);
        }
      scrub_error (self, local);
      g_propagate_error (error, local);
    }
  return node;
}

static char *
escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_uri_escape_string (valid, NULL, FALSE);
}

gpointer
_mml_tmdb_propagate (MmlProvider   *provider,
                     GAsyncResult  *result,
                     gpointer       source_tag,
                     GError       **error)
{
  g_return_val_if_fail (MML_IS_TMDB (provider), NULL);
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- search -------------------------------------------------------------- */

typedef struct
{
  char *query;   /* escaped */
  int   year;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->query);
  g_free (job);
}

static void search_request (GTask *task);

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTmdb *self = g_task_get_source_object (task);
  SearchJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  GError *error = NULL;

  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node) || !json_object_has_member (json_node_get_object (node), "results")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "results")))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               "TMDB sent search results that are not a list");
      return;
    }
  candidates = mml_tmdb_parse_search (node, self->image_url);
  /* first_air_date_year is strict: a folder's year may be another
   * country's premiere. Nothing with the year: once more without. */
  if (candidates->len == 0 && job->year > 0)
    {
      job->year = 0;
      search_request (g_steal_pointer (&task));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&candidates), (GDestroyNotify) g_ptr_array_unref);
}

/* takes @task */
static void
search_request (GTask *task)
{
  MmlTmdb *self = g_task_get_source_object (task);
  SearchJob *job = g_task_get_task_data (task);
  g_autofree char *query = NULL;

  if (job->year > 0)
    query = g_strdup_printf ("query=%s&include_adult=false&first_air_date_year=%d&page=1",
                             job->query, job->year);
  else
    query = g_strdup_printf ("query=%s&include_adult=false&page=1", job->query);
  _mml_tmdb_fetch (self, "/search/tv", query, TRUE, TMDB_TTL_SECONDS, g_task_get_cancellable (task),
         search_done_cb, task);
}

static void
mml_tmdb_search_async (MmlProvider         *provider,
                       const char          *title,
                       int                  year,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  MmlTmdb *self = MML_TMDB (provider);
  g_autofree char *stripped = NULL;
  SearchJob *job;
  GTask *task;

  g_return_if_fail (title != NULL);

  if ((task = _mml_tmdb_start_task (self, mml_tmdb_search_async, cancellable, callback, user_data)) == NULL)
    return;
  stripped = g_strstrip (g_strdup (title));
  if (stripped[0] == '\0')
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  job = g_new0 (SearchJob, 1);
  job->query = escape (stripped);
  job->year = year >= 1800 && year <= 2200 ? year : 0;
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  search_request (task);
}

static GPtrArray *
mml_tmdb_search_finish (MmlProvider   *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _mml_tmdb_propagate (provider, result, mml_tmdb_search_async, error);
}

/* --- lookup by another site's id ----------------------------------------- */

typedef struct
{
  MmlExternalKind kind;
  char           *id;
} LookupJob;

static void
lookup_job_free (LookupJob *job)
{
  g_free (job->id);
  g_free (job);
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTmdb *self = g_task_get_source_object (task);
  LookupJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  MmlMetaSeries *series = NULL;
  JsonArray *results = NULL;
  GError *error = NULL;

  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    {
      if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
        {
          g_error_free (error);
          g_task_return_pointer (task, NULL, NULL);   /* TMDB does not know it */
        }
      else
        g_task_return_error (task, error);
      return;
    }

  if (job->kind == MML_EXTERNAL_TMDB)
    {
      if ((series = mml_tmdb_parse_series (node, self->image_url)) == NULL)
        {
          g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                                   "TMDB sent a series page that is not a series");
          return;
        }
      g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "tv_results")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "tv_results")))
    results = json_object_get_array_member (json_node_get_object (node), "tv_results");
  if (results == NULL)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               "TMDB sent a find answer without a list of series");
      return;
    }
  for (guint i = 0; i < json_array_get_length (results) && series == NULL; i++)
    series = mml_tmdb_parse_series (json_array_get_element (results, i), self->image_url);
  /* TMDB has just told us how the two ids relate. */
  if (series != NULL && job->kind == MML_EXTERNAL_TVDB && series->tvdb_id == 0)
    g_ascii_string_to_signed (job->id, 10, 1, G_MAXINT64, &series->tvdb_id, NULL);
  if (series != NULL && job->kind == MML_EXTERNAL_IMDB && series->imdb_id == NULL)
    series->imdb_id = g_strdup (job->id);
  g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
}

/* A normalised id TMDB can be asked about, or NULL: it cannot know it. */
static char *
normalize_external_id (MmlExternalKind  kind,
                       const char      *id)
{
  g_autofree char *c = g_strstrip (g_strdup (id));
  guint64 n;

  if (kind == MML_EXTERNAL_IMDB)
    {
      if (g_ascii_strncasecmp (c, "tt", 2) != 0 || c[2] == '\0' || strlen (c) > 20)
        return NULL;
      for (const char *p = c + 2; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return NULL;
      c[0] = c[1] = 't';
      return g_steal_pointer (&c);
    }
  if (!g_ascii_string_to_unsigned (c, 10, 1, G_MAXINT64, &n, NULL))
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static void
mml_tmdb_lookup_async (MmlProvider         *provider,
                       MmlExternalKind      kind,
                       const char          *id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  MmlTmdb *self = MML_TMDB (provider);
  g_autofree char *path = NULL;
  LookupJob *job;
  GTask *task;

  g_return_if_fail (id != NULL);

  if ((task = _mml_tmdb_start_task (self, mml_tmdb_lookup_async, cancellable, callback, user_data)) == NULL)
    return;
  if (kind != MML_EXTERNAL_TVDB && kind != MML_EXTERNAL_IMDB && kind != MML_EXTERNAL_TMDB)
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               "TMDB cannot look series up by that kind of id");
      g_object_unref (task);
      return;
    }
  job = g_new0 (LookupJob, 1);
  job->kind = kind;
  job->id = normalize_external_id (kind, id);
  g_task_set_task_data (task, job, (GDestroyNotify) lookup_job_free);
  if (job->id == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  if (kind == MML_EXTERNAL_TMDB)
    {
      /* the same request as get_series makes, so it can share the cache */
      path = g_strconcat ("/tv/", job->id, NULL);
      _mml_tmdb_fetch (self, path, SERIES_QUERY, TRUE, TMDB_TTL_SECONDS, cancellable, lookup_done_cb, task);
      return;
    }
  path = g_strconcat ("/find/", job->id, NULL);
  _mml_tmdb_fetch (self, path, kind == MML_EXTERNAL_TVDB ? "external_source=tvdb_id" : "external_source=imdb_id",
         TRUE, TMDB_TTL_SECONDS, cancellable, lookup_done_cb, task);
}

static MmlMetaSeries *
mml_tmdb_lookup_finish (MmlProvider   *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _mml_tmdb_propagate (provider, result, mml_tmdb_lookup_async, error);
}

/* --- test: /configuration, never from the cache -------------------------- */

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTmdb *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    g_task_return_error (task, error);
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                             "TMDB sent a configuration that is not an object");
  else
    g_task_return_boolean (task, TRUE);
}

static void
mml_tmdb_test_async (MmlProvider         *provider,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  MmlTmdb *self = MML_TMDB (provider);
  GTask *task;

  if ((task = _mml_tmdb_start_task (self, mml_tmdb_test_async, cancellable, callback, user_data)) == NULL)
    return;
  _mml_tmdb_fetch (self, "/configuration", NULL, FALSE, 0, cancellable, test_done_cb, task);
}

static gboolean
mml_tmdb_test_finish (MmlProvider   *provider,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (MML_IS_TMDB (provider), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tmdb_test_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the provider interface ---------------------------------------------- */

static MmlMetaProvider
mml_tmdb_get_kind (MmlProvider *provider)
{
  return MML_META_PROVIDER_TMDB;
}

static guint
mml_tmdb_get_orders (MmlProvider *provider)
{
  /* DVD and absolute where a series has such an episode group: a series
   * without one fails get_series with MML_PROVIDER_ERROR_UNSUPPORTED */
  return MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_AIRED)
         | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_DVD)
         | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_ABSOLUTE);
}

static void
mml_tmdb_provider_iface_init (MmlProviderInterface *iface)
{
  iface->get_kind = mml_tmdb_get_kind;
  iface->get_orders = mml_tmdb_get_orders;
  iface->search_async = mml_tmdb_search_async;
  iface->search_finish = mml_tmdb_search_finish;
  iface->get_series_async = _mml_tmdb_get_series_async;
  iface->get_series_finish = _mml_tmdb_get_series_finish;
  iface->lookup_async = mml_tmdb_lookup_async;
  iface->lookup_finish = mml_tmdb_lookup_finish;
  iface->test_async = mml_tmdb_test_async;
  iface->test_finish = mml_tmdb_test_finish;
  iface->updates_async = _mml_tmdb_updates_async;
  iface->updates_finish = _mml_tmdb_updates_finish;
}

/* --- object -------------------------------------------------------------- */

static void
mml_tmdb_dispose (GObject *object)
{
  MmlTmdb *self = MML_TMDB (object);

  g_clear_object (&self->http);
  G_OBJECT_CLASS (mml_tmdb_parent_class)->dispose (object);
}

static void
mml_tmdb_finalize (GObject *object)
{
  MmlTmdb *self = MML_TMDB (object);

  g_free (self->base_url);
  g_free (self->image_url);
  g_free (self->credential);
  g_free (self->language);
  G_OBJECT_CLASS (mml_tmdb_parent_class)->finalize (object);
}

static void
mml_tmdb_class_init (MmlTmdbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_tmdb_dispose;
  object_class->finalize = mml_tmdb_finalize;
}

static void
mml_tmdb_init (MmlTmdb *self)
{
  self->language = g_strdup (MML_TMDB_DEFAULT_LANGUAGE);
}

/**
 * mml_tmdb_new:
 * @http: the shared HTTP layer
 * @base_url: (nullable): the API root; %NULL: `$MML_TMDB_URL`, else
 *   https://api.themoviedb.org/3
 * @credential: (nullable): a v3 API key or a v4 read access token
 *
 * Returns: (transfer full): a TMDB client
 */
MmlTmdb *
mml_tmdb_new (MmlHttp    *http,
              const char *base_url,
              const char *credential)
{
  MmlTmdb *self;
  const char *image_url;
  gsize len;

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  if (base_url == NULL || base_url[0] == '\0')
    base_url = g_getenv ("MML_TMDB_URL");
  if (base_url == NULL || base_url[0] == '\0')
    base_url = MML_TMDB_DEFAULT_URL;
  image_url = g_getenv ("MML_TMDB_IMAGE_URL");
  if (image_url == NULL || image_url[0] == '\0')
    image_url = MML_TMDB_DEFAULT_IMAGE_URL;

  self = g_object_new (MML_TYPE_TMDB, NULL);
  self->http = g_object_ref (http);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  self->image_url = g_str_has_suffix (image_url, "/") ? g_strdup (image_url)
                                                      : g_strconcat (image_url, "/", NULL);
  mml_tmdb_set_credential (self, credential);

  /* the limit is the server's, its port included: a local stand-in on
   * 127.0.0.1 does not slow down another service on that machine */
  if (mml_http_set_host_limit (http, self->base_url, TMDB_MAX_CALLS, TMDB_PER_SECONDS))
    mml_http_set_host_label (http, self->base_url, "TMDB");
  else
    g_warning ("TMDB base URL “%s” has no host", self->base_url);
  return self;
}

const char *
mml_tmdb_get_base_url (MmlTmdb *self)
{
  g_return_val_if_fail (MML_IS_TMDB (self), NULL);

  return self->base_url;
}

const char *
mml_tmdb_get_image_url (MmlTmdb *self)
{
  g_return_val_if_fail (MML_IS_TMDB (self), NULL);

  return self->image_url;
}

void
mml_tmdb_set_credential (MmlTmdb    *self,
                         const char *credential)
{
  g_return_if_fail (MML_IS_TMDB (self));

  g_clear_pointer (&self->credential, g_free);
  self->kind = mml_tmdb_credential_kind (credential);
  if (self->kind != MML_TMDB_CREDENTIAL_NONE)
    self->credential = g_strstrip (g_strdup (credential));
}

MmlTmdbCredential
mml_tmdb_get_credential_kind (MmlTmdb *self)
{
  g_return_val_if_fail (MML_IS_TMDB (self), MML_TMDB_CREDENTIAL_NONE);

  return self->kind;
}

/* "en", "en-US", "pt-BR", "zh-Hant"… */
static gboolean
language_valid (const char *language)
{
  gsize len = language != NULL ? strlen (language) : 0;
  gsize i = 0;

  while (i < len && g_ascii_isalpha (language[i]))
    i++;
  if (i < 2 || i > 3)
    return FALSE;
  if (i == len)
    return TRUE;
  if (language[i++] != '-' || len - i < 2 || len - i > 4)
    return FALSE;
  for (; i < len; i++)
    if (!g_ascii_isalnum (language[i]))
      return FALSE;
  return TRUE;
}

void
mml_tmdb_set_language (MmlTmdb    *self,
                       const char *language)
{
  g_return_if_fail (MML_IS_TMDB (self));

  g_free (self->language);
  self->language = g_strdup (language_valid (language) ? language : MML_TMDB_DEFAULT_LANGUAGE);
}

const char *
mml_tmdb_get_language (MmlTmdb *self)
{
  g_return_val_if_fail (MML_IS_TMDB (self), NULL);

  return self->language;
}
