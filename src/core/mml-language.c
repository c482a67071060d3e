/* mml-language.c — language codes and names to one canonical code
 *
 * Two static tables, both sorted in strcmp (byte) order and searched by
 * bisection: the languages by canonical code, and every word that names one
 * (codes, English and native names, customary spellings), lower-cased.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-language.h"

typedef struct
{
  const char *code;      /* canonical */
  const char *iso1;      /* NULL: none */
  const char *iso2b;
  const char *iso2t;
  const char *name;      /* English, marked for translation */
  const char *native;
} MmlLanguageInfo;

typedef struct
{
  const char *word;      /* lower case (UTF-8 case folding of g_unichar_tolower) */
  const char *code;
} LangAlias;

/* The canonical code of each language, and the words that name it.  "lat" is
 * Latin-American Spanish as release and subtitle names use it (Latin itself
 * is not in the table); "hi" is Hindi (sidecars decide otherwise). */
static const MmlLanguageInfo languages[] = {
  { "af", "af", "afr", "afr", N_("Afrikaans"), "Afrikaans" },
  { "am", "am", "amh", "amh", N_("Amharic"), "አማርኛ" },
  { "ar", "ar", "ara", "ara", N_("Arabic"), "العربية" },
  { "ast", NULL, "ast", "ast", N_("Asturian"), "Asturianu" },
  { "az", "az", "aze", "aze", N_("Azerbaijani"), "Azərbaycan" },
  { "be", "be", "bel", "bel", N_("Belarusian"), "Беларуская" },
  { "bg", "bg", "bul", "bul", N_("Bulgarian"), "Български" },
  { "bn", "bn", "ben", "ben", N_("Bengali"), "বাংলা" },
  { "bs", "bs", "bos", "bos", N_("Bosnian"), "Bosanski" },
  { "ca", "ca", "cat", "cat", N_("Catalan"), "Català" },
  { "cs", "cs", "cze", "ces", N_("Czech"), "Čeština" },
  { "cy", "cy", "wel", "cym", N_("Welsh"), "Cymraeg" },
  { "da", "da", "dan", "dan", N_("Danish"), "Dansk" },
  { "de", "de", "ger", "deu", N_("German"), "Deutsch" },
  { "el", "el", "gre", "ell", N_("Greek"), "Ελληνικά" },
  { "en", "en", "eng", "eng", N_("English"), "English" },
  { "eo", "eo", "epo", "epo", N_("Esperanto"), "Esperanto" },
  { "es", "es", "spa", "spa", N_("Spanish"), "Español" },
  { "es-419", NULL, "spa", "spa", N_("Spanish (Latin America)"), "Español (Latinoamérica)" },
  { "et", "et", "est", "est", N_("Estonian"), "Eesti" },
  { "eu", "eu", "baq", "eus", N_("Basque"), "Euskara" },
  { "fa", "fa", "per", "fas", N_("Persian"), "فارسی" },
  { "fi", "fi", "fin", "fin", N_("Finnish"), "Suomi" },
  { "fil", NULL, "fil", "fil", N_("Filipino"), "Filipino" },
  { "fr", "fr", "fre", "fra", N_("French"), "Français" },
  { "fr-ca", NULL, "fre", "fra", N_("French (Canada)"), "Français (Canada)" },
  { "ga", "ga", "gle", "gle", N_("Irish"), "Gaeilge" },
  { "gl", "gl", "glg", "glg", N_("Galician"), "Galego" },
  { "he", "he", "heb", "heb", N_("Hebrew"), "עברית" },
  { "hi", "hi", "hin", "hin", N_("Hindi"), "हिन्दी" },
  { "hr", "hr", "hrv", "hrv", N_("Croatian"), "Hrvatski" },
  { "hu", "hu", "hun", "hun", N_("Hungarian"), "Magyar" },
  { "hy", "hy", "arm", "hye", N_("Armenian"), "Հայերեն" },
  { "id", "id", "ind", "ind", N_("Indonesian"), "Bahasa Indonesia" },
  { "is", "is", "ice", "isl", N_("Icelandic"), "Íslenska" },
  { "it", "it", "ita", "ita", N_("Italian"), "Italiano" },
  { "ja", "ja", "jpn", "jpn", N_("Japanese"), "日本語" },
  { "ka", "ka", "geo", "kat", N_("Georgian"), "ქართული" },
  { "kk", "kk", "kaz", "kaz", N_("Kazakh"), "Қазақ тілі" },
  { "km", "km", "khm", "khm", N_("Khmer"), "ខ្មែរ" },
  { "kn", "kn", "kan", "kan", N_("Kannada"), "ಕನ್ನಡ" },
  { "ko", "ko", "kor", "kor", N_("Korean"), "한국어" },
  { "ku", "ku", "kur", "kur", N_("Kurdish"), "Kurdî" },
  { "lb", "lb", "ltz", "ltz", N_("Luxembourgish"), "Lëtzebuergesch" },
  { "lt", "lt", "lit", "lit", N_("Lithuanian"), "Lietuvių" },
  { "lv", "lv", "lav", "lav", N_("Latvian"), "Latviešu" },
  { "mk", "mk", "mac", "mkd", N_("Macedonian"), "Македонски" },
  { "ml", "ml", "mal", "mal", N_("Malayalam"), "മലയാളം" },
  { "mn", "mn", "mon", "mon", N_("Mongolian"), "Монгол" },
  { "mr", "mr", "mar", "mar", N_("Marathi"), "मराठी" },
  { "ms", "ms", "may", "msa", N_("Malay"), "Bahasa Melayu" },
  { "my", "my", "bur", "mya", N_("Burmese"), "မြန်မာ" },
  { "ne", "ne", "nep", "nep", N_("Nepali"), "नेपाली" },
  { "nl", "nl", "dut", "nld", N_("Dutch"), "Nederlands" },
  { "nl-be", NULL, "dut", "nld", N_("Flemish"), "Vlaams" },
  { "nn", "nn", "nno", "nno", N_("Norwegian Nynorsk"), "Nynorsk" },
  { "no", "no", "nor", "nor", N_("Norwegian"), "Norsk" },
  { "oc", "oc", "oci", "oci", N_("Occitan"), "Occitan" },
  { "pa", "pa", "pan", "pan", N_("Punjabi"), "ਪੰਜਾਬੀ" },
  { "pl", "pl", "pol", "pol", N_("Polish"), "Polski" },
  { "pt", "pt", "por", "por", N_("Portuguese"), "Português" },
  { "pt-br", NULL, "por", "por", N_("Portuguese (Brazil)"), "Português (Brasil)" },
  { "ro", "ro", "rum", "ron", N_("Romanian"), "Română" },
  { "ru", "ru", "rus", "rus", N_("Russian"), "Русский" },
  { "si", "si", "sin", "sin", N_("Sinhala"), "සිංහල" },
  { "sk", "sk", "slo", "slk", N_("Slovak"), "Slovenčina" },
  { "sl", "sl", "slv", "slv", N_("Slovenian"), "Slovenščina" },
  { "sq", "sq", "alb", "sqi", N_("Albanian"), "Shqip" },
  { "sr", "sr", "srp", "srp", N_("Serbian"), "Српски" },
  { "sv", "sv", "swe", "swe", N_("Swedish"), "Svenska" },
  { "sw", "sw", "swa", "swa", N_("Swahili"), "Kiswahili" },
  { "ta", "ta", "tam", "tam", N_("Tamil"), "தமிழ்" },
  { "te", "te", "tel", "tel", N_("Telugu"), "తెలుగు" },
  { "th", "th", "tha", "tha", N_("Thai"), "ไทย" },
  { "tl", "tl", "tgl", "tgl", N_("Tagalog"), "Tagalog" },
  { "tr", "tr", "tur", "tur", N_("Turkish"), "Türkçe" },
  { "uk", "uk", "ukr", "ukr", N_("Ukrainian"), "Українська" },
  { "ur", "ur", "urd", "urd", N_("Urdu"), "اردو" },
  { "uz", "uz", "uzb", "uzb", N_("Uzbek"), "Oʻzbek" },
  { "vi", "vi", "vie", "vie", N_("Vietnamese"), "Tiếng Việt" },
  { "yi", "yi", "yid", "yid", N_("Yiddish"), "ייִדיש" },
  { "zh", "zh", "chi", "zho", N_("Chinese"), "中文" },
  { "zh-cn", NULL, "chi", "zho", N_("Chinese (Simplified)"), "简体中文" },
  { "zh-tw", NULL, "chi", "zho", N_("Chinese (Traditional)"), "繁體中文" },
};

