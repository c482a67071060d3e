/* test-clock.c — MmlClock: pinning and following the system again, strict
 * dates, the next local midnight (23 and 25 hours away on the days of a
 * DST change), readers on other threads while the day is pinned; and the
 * store: one definition of missing and upcoming, the same on the series
 * list, the series page and the metadata views at the turn of the day.
 *
 * The whole program runs in Europe/Berlin (set before anything reads the
 * time zone), so that the days of a DST change are known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "mml-clock.h"
#include "mml-library.h"
#include "mml-meta-store.h"
#include "mml-util.h"
#include "mml-test-util.h"

#define ZONE "Europe/Berlin"

/* Whether the process runs in ZONE (it does not where tzdata is missing:
 * GLib falls back to UTC) */
static gboolean
in_zone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  if (g_strcmp0 (g_time_zone_get_identifier (local), ZONE) == 0)
    return TRUE;
  g_test_skip ("No time zone data for " ZONE);
  return FALSE;
}

static char *
format_local_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return g_date_time_format (dt, "%Y-%m-%d");
}

/* --- parsing -------------------------------------------------------------- */

static const char * const malformed[] = {
  "2025-02-29",     /* not a leap year */
  "2025-04-31",
  "2025-13-01",
  "2025-00-10",
  "2025-01-00",
  "2025-01-32",
  "0000-01-01",     /* GDate has no year 0 */
  "2025-1-01",
  "2025-01-1",
  "25-01-01",
  "20250101",
  "2025/01/01",
  " 2025-01-01",
  "2025-01-01 ",
  "2025-01-01T00:00",
  "+025-01-01",
  "-025-01-01",
  "2025-0a-01",
  "2025--1-01",
  "yyyy-mm-dd",
  "",
};

static void
test_clock_parse (void)
{
  int year = -1, month = -1, day = -1;

  g_assert_true (mml_clock_parse_date ("2024-02-29", &year, &month, &day));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpint (month, ==, 2);
  g_assert_cmpint (day, ==, 29);
  g_assert_true (mml_clock_parse_date ("0001-01-01", &year, &month, &day));
  g_assert_cmpint (year, ==, 1);
  g_assert_true (mml_clock_parse_date ("9999-12-31", NULL, NULL, NULL));
  g_assert_true (mml_clock_parse_date ("2000-02-29", NULL, NULL, NULL));

  year = month = day = -1;
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_test_message ("refusing “%s”", malformed[i]);
      g_assert_false (mml_clock_parse_date (malformed[i], &year, &month, &day));
    }
  g_assert_false (mml_clock_parse_date ("1900-02-29", NULL, NULL, NULL));
  g_assert_false (mml_clock_parse_date (NULL, &year, &month, &day));
  /* left alone on failure */
  g_assert_cmpint (year, ==, -1);
  g_assert_cmpint (month, ==, -1);
  g_assert_cmpint (day, ==, -1);
}

/* --- pinning -------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The system's local date, or %NULL when the day turned while reading */
static char *
system_today (MmlClock *clock)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autofree char *today = mml_clock_get_today (clock);
  g_autoptr(GDateTime) after = g_date_time_new_now_local ();
  g_autofree char *expected = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *expected_after = g_date_time_format (after, "%Y-%m-%d");

  if (g_strcmp0 (expected, expected_after) != 0)
    return NULL;
  g_assert_cmpstr (today, ==, expected);
  return g_steal_pointer (&today);
}

