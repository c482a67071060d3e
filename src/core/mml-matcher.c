/* mml-matcher.c — series matching: normalisation, similarity, scoring, decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-matcher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "mml-matcher.h"
#include "mml-series-folder.h"

/* Titles longer than this are compared on their first MAX_CHARS characters. */
#define MAX_CHARS 200

/* Score adjustments on top of the title similarity. Bonuses are small: they
 * separate equally named shows, they do not turn a weak title into a match. */
#define YEAR_EXACT_BONUS      0.03
#define YEAR_NEAR_PENALTY     0.05   /* off by one: premieres differ by country */
#define YEAR_FAR_PENALTY      0.25
#define YEAR_MISSING_PENALTY  0.12   /* a year in the folder name is a strong hint */
#define COUNTRY_BONUS         0.03
#define COUNTRY_PENALTY       0.30
#define COUNTRY_MISSING_PENALTY 0.05
#define DISK_AGREE_BONUS      0.02
#define SEASONS_PENALTY       0.15
#define EPISODES_PENALTY      0.10
#define ID_CONFLICT_PENALTY   0.50

/* --- query ------------------------------------------------------------- */

MmlMatchQuery *
mml_match_query_new (const char *title,
                     int         year)
{
  MmlMatchQuery *q = g_new0 (MmlMatchQuery, 1);
  int title_year = 0;

  mml_matcher_split_title (title != NULL ? title : "", &q->title, &title_year, &q->country);
  q->year = year > 0 ? year : title_year;
  return q;
}

MmlMatchQuery *
mml_match_query_new_from_folder (const char *folder_name)
{
  MmlSeriesFolder folder;
  g_autofree char *valid = NULL;
  MmlMatchQuery *q;

  g_return_val_if_fail (folder_name != NULL, NULL);

  valid = g_utf8_make_valid (folder_name, -1);
  mml_series_folder_parse (valid, -1, &folder);
  q = mml_match_query_new (folder.title, folder.year);
  q->tvdb_id = folder.tvdb_id;
  q->tmdb_id = folder.tmdb_id;
  q->tvmaze_id = folder.tvmaze_id;
  q->imdb_id = folder.imdb_id[0] != '\0' ? g_strdup (folder.imdb_id) : NULL;
  return q;
}

void
mml_match_query_free (MmlMatchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->title);
  g_free (query->country);
  g_free (query->imdb_id);
  g_free (query);
}

gboolean
mml_match_query_has_ids (const MmlMatchQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return query->tvmaze_id > 0 || query->tvdb_id > 0 || query->tmdb_id > 0
         || (query->imdb_id != NULL && query->imdb_id[0] != '\0');
}

/* --- normalisation ----------------------------------------------------- */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x00B4 || c == 0x02BC;
}

/* Diacritics are dropped only from scripts where they are accents; in
 * other scripts a combining mark can be part of the letter. */
static gboolean
script_has_accents (GUnicodeScript script)
{
  return script == G_UNICODE_SCRIPT_LATIN || script == G_UNICODE_SCRIPT_GREEK
         || script == G_UNICODE_SCRIPT_CYRILLIC || script == G_UNICODE_SCRIPT_COMMON;
}

static void
append_letter (GString  *out,
               gunichar  c)
{
  if (c < 0x80)
    {
      g_string_append_c (out, (char) c);
      return;
    }
  if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN)
    {
      /* ø, æ, ł, đ have no decomposition: transliterate them, the plain
       * way ("Krøniken" is typed "Kroniken", not "Kroeniken"). */
      static const struct { gunichar c; const char *ascii; } plain[] = {
        { 0x00F8, "o" }, { 0x00E6, "ae" }, { 0x0153, "oe" }, { 0x00DF, "ss" },
        { 0x0142, "l" }, { 0x0111, "d" }, { 0x00F0, "d" }, { 0x00FE, "th" },
        { 0x0131, "i" }, { 0x0127, "h" }, { 0x0167, "t" },
      };
      char utf8[8];
      g_autofree char *ascii = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
        if (plain[i].c == c)
          {
            g_string_append (out, plain[i].ascii);
            return;
          }
      utf8[g_unichar_to_utf8 (c, utf8)] = '\0';
      ascii = g_str_to_ascii (utf8, "C");
      if (ascii != NULL && ascii[0] != '\0' && strchr (ascii, '?') == NULL)
        {
          for (char *p = ascii; *p != '\0'; p++)
            g_string_append_c (out, g_ascii_tolower (*p));
          return;
        }
    }
  g_string_append_unichar (out, c);
}

