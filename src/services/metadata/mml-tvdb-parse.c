/* mml-tvdb-parse.c — reading TheTVDB v4's JSON into the metadata model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tvdb"

#include "config.h"

#include <string.h>

#include "mml-json.h"
#include "mml-tvdb-private.h"

/* TheTVDB's remote id types [O] */
#define REMOTE_IMDB  2
#define REMOTE_TMDB  12
/* artwork type of a series poster [V] */
#define ARTWORK_POSTER 2

/* --- JSON reading ------------------------------------------------------- */

/* Plain text as TheTVDB writes it (not HTML): valid UTF-8, no CRs, trimmed. */
static char *
dup_text (JsonObject *object,
          const char *name)
{
  g_autofree char *value = mml_json_dup_string (object, name);
  GString *text;

  if (value == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p++)
    if (*p != '\r')
      g_string_append_c (text, *p);
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static gint64
id_from_text (const char *text)
{
  guint64 id;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return (gint64) id;
  return 0;
}

/* A positive id given as a number or as a string of digits ("81189"). */
static gint64
parse_id (JsonNode *node)
{
  gint64 value;

  if (mml_json_node_exact_int (node, &value))
    return MAX (value, 0);
  return id_from_text (mml_json_node_string (node));
}

/* "2011" (TheTVDB gives years as strings), or 0 */
static int
parse_year (JsonObject *object,
            const char *name)
{
  const char *text = mml_json_get_string (object, name);
  guint64 year;
  gint64 number;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1800, 2200, &year, NULL))
    return (int) year;
  if (mml_json_get_int (object, name, &number) && number >= 1800 && number <= 2200)
    return (int) number;
  return 0;
}

/* "2024-06-28 01:23:39" (UTC) → unix time, or 0 */
static gint64
parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL || strlen (text) != 19 || text[10] != ' ')
    return 0;
  iso = g_strdup (text);
  iso[10] = 'T';
  utc = g_time_zone_new_utc ();
  if ((dt = g_date_time_new_from_iso8601 (iso, utc)) == NULL)
    return 0;
  return MAX (g_date_time_to_unix (dt), 0);
}

char *
mml_tvdb_image_url (const char *value)
{
  if (value == NULL || value[0] == '\0' || strlen (value) > 2048
      || !g_utf8_validate (value, -1, NULL) || strpbrk (value, " \t\r\n\"<>") != NULL)
    return NULL;
  if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
    return g_strdup (value);
  if (value[0] == '/' && value[1] != '/')
    return g_strconcat (MML_TVDB_ARTWORKS_URL, value, NULL);
  return NULL;
}

const char *
mml_tvdb_country_code (const char *alpha3)
{
  static const char codes[][2][4] = {
    { "usa", "US" }, { "gbr", "GB" }, { "can", "CA" }, { "aus", "AU" }, { "nzl", "NZ" },
    { "irl", "IE" }, { "isr", "IL" }, { "deu", "DE" }, { "fra", "FR" }, { "esp", "ES" },
    { "ita", "IT" }, { "prt", "PT" }, { "nld", "NL" }, { "bel", "BE" }, { "che", "CH" },
    { "aut", "AT" }, { "swe", "SE" }, { "nor", "NO" }, { "dnk", "DK" }, { "fin", "FI" },
    { "isl", "IS" }, { "pol", "PL" }, { "cze", "CZ" }, { "svk", "SK" }, { "hun", "HU" },
    { "rou", "RO" }, { "bgr", "BG" }, { "grc", "GR" }, { "tur", "TR" }, { "rus", "RU" },
    { "ukr", "UA" }, { "hrv", "HR" }, { "srb", "RS" }, { "svn", "SI" }, { "est", "EE" },
    { "lva", "LV" }, { "ltu", "LT" }, { "jpn", "JP" }, { "kor", "KR" }, { "chn", "CN" },
    { "twn", "TW" }, { "hkg", "HK" }, { "ind", "IN" }, { "pak", "PK" }, { "tha", "TH" },
    { "phl", "PH" }, { "idn", "ID" }, { "mys", "MY" }, { "sgp", "SG" }, { "vnm", "VN" },
    { "bra", "BR" }, { "mex", "MX" }, { "arg", "AR" }, { "chl", "CL" }, { "col", "CO" },
    { "per", "PE" }, { "ven", "VE" }, { "zaf", "ZA" }, { "egy", "EG" }, { "nga", "NG" },
    { "mar", "MA" }, { "sau", "SA" }, { "are", "AE" }, { "irn", "IR" }, { "lbn", "LB" },
    { "mng", "MN" }, { "kaz", "KZ" }, { "geo", "GE" }, { "lux", "LU" }, { "cyp", "CY" },
  };

  if (alpha3 == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_ascii_strcasecmp (alpha3, codes[i][0]) == 0)
      return codes[i][1];
  /* some records already carry the two-letter code */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_ascii_strcasecmp (alpha3, codes[i][1]) == 0)
      return codes[i][1];
  return NULL;
}

