/* mml-viewing-store.c — marks of watched episodes and the user's viewing
 * status of a series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a status means is decided in src/core/mml-viewing.c; the facts it
 * is decided from are counted by the series query (mml-library.c). This
 * file writes what the user says: marks (episodes.watched, watched_at,
 * plays, watched_source 'local') and the override (series.watch_status).
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-episode-rules.h"
#include "mml-viewing-store.h"

typedef struct
{
  gint64           series_id;
  MmlEpisodeSpec   spec;
  gboolean         watched;
  gboolean         has_override;
  MmlViewingStatus status;
} ViewingJob;

static gboolean
series_exists (sqlite3  *db,
               gint64    series_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT 1 FROM series WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, series_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    mml_store_set_sqlite_error (db, error);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, series_id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series %s"), id);
    }
  return FALSE;
}

/* The episodes of ":series" that @spec names, over "e", with the named
 * parameters ":fs", ":fn", ":ts", ":tn" (bind_spec()) */
static const char *
spec_where (const MmlEpisodeSpec *spec)
{
  switch (spec->kind)
    {
    case MML_EPISODE_SPEC_SEASON:
      return "e.season = :fs";
    case MML_EPISODE_SPEC_RANGE:
      return spec->absolute ? "e.absolute BETWEEN :fn AND :tn"
                            : "(e.season, e.number) >= (:fs, :fn) AND (e.season, e.number) <= (:ts, :tn)";
    case MML_EPISODE_SPEC_UP_TO:
      return spec->absolute ? "(" MML_EPISODE_REGULAR " AND e.absolute <= :tn)"
                            : "(" MML_EPISODE_REGULAR " AND e.season > 0 AND (e.season, e.number) <= (:ts, :tn))";
    case MML_EPISODE_SPEC_ALL:
    default:
      return "1";
    }
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_spec (sqlite3_stmt         *stmt,
           gint64                series_id,
           const MmlEpisodeSpec *spec)
{
  bind_named (stmt, ":series", series_id);
  bind_named (stmt, ":fs", spec->from_season);
  bind_named (stmt, ":fn", spec->from_number);
  bind_named (stmt, ":ts", spec->to_season);
  bind_named (stmt, ":tn", spec->to_number);
}

static gboolean
mark (MmlStore        *store,
      sqlite3         *db,
      const ViewingJob *job,
      MmlMarkSummary  *summary,
      GError         **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *update_sql = NULL;
  const char *where = spec_where (&job->spec);
  gboolean single = mml_episode_spec_is_single (&job->spec);

  count_sql = g_strconcat ("SELECT count(*) FROM episodes e WHERE e.series_id = :series AND ", where, NULL);
  if (job->watched)
    update_sql = g_strconcat (
        "UPDATE episodes AS e SET watched = 1, watched_at = :now, plays = plays + 1, watched_source = 'local' "
        "WHERE e.series_id = :series AND ", where,
        single ? "" : " AND e.watched = 0 AND " MML_EPISODE_WATCHABLE,
        NULL);
  else
    update_sql = g_strconcat (
        "UPDATE episodes AS e SET watched = 0, watched_at = NULL, plays = 0, watched_source = 'local' "
        "WHERE e.series_id = :series AND ", where, " AND (e.watched <> 0 OR e.plays <> 0 OR e.watched_at IS NOT NULL)",
        NULL);

  if (!series_exists (db, job->series_id, error) ||
      !(count = mml_store_prepare (db, count_sql, error)) ||
      !(update = mml_store_prepare (db, update_sql, error)))
    return FALSE;

  bind_spec (count, job->series_id, &job->spec);
  if (sqlite3_step (count) != SQLITE_ROW)
    return mml_store_set_sqlite_error (db, error);
  summary->selected = (guint) MAX (0, sqlite3_column_int (count, 0));
  if (summary->selected == 0)
    {
      g_autofree char *what = mml_episode_spec_to_string (&job->spec);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, job->series_id);

      /* Translators: an episode spec ("S01E02", "A105"), then a series id */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no episode %s in series %s"), what, id);
      return FALSE;
    }

  bind_spec (update, job->series_id, &job->spec);
  _mml_store_bind_today (store, update);
  if (sqlite3_step (update) != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error);
  summary->changed = (guint) MAX (0, sqlite3_changes (db));
  return TRUE;
}

static void
mark_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  const ViewingJob *job = task_data;
  MmlMarkSummary *summary = g_new0 (MmlMarkSummary, 1);
  GError *error = NULL;

  /* the count and the change see the same episodes */
  if (!mml_store_begin (db, &error))
    {
      g_free (summary);
      g_task_return_error (task, error);
      return;
    }
  if (!mark (store, db, job, summary, &error) || !mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_free (summary);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, summary, g_free);
}

void
mml_store_mark_episodes_async (MmlStore             *self,
                               gint64                series_id,
                               const MmlEpisodeSpec *spec,
                               gboolean              watched,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  ViewingJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (spec != NULL);

  job = g_new0 (ViewingJob, 1);
  job->series_id = series_id;
  job->spec = *spec;
  job->watched = watched;
  mml_store_run_async (self, mark_job, job, g_free, mml_store_mark_episodes_async,
                       cancellable, callback, user_data);
}

/**
 * mml_store_mark_episodes_finish:
 * @summary: (out) (optional): what the mark did
 */
gboolean
mml_store_mark_episodes_finish (MmlStore        *self,
                                GAsyncResult    *result,
                                MmlMarkSummary  *summary,
                                GError         **error)
{
  g_autofree MmlMarkSummary *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_mark_episodes_async, FALSE);

  if (!(done = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (summary != NULL)
    *summary = *done;
  return TRUE;
}

/* --- the user's status --- */

static void
override_job (MmlStore     *store,
              sqlite3      *db,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const ViewingJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  if (!series_exists (db, job->series_id, &error) ||
      !(stmt = mml_store_prepare (db, "UPDATE series SET watch_status = ?2 WHERE id = ?1", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->series_id);
  if (job->has_override)
    sqlite3_bind_text (stmt, 2, mml_viewing_status_to_string (job->status), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_store_set_viewing_override_async (MmlStore            *self,
                                      gint64               series_id,
                                      gboolean             has_override,
                                      MmlViewingStatus     status,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  ViewingJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (status <= MML_VIEWING_DROPPED);

  job = g_new0 (ViewingJob, 1);
  job->series_id = series_id;
  job->has_override = has_override;
  job->status = status;
  mml_store_run_async (self, override_job, job, g_free, mml_store_set_viewing_override_async,
                       cancellable, callback, user_data);
}

gboolean
mml_store_set_viewing_override_finish (MmlStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_set_viewing_override_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
