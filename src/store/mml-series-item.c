/* mml-series-item.c — MmlSeriesItem, the one read model of a series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small immutable object: what the grid, the list and the filters show
 * of a series, what the series page heads with, and what the metadata
 * views and the CLI print. The one series query of mml-library.c fills it
 * from a row of MML_SERIES_ITEM_COLUMNS, whichever series it picks.
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include <json-glib/json-glib.h>

#include "mml-library-private.h"

/* --- MmlSeriesItem --- */

struct _MmlSeriesItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   root_id;
  guint64  size;          /* bytes of its present files */
  char    *root_path;
  char    *title;
  char    *folder;
  char    *subtitle_languages;
  int      year;
  guint    n_seasons;
  guint    n_episodes;
  guint    n_regular_episodes;
  guint    n_files;
  guint    n_missing_files;

  /* metadata (migration 2) */
  const char *match_state;   /* interned */
  const char *provider;      /* interned, nullable */
  gint64   tvmaze_id;
  gint64   tvdb_id;
  gint64   tmdb_id;
  char    *imdb_id;
  const char *episode_order; /* interned */
  const char *status;        /* interned, nullable */
  char    *poster_url;
  char    *network;
  char    *country;
  char    *language;
  char    *overview;
  char   **genres;           /* never NULL */
  char    *meta_error;
  gint64   added_at;
  gint64   refreshed_at;
  guint    n_missing;
  guint    n_upcoming;
  char    *next_air_date;

  /* watch state (migration 4) */
  guint    n_watched;

  /* subtitles (migration 6): see mml-subtitles.h for the rule */
  guint    n_episodes_on_disk;
  guint    n_subbed;
  MmlSubtitleStatus subtitle_status;
  gboolean has_subtitle_override;
  MmlSubtitleStatus subtitle_override;
  const char *subtitle_language;   /* interned, nullable */

  /* viewing: see mml-viewing.h for the rule */
  MmlViewingStatus viewing_status;
  gboolean has_viewing_override;
  MmlViewingStatus viewing_override;
  MmlEpisodeRef *last_watched;     /* nullable */
  MmlEpisodeRef *up_next;          /* nullable */
};

static gboolean episode_ref_equal (const MmlEpisodeRef *a,
                                   const MmlEpisodeRef *b);

