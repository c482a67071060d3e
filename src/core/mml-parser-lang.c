/* mml-parser-lang.c — language, quality-word and extension tables of the parser,
 * plus the sidecar-subtitle and file-kind helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser-private.h"

#include <string.h>

typedef enum
{
  LM_CI,     /* any case */
  LM_UP,     /* only written in capitals ("FR", "PL"): lower-case is an ordinary word */
  LM_WEAK,   /* any case, but it is also a common word: needs a neighbour */
} LangMode;

typedef struct
{
  const char *word;   /* lower case */
  const char *code;
  guint8      mode;
} LangWord;

/* Every word table below is sorted (strcmp order, checked by
 * mml_parser_tables_sorted()) and looked up by binary search on the
 * lower-cased token: the scans used to take a fifth of the parse time. */

/* Lower-case tok into buf (cap bytes, NUL-terminated).  FALSE when it does not fit
 * or holds a NUL: no table word can match then. */
static inline gboolean
lower_into (const char *tok,
            gsize       len,
            char       *buf,
            gsize       cap)
{
  gsize i;

  if (len >= cap)
    return FALSE;
  for (i = 0; i < len; i++)
    {
      if (tok[i] == '\0')
        return FALSE;
      buf[i] = mml_parser_lower (tok[i]);
    }
  buf[len] = '\0';
  return TRUE;
}

/* Index of key in a sorted table whose elements start with their word, or -1. */
static gssize
find_word (const void *table,
           gsize       n,
           gsize       size,
           const char *key)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      const char *w = *(const char *const *) (const void *) ((const char *) table + mid * size);
      int r = strcmp (key, w);

      if (r == 0)
        return (gssize) mid;
      if (r < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return -1;
}

#define FIND_WORD(table, key) find_word ((table), G_N_ELEMENTS (table), sizeof (table)[0], (key))

/* Words of release names.  Kept apart from subtitle sidecar codes: in a release,
 * "it", "no" or "de" are ordinary words unless written in capitals. */
