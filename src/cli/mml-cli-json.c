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

void
mml_cli_series_to_json (GString            *out,
                const MmlSeriesRow *r)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", r->id);
  mml_cli_json_string (out, "title", r->title);
  g_string_append_c (out, ',');
  mml_cli_json_int (out, "year", r->year);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "folder", r->folder);
  g_string_append_printf (out, ",\"root\":%" G_GINT64_FORMAT ",\"ids\":{", r->root_id);
  mml_cli_json_int (out, "tvmaze", r->tvmaze_id);
  g_string_append_c (out, ',');
  mml_cli_json_int (out, "tvdb", r->tvdb_id);
  g_string_append_c (out, ',');
  mml_cli_json_int (out, "tmdb", r->tmdb_id);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "imdb", r->imdb_id);
  g_string_append_printf (out, "},\"match\":\"%s\",\"provider\":", mml_match_state_to_string (r->match));
  if (r->provider != NULL)
    mml_json_append_string (out, r->provider, -1);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"order\":\"%s\",", mml_episode_order_to_string (r->order));
  mml_cli_json_string (out, "status", r->status);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "network", r->network);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "poster", r->poster_url);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "error", r->meta_error);
  g_string_append_printf (out, ",\"episodes\":%u,\"files\":%u,\"missing\":%u,\"upcoming\":%u,",
                          r->episodes, r->files, r->missing, r->upcoming);
  mml_cli_json_string (out, "next_air_date", r->next_air_date);
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
