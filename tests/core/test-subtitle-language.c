/* test-subtitle-language.c — mml-language: every spelling of a language to
 * one canonical code, and back to ISO 639-1 / 639-2 codes and names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mml-language.h"

static void
test_tables (void)
{
  g_assert_true (mml_language_tables_valid ());
  g_assert_cmpuint (mml_language_get_count (), >=, 60);
}

static const struct
{
  const char *word;
  const char *code;   /* NULL: unknown */
} words[] = {
  { "he", "he" }, { "heb", "he" }, { "iw", "he" }, { "hebrew", "he" }, { "Hebrew", "he" },
  { "HEBREW", "he" }, { "עברית", "he" }, { "HE", "he" }, { "he-IL", "he" }, { "he_IL", "he" },
  { "fre", "fr" }, { "fra", "fr" }, { "french", "fr" }, { "Français", "fr" }, { "FRANÇAIS", "fr" },
  { "francais", "fr" }, { "fr-FR", "fr" }, { "fr-CA", "fr-ca" },
  { "ger", "de" }, { "deu", "de" }, { "german", "de" }, { "Deutsch", "de" }, { "de-AT", "de" },
  { "chi", "zh" }, { "zho", "zh" }, { "Chinese", "zh" }, { "中文", "zh" }, { "zh-CN", "zh-cn" },
  { "zh-Hans", "zh-cn" }, { "zh-Hant", "zh-tw" }, { "zh-Hant-TW", "zh-tw" }, { "chs", "zh-cn" },
  { "cht", "zh-tw" }, { "zh-TW", "zh-tw" },
  { "pob", "pt-br" }, { "pt-br", "pt-br" }, { "pt-BR", "pt-br" }, { "pt_BR", "pt-br" },
  { "ptbr", "pt-br" }, { "brazilian", "pt-br" }, { "Brazilian", "pt-br" }, { "pt-PT", "pt" },
  { "por", "pt" }, { "Português", "pt" },
  { "es-419", "es-419" }, { "lat", "es-419" }, { "Latino", "es-419" }, { "es-MX", "es-419" },
  { "es-ES", "es" }, { "spa", "es" }, { "Español", "es" }, { "castellano", "es" },
  { "en", "en" }, { "eng", "en" }, { "English", "en" }, { "en-US", "en" }, { "en-GB", "en" },
  { "ara", "ar" }, { "العربية", "ar" }, { "rus", "ru" }, { "Русский", "ru" }, { "РУССКИЙ", "ru" },
  { "gre", "el" }, { "ell", "el" }, { "Ελληνικά", "el" }, { "jpn", "ja" }, { "jp", "ja" },
  { "日本語", "ja" }, { "kor", "ko" }, { "한국어", "ko" }, { "cze", "cs" }, { "ces", "cs" },
  { "cz", "cs" }, { "slo", "sk" }, { "slk", "sk" }, { "rum", "ro" }, { "ron", "ro" },
  { "dut", "nl" }, { "nld", "nl" }, { "Flemish", "nl-be" }, { "nl-BE", "nl-be" },
  { "per", "fa" }, { "fas", "fa" }, { "farsi", "fa" }, { "ice", "is" }, { "isl", "is" },
  { "nb", "no" }, { "nob", "no" }, { "nor", "no" }, { "Norsk", "no" }, { "mac", "mk" },
  { "mkd", "mk" }, { "may", "ms" }, { "msa", "ms" }, { "alb", "sq" }, { "sqi", "sq" },
  { "baq", "eu" }, { "eus", "eu" }, { "wel", "cy" }, { "cym", "cy" }, { "arm", "hy" },
  { "hye", "hy" }, { "geo", "ka" }, { "kat", "ka" }, { "bur", "my" }, { "mya", "my" },
  { "hi", "hi" }, { "hin", "hi" }, { "Hindi", "hi" }, { "fil", "fil" }, { "Filipino", "fil" },
  { "tur", "tr" }, { "Türkçe", "tr" }, { "ukr", "uk" }, { "Українська", "uk" },
  { "vie", "vi" }, { "Tiếng", NULL },
  /* not languages */
  { "", NULL }, { "x", NULL }, { "sdh", NULL }, { "forced", NULL }, { "srt", NULL },
  { "720p", NULL }, { "web-dl", NULL }, { "en-sdh", NULL }, { "english-forced", NULL },
  { "latin", NULL }, { "zz", NULL }, { "he-", NULL }, { "-he", NULL }, { "he.en", NULL },
  { "en-USA-x", NULL }, { "\xff\xfe", NULL },
};

static void
test_normalise (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *got = mml_language_normalise (words[i].word, -1);

      if (g_strcmp0 (got, words[i].code) != 0)
        g_error ("“%s”: expected %s, got %s", words[i].word,
                 words[i].code ? words[i].code : "NULL", got ? got : "NULL");
    }
  /* length-bounded: "heb" out of "hebrew" */
  g_assert_cmpstr (mml_language_normalise ("hebrew", 3), ==, "he");
  g_assert_cmpstr (mml_language_normalise ("en.srt", 2), ==, "en");
  g_assert_null (mml_language_normalise (NULL, -1));
}