static const LangWord release_langs[] = {
  { "albanian", "sq", LM_CI }, { "ara", "ar", LM_WEAK }, { "arabic", "ar", LM_CI },
  { "azerbaijani", "az", LM_CI },
  { "bengali", "bn", LM_CI }, { "bg", "bg", LM_UP }, { "big5", "zh", LM_UP },
  { "brazilian", "pt-BR", LM_CI }, { "bul", "bg", LM_CI }, { "bulgarian", "bg", LM_CI },
  { "cantonese", "zh", LM_CI }, { "castellano", "es", LM_CI }, { "cat", "ca", LM_WEAK },
  { "catalan", "ca", LM_CI }, { "ces", "cs", LM_CI }, { "chi", "zh", LM_UP },
  { "chinese", "zh", LM_CI }, { "chs", "zh", LM_UP }, { "cht", "zh", LM_UP },
  { "cn", "zh", LM_UP }, { "croatian", "hr", LM_CI }, { "cs", "cs", LM_UP },
  { "cz", "cs", LM_UP }, { "cze", "cs", LM_CI }, { "czech", "cs", LM_CI },
  { "da", "da", LM_UP }, { "dan", "da", LM_WEAK }, { "danish", "da", LM_CI },
  { "de", "de", LM_UP }, { "deu", "de", LM_CI }, { "deutsch", "de", LM_CI },
  { "dublado", "pt-BR", LM_CI }, { "dut", "nl", LM_CI }, { "dutch", "nl", LM_CI },
  { "el", "el", LM_UP }, { "ell", "el", LM_CI }, { "en", "en", LM_UP }, { "eng", "en", LM_CI },
  { "english", "en", LM_CI }, { "es", "es", LM_UP }, { "esp", "es", LM_CI },
  { "espanol", "es", LM_CI }, { "est", "et", LM_WEAK }, { "estonian", "et", LM_CI },
  { "farsi", "fa", LM_CI }, { "fi", "fi", LM_UP }, { "filipino", "tl", LM_CI },
  { "fin", "fi", LM_WEAK }, { "finnish", "fi", LM_CI }, { "flemish", "nl-BE", LM_CI },
  { "fr", "fr", LM_UP }, { "fra", "fr", LM_CI }, { "francais", "fr", LM_CI },
  { "fre", "fr", LM_CI }, { "french", "fr", LM_CI },
  { "gb", "zh", LM_UP }, { "geo", "ka", LM_UP }, { "georgian", "ka", LM_CI },
  { "ger", "de", LM_CI }, { "german", "de", LM_CI }, { "gr", "el", LM_UP },
  { "gre", "el", LM_CI }, { "greek", "el", LM_CI },
  { "he", "he", LM_UP }, { "heb", "he", LM_CI }, { "hebdub", "he", LM_CI },
  { "hebrew", "he", LM_CI }, { "hin", "hi", LM_WEAK }, { "hindi", "hi", LM_CI },
  { "hr", "hr", LM_UP }, { "hrv", "hr", LM_CI }, { "hu", "hu", LM_UP }, { "hun", "hu", LM_CI },
  { "hundub", "hu", LM_CI }, { "hungarian", "hu", LM_CI },
  { "ice", "is", LM_UP }, { "icelandic", "is", LM_CI }, { "ind", "id", LM_WEAK },
  { "indonesian", "id", LM_CI }, { "ing", "en", LM_WEAK }, { "ingles", "en", LM_CI },
  { "isl", "is", LM_UP }, { "it", "it", LM_UP }, { "ita", "it", LM_CI },
  { "italian", "it", LM_CI }, { "italiano", "it", LM_CI },
  { "ja", "ja", LM_UP }, { "jap", "ja", LM_CI }, { "japanese", "ja", LM_CI },
  { "jp", "ja", LM_UP }, { "jpn", "ja", LM_CI },
  { "ka", "ka", LM_UP }, { "kannada", "kn", LM_CI }, { "ko", "ko", LM_UP },
  { "kor", "ko", LM_CI }, { "korean", "ko", LM_CI }, { "kr", "ko", LM_UP },
  { "lat", "lv", LM_WEAK }, { "latino", "es-419", LM_CI }, { "latvian", "lv", LM_CI },
  { "lav", "lv", LM_CI }, { "lekpl", "pl", LM_CI }, { "lit", "lt", LM_WEAK },
  { "lithuanian", "lt", LM_CI }, { "lt", "lt", LM_UP }, { "lv", "lv", LM_UP },
  { "macedonian", "mk", LM_CI }, { "magyar", "hu", LM_CI }, { "malay", "ms", LM_CI },
  { "malayalam", "ml", LM_CI }, { "mandarin", "zh", LM_CI }, { "marathi", "mr", LM_CI },
  { "ml", "en", LM_UP },
  { "nb", "no", LM_UP }, { "nl", "nl", LM_UP }, { "nld", "nl", LM_CI },
  { "nor", "no", LM_WEAK }, { "norwegian", "no", LM_CI },
  { "per", "fa", LM_UP }, { "persian", "fa", LM_CI }, { "pl", "pl", LM_UP },
  { "plsub", "pl", LM_UP }, { "pol", "pl", LM_WEAK }, { "polish", "pl", LM_CI },
  { "por", "pt", LM_CI }, { "portuguese", "pt", LM_CI }, { "pt", "pt", LM_UP },
  { "ptbr", "pt-BR", LM_CI },
  { "ro", "ro", LM_UP }, { "rom", "ro", LM_UP }, { "romanian", "ro", LM_CI },
  { "romansh", "rm", LM_CI }, { "ru", "ru", LM_UP }, { "rumantsch", "rm", LM_CI },
  { "rus", "ru", LM_CI }, { "russian", "ru", LM_CI },
  { "serbian", "sr", LM_CI }, { "sk", "sk", LM_UP }, { "slk", "sk", LM_CI },
  { "slovak", "sk", LM_CI }, { "slovenian", "sl", LM_CI }, { "slv", "sl", LM_CI },
  { "spa", "es", LM_CI }, { "spanish", "es", LM_CI }, { "srp", "sr", LM_CI },
  { "sv", "sv", LM_UP }, { "swe", "sv", LM_WEAK }, { "swedish", "sv", LM_CI },
  { "swissgerman", "de", LM_CI },
  { "tagalog", "tl", LM_CI }, { "tamil", "ta", LM_CI }, { "telugu", "te", LM_CI },
  { "th", "th", LM_UP }, { "tha", "th", LM_WEAK }, { "thai", "th", LM_CI },
  { "tr", "tr", LM_UP }, { "truefrench", "fr", LM_CI }, { "tur", "tr", LM_WEAK },
  { "turkish", "tr", LM_CI },
  { "ua", "uk", LM_UP }, { "ukr", "uk", LM_CI }, { "ukrainian", "uk", LM_CI },
  { "uzbek", "uz", LM_CI },
  { "vf", "fr", LM_UP }, { "vf2", "fr", LM_CI }, { "vff", "fr", LM_CI }, { "vfi", "fr", LM_CI },
  { "vfq", "fr", LM_CI }, { "vi", "vi", LM_UP }, { "vie", "vi", LM_CI },
  { "vietnamese", "vi", LM_CI }, { "vlaams", "nl-BE", LM_CI }, { "vof", "fr", LM_CI },
  { "zh", "zh", LM_UP }, { "zho", "zh", LM_CI },
};

