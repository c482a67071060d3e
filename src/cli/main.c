/* main.c — `mml`, the command-line front end of My Media Library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "mml-cli.h"
#include "mml-library-controller.h"
#include "mml-credentials.h"
#include "mml-root.h"
#include "mml-util.h"

typedef struct
{
  const char *name;
  int       (*run) (MmlCli *cli, int argc, char **argv);
  const char *summary;
} Verb;

static const Verb verbs[] = {
  { "parse", mml_cli_parse, N_("Parse release/file names from stdin, one JSON object per line") },
  { "root",  mml_cli_root,  N_("Manage library folders: add, list, remove, enable, disable") },
  { "scan",  mml_cli_scan,  N_("Scan library folders: --quick (stat diff) or --full (re-parse)") },
  { "files", mml_cli_files, N_("List every video file with what was parsed from it; assign videos by hand") },
  { "watch", mml_cli_watch, N_("Watch library folders and apply changes as they happen") },
  { "series", mml_cli_series, N_("Series: list, show, search, match, add, ignore, episode order, viewing status") },
  { "episodes", mml_cli_episodes, N_("Episodes missing (aired, no file) or upcoming; mark watched or unwatched") },
  { "refresh", mml_cli_refresh, N_("Refresh metadata of matched series from the provider") },
  { "subtitles", mml_cli_subtitles, N_("Subtitles: preferred languages, status per series, tracks") },
  { "service", mml_cli_service, N_("Run the background jobs in the foreground (--once: what is due)") },
  { "jobs", mml_cli_jobs, N_("Background jobs: list, run, set") },
  { "activity", mml_cli_activity, N_("What the background jobs did") },
  { "organize", mml_cli_organize, N_("Rename and move files by the naming templates: preview, apply, undo") },
  { "folders", mml_cli_folders, N_("Make a series' folder and its season folders") },
  { "transfer", mml_cli_transfer, N_("Copy or move series to another folder or disk: add, run, list") },
  { "server", mml_cli_server, N_("Media servers (Plex, Jellyfin, Emby): add, signin, list, remove, test, map") },
  { "sync", mml_cli_sync, N_("Bring watched marks in step with the media servers") },
  { "conflicts", mml_cli_conflicts, N_("Conflicts of the sync: list, resolve") },
  { "webhook", mml_cli_webhook, N_("Receive the media servers' webhooks: listen") },
};

static void
print_help (FILE *out)
{
  fprintf (out,
           _("Usage: mml [--db PATH] [--today YYYY-MM-DD] COMMAND [ARGS…]\n"
             "\n"
             "My Media Library from the command line.\n"
             "\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-10s %s\n", verbs[i].name, _(verbs[i].summary));
  fprintf (out,
           _("\n"
             "Options:\n"
             "  --db PATH           library database (default: $MML_DB or\n"
             "                      $XDG_DATA_HOME/my-media-library/library.db)\n"
             "  --today YYYY-MM-DD  judge missing and upcoming episodes as if\n"
             "                      today were this day (default: the local date)\n"
             "  --version           print the version and exit\n"
             "  -h, --help          print this help and exit\n"
             "\n"
             "Run “mml COMMAND --help” for the options of a command.\n"
             "Exit status: 0 success, 1 failure, 2 bad usage.\n"));
}

/* "mml: message\n": one line whatever the message holds (a path, a title,
 * an argument), the first word lowercase as every message of mml is. The
 * engine's messages are sentences for the app ("Cannot connect to …"):
 * their first word is lowered unless it is a name ("TVmaze", "TMDB"). */
