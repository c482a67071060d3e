/* mml-cli-organize.c — `mml organize` (preview, apply, undo, resume,
 * rollback, history) and `mml folders create`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mml-cli.h"
#include "mml-util.h"
#include "mml-organize-controller.h"

static const char organize_usage[] =
  N_("Usage: mml [--db PATH] organize COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  preview [--series ID|--root ID|--all] [--template-file F] [--json]\n"
     "                       where each file would go by the naming templates\n"
     "  apply   [--series ID|--root ID|--all] [--template-file F] [--json]\n"
     "                       rename and move them, through the journal\n"
     "  undo [BATCH] [--json]  undo a batch (default: the latest)\n"
     "  resume [--json]      finish a batch a crash interrupted\n"
     "  rollback [--json]    undo what a crash interrupted\n"
     "  history [--json]     the batches of changes, newest first\n"
     "\n"
     "A template file has key=value lines: series, season, specials, standard,\n"
     "daily, anime, multi, colon. Without one, the saved templates apply.\n"
     "A file is never moved over another one.\n");

static const char folders_usage[] =
  N_("Usage: mml [--db PATH] folders create --series ID [--template-file F] [--json]\n"
     "\n"
     "Makes the series folder and a folder for each season that has aired.\n");

typedef struct
{
  MmlCli          *cli;
  gboolean         json;
  gboolean         all;
  gint64           series_id;
  gint64           root_id;
  const char      *template_file;
  GPtrArray       *words;
  MmlNamingConfig *config;
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
      else if (g_str_equal (arg, "--all"))
        a->all = TRUE;
      else if (g_str_equal (arg, "--template-file"))
        {
          if (i + 1 >= argc)
            {
              *status = mml_cli_usage_error (a->cli, _("%s needs a value"), arg);
              return FALSE;
            }
          a->template_file = argv[++i];
        }
      else if (g_str_equal (arg, "--series") || g_str_equal (arg, "--root"))
        {
          gboolean series = g_str_equal (arg, "--series");
          const char *value = i + 1 < argc ? argv[++i] : NULL;

          if ((*status = mml_cli_id_arg (a->cli, series ? MML_CLI_ID_SERIES : MML_CLI_ID_ROOT, arg, value,
                                         series ? &a->series_id : &a->root_id)) != MML_EXIT_OK)
            return FALSE;
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

/* Reads --template-file; a bad one is a usage error naming its line */
static int
read_templates (Args *a)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  if (a->template_file == NULL)
    return MML_EXIT_OK;
  if (!g_file_get_contents (a->template_file, &text, &len, &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_USAGE;
    }
  if (!(a->config = mml_naming_config_parse_file (text, len, &error)))
    {
      g_autofree char *shown = mml_cli_text (a->template_file);

      return mml_cli_usage_error (a->cli, _("%s: %s"), shown, error->message);
    }
  return MML_EXIT_OK;
}

static void
progress_cb (MmlOrganizeController *ctl,
             guint                  done,
             guint                  total,
             gpointer               user_data)
{
  /* the engine reports every few steps: overwritten in place on a
   * terminal, elsewhere a line a percent so a watching process sees it
   * move */
  if (isatty (fileno (stderr)))
    {
      fputc ('\r', stderr);
      fprintf (stderr, _("Organising: %u of %u"), done, total);
    }
  else
    {
      /* at most a line a percent */
      static guint last_percent = G_MAXUINT;
      guint percent = total > 0 ? (guint) ((guint64) done * 100 / total) : 100;

      if (percent == last_percent && done != total)
        return;
      last_percent = percent;
      fprintf (stderr, _("organising: %u of %u\n"), done, total);
      fflush (stderr);
    }
}

/* Output written as it is made, a block at a time: a plan of the whole
 * library is tens of megabytes */
typedef struct
{
  GString *buf;
  FILE    *file;
} Writer;

#define WRITER_BLOCK (256 * 1024)

static void
writer_flush (Writer *w)
{
  if (w->buf->len > 0)
    fwrite (w->buf->str, 1, w->buf->len, w->file);
  g_string_truncate (w->buf, 0);
}

static void
writer_maybe_flush (Writer *w)
{
  if (w->buf->len >= WRITER_BLOCK)
    writer_flush (w);
}

/* Whether @str is printable ASCII, which every escape keeps as it is */
static gboolean
plain (const char *str)
{
  for (const guchar *p = (const guchar *) str; *p; p++)
    if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
      return FALSE;
  return TRUE;
}

