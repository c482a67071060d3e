/* mml-cli-scan.c — `mml scan` and `mml files`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mml-cli.h"
#include "mml-library-controller.h"
#include "mml-files.h"
#include "mml-scan-types.h"
#include "mml-util.h"

static const char scan_usage[] =
  N_("Usage: mml [--db PATH] scan [--quick|--full] [--root ID] [--json]\n"
     "\n"
     "Walks the enabled library folders (or just --root ID) and brings the\n"
     "library up to date. --quick (the default) parses only new, changed and\n"
     "moved files; --full re-parses and re-groups everything. It returns\n"
     "once the embedded subtitle tracks of new and changed videos are read.\n"
     "Progress goes to stderr, the summary to stdout.\n");

static const char files_usage[] =
  N_("Usage: mml [--db PATH] files [--root ID] [--json]\n"
     "       mml [--db PATH] files assign FILE_ID… --series ID\n"
     "                       (--season N --episode E[-F] | --absolute A[-B]) [--json]\n"
     "       mml [--db PATH] files unassign FILE_ID… [--json]\n"
     "\n"
     "Lists every video file the library knows, with what was parsed from it\n"
     "(with --json, its id too).\n"
     "\n"
     "assign places videos by hand, whatever their names say: in the series,\n"
     "the season and the episode given. Several files are taken by path, each\n"
     "with the episodes after the one before; E-F puts several episodes in each\n"
     "file (5-6: a double episode, the next file 7-8). Every scan keeps them\n"
     "there, until unassign gives them back to their names.\n");

typedef struct
{
  gboolean tty;
  gint64   last;
} CliProgress;

/* The library controller's "scan-progress": done: files applied to the
 * library; total: files found so far (the total grows while the walk goes
 * on); current: the folder being walked. */
static void
progress_cb (MmlLibraryController *library,
             guint                 done,
             guint                 total,
             const char           *current,
             gpointer              user_data)
{
  CliProgress *p = user_data;
  gint64 now = g_get_monotonic_time ();

  if (p->tty)
    {
      g_autofree char *folder = mml_cli_text_pad (current, 60);

      fprintf (stderr, "\r\033[K");
      fprintf (stderr, _("Scanning: %u files found, %u saved  %s"), total, done, g_strchomp (folder));
      return;
    }

  /* One line a second at most when stderr is a log. */
  if (now - p->last < G_USEC_PER_SEC)
    return;
  p->last = now;
  {
    g_autofree char *folder = mml_cli_text (current);

    fprintf (stderr, _("scanning: %u files found, %u saved, in %s\n"), total, done, folder);
  }
}

/* The library controller's "probe-progress": the embedded subtitle
 * tracks of new and changed videos, read once the walk is done */
static void
probe_progress_cb (MmlLibraryController *library,
                   guint                 done,
                   guint                 total,
                   gpointer              user_data)
{
  CliProgress *p = user_data;
  gint64 now = g_get_monotonic_time ();

  if (p->tty)
    {
      fprintf (stderr, "\r\033[K");
      fprintf (stderr, _("Reading subtitle tracks: %u of %u videos"), done, total);
      return;
    }

  if (now - p->last < G_USEC_PER_SEC)
    return;
  p->last = now;
  fprintf (stderr, _("reading subtitle tracks: %u of %u videos\n"), done, total);
}

int
mml_cli_scan (MmlCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(MmlScanSummary) summary = NULL;
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  MmlScanMode mode = MML_SCAN_QUICK;
  CliProgress progress = { isatty (STDERR_FILENO), 0 };
  gboolean json = FALSE;
  gint64 root_id = 0;
  MmlEngine *engine;
  MmlLibraryController *library;
  GSource *sigint;
  gulong handler, probe_handler;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          fputs (_(scan_usage), stdout);
          return MML_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--quick"))
        mode = MML_SCAN_QUICK;
      else if (g_str_equal (argv[i], "--full"))
        mode = MML_SCAN_FULL;
      else if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--root"))
        {
          int status = mml_cli_id_arg (cli, MML_CLI_ID_ROOT, "--root", ++i < argc ? argv[i] : NULL, &root_id);

          if (status != MML_EXIT_OK)
            return status;
        }
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  /* one root is one the library has; every root of a new library is none */
  if (!(engine = mml_cli_open_engine (cli, root_id > 0 ? MML_CLI_OPEN_EXISTING : MML_CLI_OPEN_CREATE)))
    return MML_EXIT_FAILURE;
  if (root_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_ROOT, root_id))
    return MML_EXIT_FAILURE;

  library = mml_engine_get_library (engine);
  cancellable = g_cancellable_new ();
  sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  handler = g_signal_connect (library, "scan-progress", G_CALLBACK (progress_cb), &progress);
  probe_handler = g_signal_connect (library, "probe-progress", G_CALLBACK (probe_progress_cb), &progress);

  /* `scan` returns with the embedded tracks of what it saw known */
  mml_library_controller_set_probe_after_scan (library, TRUE);
  mml_library_controller_scan_async (library, mode, root_id, cancellable, mml_cli_wait_cb, &wait);
  summary = mml_library_controller_scan_finish (library, mml_cli_wait_run (&wait), &error);
  g_signal_handler_disconnect (library, handler);
  g_signal_handler_disconnect (library, probe_handler);
  g_source_destroy (sigint);
  g_source_unref (sigint);

  if (progress.tty)
    fputs ("\r\033[K", stderr);

  if (summary == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      mml_scan_summary_to_json (summary, out);
      puts (out->str);
    }
  else
    {
      printf (_("%u files (%u videos, %u subtitles) in %u series, %.2f s\n"
                "new %u, changed %u, renamed %u, missing %u, unavailable %u, "
                "unrecognised %u, ignored %u, errors %u\n"),
              summary->files, summary->videos, summary->subtitles, summary->series,
              summary->seconds, summary->added, summary->changed, summary->renamed,
              summary->missing, summary->unavailable, summary->unrecognised,
              summary->ignored, summary->errors);
      for (guint i = 0; i < MIN (summary->error_messages->len, 20); i++)
        {
          g_autofree char *message = mml_cli_text (g_ptr_array_index (summary->error_messages, i));

          fprintf (stderr, "  %s\n", message);
        }
    }

  return MML_EXIT_OK;
}

