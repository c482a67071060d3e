/* mml-subtitle-private.h — how the store reads a subtitle track, once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-episode-rules.h"
#include "mml-subtitle-store.h"

G_BEGIN_DECLS

/* The columns of a track, over a subtitle row "sub" and its sidecar's file
 * row "sf" (LEFT JOIN files sf ON sf.id = sub.file_id), in the order
 * _mml_subtitle_track_from_row() reads them. */
#define MML_SUBTITLE_TRACK_COLUMNS \
  "sub.id, coalesce (sub.file_id, 0), sub.language, sub.forced, sub.hearing_impaired, " \
  "sub.embedded, sub.codec, sub.title, sf.path, sub.encoding"
#define MML_SUBTITLE_TRACK_N_COLUMNS 10

/* The track of the row's columns @col … @col + 9 */
MmlSubtitleTrack *_mml_subtitle_track_from_row (sqlite3_stmt *stmt,
                                                int           col);

/* The preferred languages, most preferred first, inside a job on the
 * writer thread: the stored ones, else the default. For the other read
 * jobs of the store that judge subtitles (the series query, the totals),
 * so that they bind the same ":language" as the status above.
 * (transfer full) */
char            **_mml_subtitle_read_languages (sqlite3      *db,
                                                GError      **error);

G_END_DECLS
