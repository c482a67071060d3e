/* mml-cli-series-private.h — what the files of `mml series` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mml-cli.h"
#include "mml-meta-run.h"
#include "mml-services.h"

G_BEGIN_DECLS

typedef struct
{
  MmlCli          *cli;
  gboolean         json;
  gboolean         have_provider;
  MmlMetaProvider  provider;
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

typedef struct
{
  MmlHttp     *http;
  MmlProvider *provider;
  MmlMetaRun  *run;
} MmlCliSeriesServices;

void     mml_cli_series_args_clear     (MmlCliSeriesArgs     *a);
/* the HTTP session, the provider chosen by a->provider (its keys from the
 * keyring or the environment) and a match/refresh run on @store */
void     mml_cli_series_services_init  (MmlCliSeriesServices *s,
                                        MmlCliSeriesArgs     *a,
                                        MmlStore             *store);
void     mml_cli_series_services_clear (MmlCliSeriesServices *s);
/* a GSourceFunc for SIGINT: cancels @data (a GCancellable) */
gboolean mml_cli_series_interrupt_cb   (gpointer              data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MmlCliSeriesArgs, mml_cli_series_args_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MmlCliSeriesServices, mml_cli_series_services_clear)

/* mml-cli-series-add.c: `series search` and `series add` */
int      mml_cli_series_search         (MmlCliSeriesArgs     *a,
                                        MmlStore             *store);
int      mml_cli_series_add            (MmlCliSeriesArgs     *a,
                                        MmlStore             *store);

G_END_DECLS
