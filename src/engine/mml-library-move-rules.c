/* mml-library-move-rules.c — "when a series becomes completed (or is
 * dropped), move it to …": the rules and the suggestion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule is a destination folder per viewing status (completed, dropped),
 * kept in the store's preferences (MML_PREF_MOVE_RULE_*), so the CLI and
 * the app share them. The rule never moves anything: when a reload of the
 * series shows a series whose status has just become one with a rule, and
 * the series is not already in that folder, the library controller emits
 * "move-suggested" and the front end asks the user. The rules are read
 * with every reload of the models, as one of its steps, and the statuses
 * compared once every step is done (before "loading" goes false). The
 * statuses seen last are kept in memory; the first load only records
 * them, so a series that was completed before the library opened is never
 * suggested, and each change of status is suggested once.
 */

#define G_LOG_DOMAIN "mml-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-engine-private.h"
#include "mml-forward.h"
#include "mml-subtitle-store.h"

static const MmlViewingStatus rule_statuses[MML_MOVE_WATCH_READS] = {
  MML_VIEWING_COMPLETED,
  MML_VIEWING_DROPPED,
};

struct _MmlMoveWatch
{
  GHashTable *seen;      /* series id (gint64 *) → MmlViewingStatus seen last */
  gboolean    loaded;    /* the first load was recorded */
  GPtrArray  *series;    /* (nullable): the series of the reload in flight */
  char       *rules[MML_MOVE_WATCH_READS];  /* the reload's rules, by rule_statuses */
};

MmlMoveWatch *
_mml_move_watch_new (void)
{
  MmlMoveWatch *watch = g_new0 (MmlMoveWatch, 1);

  watch->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return watch;
}

void
_mml_move_watch_free (MmlMoveWatch *watch)
{
  if (watch == NULL)
    return;
  g_hash_table_unref (watch->seen);
  g_clear_pointer (&watch->series, g_ptr_array_unref);
  for (guint i = 0; i < MML_MOVE_WATCH_READS; i++)
    g_free (watch->rules[i]);
  g_free (watch);
}

/**
 * mml_move_rule_key:
 * @status: a viewing status
 *
 * Returns: (nullable): the preference holding the rule of @status, NULL
 *   for a status that cannot have one (only completed and dropped can)
 */
const char *
mml_move_rule_key (MmlViewingStatus status)
{
  switch (status)
    {
    case MML_VIEWING_COMPLETED:
      return MML_PREF_MOVE_RULE_COMPLETED;
    case MML_VIEWING_DROPPED:
      return MML_PREF_MOVE_RULE_DROPPED;
    case MML_VIEWING_NOT_STARTED:
    case MML_VIEWING_WATCHING:
    case MML_VIEWING_NEED_TO_CONTINUE:
    case MML_VIEWING_CAUGHT_UP:
    case MML_VIEWING_ON_HOLD:
    default:
      return NULL;
    }
}

/* Whether @path is @folder or inside it (both absolute) */
static gboolean
path_is_under (const char *path,
               const char *folder)
{
  g_autofree char *p = g_canonicalize_filename (path, NULL);
  g_autofree char *f = g_canonicalize_filename (folder, NULL);
  gsize n = strlen (f);

  if (g_str_equal (p, f))
    return TRUE;
  if (n > 0 && f[n - 1] == G_DIR_SEPARATOR)
    return g_str_has_prefix (p, f);
  return g_str_has_prefix (p, f) && p[n] == G_DIR_SEPARATOR;
}

/**
 * mml_move_rule_applies:
 * @series: a series
 * @destination: (nullable): a rule's folder
 *
 * Returns: whether a rule moving to @destination has something to do for
 *   @series: there is a destination and the series is not already in it
 */
gboolean
mml_move_rule_applies (MmlSeriesItem *series,
                       const char    *destination)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (MML_IS_SERIES_ITEM (series), FALSE);

  if (destination == NULL || !g_path_is_absolute (destination))
    return FALSE;
  folder = g_build_filename (mml_series_item_get_root_path (series),
                             mml_series_item_get_folder (series), NULL);
  return !path_is_under (folder, destination);
}

/* --- the suggestion ------------------------------------------------------ */

typedef struct
{
  MmlLibraryController *self;
  MmlMoveWatch         *watch;
  guint                 index;   /* in rule_statuses */
} RuleRead;

static void
rule_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RuleRead *read = user_data;
  g_autoptr(MmlLibraryController) self = read->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = mml_store_get_preference_finish (MML_STORE (source), result, &error);

  if (_mml_library_controller_reload_step_is_current (self, result))
    {
      g_free (read->watch->rules[read->index]);
      read->watch->rules[read->index] = g_steal_pointer (&destination);
      _mml_library_controller_reload_step_done (self, error, _("Cannot read the move rules"));
    }
  g_free (read);
}

