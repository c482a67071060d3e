/* mml-subtitles.h — what the library says about subtitles: the status of a
 * series, the user's override of it, and the preferred languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, once:
 *  - an episode is *subbed* when one of its files on disk has a track
 *    (sidecar or embedded) in the first preferred language; a
 *    hearing-impaired track counts, a forced-only track does not
 *    (MML_SUBTITLE_TRACK_COUNTS in src/store/mml-episode-rules.h is the
 *    same test in SQL);
 *  - a series is *with* subtitles when every episode it has on disk is
 *    subbed, *mixed* when some are, *none* when none are (or it has no
 *    episode on disk);
 *  - a user's override (with, mixed, none) replaces the derived status
 *    until it is cleared (auto).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MML_SUBTITLE_STATUS_NONE,
  MML_SUBTITLE_STATUS_MIXED,
  MML_SUBTITLE_STATUS_WITH,
} MmlSubtitleStatus;

/* The most preferred languages the library keeps. */
#define MML_SUBTITLE_MAX_LANGUAGES 8

MmlSubtitleStatus mml_subtitle_status_from_counts  (guint              episodes,
                                                    guint              subbed);
const char       *mml_subtitle_status_to_string    (MmlSubtitleStatus  status);
gboolean          mml_subtitle_status_from_string  (const char        *str,
                                                    MmlSubtitleStatus *status);
const char       *mml_subtitle_status_get_label    (MmlSubtitleStatus  status);

/* "with", "mixed", "none" → an override; "auto" → no override
 * (*has_override FALSE). FALSE for anything else. */
gboolean          mml_subtitle_override_parse      (const char        *str,
                                                    gboolean          *has_override,
                                                    MmlSubtitleStatus *status);

/* Preferred languages as the store keeps them: canonical codes separated
 * by single spaces, most preferred first ("he en"). @words are what a user
 * typed ("heb", "Hebrew", "en"): each is normalised; duplicates are
 * dropped. Fails with G_IO_ERROR_INVALID_ARGUMENT naming the first word
 * that is not a language. */
char             *mml_subtitle_languages_normalise (const char * const *words,
                                                    GError           **error);

/* The preferred languages before a user chose any: the language of the
 * user's locale, then English ("he en" in a Hebrew locale, "en" in C). */
char             *mml_subtitle_default_languages   (void);

G_END_DECLS
