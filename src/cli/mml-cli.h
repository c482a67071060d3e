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
  const char      *verb;           /* the command, for "see “mml VERB --help”" */
  char            *db_path;        /* --db PATH, MML_DB, or the XDG default */
  gboolean         db_chosen;      /* db_path came from --db or MML_DB */
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
/* `files assign` and `files unassign` (mml-cli-assign.c); argv starts at
 * the subcommand */
int  mml_cli_files_assign (MmlCli *cli, int argc, char **argv);
int  mml_cli_files_unassign (MmlCli *cli, int argc, char **argv);
int  mml_cli_watch (MmlCli *cli, int argc, char **argv);
int  mml_cli_series (MmlCli *cli, int argc, char **argv);
int  mml_cli_episodes (MmlCli *cli, int argc, char **argv);
int  mml_cli_refresh (MmlCli *cli, int argc, char **argv);
int  mml_cli_subtitles (MmlCli *cli, int argc, char **argv);
int  mml_cli_service (MmlCli *cli, int argc, char **argv);
int  mml_cli_jobs (MmlCli *cli, int argc, char **argv);
int  mml_cli_activity (MmlCli *cli, int argc, char **argv);
int  mml_cli_organize (MmlCli *cli, int argc, char **argv);
int  mml_cli_folders (MmlCli *cli, int argc, char **argv);
int  mml_cli_transfer (MmlCli *cli, int argc, char **argv);
int  mml_cli_server (MmlCli *cli, int argc, char **argv);
int  mml_cli_sync (MmlCli *cli, int argc, char **argv);
int  mml_cli_conflicts (MmlCli *cli, int argc, char **argv);
int  mml_cli_webhook (MmlCli *cli, int argc, char **argv);
/* `server signin plex` (mml-cli-webhook.c) */
int  mml_cli_server_signin (MmlCli *cli, MmlEngine *engine, const char *name, gboolean json);

/* What a command does to the library database when it does not exist. */
typedef enum
{
  /* reads, or changes something the library has (an id): never creates
   * the database; a missing one is an empty library */
  MML_CLI_OPEN_EXISTING,
  /* may add to the library: creates the database, but only in a folder
   * that exists (the default location's folder is created) */
  MML_CLI_OPEN_CREATE,
} MmlCliOpen;

/* Opens the engine on cli->db_path for the whole command (no watcher, no
 * automatic work, no waiting for the network; "today" and the provider as
 * the command line says); prints the error and returns NULL on failure.
 * (transfer none): main() shuts it down after the verb, so every write is
 * done. Commands run on the global-default main context. */
MmlEngine *mml_cli_open_engine (MmlCli *cli, MmlCliOpen open);

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

/* The ids a user types, each with one wording for "missing", "not an
 * id" and "no such thing" (mml_cli_id_arg(), mml_cli_check_id()). */
typedef enum
{
  MML_CLI_ID_ROOT,       /* a library folder */
  MML_CLI_ID_SERIES,     /* a series of the library */
  MML_CLI_ID_PROVIDER,   /* a show at the provider (--id, --choose) */
} MmlCliId;

gboolean mml_cli_parse_id (const char *str, gint64 *id);
/* @arg (nullable: missing) as an id of @kind; @what is the option or the
 * command that needs it ("--root", "series show"). Prints the usage error
 * and returns MML_EXIT_USAGE, else MML_EXIT_OK. */
int      mml_cli_id_arg   (MmlCli *cli, MmlCliId kind, const char *what, const char *arg, gint64 *id);
/* Whether the library has the root or series @id (asks the opened
 * engine); prints "there is no …" or the read error and returns FALSE
 * when it has not. Every command that takes an id checks it here. */
gboolean mml_cli_check_id (MmlCli *cli, MmlCliId kind, gint64 id);

/* A Unix signal handler on the thread-default context (the one the
 * command is waiting on; g_unix_signal_add() would use the global one). */
GSource *mml_cli_watch_signal (int signum, GSourceFunc func, gpointer data);
/* a GSourceFunc for SIGINT: cancels @data (a GCancellable) */
gboolean mml_cli_interrupt_cb (gpointer data);

/* One line on stderr, "mml: message": control characters escaped, the
 * first word lowercase (engine messages are sentences). */
void mml_cli_error (MmlCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* The same, with "(see “mml VERB --help”)"; returns MML_EXIT_USAGE */
int  mml_cli_usage_error (MmlCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* A usage error for @arg: "unknown option" or "unexpected argument" */
int  mml_cli_unexpected (MmlCli *cli, const char *arg);

/* Text output (mml-cli-text.c). Names come from disk and titles from
 * servers: before they reach a terminal, control characters become
 * visible escapes (\n, \r, \t, \x1b, \u009b) and bytes that are not
 * UTF-8 U+FFFD, so one record stays one line and nothing can drive the
 * terminal. JSON escapes by itself and never goes through these. */
char *mml_cli_text       (const char *str);
/* the same, keeping line breaks: a paragraph (an overview) */
char *mml_cli_text_block (const char *str);
/* mml_cli_text() cut or padded to @width characters */
char *mml_cli_text_pad   (const char *str, guint width);

/* JSON output (mml-cli-json.c): a member with null for 0 / NULL */
void mml_cli_json_int          (GString *out, const char *name, gint64 value);
void mml_cli_json_string       (GString *out, const char *name, const char *value);
void mml_cli_json_time         (GString *out, const char *name, gint64 unix_seconds);
void mml_cli_viewing_to_json   (GString *out, MmlSeriesItem *series);
void mml_cli_series_to_json    (GString *out, MmlSeriesItem *series);
void mml_cli_episode_to_json   (GString *out, const MmlEpisodeRow *row);

G_END_DECLS
