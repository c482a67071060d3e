/* mml-tmdb-series.c — the TMDB calls made of several requests: a series
 * with every season (the aired order; the others are in
 * mml-tmdb-groups.c), and the paged list of changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tmdb"

#include "config.h"

#include "mml-tmdb-private.h"

/* season (or changes page) requests in flight for one call; MmlHttp caps
 * the total anyway */
#define TMDB_MAX_PARTS 4

/* Several requests for one call (seasons, pages), TMDB_MAX_PARTS at a time;
 * the first failure stops new ones, and the call ends when none is left. */
typedef struct
{
  guint   next;        /* next part to request */
  guint   count;       /* parts in all */
  guint   in_flight;
  GError *error;       /* the first failure */
} Parts;

typedef struct
{
  GTask *task;
  guint  index;
} Part;

static void
parts_fail (Parts  *parts,
            GError *error)
{
  if (parts->error == NULL)
    parts->error = error;
  else
    g_error_free (error);
}

static gboolean
parts_may_issue (Parts *parts)
{
  return parts->error == NULL && parts->next < parts->count && parts->in_flight < TMDB_MAX_PARTS;
}

static gboolean
parts_done (Parts *parts)
{
  return parts->in_flight == 0 && (parts->error != NULL || parts->next >= parts->count);
}

static Part *
part_new (GTask *task,
          guint  index)
{
  Part *part = g_new0 (Part, 1);

  part->task = g_object_ref (task);
  part->index = index;
  return part;
}

static void
part_free (Part *part)
{
  g_object_unref (part->task);
  g_free (part);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Part, part_free)

/* --- one series with its seasons ----------------------------------------- */

typedef struct
{
  MmlMetaSeries *series;
  GArray        *numbers;    /* season numbers to fetch */
  GPtrArray     *lists;      /* GPtrArray of episodes, one per fetched season */
  gboolean       complete;   /* every season fetched */
  Parts          parts;
} SeriesJob;

static void
series_job_free (SeriesJob *job)
{
  g_clear_pointer (&job->series, mml_meta_series_unref);
  g_clear_pointer (&job->numbers, g_array_unref);
  g_clear_pointer (&job->lists, g_ptr_array_unref);
  g_clear_error (&job->parts.error);
  g_free (job);
}

static void series_pump (GTask *task);

static void
season_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  MmlTmdb *self = g_task_get_source_object (part->task);
  SeriesJob *job = g_task_get_task_data (part->task);
  int number = g_array_index (job->numbers, int, part->index);
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *episodes;
  GError *error = NULL;

  job->parts.in_flight--;
  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    {
      if (g_error_matches (error, MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND))
        {
          /* listed but gone: the rest of the series still counts */
          g_debug ("series %" G_GINT64_FORMAT ": season %d not found",
                   job->series->provider_id, number);
          job->complete = FALSE;
          g_error_free (error);
        }
      else
        parts_fail (&job->parts, error);
    }
  else if ((episodes = mml_tmdb_parse_season (node, number, mml_tmdb_get_image_url (self))) == NULL)
    parts_fail (&job->parts, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                                          "TMDB sent season %d of series %" G_GINT64_FORMAT
                                          " without an episode list",
                                          number, job->series->provider_id));
  else
    g_ptr_array_add (job->lists, episodes);
  series_pump (part->task);
}

static void
series_pump (GTask *task)
{
  MmlTmdb *self = g_task_get_source_object (task);
  SeriesJob *job = g_task_get_task_data (task);

  while (parts_may_issue (&job->parts))
    {
      guint index = job->parts.next++;
      g_autofree char *path = g_strdup_printf ("/tv/%" G_GINT64_FORMAT "/season/%d",
                                               job->series->provider_id,
                                               g_array_index (job->numbers, int, index));

      job->parts.in_flight++;
      _mml_tmdb_fetch (self, path, NULL, TRUE, TMDB_TTL_SECONDS, g_task_get_cancellable (task),
             season_done_cb, part_new (task, index));
    }
  if (!parts_done (&job->parts))
    return;
  if (job->parts.error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->parts.error));
      return;
    }
  _mml_tmdb_assemble_episodes (job->series, job->lists, job->complete);
  g_task_return_pointer (task, g_steal_pointer (&job->series), (GDestroyNotify) mml_meta_series_unref);
}

static void
series_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlTmdb *self = g_task_get_source_object (task);
  SeriesJob *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((job->series = mml_tmdb_parse_series (node, mml_tmdb_get_image_url (self))) == NULL)
    {
      g_task_return_new_error (task, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                               "TMDB sent a series page that is not a series");
      return;
    }
  if (job->series->seasons == NULL)
    job->series->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
  job->numbers = _mml_tmdb_season_numbers (job->series);
  job->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  job->complete = TRUE;
  job->parts.count = job->numbers->len;
  series_pump (task);
}


