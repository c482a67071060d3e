/* mml-tvdb.c — the TheTVDB v4 client: the provider calls, paging, the object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvdb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-json.h"
#include "mml-tvdb-private.h"

/* TheTVDB expects its clients to cache: search answers for an hour, series
 * records and episode pages for six (refresh goes by /updates). */
#define TVDB_TTL_SEARCH (60 * 60)
#define TVDB_TTL_SERIES (6 * 60 * 60)
/* No limit is published; stay polite all the same. */
#define TVDB_MAX_CALLS   20
#define TVDB_PER_SECONDS 1

static void mml_tvdb_provider_iface_init (MmlProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MmlTvdb, mml_tvdb, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MML_TYPE_PROVIDER, mml_tvdb_provider_iface_init))

static char *
escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_uri_escape_string (valid, NULL, FALSE);
}

static gboolean
return_null_on_404 (GTask  *task,
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

/* --- search -------------------------------------------------------------- */

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *data;

  if ((root = _mml_tvdb_call_finish (MML_TVDB (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = _mml_tvdb_data (root);
  if (!JSON_NODE_HOLDS_ARRAY (data) && !JSON_NODE_HOLDS_NULL (data))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent search results that are not a list"));
      return;
    }
  g_task_return_pointer (task, mml_tvdb_parse_search (data), (GDestroyNotify) g_ptr_array_unref);
}

static void
tvdb_search_async (MmlProvider         *provider,
                   const char          *title,
                   int                  year,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  MmlTvdb *self = MML_TVDB (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *query = escape (title);
  g_autoptr(GString) path = g_string_new ("/search?query=");

  g_task_set_source_tag (task, tvdb_search_async);
  g_string_append_printf (path, "%s&type=series", query);
  if (year > 0)
    g_string_append_printf (path, "&year=%d", year);
  _mml_tvdb_call_async (self, path->str, TVDB_TTL_SEARCH, cancellable, search_done_cb, g_steal_pointer (&task));
}

/* --- one series, its episodes page by page ------------------------------- */

typedef struct
{
  gint64         id;
  const char    *season_type;   /* static */
  MmlMetaSeries *series;
  guint          page;
} SeriesJob;

static void
series_job_free (SeriesJob *job)
{
  g_clear_pointer (&job->series, mml_meta_series_unref);
  g_free (job);
}

static void fetch_episodes (GTask *task);

static void
episodes_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeriesJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *data;
  JsonNode *list;
  JsonObject *links;

  if ((root = _mml_tvdb_call_finish (MML_TVDB (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = _mml_tvdb_data (root);
  list = JSON_NODE_HOLDS_OBJECT (data) ? mml_json_member (json_node_get_object (data), "episodes") : NULL;
  if (list == NULL || (!JSON_NODE_HOLDS_ARRAY (list) && !JSON_NODE_HOLDS_NULL (list)))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent a page of episodes that has no list of episodes"));
      return;
    }
  links = mml_json_get_object (json_node_get_object (root), "links");
  /* Stop at an empty page, at the last one, and at the cap: we never
   * follow "next" itself, only count pages on our own base URL. */
  if (JSON_NODE_HOLDS_ARRAY (list)
      && _mml_tvdb_parse_episodes (json_node_get_array (list), job->series->episodes) > 0
      && mml_json_get_string (links, "next") != NULL)
    {
      if (job->page + 1 < MML_TVDB_MAX_PAGES)
        {
          job->page++;
          fetch_episodes (g_steal_pointer (&task));
          return;
        }
      g_debug ("series %" G_GINT64_FORMAT ": stopped after %u pages of episodes",
               job->id, MML_TVDB_MAX_PAGES);
    }
  _mml_tvdb_complete_seasons (job->series);
  g_task_return_pointer (task, g_steal_pointer (&job->series), (GDestroyNotify) mml_meta_series_unref);
}

/* Takes @task's reference. */
static void
fetch_episodes (GTask *task)
{
  SeriesJob *job = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/series/%" G_GINT64_FORMAT "/episodes/%s?page=%u",
                          job->id, job->season_type, job->page);
  _mml_tvdb_call_async (g_task_get_source_object (task), path, TVDB_TTL_SERIES,
              g_task_get_cancellable (task), episodes_done_cb, task);
}

static void
extended_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SeriesJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  if ((root = _mml_tvdb_call_finish (MML_TVDB (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((job->series = mml_tvdb_parse_series (_mml_tvdb_data (root), job->season_type)) == NULL)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent a series record that is not a series"));
      return;
    }
  if (job->series->seasons == NULL)
    job->series->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
  job->series->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  fetch_episodes (g_steal_pointer (&task));
}

static void
tvdb_get_series_async (MmlProvider         *provider,
                       gint64               id,
                       MmlEpisodeOrder      order,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  MmlTvdb *self = MML_TVDB (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;
  SeriesJob *job;

  g_task_set_source_tag (task, tvdb_get_series_async);
  job = g_new0 (SeriesJob, 1);
  job->id = id;
  g_task_set_task_data (task, job, (GDestroyNotify) series_job_free);
  switch (order)
    {
    case MML_EPISODE_ORDER_AIRED:    job->season_type = "official"; break;
    case MML_EPISODE_ORDER_DVD:      job->season_type = "dvd"; break;
    case MML_EPISODE_ORDER_ABSOLUTE: job->season_type = "absolute"; break;
    default:
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               _("TheTVDB has no episode order %d"), (int) order);
      return;
    }
  path = g_strdup_printf ("/series/%" G_GINT64_FORMAT "/extended?meta=translations", id);
  _mml_tvdb_call_async (self, path, TVDB_TTL_SERIES, cancellable, extended_done_cb, g_steal_pointer (&task));
}

/* --- lookup by another site's id ----------------------------------------- */

static void
lookup_series_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  MmlMetaSeries *series;
  GError *error = NULL;

  if ((root = _mml_tvdb_call_finish (MML_TVDB (object), result, &error)) == NULL)
    {
      if (!return_null_on_404 (task, error))
        g_task_return_error (task, error);
      return;
    }
  if ((series = mml_tvdb_parse_series (_mml_tvdb_data (root), NULL)) == NULL)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent a series record that is not a series"));
      return;
    }
  g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
}

static void
lookup_remote_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *data;
  JsonArray *items;

  if ((root = _mml_tvdb_call_finish (MML_TVDB (object), result, &error)) == NULL)
    {
      if (!return_null_on_404 (task, error))
        g_task_return_error (task, error);
      return;
    }
  data = _mml_tvdb_data (root);
  if (!JSON_NODE_HOLDS_ARRAY (data) && !JSON_NODE_HOLDS_NULL (data))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent remote id results that are not a list"));
      return;
    }
  /* each item has one key: series, movie, episode, people or company */
  items = JSON_NODE_HOLDS_ARRAY (data) ? json_node_get_array (data) : NULL;
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      MmlMetaSeries *series;

      if (JSON_NODE_HOLDS_OBJECT (item)
          && (series = mml_tvdb_parse_series (mml_json_member (json_node_get_object (item), "series"),
                                              NULL)) != NULL)
        {
          g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

static gboolean
all_digits (const char *text)
{
  return text[0] != '\0' && strlen (text) < 20 && strspn (text, "0123456789") == strlen (text);
}

static void
tvdb_lookup_async (MmlProvider         *provider,
                   MmlExternalKind      kind,
                   const char          *id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  MmlTvdb *self = MML_TVDB (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, tvdb_lookup_async);
  if (kind == MML_EXTERNAL_TVDB && all_digits (id))
    {
      path = g_strconcat ("/series/", id, NULL);
      _mml_tvdb_call_async (self, path, TVDB_TTL_SERIES, cancellable, lookup_series_done_cb,
                  g_steal_pointer (&task));
    }
  else if ((kind == MML_EXTERNAL_IMDB && g_ascii_strncasecmp (id, "tt", 2) == 0 && all_digits (id + 2))
           || (kind == MML_EXTERNAL_TMDB && all_digits (id)))
    {
      g_autofree char *lower = g_ascii_strdown (id, -1);

      path = g_strconcat ("/search/remoteid/", lower, NULL);
      _mml_tvdb_call_async (self, path, TVDB_TTL_SERIES, cancellable, lookup_remote_done_cb,
                  g_steal_pointer (&task));
    }
  else
    g_task_return_pointer (task, NULL, NULL);   /* not an id TheTVDB can know */
}

/* --- test: a fresh login ------------------------------------------------- */

static void
tvdb_test_async (MmlProvider         *provider,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  _mml_tvdb_fresh_login_async (MML_TVDB (provider), cancellable, callback, user_data);
}

/* --- updates ------------------------------------------------------------- */

typedef struct
{
  gint64      since;
  guint       page;
  GArray     *ids;
  GHashTable *seen;
} UpdatesJob;

static void
updates_job_free (UpdatesJob *job)
{
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->seen, g_hash_table_unref);
  g_free (job);
}

static void fetch_updates (GTask *task);

static void
updates_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UpdatesJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *data;
  JsonArray *items;
  guint n;

  if ((root = _mml_tvdb_call_finish (MML_TVDB (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = _mml_tvdb_data (root);
  if (!JSON_NODE_HOLDS_ARRAY (data) && !JSON_NODE_HOLDS_NULL (data))
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               _("TheTVDB sent updates that are not a list"));
      return;
    }
  items = JSON_NODE_HOLDS_ARRAY (data) ? json_node_get_array (data) : NULL;
  n = items != NULL ? json_array_get_length (items) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *o;
      const char *type;
      gint64 id = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      o = json_node_get_object (item);
      /* seriesId names the series of an episode record; a series record
       * is its own recordId */
      if (!mml_json_get_int (o, "seriesId", &id) || id <= 0)
        {
          type = mml_json_get_string (o, "recordType");
          if ((type == NULL || g_strcmp0 (type, "series") == 0) && !mml_json_get_int (o, "recordId", &id))
            id = 0;
        }
      if (id > 0 && !g_hash_table_contains (job->seen, &id))
        {
          g_array_append_val (job->ids, id);
          g_hash_table_add (job->seen, g_memdup2 (&id, sizeof id));
        }
    }
  if (n > 0 && mml_json_get_string (mml_json_get_object (json_node_get_object (root), "links"), "next") != NULL
      && job->page + 1 < MML_TVDB_MAX_PAGES)
    {
      job->page++;
      fetch_updates (g_steal_pointer (&task));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&job->ids), (GDestroyNotify) g_array_unref);
}

/* Takes @task's reference. */
static void
fetch_updates (GTask *task)
{
  UpdatesJob *job = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/updates?since=%" G_GINT64_FORMAT "&type=series&page=%u", job->since, job->page);
  /* never from the disk cache: the point is to see what is new */
  _mml_tvdb_call_async (g_task_get_source_object (task), path, 0, g_task_get_cancellable (task),
              updates_done_cb, task);
}

static void
tvdb_updates_async (MmlProvider         *provider,
                    gint64               since,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  UpdatesJob *job = g_new0 (UpdatesJob, 1);

  g_task_set_source_tag (task, tvdb_updates_async);
  job->since = MAX (since, 0);
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) updates_job_free);
  fetch_updates (task);
}

/* --- the provider interface ---------------------------------------------- */

static MmlMetaProvider
tvdb_get_kind (MmlProvider *provider)
{
  return MML_META_PROVIDER_TVDB;
}

static guint
tvdb_get_orders (MmlProvider *provider)
{
  return MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_AIRED)
         | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_DVD)
         | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_ABSOLUTE);
}

