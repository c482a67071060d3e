/* mml-ui-util.h — small helpers the widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void mml_ui_bin_dispose_template (AdwBin *bin,
                                  GType   widget_type);

G_END_DECLS
