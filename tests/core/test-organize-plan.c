/* test-organize-plan.c — the order of an organise's renames: chains and
 * cycles never make one file land on another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "mml-file-ops.h"
#include "mml-organize-plan.h"
#include "mml-test-util.h"

static gboolean
real_exists (const char *path,
             gpointer    data)
{
  struct stat st;

  return lstat (path, &st) == 0;
}

static guint64
real_device (const char *path,
             gpointer    data)
{
  g_autofree char *p = g_strdup (path);
  struct stat st;

  while (stat (p, &st) != 0)
    {
      char *parent = g_path_get_dirname (p);

      g_free (p);
      p = parent;
    }
  return st.st_dev;
}

static char **
real_list (const char *dir,
           gpointer    data)
{
  return NULL;
}

static const MmlOrganizeDisk disk = { real_exists, real_device, real_list, NULL };

static MmlOrganizeOp *
op_new (const char *root,
        const char *from,
        const char *to)
{
  MmlOrganizeOp *op = g_new0 (MmlOrganizeOp, 1);
  g_autofree char *from_dir = g_path_get_dirname (from);
  g_autofree char *to_dir = g_path_get_dirname (to);

  op->kind = MML_ORGANIZE_KIND_VIDEO;
  op->root = g_strdup (root);
  op->from = g_strdup (from);
  op->to = g_strdup (to);
  op->action = g_str_equal (from, to) ? MML_ORGANIZE_NONE
             : g_str_equal (from_dir, to_dir) ? MML_ORGANIZE_RENAME : MML_ORGANIZE_MOVE;
  return op;
}

static void
write_file (const char *root,
            const char *rel,
            const char *contents)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static char *
read_rel (const char *root,
          const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* Runs the steps as the journal would, each one refusing to replace */
static void
run_steps (GPtrArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      MmlOrganizeStep *s = g_ptr_array_index (steps, i);
      g_autoptr(GError) error = NULL;

      if (s->op == MML_JOURNAL_MKDIR)
        g_assert_cmpint (g_mkdir (s->target, 0755), ==, 0);
      else
        {
          g_assert_cmpint (s->op, ==, MML_JOURNAL_RENAME);
          /* never onto a file: a step that would is a wrong order */
          if (!mml_file_rename_noreplace (s->source, s->target, &error))
            g_error ("step %u of %u: %s", i + 1, steps->len, error->message);
        }
    }
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      n += g_file_test (path, G_FILE_TEST_IS_DIR) ? count_files (path) : 1;
    }
  return n;
}

/* A swap, a three-cycle, a chain (numbering shifted by one) and a move
 * into a folder that does not exist yet */
static void
test_chains_and_cycles (void)
{
  g_autofree char *root = mml_test_make_tmpdir ("mml-test-plan-XXXXXX");
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_op_free);
  g_autoptr(GPtrArray) rmdirs = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  static const char *const names[] = { "a", "b", "c", "d", "e", "s1", "s2", "s3", "s4", "x" };
  guint units_with_temp = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    write_file (root, names[i], names[i]);
  g_ptr_array_add (ops, op_new (root, "a", "b"));     /* swap */
  g_ptr_array_add (ops, op_new (root, "b", "a"));
  g_ptr_array_add (ops, op_new (root, "c", "d"));     /* three-cycle */
  g_ptr_array_add (ops, op_new (root, "d", "e"));
  g_ptr_array_add (ops, op_new (root, "e", "c"));
  g_ptr_array_add (ops, op_new (root, "s1", "s2"));   /* shifted by one */
  g_ptr_array_add (ops, op_new (root, "s2", "s3"));
  g_ptr_array_add (ops, op_new (root, "s3", "s4"));
  g_ptr_array_add (ops, op_new (root, "s4", "s5"));
  g_ptr_array_add (ops, op_new (root, "x", "New/Season 1/x"));

  steps = mml_organize_plan_steps (ops, &disk, &rmdirs);
  for (guint i = 0; i < steps->len; i++)
    {
      MmlOrganizeStep *s = g_ptr_array_index (steps, i);

      if (s->op == MML_JOURNAL_RENAME && !s->last)
        units_with_temp++;
    }
  /* the two cycles each park one file; the chain needs no temporary name */
  g_assert_cmpuint (units_with_temp, ==, 2);
  run_steps (steps);

  {
    static const char *const want[][2] = {
      { "a", "b" }, { "b", "a" }, { "c", "e" }, { "d", "c" }, { "e", "d" },
      { "s2", "s1" }, { "s3", "s2" }, { "s4", "s3" }, { "s5", "s4" }, { "New/Season 1/x", "x" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        g_autofree char *got = read_rel (root, want[i][0]);

        g_assert_cmpstr (got, ==, want[i][1]);
      }
  }
  g_assert_cmpuint (count_files (root), ==, G_N_ELEMENTS (names));
  mml_test_remove_tree (root);
}

/* Random permutations of random sizes with new names mixed in: every file
 * ends where its op says, with its own contents, and nothing else is left */
static void
test_random_permutations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  for (guint round = 0; round < 300; round++)
    {
      g_autofree char *root = mml_test_make_tmpdir ("mml-test-plan-XXXXXX");
      g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_op_free);
      g_autoptr(GPtrArray) rmdirs = NULL;
      g_autoptr(GPtrArray) steps = NULL;
      guint n = g_rand_int_range (rand, 1, 24);
      g_autofree guint *perm = g_new (guint, n);

      for (guint i = 0; i < n; i++)
        perm[i] = i;
      for (guint i = n; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i), t = perm[i - 1];

          perm[i - 1] = perm[j];
          perm[j] = t;
        }
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *from = g_strdup_printf ("d%u/f%u", i % 3, i);
          g_autofree char *to = NULL;
          g_autofree char *contents = g_strdup_printf ("file %u of round %u", i, round);

          write_file (root, from, contents);
          /* one in five goes somewhere new, the rest take another's place */
          if (g_rand_int_range (rand, 0, 5) == 0)
            to = g_strdup_printf ("new%u/f%u", perm[i] % 2, perm[i]);
          else
            to = g_strdup_printf ("d%u/f%u", perm[i] % 3, perm[i]);
          g_ptr_array_add (ops, op_new (root, from, to));
        }

      steps = mml_organize_plan_steps (ops, &disk, &rmdirs);
      run_steps (steps);
      for (guint i = 0; i < n; i++)
        {
          MmlOrganizeOp *op = g_ptr_array_index (ops, i);
          g_autofree char *want = g_strdup_printf ("file %u of round %u", i, round);
          g_autofree char *got = read_rel (root, op->to);

          g_assert_cmpstr (got, ==, want);
        }
      g_assert_cmpuint (count_files (root), ==, n);
      mml_test_remove_tree (root);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/organize-plan/chains-and-cycles", test_chains_and_cycles);
  g_test_add_func ("/organize-plan/random-permutations", test_random_permutations);
  return g_test_run ();
}
