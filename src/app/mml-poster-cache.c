/* mml-poster-cache.c — series posters as textures sized for the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A poster is asked for by URL and width (in device pixels). In order:
 *
 *   1. the memory cache: an LRU of the last few hundred textures;
 *   2. the disk cache: the scaled poster, $XDG_CACHE_HOME/my-media-library/
 *      posters/<sha256 of url>-<width>, read and decoded on a worker thread;
 *   3. the network: the original through the engine's HTTP layer (which keeps its own disk
 *      cache), scaled and decoded on a worker thread, then saved in 2.
 *
 * Requests for the same poster share one load. A request whose cancellable
 * fires (a card scrolled out of view) returns at once; the load itself is
 * cancelled only when nobody waits for it any more. Decoding uses two
 * threads of its own, so a screenful of posters never starves the other
 * users of GTask's thread pool.
 */

#define G_LOG_DOMAIN "mml-poster-cache"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mml-poster-cache.h"

#define DEFAULT_CAPACITY  300
#define MAX_POSTER_BYTES  (8 * 1024 * 1024)
#define DECODE_THREADS    2
#define SESSION_DATA_KEY  "mml-poster-cache"

struct _MmlPosterCache
{
  GObject      parent_instance;

  MmlEngine   *engine;     /* (unowned) (nullable): only the disk cache; the
                            * engine owns this cache as its data */
  char        *dir;        /* nullable: no disk cache */
  guint        capacity;

  GHashTable  *entries;    /* key → GList * (link of lru, data Entry *) */
  GQueue       lru;        /* most recently used first */
  GHashTable  *fetches;    /* key → Fetch * */
  GThreadPool *pool;
  guint        n_loads;
};

G_DEFINE_FINAL_TYPE (MmlPosterCache, mml_poster_cache, G_TYPE_OBJECT)

typedef struct
{
  char       *key;
  GdkTexture *texture;
} Entry;

typedef struct _Fetch Fetch;

typedef struct
{
  Fetch  *fetch;
  GTask  *task;
  gulong  handler;
} Waiter;

struct _Fetch
{
  MmlPosterCache *cache;
  char           *key;
  char           *url;
  char           *path;       /* nullable: the scaled poster on disk */
  int             width;
  GPtrArray      *waiters;    /* (element-type Waiter) */
  GCancellable   *cancellable;
};

/* What a decode thread gets */
typedef enum {
  JOB_READ_DISK,
  JOB_DECODE,
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *path;     /* nullable */
  int      width;
  GBytes  *bytes;    /* JOB_DECODE */
} Job;

static void fetch_bytes_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* --- entries and fetches -------------------------------------------------- */

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static char *
make_key (const char *url,
          int         width)
{
  return g_strdup_printf ("%d %s", width, url);
}

static void
remember (MmlPosterCache *self,
          const char     *key,
          GdkTexture     *texture)
{
  GList *link = g_hash_table_lookup (self->entries, key);
  Entry *entry;

  if (link != NULL)
    {
      entry = link->data;
      g_set_object (&entry->texture, texture);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, entry->key, self->lru.head);

  while (self->lru.length > self->capacity)
    {
      Entry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->entries, oldest->key);
      entry_free (oldest);
    }
}

static void
fetch_free (Fetch *fetch)
{
  g_assert (fetch->waiters->len == 0);

  g_clear_object (&fetch->cache);
  g_free (fetch->key);
  g_free (fetch->url);
  g_free (fetch->path);
  g_ptr_array_unref (fetch->waiters);
  g_clear_object (&fetch->cancellable);
  g_free (fetch);
}

