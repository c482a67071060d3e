/* test-tmdb-groups.c — the TMDB client's DVD and absolute orders, built
 * from episode groups (/tv/{id}?append_to_response=episode_groups and
 * /tv/episode_group/{id}) on a fake TMDB: the orders, a series without
 * them, the choice among several, hostile groups and cancelling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mml-fake-server.h"
#include "mml-service-test.h"
#include "mml-tmdb.h"

typedef MmlTestProvider Fixture;

/* No recorded fixture has episode groups: these follow the shapes TMDB
 * documents for /tv/{id}?append_to_response=episode_groups (the list under
 * "episode_groups": {"id", "results": [{"id", "name", "description",
 * "episode_count", "group_count", "network", "type"}]}) and for
 * /tv/episode_group/{id} ({"id", "name", "type", "episode_count",
 * "group_count", "description", "network", "groups": [{"id", "name",
 * "order", "locked", "episodes": [{"id", "name", "overview", "air_date",
 * "episode_number", "season_number", "show_id", "still_path",
 * "vote_average", "vote_count", "runtime", "production_code", "order"}]}]}).
 * Types: 2 absolute, 3 DVD, 4 digital. */

#define DVD_615      "5ad2557a0e0a266c25015a52"
#define ABSOLUTE_615 "5b11ea9b0e0a265f7c003a1e"

/* Aired: S1 101..104, S2 201..203, one special 900. */
static const char series_615[] =
  "{\"id\":615,\"name\":\"Futurama\",\"first_air_date\":\"1999-03-28\",\"status\":\"Ended\","
  " \"episode_run_time\":[22],"
  " \"seasons\":[{\"id\":1,\"season_number\":0,\"name\":\"Specials\",\"episode_count\":1},"
  "  {\"id\":2,\"season_number\":1,\"name\":\"Season 1\",\"episode_count\":4},"
  "  {\"id\":3,\"season_number\":2,\"name\":\"Season 2\",\"episode_count\":3}],"
  " \"episode_groups\":{\"id\":615,\"results\":["
  "  {\"id\":\"5d0000000000000000000004\",\"name\":\"Digital\",\"description\":\"\",\"episode_count\":40,"
  "   \"group_count\":1,\"network\":null,\"type\":4},"
  "  {\"id\":\"" DVD_615 "\",\"name\":\"DVD Order\",\"description\":\"\",\"episode_count\":8,"
  "   \"group_count\":3,\"network\":{\"id\":19,\"name\":\"FOX\"},\"type\":3},"
  "  {\"id\":\"" ABSOLUTE_615 "\",\"name\":\"Absolute Order\",\"description\":\"\",\"episode_count\":8,"
  "   \"group_count\":3,\"network\":null,\"type\":2}]}}";

#define GROUP_EP(id, name, date, s, e, order) \
  "{\"id\":" #id ",\"name\":\"" name "\",\"overview\":\"About " name ".\",\"air_date\":\"" date "\"," \
  "\"episode_number\":" #e ",\"season_number\":" #s ",\"show_id\":615,\"still_path\":\"/s" #id ".jpg\"," \
  "\"vote_average\":7.4,\"vote_count\":10,\"runtime\":22,\"production_code\":\"P" #id "\",\"order\":" #order "}"

/* The groups listed out of order, episodes too. DVD season 1 swaps aired
 * S1E2 and S1E3; aired S1E4 opens DVD season 2; the specials group holds
 * the aired special and the aired S2E3. */
static const char dvd_615[] =
  "{\"id\":\"" DVD_615 "\",\"name\":\"DVD Order\",\"type\":3,\"episode_count\":8,\"group_count\":3,"
  " \"description\":\"As on the DVD sets\",\"network\":null,\"groups\":["
  "  {\"id\":\"5ad2557a0e0a266c25015a60\",\"name\":\"Volume Two\",\"order\":2,\"locked\":true,\"episodes\":["
  "   " GROUP_EP (201, "Brannigan", "2000-04-09", 2, 1, 1) ","
  "   " GROUP_EP (104, "Love's Labours", "1999-04-20", 1, 4, 0) ","
  "   " GROUP_EP (202, "A Head in the Polls", "2000-04-16", 2, 2, 2) "]},"
  "  {\"id\":\"5ad2557a0e0a266c25015a5e\",\"name\":\"Specials\",\"order\":0,\"locked\":true,\"episodes\":["
  "   " GROUP_EP (900, "Making Of", "1999-01-01", 0, 1, 0) ","
  "   " GROUP_EP (203, "Xmas Story", "2000-12-24", 2, 3, 1) "]},"
  "  {\"id\":\"5ad2557a0e0a266c25015a5f\",\"name\":\"Volume One\",\"order\":1,\"locked\":true,\"episodes\":["
  "   " GROUP_EP (103, "I, Roommate", "1999-04-06", 1, 3, 1) ","
  "   " GROUP_EP (101, "Space Pilot 3000", "1999-03-28", 1, 1, 0) ","
  "   " GROUP_EP (102, "The Series Has Landed", "1999-04-04", 1, 2, 2) "]}]}";

