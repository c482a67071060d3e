/* mml-parser-vocab.c — the words of episode markers, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recognisers in mml-parser-episode.c and mml-parser-number.c ask these
 * tables what a word is (a season word, an episode word, a roman or ordinal
 * number, a batch tag) instead of spelling words out themselves: a new
 * language's "season" or "episode" is one entry here, not a new code path.
 */
#include "mml-parser-private.h"

#include <string.h>

/* "Season", in the languages release and library names use (lower case).
 * Matched whole ("Staffel 2") or glued to its number ("Staffel2"). */
static const char *const season_words[] = {
  "kausi", "saison", "season", "seizoen", "sesong", "sezon", "sezona", "stagione",
  "staffel", "temporada", "säsong",
};

/* "Episode", same rules: followed by a number, blank, dot or dash in between. */
static const char *const episode_words[] = {
  "afl", "aflevering", "cap", "capitulo", "capítulo", "ep", "episod", "episode", "episodes",
  "episodio", "episódio", "folge", "jakso", "odcinek", "Épisode", "épisode",
};

/* Tags of a batch or last episode that may follow an episode range. */
static const char *const batch_words[] = {
  "batch", "complete", "end", "fin", "final",
};

static gboolean
in_list (const char *const *list,
         gsize              n_list,
         const char        *p,
         int                n)
{
  gsize i;

  for (i = 0; i < n_list; i++)
    if (mml_parser_word_eq (p, n, list[i]))
      return TRUE;
  return FALSE;
}

/* A season word, whole or glued to up to four digits ("Staffel2"): its
 * length in p, with *glued the number (-1 when none). */
int
mml_parser_vocab_season (const char *p,
                         int         n,
                         int        *glued)
{
  gsize w;

  *glued = -1;
  if (n < 5)
    return 0;
  for (w = 0; w < G_N_ELEMENTS (season_words); w++)
    {
      int k = (int) strlen (season_words[w]), kk = k, v = 0;

      if (n == k && mml_parser_word_eq (p, n, season_words[w]))
        return k;
      if (n > k && n <= k + 4 && mml_parser_word_eq (p, k, season_words[w])
          && read_digits (p, n, &kk, 4, &v) > 0 && kk == n)
        {
          *glued = v;
          return k;
        }
    }
  return 0;
}

gboolean
mml_parser_vocab_episode (const char *p,
                          int         n)
{
  if (n < 2 || n > 10)
    return FALSE;
  return in_list (episode_words, G_N_ELEMENTS (episode_words), p, n);
}

gboolean
mml_parser_vocab_batch (const char *p,
                        int         n)
{
  return n >= 3 && n <= 8 && in_list (batch_words, G_N_ELEMENTS (batch_words), p, n);
}

/* "I" … "XX" (upper case only: "vi" or "x" in a title are words) */
int
mml_parser_vocab_roman (const char *p,
                        int         n)
{
  static const char *const romans[] = {
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
  };
  gsize i;

  if (n < 1 || n > 5)
    return 0;
  for (i = 0; i < G_N_ELEMENTS (romans); i++)
    if ((gsize) n == strlen (romans[i]) && memcmp (p, romans[i], n) == 0)
      return (int) i + 1;
  return 0;
}

/* "1st", "2nd", "3rd", "4th", "22nd": the number, or 0 */
int
mml_parser_vocab_ordinal (const char *p,
                          int         n)
{
  int k = 0, v = 0;

  if (n < 3 || n > 4 || read_digits (p, n, &k, 2, &v) == 0 || n - k != 2 || v == 0)
    return 0;
  if (mml_parser_word_eq (p + k, 2, "st") || mml_parser_word_eq (p + k, 2, "nd")
      || mml_parser_word_eq (p + k, 2, "rd") || mml_parser_word_eq (p + k, 2, "th"))
    return v;
  return 0;
}

/* A bracket that only holds release tags ("Multi-Subs", "Dual-Audio", "Eng Subs"):
 * every word technical or a language. */
gboolean
mml_parser_vocab_tag_run (const char *p,
                          int         n)
{
  int k = 0, words = 0;

  while (k < n)
    {
      int s;
      const char *code;

      while (k < n && !g_ascii_isalnum (p[k]))
        k++;
      s = k;
      while (k < n && g_ascii_isalnum (p[k]))
        k++;
      if (k == s)
        break;
      words++;
      if (mml_parser_is_tech_word (p + s, k - s) || mml_parser_word_eq (p + s, k - s, "audio")
          || mml_parser_word_eq (p + s, k - s, "subtitle") || mml_parser_word_eq (p + s, k - s, "subtitles")
          || mml_parser_word_eq (p + s, k - s, "multiple")
          || mml_parser_release_language (p + s, k - s, &code) != MML_LANG_HIT_NONE)
        continue;
      return FALSE;
    }
  return words > 0;
}
