/* mml-tvmaze.c — the TVmaze client (its MmlProvider side is in
 * mml-tvmaze-provider.c, parsing in mml-tvmaze-parse.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvmaze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "mml-tvmaze-private.h"

/* TVmaze's edge cache keeps answers up to an hour: so may we. */
#define TVMAZE_TTL_SECONDS 3600
/* The published limit: at least 20 calls every 10 seconds per IP. */
#define TVMAZE_MAX_CALLS   20
#define TVMAZE_PER_SECONDS 10

struct _MmlTvmaze
{
  GObject  parent_instance;

  MmlHttp *http;
  char    *base_url;   /* no trailing slash */
};


G_DEFINE_FINAL_TYPE_WITH_CODE (MmlTvmaze, mml_tvmaze, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MML_TYPE_PROVIDER, _mml_tvmaze_provider_init))

/* --- requests ------------------------------------------------------------ */

static void
fetch_full (MmlTvmaze    *self,
            const char   *path_and_query,
            guint         ttl,
            gboolean      no_redirect,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer      user_data)
{
  g_autofree char *url = g_strconcat (self->base_url, path_and_query, NULL);
  MmlHttpRequest req = { NULL, ttl, NULL, no_redirect };

  mml_http_get_json_async (self->http, url, &req, cancellable, callback, user_data);
}

void
_mml_tvmaze_fetch (MmlTvmaze           *self,
                   const char          *path_and_query,
                   guint                ttl,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  fetch_full (self, path_and_query, ttl, FALSE, cancellable, callback, user_data);
}

/* The task of a public call, tagged with it */
static GTask *
task_new (MmlTvmaze           *self,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  return task;
}

/* The pointer a public call (@tag) returned */
static gpointer
task_finish (MmlTvmaze     *self,
             GAsyncResult  *result,
             gpointer       tag,
             GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *escape (const char *text);

/* GET @prefix + the escaped @query, answered by @done */
static void
query_async (MmlTvmaze           *self,
             gpointer             tag,
             const char          *prefix,
             const char          *query,
             GAsyncReadyCallback  done,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autofree char *q = escape (query);
  g_autofree char *path = g_strconcat (prefix, q, NULL);

  _mml_tvmaze_fetch (self, path, TVMAZE_TTL_SECONDS, cancellable, done,
         task_new (self, tag, cancellable, callback, user_data));
}

static char *
escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_uri_escape_string (valid, NULL, FALSE);
}

GError *
_mml_tvmaze_not_a_show_error (const char *what)
{
  return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                      "TVmaze sent %s that is not a show", what);
}

/* search */

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TVmaze sent search results that are not a list"));
      return;
    }
  g_task_return_pointer (task, mml_tvmaze_parse_search (node), (GDestroyNotify) g_ptr_array_unref);
}

void
mml_tvmaze_search_async (MmlTvmaze           *self,
                         const char          *query,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (query != NULL);

  query_async (self, mml_tvmaze_search_async, "/search/shows?q=", query, search_done_cb, cancellable, callback, user_data);
}

GPtrArray *
mml_tvmaze_search_finish (MmlTvmaze     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return task_finish (self, result, mml_tvmaze_search_async, error);
}

/* singlesearch and lookup: one show, or "no match" */

static gboolean
return_no_match_on_404 (GTask  *task,
                        GError *error)
{
  if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
    {
      g_error_free (error);
      g_task_return_pointer (task, NULL, NULL);
      return TRUE;
    }
  return FALSE;
}

static void
singlesearch_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  MmlMetaSeries *series;
  GError *error = NULL;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    {
      if (!return_no_match_on_404 (task, error))
        g_task_return_error (task, error);
      return;
    }
  if ((series = mml_tvmaze_parse_show (node)) == NULL)
    {
      g_task_return_error (task, _mml_tvmaze_not_a_show_error ("an answer"));
      return;
    }
  g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
}

void
mml_tvmaze_singlesearch_async (MmlTvmaze           *self,
                               const char          *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (query != NULL);

  query_async (self, mml_tvmaze_singlesearch_async, "/singlesearch/shows?q=", query, singlesearch_done_cb, cancellable, callback, user_data);
}

MmlMetaSeries *
mml_tvmaze_singlesearch_finish (MmlTvmaze     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return task_finish (self, result, mml_tvmaze_singlesearch_async, error);
}

static void get_series_done_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
lookup_show_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MmlMetaSeries *series = mml_tvmaze_get_series_finish (MML_TVMAZE (object), result, &error);

  if (series == NULL)
    {
      if (!return_no_match_on_404 (task, error))
        g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
}

/* TVmaze answers a lookup hit with a 301 to /shows/ID (body null). The
 * redirect is read, not followed: the show is fetched from the configured
 * base, so a test server never sends the client to the real host, and the
 * show lands in the same cache entry as every other fetch of it. */
