/* mml-library.h — read-only views of the library for the front ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-metadata.h"
#include "mml-store.h"
#include "mml-subtitle-store.h"
#include "mml-viewing.h"

G_BEGIN_DECLS

/* An episode a series item names: the last watched, up next */
typedef struct
{
  gint64     id;
  int        season;      /* -1 when none */
  int        number;      /* -1 when none */
  int        absolute;    /* -1 when none */
  char      *title;       /* (nullable) */
  char      *air_date;    /* (nullable): YYYY-MM-DD, local when the provider gave an instant */
  gint64     watched_at;  /* the last watched: unix seconds of the mark, 0 when unknown */
  gboolean   has_file;    /* up next: a file of it is on disk (present, or on an unplugged root) */
} MmlEpisodeRef;

void        mml_episode_ref_free (MmlEpisodeRef *ref);

/* --- MmlSeriesItem: one series row, the one read model of a series: the
 * library's models, the series page, the metadata views and the CLI all
 * read these --- */

#define MML_TYPE_SERIES_ITEM (mml_series_item_get_type ())

G_DECLARE_FINAL_TYPE (MmlSeriesItem, mml_series_item, MML, SERIES_ITEM, GObject)

gint64      mml_series_item_get_id                 (MmlSeriesItem *self);
gint64      mml_series_item_get_root_id            (MmlSeriesItem *self);
const char *mml_series_item_get_root_path          (MmlSeriesItem *self);
const char *mml_series_item_get_title              (MmlSeriesItem *self);
int         mml_series_item_get_year               (MmlSeriesItem *self);
const char *mml_series_item_get_folder             (MmlSeriesItem *self);
guint       mml_series_item_get_n_seasons          (MmlSeriesItem *self);
guint       mml_series_item_get_n_episodes         (MmlSeriesItem *self);
guint       mml_series_item_get_n_regular_episodes (MmlSeriesItem *self);
guint       mml_series_item_get_n_files            (MmlSeriesItem *self);
guint       mml_series_item_get_n_missing_files    (MmlSeriesItem *self);
guint       mml_series_item_get_n_present_files    (MmlSeriesItem *self);
const char *mml_series_item_get_subtitle_languages (MmlSeriesItem *self);
const char *mml_series_item_get_match_state        (MmlSeriesItem *self);
const char *mml_series_item_get_provider           (MmlSeriesItem *self);
gint64      mml_series_item_get_tvmaze_id          (MmlSeriesItem *self);
gint64      mml_series_item_get_tvdb_id            (MmlSeriesItem *self);
gint64      mml_series_item_get_tmdb_id            (MmlSeriesItem *self);
const char *mml_series_item_get_imdb_id            (MmlSeriesItem *self);
gint64      mml_series_item_get_provider_id        (MmlSeriesItem *self,
                                                    MmlMetaProvider provider);
const char *mml_series_item_get_episode_order      (MmlSeriesItem *self);
const char *mml_series_item_get_poster_url         (MmlSeriesItem *self);
const char *mml_series_item_get_status             (MmlSeriesItem *self);
const char *mml_series_item_get_network            (MmlSeriesItem *self);
const char *mml_series_item_get_country            (MmlSeriesItem *self);
const char *mml_series_item_get_language           (MmlSeriesItem *self);
const char *mml_series_item_get_overview           (MmlSeriesItem *self);
const char * const *
            mml_series_item_get_genres             (MmlSeriesItem *self);
const char *mml_series_item_get_meta_error         (MmlSeriesItem *self);
gint64      mml_series_item_get_added_at           (MmlSeriesItem *self);
gint64      mml_series_item_get_refreshed_at       (MmlSeriesItem *self);
guint       mml_series_item_get_n_missing          (MmlSeriesItem *self);
guint       mml_series_item_get_n_upcoming         (MmlSeriesItem *self);
const char *mml_series_item_get_next_air_date      (MmlSeriesItem *self);
guint       mml_series_item_get_n_watched          (MmlSeriesItem *self);
gboolean    mml_series_item_get_matched            (MmlSeriesItem *self);
gboolean    mml_series_item_get_to_review          (MmlSeriesItem *self);
guint       mml_series_item_get_n_episodes_on_disk (MmlSeriesItem *self);
guint       mml_series_item_get_n_subbed           (MmlSeriesItem *self);
MmlSubtitleStatus
            mml_series_item_get_subtitle_status    (MmlSeriesItem *self);
gboolean    mml_series_item_get_subtitle_override  (MmlSeriesItem     *self,
                                                    MmlSubtitleStatus *status);
const char *mml_series_item_get_subtitle_language  (MmlSeriesItem *self);
gboolean    mml_series_item_lacks_subtitles        (MmlSeriesItem *self);
MmlViewingStatus
            mml_series_item_get_viewing_status     (MmlSeriesItem *self);
