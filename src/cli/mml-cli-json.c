/* mml-cli-json.c — the JSON the metadata verbs print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include "mml-cli.h"
#include "mml-util.h"

void
mml_cli_json_int (GString    *out,
                   const char *name,
                   gint64      value)
{
  if (value > 0)
    g_string_append_printf (out, "\"%s\":%" G_GINT64_FORMAT, name, value);
  else
    g_string_append_printf (out, "\"%s\":null", name);
}

void
mml_cli_json_string (GString    *out,
                      const char *name,
                      const char *value)
{
  g_string_append_printf (out, "\"%s\":", name);
  if (value != NULL)
    mml_json_append_string (out, value, -1);
  else
    g_string_append (out, "null");
}

/* "name":"2025-01-31T20:00:00Z", or null for 0 */
void
mml_cli_json_time (GString    *out,
                   const char *name,
                   gint64      unix_seconds)
{
  g_autoptr(GDateTime) dt = unix_seconds > 0 ? g_date_time_new_from_unix_utc (unix_seconds) : NULL;
  g_autofree char *text = dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  mml_cli_json_string (out, name, text);
}

static void
json_number_or_null (GString    *out,
                     const char *name,
                     int         value)
{
  if (value >= 0)
    g_string_append_printf (out, "\"%s\":%d", name, value);
  else
    g_string_append_printf (out, "\"%s\":null", name);
}

/* "name":{"id","season","number","absolute","title","air_date", then
 * "watched_at" (@watched) or "on_disk"}, or null */
static void
episode_ref_to_json (GString             *out,
                     const char          *name,
                     const MmlEpisodeRef *ref,
                     gboolean             watched)
{
  g_string_append_printf (out, "\"%s\":", name);
  if (ref == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", ref->id);
  json_number_or_null (out, "season", ref->season);
  g_string_append_c (out, ',');
  json_number_or_null (out, "number", ref->number);
  g_string_append_c (out, ',');
  json_number_or_null (out, "absolute", ref->absolute);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "title", ref->title);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "air_date", ref->air_date);
  g_string_append_c (out, ',');
  if (watched)
    mml_cli_json_time (out, "watched_at", ref->watched_at);
  else
    g_string_append_printf (out, "\"on_disk\":%s", ref->has_file ? "true" : "false");
  g_string_append_c (out, '}');
}

/* The viewing members of a series: "viewing_status", "viewing_override"
 * (null when derived), "watched", "last_watched", "up_next" */
void
mml_cli_viewing_to_json (GString       *out,
                         MmlSeriesItem *series)
{
  MmlViewingStatus override;

  g_string_append_printf (out, "\"viewing_status\":\"%s\",",
                          mml_viewing_status_to_string (mml_series_item_get_viewing_status (series)));
  mml_cli_json_string (out, "viewing_override",
                       mml_series_item_get_viewing_override (series, &override)
                       ? mml_viewing_status_to_string (override) : NULL);
  g_string_append_printf (out, ",\"watched\":%u,", mml_series_item_get_n_watched (series));
  episode_ref_to_json (out, "last_watched", mml_series_item_get_last_watched (series), TRUE);
  g_string_append_c (out, ',');
  episode_ref_to_json (out, "up_next", mml_series_item_get_up_next (series), FALSE);
}

/* One series of `series list/show --json`: the fields and their order are
 * a contract (README) */
void
mml_cli_series_to_json (GString       *out,
                        MmlSeriesItem *series)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", mml_series_item_get_id (series));
  mml_cli_json_string (out, "title", mml_series_item_get_title (series));
  g_string_append_c (out, ',');
  mml_cli_json_int (out, "year", mml_series_item_get_year (series));
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "folder", mml_series_item_get_folder (series));
  g_string_append_printf (out, ",\"root\":%" G_GINT64_FORMAT ",\"ids\":{", mml_series_item_get_root_id (series));
  mml_cli_json_int (out, "tvmaze", mml_series_item_get_tvmaze_id (series));
  g_string_append_c (out, ',');
  mml_cli_json_int (out, "tvdb", mml_series_item_get_tvdb_id (series));
  g_string_append_c (out, ',');
  mml_cli_json_int (out, "tmdb", mml_series_item_get_tmdb_id (series));
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "imdb", mml_series_item_get_imdb_id (series));
  g_string_append_printf (out, "},\"match\":\"%s\",", mml_series_item_get_match_state (series));
  mml_cli_json_string (out, "provider", mml_series_item_get_provider (series));
  g_string_append_printf (out, ",\"order\":\"%s\",", mml_series_item_get_episode_order (series));
  mml_cli_json_string (out, "status", mml_series_item_get_status (series));
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "network", mml_series_item_get_network (series));
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "poster", mml_series_item_get_poster_url (series));
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "error", mml_series_item_get_meta_error (series));
  g_string_append_printf (out, ",\"episodes\":%u,\"files\":%u,\"missing\":%u,\"upcoming\":%u,",
                          mml_series_item_get_n_regular_episodes (series),
                          mml_series_item_get_n_present_files (series),
                          mml_series_item_get_n_missing (series),
                          mml_series_item_get_n_upcoming (series));
  mml_cli_json_string (out, "next_air_date", mml_series_item_get_next_air_date (series));
  g_string_append_c (out, ',');
  mml_cli_viewing_to_json (out, series);
  g_string_append_c (out, '}');
}

void
mml_cli_episode_to_json (GString             *out,
                 const MmlEpisodeRow *e)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"series\":%" G_GINT64_FORMAT ",",
                          e->id, e->series_id);
  mml_cli_json_string (out, "series_title", e->series_title);
  g_string_append (out, ",\"season\":");
  if (e->season >= 0)
    g_string_append_printf (out, "%d", e->season);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"number\":");
  if (e->number >= 0)
    g_string_append_printf (out, "%d", e->number);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"absolute\":");
  if (e->absolute >= 0)
    g_string_append_printf (out, "%d", e->absolute);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "air_date", e->air_date);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "title", e->title);
  g_string_append_printf (out, ",\"special\":%s,\"files\":%u,\"missing\":%s,\"upcoming\":%s,",
                          e->special ? "true" : "false", e->files,
                          e->missing ? "true" : "false", e->upcoming ? "true" : "false");
  g_string_append_printf (out, "\"watched\":%s,", e->watched ? "true" : "false");
  mml_cli_json_time (out, "watched_at", e->watched_at);
  g_string_append_printf (out, ",\"plays\":%u}", e->plays);
}