char *
mml_matcher_normalize_title (const char *title)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *nfkd = NULL;
  g_autoptr(GString) out = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GString) joined = NULL;
  GUnicodeScript last_script = G_UNICODE_SCRIPT_COMMON;
  guint first = 0;
  guint count = 0;

  if (title == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (title, -1);
  folded = g_utf8_casefold (valid, -1);
  nfkd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (nfkd == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = nfkd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK)
        {
          if (!script_has_accents (last_script))
            g_string_append_unichar (out, c);
          continue;
        }
      if (type == G_UNICODE_SPACING_MARK)
        {
          g_string_append_unichar (out, c);
          continue;
        }
      if (c == '&')
        {
          g_string_append (out, " and ");
          continue;
        }
      /* "Grey's", "S.H.I.E.L.D.": join, do not split */
      if (is_apostrophe (c) || c == '.')
        continue;
      if (g_unichar_isalnum (c))
        {
          last_script = g_unichar_get_script (c);
          append_letter (out, c);
          continue;
        }
      g_string_append_c (out, ' ');
      last_script = G_UNICODE_SCRIPT_COMMON;
    }

  tokens = g_strsplit (out->str, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (tokens[i][0] != '\0')
      count++;
  joined = g_string_new (NULL);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] == '\0')
        continue;
      if (first == 0 && count > 1
          && (strcmp (tokens[i], "the") == 0 || strcmp (tokens[i], "a") == 0
              || strcmp (tokens[i], "an") == 0))
        {
          first++;
          continue;
        }
      first++;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, tokens[i]);
    }

  /* Recompose what NFKD took apart in scripts we kept (Hangul, kana). */
  return g_utf8_normalize (joined->str, -1, G_NORMALIZE_NFC);
}

/* "US", "UK" → "GB", other two letters upper-cased; NULL if not a country. */
static char *
country_code (const char *text,
              gsize       len)
{
  if (len != 2 || !g_ascii_isalpha (text[0]) || !g_ascii_isalpha (text[1]))
    return NULL;
  if (g_ascii_strncasecmp (text, "uk", 2) == 0)
    return g_strdup ("GB");
  return g_ascii_strup (text, 2);
}

void
mml_matcher_split_title (const char  *title,
                         char       **base,
                         int         *year,
                         char       **country)
{
  g_autofree char *buf = NULL;
  g_autofree char *code = NULL;
  int found_year = 0;
  gboolean again = TRUE;

  buf = g_utf8_make_valid (title != NULL ? title : "", -1);
  g_strstrip (buf);

  /* Qualifiers come at the end, in either order: "Show (US) (2005)". */
  while (again)
    {
      gsize n = strlen (buf);
      char *open;

      again = FALSE;
      if (n < 3 || buf[n - 1] != ')' || (open = strrchr (buf, '(')) == NULL || open == buf)
        break;
      if (found_year == 0 && buf + n - open == 6 && g_ascii_isdigit (open[1])
          && g_ascii_isdigit (open[2]) && g_ascii_isdigit (open[3]) && g_ascii_isdigit (open[4]))
        {
          int y = atoi (open + 1);

          if (y >= 1900 && y <= 2100)
            {
              found_year = y;
              *open = '\0';
              g_strstrip (buf);
              again = TRUE;
            }
        }
      else if (code == NULL && buf + n - open == 4 && (code = country_code (open + 1, 2)) != NULL)
        {
          *open = '\0';
          g_strstrip (buf);
          again = TRUE;
        }
    }

  /* A bare trailing "US"/"UK" ("The Office US") after a longer title. */
  if (code == NULL)
    {
      gsize n = strlen (buf);

      if (n > 4 && (buf[n - 3] == ' ' || buf[n - 3] == '.')
          && (g_ascii_strcasecmp (buf + n - 2, "US") == 0 || g_ascii_strcasecmp (buf + n - 2, "UK") == 0)
          && g_ascii_isupper (buf[n - 2]) && g_ascii_isupper (buf[n - 1]))
        {
          code = country_code (buf + n - 2, 2);
          buf[n - 3] = '\0';
          g_strstrip (buf);
        }
    }

  if (base != NULL)
    *base = g_steal_pointer (&buf);
  if (year != NULL)
    *year = found_year;
  if (country != NULL)
    *country = g_steal_pointer (&code);
}

