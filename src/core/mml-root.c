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
