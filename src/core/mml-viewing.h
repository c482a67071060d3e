/* mml-viewing.h — what the library says about viewing: the status of a
 * series, the user's override of it, and which episodes a mark names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, once.  An episode *counts* for viewing when it is a regular
 * one (not a special) that has aired (MML_EPISODE_AIRED), or that has no
 * date at all but a file on disk (an episode only the scanner knows);
 * MML_EPISODE_WATCHABLE in src/store/mml-episode-rules.h is the same test
 * in SQL, and the store counts the facts below with it.  A series is:
 *
 *  - *not started* when no episode of it is watched;
 *  - *completed* when every episode that counts is watched, the show has
 *    ended and nothing is still to air;
 *  - *caught up* when every episode that counts is watched otherwise (the
 *    show goes on);
 *  - *need to continue* when some are left and each of them aired after
 *    the last one was watched (new episodes since you caught up), or when
 *    nothing was watched in the last N days (MML_VIEWING_RECENT_DAYS);
 *  - *watching* when some are left and one was watched in the last N days.
 *
 * *On hold* and *dropped* are only ever set by the user, who may also set
 * any of the others; an override replaces the derived status until it is
 * cleared (auto).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MML_VIEWING_NOT_STARTED,
  MML_VIEWING_WATCHING,
  MML_VIEWING_NEED_TO_CONTINUE,
  MML_VIEWING_CAUGHT_UP,
  MML_VIEWING_COMPLETED,
  MML_VIEWING_ON_HOLD,
  MML_VIEWING_DROPPED,
} MmlViewingStatus;

/* "Watching" means an episode was watched within this many days */
#define MML_VIEWING_RECENT_DAYS 30

/* What the store counts of a series for the rule above */
typedef struct
{
  guint    watched;          /* watched episodes, specials included */
  guint    counted;          /* episodes that count (regular, aired or on disk undated) */
  guint    counted_watched;  /* of those, the watched ones */
  guint    upcoming;         /* episodes airing after today */
  gint64   last_watched_at;  /* unix seconds of the latest mark; 0: unknown */
  gint64   first_left_aired; /* when the earliest unwatched episode that counts
                              * aired, unix seconds; 0: none or unknown */
  gboolean ended;            /* the provider says the show ended */
} MmlViewingFacts;

MmlViewingStatus  mml_viewing_status_derive      (const MmlViewingFacts *facts,
                                                  gint64                 now,
                                                  guint                  recent_days);
const char       *mml_viewing_status_to_string   (MmlViewingStatus       status);
gboolean          mml_viewing_status_from_string (const char            *str,
                                                  MmlViewingStatus      *status);
const char       *mml_viewing_status_get_label   (MmlViewingStatus       status);
/* Whether a user with this status follows the series as it airs: watching,
 * need to continue or caught up (not started, completed, on hold and
 * dropped are not followed) */
gboolean          mml_viewing_status_is_followed (MmlViewingStatus       status);

/* Any status word → an override; "auto" → none (*has_override FALSE).
 * FALSE for anything else. */
gboolean          mml_viewing_override_parse     (const char            *str,
                                                  gboolean              *has_override,
                                                  MmlViewingStatus      *status);

/* --- which episodes a mark names --- */

typedef enum
{
  MML_EPISODE_SPEC_ALL,       /* every episode of the series */
  MML_EPISODE_SPEC_SEASON,    /* every episode of season @from_season */
  MML_EPISODE_SPEC_RANGE,     /* @from … @to, both included (one episode: the same) */
  MML_EPISODE_SPEC_UP_TO,     /* every regular episode up to @to, included */
} MmlEpisodeSpecKind;

/*
 * Episodes in the series' numbering as the provider gives it: season and
 * number, or absolute numbers (@absolute: the numbers are in @from_number
 * and @to_number, the seasons unused).  A range runs in that order, across
 * seasons ("S01E10-S02E02").
 */
typedef struct
{
  MmlEpisodeSpecKind kind;
  gboolean           absolute;
  int                from_season;
  int                from_number;
  int                to_season;
  int                to_number;
} MmlEpisodeSpec;

/* "S01E02", "S01E02-S01E05", "S01", "all", "A105", "A100-A110", and
 * "..S01E05" / "..A105" (up to and including). Case does not matter. Fails
 * with G_IO_ERROR_INVALID_ARGUMENT naming what is wrong. */
gboolean          mml_episode_spec_parse         (const char            *text,
                                                  MmlEpisodeSpec        *spec,
                                                  GError               **error);
/* The spec written as mml_episode_spec_parse() reads it ("S01E02") */
char             *mml_episode_spec_to_string     (const MmlEpisodeSpec  *spec);
/* Whether the spec names one episode */
gboolean          mml_episode_spec_is_single     (const MmlEpisodeSpec  *spec);

G_END_DECLS
