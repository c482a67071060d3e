/* mml-parser-episode.c — S01E02, 1x02, season words, E07 and part markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

/* ------------------------------------------------------------ markers */

/* "S01E02", "s1e1e2", "S01EP01", "S06E01b", "S2014" (season only) at p */
gboolean
mml_parser_scan_se (const char *p,
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
gboolean
mml_parser_scan_nxn (const char *p,
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
gboolean
mml_parser_scan_e (const char *p,
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
  if (*digits > 0 && k + 1 < n && k + 3 >= n && (p[k] == 'v' || p[k] == 'V'))
    {
      int ver;

      k++;   /* "E05v2" */
      return read_digits (p, n, &k, 2, &ver) > 0 && k == n;
    }
  return *digits > 0 && k == n;
}

gboolean
mml_parser_tok_scan_se (const Ctx *c,
                        int        i,
                        SeTok     *se)
{
  return i < c->nt && mml_parser_scan_se (tp (c, i), tl (c, i), se) && se->neps > 0;
}

static gboolean
tok_scan_e (const Ctx *c,
            int        i,
            int       *v)
{
  int d;
  gboolean ep;

  return i < c->nt && mml_parser_scan_e (tp (c, i), tl (c, i), v, &d, &ep);
}

/* The episode half of a split marker, after "S03" or "Season 3":
 * "E01", "EP01", "E01v2", "x01", "Ep 01", "Episode 1", "Folge 1" … */
static gboolean
episode_part (const Ctx *c,
              int        j,
              int       *v,
              int       *next)
{
  const char *p;
  int n, k = 1;

  if (j >= c->nt)
    return FALSE;
  p = tp (c, j);
  n = tl (c, j);
  if (tok_scan_e (c, j, v))
    {
      *next = j + 1;
      return TRUE;
    }
  if (n >= 2 && (p[0] == 'x' || p[0] == 'X') && read_digits (p, n, &k, 3, v) > 0 && k == n)
    {
      *next = j + 1;
      return TRUE;
    }
  if (c->t[j].kind == TK_ALPHA && mml_parser_vocab_episode (p, n) && j + 1 < c->nt
      && gap_sep (c, j + 1) && tok_num (c, j + 1) && c->t[j + 1].ndig <= 4)
    {
      *v = (int) c->t[j + 1].num;
      *next = j + 2;
      return TRUE;
    }
  return FALSE;
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
/* " & ", "+", " + ": one joining sign between blanks ("S03E01 & S03E02",
 * "S03E01+E02") */
static gboolean
gap_joiner (const Ctx *c,
            int        i)
{
  const char *p;
  int len, k, signs = 0;

  gap_of (c, i, &p, &len);
  for (k = 0; k < len; k++)
    {
      if (p[k] == '&' || p[k] == '+')
        signs++;
      else if (p[k] != ' ' && p[k] != '.' && p[k] != '_')
        return FALSE;
    }
  return signs == 1;
}

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
              || (mml_parser_tok_scan_se (c, j, &se) && se.season == season && (v = se.eps[0], TRUE))
              || (mml_parser_scan_nxn (tp (c, j), tl (c, j), &se) && se.season == season
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
      if (gap_plain (c, j) || gap_joiner (c, j))
        {
          if (tok_scan_e (c, j, &v) && v > last)
            {
              add_ep (out, v);
              j++;
              continue;
            }
          if ((mml_parser_tok_scan_se (c, j, &se) || mml_parser_scan_nxn (tp (c, j), tl (c, j), &se))
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
  const char *p = tp (c, i);
  int n = tl (c, i), v, next;

  if (mml_parser_vocab_season (p, n, glued_value) > 0)
    return TRUE;
  /* Dutch "Se.3 afl.3" */
  if (mml_parser_word_eq (p, n, "se") && i + 2 < c->nt
      && (tok_is (c, i + 2, "afl") || tok_is (c, i + 2, "aflevering")))
    return TRUE;
  /* British "Show - Series 2", "Show Series 2 Episode 4" */
  if (mml_parser_word_eq (p, n, "series") && i > 0
      && (gap_dash_spaced (c, i)
          || (tok_num (c, i + 1) && gap_plain (c, i + 1) && gap_sep (c, i + 2)
              && episode_part (c, i + 2, &v, &next))))
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
  if (c->t[j].kind == TK_ALPHA && mml_parser_vocab_episode (tp (c, j), tl (c, j)) && !tok_is (c, j, "cap")
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
  if (mml_parser_scan_e (tp (c, j), tl (c, j), &v, &d, &ep))
    {
      add_ep (out, v);
      *next = j + 1;
      return TRUE;
    }
  return FALSE;
}

/* an episode word or E-token starts at j */
static gboolean
episode_word_at_peek (const Ctx *c,
                      int        j)
{
  int v, next;

  return episode_part (c, j, &v, &next) || (j < c->nt && mml_parser_vocab_episode (tp (c, j), tl (c, j)));
}

/* S01E02 family, including the mid-word "grp-zoos01e11" */
gboolean
mml_parser_try_se (Ctx            *c,
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
  if (mml_parser_scan_se (p, n, &se))
    se.split = 0;
  else if (c->t[i].kind != TK_NUM)
    {
      for (k = 1; k + 3 < n; k++)
        {
          if ((p[k] == 's' || p[k] == 'S') && g_ascii_isalpha (p[k - 1])
              && mml_parser_scan_se (p + k, n - k, &se) && se.neps > 0)
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
          int v, next;
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
          if (gap_dash_spaced (c, j) && c->t[j].kind == TK_ALPHA && mml_parser_vocab_episode (tp (c, j), tl (c, j)))
            return FALSE;    /* "Title S2 - Episode 4" */
          if (gap_sep (c, j) && episode_part (c, j, &v, &next))
            {
              /* "S01.E01", "S02 - E06", "S42 Ep10718", "S03-E01", "s03.x01", "S01 Ep 05" */
              out->season = se.season;
              add_ep (out, v);
              m->start = c->t[i].s;
              j = continue_episodes (c, next, se.season, out);
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
                  || (mml_parser_scan_se (tp (c, j), tl (c, j), &s2) && s2.neps == 0 && s2.season > se.season)))
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

gboolean
mml_parser_try_nxn (Ctx            *c,
                    int             i,
                    MmlParseResult *out,
                    Mark           *m)
{
  SeTok se;
  int k;

  if (c->t[i].kind != TK_MIXED || !mml_parser_scan_nxn (tp (c, i), tl (c, i), &se))
    return FALSE;
  out->season = se.season;
  for (k = 0; k < se.neps; k++)
    add_ep (out, se.eps[k]);
  m->start = c->t[i].s;
  /* "Show - Episode 2x03" */
  if (i > c->ts && gap_plain (c, i) && c->t[i - 1].kind == TK_ALPHA
      && mml_parser_vocab_episode (tp (c, i - 1), tl (c, i - 1)))
    m->start = c->t[i - 1].s;
  m->next = continue_episodes (c, i + 1, se.season, out);
  c->strong = TRUE;
  return TRUE;
}

gboolean
mml_parser_try_season_word (Ctx            *c,
                            int             i,
                            MmlParseResult *out,
                            Mark           *m)
{
  int glued, season, j, k, start = c->t[i].s, roman;
  gboolean ordinal = FALSE;

  if (c->t[i].kind == TK_MIXED && !c->anime && i + 1 < c->nt && gap_plain (c, i + 1)
      && (season = mml_parser_vocab_ordinal (tp (c, i), tl (c, i))) > 0
      && is_season_word (c, i + 1, &glued) && glued < 0)
    {
      /* "Show 2nd Season Episode 4", "Show - 3rd Season - 05" */
      ordinal = TRUE;
      j = i + 2;
    }
  else if (c->t[i].kind == TK_NUM || !is_season_word (c, i, &glued))
    return FALSE;
  else if (glued >= 0)
    {
      season = glued;
      j = i + 1;
    }
  else if (i + 1 < c->nt && gap_plain (c, i + 1) && c->t[i + 1].kind == TK_ALPHA
           && (roman = mml_parser_vocab_roman (tp (c, i + 1), tl (c, i + 1))) > 0
           && (i + 2 >= c->nt || !gap_plain (c, i + 2) || episode_word_at_peek (c, i + 2)))
    {
      /* "Season IV Episode 2" */
      season = roman;
      j = i + 2;
    }
  else
    {
      if (i + 1 >= c->nt || !gap_plain (c, i + 1) || !tok_num (c, i + 1) || c->t[i + 1].ndig > 4)
        return FALSE;
      season = (int) c->t[i + 1].num;
      j = i + 2;
    }

  /* "[Grp] Title Season 2 - 05": anime keep the season in the title, the number is absolute */
  if (c->anime && j < c->nt && gap_dash_spaced (c, j) && tok_num (c, j) && c->t[j].ndig <= 4)
    return FALSE;

  /* "Show - Complete Season 2" */
  if (i > c->ts && tok_is (c, i - 1, "complete") && gap_sep (c, i))
    start = c->t[i - 1].s;
  m->start = start;
  c->strong = TRUE;

  /* "Show - 2nd Season - 05", "Show Season 2 - 07": an episode after a spaced dash */
  if (j < c->nt && gap_dash_spaced (c, j) && tok_num (c, j) && c->t[j].ndig <= 4
      && (ordinal || (c->t[j].ndig >= 2 && c->w[c->t[j].s] == '0') || c->t[j].num > 30)
      && (j + 1 >= c->nt || !gap_tight_dash (c, j + 1)))
    {
      out->season = season;
      add_ep (out, (int) c->t[j].num);
      m->next = j + 1;
      return TRUE;
    }

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
      Mark found = { 0, 0 };

      if (mml_parser_tok_scan_se (c, k, &se) || (mml_parser_scan_se (tp (c, k), tl (c, k), &se) && se.neps == 0))
        {
          /* "Show Season 2 - S02E03", "Show (Season 2) S02E03": the
           * marker that names the episode wins; the title ends before
           * the season word */
          if (se.neps > 0 && (se.season == season || se.season < 0)
              && mml_parser_try_se (c, k, out, &found))
            {
              m->next = found.next;
              return TRUE;
            }
          mml_parser_clear_markers (out);
          break;
        }
      if (c->t[k].kind != TK_ALPHA && mml_parser_try_nxn (c, k, out, &found))
        {
          /* "Show - Season 02 - 2x05" */
          if (out->season == season && out->n_episodes > 0)
            {
              m->next = found.next;
              return TRUE;
            }
          mml_parser_clear_markers (out);
          break;
        }
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
gboolean
mml_parser_try_cap (Ctx            *c,
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

/* "E07", "EP06", "Episode 4", "Episodio 13", "ep11" */
gboolean
mml_parser_try_eonly (Ctx            *c,
                      int             i,
                      MmlParseResult *out,
                      Mark           *m)
{
  int v = 0, d = 0, j;
  gboolean ep = FALSE, absolute;

  if (mml_parser_scan_e (tp (c, i), tl (c, i), &v, &d, &ep))
    j = i + 1;
  else if (c->t[i].kind == TK_ALPHA && mml_parser_vocab_episode (tp (c, i), tl (c, i)) && !tok_is (c, i, "cap")
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

          if (mml_parser_scan_e (tp (c, j), tl (c, j), &v2, &d2, &ep2) && range_ok (v, v2))
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

/* "Part 2", "Part01", "Pt.3" of a mini-series */
gboolean
mml_parser_try_part (Ctx            *c,
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
