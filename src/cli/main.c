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
  { "files", mml_cli_files, N_("List every video file with what was parsed from it") },
  { "watch", mml_cli_watch, N_("Watch library folders and apply changes as they happen") },
  { "series", mml_cli_series, N_("Series: list, show, search, match, add, ignore, episode order") },
  { "episodes", mml_cli_episodes, N_("Episodes missing (aired, no file) or upcoming") },
  { "refresh", mml_cli_refresh, N_("Refresh metadata of matched series from the provider") },
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
    fprintf (out, "  %-8s %s\n", verbs[i].name, _(verbs[i].summary));
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

  fflush (stdout);
  fprintf (stderr, "%s: %s\n", cli->prgname, msg);
}

int
mml_cli_usage_error (MmlCli     *cli,
                     const char *format,
                     ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  fprintf (stderr, _("%s: %s (see “%s --help”)\n"), cli->prgname, msg, cli->prgname);
  return MML_EXIT_USAGE;
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
mml_cli_open_engine (MmlCli *cli)
{
  g_autoptr(MmlEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->engine != NULL)
    return cli->engine;

  engine = mml_engine_new (cli->db_path);
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

  cli.db_path = db_path ? g_steal_pointer (&db_path) : mml_default_db_path ();
  cli.today = g_steal_pointer (&today);

  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    {
      if (g_str_equal (argv[i], verbs[v].name))
        {
          int status = verbs[v].run (&cli, argc - i, argv + i);

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