static void
test_clock_pin (void)
{
  g_autoptr(MmlClock) clock = mml_clock_new ();
  g_autofree char *system = NULL;
  g_autofree char *today = NULL;
  g_autofree char *property = NULL;
  guint notified = 0;

  g_signal_connect (clock, "notify::today", G_CALLBACK (count_notify), &notified);

  /* follows the system clock */
  g_assert_false (mml_clock_is_pinned (clock));
  system = system_today (clock);

  /* pinned */
  mml_clock_set_today (clock, "2025-06-01");
  g_assert_true (mml_clock_is_pinned (clock));
  today = mml_clock_get_today (clock);
  g_assert_cmpstr (today, ==, "2025-06-01");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (clock, "today", &property, NULL);
  g_assert_cmpstr (property, ==, "2025-06-01");

  /* the same day again: nothing changes */
  mml_clock_set_today (clock, "2025-06-01");
  g_assert_cmpuint (notified, ==, 1);

  /* through the property */
  g_object_set (clock, "today", "2024-02-29", NULL);
  g_clear_pointer (&today, g_free);
  today = mml_clock_get_today (clock);
  g_assert_cmpstr (today, ==, "2024-02-29");
  g_assert_cmpuint (notified, ==, 2);

  /* unpinned: the system's day again */
  mml_clock_set_today (clock, NULL);
  g_assert_false (mml_clock_is_pinned (clock));
  g_assert_cmpuint (notified, ==, 3);
  g_clear_pointer (&system, g_free);
  system = system_today (clock);
  mml_clock_set_today (clock, NULL);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_clock_malformed (void)
{
  g_autoptr(MmlClock) clock = mml_clock_new ();
  guint notified = 0;

  mml_clock_set_today (clock, "2025-06-01");
  g_signal_connect (clock, "notify::today", G_CALLBACK (count_notify), &notified);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *today = NULL;

      g_test_expect_message ("mml-clock", G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
      mml_clock_set_today (clock, malformed[i]);
      g_test_assert_expected_messages ();

      /* refused: still the day pinned before */
      today = mml_clock_get_today (clock);
      g_assert_cmpstr (today, ==, "2025-06-01");
    }
  g_assert_true (mml_clock_is_pinned (clock));
  g_assert_cmpuint (notified, ==, 0);
}

/* --- the next local midnight ------------------------------------------------ */

static gint64
tomorrow_of (MmlClock   *clock,
             const char *date)
{
  mml_clock_set_today (clock, date);
  return mml_clock_get_tomorrow_unix (clock);
}

static void
test_clock_tomorrow (void)
{
  g_autoptr(MmlClock) clock = mml_clock_new ();
  g_autofree char *today = NULL;
  gint64 tomorrow = 0;

  if (!in_zone ())
    return;

  /* summer time (+02:00): 2025-06-02 00:00 is 2025-06-01 22:00 UTC */
  g_assert_cmpint (tomorrow_of (clock, "2025-06-01"), ==, 1748815200);
  g_assert_cmpint (tomorrow_of (clock, "2025-06-01") - tomorrow_of (clock, "2025-05-31"), ==, 24 * 3600);
  /* the year turns */
  g_assert_cmpint (tomorrow_of (clock, "2025-12-31"), ==, 1767222000);

  /* 2026-03-29: 02:00 → 03:00, a day of 23 hours */
  g_assert_cmpint (tomorrow_of (clock, "2026-03-28"), ==, 1774738800);
  g_assert_cmpint (tomorrow_of (clock, "2026-03-29"), ==, 1774821600);
  g_assert_cmpint (tomorrow_of (clock, "2026-03-29") - tomorrow_of (clock, "2026-03-28"), ==, 23 * 3600);
  /* 2026-10-25: 03:00 → 02:00, a day of 25 hours */
  g_assert_cmpint (tomorrow_of (clock, "2026-10-25") - tomorrow_of (clock, "2026-10-24"), ==, 25 * 3600);
  g_assert_cmpint (tomorrow_of (clock, "2026-10-25"), ==, 1792969200);

  /* the midnight is the first second of the next day, and the second
   * before it is still today */
  {
    g_autofree char *last = NULL;
    g_autofree char *first = NULL;

    tomorrow = tomorrow_of (clock, "2026-03-29");
    last = format_local_date (tomorrow - 1);
    first = format_local_date (tomorrow);
    g_assert_cmpstr (last, ==, "2026-03-29");
    g_assert_cmpstr (first, ==, "2026-03-30");
  }

  /* both at once agree with each one */
  mml_clock_set_today (clock, "2026-10-25");
  mml_clock_get_day (clock, &today, &tomorrow);
  g_assert_cmpstr (today, ==, "2026-10-25");
  g_assert_cmpint (tomorrow, ==, 1792969200);

  /* no day after the last one GDateTime knows: everything has aired */
  g_assert_cmpint (tomorrow_of (clock, "9999-12-31"), ==, G_MAXINT64);

  /* following the system: later today, at most 25 hours away */
  mml_clock_set_today (clock, NULL);
  {
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    tomorrow = mml_clock_get_tomorrow_unix (clock);
    g_assert_cmpint (tomorrow, >, now);
    g_assert_cmpint (tomorrow - now, <=, 25 * 3600);
  }
}

/* --- threads ------------------------------------------------------------- */

#define DAY_A "2025-06-01"
#define DAY_B "2026-03-29"

typedef struct
{
  MmlClock *clock;
  gint64    tomorrow_a;
  gint64    tomorrow_b;
  gint      stop;
  gint      reads;
} Readers;

static gpointer
reader_thread (gpointer data)
{
  Readers *r = data;

  while (!g_atomic_int_get (&r->stop))
    {
      g_autofree char *today = mml_clock_get_today (r->clock);
      g_autofree char *day = NULL;
      gint64 tomorrow = mml_clock_get_tomorrow_unix (r->clock);
      gint64 day_tomorrow = 0;

      g_assert_true (g_strcmp0 (today, DAY_A) == 0 || g_strcmp0 (today, DAY_B) == 0);
      g_assert_true (tomorrow == r->tomorrow_a || tomorrow == r->tomorrow_b);

      /* one reading: the day and its end belong together */
      mml_clock_get_day (r->clock, &day, &day_tomorrow);
      if (g_strcmp0 (day, DAY_A) == 0)
        g_assert_cmpint (day_tomorrow, ==, r->tomorrow_a);
      else
        {
          g_assert_cmpstr (day, ==, DAY_B);
          g_assert_cmpint (day_tomorrow, ==, r->tomorrow_b);
        }
      g_assert_true (mml_clock_is_pinned (r->clock));
      g_atomic_int_inc (&r->reads);
    }

  return NULL;
}

static void
test_clock_threads (void)
{
  g_autoptr(MmlClock) clock = mml_clock_new ();
  Readers r = { clock, 0, 0, 0, 0 };
  GThread *threads[4];

  r.tomorrow_a = tomorrow_of (clock, DAY_A);
  r.tomorrow_b = tomorrow_of (clock, DAY_B);
  g_assert_cmpint (r.tomorrow_a, !=, r.tomorrow_b);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("clock-reader", reader_thread, &r);

  for (guint i = 0; i < 20000; i++)
    mml_clock_set_today (clock, i % 2 ? DAY_A : DAY_B);
  /* and until every reader has read a few times */
  while (g_atomic_int_get (&r.reads) < 1000)
    {
      mml_clock_set_today (clock, DAY_A);
      mml_clock_set_today (clock, DAY_B);
    }

  g_atomic_int_set (&r.stop, 1);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* --- the store: missing and upcoming, defined once ------------------------- */

/*
 * Three series: "Show" (matched, videos present, gone and unplugged, so the
 * series list reads the files), "Other" (matched, every video present: the
 * list's shortcut) and "Loose" (not matched: nothing is missing).  The
 * episodes sit on both sides of the two midnights of a reference day D:
 * air dates D-1, D, D+1 and instants one second around the midnight that
 * starts D and the one that ends it.  Each view is checked for the days
 * D-1, D and D+1 against the definition by local date, worked out here.
 */

typedef enum { AT_NONE, AT_DATE, AT_START, AT_END } When;

typedef struct
{
  gint64      id;
  gint64      series_id;
  When        when;
  int         offset;        /* days (AT_DATE) or seconds from a midnight */
  int         date_offset;   /* the air date, in days from D, for an instant as well */
  gboolean    special;
  gboolean    provider;
  const char *file;          /* a linked video's status, or NULL */
} BoundaryEp;

static const BoundaryEp boundary_eps[] = {
  /* Show */
  {  1, 1, AT_DATE,   0,  0, FALSE, TRUE,  NULL },
  {  2, 1, AT_DATE,   1,  1, FALSE, TRUE,  NULL },
  {  3, 1, AT_DATE,  -1, -1, FALSE, TRUE,  NULL },
  {  4, 1, AT_END,   -1,  1, FALSE, TRUE,  NULL },   /* the network's date disagrees */
  {  5, 1, AT_END,    0,  0, FALSE, TRUE,  NULL },
  {  6, 1, AT_END,    1,  0, FALSE, TRUE,  NULL },
  {  7, 1, AT_START, -1,  0, FALSE, TRUE,  NULL },
  {  8, 1, AT_START,  0,  0, FALSE, TRUE,  NULL },
  {  9, 1, AT_END,   -1,  0, TRUE,  TRUE,  NULL },   /* a special */
  { 10, 1, AT_END,   -1,  0, FALSE, TRUE,  "present" },
  { 11, 1, AT_END,   -1,  0, FALSE, TRUE,  "missing" },
  { 12, 1, AT_END,   -1,  0, FALSE, TRUE,  "unavailable" },
  { 13, 1, AT_DATE,   0,  0, FALSE, FALSE, NULL },   /* the scanner's, not the provider's */
  { 14, 1, AT_NONE,   0,  0, FALSE, TRUE,  NULL },   /* no date at all */
  { 15, 1, AT_END,    0,  0, TRUE,  TRUE,  NULL },
  /* Other */
  { 21, 2, AT_END,   -1,  0, FALSE, TRUE,  "present" },
  { 22, 2, AT_END,   -1,  0, FALSE, TRUE,  NULL },
  { 23, 2, AT_END,    0,  1, FALSE, TRUE,  NULL },
  { 24, 2, AT_DATE,   1,  1, FALSE, TRUE,  NULL },
  /* Loose */
  { 31, 3, AT_END,   -1,  0, FALSE, TRUE,  NULL },
  { 32, 3, AT_DATE,   1,  1, FALSE, TRUE,  NULL },
};

#define N_SERIES 3

typedef struct
{
  char     *dir;
  MmlStore *store;
  char     *day[3];        /* D-1, D, D+1 */
  gint64    start;         /* the midnight that starts D */
  gint64    end;           /* the one that ends it */
} StoreFixture;

/* YYYY-MM-DD + days */
static char *
add_days (const char *date,
          int         days)
{
  int y, m, d;
  GDate g;

  g_assert_true (mml_clock_parse_date (date, &y, &m, &d));
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  if (days > 0)
    g_date_add_days (&g, days);
  else
    g_date_subtract_days (&g, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g),
                          g_date_get_day (&g));
}

static gint64
airstamp (StoreFixture     *fx,
          const BoundaryEp *ep)
{
  return (ep->when == AT_START ? fx->start : fx->end) + ep->offset;
}

static void
store_set_up (StoreFixture  *fx,
              gconstpointer  data)
{
  const char *day = data;
  g_autofree char *db = NULL;
  g_autoptr(MmlClock) clock = mml_clock_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  fx->day[0] = add_days (day, -1);
  fx->day[1] = g_strdup (day);
  fx->day[2] = add_days (day, 1);
  fx->start = tomorrow_of (clock, fx->day[0]);
  fx->end = tomorrow_of (clock, fx->day[1]);

  fx->dir = mml_test_make_tmpdir ("mml-test-clock-XXXXXX");
  db = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = mml_store_new (db);
  g_assert_true (mml_store_open (fx->store, &error));
  g_assert_no_error (error);

  g_string_append (sql,
                   "INSERT INTO roots (id, path, added_at) VALUES (1, '/nowhere/TV', 0);"
                   "INSERT INTO series (id, root_id, folder, title, match_state, added_at) VALUES "
                   "  (1, 1, 'Show', 'Show', 'auto', 0),"
                   "  (2, 1, 'Other', 'Other', 'manual', 0),"
                   "  (3, 1, 'Loose', 'Loose', 'none', 0);");
  for (guint i = 0; i < G_N_ELEMENTS (boundary_eps); i++)
    {
      const BoundaryEp *ep = &boundary_eps[i];
      g_autofree char *air_date = NULL;
      g_autofree char *stamp = NULL;

      if (ep->when != AT_NONE)
        air_date = g_strdup_printf ("'%s'", fx->day[1]);
      if (ep->when != AT_NONE && ep->date_offset != 0)
        {
          g_autofree char *date = add_days (fx->day[1], ep->date_offset);

          g_free (air_date);
          air_date = g_strdup_printf ("'%s'", date);
        }
      if (ep->when == AT_START || ep->when == AT_END)
        stamp = g_strdup_printf ("%" G_GINT64_FORMAT, airstamp (fx, ep));

      g_string_append_printf (sql,
                              "INSERT INTO episodes (id, series_id, season, number, air_date, airstamp, "
                              "  provider_id, special) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                              ", %d, %" G_GINT64_FORMAT ", %s, %s, %s, %d);",
                              ep->id, ep->series_id, ep->special ? 0 : 1, ep->id,
                              air_date != NULL ? air_date : "NULL", stamp != NULL ? stamp : "NULL",
                              ep->provider ? "'tvmaze:1'" : "NULL", ep->special);
      if (ep->file != NULL)
        g_string_append_printf (sql,
                                "INSERT INTO files (id, root_id, path, kind, size, mtime, device, inode, "
                                "  status, series_id, first_seen, last_seen) "
                                "VALUES (%" G_GINT64_FORMAT ", 1, 'e%" G_GINT64_FORMAT ".mkv', 'video', "
                                "  1, 0, 0, %" G_GINT64_FORMAT ", '%s', %" G_GINT64_FORMAT ", 0, 0);"
                                "INSERT INTO episode_files (episode_id, file_id) VALUES (%" G_GINT64_FORMAT
                                ", %" G_GINT64_FORMAT ");",
                                100 + ep->id, ep->id, ep->id, ep->file, ep->series_id, ep->id, 100 + ep->id);
    }
  mml_test_store_exec (fx->store, sql->str);
}

