/* mml-cli-viewing.c — `mml episodes mark` and `mml series status`: what
 * the user has watched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mml-cli.h"
#include "mml-cli-series-private.h"
#include "mml-viewing-controller.h"

/* "S01E02", "A105", "special" or "—": how an episode is named on a line */
static char *
ref_label (const MmlEpisodeRef *ref)
{
  if (ref->season >= 0 && ref->number > 0)
    return g_strdup_printf ("S%02dE%02d", ref->season, ref->number);
  if (ref->absolute > 0)
    return g_strdup_printf ("A%d", ref->absolute);
  return g_strdup ("—");
}

/* `episodes mark SERIES_ID SPEC watched|unwatched`: the words after "mark"
 * are checked here, before anything is opened */
int
mml_cli_episodes_mark (MmlCliSeriesArgs *a)
{
  MmlViewingController *viewing;
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  MmlMarkSummary summary = { 0 };
  MmlEpisodeSpec spec;
  const char *state;
  gboolean watched;
  MmlEngine *engine;
  gint64 id;
  int status;

  if ((status = mml_cli_id_arg (a->cli, MML_CLI_ID_SERIES, "episodes mark",
                                a->words->len > 1 ? g_ptr_array_index (a->words, 1) : NULL, &id)) != MML_EXIT_OK)
    return status;
  if (a->words->len < 3)
    return mml_cli_usage_error (a->cli, _("episodes mark needs the episodes: S01E02, S01E02-S01E05, S01, all, "
                                          "A105, A100-A110 or ..S01E05"));
  if (!mml_episode_spec_parse (g_ptr_array_index (a->words, 2), &spec, &error))
    return mml_cli_usage_error (a->cli, "%s", error->message);
  state = a->words->len > 3 ? g_ptr_array_index (a->words, 3) : NULL;
  if (state == NULL)
    return mml_cli_usage_error (a->cli, _("episodes mark needs watched or unwatched"));
  if (g_str_equal (state, "watched"))
    watched = TRUE;
  else if (g_str_equal (state, "unwatched"))
    watched = FALSE;
  else
    return mml_cli_usage_error (a->cli, _("“%s” is not watched or unwatched"), state);
  if (a->words->len > 4)
    return mml_cli_unexpected (a->cli, g_ptr_array_index (a->words, 4));

  if (!(engine = mml_cli_open_engine (a->cli, MML_CLI_OPEN_EXISTING)))
    return MML_EXIT_FAILURE;
  if (!mml_cli_check_id (a->cli, MML_CLI_ID_SERIES, id))
    return MML_EXIT_FAILURE;

  viewing = mml_engine_get_viewing (engine);
  mml_viewing_controller_mark_async (viewing, id, &spec, watched, NULL, mml_cli_wait_cb, &wait);
  if (!mml_viewing_controller_mark_finish (viewing, mml_cli_wait_run (&wait), &summary, &error))
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (a->json)
    {
      printf ("{\"series_id\":%" G_GINT64_FORMAT ",\"selected\":%u,\"changed\":%u,\"watched\":%s}\n",
              id, summary.selected, summary.changed, watched ? "true" : "false");
      return MML_EXIT_OK;
    }
  what = mml_episode_spec_to_string (&spec);
  if (watched)
    /* Translators: a number of episodes changed, of a number named by an
     * episode spec ("S01", "S01E02-S01E05") */
    printf (g_dngettext (GETTEXT_PACKAGE, "%u episode marked watched (%u in %s)\n",
                         "%u episodes marked watched (%u in %s)\n", summary.changed),
            summary.changed, summary.selected, what);
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "%u episode marked unwatched (%u in %s)\n",
                         "%u episodes marked unwatched (%u in %s)\n", summary.changed),
            summary.changed, summary.selected, what);
  return MML_EXIT_OK;
}

/* The viewing lines of `series show` and `series status` */
void
mml_cli_print_viewing (MmlSeriesItem *series,
                       gboolean       details)
{
  const MmlEpisodeRef *last = mml_series_item_get_last_watched (series);
  const MmlEpisodeRef *next = mml_series_item_get_up_next (series);
  MmlViewingStatus status = mml_series_item_get_viewing_status (series);
  gboolean manual = mml_series_item_get_viewing_override (series, NULL);

  if (details)
    {
      printf ("%s\n", mml_viewing_status_to_string (status));
      if (manual)
        printf (_("Set by you (“auto” derives it again)\n"));
    }
  else
    /* Translators: the viewing status of a series ("Watching"), then maybe " (set by you)" */
    printf (_("Viewing: %s%s\n"), mml_viewing_status_get_label (status), manual ? _(" (set by you)") : "");

  if (last != NULL)
    {
      g_autofree char *label = ref_label (last);
      g_autofree char *title = mml_cli_text (last->title);
      g_autoptr(GDateTime) at = last->watched_at > 0 ? g_date_time_new_from_unix_local (last->watched_at) : NULL;
      g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : NULL;

      /* Translators: an episode ("S01E02"), its title, when it was marked */
      printf (_("Last watched: %s %s%s%s\n"), label, title, when ? " · " : "", when ? when : "");
    }
  if (next != NULL)
    {
      g_autofree char *label = ref_label (next);
      g_autofree char *title = mml_cli_text (next->title);

      /* Translators: an episode ("S01E03"), its title, then "on disk" or "no file" */
      printf (_("Up next: %s %s · %s\n"), label, title, next->has_file ? _("on disk") : _("no file"));
    }
}

/* `series status ID [STATUS|auto]`: @word, when given, checked already */
int
mml_cli_series_status (MmlCliSeriesArgs *a,
                       MmlEngine        *engine,
                       gint64            id,
                       const char       *word)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  MmlSeriesItem *series;

  if (word != NULL)
    {
      MmlViewingController *viewing = mml_engine_get_viewing (engine);
      g_auto(MmlCliWait) wait = { 0 };
      MmlViewingStatus status;
      gboolean has_override;

      if (!mml_viewing_override_parse (word, &has_override, &status))
        g_return_val_if_reached (MML_EXIT_USAGE);
      mml_viewing_controller_set_status_async (viewing, id, has_override, status, NULL, mml_cli_wait_cb, &wait);
      if (!mml_viewing_controller_set_status_finish (viewing, mml_cli_wait_run (&wait), &error))
        {
          mml_cli_error (a->cli, "%s", error->message);
          return MML_EXIT_FAILURE;
        }
    }

  /* what it is now, set or derived */
  {
    g_auto(MmlCliWait) wait = { 0 };

    mml_metadata_controller_list_series_async (metadata, id, NULL, mml_cli_wait_cb, &wait);
    rows = mml_metadata_controller_list_series_finish (metadata, mml_cli_wait_run (&wait), &error);
  }
  if (rows == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (rows->len == 0)
    {
      mml_cli_check_id (a->cli, MML_CLI_ID_SERIES, id);
      return MML_EXIT_FAILURE;
    }
  series = g_ptr_array_index (rows, 0);

  if (a->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", id);
      mml_cli_viewing_to_json (out, series);
      g_string_append (out, "}\n");
      fputs (out->str, stdout);
      return MML_EXIT_OK;
    }
  mml_cli_print_viewing (series, TRUE);
  return MML_EXIT_OK;
}