/* Returns @texture (or @error) to everyone waiting and forgets @fetch */
static void
fetch_finish (Fetch        *fetch,
              GdkTexture   *texture,
              const GError *error)
{
  MmlPosterCache *self = fetch->cache;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&fetch->waiters);

  fetch->waiters = g_ptr_array_new ();
  /* A fetch nobody waited for any more was forgotten when it was cancelled */
  if (g_hash_table_lookup (self->fetches, fetch->key) == fetch)
    g_hash_table_steal (self->fetches, fetch->key);

  if (texture != NULL)
    remember (self, fetch->key, texture);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);
      GCancellable *cancellable = g_task_get_cancellable (waiter->task);

      if (cancellable != NULL && waiter->handler != 0)
        g_cancellable_disconnect (cancellable, waiter->handler);

      if (texture != NULL)
        g_task_return_pointer (waiter->task, g_object_ref (texture), g_object_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (error));

      g_object_unref (waiter->task);
      g_free (waiter);
    }

  fetch_free (fetch);
}

typedef struct
{
  MmlPosterCache *cache;
  char           *key;
  GTask          *task;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_object_unref (data->cache);
  g_free (data->key);
  g_object_unref (data->task);
  g_free (data);
}

/* Main thread, after a waiter's cancellable fired */
static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  CancelData *data = user_data;
  Fetch *fetch = g_hash_table_lookup (data->cache->fetches, data->key);

  /* Not there: it finished meanwhile, and the task got its answer */
  for (guint i = 0; fetch != NULL && i < fetch->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (fetch->waiters, i);

      if (waiter->task != data->task)
        continue;

      g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->handler);
      g_task_return_error_if_cancelled (waiter->task);
      g_object_unref (waiter->task);
      g_free (waiter);
      g_ptr_array_remove_index (fetch->waiters, i);

      /* Nobody wants it any more: stop, and let a later request start afresh */
      if (fetch->waiters->len == 0)
        {
          g_hash_table_steal (data->cache->fetches, fetch->key);
          g_cancellable_cancel (fetch->cancellable);
        }
      break;
    }

  return G_SOURCE_REMOVE;
}

/* Any thread, maybe inside g_cancellable_connect(): defer the work */
static void
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  CancelData *data = g_new0 (CancelData, 1);

  data->cache = g_object_ref (waiter->fetch->cache);
  data->key = g_strdup (waiter->fetch->key);
  data->task = g_object_ref (waiter->task);
  g_idle_add_full (G_PRIORITY_DEFAULT, waiter_cancelled_idle_cb, data,
                   (GDestroyNotify) cancel_data_free);
}

/* --- decoding (pool threads) --------------------------------------------- */

static GdkTexture *
texture_from_bytes (GBytes  *bytes,
                    int      width,
                    gboolean scale,
                    GdkPixbuf **out_pixbuf,
                    GError  **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (scale)
    pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, width, -1, TRUE, NULL, error);
  else
    pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (pixbuf == NULL)
    return NULL;

  if (out_pixbuf != NULL)
    *out_pixbuf = g_object_ref (pixbuf);

  /* A GdkTexture is immutable: made here, used on the main thread */
  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
save_scaled (GdkPixbuf  *pixbuf,
             const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *buffer = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gboolean saved;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;

  /* Posters are photos: JPEG is a tenth of the size of PNG */
  if (gdk_pixbuf_get_has_alpha (pixbuf))
    saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL);
  else
    saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", &error,
                                       "quality", "90", NULL);

  if (!saved || !g_file_set_contents (path, buffer, length, &error))
    g_debug ("Cannot keep a poster in %s: %s", path, error ? error->message : "?");
}

static void
pool_job_cb (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GdkTexture *texture = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->kind == JOB_READ_DISK)
    {
      g_autoptr(GBytes) bytes = NULL;
      char *contents = NULL;
      gsize length = 0;

      /* A miss is not an error: the caller downloads */
      if (job->path == NULL || !g_file_get_contents (job->path, &contents, &length, NULL))
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      bytes = g_bytes_new_take (contents, length);
      if ((texture = texture_from_bytes (bytes, job->width, FALSE, NULL, NULL)) == NULL)
        g_unlink (job->path);   /* damaged: download it again */
      g_task_return_pointer (task, texture, g_object_unref);
      return;
    }

  if ((texture = texture_from_bytes (job->bytes, job->width, TRUE, &pixbuf, &error)) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The poster is not an image: %s"), error->message);
      g_error_free (error);
      return;
    }
  if (job->path != NULL)
    save_scaled (pixbuf, job->path);
  g_task_return_pointer (task, texture, g_object_unref);
}

