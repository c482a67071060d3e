/* mml-subtitles-controller-files.c — changing sidecars on disk: text to
 * UTF-8, Hebrew names to the app's own, RTL punctuation put right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All read the sidecars the store knows, decide on a worker thread what
 * each file needs (reading its text for the encoding), and change the
 * files through the journal (one batch, undoable; the original of a
 * converted file is kept in the trash). A dry run decides the same and
 * changes nothing. The roots that changed are rescanned.
 */
#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <string.h>

#include "mml-engine-private.h"
#include "mml-journal.h"
#include "mml-language.h"
#include "mml-subtitle-name.h"
#include "mml-subtitle-targets.h"
#include "mml-subtitle-text.h"
#include "mml-subtitles-controller-private.h"

/* Sidecars are small; a bigger file is not a subtitle we convert */
#define MAX_SIDECAR_BYTES (16 * 1024 * 1024)

void
mml_subtitle_change_free (MmlSubtitleChange *change)
{
  if (change == NULL)
    return;
  g_free (change->from);
  g_free (change->to);
  g_free (change->encoding);
  g_free (change->problem);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

typedef enum
{
  JOB_CONVERT,
  JOB_RENAME_HEBREW,
  JOB_FIX_RTL,
} JobKind;

typedef struct
{
  JobKind               kind;
  char                 *path;       /* convert: one file, or NULL */
  gboolean              dry_run;
  MmlSubtitleCodeStyle  style;
  GPtrArray            *sidecars;   /* MmlSidecar */
  GPtrArray            *changes;    /* MmlSubtitleChange */
  gint64                batch;
  GHashTable           *roots;      /* gint64 root ids that changed */
  GList                *rescan;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->sidecars, g_ptr_array_unref);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_pointer (&job->roots, g_hash_table_unref);
  g_list_free (job->rescan);
  g_free (job);
}

static MmlSubtitleChange *
change_new (const char *from,
            const char *to,
            const char *encoding)
{
  MmlSubtitleChange *c = g_new0 (MmlSubtitleChange, 1);

  c->from = g_strdup (from);
  c->to = g_strdup (to);
  c->encoding = g_strdup (encoding);
  return c;
}

/* The video's name without its extension */
static char *
video_stem (const char *video_path)
{
  g_autofree char *base = g_path_get_basename (video_path);
  const char *dot = strrchr (base, '.');

  return dot != NULL ? g_strndup (base, dot - base) : g_strdup (base);
}

/* What to do with one sidecar: NULL when nothing */
static MmlSubtitleChange *
plan_convert (MmlSidecar *s,
              GBytes    **utf8_out)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  const char *encoding;
  MmlSubtitleChange *c;
  GStatBuf st;

  if (g_stat (s->path, &st) != 0 || st.st_size > MAX_SIDECAR_BYTES)
    return NULL;
  if (!g_file_get_contents (s->path, &data, &len, &error))
    {
      c = change_new (s->path, s->path, NULL);
      c->problem = g_strdup (error->message);
      return c;
    }
  encoding = mml_subtitle_detect_encoding ((const guint8 *) data, len,
                                           g_strcmp0 (s->language, "und") != 0 ? s->language : NULL, NULL);
  /* UTF-8 already; a BOM is dropped only when converting something else */
  if (encoding != NULL && g_str_equal (encoding, "UTF-8") &&
      !(len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0))
    return NULL;
  c = change_new (s->path, s->path, encoding);
  if (encoding == NULL)
    {
      c->problem = g_strdup (_("The text's encoding cannot be told"));
      return c;
    }
  {
    gsize out_len = 0;
    char *text = mml_subtitle_text_to_utf8 ((const guint8 *) data, len, encoding, &out_len, &error);

    if (text == NULL)
      {
        c->problem = g_strdup (error->message);
        return c;
      }
    *utf8_out = g_bytes_new_take (text, out_len);
  }
  return c;
}

/* Lines that differ between @before and @after (the same number of lines:
 * the fix moves characters within a line); the first pair in @first_* */
static guint
count_changed_lines (const char  *before,
                     const char  *after,
                     char       **first_before,
                     char       **first_after)
{
  g_auto(GStrv) a = g_strsplit (before, "\n", -1);
  g_auto(GStrv) b = g_strsplit (after, "\n", -1);
  guint n = 0;

  for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      {
        if (n++ == 0)
          {
            *first_before = g_strchomp (g_strdup (a[i]));
            *first_after = g_strchomp (g_strdup (b[i]));
          }
      }
  return n;
}

/* Whether the RTL fix reads @path's format: SRT and WebVTT (the fix knows
 * their index and timing lines; ASS and the image formats are left) */