static void
test_codes (void)
{
  g_assert_cmpstr (mml_language_to_iso639_2b ("he"), ==, "heb");
  g_assert_cmpstr (mml_language_to_iso639_2b ("fr"), ==, "fre");
  g_assert_cmpstr (mml_language_to_iso639_2b ("de"), ==, "ger");
  g_assert_cmpstr (mml_language_to_iso639_2b ("zh"), ==, "chi");
  g_assert_cmpstr (mml_language_to_iso639_2b ("pt-br"), ==, "por");
  g_assert_cmpstr (mml_language_to_iso639_2b ("Hebrew"), ==, "heb");
  g_assert_cmpstr (mml_language_to_iso639_2t ("fr"), ==, "fra");
  g_assert_cmpstr (mml_language_to_iso639_2t ("de"), ==, "deu");
  g_assert_cmpstr (mml_language_to_iso639_1 ("heb"), ==, "he");
  g_assert_cmpstr (mml_language_to_iso639_1 ("iw"), ==, "he");
  g_assert_cmpstr (mml_language_to_iso639_1 ("ger"), ==, "de");
  g_assert_cmpstr (mml_language_to_iso639_1 ("pt-br"), ==, "pt");
  g_assert_cmpstr (mml_language_to_iso639_1 ("es-419"), ==, "es");
  g_assert_null (mml_language_to_iso639_1 ("fil"));
  g_assert_null (mml_language_to_iso639_1 ("xx"));
  g_assert_null (mml_language_to_iso639_2b (NULL));

  g_assert_cmpstr (mml_language_get_name ("he"), ==, "Hebrew");
  g_assert_cmpstr (mml_language_get_name ("heb"), ==, "Hebrew");
  g_assert_cmpstr (mml_language_get_name ("pt-br"), ==, "Portuguese (Brazil)");
  g_assert_cmpstr (mml_language_get_native_name ("he"), ==, "עברית");
  g_assert_nonnull (mml_language_get_display_name ("fr"));
  g_assert_null (mml_language_get_name ("qq"));
}

/* Every language: its own code, codes, names and native name lead back to it */
static void
test_every_language (void)
{
  guint i, n = mml_language_get_count ();

  for (i = 0; i < n; i++)
    {
      const char *code = mml_language_get_nth (i);
      const char *b = mml_language_to_iso639_2b (code);
      const char *t = mml_language_to_iso639_2t (code);
      const char *one = mml_language_to_iso639_1 (code);
      const char *name = mml_language_get_name (code);
      const char *native = mml_language_get_native_name (code);
      g_autofree char *upper = g_utf8_strup (name, -1);
      gboolean regional = strchr (code, '-') != NULL;

      g_assert_cmpuint (strlen (code), <, MML_LANGUAGE_CODE_MAX);
      g_assert_cmpstr (mml_language_normalise (code, -1), ==, code);
      g_assert_nonnull (b);
      g_assert_nonnull (t);
      g_assert_cmpuint (strlen (b), ==, 3);
      g_assert_nonnull (name);
      g_assert_nonnull (native);
      if (!regional)
        {
          g_assert_cmpstr (mml_language_normalise (b, -1), ==, code);
          g_assert_cmpstr (mml_language_normalise (t, -1), ==, code);
          if (one != NULL)
            {
              g_assert_cmpstr (one, ==, code);
              g_assert_cmpstr (mml_language_normalise (one, -1), ==, code);
            }
          if (strchr (name, ' ') == NULL)
            {
              g_assert_cmpstr (mml_language_normalise (name, -1), ==, code);
              g_assert_cmpstr (mml_language_normalise (upper, -1), ==, code);
            }
        }
      if (strchr (native, ' ') == NULL && strchr (native, '(') == NULL)
        g_assert_cmpstr (mml_language_normalise (native, -1), ==, code);
    }
}

static gpointer
normalise_thread (gpointer data)
{
  guint k, i, n = mml_language_get_count ();

  for (k = 0; k < 200; k++)
    for (i = 0; i < n; i++)
      {
        const char *code = mml_language_get_nth (i);

        if (g_strcmp0 (mml_language_normalise (mml_language_to_iso639_2t (code), -1), code) != 0
            && strchr (code, '-') == NULL)
          return GINT_TO_POINTER (1);
        if (mml_language_get_name (code) == NULL)
          return GINT_TO_POINTER (1);
      }
  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("normalise", normalise_thread, NULL);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/language/tables", test_tables);
  g_test_add_func ("/language/normalise", test_normalise);
  g_test_add_func ("/language/codes", test_codes);
  g_test_add_func ("/language/every-language", test_every_language);
  g_test_add_func ("/language/threads", test_threads);
  return g_test_run ();
}
