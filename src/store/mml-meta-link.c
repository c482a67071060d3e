/* mml-meta-link.c — linking the files of a series to its episodes: by season and episode, by absolute number on anime roots, by air date on daily roots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-meta"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mml-meta-store-private.h"
#include "mml-root.h"

/* --- relinking files to episodes --------------------------------------- */

static void
map_insert (GHashTable *map,
            char       *key,
            gint64      id)
{
  if (!g_hash_table_contains (map, key))
    g_hash_table_insert (map, key, g_memdup2 (&id, sizeof id));
  else
    g_free (key);
}

static GHashTable *
episode_keys (sqlite3  *db,
              gint64    series_id,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db,
      "SELECT id, season, number, absolute, air_date FROM episodes WHERE series_id = ?1 "
      "ORDER BY special, season, number", error);
  g_autoptr(GHashTable) map = NULL;
  int rc;

  if (s == NULL)
    return NULL;
  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_bind_int64 (s, 1, series_id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (s, 0);

      if (sqlite3_column_type (s, 1) != SQLITE_NULL && sqlite3_column_type (s, 2) != SQLITE_NULL)
        map_insert (map, g_strdup_printf ("s%de%d", sqlite3_column_int (s, 1), sqlite3_column_int (s, 2)), id);
      if (sqlite3_column_type (s, 3) != SQLITE_NULL)
        map_insert (map, g_strdup_printf ("a%d", sqlite3_column_int (s, 3)), id);
      if (sqlite3_column_type (s, 4) != SQLITE_NULL)
        map_insert (map, g_strdup_printf ("d%s", sqlite3_column_text (s, 4)), id);
    }
  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&map);
}

typedef struct
{
  sqlite3      *db;
  gint64        series_id;
  GHashTable   *keys;
  sqlite3_stmt *insert_local;
  sqlite3_stmt *link;
} Linker;

/* The episode a key names; a row of our own when the provider has none
 * (a file for an episode the provider does not list stays attached). */
