/* mml-assign-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library.h"

G_BEGIN_DECLS

GtkDropDown *mml_series_drop_down_new      (MmlEngine           *engine);
GtkWidget   *mml_assign_dialog_new          (GtkWindow           *parent,
                                             MmlEngine           *engine,
                                             MmlUnrecognisedFile *file);
GtkDropDown *mml_assign_dialog_get_series   (GtkWidget           *dialog);
GtkSpinButton *mml_assign_dialog_get_season (GtkWidget           *dialog);
GtkSpinButton *mml_assign_dialog_get_episode (GtkWidget          *dialog);

G_END_DECLS