static gpointer
propagate (MmlProvider   *provider,
           GAsyncResult  *result,
           gpointer       tag,
           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GPtrArray *
tvdb_search_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return propagate (provider, result, tvdb_search_async, error);
}

static MmlMetaSeries *
tvdb_get_series_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return propagate (provider, result, tvdb_get_series_async, error);
}

static MmlMetaSeries *
tvdb_lookup_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return propagate (provider, result, tvdb_lookup_async, error);
}

static GArray *
tvdb_updates_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return propagate (provider, result, tvdb_updates_async, error);
}

static gboolean
tvdb_test_finish (MmlProvider   *provider,
                  GAsyncResult  *result,
                  GError       **error)
{
  return _mml_tvdb_fresh_login_finish (MML_TVDB (provider), result, error);
}

static void
mml_tvdb_provider_iface_init (MmlProviderInterface *iface)
{
  iface->get_kind = tvdb_get_kind;
  iface->get_orders = tvdb_get_orders;
  iface->search_async = tvdb_search_async;
  iface->search_finish = tvdb_search_finish;
  iface->get_series_async = tvdb_get_series_async;
  iface->get_series_finish = tvdb_get_series_finish;
  iface->lookup_async = tvdb_lookup_async;
  iface->lookup_finish = tvdb_lookup_finish;
  iface->test_async = tvdb_test_async;
  iface->test_finish = tvdb_test_finish;
  iface->updates_async = tvdb_updates_async;
  iface->updates_finish = tvdb_updates_finish;
}