/* --- similarity -------------------------------------------------------- */

static gunichar *
to_ucs4 (const char *s,
         glong      *len)
{
  gunichar *u = g_utf8_to_ucs4_fast (s, -1, len);

  if (*len > MAX_CHARS)
    *len = MAX_CHARS;
  return u;
}

static double
levenshtein_ratio (const char *a,
                   const char *b)
{
  glong la, lb;
  g_autofree gunichar *ua = to_ucs4 (a, &la);
  g_autofree gunichar *ub = to_ucs4 (b, &lb);
  g_autofree guint *row = NULL;
  glong longest = MAX (la, lb);

  if (longest == 0)
    return 0.0;

  row = g_new (guint, lb + 1);
  for (glong j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint best = diag + (ua[i - 1] == ub[j - 1] ? 0 : 1);

          best = MIN (best, up + 1);
          best = MIN (best, row[j - 1] + 1);
          diag = up;
          row[j] = best;
        }
    }
  return 1.0 - (double) row[lb] / (double) longest;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_tokens (const char *s)
{
  g_auto(GStrv) tokens = g_strsplit (s, " ", -1);

  qsort (tokens, g_strv_length (tokens), sizeof (char *), compare_strings);
  return g_strjoinv (" ", tokens);
}

static char *
without_spaces (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s != '\0'; s++)
    if (*s != ' ')
      g_string_append_c (out, *s);
  return g_string_free (out, FALSE);
}

/* Similarity of two normalised titles. */
static double
normalized_similarity (const char *a,
                       const char *b)
{
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;
  double best;

  if (a[0] == '\0' || b[0] == '\0')
    return 0.0;
  if (strcmp (a, b) == 0)
    return 1.0;

  best = levenshtein_ratio (a, b);
  /* the same words in another order ("Law and Order SVU" / "SVU Law and Order") */
  sa = sorted_tokens (a);
  sb = sorted_tokens (b);
  best = MAX (best, 0.95 * levenshtein_ratio (sa, sb));
  /* split or joined words ("Mr.Robot", "Spider Man" / "Spiderman") */
  ja = without_spaces (a);
  jb = without_spaces (b);
  if (strcmp (ja, jb) == 0)
    best = MAX (best, 0.98);
  return best;
}

double
mml_matcher_title_similarity (const char *a,
                              const char *b)
{
  g_autofree char *na = mml_matcher_normalize_title (a);
  g_autofree char *nb = mml_matcher_normalize_title (b);

  return normalized_similarity (na, nb);
}

/* --- scoring ----------------------------------------------------------- */

