/* mml-subtitles-controller-fetch.c — searching and downloading subtitles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fetch, for each video lacking the language: its movie hash (on a
 * worker thread), a search by hash and series ids, the automatic pick,
 * the download, and the file written beside the video through the
 * journal (on a worker thread). The quota of every download reply is
 * kept in the store; after a 406 nothing is sent before the reset, in
 * this run or the next. The roots that got files are rescanned at the
 * end, so the new tracks count at once.
 */
#define G_LOG_DOMAIN "mml-subtitles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mml-credentials.h"
#include "mml-engine-private.h"
#include "mml-journal.h"
#include "mml-language.h"
#include "mml-services.h"
#include "mml-subtitle-name.h"
#include "mml-subtitle-targets.h"
#include "mml-subtitle-text.h"
#include "mml-subtitles-controller-private.h"

/* ---- the client and its account ---- */

typedef void (*ClientReady) (GTask *task, MmlOpenSubtitles *client);

static void
keys_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlSubtitlesController *self = g_task_get_source_object (task);
  ClientReady ready = g_object_get_data (G_OBJECT (task), "client-ready");
  g_autoptr(MmlSubtitleKeys) keys = NULL;
  GError *error = NULL;

  keys = mml_credentials_lookup_subtitles_finish (result, &error);
  if (keys == NULL && error != NULL)
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                               _("No OpenSubtitles API key: the keyring cannot be read (%s); "
                                 "set $MML_OPENSUBTITLES_API_KEY"), error->message);
      g_error_free (error);
      return;
    }
  if (keys == NULL || keys->api_key == NULL)
    {
      g_task_return_new_error (task, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_NO_CREDENTIALS,
                               _("No OpenSubtitles API key: add it in Settings, or set "
                                 "$MML_OPENSUBTITLES_API_KEY"));
      return;
    }
  if (self->client == NULL)
    self->client = mml_services_new_opensubtitles (mml_engine_get_http (self->engine));
  mml_opensubtitles_set_credentials (self->client, keys->api_key, keys->username, keys->password);
  ready (task, self->client);
}

/* Reads the account, then calls @ready with the client. */
static void
with_client (GTask       *task,
             ClientReady  ready)
{
  g_object_set_data (G_OBJECT (task), "client-ready", ready);
  mml_credentials_lookup_subtitles_async (g_task_get_cancellable (task), keys_read_cb, g_object_ref (task));
}

void
_mml_subtitles_controller_with_client (GTask                   *task,
                                       MmlSubtitlesClientReady  ready)
{
  with_client (task, (ClientReady) ready);
}

static gint64
imdb_number (const char *imdb_id)
{
  if (imdb_id == NULL)
    return 0;
  if (g_ascii_strncasecmp (imdb_id, "tt", 2) == 0)
    imdb_id += 2;
  return g_ascii_strtoll (imdb_id, NULL, 10);
}

/* The movie hash of @path, on a worker thread; 0 when the file is too
 * small or cannot be read (the search then goes by ids alone). */
static void
hash_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (task_data);
  guint64 hash = 0, size = 0;

  if (!mml_opensubtitles_hash_file (file, &hash, &size, cancellable, NULL))
    hash = 0;
  g_task_return_pointer (task, g_memdup2 (&hash, sizeof hash), g_free);
}

static void
hash_async (gpointer             source,
            const char          *path,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, hash_thread);
}

static guint64
hash_finish (GAsyncResult *result)
{
  g_autofree guint64 *hash = g_task_propagate_pointer (G_TASK (result), NULL);

  return hash != NULL ? *hash : 0;
}

static void
fill_query (MmlSubtitleQuery        *query,
            const MmlSubtitleTarget *target,
            guint64                  hash,
            const char * const      *languages)
{
  memset (query, 0, sizeof *query);
  query->moviehash = hash;
  query->parent_imdb_id = imdb_number (target->imdb_id);
  query->parent_tmdb_id = target->tmdb_id;
  if (target->episode >= 0 && (query->parent_imdb_id != 0 || query->parent_tmdb_id != 0))
    {
      query->season = target->season >= 0 ? target->season : 1;
      query->episode = target->episode;
    }
  query->languages = languages;
}

/* ---- search ---- */

typedef struct
{
  gint64             file_id;
  char              *language;
  char             **languages;
  MmlSubtitleTarget *target;
  MmlSubtitleQuery   query;
} Search;

