/* mml-root.c — a library root: one folder the library watches and scans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-root"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "mml-root-private.h"
#include "mml-util.h"

struct _MmlRoot
{
  GObject      parent_instance;

  gint64       id;
  char        *path;
  MmlRootKind  kind;
  gboolean     enabled;
  gint64       added_at;
  gint64       last_scan_at;
  char        *last_scan;
  gboolean     has_disk;      /* the disk it was on is recorded: */
  guint64      device;
  guint        mount_depth;
};

G_DEFINE_FINAL_TYPE (MmlRoot, mml_root, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PATH,
  PROP_KIND,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mml_root_finalize (GObject *object)
{
  MmlRoot *self = MML_ROOT (object);

  g_free (self->path);
  g_free (self->last_scan);

  G_OBJECT_CLASS (mml_root_parent_class)->finalize (object);
}

static void
mml_root_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MmlRoot *self = MML_ROOT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_KIND:
      g_value_set_string (value, mml_root_kind_to_string (self->kind));
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_root_class_init (MmlRootClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mml_root_finalize;
  object_class->get_property = mml_root_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The path is raw bytes from the file system; shown through
   * g_filename_display_name() in the UI. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "standard",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mml_root_init (MmlRoot *self)
{
  self->enabled = TRUE;
}

gint64
mml_root_get_id (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), 0);
  return self->id;
}

const char *
mml_root_get_path (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), NULL);
  return self->path;
}

MmlRootKind
mml_root_get_kind (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), MML_ROOT_KIND_STANDARD);
  return self->kind;
}

gboolean
mml_root_get_enabled (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), FALSE);
  return self->enabled;
}

gint64
mml_root_get_added_at (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), 0);
  return self->added_at;
}

gint64
mml_root_get_last_scan_at (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), 0);
  return self->last_scan_at;
}

/**
 * mml_root_get_last_scan:
 *
 * Returns: (nullable): the JSON summary of the last scan
 */
const char *
mml_root_get_last_scan (MmlRoot *self)
{
  g_return_val_if_fail (MML_IS_ROOT (self), NULL);
  return self->last_scan;
}

/**
 * mml_root_get_disk:
 * @device: (out) (optional): the device the root's folder was on
 * @mount_depth: (out) (optional): how many folders above the root that
 *   device was mounted: 0 when the root was itself a mount point
 *
 * Where the root lived when it was added, or when its last whole scan that
 * found files recorded it; see mml_root_probe_disk().
 *
 * Returns: %FALSE when nothing is recorded yet (a root of an earlier
 *   version, until its next such scan)
 */
gboolean
mml_root_get_disk (MmlRoot *self,
                   guint64 *device,
                   guint   *mount_depth)
{
  g_return_val_if_fail (MML_IS_ROOT (self), FALSE);

  if (device)
    *device = self->device;
  if (mount_depth)
    *mount_depth = self->mount_depth;
  return self->has_disk;
}

/**
 * mml_root_to_json:
 *
 * Appends the stable JSON form documented in the README:
 * `{"id", "path", "kind", "enabled", "added_at", "last_scan_at", "last_scan"}`.
 */
void
mml_root_to_json (MmlRoot *self,
                  GString *out)
{
  g_return_if_fail (MML_IS_ROOT (self));

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"path\": ", self->id);
  mml_json_append_string (out, self->path, -1);
  g_string_append_printf (out, ", \"kind\": \"%s\", \"enabled\": %s, \"added_at\": %" G_GINT64_FORMAT
                          ", \"last_scan_at\": ",
                          mml_root_kind_to_string (self->kind),
                          self->enabled ? "true" : "false",
                          self->added_at);
  if (self->last_scan_at > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, self->last_scan_at);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"last_scan\": ");
  /* stored by the scanner as a JSON object already */
  g_string_append (out, self->last_scan ? self->last_scan : "null");
  g_string_append_c (out, '}');
}

/**
 * mml_root_check_path:
 * @path: a folder, absolute or relative to the working directory
 *
 * Checks that @path can be a library root: it exists, is a folder and can be
 * listed.  Blocking (stats the disk): call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the canonical absolute path with
 *   symlinks resolved, or %NULL with @error set
 */
char *
mml_root_check_path (const char  *path,
                     GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *real = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);

  if (*path == '\0')
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("The folder name is empty"));
      return NULL;
    }

  if (g_stat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT || errsv == ENOTDIR)
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                     _("“%s” does not exist"), display);
      else
        g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                     _("Cannot read “%s”: %s"), display, g_strerror (errsv));
      return NULL;
    }

  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("“%s” is not a folder"), display);
      return NULL;
    }

  if (access (path, R_OK | X_OK) != 0)
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("“%s” cannot be read: %s"), display, g_strerror (errno));
      return NULL;
    }

  if (!(real = realpath (path, NULL)))
    {
      g_set_error (error, MML_STORE_ERROR, MML_STORE_ERROR_INVALID,
                   _("Cannot resolve “%s”: %s"), display, g_strerror (errno));
      return NULL;
    }

  return g_steal_pointer (&real);
}

