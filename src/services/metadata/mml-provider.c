/* mml-provider.c — the metadata provider interface and the
 * provider-neutral matching flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-provider"

#include "config.h"

#include "mml-provider.h"

G_DEFINE_QUARK (mml-provider-error-quark, mml_provider_error)
G_DEFINE_INTERFACE (MmlProvider, mml_provider, G_TYPE_OBJECT)

static void
mml_provider_default_init (MmlProviderInterface *iface)
{
}

/* --- dispatch ------------------------------------------------------------ */

#define IFACE(self) MML_PROVIDER_GET_IFACE (self)

MmlMetaProvider
mml_provider_get_kind (MmlProvider *self)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), MML_META_PROVIDER_TVMAZE);
  return IFACE (self)->get_kind (self);
}

guint
mml_provider_get_orders (MmlProvider *self)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), 0);
  return IFACE (self)->get_orders (self);
}

void
mml_provider_search_async (MmlProvider         *self,
                           const char          *title,
                           int                  year,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MML_IS_PROVIDER (self));
  g_return_if_fail (title != NULL);
  IFACE (self)->search_async (self, title, year, cancellable, callback, user_data);
}

GPtrArray *
mml_provider_search_finish (MmlProvider   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), NULL);
  return IFACE (self)->search_finish (self, result, error);
}

void
mml_provider_get_series_async (MmlProvider         *self,
                               gint64               id,
                               MmlEpisodeOrder      order,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MML_IS_PROVIDER (self));
  g_return_if_fail (id > 0);
  IFACE (self)->get_series_async (self, id, order, cancellable, callback, user_data);
}

MmlMetaSeries *
mml_provider_get_series_finish (MmlProvider   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), NULL);
  return IFACE (self)->get_series_finish (self, result, error);
}

void
mml_provider_lookup_async (MmlProvider         *self,
                           MmlExternalKind      kind,
                           const char          *id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MML_IS_PROVIDER (self));
  g_return_if_fail (id != NULL);
  IFACE (self)->lookup_async (self, kind, id, cancellable, callback, user_data);
}

MmlMetaSeries *
mml_provider_lookup_finish (MmlProvider   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), NULL);
  return IFACE (self)->lookup_finish (self, result, error);
}

void
mml_provider_test_async (MmlProvider         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MML_IS_PROVIDER (self));
  IFACE (self)->test_async (self, cancellable, callback, user_data);
}

gboolean
mml_provider_test_finish (MmlProvider   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), FALSE);
  return IFACE (self)->test_finish (self, result, error);
}

void
mml_provider_updates_async (MmlProvider         *self,
                            gint64               since,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MML_IS_PROVIDER (self));
  IFACE (self)->updates_async (self, since, cancellable, callback, user_data);
}

GArray *
mml_provider_updates_finish (MmlProvider   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), NULL);
  return IFACE (self)->updates_finish (self, result, error);
}

/* --- matching ------------------------------------------------------------ */

typedef struct
{
  MmlMatchQuery    *query;
  MmlProviderMatch *match;
  MmlEpisodeOrder   order;
  gint64            fetching;   /* series id being fetched in full */
  guint             fetches;    /* full fetches after the search */
} MatchJob;

static void
match_job_free (MatchJob *job)
{
  mml_match_query_free (job->query);
  mml_provider_match_free (job->match);
  g_free (job);
}

void
mml_provider_match_free (MmlProviderMatch *match)
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
  MmlProviderMatch *match = job->match;
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
  g_task_return_pointer (task, g_steal_pointer (&job->match), (GDestroyNotify) mml_provider_match_free);
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

  job->match->calls++;
  if ((series = mml_provider_get_series_finish (MML_PROVIDER (object), result, &error)) == NULL)
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
    g_ptr_array_add (job->match->candidates, mml_meta_candidate_new (series));
  mml_matcher_score_all (job->query, job->match->candidates);
  match_finish_decision (task);
}