static void
search_free (Search *s)
{
  g_free (s->language);
  g_strfreev (s->languages);
  mml_subtitle_target_free (s->target);
  g_free (s);
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *candidates = mml_opensubtitles_search_finish (MML_OPENSUBTITLES (source), result, &error);

  if (candidates == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, candidates, (GDestroyNotify) g_ptr_array_unref);
}

static void
search_with_client (GTask            *task,
                    MmlOpenSubtitles *client)
{
  Search *s = g_task_get_task_data (task);

  mml_opensubtitles_search_async (client, &s->query, g_task_get_cancellable (task), searched_cb,
                                  g_object_ref (task));
}

static void
search_hashed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Search *s = g_task_get_task_data (task);

  fill_query (&s->query, s->target, hash_finish (result), (const char * const *) s->languages);
  with_client (task, search_with_client);
}

static void
search_languages_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gpointer source_object = g_task_get_source_object (task);
  Search *s = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(s->languages = mml_store_get_subtitle_languages_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  hash_async (source_object, s->target->path, cancellable,
              search_hashed_cb, g_steal_pointer (&task));
}

static void
search_target_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gpointer source_object = g_task_get_source_object (task);
  Search *s = g_task_get_task_data (task);
  g_autoptr(GPtrArray) targets = NULL;
  GError *error = NULL;

  if (!(targets = mml_store_subtitle_targets_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (targets->len == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->file_id);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Video file %s is not on disk"), id);
      return;
    }
  s->target = g_ptr_array_steal_index (targets, 0);
  if (s->language != NULL)
    {
      s->languages = g_new0 (char *, 2);
      s->languages[0] = g_strdup (s->language);
      hash_async (source_object, s->target->path, cancellable,
                  search_hashed_cb, g_steal_pointer (&task));
      return;
    }
  mml_store_get_subtitle_languages_async (MML_STORE (source), cancellable,
                                          search_languages_cb, g_steal_pointer (&task));
}

void
mml_subtitles_controller_search_async (MmlSubtitlesController *self,
                                       gint64                  file_id,
                                       const char             *language,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Search *s;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_search_async);
  s = g_new0 (Search, 1);
  s->file_id = file_id;
  g_task_set_task_data (task, s, (GDestroyNotify) search_free);

  if (language != NULL && !(s->language = g_strdup (mml_language_normalise (language, -1))))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a language code or name"), language);
      return;
    }
  mml_store_subtitle_targets_async (self->store, 0, file_id, s->language, FALSE, cancellable,
                                    search_target_cb, g_steal_pointer (&task));
}

GPtrArray *
mml_subtitles_controller_search_finish (MmlSubtitlesController  *self,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- fetch ---- */

typedef struct
{
  MmlSubtitlesController  *self;         /* the task's source: outlives it */
  gint64                   series_id;
  char                    *language;
  const char              *languages[2];
  MmlSubtitleCodeStyle     style;
  gboolean                 fix_rtl;    /* MML_PREF_SUBTITLE_FIX_RTL */
  GPtrArray               *targets;      /* MmlSubtitleTarget */
  guint                    next;
  MmlSubtitleQuery         query;
  MmlSubtitleCandidate    *pick;
  MmlJournalRun           *run;          /* touched on worker threads, one at a time */
  GHashTable              *roots;        /* root ids that got a file */
  GList                   *rescan;       /* of those, still to rescan */
  GPtrArray               *series;       /* the series title of each download ("" for none) */
  MmlSubtitleFetchSummary  summary;
} Fetch;

static void
fetch_free (Fetch *f)
{
  if (f->self != NULL)
    f->self->fetching = FALSE;
  g_free (f->language);
  g_clear_pointer (&f->targets, g_ptr_array_unref);
  g_clear_pointer (&f->pick, mml_subtitle_candidate_unref);
  if (f->run != NULL)
    mml_journal_run_finish (f->run);
  g_clear_pointer (&f->roots, g_hash_table_unref);
  g_list_free (f->rescan);
  g_clear_pointer (&f->series, g_ptr_array_unref);
  g_free (f);
}

/* Goes on with the next video; takes @task */
static void fetch_next (GTask *task);

static void
quota_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mml_store_set_preference_finish (MML_STORE (source), result, &error))
    g_warning ("Cannot save the subtitle quota: %s", error->message);
}

/* Keeps what the service said of the quota, for the next run and for
 * Settings and the Dashboard; @out_left and @out_reset get what was kept
 * (left as they were for what the reply did not say) */