static gboolean
imdb_equal (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

/* An id in the folder name decides: TRUE with *agree set when the candidate
 * carries the same kind of id. */
static gboolean
check_ids (const MmlMatchQuery *q,
           MmlMetaSeries       *s,
           gboolean            *agree,
           const char         **which)
{
  if (q->tvmaze_id > 0 && s->tvmaze_id > 0)
    {
      *agree = q->tvmaze_id == s->tvmaze_id;
      *which = "TVmaze";
      return TRUE;
    }
  if (q->tvdb_id > 0 && s->tvdb_id > 0)
    {
      *agree = q->tvdb_id == s->tvdb_id;
      *which = "TheTVDB";
      return TRUE;
    }
  if (q->imdb_id != NULL && s->imdb_id != NULL)
    {
      *agree = imdb_equal (q->imdb_id, s->imdb_id);
      *which = "IMDb";
      return TRUE;
    }
  if (q->tmdb_id > 0 && s->tmdb_id > 0)
    {
      *agree = q->tmdb_id == s->tmdb_id;
      *which = "TMDB";
      return TRUE;
    }
  return FALSE;
}

double
mml_matcher_score (const MmlMatchQuery *q,
                   MmlMetaCandidate    *c)
{
  MmlMetaSeries *s;
  g_autofree char *nq = NULL;
  g_autofree char *cand_base = NULL;
  g_autofree char *cand_country = NULL;
  g_autofree char *nc = NULL;
  const char *best_title;
  const char *country;
  gboolean id_agree = FALSE;
  const char *id_kind = NULL;
  double title_sim;
  double score;
  int cand_year = 0;
  int year;

  g_return_val_if_fail (q != NULL, 0.0);
  g_return_val_if_fail (c != NULL, 0.0);

  s = c->series;
  /* The reasons are shown beside each candidate, in the user's language */
  g_ptr_array_set_size (c->reasons, 0);

  if (check_ids (q, s, &id_agree, &id_kind))
    {
      if (id_agree)
        {
          /* Translators: a match reason; %s is a site, "TheTVDB" */
          mml_meta_candidate_add_reason (c, _("%s id in the folder name"), id_kind);
          c->score = 1.0;
          return c->score;
        }
    }

  /* Title, best over the main title and the AKAs. */
  nq = mml_matcher_normalize_title (q->title);
  mml_matcher_split_title (s->title, &cand_base, &cand_year, &cand_country);
  nc = mml_matcher_normalize_title (cand_base);
  title_sim = normalized_similarity (nq, nc);
  best_title = s->title;
  for (guint i = 0; s->akas != NULL && i < s->akas->len && title_sim < 1.0; i++)
    {
      MmlMetaAka *aka = g_ptr_array_index (s->akas, i);
      g_autofree char *aka_base = NULL;
      g_autofree char *na = NULL;
      double sim;

      mml_matcher_split_title (aka->name, &aka_base, NULL, NULL);
      na = mml_matcher_normalize_title (aka_base);
      sim = normalized_similarity (nq, na);
      if (sim > title_sim)
        {
          title_sim = sim;
          best_title = aka->name;
        }
    }
  score = title_sim;
  if (best_title == s->title)
    /* Translators: a match reason: how alike the titles are, 0.00 to 1.00 */
    mml_meta_candidate_add_reason (c, _("title %.2f"), title_sim);
  else
    mml_meta_candidate_add_reason (c, _("title %.2f (also known as “%s”)"), title_sim, best_title);

  /* Year. */
  year = s->year > 0 ? s->year : cand_year;
  if (q->year > 0)
    {
      if (year <= 0)
        {
          score -= YEAR_MISSING_PENALTY;
          mml_meta_candidate_add_reason (c, _("no year to compare with %d"), q->year);
        }
      else if (year == q->year)
        {
          score += YEAR_EXACT_BONUS;
          mml_meta_candidate_add_reason (c, _("year %d"), year);
        }
      else if (ABS (year - q->year) == 1)
        {
          score -= YEAR_NEAR_PENALTY;
          /* Translators: a match reason: the show's year, then the folder's */
          mml_meta_candidate_add_reason (c, _("year %d, folder says %d"), year, q->year);
        }
      else
        {
          score -= YEAR_FAR_PENALTY;
          mml_meta_candidate_add_reason (c, _("year %d, folder says %d"), year, q->year);
        }
    }

  /* Country qualifier. */
  country = s->country != NULL ? s->country : cand_country;
  if (q->country != NULL)
    {
      if (country == NULL)
        {
          score -= COUNTRY_MISSING_PENALTY;
          mml_meta_candidate_add_reason (c, _("no country to compare with (%s)"), q->country);
        }
      else if (g_ascii_strcasecmp (country, q->country) == 0)
        {
          score += COUNTRY_BONUS;
          mml_meta_candidate_add_reason (c, _("country %s"), country);
        }
      else
        {
          score -= COUNTRY_PENALTY;
          mml_meta_candidate_add_reason (c, _("country %s, folder says %s"), country, q->country);
        }
    }
  else if (cand_country != NULL && s->country == NULL)
    {
      /* "The Office (US)" for a plain "The Office" folder: still a fair
       * candidate, but not a certain one. */
      score -= COUNTRY_MISSING_PENALTY;
    }

  /* Agreement with the files on disk. */
  if (s->episodes != NULL)
    {
      int cand_seasons = mml_meta_series_count_seasons (s);
      int cand_episodes = mml_meta_series_count_episodes (s);
      gboolean agree = FALSE;

      if (q->seasons_on_disk > 0)
        {
          if (q->seasons_on_disk <= cand_seasons)
            agree = TRUE;
          else
            {
              score -= SEASONS_PENALTY;
              /* Translators: a match reason */
              mml_meta_candidate_add_reason (c, _("%d seasons, the folder has season %d"),
                                             cand_seasons, q->seasons_on_disk);
            }
        }
      if (q->episodes_on_disk > 0)
        {
          if (q->episodes_on_disk <= cand_episodes)
            agree = TRUE;
          else
            {
              score -= EPISODES_PENALTY;
              mml_meta_candidate_add_reason (c, _("%d episodes, the folder has %d"),
                                             cand_episodes, q->episodes_on_disk);
              agree = FALSE;
            }
        }
      if (agree)
        {
          score += DISK_AGREE_BONUS;
          mml_meta_candidate_add_reason (c, _("episodes on disk fit (%d seasons, %d episodes)"),
                                         cand_seasons, cand_episodes);
        }
    }

  if (id_kind != NULL && !id_agree)
    {
      score -= ID_CONFLICT_PENALTY;
      mml_meta_candidate_add_reason (c, _("%s id differs from the folder name's"), id_kind);
    }

  c->score = CLAMP (score, 0.0, 1.0);
  return c->score;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const MmlMetaCandidate *ca = *(MmlMetaCandidate * const *) a;
  const MmlMetaCandidate *cb = *(MmlMetaCandidate * const *) b;

  if (ca->score != cb->score)
    return ca->score > cb->score ? -1 : 1;
  if (ca->provider_score != cb->provider_score)
    return ca->provider_score > cb->provider_score ? -1 : 1;
  return 0;
}

void
mml_matcher_sort (GPtrArray *candidates)
{
  g_return_if_fail (candidates != NULL);

  /* GLib's sort is stable: full ties keep the provider's order. */
  g_ptr_array_sort (candidates, compare_candidates);
}

void
mml_matcher_score_all (const MmlMatchQuery *query,
                       GPtrArray           *candidates)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (candidates != NULL);

  gboolean id_match = FALSE;

  for (guint i = 0; i < candidates->len; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (candidates, i);
      gboolean agree = FALSE;
      const char *which = NULL;

      mml_matcher_score (query, c);
      if (check_ids (query, c->series, &agree, &which) && agree)
        id_match = TRUE;
    }

  /* One candidate carries the folder's id: the others, whose ids are
   * unknown, are not rivals however well their titles match. */
  if (id_match)
    for (guint i = 0; i < candidates->len; i++)
      {
        MmlMetaCandidate *c = g_ptr_array_index (candidates, i);
        gboolean agree = FALSE;
        const char *which = NULL;

        if (check_ids (query, c->series, &agree, &which) && agree)
          continue;
        c->score = MAX (0.0, c->score - ID_CONFLICT_PENALTY);
        mml_meta_candidate_add_reason (c, _("another candidate has the folder name's id"));
      }
  mml_matcher_sort (candidates);
}