static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTvmaze *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *location = NULL;
  MmlMetaSeries *series;
  GError *error = NULL;
  guint status = 0;
  gint64 id;

  node = mml_http_get_json_finish (MML_HTTP (object), result, &status, &error);
  if (error != NULL)
    {
      if (!return_no_match_on_404 (task, error))
        g_task_return_error (task, error);
      return;
    }

  if (status >= 300 && status < 400)
    {
      location = mml_http_result_get_location (MML_HTTP (object), result);
      if ((id = mml_tvmaze_show_id_from_url (location)) > 0)
        {
          mml_tvmaze_get_series_async (self, id, MML_TVMAZE_SERIES_BASIC,
                                       g_task_get_cancellable (task),
                                       lookup_show_done_cb, g_object_ref (task));
          return;
        }
      g_task_return_error (task, _mml_tvmaze_not_a_show_error ("a lookup redirect"));
      return;
    }

  /* a mirror that answers with the show itself */
  if (node != NULL && (series = mml_tvmaze_parse_show (node)) != NULL)
    {
      g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
      return;
    }
  g_task_return_error (task, _mml_tvmaze_not_a_show_error ("a lookup answer"));
}

void
mml_tvmaze_lookup_async (MmlTvmaze           *self,
                         MmlTvmazeLookup      kind,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  static const char * const params[] = { "thetvdb", "imdb", "tvrage" };
  g_autoptr(GTask) task = NULL;
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (params));
  g_return_if_fail (id != NULL);

  task = task_new (self, mml_tvmaze_lookup_async, cancellable, callback, user_data);
  value = escape (id);
  path = g_strdup_printf ("/lookup/shows?%s=%s", params[kind], value);
  fetch_full (self, path, TVMAZE_TTL_SECONDS, TRUE, cancellable, lookup_done_cb, g_steal_pointer (&task));
}

MmlMetaSeries *
mml_tvmaze_lookup_finish (MmlTvmaze     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return task_finish (self, result, mml_tvmaze_lookup_async, error);
}

/* show with embeds (+ specials) */

typedef struct
{
  gint64               id;
  MmlTvmazeSeriesFlags flags;
  MmlMetaSeries       *series;
} SeriesJob;

static void
series_job_free (SeriesJob *job)
{
  g_clear_pointer (&job->series, mml_meta_series_unref);
  g_free (job);
}

static void
specials_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeriesJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TVmaze sent an episode list that is not a list"));
      return;
    }
  g_clear_pointer (&job->series->episodes, g_ptr_array_unref);
  job->series->episodes = _mml_tvmaze_parse_episodes (json_node_get_array (node));
  g_task_return_pointer (task, g_steal_pointer (&job->series), (GDestroyNotify) mml_meta_series_unref);
}

static void
get_series_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTvmaze *self = g_task_get_source_object (task);
  SeriesJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((job->series = mml_tvmaze_parse_show (node)) == NULL)
    {
      g_task_return_error (task, _mml_tvmaze_not_a_show_error ("a show page"));
      return;
    }
  if ((job->flags & MML_TVMAZE_SERIES_EPISODES) && job->series->episodes == NULL)
    job->series->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);

  if (job->flags & MML_TVMAZE_SERIES_SPECIALS)
    {
      g_autofree char *path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "/episodes?specials=1",
                                               job->series->provider_id);

      GCancellable *cancellable = g_task_get_cancellable (task);

      _mml_tvmaze_fetch (self, path, TVMAZE_TTL_SECONDS, cancellable, specials_done_cb, g_steal_pointer (&task));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&job->series), (GDestroyNotify) mml_meta_series_unref);
}

void
mml_tvmaze_get_series_async (MmlTvmaze            *self,
                             gint64                show_id,
                             MmlTvmazeSeriesFlags  flags,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) path = NULL;
  SeriesJob *job;
  char sep = '?';

  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (show_id > 0);

  task = task_new (self, mml_tvmaze_get_series_async, cancellable, callback, user_data);
  job = g_new0 (SeriesJob, 1);
  job->id = show_id;
  job->flags = flags;
  g_task_set_task_data (task, job, (GDestroyNotify) series_job_free);

  path = g_string_new (NULL);
  g_string_printf (path, "/shows/%" G_GINT64_FORMAT, show_id);
  /* The embedded list has the regular episodes only; with SPECIALS the
   * full list comes from /episodes?specials=1 instead. */
  if ((flags & MML_TVMAZE_SERIES_EPISODES) && !(flags & MML_TVMAZE_SERIES_SPECIALS))
    {
      g_string_append_printf (path, "%cembed%%5B%%5D=episodes", sep);
      sep = '&';
    }
  if (flags & MML_TVMAZE_SERIES_SEASONS)
    {
      g_string_append_printf (path, "%cembed%%5B%%5D=seasons", sep);
      sep = '&';
    }
  if (flags & MML_TVMAZE_SERIES_AKAS)
    g_string_append_printf (path, "%cembed%%5B%%5D=akas", sep);

  _mml_tvmaze_fetch (self, path->str, TVMAZE_TTL_SECONDS, cancellable, get_series_done_cb, g_steal_pointer (&task));
}

