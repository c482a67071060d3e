/* test-notify.c — desktop notifications, against a fake notification
 * service on the test's session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake owns org.gtk.Notifications (the service GLib's GNotification
 * uses on a GNOME desktop) on a connection of its own and records what
 * the application sends. New videos written into a watched library
 * folder come out as notifications naming their series; a background job
 * failing comes out with a Retry whose action runs the job again; the
 * notification's default action opens the window on the Dashboard; a kind
 * turned off in Settings sends nothing. Then the engine's other news:
 * subtitles a fetch downloaded (one notification for the batch, by
 * series), watch conflicts a sync opened (leading to the Conflicts view,
 * gathered within the least gap between two of a kind), the subtitle
 * quota used up (with when it comes back), and an episode of a series
 * being watched airing today (once a day).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mml-application.h"
#include "mml-clock.h"
#include "mml-scheduler.h"
#include "mml-subtitles-controller.h"
#include "mml-sync-controller.h"
#include "mml-window.h"
#include "mml-app-test-util.h"
#include "mml-fake-notifications.h"
#include "mml-test-util.h"

#define WAIT_TIMEOUT_MS 90000   /* a deadline, not a measure */

static char *tmp_dir;
static char *tree;
static MmlApplication *app;

static const char * const tree_files[] = {
  "Night Show (2021)/Season 01/Night.Show.S01E01.mkv",
};

/* The day the test is on: Night Show (matched, being watched) has an
 * episode airing then, and a special that day too (never told) */
#define TODAY "2026-03-10"
static const char library_sql[] =
  "UPDATE series SET match_state = 'auto', watch_status = 'watching' WHERE title = 'Night Show';"
  "INSERT INTO episodes (series_id, season, number, air_date, provider_id, title, special) "
  "  SELECT id, 1, 5, '" TODAY "', 'tvmaze:9101', 'Lights Out', 0 FROM series WHERE title = 'Night Show' "
  "  UNION ALL SELECT id, 0, 2, '" TODAY "', 'tvmaze:9102', 'Making Of', 1 FROM series WHERE title = 'Night Show';";

/* what the fake notification service received, in order */
static GPtrArray *sent;

/* --- helpers ------------------------------------------------------------------ */

static gboolean
library_ready (gpointer data)
{
  MmlLibraryController *library = mml_engine_get_library (data);

  return !mml_library_controller_get_loading (library) && !mml_library_controller_get_scanning (library) &&
         g_list_model_get_n_items (mml_library_controller_get_series (library)) == 1;
}

/* How many new episodes the notifications with @id told of, by their titles */
static guint
episodes_told (void)
{
  guint n = 0;

  for (guint i = 0; i < sent->len; i++)
    {
      MmlSentNotification *s = g_ptr_array_index (sent, i);
      guint count = 0;

      if (!g_str_equal (s->id, "new-episodes"))
        continue;
      if (g_str_equal (s->title, "A new episode of Night Show"))
        n++;
      else
        {
          g_assert_cmpint (sscanf (s->title, "%u new episodes of Night Show", &count), ==, 1);
          n += count;
        }
    }
  return n;
}

static gboolean
told_two (gpointer data)
{
  return episodes_told () == 2 && mml_notifier_get_n_pending (data) == 0;
}

static gboolean
n_sent_is (gpointer data)
{
  return sent->len == GPOINTER_TO_UINT (data);
}

static gboolean
window_on_dashboard (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (mml_window_get_stack (MML_WINDOW (window))),
                    "dashboard") == 0;
}

static gboolean
has_four_files (gpointer data)
{
  GListModel *series = mml_library_controller_get_series (mml_engine_get_library (data));
  g_autoptr(MmlSeriesItem) item = g_list_model_get_n_items (series) > 0 ? g_list_model_get_item (series, 0) : NULL;

  return item != NULL && mml_series_item_get_n_present_files (item) == 4;
}

static void
write_video (const char *name)
{
  g_autofree char *path = g_build_filename (tree, "Night Show (2021)", "Season 01", name, NULL);

  g_assert_true (g_file_set_contents (path, name, -1, NULL));
}

/* --- the test ----------------------------------------------------------------- */

