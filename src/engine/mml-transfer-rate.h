/* mml-transfer-rate.h — how fast a transfer goes and when it ends: the
 * bytes a second over a sliding window, and the seconds left at that rate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one definition of a transfer's speed and ETA: the transfer
 * controller computes them, the app and `mml transfer run` show them.
 * Time comes from an MmlClock (its monotonic time), so a test can move it.
 * Not thread-safe: one owner.
 */
#pragma once

#include "mml-clock.h"

G_BEGIN_DECLS

typedef struct _MmlTransferRate MmlTransferRate;

/* @window_usec: how far back the speed looks (the transfer's is 5 s) */
MmlTransferRate *mml_transfer_rate_new       (MmlClock        *clock,
                                              gint64           window_usec);
void             mml_transfer_rate_free      (MmlTransferRate *self);
/* Forgets what was seen: after a pause, the speed starts again */
void             mml_transfer_rate_reset     (MmlTransferRate *self);
/* @bytes: what was copied in all so far (never going back), now */
void             mml_transfer_rate_add       (MmlTransferRate *self,
                                              guint64          bytes);
/* Bytes a second over the window; 0 until it has seen a quarter of a
 * second of copying */
guint64          mml_transfer_rate_get_speed (MmlTransferRate *self);
/* Seconds until @remaining more bytes are copied at that speed, rounded
 * up; -1 while the speed is not known */
gint64           mml_transfer_rate_get_eta   (MmlTransferRate *self,
                                              guint64          remaining);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlTransferRate, mml_transfer_rate_free)

G_END_DECLS
