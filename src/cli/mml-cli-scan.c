/* mml-cli-scan.c — `mml scan` and `mml files`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
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
     "moved files; --full re-parses and re-groups everything.\n"
     "Progress goes to stderr, the summary to stdout.\n");

static const char files_usage[] =
  N_("Usage: mml [--db PATH] files [--root ID] [--json]\n"
     "\n"
     "Lists every video file the library knows, with what was parsed from it.\n");

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
      fprintf (stderr, _("\r\033[KScanning: %u files found, %u saved  %.60s"), total, done, current ? current : "");
      return;
    }

  /* One line a second at most when stderr is a log. */
  if (now - p->last < G_USEC_PER_SEC)
    return;
  p->last = now;
  fprintf (stderr, _("scanning: %u files found, %u saved, in %s\n"), total, done, current ? current : "");
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
  gulong handler;

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
          if (++i >= argc || !mml_cli_parse_id (argv[i], &root_id))
            return mml_cli_usage_error (cli, _("--root needs a library folder id"));
        }
      else
        return mml_cli_usage_error (cli, _("unexpected argument “%s”"), argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli)))
    return MML_EXIT_FAILURE;

  library = mml_engine_get_library (engine);
  cancellable = g_cancellable_new ();
  sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  handler = g_signal_connect (library, "scan-progress", G_CALLBACK (progress_cb), &progress);

  mml_library_controller_scan_async (library, mode, root_id, cancellable, mml_cli_wait_cb, &wait);
  summary = mml_library_controller_scan_finish (library, mml_cli_wait_run (&wait), &error);
  g_signal_handler_disconnect (library, handler);
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
        fprintf (stderr, "  %s\n", (const char *) g_ptr_array_index (summary->error_messages, i));
    }

  return MML_EXIT_OK;
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

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          fputs (_(files_usage), stdout);
          return MML_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--root"))
        {
          if (++i >= argc || !mml_cli_parse_id (argv[i], &root_id))
            return mml_cli_usage_error (cli, _("--root needs a library folder id"));
        }
      else
        return mml_cli_usage_error (cli, _("unexpected argument “%s”"), argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli)))
    return MML_EXIT_FAILURE;

  library = mml_engine_get_library (engine);
  mml_library_controller_dump_files_async (library, root_id, json ? MML_FILES_JSON : MML_FILES_TEXT,
                                           NULL, mml_cli_wait_cb, &wait);
  if (!(out = mml_library_controller_dump_files_finish (library, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  fwrite (g_bytes_get_data (out, NULL), 1, g_bytes_get_size (out), stdout);
  return MML_EXIT_OK;
}