static void
test_notify (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlNotifier *notifier = mml_application_get_notifier (app);
  g_autoptr(GDBusConnection) fake = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  MmlSentNotification *s;

  g_assert_nonnull (notifier);
  mml_app_test_iterate_until (library_ready, engine, WAIT_TIMEOUT_MS, "the library");
  fake = mml_fake_notifications_start (sent);
  g_settings_set_boolean (settings, "notify-new-episodes", TRUE);
  g_settings_set_boolean (settings, "notify-job-failures", TRUE);
  /* the gap between two of a kind, short: both episodes are told soon,
   * in one notification or two */
  mml_notifier_set_min_gap_ms (notifier, 0);

  /* Two new videos in a watched folder: told, by their series' title */
  write_video ("Night.Show.S01E02.mkv");
  write_video ("Night.Show.S01E03.mkv");
  mml_app_test_iterate_until (told_two, notifier, WAIT_TIMEOUT_MS, "the new episodes told");
  s = g_ptr_array_index (sent, 0);
  g_assert_cmpstr (s->default_action, ==, "app.show-view");
  g_assert_cmpstr (g_variant_get_string (s->default_target, NULL), ==, "dashboard");

  /* Its default action opens the window on the Dashboard */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-view", g_variant_new_string ("dashboard"));
  mml_app_test_iterate_until (window_on_dashboard, NULL, WAIT_TIMEOUT_MS, "the window on the Dashboard");

  /* A job failing: what it does, what it said, and Retry */
  {
    guint before = sent->len;

    g_signal_emit_by_name (mml_engine_get_scheduler (engine), "job-finished", "sync", FALSE,
                           "Jellyfin did not answer within 20 seconds");
    mml_app_test_iterate_until (n_sent_is, GUINT_TO_POINTER (before + 1), WAIT_TIMEOUT_MS, "the failure told");
    s = g_ptr_array_index (sent, before);
    g_assert_cmpstr (s->id, ==, "job-failed");
    g_assert_cmpstr (s->title, ==, "Syncing with media servers failed");
    g_assert_cmpstr (s->body, ==, "Jellyfin did not answer within 20 seconds");
    g_assert_cmpstr (s->button_action, ==, "app.run-job");
    g_assert_cmpstr (g_variant_get_string (s->button_target, NULL), ==, "sync");
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "run-job"));
    /* a job that succeeds says nothing */
    g_signal_emit_by_name (mml_engine_get_scheduler (engine), "job-finished", "scan", TRUE, "Scan: 1 new");
    g_assert_cmpuint (sent->len, ==, before + 1);
  }

  /* Turned off in Settings: nothing is told, nothing waits */
  g_settings_set_boolean (settings, "notify-new-episodes", FALSE);
  {
    guint before = sent->len;

    write_video ("Night.Show.S01E04.mkv");
    mml_app_test_iterate_until (has_four_files, engine, WAIT_TIMEOUT_MS, "the fourth video in the library");
    g_assert_cmpuint (mml_notifier_get_n_pending (notifier), ==, 0);
    g_assert_cmpuint (sent->len, ==, before);
  }

  g_dbus_connection_close_sync (fake, NULL, NULL);
  mml_app_test_destroy_toplevels ();
}

/* The notification sent last with @id, or NULL */
static MmlSentNotification *
last_sent (const char *id)
{
  for (guint i = sent->len; i > 0; i--)
    {
      MmlSentNotification *s = g_ptr_array_index (sent, i - 1);

      if (g_str_equal (s->id, id))
        return s;
    }
  return NULL;
}

typedef struct
{
  const char *id;
  guint       n;
} Count;

/* How many notifications with @id were sent */
static guint
count_sent (const char *id)
{
  guint n = 0;

  for (guint i = 0; i < sent->len; i++)
    n += g_str_equal (((MmlSentNotification *) g_ptr_array_index (sent, i))->id, id);
  return n;
}

static gboolean
n_of_kind_is (gpointer data)
{
  const Count *c = data;

  return count_sent (c->id) == c->n;
}

static void
wait_for_kind (const char *id,
               guint       n)
{
  Count c = { id, n };
  g_autofree char *what = g_strdup_printf ("notification %u of %s", n, id);

  mml_app_test_iterate_until (n_of_kind_is, &c, WAIT_TIMEOUT_MS, what);
}

static gboolean
window_on_view (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (mml_window_get_stack (MML_WINDOW (window))), data) == 0;
}

