/* mml-meta-store.h — provider metadata in the library database: matches
 * (automatic, manual, conflicts, ignored), series fields, provider
 * episodes linked to the files on disk, missing and upcoming episodes.
 *
 * The series row is the one local mapping folder ↔ provider ids that
 * matching, renaming and sync all read: a user fixes a wrong match once.
 * A manual match is final: automatic matching and refresh never replace it.
 *
 * Every call is a job on the store's writer thread (never the caller's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-store.h"
#include "mml-library.h"
#include "mml-matcher.h"
#include "mml-metadata.h"

G_BEGIN_DECLS

typedef enum {
  MML_MATCH_STATE_NONE,
  MML_MATCH_STATE_AUTO,
  MML_MATCH_STATE_MANUAL,
  MML_MATCH_STATE_CONFLICT,
  MML_MATCH_STATE_IGNORED,
} MmlMatchState;

const char *mml_match_state_to_string   (MmlMatchState  state);   /* "none", "auto", … */
gboolean    mml_match_state_from_string (const char    *text,
                                         MmlMatchState *state);

/* --- what to match or refresh ------------------------------------------ */

typedef enum {
  MML_META_TARGETS_UNMATCHED,   /* match_state none (never matched) */
  MML_META_TARGETS_CONFLICTS,   /* match_state conflict */
  MML_META_TARGETS_MATCHED,     /* auto + manual: for refresh */
  MML_META_TARGETS_ONE,         /* the one series given, whatever its state */
} MmlMetaTargets;

typedef struct
{
  gint64           series_id;
  char            *folder;        /* relative to the root, or NULL for loose files */
  char            *root_path;
  int              root_kind;     /* MmlRootKind */
  MmlMatchQuery   *query;         /* from the folder name + what is on disk */
  MmlMatchState    state;
  MmlEpisodeOrder  order;
  MmlMetaProvider  provider;      /* valid when matched */
  gint64           provider_id;   /* the id at @provider, 0 when unmatched */
  gint64           provider_updated;
  gint64           refreshed_at;  /* unix time of the last metadata write, 0: never */
} MmlMetaTarget;

void           mml_meta_target_free (MmlMetaTarget *target);

