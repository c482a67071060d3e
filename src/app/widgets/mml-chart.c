/* mml-chart.c — see mml-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn in the theme's colours (the accent for bars, the foreground for
 * text and the baseline, Adwaita's named colours for segments), so dark
 * and high-contrast styles follow. Every number is also text: the
 * accessible description holds them all, a bar's or a segment's tooltip
 * its own, and a segment chart's legend prints them.
 */

#define G_LOG_DOMAIN "mml-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-chart.h"

#define BAR_HEIGHT 150          /* the bars' whole height, labels included */
#define SEGMENT_HEIGHT 20
#define LEGEND_GAP 8
#define SWATCH 10
#define ITEM_GAP 18
#define LINE_GAP 4

typedef struct
{
  char   *label;
  char   *text;
  char   *color;   /* nullable: the accent */
  double  value;
} Value;

struct _MmlChart
{
  GtkWidget     parent_instance;

  MmlChartKind  kind;
  GArray       *values;       /* of Value */
  char         *title;
  char         *empty_text;
  char         *description;
  double        max;          /* the bars' full height; 0: the largest value */
};

G_DEFINE_FINAL_TYPE (MmlChart, mml_chart, GTK_TYPE_WIDGET)

static void
value_clear (gpointer data)
{
  Value *value = data;

  g_free (value->label);
  g_free (value->text);
  g_free (value->color);
}

static double
total (MmlChart *self,
       gboolean  max)
{
  double sum = 0, top = 0;

  for (guint i = 0; i < self->values->len; i++)
    {
      double v = MAX (0, g_array_index (self->values, Value, i).value);

      sum += v;
      top = MAX (top, v);
    }
  return max ? top : sum;
}

gboolean
mml_chart_get_empty (MmlChart *self)
{
  g_return_val_if_fail (MML_IS_CHART (self), TRUE);

  return total (self, FALSE) <= 0;
}

/* --- colours --- */

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

/* An Adwaita named colour ("accent_color", "green_3"), or @fallback */
static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  gboolean found;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (!found)
    gdk_rgba_parse (color, fallback);
}

static void
get_value_color (GtkWidget   *widget,
                 const Value *value,
                 GdkRGBA     *color)
{
  if (value->color == NULL || value->color[0] == '\0')
    lookup_color (widget, "accent_color", "#3584e4", color);
  else
    lookup_color (widget, value->color, "#9a9996", color);
}

static GdkRGBA
dimmed (const GdkRGBA *color,
        float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

/* --- text --- */

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* "Swatch label: text" of a legend */
static char *
legend_text (const Value *value)
{
  /* Translators: a chart's legend entry, "Watching: 12" */
  return g_strdup_printf (_("%s: %s"), value->label, value->text);
}

static void
update_description (MmlChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (mml_chart_get_empty (self))
    g_string_append (text, self->empty_text != NULL ? self->empty_text : "");
  else
    for (guint i = 0; i < self->values->len; i++)
      {
        g_autofree char *item = legend_text (&g_array_index (self->values, Value, i));

        if (i > 0)
          /* Translators: between the values of a chart read as text */
          g_string_append (text, _(", "));
        g_string_append (text, item);
      }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* --- the segments' legend: items wrapped into lines --- */

/* Lays the legend out for @width; calls @draw (when set) for each item at
 * its place. Returns the legend's height. */
static int
layout_legend (MmlChart    *self,
               int          width,
               GtkSnapshot *snapshot,
               int          top)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GdkRGBA fg;
  int x = 0, y = 0, line_height = 0;

  get_foreground (widget, &fg);
  for (guint i = 0; i < self->values->len; i++)
    {
      const Value *value = &g_array_index (self->values, Value, i);
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int w, h, item_w;

      if (value->value <= 0)
        continue;
      text = legend_text (value);
      layout = small_layout (widget, text);
      pango_layout_get_pixel_size (layout, &w, &h);
      item_w = SWATCH + 6 + w;
      if (x > 0 && x + item_w > width)
        {
          x = 0;
          y += line_height + LINE_GAP;
          line_height = 0;
        }
      line_height = MAX (line_height, h);

      if (snapshot != NULL)
        {
          int left = rtl ? width - x - item_w : x;
          GdkRGBA swatch;

          get_value_color (widget, value, &swatch);
          gtk_snapshot_append_color (snapshot, &swatch,
                                     &GRAPHENE_RECT_INIT (rtl ? left + w + 6 : left, top + y + (h - SWATCH) / 2.0f,
                                                          SWATCH, SWATCH));
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? left : left + SWATCH + 6, top + y));
          gtk_snapshot_append_layout (snapshot, layout, &fg);
          gtk_snapshot_restore (snapshot);
        }
      x += item_w + ITEM_GAP;
    }
  return y + line_height;
}

/* --- measuring and drawing --- */

