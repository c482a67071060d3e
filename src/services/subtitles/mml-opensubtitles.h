/* mml-opensubtitles.h — the OpenSubtitles.com REST v1 client on the shared
 * MmlHttp layer: search, rank, download, the account test, the movie hash.
 *
 * Every request carries the API key (Api-Key), the registered User-Agent
 * ("MyMediaLibrary v" PACKAGE_VERSION) and Accept: application/json; once
 * signed in, the bearer token too. Without a username and password the
 * client works anonymously (the anonymous download quota applies).
 *
 * The username, the password and the token live in memory only: never
 * logged, never cached, never in an error message. The client signs in
 * lazily, before its first download (a search needs only the key), once for
 * any number of calls waiting, at most once a second, again after about 23 h,
 * and once more when a request is refused with 401 (that request is then
 * sent once more).
 *
 * Hosts: the login reply names a host ("api.opensubtitles.com",
 * "vip-api.opensubtitles.com"); later calls go to https://HOST/api/v1. A
 * client made with an explicit base URL (a local fake server) keeps that
 * URL for everything. See mml_opensubtitles_api_url().
 *
 * Search sends one GET /subtitles with the parameters sorted, values in
 * lower case, and no parameter at its default value (the server redirects
 * such URLs); only the first page is read (50 results): a search is for one
 * episode, in a few languages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-http.h"

G_BEGIN_DECLS

#define MML_OPENSUBTITLES_DEFAULT_URL "https://api.opensubtitles.com/api/v1"

#define MML_OPENSUBTITLES_HASH_BLOCK    65536
#define MML_OPENSUBTITLES_HASH_MIN_SIZE (2 * MML_OPENSUBTITLES_HASH_BLOCK)

#define MML_OPENSUBTITLES_ERROR (mml_opensubtitles_error_quark ())

/* Transport failures (offline, timeouts, 5xx after the retries…) stay
 * MML_HTTP_ERROR; what OpenSubtitles itself says is one of these. */
typedef enum {
  MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS, /* no API key (or, to test the account, no username): nothing sent */
  MML_OPENSUBTITLES_ERROR_AUTH,          /* username/password refused, token refused twice,
                                          * or the key / User-Agent refused (403) */
  MML_OPENSUBTITLES_ERROR_QUOTA,         /* 406: the download quota is used up; the quota
                                          * (reset time) is reported; never retried */
  MML_OPENSUBTITLES_ERROR_RATE_LIMITED,  /* 429 beyond what was retried; the quota's
                                          * retry_after says how long to wait */
  MML_OPENSUBTITLES_ERROR_MALFORMED,     /* a reply that is not the JSON expected */
  MML_OPENSUBTITLES_ERROR_LINK_EXPIRED,  /* 410 for the download link: ask again */
  MML_OPENSUBTITLES_ERROR_REFUSED,       /* another refusal (400…), with the server's message */
} MmlOpenSubtitlesError;

GQuark mml_opensubtitles_error_quark (void);

/* --- preferences, queries, candidates ---------------------------------- */

typedef enum {
  MML_SUBTITLE_HI_AVOID = 0,   /* kept, ranked after the others, never picked automatically */
  MML_SUBTITLE_HI_PREFER,      /* ranked before the others */
  MML_SUBTITLE_HI_ONLY,        /* the others dropped */
  MML_SUBTITLE_HI_EXCLUDE,     /* dropped */
} MmlSubtitleHearingImpaired;

/* What the user accepts. Start from { 0 }: no AI or machine translations,
 * hearing-impaired ones avoided, full subtitles (not forced). */
typedef struct {
  gboolean                   allow_ai_translated;
  gboolean                   allow_machine_translated;
  MmlSubtitleHearingImpaired hearing_impaired;
  /* TRUE: only "foreign parts only" (forced) subtitles that are not for the
   * hearing impaired; FALSE: forced ones kept, ranked last, never picked
   * automatically. */
  gboolean                   foreign_parts_only;
} MmlSubtitlePrefs;

/* One episode (or a file) to find subtitles for. Start from { 0 }.
 * Ids are numbers, without "tt" (IMDb) and without leading zeros. */
typedef struct {
  guint64            moviehash;       /* 0: none (mml_opensubtitles_hash_file()) */
  gint64             parent_imdb_id;  /* the series; 0: none */
  gint64             parent_tmdb_id;
  gint64             imdb_id;         /* the episode itself; 0: none. Asked only when
                                       * the series + season + episode finds nothing */
  gint64             tmdb_id;
  int                season;          /* sent with @episode only; 0 is the specials */
  int                episode;         /* 0: no episode (and no season) */
  const char *const *languages;       /* "en", "pt-BR"…; NULL or empty: every language */
  MmlSubtitlePrefs   prefs;           /* how search results are ranked */
} MmlSubtitleQuery;

