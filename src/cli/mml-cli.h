/* mml-cli.h — shared declarations of the `mml` command-line verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mml-store.h"
#include "mml-meta-store.h"

G_BEGIN_DECLS

/* Exit codes of the CLI contract (design.md). */
#define MML_EXIT_OK      0
#define MML_EXIT_FAILURE 1
#define MML_EXIT_USAGE   2

typedef struct _MmlCli MmlCli;

struct _MmlCli
{
  const char *prgname;
  char       *db_path;   /* --db PATH, MML_DB, or the XDG default */
  MmlStore   *store;     /* opened by mml_cli_open_store(), closed by main() */
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

/* Opens the store at cli->db_path; prints the error and returns NULL on failure.
 * (transfer none): main() closes it after the verb, so every write is done. */
MmlStore *mml_cli_open_store (MmlCli *cli);

gboolean mml_cli_parse_id (const char *str, gint64 *id);

/* A Unix signal handler on the thread-default context (the one the
 * command is waiting on; g_unix_signal_add() would use the global one). */
GSource *mml_cli_watch_signal (int signum, GSourceFunc func, gpointer data);

void mml_cli_error (MmlCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);
int  mml_cli_usage_error (MmlCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* JSON output (mml-cli-json.c): a member with null for 0 / NULL */
void mml_cli_json_int          (GString *out, const char *name, gint64 value);
void mml_cli_json_string       (GString *out, const char *name, const char *value);
void mml_cli_series_to_json    (GString *out, const MmlSeriesRow *row);
void mml_cli_episode_to_json   (GString *out, const MmlEpisodeRow *row);

G_END_DECLS