MmlLangHit
mml_parser_release_language (const char  *tok,
                             gsize        len,
                             const char **code)
{
  const LangWord *lw;
  char key[16];
  gssize at;
  gsize k;

  if (len < 2 || len > 12)
    return MML_LANG_HIT_NONE;
  if (!g_ascii_isalpha (mml_parser_lower (tok[0])) || !lower_into (tok, len, key, sizeof key))
    return MML_LANG_HIT_NONE;
  at = FIND_WORD (release_langs, key);
  if (at < 0)
    return MML_LANG_HIT_NONE;
  lw = &release_langs[at];
  if (lw->mode == LM_UP)
    {
      for (k = 0; k < len; k++)
        if (g_ascii_islower (tok[k]))
          return MML_LANG_HIT_NONE;
    }
  *code = lw->code;
  if (lw->mode == LM_WEAK)
    {
      for (k = 0; k < len; k++)
        if (g_ascii_islower (tok[k]))
          return MML_LANG_HIT_WEAK;
    }
  return MML_LANG_HIT_WORD;
}

/* Sidecar subtitle codes and names (ISO 639-1, 639-2/B and /T, English names). */
typedef struct
{
  const char *word;
  const char *code;
} SubLang;

static const SubLang sub_langs[] = {
  { "alb", "sq" }, { "albanian", "sq" }, { "ar", "ar" }, { "ara", "ar" }, { "arabic", "ar" },
  { "baq", "eu" }, { "basque", "eu" }, { "ben", "bn" }, { "bengali", "bn" }, { "bg", "bg" },
  { "bn", "bn" }, { "brazilian", "pt-BR" }, { "bul", "bg" }, { "bulgarian", "bg" },
  { "ca", "ca" }, { "cat", "ca" }, { "catalan", "ca" }, { "ces", "cs" }, { "chi", "zh" },
  { "chinese", "zh" }, { "chs", "zh" }, { "cht", "zh" }, { "croatian", "hr" }, { "cs", "cs" },
  { "cze", "cs" }, { "czech", "cs" },
  { "da", "da" }, { "dan", "da" }, { "danish", "da" }, { "de", "de" }, { "deu", "de" },
  { "dut", "nl" }, { "dutch", "nl" },
  { "el", "el" }, { "ell", "el" }, { "en", "en" }, { "eng", "en" }, { "english", "en" },
  { "es", "es" }, { "es-419", "es-419" }, { "es-la", "es-419" }, { "esp", "es" },
  { "est", "et" }, { "estonian", "et" }, { "et", "et" }, { "eu", "eu" }, { "eus", "eu" },
  { "fa", "fa" }, { "fas", "fa" }, { "fi", "fi" }, { "fin", "fi" }, { "finnish", "fi" },
  { "flemish", "nl-BE" }, { "fr", "fr" }, { "fra", "fr" }, { "fre", "fr" }, { "french", "fr" },
  { "galician", "gl" }, { "geo", "ka" }, { "georgian", "ka" }, { "ger", "de" },
  { "german", "de" }, { "gl", "gl" }, { "glg", "gl" }, { "gre", "el" }, { "greek", "el" },
  { "he", "he" }, { "heb", "he" }, { "hebrew", "he" }, { "hi", "hi" }, { "hin", "hi" },
  { "hindi", "hi" }, { "hr", "hr" }, { "hrv", "hr" }, { "hu", "hu" }, { "hun", "hu" },
  { "hungarian", "hu" },
  { "ice", "is" }, { "icelandic", "is" }, { "id", "id" }, { "ind", "id" },
  { "indonesian", "id" }, { "is", "is" }, { "isl", "is" }, { "it", "it" }, { "ita", "it" },
  { "italian", "it" }, { "iw", "he" },
  { "ja", "ja" }, { "japanese", "ja" }, { "jp", "ja" }, { "jpn", "ja" },
  { "ka", "ka" }, { "kat", "ka" }, { "ko", "ko" }, { "kor", "ko" }, { "korean", "ko" },
  { "lat", "es-419" }, { "latino", "es-419" }, { "latvian", "lv" }, { "lav", "lv" },
  { "lit", "lt" }, { "lithuanian", "lt" }, { "lt", "lt" }, { "lv", "lv" },
  { "mac", "mk" }, { "macedonian", "mk" }, { "mal", "ml" }, { "malay", "ms" },
  { "malayalam", "ml" }, { "may", "ms" }, { "mk", "mk" }, { "mkd", "mk" }, { "ml", "ml" },
  { "ms", "ms" }, { "msa", "ms" },
  { "nb", "no" }, { "nl", "nl" }, { "nl-be", "nl-BE" }, { "nld", "nl" }, { "no", "no" },
  { "nob", "no" }, { "nor", "no" }, { "norwegian", "no" },
  { "per", "fa" }, { "persian", "fa" }, { "pl", "pl" }, { "pob", "pt-BR" }, { "pol", "pl" },
  { "polish", "pl" }, { "por", "pt" }, { "portuguese", "pt" }, { "pt", "pt" },
  { "pt-br", "pt-BR" }, { "pt_br", "pt-BR" }, { "ptbr", "pt-BR" },
  { "ro", "ro" }, { "romanian", "ro" }, { "ron", "ro" }, { "ru", "ru" }, { "rum", "ro" },
  { "rus", "ru" }, { "russian", "ru" },
  { "serbian", "sr" }, { "sk", "sk" }, { "sl", "sl" }, { "slk", "sk" }, { "slo", "sk" },
  { "slovak", "sk" }, { "slovenian", "sl" }, { "slv", "sl" }, { "spa", "es" },
  { "spanish", "es" }, { "sq", "sq" }, { "sqi", "sq" }, { "sr", "sr" }, { "srp", "sr" },
  { "sv", "sv" }, { "swe", "sv" }, { "swedish", "sv" },
  { "ta", "ta" }, { "tam", "ta" }, { "tamil", "ta" }, { "te", "te" }, { "tel", "te" },
  { "telugu", "te" }, { "th", "th" }, { "tha", "th" }, { "thai", "th" }, { "tr", "tr" },
  { "tur", "tr" }, { "turkish", "tr" },
  { "uk", "uk" }, { "ukr", "uk" }, { "ukrainian", "uk" },
  { "vi", "vi" }, { "vie", "vi" }, { "vietnamese", "vi" },
  { "zh", "zh" }, { "zh-cn", "zh" }, { "zh-tw", "zh" }, { "zho", "zh" },
};

