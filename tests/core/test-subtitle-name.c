/* test-subtitle-name.c — sidecar subtitle names: the corpus
 * (tests/corpora/subtitle-names.jsonl), the ".hi" rule, and names written by
 * mml_subtitle_name_build() read back the same for every language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mml-language.h"
#include "mml-subtitle-name.h"

/* The corpus must pass in full; every case is unambiguous by its conventions */
#define CORPUS_MIN_PCT 100.0
#define CORPUS_MIN_CASES 300

static gboolean
expect_bool (JsonObject *o,
             const char *member)
{
  return json_object_has_member (o, member) && json_object_get_boolean_member (o, member);
}

static void
test_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpora", "subtitle-names.jsonl", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0, passed = 0, i;
  double pct;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o, *e;
      const char *video, *sub, *lang;
      MmlSubtitleName r;
      gboolean ok, want_ok;
      int want_index;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      video = json_object_get_string_member (o, "video");
      sub = json_object_get_string_member (o, "sub");
      e = json_object_get_object_member (o, "expect");
      want_ok = !json_object_has_member (e, "sidecar") || json_object_get_boolean_member (e, "sidecar");
      lang = json_object_has_member (e, "language") ? json_object_get_string_member (e, "language") : NULL;
      want_index = json_object_has_member (e, "index") ? (int) json_object_get_int_member (e, "index") : -1;
      total++;

      ok = mml_subtitle_name_parse (video, -1, sub, -1, &r);
      if (ok == want_ok
          && (!want_ok
              || (g_strcmp0 (r.language, lang ? lang : "") == 0
                  && r.forced == expect_bool (e, "forced")
                  && r.hearing_impaired == expect_bool (e, "hi")
                  && r.is_default == expect_bool (e, "default")
                  && r.index == want_index)))
        passed++;
      else
        g_test_message ("FAIL %s | %s: got ok=%d lang=%s forced=%d hi=%d default=%d index=%d",
                        video, sub, ok, r.language, r.forced, r.hearing_impaired,
                        r.is_default, r.index);
    }
  pct = total ? 100.0 * passed / total : 0;
  g_test_message ("subtitle-name corpus: %u/%u (%.1f %%)", passed, total, pct);
  g_printerr ("subtitle-name corpus: %u/%u (%.1f %%)\n", passed, total, pct);
  g_assert_cmpuint (total, >=, CORPUS_MIN_CASES);
  g_assert_cmpfloat (pct, >=, CORPUS_MIN_PCT);
}

static void
check (const char *stem,
       const char *sub,
       const char *lang,
       gboolean    forced,
       gboolean    hi)
{
  MmlSubtitleName r;

  if (!mml_subtitle_name_parse (stem, -1, sub, -1, &r))
    g_error ("%s: not read as a sidecar of %s", sub, stem);
  if (strcmp (r.language, lang) != 0 || r.forced != forced || r.hearing_impaired != hi)
    g_error ("%s: language “%s” forced %d hi %d", sub, r.language, r.forced, r.hearing_impaired);
}

static void
test_hi_rule (void)
{
  check ("Movie", "Movie.hi.srt", "", FALSE, TRUE);
  check ("Movie", "Movie.en.hi.srt", "en", FALSE, TRUE);
  check ("Movie", "Movie.hi.en.srt", "en", FALSE, TRUE);
  check ("Movie", "Movie.he.hi.srt", "he", FALSE, TRUE);
  check ("Movie", "Movie.hi.sdh.srt", "hi", FALSE, TRUE);
  check ("Movie", "Movie.hi.hi.srt", "hi", FALSE, TRUE);
  check ("Movie", "Movie.hin.srt", "hi", FALSE, FALSE);
  check ("Movie", "Movie.hindi.hi.srt", "hi", FALSE, TRUE);
  check ("Movie", "Movie.hi.forced.srt", "", TRUE, TRUE);
}

static void
test_edges (void)
{
  MmlSubtitleName r;

  g_assert_false (mml_subtitle_name_parse ("Movie", -1, "Movie.mkv", -1, &r));
  g_assert_false (mml_subtitle_name_parse ("Movie", -1, "Movie", -1, &r));
  g_assert_false (mml_subtitle_name_parse ("Movie", -1, "Other.en.srt", -1, &r));
  g_assert_false (mml_subtitle_name_parse ("Movie", -1, "Movies.en.srt", -1, &r));
  g_assert_false (mml_subtitle_name_parse ("Movie.en", -1, "Movie.srt", -1, &r));
  g_assert_false (mml_subtitle_name_parse ("Movie", -1, NULL, -1, &r));
  g_assert_true (mml_subtitle_name_parse ("Movie", -1, "Movie.srt", -1, &r));
  g_assert_cmpstr (r.language, ==, "");
  g_assert_cmpint (r.index, ==, -1);
  g_assert_cmpstr (r.extension, ==, "srt");
  g_assert_true (mml_subtitle_name_parse ("Movie", -1, "/x/y.z/Movie.Heb.SRT", -1, &r));
  g_assert_cmpstr (r.language, ==, "he");
  g_assert_cmpstr (r.extension, ==, "srt");
  /* a bounded name */
  g_assert_true (mml_subtitle_name_parse ("Movie", 5, "Movie.fr.srtXXXX", 12, &r));
  g_assert_cmpstr (r.language, ==, "fr");
  /* no stem: every token */
  g_assert_true (mml_subtitle_name_parse (NULL, -1, "2_English.srt", -1, &r));
  g_assert_cmpstr (r.language, ==, "en");
  g_assert_cmpint (r.index, ==, 2);
}

