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
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-library-session.h"

/* Coalesces bursts of watcher batches into one reload */
#define RELOAD_DELAY_MS 300

struct _MmlLibrarySession
{
  GObject            parent_instance;

  MmlStore          *store;
  MmlWatcher        *watcher;
  gboolean           watch;     /* start a watcher once the store is open */
  GListStore        *roots;
  GListStore        *series;
  GListStore        *unrecognised;
  MmlLibraryTotals  *totals;

  GCancellable      *cancellable;          /* cancelled on shutdown */
  GCancellable      *reload_cancellable;   /* the reload in flight */
  guint              reload_pending;
  guint              reload_source;

  GCancellable      *scan_cancellable;
  GQueue             scan_queue;           /* (element-type ScanRequest) */
  gint64             scan_root_id;
  double             scan_fraction;
  char              *scan_text;

  guint              ready : 1;
  guint              loading : 1;
  guint              scanning : 1;
  guint              shut_down : 1;
};

G_DEFINE_FINAL_TYPE (MmlLibrarySession, mml_library_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READY,
  PROP_LOADING,
  PROP_TOTALS,
  PROP_SCANNING,
  PROP_SCAN_ROOT_ID,
  PROP_SCAN_FRACTION,
  PROP_SCAN_TEXT,
  PROP_WATCHER,
  N_PROPS
};

enum {
  ERROR,
  SCAN_FINISHED,
  ROOT_MODE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  MmlScanMode mode;
  gint64      root_id;   /* 0: every enabled root */
} ScanRequest;

static void start_next_scan (MmlLibrarySession *self);

static void
report_error (MmlLibrarySession *self,
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

static void
reload_step_done (MmlLibrarySession *self)
{
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

  if ((roots = mml_store_list_roots_finish (MML_STORE (object), result, &error)))
    splice_all (self->roots, roots);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    report_error (self, _("Cannot load the library folders"), error);

  reload_step_done (self);
}

static void
series_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  if ((series = mml_store_list_series_finish (MML_STORE (object), result, &error)))
    splice_all (self->series, series);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    report_error (self, _("Cannot load the series"), error);

  reload_step_done (self);
}

static void
unrecognised_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  if ((files = mml_store_list_unrecognised_finish (MML_STORE (object), result, &error)))
    splice_all (self->unrecognised, files);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    report_error (self, _("Cannot load the unrecognised files"), error);

  reload_step_done (self);
}

static void
totals_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(MmlLibraryTotals) totals = NULL;
  g_autoptr(GError) error = NULL;

  if ((totals = mml_store_get_totals_finish (MML_STORE (object), result, &error)))
    {
      g_clear_pointer (&self->totals, mml_library_totals_unref);
      self->totals = g_steal_pointer (&totals);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTALS]);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    report_error (self, _("Cannot count the library"), error);

  reload_step_done (self);
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
      report_error (self, _("Cannot open the library"), error);
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
  start_next_scan (self);
}

static void
set_scan_progress (MmlLibrarySession *self,
                   double             fraction,
                   const char        *text)
{
  if (self->scan_fraction != fraction)
    {
      self->scan_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_FRACTION]);
    }

  if (g_strcmp0 (self->scan_text, text) != 0)
    {
      g_free (self->scan_text);
      self->scan_text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_TEXT]);
    }
}

static void
scan_progress_cb (guint       done,
                  guint       total,
                  const char *current,
                  gpointer    user_data)
{
  MmlLibrarySession *self = user_data;
  g_autofree char *display = current ? g_filename_display_name (current) : NULL;

  set_scan_progress (self, total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : 0.0, display);
}

static void
set_scanning (MmlLibrarySession *self,
              gboolean           scanning,
              gint64             root_id)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->scan_root_id != root_id)
    {
      self->scan_root_id = root_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_ROOT_ID]);
    }

  if (self->scanning != !!scanning)
    {
      self->scanning = !!scanning;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
    }

  set_scan_progress (self, 0.0, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
scan_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = mml_scan_finish (MML_STORE (object), result, &error);

  g_clear_object (&self->scan_cancellable);
  set_scanning (self, FALSE, 0);

  if (self->shut_down)
    return;

  g_signal_emit (self, signals[SCAN_FINISHED], 0, summary, error);

  /* A cancelled scan keeps the roots it finished: show them too */
  mml_library_session_reload (self);
  start_next_scan (self);
}

static void
start_next_scan (MmlLibrarySession *self)
{
  g_autofree ScanRequest *next = NULL;
  MmlScanRequest *request;

  if (!self->ready || self->scanning || self->shut_down)
    return;

  if (!(next = g_queue_pop_head (&self->scan_queue)))
    return;

  request = mml_scan_request_new (next->mode);
  if (next->root_id > 0)
    mml_scan_request_set_root (request, next->root_id);
  mml_scan_request_set_progress (request, scan_progress_cb, g_object_ref (self), g_object_unref);

  self->scan_cancellable = g_cancellable_new ();
  set_scanning (self, TRUE, next->root_id);

  mml_scan_async (self->store, request, self->scan_cancellable,
                  scan_finished_cb, g_object_ref (self));
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
  report_error (self, _("Monitoring failed"), error);
}

typedef struct
{
  gint64 root_id;
  int    enabled;
  int    kind;
} UpdateRoot;

