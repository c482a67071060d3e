/* mml-root.h — a library root: one folder the library watches and scans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mml-parser.h"
#include "mml-types.h"

G_BEGIN_DECLS

#define MML_TYPE_ROOT (mml_root_get_type ())

G_DECLARE_FINAL_TYPE (MmlRoot, mml_root, MML, ROOT, GObject)

gint64       mml_root_get_id           (MmlRoot     *self);
const char  *mml_root_get_path         (MmlRoot     *self);
MmlRootKind  mml_root_get_kind         (MmlRoot     *self);
gboolean     mml_root_get_enabled      (MmlRoot     *self);
gint64       mml_root_get_added_at     (MmlRoot     *self);
gint64       mml_root_get_last_scan_at (MmlRoot     *self);
const char  *mml_root_get_last_scan    (MmlRoot     *self);
gboolean     mml_root_get_disk         (MmlRoot     *self,
                                        guint64     *device,
                                        guint       *mount_depth);
void         mml_root_to_json          (MmlRoot     *self,
                                        GString     *out);

char        *mml_root_check_path       (const char  *path,
                                        GError     **error);
MmlParseFlags mml_root_kind_parse_flags (MmlRootKind kind);

gboolean     mml_root_probe_disk       (const char  *path,
                                        guint64     *device,
                                        guint       *mount_depth);
void         mml_root_set_device_override (const char *path,
                                           guint64     device);

G_END_DECLS