/* --- pieces ------------------------------------------------------------ */

static void
add_aka (MmlMetaSeries *s,
         const char    *name)
{
  g_autofree char *valid = NULL;

  if (name == NULL || name[0] == '\0' || strlen (name) > 1024)
    return;
  valid = g_utf8_make_valid (name, -1);
  if (g_strcmp0 (valid, s->title) != 0)
    mml_meta_series_add_aka (s, valid, NULL);
}

/* remoteIds / remote_ids: [{id:"tt…",type:2,sourceName:"IMDB"}, …] */
static void
parse_remote_ids (MmlMetaSeries *s,
                  JsonArray     *array)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o;
      const char *id;
      const char *source;
      gint64 type = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      if ((id = mml_json_get_string (o, "id")) == NULL)
        continue;
      source = mml_json_get_string (o, "sourceName");
      mml_json_get_int (o, "type", &type);

      if (type == REMOTE_IMDB || g_strcmp0 (source, "IMDB") == 0)
        {
          if (s->imdb_id == NULL && g_ascii_strncasecmp (id, "tt", 2) == 0 && strlen (id) < 24
              && strspn (id + 2, "0123456789") == strlen (id + 2) && id[2] != '\0')
            s->imdb_id = g_ascii_strdown (id, -1);
        }
      else if (type == REMOTE_TMDB || g_strcmp0 (source, "TheMovieDB.com") == 0)
        {
          guint64 tmdb;

          if (s->tmdb_id == 0 && g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT64, &tmdb, NULL))
            s->tmdb_id = (gint64) tmdb;
        }
    }
}

/* genres: strings (search) or {name} objects (records) */
static void
parse_genres (MmlMetaSeries *s,
              JsonArray     *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name = mml_json_node_string (node);

      if (name == NULL && JSON_NODE_HOLDS_OBJECT (node))
        name = mml_json_get_string (json_node_get_object (node), "name");
      if (name != NULL)
        {
          g_autofree char *valid = g_utf8_make_valid (name, -1);

          g_strv_builder_add (builder, valid);
        }
    }
  g_strfreev (s->genres);
  s->genres = g_strv_builder_end (builder);
}

/* The best-scored poster of artworks[] into the series' images. */
static void
parse_poster (MmlMetaSeries *s,
              JsonArray     *artworks)
{
  guint n = artworks != NULL ? json_array_get_length (artworks) : 0;
  JsonObject *best = NULL;
  gint64 best_score = G_MININT64;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (artworks, i);
      g_autofree char *image = NULL;
      JsonObject *o;
      gint64 type = 0, score = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      if (!mml_json_get_int (o, "type", &type) || type != ARTWORK_POSTER)
        continue;
      if ((image = mml_tvdb_image_url (mml_json_get_string (o, "image"))) == NULL)
        continue;
      mml_json_get_int (o, "score", &score);
      if (best == NULL || score > best_score)
        {
          best = o;
          best_score = score;
        }
    }
  if (best == NULL)
    return;
  g_free (s->image_original);
  s->image_original = mml_tvdb_image_url (mml_json_get_string (best, "image"));
  g_free (s->image_medium);
  s->image_medium = mml_tvdb_image_url (mml_json_get_string (best, "thumbnail"));
  if (s->image_medium == NULL)
    s->image_medium = g_strdup (s->image_original);
}

