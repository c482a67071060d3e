/* mml-organize-plan.c — the organiser's plan (see mml-organize-plan.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-organize"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "mml-file-ops.h"
#include "mml-organize-plan.h"

static const char * const kind_names[] = { "video", "subtitle", "nfo", "artwork" };
static const char * const action_names[] = { "none", "rename", "move", "copy" };

const char *
mml_organize_kind_to_string (MmlOrganizeKind kind)
{
  g_return_val_if_fail (kind <= MML_ORGANIZE_KIND_ARTWORK, NULL);
  return kind_names[kind];
}

const char *
mml_organize_action_to_string (MmlOrganizeAction action)
{
  g_return_val_if_fail (action <= MML_ORGANIZE_COPY, NULL);
  return action_names[action];
}

void
mml_organize_op_free (MmlOrganizeOp *op)
{
  if (op == NULL)
    return;
  g_free (op->root);
  g_free (op->from);
  g_free (op->to);
  g_free (op->problem);
  g_free (op);
}

void
mml_organize_step_free (MmlOrganizeStep *step)
{
  if (step == NULL)
    return;
  g_free (step->source);
  g_free (step->target);
  g_free (step);
}

/* "dir/name.ext" → "name" */
static char *
stem_of (const char *rel)
{
  const char *base = strrchr (rel, '/');
  const char *dot;

  base = base ? base + 1 : rel;
  dot = strrchr (base, '.');
  return dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
}

static char *
dir_of (const char *rel)
{
  const char *slash = strrchr (rel, '/');

  return slash != NULL ? g_strndup (rel, slash - rel) : g_strdup ("");
}

static const char *
base_of (const char *rel)
{
  const char *slash = strrchr (rel, '/');

  return slash != NULL ? slash + 1 : rel;
}

static char *
join_rel (const char *dir,
          const char *name)
{
  return dir[0] != '\0' ? g_strconcat (dir, "/", name, NULL) : g_strdup (name);
}

static char *
absolute (const MmlOrganizeOp *op,
          const char          *rel)
{
  return g_build_filename (op->root, rel, NULL);
}

static MmlOrganizeOp *
op_new (const MmlOrganizeVideo *v,
        MmlOrganizeKind         kind,
        gint64                  file_id,
        const char             *from)
{
  MmlOrganizeOp *op = g_new0 (MmlOrganizeOp, 1);

  op->kind = kind;
  op->file_id = file_id;
  op->follows = kind == MML_ORGANIZE_KIND_VIDEO ? 0 : v->file_id;
  op->root_id = v->root_id;
  op->root = g_strdup (v->root_path);
  op->from = g_strdup (from);
  return op;
}

/* What a sidecar's name keeps after its video's stem: ".en.srt", "-thumb.jpg" */
static const char *
sidecar_suffix (const char *name,
                const char *stem)
{
  gsize len = strlen (stem);

  if (strncmp (name, stem, len) != 0 || (name[len] != '.' && name[len] != '-' && name[len] != '_'))
    return NULL;
  return name + len;
}

