/* mml-media-probe.h — the subtitle tracks inside a video file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-probe-store.h"

G_BEGIN_DECLS

/* Reads the container's headers of @path (MKV, MP4, AVI, TS …) and lists
 * its subtitle tracks, in stream order. Thread-safe and quiet: any thread
 * may call it, at the same time as others, and nothing is logged.
 * Fails (G_IO_ERROR_NOT_SUPPORTED) for a file that is no container it
 * reads, and with the system's error for one it cannot open.
 * @out_tracks: (out) (transfer full) (element-type MmlProbedTrack) */
gboolean mml_media_probe_file (const char  *path,
                               GPtrArray  **out_tracks,
                               GError     **error);

G_END_DECLS
