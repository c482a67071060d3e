/* mml-cli-jobs.c — `mml service`, `mml jobs` and `mml activity`: the
 * background jobs from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>

#include "mml-cli.h"
#include "mml-library-controller.h"
#include "mml-scheduler.h"
#include "mml-util.h"

static const char service_usage[] =
  N_("Usage: mml [--db PATH] service [--once] [--json]\n"
     "\n"
     "Runs the background jobs (scan, refresh, subtitles, sync, cache) in the\n"
     "foreground, with the library watched, logging to stderr, until Ctrl+C or\n"
     "SIGTERM. --once runs the jobs that are due, then exits: 0 when none\n"
     "failed, 1 when one did.\n");

static const char jobs_usage[] =
  N_("Usage: mml [--db PATH] jobs COMMAND\n"
     "\n"
     "Commands:\n"
     "  list [--json]                      every job: interval, last and next run, result\n"
     "  run NAME [--json]                  run a job now\n"
     "  set NAME --interval S|--enable|--disable\n"
     "                                     change a job\n"
     "\n"
     "Jobs: cache, refresh, scan, subtitles, sync.\n");

static const char activity_usage[] =
  N_("Usage: mml [--db PATH] activity [--since ISO8601] [--json]\n"
     "\n"
     "What the background jobs did, newest first.\n");

static gboolean
wants_help (int    argc,
            char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;
  return FALSE;
}

static char *
iso_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = unix_seconds > 0 ? g_date_time_new_from_unix_utc (unix_seconds) : NULL;

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
json_time (GString    *out,
           const char *name,
           gint64      unix_seconds)
{
  g_autofree char *text = iso_utc (unix_seconds);

  mml_cli_json_string (out, name, text);
}

static void
job_to_json (GString         *out,
             const MmlJobRow *row)
{
  g_string_append_c (out, '{');
  mml_cli_json_string (out, "name", row->name);
  if (row->interval_s > 0)
    g_string_append_printf (out, ",\"interval_s\":%" G_GINT64_FORMAT, row->interval_s);
  else
    g_string_append (out, ",\"interval_s\":null");
  g_string_append_printf (out, ",\"enabled\":%s,", row->enabled ? "true" : "false");
  json_time (out, "last_run_at", row->last_run_at);
  g_string_append_c (out, ',');
  json_time (out, "next_run_at", row->enabled ? row->next_run_at : 0);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "last_result", row->last_result);
  g_string_append_printf (out, ",\"running\":%s}", row->running_since > 0 ? "true" : "false");
}

static void
print_jobs (GPtrArray *rows,
            gboolean   json)
{
  g_autoptr(GString) out = g_string_new (json ? "[" : NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      MmlJobRow *row = g_ptr_array_index (rows, i);

      if (json)
        {
          if (i)
            g_string_append (out, ",\n");
          job_to_json (out, row);
        }
      else
        {
          g_autofree char *last = iso_utc (row->last_run_at);
          g_autofree char *next = row->enabled ? iso_utc (row->next_run_at) : NULL;
          g_autofree char *result = mml_cli_text (row->last_result ? row->last_result : "-");

          g_string_append_printf (out, "%-10s %-4s %8" G_GINT64_FORMAT "s  last %-20s  next %-20s  %s%s\n",
                                  row->name, row->enabled ? _("on") : _("off"), row->interval_s,
                                  last ? last : "-", next ? next : (row->enabled ? _("now") : "-"), result,
                                  row->running_since > 0 ? _(" (running)") : "");
        }
    }
  if (json)
    g_string_append (out, "]\n");
  fputs (out->str, stdout);
}

static GPtrArray *
list_jobs (MmlScheduler  *scheduler,
           GError       **error)
{
  g_auto(MmlCliWait) wait = { 0 };

  mml_scheduler_list_async (scheduler, NULL, mml_cli_wait_cb, &wait);
  return mml_scheduler_list_finish (scheduler, mml_cli_wait_run (&wait), error);
}

int
mml_cli_jobs (MmlCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gint64 interval = 0;
  int enabled = -1;
  const char *command;
  MmlScheduler *scheduler;
  MmlEngine *engine;

  if (wants_help (argc, argv))
    {
      fputs (_(jobs_usage), stdout);
      return MML_EXIT_OK;
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--enable"))
        enabled = 1;
      else if (g_str_equal (argv[i], "--disable"))
        enabled = 0;
      else if (g_str_equal (argv[i], "--interval"))
        {
          guint64 value = 0;

          if (i + 1 >= argc || !g_ascii_string_to_unsigned (argv[i + 1], 10, 60, G_MAXINT32, &value, NULL))
            return mml_cli_usage_error (cli, _("--interval needs a number of seconds, at least 60"));
          interval = (gint64) value;
          i++;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return mml_cli_unexpected (cli, argv[i]);
      else
        g_ptr_array_add (words, argv[i]);
    }
  if (words->len == 0)
    return mml_cli_usage_error (cli, _("jobs needs a command: list, run or set"));
  command = g_ptr_array_index (words, 0);
  if (g_str_equal (command, "list"))
    {
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "run") || g_str_equal (command, "set"))
    {
      if (words->len < 2)
        return mml_cli_usage_error (cli, _("jobs %s needs a job name"), command);
      if (words->len > 2)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 2));
      if (g_str_equal (command, "set") && interval == 0 && enabled < 0)
        return mml_cli_usage_error (cli, _("jobs set needs --interval S, --enable or --disable"));
    }
  else
    {
      g_autofree char *shown = mml_cli_text (command);

      return mml_cli_usage_error (cli, _("unknown jobs command “%s”"), shown);
    }
  if ((interval > 0 || enabled >= 0) && !g_str_equal (command, "set"))
    return mml_cli_unexpected (cli, interval > 0 ? "--interval" : enabled ? "--enable" : "--disable");

  if (!(engine = mml_cli_open_engine (cli, g_str_equal (command, "list") ? MML_CLI_OPEN_EXISTING
                                                                           : MML_CLI_OPEN_CREATE)))
    return MML_EXIT_FAILURE;
  scheduler = mml_engine_get_scheduler (engine);

  if (g_str_equal (command, "list"))
    {
      g_autoptr(GPtrArray) rows = list_jobs (scheduler, &error);

      if (rows == NULL)
        {
          mml_cli_error (cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
      print_jobs (rows, json);
      return MML_EXIT_OK;
    }
  if (g_str_equal (command, "set"))
    {
      g_auto(MmlCliWait) wait = { 0 };

      mml_scheduler_set_async (scheduler, g_ptr_array_index (words, 1), interval, enabled, NULL,
                               mml_cli_wait_cb, &wait);
      if (!mml_scheduler_set_finish (scheduler, mml_cli_wait_run (&wait), &error))
        {
          mml_cli_error (cli, "%s", error->message);
          return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? MML_EXIT_USAGE : MML_EXIT_FAILURE;
        }
      return MML_EXIT_OK;
    }

  /* run */
  {
    g_auto(MmlCliWait) wait = { 0 };
    g_autofree char *text = NULL;
    gboolean ok;

    mml_scheduler_run_async (scheduler, g_ptr_array_index (words, 1), NULL, mml_cli_wait_cb, &wait);
    ok = mml_scheduler_run_finish (scheduler, mml_cli_wait_run (&wait), &text, &error);
    if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
      {
        mml_cli_error (cli, "%s", error->message);
        return MML_EXIT_USAGE;
      }
    if (json)
      {
        g_autoptr(GPtrArray) rows = list_jobs (scheduler, NULL);

        for (guint i = 0; rows != NULL && i < rows->len; i++)
          if (g_str_equal (((MmlJobRow *) g_ptr_array_index (rows, i))->name, g_ptr_array_index (words, 1)))
            {
              g_autoptr(GString) out = g_string_new (NULL);

              job_to_json (out, g_ptr_array_index (rows, i));
              g_string_append_c (out, '\n');
              fputs (out->str, stdout);
            }
      }
    else if (ok && text != NULL && text[0] != '\0')
      {
        g_autofree char *line = mml_cli_text (text);

        printf ("%s\n", line);
      }
    if (!ok)
      {
        mml_cli_error (cli, "%s", error->message);
        return MML_EXIT_FAILURE;
      }
    return MML_EXIT_OK;
  }
}

