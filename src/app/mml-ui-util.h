/* mml-ui-util.h — small helpers the widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void mml_ui_bin_dispose_template (AdwBin *bin,
                                  GType   widget_type);

void        mml_ui_set_tooltip (GtkWidget  *widget,
                                const char *text);
const char *mml_ui_get_tooltip (GtkWidget  *widget);

void        mml_ui_open_folder (GtkWidget  *widget,
                                const char *path);

void        mml_ui_scroll_to     (GtkScrolledWindow *scroller,
                                  GtkWidget         *target);
void        mml_ui_collapse_with (GtkRevealer *revealer,
                                  GtkWidget   *widget);

G_END_DECLS