static gboolean
is_artwork (const char *name)
{
  static const char * const exts[] = { ".jpg", ".jpeg", ".png", ".tbn", ".webp" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_str_has_suffix (lower, exts[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_nfo (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".nfo");
}

/* Where the video goes (relative to the root), or NULL with @problem */
static char *
video_target (const MmlOrganizeVideo *v,
              const MmlNamingConfig  *config,
              char                  **problem)
{
  g_autofree char *original = stem_of (v->path);
  g_autofree char *quality = v->resolution > 0 ? g_strdup_printf ("%dp", v->resolution) : NULL;
  g_autofree char *series = NULL;
  g_autofree char *season = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  const char *ext = strrchr (base_of (v->path), '.');
  MmlNamingEpisode ep = { 0 };
  gboolean numbered = v->season >= 0 && v->episodes->len > 0;
  /* as the root's kind says; a file that has only an air date (a talk
   * show in a standard root) is named as daily all the same: it has
   * nothing else to be named by */
  gboolean daily = v->air_date != NULL && (v->root_kind == MML_ROOT_KIND_DAILY || !numbered);
  gboolean anime = !daily && v->root_kind == MML_ROOT_KIND_ANIME && v->absolute->len > 0;

  if (!numbered && !daily && !anime)
    {
      *problem = g_strdup (_("no episode numbers"));
      return NULL;
    }
  /* the anime templates want the season and episode too (Sonarr's
   * default has both): until a match maps the absolute number, the file
   * stays as it is */
  if (anime && !numbered)
    {
      *problem = g_strdup (_("no season and episode: match the series first"));
      return NULL;
    }
  if (v->series_title == NULL)
    {
      *problem = g_strdup (_("no series"));
      return NULL;
    }
  ep.series_title = v->series_title;
  ep.series_year = v->series_year;
  ep.original_title = original;
  ep.season = v->season;
  ep.episodes = (const int *) (gpointer) v->episodes->data;
  ep.n_episodes = v->episodes->len;
  ep.absolute = (const int *) (gpointer) v->absolute->data;
  ep.n_absolute = v->absolute->len;
  if (v->air_date != NULL)
    sscanf (v->air_date, "%d-%d-%d", &ep.air_year, &ep.air_month, &ep.air_day);
  ep.episode_titles = (const char * const *) v->episode_titles->pdata;
  ep.n_episode_titles = v->episode_titles->len;
  ep.quality_full = quality;
  ep.release_group = v->release_group;
  ep.extension = ext != NULL ? ext + 1 : NULL;
  ep.series_type = daily ? MML_NAMING_SERIES_DAILY : anime ? MML_NAMING_SERIES_ANIME : MML_NAMING_SERIES_FROM_ROOT;
  ep.root_kind = v->root_kind;

  if (!(series = mml_naming_render_series_folder (config, &ep, &error)) ||
      !(season = mml_naming_render_season_folder (config, &ep, &error)) ||
      !(file = mml_naming_render_file (config, &ep, &error)))
    {
      *problem = g_error_matches (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TOO_LONG)
                   ? g_strdup (_("name too long")) : g_strdup (error->message);
      return NULL;
    }
  return g_build_filename (series, season, file, NULL);
}

/* The names in @dir (relative), listed once */
static char **
listing (GHashTable            *cache,
         const MmlOrganizeVideo *v,
         const char             *dir,
         const MmlOrganizeDisk  *disk)
{
  g_autofree char *abs = g_build_filename (v->root_path, dir, NULL);
  char **names = g_hash_table_lookup (cache, abs);

  if (names == NULL && !g_hash_table_contains (cache, abs))
    {
      names = disk->list (abs, disk->data);
      g_hash_table_insert (cache, g_steal_pointer (&abs), names);
    }
  return names;
}

static void
add_sidecar (GPtrArray              *ops,
             const MmlOrganizeVideo *v,
             MmlOrganizeKind         kind,
             gint64                  file_id,
             const char             *from,
             const char             *stem,
             const char             *new_dir,
             const char             *new_stem,
             const char             *problem)
{
  MmlOrganizeOp *op = op_new (v, kind, file_id, from);
  const char *suffix = sidecar_suffix (base_of (from), stem);

  if (problem != NULL || new_stem == NULL)
    {
      op->to = g_strdup (from);
      op->problem = g_strdup (problem);
    }
  else if (suffix != NULL)
    {
      g_autofree char *name = g_strconcat (new_stem, suffix, NULL);

      op->to = join_rel (new_dir, name);
    }
  else
    op->to = join_rel (new_dir, base_of (from));
  g_ptr_array_add (ops, op);
}

static void
plan_video (GPtrArray              *ops,
            const MmlOrganizeVideo *v,
            const MmlNamingConfig  *config,
            const MmlOrganizeDisk  *disk,
            GHashTable             *listings)
{
  g_autofree char *problem = NULL;
  g_autofree char *target = video_target (v, config, &problem);
  g_autofree char *stem = stem_of (v->path);
  g_autofree char *dir = dir_of (v->path);
  g_autofree char *new_dir = target ? dir_of (target) : NULL;
  g_autofree char *new_stem = target ? stem_of (target) : NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  MmlOrganizeOp *op = op_new (v, MML_ORGANIZE_KIND_VIDEO, v->file_id, v->path);
  char **names;

  op->to = target ? g_strdup (target) : g_strdup (v->path);
  op->problem = g_strdup (problem);
  g_ptr_array_add (ops, op);

  for (guint i = 0; i < v->subtitles->len; i++)
    {
      MmlOrganizeSidecar *s = g_ptr_array_index (v->subtitles, i);

      g_hash_table_add (known, (gpointer) base_of (s->path));
      add_sidecar (ops, v, MML_ORGANIZE_KIND_SUBTITLE, s->file_id, s->path, stem, new_dir, new_stem, problem);
    }
  /* .nfo and artwork named after the video: on disk only */
  names = listing (listings, v, dir, disk);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *name = names[i];
      g_autofree char *from = NULL;
      MmlOrganizeKind kind;

      if (g_str_equal (name, base_of (v->path)) || g_hash_table_contains (known, name) ||
          sidecar_suffix (name, stem) == NULL)
        continue;
      if (is_nfo (name))
        kind = MML_ORGANIZE_KIND_NFO;
      else if (is_artwork (name))
        kind = MML_ORGANIZE_KIND_ARTWORK;
      else
        continue;
      from = join_rel (dir, name);
      add_sidecar (ops, v, kind, 0, from, stem, new_dir, new_stem, problem);
    }
}

/* What the planner asks the disk, each question asked once: most targets
 * share their folder with others, and many of those folders do not exist
 * yet (nothing in them can exist then) */
typedef struct
{
  const MmlOrganizeDisk *disk;
  GHashTable            *device;   /* folder → guint64 */
  GHashTable            *folder;   /* folder → whether it exists */
  GHashTable            *exists;   /* path → whether it exists */
} DiskCache;

static void
disk_cache_clear (DiskCache *cache)
{
  g_clear_pointer (&cache->device, g_hash_table_unref);
  g_clear_pointer (&cache->folder, g_hash_table_unref);
  g_clear_pointer (&cache->exists, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DiskCache, disk_cache_clear)

static GHashTable *
path_table (GHashTable **table,
            GDestroyNotify value_free)
{
  if (*table == NULL)
    *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  return *table;
}

static guint64
cached_device (DiskCache  *cache,
               const char *dir)
{
  GHashTable *t = path_table (&cache->device, g_free);
  guint64 *dev = g_hash_table_lookup (t, dir);

  if (dev == NULL)
    {
      dev = g_new (guint64, 1);
      *dev = cache->disk->device (dir, cache->disk->data);
      g_hash_table_insert (t, g_strdup (dir), dev);
    }
  return *dev;
}

static gboolean
cached_exists (DiskCache  *cache,
               const char *path)
{
  GHashTable *t = path_table (&cache->exists, NULL);
  gpointer value;

  if (!g_hash_table_lookup_extended (t, path, NULL, &value))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      GHashTable *folders = path_table (&cache->folder, NULL);
      gpointer dir_value;
      gboolean here;

      if (!g_hash_table_lookup_extended (folders, dir, NULL, &dir_value))
        {
          dir_value = GINT_TO_POINTER (cache->disk->exists (dir, cache->disk->data));
          g_hash_table_insert (folders, g_strdup (dir), dir_value);
        }
      here = GPOINTER_TO_INT (dir_value) && cache->disk->exists (path, cache->disk->data);
      value = GINT_TO_POINTER (here);
      g_hash_table_insert (t, g_strdup (path), value);
    }
  return GPOINTER_TO_INT (value);
}

static gboolean
moving (const MmlOrganizeOp *op)
{
  return op->action != MML_ORGANIZE_NONE && op->problem == NULL;
}

GPtrArray *
mml_organize_plan (GPtrArray              *videos,
                   const MmlNamingConfig  *config,
                   const MmlOrganizeDisk  *disk)
{
  GPtrArray *ops = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_op_free);
  g_autoptr(GHashTable) listings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) by_target = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) devices = g_hash_table_new (NULL, NULL);
  g_auto(DiskCache) cache = { disk, NULL, NULL, NULL };
  gboolean changed;

  for (guint i = 0; i < videos->len; i++)
    {
      MmlOrganizeVideo *v = g_ptr_array_index (videos, i);
      guint first = ops->len;

      plan_video (ops, v, config, disk, listings);
      for (guint j = first; j < ops->len; j++)
        g_hash_table_insert (devices, g_ptr_array_index (ops, j), &v->device);
    }

  /* actions; two sources with one target */
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);
      g_autofree char *from_dir = dir_of (op->from);
      g_autofree char *to_dir = dir_of (op->to);
      MmlOrganizeOp *other;
      char *target;

      if (g_str_equal (op->from, op->to))
        op->action = MML_ORGANIZE_NONE;
      else if (g_str_equal (from_dir, to_dir))
        op->action = MML_ORGANIZE_RENAME;
      else
        {
          g_autofree char *abs_dir = absolute (op, to_dir);
          const guint64 *device = g_hash_table_lookup (devices, op);

          op->action = MML_ORGANIZE_MOVE;
          if (device != NULL && cached_device (&cache, abs_dir) != *device)
            op->action = MML_ORGANIZE_COPY;   /* copied, verified, then the source removed */
        }
      g_hash_table_insert (by_source, absolute (op, op->from), op);
      target = absolute (op, op->to);
      if ((other = g_hash_table_lookup (by_target, target)) != NULL)
        {
          const char *same = _("another file gets the same name");

          if (other->problem == NULL)
            other->problem = g_strdup (same);
          if (op->problem == NULL)
            op->problem = g_strdup (same);
          g_free (target);
        }
      else
        g_hash_table_insert (by_target, target, op);
    }

  /* a target that is there and stays there: what is at each target, asked
   * once; then settled until no op loses its way (one that stays keeps
   * the one moving onto its file from moving) */
  {
    g_autofree MmlOrganizeOp **leaving = g_new0 (MmlOrganizeOp *, ops->len + 1);
    g_autofree gboolean *occupied = g_new0 (gboolean, ops->len + 1);

    for (guint i = 0; i < ops->len; i++)
      {
        MmlOrganizeOp *op = g_ptr_array_index (ops, i);
        g_autofree char *target = NULL;

        if (!moving (op))
          continue;
        target = absolute (op, op->to);
        leaving[i] = g_hash_table_lookup (by_source, target);
        if (leaving[i] == op)
          leaving[i] = NULL;
        occupied[i] = leaving[i] != NULL || cached_exists (&cache, target);
      }
    do
      {
        changed = FALSE;
        for (guint i = 0; i < ops->len; i++)
          {
            MmlOrganizeOp *op = g_ptr_array_index (ops, i);

            if (!moving (op) || !occupied[i] || (leaving[i] != NULL && moving (leaving[i])))
              continue;
            op->problem = g_strdup (_("target exists"));
            changed = TRUE;
          }
      }
    while (changed);
  }

  /* a sidecar whose video stays stays too */
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);

      if (op->kind == MML_ORGANIZE_KIND_VIDEO || !moving (op))
        continue;
      for (guint j = i; j > 0; j--)
        {
          MmlOrganizeOp *video = g_ptr_array_index (ops, j - 1);

          if (video->kind != MML_ORGANIZE_KIND_VIDEO)
            continue;
          if (!moving (video) && video->action != MML_ORGANIZE_NONE)
            op->problem = g_strdup (_("its video is not moved"));
          break;
        }
    }
  return ops;
}

