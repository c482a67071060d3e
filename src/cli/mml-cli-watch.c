/* mml-cli-watch.c — `mml watch`: keep the library in step, headless
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
#include "mml-util.h"

static const char watch_usage[] =
  N_("Usage: mml [--db PATH] watch [--json]\n"
     "\n"
     "Watches every enabled library folder and applies changes as they happen,\n"
     "printing one line per change (one JSON object per line with --json:\n"
     "event, path, old_path for renames, root). Stops on Ctrl+C or SIGTERM.\n");

typedef struct
{
  MmlCli     *cli;
  GMainLoop  *loop;
  gboolean    json;
  int         status;
} WatchCli;

static void
changed_cb (MmlLibraryController *library,
            GPtrArray            *events,
            gpointer              user_data)
{
  WatchCli *w = user_data;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      const MmlScanEvent *e = g_ptr_array_index (events, i);

      if (w->json)
        {
          g_string_append_printf (out, "{\"event\": \"%s\", \"path\": ",
                                  mml_scan_event_kind_to_string (e->kind));
          mml_json_append_string (out, e->path, -1);
          if (e->old_path)
            {
              g_string_append (out, ", \"old_path\": ");
              mml_json_append_string (out, e->old_path, -1);
            }
          g_string_append_printf (out, ", \"root\": %" G_GINT64_FORMAT "}\n", e->root_id);
        }
      else
        {
          g_autofree char *display = g_filename_display_name (e->path);
          g_autofree char *path = mml_cli_text (display);

          if (e->old_path)
            {
              g_autofree char *old_display = g_filename_display_name (e->old_path);
              g_autofree char *old = mml_cli_text (old_display);
              g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%s -> %s\n",
                                      mml_scan_event_kind_to_string (e->kind), e->root_id, old, path);
            }
          else
            g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%s\n",
                                    mml_scan_event_kind_to_string (e->kind), e->root_id, path);
        }
    }

  fputs (out->str, stdout);
  fflush (stdout);
}

static void
mode_changed_cb (MmlLibraryController *library,
                 gint64                root_id,
                 gpointer              user_data)
{
  const char *reason = NULL;
  MmlWatchMode mode = mml_library_controller_get_root_mode (library, root_id, &reason);
  static const char * const names[] = { "off", "live", "polling", "unavailable" };
  g_autofree char *why = mml_cli_text (reason);

  fprintf (stderr, _("library folder %lld: %s%s%s\n"), (long long) root_id,
           names[mode], reason ? " — " : "", why);
}

static void
error_cb (MmlEngine  *engine,
          const char *message,
          gpointer    user_data)
{
  WatchCli *w = user_data;

  mml_cli_error (w->cli, "%s", message);
}

/* stays: mml_cli_watch() removes both signal sources itself */
static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
mml_cli_watch (MmlCli  *cli,
               int      argc,
               char   **argv)
{
  MmlLibraryController *library;
  g_autoptr(GMainLoop) loop = NULL;
  WatchCli w = { cli, NULL, FALSE, MML_EXIT_OK };
  MmlEngine *engine;
  guint sigint, sigterm;
  const char *settle = g_getenv ("MML_WATCH_SETTLE_MS");

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          fputs (_(watch_usage), stdout);
          return MML_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--json"))
        w.json = TRUE;
      else
        return mml_cli_unexpected (cli, argv[i]);
    }

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_CREATE)))
    return MML_EXIT_FAILURE;

  /* the engine's watcher, started by this verb only: it prints what the
   * watcher applies */
  loop = g_main_loop_new (NULL, FALSE);
  w.loop = loop;
  library = mml_engine_get_library (engine);
  if (settle != NULL)
    mml_library_controller_set_settle_time (library, (guint) g_ascii_strtoull (settle, NULL, 10));
  g_signal_connect (library, "files-changed", G_CALLBACK (changed_cb), &w);
  g_signal_connect (library, "root-mode-changed", G_CALLBACK (mode_changed_cb), &w);
  g_signal_connect (engine, "error", G_CALLBACK (error_cb), &w);
  mml_library_controller_start_watcher (library);

  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (library, &w);
  g_signal_handlers_disconnect_by_data (engine, &w);

  return w.status;
}
