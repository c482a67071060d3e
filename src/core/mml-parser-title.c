/* mml-parser-title.c — leading material, series title, year and release group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

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

void
mml_parser_find_title_start (Ctx *c)
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
  c->ts = mml_parser_tok_at_or_after (c, pos);

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

/* ------------------------------------------------------------------ title */

void
mml_parser_copy_title (MmlParseResult *out,
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

void
mml_parser_finish_title (Ctx            *c,
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
            && (mml_parser_is_source_word (p + q, e - q) || mml_parser_token_resolution (p + q, e - q)))
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
  mml_parser_copy_title (out, p + s, e - s);
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
int
mml_parser_plain_title_end (const Ctx *c)
{
  int i;

  for (i = c->ts; i < c->nt; i++)
    {
      const char *p;
      int len;

      if (i > c->ts && mml_parser_is_stop_token (c, i))
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
gboolean
mml_parser_looks_hashed (const char *p,
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
  if (mml_parser_is_tech_word (p, n) || mml_parser_token_resolution (p, n) || mml_parser_token_wxh (p, n))
    return FALSE;
  if ((p[0] == 'v' || p[0] == 'V') && all_digits (p + 1, n - 1))
    return FALSE;
  {
    SeTok se;
    int v, d;
    gboolean ep;

    if (mml_parser_scan_e (p, n, &v, &d, &ep) || mml_parser_scan_se (p, n, &se) || mml_parser_scan_nxn (p, n, &se))
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

/* a fansub group spelled with dashes or an ampersand: "Some-Subs", "A&B" */
static gboolean
group_run (const char *p,
           int         n)
{
  int k, alpha = 0;

  for (k = 0; k < n; k++)
    {
      if (g_ascii_isalpha (p[k]))
        alpha++;
      else if (!is_digit (p[k]) && !((p[k] == '-' || p[k] == '&') && k > 0 && k + 1 < n))
        return FALSE;
    }
  return alpha >= 2;
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

void
mml_parser_find_group (Ctx            *c,
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

  /* "…[QxR]", "…Releaser[SEV]"; "Title - 05 [720p] [Some-Subs]" without a leading group */
  if (p[e - 1] == ']' || (p[e - 1] == ')' && c->lg_s < 0))
    {
      char open = p[e - 1] == ']' ? '[' : '(';

      k = e - 1;
      while (k > 0 && p[k - 1] != open && e - k < 40)
        k--;
      if (k > 0 && p[k - 1] == open && k - 1 > c->lg_e && group_word_ok (p + k, e - 1 - k)
          && ((open == '[' && alnum_run (p + k, e - 1 - k))
              || (c->lg_s < 0 && group_run (p + k, e - 1 - k) && !mml_parser_vocab_tag_run (p + k, e - 1 - k)
                  && !mml_parser_vocab_batch (p + k, e - 1 - k) && k - 1 > c->title_e && c->title_e > 0)))
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
                  if (w > r && (mml_parser_token_resolution (p + r, w - r) || mml_parser_is_tech_word (p + r, w - r)))
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
  if (k > 0 && k < e && (p[k - 1] == '-' || (k >= 3 && (p[k - 1] == ' ' || p[k - 1] == '_') && p[k - 2] == '-'
                                                && p[k - 3] == p[k - 1])))
    {
      int gs = k;
      gboolean spaced = p[k - 1] == ' ' || p[k - 1] == '_';

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

          while (q > 0 && (p[q - 1] == ' ' || p[q - 1] == '_'))
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
                  if (x > w && (mml_parser_token_resolution (p + w, x - w) || mml_parser_is_tech_word (p + w, x - w)))
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
              /* "Title_-_05_-_Group": after a dashed episode number in
               * a name that writes blanks as underscores */
              gboolean underscored_episode = p[k - 1] == '_' && all_digits (p + w, q - w) && q - w <= 4
                                             && w >= 3 && p[w - 1] == '_' && p[w - 2] == '-' && p[w - 3] == '_';

              if (!(mml_parser_is_tech_word (p + w, q - w) || mml_parser_token_resolution (p + w, q - w)
                    || (all_digits (p + w, q - w) && w > 0 && p[w - 1] == '.') || underscored_episode))
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
      if (ge > s && !mml_parser_token_resolution (p + s, ge - s))
        set_group (out, p + s, ge - s);
    }
}
