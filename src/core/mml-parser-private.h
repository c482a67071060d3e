/* mml-parser-private.h — tables, scanner context and internal functions shared by the parser units
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

/* The word tables are sorted for binary search (for the tests). */
gboolean    mml_parser_tables_sorted    (void);

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

/* ---------------------------------------------------- the scanner context
 * Shared by mml-parser.c and the mml-parser-*.c units that recognise markers,
 * titles, groups and tags.  Nothing below is public API. */

#define WORK_MAX MML_PARSE_MAX_INPUT
#define MAX_TOK  192
#define MAX_EP   MML_PARSE_MAX_EPISODES

enum
{
  TK_ALPHA,
  TK_NUM,
  TK_MIXED,
};

typedef struct
{
  guint16 s, e;        /* byte range in the work buffer */
  guint8  depth;       /* bracket nesting */
  guint8  kind;
  guint8  ndig;        /* digits, for TK_NUM */
  guint8  upper;       /* has letters, none lower-case */
  guint32 num;         /* value for TK_NUM (capped) */
} Tok;

typedef struct
{
  char          w[WORK_MAX + 1];
  int           n;
  Tok           t[MAX_TOK];
  int           nt;
  MmlParseFlags flags;
  int           ext_res;
  int           title_s;       /* byte where the title starts */
  int           ts;            /* first token of the title */
  int           title_e;       /* byte where the title ends (-1: not found) */
  int           mk_tok;        /* first token of the episode marker */
  gboolean      anime;         /* leading [group] */
  gboolean      date_prefix;   /* "221208 Show ep11" */
  gboolean      crap;
  gboolean      strong;        /* S/E, NxN or date marker */
  gboolean      season_implied;
  gboolean      abs_guess;     /* "Episode 4" style: absolute only for lack of a season */
  int           lg_s, lg_e;    /* leading [group] */
  int           lead_num;      /* file name starts with a number: its value, else -1 */
  char          side[40];      /* language / flag tags cut from a sidecar name: "en.forced" */
  int           side_n;
} Ctx;

typedef struct
{
  int season;
  int neps;
  int eps[8];
  int split;     /* byte offset inside the token where the marker starts */
} SeTok;

typedef struct
{
  int start;      /* byte where the marker (and so the title) starts */
  int next;       /* first token after the marker */
} Mark;

/* small helpers: inline, they are the inner loops */

static inline gboolean
is_digit (guchar ch)
{
  return ch >= '0' && ch <= '9';
}

static inline gboolean
is_wordc (guchar ch)
{
  return g_ascii_isalnum (ch) || ch >= 0x80;
}

static inline const char *
tp (const Ctx *c,
    int        i)
{
  return c->w + c->t[i].s;
}

static inline int
tl (const Ctx *c,
    int        i)
{
  return c->t[i].e - c->t[i].s;
}

static inline gboolean
tok_is (const Ctx  *c,
        int         i,
        const char *word)
{
  return i >= 0 && i < c->nt && mml_parser_word_eq (tp (c, i), tl (c, i), word);
}

static inline gboolean
tok_num (const Ctx *c,
         int        i)
{
  return i >= 0 && i < c->nt && c->t[i].kind == TK_NUM && c->t[i].ndig <= 9;
}

/* The bytes between token i-1 and token i (or the start of the buffer). */
static inline void
gap_of (const Ctx   *c,
        int          i,
        const char **p,
        int         *len)
{
  int s = i > 0 ? c->t[i - 1].e : 0;

  if (i >= c->nt)
    {
      *p = c->w + s;
      *len = c->n - s;
      return;
    }
  *p = c->w + s;
  *len = c->t[i].s - s;
}

static inline gboolean
gap_eq (const Ctx  *c,
        int         i,
        const char *str)
{
  const char *p;
  int len;

  gap_of (c, i, &p, &len);
  return (gsize) len == strlen (str) && memcmp (p, str, len) == 0;
}

