/* mml-organize-item.h — one operation of an organise plan, as an item of
 * the preview's list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mml-organize-plan.h"

G_BEGIN_DECLS

#define MML_TYPE_ORGANIZE_ITEM (mml_organize_item_get_type ())

G_DECLARE_FINAL_TYPE (MmlOrganizeItem, mml_organize_item, MML, ORGANIZE_ITEM, GObject)

MmlOrganizeItem   *mml_organize_item_new        (const MmlOrganizeOp *op);

const char        *mml_organize_item_get_from   (MmlOrganizeItem     *self);
const char        *mml_organize_item_get_to     (MmlOrganizeItem     *self);
MmlOrganizeKind    mml_organize_item_get_kind   (MmlOrganizeItem     *self);
MmlOrganizeAction  mml_organize_item_get_action (MmlOrganizeItem     *self);
/* nullable: why the file is left alone */
const char        *mml_organize_item_get_problem (MmlOrganizeItem    *self);

G_END_DECLS
