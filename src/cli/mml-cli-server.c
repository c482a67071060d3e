/* mml-cli-server.c — `mml server` (add, signin, list, remove, test, map),
 * `mml sync` and `mml conflicts`: media servers and their watch status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "mml-cli.h"
#include "mml-sync-controller.h"

static const char server_usage[] =
  N_("Usage: mml [--db PATH] server COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  add plex|jellyfin|emby URL (--token-stdin | --user USER --password-stdin)\n"
     "      [--name NAME] [--json]\n"
     "                       check the server and add it; the token (or the one\n"
     "                       a sign-in gives) goes to the keyring, never to the\n"
     "                       library database\n"
     "  signin plex [--name NAME] [--json]\n"
     "                       sign in to Plex with a PIN: prints the code and the\n"
     "                       page to enter it on, waits, then adds your server\n"
     "  list [--json]        the servers, their user, libraries and last sync\n"
     "  remove ID            forget a server and its token\n"
     "  test ID [--json]     the server's version, user and TV libraries\n"
     "  map ID SERVER_PREFIX LOCAL_PREFIX\n"
     "                       the server sees SERVER_PREFIX where this computer\n"
     "                       sees LOCAL_PREFIX (an empty LOCAL_PREFIX removes it)\n");

static const char sync_usage[] =
  N_("Usage: mml [--db PATH] sync [--server ID] [--dry-run] [--json]\n"
     "\n"
     "Brings watched marks in step with every server (or one): a side that\n"
     "changed since the last sync wins, un-watching included; when both\n"
     "changed differently the episode goes to “mml conflicts”, written to\n"
     "neither side. --dry-run reads and decides but writes nothing.\n");

static const char conflicts_usage[] =
  N_("Usage: mml [--db PATH] conflicts COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  list [--kind match|watch] [--json]\n"
     "                       open conflicts: watch (both sides changed) and\n"
     "                       match (a series a server has that the library\n"
     "                       could not be mapped to)\n"
     "  resolve ID local|server\n"
     "                       a watch conflict: keep the library's state (sent\n"
     "                       to the server) or the server's (the library takes it)\n"
     "  resolve ID --series SERIES_ID\n"
     "                       a server's series the library could not map: it is\n"
     "                       that series of the library from now on\n"
     "  prefer SERIES_ID local|server|none\n"
     "                       always keep the library's or the server's state in\n"
     "                       that series' watch conflicts (the open ones are\n"
     "                       resolved now); none asks again\n");

typedef struct
{
  MmlCli     *cli;
  gboolean    json;
  gboolean    dry_run;
  gboolean    token_stdin;
  gboolean    password_stdin;
  const char *user;
  const char *name;
  const char *kind;
  gint64      server;
  gint64      series;
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
      const char **value = NULL;

      if (g_str_equal (arg, "--json"))
        a->json = TRUE;
      else if (g_str_equal (arg, "--dry-run") && g_str_equal (a->cli->verb, "sync"))
        a->dry_run = TRUE;
      else if (g_str_equal (arg, "--token-stdin") && g_str_equal (a->cli->verb, "server"))
        a->token_stdin = TRUE;
      else if (g_str_equal (arg, "--password-stdin") && g_str_equal (a->cli->verb, "server"))
        a->password_stdin = TRUE;
      else if (g_str_equal (arg, "--user") && g_str_equal (a->cli->verb, "server"))
        value = &a->user;
      else if (g_str_equal (arg, "--name") && g_str_equal (a->cli->verb, "server"))
        value = &a->name;
      else if (g_str_equal (arg, "--kind") && g_str_equal (a->cli->verb, "conflicts"))
        value = &a->kind;
      else if (g_str_equal (arg, "--series") && g_str_equal (a->cli->verb, "conflicts"))
        {
          if ((*status = mml_cli_id_arg (a->cli, MML_CLI_ID_SERIES, arg, i + 1 < argc ? argv[++i] : NULL,
                                         &a->series)) != MML_EXIT_OK)
            return FALSE;
        }
      else if (g_str_equal (arg, "--server") && g_str_equal (a->cli->verb, "sync"))
        {
          const char *id = i + 1 < argc ? argv[++i] : NULL;

          if (id == NULL || !mml_cli_parse_id (id, &a->server))
            {
              g_autofree char *shown = id != NULL ? mml_cli_text (id) : NULL;

              *status = shown != NULL ? mml_cli_usage_error (a->cli, _("“%s” is not a server id"), shown)
                                      : mml_cli_usage_error (a->cli, _("%s needs a server id"), arg);
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

      if (value != NULL)
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            {
              *status = mml_cli_usage_error (a->cli, _("%s needs a value"), arg);
              return FALSE;
            }
          *value = argv[++i];
        }
    }
  return TRUE;
}

/* One line of stdin without its line break; NULL at the end of input */
static char *
read_stdin_line (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    return NULL;
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static guint
count_libraries (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return 0;
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static void
row_to_json (GString            *out,
             const MmlServerRow *row,
             gboolean            brief)
{
  g_string_append_c (out, '{');
  mml_cli_json_int (out, "id", row->id);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "kind", row->kind);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "name", row->name);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "url", row->url);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "user", row->user_name != NULL ? row->user_name : row->user_id);
  if (!brief)
    {
      g_string_append_printf (out, ",\"libraries\":%s,", row->libraries != NULL ? row->libraries : "[]");
      mml_cli_json_time (out, "last_sync_at", row->last_sync_at);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "last_error", row->last_error);
      g_string_append_printf (out, ",\"mapped_series\":%u,\"paths\":[", row->mapped_series);
      for (guint i = 0; row->paths != NULL && row->paths[i] != NULL && row->paths[i + 1] != NULL; i += 2)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          mml_cli_json_string (out, "server", row->paths[i]);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "local", row->paths[i + 1]);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "machine_id", row->machine_id);
      if (row->version != NULL)
        {
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "version", row->version);
        }
    }
  g_string_append_c (out, '}');
}