G_DEFINE_FINAL_TYPE (MmlSeriesItem, mml_series_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_TITLE,
  ITEM_PROP_YEAR,
  ITEM_PROP_N_SEASONS,
  ITEM_PROP_N_EPISODES,
  ITEM_PROP_N_REGULAR_EPISODES,
  ITEM_PROP_N_FILES,
  ITEM_PROP_N_MISSING_FILES,
  ITEM_PROP_N_PRESENT_FILES,
  ITEM_PROP_SUBTITLE_LANGUAGES,
  ITEM_PROP_MATCH_STATE,
  ITEM_PROP_PROVIDER,
  ITEM_PROP_TVMAZE_ID,
  ITEM_PROP_TVDB_ID,
  ITEM_PROP_TMDB_ID,
  ITEM_PROP_IMDB_ID,
  ITEM_PROP_EPISODE_ORDER,
  ITEM_PROP_POSTER_URL,
  ITEM_PROP_STATUS,
  ITEM_PROP_NETWORK,
  ITEM_PROP_COUNTRY,
  ITEM_PROP_LANGUAGE,
  ITEM_PROP_OVERVIEW,
  ITEM_PROP_GENRES,
  ITEM_PROP_META_ERROR,
  ITEM_PROP_ADDED_AT,
  ITEM_PROP_REFRESHED_AT,
  ITEM_PROP_N_MISSING,
  ITEM_PROP_N_UPCOMING,
  ITEM_PROP_NEXT_AIR_DATE,
  ITEM_PROP_N_WATCHED,
  ITEM_PROP_N_EPISODES_ON_DISK,
  ITEM_PROP_N_SUBBED,
  ITEM_PROP_SUBTITLE_STATUS,
  ITEM_PROP_SUBTITLE_OVERRIDE,
  ITEM_PROP_SUBTITLE_LANGUAGE,
  ITEM_PROP_VIEWING_STATUS,
  ITEM_PROP_VIEWING_OVERRIDE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
mml_series_item_finalize (GObject *object)
{
  MmlSeriesItem *self = MML_SERIES_ITEM (object);

  g_free (self->root_path);
  g_free (self->title);
  g_free (self->folder);
  g_free (self->subtitle_languages);
  g_free (self->imdb_id);
  g_free (self->poster_url);
  g_free (self->network);
  g_free (self->country);
  g_free (self->language);
  g_free (self->overview);
  g_strfreev (self->genres);
  g_free (self->meta_error);
  g_free (self->next_air_date);
  g_clear_pointer (&self->last_watched, mml_episode_ref_free);
  g_clear_pointer (&self->up_next, mml_episode_ref_free);

  G_OBJECT_CLASS (mml_series_item_parent_class)->finalize (object);
}

static void
mml_series_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MmlSeriesItem *self = MML_SERIES_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case ITEM_PROP_N_SEASONS:
      g_value_set_uint (value, self->n_seasons);
      break;
    case ITEM_PROP_N_EPISODES:
      g_value_set_uint (value, self->n_episodes);
      break;
    case ITEM_PROP_N_REGULAR_EPISODES:
      g_value_set_uint (value, self->n_regular_episodes);
      break;
    case ITEM_PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    case ITEM_PROP_N_MISSING_FILES:
      g_value_set_uint (value, self->n_missing_files);
      break;
    case ITEM_PROP_N_PRESENT_FILES:
      g_value_set_uint (value, mml_series_item_get_n_present_files (self));
      break;
    case ITEM_PROP_SUBTITLE_LANGUAGES:
      g_value_set_string (value, self->subtitle_languages);
      break;
    case ITEM_PROP_MATCH_STATE:
      g_value_set_static_string (value, self->match_state);
      break;
    case ITEM_PROP_PROVIDER:
      g_value_set_static_string (value, self->provider);
      break;
    case ITEM_PROP_TVMAZE_ID:
      g_value_set_int64 (value, self->tvmaze_id);
      break;
    case ITEM_PROP_TVDB_ID:
      g_value_set_int64 (value, self->tvdb_id);
      break;
    case ITEM_PROP_TMDB_ID:
      g_value_set_int64 (value, self->tmdb_id);
      break;
    case ITEM_PROP_IMDB_ID:
      g_value_set_string (value, self->imdb_id);
      break;
    case ITEM_PROP_EPISODE_ORDER:
      g_value_set_static_string (value, self->episode_order);
      break;
    case ITEM_PROP_POSTER_URL:
      g_value_set_string (value, self->poster_url);
      break;
    case ITEM_PROP_STATUS:
      g_value_set_static_string (value, self->status);
      break;
    case ITEM_PROP_NETWORK:
      g_value_set_string (value, self->network);
      break;
    case ITEM_PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case ITEM_PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case ITEM_PROP_OVERVIEW:
      g_value_set_string (value, self->overview);
      break;
    case ITEM_PROP_GENRES:
      g_value_set_boxed (value, self->genres);
      break;
    case ITEM_PROP_META_ERROR:
      g_value_set_string (value, self->meta_error);
      break;
    case ITEM_PROP_ADDED_AT:
      g_value_set_int64 (value, self->added_at);
      break;
    case ITEM_PROP_REFRESHED_AT:
      g_value_set_int64 (value, self->refreshed_at);
      break;
    case ITEM_PROP_N_MISSING:
      g_value_set_uint (value, self->n_missing);
      break;
    case ITEM_PROP_N_UPCOMING:
      g_value_set_uint (value, self->n_upcoming);
      break;
    case ITEM_PROP_NEXT_AIR_DATE:
      g_value_set_string (value, self->next_air_date);
      break;
    case ITEM_PROP_N_WATCHED:
      g_value_set_uint (value, self->n_watched);
      break;
    case ITEM_PROP_N_EPISODES_ON_DISK:
      g_value_set_uint (value, self->n_episodes_on_disk);
      break;
    case ITEM_PROP_N_SUBBED:
      g_value_set_uint (value, self->n_subbed);
      break;
    case ITEM_PROP_SUBTITLE_STATUS:
      g_value_set_static_string (value, mml_subtitle_status_to_string (self->subtitle_status));
      break;
    case ITEM_PROP_SUBTITLE_OVERRIDE:
      g_value_set_static_string (value, self->has_subtitle_override
                                        ? mml_subtitle_status_to_string (self->subtitle_override) : "auto");
      break;
    case ITEM_PROP_SUBTITLE_LANGUAGE:
      g_value_set_static_string (value, self->subtitle_language);
      break;
    case ITEM_PROP_VIEWING_STATUS:
      g_value_set_static_string (value, mml_viewing_status_to_string (self->viewing_status));
      break;
    case ITEM_PROP_VIEWING_OVERRIDE:
      g_value_set_static_string (value, self->has_viewing_override
                                        ? mml_viewing_status_to_string (self->viewing_override) : "auto");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_item_class_init (MmlSeriesItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mml_series_item_finalize;
  object_class->get_property = mml_series_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* UTF-8 (the scanner derives it from the folder name for display) */
  item_properties[ITEM_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  item_properties[ITEM_PROP_N_SEASONS] =
    g_param_spec_uint ("n-seasons", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_EPISODES] =
    g_param_spec_uint ("n-episodes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_REGULAR_EPISODES] =
    g_param_spec_uint ("n-regular-episodes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_FILES] =
    g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_MISSING_FILES] =
    g_param_spec_uint ("n-missing-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_PRESENT_FILES] =
    g_param_spec_uint ("n-present-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_SUBTITLE_LANGUAGES] =
    g_param_spec_string ("subtitle-languages", NULL, NULL, NULL, flags);
  /* "none", "auto", "manual", "conflict" or "ignored" */
  item_properties[ITEM_PROP_MATCH_STATE] =
    g_param_spec_string ("match-state", NULL, NULL, "none", flags);
  /* "tvmaze", "tvdb", "tmdb" or NULL */
  item_properties[ITEM_PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_TVMAZE_ID] =
    g_param_spec_int64 ("tvmaze-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_TVDB_ID] =
    g_param_spec_int64 ("tvdb-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_TMDB_ID] =
    g_param_spec_int64 ("tmdb-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_IMDB_ID] =
    g_param_spec_string ("imdb-id", NULL, NULL, NULL, flags);
  /* "aired", "dvd" or "absolute" */
  item_properties[ITEM_PROP_EPISODE_ORDER] =
    g_param_spec_string ("episode-order", NULL, NULL, "aired", flags);
  item_properties[ITEM_PROP_POSTER_URL] =
    g_param_spec_string ("poster-url", NULL, NULL, NULL, flags);
  /* "continuing", "ended", "upcoming", "tbd" or NULL */
  item_properties[ITEM_PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_NETWORK] =
    g_param_spec_string ("network", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_OVERVIEW] =
    g_param_spec_string ("overview", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_GENRES] =
    g_param_spec_boxed ("genres", NULL, NULL, G_TYPE_STRV, flags);
  item_properties[ITEM_PROP_META_ERROR] =
    g_param_spec_string ("meta-error", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_ADDED_AT] =
    g_param_spec_int64 ("added-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_REFRESHED_AT] =
    g_param_spec_int64 ("refreshed-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_N_MISSING] =
    g_param_spec_uint ("n-missing", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_UPCOMING] =
    g_param_spec_uint ("n-upcoming", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_NEXT_AIR_DATE] =
    g_param_spec_string ("next-air-date", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_N_WATCHED] =
    g_param_spec_uint ("n-watched", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_EPISODES_ON_DISK] =
    g_param_spec_uint ("n-episodes-on-disk", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_SUBBED] =
    g_param_spec_uint ("n-subbed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* "with", "mixed" or "none": the override when there is one */
  item_properties[ITEM_PROP_SUBTITLE_STATUS] =
    g_param_spec_string ("subtitle-status", NULL, NULL, "none", flags);
  /* "with", "mixed", "none", or "auto" when there is none */
  item_properties[ITEM_PROP_SUBTITLE_OVERRIDE] =
    g_param_spec_string ("subtitle-override", NULL, NULL, "auto", flags);
  item_properties[ITEM_PROP_SUBTITLE_LANGUAGE] =
    g_param_spec_string ("subtitle-language", NULL, NULL, NULL, flags);
  /* "not-started", "watching", … (mml_viewing_status_to_string()): the
   * override when there is one */
  item_properties[ITEM_PROP_VIEWING_STATUS] =
    g_param_spec_string ("viewing-status", NULL, NULL, "not-started", flags);
  /* a status word, or "auto" when there is none */
  item_properties[ITEM_PROP_VIEWING_OVERRIDE] =
    g_param_spec_string ("viewing-override", NULL, NULL, "auto", flags);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
mml_series_item_init (MmlSeriesItem *self)
{
  self->match_state = g_intern_static_string ("none");
  self->episode_order = g_intern_static_string ("aired");
  self->genres = g_new0 (char *, 1);
}

gint64
mml_series_item_get_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->id;
}

gint64
mml_series_item_get_root_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->root_id;
}

/**
 * mml_series_item_get_root_path:
 *
 * Returns: (nullable): the absolute path of the series' library folder
 *   (raw bytes)
 */
const char *
mml_series_item_get_root_path (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->root_path;
}

const char *
mml_series_item_get_title (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->title;
}

/**
 * mml_series_item_get_year:
 *
 * Returns: the year, or 0 when unknown
 */
int
mml_series_item_get_year (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->year;
}

/**
 * mml_series_item_get_folder:
 *
 * Returns: (nullable): the series folder relative to its root (raw bytes),
 *   %NULL for loose files at the top of a root
 */
const char *
mml_series_item_get_folder (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->folder;
}

/**
 * mml_series_item_get_n_seasons:
 *
 * Returns: the seasons with at least one episode, specials not counted
 */
guint
mml_series_item_get_n_seasons (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_seasons;
}

/**
 * mml_series_item_get_n_episodes:
 *
 * Returns: the episodes of the series, specials included
 */
guint
mml_series_item_get_n_episodes (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_episodes;
}

/**
 * mml_series_item_get_n_regular_episodes:
 *
 * Returns: the episodes known from the provider or the files, specials not
 *   counted (what `mml series list` calls episodes)
 */
guint
mml_series_item_get_n_regular_episodes (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_regular_episodes;
}

/**
 * mml_series_item_get_n_files:
 *
 * Returns: the video files of the series, whatever their status
 */
guint
mml_series_item_get_n_files (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_files;
}

/**
 * mml_series_item_get_n_missing_files:
 *
 * Returns: the video files of the series that are not present: gone, or
 *   on a library folder that is unplugged
 */
guint
mml_series_item_get_n_missing_files (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_missing_files;
}

/**
 * mml_series_item_get_n_present_files:
 *
 * Returns: the video files of the series that are present (what
 *   `mml series list` calls files)
 */
guint
mml_series_item_get_n_present_files (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_files - self->n_missing_files;
}

/**
 * mml_series_item_get_subtitle_languages:
 *
 * Returns: (nullable): the languages of the series' sidecar subtitles,
 *   sorted, like "en, he"; %NULL when it has none
 */
const char *
mml_series_item_get_subtitle_languages (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->subtitle_languages;
}

/**
 * mml_series_item_get_match_state:
 *
 * Returns: how the series is matched to a provider: "none", "auto",
 *   "manual", "conflict" or "ignored"
 */
const char *
mml_series_item_get_match_state (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->match_state;
}

/**
 * mml_series_item_get_matched:
 *
 * Returns: whether the series is matched ("auto" or "manual")
 */
gboolean
mml_series_item_get_matched (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), FALSE);
  return g_str_equal (self->match_state, "auto") || g_str_equal (self->match_state, "manual");
}

/**
 * mml_series_item_get_to_review:
 *
 * Returns: whether the matcher named the series on its own and nobody has
 *   kept or changed the match yet: a new match to review
 */
gboolean
mml_series_item_get_to_review (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), FALSE);
  return g_str_equal (self->match_state, "auto");
}

/**
 * mml_series_item_get_provider:
 *
 * Returns: (nullable): whose metadata fills the series: "tvmaze", "tvdb" or
 *   "tmdb"; %NULL when it was never matched
 */
const char *
mml_series_item_get_provider (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->provider;
}

/**
 * mml_series_item_get_tvmaze_id:
 *
 * Returns: the show's id at TVmaze, 0 when unknown
 */
gint64
mml_series_item_get_tvmaze_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->tvmaze_id;
}

/**
 * mml_series_item_get_tvdb_id:
 *
 * Returns: the show's id at TheTVDB, 0 when unknown
 */
gint64
mml_series_item_get_tvdb_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->tvdb_id;
}

/**
 * mml_series_item_get_tmdb_id:
 *
 * Returns: the show's id at TMDB, 0 when unknown
 */
gint64
mml_series_item_get_tmdb_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->tmdb_id;
}

/**
 * mml_series_item_get_provider_id:
 * @provider: a provider, whichever matched the series
 *
 * Returns: the show's id at @provider, 0 when unknown
 */
gint64
mml_series_item_get_provider_id (MmlSeriesItem   *self,
                                 MmlMetaProvider  provider)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);

  switch (provider)
    {
    case MML_META_PROVIDER_TVMAZE:
      return self->tvmaze_id;
    case MML_META_PROVIDER_TVDB:
      return self->tvdb_id;
    case MML_META_PROVIDER_TMDB:
      return self->tmdb_id;
    default:
      return 0;
    }
}

/**
 * mml_series_item_get_imdb_id:
 *
 * Returns: (nullable): the show's IMDb id, "tt…"
 */
const char *
mml_series_item_get_imdb_id (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->imdb_id;
}

/**
 * mml_series_item_get_episode_order:
 *
 * Returns: how the provider's episodes are numbered: "aired" (the
 *   default), "dvd" or "absolute"
 */
const char *
mml_series_item_get_episode_order (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->episode_order;
}

/**
 * mml_series_item_get_poster_url:
 *
 * Returns: (nullable): the provider's poster
 */
const char *
mml_series_item_get_poster_url (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->poster_url;
}

/**
 * mml_series_item_get_status:
 *
 * Returns: (nullable): "continuing", "ended", "upcoming" or "tbd"
 */
const char *
mml_series_item_get_status (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->status;
}

/**
 * mml_series_item_get_network:
 *
 * Returns: (nullable): the network or web channel
 */
const char *
mml_series_item_get_network (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->network;
}

/**
 * mml_series_item_get_country:
 *
 * Returns: (nullable): the ISO 3166 code of the network's country
 */
const char *
mml_series_item_get_country (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->country;
}

/**
 * mml_series_item_get_language:
 *
 * Returns: (nullable): the language as the provider names it ("English")
 */
const char *
mml_series_item_get_language (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->language;
}

/**
 * mml_series_item_get_overview:
 *
 * Returns: (nullable): the provider's summary of the show
 */
const char *
mml_series_item_get_overview (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->overview;
}

/**
 * mml_series_item_get_genres:
 *
 * Returns: (array zero-terminated=1) (transfer none): the provider's
 *   genres, never %NULL
 */
const char * const *
mml_series_item_get_genres (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return (const char * const *) self->genres;
}

/**
 * mml_series_item_get_meta_error:
 *
 * Returns: (nullable): the last metadata failure of the series (cleared by
 *   the next metadata write), for Retry
 */
const char *
mml_series_item_get_meta_error (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->meta_error;
}

/**
 * mml_series_item_get_added_at:
 *
 * Returns: when the series joined the library, in seconds since the epoch
 */
gint64
mml_series_item_get_added_at (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->added_at;
}

/**
 * mml_series_item_get_refreshed_at:
 *
 * Returns: when the provider's metadata was last written, in seconds since
 *   the epoch; 0 when never
 */
gint64
mml_series_item_get_refreshed_at (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->refreshed_at;
}

/**
 * mml_series_item_get_n_missing:
 *
 * Returns: the episodes of a matched series that have aired (by the local
 *   date) with no file present or unavailable, specials not counted; 0 for
 *   a series that is not matched
 */
guint
mml_series_item_get_n_missing (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_missing;
}

/**
 * mml_series_item_get_n_upcoming:
 *
 * Returns: the episodes that air after today, specials included
 */
guint
mml_series_item_get_n_upcoming (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_upcoming;
}

/**
 * mml_series_item_get_next_air_date:
 *
 * Returns: (nullable): the date of the next episode that airs after today,
 *   "YYYY-MM-DD" (in the user's time zone when the provider gave the
 *   instant it airs)
 */
const char *
mml_series_item_get_next_air_date (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->next_air_date;
}

/**
 * mml_series_item_get_n_watched:
 *
 * Returns: the episodes marked watched (episodes.watched, which the
 *   media-server sync sets), specials and upcoming ones included
 */
guint
mml_series_item_get_n_watched (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_watched;
}

/**
 * mml_series_item_get_n_episodes_on_disk:
 *
 * Returns: the episodes with a file on disk (present, or on a library
 *   folder that is unplugged): those the subtitle status judges
 */
guint
mml_series_item_get_n_episodes_on_disk (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_episodes_on_disk;
}

/**
 * mml_series_item_get_n_subbed:
 *
 * Returns: of the episodes on disk, those subbed in the first preferred
 *   language (mml_series_item_get_subtitle_language())
 */
guint
mml_series_item_get_n_subbed (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_subbed;
}

/**
 * mml_series_item_get_subtitle_status:
 *
 * Returns: the series' subtitle status: the user's override when there is
 *   one, else what the episodes on disk say (see mml-subtitles.h)
 */
MmlSubtitleStatus
mml_series_item_get_subtitle_status (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), MML_SUBTITLE_STATUS_NONE);
  return self->subtitle_status;
}

