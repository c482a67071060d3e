/* mml-engine.c — the application without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One engine per process owns what every front end shares: the store, the
 * HTTP session, the clock, and one controller per subsystem — the library
 * (roots, scans, watcher, the models views bind to) and metadata (matching,
 * refreshing, conflicts, adding series). The GUI, the CLI and a background
 * service are front ends that configure it and call its controllers; none
 * of them repeats what it does. It never touches GTK.
 *
 * Nothing here waits for SQLite or the network on the calling thread:
 * every store read is a job on the store's writer thread.
 */

#define G_LOG_DOMAIN "mml-engine"

#include "config.h"

#include <glib/gi18n-lib.h>


#include "mml-engine-private.h"
#include "mml-services.h"

struct _MmlEngine
{
  GObject                parent_instance;

  MmlStore              *store;
  MmlHttp               *http;
  MmlLibraryController  *library;
  MmlMetadataController *metadata;
  MmlSubtitlesController *subtitles;
  MmlOrganizeController *organize;
  MmlViewingController  *viewing;
  MmlTransferController *transfer;
  MmlSyncController     *sync;
  MmlScheduler          *scheduler;
  GCancellable          *cancellable;

  guint                  watch : 1;
  guint                  automatic : 1;
  guint                  models : 1;
  guint                  opening : 1;
  guint                  ready : 1;
  guint                  shut_down : 1;
  guint                  wait_for_network : 1;
};

G_DEFINE_FINAL_TYPE (MmlEngine, mml_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READY,
  PROP_AUTOMATIC,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mml_engine_dispose (GObject *object)
{
  MmlEngine *self = MML_ENGINE (object);

  mml_engine_shutdown (self);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->subtitles);
  g_clear_object (&self->transfer);
  g_clear_object (&self->sync);
  g_clear_object (&self->organize);
  g_clear_object (&self->viewing);
  g_clear_object (&self->metadata);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (mml_engine_parent_class)->dispose (object);
}

static void
mml_engine_finalize (GObject *object)
{
  MmlEngine *self = MML_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mml_engine_parent_class)->finalize (object);
}

