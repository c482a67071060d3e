/* mml-cli-assign.c — `mml files assign` and `mml files unassign`: videos
 * placed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "mml-cli.h"
#include "mml-library-controller.h"

typedef struct
{
  MmlCli   *cli;
  GArray   *file_ids;    /* gint64 */
  gint64    series_id;
  gint64    season;      /* -1: not given */
  gint64    first;       /* of --episode or --absolute */
  gint64    last;
  gboolean  episode;     /* --episode given */
  gboolean  absolute;    /* --absolute given */
  gboolean  json;
} AssignArgs;

/* "5" or "5-6": the episodes of the first file */
static gboolean
parse_range (const char *text,
             gint64     *first,
             gint64     *last)
{
  g_autofree char *copy = g_strdup (text);
  char *dash = strchr (copy, '-');
  guint64 a, b;

  if (dash != NULL)
    *dash = '\0';
  if (!g_ascii_string_to_unsigned (copy, 10, 1, MML_ASSIGN_MAX_EPISODE, &a, NULL))
    return FALSE;
  b = a;
  if (dash != NULL && !g_ascii_string_to_unsigned (dash + 1, 10, a, MML_ASSIGN_MAX_EPISODE, &b, NULL))
    return FALSE;
  if (b - a + 1 > MML_ASSIGN_MAX_EPISODES_PER_FILE)
    return FALSE;
  *first = (gint64) a;
  *last = (gint64) b;
  return TRUE;
}

/* The words after "assign" or "unassign" (@assign: the options of assign
 * are known); prints the usage error and returns FALSE on a bad one */
static gboolean
parse_args (AssignArgs  *a,
            gboolean     assign,
            int          argc,
            char       **argv,
            int         *status)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
      gint64 id;

      if (g_str_equal (arg, "--json"))
        a->json = TRUE;
      else if (assign && g_str_equal (arg, "--series"))
        {
          i++;
          if ((*status = mml_cli_id_arg (a->cli, MML_CLI_ID_SERIES, arg, value, &a->series_id)) != MML_EXIT_OK)
            return FALSE;
        }
      else if (assign && g_str_equal (arg, "--season"))
        {
          guint64 season;

          i++;
          if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &season, NULL))
            {
              *status = mml_cli_usage_error (a->cli, _("--season needs a season number (0: specials)"));
              return FALSE;
            }
          a->season = (gint64) season;
        }
      else if (assign && (g_str_equal (arg, "--episode") || g_str_equal (arg, "--absolute")))
        {
          i++;
          if (value == NULL || !parse_range (value, &a->first, &a->last))
            {
              /* Translators: %s is an option: "--episode", "--absolute" */
              *status = mml_cli_usage_error (a->cli, _("%s needs an episode number, or a range of "
                                                       "them in one file: 5 or 5-6"), arg);
              return FALSE;
            }
          if (g_str_equal (arg, "--absolute"))
            a->absolute = TRUE;
          else
            a->episode = TRUE;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          *status = mml_cli_unexpected (a->cli, arg);
          return FALSE;
        }
      else if (mml_cli_parse_id (arg, &id))
        g_array_append_val (a->file_ids, id);
      else
        {
          g_autofree char *shown = mml_cli_text (arg);

          *status = mml_cli_usage_error (a->cli, _("“%s” is not a file id"), shown);
          return FALSE;
        }
    }

  if (a->file_ids->len == 0)
    {
      *status = mml_cli_usage_error (a->cli, _("%s needs a file id"), assign ? "files assign" : "files unassign");
      return FALSE;
    }
  if (!assign)
    return TRUE;
  if (a->series_id == 0)
    {
      *status = mml_cli_usage_error (a->cli, _("files assign needs --series ID"));
      return FALSE;
    }
  /* one numbering: a season and its episode, or an absolute number */
  if (a->episode == a->absolute || a->episode != (a->season >= 0))
    {
      *status = mml_cli_usage_error (a->cli, _("files assign needs --season N and --episode E, or --absolute N"));
      return FALSE;
    }
  return TRUE;
}

