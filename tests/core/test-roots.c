/* test-roots.c — library roots: validation, overlap, enable/disable, removal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mml-store-roots.h"
#include "mml-util.h"
#include "mml-test-util.h"

typedef struct
{
  char     *dir;
  MmlStore *store;
} RootsFixture;

static void
roots_setup (RootsFixture  *fixture,
             gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = mml_test_make_tmpdir ("mml-test-roots-XXXXXX");
  db = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = mml_store_new (db);
  g_assert_true (mml_store_open (fixture->store, &error));
}

static void
roots_teardown (RootsFixture  *fixture,
                gconstpointer  data)
{
  g_clear_object (&fixture->store);
  mml_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
make_dir (RootsFixture *fixture,
          const char   *rel)
{
  char *path = g_build_filename (fixture->dir, rel, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

static MmlRoot *
add_root (RootsFixture  *fixture,
          const char    *path,
          MmlRootKind    kind,
          GError       **error)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();

  mml_store_add_root_async (fixture->store, path, kind, NULL, mml_sync_wait_cb, wait);
  return mml_store_add_root_finish (fixture->store, mml_sync_wait_run (wait), error);
}

static GPtrArray *
list_roots (RootsFixture *fixture)
{
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *roots;

  mml_store_list_roots_async (fixture->store, NULL, mml_sync_wait_cb, wait);
  roots = mml_store_list_roots_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  return roots;
}

static void
test_roots_add_and_list (RootsFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *tv = make_dir (fixture, "TV");
  g_autofree char *anime = make_dir (fixture, "Anime");
  g_autofree char *relative = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(MmlRoot) a = NULL;
  g_autoptr(MmlRoot) b = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;

  a = add_root (fixture, tv, MML_ROOT_KIND_STANDARD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mml_root_get_path (a), ==, tv);
  g_assert_true (mml_root_get_enabled (a));

  /* A relative path with ./ and .. in it is stored canonical. */
  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  b = add_root (fixture, "./TV/../Anime/", MML_ROOT_KIND_ANIME, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (mml_root_get_path (b), ==, anime);
  g_assert_cmpint (mml_root_get_kind (b), ==, MML_ROOT_KIND_ANIME);

  roots = list_roots (fixture);
  g_assert_cmpuint (roots->len, ==, 2);
  g_assert_cmpint (mml_root_get_id (g_ptr_array_index (roots, 0)), ==, mml_root_get_id (a));
  g_assert_cmpint (mml_root_get_id (g_ptr_array_index (roots, 1)), ==, mml_root_get_id (b));
  g_assert_cmpint (mml_root_get_id (a), <, mml_root_get_id (b));
}

static void
test_roots_refuses_bad_paths (RootsFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "nope", NULL);
  g_autofree char *file = g_build_filename (fixture->dir, "a-file.mkv", NULL);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = NULL;

  root = add_root (fixture, missing, MML_ROOT_KIND_STANDARD, &error);
  g_assert_null (root);
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  root = add_root (fixture, file, MML_ROOT_KIND_STANDARD, &error);
  g_assert_null (root);
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a folder"));
  g_clear_error (&error);

  root = add_root (fixture, "", MML_ROOT_KIND_STANDARD, &error);
  g_assert_null (root);
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID);

  roots = list_roots (fixture);
  g_assert_cmpuint (roots->len, ==, 0);
}

static void
test_roots_refuses_overlap (RootsFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *tv = make_dir (fixture, "media/TV");
  g_autofree char *inner = make_dir (fixture, "media/TV/Show (2010)");
  g_autofree char *outer = g_build_filename (fixture->dir, "media", NULL);
  g_autofree char *sibling = make_dir (fixture, "media/TV2");
  g_autofree char *link = g_build_filename (fixture->dir, "link-to-tv", NULL);
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlRoot) sib = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  const char *cases[] = { tv, inner, outer, link };

  root = add_root (fixture, tv, MML_ROOT_KIND_STANDARD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink (tv, link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MmlRoot) again = add_root (fixture, cases[i], MML_ROOT_KIND_STANDARD, &error);

      g_assert_null (again);
      g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_OVERLAP);
      g_clear_error (&error);
    }

  /* "TV2" merely shares a prefix with "TV": it is not inside it. */
  sib = add_root (fixture, sibling, MML_ROOT_KIND_DAILY, &error);
  g_assert_no_error (error);

  roots = list_roots (fixture);
  g_assert_cmpuint (roots->len, ==, 2);
}

