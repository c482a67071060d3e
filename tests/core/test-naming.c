/* test-naming.c — naming templates: every token and variant, the
 * multi-episode and colon styles, safe names, the length limit, folders,
 * template files and their errors, and names read back by the parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mml-naming.h"
#include "mml-parser.h"
#include "mml-series-folder.h"

static const int ep1[] = { 1 };
static const int ep123[] = { 1, 2, 3 };
static const char * const titles1[] = { "Pilot" };
static const char * const titles_parts[] = { "Episode Title (1)", "Episode Title (2)", "Episode Title (3)" };

/* The series everything starts from: "The Series Title! (2010)" S01E01 */
static MmlNamingEpisode
base_episode (void)
{
  MmlNamingEpisode e = { 0 };

  e.series_title = "The Series Title!";
  e.series_year = 2010;
  e.original_title = "The.Series.Title!.S01E01.720p.HDTV.x264-RlsGrp";
  e.season = 1;
  e.episodes = ep1;
  e.n_episodes = 1;
  e.episode_titles = titles1;
  e.n_episode_titles = 1;
  e.quality_full = "HDTV-720p Proper";
  e.release_group = "RlsGrp";
  e.extension = "mkv";
  e.series_type = MML_NAMING_SERIES_STANDARD;
  return e;
}

/* The file name with cfg's standard template set to tmpl */
static char *
render_with (const char             *tmpl,
             const MmlNamingEpisode *e)
{
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  g_autoptr(GError) error = NULL;
  char *name;

  mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD, tmpl);
  mml_naming_config_validate (cfg, &error);
  g_assert_no_error (error);
  name = mml_naming_render_file (cfg, e, &error);
  g_assert_no_error (error);
  return name;
}

static void
check (const char             *tmpl,
       const MmlNamingEpisode *e,
       const char             *want)
{
  g_autofree char *got = render_with (tmpl, e);

  if (g_strcmp0 (got, want) != 0)
    g_error ("template %s: got “%s”, want “%s”", tmpl, got, want);
}

/* tmpl after "S{season:00}E{episode:00} " */
static void
check_after_number (const char             *tmpl,
                    const MmlNamingEpisode *e,
                    const char             *want)
{
  g_autofree char *full = g_strconcat ("S{season:00}E{episode:00} ", tmpl, NULL);
  g_autofree char *full_want = want[0] ? g_strconcat ("S01E01 ", want, ".mkv", NULL)
                                       : g_strdup ("S01E01.mkv");

  check (full, e, full_want);
}

#define T(tmpl, want) check_after_number (tmpl, &e, want)

static void
test_defaults (void)
{
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  g_autoptr(GError) error = NULL;
  MmlNamingEpisode e = base_episode ();
  g_autofree char *file = NULL, *series = NULL, *season = NULL;

  g_assert_true (mml_naming_config_validate (cfg, &error));
  g_assert_cmpstr (mml_naming_config_get_template (cfg, MML_NAMING_TEMPLATE_STANDARD), ==,
                   "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}");
  g_assert_cmpint (mml_naming_config_get_multi_style (cfg), ==, MML_NAMING_MULTI_PREFIXED_RANGE);
  g_assert_cmpint (mml_naming_config_get_colon_style (cfg), ==, MML_NAMING_COLON_SMART);

  file = mml_naming_render_file (cfg, &e, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file, ==, "The Series Title! - S01E01 - Pilot HDTV-720p Proper.mkv");
  series = mml_naming_render_series_folder (cfg, &e, &error);
  g_assert_cmpstr (series, ==, "The Series Title!");
  season = mml_naming_render_season_folder (cfg, &e, &error);
  g_assert_cmpstr (season, ==, "Season 1");
}

static void
test_tokens (void)
{
  MmlNamingEpisode e = base_episode ();

  T ("{Series Title}", "The Series Title!");
  T ("{Series TitleYear}", "The Series Title! (2010)");
  T ("{Series CleanTitle}", "The Series Title");
  T ("{Series CleanTitleYear}", "The Series Title 2010");
  T ("{Series TitleThe}", "Series Title!, The");
  T ("{Original Title}", "The.Series.Title!.S01E01.720p.HDTV.x264-RlsGrp");
  T ("{Episode Title}", "Pilot");
  T ("{Episode CleanTitle}", "Pilot");
  T ("{Quality Full}", "HDTV-720p Proper");
  T ("{Release Group}", "RlsGrp");
  T ("{season:0}x{episode:0}", "1x1");
  T ("{season:000}", "001");
  T ("{absolute:000}", "");   /* none: empty */

  /* TitleYear does not repeat a year the title has; none without a year */
  e.series_title = "Show (2010)";
  T ("{Series TitleYear}", "Show (2010)");
  T ("{Series CleanTitleYear}", "Show 2010");
  e.series_year = 0;
  T ("{Series TitleYear}", "Show (2010)");
  e.series_title = "Show";
  T ("{Series TitleYear}", "Show");

  /* clean titles */
  e.series_title = "Marvel's Agents of S.H.I.E.L.D. & Friends: Who? - Now (UK) [x]";
  T ("{Series CleanTitle}", "Marvels Agents of S.H.I.E.L.D. and Friends Who Now UK x");
  e.series_title = "A Team";
  T ("{Series TitleThe}", "Team, A");
  e.series_title = "An Idiot Abroad";
  T ("{Series TitleThe}", "Idiot Abroad, An");
  e.series_title = "Theory";
  T ("{Series TitleThe}", "Theory");

  /* Air dates */
  e = base_episode ();
  e.air_year = 2013; e.air_month = 10; e.air_day = 3;
  T ("{Air-Date}", "2013-10-03");
  T ("{Air Date}", "2013 10 03");
  T ("{Air.Date}", "2013.10.03");
  T ("{Air_Date}", "2013_10_03");
}

