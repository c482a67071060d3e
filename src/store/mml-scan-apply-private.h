/* mml-scan-apply-private.h — what the scanner's apply and write halves share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-parser.h"
#include "mml-scan-apply.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *path;
  gint64   size;
  gint64   mtime_ns;
  guint64  device;
  guint64  inode;
  gint64   series_id;
  guint8   kind;
  guint8   status;     /* Status */
  gboolean seen;
} Row;

typedef enum
{
  STATUS_PRESENT,
  STATUS_MISSING,
  STATUS_UNAVAILABLE,
} Status;


struct _MmlScanApply
{
  sqlite3      *db;            /* during a job only */
  MmlScanRoot  *scan_root;     /* the root scanned (subtrees, path) */
  MmlScanRoot  *root;          /* the chunk being applied */
  MmlScanMode   mode;
  gboolean      want_events;
  MmlScanSummary *summary;

  GHashTable   *rows;          /* path → Row */
  GHashTable   *series;        /* folder key → series id (gint64 *) */
  gint64       *entry_ids;     /* entries[i] → files.id */
  gint64       *entry_series;  /* videos parsed in this scan → series id */
  GHashTable   *episodes;      /* series id → (episode key → id) */
  GString      *scratch;
  guint8       *entry_dirty;   /* entries[i] needs (re)parsing */
  gboolean      has_overrides; /* the root has videos placed by hand (this job) */
  gint64        now;

  sqlite3_stmt *insert_file;
  sqlite3_stmt *find_file;
  sqlite3_stmt *update_stat;
  sqlite3_stmt *update_parse;
  sqlite3_stmt *find_series;
  sqlite3_stmt *find_loose_series;
  sqlite3_stmt *insert_series;
  sqlite3_stmt *unlink_episodes;
  sqlite3_stmt *series_episodes;
  sqlite3_stmt *insert_episode;
  sqlite3_stmt *link_episode;
  sqlite3_stmt *delete_subtitle;
  sqlite3_stmt *insert_subtitle;
  sqlite3_stmt *add_conflict;
  sqlite3_stmt *clear_conflict;
  sqlite3_stmt *file_series;
  sqlite3_stmt *find_override;   /* the last of the statements: see finalize_all() */

  GHashTable   *by_inode;      /* InodeKey → Row, built on first need */
  GHashTable   *by_name;       /* "size/name" → Row */
  GPtrArray    *deferred;      /* chunks with possible renames: applied last */
  guint         known_before;  /* rows not missing before the scan */
  guint         walked;        /* entries applied so far */
  GPtrArray    *unreadable;    /* the chunks' unreadable paths: never missing */
};

typedef struct _MmlScanApply Apply;

static inline gboolean
step_done (Apply         *apply,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return mml_store_set_sqlite_error (apply->db, error);

  return TRUE;
}

static inline const char *
base_name (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash ? slash + 1 : path;
}

gboolean _mml_scan_set_stat       (Apply               *apply,
                                  gint64               id,
                                  const MmlScanEntry  *entry,
                                  Status               status,
                                  GError             **error);
gboolean _mml_scan_find_file     (Apply               *apply,
                                  const char          *path,
                                  gint64              *id,
                                  GError             **error);
gboolean _mml_scan_parse_video   (Apply               *apply,
                                  guint                index,
                                  const MmlScanEntry  *entry,
                                  GError             **error);
gboolean _mml_scan_link_subtitle (Apply               *apply,
                                  guint                index,
                                  const MmlScanEntry  *entry,
                                  GError             **error);

G_END_DECLS