/* Two groups of running numbers, and at order 0 a group that names no
 * specials but holds nothing else. */
static const char absolute_615[] =
  "{\"id\":\"" ABSOLUTE_615 "\",\"name\":\"Absolute Order\",\"type\":2,\"episode_count\":6,\"group_count\":3,"
  " \"description\":\"\",\"network\":null,\"groups\":["
  "  {\"id\":\"5b11ea9b0e0a265f7c003a20\",\"name\":\"Episodes 4-5\",\"order\":2,\"locked\":true,\"episodes\":["
  "   " GROUP_EP (201, "Brannigan", "2000-04-09", 2, 1, 1) ","
  "   " GROUP_EP (104, "Love's Labours", "1999-04-20", 1, 4, 0) "]},"
  "  {\"id\":\"5b11ea9b0e0a265f7c003a1f\",\"name\":\"Episodes 1-3\",\"order\":1,\"locked\":true,\"episodes\":["
  "   " GROUP_EP (101, "Space Pilot 3000", "1999-03-28", 1, 1, 0) ","
  "   " GROUP_EP (102, "The Series Has Landed", "1999-04-04", 1, 2, 1) ","
  "   " GROUP_EP (103, "I, Roommate", "1999-04-06", 1, 3, 2) "]},"
  "  {\"id\":\"5b11ea9b0e0a265f7c003a1d\",\"name\":\"Extras\",\"order\":0,\"locked\":true,\"episodes\":["
  "   " GROUP_EP (900, "Making Of", "1999-01-01", 0, 1, 0) "]}]}";