static void
test_variants (void)
{
  MmlNamingEpisode e = base_episode ();

  e.series_title = "The Series Title!";
  T ("{series title}", "the series title!");
  T ("{SERIES TITLE}", "THE SERIES TITLE!");
  T ("{Series.Title}", "The.Series.Title!");
  T ("{Series_Title}", "The_Series_Title!");
  T ("{Series-Title}", "The-Series-Title!");
  T ("{series.cleantitle}", "the.series.title");
  T ("{SERIES.TITLEYEAR}", "THE.SERIES.TITLE!.(2010)");
  T ("{Quality.Full}", "HDTV-720p.Proper");
  T ("{quality full}", "hdtv-720p proper");
  /* non-ASCII case */
  e.series_title = "Été à Paris";
  T ("{SERIES TITLE}", "ÉTÉ À PARIS");
  T ("{series title}", "été à paris");

  /* prefix and suffix, dropped with an empty value */
  e = base_episode ();
  T ("{[Quality Full]}{-Release Group}", "[HDTV-720p Proper]-RlsGrp");
  T ("{(Release Group)}", "(RlsGrp)");
  T ("{ Release Group}", "RlsGrp");
  T ("[{Quality Full}]", "[HDTV-720p Proper]");
  e.release_group = NULL;
  e.quality_full = "";
  T ("{[Quality Full]}{-Release Group}", "");
  /* an empty "[]" of literal brackets goes too */
  T ("[{Quality Full}] x", "x");
  e.episode_titles = NULL;
  e.n_episode_titles = 0;
  check ("{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}", &e,
         "The Series Title! - S01E01.mkv");
  check ("{Series Title} - {Episode Title} - S{season:00}E{episode:00}", &e,
         "The Series Title! - S01E01.mkv");
  check ("{Series.Title}.S{season:00}E{episode:00}.{Episode.Title}.{Quality.Full}", &e,
         "The.Series.Title!.S01E01.mkv");
}

static void
test_multi (void)
{
  static const struct { MmlNamingMultiStyle style; const char *sxe, *x, *abs; } cases[] = {
    { MML_NAMING_MULTI_EXTEND,         "S01E01-02-03",         "1x01-02-03",       "001-003" },
    { MML_NAMING_MULTI_DUPLICATE,      "S01E01.S01E02.S01E03", "1x01.1x02.1x03",   "001-003" },
    { MML_NAMING_MULTI_REPEAT,         "S01E01E02E03",         "1x01x02x03",       "001-003" },
    { MML_NAMING_MULTI_SCENE,          "S01E01-E02-E03",       "1x01-x02-x03",     "001-003" },
    { MML_NAMING_MULTI_RANGE,          "S01E01-03",            "1x01-03",          "001-003" },
    { MML_NAMING_MULTI_PREFIXED_RANGE, "S01E01-E03",           "1x01-x03",         "001-003" },
  };
  MmlNamingEpisode e = base_episode ();

  e.episodes = ep123;
  e.n_episodes = 3;
  e.absolute = ep123;
  e.n_absolute = 3;
  e.episode_titles = titles_parts;
  e.n_episode_titles = 3;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
      g_autofree char *a = NULL, *b = NULL, *c = NULL, *want = NULL;

      mml_naming_config_set_multi_style (cfg, cases[i].style);
      mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD,
                                      "{Series Title} - S{season:00}E{episode:00} - {Episode Title}");
      a = mml_naming_render_file (cfg, &e, NULL);
      want = g_strdup_printf ("The Series Title! - %s - Episode Title.mkv", cases[i].sxe);
      g_assert_cmpstr (a, ==, want);

      mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD, "{season}x{episode:00}");
      b = mml_naming_render_file (cfg, &e, NULL);
      g_free (want);
      want = g_strdup_printf ("%s.mkv", cases[i].x);
      g_assert_cmpstr (b, ==, want);

      mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_ANIME, "{season} {absolute:000}");
      e.series_type = MML_NAMING_SERIES_ANIME;
      c = mml_naming_render_file (cfg, &e, NULL);
      e.series_type = MML_NAMING_SERIES_STANDARD;
      g_free (want);
      want = g_strdup_printf ("1 %s.mkv", cases[i].abs);
      g_assert_cmpstr (c, ==, want);
    }

  /* Not one run: the range styles list every episode */
  {
    static const int gap[] = { 1, 2, 4 };
    g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
    g_autofree char *a = NULL, *b = NULL;

    e.episodes = gap;
    e.n_episode_titles = 0;
    mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD, "S{season:00}E{episode:00}");
    a = mml_naming_render_file (cfg, &e, NULL);
    g_assert_cmpstr (a, ==, "S01E01E02E04.mkv");
    mml_naming_config_set_multi_style (cfg, MML_NAMING_MULTI_RANGE);
    b = mml_naming_render_file (cfg, &e, NULL);
    g_assert_cmpstr (b, ==, "S01E01E02E04.mkv");
  }
}

static void
test_multi_titles (void)
{
  static const char * const differ[] = { "The Beginning", "The Middle: Part 2", "The End" };
  static const char * const parts[] = { "Finale, Part 1", "Finale, Part 2", "Finale Pt. 3" };
  static const char * const one_missing[] = { "A & B", NULL, "C" };
  MmlNamingEpisode e = base_episode ();

#define TM(tmpl, want) check ("S{season:00}E{episode:00} " tmpl, &e, "S01E01-E03 " want ".mkv")

  e.episodes = ep123;
  e.n_episodes = 3;
  e.n_episode_titles = 3;
  e.episode_titles = titles_parts;
  TM ("{Episode Title}", "Episode Title");
  e.episode_titles = parts;
  TM ("{Episode Title}", "Finale");
  e.episode_titles = differ;
  TM ("{Episode Title}", "The Beginning + The Middle - Part 2 + The End");
  TM ("{Episode CleanTitle}", "The Beginning and The Middle Part 2 and The End");
  e.episode_titles = one_missing;
  TM ("{Episode Title}", "A & B + C");
  TM ("{Episode CleanTitle}", "A and B and C");
}
#undef TM

