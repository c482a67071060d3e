/* mml-parser-tags.c — resolution and language words of a release name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

/* "720p", "1080i", "BD720p", "4Kto1080p", "1080p60": the resolution it names, or 0 */
int
mml_parser_token_resolution (const char *p,
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

gboolean
mml_parser_tok_is_res (const Ctx *c,
                       int        i)
{
  return mml_parser_token_resolution (tp (c, i), tl (c, i)) != 0;
}

/* "1280x720" → its resolution bucket */
int
mml_parser_token_wxh (const char *p,
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

/* ------------------------------------------------------ quality & language */

void
mml_parser_find_resolution (Ctx            *c,
                            MmlParseResult *out)
{
  int i, explicit_res = 0, wxh = 0, k4 = 0, fhd = 0, uhd = 0;
  gboolean bluray = FALSE, remux = FALSE, sd = FALSE, hdtv = FALSE, hdtv720 = FALSE;
  gboolean mpeg2 = FALSE, hr = FALSE, mkv = FALSE, web = FALSE, rip = FALSE;

  for (i = 0; i < c->nt; i++)
    {
      const char *p = tp (c, i);
      int n = tl (c, i), r;

      if ((r = mml_parser_token_resolution (p, n)) != 0)
        {
          if (explicit_res == 0)
            explicit_res = r;
          continue;
        }
      if ((r = mml_parser_token_wxh (p, n)) != 0)
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

void
mml_parser_find_languages (Ctx            *c,
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

/* The language a sidecar's tags name ("EN", "eng", "English"; lower-case "en" is too weak) */
void
mml_parser_sidecar_languages (const Ctx      *c,
                              MmlParseResult *out)
{
  int k = 0;

  while (k < c->side_n)
    {
      int s = k;
      const char *code = NULL;

      while (k < c->side_n && c->side[k] != ' ')
        k++;
      if (k > s && mml_parser_release_language (c->side + s, k - s, &code) != MML_LANG_HIT_NONE
          && code != NULL)
        add_lang (out, code);
      k++;
    }
}
