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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlMatchQuery, mml_match_query_free)

G_END_DECLS
