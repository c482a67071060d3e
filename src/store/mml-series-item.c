/* mml-series-item.c — MmlSeriesItem, one row of the series list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small immutable object: what the grid, the list and the filters show
 * of a series. The read jobs of mml-library.c (the list) and
 * mml-library-detail.c (the series page) fill it from their rows.
 */
#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include "mml-library-private.h"

/* --- MmlSeriesItem --- */

struct _MmlSeriesItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   root_id;
  char    *title;
  char    *folder;
  char    *subtitle_languages;
  int      year;
  guint    n_seasons;
  guint    n_episodes;
  guint    n_files;
  guint    n_missing_files;

  /* metadata (migration 2) */
  const char *match_state;   /* interned */
  const char *status;        /* interned, nullable */
  char    *poster_url;
  char    *network;
  char    *language;
  gint64   added_at;
  guint    n_missing;
  guint    n_upcoming;

  /* watch state (migration 4) */
  guint    n_watched;
};

G_DEFINE_FINAL_TYPE (MmlSeriesItem, mml_series_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_TITLE,
  ITEM_PROP_YEAR,
  ITEM_PROP_N_SEASONS,
  ITEM_PROP_N_EPISODES,
  ITEM_PROP_N_FILES,
  ITEM_PROP_N_MISSING_FILES,
  ITEM_PROP_SUBTITLE_LANGUAGES,
  ITEM_PROP_MATCH_STATE,
  ITEM_PROP_POSTER_URL,
  ITEM_PROP_STATUS,
  ITEM_PROP_NETWORK,
  ITEM_PROP_LANGUAGE,
  ITEM_PROP_ADDED_AT,
  ITEM_PROP_N_MISSING,
  ITEM_PROP_N_UPCOMING,
  ITEM_PROP_N_WATCHED,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
mml_series_item_finalize (GObject *object)
{
  MmlSeriesItem *self = MML_SERIES_ITEM (object);

  g_free (self->title);
  g_free (self->folder);
  g_free (self->subtitle_languages);
  g_free (self->poster_url);
  g_free (self->network);
  g_free (self->language);

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
    case ITEM_PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    case ITEM_PROP_N_MISSING_FILES:
      g_value_set_uint (value, self->n_missing_files);
      break;
    case ITEM_PROP_SUBTITLE_LANGUAGES:
      g_value_set_string (value, self->subtitle_languages);
      break;
    case ITEM_PROP_MATCH_STATE:
      g_value_set_static_string (value, self->match_state);
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
    case ITEM_PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case ITEM_PROP_ADDED_AT:
      g_value_set_int64 (value, self->added_at);
      break;
    case ITEM_PROP_N_MISSING:
      g_value_set_uint (value, self->n_missing);
      break;
    case ITEM_PROP_N_UPCOMING:
      g_value_set_uint (value, self->n_upcoming);
      break;
    case ITEM_PROP_N_WATCHED:
      g_value_set_uint (value, self->n_watched);
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
  item_properties[ITEM_PROP_N_FILES] =
    g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_MISSING_FILES] =
    g_param_spec_uint ("n-missing-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_SUBTITLE_LANGUAGES] =
    g_param_spec_string ("subtitle-languages", NULL, NULL, NULL, flags);
  /* "none", "auto", "manual", "conflict" or "ignored" */
  item_properties[ITEM_PROP_MATCH_STATE] =
    g_param_spec_string ("match-state", NULL, NULL, "none", flags);
  item_properties[ITEM_PROP_POSTER_URL] =
    g_param_spec_string ("poster-url", NULL, NULL, NULL, flags);
  /* "continuing", "ended", "upcoming", "tbd" or NULL */
  item_properties[ITEM_PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_NETWORK] =
    g_param_spec_string ("network", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_ADDED_AT] =
    g_param_spec_int64 ("added-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_N_MISSING] =
    g_param_spec_uint ("n-missing", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_UPCOMING] =
    g_param_spec_uint ("n-upcoming", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_N_WATCHED] =
    g_param_spec_uint ("n-watched", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
mml_series_item_init (MmlSeriesItem *self)
{
  self->match_state = g_intern_static_string ("none");
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

guint
mml_series_item_get_n_episodes (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_episodes;
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

guint
mml_series_item_get_n_missing_files (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_missing_files;
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
 * Returns: the episodes that air after today
 */
guint
mml_series_item_get_n_upcoming (MmlSeriesItem *self)
{
  g_return_val_if_fail (MML_IS_SERIES_ITEM (self), 0);
  return self->n_upcoming;
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
         a->year == b->year &&
         a->n_seasons == b->n_seasons &&
         a->n_episodes == b->n_episodes &&
         a->n_files == b->n_files &&
         a->n_missing_files == b->n_missing_files &&
         a->n_missing == b->n_missing &&
         a->n_upcoming == b->n_upcoming &&
         a->n_watched == b->n_watched &&
         a->added_at == b->added_at &&
         a->match_state == b->match_state &&   /* interned */
         a->status == b->status &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->folder, b->folder) == 0 &&
         g_strcmp0 (a->subtitle_languages, b->subtitle_languages) == 0 &&
         g_strcmp0 (a->poster_url, b->poster_url) == 0 &&
         g_strcmp0 (a->network, b->network) == 0 &&
         g_strcmp0 (a->language, b->language) == 0;
}

/* --- filled by the read jobs --- */

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

/* Columns 0–4: s.id, s.root_id, s.title, s.year, s.folder */
MmlSeriesItem *
_mml_series_item_new_from_row (sqlite3_stmt *stmt)
{
  MmlSeriesItem *item = g_object_new (MML_TYPE_SERIES_ITEM, NULL);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->root_id = sqlite3_column_int64 (stmt, 1);
  item->title = column_title (stmt, 2);
  item->year = MAX (0, _mml_library_column_int_or (stmt, 3, 0));
  item->folder = _mml_library_column_bytes (stmt, 4);

  return item;
}

/* @languages: as _mml_library_normalise_languages() takes them */
void
_mml_series_item_set_counts (MmlSeriesItem *self,
                             guint          n_seasons,
                             guint          n_episodes,
                             guint          n_files,
                             guint          n_missing_files,
                             const char    *languages)
{
  g_assert (MML_IS_SERIES_ITEM (self));

  self->n_seasons = n_seasons;
  self->n_episodes = n_episodes;
  self->n_files = n_files;
  self->n_missing_files = n_missing_files;
  g_free (self->subtitle_languages);
  self->subtitle_languages = _mml_library_normalise_languages (languages);
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

/* Columns first…first + 5: MML_LIBRARY_ITEM_META_COLUMNS */
void
_mml_series_item_set_meta (MmlSeriesItem *self,
                           sqlite3_stmt  *stmt,
                           int            first)
{
  g_assert (MML_IS_SERIES_ITEM (self));

  self->match_state = column_interned (stmt, first, g_intern_static_string ("none"));
  g_free (self->poster_url);
  self->poster_url = _mml_library_column_utf8 (stmt, first + 1);
  self->status = column_interned (stmt, first + 2, NULL);
  g_free (self->network);
  self->network = _mml_library_column_utf8 (stmt, first + 3);
  g_free (self->language);
  self->language = _mml_library_column_utf8 (stmt, first + 4);
  self->added_at = sqlite3_column_int64 (stmt, first + 5);
}

void
_mml_series_item_set_episode_counts (MmlSeriesItem *self,
                                     guint          n_missing,
                                     guint          n_upcoming)
{
  g_assert (MML_IS_SERIES_ITEM (self));

  /* Only a matched series knows which episodes exist */
  self->n_missing = mml_series_item_get_matched (self) ? n_missing : 0;
  self->n_upcoming = n_upcoming;
}

void
_mml_series_item_set_n_watched (MmlSeriesItem *self,
                                guint          n_watched)
{
  g_assert (MML_IS_SERIES_ITEM (self));

  self->n_watched = n_watched;
}
