/* mml-parser-private.h — tables shared by the parser units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-parser.h"

G_BEGIN_DECLS

/* How a release-name word names a language. */
typedef enum
{
  MML_LANG_HIT_NONE = 0,
  MML_LANG_HIT_WORD,        /* full name or unambiguous code ("French", "ENG") */
  MML_LANG_HIT_WEAK,        /* 3-letter code that is also a word ("Cat", "Ing"): needs context */
} MmlLangHit;

MmlLangHit  mml_parser_release_language (const char  *tok,
                                         gsize        len,
                                         const char **code);

/* Codec / source / audio / container words that are never a title, group or language. */
gboolean    mml_parser_is_tech_word     (const char *tok,
                                         gsize       len);

/* Source words ("HDTV", "WEB-DL" halves, "BluRay" …) that end a title. */
gboolean    mml_parser_is_source_word   (const char *tok,
                                         gsize       len);

/* Reposter / indexer junk appended after a release group ("-RP", "-NZBgeek" …). */
gboolean    mml_parser_is_junk_suffix   (const char *tok,
                                         gsize       len);

/* Known video / subtitle extension (without the dot); *res gets the implied resolution. */
gboolean    mml_parser_known_ext        (const char *ext,
                                         gsize       len,
                                         int        *res);

gboolean    mml_parser_is_tld           (const char *tok,
                                         gsize       len);

int         mml_parser_month_name       (const char *tok,
                                         gsize       len);

/* g_ascii_tolower() is an out-of-line call: this is the hot path */
static inline char
mml_parser_lower (char ch)
{
  return (ch >= 'A' && ch <= 'Z') ? (char) (ch + ('a' - 'A')) : ch;
}

static inline gboolean
mml_parser_word_eq (const char *tok,
                    gsize       len,
                    const char *word)
{
  gsize i;

  for (i = 0; i < len; i++)
    {
      if (word[i] == '\0' || mml_parser_lower (tok[i]) != word[i])
        return FALSE;
    }
  return word[len] == '\0';
}

G_END_DECLS
