/* mml-cli-subtitles.c — `mml subtitles`: preferred languages, the status
 * of each series, the tracks of each video, overrides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "mml-cli.h"
#include "mml-subtitles-controller.h"
#include "mml-util.h"

static const char subtitles_usage[] =
  N_("Usage: mml [--db PATH] subtitles COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  languages [LANG…]              show the preferred subtitle languages, or set\n"
     "                                 them, most preferred first (“he en”)\n"
     "  status [--series ID] [--json]  per series: with, mixed or none, and why\n"
     "  list --series ID [--json]      per video file: its subtitle tracks\n"
     "  override --series ID with|mixed|none|auto\n"
     "                                 set a series' status by hand (auto: derived)\n"
     "  search --file ID [--language L] [--json]\n"
     "                                 OpenSubtitles candidates for a video file, best first\n"
     "  fetch (--series ID|--all) [--language L] [--json]\n"
     "                                 download subtitles for the videos that lack them\n"
     "  convert (--file PATH|--all) [--dry-run] [--json]\n"
     "                                 sidecars to UTF-8 (originals kept in the trash)\n"
     "  rename-hebrew [--dry-run] [--json]\n"
     "                                 Hebrew sidecars (.he, .iw, .hebrew) to .heb\n"
     "  fix-rtl [on|off]               show, or set, whether downloads get the\n"
     "                                 punctuation of Hebrew and Arabic lines moved\n"
     "                                 to the logical end (off by default)\n"
     "  fix-rtl (--file PATH|--all) [--dry-run] [--json]\n"
     "                                 that fix on SRT and WebVTT sidecars already on\n"
     "                                 disk (originals kept in the trash)\n"
     "\n"
     "An episode is subbed when it has a track in the first preferred language\n"
     "(hearing-impaired counts, forced-only does not); a series is “with” when\n"
     "every episode on disk is subbed, “mixed” when some are.\n"
     "\n"
     "OpenSubtitles needs an API key (Settings, or $MML_OPENSUBTITLES_API_KEY;\n"
     "$MML_OPENSUBTITLES_USER and $MML_OPENSUBTITLES_PASSWORD for more downloads).\n"
     "Files are written beside the video, never over a file, through the journal.\n");

typedef struct
{
  MmlCli     *cli;
  gboolean    json;
  gint64      series_id;
  GPtrArray  *words;
  gboolean    all;
  gboolean    dry_run;
  const char *file;       /* --file: an id (search) or a path (convert) */
  const char *language;   /* --language */
} Args;

/* Options anywhere after the command; TRUE, or FALSE with *status set. */
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
      else if (g_str_equal (arg, "--dry-run"))
        a->dry_run = TRUE;
      else if (g_str_equal (arg, "--file") || g_str_equal (arg, "--language"))
        {
          if (i + 1 >= argc)
            {
              *status = mml_cli_usage_error (a->cli, _("%s needs a value"), arg);
              return FALSE;
            }
          if (g_str_equal (arg, "--file"))
            a->file = argv[++i];
          else
            a->language = argv[++i];
        }
      else if (g_str_equal (arg, "--series") || g_str_has_prefix (arg, "--series="))
        {
          const char *value = arg[8] == '=' ? arg + 9 : (i + 1 < argc ? argv[++i] : NULL);

          if ((*status = mml_cli_id_arg (a->cli, MML_CLI_ID_SERIES, "--series", value, &a->series_id)) != MML_EXIT_OK)
            return FALSE;
        }
      else if (g_str_equal (arg, "--"))
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (a->words, argv[i]);
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