static void
test_colon (void)
{
  static const struct { MmlNamingColonStyle style; const char *a, *b; } cases[] = {
    { MML_NAMING_COLON_DELETE,           "Star Trek Picard", "1030" },
    { MML_NAMING_COLON_DASH,             "Star Trek- Picard", "10-30" },
    { MML_NAMING_COLON_SPACE_DASH,       "Star Trek - Picard", "10 -30" },
    { MML_NAMING_COLON_SPACE_DASH_SPACE, "Star Trek - Picard", "10 - 30" },
    { MML_NAMING_COLON_SMART,            "Star Trek - Picard", "10-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
      MmlNamingEpisode e = base_episode ();
      const char *title[] = { "10:30" };
      g_autofree char *name = NULL, *folder = NULL, *want = NULL;

      e.series_title = "Star Trek: Picard";
      e.episode_titles = title;
      mml_naming_config_set_colon_style (cfg, cases[i].style);
      mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD,
                                      "{Series Title} S{season:00}E{episode:00} {Episode Title}");
      name = mml_naming_render_file (cfg, &e, NULL);
      want = g_strdup_printf ("%s S01E01 %s.mkv", cases[i].a, cases[i].b);
      g_assert_cmpstr (name, ==, want);
      folder = mml_naming_render_series_folder (cfg, &e, NULL);
      g_assert_cmpstr (folder, ==, cases[i].a);
    }
}

static void
test_illegal (void)
{
  MmlNamingEpisode e = base_episode ();
  const char *title[] = { "What? Who* <Me> | \"You\" / Them \\ Us\tand\x01 more.. " };

  e.episode_titles = title;
  T ("{Episode Title}", "What! Who- Me You + Them + Us and more");
  e.series_title = "...Hidden.. Show.";
  {
    g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
    g_autofree char *folder = mml_naming_render_series_folder (cfg, &e, NULL);

    g_assert_cmpstr (folder, ==, "Hidden. Show");
    g_assert_true (mml_series_folder_check_name (folder, NULL));
  }
  /* trailing dots and spaces never end a name */
  e = base_episode ();
  title[0] = "The End...";
  e.episode_titles = title;
  check ("{Series Title} - S{season:00}E{episode:00} - {Episode Title}", &e,
         "The Series Title! - S01E01 - The End.mkv");
  /* bad extensions */
  {
    g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
    g_autoptr(GError) error = NULL;
    g_autofree char *name = NULL, *noext = NULL;

    e.extension = "../mkv";
    name = mml_naming_render_file (cfg, &e, &error);
    g_assert_null (name);
    g_assert_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_INPUT);
    e.extension = ".MKV";
    g_clear_pointer (&name, g_free);
    name = mml_naming_render_file (cfg, &e, NULL);
    g_assert_true (g_str_has_suffix (name, " - S01E01 - The End... HDTV-720p Proper.MKV"));
    e.extension = NULL;
    noext = mml_naming_render_file (cfg, &e, NULL);
    g_assert_cmpstr (noext, ==, "The Series Title! - S01E01 - The End... HDTV-720p Proper");
  }
}

static void
test_length (void)
{
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  MmlNamingEpisode e = base_episode ();
  g_autoptr(GString) t = g_string_new (NULL);
  const char *title[1];

  /* 2-, 3- and 4-byte characters, every offset */
  for (guint round = 0; round < 3; round++)
    for (guint pad = 0; pad < 5; pad++)
      {
        g_autofree char *name = NULL;
        const char *ch = round == 0 ? "é" : round == 1 ? "日本" : "😀";
        gsize len;

        g_string_assign (t, "");
        for (guint k = 0; k < pad; k++)
          g_string_append_c (t, 'x');
        while (t->len < 600)
          g_string_append (t, ch);
        title[0] = t->str;
        e.episode_titles = title;
        e.episodes = ep123;
        e.n_episodes = 3;
        e.n_episode_titles = 1;
        name = mml_naming_render_file (cfg, &e, NULL);
        g_assert_nonnull (name);
        len = strlen (name);
        g_assert_cmpuint (len, <=, 255);
        g_assert_cmpuint (len, >=, 240);
        g_assert_true (g_utf8_validate (name, -1, NULL));
        g_assert_true (g_str_has_prefix (name, "The Series Title! - S01E01-E03 - "));
        g_assert_true (g_str_has_suffix (name, "… HDTV-720p Proper.mkv"));
      }

  /* too long without the title: an error */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *name = NULL;

    e.series_title = t->str;
    name = mml_naming_render_file (cfg, &e, &error);
    g_assert_null (name);
    g_assert_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TOO_LONG);
  }

  /* folders are shortened where they must be */
  {
    g_autofree char *folder = mml_naming_render_series_folder (cfg, &e, NULL);

    g_assert_cmpuint (strlen (folder), <=, 255);
    g_assert_true (g_utf8_validate (folder, -1, NULL));
    g_assert_true (g_str_has_suffix (folder, "…"));
  }
}