/* only blanks, dots and underscores, at least one */
static inline gboolean
gap_plain (const Ctx *c,
           int        i)
{
  const char *p;
  int len, k;

  gap_of (c, i, &p, &len);
  if (len == 0)
    return FALSE;
  for (k = 0; k < len; k++)
    if (p[k] != ' ' && p[k] != '.' && p[k] != '_')
      return FALSE;
  return TRUE;
}

/* " - ", "_-_", " -  ", " ~ " */
static inline gboolean
gap_dash_spaced (const Ctx *c,
                 int        i)
{
  const char *p;
  int len, k, dash = 0, blank = 0;

  gap_of (c, i, &p, &len);
  while (len > 0 && (*p == ')' || *p == ']'))
    {
      p++;
      len--;
    }
  for (k = 0; k < len; k++)
    {
      if (p[k] == '-' || p[k] == '~')
        dash++;
      else if (p[k] == ' ' || p[k] == '_' || p[k] == '.')
        blank++;
      else
        return FALSE;
    }
  return dash == 1 && blank > 0;
}

static inline gboolean
gap_tight_dash (const Ctx *c,
                int        i)
{
  return gap_eq (c, i, "-") || gap_eq (c, i, "~");
}

/* any separator run without brackets */
static inline gboolean
gap_sep (const Ctx *c,
         int        i)
{
  const char *p;
  int len, k;

  gap_of (c, i, &p, &len);
  if (len == 0)
    return FALSE;
  for (k = 0; k < len; k++)
    if (p[k] != ' ' && p[k] != '.' && p[k] != '_' && p[k] != '-')
      return FALSE;
  return TRUE;
}

static inline int
read_digits (const char *p,
             int         n,
             int        *k,
             int         max_digits,
             int        *value)
{
  int d = 0, v = 0;

  while (*k < n && is_digit (p[*k]))
    {
      if (d < 9)
        v = v * 10 + (p[*k] - '0');
      d++;
      (*k)++;
    }
  if (d > max_digits)
    return 0;
  *value = v;
  return d;
}

static inline void
add_ep (MmlParseResult *out,
        int             v)
{
  guint i;

  for (i = 0; i < out->n_episodes; i++)
    if (out->episodes[i] == v)
      return;
  if (out->n_episodes < MAX_EP)
    out->episodes[out->n_episodes++] = v;
}

static inline void
add_abs (MmlParseResult *out,
         int             v)
{
  guint i;

  for (i = 0; i < out->n_absolute; i++)
    if (out->absolute[i] == v)
      return;
  if (out->n_absolute < MAX_EP)
    out->absolute[out->n_absolute++] = v;
}

static inline gboolean
range_ok (int a,
          int b)
{
  return b > a && b - a < MAX_EP;
}

static inline void
add_ep_range (MmlParseResult *out,
              int             a,
              int             b)
{
  int v;

  for (v = a; v <= b; v++)
    add_ep (out, v);
}

static inline void
add_abs_range (MmlParseResult *out,
               int             a,
               int             b)
{
  int v;

  for (v = a; v <= b; v++)
    add_abs (out, v);
}

static inline gboolean
is_year (int v)
{
  return v >= 1920 && v <= 2099;
}

static inline gboolean
all_digits (const char *p,
            int         n)
{
  int k;

  if (n == 0)
    return FALSE;
  for (k = 0; k < n; k++)
    if (!is_digit (p[k]))
      return FALSE;
  return TRUE;
}

static inline gboolean
valid_ymd (int y,
           int m,
           int d)
{
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1];
}

static inline gboolean
has_ascii_alpha (const char *p,
                 int         n)
{
  int k;

  for (k = 0; k < n; k++)
    if (g_ascii_isalpha (p[k]))
      return TRUE;
  return FALSE;
}

/* mml-parser.c: driver */

int
mml_parser_tok_at_or_after (const Ctx *c,
                            int        byte);

void
mml_parser_result_init (MmlParseResult *out);

void
mml_parser_clear_markers (MmlParseResult *out);

void
mml_parser_parse_ctx (Ctx            *c,
                      const char     *name,
                      gsize           len,
                      MmlParseFlags   flags,
                      MmlParseResult *out);

