/* mml-cli.h — shared declarations of the `mml` command-line verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mml-engine.h"
#include "mml-metadata-controller.h"
#include "mml-meta-store.h"

G_BEGIN_DECLS

/* Exit codes of the CLI contract (README: 0 success, 1 failure, 2 bad usage). */
#define MML_EXIT_OK      0
#define MML_EXIT_FAILURE 1
#define MML_EXIT_USAGE   2

typedef struct _MmlCli MmlCli;

struct _MmlCli
{
  const char      *prgname;
  char            *db_path;        /* --db PATH, MML_DB, or the XDG default */
  char            *today;          /* --today YYYY-MM-DD, or NULL: the local date */
  gboolean         have_provider;  /* the verb's --provider … */
  MmlMetaProvider  provider;       /* … else mml_services_default_provider() */
  MmlEngine       *engine;         /* opened by mml_cli_open_engine(), shut down by main() */
};

/* Each verb gets argv starting at the verb itself (argv[0] == "parse", …). */
int  mml_cli_parse (MmlCli *cli, int argc, char **argv);
int  mml_cli_root  (MmlCli *cli, int argc, char **argv);
int  mml_cli_scan  (MmlCli *cli, int argc, char **argv);
int  mml_cli_files (MmlCli *cli, int argc, char **argv);
int  mml_cli_watch (MmlCli *cli, int argc, char **argv);
int  mml_cli_series (MmlCli *cli, int argc, char **argv);
int  mml_cli_episodes (MmlCli *cli, int argc, char **argv);
int  mml_cli_refresh (MmlCli *cli, int argc, char **argv);

/* Opens the engine on cli->db_path for the whole command (no watcher, no
 * automatic work, no waiting for the network; "today" and the provider as
 * the command line says); prints the error and returns NULL on failure.
 * (transfer none): main() shuts it down after the verb, so every write is
 * done. Commands run on the global-default main context. */
MmlEngine *mml_cli_open_engine (MmlCli *cli);

/* Waits until the provider's keys are read; prints one line and returns
 * FALSE when the provider cannot be used (a key is missing). For the
 * commands that ask the provider. */
gboolean mml_cli_wait_provider (MmlCli *cli);

/* Runs an async call to completion on the main context:
 *   g_auto(MmlCliWait) wait = { 0 };
 *   foo_async (…, mml_cli_wait_cb, &wait);
 *   foo_finish (…, mml_cli_wait_run (&wait), &error); */
typedef struct
{
  GAsyncResult *result;
} MmlCliWait;

void          mml_cli_wait_cb    (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
GAsyncResult *mml_cli_wait_run   (MmlCliWait   *wait);
void          mml_cli_wait_clear (MmlCliWait   *wait);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MmlCliWait, mml_cli_wait_clear)

gboolean mml_cli_parse_id (const char *str, gint64 *id);

/* A Unix signal handler on the thread-default context (the one the
 * command is waiting on; g_unix_signal_add() would use the global one). */
GSource *mml_cli_watch_signal (int signum, GSourceFunc func, gpointer data);
/* a GSourceFunc for SIGINT: cancels @data (a GCancellable) */
gboolean mml_cli_interrupt_cb (gpointer data);

void mml_cli_error (MmlCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);
int  mml_cli_usage_error (MmlCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* JSON output (mml-cli-json.c): a member with null for 0 / NULL */
void mml_cli_json_int          (GString *out, const char *name, gint64 value);
void mml_cli_json_string       (GString *out, const char *name, const char *value);
void mml_cli_series_to_json    (GString *out, MmlSeriesItem *series);
void mml_cli_episode_to_json   (GString *out, const MmlEpisodeRow *row);

G_END_DECLS