/* "S01E05", "S01E05-E06", "A105", "A105-A106" */
static char *
assigned_label (const MmlAssignedFile *file)
{
  if (file->season < 0 && file->first == file->last)
    return g_strdup_printf ("A%d", file->first);
  if (file->season < 0)
    return g_strdup_printf ("A%d-A%d", file->first, file->last);
  if (file->first == file->last)
    return g_strdup_printf ("S%02dE%02d", file->season, file->first);
  return g_strdup_printf ("S%02dE%02d-E%02d", file->season, file->first, file->last);
}

static void
append_numbers (GString *out,
                int      first,
                int      last)
{
  g_string_append_c (out, '[');
  for (int n = first; n > 0 && n <= last; n++)
    g_string_append_printf (out, n > first ? ",%d" : "%d", n);
  g_string_append_c (out, ']');
}

static void
print_assignment (AssignArgs    *a,
                  MmlAssignment *assignment,
                  gboolean       assign)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (a->json)
    {
      g_string_append_c (out, '{');
      if (assign)
        g_string_append_printf (out, "\"series_id\":%" G_GINT64_FORMAT ",", assignment->series_id);
      g_string_append (out, "\"files\":[");
    }

  for (guint i = 0; i < assignment->files->len; i++)
    {
      MmlAssignedFile *file = g_ptr_array_index (assignment->files, i);

      if (a->json)
        {
          g_string_append_printf (out, "%s{\"id\":%" G_GINT64_FORMAT ",\"root\":%" G_GINT64_FORMAT ",",
                                  i > 0 ? "," : "", file->file_id, file->root_id);
          mml_cli_json_string (out, "path", file->path);
          if (assign)
            {
              if (file->season >= 0)
                g_string_append_printf (out, ",\"season\":%d,\"episodes\":", file->season);
              else
                g_string_append (out, ",\"season\":null,\"episodes\":");
              append_numbers (out, file->season >= 0 ? file->first : 0, file->last);
              g_string_append (out, ",\"absolute\":");
              append_numbers (out, file->season < 0 ? file->first : 0, file->last);
            }
          g_string_append_c (out, '}');
        }
      else
        {
          g_autofree char *path = mml_cli_text (file->path);
          g_autofree char *label = assign ? assigned_label (file) : NULL;

          if (label != NULL)
            g_string_append_printf (out, "%s\t%s\n", label, path);
          else
            g_string_append_printf (out, "%s\n", path);
        }
    }

  if (a->json)
    g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
}

static int
run (MmlCli    *cli,
     gboolean   assign,
     int        argc,
     char     **argv)
{
  g_autoptr(GArray) file_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AssignArgs a = { .cli = cli, .file_ids = file_ids, .season = -1 };
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlAssignment) assignment = NULL;
  MmlLibraryController *library;
  MmlEngine *engine;
  int status = MML_EXIT_OK;

  if (!parse_args (&a, assign, argc, argv, &status))
    return status;

  /* changes what the library has: never creates a database */
  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;
  if (assign && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
    return MML_EXIT_FAILURE;

  /* the store checks the files (there, videos, on disk) and says which is not */
  library = mml_engine_get_library (engine);
  if (assign)
    {
      mml_library_controller_assign_files_async (library, (const gint64 *) file_ids->data, file_ids->len,
                                                 a.series_id, a.absolute ? -1 : (int) a.season, (int) a.first,
                                                 (guint) (a.last - a.first + 1), NULL, mml_cli_wait_cb, &wait);
      assignment = mml_library_controller_assign_files_finish (library, mml_cli_wait_run (&wait), &error);
    }
  else
    {
      mml_library_controller_unassign_files_async (library, (const gint64 *) file_ids->data, file_ids->len,
                                                   NULL, mml_cli_wait_cb, &wait);
      assignment = mml_library_controller_unassign_files_finish (library, mml_cli_wait_run (&wait), &error);
    }
  if (assignment == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  print_assignment (&a, assignment, assign);
  return MML_EXIT_OK;
}

/* `files assign FILE_ID… --series ID (--season N --episode E[-F] | --absolute A[-B]) [--json]`;
 * @argv starts at "assign" */
int
mml_cli_files_assign (MmlCli  *cli,
                      int      argc,
                      char   **argv)
{
  return run (cli, TRUE, argc, argv);
}

/* `files unassign FILE_ID… [--json]`; @argv starts at "unassign" */
int
mml_cli_files_unassign (MmlCli  *cli,
                        int      argc,
                        char   **argv)
{
  return run (cli, FALSE, argc, argv);
}
