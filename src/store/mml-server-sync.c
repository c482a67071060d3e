/* mml-server-sync.c — a media-server sync on the store's side: mapping the
 * server's items to the library, the merge of each episode, watch
 * conflicts and webhook events (see mml-server-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mml-matcher.h"
#include "mml-server-store-private.h"

/* Unmapped series get candidates from the library's titles; past this
 * many in one sync, the rest are listed without (a library that shares
 * nothing with the server would compare every title with every title). */
#define MAX_CANDIDATE_SEARCHES 200

void
mml_sync_series_free (MmlSyncSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->item_id);
  g_free (series->title);
  g_free (series->imdb_id);
  g_free (series->local_path);
  g_free (series);
}

void
mml_sync_episode_free (MmlSyncEpisode *episode)
{
  if (episode == NULL)
    return;
  g_free (episode->item_id);
  g_free (episode->series_item_id);
  g_free (episode->local_path);
  g_free (episode);
}

void
mml_sync_push_free (MmlSyncPush *push)
{
  if (push == NULL)
    return;
  g_free (push->item_id);
  g_free (push);
}

void
mml_sync_result_free (MmlSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->pushes, g_ptr_array_unref);
  g_clear_pointer (&result->log, g_ptr_array_unref);
  g_free (result);
}

void
mml_sync_conflict_free (MmlSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->series_title);
  g_free (conflict->server_item_id);
  g_free (conflict->title);
  g_free (conflict);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- the library's roots, to turn a local path into (root, relative) ---- */

typedef struct
{
  gint64  id;
  char   *path;
} Root;

static void
root_clear (Root *root)
{
  g_free (root->path);
}