static MmlMetaSeason *
parse_season (JsonNode   *node,
              const char *season_type)
{
  JsonObject *o;
  JsonObject *type;
  MmlMetaSeason *season;
  const char *kind;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  /* the record lists the seasons of every order: keep the asked one */
  type = mml_json_get_object (o, "type");
  if ((kind = mml_json_get_string (type, "type")) != NULL && g_strcmp0 (kind, season_type) != 0)
    return NULL;
  season = mml_meta_season_new ();
  if (mml_json_get_int (o, "id", &value) && value > 0)
    season->provider_id = value;
  season->number = mml_json_get_small_int (o, "number", -1);
  season->name = mml_json_dup_string (o, "name");
  season->image_url = mml_tvdb_image_url (mml_json_get_string (o, "image"));
  return season;
}

static int
compare_seasons (gconstpointer a,
                 gconstpointer b)
{
  const MmlMetaSeason *sa = *(MmlMetaSeason * const *) a;
  const MmlMetaSeason *sb = *(MmlMetaSeason * const *) b;

  return (sa->number > sb->number) - (sa->number < sb->number);
}

/* --- parsers ------------------------------------------------------------ */

MmlMetaEpisode *
mml_tvdb_parse_episode (JsonNode *node)
{
  JsonObject *o;
  MmlMetaEpisode *ep;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);

  ep = mml_meta_episode_new ();
  if (mml_json_get_int (o, "id", &value) && value > 0)
    ep->provider_id = value;
  ep->title = mml_json_dup_string (o, "name");
  ep->season = mml_json_get_small_int (o, "seasonNumber", -1);
  ep->number = mml_json_get_small_int (o, "number", -1);
  ep->absolute = mml_json_get_small_int (o, "absoluteNumber", -1);
  if (ep->absolute == 0)
    ep->absolute = -1;   /* TheTVDB's "none" */
  ep->air_date = mml_json_dup_date (o, "aired", TRUE, NULL);
  ep->runtime = mml_json_get_small_int (o, "runtime", 0);
  ep->overview = dup_text (o, "overview");
  ep->image_url = mml_tvdb_image_url (mml_json_get_string (o, "image"));
  /* TheTVDB keeps every special in season 0 */
  if (ep->season == 0)
    ep->kind = MML_META_EPISODE_SPECIAL;
  ep->special = ep->kind != MML_META_EPISODE_REGULAR;
  return ep;
}

guint
_mml_tvdb_parse_episodes (JsonArray *array,
                          GPtrArray *episodes)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      MmlMetaEpisode *ep = mml_tvdb_parse_episode (json_array_get_element (array, i));

      if (ep != NULL)
        g_ptr_array_add (episodes, ep);
    }
  return n;
}

void
_mml_tvdb_complete_seasons (MmlMetaSeries *series)
{
  if (series->seasons == NULL || series->episodes == NULL)
    return;
  for (guint i = 0; i < series->seasons->len; i++)
    {
      MmlMetaSeason *season = g_ptr_array_index (series->seasons, i);
      const char *first = NULL, *last = NULL;
      int count = 0;

      for (guint j = 0; j < series->episodes->len; j++)
        {
          MmlMetaEpisode *ep = g_ptr_array_index (series->episodes, j);

          if (ep->season != season->number)
            continue;
          count++;
          if (ep->air_date != NULL && (first == NULL || strcmp (ep->air_date, first) < 0))
            first = ep->air_date;
          if (ep->air_date != NULL && (last == NULL || strcmp (ep->air_date, last) > 0))
            last = ep->air_date;
        }
      if (season->episode_order == 0)
        season->episode_order = count;
      if (season->premiere_date == NULL)
        season->premiere_date = g_strdup (first);
      if (season->end_date == NULL)
        season->end_date = g_strdup (last);
    }
}

