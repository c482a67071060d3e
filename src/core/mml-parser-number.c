/* mml-parser-number.c — dates, absolute / bare episode numbers and bracket-only anime names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

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
gboolean
mml_parser_try_date (Ctx            *c,
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

      if (mml_parser_tok_scan_se (c, next, &se))
        {
          out->air_year = out->air_month = out->air_day = 0;
          if (!mml_parser_try_se (c, next, out, m))
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
  if (tok_num (c, i + 1) && c->t[i + 1].ndig <= 3 && gap_plain (c, i + 1))
    i++;   /* "OVA 02" */
  if (i + 1 >= c->nt)
    return TRUE;
  gap_of (c, i + 1, &p, &len);
  return memchr (p, '[', len) != NULL || memchr (p, '(', len) != NULL;
}

/* Where the title before token @i ends: past the brackets its last word
 * closes ("Show (US) - 03" keeps "(US)") */
static int
title_end_before (const Ctx *c,
                  int        i)
{
  int e = c->t[i - 1].e;

  while (e < c->t[i].s && (c->w[e] == ')' || c->w[e] == ']'))
    e++;
  return e;
}

/* " - 07", "_-_33_", "Title-01[", " - 01-12", " - 01~10", " - 12.5" */
gboolean
mml_parser_try_dash_number (Ctx            *c,
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
              m->start = title_end_before (c, i);
              m->next = i + 1;
              return TRUE;
            }
          continue;
        }

      m->start = title_end_before (c, i);
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
      /* "01 ~ 12", "01 - 119 [Batch]": a spaced range that ends the name or meets a bracket */
      if (m->next < c->nt && out->n_absolute == 1 && gap_dash_spaced (c, m->next) && tok_num (c, m->next)
          && c->t[m->next].ndig <= 4 && range_ok (v, (int) c->t[m->next].num)
          && (m->next + 1 >= c->nt || c->t[m->next + 1].depth > c->t[m->next].depth
              || mml_parser_vocab_batch (tp (c, m->next + 1), tl (c, m->next + 1))))
        {
          add_abs_range (out, v + 1, (int) c->t[m->next].num);
          m->next++;
        }
      if (m->next + 1 < c->nt && gap_dash_spaced (c, m->next) && special_segment (c, m->next))
        out->special = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* "(892-916)", "1017-1088", "1-13": absolute ranges of anime batches */
gboolean
mml_parser_try_abs_range (Ctx            *c,
                          MmlParseResult *out,
                          Mark           *m)
{
  int i;

  for (i = c->ts + 1; i + 1 < c->nt; i++)
    {
      int a, b;

      if (!tok_num (c, i) || !tok_num (c, i + 1) || !gap_tight_dash (c, i + 1))
        continue;
      /* one digit only for a fansub batch from the first episode:
       * "[Grp] Title 1-13 [BD 720p]" */
      if ((c->t[i].ndig < 2 && !(c->anime && c->t[i].num == 1)) || c->t[i].ndig > 4 || c->t[i + 1].ndig > 4)
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

gboolean
mml_parser_is_stop_token (const Ctx *c,
                          int        i)
{
  const char *p = tp (c, i);
  int n = tl (c, i);

  return mml_parser_tok_is_res (c, i) || mml_parser_token_wxh (p, n) != 0
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

gboolean
mml_parser_try_bare_number (Ctx            *c,
                            MmlParseResult *out,
                            Mark           *m)
{
  int i, best = -1, any = -1, first_real = -1;
  gboolean prefer_abs = c->anime || (c->flags & MML_PARSE_PREFER_ABSOLUTE);

  for (i = c->ts; i < c->nt; i++)
    {
      if (mml_parser_is_stop_token (c, i))
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
void
mml_parser_anime_absolute_extras (Ctx            *c,
                                  MmlParseResult *out,
                                  Mark           *m)
{
  int i;
  Mark dm;
  MmlParseResult *tmp = out;

  if (m->next < c->nt && gap_plain (c, m->next) && tok_num (c, m->next)
      && c->t[m->next].ndig <= 4 && c->t[m->next].ndig >= 2 && !is_year ((int) c->t[m->next].num))
    add_abs (out, (int) c->t[m->next].num);

  i = mml_parser_tok_at_or_after (c, m->start);
  {
    guint before = tmp->n_absolute;
    gboolean sp = tmp->special;

    if (mml_parser_try_dash_number (c, tmp, c->ts, i, &dm))
      {
        m->start = dm.start;
        tmp->special = sp || (tmp->special && tmp->n_absolute == before && FALSE);
        if (tmp->n_absolute == before)
          tmp->special = sp;
      }
  }
}

/* ------------------------------------------------------ bracket-only names */

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

gboolean
mml_parser_parse_bracket_name (Ctx            *c,
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
    mml_parser_copy_title (out, p + s, e - s);
  }
  c->title_e = -2;   /* title set already */
  c->mk_tok = mml_parser_tok_at_or_after (c, br_s[ep]);
  return TRUE;
}
