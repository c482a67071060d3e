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

/* ------------------------------------------------------------ normalising */

/* ".en", ".eng", ".forced", ".sdh", ".English" before a sidecar's extension */
static gboolean
sidecar_tag (const char *p,
             int         n)
{
  const char *code;

  if (mml_parser_word_eq (p, n, "forced") || mml_parser_word_eq (p, n, "sdh")
      || mml_parser_word_eq (p, n, "hi") || mml_parser_word_eq (p, n, "cc")
      || mml_parser_word_eq (p, n, "default") || mml_parser_word_eq (p, n, "full"))
    return TRUE;
  if (n == 2 && g_ascii_islower (p[0]) && g_ascii_islower (p[1]))
    return mml_parse_language_code (p, n) != NULL;
  return n >= 3 && mml_parser_release_language (p, n, &code) != MML_LANG_HIT_NONE;
}

static void
strip_ext (Ctx *c)
{
  int k, res = 0;

  for (k = c->n - 1; k > 0 && c->n - k <= 6; k--)
    {
      if (c->w[k] == '.')
        {
          const char *ext = c->w + k + 1;
          int el = c->n - k - 1, tags;

          if (el == 3 && mml_parser_word_eq (ext, 3, "nfo"))
            {
              c->n = k;   /* a release's .nfo is named like the release */
              return;
            }
          if (!mml_parser_known_ext (ext, el, &res))
            return;
          c->n = k;
          c->ext_res = res;
          if (mml_is_subtitle_ext (c->w) || (el == 3 && mml_parser_word_eq (ext, 3, "idx")))
            {
              /* a sidecar: drop its language and flag tags, "Show.S01E02-GRP.en.forced" */
              for (tags = 0; tags < 3; tags++)
                {
                  int q = c->n;

                  while (q > 0 && g_ascii_isalpha (c->w[q - 1]) && c->n - q <= 10)
                    q--;
                  if (q <= 1 || q == c->n || c->w[q - 1] != '.' || !sidecar_tag (c->w + q, c->n - q))
                    break;
                  if (c->side_n + (c->n - q) + 1 < (int) sizeof c->side)
                    {
                      memcpy (c->side + c->side_n, c->w + q, c->n - q);
                      c->side_n += c->n - q;
                      c->side[c->side_n++] = ' ';
                    }
                  c->n = q - 1;
                }
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

int
mml_parser_tok_at_or_after (const Ctx *c,
                            int        byte)
{
  int i;

  for (i = 0; i < c->nt; i++)
    if (c->t[i].s >= byte)
      return i;
  return c->nt;
}

/* ------------------------------------------------------------------ driver */

void
mml_parser_result_init (MmlParseResult *out)
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

void
mml_parser_clear_markers (MmlParseResult *out)
{
  out->season = -1;
  out->n_episodes = 0;
  out->n_absolute = 0;
  out->air_year = out->air_month = out->air_day = 0;
  out->full_season = FALSE;
  out->special = FALSE;
}

void
mml_parser_parse_ctx (Ctx            *c,
                      const char     *name,
                      gsize           len,
                      MmlParseFlags   flags,
                      MmlParseResult *out)
{
  Mark m = { 0, 0 };
  int i, lang_from;
  gboolean found = FALSE;

  mml_parser_result_init (out);
  c->flags = flags;
  c->ext_res = 0;
  c->anime = c->date_prefix = c->crap = c->strong = FALSE;
  c->season_implied = c->abs_guess = FALSE;
  c->title_e = -1;
  c->mk_tok = -1;
  c->lead_num = -1;
  c->side_n = 0;

  normalize (c, name, len);
  tokenize (c);
  mml_parser_find_title_start (c);
  if (c->ts < c->nt && c->t[c->ts].kind == TK_NUM && c->t[c->ts].ndig <= 3)
    c->lead_num = (int) c->t[c->ts].num;

  if (c->anime && mml_parser_parse_bracket_name (c, out))
    {
      found = TRUE;
      m.next = c->mk_tok;
    }

  for (i = c->ts; !found && i < c->nt; i++)
    {
      if (mml_parser_try_se (c, i, out, &m) || mml_parser_try_nxn (c, i, out, &m) || mml_parser_try_season_word (c, i, out, &m)
          || mml_parser_try_cap (c, i, out, &m) || mml_parser_try_date (c, i, out, &m) || mml_parser_try_eonly (c, i, out, &m))
        found = TRUE;
      else if (c->crap)
        break;
      else
        {
          /* a failed attempt may have written partial data */
          mml_parser_clear_markers (out);
        }
    }
  if (found && c->anime && c->strong && out->n_episodes > 0)
    mml_parser_anime_absolute_extras (c, out, &m);
  if (!found && !c->crap)
    {
      mml_parser_clear_markers (out);
      if (mml_parser_try_dash_number (c, out, c->ts, c->nt, &m) || mml_parser_try_abs_range (c, out, &m)
          || mml_parser_try_part (c, out, &m) || mml_parser_try_bare_number (c, out, &m))
        found = TRUE;
      else
        mml_parser_clear_markers (out);
    }

  if (found && c->title_e != -2)
    {
      c->title_e = m.start;
      for (i = c->ts + 1; i < c->nt && c->t[i].s < c->title_e; i++)
        {
          if (c->t[i].depth > 0 && mml_parser_is_stop_token (c, i))
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
    mml_parser_finish_title (c, out, c->title_s, c->title_e);
  else
    mml_parser_finish_title (c, out, c->title_s, mml_parser_plain_title_end (c));

  if (out->season == 0 || (out->n_episodes > 0 && out->episodes[0] == 0 && out->season >= 0))
    out->special = TRUE;

  if (found && !c->crap && out->title[0] != '\0' && mml_parser_looks_hashed (out->title, (int) strlen (out->title)))
    c->crap = TRUE;
  if (!found && mml_parser_looks_hashed (c->w, c->n))
    out->title[0] = '\0';

  if (c->crap)
    {
      mml_parser_clear_markers (out);
      found = FALSE;
    }
  out->parsed = found && (out->season >= 0 || out->n_episodes > 0 || out->n_absolute > 0
                          || out->air_year > 0 || out->full_season || out->special);

  mml_parser_find_group (c, out);
  mml_parser_find_resolution (c, out);
  lang_from = found ? mml_parser_tok_at_or_after (c, MAX (m.start, 0)) : c->ts;
  if (found && c->title_e == -2)
    lang_from = c->mk_tok;
  mml_parser_find_languages (c, out, lang_from);
  if (c->side_n > 0)
    mml_parser_sidecar_languages (c, out);
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
      mml_parser_result_init (out);
      return;
    }
  mml_parser_parse_ctx (&c, name, len < 0 ? strlen (name) : (gsize) len, flags, out);
}
