/* test-watch-sync.c — the three-way merge of watched marks, and the
 * mapping of a server's paths to this desktop's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "mml-watch-sync.h"

#define W(at, plays) (&(MmlWatchState) { TRUE, (at), (plays) })
#define U            (&(MmlWatchState) { FALSE, 0, 0 })

static MmlSyncAction
decide (const MmlWatchState *local,
        const MmlWatchState *server,
        const MmlWatchState *base,
        gboolean             lossy)
{
  MmlSyncDecision d = mml_watch_sync_decide (local, server, base, lossy);

  g_assert_nonnull (d.reason);
  return d.action;
}

static void
test_first_sync (void)
{
  /* no baseline: equal flags set it; watched wins, never an un-watch */
  g_assert_cmpint (decide (U, U, NULL, FALSE), ==, MML_SYNC_BASELINE);
  g_assert_cmpint (decide (W (100, 1), W (5000, 3), NULL, FALSE), ==, MML_SYNC_BASELINE);
  g_assert_cmpint (decide (U, W (100, 1), NULL, FALSE), ==, MML_SYNC_PULL);
  g_assert_cmpint (decide (W (100, 1), U, NULL, FALSE), ==, MML_SYNC_PUSH);
  g_assert_cmpint (decide (W (100, 1), U, NULL, TRUE), ==, MML_SYNC_PUSH);
}

static void
test_one_side_changed (void)
{
  const MmlWatchState *base_w = W (1000, 1);

  /* nothing moved */
  g_assert_cmpint (decide (W (1000, 1), W (1000, 1), base_w, FALSE), ==, MML_SYNC_NOTHING);
  g_assert_cmpint (decide (U, U, U, FALSE), ==, MML_SYNC_NOTHING);
  /* watched here / there */
  g_assert_cmpint (decide (W (2000, 1), U, U, FALSE), ==, MML_SYNC_PUSH);
  g_assert_cmpint (decide (U, W (2000, 1), U, FALSE), ==, MML_SYNC_PULL);
  /* un-watching is a change like any other, and a stale "watched" on the
   * other side never undoes it */
  g_assert_cmpint (decide (U, W (1000, 1), base_w, FALSE), ==, MML_SYNC_PUSH);
  g_assert_cmpint (decide (W (1000, 1), U, base_w, FALSE), ==, MML_SYNC_PULL);
  g_assert_cmpint (decide (U, W (1000, 1), base_w, TRUE), ==, MML_SYNC_PUSH);
  /* a re-watch with the other side still watched: only the baseline */
  g_assert_cmpint (decide (W (9000, 2), W (1000, 1), base_w, FALSE), ==, MML_SYNC_BASELINE);
  g_assert_cmpint (decide (W (1000, 1), W (9000, 2), base_w, FALSE), ==, MML_SYNC_BASELINE);
}

static void
test_both_changed (void)
{
  const MmlWatchState *base_w = W (1000, 1);

  /* the same way: nothing to write */
  g_assert_cmpint (decide (U, U, base_w, FALSE), ==, MML_SYNC_BASELINE);
  g_assert_cmpint (decide (W (3000, 1), W (4000, 1), U, FALSE), ==, MML_SYNC_BASELINE);
  /* un-watched here, watched again there (more plays, or a later date) */
  g_assert_cmpint (decide (U, W (1000, 2), base_w, FALSE), ==, MML_SYNC_CONFLICT);
  g_assert_cmpint (decide (U, W (90000, 1), base_w, FALSE), ==, MML_SYNC_CONFLICT);
  /* the mirror */
  g_assert_cmpint (decide (W (90000, 2), U, base_w, FALSE), ==, MML_SYNC_CONFLICT);
  /* a server whose dates are lossy (Plex): a date alone is no change */
  g_assert_cmpint (decide (U, W (90000, 1), base_w, TRUE), ==, MML_SYNC_PUSH);
  g_assert_cmpint (decide (U, W (90000, 2), base_w, TRUE), ==, MML_SYNC_CONFLICT);
  /* a date within two minutes is the same viewing */
  g_assert_cmpint (decide (U, W (1060, 1), base_w, FALSE), ==, MML_SYNC_PUSH);
}

/* "always prefer …" for a series: its conflicts settle by themselves;
 * nothing else changes */