static void
test_types_and_folders (void)
{
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  MmlNamingEpisode e = base_episode ();
  g_autofree char *daily = NULL, *daily_folder = NULL, *anime = NULL, *anime_std = NULL;
  g_autofree char *specials = NULL, *from_root = NULL, *own = NULL, *series = NULL;
  static const int abs[] = { 101 };

  g_assert_cmpint (mml_naming_series_type_resolve (MML_NAMING_SERIES_FROM_ROOT, MML_ROOT_KIND_ANIME), ==,
                   MML_NAMING_SERIES_ANIME);
  g_assert_cmpint (mml_naming_series_type_resolve (MML_NAMING_SERIES_FROM_ROOT, MML_ROOT_KIND_DAILY), ==,
                   MML_NAMING_SERIES_DAILY);
  g_assert_cmpint (mml_naming_series_type_resolve (MML_NAMING_SERIES_STANDARD, MML_ROOT_KIND_DAILY), ==,
                   MML_NAMING_SERIES_STANDARD);

  mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SEASON, "Season {season:00}");
  mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_ANIME,
                                  "{Series TitleYear} - S{season:00}E{episode:00} - {absolute:000} - {Episode Title}");
  mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SERIES, "{Series TitleYear}");

  /* daily, from the root's kind */
  e.series_type = MML_NAMING_SERIES_FROM_ROOT;
  e.root_kind = MML_ROOT_KIND_DAILY;
  e.season = 2013;
  e.air_year = 2013; e.air_month = 10; e.air_day = 30;
  daily = mml_naming_render_file (cfg, &e, NULL);
  g_assert_cmpstr (daily, ==, "The Series Title! - 2013-10-30 - Pilot HDTV-720p Proper.mkv");
  daily_folder = mml_naming_render_season_folder (cfg, &e, NULL);
  g_assert_cmpstr (daily_folder, ==, "Season 2013");
  /* the series' own type wins */
  e.series_type = MML_NAMING_SERIES_STANDARD;
  e.season = 1;
  own = mml_naming_render_file (cfg, &e, NULL);
  g_assert_cmpstr (own, ==, "The Series Title! - S01E01 - Pilot HDTV-720p Proper.mkv");

  /* anime; without absolute numbers the standard template */
  e = base_episode ();
  e.series_type = MML_NAMING_SERIES_ANIME;
  e.absolute = abs;
  e.n_absolute = 1;
  anime = mml_naming_render_file (cfg, &e, NULL);
  g_assert_cmpstr (anime, ==, "The Series Title! (2010) - S01E01 - 101 - Pilot.mkv");
  e.n_absolute = 0;
  anime_std = mml_naming_render_file (cfg, &e, NULL);
  g_assert_cmpstr (anime_std, ==, "The Series Title! - S01E01 - Pilot HDTV-720p Proper.mkv");
  e.series_type = MML_NAMING_SERIES_FROM_ROOT;
  e.root_kind = MML_ROOT_KIND_ANIME;
  e.n_absolute = 1;
  from_root = mml_naming_render_file (cfg, &e, NULL);
  g_assert_cmpstr (from_root, ==, anime);

  /* specials */
  e.season = 0;
  specials = mml_naming_render_season_folder (cfg, &e, NULL);
  g_assert_cmpstr (specials, ==, "Specials");
  mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SPECIALS, "Season {season:00}");
  g_free (specials);
  specials = mml_naming_render_season_folder (cfg, &e, NULL);
  g_assert_cmpstr (specials, ==, "Season 00");

  series = mml_naming_render_series_folder (cfg, &e, NULL);
  g_assert_cmpstr (series, ==, "The Series Title! (2010)");

  /* no season: no season folder */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *none = NULL;

    e.season = -1;
    none = mml_naming_render_season_folder (cfg, &e, &error);
    g_assert_null (none);
    g_assert_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_INPUT);
  }

  /* the examples Settings shows */
  for (guint t = MML_NAMING_SERIES_STANDARD; t <= MML_NAMING_SERIES_ANIME; t++)
    {
      g_autoptr(MmlNamingConfig) def = mml_naming_config_new_default ();
      g_autofree char *one = mml_naming_render_file (def, mml_naming_example_episode (t, FALSE), NULL);
      g_autofree char *many = mml_naming_render_file (def, mml_naming_example_episode (t, TRUE), NULL);

      g_assert_nonnull (one);
      g_assert_nonnull (many);
      if (t != MML_NAMING_SERIES_DAILY)
        g_assert_cmpstr (many, ==, "The Series Title! - S01E01-E03 - Episode Title HDTV-720p Proper.mkv");
      else
        g_assert_cmpstr (one, ==, "The Series Title! - 2013-10-30 - Episode Title (1) HDTV-720p Proper.mkv");
    }
}

