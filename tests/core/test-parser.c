/* test-parser.c — unit tests of the release / file-name parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-parser.h"
#include "mml-subtitle-name.h"
#include "mml-parser-private.h"

#include <string.h>

static void
parse (const char     *name,
       MmlParseResult *r)
{
  if (strchr (name, '/') != NULL)
    mml_parse_path (name, -1, MML_PARSE_FLAGS_NONE, r);
  else
    mml_parse_name (name, -1, MML_PARSE_FLAGS_NONE, r);
}

static void
assert_eps (const MmlParseResult *r,
            const int            *eps,
            guint                 n)
{
  guint i;

  g_assert_cmpuint (r->n_episodes, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpint (r->episodes[i], ==, eps[i]);
}

static void
assert_se (const char *name,
           const char *title,
           int         season,
           const int  *eps,
           guint       n)
{
  MmlParseResult r;

  parse (name, &r);
  g_test_message ("%s → %s S%d", name, r.title, r.season);
  g_assert_true (r.parsed);
  if (title != NULL)
    g_assert_cmpstr (r.title, ==, title);
  g_assert_cmpint (r.season, ==, season);
  assert_eps (&r, eps, n);
  g_assert_cmpuint (r.n_absolute, ==, 0);
  g_assert_false (r.full_season);
}

#define EPS(...) ((const int[]) { __VA_ARGS__ }), (sizeof ((const int[]) { __VA_ARGS__ }) / sizeof (int))

static void
test_parser_single (void)
{
  assert_se ("Castle.Rock.S02E07.720p.HDTV.x264-AVS", "Castle Rock", 2, EPS (7));
  assert_se ("the.wire.s3e11.dvdrip", "the wire", 3, EPS (11));
  assert_se ("Parks and Recreation - 3x05 - Media Blitz", "Parks and Recreation", 3, EPS (5));
  assert_se ("Fargo.S01.E04.Eating.the.Blame.1080p", "Fargo", 1, EPS (4));
  assert_se ("The.Expanse.S04EP02.1080p.WEB", "The Expanse", 4, EPS (2));
  assert_se ("chuck.312.hdtv-lol", "chuck", 3, EPS (12));
  assert_se ("Battlestar Galactica - S02 - E05 - Valley of Darkness", "Battlestar Galactica", 2, EPS (5));
  assert_se ("Show Name Season 2 Episode 9 720p", "Show Name", 2, EPS (9));
  assert_se ("Taboo.E05.1080p.WEB", "Taboo", 1, EPS (5));
  assert_se ("S05E12 - Ozymandias [1080p]", "", 5, EPS (12));
  assert_se ("Show.S2012E04.HDTV", "Show", 2012, EPS (4));
  assert_se ("bakersfield-s01e03-720p", "bakersfield", 1, EPS (3));
}

static void
test_parser_multi (void)
{
  assert_se ("Lost.S01E01E02.Pilot.720p.BluRay-GRP", "Lost", 1, EPS (1, 2));
  assert_se ("Lost.S01E01-E03.720p", "Lost", 1, EPS (1, 2, 3));
  assert_se ("Lost.S01E01-03.720p", "Lost", 1, EPS (1, 2, 3));
  assert_se ("Lost 1x01x02 Pilot", "Lost", 1, EPS (1, 2));
  assert_se ("Lost - 1x01-1x02 - Pilot", "Lost", 1, EPS (1, 2));
  assert_se ("Lost.S01E01.E02.720p", "Lost", 1, EPS (1, 2));
  assert_se ("Lost S01 E01-E04 WEB", "Lost", 1, EPS (1, 2, 3, 4));
  assert_se ("Lost.1x01_02.avi", "Lost", 1, EPS (1, 2));
  assert_se ("Lost.S02E10-S02E11.720p", "Lost", 2, EPS (10, 11));
}

static void
test_parser_absolute (void)
{
  MmlParseResult r;

  parse ("[SubGroup] Detective Show - 1093 [1080p].mkv", &r);
  g_assert_true (r.parsed);
  g_assert_cmpstr (r.title, ==, "Detective Show");
  g_assert_cmpuint (r.n_absolute, ==, 1);
  g_assert_cmpint (r.absolute[0], ==, 1093);
  g_assert_cmpuint (r.n_episodes, ==, 0);
  g_assert_cmpstr (r.release_group, ==, "SubGroup");
  g_assert_cmpint (r.resolution, ==, 1080);

  parse ("[Fansub]_Pirate_Anime_-_07v2_[720p][ABCD1234].mkv", &r);
  g_assert_cmpstr (r.title, ==, "Pirate Anime");
  g_assert_cmpuint (r.n_absolute, ==, 1);
  g_assert_cmpint (r.absolute[0], ==, 7);

  parse ("[Batch] Ninja Show - 01-26 [BD 1080p]", &r);
  g_assert_cmpuint (r.n_absolute, ==, 26);
  g_assert_cmpint (r.absolute[25], ==, 26);

  parse ("[Grp] Ninja Show S2 - 05 [1080p]", &r);
  g_assert_cmpstr (r.title, ==, "Ninja Show S2");
  g_assert_cmpint (r.absolute[0], ==, 5);

  parse ("[Grp] Ninja Show S03E04 56 [1080p]", &r);
  g_assert_cmpint (r.season, ==, 3);
  g_assert_cmpint (r.episodes[0], ==, 4);
  g_assert_cmpuint (r.n_absolute, ==, 1);
  g_assert_cmpint (r.absolute[0], ==, 56);

  /* anime root: three digits are absolute, not S1E33 */
  mml_parse_name ("Ninja.Show.133.720p", -1, MML_PARSE_PREFER_ABSOLUTE, &r);
  g_assert_cmpuint (r.n_absolute, ==, 1);
  g_assert_cmpint (r.absolute[0], ==, 133);
}

