/* mml-library-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library as the views see it: the store (opened asynchronously), the
 * models of roots, series and unrecognised files, the totals, and the scan
 * that is running. The application owns one; every view binds to it.
 *
 * Nothing here touches SQLite or the disk on the main thread: every read is
 * a job on the store's writer thread, and the models change only here, on
 * the main thread, with one splice per reload.
 *
 * This file has the models and their reloads; the library folders are in
 * mml-library-session-roots.c, the scans in mml-library-session-scan.c.
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "mml-store-roots.h"
#include "config.h"

#include <glib/gi18n.h>

#include "mml-library-session-private.h"

/* Coalesces bursts of watcher batches into one reload */
#define RELOAD_DELAY_MS 300

G_DEFINE_FINAL_TYPE (MmlLibrarySession, mml_library_session, G_TYPE_OBJECT)

enum {
  ERROR,
  SCAN_FINISHED,
  ROOT_MODE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_mml_library_session_notify (MmlLibrarySession *self,
                             guint              prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_mml_library_session_emit_scan_finished (MmlLibrarySession *self,
                                         MmlScanSummary    *summary,
                                         const GError      *error)
{
  g_signal_emit (self, signals[SCAN_FINISHED], 0, summary, error);
}

void
_mml_library_session_report_error (MmlLibrarySession *self,
                                   const char        *what,
                                   const GError      *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is what failed (e.g. "Cannot load the series"), then the reason */
  message = g_strdup_printf (_("%s: %s"), what, error->message);
  g_warning ("%s", message);
  g_signal_emit (self, signals[ERROR], 0, message);
}

static void
splice_all (GListStore *store,
            GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}
/* Is @result a step of the reload in flight? A newer reload cancels the
 * older one, but a store job that had already run still completes (without
 * an error): its stale rows must not land, nor its step be counted against
 * the newer reload. (A finished task keeps its cancellable alive, so the
 * pointers cannot be confused.) */
static gboolean
reload_step_is_current (MmlLibrarySession *self,
                        GAsyncResult      *result)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  return cancellable != NULL && cancellable == self->reload_cancellable;
}

/* @error: (nullable): why this part of the reload failed */
static void
reload_step_done (MmlLibrarySession *self,
                  const GError      *error,
                  const char        *what)
{
  if (error != NULL)
    _mml_library_session_report_error (self, what, error);

  g_assert (self->reload_pending > 0);
  if (--self->reload_pending == 0 && self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* Callbacks */

static void
roots_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((roots = mml_store_list_roots_finish (MML_STORE (object), result, &error)))
    splice_all (self->roots, roots);
  reload_step_done (self, error, _("Cannot load the library folders"));
}

static gboolean
series_item_same (MmlSeriesItem *a,
                  MmlSeriesItem *b)
{
  /* every field: metadata (match, poster, missing…) changes cards too */
  return mml_series_item_equal (a, b);
}

/* A watcher batch usually touches a series or two: replace only the items
 * that changed, so the grid keeps its scroll position and selection. */
static void
splice_series (GListStore *store,
               GPtrArray  *series)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (n != series->len)
    {
      splice_all (store, series);
      return;
    }

  /* one splice per run of changed items: matching changes many at once */
  for (guint i = 0; i < n;)
    {
      guint end = i;

      while (end < n)
        {
          g_autoptr(MmlSeriesItem) old = g_list_model_get_item (G_LIST_MODEL (store), end);

          if (series_item_same (old, g_ptr_array_index (series, end)))
            break;
          end++;
        }
      if (end > i)
        g_list_store_splice (store, i, end - i, series->pdata + i, end - i);
      i = end + 1;
    }
}

static void
series_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((series = mml_store_list_series_finish (MML_STORE (object), result, &error)))
    splice_series (self->series, series);
  reload_step_done (self, error, _("Cannot load the series"));
}

static void
unrecognised_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((files = mml_store_list_unrecognised_finish (MML_STORE (object), result, &error)))
    splice_all (self->unrecognised, files);
  reload_step_done (self, error, _("Cannot load the unrecognised files"));
}

static void
totals_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(MmlLibraryTotals) totals = NULL;
  g_autoptr(GError) error = NULL;

  if (!reload_step_is_current (self, result))
    return;
  if ((totals = mml_store_get_totals_finish (MML_STORE (object), result, &error)))
    {
      g_clear_pointer (&self->totals, mml_library_totals_unref);
      self->totals = g_steal_pointer (&totals);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTALS]);
    }
  reload_step_done (self, error, _("Cannot count the library"));
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_store_open_finish (MML_STORE (object), result, &error))
    {
      _mml_library_session_report_error (self, _("Cannot open the library"), error);
      if (self->loading)
        {
          self->loading = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
        }
      return;
    }

  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);

  if (self->watch && self->watcher == NULL)
    {
      /* Live watching: catches up with what changed while the app was
       * closed, then follows the disk. */
      g_autoptr(MmlWatcher) watcher = mml_watcher_new (self->store);

      mml_library_session_set_watcher (self, watcher);
      mml_watcher_start (watcher);
    }

  mml_library_session_reload (self);
  _mml_library_session_start_next_scan (self);
  _mml_library_session_meta_opened (self);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MmlLibrarySession *self = user_data;

  self->reload_source = 0;
  mml_library_session_reload (self);

  return G_SOURCE_REMOVE;
}