/* ---- service ---- */

typedef struct
{
  MmlCli   *cli;
  GMainLoop *loop;
  gboolean  json;
} Service;

static void
job_started_cb (MmlScheduler *scheduler,
                const char   *name,
                Service      *s)
{
  fprintf (stderr, _("mml: %s started\n"), name);
}

static void
job_finished_cb (MmlScheduler *scheduler,
                 const char   *name,
                 gboolean      ok,
                 const char   *text,
                 Service      *s)
{
  g_autofree char *line = mml_cli_text (text != NULL && text[0] != '\0' ? text : _("nothing to do"));

  if (ok)
    fprintf (stderr, _("mml: %s done: %s\n"), name, line);
  else
    fprintf (stderr, _("mml: %s: %s\n"), name, line);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
mml_cli_service (MmlCli  *cli,
                 int      argc,
                 char   **argv)
{
  Service s = { cli, NULL, FALSE };
  gboolean once = FALSE;
  MmlScheduler *scheduler;
  MmlEngine *engine;

  if (wants_help (argc, argv))
    {
      fputs (_(service_usage), stdout);
      return MML_EXIT_OK;
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--once"))
        once = TRUE;
      else if (g_str_equal (argv[i], "--json"))
        s.json = TRUE;
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_CREATE)))
    return MML_EXIT_FAILURE;
  scheduler = mml_engine_get_scheduler (engine);

  if (once)
    {
      g_auto(MmlCliWait) wait = { 0 };
      g_autoptr(GPtrArray) ran = NULL;
      g_autoptr(GError) error = NULL;
      guint n_failed = 0;

      mml_scheduler_run_due_async (scheduler, NULL, mml_cli_wait_cb, &wait);
      if (!(ran = mml_scheduler_run_due_finish (scheduler, mml_cli_wait_run (&wait), &n_failed, &error)))
        {
          mml_cli_error (cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
      if (s.json)
        print_jobs (ran, TRUE);
      for (guint i = 0; i < ran->len; i++)
        {
          MmlJobRow *row = g_ptr_array_index (ran, i);
          g_autofree char *result = mml_cli_text (row->last_result ? row->last_result : "");

          if (!s.json || g_str_has_prefix (row->last_result ? row->last_result : "", "failed"))
            fprintf (stderr, "mml: %s: %s\n", row->name, result);
        }
      return n_failed > 0 ? MML_EXIT_FAILURE : MML_EXIT_OK;
    }

  /* the foreground service: watch the library, run the jobs, log */
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    guint sigint, sigterm;

    s.loop = loop;
    mml_engine_set_automatic (engine, TRUE);
    mml_engine_set_wait_for_network (engine, TRUE);
    mml_library_controller_start_watcher (mml_engine_get_library (engine));
    g_signal_connect (scheduler, "job-started", G_CALLBACK (job_started_cb), &s);
    g_signal_connect (scheduler, "job-finished", G_CALLBACK (job_finished_cb), &s);
    mml_scheduler_start (scheduler);
    fprintf (stderr, _("mml: running the background jobs; Ctrl+C stops\n"));

    sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
    sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
    g_main_loop_run (loop);
    g_source_remove (sigint);
    g_source_remove (sigterm);
    mml_scheduler_stop (scheduler);
    g_signal_handlers_disconnect_by_data (scheduler, &s);
  }
  return MML_EXIT_OK;
}