static void
assert_date (const char *name,
             const char *title,
             int         y,
             int         m,
             int         d)
{
  MmlParseResult r;

  parse (name, &r);
  g_assert_true (r.parsed);
  if (title != NULL)
    g_assert_cmpstr (r.title, ==, title);
  g_assert_cmpint (r.air_year, ==, y);
  g_assert_cmpint (r.air_month, ==, m);
  g_assert_cmpint (r.air_day, ==, d);
  g_assert_cmpuint (r.n_episodes, ==, 0);
}

static void
test_parser_daily (void)
{
  MmlParseResult r;

  assert_date ("Late.Night.Show.2024.03.05.Guest.720p.WEB", "Late Night Show", 2024, 3, 5);
  assert_date ("Late Night Show 2024-03-05 720p", "Late Night Show", 2024, 3, 5);
  assert_date ("Late_Night_Show_25.03.2024_hdtv", "Late Night Show", 2024, 3, 25);
  assert_date ("Late.Night.Show.03.25.2024.hdtv", "Late Night Show", 2024, 3, 25);
  assert_date ("Late Night Show 20240305 WEB", "Late Night Show", 2024, 3, 5);
  assert_date ("Late Night Show 2nd Mar 2024", "Late Night Show", 2024, 3, 2);

  /* 05.03.2024: the 5th of March or the 3rd of May?  Not guessed … */
  parse ("Late Night Show 05.03.2024", &r);
  g_assert_false (r.parsed);
  /* … unless the library is a daily one */
  mml_parse_name ("Late Night Show 05.03.2024", -1, MML_PARSE_PREFER_DAILY, &r);
  g_assert_true (r.parsed);
  g_assert_cmpint (r.air_month, ==, 3);
  g_assert_cmpint (r.air_day, ==, 5);

  /* too old to be a daily show */
  parse ("Late Night Show 1949.01.02", &r);
  g_assert_false (r.parsed);
}

static void
test_parser_season_packs (void)
{
  MmlParseResult r;

  parse ("Westworld.S02.1080p.BluRay.x264-GRP", &r);
  g_assert_true (r.full_season);
  g_assert_cmpint (r.season, ==, 2);
  g_assert_cmpuint (r.n_episodes, ==, 0);
  g_assert_cmpstr (r.title, ==, "Westworld");

  parse ("Westworld Season 3 Complete 720p", &r);
  g_assert_true (r.full_season);
  g_assert_cmpint (r.season, ==, 3);

  parse ("Westworld.S01-S04.2160p", &r);
  g_assert_true (r.full_season);
  g_assert_cmpint (r.season, ==, 1);

  parse ("Westworld.S02.Part.1.720p", &r);
  g_assert_false (r.full_season);
  g_assert_cmpint (r.season, ==, 2);

  parse ("Westworld / S1E1-10 of 10 [WEB-DL 1080p]", &r);
  g_assert_true (r.full_season);
  g_assert_cmpuint (r.n_episodes, ==, 0);
}

