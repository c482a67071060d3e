/* mml-tvmaze-parse.c — reading TVmaze's JSON into the metadata model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvmaze"

#include "config.h"

#include <string.h>

#include "mml-json.h"
#include "mml-tvmaze-private.h"

/* --- JSON reading ------------------------------------------------------- */

static char *
dup_image (JsonObject *object,
           const char *which)
{
  JsonObject *image = mml_json_get_object (object, "image");

  return mml_json_dup_string (image, which);
}

/* --- parsers ------------------------------------------------------------ */

MmlMetaEpisode *
mml_tvmaze_parse_episode (JsonNode *node)
{
  JsonObject *o;
  MmlMetaEpisode *ep;
  const char *type;
  const char *airstamp;
  const char *summary;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);

  ep = mml_meta_episode_new ();
  if (mml_json_get_int (o, "id", &value) && value > 0)
    ep->provider_id = value;
  ep->title = mml_json_dup_string (o, "name");
  ep->season = mml_json_get_small_int (o, "season", -1);
  ep->number = mml_json_get_small_int (o, "number", -1);
  ep->air_date = mml_json_dup_date (o, "airdate", FALSE, NULL);
  if ((airstamp = mml_json_get_string (o, "airstamp")) != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      ep->airstamp = g_date_time_new_from_iso8601 (airstamp, utc);
    }
  ep->runtime = mml_json_get_small_int (o, "runtime", 0);
  if ((summary = mml_json_get_string (o, "summary")) != NULL)
    ep->overview = mml_meta_strip_html (summary);
  ep->image_url = dup_image (o, "original");
  if (ep->image_url == NULL)
    ep->image_url = dup_image (o, "medium");

  type = mml_json_get_string (o, "type");
  if (g_strcmp0 (type, "significant_special") == 0)
    ep->kind = MML_META_EPISODE_SPECIAL;
  else if (g_strcmp0 (type, "insignificant_special") == 0)
    ep->kind = MML_META_EPISODE_INSIGNIFICANT_SPECIAL;
  else if (type == NULL && ep->number < 0)
    ep->kind = MML_META_EPISODE_SPECIAL;   /* older answers: a special has no number */
  ep->special = ep->kind != MML_META_EPISODE_REGULAR;
  return ep;
}

static MmlMetaSeason *
parse_season (JsonNode *node)
{
  JsonObject *o;
  MmlMetaSeason *season;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  season = mml_meta_season_new ();
  if (mml_json_get_int (o, "id", &value) && value > 0)
    season->provider_id = value;
  season->number = mml_json_get_small_int (o, "number", -1);
  season->name = mml_json_dup_string (o, "name");
  season->episode_order = mml_json_get_small_int (o, "episodeOrder", 0);
  season->premiere_date = mml_json_dup_date (o, "premiereDate", FALSE, NULL);
  season->end_date = mml_json_dup_date (o, "endDate", FALSE, NULL);
  season->image_url = dup_image (o, "original");
  if (season->image_url == NULL)
    season->image_url = dup_image (o, "medium");
  return season;
}

GPtrArray *
_mml_tvmaze_parse_episodes (JsonArray *array)
{
  GPtrArray *episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      MmlMetaEpisode *ep = mml_tvmaze_parse_episode (json_array_get_element (array, i));

      if (ep != NULL)
        g_ptr_array_add (episodes, ep);
    }
  return episodes;
}

static void
parse_akas (MmlMetaSeries *series,
            JsonArray     *array)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o;
      g_autofree char *name = NULL;
      g_autofree char *country = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      if ((name = mml_json_dup_string (o, "name")) == NULL)
        continue;
      country = mml_json_dup_string (mml_json_get_object (o, "country"), "code");
      mml_meta_series_add_aka (series, name, country);
    }
}