const char *
mml_parse_language_code (const char *word,
                         gssize      len)
{
  char key[16];
  gssize at;
  gsize n;

  if (word == NULL)
    return NULL;
  n = len < 0 ? strlen (word) : (gsize) len;
  if (n < 2 || n > 12 || !lower_into (word, n, key, sizeof key))
    return NULL;
  at = FIND_WORD (sub_langs, key);
  return at < 0 ? NULL : sub_langs[at].code;
}

/* Lower-case; compared against whole tokens. */
static const char *const tech_words[] = {
  "10b", "10bit", "10bits", "12bit",
  "264", "265", "2ch",
  "4k",
  "6ch",
  "8bit",
  "aac", "aac2", "ac3", "amzn", "aoz", "atmos", "atvp", "audio", "av1", "avc",
  "batch", "bd", "bd25", "bd50", "bdremux", "bdrip", "blu", "bluray", "brrip",
  "ch", "complete",
  "dd", "dd2", "dd5", "ddp", "ddp2", "ddp5", "divx", "dl", "dsnp", "dsr", "dts", "dtshd",
  "dual", "dub", "dubbed", "dv", "dvd", "dvdr", "dvdrip",
  "eac3", "eng", "es", "esub", "extended",
  "fhd", "flac",
  "h264", "h265", "h266", "hd", "hdr", "hdr10", "hdrip", "hdtv", "hevc", "hi10", "hi10p", "hlg",
  "hmax", "hulu", "hybrid",
  "internal", "ita",
  "lpcm",
  "ma", "mkv", "mp2", "mp3", "mp4", "mpeg", "mpeg2", "multi", "multisub",
  "nf", "nzb",
  "opus",
  "pcm", "pdtv", "proper",
  "rar", "rars", "raw", "ray", "remux", "repack", "rip",
  "sd", "sdr", "sdtv", "softsubs", "sub", "subs",
  "truehd", "tvrip",
  "uhd", "uncensored", "uncut",
  "vc1", "vp9",
  "web", "webdl", "webrip", "ws",
  "x", "x264", "x265", "x266", "xvid",
};