static void
test_parser_specials (void)
{
  MmlParseResult r;

  parse ("Sherlock.S00E01.The.Abominable.Bride.720p", &r);
  g_assert_true (r.special);
  g_assert_cmpint (r.season, ==, 0);

  parse ("[Grp] Magic Show - 03 - OVA [BD 720p]", &r);
  g_assert_true (r.special);
  g_assert_cmpint (r.absolute[0], ==, 3);

  parse ("[Grp] Magic Show - 12.5 [720p]", &r);
  g_assert_true (r.special);
  g_assert_cmpuint (r.n_absolute, ==, 0);

  parse ("Sherlock.S04.Special.HDTV", &r);
  g_assert_true (r.special);
}

static void
test_parser_crap (void)
{
  static const char *const crap[] = {
    "a3f9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8",
    "7f3e2a1b9c8d7e6f5a4b3c2d1e0f9a8b.mkv",
    "NOTHING TO SEE HERE",
    "qW3rTy7uIoP9aSdF1gHjKl2ZxCvBnM8q",
    "",
    "...",
    "[]",
    "- - -",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (crap); i++)
    {
      MmlParseResult r;

      parse (crap[i], &r);
      g_test_message ("crap: %s", crap[i]);
      g_assert_false (r.parsed);
    }
}

static void
assert_group (const char *name,
              const char *group)
{
  MmlParseResult r;

  parse (name, &r);
  g_assert_cmpstr (r.release_group, ==, group);
}

static void
test_parser_groups (void)
{
  assert_group ("Show.S01E01.720p.WEB-DL.DD5.1.H.264-FLUX", "FLUX");
  assert_group ("Show.S01E01.720p.WEB-DL.DD5.1.H.264-FLUX-Obfuscated", "FLUX");
  assert_group ("Show.S01E01.720p.WEB-DL.DD5.1.H.264-FLUX[rarbg]", "FLUX");
  assert_group ("Show S01E01 (1080p BluRay x265 Goki)", "Goki");
  assert_group ("Show S01E01 1080p WEB x264 [GRP]", "GRP");
  assert_group ("[Fansub] Show - 01 [1080p][DEADBEEF]", "Fansub");
  assert_group ("Show.S01E01.720p.WEB-DL", "");
  assert_group ("Show S01E01 Pilot", "");
  assert_group ("Show - S01E01 - Pilot", "");
  assert_group ("show-s01e01-720p", "");
}

static void
assert_res (const char *name,
            int         res)
{
  MmlParseResult r;

  parse (name, &r);
  g_test_message ("%s → %d", name, r.resolution);
  g_assert_cmpint (r.resolution, ==, res);
}

static void
test_parser_resolution (void)
{
  assert_res ("Show.S01E01.2160p.WEB", 2160);
  assert_res ("Show.S01E01.4K.HDR", 2160);
  assert_res ("Show.S01E01.1080i.HDTV", 1080);
  assert_res ("Show.S01E01.[1920x1080]", 1080);
  assert_res ("Show.S01E01.720p", 720);
  assert_res ("Show.S01E01.576p", 576);
  assert_res ("Show.S01E01.DVDRip.XviD", 480);
  assert_res ("Show.S01E01.BluRay.Remux", 1080);
  assert_res ("Show.S01E01", 0);
  assert_res ("Show.S01E01.mkv", 720);
}