MmlMatchDecision
mml_matcher_decide (GPtrArray         *candidates,
                    MmlMetaCandidate **best)
{
  MmlMetaCandidate *first;
  MmlMetaCandidate *second;

  if (best != NULL)
    *best = NULL;
  g_return_val_if_fail (candidates != NULL, MML_MATCH_NONE);

  if (candidates->len == 0)
    return MML_MATCH_NONE;
  first = g_ptr_array_index (candidates, 0);
  second = candidates->len > 1 ? g_ptr_array_index (candidates, 1) : NULL;

  if (first->score < MML_MATCH_PLAUSIBLE)
    return MML_MATCH_NONE;
  if (first->score < MML_MATCH_ACCEPT_SCORE)
    return MML_MATCH_AMBIGUOUS;
  /* a small epsilon so that 0.95 vs 0.85 counts as a 0.10 lead */
  if (second != NULL && first->score - second->score < MML_MATCH_ACCEPT_MARGIN - 1e-9)
    return MML_MATCH_MULTIPLE;
  if (best != NULL)
    *best = first;
  return MML_MATCH_ACCEPTED;
}

const char *
mml_match_decision_to_string (MmlMatchDecision decision)
{
  switch (decision)
    {
    case MML_MATCH_ACCEPTED:
      return "accepted";
    case MML_MATCH_MULTIPLE:
      return "multiple";
    case MML_MATCH_NONE:
      return "none";
    case MML_MATCH_AMBIGUOUS:
    default:
      return "ambiguous";
    }
}

