/* mml-meta-update.c — match conflicts with their candidates, and the small updates: ignore, unmatch, errors, episode order, user overrides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-meta"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mml-meta-store-private.h"
#include "mml-root.h"

/* --- conflicts ----------------------------------------------------------- */

static char *
conflict_payload (MmlMatchDecision      decision,
                  GPtrArray            *candidates,
                  const MmlMatchQuery  *query,
                  const MmlDiskSummary *disk)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "decision");
  json_builder_add_string_value (b, mml_match_decision_to_string (decision));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, query != NULL && query->title != NULL ? query->title : "");
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, query != NULL ? query->year : 0);
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint i = 0; candidates != NULL && i < candidates->len && i < 10; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (candidates, i);
      MmlMetaSeries *s = c->series;
      g_autofree char *reasons = NULL;
      g_autofree char *evidence = mml_matcher_describe_evidence (query, disk, s);
      MmlMatchEvidence ev;

      g_ptr_array_add (c->reasons, NULL);
      reasons = g_strjoinv ("; ", (char **) c->reasons->pdata);
      g_ptr_array_remove_index (c->reasons, c->reasons->len - 1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "provider");
      json_builder_add_string_value (b, mml_meta_provider_to_string (s->provider));
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, s->provider_id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, s->title != NULL ? s->title : "");
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, s->year);
#define OPT_STRING(name, value) \
      if ((value) != NULL) { json_builder_set_member_name (b, name); json_builder_add_string_value (b, value); }
      OPT_STRING ("network", s->network);
      OPT_STRING ("country", s->country);
      OPT_STRING ("overview", s->overview);
      OPT_STRING ("poster", s->image_medium != NULL ? s->image_medium : s->image_original);