static void
test_parser_languages (void)
{
  MmlParseResult r;

  parse ("Show.S01E01.FRENCH.720p.HDTV", &r);
  g_assert_cmpuint (r.n_languages, ==, 1);
  g_assert_cmpstr (r.languages[0], ==, "fr");

  parse ("Show.S01E01.1080p.WEB.HebDub", &r);
  g_assert_cmpuint (r.n_languages, ==, 1);
  g_assert_cmpstr (r.languages[0], ==, "he");

  parse ("Show.S01E01.Brazilian.720p", &r);
  g_assert_cmpstr (r.languages[0], ==, "pt-BR");

  parse ("Show S01E01 Audio Latino 720p", &r);
  g_assert_cmpstr (r.languages[0], ==, "es-419");

  /* a language in the title is not the release language */
  parse ("The.French.Chef.S01E01.720p", &r);
  g_assert_cmpuint (r.n_languages, ==, 0);

  /* subtitle languages are not audio languages */
  parse ("Show.S01E01.Ger.Eng.Sub.1080p", &r);
  g_assert_cmpuint (r.n_languages, ==, 0);
}

static void
test_parser_folder_context (void)
{
  MmlParseResult r;

  parse ("Show (2010)/Season 2/01.mkv", &r);
  g_assert_true (r.parsed);
  g_assert_cmpstr (r.title, ==, "Show");
  g_assert_cmpint (r.year, ==, 2010);
  g_assert_cmpint (r.season, ==, 2);
  assert_eps (&r, EPS (1));

  parse ("/tv/Show (2010)/Season 02/Show - S02E01 - Title.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Show");
  g_assert_cmpint (r.season, ==, 2);
  assert_eps (&r, EPS (1));
  g_assert_cmpstr (r.release_group, ==, "");

  parse ("/tv/Show {tvdb-123}/S03/E04.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Show");
  g_assert_cmpint (r.season, ==, 3);
  assert_eps (&r, EPS (4));

  parse ("/tv/Show [tvdbid-123]/Specials/S00E02.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Show");
  g_assert_cmpint (r.season, ==, 0);
  g_assert_true (r.special);

  parse ("/tv/Other Show {imdb-tt0123}/Season 1/1x05 - Pilot.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Other Show");
  g_assert_cmpint (r.season, ==, 1);
  assert_eps (&r, EPS (5));

  parse ("/tv/Other Show (1999) {tmdb-55}/Season 4/S04E09.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Other Show");
  g_assert_cmpint (r.year, ==, 1999);
  g_assert_cmpint (r.season, ==, 4);
}

static void
test_parser_hashed (void)
{
  MmlParseResult r;

  parse ("/C/Test/Some.Release.S01E01-GRP/0e895c37245186812cb08aab1529cf8ee389dd05.mkv", &r);
  g_assert_true (r.parsed);
  g_assert_cmpstr (r.title, ==, "Some Release");
  g_assert_cmpint (r.season, ==, 1);
  assert_eps (&r, EPS (1));
  g_assert_cmpstr (r.release_group, ==, "GRP");

  parse ("/dl/Great.Show.S03E08.1080p.WEB.H264-TEAM/xYz81kQpL0.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Great Show");
  g_assert_cmpint (r.resolution, ==, 1080);
  g_assert_cmpstr (r.release_group, ==, "TEAM");
}