static void
store_tear_down (StoreFixture  *fx,
                 gconstpointer  data)
{
  mml_store_close (fx->store);
  g_clear_object (&fx->store);
  mml_test_remove_tree (fx->dir);
  g_free (fx->dir);
  for (guint i = 0; i < G_N_ELEMENTS (fx->day); i++)
    g_free (fx->day[i]);
}

/* The definition, by local date: what the views must all say */
typedef struct
{
  char     *local_date;   /* (nullable) */
  gboolean  upcoming;
  gboolean  missing;      /* specials not counted */
  gboolean  missing_any;  /* specials counted */
} Expected;

static Expected
expect (StoreFixture     *fx,
        const BoundaryEp *ep,
        const char       *today)
{
  Expected e = { NULL, FALSE, FALSE, FALSE };
  gboolean aired, has_file, matched = ep->series_id != 3;

  switch (ep->when)
    {
    case AT_NONE:
      break;
    case AT_DATE:
      e.local_date = add_days (fx->day[1], ep->date_offset);
      break;
    case AT_START:
    case AT_END:
    default:
      e.local_date = format_local_date (airstamp (fx, ep));
      break;
    }
  if (e.local_date == NULL)
    return e;

  aired = strcmp (e.local_date, today) <= 0;
  has_file = ep->file != NULL && g_strcmp0 (ep->file, "missing") != 0;
  e.upcoming = !aired;
  e.missing_any = matched && ep->provider && aired && !has_file;
  e.missing = e.missing_any && !ep->special;
  return e;
}