static const LangAlias aliases[] = {
  { "af", "af" }, { "afr", "af" }, { "afrikaans", "af" }, { "alb", "sq" },
  { "albanian", "sq" }, { "am", "am" }, { "amh", "am" }, { "amharic", "am" }, { "ar", "ar" },
  { "ara", "ar" }, { "arabic", "ar" }, { "arm", "hy" }, { "armenian", "hy" }, { "ast", "ast" },
  { "asturian", "ast" }, { "asturianu", "ast" }, { "az", "az" }, { "aze", "az" },
  { "azerbaijani", "az" }, { "azeri", "az" }, { "azərbaycan", "az" }, { "bahasa", "id" },
  { "bangla", "bn" }, { "baq", "eu" }, { "basque", "eu" }, { "be", "be" }, { "bel", "be" },
  { "belarusian", "be" }, { "ben", "bn" }, { "bengali", "bn" }, { "bg", "bg" },
  { "big5", "zh-tw" }, { "bn", "bn" }, { "bokmal", "no" }, { "bokmål", "no" }, { "bos", "bs" },
  { "bosanski", "bs" }, { "bosnian", "bs" }, { "brasil", "pt-br" }, { "brasileiro", "pt-br" },
  { "brazilian", "pt-br" }, { "bs", "bs" }, { "bul", "bg" }, { "bulgarian", "bg" },
  { "bur", "my" }, { "burmese", "my" }, { "ca", "ca" }, { "cambodian", "km" },
  { "cantonese", "zh" }, { "castellano", "es" }, { "castilian", "es" }, { "cat", "ca" },
  { "catala", "ca" }, { "catalan", "ca" }, { "català", "ca" }, { "ces", "cs" },
  { "cestina", "cs" }, { "chi", "zh" }, { "chinese", "zh" }, { "chs", "zh-cn" },
  { "cht", "zh-tw" }, { "cn", "zh" }, { "croatian", "hr" }, { "cs", "cs" }, { "cy", "cy" },
  { "cym", "cy" }, { "cymraeg", "cy" }, { "cz", "cs" }, { "cze", "cs" }, { "czech", "cs" },
  { "da", "da" }, { "dan", "da" }, { "danish", "da" }, { "dansk", "da" }, { "de", "de" },
  { "de-at", "de" }, { "de-ch", "de" }, { "de-de", "de" }, { "deu", "de" },
  { "deutsch", "de" }, { "dk", "da" }, { "dut", "nl" }, { "dutch", "nl" }, { "eesti", "et" },
  { "el", "el" }, { "ell", "el" }, { "ellinika", "el" }, { "en", "en" }, { "en-au", "en" },
  { "en-ca", "en" }, { "en-gb", "en" }, { "en-us", "en" }, { "eng", "en" },
  { "english", "en" }, { "eo", "eo" }, { "epo", "eo" }, { "es", "es" }, { "es-419", "es-419" },
  { "es-ar", "es-419" }, { "es-cl", "es-419" }, { "es-co", "es-419" }, { "es-es", "es" },
  { "es-la", "es-419" }, { "es-lat", "es-419" }, { "es-mx", "es-419" }, { "es-pe", "es-419" },
  { "es-us", "es-419" }, { "es-ve", "es-419" }, { "esp", "es" }, { "espanol", "es" },
  { "español", "es" }, { "esperanto", "eo" }, { "est", "et" }, { "estonian", "et" },
  { "et", "et" }, { "eu", "eu" }, { "eus", "eu" }, { "euskara", "eu" }, { "fa", "fa" },
  { "farsi", "fa" }, { "fas", "fa" }, { "fi", "fi" }, { "fil", "fil" }, { "filipino", "fil" },
  { "fin", "fi" }, { "finnish", "fi" }, { "flemish", "nl-be" }, { "fr", "fr" },
  { "fr-be", "fr" }, { "fr-ca", "fr-ca" }, { "fr-ch", "fr" }, { "fr-fr", "fr" },
  { "fra", "fr" }, { "francais", "fr" }, { "français", "fr" }, { "fre", "fr" },
  { "french", "fr" }, { "ga", "ga" }, { "gaeilge", "ga" }, { "galego", "gl" },
  { "galician", "gl" }, { "geo", "ka" }, { "georgian", "ka" }, { "ger", "de" },
  { "german", "de" }, { "gl", "gl" }, { "gle", "ga" }, { "glg", "gl" }, { "gr", "el" },
  { "gre", "el" }, { "greek", "el" }, { "he", "he" }, { "he-il", "he" }, { "heb", "he" },
  { "hebrew", "he" }, { "hi", "hi" }, { "hin", "hi" }, { "hindi", "hi" }, { "hr", "hr" },
  { "hrv", "hr" }, { "hrvatski", "hr" }, { "hu", "hu" }, { "hun", "hu" },
  { "hungarian", "hu" }, { "hy", "hy" }, { "hye", "hy" }, { "ice", "is" },
  { "icelandic", "is" }, { "id", "id" }, { "ind", "id" }, { "indonesian", "id" },
  { "irish", "ga" }, { "is", "is" }, { "isl", "is" }, { "islenska", "is" }, { "it", "it" },
  { "ita", "it" }, { "italian", "it" }, { "italiano", "it" }, { "ivrit", "he" },
  { "iw", "he" }, { "ja", "ja" }, { "jap", "ja" }, { "japanese", "ja" }, { "jp", "ja" },
  { "jpn", "ja" }, { "ka", "ka" }, { "kan", "kn" }, { "kannada", "kn" }, { "kat", "ka" },
  { "kaz", "kk" }, { "kazakh", "kk" }, { "khm", "km" }, { "khmer", "km" },
  { "kiswahili", "sw" }, { "kk", "kk" }, { "km", "km" }, { "kn", "kn" }, { "ko", "ko" },
  { "kor", "ko" }, { "korean", "ko" }, { "ku", "ku" }, { "kur", "ku" }, { "kurdish", "ku" },
  { "kurdî", "ku" }, { "lat", "es-419" }, { "latam", "es-419" }, { "latino", "es-419" },
  { "latinoamericano", "es-419" }, { "latvian", "lv" }, { "latviesu", "lv" },
  { "latviešu", "lv" }, { "lav", "lv" }, { "lb", "lb" }, { "lietuviu", "lt" },
  { "lietuvių", "lt" }, { "lit", "lt" }, { "lithuanian", "lt" }, { "lt", "lt" },
  { "ltz", "lb" }, { "luxembourgish", "lb" }, { "lv", "lv" }, { "lëtzebuergesch", "lb" },
  { "mac", "mk" }, { "macedonian", "mk" }, { "magyar", "hu" }, { "mal", "ml" },
  { "malay", "ms" }, { "malayalam", "ml" }, { "mandarin", "zh" }, { "mar", "mr" },
  { "marathi", "mr" }, { "may", "ms" }, { "melayu", "ms" }, { "mk", "mk" }, { "mkd", "mk" },
  { "ml", "ml" }, { "mn", "mn" }, { "mon", "mn" }, { "mongolian", "mn" }, { "mr", "mr" },
  { "ms", "ms" }, { "msa", "ms" }, { "my", "my" }, { "mya", "my" }, { "nb", "no" },
  { "ne", "ne" }, { "nederlands", "nl" }, { "nep", "ne" }, { "nepali", "ne" }, { "nl", "nl" },
  { "nl-be", "nl-be" }, { "nl-nl", "nl" }, { "nld", "nl" }, { "nn", "nn" }, { "nno", "nn" },
  { "no", "no" }, { "nob", "no" }, { "nor", "no" }, { "norsk", "no" }, { "norwegian", "no" },
  { "nynorsk", "nn" }, { "oc", "oc" }, { "occitan", "oc" }, { "oci", "oc" },
  { "oʻzbek", "uz" }, { "pa", "pa" }, { "pan", "pa" }, { "panjabi", "pa" }, { "parsi", "fa" },
  { "pb", "pt-br" }, { "per", "fa" }, { "persian", "fa" }, { "pl", "pl" }, { "pob", "pt-br" },
  { "pol", "pl" }, { "polish", "pl" }, { "polski", "pl" }, { "por", "pt" },
  { "portugues", "pt" }, { "portuguese", "pt" }, { "português", "pt" }, { "pt", "pt" },
  { "pt-br", "pt-br" }, { "pt-pt", "pt" }, { "ptbr", "pt-br" }, { "punjabi", "pa" },
  { "quebecois", "fr-ca" }, { "québécois", "fr-ca" }, { "ro", "ro" }, { "romana", "ro" },
  { "romanian", "ro" }, { "română", "ro" }, { "ron", "ro" }, { "ru", "ru" }, { "rum", "ro" },
  { "rus", "ru" }, { "russian", "ru" }, { "scc", "sr" }, { "serbian", "sr" },
  { "shqip", "sq" }, { "si", "si" }, { "sin", "si" }, { "sinhala", "si" },
  { "sinhalese", "si" }, { "sk", "sk" }, { "sl", "sl" }, { "slk", "sk" }, { "slo", "sk" },
  { "slovak", "sk" }, { "slovencina", "sk" }, { "slovene", "sl" }, { "slovenian", "sl" },
  { "slovenscina", "sl" }, { "slovenčina", "sk" }, { "slovenščina", "sl" }, { "slv", "sl" },
  { "spa", "es" }, { "spanish", "es" }, { "sq", "sq" }, { "sqi", "sq" }, { "sr", "sr" },
  { "srp", "sr" }, { "srpski", "sr" }, { "suomi", "fi" }, { "sv", "sv" }, { "svenska", "sv" },
  { "sw", "sw" }, { "swa", "sw" }, { "swahili", "sw" }, { "swe", "sv" }, { "swedish", "sv" },
  { "ta", "ta" }, { "tagalog", "tl" }, { "tam", "ta" }, { "tamil", "ta" }, { "te", "te" },
  { "tel", "te" }, { "telugu", "te" }, { "tgl", "tl" }, { "th", "th" }, { "tha", "th" },
  { "thai", "th" }, { "tl", "tl" }, { "tr", "tr" }, { "tur", "tr" }, { "turkce", "tr" },
  { "turkish", "tr" }, { "türkçe", "tr" }, { "ua", "uk" }, { "uk", "uk" }, { "ukr", "uk" },
  { "ukrainian", "uk" }, { "ur", "ur" }, { "urd", "ur" }, { "urdu", "ur" }, { "uz", "uz" },
  { "uzb", "uz" }, { "uzbek", "uz" }, { "vf", "fr" }, { "vff", "fr" }, { "vfq", "fr-ca" },
  { "vi", "vi" }, { "vie", "vi" }, { "vietnamese", "vi" }, { "vlaams", "nl-be" },
  { "wel", "cy" }, { "welsh", "cy" }, { "yi", "yi" }, { "yid", "yi" }, { "yiddish", "yi" },
  { "zh", "zh" }, { "zh-cn", "zh-cn" }, { "zh-hans", "zh-cn" }, { "zh-hant", "zh-tw" },
  { "zh-hk", "zh-tw" }, { "zh-sg", "zh" }, { "zh-tw", "zh-tw" }, { "zho", "zh" },
  { "íslenska", "is" }, { "čeština", "cs" }, { "ελληνικά", "el" }, { "беларуская", "be" },
  { "български", "bg" }, { "македонски", "mk" }, { "монгол", "mn" }, { "русский", "ru" },
  { "српски", "sr" }, { "українська", "uk" }, { "қазақ", "kk" }, { "հայերեն", "hy" },
  { "ייִדיש", "yi" }, { "עברית", "he" }, { "اردو", "ur" }, { "العربية", "ar" },
  { "عربي", "ar" }, { "فارسی", "fa" }, { "नेपाली", "ne" }, { "मराठी", "mr" },
  { "हिंदी", "hi" }, { "हिन्दी", "hi" }, { "বাংলা", "bn" }, { "ਪੰਜਾਬੀ", "pa" },
  { "தமிழ்", "ta" }, { "తెలుగు", "te" }, { "ಕನ್ನಡ", "kn" }, { "മലയാളം", "ml" },
  { "සිංහල", "si" }, { "ไทย", "th" }, { "မြန်မာ", "my" }, { "ქართული", "ka" },
  { "አማርኛ", "am" }, { "ខ្មែរ", "km" }, { "中文", "zh" }, { "日本語", "ja" }, { "简中", "zh-cn" },
  { "简体", "zh-cn" }, { "简体中文", "zh-cn" }, { "繁中", "zh-tw" }, { "繁體", "zh-tw" },
  { "繁體中文", "zh-tw" }, { "한국어", "ko" },
};