void
_mml_subtitles_controller_save_quota (MmlSubtitlesController *self,
                                      const MmlSubtitleQuota *quota,
                                      gboolean                exhausted,
                                      int                    *out_left,
                                      gint64                 *out_reset)
{
  if (quota->remaining >= 0)
    {
      g_autofree char *left = g_strdup_printf ("%d", quota->remaining);

      *out_left = quota->remaining;
      mml_store_set_preference_async (self->store, MML_PREF_SUBTITLE_QUOTA_LEFT, left, NULL, quota_saved_cb, NULL);
    }
  if (quota->reset_time_utc > 0)
    {
      g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, quota->reset_time_utc);

      *out_reset = quota->reset_time_utc;
      mml_store_set_preference_async (self->store, MML_PREF_SUBTITLE_QUOTA_RESET, reset, NULL, quota_saved_cb, NULL);
    }
  if (exhausted)
    {
      /* no reset time: wait a day, as the service's quota is daily */
      gint64 until = quota->reset_time_utc > 0 ? quota->reset_time_utc
                                               : g_get_real_time () / G_USEC_PER_SEC + 24 * 3600;
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, until);

      *out_left = 0;
      *out_reset = until;
      mml_store_set_preference_async (self->store, MML_PREF_SUBTITLE_QUOTA_STOP, text, NULL, quota_saved_cb, NULL);
      _mml_subtitles_controller_emit_quota_exhausted (self, until);
    }
}

static void
save_quota (MmlSubtitlesController *self,
            Fetch                  *f,
            const MmlSubtitleQuota *quota,
            gboolean                exhausted)
{
  _mml_subtitles_controller_save_quota (self, quota, exhausted, &f->summary.quota_left, &f->summary.reset_at);
  if (exhausted)
    f->summary.stopped_by_quota = TRUE;
}

typedef struct
{
  char   *path;
  GBytes *bytes;
} Write;

static void
write_free (Write *w)
{
  g_free (w->path);
  g_clear_pointer (&w->bytes, g_bytes_unref);
  g_free (w);
}

/* The downloaded file, in UTF-8, written where nothing is (worker thread) */
static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Write *w = task_data;
  Fetch *f = g_object_get_data (G_OBJECT (task), "fetch");
  MmlSubtitlesController *self = source;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (w->bytes, &len);
  GError *error = NULL;
  g_autoptr(GBytes) utf8 = _mml_subtitle_text_to_write (data, len, f->language, f->fix_rtl, &error);

  if (utf8 == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (f->run == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Subtitles in %s"), mml_language_get_display_name (f->language)
                                                ? mml_language_get_display_name (f->language) : f->language);

      if (!(f->run = mml_journal_run_begin (self->store, "subtitles", title, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (!mml_journal_run_create (f->run, w->path, utf8, &error))
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
  Fetch *f = g_task_get_task_data (task);
  MmlSubtitleTarget *t = g_ptr_array_index (f->targets, f->next - 1);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      f->summary.downloaded++;
      g_hash_table_add (f->roots, g_memdup2 (&t->root_id, sizeof t->root_id));
      if (f->series == NULL)
        f->series = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (f->series, g_strdup (t->series_title != NULL ? t->series_title : ""));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    f->summary.skipped++;   /* never over a file: a subtitle came since */
  else
    {
      g_message ("Cannot save a subtitle for file %" G_GINT64_FORMAT ": %s", t->file_id, error->message);
      f->summary.failed++;
    }
  fetch_next (g_steal_pointer (&task));
}

static void
downloaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gpointer source_object = g_task_get_source_object (task);
  MmlSubtitlesController *self = source_object;
  Fetch *f = g_task_get_task_data (task);
  MmlSubtitleTarget *t = g_ptr_array_index (f->targets, f->next - 1);
  MmlSubtitleQuota quota = { -1, -1, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GTask) write = NULL;
  Write *w;

  bytes = mml_opensubtitles_download_finish (MML_OPENSUBTITLES (source), result, &quota, NULL, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, MML_OPENSUBTITLES_ERROR, MML_OPENSUBTITLES_ERROR_QUOTA))
        {
          save_quota (self, f, &quota, TRUE);
          f->next = f->targets->len;   /* stop: never retry for quota */
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else
        {
          g_message ("Cannot download a subtitle for file %" G_GINT64_FORMAT ": %s", t->file_id, error->message);
          f->summary.failed++;
        }
      fetch_next (g_steal_pointer (&task));
      return;
    }
  save_quota (self, f, &quota, FALSE);

  /* <video stem>.<code>[.forced|.sdh].srt beside the video */
  {
    g_autofree char *base = g_path_get_basename (t->path);
    const char *dot = strrchr (base, '.');

    stem = dot != NULL ? g_strndup (base, dot - base) : g_strdup (base);
  }
  dir = g_path_get_dirname (t->path);
  name = mml_subtitle_name_build (stem, f->language, f->pick->foreign_parts_only,
                                  f->pick->hearing_impaired, f->style, "srt");
  w = g_new0 (Write, 1);
  w->path = g_build_filename (dir, name, NULL);
  w->bytes = g_steal_pointer (&bytes);
  write = g_task_new (self, cancellable, written_cb, g_object_ref (task));
  g_object_set_data (G_OBJECT (write), "fetch", f);
  g_task_set_task_data (write, w, (GDestroyNotify) write_free);
  g_task_run_in_thread (write, write_thread);
}

static void
fetch_searched_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  MmlSubtitleCandidate *pick;

  candidates = mml_opensubtitles_search_finish (MML_OPENSUBTITLES (source), result, &error);
  if (candidates == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_message ("Subtitle search failed: %s", error->message);
      f->summary.failed++;
      fetch_next (g_steal_pointer (&task));
      return;
    }
  pick = mml_opensubtitles_pick_automatic (candidates, &f->query, f->language);
  if (pick == NULL)
    {
      f->summary.skipped++;
      fetch_next (g_steal_pointer (&task));
      return;
    }
  g_clear_pointer (&f->pick, mml_subtitle_candidate_unref);
  f->pick = mml_subtitle_candidate_ref (pick);
  mml_opensubtitles_download_async (MML_OPENSUBTITLES (source), pick->file_id, cancellable,
                                    downloaded_cb, g_steal_pointer (&task));
}

