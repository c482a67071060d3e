/* mml-format.h — the few ways the views put numbers, dates and paths into words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mml-library.h"

G_BEGIN_DECLS

char *mml_format_isolate        (const char        *text);
char *mml_format_path           (const char        *path);
char *mml_format_short_path     (const char        *path);
char *mml_format_series_location (MmlSeriesItem    *series);
char *mml_format_job_doing       (const char       *name);
char *mml_format_background_status (gint64          last_run_at,
                                    guint           n_new_episodes);
char *mml_format_timestamp      (gint64             unix_time);
char *mml_format_timestamp_at   (gint64             unix_time,
                                 gint64             now_time);
const char *mml_format_relative_day (const char  *date,
                                     const char  *today);
char *mml_format_air_date       (const char        *date,
                                 const char        *today);
char *mml_format_episode_code   (int                season,
                                 int                number,
                                 int                absolute);
char *mml_format_scan_counts    (const MmlLastScan *scan);
char *mml_format_series_counts  (guint              n_seasons,
                                 guint              n_episodes);
char *mml_format_last_scan      (gint64             last_scan_at,
                                 const char        *last_scan_json);

G_END_DECLS