/* mml-parser-tags.c: resolution and languages */

int
mml_parser_token_resolution (const char *p,
                             int         n);

gboolean
mml_parser_tok_is_res (const Ctx *c,
                       int        i);

int
mml_parser_token_wxh (const char *p,
                      int         n);

void
mml_parser_find_resolution (Ctx            *c,
                            MmlParseResult *out);

void
mml_parser_find_languages (Ctx            *c,
                           MmlParseResult *out,
                           int             from);

void
mml_parser_sidecar_languages (const Ctx      *c,
                              MmlParseResult *out);

/* mml-parser-title.c: leading material, title, release group */

void
mml_parser_find_title_start (Ctx *c);

void
mml_parser_copy_title (MmlParseResult *out,
                       const char     *p,
                       int             n);

void
mml_parser_finish_title (Ctx            *c,
                         MmlParseResult *out,
                         int             s,
                         int             e);

int
mml_parser_plain_title_end (const Ctx *c);

gboolean
mml_parser_looks_hashed (const char *p,
                         int         n);

void
mml_parser_find_group (Ctx            *c,
                       MmlParseResult *out);

/* mml-parser-episode.c: S/E, NxN, season-word, E-only and part markers */

gboolean
mml_parser_scan_se (const char *p,
                    int         n,
                    SeTok      *se);

gboolean
mml_parser_scan_nxn (const char *p,
                     int         n,
                     SeTok      *se);

gboolean
mml_parser_scan_e (const char *p,
                   int         n,
                   int        *value,
                   int        *digits,
                   gboolean   *ep_form);

gboolean
mml_parser_tok_scan_se (const Ctx *c,
                        int        i,
                        SeTok     *se);

gboolean
mml_parser_try_se (Ctx            *c,
                   int             i,
                   MmlParseResult *out,
                   Mark           *m);

gboolean
mml_parser_try_nxn (Ctx            *c,
                    int             i,
                    MmlParseResult *out,
                    Mark           *m);

gboolean
mml_parser_try_season_word (Ctx            *c,
                            int             i,
                            MmlParseResult *out,
                            Mark           *m);

gboolean
mml_parser_try_cap (Ctx            *c,
                    int             i,
                    MmlParseResult *out,
                    Mark           *m);

gboolean
mml_parser_try_eonly (Ctx            *c,
                      int             i,
                      MmlParseResult *out,
                      Mark           *m);

gboolean
mml_parser_try_part (Ctx            *c,
                     MmlParseResult *out,
                     Mark           *m);

/* mml-parser-number.c: dates, absolute and bare numbers, bracket-only names */

gboolean
mml_parser_try_date (Ctx            *c,
                     int             i,
                     MmlParseResult *out,
                     Mark           *m);

gboolean
mml_parser_try_dash_number (Ctx            *c,
                            MmlParseResult *out,
                            int             from,
                            int             to,
                            Mark           *m);

gboolean
mml_parser_try_abs_range (Ctx            *c,
                          MmlParseResult *out,
                          Mark           *m);

gboolean
mml_parser_is_stop_token (const Ctx *c,
                          int        i);

gboolean
mml_parser_try_bare_number (Ctx            *c,
                            MmlParseResult *out,
                            Mark           *m);

void
mml_parser_anime_absolute_extras (Ctx            *c,
                                  MmlParseResult *out,
                                  Mark           *m);

gboolean
mml_parser_parse_bracket_name (Ctx            *c,
                               MmlParseResult *out);

/* mml-parser-vocab.c: season / episode / batch words, roman and ordinal numbers */

int
mml_parser_vocab_season (const char *p,
                         int         n,
                         int        *glued);

gboolean
mml_parser_vocab_episode (const char *p,
                          int         n);

gboolean
mml_parser_vocab_batch (const char *p,
                        int         n);

int
mml_parser_vocab_roman (const char *p,
                        int         n);

int
mml_parser_vocab_ordinal (const char *p,
                          int         n);

gboolean
mml_parser_vocab_tag_run (const char *p,
                          int         n);

G_END_DECLS
