/* test-move-rules.c — move rules: a series that becomes completed or
 * dropped is suggested for its rule's folder, once, never at startup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-subtitle-store.h"
#include "mml-test-util.h"
#include "mml-viewing-controller.h"

typedef struct
{
  char         *dir;
  char         *tree;
  char         *archive;
  char         *db_path;
  MmlEngine    *engine;
  GAsyncResult *result;
  GPtrArray    *suggested;   /* "Title|status|destination" */
  guint         n_reloads;
} Fixture;

static const char *tree_files[] = {
  "Dark (2017)/Season 01/Dark - S01E01.mkv",
  "Dark (2017)/Season 01/Dark - S01E02.mkv",
  "Done Deal (2012)/Season 01/Done Deal - S01E01.mkv",
  "Quiet Harbour (2015)/Season 01/Quiet Harbour - S01E01.mkv",
};

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
clear_result (Fixture *f)
{
  g_clear_object (&f->result);
}

static void
suggested_cb (MmlLibraryController *library,
              MmlSeriesItem        *series,
              int                   status,
              const char           *destination,
              Fixture              *f)
{
  g_ptr_array_add (f->suggested, g_strdup_printf ("%s|%s|%s", mml_series_item_get_title (series),
                                                  mml_viewing_status_to_string (status), destination));
}

static void
reloaded_cb (MmlLibraryController *library,
             Fixture              *f)
{
  f->n_reloads++;
}

/* Waits for the first load */
static void
wait_loaded (Fixture *f)
{
  MmlLibraryController *library = mml_engine_get_library (f->engine);

  while (!mml_library_controller_get_loaded (library) || mml_library_controller_get_loading (library))
    g_main_context_iteration (NULL, TRUE);
}

/* Waits for a reload started after @n_before reloads to finish */
static void
wait_reload (Fixture *f,
             guint    n_before)
{
  while (f->n_reloads <= n_before)
    g_main_context_iteration (NULL, TRUE);
}

static void
open_engine (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->engine = mml_engine_new (f->db_path);
  mml_engine_set_watch (f->engine, FALSE);
  mml_engine_set_automatic (f->engine, FALSE);
  mml_engine_set_wait_for_network (f->engine, FALSE);
  mml_library_controller_set_scan_new_roots (mml_engine_get_library (f->engine), FALSE);
  g_signal_connect (mml_engine_get_library (f->engine), "move-suggested", G_CALLBACK (suggested_cb), f);
  g_signal_connect (mml_engine_get_library (f->engine), "reloaded", G_CALLBACK (reloaded_cb), f);
  g_assert_true (mml_engine_open_sync (f->engine, &error));
  g_assert_no_error (error);
  wait_loaded (f);
}

static void
close_engine (Fixture *f)
{
  mml_engine_shutdown (f->engine);
  g_clear_object (&f->engine);
}

static MmlSeriesItem *
find_series (Fixture    *f,
             const char *title)
{
  GListModel *model = mml_library_controller_get_series (mml_engine_get_library (f->engine));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MmlSeriesItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (mml_series_item_get_title (item), title) == 0)
        return item;   /* the model keeps it */
    }
  g_assert_not_reached ();
  return NULL;
}

static void
set_rule (Fixture          *f,
          MmlViewingStatus  status,
          const char       *destination)
{
  MmlLibraryController *library = mml_engine_get_library (f->engine);
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;

  mml_library_controller_set_move_rule_async (library, status, destination, NULL, result_cb, f);
  g_assert_true (mml_library_controller_set_move_rule_finish (library, wait_result (f), &error));
  g_assert_no_error (error);
  clear_result (f);
  mml_library_controller_get_move_rule_async (library, status, NULL, result_cb, f);
  read = mml_library_controller_get_move_rule_finish (library, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, destination);
  clear_result (f);
}

/* Marks @spec of @title watched and waits for the reload it causes */
static void
mark (Fixture    *f,
      const char *title,
      const char *spec_text)
{
  MmlViewingController *viewing = mml_engine_get_viewing (f->engine);
  MmlEpisodeSpec spec;
  MmlMarkSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_before = f->n_reloads;

  g_assert_true (mml_episode_spec_parse (spec_text, &spec, NULL));
  mml_viewing_controller_mark_async (viewing, mml_series_item_get_id (find_series (f, title)), &spec,
                                     TRUE, NULL, result_cb, f);
  g_assert_true (mml_viewing_controller_mark_finish (viewing, wait_result (f), &summary, &error));
  g_assert_no_error (error);
  clear_result (f);
  if (summary.changed > 0)   /* else nothing reloads */
    wait_reload (f, n_before);
}

