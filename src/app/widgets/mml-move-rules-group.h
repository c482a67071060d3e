/* mml-move-rules-group.h — Settings: "Move by Status", the folder a series
 * is offered to move to once it is completed or dropped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mml-engine.h"
#include "mml-viewing.h"

G_BEGIN_DECLS

#define MML_TYPE_MOVE_RULES_GROUP (mml_move_rules_group_get_type ())

G_DECLARE_FINAL_TYPE (MmlMoveRulesGroup, mml_move_rules_group, MML, MOVE_RULES_GROUP, AdwPreferencesGroup)

void        mml_move_rules_group_set_engine (MmlMoveRulesGroup *self,
                                             MmlEngine         *engine);

/* For tests, standing in for the folder chooser and the clicks: sets (or
 * with NULL clears) the rule of @status as Choose… and Clear do */
void        mml_move_rules_group_set_folder (MmlMoveRulesGroup *self,
                                             MmlViewingStatus   status,
                                             const char        *path);
/* the row's subtitle: the folder or "Off" */
const char *mml_move_rules_group_get_shown  (MmlMoveRulesGroup *self,
                                             MmlViewingStatus   status);

G_END_DECLS