/**
 * mml_series_item_get_subtitle_override:
 * @status: (out) (optional): the override, when there is one
 *
 * Returns: whether the user overrode the subtitle status
 */
gboolean
mml_series_item_get_subtitle_override (MmlSeriesItem     *self,
                                       MmlSubtitleStatus *status)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), FALSE);

  if (status != NULL)
    *status = self->subtitle_override;
  return self->has_subtitle_override;
}

/**
 * mml_series_item_get_subtitle_language:
 *
 * Returns: (nullable): the language the status was judged in: the first
 *   preferred language when the series was read ("he")
 */
const char *
mml_series_item_get_subtitle_language (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->subtitle_language;
}

/**
 * mml_series_item_lacks_subtitles:
 *
 * Returns: whether some episode on disk is not subbed in the first
 *   preferred language, unless the user set the status to "with": the
 *   series whose episodes the dashboard counts (MmlLibraryTotals.n_unsubbed)
 */
gboolean
mml_series_item_lacks_subtitles (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), FALSE);

  if (self->has_subtitle_override && self->subtitle_override == MML_SUBTITLE_STATUS_WITH)
    return FALSE;
  return self->n_subbed < self->n_episodes_on_disk;
}

/**
 * mml_series_item_get_viewing_status:
 *
 * Returns: the series' viewing status: the user's override when there is
 *   one, else what its episodes say (see mml-viewing.h)
 */
