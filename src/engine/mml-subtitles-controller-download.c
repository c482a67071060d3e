/* mml-subtitles-controller-download.c — one subtitle the user chose, its
 * undo, and the account, quota and naming the Settings show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A download: the video's path (store), the code style (store), the
 * quota (no request while it is used up), whether the name is taken (on
 * a worker thread, before spending a download), the download, the quota
 * kept, the file written in UTF-8 through the journal (on a worker
 * thread: created, or replacing the old one when asked, which goes to
 * the trash), a rescan of its root, "changed".
 */
#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-credentials.h"
#include "mml-secrets.h"
#include "mml-engine-private.h"
#include "mml-forward.h"
#include "mml-journal.h"
#include "mml-language.h"
#include "mml-services.h"
#include "mml-subtitle-targets.h"
#include "mml-subtitle-text.h"
#include "mml-subtitles-controller-private.h"

/* ---- download ---- */

typedef struct
{
  gint64                video_file_id;
  MmlSubtitleCandidate *candidate;
  gboolean              replace;
  const char           *language;    /* canonical, static */
  MmlSubtitleTarget    *target;
  MmlSubtitleCodeStyle  style;
  gboolean              fix_rtl;     /* move RTL punctuation to the logical end */
  char                 *path;        /* the file to write */
  GBytes               *bytes;       /* downloaded */
  gint64                batch;
  int                   quota_left;
  gint64                reset_at;
} Download;

static void
download_free (Download *d)
{
  g_clear_pointer (&d->candidate, mml_subtitle_candidate_unref);
  g_clear_pointer (&d->target, mml_subtitle_target_free);
  g_free (d->path);
  g_clear_pointer (&d->bytes, g_bytes_unref);
  g_free (d);
}

/* "No downloads left today; they reset at 01:00" in local time */
static GError *
quota_error (gint64 until)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;

  if (when == NULL)
    return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA,
                        _("No downloads left today"));
  /* Translators: %s is a local time, "01:00" */
  return g_error_new (MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA,
                      _("No downloads left today; they reset at %s"), when);
}

static void
download_rescanned_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_library_controller_scan_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (summary == NULL)
    g_message ("Rescan after the download failed: %s", error->message);
  _mml_subtitles_controller_emit_changed (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

/* The downloaded file, in UTF-8, written (or replacing) through the
 * journal, on a worker thread */
static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MmlSubtitlesController *self = source;
  Download *d = task_data;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (d->bytes, &len);
  GError *error = NULL;
  g_autoptr(GBytes) utf8 = _mml_subtitle_text_to_write (data, len, d->language, d->fix_rtl, &error);
  g_autofree char *title = NULL;
  MmlJournalRun *run;
  gboolean ok;

  if (utf8 == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  title = g_strdup_printf (_("Subtitles in %s"), mml_language_get_display_name (d->language)
                           ? mml_language_get_display_name (d->language) : d->language);
  if (!(run = mml_journal_run_begin (self->store, "subtitles", title, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  d->batch = mml_journal_run_get_batch (run);
  /* create never writes over a file: when one came since the check, and
   * no replacement was asked, this fails with G_IO_ERROR_EXISTS */
  if (d->replace && g_file_test (d->path, G_FILE_TEST_EXISTS))
    ok = mml_journal_run_replace (run, d->path, utf8, &error);
  else
    ok = mml_journal_run_create (run, d->path, utf8, &error);
  mml_journal_run_finish (run);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitlesController *self = g_task_get_source_object (task);
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the new track counts at once */
  mml_library_controller_scan_async (mml_engine_get_library (self->engine), MML_SCAN_QUICK, d->target->root_id,
                                     NULL, download_rescanned_cb, g_steal_pointer (&task));
}

static void
downloaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitlesController *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  Download *d = g_task_get_task_data (task);
  MmlSubtitleQuota quota = { -1, -1, 0, 0 };
  g_autoptr(GTask) write = NULL;
  GError *error = NULL;

  d->bytes = mml_opensubtitles_download_finish (MML_OPENSUBTITLES (source), result, &quota, NULL, &error);
  if (d->bytes == NULL)
    {
      if (g_error_matches (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA))
        {
          _mml_subtitles_controller_save_quota (self, &quota, TRUE, &d->quota_left, &d->reset_at);
          g_clear_error (&error);
          error = quota_error (d->reset_at);
        }
      g_task_return_error (task, error);
      return;
    }
  _mml_subtitles_controller_save_quota (self, &quota, FALSE, &d->quota_left, &d->reset_at);

  write = g_task_new (self, cancellable, written_cb, g_steal_pointer (&task));
  g_task_set_task_data (write, d, NULL);
  g_task_run_in_thread (write, write_thread);
}

static void
download_with_client (GTask            *task,
                      MmlOpenSubtitles *client)
{
  Download *d = g_task_get_task_data (task);

  mml_opensubtitles_download_async (client, d->candidate->file_id, g_task_get_cancellable (task),
                                    downloaded_cb, g_object_ref (task));
}

/* Whether the name is taken, before a download is spent (worker thread) */
static void
exists_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_task_return_boolean (task, g_file_test (task_data, G_FILE_TEST_EXISTS));
}

static void
exists_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *d = g_task_get_task_data (task);

  if (g_task_propagate_boolean (G_TASK (result), NULL) && !d->replace)
    {
      g_autofree char *name = g_filename_display_basename (d->path);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("“%s” is there already"), name);
      return;
    }
  _mml_subtitles_controller_with_client (task, download_with_client);
}

