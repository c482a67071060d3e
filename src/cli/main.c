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
           _("Usage: mml [--db PATH] COMMAND [ARGS…]\n"
             "\n"
             "My Media Library from the command line.\n"
             "\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-8s %s\n", verbs[i].name, _(verbs[i].summary));
  fprintf (out,
           _("\n"
             "Options:\n"
             "  --db PATH   library database (default: $MML_DB or\n"
             "              $XDG_DATA_HOME/my-media-library/library.db)\n"
             "  --version   print the version and exit\n"
             "  -h, --help  print this help and exit\n"
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

MmlStore *
mml_cli_open_store (MmlCli *cli)
{
  g_autoptr(MmlStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;

  store = mml_store_new (cli->db_path);
  if (!mml_store_open (store, &error))
    {
      mml_cli_error (cli, "%s", error->message);
      return NULL;
    }

  cli->store = g_steal_pointer (&store);
  return cli->store;
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

int
main (int   argc,
      char *argv[])
{
  MmlCli cli = { .prgname = "mml" };
  g_autofree char *db_path = NULL;
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

  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    {
      if (g_str_equal (argv[i], verbs[v].name))
        {
          int status = verbs[v].run (&cli, argc - i, argv + i);

          if (cli.store != NULL)
            {
              mml_store_close (cli.store);
              g_object_unref (cli.store);
            }
          g_free (cli.db_path);
          return status;
        }
    }

  g_free (cli.db_path);
  return mml_cli_usage_error (&cli, _("unknown command “%s”"), argv[i]);
}
