/* mml-cli-transfer.c — `mml transfer` (add, run, list): the transfer queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "mml-cli.h"
#include "mml-transfer-controller.h"

static const char transfer_usage[] =
  N_("Usage: mml [--db PATH] transfer COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  add (--series ID|--file ID) --to DIR [--move] [--json]\n"
     "                       queue a series or a video, with its subtitles, for\n"
     "                       DIR; a series keeps its folders there\n"
     "  run [--json]         copy (or move) what is queued and retry what failed\n"
     "  list [--json]        every item with its state and error\n"
     "\n"
     "Each copy is verified before it is counted done; a file on the target is\n"
     "never written over, and one that holds the same bytes is skipped. A disk\n"
     "without room for its files gets none of them. --move removes the sources\n"
     "through the journal: “mml organize undo” brings them back.\n");

typedef struct
{
  MmlCli     *cli;
  gboolean    json;
  gboolean    move;
  gint64      series_id;
  gint64      file_id;
  const char *to;
  GPtrArray  *words;
} Args;

static gboolean
parse_args (Args   *a,
            int     argc,
            char  **argv,
            int    *status)
{
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--json"))
        a->json = TRUE;
      else if (g_str_equal (arg, "--move"))
        a->move = TRUE;
      else if (g_str_equal (arg, "--to"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            {
              *status = mml_cli_usage_error (a->cli, _("%s needs a folder"), arg);
              return FALSE;
            }
          a->to = argv[++i];
        }
      else if (g_str_equal (arg, "--series"))
        {
          if ((*status = mml_cli_id_arg (a->cli, MML_CLI_ID_SERIES, arg, i + 1 < argc ? argv[++i] : NULL,
                                         &a->series_id)) != MML_EXIT_OK)
            return FALSE;
        }
      else if (g_str_equal (arg, "--file"))
        {
          const char *value = i + 1 < argc ? argv[++i] : NULL;

          if (value == NULL)
            {
              *status = mml_cli_usage_error (a->cli, _("%s needs a file id"), arg);
              return FALSE;
            }
          if (!mml_cli_parse_id (value, &a->file_id))
            {
              g_autofree char *shown = mml_cli_text (value);

              *status = mml_cli_usage_error (a->cli, _("“%s” is not a file id"), shown);
              return FALSE;
            }
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          *status = mml_cli_unexpected (a->cli, arg);
          return FALSE;
        }
      else
        g_ptr_array_add (a->words, (gpointer) arg);
    }
  return TRUE;
}

static void
print_items (Args      *a,
             GPtrArray *items,
             GString   *out)
{
  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < items->len; i++)
    {
      MmlTransferItem *item = g_ptr_array_index (items, i);
      g_autofree char *file = g_filename_display_name (item->source);
      g_autofree char *to = g_filename_display_name (item->target);
      const char *state = mml_transfer_state_to_string (item->state);

      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          g_string_append_c (out, '{');
          mml_cli_json_int (out, "id", item->id);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "file", file);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "to", to);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "state", state);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "error", item->error);
          g_string_append_c (out, '}');
        }
      else
        {
          g_autofree char *file_text = mml_cli_text (file);
          g_autofree char *to_text = mml_cli_text (to);
          g_autofree char *error = item->error ? mml_cli_text (item->error) : NULL;

          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s → %s%s%s\n", item->id, state,
                                  item->move ? "move" : "copy", file_text, to_text,
                                  error ? "\t" : "", error ? error : "");
        }
    }
  if (a->json)
    g_string_append (out, "]");
}

typedef struct
{
  guint  last_percent;
} ProgressState;

/* "1:02:03", "4:05": the time left */
static char *
format_eta (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
progress_cb (MmlTransferController *ctl,
             guint                  done,
             guint                  total,
             guint64                bytes_done,
             guint64                bytes_total,
             gpointer               user_data)
{
  ProgressState *p = user_data;
  g_autofree char *size_done = g_format_size (bytes_done);
  g_autofree char *size_total = g_format_size (bytes_total);
  g_autofree char *speed = NULL;
  g_autofree char *eta = NULL;
  g_autofree char *line = NULL;
  MmlTransferProgress progress;

  /* the speed and the time left as the engine measures them */
  mml_transfer_controller_get_progress (ctl, &progress);
  if (progress.speed > 0 && progress.eta >= 0)
    {
      speed = g_format_size (progress.speed);
      eta = format_eta (progress.eta);
      /* Translators: items, sizes, a speed and the time left:
       * "3 of 10 (1.2 GB of 4.0 GB, 80.1 MB/s, 0:42 left)" */
      line = g_strdup_printf (_("%u of %u (%s of %s, %s/s, %s left)"), done, total, size_done, size_total,
                              speed, eta);
    }
  else
    /* Translators: items, then sizes: "3 of 10 (1.2 GB of 4.0 GB)" */
    line = g_strdup_printf (_("%u of %u (%s of %s)"), done, total, size_done, size_total);

  /* a line an item (at most a line a percent of them) where no terminal
   * is, so a watching process sees it move */
  if (isatty (fileno (stderr)))
    {
      /* the line's end is cleared: a shorter line follows a longer one */
      fprintf (stderr, "\r\033[K");
      /* Translators: %s is "3 of 10 (1.2 GB of 4.0 GB, 80.1 MB/s, 0:42 left)" */
      fprintf (stderr, _("Transferring: %s"), line);
    }
  else
    {
      guint percent = total > 0 ? (guint) ((guint64) done * 100 / total) : 100;

      if (percent == p->last_percent && done != total)
        return;
      p->last_percent = percent;
      fprintf (stderr, _("transferring: %s\n"), line);
      fflush (stderr);
    }
}

static int
run_add (Args      *a,
         MmlEngine *engine)
{
  MmlTransferController *ctl = mml_engine_get_transfer (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_transfer_controller_add_async (ctl, a->series_id, a->file_id, a->to, a->move, NULL, mml_cli_wait_cb, &wait);
  items = mml_transfer_controller_add_finish (ctl, mml_cli_wait_run (&wait), &error);
  if (items == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  print_items (a, items, out);
  if (a->json)
    g_string_append_c (out, '\n');
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u file queued\n", "%u files queued\n",
                                              items->len), items->len);
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static int
run_run (Args      *a,
         MmlEngine *engine)
{
  MmlTransferController *ctl = mml_engine_get_transfer (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GSource *sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  ProgressState progress = { G_MAXUINT };
  MmlTransferSummary sum = { 0 };
  gulong handler;

  handler = g_signal_connect (ctl, "progress", G_CALLBACK (progress_cb), &progress);
  mml_transfer_controller_run_async (ctl, cancellable, mml_cli_wait_cb, &wait);
  items = mml_transfer_controller_run_finish (ctl, mml_cli_wait_run (&wait), &sum, &error);
  g_signal_handler_disconnect (ctl, handler);
  g_source_destroy (sigint);
  g_source_unref (sigint);
  if (isatty (fileno (stderr)) && items != NULL && items->len > 0)
    fputc ('\n', stderr);
  if (items == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    {
      g_string_append_printf (out, "{\"done\":%u,\"skipped\":%u,\"failed\":%u,\"items\":", sum.done, sum.skipped,
                              sum.failed);
      print_items (a, items, out);
      g_string_append (out, "}\n");
    }
  else
    {
      print_items (a, items, out);
      g_string_append_printf (out, _("%u transferred, %u already there, %u failed\n"), sum.done, sum.skipped,
                              sum.failed);
    }
  fputs (out->str, stdout);
  return sum.failed > 0 ? MML_EXIT_FAILURE : MML_EXIT_OK;
}

static int
run_list (Args      *a,
          MmlEngine *engine)
{
  MmlTransferController *ctl = mml_engine_get_transfer (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_transfer_controller_list_async (ctl, NULL, mml_cli_wait_cb, &wait);
  items = mml_transfer_controller_list_finish (ctl, mml_cli_wait_run (&wait), &error);
  if (items == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  print_items (a, items, out);
  if (a->json)
    g_string_append_c (out, '\n');
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

int
mml_cli_transfer (MmlCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, FALSE, FALSE, 0, 0, NULL, words };
  int status = MML_EXIT_OK;
  const char *command;
  MmlEngine *engine;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(transfer_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len == 0)
    return mml_cli_usage_error (cli, _("transfer needs a command: add, run or list"));
  command = g_ptr_array_index (words, 0);
  if (!g_str_equal (command, "add") && !g_str_equal (command, "run") && !g_str_equal (command, "list"))
    {
      g_autofree char *shown = mml_cli_text (command);

      return mml_cli_usage_error (cli, _("unknown transfer command “%s”"), shown);
    }
  if (words->len > 1)
    return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
  if (g_str_equal (command, "add"))
    {
      if ((a.series_id > 0) == (a.file_id > 0))
        return mml_cli_usage_error (cli, _("transfer add takes one of --series and --file"));
      if (a.to == NULL)
        return mml_cli_usage_error (cli, _("transfer add needs --to DIR"));
    }
  else if (a.series_id > 0 || a.file_id > 0 || a.to != NULL || a.move)
    return mml_cli_unexpected (cli, a.series_id > 0 ? "--series" : a.file_id > 0 ? "--file"
                                    : a.to != NULL ? "--to" : "--move");

  engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING);
  if (engine == NULL)
    status = MML_EXIT_FAILURE;
  else if (a.series_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
    status = MML_EXIT_FAILURE;
  else if (g_str_equal (command, "add"))
    status = run_add (&a, engine);
  else if (g_str_equal (command, "run"))
    status = run_run (&a, engine);
  else
    status = run_list (&a, engine);
  return status;
}