/* g_filename_display_name (@name): @name itself when it is (the usual
 * case), else a new string in @tmp */
static const char *
display_name (const char *name,
              char      **tmp)
{
  static int utf8 = -1;

  if (utf8 < 0)
    utf8 = g_get_filename_charsets (NULL);
  if (utf8 && g_utf8_validate (name, -1, NULL))
    return name;
  return *tmp = g_filename_display_name (name);
}

/* "name":value, as mml_cli_json_int () writes it */
static void
json_int (GString    *out,
          const char *member,
          gint64      value)
{
  char digits[24];
  int n = 0;

  g_string_append_c (out, '"');
  g_string_append (out, member);
  g_string_append (out, "\":");
  if (value <= 0)
    {
      g_string_append (out, "null");
      return;
    }
  do
    digits[n++] = (char) ('0' + value % 10);
  while ((value /= 10) > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* "name":"value", as mml_cli_json_string () writes it */
static void
json_string (GString    *out,
             const char *member,
             const char *value)
{
  g_string_append_c (out, '"');
  g_string_append (out, member);
  g_string_append (out, "\":");
  if (value == NULL)
    g_string_append (out, "null");
  else if (plain (value))
    {
      g_string_append_c (out, '"');
      g_string_append (out, value);
      g_string_append_c (out, '"');
    }
  else
    mml_json_append_string (out, value, -1);
}

/* mml_cli_text (@str): printable ASCII is kept as it is */
static void
append_text (GString    *out,
             const char *str)
{
  g_autofree char *text = NULL;
  const guchar *p;

  for (p = (const guchar *) str; *p >= 0x20 && *p < 0x7f; p++)
    ;
  if (*p == '\0')
    {
      g_string_append_len (out, str, (const char *) p - str);
      return;
    }
  text = mml_cli_text (str);
  g_string_append (out, text);
}

static void
print_ops (Args      *a,
           GPtrArray *ops,
           Writer    *w)
{
  GString *out = w->buf;

  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < ops->len; i++)
    {
      MmlOrganizeOp *op = g_ptr_array_index (ops, i);
      g_autofree char *from_tmp = NULL;
      g_autofree char *to_tmp = NULL;
      const char *from = display_name (op->from, &from_tmp);
      const char *to = display_name (op->to, &to_tmp);

      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          g_string_append_c (out, '{');
          json_int (out, "file_id", op->file_id);
          g_string_append_c (out, ',');
          json_string (out, "kind", mml_organize_kind_to_string (op->kind));
          g_string_append_c (out, ',');
          json_int (out, "follows", op->follows);
          g_string_append_c (out, ',');
          json_int (out, "root_id", op->root_id);
          g_string_append_c (out, ',');
          json_string (out, "from", from);
          g_string_append_c (out, ',');
          json_string (out, "to", to);
          g_string_append_c (out, ',');
          json_string (out, "action", mml_organize_action_to_string (op->action));
          g_string_append_c (out, ',');
          json_string (out, "problem", op->problem);
          g_string_append_c (out, '}');
        }
      else
        {
          g_string_append (out, mml_organize_action_to_string (op->action));
          g_string_append_c (out, '\t');
          g_string_append (out, mml_organize_kind_to_string (op->kind));
          g_string_append_c (out, '\t');
          append_text (out, from);
          g_string_append (out, " → ");
          append_text (out, to);
          if (op->problem != NULL)
            {
              g_string_append_c (out, '\t');
              append_text (out, op->problem);
            }
          g_string_append_c (out, '\n');
        }
      writer_maybe_flush (w);
    }
  if (a->json)
    g_string_append (out, "]\n");
}