/* Longest word looked at, in bytes once lower-cased */
#define KEY_MAX 64

/* Index of key in a sorted table whose elements start with their word, or -1. */
static gssize
bisect (const void *table,
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

#define BISECT(table, key) bisect ((table), G_N_ELEMENTS (table), sizeof (table)[0], (key))

/* Lower-case word (UTF-8) into key, '_' becoming '-'.  FALSE when it is not
 * valid UTF-8, holds a NUL or a separator, or does not fit. */
static gboolean
make_key (const char *word,
          gsize       len,
          char       *key,
          gsize       cap)
{
  const char *p = word, *end = word + len;
  gsize at = 0;

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c < 0x80)
        {
          if (c == '\0' || c == ' ' || c == '.' || c == '/' || at + 1 >= cap)
            return FALSE;
          key[at++] = c == '_' ? '-' : g_ascii_tolower ((char) c);
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);
          char buf[6];
          int n;

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return FALSE;
          n = g_unichar_to_utf8 (g_unichar_tolower (u), buf);
          if (at + n + 1 > cap)
            return FALSE;
          memcpy (key + at, buf, n);
          at += n;
          p = g_utf8_next_char (p);
        }
    }
  key[at] = '\0';
  return at > 0;
}

static const char *
lookup_alias (const char *key)
{
  gssize at = BISECT (aliases, key);

  return at < 0 ? NULL : aliases[at].code;
}

