/* mml-root-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"

G_BEGIN_DECLS

#define MML_TYPE_ROOT_GROUP (mml_root_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlRootGroup, mml_root_group, MML, ROOT_GROUP, AdwBin)

GtkWidget *mml_root_group_new           (MmlEngine *engine,
                                         MmlRoot           *root);
MmlRoot   *mml_root_group_get_root      (MmlRootGroup      *self);
void       mml_root_group_set_root      (MmlRootGroup      *self,
                                         MmlRoot           *root);
void       mml_root_group_update_mode   (MmlRootGroup      *self);

GtkWindow *mml_root_group_get_organize_dialog (MmlRootGroup *self);

G_END_DECLS