typedef struct
{
  guint  missing, upcoming;
  char  *next_air;      /* the first upcoming local date */
} SeriesExpected;

static void
expect_series (StoreFixture   *fx,
               const char     *today,
               SeriesExpected  out[N_SERIES + 1])
{
  for (guint i = 0; i < G_N_ELEMENTS (boundary_eps); i++)
    {
      const BoundaryEp *ep = &boundary_eps[i];
      SeriesExpected *s = &out[ep->series_id];
      Expected e = expect (fx, ep, today);

      s->missing += e.missing;
      s->upcoming += e.upcoming;
      if (e.upcoming && (s->next_air == NULL || strcmp (e.local_date, s->next_air) < 0))
        {
          g_free (s->next_air);
          s->next_air = g_strdup (e.local_date);
        }
      g_free (e.local_date);
    }
}

static const BoundaryEp *
find_ep (gint64 id)
{
  for (guint i = 0; i < G_N_ELEMENTS (boundary_eps); i++)
    if (boundary_eps[i].id == id)
      return &boundary_eps[i];
  g_assert_not_reached ();
}

static GPtrArray *
list_episodes (StoreFixture      *fx,
               MmlEpisodesFilter  filter,
               gboolean           specials)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  mml_meta_store_list_episodes_async (fx->store, filter, 0, 0, specials, NULL, mml_sync_wait_cb, wait);
  rows = mml_meta_store_list_episodes_finish (fx->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return rows;
}