static void
print_error (MmlCli     *cli,
             const char *msg,
             const char *see)
{
  g_autofree char *line = mml_cli_text (msg);
  gunichar first = g_utf8_get_char (line);

  if (*line != '\0' && g_unichar_isupper (first))
    {
      const char *rest = g_utf8_next_char (line);
      const char *p = rest;

      while (*p != '\0' && g_unichar_islower (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      /* a word of one capital and small letters: not TVmaze, not TMDB */
      if (*p == '\0' || !g_unichar_isalpha (g_utf8_get_char (p)))
        {
          char lower[8] = { 0 };
          char *lowered;

          g_unichar_to_utf8 (g_unichar_tolower (first), lower);
          lowered = g_strconcat (lower, rest, NULL);
          g_free (line);
          line = lowered;
        }
    }

  fflush (stdout);
  if (see != NULL)
    /* Translators: the program, a message, then a command: "mml: … (see “mml root --help”)" */
    fprintf (stderr, _("%s: %s (see “%s”)\n"), cli->prgname, line, see);
  else
    fprintf (stderr, "%s: %s\n", cli->prgname, line);
}

void
mml_cli_error (MmlCli     *cli,
               const char *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  print_error (cli, msg, NULL);
}

int
mml_cli_usage_error (MmlCli     *cli,
                     const char *format,
                     ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *see = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  see = cli->verb != NULL ? g_strdup_printf ("%s %s --help", cli->prgname, cli->verb)
                          : g_strdup_printf ("%s --help", cli->prgname);
  print_error (cli, msg, see);
  return MML_EXIT_USAGE;
}

int
mml_cli_unexpected (MmlCli     *cli,
                    const char *arg)
{
  if (arg[0] == '-' && arg[1] != '\0')
    return mml_cli_usage_error (cli, _("unknown option “%s”"), arg);
  return mml_cli_usage_error (cli, _("unexpected argument “%s”"), arg);
}

/* A row id as typed by a user: 1 … G_MAXINT64, decimal, nothing else. */
gboolean
mml_cli_parse_id (const char *str,
                  gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (str, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

int
mml_cli_id_arg (MmlCli     *cli,
                MmlCliId    kind,
                const char *what,
                const char *arg,
                gint64     *id)
{
  if (arg != NULL && mml_cli_parse_id (arg, id))
    return MML_EXIT_OK;

  switch (kind)
    {
    case MML_CLI_ID_ROOT:
      /* Translators: %s is an option or a command: "--root", "root remove" */
      return arg == NULL ? mml_cli_usage_error (cli, _("%s needs a library folder id"), what)
                         : mml_cli_usage_error (cli, _("“%s” is not a library folder id"), arg);
    case MML_CLI_ID_SERIES:
      /* Translators: %s is an option or a command: "--series", "series show" */
      return arg == NULL ? mml_cli_usage_error (cli, _("%s needs a series id"), what)
                         : mml_cli_usage_error (cli, _("“%s” is not a series id"), arg);
    case MML_CLI_ID_PROVIDER:
    default:
      /* Translators: %s is an option: "--id", "--choose" */
      return arg == NULL ? mml_cli_usage_error (cli, _("%s needs the show’s id at the provider"), what)
                         : mml_cli_usage_error (cli, _("“%s” is not a show id"), arg);
    }
}

gboolean
mml_cli_check_id (MmlCli   *cli,
                  MmlCliId  kind,
                  gint64    id)
{
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (cli->engine != NULL, FALSE);

  if (kind == MML_CLI_ID_ROOT)
    {
      MmlLibraryController *library = mml_engine_get_library (cli->engine);

      mml_library_controller_list_roots_async (library, NULL, mml_cli_wait_cb, &wait);
      rows = mml_library_controller_list_roots_finish (library, mml_cli_wait_run (&wait), &error);
      for (guint i = 0; rows != NULL && i < rows->len && !found; i++)
        found = mml_root_get_id (g_ptr_array_index (rows, i)) == id;
    }
  else if (kind == MML_CLI_ID_SERIES)
    {
      MmlMetadataController *metadata = mml_engine_get_metadata (cli->engine);

      mml_metadata_controller_list_series_async (metadata, id, NULL, mml_cli_wait_cb, &wait);
      rows = mml_metadata_controller_list_series_finish (metadata, mml_cli_wait_run (&wait), &error);
      found = rows != NULL && rows->len > 0;
    }
  else
    g_return_val_if_reached (FALSE);

  if (rows == NULL)
    mml_cli_error (cli, "%s", error->message);
  else if (!found && kind == MML_CLI_ID_ROOT)
    mml_cli_error (cli, _("there is no library folder %lld (see “mml root list”)"), (long long) id);
  else if (!found)
    mml_cli_error (cli, _("there is no series %lld"), (long long) id);
  return found;
}

void
mml_cli_wait_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MmlCliWait *wait = user_data;

  g_assert (wait->result == NULL);
  wait->result = g_object_ref (result);
}

GAsyncResult *
mml_cli_wait_run (MmlCliWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  return wait->result;
}

void
mml_cli_wait_clear (MmlCliWait *wait)
{
  g_clear_object (&wait->result);
}

MmlEngine *
mml_cli_open_engine (MmlCli     *cli,
                     MmlCliOpen  open)
{
  g_autoptr(MmlEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->engine != NULL)
    return cli->engine;

  if (g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    engine = mml_engine_new (cli->db_path);
  else if (open == MML_CLI_OPEN_EXISTING)
    /* nothing to read and nothing to change: answer as an empty library
     * does, and leave no database behind */
    engine = mml_engine_new_empty ();
  else
    {
      g_autofree char *dir = g_path_get_dirname (cli->db_path);

      /* --db and $MML_DB name a file in a folder that is there; only the
       * default location, the app's own, is created */
      if (cli->db_chosen && !g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (dir);

          mml_cli_error (cli, _("cannot create the library database: there is no folder “%s”"), display);
          return NULL;
        }
      engine = mml_engine_new (cli->db_path);
    }

  mml_engine_set_watch (engine, FALSE);
  mml_engine_set_automatic (engine, FALSE);
  /* `mml root add` adds; `mml scan` scans */
  mml_library_controller_set_scan_new_roots (mml_engine_get_library (engine), FALSE);
  mml_engine_set_wait_for_network (engine, FALSE);
  /* no views: every verb reads what it prints */
  mml_engine_set_models (engine, FALSE);
  if (cli->today != NULL)
    mml_clock_set_today (mml_engine_get_clock (engine), cli->today);
  /* before opening: the keys read on opening are this provider's */
  mml_metadata_controller_set_provider (mml_engine_get_metadata (engine),
                                        cli->have_provider ? cli->provider : mml_metadata_controller_default_provider ());
  if (!mml_engine_open_sync (engine, &error))
    {
      mml_cli_error (cli, "%s", error->message);
      mml_engine_shutdown (engine);
      return NULL;
    }

  cli->engine = g_steal_pointer (&engine);
  return cli->engine;
}

gboolean
mml_cli_wait_provider (MmlCli *cli)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (cli->engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *variable = NULL;
  MmlMetaProvider provider;

  mml_metadata_controller_wait_keys_async (metadata, NULL, mml_cli_wait_cb, &wait);
  if (!mml_metadata_controller_wait_keys_finish (metadata, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (cli, "%s", error->message);
      return FALSE;
    }
  if (mml_metadata_controller_get_usable (metadata))
    return TRUE;

  provider = mml_metadata_controller_get_provider (metadata);
  variable = mml_credentials_env_name (provider, "api-key");
  /* Translators: the first %s is a provider (TheTVDB, TMDB), the second a variable name */
  mml_cli_error (cli, _("%s needs an API key: save one in My Media Library’s Settings or set $%s"),
                 mml_meta_provider_display_name (provider), variable ? variable : "");
  return FALSE;
}

GSource *
mml_cli_watch_signal (int         signum,
                      GSourceFunc func,
                      gpointer    data)
{
  GSource *source = g_unix_signal_source_new (signum);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

gboolean
mml_cli_interrupt_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

/* Lets the engine go once the verb is done: what it still had queued is
 * cancelled, every write the verb waited for is on disk. */
static void
close_engine (MmlCli *cli)
{
  if (cli->engine == NULL)
    return;
  mml_engine_close (cli->engine);
  /* the callbacks of what was cancelled drop their references */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&cli->engine);
}

int
main (int   argc,
      char *argv[])
{
  MmlCli cli = { .prgname = "mml" };
  g_autofree char *db_path = NULL;
  g_autofree char *today = NULL;
  int i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MML_LOCALEDIR") ? g_getenv ("MML_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("mml");

  /* Global options come before the command; the command parses the rest. */
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return MML_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          printf ("mml %s\n", PACKAGE_VERSION);
          return MML_EXIT_OK;
        }
      else if (g_str_equal (arg, "--db"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return mml_cli_usage_error (&cli, _("--db needs a path"));
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          if (arg[5] == '\0')
            return mml_cli_usage_error (&cli, _("--db needs a path"));
          g_free (db_path);
          db_path = g_strdup (arg + 5);
        }
      else if (g_str_equal (arg, "--today") || g_str_has_prefix (arg, "--today="))
        {
          const char *date = arg[7] == '=' ? arg + 8 : i + 1 < argc ? argv[++i] : NULL;

          if (!mml_clock_parse_date (date, NULL, NULL, NULL))
            return mml_cli_usage_error (&cli, _("--today needs a date, YYYY-MM-DD"));
          g_free (today);
          today = g_strdup (date);
        }
      else if (arg[0] == '-')
        return mml_cli_usage_error (&cli, _("unknown option “%s”"), arg);
      else
        break;
    }

  if (i >= argc)
    {
      print_help (stderr);
      return MML_EXIT_USAGE;
    }

  cli.db_chosen = db_path != NULL || (g_getenv ("MML_DB") != NULL && *g_getenv ("MML_DB") != '\0');
  cli.db_path = db_path ? g_steal_pointer (&db_path) : mml_default_db_path ();
  cli.today = g_steal_pointer (&today);

  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    {
      if (g_str_equal (argv[i], verbs[v].name))
        {
          int status;

          cli.verb = verbs[v].name;
          status = verbs[v].run (&cli, argc - i, argv + i);

          close_engine (&cli);
          g_free (cli.db_path);
          g_free (cli.today);
          return status;
        }
    }

  g_free (cli.db_path);
  g_free (cli.today);
  return mml_cli_usage_error (&cli, _("unknown command “%s”"), argv[i]);
}
