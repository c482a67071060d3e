/* mml-episode-rules.h — what "missing" and "upcoming" mean, defined once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQL fragments over an episode row "e", for every query of the store that
 * judges episodes against today: the series query (mml-library.c), the
 * series page (mml-library-detail.c) and the metadata views' episode
 * lists (mml-meta-query.c).  They use named parameters, which
 * _mml_store_bind_today() binds from the store's MmlClock:
 *
 *  - ":today", the local date, "YYYY-MM-DD";
 *  - ":tomorrow", the unix time of the local midnight that ends today;
 *  - ":now", the time as seen from today (mml_clock_get_day_now()), for
 *    viewing.
 *
 * An episode the provider gave an instant for (e.airstamp, unix seconds)
 * has aired when that instant is before ":tomorrow": the same test as
 * comparing its local date with ":today", with no date conversion per row.
 * Otherwise its air date (the network's own date) is compared with
 * ":today".  An episode with neither is neither aired nor upcoming.
 *
 * A statement that mixes these with numbered parameters ("?1") gets the
 * named ones at the next free index, which may then clash with a number
 * written later in the text: name every parameter of such a statement and
 * bind by sqlite3_bind_parameter_index().
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

/* Aired by the end of today */
#define MML_EPISODE_AIRED \
  "(CASE WHEN e.airstamp IS NOT NULL THEN e.airstamp < :tomorrow ELSE e.air_date <= :today END)"

/* Airs after today */
#define MML_EPISODE_UPCOMING \
  "(CASE WHEN e.airstamp IS NOT NULL THEN e.airstamp >= :tomorrow ELSE e.air_date > :today END)"

/* Files that count as having the episode: present, or on a root that is
 * unplugged right now (not known to be gone) */
#define MML_EPISODE_HAS_FILE \
  "EXISTS (SELECT 1 FROM episode_files ef JOIN files f ON f.id = ef.file_id " \
  "        WHERE ef.episode_id = e.id AND f.status <> 'missing')"

/* Counts for viewing (the rule is in src/core/mml-viewing.h): a regular
 * episode that has aired, or that has no date at all but a file (one only
 * the scanner knows, of a series not matched). The one definition the
 * series query, marks and "up next" use. */
#define MML_EPISODE_WATCHABLE \
  "(" MML_EPISODE_REGULAR " AND (" MML_EPISODE_AIRED " OR " \
  "  (e.airstamp IS NULL AND e.air_date IS NULL AND " MML_EPISODE_HAS_FILE ")))"

/* When the episode aired, unix seconds (its date's local midnight when the
 * provider gave no instant); NULL when it has no date */
#define MML_EPISODE_AIRED_AT \
  "coalesce (e.airstamp, CAST (strftime ('%s', e.air_date, 'utc') AS INTEGER))"

/*
 * Missing: an episode the provider lists (not one only the scanner made up
 * from a file name), of the kind @kinds lets in, that has aired and that
 * @has_file says no file holds.  Only for a matched series (auto or
 * manual): the caller checks that.
 *
 * @kinds is MML_EPISODE_REGULAR or MML_EPISODE_REGULAR_OR_ASKED; @has_file
 * is MML_EPISODE_HAS_FILE, or a test a query proves equivalent but cheaper
 * to run (the series list has one).
 */
#define MML_EPISODE_MISSING_WHERE(kinds, has_file) \
  "(e.provider_id IS NOT NULL AND " kinds " AND " MML_EPISODE_AIRED " AND NOT " has_file ")"

/* Regular episodes only: specials are never counted missing */
#define MML_EPISODE_REGULAR "e.special = 0"
/* Specials as well when ":specials" is 1 */
#define MML_EPISODE_REGULAR_OR_ASKED "(e.special = 0 OR :specials)"

/* Missing, specials not counted */
#define MML_EPISODE_MISSING \
  MML_EPISODE_MISSING_WHERE (MML_EPISODE_REGULAR, MML_EPISODE_HAS_FILE)
/* Missing, specials counted when ":specials" is 1 */
#define MML_EPISODE_MISSING_SPECIALS \
  MML_EPISODE_MISSING_WHERE (MML_EPISODE_REGULAR_OR_ASKED, MML_EPISODE_HAS_FILE)

/* The date to show and sort by: the local date of the instant when the
 * provider gave one, else the air date.  Not for judging missing or
 * upcoming (a date conversion per row): use the fragments above. */
#define MML_EPISODE_LOCAL_DATE \
  "(CASE WHEN e.airstamp IS NOT NULL THEN date (e.airstamp, 'unixepoch', 'localtime') ELSE e.air_date END)"

/*
 * Subtitles.  Over a subtitle row "sub": a track that is there, embedded
 * or a sidecar whose file counts (present, or on a root that is away);
 * and one that makes its episode subbed in the language bound to
 * ":language" (a region of it counts: "pt" takes "pt-br"): a
 * hearing-impaired track counts, a forced-only one does not.  The rule
 * in words is in src/core/mml-subtitles.h.
 */
#define MML_SUBTITLE_TRACK_LIVE \
  "(sub.file_id IS NULL OR EXISTS (SELECT 1 FROM files sf " \
  "                                WHERE sf.id = sub.file_id AND sf.status <> 'missing'))"

#define MML_SUBTITLE_TRACK_COUNTS \
  "(sub.forced = 0 AND (sub.language = :language OR sub.language LIKE :language || '-%') " \
  " AND " MML_SUBTITLE_TRACK_LIVE ")"

/* An episode row "e" with a file that counts and a track that counts in
 * ":language" for that file */
#define MML_EPISODE_SUBBED \
  "EXISTS (SELECT 1 FROM episode_files ef JOIN files v ON v.id = ef.file_id " \
  "        JOIN subtitles sub ON sub.video_id = v.id " \
  "        WHERE ef.episode_id = e.id AND v.status <> 'missing' " \
  "          AND " MML_SUBTITLE_TRACK_COUNTS ")"

void _mml_store_bind_today (MmlStore     *self,
                            sqlite3_stmt *stmt);

G_END_DECLS