MmlMetaSeries *
mml_tvmaze_get_series_finish (MmlTvmaze     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return task_finish (self, result, mml_tvmaze_get_series_async, error);
}

/* updates */

static void
updates_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GArray) updates = NULL;
  GError *error = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  updates = g_array_new (FALSE, FALSE, sizeof (MmlTvmazeUpdate));
  /* An empty map may come back as [] */
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&updates), (GDestroyNotify) g_array_unref);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TVmaze sent updates that are not a map of show ids"));
      return;
    }
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    {
      MmlTvmazeUpdate u = { 0, 0 };
      guint64 id;

      if (!g_ascii_string_to_unsigned (key, 10, 1, G_MAXINT64, &id, NULL)
          || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        continue;
      u.show_id = (gint64) id;
      u.updated = json_node_get_int (value);
      g_array_append_val (updates, u);
    }
  g_task_return_pointer (task, g_steal_pointer (&updates), (GDestroyNotify) g_array_unref);
}

void
mml_tvmaze_updates_async (MmlTvmaze           *self,
                          const char          *since,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (since == NULL || g_str_equal (since, "day") || g_str_equal (since, "week")
                    || g_str_equal (since, "month"));

  task = task_new (self, mml_tvmaze_updates_async, cancellable, callback, user_data);
  path = since != NULL ? g_strconcat ("/updates/shows?since=", since, NULL)
                       : g_strdup ("/updates/shows");
  /* never from the disk cache: the point is to see what is new */
  _mml_tvmaze_fetch (self, path, 0, cancellable, updates_done_cb, g_steal_pointer (&task));
}

GArray *
mml_tvmaze_updates_finish (MmlTvmaze     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return task_finish (self, result, mml_tvmaze_updates_async, error);
}

/* --- object ------------------------------------------------------------ */

static void
mml_tvmaze_dispose (GObject *object)
{
  MmlTvmaze *self = MML_TVMAZE (object);

  g_clear_object (&self->http);
  G_OBJECT_CLASS (mml_tvmaze_parent_class)->dispose (object);
}

static void
mml_tvmaze_finalize (GObject *object)
{
  MmlTvmaze *self = MML_TVMAZE (object);

  g_free (self->base_url);
  G_OBJECT_CLASS (mml_tvmaze_parent_class)->finalize (object);
}

static void
mml_tvmaze_class_init (MmlTvmazeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_tvmaze_dispose;
  object_class->finalize = mml_tvmaze_finalize;
}

static void
mml_tvmaze_init (MmlTvmaze *self)
{
}


/* "N/S" (N calls in any S seconds) into *calls and *seconds; left alone
 * when @text is NULL or not of that form */
static void
parse_rate (const char *text,
            guint      *calls,
            guint      *seconds)
{
  const char *whole = text;
  guint64 n, s;
  char *end;

  if (text == NULL)
    return;
  n = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '/' || n == 0 || n > 100000)
    {
      g_warning ("MML_TVMAZE_RATE “%s” is not N/S (calls per seconds)", whole);
      return;
    }
  text = end + 1;
  s = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || s == 0 || s > 3600)
    {
      g_warning ("MML_TVMAZE_RATE “%s” is not N/S (calls per seconds)", whole);
      return;
    }
  *calls = (guint) n;
  *seconds = (guint) s;
}

/**
 * mml_tvmaze_new:
 * @http: the shared HTTP layer
 * @base_url: (nullable): the API root; %NULL: `$MML_TVMAZE_URL`, else
 *   https://api.tvmaze.com
 *
 * Returns: (transfer full): a TVmaze client
 */
MmlTvmaze *
mml_tvmaze_new (MmlHttp    *http,
                const char *base_url)
{
  MmlTvmaze *self;
  guint max_calls = TVMAZE_MAX_CALLS, per_seconds = TVMAZE_PER_SECONDS;
  gsize len;

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  if (base_url == NULL || base_url[0] == '\0')
    {
      base_url = g_getenv ("MML_TVMAZE_URL");
      /* A local stand-in (benchmarks) may allow more than TVmaze does; the
       * real service always gets its published limit. */
      if (base_url != NULL && base_url[0] != '\0')
        parse_rate (g_getenv ("MML_TVMAZE_RATE"), &max_calls, &per_seconds);
    }
  if (base_url == NULL || base_url[0] == '\0')
    base_url = MML_TVMAZE_DEFAULT_URL;

  self = g_object_new (MML_TYPE_TVMAZE, NULL);
  self->http = g_object_ref (http);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';

  /* the limit is the server's, its port included: a local stand-in on
   * 127.0.0.1 does not slow down another service on that machine */
  if (mml_http_set_host_limit (http, self->base_url, max_calls, per_seconds))
    mml_http_set_host_label (http, self->base_url, "TVmaze");
  else
    g_warning ("TVmaze base URL “%s” has no host", self->base_url);
  return self;
}

const char *
mml_tvmaze_get_base_url (MmlTvmaze *self)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);

  return self->base_url;
}
