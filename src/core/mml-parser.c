/* mml-parser.c — TV release / file-name parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hand-written scanner: the name is copied into a bounded stack buffer,
 * normalised (full-width digits, zero-width spaces, CJK brackets), split into
 * word tokens, and then matched against a small set of episode "markers"
 * (S01E02, 1x02, dates, season words, E07, absolute numbers …).  The leftmost
 * strong marker ends the series title.  No heap, no globals, no regex.
 */
#include "mml-parser-private.h"

#include <string.h>

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
} Ctx;

/* ------------------------------------------------------------------ helpers */

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
static void
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

static gboolean
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
static gboolean
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
static gboolean
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

static gboolean
gap_tight_dash (const Ctx *c,
                int        i)
{
  return gap_eq (c, i, "-") || gap_eq (c, i, "~");
}

/* any separator run without brackets */
static gboolean
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

static int
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

static void
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

static void
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

static gboolean
range_ok (int a,
          int b)
{
  return b > a && b - a < MAX_EP;
}

static void
add_ep_range (MmlParseResult *out,
              int             a,
              int             b)
{
  int v;

  for (v = a; v <= b; v++)
    add_ep (out, v);
}

static void
add_abs_range (MmlParseResult *out,
               int             a,
               int             b)
{
  int v;

  for (v = a; v <= b; v++)
    add_abs (out, v);
}

static gboolean
is_year (int v)
{
  return v >= 1920 && v <= 2099;
}

/* "720p", "1080i", "BD720p", "4Kto1080p", "1080p60": the resolution it names, or 0 */
static int
token_resolution (const char *p,
                  int         n)
{
  int k;

  for (k = 0; k < n; k++)
    {
      int s = k, v = 0, d;

      if (!is_digit (p[k]) || (k > 0 && is_digit (p[k - 1])))
        continue;
      d = read_digits (p, n, &k, 4, &v);
      if (d < 3 || k >= n)
        {
          k = s + (d > 0 ? d - 1 : 0);
          continue;
        }
      if ((p[k] == 'p' || p[k] == 'P' || p[k] == 'i' || p[k] == 'I')
          && (k + 1 >= n || !g_ascii_isalpha (p[k + 1])))
        {
          switch (v)
            {
            case 360: case 480: case 540: return 480;
            case 576: return 576;
            case 720: return 720;
            case 1080: case 1440: return 1080;
            case 2160: case 4320: return 2160;
            default: break;
            }
        }
      k--;
    }
  return 0;
}

static gboolean
tok_is_res (const Ctx *c,
            int        i)
{
  return token_resolution (tp (c, i), tl (c, i)) != 0;
}

/* "1280x720" → its resolution bucket */
static int
token_wxh (const char *p,
           int         n)
{
  int k = 0, w = 0, h = 0, d1, d2;

  d1 = read_digits (p, n, &k, 4, &w);
  if (d1 < 3 || k >= n || (p[k] != 'x' && p[k] != 'X'))
    return 0;
  k++;
  d2 = read_digits (p, n, &k, 4, &h);
  if (d2 < 3 || k != n)
    return 0;
  if (w >= 3800 || h >= 2000)
    return 2160;
  if (w >= 1800 || h >= 1000)
    return 1080;
  if (w >= 1200 || h >= 700)
    return 720;
  if (h >= 560)
    return 576;
  return 480;
}

/* ------------------------------------------------------------ normalising */

static void
strip_ext (Ctx *c)
{
  int k, res = 0;

  for (k = c->n - 1; k > 0 && c->n - k <= 6; k--)
    {
      if (c->w[k] == '.')
        {
          if (mml_parser_known_ext (c->w + k + 1, c->n - k - 1, &res))
            {
              c->n = k;
              c->ext_res = res;
            }
          return;
        }
      if (!g_ascii_isalnum (c->w[k]) && c->w[k] != '!')
        return;
    }
}

static void
trim_blanks (Ctx *c)
{
  int s = 0;

  while (c->n > 0 && (c->w[c->n - 1] == ' ' || c->w[c->n - 1] == '\t'))
    c->n--;
  while (s < c->n && (c->w[s] == ' ' || c->w[s] == '\t'))
    s++;
  if (s > 0)
    {
      memmove (c->w, c->w + s, c->n - s);
      c->n -= s;
    }
  c->w[c->n] = '\0';
}