static int
run_plan (Args      *a,
          MmlEngine *engine,
          gboolean   apply)
{
  MmlOrganizeController *ctl = mml_engine_get_organize (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GString) out = g_string_sized_new (WRITER_BLOCK + 4096);
  Writer writer = { out, stdout };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GSource *sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  MmlOrganizeSummary sum = { 0 };
  gulong handler = 0;

  if (apply)
    {
      handler = g_signal_connect (ctl, "progress", G_CALLBACK (progress_cb), NULL);
      mml_organize_controller_apply_async (ctl, a->series_id, a->root_id, a->config, cancellable,
                                           mml_cli_wait_cb, &wait);
      ops = mml_organize_controller_apply_finish (ctl, mml_cli_wait_run (&wait), &sum, &error);
      g_signal_handler_disconnect (ctl, handler);
      if (isatty (fileno (stderr)))
        fputc ('\n', stderr);
    }
  else
    {
      mml_organize_controller_preview_async (ctl, a->series_id, a->root_id, a->config, cancellable,
                                             mml_cli_wait_cb, &wait);
      ops = mml_organize_controller_preview_finish (ctl, mml_cli_wait_run (&wait), &error);
    }
  g_source_destroy (sigint);
  g_source_unref (sigint);
  if (ops == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (!apply)
    {
      print_ops (a, ops, &writer);
      writer_flush (&writer);
      return MML_EXIT_OK;
    }
  if (a->json)
    {
      g_string_append_c (out, '{');
      mml_cli_json_int (out, "batch", sum.batch);
      g_string_append_printf (out, ",\"done\":%u,\"skipped\":%u,\"failed\":%u,\"problems\":%u}\n",
                              sum.done, sum.skipped, sum.failed, sum.problems);
    }
  else
    {
      print_ops (a, ops, &writer);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sum.batch);

      g_string_append_printf (out, _("%u moved, %u already right, %u failed, %u left alone (batch %s)\n"),
                              sum.done, sum.skipped, sum.failed, sum.problems, id);
    }
  writer_flush (&writer);
  return sum.failed > 0 ? MML_EXIT_FAILURE : MML_EXIT_OK;
}

static int
run_undo (Args       *a,
          MmlEngine  *engine,
          gint64      batch)
{
  MmlOrganizeController *ctl = mml_engine_get_organize (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;

  mml_organize_controller_undo_async (ctl, batch, NULL, mml_cli_wait_cb, &wait);
  batch = mml_organize_controller_undo_finish (ctl, mml_cli_wait_run (&wait), &error);
  if (error != NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    printf ("{\"batch\":%" G_GINT64_FORMAT ",\"state\":\"undone\"}\n", batch);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch);

      printf (_("Batch %s undone\n"), id);
    }
  return MML_EXIT_OK;
}

static int
run_recover (Args      *a,
             MmlEngine *engine,
             gboolean   roll_back)
{
  MmlOrganizeController *ctl = mml_engine_get_organize (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) batches = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_organize_controller_recover_async (ctl, roll_back, NULL, mml_cli_wait_cb, &wait);
  batches = mml_organize_controller_recover_finish (ctl, mml_cli_wait_run (&wait), &error);
  if (batches == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    {
      g_string_append (out, "{\"batches\":[");
      for (guint i = 0; i < batches->len; i++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (batches, gint64, i));
      g_string_append_printf (out, "],\"state\":\"%s\"}\n", roll_back ? "undone" : "done");
    }
  else if (batches->len == 0)
    g_string_append (out, _("No batch was interrupted\n"));
  else
    for (guint i = 0; i < batches->len; i++)
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (batches, gint64, i));

        g_string_append_printf (out, roll_back ? _("Batch %s rolled back\n") : _("Batch %s finished\n"), id);
      }
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static int
run_history (Args      *a,
             MmlEngine *engine)
{
  MmlOrganizeController *ctl = mml_engine_get_organize (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_organize_controller_history_async (ctl, NULL, mml_cli_wait_cb, &wait);
  batches = mml_organize_controller_history_finish (ctl, mml_cli_wait_run (&wait), &error);
  if (batches == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < batches->len; i++)
    {
      MmlJournalBatch *b = g_ptr_array_index (batches, i);

      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          g_string_append_c (out, '{');
          mml_cli_json_int (out, "batch", b->id);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "kind", b->kind);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "title", b->title);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "state", b->state);
          g_string_append_c (out, ',');
          mml_cli_json_int (out, "created_at", b->created_at);
          g_string_append_c (out, ',');
          mml_cli_json_int (out, "finished_at", b->finished_at);
          g_string_append_printf (out, ",\"done\":%u,\"failed\":%u,\"undone\":%u,\"trashed\":%u}", b->n_done,
                                  b->n_failed, b->n_undone, b->n_trashed);
        }
      else
        {
          g_autofree char *title = mml_cli_text (b->title);

          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%u done, %u failed, %u undone, %u in the trash\n",
                                  b->id, b->kind, b->state, title, b->n_done, b->n_failed, b->n_undone,
                                  b->n_trashed);
        }
    }
  if (a->json)
    g_string_append (out, "]\n");
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