/* --- evidence ---------------------------------------------------------- */

/* The files decide only what the titles left close: a candidate lacking
 * them loses up to MML_MATCH_EVIDENCE_WEIGHT; having them all earns
 * nothing more (the title did that work, and a bonus would let a weaker
 * title catch up with a score already at 1). */
#define EVIDENCE_SAME         0.02   /* coverages this close do not tell shows apart */
#define YEAR_RIVAL_PENALTY    0.08   /* a year off, beside a rival with the exact year */

MmlDiskSummary *
mml_disk_summary_new (void)
{
  MmlDiskSummary *self = g_new0 (MmlDiskSummary, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->episodes = g_hash_table_new (NULL, NULL);
  self->absolutes = g_hash_table_new (NULL, NULL);
  self->air_dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seasons = g_hash_table_new (NULL, NULL);
  return self;
}

MmlDiskSummary *
mml_disk_summary_ref (MmlDiskSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mml_disk_summary_unref (MmlDiskSummary *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->episodes);
  g_hash_table_unref (self->absolutes);
  g_hash_table_unref (self->air_dates);
  g_hash_table_unref (self->seasons);
  g_free (self);
}

void
mml_disk_summary_add_episode (MmlDiskSummary *self,
                              int             season,
                              int             number)
{
  g_return_if_fail (self != NULL);

  if (season < 1 || number < 1 || season >= 10000 || number >= 100000)
    return;
  g_hash_table_add (self->episodes, MML_DISK_EPISODE_KEY (season, number));
  g_hash_table_add (self->seasons, GINT_TO_POINTER (season));
}

void
mml_disk_summary_add_absolute (MmlDiskSummary *self,
                               int             absolute)
{
  g_return_if_fail (self != NULL);

  if (absolute > 0)
    g_hash_table_add (self->absolutes, GINT_TO_POINTER (absolute));
}

static gboolean
is_iso_date (const char *date)
{
  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  return TRUE;
}

void
mml_disk_summary_add_air_date (MmlDiskSummary *self,
                               const char     *date)
{
  g_return_if_fail (self != NULL);

  if (is_iso_date (date))
    g_hash_table_add (self->air_dates, g_strdup (date));
}

guint
mml_disk_summary_get_size (const MmlDiskSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->episodes) + g_hash_table_size (self->absolutes)
         + g_hash_table_size (self->air_dates);
}

