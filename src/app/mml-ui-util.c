/* mml-ui-util.c — small helpers the widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mml-ui-util"

#include "config.h"

#include "mml-ui-util.h"

/**
 * mml_ui_bin_dispose_template:
 * @bin: an #AdwBin built from a template
 * @widget_type: the template's type, as for gtk_widget_dispose_template()
 *
 * Disposes the template of an #AdwBin whose child is a bound template
 * child; call it from the dispose of @widget_type.
 */
void
mml_ui_bin_dispose_template (AdwBin *bin,
                             GType   widget_type)
{
  g_return_if_fail (ADW_IS_BIN (bin));

  /* Drop the child from the bin first, or both the template and AdwBin
   * would unparent it */
  adw_bin_set_child (bin, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (bin), widget_type);
}