static void
download_quota_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gpointer source_object = g_task_get_source_object (task);
  Download *d = g_task_get_task_data (task);
  g_autofree char *stop = mml_store_get_preference_finish (MML_STORE (source), result, NULL);
  gint64 until = _mml_subtitle_quota_stopped_until (stop);
  g_autoptr(GTask) exists = NULL;

  /* after a 406 nothing is sent before the reset */
  if (until > 0)
    {
      g_task_return_error (task, quota_error (until));
      return;
    }

  {
    g_autofree char *base = g_path_get_basename (d->target->path);
    g_autofree char *dir = g_path_get_dirname (d->target->path);
    const char *dot = strrchr (base, '.');
    g_autofree char *stem = dot != NULL ? g_strndup (base, dot - base) : g_strdup (base);
    g_autofree char *name = mml_subtitle_name_build (stem, d->language, d->candidate->foreign_parts_only,
                                                     d->candidate->hearing_impaired, d->style, "srt");

    d->path = g_build_filename (dir, name, NULL);
  }
  exists = g_task_new (source_object, cancellable, exists_cb, g_steal_pointer (&task));
  g_task_set_task_data (exists, g_strdup (d->path), g_free);
  g_task_run_in_thread (exists, exists_thread);
}

static void
download_fix_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Download *d = g_task_get_task_data (task);
  g_autofree char *fix = mml_store_get_preference_finish (MML_STORE (source), result, NULL);

  d->fix_rtl = _mml_subtitle_fix_rtl_from_pref (fix);
  mml_store_get_preference_async (MML_STORE (source), MML_PREF_SUBTITLE_QUOTA_STOP, cancellable,
                                  download_quota_cb, g_steal_pointer (&task));
}

static void
download_style_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Download *d = g_task_get_task_data (task);
  g_autofree char *style = mml_store_get_preference_finish (MML_STORE (source), result, NULL);

  d->style = _mml_subtitle_code_style_from_pref (style);
  mml_store_get_preference_async (MML_STORE (source), MML_PREF_SUBTITLE_FIX_RTL, cancellable,
                                  download_fix_cb, g_steal_pointer (&task));
}

static void
download_target_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Download *d = g_task_get_task_data (task);
  g_autoptr(GPtrArray) targets = NULL;
  GError *error = NULL;

  if (!(targets = mml_store_subtitle_targets_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (targets->len == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, d->video_file_id);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Video file %s is not on disk"), id);
      return;
    }
  d->target = g_ptr_array_steal_index (targets, 0);
  mml_store_get_preference_async (MML_STORE (source), MML_PREF_SUBTITLE_CODE_STYLE, cancellable,
                                  download_style_cb, g_steal_pointer (&task));
}

void
mml_subtitles_controller_download_async (MmlSubtitlesController *self,
                                         gint64                  video_file_id,
                                         MmlSubtitleCandidate   *candidate,
                                         gboolean                replace,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Download *d;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));
  g_return_if_fail (candidate != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_download_async);
  d = g_new0 (Download, 1);
  d->video_file_id = video_file_id;
  d->candidate = mml_subtitle_candidate_ref (candidate);
  d->replace = replace;
  d->quota_left = -1;
  g_task_set_task_data (task, d, (GDestroyNotify) download_free);

  if (candidate->language == NULL || !(d->language = mml_language_normalise (candidate->language, -1)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The subtitle names no language this app knows"));
      return;
    }
  mml_store_subtitle_targets_async (self->store, 0, video_file_id, d->language, FALSE, cancellable,
                                    download_target_cb, g_steal_pointer (&task));
}