/* ---- steps ---- */

typedef struct
{
  GPtrArray          *ops;
  GPtrArray          *steps;
  GHashTable         *by_source;   /* absolute source → op index + 1 */
  char              **current;     /* where each op's file is now */
  char              **target;
  guint8             *state;       /* 0 not seen, 1 on the way, 2 done */
  guint               unit;
} Order;

static void
add_step (Order        *o,
          MmlJournalOp  kind,
          const char   *source,
          const char   *target,
          int           file,
          gboolean      last)
{
  MmlOrganizeStep *s = g_new0 (MmlOrganizeStep, 1);

  s->op = kind;
  s->source = g_strdup (source);
  s->target = g_strdup (target);
  s->unit = o->unit;
  s->file = file;
  s->last = last;
  g_ptr_array_add (o->steps, s);
}

static void
visit (Order *o,
       guint  i)
{
  guint j = GPOINTER_TO_UINT (g_hash_table_lookup (o->by_source, o->target[i]));

  o->state[i] = 1;
  if (j > 0 && j - 1 != i)
    {
      j--;
      if (o->state[j] == 0)
        visit (o, j);
      else if (o->state[j] == 1)
        {
          /* a cycle: the file in the way steps aside first */
          g_autofree char *tag = g_strdup_printf ("organize-%u", j);
          char *temp = mml_file_temp_name (o->current[j], tag);

          add_step (o, MML_JOURNAL_RENAME, o->current[j], temp, (int) j, FALSE);
          g_free (o->current[j]);
          o->current[j] = temp;
        }
    }
  add_step (o, MML_JOURNAL_RENAME, o->current[i], o->target[i], (int) i, TRUE);
  o->state[i] = 2;
}