static void
fetch_hashed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gpointer source_object = g_task_get_source_object (task);
  MmlSubtitlesController *self = source_object;
  Fetch *f = g_task_get_task_data (task);
  MmlSubtitleTarget *t = g_ptr_array_index (f->targets, f->next - 1);

  fill_query (&f->query, t, hash_finish (result), f->languages);
  if (f->query.moviehash == 0 && f->query.episode == 0)
    {
      /* nothing to search by: no hash, no ids */
      f->summary.skipped++;
      fetch_next (g_steal_pointer (&task));
      return;
    }
  mml_opensubtitles_search_async (self->client, &f->query, cancellable,
                                  fetch_searched_cb, g_steal_pointer (&task));
}

static void
rescanned_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_library_controller_scan_finish (MML_LIBRARY_CONTROLLER (source), result, &error);
  if (summary == NULL)
    g_message ("Rescan after the download failed: %s", error->message);
  fetch_next (g_steal_pointer (&task));
}

/* Takes @task */
static void
fetch_done (GTask *task)
{
  MmlSubtitlesController *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);

  self->fetching = FALSE;
  if (f->summary.downloaded > 0)
    _mml_subtitles_controller_emit_changed (self);
  if (f->series != NULL && f->series->len > 0)
    {
      g_ptr_array_add (f->series, NULL);
      _mml_subtitles_controller_emit_fetched (self, (const char * const *) f->series->pdata);
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
batch_closed_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  mml_journal_run_finish (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
batch_closed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *f = g_task_get_task_data (task);

  f->rescan = g_hash_table_get_keys (f->roots);
  fetch_next (task);
}

static void
fetch_next (GTask *task)
{
  MmlSubtitlesController *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);

  if (f->next > 0 || f->targets->len == 0)
    _mml_subtitles_controller_emit_progress (self, MIN (f->next, f->targets->len), f->targets->len);

  if (f->next < f->targets->len && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      MmlSubtitleTarget *t = g_ptr_array_index (f->targets, f->next++);

      hash_async (self, t->path, g_task_get_cancellable (task), fetch_hashed_cb, task);
      return;
    }

  /* the end: close the batch (its write is waited for, on a worker
   * thread), then rescan the roots that got files */
  if (f->run != NULL)
    {
      g_autoptr(GTask) close = g_task_new (self, NULL, batch_closed_cb, task);

      f->summary.batch = mml_journal_run_get_batch (f->run);
      g_task_set_task_data (close, g_steal_pointer (&f->run), NULL);
      g_task_run_in_thread (close, batch_closed_thread);
      return;
    }
  if (f->rescan != NULL)
    {
      gint64 root_id = *(gint64 *) f->rescan->data;

      f->rescan = g_list_delete_link (f->rescan, f->rescan);
      mml_library_controller_scan_async (mml_engine_get_library (self->engine), MML_SCAN_QUICK, root_id,
                                         NULL, rescanned_cb, task);
      return;
    }
  fetch_done (task);
}