static void
run_job (MmlPosterCache      *self,
         Job                 *job,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

/* --- the load, step by step (main thread) --------------------------------- */

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  fetch_finish (fetch, texture, error);
}

static void
fetch_bytes_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  if ((bytes = mml_engine_fetch_bytes_finish (MML_ENGINE (object), result, &error)) == NULL)
    {
      fetch_finish (fetch, NULL, error);
      return;
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_DECODE;
  job->path = g_strdup (fetch->path);
  job->width = fetch->width;
  job->bytes = g_steal_pointer (&bytes);
  run_job (fetch->cache, job, fetch->cancellable, decoded_cb, fetch);
}

static void
disk_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fetch *fetch = user_data;
  MmlPosterCache *self = fetch->cache;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture != NULL || error != NULL)
    {
      fetch_finish (fetch, texture, error);
      return;
    }

  if (self->engine == NULL)
    {
      g_autoptr(GError) offline = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                       _("Posters cannot be downloaded"));
      fetch_finish (fetch, NULL, offline);
      return;
    }

  self->n_loads++;
  mml_engine_fetch_bytes_async (self->engine, fetch->url, MAX_POSTER_BYTES, fetch->cancellable,
                                fetch_bytes_cb, fetch);
}

static Fetch *
fetch_start (MmlPosterCache *self,
             const char     *key,
             const char     *url,
             int             width)
{
  Fetch *fetch = g_new0 (Fetch, 1);
  Job *job = g_new0 (Job, 1);

  fetch->cache = g_object_ref (self);
  fetch->key = g_strdup (key);
  fetch->url = g_strdup (url);
  fetch->width = width;
  fetch->waiters = g_ptr_array_new ();
  fetch->cancellable = g_cancellable_new ();
  if (self->dir != NULL)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
      g_autofree char *name = g_strdup_printf ("%s-%d", hash, width);

      fetch->path = g_build_filename (self->dir, name, NULL);
    }
  g_hash_table_insert (self->fetches, fetch->key, fetch);

  job->kind = JOB_READ_DISK;
  job->path = g_strdup (fetch->path);
  job->width = width;
  run_job (self, job, fetch->cancellable, disk_read_cb, fetch);

  return fetch;
}

/* --- GObject ------------------------------------------------------------- */

static void
mml_poster_cache_finalize (GObject *object)
{
  MmlPosterCache *self = MML_POSTER_CACHE (object);

  /* Every fetch holds a reference: none is left when we get here */
  g_assert (g_hash_table_size (self->fetches) == 0);

  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_hash_table_unref (self->fetches);
  g_hash_table_unref (self->entries);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  g_free (self->dir);

  G_OBJECT_CLASS (mml_poster_cache_parent_class)->finalize (object);
}

static void
mml_poster_cache_class_init (MmlPosterCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mml_poster_cache_finalize;
}

static void
mml_poster_cache_init (MmlPosterCache *self)
{
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->fetches = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
  self->pool = g_thread_pool_new (pool_job_cb, NULL, DECODE_THREADS, FALSE, NULL);
}

/* --- public API ------------------------------------------------------------ */

/**
 * mml_poster_cache_new:
 * @engine: (nullable): whose HTTP layer downloads the posters; the cache
 *   must not outlive it
 * @dir: (nullable): where scaled posters are kept, %NULL for none
 * @capacity: how many textures to keep in memory, 0 for the default
 *
 * Returns: (transfer full): a new cache
 */
