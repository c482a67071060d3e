/* mml-paths-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mml-view.h"

G_BEGIN_DECLS

#define MML_TYPE_PATHS_VIEW (mml_paths_view_get_type ())

G_DECLARE_FINAL_TYPE (MmlPathsView, mml_paths_view, MML, PATHS_VIEW, MmlView)

G_END_DECLS
