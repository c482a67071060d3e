/* mml-series-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every series of the library as a grid of posters or a list, with instant
 * search, filters and sorting, and the page of one series. The models:
 *
 *   engine series (GListStore) → GtkSortListModel (sort mode, then title)
 *     → GtkFilterListModel (every: GtkStringFilter bound to the search
 *       entry, GtkCustomFilter of the filter menu)
 *     → GtkNoSelection → GtkGridView or GtkListView (the one shown)
 *
 * Sorting comes before filtering so that a keystroke only filters an
 * already sorted list (5,000 series are sorted once per reload, not once
 * per keystroke). The views only create the cards on screen, and a card
 * loads its poster only while it is mapped.
 *
 * The filters (match, watch status, subtitles, …), the sort order and the
 * layout are properties, each with a
 * stateful "series." action (the menus and the toggles use them); the sort
 * order and the layout are kept in GSettings. The filter and sorter
 * functions and the network and language menus are in
 * mml-series-view-filters.c.
 */

#define G_LOG_DOMAIN "mml-series-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-add-series-dialog.h"
#include "mml-series-view-private.h"
#include "mml-viewing.h"
#include "widgets/mml-series-list-row.h"
#include "widgets/mml-series-tile.h"

G_DEFINE_FINAL_TYPE (MmlSeriesView, mml_series_view, MML_TYPE_VIEW)

enum {
  PROP_0,
  PROP_FILTER_MISSING,
  PROP_FILTER_GONE,
  PROP_FILTER_MATCH,
  PROP_FILTER_WATCH,
  PROP_FILTER_STATUS,
  PROP_FILTER_DECADE,
  PROP_FILTER_NETWORK,
  PROP_FILTER_LANGUAGE,
  PROP_FILTER_SUBTITLES,
  PROP_SORT,
  PROP_SORT_REVERSED,
  PROP_VIEW_MODE,
  PROP_PAGE_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_stack_changed_cb (MmlSeriesView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_OPEN]);
}