/* The ids of @rows are exactly the episodes @pick says yes to */
static void
assert_episode_set (StoreFixture *fx,
                    const char   *today,
                    GPtrArray    *rows,
                    int           pick)   /* 0 missing, 1 missing with specials, 2 upcoming */
{
  guint expected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (boundary_eps); i++)
    {
      Expected e = expect (fx, &boundary_eps[i], today);

      expected += pick == 0 ? e.missing : pick == 1 ? e.missing_any : e.upcoming;
      g_free (e.local_date);
    }
  g_assert_cmpuint (rows->len, ==, expected);
  for (guint i = 0; i < rows->len; i++)
    {
      MmlEpisodeRow *row = g_ptr_array_index (rows, i);
      Expected e = expect (fx, find_ep (row->id), today);

      g_test_message ("episode %" G_GINT64_FORMAT, row->id);
      g_assert_true (pick == 0 ? e.missing : pick == 1 ? e.missing_any : e.upcoming);
      g_assert_cmpstr (row->air_date, ==, e.local_date);
      g_free (e.local_date);
    }
}

static void
check_day (StoreFixture *fx,
           const char   *today)
{
  SeriesExpected series[N_SERIES + 1] = { { 0 } };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) missing_any = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("today: %s", today);
  expect_series (fx, today, series);
  /* the test sees both sides of each boundary on the reference day */
  if (g_strcmp0 (today, fx->day[1]) == 0)
    {
      g_assert_cmpuint (series[1].missing, ==, 6);    /* 1, 3, 4, 7, 8, 11 */
      g_assert_cmpuint (series[1].upcoming, ==, 4);   /* 2, 5, 6, 15 */
      g_assert_cmpuint (series[2].missing, ==, 1);
      g_assert_cmpuint (series[3].missing, ==, 0);
    }

  /* the series list */
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_list_series_async (fx->store, NULL, mml_sync_wait_cb, wait);
    items = mml_store_list_series_finish (fx->store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (items->len, ==, N_SERIES);
  for (guint i = 0; i < items->len; i++)
    {
      MmlSeriesItem *item = g_ptr_array_index (items, i);
      gint64 id = mml_series_item_get_id (item);
      g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
      g_autoptr(MmlSeriesDetail) detail = NULL;

      g_test_message ("series %" G_GINT64_FORMAT, id);
      g_assert_cmpuint (mml_series_item_get_n_missing (item), ==, series[id].missing);
      g_assert_cmpuint (mml_series_item_get_n_upcoming (item), ==, series[id].upcoming);
      g_assert_cmpstr (mml_series_item_get_next_air_date (item), ==, series[id].next_air);

      /* the series page: each episode, and the counts the list shows */
      mml_store_get_series_detail_async (fx->store, id, NULL, mml_sync_wait_cb, wait);
      detail = mml_store_get_series_detail_finish (fx->store, mml_sync_wait_run (wait), &error);
      g_assert_no_error (error);
      g_assert_true (mml_series_item_equal (detail->series, item));
      for (guint j = 0; j < detail->seasons->len; j++)
        {
          MmlSeasonInfo *season = g_ptr_array_index (detail->seasons, j);

          for (guint k = 0; k < season->episodes->len; k++)
            {
              MmlEpisodeInfo *info = g_ptr_array_index (season->episodes, k);
              Expected e = expect (fx, find_ep (info->id), today);

              g_test_message ("episode %" G_GINT64_FORMAT, info->id);
              g_assert_cmpint (info->missing, ==, e.missing);
              g_assert_cmpint (info->upcoming, ==, e.upcoming);
              /* aired: dated and not upcoming; no date is neither */
              g_assert_cmpint (info->aired, ==, e.local_date != NULL && !e.upcoming);
              g_assert_cmpstr (info->air_date, ==, e.local_date);
              g_free (e.local_date);
            }
        }
    }

  /* the metadata views' series rows */
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_meta_store_list_series_async (fx->store, 0, NULL, mml_sync_wait_cb, wait);
    rows = mml_meta_store_list_series_finish (fx->store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (rows->len, ==, N_SERIES);
  for (guint i = 0; i < rows->len; i++)
    {
      MmlSeriesItem *row = g_ptr_array_index (rows, i);
      gint64 id = mml_series_item_get_id (row);

      g_test_message ("series %" G_GINT64_FORMAT, id);
      g_assert_cmpuint (mml_series_item_get_n_missing (row), ==, series[id].missing);
      g_assert_cmpuint (mml_series_item_get_n_upcoming (row), ==, series[id].upcoming);
      g_assert_cmpstr (mml_series_item_get_next_air_date (row), ==, series[id].next_air);
      /* the same read model as the library's list, field for field */
      g_assert_true (mml_series_item_equal (row, g_ptr_array_index (items, i)));
    }

  /* the metadata views' episode lists */
  all = list_episodes (fx, MML_EPISODES_ALL, FALSE);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (boundary_eps));
  for (guint i = 0; i < all->len; i++)
    {
      MmlEpisodeRow *row = g_ptr_array_index (all, i);
      Expected e = expect (fx, find_ep (row->id), today);

      g_test_message ("episode %" G_GINT64_FORMAT, row->id);
      g_assert_cmpint (row->missing, ==, e.missing);
      g_assert_cmpint (row->upcoming, ==, e.upcoming);
      g_free (e.local_date);
    }
  missing = list_episodes (fx, MML_EPISODES_MISSING, FALSE);
  assert_episode_set (fx, today, missing, 0);
  missing_any = list_episodes (fx, MML_EPISODES_MISSING, TRUE);
  assert_episode_set (fx, today, missing_any, 1);
  upcoming = list_episodes (fx, MML_EPISODES_UPCOMING, FALSE);
  assert_episode_set (fx, today, upcoming, 2);

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    g_free (series[i].next_air);
}

