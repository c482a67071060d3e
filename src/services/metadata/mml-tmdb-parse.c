/* mml-tmdb-parse.c — reading TMDB's JSON into the metadata model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-tmdb"

#include "config.h"

#include <string.h>

#include "mml-json.h"
#include "mml-tmdb-private.h"

/* popularity p → p / (p + POPULARITY_HALF): 0..1, 0.5 at this value */
#define POPULARITY_HALF 20.0

/* --- JSON reading ------------------------------------------------------- */

static gint64
get_id (JsonObject *object,
        const char *name)
{
  gint64 value;

  return mml_json_get_int (object, name, &value) && value > 0 ? value : 0;
}

/* A two-letter ISO 3166 code, upper-cased, or NULL. */
static char *
country_code (const char *value)
{
  if (value == NULL || strlen (value) != 2 || !g_ascii_isalpha (value[0]) || !g_ascii_isalpha (value[1]))
    return NULL;
  return g_ascii_strup (value, -1);
}

/* Image base + size + file path ("/abc.jpg"); NULL for anything that is not
 * a plain file path, so an answer cannot point the image loader elsewhere. */
static char *
image_url (const char *base,
           const char *size,
           const char *path)
{
  gsize len;

  if (path == NULL || path[0] != '/' || (len = strlen (path)) < 2 || len > 256
      || strstr (path, "..") != NULL || strstr (path, "//") != NULL)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (path[i]) && strchr ("/._-", path[i]) == NULL)
      return NULL;
  return g_strconcat (base != NULL ? base : MML_TMDB_DEFAULT_IMAGE_URL, size, path, NULL);
}

/* --- errors -------------------------------------------------------------- */

GError *
mml_tmdb_error_from_body (JsonNode *node)
{
  JsonObject *o = mml_json_node_object (node);
  gboolean success;
  gint64 code = 0;
  gboolean has_code;

  if (o == NULL)
    return NULL;
  has_code = mml_json_get_int (o, "status_code", &code);
  if (mml_json_get_bool (o, "success", &success))
    {
      if (success)
        return NULL;
    }
  /* an "id" member, even a null one, makes it a record, not an error */
  else if (!has_code || mml_json_get_string (o, "status_message") == NULL || mml_json_member (o, "id") != NULL)
    return NULL;

  /* The server's status_message is not repeated: it is not ours to show,
   * and only the code matters. */
  switch (code)
    {
    case 3:    /* authentication failed */
    case 7:    /* invalid API key */
    case 10:   /* suspended API key */
    case 14:   /* authentication failed */
    case 35:   /* invalid token */
    case 36:   /* the token lacks permission */
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_AUTH,
                          "TMDB rejected the API key or read access token (error %d)", (int) code);
    case 6:    /* invalid id */
    case 34:   /* resource not found */
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_NOT_FOUND,
                          "TMDB has no such item (error %d)", (int) code);
    case 25:   /* over the request limit */
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_QUOTA,
                          "TMDB is rate limiting us; try again in a minute");
    default:
      if (has_code)
        return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER,
                            "TMDB answered with an error (code %d)", (int) CLAMP (code, -1, G_MAXINT));
      return g_error_new (MML_HTTP_ERROR, MML_HTTP_ERROR_SERVER, "TMDB answered with an error");
    }
}

/* --- series -------------------------------------------------------------- */

static MmlMetaSeason *
parse_season_summary (JsonNode   *node,
                      const char *image_base)
{
  JsonObject *o = mml_json_node_object (node);
  MmlMetaSeason *season;

  if (o == NULL)
    return NULL;
  season = mml_meta_season_new ();
  season->provider_id = get_id (o, "id");
  season->number = mml_json_get_small_int (o, "season_number", -1);
  season->name = mml_json_dup_string (o, "name");
  season->episode_order = mml_json_get_small_int (o, "episode_count", 0);
  season->premiere_date = mml_json_dup_date (o, "air_date", FALSE, NULL);
  season->image_url = image_url (image_base, "original", mml_json_get_string (o, "poster_path"));
  if (season->number < 0)
    {
      mml_meta_season_unref (season);
      return NULL;
    }
  return season;
}

static void
parse_genres (MmlMetaSeries *s,
              JsonArray     *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = mml_json_dup_string (mml_json_node_object (json_array_get_element (array, i)), "name");

      if (name != NULL)
        g_strv_builder_add (builder, name);
    }
  g_strfreev (s->genres);
  s->genres = g_strv_builder_end (builder);
}

