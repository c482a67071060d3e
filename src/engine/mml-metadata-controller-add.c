/* mml-metadata-controller-add.c — adding a series by search: the one
 * place that decides a new series' folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's Add series window and `mml series add` both come here: the
 * folder name must be one the scan will find, the library folder must
 * exist and the folder must not be a series already; the show is fetched
 * before anything is written, then the folder is made on a worker (the
 * root may be a slow mount), the series row added, and the show written
 * as a manual match. Only the controller's public verbs and the engine's
 * store are used.
 */

#define G_LOG_DOMAIN "mml-metadata"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mml-engine-private.h"
#include "mml-series-folder.h"
#include "mml-store-roots.h"

G_DEFINE_QUARK (mml-add-series-error-quark, mml_add_series_error)

static MmlStore *
store_of (MmlMetadataController *self)
{
  return mml_engine_get_store (_mml_metadata_controller_get_engine (self));
}

/* The series of @rows (MmlSeriesItem) in @folder of @root_id, or NULL */
static MmlSeriesItem *
series_in_folder (GPtrArray  *rows,
                  gint64      root_id,
                  const char *folder,
                  gint64      except)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      MmlSeriesItem *row = g_ptr_array_index (rows, i);

      if (mml_series_item_get_root_id (row) == root_id && mml_series_item_get_id (row) != except &&
          g_strcmp0 (mml_series_item_get_folder (row), folder) == 0)
        return row;
    }
  return NULL;
}

/**
 * mml_metadata_controller_folder_problem:
 * @name: the folder name as typed (UTF-8)
 * @except_series_id: a series that may have it (the one just added), or 0
 *
 * Why @name cannot be a new series' folder in @root_id, as far as the
 * library's models know; the add checks again against the store.
 *
 * Returns: (transfer full) (nullable): a sentence for the user, or %NULL
 */
char *
mml_metadata_controller_folder_problem (MmlMetadataController *self,
                                        gint64                 root_id,
                                        const char            *name,
                                        gint64                 except_series_id)
{
  MmlLibraryController *library;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  GListModel *series;

  g_return_val_if_fail (MML_IS_METADATA_CONTROLLER (self), NULL);

  if (!mml_series_folder_check_name (name, &error))
    return g_strdup (error->message);
  if (root_id <= 0)
    return g_strdup (_("Add a library folder in Paths first."));

  on_disk = g_filename_from_utf8 (name, -1, NULL, NULL, NULL);
  if (on_disk == NULL)
    return g_strdup (_("The file system cannot store this name."));

  library = mml_engine_get_library (_mml_metadata_controller_get_engine (self));
  series = mml_library_controller_get_series (library);
  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (series, i);

      if (mml_series_item_get_root_id (item) == root_id &&
          mml_series_item_get_id (item) != except_series_id &&
          g_strcmp0 (mml_series_item_get_folder (item), on_disk) == 0)
        /* Translators: %s is a series title */
        return g_strdup_printf (_("This folder is already the series “%s”."), mml_series_item_get_title (item));
    }

  return NULL;
}

typedef struct
{
  gint64         root_id;
  gint64         provider_id;
  char          *folder;        /* filename encoding, one component */
  char          *root_path;
  char          *path;
  gint64         series_id;
  gint64         existing_id;   /* the series that has the folder already */
} AddSeries;

static void
add_series_free (AddSeries *add)
{
  g_free (add->folder);
  g_free (add->root_path);
  g_free (add->path);
  g_free (add);
}

static void
add_fail (GTask             *task,
          MmlAddSeriesError  code,
          const char        *message)
{
  g_task_return_new_error (task, MML_ADD_SERIES_ERROR, code, "%s", message);
}

static void
added_chosen_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddSeries *add = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mml_metadata_controller_choose_finish (MML_METADATA_CONTROLLER (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Translators: %s is why */
      text = g_strdup_printf (_("The series was added, but matching it failed: %s"), error->message);
      add_fail (task, MML_ADD_SERIES_ERROR_MATCH, text);
      return;
    }
  g_task_return_int (task, add->series_id);
}