static void
update_content (MmlSeriesView *self)
{
  GListModel *all = self->engine ? mml_library_controller_get_series (mml_engine_get_library (self->engine)) : NULL;
  guint n_all = all ? g_list_model_get_n_items (all) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean filtered = _mml_series_view_filters_active (self);
  const char *page;

  if (n_all == 0 && (self->engine == NULL || !mml_library_controller_get_loaded (mml_engine_get_library (self->engine))))
    page = "loading";   /* an empty model says nothing yet */
  else if (n_all == 0)
    page = "empty";
  else if (n_shown == 0)
    page = "no-results";
  else
    page = self->view_mode;

  if (n_shown == 0 && n_all > 0)
    {
      g_autofree char *description = NULL;

      if (*search != '\0' && filtered)
        description = g_strdup_printf (_("No series title contains “%s” among the series the filters leave."), search);
      else if (*search != '\0')
        description = g_strdup_printf (_("No series title contains “%s”."), search);
      else
        description = g_strdup (_("No series matches all the filters."));
      adw_status_page_set_description (self->no_results_page, description);
      gtk_widget_set_visible (self->no_results_button, filtered);
    }

  if (filtered && n_all > 0)
    {
      g_autofree char *text =
        /* Translators: "Showing 3 of 120 series" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u of %u series", "Showing %u of %u series", n_all),
                         n_shown, n_all);
      gtk_label_set_label (self->filter_label, text);
    }
  gtk_revealer_set_reveal_child (self->filter_revealer, filtered && n_all > 0);
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

/* --- the views ------------------------------------------------------------------ */

static void
tile_setup_cb (MmlSeriesView            *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (list_item, mml_series_tile_new (self->cache));
}

static void
tile_bind_cb (MmlSeriesView            *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  mml_series_tile_set_item (MML_SERIES_TILE (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
tile_unbind_cb (MmlSeriesView            *self,
                GtkListItem              *list_item,
                GtkSignalListItemFactory *factory)
{
  mml_series_tile_set_item (MML_SERIES_TILE (gtk_list_item_get_child (list_item)), NULL);
}

static void
row_setup_cb (MmlSeriesView            *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (list_item, mml_series_list_row_new (self->cache));
}

static void
row_bind_cb (MmlSeriesView            *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  mml_series_list_row_set_item (MML_SERIES_LIST_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
row_unbind_cb (MmlSeriesView            *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  mml_series_list_row_set_item (MML_SERIES_LIST_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* The cards hold the poster cache of the engine: new cards for a new one */
static void
set_factories (MmlSeriesView *self)
{
  g_autoptr(GtkListItemFactory) tiles = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) rows = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (tiles, "setup", G_CALLBACK (tile_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tiles, "bind", G_CALLBACK (tile_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tiles, "unbind", G_CALLBACK (tile_unbind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rows, "setup", G_CALLBACK (row_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rows, "bind", G_CALLBACK (row_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rows, "unbind", G_CALLBACK (row_unbind_cb), self, G_CONNECT_SWAPPED);

  gtk_grid_view_set_factory (self->grid_view, tiles);
  gtk_list_view_set_factory (self->list_view, rows);
}

/* Only the view on screen has the model, so only it makes widgets */
static void
apply_view_mode (MmlSeriesView *self)
{
  gboolean list = g_str_equal (self->view_mode, "list");

  gtk_grid_view_set_model (self->grid_view, list ? NULL : GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_model (self->list_view, list ? GTK_SELECTION_MODEL (self->selection) : NULL);
  update_content (self);
}

/* --- callbacks ------------------------------------------------------------------- */

static void
models_changed_cb (MmlSeriesView *self,
                   guint          position,
                   guint          removed,
                   guint          added,
                   GListModel    *model)
{
  update_content (self);
}

static void
series_changed_cb (MmlSeriesView *self,
                   guint          position,
                   guint          removed,
                   guint          added,
                   GListModel    *model)
{
  update_content (self);
  _mml_series_view_queue_update_menus (self);
}

static void
search_changed_cb (MmlSeriesView *self)
{
  update_content (self);
}

static void
grid_activate_cb (MmlSeriesView *self,
                  guint          position,
                  GtkWidget     *view)
{
  g_autoptr(MmlSeriesItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item == NULL || self->engine == NULL)
    return;

  mml_series_page_show (self->series_page, self->engine, item);
  gtk_stack_set_visible_child_name (self->page_stack, "series");
}

static void
series_added_cb (MmlSeriesView      *self,
                 gint64              series_id,
                 const char         *title,
                 MmlAddSeriesDialog *dialog)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  /* Translators: a toast, %s is a series title */
  text = g_strdup_printf (_("Added “%s”"), escaped);
  mml_view_add_toast (MML_VIEW (self), adw_toast_new (text));
  mml_series_view_open_id (self, series_id);
}

/* --- actions ----------------------------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MmlSeriesView *self = MML_SERIES_VIEW (widget);

  gtk_stack_set_visible_child_name (self->page_stack, "all");
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  mml_series_view_show_add_dialog (MML_SERIES_VIEW (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MmlSeriesView *self = MML_SERIES_VIEW (widget);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_set (self,
                "filter-missing", FALSE,
                "filter-gone", FALSE,
                "filter-match", "",
                "filter-watch", "",
                "filter-status", "",
                "filter-decade", 0,
                "filter-network", "",
                "filter-language", "",
                "filter-subtitles", "",
                NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* --- MmlView -------------------------------------------------------------------------- */

static gboolean
mml_series_view_focus_search (MmlView *view)
{
  MmlSeriesView *self = MML_SERIES_VIEW (view);

  gtk_stack_set_visible_child_name (self->page_stack, "all");
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* the library's first load answered: an empty model means empty now */
static void
loaded_changed_cb (MmlSeriesView *self,
                   GParamSpec    *pspec,
                   gpointer       emitter)
{
  update_content (self);
}

static void
mml_series_view_engine_changed (MmlView *view)
{
  MmlSeriesView *self = MML_SERIES_VIEW (view);
  MmlEngine *engine = mml_view_get_engine (view);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (mml_library_controller_get_series (mml_engine_get_library (self->engine)), self);
      g_signal_handlers_disconnect_by_data (mml_engine_get_library (self->engine), self);
    }

  self->engine = engine;
  g_clear_object (&self->cache);
  if (engine != NULL)
    self->cache = g_object_ref (mml_poster_cache_get_for_engine (engine));
  set_factories (self);
  gtk_sort_list_model_set_model (self->sort_model,
                                 engine ? mml_library_controller_get_series (mml_engine_get_library (engine)) : NULL);

  if (engine != NULL)
    {
      g_signal_connect_object (mml_library_controller_get_series (mml_engine_get_library (engine)), "items-changed",
                               G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mml_engine_get_library (engine), "notify::loaded",
                               G_CALLBACK (loaded_changed_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "series.add", engine != NULL);
  gtk_stack_set_visible_child_name (self->page_stack, "all");
  update_content (self);
  if (engine != NULL)
    _mml_series_view_queue_update_menus (self);
}

/* --- GObject ---------------------------------------------------------------------------- */

/* A new order starts at its top: keeping the first series in view would
 * land in the middle of the new order. (Through the list's own action:
 * setting the adjustment while the grid still lays out the new order is
 * refused.) */
static void
scroll_to_top (MmlSeriesView *self,
               GtkWidget     *items)
{
  if (gtk_widget_get_mapped (items) && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (items, "list.scroll-to-item", "u", 0);
}

static void
resort (MmlSeriesView *self)
{
  if (self->custom_sorter == NULL)
    return;
  gtk_sorter_changed (GTK_SORTER (self->custom_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  scroll_to_top (self, GTK_WIDGET (self->grid_view));
  scroll_to_top (self, GTK_WIDGET (self->list_view));
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value ? value : "") == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value ? value : "");
  return TRUE;
}

static void
mml_series_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MmlSeriesView *self = MML_SERIES_VIEW (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_FILTER_MISSING:
      changed = self->filter_missing != g_value_get_boolean (value);
      self->filter_missing = g_value_get_boolean (value);
      break;
    case PROP_FILTER_GONE:
      changed = self->filter_gone != g_value_get_boolean (value);
      self->filter_gone = g_value_get_boolean (value);
      break;
    case PROP_FILTER_MATCH:
      changed = set_string (&self->filter_match, g_value_get_string (value));
      break;
    case PROP_FILTER_WATCH:
      {
        const char *watch = g_value_get_string (value);

        MmlViewingStatus status;

        /* "" (any) or a viewing status (mml-viewing.h) */
        if (watch == NULL || *watch == '\0' || mml_viewing_status_from_string (watch, &status))
          changed = set_string (&self->filter_watch, watch);
      }
      break;
    case PROP_FILTER_STATUS:
      changed = set_string (&self->filter_status, g_value_get_string (value));
      break;
    case PROP_FILTER_DECADE:
      changed = self->filter_decade != g_value_get_int (value);
      self->filter_decade = g_value_get_int (value);
      break;
    case PROP_FILTER_NETWORK:
      changed = set_string (&self->filter_network, g_value_get_string (value));
      break;
    case PROP_FILTER_LANGUAGE:
      changed = set_string (&self->filter_language, g_value_get_string (value));
      break;
    case PROP_FILTER_SUBTITLES:
      {
        const char *subtitles = g_value_get_string (value);

        if (g_strv_contains ((const char * const[]) { "", "with", "mixed", "none", "lacking", NULL },
                             subtitles ? subtitles : ""))
          changed = set_string (&self->filter_subtitles, subtitles);
      }
      break;
    case PROP_SORT:
      {
        const char *mode = g_value_get_string (value);

        if (g_strv_contains ((const char * const[]) { "title", "year", "added", "missing", "airing", "watched",
                                                      "size", NULL }, mode ? mode : "") &&
            (changed = set_string (&self->sort_mode, mode)))
          resort (self);
      }
      break;
    case PROP_SORT_REVERSED:
      if ((changed = self->sort_reversed != g_value_get_boolean (value)))
        {
          self->sort_reversed = g_value_get_boolean (value);
          resort (self);
        }
      break;
    case PROP_VIEW_MODE:
      {
        const char *mode = g_value_get_string (value);

        if ((g_strcmp0 (mode, "grid") == 0 || g_strcmp0 (mode, "list") == 0) &&
            (changed = set_string (&self->view_mode, mode)))
          apply_view_mode (self);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (!changed)
    return;

  if (prop_id >= PROP_FILTER_MISSING && prop_id <= PROP_FILTER_SUBTITLES)
    {
      gtk_filter_changed (GTK_FILTER (self->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_content (self);
      if (prop_id == PROP_FILTER_NETWORK || prop_id == PROP_FILTER_LANGUAGE)
        _mml_series_view_queue_update_menus (self);
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
mml_series_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MmlSeriesView *self = MML_SERIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILTER_MISSING:
      g_value_set_boolean (value, self->filter_missing);
      break;
    case PROP_FILTER_GONE:
      g_value_set_boolean (value, self->filter_gone);
      break;
    case PROP_FILTER_MATCH:
      g_value_set_string (value, self->filter_match);
      break;
    case PROP_FILTER_WATCH:
      g_value_set_string (value, self->filter_watch);
      break;
    case PROP_FILTER_STATUS:
      g_value_set_string (value, self->filter_status);
      break;
    case PROP_FILTER_DECADE:
      g_value_set_int (value, self->filter_decade);
      break;
    case PROP_FILTER_NETWORK:
      g_value_set_string (value, self->filter_network);
      break;
    case PROP_FILTER_LANGUAGE:
      g_value_set_string (value, self->filter_language);
      break;
    case PROP_FILTER_SUBTITLES:
      g_value_set_string (value, self->filter_subtitles);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort_mode);
      break;
    case PROP_SORT_REVERSED:
      g_value_set_boolean (value, self->sort_reversed);
      break;
    case PROP_VIEW_MODE:
      g_value_set_string (value, self->view_mode);
      break;
    case PROP_PAGE_OPEN:
      g_value_set_boolean (value, mml_series_view_get_page_open (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mml_series_view_dispose (GObject *object)
{
  MmlSeriesView *self = MML_SERIES_VIEW (object);

  g_clear_object (&self->settings);
  /* drops the engine (engine_changed) first */
  mml_view_dispose_template (MML_VIEW (object), MML_TYPE_SERIES_VIEW);
  g_clear_handle_id (&self->menus_source, g_source_remove);
  g_clear_object (&self->cache);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->custom_sorter);

  G_OBJECT_CLASS (mml_series_view_parent_class)->dispose (object);
}

static void
mml_series_view_finalize (GObject *object)
{
  MmlSeriesView *self = MML_SERIES_VIEW (object);

  g_free (self->filter_match);
  g_free (self->filter_watch);
  g_free (self->filter_status);
  g_free (self->filter_network);
  g_free (self->filter_language);
  g_free (self->filter_subtitles);
  g_free (self->sort_mode);
  g_free (self->view_mode);
  g_free (self->menu_values);

  G_OBJECT_CLASS (mml_series_view_parent_class)->finalize (object);
}

static void
mml_series_view_class_init (MmlSeriesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MmlViewClass *view_class = MML_VIEW_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mml_series_view_dispose;
  object_class->finalize = mml_series_view_finalize;
  object_class->get_property = mml_series_view_get_property;
  object_class->set_property = mml_series_view_set_property;

  view_class->focus_search = mml_series_view_focus_search;
  view_class->engine_changed = mml_series_view_engine_changed;

  properties[PROP_FILTER_MISSING] =
    g_param_spec_boolean ("filter-missing", NULL, NULL, FALSE, rw);
  /* series with files the library knew of that are gone from the disk */
  properties[PROP_FILTER_GONE] =
    g_param_spec_boolean ("filter-gone", NULL, NULL, FALSE, rw);
  properties[PROP_FILTER_MATCH] =
    g_param_spec_string ("filter-match", NULL, NULL, "", rw);
  /* "" (any) or a viewing status ("not-started", "watching", …): see
   * mml-series-view-filters.c */
  properties[PROP_FILTER_WATCH] =
    g_param_spec_string ("filter-watch", NULL, NULL, "", rw);
  properties[PROP_FILTER_STATUS] =
    g_param_spec_string ("filter-status", NULL, NULL, "", rw);
  properties[PROP_FILTER_DECADE] =
    g_param_spec_int ("filter-decade", NULL, NULL, 0, 9999, 0, rw);
  properties[PROP_FILTER_NETWORK] =
    g_param_spec_string ("filter-network", NULL, NULL, "", rw);
  properties[PROP_FILTER_LANGUAGE] =
    g_param_spec_string ("filter-language", NULL, NULL, "", rw);
  /* "" (any), "with", "mixed", "none" (the status), or "lacking" (some
   * episode without the first preferred language): see
   * mml-series-view-filters.c */
  properties[PROP_FILTER_SUBTITLES] =
    g_param_spec_string ("filter-subtitles", NULL, NULL, "", rw);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "title", rw);
  properties[PROP_SORT_REVERSED] =
    g_param_spec_boolean ("sort-reversed", NULL, NULL, FALSE, rw);
  properties[PROP_VIEW_MODE] =
    g_param_spec_string ("view-mode", NULL, NULL, "grid", rw);
  /* whether one series' page shows: it brings its own header then */
  properties[PROP_PAGE_OPEN] =
    g_param_spec_boolean ("page-open", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mml-series-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, no_results_button);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, selection);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, every_filter);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, network_section);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, language_section);
  gtk_widget_class_bind_template_child (widget_class, MmlSeriesView, series_page);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "series.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "series.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "series.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "series.filter-missing", "filter-missing");
  gtk_widget_class_install_property_action (widget_class, "series.filter-gone", "filter-gone");
  gtk_widget_class_install_property_action (widget_class, "series.filter-match", "filter-match");
  gtk_widget_class_install_property_action (widget_class, "series.filter-watch", "filter-watch");
  gtk_widget_class_install_property_action (widget_class, "series.filter-status", "filter-status");
  gtk_widget_class_install_property_action (widget_class, "series.filter-decade", "filter-decade");
  gtk_widget_class_install_property_action (widget_class, "series.filter-network", "filter-network");
  gtk_widget_class_install_property_action (widget_class, "series.filter-language", "filter-language");
  gtk_widget_class_install_property_action (widget_class, "series.filter-subtitles", "filter-subtitles");
  gtk_widget_class_install_property_action (widget_class, "series.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "series.sort-reversed", "sort-reversed");
  gtk_widget_class_install_property_action (widget_class, "series.view-mode", "view-mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "series.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "series.back", NULL);

  g_type_ensure (MML_TYPE_SERIES_ITEM);
  g_type_ensure (MML_TYPE_SERIES_PAGE);
}

static void
mml_series_view_init (MmlSeriesView *self)
{
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();
  GtkStringSorter *by_title;

  self->filter_match = g_strdup ("");
  self->filter_watch = g_strdup ("");
  self->filter_status = g_strdup ("");
  self->filter_network = g_strdup ("");
  self->filter_language = g_strdup ("");
  self->filter_subtitles = g_strdup ("");
  self->sort_mode = g_strdup ("title");
  self->view_mode = g_strdup ("grid");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->custom_filter = gtk_custom_filter_new (_mml_series_view_filter_func, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter), g_object_ref (GTK_FILTER (self->custom_filter)));

  self->custom_sorter = gtk_custom_sorter_new (_mml_series_view_compare_func, self, NULL);
  by_title = gtk_string_sorter_new (gtk_property_expression_new (MML_TYPE_SERIES_ITEM, NULL, "title"));
  gtk_string_sorter_set_ignore_case (by_title, TRUE);
  gtk_multi_sorter_append (sorter, g_object_ref (GTK_SORTER (self->custom_sorter)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (by_title));
  gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (sorter));

  set_factories (self);
  apply_view_mode (self);

  self->settings = g_settings_new (APP_ID_BASE);
  g_settings_bind (self->settings, "series-view-mode", self, "view-mode", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "series-sort", self, "sort", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "series-sort-reversed", self, "sort-reversed", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (models_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_stack, "notify::visible-child-name",
                           G_CALLBACK (page_stack_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "series.add", FALSE);
  update_content (self);
}

/**
 * mml_series_view_get_model:
 * @self: a #MmlSeriesView
 *
 * Returns: (transfer none): the model the grid and the list show (sorted
 *   and filtered)
 */
GListModel *
mml_series_view_get_model (MmlSeriesView *self)
{
  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * mml_series_view_get_page:
 * @self: a #MmlSeriesView
 *
 * Returns: (transfer none): the series page
 */
MmlSeriesPage *
mml_series_view_get_page (MmlSeriesView *self)
{
  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), NULL);

  return self->series_page;
}

/**
 * mml_series_view_get_items_widget:
 *
 * Returns: (transfer none): the grid or the list, whichever is shown
 */
GtkWidget *
mml_series_view_get_items_widget (MmlSeriesView *self)
{
  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), NULL);

  if (g_str_equal (self->view_mode, "list"))
    return GTK_WIDGET (self->list_view);
  return GTK_WIDGET (self->grid_view);
}

/**
 * mml_series_view_open:
 * @self: a #MmlSeriesView
 * @position: a position in mml_series_view_get_model()
 *
 * Opens the page of the series at @position, as activating its card does.
 */
void
mml_series_view_open (MmlSeriesView *self,
                      guint          position)
{
  g_return_if_fail (MML_IS_SERIES_VIEW (self));

  grid_activate_cb (self, position, GTK_WIDGET (self->grid_view));
}

/**
 * mml_series_view_get_page_open:
 *
 * Returns: whether a series page shows (rather than all the series)
 */
gboolean
mml_series_view_get_page_open (MmlSeriesView *self)
{
  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "series") == 0;
}

/**
 * mml_series_view_open_id:
 *
 * Opens the page of series @series_id, which the list may not have yet.
 */
void
mml_series_view_open_id (MmlSeriesView *self,
                         gint64         series_id)
{
  g_return_if_fail (MML_IS_SERIES_VIEW (self));

  if (self->engine == NULL)
    return;

  mml_series_page_show_id (self->series_page, self->engine, series_id);
  gtk_stack_set_visible_child_name (self->page_stack, "series");
}

/**
 * mml_series_view_show_add_dialog:
 *
 * Opens the "Add series" window over the view's window.
 *
 * Returns: (transfer none) (nullable): the window, %NULL without a engine
 */
GtkWidget *
mml_series_view_show_add_dialog (MmlSeriesView *self)
{
  GtkRoot *root;
  MmlAddSeriesDialog *dialog;

  g_return_val_if_fail (MML_IS_SERIES_VIEW (self), NULL);

  if (self->engine == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = mml_add_series_dialog_new (self->engine, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "series-added", G_CALLBACK (series_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-series", G_CALLBACK (mml_series_view_open_id), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WIDGET (dialog);
}