static void
test_subtitles_conflicts_quota (void)
{
  MmlEngine *engine = mml_application_get_engine (app);
  MmlNotifier *notifier = mml_application_get_notifier (app);
  MmlSubtitlesController *subtitles = mml_engine_get_subtitles (engine);
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_autoptr(GDBusConnection) fake = mml_fake_notifications_start (sent);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  MmlSentNotification *s;

  g_settings_set_boolean (settings, "notify-subtitles", TRUE);
  g_settings_set_boolean (settings, "notify-watch-conflicts", TRUE);
  g_settings_set_boolean (settings, "notify-subtitle-quota", TRUE);
  mml_notifier_set_min_gap_ms (notifier, 0);

  /* A fetch's subtitles: one notification, by series (one with none
   * counts, unnamed) */
  {
    const char * const batch[] = { "Night Show", "Day Show", "Night Show", "", NULL };
    const char * const one[] = { "Night Show", NULL };

    g_signal_emit_by_name (subtitles, "fetched", batch);
    wait_for_kind ("subtitles", 1);
    s = last_sent ("subtitles");
    g_assert_cmpstr (s->title, ==, "Subtitles for 4 episodes");
    g_assert_cmpstr (s->body, ==, "Night Show (2), Day Show (1)");

    g_signal_emit_by_name (subtitles, "fetched", one);
    wait_for_kind ("subtitles", 2);
    g_assert_cmpstr (last_sent ("subtitles")->title, ==, "Subtitles for an episode of Night Show");
  }

  /* Watch conflicts a sync opened lead to the Conflicts view; within the
   * gap after one, the next ones are gathered into one */
  mml_notifier_set_min_gap_ms (notifier, 1500);
  g_signal_emit_by_name (sync, "conflicts-found", 2u);
  wait_for_kind ("watch-conflicts", 1);
  s = last_sent ("watch-conflicts");
  g_assert_cmpstr (s->title, ==, "2 watch conflicts to resolve");
  g_assert_cmpstr (s->default_action, ==, "app.show-view");
  g_assert_cmpstr (g_variant_get_string (s->default_target, NULL), ==, "conflicts");
  g_signal_emit_by_name (sync, "conflicts-found", 1u);
  g_signal_emit_by_name (sync, "conflicts-found", 3u);
  g_assert_cmpuint (count_sent ("watch-conflicts"), ==, 1);   /* waiting for the gap */
  wait_for_kind ("watch-conflicts", 2);
  g_assert_cmpstr (last_sent ("watch-conflicts")->title, ==, "4 watch conflicts to resolve");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-view", g_variant_new_string ("conflicts"));
  mml_app_test_iterate_until (window_on_view, (gpointer) "conflicts", WAIT_TIMEOUT_MS,
                              "the window on the Conflicts view");
  mml_notifier_set_min_gap_ms (notifier, 0);

  /* The quota used up: when downloads start again */
  {
    gint64 reset_at = g_get_real_time () / G_USEC_PER_SEC + 3 * 3600;
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (reset_at);
    g_autofree char *clock = g_date_time_format (when, "%H:%M");
    g_autofree char *body = g_strdup_printf ("Downloads start again at %s", clock);

    g_signal_emit_by_name (subtitles, "quota-exhausted", reset_at);
    wait_for_kind ("subtitle-quota", 1);
    s = last_sent ("subtitle-quota");
    g_assert_cmpstr (s->title, ==, "No subtitle downloads left today");
    g_assert_cmpstr (s->body, ==, body);
  }

  /* Turned off: nothing */
  g_settings_set_boolean (settings, "notify-watch-conflicts", FALSE);
  g_signal_emit_by_name (sync, "conflicts-found", 5u);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count_sent ("watch-conflicts"), ==, 2);

  g_dbus_connection_close_sync (fake, NULL, NULL);
  mml_app_test_destroy_toplevels ();
}

static void
test_airing_today (void)
{
  MmlNotifier *notifier = mml_application_get_notifier (app);
  g_autoptr(GDBusConnection) fake = mml_fake_notifications_start (sent);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  MmlSentNotification *s;

  /* turning it on looks at today: the episode, not the special */
  g_settings_set_boolean (settings, "notify-airing-today", TRUE);
  wait_for_kind ("airing-today", 1);
  s = last_sent ("airing-today");
  g_assert_cmpstr (s->title, ==, "Night Show S01E05 airs today");
  g_assert_cmpstr (g_variant_get_string (s->default_target, NULL), ==, "calendar");
  {
    g_autofree char *day = g_settings_get_string (settings, "airing-notified-day");

    g_assert_cmpstr (day, ==, TODAY);
  }

  /* once a day */
  mml_notifier_check_airing (notifier);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count_sent ("airing-today"), ==, 1);

  g_dbus_connection_close_sync (fake, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  int ret;

  tmp_dir = mml_app_test_init (&argc, &argv, "mml-test-notify-XXXXXX");
  if (tmp_dir == NULL)
    return 77;

  db = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("MML_DB", db, TRUE);
  tree = g_build_filename (tmp_dir, "TV", NULL);
  mml_app_test_write_tree (tree, tree_files, G_N_ELEMENTS (tree_files), "video");
  mml_app_test_scan_library (db, tree, library_sql);

  sent = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_sent_notification_free);
  app = mml_app_test_new_application ();
  mml_clock_set_today (mml_engine_get_clock (mml_application_get_engine (app)), TODAY);

  g_test_add_func ("/app/notify/episodes-failures-settings", test_notify);
  g_test_add_func ("/app/notify/subtitles-conflicts-quota", test_subtitles_conflicts_quota);
  g_test_add_func ("/app/notify/airing-today", test_airing_today);
  ret = g_test_run ();

  mml_app_test_destroy_toplevels ();
  g_clear_object (&app);
  g_clear_pointer (&sent, g_ptr_array_unref);
  mml_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (tree);
  return ret;
}