static void
test_parser_subtitles (void)
{
  MmlSubtitleName s;

  g_assert_true (mml_subtitle_name_parse ("Show.S01E01.720p-GRP", -1,
                                          "Show.S01E01.720p-GRP.heb.forced.srt", -1, &s));
  g_assert_cmpstr (s.language, ==, "he");
  g_assert_true (s.forced);
  g_assert_false (s.hearing_impaired);
  g_assert_cmpstr (s.extension, ==, "srt");

  g_assert_true (mml_subtitle_name_parse ("Show.S01E01", -1, "Show.S01E01.he.srt", -1, &s));
  g_assert_cmpstr (s.language, ==, "he");

  g_assert_true (mml_subtitle_name_parse ("Show.S01E01", -1, "Show.S01E01.iw.ass", -1, &s));
  g_assert_cmpstr (s.language, ==, "he");
  g_assert_cmpstr (s.extension, ==, "ass");

  g_assert_true (mml_subtitle_name_parse ("Show.S01E01", -1, "Show.S01E01.English.SDH.srt", -1, &s));
  g_assert_cmpstr (s.language, ==, "en");
  g_assert_true (s.hearing_impaired);

  g_assert_true (mml_subtitle_name_parse ("Show.S01E01", -1, "Show.S01E01.pt-BR.vtt", -1, &s));
  g_assert_cmpstr (s.language, ==, "pt-br");

  g_assert_true (mml_subtitle_name_parse ("Show.S01E01", -1, "Show.S01E01.srt", -1, &s));
  g_assert_cmpstr (s.language, ==, "");

  g_assert_false (mml_subtitle_name_parse ("Show.S01E01", -1, "Other.S01E01.en.srt", -1, &s));
  g_assert_false (mml_subtitle_name_parse ("Show.S01E01", -1, "Show.S01E01.mkv", -1, &s));

  g_assert_true (mml_is_video_ext ("a.MKV"));
  g_assert_true (mml_is_video_ext ("dir/a.m2ts"));
  g_assert_false (mml_is_video_ext ("a.srt"));
  g_assert_true (mml_is_subtitle_ext ("a.sup"));
  g_assert_true (mml_is_ignored_name ("Show.S01E01.sample.mkv"));
  g_assert_true (mml_is_ignored_name ("sample.mkv"));
  g_assert_true (mml_is_ignored_name ("Show.S01E01-sample.mkv"));
  g_assert_true (mml_is_ignored_name ("Show.S01E01.mkv.part"));
  g_assert_true (mml_is_ignored_name ("Show.S01E01.mkv.!qB"));
  g_assert_true (mml_is_ignored_name (".hidden.mkv"));
  g_assert_false (mml_is_ignored_name ("Show.S01E01.mkv"));
}

static void
test_parser_file_kinds (void)
{
  const char *lang = NULL;
  int res = -1;

  /* the word tables are binary-searched */
  g_assert_true (mml_parser_tables_sorted ());

  g_assert_true (mml_is_video_ext ("a.mkv"));
  g_assert_true (mml_is_video_ext (".mkv"));
  g_assert_true (mml_is_video_ext ("Show/Season 1/x.WebM"));
  g_assert_true (mml_is_video_ext ("x.ts"));
  g_assert_true (mml_is_video_ext ("x.RM"));
  g_assert_true (mml_is_video_ext ("x.sTrM"));
  g_assert_false (mml_is_video_ext ("mkv"));
  g_assert_false (mml_is_video_ext ("a.mkv."));
  g_assert_false (mml_is_video_ext ("a.mkvv"));
  g_assert_false (mml_is_video_ext ("a.mk"));
  g_assert_false (mml_is_video_ext ("a.m"));
  g_assert_false (mml_is_video_ext ("dir.mkv/file"));
  g_assert_false (mml_is_video_ext ("dir.mkv/"));
  g_assert_false (mml_is_video_ext (""));
  g_assert_false (mml_is_video_ext ("a.nfo"));
  g_assert_false (mml_is_subtitle_ext ("a.mkv"));
  g_assert_true (mml_is_subtitle_ext ("a.SRT"));
  g_assert_true (mml_is_subtitle_ext ("dir/a.b.smi"));
  g_assert_false (mml_is_subtitle_ext ("a.srt/b"));

  g_assert_true (mml_parser_known_ext ("AVI", 3, &res));
  g_assert_cmpint (res, ==, 480);
  g_assert_true (mml_parser_known_ext ("mkv", 3, &res));
  g_assert_cmpint (res, ==, 720);
  g_assert_true (mml_parser_known_ext ("m2ts", 4, &res));
  g_assert_cmpint (res, ==, 0);
  g_assert_false (mml_parser_known_ext ("mkv", 2, &res));
  g_assert_false (mml_parser_known_ext ("m\0v", 3, &res));

  g_assert_true (mml_is_ignored_name (""));
  g_assert_true (mml_is_ignored_name ("dir/"));
  g_assert_true (mml_is_ignored_name ("a.mkv~"));
  g_assert_true (mml_is_ignored_name ("a.mkv.CRDOWNLOAD"));
  g_assert_true (mml_is_ignored_name ("a.mkv.partial"));
  g_assert_true (mml_is_ignored_name ("dir/a.mkv.download"));
  g_assert_true (mml_is_ignored_name ("a.tmp"));
  g_assert_true (mml_is_ignored_name ("Sample"));
  g_assert_true (mml_is_ignored_name ("Show S01E01 SAMPLE.mkv"));
  g_assert_true (mml_is_ignored_name ("Show/Sample/x.mkv"));
  g_assert_true (mml_is_ignored_name ("Sample/x.mkv"));
  g_assert_false (mml_is_ignored_name ("Show/Samples/x.mkv"));
  g_assert_false (mml_is_ignored_name ("Show/Sample/x/y.mkv"));
  g_assert_false (mml_is_ignored_name ("Show.Sampler.mkv"));
  g_assert_false (mml_is_ignored_name ("Showsample.mkv"));
  g_assert_false (mml_is_ignored_name ("a.partx"));
  g_assert_false (mml_is_ignored_name ("a.part/b.mkv"));

  g_assert_cmpstr (mml_parse_language_code ("ENG", -1), ==, "en");
  g_assert_cmpstr (mml_parse_language_code ("pt_BR", -1), ==, "pt-BR");
  g_assert_cmpstr (mml_parse_language_code ("zh-TW", 5), ==, "zh");
  g_assert_null (mml_parse_language_code ("en", 1));
  g_assert_null (mml_parse_language_code ("e\0", 2));
  g_assert_null (mml_parse_language_code ("klingon", -1));

  g_assert_cmpint (mml_parser_release_language ("French", 6, &lang), ==, MML_LANG_HIT_WORD);
  g_assert_cmpstr (lang, ==, "fr");
  g_assert_cmpint (mml_parser_release_language ("FR", 2, &lang), ==, MML_LANG_HIT_WORD);
  g_assert_cmpint (mml_parser_release_language ("Fr", 2, &lang), ==, MML_LANG_HIT_NONE);
  g_assert_cmpint (mml_parser_release_language ("Cat", 3, &lang), ==, MML_LANG_HIT_WEAK);
  g_assert_cmpstr (lang, ==, "ca");
  g_assert_cmpint (mml_parser_release_language ("CAT", 3, &lang), ==, MML_LANG_HIT_WORD);
  g_assert_cmpint (mml_parser_release_language ("Zulu", 4, &lang), ==, MML_LANG_HIT_NONE);
  g_assert_true (mml_parser_is_tech_word ("X264", 4));
  g_assert_false (mml_parser_is_tech_word ("x2645", 5));
  g_assert_true (mml_parser_is_source_word ("WEBRip", 6));
  g_assert_true (mml_parser_is_junk_suffix ("Rakuv02", 7));
  g_assert_true (mml_parser_is_junk_suffix ("AlternativeToRequested", 22));
  g_assert_true (mml_parser_is_tld ("COM", 3));
  g_assert_false (mml_parser_is_tld ("", 0));
}

