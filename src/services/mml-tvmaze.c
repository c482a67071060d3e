/* mml-tvmaze.c — the TVmaze client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvmaze"

#include "config.h"

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

G_DEFINE_FINAL_TYPE (MmlTvmaze, mml_tvmaze, G_TYPE_OBJECT)

/* --- requests ------------------------------------------------------------ */

static void
fetch (MmlTvmaze    *self,
       const char   *path_and_query,
       guint         ttl,
       GCancellable *cancellable,
       GAsyncReadyCallback callback,
       gpointer      user_data)
{
  g_autofree char *url = g_strconcat (self->base_url, path_and_query, NULL);
  MmlHttpRequest req = { NULL, ttl, NULL };

  mml_http_get_json_async (self->http, url, &req, cancellable, callback, user_data);
}

static char *
escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_uri_escape_string (valid, NULL, FALSE);
}

static GError *
not_a_show_error (const char *what)
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
                               "TVmaze sent search results that are not a list");
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *q = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_tvmaze_search_async);
  q = escape (query);
  path = g_strconcat ("/search/shows?q=", q, NULL);
  fetch (self, path, TVMAZE_TTL_SECONDS, cancellable, search_done_cb, g_steal_pointer (&task));
}

GPtrArray *
mml_tvmaze_search_finish (MmlTvmaze     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tvmaze_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
      g_task_return_error (task, not_a_show_error ("an answer"));
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *q = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_tvmaze_singlesearch_async);
  q = escape (query);
  path = g_strconcat ("/singlesearch/shows?q=", q, NULL);
  fetch (self, path, TVMAZE_TTL_SECONDS, cancellable, singlesearch_done_cb, g_steal_pointer (&task));
}

MmlMetaSeries *
mml_tvmaze_singlesearch_finish (MmlTvmaze     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tvmaze_singlesearch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTvmaze *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *final_url = NULL;
  g_autofree char *base_host = NULL;
  g_autofree char *final_host = NULL;
  g_autoptr(GUri) final_uri = NULL;
  MmlMetaSeries *series;
  GError *error = NULL;
  gint64 id;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    {
      if (!return_no_match_on_404 (task, error))
        g_task_return_error (task, error);
      return;
    }

  final_url = mml_http_result_get_final_url (MML_HTTP (object), result);
  id = mml_tvmaze_show_id_from_url (final_url);
  final_uri = final_url != NULL ? g_uri_parse (final_url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_uri_split (self->base_url, G_URI_FLAGS_NONE, NULL, NULL, &base_host, NULL, NULL, NULL, NULL, NULL);

  /* The redirect landed on our own base: its body is the show. */
  if (final_uri != NULL && g_strcmp0 (g_uri_get_host (final_uri), base_host) == 0
      && (series = mml_tvmaze_parse_show (node)) != NULL)
    {
      if (id > 0 && series->provider_id != id)
        g_debug ("lookup: redirected to show %" G_GINT64_FORMAT " but got %" G_GINT64_FORMAT,
                 id, series->provider_id);
      g_task_return_pointer (task, series, (GDestroyNotify) mml_meta_series_unref);
      return;
    }

  /* Elsewhere (an absolute Location to another host) or no show in the
   * body: refetch /shows/ID from the configured base. */
  if (id > 0)
    {
      mml_tvmaze_get_series_async (self, id, MML_TVMAZE_SERIES_BASIC,
                                   g_task_get_cancellable (task),
                                   lookup_show_done_cb, g_object_ref (task));
      return;
    }
  g_task_return_error (task, not_a_show_error ("a lookup answer"));
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_tvmaze_lookup_async);
  value = escape (id);
  path = g_strdup_printf ("/lookup/shows?%s=%s", params[kind], value);
  fetch (self, path, TVMAZE_TTL_SECONDS, cancellable, lookup_done_cb, g_steal_pointer (&task));
}

MmlMetaSeries *
mml_tvmaze_lookup_finish (MmlTvmaze     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tvmaze_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
                               "TVmaze sent an episode list that is not a list");
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
      g_task_return_error (task, not_a_show_error ("a show page"));
      return;
    }
  if ((job->flags & MML_TVMAZE_SERIES_EPISODES) && job->series->episodes == NULL)
    job->series->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);

  if (job->flags & MML_TVMAZE_SERIES_SPECIALS)
    {
      g_autofree char *path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "/episodes?specials=1",
                                               job->series->provider_id);

      GCancellable *cancellable = g_task_get_cancellable (task);

      fetch (self, path, TVMAZE_TTL_SECONDS, cancellable, specials_done_cb, g_steal_pointer (&task));
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_tvmaze_get_series_async);
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

  fetch (self, path->str, TVMAZE_TTL_SECONDS, cancellable, get_series_done_cb, g_steal_pointer (&task));
}