static void
expect_file_error (const char *text,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_parse_file (text, strlen (text), &error);

  g_assert_null (cfg);
  g_assert_error (error, MML_NAMING_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", text, error->message, needle);
}

static void
test_file (void)
{
  const char *good =
    "\xEF\xBB\xBF# my naming\r\n"
    "series = {Series TitleYear}\r\n"
    "\n"
    "  # indented comment\n"
    "season=Season {season:00}\n"
    "standard={Series Title} - S{season:00}E{episode:00} - {Episode Title} #1\n"
    "multi=scene\n"
    "colon=space-dash\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_parse_file (good, strlen (good), &error);
  g_autoptr(MmlNamingConfig) back = NULL;
  g_autofree char *text = NULL, *text2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (mml_naming_config_get_template (cfg, MML_NAMING_TEMPLATE_SERIES), ==, "{Series TitleYear}");
  g_assert_cmpstr (mml_naming_config_get_template (cfg, MML_NAMING_TEMPLATE_SEASON), ==, "Season {season:00}");
  g_assert_cmpstr (mml_naming_config_get_template (cfg, MML_NAMING_TEMPLATE_STANDARD), ==,
                   "{Series Title} - S{season:00}E{episode:00} - {Episode Title} #1");
  /* keys left out: the defaults */
  g_assert_cmpstr (mml_naming_config_get_template (cfg, MML_NAMING_TEMPLATE_SPECIALS), ==, "Specials");
  g_assert_cmpstr (mml_naming_config_get_template (cfg, MML_NAMING_TEMPLATE_DAILY), ==,
                   "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}");
  g_assert_cmpint (mml_naming_config_get_multi_style (cfg), ==, MML_NAMING_MULTI_SCENE);
  g_assert_cmpint (mml_naming_config_get_colon_style (cfg), ==, MML_NAMING_COLON_SPACE_DASH);

  /* written and read back the same */
  text = mml_naming_config_to_file (cfg);
  back = mml_naming_config_parse_file (text, strlen (text), &error);
  g_assert_no_error (error);
  text2 = mml_naming_config_to_file (back);
  g_assert_cmpstr (text, ==, text2);

  /* an empty file: the defaults */
  {
    g_autoptr(MmlNamingConfig) empty = mml_naming_config_parse_file ("", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpint (mml_naming_config_get_multi_style (empty), ==, MML_NAMING_MULTI_PREFIXED_RANGE);
  }

  expect_file_error ("# x\nfoo=bar\n", MML_NAMING_ERROR_FILE, "Line 2: unknown key “foo”");
  expect_file_error ("multi=range\n\n\nmulti=extend\n", MML_NAMING_ERROR_FILE, "Line 4: “multi” is set twice");
  expect_file_error ("\n\nmulti=ranged\n", MML_NAMING_ERROR_FILE, "Line 3: “multi”");
  expect_file_error ("colon=semicolon\n", MML_NAMING_ERROR_FILE, "Line 1: “colon”");
  expect_file_error ("series={Series Title}\njust text\n", MML_NAMING_ERROR_FILE, "Line 2: expected “key=value”");
  expect_file_error ("\nseason=Season {seasn}\n", MML_NAMING_ERROR_TEMPLATE,
                     "Line 2: The season folder template, character 8: unknown token “{seasn}”");
  expect_file_error ("standard={Series Title}\n", MML_NAMING_ERROR_TEMPLATE, "Line 1: The standard episode template");
  expect_file_error ("a\xff=b\n", MML_NAMING_ERROR_FILE, "UTF-8");
  {
    /* a NUL inside the text */
    g_autoptr(GError) nul_error = NULL;
    g_autoptr(MmlNamingConfig) nul = mml_naming_config_parse_file ("multi=range\0x", 13, &nul_error);

    g_assert_null (nul);
    g_assert_error (nul_error, MML_NAMING_ERROR, MML_NAMING_ERROR_FILE);
  }
}

static void
expect_template_error (MmlNamingTemplate which,
                       const char       *text,
                       const char       *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  MmlNamingEpisode e = base_episode ();
  char *name;

  g_assert_false (mml_naming_check_template (which, text, &error));
  g_assert_error (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TEMPLATE);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", text, error->message, needle);

  /* set anyway: validate and render fail the same way */
  mml_naming_config_set_template (cfg, which, text);
  g_assert_false (mml_naming_config_validate (cfg, &error2));
  g_assert_cmpstr (error2->message, ==, error->message);
  g_clear_error (&error2);
  if (which >= MML_NAMING_TEMPLATE_STANDARD)
    {
      e.series_type = which == MML_NAMING_TEMPLATE_DAILY ? MML_NAMING_SERIES_DAILY
                    : which == MML_NAMING_TEMPLATE_ANIME ? MML_NAMING_SERIES_ANIME
                    : MML_NAMING_SERIES_STANDARD;
      e.air_year = 2013; e.air_month = 1; e.air_day = 2;
      e.absolute = ep1;
      e.n_absolute = 1;
      name = mml_naming_render_file (cfg, &e, &error2);
      g_assert_null (name);
      g_assert_error (error2, MML_NAMING_ERROR, MML_NAMING_ERROR_TEMPLATE);
    }
}

static void
test_validation (void)
{
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "{Series Title} - S{season:00}E{episode:00} - {Foo}",
                         "The standard episode template, character 46: unknown token “{Foo}”");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "{Series Title - S{season:00}E{episode:00}",
                         "character 1: “{” is not closed by “}”");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "S{season:00}E{episode:00} {Series Title",
                         "character 27: “{” is not closed by “}”");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "S{season:00}E{episode:00}} x",
                         "character 26: “}” has no “{” before it");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "{Series Title} - {Episode Title}",
                         "needs the season and episode numbers");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "{Series Title} - S{season:00}",
                         "needs the season and episode numbers");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "S{season:00}E{episode:00}: {Episode Title}",
                         "character 26: “:” is not allowed");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "Séries/S{season:00}E{episode:00}",
                         "character 7: “/” is not allowed");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "S{season:ab}E{episode:00}",
                         "“{season:ab}” has a bad number format");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "S{season:00}E{episode:00} {Episode Title:30}",
                         "“{Episode Title:30}” takes no format");
  expect_template_error (MML_NAMING_TEMPLATE_STANDARD, "S{season:00}E{episode:0000000}",
                         "bad number format");
  expect_template_error (MML_NAMING_TEMPLATE_DAILY, "{Series Title} - {Episode Title}",
                         "The daily episode template: it needs the air date");
  expect_template_error (MML_NAMING_TEMPLATE_ANIME, "{Series Title} - {Episode Title}",
                         "The anime episode template: it needs the absolute episode number");
  expect_template_error (MML_NAMING_TEMPLATE_SEASON, "Season",
                         "The season folder template: it needs the season number");
  expect_template_error (MML_NAMING_TEMPLATE_SEASON, "Season {season} {episode}",
                         "character 17: “{episode}” cannot be used here");
  expect_template_error (MML_NAMING_TEMPLATE_SERIES, "{Series Title} {season}",
                         "The series folder template, character 16: “{season}” cannot be used here");
  expect_template_error (MML_NAMING_TEMPLATE_SERIES, "My Show",
                         "it needs the series’ title");
  expect_template_error (MML_NAMING_TEMPLATE_SPECIALS, "   ", "The specials folder name: it is empty");
  expect_template_error (MML_NAMING_TEMPLATE_SPECIALS, "Specials {Quality Full}", "cannot be used here");
  expect_template_error (MML_NAMING_TEMPLATE_SERIES, "{}", "unknown token “{}”");
  expect_template_error (MML_NAMING_TEMPLATE_SERIES, "{Series Title!}", "unknown token “{Series Title!}”");

  /* and good ones */
  g_assert_true (mml_naming_check_template (MML_NAMING_TEMPLATE_DAILY, "{Series.Title}.{Air.Date}", NULL));
  g_assert_true (mml_naming_check_template (MML_NAMING_TEMPLATE_ANIME, "{Series Title} - {absolute:000}", NULL));
  g_assert_true (mml_naming_check_template (MML_NAMING_TEMPLATE_SPECIALS, "Season {season:00}", NULL));
  g_assert_true (mml_naming_check_template (MML_NAMING_TEMPLATE_STANDARD,
                                            "{Series TitleYear} - S{season:00}E{episode:00} - {Episode CleanTitle} "
                                            "[{Quality Full}]{-Release Group}", NULL));
}

/* ------------------------------------------------------------ round trip */

static gboolean
same_ints (const int *a,
           guint      na,
           const int *b,
           guint      nb)
{
  return na == nb && (na == 0 || memcmp (a, b, na * sizeof (int)) == 0);
}

