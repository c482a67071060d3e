/* mml-root-private.h — how the store builds an MmlRoot from its row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-root.h"

G_BEGIN_DECLS

MmlRoot *_mml_root_new_from_row (gint64      id,
                                 const char *path,
                                 gsize       path_len,
                                 MmlRootKind kind,
                                 gboolean    enabled,
                                 gint64      added_at,
                                 gint64      last_scan_at,
                                 const char *last_scan);
void     _mml_root_set_disk     (MmlRoot    *root,
                                 guint64     device,
                                 guint       mount_depth);

G_END_DECLS
