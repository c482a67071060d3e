/* mml-cli-series-add.c — `mml series search` (candidates at the provider,
 * scored as the matcher scores them) and `mml series add` (a series by its
 * provider id: the folder is created under the root, the match is manual)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mml-cli-series-private.h"
#include "mml-meta-store.h"
#include "mml-util.h"

/* --- search ------------------------------------------------------------- */

int
mml_cli_series_search (MmlCliSeriesArgs *a,
                       MmlEngine        *engine)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (a->words->len < 2)
    return mml_cli_usage_error (a->cli, _("series search needs a title"));
  g_ptr_array_add (a->words, NULL);
  title = g_strjoinv (" ", (char **) a->words->pdata + 1);
  g_ptr_array_remove_index (a->words, a->words->len - 1);

  if (!mml_cli_wait_provider (a->cli))
    return MML_EXIT_FAILURE;
  mml_metadata_controller_search_async (metadata, title, a->year, NULL, mml_cli_wait_cb, &wait);
  if ((found = mml_metadata_controller_search_finish (metadata, mml_cli_wait_run (&wait), &error)) == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < found->len; i++)
    {
      MmlMetaCandidate *c = g_ptr_array_index (found, i);

      if (a->json)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_printf (out, "{\"provider\":\"%s\",\"id\":%" G_GINT64_FORMAT ",",
                                  mml_meta_provider_to_string (c->series->provider), c->series->provider_id);
          mml_cli_json_string (out, "title", c->series->title);
          g_string_append_c (out, ',');
          mml_cli_json_int (out, "year", c->series->year);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "network", c->series->network);
          g_string_append_c (out, ',');
          mml_cli_json_string (out, "country", c->series->country);
          g_string_append_printf (out, ",\"score\":%.3f}", c->score);
        }
      else
        {
          g_autofree char *year = c->series->year > 0 ? g_strdup_printf (" (%d)", c->series->year) : g_strdup ("");
          g_autofree char *name = mml_cli_text (c->series->title);
          g_autofree char *network = mml_cli_text (c->series->network);

          printf ("%8" G_GINT64_FORMAT "  %3.0f%%  %s%s  %s\n", c->series->provider_id, c->score * 100,
                  name, year, network);
        }
    }
  if (a->json)
    {
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
    }
  else if (found->len == 0)
    fprintf (stderr, _("Nothing found at %s.\n"),
             mml_meta_provider_display_name (mml_metadata_controller_get_provider (metadata)));
  return MML_EXIT_OK;
}

/* --- add ---------------------------------------------------------------- */

/* The series already matched to the show, for the note that says where;
 * asked before the add, which matches the new one to it too. */
static GPtrArray *
find_copies (MmlMetadataController *metadata,
             gint64                 provider_id)
{
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *copies;

  mml_metadata_controller_find_matched_async (metadata, &provider_id, 1, NULL, mml_cli_wait_cb, &wait);
  copies = mml_metadata_controller_find_matched_finish (metadata, mml_cli_wait_run (&wait), &error);
  if (copies == NULL)
    g_debug ("cannot look for other copies: %s", error->message);
  return copies;
}

/* The added series as the match wrote it: its title and where it is */
static MmlSeriesItem *
added_row (MmlMetadataController *metadata,
           gint64                 id,
           GPtrArray            **rows)
{
  g_auto(MmlCliWait) wait = { 0 };

  mml_metadata_controller_list_series_async (metadata, id, NULL, mml_cli_wait_cb, &wait);
  *rows = mml_metadata_controller_list_series_finish (metadata, mml_cli_wait_run (&wait), NULL);
  return *rows != NULL && (*rows)->len > 0 ? g_ptr_array_index (*rows, 0) : NULL;
}

int
mml_cli_series_add (MmlCliSeriesArgs *a,
                    MmlEngine        *engine)
{
  MmlMetadataController *metadata = mml_engine_get_metadata (engine);
  g_auto(MmlCliWait) wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  MmlSeriesItem *row;
  gint64 existing_id = 0;
  gint64 id;

  if (a->root_id <= 0 || a->choose <= 0)
    return mml_cli_usage_error (a->cli, _("series add needs --root ID and --id PROVIDER_ID"));
  if (!mml_cli_wait_provider (a->cli))
    return MML_EXIT_FAILURE;

  copies = find_copies (metadata, a->choose);

  /* the folder's name, refusing a folder that is a series already,
   * creating it and matching it: the engine's one way to add a series */
  mml_metadata_controller_add_series_async (metadata, a->root_id, a->choose, a->folder, NULL,
                                            mml_cli_wait_cb, &wait);
  id = mml_metadata_controller_add_series_finish (metadata, mml_cli_wait_run (&wait), &folder,
                                                  &existing_id, &error);
  if (id <= 0)
    {
      if (g_error_matches (error, MML_ADD_SERIES_ERROR, MML_ADD_SERIES_ERROR_TAKEN))
        mml_cli_error (a->cli, _("%s; to match it to this show, use “mml series match %lld --choose %lld”"),
                       error->message, (long long) existing_id, (long long) a->choose);
      else if (g_error_matches (error, MML_ADD_SERIES_ERROR, MML_ADD_SERIES_ERROR_NO_ROOT))
        mml_cli_error (a->cli, _("%s (see “mml root list”)"), error->message);
      else
        mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  /* the same show already in the library: said, not refused (a second copy
   * on another root, in another quality, is a reason to add it again) */
  for (guint i = 0; copies != NULL && i < copies->len; i++)
    {
      MmlSeriesItem *copy = g_ptr_array_index (copies, i);
      const char *copy_folder = mml_series_item_get_folder (copy);
      g_autofree char *path = g_build_filename (mml_series_item_get_root_path (copy),
                                                copy_folder ? copy_folder : "", NULL);

      mml_cli_error (a->cli, _("note: “%s” is already in the library as series %lld, in %s; adding another copy"),
                     mml_series_item_get_title (copy), (long long) mml_series_item_get_id (copy), path);
    }

  display = g_filename_display_name (folder);
  if (a->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", id);
      mml_cli_json_string (out, "folder", display);
      g_string_append_printf (out, ",\"root\":%" G_GINT64_FORMAT "}\n", a->root_id);
      fputs (out->str, stdout);
    }
  else if ((row = added_row (metadata, id, &rows)) != NULL)
    {
      g_autofree char *title = mml_cli_text (mml_series_item_get_title (row));
      g_autofree char *path = g_build_filename (mml_series_item_get_root_path (row)
                                                ? mml_series_item_get_root_path (row) : "", folder, NULL);
      g_autofree char *path_display = g_filename_display_name (path);
      g_autofree char *where = mml_cli_text (path_display);

      printf (_("Added “%s” as series %lld in %s\n"), title, (long long) id, where);
    }
  else
    {
      g_autofree char *where = mml_cli_text (display);

      printf (_("Added series %lld in %s\n"), (long long) id, where);
    }
  return MML_EXIT_OK;
}