static void
test_round_trip (void)
{
  static const char *const series_titles[] = {
    "The Series Title!", "Star Trek: Picard", "9-1-1", "Mr. Robot", "Été à Paris", "Show 2",
  };
  static const char *const std_templates[] = {
    "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
    "{Series TitleYear} - S{season:00}E{episode:00} - {Episode CleanTitle} [{Quality Full}]{-Release Group}",
    "{Series.CleanTitle}.S{season:00}E{episode:00}.{Episode.CleanTitle}.{Quality.Full}{-Release Group}",
    "{Series Title} - {season}x{episode:00} - {Episode Title}",
  };
  static const char *const anime_templates[] = {
    "{Series Title} - S{season:00}E{episode:00} - {absolute:000} - {Episode Title} {Quality Full}",
    "{Series Title} - {absolute:000} - {Episode Title} {Quality Full}",
  };
  static const int multi_sets[][4] = { { 1 }, { 5, 6 }, { 9, 10, 11 }, { 12, 13, 14, 15 } };
  static const guint multi_n[] = { 1, 2, 3, 4 };
  static const char *const ep_titles[] = { "Pilot", "Part Two: The Return", "10:30 P.M.", "Finale (1)" };
  guint total[6] = { 0 }, passed[6] = { 0 };
  guint dtotal = 0, dpassed = 0, atotal[6] = { 0 }, apassed[6] = { 0 };

  for (guint style = 0; style <= MML_NAMING_MULTI_PREFIXED_RANGE; style++)
    for (guint ti = 0; ti < G_N_ELEMENTS (series_titles); ti++)
      for (guint season = 1; season <= 12; season += 11)
        for (guint m = 0; m < G_N_ELEMENTS (multi_n); m++)
          {
            g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
            MmlNamingEpisode e = base_episode ();

            mml_naming_config_set_multi_style (cfg, style);
            e.series_title = series_titles[ti];
            e.season = season;
            e.episodes = multi_sets[m];
            e.n_episodes = multi_n[m];
            e.episode_titles = ep_titles;
            e.n_episode_titles = multi_n[m];

            for (guint k = 0; k < G_N_ELEMENTS (std_templates); k++)
              {
                g_autofree char *name = NULL, *path = NULL, *folder = NULL, *sfolder = NULL;
                MmlParseResult r;

                mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD, std_templates[k]);
                name = mml_naming_render_file (cfg, &e, NULL);
                folder = mml_naming_render_series_folder (cfg, &e, NULL);
                sfolder = mml_naming_render_season_folder (cfg, &e, NULL);
                path = g_strdup_printf ("/tv/%s/%s/%s", folder, sfolder, name);
                mml_parse_path (path, -1, MML_PARSE_FLAGS_NONE, &r);
                total[style]++;
                if (r.parsed && r.season == (int) season && same_ints (r.episodes, r.n_episodes, e.episodes, e.n_episodes))
                  passed[style]++;
                else
                  g_test_message ("round trip (%s): %s → season %d, %u episodes",
                                  mml_naming_multi_style_to_string (style), path, r.season, r.n_episodes);
              }

            /* anime: absolute numbers read back with the anime root's flags */
            e.series_type = MML_NAMING_SERIES_ANIME;
            e.absolute = multi_sets[m];
            e.n_absolute = multi_n[m];
            for (guint k = 0; k < G_N_ELEMENTS (anime_templates); k++)
              {
                g_autofree char *name = NULL, *path = NULL;
                MmlParseResult r;
                gboolean ok;

                mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_ANIME, anime_templates[k]);
                name = mml_naming_render_file (cfg, &e, NULL);
                path = g_strdup_printf ("/anime/%s/%s", e.series_title, name);
                mml_parse_path (path, -1, MML_PARSE_PREFER_ABSOLUTE, &r);
                atotal[style]++;
                /* with S01E01 in the name the parser gives season and
                 * episode; else the absolute numbers */
                if (k == 0)
                  ok = r.season == (int) season && same_ints (r.episodes, r.n_episodes, e.episodes, e.n_episodes);
                else
                  ok = same_ints (r.absolute, r.n_absolute, e.absolute, e.n_absolute)
                       || (r.n_absolute == 0 && same_ints (r.episodes, r.n_episodes, e.absolute, e.n_absolute));
                if (ok)
                  apassed[style]++;
                else
                  g_test_message ("anime round trip (%s): %s → season %d, %u episodes, %u absolute",
                                  mml_naming_multi_style_to_string (style), path, r.season, r.n_episodes,
                                  r.n_absolute);
              }
          }

  /* episodes not in one run: every style but extend and scene reads back */
  for (guint style = 0; style <= MML_NAMING_MULTI_PREFIXED_RANGE; style++)
    {
      static const int gap[] = { 1, 2, 4 };
      g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
      MmlNamingEpisode e = base_episode ();
      g_autofree char *name = NULL;
      MmlParseResult r;
      gboolean ok;

      mml_naming_config_set_multi_style (cfg, style);
      e.episodes = gap;
      e.n_episodes = 3;
      name = mml_naming_render_file (cfg, &e, NULL);
      mml_parse_name (name, -1, MML_PARSE_FLAGS_NONE, &r);
      ok = r.season == 1 && same_ints (r.episodes, r.n_episodes, gap, 3);
      g_printerr ("round trip %-15s episodes 1, 2, 4: %s (%s)\n", mml_naming_multi_style_to_string (style),
                  ok ? "same" : "differs", name);
      if (style != MML_NAMING_MULTI_EXTEND && style != MML_NAMING_MULTI_SCENE)
        g_assert_true (ok);
    }

  /* daily: the air date back */
  for (guint ti = 0; ti < G_N_ELEMENTS (series_titles); ti++)
    for (guint month = 1; month <= 12; month += 5)
      for (guint day = 1; day <= 28; day += 9)
        {
          g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
          MmlNamingEpisode e = base_episode ();
          g_autofree char *name = NULL, *path = NULL, *folder = NULL, *sfolder = NULL;
          MmlParseResult r;

          e.series_title = series_titles[ti];
          e.series_type = MML_NAMING_SERIES_DAILY;
          e.air_year = 2013;
          e.air_month = month;
          e.air_day = day;
          e.season = 2013;
          name = mml_naming_render_file (cfg, &e, NULL);
          folder = mml_naming_render_series_folder (cfg, &e, NULL);
          sfolder = mml_naming_render_season_folder (cfg, &e, NULL);
          path = g_strdup_printf ("/daily/%s/%s/%s", folder, sfolder, name);
          mml_parse_path (path, -1, MML_PARSE_PREFER_DAILY, &r);
          dtotal++;
          if (r.air_year == 2013 && r.air_month == (int) month && r.air_day == (int) day)
            dpassed++;
          else
            g_test_message ("daily round trip: %s → %d-%d-%d", path, r.air_year, r.air_month, r.air_day);
        }

  for (guint style = 0; style <= MML_NAMING_MULTI_PREFIXED_RANGE; style++)
    {
      g_printerr ("round trip %-15s standard %u/%u, anime %u/%u\n",
                  mml_naming_multi_style_to_string (style), passed[style], total[style],
                  apassed[style], atotal[style]);
      if (g_getenv ("NAMING_RT_REPORT") == NULL)
        {
          g_assert_cmpuint (passed[style], ==, total[style]);
          g_assert_cmpuint (apassed[style], ==, atotal[style]);
        }
    }
  g_printerr ("round trip daily %u/%u\n", dpassed, dtotal);
  if (g_getenv ("NAMING_RT_REPORT") == NULL)
    g_assert_cmpuint (dpassed, ==, dtotal);
}

