/* test-matcher.c — title normalisation, similarity, scoring and the
 * auto-accept / conflict decision, on TVmaze fixtures and hand-built shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mml-matcher.h"
#include "mml-tvmaze.h"

/* --- helpers ----------------------------------------------------------- */

static MmlMetaSeries *
make_series (gint64      id,
             const char *title,
             int         year,
             const char *country)
{
  MmlMetaSeries *s = mml_meta_series_new (MML_META_PROVIDER_TVMAZE);

  s->provider_id = s->tvmaze_id = id;
  s->title = g_strdup (title);
  s->year = year;
  s->country = g_strdup (country);
  return s;
}

static void
add_episodes (MmlMetaSeries *s,
              int            seasons,
              int            per_season)
{
  s->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_episode_unref);
  for (int season = 1; season <= seasons; season++)
    for (int n = 1; n <= per_season; n++)
      {
        MmlMetaEpisode *ep = mml_meta_episode_new ();

        ep->season = season;
        ep->number = n;
        g_ptr_array_add (s->episodes, ep);
      }
}

static GPtrArray *
candidates_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mml_meta_candidate_unref);
}

static void
add_candidate (GPtrArray     *candidates,
               MmlMetaSeries *series /* transfer full */)
{
  g_ptr_array_add (candidates, mml_meta_candidate_new (series));
  mml_meta_series_unref (series);
}

static MmlMetaCandidate *
nth (GPtrArray *candidates,
     guint      i)
{
  return g_ptr_array_index (candidates, i);
}

