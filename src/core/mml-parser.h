/* mml-parser.h — TV release / file-name parser (allocation-free, thread-safe)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Big enough for "(1017-1088)"-style anime batch ranges. */
#define MML_PARSE_MAX_EPISODES  256
#define MML_PARSE_MAX_LANGUAGES 8

/* Longest name the parser looks at; longer input is truncated (never an error). */
#define MML_PARSE_MAX_INPUT     1024

typedef enum
{
  MML_PARSE_FLAGS_NONE      = 0,
  MML_PARSE_PREFER_ABSOLUTE = 1 << 0,   /* anime root: bare numbers are absolute */
  MML_PARSE_PREFER_DAILY    = 1 << 1,   /* daily root: ambiguous dd.mm / mm.dd dates read day first */
} MmlParseFlags;

typedef struct _MmlParseResult
{
  gboolean parsed;             /* it is a TV release (episode, season, date or absolute found) */
  char     title[256];         /* NUL-terminated; may hold non-UTF-8 bytes; "" = none */
  int      year;               /* 0 = none */
  int      season;             /* -1 = none */
  guint    n_episodes;
  int      episodes[MML_PARSE_MAX_EPISODES];
  guint    n_absolute;
  int      absolute[MML_PARSE_MAX_EPISODES];
  int      air_year, air_month, air_day;   /* 0 = none */
  gboolean full_season;
  gboolean special;
  char     release_group[64];  /* "" = none */
  int      resolution;         /* 0, 480, 576, 720, 1080, 2160 */
  guint    n_languages;
  char     languages[MML_PARSE_MAX_LANGUAGES][8];   /* "fr", "pt-BR", "es-419", "he" … */
} MmlParseResult;

void     mml_parse_name           (const char           *name,
                                   gssize                len,
                                   MmlParseFlags         flags,
                                   MmlParseResult       *out);
void     mml_parse_path           (const char           *path,
                                   gssize                len,
                                   MmlParseFlags         flags,
                                   MmlParseResult       *out);
void     mml_parse_result_to_json (const MmlParseResult *r,
                                   GString              *out);

/* Sidecar subtitle names: mml_subtitle_name_parse() (mml-subtitle-name.h). */

const char *mml_parse_language_code (const char *word,
                                     gssize      len);

gboolean mml_is_video_ext         (const char           *name);
gboolean mml_is_subtitle_ext      (const char           *name);
gboolean mml_is_ignored_name      (const char           *name);

G_END_DECLS
