/* mml-series-view-filters.c — the filters, the sort order and the
 * network and language menus of the Series view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filter menu's choices are properties of the view (see
 * mml-series-view.c); the custom filter and sorter read them. The network
 * and language submenus list the most common values of the library,
 * rebuilt in an idle after the series change, and only when they differ.
 */

#define G_LOG_DOMAIN "mml-series-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-series-view-private.h"
#include "mml-viewing.h"

/* The filter menu lists this many networks and languages, the most common */
#define MAX_MENU_VALUES 20

gboolean
_mml_series_view_filters_active (MmlSeriesView *self)
{
  return self->filter_missing || self->filter_gone || *self->filter_match != '\0' || *self->filter_watch != '\0' ||
         *self->filter_status != '\0' || self->filter_decade != 0 ||
         *self->filter_network != '\0' || *self->filter_language != '\0' ||
         *self->filter_subtitles != '\0';
}

/* --- filter and sort ------------------------------------------------------- */

/*
 * The watch status filter: a series' viewing status as the library
 * derives it (mml-viewing.c: not-started, watching, need-to-continue,
 * caught-up, completed) or the user set it (on-hold, dropped); "" is any.
 */
static gboolean
watch_status_matches (MmlSeriesItem *item,
                      const char    *status)
{
  if (*status == '\0')
    return TRUE;
  return g_str_equal (mml_viewing_status_to_string (mml_series_item_get_viewing_status (item)), status);
}

/*
 * The subtitle filter: "with", "mixed" and "none" are the series' status
 * (the user's override when there is one, see mml-subtitles.h); "lacking"
 * is a series with an episode on disk that lacks the first preferred
 * language, unless the user set it to "with" — the series the dashboard's
 * count of episodes without subtitles comes from.
 */
static gboolean
subtitles_match (MmlSeriesItem *item,
                 const char    *filter)
{
  MmlSubtitleStatus status;

  if (*filter == '\0')
    return TRUE;
  if (g_str_equal (filter, "lacking"))
    return mml_series_item_lacks_subtitles (item);
  if (!mml_subtitle_status_from_string (filter, &status))
    return TRUE;

  return mml_series_item_get_subtitle_status (item) == status;
}

gboolean
_mml_series_view_filter_func (gpointer object,
                              gpointer user_data)
{
  MmlSeriesView *self = user_data;
  MmlSeriesItem *item = object;
  int year;

  if (self->filter_missing && mml_series_item_get_n_missing (item) == 0)
    return FALSE;
  if (self->filter_gone && mml_series_item_get_n_missing_files (item) == 0)
    return FALSE;

  if (g_str_equal (self->filter_match, "matched"))
    {
      if (!mml_series_item_get_matched (item))
        return FALSE;
    }
  else if (*self->filter_match != '\0' &&
           g_strcmp0 (mml_series_item_get_match_state (item), self->filter_match) != 0)
    return FALSE;

  if (!watch_status_matches (item, self->filter_watch))
    return FALSE;

  if (*self->filter_status != '\0' &&
      g_strcmp0 (mml_series_item_get_status (item), self->filter_status) != 0)
    return FALSE;

  year = mml_series_item_get_year (item);
  if (self->filter_decade == 1 && (year <= 0 || year >= 1980))
    return FALSE;
  if (self->filter_decade > 1 && (year / 10) * 10 != self->filter_decade)
    return FALSE;

  if (*self->filter_network != '\0' &&
      g_strcmp0 (mml_series_item_get_network (item), self->filter_network) != 0)
    return FALSE;
  if (*self->filter_language != '\0' &&
      g_strcmp0 (mml_series_item_get_language (item), self->filter_language) != 0)
    return FALSE;

  if (!subtitles_match (item, self->filter_subtitles))
    return FALSE;

  return TRUE;
}

#define COMPARE_DESC(a, b) ((a) > (b) ? GTK_ORDERING_SMALLER : (a) < (b) ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL)

/* Series that lack what the order sorts by (no year, never watched,
 * nothing airing) go last, whichever way round the order is */
static int
compare_known (gboolean x_known,
               gboolean y_known)
{
  if (x_known != y_known)
    return x_known ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return GTK_ORDERING_EQUAL;
}

static gint64
last_watched_at (MmlSeriesItem *item)
{
  const MmlEpisodeRef *ref = mml_series_item_get_last_watched (item);

  return ref != NULL ? MAX (ref->watched_at, 1) : 0;
}

/* The sort mode's order, before the direction: a negative, zero or
 * positive ordering; titles break ties (the sorter after this one), so
 * "title" itself is EQUAL here unless reversed */