MmlMetaSeries *
mml_tvdb_parse_series (JsonNode   *node,
                       const char *season_type)
{
  JsonObject *o;
  JsonObject *status;
  JsonObject *network;
  JsonObject *translations;
  JsonArray *array;
  MmlMetaSeries *s;
  g_autofree char *slug = NULL;
  const char *text;
  gint64 id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  if (!mml_json_get_int (o, "id", &id) || id <= 0)
    return NULL;
  if (season_type == NULL)
    season_type = "official";

  s = mml_meta_series_new (MML_META_PROVIDER_TVDB);
  s->provider_id = id;
  s->tvdb_id = id;
  s->title = mml_json_dup_string (o, "name");
  if (s->title == NULL)
    s->title = g_strdup_printf ("TheTVDB #%" G_GINT64_FORMAT, id);
  /* only a plain slug makes a web address */
  if ((slug = mml_json_dup_string (o, "slug")) != NULL && strlen (slug) < 200
      && strspn (slug, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (slug))
    s->url = g_strconcat ("https://thetvdb.com/series/", slug, NULL);
  s->premiered = mml_json_dup_date (o, "firstAired", TRUE, &s->year);
  if (s->year == 0)
    s->year = parse_year (o, "year");

  /* status is {id,name,…} in records, a plain word elsewhere */
  status = mml_json_get_object (o, "status");
  s->status_text = status != NULL ? mml_json_dup_string (status, "name") : mml_json_dup_string (o, "status");
  s->status = mml_meta_status_from_string (s->status_text);
  if (s->status == MML_META_STATUS_ENDED)
    s->ended = mml_json_dup_date (o, "lastAired", TRUE, NULL);   /* else only the latest episode's date */

  network = mml_json_get_object (o, "originalNetwork");
  if (mml_json_get_string (network, "name") == NULL)
    network = mml_json_get_object (o, "latestNetwork");
  s->network = mml_json_dup_string (network, "name");
  if ((text = mml_json_get_string (o, "originalCountry")) == NULL)
    text = mml_json_get_string (o, "country");
  s->country = g_strdup (mml_tvdb_country_code (text));
  s->language = mml_json_dup_string (o, "originalLanguage");
  s->overview = dup_text (o, "overview");
  s->runtime = mml_json_get_small_int (o, "averageRuntime", 0);
  s->updated = parse_timestamp (mml_json_get_string (o, "lastUpdated"));
  if ((array = mml_json_get_array (o, "genres")) != NULL)
    parse_genres (s, array);

  /* the artworks' best poster; else the record's own image */
  parse_poster (s, mml_json_get_array (o, "artworks"));
  if (s->image_original == NULL)
    {
      s->image_original = mml_tvdb_image_url (mml_json_get_string (o, "image"));
      s->image_medium = g_strdup (s->image_original);
    }

  parse_remote_ids (s, mml_json_get_array (o, "remoteIds"));

  /* aliases: [{language,name}]; with meta=translations also the names in
   * every language (a folder may be named in any of them) */
  if ((array = mml_json_get_array (o, "aliases")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *alias = json_array_get_element (array, i);

        if (JSON_NODE_HOLDS_OBJECT (alias))
          add_aka (s, mml_json_get_string (json_node_get_object (alias), "name"));
        else
          add_aka (s, mml_json_node_string (alias));
      }
  if ((translations = mml_json_get_object (o, "translations")) != NULL)
    {
      if ((array = mml_json_get_array (translations, "nameTranslations")) != NULL)
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *t = json_array_get_element (array, i);

            if (JSON_NODE_HOLDS_OBJECT (t))
              add_aka (s, mml_json_get_string (json_node_get_object (t), "name"));
          }
      if ((array = mml_json_get_array (translations, "alias")) != NULL)
        for (guint i = 0; i < json_array_get_length (array); i++)
          add_aka (s, mml_json_node_string (json_array_get_element (array, i)));
    }

  if ((array = mml_json_get_array (o, "seasons")) != NULL)
    {
      s->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          MmlMetaSeason *season = parse_season (json_array_get_element (array, i), season_type);

          if (season != NULL)
            g_ptr_array_add (s->seasons, season);
        }
      g_ptr_array_sort (s->seasons, compare_seasons);
    }
  return s;
}