static void
set_status (Fixture          *f,
            const char       *title,
            gboolean          has_override,
            MmlViewingStatus  status)
{
  MmlViewingController *viewing = mml_engine_get_viewing (f->engine);
  g_autoptr(GError) error = NULL;
  guint n_before = f->n_reloads;

  mml_viewing_controller_set_status_async (viewing, mml_series_item_get_id (find_series (f, title)),
                                           has_override, status, NULL, result_cb, f);
  g_assert_true (mml_viewing_controller_set_status_finish (viewing, wait_result (f), &error));
  g_assert_no_error (error);
  clear_result (f);
  wait_reload (f, n_before);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  MmlLibraryController *library;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlScanSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = mml_test_make_tmpdir ("mml-test-move-rules-XXXXXX");
  f->tree = g_build_filename (f->dir, "TV", NULL);
  f->archive = g_build_filename (f->dir, "Archive", NULL);
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->suggested = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpint (g_mkdir_with_parents (f->archive, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tree_files); i++)
    {
      g_autofree char *path = g_build_filename (f->tree, tree_files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    }

  /* a library that was there before: Done Deal already completed */
  open_engine (f);
  library = mml_engine_get_library (f->engine);
  mml_library_controller_add_root_async (library, f->tree, MML_ROOT_KIND_STANDARD, NULL, result_cb, f);
  root = mml_library_controller_add_root_finish (library, wait_result (f), &error);
  g_assert_no_error (error);
  clear_result (f);
  mml_library_controller_scan_async (library, MML_SCAN_QUICK, 0, NULL, result_cb, f);
  summary = mml_library_controller_scan_finish (library, wait_result (f), &error);
  g_assert_no_error (error);
  clear_result (f);
  mml_test_store_exec (mml_engine_get_store (f->engine),
                       "UPDATE series SET status = 'ended' WHERE title IN ('Dark', 'Done Deal');"
                       "UPDATE episodes SET watched = 1, watched_at = 1718000000, watched_source = 'test' "
                       " WHERE series_id IN (SELECT id FROM series WHERE title = 'Done Deal');");
  close_engine (f);

  open_engine (f);
  g_assert_cmpint (mml_series_item_get_viewing_status (find_series (f, "Done Deal")), ==, MML_VIEWING_COMPLETED);
  g_assert_cmpint (mml_series_item_get_viewing_status (find_series (f, "Dark")), ==, MML_VIEWING_NOT_STARTED);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_engine (f);
  mml_test_remove_tree (f->dir);
  g_ptr_array_unref (f->suggested);
  g_free (f->dir);
  g_free (f->tree);
  g_free (f->archive);
  g_free (f->db_path);
}

/* The last episode watched: completed, suggested once with the rule's
 * folder; Done Deal, completed before the library opened, never */
static void
test_completed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("Dark|completed|%s", f->archive);

  set_rule (f, MML_VIEWING_COMPLETED, f->archive);
  mark (f, "Dark", "S01E01");
  g_assert_cmpint (mml_series_item_get_viewing_status (find_series (f, "Dark")), !=, MML_VIEWING_COMPLETED);
  g_assert_cmpuint (f->suggested->len, ==, 0);

  mark (f, "Dark", "S01E02");
  g_assert_cmpint (mml_series_item_get_viewing_status (find_series (f, "Dark")), ==, MML_VIEWING_COMPLETED);
  g_assert_cmpuint (f->suggested->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->suggested, 0), ==, expected);

  /* later reloads: still completed, not suggested again */
  {
    guint n_before = f->n_reloads;

    mml_engine_reload (f->engine);
    wait_reload (f, n_before);
  }
  mark (f, "Done Deal", "S01E01");   /* already watched: no change */
  g_assert_cmpuint (f->suggested->len, ==, 1);
}

/* No rule, no suggestion */
static void
test_no_rule (Fixture       *f,
              gconstpointer  data)
{
  set_rule (f, MML_VIEWING_DROPPED, f->archive);   /* a rule for another status */
  mark (f, "Dark", "S01E01-S01E02");
  g_assert_cmpint (mml_series_item_get_viewing_status (find_series (f, "Dark")), ==, MML_VIEWING_COMPLETED);
  g_assert_cmpuint (f->suggested->len, ==, 0);
}

/* Dropped by hand (the user's override) is suggested too; a series
 * already in the rule's folder is not */
static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("Quiet Harbour|dropped|%s", f->archive);

  set_rule (f, MML_VIEWING_DROPPED, f->archive);
  set_status (f, "Quiet Harbour", TRUE, MML_VIEWING_DROPPED);
  g_assert_cmpuint (f->suggested->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->suggested, 0), ==, expected);

  /* back to auto, then dropped again: a new change, told again */
  set_status (f, "Quiet Harbour", FALSE, MML_VIEWING_NOT_STARTED);
  set_status (f, "Quiet Harbour", TRUE, MML_VIEWING_DROPPED);
  g_assert_cmpuint (f->suggested->len, ==, 2);

  /* the rule's folder is the library's own: nothing to move */
  set_rule (f, MML_VIEWING_DROPPED, f->tree);
  set_status (f, "Dark", TRUE, MML_VIEWING_DROPPED);
  g_assert_cmpuint (f->suggested->len, ==, 2);

  /* off */
  set_rule (f, MML_VIEWING_DROPPED, NULL);
  set_status (f, "Quiet Harbour", FALSE, MML_VIEWING_NOT_STARTED);
  set_status (f, "Quiet Harbour", TRUE, MML_VIEWING_DROPPED);
  g_assert_cmpuint (f->suggested->len, ==, 2);
}

static void
test_keys (void)
{
  g_assert_cmpstr (mml_move_rule_key (MML_VIEWING_COMPLETED), ==, "move-rule.completed");
  g_assert_cmpstr (mml_move_rule_key (MML_VIEWING_DROPPED), ==, "move-rule.dropped");
  g_assert_null (mml_move_rule_key (MML_VIEWING_WATCHING));
  g_assert_null (mml_move_rule_key (MML_VIEWING_ON_HOLD));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/move-rules/keys", test_keys);
  g_test_add ("/engine/move-rules/completed", Fixture, NULL, fixture_set_up, test_completed, fixture_tear_down);
  g_test_add ("/engine/move-rules/no-rule", Fixture, NULL, fixture_set_up, test_no_rule, fixture_tear_down);
  g_test_add ("/engine/move-rules/dropped", Fixture, NULL, fixture_set_up, test_dropped, fixture_tear_down);
  return g_test_run ();
}