static gboolean
is_regular (const MmlMetaEpisode *ep)
{
  return !ep->special && ep->season > 0 && ep->number > 0;
}

gboolean
mml_matcher_evidence (const MmlDiskSummary *disk,
                      MmlMetaSeries        *series,
                      MmlMatchEvidence     *evidence)
{
  g_autoptr(GHashTable) pairs = NULL;
  g_autoptr(GHashTable) absolutes = NULL;
  g_autoptr(GHashTable) dates = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean own_absolute = FALSE;
  int ordinal = 0;

  g_return_val_if_fail (evidence != NULL, FALSE);

  memset (evidence, 0, sizeof *evidence);
  if (disk == NULL || series == NULL || series->episodes == NULL)
    return FALSE;
  evidence->disk_total = mml_disk_summary_get_size (disk);
  evidence->seasons = MAX (mml_meta_series_count_seasons (series), 0);
  evidence->episodes = MAX (mml_meta_series_count_episodes (series), 0);
  if (evidence->disk_total == 0)
    return FALSE;

  for (guint i = 0; i < series->episodes->len; i++)
    if (((MmlMetaEpisode *) g_ptr_array_index (series->episodes, i))->absolute > 0)
      own_absolute = TRUE;

  /* The candidate's episodes the three ways files name them. */
  pairs = g_hash_table_new (NULL, NULL);
  absolutes = g_hash_table_new (NULL, NULL);
  dates = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < series->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (series->episodes, i);

      if (ep->special)
        continue;
      if (is_regular (ep))
        {
          ordinal++;
          if (ep->season < 10000 && ep->number < 100000)
            g_hash_table_add (pairs, MML_DISK_EPISODE_KEY (ep->season, ep->number));
        }
      /* TVmaze and TMDB have no absolute numbers: the regular episodes in
       * airing order, as anime fansubs count them and the store links them */
      if (own_absolute ? ep->absolute > 0 : is_regular (ep))
        g_hash_table_add (absolutes, GINT_TO_POINTER (own_absolute ? ep->absolute : ordinal));
      if (ep->air_date != NULL)
        g_hash_table_add (dates, ep->air_date);
    }

  /* Each thing the files name counts once. */
  g_hash_table_iter_init (&iter, disk->episodes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int number = GPOINTER_TO_INT (key) % 100000;
      int season = GPOINTER_TO_INT (key) / 100000;

      /* "Show - 37" reads as season 1, episode 37 where the root does not
       * say anime: an absolute number in disguise */
      if (g_hash_table_contains (pairs, key)
          || (season == 1 && g_hash_table_contains (absolutes, GINT_TO_POINTER (number))))
        evidence->on_disk++;
    }
  g_hash_table_iter_init (&iter, disk->absolutes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (absolutes, key))
      evidence->on_disk++;
  g_hash_table_iter_init (&iter, disk->air_dates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (dates, key))
      evidence->on_disk++;
  evidence->coverage = (double) evidence->on_disk / evidence->disk_total;
  return TRUE;
}

static int
candidate_year (MmlMetaSeries *s)
{
  int year = 0;

  if (s->year > 0)
    return s->year;
  mml_matcher_split_title (s->title, NULL, &year, NULL);
  return year;
}