static void
test_parser_bytes (void)
{
  MmlParseResult r;
  GString *json = g_string_new (NULL);
  guint i;
  char bytes[256];

  /* Latin-1 title bytes: parsed, and the JSON stays valid UTF-8 */
  mml_parse_name ("Caf\xe9.Show.S01E02.720p", -1, MML_PARSE_FLAGS_NONE, &r);
  g_assert_true (r.parsed);
  g_assert_cmpint (r.season, ==, 1);
  mml_parse_result_to_json (&r, json);
  g_assert_true (g_utf8_validate (json->str, json->len, NULL));
  g_assert_nonnull (strstr (json->str, "\xef\xbf\xbd"));

  /* every byte value, embedded NULs included */
  for (i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) i;
  mml_parse_name (bytes, sizeof bytes, MML_PARSE_FLAGS_NONE, &r);
  mml_parse_path (bytes, sizeof bytes, MML_PARSE_FLAGS_NONE, &r);
  g_string_truncate (json, 0);
  mml_parse_result_to_json (&r, json);
  g_assert_true (g_utf8_validate (json->str, json->len, NULL));
  g_string_free (json, TRUE);
}

static void
test_parser_long (void)
{
  MmlParseResult r;
  GString *s = g_string_new ("Long.Show.S01E02.");
  GString *json = g_string_new (NULL);

  while (s->len < 10 * 1024)
    g_string_append (s, "Very.Long.Episode.Title.");
  g_string_append (s, "720p-GRP");
  mml_parse_name (s->str, s->len, MML_PARSE_FLAGS_NONE, &r);
  g_assert_true (r.parsed);
  g_assert_cmpstr (r.title, ==, "Long Show");
  g_assert_cmpint (r.episodes[0], ==, 2);
  mml_parse_result_to_json (&r, json);
  g_assert_true (g_utf8_validate (json->str, json->len, NULL));

  /* a 10 kB title and a 10 kB path */
  g_string_assign (s, "");
  while (s->len < 10 * 1024)
    g_string_append (s, "Word ");
  mml_parse_name (s->str, s->len, MML_PARSE_FLAGS_NONE, &r);
  g_assert_cmpuint (strlen (r.title), <, sizeof r.title);
  g_string_assign (s, "");
  while (s->len < 10 * 1024)
    g_string_append (s, "/dir");
  g_string_append (s, "/Show.S01E01.mkv");
  mml_parse_path (s->str, s->len, MML_PARSE_FLAGS_NONE, &r);
  g_assert_true (r.parsed);
  g_string_free (s, TRUE);
  g_string_free (json, TRUE);
}