void           mml_meta_store_list_targets_async  (MmlStore            *store,
                                                   MmlMetaTargets       which,
                                                   gint64               series_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *mml_meta_store_list_targets_finish (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* --- writes -------------------------------------------------------------- */

typedef enum {
  MML_META_APPLIED,        /* written */
  MML_META_KEPT_MANUAL,    /* an automatic result met a manual match: nothing written */
  MML_META_KEPT_IGNORED,   /* the user ignores this folder: nothing written */
  MML_META_GONE,           /* the series row no longer exists */
} MmlMetaWrite;

/* Write @meta (with episodes) into series @series_id in one transaction:
 * fields (except those the user overrode), ids, match @state (AUTO, MANUAL,
 * or NONE = keep the current state: a refresh), episode @order, provider
 * episodes upserted (row ids kept), files relinked by season/episode, by
 * absolute number on anime roots, by air date on daily roots; open match
 * conflicts of the series resolved. AUTO never replaces MANUAL/IGNORED. */
void           mml_meta_store_apply_async         (MmlStore            *store,
                                                   gint64               series_id,
                                                   MmlMetaSeries       *meta,
                                                   MmlMatchState        state,
                                                   MmlEpisodeOrder      order,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MmlMetaWrite   mml_meta_store_apply_finish        (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Record a conflict for @series_id (decision MULTIPLE / NONE / AMBIGUOUS)
 * with the scored @candidates (of MmlMetaCandidate) and what was searched. */
void           mml_meta_store_set_conflict_async  (MmlStore            *store,
                                                   gint64               series_id,
                                                   MmlMatchDecision     decision,
                                                   GPtrArray           *candidates,
                                                   const MmlMatchQuery *query,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The same, each candidate with a line on how its episodes, year and
 * country compare with the folder's (@disk nullable). Finish with
 * mml_meta_store_set_conflict_finish(). */
void           mml_meta_store_set_conflict_with_disk_async (MmlStore            *store,
                                                            gint64               series_id,
                                                            MmlMatchDecision     decision,
                                                            GPtrArray           *candidates,
                                                            const MmlMatchQuery *query,
                                                            MmlDiskSummary      *disk,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MmlMetaWrite   mml_meta_store_set_conflict_finish (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Small updates, each one transaction. */
typedef enum {
  MML_META_UPDATE_IGNORE,       /* ignore the folder (match_state ignored, conflicts closed) */
  MML_META_UPDATE_UNIGNORE,     /* back to none */
  MML_META_UPDATE_UNMATCH,      /* forget the match: ids, provider episodes, state none */
  MML_META_UPDATE_ERROR,        /* remember @text as the last metadata error (NULL clears) */
  MML_META_UPDATE_ORDER,        /* set the episode order to @order (refetch + apply follows) */
  MML_META_UPDATE_OVERRIDE,     /* user override: field @field = @text (NULL removes the override) */
  MML_META_UPDATE_CONFIRM,      /* the user reviewed an automatic match: it becomes manual (final);
                                 * series id 0: every automatic match at once */
  MML_META_UPDATE_UNCONFIRM,    /* undo of CONFIRM: the series of @text (a JSON array of ids)
                                 * that are manual again become automatic (series id: 0) */
  MML_META_UPDATE_REOPEN,       /* undo of a choice in a match conflict (or of ignoring it): the
                                 * match is forgotten and the series' last match conflict is
                                 * open again, with its candidates */
} MmlMetaUpdate;

void           mml_meta_store_update_async        (MmlStore            *store,
                                                   gint64               series_id,
                                                   MmlMetaUpdate        what,
                                                   const char          *field,
                                                   const char          *text,
                                                   MmlEpisodeOrder      order,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       mml_meta_store_update_finish       (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* A series the user adds by search: a row for @folder (relative to root
 * @root_id) before any file exists, so it can be matched and its episodes
 * listed as missing; a later scan finds the same row. The id, or the
 * existing row's id when the folder is already a series. */
void           mml_meta_store_add_series_async    (MmlStore            *store,
                                                   gint64               root_id,
                                                   const char          *folder,
                                                   const char          *title,
                                                   int                  year,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gint64         mml_meta_store_add_series_finish   (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* What the video files of series @series_id name — regular episodes,
 * absolute numbers, air dates — for the matcher to weigh candidates by
 * (one query). On a standard root a file of an anime folder often reads
 * as season 1 with a large episode number; it is kept as such. */
void            mml_meta_store_disk_summary_async  (MmlStore            *store,
                                                    gint64               series_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
MmlDiskSummary *mml_meta_store_disk_summary_finish (MmlStore            *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* --- reads for the CLI and the views --------------------------------------- */

/* Series rows are MmlSeriesItem (mml-library.h), from the store's one
 * series query. @series_id 0: every row, by title (a folder-less row with
 * no episode too, which the library's own list leaves out). */
void           mml_meta_store_list_series_async   (MmlStore            *store,
                                                   gint64               series_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *mml_meta_store_list_series_finish  (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

void           mml_meta_store_find_matched_async  (MmlStore            *store,
                                                   MmlMetaProvider      provider,
                                                   const gint64        *ids,
                                                   guint                n_ids,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *mml_meta_store_find_matched_finish (MmlStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

typedef enum {
  MML_EPISODES_MISSING,    /* aired (≤ today, local time), no file, not a special unless asked */
  MML_EPISODES_UPCOMING,   /* airing after today */
  MML_EPISODES_ALL,        /* every episode of the series */
  MML_EPISODES_CALENDAR,   /* of matched series, aired in the last 7 days or airing within @days, by date */
  MML_EPISODES_TODAY,      /* of matched series, airing today (the calendar's local date), by series */
} MmlEpisodesFilter;

typedef struct
{
  gint64    id;
  gint64    series_id;
  char     *series_title;
  int       season;      /* -1: none */
  int       number;      /* -1: none */
  int       absolute;    /* -1: none */
  char     *air_date;    /* nullable */
  char     *title;       /* nullable */
  gboolean  special;
  guint     files;       /* present or unavailable files linked */
  gboolean  missing;
  gboolean  upcoming;
  gboolean  watched;
  gint64    watched_at;  /* unix seconds; 0: not watched, or not known when */
  guint     plays;
} MmlEpisodeRow;

void           mml_episode_row_free (MmlEpisodeRow *row);

/* @series_id 0: the whole library; @days (UPCOMING): only within that many
 * days from today, 0: no limit; @specials: count specials as missing too. */
void           mml_meta_store_list_episodes_async  (MmlStore            *store,
                                                    MmlEpisodesFilter    filter,
                                                    gint64               series_id,
                                                    guint                days,
                                                    gboolean             specials,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray     *mml_meta_store_list_episodes_finish (MmlStore            *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* An open match conflict with its candidates, best first. */
typedef struct
{
  char    *provider;
  gint64   id;
  char    *title;
  int      year;
  char    *network;
  char    *country;
  char    *overview;
  char    *poster_url;
  double   score;
  char    *reasons;      /* "; "-joined, nullable */
  char    *evidence;     /* what tells it apart, for the user: "8 seasons, 139 episodes ·
                          * 137 of the 139 on disk · 1986 · US"; nullable */
  int      seasons;      /* its regular seasons and episodes, -1: not fetched */
  int      episodes;
  int      on_disk;      /* of the folder's files, how many it has; -1: not compared */
  int      disk_total;
} MmlCandidateRow;

void mml_candidate_row_free (MmlCandidateRow *row);

typedef struct
{
  gint64     conflict_id;
  gint64     series_id;
  char      *root_path;
  char      *folder;
  char      *title;        /* what was searched */
  int        year;
  char      *decision;     /* "multiple", "none", "ambiguous" */
  gint64     created_at;
  GPtrArray *candidates;   /* of MmlCandidateRow */
} MmlMatchConflict;

void           mml_match_conflict_free (MmlMatchConflict *conflict);

void           mml_meta_store_list_conflicts_async  (MmlStore            *store,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray     *mml_meta_store_list_conflicts_finish (MmlStore            *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMetaTarget, mml_meta_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlEpisodeRow, mml_episode_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMatchConflict, mml_match_conflict_free)

G_END_DECLS
