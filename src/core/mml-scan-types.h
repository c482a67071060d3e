/* mml-scan-types.h — what a scan reports: its mode, its counts and the
 * changes it applied; shared by the scanner, the store's write side, the
 * engine and the front ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MML_SCAN_QUICK,   /* stat diff: only new, changed and moved files are parsed */
  MML_SCAN_FULL,    /* also re-parse and re-group every file */
} MmlScanMode;

typedef enum
{
  MML_SCAN_EVENT_CREATED,
  MML_SCAN_EVENT_CHANGED,
  MML_SCAN_EVENT_RENAMED,
  MML_SCAN_EVENT_DELETED,
  MML_SCAN_EVENT_UNAVAILABLE,
} MmlScanEventKind;

/* One change the scan applied to the store. */
typedef struct
{
  MmlScanEventKind  kind;
  gint64            root_id;
  char             *path;       /* relative to the root */
  char             *old_path;   /* renames only */
} MmlScanEvent;

/* Counts of one scan, over every root it covered. */
typedef struct
{
  guint  files;        /* media files seen on disk (videos + subtitles) */
  guint  videos;
  guint  subtitles;
  guint  added;
  guint  changed;
  guint  renamed;
  guint  missing;
  guint  unavailable;
  guint  unchanged;
  guint  unrecognised; /* videos the parser could not place */
  guint  ignored;      /* junk: samples, partial downloads, images, nfo… */
  guint  series;       /* series folders in the scanned roots */
  guint  errors;
  GPtrArray *error_messages;   /* (element-type utf8): one line each, display-safe */
  GPtrArray *events;           /* (element-type MmlScanEvent) */
  double seconds;
} MmlScanSummary;

MmlScanSummary *mml_scan_summary_new          (void);
MmlScanEvent   *mml_scan_event_new            (MmlScanEventKind      kind,
                                               gint64                root_id,
                                               const char           *path,
                                               const char           *old_path);
void            mml_scan_event_free           (MmlScanEvent         *event);
void            mml_scan_summary_free         (MmlScanSummary      *summary);
void            mml_scan_summary_to_json      (const MmlScanSummary *summary,
                                               GString             *out);
const char     *mml_scan_event_kind_to_string (MmlScanEventKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmlScanSummary, mml_scan_summary_free)

G_END_DECLS