static void
watcher_changed_cb (MmlLibrarySession *self,
                    GPtrArray         *events,
                    MmlWatcher        *watcher)
{
  g_assert (MML_IS_LIBRARY_SESSION (self));

  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
watcher_root_mode_changed_cb (MmlLibrarySession *self,
                              gint64             root_id,
                              MmlWatcher        *watcher)
{
  g_signal_emit (self, signals[ROOT_MODE_CHANGED], 0, root_id);
}

static void
watcher_error_cb (MmlLibrarySession *self,
                  const GError      *error,
                  MmlWatcher        *watcher)
{
  _mml_library_session_report_error (self, _("Monitoring failed"), error);
}

/* GObject */

static void
mml_library_session_dispose (GObject *object)
{
  MmlLibrarySession *self = MML_LIBRARY_SESSION (object);

  mml_library_session_shutdown (self);
  mml_library_session_set_watcher (self, NULL);

  G_OBJECT_CLASS (mml_library_session_parent_class)->dispose (object);
}

static void
mml_library_session_finalize (GObject *object)
{
  MmlLibrarySession *self = MML_LIBRARY_SESSION (object);

  g_queue_clear_full (&self->scan_queue, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->roots);
  g_clear_object (&self->series);
  g_clear_object (&self->unrecognised);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->totals, mml_library_totals_unref);
  g_free (self->scan_text);
  _mml_library_session_meta_finalize (self);

  G_OBJECT_CLASS (mml_library_session_parent_class)->finalize (object);
}