static void
row_added_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetadataController *self = g_task_get_source_object (task);
  AddSeries *add = g_task_get_task_data (task);
  GError *error = NULL;

  add->series_id = mml_meta_store_add_series_finish (MML_STORE (object), result, &error);
  if (add->series_id <= 0)
    {
      g_task_return_error (task, error != NULL ? error
                           : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("The series could not be added")));
      return;
    }
  mml_metadata_controller_choose_async (self, add->series_id, add->provider_id,
                                        g_task_get_cancellable (task), added_chosen_cb, g_object_ref (task));
}

static void
make_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AddSeries *add = task_data;
  g_autoptr(GFile) folder = g_file_new_for_path (add->path);
  GError *error = NULL;

  if (!g_file_make_directory_with_parents (folder, cancellable, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *text = g_strdup_printf (_("Cannot create the folder: %s"), error->message);

          g_clear_error (&error);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", text);
          return;
        }
      g_clear_error (&error);
      if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_DIRECTORY)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                                   _("Something that is not a folder already has this name"));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
folder_made_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetadataController *self = g_task_get_source_object (task);
  AddSeries *add = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *title = NULL;
  MmlSeriesFolder info = { 0 };

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* the row's title until the match writes the show's own */
  mml_series_folder_parse (add->folder, -1, &info);
  title = g_strdup (info.title[0] != '\0' ? info.title : add->folder);
  mml_meta_store_add_series_async (store_of (self), add->root_id, add->folder, title, info.year,
                                   g_task_get_cancellable (task), row_added_cb, g_object_ref (task));
}

static void
start_make_folder (GTask *task)
{
  AddSeries *add = g_task_get_task_data (task);
  g_autoptr(GTask) make = NULL;

  add->path = g_build_filename (add->root_path, add->folder, NULL);
  /* Blocking GIO on a worker: the root may be a slow network mount */
  make = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                     folder_made_cb, g_object_ref (task));
  g_task_set_task_data (make, add, NULL);
  g_task_run_in_thread (make, make_folder_thread);
}

