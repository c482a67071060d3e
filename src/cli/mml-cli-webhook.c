/* mml-cli-webhook.c — `mml webhook listen` and `mml server signin plex`:
 * the commands that wait for a server or a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mml-cli.h"
#include "mml-sync-controller.h"

static const char webhook_usage[] =
  N_("Usage: mml [--db PATH] webhook listen [--port N] [--bind ADDRESS] [--json]\n"
     "\n"
     "Receives the webhooks of Plex, Jellyfin (its webhook plugin) and Emby and\n"
     "applies each watched or unwatched mark as it comes. The first line is the\n"
     "URL to give the servers (it carries a secret: anything else is refused);\n"
     "then one line per event received. --bind 0.0.0.0 listens on every\n"
     "network (default: 127.0.0.1, this computer only). Stop it with Ctrl+C.\n");

static void
event_cb (MmlSyncController *sync,
          const char        *line,
          gpointer           user_data)
{
  gboolean json = GPOINTER_TO_INT (user_data);

  if (json)
    printf ("%s\n", line);
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      if (!json_parser_load_from_data (parser, line, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return;
      o = json_node_get_object (json_parser_get_root (parser));
      {
        g_autofree char *sender = mml_cli_text (json_object_get_string_member_with_default (o, "sender", ""));
        g_autofree char *event = mml_cli_text (json_object_get_string_member_with_default (o, "event", ""));
        g_autofree char *series = mml_cli_text (json_object_get_string_member_with_default (o, "series", ""));
        const char *action = json_object_get_string_member_with_default (o, "action", "");
        const char *outcome = json_object_get_string_member_with_default (o, "outcome", "");

        /* Translators: sender, its event, a series, S01E02, what it means, what became of it */
        printf (_("%s %s: %s S%02dE%02d %s → %s\n"), sender, event, series,
                (int) MAX (json_object_get_int_member_with_default (o, "season", 0), 0),
                (int) MAX (json_object_get_int_member_with_default (o, "episode", 0), 0), action, outcome);
      }
    }
  fflush (stdout);
}

int
mml_cli_webhook (MmlCli  *cli,
                 int      argc,
                 char   **argv)
{
  const char *bind = NULL;
  gboolean json = FALSE;
  gboolean listen = FALSE;
  guint64 port = 0;
  MmlSyncController *sync;
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = NULL;
  MmlEngine *engine;
  GSource *sigint, *sigterm;
  gulong handler;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          fputs (_(webhook_usage), stdout);
          return MML_EXIT_OK;
        }
      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (g_str_equal (arg, "--port"))
        {
          if (i + 1 >= argc || !g_ascii_string_to_unsigned (argv[i + 1], 10, 0, 65535, &port, NULL))
            return mml_cli_usage_error (cli, _("--port needs a number from 0 to 65535"));
          i++;
        }
      else if (g_str_equal (arg, "--bind"))
        {
          if (i + 1 >= argc || !g_hostname_is_ip_address (argv[i + 1]))
            return mml_cli_usage_error (cli, _("--bind needs an IP address (127.0.0.1, 0.0.0.0, ::)"));
          bind = argv[++i];
        }
      else if (g_str_equal (arg, "listen") && !listen)
        listen = TRUE;
      else
        return mml_cli_unexpected (cli, arg);
    }
  if (!listen)
    return mml_cli_usage_error (cli, _("webhook needs a command: listen"));
  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;

  sync = mml_engine_get_sync (engine);
  mml_sync_controller_listen_async (sync, bind, (guint) port, NULL, mml_cli_wait_cb, &wait);
  if (!(url = mml_sync_controller_listen_finish (sync, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  printf ("%s\n", url);
  fflush (stdout);

  handler = g_signal_connect (sync, "webhook", G_CALLBACK (event_cb), GINT_TO_POINTER (json));
  sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  sigterm = mml_cli_watch_signal (SIGTERM, mml_cli_interrupt_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (sync, handler);
  mml_sync_controller_stop_listening (sync);
  g_source_destroy (sigint);
  g_source_unref (sigint);
  g_source_destroy (sigterm);
  g_source_unref (sigterm);
  return MML_EXIT_OK;
}

/* `server signin plex [--name NAME] [--json]` */
int
mml_cli_server_signin (MmlCli     *cli,
                       MmlEngine  *engine,
                       const char *name,
                       gboolean    json)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlPlexPin) pin = NULL;
  g_autoptr(MmlServerRow) row = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GSource *sigint;

  {
    g_auto(MmlCliWait) wait = { 0 };

    mml_sync_controller_plex_pin_async (sync, NULL, mml_cli_wait_cb, &wait);
    pin = mml_sync_controller_plex_pin_finish (sync, mml_cli_wait_run (&wait), &error);
  }
  if (pin == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{");

      mml_cli_json_int (out, "id", pin->id);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "code", pin->code);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "url", pin->auth_url);
      g_string_append_c (out, ',');
      mml_cli_json_time (out, "expires_at", pin->expires_at);
      g_string_append (out, "}\n");
      fputs (out->str, stdout);
    }
  else
    {
      g_autofree char *code = mml_cli_text (pin->code);
      g_autofree char *url = mml_cli_text (pin->auth_url);

      printf (_("Plex PIN: %s\nOpen %s and sign in; waiting for it (Ctrl+C stops)…\n"), code, url);
    }
  fflush (stdout);

  sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  {
    g_auto(MmlCliWait) wait = { 0 };

    mml_sync_controller_plex_link_async (sync, pin, name, cancellable, mml_cli_wait_cb, &wait);
    row = mml_sync_controller_plex_link_finish (sync, mml_cli_wait_run (&wait), &error);
  }
  g_source_destroy (sigint);
  g_source_unref (sigint);
  if (row == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{");

      mml_cli_json_int (out, "id", row->id);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "kind", row->kind);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "name", row->name);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "url", row->url);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "user", row->user_name);
      g_string_append (out, "}\n");
      fputs (out->str, stdout);
    }
  else
    {
      g_autofree char *shown = mml_cli_text (row->name);
      g_autofree char *url = mml_cli_text (row->url);

      printf (_("Added server %lld: %s at %s\n"), (long long) row->id, shown, url);
    }
  return MML_EXIT_OK;
}
