/* mml-prober.c — read the embedded subtitle tracks of the library's new and
 * changed videos, a few at a time, off the caller's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run: the store says which videos need reading (their probe key is
 * not their size:mtime:inode), a few lanes on worker threads take them in
 * turn and read each with mml_media_probe_file(), and what they read is
 * written back in one transaction every few hundred milliseconds. The
 * caller's thread only hands batches to the store's writer thread and
 * reports progress; a slow disk holds a lane, never the caller.
 *
 * A file that is no container we read is written with no tracks, so it is
 * not read again until it changes; one that could not be opened (gone,
 * unreadable) keeps its old key and is tried on the next run.
 */
#define G_LOG_DOMAIN "mml-probe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "mml-media-probe.h"
#include "mml-probe-store.h"
#include "mml-prober.h"
#include "mml-subtitle-text.h"

/* How much of a sidecar's text is read to tell its encoding and language */
#define SIDECAR_SAMPLE (256 * 1024)

/* How often what the lanes read is written and progress reported */
#define FLUSH_INTERVAL_MS 250

typedef struct
{
  gatomicrefcount       ref_count;
  MmlStore             *store;
  GTask                *task;            /* the caller's; NULL once returned */
  GCancellable         *cancellable;
  MmlProbeProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  guint                 max_parallel;
  gint64                started;

  GPtrArray            *candidates;      /* (element-type MmlProbeCandidate), read-only once lanes run */
  int                   next;            /* atomic: the next candidate a lane takes */

  GMutex                lock;            /* guards what follows, up to the comment */
  GPtrArray            *pending;         /* (element-type MmlProbeResult) not written yet */
  guint                 done;
  guint                 written;         /* done with a result */
  guint                 failed;
  guint                 tracks;
  /* main context only */
  GSource              *flush_source;
  guint                 lanes_running;
  guint                 writes_running;
  guint                 changed;         /* videos whose stored tracks changed */
  GError               *error;           /* the first write that failed */
} Run;

static Run *
run_ref (Run *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

static void
run_unref (Run *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;

  if (run->progress_destroy != NULL)
    run->progress_destroy (run->progress_data);
  g_clear_object (&run->store);
  g_clear_object (&run->task);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->candidates, g_ptr_array_unref);
  g_clear_pointer (&run->pending, g_ptr_array_unref);
  if (run->flush_source != NULL)
    {
      g_source_destroy (run->flush_source);
      g_source_unref (run->flush_source);
    }
  g_clear_error (&run->error);
  g_mutex_clear (&run->lock);
  g_free (run);
}

static GPtrArray *
new_results (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mml_probe_result_free);
}

/* --- the lanes (worker threads) -------------------------------------------- */

/* The first SIDECAR_SAMPLE bytes of @path into @data; FALSE when it cannot
 * be opened */
static gboolean
read_sample (const char  *path,
             guint8      *data,
             gsize       *out_len,
             GError     **error)
{
  gsize len = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", path, g_strerror (errsv));
      return FALSE;
    }
  while (len < SIDECAR_SAMPLE)
    {
      gssize n = read (fd, data + len, SIDECAR_SAMPLE - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      len += n;
    }
  close (fd);
  *out_len = len;
  return TRUE;
}

/* A sidecar's text: its encoding, and the language it is written in. FALSE
 * when it cannot be read (it is tried again on the next run). An empty
 * file (by its row) is not opened. */
static gboolean
read_sidecar (const char      *path,
              gboolean         empty,
              MmlProbeResult  *result,
              GError         **error)
{
  g_autofree guint8 *data = NULL;
  gsize len = 0;
  const char *encoding;

  /* an empty file has no text to tell an encoding or a language by: both
   * stay unknown (what a scan that finds it empty already writes) */
  if (empty)
    return TRUE;
  data = g_malloc (SIDECAR_SAMPLE);
  if (!read_sample (path, data, &len, error))
    return FALSE;

  /* a sample cut inside a multi-byte character still reads as UTF-8 (the
   * detector allows a sequence cut by the end) */
  encoding = mml_subtitle_detect_encoding (data, len, NULL, NULL);
  result->encoding = g_strdup (encoding);
  if (encoding != NULL)
    {
      gsize out_len = 0;
      g_autofree char *text = mml_subtitle_text_to_utf8 (data, len, encoding, &out_len, NULL);

      if (text != NULL)
        result->text_language = g_strdup (mml_subtitle_guess_language (text, out_len));
    }
  return TRUE;
}

static void
lane_thread (GTask        *lane,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Run *run = task_data;

  for (;;)
    {
      g_autoptr(GPtrArray) tracks = NULL;
      g_autoptr(GError) error = NULL;
      MmlProbeCandidate *candidate;
      MmlProbeResult *result = NULL;
      gboolean ok;
      int i;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      i = g_atomic_int_add (&run->next, 1);
      if (i < 0 || (guint) i >= run->candidates->len)
        break;
      candidate = g_ptr_array_index (run->candidates, i);

      if (candidate->sidecar)
        {
          result = mml_probe_result_new (candidate->file_id, candidate->probe_key, NULL);
          result->sidecar = TRUE;
          ok = read_sidecar (candidate->path, candidate->empty, result, &error);
          if (!ok)
            g_clear_pointer (&result, mml_probe_result_free);
        }
      else if (candidate->empty)
        {
          /* an empty file holds no tracks: nothing to open (placeholders,
           * a copy that has not started) */
          ok = TRUE;
          result = mml_probe_result_new (candidate->file_id, candidate->probe_key, NULL);
        }
      else
        {
          ok = mml_media_probe_file (candidate->path, &tracks, &error);
          if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
            result = mml_probe_result_new (candidate->file_id, candidate->probe_key,
                                           g_steal_pointer (&tracks));
        }
      if (result != NULL)
        result->first = !candidate->had_tracks;
      if (!ok)
        g_debug ("%s", error->message);

      g_mutex_lock (&run->lock);
      run->done++;
      if (!ok)
        run->failed++;
      if (result != NULL)
        {
          run->tracks += result->tracks->len;
          run->written++;
          g_ptr_array_add (run->pending, result);
        }
      g_mutex_unlock (&run->lock);
    }

  g_task_return_boolean (lane, TRUE);
}