MmlViewingStatus
mml_series_item_get_viewing_status (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), MML_VIEWING_NOT_STARTED);
  return self->viewing_status;
}

/**
 * mml_series_item_get_viewing_override:
 * @status: (out) (optional): the override, when there is one
 *
 * Returns: whether the user set the viewing status
 */
gboolean
mml_series_item_get_viewing_override (MmlSeriesItem    *self,
                                      MmlViewingStatus *status)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), FALSE);

  if (status != NULL)
    *status = self->viewing_override;
  return self->has_viewing_override;
}

/**
 * mml_series_item_get_last_watched:
 *
 * Returns: (nullable) (transfer none): the episode marked watched last
 *   (its watched_at the latest), %NULL when none is
 */
const MmlEpisodeRef *
mml_series_item_get_last_watched (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->last_watched;
}

/**
 * mml_series_item_get_up_next:
 *
 * Returns: (nullable) (transfer none): the episode to watch next: the
 *   first unwatched regular episode that has aired (or is on disk without
 *   a date) after the furthest one watched, else the first unwatched one;
 *   its has_file says whether a file of it is on disk. %NULL when none is
 *   left.
 */
const MmlEpisodeRef *
mml_series_item_get_up_next (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), NULL);
  return self->up_next;
}

/**
 * mml_series_item_get_size:
 *
 * Returns: the bytes of the series' files on disk (videos and sidecars
 *   that are present)
 */
