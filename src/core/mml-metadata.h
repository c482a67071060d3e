/* mml-metadata.h — the one internal model every metadata provider (TVmaze,
 * TheTVDB, TMDB) maps to: series, seasons, episodes, match candidates.
 *
 * These are reference-counted boxed structs with public fields: providers
 * fill them once, then they are only read (matcher, store, views).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MML_META_PROVIDER_TVMAZE,
  MML_META_PROVIDER_TVDB,
  MML_META_PROVIDER_TMDB,
} MmlMetaProvider;

typedef enum {
  MML_META_STATUS_UNKNOWN,
  MML_META_STATUS_CONTINUING,      /* TVmaze "Running", TVDB "Continuing", TMDB "Returning Series" */
  MML_META_STATUS_ENDED,           /* "Ended", "Canceled" */
  MML_META_STATUS_UPCOMING,        /* "In Development", "Planned", "In Production", "Upcoming" */
  MML_META_STATUS_TBD,             /* TVmaze "To Be Determined" */
} MmlMetaStatus;

typedef enum {
  MML_META_EPISODE_REGULAR,
  MML_META_EPISODE_SPECIAL,                /* TVmaze significant_special, TVDB season 0 */
  MML_META_EPISODE_INSIGNIFICANT_SPECIAL,  /* TVmaze insignificant_special */
} MmlMetaEpisodeKind;

/* --- episode ----------------------------------------------------------- */

typedef struct
{
  /*< private >*/
  gatomicrefcount    ref_count;
  /*< public >*/
  gint64             provider_id;   /* 0: unknown */
  int                season;        /* -1: unknown. A TVmaze special keeps the season it aired in */
  int                number;        /* -1: none (specials often have no number) */
  int                absolute;      /* -1: none */
  char              *air_date;      /* "YYYY-MM-DD" (network-local) or NULL: unaired / unknown */
  GDateTime         *airstamp;      /* authoritative instant, or NULL */
  char              *title;         /* nullable */
  char              *overview;      /* plain text, nullable */
  int                runtime;       /* minutes, 0: unknown */
  gboolean           special;       /* kind != REGULAR */
  MmlMetaEpisodeKind kind;
  char              *image_url;     /* nullable */
} MmlMetaEpisode;

#define MML_TYPE_META_EPISODE (mml_meta_episode_get_type ())
GType           mml_meta_episode_get_type (void) G_GNUC_CONST;
MmlMetaEpisode *mml_meta_episode_new      (void);
MmlMetaEpisode *mml_meta_episode_ref      (MmlMetaEpisode *self);
void            mml_meta_episode_unref    (MmlMetaEpisode *self);

/* --- season ------------------------------------------------------------ */

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  gint64          provider_id;
  int             number;
  char           *name;           /* nullable */
  int             episode_order;  /* announced episode count, 0: unknown */
  char           *premiere_date;  /* nullable */
  char           *end_date;       /* nullable */
  char           *image_url;      /* nullable */
} MmlMetaSeason;

#define MML_TYPE_META_SEASON (mml_meta_season_get_type ())
GType          mml_meta_season_get_type (void) G_GNUC_CONST;
MmlMetaSeason *mml_meta_season_new      (void);
MmlMetaSeason *mml_meta_season_ref      (MmlMetaSeason *self);
void           mml_meta_season_unref    (MmlMetaSeason *self);

/* --- alternate title --------------------------------------------------- */

typedef struct
{
  char *name;
  char *country;    /* ISO 3166 code ("US", "GB", "IL"), or NULL: the show's own country */
} MmlMetaAka;

void mml_meta_aka_free (MmlMetaAka *aka);

/* --- series ------------------------------------------------------------ */

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  MmlMetaProvider provider;
  gint64          provider_id;      /* the id at @provider */
  char           *title;
  int             year;             /* 0: unknown (from premiered) */
  char           *premiered;       /* "YYYY-MM-DD" or NULL */
  char           *ended;           /* "YYYY-MM-DD" or NULL */
  MmlMetaStatus   status;
  char           *status_text;     /* the provider's own word, nullable */
  char           *network;         /* network or web channel name, nullable */
  char           *country;         /* ISO 3166 code of the network, nullable */
  char           *language;        /* as the provider says it ("English", "eng", "en"), nullable */
  char           *overview;        /* plain text (HTML stripped), nullable */
  int             runtime;         /* minutes, 0: unknown */
  char          **genres;          /* NULL-terminated, never NULL */
  char           *image_medium;    /* poster URLs, nullable */
  char           *image_original;
  char           *url;             /* the provider's web page, nullable */
  gint64          updated;         /* provider's last-change unix time, 0: unknown */

  /* external ids; 0 / NULL: unknown */
  gint64          tvmaze_id;
  gint64          tvdb_id;
  gint64          tmdb_id;
  char           *imdb_id;         /* "tt…" */

  GPtrArray      *akas;            /* of MmlMetaAka, never NULL */
  GPtrArray      *seasons;         /* of MmlMetaSeason; NULL: not fetched */
  GPtrArray      *episodes;        /* of MmlMetaEpisode in airing order; NULL: not fetched */
} MmlMetaSeries;

