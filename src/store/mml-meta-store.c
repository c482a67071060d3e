/* mml-meta-store.c — writing provider metadata into the library: matches,
 * conflicts, episodes, and the links from files to episodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-meta"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mml-meta-store-private.h"
#include "mml-root.h"
#include "mml-series-folder.h"
#include "mml-util.h"

static const char * const state_names[] = { "none", "auto", "manual", "conflict", "ignored" };

const char *
mml_match_state_to_string (MmlMatchState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), "none");
  return state_names[state];
}

gboolean
mml_match_state_from_string (const char    *text,
                             MmlMatchState *state)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = (MmlMatchState) i;
        return TRUE;
      }
  return FALSE;
}

/* --- small SQLite helpers ----------------------------------------------- */

char *
_mml_meta_column_text (sqlite3_stmt *s,
                       int           i)
{
  const unsigned char *text = sqlite3_column_text (s, i);

  return text != NULL ? g_strndup ((const char *) text, sqlite3_column_bytes (s, i)) : NULL;
}

/* "[1,2,3]" → the integers (the scanner writes these arrays). */
void
_mml_meta_parse_int_list (const char *text,
                          GArray     *out)
{
  const char *p = text;

  g_array_set_size (out, 0);
  while (p != NULL && *p != '\0')
    {
      char *end;
      gint64 v;

      if (!g_ascii_isdigit (*p) && *p != '-')
        {
          p++;
          continue;
        }
      v = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        break;
      if (v > 0 && v < G_MAXINT)
        {
          int n = (int) v;
          g_array_append_val (out, n);
        }
      p = end;
    }
}

/* --- the series row ------------------------------------------------------ */

void
_mml_meta_series_state_clear (MmlMetaSeriesState *st)
{
  g_clear_pointer (&st->overrides_node, json_node_unref);
  st->overrides = NULL;
}

/* FALSE + no error: the row is gone. */
gboolean
_mml_meta_read_series_state (sqlite3      *db,
                   gint64        series_id,
                   MmlMetaSeriesState  *st,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db,
      "SELECT s.match_state, r.kind, s.overrides FROM series s "
      "LEFT JOIN roots r ON r.id = s.root_id WHERE s.id = ?1", error);
  const char *kind, *overrides;
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, series_id);
  if ((rc = sqlite3_step (s)) != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        mml_store_set_sqlite_error (db, error);
      return FALSE;
    }
  if (!mml_match_state_from_string ((const char *) sqlite3_column_text (s, 0), &st->state))
    st->state = MML_MATCH_STATE_NONE;
  kind = (const char *) sqlite3_column_text (s, 1);
  st->root_kind = g_strcmp0 (kind, "anime") == 0 ? MML_ROOT_KIND_ANIME
                : g_strcmp0 (kind, "daily") == 0 ? MML_ROOT_KIND_DAILY
                : MML_ROOT_KIND_STANDARD;
  overrides = (const char *) sqlite3_column_text (s, 2);
  if (overrides != NULL && (st->overrides_node = json_from_string (overrides, NULL)) != NULL
      && JSON_NODE_HOLDS_OBJECT (st->overrides_node))
    st->overrides = json_node_get_object (st->overrides_node);
  return TRUE;
}