/* --- object -------------------------------------------------------------- */

static void
mml_tvdb_dispose (GObject *object)
{
  MmlTvdb *self = MML_TVDB (object);

  /* a login in flight holds a reference: nobody can be waiting now */
  g_assert (g_queue_is_empty (&self->waiters));
  g_clear_object (&self->http);
  G_OBJECT_CLASS (mml_tvdb_parent_class)->dispose (object);
}

static void
mml_tvdb_finalize (GObject *object)
{
  MmlTvdb *self = MML_TVDB (object);

  g_free (self->base_url);
  _mml_tvdb_clear_secrets (self);
  G_OBJECT_CLASS (mml_tvdb_parent_class)->finalize (object);
}

static void
mml_tvdb_class_init (MmlTvdbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_tvdb_dispose;
  object_class->finalize = mml_tvdb_finalize;
}

static void
mml_tvdb_init (MmlTvdb *self)
{
  g_queue_init (&self->waiters);
}

/**
 * mml_tvdb_new:
 * @http: the shared HTTP layer
 * @base_url: (nullable): the API root; %NULL: `$MML_TVDB_URL`, else
 *   https://api4.thetvdb.com/v4
 * @api_key: (nullable): the project or user API key
 * @pin: (nullable): the subscriber PIN of a user-subscription key
 *
 * Returns: (transfer full): a TheTVDB client, an #MmlProvider
 */
