/* mml-cli-series.c — `mml series …`, `mml episodes …` and `mml refresh`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mml-cli.h"
#include "mml-cli-series-private.h"
#include "mml-meta-store.h"
#include "mml-util.h"

static const char series_usage[] =
  N_("Usage: mml [--db PATH] series COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  list [--json]                      every series with ids, match state and counts\n"
     "  show ID [--json]                   one series with its episodes\n"
     "  search TITLE [--year N] [--json]   candidates at the provider, scored\n"
     "  match [ID] [--conflicts] [--json]  match unmatched series (or ID, or the conflicts)\n"
     "  match ID --choose PROVIDER_ID      the user's choice: final, never overridden\n"
     "  add --root ID --id PROVIDER_ID [--folder NAME] [--json]\n"
     "                                     add a series by its provider id (the folder is\n"
     "                                     created under the root when missing)\n"
     "  confirm ID | confirm --all             keep an automatic match (it becomes final)\n"
     "  ignore ID | unignore ID | unmatch ID\n"
     "  order ID aired|dvd|absolute        change the episode order and relink the files\n"
     "\n"
     "Options: --provider tvmaze|tvdb|tmdb (default $MML_PROVIDER, else tvmaze).\n"
     "Keys come from the keyring, or $MML_TVDB_API_KEY, $MML_TVDB_PIN, $MML_TMDB_API_KEY.\n"
     "Progress goes to stderr, results to stdout.\n");

static const char episodes_usage[] =
  N_("Usage: mml [--db PATH] [--today YYYY-MM-DD] episodes missing|upcoming [--series ID] [--days N]\n"
     "                                              [--specials] [--json]\n"
     "\n"
     "missing: aired (on or before today, local time), no file; specials only with --specials.\n"
     "upcoming: airing after today; --days N limits it to the next N days.\n"
     "--today (before the command) says which day is today.\n");

static const char refresh_usage[] =
  N_("Usage: mml [--db PATH] refresh [--all] [--series ID] [--provider P] [--json]\n"
     "\n"
     "Fetches what changed at the provider since the last refresh (its updates\n"
     "feed); --all refetches every matched series. Manual matches and your own\n"
     "field overrides stay.\n");

/* --- helpers ------------------------------------------------------------- */

static gboolean
parse_args (MmlCliSeriesArgs *a,
            int               argc,
            char            **argv,
            int              *status)
{
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      gint64 n;

      if (g_str_equal (arg, "--json"))
        a->json = TRUE;
      else if (g_str_equal (arg, "--specials"))
        a->specials = TRUE;
      else if (g_str_equal (arg, "--conflicts"))
        a->conflicts = TRUE;
      else if (g_str_equal (arg, "--all"))
        a->all = TRUE;
      else if (g_str_equal (arg, "--provider"))
        {
          if (++i >= argc || !mml_meta_provider_from_string (argv[i], &a->cli->provider))
            {
              *status = mml_cli_usage_error (a->cli, _("--provider needs tvmaze, tvdb or tmdb"));
              return FALSE;
            }
          a->cli->have_provider = TRUE;
        }
      else if (g_str_equal (arg, "--series") || g_str_equal (arg, "--root") || g_str_equal (arg, "--id")
               || g_str_equal (arg, "--choose") || g_str_equal (arg, "--year") || g_str_equal (arg, "--days"))
        {
          if (++i >= argc || !mml_cli_parse_id (argv[i], &n))
            {
              *status = mml_cli_usage_error (a->cli, _("%s needs a positive number"), arg);
              return FALSE;
            }
          if (g_str_equal (arg, "--series"))
            a->series_id = n;
          else if (g_str_equal (arg, "--root"))
            a->root_id = n;
          else if (g_str_equal (arg, "--id") || g_str_equal (arg, "--choose"))
            a->choose = n;
          else if (g_str_equal (arg, "--year"))
            a->year = (int) CLAMP (n, 0, 9999);
          else
            a->days = (guint) CLAMP (n, 0, 3650);
        }
      else if (g_str_equal (arg, "--folder"))
        {
          if (++i >= argc || argv[i][0] == '\0')
            {
              *status = mml_cli_usage_error (a->cli, _("--folder needs a name"));
              return FALSE;
            }
          a->folder = argv[i];
        }
      else if (arg[0] == '-' && arg[1] == '-')
        {
          *status = mml_cli_usage_error (a->cli, _("unknown option “%s”"), arg);
          return FALSE;
        }
      else
        g_ptr_array_add (a->words, (gpointer) arg);
    }
  return TRUE;
}

