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

static void
collapse_sync (GtkRevealer *revealer,
               GParamSpec  *pspec,
               GtkWidget   *widget)
{
  gtk_widget_set_visible (widget, gtk_revealer_get_reveal_child (revealer) ||
                                  gtk_revealer_get_child_revealed (revealer));
}

/**
 * mml_ui_collapse_with:
 * @revealer: a revealer
 * @widget: @revealer or the widget that holds it
 *
 * Hides @widget while @revealer shows nothing, once its animation has
 * ended: a concealed revealer still takes its box's spacing, which left
 * blank bands above the content.
 */
void
mml_ui_collapse_with (GtkRevealer *revealer,
                      GtkWidget   *widget)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (revealer, "notify::reveal-child", G_CALLBACK (collapse_sync), widget, 0);
  g_signal_connect_object (revealer, "notify::child-revealed", G_CALLBACK (collapse_sync), widget, 0);
  collapse_sync (revealer, NULL, widget);
}

typedef struct
{
  GtkWidget *target;   /* (owned) */
  guint      frames;   /* frames seen with the target laid out */
} ScrollTo;

static void
scroll_to_free (gpointer data)
{
  ScrollTo *st = data;

  g_object_unref (st->target);
  g_free (st);
}

#define SCROLL_TO_MAX_FRAMES 120

static gboolean
scroll_to_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (widget);
  ScrollTo *st = data;
  GtkWidget *child = gtk_scrolled_window_get_child (scroller);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t bounds;

  /* wait for a frame in which the target was laid out where it stays: a
   * view just shown has its first layout after this frame's ticks */
  if (child == NULL || !gtk_widget_is_ancestor (st->target, child))
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (st->target) || gtk_widget_get_height (st->target) == 0)
    return ++st->frames < SCROLL_TO_MAX_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
  if (st->frames++ == 0)
    return G_SOURCE_CONTINUE;
  if (!gtk_widget_compute_bounds (st->target, child, &bounds))
    return G_SOURCE_REMOVE;
  /* (the viewport's child is laid out from the adjustment's top) */
  gtk_adjustment_set_value (adj, bounds.origin.y + gtk_adjustment_get_value (adj) - 12);
  return G_SOURCE_REMOVE;
}

/**
 * mml_ui_scroll_to:
 * @scroller: a scrolled window
 * @target: a widget inside it
 *
 * Scrolls @scroller so that @target is at its top, once @target has been
 * laid out (it may have just been shown): where a link leads, the user
 * lands on what it named, not on the top of the page.
 */
void
mml_ui_scroll_to (GtkScrolledWindow *scroller,
                  GtkWidget         *target)
{
  ScrollTo *st;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));
  g_return_if_fail (GTK_IS_WIDGET (target));

  st = g_new0 (ScrollTo, 1);
  st->target = g_object_ref (target);
  gtk_widget_add_tick_callback (GTK_WIDGET (scroller), scroll_to_tick, st, scroll_to_free);
}