static void
mml_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  MmlChart *self = MML_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 320;
      return;
    }
  if (self->kind == MML_CHART_BARS)
    *minimum = *natural = BAR_HEIGHT;
  else if (mml_chart_get_empty (self))
    *minimum = *natural = SEGMENT_HEIGHT;
  else
    *minimum = *natural = SEGMENT_HEIGHT + LEGEND_GAP + layout_legend (self, for_size > 0 ? for_size : 320, NULL, 0);
}

static GtkSizeRequestMode
mml_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
draw_empty (MmlChart    *self,
            GtkSnapshot *snapshot,
            int          width,
            int          height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->empty_text);
  GdkRGBA fg;
  int w, h;

  get_foreground (GTK_WIDGET (self), &fg);
  fg = dimmed (&fg, 0.55f);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX (0, (height - h) / 2.0f)));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);
}

/* The slot of value @i, left to right (right to left in RTL locales) */
static int
slot_of (MmlChart *self,
         guint     i)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
         ? (int) (self->values->len - 1 - i) : (int) i;
}

static void
draw_bars (MmlChart    *self,
           GtkSnapshot *snapshot,
           int          width,
           int          height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->values->len;
  double top = self->max > 0 ? self->max : total (self, TRUE);
  double slot = (double) width / n;
  double bar_w = MIN (slot * 0.62, 44);
  int label_h = 0, text_h = 0, label_w = 0, text_w = 0;
  guint label_every = 1;
  gboolean show_texts;
  GdkRGBA fg, accent, dim;
  double plot_top, plot_bottom;

  get_foreground (widget, &fg);
  dim = dimmed (&fg, 0.6f);

  for (guint i = 0; i < n; i++)
    {
      const Value *value = &g_array_index (self->values, Value, i);
      g_autoptr(PangoLayout) label = small_layout (widget, value->label);
      g_autoptr(PangoLayout) text = small_layout (widget, value->text);
      int w, h;

      pango_layout_get_pixel_size (label, &w, &h);
      label_w = MAX (label_w, w);
      label_h = MAX (label_h, h);
      pango_layout_get_pixel_size (text, &w, &h);
      text_w = MAX (text_w, w);
      text_h = MAX (text_h, h);
    }
  /* labels that would touch: every second (third …) one */
  while (label_every < n && label_w + 4 > slot * label_every)
    label_every++;
  show_texts = text_w + 2 <= slot;

  plot_top = show_texts ? text_h + 2 : 0;
  plot_bottom = height - label_h - 4;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fg.red, fg.green, fg.blue, fg.alpha * 0.2f },
                             &GRAPHENE_RECT_INIT (0, plot_bottom, width, 1));

  for (guint i = 0; i < n; i++)
    {
      const Value *value = &g_array_index (self->values, Value, i);
      double x = slot * slot_of (self, i) + (slot - bar_w) / 2;
      double h = top > 0 ? (plot_bottom - plot_top) * CLAMP (value->value, 0, top) / top : 0;

      if (value->value > 0)
        h = MAX (h, 2);
      get_value_color (widget, value, &accent);
      if (h > 0)
        {
          GskRoundedRect rect;

          gsk_rounded_rect_init (&rect, &GRAPHENE_RECT_INIT (x, plot_bottom - h, bar_w, h),
                                 &GRAPHENE_SIZE_INIT (3, 3), &GRAPHENE_SIZE_INIT (3, 3),
                                 &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
          gtk_snapshot_push_rounded_clip (snapshot, &rect);
          gtk_snapshot_append_color (snapshot, &accent, &rect.bounds);
          gtk_snapshot_pop (snapshot);
        }

      if (show_texts && value->value > 0)
        {
          g_autoptr(PangoLayout) text = small_layout (widget, value->text);
          int w, th;

          pango_layout_get_pixel_size (text, &w, &th);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (bar_w - w) / 2, plot_bottom - h - th - 1));
          gtk_snapshot_append_layout (snapshot, text, &dim);
          gtk_snapshot_restore (snapshot);
        }

      /* the newest label always shows */
      if ((n - 1 - i) % label_every == 0)
        {
          g_autoptr(PangoLayout) label = small_layout (widget, value->label);
          int w, lh;

          pango_layout_get_pixel_size (label, &w, &lh);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (bar_w - w) / 2, plot_bottom + 3));
          gtk_snapshot_append_layout (snapshot, label, &dim);
          gtk_snapshot_restore (snapshot);
        }
    }
}

static void
draw_segments (MmlChart    *self,
               GtkSnapshot *snapshot,
               int          width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double sum = total (self, FALSE);
  double x = 0;
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, width, SEGMENT_HEIGHT), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  for (guint i = 0; i < self->values->len; i++)
    {
      const Value *value = &g_array_index (self->values, Value, i);
      double w = width * MAX (0, value->value) / sum;
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      GdkRGBA color;

      if (w <= 0)
        continue;
      get_value_color (widget, value, &color);
      /* a hairline between segments */
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (rtl ? width - x - w : x, 0,
                                                      MAX (1, w - (x + w < width - 0.5 ? 1 : 0)), SEGMENT_HEIGHT));
      x += w;
    }
  gtk_snapshot_pop (snapshot);
  layout_legend (self, width, snapshot, SEGMENT_HEIGHT + LEGEND_GAP);
}