MmlMetaSeries *
mml_tvmaze_parse_show (JsonNode *node)
{
  JsonObject *o;
  JsonObject *channel;
  JsonObject *externals;
  JsonObject *embedded;
  JsonArray *array;
  MmlMetaSeries *s;
  const char *summary;
  gint64 id;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  if (!mml_json_get_int (o, "id", &id) || id <= 0)
    return NULL;

  s = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);
  s->provider_id = id;
  s->tvmaze_id = id;
  s->title = mml_json_dup_string (o, "name");
  if (s->title == NULL)
    s->title = g_strdup_printf ("TVmaze #%" G_GINT64_FORMAT, id);
  s->url = mml_json_dup_string (o, "url");
  s->language = mml_json_dup_string (o, "language");
  s->status_text = mml_json_dup_string (o, "status");
  s->status = mml_meta_status_from_string (s->status_text);
  s->runtime = mml_json_get_small_int (o, "runtime", 0);
  if (s->runtime == 0)
    s->runtime = mml_json_get_small_int (o, "averageRuntime", 0);
  s->premiered = mml_json_dup_date (o, "premiered", FALSE, &s->year);
  s->ended = mml_json_dup_date (o, "ended", FALSE, NULL);
  if (mml_json_get_int (o, "updated", &value) && value > 0)
    s->updated = value;
  if ((summary = mml_json_get_string (o, "summary")) != NULL)
    s->overview = mml_meta_strip_html (summary);
  s->image_medium = dup_image (o, "medium");
  s->image_original = dup_image (o, "original");

  if ((array = mml_json_get_array (o, "genres")) != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          const char *genre = mml_json_node_string (json_array_get_element (array, i));

          if (genre != NULL)
            {
              g_autofree char *valid = g_utf8_make_valid (genre, -1);

              g_strv_builder_add (builder, valid);
            }
        }
      g_strfreev (s->genres);
      s->genres = g_strv_builder_end (builder);
    }

  /* A web-only show has a webChannel instead of a network. */
  channel = mml_json_get_object (o, "network");
  if (channel == NULL || mml_json_get_string (channel, "name") == NULL)
    channel = mml_json_get_object (o, "webChannel");
  if (channel != NULL)
    {
      s->network = mml_json_dup_string (channel, "name");
      s->country = mml_json_dup_string (mml_json_get_object (channel, "country"), "code");
    }

  if ((externals = mml_json_get_object (o, "externals")) != NULL)
    {
      const char *imdb = mml_json_get_string (externals, "imdb");

      if (mml_json_get_int (externals, "thetvdb", &value) && value > 0)
        s->tvdb_id = value;
      if (imdb != NULL && g_ascii_strncasecmp (imdb, "tt", 2) == 0 && strlen (imdb) < 24)
        s->imdb_id = g_utf8_make_valid (imdb, -1);
    }

  if ((embedded = mml_json_get_object (o, "_embedded")) != NULL)
    {
      if ((array = mml_json_get_array (embedded, "episodes")) != NULL)
        s->episodes = _mml_tvmaze_parse_episodes (array);
      if ((array = mml_json_get_array (embedded, "seasons")) != NULL)
        {
          guint n = json_array_get_length (array);

          s->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
          for (guint i = 0; i < n; i++)
            {
              MmlMetaSeason *season = parse_season (json_array_get_element (array, i));

              if (season != NULL)
                g_ptr_array_add (s->seasons, season);
            }
        }
      if ((array = mml_json_get_array (embedded, "akas")) != NULL)
        parse_akas (s, array);
    }

  return s;
}

GPtrArray *
mml_tvmaze_parse_search (JsonNode *node)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return candidates;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(MmlMetaSeries) series = NULL;
      MmlMetaCandidate *candidate;
      JsonObject *o;
      double score = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      o = json_node_get_object (item);
      if ((series = mml_tvmaze_parse_show (mml_json_member (o, "show"))) == NULL)
        continue;
      candidate = mml_meta_candidate_new (series);
      if (mml_json_get_number (o, "score", &score) && score >= 0)
        candidate->provider_score = score;
      g_ptr_array_add (candidates, candidate);
    }
  return candidates;
}

gint64
mml_tvmaze_show_id_from_url (const char *url)
{
  const char *p;
  guint64 id;
  char digits[20];
  gsize n = 0;

  if (url == NULL || (p = strstr (url, "/shows/")) == NULL)
    return 0;
  p += strlen ("/shows/");
  while (g_ascii_isdigit (p[n]) && n < sizeof digits - 1)
    {
      digits[n] = p[n];
      n++;
    }
  digits[n] = '\0';
  if (n == 0 || (p[n] != '\0' && p[n] != '?' && p[n] != '/' && p[n] != '#'))
    return 0;
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return (gint64) id;
}