void
mml_matcher_score_evidence (const MmlMatchQuery  *query,
                            const MmlDiskSummary *disk,
                            GPtrArray            *candidates)
{
  g_autofree MmlMatchEvidence *evidence = NULL;
  g_autofree gboolean *known = NULL;

  g_return_if_fail (query != NULL);
  g_return_if_fail (candidates != NULL);

  mml_matcher_score_all (query, candidates);
  if (candidates->len == 0)
    return;

  evidence = g_new0 (MmlMatchEvidence, candidates->len);
  known = g_new0 (gboolean, candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (candidates, i);
      MmlMatchEvidence *ev = &evidence[i];
      double score = c->score;

      if (disk == NULL || !(known[i] = mml_matcher_evidence (disk, c->series, ev)))
        continue;
      if (ev->on_disk < ev->disk_total)
        {
          score -= MML_MATCH_EVIDENCE_WEIGHT * (1.0 - ev->coverage);
          /* Translators: a match reason: the files on disk the show has, of those in the folder */
          mml_meta_candidate_add_reason (c, _("has %u of the %u episodes on disk"), ev->on_disk, ev->disk_total);
        }
      else
        {
          mml_meta_candidate_add_reason (c, _("has all %u episodes on disk"), ev->disk_total);
        }
      c->score = CLAMP (score, 0.0, 1.0);
    }

  /* The year in the folder name: when the files do not tell two shows
   * apart, the one with that very year beats one a year off. */
  if (query->year > 0)
    for (guint i = 0; i < candidates->len; i++)
      {
        MmlMetaCandidate *c = g_ptr_array_index (candidates, i);
        int year = candidate_year (c->series);

        if (year <= 0 || ABS (year - query->year) != 1)
          continue;
        for (guint j = 0; j < candidates->len; j++)
          {
            MmlMetaCandidate *rival = g_ptr_array_index (candidates, j);

            if (j == i || candidate_year (rival->series) != query->year
                || rival->score < MML_MATCH_PLAUSIBLE
                /* the files favour the one a year off: the year does not decide */
                || (known[i] && (!known[j] || evidence[i].coverage > evidence[j].coverage + EVIDENCE_SAME)))
              continue;
            c->score = MAX (0.0, c->score - YEAR_RIVAL_PENALTY);
            /* Translators: a match reason; %d is a year */
            mml_meta_candidate_add_reason (c, _("another show has the folder’s year %d"), query->year);
            break;
          }
      }
  mml_matcher_sort (candidates);
}

char *
mml_matcher_describe_evidence (const MmlMatchQuery  *query,
                               const MmlDiskSummary *disk,
                               MmlMetaSeries        *series)
{
  g_autoptr(GString) out = g_string_new (NULL);
  MmlMatchEvidence ev;
  int year;

  g_return_val_if_fail (series != NULL, NULL);

  if (series->episodes != NULL)
    {
      int seasons = MAX (mml_meta_series_count_seasons (series), 0);
      int episodes = MAX (mml_meta_series_count_episodes (series), 0);
      g_autofree char *s_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d season", "%d seasons", seasons), seasons);
      g_autofree char *e_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d episode", "%d episodes", episodes), episodes);

      /* Translators: a show's size, "8 seasons, 139 episodes" */
      g_string_append_printf (out, _("%s, %s"), s_text, e_text);
      if (mml_matcher_evidence (disk, series, &ev))
        {
          g_string_append (out, " · ");
          if (ev.on_disk == ev.disk_total)
            g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                      /* Translators: the folder's files the show has */
                                                      "the %u on disk", "all %u on disk", ev.disk_total),
                                    ev.disk_total);
          else
            /* Translators: the folder's files the show has, "137 of the 139 on disk" */
            g_string_append_printf (out, _("%u of the %u on disk"), ev.on_disk, ev.disk_total);
        }
    }

  /* The title beside it already shows the year, the row the country:
   * here only how they compare with the folder name's. */
  year = candidate_year (series);
  if (year > 0 && query != NULL && query->year > 0)
    {
      if (out->len > 0)
        g_string_append (out, " · ");
      if (query->year == year)
        g_string_append (out, _("the folder’s year"));
      else
        /* Translators: the show's year, then the folder's: "1987, the folder says 1986" */
        g_string_append_printf (out, _("%d, the folder says %d"), year, query->year);
    }
  if (query != NULL && query->country != NULL && series->country != NULL
      && g_ascii_strcasecmp (query->country, series->country) != 0)
    {
      if (out->len > 0)
        g_string_append (out, " · ");
      /* Translators: the show's country, then the folder's: "GB, the folder says US" */
      g_string_append_printf (out, _("%s, the folder says %s"), series->country, query->country);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