static void
fetch_with_client (GTask            *task,
                   MmlOpenSubtitles *client)
{
  MmlSubtitlesController *self = g_task_get_source_object (task);

  Fetch *f = g_task_get_task_data (task);

  self->fetching = TRUE;
  f->self = self;
  fetch_next (g_object_ref (task));
}

static void
fetch_targets_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(f->targets = mml_store_subtitle_targets_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (f->targets->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  with_client (task, fetch_with_client);
}

static void
fetch_fix_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Fetch *f = g_task_get_task_data (task);
  g_autofree char *fix = mml_store_get_preference_finish (MML_STORE (source), result, NULL);

  f->fix_rtl = _mml_subtitle_fix_rtl_from_pref (fix);
  mml_store_subtitle_targets_async (MML_STORE (source), f->series_id, 0, f->language, TRUE,
                                    cancellable, fetch_targets_cb, g_steal_pointer (&task));
}

static void
fetch_style_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Fetch *f = g_task_get_task_data (task);
  g_autofree char *style = mml_store_get_preference_finish (MML_STORE (source), result, NULL);

  f->style = _mml_subtitle_code_style_from_pref (style);
  mml_store_get_preference_async (MML_STORE (source), MML_PREF_SUBTITLE_FIX_RTL, cancellable,
                                  fetch_fix_cb, g_steal_pointer (&task));
}

/* After a 406 nothing is sent before the reset: not in this run, not in
 * the next */
static void
fetch_quota_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Fetch *f = g_task_get_task_data (task);
  g_autofree char *stop = mml_store_get_preference_finish (MML_STORE (source), result, NULL);
  gint64 until = _mml_subtitle_quota_stopped_until (stop);

  if (until > 0)
    {
      f->summary.quota_left = 0;
      f->summary.reset_at = until;
      f->summary.stopped_by_quota = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }
  mml_store_get_preference_async (MML_STORE (source), MML_PREF_SUBTITLE_CODE_STYLE, cancellable,
                                  fetch_style_cb, g_steal_pointer (&task));
}

static void
fetch_language_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  Fetch *f = g_task_get_task_data (task);
  g_auto(GStrv) langs = NULL;
  GError *error = NULL;

  if (!(langs = mml_store_get_subtitle_languages_finish (MML_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  f->language = g_strdup (langs[0] != NULL ? langs[0] : "en");
  f->languages[0] = f->language;
  mml_store_get_preference_async (MML_STORE (source), MML_PREF_SUBTITLE_QUOTA_STOP, cancellable,
                                  fetch_quota_cb, g_steal_pointer (&task));
}

void
mml_subtitles_controller_fetch_async (MmlSubtitlesController *self,
                                      gint64                  series_id,
                                      const char             *language,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *f;

  g_return_if_fail (MML_IS_SUBTITLES_CONTROLLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_subtitles_controller_fetch_async);
  f = g_new0 (Fetch, 1);
  f->series_id = series_id;
  f->summary.quota_left = -1;
  f->roots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);

  if (self->fetching)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("Subtitles are being fetched already"));
      return;
    }
  if (language != NULL)
    {
      const char *code = mml_language_normalise (language, -1);

      if (code == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("“%s” is not a language code or name"), language);
          return;
        }
      f->language = g_strdup (code);
      f->languages[0] = f->language;
      mml_store_get_preference_async (self->store, MML_PREF_SUBTITLE_QUOTA_STOP, cancellable,
                                      fetch_quota_cb, g_steal_pointer (&task));
      return;
    }
  mml_store_get_subtitle_languages_async (self->store, cancellable, fetch_language_cb, g_steal_pointer (&task));
}

gboolean
mml_subtitles_controller_fetch_finish (MmlSubtitlesController   *self,
                                       GAsyncResult             *result,
                                       MmlSubtitleFetchSummary  *summary,
                                       GError                  **error)
{
  Fetch *f;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  f = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = f->summary;
  return g_task_propagate_boolean (G_TASK (result), error);
}