static gboolean
fix_rtl_reads (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".srt") == 0 || g_ascii_strcasecmp (dot, ".vtt") == 0);
}

static MmlSubtitleChange *
plan_fix_rtl (MmlSidecar *s,
              GBytes    **fixed_out)
{
  g_autofree char *data = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *fixed = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  const char *encoding;
  MmlSubtitleChange *c;
  GStatBuf st;

  if (!fix_rtl_reads (s->path) || g_stat (s->path, &st) != 0 || st.st_size > MAX_SIDECAR_BYTES)
    return NULL;
  if (!g_file_get_contents (s->path, &data, &len, &error))
    {
      c = change_new (s->path, s->path, NULL);
      c->problem = g_strdup (error->message);
      return c;
    }
  encoding = mml_subtitle_detect_encoding ((const guint8 *) data, len,
                                           g_strcmp0 (s->language, "und") != 0 ? s->language : NULL, NULL);
  if (encoding == NULL)
    return NULL;   /* not text we can read: nothing to fix that we could tell */
  if (!(utf8 = mml_subtitle_text_to_utf8 ((const guint8 *) data, len, encoding, NULL, NULL)))
    return NULL;
  fixed = mml_subtitle_fix_rtl_text (utf8);
  if (g_str_equal (fixed, utf8))
    return NULL;

  c = change_new (s->path, s->path, encoding);
  c->lines = count_changed_lines (utf8, fixed, &c->before, &c->after);
  {
    gsize fixed_len = strlen (fixed);

    *fixed_out = g_bytes_new_take (g_steal_pointer (&fixed), fixed_len);
  }
  return c;
}

static MmlSubtitleChange *
plan_rename (MmlSidecar           *s,
             MmlSubtitleCodeStyle  style)
{
  g_autofree char *stem = video_stem (s->video_path);
  g_autofree char *base = g_path_get_basename (s->path);
  g_autofree char *dir = g_path_get_dirname (s->path);
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  const char *ext = strrchr (base, '.');
  MmlSubtitleChange *c;

  if (ext == NULL || !g_str_has_prefix (base, stem))
    return NULL;
  name = mml_subtitle_name_build (stem, "he", s->forced, s->hearing_impaired, style, ext + 1);
  if (name == NULL || g_str_equal (name, base))
    return NULL;
  target = g_build_filename (dir, name, NULL);
  c = change_new (s->path, target, s->encoding);
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    c->problem = g_strdup (_("A file of that name is there already"));
  return c;
}

static void
files_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MmlSubtitlesController *self = source;
  Job *job = task_data;
  MmlJournalRun *run = NULL;
  GError *error = NULL;

  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_subtitle_change_free);
  for (guint i = 0; i < job->sidecars->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      MmlSidecar *s = g_ptr_array_index (job->sidecars, i);
      g_autoptr(GBytes) utf8 = NULL;
      MmlSubtitleChange *c;
      g_autoptr(GError) op_error = NULL;
      gboolean ok;

      if (job->path != NULL && g_strcmp0 (job->path, s->path) != 0)
        continue;
      c = job->kind == JOB_CONVERT ? plan_convert (s, &utf8)
          : job->kind == JOB_FIX_RTL ? plan_fix_rtl (s, &utf8)
          : plan_rename (s, job->style);
      if (c == NULL)
        continue;
      g_ptr_array_add (job->changes, c);
      if (job->dry_run || c->problem != NULL)
        continue;

      if (run == NULL)
        {
          const char *title = job->kind == JOB_CONVERT ? _("Subtitles converted to UTF-8")
                              : job->kind == JOB_FIX_RTL ? _("Punctuation of right-to-left subtitles fixed")
                              : _("Hebrew subtitles renamed");

          if (!(run = mml_journal_run_begin (self->store, "subtitles", title, &error)))
            {
              g_task_return_error (task, error);
              return;
            }
        }
      ok = job->kind != JOB_RENAME_HEBREW ? mml_journal_run_replace (run, c->from, utf8, &op_error)
                                          : mml_journal_run_rename (run, c->from, c->to, &op_error);
      if (ok)
        g_hash_table_add (job->roots, g_memdup2 (&s->root_id, sizeof s->root_id));
      else
        c->problem = g_strdup (op_error->message);
    }
  if (run != NULL)
    job->batch = mml_journal_run_finish (run);
  g_task_return_boolean (task, TRUE);
}

static void rescan_next (GTask *task);

static void
rescanned_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_library_controller_scan_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (summary == NULL)
    g_message ("Rescan after changing subtitles failed: %s", error->message);
  rescan_next (task);
}

