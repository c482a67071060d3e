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

/* g_build_filename (root, rel, NULL) for the planner's tables, made only
 * where the join is not root "/" rel (then in @whole) */
typedef struct
{
  const char *root;
  const char *rel;
  guint32     root_len;
  guint32     rel_len;
  guint       hash;    /* of the whole path, made or not */
  char       *whole;
} AbsPath;

/* djb2 (g_str_hash ()'s) over the bytes of @s, from @h on */
static guint32
hash_more (guint32     h,
           const char *s)
{
  for (const guchar *c = (const guchar *) s; *c; c++)
    h = (h << 5) + h + *c;
  return h;
}

static void
abs_path_init (AbsPath    *p,
               const char *root,
               const char *rel)
{
  gsize root_len = strlen (root), rel_len = strlen (rel);

  if (root_len > 0 && root[root_len - 1] != '/' && rel[0] != '/' && rel[0] != '\0' &&
      root_len < G_MAXUINT32 && rel_len < G_MAXUINT32)
    {
      *p = (AbsPath) { root, rel, (guint32) root_len, (guint32) rel_len, 0, NULL };
      p->hash = hash_more (hash_more (hash_more (5381, root), "/"), rel);
      return;
    }
  *p = (AbsPath) { NULL, NULL, 0, 0, 0, g_build_filename (root, rel, NULL) };
  p->hash = hash_more (5381, p->whole);
}

static char
abs_path_at (const AbsPath *p,
             gsize          i)
{
  if (p->whole != NULL)
    return p->whole[i];
  return i < p->root_len ? p->root[i] : i == p->root_len ? '/' : p->rel[i - p->root_len - 1];
}

static gsize
abs_path_len (const AbsPath *p)
{
  return p->whole != NULL ? strlen (p->whole) : (gsize) p->root_len + 1 + p->rel_len;
}

static char *
abs_path_dup (const AbsPath *p)
{
  return p->whole != NULL ? g_strdup (p->whole) : g_strconcat (p->root, "/", p->rel, NULL);
}

static guint
abs_path_hash (gconstpointer key)
{
  return ((const AbsPath *) key)->hash;
}

static gboolean
abs_path_equal (gconstpointer a,
                gconstpointer b)
{
  const AbsPath *x = a, *y = b;
  gsize len;

  if (x->hash != y->hash)
    return FALSE;
  if (x->whole == NULL && y->whole == NULL && x->root_len == y->root_len)
    return x->rel_len == y->rel_len && memcmp (x->root, y->root, x->root_len) == 0 &&
           memcmp (x->rel, y->rel, x->rel_len) == 0;
  if ((len = abs_path_len (x)) != abs_path_len (y))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (abs_path_at (x, i) != abs_path_at (y, i))
      return FALSE;
  return TRUE;
}

/* Whether a and b are the same folder of relative paths ("a/b/x", "a/b/y") */
static gboolean
same_dir (const char *a,
          const char *b)
{
  const char *sa = strrchr (a, '/'), *sb = strrchr (b, '/');
  gsize la = sa != NULL ? (gsize) (sa - a) : 0, lb = sb != NULL ? (gsize) (sb - b) : 0;

  return la == lb && memcmp (a, b, la) == 0;
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
                const char *stem,
                gsize       len)
{
  if (strncmp (name, stem, len) != 0 || (name[len] != '.' && name[len] != '-' && name[len] != '_'))
    return NULL;
  return name + len;
}

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize n = strlen (name), k = strlen (suffix);

  return n >= k && g_ascii_strcasecmp (name + n - k, suffix) == 0;
}

