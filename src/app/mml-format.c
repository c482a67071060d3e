/* mml-format.c — the few ways the views put numbers, dates and paths into words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mml-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mml-format.h"

#include "mml-clock.h"

/**
 * mml_format_timestamp:
 * @unix_time: seconds since the epoch
 *
 * Returns: (transfer full): "Today at 14:02", "Yesterday at 09:15" or
 *   "3 March 2026"
 */
char *
mml_format_timestamp (gint64 unix_time)
{
  return mml_format_timestamp_at (unix_time, g_get_real_time () / G_USEC_PER_SEC);
}

/**
 * mml_format_timestamp_at:
 * @unix_time: seconds since the epoch
 * @now_time: what "now" is, seconds since the epoch (the engine's clock)
 *
 * mml_format_timestamp() with "Today" and "Yesterday" told from @now_time.
 *
 * Returns: (transfer full): "Today at 14:02", "Yesterday at 09:15" or
 *   "3 March 2026"
 */
char *
mml_format_timestamp_at (gint64 unix_time,
                         gint64 now_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_time);
  g_autofree char *clock = NULL;
  int days;

  if (when == NULL || now == NULL)
    return g_strdup ("");

  clock = g_date_time_format (when, "%H:%M");
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (when);

  if (g_date_time_get_year (now) == g_date_time_get_year (when) && days == 0)
    /* Translators: %s is a time such as 14:02 */
    return g_strdup_printf (_("Today at %s"), clock);

  if (g_date_time_get_year (now) == g_date_time_get_year (when) && days == 1)
    /* Translators: %s is a time such as 14:02 */
    return g_strdup_printf (_("Yesterday at %s"), clock);

  /* Translators: a date, see the strftime() manual ("%-d": the day, not
   * padded); "%-d %B %Y" is "3 March 2026" */
  return g_date_time_format (when, _("%-d %B %Y"));
}

/**
 * mml_format_isolate:
 * @text: (nullable): a title, a name: text from the library or a server
 *
 * @text between the Unicode "first strong isolate" and "pop directional
 * isolate" marks, for composing it into a sentence: a Hebrew title in an
 * English line (or an English network in a Hebrew one) then keeps its own
 * direction without turning the words around it.
 *
 * Returns: (transfer full): the isolated text ("" for %NULL)
 */
char *
mml_format_isolate (const char *text)
{
  return g_strconcat ("\u2068", text ? text : "", "\u2069", NULL);
}

/**
 * mml_format_relative_day:
 * @date: a date, "YYYY-MM-DD"
 * @today: (nullable): the library's today, "YYYY-MM-DD" (the engine's clock)
 *
 * Returns: (nullable): "Today", "Yesterday" or "Tomorrow" when @date is
 *   one of them, else %NULL
 */
const char *
mml_format_relative_day (const char *date,
                         const char *today)
{
  int y, m, d, ty, tm, td;
  GDate a, b;
  int days;

  if (date == NULL || today == NULL ||
      !mml_clock_parse_date (date, &y, &m, &d) || !mml_clock_parse_date (today, &ty, &tm, &td))
    return NULL;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, d, m, y);
  g_date_set_dmy (&b, td, tm, ty);
  days = g_date_days_between (&a, &b);
  if (days == 0)
    return _("Today");
  if (days == 1)
    return _("Yesterday");
  if (days == -1)
    return _("Tomorrow");
  return NULL;
}

/**
 * mml_format_air_date:
 * @date: an air date, "YYYY-MM-DD"
 * @today: (nullable): the library's today, "YYYY-MM-DD" (the engine's clock)
 *
 * An air date in words, as timestamps are put: "Today", "Yesterday",
 * "Tomorrow", else the date in the locale's words ("3 March 2026").
 *
 * Returns: (transfer full): the words; @date itself when it is no date
 */
char *
mml_format_air_date (const char *date,
                     const char *today)
{
  g_autoptr(GDateTime) when = NULL;
  const char *relative = mml_format_relative_day (date, today);
  int y, m, d;

  if (relative != NULL)
    return g_strdup (relative);
  if (date == NULL || !mml_clock_parse_date (date, &y, &m, &d))
    return g_strdup (date ? date : "");

  when = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (when == NULL)
    return g_strdup (date);
  /* Translators: a date, see the strftime() manual ("%-d": the day, not
   * padded); "%-d %B %Y" is "3 March 2026" */
  return g_date_time_format (when, _("%-d %B %Y"));
}

/**
 * mml_format_episode_code:
 * @season: -1 when none
 * @number: -1 when none
 * @absolute: -1 when none
 *
 * Returns: (transfer full): "S01E05", "#112" (absolute only), or "Special"
 */
char *
mml_format_episode_code (int season,
                         int number,
                         int absolute)
{
  if (season >= 0 && number >= 0)
    return g_strdup_printf ("S%02dE%02d", season, number);
  if (absolute >= 0)
    return g_strdup_printf ("#%d", absolute);
  return g_strdup (_("Special"));
}

/**
 * mml_format_scan_counts:
 *
 * Returns: (transfer full): "12 new · 1 changed · 0 renamed · 0 missing · 0 unavailable"
 */
