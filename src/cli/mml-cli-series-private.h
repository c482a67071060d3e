/* mml-cli-series-private.h — what the files of `mml series` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-cli.h"

G_BEGIN_DECLS

typedef struct
{
  MmlCli          *cli;
  gboolean         json;
  gint64           series_id;
  gint64           root_id;
  gint64           choose;
  int              year;
  guint            days;
  gboolean         specials;
  gboolean         conflicts;
  gboolean         all;
  const char      *folder;
  GPtrArray       *words;      /* positional arguments */
} MmlCliSeriesArgs;

void     mml_cli_series_args_clear     (MmlCliSeriesArgs     *a);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MmlCliSeriesArgs, mml_cli_series_args_clear)

/* mml-cli-series-add.c: `series search` and `series add`, on the opened
 * engine (the provider's keys read) */
int      mml_cli_series_search         (MmlCliSeriesArgs     *a,
                                        MmlEngine            *engine);
int      mml_cli_series_add            (MmlCliSeriesArgs     *a,
                                        MmlEngine            *engine);

/* mml-cli-viewing.c: marks and viewing status */
int      mml_cli_episodes_mark         (MmlCliSeriesArgs     *a);
int      mml_cli_series_status         (MmlCliSeriesArgs     *a,
                                        MmlEngine            *engine,
                                        gint64                id,
                                        const char           *word);
void     mml_cli_print_viewing         (MmlSeriesItem        *series,
                                        gboolean              details);

G_END_DECLS