gboolean
mml_subtitles_controller_download_finish (MmlSubtitlesController  *self,
                                          GAsyncResult            *result,
                                          gint64                  *batch,
                                          char                   **path,
                                          GError                 **error)
{
  Download *d;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_subtitles_controller_download_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  d = g_task_get_task_data (G_TASK (result));
  if (batch != NULL)
    *batch = d->batch;
  if (path != NULL)
    *path = g_strdup (d->path);
  return TRUE;
}

/* ---- undo ---- */

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MmlSubtitlesController *self = source;
  gint64 batch = *(gint64 *) task_data;
  GError *error = NULL;

  if (!mml_journal_undo (self->store, batch, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
undo_rescanned_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_library_controller_scan_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (summary == NULL)
    g_message ("Rescan after the undo failed: %s", error->message);
  _mml_subtitles_controller_emit_changed (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitlesController *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the journal does not say which roots: every enabled one, quickly */
  mml_library_controller_scan_async (mml_engine_get_library (self->engine), MML_SCAN_QUICK, 0,
                                     NULL, undo_rescanned_cb, g_steal_pointer (&task));
}

void
mml_subtitles_controller_undo_async (MmlSubtitlesController *self,
                                     gint64                  batch,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) work = NULL;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));
  g_return_if_fail (batch > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_undo_async);
  work = g_task_new (self, cancellable, undone_cb, g_steal_pointer (&task));
  g_task_set_task_data (work, g_memdup2 (&batch, sizeof batch), g_free);
  g_task_run_in_thread (work, undo_thread);
}

gboolean
mml_subtitles_controller_undo_finish (MmlSubtitlesController  *self,
                                      GAsyncResult            *result,
                                      GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the quota as last told ---- */

static const char * const quota_keys[] = {
  MML_PREF_SUBTITLE_QUOTA_LEFT,
  MML_PREF_SUBTITLE_QUOTA_RESET,
  MML_PREF_SUBTITLE_QUOTA_STOP,
};

typedef struct
{
  guint                 next;
  MmlSubtitleQuotaState state;
} QuotaRead;

static void
quota_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  QuotaRead *q = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *value = mml_store_get_preference_finish (MML_STORE (source), result, &error);
  gint64 number;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  number = value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
  switch (q->next++)
    {
    case 0:
      q->state.left = value != NULL ? (int) CLAMP (number, -1, G_MAXINT) : -1;
      break;
    case 1:
      q->state.reset_at = MAX (number, 0);
      break;
    default:
      q->state.stopped_until = MAX (number, 0);
      break;
    }
  if (q->next < G_N_ELEMENTS (quota_keys))
    {
      mml_store_get_preference_async (MML_STORE (source), quota_keys[q->next], cancellable,
                                      quota_read_cb, g_steal_pointer (&task));
      return;
    }
  /* a stop still ahead means nothing is left, whatever was said before */
  if (q->state.stopped_until > g_get_real_time () / G_USEC_PER_SEC)
    {
      q->state.left = 0;
      q->state.reset_at = q->state.stopped_until;
    }
  g_task_return_boolean (task, TRUE);
}

void
mml_subtitles_controller_get_quota_async (MmlSubtitlesController *self,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  QuotaRead *q;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_get_quota_async);
  q = g_new0 (QuotaRead, 1);
  q->state.left = -1;
  g_task_set_task_data (task, q, g_free);
  mml_store_get_preference_async (self->store, quota_keys[0], cancellable, quota_read_cb, g_steal_pointer (&task));
}

gboolean
mml_subtitles_controller_get_quota_finish (MmlSubtitlesController  *self,
                                           GAsyncResult            *result,
                                           MmlSubtitleQuotaState   *quota,
                                           GError                 **error)
{
  QuotaRead *q;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  q = g_task_get_task_data (G_TASK (result));
  if (quota != NULL)
    *quota = q->state;
  return TRUE;
}

/* ---- the account ---- */

static void
account_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mml_credentials_save_subtitles_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mml_subtitles_controller_save_account_async (MmlSubtitlesController *self,
                                             const char             *field,
                                             const char             *value,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_save_account_async);
  /* the client reads the account again before each use */
  mml_credentials_save_subtitles_async (field, value, cancellable, account_saved_cb, task);
}