guint64
mml_series_item_get_size (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);

  return self->size;
}

/**
 * mml_series_item_equal:
 *
 * Returns: whether @a and @b show the same thing (every field is equal), so
 *   a reload can keep the one already in a model
 */
gboolean
mml_series_item_equal (MmlSeriesItem *a,
                       MmlSeriesItem *b)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (a), FALSE);
  g_return_val_if_fail (MML_IS_SERIES_ITEM (b), FALSE);

  return a->id == b->id &&
         a->root_id == b->root_id &&
         a->size == b->size &&
         a->year == b->year &&
         a->n_seasons == b->n_seasons &&
         a->n_episodes == b->n_episodes &&
         a->n_regular_episodes == b->n_regular_episodes &&
         a->n_files == b->n_files &&
         a->n_missing_files == b->n_missing_files &&
         a->n_missing == b->n_missing &&
         a->n_upcoming == b->n_upcoming &&
         a->n_watched == b->n_watched &&
         a->n_episodes_on_disk == b->n_episodes_on_disk &&
         a->n_subbed == b->n_subbed &&
         a->subtitle_status == b->subtitle_status &&
         a->has_subtitle_override == b->has_subtitle_override &&
         a->subtitle_override == b->subtitle_override &&
         a->subtitle_language == b->subtitle_language &&   /* interned */
         a->viewing_status == b->viewing_status &&
         a->has_viewing_override == b->has_viewing_override &&
         a->viewing_override == b->viewing_override &&
         episode_ref_equal (a->last_watched, b->last_watched) &&
         episode_ref_equal (a->up_next, b->up_next) &&
         a->tvmaze_id == b->tvmaze_id &&
         a->tvdb_id == b->tvdb_id &&
         a->tmdb_id == b->tmdb_id &&
         a->added_at == b->added_at &&
         a->refreshed_at == b->refreshed_at &&
         a->match_state == b->match_state &&   /* interned */
         a->provider == b->provider &&
         a->episode_order == b->episode_order &&
         a->status == b->status &&
         g_strcmp0 (a->root_path, b->root_path) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->folder, b->folder) == 0 &&
         g_strcmp0 (a->subtitle_languages, b->subtitle_languages) == 0 &&
         g_strcmp0 (a->imdb_id, b->imdb_id) == 0 &&
         g_strcmp0 (a->poster_url, b->poster_url) == 0 &&
         g_strcmp0 (a->network, b->network) == 0 &&
         g_strcmp0 (a->country, b->country) == 0 &&
         g_strcmp0 (a->language, b->language) == 0 &&
         g_strcmp0 (a->overview, b->overview) == 0 &&
         g_strcmp0 (a->meta_error, b->meta_error) == 0 &&
         g_strcmp0 (a->next_air_date, b->next_air_date) == 0 &&
         g_strv_equal ((const char * const *) a->genres, (const char * const *) b->genres);
}