static MmlMetaEpisode *
episode_by_id (MmlMetaSeries *s, gint64 id)
{
  for (guint i = 0; s->episodes != NULL && i < s->episodes->len; i++)
    {
      MmlMetaEpisode *ep = g_ptr_array_index (s->episodes, i);

      if (ep->provider_id == id)
        return ep;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_groups_dvd (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) aired = NULL;
  g_autoptr(MmlMetaSeries) dvd = NULL;
  MmlMetaSeason *season;
  MmlMetaEpisode *ep;
  MmlTestRecorder r = { 0 };

  g_assert_cmpuint (mml_provider_get_orders (fx->provider), ==,
                    MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_AIRED)
                    | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_DVD)
                    | MML_EPISODE_ORDER_FLAG (MML_EPISODE_ORDER_ABSOLUTE));
  r.body = g_strdup (series_615);
  mml_fake_server_add_handler (fx->server, "/tv/615", mml_test_record_handler, &r);
  mml_fake_server_add_handler (fx->server, "/tv/615/season/*", mml_test_tmdb_season_handler, NULL);
  mml_fake_server_add_json (fx->server, "/tv/episode_group/" DVD_615, 200, dvd_615);

  /* the aired order asks for no episode groups, and as many requests as
   * ever: the series and its three seasons */
  aired = mml_test_get_series (fx->provider, 615, MML_EPISODE_ORDER_AIRED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mml_test_recorded (&r, "append_to_response"), ==, "external_ids,alternative_titles");
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 4);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/" DVD_615), ==, 0);
  g_assert_cmpint (mml_test_find_episode (aired, 1, 2)->provider_id, ==, 102);

  /* the DVD order: the series with its groups, then the DVD group; no
   * season is asked for */
  dvd = mml_test_get_series (fx->provider, 615, MML_EPISODE_ORDER_DVD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dvd);
  g_assert_cmpstr (mml_test_recorded (&r, "append_to_response"), ==, "external_ids,alternative_titles,episode_groups");
  g_assert_cmpstr (mml_test_recorded (&r, "language"), ==, "en-US");
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/" DVD_615), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/615/season/*"), ==, 3);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 6);
  g_assert_cmpint (dvd->provider_id, ==, 615);
  g_assert_cmpstr (dvd->title, ==, "Futurama");

  /* seasons: the specials group first, then the groups in their order */
  g_assert_cmpuint (dvd->seasons->len, ==, 3);
  season = g_ptr_array_index (dvd->seasons, 0);
  g_assert_cmpint (season->number, ==, 0);
  g_assert_cmpstr (season->name, ==, "Specials");
  g_assert_cmpint (season->episode_order, ==, 2);
  season = g_ptr_array_index (dvd->seasons, 1);
  g_assert_cmpint (season->number, ==, 1);
  g_assert_cmpstr (season->name, ==, "Volume One");
  g_assert_cmpint (season->episode_order, ==, 3);
  g_assert_cmpstr (season->premiere_date, ==, "1999-03-28");
  g_assert_cmpstr (season->end_date, ==, "1999-04-06");
  season = g_ptr_array_index (dvd->seasons, 2);
  g_assert_cmpint (season->number, ==, 2);
  g_assert_cmpstr (season->name, ==, "Volume Two");
  g_assert_cmpint (season->episode_order, ==, 3);

  g_assert_cmpuint (dvd->episodes->len, ==, 8);
  g_assert_cmpint (mml_meta_series_count_episodes (dvd), ==, 6);
  g_assert_cmpint (mml_meta_series_count_seasons (dvd), ==, 2);
  /* DVD S1: aired E1, E3, E2 */
  ep = mml_test_find_episode (dvd, 1, 1);
  g_assert_nonnull (ep);
  g_assert_cmpint (ep->provider_id, ==, 101);
  ep = mml_test_find_episode (dvd, 1, 2);
  g_assert_nonnull (ep);
  g_assert_cmpint (ep->provider_id, ==, 103);
  g_assert_cmpstr (ep->title, ==, "I, Roommate");
  g_assert_cmpstr (ep->overview, ==, "About I, Roommate.");
  g_assert_cmpstr (ep->air_date, ==, "1999-04-06");
  g_assert_cmpint (ep->runtime, ==, 22);
  g_assert_cmpstr (ep->image_url, ==, MML_TEST_TMDB_IMAGES "original/s103.jpg");
  g_assert_false (ep->special);
  g_assert_cmpint (ep->absolute, ==, -1);
  ep = mml_test_find_episode (dvd, 1, 3);
  g_assert_nonnull (ep);
  g_assert_cmpint (ep->provider_id, ==, 102);
  g_assert_cmpstr (ep->title, ==, "The Series Has Landed");
  g_assert_null (mml_test_find_episode (dvd, 1, 4));
  /* aired S1E4 opens DVD S2 */
  ep = mml_test_find_episode (dvd, 2, 1);
  g_assert_nonnull (ep);
  g_assert_cmpint (ep->provider_id, ==, 104);
  g_assert_cmpint (mml_test_find_episode (dvd, 2, 2)->provider_id, ==, 201);
  g_assert_cmpint (mml_test_find_episode (dvd, 2, 3)->provider_id, ==, 202);
  /* the specials group: the aired special, and aired S2E3 made one */
  ep = episode_by_id (dvd, 900);
  g_assert_cmpint (ep->season, ==, 0);
  g_assert_cmpint (ep->number, ==, 1);
  g_assert_true (ep->special);
  g_assert_cmpint (ep->kind, ==, MML_META_EPISODE_SPECIAL);
  ep = episode_by_id (dvd, 203);
  g_assert_cmpint (ep->season, ==, 0);
  g_assert_cmpint (ep->number, ==, 2);
  g_assert_true (ep->special);
  g_assert_cmpint (ep->kind, ==, MML_META_EPISODE_SPECIAL);
  g_assert_false (mml_meta_series_has_episode (dvd, 2, 4));
  /* in order: the 1999-01-01 special first, regular ones by DVD number */
  g_assert_cmpint (mml_test_episode_at (dvd, 0)->provider_id, ==, 900);
  g_assert_cmpint (mml_test_episode_at (dvd, 1)->provider_id, ==, 101);
  g_assert_cmpint (mml_test_episode_at (dvd, 2)->provider_id, ==, 103);
  g_assert_cmpint (mml_test_episode_at (dvd, 3)->provider_id, ==, 102);
  g_assert_cmpint (mml_test_episode_at (dvd, 4)->provider_id, ==, 104);
  mml_test_recorder_clear (&r);
}