static void
parse_alternative_titles (MmlMetaSeries *s,
                          JsonObject    *titles)
{
  JsonArray *array = mml_json_get_array (titles, "results");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = mml_json_node_object (json_array_get_element (array, i));
      g_autofree char *title = mml_json_dup_string (o, "title");
      g_autofree char *country = country_code (mml_json_get_string (o, "iso_3166_1"));

      if (title != NULL && g_strcmp0 (title, s->title) != 0)
        mml_meta_series_add_aka (s, title, country);
    }
}

static void
parse_external_ids (MmlMetaSeries *s,
                    JsonObject    *ids)
{
  const char *imdb = mml_json_get_string (ids, "imdb_id");
  gint64 tvdb = get_id (ids, "tvdb_id");

  if (tvdb > 0)
    s->tvdb_id = tvdb;
  if (imdb != NULL && g_ascii_strncasecmp (imdb, "tt", 2) == 0 && strlen (imdb) < 24)
    {
      g_free (s->imdb_id);
      s->imdb_id = g_utf8_make_valid (imdb, -1);
    }
}

MmlMetaSeries *
mml_tmdb_parse_series (JsonNode   *node,
                       const char *image_base)
{
  JsonObject *o = mml_json_node_object (node);
  JsonObject *network;
  JsonArray *array;
  MmlMetaSeries *s;
  const char *original;
  gint64 id;

  if (o == NULL || (id = get_id (o, "id")) == 0)
    return NULL;

  s = mml_meta_series_new (MML_META_PROVIDER_TMDB);
  s->provider_id = id;
  s->tmdb_id = id;
  s->title = mml_json_dup_string (o, "name");
  original = mml_json_get_string (o, "original_name");
  if (s->title == NULL && original != NULL)
    s->title = g_utf8_make_valid (original, -1);
  if (s->title == NULL)
    s->title = g_strdup_printf ("TMDB #%" G_GINT64_FORMAT, id);
  if (original != NULL && g_strcmp0 (original, s->title) != 0)
    {
      g_autofree char *valid = g_utf8_make_valid (original, -1);

      mml_meta_series_add_aka (s, valid, NULL);
    }
  s->url = g_strdup_printf ("https://www.themoviedb.org/tv/%" G_GINT64_FORMAT, id);
  s->premiered = mml_json_dup_date (o, "first_air_date", FALSE, &s->year);
  s->language = mml_json_dup_string (o, "original_language");
  s->overview = mml_json_dup_string (o, "overview");
  s->status_text = mml_json_dup_string (o, "status");
  s->status = mml_meta_status_from_string (s->status_text);
  if (s->status == MML_META_STATUS_ENDED)
    s->ended = mml_json_dup_date (o, "last_air_date", FALSE, NULL);
  s->image_medium = image_url (image_base, "w342", mml_json_get_string (o, "poster_path"));
  s->image_original = image_url (image_base, "original", mml_json_get_string (o, "poster_path"));

  network = (array = mml_json_get_array (o, "networks")) != NULL && json_array_get_length (array) > 0
            ? mml_json_node_object (json_array_get_element (array, 0)) : NULL;
  s->network = mml_json_dup_string (network, "name");
  if ((array = mml_json_get_array (o, "origin_country")) != NULL && json_array_get_length (array) > 0)
    s->country = country_code (mml_json_node_string (json_array_get_element (array, 0)));
  if (s->country == NULL)
    s->country = country_code (mml_json_get_string (network, "origin_country"));

  if ((array = mml_json_get_array (o, "episode_run_time")) != NULL)
    for (guint i = 0; i < json_array_get_length (array) && s->runtime == 0; i++)
      {
        gint64 minutes;

        /* integers only: a runtime of 45.0 is not taken */
        if (mml_json_node_exact_int (json_array_get_element (array, i), &minutes)
            && minutes > 0 && minutes < 24 * 60)
          s->runtime = (int) minutes;
      }
  if ((array = mml_json_get_array (o, "genres")) != NULL)
    parse_genres (s, array);
  parse_external_ids (s, mml_json_get_object (o, "external_ids"));
  parse_alternative_titles (s, mml_json_get_object (o, "alternative_titles"));

  if ((array = mml_json_get_array (o, "seasons")) != NULL)
    {
      guint n = json_array_get_length (array);

      s->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_season_unref);
      for (guint i = 0; i < n; i++)
        {
          MmlMetaSeason *season = parse_season_summary (json_array_get_element (array, i), image_base);

          if (season != NULL)
            g_ptr_array_add (s->seasons, season);
        }
    }
  return s;
}