static int
print_added (Args               *a,
             const MmlServerRow *row)
{
  if (a->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      row_to_json (out, row, TRUE);
      g_string_append_c (out, '\n');
      fputs (out->str, stdout);
    }
  else
    {
      g_autofree char *name = mml_cli_text (row->name);
      g_autofree char *user = mml_cli_text (row->user_name != NULL ? row->user_name : "");
      guint n = count_libraries (row->libraries);

      /* Translators: a server id, its name, its user, how many TV libraries */
      printf (g_dngettext (GETTEXT_PACKAGE, "Added server %lld: %s (user %s, %u TV library)\n",
                           "Added server %lld: %s (user %s, %u TV libraries)\n", n),
              (long long) row->id, name, user, n);
    }
  return MML_EXIT_OK;
}

static int
server_add (Args      *a,
            MmlEngine *engine)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlServerRow) row = NULL;
  MmlServerAccount account = { 0 };
  char *secret = NULL;

  if (!mml_server_kind_from_string (g_ptr_array_index (a->words, 1), &account.kind))
    g_return_val_if_reached (MML_EXIT_USAGE);
  account.url = g_ptr_array_index (a->words, 2);
  account.name = a->name;
  account.user = a->user;
  secret = read_stdin_line ();
  if (secret == NULL || *secret == '\0')
    {
      wipe_free (secret);
      mml_cli_error (a->cli, a->token_stdin ? _("no token was given on standard input")
                                            : _("no password was given on standard input"));
      return MML_EXIT_FAILURE;
    }
  if (a->token_stdin)
    account.token = secret;
  else
    account.password = secret;

  mml_sync_controller_add_server_async (sync, &account, NULL, mml_cli_wait_cb, &wait);
  row = mml_sync_controller_add_server_finish (sync, mml_cli_wait_run (&wait), &error);
  wipe_free (secret);
  if (row == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  return print_added (a, row);
}