/* --- the caller's side ----------------------------------------------------- */

static void
maybe_complete (Run *run)
{
  MmlProbeSummary *summary;

  if (run->task == NULL || run->lanes_running > 0 || run->writes_running > 0)
    return;

  if (run->flush_source != NULL)
    {
      g_source_destroy (run->flush_source);
      g_clear_pointer (&run->flush_source, g_source_unref);
    }

  if (run->error != NULL)
    {
      g_task_return_error (run->task, g_steal_pointer (&run->error));
    }
  else if (!g_task_return_error_if_cancelled (run->task))
    {
      summary = g_new0 (MmlProbeSummary, 1);
      g_mutex_lock (&run->lock);
      summary->candidates = run->candidates ? run->candidates->len : 0;
      summary->probed = run->written;
      summary->failed = run->failed;
      summary->tracks = run->tracks;
      g_mutex_unlock (&run->lock);
      summary->changed = run->changed;
      summary->seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;
      g_task_return_pointer (run->task, summary, g_free);
    }

  g_clear_object (&run->task);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;
  guint changed = 0;

  if (mml_store_write_probes_finish (MML_STORE (object), result, &changed, &error))
    run->changed += changed;
  else
    {
      if (run->error == NULL)
        run->error = error;
      else
        g_error_free (error);
    }

  run->writes_running--;
  maybe_complete (run);
  run_unref (run);
}

/* Hands what the lanes read to the store, and reports progress */
static void
flush (Run *run)
{
  GPtrArray *batch = NULL;
  guint done, total = run->candidates->len;

  g_mutex_lock (&run->lock);
  if (run->pending->len > 0)
    {
      batch = run->pending;
      run->pending = new_results ();
    }
  done = run->done;
  g_mutex_unlock (&run->lock);

  if (batch != NULL)
    {
      run->writes_running++;
      mml_store_write_probes_async (run->store, batch, write_done_cb, run_ref (run));
    }

  if (run->progress != NULL)
    run->progress (done, total, run->progress_data);
}

static gboolean
flush_cb (gpointer user_data)
{
  flush (user_data);
  return G_SOURCE_CONTINUE;
}

static void
lane_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->lanes_running--;
  if (run->lanes_running == 0)
    flush (run);
  maybe_complete (run);
  run_unref (run);
}

static void
candidates_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;
  guint lanes;

  run->candidates = mml_store_probe_candidates_finish (MML_STORE (object), result, &error);
  if (run->candidates == NULL)
    {
      g_task_return_error (run->task, error);
      g_clear_object (&run->task);
      run_unref (run);
      return;
    }

  lanes = MIN (run->max_parallel, run->candidates->len);
  for (guint i = 0; i < lanes; i++)
    {
      g_autoptr(GTask) lane = g_task_new (NULL, run->cancellable, lane_done_cb, run_ref (run));

      g_task_set_source_tag (lane, lane_thread);
      g_task_set_task_data (lane, run, NULL);
      run->lanes_running++;
      g_task_run_in_thread (lane, lane_thread);
    }

  if (lanes > 0)
    {
      run->flush_source = g_timeout_source_new (FLUSH_INTERVAL_MS);
      g_source_set_callback (run->flush_source, flush_cb, run, NULL);
      g_source_set_static_name (run->flush_source, "[mml] prober flush");
      g_source_attach (run->flush_source, g_task_get_context (run->task));
    }

  maybe_complete (run);
  run_unref (run);
}

void
mml_prober_run_async (MmlStore             *store,
                      gint64                root_id,
                      GArray               *file_ids,
                      guint                 max_parallel,
                      MmlProbeProgressFunc  progress,
                      gpointer              progress_data,
                      GDestroyNotify        progress_destroy,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  Run *run;

  g_return_if_fail (MML_IS_STORE (store));

  run = g_new0 (Run, 1);
  g_atomic_ref_count_init (&run->ref_count);
  g_mutex_init (&run->lock);
  run->store = g_object_ref (store);
  run->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  run->progress = progress;
  run->progress_data = progress_data;
  run->progress_destroy = progress_destroy;
  run->max_parallel = max_parallel > 0 ? max_parallel : MML_PROBER_DEFAULT_PARALLEL;
  run->pending = new_results ();
  run->started = g_get_monotonic_time ();
  run->task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, mml_prober_run_async);
  /* the task holds the run until it returns: its progress data with it */
  g_task_set_task_data (run->task, run_ref (run), (GDestroyNotify) run_unref);

  mml_store_probe_candidates_async (store, root_id, file_ids, cancellable, candidates_cb, run);
}

/**
 * mml_prober_run_finish:
 * @summary: (out caller-allocates) (optional): what the run did
 */
gboolean
mml_prober_run_finish (MmlStore         *store,
                       GAsyncResult     *result,
                       MmlProbeSummary  *summary,
                       GError          **error)
{
  g_autofree MmlProbeSummary *ours = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  ours = g_task_propagate_pointer (G_TASK (result), error);
  if (ours == NULL)
    return FALSE;
  if (summary != NULL)
    *summary = *ours;
  return TRUE;
}