/* One file of `files --json` as a line of text: status, series, subtitle
 * languages, path (tab-separated, "-" for none) */
static void
append_file_text (GString    *out,
                  JsonObject *file)
{
  const char *status = json_object_get_string_member_with_default (file, "status", "");
  const char *series = json_object_get_string_member_with_default (file, "series", NULL);
  const char *path = json_object_get_string_member_with_default (file, "path", "");
  JsonArray *subtitles = json_object_has_member (file, "subtitles")
                         && JSON_NODE_HOLDS_ARRAY (json_object_get_member (file, "subtitles"))
                         ? json_object_get_array_member (file, "subtitles") : NULL;
  g_autoptr(GString) languages = g_string_new (NULL);
  g_autofree char *status_text = NULL;
  g_autofree char *series_text = NULL;
  g_autofree char *languages_text = NULL;
  g_autofree char *path_text = NULL;

  for (guint i = 0; subtitles != NULL && i < json_array_get_length (subtitles); i++)
    {
      const char *language = json_node_get_string (json_array_get_element (subtitles, i));

      if (i > 0)
        g_string_append_c (languages, ',');
      g_string_append (languages, language ? language : "");
    }

  status_text = mml_cli_text (status);
  series_text = mml_cli_text (series ? series : "-");
  languages_text = mml_cli_text (languages->len > 0 ? languages->str : "-");
  path_text = mml_cli_text (path);
  g_string_append_printf (out, "%s\t%s\t%s\t%s\n", status_text, series_text, languages_text, path_text);
}

/* `files --json` holds one file per line (README): each line is parsed
 * on its own, so a large library is never one tree in memory */
static gboolean
print_files_text (GBytes  *json,
                  GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);
  gsize size;
  const char *data = g_bytes_get_data (json, &size);
  const char *end = data + size;

  for (const char *line = data; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next = eol ? eol + 1 : end;
      gsize len = (eol ? eol : end) - line;
      JsonNode *root;

      /* "[", "]", and the "," that ends every file but the last */
      if (len > 0 && line[len - 1] == ',')
        len--;
      if (len == 0 || line[0] != '{')
        {
          line = next;
          continue;
        }
      if (!json_parser_load_from_data (parser, line, len, error))
        return FALSE;
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root))
        append_file_text (out, json_node_get_object (root));
      if (out->len >= 60 * 1024)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
      line = next;
    }

  fwrite (out->str, 1, out->len, stdout);
  return TRUE;
}

int
mml_cli_files (MmlCli  *cli,
               int      argc,
               char   **argv)
{
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  gboolean json = FALSE;
  gint64 root_id = 0;
  MmlEngine *engine;
  MmlLibraryController *library;

  /* one usage for the listing and for placing videos by hand */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(files_usage), stdout);
        return MML_EXIT_OK;
      }
  if (argc > 1 && g_str_equal (argv[1], "assign"))
    return mml_cli_files_assign (cli, argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "unassign"))
    return mml_cli_files_unassign (cli, argc - 1, argv + 1);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--root"))
        {
          int status = mml_cli_id_arg (cli, MML_CLI_ID_ROOT, "--root", ++i < argc ? argv[i] : NULL, &root_id);

          if (status != MML_EXIT_OK)
            return status;
        }
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;
  if (root_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_ROOT, root_id))
    return MML_EXIT_FAILURE;

  /* the text is made from the JSON: a name is printed escaped, and one
   * file stays one line whatever its name holds */
  library = mml_engine_get_library (engine);
  mml_library_controller_dump_files_async (library, root_id, MML_FILES_JSON, NULL, mml_cli_wait_cb, &wait);
  if (!(out = mml_library_controller_dump_files_finish (library, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (json)
    fwrite (g_bytes_get_data (out, NULL), 1, g_bytes_get_size (out), stdout);
  else if (!print_files_text (out, &error))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  return MML_EXIT_OK;
}
