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
  g_string_append_printf (out, ",\"special\":%s,\"files\":%u,\"missing\":%s,\"upcoming\":%s}",
                          e->special ? "true" : "false", e->files,
                          e->missing ? "true" : "false", e->upcoming ? "true" : "false");
}