static void
test_store_boundary (StoreFixture  *fx,
                     gconstpointer  data)
{
  g_autoptr(MmlClock) other = mml_clock_new ();

  if (!in_zone ())
    return;

  /* the store's own clock, pinned */
  for (guint i = 0; i < G_N_ELEMENTS (fx->day); i++)
    {
      mml_clock_set_today (mml_store_get_clock (fx->store), fx->day[i]);
      check_day (fx, fx->day[i]);
    }

  /* another clock given to the store: it, not the first one, says */
  mml_clock_set_today (other, fx->day[0]);
  mml_store_set_clock (fx->store, other);
  g_assert_true (mml_store_get_clock (fx->store) == other);
  check_day (fx, fx->day[0]);
  mml_clock_set_today (other, fx->day[1]);
  check_day (fx, fx->day[1]);

  /* back to a clock of its own */
  mml_store_set_clock (fx->store, NULL);
  g_assert_nonnull (mml_store_get_clock (fx->store));
  g_assert_true (mml_store_get_clock (fx->store) != other);
  g_assert_false (mml_clock_is_pinned (mml_store_get_clock (fx->store)));
}

int
main (int argc, char **argv)
{
  /* before anything reads the time zone or starts a thread */
  g_setenv ("TZ", ZONE, TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);
  g_main_context_push_thread_default (g_main_context_new ());

  g_test_add_func ("/clock/parse", test_clock_parse);
  g_test_add_func ("/clock/pin", test_clock_pin);
  g_test_add_func ("/clock/malformed", test_clock_malformed);
  g_test_add_func ("/clock/tomorrow", test_clock_tomorrow);
  g_test_add_func ("/clock/threads", test_clock_threads);

#define ADD(name, day) \
  g_test_add ("/clock/store/boundary/" name, StoreFixture, day, store_set_up, test_store_boundary, store_tear_down)
  ADD ("summer", "2025-06-01");
  ADD ("spring-forward", "2026-03-29");
  ADD ("fall-back", "2026-10-25");
  ADD ("new-year", "2025-12-31");
#undef ADD

  return g_test_run ();
}