static void
root_updated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!(root = mml_store_update_root_finish (MML_STORE (object), result, &error)))
    report_error (self, _("Cannot change the library folder"), error);

  mml_library_session_reload (self);
  if (self->watcher != NULL)
    mml_watcher_reload (self->watcher);
}

static void
root_removed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MmlLibrarySession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mml_store_remove_root_finish (MML_STORE (object), result, &error))
    report_error (self, _("Cannot remove the library folder"), error);

  mml_library_session_reload (self);
  if (self->watcher != NULL)
    mml_watcher_reload (self->watcher);
}

static void
root_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlLibrarySession *self = g_task_get_source_object (task);
  g_autoptr(MmlRoot) root = NULL;
  GError *error = NULL;

  if (!(root = mml_store_add_root_finish (MML_STORE (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  mml_library_session_reload (self);
  if (self->watcher != NULL)
    mml_watcher_reload (self->watcher);
  mml_library_session_scan (self, MML_SCAN_QUICK, mml_root_get_id (root));

  g_task_return_pointer (task, g_steal_pointer (&root), g_object_unref);
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
 * mml_library_session_find_root:
 *
 * Returns: (transfer none) (nullable): the root with @root_id
 */
MmlRoot *
mml_library_session_find_root (MmlLibrarySession *self,
                               gint64             root_id)
{
  guint n;

  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->roots));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MmlRoot) root = g_list_model_get_item (G_LIST_MODEL (self->roots), i);

      if (mml_root_get_id (root) == root_id)
        return root;   /* the store keeps a reference */
    }

  return NULL;
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
}

/**
 * mml_library_session_add_root_async:
 *
 * Adds @path as a library folder; on success reloads the models and
 * queues a quick scan of the new root.
 */
void
mml_library_session_add_root_async (MmlLibrarySession   *self,
                                    const char          *path,
                                    MmlRootKind          kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_library_session_add_root_async);

  mml_store_add_root_async (self->store, path, kind, cancellable,
                            root_added_cb, g_steal_pointer (&task));
}

/**
 * mml_library_session_add_root_finish:
 *
 * Returns: (transfer full) (nullable): the new root, or %NULL with @error set
 */
MmlRoot *
mml_library_session_add_root_finish (MmlLibrarySession  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mml_library_session_remove_root:
 *
 * Forgets a library folder and everything the library knew about it.
 * Nothing on disk is touched.
 */
void
mml_library_session_remove_root (MmlLibrarySession *self,
                                 gint64             root_id)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  mml_store_remove_root_async (self->store, root_id, self->cancellable,
                               root_removed_cb, g_object_ref (self));
}

void
mml_library_session_set_root_enabled (MmlLibrarySession *self,
                                      gint64             root_id,
                                      gboolean           enabled)
{
  MmlRoot *root;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  root = mml_library_session_find_root (self, root_id);
  if (root != NULL && mml_root_get_enabled (root) == !!enabled)
    return;

  mml_store_update_root_async (self->store, root_id, !!enabled, -1, self->cancellable,
                               root_updated_cb, g_object_ref (self));
}

void
mml_library_session_set_root_kind (MmlLibrarySession *self,
                                   gint64             root_id,
                                   MmlRootKind        kind)
{
  MmlRoot *root;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  root = mml_library_session_find_root (self, root_id);
  if (root != NULL && mml_root_get_kind (root) == kind)
    return;

  mml_store_update_root_async (self->store, root_id, -1, kind, self->cancellable,
                               root_updated_cb, g_object_ref (self));
}

/**
 * mml_library_session_scan:
 * @root_id: a root, or 0 for every enabled root
 *
 * Queues a scan; scans run one at a time, and the models reload after each.
 */
void
mml_library_session_scan (MmlLibrarySession *self,
                          MmlScanMode        mode,
                          gint64             root_id)
{
  ScanRequest *request;

  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  if (self->shut_down)
    return;

  for (GList *l = self->scan_queue.head; l != NULL; l = l->next)
    {
      ScanRequest *queued = l->data;

      if (queued->root_id == root_id && queued->mode == mode)
        return;
    }

  request = g_new0 (ScanRequest, 1);
  request->mode = mode;
  request->root_id = root_id;
  g_queue_push_tail (&self->scan_queue, request);

  start_next_scan (self);
}

/**
 * mml_library_session_cancel_scan:
 *
 * Cancels the running scan and drops the queued ones.
 */
void
mml_library_session_cancel_scan (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  g_queue_clear_full (&self->scan_queue, g_free);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
}

gboolean
mml_library_session_get_scanning (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), FALSE);
  return self->scanning;
}

/**
 * mml_library_session_get_scan_root_id:
 *
 * Returns: the root being scanned, or 0 when every root is (or none)
 */
gint64
mml_library_session_get_scan_root_id (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), 0);
  return self->scan_root_id;
}

double
mml_library_session_get_scan_fraction (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), 0.0);
  return self->scan_fraction;
}

/**
 * mml_library_session_get_scan_text:
 *
 * Returns: (nullable): the folder being scanned, display-safe
 */
const char *
mml_library_session_get_scan_text (MmlLibrarySession *self)
{
  g_return_val_if_fail (MML_IS_LIBRARY_SESSION (self), NULL);
  return self->scan_text;
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
