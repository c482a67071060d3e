/* mml-scan-private.h — internals shared by the scanner's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-parser.h"
#include <gio/gio.h>

#include "mml-scan-types.h"
#include "mml-types.h"
#include "mml-types.h"

G_BEGIN_DECLS

typedef enum
{
  MML_FILE_VIDEO = 1,
  MML_FILE_SUBTITLE = 2,
} MmlFileKind;

/* One media file found on disk. */
typedef struct
{
  const char *path;      /* relative to the root, in MmlScanRoot.strings */
  gint64      size;
  gint64      mtime_ns;
  guint64     device;
  guint64     inode;
  guint8      kind;      /* MmlFileKind */
  /* subtitles with a video: what their name says beside the video's stem,
   * read once by the walk that linked them (sub_named set) */
  guint8      sub_named;
  guint8      sub_forced;
  guint8      sub_hearing_impaired;
  gint32      video;     /* subtitles: index of their video in entries, or -1 */
  const char *sub_language; /* canonical code, in MmlScanRoot.strings; NULL: none */
} MmlScanEntry;

/* What one root's walk found. */
typedef struct
{
  gint64        root_id;
  char         *root_path;
  MmlRootKind   kind;
  char        **subtrees;     /* NULL: the whole root; else relative folders */
  gboolean      available;    /* FALSE: unmounted, gone or unreadable */
  char         *unavailable_reason;
  gboolean      has_disk;     /* the disk recorded for the root (mml_root_get_disk()): */
  guint64       disk_device;
  guint         disk_depth;
  gboolean      probed;       /* where the walk found the root (mml_root_probe_disk()): */
  guint64       device;
  guint         mount_depth;
  gboolean      device_changed;  /* probed on another device than recorded */
  GArray       *entries;      /* MmlScanEntry */
  struct _MmlParseResult *parsed;   /* per entry, parsed ahead on the scan thread; or NULL */
  guint8       *parsed_ok;    /* parsed[i] holds entry i's parse */
  GStringChunk *strings;
  guint         ignored;
  guint         errors;
  GPtrArray    *error_messages;
  GPtrArray    *unreadable;   /* relative folders (or files) that could not be
                               * read: what lies there is unknown, not gone;
                               * "" is the whole root */
} MmlScanRoot;

typedef void (*MmlScanWalkProgress) (MmlScanRoot *root,
                                     const char  *rel_dir,
                                     gpointer     user_data);

MmlScanRoot *_mml_scan_root_new  (gint64               root_id,
                                  const char          *root_path,
                                  MmlRootKind          kind);
void         _mml_scan_root_free (MmlScanRoot         *root);
void         _mml_scan_root_error (MmlScanRoot        *root,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (2, 3);
void         _mml_scan_root_not_its_disk (MmlScanRoot *root);
void         _mml_scan_root_unreadable (MmlScanRoot   *root,
                                        const char    *rel_dir,
                                        const char    *name);
gboolean     _mml_scan_path_is_under  (const char    *path,
                                       const char    *prefix);
typedef void (*MmlScanChunkFunc) (MmlScanRoot *chunk,
                                  gpointer     user_data);

gboolean     _mml_scan_walk      (MmlScanRoot         *root,
                                  guint                n_threads,
                                  MmlScanWalkProgress  progress,
                                  gpointer             user_data,
                                  MmlScanChunkFunc     emit,
                                  gpointer             emit_data,
                                  GCancellable        *cancellable,
                                  GError             **error);
gboolean     _mml_scan_is_extras_dir (const char      *name);
void         _mml_scan_root_preparse (MmlScanRoot     *chunk,
                                      GHashTable      *known);

G_END_DECLS
