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
     "  confirm ID | confirm --all         keep an automatic match (it becomes final)\n"
     "  ignore ID | unignore ID | unmatch ID\n"
     "  order ID aired|dvd|absolute        change the episode order and relink the files\n"
     "  status ID [STATUS|auto] [--json]   show or set the viewing status: not-started,\n"
     "                                     watching, need-to-continue, caught-up, completed,\n"
     "                                     on-hold, dropped; auto derives it again\n"
     "\n"
     "Options: --provider tvmaze|tvdb|tmdb (default $MML_PROVIDER, else tvmaze).\n"
     "Keys come from the keyring, or $MML_TVDB_API_KEY, $MML_TVDB_PIN, $MML_TMDB_API_KEY.\n"
     "Progress goes to stderr, results to stdout.\n");

static const char episodes_usage[] =
  N_("Usage: mml [--db PATH] [--today YYYY-MM-DD] episodes missing|upcoming [--series ID] [--days N]\n"
     "                                              [--specials] [--json]\n"
     "       mml [--db PATH] episodes mark SERIES_ID SPEC watched|unwatched [--json]\n"
     "\n"
     "missing: aired (on or before today, local time), no file; specials only with --specials.\n"
     "upcoming: airing after today; --days N limits it to the next N days.\n"
     "mark: SPEC is S01E02, S01E02-S01E05, S01, all, A105, A100-A110 (absolute numbers)\n"
     "or ..S01E05 (every regular episode up to it), in the provider's numbering.\n"
     "Several episodes are marked watched only when they have aired.\n"
     "--today (before the command) says which day is today.\n");

static const char refresh_usage[] =
  N_("Usage: mml [--db PATH] refresh [--all] [--series ID] [--provider P] [--json]\n"
     "\n"
     "Fetches what changed at the provider since the last refresh (its updates\n"
     "feed); --all refetches every matched series. Manual matches and your own\n"
     "field overrides stay.\n");

/* --- helpers ------------------------------------------------------------- */

/* "--days 7", "--year 2011": a number that is not an id */
static gboolean
number_arg (MmlCli      *cli,
            const char  *option,
            const char  *arg,
            gint64      *value,
            int         *status)
{
  if (arg != NULL && mml_cli_parse_id (arg, value))
    return TRUE;
  if (arg == NULL)
    /* Translators: %s is an option: "--days", "--year" */
    *status = mml_cli_usage_error (cli, _("%s needs a positive number"), option);
  else
    /* Translators: an option ("--days", "--year"), then what was typed */
    *status = mml_cli_usage_error (cli, _("%s needs a positive number, not “%s”"), option, arg);
  return FALSE;
}

