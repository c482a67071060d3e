/* mml-cli-root.c — `mml root`: manage library folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mml-cli.h"
#include "mml-library-controller.h"
#include "mml-root.h"
#include "mml-util.h"

static const char root_usage[] =
  N_("Usage: mml [--db PATH] root add DIR [--kind standard|anime|daily]\n"
     "       mml [--db PATH] root list [--json]\n"
     "       mml [--db PATH] root remove|enable|disable ID\n"
     "\n"
     "Library folders are the folders My Media Library scans and watches.\n"
     "Removing one forgets it; nothing on disk is touched.\n");

static void
print_root (MmlRoot *root)
{
  g_autofree char *display = g_filename_display_name (mml_root_get_path (root));
  g_autofree char *path = mml_cli_text (display);

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
          mml_root_get_id (root),
          mml_root_kind_to_string (mml_root_get_kind (root)),
          mml_root_get_enabled (root) ? _("enabled") : _("disabled"),
          path);
}

static int
root_add (MmlCli  *cli,
          int      argc,
          char   **argv)
{
  MmlEngine *engine;
  MmlLibraryController *library;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MmlCliWait) wait = { 0 };
  MmlRootKind kind = MML_ROOT_KIND_STANDARD;
  const char *dir = NULL;

  for (int i = 1; i < argc; i++)
    {
      const char *kind_str = NULL;

      if (g_str_equal (argv[i], "--kind"))
        {
          if (i + 1 >= argc)
            return mml_cli_usage_error (cli, _("--kind needs one of standard, anime, daily"));
          kind_str = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--kind="))
        kind_str = argv[i] + strlen ("--kind=");
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return mml_cli_unexpected (cli, argv[i]);
      else if (dir == NULL)
        dir = argv[i];
      else
        return mml_cli_usage_error (cli, _("root add takes one folder"));

      if (kind_str != NULL && !mml_root_kind_from_string (kind_str, &kind))
        return mml_cli_usage_error (cli, _("unknown kind “%s”: use standard, anime or daily"), kind_str);
    }

  if (dir == NULL)
    return mml_cli_usage_error (cli, _("root add needs a folder"));

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_CREATE)))
    return MML_EXIT_FAILURE;

  library = mml_engine_get_library (engine);
  mml_library_controller_add_root_async (library, dir, kind, NULL, mml_cli_wait_cb, &wait);
  if (!(root = mml_library_controller_add_root_finish (library, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  print_root (root);
  return MML_EXIT_OK;
}

static int
root_list (MmlCli  *cli,
           int      argc,
           char   **argv)
{
  MmlEngine *engine;
  MmlLibraryController *library;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MmlCliWait) wait = { 0 };
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;

  library = mml_engine_get_library (engine);
  mml_library_controller_list_roots_async (library, NULL, mml_cli_wait_cb, &wait);
  if (!(roots = mml_library_controller_list_roots_finish (library, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < roots->len; i++)
        {
          g_string_append (out, i ? ",\n " : "");
          mml_root_to_json (g_ptr_array_index (roots, i), out);
        }
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
    }
  else if (roots->len == 0)
    {
      fprintf (stderr, _("No library folders yet. Add one with “mml root add DIR”.\n"));
    }
  else
    {
      for (guint i = 0; i < roots->len; i++)
        print_root (g_ptr_array_index (roots, i));
    }

  return MML_EXIT_OK;
}

static int
root_change (MmlCli  *cli,
             int      argc,
             char   **argv)
{
  MmlEngine *engine;
  MmlLibraryController *library;
  g_autoptr(GError) error = NULL;
  g_auto(MmlCliWait) wait = { 0 };
  const char *verb = argv[0];
  g_autofree char *what = g_strdup_printf ("root %s", verb);
  int status;
  gint64 id;

  if (argc > 2)
    return mml_cli_unexpected (cli, argv[2]);
  if ((status = mml_cli_id_arg (cli, MML_CLI_ID_ROOT, what, argc > 1 ? argv[1] : NULL, &id)) != MML_EXIT_OK)
    return status;

  /* changes a root the library has: a database that is not there has none */
  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;
  if (!mml_cli_check_id (cli, MML_CLI_ID_ROOT, id))
    return MML_EXIT_FAILURE;

  library = mml_engine_get_library (engine);
  if (g_str_equal (verb, "remove"))
    {
      mml_library_controller_remove_root_async (library, id, NULL, mml_cli_wait_cb, &wait);
      if (!mml_library_controller_remove_root_finish (library, mml_cli_wait_run (&wait), &error))
        {
          mml_cli_error (cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
      printf (_("Removed library folder %lld; nothing on disk was touched.\n"), (long long) id);
    }
  else
    {
      g_autoptr(MmlRoot) root = NULL;

      mml_library_controller_update_root_async (library, id, g_str_equal (verb, "enable"), -1,
                                                NULL, mml_cli_wait_cb, &wait);
      if (!(root = mml_library_controller_update_root_finish (library, mml_cli_wait_run (&wait), &error)))
        {
          mml_cli_error (cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
      print_root (root);
    }

  return MML_EXIT_OK;
}

int
mml_cli_root (MmlCli  *cli,
              int      argc,
              char   **argv)
{
  const char *verb = argc > 1 ? argv[1] : NULL;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(root_usage), stdout);
        return MML_EXIT_OK;
      }

  if (verb == NULL)
    return mml_cli_usage_error (cli, _("root needs a command: add, list, remove, enable or disable"));
  if (g_str_equal (verb, "add"))
    return root_add (cli, argc - 1, argv + 1);
  if (g_str_equal (verb, "list"))
    return root_list (cli, argc - 1, argv + 1);
  if (g_str_equal (verb, "remove") || g_str_equal (verb, "enable") || g_str_equal (verb, "disable"))
    return root_change (cli, argc - 1, argv + 1);

  return mml_cli_usage_error (cli, _("unknown root command “%s”"), verb);
}
