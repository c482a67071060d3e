/* mml-app-test-util.c — set-up and waiting shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "mml-app-test-util.h"
#include "mml-scanner.h"
#include "mml-store-roots.h"
#include "mml-test-util.h"
#include "mml-util.h"

/**
 * mml_app_test_setup_environment:
 * @tmpl: a template for g_dir_make_tmp()
 *
 * Points HOME and the XDG folders into a new temporary folder, so the tests
 * never touch the user's files or settings.
 *
 * Returns: (transfer full): the temporary home; remove it when done
 */
char *
mml_app_test_setup_environment (const char *tmpl)
{
  const char *subdirs[] = { "config", "data", "cache", "runtime" };
  const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
  g_autoptr(GError) error = NULL;
  char *home;

  home = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);

  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, subdirs[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }

  /* Never touch the user's settings; keep rendering cheap and predictable */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  return home;
}

/**
 * mml_app_test_init:
 * @argc: main()'s
 * @argv: main()'s
 * @tmpl: a template for the temporary home
 *
 * What every UI test's main() does first: checks for a display, points HOME
 * and the XDG folders into a temporary home (mml_app_test_setup_environment()),
 * runs untranslated in C.UTF-8 and initialises the test framework.
 *
 * Returns: (transfer full) (nullable): the temporary home; %NULL, after
 *   saying why, when there is no display (main() returns 77: skipped)
 */
char *
mml_app_test_init (int          *argc,
                   char       ***argv,
                   const char   *tmpl)
{
  char *home;

  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_printerr ("No DISPLAY: skipping the UI tests (run them under xvfb-run)\n");
      return NULL;
    }

  home = mml_app_test_setup_environment (tmpl);
  /* LANGUAGE is ignored in the C locale, hence C.UTF-8 */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  return home;
}

static MmlApplication *
new_application (gboolean watch)
{
  g_autoptr(GError) error = NULL;
  MmlApplication *app;

  g_assert_true (gtk_init_check ());

  /* No desktop notifications: the test's session bus has no service for
   * them (GLib warns when it finds none); test-notify turns them on
   * against a fake one */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

    static const char * const keys[] = {
      "notify-new-episodes", "notify-job-failures", "notify-subtitles", "notify-watch-conflicts",
      "notify-subtitle-quota", "notify-airing-today",
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_settings_set_boolean (settings, keys[i], FALSE);
  }

  /* Not unique: the tests must not depend on (or clash over) the session bus */
  app = mml_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  /* the tests drive matching and refreshing themselves */
  mml_engine_set_automatic (mml_application_get_engine (app), FALSE);
  mml_engine_set_watch (mml_application_get_engine (app), watch);
  /* registering starts the application up, which opens the engine */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  return app;
}

/**
 * mml_app_test_new_application:
 *
 * Initialises GTK and registers a new application whose engine starts no
 * work by itself (no automatic matching or refresh) but watches the disk.
 *
 * Returns: (transfer full): the application
 */
MmlApplication *
mml_app_test_new_application (void)
{
  return new_application (TRUE);
}

/**
 * mml_app_test_new_application_unwatched:
 *
 * mml_app_test_new_application() without the watcher: only the test's own
 * scans change the library.
 *
 * Returns: (transfer full): the application
 */
MmlApplication *
mml_app_test_new_application_unwatched (void)
{
  return new_application (FALSE);
}

static gboolean
wakeup_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @predicate holds; fails the test after
 * @timeout_ms. */
void
mml_app_test_iterate_until (MmlAppTestPredicate  predicate,
                            gpointer             data,
                            guint                timeout_ms,
                            const char          *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  guint wakeup_id = g_timeout_add (10, wakeup_cb, NULL);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wakeup_id);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout_id);
}

/* For animations that expose no "running" state */
void
mml_app_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Renders @widget into G_TEST_BUILDDIR/shot-<name>.png */
void
mml_app_test_save_png (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *basename = g_strdup_printf ("shot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, basename, NULL);
  GskRenderer *renderer = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  int width, height;

  /* a window just presented gets its size a few frames later (many more
   * under ASan) */
  while (gtk_widget_get_width (widget) <= 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A page just switched to has no render node until its first frame,
   * which a slow (sanitizer) build may not have drawn yet. */
  for (guint tries = 0; node == NULL && tries < 100; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        mml_app_test_wait_ms (50);
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Wrote %s", path);
}

/* Destroys every window still open and lets GTK finish with them, so that
 * leak checking at exit sees no widget tree (and its render nodes) alive. */
void
mml_app_test_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (toplevels) > 0 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
mml_app_test_find_widget (GtkWidget *widget,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mml_app_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
mml_app_test_find_button (GtkWidget  *widget,
                          const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mml_app_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

guint
mml_app_test_count_mapped (GtkWidget *widget,
                           GType      type)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += mml_app_test_count_mapped (child, type);
  return n;
}

void
mml_app_test_activate (GtkWidget  *widget,
                       const char *action,
                       GVariant   *value)
{
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (widget, action, owned));
  mml_app_test_wait_ms (150);
}

MmlSeriesItem *
mml_app_test_find_series (GListModel *model,
                          const char *title,
                          guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (mml_series_item_get_title (item), title) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;   /* the model keeps it alive */
        }
    }

  return NULL;
}

void
mml_app_test_write_tree (const char         *tree,
                         const char * const *files,
                         guint               n_files,
                         const char         *contents)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_build_filename (tree, files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
    }
}

void
mml_app_test_scan_library (const char *db,
                           const char *tree,
                           const char *sql)
{
  g_autoptr(MmlStore) store = mml_store_new (db);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mml_store_open (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

    mml_store_add_root_async (store, tree, MML_ROOT_KIND_STANDARD, NULL, mml_sync_wait_cb, wait);
    root = mml_store_add_root_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
    g_autoptr(MmlScanSummary) summary = NULL;
    MmlScanRequest *request = mml_scan_request_new (MML_SCAN_QUICK);

    mml_scan_request_set_root (request, mml_root_get_id (root));
    mml_scan_async (store, request, NULL, mml_sync_wait_cb, wait);
    summary = mml_scan_finish (store, mml_sync_wait_run (wait), &error);
    g_assert_no_error (error);
  }
  if (sql != NULL)
    mml_test_store_exec (store, sql);
  mml_store_close (store);
}