/* A BCP 47 subtag after the language: a region ("us", "br", "419") or a
 * script ("hans", "latn"). */
static gboolean
is_region_subtag (const char *s,
                  gsize       n)
{
  gsize i;

  if (n == 3)
    {
      for (i = 0; i < n; i++)
        if (!g_ascii_isdigit (s[i]))
          return FALSE;
      return TRUE;
    }
  if (n != 2 && n != 4)
    return FALSE;
  for (i = 0; i < n; i++)
    if (!g_ascii_isalpha (s[i]))
      return FALSE;
  return TRUE;
}

const char *
mml_language_normalise (const char *word,
                        gssize      len)
{
  char key[KEY_MAX];
  const char *code;
  char *dash, *dash2;
  gsize n;

  if (word == NULL)
    return NULL;
  n = len < 0 ? strlen (word) : (gsize) len;
  if (n < 2 || !make_key (word, n, key, sizeof key))
    return NULL;
  code = lookup_alias (key);
  if (code != NULL)
    return code;

  /* "pt-BR-x", "zh-Hans-CN": the first two subtags; then "en-US", "he-IL",
   * "de-Latn-DE": the language alone when the rest are region/script subtags */
  dash = strchr (key, '-');
  if (dash == NULL || dash == key)
    return NULL;
  dash2 = strchr (dash + 1, '-');
  if (dash2 != NULL)
    {
      *dash2 = '\0';
      code = lookup_alias (key);
      *dash2 = '-';
      if (code != NULL && strchr (code, '-') != NULL)
        {
          for (char *p = dash2; p != NULL; )
            {
              char *q = strchr (p + 1, '-');
              gsize sn = q != NULL ? (gsize) (q - p - 1) : strlen (p + 1);

              if (!is_region_subtag (p + 1, sn))
                return NULL;
              p = q;
            }
          return code;
        }
    }
  if (dash - key > 3)
    return NULL;
  for (char *p = dash; p != NULL; )
    {
      char *q = strchr (p + 1, '-');
      gsize sn = q != NULL ? (gsize) (q - p - 1) : strlen (p + 1);

      if (!is_region_subtag (p + 1, sn))
        return NULL;
      p = q;
    }
  *dash = '\0';
  return lookup_alias (key);
}