gboolean
mml_parser_is_tech_word (const char *tok,
                         gsize       len)
{
  char key[16];

  if (len == 0 || len > 12 || !lower_into (tok, len, key, sizeof key))
    return FALSE;
  return FIND_WORD (tech_words, key) >= 0;
}

static const char *const source_words[] = {
  "amzn", "atvp", "avc",
  "bdremux", "bdrip", "bluray", "brrip",
  "divx", "dsnp", "dsr", "dvd", "dvdr", "dvdrip",
  "h264", "h265", "hdrip", "hdtv", "hevc", "hmax",
  "itunes",
  "nf",
  "pdtv",
  "remux",
  "sdtv",
  "tvrip",
  "web", "webdl", "webrip",
  "x264", "x265", "xvid",
};

gboolean
mml_parser_is_source_word (const char *tok,
                           gsize       len)
{
  char key[16];

  if (len == 0 || len > 8 || !lower_into (tok, len, key, sizeof key))
    return FALSE;
  return FIND_WORD (source_words, key) >= 0;
}

static const char *const junk_suffixes[] = {
  "4p", "4planet",
  "alternativetorequested", "asrequested",
  "buymore",
  "cbs", "chamele0n",
  "ettv", "eztv",
  "hbo",
  "nzbgeek", "nzbget",
  "obfuscated",
  "postbot", "publichd",
  "rakuv", "rakuvfinhel", "rarbg", "rartv", "repackpost", "rp",
  "sabnzbd", "sample", "scrambled", "sickbeard",
  "whitemilk",
  "xpost",
};

gboolean
mml_parser_is_junk_suffix (const char *tok,
                           gsize       len)
{
  char key[32];

  if (len == 0 || len > 24)
    return FALSE;
  /* "Rakuv02", "Rakuv1" … */
  if (len >= 5 && mml_parser_word_eq (tok, 5, "rakuv"))
    return TRUE;
  if (!lower_into (tok, len, key, sizeof key))
    return FALSE;
  return FIND_WORD (junk_suffixes, key) >= 0;
}

/* Known extensions, keyed by length and lower-cased bytes packed into an integer:
 * a switch on that key is one lower-casing pass and a few compares (the scan asks
 * for every file of a library). */
typedef enum
{
  EXT_NONE = 0,
  EXT_VIDEO,
  EXT_SUBTITLE,
} ExtKind;

#define EXT_MAX 5   /* longest extension worth looking at */

