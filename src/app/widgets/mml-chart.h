/* mml-chart.h — a small chart drawn with GtkSnapshot: labelled bars, or
 * one bar split into segments, with its numbers as text for everyone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  MML_CHART_BARS,      /* one bar per value, its label under it */
  MML_CHART_SEGMENTS,  /* one horizontal bar, a segment per value, a legend under it */
} MmlChartKind;

#define MML_TYPE_CHART (mml_chart_get_type ())

G_DECLARE_FINAL_TYPE (MmlChart, mml_chart, MML, CHART, GtkWidget)

GtkWidget  *mml_chart_new             (MmlChartKind         kind);
void        mml_chart_set_title       (MmlChart            *self,
                                       const char          *title);
void        mml_chart_set_empty_text  (MmlChart            *self,
                                       const char          *text);
/* @labels and @texts (the value as a person reads it, "4", "1.2 GB"):
 * @n each; @colors: (nullable): Adwaita named colours ("green_3"), NULL
 * or an empty name for the accent colour */
void        mml_chart_set_data        (MmlChart            *self,
                                       guint                n,
                                       const char * const  *labels,
                                       const double        *values,
                                       const char * const  *texts,
                                       const char * const  *colors);
void        mml_chart_set_max         (MmlChart            *self,
                                       double               max);
guint       mml_chart_get_n_values    (MmlChart            *self);
double      mml_chart_get_value       (MmlChart            *self,
                                       guint                index);
gboolean    mml_chart_get_empty       (MmlChart            *self);
/* The numbers as text, also the accessible description: "3 Mar: 4, 10 Mar: 0" */
const char *mml_chart_get_description (MmlChart            *self);

G_END_DECLS
