/* mml-files.c — read the files table out, for `mml files` and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-files"

#include "config.h"

#include "mml-episode-rules.h"
#include "mml-files.h"
#include "mml-util.h"

typedef struct
{
  gint64         root_id;
  MmlFilesFormat format;
} DumpJob;

static void
append_column_text (GString      *out,
                    sqlite3_stmt *stmt,
                    int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    mml_json_append_string (out, (const char *) sqlite3_column_blob (stmt, col),
                            sqlite3_column_bytes (stmt, col));
}

/* Columns holding a JSON array of numbers written by the scanner. */
static void
append_column_raw_list (GString      *out,
                        sqlite3_stmt *stmt,
                        int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  g_string_append (out, text && text[0] == '[' ? text : "[]");
}

static void
dump_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  DumpJob *job = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_sized_new (64 * 1024);
  GError *error = NULL;
  gboolean json = job->format == MML_FILES_JSON;
  guint n = 0;
  int rc;

  stmt = mml_store_prepare (db,
                            "SELECT f.path, f.root_id, s.title, f.season, f.episodes, f.absolute, "
                            "       f.air_date, f.status, "
                            "       (SELECT group_concat (coalesce (language, 'und'), ',') FROM "
                            /* a sidecar counts while its file is there, or on a root that is away */
                            "          (SELECT sub.language AS language FROM subtitles sub "
                            "           WHERE sub.video_id = f.id AND " MML_SUBTITLE_TRACK_LIVE
                            "           ORDER BY sub.language)), f.id "
                            "FROM files f LEFT JOIN series s ON s.id = f.series_id "
                            "WHERE f.kind = 'video' AND (?1 = 0 OR f.root_id = ?1) "
                            "ORDER BY f.root_id, f.path",
                            &error);
  if (stmt == NULL)
    {
      g_string_free (out, TRUE);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->root_id);

  if (json)
    g_string_append (out, "[\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *subs = (const char *) sqlite3_column_text (stmt, 8);

      if (json)
        {
          g_auto(GStrv) langs = subs ? g_strsplit (subs, ",", -1) : NULL;

          g_string_append_printf (out, "%s{\"id\": %" G_GINT64_FORMAT ", \"path\": ", n ? ",\n" : "",
                                  (gint64) sqlite3_column_int64 (stmt, 9));
          append_column_text (out, stmt, 0);
          g_string_append_printf (out, ", \"root\": %" G_GINT64_FORMAT ", \"series\": ",
                                  (gint64) sqlite3_column_int64 (stmt, 1));
          append_column_text (out, stmt, 2);
          g_string_append (out, ", \"season\": ");
          if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
            g_string_append (out, "null");
          else
            g_string_append_printf (out, "%d", sqlite3_column_int (stmt, 3));
          g_string_append (out, ", \"episodes\": ");
          append_column_raw_list (out, stmt, 4);
          g_string_append (out, ", \"absolute\": ");
          append_column_raw_list (out, stmt, 5);
          g_string_append (out, ", \"air_date\": ");
          append_column_text (out, stmt, 6);
          g_string_append (out, ", \"status\": ");
          append_column_text (out, stmt, 7);
          g_string_append (out, ", \"subtitles\": [");
          for (guint i = 0; langs && langs[i]; i++)
            {
              if (i)
                g_string_append (out, ", ");
              mml_json_append_string (out, langs[i], -1);
            }
          g_string_append (out, "]}");
        }
      else
        {
          g_autofree char *path = g_filename_display_name ((const char *) sqlite3_column_text (stmt, 0));
          const char *title = (const char *) sqlite3_column_text (stmt, 2);

          g_string_append_printf (out, "%s\t%s\t%s\t%s\n",
                                  (const char *) sqlite3_column_text (stmt, 7),
                                  title ? title : "-",
                                  subs ? subs : "-",
                                  path);
        }
      n++;

      if ((n & 4095) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (json)
    g_string_append (out, n ? "\n]\n" : "]\n");

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      mml_store_set_sqlite_error (db, &error);
      g_string_free (out, TRUE);
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_string_free (out, TRUE);
      return;
    }

  g_task_return_pointer (task, g_string_free_to_bytes (out), (GDestroyNotify) g_bytes_unref);
}

/**
 * mml_store_dump_files_async:
 * @root_id: one root, or 0 for all
 *
 * Every video file with what was parsed from it: as text (status, series,
 * subtitle languages, path) or as the JSON array documented in the README.
 */
void
mml_store_dump_files_async (MmlStore            *self,
                            gint64               root_id,
                            MmlFilesFormat       format,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DumpJob *job = g_new0 (DumpJob, 1);

  job->root_id = root_id;
  job->format = format;
  mml_store_run_async (self, dump_job, job, g_free, mml_store_dump_files_async,
                       cancellable, callback, user_data);
}

/**
 * mml_store_dump_files_finish:
 *
 * Returns: (transfer full) (nullable): the listing
 */
GBytes *
mml_store_dump_files_finish (MmlStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