/* fix-rtl [on|off]: "on" or "off" (JSON: true or false) */
static int
run_fix_rtl (Args      *a,
             MmlEngine *engine)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean on;

  if (a->words->len > 1)
    {
      on = g_str_equal (g_ptr_array_index (a->words, 1), "on");
      mml_subtitles_controller_set_fix_rtl_async (subs, on, NULL, mml_cli_wait_cb, &wait);
      if (!mml_subtitles_controller_set_fix_rtl_finish (subs, mml_cli_wait_run (&wait), &error))
        {
          mml_cli_error (a->cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
    }
  else
    {
      mml_subtitles_controller_get_fix_rtl_async (subs, NULL, mml_cli_wait_cb, &wait);
      on = mml_subtitles_controller_get_fix_rtl_finish (subs, mml_cli_wait_run (&wait), &error);
      if (error != NULL)
        {
          mml_cli_error (a->cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
    }
  if (a->json)
    puts (on ? "true" : "false");
  else
    puts (on ? "on" : "off");
  return MML_EXIT_OK;
}

static void
print_languages (char **langs)
{
  for (guint i = 0; langs[i] != NULL; i++)
    printf ("%s%s", i ? " " : "", langs[i]);
  putchar ('\n');
}

static int
run_languages (Args      *a,
               MmlEngine *engine)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) langs = NULL;

  if (a->words->len > 1)
    {
      g_ptr_array_add (a->words, NULL);
      mml_subtitles_controller_set_languages_async (subs, (const char * const *) a->words->pdata + 1,
                                                    NULL, mml_cli_wait_cb, &wait);
      langs = mml_subtitles_controller_set_languages_finish (subs, mml_cli_wait_run (&wait), &error);
    }
  else
    {
      mml_subtitles_controller_get_languages_async (subs, NULL, mml_cli_wait_cb, &wait);
      langs = mml_subtitles_controller_get_languages_finish (subs, mml_cli_wait_run (&wait), &error);
    }
  if (langs == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? MML_EXIT_USAGE : MML_EXIT_FAILURE;
    }
  if (a->json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; langs[i] != NULL; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          mml_json_append_string (out, langs[i], -1);
        }
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
    }
  else
    print_languages (langs);
  return MML_EXIT_OK;
}

static void
status_to_json (GString                 *out,
                MmlSubtitleSeriesStatus *row)
{
  g_string_append_printf (out, "{\"series_id\":%" G_GINT64_FORMAT ",", row->series_id);
  mml_cli_json_string (out, "title", row->title);
  g_string_append_printf (out, ",\"status\":\"%s\",", mml_subtitle_status_to_string (row->status));
  mml_cli_json_string (out, "override", row->has_override ? mml_subtitle_status_to_string (row->override) : NULL);
  g_string_append_printf (out, ",\"episodes\":%u,\"subbed\":%u,\"languages\":[", row->episodes, row->subbed);
  for (guint i = 0; row->languages[i] != NULL; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      mml_json_append_string (out, row->languages[i], -1);
    }
  g_string_append (out, "]}");
}

static int
run_status (Args      *a,
            MmlEngine *engine)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_subtitles_controller_status_async (subs, a->series_id, NULL, mml_cli_wait_cb, &wait);
  if (!(rows = mml_subtitles_controller_status_finish (subs, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < rows->len; i++)
    {
      MmlSubtitleSeriesStatus *row = g_ptr_array_index (rows, i);

      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          status_to_json (out, row);
        }
      else
        {
          g_autofree char *title = mml_cli_text_pad (row->title ? row->title : "-", 32);
          g_autofree char *langs = g_strjoinv (",", row->languages);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->series_id);

          /* TRANSLATORS: id, title, status, "(set)" when overridden, subbed / episodes, languages */
          g_string_append_printf (out, _("%5s  %s  %-5s%s  %u/%u subbed  %s\n"),
                                  id, title, mml_subtitle_status_to_string (row->status),
                                  row->has_override ? _(" (set)") : "",
                                  row->subbed, row->episodes, *langs ? langs : "-");
        }
    }
  if (a->json)
    g_string_append (out, "]\n");
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static void
track_to_json (GString          *out,
               MmlSubtitleTrack *t)
{
  g_string_append_c (out, '{');
  mml_cli_json_string (out, "language", t->language);
  g_string_append_printf (out, ",\"forced\":%s,\"hi\":%s,\"embedded\":%s,",
                          t->forced ? "true" : "false", t->hearing_impaired ? "true" : "false",
                          t->embedded ? "true" : "false");
  mml_cli_json_string (out, "codec", t->codec);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "path", t->path);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "encoding", t->encoding);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "title", t->title);
  g_string_append_c (out, '}');
}