/* A search result (one subtitle, its first file). Reference-counted,
 * immutable once returned. Unknown numbers are 0 (season, episode: -1). */
typedef struct {
  gint64    file_id;              /* what mml_opensubtitles_download_async() takes */
  gint64    subtitle_id;
  char     *language;             /* lower case: "en", "pt-br"; NULL if unusable */
  char     *release;              /* nullable */
  char     *file_name;            /* nullable */
  char     *uploader;             /* nullable */
  char     *uploader_rank;        /* nullable */
  char     *url;                  /* its web page; nullable */
  gboolean  hearing_impaired;
  gboolean  foreign_parts_only;   /* forced */
  gboolean  ai_translated;
  gboolean  machine_translated;
  gboolean  from_trusted;
  gboolean  moviehash_match;
  gint64    download_count;
  double    ratings;
  double    fps;
  guint     n_files;              /* > 1: a multi-CD subtitle; only the first file is named */
  /* feature_details */
  char     *feature_type;         /* "Episode", "Movie", "Tvshow"; nullable */
  char     *title;                /* the episode's; nullable */
  char     *parent_title;         /* the series'; nullable */
  int       year;
  int       season;               /* -1: not given */
  int       episode;              /* -1: not given */
  gint64    imdb_id;
  gint64    tmdb_id;
  gint64    parent_imdb_id;
  gint64    parent_tmdb_id;
} MmlSubtitleCandidate;

#define MML_TYPE_SUBTITLE_CANDIDATE (mml_subtitle_candidate_get_type ())
GType                 mml_subtitle_candidate_get_type (void) G_GNUC_CONST;
MmlSubtitleCandidate *mml_subtitle_candidate_new      (void);
MmlSubtitleCandidate *mml_subtitle_candidate_ref      (MmlSubtitleCandidate *self);
void                  mml_subtitle_candidate_unref    (MmlSubtitleCandidate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleCandidate, mml_subtitle_candidate_unref)

/* The download quota as the last reply said it. */
typedef struct {
  int    requests;         /* downloads counted in the current period; -1: unknown */
  int    remaining;        /* downloads left; -1: unknown */
  gint64 reset_time_utc;   /* Unix seconds when it renews; 0: unknown */
  guint  retry_after;      /* seconds the server asked to wait (429); 0: none */
} MmlSubtitleQuota;

/* The account, for the Settings' Test button. */
typedef struct {
  char    *username;
  char    *level;              /* "Sub leecher"… */
  gboolean vip;
  int      allowed_downloads;  /* per period; -1: unknown */
  int      remaining_downloads;
  int      downloads_count;
} MmlSubtitleAccount;

void mml_subtitle_account_free (MmlSubtitleAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlSubtitleAccount, mml_subtitle_account_free)

/* --- the client --------------------------------------------------------- */

#define MML_TYPE_OPENSUBTITLES (mml_opensubtitles_get_type ())
G_DECLARE_FINAL_TYPE (MmlOpenSubtitles, mml_opensubtitles, MML, OPENSUBTITLES, GObject)

/* @base_url: NULL or "" means MML_OPENSUBTITLES_DEFAULT_URL (and the login's
 * host afterwards); anything else is used as is, for every request. */
MmlOpenSubtitles *mml_opensubtitles_new             (MmlHttp          *http,
                                                     const char       *base_url /* nullable */);
/* Replace the credentials (NULL or "" for none) and drop the token of the
 * old ones. Without @username and @password the client is anonymous. */
void              mml_opensubtitles_set_credentials (MmlOpenSubtitles *self,
                                                     const char       *api_key,
                                                     const char       *username,
                                                     const char       *password);
/* The quota of the last download reply (or 406, or account test); FALSE
 * when none came yet. */
gboolean          mml_opensubtitles_get_quota       (MmlOpenSubtitles *self,
                                                     MmlSubtitleQuota *out_quota);

/* GET /subtitles by hash and/or series ids + season + episode; when that
 * finds nothing and @query has the episode's own id, GET /subtitles by it.
 * Results are ranked by mml_opensubtitles_rank() with @query. */