MmlTvdb *
mml_tvdb_new (MmlHttp    *http,
              const char *base_url,
              const char *api_key,
              const char *pin)
{
  MmlTvdb *self;
  gsize len;

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  if (base_url == NULL || base_url[0] == '\0')
    base_url = g_getenv ("MML_TVDB_URL");
  if (base_url == NULL || base_url[0] == '\0')
    base_url = MML_TVDB_DEFAULT_URL;

  self = g_object_new (MML_TYPE_TVDB, NULL);
  self->http = g_object_ref (http);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  mml_tvdb_set_credentials (self, api_key, pin);

  /* the limit is the server's, its port included: a local stand-in on
   * 127.0.0.1 does not slow down another service on that machine */
  if (mml_http_set_host_limit (http, self->base_url, TVDB_MAX_CALLS, TVDB_PER_SECONDS))
    mml_http_set_host_label (http, self->base_url, "TheTVDB");
  else
    g_warning ("TheTVDB base URL “%s” has no host", self->base_url);
  return self;
}

const char *
mml_tvdb_get_base_url (MmlTvdb *self)
{
  g_return_val_if_fail (MML_IS_TVDB (self), NULL);

  return self->base_url;
}

gboolean
mml_tvdb_has_key (MmlTvdb *self)
{
  g_return_val_if_fail (MML_IS_TVDB (self), FALSE);

  return _mml_tvdb_has_key (self);
}
