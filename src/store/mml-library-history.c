/* mml-library-history.c — the dashboard's charts: episodes added and
 * watched per week, the library's growth, series per viewing status and
 * subtitle coverage per preferred language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read in one snapshot on the store's thread. Nothing here defines a rule
 * of its own: the viewing status is the series read model's
 * (_mml_library_list_series()), and subtitle coverage counts as the
 * totals' "without subtitles" does (_mml_library_count_subbed()).
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include "mml-library-private.h"

#define MAX_WEEKS 52

static void
coverage_free (gpointer data)
{
  MmlSubtitleCoverage *coverage = data;

  g_free (coverage->language);
  g_free (coverage);
}

MmlLibraryHistory *
mml_library_history_ref (MmlLibraryHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_library_history_unref (MmlLibraryHistory *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->week_starts);
  g_free (self->added);
  g_free (self->watched);
  g_free (self->size);
  g_ptr_array_unref (self->subtitles);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (MmlLibraryHistory, mml_library_history,
                     mml_library_history_ref, mml_library_history_unref)

typedef struct
{
  MmlStore          *store;
  MmlLibraryHistory *history;
  gint64             end;       /* the end of the last week */
} HistoryRead;

/* The week @t falls in, or -1 before the first (or after the last) */
static int
week_of (const MmlLibraryHistory *history,
         gint64                   end,
         gint64                   t)
{
  if (t < history->week_starts[0] || t >= end)
    return -1;
  for (guint i = history->n_weeks; i-- > 0;)
    if (t >= history->week_starts[i])
      return (int) i;
  return -1;
}

static gboolean
count_weeks (HistoryRead  *read,
             sqlite3      *db,
             const char   *sql,
             guint        *counts,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = mml_store_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, read->history->week_starts[0]);
  sqlite3_bind_int64 (stmt, 2, read->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int week = week_of (read->history, read->end, sqlite3_column_int64 (stmt, 0));

      if (week >= 0)
        counts[week]++;
    }
  return _mml_library_rows_done (db, rc, error);
}

/* The bytes of the files present now, by the week they were first seen,
 * summed up to each week's end */
static gboolean
load_size (HistoryRead  *read,
           sqlite3      *db,
           GError      **error)
{
  MmlLibraryHistory *history = read->history;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 before = 0;
  int rc;

  if (!(stmt = mml_store_prepare (db, "SELECT first_seen, size FROM files WHERE status = 'present'", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seen = sqlite3_column_int64 (stmt, 0);
      guint64 size = (guint64) MAX (0, sqlite3_column_int64 (stmt, 1));
      int week = week_of (history, read->end, seen);

      if (week >= 0)
        history->size[week] += size;
      else if (seen < history->week_starts[0])
        before += size;
    }
  if (!_mml_library_rows_done (db, rc, error))
    return FALSE;
  for (guint i = 0; i < history->n_weeks; i++)
    {
      before += history->size[i];
      history->size[i] = before;
    }
  return TRUE;
}

static gboolean
load_history (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  HistoryRead *read = data;
  MmlLibraryHistory *history = read->history;
  const MmlSeriesPick shown = { .kind = MML_SERIES_PICK_SHOWN };
  g_autoptr(GPtrArray) series = NULL;
  g_auto(GStrv) languages = NULL;

  /* an episode counts as added when its first video arrived */
  if (!count_weeks (read, db,
                    "SELECT min (f.first_seen) FROM episode_files ef JOIN files f ON f.id = ef.file_id "
                    "WHERE f.kind = 'video' GROUP BY ef.episode_id HAVING min (f.first_seen) >= ?1 "
                    "AND min (f.first_seen) < ?2",
                    history->added, error) ||
      !count_weeks (read, db,
                    "SELECT watched_at FROM episodes WHERE watched <> 0 AND watched_at >= ?1 AND watched_at < ?2",
                    history->watched, error) ||
      !load_size (read, db, error))
    return FALSE;

  if (!(series = _mml_library_list_series (read->store, db, &shown, error)))
    return FALSE;
  for (guint i = 0; i < series->len; i++)
    {
      MmlViewingStatus status = mml_series_item_get_viewing_status (g_ptr_array_index (series, i));

      if ((guint) status < G_N_ELEMENTS (history->viewing))
        history->viewing[status]++;
    }

  if (!(languages = _mml_subtitle_read_languages (db, error)))
    return FALSE;
  for (guint i = 0; languages[i] != NULL; i++)
    {
      MmlSubtitleCoverage *coverage = g_new0 (MmlSubtitleCoverage, 1);

      coverage->language = g_strdup (languages[i]);
      g_ptr_array_add (history->subtitles, coverage);
      if (!_mml_library_count_subbed (db, languages[i], &coverage->on_disk, &coverage->subbed, error))
        return FALSE;
    }
  return TRUE;
}

/* Monday 00:00 of the week @now falls in, local time */
static GDateTime *
week_start (gint64 now)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (t), g_date_time_get_month (t),
                                                    g_date_time_get_day_of_month (t), 0, 0, 0);

  return g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
}

static void
history_job (MmlStore     *store,
             sqlite3      *db,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  guint n_weeks = GPOINTER_TO_UINT (task_data);
  g_autoptr(MmlLibraryHistory) history = g_new0 (MmlLibraryHistory, 1);
  g_autoptr(GDateTime) monday = week_start (mml_clock_get_day_now (mml_store_get_clock (store)));
  g_autoptr(GDateTime) next = g_date_time_add_weeks (monday, 1);
  HistoryRead read = { store, history, g_date_time_to_unix (next) };
  GError *error = NULL;

  g_atomic_ref_count_init (&history->ref_count);
  history->n_weeks = n_weeks;
  history->week_starts = g_new0 (gint64, n_weeks);
  history->added = g_new0 (guint, n_weeks);
  history->watched = g_new0 (guint, n_weeks);
  history->size = g_new0 (guint64, n_weeks);
  history->subtitles = g_ptr_array_new_with_free_func (coverage_free);
  for (guint i = 0; i < n_weeks; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_weeks (monday, -(int) (n_weeks - 1 - i));

      history->week_starts[i] = g_date_time_to_unix (start);
    }

  if (!_mml_library_read (db, load_history, &read, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&history), (GDestroyNotify) mml_library_history_unref);
}

/**
 * mml_store_get_history_async:
 * @n_weeks: how many weeks, this one the last (clamped to 1…52)
 *
 * Reads what the dashboard charts: see #MmlLibraryHistory.
 */
void
mml_store_get_history_async (MmlStore            *self,
                             guint                n_weeks,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MML_IS_STORE (self));

  mml_store_run_async (self, history_job, GUINT_TO_POINTER (CLAMP (n_weeks, 1, MAX_WEEKS)), NULL,
                       mml_store_get_history_async, cancellable, callback, user_data);
}

/**
 * mml_store_get_history_finish:
 *
 * Returns: (transfer full) (nullable): the history, or %NULL with @error set
 */
MmlLibraryHistory *
mml_store_get_history_finish (MmlStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_store_get_history_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