#undef OPT_STRING
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, c->score);
      json_builder_set_member_name (b, "reasons");
      json_builder_add_string_value (b, reasons);
      /* what tells the candidates apart, for the user: a line, and its numbers */
      if (evidence != NULL)
        {
          json_builder_set_member_name (b, "evidence");
          json_builder_add_string_value (b, evidence);
        }
      if (s->episodes != NULL)
        {
          gboolean compared = mml_matcher_evidence (disk, s, &ev);

          json_builder_set_member_name (b, "seasons");
          json_builder_add_int_value (b, ev.seasons);
          json_builder_set_member_name (b, "episodes");
          json_builder_add_int_value (b, ev.episodes);
          if (compared)
            {
              json_builder_set_member_name (b, "on_disk");
              json_builder_add_int_value (b, ev.on_disk);
              json_builder_set_member_name (b, "disk_total");
              json_builder_add_int_value (b, ev.disk_total);
            }
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
_mml_meta_set_conflict (sqlite3              *db,
                        gint64                series_id,
                        MmlMatchDecision      decision,
                        GPtrArray            *candidates,
                        const MmlMatchQuery  *query,
                        const MmlDiskSummary *disk,
                        MmlMetaWrite         *outcome,
                        GError              **error)
{
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autofree char *payload = NULL;
  MmlMetaSeriesState st = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  *outcome = MML_META_APPLIED;
  if (!_mml_meta_read_series_state (db, series_id, &st, error))
    {
      *outcome = MML_META_GONE;
      return error == NULL || *error == NULL;
    }
  _mml_meta_series_state_clear (&st);
  if (st.state == MML_MATCH_STATE_MANUAL || st.state == MML_MATCH_STATE_IGNORED)
    {
      *outcome = st.state == MML_MATCH_STATE_MANUAL ? MML_META_KEPT_MANUAL : MML_META_KEPT_IGNORED;
      return TRUE;
    }

  payload = conflict_payload (decision, candidates, query, disk);
  if (!_mml_meta_close_match_conflicts (db, series_id, "resolved", now, error)
      || !(ins = mml_store_prepare (db,
             "INSERT INTO conflicts (kind, series_id, payload, created_at) VALUES ('match', ?1, ?2, ?3)", error))
      || !(upd = mml_store_prepare (db,
             "UPDATE series SET match_state = 'conflict', meta_error = NULL, meta_error_at = NULL WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (ins, 1, series_id);
  sqlite3_bind_text (ins, 2, payload, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ins, 3, now);
  sqlite3_bind_int64 (upd, 1, series_id);
  return step_done (db, ins, error) && step_done (db, upd, error);
}

/* --- small updates ------------------------------------------------------- */

static gboolean
set_override (sqlite3     *db,
              gint64       series_id,
              const char  *field,
              const char  *text,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db,
      text != NULL
      ? "UPDATE series SET overrides = json_set(COALESCE(overrides, '{}'), '$.' || ?2, ?3), "
        "title = CASE ?2 WHEN 'title' THEN ?3 ELSE title END, "
        "year = CASE ?2 WHEN 'year' THEN CAST(?3 AS INTEGER) ELSE year END, "
        "overview = CASE ?2 WHEN 'overview' THEN ?3 ELSE overview END, "
        "network = CASE ?2 WHEN 'network' THEN ?3 ELSE network END WHERE id = ?1"
      : "UPDATE series SET overrides = json_remove(COALESCE(overrides, '{}'), '$.' || ?2) WHERE id = ?1",
      error);
  static const char * const fields[] = { "title", "year", "overview", "network", "status", "language" };

  if (s == NULL)
    return FALSE;
  if (field == NULL || !g_strv_contains (fields, field))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a field that can be overridden", field ? field : "");
      return FALSE;
    }
  sqlite3_bind_int64 (s, 1, series_id);
  sqlite3_bind_text (s, 2, field, -1, SQLITE_STATIC);
  if (text != NULL)
    sqlite3_bind_text (s, 3, text, -1, SQLITE_STATIC);
  return step_done (db, s, error);
}

/* Forgets the match of @series_id: ids, provider episodes, state none */
static gboolean
unmatch (sqlite3             *db,
         gint64               series_id,
         MmlMetaSeriesState  *st,
         gint64               now,
         GError             **error)
{
  g_autoptr(sqlite3_stmt) s = NULL;
  g_autoptr(sqlite3_stmt) eps = NULL;
  g_autoptr(sqlite3_stmt) seasons = NULL;

  if (!(s = mml_store_prepare (db,
          "UPDATE series SET match_state = 'none', provider = NULL, tvmaze_id = NULL, "
          "tvdb_id = NULL, tmdb_id = NULL, imdb_id = NULL, poster_url = NULL, status = NULL, "
          "overview = NULL, network = NULL, provider_updated = NULL, matched_at = NULL, "
          "title = COALESCE(json_extract(overrides, '$.title'), folder_title, title) WHERE id = ?1", error))
      || !(eps = mml_store_prepare (db,
          "UPDATE episodes SET provider_id = NULL, title = NULL, overview = NULL WHERE series_id = ?1", error))
      || !(seasons = mml_store_prepare (db, "DELETE FROM seasons WHERE series_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, series_id);
  sqlite3_bind_int64 (eps, 1, series_id);
  sqlite3_bind_int64 (seasons, 1, series_id);
  return step_done (db, s, error) && step_done (db, eps, error)
         && step_done (db, seasons, error)
         && _mml_meta_relink (db, series_id, st->root_kind, error)
         && _mml_meta_close_match_conflicts (db, series_id, "resolved", now, error);
}

/* Opens the last match conflict of @series_id again (its candidates as
 * they were) and puts the series back in conflict */
static gboolean
reopen (sqlite3     *db,
        gint64       series_id,
        GError     **error)
{
  g_autoptr(sqlite3_stmt) c = mml_store_prepare (db,
      "UPDATE conflicts SET state = 'open', resolved_at = NULL "
      "WHERE id = (SELECT max(id) FROM conflicts WHERE kind = 'match' AND series_id = ?1)", error);
  g_autoptr(sqlite3_stmt) s = NULL;

  if (c == NULL)
    return FALSE;
  sqlite3_bind_int64 (c, 1, series_id);
  if (!step_done (db, c, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The series had no choice to undo"));
      return FALSE;
    }
  if (!(s = mml_store_prepare (db, "UPDATE series SET match_state = 'conflict' WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, series_id);
  return step_done (db, s, error);
}

gboolean
_mml_meta_update (sqlite3          *db,
                  gint64            series_id,
                  MmlMetaUpdate     what,
                  const char       *field,
                  const char       *text,
                  MmlEpisodeOrder   order,
                  GError          **error)
{
  g_autoptr(sqlite3_stmt) s = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  MmlMetaSeriesState st = { 0 };

  if (what == MML_META_UPDATE_UNCONFIRM)
    {
      if (text == NULL || !(s = mml_store_prepare (db, "UPDATE series SET match_state = 'auto' "
                                                   "WHERE match_state = 'manual' "
                                                   "  AND id IN (SELECT value FROM json_each(?1))", error)))
        {
          if (text == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no series to undo");
          return FALSE;
        }
      sqlite3_bind_text (s, 1, text, -1, SQLITE_STATIC);
      return step_done (db, s, error);
    }

  if (what == MML_META_UPDATE_CONFIRM)
    {
      /* the review list of new matches: one, or all of them */
      if (!(s = mml_store_prepare (db, "UPDATE series SET match_state = 'manual' "
                                       "WHERE match_state = 'auto' AND (?1 = 0 OR id = ?1)", error)))
        return FALSE;
      sqlite3_bind_int64 (s, 1, series_id);
      return step_done (db, s, error);
    }

  if (!_mml_meta_read_series_state (db, series_id, &st, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "There is no series %" G_GINT64_FORMAT, series_id);
      return FALSE;
    }

  switch (what)
    {
    case MML_META_UPDATE_IGNORE:
      _mml_meta_series_state_clear (&st);
      return (s = mml_store_prepare (db, "UPDATE series SET match_state = 'ignored' WHERE id = ?1", error))
             && (sqlite3_bind_int64 (s, 1, series_id), step_done (db, s, error))
             && _mml_meta_close_match_conflicts (db, series_id, "ignored", now, error);
    case MML_META_UPDATE_UNIGNORE:
      _mml_meta_series_state_clear (&st);
      return (s = mml_store_prepare (db, "UPDATE series SET match_state = 'none' "
                                         "WHERE id = ?1 AND match_state = 'ignored'", error))
             && (sqlite3_bind_int64 (s, 1, series_id), step_done (db, s, error));
    case MML_META_UPDATE_UNMATCH:
      {
        gboolean ok = unmatch (db, series_id, &st, now, error);

        _mml_meta_series_state_clear (&st);
        return ok;
      }
    case MML_META_UPDATE_REOPEN:
      {
        gboolean ok = unmatch (db, series_id, &st, now, error) && reopen (db, series_id, error);

        _mml_meta_series_state_clear (&st);
        return ok;
      }
    case MML_META_UPDATE_ERROR:
      _mml_meta_series_state_clear (&st);
      if (!(s = mml_store_prepare (db, "UPDATE series SET meta_error = ?2, meta_error_at = ?3 WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (s, 1, series_id);
      bind_text_or_null (s, 2, text);
      bind_int_or_null (s, 3, text != NULL ? now : -1, -1);
      return step_done (db, s, error);
    case MML_META_UPDATE_ORDER:
      _mml_meta_series_state_clear (&st);
      if (!(s = mml_store_prepare (db, "UPDATE series SET episode_order = ?2 WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (s, 1, series_id);
      sqlite3_bind_text (s, 2, mml_episode_order_to_string (order), -1, SQLITE_STATIC);
      return step_done (db, s, error);
    case MML_META_UPDATE_OVERRIDE:
    default:
      _mml_meta_series_state_clear (&st);
      return set_override (db, series_id, field, text, error);
    }
}