static int
deeper_first (gconstpointer a,
              gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  gsize lx = strlen (x), ly = strlen (y);

  return lx != ly ? (lx < ly ? 1 : -1) : strcmp (x, y);
}

GPtrArray *
mml_organize_plan_steps (GPtrArray              *ops,
                         const MmlOrganizeDisk  *disk,
                         GPtrArray             **rmdirs)
{
  g_autoptr(GHashTable) dirs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) empty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  Order o = { 0 };

  o.ops = ops;
  o.steps = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_step_free);
  o.by_source = by_source;
  o.current = g_new0 (char *, ops->len + 1);
  o.target = g_new0 (char *, ops->len + 1);
  o.state = g_new0 (guint8, ops->len + 1);

  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);

      o.current[i] = absolute (op, op->from);
      o.target[i] = absolute (op, op->to);
      if (moving (op))
        g_hash_table_insert (by_source, g_strdup (o.current[i]), GUINT_TO_POINTER (i + 1));
    }

  /* folders to make, parents first */
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
      char *dir;

      if (!moving (op))
        continue;
      dir = g_path_get_dirname (o.target[i]);
      while (strlen (dir) > strlen (op->root) && !g_hash_table_contains (dirs, dir) &&
             !disk->exists (dir, disk->data))
        {
          char *parent = g_path_get_dirname (dir);

          g_ptr_array_add (missing, dir);
          dir = parent;
        }
      g_free (dir);
      for (guint k = missing->len; k > 0; k--)
        {
          char *d = g_strdup (g_ptr_array_index (missing, k - 1));

          g_ptr_array_add (owned, d);
          g_hash_table_add (dirs, d);
          add_step (&o, MML_JOURNAL_MKDIR, NULL, d, -1, FALSE);
        }
    }

  /* the renames, each after the one that frees its target */
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);

      if (!moving (op) || o.state[i] != 0)
        continue;
      o.unit++;
      visit (&o, i);
    }
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);
      g_autofree char *src = absolute (op, op->from);
      char *dir;

      if (!moving (op))
        continue;
      dir = g_path_get_dirname (src);
      while (strlen (dir) > strlen (op->root) && !g_hash_table_contains (empty, dir))
        {
          char *parent = g_path_get_dirname (dir);

          g_hash_table_add (empty, dir);
          dir = parent;
        }
      g_free (dir);
    }
  if (rmdirs != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      *rmdirs = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&iter, empty);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (*rmdirs, g_strdup (key));
      g_ptr_array_sort (*rmdirs, deeper_first);
    }

  g_strfreev (o.current);
  g_strfreev (o.target);
  g_free (o.state);
  return o.steps;
}
