/* mml-tvmaze-provider.c — TVmaze as an MmlProvider: the interface's calls
 * wrap the client's own (mml-tvmaze.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvmaze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-tvmaze-private.h"

/* --- the provider interface ------------------------------------------- */

static MmlMetaProvider
tvmaze_get_kind (MmlProvider *provider)
{
  return MML_META_PROVIDER_TVMAZE;
}

static guint
tvmaze_get_orders (MmlProvider *provider)
{
  return MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_AIRED);   /* TVmaze has airing order only */
}

/* The provider calls wrap the client's own calls; the inner task's result
 * (a pointer, or NULL without an error) passes through unchanged. */
static void
forward_pointer_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);
  GDestroyNotify destroy = g_task_get_task_data (task);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, destroy);
}

static GTask *
wrap_task (MmlProvider   *provider,
           gpointer       tag,
           GDestroyNotify destroy,
           GCancellable  *cancellable,
           GAsyncReadyCallback callback,
           gpointer       user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, destroy, NULL);
  return task;
}

static gpointer
wrap_finish (MmlProvider  *provider,
             GAsyncResult *result,
             gpointer      tag,
             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tvmaze_search_async (MmlProvider         *provider,
                     const char          *title,
                     int                  year,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = wrap_task (provider, tvmaze_search_async, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);

  /* TVmaze's search takes no year: the matcher weighs it. */
  mml_tvmaze_search_async (MML_TVMAZE (provider), title, cancellable, forward_pointer_cb, task);
}

static GPtrArray *
tvmaze_search_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return wrap_finish (provider, result, tvmaze_search_async, error);
}

static void
tvmaze_get_series_async (MmlProvider         *provider,
                         gint64               id,
                         MmlEpisodeOrder      order,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = wrap_task (provider, tvmaze_get_series_async, (GDestroyNotify) mml_meta_series_unref,
                           cancellable, callback, user_data);

  if (order != MML_EPISODE_ORDER_AIRED)
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               _("TVmaze has episodes in airing order only; choose TheTVDB for "
                                 "the %s order"), mml_episode_order_to_string (order));
      g_object_unref (task);
      return;
    }
  /* One request: the show with its regular episodes, seasons and AKAs. */
  mml_tvmaze_get_series_async (MML_TVMAZE (provider), id, MML_TVMAZE_SERIES_FULL, cancellable,
                               forward_pointer_cb, task);
}

static MmlMetaSeries *
tvmaze_get_series_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return wrap_finish (provider, result, tvmaze_get_series_async, error);
}

static void
tvmaze_lookup_async (MmlProvider         *provider,
                     MmlExternalKind      kind,
                     const char          *id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = wrap_task (provider, tvmaze_lookup_async, (GDestroyNotify) mml_meta_series_unref,
                           cancellable, callback, user_data);
  guint64 n;

  switch (kind)
    {
    case MML_EXTERNAL_TVDB:
      mml_tvmaze_lookup_async (MML_TVMAZE (provider), MML_TVMAZE_LOOKUP_TVDB, id, cancellable,
                               forward_pointer_cb, task);
      break;
    case MML_EXTERNAL_IMDB:
      mml_tvmaze_lookup_async (MML_TVMAZE (provider), MML_TVMAZE_LOOKUP_IMDB, id, cancellable,
                               forward_pointer_cb, task);
      break;
    case MML_EXTERNAL_TVMAZE:
      if (g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT64, &n, NULL))
        {
          mml_tvmaze_get_series_async (MML_TVMAZE (provider), (gint64) n, MML_TVMAZE_SERIES_BASIC,
                                       cancellable, forward_pointer_cb, task);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case MML_EXTERNAL_TMDB:
    default:
      /* TVmaze does not know TMDB ids: "not known" */
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      break;
    }
}

static MmlMetaSeries *
tvmaze_lookup_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  return wrap_finish (provider, result, tvmaze_lookup_async, error);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MmlMetaSeries) show = NULL;
  GError *error = NULL;

  if ((node = mml_http_get_json_finish (MML_HTTP (object), result, NULL, &error)) == NULL)
    g_task_return_error (task, error);
  else if ((show = mml_tvmaze_parse_show (node)) == NULL)
    g_task_return_error (task, _mml_tvmaze_not_a_show_error ("a test answer"));
  else
    g_task_return_boolean (task, TRUE);
}

static void
tvmaze_test_async (MmlProvider         *provider,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, tvmaze_test_async);
  /* a small, always-present show; never from the cache */
  _mml_tvmaze_fetch (MML_TVMAZE (provider), "/shows/1", 0, cancellable, test_done_cb, task);
}

static gboolean
tvmaze_test_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
updates_ids_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GArray) updates = NULL;
  gint64 since = *(gint64 *) g_task_get_task_data (task);
  GError *error = NULL;
  GArray *ids;

  if ((updates = mml_tvmaze_updates_finish (MML_TVMAZE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < updates->len; i++)
    {
      const MmlTvmazeUpdate *u = &g_array_index (updates, MmlTvmazeUpdate, i);

      if (u->updated >= since)
        g_array_append_val (ids, u->show_id);
    }
  g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
tvmaze_updates_async (MmlProvider         *provider,
                      gint64               since,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  gint64 age = g_get_real_time () / G_USEC_PER_SEC - since;

  g_task_set_source_tag (task, tvmaze_updates_async);
  g_task_set_task_data (task, g_memdup2 (&since, sizeof since), g_free);
  /* The smallest window that covers @since; the whole map otherwise. */
  mml_tvmaze_updates_async (MML_TVMAZE (provider),
                            age <= 24 * 3600 ? "day" : age <= 7 * 24 * 3600 ? "week"
                            : age <= 30 * 24 * 3600 ? "month" : NULL,
                            cancellable, updates_ids_cb, task);
}

static GArray *
tvmaze_updates_finish (MmlProvider *provider, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_mml_tvmaze_provider_init (MmlProviderInterface *iface)
{
  iface->get_kind = tvmaze_get_kind;
  iface->get_orders = tvmaze_get_orders;
  iface->search_async = tvmaze_search_async;
  iface->search_finish = tvmaze_search_finish;
  iface->get_series_async = tvmaze_get_series_async;
  iface->get_series_finish = tvmaze_get_series_finish;
  iface->lookup_async = tvmaze_lookup_async;
  iface->lookup_finish = tvmaze_lookup_finish;
  iface->test_async = tvmaze_test_async;
  iface->test_finish = tvmaze_test_finish;
  iface->updates_async = tvmaze_updates_async;
  iface->updates_finish = tvmaze_updates_finish;
}
