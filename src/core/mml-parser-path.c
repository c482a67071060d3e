/* mml-parser-path.c — folder context of a path (series folder, season folder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

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
      mml_parser_result_init (out);
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
      mml_parser_result_init (out);
      return;
    }

  mml_parser_parse_ctx (&c, path + comp_s[0], comp_e[0] - comp_s[0], flags, out);
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

          mml_parser_parse_ctx (c2, path + comp_s[1], comp_e[1] - comp_s[1], flags, tmp);
          if (result_strong (tmp) && c2->strong)
            {
              int res = out->resolution, ep = -1;

              /* "Show.S02.1080p-GRP/Episode 05.mkv", "…/05.mkv": the pack names the season */
              if (tmp->full_season && tmp->season >= 0 && out->parsed && !(flags & MML_PARSE_PREFER_ABSOLUTE))
                {
                  if (out->n_episodes == 1 && out->season < 0)
                    ep = out->episodes[0];
                  else if (out->n_absolute == 1 && out->n_episodes == 0)
                    ep = out->absolute[0];
                }
              else if (tmp->full_season && tmp->season >= 0 && lead_num > 0 && c.ts + 1 >= c.nt)
                ep = lead_num;
              *out = *tmp;
              if (out->resolution == 0)
                out->resolution = res;
              if (ep > 0)
                {
                  out->full_season = FALSE;
                  out->n_episodes = 0;
                  add_ep (out, ep);
                }
              return;
            }
        }
      if (season >= 0)
        {
          if (lead_num >= 0 && !(flags & MML_PARSE_PREFER_ABSOLUTE))
            {
              /* "Season 2/16 - 12 Some Title.avi", "Season 1/02-03 - blah.avi" */
              int last = lead_num, ti = c.ts;

              mml_parser_clear_markers (out);
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
                {
                  int v = out->absolute[a];

                  /* "Season 3/Show - 317 - Title": compact season + episode */
                  if (v >= 100 && v < 10000 && v / 100 == season && v % 100 > 0 && out->n_absolute == 1)
                    v %= 100;
                  add_ep (out, v);
                }
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

      mml_parser_parse_ctx (c2, path + comp_s[series], comp_e[series] - comp_s[series], flags, tmp);
      if (tmp->title[0] != '\0')
        {
          memcpy (out->title, tmp->title, sizeof out->title);
          if (out->year == 0)
            out->year = tmp->year;
        }
    }
}