static gboolean
parse_args (MmlCliSeriesArgs *a,
            int               argc,
            char            **argv,
            int              *status)
{
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
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
          i++;
          if (value == NULL)
            {
              *status = mml_cli_usage_error (a->cli, _("--provider needs tvmaze, tvdb or tmdb"));
              return FALSE;
            }
          if (!mml_meta_provider_from_string (value, &a->cli->provider))
            {
              *status = mml_cli_usage_error (a->cli, _("unknown provider “%s”: use tvmaze, tvdb or tmdb"), value);
              return FALSE;
            }
          a->cli->have_provider = TRUE;
        }
      else if (g_str_equal (arg, "--series") || g_str_equal (arg, "--root")
               || g_str_equal (arg, "--id") || g_str_equal (arg, "--choose"))
        {
          MmlCliId kind = g_str_equal (arg, "--series") ? MML_CLI_ID_SERIES
                          : g_str_equal (arg, "--root") ? MML_CLI_ID_ROOT : MML_CLI_ID_PROVIDER;

          i++;
          if ((*status = mml_cli_id_arg (a->cli, kind, arg, value, &n)) != MML_EXIT_OK)
            return FALSE;
          if (kind == MML_CLI_ID_SERIES)
            a->series_id = n;
          else if (kind == MML_CLI_ID_ROOT)
            a->root_id = n;
          else
            a->choose = n;
        }
      else if (g_str_equal (arg, "--year") || g_str_equal (arg, "--days"))
        {
          i++;
          if (!number_arg (a->cli, arg, value, &n, status))
            return FALSE;
          if (g_str_equal (arg, "--year"))
            a->year = (int) CLAMP (n, 0, 9999);
          else
            a->days = (guint) CLAMP (n, 0, 3650);
        }
      else if (g_str_equal (arg, "--folder"))
        {
          i++;
          if (value == NULL || value[0] == '\0')
            {
              *status = mml_cli_usage_error (a->cli, _("--folder needs a name"));
              return FALSE;
            }
          a->folder = value;
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

/* The positional word @index as a series id; @what is the command */
static gboolean
word_id (MmlCliSeriesArgs *a,
         guint             index,
         const char       *what,
         gint64           *id,
         int              *status)
{
  const char *word = index < a->words->len ? g_ptr_array_index (a->words, index) : NULL;

  *status = mml_cli_id_arg (a->cli, MML_CLI_ID_SERIES, what, word, id);
  return *status == MML_EXIT_OK;
}

/* A usage error for the first word past @max, if there is one */
static gboolean
no_more_words (MmlCliSeriesArgs *a,
               guint             max,
               int              *status)
{
  if (a->words->len <= max)
    return TRUE;
  *status = mml_cli_unexpected (a->cli, g_ptr_array_index (a->words, max));
  return FALSE;
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
  g_autofree char *title = mml_cli_text (e->title);
  g_autofree char *air_date = mml_cli_text (e->air_date);

  if (with_series)
    {
      g_autofree char *series = mml_cli_text_pad (e->series_title, 30);

      printf ("%s  ", series);
    }
  printf ("%-8s  %-10s  %-9s  %s\n", label, air_date,
          e->missing ? _("missing") : e->upcoming ? _("upcoming") : e->files > 0 ? _("on disk") : "",
          title);
}

/* The match state of `series list`, in a column */
static const char *
match_label (const char *state)
{
  if (g_strcmp0 (state, "auto") == 0)
    return C_("match state", "auto");
  if (g_strcmp0 (state, "manual") == 0)
    return C_("match state", "manual");
  if (g_strcmp0 (state, "conflict") == 0)
    return C_("match state", "conflict");
  if (g_strcmp0 (state, "ignored") == 0)
    return C_("match state", "ignored");
  return C_("match state", "unmatched");
}

/* The match of `series show`, as a sentence */
static char *
match_text (MmlSeriesItem *r)
{
  const char *state = mml_series_item_get_match_state (r);
  MmlMetaProvider kind;
  const char *provider = mml_meta_provider_from_string (mml_series_item_get_provider (r), &kind)
                         ? mml_meta_provider_display_name (kind) : NULL;

  if (g_str_equal (state, "auto") && provider != NULL)
    /* Translators: %s is a provider, like TVmaze */
    return g_strdup_printf (_("Matched automatically on %s"), provider);
  if (g_str_equal (state, "manual") && provider != NULL)
    /* Translators: %s is a provider, like TVmaze */
    return g_strdup_printf (_("Matched by you on %s"), provider);
  if (g_str_equal (state, "conflict"))
    return g_strdup_printf (_("Several shows could match: choose one with “mml series match %lld --choose ID”"),
                            (long long) mml_series_item_get_id (r));
  if (g_str_equal (state, "ignored"))
    return g_strdup (_("Left out of matching"));
  return g_strdup (_("Not matched yet"));
}

static const char *
order_text (const char *order)
{
  if (g_strcmp0 (order, "dvd") == 0)
    return _("episodes in DVD order");
  if (g_strcmp0 (order, "absolute") == 0)
    return _("episodes in absolute order");
  return _("episodes in aired order");
}

/* The status a provider gave, for people; %NULL when unknown */
static const char *
status_text (const char *status)
{
  if (g_strcmp0 (status, "continuing") == 0)
    return _("Continuing");
  if (g_strcmp0 (status, "ended") == 0)
    return _("Ended");
  if (g_strcmp0 (status, "upcoming") == 0)
    return _("In development");
  if (g_strcmp0 (status, "tbd") == 0)
    return _("To be determined");
  return NULL;
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
      g_autofree char *full = year > 0 ? g_strdup_printf ("%s (%d)", name, year) : g_strdup (name);
      g_autofree char *title = mml_cli_text_pad (full, 40);
      g_autofree char *state = mml_cli_text_pad (match_label (mml_series_item_get_match_state (r)), 9);

      printf ("%6lld  %s  %s  %4u ep  %4u files  %4u missing  %3u upcoming\n",
              (long long) mml_series_item_get_id (r), state, title,
              mml_series_item_get_n_regular_episodes (r), mml_series_item_get_n_present_files (r),
              mml_series_item_get_n_missing (r), mml_series_item_get_n_upcoming (r));
    }
  if (rows->len == 0)
    fprintf (stderr, _("No series yet: add a library folder with “mml root add PATH” and run “mml scan”.\n"));
  return MML_EXIT_OK;
}