/* The first positional word as a series id. */
static gboolean
word_id (MmlCliSeriesArgs *a,
         guint             index,
         gint64           *id,
         int              *status)
{
  if (index >= a->words->len || !mml_cli_parse_id (g_ptr_array_index (a->words, index), id))
    {
      *status = mml_cli_usage_error (a->cli, _("a series id is needed"));
      return FALSE;
    }
  return TRUE;
}

void
mml_cli_series_args_clear (MmlCliSeriesArgs *a)
{
  g_clear_pointer (&a->words, g_ptr_array_unref);
}

static char *
episode_label (const MmlEpisodeRow *e)
{
  if (e->season >= 0 && e->number > 0)
    return g_strdup_printf ("S%02dE%02d", e->season, e->number);
  if (e->absolute > 0)
    return g_strdup_printf ("#%d", e->absolute);
  return g_strdup (e->special ? _("special") : "—");
}

static void
print_episode_line (const MmlEpisodeRow *e,
                    gboolean             with_series)
{
  g_autofree char *label = episode_label (e);

  if (with_series)
    printf ("%-30.30s  ", e->series_title ? e->series_title : "");
  printf ("%-8s  %-10s  %-9s  %s\n", label, e->air_date ? e->air_date : "", 
          e->missing ? _("missing") : e->upcoming ? _("upcoming") : e->files > 0 ? _("on disk") : "",
          e->title ? e->title : "");
}

/* --- series list / show ---------------------------------------------------- */

static GPtrArray *
list_series (MmlEngine  *engine,
             gint64      id,
             GError    **error)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };

  mml_metadata_controller_list_series_async (metadata, id, NULL, mml_cli_wait_cb, &wait);
  return mml_metadata_controller_list_series_finish (metadata, mml_cli_wait_run (&wait), error);
}

static GPtrArray *
list_episodes (MmlEngine          *engine,
               MmlEpisodesFilter   filter,
               gint64              id,
               guint               days,
               gboolean            specials,
               GError            **error)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };

  mml_metadata_controller_list_episodes_async (metadata, filter, id, days, specials, NULL, mml_cli_wait_cb, &wait);
  return mml_metadata_controller_list_episodes_finish (metadata, mml_cli_wait_run (&wait), error);
}

static int
series_list (MmlCliSeriesArgs *a,
             MmlEngine        *engine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = list_series (engine, 0, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (rows == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < rows->len; i++)
        {
          if (i > 0)
            g_string_append (out, ",\n");
          mml_cli_series_to_json (out, g_ptr_array_index (rows, i));
        }
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
      return MML_EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      MmlSeriesItem *r = g_ptr_array_index (rows, i);
      const char *name = mml_series_item_get_title (r);
      int year = mml_series_item_get_year (r);
      g_autofree char *title = year > 0 ? g_strdup_printf ("%s (%d)", name, year) : g_strdup (name);

      printf ("%6" G_GINT64_FORMAT "  %-8s  %-40.40s  %4u ep  %4u files  %4u missing  %3u upcoming\n",
              mml_series_item_get_id (r), mml_series_item_get_match_state (r), title,
              mml_series_item_get_n_regular_episodes (r), mml_series_item_get_n_present_files (r),
              mml_series_item_get_n_missing (r), mml_series_item_get_n_upcoming (r));
    }
  if (rows->len == 0)
    fprintf (stderr, _("No series yet: add a library folder with “mml root add PATH” and run “mml scan”.\n"));
  return MML_EXIT_OK;
}