/* ---- activity ---- */

int
mml_cli_activity (MmlCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  gboolean json = FALSE;
  gint64 since = 0;
  MmlScheduler *scheduler;
  MmlEngine *engine;

  if (wants_help (argc, argv))
    {
      fputs (_(activity_usage), stdout);
      return MML_EXIT_OK;
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--since"))
        {
          g_autoptr(GDateTime) dt = i + 1 < argc ? g_date_time_new_from_iso8601 (argv[i + 1], g_time_zone_new_utc ())
                                                 : NULL;

          if (dt == NULL)
            return mml_cli_usage_error (cli, _("--since needs a date and time like 2026-12-01T00:00:00Z"));
          since = g_date_time_to_unix (dt);
          i++;
        }
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;
  scheduler = mml_engine_get_scheduler (engine);
  mml_scheduler_activity_async (scheduler, since, NULL, mml_cli_wait_cb, &wait);
  if (!(rows = mml_scheduler_activity_finish (scheduler, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  out = g_string_new (json ? "[" : NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      MmlActivityRow *row = g_ptr_array_index (rows, i);

      if (json)
        {
          if (i)
            g_string_append (out, ",\n");
          g_string_append_c (out, '{');
          json_time (out, "at", row->at);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "kind", row->kind);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "text", row->text);
          g_string_append_c (out, ',');
          mml_cli_json_int (out, "series_id", row->series_id);
          g_string_append_c (out, '}');
        }
      else
        {
          g_autofree char *at = iso_utc (row->at);
          g_autofree char *text = mml_cli_text (row->text);

          g_string_append_printf (out, "%s  %-9s  %s\n", at, row->kind, text);
        }
    }
  if (json)
    g_string_append (out, "]\n");
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}