/* The renderer names every episode as the one-shot functions do: many
 * templates, styles and episodes (odd bytes, long names, no season, a
 * stem kept short for a sidecar), the same series several times in a row
 * and series alternating, errors alike */
static void
check_same (const char *what,
            const char *one,
            GError     *one_error,
            const char *many,
            GError     *many_error)
{
  if (g_strcmp0 (one, many) != 0)
    g_error ("%s: one-shot “%s”, renderer “%s”", what, one ? one : "(null)", many ? many : "(null)");
  g_assert_true ((one_error == NULL) == (many_error == NULL));
  if (one_error != NULL)
    {
      g_assert_true (one_error->domain == many_error->domain);
      g_assert_cmpint (one_error->code, ==, many_error->code);
      g_assert_cmpstr (one_error->message, ==, many_error->message);
    }
}

static void
test_renderer (void)
{
  static const char * const standard[] = {
    "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
    "{Series TitleYear} - S{season:00}E{episode:00} - {Episode CleanTitle} [{Quality Full}]{-Release Group}",
    "{series.cleantitleyear}.{season}x{episode:000}.{EPISODE_TITLE}{.Original Title}",
    "{Series TitleThe} {season:0}{episode:00} {Air-Date} {absolute:000} ({Release Group})",
    "[{Release Group}] {Series_CleanTitle} - S{season:00}E{episode:00}{ - Episode Title}",
  };
  static const char * const series_folders[] = {
    "{Series Title}", "{Series TitleYear}", "{series cleantitleyear}", "{SERIES.TITLETHE} [x]",
  };
  static const char * const season_folders[] = { "Season {season}", "S{season:00}", "{Series Title} Season {season:000}" };
  static const char * const specials[] = { "Specials", "{Series Title} Extras", "Season {season:00}" };
  static const char * const dailies[] = {
    "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}", "{Series.Title}.{Air.Date}{.Episode.CleanTitle}",
  };
  static const char * const animes[] = {
    "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
    "{Series Title} - {absolute:000} - {Episode Title}", "[{Release Group}] {Series Title} - {absolute:00}",
  };
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(GString) long_series = g_string_new (NULL);
  const char *titles[] = {
    "The Series Title!", "Star Trek: Picard", "A Show/With\\Odd?Chars*<>|\"", "日本のドラマ：第二期",
    "Bad \xff\xfe bytes\x01\x7f\ttab", "", NULL, "An", " - Lone - Dash - ", "CSI: Miami (2002)", "..dots..",
    NULL /* long_series */,
  };
  const char *episode_titles[] = {
    "Pilot", "Episode Title (1)", "Episode Title (2)", "Title, Part 3", "What: Now?", NULL, "",
    "Ça va & bien / mal", "\xc3\x28 broken", NULL /* long_title */,
  };
  const char *qualities[] = { "HDTV-720p Proper", NULL, "WEB:DL 1080p" };
  const char *extensions[] = { "mkv", ".mkv", NULL, "", "m p4", "abcdefghijklmnopq" };
  const gsize suffixes[] = { 0, 0, 0, 14, 40, 200, 254, 255, 400 };
  int episodes[4], absolute[4];
  const char *etitles[4];
  g_autoptr(GRand) rng = g_rand_new_with_seed (14);
  guint checked = 0;

  while (long_title->len < 600)
    g_string_append (long_title, "Très long titre 😀 ");
  while (long_series->len < 300)
    g_string_append (long_series, "Series Name ");
  titles[G_N_ELEMENTS (titles) - 1] = long_series->str;
  episode_titles[G_N_ELEMENTS (episode_titles) - 1] = long_title->str;

  for (guint c = 0; c < 40; c++)
    {
      g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
      g_autoptr(MmlNamingRenderer) renderer = NULL;

      if (c > 0)
        {
          mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD,
                                          standard[g_rand_int_range (rng, 0, G_N_ELEMENTS (standard))]);
          mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SERIES,
                                          series_folders[g_rand_int_range (rng, 0, G_N_ELEMENTS (series_folders))]);
          mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SEASON,
                                          season_folders[g_rand_int_range (rng, 0, G_N_ELEMENTS (season_folders))]);
          mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SPECIALS,
                                          specials[g_rand_int_range (rng, 0, G_N_ELEMENTS (specials))]);
          mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_DAILY,
                                          dailies[g_rand_int_range (rng, 0, G_N_ELEMENTS (dailies))]);
          mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_ANIME,
                                          animes[g_rand_int_range (rng, 0, G_N_ELEMENTS (animes))]);
          mml_naming_config_set_multi_style (cfg, g_rand_int_range (rng, 0, MML_NAMING_MULTI_PREFIXED_RANGE + 1));
          mml_naming_config_set_colon_style (cfg, g_rand_int_range (rng, 0, MML_NAMING_COLON_SMART + 1));
        }
      if (c == 39)   /* a bad template: the same error both ways */
        mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_SEASON, "Season {seasn}");
      renderer = mml_naming_renderer_new (cfg);

      for (guint k = 0; k < 400; k++)
        {
          MmlNamingEpisode e = base_episode ();
          guint n = g_rand_int_range (rng, 1, 4);
          static const char * const names[] = { "file", "series folder", "season folder" };

          /* a few episodes of a series in a row, then another */
          e.series_title = titles[(k / 3 + c) % G_N_ELEMENTS (titles)];
          e.series_year = g_rand_boolean (rng) ? 0 : g_rand_int_range (rng, 1950, 2030);
          e.season = g_rand_int_range (rng, -1, 4) == 3 ? 2013 : g_rand_int_range (rng, -1, 13);
          episodes[0] = g_rand_int_range (rng, 0, 120);
          absolute[0] = g_rand_int_range (rng, 0, 1200);
          for (guint i = 1; i < n; i++)
            {
              episodes[i] = episodes[i - 1] + g_rand_int_range (rng, 1, 3);
              absolute[i] = absolute[i - 1] + g_rand_int_range (rng, 1, 3);
            }
          for (guint i = 0; i < n; i++)
            etitles[i] = episode_titles[g_rand_int_range (rng, 0, G_N_ELEMENTS (episode_titles))];
          e.episodes = episodes;
          e.n_episodes = g_rand_int_range (rng, 0, 5) == 0 ? 0 : n;
          e.absolute = absolute;
          e.n_absolute = g_rand_boolean (rng) ? n : 0;
          e.episode_titles = etitles;
          e.n_episode_titles = g_rand_int_range (rng, 0, n + 1);
          if (g_rand_boolean (rng))
            {
              e.air_year = g_rand_int_range (rng, 1990, 2030);
              e.air_month = g_rand_int_range (rng, 1, 13);
              e.air_day = g_rand_int_range (rng, 1, 29);
            }
          e.quality_full = qualities[g_rand_int_range (rng, 0, G_N_ELEMENTS (qualities))];
          e.release_group = g_rand_boolean (rng) ? "RlsGrp" : NULL;
          e.original_title = g_rand_boolean (rng) ? "The.Show.S01E01.720p-GRP" : long_title->str;
          e.extension = extensions[g_rand_int_range (rng, 0, G_N_ELEMENTS (extensions))];
          e.series_type = g_rand_int_range (rng, MML_NAMING_SERIES_FROM_ROOT, MML_NAMING_SERIES_ANIME + 1);
          e.root_kind = g_rand_int_range (rng, MML_ROOT_KIND_STANDARD, MML_ROOT_KIND_DAILY + 1);
          e.stem_suffix_max = suffixes[g_rand_int_range (rng, 0, G_N_ELEMENTS (suffixes))];

          for (guint w = 0; w < 3; w++)
            {
              g_autoptr(GError) one_error = NULL;
              g_autoptr(GError) many_error = NULL;
              g_autofree char *one = w == 0 ? mml_naming_render_file (cfg, &e, &one_error)
                                   : w == 1 ? mml_naming_render_series_folder (cfg, &e, &one_error)
                                   : mml_naming_render_season_folder (cfg, &e, &one_error);
              const char *many = w == 0 ? mml_naming_renderer_file (renderer, &e, &many_error)
                               : w == 1 ? mml_naming_renderer_series_folder (renderer, &e, &many_error)
                               : mml_naming_renderer_season_folder (renderer, &e, &many_error);

              check_same (names[w], one, one_error, many, many_error);
              if (one != NULL)
                {
                  g_assert_cmpuint (strlen (one), <=, MML_NAMING_MAX_NAME);
                  /* a stem kept short for its sidecars: stem + suffix fits */
                  if (w == 0 && e.stem_suffix_max > 0)
                    {
                      const char *dot = e.extension && e.extension[0] && strchr (one, '.') ? strrchr (one, '.') : NULL;
                      gsize stem = dot != NULL ? (gsize) (dot - one) : strlen (one);

                      g_assert_cmpuint (stem + e.stem_suffix_max, <=, MML_NAMING_MAX_NAME);
                    }
                }
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, ==, 40 * 400 * 3);
}