/* Takes @task */
static void
rescan_next (GTask *task)
{
  MmlSubtitlesController *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (job->rescan != NULL)
    {
      gint64 root_id = *(gint64 *) job->rescan->data;

      job->rescan = g_list_delete_link (job->rescan, job->rescan);
      mml_library_controller_scan_async (mml_engine_get_library (self->engine), MML_SCAN_QUICK, root_id,
                                         NULL, rescanned_cb, task);
      return;
    }
  if (job->batch > 0)
    _mml_subtitles_controller_emit_changed (self);
  g_task_return_pointer (task, g_steal_pointer (&job->changes), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
files_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  job->rescan = g_hash_table_get_keys (job->roots);
  rescan_next (task);
}

static void
sidecars_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gpointer source_object = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GTask) work = NULL;
  GError *error = NULL;

  if (!(job->sidecars = mml_store_sidecars_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->path != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < job->sidecars->len && !known; i++)
        known = g_strcmp0 (((MmlSidecar *) g_ptr_array_index (job->sidecars, i))->path, job->path) == 0;
      if (!known)
        {
          g_autofree char *display = g_filename_display_name (job->path);

          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("“%s” is not a subtitle file of the library"), display);
          return;
        }
    }
  work = g_task_new (source_object, cancellable, files_done_cb,
                     g_steal_pointer (&task));
  g_task_set_task_data (work, job, NULL);
  g_task_run_in_thread (work, files_thread);
}

static void
style_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Job *job = g_task_get_task_data (task);
  g_autofree char *style = mml_store_get_preference_finish (MML_STORE (source), result, NULL);

  job->style = _mml_subtitle_code_style_from_pref (style);
  mml_store_sidecars_async (MML_STORE (source), job->kind == JOB_RENAME_HEBREW ? "he" : NULL,
                            cancellable, sidecars_cb, g_steal_pointer (&task));
}

static void
files_start (MmlSubtitlesController *self,
             JobKind                 kind,
             const char             *path,
             gboolean                dry_run,
             gpointer                source_tag,
             GCancellable           *cancellable,
             GAsyncReadyCallback     callback,
             gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  job->kind = kind;
  job->path = path != NULL ? g_canonicalize_filename (path, NULL) : NULL;
  job->dry_run = dry_run;
  job->roots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  mml_store_get_preference_async (self->store, MML_PREF_SUBTITLE_CODE_STYLE, cancellable,
                                  style_cb, g_steal_pointer (&task));
}

static GPtrArray *
files_finish (MmlSubtitlesController  *self,
              GAsyncResult            *result,
              gpointer                 source_tag,
              gint64                  *batch,
              GError                 **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (batch != NULL)
    *batch = job->batch;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mml_subtitles_controller_convert_async (MmlSubtitlesController *self,
                                        const char             *path,
                                        gboolean                dry_run,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  files_start (self, JOB_CONVERT, path, dry_run, mml_subtitles_controller_convert_async,
               cancellable, callback, user_data);
}

GPtrArray *
mml_subtitles_controller_convert_finish (MmlSubtitlesController  *self,
                                         GAsyncResult            *result,
                                         gint64                  *batch,
                                         GError                 **error)
{
  return files_finish (self, result, mml_subtitles_controller_convert_async, batch, error);
}

void
mml_subtitles_controller_fix_rtl_files_async (MmlSubtitlesController *self,
                                              const char             *path,
                                              gboolean                dry_run,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data)
{
  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  files_start (self, JOB_FIX_RTL, path, dry_run, mml_subtitles_controller_fix_rtl_files_async,
               cancellable, callback, user_data);
}

GPtrArray *
mml_subtitles_controller_fix_rtl_files_finish (MmlSubtitlesController  *self,
                                               GAsyncResult            *result,
                                               gint64                  *batch,
                                               GError                 **error)
{
  return files_finish (self, result, mml_subtitles_controller_fix_rtl_files_async, batch, error);
}

void
mml_subtitles_controller_rename_hebrew_async (MmlSubtitlesController *self,
                                              gboolean                dry_run,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data)
{
  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  files_start (self, JOB_RENAME_HEBREW, NULL, dry_run, mml_subtitles_controller_rename_hebrew_async,
               cancellable, callback, user_data);
}

GPtrArray *
mml_subtitles_controller_rename_hebrew_finish (MmlSubtitlesController  *self,
                                               GAsyncResult            *result,
                                               gint64                  *batch,
                                               GError                 **error)
{
  return files_finish (self, result, mml_subtitles_controller_rename_hebrew_async, batch, error);
}
