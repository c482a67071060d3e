/* mml-probe-store.h — the embedded subtitle tracks of the library's videos:
 * which videos need reading, and what was read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-store.h"

G_BEGIN_DECLS

/* One subtitle track inside a video file, as a container says it. */
typedef struct
{
  int       stream;            /* the container's stream index */
  char     *language;          /* canonical code (mml-language.h); "und" when unknown */
  gboolean  forced;
  gboolean  hearing_impaired;
  gboolean  is_default;
  char     *codec;             /* "subrip", "ass", "mov_text", "hdmv_pgs_subtitle" …; nullable */
  char     *title;             /* the track's name; nullable */
} MmlProbedTrack;

MmlProbedTrack *mml_probed_track_new  (void);
void            mml_probed_track_free (MmlProbedTrack *track);

/* A video whose embedded tracks are not known for its current state. */
typedef struct
{
  gint64    file_id;
  char     *path;              /* absolute, raw bytes */
  char     *probe_key;         /* "size:mtime:inode" of the row as the scanner left it */
  gboolean  sidecar;           /* a subtitle file: its text is read, not its tracks */
  gboolean  empty;             /* the row's size is 0: nothing to open */
  gboolean  had_tracks;        /* read before (probe_key set): old embedded rows may exist */
} MmlProbeCandidate;

void            mml_probe_candidate_free (MmlProbeCandidate *candidate);

/* What one probe found, to be written back. */
typedef struct
{
  gint64     file_id;
  char      *probe_key;        /* the candidate's */
  GPtrArray *tracks;           /* (element-type MmlProbedTrack): empty when the
                                * file has none, or could not be read */
  /* a sidecar: the encoding of its text ("UTF-8", "windows-1255" …; NULL
   * when binary or not told), and the language its text is written in
   * ("und" when not told), used where its name gives none */
  gboolean   sidecar;
  char      *encoding;
  char      *text_language;
  gboolean   first;            /* never read before: no old embedded rows to drop */
} MmlProbeResult;

MmlProbeResult *mml_probe_result_new  (gint64          file_id,
                                       const char     *probe_key,
                                       GPtrArray      *tracks);
void            mml_probe_result_free (MmlProbeResult *result);

/* The present videos and sidecar subtitles (text formats, up to 4 MiB)
 * of @root_id (0: of every enabled root), or only those of @file_ids when
 * it is not %NULL, whose probe key differs from their size:mtime:inode, by
 * root and path.
 * Returns (element-type MmlProbeCandidate). */
void       mml_store_probe_candidates_async  (MmlStore            *self,
                                              gint64               root_id,
                                              GArray              *file_ids,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *mml_store_probe_candidates_finish (MmlStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Replaces the embedded tracks of each result's video (a sidecar's result:
 * sets its encoding, and its language when the name gave none) and sets
 * its probe key, in one transaction. A file that left the library
 * meanwhile is skipped. @results: (element-type MmlProbeResult) (transfer full). */
void       mml_store_write_probes_async      (MmlStore            *self,
                                              GPtrArray           *results,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean   mml_store_write_probes_finish     (MmlStore            *self,
                                              GAsyncResult        *result,
                                              guint               *changed,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlProbedTrack, mml_probed_track_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlProbeCandidate, mml_probe_candidate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlProbeResult, mml_probe_result_free)

G_END_DECLS