/* "{tvdb-123}", "[tvdbid-123]", "{imdb-tt123}" are library tags, not part of a name */
static gboolean
is_id_tag (const char *p,
           int         n)
{
  static const char *const tags[] = { "tvdb", "tmdb", "imdb", "tvmaze", "anidb", "edition" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      gsize k = strlen (tags[i]);

      if ((gsize) n > k && g_ascii_strncasecmp (p, tags[i], k) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
normalize (Ctx        *c,
           const char *in,
           gsize       len)
{
  gsize i = 0;
  int o = 0;

  while (i < len && o < WORK_MAX)
    {
      guchar b = (guchar) in[i];

      if (b >= 0xE2 && i + 2 < len)
        {
          guchar b1 = (guchar) in[i + 1], b2 = (guchar) in[i + 2];

          if (b == 0xEF && b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99)
            {
              c->w[o++] = (char) ('0' + (b2 - 0x90));   /* full-width digit */
              i += 3;
              continue;
            }
          if ((b == 0xE2 && b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8F)
              || (b == 0xEF && b1 == 0xBB && b2 == 0xBF))
            {
              i += 3;   /* zero-width space / joiner / BOM */
              continue;
            }
          if (b == 0xE3 && b1 == 0x80 && (b2 == 0x90 || b2 == 0x91))
            {
              c->w[o++] = b2 == 0x90 ? '[' : ']';   /* 【 】 */
              i += 3;
              continue;
            }
          if (b == 0xEF && b1 == 0xBC && (b2 == 0x88 || b2 == 0x89))
            {
              c->w[o++] = b2 == 0x88 ? '(' : ')';   /* （ ） */
              i += 3;
              continue;
            }
        }
      if (b < 0x20 || b == 0x7F)
        b = ' ';
      c->w[o++] = (char) b;
      i++;
    }
  c->n = o;
  c->w[o] = '\0';
  trim_blanks (c);
  strip_ext (c);
  trim_blanks (c);

  /* drop id tags */
  {
    int r, wpos = 0;

    for (r = 0; r < c->n; r++)
      {
        char ch = c->w[r];

        if (ch == '{' || ch == '[')
          {
            char close = ch == '{' ? '}' : ']';
            int k = r + 1;

            while (k < c->n && c->w[k] != close && k - r < 64)
              k++;
            if (k < c->n && c->w[k] == close && is_id_tag (c->w + r + 1, k - r - 1))
              {
                r = k;
                continue;
              }
          }
        c->w[wpos++] = ch;
      }
    c->n = wpos;
    c->w[wpos] = '\0';
    trim_blanks (c);
  }
}

static void
tokenize (Ctx *c)
{
  int i = 0, depth = 0;

  c->nt = 0;
  while (i < c->n && c->nt < MAX_TOK)
    {
      guchar ch = (guchar) c->w[i];

      if (is_wordc (ch))
        {
          Tok *t = &c->t[c->nt++];
          int s = i, digits = 0, alphas = 0, lower = 0;
          guint32 v = 0;

          while (i < c->n)
            {
              guchar x = (guchar) c->w[i];

              if (x == '\'' && i > s && i + 1 < c->n && g_ascii_isalpha (c->w[i - 1])
                  && g_ascii_isalpha (c->w[i + 1]))
                {
                  i++;
                  continue;
                }
              if (!is_wordc (x))
                break;
              if (is_digit (x))
                {
                  digits++;
                  if (digits <= 9)
                    v = v * 10 + (x - '0');
                }
              else
                {
                  alphas++;
                  if (g_ascii_islower (x))
                    lower++;
                }
              i++;
            }
          t->s = (guint16) s;
          t->e = (guint16) i;
          t->depth = (guint8) MIN (depth, 255);
          t->kind = alphas == 0 ? TK_NUM : digits == 0 ? TK_ALPHA : TK_MIXED;
          t->ndig = (guint8) MIN (digits, 255);
          t->num = digits <= 9 ? v : G_MAXUINT32;
          t->upper = alphas > 0 && lower == 0;
          continue;
        }
      if (ch == '[' || ch == '(' || ch == '{')
        depth++;
      else if ((ch == ']' || ch == ')' || ch == '}') && depth > 0)
        depth--;
      i++;
    }
}

static int
tok_at_or_after (const Ctx *c,
                 int        byte)
{
  int i;

  for (i = 0; i < c->nt; i++)
    if (c->t[i].s >= byte)
      return i;
  return c->nt;
}

/* ------------------------------------------------------- leading material */

static gboolean
looks_like_domain (const char *p,
                   int         n)
{
  int k, last_dot = -1, dots = 0;

  while (n > 0 && (p[n - 1] == ' '))
    n--;
  while (n > 0 && p[0] == ' ')
    {
      p++;
      n--;
    }
  if (n >= 4 && g_ascii_strncasecmp (p, "www.", 4) == 0)
    return TRUE;
  for (k = 0; k < n; k++)
    {
      if (p[k] == '.')
        {
          dots++;
          last_dot = k;
        }
      else if (!g_ascii_isalnum (p[k]) && p[k] != '-')
        return FALSE;
    }
  return dots > 0 && last_dot > 0 && mml_parser_is_tld (p + last_dot + 1, n - last_dot - 1);
}

static int
skip_seps (const Ctx *c,
           int        pos)
{
  while (pos < c->n && (c->w[pos] == ' ' || c->w[pos] == '-' || c->w[pos] == '_'
                        || c->w[pos] == '.'))
    pos++;
  return pos;
}

static gboolean
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

static gboolean
valid_ymd (int y,
           int m,
           int d)
{
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1];
}

static void
find_title_start (Ctx *c)
{
  int pos = 0;

  c->lg_s = c->lg_e = -1;
  for (;;)
    {
      pos = skip_seps (c, pos);
      if (pos < c->n && c->w[pos] == '[')
        {
          int k = pos + 1;

          while (k < c->n && c->w[k] != ']')
            k++;
          if (k >= c->n)
            break;
          if (looks_like_domain (c->w + pos + 1, k - pos - 1)
              || all_digits (c->w + pos + 1, k - pos - 1))
            {
              pos = k + 1;
              continue;
            }
          if (c->lg_s < 0 && k - pos - 1 > 0)
            {
              c->lg_s = pos + 1;
              c->lg_e = k;
              c->anime = TRUE;
              pos = k + 1;
              continue;
            }
          /* further short tags right after the group: "[F-B]", "[1080p]" */
          if (c->lg_s >= 0 && k - pos - 1 <= 12 && memchr (c->w + pos, ' ', k - pos) == NULL)
            {
              int after = skip_seps (c, k + 1);

              if (after < c->n && c->w[after] != '[')
                {
                  pos = k + 1;
                  continue;
                }
            }
          break;
        }
      else if (pos < c->n)
        {
          /* "www.site.net - Show…", "site.org.au - Show…" */
          const char *dash = strstr (c->w + pos, " - ");

          if (dash != NULL && dash - (c->w + pos) < 64
              && looks_like_domain (c->w + pos, (int) (dash - (c->w + pos))))
            {
              pos = (int) (dash - c->w) + 3;
              continue;
            }
        }
      break;
    }
  c->title_s = pos;
  c->ts = tok_at_or_after (c, pos);

  /* "221208 Show ep11": a broadcast-date prefix */
  if (c->ts + 1 < c->nt && c->t[c->ts].kind == TK_NUM && c->t[c->ts].ndig == 6
      && c->t[c->ts].s == pos && gap_eq (c, c->ts + 1, " "))
    {
      guint32 v = c->t[c->ts].num;

      if (valid_ymd (2000 + (int) (v / 10000), (int) (v / 100 % 100), (int) (v % 100)))
        {
          c->date_prefix = TRUE;
          c->ts++;
          c->title_s = c->t[c->ts].s;
        }
    }

  /* "我的人间烟火.Fireworks.Series": a native-script title before the Latin one */
  if (c->ts + 1 < c->nt && c->t[c->ts].kind != TK_NUM && gap_eq (c, c->ts + 1, ".")
      && g_ascii_isalpha (c->w[c->t[c->ts + 1].s]))
    {
      const char *p = tp (c, c->ts);
      int k, n = tl (c, c->ts);
      gboolean ascii = FALSE;

      for (k = 0; k < n; k++)
        if ((guchar) p[k] < 0x80)
          ascii = TRUE;
      if (!ascii)
        {
          c->ts++;
          c->title_s = c->t[c->ts].s;
        }
    }
}

/* ------------------------------------------------------------ markers */

typedef struct
{
  int season;
  int neps;
  int eps[8];
  int split;     /* byte offset inside the token where the marker starts */
} SeTok;

/* "S01E02", "s1e1e2", "S01EP01", "S06E01b", "S2014" (season only) at p */
static gboolean
scan_se (const char *p,
         int         n,
         SeTok      *se)
{
  int k = 1, v = 0;

  if (n < 2 || (p[0] != 's' && p[0] != 'S'))
    return FALSE;
  if (read_digits (p, n, &k, 4, &v) == 0)
    return FALSE;
  se->season = v;
  se->neps = 0;
  while (k < n && (p[k] == 'e' || p[k] == 'E' || p[k] == 'x' || p[k] == 'X'))
    {
      int k2 = k + 1, d;

      if ((p[k] == 'x' || p[k] == 'X') && k2 < n && (p[k2] == 'e' || p[k2] == 'E'))
        k2++;   /* "S01xE02" */
      else if (k2 < n && (p[k2] == 'p' || p[k2] == 'P'))
        k2++;
      d = read_digits (p, n, &k2, 5, &v);
      if (d == 0)
        break;
      if (se->neps < 8)
        se->eps[se->neps++] = v;
      k = k2;
    }
  if (k == n)
    return TRUE;
  /* "S06E01b" */
  return se->neps > 0 && k + 1 == n && g_ascii_isalpha (p[k]);
}

/* "1x02", "02x01x02": season ≤ 2 digits, so "1280x720" is not one */
static gboolean
scan_nxn (const char *p,
          int         n,
          SeTok      *se)
{
  int k = 0, v = 0, d;

  d = read_digits (p, n, &k, 4, &v);
  if (d == 0 || d == 3 || k >= n || (p[k] != 'x' && p[k] != 'X'))
    return FALSE;
  if (d == 4 && (v < 1950 || v > 2099))
    return FALSE;   /* "1280x720" */
  se->season = v;
  se->neps = 0;
  while (k < n && (p[k] == 'x' || p[k] == 'X'))
    {
      k++;
      if (k < n && (p[k] == 'e' || p[k] == 'E'))
        k++;
      d = read_digits (p, n, &k, d == 4 ? 2 : 3, &v);
      if (d == 0)
        return FALSE;
      if (se->neps < 8)
        se->eps[se->neps++] = v;
    }
  return k == n && se->neps > 0;
}

/* "E07", "e932", "EP06", "Ep04", "ep11"; *ep_form: the "EP" spelling */
static gboolean
scan_e (const char *p,
        int         n,
        int        *value,
        int        *digits,
        gboolean   *ep_form)
{
  int k = 1;

  if (n < 2 || (p[0] != 'e' && p[0] != 'E'))
    return FALSE;
  *ep_form = FALSE;
  if (p[1] == 'p' || p[1] == 'P')
    {
      k = 2;
      *ep_form = TRUE;
    }
  *digits = read_digits (p, n, &k, 5, value);
  return *digits > 0 && k == n;
}

static gboolean
tok_scan_se (const Ctx *c,
             int        i,
             SeTok     *se)
{
  return i < c->nt && scan_se (tp (c, i), tl (c, i), se) && se->neps > 0;
}

static gboolean
tok_scan_e (const Ctx *c,
            int        i,
            int       *v)
{
  int d;
  gboolean ep;

  return i < c->nt && scan_e (tp (c, i), tl (c, i), v, &d, &ep);
}

/* "E1E2", "E01E02E03" */
static gboolean
tok_scan_elist (const Ctx *c,
                int        i,
                SeTok     *se)
{
  const char *p;
  int n;

  if (i >= c->nt || tl (c, i) < 4 || (tp (c, i)[0] != 'e' && tp (c, i)[0] != 'E'))
    return FALSE;
  p = tp (c, i);
  n = tl (c, i);
  {
    int k = 0, v;

    se->neps = 0;
    while (k < n && (p[k] == 'e' || p[k] == 'E'))
      {
        k++;
        if (read_digits (p, n, &k, 4, &v) == 0)
          return FALSE;
        if (se->neps < 8)
          se->eps[se->neps++] = v;
      }
    return k == n && se->neps > 1;
  }
}

/* After an episode token: "-E03", "-03", "E02 E03", "_02", "-x03", "-2x10" … */
static int
continue_episodes (Ctx            *c,
                   int             j,
                   int             season,
                   MmlParseResult *out)
{
  SeTok se;
  int v;

  while (j < c->nt && out->n_episodes > 0)
    {
      int last = out->episodes[out->n_episodes - 1];
      gboolean tight = gap_tight_dash (c, j);
      gboolean spaced = gap_dash_spaced (c, j);

      if (tight || spaced)
        {
          if (tok_scan_e (c, j, &v)
              || (tok_scan_se (c, j, &se) && se.season == season && (v = se.eps[0], TRUE))
              || (scan_nxn (tp (c, j), tl (c, j), &se) && se.season == season
                  && (v = se.eps[0], TRUE)))
            {
              if (!range_ok (last, v))
                break;
              add_ep_range (out, last + 1, v);
              j++;
              continue;
            }
          if (tl (c, j) >= 2 && (tp (c, j)[0] == 'x' || tp (c, j)[0] == 'X'))
            {
              int k = 1;

              if (read_digits (tp (c, j), tl (c, j), &k, 3, &v) > 0 && k == tl (c, j)
                  && range_ok (last, v))
                {
                  add_ep_range (out, last + 1, v);
                  j++;
                  continue;
                }
            }
          if (tight && tok_num (c, j) && c->t[j].ndig <= 4 && range_ok (last, (int) c->t[j].num))
            {
              add_ep_range (out, last + 1, (int) c->t[j].num);
              j++;
              continue;
            }
          break;
        }
      if (gap_plain (c, j))
        {
          if (tok_scan_e (c, j, &v) && v > last)
            {
              add_ep (out, v);
              j++;
              continue;
            }
          if ((tok_scan_se (c, j, &se) || scan_nxn (tp (c, j), tl (c, j), &se))
              && se.season == season)
            {
              int k;

              for (k = 0; k < se.neps; k++)
                add_ep (out, se.eps[k]);
              j++;
              continue;
            }
          if (gap_eq (c, j, "_") && tok_num (c, j) && c->t[j].ndig == 2
              && (int) c->t[j].num > last)
            {
              add_ep (out, (int) c->t[j].num);
              j++;
              continue;
            }
        }
      break;
    }
  return j;
}

/* "of 24" after an episode list; a complete "1-8 of 8" list is a season pack */
static int
episode_of_total (Ctx            *c,
                  int             j,
                  MmlParseResult *out)
{
  if (j + 1 < c->nt && tok_is (c, j, "of") && gap_sep (c, j) && gap_sep (c, j + 1))
    {
      if (tok_num (c, j + 1))
        {
          int total = (int) c->t[j + 1].num;

          if (out->n_episodes > 1 && out->episodes[0] == 1
              && out->episodes[out->n_episodes - 1] == total)
            {
              out->n_episodes = 0;
              out->full_season = TRUE;
            }
        }
      return j + 2;
    }
  return j;
}

static int
decimal_special (Ctx            *c,
                 int             j,
                 MmlParseResult *out)
{
  if (j < c->nt && gap_eq (c, j, ".") && tok_num (c, j) && c->t[j].ndig == 1)
    {
      out->special = TRUE;
      return j + 1;
    }
  return j;
}

static gboolean
is_season_word (const Ctx *c,
                int        i,
                int       *glued_value)
{
  static const char *const words[] = {
    "season", "saison", "temporada", "stagione", "staffel", "seizoen", "sezon", "sesong",
    "säsong", "kausi",
  };
  const char *p = tp (c, i);
  int n = tl (c, i);
  gsize w;

  *glued_value = -1;
  for (w = 0; w < G_N_ELEMENTS (words); w++)
    {
      int k = (int) strlen (words[w]), v = 0, kk;

      if (n == k && mml_parser_word_eq (p, n, words[w]))
        return TRUE;
      kk = k;
      if (n > k && n <= k + 4 && mml_parser_word_eq (p, k, words[w])
          && read_digits (p, n, &kk, 4, &v) > 0 && kk == n)
        {
          *glued_value = v;
          return TRUE;
        }
    }
  /* Dutch "Se.3 afl.3" */
  if (mml_parser_word_eq (p, n, "se") && i + 2 < c->nt
      && (tok_is (c, i + 2, "afl") || tok_is (c, i + 2, "aflevering")))
    return TRUE;
  /* British "Show - Series 2" */
  if (mml_parser_word_eq (p, n, "series") && i > 0 && gap_dash_spaced (c, i))
    return TRUE;
  return FALSE;
}

static gboolean
is_partial_word (const Ctx *c,
                 int        i)
{
  if (i >= c->nt)
    return FALSE;
  if (tok_is (c, i, "vol") || tok_is (c, i, "volume") || tok_is (c, i, "part")
      || tok_is (c, i, "pt"))
    return TRUE;
  /* "P1" */
  return tl (c, i) >= 2 && tl (c, i) <= 3 && (tp (c, i)[0] == 'P' || tp (c, i)[0] == 'p')
         && all_digits (tp (c, i) + 1, tl (c, i) - 1);
}

/* words after a season number that name an episode */
static gboolean
episode_word_at (Ctx            *c,
                 int             j,
                 int            *season,
                 MmlParseResult *out,
                 int            *next)
{
  int v, d;
  gboolean ep;

  if (j >= c->nt)
    return FALSE;
  if ((tok_is (c, j, "episode") || tok_is (c, j, "episodio") || tok_is (c, j, "ep")
       || tok_is (c, j, "afl") || tok_is (c, j, "aflevering") || tok_is (c, j, "folge")
       || tok_is (c, j, "episodes") || tok_is (c, j, "capitulo") || tok_is (c, j, "episod"))
      && j + 1 < c->nt && gap_sep (c, j + 1) && tok_num (c, j + 1) && c->t[j + 1].ndig <= 5)
    {
      add_ep (out, (int) c->t[j + 1].num);
      *next = j + 2;
      return TRUE;
    }
  if (tok_is (c, j, "cap") && j + 1 < c->nt && tok_num (c, j + 1) && c->t[j + 1].ndig >= 3
      && c->t[j + 1].ndig <= 4)
    {
      *season = (int) c->t[j + 1].num / 100;
      add_ep (out, (int) c->t[j + 1].num % 100);
      *next = j + 2;
      return TRUE;
    }
  if (scan_e (tp (c, j), tl (c, j), &v, &d, &ep))
    {
      add_ep (out, v);
      *next = j + 1;
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  int start;      /* byte where the marker (and so the title) starts */
  int next;       /* first token after the marker */
} Mark;

/* S01E02 family, including the mid-word "grp-zoos01e11" */
static gboolean
try_se (Ctx            *c,
        int             i,
        MmlParseResult *out,
        Mark           *m)
{
  const char *p;
  int n, k, j;
  SeTok se;

  if (i < 0 || i >= c->nt)
    return FALSE;
  p = tp (c, i);
  n = tl (c, i);
  se.split = -1;
  if (scan_se (p, n, &se))
    se.split = 0;
  else if (c->t[i].kind != TK_NUM)
    {
      for (k = 1; k + 3 < n; k++)
        {
          if ((p[k] == 's' || p[k] == 'S') && g_ascii_isalpha (p[k - 1])
              && scan_se (p + k, n - k, &se) && se.neps > 0)
            {
              se.split = k;
              break;
            }
        }
    }
  if (se.split < 0)
    return FALSE;

  j = i + 1;
  if (se.neps == 0)
    {
      /* "S01" alone: episode, pack, multi-season pack, or part of an anime title */
      if (j < c->nt)
        {
          int v;
          SeTok s2l;

          if (gap_sep (c, j) && !gap_tight_dash (c, j) && tok_scan_elist (c, j, &s2l))
            {
              int q;

              out->season = se.season;
              for (q = 0; q < s2l.neps; q++)
                add_ep (out, s2l.eps[q]);
              m->start = c->t[i].s;
              j = continue_episodes (c, j + 1, se.season, out);
              m->next = episode_of_total (c, j, out);
              c->strong = TRUE;
              return TRUE;
            }
          if (gap_sep (c, j) && !gap_tight_dash (c, j) && tok_scan_e (c, j, &v))
            {
              /* "S01.E01", "S02 - E06", "S42 Ep10718" */
              out->season = se.season;
              add_ep (out, v);
              m->start = c->t[i].s;
              j = continue_episodes (c, j + 1, se.season, out);
              j = decimal_special (c, j, out);
              m->next = episode_of_total (c, j, out);
              c->strong = TRUE;
              return TRUE;
            }
          if (gap_dash_spaced (c, j) && tok_num (c, j) && c->t[j].ndig <= 4)
            return FALSE;    /* "Title S2 - 07": S2 belongs to the title */
          if (gap_dash_spaced (c, j) && (tok_is (c, j, "episode") || tok_is (c, j, "ep"))
              && j + 1 < c->nt && tok_num (c, j + 1))
            return FALSE;    /* "Title S2 - Episode 4" */
          if (c->t[j].depth > c->t[i].depth && tok_num (c, j))
            return FALSE;    /* "Title S2 [05]" */
          if (gap_eq (c, j, " ") && tok_num (c, j) && c->t[j].ndig >= 3 && !is_year ((int) c->t[j].num))
            return FALSE;    /* "Title S21 1000" */
          if (gap_eq (c, j, ".") && tok_num (c, j) && c->t[j].ndig == 2)
            {
              /* "Title.s06.01.1999" */
              out->season = se.season;
              add_ep (out, (int) c->t[j].num);
              m->start = c->t[i].s;
              m->next = j + 1;
              c->strong = TRUE;
              return TRUE;
            }
        }
      out->season = se.season;
      out->full_season = TRUE;
      m->start = c->t[i].s;
      m->next = j;
      c->strong = TRUE;
      if (j < c->nt)
        {
          SeTok s2;

          if ((gap_tight_dash (c, j) || gap_dash_spaced (c, j) || gap_eq (c, j, " "))
              && ((tok_num (c, j) && c->t[j].ndig <= 2 && (int) c->t[j].num > se.season)
                  || (scan_se (tp (c, j), tl (c, j), &s2) && s2.neps == 0 && s2.season > se.season)))
            m->next = j + 1;   /* "S01-05", "S01-S09", "S01 S04", "S01 04" */
          else if (is_partial_word (c, j))
            out->full_season = FALSE;
          else if (tok_is (c, j, "special") || tok_is (c, j, "specials"))
            out->special = TRUE;
        }
      return TRUE;
    }

  out->season = se.season;
  for (k = 0; k < se.neps; k++)
    add_ep (out, se.eps[k]);
  m->start = c->t[i].s + se.split;
  j = continue_episodes (c, j, se.season, out);
  j = decimal_special (c, j, out);
  m->next = episode_of_total (c, j, out);
  c->strong = TRUE;
  return TRUE;
}

static gboolean
try_nxn (Ctx            *c,
         int             i,
         MmlParseResult *out,
         Mark           *m)
{
  SeTok se;
  int k;

  if (c->t[i].kind != TK_MIXED || !scan_nxn (tp (c, i), tl (c, i), &se))
    return FALSE;
  out->season = se.season;
  for (k = 0; k < se.neps; k++)
    add_ep (out, se.eps[k]);
  m->start = c->t[i].s;
  m->next = continue_episodes (c, i + 1, se.season, out);
  c->strong = TRUE;
  return TRUE;
}

static gboolean
try_season_word (Ctx            *c,
                 int             i,
                 MmlParseResult *out,
                 Mark           *m)
{
  int glued, season, j, k;

  if (c->t[i].kind == TK_NUM || !is_season_word (c, i, &glued))
    return FALSE;
  if (glued >= 0)
    {
      season = glued;
      j = i + 1;
    }
  else
    {
      if (i + 1 >= c->nt || !gap_plain (c, i + 1) || !tok_num (c, i + 1) || c->t[i + 1].ndig > 4)
        return FALSE;
      season = (int) c->t[i + 1].num;
      j = i + 2;
    }

  m->start = c->t[i].s;
  c->strong = TRUE;

  /* "Season 01 - Season 07", "Season 1-3" */
  if (j < c->nt && (gap_tight_dash (c, j) || gap_dash_spaced (c, j)))
    {
      int g2;

      if (tok_num (c, j) && (int) c->t[j].num > season && c->t[j].ndig <= 2)
        {
          out->season = season;
          out->full_season = TRUE;
          m->next = j + 1;
          return TRUE;
        }
      if (is_season_word (c, j, &g2) && j + 1 < c->nt && tok_num (c, j + 1))
        {
          out->season = season;
          out->full_season = TRUE;
          m->next = j + 2;
          return TRUE;
        }
    }

  /* an episode word a little further on */
  for (k = j; k < c->nt && k < j + 8; k++)
    {
      int next = k, s2 = season;
      SeTok se;

      if (tok_scan_se (c, k, &se) || (scan_se (tp (c, k), tl (c, k), &se) && se.neps == 0))
        break;
      if (episode_word_at (c, k, &s2, out, &next))
        {
          out->season = s2;
          next = continue_episodes (c, next, s2, out);
          m->next = next;
          return TRUE;
        }
    }
  out->season = season;
  out->full_season = TRUE;
  m->next = j;
  if (j < c->nt && is_partial_word (c, j))
    out->full_season = FALSE;
  return TRUE;
}

/* "[Cap.101]", "Cap. 1901" (Spanish releases): SEE or SSEE */
static gboolean
try_cap (Ctx            *c,
         int             i,
         MmlParseResult *out,
         Mark           *m)
{
  int season = -1, next;

  if (!tok_is (c, i, "cap"))
    return FALSE;
  if (!episode_word_at (c, i, &season, out, &next))
    return FALSE;
  out->season = season;
  m->start = c->t[i].s;
  m->next = next;
  c->strong = TRUE;
  return TRUE;
}

static gboolean
set_date (Ctx            *c,
          MmlParseResult *out,
          int             y,
          int             mo,
          int             d)
{
  if (!valid_ymd (y, mo, d))
    return FALSE;
  if (y <= 1950)
    c->crap = TRUE;   /* too old to be a daily show: Sonarr's rule, and ours */
  out->air_year = y;
  out->air_month = mo;
  out->air_day = d;
  return TRUE;
}

/* Dates: 2011.04.15, 2013-10-30, 04.28.2014, 13.02.2025, 20201013, 140722, 31st Jan 2025 */
static gboolean
try_date (Ctx            *c,
          int             i,
          MmlParseResult *out,
          Mark           *m)
{
  const Tok *t = &c->t[i];
  int next = -1;

  if (t->depth > 0)
    return FALSE;

  if (t->kind == TK_NUM && i + 2 < c->nt && tok_num (c, i + 1) && tok_num (c, i + 2)
      && c->t[i + 1].ndig <= 2 && gap_sep (c, i + 1) && gap_sep (c, i + 2)
      && c->t[i + 1].s - t->e == c->t[i + 2].s - c->t[i + 1].e
      && c->w[t->e] == c->w[c->t[i + 1].e]
      && !gap_dash_spaced (c, i + 1) && !gap_dash_spaced (c, i + 2))
    {
      int a = (int) t->num, b = (int) c->t[i + 1].num, d = (int) c->t[i + 2].num;

      if (t->ndig == 4 && c->t[i + 2].ndig <= 2)
        {
          if (a < 1900 || a > 2099)
            return FALSE;
          if (!set_date (c, out, a, b, d))
            return FALSE;
          next = i + 3;
        }
      else if (t->ndig <= 2 && c->t[i + 2].ndig == 4 && d >= 1900 && d <= 2099)
        {
          if (a > 12 && b <= 12)
            {
              if (!set_date (c, out, d, b, a))
                return FALSE;
            }
          else if (b > 12 && a <= 12)
            {
              if (!set_date (c, out, d, a, b))
                return FALSE;
            }
          else if (a == b || (c->flags & MML_PARSE_PREFER_DAILY))
            {
              if (!set_date (c, out, d, b, a))
                return FALSE;
            }
          else
            {
              /* 05-06-2024: day or month first?  Refuse to guess. */
              if (!valid_ymd (d, a, b) && !valid_ymd (d, b, a))
                return FALSE;
              c->crap = TRUE;
            }
          next = i + 3;
        }
    }
  else if (t->kind == TK_NUM && t->ndig == 8)
    {
      int v = (int) t->num;

      if (!set_date (c, out, v / 10000, v / 100 % 100, v % 100))
        return FALSE;
      next = i + 1;
    }
  else if (t->kind == TK_NUM && t->ndig == 6 && i > c->ts && c->w[t->s] != '0')
    {
      int v = (int) t->num, yy = v / 10000;

      if (!set_date (c, out, yy < 50 ? 2000 + yy : 1900 + yy, v / 100 % 100, v % 100))
        return FALSE;
      next = i + 1;
    }
  else if (t->kind == TK_MIXED && i + 2 < c->nt && t->ndig <= 2 && t->ndig >= 1)
    {
      /* "31st Jan 2025" */
      const char *p = tp (c, i);
      int n = tl (c, i), k = 0, day = 0, mo;

      read_digits (p, n, &k, 2, &day);
      if (n - k != 2 || !(mml_parser_word_eq (p + k, 2, "st") || mml_parser_word_eq (p + k, 2, "nd")
                          || mml_parser_word_eq (p + k, 2, "rd") || mml_parser_word_eq (p + k, 2, "th")))
        return FALSE;
      mo = mml_parser_month_name (tp (c, i + 1), tl (c, i + 1));
      if (mo == 0 || !tok_num (c, i + 2) || c->t[i + 2].ndig != 4)
        return FALSE;
      if (!set_date (c, out, (int) c->t[i + 2].num, mo, day))
        return FALSE;
      next = i + 3;
    }
  if (next < 0)
    return FALSE;

  /* "Show 2016 02 25 S20E143": the episode right after the date wins */
  if (next < c->nt && !c->crap)
    {
      SeTok se;

      if (tok_scan_se (c, next, &se))
        {
          out->air_year = out->air_month = out->air_day = 0;
          if (!try_se (c, next, out, m))
            return FALSE;
          m->start = t->s;
          return TRUE;
        }
    }
  m->start = t->s;
  m->next = next;
  c->strong = TRUE;
  return TRUE;
}

/* "E07", "EP06", "Episode 4", "Episodio 13", "ep11" */
static gboolean
try_eonly (Ctx            *c,
           int             i,
           MmlParseResult *out,
           Mark           *m)
{
  int v = 0, d = 0, j;
  gboolean ep = FALSE, absolute;

  if (scan_e (tp (c, i), tl (c, i), &v, &d, &ep))
    j = i + 1;
  else if ((tok_is (c, i, "episode") || tok_is (c, i, "episodio") || tok_is (c, i, "ep")
            || tok_is (c, i, "épisode"))
           && i + 1 < c->nt && gap_sep (c, i + 1) && tok_num (c, i + 1) && c->t[i + 1].ndig <= 5)
    {
      v = (int) c->t[i + 1].num;
      d = c->t[i + 1].ndig;
      ep = TRUE;
      j = i + 2;
    }
  else
    return FALSE;
  if (i == c->ts && j < c->nt && c->t[i].kind != TK_MIXED && FALSE)
    return FALSE;

  absolute = ep || d >= 4 || c->anime || (c->flags & MML_PARSE_PREFER_ABSOLUTE);
  if (c->date_prefix)
    absolute = FALSE;
  if (absolute)
    {
      add_abs (out, v);
      c->abs_guess = ep;
      while (j < c->nt && (gap_tight_dash (c, j) || gap_dash_spaced (c, j)))
        {
          int v2, d2;
          gboolean ep2;

          if (scan_e (tp (c, j), tl (c, j), &v2, &d2, &ep2) && range_ok (v, v2))
            ;
          else if (tok_num (c, j) && range_ok (v, (int) c->t[j].num) && c->t[j].ndig <= 5)
            v2 = (int) c->t[j].num;
          else
            break;
          add_abs_range (out, v + 1, v2);
          v = v2;
          j++;
        }
    }
  else
    {
      out->season = 1;
      c->season_implied = TRUE;
      add_ep (out, v);
      j = continue_episodes (c, j, 1, out);
    }
  m->start = c->t[i].s;
  m->next = j;
  return TRUE;
}

/* Is token i a plausible bare episode number (not a year, not "5.1", not "300-nen")? */
static gboolean
bare_number_ok (const Ctx *c,
                int        i)
{
  const Tok *t = &c->t[i];

  if (t->kind != TK_NUM || t->ndig > 4)
    return FALSE;
  if (t->ndig == 4 && is_year ((int) t->num))
    return FALSE;
  if (i + 2 < c->nt && gap_tight_dash (c, i + 1) && c->t[i + 1].kind != TK_NUM)
    return FALSE;
  return TRUE;
}

/* "09v2" */
static gboolean
tok_versioned (const Ctx *c,
               int        i,
               int       *v)
{
  const char *p = tp (c, i);
  int n = tl (c, i), k = 0, ver;

  if (c->t[i].kind != TK_MIXED || read_digits (p, n, &k, 4, v) == 0 || k >= n)
    return FALSE;
  if (p[k] != 'v' && p[k] != 'V')
    return FALSE;
  k++;
  return read_digits (p, n, &k, 2, &ver) > 0 && k == n;
}

static gboolean
special_word (const Ctx *c,
              int        i)
{
  return tok_is (c, i, "ova") || tok_is (c, i, "ovd") || tok_is (c, i, "oav")
         || tok_is (c, i, "ncop") || tok_is (c, i, "nced") || tok_is (c, i, "special")
         || tok_is (c, i, "sp") || tok_is (c, i, "ona");
}

/* a special word that is the whole episode-title segment: "- OVA [BD]" */
static gboolean
special_segment (const Ctx *c,
                 int        i)
{
  const char *p;
  int len;

  if (i >= c->nt || !special_word (c, i))
    return FALSE;
  if (i + 1 >= c->nt)
    return TRUE;
  gap_of (c, i + 1, &p, &len);
  return memchr (p, '[', len) != NULL || memchr (p, '(', len) != NULL;
}

/* " - 07", "_-_33_", "Title-01[", " - 01-12", " - 01~10", " - 12.5" */
static gboolean
try_dash_number (Ctx            *c,
                 MmlParseResult *out,
                 int             from,
                 int             to,
                 Mark           *m)
{
  int i;

  for (i = MAX (from + 1, c->ts + 1); i < to; i++)
    {
      int v;
      gboolean ok = FALSE;

      if (c->t[i].depth > 0)
        continue;
      if (gap_dash_spaced (c, i))
        ok = TRUE;
      else if (gap_eq (c, i, "-") && c->t[i - 1].kind == TK_ALPHA
               && !mml_parser_is_tech_word (tp (c, i - 1), tl (c, i - 1))
               && (i + 1 >= c->nt || c->t[i + 1].depth > 0))
        ok = TRUE;   /* "Series_Title-01[1280x720]" */
      if (!ok)
        continue;
      if (tok_num (c, i) && bare_number_ok (c, i))
        v = (int) c->t[i].num;
      else if (!tok_versioned (c, i, &v))
        {
          if (special_segment (c, i))
            {
              out->special = TRUE;
              m->start = c->t[i - 1].e;
              m->next = i + 1;
              return TRUE;
            }
          continue;
        }

      m->start = c->t[i - 1].e;
      if (i + 1 < c->nt && gap_eq (c, i + 1, ".") && tok_num (c, i + 1)
          && c->t[i + 1].ndig <= 2)
        {
          /* "12.5", "26.5.1": a recap / special between episodes */
          out->special = TRUE;
          m->next = i + 2;
          return TRUE;
        }
      add_abs (out, v);
      m->next = i + 1;
      while (m->next < c->nt && gap_tight_dash (c, m->next) && tok_num (c, m->next)
             && range_ok (v, (int) c->t[m->next].num))
        {
          add_abs_range (out, v + 1, (int) c->t[m->next].num);
          v = (int) c->t[m->next].num;
          m->next++;
        }
      if (m->next + 1 < c->nt && gap_dash_spaced (c, m->next) && special_segment (c, m->next))
        out->special = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* "(892-916)", "1017-1088": absolute ranges of anime batches */
static gboolean
try_abs_range (Ctx            *c,
               MmlParseResult *out,
               Mark           *m)
{
  int i;

  for (i = c->ts + 1; i + 1 < c->nt; i++)
    {
      int a, b;

      if (!tok_num (c, i) || !tok_num (c, i + 1) || !gap_tight_dash (c, i + 1))
        continue;
      if (c->t[i].ndig < 2 || c->t[i].ndig > 4 || c->t[i + 1].ndig > 4)
        continue;
      a = (int) c->t[i].num;
      b = (int) c->t[i + 1].num;
      if (!range_ok (a, b) || is_year (a))
        continue;
      add_abs_range (out, a, b);
      m->start = c->t[i].s;
      m->next = i + 2;
      return TRUE;
    }
  return FALSE;
}

/* "Part 2", "Part01", "Pt.3" of a mini-series */
static gboolean
try_part (Ctx            *c,
          MmlParseResult *out,
          Mark           *m)
{
  int i;

  for (i = c->ts + 1; i < c->nt; i++)
    {
      const char *p = tp (c, i);
      int n = tl (c, i), v = 0, k = 4;

      if ((tok_is (c, i, "part") || tok_is (c, i, "pt")) && i + 1 < c->nt && gap_plain (c, i + 1)
          && tok_num (c, i + 1) && c->t[i + 1].ndig <= 2)
        v = (int) c->t[i + 1].num;
      else if (n > 4 && n <= 6 && mml_parser_word_eq (p, 4, "part")
               && read_digits (p, n, &k, 2, &v) > 0 && k == n)
        ;
      else
        continue;
      if (v == 0)
        continue;
      out->season = 1;
      c->season_implied = TRUE;
      add_ep (out, v);
      m->start = c->t[i].s;
      m->next = i + (tok_num (c, i + 1) ? 2 : 1);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_stop_token (const Ctx *c,
               int        i)
{
  const char *p = tp (c, i);
  int n = tl (c, i);

  return tok_is_res (c, i) || token_wxh (p, n) != 0
         || (mml_parser_is_source_word (p, n) && !tok_is (c, i, "x264") && !tok_is (c, i, "x265")
             && !tok_is (c, i, "h264") && !tok_is (c, i, "h265"));
}

/* compact "113" (S1E13), "0308" (S3E8), "10708" (S1E7-8), "010910" (S1E9-10) */
static gboolean
compact_split (const Tok *t,
               char       first,
               int       *season,
               int       *e1,
               int       *e2)
{
  int v = (int) t->num;

  *e2 = -1;
  switch (t->ndig)
    {
    case 3:
      if (first == '0' || v % 100 == 0)
        return FALSE;
      *season = v / 100;
      *e1 = v % 100;
      return TRUE;
    case 4:
      if (first != '0' || v % 100 == 0)
        return FALSE;
      *season = v / 100;
      *e1 = v % 100;
      return TRUE;
    case 5:
    case 6:
      if (t->ndig == 6 && first != '0')
        return FALSE;
      *season = v / 10000;
      *e1 = v / 100 % 100;
      *e2 = v % 100;
      return *e2 > *e1 && *e1 > 0;
    default:
      return FALSE;
    }
}

static gboolean
try_bare_number (Ctx            *c,
                 MmlParseResult *out,
                 Mark           *m)
{
  int i, best = -1, any = -1, first_real = -1;
  gboolean prefer_abs = c->anime || (c->flags & MML_PARSE_PREFER_ABSOLUTE);

  for (i = c->ts; i < c->nt; i++)
    {
      if (is_stop_token (c, i))
        break;
      if (c->t[i].kind != TK_NUM && first_real < 0)
        first_real = i;
      if (first_real < 0 || i == first_real)
        continue;
      if (c->t[i].depth > 0)
        {
          /* only a lone "[05]" counts inside brackets */
          gboolean lone = c->t[i].s > 0 && (c->w[c->t[i].s - 1] == '[' || c->w[c->t[i].s - 1] == '(')
                          && (c->w[c->t[i].e] == ']' || c->w[c->t[i].e] == ')');

          if (!lone)
            break;
        }
      if (c->t[i].kind == TK_NUM && (c->t[i].ndig == 5 || c->t[i].ndig == 6) && !prefer_abs)
        {
          int s, e1, e2;

          if (compact_split (&c->t[i], c->w[c->t[i].s], &s, &e1, &e2))
            {
              best = i;
              continue;
            }
        }
      if (i + 1 < c->nt && gap_eq (c, i + 1, ".") && tok_num (c, i + 1) && c->t[i + 1].ndig == 1
          && c->t[i].ndig == 1)
        {
          i++;   /* "5.1" audio */
          continue;
        }
      {
        int vv;

        if (!(bare_number_ok (c, i) || tok_versioned (c, i, &vv)))
          continue;
      }
      any = i;
      if (c->t[i].ndig >= 2 || c->t[i].kind == TK_MIXED)
        best = i;
    }
  if (best < 0 && prefer_abs)
    best = any;
  if (best < 0)
    return FALSE;

  {
    const Tok *t = &c->t[best];
    int s, e1, e2, v;

    m->start = t->s;
    m->next = best + 1;
    if (t->kind == TK_MIXED)
      {
        tok_versioned (c, best, &v);
        add_abs (out, v);
        return TRUE;
      }
    if (!prefer_abs && compact_split (t, c->w[t->s], &s, &e1, &e2))
      {
        int k = best;

        /* "the.Series.101.102": earlier siblings of the same season */
        while (k - 1 > c->ts && tok_num (c, k - 1) && gap_plain (c, k))
          {
            int s2, a2, b2;

            if (!compact_split (&c->t[k - 1], c->w[c->t[k - 1].s], &s2, &a2, &b2) || s2 != s)
              break;
            k--;
          }
        m->start = c->t[k].s;
        out->season = s;
        for (; k <= best; k++)
          {
            compact_split (&c->t[k], c->w[c->t[k].s], &s, &e1, &e2);
            add_ep (out, e1);
            if (e2 > 0)
              add_ep_range (out, e1 + 1, e2);
          }
        return TRUE;
      }
    add_abs (out, (int) t->num);
    return TRUE;
  }
}

/* After an S/E marker of an anime release: "[K-F] Show S10E14 214", "Show - 05 - S01E05" */
static void
anime_absolute_extras (Ctx            *c,
                       MmlParseResult *out,
                       Mark           *m)
{
  int i;
  Mark dm;
  MmlParseResult *tmp = out;

  if (m->next < c->nt && gap_plain (c, m->next) && tok_num (c, m->next)
      && c->t[m->next].ndig <= 4 && c->t[m->next].ndig >= 2 && !is_year ((int) c->t[m->next].num))
    add_abs (out, (int) c->t[m->next].num);

  i = tok_at_or_after (c, m->start);
  {
    guint before = tmp->n_absolute;
    gboolean sp = tmp->special;

    if (try_dash_number (c, tmp, c->ts, i, &dm))
      {
        m->start = dm.start;
        tmp->special = sp || (tmp->special && tmp->n_absolute == before && FALSE);
        if (tmp->n_absolute == before)
          tmp->special = sp;
      }
  }
}

/* ------------------------------------------------------ bracket-only names */

static gboolean
has_ascii_alpha (const char *p,
                 int         n)
{
  int k;

  for (k = 0; k < n; k++)
    if (g_ascii_isalpha (p[k]))
      return TRUE;
  return FALSE;
}

/* "13", "13完", "01-24完", "215 END", "88-91", "第1008話" → numbers */
static gboolean
bracket_episode (const char     *p,
                 int             n,
                 MmlParseResult *out)
{
  int k = 0, a = 0, b = 0;

  /* 第 = E7 AC AC */
  if (n > 3 && (guchar) p[0] == 0xE7 && (guchar) p[1] == 0xAC && (guchar) p[2] == 0xAC)
    k = 3;
  if (read_digits (p, n, &k, 4, &a) == 0)
    return FALSE;
  if (k == 4 && is_year (a))
    return FALSE;
  if (k < n && (p[k] == '-' || p[k] == '~'))
    {
      k++;
      if (read_digits (p, n, &k, 4, &b) == 0 || !range_ok (a, b))
        return FALSE;
    }
  while (k < n && p[k] == ' ')
    k++;
  if (k < n)
    {
      /* allowed tails: END / Fin / v2 / any non-ASCII (完, 話, 集) */
      if (!(mml_parser_word_eq (p + k, n - k, "end") || mml_parser_word_eq (p + k, n - k, "fin")
            || (guchar) p[k] >= 0x80))
        return FALSE;
    }
  if (b > 0)
    add_abs_range (out, a, b);
  else
    add_abs (out, a);
  return TRUE;
}

static void copy_title (MmlParseResult *out, const char *p, int n);

static gboolean
parse_bracket_name (Ctx            *c,
                    MmlParseResult *out)
{
  int pos = c->title_s, k;
  int br_s[24], br_e[24], nb = 0, ep = -1, title = -1;

  while (pos < c->n && nb < 24)
    {
      while (pos < c->n && c->w[pos] == ' ')
        pos++;
      if (pos >= c->n)
        break;
      if (c->w[pos] != '[')
        return FALSE;
      k = pos + 1;
      while (k < c->n && c->w[k] != ']')
        k++;
      if (k >= c->n)
        return FALSE;
      br_s[nb] = pos + 1;
      br_e[nb] = k;
      nb++;
      pos = k + 1;
    }
  if (nb < 2 || pos < c->n)
    return FALSE;
  for (k = 0; k < nb; k++)
    {
      if (bracket_episode (c->w + br_s[k], br_e[k] - br_s[k], out))
        {
          ep = k;
          break;
        }
    }
  if (ep <= 0)
    return FALSE;
  for (k = 0; k < ep; k++)
    {
      const char *p = c->w + br_s[k];
      int n = br_e[k] - br_s[k];

      if (all_digits (p, n))
        continue;
      if (has_ascii_alpha (p, n))
        {
          title = k;
          break;
        }
      title = k;
    }
  if (title < 0)
    return FALSE;
  {
    const char *p = c->w + br_s[title];
    int s = 0, e = br_e[title] - br_s[title];

    if (has_ascii_alpha (p, e))
      {
        while (s < e && !g_ascii_isalnum (p[s]))
          s++;
        while (e > s && !g_ascii_isalnum (p[e - 1]) && p[e - 1] != '!' && p[e - 1] != '?')
          e--;
        /* cut a trailing native-script word: "Anime Series 海賊王" */
        {
          int cut = e, q;

          for (q = s; q < e; q++)
            {
              if ((guchar) p[q] >= 0x80)
                {
                  int r = q;

                  while (r > s && (p[r - 1] == ' ' || p[r - 1] == '_'))
                    r--;
                  if (r > s && has_ascii_alpha (p + s, r - s))
                    {
                      cut = r;
                      break;
                    }
                }
            }
          e = cut;
        }
      }
    copy_title (out, p + s, e - s);
  }
  c->title_e = -2;   /* title set already */
  c->mk_tok = tok_at_or_after (c, br_s[ep]);
  return TRUE;
}

/* ------------------------------------------------------------------ title */

static void
copy_title (MmlParseResult *out,
            const char     *p,
            int             n)
{
  int k, o = 0;
  gboolean space = FALSE;

  for (k = 0; k < n && o < (int) sizeof out->title - 1; k++)
    {
      char ch = p[k];

      if (ch == '.' || ch == '_' || ch == ' ' || ch == '\t')
        {
          /* keep "Bros." dots only between a letter run and a blank? no: Sonarr spaces them */
          space = o > 0;
          continue;
        }
      if (space && o < (int) sizeof out->title - 2)
        out->title[o++] = ' ';
      space = FALSE;
      out->title[o++] = ch;
    }
  out->title[o] = '\0';
}

static gboolean
trim_char (char ch)
{
  return ch == ' ' || ch == '-' || ch == '(' || ch == '[' || ch == ',' || ch == '/'
         || ch == '|' || ch == ':' || ch == '{' || ch == '~' || ch == '+' || ch == '&'
         || ch == '<' || ch == '"' || ch == '\'';
}

/* "Show.2010" → "Show" + 2010; "Show (2010)" too.  Returns the new end. */
static int
split_year (const char     *p,
            int             s,
            int             e,
            MmlParseResult *out)
{
  int k = e, v = 0, d;

  while (k > s && (p[k - 1] == ')' || p[k - 1] == ']' || p[k - 1] == ' ' || p[k - 1] == '.'
                   || p[k - 1] == '_' || p[k - 1] == '-'))
    k--;
  d = 0;
  while (k > s && is_digit (p[k - 1]) && d < 5)
    {
      k--;
      d++;
    }
  if (d != 4 || (k > s && is_wordc ((guchar) p[k - 1])))
    return e;
  {
    int kk = k;

    read_digits (p, e, &kk, 4, &v);
  }
  if (!is_year (v))
    return e;
  /* something must stay before it */
  {
    int r = k;

    while (r > s && (trim_char (p[r - 1]) || p[r - 1] == '.' || p[r - 1] == '_'))
      r--;
    if (r == s)
      return e;
    out->year = v;
    return r;
  }
}

static void
finish_title (Ctx            *c,
              MmlParseResult *out,
              int             s,
              int             e)
{
  const char *p = c->w;
  int k, seg_s;

  if (e > c->n)
    e = c->n;
  if (s >= e)
    {
      out->title[0] = '\0';
      return;
    }

  /* alternative titles "Native / English", "A | B" */
  seg_s = s;
  for (k = s; k + 1 < e; k++)
    {
      if (p[k] == '/' || (p[k] == '|' && FALSE))
        {
          int rest_s = k + 1;

          if (has_ascii_alpha (p + rest_s, e - rest_s))
            {
              /* keep the last segment that has Latin letters */
              int r;
              gboolean later_latin = FALSE;

              for (r = rest_s; r < e; r++)
                if (g_ascii_isalpha (p[r]))
                  later_latin = TRUE;
              if (later_latin)
                seg_s = rest_s;
            }
        }
      if (p[k] == '|')
        {
          /* drop a segment without Latin letters before a pipe */
          if (!has_ascii_alpha (p + seg_s, k - seg_s))
            seg_s = k + 1;
        }
    }
  if (seg_s != s)
    {
      /* "SERIES 靦腆英雄": trailing native-script words of an alternate title */
      int q = e;

      for (;;)
        {
          int w = q;

          while (w > seg_s && p[w - 1] == ' ')
            w--;
          q = w;
          while (w > seg_s && p[w - 1] != ' ')
            w--;
          if (w == seg_s || w == q || has_ascii_alpha (p + w, q - w)
              || is_digit (p[w]) || p[w] == '-')
            break;
          e = w;
          q = w;
        }
    }
  s = seg_s;

  /* trim */
  for (;;)
    {
      int olds = s, olde = e;

      while (s < e && (trim_char (p[s]) || p[s] == '.' || p[s] == '_' || p[s] == ')'
                       || p[s] == ']'))
        s++;
      while (e > s && (trim_char (p[e - 1]) || p[e - 1] == '.' || p[e - 1] == '_'))
        e--;
      /* trailing codec words: "…-x264-103" */
      {
        int q = e;

        while (q > s && is_wordc ((guchar) p[q - 1]))
          q--;
        if (q > s && q < e && (p[q - 1] == '-' || p[q - 1] == '.' || p[q - 1] == ' ' || p[q - 1] == '_')
            && (mml_parser_is_source_word (p + q, e - q) || token_resolution (p + q, e - q)))
          e = q;
      }
      /* a dangling "(" group without its ")" */
      if (olds == s && olde == e)
        break;
    }
  e = split_year (p, s, e, out);
  while (e > s && (trim_char (p[e - 1]) || p[e - 1] == '.' || p[e - 1] == '_'))
    e--;

  /* "Title S04" kept in anime titles is written "S4" */
  copy_title (out, p + s, e - s);
  {
    int n = (int) strlen (out->title);

    if (n >= 4 && out->title[n - 4] == ' ' && (out->title[n - 3] == 'S' || out->title[n - 3] == 's')
        && out->title[n - 2] == '0' && is_digit (out->title[n - 1]))
      {
        out->title[n - 2] = out->title[n - 1];
        out->title[n - 1] = '\0';
      }
  }
  /* unbalanced "Series (2011" is fine as a title, but strip a lone trailing "(" */
}

/* Untitled names: stop at the first technical word or bracket that is not a year */
static int
plain_title_end (const Ctx *c)
{
  int i;

  for (i = c->ts; i < c->nt; i++)
    {
      const char *p;
      int len;

      if (i > c->ts && is_stop_token (c, i))
        return c->t[i].s;
      gap_of (c, i, &p, &len);
      if (i > c->ts && c->t[i].depth > 0 && memchr (p, '[', len) != NULL
          && !(tok_num (c, i) && is_year ((int) c->t[i].num)))
        return c->t[i].s;
      if (i > c->ts && c->t[i].depth > 0 && memchr (p, '(', len) != NULL
          && !(tok_num (c, i) && is_year ((int) c->t[i].num)))
        return c->t[i].s;
    }
  return c->n;
}

/* hashes and other obfuscated names */
static gboolean
looks_hashed (const char *p,
              int         n)
{
  int k, run = 0, digits = 0, letters = 0;

  for (k = 0; k <= n; k++)
    {
      char ch = k < n ? p[k] : ' ';

      if (g_ascii_isxdigit (ch))
        {
          run++;
          if (is_digit (ch))
            digits++;
          else
            letters++;
          continue;
        }
      if (g_ascii_isalpha (ch))
        {
          /* not hex: skip the rest of this word */
          while (k < n && g_ascii_isalnum (p[k]))
            k++;
          run = digits = letters = 0;
          continue;
        }
      if (run >= 8 && digits >= 2 && letters >= 1)
        return TRUE;
      run = digits = letters = 0;
    }
  return FALSE;
}

/* --------------------------------------------------------- release group */

static gboolean
group_word_ok (const char *p,
               int         n)
{
  int k, hex = 0, digits = 0;

  if (n < 2 || n > 40)
    return FALSE;
  for (k = 0; k < n; k++)
    {
      if (g_ascii_isxdigit (p[k]))
        hex++;
      if (is_digit (p[k]))
        digits++;
    }
  if (n == 8 && hex == 8)
    return FALSE;   /* CRC32 */
  if (digits == n)
    return FALSE;
  if (mml_parser_is_tech_word (p, n) || token_resolution (p, n) || token_wxh (p, n))
    return FALSE;
  if ((p[0] == 'v' || p[0] == 'V') && all_digits (p + 1, n - 1))
    return FALSE;
  {
    SeTok se;
    int v, d;
    gboolean ep;

    if (scan_e (p, n, &v, &d, &ep) || scan_se (p, n, &se) || scan_nxn (p, n, &se))
      return FALSE;   /* "-e04" ends an episode range, it is not a group */
  }
  {
    const char *code;

    if (mml_parser_release_language (p, n, &code) == MML_LANG_HIT_WORD)
      return FALSE;
  }
  /* "DD5", "AAC2", "DDP5", "H264", "HDR10" */
  if (n <= 6 && is_digit (p[n - 1]))
    {
      int q = n;

      while (q > 0 && (is_digit (p[q - 1]) || p[q - 1] == '.'))
        q--;
      if (q > 0 && mml_parser_is_tech_word (p, q))
        return FALSE;
    }
  return TRUE;
}

static gboolean
alnum_run (const char *p,
           int         n)
{
  int k;

  for (k = 0; k < n; k++)
    if (!g_ascii_isalnum (p[k]))
      return FALSE;
  return n > 0;
}

static void
set_group (MmlParseResult *out,
           const char     *p,
           int             n)
{
  if (n >= (int) sizeof out->release_group)
    n = sizeof out->release_group - 1;
  memcpy (out->release_group, p, n);
  out->release_group[n] = '\0';
}

static void
find_group (Ctx            *c,
            MmlParseResult *out)
{
  const char *p = c->w;
  int e = c->n, k;
  gboolean changed = TRUE;

  /* strip trailing junk: "[rarbg.to]", " English", "-RP", "-NZBgeek" … */
  while (changed && e > 0)
    {
      int q;

      changed = FALSE;
      while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '.' || p[e - 1] == '\''))
        e--;
      if (e > 0 && (p[e - 1] == ']' || p[e - 1] == ')'))
        {
          char open = p[e - 1] == ']' ? '[' : '(';

          q = e - 1;
          while (q > 0 && p[q - 1] != open && e - q < 80)
            q--;
          if (q > 0 && p[q - 1] == open && (looks_like_domain (p + q, e - 1 - q)
                                            || mml_parser_is_junk_suffix (p + q, e - 1 - q)))
            {
              e = q - 1;
              changed = TRUE;
              continue;
            }
        }
      q = e;
      while (q > 0 && g_ascii_isalnum (p[q - 1]))
        q--;
      if (q > 0 && q < e && (p[q - 1] == '-') && mml_parser_is_junk_suffix (p + q, e - q))
        {
          e = q - 1;
          changed = TRUE;
          continue;
        }
      if (q > 0 && q < e && (p[q - 1] == ' ' || p[q - 1] == '.'))
        {
          const char *code;

          if (mml_parser_release_language (p + q, e - q, &code) == MML_LANG_HIT_WORD
              && e - q > 3)
            {
              e = q - 1;
              changed = TRUE;
              continue;
            }
        }
    }
  if (e <= 0)
    goto leading;

  /* "…[QxR]", "…Releaser[SEV]" */
  if (p[e - 1] == ']')
    {
      k = e - 1;
      while (k > 0 && p[k - 1] != '[' && e - k < 40)
        k--;
      if (k > 0 && p[k - 1] == '[' && alnum_run (p + k, e - 1 - k) && group_word_ok (p + k, e - 1 - k)
          && k - 1 > c->lg_e)
        {
          set_group (out, p + k, e - 1 - k);
          return;
        }
    }
  /* "(1080p BluRay x265 Kappa)", "(… x265-TheSickle[TAoE])" */
  if (p[e - 1] == ')')
    {
      int open = e - 1, q;

      while (open > 0 && p[open - 1] != '(' && e - open < 200)
        open--;
      if (open > 0 && p[open - 1] == '(')
        {
          int ce = e - 1;

          if (ce > open && p[ce - 1] == ']')
            {
              q = ce - 1;
              while (q > open && p[q - 1] != '[')
                q--;
              if (q > open && alnum_run (p + q, ce - 1 - q) && group_word_ok (p + q, ce - 1 - q))
                {
                  set_group (out, p + q, ce - 1 - q);
                  return;
                }
            }
          q = ce;
          while (q > open && g_ascii_isalnum (p[q - 1]))
            q--;
          if (q > open && q < ce && (p[q - 1] == ' ' || p[q - 1] == '-') && group_word_ok (p + q, ce - q))
            {
              /* the parenthesis must be technical: holds a resolution or codec */
              int r;
              gboolean tech = FALSE;

              for (r = open; r < q; r++)
                {
                  int w = r;

                  while (w < q && g_ascii_isalnum (p[w]))
                    w++;
                  if (w > r && (token_resolution (p + r, w - r) || mml_parser_is_tech_word (p + r, w - r)))
                    tech = TRUE;
                  r = w;
                }
              if (tech)
                {
                  set_group (out, p + q, ce - q);
                  return;
                }
            }
        }
    }
  /* "-GROUP", "-E.N.D", " - BluDragon", "-Erai-raws" */
  k = e;
  while (k > 0 && (g_ascii_isalnum (p[k - 1]) || (p[k - 1] == '.' && k - 2 >= 0
                                                   && g_ascii_isalpha (p[k - 2])
                                                   && (k - 3 < 0 || p[k - 3] == '.' || p[k - 3] == '-'))))
    k--;
  if (k > 0 && k < e && (p[k - 1] == '-' || (k >= 3 && p[k - 1] == ' ' && p[k - 2] == '-'
                                                && p[k - 3] == ' ')))
    {
      int gs = k;
      gboolean spaced = p[k - 1] == ' ';

      if (e - gs == 4 && mml_parser_word_eq (p + gs, 4, "raws") && gs >= 2)
        {
          int q = gs - 1;

          while (q > 0 && g_ascii_isalnum (p[q - 1]))
            q--;
          if (q > 0 && p[q - 1] == '-')
            gs = q;
        }
      if (memchr (p + gs, '.', e - gs) != NULL)
        {
          /* dotted groups only as single letters: "E.N.D" */
          int r;
          gboolean ok = TRUE;

          for (r = gs; r < e; r++)
            if (p[r] != '.' && ((r > gs && p[r - 1] != '.') || (r + 1 < e && p[r + 1] != '.')))
              ok = FALSE;
          if (!ok)
            goto leading;
        }
      if (spaced || (k >= 2 && p[k - 2] == ' '))
        {
          /* " - Group" only after technical words */
          int q = spaced ? k - 3 : k - 2;

          while (q > 0 && p[q - 1] == ' ')
            q--;
          if (q > 0 && (p[q - 1] == ')' || p[q - 1] == ']'))
            {
              /* "(1080p BDRip x265) - Vialle": the bracket must be technical */
              char open = p[q - 1] == ')' ? '(' : '[';
              int r = q - 1, w;
              gboolean tech = FALSE;

              while (r > 0 && p[r - 1] != open)
                r--;
              for (w = r; w < q - 1; w++)
                {
                  int x = w;

                  while (x < q - 1 && g_ascii_isalnum (p[x]))
                    x++;
                  if (x > w && (token_resolution (p + w, x - w) || mml_parser_is_tech_word (p + w, x - w)))
                    tech = TRUE;
                  w = x;
                }
              if (!tech)
                goto leading;
            }
          else if (q > 0)
            {
              int w = q;

              while (w > 0 && g_ascii_isalnum (p[w - 1]))
                w--;
              if (!(mml_parser_is_tech_word (p + w, q - w) || token_resolution (p + w, q - w)
                    || (all_digits (p + w, q - w) && w > 0 && p[w - 1] == '.')))
                goto leading;
            }
        }
      if (group_word_ok (p + gs, e - gs))
        {
          set_group (out, p + gs, e - gs);
          return;
        }
    }

leading:
  if (c->lg_s >= 0 && c->lg_e > c->lg_s)
    {
      int s = c->lg_s, ge = c->lg_e;

      while (s < ge && p[s] == ' ')
        s++;
      while (ge > s && p[ge - 1] == ' ')
        ge--;
      if (ge > s && !token_resolution (p + s, ge - s))
        set_group (out, p + s, ge - s);
    }
}

/* ------------------------------------------------------ quality & language */

static void
find_resolution (Ctx            *c,
                 MmlParseResult *out)
{
  int i, explicit_res = 0, wxh = 0, k4 = 0, fhd = 0, uhd = 0;
  gboolean bluray = FALSE, remux = FALSE, sd = FALSE, hdtv = FALSE, hdtv720 = FALSE;
  gboolean mpeg2 = FALSE, hr = FALSE, mkv = FALSE, web = FALSE, rip = FALSE;

  for (i = 0; i < c->nt; i++)
    {
      const char *p = tp (c, i);
      int n = tl (c, i), r;

      if ((r = token_resolution (p, n)) != 0)
        {
          if (explicit_res == 0)
            explicit_res = r;
          continue;
        }
      if ((r = token_wxh (p, n)) != 0)
        {
          if (wxh == 0)
            wxh = r;
          continue;
        }
      if (n >= 2 && p[0] == '4' && (p[1] == 'k' || p[1] == 'K') && (n == 2 || !g_ascii_isalpha (p[2]) || n > 3))
        k4 = 2160;
      else if (mml_parser_word_eq (p, n, "fhd"))
        fhd = 1080;
      else if (mml_parser_word_eq (p, n, "uhd"))
        uhd = 2160;
      else if (mml_parser_word_eq (p, n, "bluray") || mml_parser_word_eq (p, n, "bd")
               || mml_parser_word_eq (p, n, "bdmux") || mml_parser_word_eq (p, n, "bdlight")
               || (mml_parser_word_eq (p, n, "blu") && i + 1 < c->nt && tok_is (c, i + 1, "ray")))
        bluray = TRUE;
      else if (mml_parser_word_eq (p, n, "remux") || mml_parser_word_eq (p, n, "bdremux"))
        remux = TRUE;
      else if (mml_parser_word_eq (p, n, "bdrip") || mml_parser_word_eq (p, n, "brrip")
               || mml_parser_word_eq (p, n, "dvdrip") || mml_parser_word_eq (p, n, "dvd")
               || mml_parser_word_eq (p, n, "sdtv") || mml_parser_word_eq (p, n, "pdtv")
               || mml_parser_word_eq (p, n, "dsr") || mml_parser_word_eq (p, n, "tvrip")
               || mml_parser_word_eq (p, n, "xvid") || mml_parser_word_eq (p, n, "divx")
               || mml_parser_word_eq (p, n, "ntsc") || mml_parser_word_eq (p, n, "pal")
               || mml_parser_word_eq (p, n, "dvdr"))
        sd = TRUE;
      else if (mml_parser_word_eq (p, n, "hdtv"))
        {
          hdtv = TRUE;
          if (p > c->w && p[-1] == '[' && c->w[c->t[i].e] == ']')
            hdtv720 = TRUE;
        }
      else if (mml_parser_word_eq (p, n, "hd") && i + 1 < c->nt && tok_is (c, i + 1, "tv"))
        hdtv720 = TRUE;
      else if (mml_parser_word_eq (p, n, "sd") && i + 1 < c->nt
               && (tok_is (c, i + 1, "tv") || tok_is (c, i + 1, "dvd")))
        sd = TRUE;
      else if (mml_parser_word_eq (p, n, "mpeg2")
               || (mml_parser_word_eq (p, n, "mpeg") && i + 1 < c->nt && tok_is (c, i + 1, "2")))
        mpeg2 = TRUE;
      else if (mml_parser_word_eq (p, n, "hr"))
        hr = TRUE;
      else if (mml_parser_word_eq (p, n, "mkv"))
        mkv = TRUE;
      else if (mml_parser_word_eq (p, n, "webdl") || mml_parser_word_eq (p, n, "webrip")
               || (mml_parser_word_eq (p, n, "web") && i + 1 < c->nt
                   && (tok_is (c, i + 1, "dl") || tok_is (c, i + 1, "rip") || tok_is (c, i + 1, "dlrip")))
               || mml_parser_word_eq (p, n, "netflixuhd") || mml_parser_word_eq (p, n, "netflixhd")
               || mml_parser_word_eq (p, n, "amazonhd") || mml_parser_word_eq (p, n, "itunes")
               || mml_parser_word_eq (p, n, "webdlrip"))
        rip = TRUE;
      else if (mml_parser_word_eq (p, n, "web"))
        web = TRUE;
    }

  if (mpeg2 && hdtv && explicit_res != 2160)
    out->resolution = 1080;   /* raw HD broadcast */
  else if (explicit_res)
    out->resolution = explicit_res;
  else if (wxh)
    out->resolution = wxh;
  else if (k4)
    out->resolution = k4;
  else if (fhd)
    out->resolution = fhd;
  else if (uhd)
    out->resolution = uhd;
  else if (hdtv720 || (hr && (hdtv || sd)))
    out->resolution = 720;
  else if (remux)
    out->resolution = 1080;
  else if (bluray)
    out->resolution = 720;
  else if (sd || hdtv || rip)
    out->resolution = 480;
  else if (mkv)
    out->resolution = 720;
  else if (web)
    out->resolution = 480;
  else
    out->resolution = c->ext_res;
}

static void
add_lang (MmlParseResult *out,
          const char     *code)
{
  guint i;

  for (i = 0; i < out->n_languages; i++)
    if (strcmp (out->languages[i], code) == 0)
      return;
  if (out->n_languages < MML_PARSE_MAX_LANGUAGES)
    g_strlcpy (out->languages[out->n_languages++], code, sizeof out->languages[0]);
}

static gboolean
is_sub_word (const Ctx *c,
             int        i)
{
  return tok_is (c, i, "sub") || tok_is (c, i, "subs") || tok_is (c, i, "subtitles")
         || tok_is (c, i, "subbed") || tok_is (c, i, "subtitle") || tok_is (c, i, "vost")
         || tok_is (c, i, "subtitulado");
}

static gboolean
contains (const char *p,
          int         n,
          const char *needle)
{
  int k, m = (int) strlen (needle);

  for (k = 0; k + m <= n; k++)
    if (memcmp (p + k, needle, m) == 0)
      return TRUE;
  return FALSE;
}

static void
find_languages (Ctx            *c,
                MmlParseResult *out,
                int             from)
{
  int i;
  gboolean after_sub = FALSE;

  for (i = from; i < c->nt; i++)
    {
      const char *code = NULL, *p = tp (c, i);
      int n = tl (c, i), j;
      MmlLangHit hit;

      if (is_sub_word (c, i))
        {
          after_sub = TRUE;
          continue;
        }
      hit = mml_parser_release_language (p, n, &code);
      if (hit == MML_LANG_HIT_NONE)
        {
          /* "HebDub", "HUNDUB", "LEKPL" */
          if (n > 3 && n <= 6 && mml_parser_word_eq (p + n - 3, 3, "dub")
              && mml_parser_release_language (p, n - 3, &code) != MML_LANG_HIT_NONE)
            hit = MML_LANG_HIT_WORD;
          else
            {
              if (c->t[i].kind != TK_NUM)
                after_sub = FALSE;
              continue;
            }
        }
      if (after_sub)
        continue;
      /* a run of languages right before "Sub" names subtitles */
      j = i + 1;
      while (j < c->nt && mml_parser_release_language (tp (c, j), tl (c, j), &(const char *){ NULL }) != MML_LANG_HIT_NONE)
        j++;
      if (j < c->nt && is_sub_word (c, j))
        {
          i = j;
          after_sub = TRUE;
          continue;
        }
      if (hit == MML_LANG_HIT_WEAK)
        {
          /* "Cat DD2.0", "Esp DD2.0,Ing DTS": a neighbour must be technical or a language */
          gboolean ctx_ok = FALSE;
          const char *dummy;

          if (i + 1 < c->nt && (mml_parser_is_tech_word (tp (c, i + 1), 2 < tl (c, i + 1) ? 2 : tl (c, i + 1))
                                || mml_parser_is_tech_word (tp (c, i + 1), tl (c, i + 1))
                                || c->t[i + 1].kind != TK_ALPHA
                                || mml_parser_release_language (tp (c, i + 1), tl (c, i + 1), &dummy)))
            ctx_ok = TRUE;
          if (i > from && mml_parser_release_language (tp (c, i - 1), tl (c, i - 1), &dummy))
            ctx_ok = TRUE;
          if (c->t[i].upper)
            ctx_ok = TRUE;
          if (!ctx_ok)
            continue;
        }
      add_lang (out, code);
    }

  /* Chinese subtitle / audio tags: 简 繁 国语 國語 中文 粤语 */
  if (from < c->nt)
    {
      const char *p = c->w + c->t[from].s;
      int n = c->n - c->t[from].s;

      if (contains (p, n, "\xe7\xae\x80") || contains (p, n, "\xe7\xb9\x81")
          || contains (p, n, "\xe5\x9b\xbd\xe8\xaf\xad") || contains (p, n, "\xe5\x9c\x8b\xe8\xaa\x9e")
          || contains (p, n, "\xe4\xb8\xad\xe6\x96\x87") || contains (p, n, "\xe7\xb2\xa4\xe8\xaf\xad"))
        add_lang (out, "zh");
    }
}

/* ------------------------------------------------------------------ driver */

static void
result_init (MmlParseResult *out)
{
  out->parsed = FALSE;
  out->title[0] = '\0';
  out->year = 0;
  out->season = -1;
  out->n_episodes = 0;
  out->n_absolute = 0;
  out->air_year = out->air_month = out->air_day = 0;
  out->full_season = FALSE;
  out->special = FALSE;
  out->release_group[0] = '\0';
  out->resolution = 0;
  out->n_languages = 0;
}

static void
clear_markers (MmlParseResult *out)
{
  out->season = -1;
  out->n_episodes = 0;
  out->n_absolute = 0;
  out->air_year = out->air_month = out->air_day = 0;
  out->full_season = FALSE;
  out->special = FALSE;
}

static void
parse_ctx (Ctx            *c,
           const char     *name,
           gsize           len,
           MmlParseFlags   flags,
           MmlParseResult *out)
{
  Mark m = { 0, 0 };
  int i, lang_from;
  gboolean found = FALSE;

  result_init (out);
  c->flags = flags;
  c->ext_res = 0;
  c->anime = c->date_prefix = c->crap = c->strong = FALSE;
  c->season_implied = c->abs_guess = FALSE;
  c->title_e = -1;
  c->mk_tok = -1;
  c->lead_num = -1;

  normalize (c, name, len);
  tokenize (c);
  find_title_start (c);
  if (c->ts < c->nt && c->t[c->ts].kind == TK_NUM && c->t[c->ts].ndig <= 3)
    c->lead_num = (int) c->t[c->ts].num;

  if (c->anime && parse_bracket_name (c, out))
    {
      found = TRUE;
      m.next = c->mk_tok;
    }

  for (i = c->ts; !found && i < c->nt; i++)
    {
      if (try_se (c, i, out, &m) || try_nxn (c, i, out, &m) || try_season_word (c, i, out, &m)
          || try_cap (c, i, out, &m) || try_date (c, i, out, &m) || try_eonly (c, i, out, &m))
        found = TRUE;
      else if (c->crap)
        break;
      else
        {
          /* a failed attempt may have written partial data */
          clear_markers (out);
        }
    }
  if (found && c->anime && c->strong && out->n_episodes > 0)
    anime_absolute_extras (c, out, &m);
  if (!found && !c->crap)
    {
      clear_markers (out);
      if (try_dash_number (c, out, c->ts, c->nt, &m) || try_abs_range (c, out, &m)
          || try_part (c, out, &m) || try_bare_number (c, out, &m))
        found = TRUE;
      else
        clear_markers (out);
    }

  if (found && c->title_e != -2)
    {
      c->title_e = m.start;
      for (i = c->ts + 1; i < c->nt && c->t[i].s < c->title_e; i++)
        {
          if (c->t[i].depth > 0 && is_stop_token (c, i))
            {
              int b = c->t[i].s;

              while (b > c->title_s && c->w[b - 1] != '[' && c->w[b - 1] != '(')
                b--;
              if (b > c->title_s)
                c->title_e = b - 1;
              break;
            }
        }
    }

  if (c->title_e == -2)
    ;
  else if (found)
    finish_title (c, out, c->title_s, c->title_e);
  else
    finish_title (c, out, c->title_s, plain_title_end (c));

  if (out->season == 0 || (out->n_episodes > 0 && out->episodes[0] == 0 && out->season >= 0))
    out->special = TRUE;

  if (found && !c->crap && out->title[0] != '\0' && looks_hashed (out->title, (int) strlen (out->title)))
    c->crap = TRUE;
  if (!found && looks_hashed (c->w, c->n))
    out->title[0] = '\0';

  if (c->crap)
    {
      clear_markers (out);
      found = FALSE;
    }
  out->parsed = found && (out->season >= 0 || out->n_episodes > 0 || out->n_absolute > 0
                          || out->air_year > 0 || out->full_season || out->special);

  find_group (c, out);
  find_resolution (c, out);
  lang_from = found ? tok_at_or_after (c, MAX (m.start, 0)) : c->ts;
  if (found && c->title_e == -2)
    lang_from = c->mk_tok;
  find_languages (c, out, lang_from);
}

void
mml_parse_name (const char     *name,
                gssize          len,
                MmlParseFlags   flags,
                MmlParseResult *out)
{
  Ctx c;

  g_return_if_fail (out != NULL);
  if (name == NULL)
    {
      result_init (out);
      return;
    }
  parse_ctx (&c, name, len < 0 ? strlen (name) : (gsize) len, flags, out);
}

/* ------------------------------------------------------------------- paths */

/* "Season 2", "Season 02", "S02", "Specials", "Staffel 1", "Saison 3" */
static gboolean
season_folder (const char *p,
               int         n,
               int        *season)
{
  static const char *const words[] = {
    "season", "saison", "staffel", "temporada", "stagione", "seizoen", "series", "sezon",
  };
  gsize w;
  int k, v = 0;

  if (mml_parser_word_eq (p, n, "specials") || mml_parser_word_eq (p, n, "special")
      || mml_parser_word_eq (p, n, "extras"))
    {
      *season = 0;
      return TRUE;
    }
  if (n >= 2 && n <= 5 && (p[0] == 'S' || p[0] == 's') && all_digits (p + 1, n - 1))
    {
      k = 1;
      read_digits (p, n, &k, 4, &v);
      *season = v;
      return TRUE;
    }
  for (w = 0; w < G_N_ELEMENTS (words); w++)
    {
      int wl = (int) strlen (words[w]);

      if (n > wl && mml_parser_word_eq (p, wl, words[w]))
        {
          k = wl;
          while (k < n && (p[k] == ' ' || p[k] == '.' || p[k] == '_' || p[k] == '-'))
            k++;
          if (read_digits (p, n, &k, 4, &v) > 0 && k == n)
            {
              *season = v;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
result_strong (const MmlParseResult *r)
{
  return r->parsed && ((r->season >= 0 && (r->n_episodes > 0 || r->full_season)) || r->air_year > 0);
}

void
mml_parse_path (const char     *path,
                gssize          len,
                MmlParseFlags   flags,
                MmlParseResult *out)
{
  Ctx c;
  gsize n, k;
  int comp_s[4], comp_e[4], nc = 0, season = -1, series = -1;
  int e;
  gboolean file_strong, file_season_implied, file_abs_guess;
  int lead_num;

  g_return_if_fail (out != NULL);
  if (path == NULL)
    {
      result_init (out);
      return;
    }
  n = len < 0 ? strlen (path) : (gsize) len;

  /* "Show / Alt Title S01E01", "Title (2024/S01E07/…)": a name, not a path */
  if (n > 0 && path[0] != '/' && path[0] != '\\' && path[0] != '~' && !(n > 2 && path[1] == ':'))
    {
      gsize q = n, dot = 0;
      int res;

      while (q > 0 && path[q - 1] != '/' && path[q - 1] != '\\')
        q--;
      for (k = q; k < n; k++)
        if (path[k] == '.')
          dot = k;
      {
        gsize f = 0;
        int sn;

        while (f < n && path[f] != '/' && path[f] != '\\')
          f++;
        if (f < n && f < 64 && season_folder (path, (int) f, &sn))
          dot = n;   /* "Season 1/Show_s01e01-e04": a path all the same */
      }
      if (dot != n && (dot == 0 || !mml_parser_known_ext (path + dot + 1, n - dot - 1, &res)))
        {
          mml_parse_name (path, (gssize) n, flags, out);
          return;
        }
    }

  /* the last four components, newest first */
  e = (int) n;
  while (nc < 4 && e > 0)
    {
      int s;

      while (e > 0 && (path[e - 1] == '/' || path[e - 1] == '\\'))
        e--;
      if (e == 0)
        break;
      s = e;
      while (s > 0 && path[s - 1] != '/' && path[s - 1] != '\\')
        s--;
      comp_s[nc] = s;
      comp_e[nc] = e;
      nc++;
      e = s;
    }
  if (nc == 0)
    {
      result_init (out);
      return;
    }

  parse_ctx (&c, path + comp_s[0], comp_e[0] - comp_s[0], flags, out);
  if (nc == 1)
    return;
  file_strong = result_strong (out) && c.strong;
  file_season_implied = c.season_implied;
  file_abs_guess = c.abs_guess;
  lead_num = c.lead_num;

  if (season_folder (path + comp_s[1], comp_e[1] - comp_s[1], &season))
    series = nc > 2 ? 2 : -1;
  else
    series = 1;

  if (!file_strong)
    {
      /* a hashed or bare file name inside a release folder: the folder tells */
      if (series == 1)
        {
          MmlParseResult tmp_r, *tmp = &tmp_r;
          Ctx c2_c, *c2 = &c2_c;

          parse_ctx (c2, path + comp_s[1], comp_e[1] - comp_s[1], flags, tmp);
          if (result_strong (tmp) && c2->strong)
            {
              int res = out->resolution;

              *out = *tmp;
              if (out->resolution == 0)
                out->resolution = res;
              return;
            }
        }
      if (season >= 0)
        {
          if (lead_num >= 0 && !(flags & MML_PARSE_PREFER_ABSOLUTE))
            {
              /* "Season 2/16 - 12 Some Title.avi", "Season 1/02-03 - blah.avi" */
              int last = lead_num, ti = c.ts;

              clear_markers (out);
              add_ep (out, lead_num);
              if (ti + 1 < c.nt && gap_tight_dash (&c, ti + 1) && tok_num (&c, ti + 1)
                  && range_ok (last, (int) c.t[ti + 1].num))
                add_ep_range (out, last + 1, (int) c.t[ti + 1].num);
              out->title[0] = '\0';
              out->year = 0;
            }
          if (out->n_absolute > 0 && out->n_episodes == 0
              && (!(flags & MML_PARSE_PREFER_ABSOLUTE) || file_abs_guess))
            {
              guint a;

              for (a = 0; a < out->n_absolute; a++)
                add_ep (out, out->absolute[a]);
              out->n_absolute = 0;
            }
          if (out->n_episodes == 0 && out->n_absolute == 0 && lead_num >= 0)
            {
              if (lead_num >= 100 && lead_num / 100 == season)
                add_ep (out, lead_num % 100);
              else
                add_ep (out, lead_num);
              out->title[0] = '\0';
              out->year = 0;
            }
          if (out->n_episodes > 0 || out->n_absolute > 0)
            {
              out->season = season;
              if (out->n_absolute == 0 || out->n_episodes > 0)
                out->n_absolute = out->n_episodes > 0 ? 0 : out->n_absolute;
              out->parsed = TRUE;
              if (season == 0)
                out->special = TRUE;
            }
        }
    }
  else if (season >= 0 && file_season_implied)
    out->season = season;

  /* untitled file ("01.mkv", "S02E01.mkv"): the series folder names the show */
  if (out->title[0] == '\0' && series > 0 && series < nc)
    {
      MmlParseResult tmp_r, *tmp = &tmp_r;
      Ctx c2_c, *c2 = &c2_c;

      parse_ctx (c2, path + comp_s[series], comp_e[series] - comp_s[series], flags, tmp);
      if (tmp->title[0] != '\0')
        {
          memcpy (out->title, tmp->title, sizeof out->title);
          if (out->year == 0)
            out->year = tmp->year;
        }
    }
}

/* ------------------------------------------------------------------- JSON */

static void
json_string (GString    *s,
             const char *p)
{
  const char *end = p + strlen (p);

  g_string_append_c (s, '"');
  while (p < end)
    {
      guchar ch = (guchar) *p;

      if (ch < 0x80)
        {
          switch (ch)
            {
            case '"': g_string_append (s, "\\\""); break;
            case '\\': g_string_append (s, "\\\\"); break;
            case '\n': g_string_append (s, "\\n"); break;
            case '\r': g_string_append (s, "\\r"); break;
            case '\t': g_string_append (s, "\\t"); break;
            default:
              if (ch < 0x20 || ch == 0x7F)
                g_string_append_printf (s, "\\u%04x", ch);
              else
                g_string_append_c (s, (char) ch);
            }
          p++;
          continue;
        }
      {
        gunichar u = g_utf8_get_char_validated (p, end - p);

        if (u == (gunichar) -1 || u == (gunichar) -2)
          {
            g_string_append (s, "\xef\xbf\xbd");
            p++;
          }
        else
          {
            const char *q = g_utf8_next_char (p);

            g_string_append_len (s, p, q - p);
            p = q;
          }
      }
    }
  g_string_append_c (s, '"');
}

static void
json_ints (GString   *s,
           const int *v,
           guint      n)
{
  guint i;

  g_string_append_c (s, '[');
  for (i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "%d", v[i]);
    }
  g_string_append_c (s, ']');
}

void
mml_parse_result_to_json (const MmlParseResult *r,
                          GString              *out)
{
  guint i;

  g_return_if_fail (r != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "{\"parsed\":");
  g_string_append (out, r->parsed ? "true" : "false");
  g_string_append (out, ",\"title\":");
  if (r->title[0] != '\0')
    json_string (out, r->title);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"season\":");
  if (r->season >= 0)
    g_string_append_printf (out, "%d", r->season);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"episodes\":");
  json_ints (out, r->episodes, MIN (r->n_episodes, MAX_EP));
  g_string_append (out, ",\"absolute\":");
  json_ints (out, r->absolute, MIN (r->n_absolute, MAX_EP));
  g_string_append (out, ",\"air_date\":");
  if (r->air_year > 0)
    g_string_append_printf (out, "\"%04d-%02d-%02d\"", r->air_year, r->air_month, r->air_day);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"full_season\":");
  g_string_append (out, r->full_season ? "true" : "false");
  g_string_append (out, ",\"special\":");
  g_string_append (out, r->special ? "true" : "false");
  g_string_append (out, ",\"year\":");
  if (r->year > 0)
    g_string_append_printf (out, "%d", r->year);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"release_group\":");
  if (r->release_group[0] != '\0')
    json_string (out, r->release_group);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"resolution\":");
  if (r->resolution > 0)
    g_string_append_printf (out, "\"%dp\"", r->resolution);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"languages\":[");
  for (i = 0; i < r->n_languages && i < MML_PARSE_MAX_LANGUAGES; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, r->languages[i]);
    }
  g_string_append (out, "]}");
}