static const char *
override_text (MmlMetaSeriesState *st,
               const char  *field,
               const char  *value)
{
  JsonNode *node;

  if (st->overrides == NULL || (node = json_object_get_member (st->overrides, field)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return value;
  return json_node_get_string (node);
}

static char *
genres_json (char **genres)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; genres != NULL && genres[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mml_json_append_string (out, genres[i], -1);
    }
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
write_series_fields (sqlite3        *db,
                     gint64          series_id,
                     MmlMetaSeries  *meta,
                     MmlMetaSeriesState    *st,
                     MmlMatchState   state,
                     MmlEpisodeOrder order,
                     gint64          now,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db,
      "UPDATE series SET provider = ?2, title = ?3, sort_title = ?4, year = ?5, status = ?6, "
      "overview = ?7, network = ?8, language = ?9, country = ?10, genres = ?11, runtime = ?12, "
      "poster_url = ?13, premiered = ?14, ended = ?15, provider_updated = ?16, "
      "tvmaze_id = ?17, tvdb_id = ?18, tmdb_id = ?19, imdb_id = ?20, "
      "match_state = ?21, episode_order = ?22, refreshed_at = ?23, "
      "matched_at = CASE WHEN ?24 THEN ?23 ELSE matched_at END, meta_error = NULL, meta_error_at = NULL "
      "WHERE id = ?1", error);
  g_autofree char *genres = genres_json (meta->genres);
  const char *title = override_text (st, "title", meta->title);
  const char *year_text = override_text (st, "year", NULL);
  gint64 year = year_text != NULL ? g_ascii_strtoll (year_text, NULL, 10) : meta->year;
  gint64 tvmaze = meta->tvmaze_id, tvdb = meta->tvdb_id, tmdb = meta->tmdb_id;

  if (s == NULL)
    return FALSE;

  /* the provider's own id is authoritative for its column */
  if (meta->provider == MML_META_PROVIDER_TVMAZE)
    tvmaze = meta->provider_id;
  else if (meta->provider == MML_META_PROVIDER_TVDB)
    tvdb = meta->provider_id;
  else if (meta->provider == MML_META_PROVIDER_TMDB)
    tmdb = meta->provider_id;

  sqlite3_bind_int64 (s, 1, series_id);
  sqlite3_bind_text (s, 2, mml_meta_provider_to_string (meta->provider), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, mml_series_folder_sort_title (title), -1, SQLITE_TRANSIENT);
  bind_int_or_null (s, 5, year, 0);
  bind_text_or_null (s, 6, override_text (st, "status", meta->status != MML_META_STATUS_UNKNOWN
                                          ? mml_meta_status_to_string (meta->status) : NULL));
  bind_text_or_null (s, 7, override_text (st, "overview", meta->overview));
  bind_text_or_null (s, 8, override_text (st, "network", meta->network));
  bind_text_or_null (s, 9, override_text (st, "language", meta->language));
  bind_text_or_null (s, 10, meta->country);
  sqlite3_bind_text (s, 11, genres, -1, SQLITE_TRANSIENT);
  bind_int_or_null (s, 12, meta->runtime, 0);
  bind_text_or_null (s, 13, meta->image_medium != NULL ? meta->image_medium : meta->image_original);
  bind_text_or_null (s, 14, meta->premiered);
  bind_text_or_null (s, 15, meta->ended);
  bind_int_or_null (s, 16, meta->updated, 0);
  bind_int_or_null (s, 17, tvmaze, 0);
  bind_int_or_null (s, 18, tvdb, 0);
  bind_int_or_null (s, 19, tmdb, 0);
  bind_text_or_null (s, 20, meta->imdb_id);
  sqlite3_bind_text (s, 21, mml_match_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 22, mml_episode_order_to_string (order), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 23, now);
  sqlite3_bind_int (s, 24, st->state != state);
  return step_done (db, s, error);
}

/* --- episodes ------------------------------------------------------------ */

typedef struct
{
  gint64  id;
  char   *provider_id;
  int     season, number, absolute;   /* -1: NULL */
  char   *air_date;
  gboolean claimed;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->provider_id);
  g_free (row->air_date);
}

