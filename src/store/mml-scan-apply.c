/* mml-scan-apply.c — bring the files table in line with one root's walk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-scan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-scan-apply-private.h"
#include "mml-store-private.h"

/*
 * Runs on the store's writer thread, in one transaction per root: either the
 * whole walk lands or none of it does.  Rows are never deleted for files
 * that went away: they turn "missing" (or "unavailable" when the whole root
 * is gone), so watched state, subtitles and matches survive an unplugged
 * disk.  A file that reappears elsewhere with the same device+inode (or the
 * same name and size) is a rename, and keeps its row id.
 */

static const char * const status_names[] = { "present", "missing", "unavailable" };

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->path);
  g_free (row);
}

static void
add_event (Apply            *apply,
           MmlScanEventKind  kind,
           const char       *path,
           const char       *old_path)
{
  MmlScanEvent *event;

  if (!apply->want_events)
    return;

  event = g_new0 (MmlScanEvent, 1);
  event->kind = kind;
  event->root_id = apply->root->root_id;
  event->path = g_strdup (path);
  event->old_path = g_strdup (old_path);
  g_ptr_array_add (apply->summary->events, event);
}

static gboolean
prepare_all (Apply   *apply,
             GError **error)
{
  static const struct { gsize offset; const char *sql; } statements[] = {
    { G_STRUCT_OFFSET (Apply, insert_file),
      "INSERT INTO files (root_id, path, kind, size, mtime, device, inode, status, first_seen, last_seen, "
      "                   series_id, parsed, season, episodes, absolute, air_date, special, "
      "                   release_group, resolution, languages, probe_key) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'present', ?8, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      /* an empty file holds no tracks and no text: it counts as read as
       * it is found (the prober's rule for it, mml-prober.c), so a first
       * scan of placeholders does not go back to read them all */
      "        CASE WHEN ?4 = 0 THEN " MML_PROBE_KEY_SQL ("?4", "?5", "?7") " END) "
      /* another writer's row: see write_file() */
      "ON CONFLICT (root_id, path) DO NOTHING" },
    { G_STRUCT_OFFSET (Apply, find_file),
      "SELECT id FROM files WHERE root_id = ?1 AND path = ?2" },
    { G_STRUCT_OFFSET (Apply, update_stat),
      "UPDATE files SET path = ?2, size = ?3, mtime = ?4, device = ?5, inode = ?6, "
      "status = ?7, last_seen = ?8 WHERE id = ?1" },
    { G_STRUCT_OFFSET (Apply, update_parse),
      "UPDATE files SET series_id = ?9, parsed = ?10, season = ?11, episodes = ?12, absolute = ?13, "
      "air_date = ?14, special = ?15, release_group = ?16, resolution = ?17, languages = ?18 "
      "WHERE id = ?1" },
    { G_STRUCT_OFFSET (Apply, find_series),
      "SELECT id FROM series WHERE root_id = ?1 AND folder = ?2" },
    { G_STRUCT_OFFSET (Apply, find_loose_series),
      "SELECT id FROM series WHERE root_id = ?1 AND folder IS NULL AND folder_title = ?2" },
    { G_STRUCT_OFFSET (Apply, insert_series),
      "INSERT INTO series (root_id, folder, title, folder_title, sort_title, year, tvdb_id, tmdb_id, imdb_id, added_at) "
      "VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" },
    { G_STRUCT_OFFSET (Apply, unlink_episodes),
      "DELETE FROM episode_files WHERE file_id = ?1" },
    { G_STRUCT_OFFSET (Apply, series_episodes),
      "SELECT id, season, number, absolute, air_date FROM episodes WHERE series_id = ?1" },
    { G_STRUCT_OFFSET (Apply, insert_episode),
      "INSERT INTO episodes (series_id, season, number, absolute, air_date) VALUES (?1, ?2, ?3, ?4, ?5)" },
    { G_STRUCT_OFFSET (Apply, link_episode),
      "INSERT OR IGNORE INTO episode_files (episode_id, file_id) VALUES (?1, ?2)" },
    { G_STRUCT_OFFSET (Apply, delete_subtitle),
      "DELETE FROM subtitles WHERE file_id = ?1" },
    /* what the file's text said when it was last read (mml-probe-store.c)
     * stays: the name's language first, else the text's */
    { G_STRUCT_OFFSET (Apply, insert_subtitle),
      "INSERT INTO subtitles (video_id, file_id, language, forced, hearing_impaired, source, encoding) "
      "SELECT ?1, ?2, coalesce (?3, nullif (f.text_language, 'und')), ?4, ?5, 'sidecar', f.text_encoding "
      "FROM files f WHERE f.id = ?2" },
    { G_STRUCT_OFFSET (Apply, add_conflict),
      "INSERT INTO conflicts (kind, file_id, payload, created_at) "
      "SELECT 'unrecognised-file', ?1, ?2, ?3 WHERE NOT EXISTS "
      "(SELECT 1 FROM conflicts WHERE kind = 'unrecognised-file' AND file_id = ?1)" },
    { G_STRUCT_OFFSET (Apply, clear_conflict),
      "DELETE FROM conflicts WHERE kind = 'unrecognised-file' AND file_id = ?1" },
    { G_STRUCT_OFFSET (Apply, file_series),
      "SELECT series_id FROM files WHERE id = ?1" },
    /* where the user said the video goes (mml-file-overrides.c), while
     * its series is there */
    { G_STRUCT_OFFSET (Apply, find_override),
      "SELECT o.series_id, o.season, o.episodes, o.absolute FROM file_overrides o "
      "JOIN series s ON s.id = o.series_id WHERE o.root_id = ?1 AND o.path = ?2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt **slot = G_STRUCT_MEMBER_P (apply, statements[i].offset);

      if (!(*slot = mml_store_prepare (apply->db, statements[i].sql, error)))
        return FALSE;
    }

  return TRUE;
}

static void
finalize_all (Apply *apply)
{
  sqlite3_stmt **first = &apply->insert_file;
  sqlite3_stmt **last = &apply->find_override;

  for (sqlite3_stmt **s = first; s <= last; s++)
    g_clear_pointer (s, sqlite3_finalize);
}

/* A subtree filter: TRUE when @path lies in one of the walked folders. */
static gboolean
in_subtrees (MmlScanRoot *root,
             const char  *path)
{
  if (root->subtrees == NULL)
    return TRUE;

  for (guint i = 0; root->subtrees[i]; i++)
    {
      const char *sub = root->subtrees[i];
      gsize len = strlen (sub);

      if (len == 0)
        return TRUE;
      if (strncmp (path, sub, len) == 0 && (path[len] == '/' || path[len] == '\0'))
        return TRUE;
    }

  return FALSE;
}

/**
 * _mml_scan_load_rows:
 * @db: any connection to the library (a reader, so it can run while the
 *   walk does)
 *
 * Returns: (transfer full) (nullable): the root's file rows as
 *   path → Row, limited to @root's subtrees
 */
GHashTable *
_mml_scan_load_rows (sqlite3      *db,
                     MmlScanRoot  *root,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT id, path, size, mtime, device, inode, series_id, kind, status "
                            "FROM files WHERE root_id = ?",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, root->root_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *path = (const char *) sqlite3_column_text (stmt, 1);
      int path_len = sqlite3_column_bytes (stmt, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 7);
      const char *status = (const char *) sqlite3_column_text (stmt, 8);
      Row *row;

      if (!in_subtrees (root, path))
        continue;

      row = g_new (Row, 1);
      row->path = g_strndup (path, path_len);
      row->id = sqlite3_column_int64 (stmt, 0);
      row->size = sqlite3_column_int64 (stmt, 2);
      row->mtime_ns = sqlite3_column_int64 (stmt, 3);
      row->device = (guint64) sqlite3_column_int64 (stmt, 4);
      row->inode = (guint64) sqlite3_column_int64 (stmt, 5);
      row->series_id = sqlite3_column_int64 (stmt, 6);
      row->kind = kind[0] == 'v' ? MML_FILE_VIDEO : MML_FILE_SUBTITLE;
      row->status = status[0] == 'p' ? STATUS_PRESENT : status[0] == 'm' ? STATUS_MISSING : STATUS_UNAVAILABLE;
      row->seen = FALSE;
      g_hash_table_insert (rows, row->path, row);
    }

  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gboolean
_mml_scan_set_stat (Apply               *apply,
                    gint64               id,
                    const MmlScanEntry  *entry,
                    Status               status,
                    GError             **error)
{
  sqlite3_stmt *s = apply->update_stat;

  sqlite3_bind_int64 (s, 1, id);
  sqlite3_bind_text (s, 2, entry->path, strlen (entry->path), SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, entry->size);
  sqlite3_bind_int64 (s, 4, entry->mtime_ns);
  sqlite3_bind_int64 (s, 5, (gint64) entry->device);
  sqlite3_bind_int64 (s, 6, (gint64) entry->inode);
  sqlite3_bind_text (s, 7, status_names[status], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 8, apply->now);

  return step_done (apply, s, error);
}

/* The id of the row at @path in the root, or 0 in @id. */
gboolean
_mml_scan_find_file (Apply       *apply,
                     const char  *path,
                     gint64      *id,
                     GError     **error)
{
  sqlite3_stmt *s = apply->find_file;
  int rc;

  sqlite3_bind_int64 (s, 1, apply->root->root_id);
  sqlite3_bind_text (s, 2, path, strlen (path), SQLITE_STATIC);
  rc = sqlite3_step (s);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (s, 0) : 0;
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (apply->db, error);

  return TRUE;
}

static gboolean
set_status (Apply   *apply,
            Row     *row,
            Status   status,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Only where the row still is: another writer may have moved it to
   * where its file went since the rows were read. */
  if (!(stmt = mml_store_prepare (apply->db, "UPDATE files SET status = ?2 WHERE id = ?1 AND path = ?3", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, status_names[status], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->path, strlen (row->path), SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return mml_store_set_sqlite_error (apply->db, error);

  row->status = status;
  return TRUE;
}

/* --- rename detection --- */

typedef struct
{
  guint64 device;
  guint64 inode;
} InodeKey;

static guint
inode_hash (gconstpointer p)
{
  const InodeKey *k = p;

  return (guint) (k->inode * 2654435761u) ^ (guint) k->device;
}

static gboolean
inode_equal (gconstpointer a,
             gconstpointer b)
{
  const InodeKey *x = a, *y = b;

  return x->device == y->device && x->inode == y->inode;
}

static char *
name_size_key (const char *path,
               gint64      size)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", size, base_name (path));
}

/* --- parsing and grouping --- */

static gboolean
mark_root_unavailable (Apply   *apply,
                       GError **error)
{
  GHashTableIter iter;
  Row *row;

  g_hash_table_iter_init (&iter, apply->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      if (row->status != STATUS_PRESENT)
        continue;
      if (!set_status (apply, row, STATUS_UNAVAILABLE, error))
        return FALSE;
      apply->summary->unavailable++;
      add_event (apply, MML_SCAN_EVENT_UNAVAILABLE, row->path, NULL);
    }

  return TRUE;
}

static void
build_rename_maps (Apply *apply)
{
  GHashTableIter iter;
  Row *row;

  if (apply->by_inode != NULL)
    return;

  apply->by_inode = g_hash_table_new (inode_hash, inode_equal);
  apply->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, apply->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      if (row->status == STATUS_MISSING)
        continue;
      /* Row's device and inode fields have InodeKey's layout. */
      G_STATIC_ASSERT (G_STRUCT_OFFSET (Row, inode) - G_STRUCT_OFFSET (Row, device) ==
                       G_STRUCT_OFFSET (InodeKey, inode) - G_STRUCT_OFFSET (InodeKey, device));
      g_hash_table_insert (apply->by_inode, &row->device, row);
      g_hash_table_insert (apply->by_name, name_size_key (row->path, row->size), row);
    }
}

/* A gone file that @e may be, moved: same device+inode, else same name and size. */
static Row *
rename_source (Apply              *apply,
               const MmlScanEntry *e)
{
  InodeKey key = { e->device, e->inode };
  g_autofree char *nkey = NULL;
  Row *row;

  build_rename_maps (apply);

  /* A moved file keeps its size and mtime; a new file that merely got the
   * inode of a deleted one (file systems reuse them at once) does not. */
  row = g_hash_table_lookup (apply->by_inode, &key);
  if (row != NULL && !row->seen && row->kind == e->kind && !g_str_equal (row->path, e->path) &&
      row->size == e->size && row->mtime_ns == e->mtime_ns)
    return row;

  nkey = name_size_key (e->path, e->size);
  row = g_hash_table_lookup (apply->by_name, nkey);
  if (row != NULL && !row->seen && row->kind == e->kind && !g_str_equal (row->path, e->path))
    return row;

  return NULL;
}

/* A chunk holding a file at a new path that may be a moved one waits
 * until every other chunk has said which paths still exist. */
static gboolean
chunk_has_rename (Apply       *apply,
                  MmlScanRoot *chunk)
{
  if (g_hash_table_size (apply->rows) == 0)
    return FALSE;

  for (guint i = 0; i < chunk->entries->len; i++)
    {
      const MmlScanEntry *e = &g_array_index (chunk->entries, MmlScanEntry, i);

      if (!g_hash_table_contains (apply->rows, e->path) && rename_source (apply, e) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
chunk_begin (Apply       *apply,
             MmlScanRoot *chunk)
{
  guint n = chunk->entries->len;

  apply->root = chunk;
  g_free (apply->entry_ids);
  g_free (apply->entry_dirty);
  g_free (apply->entry_series);
  apply->entry_ids = g_new0 (gint64, n + 1);
  apply->entry_dirty = g_new0 (guint8, n + 1);
  apply->entry_series = g_new0 (gint64, n + 1);
}

/* Step 1: files at a known path are unchanged or changed.  Fills @fresh
 * with the indexes of the others. */
static gboolean
apply_known (Apply   *apply,
             GArray  *fresh,
             GError **error)
{
  GArray *entries = apply->root->entries;

  for (guint i = 0; i < entries->len; i++)
    {
      const MmlScanEntry *e = &g_array_index (entries, MmlScanEntry, i);
      Row *row = g_hash_table_lookup (apply->rows, e->path);

      if (row == NULL || row->kind != e->kind)
        {
          g_array_append_val (fresh, i);
          continue;
        }

      row->seen = TRUE;
      apply->entry_ids[i] = row->id;

      if (row->size == e->size && row->mtime_ns == e->mtime_ns &&
          row->inode == e->inode && row->device == e->device)
        {
          if (row->status != STATUS_PRESENT)
            {
              if (!set_status (apply, row, STATUS_PRESENT, error))
                return FALSE;
              add_event (apply, MML_SCAN_EVENT_CREATED, e->path, NULL);
              apply->entry_dirty[i] = 1;
            }
          apply->summary->unchanged++;
          apply->entry_dirty[i] |= apply->mode == MML_SCAN_FULL;
        }
      else
        {
          if (!_mml_scan_set_stat (apply, row->id, e, STATUS_PRESENT, error))
            return FALSE;
          apply->summary->changed++;
          apply->entry_dirty[i] = 1;
          add_event (apply, MML_SCAN_EVENT_CHANGED, e->path, NULL);
        }
    }

  return TRUE;
}

/* Step 2: new paths are moves of gone files, or new files. */
static gboolean
apply_fresh (Apply   *apply,
             GArray  *fresh,
             GError **error)
{
  GArray *entries = apply->root->entries;

  for (guint f = 0; f < fresh->len; f++)
    {
      guint i = g_array_index (fresh, guint, f);
      const MmlScanEntry *e = &g_array_index (entries, MmlScanEntry, i);
      Row *row = g_hash_table_size (apply->rows) ? rename_source (apply, e) : NULL;
      gint64 other = 0;

      /* Another writer (a scan in another process) may have written this
       * path since the rows were read: then it is that row's file. */
      if (row != NULL && !_mml_scan_find_file (apply, e->path, &other, error))
        return FALSE;
      if (other != 0)
        {
          Row *known = g_hash_table_lookup (apply->rows, e->path);

          if (known != NULL && known->id == other)
            known->seen = TRUE;
          if (row->id == other)   /* it moved it already */
            row->seen = TRUE;
          if (!_mml_scan_set_stat (apply, other, e, STATUS_PRESENT, error))
            return FALSE;
          apply->entry_ids[i] = other;
          apply->entry_dirty[i] = 1;
          apply->summary->changed++;
          continue;
        }

      if (row != NULL)
        {
          if (!_mml_scan_set_stat (apply, row->id, e, STATUS_PRESENT, error))
            return FALSE;
          row->seen = TRUE;
          apply->entry_ids[i] = row->id;
          apply->entry_dirty[i] = 1;
          apply->summary->renamed++;
          add_event (apply, MML_SCAN_EVENT_RENAMED, e->path, row->path);
          continue;
        }

      /* Inserted with what was parsed in step 3. */
      apply->entry_ids[i] = 0;
      apply->entry_dirty[i] = 1;
      apply->summary->added++;
      add_event (apply, MML_SCAN_EVENT_CREATED, e->path, NULL);
    }

  return TRUE;
}

/* Step 3: parse and group what is new or changed (everything, in a full
 * scan): videos first, so subtitles find their video's row and series. */
static gboolean
apply_parse (Apply         *apply,
             GCancellable  *cancellable,
             GError       **error)
{
  MmlScanRoot *chunk = apply->root;
  GArray *entries = chunk->entries;

  for (guint pass = MML_FILE_VIDEO; pass <= MML_FILE_SUBTITLE; pass++)
    for (guint i = 0; i < entries->len; i++)
      {
        const MmlScanEntry *e = &g_array_index (entries, MmlScanEntry, i);
        gboolean ok;

        if (e->kind != pass)
          continue;

        if (e->kind == MML_FILE_VIDEO)
          apply->summary->videos++;
        else
          apply->summary->subtitles++;

        /* A subtitle whose video was reparsed follows it. */
        if (!apply->entry_dirty[i] &&
            !(e->kind == MML_FILE_SUBTITLE && e->video >= 0 && apply->entry_dirty[e->video]))
          continue;

        if ((i & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;

        if (e->kind == MML_FILE_VIDEO)
          ok = _mml_scan_parse_video (apply, i, e, error);
        else
          ok = _mml_scan_link_subtitle (apply, i, e, error);
        if (!ok)
          return FALSE;
      }

  apply->summary->files += entries->len;
  apply->summary->ignored += chunk->ignored;
  apply->summary->errors += chunk->errors;
  for (guint i = 0; i < chunk->error_messages->len && apply->summary->error_messages->len < 500; i++)
    g_ptr_array_add (apply->summary->error_messages, g_strdup (g_ptr_array_index (chunk->error_messages, i)));
  for (guint i = 0; i < chunk->unreadable->len; i++)
    g_ptr_array_add (apply->unreadable, g_strdup (g_ptr_array_index (chunk->unreadable, i)));

  return TRUE;
}

static gboolean
apply_chunk (Apply         *apply,
             MmlScanRoot   *chunk,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (guint));

  chunk_begin (apply, chunk);
  return apply_known (apply, fresh, error) &&
         apply_fresh (apply, fresh, error) &&
         apply_parse (apply, cancellable, error);
}

/* TRUE when @path lies where the walk could not read: its state is
 * unknown, so it keeps the one it had. */
static gboolean
in_unreadable (Apply      *apply,
               const char *path)
{
  for (guint i = 0; i < apply->unreadable->len; i++)
    if (_mml_scan_path_is_under (path, g_ptr_array_index (apply->unreadable, i)))
      return TRUE;

  return FALSE;
}

static gboolean
mark_missing (Apply   *apply,
              GError **error)
{
  GHashTableIter iter;
  Row *row;

  g_hash_table_iter_init (&iter, apply->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      if (row->seen || row->status == STATUS_MISSING || in_unreadable (apply, row->path))
        continue;
      if (!set_status (apply, row, STATUS_MISSING, error))
        return FALSE;
      apply->summary->missing++;
      add_event (apply, MML_SCAN_EVENT_DELETED, row->path, NULL);
    }

  return TRUE;
}

static gboolean
finish_root (Apply   *apply,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  MmlScanSummary *s = apply->summary;

  /* Series rows that lost every file and were never matched are noise;
   * a series the user added by hand waits for its files. */
  if (!mml_store_exec (apply->db,
                       "DELETE FROM series WHERE match_state = 'none' AND added_by = 'scan' AND NOT EXISTS "
                       "(SELECT 1 FROM files WHERE files.series_id = series.id)",
                       error))
    return FALSE;

  if (!(stmt = mml_store_prepare (apply->db,
                                  "SELECT count(*) FROM series WHERE root_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, apply->root->root_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    s->series = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The watcher's small rescans of a few folders are not "the last scan". */
  if (apply->scan_root->subtrees != NULL)
    return TRUE;

  mml_scan_summary_to_json (s, json);
  if (!(stmt = mml_store_prepare (apply->db,
                                  "UPDATE roots SET last_scan_at = ?2, last_scan = ?3, "
                                  "device = coalesce (?4, device), mount_depth = coalesce (?5, mount_depth) "
                                  "WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, apply->root->root_id);
  sqlite3_bind_int64 (stmt, 2, apply->now);
  sqlite3_bind_text (stmt, 3, json->str, json->len, SQLITE_STATIC);
  /* The disk the walk found the root on is the library's once a whole scan
   * found files there: so a root of an earlier version gains what it was
   * added without, and one whose disk got another device number (plugged
   * in again, mounted again) keeps being told from an unmounted one. */
  if (apply->scan_root->available && apply->scan_root->probed && apply->walked > 0)
    {
      sqlite3_bind_int64 (stmt, 4, (gint64) apply->scan_root->device);
      sqlite3_bind_int (stmt, 5, (int) apply->scan_root->mount_depth);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return mml_store_set_sqlite_error (apply->db, error);

  return TRUE;
}

/* Another process may be scanning the same library: its transactions
 * follow each other closely, and SQLite's busy handler keeps no queue, so
 * one busy timeout may well pass without a turn.  A scan waits for the
 * write lock for as long as it takes, unless it is cancelled. */
static gboolean
begin_waiting (sqlite3       *db,
               GCancellable  *cancellable,
               GError       **error)
{
  for (;;)
    {
      g_autoptr(GError) local = NULL;

      if (mml_store_begin (db, &local))
        return TRUE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (sqlite3_errcode (db) != SQLITE_BUSY)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_debug ("another writer holds the library; still waiting");
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
}

static gboolean
job_begin (Apply         *apply,
           sqlite3       *db,
           GCancellable  *cancellable,
           GError       **error)
{
  apply->db = db;
  apply->now = g_get_real_time () / G_USEC_PER_SEC;

  /* While a scan streams its batches, the WAL is not checkpointed after
   * each commit (each checkpoint copies and syncs the database): it grows
   * until the final job, which checkpoints once. */
  if (!mml_store_exec (db, "PRAGMA wal_autocheckpoint = 0", error) ||
      !begin_waiting (db, cancellable, error))
    return FALSE;

  /* What another writer may have written between two of our jobs: series
   * and episodes are read again in each (the rows read before the walk
   * stay; write_file() and apply_fresh() allow for files written since). */
  g_hash_table_remove_all (apply->series);
  g_hash_table_remove_all (apply->episodes);

  if (apply->rows == NULL)
    {
      GHashTableIter iter;
      Row *row;

      if (!(apply->rows = _mml_scan_load_rows (db, apply->scan_root, error)))
        return FALSE;
      g_hash_table_iter_init (&iter, apply->rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        apply->known_before += row->status != STATUS_MISSING;
    }

  if (!prepare_all (apply, error))
    return FALSE;

  /* Most roots hold no video placed by hand: their videos need no lookup.
   * Read in each job, under the write lock: one may be assigned between
   * two jobs of a scan. */
  {
    g_autoptr(sqlite3_stmt) any = NULL;

    if (!(any = mml_store_prepare (db, "SELECT EXISTS (SELECT 1 FROM file_overrides WHERE root_id = ?1)", error)))
      return FALSE;
    sqlite3_bind_int64 (any, 1, apply->scan_root->root_id);
    if (sqlite3_step (any) != SQLITE_ROW)
      return mml_store_set_sqlite_error (db, error);
    apply->has_overrides = sqlite3_column_int (any, 0) != 0;
  }

  return TRUE;
}

static gboolean
job_end (Apply    *apply,
         gboolean  ok,
         GError  **error)
{
  finalize_all (apply);

  if (ok)
    ok = mml_store_commit (apply->db, error);
  if (!ok)
    mml_store_rollback (apply->db);

  apply->db = NULL;
  apply->root = NULL;
  return ok;
}

/**
 * _mml_scan_apply_new:
 * @root: (transfer none): the root being scanned; must outlive the apply
 * @rows: (transfer full) (nullable): from _mml_scan_load_rows(), or %NULL
 *   to load them in the first job
 * @summary: (transfer none): where counts and events go
 */
MmlScanApply *
_mml_scan_apply_new (MmlScanRoot    *root,
                     GHashTable     *rows,
                     MmlScanMode     mode,
                     gboolean        want_events,
                     MmlScanSummary *summary)
{
  Apply *apply = g_new0 (Apply, 1);

  apply->scan_root = root;
  apply->mode = mode;
  apply->want_events = want_events;
  apply->summary = summary;
  apply->rows = rows;
  apply->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  apply->episodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  apply->scratch = g_string_new (NULL);
  apply->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) _mml_scan_root_free);
  apply->unreadable = g_ptr_array_new_with_free_func (g_free);

  if (rows != NULL)
    {
      GHashTableIter iter;
      Row *row;

      g_hash_table_iter_init (&iter, rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        apply->known_before += row->status != STATUS_MISSING;
    }

  return apply;
}

void
_mml_scan_apply_free (MmlScanApply *apply)
{
  if (apply == NULL)
    return;

  g_clear_pointer (&apply->rows, g_hash_table_unref);
  g_clear_pointer (&apply->by_inode, g_hash_table_unref);
  g_clear_pointer (&apply->by_name, g_hash_table_unref);
  g_hash_table_unref (apply->series);
  g_hash_table_unref (apply->episodes);
  g_ptr_array_unref (apply->deferred);
  g_ptr_array_unref (apply->unreadable);
  g_string_free (apply->scratch, TRUE);
  g_free (apply->entry_ids);
  g_free (apply->entry_dirty);
  g_free (apply->entry_series);
  g_free (apply);
}

/**
 * _mml_scan_apply_chunks:
 * @chunks: (transfer container): walked chunks; taken over
 *
 * Writer thread only.  One transaction for the batch.  Chunks that may hold
 * moved files are kept for _mml_scan_apply_finish().
 */
gboolean
_mml_scan_apply_chunks (MmlScanApply  *apply,
                        sqlite3       *db,
                        GPtrArray     *chunks,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gboolean ok = job_begin (apply, db, cancellable, error);

  for (guint i = 0; ok && i < chunks->len; i++)
    {
      MmlScanRoot *chunk = g_ptr_array_index (chunks, i);

      if (chunk_has_rename (apply, chunk))
        {
          g_ptr_array_add (apply->deferred, chunk);
          chunks->pdata[i] = NULL;
          continue;
        }
      ok = apply_chunk (apply, chunk, cancellable, error);
      apply->walked += chunk->entries->len;
    }

  for (guint i = 0; i < chunks->len; i++)
    g_clear_pointer (&chunks->pdata[i], _mml_scan_root_free);
  g_ptr_array_unref (chunks);

  return job_end (apply, ok, error);
}

/**
 * _mml_scan_apply_finish:
 *
 * Writer thread only, after every chunk: moved files, then what is gone
 * (missing — or unavailable, for a root that is unplugged, an empty mount
 * point or no longer on its disk), then the root's last-scan summary and
 * the disk it was found on.  One transaction.
 */
gboolean
_mml_scan_apply_finish (MmlScanApply  *apply,
                        sqlite3       *db,
                        GCancellable  *cancellable,
                        GError       **error)
{
  MmlScanRoot *root = apply->scan_root;
  gboolean ok = job_begin (apply, db, cancellable, error);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Deferred chunks: every one's known paths first, so a move between two
   * of them is not taken for a copy. */
  for (guint i = 0; ok && i < apply->deferred->len; i++)
    {
      MmlScanRoot *chunk = g_ptr_array_index (apply->deferred, i);
      GArray *f = g_array_new (FALSE, FALSE, sizeof (guint));

      g_ptr_array_add (fresh, f);
      chunk_begin (apply, chunk);
      for (guint k = 0; k < chunk->entries->len; k++)
        {
          const MmlScanEntry *e = &g_array_index (chunk->entries, MmlScanEntry, k);
          Row *row = g_hash_table_lookup (apply->rows, e->path);

          if (row != NULL && row->kind == e->kind)
            row->seen = TRUE;
        }
    }
  for (guint i = 0; ok && i < apply->deferred->len; i++)
    {
      MmlScanRoot *chunk = g_ptr_array_index (apply->deferred, i);

      ok = apply_chunk (apply, chunk, cancellable, error);
      apply->walked += chunk->entries->len;
    }
  g_ptr_array_set_size (apply->deferred, 0);

  /* An empty mount point where files used to be is an unplugged disk, not
   * a library whose every file was deleted; so is a disk with another
   * device than the one recorded that holds no media file, whatever else
   * it holds: it may as well be another disk. */
  if (ok && root->available && root->subtrees == NULL && apply->walked == 0 &&
      apply->known_before > 0 && root->device_changed)
    _mml_scan_root_not_its_disk (root);
  else if (ok && root->available && root->subtrees == NULL && apply->walked == 0 &&
           apply->known_before > 0 && apply->summary->ignored == 0)
    {
      g_autofree char *display = g_filename_display_name (root->root_path);

      root->available = FALSE;
      root->unavailable_reason = g_strdup_printf (_("“%s” is empty (not mounted?)"), display);
    }

  if (ok)
    {
      apply->root = root;
      ok = root->available ? mark_missing (apply, error) : mark_root_unavailable (apply, error);
    }

  if (ok)
    ok = finish_root (apply, error);

  return job_end (apply, ok, error);
}

/**
 * _mml_scan_resume_checkpoints:
 *
 * Writer thread only: ends the pause of automatic checkpoints the apply
 * jobs began, and checkpoints what the scan wrote.  Run after every scan of
 * a root, whether it finished, failed or was cancelled.
 */
void
_mml_scan_resume_checkpoints (sqlite3 *db)
{
  mml_store_exec (db,
                  "PRAGMA wal_autocheckpoint = " G_STRINGIFY (MML_STORE_WAL_AUTOCHECKPOINT) ";"
                  "PRAGMA wal_checkpoint (PASSIVE);",
                  NULL);
}