MmlMetaSeries *
mml_tvmaze_get_series_finish (MmlTvmaze     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tvmaze_get_series_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
                               "TVmaze sent updates that are not a map of show ids");
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_tvmaze_updates_async);
  path = since != NULL ? g_strconcat ("/updates/shows?since=", since, NULL)
                       : g_strdup ("/updates/shows");
  /* never from the disk cache: the point is to see what is new */
  fetch (self, path, 0, cancellable, updates_done_cb, g_steal_pointer (&task));
}

GArray *
mml_tvmaze_updates_finish (MmlTvmaze     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tvmaze_updates_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- matching ---------------------------------------------------------- */

typedef struct
{
  MmlMatchQuery  *query;
  MmlTvmazeMatch *match;
  gint64          fetching;   /* show id being fetched in full */
  guint           fetches;    /* full fetches after the search */
} MatchJob;

static void
match_job_free (MatchJob *job)
{
  mml_match_query_free (job->query);
  mml_tvmaze_match_free (job->match);
  g_free (job);
}

void
mml_tvmaze_match_free (MmlTvmazeMatch *match)
{
  if (match == NULL)
    return;
  g_clear_pointer (&match->candidates, g_ptr_array_unref);
  g_clear_pointer (&match->series, mml_meta_series_unref);
  g_free (match);
}

static MmlMatchQuery *
query_copy (const MmlMatchQuery *q)
{
  MmlMatchQuery *copy = g_new0 (MmlMatchQuery, 1);

  *copy = *q;
  copy->title = g_strdup (q->title);
  copy->country = g_strdup (q->country);
  copy->imdb_id = g_strdup (q->imdb_id);
  return copy;
}

static void match_search (GTask *task);
static void match_fetch (GTask *task, gint64 id);

/* Decide on the scored candidates; make sure an accepted one is complete. */
static void
match_finish_decision (GTask *task)
{
  MatchJob *job = g_task_get_task_data (task);
  MmlTvmazeMatch *match = job->match;
  MmlMetaCandidate *best = NULL;

  mml_matcher_sort (match->candidates);
  match->decision = mml_matcher_decide (match->candidates, &best);
  if (best != NULL && best->series->episodes == NULL && job->fetches < 2)
    {
      /* Re-scoring put another candidate first: it needs its episodes too. */
      match_fetch (task, best->series->provider_id);
      return;
    }
  if (best != NULL)
    match->series = mml_meta_series_ref (best->series);
  g_task_return_pointer (task, g_steal_pointer (&job->match), (GDestroyNotify) mml_tvmaze_match_free);
}

static void
match_fetch_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatchJob *job = g_task_get_task_data (task);
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;
  gboolean replaced = FALSE;

  job->match->requests++;
  if ((series = mml_tvmaze_get_series_finish (MML_TVMAZE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < job->match->candidates->len; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (job->match->candidates, i);

      if (c->series->provider_id == job->fetching)
        {
          mml_meta_series_unref (c->series);
          c->series = mml_meta_series_ref (series);
          replaced = TRUE;
        }
    }
  if (!replaced)
    {
      g_ptr_array_add (job->match->candidates, mml_meta_candidate_new (series));
    }
  mml_matcher_score_all (job->query, job->match->candidates);
  match_finish_decision (task);
}

static void
match_fetch (GTask  *task,
             gint64  id)
{
  MatchJob *job = g_task_get_task_data (task);
  MmlTvmaze *self = g_task_get_source_object (task);

  job->fetching = id;
  job->fetches++;
  mml_tvmaze_get_series_async (self, id, MML_TVMAZE_SERIES_FULL, g_task_get_cancellable (task),
                               match_fetch_done_cb, g_object_ref (task));
}

static void
match_search_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatchJob *job = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = NULL;
  MmlMetaCandidate *pick = NULL;
  GError *error = NULL;

  job->match->requests++;
  if ((found = mml_tvmaze_search_finish (MML_TVMAZE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (job->match->candidates, mml_meta_candidate_ref (g_ptr_array_index (found, i)));
  if (found->len == 0)
    {
      match_finish_decision (task);
      return;
    }

  /* TVmaze's own first hit, in case only an AKA explains it. */
  pick = g_ptr_array_index (found, 0);
  mml_matcher_score_all (job->query, job->match->candidates);
  if (((MmlMetaCandidate *) g_ptr_array_index (job->match->candidates, 0))->score >= MML_MATCH_PLAUSIBLE)
    pick = g_ptr_array_index (job->match->candidates, 0);
  /* One more request: the show with episodes, seasons and AKAs, to confirm
   * (AKAs, episode counts) and to have it all if it is accepted. */
  match_fetch (task, pick->series->provider_id);
}

static void
match_search (GTask *task)
{
  MatchJob *job = g_task_get_task_data (task);
  MmlTvmaze *self = g_task_get_source_object (task);

  if (job->query->title == NULL || job->query->title[0] == '\0')
    {
      match_finish_decision (task);
      return;
    }
  mml_tvmaze_search_async (self, job->query->title, g_task_get_cancellable (task),
                           match_search_done_cb, g_object_ref (task));
}

static void
match_by_id_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatchJob *job = g_task_get_task_data (task);
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;

  job->match->requests++;
  series = mml_tvmaze_get_series_finish (MML_TVMAZE (object), result, &error);
  if (series == NULL)
    {
      if (!g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, error);
          return;
        }
      /* a stale id: fall back to the title */
      g_error_free (error);
      match_search (task);
      return;
    }
  g_ptr_array_add (job->match->candidates, mml_meta_candidate_new (series));
  mml_matcher_score_all (job->query, job->match->candidates);
  match_finish_decision (task);
}

static void
match_lookup_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatchJob *job = g_task_get_task_data (task);
  MmlTvmaze *self = g_task_get_source_object (task);
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;

  job->match->requests++;
  series = mml_tvmaze_lookup_finish (MML_TVMAZE (object), result, &error);
  if (series == NULL)
    {
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      match_search (task);   /* TVmaze does not know that id */
      return;
    }
  mml_tvmaze_get_series_async (self, series->provider_id, MML_TVMAZE_SERIES_FULL,
                               g_task_get_cancellable (task), match_by_id_done_cb,
                               g_object_ref (task));
}

void
mml_tvmaze_match_async (MmlTvmaze           *self,
                        const MmlMatchQuery *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MatchJob *job;

  g_return_if_fail (MML_IS_TVMAZE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_tvmaze_match_async);
  job = g_new0 (MatchJob, 1);
  job->query = query_copy (query);
  job->match = g_new0 (MmlTvmazeMatch, 1);
  job->match->decision = MML_MATCH_NONE;
  job->match->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) match_job_free);

  if (query->tvmaze_id > 0)
    mml_tvmaze_get_series_async (self, query->tvmaze_id, MML_TVMAZE_SERIES_FULL, cancellable,
                                 match_by_id_done_cb, g_object_ref (task));
  else if (query->tvdb_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, query->tvdb_id);

      mml_tvmaze_lookup_async (self, MML_TVMAZE_LOOKUP_TVDB, id, cancellable,
                               match_lookup_done_cb, g_object_ref (task));
    }
  else if (query->imdb_id != NULL && query->imdb_id[0] != '\0')
    mml_tvmaze_lookup_async (self, MML_TVMAZE_LOOKUP_IMDB, query->imdb_id, cancellable,
                             match_lookup_done_cb, g_object_ref (task));
  else
    match_search (task);
}

MmlTvmazeMatch *
mml_tvmaze_match_finish (MmlTvmaze     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (MML_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_tvmaze_match_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  g_autofree char *host = NULL;
  gsize len;

  g_return_val_if_fail (MML_IS_HTTP (http), NULL);

  if (base_url == NULL || base_url[0] == '\0')
    base_url = g_getenv ("MML_TVMAZE_URL");
  if (base_url == NULL || base_url[0] == '\0')
    base_url = MML_TVMAZE_DEFAULT_URL;

  self = g_object_new (MML_TYPE_TVMAZE, NULL);
  self->http = g_object_ref (http);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';

  if (g_uri_split (self->base_url, G_URI_FLAGS_NONE, NULL, NULL, &host, NULL, NULL, NULL, NULL, NULL)
      && host != NULL)
    {
      mml_http_set_host_limit (http, host, TVMAZE_MAX_CALLS, TVMAZE_PER_SECONDS);
      mml_http_set_host_label (http, host, "TVmaze");
    }
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