static void
mml_engine_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MmlEngine *self = MML_ENGINE (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_AUTOMATIC:
      g_value_set_boolean (value, self->automatic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_engine_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MmlEngine *self = MML_ENGINE (object);

  switch (prop_id)
    {
    case PROP_AUTOMATIC:
      mml_engine_set_automatic (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_engine_class_init (MmlEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mml_engine_dispose;
  object_class->finalize = mml_engine_finalize;
  object_class->get_property = mml_engine_get_property;
  object_class->set_property = mml_engine_set_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOMATIC] =
    g_param_spec_boolean ("automatic", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlEngine::error:
   * @message: a translated, display-safe line
   *
   * Something the engine did on its own, or a request nobody waits for,
   * failed.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mml_engine_init (MmlEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->automatic = TRUE;
  self->models = TRUE;
}

/* The subtitle status is a column of every series row and the dashboard
 * counts the episodes lacking subtitles: a new language list or override
 * makes the library's models out of date. */
static void
subtitles_changed_cb (MmlEngine              *self,
                      MmlSubtitlesController *subtitles)
{
  if (!self->ready || self->shut_down || !self->models)
    return;
  _mml_library_controller_reload (self->library);
}

/* The viewing status, last watched and up next are columns of every
 * series row too */
static void
viewing_changed_cb (MmlEngine            *self,
                    gint64                series_id,
                    MmlViewingController *viewing)
{
  if (!self->ready || self->shut_down || !self->models)
    return;
  _mml_library_controller_reload (self->library);
}

/* A sync or a webhook changed watched marks */
static void
sync_changed_cb (MmlEngine         *self,
                 MmlSyncController *sync)
{
  if (!self->ready || self->shut_down || !self->models)
    return;
  _mml_library_controller_reload (self->library);
}

/**
 * mml_engine_new:
 * @db_path: (nullable): the database, or %NULL for mml_default_db_path()
 *
 * The engine is closed: configure it, then call mml_engine_open().
 *
 * Returns: (transfer full): a new engine
 */
static MmlEngine *
engine_new_on (MmlStore *store)
{
  MmlEngine *self = g_object_new (MML_TYPE_ENGINE, NULL);

  self->store = store;
  self->http = mml_services_new_http ();
  self->library = _mml_library_controller_new (self);
  self->metadata = _mml_metadata_controller_new (self);
  self->subtitles = _mml_subtitles_controller_new (self);
  self->organize = _mml_organize_controller_new (self);
  self->viewing = _mml_viewing_controller_new (self);
  self->transfer = _mml_transfer_controller_new (self);
  self->sync = _mml_sync_controller_new (self);
  self->scheduler = _mml_scheduler_new (self);
  g_signal_connect_object (self->subtitles, "changed",
                           G_CALLBACK (subtitles_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->viewing, "changed",
                           G_CALLBACK (viewing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "changed",
                           G_CALLBACK (sync_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

MmlEngine *
mml_engine_new (const char *db_path)
{
  return engine_new_on (mml_store_new (db_path));
}

/**
 * mml_engine_new_empty:
 *
 * An engine on a new, empty library held in memory. For a command run on
 * a library whose database does not exist yet: it answers as an empty
 * library does (no roots, no series, no such id) and leaves no database
 * behind, where the library would be or anywhere else.
 *
 * Returns: (transfer full): a new engine
 */
MmlEngine *
mml_engine_new_empty (void)
{
  return engine_new_on (mml_store_new_in_memory ());
}

/**
 * mml_engine_set_watch:
 *
 * Whether to keep the library in step with the disk with an #MmlWatcher
 * once the store is open (the app and the service do; the CLI does not).
 * Call before opening.
 */
void
mml_engine_set_watch (MmlEngine *self,
                      gboolean   watch)
{
  g_return_if_fail (MML_IS_ENGINE (self));
  self->watch = !!watch;
}

/**
 * mml_engine_set_automatic:
 *
 * Whether the engine starts work by itself: matching new series folders,
 * the scheduled refresh. On by default; the CLI and tests turn it off to
 * drive every step themselves.
 */
void
mml_engine_set_automatic (MmlEngine *self,
                          gboolean   automatic)
{
  g_return_if_fail (MML_IS_ENGINE (self));

  if (self->automatic == !!automatic)
    return;
  self->automatic = !!automatic;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
}

gboolean
mml_engine_get_automatic (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), FALSE);
  return self->automatic;
}

/**
 * mml_engine_set_models:
 *
 * Whether the engine keeps the library as models for views (the roots,
 * series, unrecognised files and totals of the library controller, the
 * match conflicts of the metadata controller): loaded on opening and
 * reloaded after every change. On by default; a command that prints what
 * it reads turns it off, and the models stay empty. Call before opening.
 */
void
mml_engine_set_models (MmlEngine *self,
                       gboolean   models)
{
  g_return_if_fail (MML_IS_ENGINE (self));
  self->models = !!models;
}

/**
 * mml_engine_set_wait_for_network:
 *
 * Whether requests made while offline wait for the network (an app that
 * stays open) or fail at once (a command).
 */
void
mml_engine_set_wait_for_network (MmlEngine *self,
                                 gboolean   wait)
{
  g_return_if_fail (MML_IS_ENGINE (self));
  self->wait_for_network = !!wait;
  mml_http_set_wait_for_network (self->http, wait);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlEngine *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->opening = FALSE;
  if (!mml_store_open_finish (MML_STORE (object), result, &error))
    {
      if (!self->shut_down)
        {
          /* a caller waiting for the result says it itself */
          if (GPOINTER_TO_INT (g_task_get_task_data (task)))
            mml_engine_report_error (self, _("Cannot open the library"), error);
          _mml_library_controller_open_failed (self->library);
        }
      g_task_return_error (task, error);
      return;
    }
  if (self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The library is closing"));
      return;
    }

  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);

  _mml_library_controller_opened (self->library, self->watch);
  _mml_metadata_controller_opened (self->metadata);
  mml_engine_reload (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * mml_engine_open_async:
 *
 * Opens the store on its writer thread (creating or migrating it), then
 * starts the controllers: the watcher if asked for, the models' first
 * load, the provider's keys. With no @callback, a failure is reported as
 * "error".
 */
void
mml_engine_open_async (MmlEngine           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_engine_open_async);
  g_task_set_task_data (task, GINT_TO_POINTER (callback == NULL), NULL);
  if (self->ready || self->opening || self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("The library is open already"));
      return;
    }
  self->opening = TRUE;
  mml_store_open_async (self->store, self->cancellable, store_opened_cb, g_steal_pointer (&task));
}

gboolean
mml_engine_open_finish (MmlEngine     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mml_engine_open:
 *
 * mml_engine_open_async() for callers that follow "ready" and "error".
 */
void
mml_engine_open (MmlEngine *self)
{
  mml_engine_open_async (self, NULL, NULL, NULL);
}

static void
opened_sync_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * mml_engine_open_sync:
 *
 * Opens the engine and waits, running the thread-default main context:
 * for commands, which have no main loop of their own yet.
 */
gboolean
mml_engine_open_sync (MmlEngine  *self,
                      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (MML_IS_ENGINE (self), FALSE);

  mml_engine_open_async (self, NULL, opened_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  return mml_engine_open_finish (self, result, error);
}

/**
 * mml_engine_shutdown:
 *
 * Stops the watcher and cancels every running and queued job. Safe to
 * call twice; the engine cannot be opened again.
 */
void
mml_engine_shutdown (MmlEngine *self)
{
  g_return_if_fail (MML_IS_ENGINE (self));

  if (self->shut_down)
    return;
  self->shut_down = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->library != NULL)
    _mml_library_controller_shutdown (self->library);
  if (self->metadata != NULL)
    _mml_metadata_controller_shutdown (self->metadata);
  if (self->subtitles != NULL)
    _mml_subtitles_controller_shutdown (self->subtitles);
  if (self->organize != NULL)
    _mml_organize_controller_shutdown (self->organize);
  if (self->transfer != NULL)
    _mml_transfer_controller_shutdown (self->transfer);
  if (self->scheduler != NULL)
    _mml_scheduler_shutdown (self->scheduler);
}

/**
 * mml_engine_close:
 *
 * mml_engine_shutdown(), then waits for the store's queued writes and
 * closes the database: for a command that is done.
 */
void
mml_engine_close (MmlEngine *self)
{
  g_return_if_fail (MML_IS_ENGINE (self));

  mml_engine_shutdown (self);
  mml_store_close (self->store);
}

/**
 * mml_engine_get_ready:
 *
 * Returns: whether the store is open
 */
gboolean
mml_engine_get_ready (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), FALSE);
  return self->ready;
}

gboolean
mml_engine_is_shut_down (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), TRUE);
  return self->shut_down;
}

/**
 * mml_engine_get_store:
 *
 * For the controllers and tests; front ends go through the controllers.
 *
 * Returns: (transfer none): the store
 */
MmlStore *
mml_engine_get_store (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->store;
}

/**
 * mml_engine_get_http:
 *
 * Returns: (transfer none): the HTTP session every service shares
 */
MmlHttp *
mml_engine_get_http (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->http;
}

/**
 * mml_engine_get_clock:
 *
 * The clock "today" is read from (missing and upcoming episodes): tests
 * and `mml --today` pin it.
 *
 * Returns: (transfer none): the store's clock
 */
MmlClock *
mml_engine_get_clock (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return mml_store_get_clock (self->store);
}

/**
 * mml_engine_get_library:
 *
 * Returns: (transfer none): the library controller
 */
MmlLibraryController *
mml_engine_get_library (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->library;
}

/**
 * mml_engine_get_metadata:
 *
 * Returns: (transfer none): the metadata controller
 */
MmlMetadataController *
mml_engine_get_metadata (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->metadata;
}

/**
 * mml_engine_get_viewing:
 *
 * Returns: (transfer none): the viewing controller (marks, viewing status)
 */
MmlViewingController *
mml_engine_get_viewing (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->viewing;
}

/**
 * mml_engine_get_organize:
 *
 * Returns: (transfer none): the organise controller
 */
MmlOrganizeController *
mml_engine_get_organize (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->organize;
}

/**
 * mml_engine_get_transfer:
 *
 * Returns: (transfer none): the transfer queue's controller
 */
MmlTransferController *
mml_engine_get_transfer (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->transfer;
}

/**
 * mml_engine_get_subtitles:
 *
 * Returns: (transfer none): the subtitles controller
 */
MmlSubtitlesController *
mml_engine_get_subtitles (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->subtitles;
}

/**
 * mml_engine_get_scheduler:
 *
 * Returns: (transfer none): the background jobs
 */
MmlScheduler *
mml_engine_get_scheduler (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->scheduler;
}

gboolean
mml_engine_get_wait_for_network (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), FALSE);
  return self->wait_for_network;
}

/**
 * mml_engine_get_cache_dir:
 * @what: "posters", "http"…
 *
 * Returns: (transfer full) (type filename): where the engine's front ends
 *   keep what can be fetched again
 */
char *
mml_engine_get_cache_dir (MmlEngine  *self,
                          const char *what)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return mml_services_cache_dir (what);
}

static void
bytes_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *bytes = mml_http_get_bytes_finish (MML_HTTP (object), result, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * mml_engine_fetch_bytes_async:
 * @max_bytes: the most to accept
 *
 * Fetches @url (an image a provider named) on the engine's HTTP layer,
 * with its limits, retries, offline waiting and disk cache.
 */
void
mml_engine_fetch_bytes_async (MmlEngine           *self,
                              const char          *url,
                              gsize                max_bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MML_IS_ENGINE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_engine_fetch_bytes_async);
  mml_http_get_bytes_async (self->http, url, max_bytes, cancellable, bytes_fetched_cb, task);
}

/**
 * mml_engine_fetch_bytes_finish:
 *
 * Returns: (transfer full): the body
 */
GBytes *
mml_engine_fetch_bytes_finish (MmlEngine     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_engine_reload:
 *
 * Reloads every model from the store (the library's and the match
 * conflicts); a reload still in flight is dropped. Nothing, when
 * mml_engine_set_models() turned the models off.
 */
void
mml_engine_reload (MmlEngine *self)
{
  g_return_if_fail (MML_IS_ENGINE (self));

  if (!self->ready || self->shut_down || !self->models)
    return;
  _mml_library_controller_reload (self->library);
  _mml_metadata_controller_reload (self->metadata);
}

/**
 * mml_engine_report_error:
 * @what: what failed, translated ("Cannot load the series")
 *
 * Emits "error" with "@what: reason", and logs it (as a warning when
 * nobody is connected to "error"). Cancellation is not a failure.
 */
void
mml_engine_report_error (MmlEngine    *self,
                         const char   *what,
                         const GError *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (MML_IS_ENGINE (self));

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is what failed (e.g. "Cannot load the series"), then the reason */
  message = g_strdup_printf (_("%s: %s"), what, error->message);
  /* logged as a warning only when no front end shows it */
  if (g_signal_has_handler_pending (self, signals[ERROR], 0, FALSE))
    g_debug ("%s", message);
  else
    g_warning ("%s", message);
  g_signal_emit (self, signals[ERROR], 0, message);
}

/**
 * mml_engine_get_sync:
 *
 * Returns: (transfer none): the media servers' controller (accounts, sync,
 *   conflicts, webhooks)
 */
MmlSyncController *
mml_engine_get_sync (MmlEngine *self)
{
  g_return_val_if_fail (MML_IS_ENGINE (self), NULL);
  return self->sync;
}