/**
 * _mml_root_new_from_row:
 *
 * The store's constructor: a root as its row says (mml-root-private.h).
 *
 * Returns: (transfer full): the root
 */
MmlRoot *
_mml_root_new_from_row (gint64      id,
                        const char *path,
                        gsize       path_len,
                        MmlRootKind kind,
                        gboolean    enabled,
                        gint64      added_at,
                        gint64      last_scan_at,
                        const char *last_scan)
{
  MmlRoot *root = g_object_new (MML_TYPE_ROOT, NULL);

  root->id = id;
  root->path = g_strndup (path, path_len);
  root->kind = kind;
  root->enabled = enabled;
  root->added_at = added_at;
  root->last_scan_at = last_scan_at;
  root->last_scan = g_strdup (last_scan);

  return root;
}

/* The store's: what the row says of the root's disk (see mml_root_get_disk()). */
void
_mml_root_set_disk (MmlRoot *root,
                    guint64  device,
                    guint    mount_depth)
{
  root->has_disk = TRUE;
  root->device = device;
  root->mount_depth = mount_depth;
}

/* --- the disk a root lives on -------------------------------------------- */

/* Tests cannot mount file systems: they tell which folders to take for
 * the top of another one.  Read by the scan's threads, hence the lock. */
static GMutex device_overrides_lock;
static GHashTable *device_overrides;   /* path → guint64 */

/**
 * mml_root_set_device_override:
 * @path: a folder, as mml_root_probe_disk() is given it
 * @device: the device to report for it, or 0 to stat it again
 *
 * For tests: mml_root_probe_disk() reports @device for @path instead of
 * what stat() says, as if another file system were mounted there.
 */
void
mml_root_set_device_override (const char *path,
                              guint64     device)
{
  g_return_if_fail (path != NULL);

  g_mutex_lock (&device_overrides_lock);
  if (device_overrides == NULL)
    device_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (device != 0)
    g_hash_table_insert (device_overrides, g_strdup (path), g_memdup2 (&device, sizeof device));
  else
    g_hash_table_remove (device_overrides, path);
  g_mutex_unlock (&device_overrides_lock);
}

static gboolean
device_of (const char *path,
           guint64    *device)
{
  const guint64 *fake = NULL;
  GStatBuf st;

  g_mutex_lock (&device_overrides_lock);
  if (device_overrides != NULL && (fake = g_hash_table_lookup (device_overrides, path)))
    *device = *fake;
  g_mutex_unlock (&device_overrides_lock);
  if (fake != NULL)
    return TRUE;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *device = st.st_dev;
  return TRUE;
}

/**
 * mml_root_probe_disk:
 * @path: a root's canonical path (absolute, no symlinks)
 * @device: (out): the device its folder is on
 * @mount_depth: (out): how many folders above @path that device is mounted
 *   (the folders up to there are on the same device): 0 when @path is
 *   itself a mount point
 *
 * Where a root lives.  A mount point shows as a folder whose device is not
 * its parent's; a bind mount of a folder of the same file system does not
 * show.  Blocking (stats @path and the folders above it).
 *
 * Returns: %FALSE when @path cannot be stat'ed
 */
gboolean
mml_root_probe_disk (const char *path,
                     guint64    *device,
                     guint      *mount_depth)
{
  g_autofree char *dir = NULL;
  guint64 dev;
  guint depth = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!device_of (path, &dev))
    return FALSE;

  dir = g_strdup (path);
  for (;;)
    {
      g_autofree char *parent = g_path_get_dirname (dir);
      guint64 parent_dev;

      /* A parent that cannot be stat'ed ends the climb: the depth comes
       * out smaller, which never makes a root unavailable. */
      if (g_str_equal (parent, dir) || !device_of (parent, &parent_dev) || parent_dev != dev)
        break;
      g_free (dir);
      dir = g_steal_pointer (&parent);
      depth++;
    }

  *device = dev;
  *mount_depth = depth;
  return TRUE;
}

/* --- kinds --------------------------------------------------------------- */

static const char * const kind_names[] = { "standard", "anime", "daily" };

const char *
mml_root_kind_to_string (MmlRootKind kind)
{
  g_return_val_if_fail (kind <= MML_ROOT_KIND_DAILY, NULL);

  return kind_names[kind];
}

gboolean
mml_root_kind_from_string (const char  *str,
                           MmlRootKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = (MmlRootKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mml_root_kind_parse_flags:
 *
 * Returns: how a root of @kind steers the file-name parser (absolute
 *   numbers first on anime roots, air dates on daily ones)
 */
MmlParseFlags
mml_root_kind_parse_flags (MmlRootKind kind)
{
  return kind == MML_ROOT_KIND_ANIME ? MML_PARSE_PREFER_ABSOLUTE
       : kind == MML_ROOT_KIND_DAILY ? MML_PARSE_PREFER_DAILY
       : MML_PARSE_FLAGS_NONE;
}