static void
test_settle (void)
{
  const MmlWatchState *base_w = W (1000, 1);
  MmlSyncDecision conflict = mml_watch_sync_decide (U, W (1000, 2), base_w, FALSE);
  MmlSyncDecision push = mml_watch_sync_decide (U, W (1060, 1), base_w, FALSE);
  MmlWatchPrefer prefer = MML_WATCH_PREFER_LOCAL;

  g_assert_cmpint (conflict.action, ==, MML_SYNC_CONFLICT);
  g_assert_cmpint (mml_watch_sync_settle (conflict, MML_WATCH_PREFER_NONE).action, ==, MML_SYNC_CONFLICT);
  g_assert_cmpint (mml_watch_sync_settle (conflict, MML_WATCH_PREFER_LOCAL).action, ==, MML_SYNC_PUSH);
  g_assert_cmpint (mml_watch_sync_settle (conflict, MML_WATCH_PREFER_SERVER).action, ==, MML_SYNC_PULL);
  g_assert_nonnull (mml_watch_sync_settle (conflict, MML_WATCH_PREFER_SERVER).reason);
  /* a one-sided change keeps its direction whatever the series prefers */
  g_assert_cmpint (push.action, ==, MML_SYNC_PUSH);
  g_assert_cmpint (mml_watch_sync_settle (push, MML_WATCH_PREFER_SERVER).action, ==, MML_SYNC_PUSH);

  g_assert_true (mml_watch_prefer_from_string ("server", &prefer));
  g_assert_cmpint (prefer, ==, MML_WATCH_PREFER_SERVER);
  g_assert_true (mml_watch_prefer_from_string ("none", &prefer));
  g_assert_cmpint (prefer, ==, MML_WATCH_PREFER_NONE);
  g_assert_false (mml_watch_prefer_from_string ("both", &prefer));
  g_assert_cmpstr (mml_watch_prefer_to_string (MML_WATCH_PREFER_LOCAL), ==, "local");
  g_assert_null (mml_watch_prefer_to_string (MML_WATCH_PREFER_NONE));
}

static void
test_baseline_catches_up (void)
{
  /* Plex stamps "now" on a push: the baseline follows, no write */
  g_assert_cmpint (decide (W (1000, 1), W (5000, 1), W (1000, 1), TRUE), ==, MML_SYNC_BASELINE);
  g_assert_cmpint (decide (W (1000, 3), W (1000, 1), W (1000, 3), FALSE), ==, MML_SYNC_BASELINE);
}

static void
check_map (const char * const *prefixes,
           const char         *server,
           const char         *expected)
{
  g_autofree char *local = mml_server_path_map (prefixes, server);

  g_assert_cmpstr (local, ==, expected);
}

static void
test_paths (void)
{
  const char * const prefixes[] = {
    "/data/tv", "/mnt/nas/tv",
    "/data/tv/anime", "/srv/anime",
    "D:\\Media\\TV", "/mnt/d/tv",
    "/", "/root-of-all",
    NULL,
  };
  const char * const none[] = { NULL };
  g_autofree char *norm = NULL;

  check_map (prefixes, "/data/tv/Show/S01E01.mkv", "/mnt/nas/tv/Show/S01E01.mkv");
  /* the longest prefix wins; whole components only */
  check_map (prefixes, "/data/tv/anime/One Piece/1.mkv", "/srv/anime/One Piece/1.mkv");
  check_map (prefixes, "/data/tv2/Show/a.mkv", "/root-of-all/data/tv2/Show/a.mkv");
  check_map (prefixes, "/data/tv", "/mnt/nas/tv");
  check_map (prefixes, "/data/tv/", "/mnt/nas/tv");
  /* a Windows server: backslashes, any case */
  check_map (prefixes, "d:\\media\\tv\\Show\\x.mkv", "/mnt/d/tv/Show/x.mkv");
  check_map (prefixes, "D:/Media/TV//Show/x.mkv", "/mnt/d/tv/Show/x.mkv");
  check_map (none, "/data/tv/x.mkv", NULL);
  check_map (prefixes, "", NULL);
  check_map (prefixes, NULL, NULL);

  norm = mml_server_path_normalize ("\\\\nas\\share\\tv\\");
  g_assert_cmpstr (norm, ==, "//nas/share/tv");   /* a UNC path keeps its pair */
}

static void
test_prefix_valid (void)
{
  const char *good[] = { "/data/tv", "D:\\TV", "C:/", "/" };
  const char *bad[] = { "", "data/tv", "/data/../etc", "/data/\ttv", "\xff/tv" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (mml_server_prefix_valid (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mml_server_prefix_valid (bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/watch-sync/first-sync", test_first_sync);
  g_test_add_func ("/watch-sync/one-side-changed", test_one_side_changed);
  g_test_add_func ("/watch-sync/both-changed", test_both_changed);
  g_test_add_func ("/watch-sync/settle", test_settle);
  g_test_add_func ("/watch-sync/baseline-catches-up", test_baseline_catches_up);
  g_test_add_func ("/watch-sync/paths", test_paths);
  g_test_add_func ("/watch-sync/prefix-valid", test_prefix_valid);

  return g_test_run ();
}
