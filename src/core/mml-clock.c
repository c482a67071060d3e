/* mml-clock.c — what day it is: the system's local date, or a pinned one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Missing" and "upcoming" episodes are judged against today.  Library code
 * asks an MmlClock rather than the system, so that tests and `mml --today`
 * can pin the day; nothing reads it from the environment.  The store's
 * writer thread reads the clock while the UI thread may pin it, hence the
 * mutex around the pinned date.
 */
#define G_LOG_DOMAIN "mml-clock"

#include "config.h"

#include <string.h>

#include "mml-clock.h"

struct _MmlClock
{
  GObject  parent_instance;

  GMutex   mutex;
  char    *pinned;   /* "YYYY-MM-DD", or NULL to follow the system; under mutex */
  gint64   now;      /* unix seconds, or 0 to follow the system; under mutex */
  gint64   monotonic; /* µs, or 0 to follow the system; under mutex */
};

G_DEFINE_FINAL_TYPE (MmlClock, mml_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mml_clock_finalize (GObject *object)
{
  MmlClock *self = MML_CLOCK (object);

  g_free (self->pinned);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (mml_clock_parent_class)->finalize (object);
}

static void
mml_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MmlClock *self = MML_CLOCK (object);

  switch (prop_id)
    {
    case PROP_TODAY:
      g_value_take_string (value, mml_clock_get_today (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_clock_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MmlClock *self = MML_CLOCK (object);

  switch (prop_id)
    {
    case PROP_TODAY:
      mml_clock_set_today (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_clock_class_init (MmlClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mml_clock_finalize;
  object_class->get_property = mml_clock_get_property;
  object_class->set_property = mml_clock_set_property;

  /**
   * MmlClock:today:
   *
   * The local date, "YYYY-MM-DD".  Setting it pins the day (%NULL follows
   * the system again); see mml_clock_set_today().  Notified when the pinned
   * day changes, not when the system's day turns at midnight.
   */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_clock_init (MmlClock *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * mml_clock_new:
 *
 * Creates a clock that follows the system clock in the local time zone
 * until mml_clock_set_today() pins a day.
 *
 * Returns: (transfer full): a new #MmlClock
 */
MmlClock *
mml_clock_new (void)
{
  return g_object_new (MML_TYPE_CLOCK, NULL);
}

/**
 * mml_clock_parse_date:
 * @text: (nullable): the text to read
 * @year: (out) (optional): the year, 1–9999
 * @month: (out) (optional): the month, 1–12
 * @day: (out) (optional): the day of the month
 *
 * Reads a date written exactly "YYYY-MM-DD" (ten characters, no sign, no
 * spaces) that is a real day of the Gregorian calendar: "2025-02-29" is
 * refused, "2024-02-29" is not.  The outputs are left alone on failure.
 *
 * Returns: whether @text is such a date
 */
gboolean
mml_clock_parse_date (const char *text,
                      int        *year,
                      int        *month,
                      int        *day)
{
  int y = 0, m = 0, d = 0;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  for (guint i = 0; i < 4; i++)
    y = y * 10 + (text[i] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');

  if (y < 1 || m < 1 || m > 12 || d < 1 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;

  return TRUE;
}

/**
 * mml_clock_set_today:
 * @date: (nullable): the day to pin, "YYYY-MM-DD", or %NULL to follow the
 *   system clock again
 *
 * Pins today for everything that asks @self (tests, `mml --today`).  A
 * @date that mml_clock_parse_date() refuses is a programming error: the
 * clock is left as it was.  Safe to call from any thread.
 */
void
mml_clock_set_today (MmlClock   *self,
                     const char *date)
{
  gboolean changed;

  g_return_if_fail (MML_IS_CLOCK (self));
  g_return_if_fail (date == NULL || mml_clock_parse_date (date, NULL, NULL, NULL));

  g_mutex_lock (&self->mutex);
  changed = g_strcmp0 (self->pinned, date) != 0;
  if (changed)
    {
      g_free (self->pinned);
      self->pinned = g_strdup (date);
    }
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * mml_clock_is_pinned:
 *
 * Returns: whether mml_clock_set_today() pinned the day
 */
gboolean
mml_clock_is_pinned (MmlClock *self)
{
  gboolean pinned;

  g_return_val_if_fail (MML_IS_CLOCK (self), FALSE);

  g_mutex_lock (&self->mutex);
  pinned = self->pinned != NULL;
  g_mutex_unlock (&self->mutex);

  return pinned;
}

/* Today's date, pinned or from the system clock, in one reading */
static void
read_today (MmlClock *self,
            int      *year,
            int      *month,
            int      *day)
{
  g_autoptr(GDateTime) now = NULL;
  gboolean pinned;

  g_mutex_lock (&self->mutex);
  pinned = self->pinned != NULL &&
           mml_clock_parse_date (self->pinned, year, month, day);
  g_mutex_unlock (&self->mutex);

  if (pinned)
    return;

  now = g_date_time_new_now_local ();
  *year = g_date_time_get_year (now);
  *month = g_date_time_get_month (now);
  *day = g_date_time_get_day_of_month (now);
}

/* The unix time of the local midnight that starts the day after y-m-d: in
 * a time zone whose clocks skip midnight (a DST change at 00:00), the first
 * instant of that day, which is what GLib gives for a time in the gap. */
static gint64
next_midnight (int year,
               int month,
               int day)
{
  g_autoptr(GDateTime) midnight = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_add_days (&date, 1);

  midnight = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), 0, 0, 0);
  /* only past 9999-12-31, which no instant reaches */
  if (midnight == NULL)
    return G_MAXINT64;

  return g_date_time_to_unix (midnight);
}

/**
 * mml_clock_get_day:
 * @today: (out) (optional) (transfer full): the local date, "YYYY-MM-DD"
 * @tomorrow_unix: (out) (optional): the unix time of the local midnight
 *   that starts the day after @today
 *
 * Both at once, from one reading of the clock, so that they agree even
 * when the system's day turns between two calls.  Safe to call from any
 * thread.
 */
void
mml_clock_get_day (MmlClock  *self,
                   char     **today,
                   gint64    *tomorrow_unix)
{
  int year, month, day;

  g_return_if_fail (MML_IS_CLOCK (self));

  read_today (self, &year, &month, &day);

  if (today != NULL)
    *today = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  if (tomorrow_unix != NULL)
    *tomorrow_unix = next_midnight (year, month, day);
}

/**
 * mml_clock_get_today:
 *
 * Safe to call from any thread.
 *
 * Returns: (transfer full): the local date, "YYYY-MM-DD": the pinned day,
 *   or the system's in the local time zone
 */
char *
mml_clock_get_today (MmlClock *self)
{
  char *today = NULL;

  g_return_val_if_fail (MML_IS_CLOCK (self), NULL);

  mml_clock_get_day (self, &today, NULL);

  return today;
}

/**
 * mml_clock_get_tomorrow_unix:
 *
 * The end of today: an instant before it is on or before today in the
 * local time zone.  Usually 24 hours after today's midnight, 23 or 25 on
 * the day of a DST change.  Safe to call from any thread.
 *
 * Returns: the unix time of the local midnight that starts the day after
 *   today
 */
gint64
mml_clock_get_tomorrow_unix (MmlClock *self)
{
  gint64 tomorrow = 0;

  g_return_val_if_fail (MML_IS_CLOCK (self), 0);

  mml_clock_get_day (self, NULL, &tomorrow);

  return tomorrow;
}

gint64
mml_clock_get_now (MmlClock *self)
{
  gint64 now;

  g_return_val_if_fail (MML_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  now = self->now;
  g_mutex_unlock (&self->mutex);
  return now > 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
}

void
mml_clock_set_now (MmlClock *self,
                   gint64    unix_seconds)
{
  g_return_if_fail (MML_IS_CLOCK (self));

  g_mutex_lock (&self->mutex);
  self->now = MAX (unix_seconds, 0);
  g_mutex_unlock (&self->mutex);
}

gint64
mml_clock_get_monotonic (MmlClock *self)
{
  gint64 pinned;

  g_return_val_if_fail (MML_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  pinned = self->monotonic;
  g_mutex_unlock (&self->mutex);
  return pinned > 0 ? pinned : g_get_monotonic_time ();
}

void
mml_clock_set_monotonic (MmlClock *self,
                         gint64    usec)
{
  g_return_if_fail (MML_IS_CLOCK (self));

  g_mutex_lock (&self->mutex);
  self->monotonic = MAX (usec, 0);
  g_mutex_unlock (&self->mutex);
}

/**
 * mml_clock_get_day_now:
 *
 * "Now" as seen from the day the clock says it is: `mml --today` judges
 * (and stamps) viewing as if it were that day. Safe to call from any
 * thread.
 *
 * Returns: unix seconds
 */
gint64
mml_clock_get_day_now (MmlClock *self)
{
  gint64 now, pinned_now, tomorrow;
  gboolean pinned;

  g_return_val_if_fail (MML_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  pinned_now = self->now;
  pinned = self->pinned != NULL;
  g_mutex_unlock (&self->mutex);

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (pinned_now > 0)
    return pinned_now;
  if (!pinned)
    return now;

  tomorrow = mml_clock_get_tomorrow_unix (self);
  /* the pinned day starts about a day before its end (23 or 25 hours on
   * a DST change: an hour either way does not matter here) */
  if (now < tomorrow && now >= tomorrow - 24 * 3600)
    return now;
  return tomorrow - 1;
}