static void
test_groups_absolute (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  MmlMetaSeason *season;
  MmlMetaEpisode *ep;
  static const gint64 ids[] = { 101, 102, 103, 104, 201 };

  mml_fake_server_add_json (fx->server, "/tv/615", 200, series_615);
  mml_fake_server_add_json (fx->server, "/tv/episode_group/" ABSOLUTE_615, 200, absolute_615);
  s = mml_test_get_series (fx->provider, 615, MML_EPISODE_ORDER_ABSOLUTE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/" ABSOLUTE_615), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 2);

  /* as TheTVDB's absolute order: one season 1, numbered by position
   * across the groups in their order; the extras are specials */
  g_assert_cmpuint (s->episodes->len, ==, 6);
  g_assert_cmpint (mml_meta_series_count_episodes (s), ==, 5);
  g_assert_cmpint (mml_meta_series_count_seasons (s), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      ep = episode_by_id (s, ids[i]);
      g_assert_cmpint (ep->absolute, ==, (int) i + 1);
      g_assert_cmpint (ep->season, ==, 1);
      g_assert_cmpint (ep->number, ==, (int) i + 1);
      g_assert_false (ep->special);
    }
  g_assert_cmpstr (episode_by_id (s, 201)->title, ==, "Brannigan");
  ep = episode_by_id (s, 900);
  g_assert_true (ep->special);
  g_assert_cmpint (ep->season, ==, 0);
  g_assert_cmpint (ep->number, ==, 1);
  g_assert_cmpint (ep->absolute, ==, -1);

  g_assert_cmpuint (s->seasons->len, ==, 2);
  season = g_ptr_array_index (s->seasons, 0);
  g_assert_cmpint (season->number, ==, 0);
  g_assert_cmpstr (season->name, ==, "Extras");
  season = g_ptr_array_index (s->seasons, 1);
  g_assert_cmpint (season->number, ==, 1);
  g_assert_cmpstr (season->name, ==, "Absolute Order");
  g_assert_cmpint (season->episode_order, ==, 5);
  g_assert_cmpstr (season->end_date, ==, "2000-04-09");
  g_assert_cmpint (s->runtime, ==, 22);
}

static void
test_groups_missing (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;

  /* only a digital order, and a DVD group whose id cannot be a path */
  mml_fake_server_add_json (fx->server, "/tv/616", 200,
    "{\"id\":616,\"name\":\"Sparse\",\"episode_groups\":{\"id\":616,\"results\":["
    " {\"id\":\"5d0000000000000000000616\",\"name\":\"Digital\",\"description\":\"\",\"episode_count\":9,"
    "  \"group_count\":1,\"network\":null,\"type\":4},"
    " {\"id\":\"../../configuration\",\"name\":\"DVD\",\"episode_count\":9,\"group_count\":1,\"type\":3},"
    " {\"id\":7,\"name\":\"DVD\",\"episode_count\":9,\"group_count\":1,\"type\":3}]}}");
  s = mml_test_get_series (fx->provider, 616, MML_EPISODE_ORDER_DVD, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "TMDB has no DVD order for this series");
  g_assert_null (s);
  g_clear_error (&error);
  s = mml_test_get_series (fx->provider, 616, MML_EPISODE_ORDER_ABSOLUTE, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "TMDB has no absolute order for this series");
  g_assert_null (s);
  g_clear_error (&error);
  /* nothing asked beyond the series page */
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/616"), ==, 2);
  g_assert_cmpuint (mml_fake_server_get_total (fx->server), ==, 2);

  /* a series page without the list: not "no order", a bad answer */
  mml_fake_server_add_json (fx->server, "/tv/617", 200, "{\"id\":617,\"name\":\"Listless\"}");
  s = mml_test_get_series (fx->provider, 617, MML_EPISODE_ORDER_DVD, &error);
  g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
  g_assert_null (s);
  g_clear_error (&error);

  /* a DVD group with nothing but a special: no order to number files by */
  mml_fake_server_add_json (fx->server, "/tv/618", 200,
    "{\"id\":618,\"name\":\"Empty\",\"episode_groups\":{\"id\":618,\"results\":["
    " {\"id\":\"5d0000000000000000000618\",\"name\":\"DVD\",\"episode_count\":1,\"group_count\":2,\"type\":3}]}}");
  mml_fake_server_add_json (fx->server, "/tv/episode_group/5d0000000000000000000618", 200,
    "{\"id\":\"5d0000000000000000000618\",\"name\":\"DVD\",\"type\":3,\"groups\":["
    " {\"id\":\"x\",\"name\":\"Specials\",\"order\":0,\"locked\":true,\"episodes\":["
    "  {\"id\":5,\"name\":\"Pilot\",\"episode_number\":1,\"season_number\":0,\"order\":0}]},"
    " {\"id\":\"y\",\"name\":\"Season 1\",\"order\":1,\"locked\":true,\"episodes\":[]}]}");
  s = mml_test_get_series (fx->provider, 618, MML_EPISODE_ORDER_DVD, &error);
  g_assert_error (error, MML_PROVIDER_ERROR, MML_PROVIDER_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "TMDB’s DVD order for this series has no episodes");
  g_assert_null (s);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/5d0000000000000000000618"), ==, 1);
}

#define ONE_EPISODE_GROUP \
  "{\"id\":\"%s\",\"name\":\"%s\",\"type\":3,\"groups\":[{\"id\":\"g\",\"name\":\"Season 1\",\"order\":1," \
  " \"locked\":true,\"episodes\":[{\"id\":%d,\"name\":\"%s\",\"episode_number\":1,\"season_number\":1," \
  " \"order\":0}]}]}"

static void
test_groups_choice (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) s = NULL;
  g_autofree char *small = g_strdup_printf (ONE_EPISODE_GROUP, "aaaaaaaaaaaaaaaaaaaaaaaa", "Small", 1, "From Small");
  g_autofree char *big = g_strdup_printf (ONE_EPISODE_GROUP, "bbbbbbbbbbbbbbbbbbbbbbbb", "Big", 2, "From Big");
  g_autofree char *tie = g_strdup_printf (ONE_EPISODE_GROUP, "cccccccccccccccccccccccc", "Tie", 3, "From Tie");

  /* three DVD orders: the one with the most episodes counts, the first
   * listed of two as large */
  mml_fake_server_add_json (fx->server, "/tv/619", 200,
    "{\"id\":619,\"name\":\"Choices\",\"episode_groups\":{\"id\":619,\"results\":["
    " {\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\",\"name\":\"Small\",\"description\":\"\",\"episode_count\":4,"
    "  \"group_count\":1,\"network\":null,\"type\":3},"
    " {\"id\":\"dddddddddddddddddddddddd\",\"name\":\"Absolute\",\"description\":\"\",\"episode_count\":50,"
    "  \"group_count\":1,\"network\":null,\"type\":2},"
    " {\"id\":\"bbbbbbbbbbbbbbbbbbbbbbbb\",\"name\":\"Big\",\"description\":\"\",\"episode_count\":9,"
    "  \"group_count\":1,\"network\":null,\"type\":3},"
    " {\"id\":\"cccccccccccccccccccccccc\",\"name\":\"Tie\",\"description\":\"\",\"episode_count\":9,"
    "  \"group_count\":1,\"network\":null,\"type\":3}]}}");
  mml_fake_server_add_json (fx->server, "/tv/episode_group/aaaaaaaaaaaaaaaaaaaaaaaa", 200, small);
  mml_fake_server_add_json (fx->server, "/tv/episode_group/bbbbbbbbbbbbbbbbbbbbbbbb", 200, big);
  mml_fake_server_add_json (fx->server, "/tv/episode_group/cccccccccccccccccccccccc", 200, tie);
  s = mml_test_get_series (fx->provider, 619, MML_EPISODE_ORDER_DVD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/bbbbbbbbbbbbbbbbbbbbbbbb"), ==, 1);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/aaaaaaaaaaaaaaaaaaaaaaaa"), ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/episode_group/cccccccccccccccccccccccc"), ==, 0);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "*404*"), ==, 0);
  g_assert_cmpuint (s->episodes->len, ==, 1);
  g_assert_cmpint (mml_test_episode_at (s, 0)->provider_id, ==, 2);
  g_assert_cmpstr (mml_test_episode_at (s, 0)->title, ==, "From Big");
}