static gint64
key_episode (Linker     *lk,
             const char *key,
             gboolean    create,
             GError    **error)
{
  gint64 *found = g_hash_table_lookup (lk->keys, key);
  gint64 id;
  int a, b;
  char date[16];

  if (found != NULL)
    return *found;
  if (!create)
    return 0;

  sqlite3_bind_int64 (lk->insert_local, 1, lk->series_id);
  if (sscanf (key, "s%de%d", &a, &b) == 2)
    {
      sqlite3_bind_int (lk->insert_local, 2, a);
      sqlite3_bind_int (lk->insert_local, 3, b);
    }
  else if (sscanf (key, "a%d", &a) == 1)
    sqlite3_bind_int (lk->insert_local, 4, a);
  else if (sscanf (key, "d%15s", date) == 1)
    sqlite3_bind_text (lk->insert_local, 5, date, -1, SQLITE_TRANSIENT);
  if (!step_done (lk->db, lk->insert_local, error))
    return -1;
  id = sqlite3_last_insert_rowid (lk->db);
  g_hash_table_insert (lk->keys, g_strdup (key), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
link_keys (Linker     *lk,
           gint64      file_id,
           GPtrArray  *keys,
           GError    **error)
{
  for (guint i = 0; i < keys->len; i++)
    {
      gint64 ep = key_episode (lk, g_ptr_array_index (keys, i), TRUE, error);

      if (ep < 0)
        return FALSE;
      sqlite3_bind_int64 (lk->link, 1, ep);
      sqlite3_bind_int64 (lk->link, 2, file_id);
      if (!step_done (lk->db, lk->link, error))
        return FALSE;
    }
  return TRUE;
}

/* Do all of @keys name known episodes? */
static gboolean
all_known (Linker    *lk,
           GPtrArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    if (!g_hash_table_contains (lk->keys, g_ptr_array_index (keys, i)))
      return FALSE;
  return keys->len > 0;
}

gboolean
_mml_meta_relink (sqlite3  *db,
                  gint64    series_id,
                  int       root_kind,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) files = mml_store_prepare (db,
      "SELECT id, season, episodes, absolute, air_date FROM files "
      "WHERE series_id = ?1 AND kind = 'video' AND parsed = 1", error);
  g_autoptr(sqlite3_stmt) unlink = NULL;
  g_autoptr(sqlite3_stmt) insert_local = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  g_autoptr(sqlite3_stmt) prune = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) absolutes = g_array_new (FALSE, FALSE, sizeof (int));
  Linker lk = { db, series_id, NULL, NULL, NULL };
  int rc;

  if (files == NULL
      || !(unlink = mml_store_prepare (db,
             "DELETE FROM episode_files WHERE file_id IN (SELECT id FROM files WHERE series_id = ?1)", error))
      || !(insert_local = mml_store_prepare (db,
             "INSERT INTO episodes (series_id, season, number, absolute, air_date) VALUES (?1, ?2, ?3, ?4, ?5)", error))
      || !(link = mml_store_prepare (db,
             "INSERT OR IGNORE INTO episode_files (episode_id, file_id) VALUES (?1, ?2)", error))
      || !(prune = mml_store_prepare (db,
             "DELETE FROM episodes WHERE series_id = ?1 AND provider_id IS NULL AND watched = 0 "
             "AND NOT EXISTS (SELECT 1 FROM episode_files ef WHERE ef.episode_id = episodes.id)", error))
      || !(keys = episode_keys (db, series_id, error)))
    return FALSE;

  sqlite3_bind_int64 (unlink, 1, series_id);
  if (!step_done (db, unlink, error))
    return FALSE;

  lk.keys = keys;
  lk.insert_local = insert_local;
  lk.link = link;
  sqlite3_bind_int64 (files, 1, series_id);
  while ((rc = sqlite3_step (files)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) by_number = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) by_absolute = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) by_date = g_ptr_array_new_with_free_func (g_free);
      gint64 file_id = sqlite3_column_int64 (files, 0);
      int season = column_int_or (files, 1, -1);
      const char *date = (const char *) sqlite3_column_text (files, 4);
      GPtrArray *order[3];

      _mml_meta_parse_int_list ((const char *) sqlite3_column_text (files, 2), numbers);
      _mml_meta_parse_int_list ((const char *) sqlite3_column_text (files, 3), absolutes);
      for (guint i = 0; season >= 0 && i < numbers->len; i++)
        g_ptr_array_add (by_number, g_strdup_printf ("s%de%d", season, g_array_index (numbers, int, i)));
      for (guint i = 0; i < absolutes->len; i++)
        g_ptr_array_add (by_absolute, g_strdup_printf ("a%d", g_array_index (absolutes, int, i)));
      if (date != NULL && date[0] != '\0')
        g_ptr_array_add (by_date, g_strconcat ("d", date, NULL));

      /* Which numbering a file is read by: anime roots by absolute number,
       * daily roots by air date, others by season and episode. */
      if (root_kind == MML_ROOT_KIND_ANIME)
        order[0] = by_absolute, order[1] = by_number, order[2] = by_date;
      else if (root_kind == MML_ROOT_KIND_DAILY)
        order[0] = by_date, order[1] = by_number, order[2] = by_absolute;
      else
        order[0] = by_number, order[1] = by_absolute, order[2] = by_date;

      /* the first numbering the provider knows wins; else the first the
       * file has, on an episode row of our own */
      GPtrArray *pick = NULL;
      for (guint i = 0; i < 3 && pick == NULL; i++)
        if (all_known (&lk, order[i]))
          pick = order[i];
      for (guint i = 0; i < 3 && pick == NULL; i++)
        if (order[i]->len > 0)
          pick = order[i];
      if (pick != NULL && !link_keys (&lk, file_id, pick, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (db, error);

  sqlite3_bind_int64 (prune, 1, series_id);
  return step_done (db, prune, error);
}

gboolean
_mml_meta_close_match_conflicts (sqlite3     *db,
                       gint64       series_id,
                       const char  *state,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) s = mml_store_prepare (db,
      "UPDATE conflicts SET state = ?2, resolved_at = ?3 "
      "WHERE series_id = ?1 AND kind = 'match' AND state = 'open'", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, series_id);
  sqlite3_bind_text (s, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, now);
  return step_done (db, s, error);
}