gboolean
mml_subtitles_controller_save_account_finish (MmlSubtitlesController  *self,
                                              GAsyncResult            *result,
                                              GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mml_subtitle_account_state_free (MmlSubtitleAccountState *state)
{
  if (state == NULL)
    return;
  g_free (state->username);
  g_free (state);
}

static void
account_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlSubtitleKeys) keys = NULL;
  g_autofree char *env_name = NULL;
  MmlSubtitleAccountState *state;
  GError *error = NULL;
  const char *env;

  if (!(keys = mml_credentials_lookup_subtitles_finish (result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  env_name = mml_secrets_get_env_name (MML_CREDENTIALS_SUBTITLES, "api-key");
  env = g_getenv (env_name);
  state = g_new0 (MmlSubtitleAccountState, 1);
  state->has_api_key = keys->api_key != NULL && *keys->api_key != '\0';
  state->api_key_from_env = env != NULL && *env != '\0';
  state->username = keys->username != NULL && *keys->username != '\0' ? g_strdup (keys->username) : NULL;
  state->has_password = keys->password != NULL && *keys->password != '\0';
  g_task_return_pointer (task, state, (GDestroyNotify) mml_subtitle_account_state_free);
}

void
mml_subtitles_controller_read_account_async (MmlSubtitlesController *self,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_read_account_async);
  mml_credentials_lookup_subtitles_async (cancellable, account_read_cb, task);
}

MmlSubtitleAccountState *
mml_subtitles_controller_read_account_finish (MmlSubtitlesController  *self,
                                              GAsyncResult            *result,
                                              GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *api_key;
  char *username;
  char *password;
} AccountTest;

static void
account_test_free (AccountTest *t)
{
  g_free (t->api_key);
  g_free (t->username);
  if (t->password != NULL)
    memset (t->password, 0, strlen (t->password));
  g_free (t->password);
  g_free (t);
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
account_tested_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitlesController *self = g_task_get_source_object (task);
  /* the reference account_keys_cb made it with */
  g_autoptr(MmlOpenSubtitles) client = MML_OPENSUBTITLES (source);
  MmlSubtitleAccount *account;
  GError *error = NULL;

  if (!(account = mml_opensubtitles_test_finish (client, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (account->remaining_downloads >= 0)
    {
      MmlSubtitleQuota quota = { -1, account->remaining_downloads, 0, 0 };
      int left = -1;
      gint64 reset = 0;

      _mml_subtitles_controller_save_quota (self, &quota, FALSE, &left, &reset);
    }
  g_task_return_pointer (task, account, (GDestroyNotify) mml_subtitle_account_free);
}

static void
account_keys_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitlesController *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  AccountTest *t = g_task_get_task_data (task);
  g_autoptr(MmlSubtitleKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  MmlOpenSubtitles *client;

  keys = mml_credentials_lookup_subtitles_finish (result, &error);
  if (t->api_key == NULL && keys != NULL)
    t->api_key = g_strdup (keys->api_key);
  if (t->username == NULL && keys != NULL)
    t->username = g_strdup (keys->username);
  if (t->password == NULL && keys != NULL)
    t->password = g_strdup (keys->password);

  if (t->api_key == NULL)
    {
      if (error != NULL)
        g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                                 _("No API key: type one above (the keyring cannot be read: %s)"),
                                 error->message);
      else
        g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                                 _("No API key: type one above"));
      return;
    }
  if (t->username == NULL || t->password == NULL)
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                               _("Type your user name and password to test the account"));
      return;
    }

  /* a client of its own: the test never disturbs a download's session */
  client = mml_services_new_opensubtitles (mml_engine_get_http (self->engine));
  mml_opensubtitles_set_credentials (client, t->api_key, t->username, t->password);
  mml_opensubtitles_test_async (client, cancellable, account_tested_cb, g_steal_pointer (&task));
}

void
mml_subtitles_controller_test_account_async (MmlSubtitlesController *self,
                                             const char             *api_key,
                                             const char             *username,
                                             const char             *password,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  AccountTest *t;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_test_account_async);
  t = g_new0 (AccountTest, 1);
  t->api_key = nonempty (api_key);
  t->username = nonempty (username);
  t->password = nonempty (password);
  g_task_set_task_data (task, t, (GDestroyNotify) account_test_free);
  mml_credentials_lookup_subtitles_async (cancellable, account_keys_cb, g_steal_pointer (&task));
}

MmlSubtitleAccount *
mml_subtitles_controller_test_account_finish (MmlSubtitlesController  *self,
                                              GAsyncResult            *result,
                                              GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- how saved files name their language ---- */

static void
style_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *style = mml_store_get_preference_finish (MML_STORE (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, _mml_subtitle_code_style_from_pref (style));
}

void
mml_subtitles_controller_get_code_style_async (MmlSubtitlesController *self,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_get_code_style_async);
  mml_store_get_preference_async (self->store, MML_PREF_SUBTITLE_CODE_STYLE, cancellable, style_read_cb, task);
}

