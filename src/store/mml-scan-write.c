/* mml-scan-write.c — write what a scan found: files, series, episodes, subtitles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-scan"

#include "config.h"

#include "mml-root.h"

#include "mml-scan-apply-private.h"
#include "mml-series-folder.h"
#include "mml-subtitle-name.h"

/*
 * The writing half of a scan, on the store's writer thread inside the
 * apply's transaction: a video's parse becomes its files row, its series
 * (the top folder under the root, or its parsed title for loose files) and
 * the episodes it holds, unless the user said where it goes (an override:
 * their series, season and episodes); a sidecar subtitle is linked to its
 * video.
 */

static void
append_int_list (GString   *out,
                 const int *values,
                 guint      n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, i ? ",%d" : "%d", values[i]);
  g_string_append_c (out, ']');
}

static gint64
series_for_folder (Apply       *apply,
                   const char  *folder,
                   gsize        folder_len,
                   const char  *loose_title,
                   GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *folder_dup = NULL;
  MmlSeriesFolder info = { 0 };
  sqlite3_stmt *find;
  gint64 *cached;
  gint64 id = 0;
  int rc;

  if (folder != NULL)
    key = g_strndup (folder, folder_len);
  else
    key = g_strconcat ("\x01", loose_title, NULL);

  if ((cached = g_hash_table_lookup (apply->series, key)))
    return *cached;

  if (folder != NULL)
    {
      folder_dup = g_strndup (folder, folder_len);
      find = apply->find_series;
      sqlite3_bind_int64 (find, 1, apply->root->root_id);
      sqlite3_bind_text (find, 2, folder_dup, folder_len, SQLITE_STATIC);
    }
  else
    {
      find = apply->find_loose_series;
      sqlite3_bind_int64 (find, 1, apply->root->root_id);
      sqlite3_bind_text (find, 2, loose_title, -1, SQLITE_STATIC);
    }

  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (apply->db, error);
      return -1;
    }

  if (id == 0)
    {
      sqlite3_stmt *ins = apply->insert_series;

      if (folder != NULL)
        mml_series_folder_parse (folder_dup, folder_len, &info);
      else
        g_strlcpy (info.title, loose_title, sizeof info.title);

      if (info.title[0] == '\0')
        g_strlcpy (info.title, folder_dup ? folder_dup : loose_title, sizeof info.title);

      sqlite3_bind_int64 (ins, 1, apply->root->root_id);
      if (folder != NULL)
        sqlite3_bind_text (ins, 2, folder_dup, folder_len, SQLITE_STATIC);
      else
        sqlite3_bind_null (ins, 2);
      sqlite3_bind_text (ins, 3, info.title, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 4, mml_series_folder_sort_title (info.title), -1, SQLITE_STATIC);
      if (info.year)
        sqlite3_bind_int (ins, 5, info.year);
      else
        sqlite3_bind_null (ins, 5);
      if (info.tvdb_id)
        sqlite3_bind_int64 (ins, 6, info.tvdb_id);
      else
        sqlite3_bind_null (ins, 6);
      if (info.tmdb_id)
        sqlite3_bind_int64 (ins, 7, info.tmdb_id);
      else
        sqlite3_bind_null (ins, 7);
      if (info.imdb_id[0])
        sqlite3_bind_text (ins, 8, info.imdb_id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (ins, 8);
      sqlite3_bind_int64 (ins, 9, apply->now);

      if (!step_done (apply, ins, error))
        return -1;
      id = sqlite3_last_insert_rowid (apply->db);
    }

  g_hash_table_insert (apply->series, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

/* Episodes of a series, by what identifies them in a file name:
 * "s<season>e<number>", "a<absolute>" or "d<air date>" → id. */
static GHashTable *
series_episodes (Apply   *apply,
                 gint64   series_id,
                 GError **error)
{
  sqlite3_stmt *q = apply->series_episodes;
  GHashTable *map;
  int rc;

  if ((map = g_hash_table_lookup (apply->episodes, &series_id)))
    return map;

  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (apply->episodes, g_memdup2 (&series_id, sizeof series_id), map);

  sqlite3_bind_int64 (q, 1, series_id);
  while ((rc = sqlite3_step (q)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (q, 0);

      if (sqlite3_column_type (q, 1) != SQLITE_NULL && sqlite3_column_type (q, 2) != SQLITE_NULL)
        g_hash_table_insert (map, g_strdup_printf ("s%de%d", sqlite3_column_int (q, 1), sqlite3_column_int (q, 2)),
                             g_memdup2 (&id, sizeof id));
      if (sqlite3_column_type (q, 3) != SQLITE_NULL)
        g_hash_table_insert (map, g_strdup_printf ("a%d", sqlite3_column_int (q, 3)), g_memdup2 (&id, sizeof id));
      if (sqlite3_column_type (q, 4) != SQLITE_NULL)
        g_hash_table_insert (map, g_strdup_printf ("d%s", sqlite3_column_text (q, 4)), g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (q);

  if (rc != SQLITE_DONE)
    {
      mml_store_set_sqlite_error (apply->db, error);
      return NULL;
    }

  return map;
}

/* The id of the episode a file names, created when the library has none. */
static gint64
episode_id (Apply       *apply,
            gint64       series_id,
            int          season,
            int          number,
            int          absolute,
            const char  *air_date,
            GError     **error)
{
  sqlite3_stmt *ins = apply->insert_episode;
  char key[48];
  GHashTable *map;
  gint64 *cached;
  gint64 id;

  if (!(map = series_episodes (apply, series_id, error)))
    return -1;

  if (number > 0)
    g_snprintf (key, sizeof key, "s%de%d", season, number);
  else if (absolute > 0)
    g_snprintf (key, sizeof key, "a%d", absolute);
  else
    g_snprintf (key, sizeof key, "d%s", air_date);

  if ((cached = g_hash_table_lookup (map, key)))
    return *cached;

  sqlite3_bind_int64 (ins, 1, series_id);
  if (number > 0)
    {
      sqlite3_bind_int (ins, 2, season);
      sqlite3_bind_int (ins, 3, number);
    }
  if (absolute > 0)
    sqlite3_bind_int (ins, 4, absolute);
  if (air_date)
    sqlite3_bind_text (ins, 5, air_date, -1, SQLITE_STATIC);

  if (!step_done (apply, ins, error))
    return -1;
  sqlite3_clear_bindings (ins);

  id = sqlite3_last_insert_rowid (apply->db);
  g_hash_table_insert (map, g_strdup (key), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
link_episode (Apply   *apply,
              gint64   episode,
              gint64   file,
              GError **error)
{
  if (episode < 0)
    return FALSE;

  sqlite3_bind_int64 (apply->link_episode, 1, episode);
  sqlite3_bind_int64 (apply->link_episode, 2, file);
  return step_done (apply, apply->link_episode, error);
}

/* Binds the columns shared by insert_file and update_parse (?1–?8 are the
 * file's identity and stat, ?9–?18 what was parsed). */
static void
bind_file (Apply              *apply,
           sqlite3_stmt       *s,
           gint64              file_id,
           const MmlScanEntry *e)
{
  if (s == apply->insert_file)
    {
      sqlite3_bind_int64 (s, 1, apply->root->root_id);
      sqlite3_bind_text (s, 2, e->path, strlen (e->path), SQLITE_STATIC);
      sqlite3_bind_text (s, 3, e->kind == MML_FILE_VIDEO ? "video" : "subtitle", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 4, e->size);
      sqlite3_bind_int64 (s, 5, e->mtime_ns);
      sqlite3_bind_int64 (s, 6, (gint64) e->device);
      sqlite3_bind_int64 (s, 7, (gint64) e->inode);
      sqlite3_bind_int64 (s, 8, apply->now);
    }
  else
    sqlite3_bind_int64 (s, 1, file_id);
}

/* Inserts (file_id 0) or updates a file row with what was parsed; returns
 * the id.  A scan in another process may have inserted the path since this
 * one read its rows: that row is then brought up to date instead, and
 * @adopted set, so that the caller replaces what hangs off it rather than
 * adding to it. */
static gint64
write_file (Apply              *apply,
            gint64              file_id,
            const MmlScanEntry *e,
            gint64              series_id,
            const MmlParseResult *r,
            gboolean            placed,
            const char         *air_date,
            const char         *languages,
            gboolean           *adopted,
            GError            **error)
{
  sqlite3_stmt *s = file_id ? apply->update_parse : apply->insert_file;
  GString *scratch = apply->scratch;
  gsize abs_at;

  bind_file (apply, s, file_id, e);

  if (series_id > 0)
    sqlite3_bind_int64 (s, 9, series_id);
  sqlite3_bind_int (s, 10, placed);

  if (r != NULL)
    {
      if (r->season >= 0)
        sqlite3_bind_int (s, 11, r->season);
      g_string_truncate (scratch, 0);
      append_int_list (scratch, r->episodes, r->n_episodes);
      abs_at = scratch->len;
      append_int_list (scratch, r->absolute, r->n_absolute);
      sqlite3_bind_text (s, 12, scratch->str, abs_at, SQLITE_STATIC);
      sqlite3_bind_text (s, 13, scratch->str + abs_at, scratch->len - abs_at, SQLITE_STATIC);
      if (air_date && *air_date)
        sqlite3_bind_text (s, 14, air_date, -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 15, r->special);
      if (r->release_group[0])
        sqlite3_bind_text (s, 16, r->release_group, -1, SQLITE_STATIC);
      if (r->resolution)
        sqlite3_bind_int (s, 17, r->resolution);
    }
  else
    sqlite3_bind_int (s, 15, 0);

  sqlite3_bind_text (s, 18, languages, -1, SQLITE_STATIC);

  if (!step_done (apply, s, error))
    return -1;
  sqlite3_clear_bindings (s);

  if (file_id == 0 && sqlite3_changes (apply->db) == 0)
    {
      gint64 other = 0;

      /* ON CONFLICT DO NOTHING: the path has a row already. */
      if (!_mml_scan_find_file (apply, e->path, &other, error))
        return -1;
      if (other == 0)
        {
          mml_store_set_sqlite_error (apply->db, error);
          return -1;
        }
      *adopted = TRUE;
      if (!_mml_scan_set_stat (apply, other, e, STATUS_PRESENT, error))
        return -1;
      return write_file (apply, other, e, series_id, r, placed, air_date, languages, adopted, error);
    }

  return file_id ? file_id : sqlite3_last_insert_rowid (apply->db);
}

/* "[5,6]" (a column of file_overrides) into @out; returns how many */
static guint
parse_numbers (const char *text,
               int        *out)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0' && n < MML_PARSE_MAX_EPISODES;)
    {
      char *end;
      gint64 v;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      v = g_ascii_strtoll (p, &end, 10);
      if (v > 0 && v <= G_MAXINT)
        out[n++] = (int) v;
      p = end;
    }
  return n;
}

/* Where the user said the video at @path goes (mml-file-overrides.c): its
 * series in @series_id (0: no override, or its series is gone), and in
 * @out the parse @parsed with the user's season and episodes in place of
 * the name's numbers: the rest of what the name says (quality, release
 * group, languages) stays. */
static gboolean
find_override (Apply                *apply,
               const char           *path,
               const MmlParseResult *parsed,
               MmlParseResult       *out,
               gint64               *series_id,
               GError              **error)
{
  sqlite3_stmt *s = apply->find_override;
  int rc;

  *series_id = 0;
  if (!apply->has_overrides)
    return TRUE;

  sqlite3_bind_int64 (s, 1, apply->root->root_id);
  sqlite3_bind_text (s, 2, path, strlen (path), SQLITE_STATIC);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    {
      *out = *parsed;
      out->parsed = TRUE;
      out->season = sqlite3_column_type (s, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 1);
      out->n_episodes = 0;
      if (out->season >= 0)
        out->n_episodes = parse_numbers ((const char *) sqlite3_column_text (s, 2), out->episodes);
      out->n_absolute = parse_numbers ((const char *) sqlite3_column_text (s, 3), out->absolute);
      /* one numbering only, so that relinking (mml-meta-link.c) reads the
       * user's too */
      out->air_year = out->air_month = out->air_day = 0;
      out->full_season = FALSE;
      out->special = out->season == 0;
      if (out->n_episodes > 0 || out->n_absolute > 0)
        *series_id = sqlite3_column_int64 (s, 0);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mml_store_set_sqlite_error (apply->db, error);

  return TRUE;
}

gboolean
_mml_scan_parse_video (Apply               *apply,
             guint                index,
             const MmlScanEntry  *entry,
             GError             **error)
{
  MmlParseResult parsed_here;
  MmlParseResult assigned;
  const MmlParseResult *rp = &parsed_here;
  const char *slash = strchr (entry->path, '/');
  gint64 file_id = apply->entry_ids[index];
  char air_date[16] = "";
  char languages[MML_PARSE_MAX_LANGUAGES * 10 + 3];
  gboolean placed, existed = file_id != 0;
  gint64 series_id, assigned_series;
  gsize n = 0;

  /* Parsed ahead on the scan thread, or here when it was not. */
  if (apply->root->parsed_ok != NULL && apply->root->parsed_ok[index])
    rp = &apply->root->parsed[index];
  else
    mml_parse_path (entry->path, -1, mml_root_kind_parse_flags (apply->root->kind), &parsed_here);

  /* The user's word comes before the name's.  This is the one place that
   * decides where a video goes, assigned or not. */
  if (!find_override (apply, entry->path, rp, &assigned, &assigned_series, error))
    return FALSE;
  if (assigned_series > 0)
    rp = &assigned;

  placed = rp->parsed && (rp->n_episodes > 0 || rp->n_absolute > 0 || rp->air_year > 0 ||
                        (rp->season >= 0 && rp->full_season));
  if (rp->air_year > 0)
    g_snprintf (air_date, sizeof air_date, "%04d-%02d-%02d", rp->air_year, rp->air_month, rp->air_day);

  languages[n++] = '[';
  for (guint i = 0; i < rp->n_languages; i++)
    n += g_snprintf (languages + n, sizeof languages - n, i ? ",\"%s\"" : "\"%s\"", rp->languages[i]);
  languages[n++] = ']';
  languages[n] = '\0';

  /* The top folder under the root is the series; loose files group by
   * title — only when recognised, or every stray clip would be a series. */
  if (assigned_series > 0)
    series_id = assigned_series;
  else if (slash != NULL)
    series_id = series_for_folder (apply, entry->path, slash - entry->path, NULL, error);
  else if (rp->title[0] != '\0' && placed)
    series_id = series_for_folder (apply, NULL, 0, rp->title, error);
  else
    series_id = 0;

  if (series_id < 0)
    return FALSE;
  apply->entry_series[index] = series_id;

  file_id = write_file (apply, file_id, entry, series_id, rp, placed, air_date, languages, &existed, error);
  if (file_id < 0)
    return FALSE;
  apply->entry_ids[index] = file_id;

  if (existed)
    {
      sqlite3_bind_int64 (apply->unlink_episodes, 1, file_id);
      if (!step_done (apply, apply->unlink_episodes, error))
        return FALSE;
    }

  /* Episodes known from the files on disk; metadata fills in the rest later. */
  if (series_id > 0 && placed)
    {
      if (rp->n_episodes > 0 && rp->season >= 0)
        {
          for (guint i = 0; i < rp->n_episodes; i++)
            if (!link_episode (apply, episode_id (apply, series_id, rp->season, rp->episodes[i], 0, NULL, error),
                               file_id, error))
              return FALSE;
        }
      else if (rp->n_absolute > 0)
        {
          for (guint i = 0; i < rp->n_absolute; i++)
            if (!link_episode (apply, episode_id (apply, series_id, -1, 0, rp->absolute[i], NULL, error),
                               file_id, error))
              return FALSE;
        }
      else if (air_date[0])
        {
          if (!link_episode (apply, episode_id (apply, series_id, -1, 0, 0, air_date, error),
                             file_id, error))
            return FALSE;
        }
    }

  if (!placed)
    {
      apply->summary->unrecognised++;
      sqlite3_bind_int64 (apply->add_conflict, 1, file_id);
      sqlite3_bind_text (apply->add_conflict, 2, "{}", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (apply->add_conflict, 3, apply->now);
      return step_done (apply, apply->add_conflict, error);
    }

  if (existed)
    {
      sqlite3_bind_int64 (apply->clear_conflict, 1, file_id);
      return step_done (apply, apply->clear_conflict, error);
    }

  return TRUE;
}

gboolean
_mml_scan_link_subtitle (Apply               *apply,
               guint                index,
               const MmlScanEntry  *entry,
               GError             **error)
{
  const MmlScanEntry *video = NULL;
  MmlSubtitleName info = { 0 };
  gint64 file_id = apply->entry_ids[index];
  gboolean existed = file_id != 0;
  gint64 video_id = 0;
  gint64 series_id = 0;
  char languages[32] = "[]";

  if (entry->video >= 0)
    {
      video = &g_array_index (apply->root->entries, MmlScanEntry, entry->video);
      video_id = apply->entry_ids[entry->video];
    }

  if (video != NULL && entry->sub_named)
    {
      /* read by the walk that linked it */
      if (entry->sub_language != NULL)
        g_strlcpy (info.language, entry->sub_language, sizeof info.language);
      info.forced = entry->sub_forced;
      info.hearing_impaired = entry->sub_hearing_impaired;
    }
  else if (video != NULL)
    {
      const char *video_name = base_name (video->path);
      const char *dot = strrchr (video_name, '.');
      gsize stem_len = dot ? (gsize) (dot - video_name) : strlen (video_name);

      if (!mml_subtitle_name_parse (video_name, stem_len, base_name (entry->path), -1, &info))
        mml_subtitle_name_parse ("", 0, base_name (entry->path), -1, &info);
    }

  if (info.language[0])
    g_snprintf (languages, sizeof languages, "[\"%s\"]", info.language);

  if (video_id > 0)
    series_id = apply->entry_series[entry->video];
  if (video_id > 0 && series_id == 0)
    {
      sqlite3_bind_int64 (apply->file_series, 1, video_id);
      if (sqlite3_step (apply->file_series) == SQLITE_ROW)
        series_id = sqlite3_column_int64 (apply->file_series, 0);
      sqlite3_reset (apply->file_series);
    }

  file_id = write_file (apply, file_id, entry, series_id, NULL, FALSE, NULL, languages, &existed, error);
  if (file_id < 0)
    return FALSE;
  apply->entry_ids[index] = file_id;

  if (existed)
    {
      sqlite3_bind_int64 (apply->delete_subtitle, 1, file_id);
      if (!step_done (apply, apply->delete_subtitle, error))
        return FALSE;
    }

  if (video_id > 0)
    {
      sqlite3_stmt *s = apply->insert_subtitle;

      sqlite3_bind_int64 (s, 1, video_id);
      sqlite3_bind_int64 (s, 2, file_id);
      if (info.language[0])
        sqlite3_bind_text (s, 3, info.language, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (s, 3);
      sqlite3_bind_int (s, 4, info.forced);
      sqlite3_bind_int (s, 5, info.hearing_impaired);
      if (!step_done (apply, s, error))
        return FALSE;
    }

  return TRUE;
}