#define MML_TYPE_META_SERIES (mml_meta_series_get_type ())
GType          mml_meta_series_get_type (void) G_GNUC_CONST;
MmlMetaSeries *mml_meta_series_new      (MmlMetaProvider provider);
MmlMetaSeries *mml_meta_series_ref      (MmlMetaSeries  *self);
void           mml_meta_series_unref    (MmlMetaSeries  *self);

void           mml_meta_series_add_aka  (MmlMetaSeries  *self,
                                         const char     *name,
                                         const char     *country /* nullable */);
/* Counts over the regular (non-special) episodes; -1 when episodes were not fetched. */
int            mml_meta_series_count_episodes (MmlMetaSeries *self);
int            mml_meta_series_count_seasons  (MmlMetaSeries *self);
/* Does a regular episode SxxEyy exist? FALSE when episodes were not fetched. */
gboolean       mml_meta_series_has_episode    (MmlMetaSeries *self,
                                               int            season,
                                               int            number);

/* --- match candidate --------------------------------------------------- */

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  MmlMetaSeries  *series;
  double          score;            /* 0..1, set by the matcher */
  double          provider_score;   /* the provider's own relevance (TVmaze search score), or 0 */
  GPtrArray      *reasons;          /* of char*, human-readable, never NULL */
} MmlMetaCandidate;

#define MML_TYPE_META_CANDIDATE (mml_meta_candidate_get_type ())
GType             mml_meta_candidate_get_type (void) G_GNUC_CONST;
MmlMetaCandidate *mml_meta_candidate_new      (MmlMetaSeries    *series);
MmlMetaCandidate *mml_meta_candidate_ref      (MmlMetaCandidate *self);
void              mml_meta_candidate_unref    (MmlMetaCandidate *self);
void              mml_meta_candidate_add_reason (MmlMetaCandidate *self,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (2, 3);

/* --- small helpers shared by the providers ---------------------------- */

/* Plain text from an HTML fragment: tags dropped, <p>/<br> become line
 * breaks, the common entities decoded, whitespace tidied; NULL for NULL or
 * an empty result. Invalid UTF-8 is repaired. */
char          *mml_meta_strip_html      (const char *html);
MmlMetaStatus  mml_meta_status_from_string (const char *text);
const char    *mml_meta_status_to_string   (MmlMetaStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaEpisode, mml_meta_episode_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaSeason, mml_meta_season_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaSeries, mml_meta_series_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaCandidate, mml_meta_candidate_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaAka, mml_meta_aka_free)

/* How a series' episodes are numbered. TVmaze has aired only; TheTVDB has
 * all three (season types official/dvd/absolute); TMDB aired, and DVD and
 * absolute through episode groups where a series has them. */
typedef enum {
  MML_EPISODE_ORDER_AIRED,
  MML_EPISODE_ORDER_DVD,
  MML_EPISODE_ORDER_ABSOLUTE,
} MmlEpisodeOrder;

#define MML_EPISODE_ORDER_FLAG(order) (1u << (order))

const char      *mml_episode_order_to_string   (MmlEpisodeOrder  order);   /* "aired", "dvd", "absolute" */
gboolean         mml_episode_order_from_string (const char      *text,
                                                MmlEpisodeOrder *order);

/* External ids one provider can look another's up by. */
typedef enum {
  MML_EXTERNAL_TVDB,
  MML_EXTERNAL_IMDB,
  MML_EXTERNAL_TMDB,
  MML_EXTERNAL_TVMAZE,
} MmlExternalKind;

const char      *mml_meta_provider_to_string   (MmlMetaProvider  provider);   /* "tvmaze", "tvdb", "tmdb" */
gboolean         mml_meta_provider_from_string (const char      *text,
                                                MmlMetaProvider *provider);
const char      *mml_meta_provider_display_name (MmlMetaProvider provider);  /* "TVmaze", "TheTVDB", "TMDB" */

G_END_DECLS