static int
run_list (Args      *a,
          MmlEngine *engine)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) videos = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_subtitles_controller_list_async (subs, a->series_id, NULL, mml_cli_wait_cb, &wait);
  if (!(videos = mml_subtitles_controller_list_finish (subs, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < videos->len; i++)
    {
      MmlSubtitleVideo *v = g_ptr_array_index (videos, i);

      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          g_string_append_printf (out, "{\"episode_file_id\":%" G_GINT64_FORMAT ",\"season\":", v->file_id);
          if (v->season >= 0)
            g_string_append_printf (out, "%d", v->season);
          else
            g_string_append (out, "null");
          g_string_append_printf (out, ",\"episodes\":%s,",
                                  v->episodes && v->episodes[0] == '[' ? v->episodes : "[]");
          mml_cli_json_string (out, "path", v->path);
          g_string_append (out, ",\"tracks\":[");
          for (guint j = 0; j < v->tracks->len; j++)
            {
              if (j)
                g_string_append_c (out, ',');
              track_to_json (out, g_ptr_array_index (v->tracks, j));
            }
          g_string_append (out, "]}");
        }
      else
        {
          g_autofree char *path = mml_cli_text (v->path);
          GString *tracks = g_string_new (NULL);

          for (guint j = 0; j < v->tracks->len; j++)
            {
              MmlSubtitleTrack *t = g_ptr_array_index (v->tracks, j);

              g_string_append_printf (tracks, "%s%s%s%s%s", j ? "," : "", t->language,
                                      t->forced ? ".forced" : "", t->hearing_impaired ? ".sdh" : "",
                                      t->embedded ? "(embedded)" : "");
            }
          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\n", v->file_id,
                                  tracks->len ? tracks->str : "-", path);
          g_string_free (tracks, TRUE);
        }
    }
  if (a->json)
    g_string_append (out, "]\n");
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static int
run_override (Args              *a,
              MmlEngine         *engine,
              gboolean           has_override,
              MmlSubtitleStatus  status)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, a->series_id);

  mml_subtitles_controller_set_override_async (subs, a->series_id, has_override, status,
                                               NULL, mml_cli_wait_cb, &wait);
  if (!mml_subtitles_controller_set_override_finish (subs, mml_cli_wait_run (&wait), &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (has_override)
    fprintf (stderr, _("series %s marked “%s”\n"), id,
             mml_subtitle_status_to_string (status));
  else
    fprintf (stderr, _("series %s: status derived from its files again\n"), id);
  return MML_EXIT_OK;
}

static void
candidate_to_json (GString              *out,
                   MmlSubtitleCandidate *c)
{
  g_string_append_printf (out, "{\"file_id\":%" G_GINT64_FORMAT ",", c->file_id);
  mml_cli_json_string (out, "language", c->language);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "release", c->release);
  g_string_append_c (out, ',');
  mml_cli_json_string (out, "file_name", c->file_name);
  g_string_append_printf (out, ",\"hi\":%s,\"forced\":%s,\"hash_match\":%s,\"trusted\":%s,"
                          "\"ai_translated\":%s,\"machine_translated\":%s,\"downloads\":%" G_GINT64_FORMAT ",",
                          c->hearing_impaired ? "true" : "false", c->foreign_parts_only ? "true" : "false",
                          c->moviehash_match ? "true" : "false", c->from_trusted ? "true" : "false",
                          c->ai_translated ? "true" : "false", c->machine_translated ? "true" : "false",
                          c->download_count);
  mml_cli_json_string (out, "uploader", c->uploader);
  g_string_append (out, ",\"season\":");
  if (c->season >= 0)
    g_string_append_printf (out, "%d", c->season);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"episode\":");
  if (c->episode >= 0)
    g_string_append_printf (out, "%d", c->episode);
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
}

static int
run_search (Args      *a,
            MmlEngine *engine,
            gint64     file_id)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  mml_subtitles_controller_search_async (subs, file_id, a->language, NULL, mml_cli_wait_cb, &wait);
  if (!(candidates = mml_subtitles_controller_search_finish (subs, mml_cli_wait_run (&wait), &error)))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? MML_EXIT_USAGE : MML_EXIT_FAILURE;
    }
  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < candidates->len; i++)
    {
      MmlSubtitleCandidate *c = g_ptr_array_index (candidates, i);

      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          candidate_to_json (out, c);
        }
      else
        {
          g_autofree char *release = mml_cli_text (c->release ? c->release : c->file_name ? c->file_name : "-");
          g_autofree char *uploader = mml_cli_text (c->uploader ? c->uploader : "-");

          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s%s%s%s%s\t%" G_GINT64_FORMAT "\t%s\t%s\n",
                                  c->file_id, c->language ? c->language : "und",
                                  c->hearing_impaired ? ".sdh" : "", c->foreign_parts_only ? ".forced" : "",
                                  c->moviehash_match ? _(" (hash)") : "", c->from_trusted ? _(" (trusted)") : "",
                                  c->download_count, uploader, release);
        }
    }
  if (a->json)
    g_string_append (out, "]\n");
  else if (candidates->len == 0)
    fputs (_("no subtitles found\n"), stderr);
  fputs (out->str, stdout);
  return MML_EXIT_OK;
}

