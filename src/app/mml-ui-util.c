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

#define TOOLTIP_KEY "mml-ui-tooltip"

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * mml_ui_set_tooltip:
 * @widget: a widget
 * @text: (nullable): the tooltip, %NULL for none
 *
 * Like gtk_widget_set_tooltip_text(), for widgets whose tooltip changes
 * often (cards and rows that list views rebind): the text is only read
 * when a tooltip is about to show. gtk_widget_set_tooltip_text() asks the
 * display where the pointer is on every change — a round trip to the X
 * server each time, which made rebinding a grid of cards stall the window.
 */
void
mml_ui_set_tooltip (GtkWidget  *widget,
                    const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY "-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
      g_object_set_data (G_OBJECT (widget), TOOLTIP_KEY "-connected", GINT_TO_POINTER (TRUE));
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY), text) == 0)
    return;
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
  /* what gtk_widget_set_tooltip_text() would tell assistive technologies */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * mml_ui_get_tooltip:
 * @widget: a widget
 *
 * Returns: (nullable): the text mml_ui_set_tooltip() gave @widget
 */
const char *
mml_ui_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
}

/**
 * mml_ui_open_folder:
 * @widget: whose window the file manager opens over
 * @path: a folder (file-system encoding)
 *
 * Shows @path in the file manager.
 */
void
mml_ui_open_folder (GtkWidget  *widget,
                    const char *path)
{
  g_autofree char *uri = path != NULL ? g_filename_to_uri (path, NULL, NULL) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri == NULL)
    return;
  /* (GtkFileLauncher is GTK 4.10) */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}
