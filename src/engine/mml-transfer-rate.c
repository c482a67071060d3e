/* mml-transfer-rate.c — a transfer's speed and ETA (see
 * mml-transfer-rate.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Samples (time, bytes) are kept for the window, plus the last one before
 * it, so the speed always spans the whole window once there is one: it
 * follows a disk that slows down within seconds and does not jump with
 * each chunk.
 */
#define G_LOG_DOMAIN "mml-transfer"

#include "config.h"

#include "mml-transfer-rate.h"

#define MIN_SPAN (G_USEC_PER_SEC / 4)

typedef struct
{
  gint64  time;    /* µs, monotonic */
  guint64 bytes;
} Sample;

struct _MmlTransferRate
{
  MmlClock *clock;
  gint64    window;
  GArray   *samples;   /* Sample, oldest first */
};

MmlTransferRate *
mml_transfer_rate_new (MmlClock *clock,
                       gint64    window_usec)
{
  MmlTransferRate *self;

  g_return_val_if_fail (MML_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (window_usec > 0, NULL);

  self = g_new0 (MmlTransferRate, 1);
  self->clock = g_object_ref (clock);
  self->window = window_usec;
  self->samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  return self;
}

void
mml_transfer_rate_free (MmlTransferRate *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->clock);
  g_array_unref (self->samples);
  g_free (self);
}

void
mml_transfer_rate_reset (MmlTransferRate *self)
{
  g_array_set_size (self->samples, 0);
}

void
mml_transfer_rate_add (MmlTransferRate *self,
                       guint64          bytes)
{
  Sample sample = { mml_clock_get_monotonic (self->clock), bytes };
  guint drop = 0;

  g_array_append_val (self->samples, sample);
  /* keep one sample at or before the window's start, none older */
  while (drop + 1 < self->samples->len &&
         g_array_index (self->samples, Sample, drop + 1).time <= sample.time - self->window)
    drop++;
  if (drop > 0)
    g_array_remove_range (self->samples, 0, drop);
}

guint64
mml_transfer_rate_get_speed (MmlTransferRate *self)
{
  const Sample *first, *last;
  gint64 span;

  if (self->samples->len < 2)
    return 0;
  first = &g_array_index (self->samples, Sample, 0);
  last = &g_array_index (self->samples, Sample, self->samples->len - 1);
  span = last->time - first->time;
  if (span < MIN_SPAN || last->bytes < first->bytes)
    return 0;
  return (guint64) ((double) (last->bytes - first->bytes) * G_USEC_PER_SEC / (double) span);
}

gint64
mml_transfer_rate_get_eta (MmlTransferRate *self,
                           guint64          remaining)
{
  guint64 speed = mml_transfer_rate_get_speed (self);

  if (remaining == 0)
    return 0;
  if (speed == 0)
    return -1;
  return (gint64) ((remaining + speed - 1) / speed);
}