static int
server_list (Args      *a,
             MmlEngine *engine)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_sync_controller_list_servers_async (sync, 0, NULL, mml_cli_wait_cb, &wait);
  if (!(rows = mml_sync_controller_list_servers_finish (sync, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < rows->len; i++)
    {
      MmlServerRow *row = g_ptr_array_index (rows, i);

      if (a->json)
        {
          if (i > 0)
            g_string_append (out, ",\n");
          row_to_json (out, row, FALSE);
          continue;
        }
      {
        g_autofree char *name = mml_cli_text (row->name);
        g_autofree char *url = mml_cli_text (row->url);
        g_autofree char *user = mml_cli_text (row->user_name != NULL ? row->user_name : "—");
        g_autoptr(GDateTime) at = row->last_sync_at > 0 ? g_date_time_new_from_unix_local (row->last_sync_at) : NULL;
        g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup (_("never"));
        g_autofree char *error_text = row->last_error != NULL ? mml_cli_text (row->last_error) : NULL;

        /* Translators: id, kind, name, address, user, TV libraries, mapped series, last sync */
        g_string_append_printf (out, _("%lld\t%s\t%s\t%s\tuser %s\t%u libraries\t%u series mapped\tsynced %s"),
                                (long long) row->id, row->kind, name, url, user, count_libraries (row->libraries),
                                row->mapped_series, when);
        if (error_text != NULL)
          g_string_append_printf (out, "\t%s", error_text);
        g_string_append_c (out, '\n');
        for (guint k = 0; row->paths[k] != NULL && row->paths[k + 1] != NULL; k += 2)
          {
            g_autofree char *server = mml_cli_text (row->paths[k]);
            g_autofree char *local = mml_cli_text (row->paths[k + 1]);

            g_string_append_printf (out, "\t%s → %s\n", server, local);
          }
      }
    }
  if (a->json)
    g_string_append (out, "]\n");
  else if (rows->len == 0)
    g_string_append (out, _("No servers yet: add one with “mml server add” or “mml server signin plex”\n"));
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static gboolean
server_id_arg (Args   *a,
               guint   index,
               gint64 *id,
               int    *status)
{
  const char *word = a->words->len > index ? g_ptr_array_index (a->words, index) : NULL;
  g_autofree char *what = g_strdup_printf ("server %s", (const char *) g_ptr_array_index (a->words, 0));

  if (word == NULL)
    {
      *status = mml_cli_usage_error (a->cli, _("%s needs a server id (see “mml server list”)"), what);
      return FALSE;
    }
  if (!mml_cli_parse_id (word, id))
    {
      g_autofree char *shown = mml_cli_text (word);

      *status = mml_cli_usage_error (a->cli, _("“%s” is not a server id"), shown);
      return FALSE;
    }
  return TRUE;
}

static int
server_remove (Args      *a,
               MmlEngine *engine,
               gint64     id)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;

  mml_sync_controller_remove_server_async (sync, id, NULL, mml_cli_wait_cb, &wait);
  if (!mml_sync_controller_remove_server_finish (sync, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  printf (_("Removed server %lld\n"), (long long) id);
  return MML_EXIT_OK;
}

static int
server_test (Args      *a,
             MmlEngine *engine,
             gint64     id)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlServerInfo) info = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_sync_controller_test_server_async (sync, id, NULL, mml_cli_wait_cb, &wait);
  if (!(info = mml_sync_controller_test_server_finish (sync, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    {
      g_string_append_c (out, '{');
      mml_cli_json_string (out, "server", info->server_name);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "version", info->version);
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "user", info->user_name != NULL ? info->user_name : info->user_id);
      g_string_append (out, ",\"libraries\":[");
      for (guint i = 0; info->libraries != NULL && i < info->libraries->len; i++)
        {
          MmlServerLibrary *library = g_ptr_array_index (info->libraries, i);

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          mml_cli_json_string (out, "id", library->id);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "title", library->title);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}\n");
    }
  else
    {
      g_autofree char *name = mml_cli_text (info->server_name);
      g_autofree char *version = mml_cli_text (info->version);
      g_autofree char *user = mml_cli_text (info->user_name != NULL ? info->user_name : info->user_id);

      g_string_append_printf (out, _("%s, version %s, user %s\n"), name, version, user);
      for (guint i = 0; info->libraries != NULL && i < info->libraries->len; i++)
        {
          MmlServerLibrary *library = g_ptr_array_index (info->libraries, i);
          g_autofree char *title = mml_cli_text (library->title);

          g_string_append_printf (out, _("TV library: %s\n"), title);
        }
    }
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static int
server_map (Args      *a,
            MmlEngine *engine,
            gint64     id)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  const char *server_prefix = g_ptr_array_index (a->words, 2);
  const char *local_prefix = g_ptr_array_index (a->words, 3);

  mml_sync_controller_map_path_async (sync, id, server_prefix, local_prefix, NULL, mml_cli_wait_cb, &wait);
  if (!mml_sync_controller_map_path_finish (sync, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  {
    g_autofree char *s = mml_cli_text (server_prefix);
    g_autofree char *l = mml_cli_text (local_prefix);

    if (*local_prefix == '\0')
      printf (_("Server %lld: %s is no longer mapped\n"), (long long) id, s);
    else
      printf (_("Server %lld: %s → %s\n"), (long long) id, s, l);
  }
  return MML_EXIT_OK;
}

int
mml_cli_server (MmlCli  *cli,
                int      argc,
                char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, .words = words };
  int status = MML_EXIT_OK;
  const char *command;
  MmlServerKind kind;
  MmlEngine *engine;
  gint64 id = 0;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(server_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len == 0)
    return mml_cli_usage_error (cli, _("server needs a command: add, signin, list, remove, test or map"));
  command = g_ptr_array_index (words, 0);

  if (g_str_equal (command, "add"))
    {
      if (words->len < 2 || !mml_server_kind_from_string (g_ptr_array_index (words, 1), &kind))
        return mml_cli_usage_error (cli, _("server add needs the kind: plex, jellyfin or emby"));
      if (words->len < 3)
        return mml_cli_usage_error (cli, _("server add needs the server's address (http://host:port)"));
      if (words->len > 3)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 3));
      if (a.token_stdin == a.password_stdin)
        return mml_cli_usage_error (cli, _("server add takes one of --token-stdin and --password-stdin"));
      if (a.password_stdin && a.user == NULL)
        return mml_cli_usage_error (cli, _("--password-stdin needs --user"));
      if (a.password_stdin && kind == MML_SERVER_KIND_PLEX)
        return mml_cli_usage_error (cli, _("Plex takes --token-stdin, or “mml server signin plex”"));
    }
  else if (g_str_equal (command, "signin"))
    {
      if (words->len < 2 || !g_str_equal (g_ptr_array_index (words, 1), "plex"))
        return mml_cli_usage_error (cli, _("server signin works with plex"));
      if (words->len > 2)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 2));
    }
  else if (g_str_equal (command, "list"))
    {
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "remove") || g_str_equal (command, "test") || g_str_equal (command, "map"))
    {
      guint n = g_str_equal (command, "map") ? 4 : 2;

      if (!server_id_arg (&a, 1, &id, &status))
        return status;
      if (words->len < n)
        return mml_cli_usage_error (cli, _("server map needs SERVER_PREFIX and LOCAL_PREFIX"));
      if (words->len > n)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, n));
    }
  else
    {
      g_autofree char *shown = mml_cli_text (command);

      return mml_cli_usage_error (cli, _("unknown server command “%s”"), shown);
    }
  if ((a.token_stdin || a.password_stdin || a.user != NULL) && !g_str_equal (command, "add"))
    return mml_cli_unexpected (cli, a.token_stdin ? "--token-stdin" : a.password_stdin ? "--password-stdin" : "--user");
  if (a.name != NULL && !g_str_equal (command, "add") && !g_str_equal (command, "signin"))
    return mml_cli_unexpected (cli, "--name");

  engine = mml_cli_open_engine (cli, g_str_equal (command, "add") || g_str_equal (command, "signin")
                                     ? MML_CLI_OPEN_CREATE : MML_CLI_OPEN_EXISTING);
  if (engine == NULL)
    return MML_EXIT_FAILURE;
  if (g_str_equal (command, "add"))
    return server_add (&a, engine);
  if (g_str_equal (command, "signin"))
    return mml_cli_server_signin (cli, engine, a.name, a.json);
  if (g_str_equal (command, "list"))
    return server_list (&a, engine);
  if (g_str_equal (command, "remove"))
    return server_remove (&a, engine, id);
  if (g_str_equal (command, "test"))
    return server_test (&a, engine, id);
  return server_map (&a, engine, id);
}