/* --- filled by the series query --- */

void
mml_episode_ref_free (MmlEpisodeRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->title);
  g_free (ref->air_date);
  g_free (ref);
}

static gboolean
episode_ref_equal (const MmlEpisodeRef *a,
                   const MmlEpisodeRef *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->id == b->id && a->season == b->season && a->number == b->number &&
         a->absolute == b->absolute && a->watched_at == b->watched_at &&
         a->has_file == b->has_file &&
         g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->air_date, b->air_date) == 0;
}

static char *
column_title (sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  return g_utf8_make_valid (text, -1);
}

/* Provider text is UTF-8, but the database is shared: repair rather than
 * trust. Returns: (nullable): %NULL for NULL or an empty text */
char *
_mml_library_column_utf8 (sqlite3_stmt *stmt,
                          int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || *text == '\0')
    return NULL;

  return g_utf8_make_valid (text, -1);
}

static const char *
column_interned (sqlite3_stmt *stmt,
                 int           column,
                 const char   *fallback)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return fallback;

  return g_intern_string (text);
}

static guint
column_count (sqlite3_stmt *stmt,
              int           column)
{
  return MAX (0, sqlite3_column_int (stmt, column));
}

/* '["Drama","Thriller"]' → { "Drama", "Thriller", NULL }: what the
 * metadata writer stores, so anything else is dropped */