/* Renders per second (printed, never asserted) */
static void
test_speed (void)
{
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  MmlNamingEpisode e = base_episode ();
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n = g_test_perf () ? 1000000 : 137000;
  double secs;

  mml_naming_config_set_template (cfg, MML_NAMING_TEMPLATE_STANDARD,
                                  "{Series TitleYear} - S{season:00}E{episode:00} - {Episode CleanTitle} "
                                  "[{Quality Full}]{-Release Group}");
  e.series_title = "Star Trek: Picard";
  e.episodes = ep123;
  e.n_episodes = 3;
  e.episode_titles = titles_parts;
  e.n_episode_titles = 3;
  for (guint i = 0; i < n; i++)
    {
      char *name = mml_naming_render_file (cfg, &e, NULL);

      g_assert_nonnull (name);
      g_free (name);
    }
  secs = g_timer_elapsed (timer, NULL);
  g_printerr ("naming: %u file names in %.3f s (%.0f renders/s)\n", n, secs, n / secs);

  {
    g_autoptr(MmlNamingRenderer) renderer = mml_naming_renderer_new (cfg);

    g_timer_start (timer);
    for (guint i = 0; i < n; i++)
      g_assert_nonnull (mml_naming_renderer_file (renderer, &e, NULL));
    secs = g_timer_elapsed (timer, NULL);
    g_printerr ("naming: %u file names by a renderer in %.3f s (%.0f renders/s)\n", n, secs, n / secs);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/naming/defaults", test_defaults);
  g_test_add_func ("/naming/tokens", test_tokens);
  g_test_add_func ("/naming/variants", test_variants);
  g_test_add_func ("/naming/multi", test_multi);
  g_test_add_func ("/naming/multi-titles", test_multi_titles);
  g_test_add_func ("/naming/colon", test_colon);
  g_test_add_func ("/naming/illegal", test_illegal);
  g_test_add_func ("/naming/length", test_length);
  g_test_add_func ("/naming/types-and-folders", test_types_and_folders);
  g_test_add_func ("/naming/file", test_file);
  g_test_add_func ("/naming/validation", test_validation);
  g_test_add_func ("/naming/round-trip", test_round_trip);
  g_test_add_func ("/naming/renderer", test_renderer);
  g_test_add_func ("/naming/speed", test_speed);

  return g_test_run ();
}