static void
test_roots_enable_remove (RootsFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *tv = make_dir (fixture, "TV");
  g_autofree char *show = make_dir (fixture, "TV/Show");
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(MmlRoot) changed = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlSyncWait) wait = NULL;

  root = add_root (fixture, tv, MML_ROOT_KIND_STANDARD, &error);
  g_assert_no_error (error);

  wait = mml_sync_wait_new ();
  mml_store_update_root_async (fixture->store, mml_root_get_id (root), 0, MML_ROOT_KIND_DAILY,
                               NULL, mml_sync_wait_cb, wait);
  changed = mml_store_update_root_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_false (mml_root_get_enabled (changed));
  g_assert_cmpint (mml_root_get_kind (changed), ==, MML_ROOT_KIND_DAILY);
  g_clear_pointer (&wait, mml_sync_wait_free);
  g_clear_object (&changed);

  /* -1 leaves a field as it is */
  wait = mml_sync_wait_new ();
  mml_store_update_root_async (fixture->store, mml_root_get_id (root), 1, -1,
                               NULL, mml_sync_wait_cb, wait);
  changed = mml_store_update_root_finish (fixture->store, mml_sync_wait_run (wait), &error);
  g_assert_no_error (error);
  g_assert_true (mml_root_get_enabled (changed));
  g_assert_cmpint (mml_root_get_kind (changed), ==, MML_ROOT_KIND_DAILY);
  g_clear_pointer (&wait, mml_sync_wait_free);

  wait = mml_sync_wait_new ();
  mml_store_update_root_async (fixture->store, 4242, 1, -1, NULL, mml_sync_wait_cb, wait);
  g_assert_null (mml_store_update_root_finish (fixture->store, mml_sync_wait_run (wait), &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&wait, mml_sync_wait_free);

  wait = mml_sync_wait_new ();
  mml_store_remove_root_async (fixture->store, mml_root_get_id (root), NULL, mml_sync_wait_cb, wait);
  g_assert_true (mml_store_remove_root_finish (fixture->store, mml_sync_wait_run (wait), &error));
  g_assert_no_error (error);
  g_clear_pointer (&wait, mml_sync_wait_free);

  /* Nothing on disk is touched. */
  g_assert_true (g_file_test (show, G_FILE_TEST_IS_DIR));

  wait = mml_sync_wait_new ();
  mml_store_remove_root_async (fixture->store, mml_root_get_id (root), NULL, mml_sync_wait_cb, wait);
  g_assert_false (mml_store_remove_root_finish (fixture->store, mml_sync_wait_run (wait), &error));
  g_assert_error (error, MML_STORE_ERROR, MML_STORE_ERROR_NOT_FOUND);

  roots = list_roots (fixture);
  g_assert_cmpuint (roots->len, ==, 0);
}

static void
test_roots_non_utf8 (RootsFixture  *fixture,
                     gconstpointer  data)
{
  /* Latin-1 "Séries", as an old disk might hold it. */
  g_autofree char *odd = make_dir (fixture, "S\xe9ries");
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  root = add_root (fixture, odd, MML_ROOT_KIND_STANDARD, &error);
  g_assert_no_error (error);

  roots = list_roots (fixture);
  g_assert_cmpuint (roots->len, ==, 1);
  /* The bytes round-trip exactly. */
  g_assert_cmpstr (mml_root_get_path (g_ptr_array_index (roots, 0)), ==, odd);

  /* And the JSON form is valid UTF-8 JSON. */
  mml_root_to_json (g_ptr_array_index (roots, 0), json);
  g_assert_true (g_utf8_validate (json->str, json->len, NULL));
  g_assert_true (json_parser_load_from_data (parser, json->str, json->len, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "path"),
                                   "S\xef\xbf\xbdries"));
}

static void
test_json_escape (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  mml_json_append_string (out, "a\"b\\c\n\x01 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xff\xc3", -1);
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\n\\u0001 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xef\xbf\xbd\xef\xbf\xbd\"");
  g_string_truncate (out, 0);
  mml_json_append_string (out, NULL, -1);
  g_assert_cmpstr (out->str, ==, "null");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/roots/add-and-list", RootsFixture, NULL,
              roots_setup, test_roots_add_and_list, roots_teardown);
  g_test_add ("/core/roots/refuses-bad-paths", RootsFixture, NULL,
              roots_setup, test_roots_refuses_bad_paths, roots_teardown);
  g_test_add ("/core/roots/refuses-overlap", RootsFixture, NULL,
              roots_setup, test_roots_refuses_overlap, roots_teardown);
  g_test_add ("/core/roots/enable-remove", RootsFixture, NULL,
              roots_setup, test_roots_enable_remove, roots_teardown);
  g_test_add ("/core/roots/non-utf8-path", RootsFixture, NULL,
              roots_setup, test_roots_non_utf8, roots_teardown);
  g_test_add_func ("/core/util/json-escape", test_json_escape);

  return g_test_run ();
}
