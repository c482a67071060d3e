/* test-organize-plan.c — the order of an organise's renames: chains and
 * cycles never make one file land on another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
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

/* ---- the plan ---- */

/* The real disk, with listings; calls counted (from several threads) */
typedef struct
{
  gint lists;
  gint exists;
} Calls;

static gboolean
counted_exists (const char *path,
                gpointer    data)
{
  g_atomic_int_inc (&((Calls *) data)->exists);
  return real_exists (path, NULL);
}

static guint64
counted_device (const char *path,
                gpointer    data)
{
  return real_device (path, NULL);
}

static char **
counted_list (const char *dir,
              gpointer    data)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *name;

  g_atomic_int_inc (&((Calls *) data)->lists);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    g_strv_builder_add (names, name);
  return g_strv_builder_end (names);
}

/* The target folders ("Season 1") not listed: the planner asks each path
 * with exists () there, the answers listings must give */
static char **
list_sources_only (const char *dir,
                   gpointer    data)
{
  if (strstr (dir, "/Season ") != NULL)
    {
      g_atomic_int_inc (&((Calls *) data)->lists);
      return NULL;
    }
  return counted_list (dir, data);
}

static MmlOrganizeVideo *
video_new (const char *root,
           gint64      id,
           const char *path,
           const char *series,
           int         season,
           int         episode,
           const char *title)
{
  MmlOrganizeVideo *v = mml_organize_video_new (root, path, series, NULL, NULL, NULL);
  g_autofree char *abs = g_build_filename (root, path, NULL);
  struct stat st;

  v->file_id = id;
  v->root_id = 1;
  v->root_kind = MML_ROOT_KIND_STANDARD;
  g_assert_cmpint (stat (abs, &st), ==, 0);
  v->device = st.st_dev;
  v->series_id = 1;
  v->season = season;
  g_array_append_vals (v->episodes, &episode, 1);
  if (title != NULL)
    g_ptr_array_add (v->episode_titles, g_strdup (title));
  return v;
}

static const char *
base_name (const char *rel)
{
  const char *slash = strrchr (rel, '/');

  return slash != NULL ? slash + 1 : rel;
}

static void
assert_same_ops (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      MmlOrganizeOp *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->file_id, ==, y->file_id);
      g_assert_cmpint (x->follows, ==, y->follows);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->from, ==, y->from);
      g_assert_cmpstr (x->to, ==, y->to);
      g_assert_cmpint (x->action, ==, y->action);
      g_assert_cmpstr (x->problem, ==, y->problem);
    }
}

static MmlOrganizeOp *
find_op (GPtrArray  *ops,
         const char *from)
{
  for (guint i = 0; i < ops->len; i++)
    if (g_str_equal (((MmlOrganizeOp *) g_ptr_array_index (ops, i))->from, from))
      return g_ptr_array_index (ops, i);
  g_error ("no op from %s", from);
}

/* A video whose name is cut to fit: its subtitles and .nfo, named after
 * it, are cut the same way (they still pair with it) and never pass 255
 * bytes; a suffix no name leaves room for is a problem, and stays */