static const MmlLanguageInfo *
find_language (const char *code)
{
  const char *canon;
  gssize at;

  if (code == NULL)
    return NULL;
  at = BISECT (languages, code);
  if (at >= 0)
    return &languages[at];
  canon = mml_language_normalise (code, -1);
  if (canon == NULL)
    return NULL;
  at = BISECT (languages, canon);
  return at < 0 ? NULL : &languages[at];
}

const char *
mml_language_to_iso639_2b (const char *code)
{
  const MmlLanguageInfo *l = find_language (code);

  return l != NULL ? l->iso2b : NULL;
}

const char *
mml_language_to_iso639_2t (const char *code)
{
  const MmlLanguageInfo *l = find_language (code);

  return l != NULL ? l->iso2t : NULL;
}

const char *
mml_language_to_iso639_1 (const char *code)
{
  const MmlLanguageInfo *l = find_language (code);

  if (l == NULL)
    return NULL;
  if (l->iso1 != NULL)
    return l->iso1;
  /* a regional variant: its language's code ("pt-br" → "pt") */
  if (strchr (l->code, '-') != NULL)
    {
      char base[4];
      gsize n = strcspn (l->code, "-");
      const MmlLanguageInfo *b;

      if (n >= sizeof base)
        return NULL;
      memcpy (base, l->code, n);
      base[n] = '\0';
      b = find_language (base);
      return b != NULL ? b->iso1 : NULL;
    }
  return NULL;
}