static void
fetch_progress_cb (MmlSubtitlesController *subs,
                   guint                   done,
                   guint                   total,
                   gpointer                user_data)
{
  if (isatty (fileno (stderr)))
    fprintf (stderr, _("\rFetching subtitles: %u of %u videos"), done, total);
}

static char *
iso_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static int
run_fetch (Args      *a,
           MmlEngine *engine)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  MmlSubtitleFetchSummary sum = { 0 };
  g_autofree char *reset = NULL;
  gulong handler;
  gboolean ok;

  handler = g_signal_connect (subs, "progress", G_CALLBACK (fetch_progress_cb), NULL);
  mml_subtitles_controller_fetch_async (subs, a->series_id, a->language, NULL, mml_cli_wait_cb, &wait);
  ok = mml_subtitles_controller_fetch_finish (subs, mml_cli_wait_run (&wait), &sum, &error);
  g_signal_handler_disconnect (subs, handler);
  if (isatty (fileno (stderr)))
    fputc ('\n', stderr);
  if (!ok)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? MML_EXIT_USAGE : MML_EXIT_FAILURE;
    }
  reset = sum.reset_at > 0 ? iso_utc (sum.reset_at) : NULL;
  if (sum.stopped_by_quota)
    fprintf (stderr, _("mml: no downloads left today; they reset at %s\n"), reset ? reset : "?");
  if (a->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"downloaded\":%u,\"skipped\":%u,\"failed\":%u,\"quota_left\":",
                              sum.downloaded, sum.skipped, sum.failed);
      if (sum.quota_left >= 0)
        g_string_append_printf (out, "%d", sum.quota_left);
      else
        g_string_append (out, "null");
      g_string_append_c (out, ',');
      mml_cli_json_string (out, "reset_at", reset);
      g_string_append_printf (out, ",\"batch\":");
      if (sum.batch > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, sum.batch);
      else
        g_string_append (out, "null");
      g_string_append (out, "}\n");
      fputs (out->str, stdout);
    }
  else
    printf (_("%u downloaded, %u skipped, %u failed\n"), sum.downloaded, sum.skipped, sum.failed);
  return MML_EXIT_OK;
}

static int
print_changes (Args      *a,
               GPtrArray *changes,
               gint64     batch)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint done = 0, problems = 0;

  if (a->json)
    g_string_append (out, "{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      MmlSubtitleChange *c = g_ptr_array_index (changes, i);
      g_autofree char *from = g_filename_display_name (c->from);
      g_autofree char *to = g_filename_display_name (c->to);

      if (c->problem)
        problems++;
      else
        done++;
      if (a->json)
        {
          if (i)
            g_string_append (out, ",\n");
          g_string_append_c (out, '{');
          mml_cli_json_string (out, "from", from);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "to", to);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "encoding", c->encoding);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "problem", c->problem);
          if (c->lines > 0)
            {
              g_string_append_printf (out, ",\"lines\":%u,", c->lines);
              mml_cli_json_string (out, "before", c->before);
              g_string_append_c (out, ',');
              mml_cli_json_string (out, "after", c->after);
            }
          g_string_append_c (out, '}');
        }
      else
        {
          g_autofree char *from_text = mml_cli_text (from);
          g_autofree char *to_text = mml_cli_text (to);
          g_autofree char *problem = c->problem ? mml_cli_text (c->problem) : NULL;

          if (c->lines > 0)
            {
              g_autofree char *before = mml_cli_text (c->before);
              g_autofree char *after = mml_cli_text (c->after);

              /* Translators: a file, how many of its lines change, then one as it is and as it becomes */
              g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s\t%u line\t%s → %s\n",
                                                        "%s\t%u lines\t%s → %s\n", c->lines),
                                      from_text, c->lines, before, after);
            }
          else if (g_str_equal (c->from, c->to))
            g_string_append_printf (out, "%s\t%s%s%s\n", c->encoding ? c->encoding : "?", from_text,
                                    problem ? "\t" : "", problem ? problem : "");
          else
            g_string_append_printf (out, "%s → %s%s%s\n", from_text, to_text,
                                    problem ? "\t" : "", problem ? problem : "");
        }
    }
  if (a->json)
    {
      g_string_append_printf (out, "],\"dry_run\":%s,\"done\":%u,\"problems\":%u,\"batch\":",
                              a->dry_run ? "true" : "false", a->dry_run ? 0 : done, problems);
      if (batch > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT "}\n", batch);
      else
        g_string_append (out, "null}\n");
    }
  fputs (out->str, stdout);
  if (!a->json)
    {
      if (a->dry_run)
        fprintf (stderr, _("%u to change, %u left alone (dry run: nothing changed)\n"), done, problems);
      else
        fprintf (stderr, _("%u changed, %u left alone\n"), done, problems);
    }
  return MML_EXIT_OK;
}