static void
test_groups_malformed (Fixture *fx, gconstpointer data)
{
  static const char *const groups[] = {
    "{\"id\":\"x\",\"type\":3,\"groups\":{\"name\":\"Season 1\"}}",                 /* groups not a list */
    "{\"id\":\"x\",\"type\":3,\"groups\":[{\"name\":\"Season 1\",\"order\":1,\"episodes\":\"none\"}]}",
    "{\"id\":\"x\",\"type\":3,\"groups\":[{\"name\":\"Season 1\",\"order\":1,"
    " \"episodes\":[{\"id\":1,\"order\":0},7]}]}",                                    /* an episode that is not one */
    "{\"id\":\"x\",\"type\":3,\"groups\":[{\"name\":\"Season 1\",\"order\":1,"
    " \"episodes\":[{\"id\":\"1\",\"order\":0}]}]}",                                  /* a string id */
    "{\"id\":\"x\",\"type\":3,\"groups\":[{\"name\":\"Season 1\",\"order\":1,\"episodes\":[]},5]}",
    "{\"id\":\"x\",\"type\":2,\"groups\":[{\"name\":\"Season 1\",\"order\":1,"
    " \"episodes\":[{\"id\":1,\"order\":0}]}]}",                                      /* an absolute group */
    "{\"id\":\"x\",\"type\":\"3\",\"groups\":[]}",
    "{\"id\":\"x\",\"groups\":[{\"episodes\":[{\"id\":1,",                           /* truncated */
    "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MmlMetaSeries) s = NULL;
      g_autofree char *id = g_strdup_printf ("6e00000000000000000000%02u", i);
      g_autofree char *series_path = g_strdup_printf ("/tv/%u", 700 + i);
      g_autofree char *group_path = g_strconcat ("/tv/episode_group/", id, NULL);
      g_autofree char *series = g_strdup_printf (
        "{\"id\":%u,\"name\":\"Bad %u\",\"episode_groups\":{\"id\":%u,\"results\":["
        " {\"id\":\"%s\",\"name\":\"DVD\",\"episode_count\":1,\"group_count\":1,\"type\":3}]}}",
        700 + i, i, 700 + i, id);

      mml_fake_server_add_json (fx->server, series_path, 200, series);
      mml_fake_server_add_json (fx->server, group_path, 200, groups[i]);
      g_test_message ("group reply %u: %s", i, groups[i]);
      s = mml_test_get_series (fx->provider, 700 + i, MML_EPISODE_ORDER_DVD, &error);
      g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
      g_assert_null (s);
      g_assert_cmpuint (mml_fake_server_get_count (fx->server, group_path), ==, 1);
    }

  /* the list of groups of the wrong type in the series page */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MmlMetaSeries) s = NULL;

    mml_fake_server_add_json (fx->server, "/tv/799", 200,
                              "{\"id\":799,\"name\":\"X\",\"episode_groups\":{\"results\":\"none\"}}");
    s = mml_test_get_series (fx->provider, 799, MML_EPISODE_ORDER_ABSOLUTE, &error);
    g_assert_error (error, MML_HTTP_ERROR, MML_HTTP_ERROR_MALFORMED);
    g_assert_null (s);
  }
}