MmlPosterCache *
mml_poster_cache_new (MmlEngine  *engine,
                      const char *dir,
                      guint       capacity)
{
  MmlPosterCache *self;

  g_return_val_if_fail (engine == NULL || MML_IS_ENGINE (engine), NULL);

  self = g_object_new (MML_TYPE_POSTER_CACHE, NULL);
  self->engine = engine;
  self->dir = g_strdup (dir);
  self->capacity = capacity > 0 ? capacity : DEFAULT_CAPACITY;

  return self;
}

/**
 * mml_poster_cache_get_for_engine:
 *
 * Returns: (transfer none): the cache the views of @engine share, on its
 *   HTTP layer, keeping scaled posters in $XDG_CACHE_HOME/my-media-library/posters
 */
MmlPosterCache *
mml_poster_cache_get_for_engine (MmlEngine *engine)
{
  MmlPosterCache *cache;

  g_return_val_if_fail (MML_IS_ENGINE (engine), NULL);

  cache = g_object_get_data (G_OBJECT (engine), SESSION_DATA_KEY);
  if (cache == NULL)
    {
      g_autofree char *dir = mml_engine_get_cache_dir (engine, "posters");

      cache = mml_poster_cache_new (engine, dir, 0);
      g_object_set_data_full (G_OBJECT (engine), SESSION_DATA_KEY, cache, g_object_unref);
    }

  return cache;
}

/**
 * mml_poster_cache_lookup:
 * @width: the width in device pixels
 *
 * Returns: (transfer none) (nullable): the poster when it is in memory
 */
GdkTexture *
mml_poster_cache_lookup (MmlPosterCache *self,
                         const char     *url,
                         int             width)
{
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (MML_IS_POSTER_CACHE (self), NULL);

  if (url == NULL || *url == '\0')
    return NULL;

  key = make_key (url, width);
  if ((link = g_hash_table_lookup (self->entries, key)) == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return ((Entry *) link->data)->texture;
}

/**
 * mml_poster_cache_load_async:
 * @width: the width in device pixels; the height follows the poster
 *
 * Loads the poster at @url scaled to @width, from memory, the disk or the
 * network.
 */
void
mml_poster_cache_load_async (MmlPosterCache      *self,
                             const char          *url,
                             int                  width,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  GdkTexture *texture;
  Fetch *fetch;
  Waiter *waiter;

  g_return_if_fail (MML_IS_POSTER_CACHE (self));
  g_return_if_fail (width > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_poster_cache_load_async);

  if (url == NULL || *url == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The series has no poster"));
      return;
    }

  if ((texture = mml_poster_cache_lookup (self, url, width)) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      return;
    }

  key = make_key (url, width);
  if ((fetch = g_hash_table_lookup (self->fetches, key)) == NULL)
    fetch = fetch_start (self, key, url, width);

  waiter = g_new0 (Waiter, 1);
  waiter->fetch = fetch;
  waiter->task = g_steal_pointer (&task);
  g_ptr_array_add (fetch->waiters, waiter);
  if (cancellable != NULL)
    waiter->handler = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled_cb),
                                             waiter, NULL);
}

/**
 * mml_poster_cache_load_finish:
 *
 * Returns: (transfer full) (nullable): the poster, or %NULL with @error set
 */
GdkTexture *
mml_poster_cache_load_finish (MmlPosterCache  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (MML_IS_POSTER_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mml_poster_cache_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_poster_cache_get_n_cached:
 *
 * Returns: how many textures are in memory
 */
guint
mml_poster_cache_get_n_cached (MmlPosterCache *self)
{
  g_return_val_if_fail (MML_IS_POSTER_CACHE (self), 0);
  return self->lru.length;
}

/**
 * mml_poster_cache_get_n_loads:
 *
 * Returns: how many posters were asked of the network so far
 */
guint
mml_poster_cache_get_n_loads (MmlPosterCache *self)
{
  g_return_val_if_fail (MML_IS_POSTER_CACHE (self), 0);
  return self->n_loads;
}