static void
match_fetch (GTask  *task,
             gint64  id)
{
  MatchJob *job = g_task_get_task_data (task);

  job->fetching = id;
  job->fetches++;
  mml_provider_get_series_async (g_task_get_source_object (task), id, job->order,
                                 g_task_get_cancellable (task),
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

  job->match->calls++;
  if ((found = mml_provider_search_finish (MML_PROVIDER (object), result, &error)) == NULL)
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

  /* The provider's own first hit, in case only an AKA explains it. */
  pick = g_ptr_array_index (found, 0);
  mml_matcher_score_all (job->query, job->match->candidates);
  if (((MmlMetaCandidate *) g_ptr_array_index (job->match->candidates, 0))->score >= MML_MATCH_PLAUSIBLE)
    pick = g_ptr_array_index (job->match->candidates, 0);
  /* One more call: the series in full, to confirm (AKAs, episode counts)
   * and to have it all when it is accepted. */
  match_fetch (task, pick->series->provider_id);
}

static void
match_search (GTask *task)
{
  MatchJob *job = g_task_get_task_data (task);

  if (job->query->title == NULL || job->query->title[0] == '\0')
    {
      match_finish_decision (task);
      return;
    }
  mml_provider_search_async (g_task_get_source_object (task), job->query->title, job->query->year,
                             g_task_get_cancellable (task), match_search_done_cb, g_object_ref (task));
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

  job->match->calls++;
  series = mml_provider_get_series_finish (MML_PROVIDER (object), result, &error);
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
  g_autoptr(MmlMetaSeries) series = NULL;
  GError *error = NULL;

  job->match->calls++;
  series = mml_provider_lookup_finish (MML_PROVIDER (object), result, &error);
  if (series == NULL)
    {
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      match_search (task);   /* the provider does not know that id */
      return;
    }
  mml_provider_get_series_async (MML_PROVIDER (object), series->provider_id, job->order,
                                 g_task_get_cancellable (task), match_by_id_done_cb,
                                 g_object_ref (task));
}

/* This provider's own id in the query, or 0. */
static gint64
own_id (MmlMetaProvider      kind,
        const MmlMatchQuery *query)
{
  switch (kind)
    {
    case MML_META_PROVIDER_TVMAZE: return query->tvmaze_id;
    case MML_META_PROVIDER_TVDB:   return query->tvdb_id;
    case MML_META_PROVIDER_TMDB:   return query->tmdb_id;
    default:                       return 0;
    }
}

void
mml_provider_match_async (MmlProvider         *self,
                          const MmlMatchQuery *query,
                          MmlEpisodeOrder      order,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MmlMetaProvider kind;
  char buf[32];
  MatchJob *job;
  gint64 id;

  g_return_if_fail (MML_IS_PROVIDER (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_provider_match_async);
  job = g_new0 (MatchJob, 1);
  job->query = query_copy (query);
  job->order = order;
  job->match = g_new0 (MmlProviderMatch, 1);
  job->match->decision = MML_MATCH_NONE;
  job->match->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) match_job_free);

  kind = mml_provider_get_kind (self);
  if ((id = own_id (kind, query)) > 0)
    mml_provider_get_series_async (self, id, order, cancellable, match_by_id_done_cb, g_object_ref (task));
  else if (query->tvdb_id > 0)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, query->tvdb_id);
      mml_provider_lookup_async (self, MML_EXTERNAL_TVDB, buf, cancellable,
                                 match_lookup_done_cb, g_object_ref (task));
    }
  else if (query->imdb_id != NULL && query->imdb_id[0] != '\0')
    mml_provider_lookup_async (self, MML_EXTERNAL_IMDB, query->imdb_id, cancellable,
                               match_lookup_done_cb, g_object_ref (task));
  else if (query->tmdb_id > 0)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, query->tmdb_id);
      mml_provider_lookup_async (self, MML_EXTERNAL_TMDB, buf, cancellable,
                                 match_lookup_done_cb, g_object_ref (task));
    }
  else
    match_search (task);
}

MmlProviderMatch *
mml_provider_match_finish (MmlProvider   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MML_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_provider_match_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