/* Families of the wide corpus (tests/corpora/episodes-wide.jsonl) */
static void
test_parser_wide_families (void)
{
  MmlParseResult r;

  /* split markers */
  assert_se ("Harbor.Lights.S03-E01.720p.HDTV.x264-GRP", "Harbor Lights", 3, EPS (1));
  assert_se ("Harbor.Lights.s03.x01.720p.HDTV.x264-GRP", "Harbor Lights", 3, EPS (1));
  assert_se ("Harbor Lights s02-e10.mkv", "Harbor Lights", 2, EPS (10));
  assert_se ("Harbor Lights S01 Ep05.mkv", "Harbor Lights", 1, EPS (5));
  assert_se ("Harbor Lights - Episode 2x03.avi", "Harbor Lights", 2, EPS (3));

  /* season words */
  assert_se ("Harbor Lights Saison 4 Épisode 18.avi", "Harbor Lights", 4, EPS (18));
  assert_se ("Harbor Lights Staffel 3 Folge 4.mkv", "Harbor Lights", 3, EPS (4));
  assert_se ("Harbor Lights Temporada 2 Capitulo 5.mp4", "Harbor Lights", 2, EPS (5));
  assert_se ("Harbor Lights Season VIII Episode 18.mkv", "Harbor Lights", 8, EPS (18));
  assert_se ("Harbor Lights Series 2 Episode 12.mkv", "Harbor Lights", 2, EPS (12));
  assert_se ("Harbor Lights - 2nd Season - 08.mkv", "Harbor Lights", 2, EPS (8));
  assert_se ("Harbor Lights 3rd Season Episode 22.mkv", "Harbor Lights", 3, EPS (22));

  parse ("Harbor Lights - Complete Season 04", &r);
  g_assert_cmpstr (r.title, ==, "Harbor Lights");
  g_assert_true (r.full_season);
  g_assert_cmpint (r.season, ==, 4);

  /* absolute ranges and versions */
  parse ("[Grp] Paper Crane - 01 ~ 13 [720p]", &r);
  g_assert_cmpuint (r.n_absolute, ==, 13);
  g_assert_cmpint (r.absolute[12], ==, 13);
  parse ("[Grp] Paper Crane - 01 - 119 [Batch] [1080p]", &r);
  g_assert_cmpuint (r.n_absolute, ==, 119);
  g_assert_cmpstr (r.title, ==, "Paper Crane");
  parse ("[Grp] Paper Crane - E12v2 [1080p].mkv", &r);
  g_assert_cmpstr (r.title, ==, "Paper Crane");
  g_assert_cmpuint (r.n_absolute, ==, 1);
  g_assert_cmpint (r.absolute[0], ==, 12);
  parse ("[Grp] Paper Crane - OVA 04 [720p].mkv", &r);
  g_assert_cmpstr (r.title, ==, "Paper Crane");
  g_assert_true (r.special);

  /* groups at the end */
  parse ("Paper_Crane_-_15_(720p)_-_SomeSubs.mkv", &r);
  g_assert_cmpstr (r.release_group, ==, "SomeSubs");
  g_assert_cmpint (r.absolute[0], ==, 15);
  parse ("Paper Crane - 02 (Moon-Subs).mkv", &r);
  g_assert_cmpstr (r.release_group, ==, "Moon-Subs");
  parse ("Paper Crane S02E04 [480p] [Tsuki-Raws].mkv", &r);
  g_assert_cmpstr (r.release_group, ==, "Tsuki-Raws");
  parse ("[Grp] Paper Crane - 05 [1080p] [Multi-Subs].mkv", &r);
  g_assert_cmpstr (r.release_group, ==, "Grp");

  /* sidecars and .nfo carry the release's name */
  parse ("Harbor.Lights.S06E23.720p.HDTV.x264-GRP.en.srt", &r);
  g_assert_cmpstr (r.release_group, ==, "GRP");
  g_assert_cmpint (r.episodes[0], ==, 23);
  parse ("Harbor.Lights.S06E23.720p.HDTV.x264-GRP.English.srt", &r);
  g_assert_cmpstr (r.release_group, ==, "GRP");
  g_assert_cmpstr (r.languages[0], ==, "en");
  parse ("Harbor.Lights.S01E21.1080p.WEB.h264-GRP.nfo", &r);
  g_assert_cmpstr (r.release_group, ==, "GRP");

  /* season packs: the episode in the file, the season in the folder */
  parse ("/dl/Harbor.Lights.S09.720p.HDTV.x264-GRP/08.mkv", &r);
  g_assert_cmpstr (r.title, ==, "Harbor Lights");
  g_assert_cmpint (r.season, ==, 9);
  assert_eps (&r, EPS (8));
  g_assert_false (r.full_season);
  parse ("/dl/Harbor.Lights.S04.1080p.BluRay.x264-GRP/Episode 05.mkv", &r);
  g_assert_cmpint (r.season, ==, 4);
  assert_eps (&r, EPS (5));
  parse ("/tv/Harbor Lights/Season 3/Harbor Lights - 317 - Blackout.avi", &r);
  g_assert_cmpint (r.season, ==, 3);
  assert_eps (&r, EPS (17));
}