#define EXT_KEY(n, a, b, c, d) \
  ((guint64) (n) | (guint64) (a) << 8 | (guint64) (b) << 16 | (guint64) (c) << 24 | (guint64) (d) << 32)
#define E2(a, b)       EXT_KEY (2, a, b, 0, 0)
#define E3(a, b, c)    EXT_KEY (3, a, b, c, 0)
#define E4(a, b, c, d) EXT_KEY (4, a, b, c, d)

/* *res gets the resolution a bare file of this type implies. */
static inline ExtKind
ext_kind (const char *ext,
          gsize       len,
          int        *res)
{
  guint64 key;
  gsize i;

  if (len < 2 || len > EXT_MAX)
    return EXT_NONE;
  key = len;
  for (i = 0; i < len; i++)
    key |= (guint64) (guchar) mml_parser_lower (ext[i]) << (8 * (i + 1));

  *res = 0;
  switch (key)
    {
    case E3 ('m', 'k', 'v'): case E3 ('m', 'p', '4'): case E3 ('m', '4', 'v'):
      *res = 720;
      return EXT_VIDEO;
    case E3 ('a', 'v', 'i'): case E3 ('w', 'm', 'v'): case E3 ('m', 'p', 'g'):
    case E4 ('m', 'p', 'e', 'g'): case E3 ('f', 'l', 'v'): case E3 ('o', 'g', 'm'):
    case E4 ('d', 'i', 'v', 'x'): case E4 ('x', 'v', 'i', 'd'): case E3 ('v', 'o', 'b'):
    case E4 ('r', 'm', 'v', 'b'): case E2 ('r', 'm'): case E3 ('a', 's', 'f'):
      *res = 480;
      return EXT_VIDEO;
    case E2 ('t', 's'): case E4 ('m', '2', 't', 's'): case E3 ('m', 't', 's'):
    case E3 ('m', 'o', 'v'): case E4 ('w', 'e', 'b', 'm'): case E3 ('o', 'g', 'v'):
    case E3 ('i', 's', 'o'): case E3 ('3', 'g', 'p'): case E3 ('f', '4', 'v'):
    case E4 ('s', 't', 'r', 'm'):
      return EXT_VIDEO;
    case E3 ('s', 'r', 't'): case E3 ('a', 's', 's'): case E3 ('s', 's', 'a'):
    case E3 ('v', 't', 't'): case E3 ('s', 'u', 'b'): case E3 ('i', 'd', 'x'):
    case E3 ('s', 'u', 'p'): case E3 ('s', 'm', 'i'):
      return EXT_SUBTITLE;
    default:
      return EXT_NONE;
    }
}

#undef E2
#undef E3
#undef E4
#undef EXT_KEY

gboolean
mml_parser_known_ext (const char *ext,
                      gsize       len,
                      int        *res)
{
  int r;

  if (ext_kind (ext, len, &r) == EXT_NONE)
    return FALSE;
  *res = r;
  return TRUE;
}

/* The extension of name's last component when it is short enough to be known
 * (one strlen, then at most EXT_MAX + 1 bytes from the end); else 0. */
static inline gsize
short_ext (const char  *name,
           const char **ext)
{
  gsize n = strlen (name), k;

  for (k = 1; k <= EXT_MAX + 1 && k <= n; k++)
    {
      char ch = name[n - k];

      if (ch == '.')
        {
          *ext = name + n - k + 1;
          return k - 1;
        }
      if (ch == '/')
        return 0;
    }
  return 0;
}

static inline ExtKind
name_ext_kind (const char *name)
{
  const char *ext = NULL;
  gsize len = short_ext (name, &ext);
  int res;

  return len == 0 ? EXT_NONE : ext_kind (ext, len, &res);
}

gboolean
mml_is_video_ext (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);
  return name_ext_kind (name) == EXT_VIDEO;
}

gboolean
mml_is_subtitle_ext (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);
  return name_ext_kind (name) == EXT_SUBTITLE;
}