static GArray *
load_rows (sqlite3  *db,
           gint64    series_id,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db,
      "SELECT id, provider_id, season, number, absolute, air_date FROM episodes WHERE series_id = ?1", error);
  g_autoptr(GArray) rows = NULL;
  int rc;

  if (s == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  sqlite3_bind_int64 (s, 1, series_id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      Row row = { 0 };

      row.id = sqlite3_column_int64 (s, 0);
      row.provider_id = _mml_meta_column_text (s, 1);
      row.season = column_int_or (s, 2, -1);
      row.number = column_int_or (s, 3, -1);
      row.absolute = column_int_or (s, 4, -1);
      row.air_date = _mml_meta_column_text (s, 5);
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The row an incoming provider episode takes over: its own (same provider
 * id), else a row the scanner made from a file name with the same numbers. */
static Row *
claim_row (GArray         *rows,
           const char     *pid,
           MmlMetaEpisode *ep)
{
  Row *found = NULL;

  for (guint pass = 0; pass < 4 && found == NULL; pass++)
    for (guint i = 0; i < rows->len && found == NULL; i++)
      {
        Row *r = &g_array_index (rows, Row, i);

        if (r->claimed)
          continue;
        switch (pass)
          {
          case 0:
            if (pid != NULL && g_strcmp0 (r->provider_id, pid) == 0)
              found = r;
            break;
          case 1:
            if (r->provider_id == NULL && ep->season >= 0 && ep->number > 0
                && r->season == ep->season && r->number == ep->number)
              found = r;
            break;
          case 2:
            if (r->provider_id == NULL && r->season < 0 && ep->absolute > 0 && r->absolute == ep->absolute)
              found = r;
            break;
          case 3:
            if (r->provider_id == NULL && r->season < 0 && r->absolute < 0 && ep->air_date != NULL
                && g_strcmp0 (r->air_date, ep->air_date) == 0)
              found = r;
            break;
          default:
            break;
          }
      }
  if (found != NULL)
    found->claimed = TRUE;
  return found;
}

/* TVmaze (and TMDB) have no absolute numbers: count the regular episodes
 * in airing order, as anime fansubs do. */
static void
derive_absolute (GPtrArray *episodes,
                 int       *absolute)
{
  gboolean any = FALSE;
  int n = 0;

  for (guint i = 0; i < episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (episodes, i);

      absolute[i] = ep->absolute;
      if (ep->absolute > 0)
        any = TRUE;
    }
  if (any)
    return;
  for (guint i = 0; i < episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (episodes, i);

      if (!ep->special && ep->season > 0 && ep->number > 0)
        absolute[i] = ++n;
    }
}

static gboolean
write_episodes (sqlite3        *db,
                gint64          series_id,
                MmlMetaSeries  *meta,
                GError        **error)
{
  g_autoptr(GArray) rows = load_rows (db, series_id, error);
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autofree Row **target = NULL;
  g_autofree int *absolute = NULL;
  GPtrArray *episodes = meta->episodes;
  const char *prefix = mml_meta_provider_to_string (meta->provider);

  if (rows == NULL)
    return FALSE;
  if (episodes == NULL)
    return TRUE;   /* not fetched: leave the episodes as they are */

  target = g_new0 (Row *, episodes->len);
  absolute = g_new0 (int, episodes->len);
  derive_absolute (episodes, absolute);
  for (guint i = 0; i < episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (episodes, i);
      g_autofree char *pid = ep->provider_id > 0
        ? g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, ep->provider_id) : NULL;
      MmlMetaEpisode probe = *ep;

      probe.absolute = absolute[i];
      target[i] = claim_row (rows, pid, &probe);
    }

  /* Rows nobody claimed are gone from the provider, or placeholders the
   * relink below recreates when a file still names them. */
  if (!(del = mml_store_prepare (db, "DELETE FROM episodes WHERE id = ?1", error)))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = &g_array_index (rows, Row, i);

      if (r->claimed)
        continue;
      sqlite3_bind_int64 (del, 1, r->id);
      if (!step_done (db, del, error))
        return FALSE;
    }

  /* Free every (season, number) first: renumbering must not collide. */
  if (!(upd = mml_store_prepare (db, "UPDATE episodes SET season = NULL, number = NULL WHERE series_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (upd, 1, series_id);
  if (!step_done (db, upd, error))
    return FALSE;
  g_clear_pointer (&upd, sqlite3_finalize);

  if (!(upd = mml_store_prepare (db,
          "UPDATE episodes SET season = ?2, number = ?3, absolute = ?4, air_date = ?5, title = ?6, "
          "overview = ?7, runtime = ?8, provider_id = ?9, special = ?10, airstamp = ?11 WHERE id = ?1", error))
      || !(ins = mml_store_prepare (db,
          "INSERT OR IGNORE INTO episodes (series_id, season, number, absolute, air_date, title, overview, runtime, "
          "provider_id, special, airstamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error)))
    return FALSE;

  for (guint i = 0; i < episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (episodes, i);
      sqlite3_stmt *s = target[i] != NULL ? upd : ins;
      g_autofree char *pid = ep->provider_id > 0
        ? g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, ep->provider_id) : NULL;
      gboolean numbered = ep->season >= 0 && ep->number > 0;

      sqlite3_bind_int64 (s, 1, target[i] != NULL ? target[i]->id : series_id);
      bind_int_or_null (s, 2, numbered ? ep->season : -1, -1);
      bind_int_or_null (s, 3, numbered ? ep->number : -1, -1);
      bind_int_or_null (s, 4, absolute[i] > 0 ? absolute[i] : -1, -1);
      bind_text_or_null (s, 5, ep->air_date);
      bind_text_or_null (s, 6, ep->title);
      bind_text_or_null (s, 7, ep->overview);
      bind_int_or_null (s, 8, ep->runtime, 0);
      bind_text_or_null (s, 9, pid);
      sqlite3_bind_int (s, 10, ep->special ? 1 : 0);
      bind_int_or_null (s, 11, ep->airstamp != NULL ? g_date_time_to_unix (ep->airstamp) : -1, -1);
      if (!step_done (db, s, error))
        return FALSE;
    }
  return TRUE;
}

/* --- seasons ------------------------------------------------------------- */

/* The provider's seasons replace the series' rows (nothing else points at
 * them): numbers come and go between fetches, posters change. */
static gboolean
write_seasons (sqlite3        *db,
               gint64          series_id,
               MmlMetaSeries  *meta,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  const char *prefix = mml_meta_provider_to_string (meta->provider);

  if (meta->seasons == NULL)
    return TRUE;   /* not fetched: leave the seasons as they are */

  if (!(del = mml_store_prepare (db, "DELETE FROM seasons WHERE series_id = ?1", error))
      || !(ins = mml_store_prepare (db,
          /* a provider listing a number twice: the first one wins */
          "INSERT OR IGNORE INTO seasons (series_id, number, name, poster_url, episode_count, provider_id) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
    return FALSE;
  sqlite3_bind_int64 (del, 1, series_id);
  if (!step_done (db, del, error))
    return FALSE;

  for (guint i = 0; i < meta->seasons->len; i++)
    {
      MmlMetaSeason *season = g_ptr_array_index (meta->seasons, i);
      g_autofree char *pid = season->provider_id > 0
        ? g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, season->provider_id) : NULL;

      if (season->number < 0)
        continue;
      sqlite3_bind_int64 (ins, 1, series_id);
      sqlite3_bind_int (ins, 2, season->number);
      bind_text_or_null (ins, 3, season->name);
      bind_text_or_null (ins, 4, season->image_url);
      bind_int_or_null (ins, 5, season->episode_order, 0);
      bind_text_or_null (ins, 6, pid);
      if (!step_done (db, ins, error))
        return FALSE;
    }
  return TRUE;
}

/* --- apply ------------------------------------------------------------- */

gboolean
_mml_meta_apply (sqlite3          *db,
                 gint64            series_id,
                 MmlMetaSeries    *meta,
                 MmlMatchState     state,
                 MmlEpisodeOrder   order,
                 MmlMetaWrite     *outcome,
                 GError          **error)
{
  MmlMetaSeriesState st = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok;

  *outcome = MML_META_APPLIED;
  if (!_mml_meta_read_series_state (db, series_id, &st, error))
    {
      *outcome = MML_META_GONE;
      return error == NULL || *error == NULL;
    }

  if (state == MML_MATCH_STATE_AUTO && st.state == MML_MATCH_STATE_MANUAL)
    *outcome = MML_META_KEPT_MANUAL;
  else if (state == MML_MATCH_STATE_AUTO && st.state == MML_MATCH_STATE_IGNORED)
    *outcome = MML_META_KEPT_IGNORED;
  else if (state == MML_MATCH_STATE_NONE)
    {
      /* a refresh: only of a series that is still matched */
      if (st.state == MML_MATCH_STATE_IGNORED)
        *outcome = MML_META_KEPT_IGNORED;
      else if (st.state != MML_MATCH_STATE_AUTO && st.state != MML_MATCH_STATE_MANUAL)
        *outcome = MML_META_GONE;
      state = st.state;
    }
  if (*outcome != MML_META_APPLIED)
    {
      _mml_meta_series_state_clear (&st);
      return TRUE;
    }

  ok = write_series_fields (db, series_id, meta, &st, state, order, now, error)
       && write_episodes (db, series_id, meta, error)
       && write_seasons (db, series_id, meta, error)
       && _mml_meta_relink (db, series_id, st.root_kind, error)
       && _mml_meta_close_match_conflicts (db, series_id, "resolved", now, error);
  _mml_meta_series_state_clear (&st);
  return ok;
}

/* --- the async wrappers ----------------------------------------------- */

typedef struct
{
  gint64            series_id;
  MmlMetaSeries    *meta;
  MmlMatchState     state;
  MmlEpisodeOrder   order;
  MmlMatchDecision  decision;
  GPtrArray        *candidates;
  MmlMatchQuery    *query;
  MmlDiskSummary   *disk;
  MmlMetaUpdate     what;
  char             *field;
  char             *text;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_pointer (&job->meta, mml_meta_series_unref);
  g_clear_pointer (&job->candidates, g_ptr_array_unref);
  g_clear_pointer (&job->query, mml_match_query_free);
  g_clear_pointer (&job->disk, mml_disk_summary_unref);
  g_free (job->field);
  g_free (job->text);
  g_free (job);
}

static void
in_transaction (sqlite3  *db,
                GTask    *task,
                gboolean (*body) (sqlite3 *, WriteJob *, MmlMetaWrite *, GError **),
                WriteJob *job)
{
  GError *error = NULL;
  MmlMetaWrite outcome = MML_META_APPLIED;

  if (!mml_store_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!body (db, job, &outcome, &error) || !mml_store_commit (db, &error))
    {
      mml_store_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, outcome);
}

static gboolean
apply_body (sqlite3 *db, WriteJob *job, MmlMetaWrite *outcome, GError **error)
{
  return _mml_meta_apply (db, job->series_id, job->meta, job->state, job->order, outcome, error);
}

static gboolean
conflict_body (sqlite3 *db, WriteJob *job, MmlMetaWrite *outcome, GError **error)
{
  return _mml_meta_set_conflict (db, job->series_id, job->decision, job->candidates, job->query,
                                 job->disk, outcome, error);
}

static gboolean
update_body (sqlite3 *db, WriteJob *job, MmlMetaWrite *outcome, GError **error)
{
  return _mml_meta_update (db, job->series_id, job->what, job->field, job->text, job->order, error);
}

static void
apply_job (MmlStore *store, sqlite3 *db, GTask *task, gpointer data, GCancellable *cancellable)
{
  in_transaction (db, task, apply_body, data);
}

static void
conflict_job (MmlStore *store, sqlite3 *db, GTask *task, gpointer data, GCancellable *cancellable)
{
  in_transaction (db, task, conflict_body, data);
}

static void
update_job (MmlStore *store, sqlite3 *db, GTask *task, gpointer data, GCancellable *cancellable)
{
  in_transaction (db, task, update_body, data);
}

void
mml_meta_store_apply_async (MmlStore            *store,
                            gint64               series_id,
                            MmlMetaSeries       *meta,
                            MmlMatchState        state,
                            MmlEpisodeOrder      order,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (MML_IS_STORE (store));
  g_return_if_fail (meta != NULL);
  g_return_if_fail (state == MML_MATCH_STATE_AUTO || state == MML_MATCH_STATE_MANUAL
                    || state == MML_MATCH_STATE_NONE);

  job = g_new0 (WriteJob, 1);
  job->series_id = series_id;
  job->meta = mml_meta_series_ref (meta);
  job->state = state;
  job->order = order;
  mml_store_run_async (store, apply_job, job, (GDestroyNotify) write_job_free,
                       mml_meta_store_apply_async, cancellable, callback, user_data);
}

static gint64
propagate_int (MmlStore     *store,
               GAsyncResult *result,
               gpointer      tag,
               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, -1);
  return g_task_propagate_int (G_TASK (result), error);
}

MmlMetaWrite
mml_meta_store_apply_finish (MmlStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return (MmlMetaWrite) propagate_int (store, result, mml_meta_store_apply_async, error);
}

void
mml_meta_store_set_conflict_async (MmlStore            *store,
                                   gint64               series_id,
                                   MmlMatchDecision     decision,
                                   GPtrArray           *candidates,
                                   const MmlMatchQuery *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  mml_meta_store_set_conflict_with_disk_async (store, series_id, decision, candidates, query, NULL,
                                               cancellable, callback, user_data);
}

/**
 * mml_meta_store_set_conflict_with_disk_async:
 * @disk: (nullable): what the folder's files name
 *
 * mml_meta_store_set_conflict_async(), each candidate with a line saying
 * how its episodes, year and country compare with the folder's. Finish
 * with mml_meta_store_set_conflict_finish().
 */
void
mml_meta_store_set_conflict_with_disk_async (MmlStore            *store,
                                             gint64               series_id,
                                             MmlMatchDecision     decision,
                                             GPtrArray           *candidates,
                                             const MmlMatchQuery *query,
                                             MmlDiskSummary      *disk,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (MML_IS_STORE (store));

  job = g_new0 (WriteJob, 1);
  job->series_id = series_id;
  job->decision = decision;
  job->candidates = candidates != NULL ? g_ptr_array_ref (candidates) : NULL;
  if (query != NULL)
    {
      job->query = mml_match_query_new (query->title, query->year);
      job->query->country = g_strdup (query->country);
    }
  job->disk = disk != NULL ? mml_disk_summary_ref (disk) : NULL;
  mml_store_run_async (store, conflict_job, job, (GDestroyNotify) write_job_free,
                       mml_meta_store_set_conflict_async, cancellable, callback, user_data);
}

MmlMetaWrite
mml_meta_store_set_conflict_finish (MmlStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return (MmlMetaWrite) propagate_int (store, result, mml_meta_store_set_conflict_async, error);
}

void
mml_meta_store_update_async (MmlStore            *store,
                             gint64               series_id,
                             MmlMetaUpdate        what,
                             const char          *field,
                             const char          *text,
                             MmlEpisodeOrder      order,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (MML_IS_STORE (store));

  job = g_new0 (WriteJob, 1);
  job->series_id = series_id;
  job->what = what;
  job->field = g_strdup (field);
  job->text = g_strdup (text);
  job->order = order;
  mml_store_run_async (store, update_job, job, (GDestroyNotify) write_job_free,
                       mml_meta_store_update_async, cancellable, callback, user_data);
}

gboolean
mml_meta_store_update_finish (MmlStore      *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_int (store, result, mml_meta_store_update_async, error) >= 0;
}

/* --- a series added by hand ---------------------------------------------- */

typedef struct
{
  gint64  root_id;
  char   *folder;
  char   *title;
  int     year;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_free (job->folder);
  g_free (job->title);
  g_free (job);
}

static void
add_series_job (MmlStore *store, sqlite3 *db, GTask *task, gpointer data, GCancellable *cancellable)
{
  AddJob *job = data;
  g_autoptr(sqlite3_stmt) ins = mml_store_prepare (db,
      "INSERT OR IGNORE INTO series (root_id, folder, title, folder_title, sort_title, year, added_at, added_by) "
      "VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, 'user')", NULL);
  g_autoptr(sqlite3_stmt) find = mml_store_prepare (db,
      "SELECT id FROM series WHERE root_id = ?1 AND folder = ?2", NULL);
  GError *error = NULL;

  if (ins == NULL || find == NULL)
    {
      mml_store_set_sqlite_error (db, &error);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (ins, 1, job->root_id);
  sqlite3_bind_text (ins, 2, job->folder, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 3, job->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 4, mml_series_folder_sort_title (job->title), -1, SQLITE_TRANSIENT);
  bind_int_or_null (ins, 5, job->year, 0);
  sqlite3_bind_int64 (ins, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (db, ins, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (find, 1, job->root_id);
  sqlite3_bind_text (find, 2, job->folder, -1, SQLITE_STATIC);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "There is no library folder %" G_GINT64_FORMAT, job->root_id);
      return;
    }
  g_task_return_int (task, sqlite3_column_int64 (find, 0));
}

void
mml_meta_store_add_series_async (MmlStore            *store,
                                 gint64               root_id,
                                 const char          *folder,
                                 const char          *title,
                                 int                  year,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  AddJob *job;

  g_return_if_fail (MML_IS_STORE (store));
  g_return_if_fail (folder != NULL && folder[0] != '\0' && title != NULL);

  job = g_new0 (AddJob, 1);
  job->root_id = root_id;
  job->folder = g_strdup (folder);
  job->title = g_strdup (title);
  job->year = year;
  mml_store_run_async (store, add_series_job, job, (GDestroyNotify) add_job_free,
                       mml_meta_store_add_series_async, cancellable, callback, user_data);
}

gint64
mml_meta_store_add_series_finish (MmlStore      *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return propagate_int (store, result, mml_meta_store_add_series_async, error);
}