static void
test_long_sidecar_names (void)
{
  g_autofree char *root = mml_test_make_tmpdir ("mml-test-plan-XXXXXX");
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  GPtrArray *videos = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_video_free);
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new ("Show.S01E03");
  Calls calls = { 0 };
  MmlOrganizeDisk listing = { counted_exists, counted_device, counted_list, &calls };
  MmlOrganizeVideo *v;
  const char *stem;
  MmlOrganizeOp *op;
  gsize stem_len;

  while (title->len < 400)
    g_string_append (title, "A very long episode title ");
  while (huge->len < 250)
    g_string_append (huge, ".x");
  g_string_append (huge, ".srt");
  write_file (root, "in/Show.S01E01.mkv", "");
  write_file (root, "in/Show.S01E01.en.forced.srt", "");
  write_file (root, "in/Show.S01E01.en.srt", "");
  write_file (root, "in/Show.S01E01-a-longer-suffix-than-any.nfo", "");
  write_file (root, "in/Show.S01E02.mkv", "");
  write_file (root, "in/Show.S01E03.mkv", "");
  write_file (root, "in/Show.S01E03.en.srt", "");
  {
    /* 255 bytes: no room for g_file_set_contents ()'s temporary name */
    g_autofree char *path = g_build_filename (root, "in", huge->str, NULL);
    int fd = g_open (path, O_CREAT | O_WRONLY, 0644);

    g_assert_cmpint (fd, >=, 0);
    g_assert_true (g_close (fd, NULL));
  }

  v = video_new (root, 1, "in/Show.S01E01.mkv", "Show", 1, 1, title->str);
  mml_organize_video_add_subtitle (v, 11, "in/Show.S01E01.en.forced.srt");
  mml_organize_video_add_subtitle (v, 12, "in/Show.S01E01.en.srt");
  g_ptr_array_add (videos, v);
  g_ptr_array_add (videos, video_new (root, 2, "in/Show.S01E02.mkv", "Show", 1, 2, title->str));
  v = video_new (root, 3, "in/Show.S01E03.mkv", "Show", 1, 3, title->str);
  mml_organize_video_add_subtitle (v, 31, "in/Show.S01E03.en.srt");
  {
    g_autofree char *rel = g_strconcat ("in/", huge->str, NULL);

    mml_organize_video_add_subtitle (v, 32, rel);
  }
  g_ptr_array_add (videos, v);

  ops = mml_organize_plan (videos, cfg, &listing);
  g_assert_cmpuint (ops->len, ==, 4 + 1 + 3);

  /* no sidecar: the name is as long as it may be */
  op = find_op (ops, "in/Show.S01E02.mkv");
  g_assert_null (op->problem);
  g_assert_cmpuint (strlen (base_name (op->to)), >=, 245);
  g_assert_cmpuint (strlen (base_name (op->to)), <=, 255);

  /* its sidecars fit, and pair with it: the longest suffix is the .nfo's */
  op = find_op (ops, "in/Show.S01E01.mkv");
  g_assert_null (op->problem);
  stem = base_name (op->to);
  stem_len = strlen (stem) - strlen (".mkv");
  g_assert_true (g_str_has_prefix (op->to, "Show/Season 1/Show - S01E01 - A very long"));
  g_assert_true (g_str_has_suffix (op->to, "… 480p.mkv") || g_str_has_suffix (op->to, "….mkv"));
  g_assert_cmpuint (stem_len + strlen ("-a-longer-suffix-than-any.nfo"), <=, 255);
  g_assert_cmpuint (stem_len + strlen ("-a-longer-suffix-than-any.nfo"), >=, 245);
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *side = g_ptr_array_index (ops, i);

      if (side->follows != 1 && !(side->follows == 0 && side->file_id == 0))
        continue;
      g_assert_null (side->problem);
      g_assert_cmpuint (strlen (base_name (side->to)), <=, 255);
      g_assert_true (strncmp (base_name (side->to), stem, stem_len) == 0);
    }
  op = find_op (ops, "in/Show.S01E01.en.forced.srt");
  g_assert_true (g_str_has_suffix (op->to, ".en.forced.srt"));
  op = find_op (ops, "in/Show.S01E01-a-longer-suffix-than-any.nfo");
  g_assert_cmpint (op->kind, ==, MML_ORGANIZE_KIND_NFO);
  g_assert_true (g_str_has_suffix (op->to, "-a-longer-suffix-than-any.nfo"));

  /* a suffix of 250 bytes: no name leaves room; the video moves, that
   * subtitle stays with a problem, the other one follows */
  op = find_op (ops, "in/Show.S01E03.mkv");
  g_assert_null (op->problem);
  g_assert_cmpuint (strlen (base_name (op->to)), >=, 245);
  op = find_op (ops, "in/Show.S01E03.en.srt");
  g_assert_null (op->problem);
  g_assert_cmpuint (strlen (base_name (op->to)), <=, 255);
  {
    g_autofree char *rel = g_strconcat ("in/", huge->str, NULL);

    op = find_op (ops, rel);
    g_assert_cmpstr (op->problem, ==, "name too long");
    g_assert_cmpstr (op->to, ==, op->from);
    g_assert_cmpint (op->action, ==, MML_ORGANIZE_NONE);
  }

  /* one listing of "in", one of the target folder (not there) */
  g_assert_cmpint (g_atomic_int_get (&calls.lists), ==, 2);
  g_ptr_array_unref (videos);
  mml_test_remove_tree (root);
}

