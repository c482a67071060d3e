/* mml-subtitle-name.h — what a sidecar subtitle's file name says, and the
 * name to write for one
 *
 * A sidecar sits next to its video and its name starts with the video's base
 * name: "<stem>[.<suffix>…].<ext>", ext one of srt ass ssa sub idx vtt sup
 * smi.  The suffixes between the stem and the extension are read in any
 * order, separated by '.', '_', ' ', brackets or '-':
 *
 *   - a language: any word mml_language_normalise() knows ("he", "heb",
 *     "iw", "Hebrew", "עברית", "pt-BR", "en-US", "es-419", "lat" …).  When
 *     several are named the last one wins (as Jellyfin reads them);
 *   - forced: "forced", "force", "foreign";
 *   - hearing-impaired: "sdh", "cc", "hoh", "hi", "impaired";
 *   - default: "default";
 *   - an index: a number of one or two digits ("Movie.2.srt", "Movie.eng.2.srt"),
 *     unless it follows a token ending in a digit ("DDP5.1", "AAC2.0");
 *   - anything else (release tags, "WEB-DL", "x264", titles, "sub", "full")
 *     is ignored.
 *
 * ".hi": a bare "hi" is hearing-impaired, never Hindi ("Movie.hi.srt",
 * "Movie.en.hi.srt", "Movie.hi.en.srt"), as the people writing them mean it
 * (Bazarr writes "<lang>.hi").  Only when no other language is named and
 * the name also carries a second hearing-impaired marker ("Movie.hi.sdh.srt",
 * "Movie.hi.hi.srt") is the first "hi" Hindi.  Hindi is otherwise "hin" or
 * "Hindi", which is what mml_subtitle_name_build() writes.
 *
 * Hyphenated suffixes are read as a language tag first ("pt-BR", "zh-Hant"),
 * else part by part ("eng-forced", "en-sdh", "WEB-DL").
 *
 * Pure string work: no allocation in the parser, thread-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     language[16];       /* canonical code (mml-language.h); "" when none is named */
  gboolean forced;             /* forced / foreign parts only */
  gboolean hearing_impaired;   /* sdh / cc / hi */
  gboolean is_default;
  int      index;              /* "Movie.2.srt" → 2; -1 when none */
  char     extension[8];       /* lower case: "srt", "ass", "ssa", "sub", "idx", "vtt", "sup", "smi" */
} MmlSubtitleName;

typedef enum
{
  MML_SUBTITLE_CODE_ISO639_2B = 0,   /* "heb", "fre", "ger" (the default) */
  MML_SUBTITLE_CODE_ISO639_1,        /* "he", "fr", "de"; 639-2/B where there is none */
} MmlSubtitleCodeStyle;

/*
 * Reads sub_name (a base name, or a path whose last component is read) as a
 * sidecar of the video whose base name without extension is video_stem.
 * FALSE when sub_name has no subtitle extension or does not start with the
 * stem (compared case-insensitively) followed by a separator or the
 * extension.  A NULL or empty stem reads every token of sub_name before the
 * extension, for names whose video is not known (then title words that are
 * also language names can be misread: "The.Italian.Job.srt" is Italian).
 * Lengths < 0: NUL-terminated.  out is always filled (zeroed, index -1).
 */
gboolean mml_subtitle_name_parse (const char      *video_stem,
                                  gssize           stem_len,
                                  const char      *sub_name,
                                  gssize           sub_len,
                                  MmlSubtitleName *out);

/*
 * "<video_stem>.<code>[.forced][.sdh].<ext>", newly allocated.  language is
 * any word mml_language_normalise() knows, or NULL / "" for no code; code is
 * its ISO 639-2/B ("heb") or 639-1 ("he") code as style says, a regional
 * variant is written as a BCP 47 tag in either style ("pt-BR", "es-419",
 * "zh-TW"), and Hindi is always "hin" (".hi" reads as hearing-impaired).
 * Hearing-impaired is written "sdh" (Plex, Jellyfin and Kodi all read it).
 * ext may start with a dot; it is written in lower case.  NULL when the
 * language is not known.  mml_subtitle_name_parse() reads the name back
 * as the same language and flags.
 */
char    *mml_subtitle_name_build (const char           *video_stem,
                                  const char           *language,
                                  gboolean              forced,
                                  gboolean              hearing_impaired,
                                  MmlSubtitleCodeStyle  style,
                                  const char           *ext);

G_END_DECLS