static GArray *
load_roots (sqlite3  *db,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) roots = g_array_new (FALSE, TRUE, sizeof (Root));
  int rc;

  g_array_set_clear_func (roots, (GDestroyNotify) root_clear);
  /* the longest first: a root inside another one wins */
  if (!(stmt = mml_store_prepare (db, "SELECT id, path FROM roots ORDER BY length (path) DESC", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Root root = { sqlite3_column_int64 (stmt, 0), g_strdup ((const char *) sqlite3_column_text (stmt, 1)) };

      g_array_append_val (roots, root);
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), NULL;
  return g_steal_pointer (&roots);
}

/* The root holding @path and the rest after it ("" for the root itself) */
static gboolean
split_path (GArray      *roots,
            const char  *path,
            gint64      *root_id,
            const char **rel)
{
  for (guint i = 0; i < roots->len; i++)
    {
      const Root *root = &g_array_index (roots, Root, i);
      gsize n = strlen (root->path);

      while (n > 1 && root->path[n - 1] == '/')
        n--;
      if (strncmp (root->path, path, n) == 0 && (path[n] == '/' || path[n] == '\0'))
        {
          *root_id = root->id;
          *rel = path[n] == '/' ? path + n + 1 : path + n;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- the statements of one sync ---- */


void
_mml_server_statements_clear (Statements *s)
{
  sqlite3_stmt **all = (sqlite3_stmt **) s;

  for (guint i = 0; i < sizeof *s / sizeof (sqlite3_stmt *); i++)
    g_clear_pointer (&all[i], sqlite3_finalize);
}

gboolean
_mml_server_statements_prepare (sqlite3     *db,
                    Statements  *s,
                    GError     **error)
{
  struct { sqlite3_stmt **stmt; const char *sql; } list[] = {
    { &s->by_tvdb, "SELECT id FROM series WHERE tvdb_id = ?1 LIMIT 2" },
    { &s->by_tmdb, "SELECT id FROM series WHERE tmdb_id = ?1 LIMIT 2" },
    { &s->by_imdb, "SELECT id FROM series WHERE imdb_id = ?1 LIMIT 2" },
    { &s->by_folder, "SELECT id FROM series WHERE root_id = ?1 AND folder = ?2" },
    { &s->known_series, "SELECT ss.series_id FROM server_series ss JOIN series s ON s.id = ss.series_id "
                        "WHERE ss.server_id = ?1 AND ss.item_id = ?2 AND ss.how = 'user'" },
    { &s->put_series, "INSERT OR REPLACE INTO server_series (server_id, item_id, series_id, title, how) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)" },
    { &s->open_match, "SELECT id FROM conflicts WHERE kind = 'server-match' AND state = 'open' "
                      "AND json_extract (payload, '$.server_id') = ?1 AND json_extract (payload, '$.item_id') = ?2" },
    { &s->add_conflict, "INSERT INTO conflicts (kind, series_id, payload, created_at) VALUES (?1, ?2, ?3, ?4)" },
    { &s->close_conflict, "UPDATE conflicts SET state = 'resolved', resolved_at = ?2 WHERE id = ?1 AND state = 'open'" },
    /* the file by its path, then its episodes: CROSS JOIN keeps that
     * order (the planner would walk the series' episodes for each file) */
    { &s->by_file, "SELECT ef.episode_id FROM files f CROSS JOIN episode_files ef ON ef.file_id = f.id "
                   "CROSS JOIN episodes e ON e.id = ef.episode_id "
                   "WHERE f.root_id = ?1 AND f.path = ?2 AND e.series_id = ?3 ORDER BY e.season, e.number" },
    { &s->by_number, "SELECT id FROM episodes WHERE series_id = ?1 AND season = ?2 AND number BETWEEN ?3 AND ?4 "
                     "ORDER BY number" },
    { &s->local, "SELECT e.watched, coalesce (e.watched_at, 0), e.plays, s.watch_prefer "
                 "FROM episodes e JOIN series s ON s.id = e.series_id WHERE e.id = ?1" },
    { &s->baseline, "SELECT se.base_watched, coalesce (se.base_at, 0), coalesce (se.base_plays, 0), "
                    "       (SELECT c.id FROM conflicts c WHERE c.id = se.conflict_id AND c.state = 'open') "
                    "FROM server_episodes se WHERE se.server_id = ?1 AND se.item_id = ?2 AND se.episode_id = ?3" },
    { &s->put_baseline, "INSERT INTO server_episodes (server_id, item_id, episode_id, base_watched, base_at, base_plays) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (server_id, item_id, episode_id) DO UPDATE SET "
                        "base_watched = excluded.base_watched, base_at = excluded.base_at, "
                        "base_plays = excluded.base_plays, conflict_id = NULL" },
    { &s->ensure_row, "INSERT OR IGNORE INTO server_episodes (server_id, item_id, episode_id) VALUES (?1, ?2, ?3)" },
    { &s->set_conflict, "UPDATE server_episodes SET conflict_id = ?4 WHERE server_id = ?1 AND item_id = ?2 AND episode_id = ?3" },
    { &s->pull, "UPDATE episodes SET watched = ?2, watched_at = nullif (?3, 0), plays = ?4, watched_source = ?5 "
                "WHERE id = ?1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    if (!(*list[i].stmt = mml_store_prepare (db, list[i].sql, error)))
      return FALSE;
  return TRUE;
}

gboolean
_mml_server_step (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return mml_store_set_sqlite_error (db, error), FALSE;
}

/* The one id @stmt (bound) finds; 0 for none or several */
static gint64
unique_id (sqlite3_stmt *stmt)
{
  gint64 id = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = 0;
    }
  sqlite3_reset (stmt);
  return id;
}

static void
state_to_json (GString             *out,
               const char          *name,
               const MmlWatchState *state)
{
  g_string_append_printf (out, "\"%s\":{\"watched\":%s,\"at\":%" G_GINT64_FORMAT ",\"plays\":%d}",
                          name, state->watched ? "true" : "false", state->at, state->plays);
}

static void
json_string (GString    *out,
             const char *name,
             const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  json_node_set_string (node, value != NULL ? value : "");
  text = json_to_string (node, FALSE);
  g_string_append_printf (out, "\"%s\":%s", name, text);
}

/* ---- series ---- */

typedef struct
{
  gint64  id;
  char   *key;     /* mml_matcher_normalize_title () */
  char   *title;
  int     year;
} TitleEntry;

static void
title_entry_free (TitleEntry *entry)
{
  g_free (entry->key);
  g_free (entry->title);
  g_free (entry);
}

typedef struct
{
  gint64         server_id;
  gboolean       lossy;
  gboolean       dry_run;
  GPtrArray     *series;     /* (element-type MmlSyncSeries) */
  GPtrArray     *episodes;   /* (element-type MmlSyncEpisode) */
  const char    *source;     /* episodes.watched_source of a pull */
  /* the job's */
  Statements     s;
  GArray        *roots;
  GPtrArray     *titles;     /* (element-type TitleEntry), loaded on first need */
  GHashTable    *series_of;  /* server item id → gint64 * series id */
  guint          searches;
  gint64         now;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_clear_pointer (&job->series, g_ptr_array_unref);
  g_clear_pointer (&job->episodes, g_ptr_array_unref);
  g_free ((char *) job->source);
  g_free (job);
}

static gboolean
load_titles (sqlite3  *db,
             SyncJob  *job,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (job->titles != NULL)
    return TRUE;
  if (!(stmt = mml_store_prepare (db, "SELECT id, title, folder_title, coalesce (year, 0) FROM series "
                                      "WHERE match_state <> 'ignored'", error)))
    return FALSE;
  job->titles = g_ptr_array_new_with_free_func ((GDestroyNotify) title_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int col = 1; col <= 2; col++)
      {
        const char *title = (const char *) sqlite3_column_text (stmt, col);
        TitleEntry *entry;

        if (title == NULL)
          continue;
        entry = g_new0 (TitleEntry, 1);
        entry->id = sqlite3_column_int64 (stmt, 0);
        entry->key = mml_matcher_normalize_title (title);
        entry->title = g_strdup (title);
        entry->year = sqlite3_column_int (stmt, 3);
        g_ptr_array_add (job->titles, entry);
      }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error), FALSE;
  return TRUE;
}

/* The one series of the library whose title (and year, ±1, when both
 * know it) is the server's; 0 for none or several */
static gint64
by_title (SyncJob             *job,
          const MmlSyncSeries *series)
{
  g_autofree char *key = mml_matcher_normalize_title (series->title);
  gint64 found = 0;

  for (guint i = 0; i < job->titles->len; i++)
    {
      TitleEntry *entry = g_ptr_array_index (job->titles, i);

      if (!g_str_equal (entry->key, key))
        continue;
      if (series->year > 0 && entry->year > 0 && ABS (series->year - entry->year) > 1)
        continue;
      if (found != 0 && found != entry->id)
        return 0;   /* two fit: refuse */
      found = entry->id;
    }
  return found;
}

/* How @series maps; 0 when it does not (@how says by what) */
static gint64
map_series (sqlite3             *db,
            SyncJob             *job,
            const MmlSyncSeries *series,
            const char         **how,
            GError             **error)
{
  Statements *s = &job->s;
  gint64 id;

  sqlite3_bind_int64 (s->known_series, 1, job->server_id);
  sqlite3_bind_text (s->known_series, 2, series->item_id, -1, SQLITE_STATIC);
  if ((id = unique_id (s->known_series)) != 0)
    return *how = "user", id;

  *how = "ids";
  if (series->tvdb_id > 0)
    {
      sqlite3_bind_int64 (s->by_tvdb, 1, series->tvdb_id);
      if ((id = unique_id (s->by_tvdb)) != 0)
        return id;
    }
  if (series->tmdb_id > 0)
    {
      sqlite3_bind_int64 (s->by_tmdb, 1, series->tmdb_id);
      if ((id = unique_id (s->by_tmdb)) != 0)
        return id;
    }
  if (series->imdb_id != NULL)
    {
      sqlite3_bind_text (s->by_imdb, 1, series->imdb_id, -1, SQLITE_STATIC);
      if ((id = unique_id (s->by_imdb)) != 0)
        return id;
    }

  *how = "path";
  if (series->local_path != NULL)
    {
      gint64 root_id;
      const char *rel;

      if (split_path (job->roots, series->local_path, &root_id, &rel) && *rel != '\0')
        {
          sqlite3_bind_int64 (s->by_folder, 1, root_id);
          sqlite3_bind_text (s->by_folder, 2, rel, -1, SQLITE_STATIC);
          if ((id = unique_id (s->by_folder)) != 0)
            return id;
        }
    }

  *how = "title";
  if (series->title != NULL)
    {
      if (!load_titles (db, job, error))
        return -1;
      if ((id = by_title (job, series)) != 0)
        return id;
    }
  *how = NULL;
  return 0;
}

/* The candidates of an unmapped series, as a JSON list member */
static void
candidates_json (SyncJob             *job,
                 const MmlSyncSeries *series,
                 GString             *out)
{
  GArray *scores;

  g_string_append (out, "\"candidates\":[");
  if (series->title == NULL || job->titles == NULL || job->searches++ >= MAX_CANDIDATE_SEARCHES)
    {
      g_string_append (out, "]");
      return;
    }
  scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (scores, job->titles->len);
  for (guint i = 0; i < job->titles->len; i++)
    {
      TitleEntry *entry = g_ptr_array_index (job->titles, i);

      g_array_index (scores, double, i) = mml_matcher_title_similarity (series->title, entry->title);
    }
  /* the three best above one half, each series once */
  for (guint n = 0; n < 3; n++)
    {
      double best = 0.5;
      guint best_i = G_MAXUINT;

      for (guint i = 0; i < scores->len; i++)
        if (g_array_index (scores, double, i) > best)
          best = g_array_index (scores, double, best_i = i);
      if (best_i == G_MAXUINT)
        break;
      {
        TitleEntry *entry = g_ptr_array_index (job->titles, best_i);

        for (guint i = 0; i < scores->len; i++)
          if (((TitleEntry *) g_ptr_array_index (job->titles, i))->id == entry->id)
            g_array_index (scores, double, i) = 0;
        if (n > 0)
          g_string_append_c (out, ',');
        g_string_append_printf (out, "{\"series_id\":%" G_GINT64_FORMAT ",", entry->id);
        json_string (out, "title", entry->title);
        g_string_append_printf (out, ",\"score\":%.2f}", best);
      }
    }
  g_string_append (out, "]");
  g_array_unref (scores);
}

static gboolean
sync_series (sqlite3        *db,
             SyncJob        *job,
             MmlSyncResult  *out,
             GError        **error)
{
  Statements *s = &job->s;

  for (guint i = 0; i < job->series->len; i++)
    {
      MmlSyncSeries *series = g_ptr_array_index (job->series, i);
      const char *how = NULL;
      gint64 id, open;

      if ((id = map_series (db, job, series, &how, error)) < 0)
        return FALSE;
      sqlite3_bind_int64 (s->open_match, 1, job->server_id);
      sqlite3_bind_text (s->open_match, 2, series->item_id, -1, SQLITE_STATIC);
      open = unique_id (s->open_match);

      if (id != 0)
        {
          out->mapped_series++;
          g_hash_table_insert (job->series_of, series->item_id, g_memdup2 (&id, sizeof id));
          if (open != 0 && !job->dry_run)
            {
              sqlite3_bind_int64 (s->close_conflict, 1, open);
              sqlite3_bind_int64 (s->close_conflict, 2, job->now);
              if (!_mml_server_step (db, s->close_conflict, error))
                return FALSE;
            }
        }
      else
        {
          out->unmapped_series++;
          if (open == 0 && !job->dry_run)
            {
              g_autoptr(GString) payload = g_string_new (NULL);

              if (!load_titles (db, job, error))
                return FALSE;
              g_string_append_printf (payload, "{\"server_id\":%" G_GINT64_FORMAT ",", job->server_id);
              json_string (payload, "item_id", series->item_id);
              g_string_append_c (payload, ',');
              json_string (payload, "title", series->title);
              g_string_append_printf (payload, ",\"year\":%d,", series->year);
              candidates_json (job, series, payload);
              g_string_append_c (payload, '}');
              sqlite3_bind_text (s->add_conflict, 1, "server-match", -1, SQLITE_STATIC);
              sqlite3_bind_null (s->add_conflict, 2);
              sqlite3_bind_text (s->add_conflict, 3, payload->str, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (s->add_conflict, 4, job->now);
              if (!_mml_server_step (db, s->add_conflict, error))
                return FALSE;
            }
        }
      if (job->dry_run)
        continue;
      sqlite3_bind_int64 (s->put_series, 1, job->server_id);
      sqlite3_bind_text (s->put_series, 2, series->item_id, -1, SQLITE_STATIC);
      if (id != 0)
        sqlite3_bind_int64 (s->put_series, 3, id);
      else
        sqlite3_bind_null (s->put_series, 3);
      if (series->title != NULL)
        sqlite3_bind_text (s->put_series, 4, series->title, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (s->put_series, 4);
      if (how != NULL)
        sqlite3_bind_text (s->put_series, 5, how, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (s->put_series, 5);
      if (!_mml_server_step (db, s->put_series, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- episodes ---- */

/* The library's episodes @episode stands for, of @series_id */
static GArray *
map_episode (SyncJob              *job,
             const MmlSyncEpisode *episode,
             gint64                series_id)
{
  Statements *s = &job->s;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 root_id;
  const char *rel;

  /* the file first: it says which episode whatever the numbers say */
  if (episode->local_path != NULL && split_path (job->roots, episode->local_path, &root_id, &rel))
    {
      sqlite3_bind_int64 (s->by_file, 1, root_id);
      sqlite3_bind_text (s->by_file, 2, rel, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s->by_file, 3, series_id);
      while (sqlite3_step (s->by_file) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (s->by_file, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (s->by_file);
      if (ids->len > 0)
        return ids;
    }
  if (episode->season >= 0 && episode->episode >= 0)
    {
      sqlite3_bind_int64 (s->by_number, 1, series_id);
      sqlite3_bind_int (s->by_number, 2, episode->season);
      sqlite3_bind_int (s->by_number, 3, episode->episode);
      sqlite3_bind_int (s->by_number, 4, MAX (episode->episode, episode->episode_end));
      while (sqlite3_step (s->by_number) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (s->by_number, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (s->by_number);
    }
  return ids;
}

gboolean
_mml_server_put_baseline (sqlite3              *db,
                          Statements           *s,
                          gint64                server_id,
                          const char           *item_id,
                          gint64                episode_id,
                          const MmlWatchState  *state,
                          GError              **error)
{
  sqlite3_bind_int64 (s->put_baseline, 1, server_id);
  sqlite3_bind_text (s->put_baseline, 2, item_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->put_baseline, 3, episode_id);
  sqlite3_bind_int (s->put_baseline, 4, state->watched);
  sqlite3_bind_int64 (s->put_baseline, 5, state->at);
  sqlite3_bind_int (s->put_baseline, 6, state->plays);
  return _mml_server_step (db, s->put_baseline, error);
}

/* The library takes @state for @episode_id */
gboolean
_mml_server_pull (sqlite3              *db,
      Statements           *s,
      gint64                episode_id,
      const MmlWatchState  *state,
      const char           *source,
      GError              **error)
{
  sqlite3_bind_int64 (s->pull, 1, episode_id);
  sqlite3_bind_int (s->pull, 2, state->watched);
  sqlite3_bind_int64 (s->pull, 3, state->watched ? state->at : 0);
  sqlite3_bind_int (s->pull, 4, state->watched ? MAX (state->plays, 1) : 0);
  sqlite3_bind_text (s->pull, 5, source, -1, SQLITE_STATIC);
  return _mml_server_step (db, s->pull, error);
}

gboolean
_mml_server_read_local (sqlite3        *db,
            Statements     *s,
            gint64          episode_id,
            MmlWatchState  *local,
            MmlWatchPrefer *prefer,
            GError        **error)
{
  int rc;

  sqlite3_bind_int64 (s->local, 1, episode_id);
  rc = sqlite3_step (s->local);
  if (rc == SQLITE_ROW)
    {
      local->watched = sqlite3_column_int (s->local, 0) != 0;
      local->at = sqlite3_column_int64 (s->local, 1);
      local->plays = sqlite3_column_int (s->local, 2);
      if (prefer != NULL && !mml_watch_prefer_from_string ((const char *) sqlite3_column_text (s->local, 3), prefer))
        *prefer = MML_WATCH_PREFER_NONE;
    }
  sqlite3_reset (s->local);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The episode is gone from the library"));
      else
        mml_store_set_sqlite_error (db, error);
      return FALSE;
    }
  return TRUE;
}

/* The baseline of (item, episode): FALSE when there is none; @conflict
 * the open watch conflict that holds it, 0: none */
gboolean
_mml_server_read_baseline (Statements    *s,
               gint64         server_id,
               const char    *item_id,
               gint64         episode_id,
               MmlWatchState *base,
               gint64        *conflict)
{
  gboolean found = FALSE;

  *conflict = 0;
  sqlite3_bind_int64 (s->baseline, 1, server_id);
  sqlite3_bind_text (s->baseline, 2, item_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->baseline, 3, episode_id);
  if (sqlite3_step (s->baseline) == SQLITE_ROW)
    {
      found = sqlite3_column_type (s->baseline, 0) != SQLITE_NULL;
      base->watched = sqlite3_column_int (s->baseline, 0) != 0;
      base->at = sqlite3_column_int64 (s->baseline, 1);
      base->plays = sqlite3_column_int (s->baseline, 2);
      *conflict = sqlite3_column_int64 (s->baseline, 3);
    }
  sqlite3_reset (s->baseline);
  return found;
}

/* A new watch conflict on (item, episode) */
gboolean
_mml_server_open_watch_conflict (sqlite3              *db,
                     Statements           *s,
                     gint64                server_id,
                     const char           *item_id,
                     gint64                episode_id,
                     const MmlWatchState  *local,
                     const MmlWatchState  *server,
                     const char           *reason,
                     gint64                now,
                     GError              **error)
{
  g_autoptr(GString) payload = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) info = NULL;
  gint64 series_id = 0;
  int season = -1, number = -1;
  gint64 conflict;

  if (!(info = mml_store_prepare (db, "SELECT series_id, coalesce (season, -1), coalesce (number, -1) "
                                      "FROM episodes WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (info, 1, episode_id);
  if (sqlite3_step (info) == SQLITE_ROW)
    {
      series_id = sqlite3_column_int64 (info, 0);
      season = sqlite3_column_int (info, 1);
      number = sqlite3_column_int (info, 2);
    }
  g_string_append_printf (payload, "{\"server_id\":%" G_GINT64_FORMAT ",", server_id);
  json_string (payload, "item_id", item_id);
  g_string_append_printf (payload, ",\"episode_id\":%" G_GINT64_FORMAT ",\"season\":%d,\"episode\":%d,",
                          episode_id, season, number);
  state_to_json (payload, "local", local);
  g_string_append_c (payload, ',');
  state_to_json (payload, "server", server);
  g_string_append_c (payload, ',');
  json_string (payload, "reason", reason);
  g_string_append_c (payload, '}');

  sqlite3_bind_text (s->add_conflict, 1, "watch", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->add_conflict, 2, series_id);
  sqlite3_bind_text (s->add_conflict, 3, payload->str, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->add_conflict, 4, now);
  if (!_mml_server_step (db, s->add_conflict, error))
    return FALSE;
  conflict = sqlite3_last_insert_rowid (db);

  sqlite3_bind_int64 (s->ensure_row, 1, server_id);
  sqlite3_bind_text (s->ensure_row, 2, item_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->ensure_row, 3, episode_id);
  if (!_mml_server_step (db, s->ensure_row, error))
    return FALSE;
  sqlite3_bind_int64 (s->set_conflict, 1, server_id);
  sqlite3_bind_text (s->set_conflict, 2, item_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->set_conflict, 3, episode_id);
  sqlite3_bind_int64 (s->set_conflict, 4, conflict);
  return _mml_server_step (db, s->set_conflict, error);
}

static gboolean
sync_episodes (sqlite3        *db,
               SyncJob        *job,
               MmlSyncResult  *out,
               GError        **error)
{
  Statements *s = &job->s;
  g_autoptr(GHashTable) pushed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < job->episodes->len; i++)
    {
      MmlSyncEpisode *episode = g_ptr_array_index (job->episodes, i);
      gint64 *series_id = g_hash_table_lookup (job->series_of, episode->series_item_id);
      g_autoptr(GArray) ids = NULL;

      if (series_id == NULL || (ids = map_episode (job, episode, *series_id))->len == 0)
        {
          out->unmapped_episodes++;
          continue;
        }
      out->mapped_episodes++;

      for (guint k = 0; k < ids->len; k++)
        {
          gint64 episode_id = g_array_index (ids, gint64, k);
          MmlWatchState local = { 0 }, base = { 0 };
          MmlWatchPrefer prefer = MML_WATCH_PREFER_NONE;
          gboolean has_base;
          MmlSyncDecision d;
          gint64 conflict;

          if (!_mml_server_read_local (db, s, episode_id, &local, &prefer, error))
            return FALSE;
          has_base = _mml_server_read_baseline (s, job->server_id, episode->item_id, episode_id, &base, &conflict);
          if (conflict != 0)
            {
              out->conflicts++;
              continue;
            }
          d = mml_watch_sync_settle (mml_watch_sync_decide (&local, &episode->state, has_base ? &base : NULL,
                                                            job->lossy),
                                     prefer);
          switch (d.action)
            {
            case MML_SYNC_NOTHING:
              out->unchanged++;
              break;
            case MML_SYNC_BASELINE:
              out->unchanged++;
              if (!job->dry_run && !_mml_server_put_baseline (db, s, job->server_id, episode->item_id, episode_id, &episode->state, error))
                return FALSE;
              break;
            case MML_SYNC_PULL:
              out->pulled++;
              if (!has_base || !local.watched != !episode->state.watched)
                g_ptr_array_add (out->log, g_strdup_printf ("pull %s: %s", episode->item_id, d.reason));
              if (!job->dry_run &&
                  (!_mml_server_pull (db, s, episode_id, &episode->state, job->source, error) ||
                   !_mml_server_put_baseline (db, s, job->server_id, episode->item_id, episode_id, &episode->state, error)))
                return FALSE;
              break;
            case MML_SYNC_PUSH:
              if (!g_hash_table_contains (pushed, episode->item_id))
                {
                  MmlSyncPush *push = g_new0 (MmlSyncPush, 1);

                  push->item_id = g_strdup (episode->item_id);
                  push->episode_id = episode_id;
                  push->state = local;
                  g_ptr_array_add (out->pushes, push);
                  g_hash_table_add (pushed, push->item_id);
                  g_ptr_array_add (out->log, g_strdup_printf ("push %s: %s", episode->item_id, d.reason));
                }
              if (!job->dry_run)
                {
                  sqlite3_bind_int64 (s->ensure_row, 1, job->server_id);
                  sqlite3_bind_text (s->ensure_row, 2, episode->item_id, -1, SQLITE_STATIC);
                  sqlite3_bind_int64 (s->ensure_row, 3, episode_id);
                  if (!_mml_server_step (db, s->ensure_row, error))
                    return FALSE;
                }
              break;
            case MML_SYNC_CONFLICT:
              out->conflicts++;
              out->new_conflicts++;
              g_ptr_array_add (out->log, g_strdup_printf ("conflict %s: %s", episode->item_id, d.reason));
              if (!job->dry_run &&
                  !_mml_server_open_watch_conflict (db, s, job->server_id, episode->item_id, episode_id,
                                        &local, &episode->state, d.reason, job->now, error))
                return FALSE;
              break;
            }
        }
    }
  return TRUE;
}

static void
sync_job (MmlStore     *self,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  SyncJob *job = task_data;
  g_autoptr(MmlSyncResult) out = g_new0 (MmlSyncResult, 1);
  GError *error = NULL;

  (void) self;

  out->pushes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sync_push_free);
  out->log = g_ptr_array_new_with_free_func (g_free);
  job->now = now_seconds ();
  job->series_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (!mml_store_begin (db, &error))
    goto fail;
  if (!_mml_server_exists (db, job->server_id, &error) ||
      !(job->roots = load_roots (db, &error)) ||
      !_mml_server_statements_prepare (db, &job->s, &error) ||
      !sync_series (db, job, out, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !sync_episodes (db, job, out, &error))
    goto rollback;

  if (!job->dry_run)
    {
      g_autoptr(sqlite3_stmt) events = NULL;

      /* webhook events that waited for a mapping: the sync just read
       * the server's state, theirs included */
      if (!(events = mml_store_prepare (db, "UPDATE webhook_events SET state = 'applied' "
                                            "WHERE server_id = ?1 AND state = 'unmapped' AND item_id IN "
                                            "(SELECT item_id FROM server_episodes WHERE server_id = ?1)", &error)))
        goto rollback;
      sqlite3_bind_int64 (events, 1, job->server_id);
      if (!_mml_server_step (db, events, &error))
        goto rollback;
    }

  if (job->dry_run)
    mml_store_rollback (db);
  else if (!mml_store_commit (db, &error))
    goto rollback;
  _mml_server_statements_clear (&job->s);
  g_clear_pointer (&job->roots, g_array_unref);
  g_clear_pointer (&job->titles, g_ptr_array_unref);
  g_clear_pointer (&job->series_of, g_hash_table_unref);
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) mml_sync_result_free);
  return;

rollback:
  mml_store_rollback (db);
fail:
  _mml_server_statements_clear (&job->s);
  g_clear_pointer (&job->roots, g_array_unref);
  g_clear_pointer (&job->titles, g_ptr_array_unref);
  g_clear_pointer (&job->series_of, g_hash_table_unref);
  g_task_return_error (task, error);
}

void
mml_store_sync_apply_async (MmlStore            *self,
                            gint64               server_id,
                            GPtrArray           *series,
                            GPtrArray           *episodes,
                            gboolean             lossy_dates,
                            gboolean             dry_run,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SyncJob *job;

  g_return_if_fail (MML_IS_STORE (self));
  g_return_if_fail (series != NULL && episodes != NULL);

  job = g_new0 (SyncJob, 1);
  job->server_id = server_id;
  job->lossy = lossy_dates;
  job->dry_run = dry_run;
  job->series = g_ptr_array_ref (series);
  job->episodes = g_ptr_array_ref (episodes);
  job->source = g_strdup_printf ("server:%" G_GINT64_FORMAT, server_id);
  mml_store_run_async (self, sync_job, job, (GDestroyNotify) sync_job_free,
                       mml_store_sync_apply_async, cancellable, callback, user_data);
}

MmlSyncResult *
mml_store_sync_apply_finish (MmlStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
