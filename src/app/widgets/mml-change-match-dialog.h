/* mml-change-match-dialog.h — change an automatic match: the conflict
 * row's choices (the current match, an id, another search, ignore) for a
 * series that is matched already
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-library-controller.h"
#include "mml-metadata-controller.h"
#include "mml-match-conflict-row.h"

G_BEGIN_DECLS

#define MML_TYPE_CHANGE_MATCH_DIALOG (mml_change_match_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MmlChangeMatchDialog, mml_change_match_dialog, MML, CHANGE_MATCH_DIALOG, AdwWindow)

MmlChangeMatchDialog *mml_change_match_dialog_new       (MmlEngine    *engine,
                                                         MmlSeriesItem        *item,
                                                         GtkWindow            *parent);
gint64                mml_change_match_dialog_get_series_id (MmlChangeMatchDialog *self);
MmlMatchConflictRow  *mml_change_match_dialog_get_row   (MmlChangeMatchDialog *self);

G_END_DECLS