/* ---- sync ---- */

int
mml_cli_sync (MmlCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, .words = words };
  int status = MML_EXIT_OK;
  MmlSyncController *sync;
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GSource *sigint;
  MmlEngine *engine;
  guint errors = 0;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(sync_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len > 0)
    return mml_cli_unexpected (cli, g_ptr_array_index (words, 0));
  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;

  sync = mml_engine_get_sync (engine);
  sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  mml_sync_controller_sync_async (sync, a.server, a.dry_run, cancellable, mml_cli_wait_cb, &wait);
  reports = mml_sync_controller_sync_finish (sync, mml_cli_wait_run (&wait), &error);
  g_source_destroy (sigint);
  g_source_unref (sigint);
  if (reports == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (a.json)
    g_string_append (out, "{\"servers\":[");
  for (guint i = 0; i < reports->len; i++)
    {
      MmlSyncReport *r = g_ptr_array_index (reports, i);

      errors += r->errors;
      if (a.json)
        {
          g_autofree char *json = mml_sync_report_to_json (r);

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, json);
          continue;
        }
      {
        g_autofree char *name = mml_cli_text (r->name != NULL ? r->name : "");

        /* Translators: a server's id and name, then counts */
        g_string_append_printf (out, _("%lld %s: %u series mapped, %u not; %u pulled, %u pushed, "
                                       "%u conflicts, %u unchanged; %u requests in %.1f s%s\n"),
                                (long long) r->server_id, name, r->mapped_series, r->unmapped_series, r->pulled, r->pushed,
                                r->conflicts, r->unchanged, r->requests, r->seconds,
                                a.dry_run ? _(" (dry run: nothing written)") : "");
        if (r->error != NULL)
          {
            g_autofree char *text = mml_cli_text (r->error);

            g_string_append_printf (out, _("  error: %s\n"), text);
          }
      }
    }
  if (a.json)
    g_string_append (out, "]}\n");
  else if (reports->len == 0)
    g_string_append (out, _("No servers to sync: add one with “mml server add”\n"));
  fputs (out->str, stdout);
  if (errors > 0 && !a.json)
    mml_cli_error (cli, g_dngettext (GETTEXT_PACKAGE, "the sync had %u error", "the sync had %u errors", errors),
                   errors);
  return errors > 0 ? MML_EXIT_FAILURE : MML_EXIT_OK;
}