gboolean    mml_series_item_get_viewing_override   (MmlSeriesItem    *self,
                                                    MmlViewingStatus *status);
const MmlEpisodeRef *
            mml_series_item_get_last_watched       (MmlSeriesItem *self);
const MmlEpisodeRef *
            mml_series_item_get_up_next            (MmlSeriesItem *self);
guint64     mml_series_item_get_size               (MmlSeriesItem *self);
gboolean    mml_series_item_equal                  (MmlSeriesItem *a,
                                                    MmlSeriesItem *b);

/* --- MmlUnrecognisedFile: a video the parser could not place --- */

#define MML_TYPE_UNRECOGNISED_FILE (mml_unrecognised_file_get_type ())

G_DECLARE_FINAL_TYPE (MmlUnrecognisedFile, mml_unrecognised_file, MML, UNRECOGNISED_FILE, GObject)

gint64      mml_unrecognised_file_get_file_id   (MmlUnrecognisedFile *self);
gint64      mml_unrecognised_file_get_root_id   (MmlUnrecognisedFile *self);
const char *mml_unrecognised_file_get_root_path (MmlUnrecognisedFile *self);
const char *mml_unrecognised_file_get_path      (MmlUnrecognisedFile *self);

/* --- the series page: seasons → episodes → files → sidecar subtitles --- */

typedef struct
{
  gint64     id;
  char      *path;        /* relative to the root, raw bytes */
  gint64     size;
  int        resolution;  /* lines (1080…), 0 when unknown */
  char      *status;      /* "present", "missing", "unavailable" */
  char      *release_group; /* (nullable): as the file's name gives it */
  GPtrArray *subtitles;   /* (element-type MmlSubtitleTrack): see mml-subtitle-store.h */
} MmlFileInfo;

typedef struct
{
  gint64     id;
  int        season;      /* -1 when none (absolute or daily numbering) */
  int        number;      /* -1 when none */
  int        absolute;    /* -1 when none */
  char      *air_date;    /* (nullable): YYYY-MM-DD, in the user's time zone when
                           * the provider gave the instant it airs */
  char      *title;       /* (nullable) */
  GPtrArray *files;       /* (element-type MmlFileInfo): not owned, see MmlSeriesDetail */
  gboolean   special;     /* a provider special (listed under season 0) */
  gboolean   missing;     /* aired, known to the provider, no file: see mml_series_item_get_n_missing() */
  gboolean   upcoming;    /* airs after today */
  gboolean   watched;     /* seen (as the media servers report it) */
  gboolean   aired;       /* aired by the end of today (MML_EPISODE_AIRED); an
                           * episode with no date is neither aired nor upcoming */
} MmlEpisodeInfo;

typedef struct
{
  int        season;      /* -1 when the episodes have none; 0 is specials (any
                           * episode the provider calls a special is listed here) */
  GPtrArray *episodes;    /* (element-type MmlEpisodeInfo) */
  /* what the provider says of the season; NULL / 0 when unknown or unmatched */
  char      *name;        /* (nullable): the provider's name for it, often none */
  char      *poster_url;  /* (nullable) */
  int        episode_count; /* announced episodes, 0 when unknown */
} MmlSeasonInfo;

typedef struct _MmlSeriesDetail MmlSeriesDetail;

struct _MmlSeriesDetail
{
  /*< public, read-only >*/
  MmlSeriesItem *series;
  char          *root_path;   /* (nullable) */
  GPtrArray     *seasons;     /* (element-type MmlSeasonInfo), in order */
  GPtrArray     *other_files; /* (element-type MmlFileInfo): videos linked to no episode */

  /* provider metadata; NULL / 0 when unknown or unmatched */
  char          *provider;      /* "tvmaze", "tvdb", "tmdb" */
  char          *overview;
  char          *country;       /* ISO 3166 code of the network */
  char          *premiered;     /* YYYY-MM-DD */
  char          *ended;         /* YYYY-MM-DD */
  char         **genres;        /* (array zero-terminated=1): never NULL */
  char          *episode_order; /* "aired" (default), "dvd", "absolute" */
  char          *meta_error;    /* the last metadata failure */
  gint64         tvmaze_id;
  gint64         tvdb_id;
  gint64         tmdb_id;
  char          *imdb_id;       /* "tt…" */
  int            runtime;       /* minutes */
  gint64         refreshed_at;  /* seconds since the epoch */

  /*< private >*/
  GPtrArray     *all_files;   /* owns every MmlFileInfo */
  gatomicrefcount ref_count;
};

#define MML_TYPE_SERIES_DETAIL (mml_series_detail_get_type ())

GType            mml_series_detail_get_type (void) G_GNUC_CONST;
MmlSeriesDetail *mml_series_detail_ref      (MmlSeriesDetail *self);
void             mml_series_detail_unref    (MmlSeriesDetail *self);