static void
test_groups_cancel (Fixture *fx, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MmlTestOutcome o = { 0 };

  /* the group slow to come: cancelled while waiting for it */
  mml_fake_server_add_json (fx->server, "/tv/615", 200, series_615);
  mml_fake_server_add_json (fx->server, "/tv/episode_group/" DVD_615, 200, dvd_615);
  mml_fake_server_set_delay (fx->server, "/tv/episode_group/" DVD_615, 3000);
  mml_test_cancel_after (cancellable, 300);
  mml_provider_get_series_async (fx->provider, 615, MML_EPISODE_ORDER_DVD, cancellable, mml_test_series_cb, &o);
  mml_test_outcome_wait (&o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (o.value);
  g_clear_error (&o.error);
  g_assert_cmpuint (mml_fake_server_get_count (fx->server, "/tv/615"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mml_test_tmdb_init (&argc, &argv);

  MML_TEST_TMDB_ADD ("groups-dvd", test_groups_dvd);
  MML_TEST_TMDB_ADD ("groups-absolute", test_groups_absolute);
  MML_TEST_TMDB_ADD ("groups-missing", test_groups_missing);
  MML_TEST_TMDB_ADD ("groups-choice", test_groups_choice);
  MML_TEST_TMDB_ADD ("groups-malformed", test_groups_malformed);
  MML_TEST_TMDB_ADD ("groups-cancel", test_groups_cancel);

  return g_test_run ();
}
