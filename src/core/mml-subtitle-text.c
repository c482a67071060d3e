/* mml-subtitle-text.c — subtitle text: encoding detection, conversion,
 * script-based language guess, right-to-left punctuation repair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mml-language.h"
#include "mml-subtitle-text.h"

/* ------------------------------------------------------------ encodings */

typedef enum
{
  SCRIPT_LATIN,
  SCRIPT_HEBREW,
  SCRIPT_ARABIC,
  SCRIPT_CYRILLIC,
  SCRIPT_GREEK,
  SCRIPT_THAI,
  SCRIPT_JAPANESE,   /* Han and kana */
  SCRIPT_CHINESE,    /* Han */
  SCRIPT_KOREAN,     /* Hangul and Han */
} Script;

typedef struct
{
  const char *charset;
  Script      script;
} CodePage;

typedef struct
{
  const char     *language;
  CodePage        pages[3];
} LanguagePages;

#define CP(name, script) { name, SCRIPT_##script }

static const CodePage western[] = { CP ("windows-1252", LATIN), CP ("ISO-8859-15", LATIN) };

/* Sorted by language for bisection */
static const LanguagePages language_pages[] = {
  { "ar", { CP ("windows-1256", ARABIC), CP ("ISO-8859-6", ARABIC) } },
  { "az", { CP ("windows-1254", LATIN), CP ("ISO-8859-9", LATIN) } },
  { "be", { CP ("windows-1251", CYRILLIC), CP ("KOI8-R", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "bg", { CP ("windows-1251", CYRILLIC), CP ("KOI8-R", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "bs", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "cs", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "el", { CP ("windows-1253", GREEK), CP ("ISO-8859-7", GREEK) } },
  { "et", { CP ("windows-1257", LATIN), CP ("ISO-8859-13", LATIN) } },
  { "fa", { CP ("windows-1256", ARABIC), CP ("ISO-8859-6", ARABIC) } },
  { "he", { CP ("windows-1255", HEBREW), CP ("ISO-8859-8", HEBREW) } },
  { "hr", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "hu", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "ja", { CP ("CP932", JAPANESE), CP ("EUC-JP", JAPANESE) } },
  { "kk", { CP ("windows-1251", CYRILLIC), CP ("KOI8-R", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "ko", { CP ("CP949", KOREAN) } },
  { "lt", { CP ("windows-1257", LATIN), CP ("ISO-8859-13", LATIN) } },
  { "lv", { CP ("windows-1257", LATIN), CP ("ISO-8859-13", LATIN) } },
  { "mk", { CP ("windows-1251", CYRILLIC), CP ("KOI8-R", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "mn", { CP ("windows-1251", CYRILLIC), CP ("KOI8-R", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "pl", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "ro", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "ru", { CP ("windows-1251", CYRILLIC), CP ("KOI8-R", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "sk", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "sl", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "sq", { CP ("windows-1250", LATIN), CP ("ISO-8859-2", LATIN) } },
  { "sr", { CP ("windows-1251", CYRILLIC), CP ("windows-1250", LATIN), CP ("KOI8-R", CYRILLIC) } },
  { "th", { CP ("windows-874", THAI) } },
  { "tr", { CP ("windows-1254", LATIN), CP ("ISO-8859-9", LATIN) } },
  { "uk", { CP ("windows-1251", CYRILLIC), CP ("KOI8-U", CYRILLIC), CP ("ISO-8859-5", CYRILLIC) } },
  { "ur", { CP ("windows-1256", ARABIC), CP ("ISO-8859-6", ARABIC) } },
  { "vi", { CP ("windows-1258", LATIN) } },
  { "yi", { CP ("windows-1255", HEBREW), CP ("ISO-8859-8", HEBREW) } },
  { "zh", { CP ("GB18030", CHINESE), CP ("BIG5", CHINESE) } },
  { "zh-cn", { CP ("GB18030", CHINESE), CP ("BIG5", CHINESE) } },
  { "zh-tw", { CP ("BIG5", CHINESE), CP ("GB18030", CHINESE) } },
};

/* The non-ASCII letters of Latin-script languages, lower case, sorted by
 * language: with the language known, any other letter counts against a
 * page (ą in Czech: ISO-8859-2 read as windows-1250) */
static const struct
{
  const char *language;
  const char *letters;
} alphabets[] = {
  { "af", "áèéêëîïôûŉ" },
  { "az", "çəğıiöşü" },
  { "bs", "čćđšž" },
  { "ca", "àçèéíïòóúü" },
  { "cs", "áčďéěíňóřšťúůýž" },
  { "cy", "âêîôûŵŷäëïöüáéíóú" },
  { "da", "æøåéó" },
  { "de", "äöüßé" },
  { "es", "áéíñóúü" },
  { "et", "äõöüšž" },
  { "eu", "ñ" },
  { "fi", "äöåšž" },
  { "fr", "àâäçéèêëîïôöùûüÿœæ" },
  { "ga", "áéíóú" },
  { "gl", "áéíñóúü" },
  { "hr", "čćđšž" },
  { "hu", "áéíóöőúüű" },
  { "is", "áðéíóúýþæö" },
  { "it", "àèéìíîòóùú" },
  { "lt", "ąčęėįšųūž" },
  { "lv", "āčēģīķļņšūž" },
  { "nl", "áäéèëïóöüú" },
  { "no", "æøåéóòô" },
  { "pl", "ąćęłńóśźż" },
  { "pt", "àáâãçéêíóôõú" },
  { "pt-br", "àáâãçéêíóôõú" },
  { "ro", "ăâîșțşţ" },
  { "sk", "áäčďéíĺľňóôŕšťúýž" },
  { "sl", "čćđšž" },
  { "sq", "çë" },
  { "sv", "åäöé" },
  { "tr", "çğıiöşüâîû" },
};

/* When the language is unknown or its pages do not fit */
static const CodePage common_pages[] = {
  CP ("windows-1252", LATIN), CP ("windows-1250", LATIN), CP ("windows-1251", CYRILLIC),
  CP ("KOI8-R", CYRILLIC), CP ("windows-1253", GREEK), CP ("windows-1254", LATIN),
  CP ("windows-1255", HEBREW), CP ("windows-1256", ARABIC), CP ("windows-1257", LATIN),
};

#undef CP

/* Below this the language's own pages make way for the common ones */
#define GOOD_ENOUGH 0.8
/* Below this nothing is returned */
#define MIN_CONFIDENCE 0.5

static const LanguagePages *
find_language_pages (const char *code)
{
  gsize lo = 0, hi = G_N_ELEMENTS (language_pages);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int r = strcmp (code, language_pages[mid].language);

      if (r == 0)
        return &language_pages[mid];
      if (r < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

static gboolean
script_has (Script          script,
            GUnicodeScript  s)
{
  switch (script)
    {
    case SCRIPT_LATIN: return s == G_UNICODE_SCRIPT_LATIN;
    case SCRIPT_HEBREW: return s == G_UNICODE_SCRIPT_HEBREW;
    case SCRIPT_ARABIC: return s == G_UNICODE_SCRIPT_ARABIC;
    case SCRIPT_CYRILLIC: return s == G_UNICODE_SCRIPT_CYRILLIC;
    case SCRIPT_GREEK: return s == G_UNICODE_SCRIPT_GREEK;
    case SCRIPT_THAI: return s == G_UNICODE_SCRIPT_THAI;
    case SCRIPT_JAPANESE:
      return s == G_UNICODE_SCRIPT_HAN || s == G_UNICODE_SCRIPT_HIRAGANA
             || s == G_UNICODE_SCRIPT_KATAKANA;
    case SCRIPT_CHINESE: return s == G_UNICODE_SCRIPT_HAN;
    case SCRIPT_KOREAN: return s == G_UNICODE_SCRIPT_HANGUL || s == G_UNICODE_SCRIPT_HAN;
    default: return FALSE;
    }
}

/* Non-ASCII punctuation any subtitle may hold */
static gboolean
is_common_punct (gunichar c)
{
  switch (c)
    {
    case 0x00A0: case 0x00AB: case 0x00BB: case 0x00B0: case 0x00B7: case 0x00BF: case 0x00A1:
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2018: case 0x2019: case 0x201A: case 0x201C: case 0x201D: case 0x201E:
    case 0x2022: case 0x2026: case 0x2039: case 0x203A: case 0x200E: case 0x200F:
    case 0x202A: case 0x202B: case 0x202C: case 0x266A: case 0x266B: case 0x20AC:
    case 0x05BE: case 0x05F3: case 0x05F4:                      /* maqaf, geresh, gershayim */
    case 0x060C: case 0x061B: case 0x061F: case 0x0640:         /* ، ؛ ؟ tatweel */
    case 0x066A: case 0x066B: case 0x066C:
      return TRUE;
    default:
      return c >= 0x3000 && c <= 0x303F;   /* CJK punctuation */
    }
}

typedef struct
{
  double good;           /* non-ASCII letters of the page's script, in words of one script */
  double bad;
  guint  letters;        /* every letter */
  guint  nonascii;       /* non-ASCII letters */
  guint  frequent;       /* Cyrillic or Greek letters among the commonest */
  guint  bicameral;      /* Cyrillic or Greek letters */
} Tally;

/* Word in progress */
typedef struct
{
  guint    scripts;      /* 1: the page's script, 2: Latin, 4: other */
  guint    nonascii;     /* non-ASCII letters in it */
  guint    letters;
  double   case_bad;     /* capitals after small letters */
  gboolean lower_seen;
} Word;

static void
end_word (Word   *w,
          Script  script,
          Tally  *t)
{
  if (w->letters == 0)
    return;
  if ((w->scripts & 4) != 0 || (script != SCRIPT_LATIN && w->scripts == 3))
    t->bad += w->nonascii;
  else if (script == SCRIPT_LATIN && w->nonascii >= 3 && w->nonascii * 2 > w->letters)
    t->bad += w->nonascii;           /* "Êáëçìİñá": Greek read as Latin */
  else
    {
      double good = w->nonascii - w->case_bad;

      t->good += good > 0 ? good : 0;
      t->bad += w->case_bad;
    }
  memset (w, 0, sizeof *w);
}

/* The commonest letters of the languages a script is written in: Cyrillic
 * о е а и н т с, Greek α ο ι ε τ σ ν η; about half the letters of real text,
 * a third or less of Hebrew or Arabic bytes read as Cyrillic or Greek */
static gboolean
is_frequent_letter (gunichar c)
{
  switch (g_unichar_tolower (c))
    {
    case 0x043E: case 0x0435: case 0x0430: case 0x0438: case 0x043D: case 0x0442: case 0x0441:
    case 0x03B1: case 0x03AC: case 0x03BF: case 0x03CC: case 0x03B9: case 0x03AF: case 0x03B5:
    case 0x03AD: case 0x03C4: case 0x03C3: case 0x03C2: case 0x03BD: case 0x03B7: case 0x03AE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Letters a Western page yields for Turkish or Icelandic bytes */
static gboolean
unlikely_western (gunichar c)
{
  return c == 0x00D0 || c == 0x00F0 || c == 0x00DE || c == 0x00FE || c == 0x00DD || c == 0x00FD;
}

static const char *
find_alphabet (const char *code)
{
  gsize lo = 0, hi = G_N_ELEMENTS (alphabets);

  while (code != NULL && lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int r = strcmp (code, alphabets[mid].language);

      if (r == 0)
        return alphabets[mid].letters;
      if (r < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

/* How well text reads as the script: 0 … 1.  alphabet: the language's
 * letters (Latin pages), or NULL; strict_western: no language is known, and
 * letters only Icelandic uses are unlikely. */
static double
score_text (const char *text,
            gsize       len,
            Script      script,
            const char *alphabet,
            gboolean    strict_western)
{
  const char *p = text, *end = text + len;
  Tally t = { 0, };
  Word w = { 0, };
  gunichar prev = 0;
  double evidence, conf;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      p = g_utf8_next_char (p);
      if (g_unichar_isalpha (c))
        {
          GUnicodeScript s = g_unichar_get_script (c);
          gboolean mine = script_has (script, s);

          t.letters++;
          w.letters++;
          if (mine)
            w.scripts |= 1;
          else if (s == G_UNICODE_SCRIPT_LATIN)
            w.scripts |= 2;
          else
            w.scripts |= 4;
          if (s == G_UNICODE_SCRIPT_CYRILLIC || s == G_UNICODE_SCRIPT_GREEK)
            {
              t.bicameral++;
              if (is_frequent_letter (c))
                t.frequent++;
            }
          if (c >= 0x80)
            {
              t.nonascii++;
              w.nonascii++;
              if (strict_western && unlikely_western (c))
                w.case_bad += 1;
              else if (alphabet != NULL && script == SCRIPT_LATIN && s == G_UNICODE_SCRIPT_LATIN
                       && g_utf8_strchr (alphabet, -1, g_unichar_tolower (c)) == NULL)
                w.case_bad += 1;
            }
          if (g_unichar_isupper (c) && w.lower_seen && c >= 0x80)
            w.case_bad += 1;
          if (g_unichar_islower (c))
            w.lower_seen = TRUE;
          prev = c;
          continue;
        }
      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK)
        {
          /* niqqud, harakat: only on a letter of the page's script */
          if (!(w.letters > 0 && script_has (script, g_unichar_get_script (prev))))
            t.bad += 1;
          continue;
        }
      end_word (&w, script, &t);
      prev = c;
      if (c < 0x80)
        {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            t.bad += 4;
          continue;
        }
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_UNASSIGNED
          || type == G_UNICODE_PRIVATE_USE || c == 0xFFFD)
        t.bad += 4;
      else if (!is_common_punct (c) && !g_unichar_isdigit (c) && !g_unichar_isspace (c))
        t.bad += 1;
    }
  end_word (&w, script, &t);

  evidence = t.good + t.bad;
  if (evidence <= 0)
    return 0.5;
  conf = t.good / evidence;
  /* Hebrew read as Cyrillic or Greek: words of rare letters */
  if ((script == SCRIPT_CYRILLIC || script == SCRIPT_GREEK) && t.bicameral >= 30
      && t.frequent * 10 < t.bicameral * 4)
    conf *= 0.3;
  /* mostly non-ASCII letters: another script read as Latin */
  if (script == SCRIPT_LATIN && t.letters >= 20 && t.nonascii * 5 > t.letters * 2)
    conf *= 0.3;
  /* a handful of bytes proves little */
  if (evidence < 4)
    conf *= 0.8 + 0.05 * evidence;
  return conf;
}

/* Decodes data strictly and scores it; -1 when it does not decode */
static double
try_page (const guint8   *data,
          gsize           len,
          const CodePage *page,
          const char     *alphabet,
          gboolean        strict_western)
{
  g_autofree char *text = NULL;
  gsize written = 0;

  text = g_convert ((const char *) data, len, "UTF-8", page->charset, NULL, &written, NULL);
  if (text == NULL)
    return -1;
  return score_text (text, written, page->script, alphabet, strict_western);
}

static void
try_pages (const guint8    *data,
           gsize            len,
           const CodePage  *pages,
           gsize            n,
           const char      *alphabet,
           gboolean         strict_western,
           const char     **best,
           double          *best_score)
{
  gsize i;

  for (i = 0; i < n && pages[i].charset != NULL; i++)
    {
      double s;

      if (*best != NULL && g_ascii_strcasecmp (*best, pages[i].charset) == 0)
        continue;
      s = try_page (data, len, &pages[i], alphabet, strict_western);
      if (s > *best_score)
        {
          *best_score = s;
          *best = pages[i].charset;
        }
    }
}

/* UTF-8, forgiving a sequence cut by the end of the data */
static gboolean
valid_utf8 (const guint8 *data,
            gsize         len,
            gsize        *valid_len)
{
  const char *end;
  gsize rest, k, need;
  guint8 lead;

  if (g_utf8_validate_len ((const char *) data, len, &end))
    {
      *valid_len = len;
      return TRUE;
    }
  *valid_len = (const guint8 *) end - data;
  rest = len - *valid_len;
  if (rest == 0 || rest > 3)
    return FALSE;
  lead = data[*valid_len];
  need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3
         : lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
  if (need == 0 || rest >= need)
    return FALSE;
  for (k = 1; k < rest; k++)
    if ((data[*valid_len + k] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

/* "UTF-16LE"/"UTF-16BE" when many high bytes of the start are NUL and
 * low bytes (almost) never are */
static const char *
bomless_utf16 (const guint8 *data,
               gsize         len)
{
  gsize n = MIN (len, 4096) & ~(gsize) 1, i, even = 0, odd = 0;

  if (n < 8)
    return NULL;
  for (i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  /* ASCII (spaces, digits, timings) has a NUL high byte; letters of other
   * scripts do not */
  if (odd * 10 >= n / 2 * 3 && even * 50 < n / 2)
    return "UTF-16LE";
  if (even * 10 >= n / 2 * 3 && odd * 50 < n / 2)
    return "UTF-16BE";
  return NULL;
}

const char *
mml_subtitle_detect_encoding (const guint8 *data,
                              gsize         len,
                              const char   *expected_language,
                              double       *out_confidence)
{
  const char *best = NULL, *lang = NULL, *utf16, *alphabet;
  double best_score = -1, dummy;
  gsize i, controls = 0, valid_len;

  if (out_confidence == NULL)
    out_confidence = &dummy;
  *out_confidence = 0;
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *out_confidence = 1;
      return "UTF-8";
    }
  if (len >= 4 && data[0] == 0xFF && data[1] == 0xFE && data[2] == 0 && data[3] == 0)
    {
      *out_confidence = 1;
      return "UTF-32LE";
    }
  if (len >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0xFE && data[3] == 0xFF)
    {
      *out_confidence = 1;
      return "UTF-32BE";
    }
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *out_confidence = 1;
      return "UTF-16LE";
    }
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *out_confidence = 1;
      return "UTF-16BE";
    }
  utf16 = bomless_utf16 (data, len);
  if (utf16 != NULL)
    {
      g_autofree char *text = g_convert ((const char *) data, len & ~(gsize) 1, "UTF-8", utf16,
                                         NULL, NULL, NULL);

      if (text != NULL)
        {
          *out_confidence = 0.9;
          return utf16;
        }
    }

  for (i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1A)
        controls++;
    }
  if (controls * 50 > len)
    return NULL;

  if (valid_utf8 (data, len, &valid_len))
    {
      *out_confidence = valid_len == len ? 1 : 0.95;
      return "UTF-8";
    }

  if (expected_language != NULL)
    lang = mml_language_normalise (expected_language, -1);
  alphabet = find_alphabet (lang);
  if (lang != NULL)
    {
      const LanguagePages *lp = find_language_pages (lang);

      if (lp != NULL)
        try_pages (data, len, lp->pages, G_N_ELEMENTS (lp->pages), alphabet, FALSE,
                   &best, &best_score);
      else
        try_pages (data, len, western, G_N_ELEMENTS (western), alphabet, FALSE,
                   &best, &best_score);
    }
  if (best_score < GOOD_ENOUGH)
    try_pages (data, len, common_pages, G_N_ELEMENTS (common_pages), alphabet, lang == NULL,
               &best, &best_score);

  if (best == NULL || best_score < MIN_CONFIDENCE)
    return NULL;
  *out_confidence = best_score;
  return best;
}

char *
mml_subtitle_text_to_utf8 (const guint8 *data,
                           gsize         len,
                           const char   *encoding,
                           gsize        *out_len,
                           GError      **error)
{
  gsize written = 0, valid_len;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (encoding != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    {
      if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        {
          data += 3;
          len -= 3;
        }
      if (!valid_utf8 (data, len, &valid_len))
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       "Invalid byte sequence in UTF-8 input at byte %" G_GSIZE_FORMAT, valid_len);
          return NULL;
        }
      if (out_len != NULL)
        *out_len = valid_len;
      return g_strndup ((const char *) data, valid_len);
    }

  if ((g_ascii_strcasecmp (encoding, "UTF-16LE") == 0 && len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
      || (g_ascii_strcasecmp (encoding, "UTF-16BE") == 0 && len >= 2 && data[0] == 0xFE && data[1] == 0xFF))
    {
      data += 2;
      len -= 2;
    }
  else if ((g_ascii_strcasecmp (encoding, "UTF-32LE") == 0 && len >= 4
            && memcmp (data, "\xff\xfe\0\0", 4) == 0)
           || (g_ascii_strcasecmp (encoding, "UTF-32BE") == 0 && len >= 4
               && memcmp (data, "\0\0\xfe\xff", 4) == 0))
    {
      data += 4;
      len -= 4;
    }

  text = g_convert ((const char *) data, len, "UTF-8", encoding, NULL, &written, error);
  if (text != NULL && out_len != NULL)
    *out_len = written;
  return text;
}

/* ------------------------------------------------------------- language */

/* Stop words, lower case, sorted (strcmp) */
static const char *const english_words[] = {
  "a", "about", "all", "and", "are", "at", "be", "but", "can", "come", "do", "don't", "for",
  "get", "go", "gonna", "got", "have", "he", "her", "here", "him", "how", "i", "i'm", "if",
  "in", "is", "it", "it's", "just", "know", "let's", "like", "me", "my", "not", "now", "of",
  "oh", "okay", "on", "one", "out", "right", "see", "she", "so", "that", "the", "there",
  "they", "think", "this", "to", "up", "want", "was", "we", "well", "what", "who", "why",
  "will", "with", "yeah", "you", "you're", "your",
};

/* Other Latin-script languages' commonest words (French, Spanish, German,
 * Italian, Portuguese, Dutch): English must outnumber them */
static const char *const other_latin_words[] = {
  "aber", "c'est", "ce", "che", "cosa", "das", "de", "del", "den", "der", "des", "die",
  "du", "een", "el", "en", "er", "es", "est", "está", "et", "eu", "het", "ich", "ik", "il",
  "ist", "je", "la", "las", "le", "les", "lo", "los", "mais", "mit", "nicht", "niet",
  "non", "nous", "não", "och", "para", "pas", "per", "pero", "por", "qu'il", "que", "qué",
  "sie", "sono", "tu", "um", "una", "und", "une", "uno", "van", "vous", "wat", "wir", "y",
  "yo", "zu", "ça", "è", "é",
};

static const char *const russian_words[] = {
  "был", "вот", "все", "вы", "да", "его", "если", "здесь", "знаю", "как", "меня", "мне", "мы",
  "не", "нет", "ну", "он", "она", "они", "так", "тебя", "только", "ты", "что", "это", "я",
};

static const char *const bulgarian_words[] = {
  "аз", "беше", "да", "за", "защо", "искам", "как", "какво", "ли", "мен", "може", "не",
  "нещо", "но", "се", "сега", "си", "сме", "съм", "теб", "ти", "това", "трябва", "тук",
  "ще",
};

static gboolean
in_words (const char *const *words,
          gsize              n,
          const char        *key)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int r = strcmp (key, words[mid]);

      if (r == 0)
        return TRUE;
      if (r < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

#define IN_WORDS(table, key) in_words ((table), G_N_ELEMENTS (table), (key))

typedef struct
{
  guint latin, hebrew, arabic, cyrillic, greek, thai, han, kana, hangul, other;
  guint persian, urdu;
  guint be, uk, uk_i, mk, sr_only, sr_mk, ru_letters;
  guint latin_words, en_hits, other_hits;
  guint cyr_words, ru_hits, bg_hits;
  char  word[48];
  gsize word_len;
  int   word_script;   /* 0 none, 1 Latin, 2 Cyrillic, 3 other */
} Guess;

static void
guess_end_word (Guess *g)
{
  if (g->word_len > 0 && g->word_len < sizeof g->word)
    {
      g->word[g->word_len] = '\0';
      if (g->word_script == 1)
        {
          g->latin_words++;
          if (IN_WORDS (english_words, g->word))
            g->en_hits++;
          if (IN_WORDS (other_latin_words, g->word))
            g->other_hits++;
        }
      else if (g->word_script == 2)
        {
          g->cyr_words++;
          if (IN_WORDS (russian_words, g->word))
            g->ru_hits++;
          if (IN_WORDS (bulgarian_words, g->word))
            g->bg_hits++;
        }
    }
  g->word_len = 0;
  g->word_script = 0;
}

static void
guess_char (Guess    *g,
            gunichar  c)
{
  GUnicodeScript s;
  int ws;

  if (c == 0x2019)
    c = '\'';
  if (c == '\'' && g->word_len > 0)
    {
      if (g->word_len + 1 < sizeof g->word)
        g->word[g->word_len++] = '\'';
      return;
    }
  if (!g_unichar_isalpha (c))
    {
      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        guess_end_word (g);
      return;
    }
  s = g_unichar_get_script (c);
  switch (s)
    {
    case G_UNICODE_SCRIPT_LATIN: g->latin++; ws = 1; break;
    case G_UNICODE_SCRIPT_CYRILLIC: g->cyrillic++; ws = 2; break;
    case G_UNICODE_SCRIPT_HEBREW: g->hebrew++; ws = 3; break;
    case G_UNICODE_SCRIPT_ARABIC: g->arabic++; ws = 3; break;
    case G_UNICODE_SCRIPT_GREEK: g->greek++; ws = 3; break;
    case G_UNICODE_SCRIPT_THAI: g->thai++; ws = 3; break;
    case G_UNICODE_SCRIPT_HAN: g->han++; ws = 3; break;
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA: g->kana++; ws = 3; break;
    case G_UNICODE_SCRIPT_HANGUL: g->hangul++; ws = 3; break;
    default: g->other++; ws = 3; break;
    }
  c = g_unichar_tolower (c);
  switch (c)
    {
    case 0x067E: case 0x0686: case 0x0698: case 0x06AF: g->persian++; break;   /* پ چ ژ گ */
    case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2: g->urdu++; break;   /* ٹ ڈ ڑ ں ے */
    case 0x045E: g->be++; break;                                               /* ў */
    case 0x0457: case 0x0454: case 0x0491: g->uk++; break;                     /* ї є ґ */
    case 0x0456: g->uk_i++; break;                                             /* і */
    case 0x0453: case 0x045C: case 0x0455: g->mk++; break;                     /* ѓ ќ ѕ */
    case 0x0452: case 0x045B: g->sr_only++; break;                             /* ђ ћ */
    case 0x0458: case 0x0459: case 0x045A: case 0x045F: g->sr_mk++; break;     /* ј љ њ џ */
    case 0x044B: case 0x044D: g->ru_letters++; break;                          /* ы э */
    default: break;
    }
  if (g->word_script != 0 && g->word_script != ws)
    guess_end_word (g);
  g->word_script = ws;
  if (g->word_len + 6 < sizeof g->word)
    g->word_len += g_unichar_to_utf8 (c, g->word + g->word_len);
  else
    g->word_len = sizeof g->word;   /* too long for any stop word */
}

static gboolean
is_digits (const char *s,
           gsize       n)
{
  gsize i;

  if (n == 0)
    return FALSE;
  for (i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Feeds the dialogue of one line (tags dropped) to g */
static void
guess_line (Guess      *g,
            const char *s,
            gsize       n)
{
  const char *p = s, *end = s + n;

  while (p < end)
    {
      gunichar c;

      if (*p == '<' || *p == '{')
        {
          const char *close = memchr (p, *p == '<' ? '>' : '}', end - p);

          if (close != NULL)
            {
              guess_end_word (g);
              p = close + 1;
              continue;
            }
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      guess_char (g, c);
      p = g_utf8_next_char (p);
    }
  guess_end_word (g);
}

const char *
mml_subtitle_guess_language (const char *utf8,
                             gssize      len)
{
  Guess g;
  const char *p, *end;
  gboolean ass = FALSE;
  guint total, top;

  if (utf8 == NULL)
    return "und";
  memset (&g, 0, sizeof g);
  end = utf8 + (len < 0 ? strlen (utf8) : (gsize) len);
  for (p = utf8; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p), *s = p, *e;

      if (eol == NULL)
        eol = end;
      e = eol;
      p = eol < end ? eol + 1 : end;
      while (s < e && g_ascii_isspace (*s))
        s++;
      while (e > s && g_ascii_isspace (e[-1]))
        e--;
      if (s == e || is_digits (s, e - s) || g_strstr_len (s, e - s, "-->") != NULL)
        continue;
      if (e - s >= 6 && strncmp (s, "WEBVTT", 6) == 0)
        continue;
      if (*s == '[' && e[-1] == ']')
        {
          ass = TRUE;   /* [Script Info], [Events] … */
          continue;
        }
      if (ass || (e - s >= 9 && strncmp (s, "Dialogue:", 9) == 0))
        {
          int commas = 0;

          ass = TRUE;
          if (e - s < 9 || strncmp (s, "Dialogue:", 9) != 0)
            continue;
          /* the text is the tenth field */
          while (s < e && commas < 9)
            if (*s++ == ',')
              commas++;
          if (commas < 9)
            continue;
        }
      guess_line (&g, s, e - s);
    }

  total = g.latin + g.hebrew + g.arabic + g.cyrillic + g.greek + g.thai + g.han + g.kana
          + g.hangul + g.other;
  if (total < 20)
    return "und";
  top = total * 6 / 10;
  if (g.hebrew >= top)
    return "he";
  if (g.arabic >= top)
    {
      if (g.urdu * 100 >= g.arabic)
        return "ur";
      if (g.persian * 100 >= g.arabic)
        return "fa";
      return "ar";
    }
  if (g.greek >= top)
    return "el";
  if (g.thai >= top)
    return "th";
  if (g.hangul >= top)
    return "ko";
  if (g.han + g.kana >= top)
    return g.kana * 20 >= g.han + g.kana ? "ja" : "zh";
  if (g.cyrillic >= top)
    {
      if (g.be >= 2)
        return "be";
      if (g.uk >= 2 || (g.uk_i * 200 >= g.cyrillic && g.ru_letters == 0))
        return "uk";
      if (g.mk >= 2)
        return "mk";
      if (g.sr_only >= 2 || (g.sr_mk >= 2 && g.ru_letters == 0))
        return "sr";
      if (g.ru_hits * 10 >= g.cyr_words && g.ru_hits >= 2 * g.bg_hits
          && (g.ru_letters > 0 || g.ru_hits > g.bg_hits))
        return "ru";
      if (g.bg_hits * 10 >= g.cyr_words && g.bg_hits >= 2 * g.ru_hits && g.ru_letters == 0)
        return "bg";
      return "und";
    }
  if (g.latin >= top && g.latin_words > 0
      && g.en_hits * 5 >= g.latin_words && g.en_hits >= 2 * g.other_hits)
    return "en";
  return "und";
}

/* ------------------------------------------------------------------ RTL */

static gboolean
is_rtl_punct (gunichar c)
{
  switch (c)
    {
    case '.': case ',': case '!': case '?': case ':': case ';': case '"': case '\'':
    case 0x2026: case 0x201D: case 0x2019: case 0x00BB: case 0x05F4: case 0x05F3:
    case 0x060C: case 0x061B: case 0x061F:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2013 || c == 0x2014;
}

static gboolean
is_direction_mark (gunichar c)
{
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Past the tags, direction marks and spaces at the start of [p, end) */
static const char *
skip_lead (const char *p,
           const char *end)
{
  while (p < end)
    {
      if ((*p == '<' || *p == '{') && memchr (p, *p == '<' ? '>' : '}', end - p) != NULL)
        p = (const char *) memchr (p, *p == '<' ? '>' : '}', end - p) + 1;
      else if (*p == ' ' || *p == '\t')
        p++;
      else if (is_direction_mark (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      else
        break;
    }
  return p;
}

/* Before the tags, direction marks and spaces at the end of [start, e) */
static const char *
skip_trail (const char *start,
            const char *e)
{
  while (e > start)
    {
      const char *q = g_utf8_find_prev_char (start, e);
      char last = e[-1];

      if (last == '>' || last == '}')
        {
          const char *open = e - 1;

          while (open > start && *open != (last == '>' ? '<' : '{'))
            open--;
          if (*open != (last == '>' ? '<' : '{'))
            break;
          e = open;
        }
      else if (last == ' ' || last == '\t')
        e--;
      else if (q != NULL && is_direction_mark (g_utf8_get_char (q)))
        e = q;
      else
        break;
    }
  return e;
}

/* The first strong letter of [p, end) is Hebrew or Arabic */
static gboolean
starts_rtl (const char *p,
            const char *end)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (*p == '<' || *p == '{')
        {
          const char *close = memchr (p, *p == '<' ? '>' : '}', end - p);

          if (close != NULL)
            {
              p = close + 1;
              continue;
            }
        }
      if (g_unichar_isalpha (c))
        {
          GUnicodeScript s = g_unichar_get_script (c);

          return s == G_UNICODE_SCRIPT_HEBREW || s == G_UNICODE_SCRIPT_ARABIC;
        }
      p = g_utf8_next_char (p);
    }
  return FALSE;
}

char *
mml_subtitle_fix_rtl_punctuation (const char *utf8_line)
{
  const char *end, *body, *body_end, *dash_end, *run_end, *text, *text_end;
  gboolean lead_dash, trail_dash = FALSE, move_run;
  GString *out;
  const char *q;

  g_return_val_if_fail (utf8_line != NULL, NULL);
  end = utf8_line + strlen (utf8_line);
  if (!g_utf8_validate (utf8_line, end - utf8_line, NULL) || !starts_rtl (utf8_line, end))
    return g_strdup (utf8_line);

  body = skip_lead (utf8_line, end);
  body_end = skip_trail (body, end);
  if (body >= body_end)
    return g_strdup (utf8_line);

  /* a leading dialogue dash stays first */
  dash_end = body;
  lead_dash = is_dash (g_utf8_get_char (body));
  if (lead_dash)
    {
      dash_end = g_utf8_next_char (body);
      while (dash_end < body_end && *dash_end == ' ')
        dash_end++;
    }

  /* the punctuation run */
  run_end = dash_end;
  while (run_end < body_end && is_rtl_punct (g_utf8_get_char (run_end)))
    run_end = g_utf8_next_char (run_end);
  text = run_end;
  while (text < body_end && *text == ' ')
    text++;

  /* a dash stored at the end: "?מה -" */
  text_end = body_end;
  q = g_utf8_find_prev_char (text, text_end);
  if (!lead_dash && q != NULL && is_dash (g_utf8_get_char (q)))
    {
      const char *before = q;

      while (before > text && before[-1] == ' ')
        before--;
      if (before < q && before > text)
        {
          trail_dash = TRUE;
          text_end = before;
        }
    }

  q = g_utf8_find_prev_char (text, text_end);
  move_run = run_end > dash_end && text < text_end && q != NULL
             && !is_rtl_punct (g_utf8_get_char (q));
  if (!move_run && !trail_dash)
    return g_strdup (utf8_line);

  out = g_string_sized_new (end - utf8_line + 4);
  g_string_append_len (out, utf8_line, body - utf8_line);
  if (trail_dash)
    {
      const char *dash = g_utf8_find_prev_char (text_end, body_end);

      g_string_append_len (out, dash, body_end - dash);
      g_string_append_c (out, ' ');
    }
  else
    g_string_append_len (out, body, dash_end - body);
  if (move_run)
    {
      const char *r;

      g_string_append_len (out, text, text_end - text);
      /* stored mirrored: "!?" is "?!" */
      for (r = run_end; r > dash_end; )
        {
          const char *prev = g_utf8_prev_char (r);

          g_string_append_len (out, prev, r - prev);
          r = prev;
        }
    }
  else
    g_string_append_len (out, dash_end, text_end - dash_end);
  g_string_append_len (out, body_end, end - body_end);
  return g_string_free (out, FALSE);
}

char *
mml_subtitle_fix_rtl_text (const char *srt_utf8)
{
  GString *out;
  const char *p, *end;

  g_return_val_if_fail (srt_utf8 != NULL, NULL);
  end = srt_utf8 + strlen (srt_utf8);
  out = g_string_sized_new (end - srt_utf8 + 16);
  for (p = srt_utf8; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p), *e, *s;
      const char *next;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;
      e = eol;
      if (e > p && e[-1] == '\r')
        e--;
      s = p;
      while (s < e && g_ascii_isspace (*s))
        s++;
      if (s == e || is_digits (s, e - s) || g_strstr_len (p, e - p, "-->") != NULL)
        g_string_append_len (out, p, next - p);
      else
        {
          g_autofree char *line = g_strndup (p, e - p);
          g_autofree char *fixed = mml_subtitle_fix_rtl_punctuation (line);

          g_string_append (out, fixed);
          g_string_append_len (out, e, next - e);
        }
      p = next;
    }
  return g_string_free (out, FALSE);
}