GPtrArray *
mml_tmdb_parse_search (JsonNode   *node,
                       const char *image_base)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
  JsonArray *results = mml_json_get_array (mml_json_node_object (node), "results");
  guint n = results != NULL ? json_array_get_length (results) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (results, i);
      g_autoptr(MmlMetaSeries) series = mml_tmdb_parse_series (item, image_base);
      MmlMetaCandidate *candidate;
      double p;

      if (series == NULL)
        continue;
      candidate = mml_meta_candidate_new (series);
      if (mml_json_get_number (mml_json_node_object (item), "popularity", &p) && p > 0 && p < 1e12)
        candidate->provider_score = p / (p + POPULARITY_HALF);
      g_ptr_array_add (candidates, candidate);
    }
  return candidates;
}

/* --- seasons and episodes ------------------------------------------------ */

MmlMetaEpisode *
_mml_tmdb_parse_episode (JsonNode   *node,
                         int         season_number,
                         const char *image_base)
{
  JsonObject *o = mml_json_node_object (node);
  MmlMetaEpisode *ep;
  int runtime;

  if (o == NULL)
    return NULL;
  ep = mml_meta_episode_new ();
  ep->provider_id = get_id (o, "id");
  ep->season = mml_json_get_small_int (o, "season_number", season_number);
  ep->number = mml_json_get_small_int (o, "episode_number", -1);
  ep->title = mml_json_dup_string (o, "name");
  ep->overview = mml_json_dup_string (o, "overview");
  ep->air_date = mml_json_dup_date (o, "air_date", FALSE, NULL);
  runtime = mml_json_get_small_int (o, "runtime", 0);
  ep->runtime = runtime < 24 * 60 ? runtime : 0;
  ep->image_url = image_url (image_base, "original", mml_json_get_string (o, "still_path"));
  if (ep->season == 0)
    {
      ep->kind = MML_META_EPISODE_SPECIAL;
      ep->special = TRUE;
    }
  return ep;
}

GPtrArray *
mml_tmdb_parse_season (JsonNode   *node,
                       int         season_number,
                       const char *image_base)
{
  JsonObject *o = mml_json_node_object (node);
  JsonArray *array = mml_json_get_array (o, "episodes");
  GPtrArray *episodes;
  guint n;

  if (array == NULL)
    return NULL;
  season_number = mml_json_get_small_int (o, "season_number", season_number);
  n = json_array_get_length (array);
  episodes = g_ptr_array_new_full (n, (GDestroyNotify) mml_meta_episode_unref);
  for (guint i = 0; i < n; i++)
    {
      MmlMetaEpisode *ep = _mml_tmdb_parse_episode (json_array_get_element (array, i), season_number,
                                                    image_base);

      if (ep != NULL)
        g_ptr_array_add (episodes, ep);
    }
  return episodes;
}

