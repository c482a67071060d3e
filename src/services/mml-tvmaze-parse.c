/* mml-tvmaze-parse.c — reading TVmaze's JSON into the metadata model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvmaze"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mml-tvmaze-private.h"

/* --- JSON reading: every field checked, a wrong type is a missing field -- */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name)
         ? json_object_get_member (object, name) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A non-empty string, or NULL. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  const char *value = get_string (object, name);

  return value != NULL ? g_utf8_make_valid (value, -1) : NULL;
}

/* An integer (a whole-valued double is accepted), or FALSE. */
static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *out)
{
  JsonNode *node = member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d >= -1e15 && d <= 1e15 && d == (double) (gint64) d)
        {
          *out = (gint64) d;
          return TRUE;
        }
    }
  return FALSE;
}

static int
get_small_int (JsonObject *object,
               const char *name,
               int         fallback)
{
  gint64 value;

  if (get_int (object, name, &value) && value >= 0 && value <= G_MAXINT)
    return (int) value;
  return fallback;
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *out)
{
  JsonNode *node = member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  return FALSE;
}

/* "YYYY-MM-DD" that is a real date, else NULL. */
static char *
dup_date (JsonObject *object,
          const char *name,
          int        *year)
{
  const char *value = get_string (object, name);
  int y, m, d;

  if (year != NULL)
    *year = 0;
  if (value == NULL || strlen (value) != 10 || value[4] != '-' || value[7] != '-')
    return NULL;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      return NULL;
  y = atoi (value);
  m = atoi (value + 5);
  d = atoi (value + 8);
  if (y < 1800 || y > 2200 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  if (year != NULL)
    *year = y;
  return g_strdup (value);
}

static char *
dup_image (JsonObject *object,
           const char *which)
{
  JsonObject *image = get_object (object, "image");

  return dup_string (image, which);
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
  if (get_int (o, "id", &value) && value > 0)
    ep->provider_id = value;
  ep->title = dup_string (o, "name");
  ep->season = get_small_int (o, "season", -1);
  ep->number = get_small_int (o, "number", -1);
  ep->air_date = dup_date (o, "airdate", NULL);
  if ((airstamp = get_string (o, "airstamp")) != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      ep->airstamp = g_date_time_new_from_iso8601 (airstamp, utc);
    }
  ep->runtime = get_small_int (o, "runtime", 0);
  if ((summary = get_string (o, "summary")) != NULL)
    ep->overview = mml_meta_strip_html (summary);
  ep->image_url = dup_image (o, "original");
  if (ep->image_url == NULL)
    ep->image_url = dup_image (o, "medium");

  type = get_string (o, "type");
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
  if (get_int (o, "id", &value) && value > 0)
    season->provider_id = value;
  season->number = get_small_int (o, "number", -1);
  season->name = dup_string (o, "name");
  season->episode_order = get_small_int (o, "episodeOrder", 0);
  season->premiere_date = dup_date (o, "premiereDate", NULL);
  season->end_date = dup_date (o, "endDate", NULL);
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
      if ((name = dup_string (o, "name")) == NULL)
        continue;
      country = dup_string (get_object (o, "country"), "code");
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
  if (!get_int (o, "id", &id) || id <= 0)
    return NULL;

  s = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);
  s->provider_id = id;
  s->tvmaze_id = id;
  s->title = dup_string (o, "name");
  if (s->title == NULL)
    s->title = g_strdup_printf ("TVmaze #%" G_GINT64_FORMAT, id);
  s->url = dup_string (o, "url");
  s->language = dup_string (o, "language");
  s->status_text = dup_string (o, "status");
  s->status = mml_meta_status_from_string (s->status_text);
  s->runtime = get_small_int (o, "runtime", 0);
  if (s->runtime == 0)
    s->runtime = get_small_int (o, "averageRuntime", 0);
  s->premiered = dup_date (o, "premiered", &s->year);
  s->ended = dup_date (o, "ended", NULL);
  if (get_int (o, "updated", &value) && value > 0)
    s->updated = value;
  if ((summary = get_string (o, "summary")) != NULL)
    s->overview = mml_meta_strip_html (summary);
  s->image_medium = dup_image (o, "medium");
  s->image_original = dup_image (o, "original");

  if ((array = get_array (o, "genres")) != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *g = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (g) && json_node_get_value_type (g) == G_TYPE_STRING
              && json_node_get_string (g) != NULL && json_node_get_string (g)[0] != '\0')
            {
              g_autofree char *valid = g_utf8_make_valid (json_node_get_string (g), -1);

              g_strv_builder_add (builder, valid);
            }
        }
      g_strfreev (s->genres);
      s->genres = g_strv_builder_end (builder);
    }

  /* A web-only show has a webChannel instead of a network. */
  channel = get_object (o, "network");
  if (channel == NULL || get_string (channel, "name") == NULL)
    channel = get_object (o, "webChannel");
  if (channel != NULL)
    {
      s->network = dup_string (channel, "name");
      s->country = dup_string (get_object (channel, "country"), "code");
    }

  if ((externals = get_object (o, "externals")) != NULL)
    {
      const char *imdb = get_string (externals, "imdb");

      if (get_int (externals, "thetvdb", &value) && value > 0)
        s->tvdb_id = value;
      if (imdb != NULL && g_ascii_strncasecmp (imdb, "tt", 2) == 0 && strlen (imdb) < 24)
        s->imdb_id = g_utf8_make_valid (imdb, -1);
    }

  if ((embedded = get_object (o, "_embedded")) != NULL)
    {
      if ((array = get_array (embedded, "episodes")) != NULL)
        s->episodes = _mml_tvmaze_parse_episodes (array);
      if ((array = get_array (embedded, "seasons")) != NULL)
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
      if ((array = get_array (embedded, "akas")) != NULL)
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
      if ((series = mml_tvmaze_parse_show (member (o, "show"))) == NULL)
        continue;
      candidate = mml_meta_candidate_new (series);
      if (get_number (o, "score", &score) && score >= 0)
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