int
mml_cli_organize (MmlCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, FALSE, FALSE, 0, 0, NULL, words, NULL };
  int status = MML_EXIT_OK;
  const char *command;
  gboolean plan;
  gint64 batch = 0;
  MmlEngine *engine;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(organize_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len == 0)
    return mml_cli_usage_error (cli, _("organize needs a command: preview, apply, undo, resume, rollback "
                                       "or history"));
  command = g_ptr_array_index (words, 0);
  plan = g_str_equal (command, "preview") || g_str_equal (command, "apply");
  if (!plan && !g_str_equal (command, "undo") && !g_str_equal (command, "resume") &&
      !g_str_equal (command, "rollback") && !g_str_equal (command, "history"))
    {
      g_autofree char *shown = mml_cli_text (command);

      return mml_cli_usage_error (cli, _("unknown organize command “%s”"), shown);
    }
  if (g_str_equal (command, "undo") && words->len == 2)
    {
      if (!mml_cli_parse_id (g_ptr_array_index (words, 1), &batch))
        {
          g_autofree char *shown = mml_cli_text (g_ptr_array_index (words, 1));

          return mml_cli_usage_error (cli, _("“%s” is not a batch id"), shown);
        }
    }
  else if (words->len > 1)
    return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
  if (plan && (a.series_id > 0) + (a.root_id > 0) + a.all > 1)
    return mml_cli_usage_error (cli, _("organize %s takes one of --series, --root and --all"), command);
  if (!plan && (a.series_id > 0 || a.root_id > 0 || a.all || a.template_file))
    return mml_cli_unexpected (cli, a.series_id > 0 ? "--series" : a.root_id > 0 ? "--root"
                                    : a.all ? "--all" : "--template-file");
  if ((status = read_templates (&a)) != MML_EXIT_OK)
    return status;

  engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING);
  if (engine == NULL)
    status = MML_EXIT_FAILURE;
  else if (a.series_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
    status = MML_EXIT_FAILURE;
  else if (a.root_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_ROOT, a.root_id))
    status = MML_EXIT_FAILURE;
  else if (plan)
    status = run_plan (&a, engine, g_str_equal (command, "apply"));
  else if (g_str_equal (command, "undo"))
    status = run_undo (&a, engine, batch);
  else if (g_str_equal (command, "history"))
    status = run_history (&a, engine);
  else
    status = run_recover (&a, engine, g_str_equal (command, "rollback"));
  g_clear_pointer (&a.config, mml_naming_config_free);
  return status;
}

int
mml_cli_folders (MmlCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, FALSE, FALSE, 0, 0, NULL, words, NULL };
  int status = MML_EXIT_OK;
  MmlEngine *engine;
  MmlOrganizeController *ctl;
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 batch = 0;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(folders_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len == 0 || !g_str_equal (g_ptr_array_index (words, 0), "create"))
    return words->len == 0 ? mml_cli_usage_error (cli, _("folders needs a command: create"))
                           : mml_cli_unexpected (cli, g_ptr_array_index (words, 0));
  if (words->len > 1)
    return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
  if (a.series_id <= 0)
    return mml_cli_usage_error (cli, _("folders create needs --series ID"));
  if (a.root_id > 0 || a.all)
    return mml_cli_unexpected (cli, a.all ? "--all" : "--root");
  if ((status = read_templates (&a)) != MML_EXIT_OK)
    return status;

  engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING);
  if (engine == NULL || !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
    {
      g_clear_pointer (&a.config, mml_naming_config_free);
      return MML_EXIT_FAILURE;
    }
  ctl = mml_engine_get_organize (engine);
  mml_organize_controller_create_folders_async (ctl, a.series_id, a.config, NULL, mml_cli_wait_cb, &wait);
  created = mml_organize_controller_create_folders_finish (ctl, mml_cli_wait_run (&wait), &batch, &error);
  g_clear_pointer (&a.config, mml_naming_config_free);
  if (created == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a.json)
    {
      g_string_append_c (out, '{');
      mml_cli_json_int (out, "batch", batch);
      g_string_append (out, ",\"created\":[");
    }
  for (guint i = 0; i < created->len; i++)
    {
      g_autofree char *display = g_filename_display_name (g_ptr_array_index (created, i));

      if (a.json)
        {
          if (i)
            g_string_append_c (out, ',');
          mml_json_append_string (out, display, -1);
        }
      else
        {
          g_autofree char *shown = mml_cli_text (display);

          g_string_append_printf (out, "%s\n", shown);
        }
    }
  if (a.json)
    g_string_append (out, "]}\n");
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}