static char **
column_genres (sqlite3_stmt *stmt,
               int           column)
{
  const char *json = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;

  /* most series have none: no parser for "[]" or NULL */
  if (json != NULL && !g_str_equal (json, "[]"))
    root = json_from_string (json, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              *json_node_get_string (node) != '\0')
            g_ptr_array_add (out, g_utf8_make_valid (json_node_get_string (node), -1));
        }
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* An episode in columns @first…: id, season, number, absolute, title,
 * local date, then watched_at (@watched) or whether it has a file */
static MmlEpisodeRef *
column_episode_ref (sqlite3_stmt *stmt,
                    int           first,
                    gboolean      watched)
{
  MmlEpisodeRef *ref;

  if (sqlite3_column_type (stmt, first) == SQLITE_NULL)
    return NULL;

  ref = g_new0 (MmlEpisodeRef, 1);
  ref->id = sqlite3_column_int64 (stmt, first);
  ref->season = _mml_library_column_int_or (stmt, first + 1, -1);
  ref->number = _mml_library_column_int_or (stmt, first + 2, -1);
  ref->absolute = _mml_library_column_int_or (stmt, first + 3, -1);
  ref->title = _mml_library_column_utf8 (stmt, first + 4);
  ref->air_date = _mml_library_column_text (stmt, first + 5);
  if (watched)
    ref->watched_at = MAX (0, sqlite3_column_int64 (stmt, first + 6));
  else
    ref->has_file = sqlite3_column_int (stmt, first + 6) != 0;
  return ref;
}