typedef enum
{
  FILES_CONVERT,
  FILES_RENAME_HEBREW,
  FILES_FIX_RTL,
} FilesJob;

static int
run_files (Args      *a,
           MmlEngine *engine,
           FilesJob   job)
{
  MmlSubtitlesController *subs = mml_engine_get_subtitles (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 batch = 0;

  if (job == FILES_CONVERT)
    {
      mml_subtitles_controller_convert_async (subs, a->all ? NULL : a->file, a->dry_run, NULL,
                                              mml_cli_wait_cb, &wait);
      changes = mml_subtitles_controller_convert_finish (subs, mml_cli_wait_run (&wait), &batch, &error);
    }
  else if (job == FILES_FIX_RTL)
    {
      mml_subtitles_controller_fix_rtl_files_async (subs, a->all ? NULL : a->file, a->dry_run, NULL,
                                                    mml_cli_wait_cb, &wait);
      changes = mml_subtitles_controller_fix_rtl_files_finish (subs, mml_cli_wait_run (&wait), &batch, &error);
    }
  else
    {
      mml_subtitles_controller_rename_hebrew_async (subs, a->dry_run, NULL, mml_cli_wait_cb, &wait);
      changes = mml_subtitles_controller_rename_hebrew_finish (subs, mml_cli_wait_run (&wait), &batch, &error);
    }
  if (changes == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  return print_changes (a, changes, batch);
}

int
mml_cli_subtitles (MmlCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  Args a = { cli, FALSE, 0, words, FALSE, FALSE, NULL, NULL };
  int status = MML_EXIT_OK;
  const char *command;
  gboolean has_override = FALSE;
  MmlSubtitleStatus override = MML_SUBTITLE_STATUS_NONE;
  gint64 file_id = 0;
  MmlEngine *engine;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        fputs (_(subtitles_usage), stdout);
        return MML_EXIT_OK;
      }
  if (!parse_args (&a, argc - 1, argv + 1, &status))
    return status;
  if (words->len == 0)
    return mml_cli_usage_error (cli, _("subtitles needs a command: languages, status, list, override, "
                                       "search, fetch, convert, rename-hebrew or fix-rtl"));
  command = g_ptr_array_index (words, 0);

  if (g_str_equal (command, "languages"))
    {
      if (a.series_id > 0)
        return mml_cli_unexpected (cli, "--series");
    }
  else if (g_str_equal (command, "status"))
    {
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "list"))
    {
      if (a.series_id <= 0)
        return mml_cli_usage_error (cli, _("subtitles list needs --series ID"));
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "search"))
    {
      if (a.file == NULL)
        return mml_cli_usage_error (cli, _("subtitles search needs --file ID"));
      if (!mml_cli_parse_id (a.file, &file_id))
        {
          g_autofree char *shown = mml_cli_text (a.file);

          return mml_cli_usage_error (cli, _("“%s” is not a file id"), shown);
        }
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "fetch"))
    {
      if ((a.series_id > 0) == a.all)
        return mml_cli_usage_error (cli, _("subtitles fetch needs --series ID or --all"));
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "convert"))
    {
      if ((a.file != NULL) == a.all)
        return mml_cli_usage_error (cli, _("subtitles convert needs --file PATH or --all"));
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "rename-hebrew"))
    {
      if (words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
    }
  else if (g_str_equal (command, "fix-rtl"))
    {
      if (a.series_id > 0)
        return mml_cli_unexpected (cli, "--series");
      if (a.file != NULL && a.all)
        return mml_cli_usage_error (cli, _("subtitles fix-rtl takes --file PATH or --all, not both"));
      if ((a.file != NULL || a.all) && words->len > 1)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 1));
      if (a.dry_run && a.file == NULL && !a.all)
        return mml_cli_usage_error (cli, _("subtitles fix-rtl --dry-run needs --file PATH or --all"));
      if (words->len > 2)
        return mml_cli_unexpected (cli, g_ptr_array_index (words, 2));
      if (words->len == 2 && !g_str_equal (g_ptr_array_index (words, 1), "on") &&
          !g_str_equal (g_ptr_array_index (words, 1), "off"))
        {
          g_autofree char *shown = mml_cli_text (g_ptr_array_index (words, 1));

          return mml_cli_usage_error (cli, _("“%s” is not on or off"), shown);
        }
    }
  else if (g_str_equal (command, "override"))
    {
      if (a.series_id <= 0)
        return mml_cli_usage_error (cli, _("subtitles override needs --series ID"));
      if (words->len != 2)
        return words->len < 2 ? mml_cli_usage_error (cli, _("subtitles override needs with, mixed, none or auto"))
                              : mml_cli_unexpected (cli, g_ptr_array_index (words, 2));
      if (!mml_subtitle_override_parse (g_ptr_array_index (words, 1), &has_override, &override))
        {
          g_autofree char *shown = mml_cli_text (g_ptr_array_index (words, 1));

          return mml_cli_usage_error (cli, _("“%s” is not with, mixed, none or auto"), shown);
        }
    }
  else
    {
      g_autofree char *shown = mml_cli_text (command);

      return mml_cli_usage_error (cli, _("unknown subtitles command “%s”"), shown);
    }

  /* --all, --dry-run, --file and --language belong to some commands only */
  if (a.all && !g_str_equal (command, "fetch") && !g_str_equal (command, "convert") &&
      !g_str_equal (command, "fix-rtl"))
    return mml_cli_unexpected (cli, "--all");
  if (a.dry_run && !g_str_equal (command, "convert") && !g_str_equal (command, "rename-hebrew") &&
      !g_str_equal (command, "fix-rtl"))
    return mml_cli_unexpected (cli, "--dry-run");
  if (a.file != NULL && !g_str_equal (command, "search") && !g_str_equal (command, "convert") &&
      !g_str_equal (command, "fix-rtl"))
    return mml_cli_unexpected (cli, "--file");
  if (a.language != NULL && !g_str_equal (command, "search") && !g_str_equal (command, "fetch"))
    return mml_cli_unexpected (cli, "--language");

  engine = mml_cli_open_engine (cli, (g_str_equal (command, "languages") || g_str_equal (command, "fix-rtl"))
                                       && words->len > 1
                                       ? MML_CLI_OPEN_CREATE : MML_CLI_OPEN_EXISTING);
  if (engine == NULL)
    return MML_EXIT_FAILURE;
  if (a.series_id > 0 && !mml_cli_check_id (cli, MML_CLI_ID_SERIES, a.series_id))
    return MML_EXIT_FAILURE;

  if (g_str_equal (command, "languages"))
    return run_languages (&a, engine);
  if (g_str_equal (command, "status"))
    return run_status (&a, engine);
  if (g_str_equal (command, "list"))
    return run_list (&a, engine);
  if (g_str_equal (command, "search"))
    return run_search (&a, engine, file_id);
  if (g_str_equal (command, "fetch"))
    return run_fetch (&a, engine);
  if (g_str_equal (command, "convert"))
    return run_files (&a, engine, FILES_CONVERT);
  if (g_str_equal (command, "rename-hebrew"))
    return run_files (&a, engine, FILES_RENAME_HEBREW);
  if (g_str_equal (command, "fix-rtl") && (a.file != NULL || a.all))
    return run_files (&a, engine, FILES_FIX_RTL);
  if (g_str_equal (command, "fix-rtl"))
    return run_fix_rtl (&a, engine);
  return run_override (&a, engine, has_override, override);
}