char *
mml_format_scan_counts (const MmlLastScan *scan)
{
  g_return_val_if_fail (scan != NULL, NULL);

  /* Translators: the counts of one scan, in this order: new, changed,
   * renamed, missing, unavailable files */
  return g_strdup_printf (_("%u new · %u changed · %u renamed · %u missing · %u unavailable"),
                          scan->added, scan->changed, scan->renamed,
                          scan->missing, scan->unavailable);
}

/**
 * mml_format_series_counts:
 *
 * Returns: (transfer full): "3 seasons · 48 episodes", or "48 episodes"
 *   when the series has no seasons (absolute or daily numbering)
 */
char *
mml_format_series_counts (guint n_seasons,
                          guint n_episodes)
{
  g_autofree char *episodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u episode", "%u episodes",
                                                            n_episodes),
                                               n_episodes);
  g_autofree char *seasons = NULL;

  if (n_seasons == 0)
    return g_steal_pointer (&episodes);

  seasons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u season", "%u seasons", n_seasons),
                             n_seasons);

  /* Translators: "3 seasons · 48 episodes" */
  return g_strdup_printf (_("%s · %s"), seasons, episodes);
}

/**
 * mml_format_last_scan:
 * @last_scan_at: seconds since the epoch, 0 when never scanned
 * @last_scan_json: (nullable): the root's last scan summary
 *
 * Returns: (transfer full): "Today at 14:02 — 12 new · 0 changed · …" or
 *   "Never scanned"
 */
char *
mml_format_last_scan (gint64      last_scan_at,
                      const char *last_scan_json)
{
  g_autoptr(MmlLastScan) scan = NULL;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;

  if (last_scan_at <= 0)
    return g_strdup (_("Never scanned"));

  when = mml_format_timestamp (last_scan_at);
  if (last_scan_json == NULL || !(scan = mml_last_scan_parse (last_scan_json, NULL)))
    return g_steal_pointer (&when);

  counts = mml_format_scan_counts (scan);

  /* Translators: when, then the counts of the scan */
  return g_strdup_printf (_("%s — %s"), when, counts);
}

/**
 * mml_format_path:
 * @path: (nullable): a path as the file system gave it (any bytes)
 *
 * Returns: (transfer full): @path for display, valid UTF-8, isolated as
 *   left-to-right text so it reads right inside a right-to-left UI
 *   (Hebrew): "/tmp/TV" rather than "tmp/TV/".
 */
char *
mml_format_path (const char *path)
{
  g_autofree char *display = NULL;

  if (path == NULL)
    return g_strdup ("");

  display = g_filename_display_name (path);
  /* U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE */
  return g_strconcat ("\u2066", display, "\u2069", NULL);
}

/**
 * mml_format_short_path:
 *
 * Returns: @path for people where rows have little room: "~/TV" for a
 *   path in the home folder, isolated left-to-right as mml_format_path()
 */
char *
mml_format_short_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  g_return_val_if_fail (path != NULL, NULL);

  if (n > 1 && strncmp (path, home, n) == 0 && path[n] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + n);

      return g_strconcat ("\u2066~", rest, "\u2069", NULL);
    }

  return mml_format_path (path);
}

/**
 * mml_format_series_location:
 *
 * Returns: where the library keeps @series, its folder as
 *   mml_format_short_path() says it: "In your library: ~/TV/Dark"
 */
char *
mml_format_series_location (MmlSeriesItem *series)
{
  const char *folder = mml_series_item_get_folder (series);
  g_autofree char *path = g_build_filename (mml_series_item_get_root_path (series), folder ? folder : "", NULL);

  return mml_format_short_path (path);
}

/**
 * mml_format_job_doing:
 * @name: a background job's name ("scan", "sync"…)
 *
 * Returns: what the job does, for people: "Scanning the library"
 */
char *
mml_format_job_doing (const char *name)
{
  if (g_strcmp0 (name, "scan") == 0)
    return g_strdup (_("Scanning the library"));
  if (g_strcmp0 (name, "refresh") == 0)
    return g_strdup (_("Refreshing metadata"));
  if (g_strcmp0 (name, "subtitles") == 0)
    return g_strdup (_("Fetching subtitles"));
  if (g_strcmp0 (name, "sync") == 0)
    return g_strdup (_("Syncing with media servers"));
  if (g_strcmp0 (name, "cache") == 0)
    return g_strdup (_("Cleaning the poster cache"));
  return g_strdup (name);
}

/**
 * mml_format_background_status:
 * @last_run_at: when a background job last ended, unix seconds; 0: none yet
 * @n_new_episodes: new episodes found meanwhile
 *
 * What the desktop shows of the application running in the background:
 * a time, not "5 minutes ago", since the text stays as it is until the
 * next job ends.
 *
 * Returns: (transfer full): "Last run: Today at 14:02 · 3 new episodes"
 */
char *
mml_format_background_status (gint64 last_run_at,
                              guint  n_new_episodes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (last_run_at > 0)
    {
      g_autofree char *when = mml_format_timestamp (last_run_at);

      /* Translators: when the background jobs last ran, such as "Today at 14:02" */
      g_string_append_printf (text, _("Last run: %s"), when);
    }
  else
    g_string_append (text, _("No background work has run yet"));
  if (n_new_episodes > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new episode", "%u new episodes", n_new_episodes),
                              n_new_episodes);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