/* regular episodes: by season, then number (unnumbered last) */
static int
compare_regular (gconstpointer a,
                 gconstpointer b)
{
  const MmlMetaEpisode *ea = *(MmlMetaEpisode * const *) a;
  const MmlMetaEpisode *eb = *(MmlMetaEpisode * const *) b;
  guint na = (guint) ea->number;   /* -1 sorts last */
  guint nb = (guint) eb->number;

  if (ea->season != eb->season)
    return ea->season < eb->season ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/* specials: by air date (undated last), then number */
static int
compare_special (gconstpointer a,
                 gconstpointer b)
{
  const MmlMetaEpisode *ea = *(MmlMetaEpisode * const *) a;
  const MmlMetaEpisode *eb = *(MmlMetaEpisode * const *) b;
  guint na = (guint) ea->number;
  guint nb = (guint) eb->number;

  if ((ea->air_date == NULL) != (eb->air_date == NULL))
    return ea->air_date == NULL ? 1 : -1;
  if (ea->air_date != NULL && strcmp (ea->air_date, eb->air_date) != 0)
    return strcmp (ea->air_date, eb->air_date);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int ia = *(const int *) a;
  int ib = *(const int *) b;

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/* Each season numbered 1..n in order, without gaps or repeats? */
static gboolean
numbering_is_plain (GPtrArray *regular)
{
  int season = -1;
  int expected = 1;

  for (guint i = 0; i < regular->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (regular, i);

      if (ep->season != season)
        {
          season = ep->season;
          expected = 1;
        }
      if (ep->number != expected++)
        return FALSE;
    }
  return TRUE;
}

static void
fill_season_dates (MmlMetaSeries *series)
{
  for (guint i = 0; series->seasons != NULL && i < series->seasons->len; i++)
    {
      MmlMetaSeason *season = g_ptr_array_index (series->seasons, i);
      const char *first = NULL;
      const char *last = NULL;

      for (guint j = 0; j < series->episodes->len; j++)
        {
          MmlMetaEpisode *ep = g_ptr_array_index (series->episodes, j);

          if (ep->season != season->number || ep->air_date == NULL)
            continue;
          if (first == NULL || strcmp (ep->air_date, first) < 0)
            first = ep->air_date;
          if (last == NULL || strcmp (ep->air_date, last) > 0)
            last = ep->air_date;
        }
      if (season->premiere_date == NULL && first != NULL)
        season->premiere_date = g_strdup (first);
      if (season->end_date == NULL && last != NULL)
        season->end_date = g_strdup (last);
    }
}

void
_mml_tmdb_assemble_episodes (MmlMetaSeries *series,
                             GPtrArray     *season_lists,
                             gboolean       complete)
{
  g_autoptr(GPtrArray) regular = g_ptr_array_new ();
  g_autoptr(GPtrArray) specials = g_ptr_array_new ();
  g_autoptr(GArray) runtimes = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *all;
  guint r = 0, s = 0;

  g_return_if_fail (series != NULL);
  g_return_if_fail (season_lists != NULL);

  for (guint i = 0; i < season_lists->len; i++)
    {
      GPtrArray *list = g_ptr_array_index (season_lists, i);

      for (guint j = 0; list != NULL && j < list->len; j++)
        {
          MmlMetaEpisode *ep = g_ptr_array_index (list, j);

          g_ptr_array_add (ep->special ? specials : regular, ep);
        }
    }
  g_ptr_array_sort (regular, compare_regular);
  g_ptr_array_sort (specials, compare_special);

  /* Absolute numbers only when they are certain: every season there and
   * numbered plainly. TMDB itself has none. */
  if (complete && numbering_is_plain (regular))
    for (guint i = 0; i < regular->len; i++)
      ((MmlMetaEpisode *) g_ptr_array_index (regular, i))->absolute = (int) i + 1;

  all = g_ptr_array_new_full (regular->len + specials->len, (GDestroyNotify) mml_meta_episode_unref);
  while (r < regular->len || s < specials->len)
    {
      MmlMetaEpisode *reg = r < regular->len ? g_ptr_array_index (regular, r) : NULL;
      MmlMetaEpisode *sp = s < specials->len ? g_ptr_array_index (specials, s) : NULL;

      /* a special goes before the first regular episode aired after it */
      if (sp != NULL
          && (reg == NULL
              || (sp->air_date != NULL && (reg->air_date == NULL || strcmp (sp->air_date, reg->air_date) < 0))))
        {
          g_ptr_array_add (all, mml_meta_episode_ref (sp));
          s++;
        }
      else
        {
          g_ptr_array_add (all, mml_meta_episode_ref (reg));
          r++;
        }
    }
  g_clear_pointer (&series->episodes, g_ptr_array_unref);
  series->episodes = all;
  fill_season_dates (series);

  /* TMDB's episode_run_time is often empty: the median episode instead. */
  if (series->runtime == 0)
    {
      for (guint i = 0; i < regular->len; i++)
        {
          MmlMetaEpisode *ep = g_ptr_array_index (regular, i);

          if (ep->runtime > 0)
            g_array_append_val (runtimes, ep->runtime);
        }
      if (runtimes->len > 0)
        {
          g_array_sort (runtimes, compare_int);
          series->runtime = g_array_index (runtimes, int, runtimes->len / 2);
        }
    }
}

GArray *
_mml_tmdb_season_numbers (MmlMetaSeries *series)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; series->seasons != NULL && i < series->seasons->len; i++)
    {
      MmlMetaSeason *season = g_ptr_array_index (series->seasons, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < numbers->len && !seen; j++)
        seen = g_array_index (numbers, int, j) == season->number;
      if (!seen && season->number >= 0 && numbers->len < TMDB_MAX_SEASONS)
        g_array_append_val (numbers, season->number);
    }
  g_array_sort (numbers, compare_int);
  return numbers;
}

/* --- changes ------------------------------------------------------------- */

gboolean
_mml_tmdb_parse_changes (JsonNode   *node,
                         GArray     *ids,
                         GHashTable *seen,
                         guint      *total_pages)
{
  JsonObject *o = mml_json_node_object (node);
  JsonArray *results = mml_json_get_array (o, "results");
  guint n;

  if (results == NULL)
    return FALSE;
  *total_pages = (guint) CLAMP (mml_json_get_small_int (o, "total_pages", 1), 1, TMDB_MAX_PAGE);
  n = json_array_get_length (results);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = get_id (mml_json_node_object (json_array_get_element (results, i)), "id");

      if (id > 0 && g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (ids, id);
    }
  return TRUE;
}