int
_mml_series_view_compare_func (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  MmlSeriesView *self = user_data;
  MmlSeriesItem *x = (MmlSeriesItem *) a;
  MmlSeriesItem *y = (MmlSeriesItem *) b;
  const char *mode = self->sort_mode;
  int known = GTK_ORDERING_EQUAL;
  int order = GTK_ORDERING_EQUAL;

  if (g_str_equal (mode, "year"))
    {
      /* newest first */
      int xy = mml_series_item_get_year (x);
      int yy = mml_series_item_get_year (y);

      known = compare_known (xy != 0, yy != 0);
      order = COMPARE_DESC (xy, yy);
    }
  else if (g_str_equal (mode, "added"))
    order = COMPARE_DESC (mml_series_item_get_added_at (x), mml_series_item_get_added_at (y));
  else if (g_str_equal (mode, "missing"))
    order = COMPARE_DESC (mml_series_item_get_n_missing (x), mml_series_item_get_n_missing (y));
  else if (g_str_equal (mode, "size"))
    order = COMPARE_DESC (mml_series_item_get_size (x), mml_series_item_get_size (y));
  else if (g_str_equal (mode, "watched"))
    {
      /* latest first */
      gint64 xw = last_watched_at (x);
      gint64 yw = last_watched_at (y);

      known = compare_known (xw != 0, yw != 0);
      order = COMPARE_DESC (xw, yw);
    }
  else if (g_str_equal (mode, "airing"))
    {
      /* soonest first: the dates are YYYY-MM-DD */
      const char *xa = mml_series_item_get_next_air_date (x);
      const char *ya = mml_series_item_get_next_air_date (y);

      known = compare_known (xa != NULL, ya != NULL);
      if (xa != NULL && ya != NULL)
        order = strcmp (xa, ya) < 0 ? GTK_ORDERING_SMALLER : strcmp (xa, ya) > 0 ? GTK_ORDERING_LARGER
                                                                               : GTK_ORDERING_EQUAL;
    }
  else if (self->sort_reversed)   /* "title": the title sorter only sorts up */
    order = g_utf8_collate (mml_series_item_get_title (x), mml_series_item_get_title (y));

  if (known != GTK_ORDERING_EQUAL)
    return known;
  if (self->sort_reversed)
    order = -order;
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* --- the network and language menus ----------------------------------------- */

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  guint cx = GPOINTER_TO_UINT (g_hash_table_lookup (counts, x));
  guint cy = GPOINTER_TO_UINT (g_hash_table_lookup (counts, y));

  if (cx != cy)
    return cx > cy ? -1 : 1;
  return g_utf8_collate (x, y);
}

/* The most common values, then @selected if it is not among them */
static GPtrArray *
common_values (GListModel  *model,
               const char *(*get) (MmlSeriesItem *),
               const char  *selected)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      MmlSeriesItem *item = g_list_model_get_item (model, i);
      const char *value = get (item);

      g_ptr_array_add (items, item);   /* keeps the strings alive */
      if (value != NULL)
        g_hash_table_insert (counts, (gpointer) value,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1));
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (values, g_strdup (key));
  g_ptr_array_sort_with_data (values, compare_counts, counts);
  if (values->len > MAX_MENU_VALUES)
    g_ptr_array_set_size (values, MAX_MENU_VALUES);

  if (*selected != '\0' &&
      !g_ptr_array_find_with_equal_func (values, selected, g_str_equal, NULL))
    g_ptr_array_add (values, g_strdup (selected));

  return values;
}

static void
fill_section (GMenu      *section,
              const char *action,
              GPtrArray  *values,
              GString    *signature)
{
  g_menu_remove_all (section);
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = g_strsplit (value, "_", -1);

      /* an underscore would be a mnemonic */
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (value));
      g_menu_append_item (section, item);
    }

  for (guint i = 0; i < values->len; i++)
    {
      g_string_append (signature, g_ptr_array_index (values, i));
      g_string_append_c (signature, '\n');
    }
  g_string_append_c (signature, '\f');
}

static gboolean
update_menus_cb (gpointer user_data)
{
  MmlSeriesView *self = user_data;
  GListModel *all;
  g_autoptr(GPtrArray) networks = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GString) check = g_string_new (NULL);

  self->menus_source = 0;
  if (self->engine == NULL)
    return G_SOURCE_REMOVE;

  all = mml_library_controller_get_series (mml_engine_get_library (self->engine));
  networks = common_values (all, mml_series_item_get_network, self->filter_network);
  languages = common_values (all, mml_series_item_get_language, self->filter_language);

  /* Rebuild only when the lists changed: an open menu would flicker */
  for (guint i = 0; i < networks->len; i++)
    g_string_append_printf (check, "%s\n", (char *) g_ptr_array_index (networks, i));
  g_string_append_c (check, '\f');
  for (guint i = 0; i < languages->len; i++)
    g_string_append_printf (check, "%s\n", (char *) g_ptr_array_index (languages, i));
  g_string_append_c (check, '\f');
  if (g_strcmp0 (check->str, self->menu_values) == 0)
    return G_SOURCE_REMOVE;

  fill_section (self->network_section, "series.filter-network", networks, signature);
  fill_section (self->language_section, "series.filter-language", languages, signature);
  g_free (self->menu_values);
  self->menu_values = g_string_free (g_steal_pointer (&signature), FALSE);

  return G_SOURCE_REMOVE;
}

void
_mml_series_view_queue_update_menus (MmlSeriesView *self)
{
  if (self->menus_source == 0)
    self->menus_source = g_idle_add_full (G_PRIORITY_LOW, update_menus_cb, self, NULL);
}