void
_mml_tmdb_get_series_async (MmlProvider         *provider,
                            gint64               id,
                            MmlEpisodeOrder      order,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  MmlTmdb *self = MML_TMDB (provider);
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (id > 0);

  if ((task = _mml_tmdb_start_task (self, _mml_tmdb_get_series_async, cancellable, callback, user_data)) == NULL)
    return;
  if (order == MML_EPISODE_ORDER_DVD || order == MML_EPISODE_ORDER_ABSOLUTE)
    {
      _mml_tmdb_get_series_by_group (task, id, order);   /* mml-tmdb-groups.c */
      return;
    }
  if (order != MML_EPISODE_ORDER_AIRED)
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               "TMDB has no episode order %d", (int) order);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, g_new0 (SeriesJob, 1), (GDestroyNotify) series_job_free);
  path = g_strdup_printf ("/tv/%" G_GINT64_FORMAT, id);
  _mml_tmdb_fetch (self, path, SERIES_QUERY, TRUE, TMDB_TTL_SECONDS, cancellable, series_done_cb, task);
}

MmlMetaSeries *
_mml_tmdb_get_series_finish (MmlProvider   *provider,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _mml_tmdb_propagate (provider, result, _mml_tmdb_get_series_async, error);
}

/* --- updates: /tv/changes, paged ----------------------------------------- */

typedef struct
{
  char       *start_date;   /* "YYYY-MM-DD" */
  GArray     *ids;          /* gint64 */
  GHashTable *seen;         /* gint64* set */
  Parts       parts;        /* part i is page i + 1 */
} UpdatesJob;

static void
updates_job_free (UpdatesJob *job)
{
  g_free (job->start_date);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->seen, g_hash_table_unref);
  g_clear_error (&job->parts.error);
  g_free (job);
}

static void updates_pump (GTask *task);

static void
changes_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  MmlTmdb *self = g_task_get_source_object (part->task);
  UpdatesJob *job = g_task_get_task_data (part->task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  guint total = 1;

  job->parts.in_flight--;
  if ((node = _mml_tmdb_finish_json (self, result, &error)) == NULL)
    parts_fail (&job->parts, error);
  else if (!_mml_tmdb_parse_changes (node, job->ids, job->seen, &total))
    parts_fail (&job->parts, g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED,
                                          "TMDB sent a page of changes without results"));
  else if (part->index == 0)
    job->parts.count = total;   /* the first page tells how many there are */
  updates_pump (part->task);
}

static void
updates_pump (GTask *task)
{
  MmlTmdb *self = g_task_get_source_object (task);
  UpdatesJob *job = g_task_get_task_data (task);

  while (parts_may_issue (&job->parts))
    {
      guint index = job->parts.next++;
      g_autofree char *query = g_strdup_printf ("start_date=%s&page=%u", job->start_date, index + 1);

      job->parts.in_flight++;
      /* never from the disk cache: the point is to see what is new */
      _mml_tmdb_fetch (self, "/tv/changes", query, FALSE, 0, g_task_get_cancellable (task),
             changes_done_cb, part_new (task, index));
    }
  if (!parts_done (&job->parts))
    return;
  if (job->parts.error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->parts.error));
  else
    g_task_return_pointer (task, g_steal_pointer (&job->ids), (GDestroyNotify) g_array_unref);
}

void
_mml_tmdb_updates_async (MmlProvider         *provider,
                         gint64               since,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  MmlTmdb *self = MML_TMDB (provider);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GTask) task = NULL;
  UpdatesJob *job;
  GDate from, to;
  int y, m, d;

  if ((task = _mml_tmdb_start_task (self, _mml_tmdb_updates_async, cancellable, callback, user_data)) == NULL)
    return;
  if (since > 0)
    then = g_date_time_new_from_unix_utc (MIN (since, g_date_time_to_unix (now)));
  if (then != NULL)
    {
      g_date_time_get_ymd (then, &y, &m, &d);
      g_date_set_dmy (&from, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      g_date_time_get_ymd (now, &y, &m, &d);
      g_date_set_dmy (&to, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
  if (then == NULL || g_date_days_between (&from, &to) > MML_TMDB_UPDATES_MAX_DAYS)
    {
      g_task_return_new_error (task, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED,
                               "TMDB lists the changes of the last %d days only",
                               MML_TMDB_UPDATES_MAX_DAYS);
      return;
    }
  job = g_new0 (UpdatesJob, 1);
  job->start_date = g_date_time_format (then, "%Y-%m-%d");
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  job->parts.count = 1;   /* page 1 first; it tells how many follow */
  g_task_set_task_data (task, job, (GDestroyNotify) updates_job_free);
  updates_pump (task);
}

GArray *
_mml_tmdb_updates_finish (MmlProvider   *provider,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _mml_tmdb_propagate (provider, result, _mml_tmdb_updates_async, error);
}