/* ".part", ".!qb", ".crdownload" …: unfinished downloads (ext lower-cased) */
static gboolean
is_partial_ext (const char *ext,
                gsize       len)
{
  switch (len)
    {
    case 3: return strcmp (ext, "!qb") == 0 || strcmp (ext, "tmp") == 0 || strcmp (ext, "!ut") == 0;
    case 4: return strcmp (ext, "part") == 0;
    case 7: return strcmp (ext, "partial") == 0;
    case 8: return strcmp (ext, "download") == 0;
    case 10: return strcmp (ext, "crdownload") == 0;
    default: return FALSE;
    }
}

gboolean
mml_is_ignored_name (const char *name)
{
  const char *base, *slash;
  gsize n, i, stem;
  char ext[12];

  g_return_val_if_fail (name != NULL, FALSE);
  slash = strrchr (name, '/');
  base = slash != NULL ? slash + 1 : name;
  n = strlen (base);
  if (n == 0 || base[0] == '.' || base[n - 1] == '~')
    return TRUE;

  /* the last dot: usually a few bytes from the end */
  stem = n;
  for (i = n; i > 0; i--)
    {
      if (base[i - 1] == '.')
        {
          stem = i - 1;
          break;
        }
    }
  if (stem < n && lower_into (base + stem + 1, n - stem - 1, ext, sizeof ext)
      && is_partial_ext (ext, n - stem - 1))
    return TRUE;

  /* sample.mkv, Show.S01E01.sample.mkv, Show-sample.mkv, "Sample" folder */
  if (stem >= 6 && mml_parser_word_eq (base + stem - 6, 6, "sample")
      && (stem == 6 || base[stem - 7] == '.' || base[stem - 7] == '-'
          || base[stem - 7] == '_' || base[stem - 7] == ' '))
    return TRUE;
  if (slash != NULL)
    {
      const char *p = slash;

      /* immediate parent folder called "Sample" */
      while (p > name && p[-1] != '/')
        p--;
      if (slash - p == 6 && mml_parser_word_eq (p, 6, "sample"))
        return TRUE;
    }
  return FALSE;
}

static const char *const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};
static const char *const months_long[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
};

int
mml_parser_month_name (const char *tok,
                       gsize       len)
{
  int i;

  for (i = 0; i < 12; i++)
    {
      if (mml_parser_word_eq (tok, len, months[i]) || mml_parser_word_eq (tok, len, months_long[i]))
        return i + 1;
    }
  if (mml_parser_word_eq (tok, len, "sept"))
    return 9;
  return 0;
}

static const char *const tlds[] = {
  "ag", "au",
  "be", "biz",
  "cc", "ch", "club", "co", "com", "cz",
  "de",
  "es", "eu",
  "fr",
  "in", "info", "io", "is", "it",
  "la", "li", "link", "lol",
  "me", "ms", "mx",
  "net", "nl", "nu",
  "one", "online", "org",
  "pl", "pro", "pw",
  "re", "ro", "rs", "ru",
  "se", "site", "st", "sx",
  "to", "top", "tv",
  "uk",
  "vip",
  "win", "ws",
  "xyz",
  "za",
};

gboolean
mml_parser_is_tld (const char *tok,
                   gsize       len)
{
  char key[16];

  if (len == 0 || !lower_into (tok, len, key, sizeof key))
    return FALSE;
  return FIND_WORD (tlds, key) >= 0;
}

/* ------------------------------------------------------------------ checks */

static gboolean
sorted_words (const void *table,
              gsize       n,
              gsize       size)
{
  gsize i;

  for (i = 1; i < n; i++)
    {
      const char *a = *(const char *const *) (const void *) ((const char *) table + (i - 1) * size);
      const char *b = *(const char *const *) (const void *) ((const char *) table + i * size);

      if (strcmp (a, b) >= 0)
        return FALSE;
    }
  return TRUE;
}

#define SORTED(table) sorted_words ((table), G_N_ELEMENTS (table), sizeof (table)[0])

gboolean
mml_parser_tables_sorted (void)
{
  return SORTED (release_langs) && SORTED (sub_langs) && SORTED (tech_words)
         && SORTED (source_words) && SORTED (junk_suffixes) && SORTED (tlds);
}