static gboolean
has_reason (MmlMetaCandidate *c,
            const char       *needle)
{
  for (guint i = 0; i < c->reasons->len; i++)
    if (strstr (g_ptr_array_index (c->reasons, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Decide for @query on @candidates; returns the decision, *best its pick. */
static MmlMatchDecision
decide (MmlMatchQuery     *query,
        GPtrArray         *candidates,
        MmlMetaCandidate **best)
{
  mml_matcher_score_all (query, candidates);
  return mml_matcher_decide (candidates, best);
}

static GPtrArray *
load_girls_search (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MML_TEST_FIXTURES"), "tvmaze",
                                            "search_shows__q_girls.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return mml_tvmaze_parse_search (json_parser_get_root (parser));
}

/* --- normalisation ----------------------------------------------------- */

static void
check_norm (const char *in,
            const char *expected)
{
  g_autofree char *out = mml_matcher_normalize_title (in);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_normalize (void)
{
  check_norm ("The Office", "office");
  check_norm ("THE   office!", "office");
  check_norm ("Law & Order: Special Victims Unit", "law and order special victims unit");
  check_norm ("Krøniken", "kroniken");
  check_norm ("Pokémon", "pokemon");
  check_norm ("Æon Flux", "aeon flux");
  check_norm ("Straße", "strasse");
  check_norm ("Grey's Anatomy", "greys anatomy");
  check_norm ("Grey’s Anatomy", "greys anatomy");
  check_norm ("Marvel's Agents of S.H.I.E.L.D.", "marvels agents of shield");
  check_norm ("Mr. Robot", "mr robot");
  check_norm ("9-1-1: Lone Star", "9 1 1 lone star");
  check_norm ("24", "24");
  check_norm ("The", "the");              /* an article alone stays */
  check_norm ("A Touch of Frost", "touch of frost");
  check_norm ("", "");
  check_norm (NULL, "");
  /* non-Latin scripts are kept, only case-folded */
  check_norm ("שטיסל", "שטיסל");
  check_norm ("Метод", "метод");
  check_norm ("進撃の巨人", "進撃の巨人");
  check_norm ("ガールズ", "ガールズ");       /* dakuten recomposed */
  check_norm ("사랑의 불시착", "사랑의 불시착");
  /* invalid UTF-8 is repaired, never a crash */
  {
    g_autofree char *out = mml_matcher_normalize_title ("Bad\xff\xfe Title");

    g_assert_true (g_utf8_validate (out, -1, NULL));
    g_assert_nonnull (strstr (out, "title"));
  }
}

static void
check_split (const char *in,
             const char *base,
             int         year,
             const char *country)
{
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  int y = -1;

  mml_matcher_split_title (in, &b, &y, &c);
  g_assert_cmpstr (b, ==, base);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpstr (c, ==, country);
}

static void
test_split (void)
{
  check_split ("The Office (US)", "The Office", 0, "US");
  check_split ("The Office (UK)", "The Office", 0, "GB");
  check_split ("Doctor Who (2005)", "Doctor Who", 2005, NULL);
  check_split ("Shameless (US) (2011)", "Shameless", 2011, "US");
  check_split ("Shameless (2011) (US)", "Shameless", 2011, "US");
  check_split ("The Office US", "The Office", 0, "US");
  check_split ("Queer as Folk", "Queer as Folk", 0, NULL);
  check_split ("Us", "Us", 0, NULL);                 /* not a qualifier */
  check_split ("House of Us", "House of Us", 0, NULL);
  check_split ("(2005)", "(2005)", 0, NULL);         /* nothing left: keep it */
  check_split ("1923 (2022)", "1923", 2022, NULL);
}

static void
test_similarity (void)
{
  g_assert_cmpfloat (mml_matcher_title_similarity ("Krøniken", "Kroniken"), ==, 1.0);
  g_assert_cmpfloat (mml_matcher_title_similarity ("The Office", "Office"), ==, 1.0);
  g_assert_cmpfloat (mml_matcher_title_similarity ("Mr.Robot", "Mr. Robot"), >=, 0.95);
  g_assert_cmpfloat (mml_matcher_title_similarity ("Spiderman", "Spider-Man"), >=, 0.95);
  g_assert_cmpfloat (mml_matcher_title_similarity ("Law and Order SVU", "SVU Law & Order"), >=, 0.9);
  g_assert_cmpfloat (mml_matcher_title_similarity ("Girls", "Gilmore Girls"), <, 0.5);
  g_assert_cmpfloat (mml_matcher_title_similarity ("Girls", "Good Girls"), <, 0.6);
  g_assert_cmpfloat (mml_matcher_title_similarity ("Breaking Bad", "Braking Bad"), >, 0.85);
  g_assert_cmpfloat (mml_matcher_title_similarity ("שטיסל", "Shtisel"), ==, 0.0);
  g_assert_cmpfloat (mml_matcher_title_similarity ("", ""), ==, 0.0);
}

/* --- queries from folder names ----------------------------------------- */

static void
test_query_from_folder (void)
{
  g_autoptr(MmlMatchQuery) a = mml_match_query_new_from_folder ("Breaking Bad (2008) {tvdb-81189}");
  g_autoptr(MmlMatchQuery) b = mml_match_query_new_from_folder ("The Office (US) [imdbid-tt0386676]");
  g_autoptr(MmlMatchQuery) c = mml_match_query_new_from_folder ("Girls [tvmazeid-139]");
  g_autoptr(MmlMatchQuery) d = mml_match_query_new_from_folder ("Doctor Who (2005)");
  g_autoptr(MmlMatchQuery) e = mml_match_query_new_from_folder ("Bad\xff name {tmdb-1396}");

  g_assert_cmpstr (a->title, ==, "Breaking Bad");
  g_assert_cmpint (a->year, ==, 2008);
  g_assert_cmpint (a->tvdb_id, ==, 81189);
  g_assert_true (mml_match_query_has_ids (a));

  g_assert_cmpstr (b->title, ==, "The Office");
  g_assert_cmpstr (b->country, ==, "US");
  g_assert_cmpstr (b->imdb_id, ==, "tt0386676");

  g_assert_cmpint (c->tvmaze_id, ==, 139);
  g_assert_cmpstr (c->title, ==, "Girls");

  g_assert_cmpint (d->year, ==, 2005);
  g_assert_false (mml_match_query_has_ids (d));

  g_assert_cmpint (e->tmdb_id, ==, 1396);
  g_assert_true (g_utf8_validate (e->title, -1, NULL));
}

/* --- scoring and decisions on the fixtures ----------------------------- */

static void
test_fixture_girls (void)
{
  g_autoptr(GPtrArray) candidates = load_girls_search ();
  g_autoptr(MmlMatchQuery) plain = mml_match_query_new ("Girls", 0);
  g_autoptr(MmlMatchQuery) dated = mml_match_query_new ("Girls", 2012);
  g_autoptr(MmlMatchQuery) us = mml_match_query_new ("Girls (US)", 0);
  g_autoptr(MmlMatchQuery) mn = mml_match_query_new ("GIRLS (MN)", 0);
  g_autoptr(MmlMatchQuery) derry = mml_match_query_new ("Derry Girls", 2018);
  MmlMetaCandidate *best = NULL;

  g_assert_cmpuint (candidates->len, ==, 10);

  /* two shows called "Girls" and nothing else to tell them apart */
  g_assert_cmpint (decide (plain, candidates, &best), ==, MML_MATCH_MULTIPLE);
  g_assert_null (best);
  g_assert_cmpfloat (nth (candidates, 0)->score, >=, 0.9);
  g_assert_cmpfloat (nth (candidates, 1)->score, >=, 0.9);
  g_assert_cmpfloat (nth (candidates, 2)->score, <, 0.7);

  /* the year decides: HBO's Girls (2012) */
  g_assert_cmpint (decide (dated, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 139);
  g_assert_true (has_reason (best, "year 2012"));

  /* so does a country qualifier */
  g_assert_cmpint (decide (us, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 139);
  g_assert_cmpint (decide (mn, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpstr (best->series->country, ==, "MN");

  g_assert_cmpint (decide (derry, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpstr (best->series->title, ==, "Derry Girls");
}

static void
test_same_name_years (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) old = mml_match_query_new_from_folder ("Doctor Who (1963)");
  g_autoptr(MmlMatchQuery) revived = mml_match_query_new_from_folder ("Doctor Who (2005)");
  g_autoptr(MmlMatchQuery) plain = mml_match_query_new_from_folder ("Doctor Who");
  g_autoptr(MmlMatchQuery) near = mml_match_query_new_from_folder ("Doctor Who (2006)");
  MmlMetaCandidate *best = NULL;

  add_candidate (candidates, make_series (210, "Doctor Who", 2005, "GB"));
  add_candidate (candidates, make_series (766, "Doctor Who", 1963, "GB"));
  add_candidate (candidates, make_series (9999, "Doctor Who Confidential", 2005, "GB"));

  g_assert_cmpint (decide (old, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 766);
  g_assert_cmpint (decide (revived, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 210);
  g_assert_cmpint (decide (plain, candidates, &best), ==, MML_MATCH_MULTIPLE);
  /* off by one year still finds it: premieres differ between countries */
  g_assert_cmpint (decide (near, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 210);
}

static void
test_country_remakes (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) us = mml_match_query_new_from_folder ("The Office (US)");
  g_autoptr(MmlMatchQuery) uk = mml_match_query_new_from_folder ("The Office (UK)");
  g_autoptr(MmlMatchQuery) plain = mml_match_query_new_from_folder ("The Office");
  g_autoptr(GPtrArray) tvdb_style = candidates_new ();
  MmlMetaCandidate *best = NULL;

  add_candidate (candidates, make_series (526, "The Office", 2005, "US"));
  add_candidate (candidates, make_series (78, "The Office", 2001, "GB"));

  g_assert_cmpint (decide (uk, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 78);
  g_assert_true (has_reason (best, "country GB"));
  g_assert_true (has_reason (nth (candidates, 1), "folder says GB"));
  g_assert_cmpint (decide (us, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 526);
  g_assert_cmpint (decide (plain, candidates, &best), ==, MML_MATCH_MULTIPLE);

  /* TheTVDB-style names carry the qualifier in the title, no country */
  add_candidate (tvdb_style, make_series (1, "The Office (US)", 2005, NULL));
  add_candidate (tvdb_style, make_series (2, "The Office (UK)", 2001, NULL));
  g_assert_cmpint (decide (uk, tvdb_style, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 2);
  g_assert_cmpint (decide (plain, tvdb_style, &best), !=, MML_MATCH_ACCEPTED);
}

static void
test_punctuation_diacritics_scripts (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) shield = mml_match_query_new ("Marvels Agents of SHIELD", 2013);
  g_autoptr(MmlMatchQuery) kroniken = mml_match_query_new ("Kroniken", 0);
  g_autoptr(MmlMatchQuery) hebrew = mml_match_query_new ("שטיסל", 0);
  g_autoptr(MmlMatchQuery) japanese = mml_match_query_new ("進撃の巨人", 0);
  g_autoptr(MmlMatchQuery) svu = mml_match_query_new ("Law and Order SVU", 0);
  MmlMetaCandidate *best = NULL;

  add_candidate (candidates, make_series (31, "Marvel's Agents of S.H.I.E.L.D.", 2013, "US"));
  add_candidate (candidates, make_series (15824, "Krøniken", 2004, "DK"));
  add_candidate (candidates, make_series (3, "Shtisel", 2013, "IL"));
  add_candidate (candidates, make_series (919, "進撃の巨人", 2013, "JP"));
  add_candidate (candidates, make_series (5, "Law & Order: SVU", 1999, "US"));

  g_assert_cmpint (decide (shield, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 31);
  g_assert_cmpint (decide (kroniken, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 15824);
  g_assert_cmpint (decide (japanese, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 919);
  g_assert_cmpint (decide (svu, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 5);
  /* a Hebrew folder name does not match the Latin title … */
  g_assert_cmpint (decide (hebrew, candidates, &best), ==, MML_MATCH_NONE);
  /* … but does match its Hebrew AKA */
  for (guint i = 0; i < candidates->len; i++)
    if (nth (candidates, i)->series->tvmaze_id == 3)
      mml_meta_series_add_aka (nth (candidates, i)->series, "שטיסל", "IL");
  g_assert_cmpint (decide (hebrew, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 3);
}

static void
test_aka_only (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) query = mml_match_query_new ("Money Heist", 2017);
  MmlMetaSeries *s = make_series (27436, "La Casa de Papel", 2017, "ES");
  MmlMetaCandidate *best = NULL;

  mml_meta_series_add_aka (s, "Money Heist", NULL);
  mml_meta_series_add_aka (s, "Haus des Geldes", "DE");
  add_candidate (candidates, s);
  add_candidate (candidates, make_series (2, "Heist", 2006, "US"));
  add_candidate (candidates, make_series (3, "Money Monster", 2017, "US"));

  g_assert_cmpint (decide (query, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 27436);
  g_assert_true (has_reason (best, "also known as “Money Heist”"));

  /* without the AKA, there is no good candidate */
  g_ptr_array_set_size (s->akas, 0);
  g_assert_cmpint (decide (query, candidates, &best), !=, MML_MATCH_ACCEPTED);
}

static void
test_ids (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) query = mml_match_query_new_from_folder ("Some Other Name {tvdb-81189}");
  g_autoptr(MmlMatchQuery) imdb = mml_match_query_new_from_folder ("Breaking Bad [imdbid-tt0903747]");
  g_autoptr(MmlMatchQuery) wrong = mml_match_query_new_from_folder ("Breaking Bad {tvdb-1}");
  MmlMetaSeries *bb = make_series (169, "Breaking Bad", 2008, "US");
  MmlMetaSeries *other = make_series (170, "Breaking Bad", 2008, "US");
  MmlMetaCandidate *best = NULL;

  bb->tvdb_id = 81189;
  bb->imdb_id = g_strdup ("tt0903747");
  other->tvdb_id = 5;
  add_candidate (candidates, other);
  add_candidate (candidates, bb);

  /* the id wins over a title that does not match */
  g_assert_cmpint (decide (query, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 169);
  g_assert_cmpfloat (best->score, ==, 1.0);
  g_assert_true (has_reason (best, "TheTVDB id"));

  g_assert_cmpint (decide (imdb, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 169);

  /* an id that contradicts every candidate: no auto-accept */
  g_assert_cmpint (decide (wrong, candidates, &best), !=, MML_MATCH_ACCEPTED);
  g_assert_true (has_reason (nth (candidates, 0), "id differs"));
}

static void
test_disk_agreement (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) query = mml_match_query_new ("Eureka", 0);
  MmlMetaSeries *long_run = make_series (1, "Eureka", 2006, "US");
  MmlMetaSeries *short_run = make_series (2, "Eureka", 2006, "US");
  MmlMetaCandidate *best = NULL;

  add_episodes (long_run, 5, 13);
  add_episodes (short_run, 1, 8);
  add_candidate (candidates, short_run);
  add_candidate (candidates, long_run);

  g_assert_cmpint (mml_meta_series_count_seasons (long_run), ==, 5);
  g_assert_cmpint (mml_meta_series_count_episodes (long_run), ==, 65);
  g_assert_true (mml_meta_series_has_episode (long_run, 5, 13));
  g_assert_false (mml_meta_series_has_episode (short_run, 2, 1));

  /* nothing known about the disk: a tie */
  g_assert_cmpint (decide (query, candidates, &best), ==, MML_MATCH_MULTIPLE);

  /* season 4 on disk: only the long-running one has it */
  query->seasons_on_disk = 4;
  query->episodes_on_disk = 40;
  g_assert_cmpint (decide (query, candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->tvmaze_id, ==, 1);
  g_assert_true (has_reason (nth (candidates, 1), "the folder has season 4"));
}

static void
test_decision_rule (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  MmlMetaCandidate *best = NULL;

  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_NONE);

  add_candidate (candidates, make_series (1, "A", 0, NULL));
  add_candidate (candidates, make_series (2, "B", 0, NULL));

  nth (candidates, 0)->score = 0.95;
  nth (candidates, 1)->score = 0.85;
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_true (best == nth (candidates, 0));

  nth (candidates, 1)->score = 0.86;
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_MULTIPLE);
  g_assert_null (best);

  nth (candidates, 0)->score = 0.89;
  nth (candidates, 1)->score = 0.10;
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_AMBIGUOUS);

  nth (candidates, 0)->score = 0.49;
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_NONE);

  nth (candidates, 0)->score = 0.2;
  nth (candidates, 1)->score = 0.9;
  mml_matcher_sort (candidates);
  g_assert_cmpint (nth (candidates, 0)->series->tvmaze_id, ==, 2);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);

  g_assert_cmpstr (mml_match_decision_to_string (MML_MATCH_MULTIPLE), ==, "multiple");
  g_assert_cmpstr (mml_match_decision_to_string (MML_MATCH_NONE), ==, "none");
  g_assert_cmpstr (mml_match_decision_to_string (MML_MATCH_AMBIGUOUS), ==, "ambiguous");
  g_assert_cmpstr (mml_match_decision_to_string (MML_MATCH_ACCEPTED), ==, "accepted");
}

static void
test_strip_html (void)
{
  g_autofree char *a = mml_meta_strip_html ("<p><b>Girls</b> is a comic look &amp; more&#39;s&nbsp;here.</p><p>Second<br/>line</p>");
  g_autofree char *b = mml_meta_strip_html ("<p>truncated <i");
  g_autofree char *c = mml_meta_strip_html ("<p></p>");
  g_autofree char *d = mml_meta_strip_html ("a &bogus; &#xZZ; &#1114112; b\xff");

  g_assert_cmpstr (a, ==, "Girls is a comic look & more's here.\n\nSecond\nline");
  g_assert_cmpstr (b, ==, "truncated");
  g_assert_null (c);
  g_assert_true (g_utf8_validate (d, -1, NULL));
  g_assert_nonnull (strstr (d, "&bogus;"));
  g_assert_null (mml_meta_strip_html (NULL));
}


/* --- evidence: the files on disk decide -------------------------------- */

/* @seasons seasons of @per_season episodes, weekly from @first_date */
static void
add_dated_episodes (MmlMetaSeries *s,
                    int            seasons,
                    int            per_season,
                    const char    *first_date)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *iso = g_strconcat (first_date, "T00:00:00Z", NULL);

  day = g_date_time_new_from_iso8601 (iso, NULL);
  add_episodes (s, seasons, per_season);
  for (guint i = 0; i < s->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (s->episodes, i);
      g_autoptr(GDateTime) aired = g_date_time_add_days (day, 7 * (int) i);

      ep->air_date = g_date_time_format (aired, "%Y-%m-%d");
    }
}

static MmlMetaCandidate *
by_id (GPtrArray *candidates,
       gint64     id)
{
  for (guint i = 0; i < candidates->len; i++)
    if (nth (candidates, i)->series->provider_id == id)
      return nth (candidates, i);
  g_assert_not_reached ();
  return NULL;
}

/* "Glass Files (1986)": 55 episodes over five seasons, against the 1986
 * show with that structure and a 1987 British one of six episodes. The
 * year alone (exact against one off) leaves them too close. */
static void
test_evidence_structure (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) q = mml_match_query_new_from_folder ("Glass Files (1986)");
  g_autoptr(MmlDiskSummary) disk = mml_disk_summary_new ();
  MmlMetaSeries *us = make_series (1, "Glass Files", 1986, "US");
  MmlMetaSeries *uk = make_series (2, "Glass Files", 1987, "GB");
  MmlMetaCandidate *best = NULL;
  MmlMatchEvidence ev;

  for (int season = 1; season <= 5; season++)
    for (int n = 1; n <= 11; n++)
      mml_disk_summary_add_episode (disk, season, n);
  g_assert_cmpuint (mml_disk_summary_get_size (disk), ==, 55);
  add_episodes (us, 5, 12);
  add_episodes (uk, 1, 6);
  add_candidate (candidates, uk);
  add_candidate (candidates, us);

  /* without the files: too close to call */
  g_assert_cmpint (decide (q, candidates, &best), ==, MML_MATCH_MULTIPLE);

  g_assert_true (mml_matcher_evidence (disk, us, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 55);
  g_assert_cmpuint (ev.disk_total, ==, 55);
  g_assert_cmpfloat (ev.coverage, ==, 1.0);
  g_assert_true (mml_matcher_evidence (disk, uk, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 6);
  g_assert_cmpint (ev.seasons, ==, 1);
  g_assert_cmpint (ev.episodes, ==, 6);

  mml_matcher_score_evidence (q, disk, candidates);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->provider_id, ==, 1);
  g_assert_true (has_reason (by_id (candidates, 2), "has 6 of the 55 episodes on disk"));
  g_assert_true (has_reason (by_id (candidates, 1), "has all 55 episodes on disk"));
  /* the scores now differ as the evidence does */
  g_assert_cmpfloat (by_id (candidates, 1)->score - by_id (candidates, 2)->score, >, 0.3);

  /* scoring again gives the same: nothing accumulates */
  mml_matcher_score_evidence (q, disk, candidates);
  g_assert_cmpfloat_with_epsilon (by_id (candidates, 1)->score, 1.0, 1e-9);
}

/* "Garden" (no year), 20 episodes of one season: a 20-episode show and a
 * 6-episode one of the same name; and a rival whose episodes were never
 * fetched is not judged by the files. */
static void
test_evidence_count (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) q = mml_match_query_new_from_folder ("Garden");
  g_autoptr(MmlDiskSummary) disk = mml_disk_summary_new ();
  g_autoptr(MmlDiskSummary) empty = mml_disk_summary_new ();
  MmlMetaSeries *full = make_series (10, "Garden", 2004, "US");
  MmlMetaSeries *small = make_series (11, "Garden", 2015, "GB");
  MmlMetaCandidate *best = NULL;
  double before;

  for (int n = 1; n <= 20; n++)
    mml_disk_summary_add_episode (disk, 1, n);
  mml_disk_summary_add_episode (disk, 0, 1);    /* a special: not counted */
  mml_disk_summary_add_episode (disk, 1, 20);   /* twice: counted once */
  g_assert_cmpuint (mml_disk_summary_get_size (disk), ==, 20);
  add_episodes (full, 1, 20);
  add_episodes (small, 1, 6);
  add_candidate (candidates, small);
  add_candidate (candidates, full);

  g_assert_cmpint (decide (q, candidates, &best), ==, MML_MATCH_MULTIPLE);
  /* nothing on disk: the files say nothing, the scores stay */
  before = by_id (candidates, 11)->score;
  mml_matcher_score_evidence (q, empty, candidates);
  g_assert_cmpfloat (by_id (candidates, 11)->score, ==, before);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_MULTIPLE);

  mml_matcher_score_evidence (q, disk, candidates);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->provider_id, ==, 10);
  /* 14 of 20 missing: 0.40 × 0.7 off */
  g_assert_cmpfloat_with_epsilon (by_id (candidates, 11)->score, 1.0 - MML_MATCH_EVIDENCE_WEIGHT * 0.7, 1e-6);

  /* a third of the same name, not fetched: it may be the one, no decision */
  add_candidate (candidates, make_series (12, "Garden", 1999, "US"));
  mml_matcher_score_evidence (q, disk, candidates);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_MULTIPLE);
}

/* A daily show: the files carry air dates only one of three same-name
 * candidates has. */
static void
test_evidence_air_dates (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) q = mml_match_query_new_from_folder ("Night Signal");
  g_autoptr(MmlDiskSummary) disk = mml_disk_summary_new ();
  MmlMetaSeries *right = make_series (20, "Night Signal", 2011, "US");
  MmlMetaSeries *older = make_series (21, "Night Signal", 2004, "US");
  MmlMetaSeries *newer = make_series (22, "Night Signal", 2013, "CA");
  MmlMetaCandidate *best = NULL;
  MmlMatchEvidence ev;

  add_dated_episodes (right, 2, 30, "2011-01-03");
  add_dated_episodes (older, 2, 30, "2004-01-06");
  add_dated_episodes (newer, 1, 40, "2013-01-04");   /* overlaps the years, not the days */
  for (guint i = 0; i < 45; i += 3)
    mml_disk_summary_add_air_date (disk, ((MmlMetaEpisode *) g_ptr_array_index (right->episodes, i))->air_date);
  mml_disk_summary_add_air_date (disk, "2011.02.03");   /* not a date: ignored */
  g_assert_cmpuint (mml_disk_summary_get_size (disk), ==, 15);
  add_candidate (candidates, older);
  add_candidate (candidates, newer);
  add_candidate (candidates, right);

  g_assert_cmpint (decide (q, candidates, &best), ==, MML_MATCH_MULTIPLE);
  g_assert_true (mml_matcher_evidence (disk, right, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 15);
  g_assert_true (mml_matcher_evidence (disk, newer, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 0);
  mml_matcher_score_evidence (q, disk, candidates);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->provider_id, ==, 20);
}

/* Anime: absolute numbers against the regular episodes counted in airing
 * order (TVmaze has none), and "Show - 27" that a standard root reads as
 * season 1, episode 27. */
static void
test_evidence_absolute (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) q = mml_match_query_new_from_folder ("Iron Echo");
  g_autoptr(MmlDiskSummary) anime = mml_disk_summary_new ();
  g_autoptr(MmlDiskSummary) standard = mml_disk_summary_new ();
  MmlMetaSeries *long_run = make_series (30, "Iron Echo", 2016, "JP");
  MmlMetaSeries *short_run = make_series (31, "Iron Echo", 2009, "JP");
  MmlMetaCandidate *best = NULL;
  MmlMatchEvidence ev;

  for (int n = 1; n <= 30; n++)
    {
      mml_disk_summary_add_absolute (anime, n);
      mml_disk_summary_add_episode (standard, 1, n);
    }
  add_episodes (long_run, 3, 12);
  add_episodes (short_run, 1, 12);
  add_candidate (candidates, short_run);
  add_candidate (candidates, long_run);

  g_assert_true (mml_matcher_evidence (anime, long_run, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 30);
  g_assert_true (mml_matcher_evidence (anime, short_run, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 12);
  g_assert_true (mml_matcher_evidence (standard, long_run, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 30);
  g_assert_true (mml_matcher_evidence (standard, short_run, &ev));
  g_assert_cmpuint (ev.on_disk, ==, 12);

  g_assert_cmpint (decide (q, candidates, &best), ==, MML_MATCH_MULTIPLE);
  mml_matcher_score_evidence (q, anime, candidates);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->provider_id, ==, 30);
}

/* The folder's exact year beats one a year off when the files do not
 * tell the shows apart; it does not beat the files. */
static void
test_evidence_year (void)
{
  g_autoptr(GPtrArray) candidates = candidates_new ();
  g_autoptr(MmlMatchQuery) q = mml_match_query_new_from_folder ("Red House (1986)");
  g_autoptr(MmlDiskSummary) few = mml_disk_summary_new ();
  g_autoptr(MmlDiskSummary) many = mml_disk_summary_new ();
  MmlMetaSeries *exact = make_series (40, "Red House", 1986, "US");
  MmlMetaSeries *near = make_series (41, "Red House", 1987, "GB");
  MmlMetaCandidate *best = NULL;

  for (int n = 1; n <= 5; n++)
    mml_disk_summary_add_episode (few, 1, n);
  for (int n = 1; n <= 13; n++)
    mml_disk_summary_add_episode (many, 1, n);
  add_episodes (exact, 1, 6);
  add_episodes (near, 1, 13);
  add_candidate (candidates, near);
  add_candidate (candidates, exact);

  g_assert_cmpint (decide (q, candidates, &best), ==, MML_MATCH_MULTIPLE);
  /* both have the five files: the year decides */
  mml_matcher_score_evidence (q, few, candidates);
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->provider_id, ==, 40);
  g_assert_true (has_reason (by_id (candidates, 41), "another show has the folder’s year 1986"));
  g_assert_false (has_reason (by_id (candidates, 40), "another show has"));

  /* thirteen files only the 1987 show has: the files decide, not the year */
  mml_matcher_score_evidence (q, many, candidates);
  g_assert_false (has_reason (by_id (candidates, 41), "another show has"));
  g_assert_cmpint (mml_matcher_decide (candidates, &best), ==, MML_MATCH_ACCEPTED);
  g_assert_cmpint (best->series->provider_id, ==, 41);
}

/* The line the Conflicts view shows beside each candidate. */
static void
test_evidence_describe (void)
{
  g_autoptr(MmlMatchQuery) q = mml_match_query_new_from_folder ("Glass Files (1986)");
  g_autoptr(MmlDiskSummary) disk = mml_disk_summary_new ();
  g_autoptr(MmlMetaSeries) big = make_series (1, "Glass Files", 1986, "US");
  g_autoptr(MmlMetaSeries) small = make_series (2, "Glass Files", 1987, "GB");
  g_autoptr(MmlMetaSeries) bare = make_series (3, "Glass Files", 0, NULL);
  g_autoptr(MmlMetaSeries) unfetched = make_series (4, "Glass Files", 1987, "GB");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  for (int season = 1; season <= 8; season++)
    for (int n = 1; n <= 17; n++)
      if (season * 100 + n != 801 && season * 100 + n != 802)
        mml_disk_summary_add_episode (disk, season, n);
  mml_disk_summary_add_episode (disk, 9, 1);   /* one the show does not have */
  add_episodes (big, 8, 17);
  add_episodes (small, 1, 6);

  a = mml_matcher_describe_evidence (q, disk, big);
  g_assert_cmpstr (a, ==, "8 seasons, 136 episodes · 134 of the 135 on disk · the folder’s year");
  b = mml_matcher_describe_evidence (q, disk, small);
  g_assert_cmpstr (b, ==, "1 season, 6 episodes · 6 of the 135 on disk · 1987, the folder says 1986");
  /* episodes not fetched: the year still tells */
  c = mml_matcher_describe_evidence (q, disk, unfetched);
  g_assert_cmpstr (c, ==, "1987, the folder says 1986");
  g_assert_null (mml_matcher_describe_evidence (q, disk, bare));
  /* no folder to compare with: the size alone */
  d = mml_matcher_describe_evidence (NULL, NULL, small);
  g_assert_cmpstr (d, ==, "1 season, 6 episodes");
  /* a country qualifier in the folder name that the show does not share */
  g_clear_pointer (&d, g_free);
  g_clear_pointer (&q, mml_match_query_free);
  q = mml_match_query_new_from_folder ("Glass Files (US)");
  d = mml_matcher_describe_evidence (q, NULL, unfetched);
  g_assert_cmpstr (d, ==, "GB, the folder says US");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/services/matcher/normalize", test_normalize);
  g_test_add_func ("/services/matcher/split", test_split);
  g_test_add_func ("/services/matcher/similarity", test_similarity);
  g_test_add_func ("/services/matcher/query-from-folder", test_query_from_folder);
  g_test_add_func ("/services/matcher/fixture-girls", test_fixture_girls);
  g_test_add_func ("/services/matcher/same-name-years", test_same_name_years);
  g_test_add_func ("/services/matcher/country-remakes", test_country_remakes);
  g_test_add_func ("/services/matcher/punctuation-diacritics-scripts", test_punctuation_diacritics_scripts);
  g_test_add_func ("/services/matcher/aka-only", test_aka_only);
  g_test_add_func ("/services/matcher/ids", test_ids);
  g_test_add_func ("/services/matcher/disk-agreement", test_disk_agreement);
  g_test_add_func ("/services/matcher/decision-rule", test_decision_rule);
  g_test_add_func ("/services/matcher/strip-html", test_strip_html);
  g_test_add_func ("/services/matcher/evidence/structure", test_evidence_structure);
  g_test_add_func ("/services/matcher/evidence/count", test_evidence_count);
  g_test_add_func ("/services/matcher/evidence/air-dates", test_evidence_air_dates);
  g_test_add_func ("/services/matcher/evidence/absolute", test_evidence_absolute);
  g_test_add_func ("/services/matcher/evidence/year", test_evidence_year);
  g_test_add_func ("/services/matcher/evidence/describe", test_evidence_describe);

  return g_test_run ();
}
