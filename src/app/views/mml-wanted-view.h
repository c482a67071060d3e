/* mml-wanted-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_WANTED_VIEW (mml_wanted_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlWantedView, mml_wanted_view, MML, WANTED_VIEW, MmlView)

GListModel *mml_wanted_view_get_model       (MmlWantedView *self);
gboolean    mml_wanted_view_get_loaded      (MmlWantedView *self);
gint64      mml_wanted_view_get_item_series (MmlWantedView *self,
                                             guint          position);
char       *mml_wanted_view_get_item_text   (MmlWantedView *self,
                                             guint          position);

G_END_DECLS