static void
test_parser_json (void)
{
  MmlParseResult r;
  GString *json = g_string_new (NULL);

  mml_parse_name ("Series.Title.S02E15.FRENCH.720p.HDTV.x264-LOL", -1, MML_PARSE_FLAGS_NONE, &r);
  mml_parse_result_to_json (&r, json);
  g_assert_cmpstr (json->str, ==,
                   "{\"parsed\":true,\"title\":\"Series Title\",\"season\":2,\"episodes\":[15],"
                   "\"absolute\":[],\"air_date\":null,\"full_season\":false,\"special\":false,"
                   "\"year\":null,\"release_group\":\"LOL\",\"resolution\":\"720p\","
                   "\"languages\":[\"fr\"]}");
  g_string_free (json, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/parser/single", test_parser_single);
  g_test_add_func ("/core/parser/multi", test_parser_multi);
  g_test_add_func ("/core/parser/anime-absolute", test_parser_absolute);
  g_test_add_func ("/core/parser/daily", test_parser_daily);
  g_test_add_func ("/core/parser/season-packs", test_parser_season_packs);
  g_test_add_func ("/core/parser/specials", test_parser_specials);
  g_test_add_func ("/core/parser/crap", test_parser_crap);
  g_test_add_func ("/core/parser/release-groups", test_parser_groups);
  g_test_add_func ("/core/parser/resolution", test_parser_resolution);
  g_test_add_func ("/core/parser/languages", test_parser_languages);
  g_test_add_func ("/core/parser/folder-context", test_parser_folder_context);
  g_test_add_func ("/core/parser/hashed", test_parser_hashed);
  g_test_add_func ("/core/parser/subtitles", test_parser_subtitles);
  g_test_add_func ("/core/parser/file-kinds", test_parser_file_kinds);
  g_test_add_func ("/core/parser/non-utf8", test_parser_bytes);
  g_test_add_func ("/core/parser/long-names", test_parser_long);
  g_test_add_func ("/core/parser/json", test_parser_json);
  g_test_add_func ("/core/parser/wide-families", test_parser_wide_families);

  return g_test_run ();
}