/* A step of the reload: the rules as they are now */
void
_mml_move_watch_read_rules (MmlMoveWatch         *watch,
                            MmlLibraryController *self,
                            MmlStore             *store,
                            GCancellable         *cancellable)
{
  g_clear_pointer (&watch->series, g_ptr_array_unref);
  for (guint i = 0; i < MML_MOVE_WATCH_READS; i++)
    {
      RuleRead *read = g_new0 (RuleRead, 1);

      g_clear_pointer (&watch->rules[i], g_free);
      read->self = g_object_ref (self);
      read->watch = watch;   /* the controller owns both */
      read->index = i;
      mml_store_get_preference_async (store, mml_move_rule_key (rule_statuses[i]), cancellable,
                                      rule_read_cb, read);
    }
}

/* A step of the reload: the series as they are now */
void
_mml_move_watch_set_series (MmlMoveWatch *watch,
                            GPtrArray    *series)
{
  g_clear_pointer (&watch->series, g_ptr_array_unref);
  watch->series = g_ptr_array_ref (series);
}

static const char *
rule_of (MmlMoveWatch     *watch,
         MmlViewingStatus  status)
{
  for (guint i = 0; i < MML_MOVE_WATCH_READS; i++)
    if (rule_statuses[i] == status)
      return watch->rules[i];
  return NULL;
}

/* Every step of the reload done: the statuses that changed since the last
 * load, suggested where a rule says */
void
_mml_move_watch_compare (MmlMoveWatch         *watch,
                         MmlLibraryController *self)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) series = g_steal_pointer (&watch->series);

  if (series == NULL)   /* the series could not be read */
    return;
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < series->len; i++)
    {
      MmlSeriesItem *item = g_ptr_array_index (series, i);
      gint64 id = mml_series_item_get_id (item);
      MmlViewingStatus status = mml_series_item_get_viewing_status (item);
      const char *destination = rule_of (watch, status);
      gpointer before;

      g_hash_table_insert (seen, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (status));
      /* the first load, a series new to the library: not a change of status */
      if (!watch->loaded || !g_hash_table_lookup_extended (watch->seen, &id, NULL, &before) ||
          GPOINTER_TO_INT (before) == (int) status)
        continue;
      if (mml_move_rule_applies (item, destination))
        g_signal_emit_by_name (self, "move-suggested", item, (int) status, destination);
    }
  g_hash_table_unref (watch->seen);
  watch->seen = g_steal_pointer (&seen);
  watch->loaded = TRUE;
}

/* --- the rules ------------------------------------------------------------ */

/**
 * mml_library_controller_get_move_rule_async:
 * @status: %MML_VIEWING_COMPLETED or %MML_VIEWING_DROPPED
 *
 * Reads where a series of @status is suggested to move.
 */
void
mml_library_controller_get_move_rule_async (MmlLibraryController *self,
                                            MmlViewingStatus      status,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  const char *key = mml_move_rule_key (status);
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = _mml_forward_new (self, mml_library_controller_get_move_rule_async,
                           (MmlForwardFinish) mml_store_get_preference_finish, g_free,
                           cancellable, callback, user_data);
  if (key == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "A %s series has no move rule", mml_viewing_status_to_string (status));
      g_object_unref (task);
      return;
    }
  mml_store_get_preference_async (_mml_library_controller_get_store (self), key, cancellable,
                                  _mml_forward_cb, task);
}

/**
 * mml_library_controller_get_move_rule_finish:
 *
 * Returns: (transfer full) (nullable): the destination folder, NULL when
 *   the rule is off (check @error)
 */
char *
mml_library_controller_get_move_rule_finish (MmlLibraryController  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  return _mml_forward_finish (self, result, mml_library_controller_get_move_rule_async, error);
}

/**
 * mml_library_controller_set_move_rule_async:
 * @status: %MML_VIEWING_COMPLETED or %MML_VIEWING_DROPPED
 * @destination: (nullable): an absolute folder; NULL turns the rule off
 *
 * Sets where a series that becomes @status is suggested to move.
 */
void
mml_library_controller_set_move_rule_async (MmlLibraryController *self,
                                            MmlViewingStatus      status,
                                            const char           *destination,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  const char *key = mml_move_rule_key (status);
  g_autofree char *folder = NULL;
  GTask *task;

  g_return_if_fail (MML_IS_LIBRARY_CONTROLLER (self));

  task = _mml_forward_new_boolean (self, mml_library_controller_set_move_rule_async,
                                   (MmlForwardFinishBoolean) mml_store_set_preference_finish,
                                   cancellable, callback, user_data);
  if (key == NULL || (destination != NULL && !g_path_is_absolute (destination)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               key == NULL ? "A %s series has no move rule" : "Not an absolute folder: %s",
                               key == NULL ? mml_viewing_status_to_string (status) : destination);
      g_object_unref (task);
      return;
    }
  if (destination != NULL)
    folder = g_canonicalize_filename (destination, NULL);
  mml_store_set_preference_async (_mml_library_controller_get_store (self), key, folder, cancellable,
                                  _mml_forward_cb, task);
}

gboolean
mml_library_controller_set_move_rule_finish (MmlLibraryController  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  return _mml_forward_finish_boolean (self, result, mml_library_controller_set_move_rule_async, error);
}