static void
check_round_trip (const char           *stem,
                  const char           *code,
                  gboolean              forced,
                  gboolean              hi,
                  MmlSubtitleCodeStyle  style)
{
  g_autofree char *name = mml_subtitle_name_build (stem, code, forced, hi, style, "srt");
  MmlSubtitleName r;

  g_assert_nonnull (name);
  if (!mml_subtitle_name_parse (stem, -1, name, -1, &r)
      || strcmp (r.language, code) != 0 || r.forced != forced || r.hearing_impaired != hi)
    g_error ("%s (%s, forced %d, hi %d, style %d) read back as “%s” forced %d hi %d",
             name, code, forced, hi, style, r.language, r.forced, r.hearing_impaired);
}

static void
test_build (void)
{
  g_autofree char *a = mml_subtitle_name_build ("Show - S01E02", "he", FALSE, FALSE,
                                                MML_SUBTITLE_CODE_ISO639_2B, "srt");
  g_autofree char *b = mml_subtitle_name_build ("Show - S01E02", "Hebrew", FALSE, TRUE,
                                                MML_SUBTITLE_CODE_ISO639_2B, ".SRT");
  g_autofree char *c = mml_subtitle_name_build ("Show", "iw", TRUE, FALSE,
                                                MML_SUBTITLE_CODE_ISO639_1, "srt");
  g_autofree char *d = mml_subtitle_name_build ("Show", "pob", FALSE, FALSE,
                                                MML_SUBTITLE_CODE_ISO639_2B, "srt");
  g_autofree char *e = mml_subtitle_name_build ("Show", "hi", FALSE, FALSE,
                                                MML_SUBTITLE_CODE_ISO639_1, "ass");
  g_autofree char *f = mml_subtitle_name_build ("Show", NULL, TRUE, FALSE,
                                                MML_SUBTITLE_CODE_ISO639_1, "srt");
  g_autofree char *g = mml_subtitle_name_build ("Show", "klingon", FALSE, FALSE,
                                                MML_SUBTITLE_CODE_ISO639_1, "srt");

  g_assert_cmpstr (a, ==, "Show - S01E02.heb.srt");
  g_assert_cmpstr (b, ==, "Show - S01E02.heb.sdh.srt");
  g_assert_cmpstr (c, ==, "Show.he.forced.srt");
  g_assert_cmpstr (d, ==, "Show.pt-BR.srt");
  g_assert_cmpstr (e, ==, "Show.hin.ass");
  g_assert_cmpstr (f, ==, "Show.forced.srt");
  g_assert_null (g);
}

static void
test_round_trip (void)
{
  static const char *const stems[] = {
    "Show - S01E02 - Title", "The.Show.S01E01.720p.WEB-DL.x264-GRP", "Movie (2010)",
  };
  guint i, s, f;

  for (i = 0; i < mml_language_get_count (); i++)
    for (s = 0; s < G_N_ELEMENTS (stems); s++)
      for (f = 0; f < 4; f++)
        {
          const char *code = mml_language_get_nth (i);

          check_round_trip (stems[s], code, f & 1, f >> 1, MML_SUBTITLE_CODE_ISO639_2B);
          check_round_trip (stems[s], code, f & 1, f >> 1, MML_SUBTITLE_CODE_ISO639_1);
        }
}

/* Random names of separators, codes, flags and bytes: parsed without harm,
 * and the language read is always a canonical code */
static void
test_random (void)
{
  static const char *const pieces[] = {
    ".", "_", "-", " ", "[", "]", "(", "he", "HEB", "hi", "sdh", "forced", "pt", "BR", "2",
    "12", "x264", "\xd7", "\xff", "עברית", "srt", "idx",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  guint k;

  for (k = 0; k < 20000; k++)
    {
      g_autoptr(GString) name = g_string_new ("Movie");
      MmlSubtitleName r;
      guint n = g_rand_int_range (rand, 0, 10), i;

      for (i = 0; i < n; i++)
        g_string_append (name, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_string_append (name, k % 3 ? ".srt" : "");
      if (mml_subtitle_name_parse ("Movie", -1, name->str, name->len, &r) && r.language[0] != '\0')
        g_assert_cmpstr (mml_language_normalise (r.language, -1), ==, r.language);
      mml_subtitle_name_parse (NULL, -1, name->str, name->len, &r);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/subtitle-name/corpus", test_corpus);
  g_test_add_func ("/subtitle-name/hi-rule", test_hi_rule);
  g_test_add_func ("/subtitle-name/edges", test_edges);
  g_test_add_func ("/subtitle-name/build", test_build);
  g_test_add_func ("/subtitle-name/round-trip", test_round_trip);
  g_test_add_func ("/subtitle-name/random", test_random);
  return g_test_run ();
}