MmlSubtitleCodeStyle
mml_subtitles_controller_get_code_style_finish (MmlSubtitlesController  *self,
                                                GAsyncResult            *result,
                                                GError                 **error)
{
  GError *local = NULL;
  gssize style;

  g_return_val_if_fail (g_task_is_valid (result, self), MML_SUBTITLE_CODE_ISO639_2B);

  style = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return MML_SUBTITLE_CODE_ISO639_2B;
    }
  return (MmlSubtitleCodeStyle) style;
}

void
mml_subtitles_controller_set_code_style_async (MmlSubtitlesController *self,
                                               MmlSubtitleCodeStyle    style,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = _mml_forward_new_boolean (self, mml_subtitles_controller_set_code_style_async,
                                   (MmlForwardFinishBoolean) mml_store_set_preference_finish,
                                   cancellable, callback, user_data);
  mml_store_set_preference_async (self->store, MML_PREF_SUBTITLE_CODE_STYLE,
                                  _mml_subtitle_code_style_to_pref (style),
                                  cancellable, _mml_forward_cb, task);
}

gboolean
mml_subtitles_controller_set_code_style_finish (MmlSubtitlesController  *self,
                                                GAsyncResult            *result,
                                                GError                 **error)
{
  return _mml_forward_finish_boolean (self, result, mml_subtitles_controller_set_code_style_async, error);
}

/* --- the RTL punctuation fix -------------------------------------------------- */

/**
 * _mml_subtitle_text_to_write:
 * @language: what it was asked in (helps tell its encoding)
 * @fix_rtl: move the punctuation of Hebrew and Arabic lines to the logical
 *   end (the user's MML_PREF_SUBTITLE_FIX_RTL)
 *
 * What a downloaded subtitle becomes on disk, for a single download and a
 * fetch run alike: UTF-8, fixed when asked. Blocking (a worker thread).
 *
 * Returns: (transfer full) (nullable): the bytes to write
 */
GBytes *
_mml_subtitle_text_to_write (const guint8  *data,
                             gsize          len,
                             const char    *language,
                             gboolean       fix_rtl,
                             GError       **error)
{
  const char *encoding = mml_subtitle_detect_encoding (data, len, language, NULL);
  gsize out_len = 0;
  char *text;

  if (encoding == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The downloaded subtitle is not text"));
      return NULL;
    }
  if (!(text = mml_subtitle_text_to_utf8 (data, len, encoding, &out_len, error)))
    return NULL;
  /* lines whose punctuation a legacy tool stored at the wrong end (the
   * others come back unchanged) */
  if (fix_rtl)
    {
      char *fixed = mml_subtitle_fix_rtl_text (text);

      g_free (text);
      text = fixed;
      out_len = strlen (text);
    }
  return g_bytes_new_take (text, out_len);
}

gboolean
_mml_subtitle_fix_rtl_from_pref (const char *pref)
{
  return g_strcmp0 (pref, "1") == 0;
}

static void
fix_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *value = mml_store_get_preference_finish (MML_STORE (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, _mml_subtitle_fix_rtl_from_pref (value));
}

void
mml_subtitles_controller_get_fix_rtl_async (MmlSubtitlesController *self,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_get_fix_rtl_async);
  mml_store_get_preference_async (self->store, MML_PREF_SUBTITLE_FIX_RTL, cancellable, fix_read_cb, task);
}

gboolean
mml_subtitles_controller_get_fix_rtl_finish (MmlSubtitlesController  *self,
                                             GAsyncResult            *result,
                                             GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mml_subtitles_controller_set_fix_rtl_async (MmlSubtitlesController *self,
                                            gboolean                fix,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = _mml_forward_new_boolean (self, mml_subtitles_controller_set_fix_rtl_async,
                                   (MmlForwardFinishBoolean) mml_store_set_preference_finish,
                                   cancellable, callback, user_data);
  mml_store_set_preference_async (self->store, MML_PREF_SUBTITLE_FIX_RTL, fix ? "1" : "0",
                                  cancellable, _mml_forward_cb, task);
}

gboolean
mml_subtitles_controller_set_fix_rtl_finish (MmlSubtitlesController  *self,
                                             GAsyncResult            *result,
                                             GError                 **error)
{
  return _mml_forward_finish_boolean (self, result, mml_subtitles_controller_set_fix_rtl_async, error);
}