static void
rows_listed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddSeries *add = g_task_get_task_data (task);
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;
  MmlSeriesItem *taken;

  if ((rows = mml_meta_store_list_series_finish (MML_STORE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* a folder that is a series already stays that series: matching it to
   * another show is a choice on that series, not an add */
  if ((taken = series_in_folder (rows, add->root_id, add->folder, 0)) != NULL)
    {
      g_autofree char *display = g_filename_display_name (add->folder);
      /* Translators: a folder name, a series id, then its title */
      g_autofree char *text = g_strdup_printf (_("The folder “%s” is already series %lld (“%s”)"),
                                               display, (long long) mml_series_item_get_id (taken),
                                               mml_series_item_get_title (taken));

      add->existing_id = mml_series_item_get_id (taken);
      add_fail (task, MML_ADD_SERIES_ERROR_TAKEN, text);
      return;
    }
  start_make_folder (task);
}

static void
check_folder (GTask *task)
{
  MmlMetadataController *self = g_task_get_source_object (task);
  AddSeries *add = g_task_get_task_data (task);
  g_autofree char *utf8 = g_filename_display_name (add->folder);
  g_autoptr(GError) error = NULL;

  if (!mml_series_folder_check_name (utf8, &error))
    {
      add_fail (task, MML_ADD_SERIES_ERROR_FOLDER_NAME, error->message);
      return;
    }
  mml_meta_store_list_series_async (store_of (self), 0, g_task_get_cancellable (task),
                                    rows_listed_cb, g_object_ref (task));
}

static void
fetched_for_name_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddSeries *add = g_task_get_task_data (task);
  g_autoptr(MmlMetaSeries) series = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  if ((series = mml_provider_get_series_finish (MML_PROVIDER (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (add->folder == NULL)
    {
      name = mml_series_folder_suggest (series->title, series->year);
      add->folder = g_filename_from_utf8 (name, -1, NULL, NULL, NULL);
      if (add->folder == NULL)
        add->folder = g_strdup (name);
    }
  check_folder (task);
}

static void
roots_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MmlMetadataController *self = g_task_get_source_object (task);
  AddSeries *add = g_task_get_task_data (task);
  g_autoptr(GPtrArray) roots = NULL;
  GError *error = NULL;

  if ((roots = mml_store_list_roots_finish (MML_STORE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < roots->len && add->root_path == NULL; i++)
    if (mml_root_get_id (g_ptr_array_index (roots, i)) == add->root_id)
      add->root_path = g_strdup (mml_root_get_path (g_ptr_array_index (roots, i)));
  if (add->root_path == NULL)
    {
      /* Translators: %lld is a library folder id */
      g_autofree char *text = g_strdup_printf (_("There is no library folder %lld"), (long long) add->root_id);

      add_fail (task, MML_ADD_SERIES_ERROR_NO_ROOT, text);
      return;
    }

  /* a name that cannot be a series folder is refused before asking anyone */
  if (add->folder != NULL)
    {
      g_autofree char *utf8 = g_filename_display_name (add->folder);
      g_autoptr(GError) name_error = NULL;

      if (!mml_series_folder_check_name (utf8, &name_error))
        {
          add_fail (task, MML_ADD_SERIES_ERROR_FOLDER_NAME, name_error->message);
          return;
        }
    }

  /* the show first: a wrong id leaves nothing behind, and "Title (Year)"
   * needs its title */
  mml_provider_get_series_async (mml_meta_run_get_provider (mml_metadata_controller_get_run (self)), add->provider_id,
                                   MML_EPISODE_ORDER_AIRED, g_task_get_cancellable (task),
                                   fetched_for_name_cb, g_object_ref (task));
}

/**
 * mml_metadata_controller_add_series_async:
 * @root_id: the library folder to add it to
 * @provider_id: the show's id at the primary provider
 * @folder: (nullable): the series folder's name (UTF-8); %NULL for the
 *   show's "Title (Year)"
 *
 * Adds a series by search, the same way for every caller: the folder name
 * must be one the scan will find (mml_series_folder_check_name()) and not
 * already a series; the folder is created under the root (an existing one
 * is used), the series row added, and the show fetched and written as a
 * manual match, so its episodes list as missing until there are files.
 * The same show elsewhere in the library is no reason to refuse: a second
 * copy (another disk, another quality) is allowed.
 */
void
mml_metadata_controller_add_series_async (MmlMetadataController *self,
                                          gint64                 root_id,
                                          gint64                 provider_id,
                                          const char            *folder,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  AddSeries *add;

  g_return_if_fail (MML_IS_METADATA_CONTROLLER (self));
  g_return_if_fail (provider_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mml_metadata_controller_add_series_async);
  add = g_new0 (AddSeries, 1);
  add->root_id = root_id;
  add->provider_id = provider_id;
  if (folder != NULL)
    {
      add->folder = g_filename_from_utf8 (folder, -1, NULL, NULL, NULL);
      if (add->folder == NULL)
        {
          g_task_set_task_data (task, add, (GDestroyNotify) add_series_free);
          add_fail (task, MML_ADD_SERIES_ERROR_FOLDER_NAME, _("The file system cannot store this name."));
          return;
        }
    }
  g_task_set_task_data (task, add, (GDestroyNotify) add_series_free);

  mml_store_list_roots_async (store_of (self), cancellable, roots_listed_cb, g_steal_pointer (&task));
}

/**
 * mml_metadata_controller_add_series_finish:
 * @folder: (out) (optional) (transfer full): the folder used, or the one
 *   refused (filename encoding)
 * @existing_id: (out) (optional): with %MML_ADD_SERIES_ERROR_TAKEN, the
 *   series that has the folder
 *
 * Returns: the new series' id, or 0 with @error set
 */
gint64
mml_metadata_controller_add_series_finish (MmlMetadataController  *self,
                                           GAsyncResult           *result,
                                           char                  **folder,
                                           gint64                 *existing_id,
                                           GError                **error)
{
  AddSeries *add;
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  add = g_task_get_task_data (G_TASK (result));
  if (folder != NULL)
    *folder = add != NULL ? g_strdup (add->folder) : NULL;
  if (existing_id != NULL)
    *existing_id = add != NULL ? add->existing_id : 0;
  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}