static gboolean
is_artwork (const char *name)
{
  static const char * const exts[] = { ".jpg", ".jpeg", ".png", ".tbn", ".webp" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (has_suffix_nocase (name, exts[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_nfo (const char *name)
{
  return has_suffix_nocase (name, ".nfo");
}

/* ---- the folders: listed once each, on worker threads ---- */

/* A name of a folder and where the disk listed it */
typedef struct
{
  const char *name;
  guint       index;
} Entry;

typedef enum
{
  FOLDER_QUEUED,
  FOLDER_READING,
  FOLDER_READ,
} FolderState;

typedef struct
{
  char        *path;          /* absolute */
  FolderState  state;         /* under Disk.lock */
  gboolean     want_device;   /* under Disk.lock until read */
  /* once read: */
  char       **names;         /* as listed; NULL: not listed (not there, or not readable) */
  Entry       *sorted;        /* names by strcmp () */
  guint        n_names;
  gboolean     exists;        /* names == NULL: whether something is at path */
  gboolean     has_device;
  guint64      device;
} Folder;

/*
 * Folders are listed by a pool of threads in the order the planner will
 * want them, while it renders names; a thread of the planner waits for
 * none it can list itself: a folder nobody has started is listed where it
 * is wanted. So the disk's callbacks run on several threads at once (see
 * MmlOrganizeDisk). The table of folders is the planner's own thread's
 * (its parts on other threads are given their folders); a folder's fields
 * are its reader's until it is FOLDER_READ (set under the lock), then
 * read-only, but for the device, which the planner's own thread fills in
 * when it was not asked for.
 */
typedef struct
{
  const MmlOrganizeDisk *disk;
  GHashTable            *folders;   /* path → Folder */
  GThreadPool           *pool;      /* NULL: every folder listed where wanted */
  GString               *path;      /* the planner's, for lookups */
  GMutex                 lock;
  GCond                  read;
} Disk;

static void
folder_free (Folder *f)
{
  g_free (f->path);
  g_strfreev (f->names);
  g_free (f->sorted);
  g_free (f);
}

static int
entry_cmp (const void *a,
           const void *b)
{
  return strcmp (((const Entry *) a)->name, ((const Entry *) b)->name);
}

static void
folder_list (Disk   *d,
             Folder *f)
{
  f->names = d->disk->list (f->path, d->disk->data);
  if (f->names != NULL)
    {
      f->n_names = g_strv_length (f->names);
      f->sorted = g_new (Entry, MAX (f->n_names, 1));
      for (guint i = 0; i < f->n_names; i++)
        f->sorted[i] = (Entry) { f->names[i], i };
      qsort (f->sorted, f->n_names, sizeof (Entry), entry_cmp);
    }
  else
    f->exists = d->disk->exists (f->path, d->disk->data);
}

/* Whether the caller is the one to read @f (it then does) */
static gboolean
folder_claim (Disk   *d,
              Folder *f)
{
  gboolean mine;

  g_mutex_lock (&d->lock);
  mine = f->state == FOLDER_QUEUED;
  if (mine)
    f->state = FOLDER_READING;
  g_mutex_unlock (&d->lock);
  return mine;
}

static void
folder_read (Disk   *d,
             Folder *f)
{
  gboolean want_device;

  folder_list (d, f);
  g_mutex_lock (&d->lock);
  want_device = f->want_device;
  g_mutex_unlock (&d->lock);
  if (want_device)
    {
      f->device = d->disk->device (f->path, d->disk->data);
      f->has_device = TRUE;
    }
  g_mutex_lock (&d->lock);
  f->state = FOLDER_READ;
  g_cond_broadcast (&d->read);
  g_mutex_unlock (&d->lock);
}

/* pool thread */
static void
folder_job (gpointer data,
            gpointer user_data)
{
  if (folder_claim (user_data, data))
    folder_read (user_data, data);
}

/* The bytes of @rel before its last "/" (dir_of ()'s length) */
static gsize
dir_len (const char *rel)
{
  const char *slash = strrchr (rel, '/');

  return slash != NULL ? (gsize) (slash - rel) : 0;
}

/* The folder at g_build_filename (@root, the first @len bytes of @rel),
 * queued to be read (with its device if @device); the planner's thread */
static Folder *
folder_want (Disk       *d,
             const char *root,
             const char *rel,
             gsize       len,
             gboolean    device)
{
  gsize root_len = strlen (root);
  Folder *f;

  if (root_len > 0 && root[root_len - 1] != '/' && len > 0 && rel[0] != '/')
    {
      g_string_assign (d->path, root);
      g_string_append_c (d->path, '/');
      g_string_append_len (d->path, rel, len);
    }
  else
    {
      g_autofree char *dir = g_strndup (rel, len);
      g_autofree char *path = g_build_filename (root, dir, NULL);

      g_string_assign (d->path, path);
    }

  if ((f = g_hash_table_lookup (d->folders, d->path->str)) != NULL)
    {
      if (device)
        {
          g_mutex_lock (&d->lock);
          f->want_device = TRUE;
          g_mutex_unlock (&d->lock);
        }
      return f;
    }
  f = g_new0 (Folder, 1);
  f->path = g_strndup (d->path->str, d->path->len);
  f->want_device = device;
  g_hash_table_insert (d->folders, f->path, f);
  if (d->pool != NULL)
    g_thread_pool_push (d->pool, f, NULL);
  return f;
}

/* @f, read */
static Folder *
folder_get (Disk   *d,
            Folder *f)
{
  if (folder_claim (d, f))
    folder_read (d, f);
  else
    {
      g_mutex_lock (&d->lock);
      while (f->state != FOLDER_READ)
        g_cond_wait (&d->read, &d->lock);
      g_mutex_unlock (&d->lock);
    }
  return f;
}

static guint64
folder_device (Disk   *d,
               Folder *f)
{
  folder_get (d, f);
  if (!f->has_device)
    {
      f->device = d->disk->device (f->path, d->disk->data);
      f->has_device = TRUE;
    }
  return f->device;
}

/* The first of @f's sorted names not before @name */
static guint
folder_lower_bound (const Folder *f,
                    const char   *name)
{
  guint lo = 0, hi = f->n_names;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (f->sorted[mid].name, name) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Whether something is at @path, named @name in @f (lstat's answer) */
static gboolean
folder_has (Disk          *d,
            Folder        *f,
            const char    *name,
            const AbsPath *path)
{
  guint at;

  folder_get (d, f);
  if (f->names == NULL || name[0] == '\0' || g_str_equal (name, ".") || g_str_equal (name, ".."))
    {
      g_autofree char *whole = NULL;

      if (f->names == NULL && !f->exists)
        return FALSE;
      whole = abs_path_dup (path);
      return d->disk->exists (whole, d->disk->data);
    }
  at = folder_lower_bound (f, name);
  return at < f->n_names && strcmp (f->sorted[at].name, name) == 0;
}

/* ---- the plan ---- */

/* One video as planned */
typedef struct
{
  char       *stem;
  char       *target;         /* relative to the root; NULL: a problem */
  char       *problem;
  gsize       dir_len;        /* the target's folder: its first dir_len bytes */
  const char *new_stem;       /* in target */
  gsize       new_stem_len;
  gsize       reserve;        /* stem_suffix_max the target was rendered with */
  Folder     *folder;         /* where it is */
  Folder     *to_folder;      /* where it goes */
} Planned;

static void
planned_clear (Planned *p)
{
  g_free (p->stem);
  g_free (p->target);
  g_free (p->problem);
}

/* dir_of () and stem_of () of the target, as offsets in it */
static void
planned_split (Planned *p)
{
  const char *slash = strrchr (p->target, '/');
  const char *base = slash != NULL ? slash + 1 : p->target;
  const char *dot = strrchr (base, '.');

  p->dir_len = slash != NULL ? (gsize) (slash - p->target) : 0;
  p->new_stem = base;
  p->new_stem_len = dot != NULL && dot != base ? (gsize) (dot - base) : strlen (base);
}

/* join_rel (the target's folder, @a (@a_len bytes) @b) */
static char *
in_target_dir (const Planned *p,
               const char    *a,
               gsize          a_len,
               const char    *b)
{
  gsize b_len = strlen (b), at = 0;
  char *out = g_malloc (p->dir_len + 1 + a_len + b_len + 1);

  if (p->dir_len > 0)
    {
      memcpy (out, p->target, p->dir_len);
      out[p->dir_len] = '/';
      at = p->dir_len + 1;
    }
  memcpy (out + at, a, a_len);
  memcpy (out + at + a_len, b, b_len + 1);
  return out;
}

/* Where the video goes (relative to the root), or NULL with @problem */
static char *
video_target (const MmlOrganizeVideo *v,
              MmlNamingRenderer      *renderer,
              const char             *original,
              gsize                   reserve,
              char                  **problem,
              GError                **error_out)
{
  g_autoptr(GError) error = NULL;
  char quality[32];
  const char *ext = strrchr (base_of (v->path), '.');
  const char *series, *season, *file;
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
  if (v->resolution > 0)
    g_snprintf (quality, sizeof quality, "%dp", v->resolution);
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
  ep.quality_full = v->resolution > 0 ? quality : NULL;
  ep.release_group = v->release_group;
  ep.extension = ext != NULL ? ext + 1 : NULL;
  ep.series_type = daily ? MML_NAMING_SERIES_DAILY : anime ? MML_NAMING_SERIES_ANIME : MML_NAMING_SERIES_FROM_ROOT;
  ep.root_kind = v->root_kind;
  ep.stem_suffix_max = reserve;

  if (!(series = mml_naming_renderer_series_folder (renderer, &ep, &error)) ||
      !(season = mml_naming_renderer_season_folder (renderer, &ep, &error)) ||
      !(file = mml_naming_renderer_file (renderer, &ep, &error)))
    {
      *problem = g_error_matches (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TOO_LONG)
                   ? g_strdup (_("name too long")) : g_strdup (error->message);
      if (error_out != NULL)
        *error_out = g_steal_pointer (&error);
      return NULL;
    }
  if (series[0] != '/' && season[0] != '/' && file[0] != '/' && !g_str_has_suffix (series, "/")
      && !g_str_has_suffix (season, "/"))
    return g_strconcat (series, "/", season, "/", file, NULL);
  return g_build_filename (series, season, file, NULL);
}

/* The video's target, with its stem kept short enough for the longest of
 * @suffixes (bytes its sidecars' names add after it; may be NULL); when
 * even a short name leaves no room for it, room for the next longest,
 * and so on (the sidecars that do not fit are problems then) */
static void
plan_target (Planned                *p,
             const MmlOrganizeVideo *v,
             MmlNamingRenderer      *renderer,
             GArray                 *suffixes)
{
  gsize reserve = G_MAXSIZE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gsize next = 0;

      /* the longest suffix below the last one tried */
      for (guint i = 0; suffixes != NULL && i < suffixes->len; i++)
        {
          gsize len = g_array_index (suffixes, gsize, i);

          if (len < reserve && len > next)
            next = len;
        }
      reserve = next;
      g_clear_pointer (&p->target, g_free);
      g_clear_pointer (&p->problem, g_free);
      p->reserve = reserve;
      p->target = video_target (v, renderer, p->stem, reserve, &p->problem, &error);
      if (p->target != NULL || reserve == 0 || !g_error_matches (error, MML_NAMING_ERROR, MML_NAMING_ERROR_TOO_LONG))
        break;
    }
  if (p->target != NULL)
    planned_split (p);
}

static void
add_sidecar (GPtrArray              *ops,
             const MmlOrganizeVideo *v,
             const Planned          *p,
             MmlOrganizeKind         kind,
             gint64                  file_id,
             const char             *from)
{
  MmlOrganizeOp *op = op_new (v, kind, file_id, from);
  const char *suffix = sidecar_suffix (base_of (from), p->stem, strlen (p->stem));

  if (p->problem != NULL || p->target == NULL)
    {
      op->to = g_strdup (from);
      op->problem = g_strdup (p->problem);
    }
  else if (suffix != NULL)
    {
      if (p->new_stem_len + strlen (suffix) > MML_NAMING_MAX_NAME)
        {
          /* its video's name leaves no room for it */
          op->to = g_strdup (from);
          op->problem = g_strdup (_("name too long"));
        }
      else
        op->to = in_target_dir (p, p->new_stem, p->new_stem_len, suffix);
    }
  else
    op->to = in_target_dir (p, "", 0, base_of (from));
  g_ptr_array_add (ops, op);
}

/* The bytes the subtitles named after the video add after its stem;
 * NULL: none */
static GArray *
subtitle_suffixes (const MmlOrganizeVideo *v,
                   const Planned          *p)
{
  gsize len = strlen (p->stem);
  GArray *out = NULL;

  for (guint i = 0; i < v->subtitles->len; i++)
    {
      const char *name = base_of (((MmlOrganizeSidecar *) g_ptr_array_index (v->subtitles, i))->path);
      gsize suffix;

      if (sidecar_suffix (name, p->stem, len) == NULL)
        continue;
      if (out == NULL)
        out = g_array_new (FALSE, FALSE, sizeof (gsize));
      suffix = strlen (name) - len;
      g_array_append_val (out, suffix);
    }
  return out;
}

static int
by_index (const void *a,
          const void *b)
{
  guint x = ((const Entry *) a)->index, y = ((const Entry *) b)->index;

  return x < y ? -1 : x > y;
}

/* .nfo and artwork named after the video (on disk only), in the order
 * the disk lists them */
static GArray *
disk_sidecars (Disk                   *d,
               const MmlOrganizeVideo *v,
               const Planned          *p)
{
  Folder *f = folder_get (d, p->folder);
  gsize len = strlen (p->stem);
  const char *own = base_of (v->path);
  GArray *found = NULL;

  if (f->names == NULL)
    return NULL;
  /* the names starting with the stem are together in the sorted list */
  for (guint at = folder_lower_bound (f, p->stem); at < f->n_names; at++)
    {
      const Entry *e = &f->sorted[at];
      gboolean known = FALSE;

      if (strncmp (e->name, p->stem, len) != 0)
        break;
      if (sidecar_suffix (e->name, p->stem, len) == NULL || g_str_equal (e->name, own))
        continue;
      for (guint i = 0; i < v->subtitles->len && !known; i++)
        known = g_str_equal (base_of (((MmlOrganizeSidecar *) g_ptr_array_index (v->subtitles, i))->path),
                             e->name);
      if (known || !(is_nfo (e->name) || is_artwork (e->name)))
        continue;
      if (found == NULL)
        found = g_array_new (FALSE, FALSE, sizeof (Entry));
      g_array_append_val (found, *e);
    }
  if (found != NULL)
    g_array_sort (found, by_index);
  return found;
}

static void
plan_video (GPtrArray              *ops,
            const MmlOrganizeVideo *v,
            Planned                *p,
            Disk                   *d,
            MmlNamingRenderer      *renderer)
{
  g_autoptr(GArray) extra = disk_sidecars (d, v, p);
  g_autofree char *dir = NULL;
  gsize len = strlen (p->stem);
  MmlOrganizeOp *op;

  /* a suffix among the .nfo and artwork that does not fit after the stem:
   * the name made again, with room for it */
  for (guint i = 0; p->target != NULL && extra != NULL && i < extra->len; i++)
    if (p->new_stem_len + strlen (g_array_index (extra, Entry, i).name) - len > MML_NAMING_MAX_NAME)
      {
        g_autoptr(GArray) suffixes = subtitle_suffixes (v, p);

        for (guint j = 0; j < extra->len; j++)
          {
            gsize suffix = strlen (g_array_index (extra, Entry, j).name) - len;

            if (suffixes == NULL)
              suffixes = g_array_new (FALSE, FALSE, sizeof (gsize));
            g_array_append_val (suffixes, suffix);
          }
        plan_target (p, v, renderer, suffixes);
        break;
      }

  op = op_new (v, MML_ORGANIZE_KIND_VIDEO, v->file_id, v->path);
  op->to = p->target ? g_strdup (p->target) : g_strdup (v->path);
  op->problem = g_strdup (p->problem);
  g_ptr_array_add (ops, op);

  for (guint i = 0; i < v->subtitles->len; i++)
    {
      MmlOrganizeSidecar *s = g_ptr_array_index (v->subtitles, i);

      add_sidecar (ops, v, p, MML_ORGANIZE_KIND_SUBTITLE, s->file_id, s->path);
    }
  if (extra == NULL)
    return;
  dir = dir_of (v->path);
  for (guint i = 0; i < extra->len; i++)
    {
      const char *name = g_array_index (extra, Entry, i).name;
      g_autofree char *from = join_rel (dir, name);

      add_sidecar (ops, v, p, is_nfo (name) ? MML_ORGANIZE_KIND_NFO : MML_ORGANIZE_KIND_ARTWORK, 0, from);
    }
}

static gboolean
moving (const MmlOrganizeOp *op)
{
  return op->action != MML_ORGANIZE_NONE && op->problem == NULL;
}

/* ---- work split over threads ---- */

typedef void (*PartFunc) (gpointer data,
                          guint    part,
                          guint    first,
                          guint    last);

typedef struct
{
  PartFunc  fn;
  gpointer  data;
  guint     part, first, last;
} Part;

static gpointer
part_thread (gpointer data)
{
  Part *p = data;

  p->fn (p->data, p->part, p->first, p->last);
  return NULL;
}

/* @fn over [0, @n) in @parts parts, one a thread (the first on this one) */
static void
run_parts (guint     n,
           guint     parts,
           PartFunc  fn,
           gpointer  data)
{
  g_autofree Part *p = g_new (Part, parts);
  g_autofree GThread **threads = g_new0 (GThread *, parts);

  for (guint k = 0; k < parts; k++)
    p[k] = (Part) { fn, data, k, (guint) ((guint64) n * k / parts), (guint) ((guint64) n * (k + 1) / parts) };
  for (guint k = 1; k < parts; k++)
    if ((threads[k] = g_thread_try_new ("mml-organize", part_thread, &p[k], NULL)) == NULL)
      part_thread (&p[k]);
  part_thread (&p[0]);
  for (guint k = 1; k < parts; k++)
    if (threads[k] != NULL)
      g_thread_join (threads[k]);
}

/* What the parts of the plan share; each part has its own renderer and
 * its own ops, joined in order after */
typedef struct
{
  GPtrArray          *videos;
  Planned            *planned;
  Disk               *disk;
  MmlNamingRenderer **renderers;
  GPtrArray         **ops;
  GArray            **video_of;
  GPtrArray          *all_ops;
  AbsPath            *abs_from;
  AbsPath            *abs_to;
} Plan;

static void
render_part (gpointer data,
             guint    part,
             guint    first,
             guint    last)
{
  Plan *plan = data;

  for (guint i = first; i < last; i++)
    {
      MmlOrganizeVideo *v = g_ptr_array_index (plan->videos, i);
      Planned *p = &plan->planned[i];
      g_autoptr(GArray) suffixes = NULL;

      p->stem = stem_of (v->path);
      suffixes = subtitle_suffixes (v, p);
      plan_target (p, v, plan->renderers[part], suffixes);
    }
}

static void
ops_part (gpointer data,
          guint    part,
          guint    first,
          guint    last)
{
  Plan *plan = data;
  GPtrArray *ops = plan->ops[part] = g_ptr_array_new ();
  GArray *video_of = plan->video_of[part] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = first; i < last; i++)
    {
      plan_video (ops, g_ptr_array_index (plan->videos, i), &plan->planned[i], plan->disk, plan->renderers[part]);
      while (video_of->len < ops->len)
        g_array_append_val (video_of, i);
    }
}

static void
paths_part (gpointer data,
            guint    part,
            guint    first,
            guint    last)
{
  Plan *plan = data;

  for (guint i = first; i < last; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (plan->all_ops, i);

      abs_path_init (&plan->abs_from[i], op->root, op->from);
      abs_path_init (&plan->abs_to[i], op->root, op->to);
    }
}

/*
 * The plan, in steps: the folders the videos are in are queued to be
 * listed; the names are made (in parts, one a thread, each with its own
 * renderer); the folders they go to are queued; the ops are made (in
 * parts: .nfo and artwork found in the listings, by binary search);
 * then, in order, the actions and the sources and targets in hash tables
 * of absolute paths (made only where a root and a path do not simply
 * join), and whether each target is taken, by its folder's listing.
 * The result is the same whatever the number of parts.
 */
GPtrArray *
mml_organize_plan (GPtrArray              *videos,
                   const MmlNamingConfig  *config,
                   const MmlOrganizeDisk  *disk)
{
  GPtrArray *ops = g_ptr_array_new_with_free_func ((GDestroyNotify) mml_organize_op_free);
  g_autoptr(GHashTable) by_target = g_hash_table_new (abs_path_hash, abs_path_equal);
  g_autoptr(GHashTable) by_source = g_hash_table_new (abs_path_hash, abs_path_equal);
  g_autofree Planned *planned = g_new0 (Planned, videos->len + 1);
  g_autoptr(GArray) video_index = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint *video_of;   /* op → its video */
  g_autofree AbsPath *abs_from = NULL;
  g_autofree AbsPath *abs_to = NULL;
  guint workers = CLAMP (g_get_num_processors (), 1, 4);
  /* a few videos: no threads for them */
  guint parts = videos->len >= 512 ? workers : 1;
  g_autofree MmlNamingRenderer **renderers = g_new0 (MmlNamingRenderer *, parts);
  g_autofree GPtrArray **part_ops = g_new0 (GPtrArray *, parts);
  g_autofree GArray **part_video_of = g_new0 (GArray *, parts);
  Disk d = { disk, NULL, NULL, NULL };
  Plan plan = { videos, planned, &d, renderers, part_ops, part_video_of, ops, NULL, NULL };
  gboolean changed;

  g_mutex_init (&d.lock);
  g_cond_init (&d.read);
  d.folders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) folder_free);
  d.path = g_string_sized_new (256);
  if (videos->len >= 64)
    d.pool = g_thread_pool_new (folder_job, &d, (int) MAX (1, workers / 2), FALSE, NULL);
  for (guint k = 0; k < parts; k++)
    renderers[k] = mml_naming_renderer_new (config);

  /* the folders the videos are in are listed while the names are made;
   * then the folders they go to, while the ops are made */
  for (guint i = 0; i < videos->len; i++)
    {
      MmlOrganizeVideo *v = g_ptr_array_index (videos, i);
      MmlOrganizeVideo *last = i > 0 ? g_ptr_array_index (videos, i - 1) : NULL;

      /* by path: mostly in the folder of the one before */
      if (last != NULL && last->root_id == v->root_id && g_str_equal (last->root_path, v->root_path) &&
          same_dir (last->path, v->path))
        planned[i].folder = planned[i - 1].folder;
      else
        planned[i].folder = folder_want (&d, v->root_path, v->path, dir_len (v->path), FALSE);
    }
  run_parts (videos->len, parts, render_part, &plan);
  for (guint i = 0, last = G_MAXUINT; i < videos->len; i++)
    {
      MmlOrganizeVideo *v = g_ptr_array_index (videos, i);
      Planned *p = &planned[i];
      gboolean moves;

      if (p->target == NULL)
        continue;
      moves = !same_dir (v->path, p->target);
      /* mostly where the one before goes */
      if (last != G_MAXUINT && ((MmlOrganizeVideo *) g_ptr_array_index (videos, last))->root_id == v->root_id &&
          g_str_equal (((MmlOrganizeVideo *) g_ptr_array_index (videos, last))->root_path, v->root_path) &&
          same_dir (planned[last].target, p->target) && (!moves || planned[last].to_folder->want_device))
        p->to_folder = planned[last].to_folder;
      else
        p->to_folder = folder_want (&d, v->root_path, p->target, p->dir_len, moves);
      last = i;
    }
  run_parts (videos->len, parts, ops_part, &plan);
  for (guint k = 0; k < parts; k++)
    {
      for (guint j = 0; j < part_ops[k]->len; j++)
        g_ptr_array_add (ops, g_ptr_array_index (part_ops[k], j));
      g_array_append_vals (video_index, part_video_of[k]->data, part_video_of[k]->len);
      g_ptr_array_unref (part_ops[k]);
      g_array_unref (part_video_of[k]);
    }
  video_of = (const guint *) (gpointer) video_index->data;
  abs_from = plan.abs_from = g_new0 (AbsPath, ops->len + 1);
  abs_to = plan.abs_to = g_new0 (AbsPath, ops->len + 1);
  run_parts (ops->len, parts, paths_part, &plan);

  /* actions; two sources with one target */
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);
      MmlOrganizeVideo *v = g_ptr_array_index (videos, video_of[i]);
      MmlOrganizeOp *other;

      if (g_str_equal (op->from, op->to))
        op->action = MML_ORGANIZE_NONE;
      else if (same_dir (op->from, op->to))
        op->action = MML_ORGANIZE_RENAME;
      else
        {
          Folder *to = planned[video_of[i]].to_folder;

          /* every op that moves goes where its video goes */
          if (to == NULL || !same_dir (op->to, planned[video_of[i]].target))
            to = folder_want (&d, op->root, op->to, dir_len (op->to), TRUE);
          op->action = MML_ORGANIZE_MOVE;
          if (folder_device (&d, to) != v->device)
            op->action = MML_ORGANIZE_COPY;   /* copied, verified, then the source removed */
        }
      g_hash_table_insert (by_source, &abs_from[i], op);
      if ((other = g_hash_table_lookup (by_target, &abs_to[i])) != NULL)
        {
          const char *same = _("another file gets the same name");

          if (other->problem == NULL)
            other->problem = g_strdup (same);
          if (op->problem == NULL)
            op->problem = g_strdup (same);
        }
      else
        g_hash_table_insert (by_target, &abs_to[i], op);
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
        Folder *to = planned[video_of[i]].to_folder;

        if (!moving (op))
          continue;
        leaving[i] = g_hash_table_lookup (by_source, &abs_to[i]);
        if (leaving[i] == op)
          leaving[i] = NULL;
        if (leaving[i] != NULL)
          occupied[i] = TRUE;
        else
          {
            if (to == NULL || !same_dir (op->to, planned[video_of[i]].target))
              to = folder_want (&d, op->root, op->to, dir_len (op->to), FALSE);
            occupied[i] = folder_has (&d, to, base_of (op->to), &abs_to[i]);
          }
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

  if (d.pool != NULL)
    g_thread_pool_free (d.pool, TRUE, TRUE);
  g_hash_table_unref (d.folders);
  g_string_free (d.path, TRUE);
  g_mutex_clear (&d.lock);
  g_cond_clear (&d.read);
  for (guint i = 0; i < videos->len; i++)
    planned_clear (&planned[i]);
  for (guint k = 0; k < parts; k++)
    mml_naming_renderer_free (renderers[k]);
  for (guint i = 0; i < ops->len; i++)
    {
      g_free (abs_from[i].whole);
      g_free (abs_to[i].whole);
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