static int
series_show (MmlCliSeriesArgs *a,
             MmlEngine        *engine,
             gint64            id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *match = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *network = NULL;
  g_autofree char *meta_error = NULL;
  g_autofree char *overview = NULL;
  MmlSeriesItem *r;
  const char *status;

  if ((rows = list_series (engine, id, &error)) == NULL
      || (episodes = list_episodes (engine, MML_EPISODES_ALL, id, 0, a->specials, &error)) == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (rows->len == 0)
    {
      /* gone since it was checked */
      mml_cli_check_id (a->cli, MML_CLI_ID_SERIES, id);
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

  /* what a person reads: every value from disk or a server escaped */
  title = mml_cli_text (mml_series_item_get_title (r));
  printf ("%s", title);
  if (mml_series_item_get_year (r) > 0)
    printf (" (%d)", mml_series_item_get_year (r));
  putchar ('\n');

  match = match_text (r);
  printf ("%s · %s\n", match, order_text (mml_series_item_get_episode_order (r)));

  network = mml_series_item_get_network (r) ? mml_cli_text (mml_series_item_get_network (r)) : NULL;
  status = status_text (mml_series_item_get_status (r));
  if (network != NULL || status != NULL)
    printf ("%s%s%s\n", network ? network : "", network && status ? " · " : "", status ? status : "");

  if (mml_series_item_get_root_path (r) != NULL)
    {
      g_autofree char *path = g_build_filename (mml_series_item_get_root_path (r),
                                                mml_series_item_get_folder (r), NULL);
      g_autofree char *display = g_filename_display_name (path);

      folder = mml_cli_text (display);
      printf (_("Folder: %s\n"), folder);
    }
  printf (_("%u episodes, %u files, %u missing, %u upcoming\n"), mml_series_item_get_n_regular_episodes (r),
          mml_series_item_get_n_present_files (r), mml_series_item_get_n_missing (r), mml_series_item_get_n_upcoming (r));
  mml_cli_print_viewing (r, FALSE);
  if (mml_series_item_get_meta_error (r))
    {
      meta_error = mml_cli_text (mml_series_item_get_meta_error (r));
      printf (_("Last metadata error: %s\n"), meta_error);
    }
  if (mml_series_item_get_overview (r))
    {
      overview = mml_cli_text_block (mml_series_item_get_overview (r));
      printf ("\n%s\n", overview);
    }
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

/* "about 1 s left", "about 2 min 5 s left" */
static char *
time_left (double eta)
{
  int seconds;

  if (eta < 0)
    return g_strdup (_("estimating the time left"));
  seconds = (int) MIN (eta + 0.5, (double) G_MAXINT);
  if (seconds < 1)
    return g_strdup (_("almost done"));
  if (seconds < 60)
    /* Translators: seconds; "s" is the unit */
    return g_strdup_printf (_("about %d s left"), seconds);
  if (seconds < 3600)
    /* Translators: minutes and seconds; "min" and "s" are units */
    return g_strdup_printf (_("about %d min %d s left"), seconds / 60, seconds % 60);
  /* Translators: hours and minutes; "h" and "min" are units */
  return g_strdup_printf (_("about %d h %d min left"), seconds / 3600, seconds / 60 % 60);
}

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
  g_autofree char *left = time_left (eta);

  if (p->tty)
    {
      g_autofree char *what = mml_cli_text_pad (current, 50);

      fprintf (stderr, "\r\033[K%u/%u  %s  %s", done, total, left, g_strchomp (what));
      return;
    }
  if (now - p->last < G_USEC_PER_SEC && done < total)
    return;
  p->last = now;
  {
    g_autofree char *what = mml_cli_text (current);

    fprintf (stderr, _("matching: %u of %u, %s (%s)\n"), done, total, left, what);
  }
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
}

/* Matching or refreshing failed when nothing but errors came of it: one
 * line says why, after the summary (JSON or not); a run that did some
 * good notes its first error. Returns the exit status. */
static int
report_errors (MmlCliSeriesArgs        *a,
               const MmlMetaRunSummary *sum,
               gboolean                 refresh)
{
  if (sum->errors == 0)
    return MML_EXIT_OK;
  if (sum->accepted + sum->conflicts == 0)
    {
      if (sum->first_error != NULL)
        mml_cli_error (a->cli, "%s", sum->first_error);
      else if (refresh)
        mml_cli_error (a->cli, _("no series could be refreshed"));
      else
        mml_cli_error (a->cli, _("no series could be matched"));
      return MML_EXIT_FAILURE;
    }
  if (sum->first_error != NULL)
    /* Translators: a number of series, then an error message */
    mml_cli_error (a->cli, _("note: %u series failed; the first: %s"), sum->errors, sum->first_error);
  return MML_EXIT_OK;
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
  return report_errors (a, sum, refresh);
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
  g_autofree char *what = NULL;
  const char *command;
  MmlEngine *engine;
  MmlMetaUpdate update = MML_META_UPDATE_CONFIRM;
  MmlEpisodeOrder order = MML_EPISODE_ORDER_AIRED;
  MmlCliOpen open = MML_CLI_OPEN_EXISTING;
  int status = MML_EXIT_OK;
  gint64 id = 0;

  if (wants_help (argc, argv))
    {
      fputs (_(series_usage), stdout);
      return MML_EXIT_OK;
    }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (a.words->len == 0)
    return mml_cli_usage_error (cli, _("series needs a command: list, show, search, match, add, confirm, "
                                       "ignore, unignore, unmatch, order or status"));
  command = g_ptr_array_index (a.words, 0);
  if (!g_strv_contains ((const char * const[]) { "list", "show", "search", "match", "add", "confirm", "ignore",
                                                 "unignore", "unmatch", "order", "status", NULL }, command))
    return mml_cli_usage_error (cli, _("unknown series command “%s”"), command);
  what = g_strdup_printf ("series %s", command);

  /* every usage error before anything is opened */
  if (g_str_equal (command, "list") || g_str_equal (command, "add"))
    {
      if (!no_more_words (&a, 1, &status))
        return status;
    }
  else if (g_str_equal (command, "search"))
    {
      if (a.words->len < 2)
        return mml_cli_usage_error (cli, _("series search needs a title"));
    }
  else if (g_str_equal (command, "match"))
    {
      if (a.words->len > 1 && !word_id (&a, 1, what, &id, &status))
        return status;
      if (!no_more_words (&a, 2, &status))
        return status;
      if (a.choose > 0 && id <= 0)
        return mml_cli_usage_error (cli, _("--choose needs a series id: match ID --choose PROVIDER_ID"));
      /* matching every unmatched series may start a library */
      if (id <= 0)
        open = MML_CLI_OPEN_CREATE;
    }
  else if (g_str_equal (command, "confirm") && a.all)
    {
      if (!no_more_words (&a, 1, &status))
        return status;
      open = MML_CLI_OPEN_CREATE;
    }
  else
    {
      /* show, and the decisions on one series */
      if (g_str_equal (command, "ignore"))
        update = MML_META_UPDATE_IGNORE;
      else if (g_str_equal (command, "unignore"))
        update = MML_META_UPDATE_UNIGNORE;
      else if (g_str_equal (command, "unmatch"))
        update = MML_META_UPDATE_UNMATCH;
      if (!word_id (&a, 1, what, &id, &status))
        return status;
      if (g_str_equal (command, "order"))
        {
          const char *name = a.words->len > 2 ? g_ptr_array_index (a.words, 2) : NULL;

          if (name == NULL)
            return mml_cli_usage_error (cli, _("series order needs aired, dvd or absolute"));
          if (!mml_episode_order_from_string (name, &order))
            return mml_cli_usage_error (cli, _("unknown episode order “%s”: use aired, dvd or absolute"), name);
        }
      if (g_str_equal (command, "status") && a.words->len > 2)
        {
          MmlViewingStatus viewing;
          gboolean has_override;

          if (!mml_viewing_override_parse (g_ptr_array_index (a.words, 2), &has_override, &viewing))
            return mml_cli_usage_error (cli, _("unknown viewing status “%s”: use not-started, watching, "
                                               "need-to-continue, caught-up, completed, on-hold, dropped "
                                               "or auto"),
                                        (const char *) g_ptr_array_index (a.words, 2));
        }
      if (!no_more_words (&a, g_str_equal (command, "order") || g_str_equal (command, "status") ? 3 : 2, &status))
        return status;
    }
  if (g_str_equal (command, "add") && (a.root_id <= 0 || a.choose <= 0))
    return mml_cli_usage_error (cli, _("series add needs --root ID and --id PROVIDER_ID"));

  if (!(engine = mml_cli_open_engine (cli, open)))
    return MML_EXIT_FAILURE;
  /* the ids of the library, checked once for every command */
  if (id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, id))
    return MML_EXIT_FAILURE;
  if (a.root_id > 0 && g_str_equal (command, "add") && !mml_cli_check_id (cli, MML_CLI_ID_ROOT, a.root_id))
    return MML_EXIT_FAILURE;

  if (g_str_equal (command, "list"))
    return series_list (&a, engine);
  if (g_str_equal (command, "show"))
    return series_show (&a, engine, id);
  if (g_str_equal (command, "search"))
    return mml_cli_series_search (&a, engine);
  if (g_str_equal (command, "add"))
    return mml_cli_series_add (&a, engine);
  if (g_str_equal (command, "order"))
    return series_order (&a, engine, id, order);
  if (g_str_equal (command, "status"))
    return mml_cli_series_status (&a, engine, id, a.words->len > 2 ? g_ptr_array_index (a.words, 2) : NULL);
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

  if (wants_help (argc, argv))
    {
      fputs (_(episodes_usage), stdout);
      return MML_EXIT_OK;
    }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (a.words->len == 0)
    return mml_cli_usage_error (cli, _("episodes needs a command: missing, upcoming or mark"));
  command = g_ptr_array_index (a.words, 0);
  if (g_str_equal (command, "mark"))
    return mml_cli_episodes_mark (&a);
  if (g_str_equal (command, "missing"))
    filter = MML_EPISODES_MISSING;
  else if (g_str_equal (command, "upcoming"))
    filter = MML_EPISODES_UPCOMING;
  else
    return mml_cli_usage_error (cli, _("unknown episodes command “%s”"), command);
  if (!no_more_words (&a, 1, &status))
    return status;

  if (!(engine = mml_cli_open_engine (cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;
  if (a.series_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
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
  if (!no_more_words (&a, 0, &status))
    return status;
  if (!(engine = mml_cli_open_engine (cli, a.series_id > 0 ? MML_CLI_OPEN_EXISTING : MML_CLI_OPEN_CREATE)))
    return MML_EXIT_FAILURE;
  if (a.series_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
    return MML_EXIT_FAILURE;
  return run_many (&a, engine, TRUE, a.series_id);
}
