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
#include "mml-store-roots.h"
#include "mml-util.h"

/* --- search ------------------------------------------------------------- */

int
mml_cli_series_search (MmlCliSeriesArgs *a,
                       MmlStore         *store)
{
  g_auto(MmlCliSeriesServices) s = { 0 };
  g_autoptr(MmlSyncWait) wait = mml_sync_wait_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(MmlMatchQuery) query = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (a->words->len < 2)
    return mml_cli_usage_error (a->cli, _("search needs a title"));
  g_ptr_array_add (a->words, NULL);
  title = g_strjoinv (" ", (char **) a->words->pdata + 1);
  g_ptr_array_remove_index (a->words, a->words->len - 1);

  mml_cli_series_services_init (&s, a, store);
  query = mml_match_query_new_from_folder (title);
  if (a->year > 0)
    query->year = a->year;
  mml_provider_search_async (s.provider, query->title, query->year, NULL, mml_sync_wait_cb, wait);
  if ((found = mml_provider_search_finish (s.provider, mml_sync_wait_run (wait), &error)) == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  mml_matcher_score_all (query, found);
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

          printf ("%8" G_GINT64_FORMAT "  %3.0f%%  %s%s  %s\n", c->series->provider_id, c->score * 100,
                  c->series->title, year, c->series->network ? c->series->network : "");
        }
    }
  if (a->json)
    {
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
    }
  else if (found->len == 0)
    fprintf (stderr, _("Nothing found at %s.\n"), mml_meta_provider_display_name (a->provider));
  return MML_EXIT_OK;
}

/* --- add ---------------------------------------------------------------- */

int
mml_cli_series_add (MmlCliSeriesArgs *a,
                    MmlStore         *store)
{
  g_auto(MmlCliSeriesServices) s = { 0 };
  g_autoptr(MmlSyncWait) wait = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MmlMetaSeries) meta = NULL;
  g_autoptr(MmlRoot) root = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *folder = NULL;
  gint64 id;

  if (a->root_id <= 0 || a->choose <= 0)
    return mml_cli_usage_error (a->cli, _("add needs --root ID and --id PROVIDER_ID"));

  wait = mml_sync_wait_new ();
  mml_store_list_roots_async (store, NULL, mml_sync_wait_cb, wait);
  if ((roots = mml_store_list_roots_finish (store, mml_sync_wait_run (wait), &error)) == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  for (guint i = 0; i < roots->len && root == NULL; i++)
    if (mml_root_get_id (g_ptr_array_index (roots, i)) == a->root_id)
      root = g_object_ref (g_ptr_array_index (roots, i));
  if (root == NULL)
    {
      mml_cli_error (a->cli, _("there is no library folder %lld (see “mml root list”)"), (long long) a->root_id);
      return MML_EXIT_FAILURE;
    }

  mml_cli_series_services_init (&s, a, store);
  g_clear_pointer (&wait, mml_sync_wait_free);
  wait = mml_sync_wait_new ();
  mml_provider_get_series_async (s.provider, a->choose, MML_EPISODE_ORDER_AIRED, NULL, mml_sync_wait_cb, wait);
  if ((meta = mml_provider_get_series_finish (s.provider, mml_sync_wait_run (wait), &error)) == NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }

  if (a->folder != NULL)
    folder = g_strdup (a->folder);
  else if (meta->year > 0)
    folder = g_strdup_printf ("%s (%d)", meta->title, meta->year);
  else
    folder = g_strdup (meta->title);
  g_strdelimit (folder, "/", '-');
  if (g_str_equal (folder, ".") || g_str_equal (folder, "..") || folder[0] == '\0')
    return mml_cli_usage_error (a->cli, _("“%s” cannot be a folder name"), folder);

  /* a folder that is a series already stays that series: matching it to
   * another show is "series match ID --choose", said so, not done here */
  {
    g_autoptr(MmlSyncWait) list = mml_sync_wait_new ();
    g_autoptr(GPtrArray) rows = NULL;

    mml_meta_store_list_series_async (store, 0, NULL, mml_sync_wait_cb, list);
    if ((rows = mml_meta_store_list_series_finish (store, mml_sync_wait_run (list), &error)) == NULL)
      {
        mml_cli_error (a->cli, "%s", error->message);
        return MML_EXIT_FAILURE;
      }
    for (guint i = 0; i < rows->len; i++)
      {
        MmlSeriesRow *row = g_ptr_array_index (rows, i);

        if (row->root_id == a->root_id && g_strcmp0 (row->folder, folder) == 0)
          {
            mml_cli_error (a->cli, _("the folder “%s” is already series %lld (“%s”); to match it to this show, use “mml series match %lld --choose %lld”"),
                           folder, (long long) row->id, row->title, (long long) row->id, (long long) a->choose);
            return MML_EXIT_FAILURE;
          }
      }
  }

  /* the same show already in the library: said, not refused (a second copy
   * on another root, in another quality, is a reason to add it again) */
  {
    g_autoptr(MmlSyncWait) find = mml_sync_wait_new ();
    g_autoptr(GPtrArray) copies = NULL;

    mml_meta_store_find_matched_async (store, meta->provider, &meta->provider_id, 1, NULL, mml_sync_wait_cb, find);
    copies = mml_meta_store_find_matched_finish (store, mml_sync_wait_run (find), NULL);
    for (guint i = 0; copies != NULL && i < copies->len; i++)
      {
        MmlSeriesRow *copy = g_ptr_array_index (copies, i);
        g_autofree char *path = g_build_filename (copy->root_path, copy->folder ? copy->folder : "", NULL);

        mml_cli_error (a->cli, _("note: “%s” is already in the library as series %lld, in %s; adding another copy"),
                       copy->title, (long long) copy->id, path);
      }
  }

  dir = g_file_new_build_filename (mml_root_get_path (root), folder, NULL);
  if (!g_file_make_directory_with_parents (dir, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      mml_cli_error (a->cli, _("cannot create the folder: %s"), error->message);
      return MML_EXIT_FAILURE;
    }
  g_clear_error (&error);

  g_clear_pointer (&wait, mml_sync_wait_free);
  wait = mml_sync_wait_new ();
  mml_meta_store_add_series_async (store, a->root_id, folder, meta->title, meta->year, NULL, mml_sync_wait_cb, wait);
  if ((id = mml_meta_store_add_series_finish (store, mml_sync_wait_run (wait), &error)) <= 0)
    {
      mml_cli_error (a->cli, "%s", error ? error->message : _("the series could not be added"));
      return MML_EXIT_FAILURE;
    }

  g_clear_pointer (&wait, mml_sync_wait_free);
  wait = mml_sync_wait_new ();
  mml_meta_store_apply_async (store, id, meta, MML_MATCH_STATE_MANUAL, MML_EPISODE_ORDER_AIRED,
                              NULL, mml_sync_wait_cb, wait);
  mml_meta_store_apply_finish (store, mml_sync_wait_run (wait), &error);
  if (error != NULL)
    {
      mml_cli_error (a->cli, "%s", error->message);
      return MML_EXIT_FAILURE;
    }
  if (a->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", id);
      mml_cli_json_string (out, "folder", folder);
      g_string_append_printf (out, ",\"root\":%" G_GINT64_FORMAT "}\n", a->root_id);
      fputs (out->str, stdout);
    }
  else
    printf (_("Added “%s” as series %lld in %s/%s\n"),
            meta->title, (long long) id, mml_root_get_path (root), folder);
  return MML_EXIT_OK;
}