/* Listings and binary search give what a stat of each path gives: many
 * videos (listed on threads), .nfo and artwork next to them, targets
 * taken and freed, two sources to one name, a folder that cannot be read */
static void
test_listings_as_stat (void)
{
  g_autofree char *root = mml_test_make_tmpdir ("mml-test-plan-XXXXXX");
  g_autoptr(MmlNamingConfig) cfg = mml_naming_config_new_default ();
  GPtrArray *videos = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_video_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) statted = NULL;
  Calls calls = { 0 }, stat_calls = { 0 };
  MmlOrganizeDisk listing = { counted_exists, counted_device, counted_list, &calls };
  MmlOrganizeDisk stat_only = { counted_exists, counted_device, list_sources_only, &stat_calls };
  guint n_problems = 0, n_nfo = 0, n_art = 0;

  for (guint i = 0; i < 300; i++)
    {
      guint series = i / 30, season = 1 + (i / 10) % 3, episode = 1 + i % 10;
      g_autofree char *name = g_strdup_printf ("Series %u", series);
      g_autofree char *path = g_strdup_printf ("%s/s%u/%s.S%02uE%02u.mkv", name, season, name, season, episode);
      g_autofree char *stem = g_strndup (path, strlen (path) - 4);
      MmlOrganizeVideo *v;

      write_file (root, path, "");
      if (i % 7 == 0)
        {
          g_autofree char *nfo = g_strconcat (stem, ".nfo", NULL);
          g_autofree char *art = g_strconcat (stem, "-thumb.JPG", NULL);
          g_autofree char *other = g_strconcat (stem, "-notes.txt", NULL);

          write_file (root, nfo, "");
          write_file (root, art, "");
          write_file (root, other, "");
        }
      if (i % 11 == 0)
        {
          /* the target is taken */
          g_autofree char *taken = g_strdup_printf ("%s/Season %u/%s - S%02uE%02u - Title %u.mkv",
                                                    name, season, name, season, episode, i);

          write_file (root, taken, "");
        }
      if (i % 13 == 0)
        {
          /* a subtitle named after it */
          g_autofree char *sub = g_strconcat (stem, ".en.srt", NULL);

          write_file (root, sub, "");
        }
      v = video_new (root, i + 1, path, name, (int) season, (int) episode, NULL);
      g_ptr_array_add (v->episode_titles, g_strdup_printf ("Title %u", i % 17 == 0 ? 0 : i));
      if (i % 13 == 0)
        {
          g_autofree char *sub = g_strconcat (stem, ".en.srt", NULL);

          mml_organize_video_add_subtitle (v, 10000 + i, sub);
        }
      g_ptr_array_add (videos, v);
    }
  /* a folder that can be entered but not listed (not as root: it reads anything) */
  if (geteuid () != 0)
    {
      g_autofree char *dir = g_build_filename (root, "Series 0/Season 1", NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0311), ==, 0);
    }

  listed = mml_organize_plan (videos, cfg, &listing);
  statted = mml_organize_plan (videos, cfg, &stat_only);
  assert_same_ops (listed, statted);
  for (guint i = 0; i < listed->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (listed, i);

      n_problems += op->problem != NULL;
      n_nfo += op->kind == MML_ORGANIZE_KIND_NFO;
      n_art += op->kind == MML_ORGANIZE_KIND_ARTWORK;
    }
  g_assert_cmpuint (n_nfo, ==, 43);
  g_assert_cmpuint (n_art, ==, 43);
  g_assert_cmpuint (n_problems, >, 20);
  /* each folder listed once; a path asked only where a folder cannot be listed */
  g_assert_cmpint (g_atomic_int_get (&calls.lists), <=, 2 * 30 + 10);
  g_assert_cmpint (g_atomic_int_get (&calls.exists), <, g_atomic_int_get (&stat_calls.exists));

  if (geteuid () != 0)
    {
      g_autofree char *dir = g_build_filename (root, "Series 0/Season 1", NULL);

      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    }
  g_ptr_array_unref (videos);
  mml_test_remove_tree (root);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/organize-plan/chains-and-cycles", test_chains_and_cycles);
  g_test_add_func ("/organize-plan/random-permutations", test_random_permutations);
  g_test_add_func ("/organize-plan/long-sidecar-names", test_long_sidecar_names);
  g_test_add_func ("/organize-plan/listings-as-stat", test_listings_as_stat);
  return g_test_run ();
}