/* A row of MML_SERIES_ITEM_COLUMNS */
MmlSeriesItem *
_mml_series_item_new_from_row (sqlite3_stmt *stmt)
{
  MmlSeriesItem *item = g_object_new (MML_TYPE_SERIES_ITEM, NULL);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->root_id = sqlite3_column_int64 (stmt, 1);
  item->root_path = _mml_library_column_bytes (stmt, 2);
  item->title = column_title (stmt, 3);
  item->year = MAX (0, _mml_library_column_int_or (stmt, 4, 0));
  item->folder = _mml_library_column_bytes (stmt, 5);

  item->match_state = column_interned (stmt, 6, item->match_state);
  item->provider = column_interned (stmt, 7, NULL);
  item->tvmaze_id = MAX (0, sqlite3_column_int64 (stmt, 8));
  item->tvdb_id = MAX (0, sqlite3_column_int64 (stmt, 9));
  item->tmdb_id = MAX (0, sqlite3_column_int64 (stmt, 10));
  item->imdb_id = _mml_library_column_utf8 (stmt, 11);
  item->episode_order = column_interned (stmt, 12, item->episode_order);
  item->poster_url = _mml_library_column_utf8 (stmt, 13);
  item->status = column_interned (stmt, 14, NULL);
  item->network = _mml_library_column_utf8 (stmt, 15);
  item->country = _mml_library_column_utf8 (stmt, 16);
  item->language = _mml_library_column_utf8 (stmt, 17);
  item->overview = _mml_library_column_utf8 (stmt, 18);
  g_strfreev (item->genres);
  item->genres = column_genres (stmt, 19);
  item->meta_error = _mml_library_column_utf8 (stmt, 20);
  item->added_at = MAX (0, sqlite3_column_int64 (stmt, 21));
  item->refreshed_at = MAX (0, sqlite3_column_int64 (stmt, 22));

  item->n_seasons = column_count (stmt, 23);
  item->n_episodes = column_count (stmt, 24);
  item->n_regular_episodes = column_count (stmt, 25);
  item->n_files = column_count (stmt, 26);
  item->n_missing_files = MIN (column_count (stmt, 27), item->n_files);
  item->subtitle_languages = _mml_library_normalise_languages ((const char *) sqlite3_column_text (stmt, 28));
  /* Only a matched series knows which episodes exist */
  item->n_missing = mml_series_item_get_matched (item) ? column_count (stmt, 29) : 0;
  item->n_upcoming = column_count (stmt, 30);
  item->next_air_date = _mml_library_column_text (stmt, 31);
  item->n_watched = column_count (stmt, 32);

  item->n_episodes_on_disk = column_count (stmt, 33);
  item->n_subbed = MIN (column_count (stmt, 34), item->n_episodes_on_disk);
  item->has_subtitle_override =
    mml_subtitle_status_from_string ((const char *) sqlite3_column_text (stmt, 35), &item->subtitle_override);
  item->subtitle_status = item->has_subtitle_override
                          ? item->subtitle_override
                          : mml_subtitle_status_from_counts (item->n_episodes_on_disk, item->n_subbed);
  item->subtitle_language = column_interned (stmt, 36, NULL);

  item->has_viewing_override =
    mml_viewing_status_from_string ((const char *) sqlite3_column_text (stmt, 37), &item->viewing_override);
  if (item->has_viewing_override)
    item->viewing_status = item->viewing_override;
  else
    {
      MmlViewingFacts facts = {
        .watched = item->n_watched,
        .counted = column_count (stmt, 38),
        .counted_watched = column_count (stmt, 39),
        .upcoming = item->n_upcoming,
        .last_watched_at = MAX (0, sqlite3_column_int64 (stmt, 40)),
        .first_left_aired = MAX (0, sqlite3_column_int64 (stmt, 41)),
        .ended = g_strcmp0 (item->status, "ended") == 0,
      };

      item->viewing_status = mml_viewing_status_derive (&facts, sqlite3_column_int64 (stmt, 42),
                                                        MML_VIEWING_RECENT_DAYS);
    }
  item->last_watched = column_episode_ref (stmt, 43, TRUE);
  item->up_next = column_episode_ref (stmt, 50, FALSE);
  item->size = (guint64) MAX (0, sqlite3_column_int64 (stmt, 57));

  return item;
}