const char *
mml_language_get_name (const char *code)
{
  const MmlLanguageInfo *l = find_language (code);

  return l != NULL ? l->name : NULL;
}

const char *
mml_language_get_display_name (const char *code)
{
  const MmlLanguageInfo *l = find_language (code);

  return l != NULL ? g_dgettext (GETTEXT_PACKAGE, l->name) : NULL;
}

const char *
mml_language_get_native_name (const char *code)
{
  const MmlLanguageInfo *l = find_language (code);

  return l != NULL ? l->native : NULL;
}

guint
mml_language_get_count (void)
{
  return G_N_ELEMENTS (languages);
}

const char *
mml_language_get_nth (guint n)
{
  g_return_val_if_fail (n < G_N_ELEMENTS (languages), NULL);
  return languages[n].code;
}

gboolean
mml_language_tables_valid (void)
{
  gsize i;

  for (i = 1; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i - 1].code, languages[i].code) >= 0)
      return FALSE;
  for (i = 1; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (aliases[i - 1].word, aliases[i].word) >= 0)
      return FALSE;
  /* every alias leads to a language, and every word is its own key */
  for (i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      char key[KEY_MAX];

      if (BISECT (languages, aliases[i].code) < 0)
        return FALSE;
      if (!make_key (aliases[i].word, strlen (aliases[i].word), key, sizeof key)
          || strcmp (key, aliases[i].word) != 0)
        return FALSE;
    }
  return TRUE;
}
