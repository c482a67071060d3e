/* mml-matcher.h — series matching: title normalisation, similarity, scoring
 * of provider candidates against a local series folder, and the decision
 * (auto-accept, or a conflict: multiple / none / ambiguous).
 *
 * Pure functions: no I/O, no network, callable from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mml-metadata.h"

G_BEGIN_DECLS

#define MML_MATCH_ACCEPT_SCORE   0.90   /* the best must reach this … */
#define MML_MATCH_ACCEPT_MARGIN  0.10   /* … and lead the second by this much */
#define MML_MATCH_PLAUSIBLE      0.50   /* below this a candidate is noise */

typedef enum {
  MML_MATCH_ACCEPTED,    /* one confident candidate, clearly ahead */
  MML_MATCH_MULTIPLE,    /* several confident candidates, too close to call */
  MML_MATCH_NONE,        /* no plausible candidate */
  MML_MATCH_AMBIGUOUS,   /* plausible candidates, none confident */
} MmlMatchDecision;

/* What is known about a local series folder. */
typedef struct
{
  char   *title;             /* folder title, without ids, year or "(US)" */
  int     year;              /* 0: unknown */
  char   *country;           /* from a "(US)"/"(UK)" qualifier, ISO code ("US", "GB"); NULL: none */
  gint64  tvmaze_id;         /* ids in the folder name; 0 / NULL: none */
  gint64  tvdb_id;
  gint64  tmdb_id;
  char   *imdb_id;
  int     seasons_on_disk;   /* highest regular season number among the files, 0: unknown */
  int     episodes_on_disk;  /* distinct regular episodes among the files, 0: unknown */
} MmlMatchQuery;

MmlMatchQuery *mml_match_query_new              (const char          *title,
                                                 int                  year);
/* From a folder name such as "The Office (US) (2005) {tvdb-73244}". */
MmlMatchQuery *mml_match_query_new_from_folder  (const char          *folder_name);
void           mml_match_query_free             (MmlMatchQuery       *query);
gboolean       mml_match_query_has_ids          (const MmlMatchQuery *query);

/* Lower-case, diacritics stripped from Latin letters (ø → o, é → e),
 * "&" → "and", punctuation dropped, a leading English article dropped,
 * whitespace collapsed. Other scripts are kept (case-folded). Never NULL. */
char          *mml_matcher_normalize_title      (const char          *title);
/* "The Office (US)" → "The Office", country "US"; "Doctor Who (2005)" →
 * "Doctor Who", year 2005; "(UK)" gives "GB". Outputs are nullable. */
void           mml_matcher_split_title          (const char          *title,
                                                 char               **base,
                                                 int                 *year,
                                                 char               **country);
/* 0..1 similarity of two titles (normalised first). */
double         mml_matcher_title_similarity     (const char          *a,
                                                 const char          *b);

/* Score @candidate (sets ->score, replaces ->reasons) against @query. */
double         mml_matcher_score                (const MmlMatchQuery *query,
                                                 MmlMetaCandidate    *candidate);
/* Score every candidate and sort @candidates best first (stable). */
void           mml_matcher_score_all            (const MmlMatchQuery *query,
                                                 GPtrArray           *candidates);
/* Sort already-scored candidates, best first. */
void           mml_matcher_sort                 (GPtrArray           *candidates);
/* The decision on scored, sorted candidates; @best (nullable) gets the
 * accepted candidate (transfer none) or NULL. */
MmlMatchDecision mml_matcher_decide             (GPtrArray           *candidates,
                                                 MmlMetaCandidate   **best);
const char    *mml_match_decision_to_string     (MmlMatchDecision     decision);

/* --- evidence: what is on disk against a candidate's episodes ---------- */

/* What the video files of a series folder name, in short: the regular
 * episodes as (season, episode) pairs, absolute numbers (anime) and air
 * dates (daily shows). Built once per folder from the store, then only
 * read; reference-counted so a run can keep it beside its candidates. */
typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  GHashTable     *episodes;    /* set of MML_DISK_EPISODE_KEY (season, number) */
  GHashTable     *absolutes;   /* set of GINT_TO_POINTER (absolute) */
  GHashTable     *air_dates;   /* set of "YYYY-MM-DD" (owned) */
  GHashTable     *seasons;     /* set of GINT_TO_POINTER (season) */
} MmlDiskSummary;

#define MML_DISK_EPISODE_KEY(season, number) GINT_TO_POINTER ((season) * 100000 + (number))

MmlDiskSummary *mml_disk_summary_new          (void);
MmlDiskSummary *mml_disk_summary_ref          (MmlDiskSummary       *self);
void            mml_disk_summary_unref        (MmlDiskSummary       *self);
/* Regular episodes only: a season < 1 or a number < 1 is ignored. */
void            mml_disk_summary_add_episode  (MmlDiskSummary       *self,
                                               int                   season,
                                               int                   number);
void            mml_disk_summary_add_absolute (MmlDiskSummary       *self,
                                               int                   absolute);
/* "YYYY-MM-DD"; anything else is ignored */
void            mml_disk_summary_add_air_date (MmlDiskSummary       *self,
                                               const char           *date);
/* Everything the files name: pairs + absolute numbers + air dates. */
guint           mml_disk_summary_get_size     (const MmlDiskSummary *self);

/* How far a candidate's episode list agrees with the files on disk. */
typedef struct
{
  int    seasons;      /* the candidate's regular seasons */
  int    episodes;     /* its regular episodes */
  guint  on_disk;      /* of what the files name, how much the candidate has */
  guint  disk_total;   /* what the files name (mml_disk_summary_get_size) */
  double coverage;     /* on_disk / disk_total */
} MmlMatchEvidence;

/* Compare @disk with @series' episodes: (season, episode) pairs, absolute
 * numbers (the provider's, or the regular episodes counted in airing order
 * when it has none) and air dates. FALSE, @evidence zeroed, when the
 * episodes were not fetched or nothing is on disk. */
gboolean        mml_matcher_evidence          (const MmlDiskSummary *disk,
                                               MmlMetaSeries        *series,
                                               MmlMatchEvidence     *evidence);
/* Re-score @candidates (mml_matcher_score_all) and let the files decide:
 * a candidate whose episodes were fetched loses up to
 * MML_MATCH_EVIDENCE_WEIGHT for the share of the files it does not have;
 * among candidates the files do
 * not tell apart, one a year off the folder's year falls behind one with
 * the exact year. Reasons say so; sorted best first. Decide with
 * mml_matcher_decide(). */
#define MML_MATCH_EVIDENCE_WEIGHT 0.40
void            mml_matcher_score_evidence    (const MmlMatchQuery  *query,
                                               const MmlDiskSummary *disk,
                                               GPtrArray            *candidates);
/* One line for the user on what tells @series apart: its seasons and
 * episodes against those on disk, its year and country against the folder
 * name's — "8 seasons, 139 episodes · 137 of the 139 on disk · the
 * folder's year", "1 season, 6 episodes · 6 of the 139 on disk · 1987,
 * the folder says 1986"; NULL when there is nothing to say. @disk and
 * @query nullable. */
char           *mml_matcher_describe_evidence (const MmlMatchQuery  *query,
                                               const MmlDiskSummary *disk,
                                               MmlMetaSeries        *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMatchQuery, mml_match_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlDiskSummary, mml_disk_summary_unref)

G_END_DECLS