/* --- totals for the dashboard --- */

typedef struct
{
  gint64   root_id;
  char    *path;          /* raw bytes */
  gboolean enabled;
  guint    n_series;
  guint    n_files;       /* present videos */
  guint64  size;          /* bytes of present files */
  gint64   last_scan_at;  /* seconds since the epoch, 0 when never */
  char    *last_scan;     /* (nullable): JSON, see mml_last_scan_parse() */
} MmlRootTotals;

typedef struct _MmlLibraryTotals MmlLibraryTotals;

struct _MmlLibraryTotals
{
  /*< public, read-only >*/
  guint      n_series;
  guint      n_episodes;
  guint      n_files;           /* present videos */
  guint      n_subtitles;       /* present sidecar subtitle files */
  guint      n_missing_files;
  guint      n_unrecognised;    /* open unrecognised-file conflicts */
  guint64    total_size;        /* bytes of present files */
  GPtrArray *roots;             /* (element-type MmlRootTotals) */
  /* episodes on disk not subbed in @subtitle_language, series whose
   * status the user set to "with" left out (the "lacking" series of
   * mml_series_item_lacks_subtitles()) */
  guint      n_unsubbed;
  char      *subtitle_language; /* the first preferred language, "he" */

  /*< private >*/
  gatomicrefcount ref_count;
};

#define MML_TYPE_LIBRARY_TOTALS (mml_library_totals_get_type ())

GType             mml_library_totals_get_type (void) G_GNUC_CONST;
MmlLibraryTotals *mml_library_totals_ref      (MmlLibraryTotals *self);
void              mml_library_totals_unref    (MmlLibraryTotals *self);

/* --- the library's history, for the dashboard's charts --- */

/* One preferred language: the episodes on disk and those subbed in it
 * (the series the user set to "with" left out, as for n_unsubbed) */
typedef struct
{
  char    *language;
  guint    on_disk;
  guint    subbed;
} MmlSubtitleCoverage;

typedef struct _MmlLibraryHistory MmlLibraryHistory;

struct _MmlLibraryHistory
{
  /*< public, read-only >*/
  guint      n_weeks;
  gint64    *week_starts;       /* unix seconds of each week's Monday 00:00, local, oldest first */
  guint     *added;             /* episodes whose first video was first seen that week */
  guint     *watched;           /* episodes marked watched that week (the latest mark of each) */
  guint64   *size;              /* bytes of the files present now that were first seen by
                                 * the end of that week: the library's growth, files
                                 * since deleted not counted (no history is kept of them) */
  guint      viewing[MML_VIEWING_DROPPED + 1]; /* series the library shows, per MmlViewingStatus */
  GPtrArray *subtitles;         /* (element-type MmlSubtitleCoverage): per preferred language, in order */

  /*< private >*/
  gatomicrefcount ref_count;
};

#define MML_TYPE_LIBRARY_HISTORY (mml_library_history_get_type ())

GType              mml_library_history_get_type (void) G_GNUC_CONST;
MmlLibraryHistory *mml_library_history_ref      (MmlLibraryHistory *self);
void               mml_library_history_unref    (MmlLibraryHistory *self);

/* --- the last scan of a root, parsed from mml_root_get_last_scan() --- */

typedef struct
{
  guint   files;
  guint   videos;
  guint   subtitles;
  guint   series;
  guint   added;
  guint   changed;
  guint   renamed;
  guint   missing;
  guint   unavailable;
  guint   unchanged;
  guint   unrecognised;
  guint   ignored;
  guint   errors;
  double  seconds;
  char  **error_messages;       /* (array zero-terminated=1) */
} MmlLastScan;

MmlLastScan *mml_last_scan_parse (const char   *json,
                                  GError      **error);
void         mml_last_scan_free  (MmlLastScan  *self);

/* --- the read jobs (queued on the store's writer thread) --- */

void              mml_store_list_series_async        (MmlStore            *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray        *mml_store_list_series_finish       (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mml_store_get_series_detail_async  (MmlStore            *self,
                                                      gint64               series_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MmlSeriesDetail  *mml_store_get_series_detail_finish (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mml_store_list_unrecognised_async  (MmlStore            *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray        *mml_store_list_unrecognised_finish (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mml_store_get_totals_async         (MmlStore            *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MmlLibraryTotals *mml_store_get_totals_finish        (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The last @n_weeks weeks (this one included, 1…52) as the store's clock
 * tells them: see MmlLibraryHistory */
void               mml_store_get_history_async       (MmlStore            *self,
                                                      guint                n_weeks,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MmlLibraryHistory *mml_store_get_history_finish      (MmlStore            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSeriesDetail, mml_series_detail_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlLibraryTotals, mml_library_totals_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlLibraryHistory, mml_library_history_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlLastScan, mml_last_scan_free)

G_END_DECLS