/* ---- conflicts ---- */

static void
state_json (GString             *out,
            const char          *name,
            const MmlWatchState *state)
{
  g_string_append_printf (out, "\"%s\":{\"watched\":%s,", name, state->watched ? "true" : "false");
  mml_cli_json_time (out, "watched_at", state->watched ? state->at : 0);
  g_string_append_c (out, '}');
}

static char *
state_text (const MmlWatchState *state)
{
  g_autoptr(GDateTime) at = state->at > 0 ? g_date_time_new_from_unix_local (state->at) : NULL;
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : NULL;

  if (!state->watched)
    return g_strdup (_("unwatched"));
  return when != NULL ? g_strdup_printf (_("watched %s"), when) : g_strdup (_("watched"));
}

static int
conflicts_list (Args      *a,
                MmlEngine *engine)
{
  MmlSyncController *sync = mml_engine_get_sync (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint kinds = 0;

  if (a->kind != NULL)
    kinds = g_str_equal (a->kind, "watch") ? 1 << MML_SYNC_CONFLICT_WATCH : 1 << MML_SYNC_CONFLICT_MATCH;
  mml_sync_controller_list_conflicts_async (sync, kinds, NULL, mml_cli_wait_cb, &wait);
  if (!(list = mml_sync_controller_list_conflicts_finish (sync, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < list->len; i++)
    {
      MmlSyncConflict *c = g_ptr_array_index (list, i);
      gboolean watch = c->kind == MML_SYNC_CONFLICT_WATCH;

      if (a->json)
        {
          if (i > 0)
            g_string_append (out, ",\n");
          g_string_append_c (out, '{');
          mml_cli_json_int (out, "id", c->id);
          g_string_append_printf (out, ",\"kind\":\"%s\",", watch ? "watch" : "match");
          mml_cli_json_int (out, "series_id", c->series_id);
          g_string_append_c (out, ',');
          mml_cli_json_int (out, "episode_id", c->episode_id);
          g_string_append_c (out, ',');
          if (c->season >= 0)
            g_string_append_printf (out, "\"season\":%d,", c->season);
          else
            g_string_append (out, "\"season\":null,");
          if (c->episode >= 0)
            g_string_append_printf (out, "\"episode\":%d,", c->episode);
          else
            g_string_append (out, "\"episode\":null,");
          mml_cli_json_int (out, "server_id", c->server_id);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "server_item_id", c->server_item_id);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "title", c->title != NULL ? c->title : c->series_title);
          if (watch)
            {
              g_string_append_c (out, ',');
              state_json (out, "local", &c->local);
              g_string_append_c (out, ',');
              state_json (out, "server", &c->server);
            }
          else
            g_string_append (out, ",\"local\":null,\"server\":null");
          g_string_append_c (out, '}');
          continue;
        }
      if (watch)
        {
          g_autofree char *title = mml_cli_text (c->series_title != NULL ? c->series_title : "");
          g_autofree char *local = state_text (&c->local);
          g_autofree char *server = state_text (&c->server);

          /* Translators: id, series, S01E02, server id, the library's state, the server's */
          g_string_append_printf (out, _("%lld\twatch\t%s S%02dE%02d\tserver %lld"
                                         "\there: %s\tserver: %s\n"),
                                  (long long) c->id, title, MAX (c->season, 0), MAX (c->episode, 0),
                                  (long long) c->server_id, local, server);
        }
      else
        {
          g_autofree char *title = mml_cli_text (c->title != NULL ? c->title
                                                 : c->series_title != NULL ? c->series_title : "");

          if (c->server_id != 0)
            g_string_append_printf (out, _("%lld\tmatch\t%s\tserver %lld"
                                           ": not in the library\n"), (long long) c->id, title, (long long) c->server_id);
          else
            g_string_append_printf (out, _("%lld\tmatch\t%s\tseveral shows fit "
                                           "(see “mml series match %lld”)\n"),
                                    (long long) c->id, title, (long long) c->series_id);
        }
    }
  if (a->json)
    g_string_append (out, "]\n");
  else if (list->len == 0)
    g_string_append (out, _("No conflicts\n"));
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

int
mml_cli_conflicts (MmlCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, .words = words };
  int status = MML_EXIT_OK;
  const char *command;
  MmlEngine *engine;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(conflicts_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len == 0)
    return mml_cli_usage_error (cli, _("conflicts needs a command: list, resolve or prefer"));
  command = g_ptr_array_index (words, 0);
  if (a.kind != NULL && (!g_str_equal (command, "list") ||
                         (!g_str_equal (a.kind, "watch") && !g_str_equal (a.kind, "match"))))
    {
      g_autofree char *shown = mml_cli_text (a.kind);

      return g_str_equal (command, "list") ? mml_cli_usage_error (cli, _("“%s” is not match or watch"), shown)
                                           : mml_cli_unexpected (cli, "--kind");
    }

  if (g_str_equal (command, "list"))
    {
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
      if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
        return MML_EXIT_FAILURE;
      return conflicts_list (&a, engine);
    }
  if (g_str_equal (command, "resolve"))
    {
      MmlSyncController *sync;
      g_auto(MmlCliWait) wait = { 0 };
      g_autoptr(GError) error = NULL;
      const char *side;
      gint64 id;

      if (words->len < 2 || !mml_cli_parse_id (g_ptr_array_index (words, 1), &id))
        return mml_cli_usage_error (cli, _("conflicts resolve needs a conflict id (see “mml conflicts list”)"));
      if (a.series > 0)
        {
          if (words->len > 2)
            return mml_cli_unexpected (cli, g_ptr_array_index (words, 2));
          if (a.json)
            return mml_cli_unexpected (cli, "--json");
          if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
            return MML_EXIT_FAILURE;
          sync = mml_engine_get_sync (engine);
          mml_sync_controller_map_series_async (sync, id, a.series, NULL, mml_cli_wait_cb, &wait);
          if (!mml_sync_controller_map_series_finish (sync, mml_cli_wait_run (&wait), &error))
            {
              mml_cli_error (cli, "%s", error->message);
              return MML_EXIT_FAILURE;
            }
          printf (_("Conflict %lld resolved: the server's series is series %lld of the library\n"),
                  (long long) id, (long long) a.series);
          return MML_EXIT_OK;
        }
      side = words->len > 2 ? g_ptr_array_index (words, 2) : NULL;
      if (side == NULL || (!g_str_equal (side, "local") && !g_str_equal (side, "server")))
        return mml_cli_usage_error (cli, _("conflicts resolve needs local, server or --series SERIES_ID"));
      if (words->len > 3)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 3));
      if (a.json)
        return mml_cli_unexpected (cli, "--json");
      if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
        return MML_EXIT_FAILURE;
      sync = mml_engine_get_sync (engine);
      mml_sync_controller_resolve_async (sync, id, g_str_equal (side, "local"), NULL, mml_cli_wait_cb, &wait);
      if (!mml_sync_controller_resolve_finish (sync, mml_cli_wait_run (&wait), &error))
        {
          mml_cli_error (cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
      printf (g_str_equal (side, "local") ? _("Conflict %lld resolved: the server took this library's state\n")
                                          : _("Conflict %lld resolved: the library took the server's state\n"),
              (long long) id);
      return MML_EXIT_OK;
    }
  if (g_str_equal (command, "prefer"))
    {
      MmlSyncController *sync;
      g_auto(MmlCliWait) wait = { 0 };
      g_autoptr(GError) error = NULL;
      MmlWatchPrefer prefer;
      const char *side;
      guint resolved = 0;
      gint64 id;

      if (words->len < 2 || !mml_cli_parse_id (g_ptr_array_index (words, 1), &id))
        return mml_cli_usage_error (cli, _("conflicts prefer needs a series id (see “mml series list”)"));
      side = words->len > 2 ? g_ptr_array_index (words, 2) : NULL;
      if (side == NULL || !mml_watch_prefer_from_string (side, &prefer))
        return mml_cli_usage_error (cli, _("conflicts prefer needs local, server or none"));
      if (words->len > 3)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 3));
      if (a.json)
        return mml_cli_unexpected (cli, "--json");
      if (a.series > 0)
        return mml_cli_unexpected (cli, "--series");
      if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
        return MML_EXIT_FAILURE;
      sync = mml_engine_get_sync (engine);
      mml_sync_controller_prefer_async (sync, id, prefer, NULL, mml_cli_wait_cb, &wait);
      if (!mml_sync_controller_prefer_finish (sync, mml_cli_wait_run (&wait), &resolved, &error))
        {
          mml_cli_error (cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
      if (prefer == MML_WATCH_PREFER_NONE)
        printf (_("Series %lld: watch conflicts are asked again\n"), (long long) id);
      else if (prefer == MML_WATCH_PREFER_LOCAL)
        printf (g_dngettext (GETTEXT_PACKAGE,
                             "Series %lld keeps this library's marks in watch conflicts (%u open one resolved)\n",
                             "Series %lld keeps this library's marks in watch conflicts (%u open ones resolved)\n",
                             resolved),
                (long long) id, resolved);
      else
        printf (g_dngettext (GETTEXT_PACKAGE,
                             "Series %lld keeps the server's marks in watch conflicts (%u open one resolved)\n",
                             "Series %lld keeps the server's marks in watch conflicts (%u open ones resolved)\n",
                             resolved),
                (long long) id, resolved);
      return MML_EXIT_OK;
    }
  {
    g_autofree char *shown = mml_cli_text (command);

    return mml_cli_usage_error (cli, _("unknown conflicts command “%s”"), shown);
  }
}