void              mml_opensubtitles_search_async    (MmlOpenSubtitles       *self,
                                                     const MmlSubtitleQuery *query,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
/* GPtrArray of MmlSubtitleCandidate (owning), possibly empty, or NULL. */
GPtrArray        *mml_opensubtitles_search_finish   (MmlOpenSubtitles       *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

/* Sign in if there are credentials, POST /download, then GET the link it
 * gives. A download refused for quota (406) fails with
 * MML_OPENSUBTITLES_ERROR_QUOTA and is never retried; while the last known
 * quota says none are left until a reset time still ahead, it fails so at
 * once, sending nothing. */
void              mml_opensubtitles_download_async  (MmlOpenSubtitles       *self,
                                                     gint64                  file_id,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
/* The file's bytes, or NULL. @out_quota is filled in on success and on
 * QUOTA / RATE_LIMITED errors (else left as the last known one, or all -1
 * / 0); @out_file_name gets the server's file name (nullable). */
GBytes           *mml_opensubtitles_download_finish (MmlOpenSubtitles       *self,
                                                     GAsyncResult           *result,
                                                     MmlSubtitleQuota       *out_quota     /* nullable */,
                                                     char                  **out_file_name /* nullable */,
                                                     GError                **error);

/* A fresh login, then GET /infos/user: the account, level and downloads
 * left. Needs a username and password. */
void                mml_opensubtitles_test_async    (MmlOpenSubtitles       *self,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
MmlSubtitleAccount *mml_opensubtitles_test_finish   (MmlOpenSubtitles       *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

/* --- pure functions ----------------------------------------------------- */

/* Sort @candidates (MmlSubtitleCandidate) best first and drop those
 * @query's prefs refuse: AI / machine translations unless allowed, the
 * hearing-impaired and forced rules above, and results that name another
 * season or episode, another series, or a movie, than @query asks for.
 * Order: wanted kind first (not avoided HI, not unwanted forced), then
 * hash match, trusted uploader, download count, rating, subtitle id. */
void                  mml_opensubtitles_rank           (GPtrArray              *candidates,
                                                        const MmlSubtitleQuery *query);
/* The first of ranked @candidates in @language (NULL: any), only when it is
 * a hash match or, from a trusted uploader, exactly @query's season and
 * episode, and of a kind the prefs want; else NULL. (transfer none) */
MmlSubtitleCandidate *mml_opensubtitles_pick_automatic (GPtrArray              *candidates,
                                                        const MmlSubtitleQuery *query,
                                                        const char             *language /* nullable */);

/* The query string of GET /subtitles for @query ("episode_number=5&languages=en,pt-br&…"):
 * sorted, lower case, no default values. @by_episode_id: the episode's own
 * id instead of the series'. NULL when there is nothing to search by. */
char                 *mml_opensubtitles_search_params  (const MmlSubtitleQuery *query,
                                                        gboolean                by_episode_id);
/* The URL of @path ("/subtitles?…"): @base_url + @path when @base_is_explicit;
 * else https://@login_host/api/v1 + @path when @login_host is a host name
 * under opensubtitles.com (a scheme or "/api/v1" around it tolerated);
 * else MML_OPENSUBTITLES_DEFAULT_URL + @path. */
char                 *mml_opensubtitles_api_url        (const char             *base_url,
                                                        gboolean                base_is_explicit,
                                                        const char             *login_host /* nullable */,
                                                        const char             *path);
/* The movie hash of a file of @size bytes from its first and last 65536
 * bytes (@head, @tail, MML_OPENSUBTITLES_HASH_BLOCK bytes each): @size plus
 * every little-endian 64-bit word of both, mod 2^64. FALSE for a file under
 * MML_OPENSUBTITLES_HASH_MIN_SIZE bytes, which the reference code refuses. */
gboolean              mml_opensubtitles_hash_blocks    (guint64                 size,
                                                        const guint8           *head,
                                                        const guint8           *tail,
                                                        guint64                *out_hash);
/* The same for a whole buffer. */
gboolean              mml_opensubtitles_hash_bytes     (GBytes                 *bytes,
                                                        guint64                *out_hash);
/* The same for a file, reading 128 KiB of it (blocking: call it on a
 * worker thread). G_IO_ERROR_INVALID_DATA for a file that is too small. */
gboolean              mml_opensubtitles_hash_file      (GFile                  *file,
                                                        guint64                *out_hash,
                                                        guint64                *out_size,
                                                        GCancellable           *cancellable,
                                                        GError                **error);
/* "%016" G_GINT64_MODIFIER "x" of @hash, newly allocated. */
char                 *mml_opensubtitles_hash_to_string (guint64                 hash);

G_END_DECLS