static void
mml_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  MmlChart *self = MML_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;
  if (mml_chart_get_empty (self))
    draw_empty (self, snapshot, width, height);
  else if (self->kind == MML_CHART_BARS)
    draw_bars (self, snapshot, width, height);
  else
    draw_segments (self, snapshot, width);
}

/* A bar's own numbers, or the segment's under the pointer */
static gboolean
mml_chart_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip)
{
  MmlChart *self = MML_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int index = -1;

  if (mml_chart_get_empty (self) || width <= 0)
    return FALSE;
  if (keyboard)
    {
      gtk_tooltip_set_text (tooltip, self->description);
      return TRUE;
    }
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = width - 1 - x;

  if (self->kind == MML_CHART_BARS)
    index = CLAMP (x * (int) self->values->len / width, 0, (int) self->values->len - 1);
  else if (y <= SEGMENT_HEIGHT)
    {
      double sum = total (self, FALSE), left = 0;

      for (guint i = 0; i < self->values->len && index < 0; i++)
        {
          left += width * MAX (0, g_array_index (self->values, Value, i).value) / sum;
          if (x < left)
            index = (int) i;
        }
    }
  if (index < 0)
    return FALSE;

  {
    g_autofree char *text = legend_text (&g_array_index (self->values, Value, index));

    gtk_tooltip_set_text (tooltip, text);
  }
  return TRUE;
}

static void
mml_chart_direction_changed (GtkWidget        *widget,
                             GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

static void
mml_chart_finalize (GObject *object)
{
  MmlChart *self = MML_CHART (object);

  g_array_unref (self->values);
  g_free (self->title);
  g_free (self->empty_text);
  g_free (self->description);

  G_OBJECT_CLASS (mml_chart_parent_class)->finalize (object);
}

static void
mml_chart_class_init (MmlChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mml_chart_finalize;
  widget_class->measure = mml_chart_measure;
  widget_class->get_request_mode = mml_chart_get_request_mode;
  widget_class->snapshot = mml_chart_snapshot;
  widget_class->query_tooltip = mml_chart_query_tooltip;
  widget_class->direction_changed = mml_chart_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mml_chart_init (MmlChart *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_array_set_clear_func (self->values, value_clear);
  self->empty_text = g_strdup (_("Nothing to show yet"));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_description (self);
}

/**
 * mml_chart_new:
 * @kind: bars or segments
 *
 * Returns: (transfer floating): a chart with no data (its empty text shows)
 */
GtkWidget *
mml_chart_new (MmlChartKind kind)
{
  MmlChart *self = g_object_new (MML_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

/**
 * mml_chart_set_title:
 *
 * Sets the chart's accessible name ("Episodes added per week").
 */
void
mml_chart_set_title (MmlChart   *self,
                     const char *title)
{
  g_return_if_fail (MML_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/**
 * mml_chart_set_empty_text:
 *
 * What the chart says while it has nothing but zeroes.
 */
void
mml_chart_set_empty_text (MmlChart   *self,
                          const char *text)
{
  g_return_if_fail (MML_IS_CHART (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
mml_chart_set_data (MmlChart           *self,
                    guint               n,
                    const char * const *labels,
                    const double       *values,
                    const char * const *texts,
                    const char * const *colors)
{
  g_return_if_fail (MML_IS_CHART (self));
  g_return_if_fail (n == 0 || (labels != NULL && values != NULL && texts != NULL));

  g_array_set_size (self->values, 0);
  for (guint i = 0; i < n; i++)
    {
      Value value = {
        .label = g_strdup (labels[i]),
        .text = g_strdup (texts[i]),
        .color = colors != NULL ? g_strdup (colors[i]) : NULL,
        .value = values[i],
      };

      g_array_append_val (self->values, value);
    }
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mml_chart_set_max:
 * @max: the value of a full-height bar (100 for percentages); 0 for the largest
 */
void
mml_chart_set_max (MmlChart *self,
                   double    max)
{
  g_return_if_fail (MML_IS_CHART (self));

  self->max = MAX (0, max);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mml_chart_get_n_values (MmlChart *self)
{
  g_return_val_if_fail (MML_IS_CHART (self), 0);

  return self->values->len;
}

double
mml_chart_get_value (MmlChart *self,
                     guint     index)
{
  g_return_val_if_fail (MML_IS_CHART (self), 0);
  g_return_val_if_fail (index < self->values->len, 0);

  return g_array_index (self->values, Value, index).value;
}

const char *
mml_chart_get_description (MmlChart *self)
{
  g_return_val_if_fail (MML_IS_CHART (self), NULL);

  return self->description;
}
