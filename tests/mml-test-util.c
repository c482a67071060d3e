/* mml-test-util.c — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-test-util.h"
#include "mml-util.h"

/* A private temporary folder per test, so tests can run in parallel. */
char *
mml_test_make_tmpdir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and everything below it, never following symlinks; makes
 * folders a test locked (chmod 000) writable again first. */
void
mml_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  g_chmod (path, 0700);
  children = g_file_enumerate_children (file,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        mml_test_remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
exec_job (MmlStore     *store,
          sqlite3      *db,
          GTask        *task,
          gpointer      task_data,
          GCancellable *cancellable)
{
  GError *error = NULL;

  if (mml_store_exec (db, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs @sql on @store's writer connection and waits for it; fails the test
 * when SQLite refuses it. */
void
mml_test_store_exec (MmlStore   *store,
                     const char *sql)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;

  mml_store_run_async (store, exec_job, g_strdup (sql), g_free, mml_test_store_exec,
                       NULL, mml_sync_wait_cb, wait);
  g_assert_true (g_task_propagate_boolean (G_TASK (mml_sync_wait_run (wait)), &error));
  g_assert_no_error (error);
}