/* One /search item: a SearchResult of type series, else NULL. */
static MmlMetaSeries *
parse_search_item (JsonObject *o)
{
  const char *type = mml_json_get_string (o, "type");
  const char *object_id;
  JsonObject *translations;
  JsonArray *array;
  MmlMetaSeries *s;
  gint64 id;

  if (type == NULL)
    type = mml_json_get_string (o, "primary_type");
  if (type != NULL && g_strcmp0 (type, "series") != 0)
    return NULL;
  /* tvdb_id is a string ("81189"); objectID is "series-81189" */
  if ((id = parse_id (mml_json_member (o, "tvdb_id"))) == 0
      && (object_id = mml_json_get_string (o, "objectID")) != NULL
      && g_str_has_prefix (object_id, "series-"))
    id = id_from_text (object_id + strlen ("series-"));
  if (id <= 0)
    return NULL;

  s = mml_meta_series_new (MML_META_PROVIDER_TVDB);
  s->provider_id = id;
  s->tvdb_id = id;
  s->title = mml_json_dup_string (o, "name");
  if (s->title == NULL)
    s->title = mml_json_dup_string (o, "name_translated");
  if (s->title == NULL)
    s->title = g_strdup_printf ("TheTVDB #%" G_GINT64_FORMAT, id);
  s->premiered = mml_json_dup_date (o, "first_air_time", TRUE, &s->year);
  if (s->year == 0)
    s->year = parse_year (o, "year");
  s->status_text = mml_json_dup_string (o, "status");
  s->status = mml_meta_status_from_string (s->status_text);
  s->network = mml_json_dup_string (o, "network");
  s->country = g_strdup (mml_tvdb_country_code (mml_json_get_string (o, "country")));
  s->language = mml_json_dup_string (o, "primary_language");
  s->overview = dup_text (o, "overview");
  s->image_original = mml_tvdb_image_url (mml_json_get_string (o, "image_url"));
  s->image_medium = mml_tvdb_image_url (mml_json_get_string (o, "thumbnail"));
  if (s->image_medium == NULL)
    s->image_medium = g_strdup (s->image_original);
  if ((array = mml_json_get_array (o, "genres")) != NULL)
    parse_genres (s, array);
  parse_remote_ids (s, mml_json_get_array (o, "remote_ids"));

  if ((array = mml_json_get_array (o, "aliases")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      add_aka (s, mml_json_node_string (json_array_get_element (array, i)));
  /* translations: {"heb":"הבורגרים של בוב", …} */
  if ((translations = mml_json_get_object (o, "translations")) != NULL)
    {
      JsonObjectIter iter;
      const char *lang;
      JsonNode *name;

      json_object_iter_init (&iter, translations);
      while (json_object_iter_next (&iter, &lang, &name))
        add_aka (s, mml_json_node_string (name));
    }
  return s;
}

GPtrArray *
mml_tvdb_parse_search (JsonNode *node)
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
      gboolean seen = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (item)
          || (series = parse_search_item (json_node_get_object (item))) == NULL)
        continue;
      /* the index sometimes holds one series twice: the first one counts */
      for (guint j = 0; j < candidates->len && !seen; j++)
        seen = ((MmlMetaCandidate *) g_ptr_array_index (candidates, j))->series->provider_id
               == series->provider_id;
      if (!seen)
        g_ptr_array_add (candidates, mml_meta_candidate_new (series));
    }
  return candidates;
}