static void
mml_library_session_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MmlLibrarySession *self = MML_LIBRARY_SESSION (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_TOTALS:
      g_value_set_boxed (value, self->totals);
      break;
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
      break;
    case PROP_SCAN_ROOT_ID:
      g_value_set_int64 (value, self->scan_root_id);
      break;
    case PROP_SCAN_FRACTION:
      g_value_set_double (value, self->scan_fraction);
      break;
    case PROP_SCAN_TEXT:
      g_value_set_string (value, self->scan_text);
      break;
    case PROP_WATCHER:
      g_value_set_object (value, self->watcher);
      break;
    case PROP_META_RUN:
    case PROP_META_BUSY:
    case PROP_META_FRACTION:
    case PROP_META_TEXT:
    case PROP_META_WAITING:
      _mml_library_session_meta_get_property (self, prop_id, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_library_session_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MmlLibrarySession *self = MML_LIBRARY_SESSION (object);

  switch (prop_id)
    {
    case PROP_WATCHER:
      mml_library_session_set_watcher (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_library_session_class_init (MmlLibrarySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mml_library_session_dispose;
  object_class->finalize = mml_library_session_finalize;
  object_class->get_property = mml_library_session_get_property;
  object_class->set_property = mml_library_session_set_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE, ro);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE, ro);
  properties[PROP_TOTALS] =
    g_param_spec_boxed ("totals", NULL, NULL, MML_TYPE_LIBRARY_TOTALS, ro);
  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL, FALSE, ro);
  properties[PROP_SCAN_ROOT_ID] =
    g_param_spec_int64 ("scan-root-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SCAN_FRACTION] =
    g_param_spec_double ("scan-fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_SCAN_TEXT] =
    g_param_spec_string ("scan-text", NULL, NULL, NULL, ro);
  properties[PROP_WATCHER] =
    g_param_spec_object ("watcher", NULL, NULL, MML_TYPE_WATCHER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _mml_library_session_meta_class_init (object_class, properties);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MmlLibrarySession::error:
   * @message: a translated, display-safe line
   *
   * Something the user asked for, or a background reload, failed.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * MmlLibrarySession::scan-finished:
   * @summary: (nullable): the MmlScanSummary, %NULL on failure
   * @error: (nullable): the GError, %NULL on success
   */
  signals[SCAN_FINISHED] =
    g_signal_new ("scan-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);

  /**
   * MmlLibrarySession::root-mode-changed:
   * @root_id: the root whose monitoring mode changed
   */
  signals[ROOT_MODE_CHANGED] =
    g_signal_new ("root-mode-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
mml_library_session_init (MmlLibrarySession *self)
{
  self->roots = g_list_store_new (MML_TYPE_ROOT);
  self->series = g_list_store_new (MML_TYPE_SERIES_ITEM);
  self->unrecognised = g_list_store_new (MML_TYPE_UNRECOGNISED_FILE);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  g_queue_init (&self->scan_queue);
  _mml_library_session_meta_init (self);
}

/* Public API */

/**
 * mml_library_session_new:
 * @db_path: (nullable): the database, or %NULL for mml_default_db_path()
 *   (which honours `$MML_DB`)
 *
 * Returns: (transfer full): a session; call mml_library_session_open()
 */
MmlLibrarySession *
mml_library_session_new (const char *db_path)
{
  MmlLibrarySession *self = g_object_new (MML_TYPE_LIBRARY_SESSION, NULL);

  self->store = mml_store_new (db_path);

  return self;
}

/**
 * mml_library_session_open:
 *
 * Opens the store on its writer thread, then loads every model.
 */
void
mml_library_session_open (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  mml_store_open_async (self->store, self->cancellable, store_opened_cb, g_object_ref (self));
}

/**
 * mml_library_session_shutdown:
 *
 * Cancels the running scan and every pending read. Safe to call twice.
 */
void
mml_library_session_shutdown (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  if (self->shut_down)
    return;

  self->shut_down = TRUE;
  if (self->watcher != NULL)
    mml_watcher_stop (self->watcher);
  g_queue_clear_full (&self->scan_queue, g_free);
  g_cancellable_cancel (self->cancellable);
  if (self->reload_cancellable != NULL)
    g_cancellable_cancel (self->reload_cancellable);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  _mml_library_session_meta_shutdown (self);
}

/**
 * mml_library_session_set_watch:
 *
 * Whether to keep the library in step with the disk with an #MmlWatcher
 * once the store is open (the application does; tests mostly do not).
 * Call before mml_library_session_open().
 */
void
mml_library_session_set_watch (MmlLibrarySession *self,
                               gboolean           watch)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  self->watch = watch;
}

MmlStore *
mml_library_session_get_store (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return self->store;
}

/**
 * mml_library_session_get_ready:
 *
 * Returns: whether the store is open
 */
gboolean
mml_library_session_get_ready (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  return self->ready;
}

/**
 * mml_library_session_get_loading:
 *
 * Returns: %TRUE until the models have been loaded once (or opening failed)
 */
gboolean
mml_library_session_get_loading (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  return self->loading;
}

/**
 * mml_library_session_get_roots:
 *
 * Returns: (transfer none): the #MmlRoot of every library folder
 */
GListModel *
mml_library_session_get_roots (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return G_LIST_MODEL (self->roots);
}

/**
 * mml_library_session_get_series:
 *
 * Returns: (transfer none): every #MmlSeriesItem, sorted by title
 */
GListModel *
mml_library_session_get_series (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return G_LIST_MODEL (self->series);
}

/**
 * mml_library_session_get_unrecognised:
 *
 * Returns: (transfer none): the #MmlUnrecognisedFile of every open conflict
 */
GListModel *
mml_library_session_get_unrecognised (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return G_LIST_MODEL (self->unrecognised);
}

/**
 * mml_library_session_get_totals:
 *
 * Returns: (transfer none) (nullable): the totals, once loaded
 */
MmlLibraryTotals *
mml_library_session_get_totals (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return self->totals;
}

/**
 * mml_library_session_reload:
 *
 * Reloads every model from the store; a reload still in flight is dropped.
 */
void
mml_library_session_reload (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  if (!self->ready || self->shut_down)
    return;

  if (self->reload_cancellable != NULL)
    g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  self->reload_cancellable = g_cancellable_new ();
  self->reload_pending = 4;

  mml_store_list_roots_async (self->store, self->reload_cancellable,
                              roots_loaded_cb, g_object_ref (self));
  mml_store_list_series_async (self->store, self->reload_cancellable,
                               series_loaded_cb, g_object_ref (self));
  mml_store_list_unrecognised_async (self->store, self->reload_cancellable,
                                     unrecognised_loaded_cb, g_object_ref (self));
  mml_store_get_totals_async (self->store, self->reload_cancellable,
                              totals_loaded_cb, g_object_ref (self));
  _mml_library_session_meta_reload (self);
}


/**
 * mml_library_session_set_watcher:
 * @watcher: (nullable): the watcher keeping the store in step with the disk
 *
 * The models reload after each batch of changes the watcher applies.
 */
void
mml_library_session_set_watcher (MmlLibrarySession *self,
                                 MmlWatcher        *watcher)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (watcher == NULL || MML_IS_WATCHER (watcher));

  if (self->watcher == watcher)
    return;

  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_set_object (&self->watcher, watcher);

  if (watcher != NULL)
    {
      g_signal_connect_object (watcher, "changed",
                               G_CALLBACK (watcher_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (watcher, "root-mode-changed",
                               G_CALLBACK (watcher_root_mode_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (watcher, "error",
                               G_CALLBACK (watcher_error_cb), self, G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHER]);
}

/**
 * mml_library_session_get_watcher:
 *
 * Returns: (transfer none) (nullable): the watcher
 */
MmlWatcher *
mml_library_session_get_watcher (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return self->watcher;
}

/**
 * mml_library_session_get_root_mode:
 * @reason: (out) (optional) (transfer none): why, for polling and unavailable
 *
 * Returns: how @root_id is monitored; %MML_WATCH_OFF without a watcher
 */
MmlWatchMode
mml_library_session_get_root_mode (MmlLibrarySession  *self,
                                   gint64              root_id,
                                   const char        **reason)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), MML_WATCH_OFF);

  if (reason != NULL)
    *reason = NULL;

  if (self->watcher == NULL)
    return MML_WATCH_OFF;

  return mml_watcher_get_root_mode (self->watcher, root_id, reason);
}