static int
series_show (MmlCliSeriesArgs *a,
             MmlEngine        *engine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  MmlSeriesItem *r;
  const char *provider, *network, *series_status, *root_path, *folder;
  gint64 id;
  int status;

  if (!word_id (a, 1, &id, &status))
    return status;
  if ((rows = list_series (engine, id, &error)) == NULL
      || (episodes = list_episodes (engine, MML_EPISODES_ALL, id, 0, a->specials, &error)) == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (rows->len == 0)
    {
      mml_cli_error (a->cli, _("there is no series %lld"), (long long) id);
      return MML_EXIT_FAILURE;
    }
  r = g_ptr_array_index (rows, 0);
  if (a->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      mml_cli_series_to_json (out, r);
      g_string_truncate (out, out->len - 1);
      g_string_append (out, ",\"episode_list\":[");
      for (guint i = 0; i < episodes->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          mml_cli_episode_to_json (out, g_ptr_array_index (episodes, i));
        }
      g_string_append (out, "]}\n");
      fputs (out->str, stdout);
      return MML_EXIT_OK;
    }
  provider = mml_series_item_get_provider (r);
  network = mml_series_item_get_network (r);
  series_status = mml_series_item_get_status (r);
  root_path = mml_series_item_get_root_path (r);
  folder = mml_series_item_get_folder (r);
  printf ("%s", mml_series_item_get_title (r));
  if (mml_series_item_get_year (r) > 0)
    printf (" (%d)", mml_series_item_get_year (r));
  printf ("\n%s: %s%s%s   %s: %s\n", _("Match"), mml_series_item_get_match_state (r),
          provider ? " · " : "", provider ? provider : "", _("Order"), mml_series_item_get_episode_order (r));
  if (network || series_status)
    printf ("%s · %s\n", network ? network : "?", series_status ? series_status : "?");
  printf (_("Folder: %s/%s\n"), root_path ? root_path : "", folder ? folder : "");
  printf (_("%u episodes, %u files, %u missing, %u upcoming\n"), mml_series_item_get_n_regular_episodes (r),
          mml_series_item_get_n_present_files (r), mml_series_item_get_n_missing (r), mml_series_item_get_n_upcoming (r));
  if (mml_series_item_get_meta_error (r))
    printf (_("Last metadata error: %s\n"), mml_series_item_get_meta_error (r));
  if (mml_series_item_get_overview (r))
    printf ("\n%s\n", mml_series_item_get_overview (r));
  putchar ('\n');
  for (guint i = 0; i < episodes->len; i++)
    print_episode_line (g_ptr_array_index (episodes, i), FALSE);
  return MML_EXIT_OK;
}

/* --- match / refresh ---------------------------------------------------- */

typedef struct
{
  gboolean tty;
  gint64   last;
} Progress;

/* The metadata controller's "progress" */
static void
progress_cb (MmlMetadataController *metadata,
             guint                  done,
             guint                  total,
             const char            *current,
             double                 eta,
             gpointer               user_data)
{
  Progress *p = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *left = eta >= 0 ? g_strdup_printf (_("about %dm %02ds left"), (int) eta / 60, (int) eta % 60)
                                   : g_strdup (_("estimating the time left"));

  if (p->tty)
    {
      fprintf (stderr, "\r\033[K%u/%u  %s  %.50s", done, total, left, current ? current : "");
      return;
    }
  if (now - p->last < G_USEC_PER_SEC && done < total)
    return;
  p->last = now;
  fprintf (stderr, _("matching: %u of %u, %s (%s)\n"), done, total, left, current ? current : "");
}

static void
print_summary (MmlCliSeriesArgs        *a,
               const MmlMetaRunSummary *sum,
               gboolean                 refresh)
{
  if (a->json)
    {
      printf ("{\"total\":%u,\"%s\":%u,\"conflicts\":%u,\"kept\":%u,\"unchanged\":%u,\"errors\":%u,"
              "\"calls\":%u,\"requests\":%" G_GUINT64_FORMAT ",\"seconds\":%.2f}\n",
              sum->total, refresh ? "refreshed" : "matched", sum->accepted, sum->conflicts, sum->kept,
              sum->unchanged, sum->errors, sum->calls, sum->requests, sum->seconds);
      return;
    }
  if (refresh)
    printf (_("%u series: %u refreshed, %u unchanged, %u left alone, %u errors; "
              "%llu requests in %.1f s\n"),
            sum->total, sum->accepted, sum->unchanged, sum->kept, sum->errors,
            (unsigned long long) sum->requests, sum->seconds);
  else
    printf (_("%u series: %u matched, %u to confirm in Conflicts, %u left alone, %u errors; "
              "%llu requests in %.1f s\n"),
            sum->total, sum->accepted, sum->conflicts, sum->kept, sum->errors,
            (unsigned long long) sum->requests, sum->seconds);
  if (sum->first_error)
    fprintf (stderr, _("First error: %s\n"), sum->first_error);
}

static int
run_many (MmlCliSeriesArgs *a,
          MmlEngine        *engine,
          gboolean          refresh,
          gint64            id)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(MmlMetaRunSummary) sum = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { isatty (STDERR_FILENO), 0 };
  GSource *sigint;
  gulong handler;

  if (!mml_cli_wait_provider (a->cli))
    return MML_EXIT_FAILURE;

  cancellable = g_cancellable_new ();
  handler = g_signal_connect (metadata, "progress", G_CALLBACK (progress_cb), &progress);
  sigint = mml_cli_watch_signal (SIGINT, mml_cli_interrupt_cb, cancellable);
  if (refresh)
    mml_metadata_controller_refresh_async (metadata, a->all, id, cancellable, mml_cli_wait_cb, &wait);
  else
    mml_metadata_controller_match_async (metadata, id > 0 ? MML_META_TARGETS_ONE
                                                  : a->conflicts ? MML_META_TARGETS_CONFLICTS
                                                  : MML_META_TARGETS_UNMATCHED,
                                         id, cancellable, mml_cli_wait_cb, &wait);
  sum = mml_metadata_controller_run_finish (metadata, mml_cli_wait_run (&wait), &error);
  g_source_destroy (sigint);
  g_source_unref (sigint);
  g_signal_handler_disconnect (metadata, handler);
  if (progress.tty)
    fputs ("\r\033[K", stderr);
  if (sum == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mml_cli_error (a->cli, _("cancelled; every series done so far is saved"));
      else
        mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  print_summary (a, sum, refresh);
  return sum->errors > 0 && sum->accepted + sum->conflicts == 0 ? MML_EXIT_FAILURE : MML_EXIT_OK;
}

static int
series_choose (MmlCliSeriesArgs *a,
               MmlEngine        *engine,
               gint64            id)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;

  if (!mml_cli_wait_provider (a->cli))
    return MML_EXIT_FAILURE;
  mml_metadata_controller_choose_async (metadata, id, a->choose, NULL, mml_cli_wait_cb, &wait);
  if (!mml_metadata_controller_choose_finish (metadata, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  printf (_("Series %lld is %s %lld (manual match)\n"), (long long) id,
          mml_meta_provider_display_name (mml_metadata_controller_get_provider (metadata)),
          (long long) a->choose);
  return MML_EXIT_OK;
}

/* @id: the series, or 0 with %MML_META_UPDATE_CONFIRM: every automatic match */
static int
series_update (MmlCliSeriesArgs *a,
               MmlEngine        *engine,
               gint64            id,
               MmlMetaUpdate     what)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;

  mml_metadata_controller_update_async (metadata, id, what, NULL, mml_cli_wait_cb, &wait);
  if (!mml_metadata_controller_update_finish (metadata, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  return MML_EXIT_OK;
}

static int
series_order (MmlCliSeriesArgs *a,
              MmlEngine        *engine,
              gint64            id,
              MmlEpisodeOrder   order)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;

  if (!mml_cli_wait_provider (a->cli))
    return MML_EXIT_FAILURE;
  mml_metadata_controller_set_order_async (metadata, id, order, NULL, mml_cli_wait_cb, &wait);
  if (!mml_metadata_controller_set_order_finish (metadata, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  return MML_EXIT_OK;
}

/* --- the verbs ------------------------------------------------------------ */

static gboolean
wants_help (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;
  return FALSE;
}

int
mml_cli_series (MmlCli  *cli,
                int      argc,
                char   **argv)
{
  g_auto(MmlCliSeriesArgs) a = { cli, .words = g_ptr_array_new () };
  const char *command;
  MmlEngine *engine;
  MmlMetaUpdate update = MML_META_UPDATE_CONFIRM;
  MmlEpisodeOrder order = MML_EPISODE_ORDER_AIRED;
  int status = MML_EXIT_OK;
  gint64 id = 0;

  if (wants_help (argc, argv) || argc < 2)
    {
      fputs (_(series_usage), argc < 2 ? stderr : stdout);
      return argc < 2 ? MML_EXIT_USAGE : MML_EXIT_OK;
    }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  command = g_ptr_array_index (a.words, 0);
  if (!g_strv_contains ((const char * const[]) { "list", "show", "search", "match", "add", "confirm", "ignore",
                                                 "unignore", "unmatch", "order", NULL }, command))
    return mml_cli_usage_error (cli, _("unknown series command “%s”"), command);
  if (g_str_equal (command, "match") && a.words->len > 1 && !word_id (&a, 1, &id, &status))
    return status;
  if (g_str_equal (command, "match") && a.choose > 0 && id <= 0)
    return mml_cli_usage_error (cli, _("--choose needs a series id: match ID --choose PROVIDER_ID"));

  /* the decisions on one series: a usage error before anything is opened */
  if (g_str_equal (command, "confirm") || g_str_equal (command, "ignore") || g_str_equal (command, "unignore")
      || g_str_equal (command, "unmatch") || g_str_equal (command, "order"))
    {
      if (g_str_equal (command, "ignore"))
        update = MML_META_UPDATE_IGNORE;
      else if (g_str_equal (command, "unignore"))
        update = MML_META_UPDATE_UNIGNORE;
      else if (g_str_equal (command, "unmatch"))
        update = MML_META_UPDATE_UNMATCH;
      if (!(g_str_equal (command, "confirm") && a.all) && !word_id (&a, 1, &id, &status))
        return status;
      if (g_str_equal (command, "order")
          && (a.words->len < 3 || !mml_episode_order_from_string (g_ptr_array_index (a.words, 2), &order)))
        return mml_cli_usage_error (cli, _("order needs aired, dvd or absolute"));
    }
  if (g_str_equal (command, "show") && !word_id (&a, 1, &id, &status))
    return status;
  if (g_str_equal (command, "search") && a.words->len < 2)
    return mml_cli_usage_error (cli, _("search needs a title"));
  if (g_str_equal (command, "add") && (a.root_id <= 0 || a.choose <= 0))
    return mml_cli_usage_error (cli, _("add needs --root ID and --id PROVIDER_ID"));

  if (!(engine = mml_cli_open_engine (cli)))
    return MML_EXIT_FAILURE;

  if (g_str_equal (command, "list"))
    return series_list (&a, engine);
  if (g_str_equal (command, "show"))
    return series_show (&a, engine);
  if (g_str_equal (command, "search"))
    return mml_cli_series_search (&a, engine);
  if (g_str_equal (command, "add"))
    return mml_cli_series_add (&a, engine);
  if (g_str_equal (command, "order"))
    return series_order (&a, engine, id, order);
  if (!g_str_equal (command, "match"))
    return series_update (&a, engine, id, update);
  if (a.choose > 0)
    return series_choose (&a, engine, id);
  return run_many (&a, engine, FALSE, id);
}

int
mml_cli_episodes (MmlCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_auto(MmlCliSeriesArgs) a = { cli, .words = g_ptr_array_new () };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MmlEpisodesFilter filter;
  const char *command;
  MmlEngine *engine;
  int status = MML_EXIT_OK;

  if (wants_help (argc, argv) || argc < 2)
    {
      fputs (_(episodes_usage), argc < 2 ? stderr : stdout);
      return argc < 2 ? MML_EXIT_USAGE : MML_EXIT_OK;
    }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  command = g_ptr_array_index (a.words, 0);
  if (g_str_equal (command, "missing"))
    filter = MML_EPISODES_MISSING;
  else if (g_str_equal (command, "upcoming"))
    filter = MML_EPISODES_UPCOMING;
  else
    return mml_cli_usage_error (cli, _("unknown episodes command “%s”"), command);

  if (!(engine = mml_cli_open_engine (cli)))
    return MML_EXIT_FAILURE;
  if ((rows = list_episodes (engine, filter, a.series_id, a.days, a.specials, &error)) == NULL)
    {
      mml_cli_error (cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a.json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < rows->len; i++)
        {
          if (i > 0)
            g_string_append (out, ",\n");
          mml_cli_episode_to_json (out, g_ptr_array_index (rows, i));
        }
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
      return MML_EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    print_episode_line (g_ptr_array_index (rows, i), TRUE);
  fprintf (stderr, filter == MML_EPISODES_MISSING ? _("%u missing episodes\n") : _("%u upcoming episodes\n"),
           rows->len);
  return MML_EXIT_OK;
}

int
mml_cli_refresh (MmlCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_auto(MmlCliSeriesArgs) a = { cli, .words = g_ptr_array_new () };
  MmlEngine *engine;
  int status = MML_EXIT_OK;

  if (wants_help (argc, argv))
    {
      fputs (_(refresh_usage), stdout);
      return MML_EXIT_OK;
    }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (a.words->len > 0)
    return mml_cli_usage_error (cli, _("unexpected argument “%s”"), (const char *) g_ptr_array_index (a.words, 0));
  if (!(engine = mml_cli_open_engine (cli)))
    return MML_EXIT_FAILURE;
  return run_many (&a, engine, TRUE, a.series_id);
}
